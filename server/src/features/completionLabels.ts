// Completion of selector labels: keys and values known from the workspace or a cluster.
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver-types';
import type { CompletionItem } from 'vscode-languageserver-types';
import { validateLabelKey, validateLabelValue, WELL_KNOWN_LABEL_KEYS } from '../policy/labels';
import { LEGACY_SELECTOR_KEYS } from './selectorLabels';
import { edit, esc, markup } from './completionShared';
import type { Context, Site, Which } from './completionShared';

const MAX_LABEL_KEYS = 200;
const MAX_LABEL_PAIRS = 100;

interface KnownValue {
  value: string;
  counts: Map<string, number>;
  total: number;
}

interface KnownKey {
  key: string;
  counts: Map<string, number>;
  total: number;
  values: KnownValue[];
  byValue: Map<string, KnownValue>;
  doc?: string;
}

/** Valid known labels of one list grouped by key, most used first, with the well-known keys that apply. */
function knownKeys(ctx: Context, which: Which): KnownKey[] {
  const byKey = new Map<string, KnownKey>();
  for (const label of ctx.options.labels?.[which] ?? []) {
    if (LEGACY_SELECTOR_KEYS.has(label.key) || validateLabelKey(label.key).length > 0 || validateLabelValue(label.value).length > 0) continue;
    let known = byKey.get(label.key);
    if (!known) byKey.set(label.key, (known = { key: label.key, counts: new Map(), total: 0, values: [], byValue: new Map() }));
    let value = known.byValue.get(label.value);
    if (!value) {
      value = { value: label.value, counts: new Map(), total: 0 };
      known.values.push(value);
      known.byValue.set(label.value, value);
    }
    for (const c of [known.counts, value.counts]) c.set(label.source, (c.get(label.source) ?? 0) + label.count);
    known.total += label.count;
    value.total += label.count;
  }
  const keys = [...byKey.values()].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  for (const k of keys) k.values.sort((a, b) => b.total - a.total || (a.value < b.value ? -1 : 1));
  for (const w of WELL_KNOWN_LABEL_KEYS) {
    if (w.appliesTo !== which && w.appliesTo !== 'both') continue;
    const known = byKey.get(w.key);
    if (known) known.doc = w.doc;
    else keys.push({ key: w.key, counts: new Map(), total: 0, values: [], byValue: new Map(), doc: w.doc });
  }
  return keys;
}

/** Counts where completion lists show them (right of the label) and in the detail, never the label again. */
function counted(counts: string): Pick<CompletionItem, 'detail' | 'labelDetails'> {
  return { detail: counts, labelDetails: { description: counts } };
}

/** "14 VMIs, used by 2 policies": cluster-like sources count objects, the workspace counts policies. */
function describeCounts(counts: Map<string, number>, which: Which): string {
  const entries = [...counts].sort(([a], [b]) => Number(a === 'workspace') - Number(b === 'workspace') || (a < b ? -1 : a > b ? 1 : 0));
  return entries
    .map(([source, n]) => {
      if (source === 'workspace') return `used by ${n} ${n === 1 ? 'policy' : 'policies'}`;
      const noun = which === 'vmi' ? (n === 1 ? 'VMI' : 'VMIs') : n === 1 ? 'namespace' : 'namespaces';
      return `${n} ${noun}${source === 'cluster' ? '' : ` in ${source}`}`;
    })
    .join(', ');
}

// A label key resolving to a YAML 1.1 boolean/null or a number would not be a string key for kubectl.
export const yamlKey = (key: string) => (/^[A-Za-z][\w./-]*$/.test(key) && !/^(y|n|yes|no|on|off|true|false|null)$/i.test(key) ? key : JSON.stringify(key));

/**
 * Whether the text typed so far can still become `candidate`: its characters in order, ignoring case (a
 * superset of what editors' fuzzy filters keep). Long lists are narrowed by it before they are cut, so a
 * label past the cut shows up as the user types (the list is marked incomplete, and the client asks again).
 */
export function couldMatch(typed: string, candidate: string): boolean {
  const t = typed.replace(/^["']/, '').toLowerCase();
  const c = candidate.toLowerCase();
  let j = 0;
  for (let i = 0; i < c.length && j < t.length; i++) if (c[i] === t[j]) j++;
  return j === t.length;
}

export function labelKeyItems(ctx: Context, site: Site, which: Which): CompletionItem[] {
  const snippet = ctx.options.snippetSupport;
  const keys = knownKeys(ctx, which).filter((k) => !site.present.has(k.key) && couldMatch(site.typed, k.key));
  if (keys.length > MAX_LABEL_KEYS) ctx.incomplete = true;
  const items: CompletionItem[] = [];
  let pairs = 0;
  keys.slice(0, MAX_LABEL_KEYS).forEach((k, rank) => {
    const name = site.syntax === 'json' ? JSON.stringify(k.key) : yamlKey(k.key);
    const comma = site.comma ? ',' : '';
    const sort = String(rank).padStart(4, '0');
    const valueList = k.values.slice(0, 10).map((v) => `\`${v.value}\` (${describeCounts(v.counts, which)})`).join(', ');
    const doc = [k.doc, valueList && `Values in use: ${valueList}.`].filter(Boolean).join('\n\n');
    items.push({
      label: k.key,
      kind: CompletionItemKind.Property,
      // The list shows the label, then labelDetails.description: the counts are what matters here.
      ...counted(k.total > 0 ? describeCounts(k.counts, which) : 'well-known label key'),
      documentation: doc ? markup(doc, ctx.options.markdown) : undefined,
      sortText: `${sort}0`,
      filterText: site.syntax === 'json' && site.typed.startsWith('"') ? name : k.key,
      textEdit: edit(ctx, site, site.hasColon ? esc(name, snippet) : `${esc(name, snippet)}: ${snippet ? '"$1"' : ''}${comma}`),
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
    });
    if (site.hasColon) return;
    for (const [i, v] of k.values.entries()) {
      if (pairs++ >= MAX_LABEL_PAIRS) {
        ctx.incomplete = true;
        break;
      }
      const pair = `${name}: ${JSON.stringify(v.value)}`;
      items.push({
        label: `${k.key}: ${JSON.stringify(v.value)}`,
        kind: CompletionItemKind.Value,
        ...counted(describeCounts(v.counts, which)),
        documentation: k.doc ? markup(k.doc, ctx.options.markdown) : undefined,
        sortText: `${sort}1${String(i).padStart(4, '0')}`,
        filterText: site.syntax === 'json' && site.typed.startsWith('"') ? pair : `${k.key}: ${v.value}`,
        textEdit: edit(ctx, site, `${esc(pair, snippet)}${comma}`),
        insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        insertTextMode: InsertTextMode.asIs,
      });
    }
  });
  return items;
}

export function labelValueItems(ctx: Context, site: Site, which: Which, key: string): CompletionItem[] {
  const known = knownKeys(ctx, which).find((k) => k.key === key);
  if (!known) return [];
  const values = known.values.filter((v) => couldMatch(site.typed, v.value));
  if (values.length > MAX_LABEL_PAIRS) ctx.incomplete = true;
  return values.slice(0, MAX_LABEL_PAIRS).map((v, i) => {
    const quoted = JSON.stringify(v.value);
    return {
      label: quoted,
      kind: CompletionItemKind.Value,
      ...counted(describeCounts(v.counts, which)),
      sortText: String(i).padStart(4, '0'),
      filterText: /^["']/.test(site.typed) ? quoted : v.value,
      textEdit: edit(ctx, site, `${site.lead}${quoted}${site.comma ? ',' : ''}`),
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}
