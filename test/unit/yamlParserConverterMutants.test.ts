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
