// Faults a real API server will not produce on demand, from our own misbehaving HTTPS server: slow
// answers, 500s, 410 Gone on watch, malformed JSON, refused connections, a hanging exec plugin.
// Each ends in a state within bounded time; nothing hangs, and no credential reaches a message.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LiveClusterSource, type LiveClusterOptions } from '../../server/src/cluster/live';
import type { SourceState } from '../../server/src/cluster/types';
import { freePort, writeKubeconfig } from '../support/apiserver';
import { DEFAULT_ITEMS, sendJson, status, useFaultServer, waitForSource, type FaultServer } from '../support/faultServer';

const NS = '/api/v1/namespaces';
const VMIS = '/apis/kubevirt.io/v1/virtualmachineinstances';
const POLICIES = '/apis/migrations.kubevirt.io/v1alpha1/migrationpolicies';

let fault: FaultServer;
const logs: string[] = [];
const messages: string[] = [];
const sources: LiveClusterSource[] = [];

function source(options: LiveClusterOptions = {}): LiveClusterSource {
  const s = new LiveClusterSource({ kubeconfig: fault.kubeconfig, timeoutMs: 2000, coalesceMs: 20, log: (m) => logs.push(m), ...options });
  s.onChange(() => messages.push(JSON.stringify(s.status())));
  sources.push(s);
  return s;
}

const stateIs = (s: LiveClusterSource, kind: SourceState['kind']) => () => s.status().state.kind === kind;
const list = (items: unknown[], rv = '500') => ({ kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: rv }, items });

describe('live source against a misbehaving server', () => {
  useFaultServer((server) => (fault = server), sources, { stopBetween: true });

  test('well-formed answers load; a missing KubeVirt CRD (404) only means no KubeVirt info', async () => {
    const s = source();
    s.start();
    // The first source loads @kubernetes/client-node (seconds on a busy machine): a generous bound, not a timing test.
    await waitForSource(s, stateIs(s, 'ready'), 20000, 'ready');
    assert.deepEqual(s.status().counts, { namespaces: 2, vmis: 1, policies: 1 });
    assert.equal(s.current()?.kubevirt, undefined);
    assert.deepEqual(s.current()?.vmis, [{ namespace: 'prod', name: 'vm1', labels: { app: 'db' } }]);
    assert.deepEqual(s.description, { kind: 'kube', context: 'fault', server: fault.url });
    const vmiList = fault.requests.find((r) => r.path === VMIS && !r.watch);
    assert.equal(vmiList?.accept, 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json');
    assert.equal(vmiList?.authorization, `Bearer ${fault.token}`);
    await waitForSource(s, () => fault.count(POLICIES, 'watch') === 1, 2000, 'watches');
    assert.ok(fault.requests.every((r) => r.method === 'GET'));
    s.stop();
  });

  test('an answer slower than the timeout ends in unreachable, in bounded time', async () => {
    fault.override = (r) => r.path === NS && !r.watch; // never answers
    const s = source({ timeoutMs: 300 });
    const t0 = Date.now();
    s.start();
    await waitForSource(s, stateIs(s, 'unreachable'), 3000, 'unreachable');
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(s.status().state, { kind: 'unreachable', message: `No answer from ${fault.url} within 0.3 s (list namespaces)` });
    assert.equal(s.current(), undefined);
  });

  test('a 500 ends in error, with the server message', async () => {
    fault.override = (r, res) => {
      if (r.path !== VMIS || r.watch) return false;
      sendJson(res, 500, status(500, 'InternalError', 'etcdserver: request timed out'));
      return true;
    };
    const s = source();
    s.start();
    await waitForSource(s, stateIs(s, 'error'), 5000, 'error');
    assert.deepEqual(s.status().state, { kind: 'error', message: 'The server answered 500 to list virtualmachineinstances.kubevirt.io at the cluster scope: etcdserver: request timed out' });
  });

  test('malformed JSON ends in error naming what was malformed', async () => {
    fault.override = (r, res) => {
      if (r.path !== POLICIES || r.watch) return false;
      sendJson(res, 200, '{"kind":"List","items":[{"metadata":');
      return true;
    };
    const s = source();
    s.start();
    await waitForSource(s, stateIs(s, 'error'), 5000, 'error');
    const state = s.status().state;
    assert.equal(state.kind, 'error');
    assert.match(state.kind === 'error' ? state.message : '', /^Malformed answer to list migrationpolicies\.migrations\.kubevirt\.io: invalid JSON \(.+\)$/);
  });

  test('a list whose items are not a list ends in error saying so', async () => {
    fault.override = (r, res) => {
      if (r.path !== NS || r.watch) return false;
      sendJson(res, 200, { kind: 'NamespaceList', metadata: {}, items: { a: 1 } });
      return true;
    };
    const s = source();
    s.start();
    await waitForSource(s, stateIs(s, 'error'), 5000, 'error');
    assert.deepEqual(s.status().state, { kind: 'error', message: 'Malformed answer to list namespaces: "items" is not a list' });
  });

  test('a refused connection ends in unreachable', async () => {
    const port = await freePort();
    const kubeconfig = path.join(path.dirname(fault.kubeconfig), 'closed.kubeconfig');
    writeKubeconfig(kubeconfig, `https://127.0.0.1:${port}`, fault.caCert, { closed: { token: fault.token } });
    const s = source({ kubeconfig });
    s.start();
    await waitForSource(s, stateIs(s, 'unreachable'), 5000, 'unreachable');
    assert.deepEqual(s.status().state, { kind: 'unreachable', message: `Cannot reach https://127.0.0.1:${port}: connection refused (ECONNREFUSED)` });
  });

  test('a rejected token ends in unauthorized', async () => {
    const kubeconfig = path.join(path.dirname(fault.kubeconfig), 'wrong.kubeconfig');
    fs.writeFileSync(kubeconfig, fs.readFileSync(fault.kubeconfig, 'utf8').replace(fault.token, 'wrong-token-0123456789'));
    const s = source({ kubeconfig });
    s.start();
    await waitForSource(s, stateIs(s, 'unauthorized'), 5000, 'unauthorized');
    assert.deepEqual(s.status().state, { kind: 'unauthorized', message: 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized' });
    assert.ok(!logs.join('\n').includes('wrong-token-0123456789'));
  });

  test('an exec credential plugin that hangs ends in unreachable within the timeout', async () => {
    const kubeconfig = path.join(path.dirname(fault.kubeconfig), 'hang.kubeconfig');
    writeKubeconfig(kubeconfig, fault.url, fault.caCert, { hang: { exec: { command: process.execPath, args: ['-e', 'setTimeout(() => {}, 1500)'] } } });
    const s = source({ kubeconfig, timeoutMs: 300 });
    s.start();
    await waitForSource(s, stateIs(s, 'unreachable'), 3000, 'unreachable');
    assert.deepEqual(s.status().state, { kind: 'unreachable', message: 'The credentials of context hang were not ready within 0.3 s (exec plugin?)' });
    assert.equal(fault.requests.length, 0);
  });

  test('410 Gone on a watch (ERROR event or HTTP status) relists that resource', async () => {
    let policyWatches = 0;
    let nsWatches = 0;
    fault.override = (r, res) => {
      if (r.path === POLICIES && r.watch && ++policyWatches === 1) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`${JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 1 (2)') })}\n`);
        return true;
      }
      if (r.path === POLICIES && !r.watch && fault.count(POLICIES, 'list') === 2) {
        sendJson(res, 200, list([{ metadata: { name: 'p2' }, spec: {} }], '900'));
        return true;
      }
      if (r.path === NS && r.watch && ++nsWatches === 1) {
        sendJson(res, 410, status(410, 'Gone', 'too old'));
        return true;
      }
      return false;
    };
    const s = source();
    s.start();
    await waitForSource(s, () => s.current()?.policies[0]?.name === 'p2', 5000, 'relisted policies');
    await waitForSource(s, () => fault.count(NS, 'list') === 2 && fault.count(NS, 'watch') === 2, 5000, 'relisted namespaces');
    assert.equal(fault.count(POLICIES, 'list'), 2);
    assert.equal(fault.count(VMIS, 'list'), 1);
    await waitForSource(s, () => fault.count(POLICIES, 'watch') === 2, 5000, 'rewatch');
    const rewatch = fault.requests.filter((r) => r.path === POLICIES && r.watch)[1];
    assert.equal(rewatch.query.get('resourceVersion'), '900');
    assert.deepEqual(s.current()?.policies.map((p) => [p.name, p.hasSelectors]), [['p2', false]]);
    assert.equal(s.status().state.kind, 'ready');
    s.stop();
  });

  test('410 Gone on an expired continue token while paging restarts that list from the first page', async () => {
    const vmi = (name: string) => ({ kind: 'PartialObjectMetadata', metadata: { name, namespace: 'prod', labels: { app: 'db' } } });
    let expired = 0;
    fault.override = (r, res) => {
      if (r.path !== VMIS || r.watch) return false;
      assert.equal(r.query.get('limit'), '2');
      const cont = r.query.get('continue');
      if (!cont) sendJson(res, 200, { ...list([vmi('a'), vmi('b')], '700'), metadata: { resourceVersion: '700', continue: `page2-${fault.count(VMIS, 'list')}` } });
      else if (cont === 'page2-1') {
        expired++;
        sendJson(res, 410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'));
      } else sendJson(res, 200, list([vmi('c')], '800'));
      return true;
    };
    const s = source({ limit: 2 });
    // The restart happens inside the list: the source never passes through an error state (a relist
    // after an error would send the same requests).
    const states: string[] = [];
    const logged = logs.length;
    s.onChange(() => states.push(s.status().state.kind));
    s.start();
    await waitForSource(s, stateIs(s, 'ready'), 5000, 'ready');
    assert.deepEqual(states.filter((k) => k !== 'ready' && k !== 'loading'), []);
    assert.deepEqual(logs.slice(logged).filter((m) => /410|expired|error/i.test(m)), []);
    assert.equal(expired, 1);
    assert.deepEqual(fault.requests.filter((r) => r.path === VMIS && !r.watch).map((r) => r.query.get('continue')), [null, 'page2-1', null, 'page2-3']);
    assert.deepEqual(s.current()?.vmis.map((v) => v.name), ['a', 'b', 'c']);
    assert.deepEqual(s.status().counts, { namespaces: 2, vmis: 3, policies: 1 });
    await waitForSource(s, () => fault.count(VMIS, 'watch') === 1, 2000, 'watch');
    assert.equal(fault.requests.find((r) => r.path === VMIS && r.watch)?.query.get('resourceVersion'), '800');
    s.stop();
  });

  test('410 Gone on an expired continue token while reading full VMIs restarts the read from the first page', async () => {
    const vmi = (name: string) => ({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name, namespace: 'prod' }, status: { migrationState: { migrationPolicyName: 'p', completed: true } } });
    fault.override = (r, res) => {
      if (r.path !== VMIS) return false;
      assert.equal(r.query.get('limit'), '2');
      const cont = r.query.get('continue');
      if (!cont) sendJson(res, 200, { ...list([vmi('a'), vmi('b')], '700'), metadata: { resourceVersion: '700', continue: `page2-${fault.count(VMIS, 'list')}` } });
      else if (cont === 'page2-1') sendJson(res, 410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'));
      else sendJson(res, 200, list([vmi('c')], '800'));
      return true;
    };
    const s = source({ watch: false });
    const { items, read, pages } = await s.readFullVmis((o) => (o.metadata as { name: string }).name, 2);
    // Only the second attempt counts: a, b, then c.
    assert.deepEqual([items, read, pages], [['a', 'b', 'c'], 3, 2]);
    assert.deepEqual(fault.requests.filter((r) => r.path === VMIS).map((r) => r.query.get('continue')), [null, 'page2-1', null, 'page2-3']);
    s.stop();
  });

  test('watch events are applied and coalesced into few readings', async () => {
    const s = source({ coalesceMs: 50 });
    s.start();
    await waitForSource(s, () => fault.count(VMIS, 'watch') === 1 && s.status().state.kind === 'ready', 5000, 'watching');
    await new Promise((r) => setTimeout(r, 50));
    const readings = new Set<unknown>();
    s.onChange(() => readings.add(s.current()));
    for (let i = 0; i < 30; i++) {
      fault.sendEvent(VMIS, { type: 'ADDED', object: { kind: 'PartialObjectMetadata', metadata: { name: `burst-${i}`, namespace: 'prod', resourceVersion: String(1000 + i), labels: { i: String(i) } } } });
    }
    fault.sendEvent(VMIS, { type: 'DELETED', object: { kind: 'PartialObjectMetadata', metadata: { name: 'vm1', namespace: 'prod', resourceVersion: '1100' } } });
    await waitForSource(s, () => s.current()?.vmis.length === 30 && !s.current()?.vmis.some((v) => v.name === 'vm1'), 3000, 'burst applied');
    assert.ok(readings.size <= 3, `${readings.size} readings for one burst`);
    assert.ok(Object.isFrozen(s.current()) && Object.isFrozen(s.current()?.vmis));
    s.stop();
  });

  test('a watch failing later keeps the data and goes stale, then recovers', async () => {
    let failing = true;
    fault.override = (r, res) => {
      if (r.path !== POLICIES || !r.watch || fault.count(POLICIES, 'watch') === 1) return false;
      if (!failing) return false;
      sendJson(res, 500, status(500, 'InternalError', 'boom'));
      return true;
    };
    const s = source();
    s.start();
    await waitForSource(s, () => fault.count(POLICIES, 'watch') === 1 && s.status().state.kind === 'ready', 5000, 'watching');
    const before = s.current();
    fault.sendEvent(POLICIES, { type: 'ERROR', object: status(500, 'InternalError', 'storage hiccup') });
    await waitForSource(s, stateIs(s, 'stale'), 5000, 'stale');
    const state = s.status().state;
    assert.equal(state.kind, 'stale');
    assert.match(state.kind === 'stale' ? state.reason : '', /^migrationpolicies\.migrations\.kubevirt\.io: (watch error 500: storage hiccup|The server answered 500 to watch migrationpolicies\.migrations\.kubevirt\.io at the cluster scope: boom)$/);
    assert.equal(s.current(), before);
    failing = false;
    await waitForSource(s, stateIs(s, 'ready'), 8000, 'recovered');
    assert.deepEqual(s.status().counts, { namespaces: 2, vmis: 1, policies: 1 });
    s.stop();
  });

  test('a malformed watch event goes stale and relists', async () => {
    let sent = false;
    fault.override = (r, res) => {
      if (r.path !== NS || !r.watch || sent) return false;
      sent = true;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"type":"ADDED","object":{\n');
      return true;
    };
    const s = source();
    const states: string[] = [];
    s.onChange(() => states.push(s.status().state.kind === 'stale' ? (s.status().state as { reason: string }).reason : s.status().state.kind));
    s.start();
    await waitForSource(s, () => fault.count(NS, 'list') === 2 && s.status().state.kind === 'ready', 8000, 'relist after bad event');
    assert.ok(states.some((x) => /^namespaces: Malformed watch event for namespaces: invalid JSON/.test(x)), states.join('\n'));
    s.stop();
  });

  test('refresh drops the data and loads again; stop sends nothing more', async () => {
    const s = source();
    s.start();
    await waitForSource(s, stateIs(s, 'ready'), 5000, 'ready');
    const first = s.current();
    const p = s.refresh();
    assert.equal(s.current(), undefined);
    await p;
    assert.equal(s.status().state.kind, 'ready');
    assert.notEqual(s.current(), first);
    assert.deepEqual(s.current(), first);
    s.stop();
    await new Promise((r) => setTimeout(r, 100));
    const seen = fault.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(fault.requests.length, seen);
  });

  test('no log line or status message holds the token', () => {
    assert.ok(logs.length > 20 && messages.length > 20);
    for (const text of [...logs, ...messages]) assert.ok(!text.includes(fault.token), text);
    assert.ok(DEFAULT_ITEMS[NS].length === 2);
  });
});
