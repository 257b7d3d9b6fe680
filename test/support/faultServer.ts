// A small HTTPS server that speaks just enough of the Kubernetes API (lists and watches of namespaces,
// VMIs, MigrationPolicies, KubeVirt) to misbehave on purpose: slow answers, 500s, 410 Gone, bad JSON.
// Tests replace one answer at a time with `override`; everything else gets a well-formed default.
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { makeCertificates, writeKubeconfig } from './apiserver';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  watch: boolean;
  accept: string;
  authorization: string;
  /** When it arrived (Date.now()). */
  at: number;
}

/** The default data: two namespaces, one VMI, one policy, no KubeVirt CRD. */
export const DEFAULT_ITEMS: Record<string, unknown[]> = {
  '/api/v1/namespaces': [
    { metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } } },
    { metadata: { name: 'prod', labels: { 'kubernetes.io/metadata.name': 'prod', env: 'prod' } } },
  ],
  '/apis/kubevirt.io/v1/virtualmachineinstances': [
    { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'vm1', namespace: 'prod', labels: { app: 'db' } } },
  ],
  '/apis/migrations.kubevirt.io/v1alpha1/migrationpolicies': [
    { metadata: { name: 'p1' }, spec: { selectors: { namespaceSelector: { env: 'prod' } } } },
  ],
};

export interface FaultServer {
  url: string;
  token: string;
  /** The PEM of the CA that signed the server's certificate. */
  caCert: string;
  /** A kubeconfig (token user, the server's CA) pointing at this server. */
  kubeconfig: string;
  requests: SeenRequest[];
  /** Answers a request itself when it returns true; otherwise the default answer is sent. */
  override: ((req: SeenRequest, res: http.ServerResponse) => boolean) | undefined;
  /** Sends one watch event to every open watch of `apiPath`. */
  sendEvent(apiPath: string, event: unknown): void;
  /** Requests seen for a path, optionally only lists or only watches. */
  count(apiPath: string, kind?: 'list' | 'watch'): number;
  close(): Promise<void>;
}

/** Writes a JSON answer. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A Kubernetes Status object. */
export function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** Starts the server on a free loopback port with a fresh self-signed certificate (RSA keys unless `keys` is 'ec'). */
export async function startFaultServer(keys: 'rsa' | 'ec' = 'rsa'): Promise<FaultServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-fault-'));
  const certs = makeCertificates(dir, undefined, keys);
  const token = `fault-token-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const requests: SeenRequest[] = [];
  const watches = new Map<string, Set<http.ServerResponse>>();
  let rv = 100;
  const server = https.createServer({ key: certs.serverKey, cert: certs.serverCert });
  const fault: FaultServer = {
    url: '',
    token,
    caCert: certs.caCert,
    kubeconfig: '',
    requests,
    override: undefined,
    sendEvent(apiPath, event) {
      for (const res of watches.get(apiPath) ?? []) res.write(`${JSON.stringify(event)}\n`);
    },
    count: (apiPath, kind) => requests.filter((r) => r.path === apiPath && (kind === undefined || (kind === 'watch') === r.watch)).length,
    close: async () => {
      for (const set of watches.values()) for (const res of set) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const seen: SeenRequest = {
      method: req.method ?? '', path: url.pathname, query: url.searchParams, watch: url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true',
      accept: String(req.headers.accept ?? ''), authorization: String(req.headers.authorization ?? ''), at: Date.now(),
    };
    requests.push(seen);
    if (fault.override?.(seen, res)) return;
    if (seen.authorization !== `Bearer ${token}`) return sendJson(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    const items = DEFAULT_ITEMS[seen.path];
    if (!items) return sendJson(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    if (seen.watch) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      const set = watches.get(seen.path) ?? new Set();
      watches.set(seen.path, set);
      set.add(res);
      res.on('close', () => set.delete(res));
      return;
    }
    sendJson(res, 200, { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: String(++rv) }, items });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fault.url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  fault.kubeconfig = writeKubeconfig(path.join(dir, 'kubeconfig'), fault.url, certs.caCert, { fault: { token } });
  return fault;
}

/**
 * One fault server for the suite this is called in: started before its tests and handed to `started`,
 * closed after them (every source in `sources` stopped first), and reset before each test (no override,
 * no requests seen; with `stopBetween`, the earlier tests' sources stopped too, since a failed source
 * keeps retrying by itself and its requests would count in the next test).
 */
export function useFaultServer(started: (server: FaultServer) => void, sources: { stop(): void }[], { stopBetween = false, keys = 'rsa' as 'rsa' | 'ec' } = {}): void {
  let server: FaultServer;
  before(async () => {
    server = await startFaultServer(keys);
    started(server);
  });
  after(async () => {
    for (const s of sources) s.stop();
    await server.close();
  });
  beforeEach(() => {
    if (stopBetween) for (const s of sources.splice(0)) s.stop();
    server.override = undefined;
    server.requests.length = 0;
  });
}

/**
 * A fault server and a scratch folder (`prefix` + random, under the system's temp folder) for the suite
 * this is called in: both made before its tests and handed to `started`, the server closed and the
 * folder removed after them. Nothing is reset between tests (useFaultServer does that).
 */
export function useFaultServerAndDir(prefix: string, started: (server: FaultServer, dir: string) => void): void {
  let server: FaultServer | undefined;
  let dir = '';
  before(async () => {
    server = await startFaultServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    started(server, dir);
  });
  after(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** Resolves once `ready()` holds, checked after every change of the source and every 20 ms; rejects after `timeoutMs`. */
export function waitForSource(
  source: { onChange(l: () => void): { dispose(): void }; status(): { state: unknown } },
  ready: () => boolean,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      clearInterval(poll);
      sub.dispose();
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      let ok = false;
      try {
        ok = ready();
      } catch {
        ok = false;
      }
      if (ok) finish();
    };
    const poll = setInterval(check, 20);
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; state: ${JSON.stringify(source.status().state)}`)), timeoutMs);
    const sub = source.onChange(check);
    check();
  });
}
