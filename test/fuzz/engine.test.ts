// Fuzz tier, engine side: random YAML-ish texts (policy keys, flow brackets, quotes, anchors and aliases,
// CRLF/CR, BOM, NUL, lone surrogates, long lines, deep nesting) and random edits. Every feature answers
// without throwing, every range lies inside the text, and an incremental re-parse equals a fresh one.
// Bounded by FUZZ_RUNS (npm test: 150; npm run fuzz: 3000); FUZZ_SEED replays a run. A failing input
// is written to fixtures/ (found-*.yaml) by the run that finds it, and replayed here every time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex, languageOf, parseFile } from '../../server/src/document/file';
import type { FileModel } from '../../server/src/document/model';
import { getCodeActions } from '../../server/src/features/codeActions';
import { getCompletions } from '../../server/src/features/completion';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { getFoldingRanges } from '../../server/src/features/folding';
import { getHover } from '../../server/src/features/hover';
import { getInlayHints } from '../../server/src/features/inlayHints';
import { getSelectionRanges } from '../../server/src/features/selectionRanges';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { repoRoot } from '../support/fixture';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const FIXTURES = path.join(repoRoot, 'test', 'fuzz', 'fixtures');

const FRAGMENTS = [
  'apiVersion: migrations.kubevirt.io/v1alpha1\n', 'kind: MigrationPolicy\n', 'metadata:\n', '  name: p\n', 'spec:\n', '  selectors:\n',
  '    virtualMachineInstanceSelector:\n', '    namespaceSelector: {', '      app: db\n', '  bandwidthPerMigration: 64Mi\n', '  completionTimeoutPerGiB: 800\n',
  '  allowAutoConverge: yes\n', '---\n', '...\n', '- ', ': ', '[', ']', '{', '}', ',', '"', "'", '#', '&a ', '*a', '<<: *a\n', '!!str ', '|\n', '>-\n',
  '\t', '\r\n', '\r', '\n', '\ufeff', '\0', '\ud800', '\udc00', '😀', ' ', '  ', 'x'.repeat(300), '['.repeat(250), '{a: '.repeat(60), '0755', '1e3', '~', 'null',
];

const textArb = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 80 }).map((parts) => parts.join(''));

/** Runs every feature on a file and checks the answers' ranges. */
function exercise(file: FileModel, offsets: number[]): void {
  const lines = new LineIndex(file.text);
  const diagnostics = getFileDiagnostics({ file, lines }, {});
  const end = lines.positionAt(file.text.length);
  for (const d of diagnostics) {
    const s = lines.offsetAt(d.range.start);
    const e = lines.offsetAt(d.range.end);
    assert.ok(s <= e, `range ${JSON.stringify(d.range)} is ordered`);
    assert.ok(d.range.end.line <= end.line, `range ${JSON.stringify(d.range)} inside the text`);
    assert.equal(typeof d.message, 'string');
  }
  getCodeActions({ uri: 'file:///fuzz.yaml', file, lines }, diagnostics);
  getDocumentSymbols({ file, lines });
  getFoldingRanges({ file, lines });
  getSelectionRanges({ file, lines }, offsets);
  getInlayHints({ file, lines }, { start: 0, end: file.text.length }, { bandwidth: true, timeout: true });
  for (const offset of offsets) {
    getCompletions({ file, lines }, offset, { snippetSupport: true, markdown: true, labels: { namespace: [], vmi: [] } });
    getHover({ file, lines }, offset, { markdown: true });
  }
}

/**
 * Runs a property like fc.assert; on a failure, each text of the counterexample is written to fixtures/
 * (replayed by the test above on every later run) before the failure is reported.
 */
function checkAndKeep<T extends unknown[]>(name: string, property: fc.IProperty<T>, texts: (counterexample: T) => string[]): void {
  const details = fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
  if (!details.failed) return;
  const kept = (details.counterexample ? texts(details.counterexample) : []).map((text, i) => {
    const file = path.join(FIXTURES, `found-${name}-${details.seed}-${i}.yaml`);
    fs.writeFileSync(file, text);
    return path.relative(repoRoot, file);
  });
  throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\nKept as regression fixtures (commit them with the fix): ${kept.join(', ') || 'none'}`);
}

test('fixtures: every input that once broke something is answered', () => {
  for (const name of fs.readdirSync(FIXTURES)) {
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const file = parseFile(text, languageOf(name));
    exercise(file, [0, 1, text.length >> 1, text.length, text.length + 10]);
  }
});

test(`fuzz: random texts through every feature (${RUNS} cases)`, () => {
  checkAndKeep(
    'features',
    fc.property(textArb, fc.array(fc.integer({ min: -5, max: 3000 }), { maxLength: 6 }), fc.boolean(), (text, offsets, json) => {
      exercise(parseFile(text, json ? 'json' : 'yaml'), offsets);
    }),
    ([text]) => [text],
  );
});

test(`fuzz: an incremental re-parse after random edits equals a fresh parse (${RUNS} cases)`, () => {
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })) });
  const edited = (text: string, edits: { at: number; remove: number; insert: string }[]) =>
    edits.reduce((current, e) => {
      const at = current.length ? e.at % (current.length + 1) : 0;
      return current.slice(0, at) + e.insert + current.slice(at + e.remove);
    }, text);
  checkAndKeep(
    'incremental',
    fc.property(textArb, fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
      let current = text;
      let model = parseFile(current, 'yaml');
      for (const e of edits) {
        const at = current.length ? e.at % (current.length + 1) : 0;
        current = current.slice(0, at) + e.insert + current.slice(at + e.remove);
        model = parseFile(current, 'yaml', model);
      }
      assert.deepEqual(getFileDiagnostics({ file: model }, {}), getFileDiagnostics({ file: parseFile(current, 'yaml') }, {}));
    }),
    ([text, edits]) => [text, edited(text, edits)],
  );
});
