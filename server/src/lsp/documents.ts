// The model cache: one parsed FileModel per open document, keyed by uri and version. An edit
// re-parses only the `---` documents whose text changed; findings are cached per DocumentModel.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, languageOf, parseFile } from '../document/file';
import type { DocumentModel, FileModel } from '../document/model';
import type { DocumentMode } from '../document/template';
import { getDocumentFindings } from '../features/diagnostics';
import type { Finding, ValidationOptions } from '../features/validation';

export interface ParsedDocument {
  uri: string;
  version: number;
  file: FileModel;
  lines: LineIndex;
}

/** Parsed models of open documents, re-using unchanged `---` documents across versions. */
export class ModelCache {
  private readonly models = new Map<string, ParsedDocument>();
  private readonly findings = new WeakMap<DocumentModel, { key: string; findings: Finding[] }>();

  /** `modeOf` says how a uri is read (a chart template, a Kustomize patch); the file system decides. */
  constructor(private readonly modeOf: (uri: string) => DocumentMode = () => 'complete') {}

  /** The model of a document at its current version; parses (incrementally) when needed. */
  get(document: TextDocument): ParsedDocument {
    const cached = this.models.get(document.uri);
    const mode = this.modeOf(document.uri);
    const text = document.getText();
    // A client may repeat a version number with new text: the text decides, not the number alone.
    if (cached && cached.version === document.version && (cached.file.mode ?? 'complete') === mode && cached.file.text === text) return cached;
    const file = parseFile(text, languageOf(document.languageId === 'json' || document.languageId === 'jsonc' ? 'json' : document.uri), cached?.file, mode);
    const parsed = { uri: document.uri, version: document.version, file, lines: new LineIndex(text) };
    this.models.set(document.uri, parsed);
    return parsed;
  }

  /** The cached model of a uri, whatever its version. */
  peek(uri: string): ParsedDocument | undefined {
    return this.models.get(uri);
  }

  /** Stores a model for a file that is not open (read from the workspace). */
  put(uri: string, text: string): ParsedDocument {
    const file = parseFile(text, languageOf(uri), undefined, this.modeOf(uri));
    const parsed = { uri, version: -1, file, lines: new LineIndex(text) };
    this.models.set(uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }

  entries(): IterableIterator<ParsedDocument> {
    return this.models.values();
  }

  /** Findings of one `---` document, cached until the document or the options (`key`) change. */
  findingsOf(doc: DocumentModel, options: ValidationOptions, key = JSON.stringify(options)): Finding[] {
    const cached = this.findings.get(doc);
    if (cached && cached.key === key) return cached.findings;
    const findings = getDocumentFindings(doc, options);
    this.findings.set(doc, { key, findings });
    return findings;
  }
}
