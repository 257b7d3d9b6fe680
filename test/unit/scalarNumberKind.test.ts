// Whether a number reaches the API server as an integer or a float: k8s.io/apimachinery/pkg/util/json
// convertNumber parses the JSON number text kubectl sends as int64 first, float64 when that fails. The
// answers below are the Go oracle's (scripts/go-oracle: `{"op":"yaml","in":"v: <written>"}`, which decodes
// the JSON as the API server does): a float written in YAML whose JSON text is a whole number stays an int
// only inside int64's range; encoding/json prints -2^63 as float64 text `-9223372036854776000`, outside it.
// A schema field of type integer accepts the first kind and refuses the second.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveKubectl, resolveScalar } from '../../server/src/document/scalar';

const GO: [written: string, json: string, kind: 'integer' | 'number'][] = [
  ['9223372036854775807', '9223372036854775807', 'integer'],
  ['-9223372036854775808', '-9223372036854775808', 'integer'],
  ['9.3e18', '9300000000000000000', 'number'],
  ['-9.3e18', '-9300000000000000000', 'number'],
  ['9223372036854775807.0', '9223372036854776000', 'number'],
  ['-9223372036854775808.0', '-9223372036854776000', 'number'],
];

for (const [written, json, kind] of GO) {
  test(`${written} reaches the API server as ${kind} ${json}`, () => {
    const r = resolveKubectl(written);
    assert.equal(r.json, json);
    assert.equal(r.type, kind);
  });
}

test('the non-specific tag `!` reads a plain scalar as a string and is not reported as an ignored tag (Go: "12")', () => {
  assert.deepEqual(resolveScalar('12', '!', true), { value: '12', type: 'string' });
  assert.deepEqual(resolveScalar('12', '!foo', true), { value: '12', type: 'string', ignoredTag: '!foo' });
});
