// Text shared by the features that write for people (hover, inlay hints, lenses, the workload views):
// inline markup in Markdown or plain mode, and numbers of seconds as people read them. Counts, plurals
// and markdown-to-plain are server/src/text.ts (the client and the CLI write them too).
import { formatNumber, plainText } from '../text';

const MAX_SHOWN = 80;

/** Inline markup for one output mode: code spans and bold in markdown, bare text otherwise. */
export interface Markup {
  markdown: boolean;
  code(text: string): string;
  bold(text: string): string;
  /** Catalogue and policy texts are markdown; plain mode strips their markers. */
  doc(text: string): string;
}

export function markupFor(markdown: boolean): Markup {
  const shorten = (s: string) => {
    const oneLine = s.replace(/\r?\n/g, '↵');
    return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN)}…` : oneLine;
  };
  if (!markdown) return { markdown, code: shorten, bold: (s) => s, doc: (s) => plainText(s) };
  return {
    markdown,
    code: (s) => {
      const text = shorten(s);
      if (text === '') return '`""`';
      const fence = text.includes('`') ? '``' : '`';
      return fence.length > 1 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
    },
    bold: (s) => `**${s}**`,
    doc: (s) => s,
  };
}

/** A number of seconds with thousands separators and at most 3 decimals: `1,200`, `0.9`. */
export function formatSeconds(seconds: number): string {
  return formatNumber(seconds, 3);
}

/** A duration in the largest units that fit: `20 min`, `1 h 20 min`, `3 min 44 s`, `2 d 3 h`, `45 s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return `${seconds} s`;
  let rest = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${formatNumber(n)} ${unit}`);
  }
  return `${seconds < 0 ? '-' : ''}${parts.slice(0, 2).join(' ') || '0 s'}`;
}
