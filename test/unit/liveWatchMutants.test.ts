// cluster/live.ts in the unit tier, the watching part: watch requests from each list's resourceVersion,
// ADDED/MODIFIED/DELETED/BOOKMARK events coalesced into one reading, ERROR events (410: relist; others:
// stale with the reason, then healed), malformed and oversized events, a watch that does not open, the
// client-side end of a watch. Event types and the 410 relist follow k8s.io/apimachinery/pkg/watch/watch.go
// and k8s.io/client-go/tools/cache/reflector.go. Against test/support/faultServer.ts; Math.random() is 0.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { describe, test } from 'node:test';
import type { SeenRequest } from '../support/faultServer';
import { status } from '../support/faultServer';
import { list, NS, POLICIES, skipWithoutOpenssl, until, useLiveHarness, vmi, VMIS } from '../support/liveHarness';

const READY = JSON.stringify({ kind: 'ready' });
const stale = (reason: string) => JSON.stringify({ kind: 'stale', reason });
/** The states without repeats (a relist publishes a reading, which announces the same state again). */
const changes = (states: string[]) => states.filter((s, i) => s !== states[i - 1]);
const VMI_RESOURCE = 'virtualmachineinstances.kubevirt.io';
const POLICY_RESOURCE = 'migrationpolicies.migrations.kubevirt.io';

describe('LiveClusterSource: watching', { skip: skipWithoutOpenssl }, () => {
  const h = useLiveHarness();
  /** Open watches by path, newest last; lists answered by `lists` (a body per path, replaceable). */
  let open: Map<string, http.ServerResponse[]>;
  let lists: Record<string, unknown>;
  /** Watches the client has ended (a source stopped late in the previous test may still have one arriving). */
  const closed = new WeakSet<http.ServerResponse>();
  const serve = (watch: (r: SeenRequest, res: http.ServerResponse) => boolean | undefined = () => undefined) => {
    open = new Map();
    lists = { [NS]: list([{ metadata: { name: 'default', labels: {} } }], 'ns-1'), [VMIS]: list([vmi('prod', 'vm1', { app: 'db' })], 'vmi-1'), [POLICIES]: list([{ metadata: { name: 'p1' }, spec: {} }], 'p-1') };
    const route = (r: SeenRequest, res: http.ServerResponse) => {
      if (!r.watch) return lists[r.path];
      if (watch(r, res)) return true;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      open.set(r.path, [...(open.get(r.path) ?? []), res]);
      res.on('close', () => closed.add(res));
      return true;
    };
    h.answer({ [NS]: route, [VMIS]: route, [POLICIES]: route });
  };
  const live = (p: string) => (open.get(p) ?? []).filter((res) => !closed.has(res));
  const latest = (p: string) => {
    const all = live(p);
    const res = all.at(-1);
    assert.ok(res, `no open watch of ${p}`);
    return res;
  };
  const send = (p: string, ...events: unknown[]) => latest(p).write(events.map((e) => `${typeof e === 'string' ? e : JSON.stringify(e)}\n`).join(''));
  const watches = (p: string) => h.fault.requests.filter((r) => r.path === p && r.watch);
  const started = async (options: Parameters<typeof h.make>[0] = {}) => {
    const rec = h.make(options);
    rec.source.start();
    await until(() => rec.states.at(-1) === READY && [NS, VMIS, POLICIES].every((p) => live(p).length === 1), 10000, 'ready and watching');
    return rec;
  };

  test('each watch starts from its list resourceVersion, with bookmarks and the server-side timeout; events are applied and coalesced', async () => {
    serve();
    const { source } = await started({ coalesceMs: 100 });
    const query = (p: string) => watches(p).map((r) => r.query.toString());
    assert.deepEqual(query(NS), ['watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=ns-1']);
    assert.deepEqual(query(VMIS), ['watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=vmi-1']);
    assert.deepEqual(query(POLICIES), ['watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=p-1']);
    assert.deepEqual([watches(NS)[0].accept, watches(VMIS)[0].accept], ['application/json', 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json']);
    assert.ok(h.logs.includes('GET /apis/kubevirt.io/v1/virtualmachineinstances?watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=vmi-1'), h.logs.join('\n'));
    const readings: unknown[] = [];
    source.onChange(() => {
      if (readings.at(-1) !== source.current()) readings.push(source.current());
    });
    const first = source.current();
    send(VMIS,
      { type: 'ADDED', object: { ...vmi('dev', 'vm2'), metadata: { name: 'vm2', namespace: 'dev', resourceVersion: 'vmi-2' } } },
      { type: 'ADDED', object: vmi('dev', 'vm1', { same: 'name' }) },
      { type: 'MODIFIED', object: vmi('prod', 'vm1', { app: 'web' }) },
      { type: 'ADDED', object: vmi('prod', 'gone') },
      { type: 'DELETED', object: vmi('prod', 'gone') });
    send(POLICIES, { type: 'ADDED', object: { metadata: { name: 'p0', resourceVersion: 'p-2' }, spec: { selectors: { virtualMachineInstanceSelector: { app: 'db' } } } } });
    await until(() => source.current() !== first, 3000, 'the new reading');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(readings.length, 1, 'one reading for the burst');
    assert.deepEqual(source.current()?.vmis, [
      { namespace: 'dev', name: 'vm1', labels: { same: 'name' } },
      { namespace: 'dev', name: 'vm2', labels: {} },
      { namespace: 'prod', name: 'vm1', labels: { app: 'web' } },
    ]);
    assert.deepEqual(source.current()?.policies.map((p) => [p.name, p.hasSelectors, p.vmiSelector, p.origin]), [['p0', true, { app: 'db' }, { kind: 'cluster' }], ['p1', false, {}, { kind: 'cluster' }]]);
    assert.deepEqual(source.status().counts, { namespaces: 1, vmis: 3, policies: 2 });
    assert.ok(Object.isFrozen(source.current()?.vmis));
    // Events that change nothing publish nothing: a bookmark, an unknown type, an object without a name.
    const settled = source.current();
    send(VMIS,
      { type: 'BOOKMARK', object: { kind: 'PartialObjectMetadata', metadata: { resourceVersion: 'vmi-9' } } },
      { type: 'SYNC', object: vmi('prod', 'odd') },
      { type: 'ADDED', object: { metadata: { namespace: 'prod', resourceVersion: 'vmi-10' } } },
      { type: 'BOOKMARK', object: { kind: 'PartialObjectMetadata', metadata: { resourceVersion: '' } } });
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(source.current(), settled);
    // The server ends the watch (its timeoutSeconds): the next watch starts from the last version seen,
    // the final line without a newline counts, blank lines are skipped; no fault, no stale state.
    const ending = latest(VMIS);
    ending.write(`\n  \n${JSON.stringify({ type: 'ADDED', object: vmi('prod', 'mid') })}\n`);
    ending.end(JSON.stringify({ type: 'ADDED', object: vmi('prod', 'last') }));
    await until(() => watches(VMIS).length === 2, 3000, 'the next watch');
    assert.equal(watches(VMIS)[1].query.get('resourceVersion'), 'vmi-10');
    await until(() => source.current()?.vmis.some((v) => v.name === 'last') === true, 3000, 'the last event');
    assert.ok(source.current()?.vmis.some((v) => v.name === 'mid'));
    // A watch ended after a complete line and trailing blanks: nothing left to read, no fault.
    await until(() => live(VMIS).length === 1, 3000, 'the second watch open');
    latest(VMIS).end(`${JSON.stringify({ type: 'ADDED', object: vmi('prod', 'after') })}\n  `);
    await until(() => watches(VMIS).length === 3 && source.current()?.vmis.some((v) => v.name === 'after') === true, 3000, 'the third watch');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(source.status().state.kind, 'ready');
    assert.deepEqual(h.logs.filter((l) => l.startsWith('watch of')), []);
    assert.equal(h.fault.requests.filter((r) => r.path === VMIS && !r.watch).length, 1);
  });

  test('410 Gone as an ERROR event or as the answer to a watch: that resource is listed again and watched from the new version, never stale', async () => {
    serve((r, res) => {
      if (r.path === POLICIES && watches(POLICIES).length === 2) {
        res.writeHead(410, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status(410, 'Gone', 'gone at once')));
        return true;
      }
      return undefined;
    });
    const { source, states } = await started();
    lists[NS] = list([{ metadata: { name: 'fresh', labels: {} } }], 'ns-50');
    send(NS, { type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 1 (40)') });
    await until(() => watches(NS).length === 2, 3000, 'the rewatch');
    assert.equal(watches(NS)[1].query.get('resourceVersion'), 'ns-50');
    await until(() => source.current()?.namespaces[0]?.name === 'fresh', 3000, 'the relisted namespaces');
    assert.deepEqual(h.logs.filter((l) => l.startsWith('watch of') || l.startsWith('relisting')), [
      'watch of namespaces: watch error 410: too old resource version: 1 (40); relisting',
      'relisting namespaces',
    ]);
    h.logs.length = 0;
    lists[POLICIES] = list([{ metadata: { name: 'p7' }, spec: {} }], 'p-70');
    send(POLICIES, { type: 'ERROR', object: status(410, 'Expired', 'expired') });
    await until(() => watches(POLICIES).length === 3 && source.current()?.policies[0]?.name === 'p7', 5000, 'two relists of policies');
    assert.equal(watches(POLICIES)[2].query.get('resourceVersion'), 'p-70');
    assert.deepEqual(h.logs.filter((l) => l.startsWith('watch of') || l.startsWith('relisting')), [
      'watch of migrationpolicies.migrations.kubevirt.io: watch error 410: expired; relisting',
      'relisting migrationpolicies.migrations.kubevirt.io',
      'watch of migrationpolicies.migrations.kubevirt.io: watch migrationpolicies.migrations.kubevirt.io at the cluster scope: 410 Gone: gone at once; relisting',
      'relisting migrationpolicies.migrations.kubevirt.io',
    ]);
    const policyLists = h.fault.requests.filter((r) => r.path === POLICIES && !r.watch);
    assert.equal(policyLists.length, 3);
    // A second 410 in a row, with no event between, waits backoff(1) = 400 ms before listing again.
    assert.ok(policyLists[2].at - watches(POLICIES)[1].at >= 380, `${policyLists[2].at - watches(POLICIES)[1].at} ms`);
    assert.deepEqual(states.filter((s) => s.includes('stale')), []);
    // Once relisted, a watch the server ends normally is just watched again: no further list.
    await until(() => live(POLICIES).length === 1, 3000, 'the third watch open');
    latest(POLICIES).end();
    await until(() => watches(POLICIES).length === 4, 3000, 'the fourth watch');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.fault.requests.filter((r) => r.path === POLICIES && !r.watch).length, 3);
  });

  test('other ERROR events make the resource stale with the reason (several joined), the data kept; each heals when its watch opens again', async () => {
    serve();
    const { source, states } = await started();
    const data = source.current();
    const before = states.length;
    const failedAt = Date.now();
    send(NS, { type: 'ERROR', object: {} });
    await until(() => states.length === before + 1, 3000, 'stale');
    await new Promise((r) => setTimeout(r, 150));
    send(POLICIES, { type: 'ERROR', object: status(500, 'InternalError', 'storage hiccup') });
    await until(() => states.at(-1) === READY, 5000, 'healed');
    const nsReason = 'namespaces: watch error 0: unknown error';
    const policyReason = `${POLICY_RESOURCE}: watch error 500: storage hiccup`;
    assert.deepEqual(states.slice(before), [stale(nsReason), stale(`${nsReason}; ${policyReason}`), stale(policyReason), READY]);
    assert.equal(source.current(), data);
    assert.deepEqual(h.logs.filter((l) => l.startsWith('watch of')), ['watch of namespaces failed: watch error 0: unknown error', `watch of ${POLICY_RESOURCE} failed: watch error 500: storage hiccup`]);
    // Not relisted: only a 410 or a malformed event makes the data suspect.
    assert.equal(h.fault.requests.filter((r) => !r.watch && r.path === NS).length, 1);
    assert.equal(watches(NS).length, 2);
    assert.equal(watches(NS)[1].query.get('resourceVersion'), 'ns-1');
    // The first failure waits 500 ms * (0.8 + 0.4 * Math.random()) = 400 ms before watching again.
    assert.ok(watches(NS)[1].at - failedAt >= 380, `${watches(NS)[1].at - failedAt} ms`);
  });

  test('a malformed event makes the resource stale, then it is listed again; an event without "object" too', async () => {
    serve();
    const { states } = await started();
    let parse = '';
    try {
      JSON.parse('{"type":');
    } catch (e) {
      parse = (e as Error).message;
    }
    const before = states.length;
    send(VMIS, '{"type":');
    await until(() => h.fault.requests.filter((r) => !r.watch && r.path === VMIS).length === 2 && states.at(-1) === READY, 5000, 'relisted');
    assert.deepEqual(changes(states.slice(before)), [stale(`${VMI_RESOURCE}: Malformed watch event for ${VMI_RESOURCE}: invalid JSON (${parse})`), READY]);
    assert.ok(h.logs.includes(`relisting ${VMI_RESOURCE}`));
    const again = states.length;
    await until(() => live(VMIS).length === 1 && watches(VMIS).length === 2, 3000, 'the new watch');
    send(VMIS, { type: 'ADDED' });
    await until(() => h.fault.requests.filter((r) => !r.watch && r.path === VMIS).length === 3 && states.at(-1) === READY, 5000, 'relisted again');
    assert.deepEqual(changes(states.slice(again)).filter((s, i) => i > 0 || s !== READY), [stale(`${VMI_RESOURCE}: Malformed watch event for ${VMI_RESOURCE}: no "type" and "object"`), READY]);
  });

  test('an event larger than the cap (at least 1 KiB) is not read: stale, and the watch is opened again', async () => {
    serve();
    const { source, states } = await started({ maxResponseBytes: 1 });
    // The cap is per event: three events of 600 bytes arriving in one chunk are all read.
    const padded = (name: string) => ({ type: 'ADDED', object: { metadata: { name, labels: { pad: 'x'.repeat(520) } } } });
    send(NS, padded('a'), padded('b'), padded('c'));
    await until(() => source.current()?.namespaces.length === 4, 3000, 'three events applied');
    assert.deepEqual(states.filter((s) => s.includes('stale')), []);
    const before = states.length;
    send(NS, { type: 'ADDED', object: { metadata: { name: 'big', labels: { pad: 'x'.repeat(1100) } } } });
    await until(() => states.slice(before).some((s) => s.includes('stale')), 5000, 'stale');
    // An event that never ends is refused as soon as it passes the cap, without its newline.
    await until(() => states.at(-1) === READY && watches(NS).length === 2 && live(NS).length === 1, 5000, 'healed');
    const endless = states.length;
    latest(NS).write(`{"type":"ADDED","object":{"metadata":{"name":"${'y'.repeat(1100)}`);
    await until(() => states.at(-1) === READY && states.slice(endless).some((s) => s.includes('stale')), 5000, 'healed again');
    assert.deepEqual(changes(states.slice(endless)).filter((s, i) => i > 0 || s !== READY), [stale('namespaces: A watch event of namespaces is larger than 0 MiB and was not read'), READY]);
    assert.equal(watches(NS).length, 3);
    assert.deepEqual(changes(states.slice(before, endless)).filter((s, i) => i > 0 || s !== READY), [stale('namespaces: A watch event of namespaces is larger than 0 MiB and was not read'), READY]);
  });

  test('a watch that does not open within the timeout is stale (unreachable message); one the client ends at timeoutSeconds is opened again quietly', async () => {
    let hang = true;
    serve((r) => r.path === NS && hang);
    const rec = h.make({ timeoutMs: 300 });
    rec.source.start();
    await until(() => rec.states.some((s) => s.includes('stale')), 5000, 'stale');
    hang = false;
    await until(() => rec.states.at(-1) === READY && rec.states.filter((s) => s === READY).length === 2, 5000, 'healed');
    assert.deepEqual(rec.states.filter((s) => s.includes('stale')), [stale(`namespaces: No answer from ${h.fault.url} within 0.3 s (watch namespaces)`)]);
    rec.source.stop();
    // watchSeconds 0: the client ends each watch after timeoutSeconds (0) plus the call timeout, then watches again.
    h.fault.requests.length = 0;
    h.logs.length = 0;
    serve();
    const quiet = h.make({ timeoutMs: 200, watchSeconds: 0 });
    quiet.source.start();
    await until(() => watches(NS).length >= 3, 5000, 'three watches');
    assert.equal(watches(NS)[0].query.get('timeoutSeconds'), '0');
    // Each watch lasts timeoutSeconds plus the call timeout (200 ms) before the next one. Measured from the
    // first watch's arrival to the last one's, so that one arrival that a busy machine delayed (which shortens
    // one gap by what it lengthens the one before) does not count as a watch reopened early.
    const at = watches(NS).map((r) => r.at);
    assert.ok(at[at.length - 1] - at[0] >= 150 * (at.length - 1), at.map((t) => t - at[0]).join(', '));
    assert.deepEqual(quiet.states.filter((s) => !s.includes('loading')), [READY]);
    assert.deepEqual(h.logs.filter((l) => l.startsWith('watch of')), []);
    assert.equal(h.fault.requests.filter((r) => !r.watch && r.path === NS).length, 1);
    quiet.source.stop();
    // Its last watch request may still be on its way: let it arrive here, not in the next test.
    await new Promise((r) => setTimeout(r, 150));
  });

  test('stop ends the watches and sends nothing more; refresh lists and watches afresh', async () => {
    serve();
    const { source, states } = await started({ watchSeconds: 7, timeoutMs: 300 });
    assert.equal(watches(POLICIES)[0].query.get('timeoutSeconds'), '7');
    // An open watch outlives the call timeout (300 ms): it ends at timeoutSeconds, not at the timeout of its opening.
    await new Promise((r) => setTimeout(r, 700));
    assert.deepEqual([NS, VMIS, POLICIES].map((p) => watches(p).length), [1, 1, 1]);
    assert.deepEqual(states.filter((s) => s.includes('stale')), []);
    lists[VMIS] = list([vmi('prod', 'after-refresh')], 'vmi-20');
    await source.refresh();
    await until(() => [NS, VMIS, POLICIES].every((p) => live(p).length >= 1 && watches(p).length >= 2), 8000, 'the new watches');
    assert.equal(watches(VMIS).at(-1)?.query.get('resourceVersion'), 'vmi-20');
    assert.deepEqual(source.current()?.vmis.map((v) => v.name), ['after-refresh']);
    const ended = [NS, VMIS, POLICIES].map((p) => new Promise<void>((r) => latest(p).once('close', () => r())));
    source.stop();
    await Promise.all(ended);
    const seen = h.fault.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(h.fault.requests.length, seen);
  });

  test('timeoutSeconds is 300 plus a random part under 60, so the watches of many editors do not end together', async () => {
    serve();
    Math.random = () => 0.999;
    try {
      await started();
    } finally {
      Math.random = () => 0;
    }
    assert.equal(watches(NS)[0].query.get('timeoutSeconds'), '359');
  });

  test('a watch whose connection is reset is stale with the network fault, and watched again', async () => {
    serve();
    const { states } = await started();
    const before = states.length;
    latest(POLICIES).destroy();
    await until(() => states.at(-1) === READY && states.length > before, 5000, 'healed');
    assert.deepEqual(states.slice(before), [stale(`${POLICY_RESOURCE}: Cannot reach ${h.fault.url}: connection reset (ECONNRESET)`), READY]);
    assert.equal(watches(POLICIES).length, 2);
  });
});
