// document/yamlParser.ts resplitDocuments (issue 16, session 25): the two survivors of line 59 that the
// 3,000 random edits of yamlParserEdges never met. The scan that starts again before an edit may stop
// only at a document start past the edited text: inside it, an old start moved by the edit's delta can
// coincide with a new `---` while the rest of the edited text holds markers the old text did not.
// Expected slices are counted by hand (a `---` line followed by a blank opens a document, YAML 1.2.2 §9.1).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { resplitDocuments, splitDocuments } from '../../server/src/document/yamlParser';

test('resplitDocuments: a new `---` inside the edited text where an old one was does not end the scan; the marker typed after it opens a document', () => {
  // Old: `a`, `---` at 2, `---` at 8; offsets 7..16 ("\n---\nc\nd\n") are replaced by "\n---\n--- " (same length, delta 0).
  const old = 'a\n---\nb\n---\nc\nd\ne\n';
  const previous = splitDocuments(old);
  assert.deepEqual(previous, [{ start: 0, end: 2 }, { start: 2, end: 8 }, { start: 8, end: 18 }]);
  const text = 'a\n---\nb\n---\n--- e\n';
  assert.equal(text, old.slice(0, 7) + '\n---\n--- ' + old.slice(16));
  // The `---` at 8 is where the old one was, but the edit also wrote `--- e` at 12, a document of its own.
  const expected = [{ start: 0, end: 2 }, { start: 2, end: 8 }, { start: 8, end: 12 }, { start: 12, end: 18 }];
  assert.deepEqual(resplitDocuments(text, previous, { start: 7, oldEnd: 16, newEnd: 16 }), expected);
  assert.deepEqual(splitDocuments(text), expected);
});

test('resplitDocuments: the same with an edit that grows the text (delta 4)', () => {
  // Old `---` at 8 moves to 12 after four characters typed at 7; the edit (7..16 → 7..20) also holds `--- e` at 16.
  const old = 'a\n---\nb\n---\nc\nd\ne\n';
  const text = 'a\n---\nb\nxyz\n---\n--- e\n';
  assert.equal(text, old.slice(0, 7) + '\nxyz\n---\n--- ' + old.slice(16));
  const expected = [{ start: 0, end: 2 }, { start: 2, end: 12 }, { start: 12, end: 16 }, { start: 16, end: 22 }];
  assert.deepEqual(resplitDocuments(text, splitDocuments(old), { start: 7, oldEnd: 16, newEnd: 20 }), expected);
  assert.deepEqual(splitDocuments(text), expected);
});
