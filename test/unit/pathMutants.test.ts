// Edges of document/path.ts that mutation testing (test/mutation/stryker.document-parsers.json) found
// untested: offsets on the first and last character of a key or value, offsets between sequence items
// and past every pair, keys that are not text, pairs without a key, the 200-level bound and valueOf.
// Offsets are counted by hand in the texts below; spans are [start, end) and `locate` takes the end too
// (a cursor right after a token is on it).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import type { AliasNode, MapNode, Node, Pair, ScalarNode, SeqNode } from '../../server/src/document/model';
import { locate, valueOf } from '../../server/src/document/path';

const root = (text: string, language: 'yaml' | 'json' = 'yaml') => parseFile(text, language).documents[0].model.root;
const where = (text: string, offset: number, language: 'yaml' | 'json' = 'yaml') => {
  const l = locate(root(text, language), offset);
  const node = l.node?.kind === 'scalar' ? `scalar ${l.node.text}` : l.node?.kind;
  return { path: l.path, onKey: l.onKey, node, maps: l.maps.length };
};
const scalar = (text: string, start: number): ScalarNode => ({ kind: 'scalar', span: { start, end: start + text.length }, text, style: 'plain', value: text, type: 'string' });
const map = (pairs: Pair[], start = 0, end = 100): MapNode => ({ kind: 'map', span: { start, end }, pairs, flow: false });

test('locate: nothing to locate gives an empty location, off any key', () => {
  assert.deepEqual(locate(null, 0), { path: [], onKey: false, maps: [] });
  const s = scalar('x', 0);
  assert.deepEqual(locate(s, 0), { path: [], onKey: false, maps: [], node: s });
});

test('locate: the first and the last character of a key and of a value', () => {
  //            0123456789
  const text = 'ab: cd\nef: gh\n';
  assert.deepEqual(where(text, 0), { path: ['ab'], onKey: true, node: 'scalar ab', maps: 1 });
  assert.deepEqual(where(text, 2), { path: ['ab'], onKey: true, node: 'scalar ab', maps: 1 });
  assert.deepEqual(where(text, 3), { path: ['ab'], onKey: false, node: 'scalar cd', maps: 1 });
  assert.deepEqual(where(text, 4), { path: ['ab'], onKey: false, node: 'scalar cd', maps: 1 });
  assert.deepEqual(where(text, 6), { path: ['ab'], onKey: false, node: 'scalar cd', maps: 1 });
  assert.deepEqual(where(text, 7), { path: ['ef'], onKey: true, node: 'scalar ef', maps: 1 });
  assert.deepEqual(where(text, 13), { path: ['ef'], onKey: false, node: 'scalar gh', maps: 1 });
  // Past the last pair (the newline after `gh`): the map itself.
  assert.deepEqual(where(text, 14), { path: [], onKey: false, node: 'map', maps: 1 });
  //                    0123456789
  assert.deepEqual(where('{"a":"b"}', 1, 'json'), { path: ['a'], onKey: true, node: 'scalar a', maps: 1 });
  assert.deepEqual(where('{"a":"b"}', 0, 'json'), { path: [], onKey: false, node: 'map', maps: 1 });
  assert.deepEqual(where('{"a":"b"}', 8, 'json'), { path: ['a'], onKey: false, node: 'scalar b', maps: 1 });
  assert.deepEqual(where('{"a":"b"}', 9, 'json'), { path: [], onKey: false, node: 'map', maps: 1 });
});

test('locate: sequence items by index, and the sequence itself between items', () => {
  //            0123 4567890 1234567
  const text = 'a:\n  - x\n  - q\n';
  assert.deepEqual(where(text, 7), { path: ['a', 0], onKey: false, node: 'scalar x', maps: 1 });
  assert.deepEqual(where(text, 13), { path: ['a', 1], onKey: false, node: 'scalar q', maps: 1 });
  //                    0123456789
  assert.deepEqual(where('a: [x, q]\n', 4), { path: ['a', 0], onKey: false, node: 'scalar x', maps: 1 });
  assert.deepEqual(where('a: [x, q]\n', 8), { path: ['a', 1], onKey: false, node: 'scalar q', maps: 1 });
  // The blank between `x,` and `q` is on no item.
  assert.deepEqual(where('a: [x, q]\n', 6), { path: ['a'], onKey: false, node: 'seq', maps: 1 });
  assert.deepEqual(where('a: [x, q]\n', 3), { path: ['a'], onKey: false, node: 'seq', maps: 1 });
  //                    0123456789012345678
  assert.deepEqual(where('- b: [1, {c: d}]\n', 13), { path: [0, 'b', 1, 'c'], onKey: false, node: 'scalar d', maps: 2 });
  assert.deepEqual(where('- b: [1, {c: d}]\n', 10), { path: [0, 'b', 1, 'c'], onKey: true, node: 'scalar c', maps: 2 });
});

test('locate: a key that is not text is the empty name', () => {
  //                    0123456
  assert.deepEqual(where('[a]: 1\n', 5), { path: [''], onKey: false, node: 'scalar 1', maps: 1 });
  assert.deepEqual(where(': v\n', 2), { path: [''], onKey: false, node: 'scalar v', maps: 1 });
  assert.deepEqual(where('~: v\n', 3), { path: [''], onKey: false, node: 'scalar v', maps: 1 });
});

test('locate: an offset on both a key and its value (they touch) is on the value', () => {
  const key = scalar('ab', 0);
  const value = scalar('cd', 2);
  const l = locate(map([{ key, value, span: { start: 0, end: 4 } }]), 2);
  assert.equal(l.onKey, false);
  assert.equal(l.node, value);
  assert.deepEqual(l.path, ['ab']);
});

test('locate: a pair with no value ends at its key', () => {
  const key = scalar('ab', 0);
  const l = locate(map([{ key, value: null, span: { start: 0, end: 3 } }]), 3);
  assert.deepEqual({ path: l.path, onKey: l.onKey, node: l.node }, { path: ['ab'], onKey: false, node: undefined });
  const onKey = locate(map([{ key, value: null, span: { start: 0, end: 3 } }]), 1);
  assert.deepEqual({ path: onKey.path, onKey: onKey.onKey, node: onKey.node }, { path: ['ab'], onKey: true, node: key });
});

test('locate: a pair without a key node is found by its own span and its value', () => {
  const value = scalar('v', 2);
  const l = locate(map([{ key: null, value, span: { start: 0, end: 3 } }]), 0);
  assert.deepEqual({ path: l.path, onKey: l.onKey, node: l.node }, { path: [''], onKey: false, node: value });
  const past = locate(map([{ key: null, value, span: { start: 0, end: 3 } }]), 4);
  assert.deepEqual({ path: past.path, node: past.node?.kind }, { path: [], node: 'map' });
});

test('locate: a pair reaches from its key to the end of whichever of span, key and value ends last', () => {
  // A pair's own span shorter than its value or key (the Pair type allows it): the furthest end counts,
  // and the start is the key's.
  const value = scalar('long', 5);
  const short = locate(map([{ key: scalar('k', 2), value, span: { start: 0, end: 3 } }]), 8);
  assert.deepEqual({ path: short.path, node: short.node }, { path: ['k'], node: value });
  const longKey = scalar('abcdef', 2);
  const byKey = locate(map([{ key: longKey, value: null, span: { start: 0, end: 3 } }]), 7);
  assert.deepEqual({ path: byKey.path, onKey: byKey.onKey, node: byKey.node }, { path: ['abcdef'], onKey: true, node: longKey });
  const before = locate(map([{ key: scalar('k', 2), value, span: { start: 0, end: 9 } }]), 1);
  assert.deepEqual({ path: before.path, node: before.node?.kind }, { path: [], node: 'map' });
});

test('locate: stops after 200 levels (MAX_ANALYSED_DEPTH) and names no node', () => {
  let node: Node = scalar('x', 0);
  for (let i = 0; i < 205; i++) node = { kind: 'seq', span: { start: 0, end: 1 }, items: [node], flow: true } satisfies SeqNode;
  const l = locate(node, 0);
  assert.equal(l.path.length, 200);
  assert.ok(l.path.every((p) => p === 0));
  assert.equal(l.node, undefined);
  let shallow: Node = scalar('x', 0);
  for (let i = 0; i < 199; i++) shallow = { kind: 'seq', span: { start: 0, end: 1 }, items: [shallow], flow: true } satisfies SeqNode;
  const s = locate(shallow, 0);
  assert.equal(s.path.length, 199);
  assert.equal(s.node?.kind, 'scalar');
});

test('valueOf: follows aliases; nothing gives null', () => {
  const target = scalar('t', 0);
  const alias: AliasNode = { kind: 'alias', span: { start: 5, end: 7 }, name: 'a', target };
  assert.equal(valueOf({ key: scalar('k', 0), value: alias, span: { start: 0, end: 7 } }), target);
  assert.equal(valueOf({ key: scalar('k', 0), value: target, span: { start: 0, end: 7 } }), target);
  assert.equal(valueOf({ key: scalar('k', 0), value: null, span: { start: 0, end: 2 } }), null);
  assert.equal(valueOf(undefined), null);
  const dangling: AliasNode = { kind: 'alias', span: { start: 5, end: 7 }, name: 'b', target: undefined };
  assert.equal(valueOf({ key: scalar('k', 0), value: dangling, span: { start: 0, end: 7 } }), null);
});
