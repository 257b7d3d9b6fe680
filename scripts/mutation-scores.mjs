// Mutation scores per file, per folder and overall, from Stryker incremental (or JSON) reports, for the
// files the `mutate` globs of stryker.config.json name. Prints a Markdown table; `--write` puts it into
// README.md between the `<!-- mutation:scores -->` and `<!-- /mutation:scores -->` markers.
//
//   node scripts/mutation-scores.mjs                      # test/mutation/stryker-incremental.json
//   node scripts/mutation-scores.mjs --runs               # ... with every test/mutation/runs/*.json folded in (undated names, then dated)
//   node scripts/mutation-scores.mjs a.json b.json        # ... with these reports folded in, in this order
//   node scripts/mutation-scores.mjs --runs --write       # and replace the table in README.md
//
// Options: --report FILE (the base report; default test/mutation/stryker-incremental.json), --config FILE
// (default stryker.config.json), --root DIR (default: the repository this script is in), --readme FILE
// (default README.md). Extra reports are folded in memory the way scripts/merge-mutation-reports.mjs
// folds them: a file in a later report replaces the same file of an earlier one. Nothing but README.md
// (with --write) is written.
//
// Counting (as Stryker and the README count): killed includes timeouts; errors are compile and runtime
// errors; ignored mutants are left out; score = killed / (mutants - errors). A file whose source changed
// since its run is marked "changed": its figures are for the old code (the next incremental run re-tests
// what changed).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BEGIN = '<!-- mutation:scores -->';
export const END = '<!-- /mutation:scores -->';

/** Counts of one file's mutants (or a sum of files). */
export function countMutants(mutants) {
  const c = { mutants: 0, killed: 0, survived: 0, noCoverage: 0, errors: 0 };
  for (const m of mutants) {
    if (m.status === 'Ignored') continue;
    c.mutants++;
    if (m.status === 'Killed' || m.status === 'Timeout') c.killed++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else if (m.status === 'CompileError' || m.status === 'RuntimeError') c.errors++;
  }
  return c;
}

export function add(a, b) {
  return { mutants: a.mutants + b.mutants, killed: a.killed + b.killed, survived: a.survived + b.survived, noCoverage: a.noCoverage + b.noCoverage, errors: a.errors + b.errors };
}

/** Score in percent, or undefined when no valid mutant. */
export function score(c) {
  const valid = c.mutants - c.errors;
  return valid > 0 ? (100 * c.killed) / valid : undefined;
}

/** Where a mutant is and what it does: the same key in two runs of the same source is the same mutant. */
export const mutantKey = (m) => `${m.mutatorName}|${m.replacement}|${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}`;

/**
 * A file's entry after a later run of it. When the source is the same, runs over different line ranges add
 * up (a later run's mutant replaces the earlier one with the same key); when the source changed, the later
 * run replaces the file.
 */
export function foldFile(earlier, later) {
  if (!earlier || earlier.source !== later.source) return later;
  const keys = new Set(later.mutants.map(mutantKey));
  return { ...later, mutants: [...earlier.mutants.filter((m) => !keys.has(mutantKey(m))), ...later.mutants] };
}

/** The files of several reports, folded in order (foldFile). */
export function foldReports(reports) {
  const files = {};
  for (const report of reports) for (const [file, entry] of Object.entries(report.files ?? {})) files[file] = foldFile(files[file], entry);
  return files;
}

/** A glob (`**`, `*`, `?`; a `:10-50` line range is dropped) as a regular expression over '/' paths. */
export function globToRegExp(glob) {
  const pattern = glob.replace(/:\d+-\d+$/, '');
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        re += '(?:[^/]*/)*';
      } else re += '.*';
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The order runs are folded in (a later run of the same file wins): the undated names of the first runs
 * (`features-hover.json`) before the dated ones (`2026-11-30-s21-clusterhover.json`), each group by name.
 */
export function runOrder(names) {
  const dated = (n) => /^\d{4}-\d{2}-\d{2}-/.test(n);
  // By name without `.json`, so that `x.json` comes before its re-runs `x-1.json`, `x-2.json` ('-' sorts before '.').
  const stem = (n) => n.replace(/\.json$/, '');
  return [...names].sort((a, b) => Number(dated(a)) - Number(dated(b)) || (stem(a) < stem(b) ? -1 : stem(a) > stem(b) ? 1 : 0));
}

function walk(dir, root, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, root, out);
    else out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

/** The files under `root` that the `mutate` globs name (a `!glob` excludes), sorted. */
export function mutatedFiles(root, globs) {
  const include = globs.filter((g) => !g.startsWith('!')).map(globToRegExp);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => globToRegExp(g.slice(1)));
  const bases = new Set(globs.filter((g) => !g.startsWith('!')).map((g) => g.replace(/:\d+-\d+$/, '').split('/').filter((part, i, parts) => !/[*?]/.test(parts.slice(0, i + 1).join('/'))).join('/')));
  const candidates = new Set();
  for (const base of bases) {
    const full = join(root, base);
    if (existsSync(full) && statSync(full).isFile()) candidates.add(base);
    else for (const f of walk(full, root, [])) candidates.add(f);
  }
  return [...candidates].filter((f) => include.some((re) => re.test(f)) && !exclude.some((re) => re.test(f))).sort();
}

/** The folder a file is grouped under: the directory below the globs' common `src/` (policy, document, ...). */
export function folderOf(file) {
  const parts = file.split('/');
  const src = parts.lastIndexOf('src');
  return src >= 0 && src + 2 < parts.length ? parts[src + 1] : parts.slice(0, -1).join('/') || '.';
}

/** Rows per file, folder and overall, and the files without a result. */
export function computeScores({ files, targets, readSource }) {
  const rows = [];
  const folders = new Map();
  let total = countMutants([]);
  for (const file of targets) {
    const folder = folderOf(file);
    if (!folders.has(folder)) folders.set(folder, { counts: countMutants([]), measured: 0, missing: [] });
    const f = folders.get(folder);
    const entry = files[file];
    if (!entry) {
      f.missing.push(file);
      continue;
    }
    const counts = countMutants(entry.mutants);
    const lines = entry.mutants.filter((m) => m.status !== 'Ignored').map((m) => m.location.start.line);
    const source = readSource(file);
    rows.push({
      file,
      folder,
      counts,
      firstLine: lines.length ? Math.min(...lines) : undefined,
      lastLine: lines.length ? Math.max(...lines) : undefined,
      fileLines: source === undefined ? undefined : source.split('\n').length - (source.endsWith('\n') ? 1 : 0),
      changed: source !== undefined && entry.source !== undefined && source !== entry.source,
    });
    f.counts = add(f.counts, counts);
    f.measured++;
    total = add(total, counts);
  }
  return { rows, folders, total, missing: [...folders.values()].flatMap((f) => f.missing) };
}

const pct = (c) => {
  const s = score(c);
  return s === undefined ? 'n/a' : `${s.toFixed(1)}%`;
};

/** A file's path below `src/` (`policy/labels.ts`), as the tables name it. */
export function shortName(file) {
  const parts = file.split('/');
  const src = parts.lastIndexOf('src');
  return src >= 0 ? parts.slice(src + 1).join('/') : file;
}

/** The Markdown table (and the list of files without a result). */
export function renderMarkdown({ rows, folders, total, missing }) {
  const cells = (c) => `${c.mutants} | ${c.killed} | ${c.survived} | ${c.noCoverage} | ${c.errors}`;
  const out = ['| scope | mutants | killed | survived | no coverage | errors | score | lines measured |', '|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const [folder, f] of folders) {
    for (const r of rows.filter((row) => row.folder === folder)) {
      const span = r.firstLine === undefined ? '–' : `${r.firstLine}–${r.lastLine}${r.fileLines === undefined ? '' : ` of ${r.fileLines}`}`;
      out.push(`| \`${shortName(r.file)}\`${r.changed ? ' (changed since)' : ''} | ${cells(r.counts)} | ${pct(r.counts)} | ${span} |`);
    }
    const of = f.measured + f.missing.length;
    out.push(`| **\`${folder}/\`** (${f.measured} of ${of} files) | ${cells(f.counts)} | **${pct(f.counts)}** | |`);
  }
  const files = [...folders.values()].reduce((n, f) => n + f.measured + f.missing.length, 0);
  out.push(`| **overall** (${rows.length} of ${files} files) | ${cells(total)} | **${pct(total)}** | |`);
  out.push('');
  out.push(missing.length ? `No result yet: ${missing.map((f) => `\`${shortName(f)}\``).join(', ')}.` : 'Every file has a result.');
  return `${out.join('\n')}\n`;
}

/** README text with the table between the markers replaced; throws when the markers are missing. */
export function replaceBetweenMarkers(text, table) {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`markers ${BEGIN} … ${END} not found`);
  return `${text.slice(0, begin + BEGIN.length)}\n${table}${text.slice(end)}`;
}

function main(argv) {
  const opts = { report: undefined, config: 'stryker.config.json', root: resolve(dirname(fileURLToPath(import.meta.url)), '..'), readme: 'README.md', write: false, runs: false, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--write') opts.write = true;
    else if (a === '--runs') opts.runs = true;
    else if (a === '--report') opts.report = value();
    else if (a === '--config') opts.config = value();
    else if (a === '--root') opts.root = resolve(value());
    else if (a === '--readme') opts.readme = value();
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/mutation-scores.mjs [--report BASE.json] [--runs] [EXTRA.json...] [--config stryker.config.json] [--root DIR] [--write [--readme README.md]]');
      return 0;
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.extra.push(a);
  }
  const at = (p) => resolve(opts.root, p);
  const basePath = at(opts.report ?? 'test/mutation/stryker-incremental.json');
  const paths = [basePath];
  if (opts.runs) {
    const dir = at('test/mutation/runs');
    if (existsSync(dir)) paths.push(...runOrder(readdirSync(dir).filter((n) => n.endsWith('.json'))).map((n) => join(dir, n)));
  }
  paths.push(...opts.extra.map((p) => resolve(p)));
  const reports = paths.map((p) => {
    try {
      return JSON.parse(readFileSync(p, 'utf8'));
    } catch (err) {
      throw new Error(`cannot read report ${p}: ${err.message}`);
    }
  });
  const config = JSON.parse(readFileSync(at(opts.config), 'utf8'));
  const targets = mutatedFiles(opts.root, config.mutate ?? []);
  const readSource = (file) => (existsSync(at(file)) ? readFileSync(at(file), 'utf8') : undefined);
  const table = renderMarkdown(computeScores({ files: foldReports(reports), targets, readSource }));
  if (opts.write) {
    const readme = at(opts.readme);
    writeFileSync(readme, replaceBetweenMarkers(readFileSync(readme, 'utf8'), table));
  }
  process.stdout.write(table);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`mutation-scores: ${err.message}`);
    process.exitCode = 2;
  }
}
