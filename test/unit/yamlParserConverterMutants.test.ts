// document/yamlParser.ts, the converter and the helpers after it (issue 16, session 25, written against the
// survivors of test/mutation/stryker.s25-yamlparser.json lines 423-588): which anchors an alias can find,
// resolvedScalar, the alias count and tagBefore. Expected values are worked out by hand from the YAML text
// (offsets counted in the strings below) and from go-yaml v2 where kubectl's reading is meant.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlDocument } from '../../server/src/document/yamlParser';

test('an empty anchor (`&` alone) is no anchor: an empty alias (`*` alone) after it finds no target', () => {
  // `- & a`: the yaml package reads the anchor as '' ("Anchor cannot be an empty string"); `- *`: the alias
  // named '' ("Alias cannot be an empty string"). Neither names anything, so the alias expands to nothing.
  const text = '- & a\n- *\n';
  const model = parseYamlDocument(text);
  assert.ok(model.root && model.root.kind === 'seq');
  const alias = model.root.items[1];
  assert.equal(alias.kind, 'alias');
  assert.ok(alias.kind === 'alias');
  assert.equal(alias.name, '');
  assert.equal(alias.target, undefined);
  // the sequence, the scalar, the alias node: 3 (an alias that found the scalar would count 4)
  assert.equal(model.expandedNodeCount, 3);
  assert.deepEqual(model.problems.map((p) => [p.code, p.span.start, p.span.end, p.message]), [
    ['yaml-syntax', 2, 3, 'Anchor cannot be an empty string.'],
    ['yaml-syntax', 8, 9, 'Alias cannot be an empty string.'],
  ]);
});

const valueOf = (text: string, kyaml = false) => {
  const model = parseYamlDocument(text, undefined, kyaml);
  assert.ok(model.root && model.root.kind === 'map');
  return model.root.pairs[0].value;
};

test('kyaml (go-yaml v3) turns only the yaml 1.1 booleans it does not know into strings: numbers stay numbers', () => {
  // sigs.k8s.io/kustomize/kyaml reads `5` as the integer 5 like kubectl; only `yes` (a go-yaml v2 boolean) differs.
  assert.deepEqual(valueOf('a: 5\n', true), { kind: 'scalar', span: { start: 3, end: 4 }, style: 'plain', tag: undefined, anchor: undefined, text: '5', value: 5, type: 'integer', json: '5', goType: 'int' });
  assert.deepEqual(valueOf('a: yes\n', true), { kind: 'scalar', span: { start: 3, end: 6 }, style: 'plain', tag: undefined, anchor: undefined, text: 'yes', value: 'yes', type: 'string' });
  assert.deepEqual(valueOf('a: True\n', true), { kind: 'scalar', span: { start: 3, end: 7 }, style: 'plain', tag: undefined, anchor: undefined, text: 'True', value: true, type: 'boolean' });
});

test('a quoted scalar reads the same in YAML 1.1 and 1.2: "1" and "yes" carry no yaml12 reading', () => {
  // Only plain, untagged scalars are resolved by type; a quoted "1" is the string 1 in both YAML versions.
  assert.deepEqual(valueOf('a: "1"\n'), { kind: 'scalar', span: { start: 3, end: 6 }, style: 'double', tag: undefined, anchor: undefined, text: '1', value: '1', type: 'string' });
  assert.deepEqual(valueOf("a: '1'\n"), { kind: 'scalar', span: { start: 3, end: 6 }, style: 'single', tag: undefined, anchor: undefined, text: '1', value: '1', type: 'string' });
  // the plain one for contrast: go-yaml v2 reads yes as true, YAML 1.2 as the string
  assert.deepEqual(valueOf('a: yes\n'), { kind: 'scalar', span: { start: 3, end: 6 }, style: 'plain', tag: undefined, anchor: undefined, text: 'yes', value: true, type: 'boolean', yaml12: { value: 'yes', type: 'string' } });
});

test('excessive aliasing: a share of exactly 99% is allowed (go-yaml fails only above allowedAliasRatio)', () => {
  // go-yaml v2 decode.go: float64(aliasCount)/float64(decodeCount) > allowedAliasRatio(decodeCount), 0.99 below 400,000.
  //   a: &a [x ×5]   size 6
  //   b: &b [*a ×9]  9 × 6 = 54 aliased; size 1 + 9 × 7 = 64
  //   c: &c [*b ×5]  5 × 64 = 320 aliased; size 1 + 5 × 65 = 326
  //   d: [*c ×11]    11 × 326 = 3,586 aliased
  // aliased 54 + 320 + 3,586 = 3,960; not aliased: the document, the root map, 4 keys, 4 sequences,
  // 5 scalars, 9 + 5 + 11 alias nodes = 40;
  // 3,960 / 4,000 = 0.99 exactly: allowed. One more *c (3,960 + 326 of 4,327) is above and refused.
  const seqOf = (n: number, item: string) => `[${Array(n).fill(item).join(', ')}]`;
  const doc = (m: number) => `a: &a ${seqOf(5, 'x')}\nb: &b ${seqOf(9, '*a')}\nc: &c ${seqOf(5, '*b')}\nd: ${seqOf(m, '*c')}\n`;
  const exact = parseYamlDocument(doc(11));
  assert.equal(exact.expandedNodeCount, 3999, 'the 4,000 decodes less the document node');
  assert.deepEqual(exact.problems, []);
  assert.equal(exact.hasSyntaxErrors, false);
  const text = doc(12);
  const over = parseYamlDocument(text);
  assert.equal(over.expandedNodeCount, 4326);
  assert.deepEqual(over.problems.map((p) => [p.code, p.span.start, p.span.end]), [['alias-bomb', text.indexOf('*a'), text.indexOf('*a') + 2]]);
});
