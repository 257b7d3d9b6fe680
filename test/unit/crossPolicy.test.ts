// Cross-policy diagnostics and code lens titles against a small in-memory cluster.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { filePolicies, selectWhatIfPolicies, unnamedPolicies } from '../../server/src/features/clusterView';
import type { ClusterView, FilePolicy } from '../../server/src/features/clusterView';
import { getCodeLenses, matchTitle } from '../../server/src/features/codeLens';
import { FileCrossPolicy, getCrossPolicyDiagnostics, isSamePolicy, listLookup } from '../../server/src/features/crossPolicy';
import { model } from '../support/fixture';

const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };

function view(data: ClusterData, text: string, uri = 'file:///w/p.yaml', status: ClusterStatus = READY): { view: ClusterView; file: ReturnType<typeof model>; lines: LineIndex; policies: FilePolicy[] } {
  const file = model(text);
  const inventory = new Inventory(data);
  const policies = filePolicies(file, uri);
  const chosen = selectWhatIfPolicies([{ uri, file, name: 'p.yaml' }], {}, () => policies);
  const evaluation = inventory.evaluate().withPolicies(chosen.policies);
  return { view: { status, inventory, evaluation, leftOut: chosen.leftOut }, file, lines: new LineIndex(file.text), policies };
}

const DEMO: ClusterStatus = { source: { kind: 'snapshot', path: '/x/examples/cluster.yaml', demo: true }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };

const policy = (name: string, selectors: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n`;
const DATA: ClusterData = {
  namespaces: [{ name: 'ns', labels: { 'kubernetes.io/metadata.name': 'ns', env: 'prod' } }],
  vmis: ['a', 'b', 'c', 'd'].map((name, i) => ({ namespace: 'ns', name, labels: { app: i < 3 ? 'db' : 'web' } })),
  policies: [{ name: 'cluster-db', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db' }, spec: {}, origin: { kind: 'cluster' } }],
};

test('identical selectors name the winner by name; a shadowed policy says who takes its VMIs', () => {
  const text = `${policy('zz-db', '{virtualMachineInstanceSelector: {app: db}}')}---\n${policy('dup', '{}')}---\n${policy('dup', '{namespaceSelector: {env: prod}}')}`;
  const { view: v, lines, policies } = view(DATA, text);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [], v);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.code}`), [
    '10:8-11 1 duplicate-name',
    '17:8-11 1 duplicate-name',
    '3:8-13 2 identical-selectors',
    '3:8-13 2 shadowed-policy',
  ]);
  assert.equal(diagnostics[2].message, 'Same selectors as cluster-db (the cluster): cluster-db takes precedence only because its name sorts first, so this policy never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.');
  assert.equal(diagnostics[3].message, 'This policy matches 3 VMIs but wins none: cluster-db takes 3. It never applies there; give it more specific selectors or remove it.');
  assert.match(String(diagnostics[0].message), /Another MigrationPolicy is named dup \(this file\)/);
  for (const d of diagnostics) assert.doesNotMatch(String(d.message), /`/, 'diagnostic messages are plain text');
});

test('identical selectors: the statement holds for the whole set when a third, more specific policy takes the VMIs', () => {
  const text = `${policy('a-web', '{virtualMachineInstanceSelector: {app: db}}')}---\n${policy('b-web', '{virtualMachineInstanceSelector: {app: db}}')}`;
  const { view: v, lines, policies } = view({ ...DATA, policies: [{ ...DATA.policies[0], name: 'specific', namespaceSelector: { env: 'prod' } }] }, text);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [], v);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line} ${d.code}: ${d.message}`), [
    '3 identical-selectors: Same selectors as b-web (this file): between them, this policy takes precedence only because its name sorts first, so the other one never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
    '10 identical-selectors: Same selectors as a-web (this file): a-web takes precedence only because its name sorts first, so this policy never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
    '3 shadowed-policy: This policy matches 3 VMIs but wins none: specific takes 3. It never applies there; give it more specific selectors or remove it.',
    '10 shadowed-policy: This policy matches 3 VMIs but wins none: specific takes 3. It never applies there; give it more specific selectors or remove it.',
  ]);
});

test('with the demo data every cluster-based message says it is the demo', () => {
  const { view: v, lines, policies } = view(DATA, policy('zz-db', '{virtualMachineInstanceSelector: {app: db}}'), 'file:///w/p.yaml', DEMO);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [], v);
  assert.deepEqual(diagnostics.map((d) => String(d.message).match(/demo cluster/)?.[0]), ['demo cluster', 'demo cluster']);
  const lenses = getCodeLenses({ lines }, policies, v);
  assert.deepEqual(lenses.map((l) => l.command?.title), ['matches 3 demo VMIs · wins 0 · loses 3']);
  assert.match(String(lenses[0].command?.tooltip), /^Loses 3 to cluster-db\. Not in the demo cluster yet\. Click/);
});

test('no cluster: the lens offers actions, never numbers; cluster.source none shows nothing', () => {
  const file = model(policy('p', '{}'));
  const none = (reason: string, off = false): ClusterView => ({ status: { source: { kind: 'none', reason, ...(off ? { off } : {}) }, state: { kind: 'disabled' }, counts: { namespaces: 0, vmis: 0, policies: 0 } } });
  const lenses = getCodeLenses({ lines: new LineIndex(file.text) }, filePolicies(file, 'file:///p.yaml'), none('no kubeconfig found'));
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [
    ['No cluster', 'migrationpolicy.clusterActions'],
    ['Connect', 'migrationpolicy.selectContext'],
    ['Use a snapshot', 'migrationpolicy.useSnapshot'],
    ['Try the demo', 'migrationpolicy.useDemo'],
  ]);
  assert.match(String(lenses[0].command?.tooltip), /^No cluster data: no kubeconfig found\./);
  assert.deepEqual(getCodeLenses({ lines: new LineIndex(file.text) }, filePolicies(file, 'file:///p.yaml'), none('turned off', true)), []);
});

test('what-if rule: a policy the API server would reject and an earlier duplicate take no part', () => {
  const bad = policy('bad', '{virtualMachineInstanceSelector: {app: db}}') + '  completionTimeoutPerGiB: -5\n';
  const a = { uri: 'file:///w/a.yaml', file: model(`${bad}---\n${policy('twice', '{virtualMachineInstanceSelector: {app: web}}')}`), name: 'a.yaml' };
  const b = { uri: 'file:///w/b.yaml', file: model(policy('twice', '{virtualMachineInstanceSelector: {app: db}}')), name: 'b.yaml' };
  const chosen = selectWhatIfPolicies([b, a], {});
  assert.deepEqual(chosen.policies.map((p) => `${p.name} ${p.origin.kind === 'workspace' ? p.origin.uri : ''}`), ['twice file:///w/b.yaml']);
  assert.deepEqual([...chosen.leftOut].map(([p, why]) => `${p.name}: ${why}`), ['bad: it has 1 error the API server would reject', 'twice: twice at b.yaml:4 counts instead (the last definition wins)']);
  const { view: v, lines, policies } = view(DATA, bad);
  const lenses = getCodeLenses({ lines }, policies, v);
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.tooltip]), [['Not evaluated', 'Not part of the what-if evaluation: it has 1 error the API server would reject.']]);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, [], v).map((d) => d.code), ['identical-selectors']);
});

test('duplicate names across files point at the other file', () => {
  const { view: v, file, lines } = view(DATA, policy('shared', '{}'));
  const others = [{ info: { ...DATA.policies[0], name: 'shared', origin: { kind: 'workspace' as const, uri: 'file:///w/q.yaml' } }, location: 'q.yaml:4' }];
  const diagnostics = getCrossPolicyDiagnostics({ lines }, filePolicies(file, 'file:///w/p.yaml'), others, v);
  assert.deepEqual(diagnostics.map((d) => d.code), ['duplicate-name']);
  assert.match(String(diagnostics[0].message), /\(q\.yaml:4\)/);
});

test('lens titles: matches, wins, losses, and the what-if delta', () => {
  const { view: v, lines, policies } = view(DATA, policy('a-db', '{virtualMachineInstanceSelector: {app: db}}'));
  const lenses = getCodeLenses({ lines }, policies, v);
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.tooltip]), [
    [0, 'matches 3 VMIs · wins 3', 'migrationpolicy.showMatches', 'Not in the cluster yet; if applied: +3 VMIs from cluster-db. Click for the list of VMIs.'],
  ]);
  const edited = view(DATA, policy('cluster-db', '{virtualMachineInstanceSelector: {app: web}}'));
  assert.deepEqual(getCodeLenses({ lines: edited.lines }, edited.policies, edited.view).map((l) => [l.command?.title, l.command?.tooltip]), [
    ['matches 1 VMI · wins 1', 'Against the version in the cluster: +1 VMI from cluster defaults, \u22123 VMIs to cluster defaults. Click for the list of VMIs.'],
    ['in the cluster: wins 3', 'Against the version in the cluster: +1 VMI from cluster defaults, \u22123 VMIs to cluster defaults. Click for the list of VMIs.'],
  ]);
  assert.equal(matchTitle({ matched: 0, won: 0, lostTo: new Map(), atMigration: { targetNode: 'node-2', vmis: 4 } }), 'matches no VMI now · 4 VMIs while migrating to node-2');
  assert.equal(matchTitle({ matched: 10, won: 1, lostTo: new Map([['b', 2], ['a', 2], ['c', 5]]) }), 'matches 10 VMIs · wins 1 · loses 9');
});

test('without data the lens shows the source state', () => {
  const file = model(policy('p', '{}'));
  const status: ClusterStatus = { source: { kind: 'kube', context: 'prod', server: 'https://k' }, state: { kind: 'forbidden', message: 'x', verb: 'list', resource: 'virtualmachineinstances.kubevirt.io' }, counts: { namespaces: 0, vmis: 0, policies: 0 } };
  const lenses = getCodeLenses({ lines: new LineIndex(file.text) }, filePolicies(file, 'file:///p.yaml'), { status });
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [['Cluster prod: forbidden (403): cannot list virtualmachineinstances.kubevirt.io', 'migrationpolicy.refreshCluster']]);
});

test('a dump of cluster state is not a workspace file: its policies stay out', () => {
  const dump = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- ${policy('p', '{}').replace(/\n/g, '\n  ').trimEnd()}\n`;
  assert.deepEqual(filePolicies(model(dump), 'file:///cluster.yaml'), []);
  const list = `apiVersion: v1\nkind: List\nitems:\n- ${policy('p', '{}').replace(/\n/g, '\n  ').trimEnd()}\n`;
  assert.deepEqual(filePolicies(model(list), 'file:///list.yaml').map((p) => p.info.name), ['p']);
});

test('a policy without a name gets a lens saying why it is not evaluated', () => {
  const text = `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {}\n---\n${policy('named', '{virtualMachineInstanceSelector: {app: web}}')}`;
  const { view: v, file, lines, policies } = view(DATA, text);
  const lenses = getCodeLenses({ lines }, policies, v, unnamedPolicies(file));
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
    [0, 'Not evaluated: no name'],
    [5, 'matches 1 VMI · wins 1'],
  ]);
});

test('a selector shared by 300 policies: each names three twins and how many more, and the one that sorts first wins', () => {
  const text = Array.from({ length: 300 }, (_, i) => policy(`p${String(i).padStart(3, '0')}`, '{virtualMachineInstanceSelector: {app: web}}')).join('---\n');
  const { view: v, file, lines } = view(DATA, text);
  const diagnostics = getCrossPolicyDiagnostics({ lines }, filePolicies(file, 'file:///w/p.yaml'), [], v).filter((d) => d.code === 'identical-selectors');
  assert.equal(diagnostics.length, 300);
  assert.match(String(diagnostics[0].message), /as p001, p002, p003 \(this file\) and 296 more: between them, this policy takes precedence only because its name sorts first, so the others never apply\./);
  assert.match(String(diagnostics[299].message), /as p000, p001, p002 \(this file\) and 296 more: p000 takes precedence only because its name sorts first, so this policy never applies\./);
});

test('kept across calls (FileCrossPolicy), cross-policy diagnostics equal a fresh computation, also after the policies moved', () => {
  const docs = [policy('zz-db', '{virtualMachineInstanceSelector: {app: db}}'), policy('dup', '{}'), policy('dup', '{namespaceSelector: {env: prod}}')];
  const judge = new FileCrossPolicy();
  const workspace = { generation: 1, elsewhere: 0, changedSince: () => undefined };
  const start = view(DATA, docs.join('---\n'));
  const v = start.view;
  let { file, lines } = start;
  const others = [{ info: { ...DATA.policies[0], name: 'zz-db', origin: { kind: 'workspace' as const, uri: 'file:///w/q.yaml' } }, location: 'q.yaml:4' }];
  const fresh = () => getCrossPolicyDiagnostics({ lines }, filePolicies(file, 'file:///w/p.yaml'), others, v);
  const memoised = () => judge.diagnostics({ lines }, filePolicies(file, 'file:///w/p.yaml'), listLookup(others, DATA.policies), v, workspace);
  assert.deepEqual(memoised(), fresh());
  assert.deepEqual(judge.rejudged, ['zz-db', 'dup', 'dup']);
  // The same policies two lines down, under the same cluster view (a new view would re-judge all).
  ({ file, lines } = view(DATA, `# moved\n# down\n${docs.join('---\n')}`));
  assert.deepEqual(memoised(), fresh());
  assert.deepEqual(judge.rejudged, [], 'the same policies are not judged again');
});

// ---- edges found by mutation testing (test/mutation/stryker.features.json) ----------------------------

const SHADOW_DATA: ClusterData = {
  namespaces: [{ name: 'ns', labels: {} }],
  vmis: [
    { namespace: 'ns', name: 'v1', labels: { app: 'db', t: 'x' } },
    { namespace: 'ns', name: 'v2', labels: { app: 'db', t: 'x' } },
    { namespace: 'ns', name: 'v3', labels: { app: 'db', u: 'y' } },
    { namespace: 'ns', name: 'v4', labels: { app: 'db', w: 'z' } },
  ],
  // listed so that neither the data order nor the name order alone gives the message's order
  policies: [
    { name: 'p-w', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db', w: 'z' }, spec: {}, origin: { kind: 'cluster' } },
    { name: 'p-u', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db', u: 'y' }, spec: {}, origin: { kind: 'cluster' } },
    { name: 'p-t', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db', t: 'x' }, spec: {}, origin: { kind: 'cluster' } },
  ],
};

test('a policy shadowed by several: takers by count, then by name, in the diagnostic and the lens tooltip', () => {
  const text = `${policy('mine', '{virtualMachineInstanceSelector: {app: db}}')}---\n${policy('one', '{virtualMachineInstanceSelector: {w: z}}')}`;
  const { view: v, lines, policies } = view(SHADOW_DATA, text);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, [], v).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.code}: ${d.message}`), [
    '3:8-12 2 shadowed-policy: This policy matches 4 VMIs but wins none: p-t takes 2, p-u takes 1, p-w takes 1. It never applies there; give it more specific selectors or remove it.',
    '10:8-11 2 shadowed-policy: This policy matches 1 VMI but wins none: p-w takes 1. It never applies there; give it more specific selectors or remove it.',
  ]);
  assert.deepEqual(getCodeLenses({ lines }, policies, v).map((l) => [l.range.start.line, l.command?.title, l.command?.tooltip, l.command?.arguments]), [
    [0, 'matches 4 VMIs · wins 0 · loses 4', 'Loses 2 to p-t, 1 to p-u, 1 to p-w. Not in the cluster yet. Click for the list of VMIs.', ['mine']],
    [7, 'matches 1 VMI · wins 0 · loses 1', 'Loses 1 to p-w. Not in the cluster yet. Click for the list of VMIs.', ['one']],
  ]);
});

test('lenses: no view, no cluster without a reason, the state beside the numbers, and the order by line', () => {
  const file = model(policy('p', '{}'));
  const ps = filePolicies(file, 'file:///p.yaml');
  assert.deepEqual(getCodeLenses({ lines: new LineIndex(file.text) }, ps, undefined), []);
  const none: ClusterView = { status: { source: { kind: 'none' }, state: { kind: 'disabled' }, counts: { namespaces: 0, vmis: 0, policies: 0 } } };
  assert.deepEqual(getCodeLenses({ lines: new LineIndex(file.text) }, ps, none).map((l) => [l.command?.title, l.command?.tooltip]), [
    ['No cluster', 'No cluster data. Lenses show which VMIs a policy wins once there is cluster data.'],
    ['Connect', 'Read a live cluster through a kubeconfig context'],
    ['Use a snapshot', 'Read a file that kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml printed'],
    ['Try the demo', 'Use the demo cluster bundled with the extension (made-up VMIs, labelled as the demo)'],
  ]);

  // A snapshot that is ready: its name on the first policy only, as a status lens; a stale cluster: on every policy, to refresh.
  const two = `${policy('a-db', '{virtualMachineInstanceSelector: {app: db}}')}---\n${policy('b-web', '{virtualMachineInstanceSelector: {app: web}}')}`;
  const snapshot: ClusterStatus = { source: { kind: 'snapshot', path: '/d/dump.yaml', demo: false }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 4, policies: 1 } };
  const s = view(DATA, two, 'file:///w/p.yaml', snapshot);
  assert.deepEqual(getCodeLenses({ lines: s.lines }, s.policies, s.view).map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
    [0, 'matches 3 VMIs · wins 3', 'migrationpolicy.showMatches'],
    [0, 'from the snapshot dump.yaml', 'migrationpolicy.clusterStatus'],
    [7, 'matches 1 VMI · wins 1', 'migrationpolicy.showMatches'],
  ]);
  const stale: ClusterStatus = { ...READY, state: { kind: 'stale', reason: 'watch ended' } };
  const t = view(DATA, two, 'file:///w/p.yaml', stale);
  assert.deepEqual(getCodeLenses({ lines: t.lines }, t.policies, t.view).map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
    [0, 'matches 3 VMIs · wins 3', 'migrationpolicy.showMatches'],
    [0, 'cluster dev: stale (watch ended)', 'migrationpolicy.refreshCluster'],
    [7, 'matches 1 VMI · wins 1', 'migrationpolicy.showMatches'],
    [7, 'cluster dev: stale (watch ended)', 'migrationpolicy.refreshCluster'],
  ]);

  // An unnamed policy after a named one, behind a comment: its lens sits on its first key and the list is by line.
  const text = `${policy('named', '{virtualMachineInstanceSelector: {app: web}}')}---\n# no name yet\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {}\n`;
  const u = view(DATA, text);
  assert.deepEqual(getCodeLenses({ lines: u.lines }, u.policies, u.view, unnamedPolicies(u.file)).map((l) => [l.range.start.line, l.range.start.character, l.command?.title, l.command?.tooltip]), [
    [0, 0, 'matches 1 VMI · wins 1', 'Not in the cluster yet; if applied: +1 VMI from cluster defaults. Click for the list of VMIs.'],
    [8, 0, 'Not evaluated: no name', 'A policy needs metadata.name before the API server accepts it; then this lens shows which VMIs it matches and wins.'],
  ]);
});

test('identical selectors: key order does not matter, policies without selectors are never twins, three twins get no "more"', () => {
  const text = [
    policy('b', '{virtualMachineInstanceSelector: {x: "1", app: db}}'),
    policy('a', '{virtualMachineInstanceSelector: {app: db, x: "1"}}'),
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: no-sel-1\nspec: {}\n',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: no-sel-2\nspec: {}\n',
  ].join('---\n');
  const { view: v, lines, policies } = view(DATA, text);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, [], v).filter((d) => d.code === 'identical-selectors').map((d) => `${d.range.start.line} ${d.message}`), [
    '3 Same selectors as a (this file): a takes precedence only because its name sorts first, so this policy never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
    '10 Same selectors as b (this file): between them, this policy takes precedence only because its name sorts first, so the other one never applies. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.',
  ]);
  // four members: three twins each, all named; the one that sorts first is not the first listed
  const four = ['d', 'c', 'a', 'b'].map((n) => policy(n, '{virtualMachineInstanceSelector: {app: web}}')).join('---\n');
  const f = view(DATA, four);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines: f.lines }, f.policies, [], f.view).filter((d) => d.code === 'identical-selectors').map((d) => String(d.message).replace(/\. The docs forbid.*/, '')), [
    'Same selectors as c, a, b (this file): a takes precedence only because its name sorts first, so this policy never applies',
    'Same selectors as d, a, b (this file): a takes precedence only because its name sorts first, so this policy never applies',
    'Same selectors as d, c, b (this file): between them, this policy takes precedence only because its name sorts first, so the others never apply',
    'Same selectors as d, c, a (this file): a takes precedence only because its name sorts first, so this policy never applies',
  ]);
});

test('identical selectors against the cluster: a cluster policy the workspace redefines is not a twin; no view means no cluster', () => {
  // The cluster's cluster-db has {app: db}; the workspace redefines cluster-db elsewhere, so only the workspace copy counts.
  const others = [{ info: { ...DATA.policies[0], origin: { kind: 'workspace' as const, uri: 'file:///w/q.yaml' } }, location: 'q.yaml:4' }];
  const { view: v, lines, policies } = view(DATA, policy('z-db', '{virtualMachineInstanceSelector: {app: db}}'));
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, others, v).filter((d) => d.code === 'identical-selectors').map((d) => String(d.message).replace(/: cluster-db takes.*/, '')), ['Same selectors as cluster-db (q.yaml:4)']);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, [], v).filter((d) => d.code === 'identical-selectors').map((d) => String(d.message).replace(/: cluster-db takes.*/, '')), ['Same selectors as cluster-db (the cluster)']);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, [], undefined), []);
  assert.deepEqual(getCrossPolicyDiagnostics({ lines }, policies, others, undefined).map((d) => d.code), ['identical-selectors']);
});

test('isSamePolicy: the same object, or the same file\'s policy of that name and selectors', () => {
  const base = { name: 'p', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db' }, spec: {}, origin: { kind: 'workspace' as const, uri: 'file:///a.yaml' } };
  const cluster = { ...base, origin: { kind: 'cluster' as const } };
  assert.equal(isSamePolicy(cluster, cluster), true);
  assert.equal(isSamePolicy(base, { ...base }), true);
  assert.equal(isSamePolicy(base, { ...base, spec: { bandwidthPerMigration: '1Mi' } }), true);
  assert.equal(isSamePolicy(base, { ...base, origin: { kind: 'workspace', uri: 'file:///b.yaml' } }), false);
  assert.equal(isSamePolicy(base, { ...base, name: 'q' }), false);
  assert.equal(isSamePolicy(base, { ...base, vmiSelector: { app: 'web' } }), false);
  assert.equal(isSamePolicy(cluster, { ...cluster }), false);
  assert.equal(isSamePolicy(base, cluster), false);
  assert.equal(isSamePolicy(cluster, base), false);
});
