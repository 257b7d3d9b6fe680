// Quick fixes for our diagnostics, driven by the FixData that validation attaches (spans in file
// offsets), plus one "fix all" source action. Edits are computed on the text so that comments and
// layout survive, for block and flow YAML and JSON alike; in a JSON file a fix that would leave
// invalid JSON is not offered.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { LineIndex, ParsedFile } from '../document/file';
import { getPair, keyText } from '../document/model';
import type { DocumentModel, FileModel, MapNode, Pair, Span } from '../document/model';
import { documentAt, locate } from '../document/path';
import { tagBefore } from '../document/yamlParser';
import { findPolicies } from '../document/policies';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { shiftFix } from './validation';
import type { FixData } from './validation';

/** The code action kind of the file-wide "fix all" action. */
export const FIX_ALL_KIND = 'source.fixAll.migrationpolicy';

/** Codes whose first fix guesses what the author meant; "fix all" leaves them to a person. */
const GUESSES = new Set(['bandwidth-small', 'bandwidth-milli', 'negative', 'out-of-range', 'yaml11-number']);

const MAX_VERIFIED_JSON = 256 * 1024;

/** A raw edit: document-relative offsets while a fix is computed, file offsets once returned. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Fix {
  title: string;
  edits: Edit[];
}

/**
 * Quick fixes for the given diagnostics (only ours, with fix data), the first of each preferred,
 * followed by a "Fix all auto-fixable problems in this file" action over the same diagnostics (the
 * client sends the whole file's diagnostics when it asks for `source.fixAll` on save).
 */
export function getCodeActions(document: ParsedFile, diagnostics: Diagnostic[]): CodeAction[] {
  const { uri, file, lines } = document;
  const all = collectFixes(file, lines, diagnostics);
  const actions: CodeAction[] = [];
  for (const { d, fixes } of all) {
    fixes.forEach((fix, i) => {
      const action: CodeAction = { title: fix.title, kind: 'quickfix', diagnostics: [d], edit: toWorkspaceEdit(uri, lines, fix.edits) };
      if (i === 0) action.isPreferred = true;
      actions.push(action);
    });
  }
  const fixAll = fixAllAction(uri, file, lines, all);
  if (fixAll) actions.push(fixAll);
  return actions;
}

/**
 * One source action applying the preferred fix of every diagnostic whose edits do not overlap an
 * earlier one's. Fixes that guess the author's intent are left out: a bandwidth unit, a clamped or
 * negated number, an octal reading, and any replacement offered among several alternatives.
 */
function fixAllAction(uri: string, file: FileModel, lines: LineIndex, all: { d: Diagnostic; fixes: Fix[] }[]): CodeAction | undefined {
  const accepted: Edit[] = [];
  const fixed: Diagnostic[] = [];
  for (const { d, fixes } of all) {
    const fix = fixes[0];
    if (!fix || GUESSES.has(String(d.code)) || (isReplace(d.data) && d.data.replacements.length > 1)) continue;
    if (fix.edits.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    accepted.push(...fix.edits);
    fixed.push(d);
  }
  if (!accepted.length || !jsonVerifier(file)(accepted)) return undefined;
  return { title: 'Fix all auto-fixable problems in this file', kind: FIX_ALL_KIND, diagnostics: fixed, edit: toWorkspaceEdit(uri, lines, accepted) };
}

function collectFixes(file: FileModel, lines: LineIndex, diagnostics: Diagnostic[]): { d: Diagnostic; fixes: Fix[] }[] {
  const keepsJson = jsonVerifier(file);
  return diagnostics.map((d) => ({ d, fixes: getFixes(file, lines, d).filter((f) => keepsJson(f.edits)) }));
}

const overlaps = (a: Edit, b: Edit) => a.start === b.start || (a.start < b.end && b.start < a.end);

function isReplace(data: unknown): data is { kind: 'replace'; replacements: string[] } {
  return isFixData(data) && data.kind === 'replace';
}

function toWorkspaceEdit(uri: string, lines: LineIndex, edits: Edit[]) {
  const textEdits: TextEdit[] = [...edits].sort((a, b) => a.start - b.start).map((e) => ({ range: lines.range(0, e), newText: e.text }));
  return { changes: { [uri]: textEdits } };
}

function isSpan(s: unknown): s is Span {
  return typeof s === 'object' && s !== null && Number.isInteger((s as Span).start) && Number.isInteger((s as Span).end) && (s as Span).start <= (s as Span).end;
}

/** Fix data comes back from the client as JSON: check its shape before trusting it. */
function isFixData(data: unknown): data is FixData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { kind?: unknown; replacements?: unknown; pair?: unknown; spec?: unknown; value?: unknown };
  switch (d.kind) {
    case 'replace':
    case 'rename':
      return Array.isArray(d.replacements) && d.replacements.every((r) => typeof r === 'string');
    case 'removePair':
    case 'flattenSelector':
      return isSpan(d.pair);
    case 'setValue':
      return isSpan(d.pair) && typeof d.value === 'string';
    case 'insertSelectors':
      return d.spec === undefined || isSpan(d.spec);
    default:
      return false;
  }
}

/** The fixes for one diagnostic, best first; empty when it is not ours or cannot be fixed safely. */
function getFixes(file: FileModel, lines: LineIndex, d: Diagnostic): Fix[] {
  if (d.source !== DIAGNOSTIC_SOURCE || !isFixData(d.data)) return [];
  const start = lines.offsetAt(d.range.start);
  const doc = documentAt(file, start);
  if (!doc) return [];
  const range = { start: start - doc.offset, end: lines.offsetAt(d.range.end) - doc.offset };
  try {
    const tools = new TextTools(doc.model.text, file.language === 'json');
    const fixes = computeFixes(tools, doc.model, range, shiftFix(d.data, -doc.offset));
    return fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ start: e.start + doc.offset, end: e.end + doc.offset, text: e.text })) }));
  } catch {
    return [];
  }
}

/** Fixes in document-relative offsets. */
function computeFixes(t: TextTools, doc: DocumentModel, range: Span, data: FixData): Fix[] {
  switch (data.kind) {
    case 'replace': {
      const fixes: Fix[] = data.replacements.map((r, i) => ({ title: `Change to ${r}${data.notes?.[i] ? ` (${data.notes[i]})` : ''}`, edits: [{ ...range, text: t.literal(r, false) }] }));
      const found = data.removable && findPair(doc, data.removable);
      if (found) fixes.push({ title: `Remove ${found.path.join('.')} (the KubeVirt CR's value applies)`, edits: [t.removePair(found.map, found.index)] });
      return fixes;
    }
    case 'rename': {
      const siblings = locate(doc.root, range.start).maps.at(-1);
      return data.replacements.filter((r) => !siblings || !getPair(siblings, r)).map((r) => ({ title: `Rename to ${r}`, edits: [{ ...range, text: t.literal(r, true) }] }));
    }
    case 'removePair': {
      const found = findPair(doc, data.pair);
      return found ? [{ title: `Remove ${found.path.join('.')}`, edits: [t.removePair(found.map, found.index)] }] : [];
    }
    case 'flattenSelector': {
      const found = findPair(doc, data.pair);
      const edit = found && t.flatten(found.map, found.index);
      return edit ? [{ title: `Move the labels of matchLabels up into ${found.path[found.path.length - 2] ?? 'the selector'}`, edits: [edit] }] : [];
    }
    case 'insertSelectors':
      return insertSelectors(t, doc, range.start, data.spec);
    case 'setValue': {
      const found = findPair(doc, data.pair);
      const edit = found && setValue(t, found.map.pairs[found.index], data.value);
      return edit ? [{ title: data.value === '""' ? 'Change to "" (require an empty label value)' : `Set to ${data.value}`, edits: [edit] }] : [];
    }
  }
}

/**
 * Replaces a pair's null value (`~`, `null`) or writes one after a bare `key:`; a key of a flow map
 * written without a colon (`{app, tier: web}`) gets the colon too (`{app: "", tier: web}`).
 */
function setValue(t: TextTools, pair: Pair, text: string): Edit | undefined {
  if (pair.value && pair.value.span.end > pair.value.span.start) return { ...pair.value.span, text };
  if (t.json || !pair.key) return undefined;
  const end = pair.key.span.end;
  const colon = t.nextSignificant(end);
  if (t.text[colon] === ':') return { start: colon + 1, end: colon + 1, text: ` ${text}` };
  // An explicit key without a value (`? app`): `: x` after it would become part of the key.
  return t.text[t.previousSignificant(pair.key.span.start)] === '?' ? undefined : { start: end, end, text: `: ${text}` };
}

/** The pair with exactly this span, its map and its path from the policy (`metadata`, `namespace`). */
function findPair(doc: DocumentModel, span: Span): { map: MapNode; index: number; path: (string | number)[] } | undefined {
  const location = locate(doc.root, span.start);
  const map = location.maps[location.maps.length - 1];
  const index = map ? map.pairs.findIndex((p) => p.span.start === span.start && p.span.end === span.end) : -1;
  if (!map || index === -1) return undefined;
  const policy = policyAt(doc, span.start);
  return { map, index, path: policy ? locate(policy, span.start).path : location.path };
}

function policyAt(doc: DocumentModel, offset: number): MapNode | undefined {
  return findPolicies(doc.root).find((p) => p.span.start <= offset && offset <= p.span.end);
}

function insertSelectors(t: TextTools, doc: DocumentModel, at: number, specSpan: Span | undefined): Fix[] {
  const policy = policyAt(doc, at);
  if (!policy) return [];
  const specPair = getPair(policy, 'spec');
  if (specSpan) {
    const spec = specPair?.value;
    if (!specPair?.key || spec?.kind !== 'map' || spec.span.start !== specSpan.start) return [];
    return t.insertIntoSpec(spec, specPair.key.span.start);
  }
  const append = specPair ? undefined : t.appendSpec(policy);
  if (!specPair) return append ? [{ title: 'Add `spec` with `selectors: {}`', edits: [append] }] : [];
  const pair = locate(doc.root, at).pair;
  if (!pair?.key || keyText(pair) !== 'selectors' || pair.key.span.start !== at) return [];
  const edit = setValue(t, pair, '{}');
  return edit ? [{ title: 'Set `selectors` to `{}` (match every VMI)', edits: [edit] }] : [];
}

/** Text-level editing helpers over one document's text (document-relative offsets). */
class TextTools {
  constructor(
    readonly text: string,
    readonly json: boolean,
  ) {}

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The whitespace before `offset` on its line as written (tabs kept), or spaces up to its column. */
  indentOf(offset: number): string {
    const prefix = this.text.slice(this.lineStart(offset), offset);
    return /^[ \t]*$/.test(prefix) ? prefix : ' '.repeat(prefix.length);
  }

  startsLine(offset: number): boolean {
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(offset), offset));
  }

  /** The offset after the end of the line holding `offset` (after its newline). */
  afterLine(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl + 1;
  }

  nextSignificant(offset: number): number {
    let i = offset;
    while (i < this.text.length && /\s/.test(this.text[i])) i++;
    return i;
  }

  previousSignificant(offset: number): number {
    let i = offset - 1;
    while (i >= 0 && /\s/.test(this.text[i])) i--;
    return i;
  }

  /** A replacement as it must be written here: as is in YAML; a valid JSON literal in JSON. */
  literal(replacement: string, isKey: boolean): string {
    if (!this.json || replacement.startsWith('"')) return replacement;
    return !isKey && /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?)$/.test(replacement) ? replacement : JSON.stringify(replacement);
  }

  /** Where the anchors and tags written on a node's line right before `start` begin (`&k !!str key`: at `&k`). */
  ownPropertiesStart(start: number): number {
    const own = /(?:^|[\s{,])((?:[&!]\S*[ \t]+)+)$/.exec(this.text.slice(this.lineStart(start), start));
    return own ? start - own[1].length : start;
  }

  /** Deletes a pair: whole lines in block maps, the pair and one comma in flow maps and JSON. */
  removePair(map: MapNode, index: number): Edit {
    const pair = map.pairs[index];
    const { end } = pair.span;
    // The key's own anchor or tag (`&k key: 1`, `? !!str key`) goes with the pair: left, it would go to the next key.
    let start = this.ownPropertiesStart(pair.span.start);
    if (map.flow) {
      const next = this.nextSignificant(end);
      if (this.text[next] === ',') {
        const after = this.nextSignificant(next + 1);
        const restBlank = /^[ \t]*(\r?\n)?$/.test(this.text.slice(next + 1, this.afterLine(next + 1)));
        if (this.startsLine(start) && restBlank) return { start: this.lineStart(start), end: this.afterLine(next + 1), text: '' };
        return { start, end: after, text: '' };
      }
      const previous = this.previousSignificant(start);
      if (this.text[previous] === ',') return { start: previous, end, text: '' };
      return { start: previous + 1, end: next, text: '' };
    }
    const lineEnd = this.text[end - 1] === '\n' ? end : this.afterLine(end);
    // An explicit key (`? key`, its `: value` on the next line) goes with its `?`, also where the map is a
    // list item's (`- ? key`) or a value written after its `: ` (`: ? key`).
    const explicit = /^[ \t]*(?:[-:][ \t]+)*((?:[&!]\S*[ \t]+)*)\?[ \t]+$/.exec(this.text.slice(this.lineStart(start), start));
    if (explicit) {
      start = this.text.lastIndexOf('?', start);
      // An anchor or tag before the first key's `?` (`&m ? key`) is the map's: it stays, on a line of its own (kubectl
      // refuses `&m ? key` on one line; `&m name: p` would give it to the key `name`), before `{}` if no pair is left.
      if (explicit[1]) return { start: start - explicit[1].length + explicit[1].trimEnd().length, end: this.text[lineEnd - 1] === '\n' ? lineEnd - 1 : lineEnd, text: map.pairs.length > 1 ? '' : ' {}' };
    }
    if (this.startsLine(start)) {
      if (map.pairs.length > 1) return { start: this.lineStart(start), end: lineEnd, text: '' };
      const newline = this.text[lineEnd - 1] === '\n' ? '\n' : '';
      const colon = this.previousSignificant(this.lineStart(start));
      if (this.text[colon] === ':') return { start: colon + 1, end: lineEnd, text: ` {}${newline}` };
      return { start: this.lineStart(start), end: lineEnd, text: `${this.indentOf(start)}{}${newline}` };
    }
    if (index + 1 < map.pairs.length) return { start, end: map.pairs[index + 1].span.start, text: '' };
    return { start, end: this.text[lineEnd - 1] === '\n' ? lineEnd - 1 : lineEnd, text: '{}' };
  }

  /** Moves the entries of `matchLabels` (pair `index` of a selector map) up one level, quoting non-strings. */
  flatten(selector: MapNode, index: number): Edit | undefined {
    const pair = selector.pairs[index];
    const labels = pair.value;
    if (!labels || labels.kind !== 'map') return undefined;
    const entries = labels.pairs;
    if (!entries.length) return this.removePair(selector, index);
    const quoted = (p: Pair): Edit[] => {
      const v = p.value;
      if (v?.kind !== 'scalar' || v.type === 'string' || v.type === 'null') return [];
      const value = { start: v.span.start, end: v.span.end, text: JSON.stringify(v.style === 'plain' ? v.text : String(v.value)) };
      // A tag written before the value (`!!int "5"`, or `!!int` at the end of the line above) goes too: kept, it would
      // make the quoted value a number again. An anchor or a comment between them stays (`n: &x "5"`, `n: # c`).
      const tag = v.tag === undefined ? undefined : tagBefore(this.text, v.span.start);
      if (!tag) return [value];
      if (/^\s*$/.test(this.text.slice(tag.end, v.span.start))) return [{ ...value, start: tag.start }];
      // The tag goes with the blanks after it, or before it where it ends its line.
      let after = tag.end;
      while (this.text[after] === ' ' || this.text[after] === '\t') after++;
      const endsLine = this.text[after] === '\n' || this.text[after] === '\r';
      return [{ start: endsLine ? this.previousSignificant(tag.start) + 1 : tag.start, end: after, text: '' }, value];
    };
    if (!selector.flow && labels.flow) {
      const indent = this.indentOf(pair.span.start);
      // Each pair on a line of its own, as written (anchors and tags of key and value kept: an alias elsewhere may
      // name them), the value quoted where it is not a string.
      const lines = entries.map((p) => {
        const key = p.key ? this.text.slice(this.ownPropertiesStart(p.key.span.start), p.key.span.end) : '';
        const colon = p.key ? this.nextSignificant(p.key.span.end) : p.span.start;
        if (!p.value || this.text[colon] !== ':') return `${key}:`;
        const from = this.nextSignificant(colon + 1);
        let value = this.text.slice(from, Math.max(from, p.value.span.end));
        for (const e of quoted(p).sort((a, b) => b.start - a.start)) value = value.slice(0, e.start - from) + e.text + value.slice(e.end - from);
        return value ? `${key}: ${value}` : `${key}:`;
      });
      if (lines.some((l) => l.includes('\n'))) return undefined;
      return { start: pair.span.start, end: labels.span.end, text: lines.join(`\n${indent}`) };
    }
    const from = entries[0].span.start;
    const to = entries[entries.length - 1].span.end;
    let body = this.text.slice(from, to);
    for (const e of entries.flatMap(quoted).sort((a, b) => b.start - a.start)) {
      body = body.slice(0, e.start - from) + e.text + body.slice(e.end - from);
    }
    const sameLine = this.lineStart(from) === this.lineStart(pair.span.start);
    const delta = sameLine || !this.startsLine(from) ? 0 : this.column(from) - this.column(pair.span.start);
    if (delta > 0) body = body.replace(new RegExp(`\\n {1,${delta}}`, 'g'), '\n');
    return { start: pair.span.start, end: selector.flow ? labels.span.end : to, text: body };
  }

  /** `selectors: {}` (and a skeleton) as the first key of an existing spec. */
  insertIntoSpec(spec: MapNode, specKeyStart: number): Fix[] {
    const first = spec.pairs[0];
    if (!first) {
      if (!spec.flow) return [];
      return [{ title: 'Add `selectors: {}` (match every VMI)', edits: [{ ...spec.span, text: this.json ? '{"selectors": {}}' : '{selectors: {}}' }] }];
    }
    const at = first.span.start;
    const indent = this.indentOf(at);
    if (spec.flow) {
      const separator = this.startsLine(at) ? `,\n${indent}` : ', ';
      return [{ title: 'Add `selectors: {}` (match every VMI)', edits: [{ start: at, end: at, text: `${this.json ? '"selectors"' : 'selectors'}: {}${separator}` }] }];
    }
    const step = this.column(at) - this.column(specKeyStart) > 0 ? ' '.repeat(this.column(at) - this.column(specKeyStart)) : '  ';
    return [
      { title: 'Add `selectors: {}` (match every VMI)', edits: [{ start: at, end: at, text: `selectors: {}\n${indent}` }] },
      { title: 'Add `selectors` with a `virtualMachineInstanceSelector`', edits: [{ start: at, end: at, text: `selectors:\n${indent}${step}virtualMachineInstanceSelector: {}\n${indent}` }] },
    ];
  }

  /** `spec:` with `selectors: {}` after the last field of a policy map. */
  appendSpec(policy: MapNode): Edit | undefined {
    const last = policy.pairs[policy.pairs.length - 1];
    const anchor = policy.pairs[0]?.span.start ?? policy.span.start;
    const indent = this.indentOf(last?.span.start ?? anchor);
    if (!policy.flow) {
      const end = policy.span.end;
      const text = `${indent}spec:\n${indent}  selectors: {}`;
      if (this.text[end - 1] === '\n') return { start: end, end, text: `${text}\n` };
      return /^[ \t]*(#.*)?$/.test(this.text.slice(end, this.afterLine(end)).trimEnd()) ? { start: end, end, text: `\n${text}` } : undefined;
    }
    const at = last ? last.span.end : policy.span.start + 1;
    const own = last !== undefined && this.startsLine(last.span.start);
    const spec = this.json ? (own ? `"spec": {\n${indent}  "selectors": {}\n${indent}}` : '"spec": {"selectors": {}}') : 'spec: {selectors: {}}';
    return { start: at, end: at, text: `${last ? (own ? `,\n${indent}` : ', ') : ''}${spec}` };
  }
}

/**
 * For JSON files that JSON.parse accepts (and are small enough to re-parse per fix): a check that a
 * set of edits leaves them valid JSON. Everything else passes.
 */
function jsonVerifier(file: FileModel): (edits: Edit[]) => boolean {
  const parses = (s: string) => {
    try {
      JSON.parse(s);
      return true;
    } catch {
      return false;
    }
  };
  if (file.language !== 'json' || file.text.length > MAX_VERIFIED_JSON || !parses(file.text)) return () => true;
  return (edits) => {
    let out = file.text;
    for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return parses(out);
  };
}
