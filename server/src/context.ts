// Where a file sits in the user's repository, read from the file system: a template of a Helm chart
// (a `templates/` folder beside a Chart.yaml), or a patch that a kustomization.yaml names. The CLI and
// the language server ask here and hand the answer to the pure engine as a DocumentMode.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { DocumentMode } from './document/template';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;
/** How many folders up a kustomization.yaml may be from the patches it names. */
const MAX_LEVELS = 6;

/** What one kustomization.yaml says about the files it names (absolute paths). */
interface Kustomization {
  resources: Set<string>;
  /** Patch files, with the target kind when the entry names one. */
  patches: Map<string, string | undefined>;
}

/** Reads (and caches) charts and kustomizations; `forget()` when one of them changes on disk. */
export class RepositoryContext {
  private readonly kustomizations = new Map<string, Kustomization | null>();
  private readonly charts = new Map<string, boolean>();

  forget(): void {
    this.kustomizations.clear();
    this.charts.clear();
  }

  /**
   * How the file is read: `helm-template`, `patch` (a Kustomize patch of a MigrationPolicy), `kustomize`
   * (a resource of a kustomization: complete, but read and written by kustomize first) or `complete`.
   */
  modeOf(file: string): DocumentMode {
    const absolute = path.resolve(file);
    if (this.chartOf(absolute)) return 'helm-template';
    let asPatch = false;
    for (const k of this.kustomizationsAbove(absolute)) {
      if (k.resources.has(absolute)) return 'kustomize';
      if (k.patches.has(absolute)) {
        const kind = k.patches.get(absolute);
        if (kind === undefined || kind === 'MigrationPolicy') asPatch = true;
      }
    }
    return asPatch ? 'patch' : 'complete';
  }

  /** The chart's root folder when the file is one of its templates (under `templates/`, Chart.yaml beside). */
  chartOf(file: string): string | undefined {
    let dir = path.dirname(path.resolve(file));
    for (let level = 0; level < MAX_LEVELS; level++) {
      if (path.basename(dir) === 'templates' && this.isChart(path.dirname(dir))) return path.dirname(dir);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  /** Whether the folder holds a Chart.yaml. */
  isChart(dir: string): boolean {
    let known = this.charts.get(dir);
    if (known === undefined) {
      known = isRegularFile(path.join(dir, 'Chart.yaml'));
      this.charts.set(dir, known);
    }
    return known;
  }

  /** The chart whose values file this is (`values.yaml` beside a Chart.yaml), or undefined. */
  chartOfValues(file: string): string | undefined {
    const absolute = path.resolve(file);
    return /^values\.ya?ml$/.test(path.basename(absolute)) && this.isChart(path.dirname(absolute)) ? path.dirname(absolute) : undefined;
  }

  private *kustomizationsAbove(file: string): Iterable<Kustomization> {
    let dir = path.dirname(file);
    for (let level = 0; level < MAX_LEVELS; level++) {
      const k = this.kustomizationIn(dir);
      if (k) yield k;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }

  private kustomizationIn(dir: string): Kustomization | null {
    const cached = this.kustomizations.get(dir);
    if (cached !== undefined) return cached;
    let result: Kustomization | null = null;
    for (const name of KUSTOMIZATION_NAMES) {
      const file = path.join(dir, name);
      if (!isRegularFile(file)) continue;
      try {
        if (fs.statSync(file).size <= MAX_KUSTOMIZATION_BYTES) result = readKustomization(dir, fs.readFileSync(file, 'utf8'));
      } catch {
        result = null;
      }
      break;
    }
    this.kustomizations.set(dir, result);
    return result;
  }
}

/** The files a kustomization names as resources and as patches (strategic merge and JSON 6902). */
export function readKustomization(dir: string, text: string): Kustomization {
  const result: Kustomization = { resources: new Set(), patches: new Map() };
  let k: unknown;
  try {
    k = parse(text, { uniqueKeys: false });
  } catch {
    return result;
  }
  if (!k || typeof k !== 'object') return result;
  const doc = k as Record<string, unknown>;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const resolve = (p: unknown) => (typeof p === 'string' && p && !p.includes('\n') && !/^[a-z]+:\/\//i.test(p) ? path.resolve(dir, p) : undefined);
  // No target: a strategic-merge patch that names its object itself. A target without a kind: not known to be ours.
  const kindOf = (target: unknown) => (target === undefined || target === null ? undefined : typeof (target as { kind?: unknown }).kind === 'string' ? (target as { kind: string }).kind : '');
  for (const r of [...list(doc.resources), ...list(doc.bases)]) {
    const p = resolve(r);
    if (p) result.resources.add(p);
  }
  for (const r of list(doc.patchesStrategicMerge)) {
    const p = resolve(r);
    if (p) result.patches.set(p, undefined);
  }
  for (const entry of [...list(doc.patches), ...list(doc.patchesJson6902)]) {
    if (!entry || typeof entry !== 'object') continue;
    const p = resolve((entry as { path?: unknown }).path);
    if (p) result.patches.set(p, kindOf((entry as { target?: unknown }).target));
  }
  return result;
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const MAX_TEMPLATES = 500;

/** The YAML templates of a chart (under `templates/`, recursively), sorted. */
export function chartTemplateFiles(chart: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4 && !e.name.startsWith('.')) visit(full, depth + 1);
      else if (e.isFile() && /\.ya?ml$/i.test(e.name) && found.length < MAX_TEMPLATES) found.push(full);
    }
  };
  visit(path.join(chart, 'templates'), 0);
  return found;
}
