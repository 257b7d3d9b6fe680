// Cross-policy diagnostics and code lens titles against a small in-memory cluster.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies, selectWhatIfPolicies, unnamedPolicies } from '../../server/src/features/clusterView';
import type { ClusterView, FilePolicy } from '../../server/src/features/clusterView';
import { getCodeLenses, matchTitle } from '../../server/src/features/codeLens';
import { findCrossPolicyDiagnostics, getCrossPolicyDiagnostics, listLookup } from '../../server/src/features/crossPolicy';
import { model } from '../support/fixture';

const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };

function view(data: ClusterData, text: string, uri = 'file:///w/p.yaml', status: ClusterStatus = READY): { view: ClusterView; file: ReturnType<typeof model>; lines: LineIndex; policies: FilePolicy[] } {
  const file = model(text);
  const inventory = new Inventory(data);
  const policies = filePolicies(file, uri);
  const chosen = selectWhatIfPolicies([{ uri, file, name: 'p.yaml' }], {}, () => policies);
  const evaluation = inventory.evaluate().withPolicies(chosen.policies);
  return { view: { status, inventory, evaluation, leftOut: chosen.leftOut }, file, lines: new LineIndex(file.text), policies };
}

const DEMO: ClusterStatus = { source: { kind: 'snapshot', path: '/x/examples/cluster.yaml', demo: true }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };

const policy = (name: string, selectors: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n`;
const DATA: ClusterData = {
  namespaces: [{ name: 'ns', labels: { 'kubernetes.io/metadata.name': 'ns', env: 'prod' } }],
  vmis: ['a', 'b', 'c', 'd'].map((name, i) => ({ namespace: 'ns', name, labels: { app: i < 3 ? 'db' : 'web' } })),
  policies: [{ name: 'cluster-db', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db' }, spec: {}, origin: { kind: 'cluster' } }],
};

test('identical selectors name the winner by name; a shadowed policy says who takes its VMIs', () => {
  const text = `${policy('zz-db', '{virtualMachineInstanceSelector: {app: db}}')}---\n${policy('dup', '{}')}---\n${policy('dup', '{namespaceSelector: {env: prod}}')}`;
  const { view: v, lines, policies } = view(DATA, text);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [], v);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.code}`), [
    '10:8-11 1 duplicate-name',
    '17:8-11 1 duplicate-name',
    '3:8-13 2 identical-selectors',
    '3:8-13 2 shadowed-policy',
  ]);
  assert.equal(diagnostics[2].message, 'Same selectors (VMI app=db) as cluster-db (the cluster): cluster-db takes precedence only because its name sorts first, so this policy never applies. The docs say identical selectors are not allowed, but nothing rejects them. Make the selectors differ, or merge the policies.');
  assert.equal(diagnostics[3].message, 'This policy matches 3 VMIs but wins none: cluster-db takes 3. It never applies there; give it more specific selectors or remove it.');
  assert.match(String(diagnostics[0].message), /Another MigrationPolicy is named dup \(this file\)/);
  for (const d of diagnostics) assert.doesNotMatch(String(d.message), /`/, 'diagnostic messages are plain text');
});

test('identical selectors: the statement holds for the whole set when a third, more specific policy takes the VMIs', () => {
  const text = `${policy('a-web', '{virtualMachineInstanceSelector: {app: db}}')}---\n${policy('b-web', '{virtualMachineInstanceSelector: {app: db}}')}`;
  const { view: v, lines, policies } = view({ ...DATA, policies: [{ ...DATA.policies[0], name: 'specific', namespaceSelector: { env: 'prod' } }] }, text);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [], v);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line} ${d.code}: ${d.message}`), [
    '3 identical-selectors: Same selectors (VMI app=db) as b-web (this file): between them, this policy takes precedence only because its name sorts first, so the other one never applies. The docs say identical selectors are not allowed, but nothing rejects them. Make the selectors differ, or merge the policies.',
    '10 identical-selectors: Same selectors (VMI app=db) as a-web (this file): a-web takes precedence only because its name sorts first, so this policy never applies. The docs say identical selectors are not allowed, but nothing rejects them. Make the selectors differ, or merge the policies.',
    '3 shadowed-policy: This policy matches 3 VMIs but wins none: specific takes 3. It never applies there; give it more specific selectors or remove it.',
    '10 shadowed-policy: This policy matches 3 VMIs but wins none: specific takes 3. It never applies there; give it more specific selectors or remove it.',
  ]);
});

test('with the demo data every cluster-based message says it is the demo', () => {
  const { view: v, lines, policies } = view(DATA, policy('zz-db', '{virtualMachineInstanceSelector: {app: db}}'), 'file:///w/p.yaml', DEMO);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [], v);
  assert.deepEqual(diagnostics.map((d) => String(d.message).match(/demo cluster/)?.[0]), ['demo cluster', 'demo cluster']);
  const lenses = getCodeLenses({ uri: 'file:///w/p.yaml', lines }, policies, v);
  assert.deepEqual(lenses.map((l) => l.command?.title), ['matches 3 demo VMIs · wins 0 · loses 3']);
  assert.match(String(lenses[0].command?.tooltip), /^Loses 3 to cluster-db\. Not in the demo cluster yet\. Click/);
});

test('no cluster: the lens offers actions, never numbers; cluster.source none shows nothing', () => {
  const file = model(policy('p', '{}'));
  const none = (reason: string, off = false): ClusterView => ({ status: { source: { kind: 'none', reason, ...(off ? { off } : {}) }, state: { kind: 'disabled' }, counts: { namespaces: 0, vmis: 0, policies: 0 } } });
  const lenses = getCodeLenses({ uri: 'file:///p.yaml', lines: new LineIndex(file.text) }, filePolicies(file, 'file:///p.yaml'), none('no kubeconfig found'));
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [
    ['No cluster', 'migrationpolicy.clusterActions'],
    ['Connect', 'migrationpolicy.selectContext'],
    ['Use a snapshot', 'migrationpolicy.useSnapshot'],
    ['Try the demo', 'migrationpolicy.useDemo'],
  ]);
  assert.match(String(lenses[0].command?.tooltip), /^No cluster data: no kubeconfig found\./);
  assert.deepEqual(getCodeLenses({ uri: 'file:///p.yaml', lines: new LineIndex(file.text) }, filePolicies(file, 'file:///p.yaml'), none('turned off', true)), []);
});

test('what-if rule: a policy the API server would reject and an earlier duplicate take no part', () => {
  const bad = policy('bad', '{virtualMachineInstanceSelector: {app: db}}') + '  completionTimeoutPerGiB: -5\n';
  const a = { uri: 'file:///w/a.yaml', file: model(`${bad}---\n${policy('twice', '{virtualMachineInstanceSelector: {app: web}}')}`), name: 'a.yaml' };
  const b = { uri: 'file:///w/b.yaml', file: model(policy('twice', '{virtualMachineInstanceSelector: {app: db}}')), name: 'b.yaml' };
  const chosen = selectWhatIfPolicies([b, a], {});
  assert.deepEqual(chosen.policies.map((p) => `${p.name} ${p.origin.kind === 'workspace' ? p.origin.uri : ''}`), ['twice file:///w/b.yaml']);
  assert.deepEqual([...chosen.leftOut].map(([p, why]) => `${p.name}: ${why}`), ['bad: it has 1 error the API server would reject', 'twice: twice at b.yaml:4 counts instead (the last definition wins)']);
  const { view: v, lines, policies } = view(DATA, bad);
  const lenses = getCodeLenses({ uri: 'file:///w/p.yaml', lines }, policies, v);
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.tooltip]), [['Not evaluated', 'Not part of the what-if evaluation: it has 1 error the API server would reject.']]);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, [], v).map((d) => d.code), ['identical-selectors']);
});

test('duplicate names across files point at the other file', () => {
  const { view: v, file, lines } = view(DATA, policy('shared', '{}'));
  const others = [{ info: { ...DATA.policies[0], name: 'shared', origin: { kind: 'workspace' as const, uri: 'file:///w/q.yaml' } }, location: 'q.yaml:4' }];
  const diagnostics = getCrossPolicyDiagnostics({ lines }, filePolicies(file, 'file:///w/p.yaml'), others, v);
  assert.deepEqual(diagnostics.map((d) => d.code), ['duplicate-name']);
  assert.match(String(diagnostics[0].message), /\(q\.yaml:4\)/);
});

test('lens titles: matches, wins, losses, and the what-if delta', () => {
  const { view: v, lines, policies } = view(DATA, policy('a-db', '{virtualMachineInstanceSelector: {app: db}}'));
  const lenses = getCodeLenses({ uri: 'file:///w/p.yaml', lines }, policies, v);
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.tooltip]), [
    [0, 'matches 3 VMIs · wins 3', 'migrationpolicy.showMatches', 'Not in the cluster yet; if applied: +3 VMIs from cluster-db. Click for the list of VMIs.'],
  ]);
  const edited = view(DATA, policy('cluster-db', '{virtualMachineInstanceSelector: {app: web}}'));
  assert.deepEqual(getCodeLenses({ uri: 'file:///w/p.yaml', lines: edited.lines }, edited.policies, edited.view).map((l) => [l.command?.title, l.command?.tooltip]), [
    ['matches 1 VMI · wins 1', 'Against the version in the cluster: +1 VMI from cluster defaults, \u22123 VMIs to cluster defaults. Click for the list of VMIs.'],
    ['in the cluster: wins 3', 'Against the version in the cluster: +1 VMI from cluster defaults, \u22123 VMIs to cluster defaults. Click for the list of VMIs.'],
  ]);
  assert.equal(matchTitle({ matched: 0, won: 0, lostTo: new Map(), atMigration: { targetNode: 'node-2', vmis: 4 } }), 'matches no VMI now · 4 VMIs while migrating to node-2');
  assert.equal(matchTitle({ matched: 10, won: 1, lostTo: new Map([['b', 2], ['a', 2], ['c', 5]]) }), 'matches 10 VMIs · wins 1 · loses 9');
});

test('without data the lens shows the source state', () => {
  const file = model(policy('p', '{}'));
  const status: ClusterStatus = { source: { kind: 'kube', context: 'prod', server: 'https://k' }, state: { kind: 'forbidden', message: 'x', verb: 'list', resource: 'virtualmachineinstances.kubevirt.io' }, counts: { namespaces: 0, vmis: 0, policies: 0 } };
  const lenses = getCodeLenses({ uri: 'file:///p.yaml', lines: new LineIndex(file.text) }, filePolicies(file, 'file:///p.yaml'), { status });
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [['Cluster prod: forbidden (403): cannot list virtualmachineinstances.kubevirt.io', 'migrationpolicy.refreshCluster']]);
});

test('a dump of cluster state is not a workspace file: its policies stay out', () => {
  const dump = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- ${policy('p', '{}').replace(/\n/g, '\n  ').trimEnd()}\n`;
  assert.deepEqual(filePolicies(model(dump), 'file:///cluster.yaml'), []);
  const list = `apiVersion: v1\nkind: List\nitems:\n- ${policy('p', '{}').replace(/\n/g, '\n  ').trimEnd()}\n`;
  assert.deepEqual(filePolicies(model(list), 'file:///list.yaml').map((p) => p.info.name), ['p']);
});

test('a policy without a name gets a lens saying why it is not evaluated', () => {
  const text = `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {}\n---\n${policy('named', '{virtualMachineInstanceSelector: {app: web}}')}`;
  const { view: v, file, lines, policies } = view(DATA, text);
  const lenses = getCodeLenses({ uri: 'file:///w/p.yaml', lines }, policies, v, unnamedPolicies(file));
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
    [0, 'Not evaluated: no name'],
    [5, 'matches 1 VMI · wins 1'],
  ]);
});

test('a selector shared by 300 policies: each names three twins and how many more, and the one that sorts first wins', () => {
  const text = Array.from({ length: 300 }, (_, i) => policy(`p${String(i).padStart(3, '0')}`, '{virtualMachineInstanceSelector: {app: web}}')).join('---\n');
  const { view: v, file, lines } = view(DATA, text);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, filePolicies(file, 'file:///w/p.yaml'), [], v).filter((d) => d.code === 'identical-selectors');
  assert.equal(diagnostics.length, 300);
  assert.match(String(diagnostics[0].message), /as p001 \(this file\), p002 \(this file\), p003 \(this file\) and 296 more: between them, this policy takes precedence only because its name sorts first, so the others never apply\./);
  assert.match(String(diagnostics[299].message), /as p000 \(this file\), p001 \(this file\), p002 \(this file\) and 296 more: p000 takes precedence only because its name sorts first, so this policy never applies\./);
});

test('with a memo, cross-policy diagnostics equal a fresh computation, also after the policies moved', () => {
  const docs = [policy('zz-db', '{virtualMachineInstanceSelector: {app: db}}'), policy('dup', '{}'), policy('dup', '{namespaceSelector: {env: prod}}')];
  const memo = new Map();
  let { view: v, file, lines } = view(DATA, docs.join('---\n'));
  const others = [{ info: { ...DATA.policies[0], name: 'zz-db', origin: { kind: 'workspace' as const, uri: 'file:///w/q.yaml' } }, location: 'q.yaml:4' }];
  const fresh = () => getCrossPolicyDiagnostics({ lines }, filePolicies(file, 'file:///w/p.yaml'), others, v);
  const memoised = () => findCrossPolicyDiagnostics({ lines }, filePolicies(file, 'file:///w/p.yaml'), listLookup(others, DATA.policies), v, memo);
  assert.deepEqual(memoised(), fresh());
  assert.equal(memo.size, 3);
  ({ view: v, file, lines } = view(DATA, `# moved\n# down\n${docs.join('---\n')}`));
  assert.deepEqual(memoised(), fresh());
  assert.equal(memo.size, 3, 'the same policies are not judged again');
});
