// Edges of cluster/drift.ts for mutation testing: which release's rules apply to a record without a policy
// name (its configuration's shape, else the cluster's KubeVirt version: ≤ v1.8 wrote the name only when the
// matched policy overrode one of GetMigrationConfByPolicy's fields, kubevirt-facts.md §5), the namespace
// labels a record is matched with, the order of the groups, only VMIs as records, and the outcome in words.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeDrift, describeOutcome, snapshotMigrationRecords } from '../../server/src/cluster/drift';
import type { MigrationRecord } from '../../server/src/cluster/objects';
import type { NamespaceInfo, PolicyInfo } from '../../server/src/cluster/types';

const policy = (name: string, vmiSelector: Record<string, string> = { app: 'db' }, spec: Record<string, unknown> = {}, namespaceSelector: Record<string, string> = {}): PolicyInfo => ({
  name,
  hasSelectors: true,
  vmiSelector,
  namespaceSelector,
  spec: { selectors: {}, ...spec },
  origin: { kind: 'cluster' },
});
const record = (name: string, policyName: string | undefined, extra: Partial<MigrationRecord> = {}): MigrationRecord => ({
  namespace: 'prod',
  name,
  labels: { app: 'db' },
  ...(policyName === undefined ? {} : { policy: policyName }),
  configuration: 'none',
  outcome: 'succeeded',
  ...extra,
});
const kindOf = (records: MigrationRecord[], policies: PolicyInfo[], version?: string, namespaces: NamespaceInfo[] = []) => {
  const report = computeDrift(records, policies, namespaces, version);
  return report.undetermined === 1 ? 'undetermined' : report.consistent === 1 ? 'consistent' : report.groups[0]?.vmis[0]?.kind;
};

test('an unnamed record under a plain winner: undetermined for KubeVirt ≤ v1.8, drift from v1.9', () => {
  const plain = [policy('plain')];
  const unnamed = [record('vmi', undefined)];
  for (const version of ['v1.8.2', 'v1.8', '1.8.0', 'v1.0.0', 'v0.59.0', 'v01.8', 'v1.08']) assert.equal(kindOf(unnamed, plain, version), 'undetermined', version);
  for (const version of ['v1.9.0', 'v1.10.0', 'v2.0.0', 'v2.3.0', 'v11.5', undefined, '', 'main', 'build-1.8', 'v1', 'x1.8']) assert.equal(kindOf(unnamed, plain, version), 'policy-wins-now', String(version));
});

test("the record's configuration shape decides before the cluster's version", () => {
  const plain = [policy('plain')];
  assert.equal(kindOf([record('vmi', undefined, { configuration: 'v1.8' })], plain, 'v1.9.0'), 'undetermined');
  assert.equal(kindOf([record('vmi', undefined, { configuration: 'v1.9' })], plain, 'v1.8.0'), 'policy-wins-now');
  assert.equal(kindOf([record('vmi', undefined, { configuration: 'v1.9' })], plain, undefined), 'policy-wins-now');
});

test('under v1.8 an unnamed record is drift when the winner overrides one of the six fields (null overrides nothing)', () => {
  const v18 = [record('vmi', undefined, { configuration: 'v1.8' })];
  for (const field of ['allowAutoConverge', 'bandwidthPerMigration', 'completionTimeoutPerGiB', 'allowPostCopy', 'allowWorkloadDisruption', 'maxDowntimeMs']) {
    assert.equal(kindOf(v18, [policy('p', { app: 'db' }, { [field]: false })]), 'policy-wins-now', field);
    assert.equal(kindOf(v18, [policy('p', { app: 'db' }, { [field]: null })]), 'undetermined', `${field}: null`);
  }
  assert.equal(kindOf(v18, [policy('p', { app: 'db' }, { parallelMigrationsPerCluster: 5 })]), 'undetermined');
  // No winner: consistent whatever the release.
  assert.equal(kindOf(v18, [policy('p', { app: 'web' }, { allowPostCopy: true })]), 'consistent');
  assert.equal(kindOf([record('vmi', undefined)], [], 'v1.9.0'), 'consistent');
});

test("records match with their namespace's labels, or only kubernetes.io/metadata.name when the namespace is unknown", () => {
  const byTeam = [policy('team', {}, {}, { team: 'a' })];
  const byName = [policy('by-name', {}, {}, { 'kubernetes.io/metadata.name': 'prod' })];
  const named = (p: string) => [record('vmi', p)];
  assert.equal(kindOf(named('team'), byTeam, 'v1.9.0', [{ name: 'prod', labels: { team: 'a' } }]), 'consistent');
  assert.equal(kindOf(named('team'), byTeam, 'v1.9.0', [{ name: 'other', labels: { team: 'a' } }]), 'no-policy-wins-now');
  assert.equal(kindOf(named('by-name'), byName, 'v1.9.0', []), 'consistent');
  // A known namespace's labels are used as they are (the name label is the API server's to add).
  assert.equal(kindOf(named('by-name'), byName, 'v1.9.0', [{ name: 'prod', labels: { team: 'a' } }]), 'no-policy-wins-now');
});

test('groups: policies that are gone first, then the biggest, "no policy recorded" after named groups of its size, then by name', () => {
  const policies = [policy('a', { app: 'x' }), policy('b', { app: 'x' }), policy('c', { app: 'x' }), policy('now')];
  const records = [
    record('1', 'c'),
    record('2', undefined),
    record('3', 'b'),
    record('4', 'gone-z'),
    record('5', 'b'),
    record('6', 'a'),
    record('7', 'gone-y'),
    record('8', 'gone-y'),
    record('9', 'gone-x'),
  ];
  const report = computeDrift(records, policies, [], 'v1.9.0');
  assert.deepEqual(report.groups.map((g) => [g.recorded, g.exists, g.vmis.map((v) => v.name)]), [
    ['gone-y', false, ['7', '8']],
    ['gone-x', false, ['9']],
    ['gone-z', false, ['4']],
    ['b', true, ['3', '5']],
    ['a', true, ['6']],
    ['c', true, ['1']],
    [null, true, ['2']],
  ]);
  assert.deepEqual([report.migrated, report.consistent, report.undetermined], [9, 0, 0]);
  // A null group bigger than a named one comes first; a gone group always leads.
  const big = computeDrift([record('1', undefined), record('2', undefined), record('3', 'a'), record('4', 'gone')], policies, [], 'v1.9.0');
  assert.deepEqual(big.groups.map((g) => g.recorded), ['gone', null, 'a']);
  // Whatever order the records come in: equal groups by name, "no policy recorded" last.
  for (const order of [['a', 'b', 'c', undefined], [undefined, 'c', 'b', 'a'], ['b', undefined, 'a', 'c']]) {
    const report = computeDrift(order.map((p, i) => record(String(i), p)), policies, [], 'v1.9.0');
    assert.deepEqual(report.groups.map((g) => g.recorded), ['a', 'b', 'c', null], String(order));
  }
});

test('entries carry the mode, end time and failure reason only when recorded', () => {
  const report = computeDrift([record('vmi', 'gone', { outcome: 'failed', mode: 'PostCopy', endTimestamp: '2026-01-01T00:00:00Z', failureReason: 'boom' })], [policy('now')], [], 'v1.9.0');
  assert.deepEqual(report.groups[0].vmis, [{ namespace: 'prod', name: 'vmi', recorded: 'gone', now: 'now', kind: 'policy-gone', outcome: 'failed', mode: 'PostCopy', endTimestamp: '2026-01-01T00:00:00Z', failureReason: 'boom' }]);
  const bare = computeDrift([record('vmi', 'gone', { mode: '', endTimestamp: '', failureReason: '' })], [], [], 'v1.9.0');
  assert.deepEqual(bare.groups[0].vmis, [{ namespace: 'prod', name: 'vmi', recorded: 'gone', now: null, kind: 'policy-gone', outcome: 'succeeded' }]);
});

test('describeOutcome: each outcome in words, with the mode, the reason and the end time', () => {
  assert.equal(describeOutcome({ outcome: 'succeeded' }), 'succeeded');
  assert.equal(describeOutcome({ outcome: 'failed' }), 'failed');
  assert.equal(describeOutcome({ outcome: 'aborted' }), 'aborted');
  assert.equal(describeOutcome({ outcome: 'running' }), 'in progress');
  assert.equal(describeOutcome({ outcome: 'unknown' }), 'outcome not recorded');
  assert.equal(describeOutcome({ outcome: 'succeeded', mode: 'PostCopy', endTimestamp: '2026-11-01T10:00:00Z' }), 'succeeded (PostCopy), ended 2026-11-01T10:00:00Z');
  assert.equal(describeOutcome({ outcome: 'failed', failureReason: 'target pod did not start' }), 'failed: target pod did not start');
  assert.equal(describeOutcome({ outcome: 'failed', mode: 'PreCopy', failureReason: 'x', endTimestamp: 't' }), 'failed (PreCopy): x, ended t');
});

test('snapshotMigrationRecords: VMIs only (a VM with a migrationState is no record), in every document', () => {
  const vmi = (name: string) => `apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: ${name}, namespace: prod}\nstatus:\n  migrationState: {completed: true, migrationPolicyName: gold}\n`;
  const vm = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: vm, namespace: prod}\nstatus:\n  migrationState: {completed: true, migrationPolicyName: gold}\n';
  const records = snapshotMigrationRecords(`${vmi('a')}---\n${vm}---\n${vmi('b')}`, 'cluster.yaml');
  assert.deepEqual(records.map((r) => [r.name, r.policy]), [['a', 'gold'], ['b', 'gold']]);
  assert.deepEqual(snapshotMigrationRecords('{"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "metadata": {"name": "x"}, "status": {"migrationState": {"completed": true}}}', 'c.json'), []);
});
