// JSON text → DocumentModel, through vscode-json-languageservice's tolerant parser (it keeps offsets
// and recovers from errors). JSON manifests then go through the same rules as YAML ones.
import type * as JsonLanguageService from 'vscode-json-languageservice';
import type { ASTNode, Diagnostic } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { limitProblems } from './model';
import type { DocumentModel, Node, Pair, ParseProblem } from './model';
import { findJsonNestingExcess, nestingMessage } from './nesting';

// Loaded on the first JSON file: the server answers `initialize` without it (esbuild.mjs bundles it apart).
let service: JsonLanguageService.LanguageService | undefined;
const jsonService = () => (service ??= (require('vscode-json-languageservice') as typeof JsonLanguageService).getLanguageService({}));

/** Parses a whole JSON file as one document. */
export function parseJsonDocument(text: string): DocumentModel {
  const tooDeep = findJsonNestingExcess(text);
  if (tooDeep) {
    const span = { start: tooDeep.offset, end: Math.min(text.length, tooDeep.offset + 1) };
    return { text, root: null, problems: [{ code: 'json-syntax', severity: 'error', span, message: nestingMessage(tooDeep) }], hasSyntaxErrors: true, expandedNodeCount: 0 };
  }
  const textDocument = TextDocument.create('memory://document.json', 'json', 0, text);
  const problems: ParseProblem[] = [];
  let root: Node | null = null;
  try {
    const parsed = jsonService().parseJSONDocument(textDocument);
    // The runtime object carries the syntax errors; the published type leaves them out.
    const syntaxErrors = (parsed as unknown as { syntaxErrors?: Diagnostic[] }).syntaxErrors ?? [];
    const seenLines = new Set<number>();
    for (const d of syntaxErrors) {
      if (seenLines.has(d.range.start.line)) continue;
      seenLines.add(d.range.start.line);
      const start = textDocument.offsetAt(d.range.start);
      const end = Math.max(textDocument.offsetAt(d.range.end), Math.min(start + 1, text.length));
      problems.push({ code: 'json-syntax', severity: 'error', span: { start, end }, message: `${(typeof d.message === 'string' ? d.message : d.message.value).replace(/\.$/, '')}.` });
    }
    root = parsed.root ? convert(parsed.root) : null;
  } catch (e) {
    problems.push({ code: 'json-syntax', severity: 'error', span: { start: 0, end: Math.min(1, text.length) }, message: `The JSON parser failed: ${(e as Error).message}` });
  }
  return { text, root, problems: limitProblems(problems), hasSyntaxErrors: problems.length > 0, expandedNodeCount: 0 };
}

function convert(node: ASTNode): Node {
  const span = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object': {
      const pairs: Pair[] = node.properties.map((p) => ({
        key: convert(p.keyNode),
        value: p.valueNode ? convert(p.valueNode) : null,
        span: { start: p.offset, end: p.offset + p.length },
      }));
      return { kind: 'map', span, pairs, flow: true };
    }
    case 'array':
      return { kind: 'seq', span, items: node.items.map(convert), flow: true };
    case 'string':
      return { kind: 'scalar', span, text: node.value, style: 'json', value: node.value, type: 'string' };
    case 'number':
      return { kind: 'scalar', span, text: String(node.value), style: 'json', value: node.value, type: Number.isInteger(node.value) ? 'integer' : 'number' };
    case 'boolean':
      return { kind: 'scalar', span, text: String(node.value), style: 'json', value: node.value, type: 'boolean' };
    case 'null':
      return { kind: 'scalar', span, text: 'null', style: 'json', value: null, type: 'null' };
    default:
      return { kind: 'scalar', span, text: '', style: 'json', value: null, type: 'null' };
  }
}
