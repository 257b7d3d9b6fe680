// Label key/value pairs known to the workspace (or, later, a cluster inventory) for selector completion:
// what MigrationPolicies already select on, with how often. Cluster data arrives in the same shape.
import { deref, getPair, keyText } from '../document/model';
import type { FileModel, MapNode, Node } from '../document/model';
import { findPolicies } from '../document/policies';

/** One label pair with how often it is seen in `source` (policies for 'workspace', objects for a cluster). */
export interface SelectorLabel {
  key: string;
  value: string;
  count: number;
  /** Where the count comes from: 'workspace' counts policies; 'cluster' (or a snapshot name) counts VMIs or namespaces. */
  source: string;
}

/** Known labels of namespaces (for `namespaceSelector`) and of VMIs (for `virtualMachineInstanceSelector`). */
export interface KnownLabels {
  namespace: SelectorLabel[];
  vmi: SelectorLabel[];
}

/** The legacy LabelSelector fields, rejected since KubeVirt v0.55: never a label key to suggest. */
// kubevirt staging/src/kubevirt.io/api/migrations/v1alpha1/types.go: `type LabelSelector map[string]string` (commit cab98e53fb)
export const LEGACY_SELECTOR_KEYS: ReadonlySet<string> = new Set(['matchLabels', 'matchExpressions']);

/**
 * The string-valued pairs of `namespaceSelector` and `virtualMachineInstanceSelector` of every
 * MigrationPolicy in a file; `count` is the number of policies that use the pair.
 */
export function collectSelectorLabels(file: FileModel, source: string): KnownLabels {
  const namespace = new Map<string, SelectorLabel>();
  const vmi = new Map<string, SelectorLabel>();
  for (const { model } of file.documents) {
    for (const policy of findPolicies(model.root)) {
      const selectors = child(child(policy, 'spec'), 'selectors');
      count(namespace, child(selectors, 'namespaceSelector'), source);
      count(vmi, child(selectors, 'virtualMachineInstanceSelector'), source);
    }
  }
  return { namespace: sortLabels([...namespace.values()]), vmi: sortLabels([...vmi.values()]) };
}

/** Merges label lists; counts of the same key, value and source are summed, different sources stay apart. */
export function mergeKnownLabels(...lists: KnownLabels[]): KnownLabels {
  const merge = (labels: SelectorLabel[]) => {
    const merged = new Map<string, SelectorLabel>();
    for (const l of labels) {
      const id = `${l.source}\u0000${l.key}\u0000${l.value}`;
      const known = merged.get(id);
      if (known) known.count += l.count;
      else merged.set(id, { ...l });
    }
    return sortLabels([...merged.values()]);
  };
  return { namespace: merge(lists.flatMap((l) => l.namespace)), vmi: merge(lists.flatMap((l) => l.vmi)) };
}

/**
 * Label counts kept up to date as per-document lists come and go (the server's workspace index):
 * `add` and `remove` cost the size of the list, `labels()` re-sorts only after a change.
 */
export class LabelTally {
  private readonly counts = { namespace: new Map<string, SelectorLabel>(), vmi: new Map<string, SelectorLabel>() };
  private sorted: KnownLabels | undefined = { namespace: [], vmi: [] };

  /** Takes the `removed` lists out and puts the `added` ones in; returns whether any count changed. */
  replace(removed: readonly KnownLabels[], added: readonly KnownLabels[]): boolean {
    let changed = false;
    for (const kind of ['namespace', 'vmi'] as const) {
      const delta = new Map<string, { label: SelectorLabel; by: number }>();
      const collect = (lists: readonly KnownLabels[], sign: 1 | -1) => {
        for (const list of lists) {
          for (const l of list[kind]) {
            const id = `${l.source}\u0000${l.key}\u0000${l.value}`;
            const d = delta.get(id);
            if (d) d.by += sign * l.count;
            else delta.set(id, { label: l, by: sign * l.count });
          }
        }
      };
      collect(removed, -1);
      collect(added, 1);
      const into = this.counts[kind];
      for (const [id, { label, by }] of delta) {
        if (by === 0) continue;
        changed = true;
        const count = (into.get(id)?.count ?? 0) + by;
        if (count <= 0) into.delete(id);
        else into.set(id, { key: label.key, value: label.value, source: label.source, count });
      }
    }
    if (changed) this.sorted = undefined;
    return changed;
  }

  /** The merged labels, sorted like `mergeKnownLabels`; the same object until a count changes. */
  labels(): KnownLabels {
    return (this.sorted ??= { namespace: sortLabels([...this.counts.namespace.values()].map((l) => ({ ...l }))), vmi: sortLabels([...this.counts.vmi.values()].map((l) => ({ ...l }))) });
  }
}

function child(map: Node | null | undefined, key: string): MapNode | undefined {
  const node = deref(map);
  if (!node || node.kind !== 'map') return undefined;
  const value = deref(getPair(node, key)?.value);
  return value && value.kind === 'map' ? value : undefined;
}

/**
 * Pairs of one selector map that become completion suggestions. A selector is a handful of labels; a
 * map of 200,000 would otherwise cost its size on every keystroke in every file for suggestions nobody
 * scrolls through, so only its first pairs are counted.
 */
export const MAX_LABELS_PER_SELECTOR = 1000;

// kubectl keeps the last of duplicate keys, so each key counts once per policy with its last value.
function count(into: Map<string, SelectorLabel>, selector: MapNode | undefined, source: string): void {
  if (!selector) return;
  const pairs = new Map<string, string>();
  for (const pair of selector.pairs.length > MAX_LABELS_PER_SELECTOR ? selector.pairs.slice(0, MAX_LABELS_PER_SELECTOR) : selector.pairs) {
    const key = keyText(pair);
    const value = deref(pair.value);
    if (key === undefined || LEGACY_SELECTOR_KEYS.has(key)) continue;
    if (value && value.kind === 'scalar' && typeof value.value === 'string') pairs.set(key, value.value);
    else pairs.delete(key);
  }
  for (const [key, value] of pairs) {
    const id = `${key}\u0000${value}`;
    const known = into.get(id);
    if (known) known.count++;
    else into.set(id, { key, value, count: 1, source });
  }
}

function sortLabels(labels: SelectorLabel[]): SelectorLabel[] {
  return labels.sort((a, b) => b.count - a.count || cmp(a.key, b.key) || cmp(a.value, b.value) || cmp(a.source, b.source));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
