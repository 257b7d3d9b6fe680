// Survivors of the mutation runs of policy/outlook.ts, effective.ts and labels.ts that change answers:
// - outlook.ts: the risk bounds are inclusive (one full copy that takes exactly the completion timeout is
//   "certain", exactly half of it "likely"); a "likely" risk warns with its own words; a VMI spec with a
//   missing or null level reads as "no memory declared" instead of throwing.
// - effective.ts: a switchable group (experimental.downtimeTuning) that only the KubeVirt CR turns on comes
//   from the cluster; `experimental: null` is no object (the API server prunes nulls; Go's pointer stays nil).
// - labels.ts: which selector each well-known key belongs on (kubevirt-facts.md §4 and §8: VMI labels come
//   from the VM's template or from KubeVirt on the VMI, `kubernetes.io/metadata.name` from Kubernetes on
//   namespaces).
// Figures worked out by hand: KubeVirt's completion timeout is completionTimeoutPerGiB × ceil(bytes / 1e9)
// (pkg/virt-launcher/virtwrap/live-migration-source.go).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveConfiguration } from '../../server/src/policy/effective';
import { WELL_KNOWN_LABEL_KEYS } from '../../server/src/policy/labels';
import { guestMemory, migrationOutlook } from '../../server/src/policy/outlook';

const mem = (memory: string) => ({ memory, source: 'spec.domain.memory.guest' as const });

test('outlook: a copy taking exactly the timeout is certain, exactly half of it likely (both bounds inclusive)', () => {
  // 1000Mi = 1,048,576,000 bytes -> ceil(1.05 GB) = 2 -> 200 s at 100 s/GiB. KubeVirt hands libvirt whole MiB/s
  // (QuantityToMebiByte), so 5Mi copies it in exactly 200 s, 10Mi in 100 s, 20Mi in 50 s.
  const at = (bandwidthPerMigration: string) => migrationOutlook(mem('1000Mi'), effectiveConfiguration({ completionTimeoutPerGiB: 100, bandwidthPerMigration }, undefined))!;
  const exact = at('5Mi');
  assert.equal(exact.completionTimeoutSeconds, 200);
  assert.equal(exact.copySeconds, 200);
  assert.equal(exact.risk, 'certain');
  const half = at('10Mi');
  assert.equal(half.copySeconds, 100);
  assert.equal(half.risk, 'likely');
  const under = at('20Mi');
  assert.equal(under.copySeconds, 50);
  assert.equal(under.risk, 'low');
  assert.deepEqual(under.warnings, []);
});

test('outlook: a likely risk with post-copy and auto-converge off warns twice, in its own words', () => {
  const likely = migrationOutlook(mem('1000Mi'), effectiveConfiguration({ completionTimeoutPerGiB: 100, bandwidthPerMigration: '8Mi' }, undefined))!;
  assert.equal(likely.copySeconds, 125);
  assert.equal(likely.risk, 'likely');
  assert.deepEqual(likely.warnings, [
    'post-copy is off and one full copy at the bandwidth cap takes more than half the completion timeout: when the timeout fires the migration is cancelled.',
    'auto-converge is off and one full copy at the bandwidth cap takes more than half the completion timeout: nothing throttles a guest that dirties memory faster than it is copied.',
  ]);
});

test('guestMemory: a missing, null or non-object level means no memory declared, never an exception', () => {
  assert.equal(guestMemory(undefined), undefined);
  assert.equal(guestMemory(null), undefined);
  assert.equal(guestMemory('spec'), undefined);
  assert.equal(guestMemory({ spec: null }), undefined);
  assert.equal(guestMemory({ spec: { domain: null } }), undefined);
  assert.deepEqual(guestMemory({ spec: { domain: { memory: null, resources: { requests: { memory: '2Gi' } } } } }), { memory: '2Gi', source: 'spec.domain.resources.requests.memory' });
  assert.deepEqual(guestMemory({ spec: { domain: { memory: { guest: '1Gi' }, resources: null } } }), { memory: '1Gi', source: 'spec.domain.memory.guest' });
  assert.equal(guestMemory({ spec: { domain: { resources: { requests: [] } } } }), undefined);
});

test('effective: a group only the KubeVirt CR turns on comes from the cluster; experimental: null is left alone', () => {
  const fromCluster = effectiveConfiguration({}, { experimental: { downtimeTuning: {} } });
  assert.deepEqual(fromCluster['experimental.downtimeTuning'], { path: 'experimental.downtimeTuning', value: true, source: 'cluster' });
  const fromPolicy = effectiveConfiguration({ experimental: { downtimeTuning: {} } }, { experimental: { downtimeTuning: {} } });
  assert.equal(fromPolicy['experimental.downtimeTuning'].source, 'policy');
  const nulls = effectiveConfiguration({ experimental: null }, { experimental: null });
  assert.deepEqual(nulls['experimental.downtimeTuning'], { path: 'experimental.downtimeTuning', value: false, source: 'default' });
  assert.deepEqual(nulls['experimental.stallDetector'], { path: 'experimental.stallDetector', value: false, source: 'default' });
  assert.equal(nulls['experimental.compression'].source, 'default');
  const nullGroup = effectiveConfiguration({ experimental: { stallDetector: null } }, undefined);
  assert.equal(nullGroup['experimental.stallDetector'].value, false);
});

test('well-known label keys: which selector each belongs on', () => {
  assert.deepEqual(Object.fromEntries(WELL_KNOWN_LABEL_KEYS.map((k) => [k.key, k.appliesTo])), {
    'kubernetes.io/metadata.name': 'namespace',
    'kubevirt.io/vm': 'vmi',
    'kubevirt.io/domain': 'vmi',
    'kubevirt.io/size': 'vmi',
    'vm.kubevirt.io/name': 'vmi',
    'kubevirt.io/nodeName': 'vmi',
    'kubevirt.io/migrationTargetNodeName': 'vmi',
  });
});
