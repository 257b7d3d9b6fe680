// Diagnostics an edit does not touch are handed back as the same objects: per-document diagnostics of
// a document that moved within its lines and has no fix holding file offsets, and cross-policy diagnostics whose range
// stayed. Whatever is reused, the answer equals a fresh computation.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { filePolicies } from '../../server/src/features/clusterView';
import { FileCrossPolicy, findCrossPolicyDiagnostics, listLookup } from '../../server/src/features/crossPolicy';
import type { WorkspaceState } from '../../server/src/features/crossPolicy';

/** A workspace at `generation` that cannot tell what changed since an earlier one (so a new generation re-judges all). */
const state = (generation: number): WorkspaceState => ({ generation, elsewhere: 0, changedSince: () => undefined });
import { getDocumentFindings, getFileDiagnostics } from '../../server/src/features/diagnostics';
import { DocumentDiagnosticsCache } from '../../server/src/lsp/diagnostics';

const doc = (name: string, selectors: string, extra: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n${extra}`;

test('a document that moved within its lines keeps its diagnostics when no fix holds file offsets; one whose fix does is shifted anew', async () => {
  const cache = new DocumentDiagnosticsCache();
  const docs = [doc('a', '{}', '  completionTimeoutPerGiB: 150\n'), doc('b', '{}', '  allowAutoConverge: true\n'), doc('c', '{}', '  completionTimeoutPerGiB: "150"\n'), doc('d', '{}', '  allowPostCopy:\n')];
  let file = parseFile(docs.join('---\n'), 'yaml');
  assert.equal(file.text.slice(536, 550), 'allowPostCopy:');
  const lookup = (d: Parameters<typeof getDocumentFindings>[0]) => getDocumentFindings(d);
  const first = await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', lookup);
  assert.deepEqual(first.map((d) => `${d.range.start.line} ${d.code} ${d.data === undefined ? 'no fix' : JSON.stringify(d.data)}`), [
    '5 catch-all no fix',
    '13 catch-all no fix',
    '21 catch-all no fix',
    '22 integer-string {"kind":"replace","replacements":["150"]}',
    '29 catch-all no fix',
    '30 null-value {"kind":"removePair","pair":{"start":536,"end":550}}',
  ]);

  docs[0] = doc('a', '{}', '  completionTimeoutPerGiB: 1500\n');
  file = parseFile(docs.join('---\n'), 'yaml', file);
  const moved = await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', lookup);
  assert.deepEqual(moved, getFileDiagnostics({ file }));
  assert.equal(moved[1], first[1], 'no fix: the same diagnostic object');
  assert.equal(moved[3], first[3], 'a fix without file offsets: the same diagnostic object');
  assert.notEqual(moved[5], first[5], 'a fix that holds file offsets: a new diagnostic');
  assert.deepEqual(moved[5].data, { kind: 'removePair', pair: { start: 537, end: 551 } });
  assert.deepEqual(moved[5].range, first[5].range);
});

test('cross-policy diagnostics whose range stayed are the same objects; moved ones equal a fresh computation', () => {
  const text = [doc('a', '{virtualMachineInstanceSelector: {app: db}}', ''), doc('b', '{virtualMachineInstanceSelector: {app: db}}', ''), doc('a', '{}', '')].join('---\n');
  const file = parseFile(text, 'yaml');
  const policies = filePolicies(file, 'file:///w/p.yaml');
  const judge = new FileCrossPolicy();
  const lines = new LineIndex(text);
  const first = judge.diagnostics({ lines }, policies, listLookup([]), undefined, state(1));
  assert.deepEqual(first.map((d) => `${d.range.start.line} ${d.code}`), ['3 duplicate-name', '17 duplicate-name', '3 identical-selectors', '10 identical-selectors']);
  assert.deepEqual(first, findCrossPolicyDiagnostics({ lines }, policies, listLookup([]), undefined));
  const again = judge.diagnostics({ lines }, policies, listLookup([]), undefined, state(1));
  again.forEach((d, i) => assert.equal(d, first[i], `diagnostic ${i} is the same object`));

  const movedText = `# one line above\n${text}`;
  const movedLines = new LineIndex(movedText);
  const placed = policies.map((p) => ({ ...p, offset: p.offset + '# one line above\n'.length }));
  const moved = judge.diagnostics({ lines: movedLines }, placed, listLookup([]), undefined, state(1));
  assert.deepEqual(moved, findCrossPolicyDiagnostics({ lines: movedLines }, placed, listLookup([]), undefined));
  assert.deepEqual(moved.map((d) => d.range.start.line), [4, 18, 4, 11]);
});

test('after a selector edit (a new generation), policies told the same as before keep their diagnostic objects; the edited ones equal a fresh computation', () => {
  const make = (cSelectors: string) => [doc('a', '{virtualMachineInstanceSelector: {app: db}}', ''), doc('b', '{virtualMachineInstanceSelector: {app: db}}', ''), doc('c', cSelectors, ''), doc('d', '{virtualMachineInstanceSelector: {app: web}}', '')].join('---\n');
  const before = parseFile(make('{virtualMachineInstanceSelector: {app: web}}'), 'yaml');
  const lines = new LineIndex(before.text);
  const judge = new FileCrossPolicy();
  const first = judge.diagnostics({ lines }, filePolicies(before, 'file:///w/p.yaml'), listLookup([]), undefined, state(1));
  assert.deepEqual(first.map((d) => `${d.range.start.line} ${d.code}`), ['3 identical-selectors', '10 identical-selectors', '17 identical-selectors', '24 identical-selectors']);
  // c's selectors change (same length, same lines): c and d are no longer identical; a and b are told the same.
  const after = parseFile(make('{virtualMachineInstanceSelector: {app: wob}}'), 'yaml', before);
  const policies = filePolicies(after, 'file:///w/p.yaml');
  const next = judge.diagnostics({ lines: new LineIndex(after.text) }, policies, listLookup([]), undefined, state(2));
  assert.deepEqual(next, findCrossPolicyDiagnostics({ lines: new LineIndex(after.text) }, policies, listLookup([]), undefined));
  assert.deepEqual(next.map((d) => `${d.range.start.line} ${d.code}`), ['3 identical-selectors', '10 identical-selectors']);
  assert.equal(next[0], first[0], 'a: the same diagnostic object');
  assert.equal(next[1], first[1], 'b: the same diagnostic object');
});

test("given the file's uri, an edit that moves later documents by no line visits only the documents it replaced (and later ones whose fixes hold offsets); the answer equals a fresh computation", async () => {
  const cache = new DocumentDiagnosticsCache();
  const lookup = (d: Parameters<typeof getDocumentFindings>[0]) => getDocumentFindings(d);
  // 40 documents: findings without fixes (catch-all), with a fix of no offsets (integer-string) and, in every fifth, one whose fix holds offsets (null-value).
  const docs = Array.from({ length: 40 }, (_, i) => doc(`p${i}`, '{}', `  completionTimeoutPerGiB: "${100 + i}"\n${i % 5 === 0 ? '  allowPostCopy:\n' : ''}`));
  let file = parseFile(docs.join('---\n'), 'yaml');
  const uri = 'file:///w/fleet.yaml';
  const first = await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', lookup, undefined, uri);
  assert.equal(cache.counts.visited, 40);
  assert.deepEqual(first, getFileDiagnostics({ file }));

  // A value edit in document 20: documents 21-39 move by one character and no line; 25, 30 and 35 carry offset fixes.
  docs[20] = docs[20].replace('"120"', '"1200"');
  file = parseFile(docs.join('---\n'), 'yaml', file);
  cache.counts.visited = 0;
  const edited = await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', lookup, undefined, uri);
  assert.equal(cache.counts.visited, 4, 'document 20, and 25, 30, 35 (their fixes move)');
  assert.deepEqual(edited, getFileDiagnostics({ file }));
  const at = (list: typeof first, line: number) => list.find((d) => d.range.start.line === line)!;
  assert.equal(at(edited, first[first.length - 1].range.start.line), first[first.length - 1], 'the last document: the same object');

  // The same edit undone in place (same length): only document 20 is visited.
  docs[20] = docs[20].replace('"1200"', '"1201"');
  file = parseFile(docs.join('---\n'), 'yaml', file);
  cache.counts.visited = 0;
  assert.deepEqual(await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', lookup, undefined, uri), getFileDiagnostics({ file }));
  assert.equal(cache.counts.visited, 1);

  // A line inserted in document 3: every later document moves by a line and is visited (shifted), as without the uri.
  docs[3] = docs[3].replace('spec:\n', 'spec:\n  # typed\n');
  file = parseFile(docs.join('---\n'), 'yaml', file);
  cache.counts.visited = 0;
  assert.deepEqual(await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', lookup, undefined, uri), getFileDiagnostics({ file }));
  assert.equal(cache.counts.visited, 37);

  // Random edits (values, lines, whole documents added and removed): always equal to a fresh computation.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let round = 0; round < 60; round++) {
    const i = Math.floor(random() * docs.length);
    const kind = Math.floor(random() * 5);
    if (kind === 0) docs[i] = docs[i].replace(/"(\d+)"/, (_m, n: string) => `"${n}7"`);
    else if (kind === 1) docs[i] = docs[i].replace(/"(\d+)7"/, (_m, n: string) => `"${n}"`);
    else if (kind === 2) docs[i] = docs[i].replace('spec:\n', 'spec:\n  # line\n');
    else if (kind === 3) docs.splice(i, 0, doc(`n${round}`, '{}', '  allowPostCopy:\n'));
    else if (docs.length > 2) docs.splice(i, 1);
    file = parseFile(docs.join('---\n'), 'yaml', file);
    const key = round % 17 === 16 ? '{"kubevirtVersion":"v1.0.0"}' : '{}';
    const got = await cache.fileDiagnostics(file, new LineIndex(file.text), key, (d) => getDocumentFindings(d, key === '{}' ? {} : { kubevirtVersion: 'v1.0.0' }), undefined, uri);
    assert.deepEqual(got, getFileDiagnostics({ file }, key === '{}' ? {} : { kubevirtVersion: 'v1.0.0' }), `round ${round}`);
  }
});
