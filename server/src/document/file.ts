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

/**
 * parseFile after an edit of a YAML file read as written: only the documents the edit touched are parsed.
 * The documents are split again around the edit only (WINDOW_DOCUMENTS either side of the documents
 * it touched, see resplitDocuments), so an edit makes objects for the few documents near it, plus one
 * `{offset, model}` per document after it (their offsets moved) and the new list.
 */
function reparseEdited(text: string, previous: FileModel, edit: TextEdit): FileModel {
  const before = previous.documents;
  const delta = edit.newEnd - edit.oldEnd;
  // The window: the documents from WINDOW_DOCUMENTS before the one holding the edit's start to
  // WINDOW_DOCUMENTS after the one holding its old end. The slices resplitDocuments gives for it start
  // where the window does, unless it split the whole text again (then they start at 0), and end where
  // the window's last document ends after the shift, unless its scan went on to the end of the text.
  const w0 = Math.max(0, documentAt(before, edit.start) - WINDOW_DOCUMENTS);
  const w1 = Math.min(before.length, documentAt(before, edit.oldEnd) + 1 + WINDOW_DOCUMENTS);
  const window = [];
  for (let i = w0; i < w1; i++) window.push({ start: before[i].offset, end: before[i].offset + before[i].model.text.length });
  const slices = resplitDocuments(text, window, edit);
  // Old documents [from, to) are the slices' counterparts: those before `from` are kept, those from `to` on move by delta.
  const from = slices[0].start === window[0].start ? w0 : 0;
  const to = slices[slices.length - 1].end === text.length ? before.length : w1;
  // Old documents at the slices' head keep their offsets; those at their tail move by delta.
  let head = 0;
  while (head < slices.length && head < to - from && slices[head].start === before[from + head].offset && slices[head].end === before[from + head].offset + before[from + head].model.text.length && slices[head].end <= edit.start) head++;
  let tail = 0;
  while (tail < slices.length - head && tail < to - from - head) {
    const s = slices[slices.length - 1 - tail];
    const d = before[to - 1 - tail];
    if (s.start !== d.offset + delta || s.end !== d.offset + d.model.text.length + delta || d.offset < edit.oldEnd) break;
    tail++;
  }
  const reusable = new Map<string, DocumentModel>();
  for (let i = from + head; i < to - tail; i++) reusable.set(before[i].model.text, before[i].model);
  const kept = from + head;
  const moved = to - tail;
  const documents: FileModel['documents'] = new Array(kept + slices.length - head - tail + before.length - moved);
  for (let i = 0; i < kept; i++) documents[i] = before[i];
  // One document before and after, holding the whole edit: an edit inside one scalar is applied to its model.
  const one = slices.length - tail - head === 1 && moved - kept === 1 ? before[kept] : undefined;
  const inside = one && one.offset === slices[head].start && edit.start >= one.offset && edit.oldEnd <= one.offset + one.model.text.length ? one : undefined;
  let k = kept;
  for (let i = head; i < slices.length - tail; i++) {
    const slice = detachedSlice(text, slices[i].start, slices[i].end);
    const model = reusable.get(slice) ?? (inside && editYamlDocument(inside.model, slice, { start: edit.start - inside.offset, oldEnd: edit.oldEnd - inside.offset, newEnd: edit.newEnd - inside.offset })) ?? parseYamlDocument(slice, undefined, false);
    documents[k++] = { offset: slices[i].start, model };
  }
  for (let i = moved; i < before.length; i++) documents[k++] = delta ? { offset: before[i].offset + delta, model: before[i].model } : before[i];
  return { text, language: 'yaml', documents };
}

/** Documents either side of those an edit touched that reparseEdited gives resplitDocuments. */
const WINDOW_DOCUMENTS = 2;

/** The index of the last document starting at or before `offset` (0 when none does). */
function documentAt(documents: FileModel['documents'], offset: number): number {
  let low = 0;
  let high = documents.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (documents[mid].offset <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
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

