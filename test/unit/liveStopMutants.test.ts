// cluster/live.ts, session-26 survivors: a reading stopped or refreshed in the middle (a list answer held by
// the server, a stop from the log callback after a page or after the last answer, a stop while the
// kubeconfig is read), a source started again after a stop (no second connect), the coalescing delay of
// watch events (its default and a set value), three resources stale at once with one healed, and a change
// listener that throws null. Against test/support/faultServer.ts, Math.random() = 0. No wall-clock bound:
// where a delay matters, the test sets a timer of the same length first (node fires timers of one length
// in the order they were set), and where a reading must have ended, it awaits an answer that comes later.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { describe, test } from 'node:test';
import type { SeenRequest } from '../support/faultServer';
import { status } from '../support/faultServer';
import { faultOf } from '../support/apiFaults';
import { list, NS, POLICIES, skipWithoutOpenssl, until, useLiveHarness, vmi, VMIS } from '../support/liveHarness';

const READY = JSON.stringify({ kind: 'ready' });
const kinds = (states: string[]) => states.map((s) => (JSON.parse(s) as { kind: string }).kind);

describe('LiveClusterSource: readings stopped midway, coalescing, stale reasons', { skip: skipWithoutOpenssl }, () => {
  const h = useLiveHarness();

  test('a refresh while the first reading waits for an answer ends that reading quietly: no failure state, no retry, no failed try counted', async () => {
    let held: http.ServerResponse | undefined;
    h.answer({ [NS]: (_r, res) => (held ? undefined : ((held = res), true)) });
    const { source, states } = h.make({ watch: false, retry: { initialMs: 60_000, maxMs: 60_000 } });
    source.start();
    await until(() => held !== undefined, 10_000, 'the first namespaces list');
    await source.refresh();
    assert.deepEqual([...new Set(kinds(states))], ['loading', 'ready']);
    assert.equal(states.at(-1), READY);
    assert.deepEqual(h.logs.filter((l) => /failed|next try/.test(l)), []);
    assert.equal(source.status().nextRetryAt, undefined);
    assert.deepEqual(source.current()?.namespaces.map((n) => n.name), ['default', 'prod']);
  });

  test('a stop from the log callback after the last answer (no KubeVirt CRD): the reading is not published, the source not ready', async () => {
    const { source, states } = h.make({
      watch: false,
      log: (m) => {
        h.logs.push(m);
        if (m.startsWith('no KubeVirt CRD')) source.stop();
      },
    });
    source.start();
    await until(() => h.logs.some((l) => l.startsWith('no KubeVirt CRD')), 10_000, 'the KubeVirt list');
    // The rest of the reading runs in the same turn as the log line (no await left): it is over when `until` sees the line.
    assert.equal(source.current(), undefined);
    assert.ok(!states.includes(READY), states.join('\n'));
    assert.deepEqual(source.status().state, { kind: 'loading', loaded: { namespaces: 2, vmis: 1, policies: 1 } });
  });

  test('a stop from the log callback while a page is read: loadOnce rejects as stopped and announces no further progress', async () => {
    h.answer({ [NS]: () => list([{ metadata: { labels: {} } }, { metadata: { name: 'a' } }], '3') });
    const { source, states } = h.make({
      watch: false,
      log: (m) => {
        h.logs.push(m);
        if (m.startsWith('skipped an item')) source.stop();
      },
    });
    assert.deepEqual(await faultOf(source.loadOnce()), { kind: 'stopped', message: 'stopped' });
    assert.ok(h.logs.includes('skipped an item of namespaces without metadata.name'), h.logs.join('\n'));
    assert.deepEqual(states, []);
    assert.equal(h.fault.requests.filter((r) => r.path !== NS).length, 0);
  });

  test('a stop while loadOnce reads the kubeconfig: it rejects as stopped and sends nothing', async () => {
    const { source } = h.make({ watch: false });
    const reading = source.loadOnce();
    source.stop();
    assert.deepEqual(await faultOf(reading), { kind: 'stopped', message: 'stopped' });
    assert.equal(h.fault.requests.length, 0);
  });

  test('started again after a stop, a source reuses its connection: the kubeconfig is read once', async () => {
    const { source, states } = h.make({ watch: false });
    source.start();
    await until(() => states.at(-1) === READY, 10_000, 'the first reading');
    source.stop();
    source.start();
    await until(() => states.filter((s) => s === READY).length === 2, 10_000, 'the second reading');
    assert.deepEqual(h.logs.filter((l) => l.startsWith('using context')), [`using context fault at ${h.fault.url}`]);
    assert.equal(h.fault.requests.filter((r) => r.path === NS).length, 2);
  });

  test('a listener that throws null is logged and the others still hear every change', async () => {
    const { source, states } = h.make({ watch: false });
    source.onChange(() => {
      throw null;
    });
    source.start();
    await until(() => states.at(-1) === READY, 10_000, 'the reading');
    assert.ok(h.logs.includes('a change listener failed: null'), h.logs.join('\n'));
    assert.equal(h.logs.filter((l) => l === 'a change listener failed: null').length, states.length);
  });

  describe('watching', () => {
    /** Lists answered with one item each; watches answered by `watch` (true: handled) or opened and kept. */
    const serve = (watch: (r: SeenRequest, res: http.ServerResponse, n: number) => boolean = () => false) => {
      const open = new Map<string, http.ServerResponse[]>();
      const lists: Record<string, unknown> = { [NS]: list([{ metadata: { name: 'default', labels: {} } }], 'ns-1'), [VMIS]: list([vmi('prod', 'vm1')], 'vmi-1'), [POLICIES]: list([{ metadata: { name: 'p1' }, spec: {} }], 'p-1') };
      const attempts = new Map<string, number>();
      const route = (r: SeenRequest, res: http.ServerResponse) => {
        if (!r.watch) return lists[r.path];
        const n = (attempts.get(r.path) ?? 0) + 1;
        attempts.set(r.path, n);
        if (watch(r, res, n)) return true;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        open.set(r.path, [...(open.get(r.path) ?? []), res]);
        return true;
      };
      h.answer({ [NS]: route, [VMIS]: route, [POLICIES]: route });
      return open;
    };

    for (const coalesceMs of [2000, undefined]) {
      test(`a watch event is published no sooner than ${coalesceMs ?? 'the default 100'} ms after it arrives`, async () => {
        const open = serve();
        const { source, states } = h.make({ coalesceMs });
        source.start();
        await until(() => states.at(-1) === READY && [NS, VMIS, POLICIES].every((p) => open.get(p)?.length === 1), 10_000, 'ready and watching');
        const before = source.current();
        // This timer is set before the event is even sent, so before the source's publish timer of the same length.
        const publishedEarly = new Promise<boolean>((r) => setTimeout(() => r(source.current() !== before), coalesceMs ?? 100));
        open.get(VMIS)?.[0].write(`${JSON.stringify({ type: 'ADDED', object: vmi('dev', 'vm2') })}\n`);
        assert.equal(await publishedEarly, false, 'published before the coalescing delay');
        await until(() => source.current() !== before, 10_000, 'the reading with the event');
        assert.deepEqual(source.current()?.vmis.map((v) => v.name), ['vm2', 'vm1']);
      });
    }

    test('three resources stale at once, one healed: the other two reasons, joined by "; "', async () => {
      let nsRetry: http.ServerResponse | undefined;
      // Each first watch fails; the second watch of namespaces is opened when the test says so, the others never answer.
      serve((r, res, n) => {
        if (n === 1) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(status(500, 'InternalError', `no watch of ${r.path}`)));
          return true;
        }
        if (r.path === NS) nsRetry = res;
        return true;
      });
      const reasons = (s: string | undefined) => (s ? ((JSON.parse(s) as { reason?: string }).reason ?? '') : '');
      // A long timeout: the held watches must not fail while the test runs.
      const rec = h.make({ timeoutMs: 60_000 });
      rec.source.start();
      await until(() => rec.states.some((s) => reasons(s).split('; ').length === 3), 10_000, 'three stale resources');
      const three = reasons(rec.states.find((s) => reasons(s).split('; ').length === 3)).split('; ');
      assert.deepEqual([...three].sort(), [
        `migrationpolicies.migrations.kubevirt.io: The server answered 500 to watch migrationpolicies.migrations.kubevirt.io at the cluster scope: no watch of ${POLICIES}`,
        `namespaces: The server answered 500 to watch namespaces at the cluster scope: no watch of ${NS}`,
        `virtualmachineinstances.kubevirt.io: The server answered 500 to watch virtualmachineinstances.kubevirt.io at the cluster scope: no watch of ${VMIS}`,
      ]);
      await until(() => nsRetry !== undefined, 10_000, 'the second watch of namespaces');
      const count = rec.states.length;
      nsRetry?.writeHead(200, { 'Content-Type': 'application/json' });
      nsRetry?.flushHeaders();
      await until(() => rec.states.length > count, 10_000, 'the healed watch');
      assert.deepEqual(rec.states.slice(count), [JSON.stringify({ kind: 'stale', reason: three.filter((r) => !r.startsWith('namespaces: ')).join('; ') })]);
    });
  });
});
