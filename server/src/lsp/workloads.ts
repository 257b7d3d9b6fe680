// The VM features' side of the server: builds the WorkloadContext (policies in force, namespace labels
// from Namespace manifests and the cluster, the default namespace) from the workspace models and the
// cluster view, caches each `---` document's resolved workloads, and answers lenses, hovers and the
// explainVmi command. The features themselves are pure (features/workloads.ts).
import type { CodeLens, Hover } from 'vscode-languageserver';
import type { PolicyInfo } from '../cluster/types';
import type { ClusterView } from '../features/clusterView';
import { describeClusterState } from '../features/codeLens';
import type { SizedVm } from '../features/outlookText';
import { documentNamespaces, documentWorkloads, explainVmi, fileWorkloads, getWorkloadHover, getWorkloadLenses, namespaceLabelsOf } from '../features/workloads';
import type { ResolvedWorkload, WorkloadContext } from '../features/workloads';
import type { DocumentModel } from '../document/model';
import { findWorkloads } from '../document/workloads';
import type { Labels } from '../policy/matching';
import type { DriftAnswer, VmiPolicyReport } from '../protocol';
import { ApiFault } from '../cluster/apiFault';
import { computeDrift } from '../cluster/drift';
import type { ClusterManager } from './cluster';
import type { ParsedDocument } from './documents';

export interface WorkloadDeps {
  /** Every workspace file's model (open ones at their current version). */
  models(): ParsedDocument[];
  /** The cluster view with the workspace's policies in place (undefined before the cluster is set up). */
  view(): ClusterView | undefined;
  /** The workspace's policies (used alone when there is no cluster data). */
  workspacePolicies(): PolicyInfo[];
}

/** Lenses, hovers and explanations for VM and VMI manifests; `invalidate` after any workspace or cluster change. */
export class WorkloadSupport {
  private context: WorkloadContext | undefined;
  private contextView: ClusterView | undefined;
  private readonly namespaceCache = new WeakMap<DocumentModel, { name: string; labels: Labels }[]>();
  private readonly workloadCache = new WeakMap<DocumentModel, { context: WorkloadContext; workloads: ResolvedWorkload[] }>();
  /** Documents without a VM or VMI (most of a policy file): they stay without one whatever the context. */
  private readonly noWorkloads = new WeakSet<DocumentModel>();

  constructor(private readonly deps: WorkloadDeps) {}

  invalidate(): void {
    this.context = undefined;
  }

  /** The context for the current workspace and cluster view (rebuilt only after a change). */
  current(): WorkloadContext {
    const view = this.deps.view();
    if (this.context && this.contextView === view) return this.context;
    const inventory = view?.inventory;
    const byName = new Map<string, PolicyInfo>();
    if (view?.evaluation) for (const p of view.evaluation.policies) byName.set(p.name, p);
    else for (const p of this.deps.workspacePolicies()) byName.set(p.name, p);
    const namespaces = new Map<string, { labels: Labels; source: 'workspace' | 'cluster' }>();
    const assumed = new Set(inventory?.assumedNamespaces ?? []);
    for (const ns of inventory?.namespaces ?? []) if (!assumed.has(ns.name)) namespaces.set(ns.name, { labels: ns.labels, source: 'cluster' });
    for (const parsed of this.deps.models()) {
      for (const { model } of parsed.file.documents) for (const ns of this.namespacesOf(model)) namespaces.set(ns.name, { labels: ns.labels, source: 'workspace' });
    }
    const status = view?.status;
    const state = status ? describeClusterState(status) : undefined;
    let sourceNote: string | undefined;
    if (!inventory) sourceNote = !status || status.state.kind === 'disabled' ? 'workspace policies only (no cluster data)' : `workspace policies only (${state})`;
    else sourceNote = state;
    const source = status?.source;
    const context: WorkloadContext = {
      policies: [...byName.values()],
      namespaces,
      defaultNamespace: source?.kind === 'kube' && source.namespace ? source.namespace : 'default',
      ...(inventory?.kubevirt ? { kubevirtMigrations: inventory.kubevirt.migrations } : {}),
      ...(sourceNote ? { sourceNote } : {}),
      lastMigrationPolicy: (namespace, name) => {
        const id = inventory?.vmiId(namespace, name);
        return id === undefined ? undefined : inventory?.vmis[id].lastMigrationPolicy;
      },
    };
    this.context = context;
    this.contextView = view;
    return context;
  }

  private namespacesOf(model: DocumentModel) {
    let found = this.namespaceCache.get(model);
    if (!found) this.namespaceCache.set(model, (found = documentNamespaces(model)));
    return found;
  }

  private workloadsOf(model: DocumentModel, context: WorkloadContext): ResolvedWorkload[] {
    if (this.noWorkloads.has(model)) return [];
    const cached = this.workloadCache.get(model);
    if (cached && cached.context === context) return cached.workloads;
    if (!cached && !findWorkloads(model.root).length) {
      this.noWorkloads.add(model);
      return [];
    }
    const workloads = documentWorkloads(model, context);
    this.workloadCache.set(model, { context, workloads });
    return workloads;
  }

  lenses(parsed: ParsedDocument): CodeLens[] {
    const context = this.current();
    const workloads = fileWorkloads(parsed.file, context, (model) => this.workloadsOf(model, context));
    return workloads.length ? getWorkloadLenses(parsed, workloads, context) : [];
  }

  hover(parsed: ParsedDocument, offset: number, markdown: boolean): Hover | null {
    const context = this.current();
    return getWorkloadHover(parsed, offset, context, markdown, (model) => this.workloadsOf(model, context));
  }

  /**
   * Every policy's score for a VM or VMI: of the document `uri` when given (its manifest), else the
   * cluster's VMI of that name. Null when there is no such object.
   */
  explain(args: { uri?: unknown; namespace?: unknown; name?: unknown }, parsed: ParsedDocument | undefined): VmiPolicyReport | null {
    if (typeof args.namespace !== 'string' || typeof args.name !== 'string') return null;
    const context = this.current();
    if (parsed) {
      const found = fileWorkloads(parsed.file, context, (model) => this.workloadsOf(model, context)).find(({ workload: w }) => w.namespace === args.namespace && w.name === args.name);
      if (found) return explainVmi(context.policies, found.workload, found.workload.namespaceLabels);
    }
    const inventory = this.deps.view()?.inventory;
    const id = inventory?.vmiId(args.namespace, args.name);
    if (!inventory || id === undefined) return null;
    return explainVmi(context.policies, inventory.vmis[id], namespaceLabelsOf(context, args.namespace).labels);
  }

  /** The VMs a policy wins whose memory is known: workspace manifests, and cluster VMIs read in full (snapshots). */
  largestWins(policy: string): SizedVm[] {
    const context = this.current();
    const result: SizedVm[] = [];
    const seen = new Set<string>();
    for (const parsed of this.deps.models()) {
      for (const { workload: w } of fileWorkloads(parsed.file, context, (model) => this.workloadsOf(model, context))) {
        if (w.winner?.name !== policy || !w.memory) continue;
        seen.add(`${w.namespace}/${w.name}`);
        result.push({ label: `${w.namespace}/${w.name} (${w.kind === 'VirtualMachine' ? 'VM' : 'VMI'} in ${parsed.uri.split('/').pop()})`, memory: w.memory });
      }
    }
    const view = this.deps.view();
    const inventory = view?.inventory;
    const evaluation = view?.evaluation;
    if (inventory && evaluation) {
      for (const id of evaluation.matchesOf(policy)) {
        const vmi = inventory.vmis[id];
        if (!vmi.memory || evaluation.winnerOf(id)?.name !== policy || seen.has(`${vmi.namespace}/${vmi.name}`)) continue;
        result.push({ label: `${vmi.namespace}/${vmi.name}`, memory: { memory: vmi.memory, source: 'the cluster\'s VMI spec' } });
      }
    }
    return result;
  }
}

/**
 * The drift command: reads the recorded migrations (live: full VMIs, paged) and compares them with the
 * policies in force now (the cluster's with the workspace's versions in place). Faults become `error`.
 */
export async function driftAnswer(cluster: ClusterManager | undefined, view: ClusterView | undefined, pageSize: number): Promise<DriftAnswer> {
  const status = cluster?.status() ?? { source: { kind: 'none' as const }, state: { kind: 'disabled' as const }, counts: { namespaces: 0, vmis: 0, policies: 0 } };
  const inventory = view?.inventory;
  if (!cluster || !inventory || !view?.evaluation) return { report: null, read: 0, pages: 0, status, error: 'no cluster data: drift needs a cluster or a snapshot file' };
  try {
    const read = await cluster.migrationRecords(pageSize);
    if (!read) return { report: null, read: 0, pages: 0, status, error: 'no cluster data: drift needs a cluster or a snapshot file' };
    const report = computeDrift(read.records, view.evaluation.policies, inventory.namespaces, inventory.kubevirt?.version);
    return { report, read: read.read, pages: read.pages, status };
  } catch (e) {
    // A refresh or stop of the cluster source ends the reading under way (ApiFault 'stopped').
    const error = e instanceof ApiFault && e.kind === 'stopped' ? 'the cluster reading was refreshed or stopped while drift read the VMIs: run drift again' : (e as Error).message;
    return { report: null, read: 0, pages: 0, status, error };
  }
}
