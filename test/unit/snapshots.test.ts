// Which files "Use Snapshot File…" proposes (client/src/snapshots.ts): kubectl's List output with cluster
// items, in YAML (kubectl writes `kind: List` after the items) and JSON; nothing else.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { looksLikeSnapshot, SNAPSHOT_PEEK_BYTES } from '../../client/src/snapshots';
import { repoRoot } from '../support/fixture';

const ends = (text: string) => ({ head: text.slice(0, SNAPSHOT_PEEK_BYTES), tail: text.length > SNAPSHOT_PEEK_BYTES ? text.slice(-SNAPSHOT_PEEK_BYTES) : '' });
const looks = (text: string) => {
  const { head, tail } = ends(text);
  return looksLikeSnapshot(head, tail);
};

test('snapshot candidates: kubectl get -o yaml and -o json output, including a large one whose kind: List is at the end', () => {
  assert.equal(looks(fs.readFileSync(path.join(repoRoot, 'examples', 'cluster.yaml'), 'utf8')), true);
  const vmi = (i: number) => `- apiVersion: kubevirt.io/v1\n  kind: VirtualMachineInstance\n  metadata:\n    name: vm-${i}\n    namespace: ns\n`;
  const items = Array.from({ length: 3000 }, (_, i) => vmi(i)).join('');
  const kubectl = `apiVersion: v1\nitems:\n${items}kind: List\nmetadata:\n  resourceVersion: ""\n`;
  assert.ok(kubectl.length > 2 * SNAPSHOT_PEEK_BYTES);
  assert.equal(looks(kubectl), true);
  assert.equal(looks(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } }] }, null, 4)), true);
  assert.equal(looks('apiVersion: v1\nkind: "List"\nitems:\n- {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n'), false, 'a flow mapping item is not how kubectl prints');
  assert.equal(looks('apiVersion: v1\nkind: List # kubectl\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n'), true);
});

test('snapshot candidates: policies, Deployments, Lists of other kinds and empty files are not proposed', () => {
  assert.equal(looks(fs.readFileSync(path.join(repoRoot, 'examples', 'policies', 'databases.yaml'), 'utf8')), false);
  assert.equal(looks('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'), false);
  assert.equal(looks('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\nkind: List\n'), false);
  assert.equal(looks('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n'), false, 'one Namespace is not a List');
  assert.equal(looks(''), false);
  assert.equal(looks('{"kind": "Namespace", "metadata": {"name": "a"}}'), false);
});
