// Document symbols (outline): one symbol per MigrationPolicy with a one-line summary, its fields as
// children, selector maps with their label entries. Other documents get nothing. Aliases are shown
// as leaves and never expanded, and the tree is bounded in depth and size.
import { SymbolKind } from 'vscode-languageserver-types';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import type { LineIndex, ParsedFile } from '../document/file';
import { deref, getPair, keyText, stringValue } from '../document/model';
import type { MapNode, Node, Pair, Span } from '../document/model';
import { findPolicies } from '../document/policies';
import { plural } from '../text';

const MAX_DEPTH = 12;
const MAX_SYMBOLS = 5000;
const MAX_DETAIL = 60;

const SELECTOR_MAPS = new Set(['namespaceSelector', 'virtualMachineInstanceSelector']);

/** The outline of a file: its MigrationPolicies (also List items), with exact ranges. */
export function getDocumentSymbols(document: Pick<ParsedFile, 'file' | 'lines'>): DocumentSymbol[] {
  const { file, lines } = document;
  const builder = new SymbolBuilder(lines);
  const result: DocumentSymbol[] = [];
  for (const { offset, model } of file.documents) {
    // A chart template's document holds its masked text; names and details show what is written.
    const text = model.template ? file.text.slice(offset, offset + model.text.length) : model.text;
    for (const policy of findPolicies(model.root)) result.push(builder.policy(policy, text, offset, model.template ? text : undefined));
  }
  return result;
}


/**
 * The one-line summary of a policy: "2 VMI labels · 1 namespace label · 64Mi". A chart template's document
 * text is masked: pass `text`, the document as written, to show its values as written.
 */
export function summarizePolicy(policy: MapNode, text?: string): string {
  const spec = deref(getPair(policy, 'spec')?.value);
  if (!spec || spec.kind !== 'map') return 'no spec';
  const parts: string[] = [];
  const selectors = deref(getPair(spec, 'selectors')?.value);
  const count = (name: string) => {
    const map = selectors?.kind === 'map' ? deref(getPair(selectors, name)?.value) : null;
    return map?.kind === 'map' ? map.pairs.length : 0;
  };
  const vmi = count('virtualMachineInstanceSelector');
  const namespace = count('namespaceSelector');
  if (vmi) parts.push(plural(vmi, 'VMI label'));
  if (namespace) parts.push(plural(namespace, 'namespace label'));
  if (selectors?.kind === 'map' && !vmi && !namespace) parts.push('matches every VMI');
  const scalar = (name: string) => {
    const n = deref(getPair(spec, name)?.value);
    return n?.kind === 'scalar' && n.type !== 'null' ? n : undefined;
  };
  const bandwidth = scalar('bandwidthPerMigration');
  const written = (n: { text: string; span: Span }) => (text === undefined ? n.text : text.slice(n.span.start, n.span.end));
  if (bandwidth) parts.push(written(bandwidth));
  const timeout = scalar('completionTimeoutPerGiB');
  if (timeout) parts.push(`${written(timeout)}s/GiB`);
  if (scalar('allowPostCopy')?.value === true) parts.push('post-copy');
  if (scalar('allowAutoConverge')?.value === true) parts.push('auto-converge');
  if (scalar('allowWorkloadDisruption')?.value === true) parts.push('workload disruption');
  return parts.join(' · ');
}

class SymbolBuilder {
  private count = 0;

  constructor(private readonly lines: LineIndex) {}

  /** `written`: the text as written, when the model's text is a masked template. */
  policy(policy: MapNode, text: string, offset: number, written?: string): DocumentSymbol {
    const metadata = deref(getPair(policy, 'metadata')?.value);
    const nameNode = metadata?.kind === 'map' ? getPair(metadata, 'name')?.value ?? null : null;
    const name = nameNode && text.slice(nameNode.span.start, nameNode.span.end).includes('{{') ? text.slice(nameNode.span.start, nameNode.span.end) : stringValue(nameNode);
    const range = this.range(text, offset, policy.span);
    const inside = nameNode && nameNode.kind !== 'alias' && nameNode.span.start >= policy.span.start && nameNode.span.end <= policy.span.end;
    const selection = inside ? this.range(text, offset, nameNode.span) : this.range(text, offset, policy.pairs[0]?.key?.span ?? policy.span);
    this.count++;
    return {
      name: name || '(unnamed policy)',
      detail: summarizePolicy(policy, written),
      kind: SymbolKind.Class,
      range,
      selectionRange: selection,
      children: this.children(policy, text, offset, [], 0),
    };
  }

  private children(map: MapNode, text: string, offset: number, path: string[], depth: number): DocumentSymbol[] {
    const result: DocumentSymbol[] = [];
    if (depth >= MAX_DEPTH) return result;
    for (const pair of map.pairs) {
      if (this.count >= MAX_SYMBOLS) break;
      const symbol = this.pair(pair, text, offset, path, depth);
      if (symbol) result.push(symbol);
    }
    return result;
  }

  private pair(pair: Pair, text: string, offset: number, path: string[], depth: number): DocumentSymbol | undefined {
    const name = keyText(pair) ?? (pair.key?.kind === 'scalar' ? pair.key.text : undefined);
    if (!name) return undefined;
    this.count++;
    const value = pair.value;
    const isLabel = path.length > 0 && SELECTOR_MAPS.has(path[path.length - 1]);
    const symbol: DocumentSymbol = {
      name,
      kind: isLabel ? SymbolKind.Key : kindOf(value),
      range: this.range(text, offset, pair.span),
      selectionRange: this.range(text, offset, pair.key?.span ?? pair.span),
    };
    const detail = this.detail(value, text);
    if (detail) symbol.detail = detail;
    if (value?.kind === 'map') symbol.children = this.children(value, text, offset, [...path, name], depth + 1);
    else if (value?.kind === 'seq') symbol.children = this.items(value.items, text, offset, [...path, name], depth + 1);
    return symbol;
  }

  private items(items: Node[], text: string, offset: number, path: string[], depth: number): DocumentSymbol[] {
    const result: DocumentSymbol[] = [];
    if (depth >= MAX_DEPTH) return result;
    items.forEach((item, i) => {
      if (this.count >= MAX_SYMBOLS || (item.kind !== 'map' && item.kind !== 'seq')) return;
      this.count++;
      const range = this.range(text, offset, item.span);
      const symbol: DocumentSymbol = { name: String(i), kind: kindOf(item), range, selectionRange: range };
      if (item.kind === 'map') symbol.children = this.children(item, text, offset, [...path, String(i)], depth + 1);
      result.push(symbol);
    });
    return result;
  }

  private detail(value: Node | null, text: string): string | undefined {
    if (!value) return undefined;
    if (value.kind === 'alias') return `*${value.name}`;
    if (value.kind === 'map') return value.pairs.length ? undefined : '{}';
    if (value.kind === 'seq') return plural(value.items.length, 'item');
    const written = text.slice(value.span.start, value.span.end).replace(/\s+/g, ' ').trim();
    return written.length > MAX_DETAIL ? `${written.slice(0, MAX_DETAIL - 1)}…` : written;
  }

  /** The LSP range of a span, without the trailing newlines a block value's span carries. */
  private range(text: string, offset: number, span: Span): Range {
    let end = span.end;
    while (end > span.start && /\s/.test(text[end - 1])) end--;
    return this.lines.range(offset, { start: span.start, end });
  }
}

function kindOf(value: Node | null): SymbolKind {
  if (value?.kind === 'map') return SymbolKind.Object;
  if (value?.kind === 'seq') return SymbolKind.Array;
  return SymbolKind.Property;
}
