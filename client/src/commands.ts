// The extension's commands (contributes.commands, category "MigrationPolicy"): matches of the policy
// at the cursor, cluster source choices, refresh, a new policy, the JSON Schema export.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { DocumentSymbolRequest, SymbolKind } from 'vscode-languageclient/node';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import { ClientCommands } from './commandIds';
import { policyInsertion } from './format';
import type { LanguageServer } from './languageServer';
import { presentMatches } from './matches';
import type { VmiDocuments } from './matches';
import { looksLikeSnapshot, SNAPSHOT_PEEK_BYTES } from './snapshots';
import { showDrift } from './vmSide';


/** Registers every command; failures become one error message with a way to the server's log. */
export function registerCommands(server: LanguageServer, vmiDocuments: VmiDocuments): vscode.Disposable[] {
  const run = (name: string, action: (...args: unknown[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(name, async (...args: unknown[]) => {
      try {
        await action(...args);
      } catch (e) {
        const choice = await vscode.window.showErrorMessage(`MigrationPolicy: ${(e as Error).message}`, 'Show Output');
        if (choice) server.showOutput();
      }
    });
  return [
    run(ClientCommands.showMatches, () => showMatchesAtCursor(server, vmiDocuments)),
    run(ClientCommands.selectContext, () => selectContext(server)),
    run(ClientCommands.useSnapshot, () => useSnapshot()),
    run(ClientCommands.useDemo, () => updateCluster({ 'cluster.source': 'demo' })),
    run(ClientCommands.refresh, () => server.execute(Commands.refreshCluster)),
    run(ClientCommands.insertPolicy, () => insertPolicy()),
    run(ClientCommands.exportSchema, () => exportSchema(server)),
    run(ClientCommands.clusterActions, () => clusterActions(server)),
    run(ClientCommands.restartServer, () => server.restart()),
    run(ClientCommands.showOutput, async () => server.showOutput()),
    run(ClientCommands.showDrift, () => showDrift(server)),
  ];
}

function isPolicyEditor(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return Boolean(editor && (editor.document.languageId === 'yaml' || editor.document.languageId === 'json'));
}

/** The policies of a file, from the server's outline (its top-level symbols are the policies). */
async function policiesOf(server: LanguageServer, document: vscode.TextDocument): Promise<DocumentSymbol[]> {
  const client = await server.ensure();
  const symbols = (await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } })) ?? [];
  return (symbols as (DocumentSymbol | SymbolInformation)[]).filter((s): s is DocumentSymbol => 'range' in s && s.kind === SymbolKind.Class);
}

async function showMatchesAtCursor(server: LanguageServer, vmiDocuments: VmiDocuments): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!isPolicyEditor(editor)) {
    void vscode.window.showInformationMessage('Open a YAML or JSON file with a MigrationPolicy first.');
    return;
  }
  const policies = await policiesOf(server, editor.document);
  const cursor = editor.selection.active;
  const inside = (s: DocumentSymbol) => {
    const { start, end } = s.range;
    return (cursor.line > start.line || (cursor.line === start.line && cursor.character >= start.character)) && (cursor.line < end.line || (cursor.line === end.line && cursor.character <= end.character));
  };
  let policy = policies.find(inside) ?? (policies.length === 1 ? policies[0] : undefined);
  if (!policy && policies.length > 1) {
    const picked = await vscode.window.showQuickPick(policies.map((p) => ({ label: p.name, description: p.detail, policy: p })), { placeHolder: 'Which policy?' });
    policy = picked?.policy;
    if (!picked) return;
  }
  if (!policy) {
    void vscode.window.showInformationMessage('This file holds no MigrationPolicy.');
    return;
  }
  const report = await server.execute(Commands.showMatches, policy.name);
  await presentMatches(report, vmiDocuments);
}

/** The workspace's settings, or the user's where there is no folder or the workspace is untrusted (Restricted Mode ignores a workspace's cluster settings). */
function settingsTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length && vscode.workspace.isTrusted ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

/** False (after telling the user) when the workspace is untrusted: no kubeconfig is read there. */
async function kubeconfigAllowed(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage('Live clusters are off in Restricted Mode: a kubeconfig can run programs (exec credential plugins). Trust this workspace to use one; snapshot files work meanwhile.', 'Manage Workspace Trust');
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

async function updateCluster(values: Record<string, string>): Promise<void> {
  const config = vscode.workspace.getConfiguration('migrationpolicy');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, settingsTarget());
}

async function selectContext(server: LanguageServer): Promise<void> {
  if (!(await kubeconfigAllowed())) return;
  const answer = await server.execute(Commands.listContexts);
  if (!answer?.contexts?.length) {
    const why = answer?.error ? ` (${answer.error})` : '';
    const choice = await vscode.window.showWarningMessage(`No kubeconfig contexts found${why}: set migrationpolicy.cluster.kubeconfig, or KUBECONFIG, or create ~/.kube/config.`, 'Open Settings');
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'migrationpolicy.cluster');
    return;
  }
  const configured = vscode.workspace.getConfiguration('migrationpolicy').get<string>('cluster.context');
  const items = answer.contexts.map(({ name, cluster, server: address }) => ({
    label: name,
    description: [name === answer.current ? 'current-context' : '', name === configured ? 'selected' : ''].filter(Boolean).join(' · '),
    detail: address ? `${cluster} · ${address}` : cluster,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Kubeconfig context for MigrationPolicy matching', placeHolder: 'The cluster whose VMIs and policies the code lenses use' });
  if (picked) await updateCluster({ 'cluster.context': picked.label, 'cluster.source': 'kube' });
}

/**
 * "Use Snapshot File…": the workspace's files that look like `kubectl get … -o yaml` output first (the
 * one in use marked), then "Browse…" for any other file.
 */
async function useSnapshot(): Promise<void> {
  const inUse = vscode.workspace.getConfiguration('migrationpolicy').get<string>('cluster.snapshot');
  const found = await workspaceSnapshots();
  const browse = { label: '$(folder-opened) Browse…', description: 'any YAML or JSON file made by kubectl get … -o yaml' };
  const items: (vscode.QuickPickItem & { file?: vscode.Uri })[] = [
    ...found.map((file) => ({ label: vscode.workspace.asRelativePath(file), description: inUse && file.fsPath === inUse ? 'in use' : undefined, file })),
    browse,
  ];
  const picked = found.length
    ? await vscode.window.showQuickPick(items, { title: 'Cluster snapshot for MigrationPolicy matching', placeHolder: 'A file that kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml printed' })
    : browse;
  if (!picked) return;
  const file = 'file' in picked && picked.file ? picked.file : await browseForSnapshot();
  if (file) await updateCluster({ 'cluster.snapshot': file.fsPath, 'cluster.source': 'snapshot' });
}

async function browseForSnapshot(): Promise<vscode.Uri | undefined> {
  const files = await vscode.window.showOpenDialog({
    title: 'Cluster snapshot (Namespaces, VMIs, MigrationPolicies, the KubeVirt CR)',
    openLabel: 'Use Snapshot',
    canSelectMany: false,
    filters: { 'Cluster snapshot': ['yaml', 'yml', 'json'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return files?.[0];
}

/** Workspace files (at most 500 looked at) whose ends look like a cluster snapshot, by path. */
async function workspaceSnapshots(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.{yaml,yml,json}', '**/node_modules/**', 500);
  const found: vscode.Uri[] = [];
  for (const file of files) {
    if (file.scheme !== 'file') continue;
    try {
      const ends = await readEnds(file.fsPath, SNAPSHOT_PEEK_BYTES);
      if (looksLikeSnapshot(ends.head, ends.tail)) found.push(file);
    } catch {
      // Unreadable: not proposed.
    }
  }
  return found.sort((a, b) => (a.fsPath < b.fsPath ? -1 : 1));
}

/** The first and last `bytes` of a regular file (the whole file when it is smaller). */
async function readEnds(file: string, bytes: number): Promise<{ head: string; tail: string }> {
  const handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { head: '', tail: '' };
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead).toString('utf8');
    };
    const head = await read(0, Math.min(bytes, stat.size));
    const tail = stat.size > bytes ? await read(Math.max(bytes, stat.size - bytes), Math.min(bytes, stat.size - bytes)) : '';
    return { head, tail };
  } finally {
    await handle.close();
  }
}

async function insertPolicy(): Promise<void> {
  let editor = vscode.window.activeTextEditor;
  if (!isPolicyEditor(editor)) {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    editor = await vscode.window.showTextDocument(document);
  }
  const document = editor.document;
  const insertion = policyInsertion(document.getText(), document.languageId === 'json' ? 'json' : 'yaml');
  if ('error' in insertion) {
    void vscode.window.showWarningMessage(insertion.error);
    return;
  }
  const end = document.lineAt(document.lineCount - 1).range.end;
  await editor.insertSnippet(new vscode.SnippetString(insertion.snippet), end);
}

/** Saves the JSON Schema the server serves (`migrationpolicy.jsonSchema`, the same for every editor). */
async function exportSchema(server: LanguageServer): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export the MigrationPolicy JSON Schema',
    saveLabel: 'Export',
    filters: { 'JSON Schema': ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'migrationpolicy.schema.json') } : {}),
  });
  if (!target) return;
  const schema = await server.execute(Commands.jsonSchema);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(schema, null, 2)}\n`));
  const choice = await vscode.window.showInformationMessage(`Saved the MigrationPolicy JSON Schema (draft-07) to ${vscode.workspace.asRelativePath(target)}: use it with yaml.schemas or kubeconform.`, 'Open');
  if (choice) await vscode.window.showTextDocument(target);
}

async function clusterActions(server: LanguageServer): Promise<void> {
  const actions: (vscode.QuickPickItem & { run: () => Promise<unknown> })[] = [
    { label: '$(server) Select Kubeconfig Context…', run: () => selectContext(server) },
    { label: '$(file) Use Snapshot File…', run: () => useSnapshot() },
    { label: '$(refresh) Refresh Cluster Data', run: () => server.execute(Commands.refreshCluster) },
    { label: '$(sparkle) Automatic Source', description: 'the kubeconfig if there is one, else no cluster', run: () => updateCluster({ 'cluster.source': 'auto' }) },
    { label: '$(beaker) Try the Demo Cluster', description: 'made-up VMIs bundled with the extension, labelled as the demo', run: () => updateCluster({ 'cluster.source': 'demo' }) },
    { label: '$(circle-slash) No Cluster Data', description: 'no code lenses, nothing is read', run: () => updateCluster({ 'cluster.source': 'none' }) },
    { label: '$(output) Show Language Server Output', run: async () => server.showOutput() },
  ];
  const picked = await vscode.window.showQuickPick(actions, { title: 'MigrationPolicy: cluster data' });
  await picked?.run();
}
