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

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';

test('quantity suffix: 1K becomes 1k or 1Ki', () => {
  const before = `${HEAD}spec:\n  selectors: {}\n  bandwidthPerMigration: 1K # per migration\n`;
  checkFix(before, 'quantity-invalid', 'Change to 1Ki', `${HEAD}spec:\n  selectors: {}\n  bandwidthPerMigration: 1Ki # per migration\n`);
  checkFix(before, 'quantity-invalid', 'Change to 1k', `${HEAD}spec:\n  selectors: {}\n  bandwidthPerMigration: 1k # per migration\n`);
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
    `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      hpc-workloads: true\n      tier: 010\n`,
    'label-value-type',
    'Change to "true"',
    `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      hpc-workloads: "true"\n      tier: 010\n`,
  );
  checkFix(
    `${HEAD}spec:\n  selectors:\n    namespaceSelector: {tier: 010}\n`,
    'label-value-type',
    'Change to "010"',
    `${HEAD}spec:\n  selectors:\n    namespaceSelector: {tier: "010"}\n`,
  );
});

test('flatten a block matchLabels, quoting values on the way', () => {
  const before =
    `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      matchLabels:\n        hpc-workloads: true\n        # the team\n        team: 'db'\n` +
    `    namespaceSelector:\n      env: prod\n  allowPostCopy: false\n`;
  const after =
    `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      hpc-workloads: "true"\n      # the team\n      team: 'db'\n` +
    `    namespaceSelector:\n      env: prod\n  allowPostCopy: false\n`;
  checkFix(before, 'legacy-selector', 'Move the labels of matchLabels up into virtualMachineInstanceSelector', after);
  assert.deepEqual(codesOf(after), []);
});

test('flatten a flow matchLabels inside a block selector and inside a flow selector', () => {
  checkFix(
    `${HEAD}spec:\n  selectors:\n    namespaceSelector:\n      matchLabels: {env: prod, gpu: yes}\n`,
    'legacy-selector',
    'Move the labels of matchLabels up into namespaceSelector',
    `${HEAD}spec:\n  selectors:\n    namespaceSelector:\n      env: prod\n      gpu: "yes"\n`,
  );
  checkFix(
    `${HEAD}spec:\n  selectors:\n    namespaceSelector: {matchLabels: {env: prod, n: 1}, zone: a}\n`,
    'legacy-selector',
    'Move the labels of matchLabels up into namespaceSelector',
    `${HEAD}spec:\n  selectors:\n    namespaceSelector: {env: prod, n: "1", zone: a}\n`,
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
    `${HEAD}spec:\n  selectors: {}\n  completionTimeoutPerGib: 300\n`,
    'unknown-field',
    'Rename to completionTimeoutPerGiB',
    `${HEAD}spec:\n  selectors: {}\n  completionTimeoutPerGiB: 300\n`,
  );
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "allowPostcopy": true}}';
  checkFix(json, 'unknown-field', 'Rename to allowPostCopy', json.replace('"allowPostcopy"', '"allowPostCopy"'), { name: 'policy.json' });
});

test('yes becomes true; a quoted "yes" becomes true without quotes; JSON strings become JSON literals', () => {
  checkFix(`${HEAD}spec:\n  selectors: {}\n  allowAutoConverge: yes\n`, 'yaml11-boolean', 'Change to true', `${HEAD}spec:\n  selectors: {}\n  allowAutoConverge: true\n`);
  checkFix(`${HEAD}spec:\n  selectors: {}\n  allowPostCopy: "yes"\n`, 'boolean-string', 'Change to true', `${HEAD}spec:\n  selectors: {}\n  allowPostCopy: true\n`);
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "bandwidthPerMigration": "1K", "allowPostCopy": "yes"}}';
  checkFix(json, 'boolean-string', 'Change to true', json.replace('"yes"', 'true'), { name: 'policy.json' });
  checkFix(json, 'quantity-invalid', 'Change to 1Ki', json.replace('"1K"', '"1Ki"'), { name: 'policy.json' });
});

test('insert selectors when spec has none: `selectors: {}` first, with a skeleton as second choice', () => {
  const before = `${HEAD}spec:\n    # tuned for databases\n    allowPostCopy: true\n`;
  checkFix(before, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', `${HEAD}spec:\n    # tuned for databases\n    selectors: {}\n    allowPostCopy: true\n`);
  const skeleton = `${HEAD}spec:\n    # tuned for databases\n    selectors:\n        virtualMachineInstanceSelector: {}\n    allowPostCopy: true\n`;
  checkFix(before, 'selectors-missing', 'Add `selectors` with a `virtualMachineInstanceSelector`', skeleton);
  assert.deepEqual(codesOf(skeleton), ['catch-all']);
  checkFix(`${HEAD}spec: {allowPostCopy: true}\n`, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', `${HEAD}spec: {selectors: {}, allowPostCopy: true}\n`);
  checkFix(`${HEAD}spec: {}\n`, 'selectors-missing', 'Add `selectors: {}` (match every VMI)', `${HEAD}spec: {selectors: {}}\n`);
  const json = (spec: string) => `{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": ${spec}}`;
  checkFix(json('{"allowPostCopy": true}'), 'selectors-missing', 'Add `selectors: {}` (match every VMI)', json('{"selectors": {}, "allowPostCopy": true}'), { name: 'policy.json' });
  checkFix(json('{\n    "allowPostCopy": true\n  }'), 'selectors-missing', 'Add `selectors: {}` (match every VMI)', json('{\n    "selectors": {},\n    "allowPostCopy": true\n  }'), { name: 'policy.json' });
  checkFix(`${HEAD}spec:\n  selectors:\n`, 'required-null', 'Set `selectors` to `{}` (match every VMI)', `${HEAD}spec:\n  selectors: {}\n`);
});

test('insert spec when it is missing: at the end of the policy, also inside a List item and in JSON', () => {
  checkFix(HEAD, 'spec-missing', 'Add `spec` with `selectors: {}`', `${HEAD}spec:\n  selectors: {}\n`);
  checkFix(HEAD.trimEnd(), 'spec-missing', 'Add `spec` with `selectors: {}`', `${HEAD}spec:\n  selectors: {}`);
  const list = (first: string) =>
    `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: migrations.kubevirt.io/v1alpha1\n    kind: MigrationPolicy\n    metadata:\n      name: a\n${first}` +
    `  - apiVersion: migrations.kubevirt.io/v1alpha1\n    kind: MigrationPolicy\n    metadata: {name: b}\n    spec:\n      selectors: {}\n`;
  const fixed = list('    spec:\n      selectors: {}\n');
  checkFix(list(''), 'spec-missing', 'Add `spec` with `selectors: {}`', fixed);
  assert.deepEqual(codesOf(fixed), ['catch-all', 'catch-all']);
  const json = '{\n  "apiVersion": "migrations.kubevirt.io/v1alpha1",\n  "kind": "MigrationPolicy",\n  "metadata": {"name": "p"}\n}\n';
  checkFix(json, 'spec-missing', 'Add `spec` with `selectors: {}`', '{\n  "apiVersion": "migrations.kubevirt.io/v1alpha1",\n  "kind": "MigrationPolicy",\n  "metadata": {"name": "p"},\n  "spec": {\n    "selectors": {}\n  }\n}\n', { name: 'policy.json' });
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
    `${HEAD}spec:\n  selectors: {}\n  network:\n    name: migration-net\n    # which bridge\n    bridge: br1\n  allowPostCopy: true\n`,
    'cluster-config-field',
    'Remove spec.network',
    `${HEAD}spec:\n  selectors: {}\n  allowPostCopy: true\n`,
  );
  checkFix(`${HEAD}spec:\n  selectors: {}\n  progressTimeout:\n    150\n`, 'cluster-config-field', 'Remove spec.progressTimeout', `${HEAD}spec:\n  selectors: {}\n`);
  checkFix(`${HEAD}spec:\n  bandwidthPerMigration:\n  selectors: {}\n`, 'null-value', 'Remove spec.bandwidthPerMigration', `${HEAD}spec:\n  selectors: {}\n`);
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "bandwidthPerMigration": null}}';
  checkFix(json, 'null-value', 'Remove spec.bandwidthPerMigration', json.replace(', "bandwidthPerMigration": null', ''), { name: 'policy.json' });
});

test('fix all: every unambiguous preferred fix at once, guesses left alone', () => {
  const before =
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n  namespace: default\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      matchLabels:\n        gpu: yes\n' +
    '  allowAutoConverge: on\n  completionTimeoutPerGib: 300\n  bandwidthPerMigration: 1K\n  parallelMigrationsPerCluster: 5\n';
  const actions = actionsFor(before);
  const fixAll = actions.filter((a) => a.kind === FIX_ALL_KIND);
  assert.equal(fixAll.length, 1);
  assert.equal(fixAll[0].title, 'Fix all auto-fixable problems in this file');
  const after = apply(before, fixAll[0]);
  assert.equal(
    after,
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      gpu: "yes"\n' + '  allowAutoConverge: true\n  completionTimeoutPerGiB: 300\n  bandwidthPerMigration: 1K\n',
  );
  assert.deepEqual(codesOf(after), ['quantity-invalid']);
  assert.deepEqual(fixAll[0].diagnostics?.map((d) => d.code).sort(), ['cluster-config-field', 'legacy-selector', 'namespace-ignored', 'unknown-field', 'yaml11-boolean']);
});

test('fix all skips overlapping edits: a null value inside a removed block is not edited twice', () => {
  const before = `${HEAD}  namespace: x\nspec:\n  selectors: {}\n  network:\n    bandwidthPerMigration:\n  allowPostCopy: yes\n`;
  const fixAll = actionsFor(before).find((a) => a.kind === FIX_ALL_KIND);
  assert.ok(fixAll);
  assert.equal(apply(before, fixAll), `${HEAD}spec:\n  selectors: {}\n  allowPostCopy: true\n`);
});

test('no actions for other sources, foreign documents, stale or malformed fix data', () => {
  const text = `${HEAD}spec:\n  selectors: {}\n  allowAutoConverge: yes\n`;
  const file = model(text);
  const lines = new LineIndex(text);
  const d = getFileDiagnostics({ file, lines }, {}).find((x) => x.code === 'yaml11-boolean');
  assert.ok(d);
  assert.equal(getCodeActions({ uri: URI, file, lines }, [d]).length, 2);
  assert.deepEqual(getCodeActions({ uri: URI, file, lines }, [{ ...d, source: 'yaml' }]), []);
  assert.deepEqual(getCodeActions({ uri: URI, file, lines }, [{ ...d, data: { kind: 'replace', replacements: [1] } }]), []);
  assert.deepEqual(getCodeActions({ uri: URI, file, lines }, [{ ...d, data: { kind: 'removePair', pair: { start: 3, end: 9 } } }]), []);
  assert.deepEqual(getCodeActions({ uri: URI, file, lines }, [{ ...d, data: { kind: 'nonsense' } }]), []);
  assert.deepEqual(actionsFor('apiVersion: apps/v1\nkind: Deployment\nspec:\n  paused: yes\n'), []);
});

test('removing the only field of a block map leaves an empty map, not null', () => {
  checkFix(
    `${HEAD}spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n  allowPostCopy: true\n`,
    'null-value',
    'Remove spec.experimental.stallDetector',
    `${HEAD}spec:\n  selectors: {}\n  experimental: {}\n  allowPostCopy: true\n`,
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
    `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      workload:\n      tier: ~\n`,
    'label-value-dropped',
    'Change to "" (require an empty label value)',
    `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      workload: ""\n      tier: ~\n`,
  );
  checkFix(
    `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      workload:\n      tier: ~\n`,
    'label-value-dropped',
    'Change to "" (require an empty label value)',
    `${HEAD}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      workload:\n      tier: ""\n`,
    { line: 8 },
  );
  const text = `${HEAD}spec:\n  selectors: {}\n  allowPostCopy: true\n  allowPostcopy: false\n`;
  assert.ok(codesOf(text).includes('unknown-field'));
  assert.deepEqual(actionsFor(text).filter((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'unknown-field'), []);
});

test('a negative completionTimeoutPerGiB offers the default or removing the field, never the sign flipped', () => {
  const before = `${HEAD}spec:\n  selectors: {}\n  completionTimeoutPerGiB: -5\n  allowPostCopy: true\n`;
  checkFix(before, 'negative', 'Change to 150 (the default)', `${HEAD}spec:\n  selectors: {}\n  completionTimeoutPerGiB: 150\n  allowPostCopy: true\n`);
  checkFix(before, 'negative', "Remove spec.completionTimeoutPerGiB (the KubeVirt CR's value applies)", `${HEAD}spec:\n  selectors: {}\n  allowPostCopy: true\n`);
});
