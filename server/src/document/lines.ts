// Offsets ↔ line/character positions of one text (LSP's zero-based lines, UTF-16 characters).

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface LineCharacter {
  line: number;
  character: number;
}

/** A range moved down by `lines` lines (a text cut out of a larger one, put back in its place). */
export function moveLines<R extends { start: LineCharacter; end: LineCharacter }>(range: R, lines: number): R {
  return { ...range, start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** Converts between offsets and line/character positions of one text. The one place that does. */
export class LineIndex {
  private readonly lineStarts: Uint32Array;

  /** `lineStarts`: given by `edited`, which knows them already. */
  constructor(
    private readonly text: string,
    lineStarts?: Uint32Array,
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = Uint32Array.from(starts);
  }

  /**
   * The index of `text`, this index's text with `[start, oldEnd)` replaced by `text`'s
   * `[start, newEnd)`: lines before the edit are kept, the edited text is scanned, and later lines are
   * shifted. Equal to `new LineIndex(text)`.
   */
  edited(text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const old = this.lineStarts;
    const delta = newEnd - oldEnd;
    // Line starts up to `start` stay (a start at s + 1 comes from a line break at s, inside the edit).
    let keep = 0;
    for (let low = 0, high = old.length - 1; low <= high; ) {
      const mid = (low + high) >> 1;
      if (old[mid] <= start) {
        keep = mid + 1;
        low = mid + 1;
      } else high = mid - 1;
    }
    const added: number[] = [];
    for (let i = text.indexOf('\n', start); i !== -1 && i < newEnd; i = text.indexOf('\n', i + 1)) added.push(i + 1);
    let after = keep;
    while (after < old.length && old[after] <= oldEnd) after++;
    const starts = new Uint32Array(keep + added.length + old.length - after);
    starts.set(old.subarray(0, keep));
    starts.set(added, keep);
    for (let j = after, k = keep + added.length; j < old.length; j++, k++) starts[k] = old[j] + delta;
    return new LineIndex(text, starts);
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  /** The range of `span` (offsets relative to `base`, the start of its `---` document in the file). */
  range(base: number, span: { start: number; end: number }): { start: LineCharacter; end: LineCharacter } {
    return { start: this.positionAt(base + span.start), end: this.positionAt(base + span.end) };
  }

  offsetAt(position: LineCharacter): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
