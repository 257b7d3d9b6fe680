// Completion in YAML: the site (key path, key or value position, keys present) from an indentation
// scan of the lines around the cursor, as yaml-language-server does; the model confirms policies.
import type { CompletionItem } from 'vscode-languageserver-types';
import { deref, getPair } from '../document/model';
import type { DocumentModel, Node } from '../document/model';
import { findPolicies } from '../document/policies';
import { API_GROUP, KIND } from '../policy/catalog';
import type { Context } from './completionShared';
import { itemsFor } from './completionItems';
import { newPolicyItem } from './completionTemplate';

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

export function completeYaml(ctx: Context, model: DocumentModel, rel: number): CompletionItem[] {
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
  return s.replace(/(^|[ \t])#.*$/s, '').trim();
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
export function isPolicyInModel(model: DocumentModel, objectPath: (string | number)[]): boolean {
  let node: Node | null = deref(model.root);
  for (const step of objectPath) {
    if (node?.kind === 'map' && typeof step === 'string') node = deref(getPair(node, step)?.value);
    else if (node?.kind === 'seq' && typeof step === 'number') node = deref(node.items[step]);
    else return false;
  }
  return node?.kind === 'map' && findPolicies(model.root).includes(node);
}
