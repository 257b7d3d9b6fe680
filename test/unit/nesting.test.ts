// The nesting bound: texts nested past what the parsers can take on the JavaScript stack are never
// handed to them, at any depth from 1 to 100,000, and get one located diagnostic instead.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { findJsonNestingExcess, findYamlNestingExcess, GO_YAML_MAX_DEPTH, MAX_ANALYSED_DEPTH } from '../../server/src/document/nesting';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: deep\nspec:\n  x: ';
// The policy's own block levels (the root mapping and `spec:`) count too.
const BLOCK_LEVELS = 2;

const SHAPES: Record<string, (depth: number) => string> = {
  flowSeq: (d) => `${HEAD}${'['.repeat(d)}${']'.repeat(d)}\n`,
  flowMap: (d) => `${HEAD}${'{a: '.repeat(d)}1${'}'.repeat(d)}\n`,
  unclosed: (d) => `${HEAD}${'['.repeat(d)}\n`,
  compactSeq: (d) => `${HEAD}\n    ${'- '.repeat(d)}x\n`,
};
const DEPTHS = [1, 2, 10, 100, 197, 198, 199, 200, 201, 1000, 2999, 3000, 5000, 9999, 10000, 10001, 20000, 100000];

for (const [shape, make] of Object.entries(SHAPES)) {
  test(`${shape}: every depth from 1 to 100,000 parses without a crash; past the bound one located diagnostic`, () => {
    for (const depth of DEPTHS) {
      const text = make(depth);
      const file = parseFile(text, 'yaml');
      const diagnostics = getFileDiagnostics({ file }, {});
      const total = depth + BLOCK_LEVELS;
      const nesting = diagnostics.filter((d) => /levels deep/.test(String(d.message)));
      if (total <= MAX_ANALYSED_DEPTH) {
        assert.equal(nesting.length, 0, `${shape} ${depth}`);
        assert.ok(file.documents[0].model.root, `${shape} ${depth} is analysed`);
        continue;
      }
      assert.equal(nesting.length, 1, `${shape} ${depth}`);
      assert.equal(diagnostics.length, 1, `${shape} ${depth}: nothing else is reported`);
      const at = text.length > 0 ? new LineIndex(text).offsetAt(nesting[0].range.start) : 0;
      // The diagnostic points at the bracket or indicator that crosses the bound.
      assert.match(text[at], /[[{-]/, `${shape} ${depth}`);
      if (total > GO_YAML_MAX_DEPTH) assert.match(String(nesting[0].message), /kubectl refuses it \("exceeded max depth of 10,000"\)/);
      else assert.match(String(nesting[0].message), new RegExp(`nests ${total.toLocaleString('en-US')} levels deep from here, more than the 200 this tool analyses`));
    }
  });
}

test('block indentation counts one level per indented mapping; block scalars and quotes do not count', () => {
  let deep = 'a:\n';
  for (let i = 1; i <= MAX_ANALYSED_DEPTH; i++) deep += `${' '.repeat(i)}a:\n`;
  const excess = findYamlNestingExcess(deep);
  assert.ok(excess);
  assert.equal(excess.offset, deep.lastIndexOf('a:'));
  assert.equal(findYamlNestingExcess(deep.slice(0, deep.lastIndexOf(' '.repeat(MAX_ANALYSED_DEPTH)))), undefined);
  const literal = `key: |\n  ${'['.repeat(500)}\n   ${'{'.repeat(500)}\nquoted: "${'['.repeat(500)}"\nsingle: '${'{'.repeat(300)}''['\nplain: a[b${'['.repeat(300)}\ncomment: 1 # ${'['.repeat(300)}\n`;
  assert.equal(findYamlNestingExcess(literal), undefined);
  const stairs = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- k${i}:`).join('\n');
  assert.ok(findYamlNestingExcess(stairs));
});

test('JSON: nesting past the bound is one located json-syntax diagnostic, strings do not count', () => {
  for (const depth of [1, 199, 200, 201, 3000, 10001, 100000]) {
    const text = `{"apiVersion":"migrations.kubevirt.io/v1alpha1","kind":"MigrationPolicy","spec":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const diagnostics = getFileDiagnostics({ file: parseFile(text, 'json') }, {});
    const nesting = diagnostics.filter((d) => /levels deep/.test(String(d.message)));
    assert.equal(nesting.length, depth + 1 > MAX_ANALYSED_DEPTH ? 1 : 0, `json ${depth}`);
    if (nesting.length) {
      assert.equal(nesting[0].code, 'json-syntax');
      assert.deepEqual(nesting[0].range.start, { line: 0, character: text.indexOf('[') + MAX_ANALYSED_DEPTH - 1 });
    }
  }
  assert.equal(findJsonNestingExcess(`{"a": "${'['.repeat(1000)}"}`), undefined);
});
