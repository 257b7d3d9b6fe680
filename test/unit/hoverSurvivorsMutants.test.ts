// Session 25 (issue 16): hover.ts survivors of the s25-hover runs, pinned over the real getHover with exact
// paragraphs. Expected texts come from the catalogue's facts (policy/catalog.ts, mirroring KubeVirt's
// migrationpolicy types and the admission webhook) and from the rules worked out by hand: go-yaml v2 reads `~`
// as null, KubeVirt's CLUSTER_ONLY fields live under the KubeVirt CR's spec.configuration.migrations, and
// Go's resource.ParseQuantity caps a binary (Ki..Ei) quantity at 2^63-1 (kubernetes/apimachinery
// pkg/api/resource/quantity.go), so `9223372036854775807Ki` is capped although its digits are 2^63-1.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRange } from '../../server/src/features/hover';
import type { FieldSpec } from '../../server/src/policy/catalog';
import { checkHover, hoverOf } from '../support/check';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';
const SPEC = `${HEAD}spec:\n  selectors: {}\n`;
const SEL = `${HEAD}spec:\n  selectors:\n`;
const ANCHOR = `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n  labels: &a {k: v}\nspec:\n`;

const paragraphs = (marked: string) => hoverOf(marked).value.split('\n\n');
const lead = (marked: string) => paragraphs(marked)[0];
/** The "- fact" list of a field's entry. */
const facts = (marked: string) => paragraphs(marked).find((p) => p.startsWith('- ')) ?? '';

const field = (f: Partial<FieldSpec>): FieldSpec => ({ name: 'x', type: 'integer', summary: 's', doc: 'd', since: 'v1.0.0', ...f }) as FieldSpec;

test('describeRange: min only, max only, both, exclusive min, none', () => {
  assert.equal(describeRange(field({})), undefined);
  assert.equal(describeRange(field({ max: 5 })), 'at most 5');
  assert.equal(describeRange(field({ min: 1 })), 'at least 1');
  assert.equal(describeRange(field({ min: 0, minExclusive: true })), 'greater than 0');
  assert.equal(describeRange(field({ min: 1, max: 2000000 })), '1 to 2,000,000');
  assert.equal(describeRange(field({ min: 0, max: 10, minExclusive: true })), 'greater than 0, at most 10');
});

test('field facts: required, enum values, unit and range, none of them on a plain boolean', () => {
  assert.equal(facts(`${HEAD.replace('name: p', 'na‸me: p')}spec: {}\n`), '- Required.\n- Since KubeVirt v0.49.0.');
  assert.equal(facts(`api‸Version: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n`), '- Required.\n- Values: `migrations.kubevirt.io/v1alpha1`.\n- Since KubeVirt v0.49.0.');
  assert.equal(facts(`${SPEC}  allow‸PostCopy: true\n`), "- Default when left out: false (the KubeVirt CR's `allowPostCopy`).\n- Since KubeVirt v0.49.0.");
  assert.equal(facts(`${SPEC}  experimental:\n    compress‸ion: zstd\n`), '- Values: `none`, `zstd`.\n- Default when left out: none.\n- Since KubeVirt v1.9.0.');
  assert.equal(
    facts(`${SPEC}  experimental:\n    downtimeTuning:\n      initial‸Ms: 100\n`),
    '- Unit: milliseconds.\n- Default when left out: 150.\n- Allowed range: at least 1.\n- Since KubeVirt main (not in a release yet).\n- Needs the feature gate `MigrationDowntimeTuning`.',
  );
});

test('the DNS-1123 pattern line is on metadata.name only', () => {
  const dns = 'The API server checks it as a lowercase RFC 1123 (DNS-1123) subdomain: `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`, at most 253 bytes.';
  assert.ok(paragraphs(`${HEAD.replace('name: p', 'na‸me: p')}spec: {}\n`).includes(dns));
  assert.ok(!hoverOf(`${SPEC}  allow‸PostCopy: true\n`).value.includes('DNS-1123'));
});

test('cluster-only fields directly under spec, with and without a hint', () => {
  assert.equal(hoverOf(`${SPEC}  progressTimeout: ‸5\n`).value, '`progressTimeout` is not a MigrationPolicy field: it is the cluster-wide progress timeout, set in the KubeVirt CR under `spec.configuration.migrations`. A policy can set `completionTimeoutPerGiB` instead.');
  assert.equal(hoverOf(`${SPEC}  disableTLS: ‸true\n`).value, '`disableTLS` is not a MigrationPolicy field: it is the cluster-wide TLS switch (it was removed from MigrationPolicy before its first release), set in the KubeVirt CR under `spec.configuration.migrations`.');
  assert.equal(checkHover(`${SPEC}  progressTimeout:\n    a: ‸1\n`), null, 'below a cluster-only field');
  assert.equal(checkHover(`${HEAD.replace('name: p', 'name: p\n  progressTimeout: ‸1')}spec: {}\n`), null, 'under metadata');
});

test('selector entries only at spec.selectors.<selector>.<key>', () => {
  assert.equal(lead(`${SEL}    namespace‸Selector: {}\n`), "**spec.selectors.namespaceSelector** · Labels the VMI's namespace must carry");
  assert.equal(checkHover(`apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nfoo:\n  selectors:\n    namespaceSelector:\n      a: ‸b\n`), null);
  assert.equal(checkHover(`${HEAD}spec:\n  foo:\n    namespaceSelector:\n      a: ‸b\n`), null);
  assert.equal(checkHover(`${SEL}    namespaceSelector:\n      - ‸a\n`), null, 'a list item has a numeric path');
});

test('matchExpressions is the old LabelSelector form', () => {
  assert.equal(
    hoverOf(`${SEL}    namespaceSelector:\n      match‸Expressions: x\n`).value,
    '**spec.selectors.namespaceSelector** entry · every entry must match.\n\n`matchExpressions` is the LabelSelector form of KubeVirt before v0.55. Selectors are plain label maps now, so the API server takes `matchExpressions` as a label key whose value is not a string, and rejects the policy. Move the labels up one level as `key: "value"`.',
  );
});

test('well-known label keys on the wrong selector say so; on the right one they do not', () => {
  const last = (marked: string) => paragraphs(marked).at(-1);
  assert.equal(
    last(`${SEL}    virtualMachineInstanceSelector:\n      kubernetes.io/metadata.name: ‸x\n`),
    "`kubernetes.io/metadata.name`: The namespace's own name. Kubernetes 1.21 and later put it on every namespace, so it selects namespaces by name without labelling them. It is a namespace label, so it rarely appears on VMIs.",
  );
  assert.equal(
    last(`${SEL}    namespaceSelector:\n      kubevirt.io/vm: ‸x\n`),
    "`kubevirt.io/vm`: Conventionally the VM's name, as in KubeVirt's examples. KubeVirt does not add it to VMIs: it is there only if the VM's template labels set it. It is a VMI label, so it rarely appears on namespaces.",
  );
  assert.equal(
    last(`${SEL}    namespaceSelector:\n      kubernetes.io/metadata.name: ‸x\n`),
    "`kubernetes.io/metadata.name`: The namespace's own name. Kubernetes 1.21 and later put it on every namespace, so it selects namespaces by name without labelling them.",
  );
});

test('integer values: a float, null, a milliseconds field and a factor out of range', () => {
  assert.equal(lead(`${SPEC}  maxDowntimeMs: ‸300.5\n`), '**spec.maxDowntimeMs** · Longest switchover downtime allowed, in milliseconds (1–2000000)');
  assert.equal(lead(`${SPEC}  completionTimeoutPerGiB: ‸~\n`), '**spec.completionTimeoutPerGiB** · Seconds allowed per GiB of guest memory before the migration gives up');
  assert.equal(lead(`${SPEC}  experimental:\n    downtimeTuning:\n      initialMs: ‸100\n`), '**spec.experimental.downtimeTuning.initialMs** · Allowed downtime at the first step');
  assert.equal(lead(`${SPEC}  experimental:\n    stallDetector:\n      patienceWindowDecayFactor: ‸2\n`), '`2` = 2');
});

test('an alias to a mapping as a value gets the field entry alone', () => {
  assert.equal(lead(`${ANCHOR}  maxDowntimeMs: *‸a\n`), '**spec.maxDowntimeMs** · Longest switchover downtime allowed, in milliseconds (1–2000000)');
  assert.equal(lead(`${ANCHOR}  bandwidthPerMigration: *‸a\n`), '**spec.bandwidthPerMigration** · Bandwidth cap of each migration, bytes per second (0 = unlimited)');
});

test('bandwidth: binary quantities are capped at 2^63-1 only when they exceed it', () => {
  assert.equal(lead(`${SPEC}  bandwidthPerMigration: ‸1Mi\n`), '`1Mi` = 1 MiB/s (1,048,576 bytes/s, 8.4 Mbit/s)');
  assert.equal(lead(`${SPEC}  bandwidthPerMigration: ‸9223372036854775807000m\n`), '`9223372036854775807000m` = 8 EiB/s (9,223,372,036,854,775,807 bytes/s, 73.8 Ebit/s)', 'a decimal quantity of exactly 2^63-1 is not capped');
  assert.equal(lead(`${SPEC}  bandwidthPerMigration: ‸9223372036854775807Ki\n`), "`9223372036854775807Ki` = 9,223,372,036,854,775,807 bytes/s (8 EiB/s, 73.8 Ebit/s): Go's ParseQuantity caps binary quantities at 2^63-1 bytes.");
});
