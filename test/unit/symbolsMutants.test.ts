// Edges of features/symbols.ts for mutation testing (issue 16): the second document of a chart template,
// names as written only when they hold a template action, the name's selection when the policy ends with
// it, when it is empty or when metadata is an alias to another policy's, keys kubectl cannot name, which
// symbols carry a detail, selector labels as keys, and the depth and count limits through sequences.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { parsedFile, parseFile } from '../../server/src/document/file';
import type { DocumentMode } from '../../server/src/document/template';
import { getDocumentSymbols } from '../../server/src/features/symbols';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
const symbols = (text: string, mode?: DocumentMode) => getDocumentSymbols(parsedFile(parseFile(text, 'yaml', undefined, mode)));
const at = (r: DocumentSymbol['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const child = (s: DocumentSymbol, name: string) => s.children?.find((c) => c.name === name) as DocumentSymbol;
const count = (ss: DocumentSymbol[] | undefined): number => (ss ?? []).reduce((n, s) => n + 1 + count(s.children), 0);

test('a chart template\'s second document: its name and values as written in that document', () => {
  const text = `${H}metadata:\n  name: one\n---\n${H}metadata:\n  name: {{ .Values.name }}\nspec:\n  bandwidthPerMigration: {{ .Values.bw }}\n`;
  assert.deepEqual(symbols(text, 'helm-template').map((s) => [s.name, s.detail]), [['one', 'no spec'], ['{{ .Values.name }}', '{{ .Values.bw }}']]);
});

test('a quoted name is shown unquoted even when the document holds a template action elsewhere', () => {
  const [s] = symbols(`${H}metadata:\n  name: "quoted"\n  annotations: {a: "{{x}}"}\nspec: {}\n`);
  assert.equal(s.name, 'quoted');
  assert.equal(at(s.selectionRange), '3:8-3:16');
});

test('selection: the name when the policy ends with it; an empty name\'s place, zero-width', () => {
  const last = symbols(`${H}spec: {}\nmetadata:\n  name: p`);
  assert.deepEqual(last.map((s) => [at(s.range), at(s.selectionRange)]), [['0:0-4:9', '4:8-4:9']]);
  const empty = symbols(`${H}metadata:\n  name: \nspec: {}\n`);
  assert.deepEqual(empty.map((s) => [s.name, at(s.selectionRange)]), [['(unnamed policy)', '3:8-3:8']]);
});

test('metadata given as an alias to an earlier policy\'s: the later policy selects its first key, not the name it borrows', () => {
  const text = `kind: List\nitems:\n- ${H.replace('\n', '\n  ')}  metadata: &m\n    name: shared\n- ${H.replace('\n', '\n  ')}  metadata: *m\n`;
  const list = symbols(text);
  assert.deepEqual(list.map((s) => [s.name, at(s.selectionRange)]), [['shared', '5:10-5:16'], ['shared', '6:2-6:12']]);
});

test('metadata without a name: the policy is unnamed and selects its first key', () => {
  const [s] = symbols(`${H}metadata:\n  labels: {a: b}\nspec: {}\n`);
  assert.deepEqual([s.name, at(s.selectionRange)], ['(unnamed policy)', '0:0-0:10']);
});

test('keys: quoted keys by their value, a null key or one past uint64 (no JSON key for kubectl) as written', () => {
  const [s] = symbols(`${H}spec:\n  "allowPostCopy": true\n  ~: n\n  18446744073709551615: big\n`);
  assert.deepEqual(child(s, 'spec').children?.map((c) => [c.name, c.detail]), [['allowPostCopy', 'true'], ['~', 'n'], ['18446744073709551615', 'big']]);
});

test('detail: only on symbols that have one (no detail for a map with entries or an empty value)', () => {
  const [s] = symbols(`${H}spec:\n  b: 1\n  selectors:\n    virtualMachineInstanceSelector:\n      app: db\n  c:\n  e: {}\n`);
  const spec = child(s, 'spec');
  assert.equal('detail' in spec, false);
  assert.equal('detail' in child(spec, 'c'), false);
  assert.equal(child(spec, 'e').detail, '{}');
  assert.equal(child(spec, 'b').detail, '1');
  // A key without a value (`? a`): a property without detail.
  const [q] = symbols(`${H}spec:\n  ? a\n  b: 1\n`);
  assert.deepEqual(child(q, 'spec').children?.map((c) => [c.name, c.kind, c.detail]), [['a', SymbolKind.Property, undefined], ['b', SymbolKind.Property, '1']]);
  assert.equal('detail' in (child(child(q, 'spec'), 'a')), false);
});

test('selector labels are keys, under both selector maps, also below a sequence of policies\' items', () => {
  const [s] = symbols(`${H}spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: db\n    namespaceSelector:\n      env: prod\n  other:\n    app: x\n`);
  const selectors = child(child(s, 'spec'), 'selectors');
  assert.deepEqual(selectors.children?.map((c) => [c.name, c.kind, c.children?.map((l) => [l.name, l.kind])]), [
    ['virtualMachineInstanceSelector', SymbolKind.Object, [['app', SymbolKind.Key]]],
    ['namespaceSelector', SymbolKind.Object, [['env', SymbolKind.Key]]],
  ]);
  assert.deepEqual(child(child(s, 'spec'), 'other').children?.map((c) => [c.name, c.kind]), [['app', SymbolKind.Property]]);
});

test('depth: maps nested in maps and in sequences stop at 12 levels below the policy', () => {
  // 20 levels of maps under spec.
  let maps = 'leaf: 1';
  for (let i = 19; i >= 0; i--) maps = `m${i}: {${maps}}`;
  const deep = symbols(`${H}spec: {${maps}}\n`);
  let node = child(deep[0], 'spec');
  let levels = 1;
  while (node.children?.length) {
    node = node.children[0];
    levels++;
  }
  assert.equal(levels, 12);
  // 20 levels of sequences of maps under spec.
  let seqs = 'leaf: 1';
  for (let i = 19; i >= 0; i--) seqs = `s${i}: [{${seqs}}]`;
  const nested = symbols(`${H}spec: {${seqs}}\n`);
  node = child(nested[0], 'spec');
  levels = 1;
  while (node.children?.length) {
    node = node.children[0];
    levels++;
  }
  assert.equal(levels, 12);
});

test('count: a sequence of 6,000 maps stops at 5,000 symbols in all', () => {
  const items = Array.from({ length: 6000 }, (_, i) => `  - {a: ${i}}`).join('\n');
  const [s] = symbols(`${H}spec:\n  list:\n${items}\n`);
  assert.equal(count([s]), 5000);
  const list = child(child(s, 'spec'), 'list');
  assert.equal(list.detail, '6000 items');
  assert.equal(list.children?.length, 2498);
});
