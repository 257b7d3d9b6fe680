// editYamlDocument (document/yamlEdit.ts) at the edges of what it may take: each case says whether the
// in-scalar path takes the edit (and then that its model equals parseYamlDocument's of the new text) or
// declines it (undefined, so the caller reads the document again). The cases sit on the limits the
// mutation run of session 21 left untested: offsets at the end of the text, the line-length limit to the
// character, a last line without a break, repairs that appear or vanish with the edit, a repaired line
// with two repairs, problems that end exactly where the edited line starts, and whether nodes before
// the edit are kept as the same objects.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentModel, MapNode, SeqNode } from '../../server/src/document/model';
import { parseYamlDocument, readingOf } from '../../server/src/document/yamlParser';
import { editYamlDocument } from '../../server/src/document/yamlEdit';
import { declined, taken, type } from '../support/yamlEditDriver';

const messages = (model: DocumentModel) => model.problems.map((p) => [p.span.start, p.span.end, p.message]);

test('a model that parseYamlDocument did not make (no reading recorded) is declined, not edited', () => {
  const text = 'spec:\n  a: abc\n';
  const model = parseYamlDocument(text);
  const copy: DocumentModel = { ...model };
  assert.equal(readingOf(copy), undefined);
  assert.equal(editYamlDocument(copy, 'spec:\n  a: abcd\n', { start: 14, oldEnd: 14, newEnd: 15 }), undefined);
  // The model itself takes the same edit.
  assert.ok(editYamlDocument(model, 'spec:\n  a: abcd\n', { start: 14, oldEnd: 14, newEnd: 15 }));
});

test('offsets: an edit at the very end of a text without a final line break is taken; a newEnd past the new text or a changed tail is declined', () => {
  const end = taken('a: abc', 6, 'd');
  assert.deepEqual((end.root as MapNode).pairs[0].value?.span, { start: 3, end: 7 });
  // "a: ab" -> "a: abc" said to end at 12: the lengths disagree with the edit.
  const short = parseYamlDocument('a: ab');
  assert.equal(editYamlDocument(short, 'a: abc', { start: 5, oldEnd: 5, newEnd: 12 }), undefined);
  // The right lengths, but the text after the edit is not the old text.
  const two = parseYamlDocument('a: abc\nb: x\n');
  assert.equal(editYamlDocument(two, 'a: abcd\nb: y\n', { start: 6, oldEnd: 6, newEnd: 7 }), undefined);
});

test('a deletion that runs past the end of a document scalar into its comment is declined', () => {
  // "abc # c" without "c # " is "abc": the deleted stretch leaves the scalar [0, 3).
  declined('abc # c\n', 2, '', 4);
  taken('abc # c\n', 2, 'x');
});

test('a deletion must end before a letter or digit (or at the end of the scalar): one that ends before a colon inside it is declined', () => {
  // "ab:c d" without "b" is "a:c d": after a letter, but followed by a colon.
  declined('k: ab:c d\n', 4, '', 1);
  // Ending before a letter, or at the end of the scalar, is taken.
  taken('k: abc:d e\n', 4, '', 1);
  taken('k: ab:cd\n', 7, '', 1);
});

test('a model read as written after the repaired reading was tried too is declined (the other reading could win now)', () => {
  // The tab and the missing space are repaired, but the repaired text has as many errors: the text as written wins.
  const text = 'k1:v1\n\tb: x\nc: zz\n';
  assert.deepEqual(readingOf(parseYamlDocument(text)), { winner: 'written', errors: 1, compared: true });
  declined(text, text.indexOf('zz') + 2, 'q');
});

test('the line-length limit to the character: a line of up to 1,000 characters (with its break) before and after the edit is taken', () => {
  // "a: " + n letters + "\n" is n + 4 characters long.
  const line = (n: number) => `a: ${'w'.repeat(n)}\n`;
  taken(line(995), 10, 'v'); // 999 -> 1,000
  declined(line(996), 10, 'v'); // 1,000 -> 1,001
  taken(line(996), 10, '', 1); // 1,000 -> 999
  declined(line(997), 10, '', 1); // 1,001 -> 1,000
  // The limit counts the edited line only: a one-letter document scalar before a comment of 1,001 characters.
  taken(`a\n#${'x'.repeat(1000)}\n`, 1, 'b');
});

test('a repaired last line without a line break: typing into its value rewords the repair from the new line', () => {
  const edited = taken('a: 1\nk1:v1', 10, '9');
  assert.deepEqual(messages(edited), [[7, 8, `Missing space after ':' in "k1:v19": write "k1: v19", with a space after the colon.`]]);
});

test('typing into the key of a repaired line moves its repair with it', () => {
  const edited = taken('a: 1\nk1:v1\n', 6, 'x');
  assert.deepEqual(messages(edited), [[8, 9, `Missing space after ':' in "kx1:v1": write "kx1: v1", with a space after the colon.`]]);
});

test('a deletion that makes a line need a repair: taken in a document without errors, declined where a repair could change which reading wins', () => {
  // "- kX@y:value" is a plain scalar in a sequence; without "X@" it reads "- ky:value", which repairLine would repair.
  const edited = taken('- kX@y:value\n', 3, '', 2);
  assert.equal(((edited.root as SeqNode).items[0] as { value?: unknown }).value, 'ky:value');
  // The same with an error elsewhere (read as written, the repaired reading not tried): declined.
  const broken = 'list:\n- kX@y:value\nz: "open\n';
  assert.deepEqual(readingOf(parseYamlDocument(broken)), { winner: 'written', errors: 1, compared: false });
  declined(broken, broken.indexOf('kX') + 1, '', 2);
  // In a repaired document, a line that needs a repair after the edit and not before: declined.
  const repaired = 'k1:v1\nlist:\n- a@b:c\n';
  assert.equal(readingOf(parseYamlDocument(repaired))?.winner, 'repaired');
  declined(repaired, repaired.indexOf('a@b') + 1, '', 1);
});

test('a repaired document that still has an error: typing into a repaired line is taken', () => {
  const text = 'spec:\n  k1:v1\n  a: abc\nz: "open\n';
  assert.deepEqual(readingOf(parseYamlDocument(text)), { winner: 'repaired', errors: 1, compared: true });
  const edited = taken(text, text.indexOf('v1') + 2, '9');
  assert.match(edited.problems[0].message, /in "k1:v19"/);
});

test('a repaired line with a tab indent and a missing space: both repairs are worded again, each in its place', () => {
  const text = 'spec:\n  a: 1\n\tk1:v1\n  b: 2\n';
  const edited = taken(text, text.indexOf('v1') + 2, 'w');
  assert.deepEqual(messages(edited), [
    [13, 14, 'Tabs are not allowed for indentation in YAML: indent with spaces.'],
    [16, 17, `Missing space after ':' in "k1:v1w": write "k1: v1w", with a space after the colon.`],
  ]);
});

test('a problem on the edited line that is not one of its repairs (an unknown alias) is declined', () => {
  const text = 'a: 1\nk1:*nope\n';
  assert.deepEqual(parseYamlDocument(text).problems.map((p) => p.code), ['yaml-syntax', 'alias-unknown']);
  declined(text, 6, 'x');
});

test('a syntax error at the very place of the edited line\'s repair (same code and span, another message) is not a repair: declined', () => {
  // Found by random documents: on the line "\tk9:v9" the repaired text still has an error at the colon.
  const text = '  key7:value7\n\tkey8: tabbed8\n      team: a1b2\n  - x1\nk4:v4: x\n\tk9:v9\n      deepest: v1\n';
  const model = parseYamlDocument(text);
  assert.equal(readingOf(model)?.winner, 'repaired');
  const atColon = model.problems.filter((p) => p.span.start === 65 && p.span.end === 66).map((p) => [p.code, p.message.slice(0, 40)]);
  assert.deepEqual(atColon, [
    ['yaml-syntax', 'Missing space after \':\' in "k9:v9": writ'],
    ['yaml-syntax', 'Unexpected map-value-ind token in YAML s'],
  ]);
  declined(text, text.indexOf('k9:v9') + 5, 'q');
});

test('exactly 1,000 problems (none left out): the last one, on the edited line, is worded again', () => {
  const lines = Array.from({ length: 999 }, (_, i) => `  k${i}:v${i}`);
  const text = `spec:\n  a: abc\n${lines.join('\n')}\n  kz:vz\n`;
  const edited = taken(text, text.indexOf('kz:vz') + 5, 'q');
  assert.equal(edited.problems.length, 1000);
  assert.match(edited.problems[999].message, /in "kz:vzq"/);
});

test('a problem that ends exactly where the edited line starts stays as it is; one that runs onto the edited line means a new reading', () => {
  // The problem covers the block scalar, whose span ends at the start of "b: cd". (A tag's problem covers the tag
  // where it is found, since session 27 across line breaks too; one is on its value only where the line before the
  // value holds ` #` inside quotes, taken for a comment: the key "k #" here.)
  const block = '"k #": !!int\n  |\n  x\nb: cd\n';
  assert.deepEqual(parseYamlDocument(block).problems.map((p) => p.span), [{ start: 15, end: 21 }]);
  const edited = taken(block, 25, 'e');
  assert.deepEqual(edited.problems.map((p) => p.span), [{ start: 15, end: 21 }]);
  // A tagged double-quoted scalar over two lines, and the edited scalar after it on its last line.
  const flow = 'a: ["k #", !!int\n  "x\n  y", cd]\n';
  assert.deepEqual(parseYamlDocument(flow).problems.map((p) => p.span), [{ start: 19, end: 26 }]);
  declined(flow, flow.indexOf('cd') + 1, 'e');
});

test('nodes wholly before the edit are kept as the same objects; the edited item and those after it are new', () => {
  const text = '- a\n- b\n- cd\n- e\n';
  const { model, edited } = type(text, 11, 'x');
  assert.ok(edited);
  const before = (model.root as SeqNode).items;
  const after = (edited.root as SeqNode).items;
  assert.equal(after[0], before[0]);
  assert.equal(after[1], before[1]);
  assert.notEqual(after[2], before[2]);
  assert.deepEqual(after[3].span, { start: 16, end: 17 }); // "e" was at 15
});
