// Hardening over the real protocol: inputs that used to kill or block the server (deep nesting,
// special files, malformed uris, wrong parameter types, broken frames) are answered, and the process
// lives on, or exits at once when the connection itself is broken.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/fixture';
import { startClient } from '../support/lspClient';
import { until } from '../support/wait';

const POLICY = (name: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: ${name}\n`;
const SERVER = path.join(repoRoot, 'dist', 'server.js');

test('deep nesting (1 to 100,000 levels) opened and then edited: a located diagnostic, the server lives', async () => {
  const client = await startClient();
  try {
    for (const depth of [1, 150, 3000, 10000, 100000]) {
      const uri = `file:///workspace/deep-${depth}.yaml`;
      const text = `${POLICY('deep')}  bandwidthPerMigration: 64Mi\n  x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      const opened = client.nextDiagnostics(uri);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await opened;
      const edited = client.nextDiagnostics(uri, (p) => p.version === 2);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 8, character: 25 }, end: { line: 8, character: 27 } }, text: '32' }] });
      const diagnostics = (await edited).diagnostics;
      const nesting = diagnostics.filter((d) => /levels deep/.test(String(d.message)));
      if (depth < 190) assert.equal(nesting.length, 0, `depth ${depth}`);
      else {
        assert.equal(nesting.length, 1, `depth ${depth}`);
        assert.deepEqual(nesting[0].range.start, { line: 9, character: 5 + 198 });
        assert.match(String(nesting[0].message), depth + 2 > 10000 ? /kubectl refuses it/ : /more than the 200 this tool analyses/);
      }
      const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(symbols));
    }
  } finally {
    await client.stop();
  }
  assert.equal(client.process.exitCode, 0);
});

test('FIFOs and symlinks to /dev/zero are never read: watched-file events and closes return at once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-special-'));
  try {
    spawnSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    fs.writeFileSync(path.join(dir, 'good.yaml'), POLICY('good'));
    const client = await startClient({ workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } }, pathToFileURL(dir).href);
    try {
      for (const name of ['fifo.yaml', 'zero.yaml']) {
        const uri = pathToFileURL(path.join(dir, name)).href;
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY('x') } });
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      const started = Date.now();
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///none.yaml' }, position: { line: 0, character: 0 } });
      assert.equal(hover, null);
      assert.ok(Date.now() - started < 5000, 'answered at once');
      assert.ok((client.process.pid && fs.existsSync(`/proc/${client.process.pid}`)) ?? true);
    } finally {
      await client.stop();
    }
    assert.equal(client.process.exitCode, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI check and match --cluster refuse FIFOs and devices with a one-line error (exit 2)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-special-cli-'));
  try {
    spawnSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    const check = spawnSync(process.execPath, [cli, 'check', path.join(dir, 'fifo.yaml'), path.join(dir, 'zero.yaml')], { encoding: 'utf8', timeout: 20000 });
    assert.equal(check.status, 2);
    assert.match(check.stderr, /fifo\.yaml: a FIFO \(named pipe\), not a regular file: not read/);
    assert.match(check.stderr, /zero\.yaml: a character device, not a regular file: not read/);
    for (const source of [path.join(dir, 'fifo.yaml'), '/dev/zero']) {
      const match = spawnSync(process.execPath, [cli, 'match', '--cluster', source], { encoding: 'utf8', timeout: 20000 });
      assert.equal(match.status, 2, source);
      assert.equal(match.stderr.trim().split('\n').length, 1, match.stderr);
      assert.match(match.stderr, /not a regular file: not read/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('one open document with a malformed file: uri does not blank the diagnostics of the others', async () => {
  const push = await startClient();
  const pull = await startClient({ textDocument: { diagnostic: {}, publishDiagnostics: {} }, workspace: { configuration: true } });
  try {
    for (const client of [push, pull]) {
      const bad = 'file:///workspace/bad%zz%.yaml';
      const good = 'file:///workspace/good.yaml';
      const goodText = `${POLICY('same')}  bandwidthPerMigration: 64m\n`;
      const first = client.nextDiagnostics(bad).catch(() => undefined);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'yaml', version: 1, text: POLICY('same') } });
      if (client === push) await first;
      const pushed = client.nextDiagnostics(good).catch(() => undefined);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: good, languageId: 'yaml', version: 1, text: goodText } });
      const diagnostics = client === push ? (await pushed)!.diagnostics : ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: good } })) as { items: Diagnostic[] }).items;
      const codes = diagnostics.map((d) => d.code).sort();
      assert.deepEqual(codes, ['bandwidth-milli', 'duplicate-name'], client === push ? 'push' : 'pull');
      assert.match(String(diagnostics.find((d) => d.code === "duplicate-name")!.message), /bad%zz%\.yaml/);
    }
  } finally {
    await push.stop();
    await pull.stop();
  }
});

test('protocol hygiene: repeated versions, text null, wrong types, requests before initialize', async () => {
  const client = await startClient({ textDocument: { diagnostic: {} }, workspace: { configuration: true } });
  try {
    const uri = 'file:///workspace/v.yaml';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY('one') } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: POLICY('two') }] });
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols[0].name, 'two');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///workspace/null.yaml', languageId: 'yaml', version: 1, text: null } });
    const none = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///workspace/null.yaml' } });
    assert.deepEqual(none, []);
    const wrong: [string, unknown, RegExp][] = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: '1', character: 0 } }, /params\.position\.line must be a non-negative integer/],
      ['textDocument/completion', { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }, /params\.textDocument\.uri must be a string/],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: {} }, /params\.context\.diagnostics must be an array/],
      ['textDocument/selectionRange', { textDocument: { uri }, positions: 'x' }, /params\.positions must be an array/],
      ['textDocument/inlayHint', { textDocument: { uri }, range: null }, /params\.range must be an object/],
      ['workspace/executeCommand', { command: 5 }, /params\.command must be a string/],
      ['textDocument/documentSymbol', null, /params must be an object/],
    ];
    for (const [method, params, message] of wrong) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: { code: number; message: string }) => e.code === -32602 && message.test(e.message), method);
    }
    const after = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(after[0].name, 'two');
    assert.doesNotMatch(client.stderr(), /failed: .*\n\s+at /, 'no stack traces');
  } finally {
    await client.stop();
  }
  assert.equal(client.process.exitCode, 0);
});

/** Sends raw bytes to a fresh server and collects what it writes until it exits or `ms` pass. */
function raw(bytes: string, ms = 8000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.write(bytes);
  });
}
const frame = (message: object) => {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

test('requests before initialize get ServerNotInitialized; notifications are dropped', async () => {
  const result = await raw(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: {} }) + frame({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a' }, position: { line: 0, character: 0 } } }) + frame({ jsonrpc: '2.0', method: 'exit' }));
  assert.match(result.stdout, /"id":1,"error":\{"code":-32002,"message":"The server is not initialized: send \\"initialize\\" before \\"textDocument\/hover\\"\."\}/);
  assert.equal(result.code, 1);
});

test('a broken frame ends the process at once (exit 1) so the editor restarts it', async () => {
  const init = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  for (const [name, bytes] of [
    ['LF-only headers', `${init}Content-Length: 2\n\n{}`],
    ['non-numeric Content-Length', `${init}Content-Length: abc\r\n\r\n{}`],
    ['no Content-Length', `${init}Content-Type: x\r\n\r\n{}`],
  ] as const) {
    const started = Date.now();
    const result = await raw(bytes);
    assert.equal(result.code, 1, name);
    assert.ok(Date.now() - started < 7000, `${name}: exits at once`);
    assert.match(result.stderr, /broken LSP frame on stdin/, name);
    assert.match(result.stdout, /"id":1,"result":\{"capabilities"/, `${name}: the valid message before it was answered`);
  }
});

test('initializationOptions.clusterAccess is read strictly: only true (or absent) reads the kubeconfig', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-access-'));
  try {
    const marker = path.join(dir, 'ran');
    const plugin = path.join(dir, 'plugin.sh');
    fs.writeFileSync(plugin, `#!/bin/sh\ntouch ${marker}\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`, { mode: 0o755 });
    const kubeconfig = path.join(dir, 'config');
    fs.writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:9"}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ${plugin}, interactiveMode: Never}}}]\n`);
    for (const value of ['false', 0, null, 'true', 1, {}]) {
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: kubeconfig } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { clusterAccess: value, cluster: { source: 'kube' } } } }));
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
      await new Promise((r) => setTimeout(r, 1500));
      child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'workspace/executeCommand', params: { command: 'migrationpolicy.listContexts' } }));
      // Wait for the answer (not a fixed time: a busy machine starts the server slowly), then a moment for a plugin run.
      await until('the listContexts answer', async () => (/"id":2\b/.test(stdout) ? true : undefined), 20000);
      await new Promise((r) => setTimeout(r, 800));
      child.kill();
      assert.equal(fs.existsSync(marker), false, `${JSON.stringify(value)}: the exec plugin never ran`);
      assert.match(stdout, /cluster access is off/, `${JSON.stringify(value)} ${stderr}`);
      assert.match(stdout, /initializationOptions\.clusterAccess must be true or false/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
