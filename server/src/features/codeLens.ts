// Code lenses above each policy: which VMIs it matches and wins against the cluster data, what the
// cluster's own version wins, and the data source's state; with no cluster, actions to get one.
import type { Evaluation, PolicyStats } from '../cluster/evaluation';
import type { ClusterStatus, PolicyInfo } from '../cluster/types';
import type { ParsedFile } from '../document/file';
import type { MapNode } from '../document/model';
import { Commands, LensCommands } from '../protocol';
import type { ShowMatchesArgs } from '../protocol';
import type { CodeLens } from 'vscode-languageserver-types';
import { clusterName, isDemo } from './clusterView';
import type { ClusterView, FilePolicy } from './clusterView';
import { isSamePolicy } from './crossPolicy';
import { formatCount as count, groupedPlural, plural } from '../text';


/** A delta in words, one line per group: "+12 VMIs from default-policy", "−3 VMIs to databases". */
export function describeDelta(delta: { gained: readonly { from: string | null; vmis: ArrayLike<unknown> }[]; lost: readonly { to: string | null; vmis: ArrayLike<unknown> }[] }): string[] {
  return [
    ...delta.gained.map((g) => `+${plural(g.vmis.length, 'VMI')} from ${g.from ?? 'cluster defaults'}`),
    ...delta.lost.map((l) => `\u2212${plural(l.vmis.length, 'VMI')} to ${l.to ?? 'cluster defaults'}`),
  ];
}

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
      return state.loaded ? `${where}: loading (${groupedPlural(state.loaded.vmis, 'VMI')} so far)` : `${where}: loading`;
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
      return source.kind === 'none' && source.reason ? `no cluster (${source.reason})` : 'no cluster';
  }
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** One policy's lenses as last built, with what they were built from (see LensMemo). */
interface MemoEntry {
  view: ClusterView;
  state: string | undefined;
  leftOut: string | undefined;
  first: boolean;
  line: number;
  character: number;
  lenses: CodeLens[];
  /** The stats the lenses show (undefined: none); with the inventory and the status, all a lens reads from its view. */
  stats: PolicyStats | undefined;
}

/**
 * A policy's lenses by PolicyInfo, reused while its state and left-out reason, whether it comes first,
 * and what it reads of the cluster view stay the same: the same view, or (after another policy's
 * selectors changed the evaluation) the same inventory and status with equal stats for this policy.
 * Unchanged `---` documents keep their PolicyInfo across edits, so a request after a value edit builds
 * only the edited document's lenses. A policy that only moved gets the same commands at its new place.
 */
export type LensMemo = WeakMap<PolicyInfo, MemoEntry>;

/**
 * Lenses above each named policy of a file (from `filePolicies`): short titles (what it matches and
 * wins, what the cluster's version wins), with the details in the tooltip and the click. With no
 * cluster they offer actions instead of numbers; with the demo data they say it is the demo. With a
 * `memo`, lenses built for the same policy and view are reused (the answer is the same).
 */
export function getCodeLenses(document: Pick<ParsedFile, 'lines'>, policies: readonly FilePolicy[], view: ClusterView | undefined, unnamed: readonly { offset: number; map: MapNode }[] = [], memo?: LensMemo): CodeLens[] {
  const { lines } = document;
  const lenses: CodeLens[] = [];
  if (!view) return lenses;
  const source = view.status.source;
  if (source.kind === 'none' && source.off) return lenses;
  for (const u of unnamed) {
    const start = lines.positionAt(u.offset + u.map.span.start);
    lenses.push({ range: { start, end: start }, command: { title: 'Not evaluated: no name', command: '', tooltip: 'A policy needs metadata.name before the API server accepts it; then this lens shows which VMIs it matches and wins.' } });
  }
  const state = describeClusterState(view.status);
  let context: LensContext | undefined;
  for (const p of policies) {
    const start = lines.positionAt(p.offset + p.map.span.start);
    const leftOut = view.leftOut?.get(p.info);
    const first = p === policies[0];
    const cached = memo?.get(p.info);
    if (cached && cached.state === state && cached.leftOut === leftOut && cached.first === first && (cached.view === view || sameReading(cached, view, p.info))) {
      if (cached.line === start.line && cached.character === start.character) {
        // The same lenses (the same objects, whose JSON the transport keeps), now read from this view.
        if (cached.view !== view) memo!.set(p.info, { ...cached, view });
        for (const l of cached.lenses) lenses.push(l);
      } else {
        const range = { start, end: start };
        const moved = cached.lenses.map((l) => ({ range, command: l.command }));
        memo!.set(p.info, { ...cached, view, line: start.line, character: start.character, lenses: moved });
        for (const l of moved) lenses.push(l);
      }
      continue;
    }
    context ??= { view, state, demo: isDemo(view), where: clusterName(view), first: policies[0] };
    const stats = leftOut || source.kind === 'none' ? undefined : statsOf(view, p.info);
    const built = policyLenses(p, start, leftOut, stats, context);
    memo?.set(p.info, { view, state, leftOut, first, line: start.line, character: start.character, lenses: built, stats });
    for (const l of built) lenses.push(l);
  }
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** This policy's stats in the view's evaluation, when they are this policy's. */
function statsOf(view: ClusterView, info: PolicyInfo): PolicyStats | undefined {
  const found = view.evaluation?.policyStats(info.name);
  // The evaluation keeps a policy's object while its name and selectors stay (the incremental core):
  // the stats are this policy's when they come from this file's policy of the same selectors.
  return found && isSamePolicy(found.policy, info) ? found : undefined;
}

/**
 * Whether another view reads the same for a policy's lenses: the same kind of source and state, the
 * same inventory and (when the lens shows numbers) equal stats. Another policy's selector edit derives a new evaluation, in which
 * most policies fare as before.
 */
function sameReading(cached: MemoEntry, view: ClusterView, info: PolicyInfo): boolean {
  const before = cached.view;
  // Besides the state's words (the memo's key), a lens reads the source's kind, whether it is the demo and the state's kind.
  const status = view.status;
  if (before.inventory !== view.inventory || !before.evaluation !== !view.evaluation || status.source.kind === 'none' || before.status.source.kind !== status.source.kind || isDemo(before) !== isDemo(view) || before.status.state.kind !== status.state.kind) return false;
  if (cached.leftOut) return true;
  // Evaluations derived from one full evaluation tell which names may fare differently: the others read the same.
  const changed = before.evaluation && view.evaluation ? changedStandings(before.evaluation, view.evaluation) : undefined;
  if (changed && !changed.has(info.name)) return true;
  const stats = statsOf(view, info);
  return stats === cached.stats || (stats !== undefined && cached.stats !== undefined && sameStats(stats, cached.stats));
}

/** `standingsChangedFrom` of two evaluations, worked out once per pair (a lens request asks for every policy). */
const standingChanges = new WeakMap<Evaluation, { from: Evaluation; names: Set<string> | undefined }>();
function changedStandings(from: Evaluation, to: Evaluation): Set<string> | undefined {
  const known = standingChanges.get(to);
  if (known && known.from === from) return known.names;
  const names = to.standingsChangedFrom(from);
  standingChanges.set(to, { from, names });
  return names;
}

function sameStats(a: PolicyStats, b: PolicyStats): boolean {
  if (a.matched !== b.matched || a.won !== b.won || a.lostTo.size !== b.lostTo.size || a.atMigration?.targetNode !== b.atMigration?.targetNode || a.atMigration?.vmis !== b.atMigration?.vmis) return false;
  for (const [name, n] of a.lostTo) if (b.lostTo.get(name) !== n) return false;
  return true;
}

interface LensContext {
  view: ClusterView;
  state: string | undefined;
  demo: boolean;
  where: string;
  first: FilePolicy | undefined;
}

/** The lenses of one policy at `start`. */
function policyLenses(p: FilePolicy, start: { line: number; character: number }, leftOut: string | undefined, stats: PolicyStats | undefined, context: LensContext): CodeLens[] {
  const { view, state, demo, where } = context;
  const source = view.status.source;
  const lenses: CodeLens[] = [];
  const range = { start, end: start };
  // No `arguments` when a command takes none (optional in LSP's Command): each byte of a lens is sent
  // again with every answer, and a large file has thousands of lenses.
  const lens = (title: string, command: string, tooltip?: string, args?: unknown[]) => lenses.push({ range, command: { title, command, ...(args ? { arguments: args } : {}), ...(tooltip ? { tooltip } : {}) } });
  if (source.kind === 'none') {
    const why = source.reason ? `No cluster data: ${source.reason}.` : 'No cluster data.';
    lens('No cluster', LensCommands.clusterActions, `${why} Lenses show which VMIs a policy wins once there is cluster data.`);
    lens('Connect', LensCommands.connect, 'Read a live cluster through a kubeconfig context');
    lens('Use a snapshot', LensCommands.useSnapshot, 'Read a file that kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml printed');
    lens('Try the demo', LensCommands.useDemo, 'Use the demo cluster bundled with the extension (made-up VMIs, labelled as the demo)');
    return lenses;
  }
  if (leftOut) {
    lens('Not evaluated', '', `Not part of the what-if evaluation: ${leftOut}.`);
    return lenses;
  }
  if (!view.evaluation || !stats) {
    if (state) lens(capitalise(state), Commands.refreshCluster, 'Click to load the cluster data again');
    return lenses;
  }
  // The click needs only the name, and a string is the smallest argument for a client to parse (no object):
  // the evaluation holds one policy per name (a name used twice leaves all but one out, "Not evaluated").
  const show: [ShowMatchesArgs] = [p.info.name];
  const base = view.inventory?.evaluate();
  const clusterVersion = view.inventory?.policy(p.info.name);
  const details = [lossDetails(stats)];
  let before: string | undefined;
  if (base) {
    const delta = base.deltaIds(clusterVersion, p.info);
    const words = describeDelta(delta);
    if (!clusterVersion) details.push(`Not in ${where} yet${words.length ? `; if applied: ${words.join(', ')}` : ''}.`);
    else if (words.length) {
      details.push(`Against the version in ${where}: ${words.join(', ')}.`);
      before = `${demo ? 'in the demo' : 'in the cluster'}: wins ${count(delta.before.won)}`;
    }
  }
  details.push('Click for the list of VMIs.');
  lens(matchTitle(stats, demo), Commands.showMatches, details.filter(Boolean).join(' '), show);
  if (before) lens(before, Commands.showMatches, details.slice(1).join(' '), show);
  if (state && view.status.state.kind !== 'ready') lens(state, Commands.refreshCluster, 'Click to load the cluster data again');
  else if (state && !demo && p === context.first) lens(state, Commands.clusterStatus);
  return lenses;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Loses 5 to c, 2 to a." in full, for the tooltip. */
function lossDetails(stats: { lostTo: ReadonlyMap<string, number> }): string {
  const losses = [...stats.lostTo.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return losses.length ? `Loses ${losses.map(([name, n]) => `${count(n)} to ${name}`).join(', ')}.` : '';
}

/** "matches 14 VMIs · wins 12 · loses 2" ("demo VMIs" with the demo data); who takes them is in the tooltip. */
export function matchTitle(stats: { matched: number; won: number; lostTo: ReadonlyMap<string, number>; atMigration?: { targetNode: string; vmis: number } }, demo = false): string {
  const vmi = demo ? 'demo VMI' : 'VMI';
  if (stats.matched === 0) {
    if (stats.atMigration) return `matches no ${vmi} now · ${groupedPlural(stats.atMigration.vmis, vmi)} while migrating to ${stats.atMigration.targetNode}`;
    return `matches no ${vmi}`;
  }
  const parts = [`matches ${groupedPlural(stats.matched, vmi)}`, `wins ${count(stats.won)}`];
  const lost = stats.matched - stats.won;
  if (lost > 0) parts.push(`loses ${count(lost)}`);
  return parts.join(' · ');
}
