// Diagnostics fixtures: every file under test/fixtures/diagnostics carries its expected diagnostics
// as `^^^` annotations; the checker must produce exactly those (range, severity, code, message part).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { checkDiagnostics } from '../support/check';
import { model, repoRoot } from '../support/fixture';

export { checkDiagnostics };

const dir = path.join(repoRoot, 'test', 'fixtures', 'diagnostics');

for (const name of fs.readdirSync(dir).sort()) {
  test(`diagnostics fixture ${name}`, () => checkDiagnostics(fs.readFileSync(path.join(dir, name), 'utf8'), name));
}

test('a target KubeVirt version flags newer fields; known feature gates turn warnings into errors or silence', () => {
  const text = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata: {name: v}\nspec:\n  selectors: {virtualMachineInstanceSelector: {app: x}}\n  maxDowntimeMs: 300\n  allowWorkloadDisruption: true\n';
  const codes = (options: Parameters<typeof getFileDiagnostics>[1]) => getFileDiagnostics({ file: model(text) }, options).map((d) => `${d.range.start.line}:${d.range.start.character} ${['', 'error', 'warning', 'info'][d.severity ?? 0]} ${d.code}`);
  assert.deepEqual(codes({ kubevirtVersion: 'v1.4.0' }), ['5:2 warning field-too-new', '5:2 warning feature-gate', '6:2 warning field-too-new']);
  assert.deepEqual(codes({ kubevirtVersion: 'v1.9.0', featureGates: [] }), ['5:2 error feature-gate']);
  assert.deepEqual(codes({ featureGates: ['MigrationDowntimeTuning'] }), []);
  const denied = getFileDiagnostics({ file: model(text) }, { featureGates: ['LiveMigration'] }).find((d) => d.code === 'feature-gate');
  assert.equal(denied?.message, 'The admission webhook denies maxDowntimeMs: the cluster does not enable the MigrationStallDetection or MigrationDowntimeTuning feature gate ("maxDowntimeMs cannot be modified without enabling the MigrationStallDetection or MigrationDowntimeTuning feature gate"). Enable it in the KubeVirt CR\'s spec.configuration.developerConfiguration.featureGates.');
  const tooNew = getFileDiagnostics({ file: model(text) }, { kubevirtVersion: 'v1.8.0' }).find((d) => d.code === 'field-too-new');
  assert.equal(tooNew?.message, 'spec.maxDowntimeMs needs KubeVirt v1.9.0; the target version is v1.8.0, whose API server prunes or rejects it.');
});
