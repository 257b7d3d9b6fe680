// Survivors of the mutation run of policy/matching.ts that change answers: the order of the policies that do
// not match (by name, Go's byte order), the selector entry whyNoMatch names when several fail (the first by
// key in byte order), the exact candidate list of PolicyIndex, and the migration-time placeholder, which no
// written selector value may equal (label values cannot hold `<` or spaces: apimachinery
// validation.IsValidLabelValue), not even "".
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { countMatchingLabels, labelsAtMigration, MIGRATION_TARGET_NODE_LABEL, PolicyIndex, scorePolicies, whyNoMatch } from '../../server/src/policy/matching';
import type { SelectorPolicy } from '../../server/src/policy/matching';

const policy = (name: string, vmiSelector: Record<string, string>, hasSelectors = true): SelectorPolicy => ({ name, hasSelectors, vmiSelector, namespaceSelector: {} });

test('scorePolicies lists the policies that do not match by name in byte order, whatever order they came in', () => {
  const policies = [policy('b', { app: 'x' }), policy('B', { app: 'x' }), policy('a-1', { app: 'x' }), policy('a', { app: 'x' }), policy('win', {})];
  const scores = scorePolicies(policies, { app: 'db' }, {});
  assert.deepEqual(scores.map((s) => [s.name, s.rank]), [['win', 1], ['B', null], ['a', null], ['a-1', null], ['b', null]]);
});

test('whyNoMatch names the failing entry whose key sorts first, not the first one written', () => {
  const p = policy('p', { zone: 'east', app: 'db', 'Tier': 'gold' });
  assert.equal(whyNoMatch(p, {}, {}), 'VMI label Tier is missing (wants "gold")');
  assert.equal(whyNoMatch(p, { Tier: 'gold' }, {}), 'VMI label app is missing (wants "db")');
  assert.equal(whyNoMatch(p, { Tier: 'gold', app: 'db', zone: 'west' }, {}), 'VMI label zone is "west", not "east"');
  const ns: SelectorPolicy = { name: 'n', hasSelectors: true, vmiSelector: {}, namespaceSelector: { team: 'a', env: 'prod' } };
  assert.equal(whyNoMatch(ns, {}, { team: 'b', env: 'dev' }), 'namespace label env is "dev", not "prod"');
});

test('PolicyIndex.candidates: the empty-selector policies first, then the policies filed under each label the VMI carries', () => {
  const never = policy('never', {}, false);
  const always = policy('always', {});
  const db = policy('db', { app: 'db' });
  const web = policy('web', { app: 'web' });
  const gold = policy('gold', { tier: 'gold', app: 'db' });
  const index = new PolicyIndex([never, always, db, web, gold]);
  const names = (labels: Record<string, string>) => index.candidates(labels).map((p) => p.name);
  assert.deepEqual(names({ app: 'db', tier: 'gold' }), ['always', 'db', 'gold']);
  assert.deepEqual(names({ tier: 'gold', app: 'web' }), ['always', 'gold', 'web']);
  assert.deepEqual(names({ app: 'other' }), ['always']);
  assert.deepEqual(names({}), ['always']);
});

test('at migration time the target-node label holds a value no selector can name, "" included', () => {
  const labels = labelsAtMigration({ app: 'db', [MIGRATION_TARGET_NODE_LABEL]: 'node-1' });
  assert.deepEqual(Object.keys(labels).sort(), [MIGRATION_TARGET_NODE_LABEL, 'app'].sort());
  assert.notEqual(labels[MIGRATION_TARGET_NODE_LABEL], 'node-1');
  for (const value of ['', 'node-1', 'node-2']) {
    assert.equal(countMatchingLabels(policy('p', { [MIGRATION_TARGET_NODE_LABEL]: value }), labels, {}), null, `selector value ${JSON.stringify(value)}`);
  }
  assert.deepEqual(countMatchingLabels(policy('p', { app: 'db' }), labels, {}), { vmiLabels: 1, namespaceLabels: 0 });
});
