// Unit tests for label key/value validation (shared apimachinery vectors) and object names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeLabelRule, validateLabelKey, validateLabelValue, WELL_KNOWN_LABEL_KEYS } from '../../server/src/policy/labels';
import { suggestDnsSubdomainName, validateDnsSubdomainName } from '../../server/src/policy/names';

interface LabelCase { kind: 'key' | 'value'; input: string; valid: boolean; errors?: string[]; source: string }

const repoRoot = path.resolve(__dirname, '../../..');
const cases = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/cases/label-cases.json'), 'utf8')) as LabelCase[];

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('label cases file is present and non-trivial', () => {
  assert.ok(cases.length >= 20);
});

for (const c of cases) {
  test(`label ${c.kind} ${JSON.stringify(c.input.length > 40 ? `${c.input.slice(0, 40)}…` : c.input)}`, () => {
    const errs = c.kind === 'key' ? validateLabelKey(c.input) : validateLabelValue(c.input);
    assert.equal(errs.length === 0, c.valid);
    assert.deepEqual(errs, c.errors ?? []);
  });
}

test('label edge cases beyond the vectors', () => {
  assert.deepEqual(validateLabelKey(''), ['name part must be non-empty', NAME_PART_MSG]);
  assert.deepEqual(validateLabelKey('a'.repeat(64)), ['name part must be no more than 63 bytes']);
  assert.deepEqual(validateLabelKey('example.com/'), ['name part must be non-empty', NAME_PART_MSG]);
  assert.deepEqual(validateLabelKey(`${'A'.repeat(254)}/x`), [
    'prefix part must be no more than 253 bytes',
    `prefix part ${SUBDOMAIN_MSG}`,
  ]);
  assert.deepEqual(validateLabelValue(''), []);
  assert.deepEqual(validateLabelValue('a'.repeat(64)), ['must be no more than 63 bytes']);
  assert.deepEqual(validateLabelValue('é'.repeat(32)), ['must be no more than 63 bytes', VALUE_MSG]);
  assert.deepEqual(validateLabelValue('é'.repeat(31)), [VALUE_MSG]);
});

test('well-known label keys are valid and unique', () => {
  const keys = WELL_KNOWN_LABEL_KEYS.map((k) => k.key);
  assert.equal(new Set(keys).size, keys.length);
  for (const k of WELL_KNOWN_LABEL_KEYS) {
    assert.deepEqual(validateLabelKey(k.key), [], k.key);
    assert.ok(k.doc.length > 20, k.key);
  }
  assert.equal(WELL_KNOWN_LABEL_KEYS.find((k) => k.key === 'kubernetes.io/metadata.name')?.appliesTo, 'namespace');
  assert.equal(WELL_KNOWN_LABEL_KEYS.find((k) => k.key === 'kubevirt.io/migrationTargetNodeName')?.appliesTo, 'vmi');
});

test('describeLabelRule states each rule in one sentence', () => {
  assert.match(describeLabelRule('value'), /^a label value must be 63 bytes or less/);
  assert.match(describeLabelRule('key'), /253 bytes.*63 bytes/);
});

test('valid metadata.name values', () => {
  for (const name of ['0', 'policy.v1', 'a'.repeat(64), 'a.b-c.d', `${'a'.repeat(63)}.${'b'.repeat(189)}`]) {
    assert.deepEqual(validateDnsSubdomainName(name), [], name);
  }
});

test('invalid metadata.name values give the API server messages', () => {
  for (const name of ['My-Policy', 'policy_1', '-policy', 'policy-', 'policy..x', '.', 'pol/icy', '']) {
    assert.deepEqual(validateDnsSubdomainName(name), [SUBDOMAIN_MSG], name);
  }
  assert.deepEqual(validateDnsSubdomainName('a'.repeat(254)), ['must be no more than 253 bytes']);
  assert.deepEqual(validateDnsSubdomainName(`${'a'.repeat(252)}-`), [SUBDOMAIN_MSG]);
  assert.deepEqual(validateDnsSubdomainName(`-${'a'.repeat(253)}`), ['must be no more than 253 bytes', SUBDOMAIN_MSG]);
});

test('suggested names are valid and close to the input', () => {
  const expected: [string, string][] = [
    ['My-Policy', 'my-policy'],
    ['policy_1', 'policy-1'],
    ['-policy', 'policy'],
    ['policy-', 'policy'],
    ['policy..x', 'policy.x'],
    ['pol/icy', 'policy'],
    ['My Fast  Policy', 'my-fast-policy'],
    ['Café.Policy', 'cafe.policy'],
    ['a-.-b', 'a.b'],
    ['policy.v1', 'policy.v1'],
  ];
  for (const [input, want] of expected) {
    const got = suggestDnsSubdomainName(input);
    assert.equal(got, want, input);
    assert.deepEqual(validateDnsSubdomainName(got ?? ''), [], input);
  }
  const long = suggestDnsSubdomainName(`${'a'.repeat(252)}.-b`);
  assert.ok(long !== undefined && validateDnsSubdomainName(long).length === 0);
  assert.equal(long, 'a'.repeat(252));
  for (const input of ['.', '---', '__', '///', '', '日本']) assert.equal(suggestDnsSubdomainName(input), undefined, input);
});
