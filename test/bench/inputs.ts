// Generated benchmark inputs, deterministic (seeded): a fleet-scale cluster and its snapshot file, a
// 2,000-document GitOps file as people write them (shared selectors, mistakes, aliases, comments), a
// workspace of 500 files, one policy, and a file with 20,000 syntax errors.
import { policyInfoFromObject } from '../../server/src/cluster/objects';
import type { ClusterData, NamespaceInfo, PolicyInfo, VmiInfo } from '../../server/src/cluster/types';
import { prng } from '../support/random';

export const VMIS = 100_000;
export const NAMESPACES = 2_000;
export const POLICIES = 1_000;

const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const ENVS = ['prod', 'staging', 'dev', 'test'];
const TEAMS = range(50, 'team-');
const REGIONS = range(5, 'region-');
const APPS = range(200, 'app-');
export const WORKLOADS = ['db', 'web', 'batch', 'cache', 'hpc', 'desktop'];
export const TIERS = ['gold', 'silver', 'bronze', 'none'];
const NODES = range(500, 'node-');
const OWNERS = range(1000, 'owner-');

/** 100,000 VMIs in 2,000 namespaces with 1,000 policies of the shapes people write. */
export function generateCluster(seed = 42): ClusterData {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const namespaces: NamespaceInfo[] = range(NAMESPACES, 'ns-').map((name) => ({
    name,
    labels: { 'kubernetes.io/metadata.name': name, env: pick(ENVS), team: pick(TEAMS), region: pick(REGIONS) },
  }));
  const vmis: VmiInfo[] = range(VMIS, 'vm-').map((name) => {
    const labels: Record<string, string> = {
      app: pick(APPS),
      'workload-type': pick(WORKLOADS),
      'kubevirt.io/domain': name,
      'kubevirt.io/nodeName': pick(NODES),
      owner: pick(OWNERS),
    };
    if (random() < 0.7) labels.tier = pick(TIERS);
    return { namespace: pick(namespaces).name, name, labels };
  });
  const policies = range(POLICIES, 'policy-').map((name, i) => randomPolicy(name, i, random));
  return { namespaces, vmis, policies };
}

/** A policy of one of the shapes people write: by team and workload, by app and tier, one namespace, catch-all. */
export function randomPolicy(name: string, i: number, random: () => number): PolicyInfo {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const r = (i * 7919) % 100;
  let selectors: Record<string, Record<string, string>>;
  if (r < 1) selectors = {};
  else if (r < 35) selectors = { namespaceSelector: { team: pick(TEAMS) }, virtualMachineInstanceSelector: { 'workload-type': pick(WORKLOADS) } };
  else if (r < 65) selectors = { virtualMachineInstanceSelector: { app: pick(APPS), tier: pick(TIERS) } };
  else if (r < 85) selectors = { namespaceSelector: { 'kubernetes.io/metadata.name': `ns-${Math.floor(random() * NAMESPACES)}` } };
  else if (r < 95) selectors = { namespaceSelector: { env: pick(ENVS) }, virtualMachineInstanceSelector: { 'workload-type': pick(WORKLOADS), tier: pick(TIERS) } };
  else selectors = { namespaceSelector: { env: pick(ENVS), region: pick(REGIONS) } };
  return policyInfoFromObject({ kind: 'MigrationPolicy', metadata: { name }, spec: { selectors, bandwidthPerMigration: '64Mi' } }, { kind: 'cluster' }) as PolicyInfo;
}

/** The cluster as `kubectl get ns,vmi,migrationpolicies,kubevirt -A -o json` prints it (a List). */
export function snapshotJson(data: ClusterData): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    items: [
      ...data.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { labels: n.labels, name: n.name } })),
      ...data.vmis.map((v) => ({
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachineInstance',
        metadata: { labels: v.labels, name: v.name, namespace: v.namespace },
        spec: { domain: { memory: { guest: '4Gi' } } },
      })),
      ...data.policies.map((p) => ({
        apiVersion: 'migrations.kubevirt.io/v1alpha1',
        kind: 'MigrationPolicy',
        metadata: { name: p.name },
        spec: p.spec,
      })),
    ],
  });
}

/** The same cluster as kubectl-style YAML (keys sorted, two-space indents). */
export function snapshotYaml(data: ClusterData): string {
  const labelLines = (labels: Readonly<Record<string, string>>, indent: string) =>
    Object.keys(labels)
      .sort()
      .map((k) => `${indent}${k}: ${JSON.stringify(labels[k])}`);
  return [
    'apiVersion: v1',
    'kind: List',
    'items:',
    ...data.namespaces.flatMap((n) => ['- apiVersion: v1', '  kind: Namespace', '  metadata:', '    labels:', ...labelLines(n.labels, '      '), `    name: ${n.name}`]),
    ...data.vmis.flatMap((v) => ['- apiVersion: kubevirt.io/v1', '  kind: VirtualMachineInstance', '  metadata:', '    labels:', ...labelLines(v.labels, '      '), `    name: ${v.name}`, `    namespace: ${v.namespace}`]),
    ...data.policies.flatMap((p) => [
      '- apiVersion: migrations.kubevirt.io/v1alpha1',
      '  kind: MigrationPolicy',
      '  metadata:',
      `    name: ${p.name}`,
      '  spec:',
      '    selectors:',
      ...(Object.keys(p.namespaceSelector).length ? ['      namespaceSelector:', ...labelLines(p.namespaceSelector, '        ')] : []),
      ...(Object.keys(p.vmiSelector).length ? ['      virtualMachineInstanceSelector:', ...labelLines(p.vmiSelector, '        ')] : []),
    ]),
  ].join('\n');
}

/** Where the benchmark edits: the line of `completionTimeoutPerGiB` of a document, and a selector line. */
export interface FleetFile {
  text: string;
  /** Per document: the line of its `completionTimeoutPerGiB: N` and of its first VMI selector label. */
  timeoutLine: number[];
  selectorLine: number[];
}

/**
 * `count` MigrationPolicy documents as a fleet keeps them in one GitOps file: most with selectors of
 * their own, one in six sharing a selector set with others (so identical-selector warnings), about one
 * in eight with a mistake (a typo, a YAML 1.1 boolean, a quoted integer, a tiny bandwidth), anchors and
 * aliases, comments, and a few names used twice.
 */
export function fleetFile(count: number, seed = 7, namePrefix = 'fleet'): FleetFile {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const lines: string[] = [];
  const timeoutLine: number[] = [];
  const selectorLine: number[] = [];
  const shared = Array.from({ length: 40 }, () => ({ team: pick(TEAMS), workload: pick(WORKLOADS), tier: pick(TIERS) }));
  for (let i = 0; i < count; i++) {
    if (i > 0) lines.push('---');
    const team = pick(TEAMS);
    const sharing = random() < 1 / 6;
    const sel = sharing ? pick(shared) : { team, workload: pick(WORKLOADS), tier: pick(TIERS) };
    const name = random() < 0.003 && i > 0 ? `${namePrefix}-${String(i - 1).padStart(4, '0')}` : `${namePrefix}-${String(i).padStart(4, '0')}`;
    const mistake = random() < 0.125 ? Math.floor(random() * 5) : -1;
    const aliased = random() < 0.1;
    lines.push(`# ${sel.workload} VMs of ${sel.team}, tier ${sel.tier}; owner ${team}`);
    lines.push('apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata:', `  name: ${name}`);
    if (aliased) lines.push('  labels: &owner', `    team: ${sel.team}`);
    else lines.push('  labels:', `    team: ${sel.team}`);
    lines.push('spec:', '  selectors:', '    namespaceSelector:');
    if (aliased) lines[lines.length - 1] = '    namespaceSelector: *owner';
    else lines.push(`      team: ${sel.team}`);
    lines.push('    virtualMachineInstanceSelector:');
    selectorLine.push(lines.length);
    lines.push(`      workload-type: ${sel.workload}`);
    if (!sharing) lines.push(`      app: app-${i}`);
    lines.push(`      tier: ${sel.tier}`);
    lines.push(`  bandwidthPerMigration: ${mistake === 0 ? '64' : `${64 * (1 + (i % 4))}Mi`}`);
    timeoutLine.push(lines.length);
    lines.push(`  completionTimeoutPerGiB: ${mistake === 1 ? '"150"' : String(100 + (i % 5) * 50)}`);
    lines.push(`  allowAutoConverge: ${mistake === 2 ? 'yes' : 'true'}`);
    lines.push(`  ${mistake === 3 ? 'allowPostCopie' : 'allowPostCopy'}: false  # post-copy risks the VM on network loss`);
    if (mistake === 4) lines.push('  maxDowntimeMs: -5');
  }
  return { text: `${lines.join('\n')}\n`, timeoutLine, selectorLine };
}

/** One policy, as a newcomer writes it. */
export function onePolicy(): FleetFile {
  const text = ['apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata:', '  name: databases', 'spec:', '  selectors:', '    virtualMachineInstanceSelector:', '      workload-type: db', '  bandwidthPerMigration: 256Mi', '  completionTimeoutPerGiB: 150', '  allowAutoConverge: true', ''].join('\n');
  return { text, timeoutLine: [9], selectorLine: [7] };
}

/** A policy followed by `errors` lines that each miss the space after a key's colon: one syntax error a line. */
export function syntaxErrorFile(errors: number): FleetFile {
  const lines = ['apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata:', '  name: broken', 'spec:', '  selectors: {}', '  completionTimeoutPerGiB: 150'];
  for (let i = 0; i < errors; i++) lines.push(`  key${i}:value${i}`);
  return { text: `${lines.join('\n')}\n`, timeoutLine: [6], selectorLine: [5] };
}

/** A generated input with where a benchmark edits it (a digit inserted) and where it asks for hover and completion. */
export interface EditableFile {
  text: string;
  edit: { line: number; character: number };
  at: { line: number; character: number };
}

/** A JSON MigrationPolicy whose VMI selector holds `keys` labels, one a line (the issue's 200,000 JSON keys). */
export function jsonKeysFile(keys: number): EditableFile {
  const head = ['{', '  "apiVersion": "migrations.kubevirt.io/v1alpha1",', '  "kind": "MigrationPolicy",', '  "metadata": {"name": "keys"},', '  "spec": {', '    "bandwidthPerMigration": "64Mi",', '    "selectors": {"virtualMachineInstanceSelector": {'];
  const labels = Array.from({ length: keys }, (_, i) => `  "k${i}":"v"${i + 1 < keys ? ',' : ''}`);
  return { text: `${[...head, ...labels, '    }}', '  }', '}'].join('\n')}\n`, edit: { line: 5, character: 32 }, at: { line: 5, character: 8 } };
}

/** `count` valid MigrationPolicy documents, each with its own name and selectors. */
export function manyPoliciesFile(count: number, namePrefix = 'policy'): EditableFile {
  const docs = Array.from({ length: count }, (_, i) =>
    [
      'apiVersion: migrations.kubevirt.io/v1alpha1',
      'kind: MigrationPolicy',
      'metadata:',
      `  name: ${namePrefix}-${i}`,
      'spec:',
      '  selectors:',
      '    virtualMachineInstanceSelector:',
      `      app: app-${i}`,
      `  bandwidthPerMigration: ${64 + (i % 8)}Mi`,
      `  completionTimeoutPerGiB: ${100 + (i % 50)}`,
      '  allowAutoConverge: true',
    ].join('\n'),
  );
  return { text: `${docs.join('\n---\n')}\n`, edit: { line: 9, character: 29 }, at: { line: 8, character: 4 } };
}

/** Valid policies repeated until the text holds at least `bytes` characters. */
export function oversizedFile(bytes: number): EditableFile {
  const one = manyPoliciesFile(1000);
  const copies = Math.ceil(bytes / one.text.length);
  return { ...one, text: Array.from({ length: copies }, () => one.text).join('---\n') };
}
