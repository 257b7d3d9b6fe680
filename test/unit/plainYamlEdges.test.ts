// Edges of the YAML fast path (server/src/cluster/plainYaml.ts), one behaviour a test: the exact plain
// values it reads, that they equal what the positional reader reads, and where it declines (undefined),
// so that loadSnapshot falls back to the positional reader. Written against the mutants that survived
// test/mutation/stryker.cluster.json (issue 16).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { readKubectlYaml } from '../../server/src/cluster/plainYaml';
import { loadSnapshot, readPositionalSnapshot } from '../../server/src/cluster/snapshot';
import { toJson } from '../../server/src/document/json';
import { parseFile } from '../../server/src/document/file';

const positional = (text: string) => parseFile(text, 'yaml').documents.map((d) => toJson(d.model.root));

/** The fast path reads `text` as exactly `expected`, and so does the positional reader. */
function reads(text: string, expected: unknown[]): void {
  const fast = readKubectlYaml(text);
  assert.deepEqual(fast, expected, `fast path on ${JSON.stringify(text)}`);
  assert.deepEqual(positional(text), expected, `positional reader on ${JSON.stringify(text)}`);
}

/** The fast path declines `text` (the caller then reads it with the positional reader). */
function declines(text: string): void {
  assert.equal(readKubectlYaml(text), undefined, JSON.stringify(text));
}

test('keys: where a key ends, and the keys the fast path leaves to the positional reader', () => {
  reads('a:b: c\n', [{ 'a:b': 'c' }]);
  reads('a::\n', [{ 'a:': null }]);
  reads('a/b.c-d_e: x\n', [{ 'a/b.c-d_e': 'x' }]);
  reads(`${'k'.repeat(1000)}: v\n`, [{ ['k'.repeat(1000)]: 'v' }]);
  declines(`${'k'.repeat(1001)}: v\n`);
  declines('a:b\n');
  for (const start of ['-', '?', ':', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']) declines(`x: 1\n${start}k: v\n`);
  reads('x: 1\n#k: v\n', [{ x: 1 }]);
  declines('__proto__: x\n');
  declines('<<: x\n');
  declines('a #b: c\n');
  declines('a : c\n');
  declines('1: v\n');
  declines('true: v\n');
  declines('null: v\n');
});

test('values after a key: trimmed plain scalars, empty values, and what ends them', () => {
  reads('a:    b   \nc: d\n', [{ a: 'b', c: 'd' }]);
  reads('a:\nb: 1\n', [{ a: null, b: 1 }]);
  reads('a:', [{ a: null }]);
  reads('a:\n\n# note\n  b: 1\n', [{ a: { b: 1 } }]);
  reads('a:\n---\nb: 1\n', [{ a: null }, { b: 1 }]);
  reads('a:\n  b:\n  c: 2\nd: 3\n', [{ a: { b: null, c: 2 }, d: 3 }]);
  reads('a:\n- x\n- w\nb: 1\n', [{ a: ['x', 'w'], b: 1 }]);
  reads('a:\n  - x\n  - w\nb: 1\n', [{ a: ['x', 'w'], b: 1 }]);
  declines('a:\n  b: 1\n c: 2\n');
  declines('a: b\n  c\n');
});

test('sequences: items that open blocks, quoted items, empty items, nesting', () => {
  reads('- a: 1\n  b: 2\n- c\n', [[{ a: 1, b: 2 }, 'c']]);
  reads('-   a: 1\n    b: 2\n', [[{ a: 1, b: 2 }]]);
  reads('- a:\n- b\n', [[{ a: null }, 'b']]);
  reads('- "a: b"\n- \'c: d\'\n- "e:"\n- \'- f\'\n', [['a: b', 'c: d', 'e:', '- f']]);
  reads('- - x\n  - w\n- z\n', [[['x', 'w'], 'z']]);
  reads('-\n  a: 1\n-\n- 2\n', [[{ a: 1 }, null, 2]]);
  reads('- -\n', [[[null]]]);
  reads('- -1\n- -x\n', [[-1, '-x']]);
  reads('a:\n- x\n- - w\n  - z\n', [{ a: ['x', ['w', 'z']] }]);
  reads('a:\n  b:\n  - 1\n  c: 2\n', [{ a: { b: [1], c: 2 } }]);
  // A sequence at the root (not a mapping's value) may not be followed by a key at its column.
  declines('- x\nb: y\n');
  declines('- a #b\n');
});

test('literal blocks: clipping, stripping, indentation, and the headers it leaves to the positional reader', () => {
  reads('a: |\n  x\n\n\nb: 1\n', [{ a: 'x\n', b: 1 }]);
  reads('a: |-\n  x\n\n\nb: 1\n', [{ a: 'x', b: 1 }]);
  reads('a: |\n  x\n    y\n  z\n', [{ a: 'x\n  y\nz\n' }]);
  reads('a: |\n \n  x\nb: 1\n', [{ a: '\nx\n', b: 1 }]);
  reads('a: |\n\n  x\n', [{ a: '\nx\n' }]);
  reads('a:\n  b: |\n    x\n  c: 2\n', [{ a: { b: 'x\n', c: 2 } }]);
  reads('- a: |\n    x\n  b: 1\n', [[{ a: 'x\n', b: 1 }]]);
  reads('a: |\n  x\n', [{ a: 'x\n' }]);
  for (const header of ['|2', '|-2', '|+', '| # c', '|x']) declines(`a: ${header}\n  x\nb: 1\n`);
  declines('a: |\nb: 1\n');
  declines('a: |\n   \n  x\nb: 1\n');
  declines('a:\n  b: |\n      x\n    y\n');
  declines('a: |\n  x');
});

test('one-line scalars: quoting, indicators, plain scalars a comment or `: ` would break, resolution', () => {
  reads('a: {}\nb: []\n', [{ a: {}, b: [] }]);
  reads('a: "x\\ty\\u00e9\\"\\\\"\n', [{ a: 'x\tyé"\\' }]);
  reads("a: 'it''s'\nb: ''\nc: ''''\n", [{ a: "it's", b: '', c: "'" }]);
  reads('a: b#c\nb: b:c\nc: http://x:80/y\n', [{ a: 'b#c', b: 'b:c', c: 'http://x:80/y' }]);
  reads('a: true\nb: 12\nc: 1.5\nd: null\ne: ~\nf: abc\ng: -5\nh: "12"\n', [{ a: true, b: 12, c: 1.5, d: null, e: null, f: 'abc', g: -5, h: '12' }]);
  assert.deepEqual(readKubectlYaml('a: .inf\nb: -.inf\nc: .nan\n'), [{ a: null, b: null, c: null }]);
  for (const value of ['"a', '"\\x41"', "'a'b'", '{ }', '[a]', '&x', '*x', '!x', '|x', '>', '%x', '@x', '`x', '?', ':', ',x', ']', '}', '#x', '-', 'b: c', 'b #c', 'b:']) {
    declines(`a: ${value}\n`);
  }
});

test('the node budget: a document past 90,000 nodes (not a List item past it) goes to the positional reader', () => {
  const keys = (n: number, indent = '') => Array.from({ length: n }, (_, i) => `${indent}k${i}: 1`).join('\n');
  // A mapping of N keys is N + 1 nodes.
  const atBudget = readKubectlYaml(`${keys(89_999)}\n`);
  assert.ok(atBudget, 'a mapping of 90,000 nodes is read');
  assert.equal(Object.keys(atBudget[0] as object).length, 89_999);
  declines(`${keys(90_000)}\n`);
  // A literal is one node more than the key that holds it: 44,999 keys with literals are 89,999 nodes.
  const literals = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: |\n  x`).join('\n');
  assert.ok(readKubectlYaml(`${literals(44_999)}\n`));
  declines(`${literals(45_000)}\n`);
  // The budget is per List item: two items just under it are read; one item over it is not.
  const item = (n: number) => `- ${keys(n, '  ').slice(2)}`;
  const list = readKubectlYaml(`kind: List\nitems:\n${item(89_999)}\n${item(89_999)}\n`);
  assert.ok(list, 'two items of 90,000 nodes each');
  assert.equal((list[0] as { items: unknown[] }).items.length, 2);
  declines(`kind: List\nitems:\n${item(90_000)}\n`);
});

test('a snapshot the fast path declines is still loaded, by the positional reader, to the same data', () => {
  const text = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: Namespace',
    '  metadata:',
    '    name: prod',
    '    labels: {env: prod}',
    '',
  ].join('\n');
  declines(text);
  const data = loadSnapshot(text, 'snap.yaml');
  assert.deepEqual(data, readPositionalSnapshot(text, 'snap.yaml'));
  assert.deepEqual(loadSnapshot(text.replace('{env: prod}', '\n      env: prod'), 'snap.yaml'), data);
});

test('nesting: past 60 levels the fast path leaves a file to the positional reader, in each way a block can nest', () => {
  const maps = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x\n';
  const items = (n: number) => `${'- '.repeat(n)}x\n`;
  const compact = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- k:`).join('\n') + ' x\n';
  for (const [name, nest] of [['maps', maps], ['items', items], ['compact sequences', compact]] as const) {
    assert.ok(readKubectlYaml(nest(20)), `20 levels of ${name}`);
    declines(nest(200));
  }
  let deepest = 0;
  while (readKubectlYaml(maps(deepest + 1))) deepest++;
  assert.equal(deepest, 61, 'maps nest 61 keys deep (the innermost mapping at depth 60)');
  reads(maps(deepest), positional(maps(deepest)));
  declines('a: - x\n');
  declines('- a: - x\n');
});

test('lines that look like a sequence entry but are not, a bare `-` entry, spaces-only lines in a literal, a sequence\'s own node', () => {
  reads('a: b - \nc: 1\n', [{ a: 'b -', c: 1 }]);
  reads("- a: b'\n", [[{ a: "b'" }]]);
  reads('k:\n  a:\nzz- w: 1\n', [{ k: { a: null }, 'zz- w': 1 }]);
  reads('a:\n-\n- 2\nc: 1\n', [{ a: [null, 2], c: 1 }]);
  reads('a: |\n  x\n    \n  y\n', [{ a: 'x\n  \ny\n' }]);
  // a (1) + its key (1) + the sequence (1) + N items of one key (2 each).
  const items = (n: number) => `a:\n${'- k: 1\n'.repeat(n)}`;
  assert.ok(readKubectlYaml(items(44_998)), '89,999 nodes');
  declines(items(44_999));
});
