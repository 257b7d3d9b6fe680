// The fast path for YAML snapshots: reads the block YAML that `kubectl get -o yaml` prints (block
// mappings and sequences, one-line plain and quoted scalars, `|` literals, `{}` and `[]`) straight into
// plain values, with scalars resolved as kubectl resolves them (document/scalar.ts). Anything else
// (anchors, tags, flow collections, folded or multi-line scalars, comments after values, tabs, CR)
// gives undefined, and the caller reads the file with the positional parser instead, which also says
// where a problem is. Where both read a file, they read the same values (tested).
import { resolveScalar } from '../document/scalar';

/** Nodes of one list item past which the positional reader's toJson budget could differ: leave such files to it. */
const MAX_ITEM_NODES = 90_000;
/** Nesting past which the positional reader's depth limits could differ. */
const MAX_DEPTH = 60;

class Unsupported extends Error {}

const fail = (): never => {
  throw new Unsupported();
};

/** Characters that start something other than a plain scalar (or a key) in block context. */
const INDICATORS = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
const DOUBLE_QUOTED = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"$/;
const SINGLE_QUOTED = /^'(?:[^']|'')*'$/;
const PLAIN_BREAKS = /: |:$| #/;

/**
 * The documents of a YAML text as plain values (null for an empty document), or undefined when the
 * text uses anything beyond the block YAML kubectl prints.
 */
export function readKubectlYaml(text: string): unknown[] | undefined {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new Reader(text.split('\n')).documents();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Reader {
  private i = 0;
  private nodes = 0;

  constructor(private readonly lines: string[]) {}

  documents(): unknown[] {
    const docs: unknown[] = [];
    const lines = this.lines;
    if (lines.length && lines[0] === '---') this.i++;
    for (;;) {
      this.nodes = 0;
      this.skipBlank();
      let root: unknown = null;
      if (this.i < lines.length && lines[this.i] !== '---') {
        if (indentOf(lines[this.i]) !== 0) fail();
        root = this.node(0, 0);
        this.skipBlank();
        if (this.nodes > MAX_ITEM_NODES && !(isMap(root) && 'items' in root)) fail();
      }
      docs.push(root);
      if (this.i >= lines.length) break;
      if (lines[this.i] !== '---') fail();
      this.i++;
    }
    return docs;
  }

  /** Skips empty lines and comment lines. */
  private skipBlank(): void {
    const lines = this.lines;
    while (this.i < lines.length) {
      const line = lines[this.i];
      const indent = indentOf(line);
      if (indent < line.length && line[indent] !== '#') return;
      this.i++;
    }
  }

  /** The block node whose first line (the current one) is indented by `indent`. */
  private node(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) fail();
    const content = this.lines[this.i].slice(indent);
    return content === '-' || content.startsWith('- ') ? this.seq(indent, depth, false) : this.map(indent, depth);
  }

  /** True when the current line (after skipping blanks) continues a block at `indent`. */
  private at(indent: number): boolean {
    this.skipBlank();
    if (this.i >= this.lines.length) return false;
    const line = this.lines[this.i];
    if (line === '---' || line === '...' || line.startsWith('--- ') || line.startsWith('... ')) {
      if (line !== '---') fail();
      return false;
    }
    const n = indentOf(line);
    if (n > indent) fail();
    return n === indent;
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.nodes++;
    while (this.at(indent)) {
      const content = this.lines[this.i].slice(indent);
      if (content === '-' || content.startsWith('- ')) break;
      const colon = keyEnd(content);
      const key = content.slice(0, colon);
      if (INDICATORS.has(key[0]) || key === '__proto__' || key === '<<' || key.length > 1000 || key.includes(' #') || key.endsWith(' ')) fail();
      if (resolveScalar(key, '', true).type !== 'string') fail();
      const rest = content.slice(colon + 1).trim();
      this.nodes++;
      result[key] = this.value(rest, indent, depth, true);
    }
    return result;
  }

  private seq(indent: number, depth: number, compact: boolean): unknown[] {
    const result: unknown[] = [];
    this.nodes++;
    while (this.at(indent)) {
      const line = this.lines[this.i];
      const content = line.slice(indent);
      if (content !== '-' && !content.startsWith('- ')) {
        if (compact) break;
        fail();
      }
      const before = this.nodes;
      const rest = content.slice(1).trim();
      if (rest && !rest.startsWith('"') && !rest.startsWith("'") && (rest.startsWith('- ') || rest === '-' || PLAIN_BREAKS.test(rest) || rest.endsWith(':'))) {
        // `- key: value` or `- - item`: the rest of the line opens a block at its own column.
        const column = indent + 1 + (content.length - 1 - content.slice(1).trimStart().length);
        this.lines[this.i] = ' '.repeat(column) + line.slice(column);
        result.push(this.node(column, depth + 1));
      } else {
        result.push(this.value(rest, indent, depth, false));
      }
      if (this.nodes - before > MAX_ITEM_NODES) fail();
    }
    return result;
  }

  /** The value after `key:` or `-` (`rest`, trimmed); moves past the lines it takes. */
  private value(rest: string, indent: number, depth: number, inMap: boolean): unknown {
    this.i++;
    if (rest === '') {
      this.skipBlank();
      if (this.i >= this.lines.length) return null;
      const line = this.lines[this.i];
      const n = indentOf(line);
      if (n > indent && line !== '---') return this.node(n, depth + 1);
      const content = line.slice(indent);
      if (inMap && n === indent && (content === '-' || content.startsWith('- '))) return this.seq(indent, depth + 1, true);
      return null;
    }
    if (rest[0] === '|') return this.literal(rest, indent);
    return scalar(rest);
  }

  /** A `|`, `|-` or `|+` literal block after a key at `indent`. */
  private literal(header: string, indent: number): string {
    if (header !== '|' && header !== '|-' && header !== '|+') fail();
    const lines = this.lines;
    const start = this.i;
    let blockIndent = -1;
    let end = start;
    for (let j = start; j < lines.length; j++) {
      const line = lines[j];
      const n = indentOf(line);
      if (n === line.length) {
        if (blockIndent === -1 && n > indent + 1) fail();
        continue;
      }
      if (blockIndent === -1) {
        if (n <= indent) break;
        blockIndent = n;
      }
      if (n < blockIndent) {
        if (n > indent) fail();
        break;
      }
      end = j + 1;
    }
    if (blockIndent === -1) fail();
    const body = lines.slice(start, end).map((l) => l.slice(blockIndent));
    // `|+` keeps the trailing empty lines, and a literal that ends the file without a line break has none to clip to:
    // both are left to the positional reader.
    if (header === '|+' || end >= lines.length) fail();
    this.i = end;
    this.nodes++;
    const text = body.join('\n');
    return header === '|-' ? text : `${text}\n`;
  }
}

/** Where a block mapping key ends (the index of its `:`); fails when the line is not `key:` or `key: value`. */
function keyEnd(content: string): number {
  const spaced = content.indexOf(': ');
  if (spaced !== -1) return spaced;
  if (content.endsWith(':')) return content.length - 1;
  return fail();
}

/** A one-line scalar (or `{}`/`[]`) as kubectl reads it. */
function scalar(text: string): unknown {
  if (text === '{}') return {};
  if (text === '[]') return [];
  const first = text[0];
  if (first === '"') return DOUBLE_QUOTED.test(text) ? JSON.parse(text) : fail();
  if (first === "'") return SINGLE_QUOTED.test(text) ? text.slice(1, -1).replace(/''/g, "'") : fail();
  if (INDICATORS.has(first) && !(first === '-' && text.length > 1 && text[1] !== ' ')) fail();
  if (PLAIN_BREAKS.test(text)) fail();
  const resolved = resolveScalar(text, '', true);
  return resolved.unencodable ? null : resolved.value;
}

function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
