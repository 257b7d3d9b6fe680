// The open documents' text, as the TextDocuments manager keeps it: a TextDocument whose line table is
// the LineIndex that the models and features use (vscode-languageserver-textdocument keeps one more,
// a JavaScript array of every line start that each edit shifts), so an edit updates one line table,
// sharing the chunks the edit did not touch (document/lines.ts).
import { TextDocument as VscodeTextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../document/lines';

const CR = 13;
const LF = 10;

/**
 * A TextDocument answering as vscode-languageserver-textdocument's does, change for change and
 * position for position (out-of-range positions clamped, a reversed range read forwards, a position
 * inside a line's end moved before it). Its lines end at `\n`, `\r\n` and a lone `\r`; LineIndex ends
 * lines at `\n` only, which is the same table when the text has no lone `\r`. A text with one answers
 * positions through a vscode TextDocument made when first asked.
 */
export class LineIndexedDocument implements TextDocument {
  private text: string;
  private index: LineIndex;
  /** `\r`s not followed by `\n`. */
  private loneCrs: number;
  private withLoneCrs: TextDocument | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.text = content;
    this.index = new LineIndex(content);
    this.loneCrs = countLoneCrs(content);
  }

  /** The line index of the text now (a new object after each change; each stays valid for its text). */
  get lines(): LineIndex {
    return this.index;
  }

  getText(range?: Range): string {
    return range ? this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  get lineCount(): number {
    return this.loneCrs ? this.vscode().lineCount : this.index.lineCount;
  }

  positionAt(offset: number): Position {
    if (this.loneCrs) return this.vscode().positionAt(offset);
    const clamped = Math.max(Math.min(offset, this.text.length), 0);
    const { line, character } = this.index.positionAt(clamped);
    const lineStart = clamped - character;
    return { line, character: this.beforeLineEnd(clamped, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    if (this.loneCrs) return this.vscode().offsetAt(position);
    const count = this.index.lineCount;
    if (position.line >= count) return this.text.length;
    if (position.line < 0) return 0;
    const { start, next } = this.lineBounds(position.line, count);
    if (position.character <= 0) return start;
    return this.beforeLineEnd(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    if (this.loneCrs) return this.vscode().getLineRange(line);
    const count = this.index.lineCount;
    if (line >= count) {
      const last = count - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - this.index.offsetAt({ line: last, character: 0 }) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const { start, next } = this.lineBounds(line, count);
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineEnd(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    if (this.loneCrs) return this.vscode().getEOLCharacters(line);
    const count = this.index.lineCount;
    if (line >= count || line < 0) return '';
    const { start, next } = this.lineBounds(line, count);
    return this.text.substring(this.beforeLineEnd(next, start), next);
  }

  /** Where line `line` (0 <= line < count) starts, and where the next one does (the text's end after the last). */
  private lineBounds(line: number, count: number): { start: number; next: number } {
    return { start: this.index.offsetAt({ line, character: 0 }), next: line + 1 < count ? this.index.offsetAt({ line: line + 1, character: 0 }) : this.text.length };
  }

  /**
   * Applies one change; returns the offsets it replaced in the text before it (`[start, end)`), or
   * undefined for a change of the whole text. Throws on a change that is neither, as TextDocument.update does.
   */
  apply(change: TextDocumentContentChangeEvent): { start: number; end: number } | undefined {
    const candidate = change as { text?: unknown; range?: Range; rangeLength?: unknown };
    if (typeof candidate.text === 'string' && candidate.range !== undefined && (candidate.rangeLength === undefined || typeof candidate.rangeLength === 'number')) {
      const range = wellformed(candidate.range);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      const old = this.text;
      const inserted = candidate.text;
      const text = old.substring(0, start) + inserted + old.substring(end, old.length);
      // Only a `\r` replaced, inserted, or just before the change can start or stop being lone.
      this.loneCrs += countLoneCrs(text, start - 1, start + inserted.length) - countLoneCrs(old, start - 1, end);
      this.text = text;
      this.index = this.index.edited(text, start, end, start + inserted.length);
      this.withLoneCrs = undefined;
      return { start, end };
    }
    if (typeof candidate.text === 'string' && candidate.range === undefined && candidate.rangeLength === undefined) {
      this.text = candidate.text;
      this.index = new LineIndex(candidate.text);
      this.loneCrs = countLoneCrs(candidate.text);
      this.withLoneCrs = undefined;
      return undefined;
    }
    throw new Error('Unknown change event received');
  }

  /** `offset` moved back over the line break characters before it, not before `lineStart`. */
  private beforeLineEnd(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private vscode(): TextDocument {
    return (this.withLoneCrs ??= VscodeTextDocument.create(this.uri, this.languageId, this.version, this.text));
  }
}

function isLineBreak(code: number): boolean {
  return code === CR || code === LF;
}

/** The `\r`s at `[from, to)` of `text` (all of it by default) that no `\n` follows. */
function countLoneCrs(text: string, from = 0, to = text.indexOf('\r') === -1 ? 0 : text.length): number {
  let count = 0;
  for (let i = Math.max(from, 0); i < to; i++) if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) !== LF) count++;
  return count;
}

function wellformed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
