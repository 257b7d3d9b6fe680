// Quick fixes next to node properties (anchors `&x`, tags `!t`), issue 16, session 27: the two "open" session-26
// survivors of features/codeActions.ts. Removing a pair whose explicit key has the map's anchor before its `?`
// (`&m ? namespace`) left `&m ? name: p` (the next pair became part of a complex key), and a key's own anchor or tag
// was left to the next key; moving matchLabels up kept a value's tag when an anchor or a comment stood between them.
// Where each property belongs was checked with the yaml package (`&m ? key`: the map's; `&k key: v` and `? &k key`:
// the key's) and the results with the Go oracle (scripts/go-oracle.sh, sigs.k8s.io/yaml as kubectl reads them; it
// refuses `&m ? key` on one line, "mapping keys are not allowed in this context", and reads every expected text below).
// Expected texts are the YAML a person would write by hand; each is checked whole.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/document/file';
import { getCodeActions } from '../../server/src/features/codeActions';
import { DIAGNOSTIC_SOURCE } from '../../server/src/features/diagnostics';
import { actionsFor, applyAction, checkFix } from '../support/check';
import { model } from '../support/fixture';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {}\n';
const REMOVE = 'Remove metadata.namespace';

function actions(text: string, diagnostics: Diagnostic[]): CodeAction[] {
  return getCodeActions({ uri: 'file:///work/policy.yaml', file: model(text, 'policy.yaml'), lines: new LineIndex(text) }, diagnostics);
}

/** The text after the "remove the pair" fix for the pair whose span starts at `key` (its key, as the parser spans it). */
function remove(text: string, key: string, pairLength: number): string {
  const start = text.indexOf(key);
  assert.notEqual(start, -1, `${JSON.stringify(key)} not in the text`);
  const lines = new LineIndex(text);
  const pair = { start, end: start + pairLength };
  const list = actions(text, [{ range: lines.range(0, { start, end: start + 1 }), message: 'm', severity: 1, source: DIAGNOSTIC_SOURCE, code: 'test-code', data: { kind: 'removePair', pair } }]);
  assert.equal(list.length, 2, 'the quick fix and fix-all');
  return applyAction(text, list[0]);
}

test('the map anchor before the first explicit key (`&m ? namespace`) stays on a line of its own: first of two pairs, and the only pair', () => {
  const text = `${HEAD}metadata:\n  &m ? namespace\n  : x\n  name: p\n`;
  checkFix(text, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  &m\n  name: p\n`);
  // The edit itself: from after `&m` to the end of `: x`, its line break kept.
  const fix = actionsFor(text).find((a) => a.title === REMOVE);
  assert.deepEqual(fix?.edit?.changes?.['file:///work/policy.yaml'], [{ range: { start: { line: 5, character: 4 }, end: { line: 6, character: 5 } }, newText: '' }]);
  // The only pair: the map stays, empty, with its anchor.
  checkFix(`${HEAD}metadata:\n  &m ? namespace\n  : x\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  &m {}\n`);
  checkFix(`${HEAD}metadata:\n  &m ? namespace\n  : x`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  &m {}`);
  // A comment after the value goes with the pair.
  checkFix(`${HEAD}metadata:\n  &m ? namespace\n  : x # old\n  name: p\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  &m\n  name: p\n`);
});

test('a tag and an anchor before the first explicit key, in either order, stay together; so in a list item and after `: `', () => {
  checkFix(`${HEAD}metadata:\n  !!map &m ? namespace\n  : x\n  name: p\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  !!map &m\n  name: p\n`);
  checkFix(`${HEAD}metadata:\n  &m !!map ? namespace\n  : x\n  name: p\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  &m !!map\n  name: p\n`);
  checkFix(`${HEAD}metadata:\n  !!map ? namespace\n  : x\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  !!map {}\n`);
  // The pairs span from the key to the end of its value (`a\n  : 1`, 7 characters).
  assert.equal(remove('x:\n- &m ? a\n  : 1\n  b: 2\n', 'a\n', 7), 'x:\n- &m\n  b: 2\n');
  assert.equal(remove('x:\n- &m ? a\n  : 1\n', 'a\n', 7), 'x:\n- &m {}\n');
  assert.equal(remove('? a\n: &m ? b\n  : 2\n  c: 3\n', 'b\n', 7), '? a\n: &m\n  c: 3\n');
});

test("a key's own anchor or tag goes with its pair (`&k namespace: x`, `? &k namespace`, `!!str namespace: x`), block and flow", () => {
  checkFix(`${HEAD}metadata:\n  &k namespace: x\n  name: p\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  name: p\n`);
  checkFix(`${HEAD}metadata:\n  name: p\n  !!str &k namespace: x\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  name: p\n`);
  checkFix(`${HEAD}metadata:\n  ? &k namespace\n  : x\n  name: p\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  name: p\n`);
  checkFix(`${HEAD}metadata:\n  &m ? &k namespace\n  : x\n  name: p\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  &m\n  name: p\n`);
  checkFix(`${HEAD}metadata: {&k namespace: x, name: p}\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata: {name: p}\n`);
  checkFix(`${HEAD}metadata: {name: p,&k namespace: x}\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata: {name: p}\n`);
  checkFix(`${HEAD}metadata:\n  name: p\n  &k namespace: x\n`, 'namespace-ignored', REMOVE, `${HEAD}metadata:\n  name: p\n`);
  // In a list item: the dash stays, the next key moves up to it. At the start of a line, and after two blanks.
  assert.equal(remove('x:\n- &k a: 1\n  b: 2\n', 'a: 1', 4), 'x:\n- b: 2\n');
  assert.equal(remove('&key a: 1\nb: 2\n', 'a: 1', 4), 'b: 2\n');
  assert.equal(remove('b: 2\n!!str  &k  a: 1\n', 'a: 1', 4), 'b: 2\n');
  assert.equal(remove('x:\n  &m  ? a\n  : 1\n  b: 2\n', 'a\n', 7), 'x:\n  &m\n  b: 2\n');
});

const LABELS = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n';
const MOVE = 'Move the labels of matchLabels up into virtualMachineInstanceSelector';
const move = (labels: string, moved: string) => checkFix(`${LABELS}      matchLabels:\n        ${labels}\n`, 'legacy-selector', MOVE, `${LABELS}      ${moved}\n`);

test('moving matchLabels up drops a tag kept apart from its value by an anchor or a comment; the anchor and the comment stay', () => {
  move('n: !!int &x 5', 'n: &x "5"');
  move('n: &x !!int 5', 'n: &x "5"');
  move('n: !!int   &x 5', 'n: &x "5"');
  move('n: !!int # c\n          5', 'n: # c\n        "5"');
  // The tag ends its line: the blank before it goes (no blank left at the end of `n:`).
  move('n: !!int\n          # c\n          &x 5', 'n:\n        # c\n        &x "5"');
  move('n: !!int \n          &x 5', 'n:\n        &x "5"');
  move('n: !!int\t&x 5', 'n: &x "5"');
  // Windows line ends: the tag ends its line before its `\r\n` too.
  checkFix(`${LABELS}      matchLabels:\r\n        n: !!int\r\n          &x 5\r\n`.replace(/(?<!\r)\n/g, '\r\n'), 'legacy-selector', MOVE, `${LABELS}      n:\r\n        &x "5"\r\n`.replace(/(?<!\r)\n/g, '\r\n'));
  // Two labels: each edit lands on its own label.
  move('n: !!int &x 5\n        m: !!bool # c\n          yes', 'n: &x "5"\n      m: # c\n        "yes"');
});

test('a label without a key in a flow matchLabels (`{: x}`, `{? : x}`) moves up as `: x`, its key left empty', () => {
  checkFix(`${LABELS}      matchLabels: {: x}\n`, 'legacy-selector', MOVE, `${LABELS}      : x\n`);
  checkFix(`${LABELS}      matchLabels: {? : x, a: b}\n`, 'legacy-selector', MOVE, `${LABELS}      : x\n      a: b\n`);
});

test('moving a flow matchLabels up keeps the anchors and tags of keys and values: an alias elsewhere may name them (session 28)', () => {
  // Before session 28 each line was rebuilt from the key and the value alone: `tier: db`, and the alias `*t` below
  // then named no anchor, which kubectl refuses for the whole file ("yaml: unknown anchor 't' referenced").
  const flow = (labels: string, moved: string, after = '') => checkFix(`${LABELS}      matchLabels: ${labels}\n${after}`, 'legacy-selector', MOVE, `${LABELS}      ${moved}\n${after}`);
  flow('{tier: &t db, env: *t}', 'tier: &t db\n      env: *t');
  flow('{tier: &t db}', 'tier: &t db', '    namespaceSelector:\n      team: *t\n');
  // A key's own anchor or tag stays with the key; a value's tag that kubectl reads as a string stays too.
  flow('{&k tier: db, !!str n: !!str &v 5}', '&k tier: db\n      !!str n: !!str &v 5');
  // A value that is not a string is quoted: its tag goes (kept, it would make it a number again), its anchor stays,
  // in either order.
  flow('{n: &x !!int 5, m: !!bool &y yes}', 'n: &x "5"\n      m: &y "yes"');
  // An alias as a value is written as it is.
  flow('{a: &z x, b: *z}', 'a: &z x\n      b: *z');
});
