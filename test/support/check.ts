// The unit tests' shared toolbox, one of each: `yaml` (a fixture written as an indented block in the
// test), `checkDiagnostics` (annotations under the lines), `checkCompletion` / `checkLabels` (the whole
// document after accepting an item, or the exact labels), `checkHover` (text and exact hovered range),
// `checkFix` (the whole document after a quick fix). Each calls the feature as the server does.
import * as assert from 'node:assert/strict';
import { InsertTextFormat } from 'vscode-languageserver-types';
import type { CodeAction, CompletionItem, CompletionList, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/document/file';
import { getCodeActions } from '../../server/src/features/codeActions';
import { getCompletions } from '../../server/src/features/completion';
import type { CompletionOptions } from '../../server/src/features/completion';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { getHover } from '../../server/src/features/hover';
import { applyEdits, model, rangeText, readAnnotations, withCursor } from './fixture';

/**
 * A fixture written as an indented block: the first line (empty after the backtick) and the last
 * (the closing indentation) are dropped, and the smallest indentation of the other lines is removed.
 * The indentation is measured on the template's own text only; an interpolated value goes in as it
 * is, its further lines indented to the column where it starts. A value that stands alone on its
 * line and ends with a newline takes that line's break as its last one, so a shared header fits:
 *     const text = yaml`
 *       ${header}
 *       spec:
 *         selectors: {}
 *     `;  // header + "spec:\n  selectors: {}\n"
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const HOLE = '\u0000';
  const lines = strings.join(HOLE).split('\n');
  if (lines.length > 1 && lines[0].trim() === '') lines.shift();
  if (lines.length > 0 && lines[lines.length - 1].trim() === '') lines[lines.length - 1] = '';
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  let next = 0;
  return lines
    .map((l) => {
      const parts = l.slice(Number.isFinite(indent) ? indent : 0).split(HOLE);
      const alone = parts.length === 2 && /^ *$/.test(parts[0]) && parts[1] === '';
      let out = parts[0];
      for (let k = 1; k < parts.length; k++) {
        let value = String(values[next++]);
        if (alone && value.endsWith('\n')) value = value.slice(0, -1);
        const column = out.length - (out.lastIndexOf('\n') + 1);
        out += value.split('\n').map((v, j) => (j === 0 || v === '' ? v : ' '.repeat(column) + v)).join('\n') + parts[k];
      }
      return out;
    })
    .join('\n');
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/** The file's diagnostics equal its `^^^` annotations one for one (range, severity, code, message part). */
export function checkDiagnostics(text: string, name = 'fixture.yaml'): void {
  const expected = readAnnotations(text);
  const actual = getFileDiagnostics({ file: model(text, name) });
  const show = (line: number, start: number, end: number, severity: string, code: string) => `${line + 1}:${start}-${end} ${severity} ${code}`;
  const actualKeys = actual.map((d) => {
    assert.equal(d.range.start.line, d.range.end.line, `diagnostic spans lines: ${d.message}`);
    return show(d.range.start.line, d.range.start.character, d.range.end.character, SEVERITY[d.severity ?? 1], String(d.code));
  });
  const expectedKeys = expected.map((a) => show(a.line, a.start, a.end, a.severity, a.code));
  assert.deepEqual([...actualKeys].sort(), [...expectedKeys].sort(), `diagnostics differ:\n${actual.map((d, i) => `${actualKeys[i]}: ${d.message}`).join('\n')}`);
  for (const a of expected) {
    if (!a.message) continue;
    const d = actual.find((x) => x.range.start.line === a.line && x.range.start.character === a.start && x.code === a.code);
    assert.ok(d && String(d.message).includes(a.message), `line ${a.line + 1} ${a.code}: message ${JSON.stringify(d?.message)} lacks ${JSON.stringify(a.message)}`);
  }
}

export interface CheckCompletionOptions extends Partial<CompletionOptions> {
  /** File name; `.json` parses as JSON. */
  name?: string;
}

/** The completion list at the `‸` of a fixture (snippets and markdown supported, as VS Code does). */
export function complete(marked: string, options: CheckCompletionOptions = {}): { text: string; list: CompletionList } {
  const { text, offset } = withCursor(marked);
  const { name, ...rest } = options;
  const list = getCompletions({ file: model(text, name), lines: new LineIndex(text) }, offset, { snippetSupport: true, markdown: true, ...rest });
  return { text, list };
}

/** Removes snippet syntax the way an editor would leave the text with every placeholder accepted. */
export function stripSnippet(text: string): string {
  return text
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

/** The one item with this label. */
export function pick(items: CompletionItem[], label: string): CompletionItem {
  const found = items.filter((i) => i.label === label);
  assert.equal(found.length, 1, `expected one item ${JSON.stringify(label)} among ${JSON.stringify(items.map((i) => i.label))}`);
  return found[0];
}

/** Accepts the item with this label and compares the whole resulting document. */
export function checkCompletion(marked: string, label: string, expectedText: string, options: CheckCompletionOptions = {}): CompletionItem {
  const { text, list } = complete(marked, options);
  const item = pick(list.items, label);
  const main = item.textEdit as TextEdit;
  assert.ok(main && 'range' in main, 'items carry a textEdit with a range');
  const snippet = item.insertTextFormat === InsertTextFormat.Snippet;
  const edits = [main, ...(item.additionalTextEdits ?? [])].map((e) => ({ ...e, newText: snippet ? stripSnippet(e.newText) : e.newText }));
  assert.equal(applyEdits(text, edits), expectedText);
  return item;
}

/** Compares the exact list of labels offered, in sortText order. */
export function checkLabels(marked: string, expectedLabels: string[], options: CheckCompletionOptions = {}): CompletionItem[] {
  const items = [...complete(marked, options).list.items].sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : 1));
  assert.deepEqual(
    items.map((i) => i.label),
    expectedLabels,
  );
  return items;
}

/** Hovers at the `‸` of a fixture; returns the text, the exact hovered text (range) and the kind, or null. */
export function checkHover(marked: string, markdown = true, name = 'fixture.yaml'): { value: string; range: string; kind: string } | null {
  const { text, offset } = withCursor(marked);
  const hover = getHover({ file: model(text, name), lines: new LineIndex(text) }, offset, { markdown });
  if (!hover) return null;
  const contents = hover.contents as MarkupContent;
  assert.ok(hover.range, 'hover has a range');
  return { value: contents.value, range: rangeText(text, hover.range), kind: contents.kind };
}

/** Like `checkHover`, failing when there is no hover. */
export function hoverOf(marked: string, markdown = true, name?: string): { value: string; range: string; kind: string } {
  const result = checkHover(marked, markdown, name);
  assert.ok(result, `expected a hover for ${JSON.stringify(marked)}`);
  return result;
}

const URI = 'file:///work/policy.yaml';

/** The code actions for every diagnostic of a text, as the server computes them. */
export function actionsFor(text: string, name = 'policy.yaml'): CodeAction[] {
  const file = model(text, name);
  const lines = new LineIndex(text);
  return getCodeActions({ uri: URI, file, lines }, getFileDiagnostics({ file, lines }, {}));
}

/** The text after an action's edits. */
export function applyAction(text: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[URI];
  assert.ok(edits, `action "${action.title}" has no edits for ${URI}`);
  return applyEdits(text, edits);
}

/**
 * Applies the quick fix titled `title` for the diagnostic `code` (on `line`, zero-based, when given)
 * and compares the resulting text; the first fix of a diagnostic, and only it, is preferred.
 */
export function checkFix(before: string, code: string, title: string, after: string, { name = 'policy.yaml', line }: { name?: string; line?: number } = {}): void {
  const offered = actionsFor(before, name).filter((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === code && (line === undefined || a.diagnostics[0].range.start.line === line));
  const action = offered.find((a) => a.title === title);
  assert.ok(action, `no fix "${title}" for ${code}; offered: ${JSON.stringify(offered.map((a) => a.title))}`);
  assert.equal(applyAction(before, action), after);
  const siblings = offered.filter((a) => a.diagnostics?.[0] === action.diagnostics?.[0]);
  assert.equal(siblings[0].isPreferred, true);
  assert.ok(siblings.slice(1).every((a) => !a.isPreferred), 'only the first fix is preferred');
}
