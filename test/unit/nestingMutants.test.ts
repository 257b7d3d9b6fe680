// More edges of document/nesting.ts, from the survivors of its second mutation run
// (test/mutation/runs/2026-11-30-s21-document-nesting.json). Levels counted by hand as in
// nestingEdges.test.ts: open block indentation levels plus open flow collections (go-yaml's scanner,
// go.yaml.in/yaml/v2 scannerc.go); the offset is the line or bracket that first goes past the limit.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { findYamlNestingExcess } from '../../server/src/document/nesting';

const at = (text: string, needle: string, from = 0) => text.indexOf(needle, from);

test('the first line may be indented: it opens a level', () => {
  assert.deepEqual(findYamlNestingExcess('  a: 1\n', 0), { offset: 2, depth: 1 });
});

test('lines that are blank, whitespace before CR, or comments open no level at any column', () => {
  assert.equal(findYamlNestingExcess('a:\n  b:\n   \r\n  c: 1\n', 2), undefined);
  assert.equal(findYamlNestingExcess('a:\n      # a deeper comment\nb: 1\n', 1), undefined);
  assert.equal(findYamlNestingExcess('a:\n  b: 1\n          # deeper still\n  c: 1\n', 2), undefined);
});

test('a line starting with # inside a double-quoted scalar is text: a quote on it closes the scalar', () => {
  const text = 'a: "x\n  # y"\nb:\n  c:\n    d: 1\n';
  assert.deepEqual(findYamlNestingExcess(text, 2), { offset: at(text, 'd:'), depth: 3 });
});

test('after a block scalar ends, deeper lines open levels again', () => {
  const text = 'a: |\n  x\nb:\n  c:\n    d: 1\n';
  assert.deepEqual(findYamlNestingExcess(text, 2), { offset: at(text, 'd:'), depth: 3 });
  const folded = 'a: >-\n  x\n\n  y\nb:\n  c:\n    d: [1]\n';
  assert.deepEqual(findYamlNestingExcess(folded, 3), { offset: at(folded, '[1]'), depth: 4 });
});

test('- and ? are indicators only before a space, a CR or the line end; a compact level sits at its own column', () => {
  assert.equal(findYamlNestingExcess('-[[1]]\n', 1), undefined);
  assert.equal(findYamlNestingExcess('?[[1]]\n', 1), undefined);
  assert.deepEqual(findYamlNestingExcess('- ? - x\n', 2), { offset: 4, depth: 3 });
  assert.deepEqual(findYamlNestingExcess('? ? x\n', 1), { offset: 2, depth: 2 });
  // On a later line the compact level's column is counted from that line's start (2 here), so a line at
  // column 4 opens a third level (and the one at column 6 a fourth).
  const later = 'a:\n- - x\n    y:\n      z: 1\n';
  assert.deepEqual(findYamlNestingExcess(later, 2), { offset: at(later, 'y:'), depth: 4 });
});

test('quotes inside flow collections: escapes, single quotes, doubled and empty single quotes', () => {
  assert.equal(findYamlNestingExcess('a: ["\\"[[", 1]\n', 2), undefined);
  assert.equal(findYamlNestingExcess("a: ['[[', 1]\n", 2), undefined);
  assert.equal(findYamlNestingExcess("a: ['x''[[', 1]\n", 2), undefined);
  const doubled = "a: 'it''s\n  - - -\n   x'\nb: [[1]]\n";
  assert.deepEqual(findYamlNestingExcess(doubled, 2), { offset: at(doubled, 'b: [[') + 4, depth: 3 });
  const empty = "a: ''\nb:\n  c:\n    d: 1\n";
  assert.deepEqual(findYamlNestingExcess(empty, 2), { offset: at(empty, 'd:'), depth: 3 });
});

test('a # is a comment only after a space or a tab, whatever follows it', () => {
  assert.equal(findYamlNestingExcess('a: [1, #[[[\n  2]\n', 2), undefined);
});

test('only a colon followed by a space, a CR or the line end starts a value', () => {
  assert.equal(findYamlNestingExcess('a: b c [[1]]\n', 1), undefined);
  assert.equal(findYamlNestingExcess('a:[[1]]\n', 1), undefined);
  assert.equal(findYamlNestingExcess('a b: c d [[1]]\n', 1), undefined);
});

test('a closing brace closes a flow mapping; | and > inside flow collections are text', () => {
  const braces = 'a: {b: 1}\nc:\n  d:\n    e: 1\n';
  assert.deepEqual(findYamlNestingExcess(braces, 2), { offset: at(braces, 'e:'), depth: 3 });
  assert.deepEqual(findYamlNestingExcess('a: [\n  |\n  [[1]]]\n', 2), { offset: 11, depth: 4 });
  assert.deepEqual(findYamlNestingExcess('a: {\n  b: >\n  c: [[1]]}\n', 2), { offset: 17, depth: 4 });
});

test('a block scalar header is | or > at the value with nothing but indicators and a comment after it', () => {
  const text = 'a: >x >\n  - [[1]]\n';
  assert.deepEqual(findYamlNestingExcess(text, 2), { offset: at(text, '[['), depth: 4 });
  const pipe = 'a: |x |\n  - [[1]]\n';
  assert.deepEqual(findYamlNestingExcess(pipe, 2), { offset: at(pipe, '[['), depth: 4 });
});
