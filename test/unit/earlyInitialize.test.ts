// The early answer to `initialize` (server/src/lsp/earlyInitialize.ts): which first messages it
// answers and with what bytes, how it hands the stream to the server, and the writer that drops the
// server's own answer. The protocol tier compares it with the full server's answer.
import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { CodeActionKind, TextDocumentSyncKind } from 'vscode-languageserver';
import type { Message, MessageWriter } from 'vscode-languageserver/node';
import { buildCapabilities, initializeResult, readClientSupport } from '../../server/src/lsp/capabilities';
import { answerInitializeEarly, answerInitializeEarlyOverIpc, EARLY_INITIALIZE, readFirstMessage } from '../../server/src/lsp/earlyInitialize';
import type { EarlyAnswer } from '../../server/src/lsp/earlyInitialize';
import { withoutSecondAnswer } from '../../server/src/lsp/transport';

const frame = (message: unknown, header = '') => {
  const body = JSON.stringify(message);
  return Buffer.from(`${header}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
};
const init = (params: unknown, id: unknown = 1) => ({ jsonrpc: '2.0', id, method: 'initialize', params });
const ANSWER = JSON.stringify({ jsonrpc: '2.0', id: 1, result: initializeResult(readClientSupport({})) });

test('the capability table spells the LSP constants as vscode-languageserver does', () => {
  const capabilities = buildCapabilities(readClientSupport({}));
  assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
  assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.migrationpolicy`] });
  assert.equal(capabilities.diagnosticProvider, undefined);
  assert.deepEqual(buildCapabilities(readClientSupport({ textDocument: { diagnostic: {} } })).diagnosticProvider, { identifier: 'migrationpolicy', interFileDependencies: true, workspaceDiagnostics: false });
});

test('readFirstMessage answers a well-formed initialize, with the exact response bytes', () => {
  assert.deepEqual(readFirstMessage(frame(init({ capabilities: {} }))), { kind: 'initialize', id: 1, json: ANSWER });
  const withType = frame(init({ capabilities: {} }, 'a'), 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n');
  assert.deepEqual(readFirstMessage(withType), { kind: 'initialize', id: 'a', json: ANSWER.replace('"id":1', '"id":"a"') });
  const pull = readFirstMessage(frame(init({ capabilities: { textDocument: { diagnostic: {} } }, initializationOptions: { clusterAccess: false } })));
  assert.equal(pull.kind === 'initialize' && (JSON.parse(pull.json) as { result: { capabilities: { diagnosticProvider?: unknown } } }).result.capabilities.diagnosticProvider !== undefined, true);
  const followed = Buffer.concat([frame(init({ capabilities: {} })), frame({ jsonrpc: '2.0', method: 'initialized', params: {} })]);
  assert.deepEqual(readFirstMessage(followed), { kind: 'initialize', id: 1, json: ANSWER });
});

test('readFirstMessage waits for the whole first message', () => {
  const bytes = frame(init({ capabilities: {} }));
  for (const cut of [0, 5, 19, 20, bytes.indexOf('\r\n\r\n') + 4, bytes.length - 1]) assert.deepEqual(readFirstMessage(bytes.subarray(0, cut)), { kind: 'incomplete' }, `cut at ${cut}`);
});

test('readFirstMessage leaves everything else to the server', () => {
  const other = { kind: 'other' };
  const cases: [string, Buffer][] = [
    ['another request first', frame({ jsonrpc: '2.0', id: 1, method: 'shutdown' })],
    ['a notification first', frame({ jsonrpc: '2.0', method: 'exit' })],
    ['initialize as a notification', frame({ jsonrpc: '2.0', method: 'initialize', params: { capabilities: {} } })],
    ['a fractional id', frame(init({ capabilities: {} }, 1.5))],
    ['a null id', frame(init({ capabilities: {} }, null))],
    ['no jsonrpc', frame({ id: 1, method: 'initialize', params: { capabilities: {} } })],
    ['params not an object', frame(init([1]))],
    ['capabilities missing (the server answers an error)', frame(init({ processId: null }))],
    ['capabilities null', frame(init({ capabilities: null }))],
    ['a hover contentFormat the server cannot read', frame(init({ capabilities: { textDocument: { hover: { contentFormat: 5 } } } }))],
    ['workspaceFolders not a list', frame(init({ capabilities: {}, workspaceFolders: 5 }))],
    ['a rootUri that is not a string', frame(init({ capabilities: {}, rootUri: 5 }))],
    ['LF-only header', Buffer.from('Content-Length: 2\n\n{}')],
    ['an LF-only line before the end of the header', Buffer.from('Content-Length: 2\r\nX: 1\n')],
    ['no Content-Length', Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}')],
    ['a non-numeric Content-Length', Buffer.from('Content-Length: abc\r\n\r\n{}')],
    ['two Content-Lengths', Buffer.from('Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}')],
    ['another charset', frame(init({ capabilities: {} }), 'Content-Type: application/vscode-jsonrpc; charset=latin1\r\n')],
    ['an unknown header', frame(init({ capabilities: {} }), 'X-Thing: 1\r\n')],
    ['broken JSON', Buffer.from('Content-Length: 2\r\n\r\n{]')],
    ['a body larger than 4 MiB', Buffer.from(`Content-Length: ${4 * 1024 * 1024 + 1}\r\n\r\n{`)],
    ['a header section larger than 8 KiB', Buffer.from(`X-Pad: ${'x'.repeat(8200)}`)],
  ];
  for (const [name, bytes] of cases) assert.deepEqual(readFirstMessage(bytes), other, name);
});

test('answerInitializeEarly writes the answer, then puts every byte back in front of stdin and loads the server', async () => {
  const input = new PassThrough() as unknown as NodeJS.ReadStream & PassThrough;
  const output = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  const written: string[] = [];
  output.on('data', (d: Buffer) => written.push(d.toString()));
  const first = frame(init({ capabilities: {} }));
  const second = frame({ jsonrpc: '2.0', method: 'initialized', params: {} });
  const reread = new Promise<string>((resolve) => {
    answerInitializeEarly(
      () => {
        assert.deepEqual(written, [`Content-Length: ${Buffer.byteLength(ANSWER)}\r\n\r\n${ANSWER}`], 'answered before the server loads');
        const chunks: Buffer[] = [];
        input.on('data', (d: Buffer) => {
          chunks.push(d);
          if (Buffer.concat(chunks).length === first.length + second.length) resolve(Buffer.concat(chunks).toString());
        });
        input.resume();
        input.write(second.subarray(20));
      },
      input,
      output,
    );
  });
  input.write(first.subarray(0, 30));
  input.write(Buffer.concat([first.subarray(30), second.subarray(0, 20)]));
  assert.equal(await reread, Buffer.concat([first, second]).toString(), 'the server reads the stream from its first byte');
  assert.deepEqual((globalThis as Record<symbol, unknown>)[EARLY_INITIALIZE], { id: 1, json: ANSWER });
  delete (globalThis as Record<symbol, unknown>)[EARLY_INITIALIZE];
});

test('the stdio writer drops the server\'s own answer to the early-answered request once, and says if it differed', async () => {
  const sent: Message[] = [];
  const inner = { write: (m: Message) => (sent.push(m), Promise.resolve()), onError: () => ({ dispose() {} }), onClose: () => ({ dispose() {} }), end() {}, dispose() {} } as unknown as MessageWriter;
  const logs: string[] = [] as string[];
  const early: EarlyAnswer = { id: 1, json: JSON.stringify({ jsonrpc: '2.0', id: 1, result: { a: 1 } }) };
  const writer = withoutSecondAnswer(inner, early, (m) => logs.push(m));
  await writer.write({ jsonrpc: '2.0', method: 'window/logMessage', params: {} } as Message);
  await writer.write({ jsonrpc: '2.0', id: 1, method: 'client/registerCapability', params: {} } as Message);
  await writer.write({ jsonrpc: '2.0', id: 1, result: { a: 1 } } as Message);
  await writer.write({ jsonrpc: '2.0', id: 1, result: { a: 1 } } as Message);
  assert.deepEqual(sent.map((m) => JSON.stringify(m)), ['{"jsonrpc":"2.0","method":"window/logMessage","params":{}}', '{"jsonrpc":"2.0","id":1,"method":"client/registerCapability","params":{}}', '{"jsonrpc":"2.0","id":1,"result":{"a":1}}']);
  assert.equal(logs.length, 0);
  const differing = withoutSecondAnswer(inner, early, (m) => logs.push(m));
  await differing.write({ jsonrpc: '2.0', id: 1, result: { a: 2 } } as Message);
  assert.deepEqual(logs, ['the answer to initialize sent before the server loaded differs from the server\'s: sent {"jsonrpc":"2.0","id":1,"result":{"a":1}}, the server\'s is {"jsonrpc":"2.0","id":1,"result":{"a":2}}']);
  assert.equal(sent.length, 3, 'dropped all the same');
});

test('answerInitializeEarlyOverIpc sends the answer, loads the server, then gives it the first message before any later one', () => {
  const channel = new EventEmitter() as EventEmitter & { send: (m: unknown) => boolean };
  const events: string[] = [];
  channel.send = (m: unknown) => (events.push(`send ${JSON.stringify(m)}`), true);
  answerInitializeEarlyOverIpc(() => {
    events.push('load');
    channel.on('message', (m: { method?: string }) => events.push(`server reads ${m.method}`));
  }, channel as unknown as NodeJS.Process);
  channel.emit('message', init({ capabilities: {} }));
  channel.emit('message', { jsonrpc: '2.0', method: 'initialized', params: {} });
  assert.deepEqual(events, [`send ${ANSWER}`, 'load', 'server reads initialize', 'server reads initialized']);
  assert.deepEqual((globalThis as Record<symbol, unknown>)[EARLY_INITIALIZE], { id: 1, json: ANSWER });
  delete (globalThis as Record<symbol, unknown>)[EARLY_INITIALIZE];
  const other = new EventEmitter() as EventEmitter & { send: (m: unknown) => boolean };
  const sent: unknown[] = [];
  other.send = (m: unknown) => (sent.push(m), true);
  let loaded = 0;
  answerInitializeEarlyOverIpc(() => loaded++, other as unknown as NodeJS.Process);
  other.emit('message', { jsonrpc: '2.0', id: 1, method: 'shutdown' });
  assert.deepEqual({ sent, loaded, early: (globalThis as Record<symbol, unknown>)[EARLY_INITIALIZE] }, { sent: [], loaded: 1, early: undefined });
});
