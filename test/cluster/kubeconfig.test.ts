// Reading kubeconfig files: no kubeconfig at all is "none", not the client library's invented
// localhost context; an unreadable one is named without echoing its content.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { listContexts } from '../../server/src/cluster/kubeconfig';

test('with no kubeconfig anywhere, listContexts says so instead of inventing loaded-context', async () => {
  const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-home-'));
  process.env.HOME = home;
  delete process.env.KUBECONFIG;
  try {
    await assert.rejects(listContexts(), /No kubeconfig found: KUBECONFIG is not set and ~\/\.kube\/config does not exist/);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
    process.env.HOME = saved.HOME;
    if (saved.KUBECONFIG !== undefined) process.env.KUBECONFIG = saved.KUBECONFIG;
  }
});

test('a broken kubeconfig is named, and its text (which may hold a token) is not echoed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-kc-'));
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, 'users:\n- name: me\n  user: {token: secret-token-456\n');
  try {
    await assert.rejects(listContexts(file), (e: Error) => e.message.startsWith(`Cannot read the kubeconfig ${file}: `) && !e.message.includes('secret-token-456'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
