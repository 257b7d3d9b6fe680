// The hover sections that need cluster data (features/clusterHover.ts), the figures for the largest VMs a
// policy wins and the VM outlook lines (features/outlookText.ts), and the diagnostic codes as sentences
// (features/codes.ts), over the real getHover with a small in-memory cluster. Expected texts are written
// here, the numbers worked out by hand from KubeVirt's rules (kubevirt-facts.md):
// - the defaults of pkg/virt-config/virt-config.go and configuration.go (§5): completionTimeoutPerGiB 150,
//   bandwidthPerMigration 0Mi (no cap), maxDowntimeMs 900, allowAutoConverge and allowPostCopy false,
//   allowWorkloadDisruption following allowPostCopy; the stall detector's 4, 40, 60, 0.4, 1.5, 0.5, true, 2;
// - pkg/virt-controller/watch/migration/migrationpolicy.go applyMigrationPolicySpec: a non-nil policy field
//   overrides, and a policy that sets allowPostCopy but not allowWorkloadDisruption gives it allowPostCopy's value;
// - pkg/virt-launcher/virtwrap/live-migration-source.go: the completion timeout is completionTimeoutPerGiB times
//   the memory in decimal GB rounded up (8Gi = 8.59 GB counts as 9), 0 never fires; when it fires, the migration is
//   cancelled unless allowWorkloadDisruption, which switches to post-copy if allowed, otherwise pauses the VMI;
// - pkg/virt-controller/watch/migration/migrationpolicy.go countMatchingLabels: exact key=value matches.
// The compression default `none` is the catalogue's (the facts list no default for it).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import type { ClusterView } from '../../server/src/features/clusterView';
import { codeSentence, DIAGNOSTIC_CODES } from '../../server/src/features/codes';
import type { DiagnosticCode } from '../../server/src/features/codes';
import { getHover } from '../../server/src/features/hover';
import { markupFor } from '../../server/src/features/markup';
import { describeLargestWins, LARGEST_SHOWN, outlookLines } from '../../server/src/features/outlookText';
import type { SizedVm } from '../../server/src/features/outlookText';
import { effectiveConfiguration } from '../../server/src/policy/effective';
import { migrationOutlook } from '../../server/src/policy/outlook';
import type { MigrationOutlook } from '../../server/src/policy/outlook';
import { model, withCursor } from '../support/fixture';

const COUNTS = { namespaces: 3, vmis: 4, policies: 0 };
const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: COUNTS };
const SNAPSHOT: ClusterStatus = { source: { kind: 'snapshot', path: '/data/dumps/snap.yaml', demo: false }, state: { kind: 'ready' }, counts: COUNTS };
const DEMO: ClusterStatus = { source: { kind: 'snapshot', path: '/x/examples/cluster.yaml', demo: true }, state: { kind: 'ready' }, counts: COUNTS };
const STALE: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'stale', reason: 'watch ended' }, counts: COUNTS };
const LOADING: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'loading' }, counts: COUNTS };
const NONE: ClusterStatus = { source: { kind: 'none' }, state: { kind: 'disabled' }, counts: { namespaces: 0, vmis: 0, policies: 0 } };

const DATA: ClusterData = {
  namespaces: [
    { name: 'dev', labels: { env: 'dev' } },
    { name: 'prod', labels: { env: 'prod', team: 'db' } },
    { name: 'prod-b', labels: { env: 'prod' } },
  ],
  vmis: [
    { namespace: 'dev', name: 'db-3', labels: { app: 'db' } },
    { namespace: 'prod', name: 'db-1', labels: { app: 'db' } },
    { namespace: 'prod', name: 'db-2', labels: { app: 'db' } },
    { namespace: 'prod-b', name: 'web', labels: { app: 'web' } },
  ],
  policies: [],
};

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p‸ol\n';

interface Options {
  markdown?: boolean;
  status?: ClusterStatus;
  data?: ClusterData | null;
  wins?: SizedVm[];
}

/** The hover's paragraphs at the ‸, with the cluster (and VM sizes) given. */
function sections(marked: string, { markdown = true, status = READY, data = DATA, wins }: Options = {}): string[] {
  const { text, offset } = withCursor(marked);
  const cluster: ClusterView = data ? { status, inventory: new Inventory(data) } : { status };
  const hover = getHover({ file: model(text), lines: new LineIndex(text) }, offset, { markdown, cluster, ...(wins ? { largestWins: () => wins } : {}) });
  assert.ok(hover, `a hover for ${JSON.stringify(marked)}`);
  return (hover.contents as MarkupContent).value.split('\n\n');
}

const last = (marked: string, options?: Options): string => sections(marked, options).at(-1) ?? '';
const entry = (selector: string, line: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors:\n    ${selector}:\n      ${line}\n`;

test('a namespace selector entry: namespaces carrying the label and the VMIs they hold, on the key and on the value', () => {
  assert.deepEqual(sections(entry('namespaceSelector', 'env: pr‸od')), [
    '**spec.selectors.namespaceSelector** entry · every entry must match.',
    'Matches VMIs whose namespace has label `env=prod`, exactly; case-sensitive.',
    'In the cluster: 2 namespaces carry `env=prod`, holding 3 VMIs.',
  ]);
  assert.equal(last(entry('namespaceSelector', 'e‸nv: prod')), 'In the cluster: 2 namespaces carry `env=prod`, holding 3 VMIs.');
  assert.equal(last(entry('namespaceSelector', 'env: d‸ev')), 'In the cluster: 1 namespace carries `env=dev`, holding 1 VMI.');
  assert.equal(last(entry('namespaceSelector', 'env: q‸a')), 'In the cluster: 0 namespaces carry `env=qa`, holding 0 VMIs.');
  assert.equal(last(entry('namespaceSelector', 'team: d‸b')), 'In the cluster: 1 namespace carries `team=db`, holding 2 VMIs.');
  // case-sensitive, like the controller's map lookup
  assert.equal(last(entry('namespaceSelector', 'env: Pr‸od')), 'In the cluster: 0 namespaces carry `env=Prod`, holding 0 VMIs.');
  assert.equal(last(entry('namespaceSelector', 'env: pr‸od'), { markdown: false }), 'In the cluster: 2 namespaces carry env=prod, holding 3 VMIs.');
});

test('a VMI selector entry: the VMIs carrying the label, whatever their namespace', () => {
  assert.deepEqual(sections(entry('virtualMachineInstanceSelector', 'app: d‸b')), [
    '**spec.selectors.virtualMachineInstanceSelector** entry · every entry must match.',
    'Matches VMIs that have label `app=db`, exactly; case-sensitive.',
    'In the cluster: 3 VMIs carry `app=db`.',
  ]);
  assert.equal(last(entry('virtualMachineInstanceSelector', 'a‸pp: web')), 'In the cluster: 1 VMI carries `app=web`.');
  assert.equal(last(entry('virtualMachineInstanceSelector', 'app: no‸ne')), 'In the cluster: 0 VMIs carry `app=none`.');
  // a namespace label on the VMI selector is not a VMI label
  assert.equal(last(entry('virtualMachineInstanceSelector', 'env: pr‸od')), 'In the cluster: 0 VMIs carry `env=prod`.');
});

test('where the cluster data comes from, in every count: snapshot file name, the demo, a stale cluster', () => {
  assert.equal(last(entry('virtualMachineInstanceSelector', 'app: d‸b'), { status: SNAPSHOT }), 'In the cluster (from the snapshot snap.yaml): 3 VMIs carry `app=db`.');
  assert.equal(last(entry('virtualMachineInstanceSelector', 'app: d‸b'), { status: DEMO }), 'In the cluster (from the demo snapshot): 3 VMIs carry `app=db`.');
  assert.equal(last(entry('namespaceSelector', 'env: d‸ev'), { status: STALE }), 'In the cluster (cluster dev: stale (watch ended)): 1 namespace carries `env=dev`, holding 1 VMI.');
});

test('no inventory: the state alone, or nothing when the state says nothing', () => {
  assert.equal(last(entry('virtualMachineInstanceSelector', 'app: d‸b'), { status: LOADING, data: null }), 'Cluster: cluster dev: loading.');
  assert.equal(last(entry('virtualMachineInstanceSelector', 'app: d‸b'), { status: NONE, data: null }), 'Cluster: no cluster.');
  assert.equal(last(`${HEAD}spec:\n  selectors: {}\n`, { status: LOADING, data: null }), 'Cluster: cluster dev: loading.');
  assert.equal(last(entry('virtualMachineInstanceSelector', 'app: d‸b'), { status: READY, data: null }), 'Matches VMIs that have label `app=db`, exactly; case-sensitive.');
});

test('entries whose key or value is not a string, and other paths, get no cluster section', () => {
  // `tier: 1` is an integer for kubectl (go-yaml v2): not a label value, so nothing to count
  const integer = sections(entry('virtualMachineInstanceSelector', 'tier: ‸1'));
  assert.equal(integer.length, 2);
  assert.ok(!integer.some((s) => s.startsWith('In the cluster')));
  const empty = sections(entry('virtualMachineInstanceSelector', 'ti‸er:'));
  assert.ok(!empty.some((s) => s.startsWith('In the cluster')), empty.join('|'));
  const stall = sections('apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      stallMargin: ‸8\n');
  assert.ok(!stall.some((s) => s.startsWith('In the cluster') || s.includes('Effective')), stall.join('|'));
  const timeout = sections(`${HEAD.replace('‸', '')}spec:\n  selectors: {}\n  completionTimeoutPerGiB: 8‸00\n`);
  assert.ok(!timeout.some((s) => s.startsWith('In the cluster') || s.includes('Effective')), timeout.join('|'));
  const namespace = sections('apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n  namespace: d‸ev\nspec:\n  selectors: {}\n');
  assert.ok(!namespace.some((s) => s.includes('Effective')), namespace.join('|'));
});

const TABLE_HEAD = ['| field | value | from |', '|---|---|---|'];

test('the effective configuration on the name: KubeVirt defaults where neither level sets a field', () => {
  const s = sections(`${HEAD}spec:\n  selectors: {}\n`);
  assert.equal(s.at(-2), '**Effective migration configuration** for the VMIs this policy wins:');
  assert.deepEqual(s.at(-1)?.split('\n'), [
    ...TABLE_HEAD,
    '| `allowAutoConverge` | `false` | inherited (KubeVirt default) |',
    '| `bandwidthPerMigration` | `0Mi` | inherited (KubeVirt default) |',
    '| `completionTimeoutPerGiB` | `150` | inherited (KubeVirt default) |',
    '| `allowPostCopy` | `false` | inherited (KubeVirt default) |',
    '| `allowWorkloadDisruption` | `false` | inherited (KubeVirt default); follows allowPostCopy when not set |',
    '| `maxDowntimeMs` | `900` | inherited (KubeVirt default) |',
    '| `experimental.compression` | `none` | inherited (KubeVirt default) |',
    '| `experimental.stallDetector` | `off` | inherited (KubeVirt default) |',
    '| `experimental.downtimeTuning` | `off` | inherited (KubeVirt default) |',
  ]);
});

test('the effective configuration: the policy overrides, the KubeVirt CR fills in, allowWorkloadDisruption follows the policy\'s allowPostCopy', () => {
  const data: ClusterData = { ...DATA, kubevirt: { name: 'kubevirt', featureGates: [], migrations: { bandwidthPerMigration: '64Mi', allowAutoConverge: true, maxDowntimeMs: 300, completionTimeoutPerGiB: 200 } } };
  const text = `${HEAD}spec:\n  selectors: {}\n  completionTimeoutPerGiB: 800\n  allowPostCopy: true\n`;
  const s = sections(text, { data, status: DEMO });
  assert.equal(s.at(-2), '**Effective migration configuration** for the VMIs this policy wins (from the demo snapshot):');
  assert.deepEqual(s.at(-1)?.split('\n'), [
    ...TABLE_HEAD,
    '| `allowAutoConverge` | `true` | inherited (KubeVirt CR) |',
    '| `bandwidthPerMigration` | `64Mi` | inherited (KubeVirt CR) |',
    '| `completionTimeoutPerGiB` | `800` | **overridden here** |',
    '| `allowPostCopy` | `true` | **overridden here** |',
    '| `allowWorkloadDisruption` | `true` | **overridden here**; follows allowPostCopy when not set |',
    '| `maxDowntimeMs` | `300` | inherited (KubeVirt CR) |',
    '| `experimental.compression` | `none` | inherited (KubeVirt default) |',
    '| `experimental.stallDetector` | `off` | inherited (KubeVirt default) |',
    '| `experimental.downtimeTuning` | `off` | inherited (KubeVirt default) |',
  ]);
  const plain = sections(text, { data, status: DEMO, markdown: false });
  assert.equal(plain.at(-2), 'Effective migration configuration for the VMIs this policy wins (from the demo snapshot):');
  assert.deepEqual(plain.at(-1)?.split('\n'), [
    'allowAutoConverge = true (inherited from the KubeVirt CR)',
    'bandwidthPerMigration = 64Mi (inherited from the KubeVirt CR)',
    'completionTimeoutPerGiB = 800 (overridden here)',
    'allowPostCopy = true (overridden here)',
    'allowWorkloadDisruption = true (overridden here; follows allowPostCopy when not set)',
    'maxDowntimeMs = 300 (inherited from the KubeVirt CR)',
    'experimental.compression = none (inherited from the KubeVirt default)',
    'experimental.stallDetector = off (inherited from the KubeVirt default)',
    'experimental.downtimeTuning = off (inherited from the KubeVirt default)',
  ]);
});

test('the effective configuration: a stall detector switched on by the cluster, one option set by the policy', () => {
  const data: ClusterData = { ...DATA, kubevirt: { name: 'kubevirt', featureGates: [], migrations: { allowPostCopy: true, experimental: { stallDetector: { stallMargin: 8 } } } } };
  const text = `${HEAD}spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      switchoverTimeout: 90\n`;
  assert.deepEqual(sections(text, { data, status: SNAPSHOT, markdown: false }).slice(-2), [
    'Effective migration configuration for the VMIs this policy wins (from the snapshot snap.yaml):',
    [
      'allowAutoConverge = false (inherited from the KubeVirt default)',
      'bandwidthPerMigration = 0Mi (inherited from the KubeVirt default)',
      'completionTimeoutPerGiB = 150 (inherited from the KubeVirt default)',
      'allowPostCopy = true (inherited from the KubeVirt CR)',
      'allowWorkloadDisruption = true (inherited from the KubeVirt CR; follows allowPostCopy when not set)',
      'maxDowntimeMs = 900 (inherited from the KubeVirt default)',
      'experimental.compression = none (inherited from the KubeVirt default)',
      'experimental.stallDetector = on (overridden here)',
      'experimental.stallDetector.stallMargin = 8 (inherited from the KubeVirt CR)',
      'experimental.stallDetector.stallProgressTimeout = 40 (inherited from the KubeVirt default)',
      'experimental.stallDetector.switchoverTimeout = 90 (overridden here)',
      'experimental.stallDetector.ewmaAlpha = 0.4 (inherited from the KubeVirt default)',
      'experimental.stallDetector.precopyPossibleFactor = 1.5 (inherited from the KubeVirt default)',
      'experimental.stallDetector.patienceWindowDecayFactor = 0.5 (inherited from the KubeVirt default)',
      'experimental.stallDetector.searchLocalMinima = true (inherited from the KubeVirt default)',
      'experimental.stallDetector.completionTimeoutFactor = 2 (inherited from the KubeVirt default)',
      'experimental.downtimeTuning = off (inherited from the KubeVirt default)',
    ].join('\n'),
  ]);
});

test('the effective configuration of a policy whose spec is missing or not a mapping: the cluster\'s', () => {
  const data: ClusterData = { ...DATA, kubevirt: { name: 'kubevirt', featureGates: [], migrations: { completionTimeoutPerGiB: 200 } } };
  for (const text of [HEAD, `${HEAD}spec: 5\n`, `${HEAD}spec: [1]\n`, `${HEAD}spec: x\n`]) {
    const rows = sections(text, { data, markdown: false }).at(-1)?.split('\n');
    assert.equal(rows?.length, 9, text);
    assert.equal(rows?.[2], 'completionTimeoutPerGiB = 200 (inherited from the KubeVirt CR)', text);
    assert.equal(rows?.[3], 'allowPostCopy = false (inherited from the KubeVirt default)', text);
  }
});

const VMS: SizedVm[] = [
  { label: 'prod/web', memory: { memory: '512Mi', source: 'spec.domain.resources.requests.memory' } },
  { label: 'prod/db-2', memory: { memory: '8Gi', source: 'spec.domain.resources.requests.memory' } },
  { label: 'dev/broken', memory: { memory: 'lots', source: 'spec.domain.memory.guest' } },
  { label: 'prod/db-1', memory: { memory: '16Gi', source: 'spec.domain.memory.guest' } },
  { label: 'dev/zero', memory: { memory: '0', source: 'spec.domain.memory.guest' } },
  { label: 'dev/db-3', memory: { memory: '2G', source: 'spec.domain.memory.guest' } },
];

test('the largest VMs a policy wins, on its name: three, by memory, with KubeVirt\'s completion timeout', () => {
  // 16Gi = 17.18 GB -> 18 x 150 = 2700 s; 8Gi -> 9 x 150 = 1350 s; 2G is exactly 2 GB -> 300 s; 512Mi -> 1 GB
  assert.equal(LARGEST_SHOWN, 3);
  assert.equal(last(`${HEAD}spec:\n  selectors: {}\n`, { wins: VMS }), [
    '**For the largest VMs it wins** (4 with known memory):',
    '- `prod/db-1`: `16Gi` → timeout 45 min (150 s × 18 GB) · no bandwidth cap',
    '- `prod/db-2`: `8Gi` → timeout 22 min 30 s (150 s × 9 GB) · no bandwidth cap',
    '- `dev/db-3`: `2G` → timeout 5 min (150 s × 2 GB) · no bandwidth cap',
  ].join('\n'));
  assert.equal(last(`${HEAD}spec:\n  selectors: {}\n  completionTimeoutPerGiB: 0\n`, { wins: VMS.slice(0, 1), markdown: false }), [
    'For the largest VMs it wins (1 with known memory):',
    '- prod/web: 512Mi → no completion timeout · no bandwidth cap',
  ].join('\n'));
  // none with a known, positive memory: no section (the effective configuration is the last one)
  assert.equal(sections(`${HEAD}spec:\n  selectors: {}\n`, { wins: [VMS[2], VMS[4]] }).at(-2), '**Effective migration configuration** for the VMIs this policy wins:');
  assert.equal(sections(`${HEAD}spec:\n  selectors: {}\n`, { wins: [] }).at(-2), '**Effective migration configuration** for the VMIs this policy wins:');
});

test('equal memory: the labels in order; the completion timeout from the KubeVirt CR when the policy leaves it out', () => {
  const data: ClusterData = { ...DATA, kubevirt: { name: 'kubevirt', featureGates: [], migrations: { completionTimeoutPerGiB: 100 } } };
  const same = (label: string): SizedVm => ({ label, memory: { memory: '4Gi', source: 'spec.domain.memory.guest' } });
  // 4Gi = 4.29 GB -> 5 x 100 = 500 s
  assert.equal(last(`${HEAD}spec:\n  selectors: {}\n`, { data, wins: [same('b/vm'), same('a/vm'), same('c/vm'), same('a/aa')] }), [
    '**For the largest VMs it wins** (4 with known memory):',
    '- `a/aa`: `4Gi` → timeout 8 min 20 s (100 s × 5 GB) · no bandwidth cap',
    '- `a/vm`: `4Gi` → timeout 8 min 20 s (100 s × 5 GB) · no bandwidth cap',
    '- `b/vm`: `4Gi` → timeout 8 min 20 s (100 s × 5 GB) · no bandwidth cap',
  ].join('\n'));
});

test('the largest VMs at a bandwidth cap: a certain timeout, a likely one, and which switches are off', () => {
  const eight: SizedVm = { label: 'prod/db', memory: { memory: '8Gi', source: 'spec.domain.memory.guest' } };
  const one: SizedVm = { label: 'prod/small', memory: { memory: '1Gi', source: 'spec.domain.memory.guest' } };
  // 8Gi at 1 MiB/s: 8192 s (2 h 16 min) against 1350 s: certain
  assert.equal(last(`${HEAD}spec:\n  selectors: {}\n  bandwidthPerMigration: 1Mi\n`, { wins: [eight] }).split('\n')[1], '- `prod/db`: `8Gi` → timeout 22 min 30 s (150 s × 9 GB) · one full copy ≥ 2 h 16 min · ⚠ will time out with post-copy and auto-converge off');
  // allowPostCopy true: allowWorkloadDisruption follows it, so only auto-converge is missing
  assert.equal(last(`${HEAD}spec:\n  selectors: {}\n  bandwidthPerMigration: 1Mi\n  allowPostCopy: true\n`, { wins: [eight], markdown: false }).split('\n')[1], '- prod/db: 8Gi → timeout 22 min 30 s (150 s × 9 GB) · one full copy ≥ 2 h 16 min · warning: will time out with auto-converge off');
  // 1Gi = 1.07 GB -> 2 x 150 = 300 s; at 4 MiB/s one copy takes 256 s, more than half of 300: likely
  assert.equal(last(`${HEAD}spec:\n  selectors: {}\n  bandwidthPerMigration: 4Mi\n  allowAutoConverge: true\n`, { wins: [one] }).split('\n')[1], '- `prod/small`: `1Gi` → timeout 5 min (150 s × 2 GB) · one full copy ≥ 4 min 16 s · ⚠ timeout likely with post-copy off');
  // at 8 MiB/s: 128 s, less than half of 300: no warning
  assert.equal(last(`${HEAD}spec:\n  selectors: {}\n  bandwidthPerMigration: 8Mi\n`, { wins: [one] }).split('\n')[1], '- `prod/small`: `1Gi` → timeout 5 min (150 s × 2 GB) · one full copy ≥ 2 min 8 s');
});

test('describeLargestWins directly: no policy spec is the cluster\'s configuration; the count is of the sized VMs', () => {
  const m = markupFor(true);
  assert.deepEqual(describeLargestWins(undefined, { bandwidthPerMigration: '1Gi' }, [{ label: 'x/y', memory: { memory: '2Gi', source: 'spec.domain.memory.guest' } }], m), [
    // 2Gi = 2.15 GB -> 3 x 150 = 450 s; 2Gi at 1 GiB/s: 2 s
    '**For the largest VMs it wins** (1 with known memory):\n- `x/y`: `2Gi` → timeout 7 min 30 s (150 s × 3 GB) · one full copy ≥ 2 s',
  ]);
  assert.deepEqual(describeLargestWins(undefined, undefined, [], m), []);
});

/** The outlook of one VM under a policy spec and the cluster's migrations, as policy/outlook.ts computes it. */
function outlook(memory: string, spec: Record<string, unknown>, cluster?: Record<string, unknown>, source: MigrationOutlook['memorySource'] = 'spec.domain.memory.guest'): MigrationOutlook {
  const o = migrationOutlook({ memory, source }, effectiveConfiguration(spec, cluster));
  assert.ok(o, memory);
  return o;
}

test('outlookLines: memory in decimal GB, the timeout and what follows it, the copy at the cap, the warnings', () => {
  assert.deepEqual(outlookLines(outlook('8Gi', { bandwidthPerMigration: '1Mi' }), markupFor(true), '`db-policy`'), [
    [
      '**What it means** (under `db-policy`):',
      '- memory `8Gi` (`spec.domain.memory.guest`) = 8.59 GB, counted as 9 GB (KubeVirt rounds up to whole decimal GB)',
      '- completion timeout: 150 s × 9 = 1350 s (22 min 30 s); then the migration is cancelled',
      '- one full copy at the cap (1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s)) takes at least 2 h 16 min',
      '- ⚠ post-copy is off and one full copy at the bandwidth cap takes longer than the completion timeout: when the timeout fires the migration is cancelled.',
      '- ⚠ auto-converge is off and one full copy at the bandwidth cap takes longer than the completion timeout: nothing throttles a guest that dirties memory faster than it is copied.',
    ].join('\n'),
  ]);
  assert.deepEqual(outlookLines(outlook('2G', {}, undefined, 'spec.domain.resources.requests.memory'), markupFor(false), '`db-policy`'), [
    [
      'What it means (under db-policy):',
      '- memory 2G (spec.domain.resources.requests.memory) = 2 GB, counted as 2 GB (KubeVirt rounds up to whole decimal GB)',
      '- completion timeout: 150 s × 2 = 300 s (5 min); then the migration is cancelled',
      '- bandwidth: no cap, so the copy time depends on the network',
    ].join('\n'),
  ]);
});

test('outlookLines: a timeout of 0 disables it; with allowWorkloadDisruption the VMI pauses, or switches to post-copy', () => {
  const m = markupFor(true);
  assert.equal(outlookLines(outlook('20G', { completionTimeoutPerGiB: 0 }), m, 'cluster defaults')[0].split('\n').slice(1, 3).join('\n'), [
    '- memory `20G` (`spec.domain.memory.guest`) = 20 GB, counted as 20 GB (KubeVirt rounds up to whole decimal GB)',
    '- completion timeout: none (`completionTimeoutPerGiB` 0 × 20 = 0 disables it)',
  ].join('\n'));
  assert.equal(outlookLines(outlook('10.5G', { allowWorkloadDisruption: true }), m, 'p')[0].split('\n')[2], '- completion timeout: 150 s × 11 = 1650 s (27 min 30 s); then the VMI is paused so the copy can finish');
  assert.equal(outlookLines(outlook('1500M', {}, { allowPostCopy: true }), m, 'p')[0].split('\n').slice(1, 3).join('\n'), [
    '- memory `1500M` (`spec.domain.memory.guest`) = 1.5 GB, counted as 2 GB (KubeVirt rounds up to whole decimal GB)',
    '- completion timeout: 150 s × 2 = 300 s (5 min); then the migration switches to post-copy',
  ].join('\n'));
  // post-copy allowed, allowWorkloadDisruption explicitly off: the timeout still cancels
  const lines = outlookLines(outlook('8Gi', { bandwidthPerMigration: '1Mi', allowPostCopy: true, allowWorkloadDisruption: false, allowAutoConverge: true }), markupFor(false), '`p`')[0].split('\n');
  assert.deepEqual(lines.slice(4), ['warning: post-copy is allowed but allowWorkloadDisruption is off and one full copy at the bandwidth cap takes longer than the completion timeout: when the timeout fires the migration is cancelled.'].map((w) => `- ${w}`));
  // likely: 1Gi at 4 MiB/s = 256 s, more than half of 300 s
  assert.deepEqual(outlookLines(outlook('1Gi', { bandwidthPerMigration: '4Mi', allowPostCopy: true }), m, 'p')[0].split('\n').slice(3), [
    '- one full copy at the cap (4 MiB/s (4,194,304 bytes/s, 33.6 Mbit/s)) takes at least 4 min 16 s',
    '- ⚠ auto-converge is off and one full copy at the bandwidth cap takes more than half the completion timeout: nothing throttles a guest that dirties memory faster than it is copied.',
  ]);
});

test('codeSentence: each code\'s description with a capital and a full stop, as SARIF and the settings show it', () => {
  assert.equal(codeSentence('kind'), 'Kind missing or misspelt.');
  assert.equal(codeSentence('api-version'), 'ApiVersion missing or not migrations.kubevirt.io/v1alpha1.');
  assert.equal(codeSentence('yaml11-key'), 'A key kubectl reads differently from YAML 1.2 tools (`yes:` becomes "true").');
  assert.equal(codeSentence('negative'), 'A negative value the webhook or schema denies.');
  for (const code of Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]) {
    const sentence = codeSentence(code);
    assert.equal(sentence.slice(1, -1), DIAGNOSTIC_CODES[code].slice(1), code);
    assert.match(sentence, /^[A-Z].*\.$/s, code);
  }
});

test('only a selector entry (spec.selectors.<selector>.<key>) and the name get cluster sections: the hover elsewhere is the one without a cluster', () => {
  const { text: base } = withCursor(HEAD);
  const without = (marked: string): string[] | null => {
    const { text, offset } = withCursor(marked);
    const hover = getHover({ file: model(text), lines: new LineIndex(text) }, offset, { markdown: true });
    return hover ? (hover.contents as MarkupContent).value.split('\n\n') : null;
  };
  const withCluster = (marked: string): string[] | null => {
    const { text, offset } = withCursor(marked);
    const hover = getHover({ file: model(text), lines: new LineIndex(text) }, offset, { markdown: true, cluster: { status: READY, inventory: new Inventory(DATA) } });
    return hover ? (hover.contents as MarkupContent).value.split('\n\n') : null;
  };
  const cases = [
    `${base}spec:\n  selectors: {}\n  completionTimeoutPerGiB: 8‸00\n`,
    // a selector's name, or a selector written as a scalar: no entry
    `${base}spec:\n  selectors:\n    namespaceSelector: pr‸od\n`,
    // a value one level deeper than an entry
    `${base}spec:\n  selectors:\n    namespaceSelector:\n      env: {x: pr‸od}\n`,
    // selectors in the wrong place, or under a selector of another name
    `${base}spec:\n  selectors: {}\n  experimental:\n    namespaceSelector:\n      env: pr‸od\n`,
    `${base}spec:\n  selectors: {}\nstatus:\n  selectors:\n    namespaceSelector:\n      env: pr‸od\n`,
    `${base}spec:\n  selectors:\n    podSelector:\n      app: d‸b\n`,
    // a key kubectl cannot turn into a string (null)
    `${base}spec:\n  selectors:\n    namespaceSelector:\n      ~: pr‸od\n`,
    // name elsewhere than metadata.name
    `${base}spec:\n  selectors: {}\nstatus:\n  name: x‸y\n`,
    `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: {x: p‸ol}\nspec:\n  selectors: {}\n`,
  ];
  for (const marked of cases) assert.deepEqual(withCluster(marked), without(marked), marked);
  assert.ok(without(cases[0])?.length, 'the timeout has a hover of its own');
});
