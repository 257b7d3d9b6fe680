// A file's text → FileModel: YAML streams split into `---` documents (each parsed on its own, so an
// edit re-parses only the document it touched), JSON as one document. Also offset ↔ position.
import type { DocumentModel, FileModel } from './model';
import { parseJsonDocument } from './jsonParser';
import { maskTemplate, readByKustomize, sliceTemplate } from './template';
import type { DocumentMode } from './template';
import { parseYamlDocument, splitDocuments } from './yamlParser';

export type FileLanguage = 'yaml' | 'json';

/** Picks the language from an LSP language id or a file name. */
export function languageOf(nameOrLanguageId: string): FileLanguage {
  return /(^json[c5]?$)|\.json[c5]?$/i.test(nameOrLanguageId) ? 'json' : 'yaml';
}

/**
 * Parses a file. When `previous` is given, documents whose text did not change are reused as they
 * are (their spans are relative to the document), so an edit re-parses only what it touched.
 * `mode` says how the file is read (the file system decides: a chart template, a Kustomize patch);
 * a Helm template's actions are masked first, keeping every offset.
 */
export function parseFile(text: string, language: FileLanguage, previous?: FileModel, mode: DocumentMode = 'complete'): FileModel {
  const tagged = mode === 'complete' ? {} : { mode };
  if (language === 'json') {
    const model = parseJsonDocument(text);
    return { text, language, ...tagged, documents: [{ offset: 0, model: mode === 'patch' ? { ...model, mode } : model }] };
  }
  const masked = mode === 'helm-template' ? maskTemplate(text) : undefined;
  const source = masked?.text ?? text;
  const keyOf = (model: DocumentModel) => (model.template ? `${model.text}\u0000${JSON.stringify(model.template)}` : model.text);
  const reusable = new Map<string, DocumentModel>();
  if (previous && previous.language === 'yaml' && (previous.mode ?? 'complete') === mode) for (const d of previous.documents) reusable.set(keyOf(d.model), d.model);
  const documents = splitDocuments(source).map(({ start, end }) => {
    const slice = source.slice(start, end);
    const template = masked ? sliceTemplate(masked.template, start, end) : undefined;
    const key = template ? `${slice}\u0000${JSON.stringify(template)}` : slice;
    let model = reusable.get(key);
    if (!model) {
      model = parseYamlDocument(slice, template, readByKustomize(mode));
      if (mode !== 'complete') model.mode = mode;
    }
    return { offset: start, model };
  });
  return { text, language, ...tagged, documents };
}

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface LineCharacter {
  line: number;
  character: number;
}

/** Converts between offsets and line/character positions of one text. The one place that does. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: LineCharacter): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
