// Edges of document/file.ts's edited parse (reparseEdited) for mutation testing (issue 16): edits at the
// very ends of the file, a whole document removed or added at the start or the end, a line turned into a
// document marker or out of one, an edit after a JSON reading of the file; and what the models keep of
// the file's text in memory (detachedSlice). Every edited parse is compared with a parse of the whole
// text from scratch, which takes the other code path (splitDocuments).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import type { FileModel } from '../../server/src/document/model';

const shape = (f: FileModel) => f.documents.map((d) => [d.offset, d.model.text]);
const roots = (f: FileModel) => f.documents.map((d) => JSON.stringify(d.model.root));
const problems = (f: FileModel) => f.documents.map((d) => d.model.problems.map((p) => p.code));

/** Applies an edit to the previous text and parses with it; checks the result against a parse from scratch. */
function edited(prev: FileModel, start: number, oldEnd: number, insert: string): FileModel {
  const text = prev.text.slice(0, start) + insert + prev.text.slice(oldEnd);
  const f = parseFile(text, 'yaml', prev, 'complete', { start, oldEnd, newEnd: start + insert.length });
  const fresh = parseFile(text, 'yaml');
  assert.deepEqual(shape(f), shape(fresh));
  assert.deepEqual(roots(f), roots(fresh));
  assert.deepEqual(problems(f), problems(fresh));
  return f;
}

test('an empty edit at the very end of the file keeps every document entry', () => {
  const prev = parseFile('a: 1\n---\nb: 2\n', 'yaml');
  const f = edited(prev, 14, 14, '');
  assert.deepEqual(shape(f), [[0, 'a: 1\n'], [5, '---\nb: 2\n']]);
  assert.equal(f.documents[0], prev.documents[0]);
  assert.equal(f.documents[1], prev.documents[1]);
});

test('the last document deleted: the first one kept as it was', () => {
  const prev = parseFile('a: 1\n---\nb: 2\n', 'yaml');
  const f = edited(prev, 5, 14, '');
  assert.deepEqual(shape(f), [[0, 'a: 1\n']]);
  assert.equal(f.documents[0], prev.documents[0]);
});

test('a document appended after the last one: the old ones kept, the new one parsed', () => {
  const prev = parseFile('a: 1\n', 'yaml');
  const f = edited(prev, 5, 5, '---\nb: 2\n');
  assert.deepEqual(shape(f), [[0, 'a: 1\n'], [5, '---\nb: 2\n']]);
  assert.equal(f.documents[0], prev.documents[0]);
  assert.equal((f.documents[1].model.root as { kind: string }).kind, 'map');
});

test('the first document deleted up to the next marker: the rest is the same models moved', () => {
  const prev = parseFile('a: 1\n---\nb: 2\n', 'yaml');
  const f = edited(prev, 0, 5, '');
  assert.deepEqual(shape(f), [[0, '---\nb: 2\n']]);
  assert.equal(f.documents[0].model, prev.documents[1].model);
});

test('a document inserted before the first one: the old one is the same model moved', () => {
  const prev = parseFile('---\nb: 2\n', 'yaml');
  const f = edited(prev, 0, 0, 'a: 1\n');
  assert.deepEqual(shape(f), [[0, 'a: 1\n'], [5, '---\nb: 2\n']]);
  assert.equal(f.documents[1].model, prev.documents[0].model);
});

test('a line made a document marker after the edit point\'s document start splits the document', () => {
  // `---x` is no marker; deleting the x makes it one, so the first document now ends before the edit.
  const prev = parseFile('a: 1\n---x\nb: 2\n', 'yaml');
  assert.equal(prev.documents.length, 1);
  const f = edited(prev, 8, 9, '');
  assert.deepEqual(shape(f), [[0, 'a: 1\n'], [5, '---\nb: 2\n']]);
  assert.equal((f.documents[0].model.root as { kind: string }).kind, 'map');
});

test('an edit that joins a marker line onto the line before it makes one document', () => {
  // The newline before `---` replaced by a letter: the marker is no longer at a line start.
  const prev = parseFile('a: 1\n---\nb: 2\n', 'yaml');
  const f = edited(prev, 4, 5, 'x');
  assert.deepEqual(shape(f), [[0, 'a: 1x---\nb: 2\n']]);
  // Directives before the marker: the marker now ends a directives block, not a document.
  const directive = edited(prev, 0, 5, '%YAML 1.2\n');
  assert.deepEqual(shape(directive), [[0, '%YAML 1.2\n---\nb: 2\n']]);
});

test('an edit of a file read as JSON before parses the YAML from scratch, reusing no JSON model', () => {
  const prev = parseFile('a: 1\n', 'json');
  assert.deepEqual(problems(prev), [['json-syntax']]);
  const f = parseFile('a: 1\n---\nb: 2\n', 'yaml', prev, 'complete', { start: 5, oldEnd: 5, newEnd: 14 });
  assert.deepEqual(shape(f), [[0, 'a: 1\n'], [5, '---\nb: 2\n']]);
  assert.deepEqual(problems(f), [[], []]);
  assert.equal((f.documents[0].model.root as { kind: string }).kind, 'map');
  assert.notEqual(f.documents[0].model, prev.documents[0].model);
});

/** Counts, in a heap snapshot of a child Node, the strings at least `min` characters long that `script` leaves alive. */
function bigStrings(script: string, min: number): number {
  const file = JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'document', 'file.js'));
  const source = `
    const v8 = require('node:v8');
    const fs = require('node:fs');
    const { parseFile } = require(${file});
    let keep = (() => { ${script} })();
    const written = v8.writeHeapSnapshot(require('node:path').join(require('node:os').tmpdir(), 'mp-file-reparse-' + process.pid + '.heapsnapshot'));
    const snapshot = JSON.parse(fs.readFileSync(written, 'utf8'));
    fs.unlinkSync(written);
    const fields = snapshot.snapshot.meta.node_fields;
    const type = fields.indexOf('type'), size = fields.indexOf('self_size');
    const types = snapshot.snapshot.meta.node_types[0];
    const strings = new Set([types.indexOf('string'), types.indexOf('concatenated string'), types.indexOf('sliced string')]);
    let n = 0;
    // self_size is in bytes; one-byte strings take a byte a character plus a header.
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) if (strings.has(snapshot.nodes[i + type]) && snapshot.nodes[i + size] >= ${min}) n++;
    console.log(JSON.stringify({ n, kept: keep.documents.length }));`;
  const run = spawnSync(process.execPath, ['-e', source], { encoding: 'utf8', cwd: os.tmpdir() });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { n: number }).n;
}

test('memory: a one-document file\'s model holds the file\'s own text, not a copy of it', () => {
  const n = bigStrings(`
    const text = 'a: 1\\n' + '#'.repeat(1000000) + '\\n';
    return parseFile(text, 'yaml');`, 1000000);
  assert.equal(n, 1, `${n} strings of the file's size are alive`);
});

test('memory: a re-parsed 13-character document keeps no earlier whole text alive', () => {
  // Ten documents of 100 KB, then one of exactly 13 characters; that one is edited (parsed again), then
  // the first one: the 13-character model, reused, must not hold the text of the first edit.
  const n = bigStrings(`
    const big = (i) => '---\\nk' + i + ': ' + 'x'.repeat(100000) + '\\n';
    let text = Array.from({ length: 10 }, (_, i) => big(i)).join('') + '---\\nab: 12345\\n';
    let model = parseFile(text, 'yaml');
    const last = model.documents[10];
    if (last.model.text.length !== 14) throw new Error('setup: ' + last.model.text.length);
    // '---\\nab: 12345\\n' (14) -> '---\\nab: 1234\\n' (13)
    let at = last.offset + 12;
    let next = text.slice(0, at) + text.slice(at + 1);
    model = parseFile(next, 'yaml', model, 'complete', { start: at, oldEnd: at + 1, newEnd: at });
    if (model.documents[10].model.text.length !== 13) throw new Error('setup: ' + model.documents[10].model.text.length);
    text = next;
    at = 7;
    next = text.slice(0, at) + 'y' + text.slice(at);
    model = parseFile(next, 'yaml', model, 'complete', { start: at, oldEnd: at, newEnd: at + 1 });
    text = next = undefined;
    return model;`, 1000000);
  assert.equal(n, 1, `${n} strings of the file's size are alive`);
});

test('memory: a re-parsed middle document whose end and start add up to the file\'s length keeps no earlier text alive', () => {
  // 300-character first and last documents around a 1 MB one: its start + end is the file's length.
  const n = bigStrings(`
    const edge = (k) => '---\\n' + k + ': ' + '#'.repeat(292) + '\\n';
    let text = 'a: ' + 'z'.repeat(296) + '\\n' + '---\\n' + 'b: ' + 'x'.repeat(1000000) + '\\n' + edge('c');
    let model = parseFile(text, 'yaml');
    const [d0, d1, d2] = model.documents;
    if (model.documents.length !== 3 || d1.offset + d1.offset + d1.model.text.length !== text.length) throw new Error('setup ' + model.documents.length + ' ' + d0.model.text.length + ' ' + d2.model.text.length);
    let at = d1.offset + 8;
    let next = text.slice(0, at) + 'y' + text.slice(at + 1);
    model = parseFile(next, 'yaml', model, 'complete', { start: at, oldEnd: at + 1, newEnd: at + 1 });
    text = next;
    at = 2;
    next = text.slice(0, at) + 'y' + text.slice(at);
    model = parseFile(next, 'yaml', model, 'complete', { start: at, oldEnd: at, newEnd: at + 1 });
    text = next = undefined;
    return model;`, 1000300);
  assert.equal(n, 1, `${n} strings of the file's size are alive`);
});

test('an edit at a marker after a two-character document: the whole text is split again and the first documents are kept', () => {
  // Document 2 is `x\n` (after a `...` line), so an edit in document 3's first four characters makes
  // resplitDocuments step back past document 2 to the first of its window and split the whole text.
  const prev = parseFile('a: 1\n---\nb: 2\n...\nx\n---\nc: 3\n---\nd: 4\n', 'yaml');
  assert.deepEqual(shape(prev), [[0, 'a: 1\n'], [5, '---\nb: 2\n...\n'], [18, 'x\n'], [20, '---\nc: 3\n'], [29, '---\nd: 4\n']]);
  const f = edited(prev, 21, 21, ' ');
  assert.deepEqual(shape(f), [[0, 'a: 1\n'], [5, '---\nb: 2\n...\n'], [18, 'x\n- --\nc: 3\n'], [30, '---\nd: 4\n']]);
  assert.equal(f.documents[0], prev.documents[0]);
  assert.equal(f.documents[1], prev.documents[1]);
  assert.equal(f.documents[3].model, prev.documents[4].model);
});

test('an edit far into a stream of many documents: the documents before it are the same entries, those after it the same models moved', () => {
  const prev = parseFile(Array.from({ length: 40 }, (_, i) => `---\nn: ${i}\n`).join(''), 'yaml');
  const at = prev.documents[20].offset + 9;
  const f = edited(prev, at, at, '5');
  assert.equal(f.documents.length, 40);
  for (let i = 0; i < 20; i++) assert.equal(f.documents[i], prev.documents[i]);
  assert.equal(f.documents[20].model.text, '---\nn: 205\n');
  for (let i = 21; i < 40; i++) assert.deepEqual([f.documents[i].offset, f.documents[i].model], [prev.documents[i].offset + 1, prev.documents[i].model]);
});
