// The workloads a MigrationPolicy applies to, as written in manifests: VirtualMachine and
// VirtualMachineInstance objects (kubevirt.io/*), and the Namespace objects whose labels
// namespaceSelector reads. Also as items of a `kind: List`. Nodes only: converting them to the values
// matching reads is cluster/objects.ts's job.
import { deref, getPair, stringValue } from './model';
import type { MapNode, Node, Span } from './model';

export type WorkloadKind = 'VirtualMachine' | 'VirtualMachineInstance';

/** A VM or VMI object of a document, with the nodes features point at. */
export interface WorkloadNode {
  kind: WorkloadKind;
  map: MapNode;
  /** The map holding the VMI's labels: `metadata.labels` of a VMI, `spec.template.metadata.labels` of a VM. */
  labels: MapNode | undefined;
  /** The map holding the VMI's metadata (`metadata` of a VMI, `spec.template.metadata` of a VM). */
  vmiMetadata: MapNode | undefined;
  /** The span of `metadata.name`'s value, or of the object's first key. */
  anchor: Span;
}

const WORKLOAD_KINDS = new Set<string>(['VirtualMachine', 'VirtualMachineInstance']);

/** Whether a text may hold a VM, VMI or Namespace manifest: the cheap test before parsing. */
export function mentionsWorkload(text: string): boolean {
  return /kind["']?\s*:\s*["']?(VirtualMachine|VirtualMachineInstance|Namespace)\b/.test(text);
}

function mapAt(map: MapNode | undefined, key: string): MapNode | undefined {
  if (!map) return undefined;
  const node = deref(getPair(map, key)?.value);
  return node && node.kind === 'map' ? node : undefined;
}

/** The objects of a document: the root, or the items of a List (nested Lists too, a few levels deep). */
function objects(root: Node | null, depth = 0): MapNode[] {
  const node = deref(root);
  if (!node || node.kind !== 'map' || depth > 4) return [];
  const kind = stringValue(getPair(node, 'kind')?.value);
  const items = deref(getPair(node, 'items')?.value);
  if (kind && /List$/.test(kind) && items && items.kind === 'seq') return items.items.flatMap((item) => objects(item, depth + 1));
  return [node];
}

function isKubevirtGroup(map: MapNode): boolean {
  const apiVersion = stringValue(getPair(map, 'apiVersion')?.value);
  return apiVersion === undefined || apiVersion.split('/')[0] === 'kubevirt.io';
}

/** The VirtualMachine and VirtualMachineInstance objects of a document (apiVersion kubevirt.io/*). */
export function findWorkloads(root: Node | null): WorkloadNode[] {
  const result: WorkloadNode[] = [];
  for (const map of objects(root)) {
    const kind = stringValue(getPair(map, 'kind')?.value);
    if (!kind || !WORKLOAD_KINDS.has(kind) || !isKubevirtGroup(map)) continue;
    const metadata = mapAt(map, 'metadata');
    const vmiMetadata = kind === 'VirtualMachine' ? mapAt(mapAt(mapAt(map, 'spec'), 'template'), 'metadata') : metadata;
    const nameNode = metadata ? deref(getPair(metadata, 'name')?.value) : null;
    const anchor = nameNode && stringValue(nameNode) !== undefined ? nameNode.span : (map.pairs[0]?.key?.span ?? map.span);
    result.push({ kind: kind as WorkloadKind, map, labels: mapAt(vmiMetadata, 'labels'), vmiMetadata, anchor });
  }
  return result;
}

/** The Namespace objects of a document (apiVersion v1). */
export function findNamespaces(root: Node | null): MapNode[] {
  return objects(root).filter((map) => {
    const apiVersion = stringValue(getPair(map, 'apiVersion')?.value);
    return stringValue(getPair(map, 'kind')?.value) === 'Namespace' && (apiVersion === undefined || apiVersion === 'v1');
  });
}
