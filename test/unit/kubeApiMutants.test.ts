// cluster/kubeApi.ts, kubeconfig.ts and apiFault.ts in the unit tier: the HTTP client against our own
// HTTPS server (test/support/faultServer.ts: a real node:https server with a CA and certificate made by
// openssl for this run, speaking just enough of the Kubernetes API), real kubeconfig files read by
// @kubernetes/client-node, and a real exec credential plugin (a node script). Messages are compared whole.
// No kube-apiserver: the cluster tier checks the same client against the real one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ApiFault } from '../../server/src/cluster/apiFault';
import { asListBody, KubeApi, RESOURCES, type KubeApiOptions, type RequestInfo } from '../../server/src/cluster/kubeApi';
import { freePort, writeKubeconfig } from '../support/apiserver';
import { sendJson, status, useFaultServerAndDir, type FaultServer } from '../support/faultServer';
import { faultOf } from '../support/apiFaults';
import { until } from '../support/wait';

const NS = RESOURCES.namespaces;
const hasOpenssl = (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, 'openssl')));
const skip = hasOpenssl ? false : 'openssl is not installed (apt-get install -y openssl): the test server needs a certificate';

describe('KubeApi against a local HTTPS server', { skip }, () => {
  let fault: FaultServer;
  let extra = '';
  useFaultServerAndDir('mp-kam-', (server, dir) => ((fault = server), (extra = dir)));
  const options = (o: Partial<KubeApiOptions> = {}): KubeApiOptions => ({ timeoutMs: 2000, maxResponseBytes: 1024 * 1024, limit: 500, lifetime: () => new AbortController().signal, ...o });
  const connected = async (o: Partial<KubeApiOptions> = {}, kubeconfig = fault.kubeconfig) => {
    const api = new KubeApi(options(o));
    await api.connect(kubeconfig, undefined);
    return api;
  };
  const reset = (override: FaultServer['override'] = undefined) => {
    fault.override = override;
    fault.requests.length = 0;
  };
  const answer = (code: number, body: unknown) => (_r: unknown, res: Parameters<NonNullable<FaultServer['override']>>[1]) => (sendJson(res, code, body), true);

  test('a list: the parsed answer, one GET with the accept header and the token, announced to hooks and the log', async () => {
    reset();
    const logs: string[] = [];
    const api = await connected({ log: (m) => logs.push(m) });
    assert.equal(api.connection?.server, fault.url);
    const seen: RequestInfo[] = [];
    const hook = api.onRequest((i) => seen.push(i));
    const body = await api.getJson('list', NS, `${NS.path}?limit=500&continue=secret-cursor&x=1`, NS.accept);
    assert.deepEqual(asListBody(body, 'list namespaces').items.map((i) => (i.metadata as { name: string }).name), ['default', 'prod']);
    assert.deepEqual(seen, [{ verb: 'list', resource: 'namespaces', path: '/api/v1/namespaces?limit=500&continue=secret-cursor&x=1' }]);
    assert.deepEqual(logs, ['GET /api/v1/namespaces?limit=500&continue=…&x=1']);
    assert.equal(fault.requests.length, 1);
    assert.deepEqual([fault.requests[0].method, fault.requests[0].path, fault.requests[0].accept, fault.requests[0].authorization], ['GET', NS.path, 'application/json', `Bearer ${fault.token}`]);
    hook.dispose();
    await api.getJson('get', RESOURCES.vmis, RESOURCES.vmis.path, RESOURCES.vmis.accept);
    assert.equal(seen.length, 1);
    assert.equal(fault.requests[1].accept, 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json');
    assert.equal(api.toFault(new Error(`Bearer ${fault.token}`)).message, 'Unexpected failure: Bearer ***');
  });

  test('HTTP faults by status, with the server message (credentials removed, clipped) or the first line of a text', async () => {
    const api = await connected();
    const cases: [number, unknown, { kind: string; message: string; verb?: string; resource?: string }][] = [
      [401, status(401, 'Unauthorized', 'Unauthorized'), { kind: 'unauthorized', message: 'The server rejected the credentials of context fault (401 Unauthorized): Unauthorized' }],
      [403, status(403, 'Forbidden', 'namespaces is forbidden'), { kind: 'forbidden', message: 'Not allowed to list namespaces at the cluster scope (403 Forbidden): namespaces is forbidden', verb: 'list', resource: 'namespaces' }],
      [403, '', { kind: 'forbidden', message: 'Not allowed to list namespaces at the cluster scope (403 Forbidden)', verb: 'list', resource: 'namespaces' }],
      [404, status(404, 'NotFound', 'not here'), { kind: 'notFound', message: 'The cluster does not serve namespaces (404): is KubeVirt installed?' }],
      [410, status(410, 'Expired', 'too old resource version'), { kind: 'gone', message: 'list namespaces at the cluster scope: 410 Gone: too old resource version' }],
      [410, '', { kind: 'gone', message: 'list namespaces at the cluster scope: 410 Gone' }],
      [500, 'etcd is down\nstack trace', { kind: 'error', message: 'The server answered 500 to list namespaces at the cluster scope: etcd is down' }],
      [503, '   ', { kind: 'error', message: 'The server answered 503 to list namespaces at the cluster scope' }],
      [500, { message: 42 }, { kind: 'error', message: 'The server answered 500 to list namespaces at the cluster scope' }],
      [500, { message: `leaked ${fault.token}` }, { kind: 'error', message: 'The server answered 500 to list namespaces at the cluster scope: leaked ***' }],
      [500, { message: 'y'.repeat(400) }, { kind: 'error', message: `The server answered 500 to list namespaces at the cluster scope: ${'y'.repeat(300)}…` }],
      // A credential across the 300th character is removed whole, not cut and left half visible.
      [500, { message: `${'y'.repeat(290)} ${fault.token}` }, { kind: 'error', message: `The server answered 500 to list namespaces at the cluster scope: ${'y'.repeat(290)} ***` }],
      [302, '', { kind: 'error', message: 'The server answered 302 to list namespaces at the cluster scope' }],
      // 300 is the first status that is not a success; a 401 without a body has no detail; a JSON null body has no message.
      [300, '', { kind: 'error', message: 'The server answered 300 to list namespaces at the cluster scope' }],
      [401, '', { kind: 'unauthorized', message: 'The server rejected the credentials of context fault (401 Unauthorized)' }],
      [500, null, { kind: 'error', message: 'The server answered 500 to list namespaces at the cluster scope' }],
    ];
    for (const [code, body, expected] of cases) {
      reset(answer(code, body));
      assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), expected, `${code} ${JSON.stringify(body)}`);
    }
    reset(answer(204, ''));
    let parseMessage = '';
    try {
      JSON.parse('');
    } catch (e) {
      parseMessage = (e as Error).message;
    }
    assert.deepEqual(await faultOf(api.getJson('get', NS, NS.path, NS.accept)), { kind: 'error', message: `Malformed answer to get namespaces: invalid JSON (${parseMessage})` });
    reset(answer(299, { ok: true }));
    assert.deepEqual(await api.getJson('get', NS, NS.path, NS.accept), { ok: true });
  });

  test('the error text of a failed call is read up to about 64 000 characters: a longer JSON body is not parsed, its first line is the detail', async () => {
    const api = await connected();
    const body = JSON.stringify({ message: 'short', pad: 'x'.repeat(100_000) });
    reset(answer(500, JSON.parse(body)));
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'error', message: `The server answered 500 to list namespaces at the cluster scope: ${body.slice(0, 300)}…` });
    // Under the cap the same body is parsed and its message is the detail.
    const fits = JSON.stringify({ message: 'short', pad: 'x'.repeat(60_000) });
    reset(answer(500, JSON.parse(fits)));
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'error', message: 'The server answered 500 to list namespaces at the cluster scope: short' });
  });

  test('a finished call leaves no timer behind (a CLI run would otherwise wait out the timeout before exiting)', async () => {
    const api = await connected({ timeoutMs: 20_000 });
    reset();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    await api.getJson('list', NS, NS.path, NS.accept);
    assert.equal(timers(), before);
    reset(answer(500, ''));
    await faultOf(api.getJson('list', NS, NS.path, NS.accept));
    assert.equal(timers(), before);
  });

  test('an answer larger than the cap is refused while it streams; one just under it is read', async () => {
    const api = await connected({ maxResponseBytes: 512 * 1024, limit: 250 });
    const big = JSON.stringify({ items: [], pad: 'x'.repeat(600 * 1024) });
    reset((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(big);
      return true;
    });
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'error', message: 'The answer to list namespaces is larger than 0.5 MiB and was not read (does the server ignore the page size limit=250?)' });
    const fits = JSON.stringify({ pad: 'x'.repeat(512 * 1024 - 10) });
    assert.equal(fits.length, 512 * 1024);
    reset(answer(200, fits));
    assert.equal(((await api.getJson('list', NS, NS.path, NS.accept)) as { pad: string }).pad.length, 512 * 1024 - 10);
  });

  test('no answer within the timeout is unreachable; a stopped lifetime is stopped', async () => {
    const api = await connected({ timeoutMs: 300 });
    reset(() => true);
    assert.deepEqual(await faultOf(api.getJson('list', RESOURCES.policies, RESOURCES.policies.path, RESOURCES.policies.accept)), { kind: 'unreachable', message: `No answer from ${fault.url} within 0.3 s (list migrationpolicies.migrations.kubevirt.io)` });
    const ended = new AbortController();
    ended.abort();
    const stopped = await connected({ lifetime: () => ended.signal });
    reset();
    assert.deepEqual(await faultOf(stopped.getJson('list', NS, NS.path, NS.accept)), { kind: 'stopped', message: 'stopped' });
    assert.equal(fault.requests.length, 0);
    // The lifetime ending while the answer is awaited.
    const lifetime = new AbortController();
    const ending = await connected({ lifetime: () => lifetime.signal });
    reset(() => {
      lifetime.abort();
      return true;
    });
    assert.deepEqual(await faultOf(ending.getJson('list', NS, NS.path, NS.accept)), { kind: 'stopped', message: 'stopped' });
  });

  test('a refused connection and an untrusted certificate', async () => {
    const port = await freePort();
    const refused = writeKubeconfig(path.join(extra, 'refused'), `https://127.0.0.1:${port}`, fault.caCert, { r: { token: 'refused-token' } });
    const api = await connected({}, refused);
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'unreachable', message: `Cannot reach https://127.0.0.1:${port}: connection refused (ECONNREFUSED)` });
    // A kubeconfig without the cluster's certificate authority: the system roots do not know the test CA.
    const untrusted = path.join(extra, 'untrusted');
    fs.writeFileSync(untrusted, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "${fault.url}"}\ncontexts:\n- name: u\n  context: {cluster: c, user: u}\ncurrent-context: u\nusers:\n- name: u\n  user: {token: ${fault.token}}\n`, { mode: 0o600 });
    const tls = await faultOf((await connected({}, untrusted)).getJson('list', NS, NS.path, NS.accept));
    assert.equal(tls.kind, 'error');
    assert.match(tls.message, new RegExp(`^TLS failure talking to ${fault.url.replace(/[.]/g, '\\.')}: .+ \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\\): check the kubeconfig's certificate authority$`));
  });

  test('basic auth and client certificates: requests go out without a token, and the password and key are credentials', async () => {
    const dir = path.dirname(fault.kubeconfig);
    const key = fs.readFileSync(path.join(dir, 'client.key'), 'utf8');
    const cert = writeKubeconfig(path.join(extra, 'cert'), fault.url, fault.caCert, { cert: { clientCert: fs.readFileSync(path.join(dir, 'client.crt'), 'utf8'), clientKey: key } });
    reset();
    const api = await connected({}, cert);
    assert.equal((await faultOf(api.getJson('list', NS, NS.path, NS.accept))).kind, 'unauthorized');
    assert.equal(fault.requests[0].authorization, '');
    // The key is longer than the 300 characters a message keeps: it is removed before the message is cut.
    assert.ok(key.length > 300);
    assert.equal(api.toFault(new Error(`key ${key}`)).message, 'Unexpected failure: key ***');
    assert.equal(api.networkFault(new Error(`${'z'.repeat(290)} ${key}`), 'list', NS).message, `Cannot reach ${fault.url}: ${'z'.repeat(290)} ***`);
    const basic = path.join(extra, 'basic');
    fs.writeFileSync(basic, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "${fault.url}", certificate-authority-data: ${Buffer.from(fault.caCert).toString('base64')}}\ncontexts:\n- name: b\n  context: {cluster: c, user: b}\ncurrent-context: b\nusers:\n- name: b\n  user: {username: me, password: pass-word}\n`, { mode: 0o600 });
    reset();
    const withPassword = await connected({}, basic);
    assert.equal((await faultOf(withPassword.getJson('list', NS, NS.path, NS.accept))).kind, 'unauthorized');
    assert.equal(fault.requests[0].authorization, `Basic ${Buffer.from('me:pass-word').toString('base64')}`);
    assert.equal(withPassword.toFault(new Error('me:pass-word')).message, 'Unexpected failure: me:***');
  });

  test('networkFault: every network code in words, TLS codes, other errors with and without a code', async () => {
    const api = await connected();
    const words: Record<string, string> = {
      ECONNREFUSED: 'connection refused', ENOTFOUND: 'host name not found', EAI_AGAIN: 'host name lookup failed',
      ECONNRESET: 'connection reset', EHOSTUNREACH: 'host unreachable', ENETUNREACH: 'network unreachable',
      ETIMEDOUT: 'connection timed out', EPIPE: 'connection closed', ECONNABORTED: 'connection aborted',
    };
    const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
    for (const [code, text] of Object.entries(words)) {
      const f = api.networkFault(err('x', code), 'list', NS);
      assert.deepEqual([f.kind, f.message], ['unreachable', `Cannot reach ${fault.url}: ${text} (${code})`]);
    }
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) {
      const f = api.networkFault(err('bad cert', code), 'list', NS);
      assert.deepEqual([f.kind, f.message], ['error', `TLS failure talking to ${fault.url}: bad cert (${code}): check the kubeconfig's certificate authority`]);
    }
    const other = api.networkFault(err(`socket hang up ${fault.token}`, 'ECONNWEIRD'), 'list', NS);
    assert.deepEqual([other.kind, other.message], ['unreachable', `Cannot reach ${fault.url}: socket hang up *** (ECONNWEIRD)`]);
    const noCode = api.networkFault(err('odd'), 'list', NS);
    assert.deepEqual([noCode.kind, noCode.message], ['unreachable', `Cannot reach ${fault.url}: odd`]);
    assert.equal(api.networkFault('a string', 'list', NS).message, `Cannot reach ${fault.url}: a string`);
    assert.deepEqual([api.networkFault(null, 'list', NS).kind, api.networkFault(null, 'list', NS).message], ['unreachable', `Cannot reach ${fault.url}: null`]);
    assert.deepEqual([api.toFault(null).kind, api.toFault(null).message], ['error', 'Unexpected failure: null']);
    assert.equal(api.toFault(undefined).message, 'Unexpected failure: undefined');
    const timed = api.networkFault(err('x', 'ECONNRESET'), 'watch', RESOURCES.vmis, true);
    assert.deepEqual([timed.kind, timed.message], ['unreachable', `No answer from ${fault.url} within 2 s (watch virtualmachineinstances.kubevirt.io)`]);
    const same = new ApiFault('gone', 'kept');
    assert.equal(api.networkFault(same, 'list', NS), same);
    const fresh = new KubeApi(options());
    assert.equal(fresh.networkFault(err('x', 'EPIPE'), 'list', NS).message, 'Cannot reach the server: connection closed (EPIPE)');
    const ended = new AbortController();
    ended.abort();
    const stopped = new KubeApi(options({ lifetime: () => ended.signal }));
    assert.deepEqual([stopped.networkFault(err('x', 'EPIPE'), 'list', NS).kind, stopped.networkFault(err('x', 'EPIPE'), 'list', NS, true).kind], ['stopped', 'unreachable']);
  });

  describe('exec credential plugins', () => {
    // The plugin (a shell script: starts in milliseconds) prints an ExecCredential with the server's token
    // and counts its runs in a file; with `release`, it waits for that file to exist first.
    const plugin = (name: string, expiry: string | undefined, delaySeconds = 0, release?: string) => {
      const counter = path.join(extra, `${name}.count`);
      const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: fault.token, ...(expiry ? { expirationTimestamp: expiry } : {}) } });
      const wait = release ? `while [ ! -e '${release}' ]; do sleep 0.05; done; ` : '';
      const script = `printf x >> '${counter}'; ${wait}${delaySeconds ? `exec sleep ${delaySeconds}` : `printf '%s' '${credential}'`}`;
      const kubeconfig = writeKubeconfig(path.join(extra, `${name}.kubeconfig`), fault.url, fault.caCert, { [name]: { exec: { command: '/bin/sh', args: ['-c', script] } } });
      return { kubeconfig, runs: () => (fs.existsSync(counter) ? fs.readFileSync(counter, 'utf8').length : 0) };
    };

    test('without an expiry the credential is reused until the server answers 401', async () => {
      const p = plugin('noexpiry', undefined);
      const api = await connected({}, p.kubeconfig);
      reset();
      await api.getJson('list', NS, NS.path, NS.accept);
      await api.getJson('list', NS, NS.path, NS.accept);
      assert.equal(p.runs(), 1);
      assert.deepEqual(fault.requests.map((r) => r.authorization), [`Bearer ${fault.token}`, `Bearer ${fault.token}`]);
      // The plugin's token is not in the kubeconfig: it is a credential from the first request on.
      assert.equal(api.toFault(new Error(`token ${fault.token}`)).message, 'Unexpected failure: token ***');
      assert.equal(api.toFault(new Error(`Bearer ${fault.token}`)).message, 'Unexpected failure: ***');
      reset(answer(401, status(401, 'Unauthorized', 'Unauthorized')));
      assert.equal((await faultOf(api.getJson('list', NS, NS.path, NS.accept))).kind, 'unauthorized');
      assert.equal(p.runs(), 1);
      reset();
      await api.getJson('list', NS, NS.path, NS.accept);
      assert.equal(p.runs(), 2);
      reset(answer(403, status(403, 'Forbidden', 'no')));
      await faultOf(api.getJson('list', NS, NS.path, NS.accept));
      reset();
      await api.getJson('list', NS, NS.path, NS.accept);
      assert.equal(p.runs(), 2, 'a 403 keeps the credential');
    });

    test('with an expiry in the future the credential is reused; in the past the plugin runs every time', async () => {
      const future = plugin('future', new Date(Date.now() + 3_600_000).toISOString());
      const api = await connected({}, future.kubeconfig);
      reset();
      await api.getJson('list', NS, NS.path, NS.accept);
      await api.getJson('list', NS, NS.path, NS.accept);
      assert.equal(future.runs(), 1);
      const past = plugin('past', '2020-01-01T00:00:00Z');
      const again = await connected({}, past.kubeconfig);
      await again.getJson('list', NS, NS.path, NS.accept);
      await again.getJson('list', NS, NS.path, NS.accept);
      assert.equal(past.runs(), 2);
    });

    test('a plugin that answers in time is not killed later; a plugin still running when the reading stops is left at once', async () => {
      // No wall-clock bound: the kill timer of the plugin and the test's own wait have the same length, and
      // node fires timers of one length in the order they were set, so the wait ends after the kill would
      // have happened. 2 s leaves the shell time to answer on a loaded machine.
      const quick = plugin('quick', undefined);
      const logs: string[] = [];
      const api = await connected({ timeoutMs: 2000, log: (m) => logs.push(m) }, quick.kubeconfig);
      reset();
      await api.getJson('list', NS, NS.path, NS.accept);
      assert.equal(quick.runs(), 1);
      await new Promise((r) => setTimeout(r, 2000));
      assert.deepEqual(logs.filter((l) => l.includes('exec credential plugin')), []);
      // A plugin that waits until the test releases it: the reading can only end by being stopped. The
      // stop is seen within the same turn of the event loop (before any timer or I/O), not when the plugin ends.
      const release = path.join(extra, 'stopping.release');
      const slow = plugin('stopping', undefined, 0, release);
      const lifetime = new AbortController();
      const stoppingLogs: string[] = [];
      const stopping = await connected({ timeoutMs: 60_000, lifetime: () => lifetime.signal, log: (m) => stoppingLogs.push(m) }, slow.kubeconfig);
      reset();
      let settled: { kind: string; message: string } | undefined;
      const outcome = faultOf(stopping.getJson('list', NS, NS.path, NS.accept)).then((f) => (settled = f));
      await until('the plugin to start', async () => (slow.runs() === 1 ? true : undefined));
      lifetime.abort();
      await new Promise((r) => setImmediate(r));
      fs.writeFileSync(release, '');
      assert.deepEqual(settled, { kind: 'stopped', message: 'stopped' });
      await outcome;
      assert.equal(fault.requests.length, 0);
      assert.deepEqual(stoppingLogs.filter((l) => l.includes('exec credential plugin')), []);
    });

    test('a plugin slower than the timeout is killed and logged; the request is not sent', async () => {
      const slow = plugin('slow', undefined, 5);
      const logs: string[] = [];
      const api = await connected({ timeoutMs: 400, log: (m) => logs.push(m) }, slow.kubeconfig);
      reset();
      assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'unreachable', message: 'The credentials of context slow were not ready within 0.4 s (exec plugin?)' });
      assert.equal(fault.requests.length, 0);
      // The call's timer was set before the plugin's (both 0.4 s): the call ends first, without waiting for
      // the plugin, which is killed next.
      assert.deepEqual(logs, ['GET /api/v1/namespaces']);
      await until('the kill to be logged', async () => (logs.includes('the exec credential plugin /bin/sh ran longer than 0.4 s: killed') ? true : undefined));
    });
  });
});
