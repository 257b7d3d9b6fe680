// Completion items as a user sees them, field by field (features/completionItems.ts, completionJson.ts,
// completion.ts): label, kind, detail, sortText, filterText, the inserted text and its exact range, and
// whether it is a snippet. Session 22, issue 16: each case pins behaviour that a surviving mutant changed.
// Catalogue facts in the expected texts (defaults, since-versions, feature gates) are KubeVirt's: the
// defaults of pkg/virt-config/virt-config.go (completionTimeoutPerGiB 150, allowPostCopy false,
// allowAutoConverge false, bandwidthPerMigration 0), the MigrationPolicySpec of
// staging/src/kubevirt.io/api/migrations/v1alpha1/types.go and the feature gates of
// pkg/virt-config/featuregate/active.go; written here, not read from the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getCompletions } from '../../server/src/features/completion';
import { yamlKey } from '../../server/src/features/completionLabels';
import { complete, pick } from '../support/check';
import type { KnownLabels } from '../../server/src/features/selectorLabels';
import type { CheckCompletionOptions } from '../support/check';
import { withCursor } from '../support/fixture';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
const J = '{\n  "apiVersion": "migrations.kubevirt.io/v1alpha1",\n  "kind": "MigrationPolicy",\n';
const json = { name: 'policy.json' };

/** One row per item: label | kind | detail | sortText | filterText | newText | range | insertTextFormat. */
function row(i: CompletionItem): string {
  const e = i.textEdit as TextEdit | undefined;
  const r = e ? `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}` : '';
  return [i.label, i.kind, i.detail, i.sortText, i.filterText, e?.newText, r, i.insertTextFormat].map((x) => (x === undefined ? '~' : String(x))).join(' | ');
}

function rows(marked: string, options: CheckCompletionOptions = {}): string[] {
  const { list } = complete(marked, options);
  assert.equal(list.isIncomplete, false);
  return list.items.map(row);
}

// ---------------------------------------------------------------------------------------------
// Keys (completionItems.ts keyItems, keyInsert, fieldDetail, fieldDocumentation)

test('spec keys in YAML: required first, then by catalogue order, gated and experimental ones last', () => {
  assert.deepEqual(rows(`${H}spec:\n  ‸`), [
    'selectors | 10 | Which VMIs the policy applies to (required) | 0000 | selectors | selectors:\n    ${1} | 3:2-3:2 | 2',
    "allowAutoConverge | 10 | Throttle the guest's CPUs so the migration can converge | 1001 | allowAutoConverge | allowAutoConverge: ${1|true,false|} | 3:2-3:2 | 2",
    'bandwidthPerMigration | 10 | Bandwidth cap of each migration, bytes per second (0 = unlimited) | 1002 | bandwidthPerMigration | bandwidthPerMigration: ${1:64Mi} | 3:2-3:2 | 2',
    'completionTimeoutPerGiB | 10 | Seconds allowed per GiB of guest memory before the migration gives up | 1003 | completionTimeoutPerGiB | completionTimeoutPerGiB: ${1:150} | 3:2-3:2 | 2',
    'allowPostCopy | 10 | Allow switching to post-copy when the completion timeout is reached | 1004 | allowPostCopy | allowPostCopy: ${1|true,false|} | 3:2-3:2 | 2',
    'allowWorkloadDisruption | 10 | Disrupt the workload (post-copy or pause) instead of cancelling at the timeout | 1005 | allowWorkloadDisruption | allowWorkloadDisruption: ${1|true,false|} | 3:2-3:2 | 2',
    // Gated (MigrationStallDetection or MigrationDowntimeTuning) but not experimental: still ranked last.
    'maxDowntimeMs | 10 | Longest switchover downtime allowed, in milliseconds (1–2000000) | 2006 | maxDowntimeMs | maxDowntimeMs: ${1:900} | 3:2-3:2 | 2',
    'experimental | 10 | Experimental: Alpha migration options; may change or go away | 2007 | experimental | experimental:\n    ${1} | 3:2-3:2 | 2',
  ]);
});

test('experimental keys: the "(alpha)" suffix leaves the detail, "(alpha, KubeVirt main)" keeps its note; enum choices default first', () => {
  assert.deepEqual(rows(`${H}spec:\n  experimental:\n    ‸`), [
    'stallDetector | 10 | Experimental: Detect migrations that stopped making progress and react early | 2000 | stallDetector | stallDetector:\n      ${1} | 4:4-4:4 | 2',
    'downtimeTuning | 10 | Experimental: Raise the allowed downtime step by step during the migration (KubeVirt main) | 2001 | downtimeTuning | downtimeTuning:\n      ${1} | 4:4-4:4 | 2',
    'compression | 10 | Experimental: Compress migration traffic: none or zstd | 2002 | compression | compression: ${1|zstd,none|} | 4:4-4:4 | 2',
  ]);
  assert.deepEqual(rows(`${H}spec:\n  experimental:\n    ‸`, { snippetSupport: false }), [
    'stallDetector | 10 | Experimental: Detect migrations that stopped making progress and react early | 2000 | stallDetector | stallDetector:\n       | 4:4-4:4 | 1',
    'downtimeTuning | 10 | Experimental: Raise the allowed downtime step by step during the migration (KubeVirt main) | 2001 | downtimeTuning | downtimeTuning:\n       | 4:4-4:4 | 1',
    'compression | 10 | Experimental: Compress migration traffic: none or zstd | 2002 | compression | compression:  | 4:4-4:4 | 1',
  ]);
  assert.deepEqual(rows(`${H}spec:\n  experimental:\n    stallDetector:\n      ‸`).map((r) => r.split(' | ').slice(0, 6).join(' | ')), [
    'stallMargin | 10 | Experimental: Tolerance before a migration counts as stalled | 2000 | stallMargin | stallMargin: ${1:4}',
    'stallProgressTimeout | 10 | Experimental: Seconds without progress before the migration counts as stalled | 2001 | stallProgressTimeout | stallProgressTimeout: ${1:40}',
    'switchoverTimeout | 10 | Experimental: Seconds allowed for the final switchover | 2002 | switchoverTimeout | switchoverTimeout: ${1:60}',
    'searchLocalMinima | 10 | Experimental: Wait for a local minimum of remaining data before switching over | 2003 | searchLocalMinima | searchLocalMinima: ${1|true,false|}',
    'ewmaAlpha | 10 | Experimental: Smoothing of the progress average | 2004 | ewmaAlpha | ewmaAlpha: ${1:"0.4"}',
    'precopyPossibleFactor | 10 | Experimental: How much faster than dirtying the copy must be | 2005 | precopyPossibleFactor | precopyPossibleFactor: ${1:"1.5"}',
    'patienceWindowDecayFactor | 10 | Experimental: How fast patience shrinks | 2006 | patienceWindowDecayFactor | patienceWindowDecayFactor: ${1:"0.5"}',
    'completionTimeoutFactor | 10 | Experimental: Multiplier of the completion timeout | 2007 | completionTimeoutFactor | completionTimeoutFactor: ${1:"2"}',
  ]);
});

test('metadata keys: no namespace (cluster-scoped), maps open a line, a field without a default inserts nothing after the colon', () => {
  assert.deepEqual(rows(`${H}metadata:\n  ‸`), [
    "name | 10 | The policy's name (lowercase DNS subdomain) | 0000 | name | name: ${1:my-policy} | 3:2-3:2 | 2",
    'generateName | 10 | Prefix for a generated name | 1001 | generateName | generateName:  | 3:2-3:2 | 2',
    'labels | 10 | Labels of the policy object itself | 1003 | labels | labels:\n    ${1} | 3:2-3:2 | 2',
    'annotations | 10 | Annotations of the policy object | 1004 | annotations | annotations:\n    ${1} | 3:2-3:2 | 2',
  ]);
  assert.deepEqual(rows(`${H}metadata:\n  ‸`, { snippetSupport: false }), [
    "name | 10 | The policy's name (lowercase DNS subdomain) | 0000 | name | name:  | 3:2-3:2 | 1",
    'generateName | 10 | Prefix for a generated name | 1001 | generateName | generateName:  | 3:2-3:2 | 1',
    'labels | 10 | Labels of the policy object itself | 1003 | labels | labels:\n     | 3:2-3:2 | 1',
    'annotations | 10 | Annotations of the policy object | 1004 | annotations | annotations:\n     | 3:2-3:2 | 1',
  ]);
});

test('key documentation: the doc, the default, the version, feature gates and the experimental note, in Markdown and plain text', () => {
  const docs = (marked: string, options: CheckCompletionOptions = {}) => Object.fromEntries(complete(marked, options).list.items.map((i) => [i.label, i.documentation]));
  const md = docs(`${H}spec:\n  experimental:\n    ‸`);
  assert.deepEqual(md.compression, {
    kind: 'markdown',
    value: 'Compresses the memory pages sent during migration. `zstd` trades CPU on both nodes for less network traffic, which helps on slow links; `none` sends pages as they are.\n\n**Default:** none\n\nSince KubeVirt v1.9.0. Experimental (alpha).',
  });
  assert.match((md.stallDetector as { value: string }).value, /\n\nSince KubeVirt v1\.9\.0; needs the `MigrationStallDetection` feature gate\. Experimental \(alpha\)\.$/);
  assert.match((md.downtimeTuning as { value: string }).value, /\n\nSince KubeVirt main \(not in a release yet\); needs the `MigrationDowntimeTuning` feature gate\. Experimental \(alpha\)\.$/);
  const text = docs(`${H}spec:\n  maxDowntimeMs: 1\n  ‸`, { markdown: false });
  assert.deepEqual(text.allowWorkloadDisruption, {
    kind: 'plaintext',
    value: 'When true, a migration that reaches its completion timeout is not cancelled: it switches to post-copy if allowPostCopy is true, and otherwise pauses the VMI to finish the copy.\n\nWhen left out, it follows allowPostCopy of the same policy (or of the cluster).\n\nDefault: the value of allowPostCopy\n\nSince KubeVirt v1.5.0.',
  });
  // No default: no "Default:" paragraph.
  assert.deepEqual(text.experimental, {
    kind: 'plaintext',
    value: 'Alpha options of KubeVirt\'s migration engine: the stall detector, downtime tuning and compression. Upstream marks them as experimental and "will be removed in the future"; each needs its feature gate.\n\nSince KubeVirt v1.9.0. Experimental (alpha).',
  });
});

test('JSON keys: quoted names, objects as {}, fixed values, quoted placeholders, a comma before a following property', () => {
  assert.deepEqual(rows(`${J}  "spec": {\n    ‸\n  }\n}`, json), [
    'selectors | 10 | Which VMIs the policy applies to (required) | 0000 | selectors | "selectors": {$1} | 4:4-4:4 | 2',
    "allowAutoConverge | 10 | Throttle the guest's CPUs so the migration can converge | 1001 | allowAutoConverge | \"allowAutoConverge\": ${1|true,false|} | 4:4-4:4 | 2",
    'bandwidthPerMigration | 10 | Bandwidth cap of each migration, bytes per second (0 = unlimited) | 1002 | bandwidthPerMigration | "bandwidthPerMigration": "${1:64Mi}" | 4:4-4:4 | 2',
    'completionTimeoutPerGiB | 10 | Seconds allowed per GiB of guest memory before the migration gives up | 1003 | completionTimeoutPerGiB | "completionTimeoutPerGiB": ${1:150} | 4:4-4:4 | 2',
    'allowPostCopy | 10 | Allow switching to post-copy when the completion timeout is reached | 1004 | allowPostCopy | "allowPostCopy": ${1|true,false|} | 4:4-4:4 | 2',
    'allowWorkloadDisruption | 10 | Disrupt the workload (post-copy or pause) instead of cancelling at the timeout | 1005 | allowWorkloadDisruption | "allowWorkloadDisruption": ${1|true,false|} | 4:4-4:4 | 2',
    'maxDowntimeMs | 10 | Longest switchover downtime allowed, in milliseconds (1–2000000) | 2006 | maxDowntimeMs | "maxDowntimeMs": ${1:900} | 4:4-4:4 | 2',
    'experimental | 10 | Experimental: Alpha migration options; may change or go away | 2007 | experimental | "experimental": {$1} | 4:4-4:4 | 2',
  ]);
  // After an opening quote the filter text is the quoted name and the range takes the quote in.
  assert.deepEqual(rows(`${J}  "spec": {\n    "‸\n  }\n}`, json).slice(0, 2), [
    'selectors | 10 | Which VMIs the policy applies to (required) | 0000 | "selectors" | "selectors": {$1} | 4:4-4:5 | 2',
    "allowAutoConverge | 10 | Throttle the guest's CPUs so the migration can converge | 1001 | \"allowAutoConverge\" | \"allowAutoConverge\": ${1|true,false|} | 4:4-4:5 | 2",
  ]);
  assert.deepEqual(rows(`${J}  "spec": {\n    "experimental": {\n      "stallDetector": {‸ "x": 1}\n    }\n  }\n}`, json).map((r) => r.split(' | ').slice(5, 7).join(' | ')), [
    '"stallMargin": ${1:4}, | 5:24-5:24',
    '"stallProgressTimeout": ${1:40}, | 5:24-5:24',
    '"switchoverTimeout": ${1:60}, | 5:24-5:24',
    '"searchLocalMinima": ${1|true,false|}, | 5:24-5:24',
    '"ewmaAlpha": "${1:0.4}", | 5:24-5:24',
    '"precopyPossibleFactor": "${1:1.5}", | 5:24-5:24',
    '"patienceWindowDecayFactor": "${1:0.5}", | 5:24-5:24',
    '"completionTimeoutFactor": "${1:2}", | 5:24-5:24',
  ]);
  assert.deepEqual(rows(`${J}  "spec": {"experimental": {‸}}\n}`, json).map((r) => r.split(' | ')[5]), ['"stallDetector": {$1}', '"downtimeTuning": {$1}', '"compression": "${1|zstd,none|}"']);
  assert.deepEqual(rows(`${J}  "spec": {"experimental": {‸}}\n}`, { ...json, snippetSupport: false }).map((r) => r.split(' | ')[5]), ['"stallDetector": {}', '"downtimeTuning": {}', '"compression": ']);
  assert.deepEqual(rows(`${J}  "metadata": {‸}\n}`, json).map((r) => r.split(' | ')[5]), ['"name": "${1:my-policy}"', '"generateName": $1', '"labels": {$1}', '"annotations": {$1}']);
  assert.deepEqual(rows(`${J}  "metadata": {‸}\n}`, { ...json, snippetSupport: false }).map((r) => r.split(' | ')[5]), ['"name": ', '"generateName": ', '"labels": {}', '"annotations": {}']);
  for (const snippetSupport of [true, false]) {
    assert.deepEqual(rows('{"kind": "MigrationPolicy", ‸}', { ...json, snippetSupport }).map((r) => r.split(' | ').slice(0, 6).join(' | ')), [
      'apiVersion | 10 | Always migrations.kubevirt.io/v1alpha1 | 0000 | apiVersion | "apiVersion": "migrations.kubevirt.io/v1alpha1"',
      `metadata | 10 | Name and labels of the policy | 0002 | metadata | "metadata": ${snippetSupport ? '{$1}' : '{}'}`,
      `spec | 10 | Which VMIs the policy selects and the migration settings it overrides | 0003 | spec | "spec": ${snippetSupport ? '{$1}' : '{}'}`,
    ]);
  }
  // A colon already follows: the name only.
  assert.deepEqual(rows('{"kind": "MigrationPolicy", "spec": {"allowPost‸": true}}', json).map((r) => r.split(' | ').slice(4, 7).join(' | ')).slice(0, 2), [
    '"selectors" | "selectors" | 0:37-0:48',
    '"allowAutoConverge" | "allowAutoConverge" | 0:37-0:48',
  ]);
});

// ---------------------------------------------------------------------------------------------
// Values (completionItems.ts valueItems, jsonValue)

test('boolean values: the default noted only on the default, EnumMember kind, a space after a bare colon', () => {
  assert.deepEqual(rows(`${H}spec:\n  allowPostCopy: ‸`), [
    'true | 20 | Allow switching to post-copy when the completion timeout is reached | 000 | true | true | 3:17-3:17 | 1',
    "false | 20 | Default: false (the KubeVirt CR's allowPostCopy) | 001 | false | false | 3:17-3:17 | 1",
  ]);
  // "the value of `allowPostCopy`" is no value: neither is marked as the default.
  assert.deepEqual(rows(`${H}spec:\n  allowWorkloadDisruption:‸`), [
    'true | 20 | Disrupt the workload (post-copy or pause) instead of cancelling at the timeout | 000 | true |  true | 3:26-3:26 | 1',
    'false | 20 | Disrupt the workload (post-copy or pause) instead of cancelling at the timeout | 001 | false |  false | 3:26-3:26 | 1',
  ]);
  assert.deepEqual(rows(`${J}  "spec": {\n    "allowPostCopy": ‸ "x": 1\n  }\n}`, json), [
    'true | 20 | Allow switching to post-copy when the completion timeout is reached | 000 | true | true, | 4:21-4:21 | 1',
    "false | 20 | Default: false (the KubeVirt CR's allowPostCopy) | 001 | false | false, | 4:21-4:21 | 1",
  ]);
});

test('enum values: the documented values with "(default)" on the default; JSON quotes them, and a quote typed filters on the quoted text', () => {
  assert.deepEqual(rows(`${H}spec:\n  experimental:\n    compression: ‸`), [
    'none | 20 | Send memory pages uncompressed. (default) | 000 | none | none | 4:17-4:17 | 1',
    'zstd | 20 | Compress memory pages with zstd: less traffic, more CPU on both nodes. | 001 | zstd | zstd | 4:17-4:17 | 1',
  ]);
  assert.deepEqual(rows(`${J}  "spec": {\n    "experimental": {"compression": "‸"}\n  }\n}`, json), [
    'none | 20 | Send memory pages uncompressed. (default) | 000 | "none" | "none" | 4:36-4:38 | 1',
    'zstd | 20 | Compress memory pages with zstd: less traffic, more CPU on both nodes. | 001 | "zstd" | "zstd" | 4:36-4:38 | 1',
  ]);
  assert.deepEqual(rows(`${J}  "spec": {\n    "experimental": {"compression": ‸}\n  }\n}`, json).map((r) => r.split(' | ').slice(4, 7).join(' | ')), ['none | "none" | 4:36-4:36', 'zstd | "zstd" | 4:36-4:36']);
  // The fixed values of apiVersion in JSON.
  assert.deepEqual(rows('{"kind": "MigrationPolicy", "apiVersion": ‸}', json), ['migrations.kubevirt.io/v1alpha1 | 20 | Always migrations.kubevirt.io/v1alpha1 | 000 | migrations.kubevirt.io/v1alpha1 | "migrations.kubevirt.io/v1alpha1" | 0:42-0:42 | 1']);
  assert.deepEqual(rows('{"kind": "MigrationPolicy", "apiVersion": "‸"}', json), ['migrations.kubevirt.io/v1alpha1 | 20 | Always migrations.kubevirt.io/v1alpha1 | 000 | "migrations.kubevirt.io/v1alpha1" | "migrations.kubevirt.io/v1alpha1" | 0:42-0:44 | 1']);
});

const BANDWIDTH = [
  '0 | 12 | No limit (the cluster default). | 000 | 0 | 0',
  '32Mi | 12 | 32 MiB/s, about 268 Mbit/s. | 001 | 32Mi | 32Mi',
  '64Mi | 12 | 64 MiB/s, about 537 Mbit/s. | 002 | 64Mi | 64Mi',
  '128Mi | 12 | 128 MiB/s, about 1.07 Gbit/s. | 003 | 128Mi | 128Mi',
  '256Mi | 12 | 256 MiB/s, about 2.1 Gbit/s. | 004 | 256Mi | 256Mi',
  '512Mi | 12 | 512 MiB/s, about 4.3 Gbit/s. | 005 | 512Mi | 512Mi',
  '1Gi | 12 | 1 GiB/s, about 8.6 Gbit/s. | 006 | 1Gi | 1Gi',
];
const head = (r: string) => r.split(' | ').slice(0, 6).join(' | ');

test('quantity values: the catalogue list, then Mi and Gi for a typed number (not 0, not one already listed, not a word)', () => {
  assert.deepEqual(rows(`${H}spec:\n  bandwidthPerMigration: 5‸`).map(head), [
    ...BANDWIDTH,
    // 5 MiB/s = 5 * 1,048,576 bytes/s = 41,943,040 bit/s; 5 GiB/s = 5,368,709,120 bytes/s = 42.9 Gbit/s.
    '5Mi | 12 | 5 MiB/s (5,242,880 bytes/s, 41.9 Mbit/s) | 007 | 5Mi | 5Mi',
    '5Gi | 12 | 5 GiB/s (5,368,709,120 bytes/s, 42.9 Gbit/s) | 008 | 5Gi | 5Gi',
  ]);
  assert.equal(rows(`${H}spec:\n  bandwidthPerMigration: 5‸`)[7].split(' | ')[6], '3:25-3:26');
  // 1.5Mi is 1,572,864 bytes/s, which KubeVirt rounds up to whole MiB (QuantityToMebiByte): 2 MiB/s.
  assert.deepEqual(rows(`${H}spec:\n  bandwidthPerMigration: "1.5‸"`).slice(7).map(head), [
    '1.5Mi | 12 | 2 MiB/s (2,097,152 bytes/s, 16.8 Mbit/s) | 007 | 1.5Mi | 1.5Mi',
    '1.5Gi | 12 | 1.5 GiB/s (1,610,612,736 bytes/s, 12.9 Gbit/s) | 008 | 1.5Gi | 1.5Gi',
  ]);
  assert.deepEqual(rows(`${H}spec:\n  bandwidthPerMigration: 1.25‸`).slice(7).map((r) => r.split(' | ')[0]), ['1.25Mi', '1.25Gi']);
  assert.deepEqual(rows(`${H}spec:\n  bandwidthPerMigration: 64‸`).slice(7).map(head), ['64Gi | 12 | 64 GiB/s (68,719,476,736 bytes/s, 549.8 Gbit/s) | 007 | 64Gi | 64Gi']);
  for (const typed of ['0', 'x5', '5x', '5"', '1.', '.5', '1.5.2', '1.x']) assert.deepEqual(rows(`${H}spec:\n  bandwidthPerMigration: ${typed}‸`).map(head), BANDWIDTH, typed);
  // JSON: numbers stay bare, suffixed quantities are strings.
  assert.deepEqual(rows(`${J}  "spec": {\n    "bandwidthPerMigration": 2‸\n  }\n}`, json).map((r) => r.split(' | ').slice(4, 7).join(' | ')), [
    '0 | 0 | 4:29-4:30',
    '32Mi | "32Mi" | 4:29-4:30',
    '64Mi | "64Mi" | 4:29-4:30',
    '128Mi | "128Mi" | 4:29-4:30',
    '256Mi | "256Mi" | 4:29-4:30',
    '512Mi | "512Mi" | 4:29-4:30',
    '1Gi | "1Gi" | 4:29-4:30',
    '2Mi | "2Mi" | 4:29-4:30',
    '2Gi | "2Gi" | 4:29-4:30',
  ]);
  // A quote typed first: the number after it, and the filter on the quoted text.
  assert.deepEqual(rows(`${J}  "spec": {\n    "bandwidthPerMigration": "3‸"\n  }\n}`, json).slice(6).map((r) => r.split(' | ').slice(0, 7).join(' | ')), [
    '1Gi | 12 | 1 GiB/s, about 8.6 Gbit/s. | 006 | "1Gi" | "1Gi" | 4:29-4:32',
    '3Mi | 12 | 3 MiB/s (3,145,728 bytes/s, 25.2 Mbit/s) | 007 | "3Mi" | "3Mi" | 4:29-4:32',
    '3Gi | 12 | 3 GiB/s (3,221,225,472 bytes/s, 25.8 Gbit/s) | 008 | "3Gi" | "3Gi" | 4:29-4:32',
  ]);
});

test('integer and factor values: the catalogue value or the default; factors are quoted strings, filtered without quotes', () => {
  assert.deepEqual(rows(`${H}spec:\n  completionTimeoutPerGiB: ‸`), ['150 | 12 | The cluster default: 150 seconds per GiB. | 000 | 150 | 150 | 3:27-3:27 | 1']);
  assert.deepEqual(rows(`${H}spec:\n  maxDowntimeMs: ‸`).map(head), ["900 | 12 | Default: 900 (the KubeVirt CR's maxDowntimeMs) | 000 | 900 | 900"]);
  assert.deepEqual(rows(`${H}spec:\n  experimental:\n    stallDetector:\n      ewmaAlpha: ‸`), ['"0.4" | 12 | Default: 0.4 | 000 | 0.4 | "0.4" | 5:17-5:17 | 1']);
  assert.deepEqual(rows(`${H}spec:\n  experimental:\n    stallDetector:\n      ewmaAlpha: "0‸`).map(head), ['"0.4" | 12 | Default: 0.4 | 000 | "0.4" | "0.4"']);
  assert.deepEqual(rows(`${J}  "spec": {\n    "experimental": {"stallDetector": {"ewmaAlpha": ‸ "x": 1}}\n  }\n}`, json), ['"0.4" | 12 | Default: 0.4 | 000 | 0.4 | "0.4", | 4:52-4:52 | 1']);
  assert.deepEqual(rows(`${J}  "spec": {\n    "maxDowntimeMs": ‸\n  }\n}`, json).map((r) => r.split(' | ').slice(4, 6).join(' | ')), ['900 | 900']);
  // Strings and maps have no values to offer.
  assert.deepEqual(rows(`${H}metadata:\n  name: ‸`), []);
  assert.deepEqual(rows(`${H}metadata:\n  labels: ‸`), []);
});

// ---------------------------------------------------------------------------------------------
// completion.ts: the document at the cursor, too-large files, template actions

test('a file over the analysed size gets no completion; a Helm template action gets none inside it', () => {
  const big = `${H}spec:\n  ‸\n# ${'x'.repeat(4 * 1024 * 1024)}\n`;
  const { text, offset } = withCursor(big);
  const list = getCompletions({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, offset, { snippetSupport: true, markdown: true });
  assert.deepEqual(list, { isIncomplete: false, items: [] });
  const chart = `${H}metadata:\n  name: {{ .Values.na‸me }}\nspec:\n  allowPostCopy: true\n`;
  const c = withCursor(chart);
  const file = parseFile(c.text, 'yaml', undefined, 'helm-template');
  const lines = new LineIndex(c.text);
  assert.deepEqual(getCompletions({ file, lines }, c.offset, { snippetSupport: true, markdown: true }), { isIncomplete: false, items: [] });
  // Outside the action the same chart completes.
  const after = c.text.indexOf('  allowPostCopy');
  const list2 = getCompletions({ file, lines }, after + 2, { snippetSupport: true, markdown: true });
  assert.equal(list2.isIncomplete, false);
  assert.equal(list2.items.length, 8);
  assert.equal(row(list2.items[4]), 'allowPostCopy | 10 | Allow switching to post-copy when the completion timeout is reached | 1004 | allowPostCopy | allowPostCopy | 5:2-5:15 | 2');
});

test('an offset past the end is clamped to the end of the file; a negative one to its start', () => {
  const text = `${H}spec:\n  `;
  const options = { snippetSupport: true, markdown: true };
  const at = (offset: number) => getCompletions({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, offset, options).items.map((i) => i.label);
  assert.deepEqual(at(text.length + 50), at(text.length));
  assert.equal(at(text.length)[0], 'selectors');
  const empty = getCompletions({ file: parseFile('', 'yaml'), lines: new LineIndex('') }, -5, options);
  assert.deepEqual(empty.items.map((i) => i.label), ['MigrationPolicy']);
});

// ---------------------------------------------------------------------------------------------
// Selector labels (completionLabels.ts)

/** Namespace labels from a cluster, a snapshot file and the workspace; `bad` has a value apimachinery rejects (a space). */
const NS_LABELS: KnownLabels = {
  namespace: [
    { key: 'team', value: 'b', count: 2, source: 'cluster' },
    { key: 'team', value: 'a', count: 2, source: 'cluster' },
    { key: 'team', value: 'c', count: 1, source: 'workspace' },
    { key: 'team', value: 'b', count: 1, source: 'snap.yaml' },
    { key: 'team', value: 'a', count: 1, source: 'workspace' },
    { key: 'kubernetes.io/metadata.name', value: 'prod', count: 1, source: 'cluster' },
    { key: 'env', value: 'x', count: 6, source: 'workspace' },
    { key: 'zone', value: 'x', count: 6, source: 'workspace' },
    { key: 'bad', value: 'no way', count: 50, source: 'cluster' },
    { key: 'on', value: 'yes', count: 1, source: 'cluster' },
    { key: 'button', value: 'x', count: 1, source: 'cluster' },
    { key: '1abc', value: 'x', count: 1, source: 'cluster' },
  ],
  vmi: [
    { key: 'app', value: 'db', count: 1, source: 'cluster' },
    { key: 'app', value: 'web', count: 3, source: 'cluster' },
    { key: 'kubevirt.io/vm', value: 'vm1', count: 1, source: 'workspace' },
  ],
};
const NS = `${H}spec:\n  selectors:\n    namespaceSelector:\n      `;
const VMI = `${H}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      `;

test('label keys: most used first (then by name), values most used first (then by name), counts per source with the workspace last', () => {
  // team: 4 in the cluster + 1 in snap.yaml + 2 policies = 7; env and zone 6 each; four keys at 1, by name.
  // YAML 1.1 would read `on` as a boolean and `1abc` is no plain identifier: both quoted; `button` is not.
  assert.deepEqual(rows(`${NS}‸`, { labels: NS_LABELS }), [
    'team | 10 | 4 namespaces, 1 namespace in snap.yaml, used by 2 policies | 00000 | team | team: "$1" | 5:6-5:6 | 2',
    'team: "a" | 12 | 2 namespaces, used by 1 policy | 000010000 | team: a | team: "a" | 5:6-5:6 | 2',
    'team: "b" | 12 | 2 namespaces, 1 namespace in snap.yaml | 000010001 | team: b | team: "b" | 5:6-5:6 | 2',
    'team: "c" | 12 | used by 1 policy | 000010002 | team: c | team: "c" | 5:6-5:6 | 2',
    'env | 10 | used by 6 policies | 00010 | env | env: "$1" | 5:6-5:6 | 2',
    'env: "x" | 12 | used by 6 policies | 000110000 | env: x | env: "x" | 5:6-5:6 | 2',
    'zone | 10 | used by 6 policies | 00020 | zone | zone: "$1" | 5:6-5:6 | 2',
    'zone: "x" | 12 | used by 6 policies | 000210000 | zone: x | zone: "x" | 5:6-5:6 | 2',
    '1abc | 10 | 1 namespace | 00030 | 1abc | "1abc": "$1" | 5:6-5:6 | 2',
    '1abc: "x" | 12 | 1 namespace | 000310000 | 1abc: x | "1abc": "x" | 5:6-5:6 | 2',
    'button | 10 | 1 namespace | 00040 | button | button: "$1" | 5:6-5:6 | 2',
    'button: "x" | 12 | 1 namespace | 000410000 | button: x | button: "x" | 5:6-5:6 | 2',
    'kubernetes.io/metadata.name | 10 | 1 namespace | 00050 | kubernetes.io/metadata.name | kubernetes.io/metadata.name: "$1" | 5:6-5:6 | 2',
    'kubernetes.io/metadata.name: "prod" | 12 | 1 namespace | 000510000 | kubernetes.io/metadata.name: prod | kubernetes.io/metadata.name: "prod" | 5:6-5:6 | 2',
    'on | 10 | 1 namespace | 00060 | on | "on": "$1" | 5:6-5:6 | 2',
    'on: "yes" | 12 | 1 namespace | 000610000 | on: yes | "on": "yes" | 5:6-5:6 | 2',
  ]);
  const items = complete(`${NS}‸`, { labels: NS_LABELS, markdown: false }).list.items;
  const doc = (label: string) => pick(items, label).documentation;
  assert.deepEqual(doc('team'), { kind: 'plaintext', value: 'Values in use: a (2 namespaces, used by 1 policy), b (2 namespaces, 1 namespace in snap.yaml), c (used by 1 policy).' });
  assert.deepEqual(doc('kubernetes.io/metadata.name'), {
    kind: 'plaintext',
    value: "The namespace's own name. Kubernetes 1.21 and later put it on every namespace, so it selects namespaces by name without labelling them.\n\nValues in use: prod (1 namespace).",
  });
  assert.deepEqual(doc('kubernetes.io/metadata.name: "prod"'), { kind: 'plaintext', value: "The namespace's own name. Kubernetes 1.21 and later put it on every namespace, so it selects namespaces by name without labelling them." });
  assert.equal(doc('team: "a"'), undefined);
  assert.deepEqual(pick(items, 'team').labelDetails, { description: '4 namespaces, 1 namespace in snap.yaml, used by 2 policies' });
  // Markdown: values in backticks.
  assert.deepEqual(pick(complete(`${NS}‸`, { labels: NS_LABELS }).list.items, 'env').documentation, { kind: 'markdown', value: 'Values in use: `x` (used by 6 policies).' });
});

test('VMI label keys: VMIs counted, the well-known VMI keys after the known ones, with no values', () => {
  assert.deepEqual(rows(`${VMI}‸`, { labels: NS_LABELS }), [
    'app | 10 | 4 VMIs | 00000 | app | app: "$1" | 5:6-5:6 | 2',
    'app: "web" | 12 | 3 VMIs | 000010000 | app: web | app: "web" | 5:6-5:6 | 2',
    'app: "db" | 12 | 1 VMI | 000010001 | app: db | app: "db" | 5:6-5:6 | 2',
    'kubevirt.io/vm | 10 | used by 1 policy | 00010 | kubevirt.io/vm | kubevirt.io/vm: "$1" | 5:6-5:6 | 2',
    'kubevirt.io/vm: "vm1" | 12 | used by 1 policy | 000110000 | kubevirt.io/vm: vm1 | kubevirt.io/vm: "vm1" | 5:6-5:6 | 2',
    'kubevirt.io/domain | 10 | well-known label key | 00020 | kubevirt.io/domain | kubevirt.io/domain: "$1" | 5:6-5:6 | 2',
    'kubevirt.io/size | 10 | well-known label key | 00030 | kubevirt.io/size | kubevirt.io/size: "$1" | 5:6-5:6 | 2',
    'vm.kubevirt.io/name | 10 | well-known label key | 00040 | vm.kubevirt.io/name | vm.kubevirt.io/name: "$1" | 5:6-5:6 | 2',
    'kubevirt.io/nodeName | 10 | well-known label key | 00050 | kubevirt.io/nodeName | kubevirt.io/nodeName: "$1" | 5:6-5:6 | 2',
    'kubevirt.io/migrationTargetNodeName | 10 | well-known label key | 00060 | kubevirt.io/migrationTargetNodeName | kubevirt.io/migrationTargetNodeName: "$1" | 5:6-5:6 | 2',
  ]);
  assert.deepEqual(rows(`${VMI}‸`, { labels: NS_LABELS, snippetSupport: false }).slice(0, 2).map((r) => r.split(' | ')[5]), ['app: ', 'app: "web"']);
});

test('a label key before a colon: keys only, the name alone, the range over the typed word; narrowed by what is typed', () => {
  assert.deepEqual(rows(`${NS}‸: x`, { labels: NS_LABELS }).map((r) => r.split(' | ').slice(0, 7).join(' | ')), [
    'team | 10 | 4 namespaces, 1 namespace in snap.yaml, used by 2 policies | 00000 | team | team | 5:6-5:6',
    'env | 10 | used by 6 policies | 00010 | env | env | 5:6-5:6',
    'zone | 10 | used by 6 policies | 00020 | zone | zone | 5:6-5:6',
    '1abc | 10 | 1 namespace | 00030 | 1abc | "1abc" | 5:6-5:6',
    'button | 10 | 1 namespace | 00040 | button | button | 5:6-5:6',
    'kubernetes.io/metadata.name | 10 | 1 namespace | 00050 | kubernetes.io/metadata.name | kubernetes.io/metadata.name | 5:6-5:6',
    'on | 10 | 1 namespace | 00060 | on | "on" | 5:6-5:6',
  ]);
  // "te" keeps team and kubernetes.io/metadata.name (t…e in order), in the same ranking.
  assert.deepEqual(rows(`${NS}te‸: x`, { labels: NS_LABELS }).map((r) => r.split(' | ').slice(0, 7).join(' | ')), [
    'team | 10 | 4 namespaces, 1 namespace in snap.yaml, used by 2 policies | 00000 | team | team | 5:6-5:8',
    'kubernetes.io/metadata.name | 10 | 1 namespace | 00010 | kubernetes.io/metadata.name | kubernetes.io/metadata.name | 5:6-5:8',
  ]);
  assert.deepEqual(rows(`${NS}TEAM‸`, { labels: NS_LABELS }).map((r) => r.split(' | ')[0]), ['team', 'team: "a"', 'team: "b"', 'team: "c"', 'kubernetes.io/metadata.name', 'kubernetes.io/metadata.name: "prod"']);
});

test('label values: quoted, most used first, filtered on the quoted text after a quote, a comma before a following JSON property', () => {
  assert.deepEqual(rows(`${NS}team: ‸`, { labels: NS_LABELS }), [
    '"a" | 12 | 2 namespaces, used by 1 policy | 0000 | a | "a" | 5:12-5:12 | 1',
    '"b" | 12 | 2 namespaces, 1 namespace in snap.yaml | 0001 | b | "b" | 5:12-5:12 | 1',
    '"c" | 12 | used by 1 policy | 0002 | c | "c" | 5:12-5:12 | 1',
  ]);
  assert.deepEqual(rows(`${NS}team:‸`, { labels: NS_LABELS }).map((r) => r.split(' | ').slice(5, 7).join(' | ')), [' "a" | 5:11-5:11', ' "b" | 5:11-5:11', ' "c" | 5:11-5:11']);
  assert.deepEqual(rows(`${NS}team: "‸`, { labels: NS_LABELS }).map((r) => r.split(' | ').slice(4, 7).join(' | ')), ['"a" | "a" | 5:12-5:13', '"b" | "b" | 5:12-5:13', '"c" | "c" | 5:12-5:13']);
  assert.deepEqual(rows(`${NS}team: 'b‸`, { labels: NS_LABELS }).map((r) => r.split(' | ').slice(4, 6).join(' | ')), ['"b" | "b"']);
  assert.deepEqual(rows(`${NS}unknown: ‸`, { labels: NS_LABELS }), []);
  const jsonNs = (inner: string) => `${J}  "spec": {"selectors": {"namespaceSelector": {${inner}}}}\n}`;
  assert.deepEqual(rows(jsonNs('"team": ‸ "x": "y"'), { ...json, labels: NS_LABELS }).map((r) => r.split(' | ').slice(4, 7).join(' | ')), ['a | "a", | 3:55-3:55', 'b | "b", | 3:55-3:55', 'c | "c", | 3:55-3:55']);
  assert.deepEqual(rows(jsonNs('"team": "‸"'), { ...json, labels: NS_LABELS }).map((r) => r.split(' | ').slice(4, 7).join(' | ')), ['"a" | "a" | 3:55-3:57', '"b" | "b" | 3:55-3:57', '"c" | "c" | 3:55-3:57']);
});

test('JSON label keys: quoted names, the filter on the quoted text after a quote, a comma before a following property', () => {
  const jsonNs = (inner: string) => `${J}  "spec": {"selectors": {"namespaceSelector": {${inner}}}}\n}`;
  assert.deepEqual(rows(jsonNs('"‸'), { ...json, labels: NS_LABELS }).slice(0, 2), [
    'team | 10 | 4 namespaces, 1 namespace in snap.yaml, used by 2 policies | 00000 | "team" | "team": "$1" | 3:47-3:48 | 2',
    'team: "a" | 12 | 2 namespaces, used by 1 policy | 000010000 | "team": "a" | "team": "a" | 3:47-3:48 | 2',
  ]);
  assert.deepEqual(rows(jsonNs('‸ "x": "y"'), { ...json, labels: NS_LABELS }).filter((r) => r.startsWith('on')), ['on | 10 | 1 namespace | 00060 | on | "on": "$1", | 3:47-3:47 | 2', 'on: "yes" | 12 | 1 namespace | 000610000 | on: yes | "on": "yes", | 3:47-3:47 | 2']);
});

test('long label lists: 200 keys and 100 pairs at most, marked incomplete only past the cut, narrowed by what is typed', () => {
  const keys = (n: number): KnownLabels => ({ namespace: Array.from({ length: n }, (_, i) => ({ key: `k${String(i).padStart(3, '0')}`, value: 'v', count: 1, source: 'cluster' })), vmi: [] });
  const at = (marked: string, labels: KnownLabels) => complete(marked, { labels }).list;
  // 199 known keys + kubernetes.io/metadata.name = 200: all of them, complete (before a colon: no pairs).
  let list = at(`${NS}‸: x`, keys(199));
  assert.deepEqual([list.items.length, list.isIncomplete, list.items[199].label, list.items[199].sortText], [200, false, 'kubernetes.io/metadata.name', '01990']);
  list = at(`${NS}‸: x`, keys(200));
  assert.deepEqual([list.items.length, list.isIncomplete, list.items[199].label], [200, true, 'k199']);
  // Typing narrows the keys before the cut: k, 2, 9 in this order are in 21 of 300 keys, k299 among them.
  list = at(`${NS}k29‸: x`, keys(300));
  assert.deepEqual([list.isIncomplete, list.items.map((i) => i.label)], [false, ['k029', 'k129', 'k209', 'k219', 'k229', 'k239', 'k249', 'k259', 'k269', 'k279', 'k289', 'k290', 'k291', 'k292', 'k293', 'k294', 'k295', 'k296', 'k297', 'k298', 'k299']]);
  // Pairs: 100 values of one key are all offered; a 101st is cut and the list marked incomplete.
  const values = (n: number): KnownLabels => ({ namespace: Array.from({ length: n }, (_, i) => ({ key: 'vm', value: `v${String(i).padStart(3, '0')}`, count: 1, source: 'cluster' })), vmi: [] });
  list = at(`${NS}‸`, values(100));
  assert.deepEqual([list.isIncomplete, list.items.filter((i) => i.label.startsWith('vm: ')).length, list.items[100].label, list.items[100].sortText], [false, 100, 'vm: "v099"', '000010099']);
  list = at(`${NS}‸`, values(101));
  assert.deepEqual([list.isIncomplete, list.items.filter((i) => i.label.startsWith('vm: ')).length], [true, 100]);
  // Values of one key: 100 at most, the list incomplete past that; typing narrows them.
  list = at(`${NS}vm: ‸`, values(100));
  assert.deepEqual([list.isIncomplete, list.items.length, list.items[99].sortText], [false, 100, '0099']);
  list = at(`${NS}vm: ‸`, values(150));
  assert.deepEqual([list.isIncomplete, list.items.length, list.items[99].label], [true, 100, '"v099"']);
  list = at(`${NS}vm: v14‸`, values(150));
  assert.deepEqual([list.isIncomplete, list.items.map((i) => i.label)], [false, ['"v014"', '"v104"', '"v114"', '"v124"', '"v134"', '"v140"', '"v141"', '"v142"', '"v143"', '"v144"', '"v145"', '"v146"', '"v147"', '"v148"', '"v149"']]);
});

test('a key with more than ten values lists the ten most used in its documentation', () => {
  const labels: KnownLabels = { namespace: Array.from({ length: 12 }, (_, i) => ({ key: 'n', value: `v${i}`, count: 20 - i, source: 'cluster' })), vmi: [] };
  const item = pick(complete(`${NS}‸`, { labels, markdown: false }).list.items, 'n');
  assert.deepEqual(item.documentation, {
    kind: 'plaintext',
    value: 'Values in use: v0 (20 namespaces), v1 (19 namespaces), v2 (18 namespaces), v3 (17 namespaces), v4 (16 namespaces), v5 (15 namespaces), v6 (14 namespaces), v7 (13 namespaces), v8 (12 namespaces), v9 (11 namespaces).',
  });
});

// ---------------------------------------------------------------------------------------------
// JSON sites (completionJson.ts)

const P = '"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy"';
const labels = (marked: string, options: CheckCompletionOptions = {}) => complete(marked, { ...json, ...options }).list.items.map((i) => i.label);
const SPEC_KEYS = ['selectors', 'allowAutoConverge', 'bandwidthPerMigration', 'completionTimeoutPerGiB', 'allowPostCopy', 'allowWorkloadDisruption', 'maxDowntimeMs', 'experimental'];

test('JSON: a policy inside a List is completed per item; an items array of another kind is not', () => {
  const list = `{"apiVersion": "v1", "kind": "List", "items": [{"kind": "ConfigMap"}, {${P}, "spec": {‸}}]}`;
  assert.deepEqual(labels(list), SPEC_KEYS);
  assert.equal(rows(list, json)[0], 'selectors | 10 | Which VMIs the policy applies to (required) | 0000 | selectors | "selectors": {$1} | 0:156-0:156 | 2');
  assert.deepEqual(labels(`{"apiVersion": "v1", "kind": "List", "items": [{${P}, "spec": {"allowPostCopy": ‸}}]}`), ['true', 'false']);
  assert.deepEqual(labels(`{"apiVersion": "v1", "kind": "List", "items": [{"kind": "ConfigMap", "data": {‸}}]}`), []);
  assert.deepEqual(labels(`{"kind": "Foo", "items": [{${P}, "spec": {‸}}]}`), []);
  // Inside a list of the policy itself: no catalogue path has a list index.
  assert.deepEqual(labels(`{${P}, "spec": {"selectors": [{‸}]}}`), []);
});

test('JSON: an unclosed object extends to the end of the file', () => {
  assert.deepEqual(labels(`{${P}, "spec": {‸`), SPEC_KEYS);
  assert.deepEqual(rows(`{${P}, "spec": {"allowPostCopy": ‸`, json).map((r) => r.split(' | ').slice(5, 7).join(' | ')), ['true | 0:103-0:103', 'false | 0:103-0:103']);
  // Right after a closed object, or before one: nothing.
  assert.deepEqual(labels(`{${P}, "spec": {}‸, "x": 1}`), []);
  assert.deepEqual(labels(`{${P}, "spec": ‸{}}`), []);
});

test('JSON: the new policy only in a file of white space and one typed word', () => {
  const edit = (marked: string) => {
    const items = complete(marked, json).list.items;
    assert.deepEqual(items.map((i) => i.label), ['MigrationPolicy'], marked);
    return (items[0].textEdit as TextEdit).range;
  };
  assert.deepEqual(edit('\n  ‸'), { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } });
  assert.deepEqual(edit('  pol‸'), { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } });
  assert.deepEqual(edit('pol‸  '), { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  assert.deepEqual(edit('‸\n'), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  for (const marked of [`‸{${P}}`, '{"a": 1} ‸', '"‸', `x‸ {${P}}`]) assert.deepEqual(labels(marked), [], marked);
});

test('JSON: the key being typed is not counted as present; the range covers the whole word and its quotes', () => {
  assert.deepEqual(rows(`{${P}, "spe‸": {}}`, json), [
    'metadata | 10 | Name and labels of the policy | 0002 | "metadata" | "metadata" | 0:77-0:82 | 2',
    'spec | 10 | Which VMIs the policy selects and the migration settings it overrides | 0003 | "spec" | "spec" | 0:77-0:82 | 2',
  ]);
  assert.deepEqual(rows(`{${P}, "spec": {"band‸width": 1}}`, json)[2], 'bandwidthPerMigration | 10 | Bandwidth cap of each migration, bytes per second (0 = unlimited) | 1002 | "bandwidthPerMigration" | "bandwidthPerMigration" | 0:86-0:97 | 2');
  assert.deepEqual(rows(`{${P}, "spec": {band‸width: 1}}`, json)[2], 'bandwidthPerMigration | 10 | Bandwidth cap of each migration, bytes per second (0 = unlimited) | 1002 | bandwidthPerMigration | "bandwidthPerMigration" | 0:86-0:95 | 2');
});

test('JSON: a value after a property without a comma, an unquoted key or an escaped quote in the key gets nothing', () => {
  const team: KnownLabels = { namespace: [{ key: 'team', value: 'a', count: 1, source: 'cluster' }], vmi: [] };
  assert.deepEqual(labels(`{${P} ‸}`), []);
  assert.deepEqual(labels(`{${P}, spec: ‸}`), []);
  assert.deepEqual(labels(`{${P}, "spec": {"a" "allowPostCopy": ‸}}`), ['true', 'false']);
  assert.deepEqual(labels(`{${P}, "spec": {"selectors": {"namespaceSelector": {"team": ‸}}}}`, { labels: team }), ['"a"']);
  // The key is x"team, not team.
  assert.deepEqual(labels(`{${P}, "spec": {"selectors": {"namespaceSelector": {"x\\"team": ‸}}}}`, { labels: team }), []);
  assert.deepEqual(labels(`{${P}, "spec": {"selectors": {"namespaceSelector": {"\\\\"team": ‸}}}}`, { labels: team }), []);
});

test('yamlKey: a label key go-yaml v2 would read as a bool, null or number, or that is no plain word, is quoted', () => {
  // go-yaml v2 resolve.go: y, Y, yes, Yes, YES, n, N, no, No, NO, true, True, TRUE, false, …, on, On, ON, off, Off, OFF; ~ and null.
  const table: [string, string][] = [
    ['app', 'app'],
    ['button', 'button'],
    ['nodepool', 'nodepool'],
    ['yesterday', 'yesterday'],
    ['example.com/no', 'example.com/no'],
    ['on', '"on"'],
    ['Yes', '"Yes"'],
    ['N', '"N"'],
    ['NULL', '"NULL"'],
    ['False', '"False"'],
    ['1abc', '"1abc"'],
    ['_x', '"_x"'],
  ];
  assert.deepEqual(table.map(([k]) => [k, yamlKey(k)]), table);
});

test('key and value sites the catalogue has nothing for get nothing (and never throw)', () => {
  assert.deepEqual(rows(`${H}spec:\n  allowPostCopy:\n    ‸`), []);
  assert.deepEqual(rows(`${H}spec:\n  unknown:\n    ‸`), []);
  assert.deepEqual(rows(`${H}spec:\n  unknown:\n    deeper: ‸`), []);
  assert.deepEqual(rows(`${H}spec:\n  unknown: ‸`), []);
  assert.deepEqual(rows(`{${P}, "spec": {"unknown": {"deeper": ‸}}}`, json), []);
});

test('selector keys: label maps open an indented line (YAML) or {} (JSON)', () => {
  assert.deepEqual(rows(`${H}spec:\n  selectors:\n    ‸`), [
    "namespaceSelector | 10 | Labels the VMI's namespace must carry | 1000 | namespaceSelector | namespaceSelector:\n      ${1} | 4:4-4:4 | 2",
    'virtualMachineInstanceSelector | 10 | Labels the VMI itself must carry | 1001 | virtualMachineInstanceSelector | virtualMachineInstanceSelector:\n      ${1} | 4:4-4:4 | 2',
  ]);
  assert.deepEqual(rows(`{${P}, "spec": {"selectors": {‸}}}`, { ...json, snippetSupport: false }).map((r) => r.split(' | ')[5]), ['"namespaceSelector": {}', '"virtualMachineInstanceSelector": {}']);
});

// Written after the last run (not re-measured): survivors of `2026-11-30-s22-completion-3.json`.
test('counts list cluster-like sources by name, the workspace last whatever the order they were merged in', () => {
  const labels: KnownLabels = {
    namespace: [
      { key: 'team', value: 'a', count: 1, source: 'workspace' },
      { key: 'team', value: 'a', count: 2, source: 'zones.yaml' },
      { key: 'team', value: 'a', count: 1, source: 'snap.yaml' },
      { key: 'team', value: 'a', count: 3, source: 'cluster' },
    ],
    vmi: [],
  };
  assert.deepEqual(rows(`${NS}‸`, { labels })[0], 'team | 10 | 3 namespaces, 1 namespace in snap.yaml, 2 namespaces in zones.yaml, used by 1 policy | 00000 | team | team: "$1" | 5:6-5:6 | 2');
});

test('JSON: a key typed in the middle is not present; before an item of a List array nothing is offered', () => {
  assert.deepEqual(labels(`{${P}, "sp‸ec": {}}`), ['metadata', 'spec']);
  assert.deepEqual(labels(`{"apiVersion": "v1", "kind": "List", "items": [{"kind": "ConfigMap"}, ‸{${P}}]}`), []);
});

test('a quote typed after a digit does not make the filter the quoted text', () => {
  assert.deepEqual(rows(`${H}spec:\n  experimental:\n    stallDetector:\n      ewmaAlpha: 0"‸`).map((r) => r.split(' | ')[4]), ['0.4']);
});
