// Unit tests for completion: each case names the item to accept and the whole document after the
// edit is applied (snippet syntax stripped), or the exact list of labels offered at the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/document/file';
import { getCompletions } from '../../server/src/features/completion';
import { collectSelectorLabels, mergeKnownLabels } from '../../server/src/features/selectorLabels';
import type { KnownLabels } from '../../server/src/features/selectorLabels';
import { validateDocument } from '../../server/src/features/validation';
import { findField } from '../../server/src/policy/catalog';
import type { FieldSpec } from '../../server/src/policy/catalog';
import { checkCompletion, checkLabels, complete, pick, yaml } from '../support/check';
import { model } from '../support/fixture';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';

const LABELS: KnownLabels = {
  namespace: [
    { key: 'team', value: 'payments', count: 3, source: 'cluster' },
    { key: 'team', value: 'payments', count: 1, source: 'workspace' },
    { key: 'env', value: 'prod', count: 1, source: 'workspace' },
    { key: 'matchLabels', value: 'x', count: 9, source: 'workspace' },
  ],
  vmi: [
    { key: 'workload-type', value: 'db', count: 2, source: 'workspace' },
    { key: 'workload-type', value: 'web', count: 1, source: 'workspace' },
    { key: 'tier', value: 'true', count: 14, source: 'cluster' },
    { key: 'Bad Key', value: 'x', count: 5, source: 'workspace' },
  ],
};

/** Where completion ranks a field: required first, gated and experimental ones last. */
const rank = (f: FieldSpec) => (f.required ? 0 : f.experimental || f.featureGates ? 2 : 1);
/** The spec's fields as completion offers them: by rank, then in the catalogue's order (a new field joins without an edit here). */
const SPEC_FIELDS = [...(findField(['spec'])?.children ?? [])].sort((a, b) => rank(a) - rank(b)).map((f) => f.name);
/** SPEC_FIELDS without those a text already sets. */
const specFieldsBut = (...set: string[]) => SPEC_FIELDS.filter((f) => !set.includes(f));

// ---------------------------------------------------------------------------------------------
// Keys

test('empty spec in the second document of a multi-document file', () => {
  const marked = yaml`
    apiVersion: apps/v1
    kind: Deployment
    ---
    ${H}
    spec:
      ‸
    ---
    foo: 1
  `;
  checkLabels(marked, SPEC_FIELDS);
  checkCompletion(marked, 'selectors', `apiVersion: apps/v1\nkind: Deployment\n---\n${H}spec:\n  selectors:\n    \n---\nfoo: 1\n`);
  checkCompletion(marked, 'bandwidthPerMigration', yaml`
    apiVersion: apps/v1
    kind: Deployment
    ---
    ${H}
    spec:
      bandwidthPerMigration: 64Mi
    ---
    foo: 1
  `);
  checkCompletion(marked, 'allowPostCopy', yaml`
    apiVersion: apps/v1
    kind: Deployment
    ---
    ${H}
    spec:
      allowPostCopy: true
    ---
    foo: 1
  `);
  checkCompletion(marked, 'completionTimeoutPerGiB', yaml`
    apiVersion: apps/v1
    kind: Deployment
    ---
    ${H}
    spec:
      completionTimeoutPerGiB: 150
    ---
    foo: 1
  `);
});

test('snippets: booleans offer a choice, objects open an indented line, defaults come from the catalogue', () => {
  const marked = yaml`
    ${H}
    spec:
      ‸
  `;
  const items = complete(marked).list.items;
  assert.equal(pick(items, 'allowPostCopy').textEdit?.newText, 'allowPostCopy: ${1|true,false|}');
  assert.equal(pick(items, 'selectors').textEdit?.newText, 'selectors:\n    ${1}');
  assert.equal(pick(items, 'bandwidthPerMigration').textEdit?.newText, 'bandwidthPerMigration: ${1:64Mi}');
  assert.equal(pick(items, 'maxDowntimeMs').textEdit?.newText, 'maxDowntimeMs: ${1:900}');
  for (const item of items) {
    assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(item.insertTextMode, 1, 'indentation is written out, the client must not adjust it');
    assert.doesNotMatch(item.textEdit?.newText ?? '', /\$\{1:0\}/, 'never a useless 0 placeholder');
  }
});

test('nested objects use the document indentation step', () => {
  checkCompletion(yaml`
    ${H}
    spec:
        experimental:
            ‸
  `, 'stallDetector', `${H}spec:\n    experimental:\n        stallDetector:\n            \n`);
  checkCompletion(yaml`
    ${H}
    spec:
      experimental:
        compr‸
  `, 'compression', yaml`
    ${H}
    spec:
      experimental:
        compression: zstd
  `);
  checkLabels(yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          stallMargin: 4
          ‸
  `, [
    'stallProgressTimeout',
    'switchoverTimeout',
    'searchLocalMinima',
    'ewmaAlpha',
    'precopyPossibleFactor',
    'patienceWindowDecayFactor',
    'completionTimeoutFactor',
  ]);
  checkCompletion(yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          ewma‸
  `, 'ewmaAlpha', yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          ewmaAlpha: "0.4"
  `);
});

test('a partially typed key is replaced through an exact range', () => {
  const marked = yaml`
    ${H}
    spec:
      bandw‸
      allowPostCopy: true
  `;
  const item = checkCompletion(marked, 'bandwidthPerMigration', yaml`
    ${H}
    spec:
      bandwidthPerMigration: 64Mi
      allowPostCopy: true
  `);
  assert.deepEqual(item.textEdit && 'range' in item.textEdit && item.textEdit.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 7 } });
  checkCompletion(yaml`
    ${H}
    spec:
      band‸width: 1Gi
  `, 'bandwidthPerMigration', yaml`
    ${H}
    spec:
      bandwidthPerMigration: 1Gi
  `);
  checkCompletion(yaml`
    ${H}
    spec:
      allowPost‸
  `, 'allowPostCopy', `${H}spec:\n  allowPostCopy: \n`, { snippetSupport: false });
});

test('keys already in the mapping are not offered, whether above or below the cursor', () => {
  checkLabels(yaml`
    ${H}
    spec:
      selectors: {}
      bandwidthPerMigration: 1Gi
      ‸
      allowPostCopy: true
      experimental:
        compression: zstd
    metadata:
      name: x
  `, specFieldsBut('selectors', 'bandwidthPerMigration', 'allowPostCopy', 'experimental'));
  checkLabels(yaml`
    ${H}
    metadata:
      name: x
      ‸
  `, ['generateName', 'labels', 'annotations']);
});

test('top level of a policy offers the missing apiVersion, kind, metadata and spec', () => {
  checkLabels(`${H}‸`, ['metadata', 'spec']);
  checkLabels(yaml`
    ${H}
    me‸
    spec:
      selectors: {}
  `, ['metadata']);
  checkLabels(yaml`
    kind: MigrationPolicy
    ‸
  `, ['apiVersion', 'metadata', 'spec']);
  checkCompletion(yaml`
    kind: MigrationPolicy
    ‸
  `, 'apiVersion', yaml`
    kind: MigrationPolicy
    apiVersion: migrations.kubevirt.io/v1alpha1
  `);
  checkCompletion(`${H}‸`, 'metadata', `${H}metadata:\n  `);
});

test('required fields sort first and experimental fields last, with the catalogue documentation', () => {
  const items = checkLabels(yaml`
    ${H}
    spec:
      ‸
  `, SPEC_FIELDS);
  assert.equal(pick(items, 'selectors').detail, 'Which VMIs the policy applies to (required)');
  assert.equal(pick(items, 'experimental').detail, 'Experimental: Alpha migration options; may change or go away');
  const doc = pick(items, 'maxDowntimeMs').documentation as MarkupContent;
  assert.equal(doc.kind, MarkupKind.Markdown);
  assert.match(doc.value, /^The longest pause of the guest allowed/);
  assert.match(doc.value, /\*\*Default:\*\* 900 \(the KubeVirt CR's `maxDowntimeMs`\)/);
  assert.match(doc.value, /Since KubeVirt v1\.9\.0; needs the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate\.$/);
  const plain = pick(complete(yaml`
    ${H}
    spec:
      ‸
  `, { markdown: false }).list.items, 'maxDowntimeMs').documentation as MarkupContent;
  assert.equal(plain.kind, MarkupKind.PlainText);
  assert.match(plain.value, /Default: 900 \(the KubeVirt CR's maxDowntimeMs\)/);
  assert.doesNotMatch(plain.value, /[`*]/);
  const tuning = pick(complete(yaml`
    ${H}
    spec:
      experimental:
        ‸
  `).list.items, 'downtimeTuning');
  assert.equal(tuning.detail, 'Experimental: Raise the allowed downtime step by step during the migration (KubeVirt main)');
  assert.match((tuning.documentation as MarkupContent).value, /Since KubeVirt main \(not in a release yet\); needs the `MigrationDowntimeTuning` feature gate\. Experimental \(alpha\)\.$/);
});

test('server-managed and ignored fields are never offered', () => {
  const top = complete(yaml`
    kind: MigrationPolicy
    ‸
  `).list.items.map((i) => i.label);
  assert.ok(!top.includes('status'));
  const meta = complete(yaml`
    ${H}
    metadata:
      ‸
  `).list.items.map((i) => i.label);
  assert.deepEqual(meta, ['name', 'generateName', 'labels', 'annotations']);
});

// ---------------------------------------------------------------------------------------------
// Documents: empty, foreign, broken

test('an empty document (comments only) in a multi-document file offers a whole new policy', () => {
  const before = yaml`
    ${H}
    metadata:
      name: a
    spec:
      selectors: {}
    ---
    kind: ConfigMap
    ---
    # the third one
  `;
  const expected = `${before}apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: my-policy
spec:
  selectors:
    virtualMachineInstanceSelector:
      key: "value"
  bandwidthPerMigration: 64Mi
`;
  checkLabels(`${before}‸\n`, ['MigrationPolicy']);
  checkCompletion(`${before}‸\n`, 'MigrationPolicy', expected);
  checkCompletion(`${before}Migr‸\n`, 'MigrationPolicy', expected);
  checkCompletion(`${before}   ‸\n`, 'MigrationPolicy', expected);
  const inserted = model(expected).documents[2].model;
  assert.equal(inserted.hasSyntaxErrors, false);
  assert.deepEqual(validateDocument(inserted), []);
  checkLabels('‸', ['MigrationPolicy']);
  checkLabels(yaml`
    ---

    ‸
    ...
  `, ['MigrationPolicy']);
});

test('the new-policy snippet uses placeholders and the most used known VMI label', () => {
  const item = checkCompletion('‸', 'MigrationPolicy', `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: my-policy
spec:
  selectors:
    virtualMachineInstanceSelector:
      workload-type: "db"
  bandwidthPerMigration: 64Mi`, { labels: LABELS });
  assert.match(item.textEdit?.newText ?? '', /name: \$\{1:my-policy\}\n[^]*\$\{2:workload-type\}: "\$\{3:db\}"\n {2}bandwidthPerMigration: \$\{4:64Mi\}$/);
});

test('documents of other kinds get nothing', () => {
  checkLabels(yaml`
    ${H}
    spec: {}
    ---
    apiVersion: apps/v1
    kind: Deployment
    spec:
      ‸
  `, []);
  checkLabels(yaml`
    apiVersion: apps/v1
    kind: Deployment
    ‸
  `, []);
  checkLabels(yaml`
    apiVersion: apps/v1
    kind: ‸
  `, []);
  checkLabels(yaml`
    apiVersion: v1
    kind: ConfigMap
    data:
      allowPostCopy: ‸
  `, []);
  checkLabels(yaml`
    metadata:
      name: x
    ‸
  `, []);
});

test('a document without apiVersion and kind is offered only those two values', () => {
  checkCompletion(`kind: ‸\n`, 'MigrationPolicy', `kind: MigrationPolicy\n`);
  checkCompletion(yaml`
    apiVersion: ‸
    metadata:
      name: x
  `, 'migrations.kubevirt.io/v1alpha1', yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    metadata:
      name: x
  `);
});

test('syntax errors elsewhere in the document do not stop completion', () => {
  checkLabels(`${H}metadata:\n  name: [unclosed\n  ‸\nspec:\n  foo: : bar\n\tbad: tab\n`, ['generateName', 'labels', 'annotations']);
  checkCompletion(yaml`
    ${H}
    spec:
      selectors: {
      allowPostCopy: ‸
  `, 'false', yaml`
    ${H}
    spec:
      selectors: {
      allowPostCopy: false
  `);
  checkLabels(yaml`
    ${H}
    spec:
      bandwidthPerMigration: "1Gi
      allow‸
  `, specFieldsBut('bandwidthPerMigration'));
});

test('policies inside a List are completed per item', () => {
  const marked = `apiVersion: v1\nkind: List\nitems:\n- ${H.replace('\n', '\n  ')}  spec:\n    ‸\n`;
  checkCompletion(marked, 'selectors', `apiVersion: v1\nkind: List\nitems:\n- ${H.replace('\n', '\n  ')}  spec:\n    selectors:\n      \n`);
  checkLabels(yaml`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: apps/v1
      kind: Deployment
      spec:
        ‸
  `, []);
});

test('nothing in comments, block scalars, flow collections or on document markers', () => {
  checkLabels(yaml`
    ${H}
    spec:
      allowPostCopy: true # ‸
  `, []);
  checkLabels(yaml`
    ${H}
    # spec:
    # ‸
  `, []);
  checkLabels(yaml`
    ${H}
    metadata:
      annotations:
        note: |
          text
          ‸
  `, []);
  checkLabels(yaml`
    ${H}
    spec: {‸}
  `, []);
  checkLabels(yaml`
    ${H}
    spec:
      selectors: {namespaceSelector: ‸}
  `, []);
  checkLabels(yaml`
    ${H}
    ---‸
  `, []);
  checkLabels(yaml`
    ${H}
    metadata:
      name: a
      more text
        ‸
  `, []);
});

// ---------------------------------------------------------------------------------------------
// Values

test('boolean values', () => {
  const items = checkLabels(yaml`
    ${H}
    spec:
      allowPostCopy: ‸
  `, ['true', 'false']);
  assert.equal(items[1].detail, "Default: false (the KubeVirt CR's allowPostCopy)");
  checkCompletion(yaml`
    ${H}
    spec:
      allowPostCopy: ‸
  `, 'true', yaml`
    ${H}
    spec:
      allowPostCopy: true
  `);
  checkCompletion(yaml`
    ${H}
    spec:
      allowAutoConverge: fa‸ # keep
  `, 'false', yaml`
    ${H}
    spec:
      allowAutoConverge: false # keep
  `);
  checkCompletion(yaml`
    ${H}
    spec:
      allowAutoConverge:‸
  `, 'true', yaml`
    ${H}
    spec:
      allowAutoConverge: true
  `);
  checkCompletion(yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          searchLocalMinima: ‸
  `, 'false', yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          searchLocalMinima: false
  `);
});

test('apiVersion and kind values', () => {
  checkLabels(yaml`
    apiVersion: ‸
    kind: MigrationPolicy
  `, ['migrations.kubevirt.io/v1alpha1']);
  checkCompletion(yaml`
    apiVersion: migrations.kubevirt.io/v1beta1‸
    kind: MigrationPolicy
  `, 'migrations.kubevirt.io/v1alpha1', yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: MigrationPolicy
  `);
  checkCompletion(yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: Migr‸
  `, 'MigrationPolicy', yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: MigrationPolicy
  `);
});

test('enum values with their documentation', () => {
  const items = checkLabels(yaml`
    ${H}
    spec:
      experimental:
        compression: ‸
  `, ['none', 'zstd']);
  assert.equal(items[0].detail, 'Send memory pages uncompressed. (default)');
  assert.equal(items[1].detail, 'Compress memory pages with zstd: less traffic, more CPU on both nodes.');
  checkCompletion(yaml`
    ${H}
    spec:
      experimental:
        compression: ‸
  `, 'zstd', yaml`
    ${H}
    spec:
      experimental:
        compression: zstd
  `);
});

test('bandwidthPerMigration values from the catalogue, and unit suffixes for a typed number', () => {
  const items = checkLabels(yaml`
    ${H}
    spec:
      bandwidthPerMigration: ‸
  `, ['0', '32Mi', '64Mi', '128Mi', '256Mi', '512Mi', '1Gi']);
  assert.equal(items[0].detail, 'No limit (the cluster default).');
  assert.equal(items[2].detail, '64 MiB/s, about 537 Mbit/s.');
  checkCompletion(yaml`
    ${H}
    spec:
      bandwidthPerMigration: 1‸
  `, '128Mi', yaml`
    ${H}
    spec:
      bandwidthPerMigration: 128Mi
  `);
  const typed = complete(yaml`
    ${H}
    spec:
      bandwidthPerMigration: 100‸
  `).list.items;
  assert.equal(pick(typed, '100Mi').detail, '100 MiB/s (104,857,600 bytes/s, 838.9 Mbit/s)');
  checkCompletion(yaml`
    ${H}
    spec:
      bandwidthPerMigration: 100‸
  `, '100Gi', yaml`
    ${H}
    spec:
      bandwidthPerMigration: 100Gi
  `);
});

test('integer and factor values: the catalogue default, noted as such', () => {
  const timeout = checkLabels(yaml`
    ${H}
    spec:
      completionTimeoutPerGiB: ‸
  `, ['150']);
  assert.equal(timeout[0].detail, 'The cluster default: 150 seconds per GiB.');
  const downtime = checkLabels(yaml`
    ${H}
    spec:
      maxDowntimeMs: ‸
  `, ['900']);
  assert.equal(downtime[0].detail, "Default: 900 (the KubeVirt CR's maxDowntimeMs)");
  checkCompletion(yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          stallMargin: ‸
  `, '4', yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          stallMargin: 4
  `);
  checkCompletion(yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          ewmaAlpha: ‸
  `, '"0.4"', yaml`
    ${H}
    spec:
      experimental:
        stallDetector:
          ewmaAlpha: "0.4"
  `);
  checkLabels(yaml`
    ${H}
    metadata:
      name: ‸
  `, []);
  checkLabels(yaml`
    ${H}
    spec:
      selectors: ‸
  `, []);
});

// ---------------------------------------------------------------------------------------------
// Selectors

test('namespaceSelector keys: known labels with counts, then well-known keys; legacy and invalid keys never', () => {
  const marked = yaml`
    ${H}
    spec:
      selectors:
        namespaceSelector:
          ‸
  `;
  const items = checkLabels(marked, ['team', 'team: "payments"', 'env', 'env: "prod"', 'kubernetes.io/metadata.name'], { labels: LABELS });
  assert.equal(items[0].detail, '3 namespaces, used by 1 policy');
  assert.deepEqual([items[0].label, items[0].labelDetails], ['team', { description: '3 namespaces, used by 1 policy' }], 'the counts show in the list, right of the label');
  assert.equal(items[1].detail, '3 namespaces, used by 1 policy');
  assert.equal(items[3].detail, 'used by 1 policy');
  assert.equal(items[4].detail, 'well-known label key');
  assert.match((items[4].documentation as MarkupContent).value, /^The namespace's own name/);
  checkCompletion(marked, 'team: "payments"', yaml`
    ${H}
    spec:
      selectors:
        namespaceSelector:
          team: "payments"
  `, { labels: LABELS });
  checkCompletion(marked, 'team', yaml`
    ${H}
    spec:
      selectors:
        namespaceSelector:
          team: ""
  `, { labels: LABELS });
  checkCompletion(marked, 'team', `${H}spec:\n  selectors:\n    namespaceSelector:\n      team: \n`, { labels: LABELS, snippetSupport: false });
  checkLabels(marked, ['kubernetes.io/metadata.name']);
});

test('virtualMachineInstanceSelector keys: VMI labels, cluster counts, well-known VMI keys, present keys excluded', () => {
  const marked = yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          workload-type: db
          ‸
  `;
  const items = checkLabels(
    marked,
    ['tier', 'tier: "true"', 'kubevirt.io/vm', 'kubevirt.io/domain', 'kubevirt.io/size', 'vm.kubevirt.io/name', 'kubevirt.io/nodeName', 'kubevirt.io/migrationTargetNodeName'],
    { labels: LABELS },
  );
  assert.equal(items[0].detail, '14 VMIs');
  assert.equal(items[1].detail, '14 VMIs');
  checkCompletion(marked, 'tier: "true"', yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          workload-type: db
          tier: "true"
  `, { labels: LABELS });
  const first = complete(yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          work‸
  `, { labels: LABELS }).list.items;
  assert.equal(pick(first, 'workload-type: "db"').detail, 'used by 2 policies');
  checkCompletion(yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          work‸
  `, 'workload-type: "web"', yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          workload-type: "web"
  `, { labels: LABELS });
});

test('label values are always quoted', () => {
  const marked = yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          workload-type: ‸
  `;
  const items = checkLabels(marked, ['"db"', '"web"'], { labels: LABELS });
  assert.equal(items[0].detail, 'used by 2 policies');
  checkCompletion(marked, '"db"', yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          workload-type: "db"
  `, { labels: LABELS });
  checkCompletion(yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          tier: tr‸
  `, '"true"', yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          tier: "true"
  `, { labels: LABELS });
  const quoted = checkCompletion(yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          workload-type: "w‸"
  `, '"web"', yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          workload-type: "web"
  `, { labels: LABELS });
  assert.equal(quoted.filterText, '"web"');
  checkLabels(yaml`
    ${H}
    spec:
      selectors:
        namespaceSelector:
          unknown: ‸
  `, [], { labels: LABELS });
});

test('matchLabels and matchExpressions are never offered', () => {
  for (const marked of [yaml`
    ${H}
    spec:
      selectors:
        ‸
  `, yaml`
    ${H}
    spec:
      selectors:
        namespaceSelector:
          ‸
  `, yaml`
    ${H}
    spec:
      selectors:
        namespaceSelector:
          matchLabels:
            ‸
  `]) {
    const labels = complete(marked, { labels: LABELS }).list.items.map((i) => i.label);
    assert.ok(!labels.some((l) => /match(Labels|Expressions)/.test(l)), `${marked}: ${labels}`);
  }
  checkLabels(yaml`
    ${H}
    spec:
      selectors:
        ‸
  `, ['namespaceSelector', 'virtualMachineInstanceSelector']);
});

test('long label lists are cut and marked incomplete', () => {
  const many: KnownLabels = { namespace: [], vmi: Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, value: 'v', count: 1, source: 'cluster' })) };
  const { list } = complete(yaml`
    ${H}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          ‸
  `, { labels: many });
  assert.equal(list.isIncomplete, true);
  assert.equal(list.items.filter((i) => !i.label.includes(':')).length, 200);
  assert.equal(list.items.filter((i) => i.label.includes(':')).length, 100);
});

// ---------------------------------------------------------------------------------------------
// Plain-text clients

test('without snippet support every insert is plain text', () => {
  const options = { snippetSupport: false };
  checkCompletion(yaml`
    ${H}
    spec:
      ‸
  `, 'selectors', `${H}spec:\n  selectors:\n    \n`, options);
  checkCompletion(yaml`
    ${H}
    spec:
      ‸
  `, 'allowPostCopy', `${H}spec:\n  allowPostCopy: \n`, options);
  checkCompletion(`kind: MigrationPolicy\n‸`, 'apiVersion', `kind: MigrationPolicy\napiVersion: migrations.kubevirt.io/v1alpha1`, options);
  checkCompletion('‸', 'MigrationPolicy', `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: my-policy
spec:
  selectors:
    virtualMachineInstanceSelector:
      key: "value"
  bandwidthPerMigration: 64Mi`, options);
  for (const marked of [yaml`
    ${H}
    spec:
      ‸
  `, '‸', yaml`
    ${H}
    spec:
      selectors:
        namespaceSelector:
          ‸
  `]) {
    for (const item of complete(marked, { ...options, labels: LABELS }).list.items) {
      assert.equal(item.insertTextFormat, InsertTextFormat.PlainText, item.label);
      assert.doesNotMatch(item.textEdit?.newText ?? '', /\$/, item.label);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// JSON

const J = '{\n  "apiVersion": "migrations.kubevirt.io/v1alpha1",\n  "kind": "MigrationPolicy",\n';

test('JSON: keys inside the objects of a policy', () => {
  const json = { name: 'policy.json' };
  checkLabels(`${J}  "spec": {\n    "selectors": {},\n    ‸\n  }\n}`, specFieldsBut('selectors'), json);
  checkCompletion(`${J}  "spec": {\n    "band‸"\n  }\n}`, 'bandwidthPerMigration', `${J}  "spec": {\n    "bandwidthPerMigration": "64Mi"\n  }\n}`, json);
  checkCompletion(`${J}  "spec": {\n    ‸\n    "allowPostCopy": true\n  }\n}`, 'selectors', `${J}  "spec": {\n    "selectors": {},\n    "allowPostCopy": true\n  }\n}`, json);
  checkCompletion(`${J}  "spec": {\n    "allowAuto‸": true\n  }\n}`, 'allowAutoConverge', `${J}  "spec": {\n    "allowAutoConverge": true\n  }\n}`, json);
  checkCompletion(`${J}  ‸\n}`, 'spec', `${J}  "spec": {}\n}`, json);
  checkLabels(`${J}  "spec": {\n    "selectors": {\n      "namespaceSelector": {‸}\n    }\n  }\n}`, ['team', 'team: "payments"', 'env', 'env: "prod"', 'kubernetes.io/metadata.name'], { ...json, labels: LABELS });
  checkCompletion(`${J}  "spec": {\n    "selectors": {\n      "namespaceSelector": {‸}\n    }\n  }\n}`, 'team: "payments"', `${J}  "spec": {\n    "selectors": {\n      "namespaceSelector": {"team": "payments"}\n    }\n  }\n}`, { ...json, labels: LABELS });
});

test('JSON: values', () => {
  const json = { name: 'policy.json' };
  checkCompletion(`${J}  "spec": {\n    "allowPostCopy": ‸\n  }\n}`, 'false', `${J}  "spec": {\n    "allowPostCopy": false\n  }\n}`, json);
  checkCompletion(`${J}  "spec": {\n    "allowPostCopy":‸\n  }\n}`, 'true', `${J}  "spec": {\n    "allowPostCopy": true\n  }\n}`, json);
  checkCompletion(`${J}  "spec": {\n    "bandwidthPerMigration": "6‸"\n  }\n}`, '64Mi', `${J}  "spec": {\n    "bandwidthPerMigration": "64Mi"\n  }\n}`, json);
  checkCompletion(`${J}  "spec": {\n    "bandwidthPerMigration": ‸\n  }\n}`, '0', `${J}  "spec": {\n    "bandwidthPerMigration": 0\n  }\n}`, json);
  checkCompletion(`${J}  "spec": {\n    "selectors": {"virtualMachineInstanceSelector": {"tier": ‸}}\n  }\n}`, '"true"', `${J}  "spec": {\n    "selectors": {"virtualMachineInstanceSelector": {"tier": "true"}}\n  }\n}`, { ...json, labels: LABELS });
});

test('JSON: an empty file gets the new policy, other kinds and non-objects get nothing', () => {
  const json = { name: 'policy.json' };
  const item = checkCompletion('‸', 'MigrationPolicy', `{
  "apiVersion": "migrations.kubevirt.io/v1alpha1",
  "kind": "MigrationPolicy",
  "metadata": {
    "name": "my-policy"
  },
  "spec": {
    "selectors": {
      "virtualMachineInstanceSelector": {
        "key": "value"
      }
    },
    "bandwidthPerMigration": "64Mi"
  }
}`, json);
  assert.match(item.textEdit?.newText ?? '', /"name": "\$\{1:my-policy\}"/);
  checkLabels('{"apiVersion": "apps/v1", "kind": "Deployment", "spec": {‸}}', [], json);
  checkLabels(`${J}  "metadata": {"name": "a‸"}\n}`, [], json);
  checkLabels(`${J}  "spec": [‸]\n}`, [], json);
});

// ---------------------------------------------------------------------------------------------
// Workspace labels

test('collectSelectorLabels counts policies per string-valued pair; mergeKnownLabels sums per source', () => {
  const file = model(`${H}metadata: {name: a}
spec:
  selectors:
    namespaceSelector: {team: payments, env: prod}
    virtualMachineInstanceSelector:
      workload-type: db
      workload-type: web
      replicas: 3
      matchLabels: x
---
${H}metadata: {name: b}
spec:
  selectors:
    virtualMachineInstanceSelector: {workload-type: web, enabled: "true", broken: true}
    namespaceSelector:
      matchLabels: {team: payments}
---
apiVersion: apps/v1
kind: Deployment
spec:
  selectors:
    namespaceSelector: {team: payments}
`);
  const labels = collectSelectorLabels(file, 'workspace');
  assert.deepEqual(labels, {
    namespace: [
      { key: 'env', value: 'prod', count: 1, source: 'workspace' },
      { key: 'team', value: 'payments', count: 1, source: 'workspace' },
    ],
    vmi: [
      { key: 'workload-type', value: 'web', count: 2, source: 'workspace' },
      { key: 'enabled', value: 'true', count: 1, source: 'workspace' },
    ],
  });
  const merged = mergeKnownLabels(labels, labels, { namespace: [{ key: 'team', value: 'payments', count: 3, source: 'cluster' }], vmi: [] });
  assert.deepEqual(merged.namespace, [
    { key: 'team', value: 'payments', count: 3, source: 'cluster' },
    { key: 'env', value: 'prod', count: 2, source: 'workspace' },
    { key: 'team', value: 'payments', count: 2, source: 'workspace' },
  ]);
  assert.equal(labels.vmi[0].count, 2, 'merging does not modify its inputs');
  const items = complete(yaml`
    ${H}
    spec:
      selectors:
        namespaceSelector:
          team: ‸
  `, { labels: merged }).list.items;
  assert.deepEqual(items.map((i) => [i.label, i.detail]), [['"payments"', '3 namespaces, used by 2 policies']]);
  assert.deepEqual(collectSelectorLabels(model('{"kind": "MigrationPolicy", "spec": {"selectors": {"namespaceSelector": {"a": "b"}}}}', 'p.json'), 'workspace').namespace, [{ key: 'a', value: 'b', count: 1, source: 'workspace' }]);
});

// ---------------------------------------------------------------------------------------------
// Robustness

function junk(seed: number, length: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const r = state % 40;
    out += r < 8 ? ' ' : r < 10 ? '\n' : r < 12 ? ':' : r < 13 ? '-' : r < 14 ? '#' : r < 15 ? '"' : r < 16 ? "'" : r < 17 ? '{' : r < 18 ? '[' : r < 19 ? '&' : r < 20 ? '*' : r < 21 ? '\0' : r < 22 ? '\r' : r < 23 ? '\t' : r < 24 ? '\uFFFD' : String.fromCharCode(97 + (state % 26));
  }
  return out;
}

const aliasBomb = `${H}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
spec: &s
  selectors: *e
  <<: *s
  experimental: {stallDetector: *e}
`;

const messy = [
  aliasBomb,
  `${H}spec:\n  selectors:\n    namespaceSelector:\n      team: "unterminated\n  ba\n---\n\n---\n# c\n  - - x: [\n${H}spec:\n\t- bad\n  : nokey\n  ? complex\n  : value\n`,
  `--- !tag\n%YAML 1.2\n---\n${H}spec: |\n  block\n  allowPostCopy: \nitems:\n-\n- - a: b\n  -   c:\n`,
  yaml`
    ${J}
      "spec": {"selectors": {"namespaceSelector": {"a": "b",}}, "x": [1, {"y": ]
  `,
  junk(1, 600),
  junk(7, 600),
  `${H}spec:\n  ${junk(3, 300)}`,
];

test('completion at every offset of messy documents never throws and returns valid edits', () => {
  for (const [n, text] of messy.entries()) {
    for (const name of ['messy.yaml', 'messy.json']) {
      const file = model(text, name);
      const lines = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        for (const snippetSupport of [true, false]) {
          const list = getCompletions({ file, lines }, offset, { snippetSupport, markdown: snippetSupport, labels: LABELS });
          for (const item of list.items) {
            const e = item.textEdit as TextEdit;
            const start = lines.offsetAt(e.range.start);
            const end = lines.offsetAt(e.range.end);
            assert.ok(start <= offset && offset <= end, `fixture ${n} ${name} offset ${offset}: ${item.label} replaces ${start}-${end}`);
          }
        }
      }
    }
  }
  assert.deepEqual(getCompletions({ file: model(''), lines: new LineIndex('') }, 99, { snippetSupport: true, markdown: true }).items.map((i) => i.label), ['MigrationPolicy']);
});

test('the alias bomb fixture still completes around the aliases', () => {
  checkLabels(aliasBomb.replace('  <<: *s\n', '  ‸\n'), specFieldsBut('selectors', 'experimental'));
});
