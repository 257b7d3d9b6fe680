// Shared by the benchmarks that type into the generated 2,000-document file (lsp.ts, garbage.ts): where to
// edit, and the quantile both report.
import type { FleetFile } from './inputs';

/** The sample at quantile q (0.5 for p50, 0.95 for p95), NaN when there is none. */
export const quantile = (samples: number[], q: number): number => {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

export function lineText(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end);
}

/** Documents to edit: the middle of the file onward, skipping lines a digit cannot be appended to. */
export function editTargets(file: FleetFile, which: 'timeoutLine' | 'selectorLine'): { line: number; end: number }[] {
  const lines = file[which];
  const from = Math.floor(lines.length / 2);
  const result: { line: number; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[(from + i) % lines.length];
    const text = lineText(file.text, line);
    if (!text.includes('"')) result.push({ line, end: text.length });
  }
  return result;
}
