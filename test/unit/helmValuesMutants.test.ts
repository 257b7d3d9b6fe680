// A chart's values.yaml checked through its templates (features/helmValues.ts): which template values are one
// whole `.Values` reference, how Helm renders an entry (values.yaml is decoded by sigs.k8s.io/yaml, so every
// number is a float64, printed with Go's `%v`: `1e+06`, `1e-05`, `+Inf`), where the finding lands and how it is
// worded (diagnostic messages are plain text: no backticks). The findings' own texts are validation.ts's (pinned in validationMutants.test); here the prefix that
// names the template and the rendering, the code and the exact span in values.yaml.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { findValuesReferences, formatGoFloat, getValuesDiagnostics, getValuesFindings } from '../../server/src/features/helmValues';

const TEMPLATE = `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: {{ .Release.Name }}-db
spec:
  allowPostCopy: {{ .Values.postCopy }}
  bandwidthPerMigration: "{{ .Values.bw }}"
  completionTimeoutPerGiB: {{ .Values.timeout.perGiB }}
  allowAutoConverge: {{ .Values.ac }}x
  maxDowntimeMs: {{ .Values.downtime | quote }}
  experimental:
    compression: '{{ .Values.compression }}'
  selectors:
    virtualMachineInstanceSelector:
      app: {{ .Values.app }}
`;

const template = (text = TEMPLATE) => parseFile(text, 'yaml', undefined, 'helm-template');

function diagnostics(values: string, templates = [{ name: 'templates/policy.yaml', file: template() }]): string[] {
  const lines = new LineIndex(values);
  const show = (d: Diagnostic) => `${d.code} ${JSON.stringify(values.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)))} ${d.range.start.line}: ${String(d.message)}`;
  return getValuesDiagnostics({ file: parseFile(values, 'yaml') }, templates).map(show);
}

test('findValuesReferences: whole-value references of scalar fields, quoted by `| quote` or by quotes around the action', () => {
  const text = TEMPLATE;
  const refs = findValuesReferences(template(text));
  assert.deepEqual(refs.map((r) => [r.values.join('.'), r.field.join('.'), r.quoted, r.action, text.slice(r.offset, r.offset + r.action.length)]), [
    ['postCopy', 'spec.allowPostCopy', false, '{{ .Values.postCopy }}', '{{ .Values.postCopy }}'],
    ['bw', 'spec.bandwidthPerMigration', true, '{{ .Values.bw }}', '{{ .Values.bw }}'],
    ['timeout.perGiB', 'spec.completionTimeoutPerGiB', false, '{{ .Values.timeout.perGiB }}', '{{ .Values.timeout.perGiB }}'],
    ['downtime', 'spec.maxDowntimeMs', true, '{{ .Values.downtime | quote }}', '{{ .Values.downtime | quote }}'],
    ['compression', 'spec.experimental.compression', true, '{{ .Values.compression }}', '{{ .Values.compression }}'],
  ]);
  // a second document: offsets in the file; a document that is not a template: nothing
  const two = `${text}---\n${text}`;
  const both = findValuesReferences(template(two));
  assert.equal(both.length, 10);
  assert.equal(both[5].offset, text.length + 4 + text.indexOf('{{ .Values.postCopy }}'));
  assert.deepEqual(findValuesReferences(parseFile(text.replace(/\{\{[^}]*\}\}/g, 'x'), 'yaml')), []);
  // two actions in one value, an action inside a longer value, a values path that is not `.Values`
  const mixed = TEMPLATE.replace('{{ .Values.postCopy }}', '{{ .Values.a }}{{ .Values.b }}').replace('"{{ .Values.bw }}"', '"{{ .Values.bw }}Mi"').replace('{{ .Values.timeout.perGiB }}', '{{ .Release.Revision }}');
  assert.deepEqual(findValuesReferences(template(mixed)).map((r) => r.values.join('.')), ['downtime', 'compression']);
});

test('values entries checked as Helm renders them, on the entry in values.yaml, naming the template line and action', () => {
  const values = 'postCopy: "yes"\nbw: 64K\ntimeout:\n  perGiB: 1e6\nac: banana\ndowntime: 0\ncompression: gzip\napp: 5\n';
  const found = diagnostics(values);
  assert.deepEqual(found.map((d) => d.split(':')[0]), ['quantity-invalid "64K" 1', 'integer-format "1e6" 3', 'integer-string "0" 5', 'enum-value "gzip" 6']);
  // `yes` unquoted in the template is the boolean true for kubectl: no finding for postCopy
  assert.ok(found[0].startsWith('quantity-invalid "64K" 1: Used as spec.bandwidthPerMigration by templates/policy.yaml:7 ({{ .Values.bw }}): '), found[0]);
  assert.ok(found[1].startsWith('integer-format "1e6" 3: Used as spec.completionTimeoutPerGiB by templates/policy.yaml:8 ({{ .Values.timeout.perGiB }}): Helm renders 1e6 as 1e+06. '), found[1]);
  assert.ok(found[2].startsWith('integer-string "0" 5: Used as spec.maxDowntimeMs by templates/policy.yaml:10 ({{ .Values.downtime | quote }}): '), found[2]);
  assert.ok(found[3].startsWith('enum-value "gzip" 6: Used as spec.experimental.compression by templates/policy.yaml:12 ({{ .Values.compression }}): '), found[3]);
});

test('what Helm renders: a quoted action gets a string, a plain one the YAML reading of Go\'s %v', () => {
  // "10" quoted into an integer field: a string, which the API server rejects (no render note when quoted)
  const quoted = diagnostics('downtime: 10\n');
  assert.equal(quoted.length, 1);
  assert.ok(quoted[0].startsWith('integer-string "10" 0: Used as spec.maxDowntimeMs by templates/policy.yaml:10 ({{ .Values.downtime | quote }}): spec.maxDowntimeMs must be an integer, but "10" is quoted'), quoted[0]);
  // a float with a fraction rendered plain stays as written: no render note
  const fraction = diagnostics('timeout:\n  perGiB: 2.5\n');
  assert.equal(fraction.length, 1);
  assert.ok(fraction[0].startsWith('integer-format "2.5" 1: Used as spec.completionTimeoutPerGiB by templates/policy.yaml:8 ({{ .Values.timeout.perGiB }}): '), fraction[0]);
  // a quoted values entry renders as its text: `"1e6"` is the string 1e6, read as a float by kubectl, without a note
  const string = diagnostics('timeout:\n  perGiB: "1e6"\n');
  assert.equal(string.length, 1);
  assert.ok(string[0].startsWith('integer-format "\\"1e6\\"" 1: Used as spec.completionTimeoutPerGiB by templates/policy.yaml:8 ({{ .Values.timeout.perGiB }}): '), string[0]);
  // valid values: nothing
  assert.deepEqual(diagnostics('postCopy: true\nbw: 64Mi\ntimeout:\n  perGiB: 800\ncompression: zstd\n'), []);
});

test('entries that are missing, null, maps or unreadable give nothing; each entry once per field and quoting', () => {
  assert.deepEqual(diagnostics('timeout: 5\nbw:\ndowntime: {a: 1}\n'), []);
  assert.deepEqual(diagnostics('bw: [64K\n'), [], 'values.yaml with a syntax error');
  assert.deepEqual(diagnostics('- bw\n'), [], 'values.yaml that is not a mapping');
  assert.deepEqual(diagnostics(''), []);
  const twice = [{ name: 'templates/a.yaml', file: template() }, { name: 'templates/b.yaml', file: template() }];
  assert.deepEqual(diagnostics('bw: 64K\n', twice).map((d) => d.slice(0, d.indexOf(' ({{'))), ['quantity-invalid "64K" 0: Used as spec.bandwidthPerMigration by templates/a.yaml:7']);
  // the same entry used quoted and unquoted by two fields: once each
  const both = template(`${TEMPLATE}  allowPostCopy: {{ .Values.bw }}\n`.replace('  allowPostCopy: {{ .Values.postCopy }}\n', ''));
  assert.equal(diagnostics('bw: 64K\n', [{ name: 't.yaml', file: both }]).length, 2);
  assert.deepEqual(getValuesDiagnostics({ file: parseFile('bw: 64K\n', 'yaml') }, []), []);
  assert.deepEqual(getValuesDiagnostics({ file: parseFile('bw: 64K\n', 'yaml') }, [{ name: 'x.yaml', file: parseFile('a: 1\n', 'yaml') }]), []);
});

test('findings sorted by position in values.yaml; a values.yaml in the second document of the file is not read', () => {
  const values = 'downtime: 0\nbw: 64K\n';
  assert.deepEqual(diagnostics(values).map((d) => d.split(' ')[0]), ['integer-string', 'quantity-invalid']);
  const { offset, findings } = getValuesFindings(parseFile('a: 1\n', 'yaml'), []);
  assert.deepEqual({ offset, findings }, { offset: 0, findings: [] });
});

test('formatGoFloat: Go\'s %v of a float64 (strconv \'g\' with the shortest digits, %e from an exponent of 6 (1e+06) and below -4 (1e-05))', () => {
  assert.deepEqual([0, 1, -1, 0.5, 1e-4, 1e-5, 123456, 1e6, 1e20, 1e21, 1.5e300, 1e-10, 2.5e-7, -2e7, Infinity, -Infinity, NaN].map(formatGoFloat), [
    '0', '1', '-1', '0.5', '0.0001', '1e-05', '123456', '1e+06', '1e+20', '1e+21', '1.5e+300', '1e-10', '2.5e-07', '-2e+07', '+Inf', '-Inf', 'NaN',
  ]);
});

test('references only from known scalar fields written as one whole action; notes only where Helm changes the text', () => {
  const text = `${TEMPLATE}  bandwidthPerMigraton: {{ .Values.typo }}\n  experimental2: x\n`
    .replace('  experimental:\n', '  experimental:\n    stallDetector:\n      ewmaAlpha: {{ .Values.alpha }}\n')
    .replace('  selectors:\n', '  selectors:\n    namespaceSelector: {{ .Values.ns }}\n')
    .replace('  maxDowntimeMs: {{ .Values.downtime | quote }}\n', '  maxDowntimeMs: {{ .Values.downtime | quote }}\n  allowPostCopy: x{{ .Values.late }}\n  allowWorkloadDisruption: "x{{ .Values.inner }}"\n')
    .replace('  name: {{ .Release.Name }}-db\n', '  name: {{ .Values.name }}\n');
  assert.deepEqual(findValuesReferences(template(text)).map((r) => `${r.values.join('.')} ${r.field.join('.')}`), [
    'name metadata.name',
    'postCopy spec.allowPostCopy',
    'bw spec.bandwidthPerMigration',
    'timeout.perGiB spec.completionTimeoutPerGiB',
    'downtime spec.maxDowntimeMs',
    'alpha spec.experimental.stallDetector.ewmaAlpha',
    'compression spec.experimental.compression',
  ]);
  const experimental = TEMPLATE.replace('  experimental:\n    compression: \'{{ .Values.compression }}\'\n', '  experimental: {{ .Values.exp }}\n  allowPostCopy:\n');
  assert.deepEqual(findValuesReferences(template(experimental)).map((r) => r.values.join('.')), ['postCopy', 'bw', 'timeout.perGiB', 'downtime']);
  // a quoted action whose number Helm prints differently: a string either way, so no note
  const quoted = diagnostics('downtime: 1e6\n');
  assert.equal(quoted.length, 1);
  assert.ok(quoted[0].startsWith('type-mismatch "1e6" 0: Used as spec.maxDowntimeMs by templates/policy.yaml:10 ({{ .Values.downtime | quote }}): spec.maxDowntimeMs must be an integer, not the string "1e+06"'), quoted[0]);
  // Helm prints 2.5 as 2.5, and a quoted entry as its text: no note
  assert.ok(diagnostics('timeout:\n  perGiB: 2.5\n')[0].includes('({{ .Values.timeout.perGiB }}): spec.completionTimeoutPerGiB must be a whole number'));
  assert.ok(diagnostics('timeout:\n  perGiB: "1e6"\n')[0].includes('({{ .Values.timeout.perGiB }}): 1e6 is sent as the integer 1000000'));
  // a values.yaml with a syntax error elsewhere is not read (its entries may be half parsed)
  assert.deepEqual(diagnostics('bw: 64K\nx: [\n'), []);
});
