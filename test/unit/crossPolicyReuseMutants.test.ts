// Edges of features/crossPolicy.ts FileCrossPolicy for mutation testing (issue 16, session 26): which
// policies the incremental verdicts take whole from the previous call (the same diagnostic objects, a
// count of them), and each kind of change that must make them judge again: a same-length edit that moves
// line breaks above them, a new cluster inventory, the demo cluster instead of a live one, a workspace
// that cannot tell what changed, policies left out of the evaluation, another file's policy that takes
// this one's VMIs. Every answer is compared with a computation from scratch over the same workspace.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies } from '../../server/src/features/clusterView';
import { FileCrossPolicy, getCrossPolicyDiagnostics, listLookup } from '../../server/src/features/crossPolicy';
import type { WorkspaceState } from '../../server/src/features/crossPolicy';
import { CrossWorkspace, DATA, DB, PROD, WEB, policy } from '../support/crossWorkspace';
import { model } from '../support/fixture';

const P = 'file:///w/p.yaml';
const Q = 'file:///w/q.yaml';
const NONE = '{virtualMachineInstanceSelector: {app: none}}';
const DEV_WEB = '{virtualMachineInstanceSelector: {app: web}, namespaceSelector: {env: dev}}';
/** p.yaml with a (selectors no VMI has) and mine (`selectors`), and a judge that has not judged it yet. */
const aAndMine = (selectors = DB) => {
  const f = new CrossWorkspace();
  f.set(P, [policy('a', NONE), policy('mine', selectors)].join('---\n'));
  return { f, judge: new FileCrossPolicy() };
};
const rows = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`);

test('twin policies (one name, one selectors) share their findings: those before and after an edited policy keep their diagnostic objects', () => {
  const f = new CrossWorkspace();
  const docs = [policy('a', WEB), policy('a', WEB), policy('m', PROD), policy('z', DB), policy('z', DB)];
  f.set(P, docs.join('---\n'));
  const judge = new FileCrossPolicy();
  assert.deepEqual(judge.rejudged, [], 'no policy judged before the first call');
  const first = f.judged(judge, P);
  assert.deepEqual(rows(first), ['3:8 duplicate-name', '11:8 duplicate-name', '27:8 duplicate-name', '35:8 duplicate-name', '27:8 identical-selectors', '35:8 identical-selectors', '19:8 shadowed-policy', '27:8 shadowed-policy', '35:8 shadowed-policy']);
  assert.equal(judge.counts.reused, 0);

  // A value edit in m (one more character): a, a before it and the second z are taken whole (the
  // document right after an edited one is parsed again, so the first z is a new policy object).
  const kept = [0, 1, 3, 5, 6, 8];
  docs[2] = policy('m', PROD, 1500);
  const value = f.judged(judge, P, docs);
  assert.deepEqual(judge.rejudged, []);
  assert.equal(judge.counts.reused, 3);
  for (const i of kept) assert.equal(value[i], first[i], `diagnostic ${i} is the same object`);

  // A value edit of the same length: the first z stays the same object too.
  docs[2] = policy('m', PROD, 1600);
  const again = f.judged(judge, P, docs);
  assert.equal(judge.counts.reused, 7);
  for (const i of kept) assert.equal(again[i], first[i], `diagnostic ${i} is still the same object`);

  // A line added in m: a, a keep their objects; z, z are placed anew one line down.
  docs[2] = policy('m', PROD, 1600).replace('spec:\n', 'spec:\n  # typed\n');
  const moved = f.judged(judge, P, docs);
  assert.equal(judge.counts.reused, 11);
  assert.deepEqual(rows(moved), ['3:8 duplicate-name', '11:8 duplicate-name', '28:8 duplicate-name', '36:8 duplicate-name', '28:8 identical-selectors', '36:8 identical-selectors', '19:8 shadowed-policy', '28:8 shadowed-policy', '36:8 shadowed-policy']);
  assert.equal(moved[0], first[0]);
  assert.equal(moved[1], first[1]);

  // The first z edited: the a's before and the second z after are taken whole.
  docs[3] = policy('z', DB, 1);
  const third = f.judged(judge, P, docs);
  assert.equal(judge.counts.reused, 15);
  assert.equal(third[0], first[0]);
  assert.equal(third[1], first[1]);
  assert.equal(third[3], moved[3], 'the second z keeps its duplicate-name diagnostic');
  assert.equal(third[5], moved[5], 'the second z keeps its identical-selectors diagnostic');
});

test('the same policy objects at the same offsets below a same-length edit that moved a line break: their diagnostics are placed anew', () => {
  const docs = [policy('a', WEB), policy('a', WEB), policy('z', DB)].join('---\n');
  const before = `kind: ConfigMap\ndata: {k: ab}\n---\n${docs}`;
  const after = `kind: ConfigMap\ndata: {k:\n b}\n---\n${docs}`;
  const policies = filePolicies(model(before), P);
  assert.deepEqual(filePolicies(model(after), P).map((p) => p.offset), policies.map((p) => p.offset));
  const state: WorkspaceState = { generation: 1, elsewhere: 0, changedSince: () => undefined };
  const judge = new FileCrossPolicy();
  const lookup = listLookup([]);
  const first = judge.diagnostics({ lines: new LineIndex(before) }, policies, lookup, undefined, state);
  assert.deepEqual(rows(first), ['6:8 duplicate-name', '14:8 duplicate-name']);
  const now = judge.diagnostics({ lines: new LineIndex(after) }, policies, lookup, undefined, state);
  assert.deepEqual(now, getCrossPolicyDiagnostics({ lines: new LineIndex(after) }, policies, [], undefined));
  assert.deepEqual(rows(now), ['7:8 duplicate-name', '15:8 duplicate-name']);
  assert.equal(judge.counts.reused, 3, 'a, a and z are the same objects at the same offsets, taken as the suffix');
  // An edit inside the line only: all taken whole as the prefix, the same diagnostic objects.
  const same = `kind: ConfigMap\ndata: {k:\n c}\n---\n${docs}`;
  const again = judge.diagnostics({ lines: new LineIndex(same) }, policies, lookup, undefined, state);
  assert.deepEqual(rows(again), ['7:8 duplicate-name', '15:8 duplicate-name']);
  assert.equal(judge.counts.reused, 6);
  again.forEach((d, i) => assert.equal(d, now[i], `diagnostic ${i} is the same object`));
});

test('a file without policies, judged twice: no diagnostics and no failure', () => {
  const f = new CrossWorkspace();
  f.set(P, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  const judge = new FileCrossPolicy();
  assert.deepEqual(f.judge(judge, P).incremental, []);
  f.set(P, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n');
  assert.deepEqual(f.judge(judge, P).incremental, []);
  assert.equal(judge.counts.reused, 0);
});

test('a policy left out of the evaluation (a new left-out map, the same evaluation) loses its shadowed-policy verdict, and gets it back', () => {
  const { f, judge } = aAndMine();
  const first = f.judged(judge, P);
  assert.deepEqual(rows(first), ['11:8 identical-selectors', '11:8 shadowed-policy']);
  const view = f.view!;
  const mine = f.index.policies(P)[1].info;
  f.view = { ...view, leftOut: new Map([[mine, 'left out for the test']]) };
  const out = f.judged(judge, P);
  assert.deepEqual(rows(out), ['11:8 identical-selectors']);
  f.view = { ...view };
  const back = f.judged(judge, P);
  assert.deepEqual(rows(back), ['11:8 identical-selectors', '11:8 shadowed-policy']);
});

test('a view without an evaluation after one with it, and back: the shadowed-policy verdict goes and comes', () => {
  const { f, judge } = aAndMine();
  const view = f.view!;
  assert.deepEqual(rows(f.judge(judge, P).incremental), ['11:8 identical-selectors', '11:8 shadowed-policy']);
  f.view = { status: view.status, inventory: view.inventory, leftOut: view.leftOut };
  const none = f.judged(judge, P);
  assert.deepEqual(rows(none), ['11:8 identical-selectors']);
  f.view = view;
  const back = f.judged(judge, P);
  assert.deepEqual(rows(back), ['11:8 identical-selectors', '11:8 shadowed-policy']);
});

test('another file\'s policy that takes this policy\'s VMIs makes it shadowed (no name or selectors of this file touched)', () => {
  const { f, judge } = aAndMine(WEB);
  f.set(Q, policy('q', NONE.replace('none', 'nil')));
  const first = f.judged(judge, P);
  assert.deepEqual(rows(first), []);
  // x (in q.yaml) is more specific than mine for the web VMIs of dev, which mine won.
  f.set(Q, [policy('q', NONE.replace('none', 'nil')), policy('x', DEV_WEB)].join('---\n'));
  const now = f.judged(judge, P);
  assert.deepEqual(rows(now), ['11:8 shadowed-policy']);
  assert.equal(now[0].message, 'This policy matches 3 VMIs but wins none: x takes 2, cluster-web takes 1. It never applies there; give it more specific selectors or remove it.');
  // x goes: mine wins again.
  f.set(Q, [policy('q', NONE.replace('none', 'nil')), policy('y', DEV_WEB.replace('dev', 'qa'))].join('---\n'));
  const after = f.judged(judge, P);
  assert.deepEqual(rows(after), []);
});

test('a new inventory (a cluster policy gone) re-judges: the identical-selectors twin and the shadow go', () => {
  const { f, judge } = aAndMine();
  assert.deepEqual(rows(f.judge(judge, P).incremental), ['11:8 identical-selectors', '11:8 shadowed-policy']);
  f.load({ ...DATA, policies: DATA.policies.filter((p) => p.name !== 'cluster-db') });
  const now = f.judged(judge, P);
  assert.deepEqual(rows(now), []);
});

test('the demo cluster instead of a live one with the same inventory: the messages name the demo cluster', () => {
  const { f, judge } = aAndMine();
  const live = f.judge(judge, P).incremental;
  assert.match(String(live[0].message), /\(the cluster\)/);
  const demo: ClusterStatus = { source: { kind: 'snapshot', path: '/x/examples/cluster.yaml', demo: true }, state: { kind: 'ready' }, counts: f.status.counts };
  f.view = { ...f.view!, status: demo };
  const now = f.judged(judge, P);
  assert.deepEqual(now.map((d) => d.message), [
    'Same selectors as cluster-db (the demo cluster): cluster-db takes precedence only because its name sorts first, so this policy never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
    'In the demo cluster, this policy matches 5 VMIs but wins none: cluster-db takes 5. It never applies there; give it more specific selectors or remove it.',
  ]);
});

test('a workspace that cannot tell what changed since the last call: everything is judged again', () => {
  const text = [policy('a', DB), policy('b', DB)].join('---\n');
  const lines = new LineIndex(text);
  const judge = new FileCrossPolicy();
  const f = new CrossWorkspace();
  f.set(P, text);
  const before = f.index.policies(P);
  const unknown = (generation: number): WorkspaceState => ({ generation, elsewhere: 0, changedSince: () => undefined });
  const others = [{ info: { ...before[0].info, name: 'c', origin: { kind: 'workspace' as const, uri: Q } }, location: 'q.yaml:4' }];
  assert.deepEqual(rows(judge.diagnostics({ lines }, before, listLookup([]), undefined, unknown(1))), ['3:8 identical-selectors', '11:8 identical-selectors']);
  // Another file now has a c: the workspace moved to generation 2 and cannot say what changed.
  const now = judge.diagnostics({ lines }, before, listLookup(others), undefined, unknown(2));
  assert.deepEqual(judge.rejudged, ['a', 'b']);
  assert.deepEqual(now.map((d) => String(d.message).slice(0, 40)), ['Same selectors as c (q.yaml:4), b (this ', 'Same selectors as c (q.yaml:4), a (this ']);
});

test('without a cluster view, a change of names still re-judges the touched names only', () => {
  const text = [policy('a', DB), policy('b', WEB)].join('---\n');
  const lines = new LineIndex(text);
  const f = new CrossWorkspace();
  f.set(P, text);
  const policies = f.index.policies(P);
  const judge = new FileCrossPolicy();
  const state = (generation: number, names: string[]): WorkspaceState => ({ generation, elsewhere: 0, changedSince: () => ({ names: new Set(names), keys: new Set() }) });
  assert.deepEqual(judge.diagnostics({ lines }, policies, listLookup([]), undefined, state(1, [])), []);
  const others = [{ info: { ...policies[0].info, origin: { kind: 'workspace' as const, uri: Q } }, location: 'q.yaml:4' }];
  const now = judge.diagnostics({ lines }, policies, listLookup(others), undefined, state(2, ['a']));
  assert.deepEqual(judge.rejudged, ['a']);
  assert.deepEqual(rows(now), ['3:8 duplicate-name']);
});

test('after a policy took the place of another document of as many lines, the policies taken whole keep their own anchors for the next call', () => {
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n  c: d\n';
  const start = (edit: 'z' | 'w') => {
    // Without a cluster view (a new evaluation would tell names whose standing may have changed, judged again).
    const f = new CrossWorkspace();
    const judgeNow = () => {
      f.view = undefined;
      return f.judge(judge, P);
    };
    const docs = [policy('a', DB), configMap, policy('z', DB), policy('z2', DB), policy('w', DB)];
    f.set(P, docs.join('---\n'));
    const judge = new FileCrossPolicy();
    judgeNow();
    // m (a name and selectors of its own) takes the ConfigMap's seven lines: a is taken whole before it, z, z2 and w after it.
    docs[1] = policy('m', NONE);
    f.set(P, docs.join('---\n'));
    const second = judgeNow();
    assert.deepEqual(second.incremental, second.scratch);
    assert.deepEqual(judge.rejudged, ['m']);
    assert.equal(judge.counts.reused, 4);
    // The next edit: in z (a and m before it are taken whole) or in w (a, m, z and z2 are).
    docs[edit === 'z' ? 2 : 4] = policy(edit, DB, 1);
    f.set(P, docs.join('---\n'));
    const third = judgeNow();
    assert.deepEqual(third.incremental, third.scratch);
    return judge.counts.reused - 4;
  };
  assert.equal(start('z'), 4, 'a and m before z, z2 and w after it');
  assert.equal(start('w'), 4, 'a, m, z and z2 before w');
});

test('a loading view (no inventory yet) after none: the workspace checks stand, as from scratch', () => {
  const f = new CrossWorkspace();
  f.set(P, [policy('a', DB), policy('a', WEB)].join('---\n'));
  const judge = new FileCrossPolicy();
  f.view = undefined;
  assert.deepEqual(rows(f.judge(judge, P).incremental), ['3:8 duplicate-name', '11:8 duplicate-name', '3:8 identical-selectors']);
  f.view = { status: { ...f.status, state: { kind: 'loading' } } as ClusterStatus };
  const now = f.judged(judge, P);
  assert.deepEqual(rows(now), ['3:8 duplicate-name', '11:8 duplicate-name', '3:8 identical-selectors']);
});

test('a view with an evaluation and no left-out map (as the CLI may build one): the shadowed-policy verdict is told', () => {
  const { f, judge } = aAndMine();
  const { status, inventory, evaluation } = f.view!;
  f.view = { status, inventory, evaluation };
  assert.deepEqual(rows(f.judged(judge, P)), ['11:8 identical-selectors', '11:8 shadowed-policy']);
});

test('only the first of the leading policies has diagnostics: a moved line break above it is seen, and unmoved it is taken whole', () => {
  const others = [{ info: { name: 'a', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'a' }, spec: {}, origin: { kind: 'workspace' as const, uri: Q } }, location: 'q.yaml:4' }];
  const docs = [policy('a', NONE), policy('b', WEB)].join('---\n');
  const before = `kind: ConfigMap\ndata: {k: ab}\n---\n${docs}`;
  const after = `kind: ConfigMap\ndata: {k:\n b}\n---\n${docs}`;
  const policies = filePolicies(model(before), P);
  const state: WorkspaceState = { generation: 1, elsewhere: 0, changedSince: () => undefined };
  const judge = new FileCrossPolicy();
  const lookup = listLookup(others);
  assert.deepEqual(rows(judge.diagnostics({ lines: new LineIndex(before) }, policies, lookup, undefined, state)), ['6:8 duplicate-name']);
  const now = judge.diagnostics({ lines: new LineIndex(after) }, policies, lookup, undefined, state);
  assert.deepEqual(now, getCrossPolicyDiagnostics({ lines: new LineIndex(after) }, policies, others, undefined));
  assert.deepEqual(rows(now), ['7:8 duplicate-name']);

  // a (told) and b (not told) before an edited c, d after it: a and b are taken whole as they stand.
  const f = new CrossWorkspace();
  f.set(Q, policy('a', NONE.replace('none', 'q')));
  const list = [policy('a', NONE), policy('b', WEB.replace('web', 'b')), policy('c', WEB.replace('web', 'c')), policy('d', WEB.replace('web', 'd'))];
  f.set(P, list.join('---\n'));
  const incremental = new FileCrossPolicy();
  f.view = undefined;
  assert.deepEqual(rows(f.judge(incremental, P).incremental), ['3:8 duplicate-name']);
  list[2] = policy('c', WEB.replace('web', 'c'), 1);
  f.set(P, list.join('---\n'));
  f.view = undefined;
  const edited = f.judge(incremental, P);
  assert.deepEqual(edited.incremental, edited.scratch);
  assert.equal(incremental.counts.reused, 3, 'a and b before c, d after it');
});

test('a suffix whose first policy has no diagnostics: the twins after it are taken whole; a file without findings is taken whole too', () => {
  const f = new CrossWorkspace();
  const docs = [policy('a', NONE), policy('b', WEB.replace('web', 'b')), policy('t', DB), policy('t', DB, 160)];
  f.set(P, docs.join('---\n'));
  const judge = new FileCrossPolicy();
  f.view = undefined;
  const first = f.judge(judge, P);
  assert.deepEqual(rows(first.incremental), ['19:8 duplicate-name', '27:8 duplicate-name', '19:8 identical-selectors', '27:8 identical-selectors']);
  docs[0] = policy('a', NONE, 151);
  f.set(P, docs.join('---\n'));
  f.view = undefined;
  const now = f.judged(judge, P);
  assert.equal(judge.counts.reused, 3);
  now.forEach((d, i) => assert.equal(d, first.incremental[i], `diagnostic ${i} is the same object`));

  const g = new CrossWorkspace();
  const plain = [policy('a', NONE), policy('b', WEB.replace('web', 'b'))];
  g.set(P, plain.join('---\n'));
  const quiet = new FileCrossPolicy();
  g.view = undefined;
  assert.deepEqual(g.judge(quiet, P).incremental, []);
  plain[0] = policy('a', NONE, 151);
  g.set(P, plain.join('---\n'));
  g.view = undefined;
  assert.deepEqual(g.judge(quiet, P).incremental, []);
  assert.equal(quiet.counts.reused, 1);
});

test('a flow policy on the first line (`--- {...}`) moved down by a document added above it: taken whole, its diagnostics placed anew', () => {
  const f = new CrossWorkspace();
  const flow = `--- {apiVersion: migrations.kubevirt.io/v1alpha1, kind: MigrationPolicy, metadata: {name: mine}, spec: {selectors: ${DB}}}\n`;
  f.set(P, flow);
  const judge = new FileCrossPolicy();
  const [mine] = f.index.policies(P);
  assert.deepEqual(rows(f.judge(judge, P).incremental), ['0:90 identical-selectors', '0:90 shadowed-policy']);
  // The ConfigMap is a document of its own before the `---`: the policy's document keeps its text and its objects.
  f.set(P, `kind: ConfigMap\n${flow}`);
  assert.equal(f.index.policies(P)[0], mine);
  const now = f.judged(judge, P);
  assert.deepEqual(rows(now), ['1:90 identical-selectors', '1:90 shadowed-policy']);
  assert.equal(judge.counts.reused, 1);
});

test('a same-length edit that moves a line break in a document between two twins: the twin below it is placed anew (through the workspace index)', () => {
  const f = new CrossWorkspace();
  const text = (data: string) => `${policy('a', WEB)}---\nkind: ConfigMap\ndata: ${data}\n---\n${policy('a', WEB)}`;
  f.set(P, text('{k: ab}'));
  const judge = new FileCrossPolicy();
  const before = f.index.policies(P);
  const first = f.judge(judge, P);
  assert.deepEqual(rows(first.incremental), ['3:8 duplicate-name', '14:8 duplicate-name']);
  f.set(P, text('{k:\n b}'));
  f.index.policies(P).forEach((p, i) => assert.equal(p, before[i], `policy ${i} is the same object at the same offset`));
  const now = f.judged(judge, P);
  assert.deepEqual(rows(now), ['3:8 duplicate-name', '15:8 duplicate-name']);
  assert.equal(judge.counts.reused, 2);
});

test('two same-length edits between calls, one line break moved down above b and back up below it: b is placed anew, a and c stay', () => {
  const f = new CrossWorkspace();
  const text = (x: string, y: string) => [policy('a', DB), `kind: ConfigMap\ndata: ${x}\n`, policy('b', DB), `kind: ConfigMap\ndata: ${y}\n`, policy('c', DB)].join('---\n');
  f.set(P, text('{k: ab}', '{k:\n b}'));
  const judge = new FileCrossPolicy();
  const before = f.index.policies(P);
  const first = f.judge(judge, P);
  assert.deepEqual(rows(first.incremental), ['3:8 identical-selectors', '14:8 identical-selectors', '26:8 identical-selectors', '14:8 shadowed-policy', '26:8 shadowed-policy']);
  // Both edits come before the next call (diagnostics wait for typing to pause): a, b and c stay at their offsets.
  f.set(P, text('{k:\n b}', '{k:\n b}'));
  f.set(P, text('{k:\n b}', '{k: ab}'));
  f.index.policies(P).forEach((p, i) => assert.equal(p, before[i], `policy ${i} is the same object at the same offset`));
  const now = f.judged(judge, P);
  assert.deepEqual(rows(now), ['3:8 identical-selectors', '15:8 identical-selectors', '26:8 identical-selectors', '15:8 shadowed-policy', '26:8 shadowed-policy']);
  assert.equal(judge.counts.reused, 3);
  for (const i of [0, 2, 4]) assert.equal(now[i], first.incremental[i], `diagnostic ${i} (a or c) is the same object`);
});
