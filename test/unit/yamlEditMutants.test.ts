// editYamlDocument (document/yamlEdit.ts) case by case: for each edit, whether the in-scalar path takes
// it (a model) or leaves it to a new reading (undefined), and when it takes it, that the model equals
// parseYamlDocument's of the new text: aliases pointing at the moved anchor, scalars in sequences,
// problems before, on and after the edited line, and the bounds of the edit.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AliasNode, MapNode, SeqNode } from '../../server/src/document/model';
import { editYamlDocument } from '../../server/src/document/yamlEdit';
import { parseYamlDocument } from '../../server/src/document/yamlParser';
import { declined, taken } from '../support/yamlEditDriver';

test('an alias after the edit points at the moved anchor node, with its new span', () => {
  const text = 'spec:\n  a: abc\n  anchored: &a base1\n  aliased: *a\n';
  const edited = taken(text, text.indexOf('abc') + 3, 'XY');
  const spec = (edited.root as MapNode).pairs[0].value as MapNode;
  const anchored = spec.pairs[1].value;
  const alias = spec.pairs[2].value as AliasNode;
  assert.equal(alias.kind, 'alias');
  assert.equal(alias.target, anchored);
  assert.deepEqual(anchored?.span, { start: text.indexOf('base1') + 2, end: text.indexOf('base1') + 7 });
  // An anchored map before the edit is kept as it is, and so is an alias to it.
  const before = 'base: &b {x: 1}\nspec:\n  a: abc\n  copy: *b\n';
  const kept = taken(before, before.indexOf('abc') + 1, 'q');
  const pairs = (kept.root as MapNode).pairs;
  assert.equal(((pairs[1].value as MapNode).pairs[1].value as AliasNode).target, pairs[0].value);
  // The anchored scalar itself is never edited in place.
  declined(text, text.indexOf('base1') + 2, 'z');
});

test('scalars inside block and flow sequences are found; an edit in an alias or a non-plain scalar is declined', () => {
  const block = 'list:\n- abc\n- def\n- *x\nother: ghi\n';
  const seq = (taken(block, block.indexOf('def') + 2, 'Q').root as MapNode).pairs[0].value as SeqNode;
  assert.equal(seq.items[1].kind === 'scalar' && seq.items[1].value, 'deQf');
  taken(block, block.indexOf('ghi') + 1, '7');
  const flow = 'spec: {list: [one1, two2, 3], tail: z1}\n';
  taken(flow, flow.indexOf('two2') + 4, '5');
  taken(flow, flow.indexOf('z1') + 2, 'w');
  declined(block, block.indexOf('*x') + 2, 'y');
  declined("a: 'abc'\n", 5, 'z');
  declined('a: "abc"\n', 5, 'z');
  declined('a: !!str abc\n', 11, 'z');
});

test('problems before the edited line stay, those after it move, and a repair on the edited line is worded from the new line', () => {
  const text = 'spec:\n  k1:v1\n  a: abc\n  k2:v2\n';
  const after = taken(text, text.indexOf('abc') + 3, 'de');
  assert.deepEqual(after.problems.map((p) => [p.span.start, p.message.match(/in "([^"]+)"/)?.[1]]), [
    [text.indexOf('k1:') + 2, 'k1:v1'],
    [text.indexOf('k2:') + 2 + 2, 'k2:v2'],
  ]);
  // Typing into the repaired line itself: the repair is worded again, quoting the new text.
  const own = taken(text, text.indexOf('v1') + 2, '99');
  assert.match(own.problems[0].message, /in "k1:v199"/);
  assert.deepEqual(own.problems[1].span, { start: text.indexOf('k2:') + 2 + 2, end: text.indexOf('k2:') + 3 + 2 });
  // A deletion inside a value before the repaired lines moves them back.
  const deleted = taken(text, text.indexOf('abc') + 1, '', 1);
  assert.equal(deleted.problems[1].span.start, text.indexOf('k2:') + 2 - 1);
});

test('past the kept problems: edits after the cap move nothing that is shown; the "more" line is not reworded in place', () => {
  const broken = Array.from({ length: 1005 }, (_, i) => `  k${i}:v${i}`).join('\n');
  const text = `spec:\n  a: abc\n${broken}\n  z: tail\n`;
  const model = parseYamlDocument(text);
  assert.equal(model.problems.length, 1001);
  const after = taken(text, text.indexOf('abc') + 3, 'x');
  assert.equal(after.problems.length, 1001);
  assert.equal(after.problems[0].span.start, model.problems[0].span.start + 1);
  assert.equal(after.problems[1000].message, model.problems[1000].message);
  taken(text, text.indexOf('tail') + 4, 's');
});

test('the bounds of an edit: wrong offsets, a text of another length, a line near the key limit, an empty insert', () => {
  const text = 'spec:\n  a: abc\n';
  const model = parseYamlDocument(text);
  const next = 'spec:\n  a: abcd\n';
  assert.ok(editYamlDocument(model, next, { start: 14, oldEnd: 14, newEnd: 15 }));
  assert.equal(editYamlDocument(model, next, { start: -1, oldEnd: 14, newEnd: 15 }), undefined);
  assert.equal(editYamlDocument(model, next, { start: 14, oldEnd: 40, newEnd: 41 }), undefined);
  assert.equal(editYamlDocument(model, 'spec:\n  a: abcde\n', { start: 14, oldEnd: 14, newEnd: 15 }), undefined);
  assert.equal(editYamlDocument(model, text, { start: 14, oldEnd: 14, newEnd: 14 }), undefined);
  // The text around the edit must be the old text.
  assert.equal(editYamlDocument(model, 'spec:\n  b: abcd\n', { start: 14, oldEnd: 14, newEnd: 15 }), undefined);
  // A line of 1,000 characters or more is read again (the yaml package's 1,024-character implicit keys).
  const long = `spec:\n  a: ${'w'.repeat(1000)}\n`;
  declined(long, long.indexOf('www') + 5, 'v');
  const shorter = `spec:\n  a: ${'w'.repeat(980)}\n`;
  taken(shorter, shorter.indexOf('www') + 5, 'v');
  // A deletion of a whole word's end: "abc" -> "a" (the character after is not a word character).
  taken(text, 12, '', 2);
  // A deletion that reaches the line break is declined.
  declined(text, 12, '', 3);
});

test('scalars moved after the edit keep what kubectl makes of them: an unencodable float, a tag kubectl refuses', () => {
  // go-yaml v2 reads .inf/.nan as float64 that encoding/json refuses, and `!!int x` as an error (test/support/goYamlScalarTable.ts).
  const text = 'a: abc\nb: .inf\nc: !!int x\nd: [.nan]\n';
  const edited = taken(text, text.indexOf('abc') + 3, 'XY');
  const pairs = (edited.root as MapNode).pairs;
  const b = pairs[1].value;
  assert.equal(b?.kind === 'scalar' && b.unencodable, true);
  const c = pairs[2].value;
  assert.equal(c?.kind === 'scalar' && c.kubectlError, 'cannot decode !!str `x` as a !!int');
  const d = (pairs[3].value as SeqNode).items[0];
  assert.equal(d.kind === 'scalar' && d.unencodable, true);
});

test('a document that is only an alias (to an anchor it lacks) has no scalar to edit in place', () => {
  declined('*abc\n', 4, 'x');
  declined('--- *abc\n', 8, 'x');
});

test('a deletion that would join a colon or a space to what follows is declined: it can make a key or a comment', () => {
  // `k: a:bc d` without `bc` is `k: a: d` (a nested mapping value, an error); `k: a b#c` without `b` ends in a comment.
  declined('k: a:bc d\n', 5, '', 2);
  declined('k: a b#c\n', 5, '', 1);
  // Between two letters or digits the same deletion is taken, and equals a new reading.
  taken('k: a1bc2 d\n', 5, '', 2);
});
