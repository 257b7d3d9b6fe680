// Survivors of the mutation run of features/selectorLabels.ts that change answers: selector pairs that are no
// label (a legacy `matchExpressions` field, a key that is no scalar, an empty value, a key with no value node at all (`? bare`), a selector or spec that is
// no map, a policy without spec) are skipped without throwing; LabelTally starts empty, adds and removes counts
// above 1, drops a label whose count falls to 0, and keeps answering the same object until a count changes.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import { collectSelectorLabels, LabelTally } from '../../server/src/features/selectorLabels';
import type { KnownLabels, SelectorLabel } from '../../server/src/features/selectorLabels';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata: {name: p}\n';
const labels = (text: string) => collectSelectorLabels(parseFile(text, 'yaml'), 'file:///a.yaml');
const pairs = (list: SelectorLabel[]) => list.map((l) => `${l.key}=${l.value}×${l.count}`);

test('collectSelectorLabels skips what is no label, and never throws on a policy without spec or with odd selectors', () => {
  const odd = `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      matchExpressions: legacy\n      ? [a, b]\n      : x\n      empty:\n      ? bare\n      app: db\n    namespaceSelector: just-a-string\n`;
  const found = labels(odd);
  assert.deepEqual(pairs(found.vmi), ['app=db×1']);
  assert.deepEqual(found.namespace, []);
  assert.deepEqual(labels(`${HEAD}`), { namespace: [], vmi: [] });
  assert.deepEqual(labels(`${HEAD}spec: 5\n`), { namespace: [], vmi: [] });
  assert.deepEqual(labels(`${HEAD}spec:\n  selectors: [a]\n`), { namespace: [], vmi: [] });
});

const list = (vmi: [string, string, number][], namespace: [string, string, number][] = []): KnownLabels => ({
  vmi: vmi.map(([key, value, count]) => ({ key, value, count, source: 's' })),
  namespace: namespace.map(([key, value, count]) => ({ key, value, count, source: 's' })),
});

test('LabelTally: empty at first, counts above 1 added and removed, labels at 0 dropped, the same answer until a change', () => {
  const tally = new LabelTally();
  assert.deepEqual(tally.labels(), { namespace: [], vmi: [] });
  const a = list([['app', 'db', 2], ['tier', 'gold', 1]], [['env', 'prod', 3]]);
  const b = list([['app', 'db', 2]]);
  assert.equal(tally.replace([], [a, b]), true);
  const first = tally.labels();
  assert.deepEqual(pairs(first.vmi), ['app=db×4', 'tier=gold×1']);
  assert.deepEqual(pairs(first.namespace), ['env=prod×3']);
  // Taking b out and putting the same list back changes nothing: the same object.
  assert.equal(tally.replace([b], [b]), false);
  assert.equal(tally.labels(), first);
  assert.equal(tally.replace([a], []), true);
  const second = tally.labels();
  assert.notEqual(second, first);
  assert.deepEqual(pairs(second.vmi), ['app=db×2']);
  assert.deepEqual(second.namespace, []);
  assert.equal(tally.replace([b], []), true);
  assert.deepEqual(tally.labels(), { namespace: [], vmi: [] });
});
