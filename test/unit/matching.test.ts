// Matching and precedence (policy/matching.ts): every vector of test/cases/matching-cases.json (the
// upstream unit tests, cases derived from the code, the user-guide example), checked with matchPolicy
// in every listed order and with the indexed Inventory, plus edge cases of our own.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import { policyInfoFromObject } from '../../server/src/cluster/objects';
import type { PolicyInfo } from '../../server/src/cluster/types';
import {
  compareMatches,
  compareNames,
  countMatchingLabels,
  explainWin,
  labelsAtMigration,
  matchPolicy,
  MIGRATION_TARGET_NODE_LABEL,
  migrationTimeSelector,
} from '../../server/src/policy/matching';
import type { Labels } from '../../server/src/policy/matching';
import { repoRoot } from '../support/fixture';

interface CasePolicy {
  name: string;
  vmiMatchingLabels?: number;
  namespaceMatchingLabels?: number;
  oneVmiValueChanged?: boolean;
  spec?: Record<string, unknown>;
  score?: { vmi: number; ns: number } | null;
}

interface MatchingCase {
  description: string;
  policies: CasePolicy[];
  vmiLabels?: Record<string, string>;
  namespaceLabels?: Record<string, string>;
  expectedWinner: string | null;
}

const cases: MatchingCase[] = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'cases', 'matching-cases.json'), 'utf8'));

const workspace = { kind: 'workspace' as const, uri: 'file:///policies.yaml' };

function policy(name: string, spec: Record<string, unknown>): PolicyInfo {
  const info = policyInfoFromObject({ apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name }, spec }, workspace);
  assert.ok(info, name);
  return info;
}

/**
 * A case as concrete policies and labels. Counts-only cases (the upstream unit tests) say "N selector
 * entries that all exist on the VMI/namespace": each becomes N distinct key/values present on both
 * sides; `oneVmiValueChanged` then changes one VMI selector value to `XYZ`, as the upstream test does.
 */
function concrete(c: MatchingCase): { policies: PolicyInfo[]; vmiLabels: Labels; namespaceLabels: Labels } {
  const vmiLabels: Record<string, string> = { ...(c.vmiLabels ?? {}) };
  const namespaceLabels: Record<string, string> = { ...(c.namespaceLabels ?? {}) };
  const policies = c.policies.map((p) => {
    if (p.spec) return policy(p.name, p.spec);
    const vmiSelector: Record<string, string> = {};
    const namespaceSelector: Record<string, string> = {};
    for (let i = 0; i < (p.vmiMatchingLabels ?? 0); i++) vmiLabels[`${p.name}-vmi-${i}`] = vmiSelector[`${p.name}-vmi-${i}`] = `value-${i}`;
    for (let i = 0; i < (p.namespaceMatchingLabels ?? 0); i++) namespaceLabels[`${p.name}-ns-${i}`] = namespaceSelector[`${p.name}-ns-${i}`] = `value-${i}`;
    if (p.oneVmiValueChanged) vmiSelector[`${p.name}-vmi-0`] = 'XYZ';
    return policy(p.name, { selectors: { namespaceSelector, virtualMachineInstanceSelector: vmiSelector } });
  });
  return { policies, vmiLabels, namespaceLabels };
}

function orders<T>(items: T[]): T[][] {
  const result = [items, [...items].reverse()];
  for (let i = 1; i < items.length; i++) result.push([...items.slice(i), ...items.slice(0, i)]);
  return result;
}

test('the vendored matching cases are all there', () => {
  assert.ok(cases.length >= 12);
  assert.ok(cases.some((c) => c.policies.some((p) => p.oneVmiValueChanged)));
  assert.ok(cases.some((c) => c.policies.some((p) => p.score !== undefined)));
});

for (const c of cases) {
  test(`matching case: ${c.description}`, () => {
    const { policies, vmiLabels, namespaceLabels } = concrete(c);
    for (const order of orders(policies)) {
      const winner = matchPolicy(order, labelsAtMigration(vmiLabels), namespaceLabels);
      assert.equal(winner?.policy.name ?? null, c.expectedWinner, order.map((p) => p.name).join(','));
    }
    c.policies.forEach((p, i) => {
      if (p.score === undefined) return;
      const score = countMatchingLabels(policies[i], labelsAtMigration(vmiLabels), namespaceLabels);
      assert.deepEqual(score && { vmi: score.vmiLabels, ns: score.namespaceLabels }, p.score, p.name);
    });
    const inventory = new Inventory({ namespaces: [{ name: 'ns', labels: namespaceLabels }], vmis: [{ namespace: 'ns', name: 'vmi', labels: vmiLabels }], policies });
    assert.equal(inventory.evaluate().winnerOf(0)?.name ?? null, c.expectedWinner);
  });
}

test('a policy without selectors never matches, even against empty labels', () => {
  const p = { name: 'p', hasSelectors: false, namespaceSelector: {}, vmiSelector: {} };
  assert.equal(countMatchingLabels(p, {}, {}), null);
  assert.equal(policy('p', {}).hasSelectors, false);
  assert.equal(policy('p', { selectors: null }).hasSelectors, false);
  assert.equal(matchPolicy([p], labelsAtMigration({ app: 'db' }), {}), null);
});

test('empty selectors match everything with score (0, 0) and lose to any matched label', () => {
  const all = policy('a-all', { selectors: {} });
  const emptyMaps = policy('b-empty', { selectors: { namespaceSelector: {}, virtualMachineInstanceSelector: {} } });
  assert.deepEqual(countMatchingLabels(all, labelsAtMigration({}), {}), { vmiLabels: 0, namespaceLabels: 0 });
  assert.deepEqual(countMatchingLabels(emptyMaps, labelsAtMigration({}), {}), { vmiLabels: 0, namespaceLabels: 0 });
  assert.equal(matchPolicy([emptyMaps, all], labelsAtMigration({}), {})?.policy.name, 'a-all');
  const ns = policy('z-ns', { selectors: { namespaceSelector: { team: 'x' } } });
  assert.deepEqual(matchPolicy([all, ns], labelsAtMigration({}), { team: 'x' }), { policy: ns, score: { vmiLabels: 0, namespaceLabels: 1 } });
});

test('keys and values compare exactly: case, empty strings, no partial credit, no prototype keys', () => {
  const p = (selector: Record<string, string>) => policy('p', { selectors: { virtualMachineInstanceSelector: selector } });
  assert.equal(countMatchingLabels(p({ App: 'db' }), { app: 'db' }, {}), null);
  assert.equal(countMatchingLabels(p({ app: 'DB' }), { app: 'db' }, {}), null);
  assert.deepEqual(countMatchingLabels(p({ app: '' }), { app: '' }, {}), { vmiLabels: 1, namespaceLabels: 0 });
  assert.equal(countMatchingLabels(p({ app: '' }), {}, {}), null);
  assert.equal(countMatchingLabels(p({ app: 'db', tier: '1' }), { app: 'db' }, {}), null);
  assert.equal(countMatchingLabels(p({ constructor: 'x' }), {}, {}), null);
  assert.equal(countMatchingLabels(policy('p', { selectors: { namespaceSelector: { toString: 'x' } } }), {}, {}), null);
  const proto = policyInfoFromObject(JSON.parse('{"kind":"MigrationPolicy","metadata":{"name":"p"},"spec":{"selectors":{"virtualMachineInstanceSelector":{"__proto__":"x"}}}}'), workspace);
  assert.ok(proto);
  assert.deepEqual(Object.keys(proto.vmiSelector), ['__proto__']);
  assert.equal(countMatchingLabels(proto, {}, {}), null);
});

test('the namespace selector is checked against namespace labels, never VMI labels', () => {
  const p = policy('p', { selectors: { namespaceSelector: { team: 'x' } } });
  assert.equal(countMatchingLabels(p, { team: 'x' }, {}), null);
  assert.deepEqual(countMatchingLabels(p, {}, { team: 'x' }), { vmiLabels: 0, namespaceLabels: 1 });
});

test('kubevirt.io/migrationTargetNodeName: set at migration time, so a selector on it matches only then', () => {
  const stale = { app: 'db', [MIGRATION_TARGET_NODE_LABEL]: 'node-1' };
  const atMigration = labelsAtMigration(stale);
  assert.deepEqual(Object.keys(atMigration).sort(), ['app', MIGRATION_TARGET_NODE_LABEL]);
  assert.notEqual(atMigration[MIGRATION_TARGET_NODE_LABEL], 'node-1');
  assert.equal(stale[MIGRATION_TARGET_NODE_LABEL], 'node-1');
  assert.deepEqual(Object.keys(labelsAtMigration({})), [MIGRATION_TARGET_NODE_LABEL]);

  const toNode1 = policy('to-node-1', { selectors: { virtualMachineInstanceSelector: { app: 'db', [MIGRATION_TARGET_NODE_LABEL]: 'node-1' } } });
  assert.equal(migrationTimeSelector(toNode1), 'node-1');
  assert.equal(migrationTimeSelector(policy('p', { selectors: {} })), undefined);
  assert.deepEqual(countMatchingLabels(toNode1, stale, {}), { vmiLabels: 2, namespaceLabels: 0 }, 'the raw labels would match: the stale value');
  assert.equal(countMatchingLabels(toNode1, atMigration, {}), null, 'ahead of the migration the target is unknown');
  const all = policy('zz', { selectors: {} });
  assert.equal(matchPolicy([toNode1, all], atMigration, {})?.policy.name, 'zz');
});

test('compareMatches orders by total, then VMI labels, then byte-wise name', () => {
  const m = (name: string, vmiLabels: number, namespaceLabels: number) => ({ name, score: { vmiLabels, namespaceLabels } });
  const sorted = [m('a', 0, 0), m('b', 0, 2), m('c', 1, 1), m('d', 2, 0), m('e', 0, 3), m('policy-9', 1, 0), m('policy-10', 1, 0)].sort(compareMatches);
  assert.deepEqual(sorted.map((x) => x.name), ['e', 'd', 'c', 'b', 'policy-10', 'policy-9', 'a']);
});

test('compareNames is Go string order (UTF-8 bytes), not UTF-16 code units', () => {
  assert.ok(compareNames('policy-10', 'policy-9') < 0);
  assert.ok(compareNames('a-b', 'a.b') < 0);
  assert.ok(compareNames('a', 'ab') < 0);
  assert.equal(compareNames('same', 'same'), 0);
  assert.ok('\u{1F600}' < '\uFFFF', 'JavaScript < compares UTF-16 code units');
  assert.ok(compareNames('\u{1F600}', '\uFFFF') > 0, 'UTF-8 F0 9F… sorts after EF BF BF');
});

test('explainWin says why in words', () => {
  const s = (vmiLabels: number, namespaceLabels: number) => ({ vmiLabels, namespaceLabels });
  assert.equal(explainWin({ name: 'a', score: s(2, 1) }, { name: 'b', score: s(1, 1) }), 'more matched labels (3 vs 2)');
  assert.equal(explainWin({ name: 'z', score: s(2, 0) }, { name: 'a', score: s(1, 1) }), 'same total (2), more VMI labels (2 vs 1)');
  assert.equal(explainWin({ name: 'a-db', score: s(2, 1) }, { name: 'b-db', score: s(2, 1) }), 'tie on labels (2 VMI, 1 namespace): `a-db` sorts before `b-db`');
  assert.equal(explainWin({ name: 'a', score: s(0, 0) }, { name: 'b', score: null }), '`b` does not match');
});
