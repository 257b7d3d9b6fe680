// Cross-policy diagnostics and code lens titles against a small in-memory cluster.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies } from '../../server/src/features/clusterView';
import type { ClusterView } from '../../server/src/features/clusterView';
import { getCodeLenses, matchTitle } from '../../server/src/features/codeLens';
import { findCrossPolicyDiagnostics, getCrossPolicyDiagnostics, listLookup } from '../../server/src/features/crossPolicy';
import { model } from '../support/fixture';

const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };

function view(data: ClusterData, text: string, uri = 'file:///w/p.yaml'): { view: ClusterView; file: ReturnType<typeof model>; lines: LineIndex } {
  const file = model(text);
  const inventory = new Inventory(data);
  const evaluation = inventory.evaluate().withPolicies(filePolicies(file, uri).map((p) => p.info));
  return { view: { status: READY, inventory, evaluation }, file, lines: new LineIndex(file.text) };
}

const policy = (name: string, selectors: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n`;
const DATA: ClusterData = {
  namespaces: [{ name: 'ns', labels: { 'kubernetes.io/metadata.name': 'ns', env: 'prod' } }],
  vmis: ['a', 'b', 'c', 'd'].map((name, i) => ({ namespace: 'ns', name, labels: { app: i < 3 ? 'db' : 'web' } })),
  policies: [{ name: 'cluster-db', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db' }, spec: {}, origin: { kind: 'cluster' } }],
};

test('identical selectors name the winner by name; a shadowed policy says who takes its VMIs', () => {
  const text = `${policy('zz-db', '{virtualMachineInstanceSelector: {app: db}}')}---\n${policy('dup', '{}')}---\n${policy('dup', '{namespaceSelector: {env: prod}}')}`;
  const { view: v, file, lines } = view(DATA, text);
  const diagnostics = getCrossPolicyDiagnostics(filePolicies(file, 'file:///w/p.yaml'), lines, [], v);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.code}`), [
    '10:8-11 1 duplicate-name',
    '17:8-11 1 duplicate-name',
    '3:8-13 2 identical-selectors',
    '3:8-13 2 shadowed-policy',
  ]);
  assert.equal(diagnostics[2].message, 'Same selectors (VMI app=db) as `cluster-db` (the cluster): `cluster-db` wins every VMI they both match, only because its name sorts first, so this policy never applies where they overlap. The docs say identical selectors are not allowed, but nothing rejects them. Make the selectors differ, or merge the policies.');
  assert.equal(diagnostics[3].message, 'This policy matches 3 VMIs but wins none: `cluster-db` takes 3. It never applies; give it more specific selectors or remove it.');
  assert.match(String(diagnostics[0].message), /Another MigrationPolicy is named `dup` \(this file\)/);
});

test('duplicate names across files point at the other file', () => {
  const { view: v, file, lines } = view(DATA, policy('shared', '{}'));
  const others = [{ info: { ...DATA.policies[0], name: 'shared', origin: { kind: 'workspace' as const, uri: 'file:///w/q.yaml' } }, location: 'q.yaml:4' }];
  const diagnostics = getCrossPolicyDiagnostics(filePolicies(file, 'file:///w/p.yaml'), lines, others, v);
  assert.deepEqual(diagnostics.map((d) => d.code), ['duplicate-name']);
  assert.match(String(diagnostics[0].message), /\(q\.yaml:4\)/);
});

test('lens titles: matches, wins, losses, and the what-if delta', () => {
  const { view: v, file, lines } = view(DATA, policy('a-db', '{virtualMachineInstanceSelector: {app: db}}'));
  const lenses = getCodeLenses('file:///w/p.yaml', filePolicies(file, 'file:///w/p.yaml'), lines, v);
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
    [0, 'matches 3 VMIs · wins 3', 'migrationpolicy.showMatches'],
    [0, 'if applied: +3 VMIs from cluster-db', 'migrationpolicy.showMatches'],
  ]);
  assert.equal(matchTitle({ matched: 0, won: 0, lostTo: new Map(), atMigration: { targetNode: 'node-2', vmis: 4 } }), 'matches no VMI now · 4 VMIs only while migrating to node-2');
  assert.equal(matchTitle({ matched: 10, won: 1, lostTo: new Map([['b', 2], ['a', 2], ['c', 5]]) }), 'matches 10 VMIs · wins 1 · loses 5 to c, 2 to a and 1 more');
});

test('without data the lens shows the source state', () => {
  const file = model(policy('p', '{}'));
  const status: ClusterStatus = { source: { kind: 'kube', context: 'prod', server: 'https://k' }, state: { kind: 'forbidden', message: 'x', verb: 'list', resource: 'virtualmachineinstances.kubevirt.io' }, counts: { namespaces: 0, vmis: 0, policies: 0 } };
  const lenses = getCodeLenses('file:///p.yaml', filePolicies(file, 'file:///p.yaml'), new LineIndex(file.text), { status });
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [['MigrationPolicy: cluster prod: forbidden (403): cannot list virtualmachineinstances.kubevirt.io', 'migrationpolicy.refreshCluster']]);
});

test('a dump of cluster state is not a workspace file: its policies stay out', () => {
  const dump = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- ${policy('p', '{}').replace(/\n/g, '\n  ').trimEnd()}\n`;
  assert.deepEqual(filePolicies(model(dump), 'file:///cluster.yaml'), []);
  const list = `apiVersion: v1\nkind: List\nitems:\n- ${policy('p', '{}').replace(/\n/g, '\n  ').trimEnd()}\n`;
  assert.deepEqual(filePolicies(model(list), 'file:///list.yaml').map((p) => p.info.name), ['p']);
});

test('a selector shared by 300 policies: each names three twins and how many more, and the one that sorts first wins', () => {
  const text = Array.from({ length: 300 }, (_, i) => policy(`p${String(i).padStart(3, '0')}`, '{virtualMachineInstanceSelector: {app: web}}')).join('---\n');
  const { view: v, file, lines } = view(DATA, text);
  const diagnostics = getCrossPolicyDiagnostics(filePolicies(file, 'file:///w/p.yaml'), lines, [], v).filter((d) => d.code === 'identical-selectors');
  assert.equal(diagnostics.length, 300);
  assert.match(String(diagnostics[0].message), /as `p001` \(this file\), `p002` \(this file\), `p003` \(this file\) and 296 more: `p000` wins every VMI they both match, only because its name sorts first\./);
  assert.match(String(diagnostics[299].message), /as `p000` \(this file\), `p001` \(this file\), `p002` \(this file\) and 296 more: `p000` wins every VMI they both match, only because its name sorts first, so this policy never applies/);
});

test('with a memo, cross-policy diagnostics equal a fresh computation, also after the policies moved', () => {
  const docs = [policy('zz-db', '{virtualMachineInstanceSelector: {app: db}}'), policy('dup', '{}'), policy('dup', '{namespaceSelector: {env: prod}}')];
  const memo = new Map();
  let { view: v, file, lines } = view(DATA, docs.join('---\n'));
  const others = [{ info: { ...DATA.policies[0], name: 'zz-db', origin: { kind: 'workspace' as const, uri: 'file:///w/q.yaml' } }, location: 'q.yaml:4' }];
  const fresh = () => getCrossPolicyDiagnostics(filePolicies(file, 'file:///w/p.yaml'), lines, others, v);
  const memoised = () => findCrossPolicyDiagnostics(filePolicies(file, 'file:///w/p.yaml'), lines, listLookup(others, DATA.policies), v, memo);
  assert.deepEqual(memoised(), fresh());
  assert.equal(memo.size, 3);
  ({ view: v, file, lines } = view(DATA, `# moved\n# down\n${docs.join('---\n')}`));
  assert.deepEqual(memoised(), fresh());
  assert.equal(memo.size, 3, 'the same policies are not judged again');
});
