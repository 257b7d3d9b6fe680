// A minimal LSP client for protocol tests: spawns the built server over --stdio and talks to it
// with vscode-languageserver-protocol, as any editor would.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { AbstractMessageWriter, createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { ClientCapabilities, InitializeResult, Message, MessageWriter, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { repoRoot } from './fixture';

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  initialize: InitializeResult;
  stderr: () => string;
  /** Resolves with the next publishDiagnostics for a uri (optionally one satisfying a predicate); rejects after `timeoutMs` (10 s). */
  nextDiagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Settings answered to workspace/configuration requests, by section. */
  settings: Record<string, unknown>;
  /** Every migrationpolicy/clusterStatus notification received. */
  statuses: unknown[];
  codeLensRefreshes: number;
  /**
   * Runs `send` (which sends messages and returns their promises) and writes what it sent to the server
   * in one write, so the server reads them together, as it reads an editor's burst of an edit and the
   * requests after it. Without this the client writes them one by one, and on a busy machine the
   * server may see the edit alone.
   */
  burst<T>(send: () => T): Promise<T>;
  /** Resolves once a clusterStatus notification satisfies the predicate. */
  waitForStatus(predicate: (status: { state: { kind: string } }) => boolean): Promise<unknown>;
  stop(): Promise<void>;
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    publishDiagnostics: {},
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
  },
  workspace: { configuration: true },
};

/** Settings that keep the server off any cluster (and off the demo snapshot). */
export const NO_CLUSTER: Record<string, unknown> = { migrationpolicy: { cluster: { source: 'none' } } };

/** Writes through StreamMessageWriter, except between `hold` and `release`: those messages go out as one write. */
class BurstWriter extends AbstractMessageWriter implements MessageWriter {
  private held: Buffer[] | undefined;
  private last: Promise<void> = Promise.resolve();
  private readonly inner: StreamMessageWriter;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    this.inner = new StreamMessageWriter(stream);
    this.inner.onError(([error, message, count]) => this.fireError(error, message, count));
    this.inner.onClose(() => this.fireClose());
  }

  write(message: Message): Promise<void> {
    if (!this.held) return (this.last = this.inner.write(message));
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.held.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body);
    return Promise.resolve();
  }

  hold(): void {
    this.held = [];
  }

  async release(): Promise<void> {
    const frames = this.held ?? [];
    this.held = undefined;
    await this.last.catch(() => undefined);
    await new Promise<void>((resolve, reject) => this.stream.write(Buffer.concat(frames), (error) => (error ? reject(error) : resolve())));
  }

  end(): void {
    this.inner.end();
  }

  override dispose(): void {
    super.dispose();
    this.inner.dispose();
  }
}

/**
 * Starts dist/server.js --stdio and initializes it (by default with no cluster data); `initializationOptions`
 * are sent as they are (e.g. `{ clusterAccess: false }`, what VS Code sends for an untrusted workspace);
 * `env` is the server's environment (default: this process's).
 */
export async function startClient(capabilities: ClientCapabilities = DEFAULT_CAPABILITIES, rootUri: string | null = null, settings: Record<string, unknown> = NO_CLUSTER, initializationOptions?: unknown, env: NodeJS.ProcessEnv = process.env): Promise<TestClient> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const writer = new BurstWriter(child.stdin!);
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), writer);
  const waiters: { uri: string; predicate?: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const client = { settings: { ...settings } as Record<string, unknown>, codeLensRefreshes: 0, statuses: [] as unknown[] };
  const statusWaiters: (() => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && (!w.predicate || w.predicate(p)));
    if (i !== -1) waiters.splice(i, 1)[0].resolve(p);
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => client.settings[item.section ?? ''] ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => {
    client.codeLensRefreshes++;
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('migrationpolicy/clusterStatus', (status: unknown) => {
    client.statuses.push(status);
    for (const w of statusWaiters.splice(0)) w();
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const initialize = (await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, workspaceFolders: null, ...(initializationOptions !== undefined ? { initializationOptions } : {}) })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  return Object.assign(client, {
    connection,
    process: child,
    initialize,
    stderr: () => stderr,
    nextDiagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10000) {
      return new Promise<PublishDiagnosticsParams>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs / 1000} s`)), timeoutMs);
        waiters.push({ uri, predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async burst<T>(send: () => T): Promise<T> {
      writer.hold();
      let sent: T;
      try {
        sent = send();
      } finally {
        await writer.release();
      }
      return sent;
    },
    waitForStatus(predicate: (status: { state: { kind: string } }) => boolean) {
      return new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching cluster status within 15 s: ${JSON.stringify(client.statuses.at(-1))}`)), 15000);
        const check = () => {
          const hit = client.statuses.find((s) => predicate(s as { state: { kind: string } }));
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          } else statusWaiters.push(check);
        };
        check();
      });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      connection.dispose();
    },
  });
}
