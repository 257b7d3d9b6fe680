// The connection the server runs on, picked from argv, with the protocol's hygiene enforced before any
// handler sees a message: requests before `initialize` get ServerNotInitialized, parameters of the
// wrong shape get InvalidParams (malformed notifications are dropped with one log line), and a broken
// frame on stdio (bad Content-Length, LF-only headers) ends the process so the editor restarts it
// instead of talking to a dead connection.
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import {
  createConnection,
  createServerSocketTransport,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import type { Connection, DataCallback, Disposable, Message, MessageReader, MessageWriter } from 'vscode-languageserver/node';
import { EARLY_INITIALIZE } from './earlyInitialize';
import type { EarlyAnswer } from './earlyInitialize';
import { MessageEncoder } from './encoder';
import { checkParams } from './guards';

/** The largest message a client may send (a didOpen of a file this size is answered, not parsed). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
const MAX_HEADER_BYTES = 8 * 1024;

/**
 * Watches an LSP byte stream's framing and passes it through unchanged; calls `broken` once when a
 * header is malformed: a line not ended by CRLF, no or a non-numeric Content-Length, a header section
 * or a message larger than the limits.
 */
export class FrameCheck extends Transform {
  private header: number[] = [];
  private body = 0;
  private failed = false;

  constructor(private readonly broken: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.failed) return callback();
    // The end of the last complete message in this chunk: what comes before a broken header still counts.
    let complete = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (this.body > 0) {
        const take = Math.min(this.body, chunk.length - i);
        this.body -= take;
        i += take - 1;
        if (this.body === 0) complete = i + 1;
        continue;
      }
      const byte = chunk[i];
      this.header.push(byte);
      if (byte === 10 && this.header[this.header.length - 2] !== 13) return this.fail('a header line ends with LF alone; LSP headers end with CRLF', chunk.subarray(0, complete), callback);
      if (this.header.length > MAX_HEADER_BYTES) return this.fail(`the header section is longer than ${MAX_HEADER_BYTES} bytes`, chunk.subarray(0, complete), callback);
      const n = this.header.length;
      if (n >= 4 && this.header[n - 1] === 10 && this.header[n - 2] === 13 && this.header[n - 3] === 10 && this.header[n - 4] === 13) {
        const text = Buffer.from(this.header).toString('ascii');
        this.header = [];
        const length = /(?:^|\r\n)content-length:[ \t]*(\d+)[ \t]*\r\n/i.exec(text);
        if (!length) return this.fail(`no valid Content-Length in the header ${JSON.stringify(text.slice(0, 200))}`, chunk.subarray(0, complete), callback);
        const size = Number(length[1]);
        if (size > MAX_MESSAGE_BYTES) return this.fail(`a message of ${size} bytes, more than the ${MAX_MESSAGE_BYTES} accepted`, chunk.subarray(0, complete), callback);
        this.body = size;
      }
    }
    callback(null, chunk);
  }

  private fail(reason: string, valid: Buffer, callback: TransformCallback): void {
    this.failed = true;
    callback(null, valid.length ? valid : undefined);
    this.broken(reason);
  }
}

/**
 * Wraps a reader: before `initialize`, requests are answered with ServerNotInitialized and
 * notifications other than `exit` dropped; afterwards, parameters of known methods are checked.
 */
export function guardReader(reader: MessageReader, writer: MessageWriter, log: (message: string) => void): MessageReader & { shutdownRequested(): boolean } {
  let initialized = false;
  let shutdown = false;
  const reply = (id: number | string | null, code: number, message: string) => void writer.write({ jsonrpc: '2.0', id, error: { code, message } } as Message).catch(() => undefined);
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    shutdownRequested: () => shutdown,
    listen(callback: DataCallback): Disposable {
      return reader.listen((message) => {
        const m = message as { id?: number | string | null; method?: unknown; params?: unknown };
        if (typeof m.method !== 'string') return callback(message);
        const isRequest = m.id !== undefined;
        if (!initialized && m.method !== 'initialize' && m.method !== 'exit') {
          if (isRequest) reply(m.id ?? null, ErrorCodes.ServerNotInitialized, `The server is not initialized: send "initialize" before "${m.method}".`);
          return;
        }
        const problem = checkParams(m.method, m.params);
        if (problem) {
          if (isRequest) reply(m.id ?? null, ErrorCodes.InvalidParams, `${m.method}: ${problem}.`);
          else log(`ignored ${m.method}: ${problem}`);
          return;
        }
        if (m.method === 'initialize') initialized = true;
        if (m.method === 'shutdown') shutdown = true;
        callback(message);
      });
    },
  };
}

/**
 * A writer that drops the server's own answer to the `initialize` request dist/server.js answered
 * before the server was loaded (earlyInitialize.ts), logging if the two ever differ.
 */
export function withoutSecondAnswer(writer: MessageWriter, early: EarlyAnswer, log: (message: string) => void): MessageWriter {
  let pending: EarlyAnswer | undefined = early;
  return {
    onError: writer.onError,
    onClose: writer.onClose,
    end: () => writer.end(),
    dispose: () => writer.dispose(),
    write(msg: Message): Promise<void> {
      const m = msg as { id?: unknown; method?: unknown };
      if (pending && m.method === undefined && m.id === pending.id) {
        const json = JSON.stringify(msg);
        if (json !== pending.json) log(`the answer to initialize sent before the server loaded differs from the server's: sent ${pending.json}, the server's is ${json}`);
        pending = undefined;
        return Promise.resolve();
      }
      return writer.write(msg);
    },
  };
}

/** The connection for the argv transport (--stdio, --node-ipc, --socket=PORT), guarded as above. */
export function createGuardedConnection(argv: string[], log: (message: string) => void): Connection {
  const socket = argv.find((a) => a.startsWith('--socket='))?.slice(9) ?? (argv.includes('--socket') ? argv[argv.indexOf('--socket') + 1] : undefined);
  let reader: MessageReader;
  let writer: MessageWriter;
  let input: NodeJS.ReadableStream | undefined;
  if (argv.includes('--node-ipc')) {
    reader = new IPCMessageReader(process);
    writer = new IPCMessageWriter(process);
    const early = (globalThis as Record<symbol, EarlyAnswer | undefined>)[EARLY_INITIALIZE];
    if (early) writer = withoutSecondAnswer(writer, early, log);
  } else if (socket !== undefined) {
    [reader, writer] = createServerSocketTransport(Number(socket));
  } else {
    const frames = new FrameCheck((reason) => {
      log(`broken LSP frame on stdin: ${reason}; exiting so the client can restart the server`);
      // A moment for the answers to the messages before the broken one, then out.
      setTimeout(() => process.exit(1), 300).unref();
    });
    input = process.stdin.pipe(frames);
    reader = new StreamMessageReader(frames);
    const encoder = new MessageEncoder();
    writer = new StreamMessageWriter(process.stdout, { contentTypeEncoder: { name: 'application/json', encode: (msg) => Promise.resolve(encoder.encode(msg)) } });
    const early = (globalThis as Record<symbol, EarlyAnswer | undefined>)[EARLY_INITIALIZE];
    if (early) writer = withoutSecondAnswer(writer, early, log);
  }
  const guarded = guardReader(reader, writer, log);
  if (input) {
    // The stream variant of createConnection exits when stdin ends; the reader variant needs this.
    const end = () => process.exit(guarded.shutdownRequested() ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
  }
  return createConnection(ProposedFeatures.all, guarded, writer);
}
