// The effective migration configuration (policy/effective.ts): KubeVirt's defaults, the KubeVirt CR's
// `spec.configuration.migrations`, the policy's non-null fields on top (applyMigrationPolicySpec).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveConfiguration, formatEffectiveValue } from '../../server/src/policy/effective';
import type { EffectiveConfiguration } from '../../server/src/policy/effective';

/** `path=value (source)` per field, with the note when there is one. */
function lines(config: EffectiveConfiguration): string[] {
  return Object.values(config).map((f) => `${f.path}=${formatEffectiveValue(f)} (${f.source})${f.note ? ` [${f.note}]` : ''}`);
}

/** The lines of the fields whose paths start with one of `prefixes` (not positions: a new field shifts those). */
function linesOf(config: EffectiveConfiguration, ...prefixes: string[]): string[] {
  return lines(config).filter((l) => prefixes.some((p) => l.startsWith(p)));
}

test('no policy and an empty KubeVirt CR: KubeVirt defaults, in the catalogue order', () => {
  // Pinned: how KubeVirt's defaults read (pinned.test.ts holds the values against upstream). A field
  // added to the catalogue joins the configuration without an edit here: catalogue.test.ts requires
  // its default and that the configuration lists it.
  const pinned = [
    'allowAutoConverge=false (default)',
    'bandwidthPerMigration=0Mi (default)',
    'completionTimeoutPerGiB=150 (default)',
    'allowPostCopy=false (default)',
    'allowWorkloadDisruption=false (default) [follows allowPostCopy when not set]',
    'maxDowntimeMs=900 (default)',
    'experimental.compression=none (default)',
    'experimental.stallDetector=off (default)',
    'experimental.downtimeTuning=off (default)',
  ];
  assert.deepEqual(linesOf(effectiveConfiguration(undefined, undefined), ...pinned.map((l) => l.slice(0, l.indexOf('=') + 1))), pinned);
});

test('the KubeVirt CR overrides defaults field by field; the policy overrides the cluster', () => {
  const cluster = { bandwidthPerMigration: '64Mi', completionTimeoutPerGiB: 800, parallelMigrationsPerCluster: 5 };
  const config = effectiveConfiguration({ selectors: {}, completionTimeoutPerGiB: 300, allowAutoConverge: true }, cluster);
  assert.deepEqual(config.bandwidthPerMigration, { path: 'bandwidthPerMigration', value: '64Mi', source: 'cluster' });
  assert.deepEqual(config.completionTimeoutPerGiB, { path: 'completionTimeoutPerGiB', value: 300, source: 'policy' });
  assert.deepEqual(config.allowAutoConverge, { path: 'allowAutoConverge', value: true, source: 'policy' });
  assert.deepEqual(config.maxDowntimeMs, { path: 'maxDowntimeMs', value: 900, source: 'default' });
  assert.equal(config.parallelMigrationsPerCluster, undefined, 'cluster-only settings are not policy fields');
  assert.equal(config.selectors, undefined);
});

test('null policy fields are unset (the API server prunes them) and keep the cluster value', () => {
  const config = effectiveConfiguration({ bandwidthPerMigration: null, allowPostCopy: null }, { bandwidthPerMigration: '1Gi' });
  assert.equal(config.bandwidthPerMigration.source, 'cluster');
  assert.deepEqual([config.allowPostCopy.source, config.allowWorkloadDisruption.source], ['default', 'default']);
});

test('allowWorkloadDisruption follows the policy\'s allowPostCopy when the policy leaves it unset', () => {
  assert.deepEqual(effectiveConfiguration({ allowPostCopy: true }, { allowWorkloadDisruption: false }).allowWorkloadDisruption, {
    path: 'allowWorkloadDisruption',
    value: true,
    source: 'policy',
    note: 'follows allowPostCopy when not set',
  });
  assert.deepEqual(linesOf(effectiveConfiguration({ allowPostCopy: true, allowWorkloadDisruption: false }, undefined), 'allowPostCopy=', 'allowWorkloadDisruption='), [
    'allowPostCopy=true (policy)',
    'allowWorkloadDisruption=false (policy)',
  ]);
  assert.deepEqual(linesOf(effectiveConfiguration({ allowWorkloadDisruption: true }, { allowPostCopy: false }), 'allowPostCopy=', 'allowWorkloadDisruption='), [
    'allowPostCopy=false (cluster)',
    'allowWorkloadDisruption=true (policy)',
  ]);
});

test('cluster-wide, allowWorkloadDisruption follows the CR\'s allowPostCopy unless the CR sets it', () => {
  assert.deepEqual(linesOf(effectiveConfiguration(undefined, { allowPostCopy: true }), 'allowPostCopy=', 'allowWorkloadDisruption='), [
    'allowPostCopy=true (cluster)',
    'allowWorkloadDisruption=true (cluster) [follows allowPostCopy when not set]',
  ]);
  assert.deepEqual(linesOf(effectiveConfiguration({}, { allowPostCopy: true, allowWorkloadDisruption: false }), 'allowPostCopy=', 'allowWorkloadDisruption='), [
    'allowPostCopy=true (cluster)',
    'allowWorkloadDisruption=false (cluster)',
  ]);
});

test('experimental options merge field by field over the cluster\'s, defaults filling the rest', () => {
  const config = effectiveConfiguration(
    { experimental: { compression: 'zstd', stallDetector: { stallMargin: 10, ewmaAlpha: '0.5' } } },
    { experimental: { stallDetector: { switchoverTimeout: 30, stallMargin: 2 } } },
  );
  assert.deepEqual(linesOf(config, 'experimental.'), [
    'experimental.compression=zstd (policy)',
    'experimental.stallDetector=on (policy)',
    'experimental.stallDetector.stallMargin=10 (policy)',
    'experimental.stallDetector.stallProgressTimeout=40 (default)',
    'experimental.stallDetector.switchoverTimeout=30 (cluster)',
    'experimental.stallDetector.ewmaAlpha=0.5 (policy)',
    'experimental.stallDetector.precopyPossibleFactor=1.5 (default)',
    'experimental.stallDetector.patienceWindowDecayFactor=0.5 (default)',
    'experimental.stallDetector.searchLocalMinima=true (default)',
    'experimental.stallDetector.completionTimeoutFactor=2 (default)',
    'experimental.downtimeTuning=off (default)',
  ]);
});

test('an empty experimental group in the policy still turns it on, with defaults', () => {
  const config = effectiveConfiguration({ experimental: { downtimeTuning: {} } }, undefined);
  assert.deepEqual(linesOf(config, 'experimental.downtimeTuning'), [
    'experimental.downtimeTuning=on (policy)',
    'experimental.downtimeTuning.initialMs=150 (default)',
    'experimental.downtimeTuning.steps=7 (default)',
    'experimental.downtimeTuning.startAfterIteration=3 (default)',
    'experimental.downtimeTuning.cooldownSeconds=10 (default)',
  ]);
  assert.equal(effectiveConfiguration(undefined, { experimental: { downtimeTuning: { steps: 3 } } })['experimental.downtimeTuning.steps'].source, 'cluster');
});
