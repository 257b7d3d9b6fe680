// Document structure features: outline symbols, folding ranges and selection ranges, with exact
// ranges written as `line:character-line:character` (zero-based), plus their bounds on alias bombs.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol, Range, SelectionRange } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/document/file';
import { getFoldingRanges } from '../../server/src/features/folding';
import { getSelectionRanges } from '../../server/src/features/selectionRanges';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { model, rangeText, withCursor } from '../support/fixture';

const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

const KIND: Record<number, string> = { 5: 'Class', 7: 'Property', 18: 'Array', 19: 'Object', 20: 'Key' };

/** The outline as indented lines: `name Kind (detail) range / selectionRange`. */
function outline(text: string, name = 'fixture.yaml'): string[] {
  const out: string[] = [];
  const walk = (symbols: DocumentSymbol[], indent: string) => {
    for (const s of symbols) {
      out.push(`${indent}${s.name} ${KIND[s.kind] ?? s.kind}${s.detail ? ` (${s.detail})` : ''} ${at(s.range)} / ${at(s.selectionRange)}`);
      walk(s.children ?? [], `${indent}  `);
    }
  };
  walk(getDocumentSymbols({ file: model(text, name), lines: new LineIndex(text) }), '');
  return out;
}

/** The selection chain at the cursor, innermost first, each as the text it selects. */
function selections(marked: string, name = 'fixture.yaml'): string[] {
  const { text, offset } = withCursor(marked);
  const [chain] = getSelectionRanges({ file: model(text, name), lines: new LineIndex(text) }, [offset]);
  const out: string[] = [];
  for (let s: SelectionRange | undefined = chain; s; s = s.parent) out.push(rangeText(text, s.range));
  return out;
}

const POLICY = `# Database VMs
# (two labels)
apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: databases
spec:
  selectors:
    virtualMachineInstanceSelector:
      workload: db
      tier: "gold"
    namespaceSelector: {env: prod}
  bandwidthPerMigration: 64Mi
  allowPostCopy: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
`;

test('symbols: one per policy with a summary, fields as children, selector entries as keys', () => {
  assert.deepEqual(outline(POLICY), [
    'databases Class (2 VMI labels · 1 namespace label · 64Mi · post-copy) 2:0-13:21 / 5:8-5:17',
    '  apiVersion Property (migrations.kubevirt.io/v1alpha1) 2:0-2:43 / 2:0-2:10',
    '  kind Property (MigrationPolicy) 3:0-3:21 / 3:0-3:4',
    '  metadata Object 4:0-5:17 / 4:0-4:8',
    '    name Property (databases) 5:2-5:17 / 5:2-5:6',
    '  spec Object 6:0-13:21 / 6:0-6:4',
    '    selectors Object 7:2-11:34 / 7:2-7:11',
    '      virtualMachineInstanceSelector Object 8:4-10:18 / 8:4-8:34',
    '        workload Key (db) 9:6-9:18 / 9:6-9:14',
    '        tier Key ("gold") 10:6-10:18 / 10:6-10:10',
    '      namespaceSelector Object 11:4-11:34 / 11:4-11:21',
    '        env Key (prod) 11:24-11:33 / 11:24-11:27',
    '    bandwidthPerMigration Property (64Mi) 12:2-12:29 / 12:2-12:23',
    '    allowPostCopy Property (true) 13:2-13:21 / 13:2-13:15',
  ]);
});

test('symbols: unnamed policies, catch-all summaries, List items, JSON; nothing for other documents', () => {
  const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: migrations.kubevirt.io/v1alpha1\n    kind: MigrationPolicy\n    spec:\n      selectors: {}\n  - apiVersion: v1\n    kind: ConfigMap\n';
  assert.deepEqual(outline(list), [
    '(unnamed policy) Class (matches every VMI) 3:4-6:19 / 3:4-3:14',
    '  apiVersion Property (migrations.kubevirt.io/v1alpha1) 3:4-3:47 / 3:4-3:14',
    '  kind Property (MigrationPolicy) 4:4-4:25 / 4:4-4:8',
    '  spec Object 5:4-6:19 / 5:4-5:8',
    '    selectors Object ({}) 6:6-6:19 / 6:6-6:15',
  ]);
  const json = '{\n  "apiVersion": "migrations.kubevirt.io/v1alpha1",\n  "kind": "MigrationPolicy",\n  "metadata": {"name": "p"},\n  "spec": {"selectors": {}, "maxDowntimeMs": 300}\n}\n';
  assert.deepEqual(outline(json, 'policy.json').slice(0, 1), ['p Class (matches every VMI) 0:0-5:1 / 3:23-3:26']);
  assert.deepEqual(outline('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'), []);
  assert.deepEqual(outline('{"kind": "ConfigMap", "data": {"a": "b"}}', 'cm.json'), []);
  assert.deepEqual(outline(''), []);
});

test('symbols: aliases are leaves, so an alias bomb inside a policy stays small', () => {
  const lines = ['apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata:', '  name: bomb', 'spec:', '  selectors: {}', '  x0: &x0 [a, a]'];
  for (let i = 1; i < 30; i++) lines.push(`  x${i}: &x${i} [*x${i - 1}, *x${i - 1}]`);
  const rows = outline(`${lines.join('\n')}\n`);
  assert.equal(rows.length, 37);
  assert.equal(rows[36], '    x29 Array (2 items) 35:2-35:24 / 35:2-35:5');
});

test('folding: maps and sequences of every document, comment blocks, one range per start line', () => {
  assert.deepEqual(getFoldingRanges({ file: model(POLICY), lines: new LineIndex(POLICY) }), [
    { startLine: 0, endLine: 1, kind: 'comment' },
    { startLine: 4, endLine: 5 },
    { startLine: 6, endLine: 13 },
    { startLine: 7, endLine: 11 },
    { startLine: 8, endLine: 10 },
    { startLine: 17, endLine: 18 },
    { startLine: 19, endLine: 24 },
    { startLine: 20, endLine: 24 },
    { startLine: 21, endLine: 24 },
    { startLine: 22, endLine: 24 },
    { startLine: 23, endLine: 24 },
  ]);
});

test('folding: JSON keeps closing brackets visible; a single comment line is no block', () => {
  const json = '{\n  "kind": "MigrationPolicy",\n  "spec": {\n    "selectors": {\n      "namespaceSelector": {"env": "prod"}\n    },\n    "x": [\n      1,\n      2]\n  }\n}\n';
  assert.deepEqual(getFoldingRanges({ file: model(json, 'p.json'), lines: new LineIndex(json) }), [
    { startLine: 0, endLine: 9 },
    { startLine: 2, endLine: 8 },
    { startLine: 3, endLine: 4 },
    { startLine: 6, endLine: 8 },
  ]);
  const yaml = 'a: 1 # one\n# lonely\nb:\n  - 1\n  # one\n  # two\n  - 2\n';
  assert.deepEqual(getFoldingRanges({ file: model(yaml), lines: new LineIndex(yaml) }), [
    { startLine: 2, endLine: 6 },
    { startLine: 4, endLine: 5, kind: 'comment' },
  ]);
});

test('folding: a 30-level alias bomb completes quickly with one range per written collection', () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a0: &a0', '    - x', '    - x'];
  for (let i = 1; i < 30; i++) lines.push(`  a${i}: &a${i}`, `    - *a${i - 1}`, `    - *a${i - 1}`);
  const text = `${lines.join('\n')}\n`;
  const started = process.hrtime.bigint();
  const ranges = getFoldingRanges({ file: model(text), lines: new LineIndex(text) });
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500, 'folding an alias bomb must not expand it');
  assert.equal(ranges.length, 31);
  assert.deepEqual(ranges[0], { startLine: 2, endLine: 92 });
  assert.deepEqual(ranges[30], { startLine: 90, endLine: 92 });
  assert.equal(getFoldingRanges({ file: model(text), lines: new LineIndex(text) }, 7).length, 7);
});

test('selection: scalar, pair, map, ... up to the document', () => {
  assert.deepEqual(selections(POLICY.replace('"gold"', '"go‸ld"')), [
    '"gold"',
    'tier: "gold"',
    'workload: db\n      tier: "gold"',
    'virtualMachineInstanceSelector:\n      workload: db\n      tier: "gold"',
    'virtualMachineInstanceSelector:\n      workload: db\n      tier: "gold"\n    namespaceSelector: {env: prod}',
    'selectors:\n    virtualMachineInstanceSelector:\n      workload: db\n      tier: "gold"\n    namespaceSelector: {env: prod}',
    POLICY.slice(POLICY.indexOf('  selectors:') + 2, POLICY.indexOf('true\n') + 4),
    POLICY.slice(POLICY.indexOf('spec:'), POLICY.indexOf('true\n') + 4),
    POLICY.slice(POLICY.indexOf('apiVersion'), POLICY.indexOf('true\n') + 4),
    POLICY.slice(0, POLICY.indexOf('true\n') + 4),
  ]);
});

test('selection: on a key, inside a flow map, several positions, and nothing in other documents', () => {
  const text = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {namespaceSelector: {env: prod}}\n';
  assert.deepEqual(selections(text.replace('kind:', 'ki‸nd:')), ['kind', 'kind: MigrationPolicy', text.trimEnd()]);
  assert.deepEqual(selections(text.replace('env', 'e‸nv')), [
    'env',
    'env: prod',
    '{env: prod}',
    'namespaceSelector: {env: prod}',
    '{namespaceSelector: {env: prod}}',
    'selectors: {namespaceSelector: {env: prod}}',
    'spec:\n  selectors: {namespaceSelector: {env: prod}}',
    text.trimEnd(),
  ]);
  const file = model(POLICY);
  const lines = new LineIndex(POLICY);
  const result = getSelectionRanges({ file, lines }, [POLICY.indexOf('64Mi'), POLICY.indexOf('nginx'), -5, 1e9]);
  assert.equal(result.length, 4);
  assert.equal(rangeText(POLICY, result[0].range), '64Mi');
  assert.equal(at(result[1].range), '24:17-24:17');
  assert.equal(result[1].parent, undefined);
  assert.equal(at(result[2].range), '0:0-13:21');
  assert.equal(at(result[3].range), '25:0-25:0');
});
