// Folds the incremental files of focused Stryker runs (test/mutation/stryker.<scope>.json) into the
// committed test/mutation/stryker-incremental.json, so that `npm run mutate` after a change tests only
// the changed code. Test ids are per run ("0", "1", ...): they are renamed by test file, and mutant ids
// renumbered, so the merged report stays consistent. A file in a later input is folded over the same file
// in the target (foldFile in mutation-scores.mjs: runs over other line ranges of the same source add up).
//   node scripts/merge-mutation-reports.mjs test/mutation/stryker-incremental.json test/mutation/incremental.policy.json ...
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { foldFile } from './mutation-scores.mjs';

const [targetPath, ...inputs] = process.argv.slice(2);
if (!targetPath || inputs.length === 0) {
  console.error('usage: node scripts/merge-mutation-reports.mjs TARGET.json INPUT.json...');
  process.exit(2);
}
const read = (p) => JSON.parse(readFileSync(p, 'utf8'));
const reports = [...(existsSync(targetPath) ? [read(targetPath)] : []), ...inputs.map(read)];

const merged = { ...reports[reports.length - 1], files: {}, testFiles: {} };
const idOfTest = new Map(); // test name -> merged id
for (const report of reports) {
  const rename = new Map(); // this report's test id -> merged id
  for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
    const tests = [];
    for (const t of entry.tests) {
      if (!idOfTest.has(t.name)) idOfTest.set(t.name, String(idOfTest.size));
      rename.set(t.id, idOfTest.get(t.name));
      tests.push({ ...t, id: idOfTest.get(t.name) });
    }
    merged.testFiles[file] = { ...entry, tests };
  }
  const map = (ids) => ids?.map((id) => rename.get(id) ?? id);
  for (const [file, entry] of Object.entries(report.files)) {
    merged.files[file] = foldFile(merged.files[file], { ...entry, mutants: entry.mutants.map((m) => ({ ...m, killedBy: map(m.killedBy), coveredBy: map(m.coveredBy) })) });
  }
}
let next = 0;
for (const entry of Object.values(merged.files)) for (const m of entry.mutants) m.id = String(next++);
for (const entry of Object.values(merged.files)) {
  for (const m of entry.mutants) {
    if (m.killedBy === undefined) delete m.killedBy;
    if (m.coveredBy === undefined) delete m.coveredBy;
  }
}
writeFileSync(targetPath, `${JSON.stringify(merged, null, 2)}\n`);

const rows = Object.entries(merged.files).map(([file, entry]) => {
  const count = (...s) => entry.mutants.filter((m) => s.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const valid = entry.mutants.length - count('CompileError', 'RuntimeError', 'Ignored');
  return `${file}: ${entry.mutants.length} mutants, ${detected} detected, ${count('Survived')} survived, ${count('NoCoverage')} no coverage, ${((100 * detected) / valid).toFixed(1)}%`;
});
console.log(rows.join('\n'));
