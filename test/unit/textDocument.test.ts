// lsp/textDocument.ts: the open documents' TextDocument, whose line table is the models' LineIndex,
// answers as vscode-languageserver-textdocument's TextDocument does: exact values for CRLF, lone CR and
// out-of-range positions, then random changes (reversed ranges, positions past the end, surrogate
// halves, line breaks of every kind, whole-text changes) applied to both, every answer compared. The
// library's own line table goes wrong after a change whose range spans lines past the last one (it
// writes line starts at those line numbers), so each change is applied to a TextDocument made afresh.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/document/lines';
import { LineIndexedDocument } from '../../server/src/lsp/textDocument';

/** Every answer of `ours` equals `theirs`'s, and its line index is the one made from scratch. */
function assertSame(ours: LineIndexedDocument, theirs: TextDocument, label: string): void {
  const text = theirs.getText();
  assert.equal(ours.getText(), text, label);
  assert.equal(ours.lineCount, theirs.lineCount, label);
  for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${label}: positionAt(${offset})`);
  for (let line = -1; line <= theirs.lineCount; line++) {
    for (const character of [0, 1, 2, 3, 7, 2 ** 31 - 1]) assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }), `${label}: offsetAt(${line}:${character})`);
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${label}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${label}: getEOLCharacters(${line})`);
  }
  const fresh = new LineIndex(text);
  assert.equal(ours.lines.lineCount, fresh.lineCount, label);
  for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(ours.lines.positionAt(offset), fresh.positionAt(offset), `${label}: lines.positionAt(${offset})`);
}

test('positions in a CRLF text: an offset between \\r and \\n, or a character past the line, is the line end before \\r', () => {
  const document = new LineIndexedDocument('file:///a.yaml', 'yaml', 1, 'ab\r\ncd\r\n');
  assert.equal(document.lineCount, 3);
  assert.deepEqual(document.positionAt(3), { line: 0, character: 2 });
  assert.deepEqual(document.positionAt(4), { line: 1, character: 0 });
  assert.equal(document.offsetAt({ line: 0, character: 9 }), 2);
  assert.equal(document.offsetAt({ line: 1, character: 1 }), 5);
  assert.equal(document.offsetAt({ line: 3, character: 0 }), 8);
  assert.deepEqual(document.getLineRange(1), { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
  assert.equal(document.getEOLCharacters(0), '\r\n');
  assert.equal(document.getEOLCharacters(2), '');
  assert.equal(document.getText({ start: { line: 0, character: 1 }, end: { line: 1, character: 1 } }), 'b\r\nc');
});

test('a lone \\r ends a line for the document (as for the client), not for the models\' line index', () => {
  const document = new LineIndexedDocument('file:///a.yaml', 'yaml', 1, 'a\rb\nc');
  assert.equal(document.lineCount, 3);
  assert.equal(document.offsetAt({ line: 1, character: 0 }), 2);
  assert.deepEqual(document.positionAt(3), { line: 1, character: 1 });
  assert.equal(document.lines.lineCount, 2);
  // Joining the \r to a \n makes it CRLF: two lines for both.
  assert.deepEqual(document.apply({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '\n' }), { start: 2, end: 3 });
  assert.equal(document.getText(), 'a\r\n\nc');
  assert.equal(document.lineCount, 3);
  assert.equal(document.offsetAt({ line: 1, character: 5 }), 3);
  // A reversed range is read forwards; a whole-text change replaces everything.
  assert.deepEqual(document.apply({ range: { start: { line: 2, character: 1 }, end: { line: 0, character: 1 } }, text: 'x' }), { start: 1, end: 5 });
  assert.equal(document.getText(), 'ax');
  assert.equal(document.apply({ text: 'z\r' }), undefined);
  assert.equal(document.lineCount, 2);
  assert.throws(() => document.apply({ text: 'y', rangeLength: 1 } as unknown as TextDocumentContentChangeEvent), /Unknown change event received/);
});

test('a change whose range lies past the last line leaves the right line table, so the next change lands where the client put it', () => {
  const document = new LineIndexedDocument('file:///a.yaml', 'yaml', 1, '');
  assert.deepEqual(document.apply({ range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '\r\n' }), { start: 0, end: 0 });
  assert.equal(document.lineCount, 2);
  document.apply({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x' });
  // vscode-languageserver-textdocument 1.0.16 gives '\r\nx\r\n' here: its table then counted 8 lines.
  assert.equal(document.getText(), '\r\nx');
});

test('random changes applied to this document and to vscode-languageserver-textdocument\'s give the same text and answers', () => {
  const texts = fc.constantFrom('', 'a', 'a: 1\nb: 2\n', 'a: 1\r\nb: 2\r\n', 'x\ry\r\nz\n', '😀\ud800: &a [*a]\n---\n', '\r\r\n\n\r');
  const piece = fc.constantFrom('', 'x', '\n', '\r\n', '\r', '\n\r', '\ud83d', '\ude00', '😀', 'ab\ncd', '---\n', '\r\r');
  const position = fc.record({ line: fc.integer({ min: -1, max: 8 }), character: fc.constantFrom(0, 1, 2, 3, 5, 2 ** 31 - 1) });
  const change = fc.oneof(
    { weight: 12, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: piece }) },
    { weight: 1, arbitrary: fc.record({ text: fc.oneof(texts, piece) }) },
  );
  fc.assert(
    fc.property(texts, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (initial, notifications) => {
      const ours = new LineIndexedDocument('file:///a.yaml', 'yaml', 1, initial);
      assertSame(ours, TextDocument.create('file:///a.yaml', 'yaml', 1, initial), 'opened');
      notifications.forEach((changes, n) => {
        let theirs = TextDocument.create('file:///a.yaml', 'yaml', 1, ours.getText());
        for (const c of changes) {
          ours.apply(c as TextDocumentContentChangeEvent);
          theirs = TextDocument.create('file:///a.yaml', 'yaml', 1, TextDocument.update(theirs, [c as TextDocumentContentChangeEvent], 2).getText());
        }
        assertSame(ours, theirs, `after notification ${n}: ${JSON.stringify(changes)}`);
      });
    }),
    { numRuns: 400 },
  );
});
