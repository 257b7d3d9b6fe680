// A model node as the JSON value kubectl would send for it, with bounded work on alias bombs.
import { deref, keyText } from './model';
import type { Node } from './model';

const MAX_DEPTH = 100;
const MAX_NODES = 100_000;

/**
 * A node as the JSON value kubectl would send: maps keep the last of duplicate keys, aliases are
 * followed, scalars take their kubectl (YAML 1.1) value. Past `maxNodes` nodes (an alias bomb) or
 * `MAX_DEPTH` levels, the rest reads as null.
 */
export function toJson(node: Node | null | undefined, maxNodes = MAX_NODES): unknown {
  let budget = maxNodes;
  const convert = (current: Node | null | undefined, depth: number): unknown => {
    const n = deref(current);
    if (!n || depth > MAX_DEPTH || --budget < 0) return null;
    if (n.kind === 'scalar') return n.unencodable ? null : n.value;
    if (n.kind === 'seq') return n.items.map((item) => convert(item, depth + 1));
    if (n.kind === 'map') {
      const entries: [string, unknown][] = [];
      for (const pair of n.pairs) {
        const key = keyText(pair);
        if (key !== undefined) entries.push([key, convert(pair.value, depth + 1)]);
      }
      return Object.fromEntries(entries);
    }
    return null;
  };
  return convert(node, 0);
}
