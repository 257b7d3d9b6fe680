// validateDocument's findings as rows a test compares whole: the covered text, severity, code, message, and
// the fix with its spans written as the text they cover.
import { parseFile } from '../../server/src/document/file';
import type { DocumentMode } from '../../server/src/document/template';
import { validateDocument } from '../../server/src/features/validation';
import type { FixData, ValidationOptions } from '../../server/src/features/validation';

export type Fix = { kind: string; replacements?: string[]; notes?: string[]; removable?: string; pair?: string; value?: string; spec?: string };
export type Row = [string, string, string, string] | [string, string, string, string, Fix];

/** Every finding of every document of a YAML (or JSON, by `language`) text. */
export function findingRows(text: string, options: ValidationOptions = {}, mode: DocumentMode = 'complete', language: 'yaml' | 'json' = 'yaml'): Row[] {
  const rows: Row[] = [];
  for (const d of parseFile(text, language, undefined, mode).documents) {
    const at = (s: { start: number; end: number }) => text.slice(d.offset + s.start, d.offset + s.end);
    for (const f of validateDocument(d.model, options)) {
      const row: [string, string, string, string] = [at(f.span), f.severity, f.code, f.message];
      if (!f.fix) {
        rows.push(row);
        continue;
      }
      const k = f.fix as FixData & { replacements?: string[]; notes?: string[]; removable?: { start: number; end: number }; pair?: { start: number; end: number }; value?: string; spec?: { start: number; end: number } };
      const fix: Fix = { kind: k.kind };
      if (k.replacements) fix.replacements = k.replacements;
      if (k.notes) fix.notes = k.notes;
      if (k.removable) fix.removable = at(k.removable);
      if (k.pair) fix.pair = at(k.pair);
      if (k.value !== undefined) fix.value = k.value;
      if (k.spec) fix.spec = at(k.spec);
      rows.push([...row, fix]);
    }
  }
  return rows;
}

/** The head of a named MigrationPolicy, up to (not including) `spec`. */
export const POLICY_HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';

/** The catch-all finding every `selectors: {}` gets. */
export const CATCH_ALL: Row = ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'];
