// Survivors of the mutation run of document/policies.ts that change answers: the cheap pre-parse test also
// finds a kind written without a space after the colon (JSON, flow maps: `{"kind":"MigrationPolicy"}`); a near
// miss is judged on the whole kind (a kind that only ends like ours is not ours; a List kind is one that ends in
// `List`, the convention of Kubernetes list kinds such as MigrationPolicyList, kubevirt-facts.md §1.1); and the
// cluster-snapshot test reads Lists whose items or root have no `kind`, or hold scalars and broken aliases,
// without throwing.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPolicies, isClusterSnapshot, looksLikePolicyKind, mentionsMigrationPolicy } from '../../server/src/document/policies';
import { parseYamlDocument } from '../../server/src/document/yamlParser';

const root = (text: string) => parseYamlDocument(text).root;

test('mentionsMigrationPolicy: a kind with no space after the colon, as JSON and flow maps write it', () => {
  assert.equal(mentionsMigrationPolicy('{"kind":"MigrationPolicy", "metadata": {'), true);
  assert.equal(mentionsMigrationPolicy('{kind:MigrationPolicies}'), true);
  assert.equal(mentionsMigrationPolicy('{"kind":"ConfigMap"}'), false);
});

test('looksLikePolicyKind: the whole kind counts; only a kind ending in List is a list', () => {
  assert.equal(looksLikePolicyKind('MyMigrationPolicies'), false);
  assert.equal(looksLikePolicyKind('XMigrationPolicy'), true, 'one letter off: a near miss');
  // Two edits from migrationpolicy, but a List kind: not a policy.
  assert.equal(looksLikePolicyKind('MigrationPoList'), false);
  // Also two edits away, and "List" is inside, not at the end: still a near miss.
  assert.equal(looksLikePolicyKind('MigrationPoListy'), true);
});

test('findPolicies and isClusterSnapshot: only kinds ending in List hold items', () => {
  const items = 'items:\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  metadata: {name: a}\n- apiVersion: kubevirt.io/v1\n  kind: VirtualMachineInstance\n  metadata: {name: v}\n';
  assert.equal(findPolicies(root(`kind: List\n${items}`)).length, 1);
  assert.equal(findPolicies(root(`kind: ListOfThings\n${items}`)).length, 0);
  assert.equal(isClusterSnapshot(root(`kind: List\n${items}`)), true);
  assert.equal(isClusterSnapshot(root(`kind: ListOfThings\n${items}`)), false);
});

test('isClusterSnapshot: no kind, kind-less items, scalar items and broken aliases read as "no", without throwing', () => {
  assert.equal(isClusterSnapshot(root('items:\n- kind: Namespace\n')), false);
  assert.equal(isClusterSnapshot(root('a: 1\n')), false);
  assert.equal(isClusterSnapshot(root('kind: List\nitems:\n- 1\n- *nowhere\n- {a: 1}\n')), false);
  assert.equal(isClusterSnapshot(root('kind: List\nitems:\n- 1\n- *nowhere\n- {a: 1}\n- kind: KubeVirt\n')), true);
});
