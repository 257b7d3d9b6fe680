// `migrationpolicy match --vmi NAMESPACE/NAME`: every policy's score for one VMI and the winner, in
// text and in JSON (a contract), with policy files replacing same-named cluster policies.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../server/src/cli';
import type { VmiPolicyReport } from '../../server/src/protocol';
import { repoRoot } from '../support/fixture';

const snapshot = path.join(repoRoot, 'examples', 'cluster.yaml');

function run(args: string[]): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const status = main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  if (typeof status !== 'number') throw new Error('went asynchronous');
  return { status, out, err };
}

test('match --vmi prints every policy with its score, then the winner and the last migration', () => {
  const r = run(['match', '--vmi', 'prod-db/postgres-0', '--cluster', snapshot]);
  assert.equal(r.err, '');
  assert.equal(r.status, 0);
  assert.equal(r.out, [
    'VMI prod-db/postgres-0',
    '  labels: app=postgres, kubevirt.io/domain=postgres-0, kubevirt.io/migrationTargetNodeName=node-03, kubevirt.io/nodeName=node-01, tier=gold, workload-type=db',
    '  namespace prod-db: env=prod, kubernetes.io/metadata.name=prod-db, team=data',
    '',
    'rank  policy       total  VMI  namespace',
    '1     databases    2      1    1',
    '2     zz-default   0      0    0',
    '-     batch-jobs   does not match: VMI label workload-type is "db", not "batch"',
    '-     legacy-web   does not match: VMI label app is "postgres", not "web"',
    '-     nightly      does not match: VMI label schedule is missing (wants "nightly")',
    '-     web-servers  does not match: VMI label app is "postgres", not "web"',
    '',
    'Winner: databases (wins over zz-default: more matched labels (2 vs 0))',
    'Last migration used: databases (same as now)',
    '',
  ].join('\n'));
});

test('match --vmi --format json keeps the contract; a policy file changes the ranking (the name breaks a tie)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-vmi-'));
  try {
    const file = path.join(dir, 'gold.yaml');
    fs.writeFileSync(file, 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: a-gold\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      tier: gold\n    namespaceSelector:\n      team: data\n');
    const r = run(['match', '--vmi', 'prod-db/postgres-0', '--cluster', snapshot, '--format', 'json', file]);
    assert.equal(r.status, 0);
    const report = JSON.parse(r.out) as VmiPolicyReport;
    assert.deepEqual(Object.keys(report), ['vmi', 'namespaceLabels', 'winner', 'reason', 'policies']);
    assert.equal(report.winner, 'a-gold');
    assert.equal(report.reason, 'wins over databases: tie on labels (1 VMI, 1 namespace): `a-gold` sorts before `databases`');
    assert.deepEqual(report.policies.slice(0, 3), [
      { name: 'a-gold', matches: true, rank: 1, total: 2, vmiLabels: 1, namespaceLabels: 1 },
      { name: 'databases', matches: true, rank: 2, total: 2, vmiLabels: 1, namespaceLabels: 1 },
      { name: 'zz-default', matches: true, rank: 3, total: 0, vmiLabels: 0, namespaceLabels: 0 },
    ]);
    assert.deepEqual(report.policies[3], { name: 'batch-jobs', matches: false, rank: null, total: null, vmiLabels: null, namespaceLabels: null, reason: 'VMI label workload-type is "db", not "batch"' });
    assert.equal(report.policies.length, 7);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('match --vmi exits 2 for a malformed reference or a VMI that is not there', () => {
  const bad = run(['match', '--vmi', 'postgres-0', '--cluster', snapshot]);
  assert.equal(bad.status, 2);
  assert.match(bad.err, /^migrationpolicy: --vmi wants NAMESPACE\/NAME, not "postgres-0"\n/);
  const missing = run(['match', '--vmi', 'prod-db/nope', '--cluster', snapshot]);
  assert.equal(missing.status, 2);
  assert.equal(missing.out, '');
  assert.equal(missing.err, 'migrationpolicy: no VMI prod-db/nope in the cluster data (48 VMIs)\n');
});
