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
