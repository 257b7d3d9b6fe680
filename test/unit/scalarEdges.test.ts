// Edges of document/scalar.ts's YAML 1.2 side, for mutation testing: the YAML 1.2 core schema (YAML 1.2.2
// spec, 10.3.2 Tag Resolution: null, bool, int in base 10/8/16, float with .inf/.nan) as most editors and the
// `yaml` package read a plain scalar, and when two readings differ in a way a user would notice.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { readsDifferently, resolveKubectl, resolveYaml12 } from '../../server/src/document/scalar';

test('resolveYaml12: the core schema table', () => {
  const rows: [string, unknown, string][] = [
    ['', null, 'null'], ['~', null, 'null'], ['null', null, 'null'], ['Null', null, 'null'], ['NULL', null, 'null'], ['nULL', 'nULL', 'string'],
    ['true', true, 'boolean'], ['True', true, 'boolean'], ['TRUE', true, 'boolean'], ['false', false, 'boolean'], ['False', false, 'boolean'], ['FALSE', false, 'boolean'],
    ['yes', 'yes', 'string'], ['on', 'on', 'string'], ['n', 'n', 'string'], ['tRUE', 'tRUE', 'string'],
    ['0', 0, 'integer'], ['-12', -12, 'integer'], ['+12', 12, 'integer'], ['012', 12, 'integer'], ['0o17', 15, 'integer'], ['0x1F', 31, 'integer'], ['0x1f', 31, 'integer'],
    ['0O17', '0O17', 'string'], ['0X1F', '0X1F', 'string'], ['-0x1F', '-0x1F', 'string'], ['0b101', '0b101', 'string'], ['1_000', '1_000', 'string'], ['0o8', '0o8', 'string'],
    ['1.5', 1.5, 'number'], ['1.0', 1, 'integer'], ['1e3', 1000, 'integer'], ['-.5', -0.5, 'number'], ['1.', 1, 'integer'], ['.5e-1', 0.05, 'number'], ['1e', '1e', 'string'],
    ['.inf', Infinity, 'number'], ['-.Inf', -Infinity, 'number'], ['+.INF', Infinity, 'number'], ['.INf', '.INf', 'string'],
    ['2001-12-14', '2001-12-14', 'string'], ['abc', 'abc', 'string'], ['1 2', '1 2', 'string'],
  ];
  for (const [text, value, type] of rows) assert.deepEqual(resolveYaml12(text), { value, type }, text);
  for (const text of ['.nan', '.NaN', '.NAN']) {
    const r = resolveYaml12(text);
    assert.equal(r.type, 'number', text);
    assert.ok(Number.isNaN(r.value), text);
  }
  assert.deepEqual(resolveYaml12('.Nan'), { value: '.Nan', type: 'string' });
  // Each pattern matches the whole scalar: a prefix or suffix makes it a string.
  for (const text of ['xtrue', 'truex', 'xfalse', 'Falsey', 'x0o17', '0o17x', '0x1Fz', 'x0x1F', '1.5x', 'x1.5', 'x.inf', '.infx', 'x.nan', '.nanx', '+-12', 'a12', '12a', 'xnull', 'nullx']) {
    assert.deepEqual(resolveYaml12(text), { value: text, type: 'string' }, text);
  }
  assert.deepEqual(resolveYaml12('+1234'), { value: 1234, type: 'integer' });
  assert.deepEqual(resolveYaml12('0x1F'), { value: 31, type: 'integer' });
  assert.deepEqual(resolveYaml12('12.50'), { value: 12.5, type: 'number' });
  assert.deepEqual(resolveYaml12('.25'), { value: 0.25, type: 'number' });
});

test('readsDifferently: a different type, or a different value; integer and number are one numeric type; NaN equals NaN', () => {
  const differs = (text: string) => readsDifferently(resolveKubectl(text), resolveYaml12(text));
  for (const text of ['yes', 'on', 'off', 'n', 'Y', '0b101', '1_000', '0O17', '012', '-0x1F', '2001-12-14x']) assert.equal(differs(text), ['2001-12-14x'].includes(text) ? false : true, text);
  for (const text of ['true', 'null', '12', '1.5', '1e3', '.inf', '.nan', 'abc', '0x1F', '', '~', '1.0']) assert.equal(differs(text), false, text);
  assert.equal(readsDifferently({ value: 1, type: 'integer' }, { value: 1, type: 'number' }), false);
  assert.equal(readsDifferently({ value: 1, type: 'integer' }, { value: 2, type: 'number' }), true);
  assert.equal(readsDifferently({ value: 1, type: 'number' }, { value: '1', type: 'string' }), true);
  assert.equal(readsDifferently({ value: 'a', type: 'string' }, { value: 'b', type: 'string' }), true);
  assert.equal(readsDifferently({ value: NaN, type: 'number' }, { value: NaN, type: 'number' }), false);
  assert.equal(readsDifferently({ value: 0, type: 'number' }, { value: -0, type: 'number' }), true);
  assert.equal(readsDifferently({ value: NaN, type: 'number' }, { value: 1, type: 'number' }), true);
  assert.equal(readsDifferently({ value: 1, type: 'number' }, { value: NaN, type: 'number' }), true);
  assert.equal(readsDifferently({ value: null, type: 'null' }, { value: false, type: 'boolean' }), true);
});
