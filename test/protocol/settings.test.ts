// Every setting the server reads, changed over the protocol and seen to take effect, and Restricted
// Mode: with `initializationOptions.clusterAccess` anything but `true` no kubeconfig is read, so its
// exec credential plugin never runs. The plugin here writes a marker file when it runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, Diagnostic, InlayHint } from 'vscode-languageserver-protocol/node';
import { freePort } from '../support/apiserver';
import { repoRoot } from '../support/fixture';
import { DEFAULT_CAPABILITIES, startClient } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';

const capabilities = { ...DEFAULT_CAPABILITIES, workspace: { ...DEFAULT_CAPABILITIES.workspace, codeLens: { refreshSupport: true } } };
const snapshot = path.join(repoRoot, 'examples', 'cluster.yaml');

const POLICY = `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: settings-probe
spec:
  selectors:
    virtualMachineInstanceSelector:
      workload-type: db
  bandwidthPerMigration: 64Mi
  completionTimeoutPerGiB: 150
  maxDowntimeMs: 300
`;
const uri = 'file:///workspace/settings-probe.yaml';

type Status = { source: { kind: string; demo?: boolean; path?: string; context?: string; server?: string }; state: { kind: string; message?: string }; counts: { namespaces: number; vmis: number; policies: number } };

async function open(client: TestClient, text = POLICY): Promise<void> {
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
}

async function diagnostics(client: TestClient): Promise<string[]> {
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
  return report.items.map((d) => `${d.range.start.line}:${d.range.start.character} ${['', 'error', 'warning', 'info', 'hint'][d.severity ?? 0]} ${d.code}`);
}

async function hints(client: TestClient): Promise<string[]> {
  const result = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } })) as InlayHint[];
  return result.map((h) => `${h.position.line}:${h.position.character} ${String(h.label)}`);
}

async function lenses(client: TestClient): Promise<string[]> {
  const result = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  return result.map((l) => `${l.range.start.line}: ${l.command?.title}`);
}

/** Sets the `migrationpolicy` section and tells the server, as an editor does after a settings change. */
async function configure(client: TestClient, settings: Record<string, unknown>): Promise<void> {
  client.settings.migrationpolicy = settings;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
}

/** Polls an async reading until it equals the expected value (settings are applied asynchronously). */
async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  const deadline = Date.now() + 10000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    try {
      assert.deepEqual(last, expected);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  assert.deepEqual(last, expected, what);
}

const pull = { ...capabilities, textDocument: { ...capabilities.textDocument, diagnostic: {} } };

test('kubevirtVersion and featureGates change the diagnostics; clearing them restores the defaults', async () => {
  const client = await startClient(pull, null, { migrationpolicy: { cluster: { source: 'none' } } });
  try {
    await open(client);
    assert.deepEqual(await diagnostics(client), ['10:2 warning feature-gate']);
    await configure(client, { cluster: { source: 'none' }, kubevirtVersion: 'v1.8.0' });
    await eventually(() => diagnostics(client), ['10:2 warning field-too-new', '10:2 warning feature-gate'], 'kubevirtVersion v1.8.0');
    await configure(client, { cluster: { source: 'none' }, featureGates: [] });
    await eventually(() => diagnostics(client), ['10:2 error feature-gate'], 'featureGates []');
    await configure(client, { cluster: { source: 'none' }, featureGates: ['MigrationDowntimeTuning'] });
    await eventually(() => diagnostics(client), [], 'featureGates [MigrationDowntimeTuning]');
    await configure(client, { cluster: { source: 'none' }, featureGates: null, kubevirtVersion: 'main' });
    await eventually(() => diagnostics(client), ['10:2 warning feature-gate'], 'defaults again');
  } finally {
    await client.stop();
  }
});

test('inlayHints.bandwidth and inlayHints.timeout switch their hints off and on', async () => {
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'none' } } });
  try {
    await open(client);
    const bandwidth = '8:29 = 64 MiB/s · 537 Mbit/s';
    const timeout = ['9:30 s/GiB · 8 GiB → 22 min 30 s', '10:20 = 0.3 s'];
    assert.deepEqual(await hints(client), [bandwidth, ...timeout]);
    await configure(client, { cluster: { source: 'none' }, inlayHints: { bandwidth: false } });
    await eventually(() => hints(client), timeout, 'bandwidth off');
    await configure(client, { cluster: { source: 'none' }, inlayHints: { timeout: false } });
    await eventually(() => hints(client), [bandwidth], 'timeout off');
    await configure(client, { cluster: { source: 'none' }, inlayHints: { bandwidth: false, timeout: false } });
    await eventually(() => hints(client), [], 'both off');
    await configure(client, { cluster: { source: 'none' } });
    await eventually(() => hints(client), [bandwidth, ...timeout], 'both on again');
  } finally {
    await client.stop();
  }
});

test('codeLens.enabled hides and shows the lenses; cluster.source and cluster.snapshot pick the data', async () => {
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'snapshot', snapshot }, codeLens: { enabled: false } } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-settings-'));
  try {
    await client.waitForStatus((s) => s.state.kind === 'ready');
    await open(client);
    assert.deepEqual(await lenses(client), []);
    await configure(client, { cluster: { source: 'snapshot', snapshot } });
    // The opened policy has errors the API server would reject, so it takes no part in what-if evaluation.
    const withCluster = ['0: Not evaluated'];
    await eventually(() => lenses(client), withCluster, 'lenses on');

    // Another snapshot file: one namespace, one matching VMI.
    const small = path.join(dir, 'small.yaml');
    fs.writeFileSync(small, 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: prod}\n- apiVersion: kubevirt.io/v1\n  kind: VirtualMachineInstance\n  metadata: {name: db-0, namespace: prod, labels: {workload-type: db}}\n');
    await configure(client, { cluster: { source: 'snapshot', snapshot: small } });
    await eventually(() => lenses(client), ['0: Not evaluated'], 'other snapshot');

    await configure(client, { cluster: { source: 'none', snapshot: small } });
    await client.waitForStatus((s) => s.state.kind === 'disabled');
    await eventually(() => lenses(client), [], 'source none');
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a client without workspace/configuration: initializationOptions.cluster picks the snapshot', async () => {
  const client = await startClient({ textDocument: DEFAULT_CAPABILITIES.textDocument }, null, {}, { cluster: { source: 'snapshot', snapshot } });
  try {
    const ready = (await client.waitForStatus((s) => s.state.kind === 'ready')) as Status;
    assert.deepEqual(ready.source, { kind: 'snapshot', path: snapshot, demo: false });
    assert.deepEqual(ready.counts, { namespaces: 7, vmis: 48, policies: 6 });
  } finally {
    await client.stop();
  }
});

describe('Restricted Mode and the cluster settings that reach a cluster', () => {
  let dir: string;
  let kubeconfig: string;
  let marker: string;
  let server: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-trust-'));
    kubeconfig = path.join(dir, 'config');
    marker = path.join(dir, 'exec-plugin-ran');
    server = `https://127.0.0.1:${await freePort()}`;
    const plugin = path.join(dir, 'plugin.js');
    fs.writeFileSync(plugin, `require('fs').appendFileSync(${JSON.stringify(marker)}, 'ran\\n');\nprocess.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'plugin-token-7f3a' } }));\n`);
    fs.writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: dev',
      'clusters:', '- name: dev-cluster', `  cluster: {server: "${server}", insecure-skip-tls-verify: true}`, '- name: prod-cluster', `  cluster: {server: "${server.replace('127.0.0.1', 'localhost')}", insecure-skip-tls-verify: true}`,
      'users:', '- name: me', '  user:', '    exec:', '      apiVersion: client.authentication.k8s.io/v1', `      command: ${JSON.stringify(process.execPath)}`, `      args: [${JSON.stringify(plugin)}]`, '      interactiveMode: Never',
      'contexts:', '- name: dev', '  context: {cluster: dev-cluster, user: me}', '- name: prod', '  context: {cluster: prod-cluster, user: me}',
    ].join('\n'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const clusterAccess of [false, 'false', 0, null, 'true', 1, {}]) {
    test(`clusterAccess ${JSON.stringify(clusterAccess)}: no kubeconfig is read for kube or auto, the exec plugin never runs`, async () => {
      const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'kube', kubeconfig, context: 'prod' } } }, { clusterAccess });
      try {
        // No silent demo in its place: no cluster, and the status says why.
        const none = (await client.waitForStatus((s) => s.state.kind === 'disabled')) as Status;
        assert.deepEqual(none.source, { kind: 'none', reason: 'Restricted Mode: no kubeconfig is read' });
        const list = await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.listContexts', arguments: [] });
        assert.deepEqual(list, { current: null, contexts: [], error: 'cluster access is off in an untrusted workspace' });
        client.statuses.length = 0;
        await configure(client, { cluster: { source: 'auto', kubeconfig } });
        await client.waitForStatus((s) => s.state.kind === 'disabled');
        assert.equal((client.statuses.at(-1) as Status).source.kind, 'none');
        await configure(client, { cluster: { source: 'auto' } });
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(fs.existsSync(marker), false, 'the exec credential plugin ran');
      } finally {
        await client.stop();
      }
    });
  }

  test('clusterAccess true: the kube source reads the kubeconfig (cluster.kubeconfig, cluster.context) and runs its plugin', async () => {
    const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'kube', kubeconfig, context: 'prod' } } }, { clusterAccess: true });
    try {
      const failed = (await client.waitForStatus((s) => s.state.kind === 'unreachable')) as Status;
      assert.deepEqual(failed.source, { kind: 'kube', context: 'prod', server: server.replace('127.0.0.1', 'localhost') });
      assert.ok(fs.existsSync(marker), 'the exec plugin ran');
      client.statuses.length = 0;
      await configure(client, { cluster: { source: 'kube', kubeconfig, context: 'dev' } });
      const dev = (await client.waitForStatus((s) => s.state.kind === 'unreachable' && (s as Status).source.context === 'dev')) as Status;
      assert.deepEqual(dev.source, { kind: 'kube', context: 'dev', server });
      assert.doesNotMatch(JSON.stringify(client.statuses), /plugin-token-7f3a/);
      const list = await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.listContexts', arguments: [] });
      assert.deepEqual(list, { current: 'dev', contexts: [{ name: 'dev', cluster: 'dev-cluster', server }, { name: 'prod', cluster: 'prod-cluster', server: server.replace('127.0.0.1', 'localhost') }] });
    } finally {
      await client.stop();
      fs.rmSync(marker, { force: true });
    }
  });
});
