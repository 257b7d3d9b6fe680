// VS Code entry. The extension activates on YAML and JSON files (activationEvents cannot look at a
// file's content), but the language server starts only once a document that mentions
// `migrations.kubevirt.io` or `kind: MigrationPolicy` is open, or a command needs it: a workspace of
// Helm charts and compose files never pays for a server process.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { mentionsMigrationPolicy, mentionsWorkload, VMI_SCHEME } from './format';
import { DOCUMENT_SELECTOR, LanguageServer } from './languageServer';
import { VmiDocuments } from './matches';
import { ClusterStatusItem } from './status';

/** Larger files are not searched for a policy (the server still sees them once it runs). */
const MAX_SCAN = 4 * 1024 * 1024;
const SCAN_DELAY_MS = 400;

let server: LanguageServer | undefined;

function wanted(document: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, document) > 0;
}

export function activate(context: vscode.ExtensionContext): void {
  const status = new ClusterStatusItem(vscode.workspace.isTrusted);
  const vmiDocuments = new VmiDocuments();
  const languageServer = new LanguageServer(context, status, vmiDocuments);
  server = languageServer;

  const startFor = (document: vscode.TextDocument) => {
    if (languageServer.started || !wanted(document)) return;
    const text = document.getText();
    if (text.length <= MAX_SCAN && (mentionsMigrationPolicy(text) || mentionsWorkload(text))) {
      languageServer.ensure().catch((e: Error) => {
        void vscode.window.showErrorMessage(`MigrationPolicy language server did not start: ${e.message}`, 'Show Output').then((choice) => choice && languageServer.showOutput());
      });
    }
  };
  const timers = new Map<string, NodeJS.Timeout>();
  const scheduleScan = (document: vscode.TextDocument) => {
    if (languageServer.started || !wanted(document)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        startFor(document);
      }, SCAN_DELAY_MS),
    );
  };

  context.subscriptions.push(
    status,
    vmiDocuments,
    languageServer,
    vscode.workspace.registerTextDocumentContentProvider(VMI_SCHEME, vmiDocuments),
    ...registerCommands(languageServer, vmiDocuments),
    vscode.workspace.onDidOpenTextDocument(startFor),
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && scheduleScan(e.document)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      status.setTrusted(true);
      if (languageServer.started) void languageServer.restart();
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  for (const document of vscode.workspace.textDocuments) startFor(document);
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}
