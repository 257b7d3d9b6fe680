// document/yamlParser.ts parseYamlDocument (issue 16, session 25, written against the survivors of
// test/mutation/stryker.s25-yamlparser.json lines 119-218): a document nested past the analysed depth,
// a parser that throws, which documents get a Reading, and when converter problems make a document
// one with syntax errors. The depth rule and its wording belong to nesting.ts (pinned by nestingEdges);
// here only how parseYamlDocument reports it: one problem, one character wide, at the offset nesting.ts names.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { findYamlNestingExcess, nestingMessage } from '../../server/src/document/nesting';
import { parseYamlDocument, readingOf } from '../../server/src/document/yamlParser';

test('a document nested deeper than the analysed depth: one error, one character wide, no root, nothing read', () => {
  // 201 flow sequences opened and closed: the text goes on after the place nesting.ts names.
  const text = '['.repeat(201) + ']'.repeat(201) + '\n';
  const excess = findYamlNestingExcess(text);
  assert.ok(excess, 'nesting.ts finds the excess');
  assert.ok(excess.offset + 1 < text.length);
  const model = parseYamlDocument(text);
  assert.deepEqual(model, {
    text,
    root: null,
    problems: [{ code: 'yaml-syntax', severity: 'error', span: { start: excess.offset, end: excess.offset + 1 }, message: nestingMessage(excess) }],
    hasSyntaxErrors: true,
    expandedNodeCount: 0,
  });
  assert.equal(readingOf(model), undefined, 'a document that is not read has no Reading');
});

test('a clean document that the repair would change (`a:b`, a plain scalar) is read as written only: the shared record, not compared', () => {
  const model = parseYamlDocument('a:b\n');
  assert.deepEqual(model.problems, []);
  assert.equal(readingOf(model), readingOf(parseYamlDocument('x: 1\n')));
  assert.deepEqual(readingOf(model), { winner: 'written', errors: 0, compared: false });
  assert.equal(model.root?.kind === 'scalar' && model.root.value, 'a:b');
});

test('converter warnings alone (an unknown local tag) leave the document without syntax errors; a tag error does not', () => {
  const warned = parseYamlDocument('a: !foo 1\n');
  assert.deepEqual(warned.problems.map((p) => [p.code, p.severity]), [['yaml-tag', 'warning']]);
  assert.equal(warned.hasSyntaxErrors, false);
  const refused = parseYamlDocument('a: !!int x\n');
  assert.deepEqual(refused.problems.map((p) => [p.code, p.severity]), [['yaml-tag', 'error']]);
  assert.equal(refused.hasSyntaxErrors, true);
});

test('kyaml documents (Kustomize patches) get no Reading: they are never edited in place', () => {
  const model = parseYamlDocument('a: 1\n', undefined, true);
  assert.equal(readingOf(model), undefined);
  assert.notEqual(readingOf(parseYamlDocument('a: 1\n')), undefined);
});

test('a parser that throws: one located error that says so, no root, no Reading', () => {
  // The module object yamlParser.ts calls through (compiled to CommonJS: `yaml_1.parseDocument(...)`).
  const parser = createRequire(__filename)('yaml') as { parseDocument: unknown };
  const original = parser.parseDocument;
  parser.parseDocument = () => {
    throw new Error('boom');
  };
  try {
    const model = parseYamlDocument('a: 1\n');
    assert.deepEqual(model, {
      text: 'a: 1\n',
      root: null,
      problems: [{ code: 'yaml-syntax', severity: 'error', span: { start: 0, end: 1 }, message: 'The YAML parser failed: boom' }],
      hasSyntaxErrors: true,
      expandedNodeCount: 0,
    });
    assert.equal(readingOf(model), undefined);
    // An empty text: the span is empty too.
    assert.deepEqual(parseYamlDocument('').problems.map((p) => p.span), [{ start: 0, end: 0 }]);
  } finally {
    parser.parseDocument = original;
  }
  assert.equal(parseYamlDocument('a: 1\n').problems.length, 0);
});
