// cluster/live.ts lines 46-214 (session 24, issue 16): the survivors of the run of liveLoadMutants.test over
// the constructor, onRequest, loadOnce and readFullVmis. Against test/support/faultServer.ts through
// test/support/liveHarness.ts (a real node:https server on a free port).
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestInfo } from '../../server/src/cluster/live';
import { status } from '../support/faultServer';
import { KUBEVIRTS, list, NS, POLICIES, skipWithoutOpenssl, useLiveHarness, VMIS } from '../support/liveHarness';

const READY = JSON.stringify({ kind: 'ready' });

/** The message a promise rejects with. */
async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('expected a rejection');
}

describe('LiveClusterSource: requests, loadOnce beside refresh, readFullVmis faults', { skip: skipWithoutOpenssl }, () => {
  const h = useLiveHarness();

  test('onRequest: the hook hears every request of a reading (verb, resource, path), and nothing once disposed', async () => {
    const { source } = h.make({ watch: false });
    const heard: RequestInfo[] = [];
    const hook = source.onRequest((i) => heard.push(i));
    await source.loadOnce();
    assert.deepEqual(heard, [
      { verb: 'list', resource: 'namespaces', path: `${NS}?limit=500` },
      { verb: 'list', resource: 'virtualmachineinstances.kubevirt.io', path: `${VMIS}?limit=500` },
      { verb: 'list', resource: 'migrationpolicies.migrations.kubevirt.io', path: `${POLICIES}?limit=500` },
      { verb: 'list', resource: 'kubevirts.kubevirt.io', path: `${KUBEVIRTS}?limit=500` },
    ]);
    hook.dispose();
    await source.loadOnce();
    assert.equal(heard.length, 4);
  });

  test('a refresh while loadOnce is in flight: loadOnce is abandoned, its end does not stop the refresh, which ends ready with data', async () => {
    let stall = true;
    h.answer({ [NS]: () => (stall ? ((stall = false), true) : undefined) });
    const { source, states } = h.make({ watch: false });
    const once = source.loadOnce();
    const outcome = once.then(() => 'loaded', (e: Error) => e.message);
    // loadOnce is waiting for the namespaces (the server does not answer the first call).
    while (h.seen(NS).length === 0) await new Promise((r) => setTimeout(r, 5));
    await source.refresh();
    // loadOnce rejects (today with "Cannot reach …: The operation was aborted": kubeApi.networkFault checks the
    // lifetime of the source after the refresh, not the one the call ran under; see TESTING.md, session 24).
    assert.notEqual(await outcome, 'loaded');
    assert.deepEqual(h.seen(NS).length, 2);
    assert.equal(states.at(-1), READY);
    assert.deepEqual(source.current()?.namespaces.map((n) => n.name), ['default', 'prod']);
    assert.deepEqual(source.status().counts, { namespaces: 2, vmis: 1, policies: 1 });
  });

  test('readFullVmis: a malformed page names the list; a fault other than 410 on a later page is not retried', async () => {
    const source = h.make({ watch: false }).source;
    h.answer({ [VMIS]: () => ({ kind: 'List', metadata: {}, items: 'none' }) });
    assert.equal(await messageOf(source.readFullVmis(() => 1)), 'Malformed answer to list virtualmachineinstances.kubevirt.io: "items" is not a list');
    h.answer({ [VMIS]: (r) => (r.query.get('continue') ? [500, status(500, 'InternalError', 'page two down')] : list([{ metadata: { name: 'a', namespace: 'prod' } }], '1', 'next')) });
    h.fault.requests.length = 0;
    assert.equal(await messageOf(source.readFullVmis(() => 1)), 'The server answered 500 to list virtualmachineinstances.kubevirt.io at the cluster scope: page two down');
    assert.deepEqual(h.fault.requests.map((r) => r.query.get('continue')), [null, 'next']);
  });
});
