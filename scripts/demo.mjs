// `npm start`: the main jobs on the bundled demo data: checks every example and prints the findings, then
// shows which VMIs of the demo cluster (examples/cluster.yaml) each example policy wins.
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

run(['match', '--cluster', 'examples/cluster.yaml', 'examples/policies']);
console.log('\nWhich policy each VMI of the demo cluster (examples/cluster.yaml) would get at its next migration,');
console.log('with the policies of examples/policies replacing the cluster\'s policies of the same name.');
