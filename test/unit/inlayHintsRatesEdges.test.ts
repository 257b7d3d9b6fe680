// Inlay hints of bandwidthPerMigration at the edges the session-23 survivors of features/inlayHints.ts left
// open (issue 16): rates in the PiB/s and Pbit/s range, and texts Go's resource.ParseQuantity would read
// (as 0) that the MigrationPolicy CRD's quantity pattern rejects, so the API server never stores them.
// Expected labels are worked out here: 1 PiB = 2^50 bytes = 1,125,899,906,842,624 bytes/s, times 8 is
// 9.007e15 bit/s; 1 EiB = 2^60 bytes, times 8 is 9.22e18 bit/s (below KubeVirt's 2^63 limit). The CRD
// pattern is the one of k8s.io/apimachinery's int-or-string quantity (a digit is required).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getInlayHints } from '../../server/src/features/inlayHints';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';

/** The bandwidth hint labels of one policy whose bandwidthPerMigration is `value`. */
const bandwidth = (value: string): string[] => {
  const text = `${HEAD}spec:\n  bandwidthPerMigration: ${value}\n`;
  return getInlayHints({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, { start: 0, end: text.length }, { bandwidth: true, timeout: true }).map((h) => String(h.label));
};

test('rates of a PiB/s and more are named in PiB/s and Pbit/s, up to EiB/s and Ebit/s', () => {
  assert.deepEqual(bandwidth('1Pi'), ['= 1 PiB/s · 9.01 Pbit/s']);
  assert.deepEqual(bandwidth('512Pi'), ['= 512 PiB/s · 4.61 Ebit/s']);
  assert.deepEqual(bandwidth('1024Pi'), ['= 1 EiB/s · 9.22 Ebit/s']);
});

test('a text without a digit (".", "+", "-.") is no quantity for the CRD: no hint', () => {
  for (const value of ['.', '"+"', "'-.'", '"+."']) assert.deepEqual(bandwidth(value), [], value);
});
