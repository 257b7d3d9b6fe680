// Edges of document/policies.ts that mutation testing (test/mutation/stryker.document.json) found
// untested: which kinds count as a MigrationPolicy or a near miss, which documents are ours, List items
// and their depth, and which Lists are a dump of cluster state. Expected values follow the doc comments.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import { findPolicies, isClusterSnapshot, isPolicyDocument, looksLikePolicyKind, mentionsMigrationPolicy } from '../../server/src/document/policies';

const doc = (text: string) => parseFile(text, 'yaml').documents[0].model;

test('looksLikePolicyKind: MigrationPolicy and its near misses, never a List', () => {
  for (const kind of ['MigrationPolicy', 'MigrationPolicies', 'migrationpolicy', 'MigrationPolicey', 'migration-policy', 'Migration_Policies', 'MIGRATIONSPOLICYS', 'MigratoinPolicy']) assert.equal(looksLikePolicyKind(kind), true, kind);
  for (const kind of ['MigrationPolicyList', 'Policy', 'VirtualMachineInstance', 'MigrationPolicyXYZ', 'NetworkPolicy', 'List']) assert.equal(looksLikePolicyKind(kind), false, kind);
});

test('mentionsMigrationPolicy: the API group, or a kind that looks like the policy kind, quoted or not', () => {
  assert.equal(mentionsMigrationPolicy('apiVersion: migrations.kubevirt.io/v1alpha1'), true);
  assert.equal(mentionsMigrationPolicy('kind: MigrationPolicey\n'), true);
  assert.equal(mentionsMigrationPolicy('{"kind": "migrationpolicy"}'), true);
  assert.equal(mentionsMigrationPolicy("kind : 'MigrationPolicies'"), true);
  assert.equal(mentionsMigrationPolicy('kind: ConfigMap\nkind: MigrationPolicyList\n'), false);
  assert.equal(mentionsMigrationPolicy('apiVersion: v1\nkind: Pod\n'), false);
  assert.equal(mentionsMigrationPolicy('# a MigrationPolicy in a comment\n'), false);
});

test('findPolicies: the root, List items four levels down, misspelt kinds with any apiVersion', () => {
  const names = (text: string) => findPolicies(doc(text).root).map((m) => String((m.pairs.find((p) => p.key?.kind === 'scalar' && p.key.value === 'metadata')?.value as { pairs?: { value?: { value?: unknown } }[] } | undefined)?.pairs?.[0]?.value?.value));
  assert.deepEqual(names('apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata: {name: a}\n'), ['a']);
  assert.deepEqual(names('apiVersion: migrations.kubevirt.io/v1alpha1\nmetadata: {name: no-kind}\n'), ['no-kind']);
  assert.deepEqual(names('apiVersion: migrations.kubevirt.io/v1alpha1\nkind: Other\nmetadata: {name: other}\n'), []);
  assert.deepEqual(names('apiVersion: v1\nkind: MigrationPolicey\nmetadata: {name: typo}\n'), ['typo']);
  assert.deepEqual(names('kind: ConfigMap\nmetadata: {name: cm}\n'), []);
  const nest = (levels: number): string => (levels === 0 ? '{kind: MigrationPolicy, metadata: {name: deep}}' : `{kind: List, items: [${nest(levels - 1)}]}`);
  assert.deepEqual(names(nest(4)), ['deep']);
  assert.deepEqual(names(nest(5)), []);
  assert.deepEqual(names('kind: List\nitems: {a: b}\n'), []);
  assert.deepEqual(names('kind: Config\nitems: [{kind: MigrationPolicy, metadata: {name: x}}]\n'), []);
  assert.deepEqual(names('- {kind: MigrationPolicy, metadata: {name: x}}\n'), []);
});

test('isPolicyDocument: a document with a policy, or a broken one that mentions one', () => {
  assert.equal(isPolicyDocument(doc('kind: MigrationPolicy\nmetadata: {name: a}\n')), true);
  assert.equal(isPolicyDocument(doc('kind: MigrationPolicy\nmetadata: {name: [\n')), true);
  assert.equal(isPolicyDocument(doc('kind: ConfigMap\nmetadata: {name: [\n')), false);
  assert.equal(isPolicyDocument(doc('kind: ConfigMap\ndata: {note: MigrationPolicy}\n')), false);
});

test('isClusterSnapshot: a List that also holds VMIs, namespaces or the KubeVirt CR', () => {
  const list = (kinds: string[], listKind = 'List') => doc(`kind: ${listKind}\nitems:\n${kinds.map((k) => `- {kind: ${k}, metadata: {name: x}}`).join('\n')}\n`).root;
  assert.equal(isClusterSnapshot(list(['MigrationPolicy', 'VirtualMachineInstance'])), true);
  assert.equal(isClusterSnapshot(list(['MigrationPolicy', 'Namespace'])), true);
  assert.equal(isClusterSnapshot(list(['KubeVirt'], 'KubeVirtList')), true);
  assert.equal(isClusterSnapshot(list(['MigrationPolicy', 'ConfigMap'])), false);
  assert.equal(isClusterSnapshot(list(['Namespace'], 'Config')), false);
  assert.equal(isClusterSnapshot(doc('kind: List\nitems: {kind: Namespace}\n').root), false);
  assert.equal(isClusterSnapshot(doc('kind: List\n').root), false);
  assert.equal(isClusterSnapshot(doc('- kind: Namespace\n').root), false);
  assert.equal(isClusterSnapshot(null), false);
});
