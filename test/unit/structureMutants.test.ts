// The outline, folding and selection ranges and the shared markup at their edges: summaries of every shape of
// spec, names written by a Helm template, aliases, sequences of maps and of sequences, details cut at 60
// characters, the depth and size bounds; folding of flow collections, comment runs at the end of a file and the
// range limit; selection in sequences, on keys, between pairs; code spans with backquotes, long and multi-line
// texts, and durations. Every expected range is written out by hand as `line:character-line:character`.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol, Range, SelectionRange } from 'vscode-languageserver-types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import type { DocumentMode } from '../../server/src/document/template';
import { getFoldingRanges } from '../../server/src/features/folding';
import { formatDuration, formatSeconds, markupFor } from '../../server/src/features/markup';
import { getSelectionRanges } from '../../server/src/features/selectionRanges';
import { getDocumentSymbols, summarizePolicy } from '../../server/src/features/symbols';
import type { MapNode } from '../../server/src/document/model';
import { rangeText, withCursor } from '../support/fixture';

const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const KIND: Record<number, string> = { 5: 'Class', 7: 'Property', 18: 'Array', 19: 'Object', 20: 'Key' };

function outline(text: string, mode: DocumentMode = 'complete', language: 'yaml' | 'json' = 'yaml'): string[] {
  const out: string[] = [];
  const walk = (symbols: DocumentSymbol[], indent: string) => {
    for (const s of symbols) {
      out.push(`${indent}${s.name} ${KIND[s.kind] ?? s.kind}${s.detail ? ` (${s.detail})` : ''} ${at(s.range)} / ${at(s.selectionRange)}${s.children === undefined ? '' : s.children.length ? '' : ' []'}`);
      walk(s.children ?? [], `${indent}  `);
    }
  };
  walk(getDocumentSymbols({ file: parseFile(text, language, undefined, mode), lines: new LineIndex(text) }), '');
  return out;
}

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';
const summary = (spec: string) => {
  const root = parseFile(`${HEAD}${spec}`, 'yaml').documents[0].model.root as MapNode;
  return summarizePolicy(root);
};

test('summarizePolicy: every part, and specs that have none of them', () => {
  assert.equal(summary(''), 'no spec');
  assert.equal(summary('spec: [a]\n'), 'no spec');
  assert.equal(summary('spec: ~\n'), 'no spec');
  assert.equal(summary('spec: {}\n'), '');
  assert.equal(summary('spec:\n  selectors: [a]\n'), '');
  assert.equal(summary('spec:\n  selectors: {}\n'), 'matches every VMI');
  assert.equal(summary('spec:\n  selectors: {namespaceSelector: [a], virtualMachineInstanceSelector: x}\n'), 'matches every VMI');
  assert.equal(summary('spec:\n  selectors: {namespaceSelector: {a: b}}\n'), '1 namespace label');
  assert.equal(summary('spec:\n  selectors: {virtualMachineInstanceSelector: {a: b, c: d}}\n'), '2 VMI labels');
  assert.equal(
    summary('spec:\n  selectors: {virtualMachineInstanceSelector: {a: b}, namespaceSelector: {c: d, e: f}}\n  bandwidthPerMigration: 1Gi\n  completionTimeoutPerGiB: 150\n  allowPostCopy: true\n  allowAutoConverge: true\n  allowWorkloadDisruption: true\n'),
    '1 VMI label · 2 namespace labels · 1Gi · 150s/GiB · post-copy · auto-converge · workload disruption',
  );
  // Null values, false, and strings that only look like true are left out.
  assert.equal(summary('spec:\n  bandwidthPerMigration: ~\n  completionTimeoutPerGiB:\n  allowPostCopy: false\n  allowAutoConverge: "true"\n  allowWorkloadDisruption: [true]\n'), '');
});

test('symbols: a Helm template shows names and details as written; a policy name given by an alias selects the first key', () => {
  const helm = `${HEAD.replace('name: p', 'name: {{ .Release.Name }}-mp')}spec:\n  selectors: {}\n  bandwidthPerMigration: {{ .Values.bw }}\n`;
  assert.deepEqual(outline(helm, 'helm-template'), [
    '{{ .Release.Name }}-mp Class (matches every VMI · {{ .Values.bw }}) 0:0-6:41 / 3:8-3:30',
    '  apiVersion Property (migrations.kubevirt.io/v1alpha1) 0:0-0:43 / 0:0-0:10',
    '  kind Property (MigrationPolicy) 1:0-1:21 / 1:0-1:4',
    '  metadata Object 2:0-3:30 / 2:0-2:8',
    '    name Property ({{ .Release.Name }}-mp) 3:2-3:30 / 3:2-3:6',
    '  spec Object 4:0-6:41 / 4:0-4:4',
    '    selectors Object ({}) 5:2-5:15 / 5:2-5:11 []',
    '    bandwidthPerMigration Property ({{ .Values.bw }}) 6:2-6:41 / 6:2-6:23',
  ]);
  const aliased = 'x: &n named\n---\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: &m p2\n  labels: {a: *m}\nspec: {selectors: {}}\n';
  assert.deepEqual(outline(aliased).slice(0, 1), ['p2 Class (matches every VMI) 2:0-7:21 / 5:11-5:13']);
  // A name that is an alias: the selection is the policy's first key, and the outline shows no name.
  const byAlias = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  labels: {a: &m p3}\n  name: *m\nspec: {selectors: {}}\n';
  assert.deepEqual(outline(byAlias)[0], 'p3 Class (matches every VMI) 0:0-5:21 / 0:0-0:10');
});

test('symbols: sequences of maps and of sequences, non-string keys, aliases, details cut at 60 characters', () => {
  const long = 'x'.repeat(70);
  const text = `${HEAD}spec:\n  selectors: {}\n  list:\n    - {a: 1}\n    - [1, 2]\n    - plain\n    - b: {}\n  1: one\n  ? [k]\n  : v\n  alias: &a {q: 1}\n  ref: *a\n  long: ${long}\n  folded: >\n    two\n    lines\n`;
  assert.deepEqual(outline(text).slice(5), [
    '  spec Object 4:0-18:9 / 4:0-4:4',
    '    selectors Object ({}) 5:2-5:15 / 5:2-5:11 []',
    '    list Array (4 items) 6:2-10:11 / 6:2-6:6',
    '      0 Object 7:6-7:12 / 7:6-7:12',
    '        a Property (1) 7:7-7:11 / 7:7-7:8',
    '      1 Array 8:6-8:12 / 8:6-8:12',
    '      3 Object 10:6-10:11 / 10:6-10:11',
    '        b Object ({}) 10:6-10:11 / 10:6-10:7 []',
    '    1 Property (one) 11:2-11:8 / 11:2-11:3',
    '    alias Object 14:2-14:18 / 14:2-14:7',
    '      q Property (1) 14:13-14:17 / 14:13-14:14',
    '    ref Property (*a) 15:2-15:9 / 15:2-15:5',
    `    long Property (${'x'.repeat(59)}…) 16:2-16:78 / 16:2-16:6`,
    '    folded Property (> two lines) 17:2-19:9 / 17:2-17:8',
  ].map((l) => l.replace('4:0-18:9', '4:0-19:9')));
  // A complex key (`? [k]`) has no name to show: it is left out, as above.
  // Exactly 60 characters are shown whole.
  assert.deepEqual(outline(`${HEAD}spec:\n  selectors: {}\n  x: ${'y'.repeat(60)}\n`).at(-1), `    x Property (${'y'.repeat(60)}) 6:2-6:65 / 6:2-6:3`);
});

test('symbols: the tree stops at depth 12 and at 5,000 symbols', () => {
  let nested = 'v';
  for (let i = 14; i >= 1; i--) nested = `{k${i}: ${nested}}`;
  const rows = outline(`${HEAD}spec:\n  selectors: {}\n  deep: ${nested}\n`);
  // spec is depth 0's child; deep at depth 1; k1 … k10 at depths 2 … 11; k11 is not shown.
  assert.equal(rows.filter((r) => /^\s*k\d+ /.test(r)).length, 10);
  assert.match(rows.at(-1) as string, /^ {24}k10 Object 6:\d+-6:\d+ \/ 6:\d+-6:\d+ \[\]$/);
  let seqs = '1';
  for (let i = 0; i < 14; i++) seqs = `[${seqs}]`;
  const seqRows = outline(`${HEAD}spec:\n  selectors: {}\n  s: ${seqs}\n`);
  // A sequence item that is a sequence is shown without children.
  assert.deepEqual(seqRows.slice(-2), ['    s Array (1 item) 6:2-6:34 / 6:2-6:3', '      0 Array 6:6-6:33 / 6:6-6:33']);
  const maps = outline(`${HEAD}spec:\n  selectors: {}\n  s: [[{a: [{b: 1}]}]]\n`);
  assert.deepEqual(maps.slice(-2), ['    s Array (1 item) 6:2-6:22 / 6:2-6:3', '      0 Array 6:6-6:21 / 6:6-6:21']);
  // Size: 2,600 keys in each of two policies: the second is cut when the count reaches 5,000.
  const keys = Array.from({ length: 2600 }, (_, i) => `  k${i}: ${i}`).join('\n');
  const big = `${HEAD}spec:\n  selectors: {}\n${keys}\n---\n${HEAD}spec:\n  selectors: {}\n${keys}\n`;
  const symbols = getDocumentSymbols({ file: parseFile(big, 'yaml'), lines: new LineIndex(big) });
  const count = (s: DocumentSymbol[]): number => s.reduce((n, x) => n + 1 + count(x.children ?? []), 0);
  assert.equal(symbols.length, 2);
  assert.equal(count(symbols), 5000);
  assert.equal(symbols[1].children?.find((c) => c.name === 'spec')?.children?.length, 5000 - 1 - 5 - 2602 - 1 - 4);
});

test('folding: flow collections at the root and inside, closers on their own line, comments up to the last line, and the limit', () => {
  const fold = (text: string, limit?: number, language: 'yaml' | 'json' = 'yaml') => getFoldingRanges({ file: parseFile(text, language), lines: new LineIndex(text) }, limit).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
  // A flow root whose closer sits alone on its line keeps that line visible; one on the last value's line folds to it.
  assert.deepEqual(fold('{a: 1,\n b: 2\n}\n'), ['0-1']);
  assert.deepEqual(fold('{a: 1,\n b: 2}\n'), ['0-1']);
  assert.deepEqual(fold('[1,\n 2,\n  ]\n'), ['0-1']);
  assert.deepEqual(fold('a: [1,\n  2\n  ]\nb: x\n'), ['0-1']);
  // A block sequence of maps and a block map: each item that spans lines folds.
  assert.deepEqual(fold('items:\n- a: 1\n  b: 2\n- c\n- [x,\n   y]\n'), ['0-5', '1-2', '4-5']);
  // A comment run that reaches the end of the file (with or without a final newline).
  assert.deepEqual(fold('a: 1\n# one\n# two\n'), ['1-2 comment']);
  assert.deepEqual(fold('a: 1\n# one\n# two'), ['1-2 comment']);
  assert.deepEqual(fold('  # indented\n\t# tab\nx: 1\n'), ['0-1 comment']);
  // A longer range on the same start line wins over a shorter one.
  assert.deepEqual(fold('a:\n  - b:\n      c: 1\n    d: 2\n'), ['0-3', '1-3']);
  // JSON has no comments to fold.
  assert.deepEqual(fold('{\n"a": [\n1]\n}\n', undefined, 'json'), ['0-2', '1-2']);
  // The limit holds across documents and comment runs.
  const many = Array.from({ length: 6 }, (_, i) => `k${i}:\n  v: 1\n# c\n# d\n`).join('---\n');
  assert.equal(fold(many).length, 12);
  // Collections come first, then comment runs: with room for 3, no comment run is left.
  assert.deepEqual(fold(many, 3), ['0-1', '5-6', '10-11']);
  assert.deepEqual(fold(many, 7), ['0-1', '2-3 comment', '5-6', '10-11', '15-16', '20-21', '25-26']);
  assert.deepEqual(fold(many, 1), ['0-1']);
});

function selections(marked: string): string[] {
  const { text, offset } = withCursor(marked);
  const [chain] = getSelectionRanges({ file: parseFile(text, 'yaml'), lines: new LineIndex(text) }, [offset]);
  const out: string[] = [];
  for (let s: SelectionRange | undefined = chain; s; s = s.parent) out.push(rangeText(text, s.range));
  return out;
}

test('selection: inside a sequence item, at a pair\'s end, on the key of a pair without value, and past the document', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
  const all = (t: string) => t.trimEnd();
  const seq = `${head}spec:\n  x:\n  - a\n  - b‸b\n`;
  const text = seq.replace('‸', '');
  assert.deepEqual(selections(seq), ['bb', '- a\n  - bb', 'x:\n  - a\n  - bb', 'spec:\n  x:\n  - a\n  - bb', all(text)]);
  assert.deepEqual(selections(seq).slice(0, 3), ['bb', '- a\n  - bb', 'x:\n  - a\n  - bb']);
  // At the very end of a value: still inside it.
  assert.deepEqual(selections(`${head}spec:\n  a: 1‸\n  b: 2\n`).slice(0, 2), ['1', 'a: 1']);
  // On a key whose value is missing: the key, then the pair.
  assert.deepEqual(selections(`${head}spec:\n  k‸ey:\n  b: 2\n`).slice(0, 2), ['key', 'key:']);
  // The last of two items that both contain the position wins (the end of one is the start of the next only in flow).
  assert.deepEqual(selections(`${head}spec: {a: [x,‸y]}\n`).slice(0, 3), ['y', '[x,y]', 'a: [x,y]']);
  // A policy inside a List: the chain starts at the scalar and ends at the whole document.
  const list = 'kind: List\nitems:\n- apiVersion: migrations.kubevirt.io/v1alpha1\n  kind: MigrationPolicy\n  metadata: {name: p‸q}\n';
  const chain = selections(list);
  assert.equal(chain[0], 'pq');
  assert.equal(chain.at(-1), list.replace('‸', '').trimEnd());
  // An alias is a leaf.
  assert.deepEqual(selections(`${head}spec:\n  a: &x {b: 1}\n  c: *‸x\n`).slice(0, 2), ['*x', 'c: *x']);
});

test('markup: code spans around backquotes, empty and long texts, line breaks; plain mode', () => {
  const md = markupFor(true);
  const plain = markupFor(false);
  assert.equal(md.code('a'), '`a`');
  assert.equal(md.code(''), '`""`');
  assert.equal(md.code('a`b'), '`` a`b ``');
  assert.equal(md.code('a\nb\r\nc'), '`a↵b↵c`');
  assert.equal(md.code('x'.repeat(80)), `\`${'x'.repeat(80)}\``);
  assert.equal(md.code('x'.repeat(81)), `\`${'x'.repeat(80)}…\``);
  assert.equal(md.bold('b'), '**b**');
  assert.equal(md.doc('*d*'), '*d*');
  assert.equal(md.markdown, true);
  assert.equal(plain.code('a\nb'), 'a↵b');
  assert.equal(plain.code(''), '');
  assert.equal(plain.code('y'.repeat(81)), `${'y'.repeat(80)}…`);
  assert.equal(plain.bold('b'), 'b');
  assert.equal(plain.doc('`c` and **d**'), 'c and d');
  assert.equal(plain.markdown, false);
});

test('markup: seconds and durations', () => {
  assert.equal(formatSeconds(1200), '1,200');
  assert.equal(formatSeconds(0.9), '0.9');
  assert.equal(formatSeconds(1.23456), '1.235');
  assert.equal(formatDuration(0), '0 s');
  assert.equal(formatDuration(0.4), '0 s');
  assert.equal(formatDuration(45), '45 s');
  assert.equal(formatDuration(60), '1 min');
  assert.equal(formatDuration(224), '3 min 44 s');
  assert.equal(formatDuration(4800), '1 h 20 min');
  assert.equal(formatDuration(3600 + 59), '1 h 59 s');
  assert.equal(formatDuration(2 * 86400 + 3 * 3600 + 5), '2 d 3 h');
  assert.equal(formatDuration(-90), '-1 min 30 s');
  assert.equal(formatDuration(Infinity), 'Infinity s');
  assert.equal(formatDuration(Number.NaN), 'NaN s');
  assert.equal(formatDuration(1000 * 86400), '1,000 d');
});

test('symbols: a JSON policy\'s summary shows string values without their quotes, as in YAML', () => {
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "j"}, "spec": {"selectors": {}, "bandwidthPerMigration": "64Mi", "completionTimeoutPerGiB": 150}}';
  assert.deepEqual(outline(json, 'complete', 'json')[0], 'j Class (matches every VMI · 64Mi · 150s/GiB) 0:0-0:195 / 0:98-0:101');
  assert.equal(summary('spec:\n  selectors: {}\n  bandwidthPerMigration: "64Mi"\n'), 'matches every VMI · 64Mi');
});
