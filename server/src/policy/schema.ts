// Exports the field catalogue as a JSON Schema (draft-07), so other YAML tools (yaml-language-server,
// kubeconform) can validate MigrationPolicy with our descriptions. Derived only from the catalogue.
import { POLICY } from './catalog';
import type { FieldSpec } from './catalog';
import { QUANTITY_CRD_PATTERN } from './quantity';
import { plainText } from '../text';

const QUANTITY_PATTERN_SOURCE = QUANTITY_CRD_PATTERN.source;

type JsonSchema = Record<string, unknown>;

function describe(field: FieldSpec): string {
  const parts = [plainText(field.doc, { keepCode: true })];
  if (field.defaultText) parts.push(`Default: ${field.defaultText}.`);
  if (field.featureGates?.length) parts.push(`Needs feature gate ${field.featureGates.join(' or ')}.`);
  parts.push(`Since KubeVirt ${field.since}.`);
  if (field.docsDisagree) parts.push(`Note: ${plainText(field.docsDisagree, { keepCode: true })}`);
  return parts.join('\n\n');
}

function toSchema(field: FieldSpec): JsonSchema {
  const base: JsonSchema = { description: describe(field) };
  if (field.name) base.title = field.summary;
  switch (field.type) {
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const child of field.children ?? []) properties[child.name] = toSchema(child);
      const required = (field.children ?? []).filter((c) => c.required && c.name !== 'name').map((c) => c.name);
      const open = field.name === 'metadata';
      return { ...base, type: 'object', properties, ...(required.length ? { required } : {}), ...(open ? {} : { additionalProperties: false }) };
    }
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'integer':
      return { ...base, type: 'integer', ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}) };
    case 'quantity':
    case 'factor':
      return { ...base, anyOf: [{ type: 'integer', ...(field.min !== undefined ? { minimum: field.min } : {}) }, { type: 'string', pattern: QUANTITY_PATTERN_SOURCE }], 'x-kubernetes-int-or-string': true };
    case 'enum':
      return { ...base, type: 'string', enum: field.enumValues };
    case 'string':
      return { ...base, type: 'string' };
    case 'labelMap':
    case 'stringMap':
      return { ...base, type: 'object', additionalProperties: { type: 'string' } };
    case 'any':
      return base;
  }
}

/** The JSON Schema of a MigrationPolicy document. */
export function getJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://kubevirt.io/schemas/migrations.kubevirt.io/v1alpha1/migrationpolicy.json',
    ...toSchema(POLICY),
    title: 'KubeVirt MigrationPolicy (migrations.kubevirt.io/v1alpha1)',
  };
}
