// JSON completion (features/completionJson.ts) at the edges its session-22 mutation survivors showed: no value
// completion without a colon, none for a key that is no string (no opening quote before it), and none inside an
// array of a policy (no MigrationPolicy field is an array of objects: staging/src/kubevirt.io/api/migrations/
// v1alpha1/types.go). The field facts (apiVersion's only value, allowPostCopy a boolean) are KubeVirt's.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete } from '../support/check';

const json = { name: 'policy.json' };
const labels = (marked: string): string[] => complete(marked, json).list.items.map((i) => String(i.label));

test('a value is completed after a colon only: not after a stray bracket behind a key', () => {
  assert.deepEqual(labels('{"kind": "MigrationPolicy", "apiVersion": ‸}'), ['migrations.kubevirt.io/v1alpha1']);
  assert.deepEqual(labels('{"kind": "MigrationPolicy", "apiVersion"] ‸}'), []);
  assert.deepEqual(labels('{"kind": "MigrationPolicy", "spec": {"allowPostCopy") ‸}}'), []);
});

test('a key without its opening quote gets no value completion (and the scan ends at the start of the text)', () => {
  assert.deepEqual(labels('{allowPostCopy": ‸}'), []);
  assert.deepEqual(labels('{\\"kind": ‸}'), []);
});

test('inside an array of a policy there is no completion', () => {
  assert.deepEqual(labels('{"kind": "MigrationPolicy", "spec": [{‸}]}'), []);
  assert.deepEqual(labels('{"kind": "MigrationPolicy", "spec": {"experimental": [{‸}]}}'), []);
  assert.deepEqual(labels('{"kind": "MigrationPolicy", "spec": {"allowPostCopy": [‸]}}'), []);
});
