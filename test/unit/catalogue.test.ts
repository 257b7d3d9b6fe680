// The field catalogue (server/src/policy/catalog.ts) is the only source of MigrationPolicy's fields.
// Adding a field touches the catalogue, its generated outputs (`node syntaxes/build.mjs`) and one
// fixture (test/fixtures/catalogue/every-field.yaml); this file fails when anything else would be
// needed: a default KubeVirt applies, a gate without a description, a feature that does not know it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/document/file';
import { toJson } from '../../server/src/document/json';
import { getCompletions } from '../../server/src/features/completion';
import { getDocumentFindings } from '../../server/src/features/diagnostics';
import { getHover } from '../../server/src/features/hover';
import { FEATURE_GATES, findField, GATED_FIELDS, MAIN_BRANCH, POLICY } from '../../server/src/policy/catalog';
import type { FieldSpec } from '../../server/src/policy/catalog';
import { effectiveConfiguration } from '../../server/src/policy/effective';
import { getJsonSchema } from '../../server/src/policy/schema';
import { model, readFixture, repoRoot } from '../support/fixture';

const FIXTURE = 'catalogue/every-field.yaml';

/** Every field under `field`, as dotted paths, with its spec. */
function fieldsUnder(field: FieldSpec, prefix: string[] = []): [string[], FieldSpec][] {
  return (field.children ?? []).flatMap((child): [string[], FieldSpec][] => [[[...prefix, child.name], child], ...fieldsUnder(child, [...prefix, child.name])]);
}

const SPEC = findField(['spec'])!;
/** The spec's settings: every spec field but the selectors, which choose VMIs. */
const SETTINGS = fieldsUnder(SPEC).filter(([p]) => p[0] !== 'selectors');
const LEAVES = SETTINGS.filter(([, f]) => !f.children);

/** The line and column of `key:` for a dotted path in the fixture, searching from the path's parents. */
function keyOffset(text: string, pathNames: readonly string[]): number {
  let from = 0;
  for (const name of ['spec', ...pathNames]) {
    const m = new RegExp(`^\\s*${name}:`, 'm').exec(text.slice(from));
    if (!m) return -1;
    from += m.index + m[0].indexOf(name);
  }
  return from;
}

test('the every-field fixture sets every field of the catalogue', () => {
  const file = model(readFixture(FIXTURE));
  const set = new Set<string>();
  const walk = (value: unknown, prefix: string[]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [k, v] of Object.entries(value)) {
      set.add([...prefix, k].join('.'));
      if (!['labels', 'annotations', 'namespaceSelector', 'virtualMachineInstanceSelector'].includes(k)) walk(v, [...prefix, k]);
    }
  };
  for (const doc of file.documents) walk(toJson(doc.model.root), []);
  const apiServerOwned = new Set(findField(['metadata'])!.children!.filter((f) => f.type === 'any').map((f) => `metadata.${f.name}`));
  const missing = fieldsUnder(POLICY)
    .map(([p]) => p.join('.'))
    .filter((p) => !set.has(p) && !apiServerOwned.has(p) && !['status', 'metadata.generateName', 'metadata.namespace'].includes(p));
  assert.deepEqual(missing, [], `add these fields to test/fixtures/${FIXTURE}`);
});

test('the every-field fixture is a clean policy for KubeVirt main with every gate on', () => {
  const file = model(readFixture(FIXTURE));
  const findings = file.documents.flatMap((d) => getDocumentFindings(d.model, { kubevirtVersion: MAIN_BRANCH, featureGates: Object.keys(FEATURE_GATES) }));
  assert.deepEqual(findings.map((f) => `${f.code}: ${f.message}`), []);
});

test('every setting has the default KubeVirt applies, and the effective configuration lists it', () => {
  const file = model(readFixture(FIXTURE));
  const specs = file.documents.map((d) => (toJson(d.model.root) as { spec: Record<string, unknown> }).spec);
  const defaults = effectiveConfiguration(specs[0], undefined);
  const tuning = effectiveConfiguration(specs[1], undefined);
  for (const [p, field] of LEAVES) {
    const dotted = p.join('.');
    // allowWorkloadDisruption has no default of its own: it follows allowPostCopy.
    if (dotted !== 'allowWorkloadDisruption') assert.notEqual(field.defaultValue, undefined, `${dotted}: set defaultValue in the catalogue (pkg/virt-config)`);
    const e = defaults[dotted] ?? tuning[dotted];
    assert.ok(e, `${dotted} is in the effective configuration`);
    assert.equal(e.source, 'policy', `${dotted} comes from the fixture's policy`);
    const fallback = effectiveConfiguration(undefined, undefined)[dotted];
    if (fallback) assert.equal(fallback.value, dotted === 'allowWorkloadDisruption' ? findField(['spec', 'allowPostCopy'])!.defaultValue : field.defaultValue, dotted);
  }
});

test('feature gates: every gate a field names is described, and the gated fields are the outermost', () => {
  for (const [p, field] of fieldsUnder(POLICY)) for (const gate of field.featureGates ?? []) assert.ok(FEATURE_GATES[gate], `${p.join('.')}: describe ${gate} in FEATURE_GATES`);
  assert.deepEqual(
    GATED_FIELDS.map((g) => `${g.path.join('.')}: ${g.gates.join(' or ')}`),
    ['maxDowntimeMs: MigrationStallDetection or MigrationDowntimeTuning', 'experimental.stallDetector: MigrationStallDetection', 'experimental.downtimeTuning: MigrationDowntimeTuning'],
  );
});

test('every setting is offered by completion, explained by hover, in the schema and in the grammar', () => {
  const text = readFixture(FIXTURE);
  const file = model(text);
  const lines = new LineIndex(text);
  const schema = getJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
  const grammar = fs.readFileSync(path.join(repoRoot, 'syntaxes', 'migrationpolicy-keys.injection.tmLanguage.json'), 'utf8');
  // Names too common in other YAML stay uncoloured (syntaxes/build.mjs GENERIC_KEYS).
  const generic = /GENERIC_KEYS = \[([^\]]*)\]/.exec(fs.readFileSync(path.join(repoRoot, 'syntaxes', 'build.mjs'), 'utf8'))![1];
  for (const [p, field] of SETTINGS) {
    const dotted = p.join('.');
    // Completion: in a mapping that holds only the field's parent, the field is offered.
    const parent = ['spec', ...p.slice(0, -1)];
    const indent = '  '.repeat(parent.length);
    const empty = `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: x\n${parent.map((n, i) => `${'  '.repeat(i)}${n}:`).join('\n')}\n${indent}`;
    const labels = getCompletions({ file: model(empty), lines: new LineIndex(empty) }, empty.length, { snippetSupport: true, markdown: true }).items.map((i) => i.label);
    assert.ok(labels.includes(field.name), `${dotted} is offered by completion (got ${labels.join(', ')})`);
    // Hover: on the key in the fixture, the catalogue's summary or doc is shown.
    const offset = keyOffset(text.slice(p.includes('downtimeTuning') ? text.indexOf('---') : 0), p) + (p.includes('downtimeTuning') ? text.indexOf('---') : 0);
    assert.ok(offset >= 0, `${dotted} key found in the fixture`);
    const hover = getHover({ file, lines }, offset, { markdown: true });
    assert.ok(hover, `${dotted} has a hover`);
    assert.match(JSON.stringify(hover.contents), new RegExp(field.name), dotted);
    // Schema: the property exists at its path.
    let node: { properties?: Record<string, unknown> } | undefined = schema.properties.spec;
    for (const name of p) node = node?.properties?.[name] as typeof node;
    assert.ok(node, `${dotted} is in the JSON Schema`);
    // Grammar: the committed TextMate grammar (node syntaxes/build.mjs) knows the key.
    if (!generic.includes(`'${field.name}'`)) assert.match(grammar, new RegExp(`\\b${field.name}\\b`), `${dotted} is in the committed grammar; run node syntaxes/build.mjs`);
  }
});
