// The survivor ledger: every mutant that survived (or that no test reached) in the folded mutation results,
// set against test/mutation/survivors.json, where each one is classified with a reason. Issue 16 asks that
// every survivor that matters gets a test and that the equivalent ones are marked as such, with a reason;
// this makes that checkable per file instead of prose.
//
//   node scripts/mutation-survivors.mjs                    # counts per file: survivors, classified, left
//   node scripts/mutation-survivors.mjs --list FILE        # the survivors of FILE not classified yet
//   node scripts/mutation-survivors.mjs --list FILE --all  # every survivor of FILE, with its entry
//   node scripts/mutation-survivors.mjs --check            # exit 1 on a malformed or stale entry
//   node scripts/mutation-survivors.mjs --prune            # drop the stale entries (after a re-run), rewrite the ledger
//
// FILE may be a path or its tail (`policy/matching.ts`). Results are folded as `mutation-scores.mjs --runs`
// folds them (test/mutation/stryker-incremental.json, then test/mutation/runs/*.json).
//
// An entry names its mutant by file, mutator, replacement and the code the mutant replaces (as the run's
// source has it, whitespace runs folded to one space), with the line as a hint: the entry goes to the
// survivor with the same four whose line is nearest (then whose column is nearest, for an entry that gives
// `column`: two mutants of the same code on one line), one survivor per entry. So entries keep their mutant
// when lines move, and an entry whose mutant was killed (or whose code changed) is reported as stale.
//
// Verdicts:
//   equivalent  no test can tell the mutant from the code (`reason` says why);
//   tested      a test written after the run kills it (`test` names its file under test/, as unit/x.test.ts; the next run of the
//               file shows it killed, and the entry goes);
//   open        it matters and no test kills it yet (`reason` says what a test would have to do).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldReports, mutatedFiles, runOrder, shortName } from './mutation-scores.mjs';

export const VERDICTS = ['equivalent', 'tested', 'open'];
const SURVIVED = new Set(['Survived', 'NoCoverage']);

export const normalize = (code) => code.replace(/\s+/g, ' ').trim();

/** The source text a mutant replaces (locations are 1-based; the end column is exclusive). */
export function codeOf(source, location) {
  const lines = source.split('\n');
  const { start, end } = location;
  if (start.line === end.line) return lines[start.line - 1]?.slice(start.column - 1, end.column - 1) ?? '';
  const parts = [lines[start.line - 1]?.slice(start.column - 1) ?? ''];
  for (let l = start.line + 1; l < end.line; l++) parts.push(lines[l - 1] ?? '');
  parts.push(lines[end.line - 1]?.slice(0, end.column - 1) ?? '');
  return parts.join('\n');
}

/** Problems of the ledger's entries themselves (shape, verdict, reason, test file). */
export function entryProblems(entries, root) {
  const problems = [];
  entries.forEach((e, i) => {
    const at = `entry ${i + 1}${e && e.file ? ` (${e.file}:${e.line})` : ''}`;
    if (!e || typeof e !== 'object') return problems.push(`${at}: not an object`);
    for (const key of ['file', 'mutator', 'replacement', 'code', 'verdict']) if (typeof e[key] !== 'string') problems.push(`${at}: "${key}" must be a string`);
    if (!Number.isInteger(e.line) || e.line < 1) problems.push(`${at}: "line" must be a positive integer`);
    if (e.column !== undefined && (!Number.isInteger(e.column) || e.column < 1)) problems.push(`${at}: "column" must be a positive integer when given`);
    if (!VERDICTS.includes(e.verdict)) problems.push(`${at}: verdict "${e.verdict}" is not one of ${VERDICTS.join(', ')}`);
    if ((e.verdict === 'equivalent' || e.verdict === 'open') && !(typeof e.reason === 'string' && e.reason.trim().length >= 10)) problems.push(`${at}: a verdict "${e.verdict}" needs a reason`);
    if (e.verdict === 'tested') {
      if (typeof e.test !== 'string' || !e.test) problems.push(`${at}: a verdict "tested" names its test`);
      else if (root && !existsSync(join(root, "test", e.test))) problems.push(`${at}: test/${e.test} does not exist`);
    }
  });
  return problems;
}

/**
 * Survivors per file with the entry each one got, and the entries that found no survivor. `files` is a
 * folded report's files, `targets` the files to look at.
 */
export function classify(files, targets, entries) {
  const byFile = new Map();
  for (const e of entries) {
    if (!byFile.has(e.file)) byFile.set(e.file, []);
    byFile.get(e.file).push(e);
  }
  const result = [];
  const stale = [];
  for (const file of targets) {
    const entry = files[file];
    const mine = byFile.get(file) ?? [];
    byFile.delete(file);
    if (!entry) {
      stale.push(...mine);
      continue;
    }
    const survivors = entry.mutants
      .filter((m) => SURVIVED.has(m.status))
      .map((m) => ({ mutant: m, line: m.location.start.line, code: normalize(codeOf(entry.source ?? '', m.location)), entry: undefined }))
      .sort((a, b) => a.line - b.line || a.mutant.location.start.column - b.mutant.location.start.column);
    // Nearest line first, over all (entry, survivor) pairs with the same mutant description.
    const pairs = [];
    mine.forEach((e, ei) => {
      const code = normalize(e.code);
      survivors.forEach((s, si) => {
        if (s.mutant.mutatorName === e.mutator && s.mutant.replacement === e.replacement && s.code === code) pairs.push({ ei, si, d: Math.abs(s.line - e.line), c: Number.isInteger(e.column) ? Math.abs(s.mutant.location.start.column - e.column) : 0 });
      });
    });
    pairs.sort((a, b) => a.d - b.d || a.c - b.c || a.ei - b.ei || a.si - b.si);
    const used = new Set();
    for (const p of pairs) {
      if (used.has(p.ei) || survivors[p.si].entry) continue;
      used.add(p.ei);
      survivors[p.si].entry = mine[p.ei];
    }
    mine.forEach((e, ei) => {
      if (!used.has(ei)) stale.push(e);
    });
    result.push({ file, survivors });
  }
  for (const rest of byFile.values()) stale.push(...rest);
  return { files: result, stale };
}

export function countsOf(survivors) {
  const c = { survivors: survivors.length, equivalent: 0, tested: 0, open: 0, unclassified: 0 };
  for (const s of survivors) c[s.entry ? s.entry.verdict : 'unclassified']++;
  return c;
}

export function renderCounts(classified) {
  const out = ['| file | survivors | equivalent | tested since | open | unclassified |', '|---|---:|---:|---:|---:|---:|'];
  const total = countsOf([]);
  for (const f of classified.files) {
    const c = countsOf(f.survivors);
    for (const k of Object.keys(total)) total[k] += c[k];
    out.push(`| \`${shortName(f.file)}\` | ${c.survivors} | ${c.equivalent} | ${c.tested} | ${c.open} | ${c.unclassified} |`);
  }
  out.push(`| **all measured files** | ${total.survivors} | ${total.equivalent} | ${total.tested} | ${total.open} | ${total.unclassified} |`);
  return `${out.join('\n')}\n`;
}

export function renderList(f, all) {
  const out = [];
  for (const s of f.survivors) {
    if (s.entry && !all) continue;
    const m = s.mutant;
    const where = `${shortName(f.file)}:${m.location.start.line}:${m.location.start.column}`;
    const what = `${m.mutatorName} ${JSON.stringify(s.code.length > 90 ? `${s.code.slice(0, 87)}...` : s.code)} -> ${JSON.stringify(m.replacement.length > 60 ? `${normalize(m.replacement).slice(0, 57)}...` : normalize(m.replacement))}${m.status === 'NoCoverage' ? ' (no coverage)' : ''}`;
    out.push(s.entry ? `${where} ${what}\n    ${s.entry.verdict}: ${s.entry.reason ?? s.entry.test}` : `${where} ${what}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** A JSON skeleton entry for a survivor (the lead or a helper fills in verdict and reason). */
export function skeleton(file, s) {
  return { file, line: s.line, mutator: s.mutant.mutatorName, replacement: s.mutant.replacement, code: s.code, verdict: '', reason: '' };
}

/** The ledger's text: one entry per line, sorted by file, line, column, mutator and replacement. */
export function renderLedger(comment, entries) {
  const key = (e) => [e.file, e.line, e.column ?? 0, e.mutator, e.replacement];
  const sorted = [...entries].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  // The spacing of Python's json.dumps, which the ledger has been written with: ", " and ": ".
  const line = (e) => JSON.stringify(e).replace(/("(?:[^"\\]|\\.)*")|([,:])/g, (m, str, sep) => str ?? `${sep} `);
  const head = comment === undefined ? '' : `\n  "$comment": ${JSON.stringify(comment)},`;
  const body = sorted.length ? `\n${sorted.map((e) => `    ${line(e)}`).join(',\n')}\n  ` : '';
  return `{${head}\n  "entries": [${body}]\n}\n`;
}

export function load(root) {
  const at = (p) => resolve(root, p);
  const paths = [at('test/mutation/stryker-incremental.json')];
  const dir = at('test/mutation/runs');
  if (existsSync(dir)) paths.push(...runOrder(readdirSync(dir).filter((n) => n.endsWith('.json'))).map((n) => join(dir, n)));
  const files = foldReports(paths.map((p) => JSON.parse(readFileSync(p, 'utf8'))));
  const config = JSON.parse(readFileSync(at('stryker.config.json'), 'utf8'));
  const targets = mutatedFiles(root, config.mutate ?? []);
  const ledger = JSON.parse(readFileSync(at('test/mutation/survivors.json'), 'utf8'));
  return { files, targets, entries: ledger.entries ?? [], comment: ledger.$comment };
}

function main(argv) {
  const opts = { root: resolve(dirname(fileURLToPath(import.meta.url)), '..'), list: undefined, all: false, check: false, skeleton: false, prune: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--list') opts.list = argv[++i];
    else if (a === '--all') opts.all = true;
    else if (a === '--check') opts.check = true;
    else if (a === '--prune') opts.prune = true;
    else if (a === '--skeleton') opts.skeleton = true;
    else if (a === '--root') opts.root = resolve(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/mutation-survivors.mjs [--list FILE [--all | --skeleton]] [--check] [--prune] [--root DIR]');
      return 0;
    } else throw new Error(`unknown argument ${a}`);
  }
  const { files, targets, entries, comment } = load(opts.root);
  const problems = entryProblems(entries, opts.root);
  const classified = classify(files, targets, entries);
  if (opts.prune) {
    const stale = new Set(classified.stale);
    writeFileSync(resolve(opts.root, 'test/mutation/survivors.json'), renderLedger(comment, entries.filter((e) => !stale.has(e))));
    process.stdout.write(`dropped ${stale.size} stale entries: ${[...new Set(classified.stale.map((e) => shortName(e.file)))].join(', ') || 'none'}\n`);
    return 0;
  }
  if (opts.list !== undefined) {
    const f = classified.files.find((x) => x.file === opts.list || x.file.endsWith(`/${opts.list}`));
    if (!f) throw new Error(`no result for ${opts.list}`);
    if (opts.skeleton) process.stdout.write(`${f.survivors.filter((s) => !s.entry).map((s) => JSON.stringify(skeleton(f.file, s))).join(',\n')}\n`);
    else process.stdout.write(renderList(f, opts.all));
  } else process.stdout.write(renderCounts(classified));
  for (const e of classified.stale) problems.push(`stale entry ${e.file}:${e.line} ${e.mutator} ${JSON.stringify(e.code)} -> ${JSON.stringify(e.replacement)}: no survivor of that file has this mutator, replacement and code (killed since, or the code changed)`);
  if (problems.length) {
    process.stderr.write(`${problems.join('\n')}\n`);
    if (opts.check) return 1;
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`mutation-survivors: ${err.message}\n`);
    process.exitCode = 2;
  }
}
