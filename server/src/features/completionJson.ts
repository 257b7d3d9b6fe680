// Completion in JSON: the site from the model and the characters around the cursor.
import type { CompletionItem } from 'vscode-languageserver-types';
import { deref, keyText } from '../document/model';
import type { DocumentModel, Node, Pair } from '../document/model';
import type { Context, Site } from './completionShared';
import { isPolicyInModel } from './completionYaml';
import { itemsFor } from './completionItems';
import { newPolicyItem } from './completionTemplate';

export function completeJson(ctx: Context, model: DocumentModel, rel: number): CompletionItem[] {
  const text = model.text;
  const isWord = (c: string | undefined) => c !== undefined && !/[\s"{}[\],:]/.test(c);
  let s = rel;
  while (s > 0 && isWord(text[s - 1])) s--;
  let e = rel;
  while (e < text.length && isWord(text[e])) e++;
  let start = s;
  let end = e;
  if (text[s - 1] === '"') {
    start = s - 1;
    if (text[e] === '"') end = e + 1;
  }
  if (text.slice(0, start).trim() === '' && text.slice(end).trim() === '' && start === s) return [newPolicyItem(ctx, start, end, 'json')];
  const before = previousNonSpace(text, start);
  const after = nextNonSpace(text, end);
  const container = containerAt(text, model.root, rel);
  if (!container || container.node.kind !== 'map') return [];
  const map = container.node;
  let site: Pick<Site, 'position' | 'present' | 'hasColon' | 'lead' | 'comma'>;
  let path: (string | number)[];
  if (text[before] === '{' || text[before] === ',') {
    const present = new Set(map.pairs.filter((p) => p.key && p.key.span.start !== start).map((p) => keyText(p) ?? ''));
    site = { position: 'key', present, hasColon: text[after] === ':', lead: '', comma: text[after] === '"' };
    path = container.path;
  } else if (text[before] === ':') {
    const key = keyBefore(text, before);
    if (key === undefined) return [];
    site = { position: 'value', present: new Set(), hasColon: false, lead: start === before + 1 ? ' ' : '', comma: text[after] === '"' };
    path = [...container.path, key];
  } else return [];
  const objectPath = path[0] === 'items' && typeof path[1] === 'number' && !isPolicyInModel(model, []) ? path.slice(0, 2) : [];
  const fieldPath = path.slice(objectPath.length);
  if (!fieldPath.every((p): p is string => typeof p === 'string') || !isPolicyInModel(model, objectPath)) return [];
  return itemsFor(ctx, { ...site, syntax: 'json', path: fieldPath, start, end, typed: text.slice(start, rel), column: 0, step: 2 });
}

function previousNonSpace(text: string, from: number): number {
  let i = from - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** The JSON string key that ends just before the colon at `colon`. */
function keyBefore(text: string, colon: number): string | undefined {
  const close = previousNonSpace(text, colon);
  if (text[close] !== '"') return undefined;
  let open = close - 1;
  while (open >= 0 && !(text[open] === '"' && text[open - 1] !== '\\')) open--;
  if (open < 0) return undefined;
  try {
    const key: unknown = JSON.parse(text.slice(open, close + 1));
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** The innermost object or array around an offset, with its path (an unclosed one extends to the end). */
function containerAt(text: string, root: Node | null, offset: number): { node: Node; path: (string | number)[] } | undefined {
  const inside = (n: Node | null | undefined): n is Node =>
    !!n && (n.kind === 'map' || n.kind === 'seq') && n.span.start < offset && (offset < n.span.end || (offset === n.span.end && !/[}\]]/.test(text[n.span.end - 1] ?? '')));
  let node: Node | null = deref(root);
  if (!inside(node)) return undefined;
  const path: (string | number)[] = [];
  for (let depth = 0; depth < 100; depth++) {
    let next: Node | undefined;
    if (node.kind === 'map') {
      const found: Pair | undefined = node.pairs.find((p) => inside(p.value));
      if (found) path.push(keyText(found) ?? '');
      next = found?.value ?? undefined;
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => inside(item));
      if (index >= 0) path.push(index);
      next = node.items[index];
    }
    if (!next) break;
    node = next;
  }
  return { node, path };
}
