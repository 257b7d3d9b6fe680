// The editor features against a real kube-apiserver: the language server reads the cluster through a
// kubeconfig and shows lens titles, follows a VMI label change over watch, names the forbidden state
// of an RBAC-limited user, and validates against the KubeVirt CR's feature gates; `migrationpolicy
// match --cluster kube` prints the JSON contract. Skipped without the cached binary (fails in CI).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/fixture';
import { apiServerMissing, startTestCluster } from '../support/apiserver';
import type { TestCluster } from '../support/apiserver';
import { DEFAULT_CAPABILITIES, startClient } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';
import { until } from '../support/wait';

const missing = apiServerMissing();
const skip = missing && !process.env.CI ? `real cluster tests skipped: ${missing}` : false;
const capabilities = { ...DEFAULT_CAPABILITIES, workspace: { ...DEFAULT_CAPABILITIES.workspace, codeLens: { refreshSupport: true } } };

const GOLD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: gold\nspec:\n  selectors:\n    namespaceSelector:\n      env: prod\n    virtualMachineInstanceSelector:\n      tier: gold\n  maxDowntimeMs: 300\n';

async function lenses(client: TestClient, uri: string): Promise<string[]> {
  const result = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  return result.map((l) => String(l.command?.title));
}

describe('editor features against a real kube-apiserver', () => {
  let cluster: TestCluster;
  before(async () => {
    if (skip) return;
    if (missing) throw new Error(`CI needs the real cluster: ${missing}`);
    cluster = await startTestCluster();
  });
  after(async () => cluster?.stop());

  test('lens titles, a label change over watch, and the feature gates of the KubeVirt CR', { skip }, async () => {
    const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'kube', kubeconfig: cluster.kubeconfig.admin } } });
    try {
      const ready = (await client.waitForStatus((s) => s.state.kind === 'ready')) as { counts: unknown; source: { kind: string; context: string } };
      assert.deepEqual(ready.counts, { namespaces: 7, vmis: 5, policies: 4 });
      assert.equal(ready.source.kind, 'kube');
      const uri = 'file:///workspace/gold.yaml';
      const published = client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: GOLD } });
      const diagnostics = (await published).diagnostics as Diagnostic[];
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['feature-gate', 1]], 'the cluster enables neither MigrationStallDetection nor MigrationDowntimeTuning');
      assert.match(String(diagnostics[0].message), /the cluster does not enable/);
      // The webhook would deny this version (a gated field the cluster does not enable): it takes no part in what-if.
      assert.deepEqual(await lenses(client, uri), ['Not evaluated']);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: GOLD.replace('  maxDowntimeMs: 300\n', '') }] });
      assert.deepEqual(await lenses(client, uri), ['matches 2 VMIs · wins 2']);

      await cluster.request('PATCH', '/apis/kubevirt.io/v1/namespaces/prod/virtualmachineinstances/web-1', { metadata: { labels: { tier: 'gold' } } });
      const titles = await until('the lens to follow the label change', async () => {
        const t = await lenses(client, uri);
        return t[0] === 'matches 3 VMIs · wins 3' ? t : undefined;
      });
      assert.deepEqual(titles, ['matches 3 VMIs · wins 3']);
      assert.ok(client.codeLensRefreshes > 0, 'the server asked the client to refresh its lenses');
    } finally {
      await client.stop();
    }
  });

  test('an RBAC-limited user sees the forbidden state, with the verb and resource', { skip }, async () => {
    const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'kube', kubeconfig: cluster.kubeconfig.limited } } });
    try {
      await client.waitForStatus((s) => s.state.kind === 'forbidden');
      const uri = 'file:///workspace/gold.yaml';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: GOLD } });
      const [title] = await lenses(client, uri);
      assert.match(title, /^Cluster limited: forbidden \(403\): cannot list virtualmachineinstances\.kubevirt\.io/);
      assert.doesNotMatch(JSON.stringify(client.statuses), new RegExp(cluster.limitedToken));
    } finally {
      await client.stop();
    }
  });

  test('migrationpolicy match --cluster kube prints the JSON contract', { skip }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-match-'));
    const file = path.join(dir, 'web.yaml');
    fs.writeFileSync(file, 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: web\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: web\n    namespaceSelector:\n      env: dev\n');
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'match', '--cluster', 'kube', '--format', 'json', file], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: cluster.kubeconfig.admin }, timeout: 30000 });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(json), ['vmis', 'policies']);
    // The first test labelled prod/web-1 tier=gold, so gold now wins it.
    assert.deepEqual(json.policies, [
      { name: 'everything', matched: 5, won: 1, lostTo: { gold: 3, web: 1 } },
      { name: 'gold', matched: 3, won: 3, lostTo: {} },
      { name: 'no-selectors', matched: 0, won: 0, lostTo: {} },
      { name: 'web', matched: 1, won: 1, lostTo: {} },
    ]);
    assert.deepEqual(json.vmis.find((v: { namespace: string; name: string }) => v.namespace === 'prod' && v.name === 'web-1'), { namespace: 'prod', name: 'web-1', policy: 'gold' });
    assert.deepEqual(json.vmis.find((v: { namespace: string; name: string }) => v.namespace === 'dev' && v.name === 'web-1'), { namespace: 'dev', name: 'web-1', policy: 'web' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
