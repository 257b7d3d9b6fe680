// File-wide diagnostics as LSP data: syntax problems and rule findings of every MigrationPolicy
// document, converted from document-relative spans to positions in one place.
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../document/file';
import type { ParsedFile } from '../document/file';
import { deref } from '../document/model';
import type { DocumentModel, Severity } from '../document/model';
import { isPolicyDocument } from '../document/policies';
import { shiftFix, validateDocument } from './validation';
import type { Finding, ValidationOptions } from './validation';
import { plainText } from '../text';

export const DIAGNOSTIC_SOURCE = 'migrationpolicy';

/** LSP's DiagnosticSeverity of each severity name (findings, and the user's per-code overrides). */
export const LSP_SEVERITY: Readonly<Record<Severity, 1 | 2 | 3 | 4>> = { error: 1, warning: 2, information: 3, hint: 4 };

/** Parse problems and rule findings of one document, in document-relative spans (cacheable). */
export function getDocumentFindings(doc: DocumentModel, options: ValidationOptions = {}): Finding[] {
  if (!isPolicyDocument(doc) && !isJsonPatch(doc)) return [];
  const parse: Finding[] = doc.problems.map((p) => ({ code: p.code as Finding['code'], severity: p.severity, message: p.message, span: p.span }));
  return [...parse, ...validateDocument(doc, options)];
}

/** A JSON 6902 patch that a kustomization applies to a MigrationPolicy (the caller set the mode). */
function isJsonPatch(doc: DocumentModel): boolean {
  return doc.mode === 'patch' && deref(doc.root)?.kind === 'seq';
}

/** Converts a finding into an LSP diagnostic; the fix data rides along for code actions. */
export function toDiagnostic(lines: LineIndex, offset: number, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: lines.range(offset, finding.span),
    severity: LSP_SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    // The Problems panel and most editors show diagnostics raw: no markdown backticks.
    message: plainText(finding.message),
  };
  if (finding.fix) diagnostic.data = shiftFix(finding.fix, offset);
  return diagnostic;
}

/** Every diagnostic of a file. `findingsOf` lets callers cache per-document results. */
export function getFileDiagnostics(
  document: Pick<ParsedFile, 'file'> & Partial<Pick<ParsedFile, 'lines'>>,
  options: ValidationOptions = {},
  findingsOf: (doc: DocumentModel) => Finding[] = (doc) => getDocumentFindings(doc, options),
): Diagnostic[] {
  const { file, lines = new LineIndex(file.text) } = document;
  const result: Diagnostic[] = [];
  for (const { offset, model } of file.documents) {
    const findings = [...findingsOf(model)].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    for (const f of findings) result.push(toDiagnostic(lines, offset, f));
  }
  return result;
}
