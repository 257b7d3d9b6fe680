// The VM's side in pure code: scorePolicies ranks exactly as matchPolicy picks (generated cases),
// whyNoMatch names the first failing entry, and the outlook follows KubeVirt's arithmetic: memory in
// decimal GB rounded up (ScaledValue(Giga)), 0 disables the timeout, the bandwidth KubeVirt applies.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveConfiguration } from '../../server/src/policy/effective';
import { matchPolicy, PolicyIndex, rankMatches, scorePolicies, whyNoMatch } from '../../server/src/policy/matching';
import type { SelectorPolicy } from '../../server/src/policy/matching';
import { completionTimeout, formatSeconds, guestMemory, migrationOutlook } from '../../server/src/policy/outlook';
import { prng } from '../support/random';

test('scorePolicies: the first ranked policy is matchPolicy\'s winner; ranks follow precedence; the rest come by name', () => {
  const random = prng(13);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const keys = ['app', 'tier', 'env', 'team'];
  const values = ['a', 'b'];
  const labels = (p: number) => Object.fromEntries(keys.filter(() => random() < p).map((k) => [k, random() < 0.8 ? values[0] : values[1]]));
  let decided = 0;
  for (let round = 0; round < 500; round++) {
    const policies: SelectorPolicy[] = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => ({
      name: `${pick(['p', 'q', 'p-1', 'p.1'])}${i}`, hasSelectors: random() > 0.05, vmiSelector: labels(0.3), namespaceSelector: labels(0.2),
    }));
    const vmi = labels(0.9);
    const ns = labels(0.9);
    const scores = scorePolicies(policies, vmi, ns);
    const winner = matchPolicy(policies, vmi, ns);
    assert.equal(scores.length, policies.length);
    assert.equal(scores[0].rank === 1 ? scores[0].name : null, winner?.policy.name ?? null);
    assert.deepEqual(rankMatches(new PolicyIndex(policies).candidates(vmi), vmi, ns), scores.filter((x) => x.rank !== null), 'the index finds every matching policy');
    const ranked = scores.filter((s) => s.rank !== null);
    ranked.forEach((s, i) => assert.equal(s.rank, i + 1));
    assert.ok(scores.slice(ranked.length).every((s) => s.score === null && s.reason && s.reason !== 'matches'));
    if (ranked.length > 1) decided++;
  }
  assert.ok(decided > 50, `only ${decided} rounds had competing matches`);
});

test('whyNoMatch names the first failing selector entry, VMI selector before namespace selector', () => {
  const policy = { name: 'p', hasSelectors: true, vmiSelector: { tier: 'gold', app: 'db' }, namespaceSelector: { env: 'prod' } };
  assert.equal(whyNoMatch(policy, { app: 'web', tier: 'gold' }, { env: 'prod' }), 'VMI label app is "web", not "db"');
  assert.equal(whyNoMatch(policy, { app: 'db' }, {}), 'VMI label tier is missing (wants "gold")');
  assert.equal(whyNoMatch(policy, { app: 'db', tier: 'gold' }, { env: 'dev' }), 'namespace label env is "dev", not "prod"');
  assert.equal(whyNoMatch({ ...policy, hasSelectors: false }, {}, {}), 'no spec.selectors: never matches');
  assert.equal(whyNoMatch({ name: 'n', hasSelectors: true, vmiSelector: { 'kubevirt.io/migrationTargetNodeName': 'node-3' }, namespaceSelector: {} }, { 'kubevirt.io/migrationTargetNodeName': '<target>' }, {}), 'matches only while migrating to node node-3');
});

test('completion timeout: completionTimeoutPerGiB × memory in decimal GB rounded up', () => {
  const GiB = 2 ** 30;
  assert.deepEqual(completionTimeout(8 * GiB, 150), { dataSizeGB: 9, seconds: 1350 });
  assert.deepEqual(completionTimeout(1 * GiB, 150), { dataSizeGB: 2, seconds: 300 });
  assert.deepEqual(completionTimeout(1e9, 150), { dataSizeGB: 1, seconds: 150 });
  assert.deepEqual(completionTimeout(1e9 + 1, 150), { dataSizeGB: 2, seconds: 300 });
  assert.deepEqual(completionTimeout(512 * 2 ** 20, 800), { dataSizeGB: 1, seconds: 800 });
});

test('guestMemory: spec.domain.memory.guest wins over resources.requests.memory', () => {
  assert.deepEqual(guestMemory({ spec: { domain: { memory: { guest: '4Gi' }, resources: { requests: { memory: '2Gi' } } } } }), { memory: '4Gi', source: 'spec.domain.memory.guest' });
  assert.deepEqual(guestMemory({ spec: { domain: { resources: { requests: { memory: '2Gi' } } } } }), { memory: '2Gi', source: 'spec.domain.resources.requests.memory' });
  assert.equal(guestMemory({ spec: { domain: {} } }), undefined);
});

test('outlook: figures, risk and warnings from the effective configuration', () => {
  const mem = (memory: string) => ({ memory, source: 'spec.domain.memory.guest' as const });
  const slow = migrationOutlook(mem('8Gi'), effectiveConfiguration({ bandwidthPerMigration: '1Mi' }, undefined))!;
  assert.equal(slow.dataSizeGB, 9);
  assert.equal(slow.completionTimeoutSeconds, 1350);
  assert.equal(slow.bandwidthBytesPerSecond, 2 ** 20);
  assert.equal(slow.copySeconds, 8192);
  assert.equal(slow.risk, 'certain');
  assert.equal(slow.onTimeout, 'the migration is cancelled');
  assert.deepEqual(slow.warnings, [
    'post-copy is off and one full copy at the bandwidth cap takes longer than the completion timeout: when the timeout fires the migration is cancelled.',
    'auto-converge is off and one full copy at the bandwidth cap takes longer than the completion timeout: nothing throttles a guest that dirties memory faster than it is copied.',
  ]);
  // 8 GiB at 10 MiB/s = 819.2 s: more than half of 1350 s.
  const likely = migrationOutlook(mem('8Gi'), effectiveConfiguration({ bandwidthPerMigration: '10Mi', allowPostCopy: true, allowAutoConverge: true }, undefined))!;
  assert.equal(likely.risk, 'likely');
  assert.equal(likely.onTimeout, 'the migration switches to post-copy');
  assert.deepEqual(likely.warnings, []);
  // allowPostCopy on but allowWorkloadDisruption explicitly off: KubeVirt cancels.
  const noDisruption = migrationOutlook(mem('8Gi'), effectiveConfiguration({ bandwidthPerMigration: '1Mi', allowPostCopy: true, allowWorkloadDisruption: false, allowAutoConverge: true }, undefined))!;
  assert.deepEqual(noDisruption.warnings, ['post-copy is allowed but allowWorkloadDisruption is off and one full copy at the bandwidth cap takes longer than the completion timeout: when the timeout fires the migration is cancelled.']);
  const paused = migrationOutlook(mem('8Gi'), effectiveConfiguration({ allowWorkloadDisruption: true }, { bandwidthPerMigration: '64Mi' }))!;
  assert.equal(paused.onTimeout, 'the VMI is paused so the copy can finish');
  assert.equal(paused.copySeconds, 128);
  assert.equal(paused.risk, 'low');
  const unlimited = migrationOutlook(mem('8Gi'), effectiveConfiguration(undefined, undefined))!;
  assert.equal(unlimited.risk, 'unknown');
  assert.equal(unlimited.copySeconds, undefined);
  const disabled = migrationOutlook(mem('8Gi'), effectiveConfiguration({ completionTimeoutPerGiB: 0, bandwidthPerMigration: '1Mi' }, undefined))!;
  assert.equal(disabled.completionTimeoutSeconds, 0);
  assert.equal(disabled.risk, 'low');
  assert.deepEqual(disabled.warnings, []);
  assert.equal(migrationOutlook(mem('lots'), effectiveConfiguration(undefined, undefined)), undefined);
  assert.equal(migrationOutlook(mem('0'), effectiveConfiguration(undefined, undefined)), undefined);
});

test('formatSeconds', () => {
  assert.deepEqual([45, 8.25, 60, 1350, 8192, 20700, 3600].map(formatSeconds), ['45 s', '8.3 s', '1 min', '22 min 30 s', '2 h 16 min', '5 h 45 min', '1 h']);
});
