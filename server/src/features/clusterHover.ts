// Hover sections that need cluster data: how many namespaces or VMIs carry a selector entry, and on
// the policy's name the effective migration configuration (KubeVirt CR merged with the policy).
import { toJson } from '../document/json';
import { getPair, keyText, stringValue } from '../document/model';
import type { MapNode } from '../document/model';
import type { NodeLocation } from '../document/path';
import { effectiveConfiguration, formatEffectiveValue } from '../policy/effective';
import type { ClusterView } from './clusterView';
import { describeClusterState } from './codeLens';
import type { Markup } from './markup';
import { noun, plural } from '../text';

const SOURCE_WORDS = { policy: 'this policy', cluster: 'KubeVirt CR', default: 'KubeVirt default' } as const;

/** Extra hover sections from the cluster view for the key or value under the cursor. */
export function describeClusterContext(location: NodeLocation, policy: MapNode, view: ClusterView, m: Markup): string[] {
  const inventory = view.inventory;
  const path = location.path;
  const state = describeClusterState(view.status);
  const from = state ? ` (${state})` : '';
  if (!inventory) return state ? [`Cluster: ${state}.`] : [];
  if (path.length === 4 && path[0] === 'spec' && path[1] === 'selectors' && location.pair) {
    const key = keyText(location.pair);
    const value = stringValue(location.pair.value);
    if (key === undefined || value === undefined) return [];
    if (path[2] === 'namespaceSelector') {
      const count = inventory.namespaces.filter((n) => n.labels[key] === value).length;
      const vmis = inventory.matches({ name: '', hasSelectors: true, namespaceSelector: { [key]: value }, vmiSelector: {} }).length;
      return [`In the cluster${from}: ${plural(count, 'namespace')} ${noun(count, 'carries', 'carry')} ${m.code(`${key}=${value}`)}, holding ${plural(vmis, 'VMI')}.`];
    }
    if (path[2] === 'virtualMachineInstanceSelector') {
      const vmis = inventory.matches({ name: '', hasSelectors: true, namespaceSelector: {}, vmiSelector: { [key]: value } }).length;
      return [`In the cluster${from}: ${plural(vmis, 'VMI')} ${noun(vmis, 'carries', 'carry')} ${m.code(`${key}=${value}`)}.`];
    }
  }
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'name') {
    const spec = toJson(getPair(policy, 'spec')?.value ?? null);
    const effective = effectiveConfiguration(spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : undefined, inventory.kubevirt?.migrations);
    const rows = Object.values(effective).map((f) => ({ path: f.path, value: formatEffectiveValue(f), source: SOURCE_WORDS[f.source], note: f.note }));
    const heading = `${m.bold('Effective migration configuration')} for the VMIs this policy wins${from}:`;
    if (m.markdown) {
      const table = ['| field | value | from |', '|---|---|---|', ...rows.map((r) => `| ${m.code(r.path)} | ${m.code(r.value)} | ${r.source === 'this policy' ? m.bold('overridden here') : `inherited (${r.source})`}${r.note ? `; ${r.note}` : ''} |`)];
      return [heading, table.join('\n')];
    }
    return [heading, rows.map((r) => `${r.path} = ${r.value} (${r.source === 'this policy' ? 'overridden here' : `inherited from the ${r.source}`}${r.note ? `; ${r.note}` : ''})`).join('\n')];
  }
  return [];
}
