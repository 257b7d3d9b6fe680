// A workspace of files as the server keeps it for the cross-policy checks (features/crossPolicy.ts): the
// workspace index with its change log, the incremental evaluation over a cluster inventory, and the
// cluster view; `judge` answers a file's cross-policy diagnostics both incrementally (FileCrossPolicy)
// and from scratch over the same workspace.
import * as assert from 'node:assert/strict';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import type { ClusterView } from '../../server/src/features/clusterView';
import { FileCrossPolicy, findCrossPolicyDiagnostics, indexBySelectors } from '../../server/src/features/crossPolicy';
import type { ParsedDocument } from '../../server/src/lsp/documents';
import { WorkspaceEvaluation } from '../../server/src/lsp/evaluation';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';

export const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: { namespaces: 2, vmis: 8, policies: 2 } };

/** Two namespaces (ns: env=prod, dev: env=dev), VMIs a to h (a to e app=db, f to h app=web; a, c, e, g in ns), two cluster policies. */
export const DATA: ClusterData = {
  namespaces: [
    { name: 'ns', labels: { 'kubernetes.io/metadata.name': 'ns', env: 'prod' } },
    { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev', env: 'dev' } },
  ],
  vmis: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name, i) => ({ namespace: i % 2 ? 'dev' : 'ns', name, labels: { app: i < 5 ? 'db' : 'web' } })),
  policies: [
    { name: 'cluster-db', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db' }, spec: {}, origin: { kind: 'cluster' } },
    { name: 'cluster-web', hasSelectors: true, namespaceSelector: { env: 'prod' }, vmiSelector: { app: 'web' }, spec: {}, origin: { kind: 'cluster' } },
  ],
};

/** Selectors of the fixture's VMIs: app=db, app=web, and the namespaces with env=prod. */
export const DB = '{virtualMachineInstanceSelector: {app: db}}';
export const WEB = '{virtualMachineInstanceSelector: {app: web}}';
export const PROD = '{namespaceSelector: {env: prod}}';

export const policy = (name: string, selectors: string, timeout = 150) =>
  `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n  completionTimeoutPerGiB: ${timeout}\n`;

let version = 0;
function parsed(uri: string, text: string, previous?: ParsedDocument): ParsedDocument {
  return { uri, version: ++version, file: parseFile(text, 'yaml', previous?.file), lines: new LineIndex(text) };
}

/** A workspace of files, its index, evaluation and view, as the server keeps them. */
export class CrossWorkspace {
  readonly index = new WorkspaceIndex((uri) => uri.replace('file:///w/', ''));
  readonly evaluation = new WorkspaceEvaluation(this.index);
  readonly files = new Map<string, ParsedDocument>();
  inventory: Inventory;
  clusterIndex: ReturnType<typeof indexBySelectors>;
  view: ClusterView | undefined;
  private readonly leftOut = new Map();

  constructor(data: ClusterData = DATA, readonly status: ClusterStatus = READY) {
    this.inventory = new Inventory(data);
    this.clusterIndex = indexBySelectors(this.inventory.policies);
  }

  set(uri: string, text: string): void {
    const next = parsed(uri, text, this.files.get(uri));
    this.files.set(uri, next);
    this.index.update(next);
    this.evaluate();
  }

  /** Evaluates the workspace over the inventory; a new view for a new evaluation, with the same left-out map (as the server keeps it while the reasons stay). */
  evaluate(): void {
    const evaluation = this.evaluation.evaluate(this.inventory);
    if (evaluation !== this.view?.evaluation) this.view = { status: this.status, inventory: this.inventory, evaluation, leftOut: this.leftOut };
  }

  /** Loads other cluster data (a new inventory, as a refresh brings). */
  load(data: ClusterData): void {
    this.inventory = new Inventory(data);
    this.clusterIndex = indexBySelectors(this.inventory.policies);
    this.evaluate();
  }

  judge(judge: FileCrossPolicy, uri: string) {
    const file = this.files.get(uri)!;
    const lookup = this.index.lookup(uri, (key) => this.clusterIndex.get(key) ?? []);
    const policies = this.index.policies(uri);
    const incremental = judge.diagnostics(file, policies, lookup, this.view, this.index.stateFor(uri));
    const scratch = findCrossPolicyDiagnostics(file, policies, lookup, this.view);
    return { incremental, scratch };
  }

  /**
   * Judges `uri` (set first to `docs` joined by `---`, when given): asserts that the incremental answer
   * equals the one from scratch, and returns it.
   */
  judged(judge: FileCrossPolicy, uri: string, docs?: readonly string[]) {
    if (docs) this.set(uri, docs.join('---\n'));
    const { incremental, scratch } = this.judge(judge, uri);
    assert.deepEqual(incremental, scratch);
    return incremental;
  }
}
