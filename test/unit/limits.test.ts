// The bounds that keep big and error-dense inputs linear and cheap: syntax problems per document, the
// selector-label tally, validation's budget, and a file past the analysis cap.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, MAX_ANALYSED_CHARS, parseFile } from '../../server/src/document/file';
import { limitProblems, MAX_SYNTAX_PROBLEMS } from '../../server/src/document/model';
import type { ParseProblem } from '../../server/src/document/model';
import { getCompletions } from '../../server/src/features/completion';
import { collectSelectorLabels, MAX_LABELS_PER_SELECTOR } from '../../server/src/features/selectorLabels';
import { validateDocument } from '../../server/src/features/validation';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n';

test('limitProblems keeps the first 1,000 by position and one error saying how many more', () => {
  const problems: ParseProblem[] = Array.from({ length: 1_500 }, (_, i) => ({ code: 'yaml-syntax', severity: 'error', span: { start: (1_499 - i) * 10, end: (1_499 - i) * 10 + 1 }, message: `p${1_499 - i}` }));
  const kept = limitProblems(problems);
  assert.equal(MAX_SYNTAX_PROBLEMS, 1_000);
  assert.equal(kept.length, 1_001);
  assert.deepEqual(kept.slice(0, 3).map((p) => p.message), ['p0', 'p1', 'p2']);
  assert.equal(kept[999].message, 'p999');
  assert.deepEqual(kept[1_000], { code: 'yaml-syntax', severity: 'error', span: { start: 10_000, end: 10_001 }, message: '500 more problems in this document are not shown: only the first 1,000 are. Fix those first.' });
  const few = problems.slice(0, 1_000);
  assert.equal(limitProblems(few), few);
});

test('a document with 3,000 missing spaces: 1,000 repairs shown, then the count of the rest; 500 unknown fields', () => {
  const text = `${HEAD}  selectors: {}\n${Array.from({ length: 3_000 }, (_, i) => `  key${i}:value${i}\n`).join('')}`;
  const doc = parseFile(text, 'yaml').documents[0].model;
  assert.equal(doc.problems.length, 1_001);
  assert.equal(doc.problems[1_000].message, '2,000 more problems in this document are not shown: only the first 1,000 are. Fix those first.');
  const findings = validateDocument(doc);
  assert.equal(findings.length, 500);
  assert.ok(findings.every((f) => f.code === 'unknown-field'));
  assert.match(findings[0].message, /^Unknown field `key0` in spec/);
  assert.match(findings[499].message, /^Unknown field `key499` in spec/);
});

test('the selector-label tally counts the first 1,000 pairs of a selector', () => {
  const labels = Array.from({ length: 1_500 }, (_, i) => `      k${i}: v\n`).join('');
  const text = `${HEAD}  selectors:\n    virtualMachineInstanceSelector:\n${labels}`;
  const known = collectSelectorLabels(parseFile(text, 'yaml'), 'workspace');
  assert.equal(MAX_LABELS_PER_SELECTOR, 1_000);
  assert.equal(known.vmi.length, 1_000);
  assert.ok(known.vmi.some((l) => l.key === 'k999'));
  assert.ok(!known.vmi.some((l) => l.key === 'k1000'));
});

test('a file past the cap is one too-large document; completion answers nothing without reading it', () => {
  const text = `${HEAD}  bandwidthPerMigration: 64Mi\n${'#'.repeat(MAX_ANALYSED_CHARS)}\n`;
  const file = parseFile(text, 'yaml');
  assert.equal(file.documents.length, 1);
  assert.equal(file.documents[0].model.tooLarge, true);
  assert.equal(file.documents[0].model.problems.length, 1);
  const completion = getCompletions({ file, lines: new LineIndex(text) }, HEAD.length + 2, { snippetSupport: true, markdown: true, labels: { namespace: [], vmi: [] } });
  assert.deepEqual(completion, { isIncomplete: false, items: [] });
});
