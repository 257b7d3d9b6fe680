// Typing against the built server over stdio: a request sent right after an edit is answered before
// that edit's diagnostics are published, and the incrementally kept diagnostics equal a fresh open.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { startClient } from '../support/lspClient';
import { fleetFile } from '../bench/inputs';

const sortKey = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();

test('requests after an edit are answered before its diagnostics; incremental diagnostics equal a fresh open', async () => {
  const fleet = fleetFile(400);
  const uri = 'file:///typing/fleet.yaml';
  const client = await startClient();
  let text = fleet.text;
  try {
    const opened = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    assert.ok((await opened).diagnostics.length > 50);
    const lines = text.split('\n');
    let last: PublishDiagnosticsParams | undefined;
    let inserted = 0;
    for (let version = 2; version <= 7; version++) {
      const target = fleet.timeoutLine[100 + version] + inserted;
      const selector = fleet.selectorLine[200 + version] + inserted;
      // A value edit, a selector edit and a line inserted above: every kind of move the caches see.
      const edits = [
        { line: target, at: lines[target].length, text: '5' },
        { line: selector, at: lines[selector].length, text: 'x' },
        { line: 50 * version, at: 0, text: '# typed\n' },
      ];
      const events: string[] = [];
      const published = client.nextDiagnostics(uri, (p) => p.version === version).then((p) => {
        events.push('diagnostics');
        return p;
      });
      const edit = edits[version % 3];
      if (edit.text.endsWith('\n')) inserted++;
      // The edit and the requests reach the server in one read, as an editor's burst does: the order
      // checked below is then the server's doing, not the client's write timing on a busy machine.
      const [hover, completion] = await client.burst(() => {
        void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: edit.line, character: edit.at }, end: { line: edit.line, character: edit.at } }, text: edit.text }] });
        return [
          client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: target, character: 4 } }).then((h) => {
            events.push('hover');
            return h;
          }),
          client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: target + 1, character: 4 } }).then((c) => {
            events.push('completion');
            return c;
          }),
        ] as const;
      });
      assert.ok(await hover, 'the hover is answered from the edited document');
      assert.ok(await completion);
      last = await published;
      assert.deepEqual(events, ['hover', 'completion', 'diagnostics'], `version ${version}`);
      lines[edit.line] = lines[edit.line].slice(0, edit.at) + edit.text + lines[edit.line].slice(edit.at);
      text = lines.join('\n');
      lines.splice(0, lines.length, ...text.split('\n'));
    }
    await client.stop();
    const fresh = await startClient();
    try {
      const reopened = fresh.nextDiagnostics(uri);
      await fresh.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      assert.deepEqual(sortKey(last!), sortKey(await reopened));
    } finally {
      await fresh.stop();
    }
  } finally {
    if (client.process.exitCode === null) await client.stop().catch(() => undefined);
  }
});
