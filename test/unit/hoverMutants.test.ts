// Hover values at their boundaries, over the real getHover: which values get a "what this means" line and
// which get the field's entry alone (a rejected value has a diagnostic instead), durations around one minute,
// the completion-timeout example worked out by hand from KubeVirt's rule, selector entries with odd keys and
// values, and the plain-text form. Expected numbers are computed here, not read from the code:
// pkg/virt-launcher/virtwrap/live-migration-source.go multiplies completionTimeoutPerGiB by the memory in
// decimal GB rounded up (`getVMIMigrationDataSize`, Quantity.ScaledValue(resource.Giga)), so 2, 8 and 32 GiB
// count as ceil(2.147) = 3, ceil(8.590) = 9 and ceil(34.360) = 35; `0x10` is the integer 16 (go-yaml v2
// resolve.go, and the YAML 1.2 core schema alike); virt-launcher raises a bandwidth below 1 MiB/s to 1 MiB/s (pkg/virt-launcher/virtwrap/
// live-migration-source.go, as the catalogue and hover.test say).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverOf } from '../support/check';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';
const SPEC = `${HEAD}spec:\n  selectors: {}\n`;
const STALL = `${SPEC}  experimental:\n    stallDetector:\n`;

/** The hover's first paragraph at the ‸ of `marked`. */
const lead = (marked: string, markdown = true) => hoverOf(marked, markdown).value.split('\n\n')[0];

test('durations: seconds fields from one minute up, maxDowntimeMs in seconds with minutes from 60000 ms', () => {
  assert.equal(lead(`${STALL}      switchoverTimeout: 6‸0\n`), '`60` s is 1 min.');
  assert.equal(lead(`${STALL}      switchoverTimeout: 12‸0\n`), '`120` s is 2 min.');
  assert.equal(lead(`${STALL}      switchoverTimeout: 5‸9\n`), '**spec.experimental.stallDetector.switchoverTimeout** · Seconds allowed for the final switchover');
  assert.equal(lead(`${SPEC}  maxDowntimeMs: 3‸00\n`), '`300` ms is 0.3 s of pause at the final switchover.');
  assert.equal(lead(`${SPEC}  maxDowntimeMs: 5999‸9\n`), '`59999` ms is 59.999 s of pause at the final switchover.');
  assert.equal(lead(`${SPEC}  maxDowntimeMs: 6000‸0\n`), '`60000` ms is 60 s (1 min) of pause at the final switchover.');
  assert.equal(lead(`${SPEC}  maxDowntimeMs: 9000‸0\n`), '`90000` ms is 90 s (1 min 30 s) of pause at the final switchover.');
});

test('values the API server or webhook rejects get the field entry alone', () => {
  const title = (dotted: string) => (line: string) => assert.ok(line.startsWith(`**${dotted}** · `), line);
  title('spec.maxDowntimeMs')(lead(`${SPEC}  maxDowntimeMs: 200000‸1\n`));
  title('spec.maxDowntimeMs')(lead(`${SPEC}  maxDowntimeMs: ‸0\n`));
  title('spec.experimental.stallDetector.stallMargin')(lead(`${STALL}      stallMargin: 10‸1\n`));
  title('spec.completionTimeoutPerGiB')(lead(`${SPEC}  completionTimeoutPerGiB: "‸5"\n`));
  title('spec.completionTimeoutPerGiB')(lead(`${SPEC}  completionTimeoutPerGiB: -‸5\n`));
  title('spec.allowPostCopy')(lead(`${SPEC}  allowPostCopy: ‸~\n`));
  title('spec.allowPostCopy')(lead(`${SPEC}  allowPostCopy: ‸5\n`));
  for (const v of ['-1Mi', '1.5', '1K', '1e-7']) title('spec.bandwidthPerMigration')(lead(`${SPEC}  bandwidthPerMigration: ‸${v}\n`));
  title('spec.experimental.stallDetector.ewmaAlpha')(lead(`${STALL}      ewmaAlpha: ‸abc\n`));
});

test('completion timeout at 1 s/GiB: 3, 9 and 35 s for 2, 8 and 32 GiB', () => {
  const h = hoverOf(`${SPEC}  completionTimeoutPerGiB: ‸1\n`).value.split('\n\n');
  assert.deepEqual(h.slice(0, 2), [
    'At `1` s/GiB, an 8 GiB VMI gets 9 s before the completion timeout fires: KubeVirt counts memory in decimal GB, rounded up (8 GiB = 8.59 GB counts as 9).',
    '- 2 GiB → 3 s\n- 8 GiB → 9 s\n- 32 GiB → 35 s',
  ]);
  assert.deepEqual(hoverOf(`${SPEC}  completionTimeoutPerGiB: 2‸0\n`).value.split('\n\n')[1], '- 2 GiB → 60 s (1 min)\n- 8 GiB → 180 s (3 min)\n- 32 GiB → 700 s (11 min 40 s)');
});

test('factor and bandwidth values: an integer factor, a YAML 1.1 hex bandwidth, the plain-text form', () => {
  assert.equal(lead(`${STALL}      ewmaAlpha: ‸1\n`), '`1` = 1');
  assert.deepEqual(hoverOf(`${SPEC}  bandwidthPerMigration: ‸0x10\n`).value.split('\n\n').slice(0, 2), [
    '`0x10` (kubectl sends 16) = 16 bytes/s (128 bit/s)',
    'What KubeVirt does: KubeVirt raises a limit below 1 MiB/s to 1 MiB/s. It applies 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s).',
  ]);
  const plain = hoverOf(`${SPEC}  bandwidthPerMigration: ‸8Ei\n`, false);
  assert.equal(plain.kind, 'plaintext');
  assert.deepEqual(plain.value.split('\n\n').slice(0, 3), [
    "8Ei = 9,223,372,036,854,775,807 bytes/s (8 EiB/s, 73.8 Ebit/s): Go's ParseQuantity caps binary quantities at 2^63-1 bytes.",
    // QuantityToMebiByte rounds 2^63-1 bytes to 8796093022208 MiB (the Go oracle's 8Ei row), 2^63 bytes
    'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 8796093022207.999999 MiB/s becomes 8796093022208 MiB/s. It applies 8 EiB/s (9,223,372,036,854,775,808 bytes/s, 73.8 Ebit/s).',
    'Canonical form: 9223372036854775807.',
  ]);
});

test('selector entries: a number key, a list or mapping value, over the exact key', () => {
  const entry = (line: string) => hoverOf(`${HEAD}spec:\n  selectors:\n    namespaceSelector:\n      ${line}\n`);
  const num = entry('‸5: x');
  assert.equal(num.range, '5');
  assert.deepEqual(num.value.split('\n\n'), [
    '**spec.selectors.namespaceSelector** entry · every entry must match.',
    'kubectl turns the key `5` into the label key `5`.',
    'Matches VMIs whose namespace has label `5=x`, exactly; case-sensitive.',
  ]);
  assert.deepEqual(entry('‸gpu: [a]').value.split('\n\n'), [
    '**spec.selectors.namespaceSelector** entry · every entry must match.',
    'A list is not a label value: the API server rejects the policy (selector values must be strings).',
  ]);
  assert.deepEqual(entry('‸gpu: {a: b}').value.split('\n\n')[1], 'A mapping is not a label value: the API server rejects the policy (selector values must be strings).');
  const vmi = hoverOf(`${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      gpu: ‸"5"\n`);
  assert.deepEqual(vmi.value.split('\n\n'), ['**spec.selectors.virtualMachineInstanceSelector** entry · every entry must match.', 'Matches VMIs that have label `gpu=5`, exactly; case-sensitive.']);
});
