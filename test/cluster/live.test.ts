// The live source against a real kube-apiserver + etcd (test/support/apiserver.ts): exact full loads,
// paging, watch updates, RBAC and authentication failures, every credential kind, and no leaked secret.
// Skipped with a message when scripts/kube-apiserver.sh has not cached a binary; in CI that fails instead.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { listContexts } from '../../server/src/cluster/kubeconfig';
import { LiveClusterSource, loadKubeCluster, type LiveClusterOptions, type RequestInfo } from '../../server/src/cluster/live';
import { apiServerMissing, FIXTURE, startTestCluster, type TestCluster } from '../support/apiserver';
import { waitForSource } from '../support/faultServer';

const missing = apiServerMissing();
const skip = missing && !process.env.CI ? `real cluster tests skipped: ${missing}` : false;

let cluster: TestCluster;
const logs: string[] = [];
const messages: string[] = [];
const sources: LiveClusterSource[] = [];

function source(options: LiveClusterOptions): LiveClusterSource {
  const s = new LiveClusterSource({ timeoutMs: 10_000, coalesceMs: 20, log: (m) => logs.push(m), ...options });
  s.onChange(() => messages.push(JSON.stringify(s.status())));
  sources.push(s);
  return s;
}

async function loaded(s: LiveClusterSource): Promise<void> {
  s.start();
  await waitForSource(s, () => !['loading'].includes(s.status().state.kind), 15_000, 'the first reading');
}

const sortedNames = (xs: readonly { name: string }[]) => xs.map((x) => x.name).sort();

describe('live source against a real kube-apiserver', () => {
  before(async () => {
    if (skip) return;
    if (missing) throw new Error(`CI needs the real cluster: ${missing}`);
    cluster = await startTestCluster();
  });
  after(async () => {
    for (const s of sources) s.stop();
    await cluster?.stop();
  });

  test('a full load reads every namespace, VMI, policy and the KubeVirt CR exactly', { skip }, async () => {
    const s = source({ kubeconfig: cluster.kubeconfig.admin, watch: false });
    await loaded(s);
    assert.deepEqual(s.status().state, { kind: 'ready' });
    assert.deepEqual(s.description, { kind: 'kube', context: 'admin', server: cluster.server });
    const data = s.current()!;
    assert.deepEqual(data.namespaces.map((n) => n.name), [...FIXTURE.namespaces].sort());
    assert.deepEqual(data.namespaces.find((n) => n.name === 'prod')?.labels, { env: 'prod', 'kubernetes.io/metadata.name': 'prod' });
    assert.deepEqual(
      data.vmis.map((v) => [v.namespace, v.name, v.labels]),
      FIXTURE.vmis.map((v) => [v.namespace, v.name, v.labels]).sort((a, b) => `${a[0]}/${a[1]}`.localeCompare(`${b[0]}/${b[1]}`)),
    );
    assert.ok(data.vmis.every((v) => v.memory === undefined), 'metadata only: no spec reaches the VMIs');
    assert.deepEqual(sortedNames(data.policies), FIXTURE.policies.map((p) => p.name).sort());
    assert.deepEqual(data.policies.find((p) => p.name === 'gold'), {
      name: 'gold', hasSelectors: true, namespaceSelector: { env: 'prod' }, vmiSelector: { tier: 'gold' },
      spec: FIXTURE.policies[0].spec, origin: { kind: 'cluster' },
    });
    assert.equal(data.policies.find((p) => p.name === 'no-selectors')?.hasSelectors, false);
    assert.equal(data.policies.find((p) => p.name === 'everything')?.hasSelectors, true);
    assert.deepEqual(data.kubevirt, { name: 'kubevirt', version: 'v1.9.0', featureGates: FIXTURE.kubevirt.featureGates, migrations: FIXTURE.kubevirt.migrations });
    const st = s.status();
    assert.deepEqual(st.counts, { namespaces: 7, vmis: 5, policies: 4 });
    assert.equal(st.kubevirtVersion, 'v1.9.0');
    assert.ok(st.loadedAt && !Number.isNaN(Date.parse(st.loadedAt)));
  });

  test('lists page with a small limit: several requests per resource, same data', { skip }, async () => {
    const requests: RequestInfo[] = [];
    const s = source({ kubeconfig: cluster.kubeconfig.admin, watch: false, limit: 2 });
    s.onRequest((r) => requests.push(r));
    const states: unknown[] = [];
    s.onChange(() => states.push(s.status().state));
    await loaded(s);
    const lists = (resource: string) => requests.filter((r) => r.verb === 'list' && r.resource === resource).map((r) => r.path);
    assert.equal(lists('namespaces').length, 4);
    assert.equal(lists('virtualmachineinstances.kubevirt.io').length, 3);
    assert.equal(lists('migrationpolicies.migrations.kubevirt.io').length, 2);
    assert.ok(lists('namespaces').every((p, i) => p.includes('limit=2') && (i === 0) !== p.includes('continue=')));
    assert.deepEqual(s.status().counts, { namespaces: 7, vmis: 5, policies: 4 });
    assert.ok(states.some((x) => JSON.stringify(x) === JSON.stringify({ kind: 'loading', loaded: { namespaces: 7, vmis: 2, policies: 0 } })), 'progress is reported per page');
  });

  test('client certificates, exec plugins and a chosen context all load', { skip }, async () => {
    for (const [kubeconfig, context] of [[cluster.kubeconfig.cert, undefined], [cluster.kubeconfig.exec, undefined], [cluster.kubeconfig.all, 'cert']] as const) {
      const data = await loadKubeCluster(context, kubeconfig);
      assert.deepEqual([data.namespaces.length, data.vmis.length, data.policies.length], [7, 5, 4], `${kubeconfig} ${context ?? ''}`);
    }
    const contexts = await listContexts(cluster.kubeconfig.all);
    assert.equal(contexts.current, 'admin');
    assert.deepEqual(contexts.contexts.map((c) => [c.name, c.user, c.server]), ['admin', 'limited', 'cert', 'exec'].map((n) => [n, n, cluster.server]));
    await assert.rejects(loadKubeCluster('nope', cluster.kubeconfig.all), { message: 'The kubeconfig has no context "nope" (contexts: admin, limited, cert, exec)' });
  });

  test('the limited user (namespaces only) ends in forbidden, naming the verb and resource', { skip }, async () => {
    const requests: RequestInfo[] = [];
    const s = source({ kubeconfig: cluster.kubeconfig.limited });
    s.onRequest((r) => requests.push(r));
    await loaded(s);
    const state = s.status().state;
    assert.equal(state.kind, 'forbidden');
    assert.equal(state.kind === 'forbidden' && state.verb, 'list');
    assert.equal(state.kind === 'forbidden' && state.resource, 'virtualmachineinstances.kubevirt.io');
    assert.equal(state.kind === 'forbidden' && state.message,
      'Not allowed to list virtualmachineinstances.kubevirt.io at the cluster scope (403 Forbidden): virtualmachineinstances.kubevirt.io is forbidden: ' +
      'User "limited" cannot list resource "virtualmachineinstances" in API group "kubevirt.io" at the cluster scope');
    assert.deepEqual(requests.map((r) => r.resource), ['namespaces', 'virtualmachineinstances.kubevirt.io']);
    assert.equal(s.current(), undefined);
  });

  test('a bad token ends in unauthorized', { skip }, async () => {
    const s = source({ kubeconfig: cluster.kubeconfig.badToken });
    await loaded(s);
    assert.deepEqual(s.status().state, { kind: 'unauthorized', message: 'The server rejected the credentials of context bad (401 Unauthorized): Unauthorized' });
  });

  test('watch: a VMI label change, a new VMI, a deleted policy and a namespace label reach the data', { skip }, async () => {
    const s = source({ kubeconfig: cluster.kubeconfig.admin });
    const requests: RequestInfo[] = [];
    s.onRequest((r) => requests.push(r));
    await loaded(s);
    await waitForSource(s, () => requests.filter((r) => r.verb === 'watch').length === 3, 5000, 'three watches');
    const vmiWatch = requests.find((r) => r.verb === 'watch' && r.resource === 'virtualmachineinstances.kubevirt.io')!;
    assert.match(vmiWatch.path, /^\/apis\/kubevirt\.io\/v1\/virtualmachineinstances\?watch=1&allowWatchBookmarks=true&timeoutSeconds=\d+&resourceVersion=\d+$/);
    const before = s.current()!;

    let changes = 0;
    s.onChange(() => changes++);
    await cluster.request('PATCH', '/apis/kubevirt.io/v1/namespaces/prod/virtualmachineinstances/db-1', { metadata: { labels: { tier: 'silver' } } });
    await waitForSource(s, () => s.current()!.vmis.find((v) => v.namespace === 'prod' && v.name === 'db-1')?.labels.tier === 'silver', 5000, 'the label change');
    assert.ok(changes >= 1);
    assert.equal(before.vmis.find((v) => v.name === 'db-1')?.labels.tier, 'gold', 'earlier readings stay as they were');

    await cluster.request('POST', '/apis/kubevirt.io/v1/namespaces/dev/virtualmachineinstances', {
      apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'late', labels: { app: 'late' } }, spec: {},
    });
    await cluster.request('DELETE', '/apis/migrations.kubevirt.io/v1alpha1/migrationpolicies/web');
    await cluster.request('PATCH', '/api/v1/namespaces/dev', { metadata: { labels: { env: 'staging' } } });
    await waitForSource(s, () => {
      const d = s.current()!;
      return d.vmis.length === 6 && !d.policies.some((p) => p.name === 'web') && d.namespaces.find((n) => n.name === 'dev')?.labels.env === 'staging';
    }, 5000, 'the new VMI, the deleted policy and the namespace label');
    assert.deepEqual(s.current()!.vmis.find((v) => v.name === 'late'), { namespace: 'dev', name: 'late', labels: { app: 'late' } });
    assert.deepEqual(sortedNames(s.current()!.policies), ['everything', 'gold', 'no-selectors']);
    assert.equal(s.status().state.kind, 'ready');
    assert.ok(requests.every((r) => r.verb === 'list' || r.verb === 'watch'));
    s.stop();
  });

  test('no log line or status message holds a token or the client key', { skip }, () => {
    const key = cluster.certs.clientKey.split('\n').filter((l) => l && !l.startsWith('-----'));
    const kubeconfigs = Object.values(cluster.kubeconfig).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const badToken = /token: (\S+)/.exec(fs.readFileSync(cluster.kubeconfig.badToken, 'utf8'))![1];
    const secrets = [cluster.adminToken, cluster.limitedToken, badToken, key[1], key[5], Buffer.from(cluster.certs.clientKey).toString('base64').slice(20, 60)];
    assert.ok(secrets.slice(0, 3).every((t) => kubeconfigs.includes(t)));
    assert.ok(logs.length > 20 && messages.length > 10);
    for (const text of [...logs, ...messages]) for (const secret of secrets) assert.ok(!text.includes(secret), `a secret in: ${text}`);
  });
});
