// Session 27 (issue 16): quantities with many fraction digits. validation.ts line 557 (the parse-cost warning
// worded for fraction digits, session 26) had no test reaching it; writing one showed that validating a value
// with a million fraction digits took minutes, in parseQuantity's BigInt of the digits and back. parseQuantity
// now rounds such a value to nano on its text; these rows pin the rounding against the Go oracle
// (scripts/go-oracle.sh: resource.ParseQuantity(...).String(), noted per row).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuantity } from '../../server/src/policy/quantity';
import { CATCH_ALL, findingRows, POLICY_HEAD } from '../support/findingRows';

const SPEC = POLICY_HEAD + 'spec:\n  selectors: {}\n';
const parsed = (text: string) => {
  const result = parseQuantity(text);
  assert.ok(result.ok, text);
  const { mantissa, exponent, format, negative } = result.quantity;
  return [`${negative ? '-' : ''}${mantissa}e${exponent}`, format];
};

test('parseQuantity rounds fraction digits beyond nano up, on the text, as Go does', () => {
  const million = '1'.repeat(1_000_009);
  const rows: [string, string, string][] = [
    // decimal: the digits past the ninth only decide whether to round up
    ['0.0000000001', '1e-9', 'DecimalSI'], // Go 1n
    ['0.00000000010', '1e-9', 'DecimalSI'], // Go 1n
    ['1.0000000001', '1000000001e-9', 'DecimalSI'], // Go 1000000001n
    ['1.1111111111', '1111111112e-9', 'DecimalSI'], // Go 1111111112n (no zero digit at all)
    [`0.${million}`, '111111112e-9', 'DecimalSI'], // Go 111111112n
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
    [`0.${million}Ki`, '113777777778e-9', 'BinarySI'], // Go 113777777778n
    [`0.${'9'.repeat(41)}Ei`, '1152921504606846976e0', 'BinarySI'], // Go 1Ei
  ];
  for (const [text, value, format] of rows) assert.deepEqual(parsed(text), [value, format], text.length > 60 ? `${text.slice(0, 20)}… (${text.length} characters)` : text);
});

// validation.ts checkParseCost `/[eE]/` -> `/[^eE]/`, and the fraction-digit words -> [] or "": without an
// exponent the digits Go's ParseQuantity rounds come from the fraction, so the warning names those.
test('parse cost: a million fraction digits (also with Ki) is the slow-parse warning worded for fraction digits', () => {
  const text = `0.${'1'.repeat(1_000_009)}`;
  const slow = (t: string) => `\`spec.bandwidthPerMigration\`: \`${t}\` has so many fraction digits that they make Go's ParseQuantity work through 1,000,000 digits: seconds of CPU in KubeVirt's admission webhook, which is given 10 s. Write the value with fewer fraction digits.`;
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: "${text}"\n`), [
    [`"${text}"`, 'warning', 'quantity-invalid', slow(text)],
    [`"${text}"`, 'warning', 'bandwidth-milli', `\`${text}\` is 0.111111112 bytes per second (less than one byte). KubeVirt converts it to 0 bytes, which means no limit at all.`],
    CATCH_ALL,
  ]);
  assert.deepEqual(findingRows(`${SPEC}  bandwidthPerMigration: "${text}Ki"\n`), [
    [`"${text}Ki"`, 'warning', 'quantity-invalid', slow(`${text}Ki`)],
    [`"${text}Ki"`, 'warning', 'bandwidth-small', `\`${text}Ki\` is below 1Mi: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl.`, { kind: 'replace', replacements: ['1Mi'] }],
    CATCH_ALL,
  ]);
});
