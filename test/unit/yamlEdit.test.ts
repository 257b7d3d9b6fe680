// An edit inside one plain scalar applied to the document's model (document/yamlEdit.ts) instead of a
// new reading: after random typing in hostile documents (missing spaces, tab indents, broken quotes,
// flow collections, anchors and aliases, block scalars, more problems than are kept) the model, the
// diagnostics, completion and hover equal those of a parse from scratch, and the edit path was taken.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, parseFile } from '../../server/src/document/file';
import type { DocumentModel, FileModel } from '../../server/src/document/model';
import { MAX_SYNTAX_PROBLEMS } from '../../server/src/document/model';
import { editYamlDocument } from '../../server/src/document/yamlEdit';
import { parseYamlDocument } from '../../server/src/document/yamlParser';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { getCompletions } from '../../server/src/features/completion';
import { getHover } from '../../server/src/features/hover';
import { syntaxErrorFile } from '../bench/inputs';
import { prng } from '../support/random';

const LINES = [
  'apiVersion: migrations.kubevirt.io/v1alpha1',
  'kind: MigrationPolicy',
  'metadata:',
  '  name: web1',
  'spec:',
  '  completionTimeoutPerGiB: 150',
  '  bandwidthPerMigration: 64Mi',
  '  allowAutoConverge: yes',
  '  key7:value7',
  '\tkey8: tabbed8',
  '  selectors:',
  '    virtualMachineInstanceSelector: {app: db1, tier: web2}',
  '    namespaceSelector:',
  '      team: a1b2',
  '  list: [one1, two2, 3]',
  '  anchored: &a base1',
  '  aliased: *a',
  '  unknown: *nope',
  '  text: |',
  '    block line1',
  '    block:line2',
  '  quoted: "open1',
  "  single: 'x1'",
  '  - item1',
  '  seq:',
  '  - x1',
  '  - y2:z3',
  '  # comment1 here',
  '  deep:',
  '    deeper:',
  '      deepest: v1',
  '  num: 0x1F',
  '  ok: on',
  '  k@y:value5',
];

const FLAT = LINES.filter((line) => /^ {2}[a-zA-Z]+: [^&*|"]/.test(line));

function randomDocument(random: () => number): string {
  const count = 3 + Math.floor(random() * 20);
  // Mostly lines of one flat mapping, with the hostile ones now and then.
  const lines = Array.from({ length: count }, () => (random() < 0.7 ? FLAT[Math.floor(random() * FLAT.length)] : LINES[Math.floor(random() * LINES.length)]));
  return `${lines.join('\n')}${random() < 0.8 ? '\n' : ''}`;
}

const WORD = 'abz019XY';

/** Typing: a letter or digit inserted, or one to three characters deleted, somewhere in the text. */
function randomTyping(random: () => number, text: string): { start: number; end: number; insert: string } {
  let start = Math.floor(random() * (text.length + 1));
  // Mostly where typing happens: right after a letter or digit.
  for (let tries = 0; tries < 20 && random() < 0.9 && !/[A-Za-z0-9]/.test(text[start - 1] ?? ''); tries++) start = Math.floor(random() * (text.length + 1));
  if (random() < 0.6) return { start, end: start, insert: WORD[Math.floor(random() * WORD.length)].repeat(1 + Math.floor(random() * 2)) };
  return { start, end: Math.min(text.length, start + 1 + Math.floor(random() * 3)), insert: '' };
}

const plain = (model: DocumentModel) => ({ text: model.text, root: model.root, problems: model.problems, hasSyntaxErrors: model.hasSyntaxErrors, expandedNodeCount: model.expandedNodeCount });

test('editYamlDocument equals parseYamlDocument after random typing in hostile documents, and is taken', () => {
  const random = prng(1515);
  let applied = 0;
  let edits = 0;
  for (let round = 0; round < 150; round++) {
    let text = randomDocument(random);
    let model = parseYamlDocument(text);
    for (let step = 0; step < 12; step++) {
      const { start, end, insert } = randomTyping(random, text);
      const next = text.slice(0, start) + insert + text.slice(end);
      const fresh = parseYamlDocument(next);
      const edited = editYamlDocument(model, next, { start, oldEnd: end, newEnd: start + insert.length });
      edits++;
      if (edited) {
        applied++;
        assert.deepEqual(plain(edited), plain(fresh), `round ${round} step ${step}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
      }
      // Half the time the next edit starts from the edited model (its reading is recorded too).
      model = edited && random() < 0.5 ? edited : fresh;
      text = next;
    }
  }
  assert.ok(applied > edits / 4, `the edit path was taken for ${applied} of ${edits} edits`);
});

test('an edit in a scalar of the 20,000-error file is applied to the model: nodes before it are kept, the answers equal a parse from scratch', () => {
  const { text: original } = syntaxErrorFile(1500);
  const random = prng(77);
  let text = original;
  let file: FileModel = parseFile(text, 'yaml');
  assert.equal(file.documents[0].model.problems.length, MAX_SYNTAX_PROBLEMS + 1);
  const lineStarts = [...text.matchAll(/\n/g)].map((m) => m.index + 1);
  for (let step = 0; step < 12; step++) {
    // A digit typed into or removed from the value of line 6 (completionTimeoutPerGiB), or a value or key of a broken line, first, middle or past the kept problems.
    const line = [6, 6, 7, 8, 900, 1200, 1490][step % 7];
    const lineText = text.slice(lineStarts[line - 1], text.indexOf('\n', lineStarts[line - 1]));
    const at = lineStarts[line - 1] + lineText.length - (step % 2 === 0 ? 0 : 1 + Math.floor(random() * 3));
    const removing = step % 3 === 2;
    const edit = removing ? { start: at - 1, oldEnd: at, newEnd: at - 1 } : { start: at, oldEnd: at, newEnd: at + 1 };
    const next = text.slice(0, edit.start) + (removing ? '' : String(step % 10)) + text.slice(edit.oldEnd);
    const incremental = parseFile(next, 'yaml', file, 'complete', edit);
    const fresh = parseFile(next, 'yaml');
    const context = `step ${step}: line ${line}`;
    const before = file.documents[0].model.root;
    const after = incremental.documents[0].model.root;
    assert.ok(before?.kind === 'map' && after?.kind === 'map');
    assert.equal(after.pairs[0], before.pairs[0], `${context}: the first pair is the same object (the edit path was taken)`);
    assert.deepEqual(plain(incremental.documents[0].model), plain(fresh.documents[0].model), context);
    const parsed = { file: incremental, lines: new LineIndex(next) };
    const scratch = { file: fresh, lines: new LineIndex(next) };
    assert.deepEqual(getFileDiagnostics(parsed), getFileDiagnostics(scratch), context);
    for (const offset of [lineStarts[5] + 4, lineStarts[5] + 27, edit.start, lineStarts[line - 1] + 3]) {
      assert.deepEqual(getHover(parsed, offset, { markdown: true }), getHover(scratch, offset, { markdown: true }), `${context}: hover at ${offset}`);
      assert.deepEqual(getCompletions(parsed, offset, { snippetSupport: true, markdown: true }), getCompletions(scratch, offset, { snippetSupport: true, markdown: true }), `${context}: completion at ${offset}`);
    }
    file = incremental;
    text = next;
  }
});

test('edits the model cannot take are read again: a space, a colon, a line break, a quote, an edit at the start of a word', () => {
  const text = 'spec:\n  name: abc\n  b: "x y"\n';
  const model = parseYamlDocument(text);
  const cases: [number, number, string][] = [
    [15, 15, ' '],
    [15, 15, ':'],
    [15, 15, '\n'],
    [15, 15, '"'],
    [14, 14, 'z'],
    [14, 15, ''],
    [24, 24, 'q'],
  ];
  for (const [start, end, insert] of cases) {
    const next = text.slice(0, start) + insert + text.slice(end);
    assert.equal(editYamlDocument(model, next, { start, oldEnd: end, newEnd: start + insert.length }), undefined, JSON.stringify(next));
  }
  // A problem on the edited line that quotes it: read again, so that it quotes the new line.
  const quoting = 'spec:\n  a: 1\n  k@y:value\n';
  const quoted = parseYamlDocument(quoting);
  assert.match(quoted.problems.map((p) => p.message).join('\n'), /in "k@y:value"/);
  assert.equal(editYamlDocument(quoted, 'spec:\n  a: 1\n  k@y:value9\n', { start: 24, oldEnd: 24, newEnd: 25 }), undefined);
  const next = `${text.slice(0, 15)}9${text.slice(15)}`;
  const edited = editYamlDocument(model, next, { start: 15, oldEnd: 15, newEnd: 16 });
  assert.ok(edited);
  assert.deepEqual(plain(edited), plain(parseYamlDocument(next)));
});
