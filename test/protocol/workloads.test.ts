// The VM's side over the protocol: lenses above VirtualMachine and VirtualMachineInstance manifests
// naming the policy that wins them, hover on labels and names, the explainVmi command, and a lens that
// follows a label edit at once. Against the demo snapshot and with workspace data alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli';
import { loadSnapshot } from '../../server/src/cluster/snapshot';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol/node';
import type { VmiPolicyReport } from '../../server/src/protocol';
import { repoRoot } from '../support/fixture';
import { DEFAULT_CAPABILITIES, startClient } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';

const snapshot = path.join(repoRoot, 'examples', 'cluster.yaml');
const capabilities = { ...DEFAULT_CAPABILITIES, workspace: { ...DEFAULT_CAPABILITIES.workspace, codeLens: { refreshSupport: true } } };

const VM = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: orders-db
  namespace: prod-db
  labels:
    owner: shop
spec:
  template:
    metadata:
      labels:
        workload-type: db
        app: orders
    spec:
      domain:
        memory:
          guest: 64Gi
`;

async function open(client: TestClient, uri: string, text: string): Promise<void> {
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
}

async function lenses(client: TestClient, uri: string): Promise<string[]> {
  const result = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  return result.map((l) => `${l.range.start.line}:${l.range.start.character} ${l.command?.title} [${l.command?.command}]`);
}

async function hover(client: TestClient, uri: string, text: string, needle: string, delta = 1): Promise<Hover | null> {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: before.length - 1, character: before.at(-1)!.length } })) as Hover | null;
}

const value = (h: Hover | null) => (h?.contents as { value: string }).value;

test('VM lens, label hover, name hover and explainVmi against the snapshot; a label edit updates the lens', async () => {
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } });
  try {
    await client.waitForStatus((s) => s.state.kind === 'ready');
    const uri = 'file:///workspace/orders-db.yaml';
    await open(client, uri, VM);
    assert.deepEqual(await lenses(client, uri), ['0:0 migrates under databases · 2 labels matched · next: zz-default · from the snapshot cluster.yaml [migrationpolicy.explainVmi]']);

    const label = await hover(client, uri, VM, 'workload-type: db', 16);
    assert.deepEqual(label?.range, { start: { line: 11, character: 23 }, end: { line: 11, character: 25 } });
    assert.equal(value(label), [
      '**Label** `workload-type=db` of the VMI this VM creates (spec.template.metadata.labels)',
      'Feeds 1 policy:\n- `databases`: **wins** this VM',
      'Select `workload-type` with another value:\n- `batch-jobs` wants `workload-type=batch`\n- `web-servers` wants `workload-type=web`',
      'Now: migrates under databases · 2 labels matched · next: zz-default · from the snapshot cluster.yaml.',
    ].join('\n\n'));
    const ownLabel = await hover(client, uri, VM, 'owner: shop');
    assert.equal(ownLabel, null, 'the VM\'s own labels are not the VMI\'s');

    const name = value(await hover(client, uri, VM, 'orders-db'));
    assert.match(name, /^\*\*VM prod-db\/orders-db\*\*: migrates under `databases` \(wins over zz-default: more matched labels \(2 vs 0\)\)\./);
    assert.match(name, /\| 1 \| `databases` \| 2 \| 1 \| 1 \|\n\| 2 \| `zz-default` \| 0 \| 0 \| 0 \|\n\| – \| `batch-jobs` \| VMI label workload-type is "db", not "batch" \| \| \|/);
    // 64Gi = 68.72 GB, counted as 69 GB; databases sets 300 s per GiB and 128Mi/s.
    assert.match(name, /- memory `64Gi` \(`spec.domain.memory.guest`\) = 68.72 GB, counted as 69 GB/);
    assert.match(name, /- completion timeout: 300 s × 69 = 20700 s \(5 h 45 min\); then the migration is cancelled/);
    assert.match(name, /- one full copy at the cap \(128 MiB\/s [^)]*\)\) takes at least 8 min 32 s/);

    // A label edit changes the lens at once (the next request, no save).
    const edited = VM.replace('workload-type: db', 'workload-type: batch');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    assert.deepEqual(await lenses(client, uri), ['0:0 migrates under batch-jobs · 1 label matched · next: zz-default · from the snapshot cluster.yaml [migrationpolicy.explainVmi]']);
    const removed = VM.replace('        workload-type: db\n', '');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: removed }] });
    assert.deepEqual(await lenses(client, uri), ['0:0 migrates under zz-default · 0 labels matched · from the snapshot cluster.yaml [migrationpolicy.explainVmi]']);

    const report = (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.explainVmi', arguments: [{ namespace: 'prod-db', name: 'postgres-0' }] })) as VmiPolicyReport;
    assert.equal(report.winner, 'databases');
    assert.deepEqual(report.policies.filter((p) => p.matches).map((p) => [p.name, p.rank, p.total, p.vmiLabels, p.namespaceLabels]), [['databases', 1, 2, 1, 1], ['zz-default', 2, 0, 0, 0]]);
    assert.equal(report.namespaceLabels.team, 'data');
    const fromDoc = (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.explainVmi', arguments: [{ uri, namespace: 'prod-db', name: 'orders-db' }] })) as VmiPolicyReport;
    assert.equal(fromDoc.winner, 'zz-default');
    assert.deepEqual(fromDoc.vmi.labels, { app: 'orders' });
    const missing = await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.explainVmi', arguments: [{ namespace: 'prod-db', name: 'nope' }] });
    assert.equal(missing, null);
  } finally {
    await client.stop();
  }
});

test('with no cluster: workspace policies and Namespace manifests decide; a policy edit in another file refreshes lenses', async () => {
  const client = await startClient(capabilities);
  try {
    const policies = `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: slow-lane
spec:
  bandwidthPerMigration: 1Mi
  selectors:
    namespaceSelector:
      tier: batch
    virtualMachineInstanceSelector:
      app: crunch
`;
    const workloads = `apiVersion: v1
kind: Namespace
metadata:
  name: jobs
  labels:
    tier: batch
---
apiVersion: kubevirt.io/v1
kind: VirtualMachineInstance
metadata:
  name: cruncher
  namespace: jobs
  labels:
    app: crunch
spec:
  domain:
    resources:
      requests:
        memory: 8Gi
---
apiVersion: kubevirt.io/v1
kind: VirtualMachineInstance
metadata:
  name: elsewhere
  labels:
    app: crunch
`;
    const policyUri = 'file:///workspace/policies.yaml';
    const uri = 'file:///workspace/workloads.yaml';
    await open(client, policyUri, policies);
    await open(client, uri, workloads);
    assert.deepEqual(await lenses(client, uri), [
      '7:0 migrates under slow-lane · 2 labels matched · workspace policies only (no cluster data) [migrationpolicy.explainVmi]',
      '20:0 no policy: cluster defaults · workspace policies only (no cluster data) [migrationpolicy.explainVmi]',
    ]);
    const name = value(await hover(client, uri, workloads, 'cruncher'));
    assert.match(name, /Namespace `jobs`, labels from a Namespace manifest in the workspace\./);
    // 8Gi = 8.59 GB → 9 GB × 150 s (cluster default) = 1350 s; 8 GiB at 1 MiB/s = 8192 s ≥ 1350 s.
    assert.match(name, /- completion timeout: 150 s × 9 = 1350 s \(22 min 30 s\); then the migration is cancelled/);
    assert.match(name, /- one full copy at the cap \(1 MiB\/s[^)]*\)\) takes at least 2 h 16 min/);
    assert.match(name, /⚠ post-copy is off and one full copy at the bandwidth cap takes longer than the completion timeout: when the timeout fires the migration is cancelled\./);
    assert.match(name, /⚠ auto-converge is off and one full copy/);
    const other = value(await hover(client, uri, workloads, 'elsewhere'));
    assert.match(other, /Namespace `default` \(not in the manifest: the default namespace\), labels from nowhere: only kubernetes.io\/metadata.name is assumed\./);
    assert.match(other, /\| – \| `slow-lane` \| namespace label tier is missing \(wants "batch"\) \| \| \|/);

    // The policy's hover works the figures out for the largest VM it wins.
    const policyHover = value(await hover(client, policyUri, policies, 'slow-lane'));
    assert.match(policyHover, /\*\*For the largest VMs it wins\*\* \(1 with known memory\):\n- `jobs\/cruncher \(VMI in workloads.yaml\)`: `8Gi` → timeout 22 min 30 s \(150 s × 9 GB\) · one full copy ≥ 2 h 16 min · ⚠ will time out with post-copy and auto-converge off/);

    const refreshes = client.codeLensRefreshes;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: 2 }, contentChanges: [{ text: policies.replace('tier: batch', 'tier: other') }] });
    await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: policyUri } });
    assert.equal(client.codeLensRefreshes, refreshes + 1);
    assert.deepEqual(await lenses(client, uri), [
      '7:0 no policy: cluster defaults · workspace policies only (no cluster data) [migrationpolicy.explainVmi]',
      '20:0 no policy: cluster defaults · workspace policies only (no cluster data) [migrationpolicy.explainVmi]',
    ]);
  } finally {
    await client.stop();
  }
});

test('one answer: the CLI\'s match --vmi and the server\'s explainVmi agree on every VMI of the snapshot, with a workspace policy', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-agree-'));
  const file = path.join(dir, 'overrides.yaml');
  const text = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: databases\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      tier: gold\n---\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: research\nspec:\n  selectors:\n    namespaceSelector:\n      team: research\n      env: prod\n';
  fs.writeFileSync(file, text);
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } });
  try {
    await client.waitForStatus((s) => s.state.kind === 'ready');
    await open(client, pathToFileURL(file).toString(), text);
    const vmis = loadSnapshot(fs.readFileSync(snapshot, 'utf8'), snapshot).vmis;
    assert.equal(vmis.length, 48);
    const winners = new Set<string | null>();
    for (const v of vmis) {
      let out = '';
      const status = main(['match', '--vmi', `${v.namespace}/${v.name}`, '--cluster', snapshot, '--format', 'json', file], { out: (s) => (out += s), err: () => undefined });
      assert.equal(status, 0);
      const fromCli = JSON.parse(out) as VmiPolicyReport;
      const fromServer = await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.explainVmi', arguments: [{ namespace: v.namespace, name: v.name }] });
      assert.deepEqual(fromServer, fromCli, `${v.namespace}/${v.name}`);
      winners.add(fromCli.winner);
    }
    assert.ok(winners.has('research') && winners.has('databases') && winners.has('zz-default'), [...winners].join(', '));
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
