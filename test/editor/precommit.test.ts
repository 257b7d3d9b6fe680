// The pre-commit hook (.pre-commit-hooks.yaml) run by the real `pre-commit` (Debian's package) in a sample
// repository laid out as users lay theirs out: a Kustomize base with overlays and patches, a plain policy,
// and other YAML. The first run builds the CLI in pre-commit's clone (a few minutes cold); the clone is
// kept in a cache so that later runs at the same commit only check.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/fixture';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

test('pre-commit runs the migrationpolicy-check hook on a sample repository and fails the commit on errors', { skip: hasPreCommit ? false : 'pre-commit is not installed (apt-get install pre-commit)', timeout: 15 * 60 * 1000 }, () => {
  const sample = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-precommit-'));
  const home = path.join(process.env.HOME ?? os.tmpdir(), '.cache', 'kubevirt-migrationpolicy', 'pre-commit');
  try {
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'repos', 'kustomize'), path.join(sample, 'kustomize'), { recursive: true });
    fs.writeFileSync(path.join(sample, 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n');
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: sample, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'sample');
    const run = (files: string[]) =>
      spawnSync('pre-commit', ['try-repo', repoRoot, 'migrationpolicy-check', ...(files.length ? ['--files', ...files] : ['--all-files'])], {
        cwd: sample,
        encoding: 'utf8',
        env: { ...process.env, PRE_COMMIT_HOME: home },
      });
    const all = run([]);
    assert.equal(all.status, 1, all.stdout + all.stderr);
    assert.match(all.stdout, /KubeVirt MigrationPolicy check\.+Failed/);
    const findings = all.stdout.split('\n').filter((l) => /^kustomize\/.*: (error|warning)/.test(l)).map((l) => l.replace(/: (error|warning) ([\w-]+):.*$/, ' $2'));
    assert.deepEqual(findings, [
      'kustomize/overlays/prod/bandwidth-patch.yaml:7:18 boolean-string',
      'kustomize/overlays/prod/timeout-patch.yaml:3:10 negative',
      'kustomize/overlays/staging/extra-policy.yaml:5:1 selectors-missing',
      'kustomize/overlays/staging/staging-patch.yaml:7:22 boolean-string',
    ]);
    const clean = run(['kustomize/base/migrationpolicy.yaml', 'configmap.yaml']);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /KubeVirt MigrationPolicy check\.+Passed/);
  } finally {
    fs.rmSync(sample, { recursive: true, force: true });
  }
});
