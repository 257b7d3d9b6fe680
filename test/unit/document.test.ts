// The document layer: splitting `---` documents, kubectl's scalar resolution, never throwing, alias
// bombs, JSON manifests, incremental re-use of unchanged documents.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, languageOf, parseFile } from '../../server/src/document/file';
import type { ScalarNode } from '../../server/src/document/model';
import { findPolicies } from '../../server/src/document/policies';
import { resolveKubectl } from '../../server/src/document/scalar';
import { splitDocuments } from '../../server/src/document/yamlParser';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { model } from '../support/fixture';

test('splitDocuments cuts at --- and ... lines only', () => {
  const text = 'a: 1\n---\nb: "---"\n--- # c\nc: |\n  ---\n...\n%YAML 1.1\n---\nd: 1\n';
  const slices = splitDocuments(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(slices, ['a: 1\n', '---\nb: "---"\n', '--- # c\nc: |\n  ---\n...\n', '%YAML 1.1\n---\nd: 1\n']);
  assert.deepEqual(splitDocuments('').map((s) => [s.start, s.end]), [[0, 0]]);
});

// facts §8: go.yaml.in/yaml/v2 resolve.go as seen through sigs.k8s.io/yaml.
const KUBECTL: [string, unknown, string][] = [
  ['yes', true, 'boolean'], ['Yes', true, 'boolean'], ['y', true, 'boolean'], ['Y', true, 'boolean'], ['on', true, 'boolean'],
  ['True', true, 'boolean'], ['TRUE', true, 'boolean'], ['n', false, 'boolean'], ['off', false, 'boolean'], ['NO', false, 'boolean'],
  ['tRUE', 'tRUE', 'string'], ['1', 1, 'integer'], ['1.0', 1, 'integer'], ['23.0', 23, 'integer'], ['23.5', 23.5, 'number'],
  ['0755', 493, 'integer'], ['010', 8, 'integer'], ['0x1F', 31, 'integer'], ['1_000', 1000, 'integer'], ['1e3', 1000, 'integer'],
  ['~', null, 'null'], ['null', null, 'null'], ['', null, 'null'], ['2024-01-01', '2024-01-01', 'string'], ['12:30', '12:30', 'string'],
  ['08', 8, 'integer'], ['-0b101', -5, 'integer'], ['+12', 12, 'integer'], ['.5', 0.5, 'number'], ['64Mi', '64Mi', 'string'],
];

test('plain scalars resolve as kubectl resolves them (YAML 1.1)', () => {
  for (const [text, value, type] of KUBECTL) {
    const r = resolveKubectl(text);
    assert.deepEqual([r.value, r.type], [value, type], text);
  }
  assert.equal(resolveKubectl('.inf').unencodable, true);
  assert.equal(resolveKubectl('.nan').unencodable, true);
});

test('scalars record how YAML 1.2 tools read them when that differs', () => {
  const f = model('a: yes\nb: true\nc: 010\nd: "yes"\ne: 1.0\n');
  const root = f.documents[0].model.root;
  assert.ok(root && root.kind === 'map');
  const values = root.pairs.map((p) => p.value as ScalarNode);
  assert.deepEqual(values[0].yaml12, { value: 'yes', type: 'string' });
  assert.equal(values[1].yaml12, undefined);
  assert.deepEqual(values[2].yaml12, { value: 10, type: 'integer' });
  assert.equal(values[3].value, 'yes');
  assert.equal(values[3].yaml12, undefined);
  assert.equal(values[4].yaml12, undefined);
});

test('parsing never throws, whatever the text', () => {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const alphabet = ['apiVersion: migrations.kubevirt.io/v1alpha1\n', 'kind: MigrationPolicy\n', 'spec:', '\n', '  ', '\t', '-', ':', '{', '}', '[', ']', '&a', '*a', '"', "'", '#', '|', '>', '---\n', 'selectors', '\u0000', '\uFFFD', '?', '!', '%', '@', 'x'];
  for (let i = 0; i < 300; i++) {
    let text = '';
    const length = Math.floor(random() * 80);
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
    for (const language of ['yaml', 'json'] as const) {
      const f = parseFile(text, language);
      getFileDiagnostics({ file: f });
    }
  }
});

test('an alias bomb gets one located error after bounded work', () => {
  const lines = ['apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata: {name: bomb}', 'spec:', '  selectors: {}', 'x0: &x0 [a, a, a, a, a, a, a, a, a, a]'];
  for (let i = 1; i <= 30; i++) lines.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]`);
  const text = `${lines.join('\n')}\n`;
  const f = parseFile(text, 'yaml');
  const doc = f.documents[0].model;
  assert.ok(doc.expandedNodeCount > 1e30, `counted ${doc.expandedNodeCount}`);
  const diagnostics = getFileDiagnostics({ file: f }).filter((d) => d.code === 'alias-bomb');
  assert.equal(diagnostics.length, 1);
  assert.match(String(diagnostics[0].message), /document contains excessive aliasing/);
  assert.deepEqual(diagnostics[0].range, { start: { line: 6, character: 9 }, end: { line: 6, character: 12 } });
});

test('modest aliasing is accepted, as go-yaml accepts it', () => {
  const text = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata: {name: ok}\nspec:\n  selectors: &s {}\n  allowPostCopy: &t true\n  allowAutoConverge: *t\n';
  const f = parseFile(text, 'yaml');
  assert.deepEqual(getFileDiagnostics({ file: f }).map((d) => d.code), ['catch-all']);
});

test('deep nesting is reported, not a crash', () => {
  const text = `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
  const f = parseFile(text, 'yaml');
  assert.deepEqual(getFileDiagnostics({ file: f }).map((d) => `${d.range.start.line} ${d.severity} ${d.code}`), ['2 1 yaml-syntax']);
});

test('policies are found at the root and in a List; other kinds are left alone', () => {
  const f = model('apiVersion: v1\nkind: List\nitems:\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  metadata: {name: a}\n- apiVersion: apps/v1\n  kind: Deployment\n---\napiVersion: apps/v1\nkind: Deployment\n');
  assert.equal(findPolicies(f.documents[0].model.root).length, 1);
  assert.equal(findPolicies(f.documents[1].model.root).length, 0);
});

test('JSON manifests go through the same rules, with exact ranges', () => {
  const text = '{\n  "apiVersion": "migrations.kubevirt.io/v1alpha1",\n  "kind": "MigrationPolicy",\n  "metadata": {"name": "j"},\n  "spec": {"selectors": {"virtualMachineInstanceSelector": {"hpc": true}}, "bandwidthPerMigration": "1K", "allowPostCopy": "no"}\n}\n';
  const diagnostics = getFileDiagnostics({ file: parseFile(text, languageOf('policy.json')) });
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    [
      ['label-value-type', 4, 67, 71],
      ['quantity-invalid', 4, 100, 104],
      ['boolean-string', 4, 123, 127],
    ],
  );
  const broken = getFileDiagnostics({ file: parseFile('{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", ', 'json') });
  assert.ok(broken.length >= 1 && broken.every((d) => d.code === 'json-syntax'), JSON.stringify(broken));
});

test('an edit re-parses only the document it touched', () => {
  const docs = Array.from({ length: 5 }, (_, i) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p${i}\nspec:\n  selectors: {}\n`);
  const before = parseFile(docs.join('---\n'), 'yaml');
  docs[2] = docs[2].replace('selectors: {}', 'selectors: {}\n  allowPostCopy: true');
  const after = parseFile(docs.join('---\n'), 'yaml', before);
  const reused = after.documents.map((d, i) => d.model === before.documents[i].model);
  assert.deepEqual(reused, [true, true, false, true, true]);
  assert.equal(after.documents[3].offset, before.documents[3].offset + '\n  allowPostCopy: true'.length);
});

test('LineIndex converts offsets and positions both ways, clamping', () => {
  const lines = new LineIndex('ab\ncd\n\nef');
  assert.deepEqual(lines.positionAt(4), { line: 1, character: 1 });
  assert.deepEqual(lines.positionAt(7), { line: 3, character: 0 });
  assert.deepEqual(lines.positionAt(99), { line: 3, character: 2 });
  assert.equal(lines.offsetAt({ line: 1, character: 99 }), 6);
  assert.equal(lines.offsetAt({ line: 9, character: 0 }), 9);
});
