// Fixture helpers shared by the tests: the cursor marker `‸`, inline `^^^` annotations under a line,
// applying LSP text edits, and paths into the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import type { FileModel } from '../../server/src/document/model';

/** The repository root (tests run compiled from out/test/...). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export const CURSOR = '‸';

export function readFixture(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', relative), 'utf8');
}

/** Removes the cursor marker; returns the text, the cursor offset and its LSP position. */
export function withCursor(marked: string): { text: string; offset: number; position: Position } {
  const offset = marked.indexOf(CURSOR);
  if (offset === -1) throw new Error('fixture has no cursor marker ‸');
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  return { text, offset, position: new LineIndex(text).positionAt(offset) };
}

/** Parses a YAML (or JSON, by name) fixture text into a file model. */
export function model(text: string, name = 'fixture.yaml'): FileModel {
  return parseFile(text, name.endsWith('.json') ? 'json' : 'yaml');
}

export interface Annotation {
  line: number;
  start: number;
  end: number;
  severity: string;
  code: string;
  message?: string;
}

const ANNOTATION = /^(\s*)#(\s*)(\^+)\s+(error|warning|info|hint)\s+([\w-]+)(?::\s*(.*))?$/;

/**
 * Reads expected diagnostics written as YAML comments under the line they point at:
 *     bandwidthPerMigration: 1K
 *     #                      ^^ error quantity-invalid: use `k`
 * The carets give the columns; a `#` directly followed by `^` counts as the first column (so keys
 * can be marked from their first character).
 * Text after the colon must appear in the message. Annotation lines belong to the line above the
 * first of a run of annotation lines.
 */
export function readAnnotations(text: string): Annotation[] {
  const lines = text.split('\n');
  const result: Annotation[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const caretStart = m[1].length + 1 + m[2].length;
    const start = m[2] === '' ? m[1].length : caretStart;
    const end = caretStart + m[3].length;
    result.push({ line: target, start, end, severity: m[4], code: m[5], message: m[6]?.trim() || undefined });
  });
  return result;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function rangeText(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}
