// Restricted Mode end to end: code-server with workspace trust enabled opens a folder it does not trust.
// The folder's settings ask for a live cluster through a kubeconfig whose exec credential plugin would
// write a marker file (KUBECONFIG names it too). Untrusted, the plugin never runs, and the lens and status
// bar show what the server answers for an untrusted client (clusterAccess: false), exactly. Then the
// user trusts the folder, and the same plugin runs: the test would notice if it ran before.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/fixture';
import { expectEventually as eventuallyEqual, startSession } from './codeServer';
import type { Session } from './codeServer';
import { serverView, statusBarText } from './expected';
import { checkScreenshot } from './screenshots';

const VSIX = path.join(repoRoot, 'kubevirt-migrationpolicy.vsix');
const DATABASES = 'policies/databases.yaml';

let session: Session;
let page: Page;
let marker: string;

const editor = () => page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
const statusItem = () => page.locator('.part.statusbar .statusbar-item:has([aria-label^="MigrationPolicy cluster:"])').first();

/** A kubeconfig whose credentials come from an exec plugin that leaves `marker` behind when run. */
function writeExecKubeconfig(root: string): string {
  const plugin = path.join(root, 'credential-plugin.sh');
  fs.writeFileSync(plugin, `#!/bin/sh\necho "$(date +%s) $*" >> '${path.join(root, 'exec-plugin-ran')}'\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-plugin"}}'\n`, { mode: 0o755 });
  const kubeconfig = path.join(root, 'exec-kubeconfig');
  fs.writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: live',
    'clusters:', '- name: live', '  cluster: {server: "https://127.0.0.1:1"}',
    'users:', '- name: plugin-user', '  user:', '    exec:', '      apiVersion: client.authentication.k8s.io/v1', `      command: ${plugin}`, '      interactiveMode: Never',
    'contexts:', '- name: live', '  context: {cluster: live, user: plugin-user}', '',
  ].join('\n'));
  return kubeconfig;
}

async function lensTitles(): Promise<string[]> {
  return (await editor().locator('.codelens-decoration a').allInnerTexts()).map((t) => t.trim());
}

const eventually = <T>(read: () => Promise<T>, want: T, message: string, timeout?: number) => eventuallyEqual(read, want, message, () => session.log(), timeout);

describe('VS Code in Restricted Mode (workspace trust on, folder not trusted)', { timeout: 300_000 }, () => {
  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` (npm run test:e2e does)`);
    session = await startSession(VSIX, path.join(repoRoot, 'examples'), {
      restricted: true,
      workspaceSettings: (_workspace, root) => ({ 'migrationpolicy.cluster.source': 'kube', 'migrationpolicy.cluster.kubeconfig': path.join(root, 'exec-kubeconfig') }),
      env: (root) => ({ KUBECONFIG: writeExecKubeconfig(root) }),
    });
    page = session.page;
    marker = path.join(session.root, 'exec-plugin-ran');
  });

  after(async () => {
    await session?.close();
  });

  it('reads no kubeconfig and runs no exec plugin, and the lens and status say what the server says untrusted', async () => {
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60_000 });
    // What VS Code sends untrusted: the folder's cluster settings are restricted, so only defaults reach the server.
    const untrusted = await serverView(session.workspace, {}, [DATABASES], { clusterAccess: false, env: { ...process.env, KUBECONFIG: path.join(session.root, 'exec-kubeconfig') } });
    assert.ok(!fs.existsSync(marker), 'the reference server (clusterAccess: false) ran the exec plugin');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(DATABASES);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'databases.yaml' }).waitFor();
    await page.keyboard.press('Enter');
    await editor().locator('.view-lines').waitFor();
    await eventually(lensTitles, untrusted.lenses[DATABASES].flat(), 'the lenses in Restricted Mode are not what the server answers an untrusted client');
    await eventually(async () => (await statusItem().innerText()).replace(/\s+/g, ' ').trim(), statusBarText(untrusted.status, false), 'the status bar in Restricted Mode is not the server\'s untrusted status');
    await statusItem().hover();
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Restricted Mode: no kubeconfig is read' }).first().waitFor({ timeout: 15_000 });
    await checkScreenshot(page, 'restricted');
    await page.mouse.move(0, 0);
    await new Promise((r) => setTimeout(r, 2_000));
    assert.ok(!fs.existsSync(marker), `the exec credential plugin ran in Restricted Mode: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
  });

  it('runs the kubeconfig\'s exec plugin once the user trusts the folder (so the check above can fail)', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Workspaces: Manage Workspace Trust');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Manage Workspace Trust' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click({ timeout: 30_000 });
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.ok(fs.existsSync(marker), `trusted, the server did not read the kubeconfig's exec plugin within 60 s\n${session.log()}`);
  });
});
