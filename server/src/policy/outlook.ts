// What a migration configuration means for one VM: the completion timeout KubeVirt computes from the
// guest's memory, the least time one full copy of that memory takes at the bandwidth cap, and whether
// a timeout is likely with post-copy or auto-converge off. Pure arithmetic over the effective
// configuration (policy/effective.ts) and the memory quantity (policy/quantity.ts).
import type { EffectiveConfiguration } from './effective';
import { effectiveBandwidthBytes, parseQuantity, quantityIsNegative, quantityToNumber } from './quantity';

/** How likely the completion timeout is, judged from one full copy at the bandwidth cap. */
export type TimeoutRisk = 'certain' | 'likely' | 'low' | 'unknown';

export interface MigrationOutlook {
  /** The guest memory as written, and where it was read from. */
  memory: string;
  memorySource: 'spec.domain.memory.guest' | 'spec.domain.resources.requests.memory' | 'the cluster\'s VMI spec';
  memoryBytes: number;
  /** The data size KubeVirt counts: the memory in decimal GB (10^9 bytes), rounded up. */
  dataSizeGB: number;
  completionTimeoutPerGiB: number;
  /** completionTimeoutPerGiB × dataSizeGB, in seconds. */
  completionTimeoutSeconds: number;
  /** The bandwidth cap KubeVirt applies, bytes per second; 0 means no cap. */
  bandwidthBytesPerSecond: number;
  /** The least time one full copy of the memory takes at the cap; undefined with no cap. */
  copySeconds?: number;
  risk: TimeoutRisk;
  /** What happens when the timeout fires, in words. */
  onTimeout: string;
  /** Warnings: post-copy or auto-converge off while a timeout is likely or certain. */
  warnings: string[];
}

/** A pre-copy that needs more than half the timeout for its first pass rarely finishes a busy guest in time. */
const LIKELY_FRACTION = 0.5;

/** The memory a VMI spec declares: `domain.memory.guest`, else `domain.resources.requests.memory`. */
// pkg/virt-launcher/virtwrap/live-migration-source.go getVMIMigrationDataSize: requests first, guest overrides
export function guestMemory(vmiSpec: unknown): { memory: string; source: MigrationOutlook['memorySource'] } | undefined {
  const domain = objectAt(objectAt(vmiSpec, 'spec'), 'domain');
  const guest = objectAt(domain, 'memory').guest;
  if (typeof guest === 'string' || typeof guest === 'number') return { memory: String(guest), source: 'spec.domain.memory.guest' };
  const requested = objectAt(objectAt(domain, 'resources'), 'requests').memory;
  if (typeof requested === 'string' || typeof requested === 'number') return { memory: String(requested), source: 'spec.domain.resources.requests.memory' };
  return undefined;
}

/**
 * The completion timeout for a memory size: KubeVirt multiplies `completionTimeoutPerGiB` by the memory
 * in **decimal** GB rounded up (`Quantity.ScaledValue(resource.Giga)`), so 8Gi (8.59 GB) counts as 9.
 */
// pkg/virt-launcher/virtwrap/live-migration-source.go: acceptableCompletionTime := completionTimeoutPerGiB * getVMIMigrationDataSize(vmi)
export function completionTimeout(memoryBytes: number, perGiB: number): { dataSizeGB: number; seconds: number } {
  const dataSizeGB = Math.ceil(memoryBytes / 1e9);
  return { dataSizeGB, seconds: perGiB * dataSizeGB };
}

/**
 * The outlook for a VM with `memory` under an effective configuration, or undefined when the memory
 * is not a positive quantity or the timeout is not a non-negative integer.
 */
export function migrationOutlook(memory: { memory: string; source: MigrationOutlook['memorySource'] }, effective: EffectiveConfiguration): MigrationOutlook | undefined {
  const parsed = parseQuantity(memory.memory);
  if (!parsed.ok || quantityIsNegative(parsed.quantity)) return undefined;
  const memoryBytes = quantityToNumber(parsed.quantity);
  const perGiB = effective.completionTimeoutPerGiB?.value;
  if (!(memoryBytes > 0) || !Number.isFinite(memoryBytes) || typeof perGiB !== 'number' || !Number.isInteger(perGiB) || perGiB < 0) return undefined;
  const { dataSizeGB, seconds } = completionTimeout(memoryBytes, perGiB);
  const bandwidth = effective.bandwidthPerMigration?.value;
  const bandwidthQuantity = typeof bandwidth === 'string' || typeof bandwidth === 'number' ? parseQuantity(String(bandwidth)) : undefined;
  const bandwidthBytesPerSecond = bandwidthQuantity?.ok ? effectiveBandwidthBytes(String(bandwidth)).bytesPerSecond : 0;
  const copySeconds = bandwidthBytesPerSecond > 0 ? memoryBytes / bandwidthBytesPerSecond : undefined;
  // live-migration-source.go shouldTriggerTimeout: an acceptableCompletionTime of 0 never fires
  const risk: TimeoutRisk = seconds === 0 ? 'low' : copySeconds === undefined ? 'unknown' : copySeconds >= seconds ? 'certain' : copySeconds >= seconds * LIKELY_FRACTION ? 'likely' : 'low';
  const postCopy = effective.allowPostCopy?.value === true;
  const autoConverge = effective.allowAutoConverge?.value === true;
  const disruption = effective.allowWorkloadDisruption?.value === true;
  // live-migration-source.go shouldAssistMigrationToComplete: with allowWorkloadDisruption, post-copy if allowed else pause; otherwise abort
  const onTimeout = seconds === 0 ? 'nothing happens: a completion timeout of 0 is never enforced' : disruption ? (postCopy ? 'the migration switches to post-copy' : 'the VMI is paused so the copy can finish') : 'the migration is cancelled';
  const warnings: string[] = [];
  if (seconds > 0 && (risk === 'certain' || risk === 'likely')) {
    const why = risk === 'certain' ? 'one full copy at the bandwidth cap takes longer than the completion timeout' : 'one full copy at the bandwidth cap takes more than half the completion timeout';
    if (!postCopy || !disruption) warnings.push(`post-copy is ${postCopy ? 'allowed but allowWorkloadDisruption is off' : 'off'} and ${why}: when the timeout fires ${onTimeout}.`);
    if (!autoConverge) warnings.push(`auto-converge is off and ${why}: nothing throttles a guest that dirties memory faster than it is copied.`);
  }
  return { memory: memory.memory, memorySource: memory.source, memoryBytes, dataSizeGB, completionTimeoutPerGiB: perGiB, completionTimeoutSeconds: seconds, bandwidthBytesPerSecond, ...(copySeconds !== undefined ? { copySeconds } : {}), risk, onTimeout, warnings };
}

/** `45 s`, `22 min 30 s`, `1 h 5 min`. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${seconds < 10 && !Number.isInteger(seconds) ? Number(seconds.toFixed(1)) : s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h) return `${h} h${m ? ` ${m} min` : ''}`;
  return `${m} min${rest ? ` ${rest} s` : ''}`;
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
}
