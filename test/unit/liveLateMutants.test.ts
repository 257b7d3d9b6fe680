// cluster/live.ts, session-25 survivors of the reading part (lines 208-320): a malformed list answer named
// by the list it answers (namespaces, the KubeVirt CR), a non-410 fault on a later page that fails the
// reading at once (only an expired continue token restarts a list), and a source made without retry options
// (the default client-go backoff). Against test/support/faultServer.ts, Math.random() = 0.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { status } from '../support/faultServer';
import { KUBEVIRTS, list, NS, skipWithoutOpenssl, until, useLiveHarness, vmi, VMIS } from '../support/liveHarness';

describe('LiveClusterSource: late reading edges', { skip: skipWithoutOpenssl }, () => {
  const h = useLiveHarness();

  /** Starts a source without retry options (so the default backoff) and returns its first failure state. */
  async function firstFailure(): Promise<unknown> {
    const { source, states } = h.make({ watch: false });
    source.start();
    await until(() => states.some((s) => !s.includes('loading')), 5000, 'the failure');
    source.stop();
    return JSON.parse(states.find((s) => !s.includes('loading')) ?? '');
  }

  test('a namespaces list whose items are not a list: the failure names "list namespaces" (default retry options)', async () => {
    h.answer({ [NS]: () => ({ kind: 'List', metadata: { resourceVersion: '1' }, items: 5 }) });
    assert.deepEqual(await firstFailure(), { kind: 'error', message: 'Malformed answer to list namespaces: "items" is not a list' });
    assert.ok(h.logs.includes('loading failed: Malformed answer to list namespaces: "items" is not a list; next try in 0.8 s'), h.logs.join('\n'));
  });

  test('a KubeVirt CR list that is not a JSON object: the failure names "list kubevirts.kubevirt.io"', async () => {
    h.answer({ [KUBEVIRTS]: () => [200, [1, 2]] });
    assert.deepEqual(await firstFailure(), { kind: 'error', message: 'Malformed answer to list kubevirts.kubevirt.io: not a JSON object' });
  });

  test('a 500 on the second page fails the reading at once: only a 410 restarts the list', async () => {
    h.answer({ [VMIS]: (r) => (r.query.get('continue') ? [500, status(500, 'InternalError', 'boom')] : list([vmi('a', 'a')], '5', 'next')) });
    assert.deepEqual(await firstFailure(), { kind: 'error', message: 'The server answered 500 to list virtualmachineinstances.kubevirt.io at the cluster scope: boom' });
    assert.deepEqual(h.fault.requests.filter((r) => r.path === VMIS).map((r) => r.query.get('continue')), [null, 'next']);
  });
});
