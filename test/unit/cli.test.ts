// The `migrationpolicy` CLI contract: arguments, text and JSON output shapes, exit statuses.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../server/src/cli';
import { repoRoot } from '../support/fixture';

const fixtures = path.join('test', 'fixtures', 'cli');

function run(args: string[]): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    const status = main(args, { out: (s) => (out += s), err: (s) => (err += s) });
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
    `${bad}:9:26: error quantity-invalid: \`spec.bandwidthPerMigration\`: \`K\` is not a Kubernetes suffix: use \`k\` (×1000) or \`Ki\` (×1024).`,
    `${bad}:10:18: warning yaml11-boolean: kubectl reads \`on\` as true (YAML 1.1), but YAML 1.2 tools read the string "on". Write \`true\`.`,
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
    message: '`spec.bandwidthPerMigration`: `K` is not a Kubernetes suffix: use `k` (×1000) or `Ki` (×1024).',
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
  const missing = run(['check', path.join(fixtures, 'does-not-exist.yaml'), path.join(fixtures, 'tree', 'clean.yaml')]);
  assert.equal(missing.status, 2);
  assert.match(missing.err, /cannot read .*does-not-exist\.yaml: no such file or directory/);
});

test('schema prints the JSON Schema derived from the catalogue', () => {
  const r = run(['schema']);
  assert.equal(r.status, 0);
  const schema = JSON.parse(r.out);
  assert.deepEqual(schema.required, ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.deepEqual(Object.keys(schema.properties.spec.properties), ['selectors', 'allowAutoConverge', 'bandwidthPerMigration', 'completionTimeoutPerGiB', 'allowPostCopy', 'allowWorkloadDisruption', 'maxDowntimeMs', 'experimental']);
});

test('the built bin runs: help, version and a check', () => {
  const bin = path.join(repoRoot, 'dist', 'cli.js');
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /migrationpolicy check \[--format text\|json\]/);
  const checked = spawnSync(process.execPath, [bin, 'check', '--format', 'json', path.join(repoRoot, 'examples', 'policies')], { encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stderr);
  const files = JSON.parse(checked.stdout).files as { path: string; diagnostics: { severity: number }[] }[];
  assert.equal(files.length, 3);
  assert.ok(files.every((f) => f.diagnostics.every((d) => d.severity > 1)));
});
