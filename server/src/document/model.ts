// The document model: every YAML (or JSON) document of a file as a small tree of nodes with
// exact offsets, scalars resolved the way kubectl resolves them. Parsers build it; features read it.
import { formatFloat32g } from './scalar';
import { formatCount } from '../text';
import type { DocumentMode, TemplateInfo } from './template';

/** A half-open span of offsets [start, end) relative to the start of the owning document. */
export interface Span {
  start: number;
  end: number;
}

/** The value kubectl would send to the API server for a scalar (sigs.k8s.io/yaml → JSON). */
export type ScalarValue = string | number | boolean | null;

/** The JSON type of a resolved scalar, as the API server's schema validation names it. */
export type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'null';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block' | 'json';

export interface ScalarNode {
  kind: 'scalar';
  span: Span;
  /** The scalar's text as written, without quotes (the parsed string for quoted scalars). */
  text: string;
  style: ScalarStyle;
  /** The value kubectl sends (YAML 1.1 resolution, go-yaml v2). */
  value: ScalarValue;
  type: ScalarType;
  /** Set when a YAML 1.2 tool (most editors, the yaml npm package) reads the scalar differently. */
  yaml12?: { value: ScalarValue; type: ScalarType };
  /** Set when the value cannot be encoded as JSON by kubectl (`.inf`, `.nan`). */
  unencodable?: boolean;
  /** For numbers: the exact JSON number text kubectl sends (`9223372036854775808`, `1e+21`). `type` is
   *  `integer` when the API server decodes it as an int64, `number` when as a float64. */
  json?: string;
  /** For numbers: go-yaml v2's Go type, which decides the text of a map key (a uint64 key fails). */
  goType?: 'int' | 'uint64' | 'float64';
  /** Set when kubectl cannot convert the scalar (a tag it cannot apply): go-yaml's error text. */
  kubectlError?: string;
  tag?: string;
  anchor?: string;
}

export interface Pair {
  /** Null for a pair written without a key (`: value`). */
  key: Node | null;
  /** Null when the pair has no value node at all (`key:` with nothing after it). */
  value: Node | null;
  span: Span;
}

export interface MapNode {
  kind: 'map';
  span: Span;
  pairs: Pair[];
  flow: boolean;
  anchor?: string;
}

export interface SeqNode {
  kind: 'seq';
  span: Span;
  items: Node[];
  flow: boolean;
  anchor?: string;
}

export interface AliasNode {
  kind: 'alias';
  span: Span;
  name: string;
  /** The anchored node, when the anchor exists earlier in the document. */
  target: Node | undefined;
}

export type Node = ScalarNode | MapNode | SeqNode | AliasNode;

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found while parsing (syntax), located in document-relative offsets. */
export interface ParseProblem {
  code: string;
  message: string;
  span: Span;
  severity: Severity;
}

/** One `---` document of a file (or a whole JSON file). */
export interface DocumentModel {
  /** Text of this document alone; spans index into it. */
  text: string;
  root: Node | null;
  problems: ParseProblem[];
  /** True when the document has syntax errors; "missing field" checks stay quiet then. */
  hasSyntaxErrors: boolean;
  /** Node count after expanding aliases the way go-yaml v2 counts decode operations. */
  expandedNodeCount: number;
  /** How the document is read (default `complete`); the file system decides, outside the pure layers. */
  mode?: DocumentMode;
  /** For Helm templates: the actions masked out of `text` (which holds the masked text). */
  template?: TemplateInfo;
  /** Set when the file was too large to analyse: `text` is the whole file, unparsed; features answer nothing. */
  tooLarge?: true;
}

/** The whole file: its documents and where each starts in the file text. */
export interface FileModel {
  /** The file's text as written (for Helm templates, documents hold the masked text). */
  text: string;
  language: 'yaml' | 'json';
  mode?: DocumentMode;
  documents: { offset: number; model: DocumentModel }[];
}

/** Syntax problems kept per document; past it, one more says how many were left out. */
export const MAX_SYNTAX_PROBLEMS = 1000;

/**
 * The first MAX_SYNTAX_PROBLEMS problems of a document by position, then one error at the first left out
 * that says how many more there are: 20,000 squiggles help nobody and cost every edit their encoding.
 */
export function limitProblems(problems: ParseProblem[]): ParseProblem[] {
  if (problems.length <= MAX_SYNTAX_PROBLEMS) return problems;
  const sorted = [...problems].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const first = sorted[MAX_SYNTAX_PROBLEMS];
  const more = sorted.length - MAX_SYNTAX_PROBLEMS;
  return [
    ...sorted.slice(0, MAX_SYNTAX_PROBLEMS),
    { code: first.code, severity: 'error', span: first.span, message: `${formatCount(more)} more problems in this document are not shown: only the first ${formatCount(MAX_SYNTAX_PROBLEMS)} are. Fix those first.` },
  ];
}

/** Follows aliases (bounded) and returns the node they point at. */
export function deref(node: Node | null | undefined): Node | null {
  let current = node ?? null;
  for (let hops = 0; current && current.kind === 'alias' && hops < 64; hops++) current = current.target ?? null;
  return current && current.kind === 'alias' ? null : current;
}

/** The key of a pair as kubectl would see it (a string; booleans and numbers stringified). */
// mirrors sigs.k8s.io/yaml yaml.go convertToJSONableObject (int keys in decimal, float keys as float32 %g)
export function keyText(pair: Pair): string | undefined {
  const key = deref(pair.key);
  if (!key || key.kind !== 'scalar') return undefined;
  if (key.value === null || key.kubectlError || key.goType === 'uint64') return undefined;
  if (key.goType === 'int' && key.json !== undefined) return key.json;
  if (key.goType === 'float64' && typeof key.value === 'number') return formatFloat32g(key.value);
  return String(key.value);
}

/** The value of the last pair with this key (kubectl keeps the last duplicate). */
export function getPair(map: MapNode, key: string): Pair | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--) if (keyText(map.pairs[i]) === key) return map.pairs[i];
  return undefined;
}

/** A scalar's string value, or undefined for non-strings. */
export function stringValue(node: Node | null | undefined): string | undefined {
  const n = deref(node);
  return n && n.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}
