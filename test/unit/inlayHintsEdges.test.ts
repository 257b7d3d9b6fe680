// Inlay hints at the edges the session-20 mutation run left open (issue 16): hints in file order whatever the
// order of the keys, a policy without spec, a List item that is an alias of another (one hint per value, not
// one per reference), a range that starts exactly at the end of a file without a newline, values kubectl sends
// as strings or block scalars, and the unit steps of the rates. Expected labels are worked out here from
// KubeVirt's rules (pkg/virt-launcher/virtwrap/live-migration-source.go: a bandwidth below 1Mi is raised to
// 1Mi, others are rounded to whole MiB, kubevirt PR 6007; the completion timeout is completionTimeoutPerGiB
// times the memory in decimal GB rounded up, so 8 GiB counts as 9) and the maxDowntimeMs schema (an integer).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getInlayHints } from '../../server/src/features/inlayHints';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';

/** Hints as `line:character label`, for the whole text or a range of file offsets. */
function hints(text: string, range = { start: 0, end: text.length }): string[] {
  return getInlayHints({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, range, { bandwidth: true, timeout: true }).map((h) => {
    assert.equal(h.paddingLeft, true);
    return `${h.position.line}:${h.position.character} ${String(h.label)}`;
  });
}

const bandwidth = (value: string) => hints(`${HEAD}spec:\n  bandwidthPerMigration: ${value}\n`).map((h) => h.replace(/^\S+ /, ''));

test('hints come in file order, whatever the order of the keys', () => {
  // line 5 `  maxDowntimeMs: 300` ends at 20; line 6 `  bandwidthPerMigration: 64Mi` at 29; line 7 `  completionTimeoutPerGiB: 150` at 30
  // 64 MiB/s = 67,108,864 bytes/s = 536,870,912 bit/s; 150 s/GiB × 9 GB = 1,350 s = 22 min 30 s
  assert.deepEqual(hints(`${HEAD}spec:\n  maxDowntimeMs: 300\n  bandwidthPerMigration: 64Mi\n  completionTimeoutPerGiB: 150\n`), [
    '5:20 = 0.3 s',
    '6:29 = 64 MiB/s · 537 Mbit/s',
    '7:30 s/GiB · 8 GiB → 22 min 30 s',
  ]);
  // two policies, the second one's values first in its spec
  const two = `${HEAD}spec:\n  completionTimeoutPerGiB: 0\n---\n${HEAD}spec:\n  maxDowntimeMs: 1500\n  bandwidthPerMigration: 0\n`;
  assert.deepEqual(hints(two), ['5:28 s/GiB · no completion timeout', '12:21 = 1.5 s', '13:26 = unlimited']);
});

test('a policy without spec, or with a spec that is not a mapping, has no hints and does not throw', () => {
  assert.deepEqual(hints(HEAD), []);
  assert.deepEqual(hints(`${HEAD}spec: 5\n`), []);
  assert.deepEqual(hints(`${HEAD}---\n${HEAD}spec:\n  maxDowntimeMs: 300\n`), ['10:20 = 0.3 s']);
});

test('a List item that is an alias of another item gets its hints once, at the written value', () => {
  const list = 'apiVersion: v1\nkind: List\nitems:\n- &p\n  apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  metadata:\n    name: p\n  spec:\n    maxDowntimeMs: 300\n- *p\n';
  assert.deepEqual(hints(list), ['9:22 = 0.3 s']);
});

test('a range that starts at the very end of a file without a newline still gets the hint of the last value', () => {
  const text = `${HEAD}spec:\n  maxDowntimeMs: 300`;
  assert.deepEqual(hints(text, { start: text.length, end: text.length }), ['5:20 = 0.3 s']);
  // a range that starts one character after the value (past its newline) has none
  const withNewline = `${text}\n  allowPostCopy: true\n`;
  assert.deepEqual(hints(withNewline, { start: text.length + 1, end: withNewline.length }), []);
});

test('values kubectl sends as strings, and block scalars, get no hint', () => {
  // maxDowntimeMs is an integer in the schema: "300" is rejected, so no "= 0.3 s"
  assert.deepEqual(hints(`${HEAD}spec:\n  maxDowntimeMs: "300"\n`), []);
  assert.deepEqual(hints(`${HEAD}spec:\n  completionTimeoutPerGiB: "150"\n`), []);
  // a float is no integer for the schema: no "= 0.3005 s", no timeout figure
  assert.deepEqual(hints(`${HEAD}spec:\n  maxDowntimeMs: 300.5\n`), []);
  assert.deepEqual(hints(`${HEAD}spec:\n  completionTimeoutPerGiB: 150.5\n`), []);
  // a block scalar ends on a later line: no hint is placed after it
  assert.deepEqual(hints(`${HEAD}spec:\n  bandwidthPerMigration: |\n    64Mi\n`), []);
  assert.deepEqual(hints(`${HEAD}spec:\n  bandwidthPerMigration: >-\n    64Mi\n`), []);
});

test('rates step up a unit exactly at 1024 (binary) and 1000 (bits), also when rounding reaches the next unit', () => {
  // 1Ki = 1,024 bytes/s is 1 KiB/s, raised to 1 MiB/s
  assert.deepEqual(bandwidth('1Ki'), ['= 1 MiB/s (raised from 1 KiB/s)']);
  // 119150Mi = 124,937,830,400 bytes/s = 116.357 GiB/s; × 8 = 999,502,643,200 bit/s, 999.5 Gbit/s to three digits is 1 Tbit/s
  assert.deepEqual(bandwidth('119150Mi'), ['= 116.36 GiB/s · 1 Tbit/s']);
  // 1048575Mi is 1 MiB short of 1 TiB: 1023.999 GiB/s, two decimals make it 1024 GiB/s = 1 TiB/s; 8,796,084,633,600 bit/s = 8.8 Tbit/s
  assert.deepEqual(bandwidth('1048575Mi'), ['= 1 TiB/s · 8.8 Tbit/s']);
});

test('a written rate that two decimals would show as the applied one is given in bytes', () => {
  // 1,048,575 bytes/s is 1 byte short of 1 MiB/s: raised to 1 MiB/s, from 1,048,575 bytes/s (not "from 1 MiB/s")
  assert.deepEqual(bandwidth('1048575'), ['= 1 MiB/s (raised from 1,048,575 bytes/s)']);
  // 1,073,741,823 bytes/s is rounded to 1,024 MiB/s = 1 GiB/s (8,589,934,592 bit/s)
  assert.deepEqual(bandwidth('1073741823'), ['= 1 GiB/s · 8.59 Gbit/s (rounded from 1,073,741,823 bytes/s)']);
  // a rate that does read differently keeps its unit: 124,990,000 bytes/s = 119.2 MiB/s, applied as 119 MiB/s
  // (124,780,544 bytes/s, 998,244,352 bit/s)
  assert.deepEqual(bandwidth('124990000'), ['= 119 MiB/s · 998 Mbit/s (rounded from 119.2 MiB/s)']);
});
