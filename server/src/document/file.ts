// A file's text → FileModel: YAML streams split into `---` documents (each parsed on its own, so an
// edit re-parses only the document it touched), JSON as one document. Also offset ↔ position.
import type { DocumentModel, FileModel } from './model';
import { parseJsonDocument } from './jsonParser';
import { parseYamlDocument, splitDocuments } from './yamlParser';

export type FileLanguage = 'yaml' | 'json';

/** Picks the language from an LSP language id or a file name. */
export function languageOf(nameOrLanguageId: string): FileLanguage {
  return /(^json[c5]?$)|\.json[c5]?$/i.test(nameOrLanguageId) ? 'json' : 'yaml';
}

/**
 * Parses a file. When `previous` is given, documents whose text did not change are reused as they
 * are (their spans are relative to the document), so an edit re-parses only what it touched.
 */
export function parseFile(text: string, language: FileLanguage, previous?: FileModel): FileModel {
  if (text.length > MAX_ANALYSED_CHARS) return tooLargeFile(text, language);
  if (language === 'json') return { text, language, documents: [{ offset: 0, model: parseJsonDocument(text) }] };
  const reusable = new Map<string, DocumentModel>();
  if (previous && previous.language === 'yaml') for (const d of previous.documents) reusable.set(d.model.text, d.model);
  const documents = splitDocuments(text).map(({ start, end }) => {
    const slice = text.slice(start, end);
    const model = reusable.get(slice) ?? parseYamlDocument(slice);
    return { offset: start, model };
  });
  return { text, language, documents };
}

export { LineIndex } from './lines';
export type { LineCharacter } from './lines';

/**
 * The largest file analysed: about 14,000 policies, parsed and checked in a few seconds. Larger files
 * get one diagnostic saying so, in the editor and in the CLI alike, instead of minutes of parsing.
 */
export const MAX_ANALYSED_CHARS = 4 * 1024 * 1024;

function tooLargeFile(text: string, language: FileLanguage): FileModel {
  const size = `${(text.length / 1024 / 1024).toFixed(1)} MiB`;
  const message = `This file is ${size}, more than the ${MAX_ANALYSED_CHARS / 1024 / 1024} MiB that are analysed, so nothing in it is checked. Split it into smaller files.`;
  const model: DocumentModel = {
    text,
    root: null,
    problems: [{ code: language === 'json' ? 'json-syntax' : 'yaml-syntax', severity: 'error', span: { start: 0, end: Math.min(1, text.length) }, message }],
    hasSyntaxErrors: true,
    expandedNodeCount: 0,
  };
  return { text, language, documents: [{ offset: 0, model }] };
}

