// The words of the code lenses: the data source's state for every state and source, the match title for
// every count shape, and the what-if delta, exactly as the lens shows them.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterStatus } from '../../server/src/cluster/types';
import { describeClusterState, describeDelta, matchTitle } from '../../server/src/features/codeLens';

const counts = { namespaces: 1, vmis: 1, policies: 1 };
const kube = { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' } as const;
const status = (state: ClusterStatus['state'], source: ClusterStatus['source'] = kube, extra: Partial<ClusterStatus> = {}): ClusterStatus => ({ source, state, counts, ...extra });

test('describeClusterState: every state of every source, in the lens words', () => {
  const cases: [ClusterStatus, string | undefined][] = [
    [status({ kind: 'ready' }), undefined],
    [status({ kind: 'ready' }, { kind: 'snapshot', path: '/home/me/dumps/cluster.yaml', demo: false }), 'from the snapshot cluster.yaml'],
    [status({ kind: 'ready' }, { kind: 'snapshot', path: 'C:\\dumps\\win.yaml', demo: false }), 'from the snapshot win.yaml'],
    [status({ kind: 'ready' }, { kind: 'snapshot', path: '/x/examples/cluster.yaml', demo: true }), 'from the demo snapshot'],
    [status({ kind: 'loading' }), 'cluster dev: loading'],
    [status({ kind: 'loading', loaded: { namespaces: 2, vmis: 1, policies: 0 } }), 'cluster dev: loading (1 VMI so far)'],
    [status({ kind: 'loading', loaded: { namespaces: 2, vmis: 12345, policies: 0 } }), 'cluster dev: loading (12,345 VMIs so far)'],
    [status({ kind: 'loading', loaded: { namespaces: 0, vmis: 0, policies: 0 } }), 'cluster dev: loading (0 VMIs so far)'],
    [status({ kind: 'stale', reason: 'the watch ended' }), 'cluster dev: stale (the watch ended)'],
    [status({ kind: 'unreachable', message: 'connect ECONNREFUSED' }), 'cluster dev unreachable: connect ECONNREFUSED'],
    [status({ kind: 'unauthorized', message: 'token expired' }), 'cluster dev: not authorized (401): token expired'],
    [status({ kind: 'forbidden', message: 'no', verb: 'list', resource: 'virtualmachineinstances' }), 'cluster dev: forbidden (403): cannot list virtualmachineinstances'],
    [status({ kind: 'error', message: 'boom' }), 'cluster dev: boom'],
    [status({ kind: 'error', message: 'bad file' }, { kind: 'snapshot', path: '/s/a.yaml', demo: false }), 'snapshot a.yaml: bad file'],
    [status({ kind: 'disabled' }, { kind: 'none', reason: 'Restricted Mode' }), 'no cluster (Restricted Mode)'],
    [status({ kind: 'disabled' }, { kind: 'none' }), 'no cluster'],
    [status({ kind: 'disabled' }), 'no cluster'],
    [status({ kind: 'error', message: 'x' }, { kind: 'none' }), 'no cluster: x'],
    // a retry time is added to a fault only; an unreadable one is shown as it is
    [status({ kind: 'ready' }, kube, { nextRetryAt: '2026-01-02T03:04:05Z' }), undefined],
    [status({ kind: 'unreachable', message: 'timeout' }, kube, { nextRetryAt: 'soon' }), 'cluster dev unreachable: timeout; next try at soon'],
  ];
  for (const [s, words] of cases) assert.equal(describeClusterState(s), words, JSON.stringify(s));
  const at = new Date('2026-01-02T03:04:05Z');
  const local = [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  assert.equal(describeClusterState(status({ kind: 'unreachable', message: 'timeout' }, kube, { nextRetryAt: at.toISOString() })), `cluster dev unreachable: timeout; next try at ${local}`);
});

test('matchTitle: none, one, many, losses, thousands, while migrating, demo', () => {
  const none = new Map<string, number>();
  assert.equal(matchTitle({ matched: 0, won: 0, lostTo: none }), 'matches no VMI');
  assert.equal(matchTitle({ matched: 0, won: 0, lostTo: none }, true), 'matches no demo VMI');
  assert.equal(matchTitle({ matched: 0, won: 0, lostTo: none, atMigration: { targetNode: 'node-2', vmis: 1 } }), 'matches no VMI now · 1 VMI while migrating to node-2');
  assert.equal(matchTitle({ matched: 0, won: 0, lostTo: none, atMigration: { targetNode: 'n', vmis: 3 } }, true), 'matches no demo VMI now · 3 demo VMIs while migrating to n');
  assert.equal(matchTitle({ matched: 1, won: 1, lostTo: none }), 'matches 1 VMI · wins 1');
  assert.equal(matchTitle({ matched: 1, won: 0, lostTo: new Map([['a', 1]]) }), 'matches 1 VMI · wins 0 · loses 1');
  assert.equal(matchTitle({ matched: 12345, won: 12000, lostTo: new Map([['a', 345]]) }), 'matches 12,345 VMIs · wins 12,000 · loses 345');
  assert.equal(matchTitle({ matched: 1234567, won: 1234567, lostTo: none }, true), 'matches 1,234,567 demo VMIs · wins 1,234,567');
  assert.equal(matchTitle({ matched: 100, won: 100, lostTo: none }), 'matches 100 VMIs · wins 100');
  // beyond 2^53 the count is no longer exact; it is still grouped
  assert.equal(matchTitle({ matched: 1e20, won: 1e20, lostTo: none }), 'matches 100,000,000,000,000,000,000 VMIs · wins 100,000,000,000,000,000,000');
});

test('describeDelta: one line per group, gains first, singular and plural, cluster defaults for no policy', () => {
  const vmis = (n: number) => Array.from({ length: n }, (_, i) => i);
  assert.deepEqual(describeDelta({ gained: [], lost: [] }), []);
  assert.deepEqual(
    describeDelta({ gained: [{ from: 'default-policy', vmis: vmis(12) }, { from: null, vmis: vmis(1) }], lost: [{ to: 'databases', vmis: vmis(3) }, { to: null, vmis: vmis(1) }] }),
    ['+12 VMIs from default-policy', '+1 VMI from cluster defaults', '\u22123 VMIs to databases', '\u22121 VMI to cluster defaults'],
  );
});
