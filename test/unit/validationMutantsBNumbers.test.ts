// validateDocument's findings for numbers and quantities (features/validation.ts from line 451 on: floats
// given to integer fields, the range checks, bandwidth numbers and strings, the cost of Go's ParseQuantity,
// stall-detector factors, enums and string fields), whole rows: covered text, severity, code, message, fix.
// Each case pins a behaviour a surviving mutant changed (session 24, issue 16).
// Upstream texts: "must be of type integer: \"number\"" and "should be greater than or equal to" (kube-openapi
// pkg/validation/errors), int64 bounds ±2^63 (Go's int64), go-yaml v2 resolve.go (a leading 0 with a 9 is no
// octal int, so `09…` is a float; `1_048_576` is the int 1048576; YAML 1.2 reads it as a string), the
// admission webhook's "must be less than or equal to" (kubevirt migrationpolicy-admitter.go), and Go's
// ParseQuantity accepting `e3`, which the CRD's quantity pattern rejects (apimachinery quantity.go).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ValidationOptions } from '../../server/src/features/validation';
import { CATCH_ALL, findingRows, POLICY_HEAD } from '../support/findingRows';
import type { Row } from '../support/findingRows';

const SPEC = POLICY_HEAD + 'spec:\n  selectors: {}\n';
const GATES: ValidationOptions = { featureGates: ['MigrationStallDetection', 'MigrationDowntimeTuning'] };
const TIMEOUT = 'completionTimeoutPerGiB';
const int64Why = (text: string, rounded: string, largest: boolean) =>
  `\`spec.${TIMEOUT}\` must be a 64-bit integer: ${text} is a float to kubectl, which rounds it to ${rounded}, beyond that range, and the API server rejects it ("spec.${TIMEOUT} in body must be of type integer: "number""). The ${largest ? 'largest' : 'smallest'} value it takes is \`${largest ? '9223372036854775807' : '-9223372036854775808'}\`.`;
const int64Beyond = (text: string, rounded: string, largest: boolean) =>
  `\`spec.${TIMEOUT}\` must be a 64-bit integer: ${text} is beyond its range, so kubectl sends the number ${rounded} and the API server rejects it ("spec.${TIMEOUT} in body must be of type integer: "number""). The ${largest ? 'largest' : 'smallest'} value it takes is \`${largest ? '9223372036854775807' : '-9223372036854775808'}\`.`;
const timeout = (value: string) => `${SPEC}  ${TIMEOUT}: ${value}\n`;

test('a float written within int64 (a leading 0, any number of trailing zeros, exactly -2^63) is "a float to kubectl"; from 2^63 or below -2^63 it is "beyond its range"', () => {
  const cases: [string, Row][] = [
    ['09223372036854775807', ['09223372036854775807', 'error', 'out-of-range', int64Why('09223372036854775807', '9223372036854776000', true)]],
    ['9223372036854775807.00', ['9223372036854775807.00', 'error', 'out-of-range', int64Why('9223372036854775807.00', '9223372036854776000', true)]],
    ['9223372036854775807.', ['9223372036854775807.', 'error', 'out-of-range', int64Why('9223372036854775807.', '9223372036854776000', true)]],
    ['-9223372036854775808.0', ['-9223372036854775808.0', 'error', 'out-of-range', int64Why('-9223372036854775808.0', '-9223372036854776000', false)]],
    ['9223372036854775808.0', ['9223372036854775808.0', 'error', 'out-of-range', int64Beyond('9223372036854775808.0', '9223372036854776000', true)]],
    ['-9223372036854775809.0', ['-9223372036854775809.0', 'error', 'out-of-range', int64Beyond('-9223372036854775809.0', '-9223372036854776000', false)]],
  ];
  for (const [value, row] of cases) assert.deepEqual(findingRows(timeout(value)), [row, CATCH_ALL], value);
});

test('range: 0 is allowed where the minimum is 0, a maximum itself is allowed, and a negative value under a minimum of 1 is out of range (not "negative")', () => {
  assert.deepEqual(findingRows(timeout('0')), [CATCH_ALL]);
  assert.deepEqual(findingRows(`${SPEC}  maxDowntimeMs: 2000000\n  experimental:\n    stallDetector: {stallMargin: 100}\n`, GATES), [CATCH_ALL]);
  assert.deepEqual(findingRows(`${SPEC}  experimental:\n    downtimeTuning: {initialMs: -5}\n`, GATES), [
    ['-5', 'error', 'out-of-range', '`spec.experimental.downtimeTuning.initialMs` must be at least 1 milliseconds: the API server rejects -5 ("should be greater than or equal to 1").', { kind: 'replace', replacements: ['1'] }],
    CATCH_ALL,
  ]);
});

test('bandwidth: a float within int64 that kubectl rounds past it is fixed by quoting the same text', () => {
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: 9223372036854775807.0\n`), [
    ['9223372036854775807.0', 'error', 'quantity-invalid', '`spec.bandwidthPerMigration`: kubectl sends 9223372036854775807.0 as the number 9223372036854776000, which is not a 64-bit integer, and the API server rejects it ("spec.bandwidthPerMigration in body must be of type integer,string: "number""). Quote it as a quantity string: "9223372036854775807.0".', { kind: 'replace', replacements: ['"9223372036854775807.0"'] }],
    CATCH_ALL,
  ]);
});

test('bandwidth: an integer YAML 1.2 reads as a string (1_048_576, 0b…) or as the same number (-0) gets no YAML 1.1 warning', () => {
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: 1_048_576\n`), [CATCH_ALL]);
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: 0b100000000000000000000\n`), [CATCH_ALL]);
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: -0\n`), [
    ['-0', 'information', 'bandwidth-unlimited', '`spec.bandwidthPerMigration`: 0 means unlimited bandwidth, which is also the cluster default.'],
    CATCH_ALL,
  ]);
});

test('bandwidth in a JSON file: a float the API server takes as an integer names the number kubectl sends', () => {
  const text = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "bandwidthPerMigration": 1048576.0000001}}';
  assert.deepEqual(findingRows(text, {}, 'complete', 'json'), [
    ['1048576.0000001', 'information', 'integer-format', 'kubectl sends the number 1048576.0000001; the API server of Kubernetes 1.20 accepts it as an integer (within a relative 1e-9) and KubeVirt parses 1048576.0000001 as a quantity. Quote a quantity string to say exactly what you mean.'],
    ['"selectors"', 'information', 'catch-all', CATCH_ALL[3]],
  ]);
});

test('bandwidth strings: `e3` (Go parses it, the CRD pattern does not) is an error with its fix; mistakes keep their suggested replacements and severity', () => {
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: e3\n`), [
    ['e3', 'error', 'quantity-invalid', '`spec.bandwidthPerMigration`: `e3` is accepted by Go\'s parser but not by the CRD pattern: write `0`.', { kind: 'replace', replacements: ['0'] }],
    CATCH_ALL,
  ]);
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: 1K\n`), [
    ['1K', 'error', 'quantity-invalid', '`spec.bandwidthPerMigration`: `K` is not a Kubernetes suffix: use `k` (×1000) or `Ki` (×1024).', { kind: 'replace', replacements: ['1k', '1Ki'] }],
    CATCH_ALL,
  ]);
  // Matches the CRD pattern, but Go's ParseQuantity takes only whole-number exponents.
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: 1e3.5\n`), [
    ['1e3.5', 'error', 'quantity-invalid', '`spec.bandwidthPerMigration`: `1e3.5` has a fractional exponent: the CRD pattern accepts it, but KubeVirt\'s webhook parses it with Go\'s ParseQuantity, which allows only whole-number exponents. Write `3160` (rounded).', { kind: 'replace', replacements: ['3160'] }],
    CATCH_ALL,
  ]);
});

test('parse cost: 8,000,000 rounding digits is the fatal error (with the fix 0), 7,999,999 and 1,000,000 a warning, 999,999 nothing', () => {
  const fatal = (name: string, text: string) => `\`${name}\`: \`${text}\` passes the CRD pattern, but its exponent makes Go's ParseQuantity work through 8,000,000 digits, which takes far longer than the 10 s KubeVirt's admission webhook is given; the webhook fails closed, so the API server denies the policy. Write the value with a small exponent.`;
  const slow = (text: string, digits: string) => `\`spec.bandwidthPerMigration\`: \`${text}\` has an exponent that makes Go's ParseQuantity work through ${digits} digits: seconds of CPU in KubeVirt's admission webhook, which is given 10 s. Write the value with a small exponent.`;
  const milli = (text: string) => `\`${text}\` is 1e-9 bytes per second (less than one byte). KubeVirt converts it to 0 bytes, which means no limit at all.`;
  const bw = (text: string) => `${SPEC}  bandwidthPerMigration: "${text}"\n`;
  assert.deepEqual(findingRows(bw('1e-8000009')), [['"1e-8000009"', 'error', 'quantity-invalid', fatal('spec.bandwidthPerMigration', '1e-8000009'), { kind: 'replace', replacements: ['0'] }], CATCH_ALL]);
  assert.deepEqual(findingRows(bw('1e-8000008')), [['"1e-8000008"', 'warning', 'quantity-invalid', slow('1e-8000008', '7,999,999')], ['"1e-8000008"', 'warning', 'bandwidth-milli', milli('1e-8000008')], CATCH_ALL]);
  assert.deepEqual(findingRows(bw('1e-1000009')), [['"1e-1000009"', 'warning', 'quantity-invalid', slow('1e-1000009', '1,000,000')], ['"1e-1000009"', 'warning', 'bandwidth-milli', milli('1e-1000009')], CATCH_ALL]);
  assert.deepEqual(findingRows(bw('1e-1000008')), [['"1e-1000008"', 'warning', 'bandwidth-milli', milli('1e-1000008')], CATCH_ALL]);
  // A factor whose parse would time out gets that one error and nothing about its (tiny) value.
  assert.deepEqual(findingRows(`${SPEC}  experimental:\n    stallDetector: {ewmaAlpha: "1e-8000009"}\n`, GATES), [
    ['"1e-8000009"', 'error', 'quantity-invalid', fatal('spec.experimental.stallDetector.ewmaAlpha', '1e-8000009'), { kind: 'replace', replacements: ['0'] }],
    CATCH_ALL,
  ]);
});

test('factors: an integer is judged by the exact text kubectl sends (9007199254740993), not by its nearest float', () => {
  assert.deepEqual(findingRows(`${SPEC}  experimental:\n    stallDetector: {patienceWindowDecayFactor: 9007199254740993}\n`, GATES), [
    ['9007199254740993', 'error', 'out-of-range', '`spec.experimental.stallDetector.patienceWindowDecayFactor` must be at most 1: the admission webhook denies 9007199254740993 ("must be less than or equal to 1"). The default is 0.5.', { kind: 'replace', replacements: ['"0.5"'] }],
    CATCH_ALL,
  ]);
  assert.deepEqual(findingRows(`${SPEC}  experimental:\n    stallDetector: {precopyPossibleFactor: 9007199254740993}\n`, { featureGates: ['MigrationStallDetection'], kubevirtVersion: 'v1.9.0' }), [
    ['9007199254740993', 'warning', 'type-mismatch', 'KubeVirt v1.9.0 accepts only strings for `spec.experimental.stallDetector.precopyPossibleFactor`: quote it as "9007199254740993".', { kind: 'replace', replacements: ['"9007199254740993"'] }],
    CATCH_ALL,
  ]);
});

test('enums and strings: a number in an enum is a plain type error; a typo gets its suggestion; a float in a string field is "quote it"', () => {
  assert.deepEqual(findingRows(`${SPEC}  experimental:\n    compression: 5\n`), [
    ['5', 'error', 'type-mismatch', '`spec.experimental.compression` must be a string, not the number 5. The API server rejects it: "spec.experimental.compression in body must be of type string: \\"integer\\"".'],
    CATCH_ALL,
  ]);
  assert.deepEqual(findingRows(`${SPEC}  experimental:\n    compression: zstdd\n`), [
    ['zstdd', 'error', 'enum-value', '`spec.experimental.compression` must be one of `none`, `zstd`, not "zstdd". Did you mean `zstd`?', { kind: 'replace', replacements: ['zstd'] }],
    CATCH_ALL,
  ]);
  assert.deepEqual(findingRows(`${POLICY_HEAD}  generateName: 1.5\nspec:\n  selectors: {}\n`), [
    ['1.5', 'error', 'type-mismatch', '`metadata.generateName` must be a string: kubectl reads `1.5` as the number 1.5. Quote it: "1.5".', { kind: 'replace', replacements: ['"1.5"'] }],
    CATCH_ALL,
  ]);
});
