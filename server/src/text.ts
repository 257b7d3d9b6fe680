// Words for people, written one way everywhere (the CLI, the features, the VS Code client): counts
// with grouped thousands, plurals, and markdown turned into plain text. Imports nothing, so every
// layer and the client can use it (ARCHITECTURE.md invariant 12).

/** Grouped thousands, as people read them: `1,200` (what `toLocaleString('en-US')` writes, without its cost on every lens of a big file). */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : formatNumber(Math.round(n));
}

// Made on first use, not when the module loads: making the two costs 15-20 ms (ICU), on the path to
// the server's answer to initialize.
let enUs: Intl.NumberFormat | undefined;
let enUs3: Intl.NumberFormat | undefined;

/**
 * `n.toLocaleString('en-US')` (or with at most 3 decimals), the same text from a formatter made once:
 * toLocaleString makes a new one per call, 50-150 µs each, on the path of every hover.
 */
export function formatNumber(n: number, decimals?: 3): string {
  if (decimals) return (enUs3 ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 })).format(n);
  return (enUs ??= new Intl.NumberFormat('en-US')).format(n);
}

/** The word that goes with a count: `noun(1, 'VMI')` is `VMI`, `noun(2, 'policy', 'policies')` is `policies`. */
export function noun(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

/** A count as digits and its word: `1 VMI`, `48 VMIs`, `1200 policies` (the outline, hovers, findings, the CLI). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${noun(n, singular, pluralForm)}`;
}

/** A count with grouped thousands and its word: `1 VMI`, `1,200 policies` (code lenses, the status bar). */
export function groupedPlural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${noun(n, singular, pluralForm)}`;
}

/**
 * Markdown (the catalogue's docs, finding messages) as plain text, for places that show text raw (the
 * Problems panel, plain-text hovers, JSON Schema descriptions): bold markers go; code spans lose their
 * backticks (their text is kept as written) and a stray backtick becomes `'`, unless `keepCode` is set.
 */
export function plainText(markdown: string, options: { keepCode?: boolean } = {}): string {
  if (options.keepCode) return markdown.replace(/\*\*/g, '');
  return markdown.replace(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)|\*\*|`/g, (all: string, fence: string | undefined, code: string | undefined) => (fence ? (code as string) : all === '**' ? '' : "'"));
}
