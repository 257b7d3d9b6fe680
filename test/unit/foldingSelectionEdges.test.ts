// Folding and selection ranges at the edges the session-22 mutation run left open (issue 16): which nodes fold
// (mappings and sequences, never a scalar, not even a multi-line one), the last line of a block mapping whose
// last value is a multi-line plain scalar, an unclosed flow sequence, a document that is a scalar, comment runs
// that end the file without a newline or that are indented 200 columns or more; selection on a comment line
// between two pairs. Every expected range is written out by hand (0-based lines, as LSP counts them).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SelectionRange } from 'vscode-languageserver-types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getFoldingRanges } from '../../server/src/features/folding';
import { getSelectionRanges } from '../../server/src/features/selectionRanges';

/** Folding ranges as `start-end` (and `c` for a comment run). */
function folds(text: string, language: 'yaml' | 'json' = 'yaml'): string[] {
  return getFoldingRanges({ file: parseFile(text, language), lines: new LineIndex(text) }).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
}

/** The selection chain at the ‸ of `marked`, innermost first, as `line:char-line:char`. */
function chain(marked: string): string[] {
  const offset = marked.indexOf('‸');
  const text = marked.replace('‸', '');
  let r: SelectionRange | undefined = getSelectionRanges({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, [offset])[0];
  const out: string[] = [];
  for (; r; r = r.parent) out.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
  return out;
}

test('folding: a block mapping that is the whole document gets no range of its own, only its multi-line values', () => {
  // line 0 `a:`, line 1 `  b: 1`, line 2 `c: 2`: only a's value folds; the document is not one range from 0 to 2
  assert.deepEqual(folds('a:\n  b: 1\nc: 2\n'), ['0-1']);
  // a flow mapping as the whole document does fold, from its `{` to the line before its own-line `}`
  assert.deepEqual(folds('{a: 1,\n b: 2,\n c: 3\n}\n'), ['0-2']);
});

test('folding: a mapping that ends in a multi-line plain scalar ends on that scalar\'s last line, even a one-character one', () => {
  // `b: foo x` is one plain scalar written over lines 1-2; a's mapping ends on line 2
  assert.deepEqual(folds('a:\n  b: foo\n    x\nc: 1\n'), ['0-2']);
  // the same in a sequence item: the sequence (0-2) and the item's mapping (1-2)
  assert.deepEqual(folds('s:\n- b: foo\n   y\nc: 1\n'), ['0-2', '1-2']);
});

test('folding: an unclosed flow sequence ends on its last written line', () => {
  // no `]`: the sequence runs to the end of the text, whose last line holds only `x`
  assert.deepEqual(folds('a: [1,\n  2,\n x'), ['0-2']);
  // a block mapping that ends with a flow mapping's `}` on a line of its own folds through that line (only a flow
  // collection keeps its own closing bracket line out); the flow mapping itself (1-1 after that) gets no range
  assert.deepEqual(folds('a:\n  b: {x: 1,\n  }\nc: 1\n'), ['0-2']);
});

test('folding: block scalars and other multi-line scalars get no range; only mappings and sequences fold', () => {
  // line 0 `a: |`, lines 1-2 its text, line 3 `b:`, line 4 `- |`, lines 5-6 its text: b's sequence folds (3-6)
  assert.deepEqual(folds('a: |\n  x\n  y\nb:\n- |\n  p\n  q\n'), ['3-6']);
  assert.deepEqual(folds('a: "x\n  y"\nb: 1\n'), []);
});

test('folding: a document that is a scalar or an alias folds nothing and does not stop the next document', () => {
  assert.deepEqual(folds('hello\n---\na:\n  b: 1\n'), ['2-3']);
  assert.deepEqual(folds('*a\n---\na:\n  b: 1\n'), ['2-3']);
  assert.deepEqual(folds('"just a string"\n'), []);
});

test('folding: comment runs at the end of a file without a newline, a bare `#` last line, deep indentation', () => {
  // lines 1-2 are comments; the last line is exactly `#` with no newline after it
  assert.deepEqual(folds('a: 1\n# x\n#'), ['1-2 comment']);
  assert.deepEqual(folds('# x\n#'), ['0-1 comment']);
  // only the first 200 characters of a line are looked at: a `#` at column 200 does not start a comment run
  const deep = ' '.repeat(200);
  assert.deepEqual(folds(`a: 1\n${deep}# x\n${deep}# y\n`), []);
  const shallow = ' '.repeat(199);
  assert.deepEqual(folds(`a: 1\n${shallow}# x\n${shallow}# y\n`), ['1-2 comment']);
});

test('folding: JSON gets no comment runs (JSON has no comments), only its objects and arrays', () => {
  assert.deepEqual(folds('{\n  "a": [\n    1,\n    2\n  ]\n}\n', 'json'), ['0-4', '1-3']);
  // `#` lines in a .json file are a syntax error, not comments: no comment run
  assert.deepEqual(folds('{\n# a\n# b\n"x": 1\n}\n', 'json'), ['0-3']);
  // a JSON pair without a value (a syntax error) has no value node: it is skipped, the rest still folds
  assert.deepEqual(folds('{\n  "a": ,\n  "b": [\n    1\n  ]\n}\n', 'json'), ['0-4', '2-3']);
});

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';

test('selection: on a comment line between two pairs the innermost range is the mapping that holds them', () => {
  // lines: 4 `spec:`, 5 `  selectors: {}`, 6 `  # c`, 7 `  allowPostCopy: true` (21 characters)
  assert.deepEqual(chain(`${HEAD}spec:\n  selectors: {}\n  #‸ c\n  allowPostCopy: true\n`), ['5:2-7:21', '4:0-7:21', '0:0-7:21']);
  // before the first pair of a block mapping, which starts at its first key: only spec's pair and the document
  assert.deepEqual(chain(`${HEAD}spec:\n  # c‸\n  selectors: {}\n  allowPostCopy: true\n`), ['4:0-7:21', '0:0-7:21']);
});

test('selection: in trailing spaces after a value the innermost range is the mapping, not the pair before', () => {
  // line 6 `  maxDowntimeMs: 300   `: the pair ends at character 20; the cursor at 21 is in the mapping only
  assert.deepEqual(chain(`${HEAD}spec:\n  selectors: {}\n  maxDowntimeMs: 300 ‸  \n  allowPostCopy: true\n`), ['5:2-7:21', '4:0-7:21', '0:0-7:21']);
  // on the value itself: the value, its pair, the mapping, spec's pair, the document
  assert.deepEqual(chain(`${HEAD}spec:\n  selectors: {}\n  maxDowntimeMs: 3‸00   \n  allowPostCopy: true\n`), ['6:17-6:20', '6:2-6:20', '5:2-7:21', '4:0-7:21', '0:0-7:21']);
});

test('selection: in the blanks after the last text of a document, the outermost range still holds the position', () => {
  // line 6 `  allowPostCopy: ` (17 characters): the cursor at 17, after the space, is past the pair (which ends at its
  // colon, 16) and past the written text; the one range is the document up to the cursor
  assert.deepEqual(chain(`${HEAD}spec:\n  selectors: {}\n  allowPostCopy: ‸\n`), ['0:0-6:17']);
  // on the colon's end the pair, the mapping, spec's pair and the document (trimmed: it ends at 16)
  assert.deepEqual(chain(`${HEAD}spec:\n  selectors: {}\n  allowPostCopy:‸ \n`), ['6:2-6:16', '5:2-6:16', '4:0-6:16', '0:0-6:16']);
  // on a blank line after the document's text: the document up to that line
  assert.deepEqual(chain(`${HEAD}spec:\n  selectors: {}\n\n‸`), ['0:0-7:0']);
});
