// The VM's side in VS Code: the answer of a VM lens click (`migrationpolicy.explainVmi`) as a quick
// pick of every policy's score, and the "Show Migration Drift" command over `migrationpolicy.drift`.
import * as vscode from 'vscode';
import { Commands } from '../../server/src/protocol';
import type { VmiPolicyReport } from '../../server/src/protocol';
import type { LanguageServer } from './languageServer';

/** Whether a command's result looks like a VmiPolicyReport. */
export function isVmiPolicyReport(value: unknown): value is VmiPolicyReport {
  const r = value as VmiPolicyReport | null;
  return Boolean(r && typeof r === 'object' && r.vmi && typeof r.reason === 'string' && Array.isArray(r.policies));
}

/** One quick-pick row per policy: rank and score, or why it does not match. */
export function vmiReportItems(report: VmiPolicyReport): vscode.QuickPickItem[] {
  return report.policies.map((p) => ({
    label: p.matches ? `${p.rank}. ${p.name}` : `– ${p.name}`,
    description: p.matches ? `${p.total} labels matched (${p.vmiLabels} VMI, ${p.namespaceLabels} namespace)${p.rank === 1 ? ' · wins' : ''}` : 'does not match',
    ...(p.reason ? { detail: p.reason } : {}),
  }));
}

/** Shows every policy's score for the VM of a lens. */
export async function presentVmiReport(report: VmiPolicyReport): Promise<void> {
  const title = `${report.vmi.namespace}/${report.vmi.name}: ${report.winner ? `migrates under ${report.winner}` : 'no policy: cluster defaults'} (${report.reason})`;
  await vscode.window.showQuickPick(vmiReportItems(report), { title, placeHolder: 'every policy, in precedence order, then those that do not match', matchOnDescription: true, matchOnDetail: true });
}

/** Runs drift on demand (it reads VMIs in full) and lists the VMIs whose last migration used another policy. */
export async function showDrift(server: LanguageServer): Promise<void> {
  const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'MigrationPolicy: reading VMI migration states…' }, () => server.execute(Commands.drift, {}));
  if (!answer?.report) {
    void vscode.window.showWarningMessage(`MigrationPolicy drift: ${answer?.error ?? 'no answer from the language server'}`);
    return;
  }
  const demo = answer.status.source.kind === 'snapshot' && answer.status.source.demo ? ' (demo snapshot)' : '';
  const r = answer.report;
  const drifted = r.groups.reduce((n, g) => n + g.vmis.length, 0);
  if (!drifted) {
    void vscode.window.showInformationMessage(`MigrationPolicy drift${demo}: none. ${r.migrated} VMIs recorded a migration, ${r.consistent} under the policy that wins now${r.undetermined ? `, ${r.undetermined} undetermined (≤ v1.8 wrote no name)` : ''}.`);
    return;
  }
  const items: vscode.QuickPickItem[] = [];
  for (const g of r.groups) {
    items.push({ label: `${g.recorded ?? '(no policy recorded)'}${g.exists ? '' : ' (no longer exists)'}`, kind: vscode.QuickPickItemKind.Separator });
    for (const v of g.vmis) items.push({ label: `${v.namespace}/${v.name}`, description: `now ${v.now ?? 'cluster defaults'}`, detail: `last migration: ${v.outcome}${v.mode ? ` (${v.mode})` : ''}${v.failureReason ? `: ${v.failureReason}` : ''}${v.endTimestamp ? `, ended ${v.endTimestamp}` : ''}` });
  }
  await vscode.window.showQuickPick(items, { title: `MigrationPolicy drift${demo}: ${drifted} of ${r.migrated} migrated VMIs used another policy than the one that wins now`, matchOnDescription: true, matchOnDetail: true });
}
