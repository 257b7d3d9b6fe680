// validateDocument's findings for maps and the policy's identity (features/validation.ts from line 451 on:
// selector maps, metadata.labels and annotations, apiVersion/kind, metadata.name, spec and selectors in
// Kustomize patches), whole rows. Each case pins a behaviour a surviving mutant changed (session 24, issue 16).
// Upstream texts: the label and DNS-1123 messages and that several errors come back at once, joined here by
// "; " (apimachinery pkg/util/validation/validation.go, kubevirt-facts.md §7 and §8); go-yaml v2 resolve.go
// (`!!int "010"` is 8, `!!int "0x10"` 16; `.inf` is +Inf, which encoding/json refuses); a `? key` entry with
// no value is a null, which the API server drops ("<path>: Required value" for a required field).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATCH_ALL, findingRows, POLICY_HEAD } from '../support/findingRows';

const SPEC = POLICY_HEAD + 'spec:\n  selectors: {}\n';
const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
const PREFIX_ERROR = "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const VALUE_ERROR = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const DNS_ERROR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const KEY_RULE = 'a label key is an optional lowercase DNS subdomain prefix of at most 253 bytes followed by /, then a name of 1 to 63 bytes that starts and ends with a letter or digit with only -, _ and . between';
const VALUE_RULE = 'a label value must be 63 bytes or less, empty, or start and end with a letter or digit with only -, _ and . between';
/** A key with a bad prefix and a 64-byte name: two errors. */
const BAD_KEY = `Bad_/${'a'.repeat(64)}`;
/** A value too long and starting with '-': two errors. */
const BAD_VALUE = `-${'a'.repeat(64)}`;

test('selector: `matchLabels` written as `? matchLabels` (no value node at all) is a dropped label, not the pre-v0.55 shape', () => {
  assert.deepEqual(findingRows(`${SPEC.replace('selectors: {}', 'selectors:\n    namespaceSelector: {? matchLabels}')}`), [
    ['matchLabels', 'warning', 'label-value-dropped', '`matchLabels` has no value: the API server drops null entries, so this selector no longer requires `matchLabels` and, as its only entry, matches every namespace. Give it a value, or write `matchLabels: ""` to require an empty label value.', { kind: 'setValue', pair: 'matchLabels', value: '""' }],
    CATCH_ALL,
  ]);
});

test('selector: every error of a label key and of a label value is listed, joined by "; ", with the rule', () => {
  const text = `${POLICY_HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector: {"${BAD_KEY}": x, v: "${BAD_VALUE}"}\n`;
  assert.deepEqual(findingRows(text), [
    [`"${BAD_KEY}"`, 'warning', 'label-key-syntax', `\`${BAD_KEY}\` is not a valid label key, so this selector can never match any object: ${PREFIX_ERROR}; name part must be no more than 63 bytes. Rule: ${KEY_RULE}`],
    [`"${BAD_VALUE}"`, 'warning', 'label-value-syntax', `"${BAD_VALUE}" is not a valid label value, so this selector can never match any object: must be no more than 63 bytes; ${VALUE_ERROR}. Rule: ${VALUE_RULE}`],
  ]);
});

test('selector: a quoted tagged number is quoted back as the number kubectl sends; an infinite value stops kubectl', () => {
  const text = `${POLICY_HEAD}spec:\n  selectors:\n    namespaceSelector: {a: !!int "010", b: .inf}\n`;
  assert.deepEqual(findingRows(text), [
    ['"010"', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `010` as the number 8 (YAML 1.1) and the API server rejects it ("must be of type string: \\"integer\\""). Quote it: "8".', { kind: 'replace', replacements: ['"8"'] }],
    ['.inf', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `.inf` as the number Infinity (YAML 1.1), which JSON cannot hold: kubectl stops ("json: unsupported value") before the API server sees the policy. Quote it: ".inf".', { kind: 'replace', replacements: ['".inf"'] }],
  ]);
});

test('metadata.labels: every error of a key and of a value is listed, joined by "; "', () => {
  const text = `${POLICY_HEAD}  labels: {"${BAD_KEY}": "${BAD_VALUE}"}\nspec:\n  selectors: {}\n`;
  assert.deepEqual(findingRows(text), [
    [`"${BAD_KEY}"`, 'error', 'metadata-label', `The API server rejects the label key "${BAD_KEY}": ${PREFIX_ERROR}; name part must be no more than 63 bytes.`],
    [`"${BAD_VALUE}"`, 'error', 'metadata-label', `The API server rejects the label value "${BAD_VALUE}": must be no more than 63 bytes; ${VALUE_ERROR}.`],
    CATCH_ALL,
  ]);
});

test('metadata.annotations: values are not label values, an empty key is skipped, and a non-string is quoted as written (plain) or as kubectl reads it (quoted with a tag)', () => {
  const text = `${POLICY_HEAD}  annotations: {: 5, f: "x y", g: 010, h: !!int "0x10"}\n  labels: {? a, e: yes}\nspec:\n  selectors: {}\n`;
  assert.deepEqual(findingRows(text), [
    ['010', 'error', 'label-value-type', 'Values of `metadata.annotations` must be strings: kubectl reads `010` as the number 8. Quote it: "010".', { kind: 'replace', replacements: ['"010"'] }],
    ['"0x10"', 'error', 'label-value-type', 'Values of `metadata.annotations` must be strings: kubectl reads `0x10` as the number 16. Quote it: "16".', { kind: 'replace', replacements: ['"16"'] }],
    ['yes', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings: kubectl reads `yes` as the boolean true. Quote it: "yes".', { kind: 'replace', replacements: ['"yes"'] }],
    CATCH_ALL,
  ]);
});

test('metadata.name: every error is listed, joined by "; ", with a suggestion', () => {
  const name = 'A'.repeat(254);
  assert.deepEqual(findingRows(`${HEAD}metadata:\n  name: ${name}\nspec:\n  selectors: {}\n`), [
    [name, 'error', 'name-invalid', `The API server rejects the name "${name}": must be no more than 253 bytes; ${DNS_ERROR}. Try \`${'a'.repeat(253)}\`.`, { kind: 'replace', replacements: ['a'.repeat(253)] }],
    CATCH_ALL,
  ]);
});

test('metadata.name: missing is one error, also when another field has its own required-null; a null name is only its required-null, whatever else is reported', () => {
  assert.deepEqual(findingRows(`${HEAD}metadata:\n  labels: {}\nspec:\n  selectors:\n`), [
    ['selectors', 'error', 'required-null', '`spec.selectors` has no value: the API server drops null fields and then rejects the policy ("spec.selectors: Required value"). Write `selectors: {}` to match every VMI, or add a namespaceSelector or virtualMachineInstanceSelector.', { kind: 'insertSelectors' }],
    ['metadata', 'error', 'name-missing', '`metadata.name` is missing: the API server requires "name or generateName". Name the policy (lowercase letters, digits, \'-\' and \'.\').'],
  ]);
  const nameNull = ['name', 'error', 'required-null', '`metadata.name` has no value: the API server drops null fields and then rejects the policy ("metadata.name: Required value").'];
  assert.deepEqual(findingRows(`${HEAD}metadata:\n  name:\n  labels: {a: 5}\nspec:\n  selectors: {}\n`), [
    nameNull,
    ['5', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings: kubectl reads `5` as the number 5. Quote it: "5".', { kind: 'replace', replacements: ['"5"'] }],
    CATCH_ALL,
  ]);
  // `? name`: a key with no value node at all.
  assert.deepEqual(findingRows(`${HEAD}metadata:\n  ? name\nspec:\n  selectors: {}\n`), [nameNull, CATCH_ALL]);
});

test('a policy without `kind` and without `spec`: both reported at its first key', () => {
  assert.deepEqual(findingRows('apiVersion: migrations.kubevirt.io/v1alpha1\nmetadata:\n  name: p\n'), [
    ['apiVersion', 'error', 'kind', '`kind` is missing: write `kind: MigrationPolicy`.'],
    ['apiVersion', 'error', 'spec-missing', 'The policy has no `spec`: the API server requires it ("spec: Required value"). Add `spec` with `selectors: {}` and the settings to override.', { kind: 'insertSelectors' }],
  ]);
});

test('a Kustomize patch: no apiVersion demanded, and empty selectors are no catch-all (the base has the real ones)', () => {
  assert.deepEqual(findingRows('kind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors: {}\n  allowPostCopy: true\n', {}, 'patch'), []);
});

test('`? metadata` (a metadata key with no value node) is one error, its required-null, as `metadata:` is; no metadata key at all is name-missing on the first key', () => {
  const metadataNull = ['metadata', 'error', 'required-null', '`metadata` has no value: the API server drops null fields and then rejects the policy ("metadata: Required value").'];
  assert.deepEqual(findingRows(`${HEAD}? metadata\nspec:\n  selectors: {}\n`), [metadataNull, CATCH_ALL]);
  assert.deepEqual(findingRows(`${HEAD}metadata:\nspec:\n  selectors: {}\n`), [metadataNull, CATCH_ALL]);
  assert.deepEqual(findingRows(`${HEAD}spec:\n  selectors: {}\n`), [
    ['apiVersion', 'error', 'name-missing', 'The policy has no name: add `metadata` with a `name` (the API server says "metadata.name: Required value").'],
    CATCH_ALL,
  ]);
});

test('metadata.name null in a map shared by alias with spec (walked there first): name-missing, though another finding (unknown-field) sits on the same key', () => {
  assert.deepEqual(findingRows(`${HEAD}spec: &m\n  name:\nmetadata: *m\n`), [
    ['name', 'error', 'unknown-field', 'Unknown field `name` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.name\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
    ['name', 'error', 'name-missing', '`metadata.name` is missing: the API server requires "name or generateName". Name the policy (lowercase letters, digits, \'-\' and \'.\').'],
    ['spec', 'error', 'selectors-missing', '`spec.selectors` is missing: the API server requires it ("spec.selectors: Required value"). Add `selectors: {}` to match every VMI, or a namespaceSelector or virtualMachineInstanceSelector.', { kind: 'insertSelectors', spec: 'name:' }],
  ]);
});
