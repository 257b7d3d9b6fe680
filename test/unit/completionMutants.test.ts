// The new-policy item of an empty document (features/completionTemplate.ts) with labels from a cluster: the
// first label that can be a selector entry goes into the snippet. Skipped: `matchLabels` (the pre-v0.55
// LabelSelector form, rejected since v0.55), a key or value that breaks label syntax (apimachinery IsLabelKey /
// IsLabelValue: a space or `!` is not allowed). A key go-yaml v2 reads as a boolean (`yes`, resolve.go's YAML 1.1
// table) is quoted in YAML, so it stays the label key "yes"; JSON keys are strings already.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getCompletions } from '../../server/src/features/completion';
import type { KnownLabels } from '../../server/src/features/selectorLabels';

const LABELS: KnownLabels = {
  namespace: [],
  vmi: [
    { key: 'matchLabels', value: 'x', count: 9, source: 'cluster' },
    { key: 'Bad Key', value: 'v', count: 8, source: 'cluster' },
    { key: 'app', value: 'bad value!', count: 7, source: 'cluster' },
    { key: 'yes', value: 'db', count: 5, source: 'cluster' },
    { key: 'app', value: 'web', count: 4, source: 'cluster' },
  ],
} as KnownLabels;

function item(language: 'yaml' | 'json', snippetSupport: boolean, markdown: boolean, labels: KnownLabels | null = LABELS) {
  const list = getCompletions({ file: parseFile('', language), lines: new LineIndex('') }, 0, { snippetSupport, markdown, ...(labels ? { labels } : {}) });
  assert.equal(list.isIncomplete, false);
  assert.deepEqual(list.items.map((i) => i.label), ['MigrationPolicy']);
  const [i] = list.items;
  return { newText: i.textEdit?.newText, doc: i.documentation as MarkupContent, format: i.insertTextFormat, detail: i.detail, kind: i.kind, mode: i.insertTextMode };
}

const YAML = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: my-policy\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      "yes": "db"\n  bandwidthPerMigration: 64Mi';

test('a new policy in YAML: the first usable cluster label, snippet placeholders, the preview without them', () => {
  const snippet = item('yaml', true, true);
  assert.equal(snippet.newText, 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${1:my-policy}\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      ${2:"yes"}: "${3:db}"\n  bandwidthPerMigration: ${4:64Mi}');
  assert.deepEqual(snippet.doc, { kind: 'markdown', value: `\`\`\`yaml\n${YAML}\n\`\`\`` });
  assert.deepEqual([snippet.format, snippet.kind, snippet.detail, snippet.mode], [2, 15, 'New KubeVirt MigrationPolicy', 1]);
  const plain = item('yaml', false, false);
  assert.equal(plain.newText, YAML);
  assert.deepEqual(plain.doc, { kind: 'plaintext', value: YAML });
  assert.equal(plain.format, 1);
});

test('a new policy in JSON, and without cluster labels the placeholders key and value', () => {
  const json = item('json', true, true);
  assert.equal(json.newText, '{\n  "apiVersion": "migrations.kubevirt.io/v1alpha1",\n  "kind": "MigrationPolicy",\n  "metadata": {\n    "name": "${1:my-policy}"\n  },\n  "spec": {\n    "selectors": {\n      "virtualMachineInstanceSelector": {\n        "${2:yes}": "${3:db}"\n      }\n    },\n    "bandwidthPerMigration": "${4:64Mi}"\n  }\n}');
  assert.equal(json.doc.value, '```json\n{\n  "apiVersion": "migrations.kubevirt.io/v1alpha1",\n  "kind": "MigrationPolicy",\n  "metadata": {\n    "name": "my-policy"\n  },\n  "spec": {\n    "selectors": {\n      "virtualMachineInstanceSelector": {\n        "yes": "db"\n      }\n    },\n    "bandwidthPerMigration": "64Mi"\n  }\n}\n```');
  const none = item('yaml', false, true, null);
  assert.equal(none.newText, YAML.replace('"yes": "db"', 'key: "value"'));
  const unusable = item('yaml', false, true, { namespace: [], vmi: LABELS.vmi.slice(0, 3) } as KnownLabels);
  assert.equal(unusable.newText, YAML.replace('"yes": "db"', 'key: "value"'));
});
