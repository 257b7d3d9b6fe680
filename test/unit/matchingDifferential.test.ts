// Random differential test of matching: the engine (policy/matching.ts and the indexed cluster Inventory)
// against a transcription of KubeVirt's own matchPolicy/countMatchingLabels (test/support/kubevirtMatch.ts,
// kubevirt commit d923fdb815cd2016ddaebdaaa51db04133576d72) on seeded random clusters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Inventory } from '../../server/src/cluster/inventory';
import { policyInfoFromObject } from '../../server/src/cluster/objects';
import type { PolicyInfo } from '../../server/src/cluster/types';
import { labelsAtMigration, matchPolicy } from '../../server/src/policy/matching';
import * as kubevirt from '../support/kubevirtMatch';
import { prng } from '../support/random';

const KEYS = ['app', 'tier', 'team', 'env', 'kubernetes.io/metadata.name', 'x', 'a.b/c'];
const VALUES = ['db', 'web', 'prod', 'Prod', '', 'a', 'b'];
const workspace = { kind: 'workspace' as const, uri: 'file:///random.yaml' };

test('engine matching agrees with KubeVirt matchPolicy on random clusters (VMIs, namespaces, policies)', () => {
  const r = prng(1111);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const labels = (max: number): Record<string, string> => {
    const out: Record<string, string> = {};
    for (let i = Math.floor(r() * (max + 1)); i > 0; i--) out[pick(KEYS)] = pick(VALUES);
    return out;
  };
  let vmisChecked = 0;
  const disagreements: string[] = [];
  for (let cluster = 0; cluster < 600; cluster++) {
    const namespaces = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({ name: `ns${i}`, labels: { ...labels(3), 'kubernetes.io/metadata.name': `ns${i}` } }));
    const goPolicies: kubevirt.GoPolicy[] = [];
    const infos: PolicyInfo[] = [];
    const names = new Set<string>();
    for (let i = Math.floor(r() * 8); i >= 0; i--) {
      const name = pick(['a', 'b', 'a-b', 'a.b', 'policy-10', 'policy-9', 'zeta', 'alpha', 'p0', 'p1']) + (r() < 0.3 ? `-${i}` : '');
      if (names.has(name)) continue;
      names.add(name);
      const none = r() < 0.05;
      const ns = r() < 0.2 ? null : labels(2);
      const vmi = r() < 0.2 ? null : labels(3);
      goPolicies.push({ name, selectors: none ? null : { namespaceSelector: ns, virtualMachineInstanceSelector: vmi } });
      const selectors: Record<string, unknown> = {};
      if (ns) selectors.namespaceSelector = ns;
      if (vmi) selectors.virtualMachineInstanceSelector = vmi;
      const info = policyInfoFromObject({ apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name }, spec: none ? {} : { selectors } }, workspace);
      assert.ok(info);
      infos.push(info);
    }
    const vmis = Array.from({ length: Math.floor(r() * 25) }, (_, i) => ({ namespace: pick(namespaces).name, name: `vmi${i}`, labels: labels(4) }));
    const inventory = new Inventory({ namespaces, vmis, policies: infos });
    const evaluation = inventory.evaluate();
    inventory.vmis.forEach((vmi, i) => {
      const nsLabels = namespaces.find((n) => n.name === vmi.namespace)?.labels ?? null;
      const atMigration = labelsAtMigration(vmi.labels);
      const expected = kubevirt.matchPolicy(goPolicies, { ...atMigration }, nsLabels)?.name ?? null;
      const engine = matchPolicy(infos, atMigration, nsLabels ?? {})?.policy.name ?? null;
      const indexed = evaluation.winnerOf(i)?.name ?? null;
      vmisChecked++;
      if (engine !== expected || indexed !== expected) disagreements.push(`cluster ${cluster} ${vmi.namespace}/${vmi.name} ${JSON.stringify(vmi.labels)}: KubeVirt ${expected}, matchPolicy ${engine}, Inventory ${indexed}`);
    });
  }
  assert.ok(vmisChecked > 5000, `only ${vmisChecked} VMIs`);
  assert.deepEqual(disagreements.slice(0, 10), []);
});
