// Answers `initialize` before the language server is loaded, over stdio and over IPC. Over stdio,
// dist/server.js (launch.ts) reads the client's first message from stdin; when it is a well-formed
// `initialize` request, it writes the answer at once, computed by capabilities.ts (the module the full
// server answers with), and then loads the server. The server reads the whole stream from the first
// byte, the `initialize` request included, and so sets itself up exactly as before; its own answer to
// that request is dropped by the writer (transport.ts), which logs if it ever differs from the early
// one. Over IPC (VS Code's client forks the server with --node-ipc) the first message is taken,
// answered, and given to the server again once it has loaded. Anything else as the first message
// (another request, `exit`, a broken frame, a message larger than an `initialize` can be) is left to
// the server untouched. This module imports no LSP library.
import type { ClientCapabilities } from 'vscode-languageserver';
import { initializeResult, readClientSupport } from './capabilities';
import { checkParams } from './guards';

/** Where the early answer is left for the server's writer (dist/server.js and the server bundle share the process, not modules). */
export const EARLY_INITIALIZE = Symbol.for('kubevirt-migrationpolicy.earlyInitialize');

/** The `initialize` request answered early: its id and the JSON of the response sent. */
export interface EarlyAnswer {
  id: number | string;
  json: string;
}

/** Header section and body limits of a first message answered early; larger ones go to the server as they are. */
const MAX_HEADER_BYTES = 8 * 1024;
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** What the bytes received so far begin with. */
export type FirstMessage =
  | { kind: 'incomplete' }
  /** Not an `initialize` that may be answered early: the server reads it as it reads any message. */
  | { kind: 'other' }
  | { kind: 'initialize'; id: number | string; json: string };

/**
 * Reads the first LSP message of `bytes` (Content-Length framing, CRLF headers, an optional
 * Content-Type of JSON in UTF-8) and, when it is an `initialize` request whose parameters the server
 * accepts, the JSON of the response. Whatever the server would answer otherwise (an error, or
 * nothing for a malformed frame) is `other`.
 */
export function readFirstMessage(bytes: Buffer): FirstMessage {
  const headerEnd = bytes.indexOf('\r\n\r\n');
  for (let lf = bytes.indexOf(10); lf >= 0 && (headerEnd < 0 || lf < headerEnd); lf = bytes.indexOf(10, lf + 1)) {
    if (bytes[lf - 1] !== 13) return { kind: 'other' };
  }
  if (headerEnd < 0) return bytes.length > MAX_HEADER_BYTES ? { kind: 'other' } : { kind: 'incomplete' };
  if (headerEnd > MAX_HEADER_BYTES) return { kind: 'other' };
  let length: number | undefined;
  for (const line of bytes.toString('ascii', 0, headerEnd).split('\r\n')) {
    const field = /^([A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!field || line.includes('\n')) return { kind: 'other' };
    const name = field[1].toLowerCase();
    if (name === 'content-length' && length === undefined && /^\d+$/.test(field[2])) length = Number(field[2]);
    else if (name !== 'content-type' || !/^application\/vscode-jsonrpc;[ \t]*charset=utf-?8$/i.test(field[2])) return { kind: 'other' };
  }
  if (length === undefined || length > MAX_BODY_BYTES) return { kind: 'other' };
  const start = headerEnd + 4;
  if (bytes.length < start + length) return { kind: 'incomplete' };
  let message: unknown;
  try {
    message = JSON.parse(bytes.toString('utf8', start, start + length));
  } catch {
    return { kind: 'other' };
  }
  const early = earlyAnswerOf(message);
  return early ? { kind: 'initialize', ...early } : { kind: 'other' };
}

/** The JSON of the answer to `message` when it is an `initialize` request that may be answered early. */
export function earlyAnswerOf(message: unknown): EarlyAnswer | undefined {
  const m = message as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
  if (typeof message !== 'object' || message === null || Array.isArray(message) || m.jsonrpc !== '2.0' || m.method !== 'initialize') return undefined;
  if (!(typeof m.id === 'string' || (typeof m.id === 'number' && Number.isInteger(m.id)))) return undefined;
  if (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params) || checkParams('initialize', m.params)) return undefined;
  try {
    const result = initializeResult(readClientSupport((m.params as { capabilities: ClientCapabilities }).capabilities));
    return { id: m.id, json: JSON.stringify({ jsonrpc: '2.0', id: m.id, result }) };
  } catch {
    return undefined;
  }
}

/**
 * Over IPC (`--node-ipc`, how VS Code starts the server): takes the first message, answers it when it
 * is an `initialize` (process.send), loads the server and gives it that message again, before any
 * later one (Node emits each IPC message on a tick of its own).
 */
export function answerInitializeEarlyOverIpc(load: () => void, channel: NodeJS.Process = process): void {
  channel.once('message', (message: unknown) => {
    const early = earlyAnswerOf(message);
    if (early) {
      (globalThis as Record<symbol, unknown>)[EARLY_INITIALIZE] = early;
      channel.send!(JSON.parse(early.json));
    }
    load();
    (channel as NodeJS.EventEmitter).emit('message', message);
  });
}

/**
 * Reads stdin until its first message is known, answers it when it is an `initialize` (leaving the
 * EarlyAnswer on globalThis for the server's writer), puts every byte read back at the front of stdin
 * and calls `load`; stdin is left paused (the server's `pipe` resumes it). A stdin that ends before
 * one whole message ends the process as the server would.
 */
export function answerInitializeEarly(load: () => void, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stdout): void {
  let received: Buffer = Buffer.alloc(0);
  const ended = () => process.exit(1);
  const onData = (chunk: Buffer) => {
    received = received.length ? Buffer.concat([received, chunk]) : chunk;
    const first = readFirstMessage(received);
    if (first.kind === 'incomplete') return;
    input.pause();
    input.removeListener('data', onData);
    input.removeListener('end', ended);
    if (first.kind === 'initialize') {
      (globalThis as Record<symbol, unknown>)[EARLY_INITIALIZE] = { id: first.id, json: first.json } satisfies EarlyAnswer;
      output.write(`Content-Length: ${Buffer.byteLength(first.json)}\r\n\r\n${first.json}`);
    }
    input.unshift(received);
    load();
  };
  input.on('data', onData);
  input.on('end', ended);
}
