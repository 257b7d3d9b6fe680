// The VM's side: for each VirtualMachine and VirtualMachineInstance manifest, which MigrationPolicy
// would win it at its next migration (code lens), which policies each of its labels feeds, and what
// the winning configuration means for it (hover). Matching is policy/matching.ts, the merge is
// policy/effective.ts, the figures are policy/outlook.ts; this file only reads and words them.
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver-types';
import { namespaceFromObject, vmiFromObject } from '../policy/objects';
import type { PolicyInfo } from '../cluster/types';
import type { ParsedFile } from '../document/file';
import { toJson } from '../document/json';
import { deref, getPair, keyText } from '../document/model';
import type { DocumentModel, FileModel, MapNode, Span } from '../document/model';
import { documentAt } from '../document/path';
import { findNamespaces, findWorkloads } from '../document/workloads';
import type { WorkloadKind, WorkloadNode } from '../document/workloads';
import { effectiveConfiguration } from '../policy/effective';
import { explainWin, labelsAtMigration, PolicyIndex, rankMatches, scorePolicies, whyNoMatch } from '../policy/matching';
import type { Labels, PolicyScore } from '../policy/matching';
import { guestMemory, migrationOutlook } from '../policy/outlook';
import type { MigrationOutlook } from '../policy/outlook';
import { Commands } from '../protocol';
import type { VmiPolicyReport } from '../protocol';
import { markupFor } from './markup';
import { plural } from '../text';
import type { Markup } from './markup';
import { outlookLines } from './outlookText';

/** The label Kubernetes (≥ 1.21) puts on every namespace, with the namespace's name as value. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export type NamespaceSource = 'workspace' | 'cluster' | 'assumed';

/** What the VM features read: the policies in force, namespace labels and the cluster's defaults. */
export interface WorkloadContext {
  /** The policies in force: the cluster's with the workspace's versions in place of same-named ones. */
  policies: readonly PolicyInfo[];
  /** Namespace labels by name: Namespace manifests of the workspace over the cluster's namespaces. */
  namespaces: ReadonlyMap<string, { labels: Labels; source: 'workspace' | 'cluster' }>;
  /** The namespace of a manifest without `metadata.namespace` (the kubeconfig context's, else `default`). */
  defaultNamespace: string;
  /** KubeVirt CR `spec.configuration.migrations`, when the cluster data has it. */
  kubevirtMigrations?: Readonly<Record<string, unknown>>;
  /** Where the cluster part comes from, when it must be named ("from the demo snapshot"). */
  sourceNote?: string;
  /** `policies` indexed by their first VMI selector entry (built once per context when absent). */
  index?: PolicyIndex<PolicyInfo>;
  /** The policy the cluster's VMI of that name recorded for its last migration, when known. */
  lastMigrationPolicy?(namespace: string, name: string): string | undefined;
}

/** A VM or VMI manifest resolved against the context. */
export interface ResolvedWorkload {
  node: WorkloadNode;
  kind: WorkloadKind;
  name: string;
  namespace: string;
  namespaceFromManifest: boolean;
  labels: Labels;
  namespaceLabels: Labels;
  namespaceSource: NamespaceSource;
  memory?: { memory: string; source: MigrationOutlook['memorySource'] };
  /** The matching policies in precedence order (the first wins). */
  ranked: PolicyScore[];
  winner: PolicyInfo | null;
  /** `status.migrationState.migrationPolicyName` written in the manifest (a VMI dump). */
  recordedPolicy?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (v: unknown, key: string): Json => (isObject(v) && isObject(v[key]) ? v[key] : {});

/** The namespace labels of a name: the context's, else only `kubernetes.io/metadata.name` (which the API server sets). */
export function namespaceLabelsOf(context: WorkloadContext, namespace: string): { labels: Labels; source: NamespaceSource } {
  const known = context.namespaces.get(namespace);
  if (known) return known;
  return { labels: { [NAMESPACE_NAME_LABEL]: namespace }, source: 'assumed' };
}

/** Every policy's standing for a VMI, with its labels as the controller matches them (policy/matching.ts). */
export function explainVmi(policies: readonly PolicyInfo[], vmi: { namespace: string; name: string; labels: Labels }, namespaceLabels: Labels): VmiPolicyReport {
  const scores = scorePolicies(policies, labelsAtMigration(vmi.labels), namespaceLabels);
  const winner = scores[0]?.rank === 1 ? scores[0] : undefined;
  const runnerUp = scores[1]?.rank === 2 ? scores[1] : undefined;
  let reason: string;
  if (!winner) reason = policies.length ? 'no policy matches: cluster defaults apply' : 'there are no policies: cluster defaults apply';
  else if (!runnerUp) reason = 'the only matching policy';
  else reason = `wins over ${runnerUp.name}: ${explainWin(winner as { name: string; score: NonNullable<PolicyScore['score']> }, runnerUp)}`;
  return {
    vmi: { namespace: vmi.namespace, name: vmi.name, labels: { ...vmi.labels } },
    namespaceLabels: { ...namespaceLabels },
    winner: winner?.name ?? null,
    reason,
    policies: scores.map((s) => ({
      name: s.name,
      matches: s.score !== null,
      rank: s.rank,
      total: s.score ? s.score.vmiLabels + s.score.namespaceLabels : null,
      vmiLabels: s.score?.vmiLabels ?? null,
      namespaceLabels: s.score?.namespaceLabels ?? null,
      ...(s.reason !== undefined ? { reason: s.reason } : {}),
    })),
  };
}

/** The Namespace manifests of one `---` document, as matching reads them. */
export function documentNamespaces(model: DocumentModel): { name: string; labels: Labels }[] {
  return findNamespaces(model.root).flatMap((map) => {
    const ns = namespaceFromObject(toJson(map));
    if (!ns) return [];
    // The API server (Kubernetes ≥ 1.21) always sets this label on a namespace.
    return [{ name: ns.name, labels: { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name } }];
  });
}

/** The VM and VMI manifests of one `---` document, resolved against the context. */
export function documentWorkloads(model: DocumentModel, context: WorkloadContext): ResolvedWorkload[] {
  const result: ResolvedWorkload[] = [];
  for (const node of findWorkloads(model.root)) {
    const obj = toJson(node.map);
    const metadata = at(obj, 'metadata');
    const name = typeof metadata.name === 'string' && metadata.name ? metadata.name : undefined;
    if (!name) continue;
    const fromManifest = typeof metadata.namespace === 'string' && metadata.namespace !== '';
    const namespace = fromManifest ? (metadata.namespace as string) : context.defaultNamespace;
    // A VM's VMI takes its labels and spec from spec.template (the VM's own labels are not the VMI's).
    const vmiShape = node.kind === 'VirtualMachine' ? { metadata: { ...at(at(at(obj, 'spec'), 'template'), 'metadata'), name, namespace }, spec: at(at(obj, 'spec'), 'template').spec } : { ...(isObject(obj) ? obj : {}), metadata: { ...metadata, namespace } };
    const vmi = vmiFromObject(vmiShape);
    const labels = vmi?.labels ?? {};
    const ns = namespaceLabelsOf(context, namespace);
    const atMigration = labelsAtMigration(labels);
    const ranked = rankMatches((context.index ??= new PolicyIndex(context.policies)).candidates(atMigration), atMigration, ns.labels);
    const winnerName = ranked[0]?.name;
    const memory = guestMemory(vmiShape);
    result.push({
      node, kind: node.kind, name, namespace, namespaceFromManifest: fromManifest, labels, namespaceLabels: ns.labels, namespaceSource: ns.source,
      ...(memory ? { memory } : {}),
      ranked,
      winner: winnerName === undefined ? null : (context.policies.find((p) => p.name === winnerName) ?? null),
      ...(node.kind === 'VirtualMachineInstance' && vmi?.lastMigrationPolicy ? { recordedPolicy: vmi.lastMigrationPolicy } : {}),
    });
  }
  return result;
}

/** The workloads of a file with the offset of their `---` document. */
export function fileWorkloads(file: FileModel, context: WorkloadContext, perDocument: (model: DocumentModel) => ResolvedWorkload[] = (m) => documentWorkloads(m, context)): { offset: number; workload: ResolvedWorkload }[] {
  return file.documents.flatMap(({ offset, model }) => perDocument(model).map((workload) => ({ offset, workload })));
}


/** "migrates under databases · 3 labels matched · next: zz-default", or "no policy: cluster defaults". */
export function workloadLensTitle(w: Pick<ResolvedWorkload, 'ranked'>, sourceNote?: string): string {
  const [first, second] = w.ranked;
  const parts: string[] = [];
  if (first?.rank === 1 && first.score) {
    parts.push(`migrates under ${first.name}`, `${plural(first.score.vmiLabels + first.score.namespaceLabels, 'label')} matched`);
    if (second?.rank === 2) parts.push(`next: ${second.name}`);
  } else parts.push('no policy: cluster defaults');
  if (sourceNote) parts.push(sourceNote);
  return parts.join(' · ');
}

/** One lens above each named VM and VMI of a file. */
export function getWorkloadLenses(document: Pick<ParsedFile, 'uri' | 'lines'>, workloads: readonly { offset: number; workload: ResolvedWorkload }[], context: WorkloadContext): CodeLens[] {
  const { uri, lines } = document;
  return workloads.map(({ offset, workload: w }) => {
    const start = lines.positionAt(offset + w.node.map.span.start);
    return { range: { start, end: start }, command: { title: workloadLensTitle(w, context.sourceNote), command: Commands.explainVmi, arguments: [{ uri, namespace: w.namespace, name: w.name }] } };
  });
}

/**
 * Hover on a VM or VMI manifest: on a label (key or value) the policies it feeds; on the name, kind
 * or memory the policy that wins, every policy's score and what the configuration means for this VM.
 */
export function getWorkloadHover(document: Pick<ParsedFile, 'file' | 'lines'>, offset: number, context: WorkloadContext, markdown: boolean, perDocument?: (model: DocumentModel) => ResolvedWorkload[]): Hover | null {
  const { file, lines } = document;
  const doc = documentAt(file, offset);
  if (!doc) return null;
  const relative = doc.relative;
  const workloads = perDocument ? perDocument(doc.model) : documentWorkloads(doc.model, context);
  const w = workloads.filter((x) => relative >= x.node.map.span.start && relative <= x.node.map.span.end).sort((a, b) => a.node.map.span.end - a.node.map.span.start - (b.node.map.span.end - b.node.map.span.start))[0];
  if (!w) return null;
  const m = markupFor(markdown);
  const range = (span: Span) => lines.range(doc.offset, span);
  const answer = (sections: string[], span: Span): Hover => ({ contents: { kind: markdown ? 'markdown' : 'plaintext', value: sections.join('\n\n') } as MarkupContent, range: range(span) });

  for (const pair of w.node.labels?.pairs ?? []) {
    const key = keyText(pair);
    const keyNode = deref(pair.key);
    const valueNode = deref(pair.value);
    const onKey = keyNode && relative >= keyNode.span.start && relative <= keyNode.span.end;
    const onValue = valueNode && valueNode.kind === 'scalar' && relative >= valueNode.span.start && relative <= valueNode.span.end;
    if (key === undefined || (!onKey && !onValue)) continue;
    const span = onKey ? (keyNode as { span: Span }).span : (valueNode as { span: Span }).span;
    return answer(describeLabel(w, key, context, m), span);
  }

  const metadata = deref(getPair(w.node.map, 'metadata')?.value);
  const nameNode = metadata?.kind === 'map' ? deref(getPair(metadata, 'name')?.value) : null;
  const kindNode = deref(getPair(w.node.map, 'kind')?.value);
  for (const node of [nameNode, kindNode, ...memoryNodes(w.node)]) {
    if (node && node.kind === 'scalar' && relative >= node.span.start && relative <= node.span.end) return answer(describeWorkload(w, context, m), node.span);
  }
  return null;
}

function memoryNodes(node: WorkloadNode) {
  const mapAt = (map: MapNode | undefined, key: string): MapNode | undefined => {
    const n = map ? deref(getPair(map, key)?.value) : null;
    return n && n.kind === 'map' ? n : undefined;
  };
  const valueAt = (map: MapNode | undefined, key: string) => (map ? deref(getPair(map, key)?.value) : null);
  const spec = node.kind === 'VirtualMachine' ? mapAt(mapAt(mapAt(node.map, 'spec'), 'template'), 'spec') : mapAt(node.map, 'spec');
  const domain = mapAt(spec, 'domain');
  return [valueAt(mapAt(domain, 'memory'), 'guest'), valueAt(mapAt(mapAt(domain, 'resources'), 'requests'), 'memory')];
}

/** Which policies a label feeds: those whose VMI selector has this key and value, and those wanting another value. */
function describeLabel(w: ResolvedWorkload, key: string, context: WorkloadContext, m: Markup): string[] {
  const value = w.labels[key];
  const label = value === undefined ? key : `${key}=${value}`;
  const standing = new Map(w.ranked.map((s) => [s.name, s]));
  const feeds: string[] = [];
  const others: string[] = [];
  for (const p of context.policies) {
    if (!Object.hasOwn(p.vmiSelector, key)) continue;
    const s = standing.get(p.name);
    if (value !== undefined && p.vmiSelector[key] === value) {
      const state = s?.rank === 1 ? `${m.bold('wins')} this ${w.kind === 'VirtualMachine' ? 'VM' : 'VMI'}` : s?.rank ? `matches, rank ${s.rank}` : `does not match: ${whyNoMatch(p, labelsAtMigration(w.labels), w.namespaceLabels)}`;
      feeds.push(`- ${m.code(p.name)}: ${state}`);
    } else others.push(`- ${m.code(p.name)} wants ${m.code(`${key}=${p.vmiSelector[key]}`)}`);
  }
  const sections = [`${m.bold('Label')} ${m.code(label)} of the ${w.kind === 'VirtualMachine' ? 'VMI this VM creates (spec.template.metadata.labels)' : 'VMI'}`];
  if (feeds.length) sections.push(`Feeds ${plural(feeds.length, 'policy', 'policies')}:\n${feeds.join('\n')}`);
  else sections.push('No policy selects this label.');
  if (others.length) sections.push(`Select ${m.code(key)} with another value:\n${others.join('\n')}`);
  sections.push(`Now: ${workloadLensTitle(w, context.sourceNote)}.`);
  return sections;
}

/** The winner, every policy's score, and what the effective configuration means for this VM. */
function describeWorkload(w: ResolvedWorkload, context: WorkloadContext, m: Markup): string[] {
  const what = w.kind === 'VirtualMachine' ? 'VM' : 'VMI';
  const sections: string[] = [];
  const report = explainVmi(context.policies, { namespace: w.namespace, name: w.name, labels: w.labels }, w.namespaceLabels);
  sections.push(`${m.bold(`${what} ${w.namespace}/${w.name}`)}: ${report.winner ? `migrates under ${m.code(report.winner)} (${report.reason})` : `no policy: cluster defaults (${report.reason})`}.`);
  const nsFrom = w.namespaceSource === 'workspace' ? 'a Namespace manifest in the workspace' : w.namespaceSource === 'cluster' ? 'the cluster' : 'nowhere: only kubernetes.io/metadata.name is assumed';
  sections.push(`Namespace ${m.code(w.namespace)}${w.namespaceFromManifest ? '' : ' (not in the manifest: the default namespace)'}, labels from ${nsFrom}${context.sourceNote && w.namespaceSource === 'cluster' ? ` (${context.sourceNote})` : ''}.`);
  const rows = report.policies.slice(0, 12);
  if (rows.length) {
    if (m.markdown) {
      sections.push(['| rank | policy | total | VMI | namespace |', '|---|---|---|---|---|', ...rows.map((r) => r.matches ? `| ${r.rank} | ${m.code(r.name)} | ${r.total} | ${r.vmiLabels} | ${r.namespaceLabels} |` : `| – | ${m.code(r.name)} | ${r.reason ?? 'does not match'} | | |`)].join('\n'));
    } else sections.push(rows.map((r) => (r.matches ? `${r.rank}. ${r.name}: ${plural(r.total ?? 0, 'label')} (${r.vmiLabels} VMI, ${r.namespaceLabels} namespace)` : `-  ${r.name}: ${r.reason}`)).join('\n'));
    if (report.policies.length > rows.length) sections.push(`… and ${report.policies.length - rows.length} more policies.`);
  }
  sections.push(...describeOutlook(w, context, m));
  const last = w.recordedPolicy ?? context.lastMigrationPolicy?.(w.namespace, w.name);
  if (last !== undefined) {
    const exists = context.policies.some((p) => p.name === last);
    const same = last === report.winner;
    sections.push(`Last migration used ${m.code(last)}${exists ? '' : ' (a policy that no longer exists)'}${same ? ': the same policy wins now.' : `; now ${report.winner ? m.code(report.winner) : 'no policy'} wins.`}`);
  }
  if (context.sourceNote) sections.push(`Cluster policies and namespaces: ${context.sourceNote}.`);
  return sections;
}

/** The outlook sections: memory, completion timeout with KubeVirt's rounding, least copy time, warnings. */
export function describeOutlook(w: Pick<ResolvedWorkload, 'memory' | 'winner' | 'kind'>, context: Pick<WorkloadContext, 'kubevirtMigrations'>, m: Markup): string[] {
  if (!w.memory) return [`Memory: not set (${m.code('spec.domain.memory.guest')} or ${m.code('spec.domain.resources.requests.memory')}), so no completion timeout can be worked out.`];
  const effective = effectiveConfiguration(w.winner?.spec, context.kubevirtMigrations);
  const outlook = migrationOutlook(w.memory, effective);
  if (!outlook) return [`Memory ${m.code(w.memory.memory)}: not a positive quantity, or the completion timeout is not a whole number of seconds.`];
  return outlookLines(outlook, m, w.winner ? `\`${w.winner.name}\`` : 'cluster defaults');
}
