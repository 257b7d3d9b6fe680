// Session 26 (issue 16): tests for the "open" survivors of document/, features/ and policy/ in
// test/mutation/survivors.json; each test names the mutant it kills.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getCompletions } from '../../server/src/features/completion';
import { CATCH_ALL, findingRows, POLICY_HEAD } from '../support/findingRows';

// validation.ts checkStringMap `v.kind === 'scalar'` -> true: a mapping or list value was silent (the mutant
// reported it as "kubectl reads `undefined`"). ObjectMeta holds labels and annotations as map[string]string.
test('metadata.labels / annotations: a mapping or list as a value is an error on the value, asking for a quoted string', () => {
  const text = `${POLICY_HEAD}  labels:\n    app: {name: web}\n    tier:\n      - a\n  annotations:\n    config:\n      x: 1\n    ok: "{\\"x\\": 1}"\nspec:\n  selectors: {}\n`;
  assert.deepEqual(findingRows(text), [
    ['{name: web}', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings, not a mapping: ObjectMeta holds labels as a map of strings, so the API server rejects the policy. Write the value as one quoted string.'],
    ['- a\n', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings, not a list: ObjectMeta holds labels as a map of strings, so the API server rejects the policy. Write the value as one quoted string.'],
    ['x: 1\n', 'error', 'label-value-type', 'Values of `metadata.annotations` must be strings, not a mapping: ObjectMeta holds annotations as a map of strings, so the API server rejects the policy. Write the value as one quoted string (structured data such as JSON goes in quotes too).'],
    CATCH_ALL,
  ]);
});

// completionItems.ts valueItems filterText `/^["']/` -> `/["']/`: only a quote in front makes the typed text a
// quoted scalar; a quote further in (`0"`) is part of a plain scalar, so the filter text stays the bare value.
test('value completion: the filter text is quoted only when the typed text starts with a quote', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: ';
  const rows = ['0"', '"0', '0'].map((typed) => {
    const text = `${head}${typed}\n`;
    const list = getCompletions({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, head.length + typed.length, { snippetSupport: false, markdown: false });
    return list.items.map((i) => [typed, i.label, i.filterText, i.textEdit?.newText]);
  });
  assert.deepEqual(rows, [
    [['0"', '"0.4"', '0.4', '"0.4"']],
    [['"0', '"0.4"', '"0.4"', '"0.4"']],
    [['0', '"0.4"', '0.4', '"0.4"']],
  ]);
});
