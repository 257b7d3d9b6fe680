// cluster/kubeconfig.ts, apiFault.ts and kubeApi.ts's pure parts in the unit tier: real kubeconfig files
// (written to a temporary folder) read by @kubernetes/client-node, contexts chosen and listed, credentials
// removed from faults and logs, the list and watch answer checks. Messages are compared whole. The HTTP
// client itself is kubeApiMutants.test.ts (against our own HTTPS server).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiFault, clip, seconds } from '../../server/src/cluster/apiFault';
import { asListBody, asRecord, KubeApi, mebibytes, parseWatchLine, RESOURCES } from '../../server/src/cluster/kubeApi';
import { cacheExecCredentials, listContexts, openKubeConfig } from '../../server/src/cluster/kubeconfig';
import { faultOf } from '../support/apiFaults';

const NS = RESOURCES.namespaces;

test('apiFault: seconds and clip', () => {
  assert.equal(seconds(1500), '1.5 s');
  assert.equal(seconds(1000), '1 s');
  assert.equal(seconds(1234), '1.2 s');
  assert.equal(seconds(300), '0.3 s');
  assert.equal(clip('abc', 3), 'abc');
  assert.equal(clip('abcd', 3), 'abc…');
  assert.equal(clip('x'.repeat(300)), 'x'.repeat(300));
  assert.equal(clip('x'.repeat(301)), `${'x'.repeat(300)}…`);
  const f = new ApiFault('forbidden', 'no');
  assert.ok(f instanceof Error);
  assert.deepEqual([f.kind, f.message, f.verb, f.resource], ['forbidden', 'no', '', '']);
  const g = new ApiFault('gone', 'm', 'watch', 'namespaces');
  assert.deepEqual([g.verb, g.resource], ['watch', 'namespaces']);
});

test('kubeApi: mebibytes, asRecord, asListBody, parseWatchLine', () => {
  assert.equal(mebibytes(64 * 1024 * 1024), '64 MiB');
  assert.equal(mebibytes(1536 * 1024), '1.5 MiB');
  assert.equal(mebibytes(1_234_567), '1.18 MiB');
  const o = { a: 1 };
  assert.equal(asRecord(o), o);
  for (const v of [null, undefined, [], 'x', 3, true]) assert.deepEqual(asRecord(v), {});

  const what = 'list namespaces';
  const fault = (message: string) => (e: unknown) => e instanceof ApiFault && e.kind === 'error' && e.message === message;
  for (const body of [null, [], 'x', 3]) assert.throws(() => asListBody(body, what), fault('Malformed answer to list namespaces: not a JSON object'));
  for (const items of ['x', 3, {}]) assert.throws(() => asListBody({ items }, what), fault('Malformed answer to list namespaces: "items" is not a list'));
  for (const item of [null, 'x', 3, []]) assert.throws(() => asListBody({ items: [{}, item] }, what), fault('Malformed answer to list namespaces: an item is not an object'));
  assert.deepEqual(asListBody({ items: null }, what), { items: [], continue: '', resourceVersion: '' });
  assert.deepEqual(asListBody({}, what), { items: [], continue: '', resourceVersion: '' });
  assert.deepEqual(asListBody({ items: [{ a: 1 }], metadata: { continue: 'tok', resourceVersion: '42' } }, what), { items: [{ a: 1 }], continue: 'tok', resourceVersion: '42' });
  assert.deepEqual(asListBody({ items: [], metadata: { continue: 5, resourceVersion: 42 } }, what), { items: [], continue: '', resourceVersion: '' });
  assert.deepEqual(asListBody({ items: [], metadata: 'x' }, what), { items: [], continue: '', resourceVersion: '' });

  assert.deepEqual(parseWatchLine('{"type":"ADDED","object":{"a":1}}', 'namespaces'), { type: 'ADDED', object: { a: 1 } });
  let parseMessage = '';
  try {
    JSON.parse('{"type":');
  } catch (e) {
    parseMessage = (e as Error).message;
  }
  assert.throws(() => parseWatchLine('{"type":', 'namespaces'), fault(`Malformed watch event for namespaces: invalid JSON (${parseMessage})`));
  for (const line of ['{"object":{}}', '{"type":1,"object":{}}', '{"type":"ADDED"}', '{"type":"ADDED","object":[]}', '{"type":"ADDED","object":null}', '[]', '"x"']) {
    assert.throws(() => parseWatchLine(line, 'vmis'), fault('Malformed watch event for vmis: no "type" and "object"'), line);
  }
});

describe('kubeconfig files', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-kcm-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  const two = () => write('two', `apiVersion: v1
kind: Config
clusters:
- name: c1
  cluster: {server: "https://one.example:6443//"}
- name: c2
  cluster: {server: "https://two.example"}
- name: c3
  cluster: {server: "https://three.example///"}
contexts:
- name: a
  context: {cluster: c1, user: u, namespace: prod}
- name: b
  context: {cluster: c2, user: u}
- name: lost
  context: {cluster: nowhere, user: u}
- name: three
  context: {cluster: c3, user: u}
current-context: a
users:
- name: u
  user: {token: abcde}
`);

  test('openKubeConfig: the current context, or the one asked for; the server without trailing slashes', async () => {
    const file = two();
    const a = await openKubeConfig(file, undefined);
    assert.deepEqual([a.context, a.server], ['a', 'https://one.example:6443']);
    const b = await openKubeConfig(file, 'b');
    assert.deepEqual([b.context, b.server], ['b', 'https://two.example']);
    assert.equal(b.kc.getCurrentContext(), 'b');
    assert.equal((await openKubeConfig(file, 'three')).server, 'https://three.example');
  });

  test('openKubeConfig: an unknown context, no current context, a context without a known cluster', async () => {
    const file = two();
    assert.deepEqual(await faultOf(openKubeConfig(file, 'prod')), { kind: 'error', message: 'The kubeconfig has no context "prod" (contexts: a, b, lost, three)' });
    assert.deepEqual(await faultOf(openKubeConfig(file, 'lost')), { kind: 'error', message: 'The context "lost" names no known cluster' });
    const none = write('none', 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\ncurrent-context: ""\n');
    assert.deepEqual(await faultOf(openKubeConfig(none, 'x')), { kind: 'error', message: 'The kubeconfig has no context "x" (contexts: none)' });
    assert.deepEqual(await faultOf(openKubeConfig(none, undefined)), { kind: 'error', message: 'The kubeconfig has no current context: choose one' });
    const dangling = write('dangling', fs.readFileSync(two(), 'utf8').replace('current-context: a', 'current-context: gone'));
    assert.deepEqual(await faultOf(openKubeConfig(dangling, undefined)), { kind: 'error', message: 'The kubeconfig has no current context: choose one' });
  });

  test('listContexts: names, clusters, users, namespaces and servers (as the client library reads them: one trailing slash dropped); the current one', async () => {
    assert.deepEqual(await listContexts(two()), {
      current: 'a',
      contexts: [
        { name: 'a', cluster: 'c1', user: 'u', namespace: 'prod', server: 'https://one.example:6443/' },
        { name: 'b', cluster: 'c2', user: 'u', server: 'https://two.example' },
        { name: 'lost', cluster: 'nowhere', user: 'u' },
        { name: 'three', cluster: 'c3', user: 'u', server: 'https://three.example//' },
      ],
    });
    const none = write('none2', 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\ncurrent-context: ""\n');
    assert.deepEqual(await listContexts(none), { current: undefined, contexts: [] });
  });

  test('KUBECONFIG is read when no file is given; a missing file is named with the first line of the error', async () => {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = two();
    try {
      assert.equal((await listContexts()).current, 'a');
      assert.equal((await openKubeConfig(undefined, 'b')).server, 'https://two.example');
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
    const missing = path.join(dir, 'missing');
    const f = await faultOf(listContexts(missing));
    assert.equal(f.kind, 'error');
    assert.match(f.message, new RegExp(`^Cannot read the kubeconfig ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT[^\n]*$`));
  });

  test('no kubeconfig anywhere is "none"; a real context on localhost:8080, or one named loaded-context, is not', async () => {
    const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG };
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    const local = (context: string) => write(`local-${context}`, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "http://localhost:8080"}\ncontexts:\n- name: ${context}\n  context: {cluster: c, user: u}\ncurrent-context: ${context}\nusers:\n- name: u\n  user: {token: abcdef}\n`);
    try {
      process.env.HOME = home;
      delete process.env.KUBECONFIG;
      assert.deepEqual(await faultOf(openKubeConfig(undefined, undefined)), { kind: 'error', message: 'No kubeconfig found: KUBECONFIG is not set and ~/.kube/config does not exist' });
      assert.deepEqual(await faultOf(listContexts()), { kind: 'error', message: 'No kubeconfig found: KUBECONFIG is not set and ~/.kube/config does not exist' });
      process.env.KUBECONFIG = local('dev');
      assert.deepEqual((await listContexts()).contexts.map((c) => [c.name, c.server]), [['dev', 'http://localhost:8080']]);
      assert.equal((await openKubeConfig(undefined, undefined)).server, 'http://localhost:8080');
      const named = local('loaded-context');
      assert.equal((await openKubeConfig(named, undefined)).context, 'loaded-context');
      // A real context named loaded-context (on another server), read through KUBECONFIG, is a kubeconfig too.
      process.env.KUBECONFIG = write('named-remote', fs.readFileSync(named, 'utf8').replace('http://localhost:8080', 'https://remote.example'));
      assert.equal((await openKubeConfig(undefined, undefined)).server, 'https://remote.example');
      // A broken file named by KUBECONFIG: the message names no path (there was none given).
      process.env.KUBECONFIG = write('broken', 'users:\n- name: me\n  user: {token: secret-token-456\n');
      const broken = await faultOf(listContexts());
      assert.match(broken.message, /^Cannot read the kubeconfig: [^\n]+$/);
      assert.ok(!broken.message.includes('secret-token-456'));
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.KUBECONFIG === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved.KUBECONFIG;
    }
  });

  test('cacheExecCredentials: a kubeconfig without an exec user is left alone', async () => {
    const { kc } = await openKubeConfig(two(), undefined);
    const forget = cacheExecCredentials(kc, 1000, () => assert.fail('no log'));
    assert.equal(forget(), undefined);
  });

  test('KubeApi: credentials of six characters or more are removed from faults and logs; shorter ones are not', async () => {
    const file = write('secrets', `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:1"}
contexts:
- name: short
  context: {cluster: c, user: short}
current-context: short
users:
- name: short
  user: {token: abcde}
- name: long
  user: {token: tok123}
- name: basic
  user: {username: me, password: pass-word}
`);
    const logs: string[] = [];
    const api = new KubeApi({ timeoutMs: 1000, maxResponseBytes: 1000, limit: 500, lifetime: () => new AbortController().signal, log: (m) => logs.push(m) });
    assert.equal(api.connection, undefined);
    const conn = await api.connect(file, undefined);
    assert.equal(api.connection, conn);
    assert.equal(conn.context, 'short');
    const f = api.toFault(new ApiFault('forbidden', 'abcde tok123 pass-word tok12', 'list', 'namespaces'));
    assert.deepEqual([f.kind, f.message, f.verb, f.resource], ['forbidden', 'abcde *** *** tok12', 'list', 'namespaces']);
    const u = api.toFault(new Error('boom tok123\nsecond line'));
    assert.deepEqual([u.kind, u.message], ['error', 'Unexpected failure: boom ***\nsecond line']);
    assert.equal(api.toFault('plain pass-word').message, 'Unexpected failure: plain ***');
    assert.equal(api.toFault(new Error('x'.repeat(400))).message, `Unexpected failure: ${'x'.repeat(300)}…`);
    api.log('token tok123 and tok123 again');
    assert.deepEqual(logs, ['token *** and *** again']);
    const quiet = new KubeApi({ timeoutMs: 1000, maxResponseBytes: 1000, limit: 500, lifetime: () => new AbortController().signal, log: () => { throw new Error('logger broke'); } });
    assert.doesNotThrow(() => quiet.log('x'));
    api.disconnect();
    assert.equal(api.connection, undefined);
    assert.deepEqual(await faultOf(api.send('list', NS, NS.path, NS.accept, new AbortController().signal)), { kind: 'stopped', message: 'stopped' });
  });
});

