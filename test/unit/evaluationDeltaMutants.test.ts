// cluster/evaluation.ts lines 301-619 on a cluster small enough to read: the delta caches (the last delta per
// new version, the cache per old name and selectors and its bound of 20,000 deltas), a replacement with the
// same selectors that re-evaluates nothing, which names `standingsChangedFrom` reports after a derivation,
// the losses object `standing` gives for a policy that loses nothing, and the per-VMI CSR built once.
// Expected values follow KubeVirt's precedence (pkg/virt-controller/watch/migration-policy matchPolicy: more
// matching labels win, then the policy name), worked out by hand below.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { policy, threeVmiCluster as cluster } from '../support/threeVmiCluster';
import type { Evaluation } from '../../server/src/cluster/evaluation';
import { Inventory, NAMESPACE_NAME_LABEL } from '../../server/src/cluster/inventory';
import { policyInfoFromObject } from '../../server/src/cluster/objects';
import type { PolicyInfo } from '../../server/src/cluster/types';

const winners = (inventory: Inventory, ev: Evaluation) => inventory.vmis.map((v, id) => `${v.name}:${ev.winnerOf(id)?.name ?? 'none'}`);

test('deltaIds: another object with the same name and selectors (labels in any order) gets the cached delta, also after other deltas', () => {
  const ev = new Inventory(cluster()).evaluate();
  const first = ev.deltaIds(undefined, policy('x', { app: 'db', tier: 'gold' }));
  // `x` (2 labels) loses vm-1 to `gold` by name.
  assert.deepEqual([first.policy, first.before, first.after, first.gained, first.lost], ['x', { matched: 0, won: 0 }, { matched: 1, won: 0 }, [], []]);
  assert.equal(ev.deltaIds(undefined, policy('x', { app: 'db', tier: 'gold' })), first);
  assert.equal(ev.deltaIds(undefined, policy('x', { tier: 'gold', app: 'db' })), first);
  const other = ev.deltaIds(undefined, policy('y', { app: 'web' }));
  assert.notEqual(other, first);
  assert.equal(ev.deltaIds(undefined, policy('x', { tier: 'gold', app: 'db' })), first);
  // The same name with other selectors is another delta.
  const wider = ev.deltaIds(undefined, policy('x', { app: 'db' }));
  assert.notEqual(wider, first);
  assert.deepEqual([wider.after, wider.gained.map((g) => [g.from, [...g.vmis]])], [{ matched: 2, won: 0 }, []]);
  // ... also with as many labels: `x` app=web matches vm-2 (and loses it to `web` by name), `x` app=cache nothing.
  const web = ev.deltaIds(undefined, policy('x', { app: 'web' }));
  const cache = ev.deltaIds(undefined, policy('x', { app: 'cache' }));
  assert.notEqual(web, cache);
  assert.deepEqual([web.after, cache.after], [{ matched: 1, won: 0 }, { matched: 0, won: 0 }]);
});

test('delta from a version this evaluation does not hold counts as from nothing; a deletion hands the VMIs to the next match', () => {
  const ev = new Inventory(cluster()).evaluate();
  // `ghost` is in no evaluation: the delta is that of a new `x` (app=web, which loses vm-2 to `web` by name).
  assert.deepEqual(ev.delta(policy('ghost', { app: 'db' }), policy('x', { app: 'web' })), { policy: 'x', before: { matched: 0, won: 0 }, after: { matched: 1, won: 0 }, gained: [], lost: [] });
  // Deleting `gold` (first in precedence): vm-1 goes to `db`.
  assert.deepEqual(ev.delta(ev.policyStats('gold')?.policy, undefined), {
    policy: 'gold',
    before: { matched: 1, won: 1 },
    after: { matched: 0, won: 0 },
    gained: [],
    lost: [{ to: 'db', vmis: [{ namespace: 'a', name: 'vm-1' }] }],
  });
});

test('deltaIds keeps at most 20,000 deltas: the 20,001st empties the cache, but the last delta of a version is still answered', () => {
  const ev = new Inventory(cluster()).evaluate();
  const fresh = policy('fresh', { app: 'web' });
  const first = ev.deltaIds(undefined, fresh);
  assert.deepEqual([first.after, first.gained.map((g) => [g.from, [...g.vmis]])], [{ matched: 1, won: 1 }, [['web', [1]]]]);
  for (let i = 0; i < 19_999; i++) ev.deltaIds(undefined, policy(`n-${i}`, { app: 'web' }));
  // 20,000 deltas held: still cached.
  assert.equal(ev.deltaIds(undefined, policy('fresh', { app: 'web' })), first);
  ev.deltaIds(undefined, policy('n-last', { app: 'web' }));
  // The cache was emptied: another object of the same selectors gets a delta computed anew (equal) ...
  const again = ev.deltaIds(undefined, policy('fresh', { app: 'web' }));
  assert.notEqual(again, first);
  assert.deepEqual(again, first);
  // ... while the version asked before keeps its last delta.
  assert.equal(ev.deltaIds(undefined, fresh), first);
});

test('delta of nothing to nothing is empty, under no name', () => {
  const ev = new Inventory(cluster()).evaluate();
  assert.deepEqual(ev.delta(undefined, undefined), { policy: '', before: { matched: 0, won: 0 }, after: { matched: 0, won: 0 }, gained: [], lost: [] });
});

test('the delta cache tells a new policy from the replacement of a policy whatever its name (snapshot names are not checked as DNS names)', () => {
  // `Stryker was here!` is the text the mutation tool writes in place of string literals; a snapshot may
  // name a policy anything. It wins vm-2 over `web` by name ('S' < 'w').
  const odd = policy('Stryker was here!', { app: 'web' });
  const ev = new Inventory(cluster([odd])).evaluate();
  assert.deepEqual(ev.delta(undefined, policy('x', { app: 'web' })), { policy: 'x', before: { matched: 0, won: 0 }, after: { matched: 1, won: 0 }, gained: [], lost: [] });
  assert.deepEqual(ev.delta(odd, policy('x', { app: 'web' })), {
    policy: 'x',
    before: { matched: 1, won: 1 },
    after: { matched: 1, won: 0 },
    gained: [],
    lost: [{ to: 'web', vmis: [{ namespace: 'a', name: 'vm-2' }] }],
  });
});

test('a replacement with the same selectors re-evaluates nothing: only its own name may fare differently', () => {
  const inventory = new Inventory(cluster());
  const ev = inventory.evaluate();
  // `gold` wins vm-1, which `db` matches too.
  const gold = policy('gold', { tier: 'gold', app: 'db' }, { allowPostCopy: true });
  const same = ev.withPolicies([gold]);
  assert.deepEqual([...(same.standingsChangedFrom(ev) ?? ['undefined'])], ['gold']);
  assert.equal(same.winnerOf(0), gold);
  assert.deepEqual(winners(inventory, same), ['vm-1:gold', 'vm-2:web', 'vm-3:db']);
  assert.equal(same.standing('db')?.losses, ev.standing('db')?.losses);
});

test('a replacement with the same labels but invalid selectors (hasSelectors false) matches nothing', () => {
  const inventory = new Inventory(cluster());
  const ev = inventory.evaluate();
  // A namespaceSelector holding a map: the API server would reject it, the policy matches nothing. Its labels
  // read as vmiSelector {app: web}, namespaceSelector {}, as the cluster's `web` has.
  const broken = policyInfoFromObject(
    { kind: 'MigrationPolicy', metadata: { name: 'web' }, spec: { selectors: { virtualMachineInstanceSelector: { app: 'web' }, namespaceSelector: { a: { b: 'c' } } } } },
    { kind: 'cluster' },
  ) as PolicyInfo;
  assert.deepEqual([broken.hasSelectors, broken.vmiSelector, broken.namespaceSelector], [false, { app: 'web' }, {}]);
  const derived = ev.withPolicies([broken]);
  assert.deepEqual(winners(inventory, derived), ['vm-1:gold', 'vm-2:none', 'vm-3:db']);
  assert.deepEqual([derived.policyStats('web')?.matched, derived.policyStats('web')?.won], [0, 0]);
});

test('standingsChangedFrom leaves out a policy whose VMIs kept their winner when an overridden policy touched them', () => {
  const inventory = new Inventory(cluster());
  const ev = inventory.evaluate();
  // `db` now selects tier=gold: it still matches vm-1 (won by `gold` before and after) and lets vm-3 go.
  const derived = ev.withPolicies([policy('db', { tier: 'gold' })]);
  assert.deepEqual(winners(inventory, derived), ['vm-1:gold', 'vm-2:web', 'vm-3:none']);
  assert.deepEqual([...(derived.standingsChangedFrom(ev) ?? ['undefined'])], ['db']);
  assert.equal(derived.standing('gold')?.losses, ev.standing('gold')?.losses);
});

test('standing: a policy that loses no VMI has no losses object, in a full and in a derived evaluation', () => {
  const ev = new Inventory(cluster()).evaluate();
  // gold (first in precedence), cache (matches nothing) and web lose nothing; db loses vm-1 to gold.
  assert.deepEqual(
    ['gold', 'cache', 'web'].map((name) => ev.standing(name)?.losses),
    [undefined, undefined, undefined],
  );
  assert.deepEqual([...((ev.standing('db')?.losses ?? new Map()) as Map<number, number>).values()], [1]);
  // `new` (app=web, 1 label) wins vm-2 over `web` by name and loses nothing; `web` now loses vm-2.
  const derived = ev.withPolicies([policy('new', { app: 'web' })]);
  assert.equal(derived.standing('new')?.losses, undefined);
  assert.deepEqual([derived.standing('new')?.won, derived.standing('web')?.won], [1, 0]);
  assert.deepEqual([...((derived.standing('web')?.losses ?? new Map()) as Map<number, number>).values()], [1]);
  assert.deepEqual([...(derived.policyStats('web')?.lostTo ?? [])], [['new', 1]]);
});

test('the per-VMI CSR is built once: later reads through derived evaluations and matchingPolicies reuse it', () => {
  const inventory = new Inventory(cluster());
  const ev = inventory.evaluate();
  const csr = (e: Evaluation) => (e as unknown as { csr: unknown }).csr;
  const derived = ev.withPolicies([policy('db', { tier: 'gold' })]);
  const built = csr(ev);
  assert.notEqual(built, undefined);
  assert.deepEqual(inventory.vmis.map((_, id) => derived.matchingPolicies(id).map((p) => p.name)), [['gold', 'db'], ['web'], []]);
  assert.deepEqual(inventory.vmis.map((_, id) => ev.matchingPolicies(id).map((p) => p.name)), [['gold', 'db'], ['web'], ['db']]);
  ev.withPolicies([policy('web', { app: 'db' })]).delta(undefined, policy('z', { app: 'db' }));
  assert.equal(csr(ev), built);
});

test('delta groups: most VMIs first, then by name in byte order, cluster defaults (no name) before any name', () => {
  // Every VMI has team=t; `top` selects team=t in namespace `a` (2 labels) and wins them all. Before it:
  // `web` wins two VMIs, `0-db` (a name that sorts before letters) one, and nothing matches the one with zone=x.
  // The VMIs come in two orders (groups are first made in VMI order), the groups' order is the same.
  const top = policyInfoFromObject(
    { kind: 'MigrationPolicy', metadata: { name: 'top' }, spec: { selectors: { virtualMachineInstanceSelector: { team: 't' }, namespaceSelector: { [NAMESPACE_NAME_LABEL]: 'a' } } } },
    { kind: 'cluster' },
  ) as PolicyInfo;
  const vmis = (...names: string[]) => names.map((name) => ({ namespace: 'a', name }));
  for (const [labels, web, defaults, db] of [
    [[{ app: 'web' }, { app: 'db' }, { zone: 'x' }, { app: 'web' }], ['v-0', 'v-3'], ['v-2'], ['v-1']],
    [[{ zone: 'x' }, { app: 'web' }, { app: 'db' }, { app: 'web' }], ['v-1', 'v-3'], ['v-0'], ['v-2']],
  ] as [Record<string, string>[], string[], string[], string[]][]) {
    const ev = new Inventory({
      namespaces: [{ name: 'a', labels: { [NAMESPACE_NAME_LABEL]: 'a' } }],
      vmis: labels.map((l, i) => ({ namespace: 'a', name: `v-${i}`, labels: { ...l, team: 't' } })),
      policies: [policy('web', { app: 'web' }), policy('0-db', { app: 'db' })],
    }).evaluate();
    assert.deepEqual(ev.delta(undefined, top).gained, [
      { from: 'web', vmis: vmis(...web) },
      { from: null, vmis: vmis(...defaults) },
      { from: '0-db', vmis: vmis(...db) },
    ]);
    // And back: deleting `top` from an evaluation that holds it loses the same VMIs to the same policies.
    assert.deepEqual(ev.withPolicies([top]).delta(top, undefined).lost, [
      { to: 'web', vmis: vmis(...web) },
      { to: null, vmis: vmis(...defaults) },
      { to: '0-db', vmis: vmis(...db) },
    ]);
  }
});

test('delta in a derived evaluation: a deleted policy\'s VMIs go to an added policy that matched them and nothing else did', () => {
  const ev = new Inventory(cluster()).evaluate();
  // `x` (app=web) is added from a workspace and loses vm-2 to `web` by name; deleting `web` hands vm-2 to `x`.
  const derived = ev.withPolicies([policy('x', { app: 'web' })]);
  assert.deepEqual(derived.delta(ev.policyStats('web')?.policy, undefined), {
    policy: 'web',
    before: { matched: 1, won: 1 },
    after: { matched: 0, won: 0 },
    gained: [],
    lost: [{ to: 'x', vmis: [{ namespace: 'a', name: 'vm-2' }] }],
  });
});

test('delta in a derived evaluation: an added policy renamed leaves its VMIs to the policy it beat; a new version of an added name replaces it', () => {
  const ev = new Inventory(cluster()).evaluate();
  // `new` (app=web) is added from a workspace and wins vm-2 over `web` by name.
  const added = policy('new', { app: 'web' });
  const derived = ev.withPolicies([added]);
  assert.deepEqual(derived.delta(added, policy('z', { app: 'cache' })), {
    policy: 'z',
    before: { matched: 1, won: 1 },
    after: { matched: 0, won: 0 },
    gained: [],
    lost: [{ to: 'web', vmis: [{ namespace: 'a', name: 'vm-2' }] }],
  });
  // Another `new` of the same selectors, asked as a policy of its own: it takes the added one's place and wins vm-2
  // (from `new`, the version that wins it in this evaluation).
  assert.deepEqual(derived.delta(undefined, policy('new', { app: 'web' })), {
    policy: 'new',
    before: { matched: 0, won: 0 },
    after: { matched: 1, won: 1 },
    gained: [{ from: 'new', vmis: [{ namespace: 'a', name: 'vm-2' }] }],
    lost: [],
  });
});
