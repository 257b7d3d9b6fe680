// dist/server.js runs the server bundle through V8's code cache (server/src/launch.ts): the cache is
// written once to a private folder of the user under the temp folder, reused as it is, rewritten when
// V8 rejects it, and never used from a folder that others can write. Node 22.1+ uses its own cache.
// dist/cli.js does the same for the CLI bundle (server/src/cliLaunch.ts), one cache per command.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/fixture';
import { DEFAULT_CAPABILITIES, NO_CLUSTER, startClient } from '../support/lspClient';

const builtIn = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const skip = builtIn ? `Node ${process.version} has module.enableCompileCache, which dist/server.js uses instead of its own cache` : false;

const TEXT = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: web\nspec:\n  allowPostCopy: yes\n  selectors:\n    namespaceSelector:\n      team: web\n';
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the server with TMPDIR set, checks one file's diagnostics, keeps it running `lifeMs`, stops it. */
async function session(tmp: string, lifeMs: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  const client = await startClient(DEFAULT_CAPABILITIES, null, NO_CLUSTER, undefined, { ...process.env, TMPDIR: tmp, MIGRATIONPOLICY_CODE_CACHE_DELAY_MS: '300', ...extraEnv });
  try {
    const uri = 'file:///workspace/p.yaml';
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT } });
    assert.deepEqual(codes((await published).diagnostics), ['5:17 yaml11-boolean']);
    await sleep(lifeMs);
  } finally {
    await client.stop();
  }
}

const cacheDir = (tmp: string) => path.join(tmp, `kubevirt-migrationpolicy-code-cache-${process.getuid?.() ?? os.userInfo().username}`);

test('the code cache is written once, privately, reused as it is and rewritten when V8 rejects it', { skip }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-code-cache-'));
  try {
    await session(tmp, 1500);
    const dir = cacheDir(tmp);
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1, `one cache file: ${files.join(', ')}`);
    assert.match(files[0], new RegExp(`^language-server\\.[0-9a-f]{8}-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-.+-${process.arch}\\.cache$`));
    const file = path.join(dir, files[0]);
    if (process.platform !== 'win32') {
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    }
    const written = fs.readFileSync(file);
    assert.ok(written.length > 100_000, `the cache holds the compiled server (${written.length} bytes)`);
    const { mtimeMs } = fs.statSync(file);

    await session(tmp, 1000);
    assert.equal(fs.statSync(file).mtimeMs, mtimeMs, 'an accepted cache is not written again');

    fs.writeFileSync(file, 'not a V8 code cache');
    await session(tmp, 1500);
    assert.ok(fs.readFileSync(file).length > 100_000, 'a rejected cache is replaced');
    assert.deepEqual(fs.readdirSync(dir), files, 'no temporary files stay behind');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('no code cache in a folder others can write, nor with NODE_DISABLE_COMPILE_CACHE', { skip: skip || (process.platform === 'win32' && 'folder modes are POSIX') }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-code-cache-'));
  try {
    const dir = cacheDir(tmp);
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o777);
    await session(tmp, 1000);
    assert.deepEqual(fs.readdirSync(dir), [], 'a folder others can write is not used');
    fs.rmSync(dir, { recursive: true });
    await session(tmp, 1000, { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(fs.existsSync(dir), false);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the CLI writes one cache per command when that command first exits, reuses it as it is, and prints the same', { skip }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-code-cache-'));
  try {
    const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, ...extraEnv } });
    const cold = cli(['schema']);
    assert.equal(cold.status, 0, cold.stderr);
    const dir = cacheDir(tmp);
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0], new RegExp(`^cli-main\\.schema\\.[0-9a-f]{8}-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-.+-${process.arch}\\.cache$`));
    const file = path.join(dir, files[0]);
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(fs.statSync(file).size > 50_000, `the cache holds the compiled CLI (${fs.statSync(file).size} bytes)`);
    const { mtimeMs } = fs.statSync(file);
    const warm = cli(['schema']);
    assert.equal(warm.stdout, cold.stdout, 'the same output from the cache');
    assert.equal(warm.status, 0);
    assert.equal(fs.statSync(file).mtimeMs, mtimeMs, 'an accepted cache is not written again');
    // Another command gets a cache of its own beside the first; an exit with an error writes it too.
    const usage = cli(['match']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /match needs --cluster SOURCE/);
    assert.deepEqual(fs.readdirSync(dir).map((f) => f.replace(/\.[0-9a-f]{8}-\d.*$/, '')).sort(), ['cli-main.match', 'cli-main.schema']);
    fs.writeFileSync(file, 'not a V8 code cache');
    assert.equal(cli(['schema']).stdout, cold.stdout, 'a rejected cache only costs time');
    assert.ok(fs.statSync(file).size > 50_000, 'a rejected cache is replaced');
    fs.rmSync(dir, { recursive: true });
    assert.equal(cli(['schema'], { NODE_DISABLE_COMPILE_CACHE: '1' }).stdout, cold.stdout);
    assert.equal(fs.existsSync(dir), false, 'NODE_DISABLE_COMPILE_CACHE: no cache folder');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('two installed copies keep code caches of their own: neither removes the other\'s', { skip }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-code-cache-'));
  try {
    // Two copies of the CLI's bundles in two folders, as VS Code's extension and an npm install would be.
    const copies = ['a', 'b'].map((name) => {
      const folder = path.join(tmp, name);
      fs.mkdirSync(folder);
      for (const file of fs.readdirSync(path.join(repoRoot, 'dist')).filter((f) => f.endsWith('.js'))) fs.copyFileSync(path.join(repoRoot, 'dist', file), path.join(folder, file));
      return folder;
    });
    const cli = (folder: string) => spawnSync(process.execPath, [path.join(folder, 'cli.js'), 'schema'], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
    const dir = cacheDir(tmp);
    const first = cli(copies[0]);
    assert.equal(first.status, 0, first.stderr);
    const [ownFile] = fs.readdirSync(dir);
    const { mtimeMs } = fs.statSync(path.join(dir, ownFile));
    assert.equal(cli(copies[1]).stdout, first.stdout);
    const files = fs.readdirSync(dir).sort();
    assert.equal(files.length, 2, `a cache per copy: ${files.join(', ')}`);
    assert.equal(new Set(files.map((f) => f.replace(/-\d.*$/, ''))).size, 2, 'named apart by their folders');
    assert.equal(cli(copies[0]).stdout, first.stdout);
    assert.deepEqual(fs.readdirSync(dir).sort(), files, 'the first copy\'s cache was kept, not written again');
    assert.equal(fs.statSync(path.join(dir, ownFile)).mtimeMs, mtimeMs);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
