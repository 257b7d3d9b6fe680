// Fuzz tier, protocol side: one real server over stdio gets a random stream of opens, incremental
// edits (out-of-range and mid-surrogate positions, CRLF and lone CR, BOM, NUL, aliases, long lines, deep
// nesting), requests of every kind (some with wrong parameter types) and `$/cancelRequest`s interleaved
// with them (at once, or after later messages). Every request is answered (a result, or InvalidParams /
// RequestCancelled / ContentModified), and the process lives to a clean shutdown. A failing run's seed
// is added to seeds/protocol.json, whose runs are replayed first on every run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/fixture';
import { startClient } from '../support/lspClient';

const MESSAGES = Number(process.env.FUZZ_RUNS ?? 150) * 2;
const SEED = process.env.FUZZ_SEED === undefined ? Date.now() % 100000 : Number(process.env.FUZZ_SEED);
const SEEDS_FILE = path.join(repoRoot, 'test', 'fuzz', 'seeds', 'protocol.json');
const URIS = ['file:///w/a.yaml', 'file:///w/b%20c.yaml', 'file:///w/bad%zz.yaml', 'untitled:Untitled-1', 'file:///w/d.json'];
const TEXTS = ['apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors:\n    virtualMachineInstanceSelector: {app: db}\n  bandwidthPerMigration: 64Mi\n', '\ufeffkind: MigrationPolicy\r\nspec: [\0', `kind: MigrationPolicy\nx: ${'['.repeat(4000)}`, '😀\ud800: &a [*a]\n---\n', '{"kind": "MigrationPolicy", "spec": {'];
/** Edit texts: CRLF and lone CR, NUL, a lone high surrogate, a BOM, brackets, aliases, a document marker, a long line, deletion. */
const EDITS = ['x', '\r\n', '\r', '\0', '\ud83d', '\ufeff', '[', '{a: [', ': ', '&a x\n', '*a', '<<: *a\n', '---\n', 'y'.repeat(5000), ''];
const METHODS = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens', 'textDocument/inlayHint', 'textDocument/selectionRange', 'textDocument/codeAction', 'textDocument/diagnostic'];

interface StreamSeed {
  seed: number;
  messages: number;
  /** What failed when the seed was kept. */
  note?: string;
}

const readSeeds = (): StreamSeed[] => (fs.existsSync(SEEDS_FILE) ? (JSON.parse(fs.readFileSync(SEEDS_FILE, 'utf8')) as { runs: StreamSeed[] }).runs : []);

/** Keeps a failing run as a regression fixture (replayed first by every later run). */
function keepSeed(run: StreamSeed): void {
  const runs = readSeeds();
  if (runs.some((r) => r.seed === run.seed && r.messages === run.messages)) return;
  fs.mkdirSync(path.dirname(SEEDS_FILE), { recursive: true });
  fs.writeFileSync(SEEDS_FILE, `${JSON.stringify({ runs: [...runs, run] }, null, 2)}\n`);
}

// RequestCancelled, ContentModified, and for a pull request outdated by a newer edit, ServerCancelled.
const CANCELLED = new Set([-32800, -32801]);

/** One random stream to a fresh server; resolves with what was sent and how it was answered. */
async function runStream(seed: number, messages: number): Promise<{ requests: number; cancelled: number; answeredCancelled: number }> {
  const rng = fc.sample(fc.array(fc.nat({ max: 1_000_000 }), { minLength: messages * 4, maxLength: messages * 4 }), { seed, numRuns: 1 })[0];
  let r = 0;
  const next = (max: number) => rng[r++ % rng.length] % max;
  const position = () => ({ line: next(12) - 1 < 0 ? 0 : next(12), character: [0, 1, 3, 5, 200, 2 ** 31 - 1][next(6)] });
  const client = await startClient({ textDocument: { diagnostic: {}, hover: { contentFormat: ['markdown'] } }, workspace: { configuration: true } });
  const versions = new Map<string, number>();
  const pending: Promise<unknown>[] = [];
  // Cancellations due after a number of further messages.
  const due: { at: number; source: CancellationTokenSource }[] = [];
  let answered = 0;
  let cancelled = 0;
  let answeredCancelled = 0;
  try {
    for (let i = 0; i < messages; i++) {
      for (const d of due.filter((d) => d.at <= i)) {
        d.source.cancel();
        due.splice(due.indexOf(d), 1);
      }
      const uri = URIS[next(URIS.length)];
      const kind = next(10);
      if (kind === 0 || !versions.has(uri)) {
        versions.set(uri, 1);
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: uri.endsWith('.json') ? 'json' : 'yaml', version: 1, text: TEXTS[next(TEXTS.length)] } });
      } else if (kind < 4) {
        const version = (versions.get(uri) ?? 1) + next(2);
        versions.set(uri, version);
        const text = EDITS[next(EDITS.length)];
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position(), end: position() }, text }] });
      } else {
        const method = METHODS[next(METHODS.length)];
        const wrong = next(15) === 0;
        const params: Record<string, unknown> = { textDocument: { uri: wrong ? 42 : uri }, position: position(), range: { start: position(), end: position() }, positions: [position()], context: { diagnostics: [] } };
        // One request in three is cancelled: at once (before the next message) or after up to 3 more.
        const cancel = next(3) === 0 ? new CancellationTokenSource() : undefined;
        const request = client.connection.sendRequest(method, params, cancel?.token).then(
          () => answered++,
          (e: { code?: number }) => {
            // InvalidParams for wrong types; RequestCancelled / ContentModified; ServerCancelled for an outdated pull.
            assert.ok(e.code === -32602 || CANCELLED.has(e.code ?? 0) || (e.code === -32802 && method === 'textDocument/diagnostic'), `${method}: unexpected error ${JSON.stringify(e)}`);
            if (CANCELLED.has(e.code ?? 0)) answeredCancelled++;
            answered++;
          },
        );
        pending.push(request);
        if (cancel) {
          cancelled++;
          const after = next(4);
          if (after === 0) cancel.cancel();
          else due.push({ at: i + after, source: cancel });
        }
      }
    }
    for (const d of due) d.source.cancel();
    await Promise.all(pending);
    assert.equal(answered, pending.length);
    assert.doesNotMatch(client.stderr(), /uncaught|unhandled rejection/);
  } finally {
    await client.stop();
  }
  assert.equal(client.process.exitCode, 0);
  return { requests: pending.length, cancelled, answeredCancelled };
}

test('fuzz: every kept protocol seed (seeds/protocol.json) replays without a failure', async (t) => {
  const runs = readSeeds();
  for (const run of runs) {
    const result = await runStream(run.seed, run.messages);
    t.diagnostic(`seed ${run.seed}, ${run.messages} messages: ${result.requests} requests, ${result.cancelled} cancelled`);
  }
  assert.ok(runs.length > 0, 'seeds/protocol.json holds at least one run');
});

test(`fuzz: ${MESSAGES} random protocol messages to one server over stdio, with cancellations (seed ${SEED})`, async (t) => {
  try {
    const result = await runStream(SEED, MESSAGES);
    t.diagnostic(`${result.requests} requests, ${result.cancelled} cancelled by $/cancelRequest, ${result.answeredCancelled} answered RequestCancelled/ContentModified, the rest a result`);
    assert.ok(result.cancelled > 0, 'the stream cancelled some requests');
  } catch (e) {
    keepSeed({ seed: SEED, messages: MESSAGES, note: String((e as Error).message).split('\n')[0].slice(0, 200) });
    t.diagnostic(`failing seed ${SEED} (${MESSAGES} messages) kept in test/fuzz/seeds/protocol.json: commit it with the fix`);
    throw e;
  }
});
