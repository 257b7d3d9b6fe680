// policy/quantity.ts's emulation of Go's resource.Quantity against answers the Go oracle gave
// (test/support/goQuantityTable.ts: apimachinery's ParseQuantity, String(), CanonicalizeBytes and KubeVirt's
// QuantityToMebiByte, as written and after virt-controller's JSON round trip). No Go is needed to run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directBandwidth, effectiveBandwidthBytes, goQuantity, goQuantityString, launcherBandwidth, parseQuantity, quantityIsNegative, quantityIsZero } from '../../server/src/policy/quantity';
import type { LauncherBandwidth } from '../../server/src/policy/quantity';
import { GO_QUANTITY_ROWS } from '../support/goQuantityTable';

const MIB = 1048576;

function mib(l: LauncherBandwidth | undefined): string {
  if (!l) return 'none';
  return l.error !== undefined ? `error ${l.error}` : String(l.mebibytes);
}
const expectMiB = (value: string, string: string) => (value === '!' ? `error Memory size '${string}' must be greater than or equal to 0` : value);

for (const row of GO_QUANTITY_ROWS) {
  const input = row[0];
  test(`Go quantity ${JSON.stringify(input)}`, () => {
    const parsed = parseQuantity(input);
    if (row.length === 2) {
      assert.deepEqual(parsed, { ok: false, error: row[1] });
      assert.equal(goQuantity(input), undefined);
      assert.equal(launcherBandwidth(input), undefined);
      assert.equal(directBandwidth(input), undefined);
      return;
    }
    const [, string, canonical, launcher, direct, flags = ''] = row;
    assert.ok(parsed.ok, `Go accepts ${input}`);
    assert.equal(quantityIsNegative(parsed.quantity), flags.includes('-'), 'negative');
    assert.equal(quantityIsZero(parsed.quantity), flags.includes('0'), 'zero');
    const g = goQuantity(input);
    assert.ok(g);
    assert.equal(goQuantityString(g), string, 'String()');
    assert.equal(goQuantityString({ ...g, cached: undefined }), canonical, 'CanonicalizeBytes()');
    assert.equal(mib(launcherBandwidth(input)), expectMiB(launcher, string), 'virt-launcher after the JSON round trip');
    assert.equal(mib(directBandwidth(input)), expectMiB(direct, string), 'QuantityToMebiByte as written');
    // The hover's figure is virt-launcher's.
    const effective = effectiveBandwidthBytes(input);
    if (flags.includes('-')) assert.deepEqual(effective, { bytesPerSecond: 0, note: 'KubeVirt\'s webhook rejects a negative bandwidth ("must not be negative").' });
    else if (launcher === '!') {
      assert.equal(effective.bytesPerSecond, 0);
      assert.equal(effective.fails, `Memory size '${string}' must be greater than or equal to 0`);
    } else {
      assert.equal(effective.bytesPerSecond, Number(launcher) * MIB);
      assert.equal(effective.fails, undefined);
    }
  });
}
