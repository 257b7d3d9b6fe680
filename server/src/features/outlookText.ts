// What a migration configuration means for a VM, in words: memory, the completion timeout with
// KubeVirt's rounding, the least copy time at the bandwidth cap and the warnings (policy/outlook.ts
// computes them). Shared by the VM hover and the policy hover (the largest VMs a policy wins).
import type { PolicyInfo } from '../cluster/types';
import { effectiveConfiguration } from '../policy/effective';
import { formatSeconds, migrationOutlook } from '../policy/outlook';
import type { MigrationOutlook } from '../policy/outlook';
import { formatBandwidth } from '../policy/quantity';
import type { Markup } from './markup';

/** A VM or VMI a policy wins, with its memory, for the policy hover. */
export interface SizedVm {
  /** `prod/db-1` and where it is: `cluster`, or a workspace file. */
  label: string;
  memory: { memory: string; source: MigrationOutlook['memorySource'] };
}

/** How many of the largest VMs the policy hover works the figures out for. */
export const LARGEST_SHOWN = 3;

/** The figures of an outlook in words (shared with the policy hover). */
export function outlookLines(o: MigrationOutlook, m: Markup, under: string): string[] {
  const gb = (o.memoryBytes / 1e9).toFixed(2).replace(/\.?0+$/, '');
  const lines = [
    `${m.bold('What it means')} (under ${m.markdown ? under : under.replace(/`/g, '')}):`,
    `- memory ${m.code(o.memory)} (${m.code(o.memorySource)}) = ${gb} GB, counted as ${o.dataSizeGB} GB (KubeVirt rounds up to whole decimal GB)`,
    o.completionTimeoutSeconds === 0
      ? `- completion timeout: none (${m.code('completionTimeoutPerGiB')} ${o.completionTimeoutPerGiB} × ${o.dataSizeGB} = 0 disables it)`
      : `- completion timeout: ${o.completionTimeoutPerGiB} s × ${o.dataSizeGB} = ${o.completionTimeoutSeconds} s (${formatSeconds(o.completionTimeoutSeconds)}); then ${o.onTimeout}`,
    o.copySeconds === undefined ? '- bandwidth: no cap, so the copy time depends on the network' : `- one full copy at the cap (${formatBandwidth(o.bandwidthBytesPerSecond)}) takes at least ${formatSeconds(o.copySeconds)}`,
  ];
  for (const warning of o.warnings) lines.push(`- ${m.markdown ? '⚠ ' : 'warning: '}${warning}`);
  return [lines.join('\n')];
}

/**
 * The policy hover's section: the figures for the largest VMs (by memory) the policy wins, under the
 * policy's effective configuration. `vms` are the VMs it wins whose memory is known.
 */
export function describeLargestWins(policySpec: PolicyInfo['spec'] | undefined, kubevirtMigrations: Readonly<Record<string, unknown>> | undefined, vms: readonly SizedVm[], m: Markup): string[] {
  const effective = effectiveConfiguration(policySpec, kubevirtMigrations);
  const sized = vms.flatMap((vm) => {
    const outlook = migrationOutlook(vm.memory, effective);
    return outlook ? [{ vm, outlook }] : [];
  });
  sized.sort((a, b) => b.outlook.memoryBytes - a.outlook.memoryBytes || (a.vm.label < b.vm.label ? -1 : 1));
  if (!sized.length) return [];
  const sections = [`${m.bold('For the largest VMs it wins')} (${sized.length} with known memory):`];
  for (const { vm, outlook } of sized.slice(0, LARGEST_SHOWN)) {
    const copy = outlook.copySeconds === undefined ? 'no bandwidth cap' : `one full copy ≥ ${formatSeconds(outlook.copySeconds)}`;
    const timeout = outlook.completionTimeoutSeconds === 0 ? 'no completion timeout' : `timeout ${formatSeconds(outlook.completionTimeoutSeconds)} (${outlook.completionTimeoutPerGiB} s × ${outlook.dataSizeGB} GB)`;
    const warn = outlook.warnings.length ? ` · ${m.markdown ? '⚠ ' : 'warning: '}${outlook.risk === 'certain' ? 'will time out' : 'timeout likely'} with ${[outlook.warnings.some((w) => w.startsWith('post-copy')) ? 'post-copy' : '', outlook.warnings.some((w) => w.startsWith('auto-converge')) ? 'auto-converge' : ''].filter(Boolean).join(' and ')} off` : '';
    sections.push(`- ${m.code(vm.label)}: ${m.code(outlook.memory)} → ${timeout} · ${copy}${warn}`);
  }
  return [sections.join('\n')];
}
