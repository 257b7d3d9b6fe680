// The parts of policy/quantity.ts that mutation testing found unpinned: the rounding-cost estimate behind
// the "slow to parse" warning, the edges of formatBandwidth, and the wording of the plain-words mistakes
// for every suffix power, bit rate and text fix. Expected values are worked out by hand from the rules the
// code states (inf.Dec's Round to scale 9; ×1000/×1024 steps; 8 bits a byte), not read back from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainQuantityMistake, formatBandwidth, goRoundingDigits } from '../../server/src/policy/quantity';

test('goRoundingDigits: the digits inf.Dec must shift to round a slow-path value to scale 9 (0 on the int64 fast path)', () => {
  // ParseQuantity takes the int64 fast path for at most 18 digits and a scale of 10^-9 or coarser; otherwise it
  // builds an inf.Dec of scale (fraction digits - suffix exponent) and rounds it to scale 9: |scale - 9| digits.
  const cases: [string, number][] = [
    ['0', 0], ['1', 0], ['1n', 0], ['1e-9', 0], ['1e400', 0], ['123456789012345678', 0],
    ['1e-10', 1], ['1.5n', 1], ['1.5e-9', 1], ['0.0000000001', 1], ['-1e-20', 11], ['1e-1000', 991],
    ['1234567890123456789', 9], ['12345678901234567890n', 0], ['123456789012345678901e300', 309],
    // binary suffixes: the int64 path without fraction digits, else an inf.Dec of scale (fraction digits);
    // nothing to round when every digit is 0; invalid text is not parsed.
    ['1Ki', 0], ['12345678901Ki', 0], ['123456789012Ki', 9], ['1Ei', 9], ['1.5Ki', 8], ['0.5Mi', 8], ['1.0000000001Ki', 1], ['0.000000000000Ki', 0],
    ['0e-100', 0], ['0.00000000000', 0], ['1x', 0], ['1e-8.5', 0],
  ];
  for (const [text, digits] of cases) assert.equal(goRoundingDigits(text), digits, text);
});

test('formatBandwidth: sign, overflow, the 1 KiB boundary and the largest units', () => {
  const cases: [number, string][] = [
    [-1536, '-1.5 KiB/s (1,536 bytes/s, 12.3 kbit/s)'],
    [Infinity, 'more than 10^308 bytes/s'],
    [-Infinity, 'less than -10^308 bytes/s'],
    [NaN, 'not a number'],
    [1023, '1,023 bytes/s (8.2 kbit/s)'],
    [1024, '1 KiB/s (1,024 bytes/s, 8.2 kbit/s)'],
    [125, '125 bytes/s (1 kbit/s)'],
    [1e9, '953.67 MiB/s (1,000,000,000 bytes/s, 8 Gbit/s)'],
    [125e12, '113.69 TiB/s (125,000,000,000,000 bytes/s, 1 Pbit/s)'],
    [2 ** 60, '1 EiB/s (1,152,921,504,606,846,976 bytes/s, 9.2 Ebit/s)'],
    // past the last unit the number keeps growing: 2^70 B is 1024 EiB, 2^73 bit is 9444.7 Ebit
    [2 ** 70, '1024 EiB/s (1,180,591,620,717,411,303,424 bytes/s, 9444.7 Ebit/s)'],
  ];
  for (const [bytes, text] of cases) assert.equal(formatBandwidth(bytes), text, String(bytes));
});

const GENERIC = 'is not a Kubernetes quantity: write a decimal number with an optional suffix (`k`, `M`, `G` for ×1000 steps, `Ki`, `Mi`, `Gi` for ×1024 steps), such as `64Mi`.';

const MISTAKES: [string, string, string[]][] = [
  // every power's multiplier (×1000ⁿ, ×1024ⁿ) and the one below 1 (m, ×1/1000)
  ['1TB', '`TB` is not a Kubernetes suffix (quantities have no byte unit): use `T` (×1000⁴) or `Ti` (×1024⁴).', ['1T', '1Ti']],
  ['1PB', '`PB` is not a Kubernetes suffix (quantities have no byte unit): use `P` (×1000⁵) or `Pi` (×1024⁵).', ['1P', '1Pi']],
  ['1EB', '`EB` is not a Kubernetes suffix (quantities have no byte unit): use `E` (×1000⁶) or `Ei` (×1024⁶).', ['1E', '1Ei']],
  ['1p', '`p` is not a Kubernetes suffix (suffixes are case-sensitive): use `P` (×1000⁵) or `Pi` (×1024⁵).', ['1P', '1Pi']],
  ['1mB', '`mB` is not a Kubernetes suffix (quantities have no byte unit): use `M` (×1000²) or `Mi` (×1024²).', ['1M', '1Mi']],
  ['1m/s', '`m/s` is not a Kubernetes suffix (the value is already in bytes per second): write `m` (×1/1000).', ['1m']],
  ['1k/s', '`k/s` is not a Kubernetes suffix (the value is already in bytes per second): write `k` (×1000).', ['1k']],
  ['1Ei/s', '`Ei/s` is not a Kubernetes suffix (the value is already in bytes per second): write `Ei` (×1024⁶).', ['1Ei']],
  ['1EB/s', '`EB/s` is not a Kubernetes suffix (the value is already in bytes per second; quantities have no byte unit): use `E` (×1000⁶) or `Ei` (×1024⁶).', ['1E', '1Ei']],
  // bit rates: 8 bits a byte, rounded up to a whole byte, in the family (×1000 or ×1024) that was written
  ['8bit', '`bit` counts bits, but bandwidthPerMigration is in bytes per second: 8 bit/s is 1 B/s, so write `1`.', ['1']],
  ['1Pbps', '`Pbps` counts bits, but bandwidthPerMigration is in bytes per second: 1 Pbit/s is 125 TB/s, so write `125T`.', ['125T']],
  ['1Ebps', '`Ebps` counts bits, but bandwidthPerMigration is in bytes per second: 1 Ebit/s is 125 PB/s, so write `125P`.', ['125P']],
  ['8Ebps', '`Ebps` counts bits, but bandwidthPerMigration is in bytes per second: 8 Ebit/s is 1 EB/s, so write `1E`.', ['1E']],
  ['1kibps', '`kibps` counts bits, but bandwidthPerMigration is in bytes per second: 1 Kibit/s is 128 B/s, so write `128`.', ['128']],
  ['1Tibps', '`Tibps` counts bits, but bandwidthPerMigration is in bytes per second: 1 Tibit/s is 128 GiB/s, so write `128Gi`.', ['128Gi']],
  ['1Pibps', '`Pibps` counts bits, but bandwidthPerMigration is in bytes per second: 1 Pibit/s is 128 TiB/s, so write `128Ti`.', ['128Ti']],
  ['1Eibps', '`Eibps` counts bits, but bandwidthPerMigration is in bytes per second: 1 Eibit/s is 128 PiB/s, so write `128Pi`.', ['128Pi']],
  // fractional exponents: 0.5 × 10^1.5 = 15.8 → 16; 10^-1.5 = 0.0316 (3 digits); 10^400.5 has no quantity near it
  ['0.5e1.5', "`0.5e1.5` has a fractional exponent: the CRD pattern accepts it, but KubeVirt's webhook parses it with Go's ParseQuantity, which allows only whole-number exponents. Write `16` (rounded).", ['16']],
  ['1e-1.5', "`1e-1.5` has a fractional exponent: the CRD pattern accepts it, but KubeVirt's webhook parses it with Go's ParseQuantity, which allows only whole-number exponents. Write `31600u` (rounded).", ['31600u']],
  ['1e400.5', "`1e400.5` has a fractional exponent: the CRD pattern accepts it, but KubeVirt's webhook parses it with Go's ParseQuantity, which allows only whole-number exponents.", []],
  // radixes
  ['0o17', 'Quantities are decimal, and `0o17` is octal: write `15`.', ['15']],
  ['0b101', 'Quantities are decimal, and `0b101` is binary: write `5`.', ['5']],
  ['0X1f', 'Quantities are decimal, and `0X1f` is hexadecimal: write `31`.', ['31']],
  // separators, each fix only for the whole text
  ['1_000', 'Quantities cannot contain thousands separators: write `1000`.', ['1000']],
  ["1'000", 'Quantities cannot contain thousands separators: write `1000`.', ['1000']],
  ['-1,000', 'Quantities cannot contain thousands separators: write `-1000`.', ['-1000']],
  ['1,000.5', 'Quantities cannot contain thousands separators: write `1000.5`.', ['1000.5']],
  ['12,345,678', 'Quantities cannot contain thousands separators: write `12345678`.', ['12345678']],
  ['1,000x', `Quantities cannot contain thousands separators. \`1000x\` ${GENERIC}`, []],
  ['1,5', 'Quantities use a decimal point, not a comma: write `1.5`.', ['1.5']],
  ['-1,5', 'Quantities use a decimal point, not a comma: write `-1.5`.', ['-1.5']],
  [',5', 'Quantities use a decimal point, not a comma: write `.5`.', ['.5']],
  ['1,5x', `Quantities use a decimal point, not a comma. \`1.5x\` ${GENERIC}`, []],
  ['1,50,0', `Quantities use a decimal point, not a comma. \`1.50,0\` ${GENERIC}`, []],
  // text around a fixable core is not fixed
  ['x"1"', `\`x"1"\` ${GENERIC}`, []],
  ['"1"x', `\`"1"x\` ${GENERIC}`, []],
  ['a0x10', `\`a0x10\` ${GENERIC}`, []],
  ['0x10k', `\`0x10k\` ${GENERIC}`, []],
  ['x1,000', `\`x1,000\` ${GENERIC}`, []],
  ['x1,5', `\`x1,5\` ${GENERIC}`, []],
  // a bare suffix, with a sign or a point; a bare non-suffix
  ['+k', '`+k` has no number before the suffix: write one, e.g. `1k`.', ['1k']],
  ['.Mi', '`.Mi` has no number before the suffix: write one, e.g. `1Mi`.', ['1Mi']],
  ['kB', `\`kB\` ${GENERIC}`, []],
  ['1e', `\`1e\` ${GENERIC}`, []],
];

for (const [text, message, suggestions] of MISTAKES) {
  test(`mistake ${JSON.stringify(text)}`, () => assert.deepEqual(explainQuantityMistake(text), { message, suggestions }));
}
