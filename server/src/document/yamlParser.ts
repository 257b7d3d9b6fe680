// YAML text → DocumentModel, one `---` document at a time. Never throws: any text gives a model
// plus syntax problems, worded to say what to write instead, one per real mistake.
import { Alias, isAlias, isMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Node as YamlNode, ParsedNode, YAMLError } from 'yaml';
import { LineIndex } from './lines';
import { formatCount } from '../text';
import { limitProblems } from './model';
import type { DocumentModel, Node, Pair, ParseProblem, ScalarNode, ScalarStyle, Span } from './model';
import { findYamlNestingExcess, nestingMessage } from './nesting';
import { readsDifferently, resolveScalar, resolveYaml12 } from './scalar';
import type { TemplateInfo } from './template';

/** Where each `---` document starts and ends in a YAML text (offsets into the text). */
export interface DocumentSlice {
  start: number;
  end: number;
}

/**
 * Splits a YAML stream at document markers: a line starting with `---` opens a document, a line
 * starting with `...` closes one. Lines of directives (`%YAML`) stay with the document after them.
 */
export function splitDocuments(text: string): DocumentSlice[] {
  const slices: DocumentSlice[] = [];
  scanDocuments(text, 0, slices);
  if (slices.length === 0) slices.push({ start: 0, end: text.length });
  return slices;
}

/** A text edit in offsets: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * splitDocuments of an edited text, from the slices of the text before the edit: the slices before
 * the edit are kept, the text is scanned again from the last document start the edit cannot have
 * touched until the scan meets, past the edit, a document start the old text had too (from there on
 * the scan would repeat itself), and the later slices are shifted. Equal to splitDocuments(text).
 */
export function resplitDocuments(text: string, previous: readonly DocumentSlice[], edit: TextEdit): DocumentSlice[] {
  const delta = edit.newEnd - edit.oldEnd;
  let i = 0;
  for (let low = 0, high = previous.length - 1; low <= high; ) {
    const mid = (low + high) >> 1;
    if (previous[mid].start <= edit.start) {
      i = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  // A document start is kept when its line's marker (four characters) lies wholly before the edit.
  while (i > 0 && previous[i].start + 4 > edit.start) i--;
  if (i === 0) return splitDocuments(text);
  const slices = previous.slice(0, i);
  let k = i + 1;
  const resumed = scanDocuments(text, previous[i].start, slices, (p) => {
    if (p < edit.newEnd) return false;
    while (k < previous.length && previous[k].start + delta < p) k++;
    return k < previous.length && previous[k].start + delta === p;
  });
  if (resumed) for (; k < previous.length; k++) slices.push({ start: previous[k].start + delta, end: previous[k].end + delta });
  else if (slices.length === 0) slices.push({ start: 0, end: text.length });
  return slices;
}

/**
 * Scans `text` from `from` (a document start), pushing slices. `resume(p)`, asked at each new document
 * start p, says the rest is known: the scan stops there (the slice before p is pushed) and returns true.
 */
function scanDocuments(text: string, from: number, slices: DocumentSlice[], resume?: (p: number) => boolean): boolean {
  let start = from;
  let pendingDirectivesOnly = true;
  let lineStart = from;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const c0 = text.charCodeAt(lineStart);
    if ((c0 === 45 || c0 === 46) && isMarker(text, lineStart)) {
      if (c0 === 45) {
        if (lineStart > start && !pendingDirectivesOnly) {
          slices.push({ start, end: lineStart });
          start = lineStart;
          if (resume?.(start)) return true;
        }
      } else {
        slices.push({ start, end: lineEnd });
        start = lineEnd;
        if (resume?.(start)) return true;
      }
      pendingDirectivesOnly = c0 === 46;
    } else if (c0 !== 37 /* % */ && !isBlankOrComment(text, lineStart, lineEnd)) {
      pendingDirectivesOnly = false;
    }
    if (nl === -1) break;
    lineStart = lineEnd;
  }
  if (start < text.length) slices.push({ start, end: text.length });
  return false;
}

function isMarker(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (text.charCodeAt(at + 1) !== c || text.charCodeAt(at + 2) !== c) return false;
  const after = text.charCodeAt(at + 3);
  return Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13;
}

function isBlankOrComment(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) return true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/**
 * Parses one YAML document's text into the model. With `template` (a Helm template whose actions were
 * masked in `text`), a syntax error next to an action is reported once, as that action's.
 */
export function parseYamlDocument(text: string, template?: TemplateInfo, kyaml = false): DocumentModel {
  const tooDeep = findYamlNestingExcess(text);
  if (tooDeep) {
    const span = { start: tooDeep.offset, end: Math.min(text.length, tooDeep.offset + 1) };
    return { text, root: null, problems: [{ code: 'yaml-syntax', severity: 'error', span, message: nestingMessage(tooDeep) }], hasSyntaxErrors: true, expandedNodeCount: 0 };
  }
  const problems: ParseProblem[] = [];
  let root: Node | null = null;
  let hasSyntaxErrors = false;
  let reading: Reading | undefined;
  try {
    // Only the attempt that wins (fewer syntax errors) is converted into the model.
    let attempt = readYaml(text);
    let source = { text, toOriginal: identity, repairs: [] as ParseProblem[] };
    reading = attempt.errors.length ? { winner: 'written', errors: attempt.errors.length, compared: false } : READ_AS_WRITTEN;
    if (attempt.errors.length) {
      const repair = repairText(text);
      if (repair.problems.length) {
        const repaired = readYaml(repair.text);
        reading = { winner: 'written', errors: attempt.errors.length, compared: true };
        if (repaired.errors.length < attempt.errors.length) {
          attempt = repaired;
          source = { text: repair.text, toOriginal: repair.toOriginal, repairs: repair.problems };
          reading = { winner: 'repaired', errors: repaired.errors.length, compared: true };
        }
      }
    }
    const parsed = parseWith(attempt, source.text, text, source.toOriginal, kyaml, source.repairs);
    const errors = template ? attributeToTemplate(text, parsed.errors, template) : parsed.errors;
    problems.push(...parsed.repairs, ...errors, ...parsed.warnings, ...parsed.converterProblems);
    hasSyntaxErrors = parsed.errors.length > 0 || parsed.converterProblems.some((p) => p.severity === 'error');
    root = parsed.root;
  } catch (e) {
    problems.push({ code: 'yaml-syntax', severity: 'error', span: { start: 0, end: Math.min(text.length, 1) }, message: `The YAML parser failed: ${(e as Error).message}` });
    hasSyntaxErrors = true;
    reading = undefined;
  }
  let expanded: { count: number; bomb?: Span };
  try {
    expanded = countExpandedNodes(root);
  } catch {
    expanded = { count: 0 };
    problems.push({ code: 'yaml-syntax', severity: 'error', span: { start: 0, end: Math.min(1, text.length) }, message: 'This document is nested too deeply to analyse; kubectl would refuse it too.' });
    hasSyntaxErrors = true;
    reading = undefined;
  }
  if (expanded.bomb) {
    problems.push({
      code: 'alias-bomb',
      severity: 'error',
      span: expanded.bomb,
      message: `This document expands to ${formatCount(expanded.count)} nodes through aliases; kubectl refuses it with "document contains excessive aliasing". Write the values out instead of nesting aliases.`,
    });
    hasSyntaxErrors = true;
  }
  const model: DocumentModel = { text, root, problems: limitProblems(problems), hasSyntaxErrors, expandedNodeCount: expanded.count };
  if (template) model.template = template;
  else if (reading && !kyaml) readings.set(model, reading);
  return model;
}

/**
 * How a document's model was read, kept beside the model for editYamlDocument (yamlEdit.ts): which
 * reading won, its syntax errors (one per line: what readings are compared by), and whether the other
 * reading was made too (the text as written had errors and there were missing spaces or tab indents to
 * repair). Models of Helm templates and Kustomize patches have none.
 */
export interface Reading {
  winner: 'written' | 'repaired';
  errors: number;
  compared: boolean;
}

const readings = new WeakMap<DocumentModel, Reading>();
/** The Reading of most documents (read as written, without errors): one object for all of them. */
const READ_AS_WRITTEN: Reading = Object.freeze({ winner: 'written', errors: 0, compared: false });

/** The Reading of a model that parseYamlDocument or editYamlDocument made; undefined for any other. */
export function readingOf(model: DocumentModel): Reading | undefined {
  return readings.get(model);
}

/** Records the Reading of a model made by editYamlDocument. */
export function recordReading(model: DocumentModel, reading: Reading): void {
  readings.set(model, reading);
}

/** The syntax errors (one per line) of the `yaml` package's reading of a text as written: what parseYamlDocument compares. */
export function writtenErrorCount(text: string): number {
  return readYaml(text).errors.length;
}

/**
 * Syntax errors on a line that holds a template action, or right after a line of actions, come from
 * what only rendering can tell: one `template-unreadable` per action, never a cascade.
 */
function attributeToTemplate(text: string, errors: ParseProblem[], template: TemplateInfo): ParseProblem[] {
  const spans = [...template.inline, ...template.holes, ...template.controls].sort((a, b) => a.start - b.start);
  if (spans.length === 0) return errors;
  const reported = new Set<Span>();
  const result: ParseProblem[] = [];
  for (const e of errors) {
    const lineStart = text.lastIndexOf('\n', e.span.start - 1) + 1;
    const previousLineStart = lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : lineStart;
    const lineEnd = text.indexOf('\n', e.span.start) === -1 ? text.length : text.indexOf('\n', e.span.start);
    const culprit = spans.filter((s) => s.start < lineEnd && s.end > previousLineStart).pop();
    if (!culprit) {
      result.push(e);
      continue;
    }
    if (reported.has(culprit)) continue;
    reported.add(culprit);
    const inline = template.inline.some((s) => s === culprit);
    const at = inline ? culprit : { start: lineStart, end: Math.max(lineStart + 1, lineEnd) };
    result.push({
      code: 'template-unreadable',
      severity: 'warning',
      span: at,
      message: `This template action makes the YAML around it unreadable before rendering (${e.message.replace(/\.$/, '')}), so this part is not checked here. Check the rendered output: \`helm template . | migrationpolicy check -\`.`,
    });
  }
  return result;
}

const identity = (offset: number) => offset;

interface ParseAttempt {
  root: Node | null;
  errors: ParseProblem[];
  warnings: ParseProblem[];
  converterProblems: ParseProblem[];
  repairs: ParseProblem[];
}

/** The `yaml` package's reading of a text, with its syntax errors one per line (what attempts are compared by). */
function readYaml(source: string): { doc: ReturnType<typeof parseDocument>; errors: YAMLError[] } {
  const doc = parseDocument(source, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, version: '1.2' });
  return { doc, errors: dedupeByLine(source, doc.errors) };
}

/** Converts a reading of `source` (the text or a repaired copy) into the model, mapping every span back into `text`. */
function parseWith(read: ReturnType<typeof readYaml>, source: string, text: string, toOriginal: (offset: number) => number, kyaml: boolean, repairs: ParseProblem[]): ParseAttempt {
  const doc = read.doc;
  const mapSpan = (p: ParseProblem): ParseProblem => ({ ...p, span: { start: toOriginal(p.span.start), end: Math.max(toOriginal(p.span.start), toOriginal(p.span.end)) } });
  const errors = read.errors.map((e) => mapSpan(toProblem(source, e, 'error')));
  // Tags are resolved the way go-yaml v2 does it (scalar.ts), not the way the yaml package warns about them.
  const warnings = doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED').map((w) => mapSpan(toProblem(source, w, 'warning')));
  const converter = new Converter(source, text, toOriginal, kyaml);
  const root = converter.convert(doc.contents as ParsedNode | null);
  // A value its tag refuses (`!!timestamp abc`) is judged once, as kubectl's error: the yaml package's own error on that tag goes.
  const refusedTags = new Set(converter.problems.filter((p) => p.code === 'yaml-tag' && p.severity === 'error').map((p) => p.span.start));
  const kept = errors.filter((e) => e.code !== 'yaml-tag' || !refusedTags.has(e.span.start));
  return { root, errors: kept, warnings, converterProblems: converter.problems, repairs };
}

const MISSING_SPACE = /^(\s*(?:-\s+)*)([A-Za-z0-9_][\w.\/-]*):(?=[^\s:\/])/;

/**
 * Repairs the two mistakes that derail a YAML parser most (no space after a key's colon, tabs in the
 * indentation) in a copy of the text, so the rest of the document can still be read as meant. Each
 * repair is reported once; `toOriginal` maps offsets in the copy back to the text.
 */
function repairText(text: string): { text: string; problems: ParseProblem[]; toOriginal: (offset: number) => number } {
  const problems: ParseProblem[] = [];
  const inserts: { at: number; count: number }[] = [];
  let out = '';
  let lineStart = 0;
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const repaired = repairLine(text.slice(lineStart, lineEnd), lineStart);
    problems.push(...repaired.problems);
    inserts.push(...repaired.inserts);
    out += repaired.line;
    lineStart = lineEnd;
  }
  const points = inserts.filter((i) => i.count > 0).sort((a, b) => a.at - b.at);
  // Where each insert sits in the copy, and the characters inserted before it: a binary search per offset.
  const repairedAt = new Array<number>(points.length);
  const shiftBefore = new Array<number>(points.length);
  let shift = 0;
  points.forEach((p, i) => {
    shiftBefore[i] = shift;
    repairedAt[i] = p.at + shift;
    shift += p.count;
  });
  const toOriginal = (offset: number) => {
    let low = 0;
    let high = points.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (repairedAt[mid] <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (found === -1) return offset;
    if (offset < repairedAt[found] + points[found].count) return points[found].at;
    return offset - shiftBefore[found] - points[found].count;
  };
  return { text: out, problems, toOriginal };
}

/** repairText of one line (with its line break) that starts at `lineStart` in the text: the repaired line, its problems and inserts. */
export function repairLine(text: string, lineStart: number): { line: string; problems: ParseProblem[]; inserts: { at: number; count: number }[] } {
  const problems: ParseProblem[] = [];
  const inserts: { at: number; count: number }[] = [];
  const lineEnd = lineStart + text.length;
  let line = text;
  const tabs = /^[ ]*\t[ \t]*/.exec(line);
  if (tabs) {
    const indent = tabs[0];
    const spaces = indent.replace(/\t/g, '  ');
    problems.push({ code: 'yaml-syntax', severity: 'error', span: { start: lineStart + indent.indexOf('\t'), end: lineStart + indent.length }, message: 'Tabs are not allowed for indentation in YAML: indent with spaces.' });
    inserts.push(...indentInserts(lineStart, indent));
    line = spaces + line.slice(indent.length);
  }
  const m = MISSING_SPACE.exec(line);
  if (m && !/^\s*#/.test(line)) {
    const colonInLine = m[1].length + m[2].length;
    const originalColon = lineStart + colonInLine - (line.length - (lineEnd - lineStart));
    const rest = line.slice(colonInLine + 1).trim();
    problems.push({ code: 'yaml-syntax', severity: 'error', span: { start: originalColon, end: originalColon + 1 }, message: `Missing space after ':' in "${line.trim()}": write "${m[2]}: ${rest}", with a space after the colon.` });
    inserts.push({ at: originalColon + 1, count: 1 });
    line = line.slice(0, colonInLine + 1) + ' ' + line.slice(colonInLine + 1);
  }
  return { line, problems, inserts };
}

/** Each tab of an indentation becomes two spaces: one extra character inserted after the tab. */
function indentInserts(lineStart: number, indent: string): { at: number; count: number }[] {
  const result: { at: number; count: number }[] = [];
  for (let i = 0; i < indent.length; i++) if (indent[i] === '\t') result.push({ at: lineStart + i + 1, count: 1 });
  return result;
}

// The yaml package can report several errors for one mistake; keep the first one on each line.
function dedupeByLine(text: string, errors: YAMLError[]): YAMLError[] {
  const seen = new Set<number>();
  const kept: YAMLError[] = [];
  const lines = errors.length > 1 ? new LineIndex(text) : undefined;
  for (const e of errors) {
    if (e.code === 'DUPLICATE_KEY') continue;
    const line = lines ? lines.positionAt(e.pos[0]).line : 0;
    if (seen.has(line)) continue;
    seen.add(line);
    kept.push(e);
  }
  return kept;
}


function toProblem(text: string, e: YAMLError, severity: 'error' | 'warning'): ParseProblem {
  let start = Math.max(0, Math.min(e.pos[0], text.length));
  let end = Math.max(start, Math.min(e.pos[1], text.length));
  const lineEnd = text.indexOf('\n', start);
  const firstLine = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
  const headline = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  let message = `${headline}.`;
  const noSpace = /^(\s*)([^\s:#'"][^\s:]*):(?=[^\s])/.exec(firstLine);
  if ((e.code === 'MULTILINE_IMPLICIT_KEY' || e.code === 'MISSING_CHAR' || e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'UNEXPECTED_TOKEN') && noSpace) {
    const colon = start + noSpace[1].length + noSpace[2].length;
    const rest = firstLine.slice(noSpace[1].length + noSpace[2].length + 1).trim();
    start = colon;
    end = colon + 1;
    message = `Missing space after ':' in "${firstLine.trim()}": write "${noSpace[2]}: ${rest}", with a space after the colon.`;
  } else if (e.code === 'TAB_AS_INDENT') {
    message = 'Tabs are not allowed for indentation in YAML: indent with spaces.';
  } else if (e.code === 'BAD_INDENT' || e.code === 'MULTILINE_IMPLICIT_KEY' || e.code === 'BLOCK_AS_IMPLICIT_KEY') {
    message = `${headline}. Check the indentation: keys of one mapping must start in the same column.`;
  } else if (e.code === 'TAG_RESOLVE_FAILED') {
    message = `${headline}; kubectl does not know this tag and will fail to convert the document to JSON.`;
  }
  const quote = /Missing closing (["'])quote/.exec(e.message);
  if (quote) {
    const open = text.lastIndexOf(quote[1], Math.max(0, start - 1));
    if (open !== -1) {
      start = open;
      end = text.length;
      message = `This ${quote[1] === '"' ? 'double' : 'single'}-quoted string is never closed: add the closing ${quote[1]}.`;
    }
  } else if (start > 0 && (start >= text.length || text[start] === '\n')) {
    while (start > 0 && /\s/.test(text[start - 1])) start--;
    start = Math.max(0, start - 1);
    end = start + 1;
  }
  const startLineEnd = text.indexOf('\n', start);
  if (startLineEnd !== -1 && end > startLineEnd) end = Math.max(startLineEnd, start + 1);
  if (end === start && start < text.length) end = start + 1;
  return { code: e.code === 'TAG_RESOLVE_FAILED' ? 'yaml-tag' : 'yaml-syntax', severity, span: { start, end }, message };
}

const STYLE: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'block',
  BLOCK_FOLDED: 'block',
};

const KYAML_BOOLEANS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

class Converter {
  readonly problems: ParseProblem[] = [];
  private readonly anchors = new Map<string, Node>();

  constructor(
    private readonly source: string,
    readonly text: string,
    private readonly toOriginal: (offset: number) => number,
    private readonly kyaml: boolean,
  ) {}

  convert(node: ParsedNode | YamlNode | null | undefined): Node | null {
    if (!node) return null;
    const result = this.convertNode(node);
    const anchor = (node as { anchor?: string }).anchor;
    if (result && anchor) this.anchors.set(anchor, result);
    return result;
  }

  private span(node: YamlNode): Span {
    const r = node.range ?? [0, 0, 0];
    return { start: this.toOriginal(r[0]), end: this.toOriginal(r[1]) };
  }

  private convertNode(node: YamlNode): Node | null {
    if (isScalar(node)) return this.scalar(node);
    if (isAlias(node)) return this.alias(node);
    if (isMap(node)) {
      const pairs: Pair[] = [];
      for (const item of node.items) {
        const key = this.convert(item.key as YamlNode | null);
        const value = this.convert(item.value as YamlNode | null);
        const start = key ? key.span.start : value ? value.span.start : 0;
        const end = value ? value.span.end : key ? key.span.end : start;
        pairs.push({ key, value, span: { start, end } });
      }
      return { kind: 'map', span: this.span(node), pairs, flow: Boolean(node.flow), anchor: node.anchor };
    }
    if (isSeq(node)) {
      const items: Node[] = [];
      for (const item of node.items) {
        const converted = this.convert(item as YamlNode);
        if (converted) items.push(converted);
      }
      return { kind: 'seq', span: this.span(node), items, flow: Boolean(node.flow), anchor: node.anchor };
    }
    return null;
  }

  /** The span of the tag written before a scalar that starts at `valueStart` (the scalar's span if none is found). */
  private tagSpan(valueStart: number, fallback: Span): Span {
    const tag = tagBefore(this.source, valueStart);
    return tag ? { start: this.toOriginal(tag.start), end: this.toOriginal(tag.end) } : fallback;
  }

  private alias(node: Alias): Node {
    const span = this.span(node);
    const target = this.anchors.get(node.source);
    // gopkg.in/yaml.v2 decode.go (*parser).alias: an alias before (or without) its anchor fails the whole file.
    // An alias without a name (`*` alone) is already the syntax error "Alias cannot be an empty string".
    if (!target && node.source) this.problems.push({ code: 'alias-unknown', severity: 'error', span, message: `kubectl cannot read this file: the alias *${node.source} refers to no anchor defined before it ("yaml: unknown anchor '${node.source}' referenced"). Define &${node.source} on an earlier value, or write the value out.` });
    return { kind: 'alias', span, name: node.source, target };
  }

  private scalar(node: Scalar): ScalarNode {
    const span = this.span(node);
    const style = STYLE[node.type ?? 'PLAIN'] ?? 'plain';
    const r = node.range ?? [0, 0, 0];
    const source = node.source ?? (style === 'plain' ? this.source.slice(r[0], r[1]) : node.value);
    const text = typeof source === 'string' ? source : String(source);
    const tag = node.tag ?? '';
    const { scalar, kubectl } = resolvedScalar(span, style, node.tag, node.anchor, text, this.kyaml);
    const tagged = tag && tag !== '!' ? this.tagSpan(r[0], span) : span;
    if (kubectl.error) {
      this.problems.push({ code: 'yaml-tag', severity: 'error', span: tagged, message: `kubectl cannot read this file: "yaml: ${kubectl.error}". Remove the tag ${SHORT_TAG(tag)} or write a value it accepts.` });
    } else if (kubectl.ignoredTag) {
      this.problems.push({ code: 'yaml-tag', severity: 'warning', span: tagged, message: `kubectl ignores the tag ${SHORT_TAG(tag)} (go-yaml v2 resolves only the standard !! tags) and sends the string ${JSON.stringify(text)}.` });
    }
    return scalar;
  }
}

/** A scalar node of `text` written in `style`, resolved the way kubectl resolves it (and how YAML 1.2 reads it, where that differs). */
export function resolvedScalar(span: Span, style: ScalarStyle, nodeTag: string | undefined, anchor: string | undefined, text: string, kyaml: boolean): { scalar: ScalarNode; kubectl: ReturnType<typeof resolveScalar> } {
  const tag = nodeTag ?? '';
  let kubectl = resolveScalar(text, tag, style === 'plain');
  // sigs.k8s.io/kustomize/kyaml reads with go-yaml v3: only true/false are booleans; it writes `yes` back as "yes".
  if (kyaml && tag === '' && kubectl.type === 'boolean' && !KYAML_BOOLEANS.has(text)) kubectl = { value: text, type: 'string' };
  // One literal in a fixed order: every scalar of every document shares one hidden class (a spread
  // of a base object gave each scalar a map of its own, most of the model's memory).
  const scalar: ScalarNode = { kind: 'scalar', span, style, tag: nodeTag, anchor, text, value: kubectl.value, type: kubectl.type };
  if (kubectl.json !== undefined) scalar.json = kubectl.json;
  if (kubectl.goType) scalar.goType = kubectl.goType;
  if (kubectl.unencodable) scalar.unencodable = true;
  if (kubectl.error) scalar.kubectlError = kubectl.error;
  if (style === 'plain' && tag === '') {
    const yaml12 = resolveYaml12(text);
    if (readsDifferently(kubectl, yaml12)) scalar.yaml12 = { value: yaml12.value, type: yaml12.type };
  }
  return { scalar, kubectl };
}

const SHORT_TAG = (tag: string) => (tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag);

const ALIAS_RATIO_LOW = 400000;
const ALIAS_RATIO_HIGH = 4000000;

// go.yaml.in/yaml/v2 decode.go: allowedAliasRatio (exported for its test: the upper end of its range needs a
// document of more than 4 million decodes, too slow to parse in a unit test).
export function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

/**
 * Counts decode operations as go-yaml v2 does (every node, aliases expanded), in linear time by
 * memoising each anchored node's size, and applies its "excessive aliasing" rule (decode.go,
 * (*decoder).unmarshal): checked after every node it decodes, in document order, with the document
 * node counted too. Within one alias's expansion the aliased share only grows, so checking at the end
 * of each expansion outside aliases finds the first failure go-yaml meets.
 */
function countExpandedNodes(root: Node | null): { count: number; bomb?: Span } {
  if (!root) return { count: 0 };
  const memo = new Map<Node, number>();
  let decoded = 1; // the document node
  let aliased = 0;
  let firstAlias: Span | undefined;
  let bomb = false;
  const size = (node: Node, inAlias: boolean): number => {
    if (inAlias) {
      const known = memo.get(node);
      if (known !== undefined) return known;
    } else {
      decoded++;
    }
    let total = 1;
    if (node.kind === 'map') {
      for (const p of node.pairs) total += (p.key ? size(p.key, inAlias) : 0) + (p.value ? size(p.value, inAlias) : 0);
    } else if (node.kind === 'seq') {
      for (const item of node.items) total += size(item, inAlias);
    } else if (node.kind === 'alias') {
      firstAlias ??= node.span;
      if (node.target) {
        const expanded = size(node.target, true);
        total += expanded;
        if (!inAlias) {
          decoded += expanded;
          aliased += expanded;
          bomb ||= aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded);
        }
      }
    }
    if (inAlias) memo.set(node, total);
    return total;
  };
  const count = size(root, false);
  return bomb ? { count, bomb: firstAlias } : { count };
}

/**
 * The tag written before a value that starts at `valueStart` in `text` (`!!int "5"`: the span of `!!int`), if any: the
 * token before the value or before its anchor, across blanks, line breaks and comments (`!!int &a 5`, `!!int # c` / `5`).
 * In a flow collection the tag may follow `[`, `{` or `,` without a blank (`[!!int 5]`, `[1,!!int 5]`): a shorthand tag
 * holds none of those characters (YAML 1.2.2 ns-tag-char), a verbatim one (`!<tag:yaml.org,2002:int>`) may.
 */
export function tagBefore(text: string, valueStart: number): Span | undefined {
  let end = separatorStart(text, valueStart);
  let start = tokenStart(text, end);
  if (text[start] === '&') {
    end = separatorStart(text, start);
    start = tokenStart(text, end);
  }
  const tag = TAG_AT_END.exec(text.slice(start, end));
  return tag ? { start: end - tag[1].length, end } : undefined;
}

/** A token's last tag: the whole token, or what follows its last flow indicator. */
const TAG_AT_END = /(?:^|[[{,])(!(?:<[^>]*>|[^[\]{},]*))$/;

/** Where the blanks, line breaks and comments that end at `at` start (a comment: from a `#` after a blank or at its line's start). */
function separatorStart(text: string, at: number): number {
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  while (text[at - 1] === '\n') {
    const lineStart = text.lastIndexOf('\n', at - 2) + 1;
    const comment = /(?:^|[ \t])#/.exec(text.slice(lineStart, at));
    at = comment ? lineStart + comment.index : at - 1;
    while (at > 0 && /\s/.test(text[at - 1]) && text[at - 1] !== '\n') at--;
  }
  return at;
}

function tokenStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  return start;
}
