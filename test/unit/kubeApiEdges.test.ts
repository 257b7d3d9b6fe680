// cluster/kubeApi.ts lines 1-212 (getJson, send) where kubeApiMutants.test.ts does not reach: a call before
// connect, an answer cut or stalled halfway through its body, a plain-http server (the request headers as sent),
// an exec credential plugin that fails, and a socks5 proxy-url. Against real servers on free loopback ports (node:https with an
// openssl-made EC certificate, node:http) and a real /bin/sh plugin.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KubeApi, RESOURCES, type KubeApiOptions } from '../../server/src/cluster/kubeApi';
import { faultOf } from '../support/apiFaults';
import { writeKubeconfig } from '../support/apiserver';
import { startFaultServer, type FaultServer } from '../support/faultServer';
import { startSocksProxy } from '../support/socksProxy';
import { skipWithoutOpenssl } from '../support/liveHarness';

const NS = RESOURCES.namespaces;
const options = (o: Partial<KubeApiOptions> = {}): KubeApiOptions => ({ timeoutMs: 2000, maxResponseBytes: 1024 * 1024, limit: 500, lifetime: () => new AbortController().signal, ...o });

describe('KubeApi: calls before connect, bodies cut or stalled, plain http, failing credential plugins', { skip: skipWithoutOpenssl }, () => {
  let fault: FaultServer;
  let dir = '';
  before(async () => {
    fault = await startFaultServer('ec');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-kae-'));
  });
  after(async () => {
    await fault?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const connected = async (o: Partial<KubeApiOptions> = {}, kubeconfig = fault.kubeconfig) => {
    const api = new KubeApi(options(o));
    await api.connect(kubeconfig, undefined);
    return api;
  };

  test('before connect (and after disconnect) a call is stopped and sends nothing', async () => {
    fault.requests.length = 0;
    const api = new KubeApi(options());
    let hooked = 0;
    api.onRequest(() => hooked++);
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'stopped', message: 'stopped' });
    await api.connect(fault.kubeconfig, undefined);
    await api.getJson('list', NS, NS.path, NS.accept);
    api.disconnect();
    assert.equal(api.connection, undefined);
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'stopped', message: 'stopped' });
    assert.equal(hooked, 1);
    assert.equal(fault.requests.length, 1);
  });

  test('an answer cut halfway is a reset connection; one that stalls halfway times out', async () => {
    const api = await connected({ timeoutMs: 400 });
    fault.override = (_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"kind":"List","items":[');
      setTimeout(() => res.destroy(), 20);
      return true;
    };
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'unreachable', message: `Cannot reach ${fault.url}: connection reset (ECONNRESET)` });
    fault.override = (_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"kind":"List","items":[');
      return true;
    };
    const started = Date.now();
    assert.deepEqual(await faultOf(api.getJson('list', NS, NS.path, NS.accept)), { kind: 'unreachable', message: `No answer from ${fault.url} within 0.4 s (list namespaces)` });
    assert.ok(Date.now() - started >= 350, `${Date.now() - started} ms`);
    fault.override = undefined;
  });

  test('a plain-http server is reached with node:http: one GET with the accept header, the user agent and the token', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const methods: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers);
      methods.push(req.method ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'List', items: [{ metadata: { name: 'plain' } }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      // @kubernetes/client-node sends to an http:// server only with insecure-skip-tls-verify.
      const kubeconfig = writeKubeconfig(path.join(dir, 'plain'), url, fault.caCert, { plain: { token: 'plain-token-123' } });
      fs.writeFileSync(kubeconfig, fs.readFileSync(kubeconfig, 'utf8').replace(/certificate-authority-data: \S+/, 'insecure-skip-tls-verify: true'));
      const api = await connected({}, kubeconfig);
      assert.deepEqual(await api.getJson('list', RESOURCES.vmis, `${RESOURCES.vmis.path}?limit=5`, RESOURCES.vmis.accept), { kind: 'List', items: [{ metadata: { name: 'plain' } }] });
      assert.deepEqual(methods, ['GET']);
      assert.deepEqual([seen[0].accept, seen[0]['user-agent'], seen[0].authorization], [RESOURCES.vmis.accept, 'kubevirt-migrationpolicy', 'Bearer plain-token-123']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test('through a socks5 proxy-url, to an https and to a plain-http server', async () => {
    // The proxy's agent (agent-base) takes its scheme from the module that sends: node:https for an https
    // server, node:http for a plain one; the other module fails the call.
    const proxy = await startSocksProxy();
    const plain = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'List', items: [] }));
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
    try {
      const viaProxy = (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/(\n    server: \S+)/, `$1\n    proxy-url: ${proxy.url}`));
      const secure = writeKubeconfig(path.join(dir, 'socks-https'), fault.url, fault.caCert, { socks: { token: fault.token } });
      viaProxy(secure);
      fault.requests.length = 0;
      const api = await connected({}, secure);
      assert.deepEqual((await api.getJson('list', NS, NS.path, NS.accept) as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name), ['default', 'prod']);
      assert.deepEqual(proxy.connects, [fault.url.replace('https://', '')]);
      assert.equal(fault.requests.length, 1);
      const url = `http://127.0.0.1:${(plain.address() as { port: number }).port}`;
      const open = writeKubeconfig(path.join(dir, 'socks-http'), url, fault.caCert, { socksplain: { token: 'plain-token-123' } });
      fs.writeFileSync(open, fs.readFileSync(open, 'utf8').replace(/certificate-authority-data: \S+/, 'insecure-skip-tls-verify: true'));
      viaProxy(open);
      const plainApi = await connected({}, open);
      assert.deepEqual(await plainApi.getJson('list', NS, NS.path, NS.accept), { kind: 'List', items: [] });
      assert.deepEqual(proxy.connects.slice(1), [url.replace('http://', '')]);
    } finally {
      plain.closeAllConnections();
      await new Promise((r) => plain.close(() => r(undefined)));
      await proxy.close();
    }
  });

  test('a credential plugin that fails: unauthorized, the first line of its error, no credential; nothing is sent', async () => {
    const script = `echo "no login for ${fault.token}" >&2; echo second line >&2; exit 3`;
    const kubeconfig = writeKubeconfig(path.join(dir, 'failing'), fault.url, fault.caCert, { failing: { exec: { command: '/bin/sh', args: ['-c', script] } } });
    // The kubeconfig names the token inside the script: it is no credential of the kubeconfig, so the
    // message may hold it only as the plugin printed it. Make it one: a second user with that token.
    fs.appendFileSync(kubeconfig, `- name: other\n  user:\n    token: ${fault.token}\n`);
    fault.requests.length = 0;
    const api = await connected({}, kubeconfig);
    const f = await faultOf(api.getJson('list', NS, NS.path, NS.accept));
    assert.equal(f.kind, 'unauthorized');
    // @kubernetes/client-node rejects with an Error of the plugin's stderr: its first line, the token removed.
    assert.equal(f.message, 'Cannot get credentials for context failing: no login for ***');
    assert.ok(!f.message.includes(fault.token), f.message);
    assert.ok(!f.message.includes('second line'), f.message);
    assert.equal(fault.requests.length, 0);
  });
});
