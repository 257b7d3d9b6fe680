// Quantity parsing, canonical form, bandwidth semantics and mistake explanations, checked against the
// shared upstream test vectors (test/cases/quantity-cases.json) and against kubevirt-facts.md §6 and §10.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { goFormatFloat } from '../../server/src/policy/numbers';
import {
  GO_QUANTITY_NUMERIC_ERROR,
  GO_QUANTITY_REGEX_ERROR,
  GO_QUANTITY_SUFFIX_ERROR,
  QUANTITY_CRD_PATTERN,
  Quantity,
  canonicalQuantity,
  effectiveBandwidthBytes,
  explainQuantityMistake,
  formatBandwidth,
  isMilliQuantity,
  isValidQuantity,
  matchesCrdPattern,
  parseQuantity,
  quantityIsNegative,
  quantityIsZero,
  quantityToNumber,
} from '../../server/src/policy/quantity';

interface QuantityCase {
  input: string;
  valid: boolean;
  canonical?: string;
  format?: string;
  crdPattern: boolean;
  error?: string;
  stringOutput?: string;
  note?: string;
}

const ROOT = path.resolve(__dirname, '../../..');
const CASES: QuantityCase[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/cases/quantity-cases.json'), 'utf8'));

function parsed(text: string): Quantity {
  const result = parseQuantity(text);
  assert.ok(result.ok, `${JSON.stringify(text)} should parse`);
  return result.quantity;
}

function assertSuggestionsValid(text: string, suggestions: string[]): void {
  for (const s of suggestions) {
    assert.ok(parseQuantity(s).ok, `suggestion ${JSON.stringify(s)} for ${JSON.stringify(text)} must parse in Go`);
    assert.ok(matchesCrdPattern(s), `suggestion ${JSON.stringify(s)} for ${JSON.stringify(text)} must match the CRD pattern`);
  }
}

test('the case file is loaded', () => {
  assert.ok(CASES.length >= 40);
});

for (const c of CASES) {
  test(`case ${JSON.stringify(c.input)}`, () => {
    const result = parseQuantity(c.input);
    assert.equal(result.ok, c.valid);
    if (result.ok) {
      assert.equal(canonicalQuantity(result.quantity), c.canonical);
      assert.equal(result.quantity.format, c.format);
    } else {
      assert.equal(result.error, c.error);
    }
    assert.equal(matchesCrdPattern(c.input), c.crdPattern);
  });
}

test('the CRD pattern is the generated one, verbatim', () => {
  assert.equal(
    QUANTITY_CRD_PATTERN.source,
    String.raw`^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$`,
  );
  assert.equal(QUANTITY_CRD_PATTERN.flags, '');
});

test('Go error texts', () => {
  assert.equal(GO_QUANTITY_REGEX_ERROR, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  assert.equal(GO_QUANTITY_SUFFIX_ERROR, "unable to parse quantity's suffix");
  assert.equal(GO_QUANTITY_NUMERIC_ERROR, 'unable to parse numeric part of quantity');
});

test('canonical forms listed in kubevirt-facts §6', () => {
  const expected: [string, string, string][] = [
    ['1024Mi', '1Gi', 'BinarySI'],
    ['1000M', '1G', 'DecimalSI'],
    ['1.5', '1500m', 'DecimalSI'],
    ['8.1k', '8100', 'DecimalSI'],
    ['2.5P', '2500T', 'DecimalSI'],
    ['1E6', '1e6', 'DecimalExponent'],
    ['1.3E+6', '1300e3', 'DecimalExponent'],
    ['1.5Gi', '1536Mi', 'BinarySI'],
    ['0.5Ki', '512', 'BinarySI'],
    ['100.035Ki', '102435840m', 'BinarySI'],
    ['0.1n', '1n', 'DecimalSI'],
    ['3.001n', '4n', 'DecimalSI'],
    ['-0.1n', '-1n', 'DecimalSI'],
    ['1e-1000', '1e-9', 'DecimalExponent'],
    ['9Ei', '9223372036854775807', 'BinarySI'],
    ['1e100', '10e99', 'DecimalExponent'],
    ['007Mi', '7Mi', 'BinarySI'],
    ['100.035k', '100035', 'DecimalSI'],
    ['1.', '1', 'DecimalSI'],
    ['01', '1', 'DecimalSI'],
    ['1E+3', '1e3', 'DecimalExponent'],
    ['-1Ki', '-1Ki', 'BinarySI'],
    ['-10Ei', '-9223372036854775807', 'BinarySI'],
    ['-0', '0', 'DecimalSI'],
    ['1E', '1E', 'DecimalSI'],
  ];
  for (const [input, canonical, format] of expected) {
    const q = parsed(input);
    assert.equal(canonicalQuantity(q), canonical, input);
    assert.equal(q.format, format, input);
  }
});

test('DecimalSI beyond E falls back to exponent notation, as current apimachinery does', () => {
  // apimachinery v0.34 prints "1" here (the bug noted in facts §6); later versions print 1e21
  assert.equal(canonicalQuantity(parsed('1000E')), '1e21');
});

test('Go quirks derived from ParseQuantity and suffixHandler.interpret', () => {
  for (const zero of ['.', '+', '-', '-.', '+.', 'k', 'Mi', '.Ti', 'e-9', '000']) {
    const q = parsed(zero);
    assert.ok(quantityIsZero(q), zero);
    assert.equal(canonicalQuantity(q), '0');
  }
  for (const text of ['.Ei', '.Pi', '-Ei', 'e-10', '+e-10']) {
    assert.deepEqual(parseQuantity(text), { ok: false, error: GO_QUANTITY_NUMERIC_ERROR }, text);
  }
  for (const text of ['1e1.5', ' 1', '1 ', '1MB', '1Kib', '1g', '1gi', '0x10', '1-5x', '', '1.1.M']) {
    assert.deepEqual(parseQuantity(text), { ok: false, error: GO_QUANTITY_REGEX_ERROR }, text);
  }
  for (const text of ['1K', '1mi', '1i', '1e', '1e+', '1-5', '1Ki5', '1e99999999999999999999']) {
    assert.deepEqual(parseQuantity(text), { ok: false, error: GO_QUANTITY_SUFFIX_ERROR }, text);
  }
  assert.equal(canonicalQuantity(parsed('1e4294967296')), '1');
  assert.equal(canonicalQuantity(parsed('1e4294967299')), '1e3');
  assert.equal(canonicalQuantity(parsed('1e-2147483648')), '1e-9');
  assert.equal(canonicalQuantity(parsed('1e2147483647')), '10e2147483646');
});

test('values are exact: no float rounding', () => {
  assert.deepEqual(parsed('0.1'), { mantissa: 1n, exponent: -1, format: 'DecimalSI', negative: false });
  assert.deepEqual(parsed('3Ki'), { mantissa: 3072n, exponent: 0, format: 'BinarySI', negative: false });
  assert.deepEqual(parsed('123456789012345678901234567890'), { mantissa: 12345678901234567890123456789n, exponent: 1, format: 'DecimalSI', negative: false });
  assert.equal(canonicalQuantity(parsed('123456789012345678901234567890')), '123456789012345678901234567890');
  assert.equal(canonicalQuantity(parsed('0.3')), '300m');
  assert.equal(canonicalQuantity(parsed('-1.000000001')), '-1000000001n');
});

test('numeric helpers', () => {
  assert.equal(quantityToNumber(parsed('64Mi')), 67108864);
  assert.equal(quantityToNumber(parsed('-500m')), -0.5);
  assert.equal(quantityToNumber(parsed('1e400')), Infinity);
  assert.ok(quantityIsNegative(parsed('-1')));
  assert.ok(!quantityIsNegative(parsed('-0')));
  assert.ok(quantityIsZero(parsed('0Mi')));
  assert.ok(!quantityIsZero(parsed('1n')));
  for (const text of ['500m', '1.5', '100.035Ki', '1n']) assert.ok(isMilliQuantity(parsed(text)), text);
  for (const text of ['0', '1', '1000m', '0.5Ki', '1.5Mi', '1e3']) assert.ok(!isMilliQuantity(parsed(text)), text);
});

test('effectiveBandwidthBytes models KubeVirt QuantityToMebiByte', () => {
  const expected: [string, number, string | undefined][] = [
    ['0', 0, '0 means no bandwidth limit.'],
    ['0Mi', 0, '0 means no bandwidth limit.'],
    ['1', 1048576, 'KubeVirt raises a limit below 1 MiB/s to 1 MiB/s.'],
    ['1024', 1048576, 'KubeVirt raises a limit below 1 MiB/s to 1 MiB/s.'],
    ['500m', 0, '`500m` is less than 1 byte/s: KubeVirt truncates it to 0, which means no limit.'],
    ['1.5', 1048576, 'KubeVirt raises a limit below 1 MiB/s to 1 MiB/s.'],
    ['1Mi', 1048576, undefined],
    ['1.5Mi', 2097152, 'KubeVirt rounds the limit to whole MiB/s: 1.5 MiB/s becomes 2 MiB/s.'],
    ['64Mi', 67108864, undefined],
    ['1G', 954 * 1048576, 'KubeVirt rounds the limit to whole MiB/s: 953.67 MiB/s becomes 954 MiB/s.'],
    ['100M', 95 * 1048576, 'KubeVirt rounds the limit to whole MiB/s: 95.37 MiB/s becomes 95 MiB/s.'],
    ['2G', 1907 * 1048576, 'KubeVirt rounds the limit to whole MiB/s: 1907.35 MiB/s becomes 1907 MiB/s.'],
    ['2780Gi', 2780 * 1024 * 1048576, undefined],
    ['-1', 0, 'KubeVirt\'s webhook rejects a negative bandwidth ("must not be negative").'],
    // The value reaches virt-launcher re-parsed from its marshalled text (VMI status, then the migration options).
    // QuantityToMebiByte of the text as written would differ, and the note says why that does not happen.
    ['0.0', 0, '0 means no bandwidth limit. virt-launcher never converts `0.0` as written (that would fail: "Memory size \'0\' must be greater than or equal to 0"): KubeVirt records the policy\'s value on the VMI as `0`, and virt-launcher converts that.'],
    ['.0m', 0, '0 means no bandwidth limit. virt-launcher never converts `.0m` as written (that would fail: "Memory size \'0\' must be greater than or equal to 0"): KubeVirt records the policy\'s value on the VMI as `0`, and virt-launcher converts that.'],
    ['1.0', 1048576, 'KubeVirt raises a limit below 1 MiB/s to 1 MiB/s. virt-launcher never converts `1.0` as written (that would mean no limit): KubeVirt records the policy\'s value on the VMI as `1`, and virt-launcher converts that.'],
    ['1000E', 1048576, 'virt-launcher\'s 64-bit conversion turns this into 1 MiB/s. KubeVirt passes it on as `1` (Go\'s Quantity prints decimal values from 10^21 without their suffix).'],
    ['9223372036854775808', 8796093022208 * 1048576, undefined],
  ];
  for (const [text, bytesPerSecond, note] of expected) {
    assert.deepEqual(effectiveBandwidthBytes(text), note === undefined ? { bytesPerSecond } : { bytesPerSecond, note }, text);
  }
  // Go's Value() wraps around: 2^63 bytes still converts, 2^63+1 does not.
  assert.equal(effectiveBandwidthBytes('9223372036854775809').fails, "Memory size '9223372036854775809' must be greater than or equal to 0");
  assert.equal(effectiveBandwidthBytes('10E').fails, "Memory size '10E' must be greater than or equal to 0");
  assert.equal(effectiveBandwidthBytes('1e19').fails, "Memory size '10e18' must be greater than or equal to 0");
  assert.equal(effectiveBandwidthBytes('1e400').fails, "Memory size '10e399' must be greater than or equal to 0");
});

test('formatBandwidth', () => {
  const expected: [number, string][] = [
    [0, 'unlimited'],
    [1, '1 byte/s (8 bit/s)'],
    [512, '512 bytes/s (4.1 kbit/s)'],
    [1536, '1.5 KiB/s (1,536 bytes/s, 12.3 kbit/s)'],
    [1048576, '1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s)'],
    [1572864, '1.5 MiB/s (1,572,864 bytes/s, 12.6 Mbit/s)'],
    [67108864, '64 MiB/s (67,108,864 bytes/s, 536.9 Mbit/s)'],
    [1000341504, '954 MiB/s (1,000,341,504 bytes/s, 8 Gbit/s)'],
    [1073741824, '1 GiB/s (1,073,741,824 bytes/s, 8.6 Gbit/s)'],
    [1099511627776, '1 TiB/s (1,099,511,627,776 bytes/s, 8.8 Tbit/s)'],
    [0.5, '0.5 bytes/s (4 bit/s)'],
  ];
  for (const [bytes, text] of expected) assert.equal(formatBandwidth(bytes), text, String(bytes));
});

const MISTAKES: [string, string, string[]][] = [
  ['1K', '`K` is not a Kubernetes suffix: use `k` (×1000) or `Ki` (×1024).', ['1k', '1Ki']],
  ['-1K', '`K` is not a Kubernetes suffix: use `k` (×1000) or `Ki` (×1024).', ['-1k', '-1Ki']],
  ['64KB', '`KB` is not a Kubernetes suffix (quantities have no byte unit): use `k` (×1000) or `Ki` (×1024).', ['64k', '64Ki']],
  ['64MB', '`MB` is not a Kubernetes suffix (quantities have no byte unit): use `M` (×1000²) or `Mi` (×1024²).', ['64M', '64Mi']],
  ['64mb', '`mb` is not a Kubernetes suffix (quantities have no byte unit): use `M` (×1000²) or `Mi` (×1024²).', ['64M', '64Mi']],
  ['1Gib', '`Gib` is not a Kubernetes suffix (quantities have no byte unit): write `Gi` (×1024³).', ['1Gi']],
  ['1gi', '`gi` is not a Kubernetes suffix (suffixes are case-sensitive): write `Gi` (×1024³).', ['1Gi']],
  ['1GiB', '`GiB` is not a Kubernetes suffix (quantities have no byte unit): write `Gi` (×1024³).', ['1Gi']],
  ['1kib', '`kib` is not a Kubernetes suffix (quantities have no byte unit; suffixes are case-sensitive): write `Ki` (×1024).', ['1Ki']],
  ['1mi', '`mi` is not a Kubernetes suffix (suffixes are case-sensitive, and a lowercase `m` means milli): write `Mi` (×1024²).', ['1Mi']],
  ['1g', '`g` is not a Kubernetes suffix (suffixes are case-sensitive): use `G` (×1000³) or `Gi` (×1024³).', ['1G', '1Gi']],
  ['1t', '`t` is not a Kubernetes suffix (suffixes are case-sensitive): use `T` (×1000⁴) or `Ti` (×1024⁴).', ['1T', '1Ti']],
  ['64B', '`B` is not a Kubernetes suffix (quantities have no byte unit): write the plain number `64`.', ['64']],
  ['64 Mi', 'Quantities cannot contain spaces: write `64Mi`.', ['64Mi']],
  [' 64Mi ', 'Quantities cannot have leading or trailing spaces: write `64Mi`.', ['64Mi']],
  ['1k ', 'Quantities cannot have leading or trailing spaces: write `1k`.', ['1k']],
  ['64 MiB', 'Quantities cannot contain spaces. `MiB` is not a Kubernetes suffix (quantities have no byte unit): write `Mi` (×1024²).', ['64Mi']],
  ['100Mbps', '`Mbps` counts bits, but bandwidthPerMigration is in bytes per second: 100 Mbit/s is 12.5 MB/s, so write `12500k`.', ['12500k']],
  ['100Mb/s', '`Mb/s` counts bits, but bandwidthPerMigration is in bytes per second: 100 Mbit/s is 12.5 MB/s, so write `12500k`.', ['12500k']],
  ['1Gbps', '`Gbps` counts bits, but bandwidthPerMigration is in bytes per second: 1 Gbit/s is 125 MB/s, so write `125M`.', ['125M']],
  ['10Gbit/s', '`Gbit/s` counts bits, but bandwidthPerMigration is in bytes per second: 10 Gbit/s is 1.25 GB/s, so write `1250M`.', ['1250M']],
  ['100Mibps', '`Mibps` counts bits, but bandwidthPerMigration is in bytes per second: 100 Mibit/s is 12.5 MiB/s, so write `12800Ki`.', ['12800Ki']],
  ['100MB/s', '`MB/s` is not a Kubernetes suffix (the value is already in bytes per second; quantities have no byte unit): use `M` (×1000²) or `Mi` (×1024²).', ['100M', '100Mi']],
  ['64Mi/s', '`Mi/s` is not a Kubernetes suffix (the value is already in bytes per second): write `Mi` (×1024²).', ['64Mi']],
  ['64MiB/s', '`MiB/s` is not a Kubernetes suffix (the value is already in bytes per second; quantities have no byte unit): write `Mi` (×1024²).', ['64Mi']],
  ['1e1.5', "`1e1.5` has a fractional exponent: the CRD pattern accepts it, but KubeVirt's webhook parses it with Go's ParseQuantity, which allows only whole-number exponents. Write `32` (rounded).", ['32']],
  ['1e5.', "`1e5.` has a fractional exponent: the CRD pattern accepts it, but KubeVirt's webhook parses it with Go's ParseQuantity, which allows only whole-number exponents. Write `1e5`.", ['1e5']],
  ['.', "`.` has no digits: Go's parser reads it as 0, but the CRD pattern rejects it, so write `0`.", ['0']],
  ['+', "`+` has no digits: Go's parser reads it as 0, but the CRD pattern rejects it, so write `0`.", ['0']],
  ['-', "`-` has no digits: Go's parser reads it as 0, but the CRD pattern rejects it, so write `0`.", ['0']],
  ['Mi', '`Mi` has no number before the suffix: write one, e.g. `1Mi`.', ['1Mi']],
  ['0x10', 'Quantities are decimal, and `0x10` is hexadecimal: write `16`.', ['16']],
  ['', 'An empty value is not a quantity: write a number such as `0`.', ['0']],
  ['1,000', 'Quantities cannot contain thousands separators: write `1000`.', ['1000']],
  ['1,000MB', 'Quantities cannot contain thousands separators. `MB` is not a Kubernetes suffix (quantities have no byte unit): use `M` (×1000²) or `Mi` (×1024²).', ['1000M', '1000Mi']],
  ['1,5Gi', 'Quantities use a decimal point, not a comma: write `1.5Gi`.', ['1.5Gi']],
  ['"64Mi"', 'The quotation marks are part of the value: write `64Mi`.', ['64Mi']],
  ['1e99999999999999999999', '`1e99999999999999999999` matches the CRD pattern, but KubeVirt\'s webhook rejects it (Go\'s ParseQuantity says "unable to parse quantity\'s suffix").', []],
  ['50%', '`50%` is not a Kubernetes quantity: write a decimal number with an optional suffix (`k`, `M`, `G` for ×1000 steps, `Ki`, `Mi`, `Gi` for ×1024 steps), such as `64Mi`.', []],
];

for (const [text, message, suggestions] of MISTAKES) {
  test(`mistake ${JSON.stringify(text)}`, () => {
    assert.ok(!isValidQuantity(text));
    const mistake = explainQuantityMistake(text);
    assert.deepEqual(mistake, { message, suggestions });
    assertSuggestionsValid(text, suggestions);
  });
}

test('explainQuantityMistake: undefined for valid quantities, only valid suggestions otherwise', () => {
  const extra = ['1KiB', '1MI', '12.5MB/s', '1bps', '64Mbit', '1e', '1i', '1.1.M', '0o17', '-0x1F', '1_000', '1 000', '   ', '-.', '.Ei', 'k', '1.5e3.2', '1e-0.5', '1e400.5', '\t64Mi\n', "'1Gi'", '1,5,6'];
  for (const text of [...CASES.map((c) => c.input), ...MISTAKES.map(([t]) => t), ...extra]) {
    const mistake = explainQuantityMistake(text);
    if (isValidQuantity(text)) {
      assert.equal(mistake, undefined, text);
      continue;
    }
    assert.ok(mistake, `${JSON.stringify(text)} needs an explanation`);
    assert.ok(mistake.message.length > 0);
    assertSuggestionsValid(text, mistake.suggestions);
  }
});

test('goFormatFloat prints a float64 as Go\'s %v does (the bounds in the API server\'s schema messages)', () => {
  // Seen from the real kube-apiserver: "should be less than or equal to 2e+06", "Invalid value: 2.2440578872785e+09".
  assert.deepEqual([2000000, 2244057887.2785, 100, 1, 0, 0.4, 123456, 1e21, 0.0001, 0.00001, -1.5e-7].map(goFormatFloat),
    ['2e+06', '2.2440578872785e+09', '100', '1', '0', '0.4', '123456', '1e+21', '0.0001', '1e-05', '-1.5e-07']);
});
