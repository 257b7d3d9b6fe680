// Edges of document/yamlParser.ts found by mutation testing (test/mutation/stryker.s23-yamlparser.json,
// issue 16): where a YAML stream is cut into documents, and the same cut made again after an edit.
// Expected values follow the YAML specification's document markers (YAML 1.2.2 §9.1.2/§9.2, the same
// in YAML 1.1 §9.1): a line that starts with `---` or `...` followed by white space, a line break or
// the end of the text (c-forbidden), as go-yaml v2's scanner checks it (scannerc.go,
// yaml_parser_fetch_next_token: column 0, three '-' or '.', then is_blankz). Directives (`%YAML`) and
// comments before a `---` belong to the document that `---` opens (l-directive-document,
// l-document-prefix). Offsets are counted from the inputs here.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { resplitDocuments, splitDocuments } from '../../server/src/document/yamlParser';
import type { DocumentSlice } from '../../server/src/document/yamlParser';

const cut = (text: string) => splitDocuments(text).map((s) => text.slice(s.start, s.end));

test('a marker is three dashes or dots at the start of a line, then a space, a tab, a line break or the end', () => {
  assert.deepEqual(cut('a: 1\n---\nb: 2\n'), ['a: 1\n', '---\nb: 2\n']);
  assert.deepEqual(cut('a: 1\n--- \nb: 2\n'), ['a: 1\n', '--- \nb: 2\n']);
  assert.deepEqual(cut('a: 1\n---\tb\n'), ['a: 1\n', '---\tb\n']);
  assert.deepEqual(cut('a: 1\r\n---\r\nb: 2\r\n'), ['a: 1\r\n', '---\r\nb: 2\r\n']);
  assert.deepEqual(cut('a: 1\n---'), ['a: 1\n', '---']);
  assert.deepEqual(cut('a: 1\n--- b\n'), ['a: 1\n', '--- b\n']);
  // Not markers: four dashes, dashes then a letter, an indented marker, two dashes, a marker inside a line,
  // and three of any other character (four spaces of indentation, `zzz`, `___ `).
  for (const text of ['a: 1\n----\n', 'a: 1\n---b\n', 'a: 1\n ---\n', 'a: |\n  ---\n', 'a: 1\n--\n', 'a: 1\n-- -\n', 'a: --- b\n', 'a: 1\n-.-\n', 'a: 1\n..\n', 'a: 1\n.-.\n', 'a: 1\n....\n', 'a: 1\n...x\n', 'a:\n    b: 1\nc: 2\n', 'a: 1\nzzz\nb: 2\n', 'a: 1\n___ \nb: 2\n']) {
    assert.deepEqual(cut(text), [text], JSON.stringify(text));
  }
  // `...` ends a document after its line, whatever follows.
  assert.deepEqual(cut('a: 1\n...\nb: 2\n'), ['a: 1\n...\n', 'b: 2\n']);
  assert.deepEqual(cut('a: 1\n... # end\nb: 2\n'), ['a: 1\n... # end\n', 'b: 2\n']);
  assert.deepEqual(cut('a: 1\n...'), ['a: 1\n...']);
  assert.deepEqual(cut('a: 1\n...\n'), ['a: 1\n...\n']);
  assert.deepEqual(cut('a: 1\r\n...\r\nb: 2'), ['a: 1\r\n...\r\n', 'b: 2']);
});

test('directives, comments and blank lines before a --- stay with the document it opens', () => {
  assert.deepEqual(cut('---\na: 1\n'), ['---\na: 1\n']);
  assert.deepEqual(cut('# head\n\n---\na: 1\n'), ['# head\n\n---\na: 1\n']);
  assert.deepEqual(cut('  # indented comment\n\t\n \r\n---\na: 1\n'), ['  # indented comment\n\t\n \r\n---\na: 1\n']);
  assert.deepEqual(cut('%YAML 1.1\n%TAG ! tag:example.com,2000:\n---\na: 1\n'), ['%YAML 1.1\n%TAG ! tag:example.com,2000:\n---\na: 1\n']);
  // After `...`: a directive, a comment and a blank line wait for the next ---.
  assert.deepEqual(cut('a: 1\n...\n%YAML 1.1\n# c\n\n---\nb: 2\n'), ['a: 1\n...\n', '%YAML 1.1\n# c\n\n---\nb: 2\n']);
  assert.deepEqual(cut('a: 1\n...\n---\nb: 2\n'), ['a: 1\n...\n', '---\nb: 2\n']);
  // Content before the first --- is a document of its own (a bare document), so is an empty one between markers.
  assert.deepEqual(cut('x\n---\n'), ['x\n', '---\n']);
  assert.deepEqual(cut('  x # c\n---\n'), ['  x # c\n', '---\n']);
  assert.deepEqual(cut('---\n---\na: 1\n'), ['---\n', '---\na: 1\n']);
  assert.deepEqual(cut('--- # one\n--- # two\n--- # three\n'), ['--- # one\n', '--- # two\n', '--- # three\n']);
  // A `%` line after content is content (a plain scalar's continuation), not a directive.
  assert.deepEqual(cut('a: 1\n%x\n---\nb: 2\n'), ['a: 1\n%x\n', '---\nb: 2\n']);
  // Empty texts and texts of comments only: one document spanning the text.
  assert.deepEqual(splitDocuments(''), [{ start: 0, end: 0 }]);
  assert.deepEqual(splitDocuments('# only\n'), [{ start: 0, end: 7 }]);
  assert.deepEqual(splitDocuments('\n\n'), [{ start: 0, end: 2 }]);
});

test('slices are contiguous: each starts where the last ended, the last ends at the end of the text', () => {
  const text = '%YAML 1.1\n---\na: 1\n...\n# gap\n---\nb: [x,\n  y]\n--- |\n  ---\n...\n';
  const slices = splitDocuments(text);
  assert.deepEqual(slices, [
    { start: 0, end: 23 },
    { start: 23, end: 45 },
    { start: 45, end: 61 },
  ]);
});

/** Applies an edit to `text` and checks resplitDocuments against the expected slices (and splitDocuments). */
function resplit(text: string, start: number, oldEnd: number, inserted: string): DocumentSlice[] {
  const next = text.slice(0, start) + inserted + text.slice(oldEnd);
  const slices = resplitDocuments(next, splitDocuments(text), { start, oldEnd, newEnd: start + inserted.length });
  assert.deepEqual(slices, splitDocuments(next), `resplit of ${JSON.stringify(next)}`);
  return slices;
}

test('resplitDocuments after an edit: slices before it kept, a marker typed or removed, later slices moved', () => {
  const text = 'a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n';
  // A value typed in the third document: the first two kept, the last one moved by one.
  assert.deepEqual(resplit(text, 21, 21, '9'), [{ start: 0, end: 5 }, { start: 5, end: 14 }, { start: 14, end: 24 }, { start: 24, end: 33 }]);
  // A new marker typed inside the second document splits it.
  assert.deepEqual(resplit(text, 14, 14, '---\nx: 0\n'), [{ start: 0, end: 5 }, { start: 5, end: 14 }, { start: 14, end: 23 }, { start: 23, end: 32 }, { start: 32, end: 41 }]);
  // A marker removed: two documents become one.
  assert.deepEqual(resplit(text, 14, 18, ''), [{ start: 0, end: 5 }, { start: 5, end: 19 }, { start: 19, end: 28 }]);
  // A marker broken by a character typed after its dashes (`---x`), and one typed right before it.
  assert.deepEqual(resplit(text, 17, 17, 'x'), [{ start: 0, end: 5 }, { start: 5, end: 24 }, { start: 24, end: 33 }]);
  assert.deepEqual(resplit(text, 14, 14, ' '), [{ start: 0, end: 5 }, { start: 5, end: 24 }, { start: 24, end: 33 }]);
  // An edit in the first document re-splits everything.
  assert.deepEqual(resplit(text, 3, 4, '12'), [{ start: 0, end: 6 }, { start: 6, end: 15 }, { start: 15, end: 24 }, { start: 24, end: 33 }]);
  // An edit at the very end.
  assert.deepEqual(resplit(text, 32, 32, '---\n'), [{ start: 0, end: 5 }, { start: 5, end: 14 }, { start: 14, end: 23 }, { start: 23, end: 32 }, { start: 32, end: 36 }]);
  // Text deleted up to the end of the file, markers included.
  assert.deepEqual(resplit(text, 10, 33, ''), [{ start: 0, end: 5 }, { start: 5, end: 10 }]);
  // A `...` typed ends a document; the `---` after it then opens the next one without an empty one between.
  assert.deepEqual(resplit(text, 14, 14, '...\n'), [{ start: 0, end: 5 }, { start: 5, end: 18 }, { start: 18, end: 27 }, { start: 27, end: 36 }]);
});

test('resplitDocuments: the marker line right before an edit is scanned again, edits next to markers', () => {
  const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
  // An edit on the marker line itself, and on the character after `---` (it decides whether this is a marker).
  for (let at = 0; at <= text.length; at++) {
    for (const inserted of ['', '-', '.', 'x', ' ', '\n', '---\n', '...\n', '#']) {
      for (const removed of [0, 1, 2, 4]) {
        if (at + removed > text.length || (removed === 0 && inserted === '')) continue;
        resplit(text, at, at + removed, inserted);
      }
    }
  }
});

test('resplitDocuments equals splitDocuments over a run of random edits of a multi-document file', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pieces = ['---\n', '...\n', '--- ', '---', '\n', 'a: 1\n', '%YAML 1.1\n', '# c\n', ' ', '-', '.', 'x', '\r\n', '\t'];
  let text = Array.from({ length: 12 }, (_, i) => `---\nk${i}: v\n`).join('');
  let slices = splitDocuments(text);
  for (let step = 0; step < 3000; step++) {
    const start = Math.floor(random() * (text.length + 1));
    const oldEnd = Math.min(text.length, start + Math.floor(random() * 6));
    let inserted = '';
    const n = Math.floor(random() * 3);
    for (let j = 0; j < n; j++) inserted += pieces[Math.floor(random() * pieces.length)];
    const next = text.slice(0, start) + inserted + text.slice(oldEnd);
    const again = resplitDocuments(next, slices, { start, oldEnd, newEnd: start + inserted.length });
    assert.deepEqual(again, splitDocuments(next), `step ${step}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
    text = next.length > 600 ? `---\nk: v\n${next.slice(next.length - 300)}` : next;
    slices = text === next ? again : splitDocuments(text);
  }
});
