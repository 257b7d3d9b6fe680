// Drift (cluster/drift.ts): recorded migrations against the winner now, in both release shapes of
// status.migrationState (≤ v1.8 MigrationConfiguration, ≥ v1.9 VMIMConfigurationOptions), a renamed
// policy, outcomes; and `migrationpolicy drift` on a snapshot (text, JSON, exit status).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../server/src/cli';
import { computeDrift, snapshotMigrationRecords } from '../../server/src/cluster/drift';
import { loadSnapshot } from '../../server/src/cluster/snapshot';

const V18_CONFIG = '{parallelMigrationsPerCluster: 5, parallelOutboundMigrationsPerNode: 2, nodeDrainTaintKey: kubevirt.io/drain, bandwidthPerMigration: 64Mi, completionTimeoutPerGiB: 150, allowPostCopy: true}';
const V19_CONFIG = '{bandwidthPerMigration: 64Mi, completionTimeoutPerGiB: 150, allowPostCopy: true, allowWorkloadDisruption: true, maxDowntimeMs: 900}';
const vmi = (ns: string, name: string, labels: string, state?: string) => `- apiVersion: kubevirt.io/v1
  kind: VirtualMachineInstance
  metadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}
  spec: {domain: {memory: {guest: 1Gi}}}
${state ? `  status:\n    migrationState: ${state}\n` : ''}`;

export const SNAPSHOT = `apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Namespace, metadata: {name: prod, labels: {env: prod, kubernetes.io/metadata.name: prod}}}
- {apiVersion: migrations.kubevirt.io/v1alpha1, kind: MigrationPolicy, metadata: {name: gold}, spec: {allowPostCopy: true, selectors: {virtualMachineInstanceSelector: {tier: gold}}}}
- {apiVersion: migrations.kubevirt.io/v1alpha1, kind: MigrationPolicy, metadata: {name: plain}, spec: {selectors: {virtualMachineInstanceSelector: {tier: plain}}}}
${vmi('prod', 'renamed', '{tier: gold}', `{migrationPolicyName: old-gold, completed: true, mode: PostCopy, endTimestamp: "2026-11-01T10:00:00Z", migrationConfiguration: ${V19_CONFIG}}`)}${vmi('prod', 'same', '{tier: gold}', `{migrationPolicyName: gold, completed: true, migrationConfiguration: ${V19_CONFIG}}`)}${vmi('prod', 'relabelled', '{tier: none}', `{migrationPolicyName: gold, failed: true, failureReason: "target pod did not start", migrationConfiguration: ${V19_CONFIG}}`)}${vmi('prod', 'v19-unnamed', '{tier: gold}', `{completed: true, migrationConfiguration: ${V19_CONFIG}}`)}${vmi('prod', 'v18-unnamed-plain', '{tier: plain}', `{completed: true}`)}${vmi('prod', 'v18-unnamed-gold', '{tier: gold}', `{completed: true, migrationConfiguration: ${V18_CONFIG}}`)}${vmi('prod', 'never-migrated', '{tier: gold}')}${vmi('prod', 'aborted', '{tier: gold}', `{migrationPolicyName: old-gold, abortStatus: Succeeded, failed: true}`)}- apiVersion: kubevirt.io/v1
  kind: KubeVirt
  metadata: {name: kubevirt, namespace: kubevirt}
  status: {observedKubeVirtVersion: v1.8.2}
`;

test('records: both shapes of migrationState, outcomes; VMIs that never migrated are not records', () => {
  const records = snapshotMigrationRecords(SNAPSHOT, 'cluster.yaml');
  assert.deepEqual(records.map((r) => [r.name, r.policy ?? null, r.configuration, r.outcome]), [
    ['renamed', 'old-gold', 'v1.9', 'succeeded'],
    ['same', 'gold', 'v1.9', 'succeeded'],
    ['relabelled', 'gold', 'v1.9', 'failed'],
    ['v19-unnamed', null, 'v1.9', 'succeeded'],
    ['v18-unnamed-plain', null, 'none', 'succeeded'],
    ['v18-unnamed-gold', null, 'v1.8', 'succeeded'],
    ['aborted', 'old-gold', 'none', 'aborted'],
  ]);
});

test('drift: a renamed policy, a relabelled VMI, a v1.9 record without a name; v1.8 without a name is drift only if the winner overrides a field', () => {
  const data = loadSnapshot(SNAPSHOT, 'cluster.yaml');
  const report = computeDrift(snapshotMigrationRecords(SNAPSHOT, 'cluster.yaml'), data.policies, data.namespaces, data.kubevirt?.version);
  assert.equal(report.migrated, 7);
  assert.equal(report.consistent, 1);
  assert.equal(report.undetermined, 1, 'v18-unnamed-plain: plain overrides nothing, so v1.8 wrote no name');
  assert.deepEqual(report.groups, [
    { recorded: 'old-gold', exists: false, vmis: [
      { namespace: 'prod', name: 'renamed', recorded: 'old-gold', now: 'gold', kind: 'policy-gone', outcome: 'succeeded', mode: 'PostCopy', endTimestamp: '2026-11-01T10:00:00Z' },
      { namespace: 'prod', name: 'aborted', recorded: 'old-gold', now: 'gold', kind: 'policy-gone', outcome: 'aborted' },
    ] },
    { recorded: null, exists: true, vmis: [
      { namespace: 'prod', name: 'v19-unnamed', recorded: null, now: 'gold', kind: 'policy-wins-now', outcome: 'succeeded' },
      { namespace: 'prod', name: 'v18-unnamed-gold', recorded: null, now: 'gold', kind: 'policy-wins-now', outcome: 'succeeded' },
    ] },
    { recorded: 'gold', exists: true, vmis: [
      { namespace: 'prod', name: 'relabelled', recorded: 'gold', now: null, kind: 'no-policy-wins-now', outcome: 'failed', failureReason: 'target pod did not start' },
    ] },
  ]);
});

test('migrationpolicy drift prints groups and exits 1 on drift; JSON is the report; a policy file can end the drift', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-drift-'));
  try {
    const snapshot = path.join(dir, 'cluster.yaml');
    fs.writeFileSync(snapshot, SNAPSHOT);
    let out = '';
    let err = '';
    const status = main(['drift', '--cluster', snapshot], { out: (s) => (out += s), err: (s) => (err += s) });
    assert.equal(err, '');
    assert.equal(status, 1);
    assert.equal(out, [
      `Cluster: ${snapshot}: 8 VMIs; 7 VMIs recorded a migration: 1 as now, 5 drifted, 1 undetermined (migrated under ≤ v1.8, which wrote no name for a policy that overrides nothing)`,
      '',
      'old-gold (no longer exists): 2 VMIs',
      '  prod/renamed → now gold (policy gone) · last migration succeeded (PostCopy), ended 2026-11-01T10:00:00Z',
      '  prod/aborted → now gold (policy gone) · last migration aborted',
      '',
      '(no policy recorded): 2 VMIs',
      '  prod/v19-unnamed → now gold (a policy wins now) · last migration succeeded',
      '  prod/v18-unnamed-gold → now gold (a policy wins now) · last migration succeeded',
      '',
      'gold: 1 VMI',
      '  prod/relabelled → now cluster defaults (no policy wins now) · last migration failed: target pod did not start',
      '',
    ].join('\n'));
    let json = '';
    assert.equal(main(['drift', '--cluster', snapshot, '--format', 'json'], { out: (s) => (json += s), err: () => undefined }), 1);
    assert.deepEqual(Object.keys(JSON.parse(json)), ['migrated', 'consistent', 'undetermined', 'groups']);
    // With old-gold back (as a file) it exists again, but ties with gold on labels and gold sorts first.
    const file = path.join(dir, 'old-gold.yaml');
    fs.writeFileSync(file, 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: old-gold\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      tier: gold\n');
    json = '';
    assert.equal(main(['drift', '--cluster', snapshot, '--format', 'json', file], { out: (s) => (json += s), err: () => undefined }), 1);
    const report = JSON.parse(json);
    const oldGold = report.groups.find((g: { recorded: string }) => g.recorded === 'old-gold');
    assert.equal(oldGold.exists, true);
    assert.deepEqual(oldGold.vmis.map((v: { name: string; kind: string; now: string }) => [v.name, v.kind, v.now]), [['renamed', 'other-policy-wins', 'gold'], ['aborted', 'other-policy-wins', 'gold']]);
    let usage = '';
    assert.equal(main(['drift', '--cluster', snapshot, '--page-size', '0'], { out: () => undefined, err: (s) => (usage += s) }), 2);
    assert.match(usage, /--page-size must be a whole number ≥ 1, not "0"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
