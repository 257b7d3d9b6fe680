// Edges of policy/catalog.ts's functions and policy/schema.ts for mutation testing: Levenshtein distances
// (the textbook values), the suggestion threshold, KubeVirt version order, field lookup, and a consistency
// test tying every field of the exported JSON Schema to its catalogue entry by the type mapping written here
// (draft-07; quantities as Kubernetes int-or-string with the CRD's pattern, as KubeVirt's CRD declares them).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareKubevirtVersions, editDistance, findField, MAIN_BRANCH, POLICY, suggestName } from '../../server/src/policy/catalog';
import type { FieldSpec } from '../../server/src/policy/catalog';
import { QUANTITY_CRD_PATTERN } from '../../server/src/policy/quantity';
import { getJsonSchema } from '../../server/src/policy/schema';
import { plainText } from '../../server/src/text';

test('editDistance: Levenshtein distances; Infinity past a length difference of 8', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('flaw', 'lawn'), 2);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('abc', 'acb'), 2);
  assert.equal(editDistance('a', 'b'), 1);
  assert.equal(editDistance('ab', 'ba'), 2);
  assert.equal(editDistance('abcdef', 'azcdxf'), 2);
  assert.equal(editDistance('', 'abcdefgh'), 8);
  assert.equal(editDistance('', 'abcdefghi'), Infinity);
  assert.equal(editDistance('abcdefghi', ''), Infinity);
  assert.equal(editDistance('x', 'xabcdefgh'), 8);
});

test('suggestName: the closest candidate, case-insensitive, within max(2, length / 3)', () => {
  assert.equal(suggestName('allowPostcopy', ['allowAutoConverge', 'allowPostCopy']), 'allowPostCopy');
  assert.equal(suggestName('ALLOWPOSTCOPY', ['allowPostCopy']), 'allowPostCopy');
  assert.equal(suggestName('maxDowntime', ['maxDowntimeMs', 'bandwidthPerMigration']), 'maxDowntimeMs');
  assert.equal(suggestName('ab', ['xy']), 'xy', 'two edits are always allowed');
  assert.equal(suggestName('ab', ['xyz']), undefined);
  assert.equal(suggestName('abcdefghi', ['abcxyzghi']), 'abcxyzghi', '9 letters allow 3 edits');
  assert.equal(suggestName('abcdefghi', ['abwxyzghi']), undefined);
  assert.equal(suggestName('abcdefgh', ['abxyzfgh']), undefined, '8 letters allow 2 edits');
  assert.equal(suggestName('selector', ['selectors', 'selector']), 'selector', 'the exact match wins');
  assert.equal(suggestName('spec', []), undefined);
  assert.equal(suggestName('aaaa', ['aaab', 'aabb']), 'aaab', 'the first of the closest');
  assert.equal(suggestName('aaaa', ['aabb', 'aaab']), 'aaab');
  assert.equal(suggestName('aaaa', ['aaab', 'aaac']), 'aaab', 'ties keep the first');
});

test('compareKubevirtVersions: numeric parts, a missing part is 0, main after every release', () => {
  assert.equal(compareKubevirtVersions('v1.9.0', 'v1.10.1'), -1);
  assert.equal(compareKubevirtVersions('v1.10.1', 'v1.9.0'), 1);
  assert.equal(compareKubevirtVersions('v1.9.0', 'v1.9.0'), 0);
  assert.equal(compareKubevirtVersions('v1.9', 'v1.9.0'), 0);
  assert.equal(compareKubevirtVersions('1.9.1', 'v1.9.0'), 1);
  assert.equal(compareKubevirtVersions('v1.9.0-rc.1', 'v1.9.0'), 0);
  assert.equal(compareKubevirtVersions('v2.0.0', 'v1.99.99'), 1);
  assert.equal(compareKubevirtVersions('v1.8.2', 'v1.8.10'), -1);
  assert.equal(compareKubevirtVersions(MAIN_BRANCH, 'v99.0.0'), 1);
  assert.equal(compareKubevirtVersions('v99.0.0', MAIN_BRANCH), -1);
  assert.equal(compareKubevirtVersions(MAIN_BRANCH, MAIN_BRANCH), 0);
  assert.equal(compareKubevirtVersions('vx.y', 'v0.0'), 0);
});

test('findField: paths from the object root', () => {
  assert.equal(findField([]), POLICY);
  assert.equal(findField(['spec', 'selectors'])?.name, 'selectors');
  assert.equal(findField(['spec', 'allowPostCopy'])?.type, 'boolean');
  assert.equal(findField(['spec', 'nope']), undefined);
  assert.equal(findField(['nope', 'selectors']), undefined);
  assert.equal(findField(['spec', 'allowPostCopy', 'deeper']), undefined);
});

test('getJsonSchema: every catalogue field, with the JSON Schema its type maps to', () => {
  const schema = getJsonSchema() as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.$id, 'https://kubevirt.io/schemas/migrations.kubevirt.io/v1alpha1/migrationpolicy.json');
  assert.equal(schema.title, 'KubeVirt MigrationPolicy (migrations.kubevirt.io/v1alpha1)');
  let fields = 0;
  let disagreeing = 0;
  const check = (field: FieldSpec, node: Record<string, unknown>, path: string) => {
    fields++;
    const description = String(node.description);
    assert.ok(description.startsWith(`${plainText(field.doc, { keepCode: true })}\n\n`), path);
    assert.ok(description.endsWith(field.docsDisagree ? `Since KubeVirt ${field.since}.\n\nNote: ${plainText(field.docsDisagree, { keepCode: true })}` : `Since KubeVirt ${field.since}.`), path);
    if (field.docsDisagree) disagreeing++;
    assert.ok(description.includes(`Since KubeVirt ${field.since}.`), path);
    if (field.defaultText) assert.ok(description.includes(`Default: ${field.defaultText}.`), path);
    else assert.ok(!description.includes('Default: '), path);
    if (field.featureGates?.length) assert.ok(description.includes(`Needs feature gate ${field.featureGates.join(' or ')}.`), path);
    else assert.ok(!description.includes('Needs feature gate'), path);
    if (field.name && path !== '') assert.equal(node.title, field.summary, path);
    const bounds = { ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}) };
    const rest = { ...node };
    delete rest.description;
    delete rest.title;
    delete rest.properties;
    switch (field.type) {
      case 'object': {
        const required = (field.children ?? []).filter((c) => c.required && c.name !== 'name').map((c) => c.name);
        assert.deepEqual(rest, { type: 'object', ...(required.length ? { required } : {}), ...(field.name === 'metadata' ? {} : { additionalProperties: false }) }, path);
        const properties = node.properties as Record<string, Record<string, unknown>>;
        assert.deepEqual(Object.keys(properties), (field.children ?? []).map((c) => c.name), path);
        for (const child of field.children ?? []) check(child, properties[child.name], `${path}.${child.name}`);
        break;
      }
      case 'boolean':
        assert.deepEqual(rest, { type: 'boolean' }, path);
        break;
      case 'integer':
        assert.deepEqual(rest, { type: 'integer', ...bounds }, path);
        break;
      case 'quantity':
      case 'factor':
        assert.deepEqual(rest, { anyOf: [{ type: 'integer', ...(field.min !== undefined ? { minimum: field.min } : {}) }, { type: 'string', pattern: QUANTITY_CRD_PATTERN.source }], 'x-kubernetes-int-or-string': true }, path);
        break;
      case 'enum':
        assert.deepEqual(rest, { type: 'string', enum: field.enumValues }, path);
        break;
      case 'string':
        assert.deepEqual(rest, { type: 'string' }, path);
        break;
      case 'labelMap':
      case 'stringMap':
        assert.deepEqual(rest, { type: 'object', additionalProperties: { type: 'string' } }, path);
        break;
      case 'any':
        assert.deepEqual(rest, {}, path);
        break;
    }
  };
  const root = { ...schema };
  delete root.$schema;
  delete root.$id;
  check(POLICY, root, '');
  assert.ok(fields > 20, `${fields} fields`);
  assert.ok(disagreeing > 0, 'some field notes where the docs disagree with the code');
  // Spot checks written from KubeVirt's CRD (migrations.kubevirt.io_migrationpolicies: spec.allowPostCopy
  // boolean, bandwidthPerMigration int-or-string, selectors.namespaceSelector a map of strings).
  const spec = (root.properties as Record<string, { properties: Record<string, Record<string, unknown>> }>).spec.properties;
  assert.equal(spec.allowPostCopy.type, 'boolean');
  assert.equal(spec.bandwidthPerMigration['x-kubernetes-int-or-string'], true);
  assert.deepEqual((spec.selectors.properties as Record<string, Record<string, unknown>>).namespaceSelector.additionalProperties, { type: 'string' });
});
