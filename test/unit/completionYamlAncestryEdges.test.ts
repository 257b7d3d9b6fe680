// The YAML completion's walk up the lines (features/completionYaml.ts scanAncestors) at edges its session-22
// survivors showed: a key at column 0 belongs to the root mapping whatever the lines above hold, and an item of
// a bare top-level sequence is no object of the document (a document's objects are its root or a List's items),
// so a field of it gets no completion. apiVersion and kind values are KubeVirt's (migrations.kubevirt.io/v1alpha1,
// MigrationPolicy: staging/src/kubevirt.io/api/migrations/v1alpha1/types.go).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete } from '../support/check';

const labels = (marked: string): string[] => complete(marked).list.items.map((i) => String(i.label));

test('a key at column 0 is a root key, whatever stands above it', () => {
  assert.deepEqual(labels('kind: ‸'), ['MigrationPolicy']);
  assert.deepEqual(labels('-\nkind: ‸'), ['MigrationPolicy']);
  assert.deepEqual(labels('-\n-\n# c\nkind: ‸'), ['MigrationPolicy']);
});

test('an item of a bare top-level sequence gets no field completion', () => {
  assert.deepEqual(labels('-\n  apiVersion: ‸'), []);
  assert.deepEqual(labels('- apiVersion: ‸'), []);
  assert.deepEqual(labels('-\n  kind: MigrationPolicy\n  spec:\n    ‸'), []);
  // the same fields as a List's item do get completion
  assert.deepEqual(labels('kind: List\nitems:\n-\n  apiVersion: ‸'), ['migrations.kubevirt.io/v1alpha1']);
});
