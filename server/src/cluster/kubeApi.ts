// The HTTP client of a live cluster: read-only GET requests with the kubeconfig's credentials, each with
// a timeout and a cap on the answer's size, every failure turned into an ApiFault whose message names
// what failed and never a credential. What to list and watch, and when, is cluster/live.ts.
import type * as http from 'node:http';
import type * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js' with { 'resolution-mode': 'import' };
import { ApiFault, clip, seconds } from './apiFault';
import { cacheExecCredentials, openKubeConfig } from './kubeconfig';
import type { Connection } from './kubeconfig';

/** A request as announced to the log and to `onRequest` hooks: always a GET. */
export interface RequestInfo {
  verb: 'get' | 'list' | 'watch';
  resource: string;
  path: string;
}

export type Kind = 'namespaces' | 'vmis' | 'policies';
export const KINDS: readonly Kind[] = ['namespaces', 'vmis', 'policies'];

export interface ResourceDef {
  path: string;
  /** `plural.group` as RBAC and error messages name it. */
  resource: string;
  accept: string;
  watchAccept: string;
}

export const JSON_ACCEPT = 'application/json';
export const RESOURCES: Record<Kind | 'kubevirts', ResourceDef> = {
  namespaces: { path: '/api/v1/namespaces', resource: 'namespaces', accept: JSON_ACCEPT, watchAccept: JSON_ACCEPT },
  // Metadata only: the server converts each VMI to PartialObjectMetadata (client-go's metadata client does the same).
  vmis: {
    path: '/apis/kubevirt.io/v1/virtualmachineinstances',
    resource: 'virtualmachineinstances.kubevirt.io',
    accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json',
    watchAccept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json',
  },
  policies: { path: '/apis/migrations.kubevirt.io/v1alpha1/migrationpolicies', resource: 'migrationpolicies.migrations.kubevirt.io', accept: JSON_ACCEPT, watchAccept: JSON_ACCEPT },
  kubevirts: { path: '/apis/kubevirt.io/v1/kubevirts', resource: 'kubevirts.kubevirt.io', accept: JSON_ACCEPT, watchAccept: JSON_ACCEPT },
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused', ENOTFOUND: 'host name not found', EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset', EHOSTUNREACH: 'host unreachable', ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out', EPIPE: 'connection closed', ECONNABORTED: 'connection aborted',
};

export interface KubeApiOptions {
  /** Timeout of each call in milliseconds. */
  timeoutMs: number;
  /** The largest answer read, counted while it streams in. */
  maxResponseBytes: number;
  /** The page size lists use (named in the message about an answer too large). */
  limit: number;
  /** The signal that ends every call of the current reading (read at each use: a reset replaces it). */
  lifetime: () => AbortSignal;
  /** Receives log lines, credentials removed. */
  log?: (message: string) => void;
}

/** What a call started under: the server it was sent to and the lifetime it ran in. */
interface CallContext {
  server: string;
  lifetime: AbortSignal;
}

/** GET requests to the API server of one kubeconfig context. */
export class KubeApi {
  /** The connection requests go to; undefined until `connect`, and after `disconnect`. */
  private conn: Connection | undefined;
  private readonly secrets = new Set<string>();
  private readonly requestHooks = new Set<(info: RequestInfo) => void>();
  private forgetCredentials: () => void = () => undefined;

  constructor(private readonly options: KubeApiOptions) {}

  get connection(): Connection | undefined {
    return this.conn;
  }

  /** Reads the kubeconfig again and selects the context (the current one when none is given). */
  async connect(kubeconfig: string | undefined, context: string | undefined): Promise<Connection> {
    const conn = await openKubeConfig(kubeconfig, context);
    this.conn = conn;
    this.forgetCredentials = cacheExecCredentials(conn.kc, this.options.timeoutMs, (m) => this.log(m));
    this.collectConfigSecrets(conn.kc);
    return conn;
  }

  /** Forgets the connection: the next `connect` reads the kubeconfig again. */
  disconnect(): void {
    this.conn = undefined;
  }

  /** Calls `hook` before every request (tests count pages and watches with it). */
  onRequest(hook: (info: RequestInfo) => void): { dispose(): void } {
    this.requestHooks.add(hook);
    return { dispose: () => this.requestHooks.delete(hook) };
  }

  /** GET and parse a JSON answer, all within the call's timeout. */
  async getJson(verb: 'get' | 'list', def: ResourceDef, path: string, accept: string): Promise<unknown> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.options.timeoutMs);
    const call = this.callContext();
    try {
      const res = await this.send(verb, def, path, accept, ac.signal);
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > this.options.maxResponseBytes) {
            res.destroy();
            throw new ApiFault('error', `The answer to ${verb} ${def.resource} is larger than ${mebibytes(this.options.maxResponseBytes)} and was not read (does the server ignore the page size limit=${this.options.limit}?)`);
          }
          chunks.push(chunk);
        }
      } catch (e) {
        if (e instanceof ApiFault) throw e;
        throw this.networkFault(e, verb, def, ac.signal.aborted, call);
      }
      const text = Buffer.concat(chunks, size).toString('utf8');
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new ApiFault('error', `Malformed answer to ${verb} ${def.resource}: invalid JSON (${clip((e as Error).message)})`);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends one GET with the kubeconfig's credentials; resolves on a 2xx answer, otherwise rejects with an ApiFault. */
  async send(verb: RequestInfo['verb'], def: ResourceDef, path: string, accept: string, callSignal: AbortSignal): Promise<http.IncomingMessage> {
    const conn = this.conn;
    if (!conn) throw new ApiFault('stopped', 'stopped');
    const lifetime = this.options.lifetime();
    const signal = AbortSignal.any([callSignal, lifetime]);
    const timedOut = () => callSignal.aborted && !lifetime.aborted;
    for (const hook of this.requestHooks) hook({ verb, resource: def.resource, path });
    this.log(`GET ${path.replace(/([?&]continue=)[^&]+/, '$1…')}`);
    const opts: https.RequestOptions = { method: 'GET', headers: { Accept: accept, 'User-Agent': 'kubevirt-migrationpolicy' } };
    try {
      await abortable(conn.kc.applyToHTTPSOptions(opts), signal);
    } catch (e) {
      if (timedOut()) throw new ApiFault('unreachable', `The credentials of context ${conn.context} were not ready within ${seconds(this.options.timeoutMs)} (exec plugin?)`);
      if (signal.aborted) throw new ApiFault('stopped', 'stopped');
      throw new ApiFault('unauthorized', this.redact(`Cannot get credentials for context ${conn.context}: ${clip(this.redact(String((e as Error)?.message ?? e).split('\n')[0]))}`));
    }
    this.collectRequestSecrets(opts);
    const url = new URL(conn.server + path);
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      // Required here, not at the top: the server answers `initialize` without loading node:http, https and tls.
      const lib: typeof https = url.protocol === 'http:' ? require('node:http') : require('node:https');
      const req = lib.request(url, { ...opts, method: 'GET', signal }, resolve);
      req.on('error', (e) => reject(this.networkFault(e, verb, def, timedOut(), { server: conn.server, lifetime })));
      req.end();
    });
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return res;
    let text = '';
    try {
      res.setEncoding('utf8');
      for await (const chunk of res as AsyncIterable<string>) {
        if (text.length < 64_000) text += chunk;
      }
    } catch {
      // The status line says enough.
    }
    throw this.httpFault(status, text, verb, def, conn);
  }

  /** The fault of a non-2xx answer; `conn` is the connection the call was sent with (a refresh may have replaced or dropped `this.conn` since). */
  private httpFault(status: number, text: string, verb: string, def: ResourceDef, conn: Connection): ApiFault {
    // client-go's exec authenticator: a 401 is what makes cached exec credentials be fetched again.
    if (status === 401) this.forgetCredentials();
    let detail = '';
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (typeof body?.message === 'string') detail = body.message;
    } catch {
      detail = text.trim().split('\n')[0] ?? '';
    }
    detail = clip(this.redact(detail));
    const what = `${verb} ${def.resource} at the cluster scope`;
    switch (status) {
      case 401: return new ApiFault('unauthorized', `The server rejected the credentials of context ${conn.context} (401 Unauthorized)${detail ? `: ${detail}` : ''}`);
      case 403: return new ApiFault('forbidden', `Not allowed to ${what} (403 Forbidden)${detail ? `: ${detail}` : ''}`, verb, def.resource);
      case 404: return new ApiFault('notFound', `The cluster does not serve ${def.resource} (404): is KubeVirt installed?`);
      case 410: return new ApiFault('gone', `${what}: 410 Gone${detail ? `: ${detail}` : ''}`);
      default: return new ApiFault('error', `The server answered ${status} to ${what}${detail ? `: ${detail}` : ''}`);
    }
  }

  /** The server and lifetime a call starts under: a refresh may drop `this.conn` and replace the lifetime before its answer comes. */
  private callContext(): CallContext {
    return { server: this.conn?.server ?? 'the server', lifetime: this.options.lifetime() };
  }

  /** The fault of a failed request; `call` is what the call started under (by default, what holds now). */
  networkFault(e: unknown, verb: string, def: ResourceDef, timedOut = false, call: CallContext = this.callContext()): ApiFault {
    if (e instanceof ApiFault) return e;
    const { server } = call;
    if (timedOut) return new ApiFault('unreachable', `No answer from ${server} within ${seconds(this.options.timeoutMs)} (${verb} ${def.resource})`);
    if (call.lifetime.aborted) return new ApiFault('stopped', 'stopped');
    const err = e as NodeJS.ErrnoException;
    const code = err?.code ?? '';
    if (NETWORK_CODES[code]) return new ApiFault('unreachable', `Cannot reach ${server}: ${NETWORK_CODES[code]} (${code})`);
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code)) {
      return new ApiFault('error', `TLS failure talking to ${server}: ${clip(this.redact(err.message))} (${code}): check the kubeconfig's certificate authority`);
    }
    return new ApiFault('unreachable', this.redact(`Cannot reach ${server}: ${clip(this.redact(String(err?.message ?? e)))}${code ? ` (${code})` : ''}`));
  }

  /** Any failure as an ApiFault with every known credential removed from its message (before it is clipped: a cut credential no longer matches). */
  toFault(e: unknown): ApiFault {
    if (e instanceof ApiFault) return new ApiFault(e.kind, this.redact(e.message), e.verb, e.resource);
    return new ApiFault('error', this.redact(`Unexpected failure: ${clip(this.redact(String((e as Error)?.message ?? e)))}`));
  }

  private collectConfigSecrets(kc: KubeConfig): void {
    for (const u of kc.getUsers()) for (const s of [u.token, u.password, u.keyData]) this.addSecret(s);
  }

  private collectRequestSecrets(opts: https.RequestOptions): void {
    const auth = (opts.headers as Record<string, unknown> | undefined)?.Authorization;
    if (typeof auth === 'string') {
      this.addSecret(auth);
      this.addSecret(auth.replace(/^\S+\s+/, ''));
    }
    if (typeof opts.auth === 'string') this.addSecret(opts.auth);
    for (const k of [opts.key].flat()) if (k !== undefined) this.addSecret(Buffer.isBuffer(k) ? k.toString('utf8') : typeof k === 'string' ? k : undefined);
  }

  private addSecret(s: string | undefined): void {
    if (s && s.length >= 6) this.secrets.add(s);
  }

  /** Removes every known credential from a message. */
  private redact(message: string): string {
    let out = message;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('***');
    return out;
  }

  /** Logs a line with every known credential removed. */
  log(message: string): void {
    try {
      this.options.log?.(this.redact(message));
    } catch {
      // A failing logger must not break loading.
    }
  }
}

export function mebibytes(bytes: number): string {
  return `${+(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Checks the shape of a list answer and names what is wrong. */
export function asListBody(body: unknown, what: string): { items: Record<string, unknown>[]; continue: string; resourceVersion: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiFault('error', `Malformed answer to ${what}: not a JSON object`);
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.items) && b.items !== null && b.items !== undefined) throw new ApiFault('error', `Malformed answer to ${what}: "items" is not a list`);
  const items = (Array.isArray(b.items) ? b.items : []) as unknown[];
  if (items.some((i) => i === null || typeof i !== 'object' || Array.isArray(i))) throw new ApiFault('error', `Malformed answer to ${what}: an item is not an object`);
  const meta = asRecord(b.metadata);
  return {
    items: items as Record<string, unknown>[],
    continue: typeof meta.continue === 'string' ? meta.continue : '',
    resourceVersion: typeof meta.resourceVersion === 'string' ? meta.resourceVersion : '',
  };
}

export function parseWatchLine(line: string, resource: string): { type: string; object: Record<string, unknown> } {
  let ev: unknown;
  try {
    ev = JSON.parse(line);
  } catch (e) {
    throw new ApiFault('error', `Malformed watch event for ${resource}: invalid JSON (${clip((e as Error).message)})`);
  }
  const r = asRecord(ev);
  if (typeof r.type !== 'string' || asRecord(r.object) !== r.object) throw new ApiFault('error', `Malformed watch event for ${resource}: no "type" and "object"`);
  return { type: r.type, object: r.object as Record<string, unknown> };
}
