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

/** Lines per chunk of a LineIndex's table (a chunk is split in two when an edit makes it twice as long). */
const CHUNK_LINES = 512;

/**
 * Converts between offsets and line/character positions of one text. The one place that does.
 *
 * The line starts are kept in chunks of about CHUNK_LINES lines, each relative to the start of its
 * first line, so that an edit (`edited`) makes a new index that shares every chunk it did not touch
 * with the old one: it copies the short tables of chunk bases and first lines, not every line start
 * (58,000 of them in a 950 KB file). Both indexes stay valid, each for its own text.
 */
export class LineIndex {
  private readonly length: number;
  /** Line starts of each chunk, relative to the chunk's base (so each chunk's first entry is 0). */
  private readonly chunks: Uint32Array[];
  /** The offset of each chunk's first line. */
  private readonly bases: Uint32Array;
  /** The number of each chunk's first line; one more entry at the end, the line count. */
  private readonly firsts: Uint32Array;

  constructor(text: string);
  constructor(text: string, length: number, chunks: Uint32Array[], bases: Uint32Array, firsts: Uint32Array);
  constructor(text: string, length?: number, chunks?: Uint32Array[], bases?: Uint32Array, firsts?: Uint32Array) {
    if (length !== undefined && chunks && bases && firsts) {
      this.length = length;
      this.chunks = chunks;
      this.bases = bases;
      this.firsts = firsts;
      return;
    }
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.length = text.length;
    this.chunks = [];
    const count = Math.ceil(starts.length / CHUNK_LINES);
    this.bases = new Uint32Array(count);
    this.firsts = new Uint32Array(count + 1);
    for (let c = 0; c < count; c++) {
      this.firsts[c] = c * CHUNK_LINES;
      this.bases[c] = starts[c * CHUNK_LINES];
      this.chunks.push(relativeChunk(starts, c * CHUNK_LINES, Math.min(starts.length, (c + 1) * CHUNK_LINES)));
    }
    this.firsts[count] = starts.length;
  }

  /**
   * The index of `text`, this index's text with `[start, oldEnd)` replaced by `text`'s
   * `[start, newEnd)`: lines before the edit are kept, the edited text is scanned, and later lines are
   * shifted. Equal to `new LineIndex(text)`. Only the chunks holding the edit are made again.
   */
  edited(text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const delta = newEnd - oldEnd;
    // Line starts up to `start` stay (a start at s + 1 comes from a line break at s, inside the edit);
    // those after `oldEnd` move by delta; those between are the edit's and are found again in `text`.
    const first = this.chunkAt(start);
    const last = this.chunkAt(oldEnd);
    const starts: number[] = [];
    const base = this.bases[first];
    const head = this.chunks[first];
    for (let j = 0; j < head.length && base + head[j] <= start; j++) starts.push(base + head[j]);
    const kept = this.firsts[first] + starts.length;
    for (let i = text.indexOf('\n', start); i !== -1 && i < newEnd; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    const added = starts.length - (kept - this.firsts[first]);
    const tailBase = this.bases[last];
    const tail = this.chunks[last];
    let j = 0;
    while (j < tail.length && tailBase + tail[j] <= oldEnd) j++;
    const removed = this.firsts[last] + j - kept;
    for (; j < tail.length; j++) starts.push(tailBase + tail[j] + delta);
    // The edited chunks again, split where they grew past twice the chunk size.
    const pieces = starts.length > 2 * CHUNK_LINES ? Math.ceil(starts.length / CHUNK_LINES) : 1;
    const size = Math.ceil(starts.length / pieces);
    const count = this.chunks.length - (last - first + 1) + pieces;
    const chunks = new Array<Uint32Array>(count);
    const bases = new Uint32Array(count);
    const firsts = new Uint32Array(count + 1);
    for (let c = 0; c < first; c++) chunks[c] = this.chunks[c];
    bases.set(this.bases.subarray(0, first));
    firsts.set(this.firsts.subarray(0, first));
    for (let p = 0; p < pieces; p++) {
      const from = p * size;
      chunks[first + p] = relativeChunk(starts, from, Math.min(starts.length, from + size));
      bases[first + p] = starts[from];
      firsts[first + p] = this.firsts[first] + from;
    }
    const lines = added - removed;
    for (let c = last + 1, k = first + pieces; c < this.chunks.length; c++, k++) {
      chunks[k] = this.chunks[c];
      bases[k] = this.bases[c] + delta;
      firsts[k] = this.firsts[c] + lines;
    }
    firsts[count] = this.firsts[this.chunks.length] + lines;
    return new LineIndex(text, text.length, chunks, bases, firsts);
  }

  /** The chunk holding the line at `offset` (the last whose base is at or before it). */
  private chunkAt(offset: number): number {
    return lastAtOrBelow(this.bases, offset, this.bases.length);
  }

  /** The chunk holding line `line` (0 <= line < lineCount). */
  private chunkOfLine(line: number): number {
    return lastAtOrBelow(this.firsts, line, this.bases.length);
  }

  /** Where line `line` starts (0 <= line < lineCount). */
  private lineStart(line: number): number {
    const c = this.chunkOfLine(line);
    return this.bases[c] + this.chunks[c][line - this.firsts[c]];
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const c = this.chunkAt(clamped);
    const chunk = this.chunks[c];
    const relative = clamped - this.bases[c];
    const j = lastAtOrBelow(chunk, relative, chunk.length);
    return { line: this.firsts[c] + j, character: relative - chunk[j] };
  }

  /** The range of `span` (offsets relative to `base`, the start of its `---` document in the file). */
  range(base: number, span: { start: number; end: number }): { start: LineCharacter; end: LineCharacter } {
    return { start: this.positionAt(base + span.start), end: this.positionAt(base + span.end) };
  }

  offsetAt(position: LineCharacter): number {
    const count = this.lineCount;
    if (position.line >= count) return this.length;
    if (position.line < 0) return 0;
    const start = this.lineStart(position.line);
    const next = position.line + 1 < count ? this.lineStart(position.line + 1) : this.length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  get lineCount(): number {
    return this.firsts[this.chunks.length];
  }

  /** The length of the text. */
  get textLength(): number {
    return this.length;
  }
}

/**
 * The index of the last of `sorted[0, count)` that is at or below `value` (0 when none is: callers
 * search tables whose first entry is 0 or the lowest value asked for). `count` >= 1.
 */
function lastAtOrBelow(sorted: Uint32Array, value: number, count: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid] <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** `starts[from, to)` relative to `starts[from]`. */
function relativeChunk(starts: readonly number[], from: number, to: number): Uint32Array {
  const chunk = new Uint32Array(to - from);
  const base = starts[from];
  for (let i = from; i < to; i++) chunk[i - from] = starts[i] - base;
  return chunk;
}
