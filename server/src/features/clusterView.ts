// What the editor features know of the cluster: the evaluation of the workspace's policies against
// the latest complete inventory, and the data source's status. Built by the LSP layer, read here.
import type { Evaluation, Inventory } from '../cluster/inventory';
import type { ClusterStatus, PolicyInfo } from '../cluster/types';
import { deref, getPair, stringValue } from '../document/model';
import type { DocumentModel, FileModel, MapNode, Span } from '../document/model';
import { findPolicies, isClusterSnapshot } from '../document/policies';
import { toJson } from '../document/json';
import { unmask } from '../document/template';
import { policyInfoFromObject } from '../cluster/objects';

export interface ClusterView {
  status: ClusterStatus;
  /** The latest complete inventory; undefined while nothing has loaded. */
  inventory?: Inventory;
  /** Cluster policies with the workspace's versions in place of same-named ones. */
  evaluation?: Evaluation;
}

/** A MigrationPolicy of a file, as matching sees it, with where it is written. */
export interface FilePolicy {
  info: PolicyInfo;
  map: MapNode;
  /** Offset of the owning `---` document in the file. */
  offset: number;
  /** The span of `metadata.name`'s value, or of the policy's first key. */
  anchor: Span;
  /** Its `selectorKey` (features/crossPolicy.ts), when the caller computed it already. */
  selectorKey?: string;
}

/**
 * The named MigrationPolicies of one `---` document (offsets relative to it), as kubectl would send
 * them. A dump of cluster state (a List with VMIs) holds the cluster's policies, not the workspace's.
 */
export function documentPolicies(model: DocumentModel, uri: string): FilePolicy[] {
  const result: FilePolicy[] = [];
  if (isClusterSnapshot(model.root)) return result;
  if (model.mode === 'patch') return result;
  for (const map of findPolicies(model.root)) {
    const info = policyInfoFromObject(toJson(map), { kind: 'workspace', uri });
    if (!info) continue;
    const metadata = deref(getPair(map, 'metadata')?.value);
    const nameNode = metadata && metadata.kind === 'map' ? deref(getPair(metadata, 'name')?.value) : null;
    if (model.template) {
      // A chart template: selectors written by the template cannot be matched before rendering.
      const spec = deref(getPair(map, 'spec')?.value);
      const selectors = spec?.kind === 'map' ? getPair(spec, 'selectors') : undefined;
      if (selectors && touchesTemplate(model, selectors.span)) continue;
      if (nameNode && touchesTemplate(model, nameNode.span)) info.name = unmask(model.template, model.text, nameNode.span);
    }
    const anchor = nameNode && stringValue(nameNode) !== undefined ? nameNode.span : (map.pairs[0]?.key?.span ?? map.span);
    result.push({ info, map, offset: 0, anchor });
  }
  return result;
}

/** The named MigrationPolicies of a file; `perDocument` lets callers cache each document's result. */
export function filePolicies(file: FileModel, uri: string, perDocument: (model: DocumentModel) => FilePolicy[] = (m) => documentPolicies(m, uri)): FilePolicy[] {
  return file.documents.flatMap(({ offset, model }) => perDocument(model).map((p) => ({ ...p, offset })));
}

/** Whether a template action or a line of them lies in the span (or right after it, as its content). */
function touchesTemplate(model: DocumentModel, span: Span): boolean {
  const t = model.template;
  if (!t) return false;
  let end = span.end;
  while (end < model.text.length && /\s/.test(model.text[end])) end++;
  return [...t.inline, ...t.holes].some((s) => s.start < end && s.end > span.start);
}
