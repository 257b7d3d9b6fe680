// The language server over stdio while its live cluster misbehaves: for each fault of the first reading
// (refused, slow, 401, 403, 500, truncated JSON, an untrusted certificate, a too-large answer) a fresh
// server is typed at (an edit, then completion, hover, code lens and inlay hints at once) while the
// fault lasts. Every request is answered, the status shows the fault and when the next try is, and
// once the fault clears the server reaches ready by itself (no Refresh). Each test prints the worst
// request latency it saw (t.diagnostic); TESTING.md quotes them. Nothing here asserts a time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { freePort, makeCertificates, writeKubeconfig } from '../support/apiserver';
import { sendJson, startFaultServer, status } from '../support/faultServer';
import type { FaultServer, SeenRequest } from '../support/faultServer';
import { DEFAULT_CAPABILITIES, startClient } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';

const NS = '/api/v1/namespaces';
const VMIS = '/apis/kubevirt.io/v1/virtualmachineinstances';
const URI = 'file:///workspace/policy.yaml';
const TEXT = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: prod-db\nspec:\n  selectors:\n    namespaceSelector:\n      env: prod\n  bandwidthPerMigration: 64Mi\n  completionTimeoutPerGiB: 150\n';
const REQUESTS = ['completion', 'hover', 'codeLens', 'inlayHint'] as const;

interface Status {
  state: { kind: string; message?: string };
  nextRetryAt?: string;
  counts?: { namespaces: number; vmis: number; policies: number };
}

let fault: FaultServer;

const lastStatus = (client: TestClient) => client.statuses.at(-1) as Status | undefined;

/** Resolves once the latest status satisfies `predicate`; rejects after `timeoutMs`. */
async function waitForLatest(client: TestClient, predicate: (s: Status) => boolean, timeoutMs: number, what: string): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = lastStatus(client);
    if (s && predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms; last status ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One edit, then each request at once; returns each request's latency (ms). */
async function typeAndAsk(client: TestClient, version: number): Promise<Record<(typeof REQUESTS)[number], number>> {
  const digit = String(version % 10);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [{ range: { start: { line: 9, character: 28 }, end: { line: 9, character: 29 } }, text: digit }] });
  const timed = async (method: string, params: unknown) => {
    const started = performance.now();
    await client.connection.sendRequest(method, params);
    return performance.now() - started;
  };
  const doc = { textDocument: { uri: URI } };
  return {
    completion: await timed('textDocument/completion', { ...doc, position: { line: 8, character: 2 } }),
    hover: await timed('textDocument/hover', { ...doc, position: { line: 8, character: 4 } }),
    codeLens: await timed('textDocument/codeLens', doc),
    inlayHint: await timed('textDocument/inlayHint', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } }),
  };
}

interface FaultCase {
  /** The state shown while the fault lasts, and what its message says. */
  expected: string;
  message?: RegExp;
  /** How long to keep typing once that state shows (the slow fault: while the reading hangs). */
  typeForMs?: number;
  fail?: (r: SeenRequest, res: http.ServerResponse) => boolean;
  /** A kubeconfig of its own (refused, untrusted certificate), and what clears the fault. */
  setup?: () => Promise<{ kubeconfig: string; heal: () => Promise<void> | void; cleanup?: () => void }>;
}

/** Starts a server under the fault, types while it lasts, clears it, and waits for ready. */
async function underFault(t: TestContext, name: string, c: FaultCase): Promise<void> {
  let failing = true;
  fault.override = c.fail ? (r, res) => failing && c.fail!(r, res) : undefined;
  const own = await c.setup?.();
  // As VS Code does: lenses are refreshed when the cluster changes. (A client without refresh gets its
  // lens answer held until the first reading, at most 5 s: the hanging fault shows that wait.)
  const client = await startClient({ ...DEFAULT_CAPABILITIES, workspace: { ...DEFAULT_CAPABILITIES.workspace, codeLens: { refreshSupport: true } } }, null, { migrationpolicy: { cluster: { source: 'kube', kubeconfig: own?.kubeconfig ?? fault.kubeconfig } } });
  const worst: Record<string, number> = { completion: 0, hover: 0, codeLens: 0, inlayHint: 0 };
  let rounds = 0;
  try {
    const opened = client.nextDiagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    await opened;
    let shownAt: number | undefined;
    const started = Date.now();
    while (shownAt === undefined || Date.now() - shownAt < (c.typeForMs ?? 1500)) {
      const latencies = await typeAndAsk(client, rounds + 2);
      for (const k of REQUESTS) worst[k] = Math.max(worst[k], latencies[k]);
      rounds++;
      const s = lastStatus(client);
      if (shownAt === undefined && (c.expected === 'loading' ? Date.now() - started > 500 : s?.state.kind === c.expected)) shownAt = Date.now();
      if (Date.now() - started > 60_000) throw new Error(`state ${c.expected} not shown within 60 s; last ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const during = lastStatus(client)!;
    assert.equal(during.state.kind, c.expected, `${name}: ${JSON.stringify(during)} ${JSON.stringify(fault.requests.map((r) => [r.path, r.watch, r.query.toString()]))}`);
    if (c.message) assert.match(during.state.message ?? '', c.message, name);
    if (c.expected !== 'loading') {
      assert.ok(during.nextRetryAt, `${name}: the status says when the next try is`);
      // While a retry is in flight no next try is planned yet: ask again for up to 3 s.
      let title = '';
      for (let i = 0; i < 30 && !/next try at/.test(title); i++) {
        if (i) await new Promise((r) => setTimeout(r, 100));
        const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as { command?: { title: string } }[];
        title = lenses[0]?.command?.title ?? '';
      }
      assert.match(title, /; next try at \d\d:\d\d:\d\d$/, `${name}: the lens says when the next try is`);
    }
    failing = false;
    await own?.heal();
    const ready = await waitForLatest(client, (s) => s.state.kind === 'ready', 60_000, `${name}: ready without Refresh`);
    assert.deepEqual(ready.counts, { namespaces: 2, vmis: 1, policies: 1 });
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as { command?: { title: string } }[];
    assert.ok(lenses.some((l) => /1 VMI/.test(l.command?.title ?? '')), `${name}: the lens counts the VMI once healed: ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    assert.doesNotMatch(client.stderr(), /uncaught|unhandled rejection/i);
  } finally {
    await client.stop();
    fault.override = undefined;
    own?.cleanup?.();
  }
  t.diagnostic(`${name}: ${rounds} edits with ${rounds * REQUESTS.length} requests during the fault; worst latency ${REQUESTS.map((k) => `${k} ${worst[k].toFixed(0)} ms`).join(', ')}`);
}

describe('the language server while its cluster misbehaves', () => {
  before(async () => {
    fault = await startFaultServer();
  });
  after(async () => {
    await fault.close();
  });

  test('connection refused, until something listens', async (t) => {
    const port = await freePort();
    const target = Number(new URL(fault.url).port);
    const proxy = net.createServer((socket) => {
      const upstream = net.connect(target, '127.0.0.1');
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    });
    const kubeconfig = writeKubeconfig(path.join(path.dirname(fault.kubeconfig), 'refused.kubeconfig'), `https://127.0.0.1:${port}`, fault.caCert, { refused: { token: fault.token } });
    await underFault(t, 'refused', { expected: 'unreachable', setup: async () => ({ kubeconfig, heal: () => new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', () => resolve())), cleanup: () => proxy.close() }) });
  });

  test('no answer (the first list hangs)', (t) => underFault(t, 'slow', { expected: 'loading', typeForMs: 3000, fail: (r) => r.path === NS && !r.watch }));
  test('401', (t) => underFault(t, '401', { expected: 'unauthorized', fail: (_r, res) => (sendJson(res, 401, status(401, 'Unauthorized', 'Unauthorized')), true) }));
  test('403', (t) => underFault(t, '403', { expected: 'forbidden', fail: (r, res) => (r.path === NS ? (sendJson(res, 403, status(403, 'Forbidden', 'namespaces is forbidden')), true) : false) }));
  test('500', (t) => underFault(t, '500', { expected: 'error', fail: (r, res) => (r.path === VMIS && !r.watch ? (sendJson(res, 500, status(500, 'InternalError', 'etcd')), true) : false) }));
  test('truncated JSON', (t) => underFault(t, 'truncated JSON', { expected: 'error', fail: (r, res) => (r.path === NS && !r.watch ? (sendJson(res, 200, '{"kind":"List","items":[{"metad'), true) : false) }));

  test('an untrusted certificate, until the kubeconfig trusts the right CA', async (t) => {
    const dir = fs.mkdtempSync(path.join(path.dirname(fault.kubeconfig), 'untrusted-'));
    const other = makeCertificates(dir);
    const kubeconfig = writeKubeconfig(path.join(dir, 'config'), fault.url, other.caCert, { ca: { token: fault.token } });
    await underFault(t, 'untrusted certificate', { expected: 'error', setup: async () => ({ kubeconfig, heal: () => void writeKubeconfig(kubeconfig, fault.url, fault.caCert, { ca: { token: fault.token } }) }) });
  });

  test('an answer larger than 64 MiB, refused while it streams', async (t) => {
    await underFault(t, 'too-large answer', {
      expected: 'error',
      message: /^The answer to list virtualmachineinstances\.kubevirt\.io is larger than 64 MiB and was not read/,
      fail: (r, res) => {
        if (r.path !== VMIS || r.watch) return false;
        let sent = 0;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"kind":"List","metadata":{},"items":[');
        const chunk = `${JSON.stringify({ metadata: { name: 'x'.repeat(200), namespace: 'prod' } })},`.repeat(400);
        const limit = 80 * 1024 * 1024;
        const pump = () => {
          while (!res.destroyed && sent < limit && res.write(chunk)) sent += chunk.length;
          if (!res.destroyed && sent < limit) res.once('drain', pump);
        };
        res.on('error', () => undefined);
        pump();
        return true;
      },
    });
  });
});
