// The code lens memo reuses a policy's lenses from an older view only when they read the same: these cases
// pin where reuse must NOT happen (a policy that loses the same number of VMIs to other winners, or fewer of
// them) and the views the memo must survive without throwing (no evaluation yet; a policy that enters or
// leaves the evaluation). Each answer with the memo is compared with the answer built without it.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus, PolicyInfo } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies } from '../../server/src/features/clusterView';
import type { ClusterView } from '../../server/src/features/clusterView';
import { getCodeLenses } from '../../server/src/features/codeLens';
import type { LensMemo } from '../../server/src/features/codeLens';
import { model } from '../support/fixture';

const READY: ClusterStatus = { source: { kind: 'snapshot', path: '/x/fleet.json', demo: false }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 3, policies: 0 } };
const LOADING: ClusterStatus = { ...READY, state: { kind: 'loading' } };
const URI = 'file:///w/p.yaml';
const TEXT = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors:\n    virtualMachineInstanceSelector: {app: db}\n';
const NS = { 'kubernetes.io/metadata.name': 'ns' };
// v2 carries both x and y: the x and y policies tie on it unless one also selects the namespace.
const DATA: ClusterData = {
  namespaces: [{ name: 'ns', labels: NS }],
  vmis: [
    { namespace: 'ns', name: 'v1', labels: { app: 'db', x: '1' } },
    { namespace: 'ns', name: 'v2', labels: { app: 'db', x: '1', y: '1' } },
    { namespace: 'ns', name: 'v3', labels: { app: 'db', y: '1' } },
  ],
  policies: [],
};
const other = (name: string, vmiSelector: Record<string, string>, namespaceSelector: Record<string, string> = {}): PolicyInfo => ({ name, hasSelectors: true, namespaceSelector, vmiSelector, spec: {}, origin: { kind: 'workspace', uri: 'file:///w/other.yaml' } });

function setup() {
  const file = model(TEXT);
  const policies = filePolicies(file, URI);
  const inventory = new Inventory(DATA);
  const lines = new LineIndex(TEXT);
  const view = (evaluationOf: ((base: ReturnType<Inventory['evaluate']>) => ClusterView['evaluation']) | undefined, status = READY): ClusterView => ({ status, inventory, evaluation: evaluationOf?.(inventory.evaluate()), leftOut: new Map() });
  const lenses = (v: ClusterView, memo?: LensMemo) => getCodeLenses({ lines }, policies, v, [], memo);
  return { policies, view, lenses };
}
const titles = (ls: ReturnType<typeof getCodeLenses>) => ls.map((l) => `${l.command?.title} | ${l.command?.tooltip ?? ''}`);

test('p loses 2 to x and 1 to y, then 1 to x and 2 to y: same counts per policy and total, so the memo must compare each loser', () => {
  const { policies, view, lenses } = setup();
  const p = policies[0].info;
  const memo: LensMemo = new WeakMap();
  // x and y tie on v2 (two labels each): the name decides, x.
  const before = lenses(view((base) => base.withPolicies([p, other('x', { app: 'db', x: '1' }), other('y', { app: 'db', y: '1' })])), memo);
  assert.deepEqual(titles(before), ['matches 3 VMIs · wins 0 · loses 3 | Loses 2 to x, 1 to y. Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.', 'from the snapshot fleet.json | ']);
  // y also selects the namespace: it now outranks x on v2.
  const swapped = view((base) => base.withPolicies([p, other('x', { app: 'db', x: '1' }), other('y', { app: 'db', y: '1' }, NS)]));
  const after = lenses(swapped, memo);
  assert.deepEqual(titles(after), ['matches 3 VMIs · wins 0 · loses 3 | Loses 2 to y, 1 to x. Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.', 'from the snapshot fleet.json | ']);
  assert.deepEqual(after, lenses(swapped));
});

test('p stops losing to y (y is gone) but still loses the same to x: the memo must not keep "loses 1 to y"', () => {
  const { policies, view, lenses } = setup();
  const p = policies[0].info;
  const memo: LensMemo = new WeakMap();
  // y selects the namespace so it takes v2 and v3; x keeps v1.
  const before = lenses(view((base) => base.withPolicies([p, other('x', { app: 'db', x: '1' }), other('y', { app: 'db', y: '1' }, NS)])), memo);
  assert.deepEqual(titles(before)[0], 'matches 3 VMIs · wins 0 · loses 3 | Loses 2 to y, 1 to x. Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.');
  // Without y, x takes v1 and v2, p keeps v3: it still loses to x, now twice, and to no one else.
  const fewer = view((base) => base.withPolicies([p, other('x', { app: 'db', x: '1' })]));
  assert.deepEqual(titles(lenses(fewer, memo))[0], 'matches 3 VMIs · wins 1 · loses 2 | Loses 2 to x. Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.');
  // x narrowed to v1 and v2 only through y's absence: p loses exactly x's share, a subset of before.
  const subset = view((base) => base.withPolicies([p, other('x', { app: 'db', x: '1' }, NS)]));
  const memo2: LensMemo = new WeakMap();
  lenses(view((base) => base.withPolicies([p, other('x', { app: 'db', x: '1' }, NS), other('y', { app: 'db', y: '1' })])), memo2);
  assert.deepEqual(lenses(subset, memo2), lenses(subset));
  assert.deepEqual(titles(lenses(subset, memo2))[0], 'matches 3 VMIs · wins 1 · loses 2 | Loses 2 to x. Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.');
});

test('two views with no evaluation yet (loading): the memo answers again without throwing', () => {
  const { view, lenses } = setup();
  const memo: LensMemo = new WeakMap();
  const first = lenses(view(undefined, LOADING), memo);
  assert.deepEqual(titles(first), ['Snapshot fleet.json: loading | Click to load the cluster data again']);
  const again = view(undefined, LOADING);
  assert.deepEqual(lenses(again, memo), lenses(again));
});

test('a policy that leaves the evaluation, then comes back: the memo answers as a fresh build both ways', () => {
  const { policies, view, lenses } = setup();
  const p = policies[0].info;
  const memo: LensMemo = new WeakMap();
  const withP = () => view((base) => base.withPolicies([p, other('x', { app: 'db', x: '1' })]));
  const withoutP = () => view((base) => base.withPolicies([other('x', { app: 'db', x: '1' })]));
  lenses(withP(), memo);
  const gone = withoutP();
  // Not in the evaluation: no numbers to show, the state lens only.
  assert.deepEqual(titles(lenses(gone, memo)), ['From the snapshot fleet.json | Click to load the cluster data again']);
  assert.deepEqual(lenses(gone, memo), lenses(gone));
  const back = withP();
  assert.deepEqual(titles(lenses(back, memo))[0], 'matches 3 VMIs · wins 1 · loses 2 | Loses 2 to x. Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.');
  assert.deepEqual(lenses(back, memo), lenses(back));
});

test('the standings changed between two evaluations are looked up per pair: lenses last built from another evaluation are judged against that one', () => {
  const q = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: q\nspec:\n  selectors:\n    virtualMachineInstanceSelector: {app: db}\n';
  const f = q.replace('name: q', 'name: f').replace('{app: db}', '{app: web}');
  const inventory = new Inventory(DATA);
  const base = inventory.evaluate();
  const view = (evaluation: ClusterView['evaluation']): ClusterView => ({ status: READY, inventory, evaluation, leftOut: new Map() });
  const qFile = { uri: 'file:///w/q.yaml', lines: new LineIndex(q), policies: filePolicies(model(q), 'file:///w/q.yaml') };
  const fFile = { uri: 'file:///w/f.yaml', lines: new LineIndex(f), policies: filePolicies(model(f), 'file:///w/f.yaml') };
  const lensesOf = (file: typeof qFile, v: ClusterView, memo?: LensMemo) => getCodeLenses({ lines: file.lines }, file.policies, v, [], memo);
  const memo: LensMemo = new WeakMap();
  // q's lenses from an evaluation that has q.
  assert.equal(titles(lensesOf(qFile, view(base.withPolicies([qFile.policies[0].info])), memo))[0], 'matches 3 VMIs · wins 3 | Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.');
  // f's lenses from an evaluation with no workspace policy, then both files asked against another such
  // evaluation: the pair (that one, now) names nothing as changed, the pair (q's, now) names q.
  lensesOf(fFile, view(base.withPolicies([])), memo);
  const now = view(base.withPolicies([]));
  lensesOf(fFile, now, memo);
  const answer = lensesOf(qFile, now, memo);
  assert.deepEqual(titles(answer), ['From the snapshot fleet.json | Click to load the cluster data again']);
  assert.deepEqual(answer, lensesOf(qFile, now));
});

test('a lens click names the policy alone (its name, no uri), and a policy asked again gets the very same lens objects', () => {
  const { policies, view } = setup();
  const v = view((base) => base.withPolicies([policies[0].info]));
  const lines = new LineIndex(TEXT);
  const memo: LensMemo = new WeakMap();
  const first = getCodeLenses({ lines }, policies, v, [], memo);
  assert.deepEqual(first[0].command?.arguments, ['p']);
  const renamed = getCodeLenses({ lines }, policies, v, [], memo);
  assert.equal(renamed[0], first[0]);
  assert.deepEqual(renamed, getCodeLenses({ lines }, policies, v));
});

test('the state\'s words change within one kind (another stale reason): the state lens reads the new words', () => {
  const { policies, view, lenses } = setup();
  const memo: LensMemo = new WeakMap();
  const stale = (reason: string) => ({ ...view((base) => base.withPolicies([policies[0].info])), status: { ...READY, state: { kind: 'stale' as const, reason } } });
  const first = stale('watch lost');
  lenses(first, memo);
  const second = { ...first, status: { ...READY, state: { kind: 'stale' as const, reason: 'relist failed' } } };
  assert.deepEqual(titles(lenses(second, memo))[1], 'snapshot fleet.json: stale (relist failed) | Click to load the cluster data again');
  assert.deepEqual(lenses(second, memo), lenses(second));
});

test('a policy that moved along its line (same line, another column) gets its lenses at the new column', () => {
  const { policies, view } = setup();
  const v = view((base) => base.withPolicies([policies[0].info]));
  const memo: LensMemo = new WeakMap();
  getCodeLenses({ lines: new LineIndex(TEXT) }, policies, v, [], memo);
  const moved = `--- ${TEXT}`;
  const placed = policies.map((p) => ({ ...p, offset: p.offset + 4 }));
  const after = getCodeLenses({ lines: new LineIndex(moved) }, placed, v, [], memo);
  assert.deepEqual(after.map((l) => `${l.range.start.line}:${l.range.start.character}`), ['0:4', '0:4']);
  assert.deepEqual(after, getCodeLenses({ lines: new LineIndex(moved) }, placed, v));
});

test('the first policy goes: the policy that is now first gets the state lens (which only the first policy shows)', () => {
  const text = `${TEXT}---\n${TEXT.replace('name: p', 'name: q')}`;
  const file = model(text);
  const policies = filePolicies(file, URI);
  const inventory = new Inventory(DATA);
  const v: ClusterView = { status: READY, inventory, evaluation: inventory.evaluate().withPolicies(policies.map((p) => p.info)), leftOut: new Map() };
  const lines = new LineIndex(text);
  const memo: LensMemo = new WeakMap();
  assert.equal(titles(getCodeLenses({ lines }, policies, v, [], memo)).filter((t) => t.startsWith('from the snapshot')).length, 1);
  const rest = getCodeLenses({ lines }, policies.slice(1), v, [], memo);
  assert.deepEqual(titles(rest), [
    'matches 3 VMIs · wins 0 · loses 3 | Loses 3 to p. Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.',
    'from the snapshot fleet.json | ',
  ]);
  assert.deepEqual(rest, getCodeLenses({ lines }, policies.slice(1), v));
});

test('a new cluster reading (another inventory) where the policy fares the same: the comparison with the cluster\'s version is read again', () => {
  const { policies } = setup();
  const p = policies[0].info;
  const lines = new LineIndex(TEXT);
  const viewOf = (data: ClusterData): ClusterView => {
    const inventory = new Inventory(data);
    return { status: READY, inventory, evaluation: inventory.evaluate().withPolicies([p]), leftOut: new Map() };
  };
  const memo: LensMemo = new WeakMap();
  assert.equal(titles(getCodeLenses({ lines }, policies, viewOf(DATA), [], memo))[0], 'matches 3 VMIs · wins 3 | Not in the cluster yet; if applied: +3 VMIs from cluster defaults. Click for the list of VMIs.');
  // The cluster now has its own p, which selects only the x VMIs: the file's p still wins all three.
  const applied = viewOf({ ...DATA, policies: [{ name: 'p', hasSelectors: true, namespaceSelector: {}, vmiSelector: { x: '1' }, spec: {}, origin: { kind: 'cluster' } }] });
  const after = getCodeLenses({ lines }, policies, applied, [], memo);
  assert.deepEqual(titles(after), [
    'matches 3 VMIs · wins 3 | Against the version in the cluster: +1 VMI from cluster defaults. Click for the list of VMIs.',
    'in the cluster: wins 2 | Against the version in the cluster: +1 VMI from cluster defaults. Click for the list of VMIs.',
    'from the snapshot fleet.json | ',
  ]);
  assert.deepEqual(after, getCodeLenses({ lines }, policies, applied));
});

test('no cluster data for another reason, in the same state words: the lens tooltip gives the new reason', () => {
  const { policies } = setup();
  const lines = new LineIndex(TEXT);
  const none = (reason: string): ClusterView => ({ status: { source: { kind: 'none', reason }, state: { kind: 'error', message: 'no data' }, counts: { namespaces: 0, vmis: 0, policies: 0 } } });
  const memo: LensMemo = new WeakMap();
  getCodeLenses({ lines }, policies, none('no kubeconfig'), [], memo);
  const other = none('the workspace is not trusted');
  const after = getCodeLenses({ lines }, policies, other, [], memo);
  assert.equal(after[0].command?.tooltip, 'No cluster data: the workspace is not trusted. Lenses show which VMIs a policy wins once there is cluster data.');
  assert.deepEqual(after, getCodeLenses({ lines }, policies, other));
});

test('the same view whose left-out map now names the policy (the server swaps the map in place): the lens says why it is not evaluated, and back', () => {
  const { policies, view, lenses } = setup();
  const v = view((base) => base.withPolicies([policies[0].info]));
  const memo: LensMemo = new WeakMap();
  const evaluated = titles(lenses(v, memo));
  v.leftOut = new Map([[policies[0].info, 'it has 1 error the API server would reject']]);
  assert.deepEqual(titles(lenses(v, memo)), ['Not evaluated | Not part of the what-if evaluation: it has 1 error the API server would reject.']);
  v.leftOut = new Map();
  assert.deepEqual(titles(lenses(v, memo)), evaluated);
});
