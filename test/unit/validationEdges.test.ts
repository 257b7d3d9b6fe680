// validateDocument's findings at the edges of validation.ts lines 555-840 (bandwidth amounts, stall-detector
// factors, strings and enums, selector maps, metadata maps, identity, spec, catch-all, feature gates),
// compared whole: covered text, severity, code, message and fix. Values come from upstream:
// - stall-detector factors: kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/migrationpolicy-admitter.go
//   and its migrationpolicy-admitter_test.go (rejected: ewmaAlpha 0, 1.1, 0.123456; precopyPossibleFactor 0.5
//   and -1; patienceWindowDecayFactor 1.5. Accepted: completionTimeoutFactor 3, precopyPossibleFactor 2,
//   ewmaAlpha 500m), StallDetectorFactorPrecision = 3 ("must have at most 3 decimal places"), ranges
//   ewmaAlpha (0, 1], precopyPossibleFactor >= 1, patienceWindowDecayFactor [0, 1], completionTimeoutFactor >= 1;
// - bandwidth: kubevirt PR 6007 (positive limits below 1Mi are raised to 1Mi), issue 10217 (a milli-quantity
//   becomes 0 bytes, no limit), the admitter's "must not be negative"; apimachinery pkg/api/resource
//   quantity.go (ParseQuantity, the regular expression in its error);
// - selectors and labels: apimachinery pkg/util/validation/validation.go (label key and value rules),
//   apiextensions' prune of nulls (prunenulls.go) and "must be of type string" (kube-openapi validate).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATCH_ALL, findingRows, POLICY_HEAD } from '../support/findingRows';
import type { Row } from '../support/findingRows';

const SEL = 'spec:\n  selectors: {virtualMachineInstanceSelector: {a: b}}\n';
const GATES = { featureGates: ['MigrationStallDetection'] };
const stall = (body: string) => `${POLICY_HEAD}${SEL}  experimental:\n    stallDetector:\n${body}`;
const F = 'spec.experimental.stallDetector.';

test('stall-detector factors: the admitter test vectors, each bound, and the decimal places', () => {
  const one = (body: string, options: object = GATES) => findingRows(stall(body), options);
  // Rejected by the admitter's unit tests.
  assert.deepEqual(one('      ewmaAlpha: "0"\n'), [['"0"', 'error', 'out-of-range', `\`${F}ewmaAlpha\` must be greater than 0 and at most 1: the admission webhook denies 0 ("must be greater than 0"). The default is 0.4.`, { kind: 'replace', replacements: ['"0.4"'] }]]);
  assert.deepEqual(one('      ewmaAlpha: "1.1"\n'), [['"1.1"', 'error', 'out-of-range', `\`${F}ewmaAlpha\` must be at most 1: the admission webhook denies 1.1 ("must be less than or equal to 1"). The default is 0.4.`, { kind: 'replace', replacements: ['"0.4"'] }]]);
  assert.deepEqual(one('      ewmaAlpha: "0.123456"\n'), [['"0.123456"', 'error', 'factor-precision', `\`${F}ewmaAlpha\` may have at most 3 decimal places: the admission webhook denies 0.123456 ("must have at most 3 decimal places"). Write "0.123".`, { kind: 'replace', replacements: ['"0.123"'] }]]);
  assert.deepEqual(one('      precopyPossibleFactor: "0.5"\n'), [['"0.5"', 'error', 'out-of-range', `\`${F}precopyPossibleFactor\` must be at least 1: the admission webhook denies 0.5 ("must be greater than or equal to 1"). The default is 1.5.`, { kind: 'replace', replacements: ['"1.5"'] }]]);
  assert.deepEqual(one('      precopyPossibleFactor: "-1"\n'), [['"-1"', 'error', 'negative', `\`${F}precopyPossibleFactor\`: the admission webhook denies it ("invalid scalar \\"-1\\": must not be negative").`]]);
  assert.deepEqual(one('      patienceWindowDecayFactor: "1.5"\n'), [['"1.5"', 'error', 'out-of-range', `\`${F}patienceWindowDecayFactor\` must be at most 1: the admission webhook denies 1.5 ("must be less than or equal to 1"). The default is 0.5.`, { kind: 'replace', replacements: ['"0.5"'] }]]);
  // Accepted by them, and the bounds themselves: (0, 1], >= 1, [0, 1].
  for (const ok of ['completionTimeoutFactor: 3', 'precopyPossibleFactor: "2"', 'ewmaAlpha: "500m"', 'ewmaAlpha: "1"', 'ewmaAlpha: "0.001"', 'completionTimeoutFactor: "1"', 'patienceWindowDecayFactor: "0"', 'patienceWindowDecayFactor: "1"', 'precopyPossibleFactor: "1"', 'completionTimeoutFactor: "3.0000"']) {
    assert.deepEqual(one(`      ${ok}\n`), [], ok);
  }
  assert.deepEqual(one('      completionTimeoutFactor: "0.999"\n'), [['"0.999"', 'error', 'out-of-range', `\`${F}completionTimeoutFactor\` must be at least 1: the admission webhook denies 0.999 ("must be greater than or equal to 1"). The default is 2.`, { kind: 'replace', replacements: ['"2"'] }]]);
  assert.deepEqual(one('      patienceWindowDecayFactor: "1.001"\n'), [['"1.001"', 'error', 'out-of-range', `\`${F}patienceWindowDecayFactor\` must be at most 1: the admission webhook denies 1.001 ("must be less than or equal to 1"). The default is 0.5.`, { kind: 'replace', replacements: ['"0.5"'] }]]);
  // Four decimal places, rounded to three for the fix.
  assert.deepEqual(one('      completionTimeoutFactor: "2.0005"\n'), [['"2.0005"', 'error', 'factor-precision', `\`${F}completionTimeoutFactor\` may have at most 3 decimal places: the admission webhook denies 2.0005 ("must have at most 3 decimal places"). Write "2.001".`, { kind: 'replace', replacements: ['"2.001"'] }]]);
  assert.deepEqual(one('      ewmaAlpha: "0.0005"\n'), [['"0.0005"', 'error', 'factor-precision', `\`${F}ewmaAlpha\` may have at most 3 decimal places: the admission webhook denies 0.0005 ("must have at most 3 decimal places"). Write "0.001".`, { kind: 'replace', replacements: ['"0.001"'] }]]);
});

test('stall-detector factors: types (float, list, boolean), quantities the webhook cannot parse, and KubeVirt v1.9 strings', () => {
  const one = (body: string, options: object = GATES) => findingRows(stall(body), options);
  assert.deepEqual(one('      completionTimeoutFactor: 2.5\n'), [['2.5', 'error', 'type-mismatch', `\`${F}completionTimeoutFactor\` must be a string or an integer: 2.5 is a float, which the API server rejects. Quote it: "2.5".`, { kind: 'replace', replacements: ['"2.5"'] }]]);
  assert.deepEqual(one('      ewmaAlpha: 1e-1\n'), [['1e-1', 'error', 'type-mismatch', `\`${F}ewmaAlpha\` must be a string or an integer: 1e-1 is a float, which the API server rejects. Quote it: "1e-1".`, { kind: 'replace', replacements: ['"1e-1"'] }]]);
  assert.deepEqual(one('      completionTimeoutFactor: [2]\n'), [['[2]', 'error', 'type-mismatch', `\`${F}completionTimeoutFactor\` must be a decimal number in quotes, such as "2", not a list. The API server rejects it: "${F}completionTimeoutFactor in body must be of type string: \\"array\\"".`]]);
  assert.deepEqual(one('      completionTimeoutFactor: true\n'), [['true', 'error', 'type-mismatch', `\`${F}completionTimeoutFactor\` must be a decimal number in quotes, such as "2", not the boolean true. The API server rejects it: "${F}completionTimeoutFactor in body must be of type string: \\"boolean\\"".`]]);
  assert.deepEqual(one('      completionTimeoutFactor: abc\n'), [['abc', 'error', 'quantity-invalid', `\`${F}completionTimeoutFactor\` must be a decimal number such as "2": "abc" is not a valid quantity.`, { kind: 'replace', replacements: ['"2"'] }]]);
  // Matches the CRD pattern, fails ParseQuantity (the kubevirt-facts example `1e1.5`).
  assert.deepEqual(one('      completionTimeoutFactor: "1e1.5"\n'), [['"1e1.5"', 'error', 'quantity-invalid', `\`${F}completionTimeoutFactor\` must be a decimal number such as "2": "1e1.5" is not a valid quantity. The CRD pattern accepts it, but KubeVirt's webhook cannot parse it ("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'").`, { kind: 'replace', replacements: ['"2"'] }]]);
  // A float within 1e-9 of an integer passes the schema, then the webhook reads its text.
  const near = ['2.0000000001', 'information', 'integer-format', 'kubectl sends the number 2.0000000001; the API server of Kubernetes 1.20 accepts it as an integer (within a relative 1e-9) and KubeVirt\'s webhook parses 2.0000000001 as a quantity. Quote it to say exactly what you mean: "2.0000000001".', { kind: 'replace', replacements: ['"2.0000000001"'] }] as Row;
  const precision = ['2.0000000001', 'error', 'factor-precision', `\`${F}completionTimeoutFactor\` may have at most 3 decimal places: the admission webhook denies 2.0000000001 ("must have at most 3 decimal places"). Write "2".`, { kind: 'replace', replacements: ['"2"'] }] as Row;
  assert.deepEqual(one('      completionTimeoutFactor: 2.0000000001\n'), [near, precision]);
  // KubeVirt v1.9.0's CRD has the factors as `type: string`: a number gets a warning; a string none; main takes both.
  const v19 = { kubevirtVersion: 'v1.9.0', ...GATES };
  assert.deepEqual(one('      completionTimeoutFactor: 2.0000000001\n', v19), [near, ['2.0000000001', 'warning', 'type-mismatch', `KubeVirt v1.9.0 accepts only strings for \`${F}completionTimeoutFactor\`: quote it as "2.0000000001".`, { kind: 'replace', replacements: ['"2.0000000001"'] }], precision]);
  assert.deepEqual(one('      completionTimeoutFactor: 3\n', v19), [['3', 'warning', 'type-mismatch', `KubeVirt v1.9.0 accepts only strings for \`${F}completionTimeoutFactor\`: quote it as "3".`, { kind: 'replace', replacements: ['"3"'] }]]);
  assert.deepEqual(one('      completionTimeoutFactor: "3"\n', v19), []);
  assert.deepEqual(one('      completionTimeoutFactor: 3\n', { kubevirtVersion: 'main', ...GATES }), []);
});

test('bandwidth amounts: negative, zero, milli-quantities, fractions of a byte, below 1Mi, and the 1Mi bound', () => {
  const one = (value: string) => findingRows(`${POLICY_HEAD}${SEL}  bandwidthPerMigration: ${value}\n`);
  const small = 'KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl.';
  assert.deepEqual(one('-64Mi'), [['-64Mi', 'error', 'negative', '`spec.bandwidthPerMigration` must not be negative: the admission webhook denies it ("must not be negative"). Use 0 for unlimited bandwidth.', { kind: 'replace', replacements: ['64Mi', '0'] }]]);
  assert.deepEqual(one('0Mi'), [['0Mi', 'information', 'bandwidth-unlimited', '`spec.bandwidthPerMigration`: 0 means unlimited bandwidth, which is also the cluster default.']]);
  assert.deepEqual(one('"-0"'), [['"-0"', 'information', 'bandwidth-unlimited', '`spec.bandwidthPerMigration`: 0 means unlimited bandwidth, which is also the cluster default.']]);
  assert.deepEqual(one('500m'), [['500m', 'warning', 'bandwidth-milli', '`500m` is 0.5 bytes per second (a milli-quantity: lowercase m means 1/1000). KubeVirt converts it to 0 bytes, which means no limit at all. Did you mean `500Mi` (mebibytes)?', { kind: 'replace', replacements: ['500Mi', '500M'] }]]);
  assert.deepEqual(one('2.5m'), [['2.5m', 'warning', 'bandwidth-milli', '`2.5m` is 0.0025 bytes per second (a milli-quantity: lowercase m means 1/1000). KubeVirt converts it to 0 bytes, which means no limit at all. Did you mean `2.5Mi` (mebibytes)?', { kind: 'replace', replacements: ['2.5Mi', '2.5M'] }]]);
  // A fraction of a byte without the `m` is no milli-quantity, and there is no `Mi` to suggest.
  assert.deepEqual(one('"0.5"'), [['"0.5"', 'warning', 'bandwidth-milli', '`0.5` is 0.5 bytes per second (less than one byte). KubeVirt converts it to 0 bytes, which means no limit at all.']]);
  // 1500m is 1.5 bytes: not 0, so below 1Mi (and not bare).
  assert.deepEqual(one('1500m'), [['1500m', 'warning', 'bandwidth-small', `\`1500m\` is below 1Mi: ${small}`, { kind: 'replace', replacements: ['1Mi'] }]]);
  assert.deepEqual(one('1Ki'), [['1Ki', 'warning', 'bandwidth-small', `\`1Ki\` is below 1Mi: ${small}`, { kind: 'replace', replacements: ['1Mi'] }]]);
  assert.deepEqual(one('1048575'), [['1048575', 'warning', 'bandwidth-small', `\`1048575\` is 1048575 bytes per second, not megabytes: ${small} Did you mean \`1048575Mi\`?`, { kind: 'replace', replacements: ['1048575Mi', '1048575Gi'] }]]);
  assert.deepEqual(one('"+5"'), [['"+5"', 'warning', 'bandwidth-small', `\`+5\` is +5 bytes per second, not megabytes: ${small} Did you mean \`+5Mi\`?`, { kind: 'replace', replacements: ['+5Mi', '+5Gi'] }]]);
  assert.deepEqual(one('1048576'), []);
  assert.deepEqual(one('1Mi'), []);
});

test('selectors: a selector map given as a list, and a selector given as a scalar', () => {
  const rows = findingRows(`${POLICY_HEAD}spec:\n  selectors:\n    namespaceSelector: [a]\n    virtualMachineInstanceSelector: x\n`);
  assert.deepEqual(rows, [
    ['[a]', 'error', 'type-mismatch', '`spec.selectors.namespaceSelector` must be a map of label keys to values, not a list. The API server rejects it: "spec.selectors.namespaceSelector in body must be of type object: \\"array\\"".'],
    ['x', 'error', 'type-mismatch', '`spec.selectors.virtualMachineInstanceSelector` must be a map of label keys to values, not the string "x". The API server rejects it: "spec.selectors.virtualMachineInstanceSelector in body must be of type object: \\"string\\"".'],
    CATCH_ALL,
  ]);
});

test('strings and enums: a number for a string field, enum case and unknown values, apiVersion and kind', () => {
  const ex = (value: string) => findingRows(`${POLICY_HEAD}spec:\n  selectors: {}\n  experimental:\n    compression: ${value}\n`);
  assert.deepEqual(ex('Zstd'), [['Zstd', 'error', 'enum-value', '`spec.experimental.compression` must be one of `none`, `zstd`, not "Zstd". Did you mean `zstd`?', { kind: 'replace', replacements: ['zstd'] }], CATCH_ALL]);
  assert.deepEqual(ex('gzip'), [['gzip', 'error', 'enum-value', '`spec.experimental.compression` must be one of `none`, `zstd`, not "gzip".', { kind: 'replace', replacements: ['none', 'zstd'] }], CATCH_ALL]);
  assert.deepEqual(ex('5'), [['5', 'error', 'type-mismatch', '`spec.experimental.compression` must be a string, not the number 5. The API server rejects it: "spec.experimental.compression in body must be of type string: \\"integer\\"".'], CATCH_ALL]);
  assert.deepEqual(ex('zstd'), [CATCH_ALL]);
  // metadata.name is a plain string field: a number is quoted for it.
  assert.deepEqual(findingRows('apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: 12\nspec:\n  selectors: {}\n'), [['12', 'error', 'type-mismatch', '`metadata.name` must be a string: kubectl reads `12` as the number 12. Quote it: "12".', { kind: 'replace', replacements: ['"12"'] }], CATCH_ALL]);
  const id = (apiVersion: string, kind = 'MigrationPolicy') => findingRows(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: p\nspec:\n  selectors: {}\n`).slice(0, -1);
  const fix = { kind: 'replace', replacements: ['migrations.kubevirt.io/v1alpha1'] };
  assert.deepEqual(id('migrations.kubevirt.io/v1beta1'), [['migrations.kubevirt.io/v1beta1', 'error', 'api-version', '`migrations.kubevirt.io/v1beta1`: v1beta1 does not exist: MigrationPolicy has only ever been served as v1alpha1 (some OpenShift docs show v1beta1 by mistake). Write `migrations.kubevirt.io/v1alpha1`.', fix]]);
  assert.deepEqual(id('migrations.kubevirt.io/v2', 'Migrationpolicy'), [
    ['migrations.kubevirt.io/v2', 'error', 'api-version', '`migrations.kubevirt.io/v2`: v2 does not exist: MigrationPolicy has only ever been served as v1alpha1. Write `migrations.kubevirt.io/v1alpha1`.', fix],
    ['Migrationpolicy', 'error', 'kind', 'The kind is `MigrationPolicy` (singular, this exact case), not `Migrationpolicy`.', { kind: 'replace', replacements: ['MigrationPolicy'] }],
  ]);
  assert.deepEqual(id('kubevirt.io/v1alpha1'), [['kubevirt.io/v1alpha1', 'error', 'api-version', '`kubevirt.io/v1alpha1`: MigrationPolicy belongs to the migrations.kubevirt.io group. Write `migrations.kubevirt.io/v1alpha1`.', fix]]);
  assert.deepEqual(id('migrations.kubevirt.io'), [['migrations.kubevirt.io', 'error', 'api-version', '`migrations.kubevirt.io`: MigrationPolicy belongs to the migrations.kubevirt.io group. Write `migrations.kubevirt.io/v1alpha1`.', fix]]);
});

test('identity, metadata and spec: what is missing, where it is reported, generateName, namespace, invalid names', () => {
  const body = 'spec:\n  selectors: {}\n';
  assert.deepEqual(findingRows(`kind: MigrationPolicy\nmetadata: {name: p}\n${body}`), [['kind', 'error', 'api-version', '`apiVersion` is missing: write `apiVersion: migrations.kubevirt.io/v1alpha1`.'], CATCH_ALL]);
  assert.deepEqual(findingRows(`apiVersion: migrations.kubevirt.io/v1alpha1\nmetadata: {name: p}\n${body}`), [['apiVersion', 'error', 'kind', '`kind` is missing: write `kind: MigrationPolicy`.'], CATCH_ALL]);
  const KV = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
  // No metadata: on the first key. Empty metadata: on `metadata`. generateName stands in for a name (apimachinery ValidateObjectMeta "name or generateName is required").
  assert.deepEqual(findingRows(`${KV}${body}`), [['apiVersion', 'error', 'name-missing', 'The policy has no name: add `metadata` with a `name` (the API server says "metadata.name: Required value").'], CATCH_ALL]);
  assert.deepEqual(findingRows(`${KV}metadata: {}\n${body}`), [['metadata', 'error', 'name-missing', '`metadata.name` is missing: the API server requires "name or generateName". Name the policy (lowercase letters, digits, \'-\' and \'.\').'], CATCH_ALL]);
  assert.deepEqual(findingRows(`${KV}metadata:\n  generateName: p-\n${body}`), [CATCH_ALL]);
  assert.deepEqual(findingRows(`${KV}metadata:\n  namespace: default\n  name: p\n${body}`), [
    ['namespace', 'warning', 'namespace-ignored', 'MigrationPolicy is cluster-scoped: the API server drops `metadata.namespace`, and the policy applies to VMIs of every namespace its selectors match. Remove it; use `spec.selectors.namespaceSelector` to limit namespaces.', { kind: 'removePair', pair: 'namespace: default' }],
    CATCH_ALL,
  ]);
  assert.deepEqual(findingRows(`${KV}metadata:\n  name: Bad_Name\n${body}`), [
    ['Bad_Name', 'error', 'name-invalid', "The API server rejects the name \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'). Try `bad-name`.", { kind: 'replace', replacements: ['bad-name'] }],
    CATCH_ALL,
  ]);
  // No spec: on `kind`; no selectors: on `spec`, with the spec to insert them into.
  assert.deepEqual(findingRows(`${KV}metadata:\n  name: p\n`), [['kind', 'error', 'spec-missing', 'The policy has no `spec`: the API server requires it ("spec: Required value"). Add `spec` with `selectors: {}` and the settings to override.', { kind: 'insertSelectors' }]]);
  assert.deepEqual(findingRows(`${KV}metadata:\n  name: p\nspec:\n  bandwidthPerMigration: 1Gi\n`), [['spec', 'error', 'selectors-missing', '`spec.selectors` is missing: the API server requires it ("spec.selectors: Required value"). Add `selectors: {}` to match every VMI, or a namespaceSelector or virtualMachineInstanceSelector.', { kind: 'insertSelectors', spec: 'bandwidthPerMigration: 1Gi\n' }]]);
});

test('selector maps: null entries dropped (the only one or one of several), metadata labels and annotations', () => {
  const KV = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';
  const dropped = (rest: string) => `\`a\` has no value: the API server drops null entries, so this selector no longer requires \`a\`${rest}. Give it a value, or write \`a: ""\` to require an empty label value.`;
  assert.deepEqual(findingRows(`${KV}spec: {selectors: {namespaceSelector: {a: ~}, virtualMachineInstanceSelector: {}}}\n`), [
    ['a', 'warning', 'label-value-dropped', dropped(' and, as its only entry, matches every namespace'), { kind: 'setValue', pair: 'a: ~', value: '""' }],
    ['selectors', 'information', 'catch-all', CATCH_ALL[3]],
  ]);
  assert.deepEqual(findingRows(`${KV}spec: {selectors: {virtualMachineInstanceSelector: {a: ~}}}\n`), [
    ['a', 'warning', 'label-value-dropped', dropped(' and, as its only entry, matches every VMI'), { kind: 'setValue', pair: 'a: ~', value: '""' }],
    ['selectors', 'information', 'catch-all', CATCH_ALL[3]],
  ]);
  assert.deepEqual(findingRows(`${KV}spec: {selectors: {namespaceSelector: {a: ~, b: c}}}\n`), [['a', 'warning', 'label-value-dropped', dropped(' and matches more than intended'), { kind: 'setValue', pair: 'a: ~', value: '""' }]]);
  // A null selector map is pruned too: the selectors are empty.
  assert.deepEqual(findingRows(`${KV}spec: {selectors: {virtualMachineInstanceSelector: null, namespaceSelector: {}}}\n`), [['selectors', 'information', 'catch-all', CATCH_ALL[3]]]);
  // metadata.labels are checked by the API server; annotations take any key but string values only.
  const labels = `${KV}  labels:\n    "bad key!": v\n    good: 12\n    ok: "-bad-"\n    t: true\n    n: ~\n  annotations:\n    a: 1.5\n    "any key!": x\nspec:\n  selectors: {virtualMachineInstanceSelector: {a: b}}\n`;
  assert.deepEqual(findingRows(labels), [
    ['"bad key!"', 'error', 'metadata-label', "The API server rejects the label key \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')."],
    ['12', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings: kubectl reads `12` as the number 12. Quote it: "12".', { kind: 'replace', replacements: ['"12"'] }],
    ['"-bad-"', 'error', 'metadata-label', "The API server rejects the label value \"-bad-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')."],
    ['true', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings: kubectl reads `true` as the boolean true. Quote it: "true".', { kind: 'replace', replacements: ['"true"'] }],
    ['1.5', 'error', 'label-value-type', 'Values of `metadata.annotations` must be strings: kubectl reads `1.5` as the number 1.5. Quote it: "1.5".', { kind: 'replace', replacements: ['"1.5"'] }],
  ]);
});

test('feature gates: unset, off and on; a null gated field is pruned before the webhook sees it, and so is a null stallDetector', () => {
  const KV = `${POLICY_HEAD}${SEL}`;
  const gateMsg = 'the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.';
  assert.deepEqual(findingRows(`${KV}  maxDowntimeMs: 900\n`), [['maxDowntimeMs', 'warning', 'feature-gate', `The admission webhook denies \`maxDowntimeMs\` unless the KubeVirt CR enables ${gateMsg}`]]);
  assert.deepEqual(findingRows(`${KV}  maxDowntimeMs: 900\n`, { featureGates: [] }), [['maxDowntimeMs', 'error', 'feature-gate', `The admission webhook denies \`maxDowntimeMs\`: the cluster does not enable ${gateMsg}`]]);
  assert.deepEqual(findingRows(`${KV}  maxDowntimeMs: 900\n`, { featureGates: ['MigrationDowntimeTuning'] }), []);
  // A null value is dropped by the API server (apiextensions prunenulls.go): no gate applies to it.
  assert.deepEqual(findingRows(`${KV}  maxDowntimeMs:\n`, { featureGates: [] }), [['maxDowntimeMs', 'warning', 'null-value', '`spec.maxDowntimeMs` has no value: the API server drops it, so the cluster-wide value applies. Give it a value or remove the line.', { kind: 'removePair', pair: 'maxDowntimeMs:' }]]);
  const both = ['MigrationStallDetection', 'MigrationDowntimeTuning'];
  const exclusive: Row = ['experimental', 'error', 'mutually-exclusive', '`stallDetector` and `downtimeTuning` cannot be used together: the admission webhook denies it ("experimental.stallDetector and experimental.downtimeTuning are mutually exclusive; the stall detection path manages its own downtime schedule"). Keep one of them.'];
  assert.deepEqual(findingRows(`${KV}  experimental:\n    stallDetector: {stallMargin: 4}\n    downtimeTuning: {steps: 7}\n`, { featureGates: both }), [exclusive]);
  const nullStall: Row = ['stallDetector', 'warning', 'null-value', '`spec.experimental.stallDetector` has no value: the API server drops it, so the cluster-wide value applies. Give it a value or remove the line.', { kind: 'removePair', pair: 'stallDetector:' }];
  assert.deepEqual(findingRows(`${KV}  experimental:\n    stallDetector:\n    downtimeTuning: {steps: 7}\n`, { featureGates: both }), [nullStall]);
  // Written twice, kubectl keeps the last (null) one: no stall detector reaches the webhook, so no gate either.
  assert.deepEqual(findingRows(`${KV}  experimental:\n    stallDetector: {stallMargin: 4}\n    stallDetector:\n`, { featureGates: [] }), [
    ['stallDetector', 'warning', 'duplicate-key', '`stallDetector` is set again further down: kubectl keeps only the last value, so this one is ignored. Remove one of them.'],
    nullStall,
  ]);
  // The other way round, the last one has a value and the gate applies to it.
  assert.deepEqual(findingRows(`${KV}  experimental:\n    stallDetector:\n    stallDetector: {stallMargin: 4}\n`, { featureGates: [] }).map((r) => [r[0], r[2]]), [['stallDetector', 'duplicate-key'], ['stallDetector', 'feature-gate']]);
});

test('selector entries: legacy matchLabels and matchExpressions, key and value syntax, non-string values, an empty key', () => {
  const sel = (body: string) => findingRows(`${POLICY_HEAD}spec:\n  selectors:\n${body}`);
  const VS = 'spec.selectors.virtualMachineInstanceSelector';
  assert.deepEqual(sel('    virtualMachineInstanceSelector:\n      matchLabels: {a: b}\n    namespaceSelector:\n      matchLabels: [a]\n'), [
    ['matchLabels', 'error', 'legacy-selector', `Selectors are plain label maps since KubeVirt v0.55: \`matchLabels\` is taken as a label key whose value is an object, and the API server rejects it ("${VS}.matchLabels in body must be of type string: \\"object\\""). Move its entries up one level.`, { kind: 'flattenSelector', pair: 'matchLabels: {a: b}' }],
    ['matchLabels', 'error', 'legacy-selector', 'Selectors are plain label maps since KubeVirt v0.55: `matchLabels` is taken as a label key whose value is an object, and the API server rejects it ("spec.selectors.namespaceSelector.matchLabels in body must be of type string: \\"array\\""). Move its entries up one level.'],
  ]);
  // A plain string value makes `matchLabels` an ordinary label key.
  assert.deepEqual(sel('    virtualMachineInstanceSelector:\n      matchExpressions: [{key: a, operator: In, values: [b]}]\n      matchLabels: plain\n'), [
    ['matchExpressions', 'error', 'legacy-selector', `Selectors are plain label maps since KubeVirt v0.55: \`matchExpressions\` is not supported and the API server rejects it ("${VS}.matchExpressions in body must be of type string: \\"array\\""). Write each required label as \`key: "value"\`; there are no operators or wildcards.`],
  ]);
  assert.deepEqual(sel('    virtualMachineInstanceSelector:\n      "bad key!": "-v-"\n      a: !!float "1.5"\n      b: true\n      c: 0x10\n      d: [x]\n'), [
    ['"bad key!"', 'warning', 'label-key-syntax', "`bad key!` is not a valid label key, so this selector can never match any object: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'). Rule: a label key is an optional lowercase DNS subdomain prefix of at most 253 bytes followed by /, then a name of 1 to 63 bytes that starts and ends with a letter or digit with only -, _ and . between"],
    ['"-v-"', 'warning', 'label-value-syntax', "\"-v-\" is not a valid label value, so this selector can never match any object: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'). Rule: a label value must be 63 bytes or less, empty, or start and end with a letter or digit with only -, _ and . between"],
    // A tagged, quoted number: the fix quotes its value, not its written text.
    ['"1.5"', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `1.5` as the number 1.5 (YAML 1.1) and the API server rejects it ("must be of type string: \\"number\\""). Quote it: "1.5".', { kind: 'replace', replacements: ['"1.5"'] }],
    ['true', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `true` as the boolean true (YAML 1.1) and the API server rejects it ("must be of type string: \\"boolean\\""). Quote it: "true".', { kind: 'replace', replacements: ['"true"'] }],
    ['0x10', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `0x10` as the number 16 (YAML 1.1) and the API server rejects it ("must be of type string: \\"integer\\""). Quote it: "0x10".', { kind: 'replace', replacements: ['"0x10"'] }],
    ['[x]', 'error', 'label-value-type', `The value of label \`d\` must be a string, not a list: the API server rejects it ("${VS}.d in body must be of type string: \\"array\\"").`],
  ]);
  assert.deepEqual(sel('    virtualMachineInstanceSelector:\n      : x\n'), [['', 'error', 'key-invalid', 'This label key is empty or not a plain string: kubectl cannot convert it to JSON.']]);
});

test('metadata maps and names of the wrong type; a factor outside the CRD pattern that Go would parse; a signed milli-quantity', () => {
  const KV = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n';
  assert.deepEqual(findingRows(`${KV}  name: p\n  labels: [a]\nspec:\n  selectors: {}\n`), [['[a]', 'error', 'type-mismatch', '`metadata.labels` must be a map of strings, not a list. The API server rejects it: "metadata.labels in body must be of type object: \\"array\\"".'], CATCH_ALL]);
  assert.deepEqual(findingRows(`${KV}  name: [a]\nspec:\n  selectors: {}\n`), [['[a]', 'error', 'type-mismatch', '`metadata.name` must be a string, not a list. The API server rejects it: "metadata.name in body must be of type string: \\"array\\"".'], CATCH_ALL]);
  assert.deepEqual(findingRows(`${KV}  name: true\nspec:\n  selectors: {}\n`), [['true', 'error', 'type-mismatch', '`metadata.name` must be a string: kubectl reads `true` as the boolean true. Quote it: "true".', { kind: 'replace', replacements: ['"true"'] }], CATCH_ALL]);
  // `e5` has no digits before its exponent: the CRD pattern refuses it (the API server rejects the policy).
  assert.deepEqual(findingRows(stall('      completionTimeoutFactor: e5\n'), GATES), [['e5', 'error', 'quantity-invalid', `\`${F}completionTimeoutFactor\` must be a decimal number such as "2": "e5" is not a valid quantity.`, { kind: 'replace', replacements: ['"2"'] }]]);
  // A number beyond float64's integers: kubectl sends a float, shown as written.
  assert.deepEqual(findingRows(stall('      completionTimeoutFactor: 100000000000000000001\n'), GATES), [['100000000000000000001', 'error', 'type-mismatch', `\`${F}completionTimeoutFactor\` must be a string or an integer: 100000000000000000001 is a float, which the API server rejects. Quote it: "100000000000000000001".`, { kind: 'replace', replacements: ['"100000000000000000001"'] }]]);
  assert.deepEqual(findingRows(`${POLICY_HEAD}${SEL}  bandwidthPerMigration: "+500m"\n`), [['"+500m"', 'warning', 'bandwidth-milli', '`+500m` is 0.5 bytes per second (a milli-quantity: lowercase m means 1/1000). KubeVirt converts it to 0 bytes, which means no limit at all. Did you mean `500Mi` (mebibytes)?', { kind: 'replace', replacements: ['500Mi', '500M'] }]]);
});

test('lines 301-420: legacy selectors under selectors only, JSON-less floats, boolean strings, schema type names, a missing space after a colon, nulls', () => {
  assert.deepEqual(findingRows(`${POLICY_HEAD}spec:\n  selectors:\n    matchLabels: {a: b}\n  matchLabels: {a: b}\n`), [
    ['matchLabels', 'error', 'legacy-selector', '`matchLabels` belongs directly under namespaceSelector or virtualMachineInstanceSelector in KubeVirt before v0.55, and is not a field of selectors at all now. Write the labels as a plain map under one of those two selectors.'],
    ['matchLabels', 'error', 'unknown-field', 'Unknown field `matchLabels` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.matchLabels\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
  ]);
  assert.deepEqual(findingRows(`${POLICY_HEAD}${SEL}  completionTimeoutPerGiB: .inf\n  allowPostCopy: "ayes"\n  allowAutoConverge: "yes"\n  bandwidthPerMigration: [1]\n  maxDowntimeMs: {a: 1}\n`, { featureGates: ['MigrationDowntimeTuning'] }), [
    // go-yaml v2 resolve.go reads .inf as +Inf, which encoding/json refuses ("json: unsupported value").
    ['.inf', 'error', 'type-mismatch', 'kubectl cannot convert `.inf` to JSON ("json: unsupported value"). Write a finite number.'],
    ['"ayes"', 'error', 'type-mismatch', '`spec.allowPostCopy` must be true or false, not the string "ayes" ("spec.allowPostCopy in body must be of type boolean: \\"string\\"").', { kind: 'replace', replacements: ['true', 'false'] }],
    ['"yes"', 'error', 'boolean-string', '`spec.allowAutoConverge` must be a boolean, but "yes" is quoted, so it is a string and the API server rejects it ("must be of type boolean"). Write `true` without quotes.', { kind: 'replace', replacements: ['true'] }],
    ['[1]', 'error', 'type-mismatch', '`spec.bandwidthPerMigration` must be a quantity such as 64Mi, not a list. The API server rejects it: "spec.bandwidthPerMigration in body must be of type integer,string: \\"array\\"".'],
    ['{a: 1}', 'error', 'type-mismatch', '`spec.maxDowntimeMs` must be an integer, not a mapping. The API server rejects it: "spec.maxDowntimeMs in body must be of type integer: \\"object\\"".'],
  ]);
  const experimental = (value: string) => findingRows(`${POLICY_HEAD}${SEL}  experimental: ${value}\n`);
  assert.deepEqual(experimental('compression:zstd'), [['compression:zstd', 'error', 'yaml-syntax', 'Missing space after \':\' in "compression:zstd": write "compression: zstd", with a space after the colon.', { kind: 'replace', replacements: ['compression: zstd'] }]]);
  // A space before the colon, or quotes, make it an ordinary string.
  assert.deepEqual(experimental('a b:c'), [['a b:c', 'error', 'type-mismatch', '`spec.experimental` must be a mapping, not the string "a b:c". The API server rejects it: "spec.experimental in body must be of type object: \\"string\\"".']]);
  assert.deepEqual(experimental('"compression:zstd"'), [['"compression:zstd"', 'error', 'type-mismatch', '`spec.experimental` must be a mapping, not the string "compression:zstd". The API server rejects it: "spec.experimental in body must be of type object: \\"string\\"".']]);
  // Null label and string maps are dropped silently; a null selectors is a required value with its fix.
  assert.deepEqual(findingRows(`${POLICY_HEAD}  labels: ~\nspec:\n  selectors:\n`), [['selectors', 'error', 'required-null', '`spec.selectors` has no value: the API server drops null fields and then rejects the policy ("spec.selectors: Required value"). Write `selectors: {}` to match every VMI, or add a namespaceSelector or virtualMachineInstanceSelector.', { kind: 'insertSelectors' }]]);
  assert.deepEqual(findingRows(`${POLICY_HEAD}spec:\n  selectors: {virtualMachineInstanceSelector: {a: b}, namespaceSelector: ~}\n`), []);
});
