// cluster/inventory.ts on a cluster small enough to work out by hand: which VMIs `candidates` takes (the
// smallest posting list of the VMI selector or the VMIs of the matching namespaces, whichever is smaller;
// ties as written), `vmiId`'s binary search over every position of a namespace, namespaces sorted by name,
// namespace selectors needing every entry, the automatic namespace-name label (Kubernetes ≥ 1.21 sets
// `kubernetes.io/metadata.name` on every namespace), keys a label map only inherits being no labels (as
// policy/matching.ts countMatchingLabels, after KubeVirt's migrationpolicy.go countLabelsHelper, reads them),
// and the lists `matches` shares instead of copying.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import { policyInfoFromObject } from '../../server/src/cluster/objects';
import type { ClusterData, PolicyInfo } from '../../server/src/cluster/types';

const policy = (name: string, vmi: Record<string, string> | undefined, ns?: Record<string, string>): PolicyInfo =>
  policyInfoFromObject({ kind: 'MigrationPolicy', metadata: { name }, spec: { selectors: { virtualMachineInstanceSelector: vmi, namespaceSelector: ns } } }, { kind: 'cluster' }) as PolicyInfo;

// Namespaces (given out of order): a {env: prod, team: x}, b {env: prod, team: y}, c {env: dev, team: x}.
// VMIs, ids after sorting by namespace and name:
//   0 a/a1 {app: db, tier: gold}   1 a/a2 {app: db, zone: z}   2 a/a3 {app: web, tier: gold}
//   3 b/b1 {app: db, tier: gold}   4 b/b2 {app: web, zone: z}
//   5 c/c1 {app: db}   6 c/c2 {app: db, tier: gold}   7 c/c3 {app: web}   8 c/c4 {app: db, tier: silver, zone: z}
// Posting lists: app=db [0,1,3,5,6,8] (6), app=web [2,4,7] (3), tier=gold [0,2,3,6] (4), tier=silver [8] (1),
// zone=z [1,4,8] (3). VMIs per namespace selector: env=prod 0-4 (5), env=dev 5-8 (4), team=x 0-2 and 5-8 (7).
function cluster(): ClusterData {
  return {
    namespaces: [
      { name: 'c', labels: { env: 'dev', team: 'x' } },
      { name: 'a', labels: { env: 'prod', team: 'x' } },
      { name: 'b', labels: { env: 'prod', team: 'y' } },
    ],
    vmis: [
      { namespace: 'c', name: 'c3', labels: { app: 'web' } },
      { namespace: 'b', name: 'b2', labels: { app: 'web', zone: 'z' } },
      { namespace: 'a', name: 'a1', labels: { app: 'db', tier: 'gold' } },
      { namespace: 'c', name: 'c1', labels: { app: 'db' } },
      { namespace: 'a', name: 'a3', labels: { app: 'web', tier: 'gold' } },
      { namespace: 'c', name: 'c4', labels: { app: 'db', tier: 'silver', zone: 'z' } },
      { namespace: 'b', name: 'b1', labels: { app: 'db', tier: 'gold' } },
      { namespace: 'a', name: 'a2', labels: { app: 'db', zone: 'z' } },
      { namespace: 'c', name: 'c2', labels: { app: 'db', tier: 'gold' } },
    ],
    policies: [],
  };
}

const names = (inventory: Inventory, ids: readonly number[]) => ids.map((id) => inventory.vmis[id].name);

test('the cluster as indexed: VMIs by namespace then name, namespaces sorted by name whatever order the data had', () => {
  const inventory = new Inventory(cluster());
  assert.deepEqual(names(inventory, inventory.vmis.map((_, id) => id)), ['a1', 'a2', 'a3', 'b1', 'b2', 'c1', 'c2', 'c3', 'c4']);
  assert.deepEqual(inventory.namespaces.map((n) => n.name), ['a', 'b', 'c']);
  assert.deepEqual(inventory.assumedNamespaces, []);
});

test('a namespace selector over namespaces given out of order yields its VMIs in id order', () => {
  const inventory = new Inventory(cluster());
  // team=x: namespaces a and c (c came first in the data).
  assert.deepEqual(names(inventory, inventory.matches(policy('p', undefined, { team: 'x' }))), ['a1', 'a2', 'a3', 'c1', 'c2', 'c3', 'c4']);
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', undefined, { team: 'x' }))), ['a1', 'a2', 'a3', 'c1', 'c2', 'c3', 'c4']);
});

test('candidates of a VMI selector: the smallest posting list, whichever key comes first', () => {
  const inventory = new Inventory(cluster());
  // tier=gold (4) is smaller than app=db (6), named first or last.
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { tier: 'gold', app: 'db' }))), ['a1', 'a3', 'b1', 'c2']);
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { app: 'db', tier: 'gold' }))), ['a1', 'a3', 'b1', 'c2']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { tier: 'gold', app: 'db' }))), ['a1', 'b1', 'c2']);
  // app=web and zone=z hold 3 VMIs each: the first named is kept.
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { app: 'web', zone: 'z' }))), ['a3', 'b2', 'c3']);
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { zone: 'z', app: 'web' }))), ['a2', 'b2', 'c4']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { app: 'web', zone: 'z' }))), ['b2']);
});

test('candidates of a VMI selector alone are its posting list, not every VMI', () => {
  const inventory = new Inventory(cluster());
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { app: 'web' }))), ['a3', 'b2', 'c3']);
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { tier: 'silver' }))), ['c4']);
  assert.equal(inventory.candidates(policy('p', {})).length, 9);
});

test('candidates with both selectors: the posting list when it is smaller than the namespaces\' VMIs, else those VMIs', () => {
  const inventory = new Inventory(cluster());
  // tier=silver (1 VMI) < env=prod (5 VMIs): the posting list; the VMI is in c, so nothing matches.
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { tier: 'silver' }, { env: 'prod' }))), ['c4']);
  assert.deepEqual(inventory.matches(policy('p', { tier: 'silver' }, { env: 'prod' })), []);
  // app=web (3 VMIs) < env=prod (5): the posting list, of which a3 and b2 are in prod namespaces.
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { app: 'web' }, { env: 'prod' }))), ['a3', 'b2', 'c3']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { app: 'web' }, { env: 'prod' }))), ['a3', 'b2']);
  // app=db (6 VMIs) ≥ env=prod (5): the namespaces' VMIs.
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { app: 'db' }, { env: 'prod' }))), ['a1', 'a2', 'a3', 'b1', 'b2']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { app: 'db' }, { env: 'prod' }))), ['a1', 'a2', 'b1']);
  // tier=gold (4 VMIs) = env=dev (4): a tie takes the namespaces' VMIs.
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { tier: 'gold' }, { env: 'dev' }))), ['c1', 'c2', 'c3', 'c4']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { tier: 'gold' }, { env: 'dev' }))), ['c2']);
  // app=db (6) < team=x (7 VMIs, namespaces a and c).
  assert.deepEqual(names(inventory, inventory.candidates(policy('p', { app: 'db' }, { team: 'x' }))), ['a1', 'a2', 'b1', 'c1', 'c2', 'c4']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { app: 'db' }, { team: 'x' }))), ['a1', 'a2', 'c1', 'c2', 'c4']);
});

test('a namespace selector needs every entry: a namespace that carries one of them with another value is left out', () => {
  const inventory = new Inventory(cluster());
  // env=prod holds a and b, team=x holds a and c: only a carries both.
  assert.deepEqual(names(inventory, inventory.matches(policy('p', undefined, { env: 'prod', team: 'x' }))), ['a1', 'a2', 'a3']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', undefined, { team: 'x', env: 'prod' }))), ['a1', 'a2', 'a3']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { app: 'db' }, { env: 'prod', team: 'y' }))), ['b1']);
  assert.deepEqual(inventory.matches(policy('p', undefined, { env: 'dev', team: 'y' })), []);
  // A namespace without the key at all.
  const sparse = new Inventory({ namespaces: [{ name: 'a', labels: { env: 'prod' } }, { name: 'b', labels: { env: 'prod', team: 'x' } }], vmis: [{ namespace: 'a', name: 'v', labels: {} }, { namespace: 'b', name: 'w', labels: {} }], policies: [] });
  assert.deepEqual(names(sparse, sparse.matches(policy('p', undefined, { env: 'prod', team: 'x' }))), ['w']);
});

test('vmiId finds every VMI at every position of its namespace, and nothing for names between, around or in another namespace', () => {
  const inventory = new Inventory(cluster());
  inventory.vmis.forEach((v, id) => assert.equal(inventory.vmiId(v.namespace, v.name), id, `${v.namespace}/${v.name}`));
  for (const [namespace, name] of [['c', 'c0'], ['c', 'c15'], ['c', 'c25'], ['c', 'c35'], ['c', 'c5'], ['a', 'a0'], ['a', 'a4'], ['a', 'b1'], ['b', 'a3'], ['b', 'c1'], ['a', 'c1'], ['d', 'a1'], ['', 'a1']]) {
    assert.equal(inventory.vmiId(namespace, name), undefined, `${namespace}/${name}`);
  }
  const one = new Inventory({ namespaces: [], vmis: [{ namespace: 'n', name: 'm', labels: {} }], policies: [] });
  assert.deepEqual([one.vmiId('n', 'm'), one.vmiId('n', 'a'), one.vmiId('n', 'z')], [0, undefined, undefined]);
});

test('a VMI in a namespace the data lacks gets a namespace labelled kubernetes.io/metadata.name=<its name>, once', () => {
  const inventory = new Inventory({
    namespaces: [{ name: 'b', labels: { env: 'prod' } }],
    vmis: [
      { namespace: 'ghost', name: 'v2', labels: {} },
      { namespace: 'b', name: 'v1', labels: {} },
      { namespace: 'ghost', name: 'v1', labels: {} },
      { namespace: 'a', name: 'v1', labels: {} },
    ],
    policies: [],
  });
  assert.deepEqual(inventory.assumedNamespaces, ['a', 'ghost']);
  assert.deepEqual(inventory.namespaces, [
    { name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } },
    { name: 'b', labels: { env: 'prod' } },
    { name: 'ghost', labels: { 'kubernetes.io/metadata.name': 'ghost' } },
  ]);
  assert.deepEqual(inventory.namespaceLabels(inventory.vmiId('ghost', 'v2') as number), { 'kubernetes.io/metadata.name': 'ghost' });
  assert.deepEqual(names(inventory, inventory.matches(policy('p', undefined, { 'kubernetes.io/metadata.name': 'ghost' }))), ['v1', 'v2']);
  assert.deepEqual(inventory.labelCounts().namespace, [
    { key: 'env', value: 'prod', count: 1, source: 'cluster' },
    { key: 'kubernetes.io/metadata.name', value: 'a', count: 1, source: 'cluster' },
    { key: 'kubernetes.io/metadata.name', value: 'ghost', count: 1, source: 'cluster' },
  ]);
});

test('keys a label map only inherits are no labels: not matched, not counted, as countMatchingLabels reads them', () => {
  const inherits = <T extends Record<string, string>>(proto: Record<string, string>, own: T): T => Object.assign(Object.create(proto) as T, own);
  const inventory = new Inventory({
    namespaces: [{ name: 'a', labels: inherits({ team: 'x' }, { env: 'prod' }) }],
    vmis: [
      { namespace: 'a', name: 'v1', labels: inherits({ app: 'db' }, { tier: 'gold' }) },
      { namespace: 'a', name: 'v2', labels: { app: 'db' } },
    ],
    policies: [],
  });
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { app: 'db' }))), ['v2']);
  assert.deepEqual(inventory.matches(policy('p', undefined, { team: 'x' })), []);
  assert.deepEqual(inventory.labelCounts().namespace, [{ key: 'env', value: 'prod', count: 1, source: 'cluster' }]);
  assert.deepEqual(inventory.labelCounts().vmi.map((l) => `${l.key}=${l.value}:${l.count}`), ['app=db:1', 'tier=gold:1']);
  // A selector's inherited entry is no entry either: app=db alone selects both VMIs that carry it.
  const wide = new Inventory({ namespaces: [], vmis: [{ namespace: 'a', name: 'v1', labels: { app: 'db', tier: 'gold' } }, { namespace: 'a', name: 'v2', labels: { app: 'db' } }], policies: [] });
  const base = policy('p', { app: 'db' });
  assert.deepEqual(names(wide, wide.matches({ ...base, vmiSelector: inherits({ tier: 'gold' }, { app: 'db' }) })), ['v1', 'v2']);
});

test('matches shares its lists: all VMIs for empty selectors and the posting list for one label, the same array on every call', () => {
  const inventory = new Inventory(cluster());
  const all = policy('all', {});
  assert.equal(inventory.matches(all), inventory.matches(all));
  assert.ok(Object.isFrozen(inventory.matches(all)));
  assert.equal(inventory.matches(all).length, 9);
  const db = policy('db', { app: 'db' });
  assert.equal(inventory.matches(db), inventory.matches(db));
  assert.equal(inventory.matches(db), inventory.candidates(db));
  assert.deepEqual(names(inventory, inventory.matches(db)), ['a1', 'a2', 'b1', 'c1', 'c2', 'c4']);
});

test('candidates and matches of a policy that can match nothing: none, without a plan to read', () => {
  const inventory = new Inventory(cluster());
  for (const p of [policy('p', { app: 'cache' }), policy('p', undefined, { env: 'qa' }), policyInfoFromObject({ kind: 'MigrationPolicy', metadata: { name: 'p' }, spec: {} }, { kind: 'cluster' }) as PolicyInfo]) {
    assert.deepEqual(inventory.candidates(p), []);
    assert.deepEqual(inventory.matches(p), []);
  }
});

test('labelCounts: computed once, VMI labels by count descending, then key, then value; never the migration-time label', () => {
  const data = cluster();
  const inventory = new Inventory({ ...data, vmis: [...data.vmis, { namespace: 'b', name: 'b3', labels: { 'kubevirt.io/migrationTargetNodeName': 'node-1', zone: 'y' } }] });
  // Ask for zone and app first, so that the index holds them before tier.
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { zone: 'z', app: 'web' }))), ['b2']);
  const counts = inventory.labelCounts();
  assert.equal(inventory.labelCounts(), counts);
  assert.deepEqual(counts.vmi.map((l) => `${l.key}=${l.value}:${l.count}`), ['app=db:6', 'tier=gold:4', 'app=web:3', 'zone=z:3', 'tier=silver:1', 'zone=y:1']);
  assert.deepEqual(counts.namespace.map((l) => `${l.key}=${l.value}:${l.count}`), ['env=prod:2', 'team=x:2', 'env=dev:1', 'team=y:1']);
  // The migration-time label is not matched either: the controller overwrites it with the target node.
  assert.deepEqual(inventory.matches(policy('p', { 'kubevirt.io/migrationTargetNodeName': 'node-1' })), []);
});

test('a VMI listed twice is indexed once, with the labels of its last listing', () => {
  const inventory = new Inventory({ namespaces: [], vmis: [{ namespace: 'a', name: 'v', labels: { app: 'db' } }, { namespace: 'a', name: 'w', labels: { app: 'db' } }, { namespace: 'a', name: 'v', labels: { app: 'web' } }], policies: [] });
  assert.deepEqual(inventory.vmis.map((v) => `${v.name}:${v.labels.app}`), ['v:web', 'w:db']);
  assert.deepEqual(names(inventory, inventory.matches(policy('p', { app: 'db' }))), ['w']);
});
