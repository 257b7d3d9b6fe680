// Session 26 (issue 16): tests for the "open" survivors of document/, features/ and policy/ in
// test/mutation/survivors.json; each test names the mutant it kills.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getCodeActions } from '../../server/src/features/codeActions';
import { getCompletions } from '../../server/src/features/completion';
import { DIAGNOSTIC_SOURCE } from '../../server/src/features/diagnostics';
import { applyAction, hoverOf } from '../support/check';
import { model } from '../support/fixture';
import { parseYamlDocument, readingOf } from '../../server/src/document/yamlParser';
import { goRoundingDigits } from '../../server/src/policy/quantity';
import { CATCH_ALL, findingRows, POLICY_HEAD } from '../support/findingRows';

// validation.ts checkStringMap `v.kind === 'scalar'` -> true: a mapping or list value was silent (the mutant
// reported it as "kubectl reads `undefined`"). ObjectMeta holds labels and annotations as map[string]string.
test('metadata.labels / annotations: a mapping or list as a value is an error on the value, asking for a quoted string', () => {
  const text = `${POLICY_HEAD}  labels:\n    app: {name: web}\n    tier:\n      - a\n  annotations:\n    config:\n      x: 1\n    ok: "{\\"x\\": 1}"\nspec:\n  selectors: {}\n`;
  assert.deepEqual(findingRows(text), [
    ['{name: web}', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings, not a mapping: ObjectMeta holds labels as a map of strings, so the API server rejects the policy. Write the value as one quoted string.'],
    ['- a\n', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings, not a list: ObjectMeta holds labels as a map of strings, so the API server rejects the policy. Write the value as one quoted string.'],
    ['x: 1\n', 'error', 'label-value-type', 'Values of `metadata.annotations` must be strings, not a mapping: ObjectMeta holds annotations as a map of strings, so the API server rejects the policy. Write the value as one quoted string (structured data such as JSON goes in quotes too).'],
    CATCH_ALL,
  ]);
});

// completionItems.ts valueItems filterText `/^["']/` -> `/["']/`: only a quote in front makes the typed text a
// quoted scalar; a quote further in (`0"`) is part of a plain scalar, so the filter text stays the bare value.
test('value completion: the filter text is quoted only when the typed text starts with a quote', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: ';
  const rows = ['0"', '"0', '0'].map((typed) => {
    const text = `${head}${typed}\n`;
    const list = getCompletions({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, head.length + typed.length, { snippetSupport: false, markdown: false });
    return list.items.map((i) => [typed, i.label, i.filterText, i.textEdit?.newText]);
  });
  assert.deepEqual(rows, [
    [['0"', '"0.4"', '0.4', '"0.4"']],
    [['"0', '"0.4"', '"0.4"', '"0.4"']],
    [['0', '"0.4"', '0.4', '"0.4"']],
  ]);
});

// codeActions.ts getFixes' catch (`{ return []; }` -> `{}`, `[]` -> `["Stryker was here"]`): fix data comes back
// from the client as JSON, and isFixData checks `replacements` but not the optional `notes`. A note that is an
// object whose own `toString` is not a function (`{"toString": 1}`, which JSON.parse makes an own property)
// throws a TypeError ("Cannot convert object to primitive value") in the title's template literal. The catch
// drops that diagnostic's fixes; the others in the same request keep theirs.
test('quick fixes: fix data whose note cannot become text gives no action for that diagnostic, and the others still get theirs', () => {
  const text = 'a: 1\nb: 2\n';
  const lines = new LineIndex(text);
  const diag = (start: number, data: unknown): Diagnostic => ({ range: lines.range(0, { start, end: start + 1 }), message: 'm', severity: 1, source: DIAGNOSTIC_SOURCE, code: 'test-code', data });
  const hostile = JSON.parse('{"kind": "replace", "replacements": ["3"], "notes": [{"toString": 1}]}') as unknown;
  const list = getCodeActions({ uri: 'file:///work/policy.yaml', file: model(text, 'policy.yaml'), lines }, [diag(3, hostile), diag(8, { kind: 'replace', replacements: ['4'] })]);
  assert.deepEqual(list.map((a) => [a.title, a.kind, applyAction(text, a)]), [
    ['Change to 4', 'quickfix', 'a: 1\nb: 4\n'],
    ['Fix all auto-fixable problems in this file', 'source.fixAll.migrationpolicy', 'a: 1\nb: 4\n'],
  ]);
});

/** The problems of a one-document text: code, the text each covers, the message's first words. */
function problems(text: string): [string, number, number, string, string][] {
  return parseYamlDocument(text).problems.map((p) => [p.code, p.span.start, p.span.end, text.slice(p.span.start, p.span.end), p.message]);
}

// yamlParser.ts toProblem, the missing-space rewrite `/^(\s*)([^\s:#'"][^\s:]*):(?=[^\s])/` without `^`: a
// stray `}` is reported where it is (UNEXPECTED_TOKEN); the mutant took the `x:y` further on the line for a key
// with a missing space and moved the squiggle there.
test('yaml errors: a stray `}` before `x:y` on its line is reported on the `}`, not as a missing space', () => {
  assert.deepEqual(problems('a: 1\n} x:y\n'), [['yaml-syntax', 5, 6, '}', 'Unexpected flow-map-end token in YAML stream: "}".']]);
});

// The same rewrite when the error's line starts with white space that YAML does not count as such: a no-break
// space (U+00A0, pasted from a web page) is text to YAML but `\s` to the pattern, so noSpace[1] holds it and the
// colon is at start + 1 + 1 (`start - noSpace[1].length` put the squiggle on the no-break space).
test('yaml errors: a missing space after a key that follows a no-break space is reported on its colon', () => {
  const text = '- a\n\u00a0b:c\n';
  assert.deepEqual(problems(text), [['yaml-syntax', 6, 7, ':', 'Missing space after \':\' in "b:c": write "b: c", with a space after the colon.']]);
});

// toProblem's `text[start] === '\n'` (-> false, and `'\n'` -> ''): an error the yaml package places on a line
// break inside the text (a lone tag `!` on its own line, then a flow map: MULTILINE_IMPLICIT_KEY at offset 4) is
// moved back onto the last character before it, the `!`; the mutants left it on the line break.
test('yaml errors: an error placed on a line break moves onto the character before it', () => {
  assert.deepEqual(problems('a:\n!\n{\n').slice(0, 1), [['yaml-syntax', 3, 4, '!', 'Implicit keys need to be on a single line. Check the indentation: keys of one mapping must start in the same column.']]);
});

// toProblem's `if (end === start && start < text.length) end = start + 1` (-> false, `start >= text.length`,
// `start - 1`): the yaml package reports a block scalar header at column 0 under `b:` with an empty span
// ([8, 8]); it is widened to the `|`, not left empty (or reversed).
test('yaml errors: an empty-span error, the first on its line, covers one character', () => {
  assert.deepEqual(problems('a: 1\nb:\n|-\n'), [['yaml-syntax', 8, 9, '|', 'Implicit keys need to be on a single line. Check the indentation: keys of one mapping must start in the same column.']]);
});

// yamlEdit.ts editYamlDocument, `reading.winner === 'repaired' && !(reading.errors < writtenErrorCount(text))`
// (-> false; `<` -> true and `<=`; 'repaired' -> ""): an edit of letters can change the written text's error
// count after all. The yaml package reports a flow-sequence key longer than 1,024 characters on its `:`
// (resolve-flow-collection.js), a line below the key's start, where its multi-line-key error is. Here the
// repaired reading (it mends `k:v`) has 2 errors, the written text 3; deleting 300 letters on the middle line
// brings the key under 1,024, so the written text has 2, no more than the repaired reading: the edit must be
// read again. The mutants kept the old problems, with the length error (moved to 916) that no longer exists.
test('an edit that shortens a flow-sequence key under 1,024 characters drops its length error', () => {
  const mk = (n: number) => `a: [ [x,\n  ${'b'.repeat(n)},\n  ${'c'.repeat(300)}]: v ]\nk:v\n`;
  const old = mk(900);
  const text = mk(600);
  const previous = parseFile(old, 'yaml');
  const rows = (f: ReturnType<typeof parseFile>) => f.documents[0].model.problems.map((p) => [p.span.start, p.span.end, p.message.slice(0, 40)]);
  assert.deepEqual(readingOf(previous.documents[0].model), { winner: 'repaired', errors: 2, compared: true });
  assert.deepEqual(rows(previous), [[1223, 1224, 'Missing space after \':\' in "k:v": write '], [5, 6, 'Implicit keys of flow sequence pairs nee'], [1216, 1217, 'The : indicator must be at most 1024 cha']]);
  const edited = parseFile(text, 'yaml', previous, 'complete', { start: 112, oldEnd: 412, newEnd: 112 });
  assert.deepEqual(rows(edited), [[923, 924, 'Missing space after \':\' in "k:v": write '], [5, 6, 'Implicit keys of flow sequence pairs nee']]);
  assert.deepEqual(readingOf(edited.documents[0].model), { winner: 'repaired', errors: 1, compared: true });
  assert.deepEqual(rows(edited), rows(parseFile(text, 'yaml')));
});

// completionYaml.ts unquote's catch (`{ return s.slice(1, -1); }` -> `{}`; `s.slice(1, -1)` -> `s`, -> `s.slice(1, +1)`):
// a double-quoted value with an escape JSON lacks (`\x61`) is read by the line scan as its raw inner text.
// Where the parsed model cannot see the object (a List whose earlier item is broken), the scan alone decides:
// the raw `migrations.kubevirt.io/v1\x61lpha1` still names the group, so the item is a policy; quoted (the
// first two mutants) it names none. The third read the text as empty, so `kind: "Foo\x41"` counted as no kind
// and our apiVersion made a policy of it.
test('completion scan: a double-quoted apiVersion or kind with a \\x escape is read as its inner text', () => {
  const labels = (t0: string) => {
    const at = t0.indexOf('|');
    const text = t0.replace('|', '');
    return getCompletions({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, at, { snippetSupport: false, markdown: false }).items.map((i) => i.label);
  };
  const fields = ['selectors', 'allowAutoConverge', 'bandwidthPerMigration', 'completionTimeoutPerGiB', 'allowPostCopy', 'allowWorkloadDisruption', 'maxDowntimeMs', 'experimental'];
  assert.deepEqual(labels('kind: List\nitems:\n- ]\n- apiVersion: "migrations.kubevirt.io/v1\\x61lpha1"\n  spec:\n    |\n'), fields);
  assert.deepEqual(labels('kind: "Foo\\x41"\napiVersion: migrations.kubevirt.io/v1alpha1\nspec:\n  |\n'), []);
});

// hover.ts describeBandwidth `if (mistake) return [];` -> `if (false)`: a text Go's ParseQuantity accepts but the
// CRD pattern rejects (`.Mi`: Go reads 0, test/support/goQuantityTable.ts; the pattern needs a digit) is refused
// by the API server, so the hover gives the field's docs only; the mutant went on to "`.Mi` = 0 bytes/s".
test('hover on a bandwidth the CRD pattern rejects but Go parses (`.Mi`) shows the field docs only', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors: {}\n';
  const value = hoverOf(`${head}  bandwidthPerMigration: "‸.Mi"\n`).value;
  assert.equal(value.split('\n\n')[0], '**spec.bandwidthPerMigration** · Bandwidth cap of each migration, bytes per second (0 = unlimited)');
  assert.ok(!value.includes('.Mi'), value);
  // The same field with a value both accept keeps its bandwidth lines.
  assert.equal(hoverOf(`${head}  bandwidthPerMigration: "‸0.5Mi"\n`).value.split('\n\n')[0], '`0.5Mi` = 512 KiB/s (524,288 bytes/s, 4.2 Mbit/s)');
});

// quantity.ts goRoundingDigits `unit.base === 2` -> false (and the bug it showed: binary suffixes counted 0 digits).
// Go's ParseQuantity gives a binary value with fraction digits an inf.Dec of scale (fraction digits) and rounds
// it to 9 like a decimal: the Go oracle (scripts/go-oracle.sh) took 0.27 s for `0.1` + 100,000 digits + `Ki` and
// 1.0 s for 300,000 (0.31 s and 1.02 s without the suffix), so 1,000,009 fraction digits reach the slow-parse
// warning's 1,000,000 (validation's checkParseCost; a whole-document test of that text takes a minute under load,
// so the digit count is asserted here). The mutant applied the decimal formula: 0 for `1.5Ki`, 999,990 here.
test('goRoundingDigits: a binary quantity rounds its fraction digits to 9, as a decimal one does', () => {
  assert.equal(goRoundingDigits('1.5Ki'), 8);
  assert.equal(goRoundingDigits(`0.${'1'.repeat(1_000_009)}Ki`), 1_000_000);
  assert.equal(goRoundingDigits(`0.${'1'.repeat(1_000_009)}`), 1_000_000);
});
