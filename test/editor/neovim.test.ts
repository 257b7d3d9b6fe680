// A real editor as the client: Debian's Neovim, headless, against the built server over stdio.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { repoRoot } from '../support/fixture';

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

/** A temporary folder for one Neovim run (removed after the test), or undefined when the test is skipped. */
function neovimDir(t: TestContext, prefix: string): string | undefined {
  if (!hasNeovim) {
    if (process.env.CI) assert.fail('nvim is missing: .ci/run installs Debian\'s neovim');
    t.skip('nvim is not installed (apt-get install neovim)');
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('Neovim receives diagnostics, a hover and a completion from the server', (t) => {
  const dir = neovimDir(t, 'mp-nvim-');
  if (!dir) return;
  const out = path.join(dir, 'result.json');
  const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(repoRoot, 'test', 'editor', 'neovim.lua')}`], {
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, MP_OUT: out, MP_FILE: path.join(repoRoot, 'test', 'fixtures', 'editor', 'policy.yaml'), MP_SERVER: path.join(repoRoot, 'dist', 'server.js'), MP_NODE: process.execPath },
  });
  assert.ok(fs.existsSync(out), `Neovim wrote no result (status ${run.status}): ${run.stderr}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  const diagnostics = (result.diagnostics as { lnum: number; col: number; end_col: number; severity: number; code: string }[]).map((d) => `${d.lnum}:${d.col}-${d.end_col} ${d.severity} ${d.code}`).sort();
  assert.deepEqual(diagnostics, ['7:21-25 1 label-value-type', '8:25-29 1 quantity-invalid', '9:2-15 2 null-value']);
  assert.match(result.hover.contents.value, /bandwidth/i);
  const items = Array.isArray(result.completion) ? result.completion : result.completion.items;
  assert.deepEqual(items.map((i: { label: string }) => i.label).sort(), ['false', 'true']);
});

/** The README's Neovim snippet, as a user copies it: the first lua block after the **Neovim** heading. */
function readmeSnippet(): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('**Neovim**');
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(start));
  assert.ok(start !== -1 && block, 'README.md has no **Neovim** section with a lua block');
  return block[1];
}

test('the README\'s Neovim snippet, as written, attaches the server; with no cluster the lenses offer actions, and running one answers', (t) => {
  const dir = neovimDir(t, 'mp-nvim-readme-');
  if (!dir) return;
  // The command the snippet names, as `npm install -g` would put it on PATH.
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const shim = path.join(bin, 'migrationpolicy-language-server');
  fs.writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${path.join(repoRoot, 'dist', 'server.js')}' "$@"\n`, { mode: 0o755 });
  const init = path.join(dir, 'init.lua');
  fs.writeFileSync(init, readmeSnippet());
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  const out = path.join(dir, 'result.json');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share'), XDG_STATE_HOME: path.join(home, '.local', 'state'), PATH: `${bin}${path.delimiter}${process.env.PATH}`, MP_OUT: out, MP_FILE: path.join(repoRoot, 'test', 'fixtures', 'editor', 'policy.yaml') };
  delete env.KUBECONFIG;
  const run = spawnSync('nvim', ['--headless', '-u', init, '-c', `luafile ${path.join(repoRoot, 'test', 'editor', 'readme-snippet.lua')}`], { encoding: 'utf8', timeout: 60000, cwd: dir, env });
  assert.ok(fs.existsSync(out), `Neovim wrote no result (status ${run.status}): ${run.stderr}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { attached: boolean; diagnostics: { lnum: number; col: number; code: string }[]; lenses: { line: number; title: string }[]; messages: string[] };
  assert.equal(result.attached, true);
  assert.deepEqual(result.diagnostics.map((d) => `${d.lnum}:${d.col} ${d.code}`).sort(), ['7:21 label-value-type', '8:25 quantity-invalid', '9:2 null-value']);
  assert.deepEqual(result.lenses.map((l) => `${l.line}: ${l.title}`), ['0: No cluster', '0: Connect', '0: Use a snapshot', '0: Try the demo']);
  assert.equal(result.messages.length, 1, JSON.stringify(result.messages));
  assert.match(result.messages[0], /set migrationpolicy\.cluster\.source to "demo"/);
});
