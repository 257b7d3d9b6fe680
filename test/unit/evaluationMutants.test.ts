// cluster/evaluation.ts on a cluster small enough to read: the answers for ids and names it does not hold,
// the per-policy stats cache, the losses a derived evaluation reports after a policy stopped matching, and
// which names `standingsChangedFrom` says may fare differently (exactly: the overridden names and those whose
// VMIs changed winner). Expected values follow KubeVirt's precedence (pkg/virt-controller/watch/migration-policy
// matchPolicy: more matching labels win, then the policy name), worked out by hand below.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { policy, threeVmiCluster as cluster } from '../support/threeVmiCluster';
import { Inventory } from '../../server/src/cluster/inventory';
import { policyInfoFromObject } from '../../server/src/cluster/objects';
import type { PolicyInfo } from '../../server/src/cluster/types';

test('winnerOf an id past the last VMI is null and standing of an unknown name undefined, not a thrown TypeError', () => {
  const inventory = new Inventory(cluster());
  const ev = inventory.evaluate();
  assert.deepEqual(inventory.vmis.map((v, id) => `${v.name}:${ev.winnerOf(id)?.name ?? 'none'}`), ['vm-1:gold', 'vm-2:web', 'vm-3:db']);
  assert.equal(ev.winnerOf(inventory.vmis.length), null);
  assert.equal(ev.standing('nowhere'), undefined);
  assert.equal(ev.policyStats('nowhere'), undefined);
});

test('policyStats is built once per policy: asking again returns the same object', () => {
  const ev = new Inventory(cluster()).evaluate();
  const first = ev.policyStats('db');
  assert.ok(first);
  assert.equal(ev.policyStats('db'), first);
  assert.deepEqual([first.matched, first.won, [...first.lostTo]], [2, 1, [['gold', 1]]]);
});

test('a loss that a derived evaluation takes back is not listed as a loss of 0 VMIs', () => {
  const ev = new Inventory(cluster()).evaluate();
  // `gold` now selects tier=silver: it matches nothing, and `db` wins vm-1 back.
  const derived = ev.withPolicies([policy('gold', { tier: 'silver' })]);
  const db = derived.policyStats('db');
  assert.ok(db);
  assert.deepEqual([db.matched, db.won, [...db.lostTo]], [2, 2, []]);
});

test('standingsChangedFrom: exactly the overridden names and those whose VMIs changed winner; undefined across full evaluations', () => {
  const inventory = new Inventory(cluster());
  const ev = inventory.evaluate();
  const derived = ev.withPolicies([policy('gold', { tier: 'silver' })]);
  // gold (overridden) and db (won vm-1 back); web and cache fare as before.
  assert.deepEqual([...(derived.standingsChangedFrom(ev) ?? ['undefined'])].sort(), ['db', 'gold']);
  assert.deepEqual([...(ev.standingsChangedFrom(derived) ?? ['undefined'])].sort(), ['db', 'gold']);
  // A replacement with the same selectors changes no VMI's winner.
  const same = ev.withPolicies([policyInfoFromObject({ kind: 'MigrationPolicy', metadata: { name: 'web' }, spec: { allowPostCopy: true, selectors: { virtualMachineInstanceSelector: { app: 'web' } } } }, { kind: 'cluster' }) as PolicyInfo]);
  assert.deepEqual([...(same.standingsChangedFrom(ev) ?? ['undefined'])], ['web']);
  // Another reading's evaluation: any name may fare differently.
  assert.equal(new Inventory(cluster()).evaluate().standingsChangedFrom(ev), undefined);
});
