// Healing by itself: after each fault of the first reading (refused, slow, 401, 403, 500, truncated
// JSON, an untrusted certificate) the live source tries again with a capped, jittered backoff and,
// once the fault clears, reaches ready without the Refresh command. The status says when the next try is.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { LiveClusterSource, retryDelay, type LiveClusterOptions } from '../../server/src/cluster/live';
import type { SourceState } from '../../server/src/cluster/types';
import { describeClusterState } from '../../server/src/features/codeLens';
import { freePort, makeCertificates, writeKubeconfig } from '../support/apiserver';
import { sendJson, status, useFaultServer, waitForSource, type FaultServer, type SeenRequest } from '../support/faultServer';
import type * as http from 'node:http';

const NS = '/api/v1/namespaces';
const VMIS = '/apis/kubevirt.io/v1/virtualmachineinstances';

let fault: FaultServer;
const sources: LiveClusterSource[] = [];

function source(options: LiveClusterOptions = {}): LiveClusterSource {
  const s = new LiveClusterSource({ kubeconfig: fault.kubeconfig, timeoutMs: 3000, coalesceMs: 20, retry: { initialMs: 100, maxMs: 400 }, ...options });
  sources.push(s);
  return s;
}

test('retryDelay doubles from 800 ms to the 30 s cap, with up to as much again as jitter', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelay(n, 800, 30_000, () => 0)), [800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000]);
  assert.equal(retryDelay(1, 800, 30_000, () => 0.999), 1599);
  assert.equal(retryDelay(9, 800, 30_000, () => 0.5), 45000);
});

describe('a failed first reading heals without Refresh', () => {
  useFaultServer((server) => (fault = server), sources);

  /** Fails the first reading with `fail` until `healed`, then checks the source recovers by itself. */
  async function healsAfter(expected: SourceState['kind'], fail: (r: SeenRequest, res: http.ServerResponse) => boolean, options: LiveClusterOptions = {}, heal?: () => void | Promise<void>) {
    let failing = true;
    fault.override = (r, res) => failing && fail(r, res);
    const s = source(options);
    s.start();
    await waitForSource(s, () => s.status().state.kind === expected, 15000, expected);
    const during = s.status();
    assert.ok(during.nextRetryAt, 'the status says when the next try is');
    assert.ok(Date.parse(during.nextRetryAt!) > Date.now() - 1000);
    assert.match(describeClusterState(during) ?? '', /; next try at \d\d:\d\d:\d\d$/);
    // It keeps trying (and keeps showing the fault, not "loading") while the fault lasts.
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(s.status().state.kind, expected);
    failing = false;
    await heal?.();
    await waitForSource(s, () => s.status().state.kind === 'ready', 15000, `ready after ${expected}`);
    assert.deepEqual(s.status().counts, { namespaces: 2, vmis: 1, policies: 1 });
    assert.equal(s.status().nextRetryAt, undefined);
    s.stop();
  }

  test('500', () => healsAfter('error', (r, res) => (r.path === VMIS && !r.watch ? (sendJson(res, 500, status(500, 'InternalError', 'etcd')), true) : false)));
  test('401', () => healsAfter('unauthorized', (_r, res) => (sendJson(res, 401, status(401, 'Unauthorized', 'Unauthorized')), true)));
  test('403', () => healsAfter('forbidden', (r, res) => (r.path === NS ? (sendJson(res, 403, status(403, 'Forbidden', 'namespaces is forbidden')), true) : false)));
  test('truncated JSON', () => healsAfter('error', (r, res) => (r.path === NS && !r.watch ? (sendJson(res, 200, '{"kind":"List","items":[{"metad'), true) : false)));
  test('slow (no answer within the timeout)', () => healsAfter('unreachable', (r) => r.path === NS && !r.watch, { timeoutMs: 400 }));

  test('refused, until something listens on the port', async () => {
    const port = await freePort();
    const kubeconfig = path.join(path.dirname(fault.kubeconfig), 'later.kubeconfig');
    writeKubeconfig(kubeconfig, `https://127.0.0.1:${port}`, fault.caCert, { later: { token: fault.token } });
    const target = Number(new URL(fault.url).port);
    const proxy = net.createServer((socket) => socket.pipe(net.connect(target, '127.0.0.1')).pipe(socket));
    try {
      await healsAfter('unreachable', () => false, { kubeconfig }, () => new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', () => resolve())));
    } finally {
      proxy.close();
    }
  });

  test('an answer larger than the limit is refused while it streams, with a message saying so', async () => {
    let sent = 0;
    fault.override = (r, res) => {
      if (r.path !== VMIS || r.watch) return false;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"kind":"List","metadata":{},"items":[');
      const chunk = `${JSON.stringify({ metadata: { name: 'x'.repeat(200), namespace: 'prod' } })},`.repeat(200);
      const pump = () => {
        while (!res.destroyed && sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed && sent < 64 * 1024 * 1024) res.once('drain', pump);
      };
      res.on('error', () => undefined);
      pump();
      return true;
    };
    const s = source({ maxResponseBytes: 1024 * 1024 });
    s.start();
    await waitForSource(s, () => s.status().state.kind === 'error', 15000, 'error');
    assert.deepEqual(s.status().state, { kind: 'error', message: 'The answer to list virtualmachineinstances.kubevirt.io is larger than 1 MiB and was not read (does the server ignore the page size limit=500?)' });
    assert.ok(sent < 8 * 1024 * 1024, `the server got to send only ${sent} bytes before the source hung up`);
    s.stop();
  });

  test('an exec plugin without expirationTimestamp runs once, not once per request; a 401 runs it again', async () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(fault.kubeconfig), 'exec-'));
    const runs = path.join(dir, 'runs');
    const script = `require('fs').appendFileSync(${JSON.stringify(runs)}, 'x'); process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: ${JSON.stringify(fault.token)} } }))`;
    const kubeconfig = writeKubeconfig(path.join(dir, 'config'), fault.url, fault.caCert, { plugin: { exec: { command: process.execPath, args: ['-e', script] } } });
    const s = source({ kubeconfig });
    s.start();
    await waitForSource(s, () => s.status().state.kind === 'ready' && fault.requests.filter((r) => r.watch).length === 3, 15000, 'ready and watching');
    assert.ok(fault.requests.length >= 7, `${fault.requests.length} requests`);
    assert.equal(fs.readFileSync(runs, 'utf8').length, 1, 'one run for every GET');
    s.stop();
    let rejected = false;
    fault.override = (r, res) => (!rejected && r.path === NS ? ((rejected = true), sendJson(res, 401, status(401, 'Unauthorized', 'Unauthorized')), true) : false);
    const again = source({ kubeconfig });
    again.start();
    await waitForSource(again, () => again.status().state.kind === 'ready', 15000, 'ready after a 401');
    assert.equal(fs.readFileSync(runs, 'utf8').length, 3, 'the second source ran it once, and once more after the 401');
    again.stop();
  });

  test('an exec plugin that hangs past the timeout is killed', async () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(fault.kubeconfig), 'hang-'));
    const pidFile = path.join(dir, 'pid');
    // A shell plugin: it writes its pid within milliseconds even on a busy machine (node's own start-up can
    // take longer than the 0.5 s timeout there, and then it is killed before it says it started).
    const kubeconfig = writeKubeconfig(path.join(dir, 'config'), fault.url, fault.caCert, { hang: { exec: { command: '/bin/sh', args: ['-c', `echo $$ > '${pidFile}'; exec sleep 60`] } } });
    const s = source({ kubeconfig, timeoutMs: 500 });
    s.start();
    await waitForSource(s, () => s.status().state.kind === 'unreachable', 15000, 'unreachable');
    await waitForSource(s, () => fs.existsSync(pidFile), 5000, 'plugin started');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await waitForSource(s, () => !alive(), 5000, `plugin ${pid} killed`);
    s.stop();
  });

  test('an untrusted certificate, until the kubeconfig trusts the right CA', async () => {
    const other = makeCertificates(fs.mkdtempSync(path.join(path.dirname(fault.kubeconfig), 'other-ca-')));
    const kubeconfig = path.join(path.dirname(fault.kubeconfig), 'ca.kubeconfig');
    writeKubeconfig(kubeconfig, fault.url, other.caCert, { ca: { token: fault.token } });
    await healsAfter('error', () => false, { kubeconfig }, () => void writeKubeconfig(kubeconfig, fault.url, fault.caCert, { ca: { token: fault.token } }));
  });
});
