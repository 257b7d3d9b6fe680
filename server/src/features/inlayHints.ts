// Inlay hints for MigrationPolicy documents: what a bandwidth, completion timeout or downtime value
// means, written right after the value (`= 64 MiB/s · 537 Mbit/s`). Only documents and policies
// that intersect the requested range are looked at, so huge files stay cheap.
import { completionTimeout } from '../policy/outlook';
import type { InlayHint } from 'vscode-languageserver-types';
import type { ParsedFile } from '../document/file';
import { deref, getPair } from '../document/model';
import type { MapNode, ScalarNode } from '../document/model';
import { findPolicies } from '../document/policies';
import { findField } from '../policy/catalog';
import { effectiveBandwidthBytes, isValidQuantity, parseQuantity, quantityIsNegative, quantityToNumber } from '../policy/quantity';
import { formatDuration, formatSeconds } from './markup';
import { formatCount } from '../text';

export interface InlayHintOptions {
  /** Hints after `bandwidthPerMigration`. */
  bandwidth: boolean;
  /** Hints after `completionTimeoutPerGiB` and `maxDowntimeMs`. */
  timeout: boolean;
}

/** The VMI size the completion-timeout hint is worked out for. */
const HINT_SIZE_GIB = 8;
const MIB = 1048576;
const MAX_DOWNTIME = findField(['spec', 'maxDowntimeMs']);

/**
 * Inlay hints for the values of bandwidthPerMigration, completionTimeoutPerGiB and maxDowntimeMs of
 * every MigrationPolicy in the file, positioned right after the value, for hints within `range`
 * (file offsets, inclusive). Invalid values get no hint. Never throws.
 */
export function getInlayHints(document: Pick<ParsedFile, 'file' | 'lines'>, range: { start: number; end: number }, options: InlayHintOptions): InlayHint[] {
  const { file, lines } = document;
  const hints: { offset: number; label: string }[] = [];
  const documents = file.documents;
  for (let i = 0; i < documents.length; i++) {
    const offset = documents[i].offset;
    if (offset > range.end) break;
    if ((i + 1 < documents.length ? documents[i + 1].offset : file.text.length) < range.start) continue;
    const model = documents[i].model;
    const seen = new Set<MapNode>();
    for (const policy of findPolicies(model.root)) {
      if (seen.has(policy) || offset + policy.span.start > range.end || offset + policy.span.end < range.start) continue;
      seen.add(policy);
      const spec = deref(getPair(policy, 'spec')?.value);
      if (!spec || spec.kind !== 'map') continue;
      const add = (name: string, label: (value: ScalarNode) => string | undefined) => {
        const written = getPair(spec, name)?.value ?? null;
        const value = deref(written);
        if (!written || !value || value.kind !== 'scalar' || value.style === 'block') return;
        const at = offset + written.span.end;
        if (at < range.start || at > range.end) return;
        const text = label(value);
        if (text) hints.push({ offset: at, label: text });
      };
      if (options.bandwidth) add('bandwidthPerMigration', bandwidthLabel);
      if (options.timeout) {
        add('completionTimeoutPerGiB', timeoutLabel);
        add('maxDowntimeMs', downtimeLabel);
      }
    }
  }
  return hints.sort((a, b) => a.offset - b.offset).map(({ offset, label }) => ({ position: lines.positionAt(offset), label, paddingLeft: true }));
}

/** `= 64 MiB/s · 537 Mbit/s`, `= unlimited`, `= 1 MiB/s (raised from 1 KiB/s)`; undefined when invalid. */
export function bandwidthLabel(value: ScalarNode): string | undefined {
  if (value.type !== 'string' && value.type !== 'integer') return undefined;
  const text = String(value.value);
  if (!isValidQuantity(text)) return undefined;
  const parsed = parseQuantity(text);
  if (!parsed.ok || quantityIsNegative(parsed.quantity)) return undefined;
  const written = quantityToNumber(parsed.quantity);
  const { bytesPerSecond, fails } = effectiveBandwidthBytes(text);
  // mirrors kubevirt pkg/virt-launcher/virtwrap/converter/vcpu QuantityToByte (via effectiveBandwidthBytes)
  if (fails) return '= migrations fail (virt-launcher cannot convert it)';
  if (written === 0) return '= unlimited';
  if (bytesPerSecond === 0) return `= unlimited (${text} is below 1 byte/s)`;
  if (!Number.isFinite(written) || written >= 2 ** 63) return `= ${binaryRate(bytesPerSecond)} · ${bitRate(bytesPerSecond)} (after KubeVirt's 64-bit conversion)`;
  if (written < MIB) return `= 1 MiB/s (raised from ${writtenRate(written, MIB)})`;
  const main = `= ${binaryRate(bytesPerSecond)} · ${bitRate(bytesPerSecond)}`;
  return bytesPerSecond === written ? main : `${main} (rounded from ${writtenRate(written, bytesPerSecond)})`;
}

/** The written rate of "raised from" or "rounded from": in bytes when two decimals would show it as the applied rate. */
function writtenRate(written: number, applied: number): string {
  const shown = binaryRate(written);
  return shown === binaryRate(applied) ? `${formatCount(written)} bytes/s` : shown;
}

/** `s/GiB · 8 GiB → 22 min 30 s` (KubeVirt counts 8 GiB as 9 decimal GB); undefined for negative or non-integer values. */
export function timeoutLabel(value: ScalarNode): string | undefined {
  if (value.type !== 'integer' || typeof value.value !== 'number' || value.value < 0) return undefined;
  if (value.value === 0) return 's/GiB · no completion timeout';
  return `s/GiB · ${HINT_SIZE_GIB} GiB → ${formatDuration(completionTimeout(HINT_SIZE_GIB * 2 ** 30, value.value).seconds)}`;
}

/** `= 0.9 s`; undefined outside the allowed range. */
export function downtimeLabel(value: ScalarNode): string | undefined {
  if (value.type !== 'integer' || typeof value.value !== 'number') return undefined;
  const n = value.value;
  if (n < (MAX_DOWNTIME?.min ?? 1) || n > (MAX_DOWNTIME?.max ?? Infinity)) return undefined;
  return `= ${formatSeconds(n / 1000)} s`;
}

function scaled(x: number, base: number, units: readonly string[], significant: boolean): string {
  let i = 0;
  for (; i < units.length - 1 && x >= base; i++) x /= base;
  let shown = significant ? Number(x.toPrecision(3)) : Number(x.toFixed(2));
  if (shown >= base && i < units.length - 1) {
    shown = significant ? Number((shown / base).toPrecision(3)) : Number((shown / base).toFixed(2));
    i++;
  }
  return `${shown} ${units[i]}`;
}

function binaryRate(bytes: number): string {
  return scaled(bytes, 1024, ['bytes/s', 'KiB/s', 'MiB/s', 'GiB/s', 'TiB/s', 'PiB/s', 'EiB/s'], false);
}

function bitRate(bytes: number): string {
  return scaled(bytes * 8, 1000, ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s', 'Pbit/s', 'Ebit/s'], true);
}
