// Drives document/yamlEdit.ts's fast path the way the server does after a keystroke: parse, apply a text edit,
// ask editYamlDocument for the edited model. Shared by the yamlEdit unit tests.
import * as assert from 'node:assert/strict';
import type { DocumentModel } from '../../server/src/document/model';
import { editYamlDocument } from '../../server/src/document/yamlEdit';
import { parseYamlDocument } from '../../server/src/document/yamlParser';

/** What a model says, without its caches: compared with a fresh parse. */
export const plain = (model: DocumentModel) => ({ text: model.text, root: model.root, problems: model.problems, hasSyntaxErrors: model.hasSyntaxErrors, expandedNodeCount: model.expandedNodeCount });

/** Inserts `inserted` at `at` (removing `removed` characters): the model before, the new text and the edited model (undefined when declined). */
export function type(text: string, at: number, inserted: string, removed = 0) {
  const model = parseYamlDocument(text);
  const next = text.slice(0, at) + inserted + text.slice(at + removed);
  const edited = editYamlDocument(model, next, { start: at, oldEnd: at + removed, newEnd: at + inserted.length });
  return { model, next, edited };
}

const what = (text: string, at: number, inserted: string, removed: number) => `${JSON.stringify(inserted)} (removing ${removed}) at ${at} of ${JSON.stringify(text.slice(0, 80))}`;

/** The edit is taken by the fast path, and its model equals a fresh parse of the new text. */
export function taken(text: string, at: number, inserted: string, removed = 0): DocumentModel {
  const { next, edited } = type(text, at, inserted, removed);
  assert.ok(edited, `the path takes ${what(text, at, inserted, removed)}`);
  assert.deepEqual(plain(edited), plain(parseYamlDocument(next)));
  return edited;
}

/** The fast path declines the edit (the server then parses the document again). */
export function declined(text: string, at: number, inserted: string, removed = 0): void {
  assert.equal(type(text, at, inserted, removed).edited, undefined, `declined: ${what(text, at, inserted, removed)}`);
}
