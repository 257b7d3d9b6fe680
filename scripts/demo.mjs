// `npm start`: the main jobs on the bundled demo data, for a first look. It checks the examples (one
// file of mistakes copied from public documentation, then three good policies), then predicts which
// policy each VMI of the demo cluster (examples/cluster.yaml, made-up data) gets at its next migration.
// The CLI's own output is shown, wrapped to the terminal's width.
import { spawnSync } from 'node:child_process';

const width = Math.max(60, Math.min(process.stdout.columns || 100, 100));

/** Wraps one line at spaces to the width; continuation lines get a hanging indent. */
function wrap(line, indent = '      ') {
  if (line.length <= width) return line;
  const words = line.split(' ');
  const lines = [];
  let current = '';
  for (const word of words) {
    if (current && (current + ' ' + word).length > width) {
      lines.push(current);
      current = indent + word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  lines.push(current);
  return lines.join('\n');
}

const say = (text) => console.log(text.split('\n').map((l) => wrap(l, '')).join('\n'));

/** Runs the CLI, prints its output wrapped; exits on a usage or I/O error (status 2). */
function run(args) {
  console.log(`\n$ migrationpolicy ${args.join(' ')}`);
  const result = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  for (const line of result.stdout.split('\n').filter(Boolean)) console.log(wrap(line));
  for (const line of result.stderr.split('\n').filter(Boolean)) console.log(wrap(line));
  if (result.status === 2 || result.status === null) process.exit(2);
  return result.status;
}

say('1. Mistakes copied from public documentation (KubeVirt and OpenShift docs): each finding names the exact place, says what the API server or KubeVirt will really do, and what to write instead.');
run(['check', 'examples/mistakes']);

say('\n2. Three policies written the right way: no errors or warnings. The one info note marks the catch-all policy (selectors: {}), which is there on purpose.');
run(['check', 'examples/policies']);

say('\n3. Which policy each VMI of the DEMO cluster gets at its next migration, with KubeVirt\'s own precedence rules. examples/cluster.yaml is made-up demo data (7 namespaces, 48 VMIs, 6 policies); the policies of examples/policies replace the cluster\'s policies of the same name. Use --cluster kube for your own cluster, or a snapshot: kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml');
run(['match', '--cluster', 'examples/cluster.yaml', 'examples/policies']);
