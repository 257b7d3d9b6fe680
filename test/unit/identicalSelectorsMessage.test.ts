// The identical-selectors message names each place once for a run of twins written there, and the
// count of the twins it does not name.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies } from '../../server/src/features/clusterView';
import { getCrossPolicyDiagnostics } from '../../server/src/features/crossPolicy';
import { model } from '../support/fixture';

const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 0, policies: 1 } };
const policy = (name: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: {virtualMachineInstanceSelector: {app: db}}\n`;
const DATA: ClusterData = { namespaces: [{ name: 'ns', labels: {} }], vmis: [], policies: [{ name: 'a-cluster', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db' }, spec: {}, origin: { kind: 'cluster' } }] };

test('twins in another file, the cluster and this file: each place said once per run of names', () => {
  const text = ['mm', 'nn', 'oo'].map(policy).join('---\n');
  const file = model(text);
  const other = (name: string, line: number) => ({ info: { ...DATA.policies[0], name, origin: { kind: 'workspace' as const, uri: 'file:///w/q.yaml' } }, location: `q.yaml:${line}` });
  const inventory = new Inventory(DATA);
  const messages = getCrossPolicyDiagnostics({ lines: new LineIndex(text) }, filePolicies(file, 'file:///w/p.yaml'), [other('z', 4)], { status: READY, inventory }).map((d) => d.message);
  assert.deepEqual(messages, [
    'Same selectors as z (q.yaml:4), a-cluster (the cluster), nn (this file) and 1 more: a-cluster takes precedence only because its name sorts first, so this policy never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
    'Same selectors as z (q.yaml:4), a-cluster (the cluster), mm (this file) and 1 more: a-cluster takes precedence only because its name sorts first, so this policy never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
    'Same selectors as z (q.yaml:4), a-cluster (the cluster), mm (this file) and 1 more: a-cluster takes precedence only because its name sorts first, so this policy never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
  ]);
  const twoHere = getCrossPolicyDiagnostics({ lines: new LineIndex(text) }, filePolicies(file, 'file:///w/p.yaml'), [], undefined).map((d) => String(d.message).replace(/:.*/, ''));
  assert.deepEqual(twoHere, ['Same selectors as nn, oo (this file)', 'Same selectors as mm, oo (this file)', 'Same selectors as mm, nn (this file)']);
});
