// The small cluster the evaluation tests read by hand: vm-1 {app: db, tier: gold}, vm-2 {app: web},
// vm-3 {app: db}, and four cluster policies. `gold` (app=db, tier=gold: 2 labels) wins vm-1 over `db`
// (1 label); `db` wins vm-3; `web` wins vm-2; `cache` matches nothing. Precedence (KubeVirt's matchPolicy:
// more matching labels win, then the policy name): gold, then the 1-label policies by name: cache, db, web.
import { NAMESPACE_NAME_LABEL } from '../../server/src/cluster/inventory';
import { policyInfoFromObject } from '../../server/src/cluster/objects';
import type { ClusterData, PolicyInfo } from '../../server/src/cluster/types';

/** A cluster MigrationPolicy with this VMI selector (and spec fields). */
export const policy = (name: string, vmi: Record<string, string>, spec: Record<string, unknown> = {}): PolicyInfo =>
  policyInfoFromObject({ kind: 'MigrationPolicy', metadata: { name }, spec: { ...spec, selectors: { virtualMachineInstanceSelector: vmi } } }, { kind: 'cluster' }) as PolicyInfo;

/** The three VMIs and four policies above, with `extra` policies after them. */
export function threeVmiCluster(extra: PolicyInfo[] = []): ClusterData {
  return {
    namespaces: [{ name: 'a', labels: { [NAMESPACE_NAME_LABEL]: 'a' } }],
    vmis: [
      { namespace: 'a', name: 'vm-1', labels: { app: 'db', tier: 'gold' } },
      { namespace: 'a', name: 'vm-2', labels: { app: 'web' } },
      { namespace: 'a', name: 'vm-3', labels: { app: 'db' } },
    ],
    policies: [policy('cache', { app: 'cache' }), policy('db', { app: 'db' }), policy('gold', { app: 'db', tier: 'gold' }), policy('web', { app: 'web' }), ...extra],
  };
}
