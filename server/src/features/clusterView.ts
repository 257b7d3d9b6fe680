// What the editor features know of the cluster: the evaluation of the workspace's policies against
// the latest complete inventory, and the data source's status. Built by the LSP layer, read here.
import type { Evaluation } from '../cluster/evaluation';
import type { Inventory } from '../cluster/inventory';
import type { ClusterStatus, KubeVirtInfo, PolicyInfo } from '../cluster/types';
import { deref, getPair, stringValue } from '../document/model';
import type { LineIndex } from '../document/lines';
import type { DocumentModel, FileModel, MapNode, Span } from '../document/model';
import { findPolicies, isClusterSnapshot } from '../document/policies';
import { toJson } from '../document/json';
import { unmask } from '../document/template';
import { policyInfoFromObject } from '../policy/objects';
import { getDocumentFindings } from './diagnostics';
import type { Finding, ValidationOptions } from './validation';
import { plural } from '../text';

export interface ClusterView {
  status: ClusterStatus;
  /** The latest complete inventory; undefined while nothing has loaded. */
  inventory?: Inventory;
  /** Cluster policies with the workspace's versions in place of same-named ones. */
  evaluation?: Evaluation;
  /** Workspace policies that take no part in the evaluation, and why (see selectWhatIfPolicies). */
  leftOut?: ReadonlyMap<PolicyInfo, string>;
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

/** MigrationPolicies of a file that have no name (so no part in matching), for their code lens. */
export function unnamedPolicies(file: FileModel): { offset: number; map: MapNode }[] {
  const result: { offset: number; map: MapNode }[] = [];
  for (const { offset, model } of file.documents) {
    if (isClusterSnapshot(model.root)) continue;
    for (const map of findPolicies(model.root)) {
      const metadata = deref(getPair(map, 'metadata')?.value);
      const name = metadata && metadata.kind === 'map' ? deref(getPair(metadata, 'name')?.value) : null;
      if (!name || !stringValue(name)) result.push({ offset, map });
    }
  }
  return result;
}

/** The named MigrationPolicies of a file; `perDocument` lets callers cache each document's result. */
export function filePolicies(file: FileModel, uri: string, perDocument: (model: DocumentModel) => FilePolicy[] = (m) => documentPolicies(m, uri)): FilePolicy[] {
  return file.documents.flatMap(({ offset, model }) => perDocument(model).map((p) => ({ ...p, offset })));
}

/** A workspace file as the what-if rule reads it. */
export interface WhatIfFile {
  uri: string;
  file: FileModel;
  /** How messages name the file (a workspace-relative path). */
  name: string;
  /** The file's line index, when the caller has one (the server does): lines are then found in O(log n). */
  lines?: LineIndex;
}

/** The policies that take part in what-if evaluation, and why the others do not. */
export interface WhatIfPolicies {
  policies: PolicyInfo[];
  /** Workspace policies left out, with the reason in a few words. */
  leftOut: Map<PolicyInfo, string>;
}

/**
 * The one rule for which workspace policies take part in what-if evaluation, used by the language
 * server and by `migrationpolicy match` alike:
 * 1. A policy in a `---` document with a syntax error or an error-severity finding is left out: the
 *    API server or the webhook would reject it, so the cluster's version (if any) stays in place.
 * 2. Files are taken in the order of their URIs (paths), documents top to bottom; when a name is
 *    defined more than once, the last definition counts, as `kubectl apply -R -f DIR` would leave it.
 * `findingsOf` lets the server reuse its per-document cache; `options` come from the cluster's KubeVirt CR.
 */
export function selectWhatIfPolicies<F extends WhatIfFile>(
  files: readonly F[],
  options: ValidationOptions,
  policiesOf: (file: F) => FilePolicy[] = (f) => filePolicies(f.file, f.uri),
  findingsOf: (doc: DocumentModel) => readonly Finding[] = (doc) => getDocumentFindings(doc, options),
): WhatIfPolicies {
  const ordered = [...files].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const byName = new Map<string, PolicyInfo>();
  const leftOut = new Map<PolicyInfo, string>();
  for (const f of ordered) {
    const policies = policiesOf(f);
    if (!policies.length) continue;
    const rejected = new Map<number, number>();
    for (const { offset, model } of f.file.documents) {
      const errors = errorCount(findingsOf(model)) || (model.hasSyntaxErrors ? 1 : 0);
      if (errors) rejected.set(offset, errors);
    }
    for (const p of policies) {
      const errors = rejected.get(p.offset);
      if (errors) {
        leftOut.set(p.info, `it has ${plural(errors, 'error')} the API server would reject`);
        continue;
      }
      const earlier = byName.get(p.info.name);
      if (earlier) {
        const offset = p.offset + p.anchor.start;
        const line = f.lines ? f.lines.positionAt(offset).line + 1 : lineOf(f.file.text, offset);
        leftOut.set(earlier, `${p.info.name} at ${f.name}:${line} counts instead (the last definition wins)`);
      }
      byName.set(p.info.name, p.info);
    }
  }
  return { policies: [...byName.values()], leftOut };
}

/** Error-severity findings of a list, counted once per list (the server's per-document lists are cached, so a keystroke recounts only the edited document's). */
const errorCounts = new WeakMap<readonly Finding[], number>();
function errorCount(findings: readonly Finding[]): number {
  let n = errorCounts.get(findings);
  if (n === undefined) {
    n = 0;
    for (const f of findings) if (f.severity === 'error') n++;
    errorCounts.set(findings, n);
  }
  return n;
}

/** The validation options the cluster data implies: its KubeVirt version and feature gates. */
export function clusterValidationOptions(kubevirt: KubeVirtInfo | undefined): ValidationOptions {
  const options: ValidationOptions = {};
  if (kubevirt?.version) options.kubevirtVersion = kubevirt.version;
  if (kubevirt) options.featureGates = [...kubevirt.featureGates];
  return options;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Whether the view's data is the bundled demo snapshot (every message using it says so). */
export function isDemo(view: ClusterView | undefined): boolean {
  const source = view?.status.source;
  return source?.kind === 'snapshot' && source.demo;
}

/** "the cluster", or "the demo cluster" when the data is the bundled demo. */
export function clusterName(view: ClusterView | undefined): string {
  return isDemo(view) ? 'the demo cluster' : 'the cluster';
}

/** Whether a template action or a line of them lies in the span (or right after it, as its content). */
function touchesTemplate(model: DocumentModel, span: Span): boolean {
  const t = model.template;
  if (!t) return false;
  let end = span.end;
  while (end < model.text.length && /\s/.test(model.text[end])) end++;
  return [...t.inline, ...t.holes].some((s) => s.start < end && s.end > span.start);
}
