// YAML completion's line scan (features/completionYaml.ts lines 129-235: readLine, splitKey, unquote,
// stripComment, inComment, readCursorLine) on the shapes session 24's mutation run left untested (issue 16):
// values that start with YAML indicators (`&`, `*`, `!`, `|`, `>`, `{`, `[`, `%`, `@`, backquote: YAML 1.2
// section 7.3.3, a plain scalar cannot start with them) or hold ": " (a nested mapping), where the replaced
// range ends, what counts as a key word, whether a `:` follows the key, and kind/apiVersion values written with
// stray quotes. A policy is migrations.kubevirt.io/v1alpha1 MigrationPolicy (kubevirt
// staging/src/kubevirt.io/api/migrations/v1alpha1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { complete, pick } from '../support/check';
import { at, SPEC } from '../support/completionAt';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
const newText = (marked: string, label: string) => (pick(complete(marked).list.items, label).textEdit as TextEdit).newText;

test('a comment holding U+2028 or U+2029 (no line breaks in YAML 1.2) is dropped to the end of the line', () => {
  assert.deepEqual(at(`${H}spec: # a\u2028b\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
  assert.deepEqual(at(`${H}spec: # a\u2029\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
  // the replaced value ends before the comment, as it does for a comment without them
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: tr‸ # c\u2029x\n`), { labels: ['true', 'false'], range: '3:17-19' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: tr‸ # cx\n`), { labels: ['true', 'false'], range: '3:17-19' });
});

test('a value that starts with a YAML indicator gets no value completion; the same character later in the value does', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: &a‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: !t‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: a&‸\n`), { labels: ['true', 'false'], range: '3:17-19' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: a!‸\n`), { labels: ['true', 'false'], range: '3:17-19' });
});

test('a value holding ": " is a nested mapping: no value completion; a colon glued to text is part of the value', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: a: ‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: a:\t‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: a:b‸\n`), { labels: ['true', 'false'], range: '3:17-20' });
});

test('a line that ends with % (only a line that starts with it is a directive) gets value completion', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: x%‸\n`), { labels: ['true', 'false'], range: '3:17-19' });
});

test('the replaced value runs over spaces inside a plain value up to its last word, not over a comment', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: t‸  x\n`), { labels: ['true', 'false'], range: '3:17-21' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: t‸ x # c\n`), { labels: ['true', 'false'], range: '3:17-20' });
});

test('two words before the cursor are no key being typed: no key completion; one word with text after the cursor is', () => {
  assert.deepEqual(at(`${H}spec:\n  a b‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  a.b/c-d e‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  a‸ b\n`), { labels: SPEC, range: '3:2-3' });
});

test('a word followed by a space is no list dash: `x kind:` is no item of a List, `x allowPostCopy:` no key', () => {
  assert.deepEqual(at('apiVersion: v1\nkind: List\nitems:\nx kind: ‸\n'), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  x allowPostCopy: ‸\n`), { labels: [] });
  // control: a real dash
  assert.deepEqual(at('apiVersion: v1\nkind: List\nitems:\n- kind: ‸\n'), { labels: ['MigrationPolicy'], range: '3:8-8' });
});

test('a key typed before an existing colon (after spaces or tabs, or at the end of the line) is inserted without a second colon', () => {
  assert.equal(newText(`${H}spec:\n  allowPost‸ : x\n`, 'allowPostCopy'), 'allowPostCopy');
  assert.equal(newText(`${H}spec:\n  allowPost‸\t: x\n`, 'allowPostCopy'), 'allowPostCopy');
  assert.equal(newText(`${H}spec:\n  allowPost‸:\n`, 'allowPostCopy'), 'allowPostCopy');
  assert.equal(newText(`${H}spec:\n  allowPost‸: true\n`, 'allowPostCopy'), 'allowPostCopy');
  // a colon later on the line, or glued to other text, is not this key's colon
  assert.match(newText(`${H}spec:\n  allowPost‸ x: y\n`, 'allowPostCopy'), /^allowPostCopy: /);
  assert.match(newText(`${H}spec:\n  allowPost‸=x: y\n`, 'allowPostCopy'), /^allowPostCopy: /);
  assert.match(newText(`${H}spec:\n  allowPost‸:x\n`, 'allowPostCopy'), /^allowPostCopy: /);
});

test('the kind written on the other lines decides while the cursor is on a second kind line', () => {
  // the parser reads the last of two `kind` keys (Pod); the line scan leaves out the line being edited
  assert.deepEqual(at('kind: MigrationPolicy\n‸kind: Pod\n'), { labels: ['apiVersion', 'metadata', 'spec'], range: '1:0-4' });
  assert.deepEqual(at('kind: MigrationPolicy\nkind: ‸Pod\n'), { labels: ['MigrationPolicy'], range: '1:6-9' });
});

const A = 'apiVersion: migrations.kubevirt.io/v1alpha1\n';

test('a kind with a stray quote is that text (no policy kind): no spec keys', () => {
  assert.deepEqual(at(`${A}kind: x'\nspec:\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`${A}kind: x"\nspec:\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`${A}kind: '\nspec:\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`${A}kind: "\nspec:\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`kind: 'MigrationPolicyx\nspec:\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`kind: "MigrationPolicyx\nspec:\n  ‸\n`), { labels: [] });
});

test('an empty quoted kind is no kind: the migrations apiVersion makes the document a policy', () => {
  assert.deepEqual(at(`${A}kind: ''\nspec:\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
  assert.deepEqual(at(`${A}kind: ""\nspec:\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
});

test('a quoted key followed by text instead of a colon is no key: it opens no mapping and counts as no key present', () => {
  assert.deepEqual(at(`${H}"spec"x\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}"spec" x\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  "allowPostCopy" x\n  ‸\n`), { labels: SPEC, range: '4:2-2' });
});

test('a colon glued to text ends no key: `allowPostCopy:x` is a plain value, counts as no key present and gets no value completion', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy:x: 1\n  ‸\n`), { labels: SPEC, range: '4:2-2' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy:t‸\n`), { labels: [] });
});

test('spaces between a key and its colon are no part of the key', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy : true\n  ‸\n`).labels, SPEC.filter((k) => k !== 'allowPostCopy'));
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy : ‸\n`), { labels: ['true', 'false'], range: '3:18-18' });
});

test('a backslash in a single-quoted value escapes nothing: the quote after it closes the value and " #" starts a comment', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: 'x\\' #‸\n`), { labels: [] });
  // in a double-quoted value it escapes the quote: the value is still open
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: "x\\" #‸\n`), { labels: ['true', 'false'], range: '3:17-23' });
});
