// Edges of features/crossPolicy.ts for mutation testing (issue 16): every other place of a duplicated name
// and every cluster twin of a selector group is listed, a policy's memo key tells selectors apart, a view
// without an inventory or without the policy in its evaluation, the order of the shadowed-policy takers
// (most VMIs first, then by name), and which policies are the same one (isSamePolicy).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus, PolicyInfo } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies, selectWhatIfPolicies } from '../../server/src/features/clusterView';
import type { ClusterView, FilePolicy } from '../../server/src/features/clusterView';
import { FileCrossPolicy, getCrossPolicyDiagnostics, isSamePolicy, listLookup } from '../../server/src/features/crossPolicy';
import type { OtherPolicy } from '../../server/src/features/crossPolicy';
import { model } from '../support/fixture';

const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };
const URI = 'file:///w/p.yaml';
const policy = (name: string, selectors: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n`;
const DB = '{virtualMachineInstanceSelector: {app: db}}';
const WEB = '{virtualMachineInstanceSelector: {app: web}}';

function parsed(text: string): { lines: LineIndex; policies: FilePolicy[] } {
  const file = model(text);
  return { lines: new LineIndex(file.text), policies: filePolicies(file, URI) };
}

function evaluated(data: ClusterData, text: string, withPolicies = true): { view: ClusterView; lines: LineIndex; policies: FilePolicy[] } {
  const file = model(text);
  const inventory = new Inventory(data);
  const policies = filePolicies(file, URI);
  const chosen = selectWhatIfPolicies([{ uri: URI, file, name: 'p.yaml' }], {}, () => policies);
  const evaluation = withPolicies ? inventory.evaluate().withPolicies(chosen.policies) : inventory.evaluate();
  return { view: { status: READY, inventory, evaluation, leftOut: chosen.leftOut }, lines: new LineIndex(file.text), policies };
}

const clusterPolicy = (name: string, vmiSelector: Record<string, string>): PolicyInfo => ({ name, hasSelectors: true, namespaceSelector: {}, vmiSelector, spec: {}, origin: { kind: 'cluster' } });
const other = (name: string, location: string, selectors: Record<string, string> = { app: name }): OtherPolicy => ({ info: { name, hasSelectors: true, namespaceSelector: {}, vmiSelector: selectors, spec: {}, origin: { kind: 'workspace', uri: `file:///w/${location}` } }, location });
const messages = (ds: { code?: unknown; message: unknown }[]) => ds.map((d) => `${String(d.code)}: ${String(d.message)}`);

test('duplicate name: this file first, then every other file where the name is written, comma separated', () => {
  const { lines, policies } = parsed(`${policy('dup', DB)}---\n${policy('dup', WEB)}`);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [other('dup', 'a.yaml:4'), other('dup', 'b.yaml:9')], undefined);
  const text = 'duplicate-name: Another MigrationPolicy is named dup (this file, a.yaml:4, b.yaml:9). Policies are cluster-scoped, so applying both leaves only the one applied last. Rename one of them.';
  assert.deepEqual(messages(diagnostics), [text, text]);
});

test('identical selectors: every cluster policy with those selectors is a twin, not only the last one indexed', () => {
  const data: ClusterData = { namespaces: [{ name: 'ns', labels: {} }], vmis: [], policies: [clusterPolicy('c1', { app: 'db' }), clusterPolicy('c2', { app: 'db' })] };
  const { view, lines, policies } = evaluated(data, policy('zz', DB));
  assert.deepEqual(messages(getCrossPolicyDiagnostics({ lines }, policies, [], view)), [
    'identical-selectors: Same selectors as c1, c2 (the cluster): c1 takes precedence only because its name sorts first, so this policy never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
  ]);
});

test('FileCrossPolicy: two policies of one name with different selectors are judged apart (the memo key holds the selectors)', () => {
  const { lines, policies } = parsed(`${policy('a', DB)}---\n${policy('a', WEB)}---\n${policy('b', DB)}`);
  const lookup = listLookup([]);
  const workspace = { generation: 1, elsewhere: 0, changedSince: () => undefined };
  const scratch = getCrossPolicyDiagnostics({ lines }, policies, [], undefined);
  const incremental = new FileCrossPolicy().diagnostics({ lines }, policies, lookup, undefined, workspace);
  assert.deepEqual(incremental, scratch);
  assert.deepEqual(incremental.map((d) => `${d.range.start.line} ${String(d.code)}`), ['3 duplicate-name', '10 duplicate-name', '3 identical-selectors', '17 identical-selectors']);
});

test('a cluster view without an inventory yet: the workspace checks still run', () => {
  const { lines, policies } = parsed(`${policy('dup', DB)}---\n${policy('dup', DB)}`);
  const view: ClusterView = { status: { ...READY, state: { kind: 'loading' } } as ClusterStatus };
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [], view);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line} ${String(d.code)}`), ['3 duplicate-name', '10 duplicate-name']);
});

test('an evaluation that does not hold the file\'s policy: no shadowed-policy verdict, and no failure', () => {
  const data: ClusterData = { namespaces: [{ name: 'ns', labels: {} }], vmis: [{ namespace: 'ns', name: 'a', labels: { app: 'db' } }], policies: [clusterPolicy('c', { app: 'db', x: 'y' })] };
  const { view, lines, policies } = evaluated(data, policy('mine', DB), false);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, [], view), []);
});

test('shadowed policy: the takers by VMIs taken, most first, ties by name', () => {
  // pb takes a and b, pa takes c and d, pd takes e and f, pc takes g, h and i; written in VMI order pb, pa, pd, pc.
  const tiers: [string, string[]][] = [['pb', ['a', 'b']], ['pa', ['c', 'd']], ['pd', ['e', 'f']], ['pc', ['g', 'h', 'i']]];
  const data: ClusterData = {
    namespaces: [{ name: 'ns', labels: {} }],
    vmis: tiers.flatMap(([tier, names]) => names.map((name) => ({ namespace: 'ns', name, labels: { app: 'db', tier } }))),
    policies: tiers.map(([tier]) => clusterPolicy(tier, { app: 'db', tier })),
  };
  const { view, lines, policies } = evaluated(data, policy('loser', DB));
  assert.deepEqual(messages(getCrossPolicyDiagnostics({ lines }, policies, [], view)), [
    'shadowed-policy: This policy matches 9 VMIs but wins none: pc takes 3, pa takes 2, pb takes 2, pd takes 2. It never applies there; give it more specific selectors or remove it.',
  ]);
});

test('isSamePolicy: the same object, or the same file\'s policy of one name and selectors; two cluster objects are not', () => {
  const c = clusterPolicy('c', { app: 'db' });
  assert.equal(isSamePolicy(c, c), true);
  assert.equal(isSamePolicy(c, clusterPolicy('c', { app: 'db' })), false);
  const w = other('w', 'p.yaml:1').info;
  assert.equal(isSamePolicy(w, { ...w }), true);
  assert.equal(isSamePolicy(w, { ...w, vmiSelector: { app: 'x' } }), false);
  assert.equal(isSamePolicy(w, { ...w, origin: { kind: 'workspace', uri: 'file:///w/q.yaml' } }), false);
  assert.equal(isSamePolicy(c, { ...c, origin: { kind: 'workspace', uri: 'file:///w/p.yaml' } }), false);
});
