// An edit inside one plain scalar, applied to a document's model without reading the document again:
// letters and digits typed into (or deleted from) the middle or the end of a word leave every token of
// the YAML text where it was, so the model after the edit is the model before it with that scalar
// resolved again and every later span moved. A keystroke in a value of a 20,000-line document then
// costs the nodes after it, not the `yaml` package's reading of 20,000 lines. Whatever this cannot
// prove the same as parseYamlDocument (another kind of edit, a problem on the edited line, the other
// reading winning now) it leaves to parseYamlDocument, by returning undefined.
import { MAX_SYNTAX_PROBLEMS } from './model';
import type { DocumentModel, Node, Pair, ParseProblem, ScalarNode, Span } from './model';
import { readingOf, recordReading, repairLine, resolvedScalar, writtenErrorCount } from './yamlParser';
import type { TextEdit } from './yamlParser';

const WORD = /^[A-Za-z0-9]*$/;
const isWordChar = (c: string | undefined) => c !== undefined && c.length === 1 && WORD.test(c);
/** The yaml package refuses implicit keys longer than 1024 characters: lines near that length are read again. */
const MAX_LINE = 1000;

/**
 * parseYamlDocument(text) for a document whose model before the edit is `previous` (its text became
 * `text` by `edit`, in offsets of the document), when the edit lies inside one plain, untagged,
 * unanchored, single-line scalar of the model: letters and digits inserted after one of its letters or
 * digits, or a stretch of it deleted between two letters or digits. Undefined when the edit is not of
 * that kind or what it changes cannot be told without reading the document again.
 */
export function editYamlDocument(previous: DocumentModel, text: string, edit: TextEdit): DocumentModel | undefined {
  const reading = readingOf(previous);
  const old = previous.text;
  const { start: s, oldEnd: oe, newEnd: ne } = edit;
  const delta = ne - oe;
  if (!reading || !previous.root || s < 0 || oe > old.length || text.length !== old.length + delta) return undefined;
  if (reading.winner === 'written' && reading.compared) return undefined;
  const inserted = text.slice(s, ne);
  if (!WORD.test(inserted) || (inserted === '' && oe === s)) return undefined;
  if (text.slice(0, s) !== old.slice(0, s) || text.slice(ne) !== old.slice(oe)) return undefined;
  const scalar = findScalar(previous.root, s, oe);
  if (!scalar || scalar.style !== 'plain' || scalar.tag !== undefined || scalar.anchor !== undefined || scalar.span.start >= s || oe > scalar.span.end) return undefined;
  if (scalar.text !== old.slice(scalar.span.start, scalar.span.end) || /[\r\n]/.test(scalar.text)) return undefined;
  if (!isWordChar(old[s - 1]) || (oe < scalar.span.end && !isWordChar(old[oe]))) return undefined;

  const lineStart = old.lastIndexOf('\n', s - 1) + 1;
  const oldBreak = old.indexOf('\n', oe);
  const oldLineEnd = oldBreak === -1 ? old.length : oldBreak + 1;
  const newLineEnd = oldLineEnd + delta;
  if (newLineEnd - lineStart > MAX_LINE || oldLineEnd - lineStart > MAX_LINE) return undefined;
  // Repairs are made line by line: the edited line must need the same repairs before and after.
  const oldRepair = repairLine(old.slice(lineStart, oldLineEnd), lineStart);
  const newRepair = repairLine(text.slice(lineStart, newLineEnd), lineStart);
  if (reading.winner === 'written' && reading.errors > 0 && newRepair.problems.length > 0) return undefined;
  const moveStart = (p: number) => (p <= s ? p : p + delta);
  const moveEnd = (p: number) => (p < oe ? p : p + delta);
  if (reading.winner === 'repaired') {
    if (oldRepair.problems.length !== newRepair.problems.length || oldRepair.inserts.length !== newRepair.inserts.length) return undefined;
    for (let i = 0; i < oldRepair.inserts.length; i++) {
      const was = oldRepair.inserts[i];
      const now = newRepair.inserts[i];
      if (was.count !== now.count || moveStart(was.at) !== now.at || (was.at > s && was.at < oe)) return undefined;
    }
  }

  const problems = moveProblems(previous.problems, lineStart, oldBreak === -1 ? old.length : oldBreak, moveStart, moveEnd, reading.winner === 'repaired' ? oldRepair.problems : [], newRepair.problems);
  if (!problems) return undefined;
  const { scalar: replacement, kubectl } = resolvedScalar({ start: scalar.span.start, end: moveEnd(scalar.span.end) }, 'plain', undefined, undefined, text.slice(scalar.span.start, moveEnd(scalar.span.end)), false);
  if (kubectl.error || kubectl.ignoredTag) return undefined;
  // The text as written is read again only to count its errors: the repaired reading must still have fewer.
  if (reading.winner === 'repaired' && !(reading.errors < writtenErrorCount(text))) return undefined;

  const root = moveTree(previous.root, s, scalar, replacement, moveStart, moveEnd);
  const model: DocumentModel = { text, root, problems, hasSyntaxErrors: previous.hasSyntaxErrors, expandedNodeCount: previous.expandedNodeCount };
  recordReading(model, reading);
  return model;
}

/** The deepest scalar whose span holds [s, oe]. */
function findScalar(root: Node, s: number, oe: number): ScalarNode | undefined {
  let node: Node | null = root;
  const holds = (n: Node | null): n is Node => n !== null && n.span.start <= s && oe <= n.span.end;
  while (node) {
    if (node.kind === 'scalar') return node;
    let next: Node | null = null;
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        if (holds(pair.key) && pair.key.kind !== 'alias') next = pair.key;
        else if (holds(pair.value) && pair.value.kind !== 'alias') next = pair.value;
        if (next) break;
      }
    } else if (node.kind === 'seq') {
      next = node.items.find((item) => holds(item) && item.kind !== 'alias') ?? null;
    }
    node = next;
  }
  return undefined;
}

/**
 * The problems after the edit: those wholly before the edited line as they are, those after it moved.
 * A problem on the edited line must be one of its repairs (which are worded again from the new line);
 * any other means undefined. Where only the first MAX_SYNTAX_PROBLEMS are kept, the one that says how
 * many more there are must not be on the edited line.
 */
function moveProblems(problems: ParseProblem[], lineStart: number, lineEnd: number, moveStart: (p: number) => number, moveEnd: (p: number) => number, oldRepairs: ParseProblem[], newRepairs: ParseProblem[]): ParseProblem[] | undefined {
  const capped = problems.length > MAX_SYNTAX_PROBLEMS;
  const onLine = (span: Span) => !(span.end < lineStart || (span.end === lineStart && span.start < lineStart) || span.start > lineEnd);
  const result = new Array<ParseProblem>(problems.length);
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i];
    if (onLine(p.span)) {
      if (capped && i === problems.length - 1) return undefined;
      const k = oldRepairs.findIndex((r) => r.code === p.code && r.message === p.message && r.span.start === p.span.start && r.span.end === p.span.end);
      if (k === -1) return undefined;
      result[i] = newRepairs[k];
    } else if (p.span.start > lineEnd) {
      result[i] = { code: p.code, message: p.message, span: { start: moveStart(p.span.start), end: moveEnd(p.span.end) }, severity: p.severity };
    } else {
      result[i] = p;
    }
  }
  // Either every repair of the line is shown or none is (they all lie past the one that says how many more).
  const shown = result.filter((p) => newRepairs.includes(p)).length;
  if (shown !== 0 && shown !== newRepairs.length) return undefined;
  return result;
}

/** The tree with `scalar` replaced and every span after the edit moved; nodes wholly before it are kept as they are. */
function moveTree(root: Node, s: number, scalar: ScalarNode, replacement: ScalarNode, moveStart: (p: number) => number, moveEnd: (p: number) => number): Node {
  const moved = new Map<Node, Node>();
  const span = (n: { span: Span }): Span => ({ start: moveStart(n.span.start), end: moveEnd(n.span.end) });
  const move = (node: Node): Node => {
    if (node.span.end < s) return node;
    let result: Node;
    if (node === scalar) result = replacement;
    else if (node.kind === 'scalar') result = movedScalar(node, span(node));
    else if (node.kind === 'map') {
      const pairs: Pair[] = node.pairs.map((p) => (p.span.end < s && (!p.key || p.key.span.end < s) && (!p.value || p.value.span.end < s) ? p : { key: p.key && move(p.key), value: p.value && move(p.value), span: span(p) }));
      result = { kind: 'map', span: span(node), pairs, flow: node.flow, anchor: node.anchor };
    } else if (node.kind === 'seq') {
      result = { kind: 'seq', span: span(node), items: node.items.map(move), flow: node.flow, anchor: node.anchor };
    } else {
      result = { kind: 'alias', span: span(node), name: node.name, target: node.target && (moved.get(node.target) ?? node.target) };
    }
    if (node.kind !== 'alias' && node.anchor !== undefined) moved.set(node, result);
    return result;
  };
  return move(root);
}

/** A copy of a scalar at another span, built in the field order of resolvedScalar (one hidden class for all scalars). */
function movedScalar(n: ScalarNode, span: Span): ScalarNode {
  const scalar: ScalarNode = { kind: 'scalar', span, style: n.style, tag: n.tag, anchor: n.anchor, text: n.text, value: n.value, type: n.type };
  if (n.json !== undefined) scalar.json = n.json;
  if (n.goType) scalar.goType = n.goType;
  if (n.unencodable) scalar.unencodable = true;
  if (n.kubectlError !== undefined) scalar.kubectlError = n.kubectlError;
  if (n.yaml12) scalar.yaml12 = n.yaml12;
  return scalar;
}
