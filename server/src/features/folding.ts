// Folding ranges for the whole file: multi-line mappings and sequences of every document (ours and
// others, since editors expect folding everywhere and it costs one walk over the written nodes), and
// runs of `#` comment lines. Aliases are leaves: an alias bomb folds in time linear in its text.
import { FoldingRangeKind } from 'vscode-languageserver-types';
import type { FoldingRange } from 'vscode-languageserver-types';
import type { LineIndex, ParsedFile } from '../document/file';
import type { Node } from '../document/model';

/** Folding ranges of a file, at most `limit`, sorted by start line (one per start line). */
export function getFoldingRanges(document: Pick<ParsedFile, 'file' | 'lines'>, limit = 5000): FoldingRange[] {
  const { file, lines } = document;
  const byStart = new Map<number, FoldingRange>();
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine <= startLine) return;
    const existing = byStart.get(startLine);
    if (existing && existing.endLine >= endLine) return;
    byStart.set(startLine, kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  const full = () => byStart.size >= limit;
  for (const { offset, model } of file.documents) {
    if (full()) break;
    const text = model.text;
    const lineOf = (relative: number) => lines.positionAt(offset + relative).line;
    const lastLine = (node: Node) => {
      let end = node.span.end;
      while (end > node.span.start && /\s/.test(text[end - 1])) end--;
      const line = lineOf(end);
      const closer = text[end - 1];
      const flowClose = (node.kind === 'map' || node.kind === 'seq') && node.flow && (closer === '}' || closer === ']');
      return flowClose && /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', end - 2) + 1, end - 1)) ? line - 1 : line;
    };
    const foldable = (node: Node | null): node is Node => node !== null && (node.kind === 'map' || node.kind === 'seq');
    if (model.root && (model.root.kind === 'map' || model.root.kind === 'seq') && model.root.flow) add(lineOf(model.root.span.start), lastLine(model.root));
    const stack: Node[] = model.root ? [model.root] : [];
    while (stack.length && !full()) {
      const node = stack.pop() as Node;
      if (node.kind === 'map') {
        for (const pair of node.pairs) {
          if (!foldable(pair.value)) continue;
          add(lineOf(pair.span.start), lastLine(pair.value));
          stack.push(pair.value);
        }
      } else if (node.kind === 'seq') {
        for (const item of node.items) {
          if (!foldable(item)) continue;
          add(lineOf(item.span.start), lastLine(item));
          stack.push(item);
        }
      }
    }
  }
  if (file.language === 'yaml') addCommentBlocks(file.text, lines, (start, end) => !full() && add(start, end, FoldingRangeKind.Comment));
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine).slice(0, limit);
}

/** Runs of two or more consecutive lines that hold only a `#` comment. */
function addCommentBlocks(text: string, lines: LineIndex, add: (startLine: number, endLine: number) => void): void {
  let runStart = -1;
  let line = 0;
  for (let at = 0; at <= text.length; line++) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const isComment = /^[ \t]*#/.test(text.slice(at, Math.min(end, at + 200)));
    if (isComment && runStart === -1) runStart = line;
    if (!isComment && runStart !== -1) {
      add(runStart, line - 1);
      runStart = -1;
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  if (runStart !== -1) add(runStart, Math.min(line, lines.lineCount - 1));
}
