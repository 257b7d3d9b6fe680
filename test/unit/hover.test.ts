// Hover: exact contents and ranges for the catalogue fields and the values KubeVirt interprets,
// plain-text mode, kind: List items, null where we have nothing to say, and robustness on messy input.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/document/file';
import { getHover } from '../../server/src/features/hover';
import { findField } from '../../server/src/policy/catalog';
import { checkHover, hoverOf, yaml } from '../support/check';
import { model } from '../support/fixture';

const HEAD = yaml`
  apiVersion: migrations.kubevirt.io/v1alpha1
  kind: MigrationPolicy
  metadata:
    name: fast
`;

/** The hover's paragraphs, for exact comparisons of the leading value sections. */
const paragraphs = (value: string) => value.split('\n\n');

const DISAGREE = '**Where the docs disagree with the code**';

test('bandwidthPerMigration value: bytes/s, what KubeVirt applies, then the catalogue entry', () => {
  const h = hoverOf(yaml`
    ${HEAD}
    spec:
      bandwidthPerMigration: 6‸4Mi
  `);
  const field = findField(['spec', 'bandwidthPerMigration'])!;
  assert.equal(h.range, '64Mi');
  assert.equal(h.kind, 'markdown');
  assert.deepEqual(paragraphs(h.value).slice(0, 4), [
    '`64Mi` = 64 MiB/s (67,108,864 bytes/s, 536.9 Mbit/s)',
    'KubeVirt applies exactly this limit to each migration.',
    '---',
    `**spec.bandwidthPerMigration** · ${field.summary}`,
  ]);
  assert.ok(h.value.includes(field.doc));
  assert.ok(h.value.includes('- Unit: bytes per second.\n- Default when left out: 0, unlimited (the KubeVirt CR\'s `bandwidthPerMigration`).\n- Allowed range: at least 0.\n- Since KubeVirt v0.49.0.'));
  assert.ok(h.value.endsWith(`${DISAGREE}\n\n${field.docsDisagree} KubeVirt's code wins; this hover follows the code.`));
});

test('bandwidthPerMigration values KubeVirt changes: raised, truncated, rounded, zero, canonical, negative, invalid', () => {
  const lead = (value: string) => paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      bandwidthPerMigration: ‸${value}
  `).value).slice(0, 3);
  assert.deepEqual(lead('1Ki'), [
    '`1Ki` = 1 KiB/s (1,024 bytes/s, 8.2 kbit/s)',
    'What KubeVirt does: KubeVirt raises a limit below 1 MiB/s to 1 MiB/s. It applies 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s).',
    '---',
  ]);
  assert.deepEqual(lead('500m'), ['`500m` = 0.5 bytes/s (4 bit/s)', 'What KubeVirt does: `500m` is less than 1 byte/s: KubeVirt truncates it to 0, which means no limit.', '---']);
  assert.deepEqual(lead('100M'), [
    '`100M` = 95.37 MiB/s (100,000,000 bytes/s, 800 Mbit/s)',
    'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 95.37 MiB/s becomes 95 MiB/s. It applies 95 MiB/s (99,614,720 bytes/s, 796.9 Mbit/s).',
    '---',
  ]);
  assert.deepEqual(lead('0'), ['`0` = unlimited', 'What KubeVirt does: 0 means no bandwidth limit.', '---']);
  assert.deepEqual(lead('1024Mi'), ['`1024Mi` = 1 GiB/s (1,073,741,824 bytes/s, 8.6 Gbit/s)', 'KubeVirt applies exactly this limit to each migration.', 'Canonical form: `1Gi`.']);
  assert.deepEqual(lead('1e3'), [
    '`1e3` (kubectl sends 1000) = 1,000 bytes/s (8 kbit/s)',
    'What KubeVirt does: KubeVirt raises a limit below 1 MiB/s to 1 MiB/s. It applies 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s).',
    'Canonical form: `1k`.',
  ]);
  // A wrong value has a diagnostic, which the editor shows above the hover: the hover starts with the field's docs instead.
  for (const wrong of ['-5Mi', '1K', '1.5']) assert.match(lead(wrong)[0], /^\*\*spec\.bandwidthPerMigration\*\* · /, wrong);
});

test('bandwidth hover follows virt-launcher: the JSON round trips, values it cannot convert, tolerated floats', () => {
  const lead = (value: string) => paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      bandwidthPerMigration: ‸${value}
  `).value).slice(0, 2);
  // The policy's quantity reaches virt-launcher re-parsed from Go's marshalled text: "0.0" is "0", "1.0" is "1".
  // QuantityToMebiByte of the text as written would differ (fail; no limit): the hover says why it does not.
  for (const zero of ['0.0', '.0m']) {
    assert.deepEqual(lead(`"${zero}"`), [
      `\`${zero}\` = unlimited`,
      `What KubeVirt does: 0 means no bandwidth limit. virt-launcher never converts \`${zero}\` as written (that would fail: "Memory size '0' must be greater than or equal to 0"): KubeVirt records the policy's value on the VMI as \`0\`, and virt-launcher converts that.`,
    ]);
  }
  assert.deepEqual(lead('"1.0"'), [
    '`1.0` = 1 byte/s (8 bit/s)',
    'What KubeVirt does: KubeVirt raises a limit below 1 MiB/s to 1 MiB/s. virt-launcher never converts `1.0` as written (that would mean no limit): KubeVirt records the policy\'s value on the VMI as `1`, and virt-launcher converts that. It applies 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s).',
  ]);
  // The same value unquoted: kubectl already sends the integer 0, so there is nothing to explain.
  assert.deepEqual(lead('0.0'), ['`0.0` (kubectl sends 0) = unlimited', 'What KubeVirt does: 0 means no bandwidth limit.']);
  assert.deepEqual(lead('"1e19"'), [
    '`1e19` = 8.67 EiB/s (10,000,000,000,000,000,000 bytes/s, 80 Ebit/s)',
    'What KubeVirt does: virt-launcher cannot convert this bandwidth to bytes ("Memory size \'10e18\' must be greater than or equal to 0"), so every migration under this policy fails to start.',
  ]);
  assert.deepEqual(lead('1e400').slice(1), ['`1e400` = more than 10^308 bytes/s']);
  assert.deepEqual(lead('"1000E"').slice(1), [
    "What KubeVirt does: virt-launcher's 64-bit conversion turns this into 1 MiB/s. KubeVirt passes it on as `1` (Go's Quantity prints decimal values from 10^21 without their suffix). It applies 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s).",
  ]);
  assert.deepEqual(lead('85583.31528759E7').slice(0, 1), ['`85583.31528759E7` = 797.06 GiB/s (855,833,152,875.9 bytes/s, 6.8 Tbit/s)']);
});

test('a key hover is the catalogue entry alone, over the exact key', () => {
  const h = hoverOf(yaml`
    ${HEAD}
    spec:
      bandwidthPer‸Migration: 64Mi
  `);
  assert.equal(h.range, 'bandwidthPerMigration');
  assert.ok(h.value.startsWith('**spec.bandwidthPerMigration** · Bandwidth cap of each migration'));
  assert.ok(!h.value.includes('KubeVirt applies'));
  assert.ok(h.value.includes(DISAGREE));
});

test('completionTimeoutPerGiB: a worked example and a small list of sizes', () => {
  const h = hoverOf(yaml`
    ${HEAD}
    spec:
      completionTimeoutPerGiB: 15‸0
  `);
  assert.equal(h.range, '150');
  assert.deepEqual(paragraphs(h.value).slice(0, 4), [
    'At `150` s/GiB, an 8 GiB VMI gets 1,350 s (22 min 30 s) before the completion timeout fires: KubeVirt counts memory in decimal GB, rounded up (8 GiB = 8.59 GB counts as 9).',
    '- 2 GiB → 450 s (7 min 30 s)\n- 8 GiB → 1,350 s (22 min 30 s)\n- 32 GiB → 5,250 s (1 h 27 min)',
    '---',
    `**spec.completionTimeoutPerGiB** · ${findField(['spec', 'completionTimeoutPerGiB'])!.summary}`,
  ]);
  assert.equal(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      completionTimeoutPerGiB: 7‸
  `).value)[1], '- 2 GiB → 21 s\n- 8 GiB → 63 s (1 min 3 s)\n- 32 GiB → 245 s (4 min 5 s)');
  assert.equal(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      completionTimeoutPerGiB: ‸0
  `).value)[0], '`0` turns the completion timeout off: KubeVirt never fires a timeout of 0 s.');
  for (const wrong of ['-‸1', '"1‸50"']) {
    assert.match(paragraphs(hoverOf(yaml`
      ${HEAD}
      spec:
        completionTimeoutPerGiB: ${wrong}
    `).value)[0], /^\*\*spec\.completionTimeoutPerGiB\*\* · /);
  }
});

test('maxDowntimeMs: the value in seconds; gates, release and range from the catalogue', () => {
  const h = hoverOf(yaml`
    ${HEAD}
    spec:
      maxDowntimeMs: 9‸00
  `);
  assert.equal(h.range, '900');
  assert.equal(paragraphs(h.value)[0], '`900` ms is 0.9 s of pause at the final switchover.');
  assert.ok(h.value.includes('- Allowed range: 1 to 2,000,000.\n- Since KubeVirt v1.9.0.\n- Needs one of the feature gates `MigrationStallDetection` or `MigrationDowntimeTuning`.'));
  assert.equal(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      maxDowntimeMs: 2000000‸
  `).value)[0], '`2000000` ms is 2,000 s (33 min 20 s) of pause at the final switchover.');
  assert.match(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      maxDowntimeMs: ‸0
  `).value)[0], /^\*\*spec\.maxDowntimeMs\*\* · /);
});

test('YAML 1.1 scalars: how kubectl reads them versus YAML 1.2 tools', () => {
  const yes = hoverOf(yaml`
    ${HEAD}
    spec:
      allowPostCopy: y‸es
  `);
  assert.equal(yes.range, 'yes');
  assert.equal(paragraphs(yes.value)[0], 'kubectl reads `yes` as the boolean true (YAML 1.1); YAML 1.2 tools read the string "yes".');
  assert.equal(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      allowAutoConverge: o‸n
  `).value)[0], 'kubectl reads `on` as the boolean true (YAML 1.1); YAML 1.2 tools read the string "on".');
  assert.deepEqual(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      completionTimeoutPerGiB: 01‸0
  `).value).slice(0, 3), [
    'kubectl reads `010` as the integer 8 (YAML 1.1); YAML 1.2 tools read the integer 10.',
    'At `8` s/GiB, an 8 GiB VMI gets 72 s (1 min 12 s) before the completion timeout fires: KubeVirt counts memory in decimal GB, rounded up (8 GiB = 8.59 GB counts as 9).',
    '- 2 GiB → 24 s\n- 8 GiB → 72 s (1 min 12 s)\n- 32 GiB → 280 s (4 min 40 s)',
  ]);
  assert.match(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      allowPostCopy: "y‸es"
  `).value)[0], /^\*\*spec\.allowPostCopy\*\* · /);
});

test('selector entries: what the entry requires, well-known keys, non-string values', () => {
  const ns = hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        namespaceSelector:
          te‸am: db
  `);
  assert.equal(ns.range, 'team');
  assert.equal(ns.value, '**spec.selectors.namespaceSelector** entry · every entry must match.\n\nMatches VMIs whose namespace has label `team=db`, exactly; case-sensitive.');
  const onValue = hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        namespaceSelector:
          team: d‸b
  `);
  assert.equal(onValue.range, 'db');
  assert.equal(onValue.value, ns.value);

  const vmi = hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          kubevirt.io/no‸deName: node-1
  `);
  assert.deepEqual(paragraphs(vmi.value), [
    '**spec.selectors.virtualMachineInstanceSelector** entry · every entry must match.',
    'Matches VMIs that have label `kubevirt.io/nodeName=node-1`, exactly; case-sensitive.',
    '`kubevirt.io/nodeName`: The node the VMI runs on, set by KubeVirt once the VMI is scheduled. At migration time it is the source node.',
  ]);
  assert.equal(
    paragraphs(hoverOf(yaml`
      ${HEAD}
      spec:
        selectors:
          virtualMachineInstanceSelector:
            kubernetes.io/metadata.name: a‸
    `).value)[2].endsWith('It is a namespace label, so it rarely appears on VMIs.'),
    true,
  );

  assert.deepEqual(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          hpc: tr‸ue
  `).value).slice(1), [
    'kubectl reads `true` as the boolean true, not a string: the API server rejects the policy (selector values must be strings). Quote it: `"true"`.',
  ]);
  assert.deepEqual(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          hpc: y‸es
  `).value).slice(1), [
    'kubectl reads `yes` as the boolean true (YAML 1.1); YAML 1.2 tools read the string "yes".',
    'For kubectl `yes` is not a string: the API server rejects the policy (selector values must be strings). Quote it: `"yes"`.',
  ]);
  assert.deepEqual(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        namespaceSelector:
          tier: 1‸
  `).value).slice(1), [
    'kubectl reads `1` as the integer 1, not a string: the API server rejects the policy (selector values must be strings). Quote it: `"1"`.',
  ]);
  assert.deepEqual(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        namespaceSelector:
          ye‸s: a
  `).value).slice(1), [
    'kubectl reads `yes` as the boolean true, which becomes the key "true" (YAML 1.1); YAML 1.2 tools read the string "yes".',
    'Matches VMIs whose namespace has label `true=a`, exactly; case-sensitive.',
  ]);
  assert.deepEqual(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        namespaceSelector:
          t‸ier:
  `).value).slice(1), [
    '`tier` has no value: the API server drops the entry, so this selector does not require `tier` at all. Write `tier: ""` to require an empty value.',
  ]);
  assert.deepEqual(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        namespaceSelector:
          tier: "‸"
  `).value).slice(1), [
    'Matches VMIs whose namespace has label `tier=`, exactly; case-sensitive (an empty value: only a label `tier` whose value is empty matches, not any value).',
  ]);
  assert.ok(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      selectors:
        namespaceSelector:
          matchL‸abels:
            a: b
  `).value)[1].startsWith('`matchLabels` is the LabelSelector form of KubeVirt before v0.55.'));
});

test('docs-disagree sections for selectors, bandwidthPerMigration and apiVersion', () => {
  for (const [marked, path] of [
    [yaml`
      ${HEAD}
      spec:
        sel‸ectors: {}
    `, ['spec', 'selectors']],
    [yaml`
      ${HEAD}
      spec:
        bandwidthPerMigration‸: 0
    `, ['spec', 'bandwidthPerMigration']],
    [yaml`
      api‸Version: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
    `, ['apiVersion']],
  ] as const) {
    const h = hoverOf(marked);
    const field = findField(path)!;
    assert.ok(field.docsDisagree);
    assert.ok(h.value.includes(`${DISAGREE}\n\n${field.docsDisagree} KubeVirt's code wins; this hover follows the code.`), path.join('.'));
  }
  assert.ok(hoverOf(yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowPost‸Copy: true
  `).value.includes(DISAGREE) === false);
  assert.ok(findField(['spec', 'selectors'])!.docsDisagree!.includes('policy names'));
});

test('apiVersion, kind and metadata.name: their docs and what is wrong with the value', () => {
  const v1beta1 = hoverOf(yaml`
    apiVersion: migrations.kubevirt.io/v1b‸eta1
    kind: MigrationPolicy
  `);
  assert.equal(v1beta1.range, 'migrations.kubevirt.io/v1beta1');
  assert.match(paragraphs(v1beta1.value)[0], /^\*\*apiVersion\*\* · /);
  assert.match(paragraphs(hoverOf(yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: Migrationpol‸icy
  `).value)[0], /^\*\*kind\*\* · /);
  assert.ok(hoverOf(yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    ki‸nd: MigrationPolicy
  `).value.startsWith('**kind** · Always MigrationPolicy'));

  const name = hoverOf(yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: MigrationPolicy
    metadata:
      na‸me: fast
  `);
  assert.equal(name.range, 'name');
  assert.ok(name.value.includes('lowercase RFC 1123 (DNS-1123) subdomain'));
  assert.ok(name.value.includes('Names also break ties'));
  assert.equal(paragraphs(hoverOf(`${HEAD.replace('fast', 'fa‸st')}`).value)[0], '`fast` is a valid name. On a precedence tie it wins against policies whose names sort after it (byte-wise).');
  assert.equal(
    paragraphs(hoverOf(yaml`
      apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata:
        name: My_Po‸licy
    `).value)[0],
    'On a precedence tie the name decides: the one that sorts first (byte-wise) wins.',
  );
});

test('experimental fields carry the alpha badge; main-only fields say so', () => {
  const stall = hoverOf(yaml`
    ${HEAD}
    spec:
      experimental:
        stall‸Detector: {}
  `);
  assert.deepEqual(paragraphs(stall.value).slice(0, 2), [`**spec.experimental.stallDetector** · ${findField(['spec', 'experimental', 'stallDetector'])!.summary}`, '**Experimental (alpha)**']);
  assert.ok(stall.value.includes('- Since KubeVirt v1.9.0.\n- Needs the feature gate `MigrationStallDetection`.'));
  assert.ok(hoverOf(yaml`
    ${HEAD}
    spec:
      experimental:
        downtime‸Tuning: {}
  `).value.includes('- Since KubeVirt main (not in a release yet).'));
  assert.equal(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      experimental:
        stallDetector:
          ewmaAlpha: 5‸00m
  `).value)[0], '`500m` = 0.5');
  assert.equal(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      experimental:
        compression: zs‸td
  `).value)[0], '`zstd`: Compress memory pages with zstd: less traffic, more CPU on both nodes.');
  assert.ok(!hoverOf(yaml`
    ${HEAD}
    spec:
      allow‸PostCopy: true
  `).value.includes('Experimental'));
});

test('cluster-only fields put into a policy say where they belong', () => {
  const h = hoverOf(yaml`
    ${HEAD}
    spec:
      progress‸Timeout: 150
  `);
  assert.equal(h.range, 'progressTimeout');
  assert.ok(h.value.startsWith('`progressTimeout` is not a MigrationPolicy field: it is the cluster-wide progress timeout, set in the KubeVirt CR under `spec.configuration.migrations`.'));
});

test('items of a kind: List hover with paths relative to the policy', () => {
  const text = yaml`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata: {name: a}
      spec:
        selectors: {}
    - apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata: {name: b}
      spec:
        bandwidthPerMigration: 1‸Gi
  `;
  const h = hoverOf(text);
  assert.equal(h.range, '1Gi');
  assert.equal(paragraphs(h.value)[0], '`1Gi` = 1 GiB/s (1,073,741,824 bytes/s, 8.6 Gbit/s)');
  assert.ok(h.value.includes('**spec.bandwidthPerMigration** · '));
  assert.ok(hoverOf(text.replace('name: a}', 'na‸me: a}').replace('‸Gi', 'Gi')).value.startsWith('**metadata.name** · '));
  assert.equal(checkHover(text.replace('1‸Gi', '1Gi').replace('kind: List', 'kind: Li‸st')), null, 'the List itself is not a policy');
});

test('JSON policies hover too; the range keeps the quotes of the value', () => {
  const h = hoverOf('{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "spec": {"bandwidthPerMigration": "64‸Mi"}}', true, 'p.json');
  assert.equal(h.range, '"64Mi"');
  assert.equal(paragraphs(h.value)[0], '`64Mi` = 64 MiB/s (67,108,864 bytes/s, 536.9 Mbit/s)');
});

test('plain-text mode has the same facts without markdown syntax', () => {
  for (const marked of [
    yaml`
      ${HEAD}
      spec:
        bandwidthPerMigration: 6‸4Mi
    `,
    yaml`
      ${HEAD}
      spec:
        sel‸ectors: {}
    `,
    yaml`
      ${HEAD}
      spec:
        selectors:
          namespaceSelector:
            kubernetes.io/metadata.name: pr‸od
    `,
    yaml`
      ${HEAD}
      spec:
        experimental:
          stall‸Detector: {}
    `,
    yaml`
      ${HEAD}
      spec:
        allowPostCopy: y‸es
    `,
    yaml`
      ${HEAD}
      spec:
        completionTimeoutPerGiB: 15‸0
    `,
    yaml`
      ${HEAD}
      spec:
        bandwidthPerMigration: 1‸K
    `,
  ]) {
    const md = hoverOf(marked, true);
    const plain = hoverOf(marked, false);
    assert.equal(plain.kind, 'plaintext');
    assert.equal(plain.range, md.range);
    assert.doesNotMatch(plain.value, /\*\*|`|^#|^---$|\|/m, plain.value);
    assert.match(md.value, /\*\*|`/);
  }
  const plain = hoverOf(yaml`
    ${HEAD}
    spec:
      bandwidthPerMigration: 6‸4Mi
  `, false).value;
  assert.deepEqual(paragraphs(plain).slice(0, 3), ['64Mi = 64 MiB/s (67,108,864 bytes/s, 536.9 Mbit/s)', 'KubeVirt applies exactly this limit to each migration.', 'spec.bandwidthPerMigration · Bandwidth cap of each migration, bytes per second (0 = unlimited)']);
  assert.ok(plain.includes('Where the docs disagree with the code\n\n'));
  assert.ok(plain.includes('- Default when left out: 0, unlimited (the KubeVirt CR\'s bandwidthPerMigration).'));
  assert.equal(paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      allowPostCopy: y‸es
  `, false).value)[0], 'kubectl reads yes as the boolean true (YAML 1.1); YAML 1.2 tools read the string "yes".');
});

test('null for other documents, comments, whitespace and structure', () => {
  const policy = yaml`
    ${HEAD}
    spec:
      # the bandwidth cap
      bandwidthPerMigration: 64Mi # per migration

      maxDowntimeMs: 900
  `;
  const deployment = yaml`
    apiVersion: apps/v1
    kind: Deployment
    spec:
      bandwidthPerMigration: 64Mi
      allowPostCopy: yes
  `;
  const file = yaml`
    ${policy}
    ---
    ${deployment}
  `;
  const at = (needle: string, delta = 0) => {
    const i = file.indexOf(needle);
    assert.ok(i >= 0, needle);
    return `${file.slice(0, i + delta)}‸${file.slice(i + delta)}`;
  };
  assert.ok(checkHover(at('bandwidthPerMigration: 64Mi #', 3)), 'the policy document answers');
  assert.equal(checkHover(at('the bandwidth cap')), null, 'comment line');
  assert.equal(checkHover(at('per migration')), null, 'trailing comment');
  assert.equal(checkHover(at('\n\n  maxDowntimeMs', 1)), null, 'blank line');
  assert.equal(checkHover(at('  maxDowntimeMs')), null, 'indentation');
  assert.equal(checkHover(at('---')), null, 'document marker');
  assert.equal(checkHover(at('Deployment', 2)), null, 'kind of the deployment');
  assert.equal(checkHover(`${file.slice(0, file.lastIndexOf('bandwidthPerMigration') + 3)}‸${file.slice(file.lastIndexOf('bandwidthPerMigration') + 3)}`), null, 'deployment key');
  assert.equal(checkHover(at('yes', 1)), null, 'deployment YAML 1.1 value');
  assert.equal(checkHover('‸'), null, 'empty file');
  assert.equal(checkHover(yaml`
    ${HEAD}
    spec:
      selectors:
        namespaceSelector:
          team: db
      ‸
  `), null, 'end of the map');
  assert.equal(checkHover(yaml`
    ${HEAD}
    spec:
      unknownField: val‸ue
  `), null, 'unknown field');
});

/** Messy inputs: every offset must give null or a hover whose range covers the offset. */
const MESSY: { name: string; text: string; file?: string }[] = [
  {
    name: 'alias bomb',
    text: yaml`
      ${HEAD}
      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      spec: &s
        bandwidthPerMigration: *d
        selectors:
          namespaceSelector: *s
          virtualMachineInstanceSelector: {x: *a, *a : y}
        completionTimeoutPerGiB: *nope
    `,
  },
  {
    name: 'half-typed',
    text: `${HEAD}spec:\n  selectors:\n    namespaceSelector:\n      team: \n      "unterminated: x\n  bandwidthPerMigration: 6\n  maxDown\n  completionTimeoutPerGiB: [1, {\n---\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n\tbandwidthPerMigration: 1K\n  : orphan\n  ? complex\n  : key\n`,
  },
  {
    name: 'binary junk',
    text: (() => {
      let seed = 7;
      let junk = '';
      const alphabet = ':- \n\t"\'{}[],&*!|>#%@`\u0000\u0007\uFFFD\uD800é0123456789abcMiKyesno.';
      for (let i = 0; i < 1500; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        junk += alphabet[seed % alphabet.length];
      }
      return `${HEAD}spec:\n  bandwidthPerMigration: 1Gi\n${junk}\n`;
    })(),
  },
  {
    name: 'JSON',
    text: '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "j"}, "spec": {"bandwidthPerMigration": 1048576, "completionTimeoutPerGiB": "x", "selectors": {"namespaceSelector": {"a": true, "b": null, "c": [1]}}, "maxDowntimeMs": 1.5, "experimental": {"stallDetector": {"ewmaAlpha": "0.4"}}, ',
    file: 'p.json',
  },
  {
    name: 'flow style and a List with aliases',
    text: yaml`
      kind: List
      apiVersion: v1
      items: [&p {apiVersion: migrations.kubevirt.io/v1alpha1, kind: MigrationPolicy, spec: {bandwidthPerMigration: 0, selectors: {namespaceSelector: {yes: on}}}}, *p, *p]
    `,
  },
];

for (const { name, text, file } of MESSY) {
  test(`hover never throws on messy input: ${name}`, () => {
    const fileModel = model(text, file);
    const lines = new LineIndex(text);
    let answered = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      for (const markdown of [true, false]) {
        const hover = getHover({ file: fileModel, lines }, offset, { markdown });
        if (!hover) continue;
        answered++;
        assert.ok(hover.range);
        const start = lines.offsetAt(hover.range.start);
        const end = lines.offsetAt(hover.range.end);
        assert.ok(start <= offset && offset <= end, `${name}: range ${start}-${end} misses offset ${offset}`);
        assert.ok(end - start < 1000);
      }
    }
    assert.ok(answered > 0, `${name}: some offset has a hover`);
  });
}

test('a binary bandwidth of 2^63 bytes or more: the hover says Go caps it at 2^63-1 bytes', () => {
  const lead = (value: string) => paragraphs(hoverOf(yaml`
    ${HEAD}
    spec:
      bandwidthPerMigration: ‸${value}
  `).value).slice(0, 2);
  // 2^63-1 bytes is 8796093022207.999999046 MiB; QuantityToMebiByte rounds it to 8796093022208 MiB (the Go
  // oracle's row for 8Ei in test/support/goQuantityTable.ts), i.e. 2^63 bytes: one byte/s more than written.
  for (const v of ['8Ei', '16Ei']) {
    assert.deepEqual(lead(`"${v}"`), [
      `\`${v}\` = 9,223,372,036,854,775,807 bytes/s (8 EiB/s, 73.8 Ebit/s): Go's ParseQuantity caps binary quantities at 2^63-1 bytes.`,
      'What KubeVirt does: KubeVirt rounds the limit to whole MiB/s: 8796093022207.999999 MiB/s becomes 8796093022208 MiB/s. It applies 8 EiB/s (9,223,372,036,854,775,808 bytes/s, 73.8 Ebit/s).',
    ]);
  }
  assert.equal(lead('"7Ei"')[0], '`7Ei` = 7 EiB/s (8,070,450,532,247,928,832 bytes/s, 64.6 Ebit/s)');
  // Decimal values are not capped: from 2^63 bytes virt-launcher's conversion fails (the Go oracle agrees).
  assert.match(lead('"9.3E"')[1], /^What KubeVirt does: virt-launcher cannot convert this bandwidth to bytes \("Memory size '9300P' must be greater than or equal to 0"\), so every migration under this policy fails to start\.$/);
});
