// Runs the test suite: every compiled *.test.js under out/test with Node's own runner.
// `npm test` compiles first (pretest); pass --tier=NAME to run one tier (unit, fidelity, grammar, protocol, editor, cluster).
// The summary names every test that did not run and why (the reason says what installs it). Under CI
// (CI=true) a skipped test fails the run: CI installs everything, so a skip there is a broken setup.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tierArg = process.argv.find((a) => a.startsWith('--tier='));
const tiers = tierArg ? tierArg.slice(7).split(',') : ['unit', 'fidelity', 'grammar', 'protocol', 'fuzz', 'editor', 'cluster'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
};
for (const tier of tiers) if (existsSync(join('out/test', tier))) walk(join('out/test', tier));
if (files.length === 0) {
  console.error('no test files found under out/test: run `npm test`, which compiles them first');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'mp-test-run-'));
const skipsFile = join(dir, 'skips.jsonl');
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./scripts/skip-reporter.mjs', `--test-reporter-destination=${skipsFile}`, ...files],
  { stdio: 'inherit' },
);
const skips = existsSync(skipsFile) ? readFileSync(skipsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
rmSync(dir, { recursive: true, force: true });

let status = result.status ?? 1;
if (skips.length) {
  const byReason = new Map();
  for (const s of skips) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  console.log(`\nNot run: ${skips.length} test${skips.length === 1 ? '' : 's'} skipped`);
  for (const [reason, list] of byReason) {
    console.log(`  ${list.length} × ${reason || '(no reason given)'}`);
    for (const s of list) console.log(`      ${s.suite ? 'suite ' : ''}${s.name}  (${(s.file ?? '').replace(`${process.cwd()}/`, '')})`);
  }
  if (process.env.CI) {
    console.log('\nCI runs every test: a skip here means a setup step of .ci/run is missing or broke.');
    status = 1;
  }
} else if (status === 0) {
  console.log('\nEvery test ran: none skipped.');
}
process.exit(status);
