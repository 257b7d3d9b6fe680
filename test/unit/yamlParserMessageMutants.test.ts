// document/yamlParser.ts, the syntax problems of a document (issue 16, session 25, written against the
// survivors of test/mutation/stryker.s25-yamlparser.json): how an error of the `yaml` package becomes a
// located problem (toProblem), one per line (dedupeByLine), and which wording each kind gets. The
// headlines ("Implicit keys need to be on a single line", "Flow map must end with a }", ...) are the `yaml`
// package's own (eemeli/yaml src/compose and src/parse, with prettyErrors off); what follows a headline
// and the spans are this project's rules, counted by hand from each input: a problem never spans a line
// break, an error at the end of a line or of the text moves back onto the last character written, an
// unclosed quote is marked from its opening quote to the end of that line.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlDocument } from '../../server/src/document/yamlParser';

const rows = (text: string) => parseYamlDocument(text).problems.map((p) => [p.code, p.severity, p.span.start, p.span.end, p.message]);
const INDENT = 'Check the indentation: keys of one mapping must start in the same column.';
const missingSpace = (line: string, key: string, rest: string) => `Missing space after ':' in "${line}": write "${key}: ${rest}", with a space after the colon.`;

test('indentation errors (BAD_INDENT, MULTILINE_IMPLICIT_KEY, BLOCK_AS_IMPLICIT_KEY) get the headline and the indentation hint', () => {
  // BAD_INDENT at the key `c`, column 1 of line 3 (offset 10).
  assert.deepEqual(rows('a:\n  b: 1\n c: 2\n'), [['yaml-syntax', 'error', 10, 11, `All mapping items must start at the same column. ${INDENT}`]]);
  // BLOCK_AS_IMPLICIT_KEY at the value `1` (offset 3); its MULTILINE_IMPLICIT_KEY on the same line is dropped.
  assert.deepEqual(rows('a: 1\n b: 2\n'), [['yaml-syntax', 'error', 3, 4, `Nested mappings are not allowed in compact mappings. ${INDENT}`]]);
  // MULTILINE_IMPLICIT_KEY from offset 0 over two lines: the span stops at the end of the first line (0..3).
  assert.deepEqual(rows('key\nb: 1\n'), [['yaml-syntax', 'error', 0, 3, `Implicit keys need to be on a single line. ${INDENT}`]]);
  // The same error at a `- ` that follows a mapping: one problem for the three errors the package gives on that line.
  assert.deepEqual(rows('a: 1\n- b\n'), [['yaml-syntax', 'error', 5, 6, `Implicit keys need to be on a single line. ${INDENT}`]]);
});

test('a tab in the indentation after a `- ` (not repaired): the TAB_AS_INDENT wording, on the tab and what follows it', () => {
  // "- \ta: 1": the package reports TAB_AS_INDENT at offsets 1..3 (the space and the tab after the dash).
  assert.deepEqual(rows('- \ta: 1\n'), [['yaml-syntax', 'error', 1, 3, 'Tabs are not allowed for indentation in YAML: indent with spaces.']]);
});

test('other errors keep the package headline, with a full stop and nothing else', () => {
  assert.deepEqual(rows('a: 1\nb\n'), [['yaml-syntax', 'error', 5, 6, 'Implicit map keys need to be followed by map values.']]);
  assert.deepEqual(rows("a: 'x'y\n"), [['yaml-syntax', 'error', 6, 7, 'Unexpected scalar at node end.']]);
  assert.deepEqual(rows('a: @x\n'), [['yaml-syntax', 'error', 3, 4, 'Plain value cannot start with reserved character @.']]);
});

test('a key without a space after its colon that the repair does not take (`a+b:c`): the colon is marked, whatever error the package gives', () => {
  // MISSING_SPACE (the repair) wants a key of letters, digits, `_`, `.`, `/`, `-`; `+` stops it, so these come from the package's error.
  // MISSING_CHAR at `a+b:c` (offset 9): colon at 12.
  assert.deepEqual(rows('a: |\n  x\na+b:c\n'), [['yaml-syntax', 'error', 12, 13, missingSpace('a+b:c', 'a+b', 'c')]]);
  // UNEXPECTED_TOKEN at offset 8: colon at 11.
  assert.deepEqual(rows('- a\n- b\na+b:c\n'), [['yaml-syntax', 'error', 11, 12, missingSpace('a+b:c', 'a+b', 'c')]]);
  // MULTILINE_IMPLICIT_KEY at offset 0: colon at 3.
  assert.deepEqual(rows('a+b:c\nd: 1\n'), [['yaml-syntax', 'error', 3, 4, missingSpace('a+b:c', 'a+b', 'c')]]);
  // BLOCK_AS_IMPLICIT_KEY at the value `x+y:z` (offset 3): colon at 6; the rest after the colon is trimmed.
  assert.deepEqual(rows('a: x+y:z\n b: 2\n'), [['yaml-syntax', 'error', 6, 7, missingSpace('x+y:z', 'x+y', 'z')]]);
  assert.deepEqual(rows('x: a+b:c: d\n'), [['yaml-syntax', 'error', 6, 7, missingSpace('a+b:c: d', 'a+b', 'c: d')]]);
  // A BAD_INDENT whose line starts with such a key keeps the indentation wording: only the four codes above get the hint.
  assert.deepEqual(rows('x:\n  y: 1\n a+b:c\n'), [['yaml-syntax', 'error', 10, 11, `All mapping items must start at the same column. ${INDENT}`]]);
});

test('an unclosed quote is marked from its opening quote to the end of its line', () => {
  // The package reports it at the end of the text (offset 4, past the last character): from the `"` at 0 to 4.
  assert.deepEqual(rows('"abc'), [['yaml-syntax', 'error', 0, 4, 'This double-quoted string is never closed: add the closing ".']]);
  // At offset 13 of "a: 'abc\nb: 1\n": from the `'` at 3 to the end of its line (7).
  assert.deepEqual(rows("a: 'abc\nb: 1\n"), [['yaml-syntax', 'error', 3, 7, "This single-quoted string is never closed: add the closing '."]]);
  // The quote of the kind the headline names, not the nearest quote: the `'` at 11, not the `"` at 6.
  assert.deepEqual(rows('x: "ab"\ny: \'c\n'), [['yaml-syntax', 'error', 11, 13, "This single-quoted string is never closed: add the closing '."]]);
  // An earlier closed string is left alone: the `"` at 12 opens the string that is never closed.
  assert.deepEqual(rows('a: "abc"\ny: "d\n'), [['yaml-syntax', 'error', 12, 14, 'This double-quoted string is never closed: add the closing ".']]);
  // Only the quote on its line: one character (3..4).
  assert.deepEqual(rows('a: "\n'), [['yaml-syntax', 'error', 3, 4, 'This double-quoted string is never closed: add the closing ".']]);
});

test('an error reported at the end of the text moves back onto the last character written', () => {
  // BAD_INDENT at offset 9 (the end): back over the line break onto `2` (7..8).
  assert.deepEqual(rows('a: [1, 2\n'), [['yaml-syntax', 'error', 7, 8, `Flow sequence in block collection must be sufficiently indented and end with a ]. ${INDENT}`]]);
  assert.deepEqual(rows('a: {b: 1\n'), [['yaml-syntax', 'error', 7, 8, `Flow map in block collection must be sufficiently indented and end with a }. ${INDENT}`]]);
  // Over two line breaks onto the `[` (3..4).
  assert.deepEqual(rows('a: [\n\n'), [['yaml-syntax', 'error', 3, 4, `Flow sequence in block collection must be sufficiently indented and end with a ]. ${INDENT}`]]);
  assert.deepEqual(rows('{a: 1\n'), [['yaml-syntax', 'error', 4, 5, 'Flow map must end with a }.']]);
});

test('a value its tag refuses is one problem, kubectl\'s: the yaml package\'s own error on the same tag is not repeated', () => {
  // go-yaml v2 answers (test/support/goYamlScalarTable.ts, rows "!!timestamp abc" and "!!timestamp 12"):
  // "yaml: cannot decode !!str `abc` as a !!timestamp", "yaml: cannot decode !!int `12` as a !!timestamp".
  // kubectl knows the tag; the yaml package's "!!timestamp expects a date" was a second error on the same span.
  assert.deepEqual(rows('a: !!timestamp abc\n'), [['yaml-tag', 'error', 3, 14, 'kubectl cannot read this file: "yaml: cannot decode !!str `abc` as a !!timestamp". Remove the tag !!timestamp or write a value it accepts.']]);
  assert.deepEqual(rows('a:\n  - !!timestamp 12\n  - b\n'), [['yaml-tag', 'error', 7, 18, 'kubectl cannot read this file: "yaml: cannot decode !!int `12` as a !!timestamp". Remove the tag !!timestamp or write a value it accepts.']]);
  assert.equal(parseYamlDocument('a: !!timestamp abc\n').hasSyntaxErrors, true);
  // The package's tag errors that no scalar rule judges stay (an ordered map with a repeated key).
  assert.deepEqual(rows('a: !!omap [{b: 1}, {b: 2}]\n'), [['yaml-tag', 'error', 3, 9, 'Ordered maps must not include duplicate keys: b; kubectl does not know this tag and will fail to convert the document to JSON.']]);
});

test('an alias without a name (`*` alone) is one syntax error, not also an unknown anchor named ""', () => {
  assert.deepEqual(rows('a: *\n'), [['yaml-syntax', 'error', 3, 4, 'Alias cannot be an empty string.']]);
  assert.equal(parseYamlDocument('a: *\n').hasSyntaxErrors, true);
});

test('the missing-space wording quotes the line as written: its last character without a final line break, without trailing blanks', () => {
  // The last line has no line break: `a+b:cd` whole (the colon at 12).
  assert.deepEqual(rows('a: |\n  x\na+b:cd'), [['yaml-syntax', 'error', 12, 13, missingSpace('a+b:cd', 'a+b', 'cd')]]);
  // Trailing blanks are left out of the quoted line and of the suggestion.
  assert.deepEqual(rows('a: |\n  x\na+b:c  \n'), [['yaml-syntax', 'error', 12, 13, missingSpace('a+b:c', 'a+b', 'c')]]);
});

test('an unclosed quote at offset 1 is found too', () => {
  assert.deepEqual(rows(' "abc'), [['yaml-syntax', 'error', 1, 5, 'This double-quoted string is never closed: add the closing ".']]);
});
