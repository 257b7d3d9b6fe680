// Which policy wins each VMI of an inventory, and how every policy fares: an evaluation, computed from
// the inventory's posting lists in O(sum of matches), not O(VMIs × policies). Built in one of two ways
// (the two functions below the class): in full (`rankAll`, every policy ranked by precedence), or
// derived from a full one with some policies replaced (`derive`: workspace files over cluster
// policies), which re-evaluates only the VMIs those policies can reach. The rules themselves are
// policy/matching.ts (KubeVirt's matchPolicy/countMatchingLabels).
import { compareMatches, compareNames, explainWin, MIGRATION_TARGET_NODE_LABEL, migrationTimeSelector, selectorScore } from '../policy/matching';
import type { Labels, MatchScore, SelectorPolicy } from '../policy/matching';
import type { MatchedVmi } from '../protocol';
import type { PolicyInfo, VmiInfo } from './types';

/**
 * What an evaluation reads of its inventory (cluster/inventory.ts `Inventory`, which builds evaluations
 * through `evaluate()`): the VMIs by id and the ids a policy matches. An interface (and `Evaluation`'s
 * type parameter, so `inventory.evaluate().inventory` is still an `Inventory`), so that the arrow points
 * one way: inventory.ts → evaluation.ts.
 */
export interface MatchIndex {
  readonly vmis: readonly VmiInfo[];
  matches(policy: SelectorPolicy): readonly number[];
}

/** A VMI by name, for results that travel over the protocol. */
export interface VmiRef {
  namespace: string;
  name: string;
}

/** How one policy fares in an evaluation. */
export interface PolicyStats {
  name: string;
  policy: PolicyInfo;
  /** Its score on every VMI it matches (the sizes of its selectors). */
  score: MatchScore;
  /** VMIs it matches. */
  matched: number;
  /** VMIs it wins (it matches them and takes precedence over every other match). */
  won: number;
  /** Matched VMIs won by another policy, by that policy's name, most first. */
  lostTo: ReadonlyMap<string, number>;
  /**
   * Set when the VMI selector names `kubevirt.io/migrationTargetNodeName`: the policy matches nothing
   * ahead of time, but `vmis` VMIs match its other selectors, so it would match them when they migrate to `targetNode`.
   */
  atMigration?: { targetNode: string; vmis: number };
}

/** What replacing one policy by another version changes: VMIs gained (from whom) and lost (to whom). */
export interface PolicyDelta {
  policy: string;
  before: { matched: number; won: number };
  after: { matched: number; won: number };
  /** VMIs the new version wins that the old one did not, grouped by their previous winner (null: cluster defaults). */
  gained: { from: string | null; vmis: VmiRef[] }[];
  /** VMIs the old version won that the new one does not, grouped by their new winner (null: cluster defaults). */
  lost: { to: string | null; vmis: VmiRef[] }[];
}

/** `PolicyDelta` with VMI ids (positions in `Inventory.vmis`) in place of VMI names. */
export interface PolicyDeltaIds {
  policy: string;
  before: { matched: number; won: number };
  after: { matched: number; won: number };
  gained: { from: string | null; vmis: Int32Array }[];
  lost: { to: string | null; vmis: Int32Array }[];
}

const EMPTY: readonly number[] = Object.freeze([]);
/** Deltas an evaluation keeps (all of them are dropped when it has this many). */
const MAX_CACHED_DELTAS = 20_000;

interface Entry {
  policy: PolicyInfo;
  score: MatchScore;
  matches: readonly number[];
}

/** What a full evaluation computes (`rankAll`). */
interface Ranked {
  /** Policies in precedence order (rank = position). */
  table: readonly Entry[];
  /** Per VMI, the ranks of the policies that match it, in precedence order (CSR). */
  offsets: Int32Array;
  ranks: Int32Array;
  /** Per VMI the winner's rank (-1: none); per rank the VMIs won and the VMIs lost, by winner rank. */
  winners: Int32Array;
  won: Int32Array;
  lost: readonly (ReadonlyMap<number, number> | undefined)[];
  byName: ReadonlyMap<string, number>;
}

/** What a derived evaluation computes (`derive`): the root's table with replacements, and the added ranks. */
interface Derived {
  table: readonly Entry[];
  /** The root ranks that no longer count, and the ranks of added policies. */
  replaced: Uint8Array;
  added: readonly number[];
  winners: Int32Array;
  won: Int32Array;
  lost: readonly (ReadonlyMap<number, number> | undefined)[];
  byName: ReadonlyMap<string, number>;
  /** The root ranks whose wins or losses differ from the root's. */
  owned: Uint8Array;
}

type Derivation<I extends MatchIndex> = { root: Evaluation<I>; overrides: ReadonlyMap<string, PolicyInfo | null> };

/**
 * Which policy wins each VMI of an inventory, and how every policy fares. Immutable. A full evaluation
 * orders the policies by precedence and lets each claim the VMIs it matches that no earlier policy
 * claimed: O(sum of matches). `withPolicies` derives an evaluation that recomputes only the VMIs an old
 * or new version of a changed policy matches, and the statistics only where a winner changed.
 */
export class Evaluation<I extends MatchIndex = MatchIndex> {
  readonly inventory: I;
  /** The policies evaluated, sorted by name. */
  readonly policies: readonly PolicyInfo[];
  private readonly root: Evaluation<I>;
  /** Policies by rank: the root's in precedence order (replacements with equal selectors in place), then added ones. */
  private readonly table: readonly Entry[];
  /** Root only: per VMI, the ranks of the policies that match it, in precedence order (CSR), built on first use (`byVmi`). */
  private csr: { offsets: Int32Array; ranks: Int32Array } | undefined;
  /** Derived only: the root ranks that no longer count, and the ranks of added policies. */
  private readonly replaced: Uint8Array | undefined;
  private readonly added: readonly number[] = [];
  private readonly overrides: ReadonlyMap<string, PolicyInfo | null> = new Map();
  /** Per VMI the winner's rank (-1: none); per rank the VMIs won and the VMIs lost, by winner rank. */
  private readonly winners: Int32Array;
  private readonly won: Int32Array;
  private readonly lost: readonly (ReadonlyMap<number, number> | undefined)[];
  private readonly byName: ReadonlyMap<string, number>;
  /** Derived only: the root ranks whose wins or losses differ from the root's. */
  private readonly owned: Uint8Array | undefined;
  private readonly statsCache = new Map<number, PolicyStats>();
  private readonly deltaCache = new Map<string, PolicyDeltaIds>();
  /** The last delta asked for with each new version (what a lens asks again on every request). */
  private readonly lastDelta = new WeakMap<PolicyInfo, { oldName: string | undefined; delta: PolicyDeltaIds }>();

  /** Use `Inventory.evaluate` (a full evaluation of unique-named policies) or `Evaluation.withPolicies`. */
  constructor(inventory: I, from: readonly PolicyInfo[] | Derivation<I>) {
    this.inventory = inventory;
    if (Array.isArray(from)) {
      const full = rankAll(inventory, from as readonly PolicyInfo[]);
      this.root = this;
      this.table = full.table;
      this.replaced = undefined;
      this.winners = full.winners;
      this.won = full.won;
      this.lost = full.lost;
      this.byName = full.byName;
    } else {
      const { root, overrides } = from as Derivation<I>;
      const derived = derive(inventory, root.asRanked(), overrides);
      this.root = root;
      this.table = derived.table;
      this.replaced = derived.replaced;
      this.added = derived.added;
      this.overrides = overrides;
      this.winners = derived.winners;
      this.won = derived.won;
      this.lost = derived.lost;
      this.byName = derived.byName;
      this.owned = derived.owned;
    }
    this.policies = [...this.byName.values()].map((rank) => this.table[rank].policy).sort((a, b) => compareNames(a.name, b.name));
  }

  /** The policy that wins the VMI, or null (cluster defaults apply). */
  winnerOf(vmiId: number): PolicyInfo | null {
    const rank = this.winners[vmiId];
    return rank === -1 || rank === undefined ? null : this.table[rank].policy;
  }

  /** Every policy that matches the VMI, the winner first (precedence order). */
  matchingPolicies(vmiId: number): PolicyInfo[] {
    return this.matchingEntries(vmiId).map((e) => e.policy);
  }

  /** How a policy fares, by name; undefined for a policy not in this evaluation. */
  policyStats(name: string): PolicyStats | undefined {
    const rank = this.byName.get(name);
    if (rank === undefined) return undefined;
    let stats = this.statsCache.get(rank);
    if (!stats) {
      const entry = this.table[rank];
      const losses = [...(this.lost[rank] ?? [])].filter(([, count]) => count > 0);
      losses.sort((a, b) => b[1] - a[1] || compareNames(this.table[a[0]].policy.name, this.table[b[0]].policy.name));
      stats = { name, policy: entry.policy, score: entry.score, matched: entry.matches.length, won: this.won[rank], lostTo: new Map(losses.map(([w, count]) => [this.table[w].policy.name, count])) };
      const targetNode = migrationTimeSelector(entry.policy);
      if (targetNode !== undefined && entry.policy.hasSelectors) {
        const rest = Object.fromEntries(Object.entries(entry.policy.vmiSelector).filter(([k]) => k !== MIGRATION_TARGET_NODE_LABEL));
        stats.atMigration = { targetNode, vmis: this.inventory.matches({ ...entry.policy, vmiSelector: rest }).length };
      }
      this.statsCache.set(rank, stats);
    }
    return stats;
  }

  /**
   * How a policy fares, without building its losses: its evaluated version, the VMIs it matches and
   * wins, and its losses by winner rank as this evaluation holds them. Evaluations derived from one
   * full evaluation share the losses object of every policy whose VMIs kept their winners, so an
   * unchanged object means unchanged losses (the objects are never modified).
   */
  standing(name: string): { policy: PolicyInfo; matched: number; won: number; losses: object | undefined } | undefined {
    const rank = this.byName.get(name);
    if (rank === undefined) return undefined;
    const entry = this.table[rank];
    return { policy: entry.policy, matched: entry.matches.length, won: this.won[rank], losses: this.lost[rank] };
  }

  /**
   * The names whose `standing` may differ between this evaluation and `other`, or undefined when they
   * come from different full evaluations (then any may). Cost: the policies of the full evaluation.
   */
  standingsChangedFrom(other: Evaluation<I>): Set<string> | undefined {
    if (other.root !== this.root) return undefined;
    const names = new Set<string>();
    for (const e of [this, other]) {
      for (const name of e.overrides.keys()) names.add(name);
      const owned = e.owned;
      if (!owned) continue;
      for (let rank = 0; rank < owned.length; rank++) if (owned[rank]) names.add(e.table[rank].policy.name);
    }
    return names;
  }

  /** Every policy's stats, sorted by name. */
  allStats(): PolicyStats[] {
    return this.policies.map((p) => this.policyStats(p.name) as PolicyStats);
  }

  /** The VMIs a policy matches, ids ascending. */
  matchesOf(name: string): readonly number[] {
    const rank = this.byName.get(name);
    return rank === undefined ? EMPTY : this.table[rank].matches;
  }

  /**
   * A policy's matched VMIs with their winner and why (MatchReport without the status), or undefined
   * for a policy not in this evaluation. `limit` caps the list, not the counts.
   */
  report(name: string, limit = Infinity): { policy: string; matched: number; won: number; vmis: MatchedVmi[] } | undefined {
    const rank = this.byName.get(name);
    if (rank === undefined) return undefined;
    const entry = this.table[rank];
    const me = contender(entry);
    const vmis: MatchedVmi[] = [];
    for (const id of entry.matches) {
      if (vmis.length >= limit) break;
      const vmi = this.inventory.vmis[id];
      const winner = this.table[this.winners[id]];
      let reason: string;
      if (winner === entry) {
        const runnerUp = this.matchingEntries(id)[1];
        reason = runnerUp ? `wins over \`${runnerUp.policy.name}\`: ${explainWin(me, contender(runnerUp))}` : 'the only matching policy';
      } else {
        reason = `\`${winner.policy.name}\` wins: ${explainWin(contender(winner), me)}`;
      }
      vmis.push({ namespace: vmi.namespace, name: vmi.name, winner: winner.policy.name, score: { ...entry.score }, reason });
    }
    return { policy: name, matched: entry.matches.length, won: this.won[rank], vmis };
  }

  /**
   * This evaluation with policies replaced by name (workspace versions over cluster ones) or added, and
   * the `removed` names dropped. Always derived from the full evaluation it started from; only VMIs that
   * an old or new version of a changed policy matches are re-evaluated, and a replacement with the same
   * selectors re-evaluates nothing.
   */
  withPolicies(overrides: readonly PolicyInfo[], removed: readonly string[] = []): Evaluation<I> {
    const merged = new Map(this.overrides);
    for (const name of removed) merged.set(name, null);
    for (const p of overrides) merged.set(p.name, p);
    return new Evaluation(this.inventory, { root: this.root, overrides: merged });
  }

  /**
   * What replacing `oldPolicy` by `newPolicy` would change (either may be undefined: a new policy, a
   * deleted one): this evaluation against `withPolicies([newPolicy], [oldPolicy.name])`.
   */
  delta(oldPolicy: PolicyInfo | undefined, newPolicy: PolicyInfo | undefined): PolicyDelta {
    const ids = this.deltaIds(oldPolicy, newPolicy);
    const refs = (list: Int32Array) => Array.from(list, (id) => ({ namespace: this.inventory.vmis[id].namespace, name: this.inventory.vmis[id].name }));
    return {
      policy: ids.policy,
      before: { ...ids.before },
      after: { ...ids.after },
      gained: ids.gained.map((g) => ({ from: g.from, vmis: refs(g.vmis) })),
      lost: ids.lost.map((l) => ({ to: l.to, vmis: refs(l.vmis) })),
    };
  }

  /**
   * `delta` with VMI ids (into `inventory.vmis`) in place of names; shared, do not modify. Cached per
   * old name and new name and selectors (all a delta depends on), so asking again for the policies of
   * a file after one of them changed derives only that one's delta.
   */
  deltaIds(oldPolicy: PolicyInfo | undefined, newPolicy: PolicyInfo | undefined): PolicyDeltaIds {
    const oldName = oldPolicy?.name;
    const last = newPolicy && this.lastDelta.get(newPolicy);
    if (last && last.oldName === oldName) return last.delta;
    const key = `${oldName ?? ''}\u0000${newPolicy ? selectorsKey(newPolicy) : ''}`;
    let delta = this.deltaCache.get(key);
    if (!delta) {
      if (this.deltaCache.size >= MAX_CACHED_DELTAS) this.deltaCache.clear();
      delta = this.computeDelta(oldName, newPolicy);
      this.deltaCache.set(key, delta);
    }
    if (newPolicy) this.lastDelta.set(newPolicy, { oldName, delta });
    return delta;
  }

  /**
   * The delta without deriving an evaluation: only the VMIs the old or the new version matches can
   * change hands, and for each the new winner is the best remaining match or the new version.
   */
  private computeDelta(oldName: string | undefined, newPolicy: PolicyInfo | undefined): PolicyDeltaIds {
    const newName = newPolicy?.name;
    const oldRank = oldName === undefined ? -2 : (this.byName.get(oldName) ?? -2);
    // The new version replaces a policy of its name, whichever it is.
    const shadowed = newName === undefined ? -2 : (this.byName.get(newName) ?? -2);
    const entry: Entry | undefined = newPolicy && { policy: newPolicy, score: selectorScore(newPolicy), matches: this.inventory.matches(newPolicy) };
    const oldMatches = oldRank >= 0 ? this.table[oldRank].matches : EMPTY;
    const newMatches = entry?.matches ?? EMPTY;
    const gained = new Map<string | null, number[]>();
    const lost = new Map<string | null, number[]>();
    let wonAfter = 0;
    let i = 0;
    let j = 0;
    while (i < oldMatches.length || j < newMatches.length) {
      const a = i < oldMatches.length ? oldMatches[i] : Infinity;
      const b = j < newMatches.length ? newMatches[j] : Infinity;
      const id = Math.min(a, b);
      if (a === id) i++;
      const inNew = b === id;
      if (inNew) j++;
      const wasRank = this.winners[id];
      const was = wasRank === -1 ? null : this.table[wasRank].policy.name;
      const other = this.bestExcept(id, oldRank, shadowed);
      let now: string | null;
      if (entry && inNew && (other === -1 || compareEntries(entry, this.table[other]) < 0)) {
        now = entry.policy.name;
        wonAfter++;
      } else now = other === -1 ? null : this.table[other].policy.name;
      const wonBefore = was !== null && was === oldName;
      const wonNow = now !== null && now === newName;
      if (wonNow && !wonBefore) push(gained, was, id);
      if (wonBefore && !wonNow) push(lost, now, id);
    }
    return {
      policy: newName ?? oldName ?? '',
      before: oldRank >= 0 ? { matched: oldMatches.length, won: this.won[oldRank] } : { matched: 0, won: 0 },
      after: { matched: newMatches.length, won: wonAfter },
      gained: groups(gained).map(([from, ids]) => ({ from, vmis: Int32Array.from(ids) })),
      lost: groups(lost).map(([to, ids]) => ({ to, vmis: Int32Array.from(ids) })),
    };
  }

  /** The rank of the best policy matching the VMI other than the two given ranks (-1: none). */
  private bestExcept(vmiId: number, skip: number, skipToo: number): number {
    const root = this.root;
    let best = -1;
    for (let i = root.offsets[vmiId]; i < root.offsets[vmiId + 1]; i++) {
      const rank = root.ranks[i];
      if (rank === skip || rank === skipToo || this.replaced?.[rank]) continue;
      best = rank;
      break;
    }
    for (const rank of this.added) {
      if (rank === skip || rank === skipToo || !includes(this.table[rank].matches, vmiId)) continue;
      if (best === -1 || compareEntries(this.table[rank], this.table[best]) < 0) best = rank;
    }
    return best;
  }

  /** Root only: the CSR of matching ranks per VMI (`match` and the first evaluation never read it). */
  private get offsets(): Int32Array {
    return (this.csr ??= byVmi(this.table, this.inventory.vmis.length)).offsets;
  }

  private get ranks(): Int32Array {
    return (this.csr ??= byVmi(this.table, this.inventory.vmis.length)).ranks;
  }

  /** A full evaluation's tables, for `derive` (only called on a root; the CSR is built when derive reads it). */
  private asRanked(): Ranked {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const root = this;
    return {
      table: this.table,
      get offsets() {
        return root.offsets;
      },
      get ranks() {
        return root.ranks;
      },
      winners: this.winners,
      won: this.won,
      lost: this.lost,
      byName: this.byName,
    };
  }

  private matchingEntries(vmiId: number): Entry[] {
    const root = this.root;
    const result: Entry[] = [];
    for (let i = root.offsets[vmiId]; i < root.offsets[vmiId + 1]; i++) if (!this.replaced?.[root.ranks[i]]) result.push(this.table[root.ranks[i]]);
    if (this.added.length) {
      for (const rank of this.added) if (includes(this.table[rank].matches, vmiId)) result.push(this.table[rank]);
      result.sort(compareEntries);
    }
    return result;
  }
}

/** A full evaluation: the policies ordered by precedence, each claiming the VMIs it matches that no earlier one claimed. */
function rankAll(inventory: MatchIndex, policies: readonly PolicyInfo[]): Omit<Ranked, 'offsets' | 'ranks'> {
  const n = inventory.vmis.length;
  const table = policies.map((policy) => ({ policy, score: selectorScore(policy), matches: inventory.matches(policy) })).sort(compareEntries);
  const winners = new Int32Array(n).fill(-1);
  const won = new Int32Array(table.length);
  const lost: (Map<number, number> | undefined)[] = new Array(table.length);
  const scratch = new Int32Array(table.length);
  const touched: number[] = [];
  table.forEach((e, rank) => {
    for (const id of e.matches) {
      const w = winners[id];
      if (w === -1) {
        winners[id] = rank;
        won[rank]++;
      } else if (scratch[w]++ === 0) touched.push(w);
    }
    lost[rank] = drain(scratch, touched);
  });
  return { table, winners, won, lost, byName: new Map(table.map((e, rank) => [e.policy.name, rank])) };
}

/** Per VMI, the ranks of the policies (a full evaluation's table) that match it, in precedence order (CSR). */
function byVmi(table: readonly Entry[], n: number): { offsets: Int32Array; ranks: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (const e of table) for (const id of e.matches) offsets[id + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const ranks = new Int32Array(offsets[n]);
  table.forEach((e, rank) => {
    for (const id of e.matches) ranks[fill[id]++] = rank;
  });
  return { offsets, ranks };
}

/**
 * A full evaluation (`root`) with policies replaced, added (`overrides`) or removed (null): only the VMIs an
 * old or new version of a changed policy matches are re-evaluated, and the statistics only where a winner changed.
 */
function derive(inventory: MatchIndex, root: Ranked, overrides: ReadonlyMap<string, PolicyInfo | null>): Derived {
  const n = inventory.vmis.length;
  const count = root.table.length;
  const table = root.table.slice();
  const replaced = new Uint8Array(count);
  const added: number[] = [];
  const affected: number[] = [];
  const mark = new Uint8Array(n);
  const touch = (ids: readonly number[]) => {
    for (const id of ids) {
      if (mark[id]) continue;
      mark[id] = 1;
      affected.push(id);
    }
  };
  const byName = new Map(root.byName);
  for (const [name, policy] of overrides) {
    const rank = root.byName.get(name);
    const old = rank === undefined ? undefined : root.table[rank];
    if (rank !== undefined && old && policy && sameSelectors(old.policy, policy)) {
      table[rank] = { ...old, policy };
      continue;
    }
    if (rank !== undefined && old) {
      replaced[rank] = 1;
      byName.delete(name);
      touch(old.matches);
    }
    if (policy) {
      const entry = { policy, score: selectorScore(policy), matches: inventory.matches(policy) };
      byName.set(name, table.length);
      added.push(table.length);
      table.push(entry);
      touch(entry.matches);
    }
  }

  const winners = root.winners.slice();
  for (const id of affected) {
    let best = -1;
    for (let i = root.offsets[id]; i < root.offsets[id + 1]; i++) {
      if (!replaced[root.ranks[i]]) {
        best = root.ranks[i];
        break;
      }
    }
    winners[id] = best;
  }
  for (const rank of added) {
    for (const id of table[rank].matches) {
      const w = winners[id];
      if (w === -1 || compareEntries(table[rank], table[w]) < 0) winners[id] = rank;
    }
  }

  const won = new Int32Array(table.length);
  won.set(root.won);
  const lost: (ReadonlyMap<number, number> | undefined)[] = [...root.lost, ...added.map(() => undefined)];
  const owned = new Uint8Array(count);
  for (let rank = 0; rank < count; rank++) {
    if (!replaced[rank]) continue;
    won[rank] = 0;
    lost[rank] = undefined;
  }
  for (const id of affected) {
    const before = root.winners[id];
    const after = winners[id];
    if (before === after) continue;
    for (let i = root.offsets[id]; i < root.offsets[id + 1]; i++) {
      const rank = root.ranks[i];
      if (replaced[rank]) continue;
      if (!owned[rank]) {
        lost[rank] = new Map(lost[rank] ?? []);
        owned[rank] = 1;
      }
      const map = lost[rank] as Map<number, number>;
      if (rank === before) won[rank]--;
      else bump(map, before, -1);
      if (rank === after) won[rank]++;
      else bump(map, after, 1);
    }
  }
  const scratch = new Int32Array(table.length);
  const touched: number[] = [];
  for (const rank of added) {
    for (const id of table[rank].matches) {
      const w = winners[id];
      if (w === rank) won[rank]++;
      else if (scratch[w]++ === 0) touched.push(w);
    }
    lost[rank] = drain(scratch, touched);
  }
  return { table, replaced, added, winners, won, lost, byName, owned };
}

function compareEntries(a: Entry, b: Entry): number {
  return compareMatches({ name: a.policy.name, score: a.score }, { name: b.policy.name, score: b.score });
}

function contender(e: Entry) {
  return { name: e.policy.name, score: e.score };
}

function sameSelectors(a: PolicyInfo, b: PolicyInfo): boolean {
  return a.name === b.name && a.hasSelectors === b.hasSelectors && sameLabels(a.vmiSelector, b.vmiSelector) && sameLabels(a.namespaceSelector, b.namespaceSelector);
}

const selectorsKeys = new WeakMap<PolicyInfo, string>();

/** A policy's name and selectors as one string (what matching and precedence read), memoised per object. */
function selectorsKey(policy: PolicyInfo): string {
  let key = selectorsKeys.get(policy);
  if (key === undefined) {
    const sorted = (labels: Labels) => Object.keys(labels).sort().map((k) => [k, labels[k]]);
    key = JSON.stringify([policy.name, policy.hasSelectors, sorted(policy.vmiSelector), sorted(policy.namespaceSelector)]);
    selectorsKeys.set(policy, key);
  }
  return key;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** Turns the counts of `touched` slots into a map (undefined when none) and clears them. */
function drain(scratch: Int32Array, touched: number[]): Map<number, number> | undefined {
  if (!touched.length) return undefined;
  const map = new Map<number, number>();
  for (const slot of touched) {
    map.set(slot, scratch[slot]);
    scratch[slot] = 0;
  }
  touched.length = 0;
  return map;
}

function includes(sorted: readonly number[], id: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] === id) return true;
    if (sorted[mid] < id) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function groups<V>(map: Map<string | null, V[]>): [string | null, V[]][] {
  return [...map].sort((a, b) => b[1].length - a[1].length || compareNames(a[0] ?? '', b[0] ?? ''));
}
