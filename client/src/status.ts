// The cluster status bar item: where the cluster data comes from, how much is loaded, what went wrong.
// Shown while the language server runs and a YAML or JSON editor is active; a click offers the
// cluster actions.
import * as vscode from 'vscode';
import type { ClusterStatus } from '../../server/src/protocol';
import { ClientCommands } from './commandIds';
import { formatStatus } from './format';

const STATUS_COMMAND = ClientCommands.clusterActions;

const LANGUAGES = new Set(['yaml', 'json']);

export class ClusterStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('migrationpolicy.cluster', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private status: ClusterStatus | undefined;
  private unavailable: string | undefined;
  private running = false;

  constructor(private trusted: boolean) {
    this.item.name = 'MigrationPolicy Cluster';
    this.item.command = STATUS_COMMAND;
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
  }

  /** The server started or stopped; a stopped server hides the item. */
  setRunning(running: boolean): void {
    this.running = running;
    if (!running) this.status = undefined;
    this.render();
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.render();
  }

  update(status: ClusterStatus): void {
    this.status = status;
    this.unavailable = undefined;
    this.render();
  }

  /** The server answered no cluster status (an older server, or the request failed). */
  setUnavailable(reason: string): void {
    this.status = undefined;
    this.unavailable = reason;
    this.render();
  }

  private render(): void {
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (!this.running || !language || !LANGUAGES.has(language)) {
      this.item.hide();
      return;
    }
    if (!this.status) {
      this.item.text = this.unavailable ? '$(circle-slash) no cluster data' : '$(sync~spin) MigrationPolicy';
      this.item.tooltip = this.unavailable ? `The language server gave no cluster status: ${this.unavailable}` : 'Starting the MigrationPolicy language server…';
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const view = formatStatus(this.status, this.trusted);
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(`${view.tooltip}\n\n[Cluster actions…](command:${STATUS_COMMAND})`, true);
    tooltip.isTrusted = { enabledCommands: [STATUS_COMMAND] };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.level === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : view.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `MigrationPolicy cluster: ${view.text.replace(/\$\([^)]*\)\s*/g, '')}` };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
