// scripts/mutation-survivors.mjs: the survivor ledger. On hand-made reports: which survivor an entry takes
// (same mutator, replacement and code, the nearest line; one survivor per entry), stale entries, malformed
// entries, the counts per file; and on the repository itself: every entry of test/mutation/survivors.json
// still names a surviving mutant of the folded results, with a well-formed verdict.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'mutation-survivors.mjs');

interface Loc { start: { line: number; column: number }; end: { line: number; column: number } }
const at = (line: number, column: number, length: number): Loc => ({ start: { line, column }, end: { line, column: column + length } });
const mutant = (id: string, status: string, location: Loc, replacement = 'true', mutatorName = 'ConditionalExpression') => ({ id, mutatorName, replacement, status, location });

// Lines 2 and 5 hold the same condition `a === b`; line 3 another one.
const SOURCE = ['const a = 1, b = 2;', 'if (a === b) f();', 'if (a  <  b) g();', '// filler', 'if (a === b) h();', ''].join('\n');

function fixture(entries: unknown[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-mutation-survivors-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('stryker.config.json', JSON.stringify({ mutate: ['server/src/x/*.ts'] }));
  write('server/src/x/one.ts', SOURCE);
  write('server/src/x/two.ts', 'export {};\n');
  const report = {
    schemaVersion: '1.0',
    files: {
      'server/src/x/one.ts': {
        language: 'typescript',
        source: SOURCE,
        mutants: [
          mutant('1', 'Survived', at(2, 5, 7)),
          mutant('2', 'Survived', at(5, 5, 7)),
          mutant('3', 'NoCoverage', at(3, 5, 7), 'a <= b', 'EqualityOperator'),
          mutant('4', 'Killed', at(3, 5, 7), 'false'),
          mutant('5', 'Survived', at(2, 5, 7), 'false'),
        ],
      },
    },
  };
  write('test/mutation/stryker-incremental.json', JSON.stringify(report));
  write('test/mutation/survivors.json', JSON.stringify({ entries }));
  write('test/unit/some.test.ts', '// a test\n');
  return dir;
}

function run(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', dir, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const entry = (line: number, extra: Record<string, unknown> = {}) => ({ file: 'server/src/x/one.ts', line, mutator: 'ConditionalExpression', replacement: 'true', code: 'a === b', verdict: 'equivalent', reason: 'the reason is long enough', ...extra });

test('an entry takes the survivor with its mutator, replacement and code on the nearest line; the counts follow', (t) => {
  const dir = fixture([entry(6), { ...entry(1, { verdict: 'tested', test: 'unit/some.test.ts' }), reason: undefined }, { ...entry(3), mutator: 'EqualityOperator', replacement: 'a <= b', code: 'a  <  b', verdict: 'open', reason: 'a test must compare a and b' }]);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const r = run(dir, '--check');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, [
    '| file | survivors | equivalent | tested since | open | unclassified |',
    '|---|---:|---:|---:|---:|---:|',
    '| `x/one.ts` | 4 | 1 | 1 | 1 | 1 |',
    '| **all measured files** | 4 | 1 | 1 | 1 | 1 |',
    '',
  ].join('\n'));
  // Line 6 is nearest to the survivor on line 5, line 1 to the one on line 2; the `false` one is left.
  assert.equal(run(dir, '--list', 'x/one.ts').stdout, 'x/one.ts:2:5 ConditionalExpression "a === b" -> "false"\n');
  assert.equal(run(dir, '--list', 'x/one.ts', '--all').stdout, [
    'x/one.ts:2:5 ConditionalExpression "a === b" -> "true"',
    '    tested: unit/some.test.ts',
    'x/one.ts:2:5 ConditionalExpression "a === b" -> "false"',
    'x/one.ts:3:5 EqualityOperator "a < b" -> "a <= b" (no coverage)',
    '    open: a test must compare a and b',
    'x/one.ts:5:5 ConditionalExpression "a === b" -> "true"',
    '    equivalent: the reason is long enough',
    '',
  ].join('\n'));
  assert.equal(run(dir, '--list', 'x/one.ts', '--skeleton').stdout, '{"file":"server/src/x/one.ts","line":2,"mutator":"ConditionalExpression","replacement":"false","code":"a === b","verdict":"","reason":""}\n');
});

test('stale and malformed entries: reported on stderr, and --check exits 1', (t) => {
  const dir = fixture([
    entry(2),
    entry(5),
    entry(9),
    entry(3, { code: 'a === c' }),
    entry(2, { verdict: 'maybe' }),
    entry(2, { replacement: 'false', reason: 'short' }),
    { ...entry(2, { verdict: 'tested', test: 'missing.test.ts' }) },
    entry(1, { file: 'server/src/x/gone.ts' }),
  ]);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const r = run(dir, '--check');
  assert.equal(r.status, 1);
  assert.deepEqual(r.stderr.trim().split('\n'), [
    'entry 5 (server/src/x/one.ts:2): verdict "maybe" is not one of equivalent, tested, open',
    'entry 6 (server/src/x/one.ts:2): a verdict "equivalent" needs a reason',
    'entry 7 (server/src/x/one.ts:2): test/missing.test.ts does not exist',
    'stale entry server/src/x/one.ts:9 ConditionalExpression "a === b" -> "true": no survivor of that file has this mutator, replacement and code (killed since, or the code changed)',
    'stale entry server/src/x/one.ts:3 ConditionalExpression "a === c" -> "true": no survivor of that file has this mutator, replacement and code (killed since, or the code changed)',
    // Two entries for the one survivor on line 2: the first one written takes it.
    'stale entry server/src/x/one.ts:2 ConditionalExpression "a === b" -> "true": no survivor of that file has this mutator, replacement and code (killed since, or the code changed)',
    'stale entry server/src/x/one.ts:2 ConditionalExpression "a === b" -> "true": no survivor of that file has this mutator, replacement and code (killed since, or the code changed)',
    'stale entry server/src/x/gone.ts:1 ConditionalExpression "a === b" -> "true": no survivor of that file has this mutator, replacement and code (killed since, or the code changed)',
  ]);
  // Without --check the same problems are printed, and the counts still come out.
  const soft = run(dir);
  assert.equal(soft.status, 0);
  assert.match(soft.stdout, /\| `x\/one\.ts` \| 4 \| 3 \| 0 \| 0 \| 1 \|/);
});

test('the repository\'s ledger: every entry names a surviving mutant of the folded results and is well formed', () => {
  const r = spawnSync(process.execPath, [SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^\| \*\*all measured files\*\* \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|$/m);
});

test('two mutants of the same code on one line: an entry with a column takes the one nearest that column', (t) => {
  const dir = fixture([
    { ...entry(2), column: 14, verdict: 'open', reason: 'the second one matters' },
    { ...entry(2), column: 5 },
  ]);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Put a second `a === b` survivor on line 2 at column 14 (same mutator, replacement and code).
  const reportPath = path.join(dir, 'test/mutation/stryker-incremental.json');
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const source = ['const a = 1, b = 2;', 'if (a === b || a === b) f();', 'if (a  <  b) g();', '// filler', 'if (a === b) h();', ''].join('\n');
  report.files['server/src/x/one.ts'].source = source;
  report.files['server/src/x/one.ts'].mutants.push(mutant('6', 'Survived', at(2, 16, 7)));
  fs.writeFileSync(reportPath, JSON.stringify(report));
  fs.writeFileSync(path.join(dir, 'server/src/x/one.ts'), source);
  const listed = run(dir, '--list', 'x/one.ts', '--all').stdout.split('\n');
  const after = (line: string) => listed[listed.indexOf(line) + 1];
  assert.equal(after('x/one.ts:2:5 ConditionalExpression "a === b" -> "true"'), '    equivalent: the reason is long enough');
  assert.equal(after('x/one.ts:2:16 ConditionalExpression "a === b" -> "true"'), '    open: the second one matters');
  assert.equal(run(dir, '--check').status, 0);
});

test('--prune drops the stale entries and writes the rest one per line, sorted by file, line and column', (t) => {
  const dir = fixture([entry(5), entry(9), entry(2, { column: 5 }), entry(3, { code: 'a === c' })]);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const r = run(dir, '--prune');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, 'dropped 2 stale entries: x/one.ts\n');
  const reason = '"verdict": "equivalent", "reason": "the reason is long enough"';
  assert.equal(
    fs.readFileSync(path.join(dir, 'test/mutation/survivors.json'), 'utf8'),
    '{\n  "entries": [\n' +
      `    {"file": "server/src/x/one.ts", "line": 2, "mutator": "ConditionalExpression", "replacement": "true", "code": "a === b", ${reason}, "column": 5},\n` +
      `    {"file": "server/src/x/one.ts", "line": 5, "mutator": "ConditionalExpression", "replacement": "true", "code": "a === b", ${reason}}\n` +
      '  ]\n}\n',
  );
  assert.equal(run(dir, '--check').status, 0);
});

test('the repository\'s ledger is in the form --prune writes: rewriting it changes no byte', async () => {
  const { renderLedger } = (await import(SCRIPT)) as { renderLedger: (comment: string | undefined, entries: unknown[]) => string };
  const text = fs.readFileSync(path.join(ROOT, 'test/mutation/survivors.json'), 'utf8');
  const ledger = JSON.parse(text) as { $comment?: string; entries: unknown[] };
  assert.equal(renderLedger(ledger.$comment, ledger.entries), text);
});
