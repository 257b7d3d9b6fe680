// Edges of document/jsonParser.ts for mutation testing: each JSON value kind as a model node with its exact
// span (offsets counted in the inputs here), a pair's span from its key to its value, a missing value, one
// syntax problem per line with at least one character, and the nesting bail-out located at its bracket.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonDocument } from '../../server/src/document/jsonParser';
import type { MapNode, ScalarNode, SeqNode } from '../../server/src/document/model';
import { MAX_ANALYSED_DEPTH } from '../../server/src/document/nesting';

test('parseJsonDocument: every value kind, with spans', () => {
  const text = '{"s": "x", "i": 12, "f": 1.5, "b": true, "n": null, "a": [1, "y"]}';
  const doc = parseJsonDocument(text);
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.hasSyntaxErrors, false);
  const root = doc.root as MapNode;
  assert.deepEqual([root.kind, root.span, root.flow], ['map', { start: 0, end: text.length }, true]);
  const value = (key: string) => root.pairs.find((p) => (p.key as ScalarNode).value === key)!;
  const s = value('s');
  assert.deepEqual(s.key, { kind: 'scalar', span: { start: 1, end: 4 }, text: 's', style: 'json', value: 's', type: 'string' });
  assert.deepEqual(s.value, { kind: 'scalar', span: { start: 6, end: 9 }, text: 'x', style: 'json', value: 'x', type: 'string' });
  assert.deepEqual(s.span, { start: 1, end: 9 });
  assert.deepEqual(value('i').value, { kind: 'scalar', span: { start: 16, end: 18 }, text: '12', style: 'json', value: 12, type: 'integer' });
  assert.deepEqual(value('f').value, { kind: 'scalar', span: { start: 25, end: 28 }, text: '1.5', style: 'json', value: 1.5, type: 'number' });
  assert.deepEqual(value('b').value, { kind: 'scalar', span: { start: 35, end: 39 }, text: 'true', style: 'json', value: true, type: 'boolean' });
  assert.deepEqual(value('n').value, { kind: 'scalar', span: { start: 46, end: 50 }, text: 'null', style: 'json', value: null, type: 'null' });
  const a = value('a').value as SeqNode;
  assert.deepEqual([a.kind, a.span, a.flow, a.items.length], ['seq', { start: 57, end: 65 }, true, 2]);
  assert.deepEqual(a.items[1], { kind: 'scalar', span: { start: 61, end: 64 }, text: 'y', style: 'json', value: 'y', type: 'string' });
});

test('parseJsonDocument: syntax problems, one per line, each at least one character wide', () => {
  const doc = parseJsonDocument('{"a": 1,, "b": }\n[');
  assert.equal(doc.hasSyntaxErrors, true);
  assert.deepEqual(doc.problems.map((p) => [p.code, p.severity]), doc.problems.map(() => ['json-syntax', 'error']));
  // Line 0 holds two errors (the empty member after `1,` and the missing value of "b"): the first is kept.
  assert.deepEqual(doc.problems.map((p) => [p.span, p.message]), [
    [{ start: 8, end: 9 }, 'Property expected.'],
    [{ start: 17, end: 18 }, 'End of file expected.'],
  ]);
  const missing = parseJsonDocument('{"a": }');
  assert.equal((missing.root as MapNode).pairs[0].value, null);
  assert.equal(parseJsonDocument('').root, null);
});

test('parseJsonDocument: nesting past the bound is one problem at the bracket that goes past, and no tree', () => {
  const text = `{"a": ${'['.repeat(MAX_ANALYSED_DEPTH)}]}`;
  const doc = parseJsonDocument(text);
  assert.equal(doc.root, null);
  assert.equal(doc.hasSyntaxErrors, true);
  assert.equal(doc.problems.length, 1);
  assert.deepEqual(doc.problems[0].span, { start: 6 + MAX_ANALYSED_DEPTH - 1, end: 6 + MAX_ANALYSED_DEPTH });
  assert.match(doc.problems[0].message, /^This document nests 201 levels deep from here/);
});
