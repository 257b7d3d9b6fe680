// The stable diagnostic codes. Scripts filter on them (`migrationpolicy check --format json`), so a code
// is never renamed or reused; the README's table lists each with an example.

export const DIAGNOSTIC_CODES = {
  'yaml-syntax': 'YAML syntax error, one per mistake (missing space after a colon, tab indentation, unclosed quote)',
  'yaml-tag': 'a YAML tag kubectl does not know',
  'template-unreadable': 'a Helm template action that leaves the YAML around it unreadable before rendering (checked once rendered)',
  'json-syntax': 'JSON syntax error',
  'alias-bomb': 'aliases expand beyond what kubectl accepts ("document contains excessive aliasing")',
  'alias-unknown': 'an alias whose anchor is not defined before it',
  'duplicate-key': 'a key set twice in one mapping; kubectl keeps the last value',
  'key-invalid': 'an empty or complex mapping key',
  'yaml11-key': 'a key kubectl reads differently from YAML 1.2 tools (`yes:` becomes "true")',
  'api-version': 'apiVersion missing or not migrations.kubevirt.io/v1alpha1',
  'kind': 'kind missing or misspelt',
  'name-missing': 'metadata.name missing',
  'name-invalid': 'metadata.name is not a lowercase DNS-1123 subdomain',
  'namespace-ignored': 'metadata.namespace on a cluster-scoped object',
  'metadata-label': 'an invalid label on the policy object itself',
  'spec-missing': 'spec missing',
  'selectors-missing': 'spec.selectors missing',
  'required-null': 'a required field written without a value',
  'null-value': 'an optional field written without a value (dropped by the API server)',
  'unknown-field': 'a field MigrationPolicy does not have, with a did-you-mean',
  'cluster-config-field': "a field of the KubeVirt CR's migration configuration written into a policy",
  'field-too-new': 'a field newer than the target KubeVirt version',
  'type-mismatch': 'a value of the wrong type',
  'boolean-string': 'a boolean written as a quoted string',
  'yaml11-boolean': 'yes/no/on/off/y/n: booleans to kubectl, strings to YAML 1.2 tools',
  'yaml11-number': 'a number kubectl reads as octal',
  'integer-string': 'an integer written as a quoted string',
  'integer-format': 'an integer written as a fraction or exponent',
  'enum-value': 'a value outside the allowed set',
  'negative': 'a negative value the webhook or schema denies',
  'out-of-range': 'a value outside the allowed range',
  'quantity-invalid': 'bandwidthPerMigration is not a valid Kubernetes quantity',
  'bandwidth-unlimited': 'bandwidthPerMigration 0 means unlimited',
  'bandwidth-milli': 'a milli-quantity bandwidth, which KubeVirt turns into no limit',
  'bandwidth-small': 'a bandwidth below 1Mi, raised to 1Mi by KubeVirt (often a unit mistake)',
  'bandwidth-fails': 'a bandwidth virt-launcher cannot convert (2^63 bytes/s or more), so every migration under the policy fails',
  'factor-precision': 'a stall-detector factor with more than 3 decimal places',
  'feature-gate': 'a field the webhook denies unless a feature gate is on',
  'mutually-exclusive': 'stallDetector together with downtimeTuning',
  'legacy-selector': 'matchLabels/matchExpressions inside a selector (pre-v0.55 shape)',
  'label-value-type': 'a label value that is not a string (unquoted true, yes, 123, 1.0)',
  'label-value-dropped': 'a label with no value, dropped by the API server, which widens the selector',
  'label-key-syntax': 'a selector key that breaks label syntax and can never match',
  'label-value-syntax': 'a selector value that breaks label syntax and can never match',
  'catch-all': 'empty selectors: the policy matches every VMI with the lowest precedence',
  'duplicate-name': 'two policies with one name in the workspace: applying both keeps only the last',
  'identical-selectors': 'two policies with the same selectors: the name decides, silently',
  'shadowed-policy': 'a policy that matches VMIs but wins none of them (needs cluster data)',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/**
 * A code's description as a sentence (capital first, full stop): the SARIF rule text of the CLI and
 * the description of the code in package.json's `migrationpolicy.severity` setting, which
 * `npm run sync-manifest` (scripts/sync-manifest.mjs) writes from this table.
 */
export function codeSentence(code: DiagnosticCode): string {
  const text: string = DIAGNOSTIC_CODES[code];
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}
