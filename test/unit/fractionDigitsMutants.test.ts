// Session 27 (issue 16): parseQuantity rounds a value with more than 9 fraction digits to nano on its text
// (validating a million fraction digits took minutes through a BigInt of them all; the million-digit cases are in
// parseCostFractionMutants.test.ts). These short rows pin each step of that rounding against the Go oracle
// (scripts/go-oracle.sh: resource.ParseQuantity(...).String(), noted per row).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuantity } from '../../server/src/policy/quantity';

const parsed = (text: string) => {
  const result = parseQuantity(text);
  assert.ok(result.ok, text);
  const { mantissa, exponent, format, negative } = result.quantity;
  return [`${negative ? '-' : ''}${mantissa}e${exponent}`, format];
};

test('parseQuantity rounds fraction digits beyond nano up, on the text, as Go does', () => {
  const rows: [string, string, string][] = [
    // decimal: the digits past the ninth only decide whether to round up
    ['0.0000000001', '1e-9', 'DecimalSI'], // Go 1n
    ['0.00000000010', '1e-9', 'DecimalSI'], // Go 1n
    ['1.0000000001', '1000000001e-9', 'DecimalSI'], // Go 1000000001n
    ['1.1111111111', '1111111112e-9', 'DecimalSI'], // Go 1111111112n (no zero digit at all)
    // binary: ceil(digits × 2^10 / 10^shift); exactly 1n when the digits are a multiple of 5^10 = 9765625
    ['0.0000000000009765625Ki', '1e-9', 'DecimalSI'], // Go 1n
    ['0.0000000000009765626Ki', '2e-9', 'DecimalSI'], // Go 2n
    ['-0.0000000000009765626Ki', '-2e-9', 'DecimalSI'], // Go -2n
    ['0.00000000000097656250Ki', '1e-9', 'DecimalSI'], // Go 1n (a zero past the cut rounds nothing)
    ['0.00000000000097656251Ki', '2e-9', 'DecimalSI'], // Go 2n (a 1 past the cut rounds up)
    ['0.0000000001Ki', '103e-9', 'DecimalSI'], // Go 103n (fewer digits to drop than the suffix's bits)
    ['0.0000000005Ki', '512e-9', 'DecimalSI'], // Go 512n (exactly: nothing to round up)
    [`0.${'0'.repeat(40)}1Ki`, '1e-9', 'DecimalSI'], // Go 1n (every digit past the cut)
    [`0.${'0'.repeat(40)}1Ei`, '1e-9', 'DecimalSI'], // Go 1n
    [`0.${'1'.repeat(41)}Ki`, '113777777778e-9', 'BinarySI'], // Go 113777777778n
    [`0.${'9'.repeat(41)}Ei`, '1152921504606846976e0', 'BinarySI'], // Go 1Ei
  ];
  for (const [text, value, format] of rows) assert.deepEqual(parsed(text), [value, format], text.length > 60 ? `${text.slice(0, 20)}… (${text.length} characters)` : text);
});
