// Facts pinned to their upstream source. Every expected value below is written here from the upstream
// file named next to it (see /work/shared/kubevirt-facts.md), never read back from the catalogue or the
// code under test; the last tests tie each table derived from the catalogue back to it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { resolveKubectl, resolveYaml12 } from '../../server/src/document/scalar';
import { LineIndex } from '../../server/src/document/file';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { getHover } from '../../server/src/features/hover';
import { POLICY } from '../../server/src/policy/catalog';
import type { FieldSpec } from '../../server/src/policy/catalog';
import { effectiveConfiguration, formatEffectiveValue } from '../../server/src/policy/effective';
import { validateLabelKey, validateLabelValue } from '../../server/src/policy/labels';
import { validateDnsSubdomainName } from '../../server/src/policy/names';
import { parseQuantity, quantityToNumber } from '../../server/src/policy/quantity';
import { model, repoRoot, withCursor } from '../support/fixture';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: pinned\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: db\n';

// kubevirt/kubevirt pkg/virt-config/virt-config.go (MigrationCompletionTimeoutPerGiB = 150,
// DefaultMigrationMaxDowntimeMs = 900, ...) and pkg/virt-config/configuration.go defaultClusterConfig.
const KUBEVIRT_DEFAULTS: Record<string, unknown> = {
  allowAutoConverge: false,
  bandwidthPerMigration: '0Mi',
  completionTimeoutPerGiB: 150,
  allowPostCopy: false,
  allowWorkloadDisruption: false,
  maxDowntimeMs: 900,
};
// pkg/virt-config/virt-config.go, the stall detector defaults (KubeVirt v1.9.0 and main).
const STALL_DETECTOR_DEFAULTS: Record<string, unknown> = {
  stallMargin: 4,
  stallProgressTimeout: 40,
  switchoverTimeout: 60,
  ewmaAlpha: '0.4',
  precopyPossibleFactor: '1.5',
  patienceWindowDecayFactor: '0.5',
  searchLocalMinima: true,
  completionTimeoutFactor: '2',
};

function hoverAt(marked: string): string {
  const { text, offset } = withCursor(marked);
  const hover = getHover({ file: model(text), lines: new LineIndex(text) }, offset, { markdown: true });
  assert.ok(hover, `no hover at ${JSON.stringify(marked)}`);
  return (hover.contents as MarkupContent).value;
}

test('KubeVirt defaults (pkg/virt-config/virt-config.go, configuration.go) are the effective configuration without a policy', () => {
  const config = effectiveConfiguration(undefined, undefined);
  for (const [key, value] of Object.entries(KUBEVIRT_DEFAULTS)) {
    assert.deepEqual([key, config[key].value, config[key].source], [key, value, 'default']);
  }
  const stall = effectiveConfiguration({ experimental: { stallDetector: {} } }, undefined);
  for (const [key, value] of Object.entries(STALL_DETECTOR_DEFAULTS)) {
    const field = stall[`experimental.stallDetector.${key}`];
    assert.deepEqual([key, field.value, field.source], [key, value, 'default']);
  }
});

test('hover states the upstream defaults (pkg/virt-config/virt-config.go), not whatever the catalogue says', () => {
  const expected: [string, string][] = [
    ['allowAutoConverge', 'false'],
    ['bandwidthPerMigration', '0, unlimited'],
    ['completionTimeoutPerGiB', '150'],
    ['allowPostCopy', 'false'],
    ['maxDowntimeMs', '900'],
  ];
  for (const [key, value] of expected) {
    const h = hoverAt(`${HEAD}  ‸${key}: 1\n`);
    assert.ok(h.includes(`- Default when left out: ${value} (the KubeVirt CR's \`${key}\`).`), `${key}: ${h}`);
  }
  for (const [key, value] of Object.entries(STALL_DETECTOR_DEFAULTS)) {
    const h = hoverAt(`${HEAD}  experimental:\n    stallDetector:\n      ‸${key}: 1\n`);
    assert.ok(h.includes(`- Default when left out: ${String(value)}`), `${key}: ${h}`);
  }
  // pkg/virt-config/virt-config.go MigrationCompletionTimeoutPerGiB, quoted by the negative-value diagnostic.
  const negative = getFileDiagnostics({ file: model(`${HEAD}  completionTimeoutPerGiB: -1\n`) }).find((d) => d.code === 'negative');
  assert.ok(String(negative?.message).endsWith('The default is 150 seconds per GiB.'), String(negative?.message));
});

test('admission webhook messages (pkg/virt-api/webhooks/validating-webhook/admitters/migration-policy-admitter.go) are quoted verbatim', () => {
  const text = `${HEAD}  bandwidthPerMigration: -1Mi\n  completionTimeoutPerGiB: -1\n  maxDowntimeMs: 300\n  experimental:\n    stallDetector:\n      ewmaAlpha: "0"\n      precopyPossibleFactor: "0.5"\n      patienceWindowDecayFactor: "1.5"\n      completionTimeoutFactor: "1.2345"\n    downtimeTuning:\n      initialMs: 150\n`;
  const messages = getFileDiagnostics({ file: model(text) }, { featureGates: [] }).map((d) => `${d.range.start.line} ${d.code} ${d.message}`);
  const quoted = (line: number, code: string, upstream: string) =>
    assert.ok(messages.some((m) => m.startsWith(`${line} ${code} `) && m.includes(`("${upstream}")`)), `line ${line} ${code} should quote ${JSON.stringify(upstream)}:\n${messages.join('\n')}`);
  quoted(8, 'negative', 'must not be negative');
  quoted(9, 'negative', 'must not be negative');
  quoted(10, 'feature-gate', 'maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate');
  quoted(11, 'mutually-exclusive', 'experimental.stallDetector and experimental.downtimeTuning are mutually exclusive; the stall detection path manages its own downtime schedule');
  quoted(12, 'feature-gate', 'experimental.stallDetector cannot be modified without enabling the MigrationStallDetection feature gate');
  quoted(13, 'out-of-range', 'must be greater than 0');
  quoted(14, 'out-of-range', 'must be greater than or equal to 1');
  quoted(15, 'out-of-range', 'must be less than or equal to 1');
  quoted(16, 'factor-precision', 'must have at most 3 decimal places');
  quoted(17, 'feature-gate', 'experimental.downtimeTuning cannot be modified without enabling the MigrationDowntimeTuning feature gate');
  assert.equal(messages.length, 10, messages.join('\n'));
});

// go.yaml.in/yaml/v2 resolve.go, resolveMapList: the 22 YAML 1.1 boolean spellings (11 true, 11 false).
const YAML11_TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const YAML11_FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
// The YAML 1.2 core schema spellings (yaml 1.2.2 §10.3.2): the only ones a YAML 1.2 tool reads as booleans.
const YAML12_BOOLEANS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

test('go-yaml v2 resolve.go: all 22 YAML 1.1 boolean spellings are booleans to kubectl, and nothing else is', () => {
  assert.equal(YAML11_TRUE.length + YAML11_FALSE.length, 22);
  for (const s of YAML11_TRUE) assert.deepEqual([s, resolveKubectl(s)], [s, { value: true, type: 'boolean' }]);
  for (const s of YAML11_FALSE) assert.deepEqual([s, resolveKubectl(s)], [s, { value: false, type: 'boolean' }]);
  for (const s of [...YAML11_TRUE, ...YAML11_FALSE]) assert.equal(resolveYaml12(s).type, YAML12_BOOLEANS.has(s) ? 'boolean' : 'string', s);
  // Mixed case and near misses are strings in resolve.go's table.
  for (const s of ['tRUE', 'yES', 'oN', 'oFF', 'nO', 'YEs', 'On ', 't', 'f', '1 ']) assert.equal(resolveKubectl(s).type, 'string', s);
  // resolve.go null spellings, and ints through strconv.ParseInt base 0 after dropping `_`.
  for (const s of ['', '~', 'null', 'Null', 'NULL']) assert.equal(resolveKubectl(s).type, 'null', s);
  assert.deepEqual(['0755', '010', '0x1F', '1_000', '1e3', '23.0'].map((s) => resolveKubectl(s).value), [493, 8, 31, 1000, 1000, 23]);
  assert.equal(resolveKubectl('.inf').unencodable, true);
  assert.equal(resolveKubectl('2024-01-01').type, 'string');
});

test('each of the 22 spellings in a boolean field: a YAML 1.1 warning (16) or nothing (6), never an error; the CLI exits 0', () => {
  const docs = [...YAML11_TRUE, ...YAML11_FALSE].map((s, i) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p${i}\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: a${i}\n  allowPostCopy: ${s}\n`);
  for (const [i, doc] of docs.entries()) {
    const spelling = [...YAML11_TRUE, ...YAML11_FALSE][i];
    const found = getFileDiagnostics({ file: model(doc) }).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.code}`);
    assert.deepEqual(found, YAML12_BOOLEANS.has(spelling) ? [] : [`8:17-${17 + spelling.length} 2 yaml11-boolean`], spelling);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-pinned-'));
  try {
    const file = path.join(dir, 'booleans.yaml');
    fs.writeFileSync(file, docs.join('---\n'));
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stderr.trim(), '1 file checked: 0 errors, 16 warnings, 0 info');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('apimachinery limits (pkg/api/validate/content/kube.go, dns.go): 63-byte label names and values, 253-byte prefixes and names', () => {
  assert.deepEqual(validateLabelKey('a'.repeat(63)), []);
  assert.deepEqual(validateLabelKey('a'.repeat(64)), ['name part must be no more than 63 bytes']);
  assert.deepEqual(validateLabelKey(`${'a'.repeat(253)}/x`), []);
  assert.deepEqual(validateLabelKey(`${'a'.repeat(254)}/x`), ['prefix part must be no more than 253 bytes']);
  assert.deepEqual(validateLabelKey('é'.repeat(32)).slice(0, 1), ['name part must be no more than 63 bytes'], 'the limit counts UTF-8 bytes');
  assert.deepEqual(validateLabelValue('v'.repeat(63)), []);
  assert.deepEqual(validateLabelValue('v'.repeat(64)), ['must be no more than 63 bytes']);
  assert.deepEqual(validateLabelValue(''), []);
  assert.deepEqual(validateLabelKey('example.com/'), [
    'name part must be non-empty',
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]);
  // metadata.name: NameIsDNSSubdomain, 253 bytes, no per-label limit of 63.
  assert.deepEqual(validateDnsSubdomainName('a'.repeat(64)), []);
  assert.deepEqual(validateDnsSubdomainName(`${'a'.repeat(126)}.${'b'.repeat(126)}`), []);
  assert.deepEqual(validateDnsSubdomainName('a'.repeat(254)), ['must be no more than 253 bytes']);
  for (const ok of ['0', 'policy.v1']) assert.deepEqual(validateDnsSubdomainName(ok), [], ok);
  for (const bad of ['My-Policy', 'policy_1', '-policy', 'policy-', 'policy..x', '.', 'pol/icy']) {
    assert.deepEqual(validateDnsSubdomainName(bad), [
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ], bad);
  }
});

/** Every catalogue field with a default, by dotted path under `spec`. */
function catalogueDefaults(): Map<string, FieldSpec> {
  const result = new Map<string, FieldSpec>();
  const spec = POLICY.children!.find((f) => f.name === 'spec')!;
  const visit = (field: FieldSpec, prefix: string) => {
    for (const child of field.children ?? []) {
      const p = prefix ? `${prefix}.${child.name}` : child.name;
      if (child.defaultText !== undefined) result.set(p, child);
      visit(child, p);
    }
  };
  visit(spec, '');
  return result;
}

test('consistency: the default table of policy/effective.ts agrees with the catalogue for every field', () => {
  const defaults = catalogueDefaults();
  const effective = effectiveConfiguration({ experimental: { stallDetector: {}, downtimeTuning: {} } }, undefined);
  const compared: string[] = [];
  for (const [p, field] of defaults) {
    const e = effective[p];
    assert.ok(e, `${p} has a catalogue default but no effective value`);
    assert.equal(e.source, 'default', p);
    compared.push(p);
    if (p === 'allowWorkloadDisruption') {
      assert.equal(field.defaultText, 'the value of `allowPostCopy`');
      assert.equal(e.note, 'follows allowPostCopy when not set');
      assert.equal(e.value, effective.allowPostCopy.value);
      continue;
    }
    const shown = formatEffectiveValue(e);
    const lead = field.defaultText!.split(/[ ,]/)[0];
    if (field.type === 'quantity') {
      const a = parseQuantity(shown);
      const b = parseQuantity(lead);
      assert.ok(a.ok && b.ok, p);
      assert.equal(quantityToNumber(a.quantity), quantityToNumber(b.quantity), `${p}: effective ${shown} vs catalogue ${field.defaultText}`);
    } else assert.equal(shown, lead, `${p}: effective ${shown} vs catalogue ${field.defaultText}`);
    // Numbers insert their default; booleans insert `true`, bandwidth 64Mi, compression zstd (the values one adds those fields for).
    if (field.snippetDefault !== undefined && (field.type === 'integer' || field.type === 'factor')) assert.equal(field.snippetDefault.replace(/^"|"$/g, ''), lead, `${p}: snippet default`);
  }
  // Every effective value that is a plain default has its catalogue counterpart, so neither table has extra rows.
  const derived = Object.values(effective).filter((f) => f.source === 'default' && !/^experimental\.(stallDetector|downtimeTuning)$/.test(f.path)).map((f) => f.path);
  assert.deepEqual([...derived].sort(), [...compared].sort());
  // The 19 defaults of the fields KubeVirt main has today are all compared; a field added to the catalogue joins without an edit here.
  assert.ok(compared.length >= 19, `${compared.length} defaults compared`);
});

test('consistency: bounds in the catalogue are the webhook and CRD bounds (validations_generated.go, admitter)', () => {
  const spec = (p: string) => {
    let field: FieldSpec | undefined = POLICY.children!.find((f) => f.name === 'spec');
    for (const name of p.split('.')) field = field?.children?.find((c) => c.name === name);
    assert.ok(field, p);
    return field;
  };
  // kubebuilder Minimum=1, Maximum=2000000 on MaxDowntimeMs (staging/src/kubevirt.io/api/migrations/v1alpha1/types.go).
  assert.deepEqual([spec('maxDowntimeMs').min, spec('maxDowntimeMs').max], [1, 2000000]);
  // migration-policy-admitter.go: zero allowed, negatives denied.
  assert.equal(spec('completionTimeoutPerGiB').min, 0);
  assert.equal(spec('bandwidthPerMigration').min, 0);
  // ewmaAlpha (0, 1]; precopyPossibleFactor >= 1; patienceWindowDecayFactor [0, 1]; completionTimeoutFactor >= 1.
  const f = (name: string) => spec(`experimental.stallDetector.${name}`);
  assert.deepEqual([f('ewmaAlpha').min, f('ewmaAlpha').max, f('ewmaAlpha').minExclusive], [0, 1, true]);
  assert.deepEqual([f('precopyPossibleFactor').min, f('precopyPossibleFactor').max], [1, undefined]);
  assert.deepEqual([f('patienceWindowDecayFactor').min, f('patienceWindowDecayFactor').max], [0, 1]);
  assert.deepEqual([f('completionTimeoutFactor').min, f('completionTimeoutFactor').max], [1, undefined]);
  // First releases (types.go history): maxDowntimeMs and experimental in v1.9.0, allowWorkloadDisruption in v1.5.0.
  assert.deepEqual(['selectors', 'allowAutoConverge', 'bandwidthPerMigration', 'completionTimeoutPerGiB', 'allowPostCopy', 'allowWorkloadDisruption', 'maxDowntimeMs', 'experimental'].map((n) => `${n}@${spec(n).since}`), [
    'selectors@v0.49.0', 'allowAutoConverge@v0.49.0', 'bandwidthPerMigration@v0.49.0', 'completionTimeoutPerGiB@v0.49.0', 'allowPostCopy@v0.49.0', 'allowWorkloadDisruption@v1.5.0', 'maxDowntimeMs@v1.9.0', 'experimental@v1.9.0',
  ]);
});
