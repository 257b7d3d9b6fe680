// features/helmValues.ts edges left by its mutation run: two values paths that differ only by their dots
// (`a.b` and `ab`) are two entries, each checked; and the "Helm renders X as Y" note is for plain scalars
// only (a quoted entry is rendered as its string, which is not a different reading of what was written).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import { getValuesDiagnostics } from '../../server/src/features/helmValues';

const TEMPLATE = `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: p
spec:
  completionTimeoutPerGiB: {{ .Values.a.b }}
  maxDowntimeMs: {{ .Values.ab }}
`;
const diagnose = (values: string) =>
  getValuesDiagnostics({ file: parseFile(values, 'yaml') }, [{ name: 'templates/p.yaml', file: parseFile(TEMPLATE, 'yaml', undefined, 'helm-template') }]).map((d) => `${d.range.start.line} ${String(d.code)} ${d.message}`);

test('values paths a.b and ab are two entries: both are checked, also for the same field', () => {
  const found = diagnose('a: {b: lots}\nab: more\n');
  assert.equal(found.length, 2);
  assert.match(found[0], /^0 type-mismatch Used as spec\.completionTimeoutPerGiB by templates\/p\.yaml:6 \(\{\{ \.Values\.a\.b \}\}\): /);
  assert.match(found[1], /^1 type-mismatch Used as spec\.maxDowntimeMs by templates\/p\.yaml:7 \(\{\{ \.Values\.ab \}\}\): /);
  const other = TEMPLATE.replace('maxDowntimeMs: {{ .Values.ab }}', 'completionTimeoutPerGiB: {{ .Values.ab }}').replace('completionTimeoutPerGiB: {{ .Values.a.b }}\n', '');
  const values = 'a: {b: lots}\nab: more\n';
  const both = getValuesDiagnostics({ file: parseFile(values, 'yaml') }, [
    { name: 'templates/one.yaml', file: parseFile(TEMPLATE, 'yaml', undefined, 'helm-template') },
    { name: 'templates/two.yaml', file: parseFile(other, 'yaml', undefined, 'helm-template') },
  ]).map((d) => `${d.range.start.line} ${String(d.message).slice(0, String(d.message).indexOf(":"))}`);
  assert.deepEqual(both, ['0 Used as spec.completionTimeoutPerGiB by templates/one.yaml', '1 Used as spec.maxDowntimeMs by templates/one.yaml', '1 Used as spec.completionTimeoutPerGiB by templates/two.yaml']);
});

test('a quoted values entry gets no "Helm renders" note; a plain one whose reading changes does', () => {
  const quoted = diagnose("a: {b: 'it''s'}\nab: 1\n");
  assert.equal(quoted.length, 1);
  assert.ok(!quoted[0].includes('Helm renders'), quoted[0]);
  const plain = diagnose('a: {b: 1}\nab: 1000000.5\n');
  assert.equal(plain.length, 1);
  assert.match(plain[0], /^1 \S+ Used as spec\.maxDowntimeMs by templates\/p\.yaml:7 \(\{\{ \.Values\.ab \}\}\): Helm renders 1000000\.5 as 1\.0000005e\+06\. /);
});
