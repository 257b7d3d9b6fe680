// The VM side (features/workloads.ts) over the real functions: the lens above each VM and VMI, the hover on
// its name, kind, memory and labels, and explainVmi's report. Expected texts are written here, with the
// standings worked out by hand from KubeVirt's precedence (kubevirt-facts.md §5,
// pkg/virt-controller/watch/migration/migrationpolicy.go: a policy matches when every selector entry is
// carried, exactly; the most matched labels win, then the most VMI labels, then the smallest name), the
// defaults of pkg/virt-config (completionTimeoutPerGiB 150, no bandwidth cap) and the completion timeout
// of pkg/virt-launcher/virtwrap/live-migration-source.go (per GiB times the memory in decimal GB, rounded up).
// A VM's VMI takes its labels from spec.template.metadata.labels, not from the VM's own labels.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { PolicyInfo } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { documentNamespaces, explainVmi, fileWorkloads, getWorkloadHover, getWorkloadLenses, namespaceLabelsOf, workloadLensTitle } from '../../server/src/features/workloads';
import type { WorkloadContext } from '../../server/src/features/workloads';
import { model, withCursor } from '../support/fixture';

const policy = (name: string, vmiSelector: Record<string, string>, namespaceSelector: Record<string, string> = {}, spec: Record<string, unknown> = {}): PolicyInfo => ({ name, hasSelectors: true, namespaceSelector, vmiSelector, spec, origin: { kind: 'cluster' } });

const POLICIES: PolicyInfo[] = [
  policy('db', { app: 'db' }, { env: 'prod' }, { completionTimeoutPerGiB: 100, bandwidthPerMigration: '1Gi' }),
  policy('db-any', { app: 'db' }),
  policy('web', { app: 'web' }),
  policy('tier-gold', { tier: 'gold' }),
  policy('wants-other', { app: 'cache' }),
];

function context(extra: Partial<WorkloadContext> = {}): WorkloadContext {
  return { policies: POLICIES, namespaces: new Map([['prod', { labels: { env: 'prod', 'kubernetes.io/metadata.name': 'prod' }, source: 'cluster' as const }]]), defaultNamespace: 'default', ...extra };
}

const VM = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: db-1
  namespace: prod
  labels:
    owner: me
spec:
  template:
    metadata:
      labels:
        app: db
        tier: gold
    spec:
      domain:
        memory:
          guest: 8Gi
`;

const VMI = `apiVersion: kubevirt.io/v1
kind: VirtualMachineInstance
metadata:
  name: cache-7
  labels:
    app: db
spec:
  domain:
    resources:
      requests:
        memory: 2Gi
status:
  migrationState:
    migrationPolicyName: old-policy
`;

/** The hover's paragraphs at the ‸ of `marked`, and the hovered text. */
function hover(marked: string, ctx = context(), markdown = true): { sections: string[]; range: string } | null {
  const { text, offset } = withCursor(marked);
  const lines = new LineIndex(text);
  const h = getWorkloadHover({ file: model(text), lines }, offset, ctx, markdown);
  if (!h) return null;
  const { start, end } = h.range!;
  return { sections: (h.contents as MarkupContent).value.split('\n\n'), range: text.slice(lines.offsetAt(start), lines.offsetAt(end)) };
}

const at = (text: string, needle: string, within = 1) => `${text.slice(0, text.indexOf(needle) + within)}‸${text.slice(text.indexOf(needle) + within)}`;

test('the hover on a VM\'s name: the winner and why, the namespace, every policy\'s score, and the outlook under the winner', () => {
  const h = hover(at(VM, 'db-1'));
  assert.equal(h?.range, 'db-1');
  assert.deepEqual(h?.sections, [
    '**VM prod/db-1**: migrates under `db` (wins over db-any: more matched labels (2 vs 1)).',
    'Namespace `prod`, labels from the cluster.',
    [
      '| rank | policy | total | VMI | namespace |',
      '|---|---|---|---|---|',
      '| 1 | `db` | 2 | 1 | 1 |',
      '| 2 | `db-any` | 1 | 1 | 0 |',
      '| 3 | `tier-gold` | 1 | 1 | 0 |',
      '| – | `wants-other` | VMI label app is "db", not "cache" | | |',
      '| – | `web` | VMI label app is "db", not "web" | | |',
    ].join('\n'),
    [
      // 8Gi = 8.59 GB counts as 9; db sets 100 s/GiB and 1Gi/s: 900 s, and 8 s for one copy
      '**What it means** (under `db`):',
      '- memory `8Gi` (`spec.domain.memory.guest`) = 8.59 GB, counted as 9 GB (KubeVirt rounds up to whole decimal GB)',
      '- completion timeout: 100 s × 9 = 900 s (15 min); then the migration is cancelled',
      '- one full copy at the cap (1 GiB/s (1,073,741,824 bytes/s, 8.6 Gbit/s)) takes at least 8 s',
    ].join('\n'),
  ]);
  // the kind and the memory give the same hover, over their own text
  assert.deepEqual(hover(at(VM, 'VirtualMachine', 3))?.sections, h?.sections);
  assert.equal(hover(at(VM, 'VirtualMachine', 3))?.range, 'VirtualMachine');
  assert.equal(hover(at(VM, '8Gi'))?.range, '8Gi');
});

test('the hover on a VM\'s labels: the policies each feeds and their standing, those wanting another value', () => {
  const app = hover(at(VM, 'app: db'));
  assert.equal(app?.range, 'app');
  assert.deepEqual(app?.sections, [
    '**Label** `app=db` of the VMI this VM creates (spec.template.metadata.labels)',
    'Feeds 2 policies:\n- `db`: **wins** this VM\n- `db-any`: matches, rank 2',
    'Select `app` with another value:\n- `web` wants `app=web`\n- `wants-other` wants `app=cache`',
    'Now: migrates under db · 2 labels matched · next: db-any.',
  ]);
  assert.deepEqual(hover(at(VM, 'db\n        tier'))?.sections, app?.sections);
  assert.equal(hover(at(VM, 'db\n        tier'))?.range, 'db');
  assert.deepEqual(hover(at(VM, 'gold'), context(), false)?.sections, [
    'Label tier=gold of the VMI this VM creates (spec.template.metadata.labels)',
    'Feeds 1 policy:\n- tier-gold: matches, rank 3',
    'Now: migrates under db · 2 labels matched · next: db-any.',
  ]);
  // the VM's own labels are not the VMI's: no label hover there, and nothing on other keys
  assert.equal(hover(at(VM, 'owner')), null);
  assert.equal(hover(at(VM, 'template')), null);
  assert.equal(hover(at(VM, 'apiVersion')), null);
});

test('a VMI without a namespace, a namespace nobody describes, a recorded last policy that is gone', () => {
  const h = hover(at(VMI, 'cache-7'), context(), false);
  assert.deepEqual(h?.sections, [
    'VMI default/cache-7: migrates under db-any (the only matching policy).',
    'Namespace default (not in the manifest: the default namespace), labels from nowhere: only kubernetes.io/metadata.name is assumed.',
    [
      // one label, not "1 labels" (fixed with this test)
      '1. db-any: 1 label (1 VMI, 0 namespace)',
      '-  db: namespace label env is missing (wants "prod")',
      '-  tier-gold: VMI label tier is missing (wants "gold")',
      '-  wants-other: VMI label app is "db", not "cache"',
      '-  web: VMI label app is "db", not "web"',
    ].join('\n'),
    [
      // 2Gi = 2.15 GB counts as 3; cluster defaults under db-any: 150 s/GiB, no cap
      'What it means (under db-any):',
      '- memory 2Gi (spec.domain.resources.requests.memory) = 2.15 GB, counted as 3 GB (KubeVirt rounds up to whole decimal GB)',
      '- completion timeout: 150 s × 3 = 450 s (7 min 30 s); then the migration is cancelled',
      '- bandwidth: no cap, so the copy time depends on the network',
    ].join('\n'),
    'Last migration used old-policy (a policy that no longer exists); now db-any wins.',
  ]);
  assert.equal(hover(at(VMI, 'app: db'))?.sections[1], 'Feeds 2 policies:\n- `db`: does not match: namespace label env is missing (wants "prod")\n- `db-any`: **wins** this VMI');
  assert.equal(hover(at(VMI, 'app: db'))?.sections[0], '**Label** `app=db` of the VMI');
});

test('the last migration from the cluster, the demo named everywhere, the KubeVirt CR under cluster defaults', () => {
  const vm = VM.replace('  namespace: prod\n', '');
  const same = context({ lastMigrationPolicy: (ns, name) => (ns === 'default' && name === 'db-1' ? 'db-any' : undefined) });
  assert.equal(hover(at(vm, 'db-1'), same)?.sections.at(-1), 'Last migration used `db-any`: the same policy wins now.');
  const demo = context({ sourceNote: 'from the demo snapshot', lastMigrationPolicy: () => 'web' });
  const sections = hover(at(VM, 'db-1'), demo)?.sections ?? [];
  assert.equal(sections[1], 'Namespace `prod`, labels from the cluster (from the demo snapshot).');
  assert.deepEqual(sections.slice(-2), ['Last migration used `web`; now `db` wins.', 'Cluster policies and namespaces: from the demo snapshot.']);
  assert.equal(hover(at(VM, 'gold'), demo)?.sections.at(-1), 'Now: migrates under db · 2 labels matched · next: db-any · from the demo snapshot.');
  // no policy: the KubeVirt CR's values under cluster defaults; a workspace Namespace named as such
  const none = context({ policies: [], kubevirtMigrations: { completionTimeoutPerGiB: 10, bandwidthPerMigration: '8Mi' }, namespaces: new Map([['prod', { labels: { env: 'prod' }, source: 'workspace' as const }]]), lastMigrationPolicy: () => 'db' });
  assert.deepEqual(hover(at(VM, 'db-1'), none)?.sections, [
    '**VM prod/db-1**: no policy: cluster defaults (there are no policies: cluster defaults apply).',
    'Namespace `prod`, labels from a Namespace manifest in the workspace.',
    [
      // 9 GB x 10 s = 90 s; 8Gi at 8 MiB/s = 1024 s, more than the timeout: a timeout is certain
      '**What it means** (under cluster defaults):',
      '- memory `8Gi` (`spec.domain.memory.guest`) = 8.59 GB, counted as 9 GB (KubeVirt rounds up to whole decimal GB)',
      '- completion timeout: 10 s × 9 = 90 s (1 min 30 s); then the migration is cancelled',
      '- one full copy at the cap (8 MiB/s (8,388,608 bytes/s, 67.1 Mbit/s)) takes at least 17 min 4 s',
      '- ⚠ post-copy is off and one full copy at the bandwidth cap takes longer than the completion timeout: when the timeout fires the migration is cancelled.',
      '- ⚠ auto-converge is off and one full copy at the bandwidth cap takes longer than the completion timeout: nothing throttles a guest that dirties memory faster than it is copied.',
    ].join('\n'),
    'Last migration used `db` (a policy that no longer exists); now no policy wins.',
  ]);
});

test('memory missing or unusable, and more than twelve policies', () => {
  const noMemory = VMI.replace(/spec:\n[\s\S]*?status:/, 'status:');
  assert.equal(hover(at(noMemory, 'cache-7'))?.sections[3], 'Memory: not set (`spec.domain.memory.guest` or `spec.domain.resources.requests.memory`), so no completion timeout can be worked out.');
  assert.equal(hover(at(VMI.replace('2Gi', 'lots'), 'cache-7'))?.sections[3], 'Memory `lots`: not a positive quantity, or the completion timeout is not a whole number of seconds.');
  assert.equal(hover(at(VMI.replace('2Gi', 'lots'), 'lots'))?.range, 'lots');
  const many = context({ policies: Array.from({ length: 14 }, (_, i) => policy(`p${String(i).padStart(2, '0')}`, { app: 'db' })) });
  const sections = hover(at(VM, 'db-1'), many)?.sections ?? [];
  const table = sections[2].split('\n');
  assert.equal(table.length, 14);
  assert.equal(table[2], '| 1 | `p00` | 1 | 1 | 0 |');
  assert.equal(table[13], '| 12 | `p11` | 1 | 1 | 0 |');
  assert.equal(sections[3], '… and 2 more policies.');
  assert.equal(sections[0], '**VM prod/db-1**: migrates under `p00` (wins over p01: tie on labels (1 VMI, 0 namespace): `p00` sorts before `p01`).');
});

test('lenses: one per named VM and VMI, at its first line, with the explainVmi command; titles', () => {
  const text = `${VM}---\n${VMI}---\napiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  namespace: x\n`;
  const file = model(text);
  const ctx = context({ sourceNote: 'from the snapshot snap.yaml' });
  const workloads = fileWorkloads(file, ctx);
  // a document's offset is where its `---` line starts
  assert.deepEqual(workloads.map((w) => `${w.offset} ${w.workload.kind} ${w.workload.namespace}/${w.workload.name}`), ['0 VirtualMachine prod/db-1', `${VM.length} VirtualMachineInstance default/cache-7`]);
  const lenses = getWorkloadLenses({ uri: 'file:///w/vm.yaml', lines: new LineIndex(text) }, workloads, ctx);
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.range.start.character, l.range.end.line, l.command?.title, l.command?.command, JSON.stringify(l.command?.arguments)]), [
    [0, 0, 0, 'migrates under db · 2 labels matched · next: db-any · from the snapshot snap.yaml', 'migrationpolicy.explainVmi', '[{"uri":"file:///w/vm.yaml","namespace":"prod","name":"db-1"}]'],
    [18, 0, 18, 'migrates under db-any · 1 label matched · from the snapshot snap.yaml', 'migrationpolicy.explainVmi', '[{"uri":"file:///w/vm.yaml","namespace":"default","name":"cache-7"}]'],
  ]);
  assert.equal(workloadLensTitle({ ranked: [] }), 'no policy: cluster defaults');
  assert.equal(workloadLensTitle({ ranked: [{ name: 'x', score: null, rank: null, reason: 'r' }] }, 'demo'), 'no policy: cluster defaults · demo');
  assert.equal(workloadLensTitle({ ranked: [{ name: 'a', score: { vmiLabels: 1, namespaceLabels: 0 }, rank: 1 }, { name: 'b', score: null, rank: null }] }), 'migrates under a · 1 label matched');
  assert.equal(workloadLensTitle({ ranked: [{ name: 'a', score: { vmiLabels: 2, namespaceLabels: 1 }, rank: 1 }, { name: 'b', score: { vmiLabels: 1, namespaceLabels: 0 }, rank: 2 }] }), 'migrates under a · 3 labels matched · next: b');
});

test('explainVmi: the winner, the runner-up\'s reason, no policy at all, labels copied', () => {
  const labels = { app: 'db', tier: 'gold' };
  const report = explainVmi(POLICIES, { namespace: 'prod', name: 'db-1', labels }, { env: 'prod' });
  assert.equal(report.winner, 'db');
  assert.equal(report.reason, 'wins over db-any: more matched labels (2 vs 1)');
  assert.deepEqual(report.policies[0], { name: 'db', matches: true, rank: 1, total: 2, vmiLabels: 1, namespaceLabels: 1 });
  assert.deepEqual(report.policies[4], { name: 'web', matches: false, rank: null, total: null, vmiLabels: null, namespaceLabels: null, reason: 'VMI label app is "db", not "web"' });
  assert.notEqual(report.vmi.labels, labels);
  assert.deepEqual(report.vmi, { namespace: 'prod', name: 'db-1', labels });
  assert.deepEqual(report.namespaceLabels, { env: 'prod' });
  assert.equal(explainVmi(POLICIES, { namespace: 'x', name: 'y', labels: {} }, {}).reason, 'no policy matches: cluster defaults apply');
  assert.equal(explainVmi([], { namespace: 'x', name: 'y', labels: {} }, {}).reason, 'there are no policies: cluster defaults apply');
  assert.equal(explainVmi([], { namespace: 'x', name: 'y', labels: {} }, {}).winner, null);
  assert.deepEqual(namespaceLabelsOf(context(), 'dev'), { labels: { 'kubernetes.io/metadata.name': 'dev' }, source: 'assumed' });
  assert.deepEqual(namespaceLabelsOf(context(), 'prod').source, 'cluster');
});

test('documentNamespaces: the Namespace manifests with the label the API server adds', () => {
  const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    env: prod\n';
  assert.deepEqual(documentNamespaces(model(text).documents[0].model), [{ name: 'prod', labels: { env: 'prod', 'kubernetes.io/metadata.name': 'prod' } }]);
  assert.deepEqual(documentNamespaces(model('apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {a: b}\n').documents[0].model), []);
});

test('the hover at the exact edges of the name and of a label; a label no policy selects', () => {
  const edge = (needle: string, within: number) => hover(at(VM, needle, within))?.range;
  assert.equal(edge('db-1', 0), 'db-1');
  assert.equal(edge('db-1', 4), 'db-1');
  assert.equal(edge('app: db', 0), 'app');
  assert.equal(edge('app: db', 3), 'app');
  assert.equal(edge('db\n        tier', 0), 'db');
  assert.equal(edge('db\n        tier', 2), 'db');
  assert.equal(edge('8Gi', 0), '8Gi');
  assert.equal(edge('8Gi', 3), '8Gi');
  const none = context({ policies: [policy('db', { app: 'db' })] });
  assert.deepEqual(hover(at(VM, 'gold'), none)?.sections.slice(1), ['No policy selects this label.', 'Now: migrates under db · 1 label matched.']);
});

test('manifests without a usable name get no lens; an empty namespace is the default one', () => {
  const named = (name: string, namespace = '  namespace: prod\n') => fileWorkloads(model(VM.replace('  name: db-1\n  namespace: prod\n', `${name}${namespace}`)), context()).map((w) => `${w.workload.namespace}/${w.workload.name} ${w.workload.namespaceFromManifest}`);
  assert.deepEqual(named('  name: 5\n'), []);
  assert.deepEqual(named('  name: ""\n'), []);
  assert.deepEqual(named(''), []);
  assert.deepEqual(named('  name: db-1\n', '  namespace: ""\n'), ['default/db-1 false']);
  assert.deepEqual(named('  name: db-1\n', '  namespace: 7\n'), ['default/db-1 false']);
  assert.deepEqual(named('  name: db-1\n'), ['prod/db-1 true']);
});
