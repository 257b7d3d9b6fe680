// Session 27 (issue 16): a million fraction digits. validation.ts line 557 (the parse-cost warning worded for
// fraction digits, session 26) had no test reaching it; writing this one showed that validating such a value took
// minutes (parseQuantity made a BigInt of all the digits and back), now rounded on the text (the short cases of
// that rounding are in fractionDigitsMutants.test.ts). Kept apart from those: under Stryker's instrumentation of
// quantity.ts a million-character value costs minutes per run.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuantity } from '../../server/src/policy/quantity';
import { CATCH_ALL, findingRows, POLICY_HEAD } from '../support/findingRows';

const SPEC = POLICY_HEAD + 'spec:\n  selectors: {}\n';
const million = `0.${'1'.repeat(1_000_009)}`;

test('parseQuantity: a million fraction digits round up to nano (Go 111111112n, and 113777777778n with Ki)', () => {
  const nano = (text: string) => {
    const result = parseQuantity(text);
    assert.ok(result.ok);
    return [result.quantity.mantissa, result.quantity.exponent, result.quantity.format];
  };
  assert.deepEqual(nano(million), [111111112n, -9, 'DecimalSI']);
  assert.deepEqual(nano(`${million}Ki`), [113777777778n, -9, 'BinarySI']);
});

// validation.ts checkParseCost `/[eE]/` -> `/[^eE]/`, and the fraction-digit words -> [] or "": without an
// exponent the digits Go's ParseQuantity rounds come from the fraction, so the warning names those.
test('parse cost: a million fraction digits (also with Ki) is the slow-parse warning worded for fraction digits', () => {
  const text = million;
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
