// Offset → path: which key or value of which document is under the cursor, as a list of keys from
// the document root (list items appear as their index).
import { deref, keyText } from './model';
import type { DocumentModel, FileModel, MapNode, Node, Pair } from './model';

export interface NodeLocation {
  /** Keys from the document root to the node (sequence items as their index). */
  path: (string | number)[];
  /** The innermost pair whose key or value holds the offset. */
  pair?: Pair;
  /** The innermost node at the offset (a key scalar when `onKey`). */
  node?: Node;
  /** True when the offset is on the pair's key. */
  onKey: boolean;
  /** The maps from the root down to the innermost one containing the offset. */
  maps: MapNode[];
}

/** The document of a file that holds a file offset, with the offset relative to it. */
export function documentAt(file: FileModel, offset: number): { index: number; offset: number; model: DocumentModel; relative: number } | undefined {
  for (let i = file.documents.length - 1; i >= 0; i--) {
    const d = file.documents[i];
    if (offset >= d.offset) return { index: i, offset: d.offset, model: d.model, relative: offset - d.offset };
  }
  return undefined;
}

const within = (offset: number, start: number, end: number) => offset >= start && offset <= end;

/** Finds the innermost key or value at a document-relative offset. Does not follow aliases. */
export function locate(root: Node | null, offset: number): NodeLocation {
  const location: NodeLocation = { path: [], onKey: false, maps: [] };
  let node: Node | null = root;
  for (let depth = 0; node && depth < 200; depth++) {
    if (node.kind === 'map') {
      location.maps.push(node);
      const pair = findPair(node, offset);
      if (!pair) {
        location.node = node;
        return location;
      }
      const name = keyText(pair) ?? '';
      location.pair = pair;
      location.path.push(name);
      if (pair.key && within(offset, pair.key.span.start, pair.key.span.end) && !(pair.value && within(offset, pair.value.span.start, pair.value.span.end))) {
        location.onKey = true;
        location.node = pair.key;
        return location;
      }
      location.onKey = false;
      node = pair.value;
      if (!node) return location;
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => within(offset, item.span.start, item.span.end));
      if (index === -1) {
        location.node = node;
        return location;
      }
      location.path.push(index);
      node = node.items[index];
    } else {
      location.node = node;
      return location;
    }
  }
  return location;
}

function findPair(map: MapNode, offset: number): Pair | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    const p = map.pairs[i];
    const start = p.key?.span.start ?? p.span.start;
    const end = Math.max(p.span.end, p.value?.span.end ?? 0, p.key?.span.end ?? 0);
    if (within(offset, start, end)) return p;
  }
  return undefined;
}

/** The value node of a pair, following aliases. */
export function valueOf(pair: Pair | undefined): Node | null {
  return deref(pair?.value ?? null);
}
