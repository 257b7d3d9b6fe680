// The VM's side against a real kube-apiserver: VMIs whose status.migrationState is written through
// the status subresource in both release shapes (≤ v1.8 MigrationConfiguration, ≥ v1.9
// VMIMConfigurationOptions), a renamed policy, a VMI whose labels change after its migration. Full
// VMI reads are paged; the CLI's `drift --cluster kube` and the server's migrationpolicy.drift agree;
// a VM manifest's lens uses the cluster's namespace labels and policies. Skipped without the binary.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import { main } from '../../server/src/cli';
import { computeDrift } from '../../server/src/cluster/drift';
import { LiveClusterSource } from '../../server/src/cluster/live';
import type { RequestInfo } from '../../server/src/cluster/live';
import { migrationRecordFromObject } from '../../server/src/cluster/objects';
import type { DriftAnswer, VmiPolicyReport } from '../../server/src/protocol';
import { apiServerMissing, startTestCluster } from '../support/apiserver';
import type { TestCluster } from '../support/apiserver';
import { DEFAULT_CAPABILITIES, startClient } from '../support/lspClient';
import { until } from '../support/wait';

const missing = apiServerMissing();
const skip = missing && !process.env.CI ? `real cluster tests skipped: ${missing}` : false;
const capabilities = { ...DEFAULT_CAPABILITIES, workspace: { ...DEFAULT_CAPABILITIES.workspace, codeLens: { refreshSupport: true } } };

// ≤ v1.8: the cluster-wide MigrationConfiguration (defaults filled in) with the policy's fields on top.
const V18 = { parallelMigrationsPerCluster: 5, parallelOutboundMigrationsPerNode: 2, nodeDrainTaintKey: 'kubevirt.io/drain', progressTimeout: 150, bandwidthPerMigration: '0Mi', completionTimeoutPerGiB: 100, allowAutoConverge: false, allowPostCopy: false };
// ≥ v1.9: VMIMConfigurationOptions, always written.
const V19 = { bandwidthPerMigration: '64Mi', completionTimeoutPerGiB: 150, allowAutoConverge: false, allowPostCopy: true, allowWorkloadDisruption: true, maxDowntimeMs: 900 };

describe('the VM side against a real kube-apiserver', () => {
  let cluster: TestCluster;
  const vmiPath = (ns: string, name = '') => `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances${name ? `/${name}` : ''}`;
  async function migratedVmi(ns: string, name: string, labels: Record<string, string>, migrationState: Record<string, unknown>): Promise<void> {
    const created = await cluster.request('POST', vmiPath(ns), { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name, labels }, spec: { domain: { memory: { guest: '2Gi' }, devices: {} } } });
    // The status subresource: a POST drops status, only PUT …/status writes it.
    await cluster.request('PUT', `${vmiPath(ns, name)}/status`, { ...created, status: { migrationState } });
  }

  before(async () => {
    if (skip) return;
    if (missing) throw new Error(`CI needs the real cluster: ${missing}`);
    cluster = await startTestCluster();
    // A policy that is then renamed: VMIs migrated under gold-v1, which is deleted and recreated as gold-v2.
    const policies = '/apis/migrations.kubevirt.io/v1alpha1/migrationpolicies';
    await cluster.request('POST', policies, { apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name: 'gold-v1' }, spec: { selectors: { virtualMachineInstanceSelector: { tier: 'platinum' } }, allowPostCopy: true } });
    await migratedVmi('prod', 'renamed', { tier: 'platinum' }, { migrationPolicyName: 'gold-v1', completed: true, mode: 'PostCopy', endTimestamp: '2026-11-20T08:00:00Z', migrationConfiguration: V19 });
    await cluster.request('DELETE', `${policies}/gold-v1`);
    await cluster.request('POST', policies, { apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name: 'gold-v2' }, spec: { selectors: { virtualMachineInstanceSelector: { tier: 'platinum' } }, allowPostCopy: true } });
    await migratedVmi('prod', 'v19-same', { tier: 'gold' }, { migrationPolicyName: 'gold', completed: true, migrationConfiguration: V19 });
    await migratedVmi('dev', 'v18-web', { app: 'web' }, { migrationPolicyName: 'web', failed: true, failureReason: 'migration timed out', migrationConfiguration: V18 });
    await migratedVmi('prod', 'relabelled', { tier: 'gold' }, { migrationPolicyName: 'gold', completed: true, migrationConfiguration: V19 });
    // The labels change after the migration: gold no longer matches, the catch-all `everything` wins now.
    await cluster.request('PATCH', vmiPath('prod', 'relabelled'), { metadata: { labels: { tier: 'silver' } } });
  });
  after(async () => cluster?.stop());

  test('full VMI reads are paged (limit 2: 5 pages for 9 VMIs) and keep only the migration state, in both shapes', { skip }, async () => {
    const source = new LiveClusterSource({ kubeconfig: cluster.kubeconfig.admin, watch: false, timeoutMs: 10_000 });
    const requests: RequestInfo[] = [];
    source.onRequest((r) => requests.push(r));
    const { items, read, pages } = await source.readFullVmis(migrationRecordFromObject, 2);
    assert.equal(read, 9);
    assert.equal(pages, 5);
    assert.deepEqual(requests.map((r) => r.path.replace(/continue=[^&]+/, 'continue=…')), [
      '/apis/kubevirt.io/v1/virtualmachineinstances?limit=2',
      ...Array.from({ length: 4 }, () => '/apis/kubevirt.io/v1/virtualmachineinstances?limit=2&continue=…'),
    ]);
    assert.deepEqual(items.map((r) => [r.namespace, r.name, r.policy, r.configuration, r.outcome]).sort(), [
      ['dev', 'v18-web', 'web', 'v1.8', 'failed'],
      ['prod', 'relabelled', 'gold', 'v1.9', 'succeeded'],
      ['prod', 'renamed', 'gold-v1', 'v1.9', 'succeeded'],
      ['prod', 'v19-same', 'gold', 'v1.9', 'succeeded'],
    ]);
    assert.deepEqual(items.find((r) => r.name === 'relabelled')?.labels, { tier: 'silver' });
    source.stop();
  });

  test('`drift --cluster kube` and the server\'s migrationpolicy.drift agree; the lens and explainVmi follow a label change', { skip }, async () => {
    const previous = process.env.KUBECONFIG;
    process.env.KUBECONFIG = cluster.kubeconfig.admin;
    let out = '';
    let err = '';
    let status: number;
    try {
      status = await main(['drift', '--cluster', 'kube', '--format', 'json', '--page-size', '3'], { out: (s) => (out += s), err: (s) => (err += s) });
    } finally {
      if (previous === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = previous;
    }
    assert.equal(err, '');
    assert.equal(status, 1);
    const fromCli = JSON.parse(out);
    assert.deepEqual(fromCli, {
      migrated: 4, consistent: 2, undetermined: 0,
      groups: [
        { recorded: 'gold-v1', exists: false, vmis: [{ namespace: 'prod', name: 'renamed', recorded: 'gold-v1', now: 'gold-v2', kind: 'policy-gone', outcome: 'succeeded', mode: 'PostCopy', endTimestamp: '2026-11-20T08:00:00Z' }] },
        { recorded: 'gold', exists: true, vmis: [{ namespace: 'prod', name: 'relabelled', recorded: 'gold', now: 'everything', kind: 'other-policy-wins', outcome: 'succeeded' }] },
      ],
    });

    const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'kube', kubeconfig: cluster.kubeconfig.admin } } });
    try {
      await client.waitForStatus((s) => s.state.kind === 'ready');
      const answer = (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.drift', arguments: [{ pageSize: 3 }] })) as DriftAnswer;
      assert.equal(answer.error, undefined);
      assert.deepEqual(answer.report, fromCli);
      assert.deepEqual([answer.read, answer.pages], [9, 3]);

      // A VM manifest in the workspace: namespace labels (env=prod) and policies come from the cluster.
      const uri = 'file:///workspace/vm.yaml';
      const vm = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: db\n  namespace: prod\nspec:\n  template:\n    metadata:\n      labels:\n        tier: gold\n';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: vm } });
      const lens = async () => ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[]).map((l) => l.command?.title);
      assert.deepEqual(await lens(), ['migrates under gold · 2 labels matched · next: everything']);

      // The cluster VMI's labels change again: explainVmi follows over watch, and so does drift.
      const explain = async () => (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.explainVmi', arguments: [{ namespace: 'prod', name: 'relabelled' }] })) as VmiPolicyReport;
      assert.equal((await explain()).winner, 'everything');
      await cluster.request('PATCH', vmiPath('prod', 'relabelled'), { metadata: { labels: { tier: 'gold' } } });
      const report = await until('the label change to arrive over watch', async () => {
        const r = await explain();
        return r.winner === 'gold' ? r : undefined;
      });
      assert.deepEqual(report.policies.filter((p) => p.matches).map((p) => [p.name, p.total]), [['gold', 2], ['everything', 0]]);
      const after = (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.drift', arguments: [{}] })) as DriftAnswer;
      assert.deepEqual([after.report?.consistent, after.report?.groups.map((g) => g.recorded)], [3, ['gold-v1']]);
      // The same records, computed directly, agree with the server.
      const source = new LiveClusterSource({ kubeconfig: cluster.kubeconfig.admin, watch: false });
      const data = await source.loadOnce();
      const { items } = await source.readFullVmis(migrationRecordFromObject);
      assert.deepEqual(computeDrift(items, data.policies, data.namespaces, data.kubevirt?.version), after.report);
      source.stop();
    } finally {
      await client.stop();
    }
  });
});
