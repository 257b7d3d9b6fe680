// Runs the test suite: every compiled *.test.js under out/test with Node's own runner.
// `npm test` compiles first (pretest); pass --tier=NAME to run one tier (unit, grammar, protocol, editor).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const tierArg = process.argv.find((a) => a.startsWith('--tier='));
const tiers = tierArg ? tierArg.slice(7).split(',') : ['unit', 'grammar', 'protocol', 'editor', 'cluster'];
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
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
