// The indexed inventory (cluster/inventory.ts): evaluations equal a brute-force matchPolicy over every
// VMI on random clusters (fixed seeds), incremental withPolicies equals a full evaluation, delta equals
// comparing winners VMI by VMI; plus the example cluster's figures, reports, label counts, candidates.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Evaluation } from '../../server/src/cluster/evaluation';
import { Inventory, NAMESPACE_NAME_LABEL, sortedUnique } from '../../server/src/cluster/inventory';
import { describeDelta } from '../../server/src/features/codeLens';
import { namespaceFromObject, policyInfoFromObject, vmiFromObject } from '../../server/src/cluster/objects';
import { loadSnapshot } from '../../server/src/cluster/snapshot';
import type { ClusterData, PolicyInfo } from '../../server/src/cluster/types';
import { compareMatches, countMatchingLabels, labelsAtMigration, matchPolicy, MIGRATION_TARGET_NODE_LABEL, selectorScore } from '../../server/src/policy/matching';
import { repoRoot } from '../support/fixture';
import { prng } from '../support/random';

const example = loadSnapshot(fs.readFileSync(path.join(repoRoot, 'examples', 'cluster.yaml'), 'utf8'), 'examples/cluster.yaml');
const workspace = (name: string) => ({ kind: 'workspace' as const, uri: `file:///ws/${name}.yaml` });

function policy(name: string, selectors: unknown, spec: Record<string, unknown> = {}, origin: PolicyInfo['origin'] = { kind: 'cluster' }): PolicyInfo {
  return policyInfoFromObject({ kind: 'MigrationPolicy', metadata: { name }, spec: { ...spec, selectors } }, origin) as PolicyInfo;
}

const VMI_LABELS: Record<string, string[]> = { app: ['db', 'web', 'api', 'cache', 'batch'], tier: ['gold', 'silver', ''], 'workload-type': ['db', 'web', 'batch', 'hpc'], zone: ['a', 'b', 'c'] };
const NS_LABELS: Record<string, string[]> = { env: ['prod', 'dev', 'staging'], team: ['x', 'y', 'z', 'w'] };

function randomCluster(seed: number): { data: ClusterData; random: () => number; randomPolicy: (name: string) => PolicyInfo } {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const labelsFrom = (vocabulary: Record<string, string[]>, p: number) => Object.fromEntries(Object.entries(vocabulary).filter(() => random() < p).map(([k, values]) => [k, pick(values)]));
  const namespaces = Array.from({ length: 25 }, (_, i) => ({ name: `ns-${i}`, labels: { ...labelsFrom(NS_LABELS, 0.6), [NAMESPACE_NAME_LABEL]: `ns-${i}` } }));
  const vmis = Array.from({ length: 1500 }, (_, i) => {
    const labels: Record<string, string> = labelsFrom(VMI_LABELS, 0.55);
    if (random() < 0.05) labels[MIGRATION_TARGET_NODE_LABEL] = pick(['node-1', 'node-2']);
    return { namespace: random() < 0.03 ? 'ghost' : `ns-${Math.floor(random() * 25)}`, name: `vm-${i}`, labels };
  });
  const randomPolicy = (name: string): PolicyInfo => {
    const r = random();
    if (r < 0.04) return policy(name, null);
    if (r < 0.1) return policy(name, {});
    const vmiSelector = labelsFrom(VMI_LABELS, 0.3);
    const namespaceSelector = labelsFrom(NS_LABELS, 0.25);
    if (random() < 0.1) namespaceSelector[NAMESPACE_NAME_LABEL] = pick([...namespaces.map((n) => n.name), 'ghost', 'nowhere']);
    if (random() < 0.05) vmiSelector[MIGRATION_TARGET_NODE_LABEL] = 'node-1';
    if (random() < 0.05) vmiSelector.app = 'unknown';
    return policy(name, { virtualMachineInstanceSelector: vmiSelector, namespaceSelector });
  };
  const policies = Array.from({ length: 60 }, (_, i) => randomPolicy(`p-${String.fromCharCode(97 + (i % 7))}-${i}`));
  return { data: { namespaces, vmis, policies }, random, randomPolicy };
}

/** The obvious O(VMIs × policies) evaluation: matchPolicy per VMI, as the controller does. */
function bruteForce(inventory: Inventory, policies: readonly PolicyInfo[]) {
  const winners: (string | null)[] = [];
  const matching: string[][] = [];
  const stats = new Map(policies.map((p) => [p.name, { matched: 0, won: 0, lostTo: new Map<string, number>() }]));
  inventory.vmis.forEach((vmi, id) => {
    const labels = labelsAtMigration(vmi.labels);
    const ns = inventory.namespaceLabels(id);
    const winner = matchPolicy(policies, labels, ns)?.policy.name ?? null;
    winners.push(winner);
    const matches = policies.filter((p) => countMatchingLabels(p, labels, ns) !== null);
    matching.push(matches.sort((a, b) => compareMatches({ name: a.name, score: selectorScore(a) }, { name: b.name, score: selectorScore(b) })).map((p) => p.name));
    for (const p of matches) {
      const s = stats.get(p.name)!;
      s.matched++;
      if (p.name === winner) s.won++;
      else s.lostTo.set(winner as string, (s.lostTo.get(winner as string) ?? 0) + 1);
    }
  });
  return { winners, matching, stats };
}

function assertSameAsBruteForce(evaluation: Evaluation<Inventory>, policies: readonly PolicyInfo[], label: string): void {
  const inventory = evaluation.inventory;
  const reference = bruteForce(inventory, policies);
  assert.deepEqual(inventory.vmis.map((_, id) => evaluation.winnerOf(id)?.name ?? null), reference.winners, `${label}: winners`);
  assert.deepEqual(inventory.vmis.map((_, id) => evaluation.matchingPolicies(id).map((p) => p.name)), reference.matching, `${label}: matching policies`);
  assert.deepEqual(evaluation.policies.map((p) => p.name), [...policies.map((p) => p.name)].sort(), `${label}: policies`);
  for (const p of policies) {
    const got = evaluation.policyStats(p.name);
    const want = reference.stats.get(p.name)!;
    assert.ok(got, `${label}: stats of ${p.name}`);
    assert.equal(got.policy, p, `${label}: ${p.name} is the given version`);
    assert.deepEqual({ matched: got.matched, won: got.won, lostTo: [...got.lostTo].sort() }, { matched: want.matched, won: want.won, lostTo: [...want.lostTo].sort() }, `${label}: stats of ${p.name}`);
    assert.equal(evaluation.matchesOf(p.name).length, want.matched);
  }
}

for (const seed of [1, 2, 3, 4]) {
  test(`random cluster ${seed}: the indexed evaluation equals brute force`, () => {
    const { data } = randomCluster(seed);
    const inventory = new Inventory(data);
    assert.deepEqual(inventory.assumedNamespaces, ['ghost']);
    assertSameAsBruteForce(inventory.evaluate(), data.policies, 'full');
    for (const p of data.policies) {
      const candidates = new Set(inventory.candidates(p));
      for (const id of inventory.matches(p)) assert.ok(candidates.has(id), `${p.name}: matches are candidates`);
    }
  });

  test(`random cluster ${seed}: withPolicies and delta equal a full re-evaluation`, () => {
    const { data, random, randomPolicy } = randomCluster(seed);
    const inventory = new Inventory(data);
    const base = inventory.evaluate();
    const pick = () => data.policies[Math.floor(random() * data.policies.length)];
    const changed = Array.from({ length: 5 }, () => ({ ...randomPolicy(pick().name), origin: workspace('changed') }));
    const sameSelectors = { ...pick(), spec: { selectors: {}, bandwidthPerMigration: '1Mi' }, origin: workspace('same') };
    const added = [randomPolicy('new-a'), randomPolicy('a-new'), policy('z-all', {})];
    const removed = pick().name;
    const overrides = [...changed, sameSelectors, ...added];
    const merged = new Map<string, PolicyInfo | null>(data.policies.map((p) => [p.name, p]));
    merged.set(removed, null);
    for (const p of overrides) merged.set(p.name, p);
    const effective = [...merged.values()].filter((p): p is PolicyInfo => p !== null);

    const derived = base.withPolicies(overrides, [removed]);
    assertSameAsBruteForce(derived, effective, 'withPolicies');
    assertSameAsBruteForce(base.withPolicies(changed).withPolicies([sameSelectors, ...added], [removed]), effective, 'chained');
    assertSameAsBruteForce(inventory.evaluate(effective), effective, 'full evaluation of the merged list');
    assert.equal(base.winnerOf(0), inventory.evaluate().winnerOf(0), 'the base evaluation is not changed');

    const before = bruteForce(inventory, effective);
    for (const [oldPolicy, newPolicy] of [
      [effective[3], { ...randomPolicy(effective[3].name), origin: workspace('edit') }],
      [effective[7], { ...randomPolicy('renamed'), origin: workspace('rename') }],
      [undefined, randomPolicy('brand-new')],
      [effective[9], undefined],
    ] as [PolicyInfo | undefined, PolicyInfo | undefined][]) {
      const next = new Map(effective.map((p) => [p.name, p]));
      if (oldPolicy) next.delete(oldPolicy.name);
      if (newPolicy) next.set(newPolicy.name, newPolicy);
      const after = bruteForce(inventory, [...next.values()]);
      const gained = new Map<string | null, string[]>();
      const lost = new Map<string | null, string[]>();
      inventory.vmis.forEach((vmi, id) => {
        const wonBefore = oldPolicy !== undefined && before.winners[id] === oldPolicy.name;
        const wonAfter = newPolicy !== undefined && after.winners[id] === newPolicy.name;
        if (wonAfter && !wonBefore) gained.set(before.winners[id], [...(gained.get(before.winners[id]) ?? []), `${vmi.namespace}/${vmi.name}`]);
        if (wonBefore && !wonAfter) lost.set(after.winners[id], [...(lost.get(after.winners[id]) ?? []), `${vmi.namespace}/${vmi.name}`]);
      });
      const delta = derived.delta(oldPolicy, newPolicy);
      const flat = (groups: { vmis: { namespace: string; name: string }[] }[], key: (g: never) => string | null) =>
        new Map(groups.map((g) => [key(g as never), g.vmis.map((v) => `${v.namespace}/${v.name}`)]));
      assert.deepEqual(flat(delta.gained, (g: { from: string | null }) => g.from), gained, `gained: ${oldPolicy?.name} → ${newPolicy?.name}`);
      assert.deepEqual(flat(delta.lost, (g: { to: string | null }) => g.to), lost, `lost: ${oldPolicy?.name} → ${newPolicy?.name}`);
      const stat = (s: { matched: number; won: number } | undefined) => ({ matched: s?.matched ?? 0, won: s?.won ?? 0 });
      assert.deepEqual(delta.before, stat(oldPolicy && before.stats.get(oldPolicy.name)));
      assert.deepEqual(delta.after, stat(newPolicy && after.stats.get(newPolicy.name)));
    }
  });
}

/** The delta as it was computed before deltas were cached: through a derived evaluation (withPolicies). */
function deltaByDerivation(evaluation: Evaluation, oldPolicy: PolicyInfo | undefined, newPolicy: PolicyInfo | undefined) {
  const oldName = oldPolicy?.name;
  const newName = newPolicy?.name;
  const after = evaluation.withPolicies(newPolicy ? [newPolicy] : [], oldName !== undefined && oldName !== newName ? [oldName] : []);
  const ids = new Set<number>([...(oldName !== undefined ? evaluation.matchesOf(oldName) : []), ...(newName !== undefined ? after.matchesOf(newName) : [])]);
  const gained = new Map<string | null, { namespace: string; name: string }[]>();
  const lost = new Map<string | null, { namespace: string; name: string }[]>();
  for (const id of [...ids].sort((a, b) => a - b)) {
    const was = evaluation.winnerOf(id)?.name ?? null;
    const now = after.winnerOf(id)?.name ?? null;
    const ref = { namespace: evaluation.inventory.vmis[id].namespace, name: evaluation.inventory.vmis[id].name };
    const wonBefore = was !== null && was === oldName;
    const wonAfter = now !== null && now === newName;
    if (wonAfter && !wonBefore) gained.set(was, [...(gained.get(was) ?? []), ref]);
    if (wonBefore && !wonAfter) lost.set(now, [...(lost.get(now) ?? []), ref]);
  }
  const counts = (e: Evaluation, name: string | undefined) => {
    const s = name === undefined ? undefined : e.policyStats(name);
    return { matched: s?.matched ?? 0, won: s?.won ?? 0 };
  };
  const order = <V>(map: Map<string | null, V[]>) => [...map].sort((a, b) => b[1].length - a[1].length || ((a[0] ?? '') < (b[0] ?? '') ? -1 : (a[0] ?? '') > (b[0] ?? '') ? 1 : 0));
  return {
    policy: newName ?? oldName ?? '',
    before: counts(evaluation, oldName),
    after: counts(after, newName),
    gained: order(gained).map(([from, vmis]) => ({ from, vmis })),
    lost: order(lost).map(([to, vmis]) => ({ to, vmis })),
  };
}

for (const seed of [5, 6, 7]) {
  test(`random cluster ${seed}: cached deltas over random edits of a file equal deltas through a derivation, and only the edited policy's is derived again`, () => {
    const { data, random, randomPolicy } = randomCluster(seed);
    const inventory = new Inventory(data);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const clusterNames = data.policies.map((p) => p.name);
    // A file: some cluster policies' names (edited versions), some new names.
    const file: PolicyInfo[] = Array.from({ length: 30 }, (_, i) => ({ ...randomPolicy(i % 2 ? pick(clusterNames) : `file-${i}`), origin: workspace(`f${i}`) }));
    const evaluations = [inventory.evaluate(), inventory.evaluate().withPolicies([randomPolicy(pick(clusterNames)), randomPolicy('extra')], [pick(clusterNames)])];
    for (const evaluation of evaluations) {
      let previous = new Map<PolicyInfo, unknown>();
      for (let step = 0; step < 25; step++) {
        const at = Math.floor(random() * file.length);
        const was = file[at];
        const r = random();
        // A new version with other selectors, the same selectors (a value edit), another name, or a cluster policy's name.
        if (r < 0.4) file[at] = { ...randomPolicy(was.name), origin: was.origin };
        else if (r < 0.7) file[at] = { ...was, spec: { ...was.spec, bandwidthPerMigration: `${step}Mi` } };
        else if (r < 0.85) file[at] = { ...was, name: `renamed-${step}` };
        else file[at] = { ...was, name: pick(clusterNames) };
        const next = new Map<PolicyInfo, unknown>();
        for (const p of file) {
          const clusterVersion = inventory.policy(p.name);
          const cached = evaluation.deltaIds(clusterVersion, p);
          next.set(p, cached);
          assert.equal(evaluation.deltaIds(clusterVersion, p), cached, 'asked again: the same delta');
          if (previous.has(p)) assert.equal(cached, previous.get(p), `${p.name}: an unedited policy's delta is not derived again`);
          const reference = deltaByDerivation(evaluation, clusterVersion, p);
          assert.deepEqual(evaluation.delta(clusterVersion, p), reference, `step ${step}: ${clusterVersion?.name} → ${p.name}`);
          assert.deepEqual(describeDelta(cached), describeDelta(reference));
        }
        for (const old of [pick(data.policies), undefined]) {
          const p = pick(file);
          assert.deepEqual(evaluation.delta(old, undefined), deltaByDerivation(evaluation, old, undefined), `step ${step}: ${old?.name} deleted`);
          assert.deepEqual(evaluation.delta(old, p), deltaByDerivation(evaluation, old, p), `step ${step}: ${old?.name} → ${p.name}`);
        }
        previous = next;
      }
    }
  });
}

test('the example cluster: matched, won and lost per policy', () => {
  const evaluation = new Inventory(example).evaluate();
  assert.deepEqual(
    evaluation.allStats().map((s) => `${s.name}: ${s.matched}/${s.won}${[...s.lostTo].map(([n, c]) => ` ${n}:${c}`).join('')}`),
    [
      'batch-jobs: 5/5',
      'databases: 7/7',
      'legacy-web: 9/0 web-servers:9',
      'nightly: 8/4 batch-jobs:4',
      'web-servers: 9/9',
      'zz-default: 48/23 web-servers:9 databases:7 batch-jobs:5 nightly:4',
    ],
  );
  const inventory = new Inventory(example);
  assert.equal(inventory.evaluate(), inventory.evaluate(), 'the cluster evaluation is computed once per inventory');
});

test('workspace policies replace cluster policies of the same name', () => {
  const inventory = new Inventory(example);
  const base = inventory.evaluate();
  const databases = policy('databases', { virtualMachineInstanceSelector: { 'workload-type': 'db' } }, {}, workspace('databases'));
  const evaluation = base.withPolicies([databases]);
  assert.equal(evaluation.policyStats('databases')?.policy.origin.kind, 'workspace');
  assert.deepEqual([evaluation.policyStats('databases')?.matched, evaluation.policyStats('databases')?.won], [10, 10]);
  assert.equal(evaluation.winnerOf(inventory.vmiId('dev', 'postgres-dev') as number)?.name, 'databases');
  assert.equal(base.winnerOf(inventory.vmiId('dev', 'postgres-dev') as number)?.name, 'zz-default');
  assert.deepEqual(evaluation.policies.map((p) => p.name), base.policies.map((p) => p.name));
});

test('a replacement that keeps the selectors swaps the policy without re-evaluating', () => {
  const inventory = new Inventory(example);
  const base = inventory.evaluate();
  const edited = { ...example.policies[1], spec: { ...example.policies[1].spec, bandwidthPerMigration: '1Gi' }, origin: workspace('databases') };
  const evaluation = base.withPolicies([edited]);
  const id = inventory.vmiId('prod-db', 'mysql-0') as number;
  assert.equal(evaluation.winnerOf(id), edited);
  assert.equal(evaluation.matchingPolicies(id)[0], edited);
  assert.equal(evaluation.policyStats('databases')?.policy, edited);
  assert.deepEqual(evaluation.delta(edited, { ...edited, spec: {} }), { policy: 'databases', before: { matched: 7, won: 7 }, after: { matched: 7, won: 7 }, gained: [], lost: [] });
});

test('delta says which VMIs a new version gains, from whom, and loses, to whom', () => {
  const base = new Inventory(example).evaluate();
  const wider = policy('databases', { virtualMachineInstanceSelector: { 'workload-type': 'db' } }, {}, workspace('databases'));
  const delta = base.delta(example.policies[1], wider);
  assert.deepEqual(describeDelta(delta), ['+3 VMIs from zz-default']);
  assert.deepEqual(delta.gained[0].vmis, [
    { namespace: 'dev', name: 'postgres-dev' },
    { namespace: 'staging', name: 'postgres-0' },
    { namespace: 'staging', name: 'postgres-1' },
  ]);
  const narrower = policy('web-servers', { virtualMachineInstanceSelector: { app: 'web', 'workload-type': 'web' }, namespaceSelector: { env: 'prod' } });
  assert.deepEqual(describeDelta(base.delta(example.policies[4], narrower)), ['\u22123 VMIs to legacy-web']);
  assert.deepEqual(describeDelta(base.delta(example.policies[5], undefined)), ['\u221223 VMIs to cluster defaults']);
  assert.deepEqual(describeDelta(base.delta(undefined, policy('a-all', {}))), ['+23 VMIs from zz-default']);
  const renamed = base.delta(example.policies[0], policy('jobs', { virtualMachineInstanceSelector: { 'workload-type': 'batch' } }));
  assert.deepEqual([describeDelta(renamed), renamed.before, renamed.after], [[], { matched: 5, won: 5 }, { matched: 5, won: 5 }], 'a renamed policy keeps its VMIs');
});

test('report lists matched VMIs with the winner and the reason', () => {
  const inventory = new Inventory(example);
  const evaluation = inventory.evaluate();
  const legacy = evaluation.report('legacy-web');
  assert.deepEqual([legacy?.policy, legacy?.matched, legacy?.won, legacy?.vmis.length], ['legacy-web', 9, 0, 9]);
  assert.deepEqual(legacy?.vmis[0], { namespace: 'prod-web', name: 'frontend-0', winner: 'web-servers', score: { vmiLabels: 1, namespaceLabels: 0 }, reason: '`web-servers` wins: more matched labels (2 vs 1)' });
  assert.equal(evaluation.report('batch-jobs')?.vmis[0].reason, 'wins over `nightly`: tie on labels (1 VMI, 0 namespace): `batch-jobs` sorts before `nightly`');
  assert.equal(evaluation.report('nightly')?.vmis.find((v) => v.name === 'etl-0')?.reason, '`batch-jobs` wins: tie on labels (1 VMI, 0 namespace): `batch-jobs` sorts before `nightly`');
  const scratch = evaluation.report('zz-default')?.vmis.find((v) => v.name === 'scratch');
  assert.deepEqual(scratch, { namespace: 'dev', name: 'scratch', winner: 'zz-default', score: { vmiLabels: 0, namespaceLabels: 0 }, reason: 'the only matching policy' });
  assert.equal(evaluation.report('zz-default', 5)?.vmis.length, 5);
  assert.equal(evaluation.report('zz-default', 5)?.matched, 48);
  assert.equal(evaluation.report('missing'), undefined);
});

test('a selector on kubevirt.io/migrationTargetNodeName matches only at migration time', () => {
  const inventory = new Inventory(example);
  const toNode2 = policy('postgres-to-node-2', { virtualMachineInstanceSelector: { app: 'postgres', [MIGRATION_TARGET_NODE_LABEL]: 'node-02' } });
  const stats = inventory.evaluate().withPolicies([toNode2]).policyStats('postgres-to-node-2');
  assert.deepEqual([stats?.matched, stats?.won, stats?.atMigration], [0, 0, { targetNode: 'node-02', vmis: 7 }]);
  const stale = policy('stale', { virtualMachineInstanceSelector: { [MIGRATION_TARGET_NODE_LABEL]: 'node-03' } });
  assert.equal(inventory.matches(stale).length, 0, 'a value left by an earlier migration is not matched');
});

test('candidates come from the smallest posting list or the matching namespaces', () => {
  const inventory = new Inventory(example);
  const names = (ids: readonly number[]) => ids.map((id) => `${inventory.vmis[id].namespace}/${inventory.vmis[id].name}`);
  const prodDb = policy('x', { virtualMachineInstanceSelector: { 'workload-type': 'db' }, namespaceSelector: { env: 'prod' } });
  assert.equal(inventory.candidates(prodDb).length, 10, 'workload-type=db (10 VMIs) is smaller than the 34 VMIs of env=prod namespaces');
  assert.deepEqual(names(inventory.matches(prodDb)), ['prod-db/mysql-0', 'prod-db/mysql-1', 'prod-db/mysql-2', 'prod-db/postgres-0', 'prod-db/postgres-1', 'prod-db/postgres-2', 'prod-db/postgres-3']);
  const dev = policy('x', { namespaceSelector: { [NAMESPACE_NAME_LABEL]: 'dev' }, virtualMachineInstanceSelector: { 'kubevirt.io/nodeName': 'node-01' } });
  assert.deepEqual(names(inventory.candidates(dev)), ['dev/postgres-dev', 'dev/scratch', 'dev/windows-test', 'dev/workstation-alice', 'dev/workstation-bob', 'dev/workstation-carol']);
  assert.equal(inventory.candidates(policy('x', {})).length, 48);
  assert.equal(inventory.candidates(policy('x', null)).length, 0);
  assert.equal(inventory.candidates(policy('x', { virtualMachineInstanceSelector: { app: 'nope' } })).length, 0);
});

test('VMIs in namespaces missing from the data get the automatic name label', () => {
  const inventory = new Inventory({ namespaces: [], vmis: [{ namespace: 'ghost', name: 'vm', labels: {} }], policies: [policy('by-name', { namespaceSelector: { [NAMESPACE_NAME_LABEL]: 'ghost' } })] });
  assert.deepEqual(inventory.assumedNamespaces, ['ghost']);
  assert.equal(inventory.evaluate().winnerOf(0)?.name, 'by-name');
  assert.equal(inventory.vmiId('ghost', 'vm'), 0);
  assert.equal(inventory.vmiId('ghost', 'other'), undefined);
  assert.equal(inventory.vmiId('nowhere', 'vm'), undefined);
});

test('duplicate VMIs and policies: the last of each name counts', () => {
  const inventory = new Inventory({
    namespaces: [{ name: 'a', labels: {} }],
    vmis: [
      { namespace: 'a', name: 'vm', labels: { app: 'old' } },
      { namespace: 'a', name: 'other', labels: {} },
      { namespace: 'a', name: 'vm', labels: { app: 'new' } },
    ],
    policies: [policy('p', { virtualMachineInstanceSelector: { app: 'old' } }), policy('p', { virtualMachineInstanceSelector: { app: 'new' } })],
  });
  assert.deepEqual(inventory.vmis.map((v) => `${v.name}:${v.labels.app ?? '-'}`), ['other:-', 'vm:new']);
  assert.equal(inventory.evaluate().winnerOf(inventory.vmiId('a', 'vm') as number)?.name, 'p');
  assert.equal(inventory.evaluate().policyStats('p')?.matched, 1);
});

test('labelCounts: namespace labels over namespaces, VMI labels over VMIs, most frequent first', () => {
  const counts = new Inventory(example).labelCounts();
  assert.deepEqual(counts.namespace.slice(0, 4), [
    { key: 'env', value: 'prod', count: 4, source: 'cluster' },
    { key: 'team', value: 'data', count: 2, source: 'cluster' },
    { key: 'team', value: 'web', count: 2, source: 'cluster' },
    { key: 'env', value: 'dev', count: 1, source: 'cluster' },
  ]);
  assert.equal(counts.namespace.filter((l) => l.key === NAMESPACE_NAME_LABEL).length, 7);
  assert.deepEqual(counts.vmi.slice(0, 7).map((l) => `${l.key}=${l.value}:${l.count}`), [
    'workload-type=web:15',
    'tier=gold:14',
    'kubevirt.io/nodeName=node-01:12',
    'kubevirt.io/nodeName=node-02:12',
    'kubevirt.io/nodeName=node-03:12',
    'kubevirt.io/nodeName=node-04:12',
    'workload-type=db:10',
  ]);
  assert.equal(counts.vmi.find((l) => l.key === 'schedule')?.count, 8);
  assert.ok(!counts.vmi.some((l) => l.key === MIGRATION_TARGET_NODE_LABEL), 'the controller overwrites it: never a useful suggestion');
});

test('policyInfoFromObject: selectors as the API server would store them', () => {
  const info = (spec: unknown) => policyInfoFromObject({ kind: 'MigrationPolicy', metadata: { name: 'p' }, spec }, workspace('p'));
  assert.deepEqual(info({ selectors: { virtualMachineInstanceSelector: { tier: 1, gpu: true, gone: null, app: 'db' } } })?.vmiSelector, { tier: '1', gpu: 'true', app: 'db' });
  const legacy = info({ selectors: { namespaceSelector: { matchLabels: { team: 'x' } } } });
  assert.deepEqual([legacy?.hasSelectors, legacy?.namespaceSelector], [false, {}]);
  assert.equal(info({ selectors: { namespaceSelector: 'team=x' } })?.hasSelectors, false);
  assert.equal(info({ selectors: { namespaceSelector: null } })?.hasSelectors, true);
  assert.equal(info(undefined)?.hasSelectors, false);
  assert.equal(policyInfoFromObject({ kind: 'Namespace', metadata: { name: 'p' } }, { kind: 'cluster' }), undefined);
  assert.equal(policyInfoFromObject({ kind: 'MigrationPolicy', metadata: {} }, { kind: 'cluster' }), undefined);
  assert.equal(policyInfoFromObject('MigrationPolicy', { kind: 'cluster' }), undefined);
});

test('input in any order, with duplicates: ids, namespace runs, label postings and counts agree with the kept VMIs', () => {
  // The index reads labels in input order and maps them to ids (inventory.ts inputOrder): shuffled input,
  // later copies with other labels, and namespaces missing from the data must come out as if sorted first.
  const { data } = randomCluster(21);
  const random = prng(22);
  const copies = data.vmis.filter(() => random() < 0.2).map((v) => ({ ...v, labels: { ...v.labels, app: ['db', 'web', 'cache'][Math.floor(random() * 3)] } }));
  const input = [...data.vmis, ...copies];
  for (let i = input.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [input[i], input[j]] = [input[j], input[i]];
  }
  const inventory = new Inventory({ ...data, vmis: input });
  const last = new Map(input.map((v) => [`${v.namespace}/${v.name}`, v]));
  assert.equal(inventory.vmis.length, last.size);
  assert.ok(inventory.vmis.every((v) => last.get(`${v.namespace}/${v.name}`) === v), 'the last copy of each VMI is kept');
  inventory.vmis.forEach((v, id) => {
    assert.equal(inventory.vmiId(v.namespace, v.name), id);
    assert.equal(inventory.namespaceLabels(id)[NAMESPACE_NAME_LABEL], v.namespace);
  });
  assertSameAsBruteForce(inventory.evaluate(), data.policies, 'shuffled with duplicates');
  for (const [key, values] of Object.entries(VMI_LABELS)) {
    for (const value of values) {
      const want = inventory.vmis.flatMap((v, id) => (v.labels[key] === value ? [id] : []));
      assert.deepEqual(inventory.matches(policy('one', { virtualMachineInstanceSelector: { [key]: value } })), want, `${key}=${value}`);
    }
  }
  const counts = new Map<string, number>();
  for (const v of inventory.vmis) for (const [key, value] of Object.entries(v.labels)) if (key !== MIGRATION_TARGET_NODE_LABEL) counts.set(`${key}=${value}`, (counts.get(`${key}=${value}`) ?? 0) + 1);
  assert.deepEqual(new Map(inventory.labelCounts().vmi.map((l) => [`${l.key}=${l.value}`, l.count])), counts);
});

test('sortedUnique: namespaces, then names in UTF-16 order, the last of duplicates kept, as a stable sort would', () => {
  const vmi = (namespace: string, name: string, tag: string) => ({ namespace, name, labels: { tag } });
  const input = [vmi('b', 'x', '1'), vmi('a', 'z', '2'), vmi('B', 'y', '3'), vmi('a', 'y', '4'), vmi('b', 'x', '5'), vmi('a', 'z', '6'), vmi('b', 'w', '7'), vmi('a', 'Z', '8')];
  assert.deepEqual(
    sortedUnique(input).map((v) => `${v.namespace}/${v.name}#${v.labels.tag}`),
    ['B/y#3', 'a/Z#8', 'a/y#4', 'a/z#6', 'b/w#7', 'b/x#5'],
  );
  assert.deepEqual(sortedUnique([]), []);
  // Against the obvious version (a stable sort by namespace and name, then the last of each run), on random input with duplicates.
  const random = prng(7);
  const many = Array.from({ length: 3000 }, (_, i) => vmi(`ns-${Math.floor(random() * 40)}`, `vm-${Math.floor(random() * 900)}`, String(i)));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...many].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  const expected = sorted.filter((v, i) => i === sorted.length - 1 || sorted[i + 1].name !== v.name || sorted[i + 1].namespace !== v.namespace);
  const got = sortedUnique(many);
  assert.equal(got.length, expected.length);
  assert.ok(got.every((v, i) => v === expected[i]));
});

test('the index reads label keys in any order and any number per VMI, each key indexed when first asked for', () => {
  const inventory = new Inventory({
    namespaces: [{ name: 'ns', labels: { [NAMESPACE_NAME_LABEL]: 'ns' } }],
    vmis: [
      { namespace: 'ns', name: 'v1', labels: { a: '1', b: '2' } },
      { namespace: 'ns', name: 'v2', labels: { b: '2', a: '1' } },
      { namespace: 'ns', name: 'v3', labels: { a: '1' } },
      { namespace: 'ns', name: 'v4', labels: { c: '1', a: '2', [MIGRATION_TARGET_NODE_LABEL]: 'n1', b: '2' } },
      { namespace: 'ns', name: 'v5', labels: {} },
      { namespace: 'ns', name: 'v6', labels: { a: '1', b: '3' } },
    ],
    policies: [],
  });
  const names = (vmiSelector: Record<string, string>) => inventory.matches(policy('p', { virtualMachineInstanceSelector: vmiSelector })).map((id) => inventory.vmis[id].name);
  assert.deepEqual(names({ a: '1' }), ['v1', 'v2', 'v3', 'v6']);
  assert.deepEqual(names({ b: '2' }), ['v1', 'v2', 'v4']);
  assert.deepEqual(names({ a: '1', b: '2' }), ['v1', 'v2']);
  assert.deepEqual(names({ c: '1', b: '2' }), ['v4']);
  assert.deepEqual(names({ a: '2', c: '1' }), ['v4']);
  assert.deepEqual(names({}), ['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
  assert.deepEqual(
    inventory.labelCounts().vmi.map((l) => `${l.key}=${l.value}:${l.count}`),
    ['a=1:4', 'b=2:3', 'a=2:1', 'b=3:1', 'c=1:1'],
  );
});

test('vmiFromObject and namespaceFromObject keep a label map of strings as it is and copy any other', () => {
  const labels = { app: 'db', tier: 'gold' };
  assert.equal(vmiFromObject({ metadata: { name: 'v', namespace: 'ns', labels } })?.labels, labels);
  assert.equal(namespaceFromObject({ metadata: { name: 'ns', labels } })?.labels, labels);
  const withNull = { app: 'db', tier: null, size: 3 };
  const copied = vmiFromObject({ metadata: { name: 'v', namespace: 'ns', labels: withNull } })?.labels;
  assert.notEqual(copied, withNull);
  assert.deepEqual(copied, { app: 'db', tier: '' });
  // JSON.parse makes `__proto__` an own key; as before, it is not a label.
  const parsed = JSON.parse('{"metadata":{"name":"v","namespace":"ns","labels":{"__proto__":"x","app":"db"}}}') as unknown;
  const read = vmiFromObject(parsed)?.labels as Record<string, string>;
  assert.deepEqual(Object.keys(read), ['app']);
  assert.equal(Object.hasOwn(read, '__proto__'), false);
  assert.equal(Object.getPrototypeOf(read), Object.prototype);
  const bare = Object.assign(Object.create(null) as Record<string, string>, { app: 'db' });
  const fromBare = vmiFromObject({ metadata: { name: 'v', namespace: 'ns', labels: bare } })?.labels;
  assert.notEqual(fromBare, bare);
  assert.deepEqual(fromBare, { app: 'db' });
});

test('built on first use: label keys when a selector names them, the per-VMI CSR when a derived evaluation or matchingPolicies reads it', () => {
  const { data, randomPolicy } = randomCluster(11);
  const inventory = new Inventory(data);
  const internals = inventory as unknown as { pairIds: Map<string, unknown> };
  assert.deepEqual([...internals.pairIds.keys()], []);
  const selected = new Set(inventory.policies.flatMap((p) => (p.hasSelectors ? Object.keys(p.vmiSelector) : [])));
  const evaluation = inventory.evaluate();
  const csr = (e: Evaluation) => (e as unknown as { csr: unknown }).csr;
  const stats = evaluation.allStats().map((s) => [s.name, s.matched, s.won, [...s.lostTo]]);
  assert.ok([...internals.pairIds.keys()].every((key) => selected.has(key)));
  assert.equal(csr(evaluation), undefined);
  // No override: nothing is re-evaluated, so the CSR is not needed.
  const same = evaluation.withPolicies([]);
  assert.equal(csr(evaluation), undefined);
  assert.deepEqual(same.allStats().map((s) => [s.name, s.matched, s.won, [...s.lostTo]]), stats);
  // An override reads it; the result equals a full evaluation of the same policies.
  const replacement = { ...randomPolicy(inventory.policies[3].name) };
  const derived = evaluation.withPolicies([replacement]);
  const fresh = inventory.evaluate([...inventory.policies.filter((p) => p.name !== replacement.name), replacement]);
  assert.deepEqual(
    derived.allStats().map((s) => [s.name, s.matched, s.won, [...s.lostTo].sort()]),
    fresh.allStats().map((s) => [s.name, s.matched, s.won, [...s.lostTo].sort()]),
  );
  assert.deepEqual(inventory.vmis.map((_, id) => derived.winnerOf(id)?.name ?? null), inventory.vmis.map((_, id) => fresh.winnerOf(id)?.name ?? null));
  assert.deepEqual(inventory.vmis.map((_, id) => derived.matchingPolicies(id).map((p) => p.name)), inventory.vmis.map((_, id) => fresh.matchingPolicies(id).map((p) => p.name)));
  assert.notEqual(csr(evaluation), undefined);
  // labelCounts reads every key.
  inventory.labelCounts();
  assert.deepEqual([...internals.pairIds.keys()].sort(), ['app', 'tier', 'workload-type', 'zone', MIGRATION_TARGET_NODE_LABEL].sort());
});
