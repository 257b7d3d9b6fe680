// Survivors of the mutation run of document/jsonParser.ts that change answers: a syntax error spans what
// vscode-json-languageservice marks (`tru` is three characters, not one), and nesting past the limit is an
// error, as every JSON syntax problem is.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonDocument } from '../../server/src/document/jsonParser';

test('a syntax error keeps the width the JSON parser gives it', () => {
  const model = parseJsonDocument('{"a": tru}');
  assert.deepEqual(model.problems, [{ code: 'json-syntax', severity: 'error', span: { start: 6, end: 9 }, message: 'Value expected.' }]);
  assert.deepEqual(parseJsonDocument('{"a": 1 "b": 2}').problems.map((p) => p.span), [{ start: 8, end: 11 }]);
  assert.deepEqual(parseJsonDocument('{"a": 1.}').problems.map((p) => [p.span, p.message]), [[{ start: 6, end: 8 }, 'Unexpected end of number.']]);
});

test('nesting past the limit: one error at the first bracket too deep', () => {
  const text = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const model = parseJsonDocument(text);
  assert.equal(model.root, null);
  assert.equal(model.hasSyntaxErrors, true);
  assert.equal(model.problems.length, 1);
  assert.equal(model.problems[0].severity, 'error');
  assert.equal(model.problems[0].code, 'json-syntax');
  // The analysis stops at 200 levels (nesting.ts MAX_ANALYSED_DEPTH): the 201st bracket is the one named.
  assert.deepEqual(model.problems[0].span, { start: 200, end: 201 });
});
