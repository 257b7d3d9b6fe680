// validateDocument's findings, whole, for the rules in the first part of validation.ts (lines 1-450 in
// session 24): shape findings after syntax errors, duplicates and the finding budget, JSON patches (paths,
// operations, label values), Helm template holes and branches, keys, unknown and cluster-only fields, aliases,
// null values, the "missing space after ':'" fix, booleans and integers. Each case names the behaviour it pins;
// written for the survivors of the session-22 mutation runs (test/mutation/survivors.json). The API texts come
// from upstream as in validationMutants.test.ts: "strict decoding error: unknown field" (apimachinery
// pkg/runtime/serializer/json), "<path>: Required value" (apimachinery field errors.go `Required`), "must be of
// type …" (kube-openapi pkg/validation/errors), "json: cannot unmarshal number … of type int32" (encoding/json);
// the YAML 1.1 readings are go-yaml v2's (resolve.go), kustomize's are kyaml's (go-yaml v3).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import type { DocumentMode } from '../../server/src/document/template';
import { fieldAt, validateFieldValue } from '../../server/src/features/validation';
import { CATCH_ALL, findingRows, POLICY_HEAD as H } from '../support/findingRows';
import type { Row } from '../support/findingRows';

const S = H + 'spec:\n  selectors: {}\n';
const SPEC_FIELDS = '`selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`';
const unknownInSpec = (name: string): Row => [name, 'error', 'unknown-field', `Unknown field \`${name}\` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.${name}\\""). Known fields of spec: ${SPEC_FIELDS}.`];
const nullValue = (name: string, pair: string): Row => [name, 'warning', 'null-value', `\`spec.${name}\` has no value: the API server drops it, so the cluster-wide value applies. Give it a value or remove the line.`, { kind: 'removePair', pair }];
const notBoolean = (at: string, name: string, what: string, json: string): Row => [at, 'error', 'type-mismatch', `\`spec.${name}\` must be true or false, not ${what} ("spec.${name} in body must be of type boolean: \\"${json}\\"").`, { kind: 'replace', replacements: ['true', 'false'] }];
const SELECTORS_MISSING: Row = ['spec', 'error', 'selectors-missing', '`spec.selectors` is missing: the API server requires it ("spec.selectors: Required value"). Add `selectors: {}` to match every VMI, or a namespaceSelector or virtualMachineInstanceSelector.', { kind: 'insertSelectors', spec: 'allowPostCopy: true\n' }];
const STALL_GATE: Row = ['stallDetector', 'warning', 'feature-gate', 'The admission webhook denies `experimental.stallDetector` unless the KubeVirt CR enables the `MigrationStallDetection` feature gate ("experimental.stallDetector cannot be modified without enabling the MigrationStallDetection feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'];
const notInteger = (at: string, text: string): Row => [at, 'error', 'type-mismatch', `\`spec.completionTimeoutPerGiB\` must be an integer, not the string ${JSON.stringify(text)}. The API server rejects it: "spec.completionTimeoutPerGiB in body must be of type integer: \\"string\\"".`];
const integerString = (at: string, text: string, plain: string): Row => [at, 'error', 'integer-string', `\`spec.completionTimeoutPerGiB\` must be an integer, but ${JSON.stringify(text)} is quoted, so it is a string and the API server rejects it ("must be of type integer: \\"string\\""). Write \`${plain}\` without quotes.`, { kind: 'replace', replacements: [plain] }];

/** A `kind: List` of items, each written under `- ` (or `- &p`) with its lines indented. */
const item = (head: string, body: string) => `${head}\n${body.trimEnd().split('\n').map((l) => `  ${l}`).join('\n')}\n`;
const list = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;

const CASES: [string, string, DocumentMode, Row[]][] = [
  // Shape findings after a syntax error: the parser's shape is a guess, so they stay quiet (also in a JSON patch).
  ['after a syntax error, no null-name, apiVersion, unknown-field or type findings', H.replace('name: p', 'name:').replace('v1alpha1', 'v1beta1') + 'spec:\n  selectors: {}\n  foo: 1\n  allowPostCopy: 1\n  completionTimeoutPerGiB: "abc\n', 'complete', []],
  [
    'a JSON patch with a syntax error: no unknown path, no required-field removal; value findings stay',
    '- op: add\n  path: /spec/foo\n  value: 1\n- op: remove\n  path: /spec/selectors\n- op: add\n  path: /spec/completionTimeoutPerGiB\n  value: "1\n',
    'patch',
    [['"1\n', 'error', 'integer-string', '`spec.completionTimeoutPerGiB` must be an integer, but "1" is quoted, so it is a string and the API server rejects it ("must be of type integer: \\"string\\""). Write `1` without quotes.', { kind: 'replace', replacements: ['1'] }]],
  ],
  // JSON patches: only in a Kustomize patch file, each operation on its own.
  ['a list of operations in a Kustomize patch: removing spec', '- op: remove\n  path: /spec\n', 'patch', [['/spec', 'error', 'required-null', 'Removing `spec` leaves the policy without a required field: the API server rejects it ("spec: Required value").']]],
  ['the same list in an ordinary manifest is not a patch: nothing', '- op: remove\n  path: /spec\n', 'complete', []],
  ['an empty Kustomize patch: nothing', '', 'patch', []],
  [
    'JSON patch operations: no op, replacing a required field, the whole document, a leaf, a nested status, an empty key',
    '- path: /spec/allowPostCopy\n  value: 1\n- op: replace\n  path: /spec/selectors\n  value: {}\n- op: replace\n  path: ""\n  value: {foo: 1}\n- op: add\n  path: /spec/allowPostCopy/x\n  value: 1\n- op: add\n  path: /spec/status\n  value: 1\n- op: add\n  path: /\n  value: 1\n- op: add\n  path: /status\n  value: {}\n',
    'patch',
    [
      ['/spec/allowPostCopy/x', 'error', 'unknown-field', 'This patch sets `spec.allowPostCopy.x`, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"spec.allowPostCopy.x\\""). `spec.allowPostCopy` is a single value, with no fields under it.'],
      ['/spec/status', 'error', 'unknown-field', `This patch sets \`spec.status\`, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"spec.status\\""). Known fields of spec: ${SPEC_FIELDS}.`],
      ['/', 'error', 'unknown-field', 'This patch sets ``, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"\\""). Known fields of the top level: `apiVersion`, `kind`, `metadata`, `spec`.'],
    ],
  ],
  [
    'JSON patch label values: null in a selector is dropped (a warning with a "" fix), null in metadata.labels or a test operation is nothing, a number is an error',
    '- op: test\n  path: /spec/selectors/namespaceSelector/old\n  value: ~\n- op: add\n  path: /spec/selectors/namespaceSelector/team\n  value: ~\n- op: add\n  path: /spec/selectors/virtualMachineInstanceSelector/x\n  value:\n- op: add\n  path: /metadata/labels/y\n  value: null\n- op: add\n  path: /metadata/labels/z\n  value: 1\n',
    'patch',
    [
      ['value', 'warning', 'label-value-dropped', '`team` gets no value: the API server drops null entries, so this patch adds no requirement on `team` to the selector. Give it a value, or write `value: ""` to require an empty label value.', { kind: 'setValue', pair: 'value: ~', value: '""' }],
      ['value', 'warning', 'label-value-dropped', '`x` gets no value: the API server drops null entries, so this patch adds no requirement on `x` to the selector. Give it a value, or write `value: ""` to require an empty label value.', { kind: 'setValue', pair: 'value:', value: '""' }],
      ['1', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `1` as the number 1. Quote it: "1".', { kind: 'replace', replacements: ['"1"'] }],
    ],
  ],
  ['a JSON patch label value that is an unknown alias: the parser reports it, validation says nothing', '- op: add\n  path: /spec/selectors/namespaceSelector/team\n  value: *nope\n', 'patch', []],
  // Helm templates: a line of output-producing actions inside or right after a mapping may add its fields.
  ['helm: a hole after other content further down does not excuse a missing selectors', H + 'spec:\n  allowPostCopy: true\nstatus: {}\n{{ include "x" . }}\n', 'helm-template', [SELECTORS_MISSING]],
  ['helm: a hole before the policy does not excuse a missing selectors', '{{ include "x" . }}\n' + H + 'spec:\n  allowPostCopy: true\n', 'helm-template', [SELECTORS_MISSING]],
  ['helm: a null value is still a null value; a templated value is not judged', S + '  allowPostCopy:\n  completionTimeoutPerGiB: {{ .Values.t }}\n', 'helm-template', [nullValue('allowPostCopy', 'allowPostCopy:'), CATCH_ALL]],
  ['helm: a mapping holding a templated value is still judged', S + '  bandwidthPerMigration: {{ .Values.bw }}\n  allowPostCopy: 1\n', 'helm-template', [notBoolean('1', 'allowPostCopy', 'the number 1', 'integer'), CATCH_ALL]],
  [
    'helm: a hole line under a key whose value is a mapping: the mapping is judged',
    S + '  experimental:\n{{ include "x" . | nindent 4 }}\n    foo: 1\n',
    'helm-template',
    [['foo', 'error', 'unknown-field', 'Unknown field `foo` in spec.experimental: kubectl rejects it ("strict decoding error: unknown field \\"spec.experimental.foo\\""). Known fields of spec.experimental: `stallDetector`, `downtimeTuning`, `compression`.'], CATCH_ALL],
  ],
  ['helm: a hole line between a key and its scalar value: the value is judged', S + '  allowPostCopy:\n    {{ include "x" . }}\n    1\n', 'helm-template', [notBoolean('1', 'allowPostCopy', 'the number 1', 'integer'), CATCH_ALL]],
  ['helm: a hole line right under a bare key is its value; a bare key without one is null', S + '  allowPostCopy:\n    {{ .Values.x }}\n  allowAutoConverge:\n', 'helm-template', [nullValue('allowAutoConverge', 'allowAutoConverge:'), CATCH_ALL]],
  ['helm: a hole line under an explicit ~ is not its value: still null', S + '  allowPostCopy: ~\n    {{ .Values.x }}\n', 'helm-template', [nullValue('allowPostCopy', 'allowPostCopy: ~'), CATCH_ALL]],
  ['helm: a flow-map key without a colon, a hole further down: still null', H + 'spec: {selectors: {}, allowPostCopy,\n{{ include "x" . }}\n}\n', 'helm-template', [nullValue('allowPostCopy', 'allowPostCopy'), CATCH_ALL]],
  ['helm: two block mappings in if/else branches are alternatives, not duplicates', S + '  experimental:\n{{- if .Values.a }}\n    stallDetector:\n      stallMargin: 1\n{{- else }}\n    stallDetector:\n      stallMargin: 2\n{{- end }}\n', 'helm-template', [CATCH_ALL, STALL_GATE]],
  ['helm: two values in if/else branches are alternatives', S + '{{- if .Values.a }}\n  allowPostCopy: true\n{{- else }}\n  allowPostCopy: false\n{{- end }}\n', 'helm-template', [CATCH_ALL]],
  ['helm: a branch after both entries does not make them alternatives', S + '  allowPostCopy: true\n  allowPostCopy: false\n{{- if .Values.a }}\n{{- end }}\n', 'helm-template', [['allowPostCopy', 'warning', 'duplicate-key', '`allowPostCopy` is set again further down: kubectl keeps only the last value, so this one is ignored. Remove one of them.'], CATCH_ALL]],
  // Fields.
  [
    'cluster-only names are cluster-config findings only directly under spec; inherited object names are unknown fields',
    H + '  network: y\nnetwork: x\nspec:\n  selectors:\n    network: a\n  network: b\n  constructor: 1\n',
    'complete',
    [
      ['network', 'error', 'unknown-field', 'Unknown field `network` in metadata: kubectl rejects it ("strict decoding error: unknown field \\"metadata.network\\""). Known fields of metadata: `name`, `generateName`, `namespace`, `labels`, `annotations`, `uid`, `resourceVersion`, `generation`, `creationTimestamp`, `deletionTimestamp`, `deletionGracePeriodSeconds`, `managedFields`, `ownerReferences`, `finalizers`, `selfLink`.'],
      ['network', 'error', 'unknown-field', 'Unknown field `network` at the top level: kubectl rejects it ("strict decoding error: unknown field \\"network\\""). Known fields there: `apiVersion`, `kind`, `metadata`, `spec`.'],
      ['network', 'error', 'unknown-field', 'Unknown field `network` in spec.selectors: kubectl rejects it ("strict decoding error: unknown field \\"spec.selectors.network\\""). Known fields of spec.selectors: `namespaceSelector`, `virtualMachineInstanceSelector`.'],
      ['network', 'error', 'cluster-config-field', '`network` is not a MigrationPolicy field: it is the dedicated migration network, set in the KubeVirt CR (spec.configuration.migrations.network). kubectl rejects it here ("unknown field \\"spec.network\\""). Set it in the KubeVirt CR instead.', { kind: 'removePair', pair: 'network: b' }],
      unknownInSpec('constructor'),
    ],
  ],
  ['a strategic-merge patch skips $-directives but not other unknown keys', H + 'spec:\n  foo: 1\n  $patch: replace\n', 'patch', [unknownInSpec('foo')]],
  ['outside a patch, a $-key is an unknown field', S + '  $patch: replace\n', 'complete', [unknownInSpec('$patch'), CATCH_ALL]],
  [
    'a mapping shared through an alias is judged once per policy: one report per written mistake',
    S + '  experimental:\n    stallDetector: &m {foo: 1}\n    downtimeTuning: *m\n',
    'complete',
    [
      ['foo', 'error', 'unknown-field', 'Unknown field `foo` in spec.experimental.stallDetector: kubectl rejects it ("strict decoding error: unknown field \\"spec.experimental.stallDetector.foo\\""). Known fields of spec.experimental.stallDetector: `stallMargin`, `stallProgressTimeout`, `switchoverTimeout`, `searchLocalMinima`, `ewmaAlpha`, `precopyPossibleFactor`, `patienceWindowDecayFactor`, `completionTimeoutFactor`.'],
      CATCH_ALL,
      STALL_GATE,
      ['downtimeTuning', 'warning', 'feature-gate', 'The admission webhook denies `experimental.downtimeTuning` unless the KubeVirt CR enables the `MigrationDowntimeTuning` feature gate ("experimental.downtimeTuning cannot be modified without enabling the MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
      ['experimental', 'error', 'mutually-exclusive', '`stallDetector` and `downtimeTuning` cannot be used together: the admission webhook denies it ("experimental.stallDetector and experimental.downtimeTuning are mutually exclusive; the stall detection path manages its own downtime schedule"). Keep one of them.'],
    ],
  ],
  // Values.
  [
    'an alias to a value is judged as that value; empty and ~ values are null',
    H + 'x: &t 1\nspec:\n  selectors: {}\n  allowPostCopy: *t\n  allowAutoConverge:\n  completionTimeoutPerGiB: ~\n  allowWorkloadDisruption: {}\n',
    'complete',
    [
      ['x', 'error', 'unknown-field', 'Unknown field `x` at the top level: kubectl rejects it ("strict decoding error: unknown field \\"x\\""). Known fields there: `apiVersion`, `kind`, `metadata`, `spec`.'],
      notBoolean('1', 'allowPostCopy', 'the number 1', 'integer'),
      nullValue('allowAutoConverge', 'allowAutoConverge:'),
      nullValue('completionTimeoutPerGiB', 'completionTimeoutPerGiB: ~'),
      ['{}', 'error', 'type-mismatch', '`spec.allowWorkloadDisruption` must be true or false, not a mapping. The API server rejects it: "spec.allowWorkloadDisruption in body must be of type boolean: \\"object\\"".'],
      CATCH_ALL,
    ],
  ],
  ['a flow-map key without a value is null', H + 'spec: {selectors: {}, allowPostCopy}\n', 'complete', [nullValue('allowPostCopy', 'allowPostCopy'), CATCH_ALL]],
  [
    'the missing-space fix is for a whole `key:value` in a mapping field only',
    H + 'spec:\n  selectors: a:b\u2028c\n  completionTimeoutPerGiB: a:b\n',
    'complete',
    [
      ['a:b\u2028c', 'error', 'type-mismatch', '`spec.selectors` must be a mapping, not the string "a:b\u2028c". The API server rejects it: "spec.selectors in body must be of type object: \\"string\\"".'],
      notInteger('a:b', 'a:b'),
    ],
  ],
  [
    'kustomize: only the exact YAML 1.1 words are read as strings that meant booleans',
    S + '  allowPostCopy: dry\n  allowAutoConverge: nope\n  allowWorkloadDisruption: yes\n',
    'kustomize',
    [
      notBoolean('dry', 'allowPostCopy', 'the string "dry"', 'string'),
      notBoolean('nope', 'allowAutoConverge', 'the string "nope"', 'string'),
      ['yes', 'error', 'boolean-string', 'kustomize reads `yes` as the string "yes" (only true and false are booleans to it) and writes it quoted, so the API server rejects `spec.allowWorkloadDisruption` ("must be of type boolean"). Write `true`.', { kind: 'replace', replacements: ['true'] }],
      CATCH_ALL,
    ],
  ],
  [
    'quoted or tagged boolean words: the message says which, and only whole words count',
    S + '  allowPostCopy: "nothing"\n  allowAutoConverge: !!str "true"\n  allowWorkloadDisruption: !<x-tag:yaml.org,2002:str> yes\n',
    'complete',
    [
      notBoolean('"nothing"', 'allowPostCopy', 'the string "nothing"', 'string'),
      ['"true"', 'error', 'boolean-string', '`spec.allowAutoConverge` must be a boolean, but "true" is quoted, so it is a string and the API server rejects it ("must be of type boolean"). Write `true` without quotes.', { kind: 'replace', replacements: ['true'] }],
      ['yes', 'error', 'boolean-string', '`spec.allowWorkloadDisruption` must be a boolean, but "yes" carries the tag x-tag:yaml.org,2002:str, so kubectl sends it as a string and the API server rejects it ("must be of type boolean"). Write `true` without the tag.', { kind: 'replace', replacements: ['true'] }],
      CATCH_ALL,
    ],
  ],
  [
    'quoted integers: only a whole signed number (spaces around allowed) gets the unquote fix',
    S + '  completionTimeoutPerGiB: "a12"\n---\n' + S + '  completionTimeoutPerGiB: "12a"\n---\n' + S + '  completionTimeoutPerGiB: "-5"\n---\n' + S + '  completionTimeoutPerGiB: " 12 "\n',
    'complete',
    [notInteger('"a12"', 'a12'), CATCH_ALL, notInteger('"12a"', '12a'), CATCH_ALL, integerString('"-5"', '-5', '-5'), CATCH_ALL, integerString('" 12 "', ' 12 ', '12'), CATCH_ALL],
  ],
  [
    'YAML 1.1 numbers: an octal gets the warning; 1_000 and -0 (the same number, or a string, to YAML 1.2) do not',
    S + '  completionTimeoutPerGiB: 1_000\n---\n' + S + '  completionTimeoutPerGiB: -0\n---\n' + S + '  completionTimeoutPerGiB: 010\n',
    'complete',
    [CATCH_ALL, CATCH_ALL, ['010', 'warning', 'yaml11-number', 'kubectl reads `010` as 8 (YAML 1.1 octal), while YAML 1.2 tools read 10. Write `8` if you mean 8.', { kind: 'replace', replacements: ['8', '10'] }], CATCH_ALL],
  ],
  [
    'an int32 field beyond 2^53: the message quotes the digits as written',
    S + '  experimental:\n    downtimeTuning:\n      steps: 9007199254740993\n',
    'complete',
    [
      ['9007199254740993', 'error', 'out-of-range', '`spec.experimental.downtimeTuning.steps` is a Go int32 in KubeVirt: the API server stores 9007199254740993, but the admission webhook cannot decode it and denies the policy ("json: cannot unmarshal number 9007199254740993 into Go struct field of type int32"). Write at most 2147483647.'],
      CATCH_ALL,
      ['downtimeTuning', 'warning', 'feature-gate', 'The admission webhook denies `experimental.downtimeTuning` unless the KubeVirt CR enables the `MigrationDowntimeTuning` feature gate ("experimental.downtimeTuning cannot be modified without enabling the MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'a negative uint64: the schema minimum answers first, not the webhook decode',
    S + '  maxDowntimeMs: -1\n',
    'complete',
    [
      ['-1', 'error', 'out-of-range', '`spec.maxDowntimeMs` must be between 1 and 2000000 milliseconds: the API server rejects -1 ("should be greater than or equal to 1").', { kind: 'replace', replacements: ['1'] }],
      CATCH_ALL,
      ['maxDowntimeMs', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
];

for (const [name, text, mode, expected] of CASES) {
  test(`findings, whole: ${name}`, () => {
    assert.deepEqual(findingRows(text, {}, mode), expected);
  });
}

test('JSON: an exponent in a JSON number is not an integer-format note (JSON has no other way to write it)', () => {
  const text = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "completionTimeoutPerGiB": 1e3}}';
  assert.deepEqual(findingRows(text, {}, 'complete', 'json'), [['"selectors"', 'information', 'catch-all', CATCH_ALL[3]]]);
});

test('the same policy twice in a List (an alias): each finding once', () => {
  const text = list(item('- &p', S + '  foo: 1\n'), '- *p\n');
  assert.deepEqual(findingRows(text), [unknownInSpec('foo'), CATCH_ALL]);
});

test('the finding budget: after 1000 findings (before dropping duplicates) the rest are dropped', () => {
  // 249 unknown fields and the catch-all: 250 findings per copy, 1000 for four copies of one aliased policy.
  const p = item('- &p', S + Array.from({ length: 249 }, (_, i) => `  u${i}: 1\n`).join(''));
  const q = item('-', S + '  allowPostCopy: 1\n');
  const full = findingRows(list(p, '- *p\n', '- *p\n', '- *p\n', q));
  assert.equal(full.length, 250);
  assert.deepEqual(full.slice(-2), [unknownInSpec('u248'), CATCH_ALL]);
  // Three copies leave room: the last policy's findings come through.
  const room = findingRows(list(p, '- *p\n', '- *p\n', q));
  assert.equal(room.length, 252);
  assert.deepEqual(room.slice(-2), [notBoolean('1', 'allowPostCopy', 'the number 1', 'integer'), CATCH_ALL]);
});

test('after a syntax error, shape findings take no room in the budget', () => {
  // 250 null selector entries per copy (label-value-dropped, a shape finding) and four copies: over 1000.
  const p = item('- &p', H + 'spec:\n  selectors:\n    namespaceSelector:\n' + Array.from({ length: 250 }, (_, i) => `      k${i}:\n`).join(''));
  const q = item('-', H + 'spec:\n  selectors:\n    namespaceSelector:\n      team: 1\n');
  assert.deepEqual(findingRows(list(p, '- *p\n', '- *p\n', '- *p\n', q) + '- ]\n'), [
    ['1', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `1` as the number 1 (YAML 1.1) and the API server rejects it ("must be of type string: \\"integer\\""). Quote it: "1".', { kind: 'replace', replacements: ['"1"'] }],
  ]);
});

test('fieldAt: a path through a leaf or an unknown field is undefined', () => {
  assert.equal(fieldAt(['spec', 'allowPostCopy', 'x']), undefined);
  assert.equal(fieldAt(['spec', 'nope', 'x']), undefined);
  assert.equal(fieldAt(['spec', 'allowPostCopy'])?.type, 'boolean');
});

test('validateFieldValue: shape findings are reported (the value has no syntax errors of its own), named by the field path', () => {
  const text = 'a: [1]\n';
  const doc = parseFile(text, 'yaml').documents[0].model;
  const root = doc.root as unknown as { pairs: { value: Parameters<typeof validateFieldValue>[2] }[] };
  const findings = validateFieldValue(doc, ['spec', 'allowPostCopy'], root.pairs[0].value);
  assert.deepEqual(
    findings.map((f) => [text.slice(f.span.start, f.span.end), f.severity, f.code, f.message]),
    [['[1]', 'error', 'type-mismatch', '`spec.allowPostCopy` must be true or false, not a list. The API server rejects it: "spec.allowPostCopy in body must be of type boolean: \\"array\\"".']],
  );
});

test('validateFieldValue: an alias to no anchor is left to the parser (no null-value finding)', () => {
  const doc = parseFile('a: *nope\n', 'yaml').documents[0].model;
  const root = doc.root as unknown as { pairs: { value: Parameters<typeof validateFieldValue>[2] }[] };
  assert.deepEqual(validateFieldValue(doc, ['spec', 'allowPostCopy'], root.pairs[0].value), []);
  assert.deepEqual(validateFieldValue(doc, ['spec', 'completionTimeoutPerGiB'], root.pairs[0].value), []);
});
