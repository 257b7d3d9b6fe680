// Quick fixes at edges the session-25 survivors of features/codeActions.ts left: setValue in a JSON file
// (no edit: the fix is YAML-only), and removing a pair whose explicit key (`? key`) is written after a dash
// with more than one blank or with more than one blank after its `?` (the `?` goes with the pair). Expected
// texts are the YAML a person would write by hand; each is checked whole.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/document/file';
import { getCodeActions } from '../../server/src/features/codeActions';
import { DIAGNOSTIC_SOURCE } from '../../server/src/features/diagnostics';
import { applyAction } from '../support/check';
import { model } from '../support/fixture';

function diag(text: string, start: number, end: number, data: unknown): Diagnostic {
  const lines = new LineIndex(text);
  return { range: lines.range(0, { start, end }), message: 'm', severity: 1, source: DIAGNOSTIC_SOURCE, code: 'test-code', data };
}

function actions(text: string, diagnostics: Diagnostic[], name = 'policy.yaml'): CodeAction[] {
  return getCodeActions({ uri: `file:///work/${name}`, file: model(text, name), lines: new LineIndex(text) }, diagnostics);
}

function span(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  assert.notEqual(at, -1, `${JSON.stringify(needle)} not in the text`);
  return { start: at, end: at + needle.length };
}

const remove = (text: string, pair: string) => {
  const at = span(text, pair);
  const list = actions(text, [diag(text, at.start, at.start + 1, { kind: 'removePair', pair: at })]);
  assert.equal(list.length, 2, 'the quick fix and fix-all');
  return applyAction(text, list[0]);
};

test('setValue on a key without a value in a JSON file gives no action (the YAML `: ""` is not written there)', () => {
  const json = '{"a": 1, "b"}';
  const root = model(json, 'policy.json').documents[0].model.root;
  assert.ok(root?.kind === 'map' && root.pairs[1].value === null, '"b" has no value');
  const b = root.pairs[1].span;
  assert.deepEqual(actions(json, [diag(json, b.start, b.end, { kind: 'setValue', pair: b, value: '""' })], 'policy.json'), []);
  // The same flow map in YAML does get the colon and the value.
  const yaml = '{a: 1, b}';
  const yb = { start: yaml.indexOf('b'), end: yaml.indexOf('b') + 1 };
  const fixed = actions(yaml, [diag(yaml, yb.start, yb.end, { kind: 'setValue', pair: yb, value: '""' })]);
  assert.equal(applyAction(yaml, fixed[0]), '{a: 1, b: ""}');
});

test('removing an explicit-key pair written `-  ? b` (two blanks after the dash) takes its `?` too', () => {
  assert.equal(remove('x:\n-  ? b\n   : 2\n   c: 3\n', 'b\n   : 2'), 'x:\n-  c: 3\n');
});

test('removing an explicit-key pair written `?  b` (two blanks after the `?`) takes the `?` and its lines', () => {
  assert.equal(remove('?  b\n: 2\nc: 3\n', 'b\n: 2'), 'c: 3\n');
});

test('removing an explicit-key pair written in a value after its `: ` takes its `?` too (the `?` left behind took the next key)', () => {
  assert.equal(remove('? a\n: ? b\n  : 2\n  c: 3\n', 'b\n  : 2'), '? a\n: c: 3\n');
});
