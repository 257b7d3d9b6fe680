// The cluster side of the server: picks the data source from the settings (a live cluster through
// kubeconfig, a snapshot file, or the bundled demo when the user asks for it), indexes each complete reading in the background,
// reports status and progress, and evaluates the workspace's policies against it. Cluster I/O never
// runs on the typing path: features read the latest immutable view.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { snapshotMigrationRecords } from '../cluster/drift';
import { Inventory } from '../cluster/inventory';
import { migrationRecordFromObject } from '../cluster/objects';
import type { MigrationRecord } from '../cluster/objects';
import type { Evaluation } from '../cluster/evaluation';
import { LiveClusterSource } from '../cluster/live';
import { SnapshotSource } from '../cluster/snapshot';
import type { ClusterSource, ClusterStatus, KubeVirtInfo, PolicyInfo } from '../cluster/types';
import type { ClusterView } from '../features/clusterView';
import { ClusterStatusNotification } from '../protocol';
import { GarbageCheckpoint } from './memory';

export type ClusterSourceSetting = 'auto' | 'kube' | 'snapshot' | 'demo' | 'none';

export interface ClusterSettings {
  source: ClusterSourceSetting;
  kubeconfig: string;
  context: string;
  snapshot: string;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = { source: 'auto', kubeconfig: '', context: '', snapshot: '' };

/** Checks what the client sent for `migrationpolicy.cluster`. */
export function normaliseClusterSettings(raw: unknown): ClusterSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const source = ['auto', 'kube', 'snapshot', 'demo', 'none'].includes(r.source as string) ? (r.source as ClusterSourceSetting) : 'auto';
  return { source, kubeconfig: str(r.kubeconfig), context: str(r.context), snapshot: str(r.snapshot) };
}

/** The kubeconfig files kubectl would read: $KUBECONFIG's list, else ~/.kube/config. */
export function defaultKubeconfigExists(env: NodeJS.ProcessEnv = process.env): boolean {
  const paths = env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter).filter(Boolean) : [path.join(os.homedir(), '.kube', 'config')];
  return paths.some((p) => fs.existsSync(p));
}

/** The bundled demo snapshot, next to the bundle (dist/../examples) or the sources. */
export function demoSnapshotPath(): string {
  const candidates = [path.join(__dirname, '..', 'examples', 'cluster.yaml'), path.join(__dirname, '..', '..', '..', 'examples', 'cluster.yaml'), path.join(__dirname, '..', '..', '..', '..', 'examples', 'cluster.yaml')];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

/** Where cluster data comes from: a source, or none and why (shown in the status and the lenses). */
export type SourceChoice = { source: ClusterSource; reason?: undefined } | { source?: undefined; reason: string };

/**
 * Picks the data source for the settings. The demo snapshot is used only when the user chose it
 * (`demo`): with nothing configured, no kubeconfig, or `clusterAccess` false (an untrusted workspace,
 * where no kubeconfig is read) there is no cluster, never a silent stand-in.
 */
export function chooseSource(settings: ClusterSettings, clusterAccess: boolean, log: (m: string) => void, env: NodeJS.ProcessEnv = process.env): SourceChoice {
  const kube = () => ({ source: new LiveClusterSource({ kubeconfig: settings.kubeconfig || undefined, context: settings.context || undefined, log }) });
  const restricted = 'Restricted Mode: no kubeconfig is read';
  switch (settings.source) {
    case 'none':
      return { reason: 'turned off (cluster.source: none)' };
    case 'demo':
      return { source: new SnapshotSource(demoSnapshotPath(), { demo: true }) };
    case 'kube':
      return clusterAccess ? kube() : { reason: restricted };
    case 'snapshot':
      return settings.snapshot ? { source: new SnapshotSource(settings.snapshot) } : { reason: 'no snapshot file set (cluster.snapshot)' };
    case 'auto':
      if (settings.snapshot) return { source: new SnapshotSource(settings.snapshot) };
      if (!clusterAccess) return { reason: restricted };
      if (settings.kubeconfig ? fs.existsSync(settings.kubeconfig) : defaultKubeconfigExists(env)) return kube();
      return { reason: settings.kubeconfig ? `kubeconfig ${settings.kubeconfig} not found` : 'no kubeconfig found' };
  }
}

/** The data source for the settings, or undefined when there is none (see `chooseSource`). */
export function createSource(settings: ClusterSettings, clusterAccess: boolean, log: (m: string) => void, env: NodeJS.ProcessEnv = process.env): ClusterSource | undefined {
  return chooseSource(settings, clusterAccess, log, env).source;
}

/** Holds the current source and the latest indexed reading; tells listeners when either changes. */
export class ClusterManager {
  private source: ClusterSource | undefined;
  /** Why there is no source (none configured, no kubeconfig, Restricted Mode). */
  private noSource = 'not configured yet';
  private off = false;
  private subscription: { dispose(): void } | undefined;
  private settingsKey = '';
  private inventory: Inventory | undefined;
  private indexedData: unknown;
  private progress: WorkDoneProgressServerReporter | undefined;
  private progressPending = false;
  private leftOut: ReadonlyMap<PolicyInfo, string> = new Map();
  private evaluate: (inventory: Inventory) => Evaluation = (inventory) => inventory.evaluate();
  private view: ClusterView | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
    private readonly options: { clusterAccess: boolean; progress: boolean; env?: NodeJS.ProcessEnv; garbage?: GarbageCheckpoint },
  ) {}

  /** Applies settings; a change of source stops the old one and starts loading the new one. */
  configure(settings: ClusterSettings): void {
    const key = JSON.stringify(settings);
    if (key === this.settingsKey && this.source) return;
    this.settingsKey = key;
    this.stop();
    const choice = chooseSource(settings, this.options.clusterAccess, this.log, this.options.env);
    this.source = choice.source;
    this.noSource = choice.reason ?? '';
    this.off = settings.source === 'none';
    if (!this.source) {
      this.changed();
      return;
    }
    this.subscription = this.source.onChange(() => this.onSourceChange());
    this.source.start();
    this.onSourceChange();
  }

  /** Called after every change of the cluster view. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * How the view's evaluation comes from an inventory (the workspace's policies in place of the
   * cluster's: lsp/evaluation.ts). By default, the cluster's own policies.
   */
  setEvaluator(evaluate: (inventory: Inventory) => Evaluation): void {
    this.evaluate = evaluate;
    this.view = undefined;
  }

  /**
   * Workspace policies the what-if rule leaves out, and why (shown on their lenses). `sameReasons`: the
   * same names with the same reasons as before (an edit replaced PolicyInfo objects only), so the view
   * and what was derived from it stay, holding the new map.
   */
  setLeftOut(leftOut: ReadonlyMap<PolicyInfo, string>, sameReasons = false): void {
    if (leftOut === this.leftOut) return;
    this.leftOut = leftOut;
    if (sameReasons && this.view) this.view.leftOut = leftOut;
    else this.view = undefined;
  }

  /** The workspace's policies changed: the next view asks the evaluator again. */
  invalidate(): void {
    this.view = undefined;
  }

  /** Whether a complete reading is in (what-if evaluation needs one). */
  hasData(): boolean {
    return this.inventory !== undefined;
  }

  /** The KubeVirt CR of the latest reading (its version and gates decide what the API server rejects). */
  kubevirt(): KubeVirtInfo | undefined {
    return this.inventory?.kubevirt;
  }

  /** The snapshot file in use, if any: its policies are the cluster's, not the workspace's. */
  snapshotFile(): string | undefined {
    const description = this.source?.description;
    return description?.kind === 'snapshot' ? path.resolve(description.path) : undefined;
  }

  status(): ClusterStatus {
    return this.source?.status() ?? { source: { kind: 'none', reason: this.noSource, ...(this.off ? { off: true } : {}) }, state: { kind: 'disabled' }, counts: { namespaces: 0, vmis: 0, policies: 0 } };
  }

  /** The latest view: workspace policies evaluated against the latest complete reading. */
  current(): ClusterView {
    if (this.view) return this.view;
    const status = this.status();
    const view: ClusterView = { status, leftOut: this.leftOut };
    if (this.inventory) {
      view.inventory = this.inventory;
      view.evaluation = this.evaluate(this.inventory);
    }
    this.view = view;
    return view;
  }

  /**
   * The recorded migrations of the source's VMIs, on demand: a live cluster's read in full page by page
   * (one page in memory at a time), a snapshot file's from its text. Undefined with no source.
   */
  async migrationRecords(pageSize = 100): Promise<{ records: MigrationRecord[]; read: number; pages: number } | undefined> {
    const source = this.source;
    if (source instanceof LiveClusterSource) {
      const { items, read, pages } = await source.readFullVmis(migrationRecordFromObject, pageSize);
      return { records: items, read, pages };
    }
    const file = this.snapshotFile();
    if (!file) return undefined;
    const text = await fs.promises.readFile(file, 'utf8');
    const records = snapshotMigrationRecords(text, file);
    return { records, read: this.inventory?.vmis.length ?? 0, pages: 0 };
  }

  async refresh(): Promise<void> {
    await this.source?.refresh();
  }

  stop(): void {
    this.subscription?.dispose();
    this.source?.stop();
    this.subscription = undefined;
    this.source = undefined;
    this.inventory = undefined;
    this.indexedData = undefined;
    this.view = undefined;
    this.endProgress();
  }

  private onSourceChange(): void {
    const data = this.source?.current();
    if (data && data !== this.indexedData) {
      const started = Date.now();
      this.indexedData = data;
      this.inventory = new Inventory(data);
      this.inventory.evaluate();
      // The reading's garbage is collected once it is indexed.
      (this.options.garbage ??= new GarbageCheckpoint()).afterBulkWork();
      this.log(`indexed ${data.namespaces.length} namespaces, ${data.vmis.length} VMIs, ${data.policies.length} policies in ${Date.now() - started} ms`);
    }
    this.view = undefined;
    this.reportProgress();
    this.changed();
  }

  private changed(): void {
    void this.connection.sendNotification(ClusterStatusNotification, this.status()).catch(() => undefined);
    for (const listener of this.listeners) listener();
  }

  private reportProgress(): void {
    const state = this.status().state;
    if (state.kind !== 'loading') return this.endProgress();
    if (!this.options.progress) return;
    const message = state.loaded ? `${state.loaded.namespaces} namespaces, ${state.loaded.vmis} VMIs, ${state.loaded.policies} policies` : 'connecting';
    if (this.progress) return this.progress.report(message);
    if (this.progressPending) return;
    this.progressPending = true;
    this.connection.window
      .createWorkDoneProgress()
      .then((reporter) => {
        this.progressPending = false;
        if (this.status().state.kind !== 'loading') return reporter.done();
        this.progress = reporter;
        reporter.begin('Loading cluster data', undefined, message);
      })
      .catch(() => (this.progressPending = false));
  }

  private endProgress(): void {
    this.progress?.done();
    this.progress = undefined;
  }
}

