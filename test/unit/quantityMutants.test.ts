// The surviving mutants of policy/quantity.ts (session 22's run, issue 16) that change an answer, each pinned
// here (the equivalent ones are in test/mutation/survivors.json with their reasons). Expected values come
// from upstream: Go's answers in test/support/goQuantityTable.ts (apimachinery quantity.go/suffix.go and
// KubeVirt's QuantityToMebiByte, re-asked by the fidelity tier), quantity.go's code where the value is an
// internal of Go's Quantity (int64Amount or inf.Dec, its scale), or plain arithmetic (8 bits a byte, ×1000 and
// ×1024 steps) for the plain-words help, never read back from the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  effectiveBandwidthBytes, explainQuantityMistake, formatBandwidth, goQuantity, goRoundingDigits, parseQuantity, quantityToNumber,
} from '../../server/src/policy/quantity';
import { GO_QUANTITY_ROWS } from '../support/goQuantityTable';

const MAX_INT64 = 2n ** 63n - 1n;

/** Go's row for an input (String(), CanonicalizeBytes(), launcher MiB, direct MiB, flags). */
function goRow(input: string): string[] {
  const row = GO_QUANTITY_ROWS.find((r) => r[0] === input);
  assert.ok(row && row.length > 2, `Go table has an accepted row for ${input}`);
  return row as string[];
}

test('parseQuantity: a zero is never negative, whatever its sign (Go: Sign() is 0, IsZero() true)', () => {
  for (const text of ['-0', '-0.0', '-.']) {
    assert.deepEqual(goRow(text)[5], '0', `Go: ${text} is zero and not negative`);
    const parsed = parseQuantity(text);
    assert.deepEqual(parsed, { ok: true, quantity: { mantissa: 0n, exponent: 0, format: 'DecimalSI', negative: false } }, text);
    assert.ok(parsed.ok && Object.is(quantityToNumber(parsed.quantity), 0), `${text} reads as 0, not -0`);
  }
});

test('parseQuantity: a binary value of exactly 1 stays BinarySI; only values below 1 become DecimalSI', () => {
  // quantity.go ParseQuantity: `if format == BinarySI && amount.Cmp(decOne) < 0 && amount.Cmp(decZero) > 0 { format = DecimalSI }`
  const one = parseQuantity('0.0009765625Ki'); // 1/1024 Ki = 1
  assert.deepEqual(one, { ok: true, quantity: { mantissa: 1n, exponent: 0, format: 'BinarySI', negative: false } });
  const below = parseQuantity('0.0009765624Ki'); // 0.9999999... rounded up to 10^-9 steps: below 1
  assert.ok(below.ok);
  assert.equal(below.quantity.format, 'DecimalSI');
});

test('goQuantity: Go\'s own representation (int64Amount or inf.Dec, its scale, the kept text) for the special cases', () => {
  const q = (text: string) => {
    const parsed = parseQuantity(text);
    assert.ok(parsed.ok, text);
    return parsed.quantity;
  };
  // quantity.go ParseQuantity: `if str == "0" { return Quantity{Format: DecimalSI, s: str}, nil }`: an int64Amount
  // zero that keeps its text.
  assert.deepEqual(goQuantity('0'), { kind: 'int64', unscaled: 0n, exponent: 0, quantity: q('0'), cached: '0' });
  // The BinarySI cap: `amount.Set(maxAllowed.Dec)`, an inf.Dec of 2^63-1 at scale 0 (maxAllowed = inf.NewDec(maxInt64, 0)).
  assert.deepEqual(goQuantity('8Ei'), { kind: 'dec', unscaled: MAX_INT64, exponent: 0, quantity: q('8Ei') });
  assert.deepEqual(goQuantity('-8Ei'), { kind: 'dec', unscaled: -MAX_INT64, exponent: 0, quantity: q('-8Ei') });
  // A decimal 2^63-1 has 19 digits: the inf.Dec path, rounded to scale 9 (Round(amount, Nano.infScale(), RoundUp)).
  assert.deepEqual(goQuantity('9223372036854775807'), { kind: 'dec', unscaled: MAX_INT64 * 10n ** 9n, exponent: -9, quantity: q('9223372036854775807') });
  // Below the nano scale the int64 path gives up (`if scale >= int32(Nano)`): inf.Dec, rounded up to 1n.
  assert.deepEqual(goQuantity('1e-10'), { kind: 'dec', unscaled: 1n, exponent: -9, quantity: q('1e-10') });
  // The binary fast path: precision = 15 - len(num) - int32(float32(exponent)*3/10) - 1 must be >= 0.
  const kinds: [string, 'int64' | 'dec'][] = [
    ['12345678901Ki', 'int64'], ['123456789012Ki', 'dec'], ['12345678Mi', 'int64'], ['123456789Mi', 'dec'],
    ['12345Gi', 'int64'], ['123456Gi', 'dec'], ['12Ti', 'int64'], ['123Ti', 'dec'], ['1Pi', 'dec'], ['1Ei', 'dec'],
    ['1.5Ki', 'dec'],
  ];
  for (const [text, kind] of kinds) assert.equal(goQuantity(text)?.kind, kind, text);
});

test('goRoundingDigits: the inf.Dec scale that ParseQuantity rounds to 9, for the digit counts that decide the path', () => {
  // Go rejects `1K` at the suffix, before any rounding.
  assert.equal(goRoundingDigits('1K'), 0);
  assert.equal(goRoundingDigits('1Kb'), 0);
  // 5.5e-30: inf.Dec 55 at scale 1 + 30 = 31, rounded to scale 9: 22 digits.
  assert.equal(goRoundingDigits('5.5e-30'), 22);
  // 20 digits are past the int64 path's 18 (maxInt64Factors): inf.Dec at scale 1, padded to 9: 8 digits.
  assert.equal(goRoundingDigits('1234567890123456789.5'), 8);
});

test('formatBandwidth: from 10^21 EiB/s up, three significant digits times a power of ten, trailing zeros dropped', () => {
  // 10^21 × 2^60 bytes/s is exactly 10^21 EiB/s; ×8 bits ÷ 1000^6 is 9.22… × 10^21 Ebit/s.
  assert.equal(
    formatBandwidth(1e21 * 2 ** 60),
    '1 × 10^21 EiB/s (1,152,921,504,606,846,976,000,000,000,000,000,000,000 bytes/s, 9.22 × 10^21 Ebit/s)',
  );
  // 1.05 × 10^21 EiB/s: the zero inside "1.05" stays.
  assert.equal(
    formatBandwidth(1.05e21 * 2 ** 60),
    '1.05 × 10^21 EiB/s (1,210,567,579,837,189,324,800,000,000,000,000,000,000 bytes/s, 9.68 × 10^21 Ebit/s)',
  );
});

test('effectiveBandwidthBytes: text Go rejects applies no limit and gets no note', () => {
  for (const text of ['1K', '', '1e1.5', 'abc']) assert.deepEqual(effectiveBandwidthBytes(text), { bytesPerSecond: 0 }, text);
});

test('effectiveBandwidthBytes: the notes name Go\'s wire text and virt-launcher\'s figures', () => {
  // virt-launcher fails on 1e2147483647: Go's String() is 10e2147483646 and QuantityToMebiByte errs.
  const [, string, , launcher] = goRow('1e2147483647');
  assert.equal(launcher, '!');
  const error = `Memory size '${string}' must be greater than or equal to 0`;
  assert.deepEqual(effectiveBandwidthBytes('1e2147483647'), {
    bytesPerSecond: 0,
    fails: error,
    note: `virt-launcher cannot convert this bandwidth to bytes ("${error}"), so every migration under this policy fails to start.`,
  });
  // From 10^21 a DecimalSI value loses its suffix on the wire: 123000E (1.23 × 10^23) is passed on as 123.
  for (const text of ['1000E', '123000E']) {
    const [, wire, , mib] = goRow(text);
    assert.deepEqual(effectiveBandwidthBytes(text), {
      bytesPerSecond: Number(mib) * 1048576,
      note: `virt-launcher's 64-bit conversion turns this into ${mib} MiB/s. KubeVirt passes it on as \`${wire}\` (Go's Quantity prints decimal values from 10^21 without their suffix).`,
    }, text);
  }
  // 1k: Go keeps the text, virt-launcher raises 1000 bytes/s to 1 MiB/s, nothing about the round trip.
  assert.equal(goRow('1k')[1], '1k');
  assert.equal(goRow('1k')[3], '1');
  assert.deepEqual(effectiveBandwidthBytes('1k'), { bytesPerSecond: 1048576, note: 'KubeVirt raises a limit below 1 MiB/s to 1 MiB/s.' });
  // 1.0 is written back as 1 (1 MiB/s); as written it would be 0 MiB, no limit (Go's direct column).
  const [, one, , oneLauncher, oneDirect] = goRow('1.0');
  assert.deepEqual([one, oneLauncher, oneDirect], ['1', '1', '0']);
  assert.deepEqual(effectiveBandwidthBytes('1.0'), {
    bytesPerSecond: 1048576,
    note: 'KubeVirt raises a limit below 1 MiB/s to 1 MiB/s. virt-launcher never converts `1.0` as written (that would mean no limit): KubeVirt records the policy\'s value on the VMI as `1`, and virt-launcher converts that.',
  });
  // A fraction within float precision of a whole MiB count (1024 MiB and 10^-9 byte) counts as exact.
  assert.equal(goRow('1073741824.000000001')[3], '1024');
  assert.deepEqual(effectiveBandwidthBytes('1073741824.000000001'), { bytesPerSecond: 1073741824 });
});

const bits = (unit: string, number: string, rate: string, write: string) => ({
  message: `\`${unit}\` counts bits, but bandwidthPerMigration is in bytes per second: ${number} ${unit.replace(/ps$|bits?$/, 'bit')}/s is ${rate}, so write \`${write}\`.`,
  suggestions: [write],
});

test('explainQuantityMistake: bit rates in bytes, for every unit family and a fractional number', () => {
  // 8 Kibit = 1024 bytes = 1 KiB; 8 kbit = 1000 bytes = 1 kB; 8192 Eibit = 2^70 bytes = 1024 EiB (no suffix beyond Ei).
  assert.deepEqual(explainQuantityMistake('8Kibit'), bits('Kibit', '8', '1 KiB/s', '1Ki'));
  assert.deepEqual(explainQuantityMistake('8kbit'), bits('kbit', '8', '1 kB/s', '1k'));
  assert.deepEqual(explainQuantityMistake('8192Eibit'), bits('Eibit', '8192', '1024 EiB/s', '1024Ei'));
  // 1.5 Gbit = 1.5e9 / 8 = 187,500,000 bytes = 187.5 MB.
  assert.deepEqual(explainQuantityMistake('1.5Gbit'), bits('Gbit', '1.5', '187.5 MB/s', '187500k'));
  // A leading + is dropped from the number it repeats: 8 bit = 1 byte.
  assert.deepEqual(explainQuantityMistake('+8bit'), bits('bit', '8', '1 B/s', '1'));
  // Two fraction digits, a number that starts with the point: 1.25 Mbit = 156,250 B; .55 Mbit = 68,750 B.
  assert.deepEqual(explainQuantityMistake('1.25Mbps'), { message: '`Mbps` counts bits, but bandwidthPerMigration is in bytes per second: 1.25 Mbit/s is 156.25 kB/s, so write `156250`.', suggestions: ['156250'] });
  assert.deepEqual(explainQuantityMistake('.55Mbps'), { message: '`Mbps` counts bits, but bandwidthPerMigration is in bytes per second: .55 Mbit/s is 68.75 kB/s, so write `68750`.', suggestions: ['68750'] });
});

const GENERIC = (text: string) => ({
  message: `\`${text}\` is not a Kubernetes quantity: write a decimal number with an optional suffix (\`k\`, \`M\`, \`G\` for ×1000 steps, \`Ki\`, \`Mi\`, \`Gi\` for ×1024 steps), such as \`64Mi\`.`,
  suggestions: [],
});
const EMPTY = { message: 'An empty value is not a quantity: write a number such as `0`.', suggestions: ['0'] };

test('explainQuantityMistake: blank and quoted-empty values, radix prefixes with a sign', () => {
  assert.deepEqual(explainQuantityMistake(' '), EMPTY);
  assert.deepEqual(explainQuantityMistake('  '), EMPTY);
  // The quotes are the mistake, and what they hold is empty.
  for (const text of ['""', "''", '``']) {
    assert.deepEqual(explainQuantityMistake(text), { message: `The quotation marks are part of the value. ${EMPTY.message}`, suggestions: ['0'] }, text);
  }
  assert.deepEqual(explainQuantityMistake('-0x10'), { message: 'Quantities are decimal, and `-0x10` is hexadecimal: write `-16`.', suggestions: ['-16'] });
  assert.deepEqual(explainQuantityMistake('+0b101'), { message: 'Quantities are decimal, and `+0b101` is binary: write `+5`.', suggestions: ['+5'] });
});

test('explainQuantityMistake: thousands separators and decimal commas are told apart by their digit groups', () => {
  assert.deepEqual(explainQuantityMistake('1,000.'), { message: 'Quantities cannot contain thousands separators: write `1000.`.', suggestions: ['1000.'] });
  // "1,000,00" has a last group of two digits: not thousands; the first comma is read as a decimal comma.
  assert.deepEqual(explainQuantityMistake('1,000,00'), {
    message: `Quantities use a decimal point, not a comma. ${GENERIC('1.000,00').message}`,
    suggestions: [],
  });
});

test('explainQuantityMistake: what Go accepts and the CRD pattern does not (no digits before an exponent)', () => {
  // Go's answers: ".e5", "e5" and "E5" parse as 0; the CRD pattern needs a digit before the exponent.
  for (const text of ['.e5', 'e5', 'E5']) {
    assert.deepEqual(goRow(text).slice(1), ['0', '0', '0', '0', '0'], `Go reads ${text} as 0`);
    assert.deepEqual(explainQuantityMistake(text), { message: `\`${text}\` is accepted by Go's parser but not by the CRD pattern: write \`0\`.`, suggestions: ['0'] }, text);
  }
});

const fractional = (text: string, suggestion: string) => ({
  message: `\`${text}\` has a fractional exponent: the CRD pattern accepts it, but KubeVirt's webhook parses it with Go's ParseQuantity, which allows only whole-number exponents. Write \`${suggestion}\` (rounded).`,
  suggestions: [suggestion],
});

test('explainQuantityMistake: fractional exponents, for each shape of mantissa and exponent', () => {
  // 10^x worked out by hand, 3 significant digits, then whole: 2 × 10^0.5 = 6.32 → 6; 27 × 10^1.4 = 678.2;
  // .36 × 10^7.8 = 22,714,464 → 22,700,000; 1.25 × 10^1.5 = 39.53 → 39.5 → 40; 10^1.5 = 31.6 → 32;
  // .5 × 10^1.5 = 15.8 → 16; 2 × 10^0.55 = 7.10 → 7.
  assert.deepEqual(explainQuantityMistake('2e.5'), fractional('2e.5', '6'));
  assert.deepEqual(explainQuantityMistake('-27E+1.4'), fractional('-27E+1.4', '-678'));
  assert.deepEqual(explainQuantityMistake('.36e+7.8'), fractional('.36e+7.8', '22700k'));
  assert.deepEqual(explainQuantityMistake('1.25e1.5'), fractional('1.25e1.5', '40'));
  assert.deepEqual(explainQuantityMistake('1.e1.5'), fractional('1.e1.5', '32'));
  assert.deepEqual(explainQuantityMistake('.5e1.5'), fractional('.5e1.5', '16'));
  assert.deepEqual(explainQuantityMistake('2e.55'), fractional('2e.55', '7'));
  // Not a fractional exponent: something before the number, or after the exponent.
  assert.deepEqual(explainQuantityMistake('x1e1.5'), GENERIC('x1e1.5'));
  assert.deepEqual(explainQuantityMistake('1e1.5x'), GENERIC('1e1.5x'));
});

test('explainQuantityMistake: unit words need the whole text, and a unit of `i` or `ps` alone is no unit', () => {
  assert.deepEqual(explainQuantityMistake('x5Mbps'), GENERIC('x5Mbps'));
  assert.deepEqual(explainQuantityMistake('1i'), GENERIC('1i'));
  assert.deepEqual(explainQuantityMistake('8.i'), GENERIC('8.i'));
  assert.deepEqual(explainQuantityMistake('1ps'), GENERIC('1ps'));
  assert.deepEqual(explainQuantityMistake('1kps'), GENERIC('1kps'));
  assert.deepEqual(explainQuantityMistake('1byte'), { message: '`byte` is not a Kubernetes suffix (quantities have no byte unit): write the plain number `1`.', suggestions: ['1'] });
  assert.deepEqual(explainQuantityMistake('4.MB'), { message: '`MB` is not a Kubernetes suffix (quantities have no byte unit): use `M` (×1000²) or `Mi` (×1024²).', suggestions: ['4.M', '4.Mi'] });
  assert.deepEqual(explainQuantityMistake('21.mi'), { message: '`mi` is not a Kubernetes suffix (suffixes are case-sensitive, and a lowercase `m` means milli): write `Mi` (×1024²).', suggestions: ['21.Mi'] });
  assert.deepEqual(explainQuantityMistake('-.471236KI'), { message: '`KI` is not a Kubernetes suffix (suffixes are case-sensitive): write `Ki` (×1024).', suggestions: ['-.471236Ki'] });
});

test('effectiveBandwidthBytes: a rounding note on a fraction shows the digits that differ from the rounded MiB count', () => {
  // 1073741824.01 bytes/s is 1024 + 0.01/1048576 = 1024.0000000095… MiB/s; virt-launcher applies 1024 MiB/s (Go's row).
  // The note used to read "1024 MiB/s becomes 1024 MiB/s" (a float and at most 7 decimals).
  assert.equal(goRow('1073741824.01')[3], '1024');
  assert.deepEqual(effectiveBandwidthBytes('1073741824.01'), {
    bytesPerSecond: 1073741824,
    note: 'KubeVirt rounds the limit to whole MiB/s: 1024.00000001 MiB/s becomes 1024 MiB/s.',
  });
  // 1048576.5 bytes/s = 1.000000476… MiB/s: 7 decimals, rounded half up.
  assert.deepEqual(effectiveBandwidthBytes('1048576.5'), { bytesPerSecond: 1048576, note: 'KubeVirt rounds the limit to whole MiB/s: 1.0000005 MiB/s becomes 1 MiB/s.' });
});
