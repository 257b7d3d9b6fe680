// Drift: VMIs whose last migration (status.migrationState.migrationPolicyName) used a policy other
// than the one that wins them now, or a policy that no longer exists, grouped by the recorded policy,
// with the outcome the VMI records. The winner now is policy/matching.ts's matchPolicy, as everywhere.
// What an absent name means depends on the release (kubevirt-facts.md §5): ≤ v1.8 wrote the name only
// when the matched policy overrode a field; ≥ v1.9 writes it whenever a policy matched.
import { parseFile, languageOf } from '../document/file';
import { toJson } from '../document/json';
import { findWorkloads } from '../document/workloads';
import { labelsAtMigration, matchPolicy } from '../policy/matching';
import type { Labels } from '../policy/matching';
import { NAMESPACE_NAME_LABEL } from './inventory';
import { migrationRecordFromObject } from './objects';
import type { MigrationRecord } from './objects';
import type { NamespaceInfo, PolicyInfo } from './types';
import type { DriftEntry, DriftKind, DriftReport } from '../protocol';

// The report crosses the wire (the client's drift view): its types live in protocol.ts.
export type { DriftEntry, DriftGroup, DriftKind, DriftReport } from '../protocol';

// The fields whose presence made ≤ v1.8 write the name (GetMigrationConfByPolicy's `changed`).
const OVERRIDE_FIELDS = ['allowAutoConverge', 'bandwidthPerMigration', 'completionTimeoutPerGiB', 'allowPostCopy', 'allowWorkloadDisruption', 'maxDowntimeMs'];

/** Which release's rules apply to a record: its configuration's shape, else the cluster's KubeVirt version. */
function recordedUnderV18(record: MigrationRecord, kubevirtVersion: string | undefined): boolean {
  if (record.configuration !== 'none') return record.configuration === 'v1.8';
  const m = /^v?(\d+)\.(\d+)/.exec(kubevirtVersion ?? '');
  return m ? Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) <= 8) : false;
}

/**
 * Compares each recorded migration with the policy that wins the VMI now (its labels as recorded,
 * its namespace's labels from `namespaces`, or only `kubernetes.io/metadata.name` when unknown).
 */
export function computeDrift(records: readonly MigrationRecord[], policies: readonly PolicyInfo[], namespaces: readonly NamespaceInfo[], kubevirtVersion?: string): DriftReport {
  const nsLabels = new Map<string, Labels>(namespaces.map((n) => [n.name, n.labels]));
  const names = new Set(policies.map((p) => p.name));
  const groups = new Map<string | null, DriftEntry[]>();
  let consistent = 0;
  let undetermined = 0;
  for (const record of records) {
    const labels = nsLabels.get(record.namespace) ?? { [NAMESPACE_NAME_LABEL]: record.namespace };
    const winner = matchPolicy(policies, labelsAtMigration(record.labels), labels)?.policy ?? null;
    const now = winner?.name ?? null;
    const recorded = record.policy ?? null;
    let kind: DriftKind | undefined;
    if (recorded !== null && !names.has(recorded)) kind = 'policy-gone';
    else if (recorded !== null && recorded !== now) kind = now === null ? 'no-policy-wins-now' : 'other-policy-wins';
    else if (recorded === null && winner) {
      if (recordedUnderV18(record, kubevirtVersion) && !OVERRIDE_FIELDS.some((f) => winner.spec[f] !== undefined && winner.spec[f] !== null)) {
        undetermined++;
        continue;
      }
      kind = 'policy-wins-now';
    }
    if (!kind) {
      consistent++;
      continue;
    }
    const entry: DriftEntry = { namespace: record.namespace, name: record.name, recorded, now, kind, outcome: record.outcome };
    if (record.mode) entry.mode = record.mode;
    if (record.endTimestamp) entry.endTimestamp = record.endTimestamp;
    if (record.failureReason) entry.failureReason = record.failureReason;
    const list = groups.get(recorded);
    if (list) list.push(entry);
    else groups.set(recorded, [entry]);
  }
  // Policies that are gone first, then the biggest groups, "no policy recorded" after named ones, then by name.
  const gone = (name: string | null) => (name !== null && !names.has(name) ? 0 : 1);
  const ordered = [...groups].sort((a, b) => gone(a[0]) - gone(b[0]) || b[1].length - a[1].length || (a[0] === null ? 1 : 0) - (b[0] === null ? 1 : 0) || (a[0] ?? '').localeCompare(b[0] ?? ''));
  return {
    migrated: records.length,
    consistent,
    undetermined,
    groups: ordered.map(([recorded, vmis]) => ({ recorded, exists: recorded === null || names.has(recorded), vmis })),
  };
}

/** The recorded migrations of the VMIs in a snapshot file's text (full objects, as kubectl prints them). */
export function snapshotMigrationRecords(text: string, path: string): MigrationRecord[] {
  const file = parseFile(text, languageOf(path));
  const records: MigrationRecord[] = [];
  for (const { model } of file.documents) {
    for (const w of findWorkloads(model.root)) {
      if (w.kind !== 'VirtualMachineInstance') continue;
      const record = migrationRecordFromObject(toJson(w.map));
      if (record) records.push(record);
    }
  }
  return records;
}

/** A drift entry's outcome in words: "succeeded (PostCopy)", "failed: reason". */
export function describeOutcome(e: Pick<DriftEntry, 'outcome' | 'mode' | 'failureReason' | 'endTimestamp'>): string {
  const words = { succeeded: 'succeeded', failed: 'failed', aborted: 'aborted', running: 'in progress', unknown: 'outcome not recorded' }[e.outcome];
  return `${words}${e.mode ? ` (${e.mode})` : ''}${e.failureReason ? `: ${e.failureReason}` : ''}${e.endTimestamp ? `, ended ${e.endTimestamp}` : ''}`;
}
