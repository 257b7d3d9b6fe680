// Protocol tests: the built server spawned over --stdio (and --socket), driven like an editor would.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import { createProtocolConnection, SocketMessageReader, SocketMessageWriter } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionList, Diagnostic, DocumentDiagnosticReport, Hover, InitializeResult, InlayHint } from 'vscode-languageserver-protocol/node';
import { applyEdits, repoRoot } from '../support/fixture';
import { DEFAULT_CAPABILITIES, startClient } from '../support/lspClient';

const POLICY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: other
spec:
  replicas: yes
---
apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: web
spec:
  selectors:
    virtualMachineInstanceSelector:
      app: web
  bandwidthPerMigration: 1K
  allowPostCopy: yes
`;

const uri = 'file:///workspace/policies.yaml';
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);

test('push diagnostics follow open and incremental edits; requests answer; shutdown is clean', async () => {
  const client = await startClient();
  try {
    const caps = client.initialize.capabilities;
    assert.equal(caps.diagnosticProvider, undefined, 'no pull diagnostics without client support');
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(client.initialize.serverInfo?.name, 'migrationpolicy-language-server');

    const first = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    assert.deepEqual(codes((await first).diagnostics), ['15:25 quantity-invalid', '16:17 yaml11-boolean']);

    const second = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 15, character: 25 }, end: { line: 15, character: 27 } }, text: '64Mi' }],
    });
    assert.deepEqual(codes((await second).diagnostics), ['16:17 yaml11-boolean']);

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 15, character: 4 } })) as Hover;
    assert.ok(hover && typeof hover.contents === 'object' && 'kind' in hover.contents && hover.contents.kind === 'markdown');
    assert.match(hover.contents.value, /bytes per second/);
    assert.deepEqual(hover.range, { start: { line: 15, character: 2 }, end: { line: 15, character: 23 } });

    const completion = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 16, character: 17 } })) as CompletionList;
    assert.deepEqual(completion.items.map((i) => i.label).sort(), ['false', 'true']);

    const yes = { range: { start: { line: 16, character: 17 }, end: { line: 16, character: 20 } }, severity: 2, code: 'yaml11-boolean', source: 'migrationpolicy', message: 'x', data: { kind: 'replace', replacements: ['true'] } };
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: yes.range, context: { diagnostics: [yes] } })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.ok(fix?.edit?.changes?.[uri]);
    assert.match(applyEdits(POLICY.replace('1K', '64Mi'), fix.edit.changes[uri]), /allowPostCopy: true\n$/);

    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string }[];
    assert.deepEqual(symbols.map((s) => s.name), ['web']);
  } finally {
    await client.stop();
  }
  assert.equal(client.process.exitCode, 0);
  assert.doesNotMatch(client.stderr(), /uncaught|unhandled/);
});

test('pull diagnostics when the client supports them; settings change severities', async () => {
  const client = await startClient({ ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } } });
  try {
    assert.deepEqual(client.initialize.capabilities.diagnosticProvider, { identifier: 'migrationpolicy', interFileDependencies: true, workspaceDiagnostics: false });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    const pull = async () => ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport & { items: Diagnostic[] }).items;
    assert.deepEqual(codes(await pull()), ['15:25 quantity-invalid', '16:17 yaml11-boolean']);
    client.settings.migrationpolicy = { cluster: { source: 'none' }, severity: { 'yaml11-boolean': 'off', 'quantity-invalid': 'hint' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const items = await pull();
    assert.deepEqual(items.map((d) => [d.code, d.severity]), [['quantity-invalid', 4]]);
  } finally {
    await client.stop();
  }
});

test('junk, alias bombs and huge files never take the server down', async () => {
  const client = await startClient();
  try {
    const junk = 'file:///workspace/junk.yaml';
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: junk, languageId: 'yaml', version: 1, text: bytes.toString('latin1') } });
    const bomb = 'file:///workspace/bomb.yaml';
    const lines = ['apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata: {name: b}', 'spec:', '  selectors: {}', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 40; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const bombDiagnostics = client.nextDiagnostics(bomb);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bomb, languageId: 'yaml', version: 1, text: lines.join('\n') } });
    assert.ok((await bombDiagnostics).diagnostics.some((d) => d.code === 'alias-bomb'));
    for (const u of [junk, bomb]) {
      for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/foldingRange', 'textDocument/documentSymbol', 'textDocument/inlayHint']) {
        const params = method === 'textDocument/inlayHint' ? { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } } } : { textDocument: { uri: u }, position: { line: 3, character: 2 } };
        await client.connection.sendRequest(method, params);
      }
    }
    const big = 'file:///workspace/big.yaml';
    const doc = (i: number) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p${i}\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: a${i}\n  bandwidthPerMigration: 64Mi\n`;
    const text = Array.from({ length: 2000 }, (_, i) => doc(i)).join('---\n');
    const bigDiagnostics = client.nextDiagnostics(big);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'yaml', version: 1, text } });
    assert.deepEqual((await bigDiagnostics).diagnostics, []);
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: big }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } })) as InlayHint[];
    assert.equal(hints.length, 2);
    const unknown = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///not-open.yaml' }, position: { line: 0, character: 0 } });
    assert.equal(unknown, null);
  } finally {
    await client.stop();
  }
  assert.equal(client.process.exitCode, 0);
});

test('argv picks the transport: no transport is a usage error; --socket connects to the port', async () => {
  const server = path.join(repoRoot, 'dist', 'server.js');
  const none = spawnSync(process.execPath, [server], { encoding: 'utf8' });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /Usage: migrationpolicy-language-server --stdio \| --node-ipc \| --socket=PORT/);

  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const child = spawn(process.execPath, [server, `--socket=${port}`], { stdio: 'ignore' });
  try {
    const socket = await accepted;
    const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    connection.listen();
    const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as InitializeResult;
    assert.equal(result.serverInfo?.name, 'migrationpolicy-language-server');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
  } finally {
    child.kill();
    listener.close();
  }
});

test('renaming a policy re-diagnoses the other open files it now collides with', async () => {
  const client = await startClient();
  try {
    const policy = (name: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: ${name}\n`;
    const a = 'file:///workspace/a.yaml';
    const b = 'file:///workspace/b.yaml';
    const opened = client.nextDiagnostics(b);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'yaml', version: 1, text: policy('alpha') } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: b, languageId: 'yaml', version: 1, text: policy('beta') } });
    assert.deepEqual((await opened).diagnostics, []);
    const again = client.nextDiagnostics(b, (p) => p.diagnostics.length > 0);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: a, version: 2 }, contentChanges: [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } }, text: 'beta' }] });
    const diagnostics = (await again).diagnostics;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['duplicate-name', 3, 8]]);
    assert.match(String(diagnostics[0].message), /Another MigrationPolicy is named beta \(\/workspace\/a\.yaml:4\)/);
  } finally {
    await client.stop();
  }
});
