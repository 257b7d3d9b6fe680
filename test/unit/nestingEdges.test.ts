// Edges of document/nesting.ts for mutation testing, with small limits so every level is counted by hand:
// the depth at a point is the open block indentation levels plus the open flow collections (go-yaml's
// scanner: max_indents and max_flow_level, go.yaml.in/yaml/v2 scannerc.go), compact sequences and explicit
// keys open one level per indicator, and brackets inside quotes, comments, block scalars, plain keys or
// after the value started do not count. The offset is that of the line or bracket that first goes past.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { findJsonNestingExcess, findYamlNestingExcess, GO_YAML_MAX_DEPTH, MAX_ANALYSED_DEPTH, nestingMessage } from '../../server/src/document/nesting';

const at = (text: string, needle: string, from = 0) => text.indexOf(needle, from);

test('block indentation: one level per deeper column, popped on dedent, none for the same column', () => {
  assert.deepEqual(findYamlNestingExcess('a: 1\n', 0), { offset: 0, depth: 1 });
  assert.equal(findYamlNestingExcess('a: 1\n', 1), undefined);
  const three = 'a:\n  b:\n    c: 1\n';
  assert.deepEqual(findYamlNestingExcess(three, 2), { offset: at(three, 'c'), depth: 3 });
  assert.equal(findYamlNestingExcess(three, 3), undefined);
  const four = 'a:\n  b:\n    c:\n      d: 1\n';
  assert.deepEqual(findYamlNestingExcess(four, 2), { offset: at(four, 'c'), depth: 4 });
  assert.equal(findYamlNestingExcess('a:\n  b: 1\nc:\n  d: 1\ne:\n  f: 1\n', 2), undefined);
  assert.equal(findYamlNestingExcess('a: 1\nb: 1\nc: 1\n', 1), undefined);
  // A dedent to a column between two levels pops the deeper one and opens its own.
  const between = 'a:\n    b:\n  c:\n   d: 1\n';
  assert.deepEqual(findYamlNestingExcess(between, 2), { offset: at(between, 'd'), depth: 3 });
  // Blank lines, whitespace-only lines, CRLF blank lines and comment lines neither open nor close levels.
  const blanks = 'a:\n\n   \n\r\n# c\n  b:\n      \n    c: 1\n';
  assert.deepEqual(findYamlNestingExcess(blanks, 2), { offset: at(blanks, 'c:'), depth: 3 });
  assert.deepEqual(findYamlNestingExcess('a:\r\n  b:\r\n    c: 1\r\n', 2), { offset: 14, depth: 3 });
});

test('compact sequences and explicit keys open one level per indicator', () => {
  assert.deepEqual(findYamlNestingExcess('- - - x\n', 2), { offset: 4, depth: 3 });
  assert.equal(findYamlNestingExcess('- - - x\n', 3), undefined);
  assert.deepEqual(findYamlNestingExcess('? - - x\n', 2), { offset: 4, depth: 3 });
  assert.deepEqual(findYamlNestingExcess('-   -  - x\n', 2), { offset: 7, depth: 3 });
  assert.deepEqual(findYamlNestingExcess('- - -\n', 2), { offset: 4, depth: 3 });
  assert.deepEqual(findYamlNestingExcess('- - -\r\n', 2), { offset: 4, depth: 3 });
  assert.equal(findYamlNestingExcess('- -x - y\n', 1), undefined, '-x is a scalar');
  assert.equal(findYamlNestingExcess('- ?x\n', 1), undefined);
  assert.equal(findYamlNestingExcess('? a\n: b\n', 1), undefined);
  assert.equal(findYamlNestingExcess('- a - b - c\n', 1), undefined);
});

test('flow collections at a value count, closers close them, a stray closer does not go below zero', () => {
  assert.deepEqual(findYamlNestingExcess('a: [[1]]\n', 2), { offset: 4, depth: 3 });
  assert.equal(findYamlNestingExcess('a: [[1]]\n', 3), undefined);
  assert.deepEqual(findYamlNestingExcess('a: {b: [c]}\n', 2), { offset: 7, depth: 3 });
  assert.equal(findYamlNestingExcess('a: [[1], [2], [3]]\n', 3), undefined);
  assert.equal(findYamlNestingExcess('a: [1]\nb: [2]\nc: [3]\n', 2), undefined);
  assert.deepEqual(findYamlNestingExcess('a: [[[1]]]\n', 2), { offset: 4, depth: 4 });
  const stray = 'a: ]\nb: }\nc: [[1]]\n';
  assert.deepEqual(findYamlNestingExcess(stray, 2), { offset: at(stray, '[[') + 1, depth: 3 });
  // A flow collection spanning lines keeps its level; its lines open no indentation level.
  const spanning = 'a: [\n      [\n  1]]\nb: 1\n';
  assert.deepEqual(findYamlNestingExcess(spanning, 2), { offset: at(spanning, '[', 5), depth: 3 });
  assert.equal(findYamlNestingExcess('a: [\n      1,\n        2]\nb:\n  c: 1\n', 2), undefined);
  // A sequence item's value is a value too.
  assert.deepEqual(findYamlNestingExcess('- [[1]]\n', 2), { offset: 3, depth: 3 });
});

test('brackets that are not at a value: in a plain key, after a plain value started, in a quoted key', () => {
  assert.equal(findYamlNestingExcess('a[[[: 1\n', 1), undefined);
  assert.equal(findYamlNestingExcess('a: b [[[\n', 1), undefined);
  assert.equal(findYamlNestingExcess('a:b [[[\n', 1), undefined, 'a colon not followed by a space is part of the key');
  assert.equal(findYamlNestingExcess('"a: [[[": 1\n', 1), undefined);
  assert.deepEqual(findYamlNestingExcess('a:\t[[1]]\n', 1), undefined, 'a tab does not start a value here');
  assert.deepEqual(findYamlNestingExcess('a:  [[1]]\n', 2), { offset: 5, depth: 3 });
  assert.deepEqual(findYamlNestingExcess('a:\n  [[1]]\n', 3), { offset: 6, depth: 4 });
});

test('quotes: brackets inside double and single quotes, escapes, doubled single quotes, quotes across lines', () => {
  assert.equal(findYamlNestingExcess('a: "[[[["\n', 1), undefined);
  assert.equal(findYamlNestingExcess('a: "\\"[[[["\n', 1), undefined);
  assert.equal(findYamlNestingExcess('a: "\\\\" [[[[\n', 1), undefined, 'after the closing quote the value has started');
  assert.equal(findYamlNestingExcess("a: 'it''s [[[['\n", 1), undefined);
  assert.equal(findYamlNestingExcess('a: [\'x\', "y]", [[1]]]\n', 4), undefined);
  assert.deepEqual(findYamlNestingExcess('a: [\'x\', "y]", [[1]]]\n', 3), { offset: 16, depth: 4 });
  assert.deepEqual(findYamlNestingExcess("a: ['it''s', [[1]]]\n", 2), { offset: 13, depth: 4 });
  const multi = 'a: "x\n      [[[[ y\n   - - -"\nb: [[1]]\n';
  assert.deepEqual(findYamlNestingExcess(multi, 2), { offset: at(multi, 'b: [[') + 4, depth: 3 });
  const single = "a: 'x\n  - - - [[[[\n   y'\nb: [[1]]\n";
  assert.deepEqual(findYamlNestingExcess(single, 2), { offset: at(single, 'b: [[') + 4, depth: 3 });
});

test('comments: after a space or a tab, or a whole line; a # inside a word is not one', () => {
  assert.equal(findYamlNestingExcess('a: 1 # [[[[\n', 1), undefined);
  assert.equal(findYamlNestingExcess('a: [1,\t# [[[[\n  2]\n', 2), undefined);
  assert.equal(findYamlNestingExcess('a: [1, # [[[[\n  2]\n', 2), undefined);
  assert.equal(findYamlNestingExcess('# [[[[\na: 1\n', 1), undefined);
  assert.deepEqual(findYamlNestingExcess('a: [b#[[1]]]\n', 2), { offset: 6, depth: 4 });
  // Inside a flow collection a line starting with # is a comment line too, and a blank one.
  assert.equal(findYamlNestingExcess('a: [\n# [[[\n  1]\n', 2), undefined);
});

test('block scalars: their deeper lines are text, whatever they hold; the header may carry indicators and a comment', () => {
  for (const header of ['|', '>', '|-', '>+', '|2', '>-2', '|  # note', '>2-']) {
    const text = `a: ${header}\n  [[[[\n    - - -\n\n  x\nb: [[1]]\n`;
    assert.deepEqual(findYamlNestingExcess(text, 2), { offset: at(text, 'b: [[') + 4, depth: 3 }, header);
  }
  // A block scalar under a key at column 2 ends at the first line at column 2 or less.
  const nested = 'a:\n  b: |\n    [[[[\n  c: [[1]]\n';
  assert.deepEqual(findYamlNestingExcess(nested, 3), { offset: at(nested, 'c: [[') + 4, depth: 4 });
  // A sequence item's block scalar.
  assert.equal(findYamlNestingExcess('- |\n  - - - -\n- x\n', 1), undefined);
  // Not a block scalar: text after the indicator.
  assert.deepEqual(findYamlNestingExcess('a: |x\n  - [[1]]\n', 2), { offset: at('a: |x\n  - [[1]]\n', '[['), depth: 4 });
  assert.deepEqual(findYamlNestingExcess('a: |\n  [x]\n[[1]]\n', 1), { offset: 11, depth: 3 });
});

test('anchors and tags before a value: the value starts after them', () => {
  assert.deepEqual(findYamlNestingExcess('a: &x [[1]]\n', 2), { offset: 7, depth: 3 });
  assert.deepEqual(findYamlNestingExcess('a: !!seq [[1]]\n', 2), { offset: 10, depth: 3 });
  assert.deepEqual(findYamlNestingExcess('a: &x   !t   [[1]]\n', 2), { offset: 14, depth: 3 });
  assert.deepEqual(findYamlNestingExcess('- &x [[1]]\n', 2), { offset: 6, depth: 3 });
  assert.equal(findYamlNestingExcess('a: &[[[[\n', 1), undefined, 'the anchor name runs to the next space');
  assert.equal(findYamlNestingExcess('a: &x\n', 1), undefined);
});

test("counting stops a line after the depth passes go-yaml's 10,000", () => {
  const deep = `a: ${'['.repeat(GO_YAML_MAX_DEPTH)}\n${'['.repeat(5)}\n`;
  assert.deepEqual(findYamlNestingExcess(deep, 2), { offset: 4, depth: GO_YAML_MAX_DEPTH + 1 });
  const under = `a: ${'['.repeat(GO_YAML_MAX_DEPTH - 1)}\n${'['.repeat(5)}\n`;
  assert.deepEqual(findYamlNestingExcess(under, 2), { offset: 4, depth: GO_YAML_MAX_DEPTH + 5 });
  assert.deepEqual(findYamlNestingExcess(`a: ${'['.repeat(MAX_ANALYSED_DEPTH)}\n`), { offset: 3 + MAX_ANALYSED_DEPTH - 1, depth: MAX_ANALYSED_DEPTH + 1 });
  assert.equal(findYamlNestingExcess(`a: ${'['.repeat(MAX_ANALYSED_DEPTH - 1)}\n`), undefined);
});

test('JSON: brackets and braces count, strings (with escapes, ending at a line break) do not, stray closers stay at zero', () => {
  assert.deepEqual(findJsonNestingExcess('[[[]]]', 2), { offset: 2, depth: 3 });
  assert.equal(findJsonNestingExcess('[[[]]]', 3), undefined);
  assert.deepEqual(findJsonNestingExcess('[[[[]]]]', 2), { offset: 2, depth: 4 });
  assert.deepEqual(findJsonNestingExcess('{"a": [{}]}', 2), { offset: 7, depth: 3 });
  assert.equal(findJsonNestingExcess('[[], [], []]', 2), undefined);
  assert.equal(findJsonNestingExcess('["[[[", "{{{"]', 1), undefined);
  assert.equal(findJsonNestingExcess('["\\"[[[", 1]', 1), undefined);
  assert.deepEqual(findJsonNestingExcess('["\\\\", [[1]]]', 2), { offset: 8, depth: 3 });
  assert.deepEqual(findJsonNestingExcess('"abc\n[[[', 2), { offset: 7, depth: 3 });
  assert.deepEqual(findJsonNestingExcess(']]}[[[', 2), { offset: 5, depth: 3 });
  assert.equal(findJsonNestingExcess(`${'['.repeat(MAX_ANALYSED_DEPTH)}${']'.repeat(MAX_ANALYSED_DEPTH)}`), undefined);
  assert.deepEqual(findJsonNestingExcess('['.repeat(MAX_ANALYSED_DEPTH + 1)), { offset: MAX_ANALYSED_DEPTH, depth: MAX_ANALYSED_DEPTH + 1 });
});

test('nestingMessage: the depth and the limit, or kubectl refusing past 10,000', () => {
  assert.equal(
    nestingMessage({ offset: 0, depth: 1234 }),
    'This document nests 1,234 levels deep from here, more than the 200 this tool analyses (kubectl accepts up to 10,000; no MigrationPolicy field nests deeper than 6). The document is not analysed.',
  );
  assert.equal(
    nestingMessage({ offset: 0, depth: 10_000 }, 5),
    'This document nests 10,000 levels deep from here, more than the 5 this tool analyses (kubectl accepts up to 10,000; no MigrationPolicy field nests deeper than 6). The document is not analysed.',
  );
  assert.equal(
    nestingMessage({ offset: 0, depth: 10_001 }),
    'This document nests more than 10,000 levels deep from here; kubectl refuses it ("exceeded max depth of 10,000"). The document is not analysed.',
  );
});
