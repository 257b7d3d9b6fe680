// Completion in MigrationPolicy documents: keys, values, selector labels and a whole new policy,
// all derived from the field catalogue. The text is usually half-typed, so the context (key path,
// key or value position, keys already present) comes from an indentation scan of the lines around
// the cursor, as yaml-language-server does; the model confirms which documents are policies.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver-types';
import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-types';
import type { LineIndex } from '../document/file';
import { deref, getPair, keyText } from '../document/model';
import type { DocumentModel, FileModel, Node, Pair } from '../document/model';
import { documentAt } from '../document/path';
import { findPolicies } from '../document/policies';
import { isInTemplateAction } from '../document/template';
import { newPolicyText } from '../policy/newPolicy';
import { API_GROUP, findField, KIND, MAIN_BRANCH } from '../policy/catalog';
import type { FieldSpec } from '../policy/catalog';
import { validateLabelKey, validateLabelValue, WELL_KNOWN_LABEL_KEYS } from '../policy/labels';
import { effectiveBandwidthBytes, formatBandwidth, parseQuantity } from '../policy/quantity';
import { LEGACY_SELECTOR_KEYS } from './selectorLabels';
import type { KnownLabels } from './selectorLabels';

export interface CompletionOptions {
  /** The client accepts snippets (`${1:placeholder}`); otherwise plain text is inserted. */
  snippetSupport: boolean;
  /** The client renders Markdown documentation. */
  markdown: boolean;
  /** Labels known from the workspace or a cluster, for selector keys and values. */
  labels?: KnownLabels;
}

/**
 * Completion items at a file offset. YAML: keys missing from the mapping at the cursor, values of the
 * key on the cursor line, selector labels, and a new-policy snippet in an empty document. JSON: keys
 * and values inside the objects of a policy. Other documents (a Deployment) get nothing. Never throws.
 */
export function getCompletions(file: FileModel, lines: LineIndex, offset: number, options: CompletionOptions): CompletionList {
  const at = Math.max(0, Math.min(offset, file.text.length));
  const doc = documentAt(file, at);
  const ctx: Context = { lines, options, base: doc?.offset ?? 0, incomplete: false };
  if (!doc || doc.model.tooLarge || isInTemplateAction(doc.model.template, doc.relative)) return { isIncomplete: false, items: [] };
  const items = file.language === 'json' ? completeJson(ctx, doc.model, doc.relative) : completeYaml(ctx, doc.model, doc.relative);
  return { isIncomplete: ctx.incomplete, items };
}

interface Context {
  lines: LineIndex;
  options: CompletionOptions;
  /** File offset of the document. */
  base: number;
  /** Set when a long label list was cut; the client then asks again as the user types. */
  incomplete: boolean;
}

/** Where the completion goes: a key of a mapping or the value of a key, with the text it replaces. */
interface Site {
  position: 'key' | 'value';
  syntax: 'yaml' | 'json';
  /** Key path from the policy object: the mapping's path for keys, the key's own path for values. */
  path: string[];
  /** Keys already written in the mapping. */
  present: ReadonlySet<string>;
  /** Document-relative offsets of the replaced text, and the part of it before the cursor. */
  start: number;
  end: number;
  typed: string;
  /** A colon already follows the key being typed: insert the name only. */
  hasColon: boolean;
  /** YAML: column of the mapping's keys and one indentation step. */
  column: number;
  step: number;
  /** Text before an inserted value (a space right after `key:`). */
  lead: string;
  /** JSON: another property follows without a comma. */
  comma: boolean;
}

// ---------------------------------------------------------------------------------------------
// YAML: the context from the text

/** One line of YAML as the indentation scan sees it. */
interface YamlLine {
  /** Empty, a comment, a document marker or a directive. */
  blank: boolean;
  /** Leading spaces. */
  indent: number;
  /** Column of the `- ` that opens a list item on this line, -1 if none. */
  dash: number;
  /** Column where the content starts after indentation and `- `; -1 for a bare `-`. */
  column: number;
  key?: string;
  /** Text after the key's colon, without a trailing comment. */
  value: string;
}

interface CursorLine {
  position: 'key' | 'value';
  /** Column of the key on this line (after indentation and `- `). */
  column: number;
  dash?: number;
  /** Value position: the key of the line. */
  key?: string;
  /** Columns of the replaced text. */
  start: number;
  end: number;
  hasColon: boolean;
  lead: string;
}

interface Frame {
  /** A key, or the index of a list item. */
  key: string | number;
  line: number;
  /** Column of the keys of the mapping that holds this key (for an item: of the item's mapping). */
  column: number;
}

interface Ancestry {
  /** Outermost first. */
  frames: Frame[];
  /** First line of the mapping at the cursor, and whether it is a list item's `- ` line. */
  start: number;
  startIsItem: boolean;
}

function completeYaml(ctx: Context, model: DocumentModel, rel: number): CompletionItem[] {
  const text = model.text;
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let lineNo = starts.length - 1;
  while (lineNo > 0 && starts[lineNo] > rel) lineNo--;
  const rawLine = (l: number) => text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] - 1 : text.length).replace(/\r$/, '');
  const parsed = new Map<number, YamlLine>();
  const line = (l: number) => {
    let info = parsed.get(l);
    if (!info) parsed.set(l, (info = readLine(rawLine(l))));
    return info;
  };
  const raw = rawLine(lineNo);
  const col = rel - starts[lineNo];
  if (col > raw.length) return [];
  const cursor = readCursorLine(raw, col);
  if (!cursor) return [];
  const lineStart = starts[lineNo];

  if (cursor.position === 'key' && cursor.dash === undefined && !cursor.hasColon && raw.slice(cursor.end).trim() === '') {
    let empty = true;
    for (let l = 0; l < starts.length && empty; l++) if (l !== lineNo && !line(l).blank) empty = false;
    if (empty) return [newPolicyItem(ctx, lineStart, lineStart + cursor.end, 'yaml')];
  }

  const ancestry = scanAncestors(line, lineNo, cursor.column, cursor.dash);
  if (!ancestry) return [];
  const path = ancestry.frames.map((f) => f.key);
  if (cursor.position === 'value' && cursor.key !== undefined) path.push(cursor.key);

  const topColumn = ancestry.frames[0]?.column ?? cursor.column;
  const top = collectMapping(line, starts.length, 0, lineNo, topColumn, false);
  let objectValues = top;
  let objectPath: (string | number)[] = [];
  if (/List$/.test(top.get('kind') ?? '') && path[0] === 'items' && typeof path[1] === 'number' && ancestry.frames.length >= 2) {
    const item = ancestry.frames[1];
    objectValues = collectMapping(line, starts.length, item.line, lineNo, item.column, true);
    objectPath = path.slice(0, 2);
  }
  const fieldPath = path.slice(objectPath.length);
  if (!fieldPath.every((p): p is string => typeof p === 'string')) return [];
  let identity = identify(objectValues);
  if (identity !== 'policy' && isPolicyInModel(model, objectPath)) identity = 'policy';
  if (identity === 'other') return [];
  if (identity === 'unknown' && !(cursor.position === 'value' && fieldPath.length === 1 && (fieldPath[0] === 'apiVersion' || fieldPath[0] === 'kind'))) return [];

  const present = cursor.position === 'key' ? new Set(collectMapping(line, starts.length, ancestry.start, lineNo, cursor.column, ancestry.startIsItem).keys()) : new Set<string>();
  const parent = ancestry.frames[ancestry.frames.length - 1];
  const step = parent && cursor.column > parent.column ? cursor.column - parent.column : 2;
  return itemsFor(ctx, {
    position: cursor.position,
    syntax: 'yaml',
    path: fieldPath,
    present,
    start: lineStart + cursor.start,
    end: lineStart + cursor.end,
    typed: raw.slice(cursor.start, col),
    hasColon: cursor.hasColon,
    column: cursor.column,
    step,
    lead: cursor.lead,
    comma: false,
  });
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

function isMarkerLine(raw: string): boolean {
  return (raw.startsWith('---') || raw.startsWith('...')) && (raw.length === 3 || isSpace(raw[3]));
}

function readLine(raw: string): YamlLine {
  let i = 0;
  while (raw[i] === ' ') i++;
  const indent = i;
  if (i === raw.length || raw[i] === '#' || (indent === 0 && (isMarkerLine(raw) || raw[0] === '%'))) return { blank: true, indent, dash: -1, column: indent, value: '' };
  let dash = -1;
  while (raw[i] === '-' && (isSpace(raw[i + 1]) || i + 1 === raw.length)) {
    dash = i++;
    while (isSpace(raw[i])) i++;
  }
  if (dash >= 0 && (i === raw.length || raw[i] === '#')) return { blank: false, indent, dash, column: -1, value: '' };
  const pair = splitKey(raw, i);
  return { blank: false, indent, dash, column: i, key: pair?.key, value: pair ? stripComment(raw.slice(pair.valueStart)) : '' };
}

/** The key of `key: value` starting at `from`, and where the value starts; undefined if the text is no key. */
function splitKey(raw: string, from: number): { key: string; valueStart: number } | undefined {
  const quote = raw[from];
  if (quote === '"' || quote === "'") {
    let j = from + 1;
    for (; j < raw.length; j++) {
      if (quote === '"' && raw[j] === '\\') j++;
      else if (raw[j] === quote) {
        if (quote === "'" && raw[j + 1] === "'") j++;
        else break;
      }
    }
    if (j >= raw.length) return undefined;
    let k = j + 1;
    while (isSpace(raw[k])) k++;
    if (raw[k] !== ':' || !(k + 1 === raw.length || isSpace(raw[k + 1]))) return undefined;
    return { key: unquote(raw.slice(from, j + 1)), valueStart: k + 1 };
  }
  if (from >= raw.length || '{}[],&*!|>%@`#?'.includes(raw[from])) return undefined;
  for (let j = from; j < raw.length; j++) {
    if (raw[j] === '#' && isSpace(raw[j - 1])) return undefined;
    if (raw[j] === ':' && (j + 1 === raw.length || isSpace(raw[j + 1]))) return { key: raw.slice(from, j).trimEnd(), valueStart: j + 1 };
  }
  return undefined;
}

function unquote(s: string): string {
  if (s.length >= 2 && s[0] === "'" && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.length >= 2 && s[0] === '"' && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  return s;
}

function stripComment(s: string): string {
  return s.replace(/(^|[ \t])#.*$/, '').trim();
}

/** A `#` that starts a comment before the cursor (outside quotes). */
function inComment(prefix: string): boolean {
  let quote = '';
  for (let j = 0; j < prefix.length; j++) {
    const c = prefix[j];
    if (quote) {
      if (quote === '"' && c === '\\') j++;
      else if (c === quote) quote = '';
    } else if (c === '#' && (j === 0 || isSpace(prefix[j - 1]))) return true;
    else if ((c === '"' || c === "'") && (j === 0 || /[\s:,[{-]/.test(prefix[j - 1]))) quote = c;
  }
  return false;
}

const KEY_WORD = /^[\w./-]*$/;

/** What the cursor line holds: a (partial) key, or `key: ` and a (partial) value. */
function readCursorLine(raw: string, col: number): CursorLine | undefined {
  if (isMarkerLine(raw) || raw.startsWith('%')) return undefined;
  const prefix = raw.slice(0, col);
  if (inComment(prefix)) return undefined;
  let i = 0;
  while (prefix[i] === ' ') i++;
  let dash: number | undefined;
  while (prefix[i] === '-' && isSpace(prefix[i + 1])) {
    dash = i++;
    while (isSpace(prefix[i])) i++;
  }
  const pair = splitKey(prefix, i);
  if (pair) {
    let valueStart = pair.valueStart;
    while (isSpace(prefix[valueStart])) valueStart++;
    const typed = prefix.slice(valueStart);
    if (/^[&*!|>{[%@`]/.test(typed) || /:[ \t]/.test(typed)) return undefined;
    const direct = pair.valueStart === prefix.length;
    const tail = stripComment(`x${raw.slice(col)}`).slice(1).trimEnd();
    return { position: 'value', column: i, dash, key: pair.key, start: direct ? col : valueStart, end: col + tail.length, hasColon: false, lead: direct ? ' ' : '' };
  }
  const rest = prefix.slice(i);
  if (!KEY_WORD.test(rest)) return undefined;
  const word = /^[\w./-]*/.exec(raw.slice(col))?.[0] ?? '';
  const after = raw.slice(col + word.length);
  return { position: 'key', column: i, dash, start: i, end: col + word.length, hasColon: /^[ \t]*:([ \t]|$)/.test(after), lead: '' };
}

/**
 * Walks up from the cursor line to find the keys (and list items) enclosing a mapping whose keys
 * start at `column`. Undefined when the text above cannot hold such a mapping (a parent without a
 * colon, a block scalar, a multi-line plain scalar).
 */
function scanAncestors(line: (l: number) => YamlLine, from: number, column: number, dash?: number): Ancestry | undefined {
  const frames: Frame[] = [];
  let indent = column;
  let seq = dash !== undefined ? { dash, index: 0, line: from, column } : undefined;
  let start = dash !== undefined ? from : -1;
  let startIsItem = dash !== undefined;
  const enter = (l: number, info: YamlLine): boolean => {
    if (info.key === undefined || !/^(?:[&!]\S*\s*)*$/.test(info.value)) return false;
    frames.push({ key: info.key, line: l, column: info.column });
    indent = info.column;
    if (info.dash >= 0) seq = { dash: info.dash, index: 0, line: l, column: info.column };
    return true;
  };
  for (let l = from - 1; l >= 0 && (indent > 0 || seq); l--) {
    const info = line(l);
    if (info.blank) continue;
    if (seq) {
      if (info.dash === seq.dash) {
        seq.index++;
        continue;
      }
      if (info.indent > seq.dash) continue;
      frames.push({ key: seq.index, line: seq.line, column: seq.column });
      const limit = seq.dash;
      seq = undefined;
      if (info.column > limit || !enter(l, info)) return undefined;
      continue;
    }
    if (info.dash >= 0 && info.dash < indent && (info.column === indent || info.column < 0)) {
      if (start < 0) {
        start = l;
        startIsItem = true;
      }
      seq = { dash: info.dash, index: 0, line: l, column: indent };
      continue;
    }
    if (info.column >= indent) continue;
    if (start < 0) start = l + 1;
    if (!enter(l, info)) return undefined;
  }
  const open = seq as { index: number; line: number; column: number } | undefined;
  if (open) frames.push({ key: open.index, line: open.line, column: open.column });
  return { frames: frames.reverse(), start: Math.max(start, 0), startIsItem };
}

/** Keys (with their value text) of the block mapping whose keys start at `column`, from line `start` on. */
function collectMapping(line: (l: number) => YamlLine, count: number, start: number, exclude: number, column: number, startIsItem: boolean): Map<string, string> {
  const found = new Map<string, string>();
  for (let l = start; l < count; l++) {
    const info = line(l);
    if (info.blank) continue;
    const first = l === start && startIsItem;
    if (!first && info.indent < column) break;
    if (l === exclude) continue;
    if (info.key !== undefined && info.column === column && (info.dash < 0 || first)) found.set(info.key, unquote(info.value));
  }
  return found;
}

/** Whether the apiVersion/kind written in an object's mapping make it a policy. */
function identify(values: Map<string, string>): 'policy' | 'other' | 'unknown' {
  const kind = values.get('kind') || undefined;
  const apiVersion = values.get('apiVersion') || undefined;
  if (kind === KIND) return 'policy';
  if (kind === undefined && apiVersion?.split('/')[0] === API_GROUP) return 'policy';
  return kind === undefined && apiVersion === undefined ? 'unknown' : 'other';
}

/** The model's view: is the object at this path (the root, or an item of a List) a policy? */
function isPolicyInModel(model: DocumentModel, objectPath: (string | number)[]): boolean {
  let node: Node | null = deref(model.root);
  for (const step of objectPath) {
    if (node?.kind === 'map' && typeof step === 'string') node = deref(getPair(node, step)?.value);
    else if (node?.kind === 'seq' && typeof step === 'number') node = deref(node.items[step]);
    else return false;
  }
  return node?.kind === 'map' && findPolicies(model.root).includes(node);
}

// ---------------------------------------------------------------------------------------------
// JSON: the context from the model and the characters around the cursor

function completeJson(ctx: Context, model: DocumentModel, rel: number): CompletionItem[] {
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

// ---------------------------------------------------------------------------------------------
// Items

type Which = 'namespace' | 'vmi';

function itemsFor(ctx: Context, site: Site): CompletionItem[] {
  if (site.position === 'key') {
    const field = findField(site.path);
    if (field?.type === 'labelMap') return labelKeyItems(ctx, site, selectorWhich(site.path));
    return field?.type === 'object' && field.children ? keyItems(ctx, site, field) : [];
  }
  const parent = findField(site.path.slice(0, -1));
  if (parent?.type === 'labelMap') return labelValueItems(ctx, site, selectorWhich(site.path.slice(0, -1)), site.path[site.path.length - 1]);
  const field = findField(site.path);
  return field ? valueItems(ctx, site, field) : [];
}

const selectorWhich = (path: string[]): Which => (path[path.length - 1] === 'namespaceSelector' ? 'namespace' : 'vmi');

const isMapType = (f: FieldSpec) => f.type === 'object' || f.type === 'labelMap' || f.type === 'stringMap';

// MigrationPolicy is cluster-scoped: a namespace is dropped by the API server
// (kubevirt pkg/virt-operator/resource/generate/components/crds.go NewMigrationPolicyCrd, Scope: ClusterScoped).
const NOT_OFFERED = new Set(['metadata.namespace']);

function keyItems(ctx: Context, site: Site, field: FieldSpec): CompletionItem[] {
  const snippet = ctx.options.snippetSupport;
  const children = field.children ?? [];
  return children
    .filter((c) => c.type !== 'any' && !NOT_OFFERED.has([...site.path, c.name].join('.')) && !site.present.has(c.name))
    .map((c) => ({
      label: c.name,
      kind: CompletionItemKind.Property,
      detail: fieldDetail(c),
      documentation: fieldDocumentation(c, ctx.options.markdown),
      sortText: `${c.required ? 0 : c.experimental || c.featureGates ? 2 : 1}${String(children.indexOf(c)).padStart(3, '0')}`,
      filterText: site.syntax === 'json' && site.typed.startsWith('"') ? JSON.stringify(c.name) : c.name,
      textEdit: edit(ctx, site, keyInsert(site, c, snippet)),
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
    }));
}

function keyInsert(site: Site, field: FieldSpec, snippet: boolean): string {
  const comma = site.comma ? ',' : '';
  const fixed = field.enumValues?.length === 1 ? field.enumValues[0] : undefined;
  if (site.syntax === 'json') {
    const name = JSON.stringify(field.name);
    if (site.hasColon) return name;
    if (isMapType(field)) return `${name}: ${snippet ? '{$1}' : '{}'}${comma}`;
    if (fixed !== undefined) return `${name}: ${esc(JSON.stringify(fixed), snippet)}${comma}`;
    if (!snippet) return `${name}: ${comma}`;
    if (field.type === 'boolean') return `${name}: \${1|true,false|}${comma}`;
    if (field.enumValues) return `${name}: "\${1|${choices(field)}|}"${comma}`;
    const value = field.snippetDefault?.replace(/^"(.*)"$/, '$1');
    if (value === undefined) return `${name}: $1${comma}`;
    const placeholder = `\${1:${esc(value, true)}}`;
    return `${name}: ${field.type === 'integer' ? placeholder : `"${placeholder}"`}${comma}`;
  }
  if (site.hasColon) return field.name;
  if (isMapType(field)) return `${field.name}:\n${' '.repeat(site.column + site.step)}${snippet ? '${1}' : ''}`;
  if (fixed !== undefined) return `${field.name}: ${esc(fixed, snippet)}`;
  if (!snippet) return `${field.name}: `;
  if (field.type === 'boolean') return `${field.name}: \${1|true,false|}`;
  if (field.enumValues) return `${field.name}: \${1|${choices(field)}|}`;
  return `${field.name}: ${field.snippetDefault ? `\${1:${esc(field.snippetDefault, true)}}` : ''}`;
}

/** Enum values for a snippet choice, the snippet default first. */
function choices(field: FieldSpec): string {
  const values = [...(field.enumValues ?? [])].sort((a, b) => Number(b === field.snippetDefault) - Number(a === field.snippetDefault));
  return values.map((v) => v.replace(/[\\$}|,]/g, '\\$&')).join(',');
}

function esc(text: string, snippet: boolean): string {
  return snippet ? text.replace(/[\\$}]/g, '\\$&') : text;
}

function fieldDetail(field: FieldSpec): string {
  return field.experimental ? `Experimental: ${field.summary.replace(/\s*\(alpha(?:, ([^)]*))?\)$/, (_m, rest?: string) => (rest ? ` (${rest})` : ''))}` : field.summary;
}

function fieldDocumentation(field: FieldSpec, markdown: boolean): MarkupContent {
  const parts = [field.doc];
  if (field.defaultText) parts.push(`**Default:** ${field.defaultText}`);
  let meta = `Since KubeVirt ${field.since === MAIN_BRANCH ? 'main (not in a release yet)' : field.since}`;
  if (field.featureGates) meta += `; needs the ${field.featureGates.map((g) => `\`${g}\``).join(' or ')} feature gate`;
  if (field.experimental) meta += '. Experimental (alpha)';
  parts.push(`${meta}.`);
  return markup(parts.join('\n\n'), markdown);
}

function markup(value: string, markdown: boolean): MarkupContent {
  return markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: plain(value) };
}

const plain = (md: string) => md.replace(/\*\*([^*]*)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');

function edit(ctx: Context, site: Pick<Site, 'start' | 'end'>, newText: string) {
  return { range: ctx.lines.range(ctx.base, site), newText };
}

interface ValueChoice {
  value: string;
  detail: string;
}

function valueItems(ctx: Context, site: Site, field: FieldSpec): CompletionItem[] {
  const defaultValue = field.defaultText?.split(/[\s,(]/)[0];
  const noteDefault = (value: string, detail: string) => (value === defaultValue && !/default/i.test(detail) ? `${detail} (default)` : detail);
  let values: ValueChoice[] = [];
  if (field.type === 'boolean') {
    values = ['true', 'false'].map((v) => ({ value: v, detail: v === defaultValue && field.defaultText ? `Default: ${plain(field.defaultText)}` : field.summary }));
  } else if (field.type === 'enum') {
    values = (field.values ?? (field.enumValues ?? []).map((v) => ({ value: v, doc: field.summary }))).map((v) => ({ value: v.value, detail: noteDefault(v.value, plain(v.doc)) }));
  } else if (field.type === 'quantity') {
    values = (field.values ?? []).map((v) => ({ value: v.value, detail: noteDefault(v.value, plain(v.doc)) }));
    const number = site.typed.replace(/^["']/, '');
    if (/^[0-9]+(\.[0-9]+)?$/.test(number) && number !== '0') {
      for (const suffix of ['Mi', 'Gi']) {
        const parsed = parseQuantity(number + suffix);
        if (parsed.ok && !values.some((v) => v.value === number + suffix)) values.push({ value: number + suffix, detail: formatBandwidth(effectiveBandwidthBytes(number + suffix).bytesPerSecond) });
      }
    }
  } else if (field.type === 'integer' || field.type === 'factor') {
    values = field.values
      ? field.values.map((v) => ({ value: v.value, detail: plain(v.doc) }))
      : field.snippetDefault
        ? [{ value: field.snippetDefault, detail: field.defaultText ? `Default: ${plain(field.defaultText)}` : field.summary }]
        : [];
  }
  const documentation = fieldDocumentation(field, ctx.options.markdown);
  return values.map((v, i) => {
    const text = site.syntax === 'json' ? jsonValue(field, v.value) : v.value;
    return {
      label: v.value,
      kind: field.type === 'enum' || field.type === 'boolean' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      detail: v.detail,
      documentation,
      sortText: String(i).padStart(3, '0'),
      filterText: /^["']/.test(site.typed) ? text : v.value.replace(/^"(.*)"$/, '$1'),
      textEdit: edit(ctx, site, `${site.lead}${text}${site.comma ? ',' : ''}`),
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

function jsonValue(field: FieldSpec, value: string): string {
  if (field.type === 'boolean' || field.type === 'integer' || /^".*"$/.test(value)) return value;
  if (field.type === 'quantity' && /^[0-9]+$/.test(value)) return value;
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------
// Selector labels

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
const yamlKey = (key: string) => (/^[A-Za-z][\w./-]*$/.test(key) && !/^(y|n|yes|no|on|off|true|false|null)$/i.test(key) ? key : JSON.stringify(key));

function labelKeyItems(ctx: Context, site: Site, which: Which): CompletionItem[] {
  const snippet = ctx.options.snippetSupport;
  const keys = knownKeys(ctx, which).filter((k) => !site.present.has(k.key));
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

function labelValueItems(ctx: Context, site: Site, which: Which, key: string): CompletionItem[] {
  const known = knownKeys(ctx, which).find((k) => k.key === key);
  if (!known) return [];
  return known.values.slice(0, MAX_LABEL_PAIRS).map((v, i) => {
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

// ---------------------------------------------------------------------------------------------
// A new policy in an empty document

function newPolicyItem(ctx: Context, start: number, end: number, syntax: 'yaml' | 'json'): CompletionItem {
  const snippet = ctx.options.snippetSupport;
  const top = ctx.options.labels?.vmi.find((l) => !LEGACY_SELECTOR_KEYS.has(l.key) && validateLabelKey(l.key).length === 0 && validateLabelValue(l.value).length === 0);
  const text = newPolicyText({
    syntax,
    snippet,
    vmiLabel: [top ? (syntax === 'json' ? top.key : yamlKey(top.key)) : 'key', top?.value ?? 'value'],
    settings: [['bandwidthPerMigration', findField(['spec', 'bandwidthPerMigration'])?.snippetDefault ?? '64Mi']],
    quoteLabelValues: true,
  });
  const preview = snippet ? text.replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, (_m, v: string) => v.replace(/\\(.)/g, '$1')) : text;
  return {
    label: KIND,
    kind: CompletionItemKind.Snippet,
    detail: 'New KubeVirt MigrationPolicy',
    documentation: markup(ctx.options.markdown ? `\`\`\`${syntax}\n${preview}\n\`\`\`` : preview, ctx.options.markdown),
    textEdit: edit(ctx, { start, end }, text),
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
  };
}
