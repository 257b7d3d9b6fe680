// Screenshots of the VS Code tier: each is saved to test-results/e2e/ and compared with the stored one
// in images/screenshots/ (the README's pictures) within a tolerance, so a change a user would see fails
// the run. UPDATE_SCREENSHOTS=1 stores the new ones instead (images/screenshots/update.sh shrinks them).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/fixture';

export const SHOTS = path.join(repoRoot, 'test-results', 'e2e');
export const STORED = path.join(repoRoot, 'images', 'screenshots');

/** pixelmatch's per-pixel colour distance (0..1; it also ignores anti-aliasing). */
const PIXEL_THRESHOLD = 0.2;
/**
 * The share of pixels that may differ: font hinting, a spinner. Not a changed lens, a moved panel or a
 * different list (1,280 × 800 pixels: 0.5% is about 5,000, a line of text is 3,000 to 8,000). What varies
 * from run to run by design is hidden or masked before the picture is taken (see `steady`).
 */
export const MAX_DIFF_RATIO = 0.005;

/**
 * Hides what changes between runs of the same steps: the caret (it blinks), scrollbars (they fade in
 * and out with the mouse; the session runs with reduced motion, so lists do not fade in either), and masks text that holds the time of the run (a VMI document's "read at",
 * a lens's "next try at") or the state of the machine (the forwarded-ports count).
 */
async function steady(page: Page) {
  await page.addStyleTag({ content: '.monaco-editor .cursors-layer, .monaco-scrollable-element > .scrollbar { visibility: hidden !important; }' });
  return {
    mask: [
      page.locator('.view-line', { hasText: /read\sat\s\d{4}-\d\d-\d\dT/ }),
      page.locator('.codelens-decoration', { hasText: /next\stry\sat/ }),
      // code-server's forwarded-ports count: it counts whatever listens on the machine.
      page.locator('.part.statusbar [id="status.forwardedPorts"], .part.statusbar .statusbar-item:has(.codicon-radio-tower)'),
    ],
    maskColor: '#808080',
  };
}

export interface ShotComparison {
  differing: number;
  ratio: number;
  /** Where the differing pixels are, as `x0,y0-x1,y1` (the failure message says it, for a run seen only as a log). */
  box?: string;
}

/**
 * A screenshot taken once the page has stopped changing, as Playwright's own `toHaveScreenshot` does:
 * animations are finished first (a hover fading in was caught half-transparent: the whole widget's text
 * differed by 0.4-0.8%), then pictures are taken until two in a row are the same.
 */
async function stableScreenshot(page: Page, options: Awaited<ReturnType<typeof steady>>): Promise<Buffer> {
  const deadline = Date.now() + 5_000;
  let previous = await page.screenshot({ ...options, animations: 'disabled' });
  for (;;) {
    await page.waitForTimeout(100);
    const next = await page.screenshot({ ...options, animations: 'disabled' });
    if (next.equals(previous) || Date.now() > deadline) return next;
    previous = next;
  }
}

/** Compares two PNGs; writes the difference image beside `diffPath` when given. */
export async function comparePng(actual: Buffer, expected: Buffer, diffPath?: string): Promise<ShotComparison> {
  const { default: pixelmatch } = await import('pixelmatch');
  const a = PNG.sync.read(actual);
  const e = PNG.sync.read(expected);
  if (a.width !== e.width || a.height !== e.height) return { differing: a.width * a.height, ratio: 1 };
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, e.data, diff.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  if (diffPath && differing) fs.writeFileSync(diffPath, PNG.sync.write(diff));
  return { differing, ratio: differing / (a.width * a.height), box: differing ? differingBox(diff) : undefined };
}

/** The bounding box of the pixels pixelmatch painted as differing (pure red in its output), as `x0,y0-x1,y1`. */
function differingBox(diff: PNG): string {
  let [x0, y0, x1, y1] = [diff.width, diff.height, -1, -1];
  for (let y = 0; y < diff.height; y++) {
    for (let x = 0; x < diff.width; x++) {
      const i = (y * diff.width + x) * 4;
      if (diff.data[i] !== 255 || diff.data[i + 1] !== 0 || diff.data[i + 2] !== 0) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return `${x0},${y0}-${x1},${y1}`;
}

/** Takes a screenshot of the page and compares it with images/screenshots/<name>.png. */
export async function checkScreenshot(page: Page, name: string): Promise<ShotComparison> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  const actual = await stableScreenshot(page, await steady(page));
  fs.writeFileSync(file, actual);
  const stored = path.join(STORED, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS) {
    fs.copyFileSync(file, stored);
    return { differing: 0, ratio: 0 };
  }
  assert.ok(fs.existsSync(stored), `no stored screenshot ${stored}: UPDATE_SCREENSHOTS=1 npm run test:e2e stores it (review it, then images/screenshots/update.sh)`);
  const result = await comparePng(actual, fs.readFileSync(stored), path.join(SHOTS, `${name}.diff.png`));
  assert.ok(result.ratio <= MAX_DIFF_RATIO, `screenshot ${name} differs from ${stored} in ${result.differing} pixels (${(result.ratio * 100).toFixed(2)}% > ${MAX_DIFF_RATIO * 100}%), within ${result.box}: see ${path.join(SHOTS, `${name}.diff.png`)}; UPDATE_SCREENSHOTS=1 accepts a deliberate change`);
  return result;
}

/** The colour `#RRGGBB` of a CSS `rgb(r, g, b)` value. */
export function cssColorToHex(css: string): string {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  return `#${m
    .slice(1, 4)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`.toUpperCase();
}

/** How many pixels of a PNG have exactly this `#RRGGBB` colour (the cores of text glyphs do). */
export function countColor(png: Buffer, hex: string): number {
  const image = PNG.sync.read(png);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < image.data.length; i += 4) if (image.data[i] === r && image.data[i + 1] === g && image.data[i + 2] === b) n++;
  return n;
}
