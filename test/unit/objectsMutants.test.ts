// policy/objects.ts: the converters from Kubernetes objects (API answers, snapshot items) to what matching
// and drift read, where the cluster and snapshot tests do not reach. Expected values from upstream:
// - apimachinery ObjectMeta (k8s.io/apimachinery/pkg/apis/meta/v1/types.go): labels map[string]string; Go's
//   encoding/json decodes a JSON null map value into the zero value "" (the key stays); a namespaced object
//   without metadata.namespace or a nameless object is not an object the API serves.
// - KubeVirt VirtualMachineInstance (staging/src/kubevirt.io/api/core/v1/types.go):
//   status.migrationState.migrationPolicyName ("if string is empty, no policy is matched"), abortStatus
//   "Succeeded" (MigrationAbortSucceeded), failed, completed, startTimestamp, targetNode, mode, endTimestamp,
//   failureReason; KubeVirt CR status.observedKubeVirtVersion and
//   spec.configuration.developerConfiguration.featureGates ([]string).
// - MigrationPolicy (staging/src/kubevirt.io/api/migrations/v1alpha1/types.go): selectors nil never match
//   (pkg/virt-controller/watch/migration/migrationpolicy.go countMatchingLabels); empty selectors match all.
// - The ≤ v1.8 migrationConfiguration is KubeVirt's MigrationConfiguration, the only one of the two types with
//   parallelMigrationsPerCluster, parallelOutboundMigrationsPerNode and nodeDrainTaintKey
//   (/work/shared/kubevirt-facts.md §5; pkg/virt-config/virt-config.go).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeVirtFromObject, migrationRecordFromObject, namespaceFromObject, policyInfoFromObject, vmiFromObject } from '../../server/src/policy/objects';

const cluster = { kind: 'cluster' } as const;

test('labels: strings as they are, a null value as "" (Go decodes null into the zero value), other values left out', () => {
  const ns = namespaceFromObject(JSON.parse('{"metadata":{"name":"prod","labels":{"team":"db","empty":null,"tier":"1"}}}'));
  assert.deepEqual(ns, { name: 'prod', labels: { team: 'db', empty: '', tier: '1' } });
  const vmi = vmiFromObject(JSON.parse('{"metadata":{"name":"v","namespace":"prod","labels":{"app":"db","n":5,"m":{"a":"b"},"gone":null}}}'));
  assert.deepEqual(vmi, { namespace: 'prod', name: 'v', labels: { app: 'db', gone: '' } });
  // A map of strings only is read as it is.
  assert.deepEqual(namespaceFromObject({ metadata: { name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } } }), { name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } });
  assert.deepEqual(namespaceFromObject({ metadata: { name: 'a', labels: ['x'] } }), { name: 'a', labels: {} });
});

test('a namespace or VMI without a name, or a VMI without a namespace, is no object', () => {
  for (const obj of [{}, { metadata: {} }, { metadata: { name: '' } }, { metadata: { name: 7 } }, null, 'ns', { metadata: null }]) {
    assert.equal(namespaceFromObject(obj), undefined, JSON.stringify(obj));
    assert.equal(vmiFromObject(obj), undefined, JSON.stringify(obj));
    assert.equal(kubeVirtFromObject(obj), undefined, JSON.stringify(obj));
    assert.equal(migrationRecordFromObject(obj), undefined, JSON.stringify(obj));
  }
  for (const metadata of [{ name: 'v' }, { name: 'v', namespace: '' }, { name: 'v', namespace: 3 }, { namespace: 'ns' }, { name: '', namespace: 'ns' }]) {
    const obj = { metadata, status: { migrationState: { completed: true } } };
    assert.equal(vmiFromObject(obj), undefined, JSON.stringify(metadata));
    assert.equal(migrationRecordFromObject(obj), undefined, JSON.stringify(metadata));
  }
});

test('VMI: the last migration policy when written and not empty; no memory key when none is given', () => {
  const vmi = (status: unknown) => vmiFromObject({ metadata: { name: 'v', namespace: 'ns', labels: { a: 'b' } }, status });
  assert.deepEqual(vmi({ migrationState: { migrationPolicyName: 'gold' } }), { namespace: 'ns', name: 'v', labels: { a: 'b' }, lastMigrationPolicy: 'gold' });
  assert.deepEqual(vmi({ migrationState: { migrationPolicyName: '' } }), { namespace: 'ns', name: 'v', labels: { a: 'b' } });
  assert.deepEqual(vmi({ migrationState: { migrationPolicyName: 4 } }), { namespace: 'ns', name: 'v', labels: { a: 'b' } });
  assert.deepEqual(vmi({ migrationPolicyName: 'gold' }), { namespace: 'ns', name: 'v', labels: { a: 'b' } });
  assert.deepEqual(vmi(undefined), { namespace: 'ns', name: 'v', labels: { a: 'b' } });
  assert.deepEqual(vmiFromObject({ metadata: { name: 'v', namespace: 'ns' }, spec: { domain: { resources: { requests: { memory: 2048 } } } } }), { namespace: 'ns', name: 'v', labels: {} });
});

test('MigrationPolicy: only that kind; selectors nil never match, {} matches all; null entries dropped; maps or lists in a selector make it invalid', () => {
  const mp = (spec: unknown, extra: object = {}) => policyInfoFromObject({ kind: 'MigrationPolicy', metadata: { name: 'p' }, spec, ...extra }, cluster);
  assert.equal(policyInfoFromObject({ kind: 'VirtualMachineInstance', metadata: { name: 'p' }, spec: { selectors: {} } }, cluster), undefined);
  assert.equal(policyInfoFromObject({ metadata: { name: 'p' }, spec: { selectors: {} } }, cluster), undefined);
  assert.equal(policyInfoFromObject(['MigrationPolicy'], cluster), undefined);
  assert.equal(policyInfoFromObject(null, cluster), undefined);
  assert.equal(policyInfoFromObject({ kind: 'MigrationPolicy', metadata: {} }, cluster), undefined);
  assert.deepEqual(mp({ selectors: null }), { name: 'p', hasSelectors: false, namespaceSelector: {}, vmiSelector: {}, spec: { selectors: null }, origin: cluster });
  assert.deepEqual(mp({ selectors: {} }), { name: 'p', hasSelectors: true, namespaceSelector: {}, vmiSelector: {}, spec: { selectors: {} }, origin: cluster });
  const spec = { selectors: { namespaceSelector: { team: 'x', gone: null }, virtualMachineInstanceSelector: { app: 'db', off: null } } };
  assert.deepEqual(mp(spec), { name: 'p', hasSelectors: true, namespaceSelector: { team: 'x' }, vmiSelector: { app: 'db' }, spec, origin: cluster });
  // Numbers and booleans count as their text (a YAML `tier: 1` the user meant as a label value).
  const typed = { selectors: { namespaceSelector: { tier: 1 }, virtualMachineInstanceSelector: { on: true, off: false } } };
  assert.deepEqual(mp(typed), { name: 'p', hasSelectors: true, namespaceSelector: { tier: '1' }, vmiSelector: { on: 'true', off: 'false' }, spec: typed, origin: cluster });
  for (const bad of [
    { namespaceSelector: { matchLabels: { team: 'x' } }, virtualMachineInstanceSelector: { app: 'db' } },
    { namespaceSelector: { team: 'x' }, virtualMachineInstanceSelector: { matchLabels: { app: 'db' } } },
    { namespaceSelector: ['team'], virtualMachineInstanceSelector: { app: 'db' } },
    { namespaceSelector: { team: 'x' }, virtualMachineInstanceSelector: 'app=db' },
  ]) {
    const info = mp({ selectors: bad });
    assert.equal(info?.hasSelectors, false, JSON.stringify(bad));
  }
  const partly = mp({ selectors: { namespaceSelector: { team: 'x' }, virtualMachineInstanceSelector: { m: {} } } });
  assert.deepEqual([partly?.namespaceSelector, partly?.vmiSelector], [{ team: 'x' }, {}]);
});

test('KubeVirt CR: feature gates (strings only), the observed version when not empty, the migrations configuration', () => {
  const cr = {
    metadata: { name: 'kubevirt' },
    spec: { configuration: { developerConfiguration: { featureGates: ['LiveMigration', 7, null, 'DecentralizedLiveMigration'] }, migrations: { bandwidthPerMigration: '64Mi' } } },
    status: { observedKubeVirtVersion: 'v1.9.0' },
  };
  assert.deepEqual(kubeVirtFromObject(cr), { name: 'kubevirt', version: 'v1.9.0', featureGates: ['LiveMigration', 'DecentralizedLiveMigration'], migrations: { bandwidthPerMigration: '64Mi' } });
  assert.deepEqual(kubeVirtFromObject({ metadata: { name: 'kv' }, status: { observedKubeVirtVersion: '' } }), { name: 'kv', featureGates: [], migrations: {} });
  assert.deepEqual(kubeVirtFromObject({ metadata: { name: 'kv' }, spec: { configuration: { developerConfiguration: { featureGates: 'LiveMigration' } } } }), { name: 'kv', featureGates: [], migrations: {} });
});

test('migration record: outcome (aborted, failed, succeeded, running, unknown), configuration shape, optional fields', () => {
  const rec = (state: Record<string, unknown>) => migrationRecordFromObject({ metadata: { name: 'v', namespace: 'ns', labels: { app: 'db' } }, status: { migrationState: state } });
  const base = { namespace: 'ns', name: 'v', labels: { app: 'db' } };
  // An aborted migration is also failed: abortStatus decides first.
  assert.deepEqual(rec({ abortStatus: 'Succeeded', failed: true, completed: true }), { ...base, configuration: 'none', outcome: 'aborted' });
  assert.equal(rec({ abortStatus: 'Aborting', failed: true })?.outcome, 'failed');
  assert.equal(rec({ failed: true, completed: true })?.outcome, 'failed');
  assert.equal(rec({ completed: true, startTimestamp: '2026-11-30T10:00:00Z' })?.outcome, 'succeeded');
  assert.equal(rec({ completed: 'true', startTimestamp: '2026-11-30T10:00:00Z' })?.outcome, 'running');
  assert.equal(rec({ targetNode: 'node-2' })?.outcome, 'running');
  assert.equal(rec({ startTimestamp: '2026-11-30T10:00:00Z' })?.outcome, 'running');
  assert.equal(rec({ failed: false, completed: false })?.outcome, 'unknown');
  assert.equal(rec({})?.outcome, 'unknown');
  assert.equal(migrationRecordFromObject({ metadata: { name: 'v', namespace: 'ns' }, status: {} }), undefined);
  assert.equal(migrationRecordFromObject({ metadata: { name: 'v', namespace: 'ns' }, status: { migrationState: null } }), undefined);
  // ≤ v1.8: MigrationConfiguration holds cluster-wide fields; any one of them is enough.
  for (const field of ['parallelMigrationsPerCluster', 'parallelOutboundMigrationsPerNode', 'nodeDrainTaintKey']) {
    assert.equal(rec({ migrationConfiguration: { [field]: 1, allowPostCopy: false } })?.configuration, 'v1.8', field);
  }
  assert.equal(rec({ migrationConfiguration: { allowPostCopy: false, bandwidthPerMigration: '0Mi' } })?.configuration, 'v1.9');
  assert.equal(rec({ migrationConfiguration: {} })?.configuration, 'v1.9');
  assert.equal(rec({ migrationConfiguration: 'x' })?.configuration, 'none');
  const full = { migrationPolicyName: 'gold', mode: 'PostCopy', endTimestamp: '2026-11-30T10:05:00Z', failureReason: 'timeout', failed: true };
  assert.deepEqual(rec(full), { ...base, configuration: 'none', outcome: 'failed', policy: 'gold', mode: 'PostCopy', endTimestamp: '2026-11-30T10:05:00Z', failureReason: 'timeout' });
  // Empty strings mean "not recorded" (an empty migrationPolicyName: no policy matched).
  assert.deepEqual(rec({ migrationPolicyName: '', mode: '', failureReason: '', completed: true }), { ...base, configuration: 'none', outcome: 'succeeded' });
  assert.deepEqual(rec({ migrationPolicyName: 1, mode: 2, endTimestamp: 3, failureReason: 4 }), { ...base, configuration: 'none', outcome: 'unknown' });
});
