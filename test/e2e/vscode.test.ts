// End to end in a real VS Code (code-server in Chromium): the built .vsix installed offline, the
// examples folder open, and assertions on what a user sees: a diagnostic in the Problems panel, a hover,
// a completion list, a code lens computed from the bundled demo cluster (examples/cluster.yaml), the
// status bar item, and the match list behind the lens. Screenshots go to test-results/e2e/.
// Run with `npm run test:e2e` (installs the tools once, packages the .vsix, compiles, runs this).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../support/fixture';
import { startSession } from './codeServer';
import type { Session } from './codeServer';

const VSIX = path.join(repoRoot, 'kubevirt-migrationpolicy.vsix');
const SHOTS = path.join(repoRoot, 'test-results', 'e2e');

let session: Session;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
const editor = () => page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();

/** Quick Open (Ctrl+P): types the file name and opens the match once it is listed. */
async function openFile(name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
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

/** Waits for a locator, failing with `message` (and code-server's log) instead of a bare time-out. */
async function expectVisible(locator: Locator, message: string, timeout = 30_000): Promise<void> {
  try {
    await locator.first().waitFor({ timeout });
  } catch {
    assert.fail(`${message}\n--- code-server log (tail) ---\n${session.log()}`);
  }
}

describe('VS Code (code-server) with the packaged extension', { timeout: 240_000 }, () => {
  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` (npm run test:e2e does)`);
    fs.mkdirSync(SHOTS, { recursive: true });
    const started = Date.now();
    session = await startSession(VSIX, path.join(repoRoot, 'examples'));
    page = session.page;
    console.log(`code-server ready in ${Date.now() - started} ms`);
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  });

  after(async () => {
    await session?.close();
  });

  it('shows diagnostics of a policy in the Problems panel', async () => {
    await openFile('from-the-docs.yaml');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await expectVisible(problems.locator('.monaco-list-row', { hasText: 'Unknown field `completionTimeoutPerGB` in spec' }), 'no unknown-field diagnostic in the Problems panel: did the language server start?');
    await expectVisible(problems.locator('.monaco-list-row', { hasText: '`MB` is not a Kubernetes suffix' }), 'no quantity-invalid diagnostic');
    await expectVisible(problems.locator('.monaco-list-row', { hasText: 'unknown-field' }), 'diagnostics carry their code');
    await goTo(16, 26);
    await shot('diagnostics');
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
    await shot('hover');
    await page.mouse.move(0, 0);
  });

  it('offers completion of the policy\'s fields', async () => {
    await openFile('databases.yaml');
    await goTo(14, 23);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('allow');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget.visible');
    await expectVisible(suggest.locator('.monaco-list-row', { hasText: 'allowWorkloadDisruption' }), 'no completion list with allowWorkloadDisruption');
    const labels = await suggest.locator('.monaco-list-row .label-name').allInnerTexts();
    assert.ok(!labels.includes('allowPostCopy'), `allowPostCopy is already set, yet offered: ${labels.join(', ')}`);
    await shot('completion');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
  });

  it('shows the cluster status in the status bar', async () => {
    const item = page.locator('.part.statusbar .statusbar-item', { hasText: /demo snapshot · \d+ ns · \d+ VMIs · \d+ policies/ });
    await expectVisible(item, `no status bar item with the demo snapshot's counts; the status bar shows: ${await page.locator('.part.statusbar').innerText()}`);
  });

  it('shows a code lens computed from the demo cluster, and its VMIs when clicked', async () => {
    await page.keyboard.press('Control+Home');
    const lens = editor().locator('.codelens-decoration a', { hasText: /matches \d+ VMI/ });
    await expectVisible(lens, 'no code lens matching /matches \\d+ VMI/ above the databases policy (cluster features of the server, examples/cluster.yaml)', 30_000);
    await shot('codelens');
    await lens.first().click();
    const pick = page.locator('.quick-input-widget');
    await expectVisible(pick.locator('.monaco-list-row', { hasText: /\w+\/\S+/ }), 'clicking the lens showed no VMI list');
    assert.match(await pick.locator('.quick-input-title').innerText(), /databases matches \d+ VMIs?, wins \d+ · demo snapshot/);
    await shot('matches');
    const first = (await pick.locator('.monaco-list-row .label-name').first().innerText()).trim();
    await page.keyboard.press('Enter');
    const [namespace, name] = first.split('/');
    await expectVisible(page.locator(`.tabs-container .tab[aria-label^="${name}.yaml"]`), `choosing ${first} opened no VMI document`);
    await expectVisible(editor().locator('.view-line', { hasText: `VirtualMachineInstance ${namespace}/${name}` }), 'the VMI document does not show the VMI');
    await shot('vmi');
  });

  it('lists the same VMIs from the Command Palette, for the policy at the cursor', async () => {
    await page.keyboard.press('Control+1');
    await page.locator('.tabs-container .tab.active[aria-label^="databases.yaml"]').waitFor();
    await goTo(10, 9);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>MigrationPolicy: Show VMIs Matched by This Policy');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show VMIs Matched by This Policy' }).first().waitFor();
    await page.keyboard.press('Enter');
    await expectVisible(page.locator('.quick-input-title', { hasText: /^databases matches \d+ VMIs?, wins \d+/ }), 'the command showed no match list for the databases policy');
    await page.keyboard.press('Escape');
  });
});
