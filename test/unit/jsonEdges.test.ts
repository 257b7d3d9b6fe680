// Edges of document/json.ts for mutation testing: a node as the JSON value kubectl would send (the last of
// duplicate keys, aliases followed, keys as sigs.k8s.io/yaml writes them, null keys dropped, ±Inf/NaN as
// null), with the work bounded: past MAX_DEPTH (100) levels and past the node budget the rest reads as null.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import { toJson } from '../../server/src/document/json';

const root = (text: string) => parseFile(text, 'yaml').documents[0].model.root;

test('toJson: maps, sequences, scalars, duplicate keys, aliases, keys as kubectl writes them', () => {
  assert.deepEqual(toJson(root('a: [1, "2", true, null, 1.5]\nb: {c: d}\n')), { a: [1, '2', true, null, 1.5], b: { c: 'd' } });
  assert.deepEqual(toJson(root('a: 1\na: 2\n')), { a: 2 });
  assert.deepEqual(toJson(root('a: &x [1, {b: 2}]\nc: *x\n')), { a: [1, { b: 2 }], c: [1, { b: 2 }] });
  assert.deepEqual(toJson(root('1: a\ntrue: b\n1.5: c\n~: d\nnull: e\n? [x]\n: f\ng:\n')), { 1: 'a', true: 'b', '1.5': 'c', g: null });
  assert.deepEqual(toJson(root('a: .inf\nb: -.inf\nc: .nan\nd: [.inf]\n')), { a: null, b: null, c: null, d: [null] });
  assert.deepEqual(toJson(root('- - - x\n')), [[['x']]]);
  assert.equal(toJson(null), null);
  assert.equal(toJson(undefined), null);
  assert.equal(toJson(root('plain\n')), 'plain');
});

test('toJson: levels past 100 read as null, in sequences and in maps', () => {
  const seqs = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}\n`;
  assert.equal(JSON.stringify(toJson(root(seqs(101)))), `${'['.repeat(101)}${']'.repeat(101)}`);
  assert.equal(JSON.stringify(toJson(root(seqs(102)))), `${'['.repeat(101)}null${']'.repeat(101)}`);
  const maps = (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`;
  assert.equal(JSON.stringify(toJson(root(maps(100)))), `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`);
  assert.equal(JSON.stringify(toJson(root(maps(101)))), `${'{"a":'.repeat(101)}null${'}'.repeat(101)}`);
});

test('toJson: past the node budget the rest reads as null (an alias bomb stays bounded)', () => {
  assert.deepEqual(toJson(root('[1, 2, 3, 4]\n'), 3), [1, 2, null, null]);
  assert.deepEqual(toJson(root('[1, 2, 3, 4]\n'), 5), [1, 2, 3, 4]);
  assert.deepEqual(toJson(root('{a: 1, b: 2, c: 3}\n'), 3), { a: 1, b: 2, c: null });
  assert.equal(toJson(root('[1]\n'), 0), null);
  // Ten aliases of ten aliases of ...: 10^5 x's written, the budget reads 1000 nodes (the maps, the
  // sequences and the x's on the way) and the rest is null.
  const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n';
  // Nodes in order: the root map (1); a's sequence and its x's (11); b's sequence and ten copies of a (111);
  // c's sequence (1) and seven copies of b (777): 901. The 99 left: one more b sequence, eight copies of a
  // (88), an a sequence and 9 x's. x's read: 10 + 100 + 700 + 80 + 9.
  assert.equal(countX(toJson(root(bomb), 1000)), 899);
});

function countX(value: unknown): number {
  if (value === 'x') return 1;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countX(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + countX(v), 0);
  return 0;
}
