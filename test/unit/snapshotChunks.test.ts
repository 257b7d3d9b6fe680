// A JSON List's items parsed a chunk at a time (cluster/snapshot.ts splitJsonList with chunkBytes): cut
// where the separator between the first two items recurs, each cut proved by JSON.parse of `[chunk]`;
// a wrong cut (an array inside an item or after the items joins its elements the same way) falls back
// to the item-by-item split, and broken items keep their own located errors.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { CHUNK_BYTES, loadSnapshot, readPositionalSnapshot, SnapshotError, splitJsonList } from '../../server/src/cluster/snapshot';
import type { ClusterData } from '../../server/src/cluster/types';
import * as fileModule from '../../server/src/document/file';
import { generateCluster, snapshotJson } from '../bench/inputs';

/** splitJsonList's object with its items parsed (what JSON.parse of the whole text gives). */
const materialise = (list: Record<string, unknown> | undefined) => list && { ...list, items: [...(list.items as Iterable<unknown>)] };
const chunksOf = (list: Record<string, unknown> | undefined) => (list?.items as { chunks: number } | undefined)?.chunks;

/** Loads a snapshot and says whether the positional reader ran and how often JSON.parse saw the whole text. */
function load(t: TestContext, text: string): { data: ClusterData; positional: number; wholeText: number } {
  const parseFile = t.mock.method(fileModule, 'parseFile');
  const parse = t.mock.method(JSON, 'parse');
  try {
    const data = loadSnapshot(text, 's.json');
    return { data, positional: parseFile.mock.callCount(), wholeText: parse.mock.calls.filter((c) => c.arguments[0] === text).length };
  } finally {
    parseFile.mock.restore();
    parse.mock.restore();
  }
}

const items = [
  { kind: 'Namespace', metadata: { name: 'a', labels: { x: '},{"kind": "VirtualMachineInstance"}', y: 'q\\"},{\\"kind\\"' } } },
  { kind: 'VirtualMachineInstance', metadata: { name: 'v', namespace: 'a' }, spec: { list: [[1, 2], [{ kind: 'x' }], {}, '},\n    {\n      "kind"'] } },
  { kind: 'Namespace', metadata: { name: 'b' }, spec: { nested: [[[]], { a: [{ b: '}]' }] }] } },
  { kind: 'MigrationPolicy', metadata: { name: 'p' }, spec: { selectors: {} } },
];
const root = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };

test('cut at every separator, the items read what JSON.parse reads: minified, pretty-printed, tabs, CRLF; strings holding the separator', () => {
  for (const text of [
    JSON.stringify(root),
    JSON.stringify(root, null, 2),
    JSON.stringify(root, null, '\t'),
    JSON.stringify(root, null, 4).replace(/\n/g, '\r\n'),
    JSON.stringify({ kind: 'List', items }).replace(/},\{"kind"/g, '} , \n{ "kind"'),
  ]) {
    const list = splitJsonList(text, 1);
    // Each chunk is one item (the next separator after its first character ends it); the last item is found by itself.
    assert.equal(chunksOf(list), 3, text.slice(0, 60));
    assert.deepEqual(materialise(list), JSON.parse(text), text.slice(0, 60));
  }
});

test('chunks of a given size: cuts at the first separator that many characters after a chunk\'s start', () => {
  const text = JSON.stringify(root);
  const starts = items.map((item) => text.indexOf(JSON.stringify(item)));
  // From the first item's start, the first separator at or after 3 characters past the second item's start ends the second item.
  const list = splitJsonList(text, starts[1] - starts[0] + 3);
  assert.equal(chunksOf(list), 1);
  assert.deepEqual(materialise(list), JSON.parse(text));
  assert.equal(chunksOf(splitJsonList(text, 0)), 0, 'no chunks');
  assert.equal(chunksOf(splitJsonList(text, text.length)), 0, 'no separator that far');
});

test('no chunks without a separator to search for: a first item that is not an object, a second item without a key, a separator over 256 characters', () => {
  for (const list of [
    { kind: 'List', items: ['s', { kind: 'a' }, { kind: 'b' }] },
    { kind: 'List', items: [{ kind: 'a' }, 3, { kind: 'b' }] },
    { kind: 'List', items: [{ kind: 'a' }, {}, { kind: 'b' }] },
    { kind: 'List', items: [{ kind: 'a' }, { ['k'.repeat(300)]: 1 }, { ['k'.repeat(300)]: 2 }] },
  ]) {
    const text = JSON.stringify(list);
    assert.equal(chunksOf(splitJsonList(text, 1)), 0, text.slice(0, 60));
    assert.deepEqual(materialise(splitJsonList(text, 1)), list);
  }
});

test('a cut inside an item (an array of objects that starts with the items\' first key) fails when its chunk is read', () => {
  const ns = (name: string, x?: unknown) => ({ kind: 'Namespace', metadata: { name }, ...(x ? { spec: { x } } : {}) });
  const inFirst = JSON.stringify({ kind: 'List', items: [ns('a', [{ kind: 1 }, { kind: 2 }]), ns('b'), ns('c')] });
  const split = splitJsonList(inFirst, 1);
  // Cut after {"kind":1}, then at the end of item a (the cuts meet the items again), then after b.
  assert.equal(chunksOf(split), 3);
  assert.throws(() => materialise(split), SyntaxError);
});

test('a cut inside the last item leaves no List around the items after it: split again item by item', () => {
  const list = { kind: 'List', items: [{ kind: 'Namespace', metadata: { name: 'a' } }, { kind: 'Namespace', metadata: { name: 'b' }, spec: { x: [{ kind: 1 }, { kind: 2 }] } }] };
  const split = splitJsonList(JSON.stringify(list), 1);
  assert.equal(chunksOf(split), 0);
  assert.deepEqual(materialise(split), list);
});

test('a cut past the items (an array member after them joins its objects the same way) fails when its chunk is read', () => {
  const text = JSON.stringify({ items: [{ kind: 'a' }, { kind: 'b' }], x: [{ kind: 'c' }, { kind: 'd' }], kind: 'List' });
  const split = splitJsonList(text, 1);
  // The second chunk runs from item b to object c; the "items" found after it are [d].
  assert.equal(chunksOf(split), 2);
  assert.deepEqual(Object.keys(split ?? {}), ['items', 'kind']);
  assert.throws(() => materialise(split), SyntaxError);
});

/**
 * Three Namespaces of ~40,000 characters each, then `between`, then a member `x` of two objects of that
 * size joined as the items are, then `after`: chunks of CHUNK_BYTES cut the second time inside `x`.
 */
function paddedList(between: Record<string, unknown>, after: Record<string, unknown>): string {
  const pad = 'p'.repeat(40_000);
  const ns = (name: string) => ({ kind: 'Namespace', metadata: { name, labels: { pad } } });
  return JSON.stringify({ apiVersion: 'v1', items: [ns('a'), ns('b'), ns('c')], ...between, x: [{ kind: 'c', pad }, { kind: 'd', pad }], ...after });
}

test('loadSnapshot: a reading in chunks that fails at a wrong cut is read again item by item, not by the positional reader', (t) => {
  const text = paddedList({}, { kind: 'List' });
  assert.ok(CHUNK_BYTES < 80_000 && text.length > 2 * CHUNK_BYTES);
  assert.equal(chunksOf(splitJsonList(text)), 2);
  const { data, positional, wholeText } = load(t, text);
  assert.deepEqual(data.namespaces.map((n) => n.name), ['a', 'b', 'c']);
  assert.equal(positional, 0);
  assert.equal(wholeText, 0);
});

test('loadSnapshot: a reading in chunks counts only when every chunk was read (an object that is not a List reads no items)', (t) => {
  // Split in chunks, the root loses the members between its items and `x`: here the policy's spec.
  const text = paddedList({ spec: { selectors: { namespaceSelector: { team: 'x' } } } }, { kind: 'MigrationPolicy', metadata: { name: 'p' } });
  assert.deepEqual(Object.keys(splitJsonList(text) ?? {}), ['apiVersion', 'items', 'kind', 'metadata']);
  const { data, positional, wholeText } = load(t, text);
  assert.deepEqual(
    data.policies.map((p) => [p.name, p.hasSelectors, p.namespaceSelector]),
    [['p', true, { team: 'x' }]],
  );
  assert.deepEqual([positional, wholeText], [0, 0]);
});

/**
 * A generated fleet's snapshot (kubectl's minified JSON): 100 namespaces, 50 policies and 1,500 VMIs,
 * about 480 KB, seven chunks and more (small enough to be read many times over in mutation runs).
 */
function fleet(): string {
  const cluster = generateCluster(7);
  return snapshotJson({ namespaces: cluster.namespaces.slice(0, 100), policies: cluster.policies.slice(0, 50), vmis: cluster.vmis.slice(0, 1500) });
}

test('a generated fleet snapshot, minified and pretty-printed, reads the same in chunks as through one JSON.parse', (t) => {
  const minified = fleet();
  for (const text of [minified, JSON.stringify(JSON.parse(minified), null, 2)]) {
    const list = splitJsonList(text);
    assert.ok((chunksOf(list) as number) >= Math.floor(text.length / CHUNK_BYTES) - 1, `${chunksOf(list)} chunks`);
    assert.deepEqual(materialise(list), JSON.parse(text));
    const { data, positional, wholeText } = load(t, text);
    assert.equal(data.vmis.length, 1500);
    assert.deepEqual([positional, wholeText], [0, 0]);
  }
});

test('a broken item inside a chunk is reported at its own line and column', () => {
  const text = fleet();
  const at = (marker: string) => {
    const i = text.indexOf(marker);
    assert.ok(i > 4 * CHUNK_BYTES, marker);
    return i;
  };
  const syntax = at('"name":"vm-1000"');
  const broken = `${text.slice(0, syntax)}"name":${text.slice(syntax + '"name":"vm-1000"'.length)}`;
  assert.throws(() => loadSnapshot(broken, 's.json'), { name: 'SnapshotError', message: `s.json:1:${syntax + '"name":'.length + 1}: Value expected.` });

  const label = text.indexOf('"tier":"', at('"name":"vm-1200"'));
  const value = text.indexOf('"', label + '"tier":"'.length) + 1;
  const wrong = `${text.slice(0, label)}"tier":7${text.slice(value)}`;
  const expected = `s.json:1:${label + '"tier":'.length + 1}: the value of label \`tier\` must be a string, but kubectl reads \`7\` as integer: write "7"`;
  assert.throws(() => loadSnapshot(wrong, 's.json'), (e: unknown) => e instanceof SnapshotError && e.message === expected);
  assert.throws(() => readPositionalSnapshot(wrong, 's.json'), { message: expected });
});

test('a List read in chunks parses each item once: one JSON.parse per chunk, then one per item after the last chunk', (t) => {
  const text = fleet();
  const count = (JSON.parse(text) as { items: unknown[] }).items.length;
  const chunks = chunksOf(splitJsonList(text)) as number;
  assert.ok(chunks >= 5, `${chunks} chunks`);
  const parse = t.mock.method(JSON, 'parse');
  try {
    assert.equal(loadSnapshot(text, 's.json').vmis.length, 1500);
    const texts = parse.mock.calls.map((c) => c.arguments[0] as string);
    const inChunks = parse.mock.calls.filter((c) => (c.arguments[0] as string).startsWith('[')).map((c) => (c.result as unknown[]).length);
    assert.equal(inChunks.length, chunks);
    // The items after the last chunk, each parsed alone; the List's metadata is the one other object parsed.
    const alone = texts.filter((s) => s.startsWith('{"apiVersion"')).length;
    assert.ok(alone > 0 && alone < count / 4, `${alone} items parsed alone`);
    assert.equal(inChunks.reduce((a, b) => a + b, 0) + alone, count);
    assert.equal(texts.length, inChunks.length + alone + 7, 'and the root\'s four keys and three other members');
  } finally {
    parse.mock.restore();
  }
});

test(`a chunk ends at the first separator whose brace is CHUNK_BYTES (${CHUNK_BYTES}) or more after the chunk's start`, () => {
  // {"items":[A,B,C]}: A and B of `size` characters each, so A's brace is `size - 1` after the first item's start.
  const list = (size: number) => {
    const item = (kind: string) => ({ kind, p: 'x'.repeat(size - JSON.stringify({ kind, p: '' }).length) });
    return { items: [item('a'), item('b'), { kind: 'c' }] };
  };
  for (const [size, chunks] of [
    [CHUNK_BYTES + 1, 2],
    [CHUNK_BYTES, 1],
  ]) {
    const text = JSON.stringify(list(size));
    const split = splitJsonList(text);
    assert.equal(chunksOf(split), chunks, `items of ${size} characters`);
    assert.deepEqual(materialise(split), list(size));
  }
  assert.equal(CHUNK_BYTES, 64 * 1024);
});

test('the separator between the first two items is searched for up to 256 characters long, and only when the second item is an object with a key', () => {
  // `},{"` + the key + `"`: 256 characters with a key of 251.
  for (const [key, chunks] of [
    [251, 3],
    [252, 0],
  ]) {
    const list = { items: [{ k: 1 }, { ['k'.repeat(key)]: 2 }, { ['k'.repeat(key)]: 3 }, { ['k'.repeat(key)]: 4 }] };
    const split = splitJsonList(JSON.stringify(list), 1);
    assert.equal(chunksOf(split), chunks, `a key of ${key} characters`);
    assert.deepEqual(materialise(split), list);
  }
  for (const list of [
    { items: [{ a: 1 }, ['b', 2], { a: 3 }, ['b', 4]] },
    { items: [{ a: 1 }, '"b"', { a: 3 }, '"b"'] },
  ]) {
    const split = splitJsonList(JSON.stringify(list), 1);
    assert.equal(chunksOf(split), 0, JSON.stringify(list));
    assert.deepEqual(materialise(split), list);
  }
});
