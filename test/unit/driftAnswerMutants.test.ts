// lsp/workloads.ts driftAnswer, the drift command's answer, against a stand-in ClusterManager: no cluster
// data, the report from the records read, and faults. A fault is reworded by its kind, not by its text:
// only an ApiFault of kind 'stopped' (a Refresh or stop ended the reading) says "run drift again"; any
// other failure, even one whose message is the word "stopped", is passed on as it is.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiFault } from '../../server/src/cluster/apiFault';
import type { FaultKind } from '../../server/src/cluster/apiFault';
import type { MigrationRecord } from '../../server/src/cluster/objects';
import type { PolicyInfo } from '../../server/src/cluster/types';
import type { ClusterView } from '../../server/src/features/clusterView';
import type { ClusterManager } from '../../server/src/lsp/cluster';
import { driftAnswer } from '../../server/src/lsp/workloads';
import type { ClusterStatus } from '../../server/src/protocol';

const STATUS = { source: { kind: 'snapshot', path: 'cluster.yaml', demo: false }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 2, policies: 1 } } as unknown as ClusterStatus;
const NO_DATA = 'no cluster data: drift needs a cluster or a snapshot file';
const RUN_AGAIN = 'the cluster reading was refreshed or stopped while drift read the VMIs: run drift again';

const gold: PolicyInfo = { name: 'gold', hasSelectors: true, namespaceSelector: {}, vmiSelector: { tier: 'gold' }, spec: { allowPostCopy: true }, origin: { kind: 'cluster' } };
const record = (name: string, tier: string, policy?: string): MigrationRecord => ({ namespace: 'prod', name, labels: { tier }, policy, configuration: 'v1.9', outcome: 'succeeded' });
const view = { inventory: { namespaces: [{ name: 'prod', labels: {} }], kubevirt: { version: 'v1.9.0' } }, evaluation: { policies: [gold] } } as unknown as ClusterView;

/** A ClusterManager whose migrationRecords answers `read` (a value, or a function that throws); records the page sizes asked for. */
const manager = (read: () => Promise<unknown>) => {
  const asked: number[] = [];
  const cluster = { status: () => STATUS, migrationRecords: (pageSize: number) => (asked.push(pageSize), read()) } as unknown as ClusterManager;
  return { cluster, asked };
};
const failing = (e: unknown) => manager(() => Promise.reject(e)).cluster;

test('no cluster, or a view without inventory or evaluation: no report, the default status, no read', async () => {
  assert.deepEqual(await driftAnswer(undefined, view, 7), { report: null, read: 0, pages: 0, status: { source: { kind: 'none' }, state: { kind: 'disabled' }, counts: { namespaces: 0, vmis: 0, policies: 0 } }, error: NO_DATA });
  for (const v of [undefined, { evaluation: view.evaluation }, { inventory: view.inventory }] as unknown as (ClusterView | undefined)[]) {
    const { cluster, asked } = manager(() => Promise.resolve({ records: [], read: 0, pages: 0 }));
    assert.deepEqual(await driftAnswer(cluster, v, 7), { report: null, read: 0, pages: 0, status: STATUS, error: NO_DATA });
    assert.deepEqual(asked, []);
  }
});

test('a source without records (migrationRecords undefined): no report, the cluster\'s status', async () => {
  const { cluster, asked } = manager(() => Promise.resolve(undefined));
  assert.deepEqual(await driftAnswer(cluster, view, 7), { report: null, read: 0, pages: 0, status: STATUS, error: NO_DATA });
  assert.deepEqual(asked, [7]);
});

test('records read: the report against the view\'s policies, with what was read and in how many pages', async () => {
  const { cluster, asked } = manager(() => Promise.resolve({ records: [record('same', 'gold', 'gold'), record('moved', 'none', 'gold')], read: 5, pages: 2 }));
  const answer = await driftAnswer(cluster, view, 3);
  assert.deepEqual(asked, [3]);
  assert.deepEqual({ ...answer, report: undefined }, { report: undefined, read: 5, pages: 2, status: STATUS });
  assert.equal(answer.report?.migrated, 2);
  assert.equal(answer.report?.consistent, 1);
  assert.deepEqual(answer.report?.groups, [
    { recorded: 'gold', exists: true, vmis: [{ namespace: 'prod', name: 'moved', recorded: 'gold', now: null, kind: 'no-policy-wins-now', outcome: 'succeeded' }] },
  ]);
  // A cluster without a KubeVirt CR (no version known): the same report, no failure.
  const bare = { ...view, inventory: { namespaces: view.inventory!.namespaces } } as unknown as ClusterView;
  const without = await driftAnswer(cluster, bare, 3);
  assert.equal(without.error, undefined);
  assert.deepEqual(without.report, answer.report);
});

test('a reading ended by a Refresh or stop (ApiFault \'stopped\'): drift says so and to run it again', async () => {
  assert.deepEqual(await driftAnswer(failing(new ApiFault('stopped', 'stopped')), view, 7), { report: null, read: 0, pages: 0, status: STATUS, error: RUN_AGAIN });
  // The kind decides, whatever the message.
  assert.equal((await driftAnswer(failing(new ApiFault('stopped', 'ended')), view, 7)).error, RUN_AGAIN);
});

test('any other fault is passed on as it is, even when its message is the word "stopped"', async () => {
  const kinds: FaultKind[] = ['unreachable', 'unauthorized', 'forbidden', 'notFound', 'gone', 'error'];
  for (const kind of kinds) {
    assert.deepEqual(await driftAnswer(failing(new ApiFault(kind, 'stopped')), view, 7), { report: null, read: 0, pages: 0, status: STATUS, error: 'stopped' }, kind);
  }
  assert.equal((await driftAnswer(failing(new Error('stopped')), view, 7)).error, 'stopped');
  assert.equal((await driftAnswer(failing(new ApiFault('unauthorized', 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized')), view, 7)).error, 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized');
  assert.equal((await driftAnswer(failing(new Error('ENOENT: no such file or directory, open \'cluster.yaml\'')), view, 7)).error, 'ENOENT: no such file or directory, open \'cluster.yaml\'');
});
