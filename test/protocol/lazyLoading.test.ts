// What the built server loads, and when: answering `initialize` and checking a YAML file load only
// dist/server.js (no kubeconfig client, no JSON service, no HTTP stack); the first JSON file loads
// dist/json-languageservice.js, and the files the bundles load on first use all ship in the .vsix.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/fixture';
import { startClient, DEFAULT_CAPABILITIES, NO_CLUSTER } from '../support/lspClient';

const PRELOAD = `const Module = require('node:module');
const load = Module._load;
Module._load = function (request) {
  if (/^(\\.\\/|node:(http|https|tls)$|(http|https|tls)$)/.test(request) || request.endsWith('.js')) process.stderr.write('[load] ' + request + '\\n');
  return load.apply(this, arguments);
};
`;

const YAML = `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: web
spec:
  allowPostCopy: yes
  selectors: {}
`;
const JSON_TEXT = `{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "db"}, "spec": {"allowAutoConverge": "true", "selectors": {"namespaceSelector": {"team": "db"}}}}`;

/** The modules the preload saw loaded, in order, from the server's stderr (dist/server.js runs dist/language-server.js, launch.ts). */
const loaded = (stderr: string) => [...stderr.matchAll(/^\[load\] (.+)$/gm)].map((m) => path.basename(m[1])).filter((f) => f !== 'language-server.js');
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);

test('initialize and a YAML file load dist/server.js alone; the first JSON file loads the JSON service beside it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-lazy-'));
  const preload = path.join(dir, 'preload.cjs');
  fs.writeFileSync(preload, PRELOAD);
  const client = await startClient(DEFAULT_CAPABILITIES, null, NO_CLUSTER, undefined, { ...process.env, NODE_OPTIONS: `--require ${preload}` });
  try {
    assert.deepEqual(loaded(client.stderr()), ['server.js'], 'answering initialize loads the server bundle only');
    const yamlUri = 'file:///workspace/p.yaml';
    const yamlDiagnostics = client.nextDiagnostics(yamlUri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: yamlUri, languageId: 'yaml', version: 1, text: YAML } });
    assert.deepEqual(codes((await yamlDiagnostics).diagnostics), ['5:17 yaml11-boolean', '6:2 catch-all']);
    assert.deepEqual(loaded(client.stderr()), ['server.js'], 'a YAML file needs nothing beside the bundle');

    const jsonUri = 'file:///workspace/p.json';
    const jsonDiagnostics = client.nextDiagnostics(jsonUri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: jsonUri, languageId: 'json', version: 1, text: JSON_TEXT } });
    assert.deepEqual(codes((await jsonDiagnostics).diagnostics), ['0:135 boolean-string']);
    assert.deepEqual(loaded(client.stderr()), ['server.js', 'json-languageservice.js'], 'the JSON service is loaded with the first JSON file, once');
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI loads the kubeconfig client only when it reads a kubeconfig, and then the HTTP stack', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-lazy-'));
  try {
    const preload = path.join(dir, 'preload.cjs');
    fs.writeFileSync(preload, PRELOAD);
    const policy = path.join(dir, 'p.json');
    fs.writeFileSync(policy, JSON_TEXT);
    const check = spawnSync(process.execPath, ['--require', preload, path.join(repoRoot, 'dist', 'cli.js'), 'check', policy], { encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.deepEqual(loaded(check.stderr), ['cli.js', 'json-languageservice.js']);

    // A kubeconfig whose server refuses connections: the client library reads it, then the request fails.
    const kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n');
    const match = spawnSync(process.execPath, ['--require', preload, path.join(repoRoot, 'dist', 'cli.js'), 'match', '--cluster', 'kube'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig } });
    assert.match(match.stderr, /Cannot reach https:\/\/127\.0\.0\.1:1: connection refused/);
    assert.deepEqual(loaded(match.stderr).slice(0, 3), ['cli.js', 'kubeconfig-client.js', 'node:https']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every file a bundle loads from beside it is built and ships in the .vsix', () => {
  const siblings = new Set<string>();
  for (const bundle of ['language-server.js', 'cli-main.js']) {
    const text = fs.readFileSync(path.join(repoRoot, 'dist', bundle), 'utf8');
    for (const m of text.matchAll(/\brequire\("\.\/([^"]+)"\)/g)) siblings.add(m[1]);
  }
  assert.match(fs.readFileSync(path.join(repoRoot, 'dist', 'server.js'), 'utf8'), /"language-server\.js"/, 'dist/server.js runs dist/language-server.js');
  assert.match(fs.readFileSync(path.join(repoRoot, 'dist', 'cli.js'), 'utf8'), /"cli-main\.js"/, 'dist/cli.js runs dist/cli-main.js');
  siblings.add('language-server.js');
  assert.deepEqual([...siblings].sort(), ['json-languageservice.js', 'kubeconfig-client.js', 'language-server.js']);
  for (const file of siblings) assert.ok(fs.existsSync(path.join(repoRoot, 'dist', file)), `dist/${file} is built`);
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const listed = spawnSync(vsce, ['ls', '--no-dependencies', '--readme-path', 'README.vscode.md'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const files = listed.stdout.trim().split('\n');
  for (const file of siblings) assert.ok(files.includes(`dist/${file}`), `dist/${file} is packaged`);
  assert.ok(!files.some((f) => f.endsWith('.map')), 'no source maps are packaged');
});
