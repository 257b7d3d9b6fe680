// cluster/kubeconfig.ts edges left by its mutation run: exec credentials are reused up to and including
// the instant of their expirationTimestamp, as client-go does (k8s.io/client-go/plugin/pkg/client/auth/exec/
// exec.go: credsExpired is now.After(exp), so a credential expires only after that instant), reused
// without an expiry until forgotten; and a kubeconfig read through KUBECONFIG whose current context is
// called `loaded-context` but names no known cluster gets the usual message, not a crash.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { cacheExecCredentials, openKubeConfig } from '../../server/src/cluster/kubeconfig';
import { faultOf } from '../support/apiFaults';

interface ExecLike {
  getCredential: (user: { name: string }) => Promise<unknown>;
  execFn: unknown;
  tokenCache: Record<string, unknown>;
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-kce-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const CONFIG = (context: string, cluster: string) => `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://remote.example"}
contexts:
- name: ${context}
  context: {cluster: ${cluster}, user: u}
current-context: ${context}
users:
- name: u
  user: {token: abcdef}
`;

test('exec credentials: reused until the instant of their expiry, that instant included; without an expiry until forgotten', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, CONFIG('a', 'c'), { mode: 0o600 });
  const { kc } = await openKubeConfig(file, undefined);
  const exec = ((kc as unknown as { authenticators: unknown[] }).authenticators as ExecLike[]).find((a) => typeof a?.getCredential === 'function' && typeof a?.execFn === 'function');
  assert.ok(exec, 'the client library has an exec authenticator');
  const saved = { getCredential: exec.getCredential, execFn: exec.execFn };
  t.after(() => Object.assign(exec, saved));
  const expiry = '2030-01-01T00:00:00Z';
  let calls = 0;
  let answer: unknown = { status: { token: 'x', expirationTimestamp: expiry } };
  exec.getCredential = async () => {
    calls++;
    return answer;
  };
  const forget = cacheExecCredentials(kc, 1000, () => undefined);
  let now = Date.parse(expiry) - 1000;
  t.mock.method(Date, 'now', () => now);
  await exec.getCredential({ name: 'u' });
  assert.equal(calls, 1);
  now = Date.parse(expiry);
  await exec.getCredential({ name: 'u' });
  assert.equal(calls, 1, 'still valid at the instant of its expiry');
  now += 1;
  await exec.getCredential({ name: 'u' });
  assert.equal(calls, 2, 'expired one millisecond later');
  // Without an expiry: reused whatever the time, until forget().
  forget();
  answer = { status: { token: 'y' } };
  await exec.getCredential({ name: 'u' });
  now += 10 ** 9;
  await exec.getCredential({ name: 'u' });
  assert.equal(calls, 3);
  forget();
  assert.deepEqual(exec.tokenCache, {});
  await exec.getCredential({ name: 'u' });
  assert.equal(calls, 4);
  // A plugin that gives nothing is asked again next time.
  forget();
  answer = null;
  await exec.getCredential({ name: 'u' });
  await exec.getCredential({ name: 'u' });
  assert.equal(calls, 6);
});

test('KUBECONFIG with a current context named loaded-context that names no known cluster: the usual message', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, CONFIG('loaded-context', 'nowhere'), { mode: 0o600 });
  const saved = process.env.KUBECONFIG;
  t.after(() => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  });
  process.env.KUBECONFIG = file;
  assert.deepEqual(await faultOf(openKubeConfig(undefined, undefined)), { kind: 'error', message: 'The context "loaded-context" names no known cluster' });
});
