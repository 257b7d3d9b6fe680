// cluster/kubeApi.ts: a call names the connection it was sent with, not the one the client holds when the
// answer comes (a refresh disconnects, the next reading connects again, maybe to another context, while a
// call of the previous reading still waits for its answer). Against test/support/faultServer.ts: the server
// holds a 401 answer until the test has disconnected or connected again, then ends it. Ordered by events.
// The last case is the way a user met it: the drift command's read of the recorded migrations
// (LiveClusterSource.readFullVmis) answered 401 after the source's own reading failed and dropped the connection.
// The same holds for the lifetime: a call that a refresh ends (the old lifetime aborted, a new one given out)
// ends as stopped, not as "Cannot reach … (ABORT_ERR)".
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { KubeApi, RESOURCES, type KubeApiOptions } from '../../server/src/cluster/kubeApi';
import { LiveClusterSource } from '../../server/src/cluster/live';
import type { ClusterView } from '../../server/src/features/clusterView';
import type { ClusterManager } from '../../server/src/lsp/cluster';
import { driftAnswer } from '../../server/src/lsp/workloads';
import { faultOf } from '../support/apiFaults';
import { writeKubeconfig } from '../support/apiserver';
import { sendJson, status, useFaultServerAndDir, type FaultServer } from '../support/faultServer';
import { skipWithoutOpenssl } from '../support/liveHarness';
import { until } from '../support/wait';

const NS = RESOURCES.namespaces;
const options = (): KubeApiOptions => ({ timeoutMs: 60_000, maxResponseBytes: 1024 * 1024, limit: 500, lifetime: () => new AbortController().signal });
const UNAUTHORIZED = JSON.stringify(status(401, 'Unauthorized', 'Unauthorized'));

describe('KubeApi: a 401 answered after a refresh names the context the call was sent with', { skip: skipWithoutOpenssl }, () => {
  let fault: FaultServer;
  let dir = '';
  useFaultServerAndDir('mp-kaoc-', (server, scratch) => ((fault = server), (dir = scratch)));

  /** Sends a list whose 401 answer the server holds (status line sent, body not ended); resolves to the call and a function ending the answer. */
  const heldCall = async (api: KubeApi) => {
    let held: http.ServerResponse | undefined;
    fault.requests.length = 0;
    fault.override = (_r, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      held = res;
      return true;
    };
    const call = faultOf(api.getJson('list', NS, NS.path, NS.accept));
    await until('the held list', async () => held);
    fault.override = undefined;
    return { call, end: () => held?.end(UNAUTHORIZED) };
  };

  test('disconnected during the call: the message names the context, not an empty name', async () => {
    const api = new KubeApi(options());
    await api.connect(fault.kubeconfig, undefined);
    const { call, end } = await heldCall(api);
    api.disconnect();
    end();
    assert.deepEqual(await call, { kind: 'unauthorized', message: 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized' });
    assert.equal(fault.requests.length, 1);
  });

  test('connected again to another context during the call: the message names the call\'s context, not the new one', async () => {
    const other = writeKubeconfig(path.join(dir, 'other'), fault.url, fault.caCert, { other: { token: fault.token } });
    const api = new KubeApi(options());
    await api.connect(fault.kubeconfig, undefined);
    const { call, end } = await heldCall(api);
    api.disconnect();
    assert.equal((await api.connect(other, undefined)).context, 'other');
    end();
    assert.deepEqual(await call, { kind: 'unauthorized', message: 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized' });
    // The new connection answers under its own name.
    fault.override = (_r, res) => (res.writeHead(401, { 'Content-Type': 'application/json' }), res.end(UNAUTHORIZED), true);
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'unauthorized', message: 'The server rejected the credentials of context other (401 Unauthorized): Unauthorized' });
    fault.override = undefined;
  });

  test('drift\'s read of the recorded migrations, answered 401 after the source\'s reading failed and dropped the connection: the message names the context', async () => {
    const logs: string[] = [];
    const source = new LiveClusterSource({ kubeconfig: fault.kubeconfig, watch: false, retry: { initialMs: 60_000, maxMs: 60_000 }, log: (m) => logs.push(m) });
    let namespaces: http.ServerResponse | undefined;
    let vmis: http.ServerResponse | undefined;
    fault.override = (r, res) => {
      if (r.path === NS.path && !namespaces) return ((namespaces = res), true);
      if (r.path === RESOURCES.vmis.path && r.query.get('limit') === '7' && !vmis) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        return ((vmis = res), true);
      }
      return false;
    };
    try {
      source.start();
      await until('the source\'s namespaces list', async () => namespaces);
      const read = source.readFullVmis((o) => o, 7).then(() => 'read', (e: Error) => e.message);
      await until('the full VMI list', async () => vmis);
      sendJson(namespaces!, 500, status(500, 'InternalError', 'etcd is down'));
      await until('the failed reading', async () => (logs.some((l) => l.startsWith('loading failed')) ? true : undefined));
      assert.equal(source.status().state.kind, 'error');
      vmis!.end(UNAUTHORIZED);
      assert.equal(await read, 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized');
    } finally {
      source.stop();
      fault.override = undefined;
    }
  });

  /** A KubeApi whose lifetime is replaced as LiveClusterSource's refresh replaces it: the old one aborted, a new one given out. */
  const refreshable = () => {
    let lifetime = new AbortController();
    const api = new KubeApi({ ...options(), lifetime: () => lifetime.signal });
    const refresh = () => {
      lifetime.abort();
      lifetime = new AbortController();
      api.disconnect();
    };
    return { api, refresh };
  };

  /**
   * A list whose answer the server holds (`hold` writes what the case sends of it first), ended by a
   * refresh once `settle` resolves: the call ends as stopped.
   */
  const refreshedDuringCall = async (hold: (res: http.ServerResponse) => void, settle = async () => {}) => {
    const { api, refresh } = refreshable();
    await api.connect(fault.kubeconfig, undefined);
    let held: http.ServerResponse | undefined;
    fault.override = (_r, res) => {
      hold(res);
      held = res;
      return true;
    };
    try {
      const call = faultOf(api.getJson('list', NS, NS.path, NS.accept));
      await until('the held list', async () => held);
      await settle();
      refresh();
      assert.deepEqual(await call, { kind: 'stopped', message: 'stopped' });
    } finally {
      fault.override = undefined;
      held?.destroy();
    }
  };

  test('a refresh while the call waits for the answer\'s head: the call ends as stopped, not as an unreachable server', () => refreshedDuringCall(() => {}));

  test('a refresh while the call reads the answer\'s body: the call ends as stopped', () =>
    refreshedDuringCall(
      (res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"kind":"NamespaceList","items":[');
      },
      // Time for the head to reach the client, so that the refresh lands in the body's reading (if the
      // machine is too slow for that, the refresh lands before the head: the first case, the same answer).
      () => new Promise((resolve) => setTimeout(resolve, 200)),
    ));

  test('drift\'s read of the recorded migrations, ended by a Refresh while a page is awaited: drift says so, not "Cannot reach"', async () => {
    const source = new LiveClusterSource({ kubeconfig: fault.kubeconfig, watch: false, retry: { initialMs: 60_000, maxMs: 60_000 } });
    let page: http.ServerResponse | undefined;
    fault.override = (r, res) => (r.path === RESOURCES.vmis.path && r.query.get('limit') === '7' && !page ? ((page = res), true) : false);
    try {
      source.start();
      const cluster = { status: () => source.status(), migrationRecords: () => source.readFullVmis((o) => o, 7) } as unknown as ClusterManager;
      const answer = driftAnswer(cluster, { inventory: {}, evaluation: {} } as unknown as ClusterView, 7);
      await until('the full VMI list', async () => page);
      await source.refresh();
      const { error, report } = await answer;
      assert.equal(report, null);
      assert.equal(error, 'the cluster reading was refreshed or stopped while drift read the VMIs: run drift again');
    } finally {
      source.stop();
      fault.override = undefined;
      page?.destroy();
    }
  });
});
