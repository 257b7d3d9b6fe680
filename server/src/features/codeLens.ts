// Code lenses above each policy: which VMIs it matches and wins against the cluster data, what the
// file's version changes against the cluster's own version, and the data source's state.
import { describeDelta } from '../cluster/inventory';
import type { ClusterStatus } from '../cluster/types';
import type { LineIndex } from '../document/file';
import { Commands } from '../protocol';
import type { CodeLens } from 'vscode-languageserver-types';
import type { ClusterView, FilePolicy } from './clusterView';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The data source's state in a few words, or undefined when it is ready and live. */
export function describeClusterState(status: ClusterStatus): string | undefined {
  const source = status.source;
  const where = source.kind === 'snapshot' ? (source.demo ? 'demo snapshot' : `snapshot ${basename(source.path)}`) : source.kind === 'kube' ? `cluster ${source.context}` : 'no cluster';
  const fault = describeFault(status, where);
  return fault && status.nextRetryAt ? `${fault}; next try at ${clockTime(status.nextRetryAt)}` : fault;
}

/** When the next try is, as the local wall-clock time. */
function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toTimeString().slice(0, 8);
}

function describeFault(status: ClusterStatus, where: string): string | undefined {
  const source = status.source;
  const state = status.state;
  switch (state.kind) {
    case 'ready':
      return source.kind === 'snapshot' ? `from the ${where}` : undefined;
    case 'loading':
      return state.loaded ? `${where}: loading (${plural(state.loaded.vmis, 'VMI')} so far)` : `${where}: loading`;
    case 'stale':
      return `${where}: stale (${state.reason})`;
    case 'unreachable':
      return `${where} unreachable: ${state.message}`;
    case 'unauthorized':
      return `${where}: not authorized (401): ${state.message}`;
    case 'forbidden':
      return `${where}: forbidden (403): cannot ${state.verb} ${state.resource}`;
    case 'error':
      return `${where}: ${state.message}`;
    case 'disabled':
      return 'cluster data off';
  }
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/**
 * Lenses above each named policy of a file (from `filePolicies`): what it matches and wins, what the
 * file's version changes against the cluster's, and the data source's state when it is not live.
 */
export function getCodeLenses(uri: string, policies: readonly FilePolicy[], lines: LineIndex, view: ClusterView | undefined): CodeLens[] {
  const lenses: CodeLens[] = [];
  if (!view) return lenses;
  const state = describeClusterState(view.status);
  for (const p of policies) {
    const start = lines.positionAt(p.offset + p.map.span.start);
    const range = { start, end: start };
    const stats = view.evaluation?.policyStats(p.info.name);
    if (!view.evaluation || !stats) {
      if (state) lenses.push({ range, command: { title: `MigrationPolicy: ${state}`, command: Commands.refreshCluster, arguments: [] } });
      continue;
    }
    lenses.push({ range, command: { title: matchTitle(stats), command: Commands.showMatches, arguments: [{ uri, policy: p.info.name }] } });
    const base = view.inventory?.evaluate();
    const clusterVersion = view.inventory?.policies.find((c) => c.name === p.info.name);
    if (base) {
      const delta = base.delta(clusterVersion, p.info);
      const words = describeDelta(delta);
      const label = clusterVersion ? 'vs the cluster\u2019s version' : 'if applied';
      if (words.length) lenses.push({ range, command: { title: `${label}: ${words.join(' · ')}`, command: Commands.showMatches, arguments: [{ uri, policy: p.info.name }] } });
    }
    if (state && view.status.state.kind !== 'ready') lenses.push({ range, command: { title: state, command: Commands.refreshCluster, arguments: [] } });
    else if (state && p === policies[0]) lenses.push({ range, command: { title: state, command: Commands.clusterStatus, arguments: [] } });
  }
  return lenses;
}

/** "matches 14 VMIs · wins 12 · loses 2 to gold-tier" */
export function matchTitle(stats: { matched: number; won: number; lostTo: ReadonlyMap<string, number>; atMigration?: { targetNode: string; vmis: number } }): string {
  if (stats.matched === 0) {
    if (stats.atMigration) return `matches no VMI now · ${plural(stats.atMigration.vmis, 'VMI')} only while migrating to ${stats.atMigration.targetNode}`;
    return 'matches no VMI';
  }
  const parts = [`matches ${plural(stats.matched, 'VMI')}`, `wins ${stats.won.toLocaleString('en-US')}`];
  const losses = [...stats.lostTo.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (losses.length) {
    const shown = losses.slice(0, 2).map(([name, n]) => `${n.toLocaleString('en-US')} to ${name}`);
    parts.push(`loses ${shown.join(', ')}${losses.length > 2 ? ` and ${losses.length - 2} more` : ''}`);
  }
  return parts.join(' · ');
}
