// Diagnostics that need more than one policy: identical selectors (and who wins), policies that
// match VMIs but win none, and names used twice across the workspace. Pure; the LSP layer passes
// the workspace's policies and the cluster view.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PolicyInfo } from '../cluster/types';
import type { LineIndex } from '../document/file';
import { compareNames } from '../policy/matching';
import { clusterName, isDemo } from './clusterView';
import type { ClusterView, FilePolicy } from './clusterView';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

/** A policy of another workspace file, for duplicate-name and identical-selector checks. */
export interface OtherPolicy {
  info: PolicyInfo;
  /** Where it is written, for the message (`policies/db.yaml:4`). */
  location: string;
}

const selectorKey = (p: PolicyInfo) => JSON.stringify([Object.entries(p.vmiSelector).sort(), Object.entries(p.namespaceSelector).sort()]);

function describeSelectors(p: PolicyInfo): string {
  const entries = [...Object.entries(p.vmiSelector).map(([k, v]) => `VMI ${k}=${v}`), ...Object.entries(p.namespaceSelector).map(([k, v]) => `namespace ${k}=${v}`)];
  return entries.length ? entries.join(', ') : 'empty selectors';
}

/** Cross-policy diagnostics for the policies of one file. */
export function getCrossPolicyDiagnostics(policies: FilePolicy[], lines: LineIndex, others: readonly OtherPolicy[], view: ClusterView | undefined): Diagnostic[] {
  const result: Diagnostic[] = [];
  const add = (p: FilePolicy, severity: 1 | 2 | 3, code: string, message: string) =>
    result.push({ range: { start: lines.positionAt(p.offset + p.anchor.start), end: lines.positionAt(p.offset + p.anchor.end) }, severity, code, source: DIAGNOSTIC_SOURCE, message });

  const named = new Map<string, string[]>();
  for (const o of others) named.set(o.info.name, [...(named.get(o.info.name) ?? []), o.location]);
  const inFile = new Map<string, number>();
  for (const p of policies) inFile.set(p.info.name, (inFile.get(p.info.name) ?? 0) + 1);
  for (const p of policies) {
    const elsewhere = named.get(p.info.name) ?? [];
    const twiceHere = (inFile.get(p.info.name) ?? 0) > 1;
    if (elsewhere.length || twiceHere) {
      const where = [...(twiceHere ? ['this file'] : []), ...elsewhere].join(', ');
      add(p, 1, 'duplicate-name', `Another MigrationPolicy is named ${p.info.name} (${where}). Policies are cluster-scoped, so applying both leaves only the one applied last. Rename one of them.`);
    }
  }

  const clusterPolicies = view?.inventory?.policies ?? [];
  const here = new Set(policies.map((p) => p.info.name));
  const elsewhere = new Set(others.map((o) => o.info.name));
  const bySelectors = new Map<string, { info: PolicyInfo; where: string }[]>();
  const index = (info: PolicyInfo, where: string) => {
    if (!info.hasSelectors) return;
    const key = selectorKey(info);
    bySelectors.set(key, [...(bySelectors.get(key) ?? []), { info, where }]);
  };
  for (const o of others) index(o.info, o.location);
  for (const c of clusterPolicies) if (!here.has(c.name) && !elsewhere.has(c.name)) index(c, clusterName(view));
  for (const p of policies) index(p.info, 'this file');
  for (const p of policies) {
    if (!p.info.hasSelectors) continue;
    const twins = (bySelectors.get(selectorKey(p.info)) ?? []).filter((c) => c.info !== p.info && c.info.name !== p.info.name);
    if (!twins.length) continue;
    const all = [p.info.name, ...twins.map((t) => t.info.name)].sort(compareNames);
    const first = all[0];
    const shown = twins.slice(0, 3).map((t) => `${t.info.name} (${t.where})`).join(', ') + (twins.length > 3 ? ` and ${twins.length - 3} more` : '');
    // Equal selectors match the same VMIs with the same score: only the name order separates them
    // (pkg/virt-controller/watch/migration/migrationpolicy.go matchPolicy). Other policies may still beat both.
    const verdict =
      first === p.info.name
        ? `between them, this policy takes precedence only because its name sorts first, so ${all.length === 2 ? 'the other one never applies' : 'the others never apply'}`
        : `${first} takes precedence only because its name sorts first, so this policy never applies`;
    add(p, 2, 'identical-selectors', `Same selectors (${describeSelectors(p.info)}) as ${shown}: ${verdict}. The docs say identical selectors are not allowed, but nothing rejects them. Make the selectors differ, or merge the policies.`);
  }

  const evaluation = view?.evaluation;
  if (evaluation) {
    for (const p of policies) {
      const stats = evaluation.policyStats(p.info.name);
      if (!stats || stats.policy !== p.info || stats.matched === 0 || stats.won > 0) continue;
      const takers = [...stats.lostTo.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, n]) => `${name} takes ${n}`);
      const where = isDemo(view) ? 'In the demo cluster, this' : 'This';
      add(p, 2, 'shadowed-policy', `${where} policy matches ${stats.matched} VMI${stats.matched === 1 ? '' : 's'} but wins none: ${takers.join(', ')}. It never applies there; give it more specific selectors or remove it.`);
    }
  }
  return result;
}
