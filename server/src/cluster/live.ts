// A live cluster as a ClusterSource: paged lists, metadata-only VMIs, watches from each list's
// resourceVersion with a relist on 410 Gone, retries with backoff, coalesced immutable readings.
// Every fault becomes a SourceState; credentials never reach a message. The kubeconfig and credentials
// are cluster/kubeconfig.ts (through @kubernetes/client-node), the read-only GET requests cluster/kubeApi.ts.
import { plural } from '../text';
import { ApiFault } from './apiFault';
import { asListBody, asRecord, JSON_ACCEPT, KINDS, KubeApi, mebibytes, parseWatchLine, RESOURCES } from './kubeApi';
import type { Kind, RequestInfo, ResourceDef } from './kubeApi';

export type { RequestInfo } from './kubeApi';
import { kubeVirtFromObject, migrationRecordFromObject, namespaceFromObject, policyInfoFromObject, vmiFromObject } from './objects';
import type { MigrationRecord } from './objects';
import type {
  ClusterData, ClusterSource, ClusterStatus, KubeVirtInfo, NamespaceInfo, PolicyInfo, SourceDescription, SourceState, VmiInfo,
} from './types';

/** Options of a live source. Only GET requests (get, list, watch) are ever sent. */
export interface LiveClusterOptions {
  /** A kubeconfig file; undefined uses the default loading rules (KUBECONFIG, then ~/.kube/config). */
  kubeconfig?: string;
  /** A context of the kubeconfig; undefined uses its current context. */
  context?: string;
  /** Page size of every list (`limit`). Default 500. */
  limit?: number;
  /** Timeout of each call in milliseconds (and of a watch's opening). Default 15 000. */
  timeoutMs?: number;
  /** Receives one line per request and per fault. Never receives credentials. */
  log?: (message: string) => void;
  /** Watch after the first reading (default true). */
  watch?: boolean;
  /** How long watch events are gathered before one new reading is published. Default 100 ms. */
  coalesceMs?: number;
  /** Server-side length of one watch (`timeoutSeconds`). Default 300 to 360 s. */
  watchSeconds?: number;
  /** The largest answer read (one list page, one watch event), counted while it streams in. Default 64 MiB. */
  maxResponseBytes?: number;
  /** Backoff between tries after a failed reading: first and largest delay in ms. Default 800 and 30 000. */
  retry?: { initialMs?: number; maxMs?: number };
}

/**
 * The delay before try number `failures + 1` after a failed reading: client-go's reflector backoff
 * (k8s.io/client-go/tools/cache/reflector.go: NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0)),
 * doubling from `initialMs` up to `maxMs`, plus up to the same again as jitter.
 */
export function retryDelay(failures: number, initialMs = 800, maxMs = 30_000, random: () => number = Math.random): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(base + base * random());
}

const EMPTY_COUNTS = { namespaces: 0, vmis: 0, policies: 0 };

/** A live cluster read through kubeconfig: list, then watch, publishing immutable readings. */
export class LiveClusterSource implements ClusterSource {
  private readonly limit: number;
  private readonly timeoutMs: number;
  private readonly watchEnabled: boolean;
  private readonly coalesceMs: number;
  private readonly maxResponseBytes: number;
  private readonly listeners = new Set<() => void>();
  private readonly api: KubeApi;
  private desc: SourceDescription;
  private state: SourceState = { kind: 'loading' };
  private data: ClusterData | undefined;
  private loadedAt: string | undefined;
  private epoch = 0;
  private lifetime = new AbortController();
  private started = false;
  private readonly items = { namespaces: new Map<string, NamespaceInfo>(), vmis: new Map<string, VmiInfo>(), policies: new Map<string, PolicyInfo>() };
  private readonly versions: Record<Kind, string> = { namespaces: '', vmis: '', policies: '' };
  private kubevirt: KubeVirtInfo | undefined;
  private readonly staleReasons = new Map<Kind, string>();
  private publishTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private failures = 0;
  private retryAt: number | undefined;

  constructor(private readonly options: LiveClusterOptions = {}) {
    this.limit = Math.max(1, Math.floor(options.limit ?? 500));
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 15_000);
    this.watchEnabled = options.watch ?? true;
    this.coalesceMs = Math.max(0, options.coalesceMs ?? 100);
    this.maxResponseBytes = Math.max(1024, options.maxResponseBytes ?? 64 * 1024 * 1024);
    this.desc = { kind: 'kube', context: options.context ?? '', server: '' };
    this.api = new KubeApi({ timeoutMs: this.timeoutMs, maxResponseBytes: this.maxResponseBytes, limit: this.limit, lifetime: () => this.lifetime.signal, log: options.log });
  }

  /** The context and server; filled in once the kubeconfig has been read (after start()). */
  get description(): SourceDescription {
    return this.desc;
  }

  current(): ClusterData | undefined {
    return this.data;
  }

  status(): ClusterStatus {
    const d = this.data;
    return {
      source: this.desc,
      state: this.state,
      counts: d ? { namespaces: d.namespaces.length, vmis: d.vmis.length, policies: d.policies.length } : EMPTY_COUNTS,
      ...(this.loadedAt ? { loadedAt: this.loadedAt } : {}),
      ...(d?.kubevirt?.version ? { kubevirtVersion: d.kubevirt.version } : {}),
      ...(this.retryAt !== undefined ? { nextRetryAt: new Date(this.retryAt).toISOString() } : {}),
    };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run(this.epoch);
  }

  async refresh(): Promise<void> {
    this.reset();
    this.failures = 0;
    this.started = true;
    this.api.disconnect();
    this.data = undefined;
    this.loadedAt = undefined;
    await this.run(this.epoch);
  }

  stop(): void {
    this.reset();
    this.started = false;
  }

  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Calls `hook` before every request this source sends (tests count pages and watches with it). */
  onRequest(hook: (info: RequestInfo) => void): { dispose(): void } {
    return this.api.onRequest(hook);
  }

  /** Reads everything once without watching; resolves to the reading or rejects with the state's message. */
  async loadOnce(): Promise<ClusterData> {
    this.reset();
    const epoch = this.epoch;
    try {
      await this.connect(epoch);
      await this.listAll(epoch);
      return this.snapshot();
    } catch (e) {
      throw this.toFault(e);
    } finally {
      if (epoch === this.epoch) this.reset();
    }
  }

  /**
   * Reads every VMI in full (status included), page by page with `limit=pageSize`, and keeps only what
   * `pick` returns from each object: one page of full objects is in memory at a time, never the whole
   * list. An expired continue token restarts the list. Rejects with the fault (an ApiFault: its kind says
   * what failed, its message says it for people; 'stopped' when a refresh or stop ended the reading).
   */
  async readFullVmis<T>(pick: (obj: Record<string, unknown>) => T | undefined, pageSize = 100): Promise<{ items: T[]; read: number; pages: number }> {
    const epoch = this.epoch;
    const def: ResourceDef = { ...RESOURCES.vmis, accept: JSON_ACCEPT, watchAccept: JSON_ACCEPT };
    const limit = Math.max(1, Math.floor(pageSize));
    try {
      await this.connect(epoch);
      for (let attempt = 0; ; attempt++) {
        const items: T[] = [];
        let read = 0;
        let pages = 0;
        let cont = '';
        try {
          do {
            const body = await this.getJson('list', def, `${def.path}?limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, def.accept, epoch);
            const list = asListBody(body, `list ${def.resource}`);
            pages++;
            for (const item of list.items) {
              read++;
              const kept = pick(item);
              if (kept !== undefined) items.push(kept);
            }
            cont = list.continue;
          } while (cont);
          return { items, read, pages };
        } catch (e) {
          if (e instanceof ApiFault && e.kind === 'gone' && cont && attempt < 2) continue;
          throw e;
        }
      }
    } catch (e) {
      throw this.toFault(e);
    }
  }

  private reset(): void {
    this.epoch++;
    this.retryAt = undefined;
    this.lifetime.abort();
    this.lifetime = new AbortController();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    this.staleReasons.clear();
  }

  private alive(epoch: number): boolean {
    return epoch === this.epoch;
  }

  /**
   * Connects, lists everything, then watches. A failure is shown as its state and tried again after a
   * capped, jittered backoff, so a cluster that comes back heals without the Refresh command; a retry
   * keeps showing the fault (and when the next try is) until it succeeds.
   */
  private async run(epoch: number, retrying = false): Promise<void> {
    if (!retrying) this.setState({ kind: 'loading', loaded: { ...EMPTY_COUNTS } });
    try {
      await this.connect(epoch);
      await this.listAll(epoch);
    } catch (e) {
      if (!this.alive(epoch)) return;
      const f = this.toFault(e);
      this.failures++;
      // The next try reads the kubeconfig again: a renewed token or a fixed CA is how faults often clear.
      this.api.disconnect();
      const delay = retryDelay(this.failures, this.options.retry?.initialMs, this.options.retry?.maxMs);
      this.retryAt = Date.now() + delay;
      this.log(`loading failed: ${f.message}; next try in ${(delay / 1000).toFixed(1)} s`);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.alive(epoch)) void this.run(epoch, true);
      }, delay);
      timer.unref?.();
      this.timers.add(timer);
      this.setState(this.failureState(f));
      return;
    }
    if (!this.alive(epoch)) return;
    if (this.failures) this.log(`loaded after ${plural(this.failures, 'failed try', 'failed tries')}`);
    this.failures = 0;
    this.retryAt = undefined;
    this.publish();
    this.setState({ kind: 'ready' });
    if (this.watchEnabled) for (const kind of KINDS) void this.watchLoop(kind, epoch);
  }

  private async connect(epoch: number): Promise<void> {
    if (!this.api.connection) {
      const conn = await this.api.connect(this.options.kubeconfig, this.options.context);
      const namespace = conn.kc.getContextObject(conn.context)?.namespace;
      this.desc = { kind: 'kube', context: conn.context, server: conn.server, ...(namespace ? { namespace } : {}) };
      this.log(`using context ${conn.context} at ${conn.server}`);
    }
    if (!this.alive(epoch)) throw new ApiFault('stopped', 'stopped');
  }

  private async listAll(epoch: number): Promise<void> {
    for (const kind of KINDS) this.items[kind].clear();
    const loaded = { ...EMPTY_COUNTS };
    for (const kind of KINDS) {
      await this.listResource(kind, epoch, (count) => {
        loaded[kind] = count;
        if (this.state.kind === 'loading') this.setState({ kind: 'loading', loaded: { ...loaded } });
      });
    }
    this.kubevirt = await this.readKubeVirt(epoch);
  }

  /** Lists one resource page by page into a fresh map, then swaps it in and records the resourceVersion. */
  private async listResource(kind: Kind, epoch: number, onPage?: (count: number) => void): Promise<void> {
    const def = RESOURCES[kind];
    for (let attempt = 0; ; attempt++) {
      const fresh = new Map<string, unknown>();
      let cont = '';
      let version = '';
      try {
        do {
          const query = `?limit=${this.limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
          const body = await this.getJson('list', def, def.path + query, def.accept, epoch);
          const list = asListBody(body, `list ${def.resource}`);
          for (const item of list.items) {
            const converted = convert(kind, item);
            if (converted) fresh.set(keyOf(kind, converted), converted);
            else this.log(`skipped an item of ${def.resource} without metadata.name`);
          }
          cont = list.continue;
          version = list.resourceVersion;
          if (!this.alive(epoch)) throw new ApiFault('stopped', 'stopped');
          onPage?.(fresh.size);
        } while (cont);
      } catch (e) {
        // An expired continue token (410) restarts the list from the beginning.
        if (e instanceof ApiFault && e.kind === 'gone' && cont && attempt < 2) continue;
        throw e;
      }
      const target = this.items[kind] as Map<string, unknown>;
      target.clear();
      for (const [k, v] of fresh) target.set(k, v);
      this.versions[kind] = version;
      return;
    }
  }

  private async readKubeVirt(epoch: number): Promise<KubeVirtInfo | undefined> {
    const def = RESOURCES.kubevirts;
    try {
      const list = asListBody(await this.getJson('list', def, `${def.path}?limit=${this.limit}`, def.accept, epoch), `list ${def.resource}`);
      const crs = list.items.map(kubeVirtFromObject).filter((k): k is KubeVirtInfo => k !== undefined);
      if (crs.length > 1) this.log(`found ${crs.length} KubeVirt CRs; using ${crs[0].name}`);
      return crs[0];
    } catch (e) {
      if (e instanceof ApiFault && (e.kind === 'notFound' || e.kind === 'forbidden')) {
        this.log(e.kind === 'notFound' ? 'no KubeVirt CRD (kubevirts.kubevirt.io): no KubeVirt configuration' : `no KubeVirt configuration: ${e.message}`);
        return undefined;
      }
      throw e;
    }
  }

  /** Keeps one resource watched: rewatches after a normal end, relists on 410, backs off on faults. */
  private async watchLoop(kind: Kind, epoch: number): Promise<void> {
    let needList = false;
    let failures = 0;
    let goneStreak = 0;
    while (this.alive(epoch)) {
      try {
        if (needList) {
          this.log(`relisting ${RESOURCES[kind].resource}`);
          await this.listResource(kind, epoch);
          needList = false;
          this.schedulePublish(epoch);
        }
        const events = await this.watchOnce(kind, epoch, () => {
          failures = 0;
          this.clearStale(kind);
        });
        if (events > 0) goneStreak = 0;
      } catch (e) {
        if (!this.alive(epoch)) return;
        const f = this.toFault(e);
        if (f.kind === 'gone') {
          needList = true;
          this.log(`watch of ${RESOURCES[kind].resource}: ${f.message}; relisting`);
          if (goneStreak++ > 0) await this.sleep(backoff(goneStreak - 1), epoch);
          continue;
        }
        if (f.message.startsWith('Malformed')) needList = true;
        failures++;
        this.log(`watch of ${RESOURCES[kind].resource} failed: ${f.message}`);
        this.setStale(kind, f.message);
        await this.sleep(backoff(failures), epoch);
      }
    }
  }

  /** One watch request from the last resourceVersion; resolves with the number of events when the server ends it. */
  private async watchOnce(kind: Kind, epoch: number, onOpen: () => void): Promise<number> {
    const def = RESOURCES[kind];
    const seconds = this.options.watchSeconds ?? 300 + Math.floor(Math.random() * 60);
    const path = `${def.path}?watch=1&allowWatchBookmarks=true&timeoutSeconds=${seconds}&resourceVersion=${encodeURIComponent(this.versions[kind])}`;
    const ac = new AbortController();
    const deadline = setTimeout(() => ac.abort(), seconds * 1000 + this.timeoutMs);
    const opening = new AbortController();
    const openTimer = setTimeout(() => opening.abort(), this.timeoutMs);
    let events = 0;
    let buffer = '';
    try {
      const res = await this.send('watch', def, path, def.watchAccept, epoch, AbortSignal.any([ac.signal, opening.signal]));
      clearTimeout(openTimer);
      onOpen();
      res.setEncoding('utf8');
      try {
        for await (const chunk of res as AsyncIterable<string>) {
          buffer += chunk;
          // The cap is per event (one chunk may hold many small events): each line, and the unfinished one.
          const tooLarge = () => {
            res.destroy();
            return new ApiFault('error', `A watch event of ${def.resource} is larger than ${mebibytes(this.maxResponseBytes)} and was not read`);
          };
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            if (nl > this.maxResponseBytes) throw tooLarge();
            const line = buffer.slice(0, nl).trim();
            buffer = buffer.slice(nl + 1);
            if (!line) continue;
            if (!this.alive(epoch)) return events;
            this.applyEvent(kind, parseWatchLine(line, def.resource), epoch);
            events++;
          }
          if (buffer.length > this.maxResponseBytes) throw tooLarge();
        }
      } catch (e) {
        if (e instanceof ApiFault) throw e;
        if (ac.signal.aborted && this.alive(epoch)) return events;
        throw this.api.networkFault(e, 'watch', def);
      }
      if (buffer.trim() && this.alive(epoch)) this.applyEvent(kind, parseWatchLine(buffer.trim(), def.resource), epoch);
      return events;
    } finally {
      clearTimeout(deadline);
      clearTimeout(openTimer);
    }
  }

  private applyEvent(kind: Kind, event: { type: string; object: Record<string, unknown> }, epoch: number): void {
    const obj = event.object;
    const meta = asRecord(obj.metadata);
    if (event.type === 'ERROR') {
      const code = typeof obj.code === 'number' ? obj.code : 0;
      const message = typeof obj.message === 'string' ? obj.message : 'unknown error';
      throw new ApiFault(code === 410 ? 'gone' : 'error', `watch error ${code}: ${message}`);
    }
    if (typeof meta.resourceVersion === 'string' && meta.resourceVersion) this.versions[kind] = meta.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    const converted = convert(kind, obj);
    if (!converted) return;
    const map = this.items[kind] as Map<string, unknown>;
    const key = keyOf(kind, converted);
    if (event.type === 'DELETED') map.delete(key);
    else if (event.type === 'ADDED' || event.type === 'MODIFIED') map.set(key, converted);
    else return;
    this.schedulePublish(epoch);
  }

  private schedulePublish(epoch: number): void {
    if (this.publishTimer || !this.alive(epoch)) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      if (!this.alive(epoch)) return;
      this.publish();
      this.emit();
    }, this.coalesceMs);
  }

  private snapshot(): ClusterData {
    const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const vmis = [...this.items.vmis.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : byName(a, b)));
    return Object.freeze({
      namespaces: Object.freeze([...this.items.namespaces.values()].sort(byName)),
      vmis: Object.freeze(vmis),
      policies: Object.freeze([...this.items.policies.values()].sort(byName)),
      ...(this.kubevirt ? { kubevirt: this.kubevirt } : {}),
    });
  }

  private publish(): void {
    this.data = this.snapshot();
    this.loadedAt = new Date().toISOString();
  }

  private setStale(kind: Kind, reason: string): void {
    this.staleReasons.set(kind, `${RESOURCES[kind].resource}: ${reason}`);
    this.setState({ kind: 'stale', reason: [...this.staleReasons.values()].join('; ') });
  }

  private clearStale(kind: Kind): void {
    if (!this.staleReasons.delete(kind)) return;
    this.setState(this.staleReasons.size ? { kind: 'stale', reason: [...this.staleReasons.values()].join('; ') } : { kind: 'ready' });
  }

  private setState(state: SourceState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (e) {
        this.log(`a change listener failed: ${(e as Error)?.message ?? e}`);
      }
    }
  }

  private failureState(f: ApiFault): SourceState {
    switch (f.kind) {
      case 'unreachable': return { kind: 'unreachable', message: f.message };
      case 'unauthorized': return { kind: 'unauthorized', message: f.message };
      case 'forbidden': return { kind: 'forbidden', message: f.message, verb: f.verb, resource: f.resource };
      default: return { kind: 'error', message: f.message };
    }
  }

  private sleep(ms: number, epoch: number): Promise<void> {
    return new Promise((resolve) => {
      if (!this.alive(epoch)) return resolve();
      const signal = this.lifetime.signal;
      const done = () => {
        clearTimeout(t);
        this.timers.delete(t);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.timers.add(t);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** `KubeApi.getJson` for a call of this reading (`epoch`): a reading that ended sends nothing. */
  private getJson(verb: 'get' | 'list', def: ResourceDef, path: string, accept: string, epoch: number): Promise<unknown> {
    if (!this.alive(epoch)) return Promise.reject(new ApiFault('stopped', 'stopped'));
    return this.api.getJson(verb, def, path, accept);
  }

  /** `KubeApi.send` for a call of this reading (`epoch`). */
  private send(verb: RequestInfo['verb'], def: ResourceDef, path: string, accept: string, epoch: number, callSignal: AbortSignal) {
    if (!this.alive(epoch)) return Promise.reject(new ApiFault('stopped', 'stopped'));
    return this.api.send(verb, def, path, accept, callSignal);
  }

  private toFault(e: unknown): ApiFault {
    return this.api.toFault(e);
  }

  private log(message: string): void {
    this.api.log(message);
  }
}

/** The recorded migrations of every VMI of a live cluster, read in full page by page (for `migrationpolicy drift`). */
export async function loadKubeMigrationRecords(context?: string, kubeconfig?: string, pageSize = 100): Promise<{ data: ClusterData; records: MigrationRecord[]; read: number; pages: number }> {
  const source = new LiveClusterSource({ context, kubeconfig, watch: false });
  let data: ClusterData;
  try {
    data = await source.loadOnce();
  } catch (e) {
    throw new Error(e instanceof ApiFault ? e.message : String((e as Error)?.message ?? e));
  }
  const { items, read, pages } = await source.readFullVmis(migrationRecordFromObject, pageSize);
  return { data, records: items, read, pages };
}

/** One complete reading of the cluster without watching (for the CLI's `--cluster kube`). Rejects with the failure's message. */
export async function loadKubeCluster(context?: string, kubeconfig?: string): Promise<ClusterData> {
  const source = new LiveClusterSource({ context, kubeconfig, watch: false });
  try {
    return await source.loadOnce();
  } catch (e) {
    throw new Error(e instanceof ApiFault ? e.message : String((e as Error)?.message ?? e));
  }
}

const backoff = (failures: number): number => Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6)) * (0.8 + Math.random() * 0.4);

function keyOf(kind: Kind, item: unknown): string {
  return kind === 'vmis' ? `${(item as VmiInfo).namespace}/${(item as VmiInfo).name}` : (item as { name: string }).name;
}

function convert(kind: Kind, obj: Record<string, unknown>): NamespaceInfo | VmiInfo | PolicyInfo | undefined {
  if (kind === 'namespaces') return namespaceFromObject(obj);
  if (kind === 'vmis') return vmiFromObject(obj);
  return policyInfoFromObject({ ...obj, kind: 'MigrationPolicy' }, { kind: 'cluster' });
}
