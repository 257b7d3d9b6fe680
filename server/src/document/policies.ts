// Which documents are ours: MigrationPolicy objects (migrations.kubevirt.io/*, kind MigrationPolicy),
// also as items of a `kind: List`. Every other document is left alone.
import { API_GROUP, editDistance, KIND } from '../policy/catalog';
import { deref, getPair, stringValue } from './model';
import type { DocumentModel, MapNode, Node } from './model';

/** Whether a text may hold a MigrationPolicy: the cheap test before parsing or starting anything. */
export function mentionsMigrationPolicy(text: string): boolean {
  if (text.includes('migrations.kubevirt.io')) return true;
  for (const m of text.matchAll(/kind["']?\s*:\s*["']?([A-Za-z][-\w]*)/g)) if (looksLikePolicyKind(m[1])) return true;
  return false;
}

/** `MigrationPolicy` itself or a near miss (`MigrationPolicies`, `migrationpolicy`, `MigrationPolicey`), not the List kind. */
export function looksLikePolicyKind(kind: string): boolean {
  if (kind === KIND) return true;
  if (/List$/.test(kind)) return false;
  return /^migrations?[-_]?polic(y|ies|ys)$/i.test(kind) || editDistance(kind.toLowerCase(), KIND.toLowerCase()) <= 2;
}

/** True when the object looks like a MigrationPolicy, including near misses worth diagnosing. */
export function isPolicyObject(map: MapNode): boolean {
  const apiVersion = stringValue(getPair(map, 'apiVersion')?.value);
  const kind = stringValue(getPair(map, 'kind')?.value);
  const group = apiVersion?.split('/')[0];
  if (kind === KIND) return true;
  if (group === API_GROUP) return kind === undefined || looksLikePolicyKind(kind);
  // A misspelt kind is ours even with a wrong or missing apiVersion: both get a diagnostic then.
  return kind !== undefined && looksLikePolicyKind(kind);
}

/** The MigrationPolicy objects of a document: the root itself, or the items of a List. */
export function findPolicies(root: Node | null, depth = 0): MapNode[] {
  const node = deref(root);
  if (!node || node.kind !== 'map' || depth > 4) return [];
  if (isPolicyObject(node)) return [node];
  const kind = stringValue(getPair(node, 'kind')?.value);
  const items = deref(getPair(node, 'items')?.value);
  if (kind && /List$/.test(kind) && items && items.kind === 'seq') return items.items.flatMap((item) => findPolicies(item, depth + 1));
  return [];
}

/** True when the document is ours: it holds a policy, or is too broken to tell but mentions one. */
export function isPolicyDocument(doc: DocumentModel): boolean {
  return findPolicies(doc.root).length > 0 || (doc.hasSyntaxErrors && mentionsMigrationPolicy(doc.text));
}

const CLUSTER_STATE_KINDS = new Set(['VirtualMachineInstance', 'Namespace', 'KubeVirt']);

/**
 * True for a `kind: List` that also holds VMIs, namespaces or the KubeVirt CR: a dump of cluster state
 * (`kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml`), whose policies are the cluster's own
 * rather than manifests someone will apply.
 */
export function isClusterSnapshot(root: Node | null): boolean {
  const node = deref(root);
  if (!node || node.kind !== 'map') return false;
  const items = deref(getPair(node, 'items')?.value);
  if (!/List$/.test(stringValue(getPair(node, 'kind')?.value) ?? '') || !items || items.kind !== 'seq') return false;
  return items.items.some((item) => {
    const map = deref(item);
    return map?.kind === 'map' && CLUSTER_STATE_KINDS.has(stringValue(getPair(map, 'kind')?.value) ?? '');
  });
}
