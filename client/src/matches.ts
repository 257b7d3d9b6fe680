// Shows a MatchReport (the answer to `migrationpolicy.showMatches`): a quick pick of the VMIs the
// policy matches, each with the policy that wins it and why; choosing one opens the VMI read-only.
import * as vscode from 'vscode';
import type { MatchReport } from '../../server/src/protocol';
import { matchItems, matchTitle, VMI_SCHEME, vmiDocument, vmiPath } from './format';

/** Serves the read-only VMI documents (`migrationpolicy-vmi:` URIs) opened from a match list. */
export class VmiDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores a VMI's text and returns its URI; the same VMI asked again shows the newer reading. */
  put(report: MatchReport, index: number): vscode.Uri {
    const vmi = report.vmis[index];
    const uri = vscode.Uri.from({ scheme: VMI_SCHEME, path: vmiPath(report.policy, vmi) });
    this.texts.set(uri.toString(), vmiDocument(report, vmi));
    if (this.texts.size > 200) this.texts.delete(this.texts.keys().next().value as string);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# This VMI view has expired: run "Show VMIs Matched by This Policy" again.\n';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Whether a command's result looks like a MatchReport. */
export function isMatchReport(value: unknown): value is MatchReport {
  const r = value as MatchReport | null;
  return Boolean(r && typeof r === 'object' && typeof r.policy === 'string' && Array.isArray(r.vmis) && r.status);
}

/** Presents a report: a quick pick of VMIs; the chosen one opens in a read-only editor. */
export async function presentMatches(report: MatchReport, documents: VmiDocuments): Promise<void> {
  if (report.vmis.length === 0) {
    const source = report.status.source.kind === 'none' ? ' No cluster data is loaded: use "Select Kubeconfig Context" or "Use Snapshot File".' : '';
    void vscode.window.showInformationMessage(`MigrationPolicy "${report.policy}" matches no VMI.${source}`);
    return;
  }
  const items = matchItems(report).map((item, index) => ({ ...item, index }));
  const picked = await vscode.window.showQuickPick(items, {
    title: matchTitle(report),
    placeHolder: 'namespace/name → the policy that wins the VMI; choose one to see its data',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  const document = await vscode.workspace.openTextDocument(documents.put(report, picked.index));
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
