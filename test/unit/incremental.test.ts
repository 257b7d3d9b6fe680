// The incremental parse of an edited file (document/file.ts, yamlParser.ts, lines.ts; lsp/documents.ts):
// after random edits (line breaks as \n, \r\n and \r, document markers made and broken, several
// changes in one notification) the split, the models and the line index equal a parse from scratch.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocuments } from 'vscode-languageserver';
import { LineIndex, parseFile } from '../../server/src/document/file';
import type { FileModel } from '../../server/src/document/model';
import { resplitDocuments, splitDocuments } from '../../server/src/document/yamlParser';
import { EditLog, ModelCache } from '../../server/src/lsp/documents';
import { prng } from '../support/random';

const PIECES = ['---\n', '--- ', '---', '...\n', '%YAML 1.2\n', '# c\n', 'a: 1\n', 'b: [x, y]\r\n', 'c: "q"\r', '\n', '\r\n', '-', '.', 'kind: MigrationPolicy\n', ' ', 'x'];

function randomText(random: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

function randomEdit(random: () => number, text: string): { start: number; end: number; insert: string } {
  const start = Math.floor(random() * (text.length + 1));
  const end = Math.min(text.length, start + Math.floor(random() * (random() < 0.7 ? 2 : 12)));
  const insert = random() < 0.3 ? '' : randomText(random, 1 + Math.floor(random() * 2)).slice(0, random() < 0.5 ? 1 : undefined);
  return { start, end, insert };
}

const shape = (file: FileModel) => file.documents.map((d) => ({ offset: d.offset, text: d.model.text, problems: d.model.problems.length }));

test('resplitDocuments and LineIndex.edited equal a split and an index from scratch after random edits', () => {
  const random = prng(15);
  for (let round = 0; round < 300; round++) {
    let text = randomText(random, 5 + Math.floor(random() * 40));
    let slices = splitDocuments(text);
    let lines = new LineIndex(text);
    for (let step = 0; step < 20; step++) {
      const { start, end, insert } = randomEdit(random, text);
      const next = text.slice(0, start) + insert + text.slice(end);
      const edit = { start, oldEnd: end, newEnd: start + insert.length };
      slices = resplitDocuments(next, slices, edit);
      lines = lines.edited(next, edit.start, edit.oldEnd, edit.newEnd);
      const context = `round ${round} step ${step}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`;
      assert.deepEqual(slices, splitDocuments(next), context);
      const fresh = new LineIndex(next);
      assert.equal(lines.lineCount, fresh.lineCount, context);
      for (let offset = 0; offset <= next.length; offset++) assert.deepEqual(lines.positionAt(offset), fresh.positionAt(offset), `${context} @${offset}`);
      text = next;
    }
  }
});

test('parseFile with an edit equals parseFile from scratch, and keeps the models of untouched documents', () => {
  const random = prng(16);
  const policy = (i: number) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p${i}\nspec:\n  completionTimeoutPerGiB: ${i}\n`;
  for (let round = 0; round < 40; round++) {
    let text = Array.from({ length: 8 }, (_, i) => policy(i)).join(round % 2 ? '---\r\n' : '---\n');
    let file = parseFile(text, 'yaml');
    for (let step = 0; step < 25; step++) {
      const { start, end, insert } = randomEdit(random, text);
      const next = text.slice(0, start) + insert + text.slice(end);
      const incremental = parseFile(next, 'yaml', file, 'complete', { start, oldEnd: end, newEnd: start + insert.length });
      assert.deepEqual(shape(incremental), shape(parseFile(next, 'yaml')), `round ${round} step ${step}`);
      const untouched = file.documents.filter((d) => d.offset + d.model.text.length < start - 4 || d.offset > end + 4);
      for (const d of untouched) assert.ok(incremental.documents.some((n) => n.model === d.model), `round ${round} step ${step}: an untouched document is reused`);
      file = incremental;
      text = next;
    }
  }
});

test('parseFile with an edit equals parseFile from scratch in streams of many small documents (markers made and broken, `...`, directives)', () => {
  // reparseEdited splits again only a window of documents around the edit, and falls back to the
  // whole rest of the text when the split there does not meet an old document start again.
  const random = prng(18);
  for (let round = 0; round < 60; round++) {
    let text = randomText(random, 20 + Math.floor(random() * 60));
    let file = parseFile(text, 'yaml');
    for (let step = 0; step < 20; step++) {
      const { start, end, insert } = randomEdit(random, text);
      const next = text.slice(0, start) + insert + text.slice(end);
      const incremental = parseFile(next, 'yaml', file, 'complete', { start, oldEnd: end, newEnd: start + insert.length });
      assert.deepEqual(shape(incremental), shape(parseFile(next, 'yaml')), `round ${round} step ${step}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
      file = incremental;
      text = next;
    }
  }
});

test('the model cache parses an open document from the edits TextDocuments applied, several changes in one notification included', () => {
  const edits = new EditLog();
  const configuration = edits.configuration();
  const cache = new ModelCache(undefined, edits);
  const random = prng(17);
  const uri = 'file:///w/fleet.yaml';
  let document = configuration.create(uri, 'yaml', 1, 'a: 1\r\n---\nb: 2\n---\nc: 3\n');
  cache.get(document);
  for (let version = 2; version < 200; version++) {
    const changes = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const { start, end, insert } = randomEdit(random, document.getText());
      return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: insert };
    });
    document = configuration.update(document, changes, version);
    // Now and then the model is not asked for between two notifications: their edits compose.
    if (random() < 0.3) continue;
    const parsed = cache.get(document);
    const text = document.getText();
    assert.equal(parsed.file.text, text);
    assert.deepEqual(shape(parsed.file), shape(parseFile(text, 'yaml')), `version ${version}`);
    const fresh = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset += 3) assert.deepEqual(parsed.lines.positionAt(offset), fresh.positionAt(offset));
  }
  // A change of the whole text leaves no range: the next parse is a full one, and still right.
  document = configuration.update(document, [{ text: 'x: 1\n---\ny: 2\n' }], 300);
  assert.deepEqual(shape(cache.get(document).file), shape(parseFile('x: 1\n---\ny: 2\n', 'yaml')));
  assert.ok(new TextDocuments(configuration));
});
