// Cluster data from a snapshot file: what `kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml`
// prints (a `kind: List`), also JSON, typed lists (`NamespaceList`, ...), several `---` documents and
// metadata-only items (`PartialObjectMetadata`). Read with the project's own parser, so scalars resolve
// as kubectl resolves them and every complaint carries path:line:column.
import * as fs from 'node:fs';
import { languageOf, LineIndex, parseFile } from '../document/file';
import { readRegularFile } from '../files';
import { toJson } from '../document/json';
import { deref, getPair, keyText, stringValue } from '../document/model';
import type { MapNode, Node } from '../document/model';
import { readKubectlYaml } from './plainYaml';
import { kubeVirtFromObject, namespaceFromObject, policyInfoFromObject, vmiFromObject } from './objects';
import type { ClusterData, ClusterSource, ClusterStatus, KubeVirtInfo, NamespaceInfo, PolicyInfo, SourceDescription, SourceState, VmiInfo } from './types';

/** Snapshot files above this size are refused: only regular files are read, and never more than this. */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/** A snapshot that cannot be read as cluster data; the message starts with `path:line:column:`. */
export class SnapshotError extends Error {
  constructor(
    readonly path: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${path}:${line}:${column}: ${reason}`);
    this.name = 'SnapshotError';
  }
}


/**
 * Reads a snapshot's text. Items of other kinds are skipped; Namespaces, VirtualMachineInstances,
 * MigrationPolicies and KubeVirt CRs become ClusterData. A `PartialObjectMetadata` item (metadata only)
 * counts as a VMI when it has a namespace and as a Namespace otherwise: of the four kinds, only those two
 * are read without a spec, and only VMIs are namespaced. Throws SnapshotError on syntax errors and on
 * objects that break what the API server guarantees (a name, string labels).
 */
export function loadSnapshot(text: string, path: string): ClusterData {
  const fast = languageOf(path) === 'json' || /^\s*\{/.test(text.slice(0, 256)) ? readJsonSnapshot(text) : readPlainSnapshot(readKubectlYaml(text));
  return fast ?? readPositionalSnapshot(text, path);
}

/**
 * The fast path for JSON (what `kubectl get -o json` prints): JSON.parse, then `readPlainSnapshot`. A
 * List is parsed a chunk of items at a time (`splitJsonList`), and each item is reduced to what matching
 * needs before the next chunk is parsed: the whole object tree of a 100,000-VMI snapshot never lives at
 * once. A reading in chunks counts only once every chunk was read (JSON.parse of each proved where it
 * was cut); otherwise the List is split again item by item.
 */
function readJsonSnapshot(text: string): ClusterData | undefined {
  for (const chunkBytes of [CHUNK_BYTES, 0]) {
    let items: JsonItems | undefined;
    try {
      const list = splitJsonList(text, chunkBytes);
      if (!list) break;
      items = list.items as JsonItems;
      const data = readPlainSnapshot([list]);
      if (!items.chunks || items.complete) return data;
    } catch {
      // An item that is not JSON as split: JSON.parse reads the whole text, and says whether it is JSON.
      if (!items?.chunks) break;
    }
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  return readPlainSnapshot([root]);
}

/** About how many characters of items `splitJsonList` hands to one JSON.parse (a few hundred VMIs). */
export const CHUNK_BYTES = 64 * 1024;

/**
 * The `items` of a List whose elements are still text, parsed as they are read. `spans` holds start/end
 * pairs: the first `chunks` of them several items each (parsed as one JSON array), the rest one item each.
 */
class JsonItems {
  /** Set when every span has been parsed (so every chunk was whole items). */
  complete = false;

  constructor(
    private readonly text: string,
    private readonly spans: readonly number[],
    readonly chunks: number,
  ) {}

  *[Symbol.iterator](): Generator<unknown> {
    for (let i = 0; i < this.spans.length; i += 2) {
      const text = this.text.slice(this.spans[i], this.spans[i + 1]);
      if (i < 2 * this.chunks) yield* JSON.parse(`[${text}]`) as unknown[];
      else yield JSON.parse(text);
    }
    this.complete = true;
  }
}

const JSON_SPACE = /[ \t\n\r]*/y;
const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, SPACE, TAB, LINE_FEED] = [...'"\\{}[] \t\n'].map((c) => c.charCodeAt(0));

/**
 * A JSON object with an `items` array, as JSON.parse would read it, except that `items` is a JsonItems
 * whose elements are parsed when iterated. Every other member is parsed with JSON.parse. Undefined for
 * any other shape (a duplicate or `__proto__` key, no `items` array): then JSON.parse reads the whole
 * text. Text that is not JSON makes JSON.parse throw, here or when an item is read.
 *
 * With `chunkBytes` > 0 the items are cut into chunks of about that many characters without finding each
 * item's end: the separator between the first two items, up to the second one's first key (`},{"apiVersion"`
 * in minified JSON, `\n    },\n    {\n      "apiVersion"` in pretty-printed JSON), is searched for
 * `chunkBytes` after a chunk's start, and the chunk ends at its brace. In JSON that separator is never
 * inside a string (it holds quotes that would close it), but it may join the elements of an array inside an
 * item. JSON.parse of `[chunk]` proves the cut: the chunk starts where an item starts, so it is read as the
 * List's items are read, and the closing `]` is accepted only right after a whole item at the List's level.
 * So the object stands for the text only once its items were all read; a chunk that is not whole items
 * throws when read. A cut that leaves no valid List around the items makes this split again with
 * `chunkBytes` 0 (each item's end found, as the items after the last chunk are).
 */
export function splitJsonList(text: string, chunkBytes = CHUNK_BYTES): Record<string, unknown> | undefined {
  const cut = { chunks: 0 };
  try {
    const list = splitList(text, chunkBytes, cut);
    if (list || !cut.chunks) return list;
  } catch (e) {
    if (!cut.chunks) throw e;
  }
  return splitList(text, 0, cut);
}

/** `splitJsonList` with chunks of `chunkBytes` (0: none); says in `cut` how many chunks it cut. */
function splitList(text: string, chunkBytes: number, cut: { chunks: number }): Record<string, unknown> | undefined {
  let at = 0;
  const space = () => {
    JSON_SPACE.lastIndex = at;
    JSON_SPACE.exec(text);
    at = JSON_SPACE.lastIndex;
  };
  const expect = (char: string): boolean => {
    space();
    if (text[at] !== char) return false;
    at++;
    return true;
  };
  /** The end of the JSON value that starts at `at` (which must be one; JSON.parse checks its inside). */
  const valueEnd = (): number => {
    const first = text.charCodeAt(at);
    if (first === QUOTE) return stringEnd(at);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      let end = at;
      while (end < text.length && !' \t\n\r,}]'.includes(text[end])) end++;
      return end;
    }
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) i = stringEnd(i) - 1;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1;
    }
    return text.length;
  };
  /**
   * The end of the item that starts at `at`. Pretty-printed JSON (kubectl's, JSON.stringify's) closes an
   * object that opens a line on a line of the same indentation, and a line break is never inside a JSON
   * string: so that line is found with one search. JSON.parse of the item then proves it (a valid object
   * that starts at `at` ends at one place); other text is scanned character by character.
   */
  const itemEnd = (): number => {
    let lineStart = at;
    while (lineStart > 0 && at - lineStart < 64 && (text.charCodeAt(lineStart - 1) === SPACE || text.charCodeAt(lineStart - 1) === TAB)) lineStart--;
    if (text.charCodeAt(at) === OPEN_BRACE && text.charCodeAt(lineStart - 1) === LINE_FEED) {
      const indent = text.slice(lineStart, at);
      const close = text.indexOf(`\n${indent}}`, at);
      if (close !== -1) return close + indent.length + 2;
    }
    return valueEnd();
  };
  /** The end of the string that starts at `start` (after its closing quote). */
  const stringEnd = (start: number): number => {
    for (let quote = text.indexOf('"', start + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
    }
    return text.length;
  };

  /**
   * Cuts the items from `at` (the first item's start) into chunks of about `chunkBytes` characters, as
   * start/end pairs into `spans`; leaves `at` at the start of the first item after the last chunk.
   */
  const cutChunks = (spans: number[]): void => {
    const first = at;
    const firstEnd = itemEnd();
    let next = firstEnd;
    const skip = () => {
      while (next < text.length && ' \t\n\r'.includes(text[next])) next++;
    };
    skip();
    if (text.charCodeAt(firstEnd - 1) !== CLOSE_BRACE || text[next] !== ',') return void (at = first);
    next++;
    skip();
    const itemStart = next - (firstEnd - 1);
    if (text.charCodeAt(next) !== OPEN_BRACE) return void (at = first);
    next++;
    skip();
    if (text.charCodeAt(next) !== QUOTE) return void (at = first);
    const keyEnd = stringEnd(next);
    const separator = text.slice(firstEnd - 1, keyEnd);
    at = first;
    if (separator.length > 256) return;
    for (let brace = text.indexOf(separator, at + chunkBytes); brace !== -1; brace = text.indexOf(separator, at + chunkBytes)) {
      spans.push(at, brace + 1);
      at = brace + itemStart;
    }
  };

  if (!expect('{')) return undefined;
  const root: Record<string, unknown> = {};
  let items: JsonItems | undefined;
  space();
  if (text[at] !== '}') {
    do {
      space();
      if (text[at] !== '"') return undefined;
      const keyEnd = stringEnd(at);
      const key = JSON.parse(text.slice(at, keyEnd)) as string;
      at = keyEnd;
      if (Object.hasOwn(root, key) || key === '__proto__' || !expect(':')) return undefined;
      space();
      if (key === 'items' && text[at] === '[') {
        at++;
        const spans: number[] = [];
        space();
        if (text[at] !== ']' && chunkBytes > 0) cutChunks(spans);
        const chunks = (cut.chunks = spans.length / 2);
        if (text[at] !== ']') {
          do {
            space();
            const end = itemEnd();
            spans.push(at, end);
            at = end;
          } while (expect(','));
        }
        if (!expect(']')) return undefined;
        root[key] = items = new JsonItems(text, spans, chunks);
      } else {
        const end = valueEnd();
        root[key] = JSON.parse(text.slice(at, end));
        at = end;
      }
    } while (expect(','));
  }
  if (!expect('}')) return undefined;
  space();
  return items && at === text.length ? root : undefined;
}

/**
 * The fast paths' reader: the same rules as `readPositionalSnapshot`, on plain values (the documents
 * of a file; null for an empty one). Undefined when there are none or a rule is broken: then the
 * positional reader runs, to say where.
 */
function readPlainSnapshot(roots: unknown[] | undefined): ClusterData | undefined {
  if (!roots) return undefined;
  const namespaces: NamespaceInfo[] = [];
  const vmis: VmiInfo[] = [];
  const policies: PolicyInfo[] = [];
  let kubevirt: KubeVirtInfo | undefined;
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const readObject = (node: Record<string, unknown>, itemKind: string): boolean => {
    const metadata = node.metadata;
    if (!isMap(metadata)) return false;
    const name = metadata.name;
    if (typeof name !== 'string' || !name) return false;
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    const labels = metadata.labels;
    if (labels !== undefined && labels !== null) {
      if (!isMap(labels)) return false;
      for (const key in labels) if (labels[key] !== null && typeof labels[key] !== 'string') return false;
    }
    switch (itemKind === 'PartialObjectMetadata' ? (namespace ? 'VirtualMachineInstance' : 'Namespace') : itemKind) {
      case 'Namespace':
        namespaces.push(namespaceFromObject(node) as NamespaceInfo);
        return true;
      case 'VirtualMachineInstance':
        if (!namespace) return false;
        vmis.push(vmiFromObject(node) as VmiInfo);
        return true;
      case 'MigrationPolicy': {
        const policy = policyInfoFromObject({ ...node, kind: 'MigrationPolicy' }, { kind: 'cluster' });
        if (policy) policies.push(policy);
        return true;
      }
      case 'KubeVirt':
        kubevirt ??= kubeVirtFromObject(node);
        return true;
    }
    return true;
  };
  const readList = (list: Record<string, unknown>, listKind: string, depth: number): boolean => {
    const items = list.items;
    if (items === undefined || items === null) return true;
    if (!Array.isArray(items) && !(items instanceof JsonItems)) return false;
    const implied = listKind !== 'List' && listKind.endsWith('List') ? listKind.slice(0, -4) : undefined;
    for (const item of items) {
      if (!isMap(item)) return false;
      const itemKind = typeof item.kind === 'string' ? item.kind : implied;
      if (itemKind === undefined) return false;
      if (!(itemKind.endsWith('List') && depth < 4 ? readList(item, itemKind, depth + 1) : readObject(item, itemKind))) return false;
    }
    return true;
  };
  for (const root of roots) {
    if (root === null) continue;
    if (!isMap(root) || typeof root.kind !== 'string') return undefined;
    if (!(root.kind.endsWith('List') ? readList(root, root.kind, 0) : readObject(root, root.kind))) return undefined;
  }
  const data: ClusterData = { namespaces, vmis, policies };
  if (kubevirt) data.kubevirt = kubevirt;
  return data;
}

/**
 * Reads a snapshot through the positional model, so that every complaint says path:line:column. What
 * `loadSnapshot` falls back to; exported for the tests that compare it with the fast paths.
 */
export function readPositionalSnapshot(text: string, path: string): ClusterData {
  const file = parseFile(text, languageOf(path));
  let lines: LineIndex | undefined;
  const fail = (offset: number, reason: string): never => {
    const position = (lines ??= new LineIndex(text)).positionAt(offset);
    throw new SnapshotError(path, position.line + 1, position.character + 1, reason);
  };
  const namespaces: NamespaceInfo[] = [];
  const vmis: VmiInfo[] = [];
  const policies: PolicyInfo[] = [];
  let kubevirt: KubeVirtInfo | undefined;

  for (const { offset, model } of file.documents) {
    const error = model.problems.find((p) => p.severity === 'error');
    if (error) fail(offset + error.span.start, error.message);
    const root = deref(model.root);
    if (!root || (root.kind === 'scalar' && root.value === null)) continue;
    const at = (node: Node | null | undefined, reason: string): never => fail(offset + (node?.span.start ?? 0), reason);
    if (root.kind !== 'map') at(root, 'expected a Kubernetes object or List (a mapping with `kind`), as `kubectl get -o yaml` prints it');
    const kind = stringValue(getPair(root as MapNode, 'kind')?.value);
    if (kind === undefined) at(root, 'this document has no `kind`: expected a List or a Namespace, VirtualMachineInstance, MigrationPolicy or KubeVirt');

    const readObject = (node: MapNode, itemKind: string): void => {
      const metadata = mapAt(node, 'metadata');
      if (!metadata) return at(node, `this ${itemKind} has no \`metadata\``);
      const name = stringValue(getPair(metadata, 'name')?.value);
      if (!name) return at(getPair(metadata, 'name')?.value ?? metadata, `this ${itemKind} has no \`metadata.name\``);
      const namespace = stringValue(getPair(metadata, 'namespace')?.value);
      checkLabels(metadata, at);
      switch (itemKind === 'PartialObjectMetadata' ? (namespace ? 'VirtualMachineInstance' : 'Namespace') : itemKind) {
        case 'Namespace':
          namespaces.push(namespaceFromObject(toJson(node)) as NamespaceInfo);
          return;
        case 'VirtualMachineInstance':
          if (!namespace) return at(metadata, `VirtualMachineInstance \`${name}\` has no \`metadata.namespace\``);
          vmis.push(vmiFromObject(toJson(node)) as VmiInfo);
          return;
        case 'MigrationPolicy': {
          const policy = policyInfoFromObject({ ...(toJson(node) as Record<string, unknown>), kind: 'MigrationPolicy' }, { kind: 'cluster' });
          if (policy) policies.push(policy);
          return;
        }
        case 'KubeVirt':
          kubevirt ??= kubeVirtFromObject(toJson(node));
          return;
      }
    };

    const readList = (list: MapNode, listKind: string, depth: number): void => {
      const items = deref(getPair(list, 'items')?.value);
      if (!items || (items.kind === 'scalar' && items.value === null)) return;
      if (items.kind !== 'seq') return at(items, `\`items\` of this ${listKind} must be a list`);
      const implied = listKind !== 'List' && listKind.endsWith('List') ? listKind.slice(0, -4) : undefined;
      items.items.forEach((raw, i) => {
        const item = deref(raw);
        if (!item || item.kind !== 'map') return at(raw, `item ${i + 1} of this ${listKind} is not an object`);
        const itemKind = stringValue(getPair(item, 'kind')?.value) ?? implied;
        if (itemKind === undefined) return at(item, `item ${i + 1} of this ${listKind} has no \`kind\``);
        if (itemKind.endsWith('List') && depth < 4) return readList(item, itemKind, depth + 1);
        readObject(item, itemKind);
      });
    };

    if ((kind as string).endsWith('List')) readList(root as MapNode, kind as string, 0);
    else readObject(root as MapNode, kind as string);
  }
  const data: ClusterData = { namespaces, vmis, policies };
  if (kubevirt) data.kubevirt = kubevirt;
  return data;
}

function mapAt(map: MapNode | undefined, key: string): MapNode | undefined {
  if (!map) return undefined;
  const value = deref(getPair(map, key)?.value);
  return value && value.kind === 'map' ? value : undefined;
}

/** Labels must be a map of strings, as the API server guarantees; says where one is not. */
function checkLabels(metadata: MapNode, at: (node: Node | null | undefined, reason: string) => never): void {
  const node = deref(getPair(metadata, 'labels')?.value);
  if (!node || (node.kind === 'scalar' && node.value === null)) return;
  if (node.kind !== 'map') return at(node, '`metadata.labels` must be a mapping of strings to strings');
  for (const pair of node.pairs) {
    const key = keyText(pair);
    const value = deref(pair.value);
    if (key === undefined) return at(pair.key ?? node, 'a label needs a key');
    // A key without a value (`{k}`, `? k`) is null, as `k:` is: kubectl sends it and the API server stores "".
    if (value && (value.kind !== 'scalar' || (value.value !== null && typeof value.value !== 'string'))) {
      const read = value && value.kind === 'scalar' ? `, but kubectl reads \`${value.text}\` as ${value.type}: write "${value.text}"` : '';
      return at(pair.value ?? pair.key, `the value of label \`${key}\` must be a string${read}`);
    }
  }
}

/** Options of a SnapshotSource. */
export interface SnapshotSourceOptions {
  /** True for the bundled example (the editor says so). */
  demo?: boolean;
  /** Reload when the file changes (polling once a second). Default true. */
  watch?: boolean;
}

/** A ClusterSource that reads a snapshot file, and again whenever it changes. Never throws: faults become states. */
/**
 * Lets go of the subject of the last regular-expression match, which V8 keeps alive (the legacy
 * `RegExp.input`) until another match: after a snapshot was read (`splitJsonList` matches on the whole
 * text), that is the file's text, 31 MB for 100,000 VMIs, held for as long as the server runs no other
 * regular expression.
 */
export function releaseLastMatch(): void {
  /^/.exec('');
}

export class SnapshotSource implements ClusterSource {
  readonly description: SourceDescription;
  private data: ClusterData | undefined;
  private state: SourceState = { kind: 'disabled' };
  private loadedAt: string | undefined;
  private readonly listeners = new Set<() => void>();
  private watching = false;
  private loading: Promise<void> | undefined;
  /** Bumped by stop(): a reading that finishes after it is dropped. */
  private generation = 0;

  constructor(
    readonly path: string,
    private readonly options: SnapshotSourceOptions = {},
  ) {
    this.description = { kind: 'snapshot', path, demo: options.demo ?? false };
  }

  current(): ClusterData | undefined {
    return this.data;
  }

  status(): ClusterStatus {
    const d = this.data;
    const status: ClusterStatus = {
      source: this.description,
      state: this.state,
      counts: { namespaces: d?.namespaces.length ?? 0, vmis: d?.vmis.length ?? 0, policies: d?.policies.length ?? 0 },
    };
    if (this.loadedAt) status.loadedAt = this.loadedAt;
    if (d?.kubevirt?.version) status.kubevirtVersion = d.kubevirt.version;
    return status;
  }

  start(): void {
    if (this.options.watch !== false && !this.watching) {
      this.watching = true;
      fs.watchFile(this.path, { interval: 1000, persistent: false }, this.onFileChange);
    }
    void this.reload();
  }

  /** Drops the data and reads the file again. */
  refresh(): Promise<void> {
    this.data = undefined;
    return this.reload();
  }

  stop(): void {
    if (this.watching) fs.unwatchFile(this.path, this.onFileChange);
    this.watching = false;
    this.generation++;
    this.data = undefined;
    this.state = { kind: 'disabled' };
    this.emit();
  }

  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  private readonly onFileChange = (now: fs.Stats, before: fs.Stats) => {
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) void this.reload();
  };

  /** Reads the file again; on failure the last good reading stays, marked stale. */
  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    this.state = { kind: 'loading' };
    this.emit();
    try {
      const text = await readRegularFile(this.path, MAX_SNAPSHOT_BYTES);
      if (generation !== this.generation) return;
      this.data = loadSnapshot(text, this.path);
      this.loadedAt = new Date().toISOString();
      this.state = { kind: 'ready' };
    } catch (e) {
      if (generation !== this.generation) return;
      const err = e as NodeJS.ErrnoException;
      const message = err instanceof SnapshotError ? err.message : `cannot read ${this.path}: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`;
      this.state = this.data ? { kind: 'stale', reason: message } : { kind: 'error', message };
    }
    releaseLastMatch();
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A listener's fault is its own; the source keeps going.
      }
    }
  }
}
