// Edges of document/lines.ts for mutation testing (issue 16): offsetAt for lines outside the text (the LSP
// sends positions past the end after an edit, and clients may send a negative line), and lineCount.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/document/lines';

test('offsetAt: a line past the last one is the end of the text; a negative line is its start', () => {
  const lines = new LineIndex('ab\ncd\nef');
  assert.equal(lines.lineCount, 3);
  assert.equal(lines.offsetAt({ line: 3, character: 0 }), 8);
  assert.equal(lines.offsetAt({ line: 4, character: 2 }), 8);
  assert.equal(lines.offsetAt({ line: -1, character: 1 }), 0);
  assert.equal(lines.offsetAt({ line: 2, character: 9 }), 8);
  assert.equal(lines.offsetAt({ line: 1, character: 1 }), 4);
});

test('lineCount: one more than the line feeds, also for an empty text and a trailing line feed', () => {
  assert.equal(new LineIndex('').lineCount, 1);
  assert.equal(new LineIndex('a\n').lineCount, 2);
  assert.equal(new LineIndex('a\r\nb\nc').lineCount, 3);
  const trailing = new LineIndex('a\n');
  assert.equal(trailing.offsetAt({ line: 2, character: 0 }), 2);
  assert.deepEqual(trailing.positionAt(2), { line: 1, character: 0 });
});
