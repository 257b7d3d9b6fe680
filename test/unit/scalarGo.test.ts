// document/scalar.ts against Go: every row of test/support/goYamlScalarTable.ts (answers of the Go oracle,
// sigs.k8s.io/yaml YAMLToJSON over gopkg.in/yaml.v2) is read by the engine as kubectl would send it: the
// JSON of a value (numbers as their exact JSON text), go-yaml's error for a tag it cannot apply, encoding/json's
// refusal of NaN and ±Inf, and the text of a map key (float keys as float32 %g, uint64 and null keys refused).
// No Go needed here; the fidelity tier asks the oracle again for every row.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import { keyText } from '../../server/src/document/model';
import type { MapNode, ScalarNode } from '../../server/src/document/model';
import { formatFloat32g, jsonKey, resolveKubectl, resolveScalar } from '../../server/src/document/scalar';
import { GO_YAML_KEY_ROWS, GO_YAML_VALUE_ROWS } from '../support/goYamlScalarTable';

const pairOf = (text: string) => {
  const doc = parseFile(text, 'yaml').documents[0].model;
  const root = doc.root as MapNode;
  assert.equal(root?.kind, 'map', text);
  assert.equal(root.pairs.length, 1, text);
  return root.pairs[0];
};

/** What kubectl sends for the value node, in the oracle's terms. */
function engineValue(node: ScalarNode): string | { error: string } {
  if (node.kubectlError !== undefined) return { error: `yaml: ${node.kubectlError}` };
  if (node.unencodable) return { error: `json: unsupported value: ${Number.isNaN(node.value) ? 'NaN' : (node.value as number) > 0 ? '+Inf' : '-Inf'}` };
  if (typeof node.value === 'number') return node.json ?? 'no json text';
  return JSON.stringify(node.value);
}

test('scalar values: the JSON kubectl sends, or its error, for every row Go answered', () => {
  const bad: string[] = [];
  for (const [written, go] of GO_YAML_VALUE_ROWS) {
    const node = pairOf(`v: ${written}\n`).value as ScalarNode;
    const mine = engineValue(node);
    if (JSON.stringify(mine) !== JSON.stringify(go)) bad.push(`${JSON.stringify(written)}: engine ${JSON.stringify(mine)}, Go ${JSON.stringify(go)}`);
  }
  assert.deepEqual(bad, []);
  assert.ok(GO_YAML_VALUE_ROWS.length >= 190);
});

test('map keys: the key text sigs.k8s.io/yaml writes, or no key where Go fails', () => {
  const bad: string[] = [];
  for (const [written, go] of GO_YAML_KEY_ROWS) {
    const mine = keyText(pairOf(`${written}: 1\n`));
    const expected = typeof go === 'string' ? go : undefined;
    if (mine !== expected) bad.push(`${JSON.stringify(written)}: engine ${JSON.stringify(mine)}, Go ${JSON.stringify(go)}`);
  }
  assert.deepEqual(bad, []);
});

test('jsonKey and formatFloat32g agree with the key rows; resolveKubectl is the untagged plain reading', () => {
  for (const [written, go] of GO_YAML_KEY_ROWS) {
    if (written.startsWith('!')) continue;
    assert.equal(jsonKey(resolveKubectl(written)), typeof go === 'string' ? go : undefined, written);
  }
  // A failed tag gives no key at all.
  assert.equal(jsonKey(resolveScalar('abc', 'tag:yaml.org,2002:int', true)), undefined);
  // strconv.FormatFloat(f, 'g', -1, 32) around the %e switch (strconv/ftoa.go: the shortest %g uses %e when
  // the exponent is below -4 or from eprec = 6), zeros, NaN and infinities as sigs.k8s.io/yaml writes them.
  assert.equal(formatFloat32g(123456), '123456');
  assert.equal(formatFloat32g(1234567), '1.234567e+06');
  assert.equal(formatFloat32g(0.0001), '0.0001');
  assert.equal(formatFloat32g(-0.00001), '-1e-05');
  assert.equal(formatFloat32g(-0), '-0');
  assert.equal(formatFloat32g(0), '0');
  assert.equal(formatFloat32g(NaN), '.nan');
  assert.equal(formatFloat32g(-1e39), '-.inf');
  assert.equal(formatFloat32g(1e-50), '0');
});

test('resolveScalar: quoted scalars stay strings; the non-specific tag reads as a string; other tags are kept by name', () => {
  assert.deepEqual(resolveScalar('12', '', false), { value: '12', type: 'string' });
  assert.deepEqual(resolveScalar('12', '!', true), { value: '12', type: 'string' });
  assert.deepEqual(resolveScalar('12', '!vault', true), { value: '12', type: 'string', ignoredTag: '!vault' });
  assert.deepEqual(resolveScalar('12', 'tag:yaml.org,2002:int', false), { value: 12, type: 'integer', json: '12', goType: 'int' });
  assert.deepEqual(resolveScalar('1.5', 'tag:yaml.org,2002:int', true), { value: '1.5', type: 'string', error: 'cannot decode !!float `1.5` as a !!int' });
  assert.deepEqual(resolveScalar('x', 'tag:example.com,2000:app/foo', true), { value: 'x', type: 'string', ignoredTag: 'tag:example.com,2000:app/foo' });
});
