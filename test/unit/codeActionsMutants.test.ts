// Quick fixes at their edges, over the real getCodeActions: fix data as a client sends it back (checked
// before it is trusted), fixes in the second document of a file, flow and block removals at the ends of a
// map, JSON literals and the JSON check, the "fix all" overlap rule and the order of its edits. Expected
// texts are the YAML/JSON a person would write by hand; each is checked whole.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/document/file';
import { FIX_ALL_KIND, getCodeActions } from '../../server/src/features/codeActions';
import { DIAGNOSTIC_SOURCE } from '../../server/src/features/diagnostics';
import { actionsFor, applyAction, checkFix, yaml } from '../support/check';
import { model } from '../support/fixture';

const URI = 'file:///work/policy.yaml';

/** A diagnostic of ours over `[start, end)` (file offsets) with the given fix data. */
function diag(text: string, start: number, end: number, data: unknown, code = 'test-code'): Diagnostic {
  const lines = new LineIndex(text);
  return { range: lines.range(0, { start, end }), message: 'm', severity: 1, source: DIAGNOSTIC_SOURCE, code, data };
}

function actions(text: string, diagnostics: Diagnostic[], name = 'policy.yaml'): CodeAction[] {
  return getCodeActions({ uri: URI, file: model(text, name), lines: new LineIndex(text) }, diagnostics);
}

/** The span of the `n`th occurrence (0-based) of `needle` in `text`. */
function span(text: string, needle: string, n = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `${JSON.stringify(needle)} #${n} not in the text`);
  }
  return { start: at, end: at + needle.length };
}

const titles = (list: CodeAction[]) => list.map((a) => [a.title, a.kind]);
const newTexts = (a: CodeAction) => a.edit?.changes?.[URI]?.map((e) => e.newText);

const POLICY = yaml`
  apiVersion: migrations.kubevirt.io/v1alpha1
  kind: MigrationPolicy
  metadata:
    name: p
  spec:
    selectors: {}
    allowPostCopy: true
`;

test('the fix-all kind is the one package.json and editors ask for', () => {
  assert.equal(FIX_ALL_KIND, 'source.fixAll.migrationpolicy');
});

test('fix data from the client is checked before it is trusted: malformed data gives no action, never a throw', () => {
  const text = POLICY;
  const value = span(text, 'true');
  const pair = span(text, 'allowPostCopy: true');
  const spec = { start: text.indexOf('selectors'), end: text.length };
  const bad: unknown[] = [
    null,
    'replace',
    { kind: 'replace' },
    { kind: 'replace', replacements: ['false', 5] },
    { kind: 'rename', replacements: 'x' },
    { kind: 'removePair' },
    { kind: 'removePair', pair: null },
    { kind: 'setValue', pair, value: 5 },
    { kind: 'setValue', pair: { start: 'a', end: 2 }, value: 'x' },
    { kind: 'insertSelectors', spec: null },
    { kind: 'insertSelectors', spec: { start: spec.start, end: 1.5 } },
    { kind: 'insertSelectors', spec: { start: spec.start, end: spec.start - 1 } },
    { kind: 'insertSelectors', spec: { start: spec.start, end: '9' } },
    { kind: 'insertSelectors', spec: { start: 1.5, end: spec.end } },
    { kind: 'unknown', replacements: ['false'] },
  ];
  for (const data of bad) assert.deepEqual(actions(text, [diag(text, value.start, value.end, data)]), [], JSON.stringify(data));
  // The same shapes, well formed, do give actions (so the empty answers above are about the data).
  assert.deepEqual(titles(actions(text, [diag(text, value.start, value.end, { kind: 'replace', replacements: ['false'] })])), [
    ['Change to false', 'quickfix'],
    ['Fix all auto-fixable problems in this file', FIX_ALL_KIND],
  ]);
  assert.deepEqual(titles(actions(text, [diag(text, value.start, value.end, { kind: 'setValue', pair, value: 'false' })])), [
    ['Set to false', 'quickfix'],
    ['Fix all auto-fixable problems in this file', FIX_ALL_KIND],
  ]);
  // Another source's diagnostic with valid data is not ours.
  assert.deepEqual(actions(text, [{ ...diag(text, value.start, value.end, { kind: 'replace', replacements: ['false'] }), source: 'yaml' }]), []);
});

test('fix data whose spans name no pair, no policy or no selectors key gives no action', () => {
  const text = POLICY;
  const pair = span(text, 'allowPostCopy: true');
  const key = span(text, 'allowPostCopy');
  const at = (data: unknown) => actions(text, [diag(text, key.start, key.end, data)]);
  assert.deepEqual(at({ kind: 'removePair', pair: { start: pair.start, end: pair.end - 2 } }), []);
  assert.deepEqual(at({ kind: 'removePair', pair: { start: pair.start + 1, end: pair.end } }), []);
  assert.deepEqual(at({ kind: 'flattenSelector', pair: { start: pair.start, end: pair.end - 1 } }), []);
  assert.deepEqual(at({ kind: 'setValue', pair: { start: pair.start + 1, end: pair.end }, value: '""' }), []);
  // insertSelectors at a key that is not `selectors`, and at `selectors` but not at its start.
  assert.deepEqual(at({ kind: 'insertSelectors' }), []);
  const selectors = span(text, 'selectors');
  assert.deepEqual(actions(text, [diag(text, selectors.start + 1, selectors.end, { kind: 'insertSelectors' })]), []);
  // A spec span that is not the spec's (the spec map starts at `selectors`).
  assert.deepEqual(at({ kind: 'insertSelectors', spec: { start: selectors.start + 1, end: text.length } }), []);
  // A spec that is not a mapping.
  const listSpec = POLICY.replace('spec:\n  selectors: {}\n  allowPostCopy: true\n', 'spec: [a]\n');
  const seq = span(listSpec, '[a]');
  assert.deepEqual(actions(listSpec, [diag(listSpec, seq.start, seq.end, { kind: 'insertSelectors', spec: seq })]), []);
  // No policy around the diagnostic at all.
  const other = 'kind: ConfigMap\ndata:\n  selectors:\n';
  const sel = span(other, 'selectors');
  assert.deepEqual(actions(other, [diag(other, sel.start, sel.end, { kind: 'insertSelectors' })]), []);
  // A flattenSelector on a pair whose value is not a mapping.
  const scalar = 'a:\n  matchLabels: x\n';
  assert.deepEqual(actions(scalar, [diag(scalar, 3, 14, { kind: 'flattenSelector', pair: span(scalar, 'matchLabels: x') })]), []);
});

test('setValue: after a bare key with a space before its colon, after a one-letter key, and its title', () => {
  const text = 'a:\nhpc :\n';
  const one = actions(text, [diag(text, 0, 1, { kind: 'setValue', pair: span(text, 'a:'), value: 'x' })]);
  assert.deepEqual(titles(one), [
    ['Set to x', 'quickfix'],
    ['Fix all auto-fixable problems in this file', FIX_ALL_KIND],
  ]);
  assert.equal(applyAction(text, one[0]), 'a: x\nhpc :\n');
  const spaced = actions(text, [diag(text, 3, 6, { kind: 'setValue', pair: span(text, 'hpc :'), value: '""' })]);
  assert.equal(spaced[0].title, 'Change to "" (require an empty label value)');
  assert.equal(applyAction(text, spaced[0]), 'a:\nhpc : ""\n');
});

test('a legacy matchLabels outside any policy names "the selector"', () => {
  const text = 'matchLabels:\n  a: b\n';
  const list = actions(text, [diag(text, 0, 11, { kind: 'flattenSelector', pair: span(text, text) })]);
  assert.equal(list[0].title, 'Move the labels of matchLabels up into the selector');
});

test('fixes in the second document of a file carry file offsets', () => {
  const first = 'kind: ConfigMap\nmetadata:\n  name: c\n---\n';
  const text = `${first}${yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: MigrationPolicy
    metadata:
      name: p
      namespace: default
    spec:
      selectors: {}
      allowPostCopy: yes
  `}`;
  checkFix(text, 'namespace-ignored', 'Remove metadata.namespace', text.replace('  namespace: default\n', ''));
  checkFix(text, 'yaml11-boolean', 'Change to true', text.replace('allowPostCopy: yes', 'allowPostCopy: true'));
  // Hand-made data in file offsets: the span is shifted into the document and the edit back out of it.
  const own = span(text, 'namespace: default');
  const list = actions(text, [diag(text, own.start, own.start + 9, { kind: 'removePair', pair: own })]);
  assert.equal(list[0].title, 'Remove metadata.namespace');
  assert.equal(applyAction(text, list[0]), text.replace('  namespace: default\n', ''));
});

test('the second policy of a List gets its own path; a pair at the start of a List item policy too', () => {
  const text = yaml`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata: {name: a}
      spec: {selectors: {}}
    - apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata:
        name: b
        namespace: default
      spec: {selectors: {}}
  `;
  checkFix(text, 'namespace-ignored', 'Remove metadata.namespace', text.replace('    namespace: default\n', ''));
  const first = span(text, 'apiVersion: migrations.kubevirt.io/v1alpha1', 1);
  const list = actions(text, [diag(text, first.start, first.start + 10, { kind: 'removePair', pair: first })]);
  assert.equal(list[0].title, 'Remove apiVersion');
  assert.equal(applyAction(text, list[0]), text.replace('- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  metadata:\n    name: b', '- kind: MigrationPolicy\n  metadata:\n    name: b'));
});

test('removing a pair from a flow map: first, only, spaced comma, own line, rest of line not blank', () => {
  const wrap = (metadata: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata: ${metadata}\nspec:\n  selectors: {}\n`;
  const fix = (before: string, after: string) => checkFix(wrap(before), 'namespace-ignored', 'Remove metadata.namespace', wrap(after));
  fix('{namespace: default, name: p}', '{name: p}');
  fix('{namespace: default , name: p}', '{name: p}');
  fix('{namespace: default}', '{}');
  fix('{\n  namespace: default,\n    name: p\n}', '{\n    name: p\n}');
  fix('{\n  namespace: default, name: p\n}', '{\n  name: p\n}');
  fix('{name: p, namespace: default,\n  labels: {a: b}}', '{name: p, labels: {a: b}}');
});

test('removing a pair from a block map: at the end of the file, the only pair, a pair after a sequence dash', () => {
  const noNewline = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {}\nmetadata:\n  name: p\n  namespace: default';
  checkFix(noNewline, 'namespace-ignored', 'Remove metadata.namespace', noNewline.replace('\n  namespace: default', '\n'));
  const only = 'a:\n  b: 1';
  const one = actions(only, [diag(only, 5, 6, { kind: 'removePair', pair: span(only, 'b: 1') })]);
  assert.equal(one[0].title, 'Remove a.b');
  assert.equal(applyAction(only, one[0]), 'a: {}');
  const items = 'x:\n- a: 1\n  b: 2\n- c: 3\n';
  const firstOfItem = actions(items, [diag(items, 5, 6, { kind: 'removePair', pair: span(items, 'a: 1') })]);
  assert.equal(applyAction(items, firstOfItem[0]), 'x:\n- b: 2\n- c: 3\n');
  const onlyOfItem = actions(items, [diag(items, 19, 20, { kind: 'removePair', pair: span(items, 'c: 3') })]);
  assert.equal(applyAction(items, onlyOfItem[0]), 'x:\n- a: 1\n  b: 2\n- {}\n');
  const last = 'x:\n- c: 3';
  const atEnd = actions(last, [diag(last, 5, 6, { kind: 'removePair', pair: span(last, 'c: 3') })]);
  assert.equal(applyAction(last, atEnd[0]), 'x:\n- {}');
});

test('flatten: an empty matchLabels is removed; several non-strings are all quoted; a multi-line flow value is left alone', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors:\n';
  checkFix(`${head}    namespaceSelector:\n      matchLabels: {}\n`, 'legacy-selector', 'Move the labels of matchLabels up into namespaceSelector', `${head}    namespaceSelector: {}\n`);
  checkFix(
    `${head}    virtualMachineInstanceSelector:\n      matchLabels:\n        a: true\n        b: 10\n        c: x\n        d: 1.5\n`,
    'legacy-selector',
    'Move the labels of matchLabels up into virtualMachineInstanceSelector',
    `${head}    virtualMachineInstanceSelector:\n      a: "true"\n      b: "10"\n      c: x\n      d: "1.5"\n`,
  );
  const multi = `${head}    namespaceSelector:\n      matchLabels: {a: "x\n        y"}\n`;
  assert.deepEqual(actionsFor(multi).map((a) => a.diagnostics?.[0]?.code), []);
  const offered = actionsFor(multi).filter((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'legacy-selector');
  assert.deepEqual(offered.map((a) => a.title), []);
});

test('insert selectors into an empty flow spec (YAML and JSON) and into a List item spec with its own indent', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';
  checkFix(`${head}spec: {}\n`, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', `${head}spec: {selectors: {}}\n`);
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {}}';
  checkFix(json, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', json.replace('"spec": {}', '"spec": {"selectors": {}}'), { name: 'policy.json' });
  const item = yaml`
    kind: List
    items:
    - apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata: {name: p}
      spec:
        allowPostCopy: true
  `;
  checkFix(item, 'selectors-missing', 'Add `selectors` with a `virtualMachineInstanceSelector`', item.replace('    allowPostCopy', '    selectors:\n      virtualMachineInstanceSelector: {}\n    allowPostCopy'));
  const deep = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n    allowPostCopy: true\n';
  checkFix(deep, 'selectors-missing', 'Add `selectors` with a `virtualMachineInstanceSelector`', deep.replace('    allowPostCopy', '    selectors:\n        virtualMachineInstanceSelector: {}\n    allowPostCopy'));
});

test('append spec: to a one-line flow policy in YAML and JSON, at the end of a file without a newline, after a lone item key', () => {
  const flow = '{apiVersion: migrations.kubevirt.io/v1alpha1, kind: MigrationPolicy, metadata: {name: p}}\n';
  checkFix(flow, 'spec-missing', 'Add `spec` with `selectors: {}`', flow.replace('{name: p}}', '{name: p}, spec: {selectors: {}}}'));
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}}';
  checkFix(json, 'spec-missing', 'Add `spec` with `selectors: {}`', json.replace('{"name": "p"}}', '{"name": "p"}, "spec": {"selectors": {}}}'), { name: 'policy.json' });
  const noNewline = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p';
  checkFix(noNewline, 'spec-missing', 'Add `spec` with `selectors: {}`', `${noNewline}\nspec:\n  selectors: {}`);
  const lone = 'kind: List\nitems:\n- kind: MigrationPolicy\n';
  const list = actionsFor(lone).filter((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'spec-missing');
  assert.equal(list.length, 1);
  assert.equal(applyAction(lone, list[0]), 'kind: List\nitems:\n- kind: MigrationPolicy\n  spec:\n    selectors: {}\n');
});

test('rename checks siblings in the innermost map, and writes a JSON key as a string', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';
  const text = `${head}spec:\n  selectors:\n    namespaceSelectr: {a: b}\n    namespaceSelector: {c: d}\n`;
  const key = span(text, 'namespaceSelectr');
  assert.deepEqual(actions(text, [diag(text, key.start, key.end, { kind: 'rename', replacements: ['namespaceSelector'] })]), []);
  const fresh = `${head}spec:\n  selectors:\n    namespaceSelectr: {a: b}\n`;
  const k2 = span(fresh, 'namespaceSelectr');
  assert.equal(actions(fresh, [diag(fresh, k2.start, k2.end, { kind: 'rename', replacements: ['namespaceSelector'] })])[0].title, 'Rename to namespaceSelector');
  const json = '{"a": 1}';
  const list = actions(json, [diag(json, 1, 4, { kind: 'rename', replacements: ['10'] })], 'policy.json');
  assert.deepEqual(newTexts(list[0]), ['"10"']);
});

test('a JSON replacement is a JSON literal: numbers and keywords as they are, anything else quoted; a broken one is not offered', () => {
  const json = '{"a": "x"}';
  const value = span(json, '"x"');
  const written = (r: string) => {
    const list = actions(json, [diag(json, value.start, value.end, { kind: 'replace', replacements: [r] })], 'policy.json');
    return list.length ? newTexts(list[0])?.[0] : undefined;
  };
  const cases: [string, string][] = [
    ['10', '10'],
    ['-3', '-3'],
    ['100', '100'],
    ['0.25', '0.25'],
    ['1e10', '1e10'],
    ['2E+4', '2E+4'],
    ['1e-3', '1e-3'],
    ['null', 'null'],
    ['01', '"01"'],
    ['a1', '"a1"'],
    ['1.', '"1."'],
    ['a"', '"a\\""'],
    ['"kept"', '"kept"'],
  ];
  for (const [r, expected] of cases) assert.equal(written(r), expected, r);
  // A replacement that starts with a quote is written as is: unterminated, it would break the file.
  assert.equal(written('"open'), undefined);
  // A YAML file is not checked as JSON, even when its text is JSON.
  const yamlList = actions(json, [diag(json, value.start, value.end, { kind: 'replace', replacements: ['"open'] })], 'policy.yaml');
  assert.deepEqual(newTexts(yamlList[0]), ['"open']);
  // A JSON file that does not parse is not checked either.
  const broken = '{"a": "x",}';
  assert.deepEqual(newTexts(actions(broken, [diag(broken, 6, 9, { kind: 'replace', replacements: ['"open'] })], 'policy.json')[0]), ['"open']);
});

test('the JSON check covers files up to 256 KiB and skips larger ones', () => {
  const sized = (n: number) => {
    const base = '{"a": "x", "pad": ""}';
    return base.replace('"pad": ""', `"pad": "${'p'.repeat(n - base.length)}"`);
  };
  for (const [size, offered] of [
    [256 * 1024, false],
    [256 * 1024 + 1, true],
  ] as const) {
    const text = sized(size);
    assert.equal(text.length, size);
    const list = actions(text, [diag(text, 6, 9, { kind: 'replace', replacements: ['"open'] })], 'policy.json');
    assert.equal(list.length > 0, offered, `size ${size}`);
  }
});

test('fix all: guesses are left out, code by code', () => {
  const text = POLICY;
  const value = span(text, 'true');
  for (const code of ['bandwidth-small', 'bandwidth-milli', 'negative', 'out-of-range', 'yaml11-number']) {
    const list = actions(text, [diag(text, value.start, value.end, { kind: 'replace', replacements: ['false'] }, code)]);
    assert.deepEqual(titles(list), [['Change to false', 'quickfix']], code);
  }
  // Several alternatives are a guess too; one is not.
  assert.deepEqual(titles(actions(text, [diag(text, value.start, value.end, { kind: 'replace', replacements: ['false', 'true'] })])).map((t) => t[0]), ['Change to false', 'Change to true']);
});

test('fix all: same start, overlap and adjacency decide which edits are taken; edits come sorted', () => {
  const text = 'a: 0123456789\n';
  const at = (s: number, e: number, r: string) => diag(text, s, e, { kind: 'replace', replacements: [r] });
  const base = 3; // the first digit
  const diagnostics = [
    at(base + 6, base + 8, 'X'), // 6-8
    at(base + 4, base + 6, 'Y'), // 4-6, ends where the first starts: taken
    at(base + 8, base + 10, 'Z'), // 8-10, starts where the first ends: taken
    at(base + 5, base + 7, 'no'), // overlaps two taken edits
    at(base + 1, base + 1, 'P'), // zero-width at 1
    at(base + 1, base + 1, 'no'), // zero-width at the same place: left out
    at(base + 0, base + 1, 'Q'), // 0-1, ends where the insert is: taken
  ];
  const fixAll = actions(text, diagnostics).filter((a) => a.kind === FIX_ALL_KIND);
  assert.equal(fixAll.length, 1);
  assert.deepEqual(fixAll[0].diagnostics?.map((d) => (d.data as { replacements: string[] }).replacements[0]), ['X', 'Y', 'Z', 'P', 'Q']);
  const edits = fixAll[0].edit?.changes?.[URI] ?? [];
  assert.deepEqual(edits.map((e) => [e.range.start.character, e.range.end.character, e.newText]), [
    [3, 4, 'Q'],
    [4, 4, 'P'],
    [7, 9, 'Y'],
    [9, 11, 'X'],
    [11, 13, 'Z'],
  ]);
  assert.equal(applyAction(text, fixAll[0]), 'a: QP123YXZ\n');
});

test('fix all in JSON applies length-changing edits from the end, so the result still parses', () => {
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "allowAutoConvrge": true, "bandwidthPerMigraton": "1Gi"}}';
  const fixAll = actionsFor(json, 'policy.json').filter((a) => a.kind === FIX_ALL_KIND);
  assert.equal(fixAll.length, 1);
  assert.equal(applyAction(json, fixAll[0]), json.replace('allowAutoConvrge', 'allowAutoConverge').replace('bandwidthPerMigraton', 'bandwidthPerMigration'));
});
