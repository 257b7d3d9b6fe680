// Quick fixes (features/codeActions.ts) on the inputs the mutation run of session 20 left untested: a flow
// label written without a colon, fix data with an empty span or a pair that is not there, the policy an
// offset belongs to at the ends of its span, flow removals across lines, flattening labels without a
// value, null and tagged values and multi-line flow labels, spec and selectors inserted under an explicit
// `? spec` key, into a policy whose lines are indented unevenly or with tabs (JSON). Each expected text
// is the YAML/JSON a person would write by hand, checked whole.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/document/file';
import { getCodeActions } from '../../server/src/features/codeActions';
import { DIAGNOSTIC_SOURCE } from '../../server/src/features/diagnostics';
import { actionsFor, applyAction, checkFix } from '../support/check';
import { model } from '../support/fixture';

const URI = 'file:///work/policy.yaml';
const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';

/** A diagnostic of ours over `[start, end)` (file offsets) with the given fix data. */
function diag(text: string, start: number, end: number, data: unknown, code = 'test-code'): Diagnostic {
  return { range: new LineIndex(text).range(0, { start, end }), message: 'm', severity: 1, source: DIAGNOSTIC_SOURCE, code, data };
}

function actions(text: string, diagnostics: Diagnostic[], name = 'policy.yaml'): CodeAction[] {
  return getCodeActions({ uri: URI, file: model(text, name), lines: new LineIndex(text) }, diagnostics);
}

/** The span of the first occurrence of `needle` in `text`. */
function span(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  assert.notEqual(at, -1, `${JSON.stringify(needle)} not in the text`);
  return { start: at, end: at + needle.length };
}

const titles = (list: CodeAction[]) => list.map((a) => a.title);
const quickfixes = (text: string, code: string, name?: string) => actionsFor(text, name).filter((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === code);

test('a flow label written without a colon gets `: ""` after its key, not in the next label (bug fixed in session 24)', () => {
  const selector = (labels: string) => `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector: ${labels}\n`;
  // Before the fix the colon of `tier:` was taken for the key's: `{app, tier: "" web}`.
  checkFix(selector('{app, tier: web}'), 'label-value-dropped', 'Change to "" (require an empty label value)', selector('{app: "", tier: web}'));
  checkFix(selector('{tier: web, app}'), 'label-value-dropped', 'Change to "" (require an empty label value)', selector('{tier: web, app: ""}'));
  // With its colon, the value goes after the colon as before.
  checkFix(selector('{app:, tier: web}'), 'label-value-dropped', 'Change to "" (require an empty label value)', selector('{app: "", tier: web}'));
  // An explicit key without a value: `: ""` after it would make it part of the key, so no fix.
  assert.deepEqual(titles(quickfixes(`${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      ? app\n      tier: web\n`, 'label-value-dropped')), []);
  // `selectors` written without a colon in a flow spec.
  checkFix(`${HEAD}spec: {selectors, allowPostCopy: true}\n`, 'required-null', 'Set `selectors` to `{}` (match every VMI)', `${HEAD}spec: {selectors: {}, allowPostCopy: true}\n`);
});

test('fix data: an empty span is a span; a removable pair that is not there leaves the replacement fixes', () => {
  const text = `${HEAD}spec:\n  allowPostCopy: true\n`;
  const spec = text.indexOf('allowPostCopy');
  // insertSelectors names the spec map by its start; an empty span at that start is well formed.
  assert.deepEqual(titles(actions(text, [diag(text, spec, spec + 13, { kind: 'insertSelectors', spec: { start: spec, end: spec } })])), [
    'Add `selectors: {}` (match every VMI)',
    'Add `selectors` with a `virtualMachineInstanceSelector`',
    'Fix all auto-fixable problems in this file',
  ]);
  const value = span(text, 'true');
  const offered = actions(text, [diag(text, value.start, value.end, { kind: 'replace', replacements: ['false'], removable: { start: 0, end: 3 } })]);
  assert.deepEqual(titles(offered), ['Change to false', 'Fix all auto-fixable problems in this file']);
  assert.equal(applyAction(text, offered[0]), text.replace('true', 'false'));
});

test('the policy of an offset: none before the first item of a List, the policy itself at the very end of its span', () => {
  const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  metadata: {name: p}\n`;
  // An offset in the List's own header belongs to no policy: no spec is appended to the first item.
  assert.deepEqual(actions(list, [diag(list, 0, 10, { kind: 'insertSelectors' })]), []);
  // A policy without a final line break ends at the end of the text: an offset there is in it.
  const text = HEAD.trimEnd();
  const offered = actions(text, [diag(text, text.length, text.length, { kind: 'insertSelectors' })]);
  assert.deepEqual(titles(offered), ['Add `spec` with `selectors: {}`', 'Fix all auto-fixable problems in this file']);
  assert.equal(applyAction(text, offered[0]), `${text}\nspec:\n  selectors: {}`);
});

test('flow removals across lines: a blank line after the removed entry stays, a comma alone on its line goes with it, JSON on one line keeps the next key', () => {
  const blank = '{\n  a: 1,\n\n  b: 2\n}\n';
  assert.equal(applyAction(blank, actions(blank, [diag(blank, 4, 5, { kind: 'removePair', pair: span(blank, 'a: 1') })])[0]), '{\n\n  b: 2\n}\n');
  const comma = '{\n  a: 1\n,\n  b: 2\n}\n';
  assert.equal(applyAction(comma, actions(comma, [diag(comma, 4, 5, { kind: 'removePair', pair: span(comma, 'a: 1') })])[0]), '{\n  b: 2\n}\n');
  // A comma at the start of a line with the next entry after it: only the removed entry goes.
  const leading = '{\n  a: 1\n, b: 2\n}\n';
  assert.equal(applyAction(leading, actions(leading, [diag(leading, 4, 5, { kind: 'removePair', pair: span(leading, 'a: 1') })])[0]), '{\n  b: 2\n}\n');
  // JSON with the next key right after the comma (no space): the next key stays.
  const json = '{\n  "a": 1,"b":2\n}\n';
  const removed = actions(json, [diag(json, 4, 7, { kind: 'removePair', pair: span(json, '"a": 1') })], 'policy.json');
  assert.equal(applyAction(json, removed[0]), '{\n  "b":2\n}\n');
  // An unfinished flow map whose last line ends with the comma: that line goes whole.
  const open = '{\n  a: 1,';
  assert.equal(applyAction(open, actions(open, [diag(open, 4, 5, { kind: 'removePair', pair: span(open, 'a: 1') })])[0]), '{\n');
});

test('flatten: flow labels without a value, null and tagged values, flow labels over several lines', () => {
  const head = `${HEAD}spec:\n  selectors:\n`;
  const title = 'Move the labels of matchLabels up into virtualMachineInstanceSelector';
  // A flow matchLabels under a block selector: one line per label, a label without a value keeps its colon.
  checkFix(`${head}    virtualMachineInstanceSelector:\n      matchLabels: {app, tier: web}\n`, 'legacy-selector', title, `${head}    virtualMachineInstanceSelector:\n      app:\n      tier: web\n`);
  // A label without a value in a block matchLabels, and one that is null (`~`): left as they are, not quoted.
  checkFix(`${head}    virtualMachineInstanceSelector:\n      matchLabels:\n        app:\n        tier: ~\n        n: 5\n`, 'legacy-selector', title, `${head}    virtualMachineInstanceSelector:\n      app:\n      tier: ~\n      n: "5"\n`);
  // A tagged quoted number: quoted as the value kubectl reads (31), not as written, and without its tag
  // (kept, `!!int "31"` would be a number again; before session 24 the tag was left in front of the quotes).
  checkFix(`${head}    virtualMachineInstanceSelector:\n      matchLabels:\n        n: !!int "0x1F"\n`, 'legacy-selector', title, `${head}    virtualMachineInstanceSelector:\n      n: "31"\n`);
  // The tag on the key's line and the value on the next: the tag goes too (it was kept, so the label was an int again).
  checkFix(`${head}    virtualMachineInstanceSelector:\n      matchLabels:\n        n: !!int\n          5\n`, 'legacy-selector', title, `${head}    virtualMachineInstanceSelector:\n      n: "5"\n`);
  // Flow labels over several lines in a flow selector: their lines are kept as written.
  const sameLine = `${head}    virtualMachineInstanceSelector: {matchLabels: {a: b,\n        c: d}}\n`;
  checkFix(sameLine, 'legacy-selector', title, `${head}    virtualMachineInstanceSelector: {a: b,\n        c: d}\n`);
  const nextLine = `${head}    virtualMachineInstanceSelector: {matchLabels:\n      {a: b,\n        c: d}}\n`;
  checkFix(nextLine, 'legacy-selector', title, `${head}    virtualMachineInstanceSelector: {a: b,\n        c: d}\n`);
  const ownLine = `${head}    virtualMachineInstanceSelector: {\n      matchLabels:\n        {a: b,\n          c: d}}\n`;
  checkFix(ownLine, 'legacy-selector', title, `${head}    virtualMachineInstanceSelector: {\n      a: b,\n          c: d}\n`);
  // A flow selector with flow labels, one without a value: the labels move up as written.
  checkFix(`${head}    virtualMachineInstanceSelector: {matchLabels: {app, tier: web}}\n`, 'legacy-selector', title, `${head}    virtualMachineInstanceSelector: {app, tier: web}\n`);
  // One label over two lines among others in a flow matchLabels under a block selector: not flattened.
  const multi = `${head}    virtualMachineInstanceSelector:\n      matchLabels: {a: "x\n        y", b: c}\n`;
  assert.deepEqual(titles(quickfixes(multi, 'legacy-selector')), []);
});

test('selectors under an explicit `? spec` key whose fields start in its own column: the skeleton indents by two', () => {
  const text = `${HEAD}? spec\n:\n  allowPostCopy: true\n`;
  const spec = text.indexOf('allowPostCopy');
  const offered = actions(text, [diag(text, spec, spec + 13, { kind: 'insertSelectors', spec: { start: spec, end: text.length } })]);
  assert.deepEqual(titles(offered).slice(0, 2), ['Add `selectors: {}` (match every VMI)', 'Add `selectors` with a `virtualMachineInstanceSelector`']);
  assert.equal(applyAction(text, offered[1]), `${HEAD}? spec\n:\n  selectors:\n    virtualMachineInstanceSelector: {}\n  allowPostCopy: true\n`);
});

test('indentation: a JSON policy indented with tabs gets tabs; a flow policy whose lines are indented unevenly gets the last line\'s indent', () => {
  const json = '{\n\t"apiVersion": "migrations.kubevirt.io/v1alpha1",\n\t"kind": "MigrationPolicy",\n\t"metadata": {"name": "p"},\n\t"spec": {\n\t\t"allowPostCopy": true\n\t}\n}\n';
  checkFix(json, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', json.replace('\t\t"allowPostCopy"', '\t\t"selectors": {},\n\t\t"allowPostCopy"'), { name: 'policy.json' });
  const flow = '{apiVersion: migrations.kubevirt.io/v1alpha1,\n   kind: MigrationPolicy,\n   metadata: {name: p}}\n';
  checkFix(flow, 'spec-missing', 'Add `spec` with `selectors: {}`', '{apiVersion: migrations.kubevirt.io/v1alpha1,\n   kind: MigrationPolicy,\n   metadata: {name: p},\n   spec: {selectors: {}}}\n');
  // A key alone on the last line of a flow policy (`x` and its line break): a spec after it goes on a line of its own at the policy's indent.
  const lone = '{apiVersion: migrations.kubevirt.io/v1alpha1, kind: MigrationPolicy, metadata: {name: p},\n x\n}\n';
  checkFix(lone, 'spec-missing', 'Add `spec` with `selectors: {}`', '{apiVersion: migrations.kubevirt.io/v1alpha1, kind: MigrationPolicy, metadata: {name: p},\n x,\n spec: {selectors: {}}\n}\n');
});

test('removing a pair with an explicit key (`? key`) takes its `?` too (bug fixed in session 24)', () => {
  const remove = (text: string, pair: string) => {
    const at = span(text, pair);
    return applyAction(text, actions(text, [diag(text, at.start, at.start + 1, { kind: 'removePair', pair: at })])[0]);
  };
  // Before the fix the `?` stayed and took the next line as its key: `? c: 3`.
  assert.equal(remove('a: 1\n? b\n: 2\nc: 3\n', 'b\n: 2'), 'a: 1\nc: 3\n');
  assert.equal(remove('a: 1\n? b\nc: 3\n', 'b'), 'a: 1\nc: 3\n');
  assert.equal(remove('a: 1\n? b\n: 2\n', 'b\n: 2'), 'a: 1\n');
  // The only pair of a nested map leaves `{}`; in a sequence item the dash stays.
  assert.equal(remove('x:\n  ? b\n  : 2\n', 'b\n  : 2'), 'x: {}\n');
  assert.equal(remove('x:\n- ? b\n  : 2\n  c: 3\n', 'b\n  : 2'), 'x:\n- c: 3\n');
});
