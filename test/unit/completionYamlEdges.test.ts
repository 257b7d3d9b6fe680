// YAML completion sites (features/completionYaml.ts): which mapping the cursor is in, found by the indentation
// scan (list items, their `- ` lines, blank and comment lines, anchors and tags on the parent key, an indented
// root), which keys are already present, and whether the object is a policy (apiVersion/kind as written, or the
// model's view when they carry a tag). Session 22, issue 16: each case pins behaviour a surviving mutant changed.
// A List is `kubectl get -o yaml`'s shape (apiVersion v1, kind List, items); a policy is
// migrations.kubevirt.io/v1alpha1 MigrationPolicy (kubevirt staging/src/kubevirt.io/api/migrations/v1alpha1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { complete } from '../support/check';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
const PV = 'apiVersion: migrations.kubevirt.io/v1alpha1';
const SPEC = ['selectors', 'allowAutoConverge', 'bandwidthPerMigration', 'completionTimeoutPerGiB', 'allowPostCopy', 'allowWorkloadDisruption', 'maxDowntimeMs', 'experimental'];
const without = (...keys: string[]) => SPEC.filter((k) => !keys.includes(k));

/** Labels offered, and where the first item's edit goes (line:start-end). */
function at(marked: string): { labels: string[]; range?: string } {
  const { list } = complete(marked);
  assert.equal(list.isIncomplete, false);
  const e = list.items[0]?.textEdit as TextEdit | undefined;
  return { labels: list.items.map((i) => i.label), ...(e ? { range: `${e.range.start.line}:${e.range.start.character}-${e.range.end.character}` } : {}) };
}

test('List items: the cursor on the `- ` line, below it, in a later item, with blank and comment lines between', () => {
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- ‸\n  kind: MigrationPolicy\n  ${PV}\n`), { labels: ['metadata', 'spec'], range: '3:2-2' });
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- kind: MigrationPolicy\n  ${PV}\n  ‸\n`), { labels: ['metadata', 'spec'], range: '5:2-2' });
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- kind: MigrationPolicy\n\n  # note\n  ${PV}\n  ‸\n`), { labels: ['metadata', 'spec'], range: '7:2-2' });
  // A bare `-` line opens the item; `-   ` puts its keys at column 4.
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n-\n  kind: MigrationPolicy\n  ${PV}\n  ‸\n`), { labels: ['metadata', 'spec'], range: '6:2-2' });
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n-   kind: MigrationPolicy\n    ${PV}\n    ‸\n`), { labels: ['metadata', 'spec'], range: '5:4-4' });
  // The next item's keys are not this item's.
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- kind: MigrationPolicy\n  ${PV}\n  ‸\n- kind: MigrationPolicy\n  metadata: {}\n`).labels, ['metadata', 'spec']);
  // A key on the `- ` line is the parent.
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- spec:\n    ‸\n  kind: MigrationPolicy\n  ${PV}\n`), { labels: SPEC, range: '4:4-4' });
  // Keys present below the cursor in the item's spec.
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- kind: MigrationPolicy\n  ${PV}\n  spec:\n    ‸\n    allowPostCopy: true\n`).labels, without('allowPostCopy'));
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- kind: MigrationPolicy\n  ${PV}\n  spec:\n    allowPostCopy: ‸\n`), { labels: ['true', 'false'], range: '6:19-19' });
});

test('List items whose kind carries a tag: the model says which item is a policy, so the item index must be right', () => {
  // `!!str MigrationPolicy` is the string MigrationPolicy to the YAML parser, not to the line scan.
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n  data: {}\n- kind: !!str MigrationPolicy\n  ${PV}\n  spec:\n    ‸\n`), { labels: SPEC, range: '8:4-4' });
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n  - kind: ConfigMap\n    data: {}\n  - kind: !!str MigrationPolicy\n    ${PV}\n    spec:\n      ‸\n`), { labels: SPEC, range: '8:6-6' });
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n- kind: ConfigMap\n- kind: !!str MigrationPolicy\n  ${PV}\n  spec:\n    ‸\n`).labels, SPEC);
  // The ConfigMap item is not a policy, tag or not.
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n- kind: !!str ConfigMap\n  data:\n    ‸\n- kind: MigrationPolicy\n  ${PV}\n`).labels, []);
  assert.deepEqual(at(`kind: !!str MigrationPolicy\n${PV}\nspec:\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
  // items of a kind that is no List are not objects of their own.
  assert.deepEqual(at(`kind: Foo\nitems:\n- kind: MigrationPolicy\n  ${PV}\n  spec:\n    ‸\n`).labels, []);
  assert.deepEqual(at(`${H}items:\n- ‸\n`).labels, []);
  // A document that is a sequence is no object.
  assert.deepEqual(at(`- kind: MigrationPolicy\n  ${PV}\n  ‸\n`).labels, []);
});

test('the parent key: an anchor or tag (or both) still opens a mapping, a value or a block scalar does not', () => {
  for (const parent of ['spec:', 'spec: &s', 'spec: &anchor', 'spec: !!map', 'spec: &s !!map', 'spec: # comment']) {
    assert.deepEqual(at(`${H}${parent}\n  ‸\n`), { labels: SPEC, range: '3:2-2' }, parent);
  }
  assert.deepEqual(at(`${H}spec: x\n  ‸\n`).labels, []);
  assert.deepEqual(at(`${H}spec: &s x\n  ‸\n`).labels, []);
  assert.deepEqual(at(`${H}spec:\n  x: |\n    ‸\n`).labels, []);
  assert.deepEqual(at(`${H}spec: a\n  b\n  ‸\n`).labels, []);
  assert.deepEqual(at(`${H}spec:\n  selectors:\n  - ‸\n`).labels, []);
  assert.deepEqual(at(`${H}spec:\n  selectors:\n    - a\n    - b: ‸\n`).labels, []);
});

test('blank lines, lines above at column 0, an indented root, the parent on the first line', () => {
  assert.deepEqual(at(`${H}spec:\n\n  ‸\n`), { labels: SPEC, range: '4:2-2' });
  assert.deepEqual(at(`  kind: MigrationPolicy\n  ${PV}\n  ‸\n`), { labels: ['metadata', 'spec'], range: '2:2-2' });
  assert.deepEqual(at(`spec:\n  ‸\nkind: MigrationPolicy\n${PV}\n`), { labels: SPEC, range: '1:2-2' });
  assert.deepEqual(at(`${H}spec:\n    experimental:\n        ‸\n`), { labels: ['stallDetector', 'downtimeTuning', 'compression'], range: '4:8-8' });
});

test('keys present: below the cursor, after a blank line, but not from another mapping at the same column', () => {
  assert.deepEqual(at(`${H}spec:\n  ‸\n  allowPostCopy: true\n  selectors: {}\nmetadata: {}\n`).labels, without('allowPostCopy', 'selectors'));
  assert.deepEqual(at(`${H}spec:\n  ‸\n\n  allowPostCopy: true\n`).labels, without('allowPostCopy'));
  assert.deepEqual(at(`${H}spec:\n  ‸\n  experimental:\n    compression: none\n  allowPostCopy: true\n`).labels, without('allowPostCopy', 'experimental'));
  assert.deepEqual(at(`${H}spec:\n  ‸\nmetadata:\n  selectors: x\n`).labels, SPEC);
  assert.deepEqual(at(`${H}spec:\n  ‸\n  bad: [unclosed\n`).labels, SPEC);
});

test('what makes the object a policy: kind MigrationPolicy, or no kind and an apiVersion of the migrations group', () => {
  assert.deepEqual(at(`${PV}\nspec:\n  ‸\n`).labels, SPEC);
  assert.deepEqual(at(`kind: MigrationPolicy\nspec:\n  ‸\n`).labels, SPEC);
  assert.deepEqual(at(`kind:\n${PV}\nspec:\n  ‸\n`).labels, SPEC);
  assert.deepEqual(at(`kind: Pod\n${PV}\nspec:\n  ‸\n`).labels, []);
  assert.deepEqual(at(`apiVersion: v1\nspec:\n  ‸\n`).labels, []);
  assert.deepEqual(at(`kind: Pod\nspec:\n  ‸\n`).labels, []);
  assert.deepEqual(at(`spec:\n  ‸\n`).labels, []);
  // Neither written yet: only their values are offered.
  assert.deepEqual(at(`kind: ‸\n`), { labels: ['MigrationPolicy'], range: '0:6-6' });
  assert.deepEqual(at(`apiVersion: ‸\n`), { labels: ['migrations.kubevirt.io/v1alpha1'], range: '0:12-12' });
  assert.deepEqual(at(`metadata:\n  name: ‸\n`).labels, []);
  assert.deepEqual(at(`kind: Pod\napiVersion: ‸\n`).labels, []);
});
