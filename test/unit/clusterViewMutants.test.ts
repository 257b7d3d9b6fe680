// features/clusterView.ts, whole: which MigrationPolicies of a file take part in matching (and with which
// name and anchor), which are unnamed, the what-if rule (files in URI order, a document with an error left
// out with its error count, the last definition of a name winning, with the file and line that wins), the
// validation options a cluster's KubeVirt CR implies, and how the demo snapshot is named. Every expected
// value is written out by hand from the input text.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import type { FileModel } from '../../server/src/document/model';
import type { DocumentMode } from '../../server/src/document/template';
import { clusterName, clusterValidationOptions, documentPolicies, filePolicies, isDemo, selectWhatIfPolicies, unnamedPolicies } from '../../server/src/features/clusterView';
import type { ClusterView, WhatIfFile } from '../../server/src/features/clusterView';

const P = (name: string, rest = 'spec:\n  selectors: {}\n') => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\n${rest}`;

const at = (file: FileModel, doc: number, span: { start: number; end: number }) => file.text.slice(file.documents[doc].offset + span.start, file.documents[doc].offset + span.end);

function policiesOf(text: string, mode: DocumentMode = 'complete') {
  const file = parseFile(text, 'yaml', undefined, mode);
  return file.documents.map((d, i) => documentPolicies(d.model, 'file:///w/a.yaml').map((p) => ({ name: p.info.name, anchor: at(file, i, p.anchor), offset: p.offset, origin: p.info.origin, first: at(file, i, p.map.span).split('\n')[0] })));
}

test('documentPolicies: named policies with their name as anchor; a List of them; nothing from a cluster dump or a patch', () => {
  assert.deepEqual(policiesOf(P('alpha')), [[{ name: 'alpha', anchor: 'alpha', offset: 0, origin: { kind: 'workspace', uri: 'file:///w/a.yaml' }, first: 'apiVersion: migrations.kubevirt.io/v1alpha1' }]]);
  // A List of two policies (not a cluster dump: no VMI, namespace or KubeVirt item).
  const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  metadata: {name: one}\n  spec: {selectors: {}}\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  metadata: {name: two}\n  spec: {selectors: {}}\n';
  assert.deepEqual(policiesOf(list).flat().map((p) => [p.name, p.anchor]), [['one', 'one'], ['two', 'two']]);
  // The same List with a VMI item is the cluster's state, not the workspace's.
  const dump = list + '- apiVersion: kubevirt.io/v1\n  kind: VirtualMachineInstance\n  metadata: {name: vm, namespace: d}\n';
  assert.deepEqual(policiesOf(dump), [[]]);
  // A Kustomize patch names a policy that is defined elsewhere.
  assert.deepEqual(policiesOf(P('patched'), 'patch'), [[]]);
  // A policy without a name takes no part; other kinds are left alone.
  assert.deepEqual(policiesOf('apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n'), [[], []]);
});

test('documentPolicies: a name that is not a string (a number kubectl sends as a number) anchors on the first key', () => {
  // `name: 12` is the JSON number 12: policyInfoFromObject reads no name from it, so no policy;
  // a quoted "12" is a name and anchors on its value.
  assert.deepEqual(policiesOf(P('12')), [[]]);
  assert.deepEqual(policiesOf(P('"12"')).flat().map((p) => [p.name, p.anchor]), [['12', '"12"']]);
});

test('documentPolicies in a Helm template: selectors written by the template are left out; a templated name is shown as written', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n';
  const rows = (text: string) => policiesOf(text, 'helm-template').flat().map((p) => [p.name, p.anchor]);
  // The selectors' value is a template action on the next line: it touches the pair (after its whitespace).
  assert.deepEqual(rows(head + '  name: a\nspec:\n  selectors:\n    {{- toYaml .Values.selectors | nindent 4 }}\n'), []);
  // An action inside the selectors map.
  assert.deepEqual(rows(head + '  name: a\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: {{ .Values.app }}\n'), []);
  // Plain selectors, with an action further down (not touching them): the policy takes part.
  assert.deepEqual(rows(head + '  name: a\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: db\n  bandwidthPerMigration: {{ .Values.bw }}\n'), [['a', 'a']]);
  // A templated name: the name as written, anchored on it.
  assert.deepEqual(rows(head + '  name: {{ .Release.Name }}-mp\nspec:\n  selectors: {}\n'), [['{{ .Release.Name }}-mp', '{{ .Release.Name }}-mp']]);
  // An action right before the name (on its own line above) does not touch the name.
  assert.deepEqual(rows(head + '  {{- if .Values.x }}\n  name: plain\n  {{- end }}\nspec:\n  selectors: {}\n'), [['plain', 'plain']]);
});

test('unnamedPolicies: policies without metadata, without a name, with a null, empty or non-string name; per document', () => {
  const text = [
    P('named'),
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {}\n',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name:\n',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ""\n',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata: []\n',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  labels: {a: b}\n',
  ].join('---\n');
  const file = parseFile(text, 'yaml');
  // Documents 2 to 6 start on lines 8, 13, 18, 23 and 27 (their `---` lines are 7, 12, 17, 22, 26).
  const got = unnamedPolicies(file).map((u) => ({ offset: u.offset, line: text.slice(0, u.offset + u.map.span.start).split('\n').length, first: text.slice(u.offset + u.map.span.start).split('\n')[0] }));
  assert.deepEqual(got.map((g) => g.line), [8, 13, 18, 23, 27]);
  assert.deepEqual(got.map((g) => text.slice(0, g.offset).split('\n').length), [7, 12, 17, 22, 26]);
  assert.ok(got.every((g) => g.first === 'apiVersion: migrations.kubevirt.io/v1alpha1'));
  // A cluster dump's unnamed policies are the cluster's, not the workspace's.
  const dump = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  spec: {selectors: {}}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: d}\n';
  assert.deepEqual(unnamedPolicies(parseFile(dump, 'yaml')), []);
});

test('filePolicies: each document\'s policies carry the offset of their document', () => {
  const a = P('a');
  const text = `${a}---\n${P('b')}`;
  const file = parseFile(text, 'yaml');
  const got = filePolicies(file, 'file:///w/x.yaml');
  assert.deepEqual(got.map((p) => [p.info.name, p.offset, text.slice(p.offset + p.anchor.start, p.offset + p.anchor.end)]), [['a', 0, 'a'], ['b', a.length, 'b']]);
  // A caller's per-document function is used instead of documentPolicies.
  const seen: string[] = [];
  assert.deepEqual(filePolicies(file, 'file:///w/x.yaml', (m) => { seen.push(/name: (\w+)/.exec(m.text)?.[1] ?? ''); return []; }), []);
  assert.deepEqual(seen, ['a', 'b']);
});

const wf = (uri: string, text: string, lines = false): WhatIfFile => ({ uri, file: parseFile(text, 'yaml'), name: uri.replace('file:///w/', ''), ...(lines ? { lines: new LineIndex(text) } : {}) });
const chosen = (files: WhatIfFile[]) => {
  const { policies, leftOut } = selectWhatIfPolicies(files, {});
  return { policies: policies.map((p) => `${p.name}@${p.origin.kind === 'workspace' ? p.origin.uri.replace('file:///w/', '') : 'cluster'}`), leftOut: [...leftOut].map(([p, why]) => `${p.name}@${p.origin.kind === 'workspace' ? p.origin.uri.replace('file:///w/', '') : 'cluster'}: ${why}`) };
};

test('selectWhatIfPolicies: files in URI order, the last definition wins, with its file and line (with and without a line index)', () => {
  const b = wf('file:///w/b.yaml', `# first\n${P('same')}---\n${P('other')}`);
  const a = wf('file:///w/a.yaml', P('same'));
  const c = wf('file:///w/c.yaml', `${P('x')}---\n${P('same')}`, true);
  // Given out of order: a.yaml is read first, then b.yaml, then c.yaml.
  assert.deepEqual(chosen([c, b, a]), {
    policies: ['same@c.yaml', 'other@b.yaml', 'x@c.yaml'],
    leftOut: ['same@a.yaml: same at b.yaml:5 counts instead (the last definition wins)', 'same@b.yaml: same at c.yaml:11 counts instead (the last definition wins)'],
  });
  assert.deepEqual(chosen([a, b, c]), chosen([c, b, a]));
  assert.deepEqual(chosen([b, a]), chosen([a, b]));
  // Equal URIs keep their given order (a stable sort): the second one given wins.
  const a2 = wf('file:///w/a.yaml', `\n\n${P('same')}`);
  assert.deepEqual(chosen([a, a2]).leftOut, ['same@a.yaml: same at a.yaml:6 counts instead (the last definition wins)']);
  assert.deepEqual(chosen([a2, a]).leftOut, ['same@a.yaml: same at a.yaml:4 counts instead (the last definition wins)']);
  // Twice in one file.
  assert.deepEqual(chosen([wf('file:///w/d.yaml', `${P('d')}---\n${P('d')}`)]), { policies: ['d@d.yaml'], leftOut: ['d@d.yaml: d at d.yaml:11 counts instead (the last definition wins)'] });
});

test('selectWhatIfPolicies: a document with error findings or a syntax error is left out with its count; warnings are not errors', () => {
  const two = P('bad', 'spec:\n  selectors: {}\n  allowPostCopy: maybe\n  bandwidthPerMigration: -1Mi\n');
  const one = P('onebad', 'spec:\n  selectors: {}\n  allowPostCopy: maybe\n');
  const warned = P('warned', 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1\n');
  const broken = P('broken', 'spec:\n  selectors: {a: [}\n');
  const file = wf('file:///w/e.yaml', [two, one, warned, broken, P('good')].join('---\n'));
  assert.deepEqual(chosen([file]), {
    policies: ['warned@e.yaml', 'good@e.yaml'],
    leftOut: ['bad@e.yaml: it has 2 errors the API server would reject', 'onebad@e.yaml: it has 1 error the API server would reject', 'broken@e.yaml: it has 1 error the API server would reject'],
  });
  // A rejected later definition does not replace the earlier one; the earlier one stays chosen.
  assert.deepEqual(chosen([wf('file:///w/f.yaml', `${P('np')}---\n${P('np', 'spec:\n  selectors: {}\n  allowPostCopy: maybe\n')}`)]), { policies: ['np@f.yaml'], leftOut: ['np@f.yaml: it has 1 error the API server would reject'] });
  // Findings from the caller's function: the same list object is counted once and reused.
  let calls = 0;
  const errorList = [{ span: { start: 0, end: 1 }, severity: 'error' as const, code: 'kind' as const, message: 'x' }, { span: { start: 0, end: 1 }, severity: 'warning' as const, code: 'kind' as const, message: 'y' }, { span: { start: 0, end: 1 }, severity: 'error' as const, code: 'kind' as const, message: 'z' }];
  const g = wf('file:///w/g.yaml', P('g'));
  const result = selectWhatIfPolicies([g], {}, undefined, () => { calls++; return errorList; });
  assert.deepEqual([...result.leftOut.values()], ['it has 2 errors the API server would reject']);
  assert.equal(result.policies.length, 0);
  assert.equal(calls, 1);
  // A file without policies is not validated at all.
  calls = 0;
  selectWhatIfPolicies([wf('file:///w/h.yaml', 'kind: ConfigMap\n')], {}, undefined, () => { calls++; return errorList; });
  assert.equal(calls, 0);
});

test('selectWhatIfPolicies: the options reach validation (a feature gate the cluster lacks is an error there)', () => {
  const gated = P('gated', 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      stallMargin: 2\n');
  const f = wf('file:///w/s.yaml', gated);
  const pick = (featureGates?: string[]) => {
    const r = selectWhatIfPolicies([f], featureGates ? { featureGates } : {});
    return [r.policies.map((p) => p.name), [...r.leftOut.values()]];
  };
  // Without cluster data the gate is a warning; a cluster without the gate makes it an error.
  assert.deepEqual(pick(), [['gated'], []]);
  assert.deepEqual(pick([]), [[], ['it has 1 error the API server would reject']]);
});

test('clusterValidationOptions: version and feature gates of the KubeVirt CR', () => {
  assert.deepEqual(clusterValidationOptions(undefined), {});
  const gates = ['LiveMigration'];
  const o = clusterValidationOptions({ name: 'kubevirt', featureGates: gates, migrations: {} });
  assert.deepEqual(o, { featureGates: ['LiveMigration'] });
  assert.notEqual(o.featureGates, gates);
  assert.deepEqual(clusterValidationOptions({ name: 'kubevirt', version: 'v1.5.0', featureGates: [], migrations: {} }), { kubevirtVersion: 'v1.5.0', featureGates: [] });
  assert.deepEqual(clusterValidationOptions({ name: 'kubevirt', version: '', featureGates: [], migrations: {} }), { featureGates: [] });
});

test('isDemo and clusterName: only the bundled demo snapshot is "the demo cluster"', () => {
  const view = (source: ClusterStatus['source']): ClusterView => ({ status: { source, state: { kind: 'ready' }, counts: { namespaces: 0, vmis: 0, policies: 0 } } });
  const demo = view({ kind: 'snapshot', path: '/x/demo.yaml', demo: true });
  const snapshot = view({ kind: 'snapshot', path: '/x/mine.yaml', demo: false });
  const kube = view({ kind: 'kube', context: 'c', server: 'https://h' });
  assert.deepEqual([isDemo(demo), isDemo(snapshot), isDemo(kube), isDemo(undefined), isDemo(view({ kind: 'none' }))], [true, false, false, false, false]);
  assert.deepEqual([clusterName(demo), clusterName(snapshot), clusterName(kube), clusterName(undefined)], ['the demo cluster', 'the cluster', 'the cluster', 'the cluster']);
});

test('selectWhatIfPolicies: the same choice for every order the files are given in', () => {
  const a = wf('file:///w/a.yaml', P('same'));
  const b = wf('file:///w/b.yaml', P('same'));
  const c = wf('file:///w/c.yaml', P('same'));
  const expected = { policies: ['same@c.yaml'], leftOut: ['same@a.yaml: same at b.yaml:4 counts instead (the last definition wins)', 'same@b.yaml: same at c.yaml:4 counts instead (the last definition wins)'] };
  for (const order of [[a, b, c], [a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]]) assert.deepEqual(chosen(order), expected, order.map((f) => f.name).join(' '));
});

test('selectWhatIfPolicies: a one-line policy at the end of a file without a newline is on line 1', () => {
  const flow = '{apiVersion: migrations.kubevirt.io/v1alpha1, kind: MigrationPolicy, metadata: {name: one}, spec: {selectors: {}}}';
  assert.deepEqual(chosen([wf('file:///w/a.yaml', P('one')), wf('file:///w/b.yaml', flow)]).leftOut, ['one@a.yaml: one at b.yaml:1 counts instead (the last definition wins)']);
});

test('documentPolicies in a Helm template: a policy without a spec, or with a spec that is not a mapping, takes part', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: {{ .Values.name }}\n';
  assert.deepEqual(policiesOf(head, 'helm-template').flat().map((p) => p.name), ['{{ .Values.name }}']);
  assert.deepEqual(policiesOf(`${head}spec: [a]\n`, 'helm-template').flat().map((p) => p.name), ['{{ .Values.name }}']);
});
