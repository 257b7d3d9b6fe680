// LiveClusterSource (cluster/live.ts) in the unit tier: a source pointed at test/support/faultServer.ts (a real
// node:https server on a free port, certificate made by openssl for this run), with every state change, log
// line and request recorded, and Math.random pinned to 0 while a suite runs so backoff delays are exact.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as http from 'node:http';
import { after, before, beforeEach } from 'node:test';
import { LiveClusterSource, type LiveClusterOptions } from '../../server/src/cluster/live';
import { sendJson, useFaultServer, type FaultServer, type SeenRequest } from './faultServer';

export const NS = '/api/v1/namespaces';
export const VMIS = '/apis/kubevirt.io/v1/virtualmachineinstances';
export const POLICIES = '/apis/migrations.kubevirt.io/v1alpha1/migrationpolicies';
export const KUBEVIRTS = '/apis/kubevirt.io/v1/kubevirts';

const hasOpenssl = (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, 'openssl')));
export const skipWithoutOpenssl = hasOpenssl ? false : 'openssl is not installed (apt-get install -y openssl): the test server needs a certificate';

/** A Kubernetes list answer. */
export const list = (items: unknown[], rv: string, cont?: string) => ({ kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: rv, ...(cont ? { continue: cont } : {}) }, items });
export const vmi = (namespace: string, name: string, labels: Record<string, string> = {}) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name, namespace, labels } });

export interface Recorded {
  source: LiveClusterSource;
  /** status().state after each change, as JSON. */
  states: string[];
}

export interface LiveHarness {
  readonly fault: FaultServer;
  logs: string[];
  make(options?: LiveClusterOptions): Recorded;
  /** Answers lists (and gets) of `apiPath` with `answer(req)`: a body (200) or [status, body]; undefined falls through to the default. */
  answer(routes: Record<string, (r: SeenRequest, res: http.ServerResponse) => unknown>): void;
  /** Requests of `apiPath` (lists, or watches) as `path?query`. */
  seen(apiPath: string, watch?: boolean): string[];
}

/** One fault server for the suite, sources stopped between tests, Math.random() = 0 inside the suite. */
export function useLiveHarness(): LiveHarness {
  const sources: LiveClusterSource[] = [];
  let server: FaultServer | undefined;
  const h: LiveHarness = {
    get fault(): FaultServer {
      if (!server) throw new Error('the fault server is not started');
      return server;
    },
    logs: [],
    make(options = {}) {
      const source = new LiveClusterSource({ kubeconfig: h.fault.kubeconfig, timeoutMs: 2000, coalesceMs: 10, log: (m) => h.logs.push(m), ...options });
      const states: string[] = [];
      source.onChange(() => states.push(JSON.stringify(source.status().state)));
      sources.push(source);
      return { source, states };
    },
    answer(routes) {
      h.fault.override = (r, res) => {
        const route = routes[r.path];
        if (!route) return false;
        const out = route(r, res);
        if (out === undefined) return false;
        if (out === true) return true;
        if (Array.isArray(out) && typeof out[0] === 'number') sendJson(res, out[0], out[1]);
        else sendJson(res, 200, out);
        return true;
      };
    },
    seen(apiPath, watch = false) {
      return h.fault.requests.filter((r) => r.path === apiPath && r.watch === watch).map((r) => `${r.path}?${r.query.toString()}`);
    },
  };
  useFaultServer((s) => (server = s), sources, { stopBetween: true, keys: 'ec' });
  const random = Math.random;
  before(async () => {
    Math.random = () => 0;
    // Load @kubernetes/client-node before the first test (kubeconfig.ts imports it lazily, at the first
    // connect): on a loaded machine the import alone took 11 s, more than a first reading's 10 s budget.
    await import('@kubernetes/client-node/dist/config.js');
  });
  beforeEach(() => {
    h.logs.length = 0;
  });
  after(() => {
    Math.random = random;
  });
  return h;
}

/** Resolves once `ok()` holds (checked every 5 ms); rejects after `ms` naming `what`. */
export async function until(ok: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
