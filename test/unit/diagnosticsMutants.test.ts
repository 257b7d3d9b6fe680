// File diagnostics (features/diagnostics.ts): only MigrationPolicy documents and JSON 6902 patches of one are
// ours (ARCHITECTURE.md invariant 3: other YAML is left alone, its syntax errors included), every diagnostic
// names its source, and findings come out by position (start, then end).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { DIAGNOSTIC_SOURCE, getFileDiagnostics } from '../../server/src/features/diagnostics';
import type { Finding } from '../../server/src/features/validation';

const POLICY = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors: {}\n  allowPostCopy: "yes"\n';

test('other documents are left alone, syntax errors included; a sequence is ours only as a patch', () => {
  const none = (text: string, mode?: 'patch') => assert.deepEqual(getFileDiagnostics({ file: parseFile(text, 'yaml', undefined, mode) }), [], `${mode ?? 'complete'}: ${JSON.stringify(text)}`);
  none('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x\n');
  none('- [a\n- b: c: d\n');
  none('apiVersion: apps/v1\nkind: Deployment\nspec: [\n', 'patch');
  none('', 'patch');
  none('# only a comment\n', 'patch');
  const patch = getFileDiagnostics({ file: parseFile('- op: add\n  path: /spec/bandwithPerMigration\n  value: 1Gi\n', 'yaml', undefined, 'patch') });
  assert.deepEqual(patch.map((d) => d.code), ['unknown-field']);
});

test('every diagnostic names the server as its source; findings sorted by start, then end', () => {
  const diagnostics = getFileDiagnostics({ file: parseFile(POLICY, 'yaml') });
  assert.ok(diagnostics.length >= 1);
  assert.equal(DIAGNOSTIC_SOURCE, 'migrationpolicy');
  for (const d of diagnostics) assert.equal(d.source, 'migrationpolicy');
  const text = 'a: 1\n';
  const finding = (start: number, end: number, message: string): Finding => ({ code: 'unknown-field', severity: 'warning', span: { start, end }, message });
  const sorted = getFileDiagnostics({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, {}, () => [finding(2, 4, 'c'), finding(0, 3, 'b'), finding(0, 1, 'a')]);
  assert.deepEqual(sorted.map((d) => `${d.message} ${d.range.start.character}-${d.range.end.character}`), ['a 0-1', 'b 0-3', 'c 2-4']);
});
