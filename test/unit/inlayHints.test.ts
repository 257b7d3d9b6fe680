// Inlay hints: exact labels and positions after bandwidth, timeout and downtime values, the options,
// the requested range, and that documents outside the range are not even looked at.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InlayHint } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/document/file';
import type { FileModel } from '../../server/src/document/model';
import { getInlayHints } from '../../server/src/features/inlayHints';
import { model } from '../support/fixture';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';
const ALL = { bandwidth: true, timeout: true };

/** Hints over the whole text, each as `line:character label`, checking the text just before each. */
function checkHints(text: string, options = ALL, name = 'fixture.yaml', range?: { start: number; end: number }): string[] {
  const lines = new LineIndex(text);
  const hints = getInlayHints({ file: model(text, name), lines }, range ?? { start: 0, end: text.length }, options);
  return hints.map((h: InlayHint) => {
    assert.equal(h.paddingLeft, true);
    const offset = lines.offsetAt(h.position);
    assert.doesNotMatch(text.slice(offset - 1, offset), /\s/, 'a hint sits right after the value');
    return `${h.position.line}:${h.position.character} ${String(h.label)}`;
  });
}

/** The label after a single bandwidthPerMigration value, or undefined when there is no hint. */
const bandwidth = (value: string) => checkHints(`${HEAD}spec:\n  bandwidthPerMigration: ${value}\n`)[0]?.replace(/^\S+ /, '');

test('labels and positions after the three values', () => {
  const text = `${HEAD}spec:\n  selectors: {}\n  bandwidthPerMigration: 64Mi\n  completionTimeoutPerGiB: 150 # per GiB\n  maxDowntimeMs: 900\n`;
  assert.deepEqual(checkHints(text), ['6:29 = 64 MiB/s · 537 Mbit/s', '7:30 s/GiB · 8 GiB → 22 min 30 s', '8:20 = 0.9 s']);
});

test('bandwidth labels follow what KubeVirt applies', () => {
  assert.equal(bandwidth('0'), '= unlimited');
  assert.equal(bandwidth('0Mi'), '= unlimited');
  assert.equal(bandwidth('1Ki'), '= 1 MiB/s (raised from 1 KiB/s)');
  assert.equal(bandwidth('1000'), '= 1 MiB/s (raised from 1000 bytes/s)');
  assert.equal(bandwidth('500m'), '= unlimited (500m is below 1 byte/s)');
  assert.equal(bandwidth('100M'), '= 95 MiB/s · 797 Mbit/s (rounded from 95.37 MiB/s)');
  assert.equal(bandwidth('1048576'), '= 1 MiB/s · 8.39 Mbit/s');
  assert.equal(bandwidth('1Gi'), '= 1 GiB/s · 8.59 Gbit/s');
  assert.equal(bandwidth('1.5Gi'), '= 1.5 GiB/s · 12.9 Gbit/s');
  assert.equal(bandwidth('"32Mi"'), '= 32 MiB/s · 268 Mbit/s');
  for (const invalid of ['1K', '-5Mi', '1.5', 'yes', '""', '1e1.5', '[1]']) assert.equal(bandwidth(invalid), undefined, invalid);
  // 10Ei is capped at 2^63-1 bytes; virt-launcher's conversion makes 8 EiB/s of it.
  assert.equal(bandwidth('10Ei'), "= 8 EiB/s · 73.8 Ebit/s (after KubeVirt's 64-bit conversion)");
  assert.equal(bandwidth('"1e19"'), '= migrations fail (virt-launcher cannot convert it)');
});

test('timeout and downtime labels; invalid values get none', () => {
  const hint = (field: string, value: string) => checkHints(`${HEAD}spec:\n  ${field}: ${value}\n`)[0]?.replace(/^\S+ /, '');
  assert.equal(hint('completionTimeoutPerGiB', '100'), 's/GiB · 8 GiB → 15 min');
  assert.equal(hint('completionTimeoutPerGiB', '0'), 's/GiB · no completion timeout');
  assert.equal(hint('completionTimeoutPerGiB', '1800'), 's/GiB · 8 GiB → 4 h 30 min');
  assert.equal(hint('completionTimeoutPerGiB', '010'), 's/GiB · 8 GiB → 1 min 12 s');
  assert.equal(hint('maxDowntimeMs', '1'), '= 0.001 s');
  assert.equal(hint('maxDowntimeMs', '2000000'), '= 2,000 s');
  for (const [field, value] of [['completionTimeoutPerGiB', '-1'], ['completionTimeoutPerGiB', '"150"'], ['completionTimeoutPerGiB', '1.5'], ['maxDowntimeMs', '0'], ['maxDowntimeMs', '2000001'], ['maxDowntimeMs', 'yes']]) {
    assert.equal(hint(field, value), undefined, `${field}: ${value}`);
  }
});

test('options switch each kind of hint off', () => {
  const text = `${HEAD}spec:\n  bandwidthPerMigration: 64Mi\n  completionTimeoutPerGiB: 150\n  maxDowntimeMs: 900\n`;
  assert.deepEqual(checkHints(text, { bandwidth: false, timeout: true }), ['6:30 s/GiB · 8 GiB → 22 min 30 s', '7:20 = 0.9 s']);
  assert.deepEqual(checkHints(text, { bandwidth: true, timeout: false }), ['5:29 = 64 MiB/s · 537 Mbit/s']);
  assert.deepEqual(checkHints(text, { bandwidth: false, timeout: false }), []);
});

test('only policy documents; kind: List items; the last duplicate; quoted, JSON and aliased values', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  bandwidthPerMigration: 64Mi\n';
  const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  spec:\n    maxDowntimeMs: 1500\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  spec: {bandwidthPerMigration: "0"}\n';
  assert.deepEqual(checkHints(`${deployment}---\n${list}`), ['11:23 = 1.5 s', '14:35 = unlimited']);
  assert.deepEqual(checkHints(`${HEAD}spec:\n  maxDowntimeMs: 100\n  maxDowntimeMs: 200\n`), ['6:20 = 0.2 s']);
  assert.deepEqual(checkHints(`${HEAD}x: &bw 2Gi\nspec:\n  bandwidthPerMigration: *bw\n`), ['6:28 = 2 GiB/s · 17.2 Gbit/s']);
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy",\n "spec": {"bandwidthPerMigration": "64Mi", "maxDowntimeMs": 900}}';
  assert.deepEqual(checkHints(json, ALL, 'p.json'), ['1:41 = 64 MiB/s · 537 Mbit/s', '1:63 = 0.9 s']);
});

test('only hints within the requested range', () => {
  const text = `${HEAD}spec:\n  bandwidthPerMigration: 64Mi\n  completionTimeoutPerGiB: 150\n  maxDowntimeMs: 900\n`;
  const lines = new LineIndex(text);
  const lineRange = (line: number) => ({ start: lines.offsetAt({ line, character: 0 }), end: lines.offsetAt({ line: line + 1, character: 0 }) - 1 });
  assert.deepEqual(checkHints(text, ALL, 'fixture.yaml', lineRange(6)), ['6:30 s/GiB · 8 GiB → 22 min 30 s']);
  assert.deepEqual(checkHints(text, ALL, 'fixture.yaml', lineRange(0)), []);
  const afterBandwidth = text.indexOf('64Mi') + 4;
  assert.deepEqual(checkHints(text, ALL, 'fixture.yaml', { start: afterBandwidth, end: afterBandwidth }), ['5:29 = 64 MiB/s · 537 Mbit/s']);
  assert.deepEqual(checkHints(text, ALL, 'fixture.yaml', { start: afterBandwidth + 1, end: afterBandwidth + 3 }), []);
});

test('a huge file: documents outside the range are never opened', () => {
  const policy = (i: number) => `${HEAD.replace('name: p', `name: p${i}`)}spec:\n  bandwidthPerMigration: ${i + 1}Mi\n`;
  const text = Array.from({ length: 3000 }, (_, i) => policy(i)).join('---\n');
  const parsed = model(text);
  assert.equal(parsed.documents.length, 3000);
  const target = 1500;
  const guarded: FileModel = {
    ...parsed,
    documents: parsed.documents.map((d, i) =>
      Math.abs(i - target) <= 1
        ? d
        : {
            offset: d.offset,
            get model(): never {
              throw new Error(`document ${i} was opened`);
            },
          },
    ),
  };
  const lines = new LineIndex(text);
  const start = parsed.documents[target].offset;
  const end = parsed.documents[target + 1].offset - 1;
  const hints = getInlayHints({ file: guarded, lines }, { start, end }, ALL);
  assert.deepEqual(hints.map((h) => `${h.position.line}:${h.position.character} ${String(h.label)}`), [`${lines.positionAt(start).line + 6}:31 = 1.47 GiB/s · 12.6 Gbit/s`]);
});

test('never throws on messy input', () => {
  const inputs = [
    `${HEAD}spec: &s\n  bandwidthPerMigration: *s\n  completionTimeoutPerGiB: *missing\n  maxDowntimeMs: |\n    900\n`,
    `${HEAD}spec:\n  bandwidthPerMigration: 6\n  maxDown`,
    '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "spec": {"bandwidthPerMigration": ',
    `${HEAD}spec: [1, 2]\n`,
    `${HEAD}spec: {bandwidthPerMigration: {a: 1}, completionTimeoutPerGiB: 1e400, maxDowntimeMs: .inf}\n`,
    '\u0000\uFFFD:\n- : -\n---\n',
  ];
  for (const text of inputs) {
    const name = text.startsWith('{') ? 'p.json' : 'fixture.yaml';
    for (let start = 0; start <= text.length; start += 7) checkHints(text, ALL, name, { start, end: start + 20 });
  }
  assert.deepEqual(checkHints(inputs[0]), []);
});
