// scripts/mutation-scores.mjs on a small hand-made report: the counting (killed includes timeouts,
// errors are compile and runtime errors, ignored mutants left out, score = killed / (mutants - errors)),
// the folding of a later report over an earlier one, the `mutate` globs, the files without a result, a
// file changed since its run, and --write between the README markers. Expected figures worked out by hand.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'mutation-scores.mjs');

let nextLine = 1;
const mutant = (status: string, line = nextLine++) => ({ id: String(line), mutatorName: 'ConditionalExpression', replacement: 'true', status, location: { start: { line, column: 1 }, end: { line, column: 5 } } });
const source = (lines: number) => `${Array.from({ length: lines }, (_, i) => `const x${i} = ${i};`).join('\n')}\n`;

function fixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-mutation-scores-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('stryker.config.json', JSON.stringify({ mutate: ['server/src/a/**/*.ts', 'server/src/b/*.ts', '!server/src/b/skipped.ts'] }));
  write('server/src/a/one.ts', source(6));
  write('server/src/a/deep/two.ts', source(3));
  write('server/src/a/notes.md', 'not a target\n');
  write('server/src/b/three.ts', source(2));
  write('server/src/b/four.ts', source(4));
  write('server/src/b/skipped.ts', source(1));
  write('server/src/c/other.ts', source(1));
  nextLine = 2;
  const one = ['Killed', 'Killed', 'Killed', 'Timeout', 'Survived', 'Survived', 'NoCoverage', 'CompileError'].map((s, i) => mutant(s, 2 + (i % 4)));
  one.push(mutant('Ignored', 9));
  const base = {
    schemaVersion: '1.0',
    files: {
      'server/src/a/one.ts': { language: 'typescript', source: source(6), mutants: one },
      'server/src/a/deep/two.ts': { language: 'typescript', source: source(3), mutants: [mutant('Survived', 2)] },
      'server/src/b/four.ts': { language: 'typescript', source: source(3), mutants: [mutant('Killed', 1), mutant('Survived', 2), mutant('Survived', 2), mutant('Survived', 3)] },
      'server/src/b/skipped.ts': { language: 'typescript', source: source(1), mutants: [mutant('Survived', 1)] },
      'server/src/c/other.ts': { language: 'typescript', source: source(1), mutants: [mutant('Killed', 1)] },
    },
  };
  const later = { schemaVersion: '1.0', files: { 'server/src/a/deep/two.ts': { language: 'typescript', source: source(3), mutants: [mutant('Killed', 2), mutant('Timeout', 3), mutant('RuntimeError', 3)] } } };
  write('test/mutation/stryker-incremental.json', JSON.stringify(base));
  write('test/mutation/runs/later.json', JSON.stringify(later));
  write('README.md', '# x\n\nbefore\n<!-- mutation:scores -->\nold table\n<!-- /mutation:scores -->\nafter\n');
  return dir;
}

const EXPECTED_BASE_ONLY_TWO = '| `a/deep/two.ts` | 1 | 0 | 1 | 0 | 0 | 0.0% | 2–2 of 3 |';

const EXPECTED = [
  '| scope | mutants | killed | survived | no coverage | errors | score | lines measured |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
  '| `a/deep/two.ts` | 3 | 2 | 0 | 0 | 1 | 100.0% | 2–3 of 3 |',
  '| `a/one.ts` | 8 | 4 | 2 | 1 | 1 | 57.1% | 2–5 of 6 |',
  '| **`a/`** (2 of 2 files) | 11 | 6 | 2 | 1 | 2 | **66.7%** | |',
  '| `b/four.ts` (changed since) | 4 | 1 | 3 | 0 | 0 | 25.0% | 1–3 of 4 |',
  '| **`b/`** (1 of 2 files) | 4 | 1 | 3 | 0 | 0 | **25.0%** | |',
  '| **overall** (3 of 4 files) | 15 | 7 | 5 | 1 | 2 | **53.8%** | |',
  '',
  'No result yet: `b/three.ts`.',
  '',
].join('\n');

const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [SCRIPT, '--root', dir, ...args], { encoding: 'utf8' });

test('mutation-scores: per file, per folder and overall, a later report replacing a file, the files without a result', (t) => {
  const dir = fixture();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const folded = run(dir, '--runs');
  assert.equal(folded.stderr, '');
  assert.equal(folded.status, 0);
  assert.equal(folded.stdout, EXPECTED);
  // The same fold given as an explicit extra report.
  assert.equal(run(dir, path.join(dir, 'test/mutation/runs/later.json')).stdout, EXPECTED);
  // The base report alone: two.ts holds the earlier run's one survivor.
  const base = run(dir).stdout.split('\n');
  assert.equal(base[2], EXPECTED_BASE_ONLY_TWO);
  assert.equal(base[4], '| **`a/`** (2 of 2 files) | 9 | 4 | 3 | 1 | 1 | **50.0%** | |');
  assert.equal(base[7], '| **overall** (3 of 4 files) | 13 | 5 | 6 | 1 | 1 | **41.7%** | |');
  // README.md is untouched without --write.
  assert.match(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), /old table/);
});

test('mutation-scores --write: replaces only the text between the markers, again and again', (t) => {
  const dir = fixture();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const expected = `# x\n\nbefore\n<!-- mutation:scores -->\n${EXPECTED}<!-- /mutation:scores -->\nafter\n`;
  assert.equal(run(dir, '--runs', '--write').status, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), expected);
  assert.equal(run(dir, '--runs', '--write').status, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), expected);
});

test('mutation-scores: a README without markers, an unreadable report and an unknown option fail with a message', (t) => {
  const dir = fixture();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'README.md'), '# no markers\n');
  const noMarkers = run(dir, '--write');
  assert.equal(noMarkers.status, 2);
  assert.equal(noMarkers.stderr, 'mutation-scores: markers <!-- mutation:scores --> … <!-- /mutation:scores --> not found\n');
  assert.equal(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), '# no markers\n');
  const missing = run(dir, '--report', 'nope.json');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^mutation-scores: cannot read report .*nope\.json: /);
  const unknown = run(dir, '--bogus');
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, 'mutation-scores: unknown option --bogus\n');
});

test('mutation-scores: two runs over other line ranges of the same source add up; a changed source replaces the file', async () => {
  const { foldReports } = (await import(SCRIPT)) as { foldReports: (r: unknown[]) => Record<string, { mutants: { status: string; location: { start: { line: number } } }[] }> };
  const file = 'server/src/a/one.ts';
  const run = (text: string, ...m: ReturnType<typeof mutant>[]) => ({ files: { [file]: { language: 'typescript', source: text, mutants: m } } });
  const lines = (r: Record<string, { mutants: { status: string; location: { start: { line: number } } }[] }>) => r[file].mutants.map((m) => `${m.location.start.line}:${m.status}`).sort();
  const first = run(source(6), mutant('Survived', 1), mutant('Killed', 2));
  const second = run(source(6), mutant('Killed', 1), mutant('Survived', 5));
  assert.deepEqual(lines(foldReports([first, second])), ['1:Killed', '2:Killed', '5:Survived']);
  assert.deepEqual(lines(foldReports([first, run(source(7), mutant('Timeout', 4))])), ['4:Timeout']);
});

test('mutation-scores --runs: the first, undated runs fold before the dated ones, so a dated re-run of a file wins', async () => {
  const { runOrder } = (await import(SCRIPT)) as { runOrder: (names: string[]) => string[] };
  assert.deepEqual(runOrder(['features-small.json', '2026-11-30-s21-clusterhover.json', '2026-11-30-cluster-drift.json', 'features-hover.json', '2026-12-01-a.json']), [
    'features-hover.json',
    'features-small.json',
    '2026-11-30-cluster-drift.json',
    '2026-11-30-s21-clusterhover.json',
    '2026-12-01-a.json',
  ]);
});

test('mutation-scores --runs: a run folds before its re-runs x-1, x-2 (a name sort would put x.json last)', async () => {
  const { runOrder } = (await import(SCRIPT)) as { runOrder: (names: string[]) => string[] };
  assert.deepEqual(runOrder(['2026-11-30-s24-evaluation-2.json', '2026-11-30-s24-evaluation.json', '2026-11-30-s24-evaluation-1.json', '2026-11-30-s24-eval.json']), [
    '2026-11-30-s24-eval.json',
    '2026-11-30-s24-evaluation.json',
    '2026-11-30-s24-evaluation-1.json',
    '2026-11-30-s24-evaluation-2.json',
  ]);
});
