// cluster/live.ts in the unit tier, the reading part: paged lists with continue tokens, the KubeVirt CR,
// the states and log lines of a first reading, failures with client-go's reflector backoff and healing,
// refresh/stop/start, loadOnce, readFullVmis and the CLI's loaders. Against test/support/faultServer.ts
// (a real node:https server on a free port, openssl-made certificate); Math.random() is 0 here, so every
// delay is exact. Watches are test/unit/liveWatchMutants.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ApiFault } from '../../server/src/cluster/apiFault';
import { loadKubeCluster, loadKubeMigrationRecords, retryDelay } from '../../server/src/cluster/live';
import { faultOf } from '../support/apiFaults';
import { writeKubeconfig } from '../support/apiserver';
import { status } from '../support/faultServer';
import { KUBEVIRTS, list, NS, POLICIES, skipWithoutOpenssl, until, useLiveHarness, vmi, VMIS } from '../support/liveHarness';

const ns = (name: string) => ({ metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
const loading = (namespaces: number, vmis: number, policies: number) => JSON.stringify({ kind: 'loading', loaded: { namespaces, vmis, policies } });
const READY = JSON.stringify({ kind: 'ready' });

/** The message an Error (not an ApiFault) rejects with. */
async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof Error && !(e instanceof ApiFault), `not a plain Error: ${String(e)}`);
    return e.message;
  }
  assert.fail('expected a rejection');
}

test('retryDelay: client-go reflector backoff (800 ms doubling to 30 s) plus up to the same again as jitter', () => {
  // k8s.io/client-go/tools/cache/reflector.go: NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0, clock).
  const none = () => 0;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 100].map((f) => retryDelay(f, undefined, undefined, none)), [800, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
  assert.deepEqual([-2, 1, 2, 3].map((f) => retryDelay(f, 100, 250, none)), [100, 100, 200, 250]);
  assert.equal(retryDelay(1, 800, 30000, () => 1), 1600);
  assert.equal(retryDelay(2, 800, 30000, () => 0.5), 2400);
  assert.equal(retryDelay(3, 800, 30000, () => 0.25), 4000);
  // The exponent stops at 30 (no Infinity for a source failing for days).
  assert.equal(retryDelay(31, 1, Number.POSITIVE_INFINITY, none), 2 ** 30);
  assert.equal(retryDelay(500, 1, Number.POSITIVE_INFINITY, none), 2 ** 30);
  // Rounded to whole milliseconds.
  assert.equal(retryDelay(1, 3, 100, () => 0.25), 4);
  assert.equal(retryDelay(1, 3, 100, () => 0.1), 3);
});

describe('LiveClusterSource: reading', { skip: skipWithoutOpenssl }, () => {
  const h = useLiveHarness();

  test('a first reading: pages with an escaped continue token, sorted frozen data, loading counts per page, log lines', async () => {
    const token = 'tok&=/+ 1';
    h.answer({
      [NS]: (r) => (r.query.get('continue') === token ? list([ns('mid')], '11') : list([ns('zeta'), { metadata: { labels: {} } }, ns('alpha')], '10', token)),
      [VMIS]: () => list([vmi('b', 'x'), vmi('a', 'y', { app: 'db' }), vmi('a', 'x'), { metadata: { name: 'no-namespace' } }], '20'),
      [POLICIES]: () => list([{ metadata: { name: 'p2' }, spec: {} }, { metadata: { name: 'p1' }, spec: { selectors: { namespaceSelector: { env: 'prod' } } } }], '30'),
      [KUBEVIRTS]: () => list([{ metadata: { name: 'kv-b' }, status: { observedKubeVirtVersion: 'v1.5.0' } }, { metadata: { name: 'kv-a' } }], '40'),
    });
    const { source, states } = h.make({ limit: 2.9, watch: false });
    assert.deepEqual(source.description, { kind: 'kube', context: '', server: '' });
    assert.deepEqual(source.status(), { source: { kind: 'kube', context: '', server: '' }, state: { kind: 'loading' }, counts: { namespaces: 0, vmis: 0, policies: 0 } });
    assert.equal(source.current(), undefined);
    const before = Date.now();
    source.start();
    await until(() => states.at(-1) === READY, 10000, 'ready');
    assert.deepEqual(states, [loading(0, 0, 0), loading(2, 0, 0), loading(3, 0, 0), loading(3, 3, 0), loading(3, 3, 2), READY]);
    assert.deepEqual(h.fault.requests.filter((r) => r.path === NS).map((r) => [r.query.get('limit'), r.query.get('continue')]), [['2', null], ['2', token]]);
    assert.deepEqual(h.fault.requests.map((r) => r.path), [NS, NS, VMIS, POLICIES, KUBEVIRTS]);
    assert.equal(h.fault.requests.find((r) => r.path === VMIS)?.accept, 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json');
    assert.deepEqual(h.logs, [
      `using context fault at ${h.fault.url}`,
      'GET /api/v1/namespaces?limit=2',
      'skipped an item of namespaces without metadata.name',
      'GET /api/v1/namespaces?limit=2&continue=…',
      'GET /apis/kubevirt.io/v1/virtualmachineinstances?limit=2',
      'skipped an item of virtualmachineinstances.kubevirt.io without metadata.name',
      'GET /apis/migrations.kubevirt.io/v1alpha1/migrationpolicies?limit=2',
      'GET /apis/kubevirt.io/v1/kubevirts?limit=2',
      'found 2 KubeVirt CRs; using kv-b',
    ]);
    const data = source.current();
    assert.deepEqual(data, {
      namespaces: ['alpha', 'mid', 'zeta'].map((n) => ({ name: n, labels: { 'kubernetes.io/metadata.name': n } })),
      vmis: [{ namespace: 'a', name: 'x', labels: {} }, { namespace: 'a', name: 'y', labels: { app: 'db' } }, { namespace: 'b', name: 'x', labels: {} }],
      policies: [
        { name: 'p1', hasSelectors: true, namespaceSelector: { env: 'prod' }, vmiSelector: {}, spec: { selectors: { namespaceSelector: { env: 'prod' } } }, origin: { kind: 'cluster' } },
        { name: 'p2', hasSelectors: false, namespaceSelector: {}, vmiSelector: {}, spec: {}, origin: { kind: 'cluster' } },
      ],
      kubevirt: { name: 'kv-b', featureGates: [], migrations: {}, version: 'v1.5.0' },
    });
    assert.ok(Object.isFrozen(data) && Object.isFrozen(data?.namespaces) && Object.isFrozen(data?.vmis) && Object.isFrozen(data?.policies));
    const st = source.status();
    assert.ok(st.loadedAt && Date.parse(st.loadedAt) >= before - 5 && Date.parse(st.loadedAt) <= Date.now(), st.loadedAt);
    assert.deepEqual(st, { source: { kind: 'kube', context: 'fault', server: h.fault.url }, state: { kind: 'ready' }, counts: { namespaces: 3, vmis: 3, policies: 2 }, loadedAt: st.loadedAt, kubevirtVersion: 'v1.5.0' });
    // watch: false: nothing more is sent.
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.fault.requests.length, 5);
  });

  test('options: the default page size is 500, a page size under 1 is 1; the context and its namespace; the answer cap is at least 1 KiB', async () => {
    const dir = path.dirname(h.fault.kubeconfig);
    const kubeconfig = writeKubeconfig(path.join(dir, 'two.kubeconfig'), h.fault.url, h.fault.caCert, { first: { token: 'not-this-one' }, other: { token: h.fault.token } });
    fs.writeFileSync(kubeconfig, fs.readFileSync(kubeconfig, 'utf8').replace('    user: other', '    user: other\n    namespace: team'));
    const named = h.make({ kubeconfig, context: 'other', watch: false }).source;
    assert.deepEqual(named.description, { kind: 'kube', context: 'other', server: '' });
    const data = await named.loadOnce();
    assert.deepEqual(named.description, { kind: 'kube', context: 'other', server: h.fault.url, namespace: 'team' });
    assert.deepEqual(data.vmis, [{ namespace: 'prod', name: 'vm1', labels: { app: 'db' } }]);
    assert.deepEqual(h.seen(NS), ['/api/v1/namespaces?limit=500']);
    assert.deepEqual(h.seen(KUBEVIRTS), ['/apis/kubevirt.io/v1/kubevirts?limit=500']);
    h.fault.requests.length = 0;
    await h.make({ limit: 0, watch: false }).source.loadOnce();
    assert.deepEqual(h.seen(NS), ['/api/v1/namespaces?limit=1']);
    // maxResponseBytes below 1 KiB counts as 1 KiB: the default answers (a few hundred bytes) are read, a larger one is not.
    const tiny = h.make({ maxResponseBytes: 10, watch: false }).source;
    assert.equal((await tiny.loadOnce()).namespaces.length, 2);
    h.answer({ [NS]: () => list([{ metadata: { name: 'big', labels: { pad: 'x'.repeat(1100) } } }], '1') });
    assert.deepEqual(await faultOf(tiny.loadOnce()), { kind: 'error', message: 'The answer to list namespaces is larger than 0 MiB and was not read (does the server ignore the page size limit=500?)' });
  });

  test('a failing first reading: the state of each fault, tried again after the backoff, healed without Refresh', async () => {
    let tries = 0;
    h.answer({
      [NS]: () => {
        tries++;
        if (tries === 1) return [403, status(403, 'Forbidden', 'nope')];
        if (tries === 2) return [500, status(500, 'InternalError', 'boom')];
        if (tries === 3) return true; // no answer: the call times out
        return undefined;
      },
    });
    const { source, states } = h.make({ timeoutMs: 300, watch: false, retry: { initialMs: 50, maxMs: 150 } });
    source.start();
    await until(() => states.at(-1) === READY, 10000, 'ready');
    assert.deepEqual(states, [
      loading(0, 0, 0),
      JSON.stringify({ kind: 'forbidden', message: 'Not allowed to list namespaces at the cluster scope (403 Forbidden): nope', verb: 'list', resource: 'namespaces' }),
      JSON.stringify({ kind: 'error', message: 'The server answered 500 to list namespaces at the cluster scope: boom' }),
      JSON.stringify({ kind: 'unreachable', message: `No answer from ${h.fault.url} within 0.3 s (list namespaces)` }),
      READY,
    ]);
    const failed = h.logs.filter((l) => l.startsWith('loading failed') || l.startsWith('loaded after'));
    assert.deepEqual(failed, [
      'loading failed: Not allowed to list namespaces at the cluster scope (403 Forbidden): nope; next try in 0.1 s',
      'loading failed: The server answered 500 to list namespaces at the cluster scope: boom; next try in 0.1 s',
      `loading failed: No answer from ${h.fault.url} within 0.3 s (list namespaces); next try in 0.1 s`,
      'loaded after 3 failed tries',
    ]);
    // Each try reads the kubeconfig again.
    assert.equal(h.logs.filter((l) => l.startsWith('using context')).length, 4);
    assert.equal(source.status().nextRetryAt, undefined);
    assert.deepEqual(source.status().counts, { namespaces: 2, vmis: 1, policies: 1 });
  });

  test('a rejected token: unauthorized with the next try announced, the token in no message; a fixed kubeconfig heals it', async () => {
    const kubeconfig = path.join(path.dirname(h.fault.kubeconfig), 'rotating.kubeconfig');
    const good = fs.readFileSync(h.fault.kubeconfig, 'utf8');
    fs.writeFileSync(kubeconfig, good.replace(h.fault.token, 'wrong-token-0123456789'), { mode: 0o600 });
    const { source, states } = h.make({ kubeconfig, watch: false, retry: { initialMs: 200, maxMs: 300 } });
    const unauthorized = JSON.stringify({ kind: 'unauthorized', message: 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized' });
    source.start();
    await until(() => states.length === 2, 5000, 'the first failure');
    const next = source.status().nextRetryAt;
    assert.ok(next !== undefined);
    const wait = Date.parse(next) - Date.now();
    assert.ok(wait > 0 && wait <= 200, `${wait} ms`);
    await until(() => states.length === 3, 5000, 'the second failure');
    fs.writeFileSync(kubeconfig, good, { mode: 0o600 });
    await until(() => states.at(-1) === READY, 5000, 'ready');
    assert.deepEqual(states, [loading(0, 0, 0), unauthorized, unauthorized, READY]);
    assert.deepEqual(h.logs.filter((l) => /^(loading failed|loaded after)/.test(l)), [
      'loading failed: The server rejected the credentials of context fault (401 Unauthorized): Unauthorized; next try in 0.2 s',
      'loading failed: The server rejected the credentials of context fault (401 Unauthorized): Unauthorized; next try in 0.3 s',
      'loaded after 2 failed tries',
    ]);
    assert.ok(!states.concat(h.logs).join('\n').includes('wrong-token-0123456789'));
    assert.ok(!('nextRetryAt' in source.status()));
  });

  test('one failed try is logged in the singular; stop during the backoff sends nothing more and drops the next try', async () => {
    let first = true;
    h.answer({ [NS]: () => (first ? ((first = false), [500, status(500, 'InternalError', 'once')]) : undefined) });
    const quick = h.make({ watch: false, retry: { initialMs: 20, maxMs: 20 } });
    quick.source.start();
    await until(() => quick.states.at(-1) === READY, 5000, 'ready');
    assert.ok(h.logs.includes('loaded after 1 failed try'), h.logs.join('\n'));
    h.answer({ [NS]: () => [500, status(500, 'InternalError', 'always')] });
    h.fault.requests.length = 0;
    const { source, states } = h.make({ watch: false, retry: { initialMs: 150, maxMs: 150 } });
    source.start();
    source.start();
    await until(() => states.length === 2, 5000, 'the failure');
    assert.equal(h.seen(NS).length, 1, 'start() twice starts once');
    assert.equal(typeof source.status().nextRetryAt, 'string');
    source.stop();
    assert.ok(!('nextRetryAt' in source.status()));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(h.seen(NS).length, 1);
    // Started again after stop: one more try.
    source.start();
    await until(() => h.seen(NS).length === 2, 5000, 'the restart');
    source.stop();
  });

  test('refresh: the data is dropped at once, failures are forgotten, and a later start() does not load twice', async () => {
    let fail = true;
    h.answer({ [NS]: () => (fail ? [500, status(500, 'InternalError', 'down')] : undefined) });
    const { source, states } = h.make({ watch: false, retry: { initialMs: 60000, maxMs: 60000 } });
    source.start();
    await until(() => states.length === 2, 5000, 'the failure');
    fail = false;
    await source.refresh();
    assert.deepEqual(states.slice(2), [loading(0, 0, 0), loading(2, 0, 0), loading(2, 1, 0), loading(2, 1, 1), READY]);
    assert.deepEqual(h.logs.filter((l) => l.startsWith('loaded after')), []);
    const first = source.current();
    const again = source.refresh();
    assert.equal(source.current(), undefined);
    assert.equal(source.status().loadedAt, undefined);
    await again;
    assert.notEqual(source.current(), first);
    assert.deepEqual(source.current(), first);
    source.start();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.seen(NS).length, 3);
  });

  test('a failing change listener is logged and the others still hear; a disposed one does not', async () => {
    const { source } = h.make({ watch: false });
    let heard = 0;
    let disposedHeard = 0;
    source.onChange(() => {
      throw new Error('listener broke');
    });
    source.onChange(() => heard++);
    source.onChange(() => disposedHeard++).dispose();
    await source.refresh();
    assert.equal(heard, 5);
    assert.equal(disposedHeard, 0);
    assert.equal(h.logs.filter((l) => l === 'a change listener failed: listener broke').length, 5);
  });

  test('an expired continue token restarts the list at most twice; a 410 on the first page is not retried', async () => {
    h.answer({ [VMIS]: (r) => (r.query.get('continue') ? [410, status(410, 'Expired', 'too old')] : list([vmi('a', 'a')], '5', 'next')) });
    const { source, states } = h.make({ watch: false, retry: { initialMs: 60000, maxMs: 60000 } });
    source.start();
    await until(() => states.length >= 3 && !states.at(-1)?.includes('loading'), 5000, 'the failure');
    assert.deepEqual(JSON.parse(states.at(-1) ?? ''), { kind: 'error', message: 'list virtualmachineinstances.kubevirt.io at the cluster scope: 410 Gone: too old' });
    assert.deepEqual(h.fault.requests.filter((r) => r.path === VMIS).map((r) => r.query.get('continue')), [null, 'next', null, 'next', null, 'next']);
    source.stop();
    h.fault.requests.length = 0;
    h.answer({ [VMIS]: () => [410, status(410, 'Expired', 'first page')] });
    assert.deepEqual(await faultOf(h.make({ watch: false }).source.loadOnce()), { kind: 'gone', message: 'list virtualmachineinstances.kubevirt.io at the cluster scope: 410 Gone: first page' });
    assert.equal(h.seen(VMIS).length, 1);
  });

  test('the KubeVirt CR: 404 and 403 mean no configuration (logged), a 500 fails the reading, a CR without a name is skipped', async () => {
    const run = async () => {
      h.logs.length = 0;
      return h.make({ watch: false }).source.loadOnce();
    };
    assert.equal((await run()).kubevirt, undefined);
    assert.ok(h.logs.includes('no KubeVirt CRD (kubevirts.kubevirt.io): no KubeVirt configuration'), h.logs.join('\n'));
    h.answer({ [KUBEVIRTS]: () => [403, status(403, 'Forbidden', 'nope')] });
    assert.equal((await run()).kubevirt, undefined);
    assert.ok(h.logs.includes('no KubeVirt configuration: Not allowed to list kubevirts.kubevirt.io at the cluster scope (403 Forbidden): nope'), h.logs.join('\n'));
    h.answer({ [KUBEVIRTS]: () => [500, status(500, 'InternalError', 'down')] });
    assert.deepEqual(await faultOf(run()), { kind: 'error', message: 'The server answered 500 to list kubevirts.kubevirt.io at the cluster scope: down' });
    h.answer({ [KUBEVIRTS]: () => list([{ metadata: {} }, { metadata: { name: 'kubevirt' }, spec: { configuration: { developerConfiguration: { featureGates: ['A'] } } } }], '3') });
    const data = await run();
    assert.deepEqual(data.kubevirt, { name: 'kubevirt', featureGates: ['A'], migrations: {} });
    assert.deepEqual(h.logs.filter((l) => l.startsWith('found')), []);
  });

  test('loadOnce: one try, the fault as an ApiFault, no retry; the CLI loaders reject with a plain Error', async () => {
    const kubeconfig = path.join(path.dirname(h.fault.kubeconfig), 'wrong.kubeconfig');
    fs.writeFileSync(kubeconfig, fs.readFileSync(h.fault.kubeconfig, 'utf8').replace(h.fault.token, 'wrong-token-0123456789'), { mode: 0o600 });
    const { source, states } = h.make({ kubeconfig, retry: { initialMs: 10, maxMs: 10 } });
    assert.deepEqual(await faultOf(source.loadOnce()), { kind: 'unauthorized', message: 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized' });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(h.seen(NS).length, 1);
    assert.deepEqual(states, []);
    const unauthorized = 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized';
    assert.equal(await errorOf(loadKubeCluster(undefined, kubeconfig)), unauthorized);
    assert.equal(await errorOf(loadKubeMigrationRecords(undefined, kubeconfig)), unauthorized);
    assert.equal(await errorOf(loadKubeCluster('missing', h.fault.kubeconfig)), 'The kubeconfig has no context "missing" (contexts: fault)');
    const data = await loadKubeCluster('fault', h.fault.kubeconfig);
    assert.deepEqual(data.namespaces.map((n) => n.name), ['default', 'prod']);
    assert.deepEqual(data.policies.map((p) => p.name), ['p1']);
    // No watch: the CLI's reading ends.
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(h.fault.requests.filter((r) => r.watch), []);
  });

  test('a reading is sorted whatever order the server lists in (70 of each, in reverse)', async () => {
    const names = Array.from({ length: 70 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    const reversed = [...names].reverse();
    h.answer({
      [NS]: () => list(reversed.map(ns), '1'),
      [VMIS]: () => list(reversed.flatMap((n) => [vmi(n, 'b'), vmi(n, 'a')]), '2'),
      [POLICIES]: () => list(reversed.map((n) => ({ metadata: { name: n }, spec: {} })), '3'),
    });
    const data = await h.make({ watch: false }).source.loadOnce();
    assert.deepEqual(data.namespaces.map((n) => n.name), names);
    assert.deepEqual(data.vmis.map((v) => `${v.namespace}/${v.name}`), names.flatMap((n) => [`${n}/a`, `${n}/b`]));
    assert.deepEqual(data.policies.map((p) => p.name), names);
  });

  test('loadKubeMigrationRecords rejects with the first reading\'s fault before reading VMIs in full', async () => {
    h.answer({ [NS]: () => [500, status(500, 'InternalError', 'namespaces down')] });
    assert.equal(await errorOf(loadKubeMigrationRecords(undefined, h.fault.kubeconfig)), 'The server answered 500 to list namespaces at the cluster scope: namespaces down');
    assert.deepEqual(h.fault.requests.map((r) => r.path), [NS]);
  });

  test('readFullVmis: full objects (plain JSON) page by page, only what pick keeps; expired tokens restart at most twice', async () => {
    const full = (namespace: string, name: string, policy?: string) => ({
      apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name, namespace },
      status: { migrationState: { completed: true, ...(policy ? { migrationPolicyName: policy } : {}) } },
    });
    h.answer({
      [VMIS]: (r) => {
        if (r.accept !== 'application/json') return list([vmi('prod', 'vm1')], '9');
        const cont = r.query.get('continue');
        if (!cont) return list([full('prod', 'a', 'p1'), full('prod', 'b')], '10', 'page-2');
        return list([full('dev', 'c', 'p2')], '11');
      },
    });
    const { data, records, read, pages } = await loadKubeMigrationRecords(undefined, h.fault.kubeconfig);
    assert.deepEqual(data.vmis.map((v) => v.name), ['vm1']);
    assert.deepEqual([read, pages], [3, 2]);
    assert.deepEqual(records.map((r) => [r.namespace, r.name, r.policy, r.outcome]), [['prod', 'a', 'p1', 'succeeded'], ['prod', 'b', undefined, 'succeeded'], ['dev', 'c', 'p2', 'succeeded']]);
    assert.deepEqual(h.fault.requests.filter((r) => r.path === VMIS && r.accept === 'application/json').map((r) => [r.query.get('limit'), r.query.get('continue')]), [['100', null], ['100', 'page-2']]);
    const source = h.make({ watch: false }).source;
    h.fault.requests.length = 0;
    const kept = await source.readFullVmis((o) => ((o.metadata as { name: string }).name === 'b' ? undefined : (o.metadata as { name: string }).name), 2.5);
    assert.deepEqual(kept, { items: ['a', 'c'], read: 3, pages: 2 });
    assert.deepEqual(h.fault.requests.map((r) => r.query.get('limit')), ['2', '2']);
    h.fault.requests.length = 0;
    await source.readFullVmis(() => 1, 0);
    assert.deepEqual(h.fault.requests.map((r) => r.query.get('limit')), ['1', '1']);
    h.answer({ [VMIS]: (r) => (r.query.get('continue') ? [410, status(410, 'Expired', 'too old')] : list([full('prod', 'a')], '1', 'again')) });
    h.fault.requests.length = 0;
    assert.deepEqual(await faultOf(source.readFullVmis(() => 1)), { kind: 'gone', message: 'list virtualmachineinstances.kubevirt.io at the cluster scope: 410 Gone: too old' });
    assert.deepEqual(h.fault.requests.map((r) => r.query.get('continue')), [null, 'again', null, 'again', null, 'again']);
    h.answer({ [VMIS]: () => [410, status(410, 'Expired', 'at once')] });
    h.fault.requests.length = 0;
    assert.deepEqual(await faultOf(source.readFullVmis(() => 1)), { kind: 'gone', message: 'list virtualmachineinstances.kubevirt.io at the cluster scope: 410 Gone: at once' });
    assert.equal(h.fault.requests.length, 1);
  });
});
