// Random incremental edits over stdio (several changes in one notification, \r\n line ends, document
// markers typed and broken, lines joined and split): the server parses from the changes it applied
// (lsp/documents.ts EditLog), and what it answers equals a fresh server opened with the final text.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fleetFile } from '../bench/inputs';
import { prng } from '../support/random';
import { startClient } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';

const sortKey = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`).sort();
const INSERTS = ['5', 'x', '\r\n', '---\r\n', '\r\n---', ' ', ': ', '-', 'name: dup\r\n'];

async function answers(client: TestClient, uri: string, published: Promise<PublishDiagnosticsParams>) {
  const diagnostics = sortKey(await published);
  const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
  return { diagnostics, symbols: JSON.stringify(symbols) };
}

test('after random incremental edits with \\r\\n line ends the server answers as a fresh one does for the final text', async () => {
  const uri = 'file:///incremental/fleet.yaml';
  const random = prng(151);
  let document = TextDocument.create(uri, 'yaml', 1, fleetFile(40).text.replace(/\n/g, '\r\n'));
  const client = await startClient();
  let result: Awaited<ReturnType<typeof answers>>;
  try {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: document.getText() } });
    let published: Promise<PublishDiagnosticsParams> | undefined;
    for (let version = 2; version <= 40; version++) {
      const changes = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const text = document.getText();
        const start = Math.floor(random() * text.length);
        const end = Math.min(text.length, start + (random() < 0.6 ? 0 : Math.floor(random() * 6)));
        const change = { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: INSERTS[Math.floor(random() * INSERTS.length)] };
        document = TextDocument.update(document, [change], version);
        return change;
      });
      // Most edits arrive while the previous one's diagnostics are computed (those are abandoned);
      // every tenth waits for its publish.
      published = version % 10 === 0 ? client.nextDiagnostics(uri, (p) => p.version === version) : undefined;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      if (version < 40) await published;
    }
    result = await answers(client, uri, published!);
  } finally {
    await client.stop();
  }
  const fresh = await startClient();
  try {
    const opened = fresh.nextDiagnostics(uri);
    await fresh.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: document.getText() } });
    const expected = await answers(fresh, uri, opened);
    assert.ok(expected.diagnostics.length > 10, 'the edited file has diagnostics to compare');
    assert.deepEqual(result.diagnostics, expected.diagnostics);
    assert.equal(result.symbols, expected.symbols);
  } finally {
    await fresh.stop();
  }
});
