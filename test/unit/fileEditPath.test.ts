// parseFile with an edit: which documents are kept as they are, which one takes the in-scalar edit
// path (editYamlDocument: its nodes before the edit stay the very objects), and which are read again.
// Whatever path is taken, every document's model must equal a parse of the new text from scratch.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import type { FileModel, MapNode } from '../../server/src/document/model';

const policy = (name: string, timeout: number) =>
  `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  completionTimeoutPerGiB: ${timeout}\n  selectors:\n    namespaceSelector:\n      team: ${name}\n`;
const FILE = `${policy('alpha', 100)}---\n${policy('beta', 200)}---\n${policy('gamma', 300)}`;

/** The edit that inserts `inserted` at `at` (or deletes `[at, at + removed)`), and the new text. */
function edit(text: string, at: number, inserted: string, removed = 0) {
  return { text: text.slice(0, at) + inserted + text.slice(at + removed), edit: { start: at, oldEnd: at + removed, newEnd: at + inserted.length } };
}

const firstPair = (f: FileModel, d: number) => (f.documents[d].model.root as MapNode).pairs[0];

function assertSameAsScratch(after: FileModel) {
  const scratch = parseFile(after.text, 'yaml');
  assert.deepEqual(after.documents.map((d) => d.offset), scratch.documents.map((d) => d.offset));
  for (let i = 0; i < scratch.documents.length; i++) assert.deepEqual(after.documents[i].model, scratch.documents[i].model, `document ${i}`);
}

test('a digit typed into a value of the middle document: the documents around it are kept, the edited one takes the in-scalar path', () => {
  const before = parseFile(FILE, 'yaml');
  const at = FILE.indexOf('200') + 3;
  const { text, edit: e } = edit(FILE, at, '5');
  const after = parseFile(text, 'yaml', before, 'complete', e);
  assertSameAsScratch(after);
  assert.equal(after.documents[0], before.documents[0]);
  assert.equal(after.documents[2].model, before.documents[2].model);
  assert.equal(after.documents[2].offset, before.documents[2].offset + 1);
  // The in-scalar path keeps the pairs before the edit (apiVersion) as the very objects; a fresh parse would not.
  assert.notEqual(after.documents[1].model, before.documents[1].model);
  assert.equal(firstPair(after, 1), firstPair(before, 1));
  const timeout = (after.documents[1].model.root as MapNode).pairs[3].value as MapNode;
  assert.equal(timeout.pairs[0].value?.kind === 'scalar' && timeout.pairs[0].value.value, 2005);
});

test('letters deleted inside a word of the first and of the last document take the in-scalar path at their own offsets', () => {
  const before = parseFile(FILE, 'yaml');
  // "team: alpha" -> "team: aha" in the first document (offset 0).
  const first = FILE.indexOf('alpha\n', FILE.indexOf('team:'));
  const one = edit(FILE, first + 1, '', 2);
  const afterFirst = parseFile(one.text, 'yaml', before, 'complete', one.edit);
  assertSameAsScratch(afterFirst);
  assert.equal(firstPair(afterFirst, 0), firstPair(before, 0));
  assert.equal(afterFirst.documents[1].model, before.documents[1].model);
  assert.equal(afterFirst.documents[1].offset, before.documents[1].offset - 2);
  // "name: gamma" -> "name: gamXma" in the last document (a non-zero offset, nothing after it).
  const last = FILE.lastIndexOf('gamma', FILE.lastIndexOf('team:')) + 3;
  const two = edit(FILE, last, 'X');
  const afterLast = parseFile(two.text, 'yaml', before, 'complete', two.edit);
  assertSameAsScratch(afterLast);
  assert.equal(firstPair(afterLast, 2), firstPair(before, 2));
  assert.equal(afterLast.documents[0], before.documents[0]);
  assert.equal(afterLast.documents[1], before.documents[1]);
  const metadata = (afterLast.documents[2].model.root as MapNode).pairs[2].value as MapNode;
  assert.equal(metadata.pairs[0].value?.kind === 'scalar' && metadata.pairs[0].value.value, 'gamXma');
});

test('edits the in-scalar path cannot take are read again, and still equal a parse from scratch', () => {
  const before = parseFile(FILE, 'yaml');
  const cases = [
    edit(FILE, FILE.indexOf('200') + 3, ' '), // a space
    edit(FILE, FILE.indexOf('beta'), 'x'), // the start of a word
    edit(FILE, FILE.indexOf('---\n') - 3, 'x\n---\ny', 0), // a new document marker
    edit(FILE, FILE.indexOf('100'), '9', FILE.indexOf('200') - FILE.indexOf('100')), // across two documents
  ];
  for (const { text, edit: e } of cases) {
    const after = parseFile(text, 'yaml', before, 'complete', e);
    assertSameAsScratch(after);
  }
  // A space typed after the digits is a full reading: the first pair is a new object.
  const { text, edit: e } = cases[0];
  const after = parseFile(text, 'yaml', before, 'complete', e);
  assert.notEqual(firstPair(after, 1), firstPair(before, 1));
  assert.equal(after.documents[0], before.documents[0]);
});
