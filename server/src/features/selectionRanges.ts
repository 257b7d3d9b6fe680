// Selection ranges ("expand selection"): from the innermost scalar out through its pair, the map or
// sequence holding it, and so on up to the whole document. Aliases are leaves; never expanded. Only
// MigrationPolicy documents get ranges; elsewhere the answer is the empty range at the position.
import type { Range, SelectionRange } from 'vscode-languageserver-types';
import type { LineIndex, ParsedFile } from '../document/file';
import type { FileModel, Node, Span } from '../document/model';
import { documentAt } from '../document/path';
import { isPolicyDocument } from '../document/policies';

const MAX_DEPTH = 200;

/** One selection range chain per offset (file offsets), innermost first, each with its parent. */
export function getSelectionRanges(document: Pick<ParsedFile, 'file' | 'lines'>, offsets: number[]): SelectionRange[] {
  const { file, lines } = document;
  return offsets.map((offset) => selectionAt(file, lines, Math.max(0, Math.min(offset, file.text.length))));
}

function selectionAt(file: FileModel, lines: LineIndex, offset: number): SelectionRange {
  const empty = { range: lines.range(offset, { start: 0, end: 0 }) };
  const doc = documentAt(file, offset);
  if (!doc || !isPolicyDocument(doc.model)) return empty;
  const text = doc.model.text;
  const relative = doc.relative;
  const trimmed = (span: Span): Span => {
    let end = span.end;
    while (end > span.start && /\s/.test(text[end - 1])) end--;
    return { start: span.start, end };
  };
  const contains = (span: Span) => {
    const s = trimmed(span);
    return relative >= s.start && relative <= s.end;
  };
  // The outermost range reaches the position, also in the blanks after the last text: LSP wants every range to hold it.
  const spans: Span[] = [{ start: 0, end: Math.max(trimmed({ start: 0, end: text.length }).end, relative) }];
  let node: Node | null = doc.model.root;
  for (let depth = 0; node && depth < MAX_DEPTH && contains(node.span); depth++) {
    spans.push(trimmed(node.span));
    let next: Node | null = null;
    if (node.kind === 'map') {
      for (let i = node.pairs.length - 1; i >= 0 && !next; i--) {
        const pair = node.pairs[i];
        if (!contains(pair.span)) continue;
        spans.push(trimmed(pair.span));
        next = pair.value && contains(pair.value.span) ? pair.value : pair.key && contains(pair.key.span) ? pair.key : null;
        if (!next) break;
      }
    } else if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0 && !next; i--) if (contains(node.items[i].span)) next = node.items[i];
    }
    node = next;
  }
  let result: SelectionRange | undefined;
  let previous: Span | undefined;
  for (const span of spans) {
    if (previous && previous.start === span.start && previous.end === span.end) continue;
    if (previous && (span.start < previous.start || span.end > previous.end)) continue;
    const range: Range = lines.range(doc.offset, span);
    result = result ? { range, parent: result } : { range };
    previous = span;
  }
  return result ?? empty;
}
