// YAML completion at a marked cursor (‸), reduced to what the completion tests compare: the labels offered
// and where the first item's edit goes.
import type { TextEdit } from 'vscode-languageserver-types';
import { complete } from './check';

/** The fields of a MigrationPolicy's spec in the order completion offers them (kubevirt staging/src/kubevirt.io/api/migrations/v1alpha1 types.go). */
export const SPEC = ['selectors', 'allowAutoConverge', 'bandwidthPerMigration', 'completionTimeoutPerGiB', 'allowPostCopy', 'allowWorkloadDisruption', 'maxDowntimeMs', 'experimental'];

/** SPEC without the fields already written. */
export const without = (...keys: string[]) => SPEC.filter((k) => !keys.includes(k));

/** Labels offered, and where the first item's edit goes (line:start-end). */
export function at(marked: string): { labels: string[]; range?: string } {
  const { list } = complete(marked);
  const e = list.items[0]?.textEdit as TextEdit | undefined;
  return { labels: list.items.map((i) => i.label), ...(e ? { range: `${e.range.start.line}:${e.range.start.character}-${e.range.end.character}` } : {}) };
}
