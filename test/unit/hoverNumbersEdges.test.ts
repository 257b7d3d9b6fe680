// Numbers in hover text as kubectl and KubeVirt read them, exact where a float64 is not:
// - go-yaml v2 (resolve.go, under sigs.k8s.io/yaml, kubevirt-facts.md §8) decodes `!!float 5`, `5.0` and `1e3` to
//   float64 (JSON then sends 5, 5 and 1000), `5` and `!!int 5` to int, and `18446744073709551615` to uint64, which
//   JSON sends digit for digit;
// - apimachinery's Quantity is exact (BigInt-like inf.Dec): `9223372036854775807` is 2^63-1 (the int64 maximum,
//   §6), not 2^63, and `9007199254740993` is 2^53+1;
// - KubeVirt's QuantityToMebiByte (pkg/virt-launcher/virtwrap/converter/vcpu) rounds bytes/2^20 half up through a
//   float64: the Go oracle's rows in test/support/goQuantityTable.ts give 8796093022208 MiB for
//   9223372036854775807 and for 8Ei (2^63 bytes, one more than written).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBandwidth, parseQuantity, quantityToInteger } from '../../server/src/policy/quantity';
import { checkDiagnostics, hoverOf } from '../support/check';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n';
const bandwidth = (value: string) => hoverOf(`${HEAD}  selectors: {}\n  bandwidthPerMigration: ${value}\n`).value.split('\n\n').slice(0, 2);
const selectorValue = (value: string) => hoverOf(`${HEAD}  selectors:\n    namespaceSelector:\n      tier: ${value}\n`).value.split('\n\n')[1];

test('a selector value tagged !!float is a float for kubectl, not an integer; big integers keep their digits', () => {
  const rejects = (reading: string, text: string) => `kubectl reads \`${text}\` as ${reading}, not a string: the API server rejects the policy (selector values must be strings). Quote it: \`"${text}"\`.`;
  assert.equal(selectorValue('!!float ‸5'), rejects('the float 5', '5'));
  assert.equal(selectorValue('‸5.0'), rejects('the float 5', '5.0'));
  assert.equal(selectorValue('‸1e3'), rejects('the float 1000', '1e3'));
  assert.equal(selectorValue('‸1.5'), rejects('the float 1.5', '1.5'));
  assert.equal(selectorValue('!!int ‸5'), rejects('the integer 5', '5'));
  assert.equal(selectorValue('‸5'), rejects('the integer 5', '5'));
  assert.equal(selectorValue('‸18446744073709551615'), rejects('the number 18446744073709551615', '18446744073709551615'));
  assert.equal(selectorValue('‸9223372036854775808'), rejects('the number 9223372036854775808', '9223372036854775808'));
});

test('bandwidths beyond 2^53 bytes/s keep their exact digits, and what KubeVirt applies is compared exactly', () => {
  assert.deepEqual(bandwidth('"‸9223372036854775807"'), [
    '`9223372036854775807` = 8 EiB/s (9,223,372,036,854,775,807 bytes/s, 73.8 Ebit/s)',
    'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 8796093022207.999999 MiB/s becomes 8796093022208 MiB/s. It applies 8 EiB/s (9,223,372,036,854,775,808 bytes/s, 73.8 Ebit/s).',
  ]);
  assert.deepEqual(bandwidth('‸9223372036854775807'), [
    '`9223372036854775807` = 8 EiB/s (9,223,372,036,854,775,807 bytes/s, 73.8 Ebit/s)',
    'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 8796093022207.999999 MiB/s becomes 8796093022208 MiB/s. It applies 8 EiB/s (9,223,372,036,854,775,808 bytes/s, 73.8 Ebit/s).',
  ]);
  // 2^63 itself is a whole number of MiB, which the oracle's row for 9223372036854775808 gives back
  assert.deepEqual(bandwidth('"‸9223372036854775808"'), ['`9223372036854775808` = 8 EiB/s (9,223,372,036,854,775,808 bytes/s, 73.8 Ebit/s)', 'KubeVirt applies exactly this limit to each migration.']);
  // 2^53+1 = 8589934592 MiB and one byte
  assert.deepEqual(bandwidth('‸9007199254740993'), [
    '`9007199254740993` = 8 PiB/s (9,007,199,254,740,993 bytes/s, 72.1 Pbit/s)',
    'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 8589934592.000001 MiB/s becomes 8589934592 MiB/s. It applies 8 PiB/s (9,007,199,254,740,992 bytes/s, 72.1 Pbit/s).',
  ]);
  assert.equal(bandwidth('"‸10000000000000000000000001"')[0], '`10000000000000000000000001` = 8673617.38 EiB/s (10,000,000,000,000,000,000,000,001 bytes/s, 80000000 Ebit/s)');
});

test('a bandwidth one byte off a whole MiB: the rounding note shows the digits that differ', () => {
  // 1048577 / 2^20 = 1.00000095…: "1 MiB/s becomes 1 MiB/s" said nothing
  assert.equal(bandwidth('‸1048577')[1], 'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 1.000001 MiB/s becomes 1 MiB/s. It applies 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s).');
  // 2 MiB - 1 byte = 1.99999905 MiB
  assert.equal(bandwidth('‸2097151')[1], 'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 1.999999 MiB/s becomes 2 MiB/s. It applies 2 MiB/s (2,097,152 bytes/s, 16.8 Mbit/s).');
  // two decimals are enough when they differ: 1.5Mi, 1.25Mi (binary, exact), 1.3M = 1.2398 MiB
  assert.equal(bandwidth('‸1.5Mi')[1], 'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 1.5 MiB/s becomes 2 MiB/s. It applies 2 MiB/s (2,097,152 bytes/s, 16.8 Mbit/s).');
  assert.equal(bandwidth('‸1.3M')[1], 'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 1.24 MiB/s becomes 1 MiB/s. It applies 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s).');
  // a fraction of a byte (not a whole number): the float path, 1048576.5 bytes = 1.0000005 MiB
  assert.equal(bandwidth('"‸1048576.5"')[1], 'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 1.0000005 MiB/s becomes 1 MiB/s. It applies 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s).');
});

test('formatBandwidth of a BigInt: exact digits, the same scaled figures as a float', () => {
  assert.equal(formatBandwidth(2n ** 63n - 1n), '8 EiB/s (9,223,372,036,854,775,807 bytes/s, 73.8 Ebit/s)');
  assert.equal(formatBandwidth(-(2n ** 63n - 1n)), '-8 EiB/s (9,223,372,036,854,775,807 bytes/s, 73.8 Ebit/s)');
  assert.equal(formatBandwidth(0n), 'unlimited');
  assert.equal(formatBandwidth(1n), '1 byte/s (8 bit/s)');
  assert.equal(formatBandwidth(1023n), '1,023 bytes/s (8.2 kbit/s)');
  assert.equal(formatBandwidth(1024n), '1 KiB/s (1,024 bytes/s, 8.2 kbit/s)');
  assert.equal(formatBandwidth(67108864n), formatBandwidth(67108864));
  assert.equal(formatBandwidth(10n ** 309n), 'more than 10^308 bytes/s');
  assert.equal(formatBandwidth(-(10n ** 309n)), 'less than -10^308 bytes/s');
});

test('quantityToInteger: whole numbers exactly, fractions and values past 309 digits not at all', () => {
  const int = (text: string) => {
    const parsed = parseQuantity(text);
    assert.ok(parsed.ok, text);
    return quantityToInteger(parsed.quantity);
  };
  assert.equal(int('9223372036854775807'), 9223372036854775807n);
  assert.equal(int('8Ei'), 9223372036854775807n);
  assert.equal(int('1.5Mi'), 1572864n);
  assert.equal(int('-2k'), -2000n);
  assert.equal(int('0'), 0n);
  assert.equal(int('1000m'), 1n);
  assert.equal(int('500m'), undefined);
  assert.equal(int('1e308'), 10n ** 308n);
  assert.equal(int('9e308'), 9n * 10n ** 308n);
  assert.equal(int('10e308'), undefined);
  assert.equal(int('1e309'), undefined);
});

test('bandwidths far past int64 scale without losing the exponent or overflowing to Infinity', () => {
  // 2e307 B/s = 2e307 / 2^60 EiB/s = 1.7347e289; in bits 1.6e308 / 10^18 = 1.6e290 Ebit/s (8 * 2e307 is still finite)
  const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  assert.equal(formatBandwidth(2n * 10n ** 307n), `1.73 × 10^289 EiB/s (${grouped(`2${'0'.repeat(307)}`)} bytes/s, 1.6 × 10^290 Ebit/s)`);
  // 3e307 * 8 = 2.4e308 is past the float64 maximum (1.797e308): bits are scaled before they are multiplied
  assert.equal(formatBandwidth(3n * 10n ** 307n), `2.6 × 10^289 EiB/s (${grouped(`3${'0'.repeat(307)}`)} bytes/s, 2.4 × 10^290 Ebit/s)`);
  // the largest float64: 1.797e308 / 2^60 = 1.559e290 EiB/s, 1.438e309 bits = 1.44 × 10^291 Ebit/s
  assert.match(formatBandwidth(Number.MAX_VALUE), /^1\.56 × 10\^290 EiB\/s \([\d,]+ bytes\/s, 1\.44 × 10\^291 Ebit\/s\)$/);
  // below 10^21 in the last unit, plain decimals as before
  assert.equal(formatBandwidth(12n * 10n ** 30n), `10408340855860.84 EiB/s (${grouped(`12${'0'.repeat(30)}`)} bytes/s, 96000000000000 Ebit/s)`);
  assert.deepEqual(bandwidth('"‸2e307"')[0], `\`2e307\` = 1.73 × 10^289 EiB/s (${grouped(`2${'0'.repeat(307)}`)} bytes/s, 1.6 × 10^290 Ebit/s)`);
});

test('a selector value kubectl reads as .inf or .nan never reaches the API server: encoding/json refuses it', () => {
  // go-yaml v2 resolve.go reads .inf/.Inf/-.inf/.nan as float64; Go's encoding/json then fails with
  // "json: unsupported value" (kubevirt-facts.md §8), so kubectl stops before any request
  const stops = (text: string, reading: string) => `kubectl reads \`${text}\` as ${reading}, not a string, which JSON cannot hold: kubectl stops ("json: unsupported value") before the API server sees the policy. Quote it: \`"${text}"\`.`;
  assert.equal(selectorValue('‸.inf'), stops('.inf', 'the float Infinity'));
  assert.equal(selectorValue('‸-.Inf'), stops('-.Inf', 'the float -Infinity'));
  assert.equal(selectorValue('‸.NaN'), stops('.NaN', 'the float NaN'));
  // a finite float still reaches the API server, which rejects its type
  assert.equal(selectorValue('‸1.5'), 'kubectl reads `1.5` as the float 1.5, not a string: the API server rejects the policy (selector values must be strings). Quote it: `"1.5"`.');
  checkDiagnostics(`${HEAD}  selectors:
    namespaceSelector:
      tier: .inf
#           ^^^^ error label-value-type: Label values must be strings: kubectl reads .inf as the number Infinity (YAML 1.1), which JSON cannot hold: kubectl stops ("json: unsupported value") before the API server sees the policy. Quote it: ".inf".
      zone: 1.5
#           ^^^ error label-value-type: Label values must be strings: kubectl reads 1.5 as the number 1.5 (YAML 1.1) and the API server rejects it ("must be of type string: \\"number\\""). Quote it: "1.5".
`);
});
