// Edges of features/codeLens.ts for mutation testing (issue 16), through getCodeLenses only (the lens code is
// being reworked for speed; these pin what a client sees): the commands and arguments of lenses without an
// action, a policy whose name the evaluation knows only from another policy, an evaluation without the policy,
// a view without an inventory, a file version equal to the cluster's, the demo's "before" lens, a new policy
// taking VMIs from two others, a stale cluster, and the order of the losses in the tooltip.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-types';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus, PolicyInfo } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies, selectWhatIfPolicies, unnamedPolicies } from '../../server/src/features/clusterView';
import type { ClusterView, FilePolicy } from '../../server/src/features/clusterView';
import { getCodeLenses } from '../../server/src/features/codeLens';
import { model } from '../support/fixture';

const URI = 'file:///w/p.yaml';
const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };
const DEMO: ClusterStatus = { source: { kind: 'snapshot', path: '/x/examples/cluster.yaml', demo: true }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };
const policy = (name: string, selectors: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n`;
const clusterPolicy = (name: string, vmiSelector: Record<string, string>, namespaceSelector: Record<string, string> = {}): PolicyInfo => ({ name, hasSelectors: true, namespaceSelector, vmiSelector, spec: {}, origin: { kind: 'cluster' } });
const DATA: ClusterData = {
  namespaces: [{ name: 'ns', labels: { 'kubernetes.io/metadata.name': 'ns', env: 'prod', team: 'x' } }],
  vmis: ['a', 'b', 'c', 'd'].map((name, i) => ({ namespace: 'ns', name, labels: { app: i < 3 ? 'db' : 'web' } })),
  policies: [clusterPolicy('cluster-db', { app: 'db' })],
};

interface Built { lines: LineIndex; policies: FilePolicy[]; inventory: Inventory; chosen: PolicyInfo[]; unnamed: ReturnType<typeof unnamedPolicies> }
function build(data: ClusterData, text: string): Built {
  const file = model(text);
  const inventory = new Inventory(data);
  const policies = filePolicies(file, URI);
  const chosen = selectWhatIfPolicies([{ uri: URI, file, name: 'p.yaml' }], {}, () => policies).policies;
  return { lines: new LineIndex(file.text), policies, inventory, chosen, unnamed: unnamedPolicies(file) };
}
const lensesOf = (b: Built, view: ClusterView) => getCodeLenses({ lines: b.lines }, b.policies, view, b.unnamed);
const rows = (lenses: CodeLens[]) => lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.tooltip, l.command?.arguments]);

test('lenses without an action: an unnamed policy\'s and a left-out policy\'s have no command; the no-cluster actions take no arguments', () => {
  const b = build(DATA, `${policy('mine', '{}')}---\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec: {}\n`);
  const none: ClusterView = { status: { source: { kind: 'none', reason: 'no kubeconfig found' }, state: { kind: 'disabled' }, counts: { namespaces: 0, vmis: 0, policies: 0 } } };
  const lenses = lensesOf(b, none);
  // Sorted by line: the named policy's four lenses first, then the unnamed one's.
  assert.equal(lenses.length, 5);
  assert.deepEqual(lenses[4].command, { title: 'Not evaluated: no name', command: '', tooltip: 'A policy needs metadata.name before the API server accepts it; then this lens shows which VMIs it matches and wins.' });
  assert.equal(lenses[4].range.start.line, 7);
  // No `arguments` key at all (not even []): JSON.stringify keeps key order, so this is the wire form.
  assert.deepEqual(lenses.slice(0, 4).map((l) => JSON.stringify(l.command)), [
    '{"title":"No cluster","command":"migrationpolicy.clusterActions","tooltip":"No cluster data: no kubeconfig found. Lenses show which VMIs a policy wins once there is cluster data."}',
    '{"title":"Connect","command":"migrationpolicy.selectContext","tooltip":"Read a live cluster through a kubeconfig context"}',
    '{"title":"Use a snapshot","command":"migrationpolicy.useSnapshot","tooltip":"Read a file that kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml printed"}',
    '{"title":"Try the demo","command":"migrationpolicy.useDemo","tooltip":"Use the demo cluster bundled with the extension (made-up VMIs, labelled as the demo)"}',
  ]);
  const evaluation = b.inventory.evaluate().withPolicies(b.chosen);
  const left: ClusterView = { status: READY, inventory: b.inventory, evaluation, leftOut: new Map([[b.policies[0].info, 'it has 1 error the API server would reject']]) };
  assert.deepEqual(rows(lensesOf(b, left)).filter((r) => r[0] === 0), [[0, 'Not evaluated', '', 'Not part of the what-if evaluation: it has 1 error the API server would reject.', undefined]]);
});

test('an evaluation that knows the name only from another policy (the cluster\'s version, other selectors) shows no numbers', () => {
  const b = build(DATA, policy('cluster-db', '{virtualMachineInstanceSelector: {app: web}}'));
  const evaluation = b.inventory.evaluate();
  assert.deepEqual(lensesOf(b, { status: READY, inventory: b.inventory, evaluation }), []);
  const loading: ClusterStatus = { ...READY, state: { kind: 'loading' } };
  assert.deepEqual(rows(lensesOf(b, { status: loading, inventory: b.inventory, evaluation })), [[0, 'Cluster dev: loading', 'migrationpolicy.refreshCluster', 'Click to load the cluster data again', undefined]]);
});

test('an evaluation without the policy at all, with a ready cluster: no lens and no failure', () => {
  const b = build(DATA, policy('mine', '{virtualMachineInstanceSelector: {app: db}}'));
  assert.deepEqual(lensesOf(b, { status: READY, inventory: b.inventory, evaluation: b.inventory.evaluate() }), []);
});

test('a view with an evaluation but no inventory: the numbers and losses, without the comparison with the cluster', () => {
  const b = build(DATA, policy('mine', '{virtualMachineInstanceSelector: {app: db}}'));
  const evaluation = b.inventory.evaluate().withPolicies(b.chosen);
  assert.deepEqual(rows(lensesOf(b, { status: READY, evaluation })), [
    [0, 'matches 3 VMIs · wins 0 · loses 3', 'migrationpolicy.showMatches', 'Loses 3 to cluster-db. Click for the list of VMIs.', ['mine']],
  ]);
});

test('a file version equal to the cluster\'s: one lens, no comparison', () => {
  const b = build(DATA, policy('cluster-db', '{virtualMachineInstanceSelector: {app: db}}'));
  const evaluation = b.inventory.evaluate().withPolicies(b.chosen);
  assert.deepEqual(rows(lensesOf(b, { status: READY, inventory: b.inventory, evaluation })), [
    [0, 'matches 3 VMIs · wins 3', 'migrationpolicy.showMatches', 'Click for the list of VMIs.', ['cluster-db']],
  ]);
});

test('the demo: a changed version gets a lens with what the demo\'s version wins', () => {
  const b = build(DATA, policy('cluster-db', '{virtualMachineInstanceSelector: {app: web}}'));
  const evaluation = b.inventory.evaluate().withPolicies(b.chosen);
  const tooltip = 'Against the version in the demo cluster: +1 VMI from cluster defaults, \u22123 VMIs to cluster defaults. Click for the list of VMIs.';
  assert.deepEqual(rows(lensesOf(b, { status: DEMO, inventory: b.inventory, evaluation })), [
    [0, 'matches 1 demo VMI · wins 1', 'migrationpolicy.showMatches', tooltip, ['cluster-db']],
    [0, 'in the demo: wins 3', 'migrationpolicy.showMatches', tooltip, ['cluster-db']],
  ]);
});

test('a new policy taking VMIs from two others: each named in the tooltip, comma separated', () => {
  const data: ClusterData = { ...DATA, policies: [clusterPolicy('c1', { app: 'db' }), clusterPolicy('c2', { app: 'web' })] };
  const b = build(data, policy('new', '{namespaceSelector: {env: prod, team: x}}'));
  const evaluation = b.inventory.evaluate().withPolicies(b.chosen);
  assert.deepEqual(rows(lensesOf(b, { status: READY, inventory: b.inventory, evaluation })), [
    [0, 'matches 4 VMIs · wins 4', 'migrationpolicy.showMatches', 'Not in the cluster yet; if applied: +3 VMIs from c1, +1 VMI from c2. Click for the list of VMIs.', ['new']],
  ]);
});

test('a stale cluster: the numbers, then the state with a click to load again', () => {
  const b = build(DATA, policy('cluster-db', '{virtualMachineInstanceSelector: {app: db}}'));
  const evaluation = b.inventory.evaluate().withPolicies(b.chosen);
  const stale: ClusterStatus = { ...READY, state: { kind: 'stale', reason: 'watch closed' } };
  assert.deepEqual(rows(lensesOf(b, { status: stale, inventory: b.inventory, evaluation })), [
    [0, 'matches 3 VMIs · wins 3', 'migrationpolicy.showMatches', 'Click for the list of VMIs.', ['cluster-db']],
    [0, 'cluster dev: stale (watch closed)', 'migrationpolicy.refreshCluster', 'Click to load the cluster data again', undefined],
  ]);
});

test('the tooltip names who takes the VMIs, most first, ties by name', () => {
  const tiers: [string, string[]][] = [['pb', ['a', 'b']], ['pa', ['c', 'd']], ['pd', ['e', 'f']], ['pc', ['g', 'h', 'i']]];
  const data: ClusterData = {
    namespaces: [{ name: 'ns', labels: {} }],
    vmis: tiers.flatMap(([tier, names]) => names.map((name) => ({ namespace: 'ns', name, labels: { app: 'db', tier } }))),
    policies: tiers.map(([tier]) => clusterPolicy(tier, { app: 'db', tier })),
  };
  const b = build(data, policy('loser', '{virtualMachineInstanceSelector: {app: db}}'));
  const evaluation = b.inventory.evaluate().withPolicies(b.chosen);
  const [lens] = lensesOf(b, { status: READY, inventory: b.inventory, evaluation });
  assert.equal(lens.command?.title, 'matches 9 VMIs · wins 0 · loses 9');
  assert.equal(lens.command?.tooltip, 'Loses 3 to pc, 2 to pa, 2 to pb, 2 to pd. Not in the cluster yet. Click for the list of VMIs.');
});
