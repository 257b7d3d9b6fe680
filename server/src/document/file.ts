// A file's text → FileModel: YAML streams split into `---` documents (each parsed on its own, so an
// edit re-parses only the document it touched), JSON as one document. Also offset ↔ position.
import { LineIndex } from './lines';
import type { DocumentModel, FileModel } from './model';
import { parseJsonDocument } from './jsonParser';
import { maskTemplate, readByKustomize, sliceTemplate } from './template';
import type { DocumentMode } from './template';
import { parseYamlDocument, resplitDocuments, splitDocuments } from './yamlParser';
import type { TextEdit } from './yamlParser';
import { editYamlDocument } from './yamlEdit';

export type FileLanguage = 'yaml' | 'json';

/** Picks the language from an LSP language id or a file name. */
export function languageOf(nameOrLanguageId: string): FileLanguage {
  return /(^json[c5]?$)|\.json[c5]?$/i.test(nameOrLanguageId) ? 'json' : 'yaml';
}

/**
 * Parses a file. When `previous` is given, documents whose text did not change are reused as they
 * are (their spans are relative to the document), so an edit re-parses only what it touched.
 * `mode` says how the file is read (the file system decides: a chart template, a Kustomize patch);
 * a Helm template's actions are masked first, keeping every offset. `edit` says where `previous.text`
 * became `text` (one range covering every change): documents wholly before or after it are taken as
 * they are, found without comparing their text.
 */
export function parseFile(text: string, language: FileLanguage, previous?: FileModel, mode: DocumentMode = 'complete', edit?: TextEdit): FileModel {
  if (text.length > MAX_ANALYSED_CHARS) return tooLargeFile(text, language);
  const tagged = mode === 'complete' ? {} : { mode };
  if (language === 'json') {
    const model = parseJsonDocument(text);
    return { text, language, ...tagged, documents: [{ offset: 0, model: mode === 'patch' ? { ...model, mode } : model }] };
  }
  if (edit && previous && mode === 'complete' && (previous.mode ?? 'complete') === 'complete' && previous.language === 'yaml' && !previous.documents[0]?.model.tooLarge) return reparseEdited(text, previous, edit);
  const masked = mode === 'helm-template' ? maskTemplate(text) : undefined;
  const source = masked?.text ?? text;
  const keyOf = (model: DocumentModel) => (model.template ? `${model.text}\u0000${JSON.stringify(model.template)}` : model.text);
  const reusable = new Map<string, DocumentModel>();
  if (previous && previous.language === 'yaml' && (previous.mode ?? 'complete') === mode) for (const d of previous.documents) reusable.set(keyOf(d.model), d.model);
  const documents = splitDocuments(source).map(({ start, end }) => {
    const slice = detachedSlice(source, start, end);
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

/** parseFile after an edit of a YAML file read as written: only the documents the edit touched are parsed. */
function reparseEdited(text: string, previous: FileModel, edit: TextEdit): FileModel {
  const before = previous.documents;
  const delta = edit.newEnd - edit.oldEnd;
  const slices = resplitDocuments(
    text,
    before.map((d) => ({ start: d.offset, end: d.offset + d.model.text.length })),
    edit,
  );
  // Old documents wholly before the edit keep their offsets; those wholly after it move by delta.
  let head = 0;
  while (head < slices.length && head < before.length && slices[head].start === before[head].offset && slices[head].end === before[head].offset + before[head].model.text.length && slices[head].end <= edit.start) head++;
  let tail = 0;
  while (tail < slices.length - head && tail < before.length - head) {
    const s = slices[slices.length - 1 - tail];
    const d = before[before.length - 1 - tail];
    if (s.start !== d.offset + delta || s.end !== d.offset + d.model.text.length + delta || d.offset < edit.oldEnd) break;
    tail++;
  }
  const reusable = new Map<string, DocumentModel>();
  for (let i = head; i < before.length - tail; i++) reusable.set(before[i].model.text, before[i].model);
  const documents: FileModel['documents'] = [];
  for (let i = 0; i < head; i++) documents.push(before[i]);
  // One document before and after, holding the whole edit: an edit inside one scalar is applied to its model.
  const one = slices.length - tail - head === 1 && before.length - tail - head === 1 ? before[head] : undefined;
  const inside = one && one.offset === slices[head].start && edit.start >= one.offset && edit.oldEnd <= one.offset + one.model.text.length ? one : undefined;
  for (let i = head; i < slices.length - tail; i++) {
    const slice = detachedSlice(text, slices[i].start, slices[i].end);
    const model = reusable.get(slice) ?? (inside && editYamlDocument(inside.model, slice, { start: edit.start - inside.offset, oldEnd: edit.oldEnd - inside.offset, newEnd: edit.newEnd - inside.offset })) ?? parseYamlDocument(slice, undefined, false);
    documents.push({ offset: slices[i].start, model });
  }
  for (let i = before.length - tail; i < before.length; i++) documents.push(delta ? { offset: before[i].offset + delta, model: before[i].model } : before[i]);
  return { text, language: 'yaml', documents };
}

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a slice of 13 characters or more a view
 * that keeps the whole parent alive, so every document model parsed after an edit would hold a copy of
 * the whole file (a 950 KB file edited in 20 documents held 20 copies). Prepending a character makes a
 * cons string; slicing that flattens it into a new string one character longer than the document.
 */
function detachedSlice(text: string, start: number, end: number): string {
  return end - start < 13 || end - start === text.length ? text.slice(start, end) : (' ' + text.slice(start, end)).slice(1);
}

/**
 * A file as every feature takes it, first (ARCHITECTURE.md, "One face for features"): its URI, its
 * model and its line index. The server's open documents are these; `parsedFile` makes one. A feature
 * that reads less names the fields it reads (`Pick<ParsedFile, 'uri' | 'lines'>`).
 */
export interface ParsedFile {
  uri: string;
  file: FileModel;
  lines: LineIndex;
}

/** A ParsedFile of a model (the CLI's files, tests). */
export function parsedFile(file: FileModel, uri = ''): ParsedFile {
  return { uri, file, lines: new LineIndex(file.text) };
}

export { LineIndex, moveLines } from './lines';
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
    tooLarge: true,
  };
  return { text, language, documents: [{ offset: 0, model }] };
}

