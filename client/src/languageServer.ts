// The bundled language server as the extension sees it: started over IPC on first need, stopped and
// started again when workspace trust changes, with the custom protocol (cluster status, commands)
// wired to the status bar and the match list.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, RevealOutputChannelOn, State, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { ClusterStatusNotification, Commands } from '../../server/src/protocol';
import type { ClusterStatus, CommandSignatures } from '../../server/src/protocol';
import { isMatchReport, presentMatches } from './matches';
import type { VmiDocuments } from './matches';
import type { ClusterStatusItem } from './status';
import { isVmiPolicyReport, presentVmiReport } from './vmSide';

/** What the server is told at start (`initializationOptions`). */
export interface InitializationOptions {
  /** False in untrusted workspaces: no kubeconfig (its exec plugins run programs), no snapshot. */
  clusterAccess: boolean;
  /** The extension shows match reports in a quick pick, so the server sends no message with them. */
  presentsMatches: boolean;
}

/** The files the server works on; it answers only for MigrationPolicy documents among them. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'untitled', language: 'json' },
];

export class LanguageServer implements vscode.Disposable {
  private starting: Promise<LanguageClient> | undefined;
  private readonly output = vscode.window.createOutputChannel('KubeVirt MigrationPolicy', { log: true });

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly status: ClusterStatusItem,
    private readonly vmiDocuments: VmiDocuments,
  ) {}

  get started(): boolean {
    return this.starting !== undefined;
  }

  /** The running client, starting the server first if it is not running. */
  ensure(): Promise<LanguageClient> {
    this.starting ??= this.start().catch((e) => {
      this.starting = undefined;
      throw e;
    });
    return this.starting;
  }

  /** Runs a server command (workspace/executeCommand) and returns its result. */
  async execute<C extends keyof CommandSignatures>(command: C, ...args: CommandSignatures[C]['args']): Promise<CommandSignatures[C]['result']> {
    const client = await this.ensure();
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as CommandSignatures[C]['result'];
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.ensure();
  }

  async stop(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    this.status.setRunning(false);
    const client = await starting?.catch(() => undefined);
    if (client?.needsStop()) await client.stop().catch(() => undefined);
  }

  showOutput(): void {
    this.output.show(true);
  }

  private async start(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const initializationOptions: InitializationOptions = { clusterAccess: vscode.workspace.isTrusted, presentsMatches: true };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions,
      synchronize: { configurationSection: 'migrationpolicy' },
      middleware: {
        executeCommand: async (command, args, next) => {
          const result = await next(command, args);
          if (command === Commands.showMatches && isMatchReport(result)) await presentMatches(result, this.vmiDocuments);
          if (command === Commands.explainVmi && isVmiPolicyReport(result)) await presentVmiReport(result);
          return result;
        },
      },
    };
    const client = new LanguageClient('migrationpolicy', 'KubeVirt MigrationPolicy', serverOptions, clientOptions);
    client.onNotification(ClusterStatusNotification, (status: ClusterStatus) => this.status.update(status));
    client.onDidChangeState((e) => {
      if (this.starting && e.newState !== State.Starting) this.status.setRunning(e.newState === State.Running);
    });
    this.status.setRunning(true);
    try {
      await client.start();
    } catch (e) {
      this.status.setRunning(false);
      throw e;
    }
    client
      .sendRequest(ExecuteCommandRequest.type, { command: Commands.clusterStatus, arguments: [] })
      .then(
        (status) => (status && typeof status === 'object' && 'state' in status ? this.status.update(status as ClusterStatus) : this.status.setUnavailable('no answer')),
        (e: Error) => this.status.setUnavailable(e.message),
      );
    return client;
  }

  dispose(): void {
    void this.stop();
    this.output.dispose();
  }
}
