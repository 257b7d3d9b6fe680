// Quick fixes and "fix all": each fix is taken from real diagnostics (getFileDiagnostics) and checked
// by the document text after applying its WorkspaceEdit; the result must no longer carry the problem.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/document/file';
import { FIX_ALL_KIND, getCodeActions } from '../../server/src/features/codeActions';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { actionsFor, applyAction as apply, checkFix, yaml } from '../support/check';
import { model } from '../support/fixture';

const URI = 'file:///work/policy.yaml';

const codesOf = (text: string, name = 'policy.yaml') => getFileDiagnostics({ file: model(text, name) }).map((d) => String(d.code));

const HEAD = yaml`
  apiVersion: migrations.kubevirt.io/v1alpha1
  kind: MigrationPolicy
  metadata:
    name: p
`;

test('quantity suffix: 1K becomes 1k or 1Ki', () => {
  const before = yaml`
    ${HEAD}
    spec:
      selectors: {}
      bandwidthPerMigration: 1K # per migration
  `;
  checkFix(before, 'quantity-invalid', 'Change to 1Ki', yaml`
    ${HEAD}
    spec:
      selectors: {}
      bandwidthPerMigration: 1Ki # per migration
  `);
  checkFix(before, 'quantity-invalid', 'Change to 1k', yaml`
    ${HEAD}
    spec:
      selectors: {}
      bandwidthPerMigration: 1k # per migration
  `);
  assert.deepEqual(
    actionsFor(before).filter((a) => a.kind === 'quickfix').map((a) => [a.title, a.isPreferred ?? false]),
    [
      ['Change to 1k', true],
      ['Change to 1Ki', false],
    ],
  );
});

test('a label value that is not a string gets quoted', () => {
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors:
          virtualMachineInstanceSelector:
            hpc-workloads: true
            tier: 010
    `,
    'label-value-type',
    'Change to "true"',
    yaml`
      ${HEAD}
      spec:
        selectors:
          virtualMachineInstanceSelector:
            hpc-workloads: "true"
            tier: 010
    `,
  );
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors:
          namespaceSelector: {tier: 010}
    `,
    'label-value-type',
    'Change to "010"',
    yaml`
      ${HEAD}
      spec:
        selectors:
          namespaceSelector: {tier: "010"}
    `,
  );
});

test('flatten a block matchLabels, quoting values on the way', () => {
  const before = yaml`
    ${HEAD}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          matchLabels:
            hpc-workloads: true
            # the team
            team: 'db'
        namespaceSelector:
          env: prod
      allowPostCopy: false
  `;
  const after = yaml`
    ${HEAD}
    spec:
      selectors:
        virtualMachineInstanceSelector:
          hpc-workloads: "true"
          # the team
          team: 'db'
        namespaceSelector:
          env: prod
      allowPostCopy: false
  `;
  checkFix(before, 'legacy-selector', 'Move the labels of matchLabels up into virtualMachineInstanceSelector', after);
  assert.deepEqual(codesOf(after), []);
});

test('flatten a flow matchLabels inside a block selector and inside a flow selector', () => {
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors:
          namespaceSelector:
            matchLabels: {env: prod, gpu: yes}
    `,
    'legacy-selector',
    'Move the labels of matchLabels up into namespaceSelector',
    yaml`
      ${HEAD}
      spec:
        selectors:
          namespaceSelector:
            env: prod
            gpu: "yes"
    `,
  );
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors:
          namespaceSelector: {matchLabels: {env: prod, n: 1}, zone: a}
    `,
    'legacy-selector',
    'Move the labels of matchLabels up into namespaceSelector',
    yaml`
      ${HEAD}
      spec:
        selectors:
          namespaceSelector: {env: prod, n: "1", zone: a}
    `,
  );
});

test('flatten matchLabels in JSON keeps valid, re-indented JSON', () => {
  const before = `{
  "apiVersion": "migrations.kubevirt.io/v1alpha1",
  "kind": "MigrationPolicy",
  "metadata": {"name": "p"},
  "spec": {
    "selectors": {
      "virtualMachineInstanceSelector": {
        "matchLabels": {
          "workload": "db",
          "hpc": true
        }
      }
    }
  }
}
`;
  const after = `{
  "apiVersion": "migrations.kubevirt.io/v1alpha1",
  "kind": "MigrationPolicy",
  "metadata": {"name": "p"},
  "spec": {
    "selectors": {
      "virtualMachineInstanceSelector": {
        "workload": "db",
        "hpc": "true"
      }
    }
  }
}
`;
  checkFix(before, 'legacy-selector', 'Move the labels of matchLabels up into virtualMachineInstanceSelector', after, { name: 'policy.json' });
  assert.deepEqual(codesOf(after, 'policy.json'), []);
});

test('rename an unknown field to the suggested name, in YAML and JSON', () => {
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors: {}
        completionTimeoutPerGib: 300
    `,
    'unknown-field',
    'Rename to completionTimeoutPerGiB',
    yaml`
      ${HEAD}
      spec:
        selectors: {}
        completionTimeoutPerGiB: 300
    `,
  );
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "allowPostcopy": true}}';
  checkFix(json, 'unknown-field', 'Rename to allowPostCopy', json.replace('"allowPostcopy"', '"allowPostCopy"'), { name: 'policy.json' });
});

test('yes becomes true; a quoted "yes" becomes true without quotes; JSON strings become JSON literals', () => {
  checkFix(yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowAutoConverge: yes
  `, 'yaml11-boolean', 'Change to true', yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowAutoConverge: true
  `);
  checkFix(yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowPostCopy: "yes"
  `, 'boolean-string', 'Change to true', yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowPostCopy: true
  `);
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "bandwidthPerMigration": "1K", "allowPostCopy": "yes"}}';
  checkFix(json, 'boolean-string', 'Change to true', json.replace('"yes"', 'true'), { name: 'policy.json' });
  checkFix(json, 'quantity-invalid', 'Change to 1Ki', json.replace('"1K"', '"1Ki"'), { name: 'policy.json' });
});

test('insert selectors when spec has none: `selectors: {}` first, with a skeleton as second choice', () => {
  const before = yaml`
    ${HEAD}
    spec:
        # tuned for databases
        allowPostCopy: true
  `;
  checkFix(before, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', yaml`
    ${HEAD}
    spec:
        # tuned for databases
        selectors: {}
        allowPostCopy: true
  `);
  const skeleton = yaml`
    ${HEAD}
    spec:
        # tuned for databases
        selectors:
            virtualMachineInstanceSelector: {}
        allowPostCopy: true
  `;
  checkFix(before, 'selectors-missing', 'Add `selectors` with a `virtualMachineInstanceSelector`', skeleton);
  assert.deepEqual(codesOf(skeleton), ['catch-all']);
  checkFix(yaml`
    ${HEAD}
    spec: {allowPostCopy: true}
  `, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', yaml`
    ${HEAD}
    spec: {selectors: {}, allowPostCopy: true}
  `);
  checkFix(yaml`
    ${HEAD}
    spec: {}
  `, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', yaml`
    ${HEAD}
    spec: {selectors: {}}
  `);
  const json = (spec: string) => `{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": ${spec}}`;
  checkFix(json('{"allowPostCopy": true}'), 'selectors-missing', 'Add `selectors: {}` (match every VMI)', json('{"selectors": {}, "allowPostCopy": true}'), { name: 'policy.json' });
  checkFix(json('{\n    "allowPostCopy": true\n  }'), 'selectors-missing', 'Add `selectors: {}` (match every VMI)', json('{\n    "selectors": {},\n    "allowPostCopy": true\n  }'), { name: 'policy.json' });
  checkFix(yaml`
    ${HEAD}
    spec:
      selectors:
  `, 'required-null', 'Set `selectors` to `{}` (match every VMI)', yaml`
    ${HEAD}
    spec:
      selectors: {}
  `);
});

test('insert spec when it is missing: at the end of the policy, also inside a List item and in JSON', () => {
  checkFix(HEAD, 'spec-missing', 'Add `spec` with `selectors: {}`', yaml`
    ${HEAD}
    spec:
      selectors: {}
  `);
  checkFix(HEAD.trimEnd(), 'spec-missing', 'Add `spec` with `selectors: {}`', `${HEAD}spec:\n  selectors: {}`);
  const list = (first: string) =>
    `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: migrations.kubevirt.io/v1alpha1\n    kind: MigrationPolicy\n    metadata:\n      name: a\n${first}` +
    `  - apiVersion: migrations.kubevirt.io/v1alpha1\n    kind: MigrationPolicy\n    metadata: {name: b}\n    spec:\n      selectors: {}\n`;
  const fixed = list('    spec:\n      selectors: {}\n');
  checkFix(list(''), 'spec-missing', 'Add `spec` with `selectors: {}`', fixed);
  assert.deepEqual(codesOf(fixed), ['catch-all', 'catch-all']);
  const json = yaml`
    {
      "apiVersion": "migrations.kubevirt.io/v1alpha1",
      "kind": "MigrationPolicy",
      "metadata": {"name": "p"}
    }
  `;
  checkFix(json, 'spec-missing', 'Add `spec` with `selectors: {}`', yaml`
    {
      "apiVersion": "migrations.kubevirt.io/v1alpha1",
      "kind": "MigrationPolicy",
      "metadata": {"name": "p"},
      "spec": {
        "selectors": {}
      }
    }
  `, { name: 'policy.json' });
});

test('remove metadata.namespace: the whole line, nothing left behind', () => {
  checkFix(
    yaml`
      apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata:
        name: p
        namespace: default # ignored
        labels: {team: db}
      spec:
        selectors: {}
    `,
    'namespace-ignored',
    'Remove metadata.namespace',
    yaml`
      apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata:
        name: p
        labels: {team: db}
      spec:
        selectors: {}
    `,
  );
  checkFix(
    yaml`
      apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata: {name: p, namespace: default}
      spec:
        selectors: {}
    `,
    'namespace-ignored',
    'Remove metadata.namespace',
    yaml`
      apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata: {name: p}
      spec:
        selectors: {}
    `,
  );
  checkFix(
    yaml`
      {
        "apiVersion": "migrations.kubevirt.io/v1alpha1",
        "kind": "MigrationPolicy",
        "metadata": {
          "namespace": "default",
          "name": "p"
        },
        "spec": {"selectors": {}}
      }`,
    'namespace-ignored',
    'Remove metadata.namespace',
    yaml`
      {
        "apiVersion": "migrations.kubevirt.io/v1alpha1",
        "kind": "MigrationPolicy",
        "metadata": {
          "name": "p"
        },
        "spec": {"selectors": {}}
      }`,
    { name: 'policy.json' },
  );
});

test('remove a cluster-only field with its nested block, and a null value', () => {
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors: {}
        network:
          name: migration-net
          # which bridge
          bridge: br1
        allowPostCopy: true
    `,
    'cluster-config-field',
    'Remove spec.network',
    yaml`
      ${HEAD}
      spec:
        selectors: {}
        allowPostCopy: true
    `,
  );
  checkFix(yaml`
    ${HEAD}
    spec:
      selectors: {}
      progressTimeout:
        150
  `, 'cluster-config-field', 'Remove spec.progressTimeout', yaml`
    ${HEAD}
    spec:
      selectors: {}
  `);
  checkFix(yaml`
    ${HEAD}
    spec:
      bandwidthPerMigration:
      selectors: {}
  `, 'null-value', 'Remove spec.bandwidthPerMigration', yaml`
    ${HEAD}
    spec:
      selectors: {}
  `);
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "bandwidthPerMigration": null}}';
  checkFix(json, 'null-value', 'Remove spec.bandwidthPerMigration', json.replace(', "bandwidthPerMigration": null', ''), { name: 'policy.json' });
});

test('fix all: every unambiguous preferred fix at once, guesses left alone', () => {
  const before = yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: MigrationPolicy
    metadata:
      name: p
      namespace: default
    spec:
      selectors:
        virtualMachineInstanceSelector:
          matchLabels:
            gpu: yes
      allowAutoConverge: on
      completionTimeoutPerGib: 300
      bandwidthPerMigration: 1K
      parallelMigrationsPerCluster: 5
  `;
  const actions = actionsFor(before);
  const fixAll = actions.filter((a) => a.kind === FIX_ALL_KIND);
  assert.equal(fixAll.length, 1);
  assert.equal(fixAll[0].title, 'Fix all auto-fixable problems in this file');
  const after = apply(before, fixAll[0]);
  assert.equal(
    after,
    yaml`
      apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata:
        name: p
      spec:
        selectors:
          virtualMachineInstanceSelector:
            gpu: "yes"
        allowAutoConverge: true
        completionTimeoutPerGiB: 300
        bandwidthPerMigration: 1K
    `,
  );
  assert.deepEqual(codesOf(after), ['quantity-invalid']);
  assert.deepEqual(fixAll[0].diagnostics?.map((d) => d.code).sort(), ['cluster-config-field', 'legacy-selector', 'namespace-ignored', 'unknown-field', 'yaml11-boolean']);
});

test('fix all skips overlapping edits: a null value inside a removed block is not edited twice', () => {
  const before = yaml`
    ${HEAD}
      namespace: x
    spec:
      selectors: {}
      network:
        bandwidthPerMigration:
      allowPostCopy: yes
  `;
  const fixAll = actionsFor(before).find((a) => a.kind === FIX_ALL_KIND);
  assert.ok(fixAll);
  assert.equal(apply(before, fixAll), yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowPostCopy: true
  `);
});

test('no actions for other sources, foreign documents, stale or malformed fix data', () => {
  const text = yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowAutoConverge: yes
  `;
  const file = model(text);
  const lines = new LineIndex(text);
  const d = getFileDiagnostics({ file, lines }, {}).find((x) => x.code === 'yaml11-boolean');
  assert.ok(d);
  assert.equal(getCodeActions({ uri: URI, file, lines }, [d]).length, 2);
  assert.deepEqual(getCodeActions({ uri: URI, file, lines }, [{ ...d, source: 'yaml' }]), []);
  assert.deepEqual(getCodeActions({ uri: URI, file, lines }, [{ ...d, data: { kind: 'replace', replacements: [1] } }]), []);
  assert.deepEqual(getCodeActions({ uri: URI, file, lines }, [{ ...d, data: { kind: 'removePair', pair: { start: 3, end: 9 } } }]), []);
  assert.deepEqual(getCodeActions({ uri: URI, file, lines }, [{ ...d, data: { kind: 'nonsense' } }]), []);
  assert.deepEqual(actionsFor(yaml`
    apiVersion: apps/v1
    kind: Deployment
    spec:
      paused: yes
  `), []);
});

test('removing the only field of a block map leaves an empty map, not null', () => {
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors: {}
        experimental:
          stallDetector:
        allowPostCopy: true
    `,
    'null-value',
    'Remove spec.experimental.stallDetector',
    yaml`
      ${HEAD}
      spec:
        selectors: {}
        experimental: {}
        allowPostCopy: true
    `,
  );
  checkFix(
    yaml`
      apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata: # who
        namespace: default
      spec:
        selectors: {}
    `,
    'namespace-ignored',
    'Remove metadata.namespace',
    yaml`
      apiVersion: migrations.kubevirt.io/v1alpha1
      kind: MigrationPolicy
      metadata: # who
        {}
      spec:
        selectors: {}
    `,
  );
});

test('a selector label without a value gets `""`; a rename never duplicates an existing key', () => {
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors:
          virtualMachineInstanceSelector:
            workload:
            tier: ~
    `,
    'label-value-dropped',
    'Change to "" (require an empty label value)',
    yaml`
      ${HEAD}
      spec:
        selectors:
          virtualMachineInstanceSelector:
            workload: ""
            tier: ~
    `,
  );
  checkFix(
    yaml`
      ${HEAD}
      spec:
        selectors:
          virtualMachineInstanceSelector:
            workload:
            tier: ~
    `,
    'label-value-dropped',
    'Change to "" (require an empty label value)',
    yaml`
      ${HEAD}
      spec:
        selectors:
          virtualMachineInstanceSelector:
            workload:
            tier: ""
    `,
    { line: 8 },
  );
  const text = yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowPostCopy: true
      allowPostcopy: false
  `;
  assert.ok(codesOf(text).includes('unknown-field'));
  assert.deepEqual(actionsFor(text).filter((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'unknown-field'), []);
});

test('a negative completionTimeoutPerGiB offers the default or removing the field, never the sign flipped', () => {
  const before = yaml`
    ${HEAD}
    spec:
      selectors: {}
      completionTimeoutPerGiB: -5
      allowPostCopy: true
  `;
  checkFix(before, 'negative', 'Change to 150 (the default)', yaml`
    ${HEAD}
    spec:
      selectors: {}
      completionTimeoutPerGiB: 150
      allowPostCopy: true
  `);
  checkFix(before, 'negative', "Remove spec.completionTimeoutPerGiB (the KubeVirt CR's value applies)", yaml`
    ${HEAD}
    spec:
      selectors: {}
      allowPostCopy: true
  `);
});
