// Selector label completion (features/completionLabels.ts) at the edges its session-22 survivors left: the
// order of the sources in the counts (the workspace last, also after a snapshot whose name sorts after it),
// and the filter texts editors match the typed text against in JSON: the quoted forms when the typed text
// starts with a quote, the plain ones otherwise.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-types';
import type { KnownLabels } from '../../server/src/features/selectorLabels';
import { complete } from '../support/check';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
const J = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "spec": {"selectors": {"virtualMachineInstanceSelector": {';
const LABELS: KnownLabels = {
  namespace: [
    { key: 'team', value: 'a', count: 2, source: 'workspace' },
    { key: 'team', value: 'a', count: 3, source: 'zz-snap.yaml' },
    // the same sources met in the other order
    { key: 'zone', value: 'b', count: 1, source: 'zz-snap.yaml' },
    { key: 'zone', value: 'b', count: 1, source: 'workspace' },
  ],
  vmi: [
    { key: 'app', value: 'db', count: 2, source: 'cluster' },
  ],
};

const item = (items: CompletionItem[], label: string) => items.find((i) => i.label === label);

test('counts name the workspace last, also after a snapshot whose name sorts after "workspace"', () => {
  const { items } = complete(`${H}spec:\n  selectors:\n    namespaceSelector:\n      ‸`, { labels: LABELS }).list;
  assert.equal(item(items, 'team')?.detail, '3 namespaces in zz-snap.yaml, used by 2 policies');
  assert.equal(item(items, 'zone')?.detail, '1 namespace in zz-snap.yaml, used by 1 policy');
});

test('JSON: with an opening quote typed the filter texts are the quoted key and the quoted pair; without it the plain ones', () => {
  const quoted = complete(`${J}"a‸}}}}`, { labels: LABELS, name: 'p.json' }).list.items;
  assert.equal(item(quoted, 'app')?.filterText, '"app"');
  assert.equal(item(quoted, 'app: "db"')?.filterText, '"app": "db"');
  const plain = complete(`${J}a‸}}}}`, { labels: LABELS, name: 'p.json' }).list.items;
  assert.equal(item(plain, 'app')?.filterText, 'app');
  assert.equal(item(plain, 'app: "db"')?.filterText, 'app: db');
});
