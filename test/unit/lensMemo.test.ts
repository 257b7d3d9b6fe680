// The code lens memo: lenses of a policy whose PolicyInfo, cluster view and state stay are reused
// (moved when the policy moved), and the answer is the one built without the memo.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies, selectWhatIfPolicies } from '../../server/src/features/clusterView';
import type { ClusterView, FilePolicy } from '../../server/src/features/clusterView';
import { getCodeLenses } from '../../server/src/features/codeLens';
import type { LensMemo } from '../../server/src/features/codeLens';
import { model } from '../support/fixture';

const READY: ClusterStatus = { source: { kind: 'snapshot', path: '/x/fleet.json', demo: false }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };
const STALE: ClusterStatus = { ...READY, state: { kind: 'stale', reason: 'watch lost' } };
const policy = (name: string, app: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors:\n    virtualMachineInstanceSelector: {app: ${app}}\n`;
const DATA: ClusterData = {
  namespaces: [{ name: 'ns', labels: { 'kubernetes.io/metadata.name': 'ns' } }],
  vmis: ['a', 'b', 'c', 'd'].map((name, i) => ({ namespace: 'ns', name, labels: { app: i < 3 ? 'db' : 'web' } })),
  policies: [{ name: 'db', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db' }, spec: {}, origin: { kind: 'cluster' } }],
};
const URI = 'file:///w/p.yaml';
const TEXT = `${policy('db', 'db')}---\n${policy('web', 'web')}---\n${policy('z-db', 'db')}`;

function setup(status: ClusterStatus = READY): { view: ClusterView; policies: FilePolicy[]; lines: LineIndex } {
  const file = model(TEXT);
  const policies = filePolicies(file, URI);
  const chosen = selectWhatIfPolicies([{ uri: URI, file, name: 'p.yaml' }], {}, () => policies);
  const inventory = new Inventory(DATA);
  return { view: { status, inventory, evaluation: inventory.evaluate().withPolicies(chosen.policies), leftOut: chosen.leftOut }, policies, lines: new LineIndex(TEXT) };
}

const shown = (lenses: ReturnType<typeof getCodeLenses>) => lenses.map((l) => `${l.range.start.line}:${l.range.start.character} ${l.command?.title} | ${l.command?.tooltip ?? ''}`);

test('the same policies and view: the memo gives the lens objects it built, equal to an answer without it', () => {
  const { view, policies, lines } = setup();
  const memo: LensMemo = new WeakMap();
  const first = getCodeLenses({ lines }, policies, view, [], memo);
  assert.deepEqual(shown(first), [
    '0:0 matches 3 VMIs · wins 3 | Click for the list of VMIs.',
    '0:0 from the snapshot fleet.json | ',
    '8:0 matches 1 VMI · wins 1 | Not in the cluster yet; if applied: +1 VMI from cluster defaults. Click for the list of VMIs.',
    '16:0 matches 3 VMIs · wins 0 · loses 3 | Loses 3 to db. Not in the cluster yet. Click for the list of VMIs.',
  ]);
  const again = getCodeLenses({ lines }, policies, view, [], memo);
  assert.deepEqual(again, getCodeLenses({ lines }, policies, view));
  again.forEach((l, i) => assert.equal(l, first[i], `lens ${i} is the memo's object`));
});

test('policies that moved keep their commands at the new place', () => {
  const { view, policies } = setup();
  const memo: LensMemo = new WeakMap();
  const before = getCodeLenses({ lines: new LineIndex(TEXT) }, policies, view, [], memo);
  const moved = `# two lines\n# above\n${TEXT}`;
  const shift = moved.length - TEXT.length;
  const placed = policies.map((p) => ({ ...p, offset: p.offset + shift }));
  const after = getCodeLenses({ lines: new LineIndex(moved) }, placed, view, [], memo);
  assert.deepEqual(after, getCodeLenses({ lines: new LineIndex(moved) }, placed, view));
  assert.deepEqual(after.map((l) => l.range.start.line), [2, 2, 10, 18]);
  after.forEach((l, i) => assert.equal(l.command, before[i].command, `lens ${i} keeps its command object`));
});

test('a new view, another state, a left-out reason or another first policy builds the lenses again', () => {
  const { view, policies, lines } = setup();
  const memo: LensMemo = new WeakMap();
  getCodeLenses({ lines }, policies, view, [], memo);
  const stale = { ...view, status: STALE };
  assert.deepEqual(shown(getCodeLenses({ lines }, policies, stale, [], memo)), shown(getCodeLenses({ lines }, policies, stale)));
  assert.match(shown(getCodeLenses({ lines }, policies, stale, [], memo))[1], /stale \(watch lost\)/);
  // The server swaps a view's left-out map in place when the reasons' names stay: the reason decides.
  view.leftOut = new Map([[policies[1].info, 'it has 1 error the API server would reject']]);
  assert.deepEqual(shown(getCodeLenses({ lines }, policies, view, [], memo))[2], '8:0 Not evaluated | Not part of the what-if evaluation: it has 1 error the API server would reject.');
  view.leftOut = new Map();
  const withoutFirst = getCodeLenses({ lines }, policies.slice(1), view, [], memo);
  assert.deepEqual(shown(withoutFirst), shown(getCodeLenses({ lines }, policies.slice(1), view)));
  assert.equal(withoutFirst.filter((l) => l.command?.title === 'from the snapshot fleet.json').length, 1);
});

test('another policy\'s selector edit (a derived evaluation): policies that fare as before keep their commands, the others are built again', () => {
  const { view, policies, lines } = setup();
  const memo: LensMemo = new WeakMap();
  const before = getCodeLenses({ lines }, policies, view, [], memo);
  // A more specific policy now takes the web VMI: only `web` fares differently.
  const specific = { name: 'aaa-web', hasSelectors: true, namespaceSelector: { 'kubernetes.io/metadata.name': 'ns' }, vmiSelector: { app: 'web' }, spec: {}, origin: { kind: 'workspace' as const, uri: 'file:///w/other.yaml' } };
  const derived: ClusterView = { ...view, evaluation: view.evaluation!.withPolicies([specific]) };
  const after = getCodeLenses({ lines }, policies, derived, [], memo);
  assert.deepEqual(after, getCodeLenses({ lines }, policies, derived));
  assert.deepEqual(shown(after)[2], '8:0 matches 1 VMI · wins 0 · loses 1 | Loses 1 to aaa-web. Not in the cluster yet; if applied: +1 VMI from cluster defaults. Click for the list of VMIs.');
  // At the same place, the same lens objects (the transport keeps their JSON by identity).
  assert.equal(after[0], before[0], 'db fares as before: its lens is reused');
  assert.equal(after[3], before[3], 'z-db fares as before: its lens is reused');
  assert.notEqual(after[2].command, before[2].command);
  // Another state kind or the demo data is never read from an older view.
  const demo: ClusterView = { ...derived, status: { ...READY, source: { kind: 'snapshot', path: '/x/fleet.json', demo: true } } };
  assert.deepEqual(getCodeLenses({ lines }, policies, demo, [], memo), getCodeLenses({ lines }, policies, demo));
  assert.match(String(getCodeLenses({ lines }, policies, demo, [], memo)[0].command?.title), /demo VMIs/);
});
