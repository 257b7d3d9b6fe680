// document/yamlParser.ts tagBefore, measured for the first time in session 26 (test/mutation/stryker.s26-yamlparser.json):
// where a tag problem is reported. Offsets are counted by hand in the strings below; the messages are go-yaml v2's
// (test/support/goYamlScalarTable.ts: "cannot decode !!str `abc` as a !!int").
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlDocument } from '../../server/src/document/yamlParser';

const rows = (text: string) => parseYamlDocument(text).problems.map((p) => [p.code, p.severity, p.span.start, p.span.end]);

test('a tag at the very start of the text is found there: the problem covers `!!int` (0-5), not the value', () => {
  assert.deepEqual(rows('!!int abc\n'), [['yaml-tag', 'error', 0, 5]]);
  assert.deepEqual(rows('!!int abc'), [['yaml-tag', 'error', 0, 5]]);
  // the same tag after a key: 3-8
  assert.deepEqual(rows('a: !!int abc\n'), [['yaml-tag', 'error', 3, 8]]);
});

test('an anchor before the value is never taken for the tag: the tag before it (or after it) is found', () => {
  // `!!int &a abc`: the anchor `&a` (6-8) sits between tag and value; the problem covers the tag (0-5), never the
  // anchor. (Before session 27 it fell back to the value, 9-12: the search stopped at the anchor.)
  assert.deepEqual(rows('!!int &a abc\n'), [['yaml-tag', 'error', 0, 5]]);
  // `&a !!int abc`: the tag right before the value is found (3-8).
  assert.deepEqual(rows('&a !!int abc\n'), [['yaml-tag', 'error', 3, 8]]);
  // A tag after a word that is not an anchor is not looked for: `x !!int` cannot be written before a value,
  // and `!!int` on its own is found (3-8) across a blank run of several characters.
  assert.deepEqual(rows('a: !!int \t abc\n'), [['yaml-tag', 'error', 3, 8]]);
});

test('the tag is found across line breaks and comments, as YAML allows between a node\'s properties and its value', () => {
  // `a: !!int # c` / `  abc`: the comment (9-12) and the line break between; the problem covers `!!int` (3-8).
  assert.deepEqual(rows('a: !!int # c\n  abc\n'), [['yaml-tag', 'error', 3, 8]]);
  assert.deepEqual(rows('a: !!int #c\n  abc\n'), [['yaml-tag', 'error', 3, 8]]);
  // A comment line, a blank line and an anchor on the value's line: still 3-8.
  assert.deepEqual(rows('a: !!int\n  # c\n\n  &x abc\n'), [['yaml-tag', 'error', 3, 8]]);
  // A tag with `#` inside (`!e!x#y` is one tag, `#` not after a blank): the whole tag (3-9), kubectl ignoring it.
  assert.deepEqual(rows('%TAG !e! tag:e,2000:\n---\na: !e!x#y\n  abc\n').map((r) => r.slice(2)), [[28, 34]]);
  // A comment line at column 0 between them: 3-8.
  assert.deepEqual(rows('a: !!int\n# c\n  abc\n'), [['yaml-tag', 'error', 3, 8]]);
  // Windows line ends: the `\r` before the line break is a blank too.
  assert.deepEqual(rows('a: !!int # c\r\n  abc\r\n'), [['yaml-tag', 'error', 3, 8]]);
  assert.deepEqual(rows('a: !!int\r\n  abc\r\n'), [['yaml-tag', 'error', 3, 8]]);
  // A tag at the very start of the text with the value on the next line: 0-5.
  assert.deepEqual(rows('!!int\nabc\n'), [['yaml-tag', 'error', 0, 5]]);
});

test('in a flow collection the tag right after `[`, `{` or `,` is found: the problem covers the tag, not the value', () => {
  // `a: [!!int abc]`: the tag 4-9 (before session 28 the value, 10-13: the token before it was `[!!int`).
  assert.deepEqual(rows('a: [!!int abc]\n'), [['yaml-tag', 'error', 4, 9]]);
  // after an item and a comma: 6-11; a key of a flow map after a comma: 9-14; the first key of a flow map: 4-9.
  assert.deepEqual(rows('a: [1,!!int abc]\n'), [['yaml-tag', 'error', 6, 11]]);
  assert.deepEqual(rows('a: {b: 1,!!int c: d}\n'), [['yaml-tag', 'error', 9, 14]]);
  assert.deepEqual(rows('a: {!!int abc: 1}\n'), [['yaml-tag', 'error', 4, 9]]);
  // A verbatim tag holds a comma of its own: the whole `!<tag:yaml.org,2002:int>` (4-28), after `[` or not (3-27).
  assert.deepEqual(rows('a: [!<tag:yaml.org,2002:int> abc]\n'), [['yaml-tag', 'error', 4, 28]]);
  assert.deepEqual(rows('a: !<tag:yaml.org,2002:int> abc\n'), [['yaml-tag', 'error', 3, 27]]);
  // A `!` inside a plain item before the comma is not a tag: `x!y` stays a value, the tag after the comma (9-14)
  // and, glued to the comma, (8-13).
  assert.deepEqual(rows('a: [x!y, !!int abc]\n'), [['yaml-tag', 'error', 9, 14]]);
  assert.deepEqual(rows('a: [x!y,!!int abc]\n'), [['yaml-tag', 'error', 8, 13]]);
  // The token's last tag, not its first: `[!!null,!!int` holds two, the problem covers `!!int` (11-16).
  assert.deepEqual(rows('a: [!!null,!!int abc]\n'), [['yaml-tag', 'error', 11, 16]]);
});
