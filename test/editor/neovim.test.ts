// A real editor as the client: Debian's Neovim, headless, against the built server over stdio.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/fixture';

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

test('Neovim receives diagnostics, a hover and a completion from the server', (t) => {
  if (!hasNeovim) {
    if (process.env.CI) assert.fail('nvim is missing: .ci/run installs Debian\'s neovim');
    return t.skip('nvim is not installed (apt-get install neovim)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-nvim-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
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
