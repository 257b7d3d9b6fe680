// Edges of document/file.ts and document/model.ts for mutation testing: which names are JSON, the
// too-large file, read modes, which documents an edit reuses (by identity) and where they move, and the
// model helpers (problem limit, aliases, map keys as kubectl sees them). An edited parse is compared with
// a parse of the whole text from scratch, which takes the other code path (splitDocuments).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageOf, LineIndex, MAX_ANALYSED_CHARS, parsedFile, parseFile } from '../../server/src/document/file';
import { deref, getPair, keyText, limitProblems, MAX_SYNTAX_PROBLEMS, stringValue } from '../../server/src/document/model';
import type { AliasNode, FileModel, MapNode, Node, ParseProblem, ScalarNode } from '../../server/src/document/model';

const shape = (f: FileModel) => f.documents.map((d) => [d.offset, d.model.text]);

test('languageOf: json, jsonc and json5 ids and file names, any case; everything else is YAML', () => {
  for (const s of ['json', 'jsonc', 'json5', 'JSON', 'JsonC', 'a.json', 'dir/b.JSON5', 'c.jsonc']) assert.equal(languageOf(s), 'json', s);
  for (const s of ['yaml', 'jsonl', 'xjson', 'a.jsonx', 'a.json.yaml', 'json.yaml', 'a.yml', '', 'jsonc5']) assert.equal(languageOf(s), 'yaml', s);
});

test('a file past MAX_ANALYSED_CHARS: one unparsed document and one error at its first character', () => {
  assert.equal(MAX_ANALYSED_CHARS, 4 * 1024 * 1024);
  const text = `a: 1\n${'#'.repeat(MAX_ANALYSED_CHARS)}`;
  for (const language of ['yaml', 'json'] as const) {
    const f = parseFile(text, language);
    assert.equal(f.language, language);
    assert.equal(f.text, text);
    assert.equal(f.documents.length, 1);
    assert.equal(f.documents[0].offset, 0);
    const m = f.documents[0].model;
    assert.deepEqual({ ...m, text: m.text.length }, {
      text: text.length,
      root: null,
      problems: [{ code: language === 'json' ? 'json-syntax' : 'yaml-syntax', severity: 'error', span: { start: 0, end: 1 }, message: 'This file is 4.0 MiB, more than the 4 MiB that are analysed, so nothing in it is checked. Split it into smaller files.' }],
      hasSyntaxErrors: true,
      expandedNodeCount: 0,
      tooLarge: true,
    });
  }
  const big = parseFile('#'.repeat(6.5 * 1024 * 1024), 'yaml');
  assert.match(big.documents[0].model.problems[0].message, /^This file is 6\.5 MiB, /);
  // Exactly at the bound it is parsed.
  const at = parseFile(`a: 1\n#${'x'.repeat(MAX_ANALYSED_CHARS - 6)}`, 'yaml');
  assert.equal(at.documents[0].model.tooLarge, undefined);
  assert.equal(at.documents[0].model.root?.kind, 'map');
});

test('read modes: recorded on the file and on each document, only when not complete', () => {
  const json = parseFile('{"a": 1}', 'json');
  assert.equal('mode' in json, false);
  assert.equal(json.documents[0].model.mode, undefined);
  const patch = parseFile('{"a": 1}', 'json', undefined, 'patch');
  assert.equal(patch.mode, 'patch');
  assert.equal(patch.documents[0].model.mode, 'patch');
  assert.equal(patch.documents[0].model.root?.kind, 'map');
  const helmJson = parseFile('{"a": 1}', 'json', undefined, 'helm-template');
  assert.equal(helmJson.mode, 'helm-template');
  assert.equal(helmJson.documents[0].model.mode, undefined);
  const yaml = parseFile('a: 1\n---\nb: 2\n', 'yaml');
  assert.equal('mode' in yaml, false);
  assert.deepEqual(yaml.documents.map((d) => d.model.template), [undefined, undefined], 'only Helm templates are masked');
  assert.deepEqual(yaml.documents.map((d) => d.model.mode), [undefined, undefined]);
  const kustomize = parseFile('a: 1\n---\nb: 2\n', 'yaml', undefined, 'kustomize');
  assert.equal(kustomize.mode, 'kustomize');
  assert.deepEqual(kustomize.documents.map((d) => d.model.mode), ['kustomize', 'kustomize']);
  assert.deepEqual(shape(kustomize), [[0, 'a: 1\n'], [5, '---\nb: 2\n']]);
});

test('Helm templates: actions masked in the documents, offsets kept, the text as written on the file', () => {
  const text = 'a: {{ .Values.x }}\n---\nb: 2\n';
  const f = parseFile(text, 'yaml', undefined, 'helm-template');
  assert.equal(f.text, text);
  assert.deepEqual(f.documents.map((d) => d.offset), [0, 19]);
  assert.equal(f.documents[0].model.mode, 'helm-template');
  assert.equal(f.documents[0].model.text.length, 19);
  assert.ok(!f.documents[0].model.text.includes('{{'));
  assert.deepEqual(f.documents[0].model.template?.inline.map((a) => [a.start, a.end]), [[3, 18]]);
  assert.deepEqual(f.documents[1].model.template, { inline: [], holes: [], controls: [] });
  // The same masked text with another action is another document: not reused.
  const other = parseFile('a: {{ .Values.y }}\n---\nb: 2\n', 'yaml', f, 'helm-template');
  assert.equal(other.documents[0].model.text, f.documents[0].model.text);
  assert.notEqual(other.documents[0].model, f.documents[0].model);
  assert.equal(other.documents[1].model, f.documents[1].model);
  const same = parseFile(text, 'yaml', f, 'helm-template');
  assert.equal(same.documents[0].model, f.documents[0].model);
});

test('without an edit, unchanged documents are reused wherever they moved, only from a YAML file read the same way', () => {
  const prev = parseFile('a: 1\n---\nb: 2\n---\nc: 3\n', 'yaml');
  const swapped = parseFile('a: 1\n---\nc: 3\n---\nb: 2\n---\nd: 4\n', 'yaml', prev);
  assert.deepEqual(shape(swapped), [[0, 'a: 1\n'], [5, '---\nc: 3\n'], [14, '---\nb: 2\n'], [23, '---\nd: 4\n']]);
  assert.equal(swapped.documents[0].model, prev.documents[0].model);
  assert.equal(swapped.documents[1].model, prev.documents[2].model);
  assert.equal(swapped.documents[2].model, prev.documents[1].model);
  const kustomize = parseFile('a: 1\n---\nb: 2\n---\nc: 3\n', 'yaml', prev, 'kustomize');
  assert.ok(kustomize.documents.every((d, i) => d.model !== prev.documents[i].model));
  assert.equal(kustomize.documents[0].model.mode, 'kustomize');
  const back = parseFile('a: 1\n---\nb: 2\n---\nc: 3\n', 'yaml', kustomize, 'kustomize');
  assert.ok(back.documents.every((d, i) => d.model === kustomize.documents[i].model));
  const fromJson = parseFile('a: 1\n', 'yaml', parseFile('a: 1\n', 'json'));
  assert.equal(fromJson.documents[0].model.root?.kind, 'map');
  assert.notEqual(fromJson.documents[0].model, parseFile('a: 1\n', 'json').documents[0].model);
});

/** Applies an edit to the previous text and parses with it; checks the result against a parse from scratch. */
function edited(prev: FileModel, start: number, oldEnd: number, insert: string): FileModel {
  const text = prev.text.slice(0, start) + insert + prev.text.slice(oldEnd);
  const f = parseFile(text, 'yaml', prev, 'complete', { start, oldEnd, newEnd: start + insert.length });
  const fresh = parseFile(text, 'yaml');
  assert.deepEqual(shape(f), shape(fresh));
  assert.deepEqual(f.documents.map((d) => JSON.stringify(d.model.root)), fresh.documents.map((d) => JSON.stringify(fresh.documents.find((x) => x.offset === d.offset)?.model.root)));
  assert.equal(f.text, text);
  assert.equal(f.language, 'yaml');
  return f;
}

test('an edit inside one document: the documents before it are the same entries, those after it the same models moved by the change', () => {
  //                         0     5       14      23
  const prev = parseFile('a: 1\n---\nb: 2\n---\nc: 3\n', 'yaml');
  const f = edited(prev, 12, 13, '2222');
  assert.deepEqual(shape(f), [[0, 'a: 1\n'], [5, '---\nb: 2222\n'], [17, '---\nc: 3\n']]);
  assert.equal(f.documents[0], prev.documents[0]);
  assert.notEqual(f.documents[1].model, prev.documents[1].model);
  assert.equal(f.documents[2].model, prev.documents[2].model);
  assert.notEqual(f.documents[2], prev.documents[2]);
  // The same length: the later entries are the same objects.
  const same = edited(prev, 12, 13, '9');
  assert.equal(same.documents[2], prev.documents[2]);
  assert.equal(same.documents[0], prev.documents[0]);
  // Shorter.
  const shorter = edited(f, 12, 16, '');
  assert.deepEqual(shape(shorter), [[0, 'a: 1\n'], [5, '---\nb: \n'], [13, '---\nc: 3\n']]);
  assert.equal(shorter.documents[2].model, prev.documents[2].model);
});

test('an edit in the first document, one adding or removing a marker, one at a document start, one spanning documents', () => {
  const prev = parseFile('a: 1\n---\nb: 2\n---\nc: 3\n', 'yaml');
  const first = edited(prev, 3, 4, '11');
  assert.equal(first.documents[1].model, prev.documents[1].model);
  assert.equal(first.documents[2].model, prev.documents[2].model);
  assert.equal(first.documents[1].offset, 6);
  const split = edited(prev, 14, 14, '---\nx: 0\n');
  assert.deepEqual(shape(split), [[0, 'a: 1\n'], [5, '---\nb: 2\n'], [14, '---\nx: 0\n'], [23, '---\nc: 3\n']]);
  assert.equal(split.documents[0], prev.documents[0]);
  assert.equal(split.documents[1].model, prev.documents[1].model);
  assert.equal(split.documents[3].model, prev.documents[2].model);
  const joined = edited(prev, 14, 18, '');
  assert.deepEqual(shape(joined), [[0, 'a: 1\n'], [5, '---\nb: 2\nc: 3\n']]);
  assert.equal(joined.documents[0], prev.documents[0]);
  // A document inserted at the very start of a marker line: the one before it ends there, unchanged.
  const inserted = edited(prev, 5, 5, '---\nx: 0\n');
  assert.deepEqual(shape(inserted), [[0, 'a: 1\n'], [5, '---\nx: 0\n'], [14, '---\nb: 2\n'], [23, '---\nc: 3\n']]);
  assert.equal(inserted.documents[0], prev.documents[0]);
  assert.equal(inserted.documents[2].model, prev.documents[1].model);
  // An edit ending right where the next document starts, not changing the length: that document's entry is kept.
  const upTo = edited(prev, 12, 14, '9\n');
  assert.equal(upTo.documents[2], prev.documents[2]);
  assert.notEqual(upTo.documents[1].model, prev.documents[1].model);
  // An edit over several documents that leaves one of them as it was: that one's model is reused.
  const over = edited(prev, 3, 22, '7\n---\nb: 2\n---\nc: 4');
  assert.deepEqual(shape(over), [[0, 'a: 7\n'], [5, '---\nb: 2\n'], [14, '---\nc: 4\n']]);
  assert.equal(over.documents[1].model, prev.documents[1].model);
  // A re-parsed document is read as written (kubectl's YAML 1.1), not as kustomize reads it: `yes` is true.
  const yes = edited(prev, 12, 13, 'yes');
  assert.equal((yes.documents[1].model.root as MapNode).pairs[0].value?.kind === 'scalar' && ((yes.documents[1].model.root as MapNode).pairs[0].value as ScalarNode).value, true);
  // Text inserted at the very start of a marker line ends the document before it; the later ones move.
  const atStart = edited(prev, 5, 5, '# note\n');
  assert.deepEqual(shape(atStart), [[0, 'a: 1\n# note\n'], [12, '---\nb: 2\n'], [21, '---\nc: 3\n']]);
  assert.notEqual(atStart.documents[0].model, prev.documents[0].model);
  assert.equal(atStart.documents[1].model, prev.documents[1].model);
  assert.equal(atStart.documents[2].model, prev.documents[2].model);
  // Over two documents: both parsed again, the third moved.
  const across = edited(prev, 3, 13, '7\n---\nb: 8');
  assert.deepEqual(shape(across), [[0, 'a: 7\n'], [5, '---\nb: 8\n'], [14, '---\nc: 3\n']]);
  assert.notEqual(across.documents[1].model, prev.documents[1].model);
  assert.equal(across.documents[2], prev.documents[2]);
  // An edit that makes a later document's text equal to an earlier one's reuses nothing wrongly.
  const twin = edited(parseFile('a: 1\n---\nb: 2\n---\nb: 3\n', 'yaml'), 21, 22, '2');
  assert.deepEqual(shape(twin), [[0, 'a: 1\n'], [5, '---\nb: 2\n'], [14, '---\nb: 2\n']]);
});

test('an edit after a file that was too large, or of another language or mode, parses the whole file', () => {
  const big = `a: 1\n${'#'.repeat(MAX_ANALYSED_CHARS)}`;
  const prev = parseFile(big, 'yaml');
  const text = 'a: 2\n';
  const f = parseFile(text, 'yaml', prev, 'complete', { start: 3, oldEnd: big.length, newEnd: 5 });
  assert.deepEqual(shape(f), [[0, 'a: 2\n']]);
  assert.equal(f.documents[0].model.tooLarge, undefined);
  const json = parseFile('a: 1\n', 'json');
  assert.deepEqual(shape(parseFile('a: 2\n', 'yaml', json, 'complete', { start: 3, oldEnd: 4, newEnd: 4 })), [[0, 'a: 2\n']]);
  const patch = parseFile('a: 1\n---\nb: 1\n', 'yaml', undefined, 'patch');
  const after = parseFile('a: 1\n---\nb: 2\n', 'yaml', patch, 'complete', { start: 12, oldEnd: 13, newEnd: 13 });
  assert.equal(after.documents[0].model.mode, undefined);
  assert.notEqual(after.documents[0].model, patch.documents[0].model);
  const toPatch = parseFile('a: 1\n---\nb: 2\n', 'yaml', parseFile('a: 1\n---\nb: 1\n', 'yaml'), 'patch', { start: 12, oldEnd: 13, newEnd: 13 });
  assert.deepEqual(toPatch.documents.map((d) => d.model.mode), ['patch', 'patch']);
});

const problem = (start: number, end: number, code = `c${start}`): ParseProblem => ({ code, message: `m${start}`, span: { start, end }, severity: 'warning' });

test('limitProblems: up to 1,000 as they are; past it the first 1,000 by position and one error counting the rest', () => {
  assert.equal(MAX_SYNTAX_PROBLEMS, 1000);
  const exact = Array.from({ length: 1000 }, (_, i) => problem(1000 - i, 2000));
  assert.equal(limitProblems(exact), exact);
  const many = Array.from({ length: 1001 }, (_, i) => problem(1001 - i, 5000));
  const limited = limitProblems(many);
  assert.equal(limited.length, 1001);
  assert.deepEqual(limited.slice(0, 3).map((p) => p.span.start), [1, 2, 3]);
  assert.equal(limited[999].span.start, 1000);
  assert.deepEqual(limited[1000], { code: 'c1001', severity: 'error', span: { start: 1001, end: 5000 }, message: '1 more problems in this document are not shown: only the first 1,000 are. Fix those first.' });
  assert.equal(many[0].span.start, 1001, 'the input is not reordered');
  const ties = [problem(5, 9, 'late'), ...Array.from({ length: 999 }, (_, i) => problem(i, i)), problem(5, 6, 'early'), problem(3000, 3001)];
  const t = limitProblems(ties);
  assert.deepEqual(t.filter((p) => p.span.start === 5).map((p) => p.code), ['c5', 'early', 'late']);
  assert.equal(t.length, 1001);
  assert.equal(t[999].code, 'c997');
  assert.deepEqual(t[1000], { code: 'c998', severity: 'error', span: { start: 998, end: 998 }, message: '2 more problems in this document are not shown: only the first 1,000 are. Fix those first.' });
  const lots = limitProblems(Array.from({ length: 2500 }, (_, i) => problem(i, i + 1)));
  assert.equal(lots.length, 1001);
  assert.equal(lots[1000].message, '1,500 more problems in this document are not shown: only the first 1,000 are. Fix those first.');
  assert.deepEqual(lots[1000].span, { start: 1000, end: 1001 });
});

const scalar = (text: string): ScalarNode => ({ kind: 'scalar', span: { start: 0, end: text.length }, text, style: 'plain', value: text, type: 'string' });
const alias = (target: Node | undefined): AliasNode => ({ kind: 'alias', span: { start: 0, end: 1 }, name: 'a', target });

test('deref: follows up to 64 aliases; a longer chain, a cycle or a dangling alias is null', () => {
  const s = scalar('x');
  assert.equal(deref(null), null);
  assert.equal(deref(undefined), null);
  assert.equal(deref(s), s);
  let chain: Node = s;
  for (let i = 0; i < 64; i++) chain = alias(chain);
  assert.equal(deref(chain), s);
  assert.equal(deref(alias(chain)), null);
  const a = alias(undefined);
  const b = alias(a);
  a.target = b;
  assert.equal(deref(a), null);
  assert.equal(deref(alias(undefined)), null);
});

test('keyText: integer keys as written in decimal (beyond 2^53 too), float keys as float32 %g (sigs.k8s.io/yaml yaml.go)', () => {
  // convertToJSONableObject: int keys via strconv.FormatInt(10), float64 keys via FormatFloat(k, 'g', -1, 32).
  const root = parseFile('9007199254740993: a\n123456789.0: b\n0.1: c\n1e21: d\n-0x10: e\n', 'yaml').documents[0].model.root as MapNode;
  assert.deepEqual(root.pairs.map((p) => keyText(p)), ['9007199254740993', '1.2345679e+08', '0.1', '1e+21', '-16']);
});

test('parsedFile: the URI (empty by default), the model and a line index of its text', () => {
  const f = parseFile('a: 1\nb: 2\n', 'yaml');
  const p = parsedFile(f, 'file:///x.yaml');
  assert.equal(p.uri, 'file:///x.yaml');
  assert.equal(p.file, f);
  assert.ok(p.lines instanceof LineIndex);
  assert.deepEqual(p.lines.positionAt(6), { line: 1, character: 1 });
  assert.equal(parsedFile(f).uri, '');
});

test('keyText, getPair and stringValue: keys as kubectl turns them into JSON object keys', () => {
  const root = parseFile('x: 1\n0x0A: hex\n1.5: f\n1e3: e\nyes: b\n~: n\n18446744073709551615: big\n[a]: s\n{b: 1}: t\nx: 2\n&k key: 3\n', 'yaml').documents[0].model.root as MapNode;
  assert.deepEqual(root.pairs.map((p) => keyText(p)), ['x', '10', '1.5', '1000', 'true', undefined, undefined, undefined, undefined, 'x', 'key']);
  assert.equal(getPair(root, 'x'), root.pairs[9]);
  assert.equal(getPair(root, 'key'), root.pairs[10]);
  assert.equal(getPair(root, 'missing'), undefined);
  assert.equal(getPair(root, '10')?.value?.kind === 'scalar' && getPair(root, '10')?.value, root.pairs[1].value);
  const aliased = parseFile('a: &v text\nb: *v\nc: 3\nd: [x]\n*v : k\n', 'yaml').documents[0].model.root as MapNode;
  assert.deepEqual(aliased.pairs.map((p) => stringValue(p.value)), ['text', 'text', undefined, undefined, 'k']);
  assert.equal(keyText(aliased.pairs[4]), 'text');
  assert.equal(stringValue(undefined), undefined);
  assert.equal(stringValue(null), undefined);
  assert.equal(keyText({ key: null, value: scalar('v'), span: { start: 0, end: 1 } }), undefined);
  assert.equal(keyText({ key: alias(undefined), value: null, span: { start: 0, end: 1 } }), undefined);
});
