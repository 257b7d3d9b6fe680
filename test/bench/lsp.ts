// Benchmark through the real protocol: the built server over stdio, a 2,000-document file, and the
// latency of an edit followed by a hover, a completion and diagnostics; folding on an alias bomb.
// Prints figures; asserts nothing about time.
import { performance } from 'node:perf_hooks';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { startClient } from '../support/lspClient';

const DOCS = 2000;
const RUNS = 25;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const client = await startClient();
  const uri = 'file:///bench/big.yaml';
  const doc = (i: number) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p${i}\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: a${i}\n  bandwidthPerMigration: 64Mi\n  completionTimeoutPerGiB: 150\n`;
  const text = Array.from({ length: DOCS }, (_, i) => doc(i)).join('---\n');
  const lineOfDoc = (i: number) => i * 11;
  let t = performance.now();
  const opened = client.nextDiagnostics(uri);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await opened;
  console.log(`open + diagnostics, ${DOCS} documents (${(text.length / 1024).toFixed(0)} KiB): ${(performance.now() - t).toFixed(1)} ms`);

  const edit: number[] = [];
  const hover: number[] = [];
  const completion: number[] = [];
  let version = 1;
  for (let run = 0; run < RUNS; run++) {
    const target = 1000 + run;
    const line = lineOfDoc(target) + 8;
    version++;
    t = performance.now();
    const published = client.nextDiagnostics(uri, (p: PublishDiagnosticsParams) => p.version === version);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 25 }, end: { line, character: 27 } }, text: run % 2 ? 'Mi' : 'Gi' }],
    });
    await published;
    edit.push(performance.now() - t);
    t = performance.now();
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } });
    hover.push(performance.now() - t);
    t = performance.now();
    await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: line + 1, character: 2 } });
    completion.push(performance.now() - t);
  }
  console.log(`edit in document 1,000 → diagnostics published: median ${median(edit).toFixed(2)} ms`);
  console.log(`hover after an edit: median ${median(hover).toFixed(2)} ms`);
  console.log(`completion after an edit: median ${median(completion).toFixed(2)} ms`);

  const bomb = 'file:///bench/bomb.yaml';
  const lines = ['apiVersion: migrations.kubevirt.io/v1alpha1', 'kind: MigrationPolicy', 'metadata: {name: b}', 'spec:', '  selectors: {}', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 60; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const bombOpened = client.nextDiagnostics(bomb);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bomb, languageId: 'yaml', version: 1, text: lines.join('\n') } });
  await bombOpened;
  t = performance.now();
  await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: bomb } });
  console.log(`folding ranges on a 60-level alias bomb (10^60 nodes expanded): ${(performance.now() - t).toFixed(2)} ms`);
  await client.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
