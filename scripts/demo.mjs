// `npm start`: the main job on the bundled demo data. Checks every example and prints the findings.
// The examples include deliberate mistakes, so findings (exit status 1) are the expected outcome here.
import { spawnSync } from 'node:child_process';

const run = (args) => {
  console.log(`\n$ migrationpolicy ${args.join(' ')}`);
  const result = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  if (result.status === 2 || result.status === null) process.exit(2);
  return result.status;
};

run(['check', 'examples']);
console.log('\nThe policies under examples/policies are clean; examples/mistakes shows what the checker catches.');
