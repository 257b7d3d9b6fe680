// End to end in a real VS Code (code-server in Chromium): the built .vsix installed offline, a copy of
// examples/ open with its cluster source set explicitly (the snapshot examples/cluster.yaml), and what a
// user sees and clicks: the Problems panel, a hover, completion, the status bar item and its actions, a
// code lens and the VMI list behind it, "Use Snapshot File…", "Select Kubeconfig Context…", and the key
// colours of the Light and Dark themes. Expected values come from the CLI (`match --format json`) and
// from the built server over stdio for the same inputs (test/e2e/expected.ts), never from the test's
// own text; screenshots are compared with images/screenshots/ (test/e2e/screenshots.ts).
// Run with `npm run test:e2e` (installs the tools once, packages the .vsix, compiles, runs this).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { matchItems, matchTitle } from '../../client/src/format';
import { repoRoot } from '../support/fixture';
import { expectEventually as eventuallyEqual, startSession } from './codeServer';
import type { Session } from './codeServer';
import { cliMatch, lensTitleFromCli, serverView, statusBarText } from './expected';
import type { CliMatch, ServerView } from './expected';
import { checkScreenshot, countColor, cssColorToHex } from './screenshots';

const VSIX = path.join(repoRoot, 'kubevirt-migrationpolicy.vsix');
const DOCS = 'mistakes/from-the-docs.yaml';
const DATABASES = 'policies/databases.yaml';
const TEAMS = 'policies/team-policies.yaml';
const VM = 'workloads/analytics-db.yaml';

/** A second, small cluster snapshot in the workspace for "Use Snapshot File…": one namespace, two VMIs, one policy. */
const SMALL_CLUSTER_FILE = 'snapshots/small-cluster.yaml';
const SMALL_CLUSTER = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: prod-db, labels: {kubernetes.io/metadata.name: prod-db}}
- apiVersion: kubevirt.io/v1
  kind: VirtualMachineInstance
  metadata: {name: pg-0, namespace: prod-db, labels: {workload-type: db}}
- apiVersion: kubevirt.io/v1
  kind: VirtualMachineInstance
  metadata: {name: cache-0, namespace: prod-db, labels: {workload-type: cache}}
- apiVersion: migrations.kubevirt.io/v1alpha1
  kind: MigrationPolicy
  metadata: {name: everything}
  spec: {selectors: {}}
`;

/** A kubeconfig with two contexts whose API servers refuse connections (port 1), with token credentials. */
const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster: {server: "https://127.0.0.1:1"}
- name: prod-cluster
  cluster: {server: "https://127.0.0.1:1"}
users:
- name: me
  user: {token: e2e-token}
contexts:
- name: dev
  context: {cluster: dev-cluster, user: me}
- name: prod
  context: {cluster: prod-cluster, user: me}
`;

let session: Session;
let page: Page;
let snapshotSettings: Record<string, unknown>;
let cli: CliMatch;
let expected: ServerView;

const editor = () => page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
const statusItem = () => page.locator('.part.statusbar .statusbar-item:has([aria-label^="MigrationPolicy cluster:"])').first();
const quickInput = () => page.locator('.quick-input-widget');

/** Quick Open (Ctrl+P): types the file name and opens the match once it is listed. */
async function openFile(file: string): Promise<void> {
  const name = path.basename(file);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  // The list updates after the input: Enter opens the focused row, so wait until that one is the file.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor();
  await editor().locator('.view-lines').waitFor();
}

/** Ctrl+G to a 1-based line and column. */
async function goTo(line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Runs a command from the Command Palette by its title. */
async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor();
  await page.keyboard.press('Enter');
}

/** Waits for a locator, failing with `message` (and code-server's log) instead of a bare time-out. */
async function expectVisible(locator: Locator, message: string, timeout = 30_000): Promise<void> {
  try {
    await locator.first().waitFor({ timeout });
  } catch {
    assert.fail(`${message}\n--- code-server log (tail) ---\n${session.log()}`);
  }
}

/** Polls `read` until it equals `want` (deep), failing with the last value read. */
const expectEventually = <T>(read: () => Promise<T>, want: T, message: string, timeout?: number) => eventuallyEqual(read, want, message, () => session.log(), timeout);

/**
 * The code lenses of the active editor: one list of titles per line that has lenses (VS Code's
 * CodeLensWidget: one child per lens, separated by <span>&nbsp;|&nbsp;</span>), the lines in a stable
 * order (their DOM order is the order VS Code created them, not the document's).
 */
async function lensLines(): Promise<string[][]> {
  const lines = await editor()
    .locator('.codelens-decoration')
    .evaluateAll((ds) => ds.map((d) => [...d.children].map((c) => (c.textContent ?? '').trim()).filter((t) => t !== '|')));
  return sortLines(lines);
}

const sortLines = (lines: string[][]) => [...lines].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Switches the colour theme with the theme picker (Ctrl+K Ctrl+T), as a user does. */
async function pickTheme(theme: string, className: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: theme }).waitFor();
  await page.keyboard.press('Enter');
  await expectVisible(page.locator(`.monaco-workbench.${className}`), `the theme did not change to ${theme}`);
}

/** The CSS colour of an element, run in the page (this project compiles without the DOM library). */
const computedColor = (e: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color;

/** The status bar item's text as shown (codicons are icons, not text). */
async function statusText(): Promise<string> {
  return ((await statusItem().innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

interface ProblemRow {
  message: string;
  code: string;
  line: number;
  column: number;
}

/** Every row of the Problems panel for the active file: message, code, 1-based position. */
async function problemRows(): Promise<ProblemRow[]> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  const seen = new Map<string, ProblemRow>();
  await page.locator('.markers-panel .monaco-list').first().focus();
  await page.keyboard.press('Home');
  for (let step = 0; step < 200; step++) {
    for (const row of await rows.all()) {
      const text = await row.evaluate((e) => ({
        message: [...e.querySelectorAll('.marker-message')].map((m) => m.textContent ?? '').join('\n'),
        code: e.querySelector('.marker-code')?.textContent ?? '',
        position: e.querySelector('.marker-line')?.textContent ?? '',
        index: e.getAttribute('data-index') ?? '',
      }));
      const at = /Ln (\d+), Col (\d+)/.exec(text.position);
      if (at) seen.set(text.index, { message: text.message, code: text.code.replace(/[()]/g, '').trim(), line: Number(at[1]), column: Number(at[2]) });
    }
    const focused = await page.locator('.markers-panel .monaco-list-row.focused').getAttribute('data-index');
    await page.keyboard.press('PageDown');
    if ((await page.locator('.markers-panel .monaco-list-row.focused').getAttribute('data-index')) === focused) break;
  }
  return [...seen.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, row]) => row);
}

describe('VS Code (code-server) with the packaged extension, cluster data from a snapshot file', { timeout: 600_000 }, () => {
  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` (npm run test:e2e does)`);
    const started = Date.now();
    session = await startSession(VSIX, path.join(repoRoot, 'examples'), {
      workspaceSettings: (workspace) => {
        // Written before code-server starts, like any file of the user's folder.
        fs.mkdirSync(path.join(workspace, path.dirname(SMALL_CLUSTER_FILE)), { recursive: true });
        fs.writeFileSync(path.join(workspace, SMALL_CLUSTER_FILE), SMALL_CLUSTER);
        return { 'migrationpolicy.cluster.source': 'snapshot', 'migrationpolicy.cluster.snapshot': path.join(workspace, 'cluster.yaml') };
      },
      env: (root) => {
        fs.writeFileSync(path.join(root, 'kubeconfig'), KUBECONFIG);
        return { KUBECONFIG: path.join(root, 'kubeconfig') };
      },
    });
    page = session.page;
    console.log(`code-server ready in ${Date.now() - started} ms`);
    snapshotSettings = { cluster: { source: 'snapshot', snapshot: path.join(session.workspace, 'cluster.yaml') } };
    cli = cliMatch(path.join(session.workspace, 'cluster.yaml'), [session.workspace]);
    expected = await serverView(session.workspace, snapshotSettings, [DOCS, DATABASES, TEAMS, VM], { policies: ['databases'] });
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  });

  after(async () => {
    await session?.close();
  });

  it('shows the same diagnostics as the language server, with their positions, in the Problems panel', async () => {
    await openFile(DOCS);
    await page.keyboard.press('Control+Shift+M');
    const want = expected.diagnostics[DOCS]
      .map((d) => ({ message: d.message, code: String(d.code), line: d.range.start.line + 1, column: d.range.start.character + 1 }))
      .sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : 1));
    assert.ok(want.length >= 10, `the server found only ${want.length} diagnostics in ${DOCS}`);
    await expectVisible(page.locator('.markers-panel .monaco-list-row .marker-code'), 'no diagnostic in the Problems panel: did the language server start?');
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.press('Escape');
    await expectEventually(
      async () => (await problemRows()).sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : 1)),
      want,
      'the Problems panel does not list exactly the server\'s diagnostics (message, code, line, column)',
    );
    await goTo(16, 26);
    // The picture holds the lens above the second policy; it arrives on its own schedule.
    await expectVisible(editor().locator('.codelens-decoration:visible', { hasText: /Not\sevaluated/ }), 'no lens above the second policy of the file');
    await checkScreenshot(page, 'diagnostics');
    await page.keyboard.press('Control+J');
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  });

  it('shows a hover with the field\'s documentation', async () => {
    const key = editor().locator('.view-line span', { hasText: /^bandwidthPerMigration$/ }).first();
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'bytes per second' });
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(0, 0);
      await key.hover();
      try {
        await hover.first().waitFor({ timeout: 5_000 });
        break;
      } catch {
        if (attempt === 4) assert.fail(`no hover on bandwidthPerMigration after ${attempt} tries\n${session.log()}`);
      }
    }
    assert.match(await hover.first().innerText(), /Bandwidth cap of each migration/);
    await checkScreenshot(page, 'hover');
    await page.mouse.move(0, 0);
  });

  it('offers completion of the policy\'s fields', async () => {
    await openFile(DATABASES);
    try {
      await goTo(14, 23);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('allow');
      const suggest = page.locator('.suggest-widget.visible');
      const row = suggest.locator('.monaco-list-row', { hasText: 'allowWorkloadDisruption' });
      // Typing opens VS Code's own suggestions too (quick suggestions), and a Ctrl+Space that lands while
      // that list is being opened can be lost (seen once on a fast CI machine: no list for 30 s). So the
      // list is asked for again, closed first, up to four times; a server that never offers the key fails.
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+Space');
        try {
          await row.first().waitFor({ timeout: 8_000 });
          break;
        } catch {
          if (attempt === 4) {
            const widget = (await page.locator('.suggest-widget').allInnerTexts()).join(' | ').replace(/\s+/g, ' ');
            const line = (await editor().locator('.view-line', { hasText: 'allow' }).allInnerTexts()).join(' | ');
            assert.fail(`no completion list with allowWorkloadDisruption after ${attempt} tries (suggest widget: "${widget}"; lines with "allow": "${line}")\n--- code-server log (tail) ---\n${session.log()}`);
          }
          await page.keyboard.press('Escape');
        }
      }
      // The documentation beside the list (from completionItem/resolve), for a steady picture. Whether
      // VS Code opens that pane by itself varies from run to run; Ctrl+Space on an open list toggles it.
      const docs = page.locator('.suggest-details-container .suggest-details .docs');
      try {
        await docs.first().waitFor({ timeout: 5_000 });
      } catch {
        await page.keyboard.press('Control+Space');
      }
      await expectVisible(docs, 'the completion list shows no documentation for allowWorkloadDisruption');
      // The item's default and version come from completionItem/resolve, a moment after the list.
      await expectVisible(docs.filter({ hasText: 'Since KubeVirt v1.5.0' }), 'completionItem/resolve did not add the default and version to the documentation');
      // VS Code sizes the pane for the text it had first and may keep that size when resolve adds more
      // (the picture then varies from run to run): closing and reopening it lays out the whole text.
      await page.keyboard.press('Control+Space');
      await docs.first().waitFor({ state: 'hidden' });
      await page.keyboard.press('Control+Space');
      await expectVisible(docs, 'the documentation pane did not come back');
      const labels = await suggest.locator('.monaco-list-row .label-name').allInnerTexts();
      assert.ok(!labels.includes('allowPostCopy'), `allowPostCopy is already set, yet offered: ${labels.join(', ')}`);
      // While the half-typed key is an error the API server would reject, the policy takes no part in the
      // what-if evaluation, and its lens says so (the protocol tier checks this keystroke by keystroke).
      await expectEventually(lensLines, [['Not evaluated']], 'the lens of a policy with a half-typed key does not say Not evaluated');
      await checkScreenshot(page, 'completion');
    } finally {
      // Whatever failed above, the file goes back to its disk text so the next tests see the examples.
      await page.keyboard.press('Escape');
      // Undo groups typing by timing; reverting leaves the file exactly as on disk.
      await runCommand('File: Revert File');
      await expectVisible(page.locator('.tabs-container .tab.active:not(.dirty)[aria-label^="databases.yaml"]'), 'databases.yaml is still modified after File: Revert File');
    }
  });

  it('shows the snapshot and its counts in the status bar, as the server reports them', async () => {
    const want = statusBarText(expected.status);
    assert.ok(want.includes(`${cli.vmis.length} VMIs`), `the server's status (${want}) and the CLI (${cli.vmis.length} VMIs) disagree`);
    await expectEventually(statusText, want, 'the status bar item does not show the server\'s status text');
  });

  it('shows the code lenses the server computes, with the match numbers of `migrationpolicy match`', async () => {
    await page.keyboard.press('Control+Home');
    assert.equal(expected.lenses[DATABASES][0][0], lensTitleFromCli(cli, 'databases'), 'the server\'s lens and the CLI disagree on databases');
    await expectEventually(lensLines, sortLines(expected.lenses[DATABASES]), `the lenses of ${DATABASES} are not the server's`);
    await openFile(TEAMS);
    for (const policy of ['hpc', 'staging']) assert.ok(expected.lenses[TEAMS].some((line) => line[0] === lensTitleFromCli(cli, policy)), `no lens line starting ${lensTitleFromCli(cli, policy)} in ${TEAMS}: ${JSON.stringify(expected.lenses[TEAMS])}`);
    await expectEventually(lensLines, sortLines(expected.lenses[TEAMS]), `the lenses of ${TEAMS} are not the server's`);
    await openFile(DATABASES);
    await page.keyboard.press('Control+Home');
    await checkScreenshot(page, 'codelens');
  });

  it('names, above a VirtualMachine, the policy it would migrate under, as the server does', async () => {
    assert.ok(expected.lenses[VM].some((line) => line[0].startsWith('migrates under databases')), `the server's VM lens: ${JSON.stringify(expected.lenses[VM])}`);
    await openFile(VM);
    await expectEventually(lensLines, sortLines(expected.lenses[VM]), `the lenses of ${VM} are not the server's`);
    await page.keyboard.press('Control+Home');
    await checkScreenshot(page, 'vm-lens');
    await openFile(DATABASES);
  });

  it('lists the VMIs of the lens when it is clicked, and opens the one chosen', async () => {
    const report = expected.reports.databases;
    const stats = cli.policies.find((p) => p.name === 'databases');
    assert.deepEqual([report.matched, report.won], [stats?.matched, stats?.won], 'the server\'s report and the CLI disagree');
    assert.deepEqual(report.vmis.filter((v) => v.winner === 'databases').map((v) => `${v.namespace}/${v.name}`).sort(), cli.vmis.filter((v) => v.policy === 'databases').map((v) => `${v.namespace}/${v.name}`).sort());
    await editor().locator('.codelens-decoration a', { hasText: lensTitleFromCli(cli, 'databases') }).first().click();
    const pick = quickInput();
    await expectVisible(pick.locator('.quick-input-title', { hasText: matchTitle(report) }), `clicking the lens showed no list titled ${matchTitle(report)}`);
    const want = matchItems(report).map((item) => `${item.label} ${item.description}`);
    const seen: string[] = [];
    for (let i = 0; i < want.length; i++) {
      seen.push(await pick.locator('.monaco-list-row.focused').evaluate((r) => `${(r.querySelector('.label-name')?.textContent ?? '').trim()} ${(r.querySelector('.label-description')?.textContent ?? '').trim()}`));
      if (i < want.length - 1) await page.keyboard.press('ArrowDown');
    }
    assert.deepEqual(seen, want, 'the VMI list is not the server\'s report');
    await checkScreenshot(page, 'matches');
    const [namespace, name] = matchItems(report)[want.length - 1].label.split('/');
    await page.keyboard.press('Enter');
    await expectVisible(page.locator(`.tabs-container .tab[aria-label^="${name}.yaml"]`), `choosing ${namespace}/${name} opened no VMI document`);
    await expectVisible(editor().locator('.view-line', { hasText: `VirtualMachineInstance ${namespace}/${name}` }), 'the VMI document does not show the VMI');
  });

  it('lists the same VMIs from the Command Palette, for the policy at the cursor', async () => {
    await page.keyboard.press('Control+1');
    await page.locator('.tabs-container .tab.active[aria-label^="databases.yaml"]').waitFor();
    await goTo(10, 9);
    await runCommand('MigrationPolicy: Show VMIs Matched by This Policy');
    await expectVisible(page.locator('.quick-input-title', { hasText: matchTitle(expected.reports.databases) }), 'the command showed no match list for the databases policy');
    await page.keyboard.press('Escape');
  });

  it('colours policy keys like other YAML keys in the Light and Dark themes', async () => {
    // test/grammar/themes: 2026-light.json and 2026-dark.json colour entity.name.tag (YAML keys) so.
    for (const [theme, keyColor, className] of [['Light 2026', '#116329', 'vs'], ['Dark 2026', '#7EE787', 'vs-dark']] as const) {
      await pickTheme(theme, className);
      const key = editor().locator('.view-line span', { hasText: /^bandwidthPerMigration$/ }).first();
      const metadata = editor().locator('.view-line span', { hasText: /^metadata$/ }).first();
      await expectEventually(async () => cssColorToHex(await key.evaluate(computedColor)), keyColor, `bandwidthPerMigration is not ${keyColor} in ${theme}`);
      assert.equal(cssColorToHex(await metadata.evaluate(computedColor)), keyColor, `metadata (a plain YAML key) is not ${keyColor} in ${theme}`);
      const pixels = countColor(await key.screenshot(), keyColor);
      assert.ok(pixels >= 20, `only ${pixels} pixels of ${keyColor} in the screenshot of bandwidthPerMigration in ${theme}`);
      await checkScreenshot(page, `theme-${className === 'vs' ? 'light' : 'dark'}`);
    }

  });

  it('offers the cluster actions when the status bar item is clicked', async () => {
    await statusItem().click();
    await expectVisible(quickInput().locator('.quick-input-title', { hasText: 'MigrationPolicy: cluster data' }), 'clicking the status bar item showed no cluster actions');
    const labels = await quickInput().locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => (r.querySelector('.label-name')?.textContent ?? '').trim()));
    for (const action of ['Select Kubeconfig Context…', 'Use Snapshot File…', 'Refresh Cluster Data', 'No Cluster Data']) assert.ok(labels.includes(action), `no "${action}" among the cluster actions: ${labels.join(', ')}`);
    await checkScreenshot(page, 'status-actions');
    await page.keyboard.press('Escape');
  });

  it('switches to another snapshot with "Use Snapshot File…", and the lens and status follow', async () => {
    const small = path.join(session.workspace, SMALL_CLUSTER_FILE);
    const smallCli = cliMatch(small, [session.workspace]);
    const smallView = await serverView(session.workspace, { cluster: { source: 'snapshot', snapshot: small } }, [DATABASES]);
    assert.equal(smallView.lenses[DATABASES][0][0], lensTitleFromCli(smallCli, 'databases'));
    await statusItem().click();
    await quickInput().locator('.monaco-list-row', { hasText: 'Use Snapshot File…' }).first().click();
    // The workspace's files that look like kubectl's List output, the one in use marked, then Browse….
    await expectVisible(quickInput().locator('.quick-input-title', { hasText: 'Cluster snapshot' }), 'no list of snapshot files');
    const rows = async () => quickInput().locator('.monaco-list-row').evaluateAll((all) => all.map((r) => [(r.querySelector('.label-name')?.textContent ?? '').trim(), (r.querySelector('.label-description')?.textContent ?? '').trim()]));
    await expectEventually(rows, [['cluster.yaml', 'in use'], [SMALL_CLUSTER_FILE, ''], ['Browse…', 'any YAML or JSON file made by kubectl get … -o yaml']], 'the snapshot list is not the workspace\'s snapshots and Browse…');
    await checkScreenshot(page, 'use-snapshot');
    await quickInput().locator('.monaco-list-row', { hasText: SMALL_CLUSTER_FILE }).first().click();
    await expectEventually(statusText, statusBarText(smallView.status), 'the status bar does not show the new snapshot');
    await expectEventually(lensLines, sortLines(smallView.lenses[DATABASES]), 'the lenses do not follow the new snapshot');
    const settings = JSON.parse(fs.readFileSync(path.join(session.workspace, '.vscode', 'settings.json'), 'utf8'));
    assert.deepEqual([settings['migrationpolicy.cluster.source'], settings['migrationpolicy.cluster.snapshot']], ['snapshot', small]);
  });

  it('lists the kubeconfig\'s contexts with "Select Kubeconfig Context…", and reads the chosen one', async () => {
    const kubeconfig = path.join(session.root, 'kubeconfig');
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    const kubeView = await serverView(session.workspace, { cluster: { source: 'kube', context: 'prod' } }, [DATABASES], { env });
    await runCommand('MigrationPolicy: Select Kubeconfig Context…');
    await expectVisible(quickInput().locator('.quick-input-title', { hasText: 'Kubeconfig context' }), 'no context list');
    const labels = await quickInput().locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => (r.querySelector('.label-name')?.textContent ?? '').trim()));
    assert.deepEqual(labels, ['dev', 'prod']);
    await checkScreenshot(page, 'select-context');
    await quickInput().locator('.monaco-list-row', { hasText: 'prod' }).first().click();
    await expectEventually(statusText, statusBarText(kubeView.status), 'the status bar does not show the chosen context\'s state');
    await expectEventually(lensLines, sortLines(kubeView.lenses[DATABASES]), 'the lenses do not show the chosen context\'s state');
    const settings = JSON.parse(fs.readFileSync(path.join(session.workspace, '.vscode', 'settings.json'), 'utf8'));
    assert.deepEqual([settings['migrationpolicy.cluster.source'], settings['migrationpolicy.cluster.context']], ['kube', 'prod']);
  });
});
