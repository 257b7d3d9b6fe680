// The indexed, immutable view of one cluster reading that matching runs on: inverted indexes from
// label key=value to VMIs and namespaces, so that the VMIs a policy matches come from posting lists,
// not from a pass over every VMI. Which policy wins each VMI (an evaluation) is cluster/evaluation.ts;
// the rules themselves are policy/matching.ts (KubeVirt's matchPolicy/countMatchingLabels).
import { MIGRATION_TARGET_NODE_LABEL, migrationTimeSelector } from '../policy/matching';
import type { Labels, SelectorPolicy } from '../policy/matching';
import { Evaluation } from './evaluation';
import type { ClusterData, KubeVirtInfo, NamespaceInfo, PolicyInfo, VmiInfo } from './types';

/** The label Kubernetes (≥ 1.21) puts on every namespace, with the namespace's name as value. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A label pair with how many namespaces or VMIs carry it (the shape of features/selectorLabels.ts SelectorLabel). */
export interface LabelCount {
  key: string;
  value: string;
  count: number;
  source: string;
}

/** Namespace labels counted over namespaces, VMI labels over VMIs (the shape of KnownLabels). */
export interface ClusterLabels {
  namespace: LabelCount[];
  vmi: LabelCount[];
}

const EMPTY: readonly number[] = Object.freeze([]);
const SOURCE = 'cluster';

interface Plan {
  /** A posting list or all VMIs; undefined when the candidates are the VMIs of `namespaces`. */
  candidates: readonly number[] | undefined;
  /** Namespace ids, ascending (when `candidates` is undefined). */
  namespaces: readonly number[];
  /** Label pairs every candidate must still be checked for (empty when the candidates are exact). */
  pairs: number[];
  nsMask: Uint8Array | undefined;
}

/**
 * One cluster reading, indexed. Immutable once built: VMIs sorted by namespace and name (ids are
 * positions in `vmis`), namespaces sorted by name. A VMI whose namespace is not in the data gets a
 * namespace with only the `kubernetes.io/metadata.name` label, which the API server always sets.
 */
export class Inventory {
  readonly vmis: readonly VmiInfo[];
  readonly namespaces: readonly NamespaceInfo[];
  readonly policies: readonly PolicyInfo[];
  readonly kubevirt: KubeVirtInfo | undefined;
  /** Namespaces of VMIs that the data did not include (their labels are assumed). */
  readonly assumedNamespaces: readonly string[];
  private readonly vmiNamespace: Int32Array;
  private readonly nsStart: Int32Array;
  private readonly nsEnd: Int32Array;
  private readonly nsIds = new Map<string, number>();
  /**
   * The VMIs' ids in the order the data listed them (duplicates left out): the order their objects were
   * made in, so mostly their order in memory. A pass over every VMI's labels (`values`) runs in this order,
   * several times faster than by id for 100,000 VMIs parsed from one file, whose ids jump around the heap.
   */
  private readonly inputOrder: { vmis: readonly VmiInfo[]; ids: Int32Array };
  /**
   * VMI label key → value → pair id, and postings by pair id: built per key when a selector or the label
   * counts first ask for it (`values`), since matching reads only the keys that policies select on, not
   * a label such as `kubevirt.io/domain` that names its VMI. A posting of one VMI (one per VMI for such a
   * label) is that VMI's id, not an array: 100,000 one-element arrays would hold about 20 MB.
   */
  private readonly pairIds = new Map<string, Map<string, number>>();
  private readonly postings: (number[] | number)[] = [];
  /** By pair id, the column of its key: each VMI's pair id for that key (-1: the VMI does not carry it). */
  private readonly columns: Int32Array[] = [];
  private allKeys = false;
  private readonly nsIndex = new Map<string, Map<string, number[]>>();
  private allIds: readonly number[] | undefined;
  private policyByName: Map<string, PolicyInfo> | undefined;
  private labels: ClusterLabels | undefined;
  private evaluation: Evaluation<Inventory> | undefined;

  constructor(data: ClusterData) {
    const { vmis, inputOrder, namespaceNames, namespaceEnds } = sortVmis(data.vmis);
    const namespaces = new Map(data.namespaces.map((n) => [n.name, n]));
    const assumed: string[] = [];
    for (const name of namespaceNames) {
      if (namespaces.has(name)) continue;
      namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
      assumed.push(name);
    }
    this.vmis = vmis;
    this.inputOrder = inputOrder;
    this.namespaces = [...namespaces.values()].sort((a, b) => cmp(a.name, b.name));
    this.policies = dedupe(data.policies, (p) => p.name);
    this.kubevirt = data.kubevirt;
    this.assumedNamespaces = assumed;
    this.namespaces.forEach((n, i) => {
      this.nsIds.set(n.name, i);
      for (const key in n.labels) if (Object.hasOwn(n.labels, key)) post(this.nsIndex, key, n.labels[key], i);
    });
    this.vmiNamespace = new Int32Array(vmis.length);
    this.nsStart = new Int32Array(this.namespaces.length);
    this.nsEnd = new Int32Array(this.namespaces.length);
    // The VMIs of each namespace are one run (sortVmis), so ids are filled per run, not read per VMI.
    let start = 0;
    namespaceNames.forEach((name, r) => {
      const ns = this.nsIds.get(name) as number;
      this.nsStart[ns] = start;
      this.nsEnd[ns] = namespaceEnds[r];
      this.vmiNamespace.fill(ns, start, namespaceEnds[r]);
      start = namespaceEnds[r];
    });
  }

  /** The id of a VMI, or undefined. */
  vmiId(namespace: string, name: string): number | undefined {
    const ns = this.nsIds.get(namespace);
    if (ns === undefined) return undefined;
    let low = this.nsStart[ns];
    let high = this.nsEnd[ns] - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const c = cmp(this.vmis[mid].name, name);
      if (c === 0) return mid;
      if (c < 0) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  /** The labels of the VMI's namespace. */
  namespaceLabels(vmiId: number): Labels {
    return this.namespaces[this.vmiNamespace[vmiId]].labels;
  }

  /**
   * A superset of the VMIs a policy matches, straight from the index: the smallest posting list of its
   * VMI selector, or the VMIs of the namespaces its namespace selector matches, whichever is smaller
   * (all VMIs for empty selectors). Ids ascending.
   */
  candidates(policy: SelectorPolicy): readonly number[] {
    const plan = this.plan(policy);
    return plan ? (plan.candidates ?? this.inNamespaces(plan.namespaces)) : EMPTY;
  }

  /** The VMIs a policy matches ahead of a migration (countMatchingLabels against labelsAtMigration), ids ascending. */
  matches(policy: SelectorPolicy): readonly number[] {
    const plan = this.plan(policy);
    if (!plan) return EMPTY;
    const { candidates, pairs, nsMask } = plan;
    if (!candidates) {
      if (!pairs.length) return this.inNamespaces(plan.namespaces);
      // The VMIs of the namespaces are checked where they lie, without a list of them first.
      const result: number[] = [];
      for (const ns of plan.namespaces) for (let id = this.nsStart[ns]; id < this.nsEnd[ns]; id++) if (this.hasPairs(id, pairs)) result.push(id);
      return result;
    }
    if (!pairs.length && !nsMask) return candidates;
    const result: number[] = [];
    for (const id of candidates) if ((!nsMask || nsMask[this.vmiNamespace[id]]) && this.hasPairs(id, pairs)) result.push(id);
    return result;
  }

  /** The VMIs of the namespaces (ids ascending, as the namespaces are). */
  private inNamespaces(namespaces: readonly number[]): number[] {
    const ids: number[] = [];
    for (const ns of namespaces) for (let id = this.nsStart[ns]; id < this.nsEnd[ns]; id++) ids.push(id);
    return ids;
  }

  /** The evaluation of the cluster's own policies (computed once). */
  evaluate(): Evaluation<Inventory>;
  /** The evaluation of the given policies (of unique names; the last of duplicates counts). */
  evaluate(policies: readonly PolicyInfo[]): Evaluation<Inventory>;
  evaluate(policies?: readonly PolicyInfo[]): Evaluation<Inventory> {
    if (policies === undefined) return (this.evaluation ??= new Evaluation<Inventory>(this, this.policies));
    return new Evaluation<Inventory>(this, dedupe(policies, (p) => p.name));
  }

  /** The cluster's policy of that name, or undefined. */
  policy(name: string): PolicyInfo | undefined {
    return (this.policyByName ??= new Map(this.policies.map((p) => [p.name, p]))).get(name);
  }

  /** Label pairs for selector completion: namespace labels with namespace counts, VMI labels with VMI counts. */
  labelCounts(): ClusterLabels {
    if (!this.labels) {
      const vmi: LabelCount[] = [];
      if (!this.allKeys) {
        const keys = new Set<string>();
        for (const v of this.vmis) for (const key in v.labels) if (Object.hasOwn(v.labels, key)) keys.add(key);
        for (const key of keys) this.values(key);
        this.allKeys = true;
      }
      for (const [key, values] of this.pairIds) for (const [value, pair] of values) vmi.push({ key, value, count: this.postingLength(pair), source: SOURCE });
      const namespace: LabelCount[] = [];
      for (const [key, values] of this.nsIndex) for (const [value, ids] of values) namespace.push({ key, value, count: ids.length, source: SOURCE });
      const order = (a: LabelCount, b: LabelCount) => b.count - a.count || cmp(a.key, b.key) || cmp(a.value, b.value);
      this.labels = { namespace: namespace.sort(order), vmi: vmi.sort(order) };
    }
    return this.labels;
  }

  private all(): readonly number[] {
    if (!this.allIds) {
      const ids: number[] = [];
      for (let id = 0; id < this.vmis.length; id++) ids.push(id);
      this.allIds = Object.freeze(ids);
    }
    return this.allIds;
  }

  /** The VMIs that carry a label pair, ids ascending. */
  private posting(pair: number): readonly number[] {
    const posting = this.postings[pair];
    return typeof posting === 'number' ? [posting] : posting;
  }

  private postingLength(pair: number): number {
    const posting = this.postings[pair];
    return typeof posting === 'number' ? 1 : posting.length;
  }

  /**
   * The value → pair id map of a VMI label key, built on first use by one pass over the VMIs (empty when
   * no VMI carries the key). The controller overwrites `kubevirt.io/migrationTargetNodeName` at migration
   * time (labelsAtMigration): it is never indexed.
   */
  private values(key: string): Map<string, number> {
    let values = this.pairIds.get(key);
    if (values) return values;
    values = new Map();
    this.pairIds.set(key, values);
    if (key === MIGRATION_TARGET_NODE_LABEL) return values;
    const first = this.postings.length;
    const column = new Int32Array(this.vmis.length).fill(-1);
    // The labels are read in input order (see `inputOrder`), then the postings filled from the column by id.
    const { vmis, ids } = this.inputOrder;
    for (let i = 0; i < vmis.length; i++) {
      const labels = vmis[i].labels;
      const value = labels[key];
      if (typeof value !== 'string' || !Object.hasOwn(labels, key)) continue;
      let pair = values.get(value);
      if (pair === undefined) {
        pair = this.postings.length;
        values.set(value, pair);
        this.postings.push(-1);
        this.columns.push(column);
      }
      column[ids[i]] = pair;
    }
    for (let id = 0; id < column.length; id++) {
      const pair = column[id];
      if (pair === -1) continue;
      const posting = this.postings[pair];
      if (posting === -1) this.postings[pair] = id;
      else if (typeof posting === 'number') this.postings[pair] = [posting, id];
      else posting.push(id);
    }
    // Exact-size copies: an array grown by push keeps up to half its length again as spare room.
    for (let pair = first; pair < this.postings.length; pair++) {
      const posting = this.postings[pair];
      if (typeof posting !== 'number') this.postings[pair] = posting.slice();
    }
    return values;
  }

  /** Whether the VMI carries every label pair (none of them the migration-time label). */
  private hasPairs(id: number, required: readonly number[]): boolean {
    for (let i = 0; i < required.length; i++) if (this.columns[required[i]][id] !== required[i]) return false;
    return true;
  }

  private plan(policy: SelectorPolicy): Plan | undefined {
    if (!policy.hasSelectors || migrationTimeSelector(policy) !== undefined) return undefined;
    const pairs: number[] = [];
    let smallest: number | undefined;
    for (const key in policy.vmiSelector) {
      if (!Object.hasOwn(policy.vmiSelector, key)) continue;
      const pair = this.values(key).get(policy.vmiSelector[key]);
      if (pair === undefined) return undefined;
      pairs.push(pair);
      if (smallest === undefined || this.postingLength(pair) < this.postingLength(smallest)) smallest = pair;
    }
    const byPosting = (nsMask: Uint8Array | undefined): Plan => ({ candidates: this.posting(smallest as number), namespaces: EMPTY, pairs: pairs.filter((p) => p !== smallest), nsMask });
    const nsEntries = Object.entries(policy.namespaceSelector);
    if (nsEntries.length === 0) return smallest === undefined ? { candidates: this.all(), namespaces: EMPTY, pairs, nsMask: undefined } : byPosting(undefined);
    const namespaces = this.matchNamespaces(nsEntries);
    if (namespaces.length === 0) return undefined;
    let inNamespaces = 0;
    for (const ns of namespaces) inNamespaces += this.nsEnd[ns] - this.nsStart[ns];
    if (smallest !== undefined && this.postingLength(smallest) < inNamespaces) {
      const nsMask = new Uint8Array(this.namespaces.length);
      for (const ns of namespaces) nsMask[ns] = 1;
      return byPosting(nsMask);
    }
    return { candidates: undefined, namespaces, pairs, nsMask: undefined };
  }

  private matchNamespaces(entries: [string, string][]): number[] {
    let smallest: number[] | undefined;
    for (const [key, value] of entries) {
      const posting = this.nsIndex.get(key)?.get(value);
      if (!posting) return [];
      if (!smallest || posting.length < smallest.length) smallest = posting;
    }
    return (smallest as number[]).filter((ns) => hasAll(this.namespaces[ns].labels, entries));
  }
}

function hasAll(labels: Labels, entries: readonly [string, string][]): boolean {
  for (const [key, value] of entries) if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
  return true;
}

function post(index: Map<string, Map<string, number[]>>, key: string, value: string, id: number): void {
  let values = index.get(key);
  if (!values) index.set(key, (values = new Map()));
  const posting = values.get(value);
  if (posting) posting.push(id);
  else values.set(value, [id]);
}

/**
 * The VMIs sorted by namespace, then name (UTF-16 order), the last of duplicates kept: as a stable sort by
 * namespace and name and a pass that drops all but the last of equal neighbours would, but bucketed by
 * namespace first, so that names are compared only within a namespace.
 */
export function sortedUnique(input: readonly VmiInfo[]): VmiInfo[] {
  return sortVmis(input).vmis;
}

/**
 * `sortedUnique`, and what the inventory builds from the same pass: the kept VMIs in input order with their
 * ids, and the namespaces in order with where each one's run of VMIs ends.
 */
function sortVmis(input: readonly VmiInfo[]): { vmis: VmiInfo[]; inputOrder: { vmis: VmiInfo[]; ids: Int32Array }; namespaceNames: string[]; namespaceEnds: Int32Array } {
  const bucketOf = new Map<string, number>();
  const names: string[] = [];
  const bucket = new Int32Array(input.length);
  // The names in input order: sorting reads them from here, not from objects spread over the heap.
  const vmiNames: string[] = new Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const namespace = input[i].namespace;
    vmiNames[i] = input[i].name;
    let b = bucketOf.get(namespace);
    if (b === undefined) {
      b = names.length;
      bucketOf.set(namespace, b);
      names.push(namespace);
    }
    bucket[i] = b;
  }
  const byRank = names.map((_, b) => b).sort((a, b) => cmp(names[a], names[b]));
  const rank = new Int32Array(names.length);
  byRank.forEach((b, r) => (rank[b] = r));
  const start = new Int32Array(names.length + 1);
  for (let i = 0; i < input.length; i++) start[rank[bucket[i]] + 1]++;
  for (let r = 0; r < names.length; r++) start[r + 1] += start[r];
  const fill = start.slice(0, names.length);
  // Input positions, grouped by namespace, in input order within each.
  const sorted: number[] = new Array(input.length);
  for (let i = 0; i < input.length; i++) sorted[fill[rank[bucket[i]]]++] = i;
  const out: VmiInfo[] = [];
  const idOf = new Int32Array(input.length).fill(-1);
  const ends = new Int32Array(names.length);
  const byName = (a: number, b: number) => cmp(vmiNames[a], vmiNames[b]);
  for (let r = 0; r < names.length; r++) {
    const group = sorted.slice(start[r], start[r + 1]);
    let ordered = true;
    for (let i = 1; i < group.length && ordered; i++) ordered = vmiNames[group[i - 1]] <= vmiNames[group[i]];
    if (!ordered) group.sort(byName);
    for (let i = 0; i < group.length; i++) {
      if (i < group.length - 1 && vmiNames[group[i + 1]] === vmiNames[group[i]]) continue;
      idOf[group[i]] = out.length;
      out.push(input[group[i]]);
    }
    ends[r] = out.length;
  }
  const inputVmis: VmiInfo[] = [];
  const ids = new Int32Array(out.length);
  for (let i = 0; i < input.length; i++) {
    if (idOf[i] === -1) continue;
    ids[inputVmis.length] = idOf[i];
    inputVmis.push(input[i]);
  }
  return { vmis: out, inputOrder: { vmis: inputVmis, ids }, namespaceNames: byRank.map((b) => names[b]), namespaceEnds: ends };
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
