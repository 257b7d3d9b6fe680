// document/yamlParser.ts, syntax errors next to Helm template actions and the repaired copy's offsets
// (issue 16, session 25, written against the survivors of test/mutation/stryker.s25-yamlparser.json lines
// 219-324): which action an error is blamed on (the last one, by position, on the error's line or the line
// before), where the warning goes (on an inline action; on the whole line for a hole or control line),
// the yaml package's warnings, and offsets before the first repair. Offsets are counted from the inputs.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskTemplate } from '../../server/src/document/template';
import { parseYamlDocument, repairLine } from '../../server/src/document/yamlParser';

const rows = (source: string) => {
  const masked = maskTemplate(source);
  return parseYamlDocument(masked.text, masked.template).problems.map((p) => [p.code, p.severity, p.span.start, p.span.end]);
};

test('the culprit is the last action by position: an inline action on the error line wins over a control line before it', () => {
  // Control `{{- if .x }}` at 0..12 (line 1), inline `{{ .v }}` at 16..24 (line 2, where the error is).
  assert.deepEqual(rows('{{- if .x }}\na: {{ .v }}: b\n{{- end }}\n'), [['template-unreadable', 'warning', 16, 24]]);
});

test('an error moved back onto the last character of its line is still blamed on the control line before it', () => {
  // The flow sequence never closes; the error is moved onto `2` (offset 20), the last character of line 2: the line is 13..21.
  assert.deepEqual(rows('{{- if .x }}\na: [1, 2\n'), [['template-unreadable', 'warning', 13, 21]]);
});

test('an action on the last line of a text without a final line break, after the error', () => {
  // No line break at the end: the line runs to the end of the text, and the inline action at 8..16 is on it.
  assert.deepEqual(rows('a: 1\nb: {{ .v }}: c'), [['template-unreadable', 'warning', 8, 16]]);
  // The action comes after the error's offset (3) on its line.
  assert.deepEqual(rows('a: b: {{ .v }}\n'), [['template-unreadable', 'warning', 6, 14]]);
});

test('an error blamed on a control line covers its own line, even when the template has inline actions elsewhere', () => {
  // Inline action at 0..8 on line 1; control at 12..24; the error's line `  b: 1` is 25..31.
  assert.deepEqual(rows('{{ .k }}: 1\n{{- if .x }}\n  b: 1\n c: 2\n{{- end }}\n'), [
    ['template-unreadable', 'warning', 0, 8],
    ['template-unreadable', 'warning', 25, 31],
  ]);
});

test('the yaml package\'s warnings other than unresolved tags are kept, as warnings', () => {
  // `!!set` on a sequence: the yaml package warns BAD_COLLECTION_TYPE on the tag (3..8).
  assert.deepEqual(parseYamlDocument('a: !!set [1]\n').problems, [
    { code: 'yaml-syntax', severity: 'warning', span: { start: 3, end: 8 }, message: 'tag:yaml.org,2002:set used for seq collection, but expects map.' },
  ]);
});

test('repairLine: several spaces after a sequence dash before the key', () => {
  assert.deepEqual(repairLine('-   a:b\n', 0), {
    line: '-   a: b\n',
    problems: [{ code: 'yaml-syntax', severity: 'error', span: { start: 5, end: 6 }, message: 'Missing space after \':\' in "-   a:b": write "a: b", with a space after the colon.' }],
    inserts: [{ at: 6, count: 1 }],
  });
});

test('offsets before the first repair are the same in the repaired copy', () => {
  const model = parseYamlDocument('a: 1\nb:c\n');
  assert.deepEqual(model.problems.map((p) => [p.span.start, p.span.end]), [[6, 7]]);
  const root = model.root;
  assert.ok(root && root.kind === 'map');
  assert.deepEqual(root.span, { start: 0, end: 9 });
  assert.deepEqual(root.pairs.map((p) => [p.key?.span, p.value?.span]), [
    [{ start: 0, end: 1 }, { start: 3, end: 4 }],
    [{ start: 5, end: 6 }, { start: 7, end: 8 }],
  ]);
});

test('repairLine: a `#` inside a value (no space before it, so not a comment) does not stop the repair', () => {
  assert.deepEqual(repairLine('a:b#c\n', 0), {
    line: 'a: b#c\n',
    problems: [{ code: 'yaml-syntax', severity: 'error', span: { start: 1, end: 2 }, message: 'Missing space after \':\' in "a:b#c": write "a: b#c", with a space after the colon.' }],
    inserts: [{ at: 2, count: 1 }],
  });
});
