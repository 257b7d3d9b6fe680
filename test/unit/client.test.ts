// The VS Code client's pure parts (client/src/format.ts): status bar text and tooltip for each cluster
// state, a MatchReport as quick pick items and as the read-only VMI view, the new-policy insertion, and
// the cheap test that starts the language server.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatStatus, matchItems, matchTitle, mentionsMigrationPolicy, policyInsertion, shorten, vmiDocument, vmiPath } from '../../client/src/format';
import type { ClusterStatus, MatchReport } from '../../server/src/protocol';

const kube = (state: ClusterStatus['state'], counts = { namespaces: 6, vmis: 48, policies: 5 }): ClusterStatus => ({
  source: { kind: 'kube', context: 'kind-dev', server: 'https://127.0.0.1:6443' },
  state,
  counts,
  loadedAt: '2026-11-25T18:00:00Z',
  kubevirtVersion: 'v1.9.0',
});
const demo: ClusterStatus = { source: { kind: 'snapshot', path: '/ext/examples/cluster.yaml', demo: true }, state: { kind: 'ready' }, counts: { namespaces: 3, vmis: 1, policies: 1 } };

test('status bar text for each cluster state', () => {
  const cases: [ClusterStatus, string, string][] = [
    [kube({ kind: 'ready' }), '$(server) kind-dev · 6 ns · 48 VMIs · 5 policies', 'ok'],
    [demo, '$(file) demo snapshot · 3 ns · 1 VMI · 1 policy', 'ok'],
    [{ ...demo, source: { kind: 'snapshot', path: '/home/me/snapshots/prod.yaml', demo: false } }, '$(file) prod.yaml · 3 ns · 1 VMI · 1 policy', 'ok'],
    [kube({ kind: 'loading', loaded: { namespaces: 6, vmis: 1200, policies: 0 } }), '$(sync~spin) loading 1,200 VMIs…', 'busy'],
    [kube({ kind: 'loading' }), '$(sync~spin) loading kind-dev…', 'busy'],
    [kube({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:6443' }), '$(warning) cluster unreachable', 'warning'],
    [kube({ kind: 'forbidden', message: 'virtualmachineinstances is forbidden', verb: 'list', resource: 'virtualmachineinstances' }), '$(lock) forbidden: list virtualmachineinstances', 'error'],
    [kube({ kind: 'unauthorized', message: 'token expired' }), '$(lock) unauthorized', 'error'],
    [kube({ kind: 'stale', reason: 'watch closed' }), '$(history) kind-dev · 48 VMIs (stale)', 'warning'],
    [kube({ kind: 'error', message: 'the server could not find the requested resource (get virtualmachineinstances.kubevirt.io)' }), '$(error) the server could not find the requested…', 'error'],
    [kube({ kind: 'disabled' }), '$(circle-slash) no cluster', 'off'],
    [{ source: { kind: 'none' }, state: { kind: 'ready' }, counts: { namespaces: 0, vmis: 0, policies: 0 } }, '$(circle-slash) no cluster', 'off'],
  ];
  for (const [status, text, level] of cases) assert.deepEqual([formatStatus(status).text, formatStatus(status).level], [text, level], text);
});

test('status bar in an untrusted workspace: the same text, and a tooltip saying what Restricted Mode changes', () => {
  const view = formatStatus(demo, false);
  assert.equal(view.text, '$(file) demo snapshot · 3 ns · 1 VMI · 1 policy');
  assert.match(view.tooltip, /Restricted Mode: no kubeconfig is read \(its exec plugins run programs\), so no live cluster; a snapshot file set in your user settings, or the demo you choose/);
  assert.doesNotMatch(formatStatus(demo).tooltip, /Restricted Mode/);
});

test('status tooltip names the source, the state with its message, the counts and the KubeVirt version', () => {
  const tooltip = formatStatus(kube({ kind: 'forbidden', message: 'cannot list virtualmachineinstances', verb: 'list', resource: 'virtualmachineinstances' })).tooltip;
  assert.equal(
    tooltip,
    [
      '**KubeVirt MigrationPolicy: cluster data**',
      '',
      'Source: kubeconfig context `kind-dev` (https://127.0.0.1:6443)',
      'State: forbidden: cannot list virtualmachineinstances',
      'Loaded: 6 namespaces, 48 VMIs, 5 policies at 2026-11-25T18:00:00Z',
      'KubeVirt: v1.9.0',
    ].join('  \n'),
  );
  assert.match(formatStatus(demo).tooltip, /Source: the demo snapshot bundled with the extension `\/ext\/examples\/cluster.yaml`/);
});

test('numbers are grouped and long messages cut at a word', () => {
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(shorten('connect ECONNREFUSED 127.0.0.1:6443\nat TCPConnectWrap', 100), 'connect ECONNREFUSED 127.0.0.1:6443');
  assert.equal(shorten('aaaa bbbb cccc dddd', 12), 'aaaa bbbb…');
});

const report: MatchReport = {
  policy: 'databases',
  matched: 3,
  won: 2,
  status: kube({ kind: 'ready' }),
  vmis: [
    { namespace: 'prod', name: 'pg-0', winner: 'databases', score: { vmiLabels: 1, namespaceLabels: 0 }, reason: 'the only matching policy' },
    { namespace: 'prod', name: 'pg-1', winner: 'databases', score: { vmiLabels: 1, namespaceLabels: 0 }, reason: 'more matched labels (1 vs 0)' },
    { namespace: 'hpc', name: 'mpi-3', winner: 'hpc', score: { vmiLabels: 1, namespaceLabels: 0 }, reason: 'hpc matches more labels (2 vs 1)' },
  ],
};

test('a match report becomes quick pick items: namespace/name, the winner, why', () => {
  assert.deepEqual(
    matchItems(report).map(({ label, description, detail }) => ({ label, description, detail })),
    [
      { label: 'prod/pg-0', description: '→ databases (this policy)', detail: 'the only matching policy' },
      { label: 'prod/pg-1', description: '→ databases (this policy)', detail: 'more matched labels (1 vs 0)' },
      { label: 'hpc/mpi-3', description: '→ hpc', detail: 'hpc matches more labels (2 vs 1)' },
    ],
  );
  assert.equal(matchItems({ ...report, vmis: [{ ...report.vmis[0], winner: null }] })[0].description, '→ no policy');
  assert.equal(matchTitle(report), 'databases matches 3 VMIs, wins 2 · kind-dev');
});

test('a chosen VMI opens as read-only YAML with the report\'s data', () => {
  assert.equal(vmiPath('databases', report.vmis[2]), '/databases/hpc/mpi-3.yaml');
  assert.equal(
    vmiDocument(report, { ...report.vmis[2], labels: { 'kubevirt.io/domain': 'mpi-3', on: 'yes' } } as never),
    [
      '# VirtualMachineInstance hpc/mpi-3, as matched against MigrationPolicy "databases"',
      '# Cluster data: kind-dev, read at 2026-11-25T18:00:00Z. Read-only.',
      'namespace: hpc',
      'name: mpi-3',
      'winner: hpc',
      'score:',
      '  vmiLabels: 1',
      '  namespaceLabels: 0',
      'reason: hpc matches more labels (2 vs 1)',
      'labels:',
      '  kubevirt.io/domain: mpi-3',
      '  "on": "yes"',
      '',
    ].join('\n'),
  );
});

test('the server starts for files that mention a MigrationPolicy, not for other YAML or JSON', () => {
  assert.equal(mentionsMigrationPolicy('apiVersion: migrations.kubevirt.io/v1alpha1\n'), true);
  assert.equal(mentionsMigrationPolicy('kind: MigrationPolicy\n'), true);
  assert.equal(mentionsMigrationPolicy('{"kind": "MigrationPolicy"}'), true);
  assert.equal(mentionsMigrationPolicy('kind: Deployment\nspec:\n  replicas: 3\n'), false);
  assert.equal(mentionsMigrationPolicy('kind: MigrationPolicyList\n'), false);
});

/** The document after inserting the snippet at the end, with each placeholder's default. */
const insert = (text: string, language: 'yaml' | 'json') => {
  const result = policyInsertion(text, language);
  if ('error' in result) return result.error;
  const snippet = result.snippet.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
  return text + snippet;
};

test('insert policy: into an empty file as is, after `---` into a file with content', () => {
  const policy = [
    'apiVersion: migrations.kubevirt.io/v1alpha1',
    'kind: MigrationPolicy',
    'metadata:',
    '  name: my-policy',
    'spec:',
    '  selectors:',
    '    namespaceSelector:',
    '      kubernetes.io/metadata.name: default',
    '    virtualMachineInstanceSelector:',
    '      workload-type: db',
    '  bandwidthPerMigration: 64Mi',
    '  completionTimeoutPerGiB: 150',
    '  allowAutoConverge: false',
    '  allowPostCopy: false',
    '',
  ].join('\n');
  assert.equal(insert('', 'yaml'), policy);
  assert.equal(insert('kind: Namespace\nmetadata: {name: a}\n', 'yaml'), `kind: Namespace\nmetadata: {name: a}\n---\n${policy}`);
  assert.equal(insert('kind: Namespace', 'yaml'), `kind: Namespace\n---\n${policy}`);
  assert.equal(insert('kind: Namespace\n---\n', 'yaml'), `kind: Namespace\n---\n${policy}`);
  assert.equal(JSON.parse(insert('', 'json')).kind, 'MigrationPolicy');
  assert.equal(insert('{"kind": "Namespace"}', 'json'), 'A JSON file holds one object: insert the policy into an empty file or a YAML file.');
});
