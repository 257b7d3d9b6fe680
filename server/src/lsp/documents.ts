// The model cache: one parsed FileModel per open document, keyed by uri and version. An edit
// re-parses only the `---` documents whose text changed; findings are cached per DocumentModel.
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineIndex, languageOf, parseFile } from '../document/file';
import type { DocumentModel, FileModel } from '../document/model';
import type { DocumentMode } from '../document/template';
import { getDocumentFindings } from '../features/diagnostics';
import type { Finding, ValidationOptions } from '../features/validation';
import type { TextEdit } from '../document/yamlParser';
import { LineIndexedDocument } from './textDocument';

/**
 * The edits applied to open documents since their model was last parsed, as one range each (in
 * offsets, as the document applied them), so the next parse re-splits, re-parses and re-indexes lines
 * only from there. A change without a range (the whole text) leaves no range: the next parse is full.
 */
export class EditLog {
  private readonly pending = new Map<string, { base: string; edit: TextEdit | undefined }>();

  /**
   * The TextDocuments configuration that records each change while applying it. Its documents are
   * LineIndexedDocuments: their line index is the one the models take (ModelCache.get).
   */
  configuration(): TextDocumentsConfiguration<LineIndexedDocument> {
    return {
      create: (uri, languageId, version, content) => {
        this.pending.delete(uri);
        return new LineIndexedDocument(uri, languageId, version, content);
      },
      update: (document, changes, version) => {
        let entry = this.pending.get(document.uri);
        if (!entry) this.pending.set(document.uri, (entry = { base: document.getText(), edit: { start: Infinity, oldEnd: -Infinity, newEnd: -Infinity } }));
        for (const change of changes) {
          const replaced = document.apply(change as TextDocumentContentChangeEvent);
          entry.edit = entry.edit && replaced ? compose(entry.edit, replaced.start, replaced.end, change.text.length) : undefined;
        }
        document.version = version;
        return document;
      },
    };
  }

  /** The edit that turned `base` into the document's text now, if `base` is where the log starts. */
  take(uri: string, base: string): TextEdit | undefined {
    const entry = this.pending.get(uri);
    this.pending.delete(uri);
    return entry?.edit && entry.edit.start !== Infinity && entry.base === base ? entry.edit : undefined;
  }

  /** Forgets a document's edits (it was parsed in full, or closed). */
  forget(uri: string): void {
    this.pending.delete(uri);
  }
}

/** One range covering `edit` (old text → current text) and then `[start, end)` of the current text replaced by `length` characters. */
function compose(edit: TextEdit, start: number, end: number, length: number): TextEdit {
  if (edit.start === Infinity) return { start, oldEnd: end, newEnd: start + length };
  const oldEnd = end > edit.newEnd ? edit.oldEnd + (end - edit.newEnd) : edit.oldEnd;
  const newEnd = Math.max(edit.newEnd, end) + length - (end - start);
  return { start: Math.min(edit.start, start), oldEnd, newEnd };
}

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
  constructor(
    private readonly modeOf: (uri: string) => DocumentMode = () => 'complete',
    private readonly edits?: EditLog,
  ) {}

  /** The model of a document at its current version; parses (incrementally) when needed. */
  get(document: TextDocument): ParsedDocument {
    const cached = this.models.get(document.uri);
    const mode = this.modeOf(document.uri);
    const text = document.getText();
    // A client may repeat a version number with new text: the text decides, not the number alone.
    if (cached && cached.version === document.version && (cached.file.mode ?? 'complete') === mode && cached.file.text === text) return cached;
    const edit = cached ? this.edits?.take(document.uri, cached.file.text) : (this.edits?.forget(document.uri), undefined);
    const file = parseFile(text, languageOf(document.languageId === 'json' || document.languageId === 'jsonc' ? 'json' : document.uri), cached?.file, mode, edit);
    // A LineIndexedDocument's index is its text's: taken as it is, one line table for both.
    const lines = document instanceof LineIndexedDocument ? document.lines : edit && cached ? cached.lines.edited(text, edit.start, edit.oldEnd, edit.newEnd) : new LineIndex(text);
    const parsed = { uri: document.uri, version: document.version, file, lines };
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
    this.edits?.forget(uri);
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
