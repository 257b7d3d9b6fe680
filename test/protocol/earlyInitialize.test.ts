// dist/server.js answers `initialize` over stdio before the language server is loaded
// (server/src/lsp/earlyInitialize.ts). These tests run the same conversations with the early answer
// on and off (MIGRATIONPOLICY_EARLY_INITIALIZE=0) and require the same bytes back: the answer to
// `initialize` for several clients, the answers after it, a second `initialize`, a `shutdown` first.
import * as assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/fixture';
import { DEFAULT_CAPABILITIES } from '../support/lspClient';

const SERVER = path.join(repoRoot, 'dist', 'server.js');

const frame = (message: object) => {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

interface Run {
  /** The JSON of every message the server wrote, in order. */
  messages: string[];
  stderr: string;
  code: number | null;
}

/** The JSON bodies of an LSP byte stream. */
function bodies(stream: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const end = stream.indexOf('\r\n\r\n', at);
    if (end < 0) return out;
    const length = Number(/Content-Length: (\d+)/i.exec(stream.toString('ascii', at, end))?.[1]);
    if (stream.length < end + 4 + length) return out;
    out.push(stream.toString('utf8', end + 4, end + 4 + length));
    at = end + 4 + length;
  }
}

/**
 * Starts dist/server.js --stdio, writes each part (a pause between parts), waits until the server has
 * answered every id in `answers` (or exits), then ends stdin unless the conversation already did.
 */
function converse(early: boolean, parts: string[], answers: (number | string)[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, MIGRATIONPOLICY_EARLY_INITIALIZE: early ? '1' : '0' },
    });
    let stdout = Buffer.alloc(0);
    let stderr = '';
    let done = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer to ${JSON.stringify(answers)} within 30 s: ${bodies(stdout).join('\n')} ${stderr}`));
    }, 30_000);
    const answered = () => answers.every((id) => bodies(stdout).some((m) => (JSON.parse(m) as { id?: unknown; method?: unknown }).id === id && !('method' in JSON.parse(m))));
    child.stdout.on('data', (d: Buffer) => {
      stdout = Buffer.concat([stdout, d]);
      if (!done && answered()) {
        done = true;
        child.stdin.end();
        setTimeout(() => child.kill(), 3000).unref();
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ messages: bodies(stdout), stderr, code });
    });
    void (async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 60));
        if (!child.stdin.writableEnded) child.stdin.write(part);
      }
      if (answers.length === 0) child.stdin.end();
    })();
  });
}

/** The responses of a run (messages with an id and no method), in order; notifications and server requests left out. */
const responses = (run: Run) => run.messages.filter((m) => !('method' in JSON.parse(m)) && 'id' in JSON.parse(m));

const URI = 'file:///early/p.yaml';
const TEXT = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: web\nspec:\n  allowPostCopy: true\n';
const afterInitialize = [
  frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
  frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } } }),
  frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } }),
  frame({ jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 5, character: 4 } } }),
];

const COMMANDS = ['migrationpolicy.showMatches', 'migrationpolicy.refreshCluster', 'migrationpolicy.clusterStatus', 'migrationpolicy.listContexts', 'migrationpolicy.explainVmi', 'migrationpolicy.drift', 'migrationpolicy.jsonSchema'];
const PUSH_RESULT = {
  capabilities: {
    textDocumentSync: { openClose: true, change: 2 },
    completionProvider: { triggerCharacters: [':', ' ', '"', "'"], resolveProvider: false },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.migrationpolicy'] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    inlayHintProvider: true,
    codeLensProvider: { resolveProvider: false },
    executeCommandProvider: { commands: COMMANDS },
  },
  serverInfo: { name: 'migrationpolicy-language-server', version: '0.1.0' },
};
const PULL_RESULT = { ...PUSH_RESULT, capabilities: { ...PUSH_RESULT.capabilities, diagnosticProvider: { identifier: 'migrationpolicy', interFileDependencies: true, workspaceDiagnostics: false } } };

/** Clients that differ in what the answer depends on (pull diagnostics) and in what it must not (the rest). */
const CLIENTS: { name: string; id: number | string; params: Record<string, unknown>; result: unknown }[] = [
  { name: 'no capabilities at all', id: 1, params: { processId: null, rootUri: null, capabilities: {} }, result: PUSH_RESULT },
  { name: 'the protocol tests\' client', id: 1, params: { processId: null, rootUri: null, capabilities: DEFAULT_CAPABILITIES }, result: PUSH_RESULT },
  {
    name: 'a VS Code-like client: pull diagnostics, refresh support, an untrusted workspace',
    id: 1,
    params: {
      processId: process.pid,
      rootUri: 'file:///early',
      workspaceFolders: [{ uri: 'file:///early', name: 'early' }],
      capabilities: {
        ...DEFAULT_CAPABILITIES,
        textDocument: { ...DEFAULT_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } },
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true }, diagnostics: { refreshSupport: true } },
        window: { workDoneProgress: true },
      },
      initializationOptions: { clusterAccess: false, presentsMatches: true },
      trace: 'off',
    },
    result: PULL_RESULT,
  },
  {
    name: 'a trusted workspace with cluster settings, a string id',
    id: 'init-1',
    params: { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } }, initializationOptions: { clusterAccess: true, cluster: { source: 'none' } } },
    result: PULL_RESULT,
  },
  {
    name: 'a malformed clusterAccess (cluster access off, with a log line)',
    id: 7,
    params: { processId: null, rootUri: null, capabilities: { workspace: { configuration: false } }, initializationOptions: { clusterAccess: 'false' } },
    result: PUSH_RESULT,
  },
];

for (const client of CLIENTS) {
  test(`initialize answered before the server loads equals the server's own answer: ${client.name}`, async () => {
    const parts = [frame({ jsonrpc: '2.0', id: client.id, method: 'initialize', params: client.params }), ...afterInitialize];
    const early = await converse(true, parts, [client.id, 2, 3]);
    const late = await converse(false, parts, [client.id, 2, 3]);
    assert.deepEqual(JSON.parse(responses(early)[0]), { jsonrpc: '2.0', id: client.id, result: client.result });
    assert.deepEqual(responses(early), responses(late), 'the same answers, byte for byte, in the same order');
    assert.equal(responses(early).filter((m) => (JSON.parse(m) as { id: unknown }).id === client.id).length, 1, 'initialize is answered once');
    assert.equal((JSON.parse(responses(early)[1]) as { result: { name: string }[] }).result[0].name, 'web', 'requests after it are answered');
    assert.doesNotMatch(early.stderr, /differs/);
  });
}

test('initialize in pieces, or together with the next requests in one write, is answered once and the rest after it', async () => {
  const init = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: CLIENTS[1].params });
  for (const parts of [[init.slice(0, 10), init.slice(10, 40), init.slice(40), ...afterInitialize], [init + afterInitialize.join('')]]) {
    const early = await converse(true, parts, [1, 2, 3]);
    assert.deepEqual(responses(early).map((m) => (JSON.parse(m) as { id: unknown }).id), [1, 2, 3]);
    assert.deepEqual(JSON.parse(responses(early)[0]), { jsonrpc: '2.0', id: 1, result: PUSH_RESULT });
  }
});

test('a second initialize, a shutdown or a request before initialize, and malformed initialize params get the answers they got before', async () => {
  const init = (id: number, params: unknown = CLIENTS[0].params) => frame({ jsonrpc: '2.0', id, method: 'initialize', params });
  const conversations: { name: string; parts: string[]; answers: number[]; expect: (run: Run) => void }[] = [
    {
      name: 'a second initialize',
      parts: [init(1), frame({ jsonrpc: '2.0', method: 'initialized', params: {} }), init(2), frame({ jsonrpc: '2.0', id: 3, method: 'shutdown' })],
      answers: [1, 2, 3],
      expect: (run) => assert.deepEqual(JSON.parse(responses(run)[1]), { jsonrpc: '2.0', id: 2, result: PUSH_RESULT }),
    },
    {
      name: 'shutdown before initialize',
      parts: [frame({ jsonrpc: '2.0', id: 1, method: 'shutdown' }), init(2), frame({ jsonrpc: '2.0', id: 3, method: 'shutdown' })],
      answers: [1, 2, 3],
      expect: (run) => {
        assert.deepEqual(JSON.parse(responses(run)[0]), { jsonrpc: '2.0', id: 1, error: { code: -32002, message: 'The server is not initialized: send "initialize" before "shutdown".' } });
        assert.deepEqual(JSON.parse(responses(run)[2]), { jsonrpc: '2.0', id: 3, result: null });
      },
    },
    {
      name: 'workspaceFolders that are not a list of folders',
      parts: [init(1, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: 5 }), init(2)],
      answers: [1, 2],
      expect: (run) => {
        assert.deepEqual(JSON.parse(responses(run)[0]), { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'initialize: params.workspaceFolders must be an array.' } });
        assert.deepEqual(JSON.parse(responses(run)[1]), { jsonrpc: '2.0', id: 2, result: PUSH_RESULT });
      },
    },
    {
      name: 'capabilities missing',
      parts: [init(1, { processId: null, rootUri: null }), init(2)],
      answers: [1, 2],
      expect: (run) => assert.equal((JSON.parse(responses(run)[0]) as { error?: { code: number } }).error?.code, -32603),
    },
  ];
  for (const c of conversations) {
    const early = await converse(true, c.parts, c.answers);
    const late = await converse(false, c.parts, c.answers);
    assert.deepEqual(responses(early), responses(late), c.name);
    c.expect(early);
  }
});

test('stdin that ends inside the first message ends the server with exit code 1, as without the early answer', async () => {
  const init = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: CLIENTS[0].params });
  for (const early of [true, false]) {
    const run = await converse(early, [init.slice(0, 50)], []);
    assert.deepEqual({ code: run.code, messages: run.messages }, { code: 1, messages: [] }, `early ${early}`);
  }
});

test('the answer is written before the server bundle is loaded: without the bundle, only the early answer comes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-early-'));
  try {
    fs.copyFileSync(SERVER, path.join(dir, 'server.js'));
    for (const early of [true, false]) {
      const run = await new Promise<Run>((resolve) => {
        const child = spawn(process.execPath, [path.join(dir, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, MIGRATIONPOLICY_EARLY_INITIALIZE: early ? '1' : '0' } });
        let stdout = Buffer.alloc(0);
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout = Buffer.concat([stdout, d])));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => resolve({ messages: bodies(stdout), stderr, code }));
        child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: CLIENTS[0].params }));
      });
      assert.match(run.stderr, /ENOENT.*language-server\.js/, `early ${early}`);
      assert.deepEqual(run.messages.map((m) => JSON.parse(m) as unknown), early ? [{ jsonrpc: '2.0', id: 1, result: PUSH_RESULT }] : [], `early ${early}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Forks dist/server.js --node-ipc (as VS Code's client does), sends the messages, collects the answers until `last` is answered (or the server exits, without `last`). */
function converseOverIpc(early: boolean, messages: object[], last: number | string | undefined, server = SERVER): Promise<{ answers: string[]; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = fork(server, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, MIGRATIONPOLICY_EARLY_INITIALIZE: early ? '1' : '0' } });
    const answers: string[] = [];
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer to ${last} within 30 s: ${answers.join('\n')} ${stderr}`));
    }, 30_000);
    child.on('message', (m: { id?: unknown; method?: unknown }) => {
      if (m.id === undefined || m.method !== undefined) return;
      answers.push(JSON.stringify(m));
      if (m.id === last) child.kill();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ answers, stderr, code });
    });
    for (const message of messages) child.send(message);
  });
}

test('over IPC (how VS Code starts the server) the early answer equals the server\'s, once, and what follows is answered as before', async () => {
  for (const client of [CLIENTS[0], CLIENTS[2], CLIENTS[3]]) {
    const messages = [
      { jsonrpc: '2.0', id: client.id, method: 'initialize', params: client.params },
      { jsonrpc: '2.0', method: 'initialized', params: {} },
      { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } } },
      { jsonrpc: '2.0', id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } },
      { jsonrpc: '2.0', id: 3, method: 'initialize', params: client.params },
    ];
    const early = await converseOverIpc(true, messages, 3);
    const late = await converseOverIpc(false, messages, 3);
    assert.deepEqual(early.answers, late.answers, client.name);
    assert.deepEqual(JSON.parse(early.answers[0]), { jsonrpc: '2.0', id: client.id, result: client.result }, client.name);
    assert.deepEqual(early.answers.map((a) => (JSON.parse(a) as { id: unknown }).id), [client.id, 2, 3], client.name);
    assert.doesNotMatch(early.stderr, /differs/);
  }
});

test('over IPC too, the answer is written before the server bundle is loaded', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-early-ipc-'));
  try {
    fs.copyFileSync(SERVER, path.join(dir, 'server.js'));
    for (const early of [true, false]) {
      const run = await converseOverIpc(early, [{ jsonrpc: '2.0', id: 1, method: 'initialize', params: CLIENTS[0].params }], undefined, path.join(dir, 'server.js'));
      assert.match(run.stderr, /ENOENT.*language-server\.js/, `early ${early}`);
      assert.deepEqual(run.answers.map((m) => JSON.parse(m) as unknown), early ? [{ jsonrpc: '2.0', id: 1, result: PUSH_RESULT }] : [], `early ${early}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
