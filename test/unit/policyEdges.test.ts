// Edges of policy/ that mutation testing (test/mutation/stryker.policy.json) found untested: the JSON
// number rules of numbers.ts, explainWin's wording, whyNoMatch on namespace labels, guestMemory on odd
// shapes, an outlook from a partial configuration and formatSeconds. Expected values come from the
// upstream code named beside each, or from the doc comments that promise them.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EffectiveConfiguration } from '../../server/src/policy/effective';
import { compareNames, explainWin, whyNoMatch } from '../../server/src/policy/matching';
import { CHECKED_KUBERNETES, goDecodeError, goFormatFloat, isFloat64AJSONInteger } from '../../server/src/policy/numbers';
import { formatSeconds, guestMemory, migrationOutlook } from '../../server/src/policy/outlook';
import { formatNumber } from '../../server/src/text';

test('isFloat64AJSONInteger follows go-openapi/swag v0.19.5 convert.go (epsilon 1e-9, |f| <= 2^53-1)', () => {
  // swag: maxJSONFloat = float64(1<<53 - 1), minJSONFloat = -maxJSONFloat; NaN and ±Inf are not integers.
  const cases: [number, boolean][] = [
    [Number.NaN, false], [Number.POSITIVE_INFINITY, false], [Number.NEGATIVE_INFINITY, false],
    [2 ** 53 - 1, true], [2 ** 53, false], [-(2 ** 53 - 1), true], [-(2 ** 53), false],
    [0, true], [3, true], [-2, true],
    // f == g, or f == float64(int64(f)): whole numbers, negative ones included.
    [1.5, false], [0.5, false], [-0.5, false],
    // the relative error: |f - float64(uint64(f))| / (|f| + |g|) < 1e-9
    [1 + 1e-10, true], [1 + 1e-8, false], [1e6 + 1e-5, true], [85583.31528759e7, true],
    // a negative fraction: uint64(f) wraps, so g is near 2^64 and the relative error is about 1
    [-1e6 - 1e-5, false],
    // very close to 0: g == 0, so only diff < 1e-9 * SmallestNonzeroFloat64 (never, for a nonzero f)
    [1e-320, false],
  ];
  for (const [f, expected] of cases) assert.equal(isFloat64AJSONInteger(f), expected, String(f));
});

test('goDecodeError: the Go integer ranges (math.MinInt32 … math.MaxUint64) and non-integers', () => {
  const err = (n: string, type: string) => `json: cannot unmarshal number ${n} into Go struct field of type ${type} (spec.f)`;
  const cases: [string, 'int32' | 'int64' | 'uint64', boolean][] = [
    ['2147483647', 'int32', true], ['2147483648', 'int32', false], ['-2147483648', 'int32', true], ['-2147483649', 'int32', false],
    ['9223372036854775807', 'int64', true], ['9223372036854775808', 'int64', false],
    ['-9223372036854775808', 'int64', true], ['-9223372036854775809', 'int64', false],
    ['0', 'uint64', true], ['-1', 'uint64', false], ['18446744073709551615', 'uint64', true], ['18446744073709551616', 'uint64', false],
    ['1.5', 'int64', false], ['1e3', 'int64', false], ['7', 'int32', true],
  ];
  for (const [n, type, fits] of cases) assert.equal(goDecodeError(n, type, 'spec.f'), fits ? undefined : err(n, type), `${n} ${type}`);
});

test('explainWin says why one policy wins, in the words its doc comment promises', () => {
  const c = (name: string, vmiLabels?: number, namespaceLabels = 0) => ({ name, score: vmiLabels === undefined ? null : { vmiLabels, namespaceLabels } });
  assert.equal(explainWin(c('a'), c('b', 1)), '`a` does not match');
  assert.equal(explainWin(c('a', 1), c('b')), '`b` does not match');
  assert.equal(explainWin(c('a', 2, 1), c('b', 2)), 'more matched labels (3 vs 2)');
  assert.equal(explainWin(c('a', 2), c('b', 2, 1)), 'fewer matched labels (2 vs 3)');
  assert.equal(explainWin(c('a', 2), c('b', 1, 1)), 'same total (2), more VMI labels (2 vs 1)');
  assert.equal(explainWin(c('a', 1, 1), c('b', 2)), 'same total (2), fewer VMI labels (1 vs 2)');
  assert.equal(explainWin(c('a', 2, 1), c('a', 2, 1)), '`a` is the same policy');
  assert.equal(explainWin(c('a-db', 2, 1), c('b-db', 2, 1)), 'tie on labels (2 VMI, 1 namespace): `a-db` sorts before `b-db`');
  assert.equal(explainWin(c('b-db', 2, 1), c('a-db', 2, 1)), 'tie on labels (2 VMI, 1 namespace): `b-db` sorts after `a-db`');
});

test('whyNoMatch names the first namespace label that fails once the VMI labels match', () => {
  const policy = { name: 'p', hasSelectors: true, vmiSelector: { app: 'db' }, namespaceSelector: { env: 'prod', tier: 'gold' } };
  assert.equal(whyNoMatch(policy, { app: 'db' }, { env: 'dev', tier: 'gold' }), 'namespace label env is "dev", not "prod"');
  assert.equal(whyNoMatch(policy, { app: 'db' }, { env: 'prod' }), 'namespace label tier is missing (wants "gold")');
  assert.equal(whyNoMatch(policy, { app: 'db' }, { env: 'prod', tier: 'gold' }), 'matches');
  assert.equal(whyNoMatch(policy, {}, {}), 'VMI label app is missing (wants "db")');
});

test('guestMemory: numbers are quantities too; anything but an object on the path is no memory', () => {
  assert.deepEqual(guestMemory({ spec: { domain: { memory: { guest: 1073741824 } } } }), { memory: '1073741824', source: 'spec.domain.memory.guest' });
  assert.deepEqual(guestMemory({ spec: { domain: { resources: { requests: { memory: 2048 } } } } }), { memory: '2048', source: 'spec.domain.resources.requests.memory' });
  assert.deepEqual(guestMemory({ spec: { domain: { memory: { guest: true }, resources: { requests: { memory: '2Gi' } } } } }), { memory: '2Gi', source: 'spec.domain.resources.requests.memory' });
  for (const odd of [null, 'x', [], { spec: null }, { spec: [{ domain: { memory: { guest: '1Gi' } } }] }, { spec: { domain: [{ memory: { guest: '1Gi' } }] } }, { spec: { domain: { memory: { guest: null }, resources: { requests: { memory: {} } } } } }]) {
    assert.equal(guestMemory(odd), undefined, JSON.stringify(odd));
  }
});

test('an outlook from a configuration that names only the timeout: no cap, unknown risk, cancelled on timeout', () => {
  const only = { completionTimeoutPerGiB: { value: 150 } } as unknown as EffectiveConfiguration;
  const o = migrationOutlook({ memory: '2G', source: 'spec.domain.memory.guest' }, only);
  assert.deepEqual(o, { memory: '2G', memorySource: 'spec.domain.memory.guest', memoryBytes: 2e9, dataSizeGB: 2, completionTimeoutPerGiB: 150, completionTimeoutSeconds: 300, bandwidthBytesPerSecond: 0, risk: 'unknown', onTimeout: 'the migration is cancelled', warnings: [] });
  // A bandwidth written as a JSON number is a quantity of bytes per second: 2e9 bytes at 1 MiB/s take 1907 s, past 300 s.
  const capped = migrationOutlook({ memory: '2G', source: 'spec.domain.memory.guest' }, { completionTimeoutPerGiB: { value: 150 }, bandwidthPerMigration: { value: 1048576 } } as unknown as EffectiveConfiguration);
  assert.deepEqual([capped?.bandwidthBytesPerSecond, capped?.risk], [1048576, 'certain']);
  // A timeout of 0 is never enforced (live-migration-source.go shouldTriggerTimeout): low risk, no warnings, whatever the cap.
  const never = migrationOutlook({ memory: '2G', source: 'spec.domain.memory.guest' }, { completionTimeoutPerGiB: { value: 0 }, bandwidthPerMigration: { value: '1Mi' } } as unknown as EffectiveConfiguration);
  assert.deepEqual([never?.risk, never?.onTimeout, never?.warnings], ['low', 'nothing happens: a completion timeout of 0 is never enforced', []]);
  for (const bad of [-1, 1.5, '150', undefined]) {
    assert.equal(migrationOutlook({ memory: '2G', source: 'spec.domain.memory.guest' }, { completionTimeoutPerGiB: { value: bad } } as unknown as EffectiveConfiguration), undefined, String(bad));
  }
});

test('formatSeconds: `45 s`, `22 min 30 s`, `1 h 5 min`, tenths only below 10 s', () => {
  const cases: [number, string][] = [[45, '45 s'], [1350, '22 min 30 s'], [3900, '1 h 5 min'], [2.5, '2.5 s'], [10.4, '10 s'], [59.4, '59 s'], [59.6, '1 min'], [90, '1 min 30 s'], [60, '1 min'], [3600, '1 h'], [7199, '1 h 59 min']];
  for (const [s, text] of cases) assert.equal(formatSeconds(s), text, String(s));
});

test('compareNames is Go\'s string order (UTF-8 bytes), past characters outside the BMP and U+FFFF', () => {
  // Go compares UTF-8 bytes: U+10000 (F0 90 80 80) sorts after U+FF00 (EF BC 80), although its UTF-16 code unit D800 is smaller.
  assert.ok(compareNames('\u{10000}', '\uff00') > 0);
  assert.ok(compareNames('\uff00', '\u{10000}') < 0);
  // After a 4-byte character, and after U+FFFF (one UTF-16 unit), the next characters still decide.
  assert.ok(compareNames('\u{10000}a', '\u{10000}b') < 0);
  assert.ok(compareNames('\uffffb', '\uffffa') > 0);
  assert.equal(compareNames('\u{1F600}x', '\u{1F600}x'), 0);
  assert.ok(compareNames('ab', 'abc') < 0);
});

test('goFormatFloat: the values Go\'s %v prints without digits (strconv.FormatFloat special cases)', () => {
  // strconv/ftoa.go: NaN → "NaN", ±Inf → "+Inf"/"-Inf"; a negative zero keeps its sign ("-0").
  assert.deepEqual([Number.NaN, Infinity, -Infinity, -0, 0].map(goFormatFloat), ['NaN', '+Inf', '-Inf', '-0', '0']);
  // the exponent's sign on both sides of 1: 1e+06 and 1e-05
  assert.deepEqual([1e6, 1e-5, 999999, 0.0001].map(goFormatFloat), ['1e+06', '1e-05', '999999', '0.0001']);
});

test('the Kubernetes release the API server rules were checked against is the one the oracle and the real API server tests build', () => {
  // scripts/go-oracle.sh and scripts/kube-apiserver.sh build Debian bookworm's kubernetes source, 1.20.
  assert.equal(CHECKED_KUBERNETES, '1.20');
});

test('formatNumber writes what toLocaleString("en-US") writes (with and without 3 decimals), from one formatter', () => {
  const values = [0, -0, 1, -1, 999, 1000, -2_000_000, 1.23456789, 12_345.6789, 0.0005, 2 ** 53, 1e21, 1e-7, NaN, Infinity, -Infinity, 123_456_789.987654];
  for (const v of values) {
    assert.equal(formatNumber(v), v.toLocaleString('en-US'), String(v));
    assert.equal(formatNumber(v, 3), v.toLocaleString('en-US', { maximumFractionDigits: 3 }), String(v));
  }
  assert.equal(formatNumber(2_000_000), '2,000,000');
  assert.equal(formatNumber(1.23456, 3), '1.235');
});
