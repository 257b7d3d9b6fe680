// The `migrationpolicy` CLI contract: arguments, text and JSON output shapes, exit statuses.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../server/src/cli';
import { findField } from '../../server/src/policy/catalog';
import { repoRoot } from '../support/fixture';

const fixtures = path.join('test', 'fixtures', 'cli');

function run(args: string[]): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    const status = main(args, { out: (s) => (out += s), err: (s) => (err += s) });
    if (typeof status !== 'number') throw new Error(`main(${args.join(' ')}) went asynchronous`);
    return { status, out, err };
  } finally {
    process.chdir(cwd);
  }
}

test('check prints compiler-style lines, recursing into yaml/yml/json and skipping hidden folders', () => {
  const r = run(['check', path.join(fixtures, 'tree')]);
  assert.equal(r.status, 1);
  const bad = path.join(fixtures, 'tree', 'nested', 'bad.yml');
  assert.deepEqual(r.out.trimEnd().split('\n'), [
    `${bad}:9:26: error quantity-invalid: spec.bandwidthPerMigration: K is not a Kubernetes suffix: use k (×1000) or Ki (×1024).`,
    `${bad}:10:18: warning yaml11-boolean: kubectl reads on as true (YAML 1.1), but YAML 1.2 tools read the string "on". Write true.`,
  ]);
  assert.equal(r.err, '2 files checked: 1 error, 1 warning, 0 info\n');
});

test('check --format json prints LSP diagnostics per file', () => {
  const r = run(['check', '--format', 'json', path.join(fixtures, 'tree', 'nested', 'bad.yml'), path.join(fixtures, 'warn-only.json')]);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.out);
  assert.deepEqual(Object.keys(json), ['files']);
  assert.equal(json.files.length, 2);
  assert.equal(json.files[0].path, path.join(fixtures, 'tree', 'nested', 'bad.yml'));
  assert.deepEqual(json.files[0].diagnostics[0], {
    range: { start: { line: 8, character: 25 }, end: { line: 8, character: 27 } },
    severity: 1,
    code: 'quantity-invalid',
    source: 'migrationpolicy',
    message: 'spec.bandwidthPerMigration: K is not a Kubernetes suffix: use k (×1000) or Ki (×1024).',
  });
  assert.deepEqual(json.files[1].diagnostics.map((d: { code: string; severity: number }) => [d.code, d.severity]), [['catch-all', 3]]);
  assert.equal(r.err, '');
});

test('exit 0 when only warnings and information are found', () => {
  const r = run(['check', path.join(fixtures, 'warn-only.json'), path.join(fixtures, 'tree', 'clean.yaml')]);
  assert.equal(r.status, 0);
  assert.match(r.out, /warn-only\.json:1:\d+: info catch-all/);
});

test('exit 2 on usage and I/O errors, with a message', () => {
  for (const args of [[], ['frobnicate'], ['check'], ['check', '--format', 'xml', 'x'], ['check', '--bogus', 'x'], ['schema', 'extra']]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.err, /^migrationpolicy: .+\n\nUsage:/, args.join(' '));
  }
  const missing = run(['check', path.join(fixtures, 'does-not-exist.yaml'), path.join(fixtures, 'tree', 'nested', 'bad.yml')]);
  assert.deepEqual([missing.status, missing.out], [2, ''], 'an unreadable input fails the command and prints no partial result');
  assert.equal(missing.err, `migrationpolicy: cannot read ${path.join(fixtures, 'does-not-exist.yaml')}: no such file or directory\n`);
  const bogus = run(['check', '--bogus', 'x']);
  assert.match(bogus.err, /^migrationpolicy: unknown option --bogus\n\nUsage:/);
  const noValue = run(['check', 'x', '--format']);
  assert.match(noValue.err, /^migrationpolicy: option --format needs a value\n\nUsage:/);
});

test('check fails (exit 2) when the paths hold no MigrationPolicy, unless --allow-empty', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-cli-'));
  try {
    const empty = path.join(dir, 'empty');
    const noYaml = path.join(dir, 'no-yaml');
    fs.mkdirSync(empty);
    fs.mkdirSync(noYaml);
    fs.writeFileSync(path.join(noYaml, 'README.md'), '# not yaml\n');
    const files = {
      'empty.yaml': '',
      'binary.yaml': Buffer.from([0, 1, 2, 255, 254, 0, 10, 13, 0x80, 0x81]),
      'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
    };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    const cases: [string[], string][] = [
      [[empty], `no *.yaml, *.yml or *.json file in ${empty}`],
      [[noYaml], `no *.yaml, *.yml or *.json file in ${noYaml}`],
      [[path.join(dir, 'empty.yaml')], `no MigrationPolicy in the file ${path.join(dir, 'empty.yaml')}`],
      [[path.join(dir, 'binary.yaml')], `no MigrationPolicy in the file ${path.join(dir, 'binary.yaml')}`],
      [[path.join(dir, 'deployment.yaml'), empty], `no MigrationPolicy in the file ${path.join(dir, 'deployment.yaml')}, ${empty}`],
      [[dir], `no MigrationPolicy in the 3 files of ${dir}`],
    ];
    for (const [paths, what] of cases) {
      const r = run(['check', ...paths]);
      assert.deepEqual([r.status, r.out, r.err], [2, '', `migrationpolicy: ${what}: give the paths of your MigrationPolicy manifests (or pass --allow-empty)\n`], paths.join(' '));
      const allowed = run(['check', '--allow-empty', '--format', 'json', ...paths]);
      assert.equal(allowed.status, 0, paths.join(' '));
      assert.ok(JSON.parse(allowed.out).files.every((f: { diagnostics: unknown[] }) => f.diagnostics.length === 0));
    }
    assert.equal(run(['check', path.join(dir, 'deployment.yaml'), path.join(fixtures, 'warn-only.json')]).status, 0, 'one policy among the paths is enough');
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('--kubevirt-version takes a release or main; anything else is a usage error', () => {
  const clean = path.join(fixtures, 'tree', 'clean.yaml');
  for (const version of ['banana', 'v1', '1.x', 'latest', '']) {
    const r = run(['check', '--kubevirt-version', version, clean]);
    assert.equal(r.status, 2, version);
    assert.match(r.err, new RegExp(`^migrationpolicy: --kubevirt-version takes a KubeVirt release such as v1\\.8\\.0, or main; not ${JSON.stringify(JSON.stringify(version)).slice(1, -1)}\n`), version);
    assert.equal(r.out, '');
  }
  for (const version of ['v1.8.0', '1.8', 'v1.9.0-rc.1', 'main']) assert.equal(run(['check', '--kubevirt-version', version, clean]).status, 0, version);
});

test('schema prints the JSON Schema derived from the catalogue', () => {
  const r = run(['schema']);
  assert.equal(r.status, 0);
  const schema = JSON.parse(r.out);
  assert.deepEqual(schema.required, ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.deepEqual(Object.keys(schema.properties.spec.properties), (findField(['spec'])?.children ?? []).map((f) => f.name), 'the spec fields of the catalogue, in its order');
});

test('the built bin runs: help, version and a check', () => {
  const bin = path.join(repoRoot, 'dist', 'cli.js');
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /migrationpolicy check \[--format text\|json\|sarif\|github\]/);
  const checked = spawnSync(process.execPath, [bin, 'check', '--format', 'json', path.join(repoRoot, 'examples', 'policies')], { encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stderr);
  const files = JSON.parse(checked.stdout).files as { path: string; diagnostics: { severity: number }[] }[];
  assert.equal(files.length, 3);
  assert.ok(files.every((f) => f.diagnostics.every((d) => d.severity > 1)));
});

const clusterYaml = path.join('examples', 'cluster.yaml');
const examplePolicies = path.join('examples', 'policies');

test('match prints, per policy, how many VMIs it matches and wins, then each VMI with its winner', () => {
  const r = run(['match', '--cluster', clusterYaml]);
  assert.equal(r.status, 0, r.err);
  assert.equal(r.err, '');
  const lines = r.out.split('\n');
  assert.deepEqual(lines.slice(0, 12), [
    'Cluster: examples/cluster.yaml: 7 namespaces, 48 VMIs, 6 policies, KubeVirt v1.9.0',
    '',
    'batch-jobs: matches 5 VMIs, wins 5',
    '  wins analytics/etl-0, analytics/etl-1, analytics/etl-2, prod-db/db-backup, staging/smoke-tests',
    'databases: matches 7 VMIs, wins 7',
    '  wins prod-db/mysql-0, prod-db/mysql-1, prod-db/mysql-2, prod-db/postgres-0, prod-db/postgres-1, prod-db/postgres-2, prod-db/postgres-3',
    'legacy-web: matches 9 VMIs, wins 0 (loses 9 to web-servers)',
    'nightly: matches 8 VMIs, wins 4 (loses 4 to batch-jobs)',
    '  wins analytics/reports-0, analytics/reports-1, hpc/render-0, hpc/render-1',
    'web-servers: matches 9 VMIs, wins 9',
    '  wins prod-web/frontend-0, prod-web/frontend-1, prod-web/frontend-2, prod-web/frontend-3, prod-web/frontend-4, prod-web/frontend-5, staging/frontend-0, staging/frontend-1, … and 1 more',
    'zz-default: matches 48 VMIs, wins 23 (loses 9 to web-servers, 7 to databases, 5 to batch-jobs, 4 to nightly)',
  ]);
  const vmis = lines.slice(lines.indexOf('VMIs:') + 1, -1);
  assert.equal(vmis.length, 48);
  assert.deepEqual(vmis.slice(0, 4), ['  analytics/etl-0 \u2192 batch-jobs', '  analytics/etl-1 \u2192 batch-jobs', '  analytics/etl-2 \u2192 batch-jobs', '  analytics/notebook \u2192 zz-default']);
  assert.ok(vmis.includes('  dev/postgres-dev \u2192 zz-default'));
});

test('match --format json keeps the contract; policies from files replace same-named cluster policies', () => {
  const before = JSON.parse(run(['match', '--cluster', clusterYaml, '--format', 'json']).out);
  const r = run(['match', '--format', 'json', '--cluster', clusterYaml, examplePolicies]);
  assert.equal(r.status, 0, r.err);
  const json = JSON.parse(r.out);
  assert.deepEqual(Object.keys(json), ['vmis', 'policies']);
  assert.deepEqual(Object.keys(json.vmis[0]), ['namespace', 'name', 'policy']);
  assert.deepEqual(Object.keys(json.policies[0]), ['name', 'matched', 'won', 'lostTo']);
  const ids = json.vmis.map((v: { namespace: string; name: string }) => `${v.namespace}/${v.name}`);
  assert.deepEqual(ids, [...ids].sort());
  assert.equal(ids.length, 48);
  assert.deepEqual(json.policies, [
    { name: 'batch-jobs', matched: 5, won: 5, lostTo: {} },
    { name: 'databases', matched: 10, won: 10, lostTo: {} },
    { name: 'hpc', matched: 8, won: 6, lostTo: { nightly: 2 } },
    { name: 'legacy-web', matched: 9, won: 0, lostTo: { 'web-servers': 9 } },
    { name: 'nightly', matched: 8, won: 4, lostTo: { 'batch-jobs': 4 } },
    { name: 'staging', matched: 8, won: 2, lostTo: { 'web-servers': 3, databases: 2, 'batch-jobs': 1 } },
    { name: 'web-servers', matched: 9, won: 9, lostTo: {} },
    { name: 'zz-default', matched: 48, won: 12, lostTo: { databases: 10, 'web-servers': 9, hpc: 6, 'batch-jobs': 5, nightly: 4, staging: 2 } },
  ]);
  assert.deepEqual(before.policies.find((p: { name: string }) => p.name === 'databases'), { name: 'databases', matched: 7, won: 7, lostTo: {} });
  const winner = (j: { vmis: { namespace: string; name: string; policy: string | null }[] }, id: string) => j.vmis.find((v) => `${v.namespace}/${v.name}` === id)?.policy;
  assert.deepEqual([winner(before, 'dev/postgres-dev'), winner(json, 'dev/postgres-dev')], ['zz-default', 'databases']);
  assert.deepEqual([winner(before, 'hpc/sim-0'), winner(json, 'hpc/sim-0')], ['zz-default', 'hpc']);
  const text = run(['match', '--cluster', clusterYaml, examplePolicies]).out;
  assert.match(text, /^From files: databases \(replaces the cluster's\), hpc \(new\), staging \(new\), zz-default \(replaces the cluster's\)$/m);
  assert.match(text, /^databases \[file\]: matches 10 VMIs, wins 10$/m);
});

test('match reports VMIs that no policy matches as null (cluster defaults)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-cli-'));
  const snapshot = path.join(dir, 'cluster.json');
  fs.writeFileSync(snapshot, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vm', namespace: 'a', labels: { app: 'db' } } }] }));
  const policyFile = path.join(dir, 'db.yaml');
  fs.writeFileSync(policyFile, 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: db\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: web\n');
  try {
    const r = run(['match', '--cluster', snapshot, '--format', 'json', policyFile]);
    assert.equal(r.status, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { vmis: [{ namespace: 'a', name: 'vm', policy: null }], policies: [{ name: 'db', matched: 0, won: 0, lostTo: {} }] });
    const text = run(['match', '--cluster', snapshot, policyFile]);
    assert.match(text.out, /^ {2}a\/vm \u2192 \(no policy: cluster defaults\)$/m);
    assert.match(text.out, /^Cluster: .*cluster\.json: 0 namespaces, 1 VMI, 0 policies\nNamespaces not in the data \(assumed to carry only kubernetes\.io\/metadata\.name\): a\n/);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('match exits 2 on usage, I/O and snapshot errors', () => {
  for (const args of [['match'], ['match', '--cluster'], ['match', '--cluster', clusterYaml, '--format', 'xml'], ['match', '--cluster', clusterYaml, '--context', 'x'], ['match', '--bogus']]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.err, /^migrationpolicy: .+\n\nUsage:/, args.join(' '));
    assert.equal(r.out, '');
  }
  const missing = run(['match', '--cluster', path.join(fixtures, 'nope.yaml')]);
  assert.deepEqual([missing.status, missing.err, missing.out], [2, `migrationpolicy: cannot read ${path.join(fixtures, 'nope.yaml')}: no such file or directory\n`, '']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-cli-'));
  const broken = path.join(dir, 'broken.yaml');
  fs.writeFileSync(broken, 'kind: List\nitems:\n- kind: Namespace\n  metadata:\n    name: a\n    labels: {tier: 1}\n');
  try {
    const bad = run(['match', '--cluster', broken]);
    assert.deepEqual([bad.status, bad.err, bad.out], [2, `migrationpolicy: ${broken}:6:20: the value of label \`tier\` must be a string, but kubectl reads \`1\` as integer: write "1"\n`, '']);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
  const missingPolicies = run(['match', '--cluster', clusterYaml, '--format', 'json', path.join(fixtures, 'nope')]);
  assert.deepEqual([missingPolicies.status, missingPolicies.out], [2, ''], 'a result computed without a requested file is not printed');
  assert.equal(missingPolicies.err, `migrationpolicy: cannot read ${path.join(fixtures, 'nope')}: no such file or directory\n`);
});

test('match --cluster fails on a file that holds no cluster data', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-cli-'));
  try {
    const deployment = path.join(dir, 'deployment.yaml');
    fs.writeFileSync(deployment, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    const r = run(['match', '--cluster', deployment]);
    assert.deepEqual([r.status, r.out], [2, '']);
    assert.equal(r.err, `migrationpolicy: ${deployment} holds no cluster data: no Namespace, VirtualMachineInstance, MigrationPolicy or KubeVirt object. Make a snapshot with: kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml > cluster.yaml\n`);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('the language server prints its usage on standard output for --help, on standard error otherwise', () => {
  const bin = path.join(repoRoot, 'dist', 'server.js');
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.deepEqual([help.status, help.stderr], [0, '']);
  assert.match(help.stdout, /^Usage: migrationpolicy-language-server --stdio \| --node-ipc \| --socket=PORT\n/);
  const none = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
  assert.deepEqual([none.status, none.stdout], [2, '']);
  assert.match(none.stderr, /^Usage: /);
});

test('match --cluster kube reads the kubeconfig asynchronously and exits 2 when it cannot', async () => {
  const saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = path.join(os.tmpdir(), 'mp-no-such-kubeconfig.yaml');
  try {
    let err = '';
    const status = main(['match', '--cluster', 'kube', '--context', 'nope'], { out: () => undefined, err: (s) => (err += s) });
    assert.ok(status instanceof Promise);
    assert.equal(await status, 2);
    assert.match(err, /^migrationpolicy: cannot read the cluster: .+\n$/);
  } finally {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  }
});

test('check --kubevirt-version and --feature-gates change findings and the exit status, in the built bin too', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-cli-gates-'));
  try {
    const file = path.join(dir, 'gated.yaml');
    fs.writeFileSync(file, 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: gated\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: db\n  maxDowntimeMs: 500\n  allowWorkloadDisruption: true\n');
    const lines = (r: { out: string }) => r.out.trimEnd().split('\n').filter(Boolean).map((l) => l.slice(file.length + 1).replace(/:( \w+ [\w-]+):.*$/, '$1'));
    const plain = run(['check', file]);
    assert.deepEqual([plain.status, lines(plain)], [0, ['9:3 warning feature-gate']]);
    const old = run(['check', '--kubevirt-version', 'v1.4.0', file]);
    assert.deepEqual([old.status, lines(old)], [0, ['9:3 warning field-too-new', '9:3 warning feature-gate', '10:3 warning field-too-new']]);
    assert.match(old.out, /spec\.maxDowntimeMs needs KubeVirt v1\.9\.0; the target version is v1\.4\.0/);
    const none = run(['check', '--feature-gates', '', file]);
    assert.deepEqual([none.status, lines(none)], [1, ['9:3 error feature-gate']]);
    const other = run(['check', '--feature-gates', 'LiveMigration, Snapshot', file]);
    assert.deepEqual([other.status, lines(other)], [1, ['9:3 error feature-gate']]);
    const on = run(['check', '--feature-gates', 'LiveMigration,MigrationStallDetection', file]);
    assert.deepEqual([on.status, lines(on)], [0, []]);
    const bin = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', '--kubevirt-version', 'v1.8.0', '--feature-gates', 'MigrationDowntimeTuning', file], { encoding: 'utf8' });
    assert.equal(bin.status, 0, bin.stderr);
    assert.deepEqual(JSON.parse(bin.stdout).files[0].diagnostics.map((d: { code: string; range: { start: { line: number } } }) => `${d.range.start.line} ${d.code}`), ['8 field-too-new']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader that closes the pipe early (| head) ends the CLI quietly', () => {
  const bin = path.join(repoRoot, 'dist', 'cli.js');
  const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" match --cluster examples/cluster.yaml | head -n 1`], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.stdout, 'Cluster: examples/cluster.yaml: 7 namespaces, 48 VMIs, 6 policies, KubeVirt v1.9.0\n');
  assert.equal(r.stderr, '', 'no EPIPE stack trace');
});
