// document/lines.ts keeps line starts in chunks of 512 lines, and an edit makes a new index that shares
// the chunks it did not touch: exact positions across chunk boundaries, and random edits (many lines
// added and removed, across chunks) against a table of line starts computed from scratch.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/document/lines';

/** Line starts of `text`, from scratch. */
function starts(text: string): number[] {
  const result = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') result.push(i + 1);
  return result;
}

/** Every answer of `lines` for `text`, checked against `starts(text)`: line starts, ends, past-the-end characters and some offsets. */
function assertIndexes(lines: LineIndex, text: string, offsets: number[]): void {
  const table = starts(text);
  assert.equal(lines.lineCount, table.length);
  assert.equal(lines.textLength, text.length);
  for (let line = 0; line < table.length; line++) {
    const next = line + 1 < table.length ? table[line + 1] : text.length;
    assert.equal(lines.offsetAt({ line, character: 0 }), table[line]);
    assert.equal(lines.offsetAt({ line, character: 1_000_000 }), next);
    assert.deepEqual(lines.positionAt(table[line]), { line, character: 0 });
    if (next > table[line]) assert.deepEqual(lines.positionAt(next - 1), { line, character: next - 1 - table[line] });
  }
  for (const offset of offsets) {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let line = 0;
    while (line + 1 < table.length && table[line + 1] <= clamped) line++;
    assert.deepEqual(lines.positionAt(offset), { line, character: clamped - table[line] });
  }
  assert.equal(lines.offsetAt({ line: table.length, character: 0 }), text.length);
  assert.equal(lines.offsetAt({ line: -1, character: 5 }), 0);
}

test('a text of 1,200 lines: positions on both sides of the chunk boundaries at lines 512 and 1,024', () => {
  const text = Array.from({ length: 1200 }, (_, i) => `line ${i}`).join('\n');
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 1200);
  // Lines 0-9 are 7 characters with their line feed, 10-99 8, 100-999 9, then 10.
  const startOf = (line: number) => (line <= 10 ? line * 7 : line <= 100 ? 70 + (line - 10) * 8 : line <= 1000 ? 790 + (line - 100) * 9 : 8890 + (line - 1000) * 10);
  assert.equal(lines.offsetAt({ line: 511, character: 0 }), startOf(511));
  assert.equal(lines.offsetAt({ line: 511, character: 99 }), startOf(512));
  assert.equal(lines.offsetAt({ line: 512, character: 2 }), startOf(512) + 2);
  assert.deepEqual(lines.positionAt(startOf(512) - 1), { line: 511, character: 8 });
  assert.deepEqual(lines.positionAt(startOf(512)), { line: 512, character: 0 });
  assert.deepEqual(lines.positionAt(startOf(1024) + 3), { line: 1024, character: 3 });
  assert.deepEqual(lines.positionAt(text.length + 5), { line: 1199, character: 9 });
  assertIndexes(lines, text, [0, 1, startOf(512) - 1, startOf(1023), text.length]);
});

test('edited: a line break typed at a chunk boundary, and lines removed across two chunks (the old index still answers for its text)', () => {
  const text = Array.from({ length: 1200 }, (_, i) => `l${i % 10}`).join('\n');
  const lines = new LineIndex(text);
  // Line 512 starts at 512 * 3: a line break typed just before it adds one line to the first chunk.
  const broken = `${text.slice(0, 1535)}\n${text.slice(1535)}`;
  const added = lines.edited(broken, 1535, 1535, 1536);
  assert.equal(added.lineCount, 1201);
  assert.deepEqual(added.positionAt(1536), { line: 512, character: 0 });
  assert.deepEqual(added.positionAt(1537), { line: 513, character: 0 });
  assertIndexes(added, broken, [1534, 1535, 1536, 1537, 1538]);
  // The old index still answers for the old text.
  assertIndexes(lines, text, [1535, 1536]);
  // Lines 500-1,100 removed: one chunk's tail, a whole chunk, and the next chunk's head.
  const cut = text.slice(0, 1500) + text.slice(3300);
  const removed = lines.edited(cut, 1500, 3300, 1500);
  assert.equal(removed.lineCount, 600);
  assertIndexes(removed, cut, [1499, 1500, 1501, 1800]);
});

test('edited: 600 lines pasted into one chunk split it, and the index equals one made from scratch', () => {
  const text = 'a\n'.repeat(100);
  const pasted = 'b\n'.repeat(1500);
  const next = text.slice(0, 10) + pasted + text.slice(10);
  const lines = new LineIndex(text).edited(next, 10, 10, 10 + pasted.length);
  assert.equal(lines.lineCount, 1601);
  assertIndexes(lines, next, [0, 9, 10, 11, 3009, 3010, 3011, next.length]);
});

test('edited: random edits (runs of lines inserted and removed) equal the line starts of the text from scratch', () => {
  const piece = fc.oneof(fc.constantFrom('', 'x', '\n', 'ab\n', '\r\n', '\n\n\n'), fc.integer({ min: 1, max: 900 }).map((n) => 'y\n'.repeat(n)));
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4000 })), insert: piece });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1500 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (count, edits) => {
      let text = Array.from({ length: count }, (_, i) => 'z'.repeat(i % 4)).join('\n');
      let lines = new LineIndex(text);
      for (const e of edits) {
        const start = Math.floor(e.at * text.length);
        const oldEnd = Math.min(text.length, start + e.remove);
        const next = text.slice(0, start) + e.insert + text.slice(oldEnd);
        lines = lines.edited(next, start, oldEnd, start + e.insert.length);
        text = next;
        assertIndexes(lines, text, [start - 1, start, start + e.insert.length, text.length + 1]);
      }
    }),
    { numRuns: 60 },
  );
});
