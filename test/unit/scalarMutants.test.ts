// Survivors of the mutation run of document/scalar.ts (test/mutation/runs/2026-11-30-document-scalar.json), each
// killed here with Go's own answer: the rows come from test/support/goYamlScalarTable.ts, where every row is what
// the Go oracle (scripts/go-oracle.sh: sigs.k8s.io/yaml YAMLToJSON over gopkg.in/yaml.v2 resolve.go and
// decode.go, then encoding/json) answered, and the fidelity tier asks the oracle again. The YAML 1.2 rows follow
// the YAML 1.2.2 spec, 10.3.2 Tag Resolution (core schema). Nothing here is read back from the code under test.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFloat32g, jsonKey, resolveKubectl, resolveScalar, resolveYaml12 } from '../../server/src/document/scalar';
import { GO_YAML_KEY_ROWS, GO_YAML_VALUE_ROWS, type GoYamlAnswer } from '../support/goYamlScalarTable';

const TAG = 'tag:yaml.org,2002:';

function goValue(written: string): GoYamlAnswer {
  const row = GO_YAML_VALUE_ROWS.find(([w]) => w === written);
  assert.ok(row, `no Go row for the value ${written}`);
  return row[1];
}

function goKey(written: string): GoYamlAnswer {
  const row = GO_YAML_KEY_ROWS.find(([w]) => w === written);
  assert.ok(row, `no Go row for the key ${written}`);
  return row[1];
}

test('a signed float with several fraction digits and no integer part is a float (go-yaml v2 yamlStyleFloat: \\.[0-9]+)', () => {
  for (const text of ['-.25', '+.25', '-.125e1']) {
    const r = resolveKubectl(text);
    assert.equal(r.type, 'number', text);
    assert.equal(r.goType, 'float64', text);
    assert.equal(r.json, goValue(text), text);
    assert.equal(r.value, JSON.parse(goValue(text) as string), text);
  }
});

test('0b followed by a non-binary digit is a plain string, never a crash (strconv.ParseInt refuses it)', () => {
  for (const text of ['0b2', '-0b12']) {
    assert.equal(JSON.stringify(resolveKubectl(text).value), goValue(text), text);
    assert.deepEqual(resolveKubectl(text), { value: text, type: 'string' }, text);
  }
});

test('!!binary: several 4-character groups, with and without padding, decode to the string Go sends', () => {
  for (const [b64, row] of [['aGVsbG8gd29ybGQ=', '!!binary aGVsbG8gd29ybGQ='], ['aGVsbG8gd29ybA==', '!!binary aGVsbG8gd29ybA=='], ['aGVsbG8gd29y', '!!binary aGVsbG8gd29y']]) {
    const go = JSON.parse(goValue(row) as string) as string;
    // A JSON string: the resolved type is "string", whatever the tag said.
    assert.deepEqual(resolveScalar(b64, `${TAG}binary`, true), { value: go, type: 'string' }, row);
  }
  // Refused base64 keeps its text, still a string, with go-yaml's error (as a refused !!int does).
  const bad = goValue('!!binary aGVsbG8') as { error: string };
  assert.deepEqual(resolveScalar('aGVsbG8', `${TAG}binary`, true), { value: 'aGVsbG8', type: 'string', error: bad.error.replace(/^yaml: /, '') });
});

test('!!str keeps any text as a string: the resolved type is "string"', () => {
  assert.equal(goValue('!!str 12'), '"12"');
  assert.deepEqual(resolveScalar('12', `${TAG}str`, true), { value: '12', type: 'string' });
  assert.equal(goValue('!!str true'), '"true"');
  assert.deepEqual(resolveScalar('true', `${TAG}str`, true), { value: 'true', type: 'string' });
});

test('!!timestamp accepts January, the last day of a month and 23:59:59 (go-yaml v2 parseTimestamp via time.Parse)', () => {
  for (const text of ['2001-01-15', '2001-01-31', '2001-12-31', '2001-12-14 23:59:59']) {
    const r = resolveScalar(text, `${TAG}timestamp`, true);
    assert.equal(r.error, undefined, text);
    assert.equal(JSON.stringify(r.value), goValue(`!!timestamp ${text}`), text);
  }
});

test('float32 map keys exactly halfway between two shortest digit strings keep the even one (strconv ftoa.go, bitSize 32)', () => {
  // 31.2578125 is a float32 lying exactly between 31.257812 and 31.257813; both read back as it, Go writes the even one.
  for (const key of ['31.2578125', '-31.2578125', '38.3046875', '130.890625']) {
    assert.equal(jsonKey(resolveKubectl(key)), goKey(key), key);
    assert.equal(formatFloat32g(Number(key)), goKey(key), key);
  }
});

test('a float32 map key that needs all 9 significant digits, and %e exponents of two digits without padding', () => {
  // float32(1000000064) = 1000000064: 8 digits (1.0000001e+09) read back as 1000000128, so Go writes 9.
  for (const key of ['1000000064.0', '1e10', '-1.5e10', '1e-10', '2.5e-10']) {
    assert.equal(jsonKey(resolveKubectl(key)), goKey(key), key);
  }
  assert.equal(formatFloat32g(1e10), '1e+10');
  assert.equal(formatFloat32g(1e-10), '1e-10');
});

test('resolveYaml12: an exponent of several digits is still a float (YAML 1.2.2 core schema: [eE][-+]?[0-9]+)', () => {
  assert.deepEqual(resolveYaml12('1e10'), { value: 1e10, type: 'integer' });
  assert.deepEqual(resolveYaml12('2.5e-10'), { value: 2.5e-10, type: 'number' });
  assert.deepEqual(resolveYaml12('-1.5E+12'), { value: -1.5e12, type: 'integer' });
});
