// The big and error-dense inputs of issue 10 over the real protocol: each is opened, edited, and asked
// for symbols, hover and completion right after the edit. What is asserted is what the user sees
// (counts, names, messages); how long each takes is a benchmark (`npm run bench`, test/bench/hardening.ts).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol/node';
import { jsonKeysFile, manyPoliciesFile, oversizedFile, syntaxErrorFile } from '../bench/inputs';
import { startClient } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';

/** How long a publish may take on a loaded shared machine (the test asserts what is published, not when). */
const PATIENCE = 180_000;

/** Runs `body` with a fresh server (no cluster), stopped afterwards whatever happens. */
async function withClient(body: (client: TestClient) => Promise<void>): Promise<void> {
  const client = await startClient();
  try {
    await body(client);
  } finally {
    await client.stop();
  }
}

async function open(client: TestClient, uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
  const published = client.nextDiagnostics(uri, undefined, PATIENCE);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return (await published).diagnostics;
}

/** Applies one edit and sends documentSymbol, hover and completion at once, without waiting for diagnostics. */
async function editThenAsk(client: TestClient, uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string, at: { line: number; character: number }) {
  const published = client.nextDiagnostics(uri, (p) => p.version === 2, PATIENCE);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range, text }] });
  const [symbols, hover, completion] = await Promise.all([
    client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<DocumentSymbol[]>,
    client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at }) as Promise<Hover | null>,
    client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at }) as Promise<CompletionList | null>,
  ]);
  return { symbols, hover, completion, diagnostics: (await published).diagnostics };
}

const countSymbols = (symbols: DocumentSymbol[]): number => symbols.reduce((n, s) => n + 1 + countSymbols(s.children ?? []), 0);

test('200,000 JSON keys in one selector: the edit is validated, the outline and hover answer', async () => {
  await withClient(async (client) => {
    const uri = 'file:///workspace/keys.json';
    const file = jsonKeysFile(200_000);
    assert.deepEqual(await open(client, uri, 'json', file.text), []);
    // "64Mi" → "64Mx": one invalid quantity among 200,000 labels.
    const after = await editThenAsk(client, uri, { start: { line: 5, character: 33 }, end: { line: 5, character: 34 } }, 'x', { line: 5, character: 8 });
    assert.deepEqual(
      after.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['quantity-invalid', 5, 29]],
    );
    assert.equal(after.symbols.length, 1);
    assert.equal(after.symbols[0].name, 'keys');
    assert.equal(after.symbols[0].detail, '200000 VMI labels · 64Mx');
    assert.equal(countSymbols(after.symbols), 5000, 'the outline stops at 5,000 entries');
    assert.match(JSON.stringify(after.hover?.contents), /bandwidthPerMigration/);
  });
});

test('5,000 valid policies in one file: the outline after an edit lists every policy with the edit in it', async () => {
  await withClient(async (client) => {
    const uri = 'file:///workspace/policies.yaml';
    const file = manyPoliciesFile(5_000);
    assert.deepEqual(await open(client, uri, 'yaml', file.text), []);
    const edited = 2_500 * 12 + 9;
    const after = await editThenAsk(client, uri, { start: { line: edited, character: 30 }, end: { line: edited, character: 30 } }, '2', { line: edited - 1, character: 4 });
    assert.deepEqual(after.diagnostics, []);
    assert.equal(after.symbols.length, 5_000);
    assert.deepEqual(after.symbols.map((s) => s.name), Array.from({ length: 5_000 }, (_, i) => `policy-${i}`));
    assert.equal(after.symbols[2_500].detail, '1 VMI label · 68Mi · 1002s/GiB · auto-converge');
    assert.equal(after.symbols[2_501].detail, '1 VMI label · 69Mi · 101s/GiB · auto-converge');
    assert.deepEqual(after.symbols[4_999].range, { start: { line: 4_999 * 12, character: 0 }, end: { line: 4_999 * 12 + 10, character: 25 } });
    assert.deepEqual(after.symbols[0].children?.map((s) => s.name), ['apiVersion', 'kind', 'metadata', 'spec']);
    // Every policy is listed; fields are listed until the outline holds 5,000 entries (policy 417 on).
    assert.equal(countSymbols(after.symbols), 9_583);
    assert.equal(after.symbols.findIndex((s) => !s.children?.length), 417);
    assert.match(JSON.stringify(after.hover?.contents), /bandwidthPerMigration/);
  });
});

test('20,000 syntax errors: the first 1,000 are shown, then one says how many more; an edit updates the count', async () => {
  await withClient(async (client) => {
    const uri = 'file:///workspace/errors.yaml';
    const opened = await open(client, uri, 'yaml', syntaxErrorFile(20_000).text);
    const more = (d: Diagnostic[]) => d.filter((x) => /more problems in this document are not shown/.test(String(x.message)));
    assert.equal(opened.filter((d) => d.code === 'yaml-syntax').length, 1_001);
    assert.equal(more(opened).length, 1);
    assert.equal(more(opened)[0].message, '19,000 more problems in this document are not shown: only the first 1,000 are. Fix those first.');
    assert.deepEqual(more(opened)[0].range.start, { line: 7 + 1_000, character: 9 });
    assert.equal(opened.filter((d) => d.code === 'unknown-field').length, 500);
    // `  key0:value0` → `  key0: value0`: one error fewer.
    const after = await editThenAsk(client, uri, { start: { line: 7, character: 7 }, end: { line: 7, character: 7 } }, ' ', { line: 6, character: 4 });
    assert.equal(more(after.diagnostics)[0].message, '18,999 more problems in this document are not shown: only the first 1,000 are. Fix those first.');
    assert.equal(after.diagnostics.filter((d) => d.code === 'yaml-syntax')[0].range.start.line, 8);
    assert.equal(after.symbols.length, 1);
    assert.equal(after.symbols[0].name, 'broken');
    assert.match(JSON.stringify(after.hover?.contents), /completionTimeoutPerGiB/);
  });
});

test('a 50 MB didOpen: one diagnostic that says it is past the cap; every request after an edit answers, with nothing', async () => {
  const client = await startClient();
  try {
    const uri = 'file:///workspace/huge.yaml';
    const file = oversizedFile(50 * 1024 * 1024);
    const opened = await open(client, uri, 'yaml', file.text);
    const message = `This file is ${(file.text.length / 1024 / 1024).toFixed(1)} MiB, more than the 4 MiB that are analysed, so nothing in it is checked. Split it into smaller files.`;
    assert.deepEqual(opened.map((d) => [d.range, d.message]), [[{ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message]]);
    const after = await editThenAsk(client, uri, { start: file.edit, end: file.edit }, '2', file.at);
    assert.deepEqual(after.diagnostics.map((d) => d.message), [message.replace(/\d+\.\d MiB,/, `${((file.text.length + 1) / 1024 / 1024).toFixed(1)} MiB,`)]);
    assert.deepEqual(after.symbols, []);
    assert.equal(after.hover, null);
    assert.deepEqual(after.completion?.items ?? [], []);
    for (const [method, params] of [
      ['textDocument/foldingRange', { textDocument: { uri } }],
      ['textDocument/codeLens', { textDocument: { uri } }],
      ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } } }],
      ['textDocument/selectionRange', { textDocument: { uri }, positions: [file.at] }],
    ] as const) {
      const answer = await client.connection.sendRequest(method, params);
      assert.ok(Array.isArray(answer), `${method} answers a list`);
    }
  } finally {
    await client.stop();
  }
  assert.equal(client.process.exitCode, 0);
});
