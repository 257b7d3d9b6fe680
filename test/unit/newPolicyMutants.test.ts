// policy/newPolicy.ts (the new-policy template) where completion and the client's Insert policy command do not
// reach: plain text with choices, a given name, snippet escapes, JSON values typed by the API and the inline
// form of one-entry objects. Expected values: the MigrationPolicy API types
// (staging/src/kubevirt.io/api/migrations/v1alpha1/types.go: completionTimeoutPerGiB *int64, allowPostCopy
// *bool, bandwidthPerMigration *resource.Quantity, which marshals as a JSON string), and the LSP
// specification's snippet grammar (placeholder `${n:text}`, choice `${n|a,b|}`; inside a placeholder `$`, `}`
// and `\` are escaped with `\`).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPolicyText } from '../../server/src/policy/newPolicy';

const settings = [
  ['completionTimeoutPerGiB', '800'],
  ['allowPostCopy', 'false'],
  ['bandwidthPerMigration', '64Mi'],
] as const;

test('JSON: integers and booleans are written bare, quantities and labels as strings; the text is the object it describes', () => {
  const text = newPolicyText({ syntax: 'json', snippet: false, vmiLabel: ['app', 'db'], settings });
  assert.equal(
    text,
    [
      '{',
      '  "apiVersion": "migrations.kubevirt.io/v1alpha1",',
      '  "kind": "MigrationPolicy",',
      '  "metadata": {',
      '    "name": "my-policy"',
      '  },',
      '  "spec": {',
      '    "selectors": {',
      '      "virtualMachineInstanceSelector": {',
      '        "app": "db"',
      '      }',
      '    },',
      '    "completionTimeoutPerGiB": 800,',
      '    "allowPostCopy": false,',
      '    "bandwidthPerMigration": "64Mi"',
      '  }',
      '}',
    ].join('\n'),
  );
  assert.deepEqual(JSON.parse(text), {
    apiVersion: 'migrations.kubevirt.io/v1alpha1',
    kind: 'MigrationPolicy',
    metadata: { name: 'my-policy' },
    spec: { selectors: { virtualMachineInstanceSelector: { app: 'db' } }, completionTimeoutPerGiB: 800, allowPostCopy: false, bandwidthPerMigration: '64Mi' },
  });
});

test('JSON with inlineSmallObjects: an object of one plain entry is one line; objects holding objects stay open', () => {
  const text = newPolicyText({ syntax: 'json', snippet: false, name: 'db', namespaceLabel: ['team', 'x'], vmiLabel: ['app', 'db'], settings: [['allowAutoConverge', 'true']], inlineSmallObjects: true });
  assert.equal(
    text,
    [
      '{',
      '  "apiVersion": "migrations.kubevirt.io/v1alpha1",',
      '  "kind": "MigrationPolicy",',
      '  "metadata": { "name": "db" },',
      '  "spec": {',
      '    "selectors": {',
      '      "namespaceSelector": { "team": "x" },',
      '      "virtualMachineInstanceSelector": { "app": "db" }',
      '    },',
      '    "allowAutoConverge": true',
      '  }',
      '}',
    ].join('\n'),
  );
  assert.deepEqual(JSON.parse(text).spec, { selectors: { namespaceSelector: { team: 'x' }, virtualMachineInstanceSelector: { app: 'db' } }, allowAutoConverge: true });
});

test('plain text: a given name is written as given; a choice is its first value, no choices an empty value', () => {
  const text = newPolicyText({ syntax: 'yaml', snippet: false, name: 'gold-tier', vmiLabel: ['app', 'db'], settings: [['allowPostCopy', { choices: ['true', 'false'] }], ['allowAutoConverge', { choices: [] }]] });
  assert.equal(
    text,
    ['apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata:', '  name: gold-tier', 'spec:', '  selectors:', '    virtualMachineInstanceSelector:', '      app: db', '  allowPostCopy: true', '  allowAutoConverge: '].join('\n'),
  );
});

test('snippet: tab stops in document order, choices as ${n|a,b|}, and $ } \\ escaped inside placeholders', () => {
  const text = newPolicyText({ syntax: 'yaml', snippet: true, name: 'a$b}c\\d', vmiLabel: ['app', 'x}y'], settings: [['allowPostCopy', { choices: ['false', 'true'] }]] });
  assert.equal(
    text,
    ['apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata:', '  name: ${1:a\\$b\\}c\\\\d}', 'spec:', '  selectors:', '    virtualMachineInstanceSelector:', '      ${2:app}: ${3:x\\}y}', '  allowPostCopy: ${4|false,true|}'].join('\n'),
  );
});
