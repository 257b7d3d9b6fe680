// validateDocument's findings, whole: the exact text each finding covers, its severity, code, full message
// and fix data, for each branch of the rules (JSON patches, keys, unknown and cluster-only fields, target
// versions and feature gates, booleans, integers, bandwidth quantities, stall-detector factors, enums,
// selectors, metadata, identity, Helm templates and Kustomize patches). The quoted API texts come from
// upstream and are checked there:
// "<path>: Required value" (apimachinery pkg/util/validation/field errors.go `Required`), "strict decoding
// error: unknown field" (apimachinery pkg/runtime/serializer/json strict decoding), "must be of type …",
// "should be greater than or equal to %v" / "should be less than or equal to %v" with Go's %v of a float64
// (kube-openapi pkg/validation/errors, so 2000000 prints as 2e+06), "must not be negative", "must have at most
// 3 decimal places" and the feature-gate texts (kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/
// migrationpolicy-admitter.go), "json: cannot unmarshal number … into Go struct field … of type int32"
// (encoding/json), the label and DNS-1123 messages (apimachinery pkg/util/validation/validation.go), and the
// YAML 1.1 readings (go-yaml v2 resolve.go). A list, mapping or boolean given to a boolean or bandwidth field
// quotes that field's schema type (`boolean`; `integer,string` for x-kubernetes-int-or-string, as apiextensions
// converts it): it used to quote the root's "object".
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import type { DocumentMode } from '../../server/src/document/template';
import { fieldAt, shiftFix, validateFieldValue } from '../../server/src/features/validation';
import type { FixData, ValidationOptions } from '../../server/src/features/validation';
import { findingRows } from '../support/findingRows';
import type { Row } from '../support/findingRows';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';

const CASES: [string, string, DocumentMode, ValidationOptions, Row[]][] = [
  [
    'metadata.name with no value: one error',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name:\nspec:\n  selectors: {}\n',
    'complete',
    {},
    [
      ['name', 'error', 'required-null', '`metadata.name` has no value: the API server drops null fields and then rejects the policy ("metadata.name: Required value").'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'a bandwidth of 1: one byte per second',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1\n',
    'complete',
    {},
    [
      ['1', 'warning', 'bandwidth-small', '`1` is 1 byte per second, not megabytes: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl. Did you mean `1Mi`?', { kind: 'replace', replacements: ['1Mi', '1Gi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'collections given to a boolean or bandwidth field',
    H + 'spec:\n  selectors: {}\n  allowPostCopy: [true]\n  allowAutoConverge: {a: 1}\n  bandwidthPerMigration: {a: 1}\n---\n' + H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: [64Mi]\n---\n' + H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: true\n',
    'complete',
    {},
    [
      ['[true]', 'error', 'type-mismatch', '`spec.allowPostCopy` must be true or false, not a list. The API server rejects it: "spec.allowPostCopy in body must be of type boolean: \\"array\\"".'],
      ['{a: 1}', 'error', 'type-mismatch', '`spec.allowAutoConverge` must be true or false, not a mapping. The API server rejects it: "spec.allowAutoConverge in body must be of type boolean: \\"object\\"".'],
      ['{a: 1}', 'error', 'type-mismatch', '`spec.bandwidthPerMigration` must be a quantity such as 64Mi, not a mapping. The API server rejects it: "spec.bandwidthPerMigration in body must be of type integer,string: \\"object\\"".'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['[64Mi]', 'error', 'type-mismatch', '`spec.bandwidthPerMigration` must be a quantity such as 64Mi, not a list. The API server rejects it: "spec.bandwidthPerMigration in body must be of type integer,string: \\"array\\"".'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['true', 'error', 'type-mismatch', '`spec.bandwidthPerMigration` must be a quantity such as 64Mi, not the boolean true. The API server rejects it: "spec.bandwidthPerMigration in body must be of type integer,string: \\"boolean\\"".'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'patch',
    '- op: remove\n  path: /spec/selectors\n- op: add\n  path: spec/x\n- op: replace\n  path: /spec/bandwidthPerMigraton\n  value: 1Gi\n- op: add\n  path: /spec/selectors/namespaceSelector/team\n  value: 5\n- op: add\n  path: /spec/zzzz\n  value: 1\n- op: add\n  path: /status/x\n- op: add\n  path: /spec/allowPostCopy\n  value: yes\n- op: test\n  path: ""\n  value: {}\n- op: add\n  path: /metadata/labels/a~1b/c\n  value: x\n- op: add\n  path: /metadata/managedFields/0\n- op: remove\n  path: /spec/allowPostCopy\n- op: add\n  path: /zzz\n',
    'patch',
    {},
    [
      ['/spec/selectors', 'error', 'required-null', 'Removing `spec.selectors` leaves the policy without a required field: the API server rejects it ("spec.selectors: Required value").'],
      ['spec/x', 'error', 'unknown-field', 'A JSON patch path starts with "/": write `/spec/x`.'],
      ['/spec/bandwidthPerMigraton', 'error', 'unknown-field', 'This patch sets `spec.bandwidthPerMigraton`, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"spec.bandwidthPerMigraton\\""). Did you mean `bandwidthPerMigration`?', { kind: 'replace', replacements: ['"/spec/bandwidthPerMigration"'] }],
      ['5', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `5` as the number 5. Quote it: "5".', { kind: 'replace', replacements: ['"5"'] }],
      ['/spec/zzzz', 'error', 'unknown-field', 'This patch sets `spec.zzzz`, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"spec.zzzz\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
      ['yes', 'error', 'boolean-string', 'kustomize reads `yes` as the string "yes" (only true and false are booleans to it) and writes it quoted, so the API server rejects `spec.allowPostCopy` ("must be of type boolean"). Write `true`.', { kind: 'replace', replacements: ['true'] }],
      ['/zzz', 'error', 'unknown-field', 'This patch sets `zzz`, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"zzz\\""). Known fields of the top level: `apiVersion`, `kind`, `metadata`, `spec`.'],
    ],
  ],
  [
    'keys',
    H + 'spec:\n  selectors: {}\n  ? [a]\n  : 1\n  allowPostCopy: true\n  allowPostCopy: false\n  yes: 1\n  network: x\n  selectors2: 1\n',
    'complete',
    {},
    [
      ['[a]', 'error', 'key-invalid', 'This key is empty or not a plain name: kubectl cannot convert a null or complex key to JSON. Write a field name.'],
      ['allowPostCopy', 'warning', 'duplicate-key', '`allowPostCopy` is set again further down: kubectl keeps only the last value, so this one is ignored. Remove one of them.'],
      ['yes', 'warning', 'yaml11-key', 'kubectl reads the key `yes` as "true" (YAML 1.1), while YAML 1.2 tools read "yes". Quote it: "yes".', { kind: 'replace', replacements: ['"yes"'] }],
      ['yes', 'error', 'unknown-field', 'Unknown field `true` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.true\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
      ['network', 'error', 'cluster-config-field', '`network` is not a MigrationPolicy field: it is the dedicated migration network, set in the KubeVirt CR (spec.configuration.migrations.network). kubectl rejects it here ("unknown field \\"spec.network\\""). Set it in the KubeVirt CR instead.', { kind: 'removePair', pair: 'network: x' }],
      ['selectors2', 'error', 'unknown-field', 'Unknown field `selectors2` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.selectors2\\""). Did you mean `selectors`?', { kind: 'rename', replacements: ['selectors'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'unknown top',
    H + 'zzzz: 1\nspec:\n  selectors:\n    matchLabels: {a: b}\n    matchExpressions: []\n    qqqqqqqqqqqq: 1\n',
    'complete',
    {},
    [
      ['zzzz', 'error', 'unknown-field', 'Unknown field `zzzz` at the top level: kubectl rejects it ("strict decoding error: unknown field \\"zzzz\\""). Known fields there: `apiVersion`, `kind`, `metadata`, `spec`.'],
      ['matchLabels', 'error', 'legacy-selector', '`matchLabels` belongs directly under namespaceSelector or virtualMachineInstanceSelector in KubeVirt before v0.55, and is not a field of selectors at all now. Write the labels as a plain map under one of those two selectors.'],
      ['matchExpressions', 'error', 'legacy-selector', '`matchExpressions` belongs directly under namespaceSelector or virtualMachineInstanceSelector in KubeVirt before v0.55, and is not a field of selectors at all now. Write the labels as a plain map under one of those two selectors.'],
      ['qqqqqqqqqqqq', 'error', 'unknown-field', 'Unknown field `qqqqqqqqqqqq` in spec.selectors: kubectl rejects it ("strict decoding error: unknown field \\"spec.selectors.qqqqqqqqqqqq\\""). Known fields of spec.selectors: `namespaceSelector`, `virtualMachineInstanceSelector`.'],
    ],
  ],
  [
    'too new',
    H + 'spec:\n  selectors: {}\n  maxDowntimeMs: 100\n  allowWorkloadDisruption: true\n',
    'complete',
    {kubevirtVersion: 'v1.4.0'},
    [
      ['maxDowntimeMs', 'warning', 'field-too-new', '`spec.maxDowntimeMs` needs KubeVirt v1.9.0; the target version is v1.4.0, whose API server prunes or rejects it.'],
      ['allowWorkloadDisruption', 'warning', 'field-too-new', '`spec.allowWorkloadDisruption` needs KubeVirt v1.5.0; the target version is v1.4.0, whose API server prunes or rejects it.'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['maxDowntimeMs', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'too new main',
    H + 'spec:\n  selectors: {}\n  experimental:\n    downtimeTuning: {initialMs: 5}\n',
    'complete',
    {kubevirtVersion: 'v1.9.0',featureGates: ['MigrationDowntimeTuning']},
    [
      ['downtimeTuning', 'warning', 'field-too-new', '`spec.experimental.downtimeTuning` needs KubeVirt main (after v1.9.0); the target version is v1.9.0, whose API server prunes or rejects it.'],
      ['initialMs', 'warning', 'field-too-new', '`spec.experimental.downtimeTuning.initialMs` needs KubeVirt main (after v1.9.0); the target version is v1.9.0, whose API server prunes or rejects it.'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'types',
    H + 'spec:\n  selectors: a:b\n  allowPostCopy: yes\n  allowWorkloadDisruption: "true"\n  completionTimeoutPerGiB: .inf\n',
    'complete',
    {},
    [
      ['a:b', 'error', 'yaml-syntax', 'Missing space after \':\' in "a:b": write "a: b", with a space after the colon.', { kind: 'replace', replacements: ['a: b'] }],
      ['yes', 'warning', 'yaml11-boolean', 'kubectl reads `yes` as true (YAML 1.1), but YAML 1.2 tools read the string "yes". Write `true`.', { kind: 'replace', replacements: ['true'] }],
      ['"true"', 'error', 'boolean-string', '`spec.allowWorkloadDisruption` must be a boolean, but "true" is quoted, so it is a string and the API server rejects it ("must be of type boolean"). Write `true` without quotes.', { kind: 'replace', replacements: ['true'] }],
      ['.inf', 'error', 'type-mismatch', 'kubectl cannot convert `.inf` to JSON ("json: unsupported value"). Write a finite number.'],
    ],
  ],
  [
    'types2',
    H + 'spec:\n  selectors: 5\n  allowAutoConverge: !!str off\n  allowPostCopy: 5\n  completionTimeoutPerGiB: [1]\n',
    'complete',
    {},
    [
      ['5', 'error', 'type-mismatch', '`spec.selectors` must be a mapping, not the number 5. The API server rejects it: "spec.selectors in body must be of type object: \\"integer\\"".'],
      ['off', 'error', 'boolean-string', '`spec.allowAutoConverge` must be a boolean, but "off" carries the tag !!str, so kubectl sends it as a string and the API server rejects it ("must be of type boolean"). Write `false` without the tag.', { kind: 'replace', replacements: ['false'] }],
      ['5', 'error', 'type-mismatch', '`spec.allowPostCopy` must be true or false, not the number 5 ("spec.allowPostCopy in body must be of type boolean: \\"integer\\"").', { kind: 'replace', replacements: ['true', 'false'] }],
      ['[1]', 'error', 'type-mismatch', '`spec.completionTimeoutPerGiB` must be an integer, not a list. The API server rejects it: "spec.completionTimeoutPerGiB in body must be of type integer: \\"array\\"".'],
    ],
  ],
  [
    'kustomize',
    H + 'spec:\n  selectors: {}\n  allowPostCopy: yes\n  allowAutoConverge: N\n',
    'kustomize',
    {},
    [
      ['yes', 'error', 'boolean-string', 'kustomize reads `yes` as the string "yes" (only true and false are booleans to it) and writes it quoted, so the API server rejects `spec.allowPostCopy` ("must be of type boolean"). Write `true`.', { kind: 'replace', replacements: ['true'] }],
      ['N', 'error', 'boolean-string', 'kustomize reads `N` as the string "N" (only true and false are booleans to it) and writes it quoted, so the API server rejects `spec.allowAutoConverge` ("must be of type boolean"). Write `false`.', { kind: 'replace', replacements: ['false'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'ints',
    H + 'spec:\n  selectors: {}\n  completionTimeoutPerGiB: 010\n  maxDowntimeMs: 1e2\n',
    'complete',
    {},
    [
      ['010', 'warning', 'yaml11-number', 'kubectl reads `010` as 8 (YAML 1.1 octal), while YAML 1.2 tools read 10. Write `8` if you mean 8.', { kind: 'replace', replacements: ['8', '10'] }],
      ['1e2', 'information', 'integer-format', '`1e2` is sent as the integer 100, which the API server accepts; write `100` to make that plain.', { kind: 'replace', replacements: ['100'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['maxDowntimeMs', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'ints2',
    H + 'spec:\n  selectors: {}\n  completionTimeoutPerGiB: " 12"\n  maxDowntimeMs: 1.5\n',
    'complete',
    {},
    [
      ['" 12"', 'error', 'integer-string', '`spec.completionTimeoutPerGiB` must be an integer, but " 12" is quoted, so it is a string and the API server rejects it ("must be of type integer: \\"string\\""). Write `12` without quotes.', { kind: 'replace', replacements: ['12'] }],
      ['1.5', 'error', 'integer-format', '`spec.maxDowntimeMs` must be a whole number: 1.5 is a fraction and the API server rejects it ("must be of type integer: "number""). Write `1` or `2`.', { kind: 'replace', replacements: ['1', '2'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['maxDowntimeMs', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'ints3',
    H + 'spec:\n  selectors: {}\n  completionTimeoutPerGiB: 1e19\n  maxDowntimeMs: -9223372036854775807.0\n',
    'complete',
    {},
    [
      ['1e19', 'error', 'out-of-range', '`spec.completionTimeoutPerGiB` must be a 64-bit integer: 1e19 is beyond its range, so kubectl sends the number 10000000000000000000 and the API server rejects it ("spec.completionTimeoutPerGiB in body must be of type integer: "number""). The largest value it takes is `9223372036854775807`.'],
      ['-9223372036854775807.0', 'error', 'out-of-range', '`spec.maxDowntimeMs` must be a 64-bit integer: -9223372036854775807.0 is a float to kubectl, which rounds it to -9223372036854776000, beyond that range, and the API server rejects it ("spec.maxDowntimeMs in body must be of type integer: "number""). The smallest value it takes is `-9223372036854775808`.'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['maxDowntimeMs', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'ints4',
    H + 'spec:\n  selectors: {}\n  completionTimeoutPerGiB: 9223372036854775807.0\n  maxDowntimeMs: 2.0000000001\n',
    'complete',
    {},
    [
      ['9223372036854775807.0', 'error', 'out-of-range', '`spec.completionTimeoutPerGiB` must be a 64-bit integer: 9223372036854775807.0 is a float to kubectl, which rounds it to 9223372036854776000, beyond that range, and the API server rejects it ("spec.completionTimeoutPerGiB in body must be of type integer: "number""). The largest value it takes is `9223372036854775807`.'],
      ['2.0000000001', 'error', 'integer-format', '`spec.maxDowntimeMs` must be a whole number: kubectl sends 2.0000000001. The API server of Kubernetes 1.20 lets it through (it counts a number within a relative 1e-9 of an integer as one), but KubeVirt\'s admission webhook cannot decode it into an integer and denies the policy. Write `2`.', { kind: 'replace', replacements: ['2'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['maxDowntimeMs', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'ints5',
    H + 'spec:\n  selectors: {}\n  completionTimeoutPerGiB: -5\n  maxDowntimeMs: 0\n',
    'complete',
    {},
    [
      ['-5', 'error', 'negative', '`spec.completionTimeoutPerGiB` must not be negative: the admission webhook denies it ("must not be negative"). The default is 150 seconds per GiB.', { kind: 'replace', replacements: ['150'], notes: ['the default'], removable: 'completionTimeoutPerGiB: -5' }],
      ['0', 'error', 'out-of-range', '`spec.maxDowntimeMs` must be between 1 and 2000000 milliseconds: the API server rejects 0 ("should be greater than or equal to 1").', { kind: 'replace', replacements: ['1'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['maxDowntimeMs', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'ints6',
    H + 'spec:\n  selectors: {}\n  completionTimeoutPerGiB: 18446744073709551615\n  maxDowntimeMs: 2000001\n  experimental:\n    stallDetector:\n      stallMargin: -1\n      stallProgressTimeout: -2\n      switchoverTimeout: 1e100\n    downtimeTuning:\n      steps: 2147483648\n      initialMs: 0.0000000001\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['18446744073709551615', 'error', 'out-of-range', '`spec.completionTimeoutPerGiB` must be a 64-bit integer: 18446744073709551615 is beyond its range, so kubectl sends the number 18446744073709551615 and the API server rejects it ("spec.completionTimeoutPerGiB in body must be of type integer: "number""). The largest value it takes is `9223372036854775807`.'],
      ['2000001', 'error', 'out-of-range', '`spec.maxDowntimeMs` must be between 1 and 2000000 milliseconds: the API server rejects 2000001 ("should be less than or equal to 2e+06").', { kind: 'replace', replacements: ['2000000'] }],
      ['-1', 'error', 'negative', '`spec.experimental.stallDetector.stallMargin` must not be negative: the API server rejects it ("should be greater than or equal to 0"). The default is 4.', { kind: 'replace', replacements: ['4'], notes: ['the default'], removable: 'stallMargin: -1' }],
      ['-2', 'error', 'negative', '`spec.experimental.stallDetector.stallProgressTimeout` must not be negative: the API server rejects it ("should be greater than or equal to 0"). The default is 40 seconds.', { kind: 'replace', replacements: ['40'], notes: ['the default'], removable: 'stallProgressTimeout: -2' }],
      ['1e100', 'error', 'out-of-range', '`spec.experimental.stallDetector.switchoverTimeout` must be a 64-bit integer: 1e100 is beyond its range, so kubectl sends the number 1e+100 and the API server rejects it ("spec.experimental.stallDetector.switchoverTimeout in body must be of type integer: "number""). The largest value it takes is `9223372036854775807`.'],
      ['2147483648', 'error', 'out-of-range', '`spec.experimental.downtimeTuning.steps` is a Go int32 in KubeVirt: the API server stores 2147483648, but the admission webhook cannot decode it and denies the policy ("json: cannot unmarshal number 2147483648 into Go struct field of type int32"). Write at most 2147483647.'],
      ['0.0000000001', 'error', 'integer-format', '`spec.experimental.downtimeTuning.initialMs` must be a whole number: 0.0000000001 is a fraction and the API server rejects it ("must be of type integer: "number""). Write `0` or `1`.', { kind: 'replace', replacements: ['0', '1'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['downtimeTuning', 'error', 'feature-gate', 'The admission webhook denies `experimental.downtimeTuning`: the cluster does not enable the `MigrationDowntimeTuning` feature gate ("experimental.downtimeTuning cannot be modified without enabling the MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
      ['experimental', 'error', 'mutually-exclusive', '`stallDetector` and `downtimeTuning` cannot be used together: the admission webhook denies it ("experimental.stallDetector and experimental.downtimeTuning are mutually exclusive; the stall detection path manages its own downtime schedule"). Keep one of them.'],
    ],
  ],
  [
    'ints7',
    H + 'spec:\n  selectors: {}\n  maxDowntimeMs: 0.9999999999\n  completionTimeoutPerGiB: "abc"\n  experimental:\n    downtimeTuning:\n      steps: -3.0000000001\n',
    'complete',
    {featureGates: []},
    [
      ['0.9999999999', 'error', 'integer-format', '`spec.maxDowntimeMs` must be a whole number: 0.9999999999 is a fraction and the API server rejects it ("must be of type integer: "number""). Write `0` or `1`.', { kind: 'replace', replacements: ['0', '1'] }],
      ['"abc"', 'error', 'type-mismatch', '`spec.completionTimeoutPerGiB` must be an integer, not the string "abc". The API server rejects it: "spec.completionTimeoutPerGiB in body must be of type integer: \\"string\\"".'],
      ['-3.0000000001', 'error', 'integer-format', '`spec.experimental.downtimeTuning.steps` must be a whole number: -3.0000000001 is a fraction and the API server rejects it ("must be of type integer: "number""). Write `-4` or `-3`.', { kind: 'replace', replacements: ['-4', '-3'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['maxDowntimeMs', 'error', 'feature-gate', 'The admission webhook denies `maxDowntimeMs`: the cluster does not enable the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
      ['downtimeTuning', 'error', 'feature-gate', 'The admission webhook denies `experimental.downtimeTuning`: the cluster does not enable the `MigrationDowntimeTuning` feature gate ("experimental.downtimeTuning cannot be modified without enabling the MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'json ints',
    '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "p"}, "spec": {"selectors": {}, "maxDowntimeMs": 1e2, "completionTimeoutPerGiB": 2.5}}',
    'complete',
    {},
    [
      ['1e2', 'information', 'integer-format', '`1e2` is sent as the integer 100, which the API server accepts; write `100` to make that plain.', { kind: 'replace', replacements: ['100'] }],
      ['2.5', 'error', 'integer-format', '`spec.completionTimeoutPerGiB` must be a whole number: 2.5 is a fraction and the API server rejects it ("must be of type integer: "number""). Write `2` or `3`.', { kind: 'replace', replacements: ['2', '3'] }],
      ['"selectors"', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
      ['"maxDowntimeMs"', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'bw1',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1.0000000001e3\n',
    'complete',
    {},
    [
      ['1.0000000001e3', 'information', 'integer-format', 'kubectl sends the number 1000.0000001; the API server of Kubernetes 1.20 accepts it as an integer (within a relative 1e-9) and KubeVirt parses 1000.0000001 as a quantity. Quote a quantity string to say exactly what you mean.'],
      ['1.0000000001e3', 'warning', 'bandwidth-small', '`1000.0000001` is below 1Mi: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl.', { kind: 'replace', replacements: ['1Mi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw2',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1e20\n',
    'complete',
    {},
    [
      ['1e20', 'error', 'quantity-invalid', '`spec.bandwidthPerMigration`: kubectl sends 1e20 as the number 100000000000000000000, which is not a 64-bit integer, and the API server rejects it ("spec.bandwidthPerMigration in body must be of type integer,string: "number""). Quoting it would not help: virt-launcher cannot convert `1e20` to bytes ("Memory size \'100e18\' must be greater than or equal to 0"), so every migration would fail. Write `0` for no limit, or a real limit such as `10Gi`.', { kind: 'replace', replacements: ['0', '10Gi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw3',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1e17\n',
    'complete',
    {},
    [
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw4',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 2.5\n',
    'complete',
    {},
    [
      ['2.5', 'error', 'quantity-invalid', '`spec.bandwidthPerMigration` must be an integer or a quantity string: 2.5 is a fraction, which the API server rejects (int-or-string). For 2.5 mebibytes per second write `2.5Mi`.', { kind: 'replace', replacements: ['2.5Mi', '2.5Gi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw5',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 010\n',
    'complete',
    {},
    [
      ['010', 'warning', 'yaml11-number', 'kubectl reads `010` as 8 (YAML 1.1 octal), while YAML 1.2 tools read 10.', { kind: 'replace', replacements: ['8'] }],
      ['010', 'warning', 'bandwidth-small', '`8` is 8 bytes per second, not megabytes: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl. Did you mean `8Mi`?', { kind: 'replace', replacements: ['8Mi', '8Gi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw7',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1e1000000Mi\n',
    'complete',
    {},
    [
      ['1e1000000Mi', 'error', 'quantity-invalid', '`spec.bandwidthPerMigration`: `1e1000000Mi` is not a Kubernetes quantity: write a decimal number with an optional suffix (`k`, `M`, `G` for ×1000 steps, `Ki`, `Mi`, `Gi` for ×1024 steps), such as `64Mi`.'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw8',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1e200000\n',
    'complete',
    {},
    [
      ['1e200000', 'warning', 'bandwidth-fails', '`1e200000` is accepted by the API server and the webhook, but virt-launcher cannot convert it to bytes ("Memory size \'100e199998\' must be greater than or equal to 0"), so every migration under this policy fails to start. Write a limit below 8Ei, or 0 for none.', { kind: 'replace', replacements: ['0'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw9',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 100m\n',
    'complete',
    {},
    [
      ['100m', 'warning', 'bandwidth-milli', '`100m` is 0.1 bytes per second (a milli-quantity: lowercase m means 1/1000). KubeVirt converts it to 0 bytes, which means no limit at all. Did you mean `100Mi` (mebibytes)?', { kind: 'replace', replacements: ['100Mi', '100M'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw10',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 500\n',
    'complete',
    {},
    [
      ['500', 'warning', 'bandwidth-small', '`500` is 500 bytes per second, not megabytes: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl. Did you mean `500Mi`?', { kind: 'replace', replacements: ['500Mi', '500Gi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw11',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 500k\n',
    'complete',
    {},
    [
      ['500k', 'warning', 'bandwidth-small', '`500k` is below 1Mi: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl.', { kind: 'replace', replacements: ['1Mi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw12',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 9Ei\n',
    'complete',
    {},
    [
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw13',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: "-5Mi"\n',
    'complete',
    {},
    [
      ['"-5Mi"', 'error', 'negative', '`spec.bandwidthPerMigration` must not be negative: the admission webhook denies it ("must not be negative"). Use 0 for unlimited bandwidth.', { kind: 'replace', replacements: ['5Mi', '0'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw14',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1.5m\n',
    'complete',
    {},
    [
      ['1.5m', 'warning', 'bandwidth-milli', '`1.5m` is 0.0015 bytes per second (a milli-quantity: lowercase m means 1/1000). KubeVirt converts it to 0 bytes, which means no limit at all. Did you mean `1.5Mi` (mebibytes)?', { kind: 'replace', replacements: ['1.5Mi', '1.5M'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw15',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1e-7\n',
    'complete',
    {},
    [
      ['1e-7', 'error', 'quantity-invalid', '`spec.bandwidthPerMigration` must be an integer or a quantity string: 1e-7 is a fraction, which the API server rejects (int-or-string). For 1e-7 mebibytes per second write `1e-7Mi`.', { kind: 'replace', replacements: ['1e-7Mi', '1e-7Gi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'bw16',
    H + 'spec:\n  selectors: {}\n  bandwidthPerMigration: 1.0e3\n',
    'complete',
    {},
    [
      ['1.0e3', 'warning', 'bandwidth-small', '`1000` is 1000 bytes per second, not megabytes: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl. Did you mean `1000Mi`?', { kind: 'replace', replacements: ['1000Mi', '1000Gi'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f1',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: 1.5\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['1.5', 'error', 'type-mismatch', '`spec.experimental.stallDetector.ewmaAlpha` must be a string or an integer: 1.5 is a float, which the API server rejects. Quote it: "1.5".', { kind: 'replace', replacements: ['"1.5"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f2',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: 2.0000000001\n',
    'complete',
    {featureGates: ['MigrationStallDetection'],kubevirtVersion: 'v1.9.0'},
    [
      ['2.0000000001', 'information', 'integer-format', 'kubectl sends the number 2.0000000001; the API server of Kubernetes 1.20 accepts it as an integer (within a relative 1e-9) and KubeVirt\'s webhook parses 2.0000000001 as a quantity. Quote it to say exactly what you mean: "2.0000000001".', { kind: 'replace', replacements: ['"2.0000000001"'] }],
      ['2.0000000001', 'warning', 'type-mismatch', 'KubeVirt v1.9.0 accepts only strings for `spec.experimental.stallDetector.ewmaAlpha`: quote it as "2.0000000001".', { kind: 'replace', replacements: ['"2.0000000001"'] }],
      ['2.0000000001', 'error', 'factor-precision', '`spec.experimental.stallDetector.ewmaAlpha` may have at most 3 decimal places: the admission webhook denies 2.0000000001 ("must have at most 3 decimal places"). Write "2".', { kind: 'replace', replacements: ['"2"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f3',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: "1e1000000"\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['"1e1000000"', 'error', 'out-of-range', '`spec.experimental.stallDetector.ewmaAlpha` must be at most 1: the admission webhook denies 1e1000000 ("must be less than or equal to 1"). The default is 0.4.', { kind: 'replace', replacements: ['"0.4"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f4',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: "abc"\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['"abc"', 'error', 'quantity-invalid', '`spec.experimental.stallDetector.ewmaAlpha` must be a decimal number such as "0.4": "abc" is not a valid quantity.', { kind: 'replace', replacements: ['"0.4"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f5',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: "-1"\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['"-1"', 'error', 'negative', '`spec.experimental.stallDetector.ewmaAlpha`: the admission webhook denies it ("invalid scalar \\"-1\\": must not be negative").'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f6',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: "0.0005"\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['"0.0005"', 'error', 'factor-precision', '`spec.experimental.stallDetector.ewmaAlpha` may have at most 3 decimal places: the admission webhook denies 0.0005 ("must have at most 3 decimal places"). Write "0.001".', { kind: 'replace', replacements: ['"0.001"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f7',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: "0"\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['"0"', 'error', 'out-of-range', '`spec.experimental.stallDetector.ewmaAlpha` must be greater than 0 and at most 1: the admission webhook denies 0 ("must be greater than 0"). The default is 0.4.', { kind: 'replace', replacements: ['"0.4"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f8',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: "1000"\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['"1000"', 'error', 'out-of-range', '`spec.experimental.stallDetector.ewmaAlpha` must be at most 1: the admission webhook denies 1000 ("must be less than or equal to 1"). The default is 0.4.', { kind: 'replace', replacements: ['"0.4"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f9',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: [1]\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['[1]', 'error', 'type-mismatch', '`spec.experimental.stallDetector.ewmaAlpha` must be a decimal number in quotes, such as "0.4", not a list. The API server rejects it: "spec.experimental.stallDetector.ewmaAlpha in body must be of type string: \\"array\\"".'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f10',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: 5\n',
    'complete',
    {featureGates: ['MigrationStallDetection'],kubevirtVersion: 'v1.9.0'},
    [
      ['5', 'warning', 'type-mismatch', 'KubeVirt v1.9.0 accepts only strings for `spec.experimental.stallDetector.ewmaAlpha`: quote it as "5".', { kind: 'replace', replacements: ['"5"'] }],
      ['5', 'error', 'out-of-range', '`spec.experimental.stallDetector.ewmaAlpha` must be at most 1: the admission webhook denies 5 ("must be less than or equal to 1"). The default is 0.4.', { kind: 'replace', replacements: ['"0.4"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'f11',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector:\n      ewmaAlpha: "1e100000"\n',
    'complete',
    {featureGates: ['MigrationStallDetection']},
    [
      ['"1e100000"', 'error', 'out-of-range', '`spec.experimental.stallDetector.ewmaAlpha` must be at most 1: the admission webhook denies 1e100000 ("must be less than or equal to 1"). The default is 0.4.', { kind: 'replace', replacements: ['"0.4"'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    's1',
    H + 'spec:\n  selectors:\n    namespaceSelector:\n      ? [x]\n      : a\n      team: a\n      team: b\n      matchExpressions: [x]\n      Bad_Key!: v\n      empty:\n    virtualMachineInstanceSelector:\n      only: ~\n',
    'complete',
    {},
    [
      ['[x]', 'error', 'key-invalid', 'This label key is empty or not a plain string: kubectl cannot convert it to JSON.'],
      ['team', 'warning', 'duplicate-key', 'Label `team` is set again further down: kubectl keeps only the last value, so this one is ignored.'],
      ['matchExpressions', 'error', 'legacy-selector', 'Selectors are plain label maps since KubeVirt v0.55: `matchExpressions` is not supported and the API server rejects it ("spec.selectors.namespaceSelector.matchExpressions in body must be of type string: \\"array\\""). Write each required label as `key: "value"`; there are no operators or wildcards.'],
      ['Bad_Key!', 'warning', 'label-key-syntax', '`Bad_Key!` is not a valid label key, so this selector can never match any object: name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\'). Rule: a label key is an optional lowercase DNS subdomain prefix of at most 253 bytes followed by /, then a name of 1 to 63 bytes that starts and ends with a letter or digit with only -, _ and . between'],
      ['empty', 'warning', 'label-value-dropped', '`empty` has no value: the API server drops null entries, so this selector no longer requires `empty` and matches more than intended. Give it a value, or write `empty: ""` to require an empty label value.', { kind: 'setValue', pair: 'empty:', value: '""' }],
      ['only', 'warning', 'label-value-dropped', '`only` has no value: the API server drops null entries, so this selector no longer requires `only` and, as its only entry, matches every VMI. Give it a value, or write `only: ""` to require an empty label value.', { kind: 'setValue', pair: 'only: ~', value: '""' }],
    ],
  ],
  [
    's2',
    H + 'spec:\n  selectors:\n    virtualMachineInstanceSelector:\n      a: [1]\n      b: 1.5\n      c: "bad value!"\n      d: {e: f}\n      matchLabels: plain\n',
    'complete',
    {},
    [
      ['[1]', 'error', 'label-value-type', 'The value of label `a` must be a string, not a list: the API server rejects it ("spec.selectors.virtualMachineInstanceSelector.a in body must be of type string: \\"array\\"").'],
      ['1.5', 'error', 'label-value-type', 'Label values must be strings: kubectl reads `1.5` as the number 1.5 (YAML 1.1) and the API server rejects it ("must be of type string: \\"number\\""). Quote it: "1.5".', { kind: 'replace', replacements: ['"1.5"'] }],
      ['"bad value!"', 'warning', 'label-value-syntax', '"bad value!" is not a valid label value, so this selector can never match any object: a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\'). Rule: a label value must be 63 bytes or less, empty, or start and end with a letter or digit with only -, _ and . between'],
      ['{e: f}', 'error', 'label-value-type', 'The value of label `d` must be a string, not a mapping: the API server rejects it ("spec.selectors.virtualMachineInstanceSelector.d in body must be of type string: \\"object\\"").'],
    ],
  ],
  [
    's3',
    H + 'spec:\n  selectors:\n    namespaceSelector: [a]\n    virtualMachineInstanceSelector:\n      x: ~\n      y: z\n',
    'complete',
    {},
    [
      ['[a]', 'error', 'type-mismatch', '`spec.selectors.namespaceSelector` must be a map of label keys to values, not a list. The API server rejects it: "spec.selectors.namespaceSelector in body must be of type object: \\"array\\"".'],
      ['x', 'warning', 'label-value-dropped', '`x` has no value: the API server drops null entries, so this selector no longer requires `x` and matches more than intended. Give it a value, or write `x: ""` to require an empty label value.', { kind: 'setValue', pair: 'x: ~', value: '""' }],
      ['y', 'warning', 'yaml11-key', 'kubectl reads the key `y` as "true" (YAML 1.1), while YAML 1.2 tools read "y". Quote it: "y".', { kind: 'replace', replacements: ['"y"'] }],
    ],
  ],
  [
    'm1',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: Bad_Name\n  labels:\n    Bad_Key!: v\n    ok: 5\n    v: "bad value!"\n    n: ~\n  annotations:\n    a: true\n    "": x\n  namespace: x\nspec:\n  selectors: {a: b}\n',
    'complete',
    {},
    [
      ['Bad_Key!', 'error', 'metadata-label', 'The API server rejects the label key "Bad_Key!": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\').'],
      ['5', 'error', 'label-value-type', 'Values of `metadata.labels` must be strings: kubectl reads `5` as the number 5. Quote it: "5".', { kind: 'replace', replacements: ['"5"'] }],
      ['"bad value!"', 'error', 'metadata-label', 'The API server rejects the label value "bad value!": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\').'],
      ['true', 'error', 'label-value-type', 'Values of `metadata.annotations` must be strings: kubectl reads `true` as the boolean true. Quote it: "true".', { kind: 'replace', replacements: ['"true"'] }],
      ['a', 'error', 'unknown-field', 'Unknown field `a` in spec.selectors: kubectl rejects it ("strict decoding error: unknown field \\"spec.selectors.a\\""). Known fields of spec.selectors: `namespaceSelector`, `virtualMachineInstanceSelector`.'],
      ['Bad_Name', 'error', 'name-invalid', 'The API server rejects the name "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\'). Try `bad-name`.', { kind: 'replace', replacements: ['bad-name'] }],
      ['namespace', 'warning', 'namespace-ignored', 'MigrationPolicy is cluster-scoped: the API server drops `metadata.namespace`, and the policy applies to VMIs of every namespace its selectors match. Remove it; use `spec.selectors.namespaceSelector` to limit namespaces.', { kind: 'removePair', pair: 'namespace: x' }],
    ],
  ],
  [
    'm2',
    'kind: MigrationPolicy\nspec:\n  selectors: {namespaceSelector: {a: b}}\n',
    'complete',
    {},
    [
      ['kind', 'error', 'api-version', '`apiVersion` is missing: write `apiVersion: migrations.kubevirt.io/v1alpha1`.'],
      ['kind', 'error', 'name-missing', 'The policy has no name: add `metadata` with a `name` (the API server says "metadata.name: Required value").'],
    ],
  ],
  [
    'm3',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nmetadata:\n  generateName: p-\nkind: MigrationPolicy\n',
    'complete',
    {},
    [
      ['kind', 'error', 'spec-missing', 'The policy has no `spec`: the API server requires it ("spec: Required value"). Add `spec` with `selectors: {}` and the settings to override.', { kind: 'insertSelectors' }],
    ],
  ],
  [
    'm4',
    'apiVersion: migrations.kubevirt.io/v1beta1\nkind: MigrationPolicies\nmetadata:\n  name: p\nspec:\n  selectors:\n',
    'complete',
    {},
    [
      ['migrations.kubevirt.io/v1beta1', 'error', 'api-version', '`migrations.kubevirt.io/v1beta1`: v1beta1 does not exist: MigrationPolicy has only ever been served as v1alpha1 (some OpenShift docs show v1beta1 by mistake). Write `migrations.kubevirt.io/v1alpha1`.', { kind: 'replace', replacements: ['migrations.kubevirt.io/v1alpha1'] }],
      ['MigrationPolicies', 'error', 'kind', 'The kind is `MigrationPolicy` (singular, this exact case), not `MigrationPolicies`.', { kind: 'replace', replacements: ['MigrationPolicy'] }],
      ['selectors', 'error', 'required-null', '`spec.selectors` has no value: the API server drops null fields and then rejects the policy ("spec.selectors: Required value"). Write `selectors: {}` to match every VMI, or add a namespaceSelector or virtualMachineInstanceSelector.', { kind: 'insertSelectors' }],
    ],
  ],
  [
    'm5',
    'apiVersion: kubevirt.io/v1\nkind: MigrationPolicy\nmetadata: {name: "-"}\nspec: {selectors: {namespaceSelector: {}}, experimental: {compression: zstd}}\n',
    'complete',
    {},
    [
      ['kubevirt.io/v1', 'error', 'api-version', '`kubevirt.io/v1`: MigrationPolicy belongs to the migrations.kubevirt.io group. Write `migrations.kubevirt.io/v1alpha1`.', { kind: 'replace', replacements: ['migrations.kubevirt.io/v1alpha1'] }],
      ['"-"', 'error', 'name-invalid', 'The API server rejects the name "-": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\').'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'm6',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata: x\nspec: 5\n',
    'complete',
    {},
    [
      ['x', 'error', 'type-mismatch', '`metadata` must be a mapping, not the string "x". The API server rejects it: "metadata in body must be of type object: \\"string\\"".'],
      ['5', 'error', 'type-mismatch', '`spec` must be a mapping, not the number 5. The API server rejects it: "spec in body must be of type object: \\"integer\\"".'],
    ],
  ],
  [
    'm7',
    H + 'spec:\n  selectors: {}\n  experimental:\n    compression: ZSTD\n    stallDetector: {stallMargin: 1}\n    stallDetector: ~\n',
    'complete',
    {featureGates: ['MigrationStallDetection','MigrationCompression']},
    [
      ['stallDetector', 'warning', 'duplicate-key', '`stallDetector` is set again further down: kubectl keeps only the last value, so this one is ignored. Remove one of them.'],
      ['ZSTD', 'error', 'enum-value', '`spec.experimental.compression` must be one of `none`, `zstd`, not "ZSTD". Did you mean `zstd`?', { kind: 'replace', replacements: ['zstd'] }],
      ['stallDetector', 'warning', 'null-value', '`spec.experimental.stallDetector` has no value: the API server drops it, so the cluster-wide value applies. Give it a value or remove the line.', { kind: 'removePair', pair: 'stallDetector: ~' }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'm8',
    H + 'spec:\n  selectors:\n    namespaceSelector: {a: ~, b: ~}\n    other: 1\n',
    'complete',
    {},
    [
      ['a', 'warning', 'label-value-dropped', '`a` has no value: the API server drops null entries, so this selector no longer requires `a` and matches more than intended. Give it a value, or write `a: ""` to require an empty label value.', { kind: 'setValue', pair: 'a: ~', value: '""' }],
      ['b', 'warning', 'label-value-dropped', '`b` has no value: the API server drops null entries, so this selector no longer requires `b` and matches more than intended. Give it a value, or write `b: ""` to require an empty label value.', { kind: 'setValue', pair: 'b: ~', value: '""' }],
      ['other', 'error', 'unknown-field', 'Unknown field `other` in spec.selectors: kubectl rejects it ("strict decoding error: unknown field \\"spec.selectors.other\\""). Known fields of spec.selectors: `namespaceSelector`, `virtualMachineInstanceSelector`.'],
    ],
  ],
  [
    'm9',
    H + 'spec:\n  selectors:\n  allowPostCopy:\n  bandwidthPerMigration: ~\n',
    'complete',
    {},
    [
      ['selectors', 'error', 'required-null', '`spec.selectors` has no value: the API server drops null fields and then rejects the policy ("spec.selectors: Required value"). Write `selectors: {}` to match every VMI, or add a namespaceSelector or virtualMachineInstanceSelector.', { kind: 'insertSelectors' }],
      ['allowPostCopy', 'warning', 'null-value', '`spec.allowPostCopy` has no value: the API server drops it, so the cluster-wide value applies. Give it a value or remove the line.', { kind: 'removePair', pair: 'allowPostCopy:' }],
      ['bandwidthPerMigration', 'warning', 'null-value', '`spec.bandwidthPerMigration` has no value: the API server drops it, so the cluster-wide value applies. Give it a value or remove the line.', { kind: 'removePair', pair: 'bandwidthPerMigration: ~' }],
    ],
  ],
  [
    'm10',
    H + 'spec:\n  selectors: {}\n  experimental:\n    compression: gzipp\n    compression2: 1\n',
    'complete',
    {},
    [
      ['gzipp', 'error', 'enum-value', '`spec.experimental.compression` must be one of `none`, `zstd`, not "gzipp".', { kind: 'replace', replacements: ['none', 'zstd'] }],
      ['compression2', 'error', 'unknown-field', 'Unknown field `compression2` in spec.experimental: kubectl rejects it ("strict decoding error: unknown field \\"spec.experimental.compression2\\""). Did you mean `compression`?', { kind: 'rename', replacements: ['compression'] }],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'helm holes',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: {{ .Values.name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  {{- include "sel" . | nindent 2 }}\n  allowPostCopy: {{ .Values.pc }}\n  bandwidthPerMigration:\n    {{- toYaml .Values.bw | nindent 4 }}\n',
    'helm-template',
    {},
    [
      ['namespace', 'warning', 'namespace-ignored', 'MigrationPolicy is cluster-scoped: the API server drops `metadata.namespace`, and the policy applies to VMIs of every namespace its selectors match. Remove it; use `spec.selectors.namespaceSelector` to limit namespaces.', { kind: 'removePair', pair: 'namespace: {{ .Release.Namespace }}' }],
    ],
  ],
  [
    'helm alternatives',
    H + 'spec:\n  selectors:\n    namespaceSelector:\n      {{- if .Values.a }}\n      team: a\n      {{- else }}\n      team: b\n      {{- end }}\n  {{- if .Values.x }}\n  allowPostCopy: true\n  {{- else }}\n  allowPostCopy: false\n  {{- end }}\n  allowAutoConverge: yes\n  allowAutoConverge: no\n',
    'helm-template',
    {},
    [
      ['allowAutoConverge', 'warning', 'duplicate-key', '`allowAutoConverge` is set again further down: kubectl keeps only the last value, so this one is ignored. Remove one of them.'],
      ['no', 'warning', 'yaml11-boolean', 'kubectl reads `no` as false (YAML 1.1), but YAML 1.2 tools read the string "no". Write `false`.', { kind: 'replace', replacements: ['false'] }],
    ],
  ],
  [
    'helm missing',
    '{{- if .Values.enabled }}\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  {{- include "meta" . | nindent 2 }}\n{{- end }}\n',
    'helm-template',
    {},
    [

    ],
  ],
  [
    'helm missing2',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  labels: {a: b}\nspec:\n  allowPostCopy: true\n',
    'helm-template',
    {},
    [
      ['metadata', 'error', 'name-missing', '`metadata.name` is missing: the API server requires "name or generateName". Name the policy (lowercase letters, digits, \'-\' and \'.\').'],
      ['spec', 'error', 'selectors-missing', '`spec.selectors` is missing: the API server requires it ("spec.selectors: Required value"). Add `selectors: {}` to match every VMI, or a namespaceSelector or virtualMachineInstanceSelector.', { kind: 'insertSelectors', spec: 'allowPostCopy: true\n' }],
    ],
  ],
  [
    'helm keys',
    H + '  labels:\n    {{ .Values.k }}: v\n    x: {{ .Values.v }}\n    y:\n      {{- .Values.y | nindent 6 }}\nspec:\n  selectors:\n    namespaceSelector:\n      {{ .Values.k }}: v\n      z: {{ .Values.v }}\n  {{ .Values.field }}: 1\n',
    'helm-template',
    {},
    [

    ],
  ],
  [
    'patch mode',
    H + 'spec:\n  $patch: replace\n  allowPostCopy: true\n',
    'patch',
    {},
    [

    ],
  ],
  [
    'kustomize mode',
    H + 'spec:\n  $patch: replace\n  selectors: {}\n',
    'kustomize',
    {},
    [
      ['$patch', 'error', 'unknown-field', 'Unknown field `$patch` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.$patch\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'syntax error',
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicys\nmetadata:\n  namespace: x\nspec:\n  network: x\n  allowPostCopy:\n  selectors: 5\n  completionTimeoutPerGiB: -1\n  zzz: 1\n  maxDowntimeMs: 5\nbad: [1, 2\n',
    'complete',
    {},
    [
      ['-1', 'error', 'negative', '`spec.completionTimeoutPerGiB` must not be negative: the admission webhook denies it ("must not be negative"). The default is 150 seconds per GiB.', { kind: 'replace', replacements: ['150'], notes: ['the default'], removable: 'completionTimeoutPerGiB: -1' }],
      ['namespace', 'warning', 'namespace-ignored', 'MigrationPolicy is cluster-scoped: the API server drops `metadata.namespace`, and the policy applies to VMIs of every namespace its selectors match. Remove it; use `spec.selectors.namespaceSelector` to limit namespaces.', { kind: 'removePair', pair: 'namespace: x' }],
      ['maxDowntimeMs', 'warning', 'feature-gate', 'The admission webhook denies `maxDowntimeMs` unless the KubeVirt CR enables the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'syntax error 2',
    'kind: MigrationPolicy\nmetadata: {}\nspec:\n  selectors:\n    namespaceSelector: {a: ~}\n    matchLabels: {}\n  experimental: {downtimeTuning: {initialMs: 1}}\n  bandwidthPerMigration: "2"\nx: "unterminated\n',
    'complete',
    {kubevirtVersion: 'v1.0.0'},
    [
      ['matchLabels', 'error', 'legacy-selector', '`matchLabels` belongs directly under namespaceSelector or virtualMachineInstanceSelector in KubeVirt before v0.55, and is not a field of selectors at all now. Write the labels as a plain map under one of those two selectors.'],
      ['"2"', 'warning', 'bandwidth-small', '`2` is 2 bytes per second, not megabytes: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl. Did you mean `2Mi`?', { kind: 'replace', replacements: ['2Mi', '2Gi'] }],
      ['downtimeTuning', 'warning', 'feature-gate', 'The admission webhook denies `experimental.downtimeTuning` unless the KubeVirt CR enables the `MigrationDowntimeTuning` feature gate ("experimental.downtimeTuning cannot be modified without enabling the MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.'],
    ],
  ],
  [
    'patch extras',
    '- 5\n- op: add\n- op: add\n  path: 5\n- op: move\n  path: /spec/allowPostCopy\n  value: yes\n- op: test\n  path: /spec/allowPostCopy\n  value: "no"\n- op: replace\n  path: /spec/completionTimeoutPerGiB\n  value: -1\n- op: remove\n  path: /metadata/name\n- op: add\n  path: /spec/a~1b~0c\n- op: add\n  path: /spec/experimental/zzz\n- op: add\n  path: /metadata/labels/team\n  value: db\n- op: add\n  path: /metadata/labels/team\n  value: {a: b}\n- op: add\n  path: /metadata/labels/team/x\n  value: 1\n- op: add\n  path: /spec/maxDowntimeMs\n  value: 5\n',
    'patch',
    {kubevirtVersion: 'v1.5.0'},
    [
      ['"no"', 'error', 'boolean-string', '`spec.allowPostCopy` must be a boolean, but "no" is quoted, so it is a string and the API server rejects it ("must be of type boolean"). Write `false` without quotes.', { kind: 'replace', replacements: ['false'] }],
      ['-1', 'error', 'negative', '`spec.completionTimeoutPerGiB` must not be negative: the admission webhook denies it ("must not be negative"). The default is 150 seconds per GiB.', { kind: 'replace', replacements: ['150'], notes: ['the default'], removable: 'value: -1' }],
      ['/metadata/name', 'error', 'required-null', 'Removing `metadata.name` leaves the policy without a required field: the API server rejects it ("metadata.name: Required value").'],
      ['/spec/a~1b~0c', 'error', 'unknown-field', 'This patch sets `spec.a/b~c`, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"spec.a/b~c\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
      ['/spec/experimental/zzz', 'warning', 'field-too-new', '`spec.experimental` needs KubeVirt v1.9.0; the target version is v1.5.0, whose API server prunes or rejects it.'],
      ['/spec/experimental/zzz', 'error', 'unknown-field', 'This patch sets `spec.experimental.zzz`, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"spec.experimental.zzz\\""). Known fields of spec.experimental: `stallDetector`, `downtimeTuning`, `compression`.'],
      ['/spec/maxDowntimeMs', 'warning', 'field-too-new', '`spec.maxDowntimeMs` needs KubeVirt v1.9.0; the target version is v1.5.0, whose API server prunes or rejects it.'],
    ],
  ],
  [
    'selectors types',
    H + 'spec:\n  selectors: true\n  experimental: 1.5\n---\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors: abc\n  experimental: "x"\n',
    'complete',
    {},
    [
      ['true', 'error', 'type-mismatch', '`spec.selectors` must be a mapping, not the boolean true. The API server rejects it: "spec.selectors in body must be of type object: \\"boolean\\"".'],
      ['1.5', 'error', 'type-mismatch', '`spec.experimental` must be a mapping, not the number 1.5. The API server rejects it: "spec.experimental in body must be of type object: \\"number\\"".'],
      ['abc', 'error', 'type-mismatch', '`spec.selectors` must be a mapping, not the string "abc". The API server rejects it: "spec.selectors in body must be of type object: \\"string\\"".'],
      ['"x"', 'error', 'type-mismatch', '`spec.experimental` must be a mapping, not the string "x". The API server rejects it: "spec.experimental in body must be of type object: \\"string\\"".'],
    ],
  ],
  [
    'key styles',
    H + 'spec:\n  selectors: {}\n  "on": 1\n  1: x\n  ~: y\n  ? !!str off\n  : z\n',
    'complete',
    {},
    [
      ['~', 'error', 'key-invalid', 'This key is empty or not a plain name: kubectl cannot convert a null or complex key to JSON. Write a field name.'],
      ['"on"', 'error', 'unknown-field', 'Unknown field `on` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.on\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
      ['1', 'error', 'unknown-field', 'Unknown field `1` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.1\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
      ['off', 'error', 'unknown-field', 'Unknown field `off` in spec: kubectl rejects it ("strict decoding error: unknown field \\"spec.off\\""). Known fields of spec: `selectors`, `allowAutoConverge`, `bandwidthPerMigration`, `completionTimeoutPerGiB`, `allowPostCopy`, `allowWorkloadDisruption`, `maxDowntimeMs`, `experimental`.'],
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'aliases',
    H + 'spec:\n  selectors: {}\n  experimental:\n    stallDetector: &sd {stallMargin: 1}\n    downtimeTuning: *sd\n  allowPostCopy: *nope\n',
    'complete',
    {featureGates: ['MigrationStallDetection','MigrationDowntimeTuning']},
    [
      ['experimental', 'error', 'mutually-exclusive', '`stallDetector` and `downtimeTuning` cannot be used together: the admission webhook denies it ("experimental.stallDetector and experimental.downtimeTuning are mutually exclusive; the stall detection path manages its own downtime schedule"). Keep one of them.'],
    ],
  ],
  [
    'null maps',
    H + '  labels:\n  annotations: ~\nstatus:\nspec:\n  selectors:\n    namespaceSelector:\n    virtualMachineInstanceSelector: ~\n',
    'complete',
    {},
    [
      ['selectors', 'information', 'catch-all', 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.'],
    ],
  ],
  [
    'quoted colon',
    H + 'spec:\n  selectors: "a:b"\n  experimental: a:b c\n---\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors: a:\n',
    'complete',
    {},
    [
      ['"a:b"', 'error', 'type-mismatch', '`spec.selectors` must be a mapping, not the string "a:b". The API server rejects it: "spec.selectors in body must be of type object: \\"string\\"".'],
      ['a:b c', 'error', 'yaml-syntax', 'Missing space after \':\' in "a:b c": write "a: b c", with a space after the colon.', { kind: 'replace', replacements: ['a: b c'] }],
    ],
  ],
];

for (const [name, text, mode, options, expected] of CASES) {
  test(`findings, whole: ${name}`, () => {
    assert.deepEqual(findingRows(text, options, mode), expected);
  });
}

test('shiftFix moves every span a fix carries, and only those', () => {
  const pair = { start: 10, end: 20 };
  for (const kind of ['removePair', 'flattenSelector'] as const) assert.deepEqual(shiftFix({ kind, pair }, 5), { kind, pair: { start: 15, end: 25 } });
  assert.deepEqual(shiftFix({ kind: 'setValue', pair, value: '""' }, -10), { kind: 'setValue', pair: { start: 0, end: 10 }, value: '""' });
  assert.deepEqual(shiftFix({ kind: 'replace', replacements: ['150'], notes: ['the default'], removable: pair }, 3), { kind: 'replace', replacements: ['150'], notes: ['the default'], removable: { start: 13, end: 23 } });
  assert.deepEqual(shiftFix({ kind: 'insertSelectors', spec: pair }, 1), { kind: 'insertSelectors', spec: { start: 11, end: 21 } });
  const unchanged: FixData[] = [{ kind: 'replace', replacements: ['a'] }, { kind: 'rename', replacements: ['b'] }, { kind: 'insertSelectors' }];
  for (const fix of unchanged) assert.equal(shiftFix(fix, 7), fix);
  // The input is not changed.
  const original = { kind: 'removePair' as const, pair: { start: 1, end: 2 } };
  shiftFix(original, 4);
  assert.deepEqual(original, { kind: 'removePair', pair: { start: 1, end: 2 } });
});

test('validateFieldValue: a value given from elsewhere gets the rules of its field, located on the value; unknown paths none', () => {
  const text = 'bw: 1K\nflag: yes\nsel: {a: 1}\n';
  const doc = parseFile(text, 'yaml').documents[0].model;
  const root = doc.root as unknown as { pairs: { value: Parameters<typeof validateFieldValue>[2] }[] };
  const at = (f: { span: { start: number; end: number } }) => text.slice(f.span.start, f.span.end);
  const bw = validateFieldValue(doc, ['spec', 'bandwidthPerMigration'], root.pairs[0].value);
  assert.deepEqual(bw.map((f) => [at(f), f.code, f.severity]), [['1K', 'quantity-invalid', 'error']]);
  const flag = validateFieldValue(doc, ['spec', 'allowPostCopy'], root.pairs[1].value);
  assert.deepEqual(flag.map((f) => [at(f), f.code, f.message]), [['yes', 'yaml11-boolean', 'kubectl reads `yes` as true (YAML 1.1), but YAML 1.2 tools read the string "yes". Write `true`.']]);
  const sel = validateFieldValue(doc, ['spec', 'selectors', 'namespaceSelector'], root.pairs[2].value);
  assert.deepEqual(sel.map((f) => [at(f), f.code]), [['1', 'label-value-type']]);
  assert.deepEqual(validateFieldValue(doc, ['spec', 'nope'], root.pairs[0].value), []);
  assert.equal(fieldAt(['spec', 'selectors', 'namespaceSelector'])?.type, 'labelMap');
  assert.equal(fieldAt(['spec', 'maxDowntimeMs'])?.max, 2000000);
  assert.equal(fieldAt(['spec', 'nope']), undefined);
  assert.equal(fieldAt([])?.name, '');
});
