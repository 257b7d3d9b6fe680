// Writes the two TextMate grammars injected into VS Code's YAML grammar (`source.yaml`):
//   migrationpolicy-keys.injection.tmLanguage.json    policy keys, inside the YAML grammar's key scopes
//   migrationpolicy-values.injection.tmLanguage.json  quantities, selector labels, kind and apiVersion
// They only add scopes inside the scopes VS Code's YAML grammar opens (a key, a value), never where it
// starts a mapping, so the YAML structure around them stays exactly as without the extension.
// Key names come from the field catalogue (compile first: `npx tsc -p .`), so the grammar cannot drift
// from it; test/grammar checks the committed files against the catalogue and snapshots.
// Usage: node syntaxes/build.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { POLICY } = require(join(here, '..', 'out', 'server', 'src', 'policy', 'catalog.js'));

/** Catalogue names too common in other YAML (GitHub Actions' `steps:`) to colour as policy keys. */
export const GENERIC_KEYS = ['compression', 'experimental', 'steps'];

const fields = [];
const walk = (field) => {
  for (const child of field.children ?? []) {
    fields.push(child);
    walk(child);
  }
};
walk(POLICY.children.find((f) => f.name === 'spec'));
const names = (predicate) => [...new Set(fields.filter(predicate).map((f) => f.name))].sort((a, b) => b.length - a.length || a.localeCompare(b));
const policyKeys = names((f) => !GENERIC_KEYS.includes(f.name));
const quantityKeys = names((f) => f.type === 'quantity' || f.type === 'factor');
const selectorKeys = names((f) => f.type === 'labelMap');
/** Selector keys no other kind uses: a LabelSelector shape under them is a mistake, not another kind's field. */
const ownSelectorKeys = selectorKeys.filter((k) => k === 'virtualMachineInstanceSelector');
const sharedSelectorKeys = selectorKeys.filter((k) => !ownSelectorKeys.includes(k));
if (ownSelectorKeys.length !== 1 || !sharedSelectorKeys.length) throw new Error(`unexpected selector keys in the catalogue: ${selectorKeys.join(', ')}`);

/**
 * A key as VS Code's YAML grammar scopes it. Our keys end on it (innermost), so themes colour them as
 * YAML keys; a scope of our own innermost (support.type.property-name was one) takes another colour:
 * bright red in the Light themes, the colour of errors.
 */
const KEY_SCOPE = 'entity.name.tag.yaml';
/** Marks a key MigrationPolicy defines; no theme colours it, so it changes no colour on its own. */
export const FIELD_SCOPE = 'meta.field.migrationpolicy';
/** A key a MigrationPolicy can never hold where it stands: themes colour invalid.illegal as an error. */
export const INVALID_KEY_SCOPE = 'invalid.illegal.key.migrationpolicy';

const S = String.raw;
// A Kubernetes quantity (apimachinery resource.ParseQuantity): a decimal number, then at most one suffix.
const NUMBER = S`[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)`;
const SUFFIX = S`(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?`;
const after = (keys) => S`(?<=(?:^|[\s{,"'])(?:${keys.join('|')})["']?[ \t]*:[ \t]*["']?)`;
const VALUE_END = S`(?=["']|[ \t]*(?:$|#|[,}\]]))`;
const PLAIN_VALUE = S`[^\s#,}\]"'](?:[^#,}\]"']*[^\s#,}\]"'])?`;
const LABEL_PART = S`[^\s:#'"{}\[\],/][^\s:#{}\[\],/]*`;
// YAML 1.1 (kubectl) reads these unquoted label values as booleans, numbers or null: never a string.
const NOT_A_STRING = S`true|false|True|False|TRUE|FALSE|yes|no|Yes|No|YES|NO|on|off|On|Off|ON|OFF|y|n|Y|N|[+-]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+`;

const label = (terminator) => {
  const end = terminator ? S`(?=[ \t]*(?:$|#|[${terminator}]))` : S`(?=[ \t]*(?:$|#))`;
  return {
  match:
    S`(?:(${LABEL_PART})(/))?(${LABEL_PART}|"[^"]*"|'[^']*')[ \t]*(:)(?=[\s${terminator}]|$)` +
    S`(?:[ \t]*(?:("[^"]*"|'[^']*')|(${NOT_A_STRING})${end}|(null|Null|NULL|~)${end}|([^\s#${terminator}"'](?:[^#${terminator}]*[^\s#${terminator}])?)))?`,
  captures: {
    1: { name: 'entity.name.namespace.label-prefix.migrationpolicy' },
    2: { name: 'punctuation.separator.label-prefix.migrationpolicy' },
    3: { name: `meta.label.migrationpolicy ${KEY_SCOPE}` },
    4: { name: 'punctuation.separator.map.value.yaml' },
    5: { name: 'string.quoted.yaml string.value.label.migrationpolicy' },
    6: { name: 'invalid.illegal.label-value.migrationpolicy' },
    7: { name: 'constant.language.null.yaml' },
    8: { name: `string.unquoted.plain.${terminator ? 'in' : 'out'}.yaml string.value.label.migrationpolicy` },
  },
  };
};
const comment = { match: S`(?<=^|[ \t])(#).*$`, name: 'comment.line.number-sign.yaml', captures: { 1: { name: 'punctuation.definition.comment.yaml' } } };
const header = (name, scopeName, selector, comment) => ({
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  information_for_contributors: ['Generated by syntaxes/build.mjs from the field catalogue: edit that script, then run it.'],
  name,
  comment,
  scopeName,
  injectionSelector: selector,
});

const keys = {
  ...header(
    'KubeVirt MigrationPolicy keys (injected into YAML)',
    'source.yaml.injection.migrationpolicy.keys',
    'L:meta.map.key.yaml -comment, L:meta.flow.map.key.yaml -comment',
    'Keys MigrationPolicy defines under spec get meta.field.migrationpolicy, with the YAML key scope innermost again, so every theme colours them exactly like any other YAML key (no theme colours meta.field).',
  ),
  patterns: [{ match: S`\G(?:${policyKeys.join('|')})(?=["']|[ \t]*:(?:[\s,}\]]|$))`, name: `${FIELD_SCOPE} ${KEY_SCOPE}` }],
};

const values = {
  ...header(
    'KubeVirt MigrationPolicy values (injected into YAML)',
    'source.yaml.injection.migrationpolicy.values',
    'L:meta.map.value.yaml -comment -meta.selector.migrationpolicy, L:meta.flow.pair.value.yaml -comment -meta.selector.migrationpolicy',
    'Values that matter in a MigrationPolicy, found by the key before them: quantities and their unit suffixes (or the whole value marked invalid), the label maps of the two selectors, kind and apiVersion.',
  ),
  patterns: [{ include: '#quantity' }, { include: '#selector' }, { include: '#kind' }],
  repository: {
    quantity: {
      comment: 'bandwidthPerMigration and the stall-detector factors: number and unit suffix; 64MB, 1K, 100Mbps, "64 Mi" are invalid as a whole.',
      patterns: [
        {
          match: `${after(quantityKeys)}(${NUMBER})(${SUFFIX})${VALUE_END}`,
          captures: { 1: { name: 'constant.numeric.quantity.migrationpolicy' }, 2: { name: 'keyword.other.unit.quantity.migrationpolicy' } },
        },
        {
          match: `${after(quantityKeys)}(?![*&!|>{\\[#]|(?:null|Null|NULL|~)(?:[ \\t]|$))(${PLAIN_VALUE})${VALUE_END}`,
          captures: { 1: { name: 'invalid.illegal.quantity.migrationpolicy' } },
        },
      ],
    },
    selector: {
      comment: 'namespaceSelector / virtualMachineInstanceSelector: each label as prefix / name : value; unquoted true, yes, 1 are not strings to kubectl.',
      patterns: [
        {
          begin: `${after(selectorKeys)}(\\{)`,
          end: S`\}`,
          beginCaptures: { 1: { name: 'punctuation.definition.mapping.begin.yaml' } },
          endCaptures: { 0: { name: 'punctuation.definition.mapping.end.yaml' } },
          name: 'meta.selector.migrationpolicy meta.flow.mapping.yaml',
          patterns: [{ include: '#label-flow' }, { match: ',', name: 'punctuation.separator.mapping.yaml' }, { include: '#comment' }],
        },
        {
          begin: `${after(ownSelectorKeys)}(?=[ \\t]*(?:#.*)?$)`,
          while: S`\G`,
          name: 'meta.selector.migrationpolicy',
          patterns: [{ include: '#comment' }, { include: '#legacy-selector' }, { include: '#label-block' }],
        },
        {
          begin: `${after(sharedSelectorKeys)}(?=[ \\t]*(?:#.*)?$)`,
          while: S`\G`,
          name: 'meta.selector.migrationpolicy',
          patterns: [{ include: '#comment' }, { include: '#nested-selector' }, { include: '#label-block' }],
        },
      ],
    },
    'nested-selector': {
      comment: 'matchLabels / matchExpressions under namespaceSelector: a LabelSelector of another kind (NetworkPolicy, webhooks, affinity), so a plain key, not a label.',
      match: S`(matchLabels|matchExpressions)[ \t]*(:)(?=[ \t]|$)`,
      captures: { 1: { name: KEY_SCOPE }, 2: { name: 'punctuation.separator.map.value.yaml' } },
    },
    'legacy-selector': {
      comment: 'matchLabels / matchExpressions under virtualMachineInstanceSelector (a MigrationPolicy-only key, a map of labels): the pre-v0.55 shape the API server rejects.',
      match: S`(matchLabels|matchExpressions)[ \t]*(:)(?=[ \t]|$)`,
      captures: { 1: { name: `${KEY_SCOPE} ${INVALID_KEY_SCOPE}` }, 2: { name: 'punctuation.separator.map.value.yaml' } },
    },
    'label-block': label(''),
    'label-flow': label(',}'),
    comment,
    kind: {
      comment: 'kind: MigrationPolicy and apiVersion: migrations.kubevirt.io/v1alpha1.',
      patterns: [
        { match: `${after(['kind'])}(MigrationPolicy)${VALUE_END}`, captures: { 1: { name: 'entity.name.type.kind.migrationpolicy' } } },
        {
          match: `${after(['apiVersion'])}(migrations\\.kubevirt\\.io)(/)(v1alpha1)${VALUE_END}`,
          captures: { 1: { name: 'entity.name.namespace.api-group.migrationpolicy' }, 2: { name: 'punctuation.separator.api-version.migrationpolicy' }, 3: { name: 'constant.other.api-version.migrationpolicy' } },
        },
      ],
    },
  },
};

/** The grammar files by name, as they are committed in syntaxes/. */
export const GRAMMARS = {
  'migrationpolicy-keys.injection.tmLanguage.json': keys,
  'migrationpolicy-values.injection.tmLanguage.json': values,
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [file, grammar] of Object.entries(GRAMMARS)) writeFileSync(join(here, file), `${JSON.stringify(grammar, null, 2)}\n`);
}
