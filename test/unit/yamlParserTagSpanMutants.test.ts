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

test('a word before the value that is not a tag (an anchor) is never taken for the tag', () => {
  // `!!int &a abc`: the anchor `&a` (6-8) sits between tag and value; the problem stays on the value (9-12), never on the anchor.
  assert.deepEqual(rows('!!int &a abc\n'), [['yaml-tag', 'error', 9, 12]]);
  // `&a !!int abc`: the tag right before the value is found (3-8).
  assert.deepEqual(rows('&a !!int abc\n'), [['yaml-tag', 'error', 3, 8]]);
});
