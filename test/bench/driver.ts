// One LSP driver for every server the benchmark runs (this one and yaml-language-server): spawns it
// over stdio, answers configuration requests, and measures what an editor's user waits for. Requests
// are sent right after an edit, without waiting for its diagnostics, as typing does.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { EntryType } from 'node:perf_hooks';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { InitializeResult, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

export interface ServerSpec {
  name: string;
  command: string[];
  /** Answers to workspace/configuration, by section (also sent once with didChangeConfiguration). */
  settings: Record<string, unknown>;
}

export interface DriverOptions {
  rootUri: string | null;
  /** Resolves once the server has what it needs (cluster data loaded); optional. */
  ready?: (driver: Driver) => Promise<void>;
}

/** Milliseconds a publish for an edit may take before the run is reported as missing it. */
const DIAGNOSTICS_TIMEOUT = 120_000;

export class Driver {
  readonly connection: ProtocolConnection;
  initialize!: InitializeResult;
  initializeMs = 0;
  /** This process's own garbage-collection pauses while it waited for the initialize answer (ms). */
  initializeDriverGcMs = 0;
  private readonly waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly notifications = new Map<string, ((params: unknown) => void)[]>();

  private constructor(
    readonly spec: ServerSpec,
    readonly process: ChildProcess,
  ) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      for (let i = 0; i < this.waiters.length; i++) {
        const w = this.waiters[i];
        // A server that sends no version is taken at its first publish after the edit.
        if (w.uri === p.uri && (w.version === undefined || p.version === undefined || p.version >= w.version)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
          return;
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => spec.settings[item.section ?? ''] ?? null));
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'workspace/inlayHint/refresh', 'workspace/diagnostic/refresh', 'workspace/codeLens/refresh', 'window/workDoneProgress/create', 'workspace/semanticTokens/refresh']) {
      this.connection.onRequest(method, () => null);
    }
    for (const method of ['window/logMessage', 'window/showMessage', '$/progress', 'telemetry/event']) this.connection.onNotification(method, () => undefined);
    this.connection.listen();
  }

  /** Spawns and initializes a server; `initializeMs` is spawn until the initialize answer. */
  static async start(spec: ServerSpec, options: DriverOptions): Promise<Driver> {
    let driverGc = 0;
    const gcs = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) driverGc += entry.duration;
    });
    gcs.observe({ entryTypes: ['gc' as EntryType] });
    const started = performance.now();
    const child = spawn(spec.command[0], spec.command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    const driver = new Driver(spec, child);
    driver.initialize = (await driver.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'bench' }] : null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          publishDiagnostics: { versionSupport: true },
          codeLens: {},
          inlayHint: {},
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
      },
    })) as InitializeResult;
    driver.initializeMs = performance.now() - started;
    gcs.disconnect();
    driver.initializeDriverGcMs = driverGc;
    const ready = options.ready?.(driver);
    await driver.connection.sendNotification('initialized', {});
    await driver.connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    await ready;
    return driver;
  }

  /** Resolves with the next notification of a method that satisfies the predicate. */
  waitFor<T>(method: string, predicate: (params: T) => boolean = () => true): Promise<T> {
    return new Promise((resolve) => {
      let list = this.notifications.get(method);
      if (!list) {
        const listeners: ((params: unknown) => void)[] = (list = []);
        this.connection.onNotification(method, (params: unknown) => {
          for (const listener of [...listeners]) listener(params);
        });
      }
      const listener = (params: unknown) => {
        if (!predicate(params as T)) return;
        list!.splice(list!.indexOf(listener), 1);
        resolve(params as T);
      };
      list.push(listener);
      this.notifications.set(method, list);
    });
  }

  /** The next diagnostics published for a uri (at least `version`, when the server sends versions). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), DIAGNOSTICS_TIMEOUT);
      this.waiters.push({
        uri,
        version,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  supports(request: 'completion' | 'hover' | 'codeLens' | 'inlayHint'): boolean {
    const c = this.initialize.capabilities;
    return Boolean({ completion: c.completionProvider, hover: c.hoverProvider, codeLens: c.codeLensProvider, inlayHint: c.inlayHintProvider }[request]);
  }

  /** Peak resident memory of the server process so far (Linux: VmHWM), in MB. */
  peakRssMb(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    const exited = this.process.exitCode !== null || this.process.signalCode !== null ? Promise.resolve() : new Promise((resolve) => this.process.once('exit', resolve));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill();
      // Gone before the next server is spawned and timed.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
    this.connection.dispose();
  }
}
