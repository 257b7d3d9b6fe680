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

/** The fast path for JSON (what `kubectl get -o json` prints): JSON.parse, then `readPlainSnapshot`. */
function readJsonSnapshot(text: string): ClusterData | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  return readPlainSnapshot([root]);
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
    if (!Array.isArray(items)) return false;
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
    if (!value || value.kind !== 'scalar' || (value.value !== null && typeof value.value !== 'string')) {
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
