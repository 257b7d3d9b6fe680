// Diagnostics scheduling (lsp/diagnostics.ts): requests that arrive with an edit are answered before
// its diagnostics are computed, long computations yield, newer versions abandon stale work, and
// per-document diagnostics that only moved are shifted to exactly what a full computation gives.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getDocumentFindings, getFileDiagnostics } from '../../server/src/features/diagnostics';
import { DiagnosticsScheduler, DocumentDiagnosticsCache, Slicer, StaleWork } from '../../server/src/lsp/diagnostics';
import type { DiagnosticsHost } from '../../server/src/lsp/diagnostics';

const doc = (name: string, extra: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: {}\n${extra}`;

test('diagnostics of documents that only moved are shifted, equal to a fresh computation, fixes included', async () => {
  const cache = new DocumentDiagnosticsCache();
  const docs = [doc('a', '  bandwidthPerMigration: 1K\n'), doc('b', '  allowPostCopy: yes\n  maxDowntimeMs: -1\n'), doc('c', '  completionTimeoutPerGiB: "150"\n')];
  let file = parseFile(docs.join('---\n'), 'yaml');
  const first = await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', (d) => getDocumentFindings(d));
  assert.deepEqual(first, getFileDiagnostics({ file }));
  const unmoved = await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', (d) => getDocumentFindings(d));
  assert.equal(unmoved[first.length - 1], first[first.length - 1], 'an unmoved document gives back the same objects');

  docs[0] = doc('a', '  bandwidthPerMigration: 1K\n  # two more lines\n  # above the others\n');
  file = parseFile(docs.join('---\n'), 'yaml', file);
  const shifted = await cache.fileDiagnostics(file, new LineIndex(file.text), '{}', (d) => getDocumentFindings(d));
  assert.deepEqual(shifted, getFileDiagnostics({ file }));
  assert.ok(shifted.some((d) => d.data !== undefined), 'fix data rides along and is shifted too');

  const other = await cache.fileDiagnostics(file, new LineIndex(file.text), '{"kubevirtVersion":"v1.0.0"}', (d) => getDocumentFindings(d, { kubevirtVersion: 'v1.0.0' }));
  assert.deepEqual(other, getFileDiagnostics({ file }, { kubevirtVersion: 'v1.0.0' }));
});

test('a slicer yields to the event loop past its budget and throws StaleWork when the work went stale', async () => {
  let stale = false;
  const order: string[] = [];
  const slicer = new Slicer(() => stale, 0);
  setImmediate(() => order.push('request answered'));
  await slicer.checkpoint();
  order.push('slice 2');
  assert.deepEqual(order, ['request answered', 'slice 2']);
  stale = true;
  await assert.rejects(slicer.checkpoint(), StaleWork);
});

function host(versions: Map<string, number>, log: string[], compute: DiagnosticsHost['compute'], pull = false): DiagnosticsHost {
  return {
    pull,
    refreshSupport: true,
    version: (uri) => versions.get(uri),
    openUris: () => versions.keys(),
    compute,
    publish: (uri, version, diagnostics) => log.push(`publish ${uri}@${version} (${diagnostics.length})`),
    requestRefresh: () => log.push('refresh'),
    error: (message) => log.push(`error ${message}`),
  };
}

const DIAGNOSTIC: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x' };

test('push: requests sent with the edit are answered first; a newer version abandons the running computation', async () => {
  const versions = new Map([['file:///a.yaml', 1], ['file:///b.yaml', 1]]);
  const log: string[] = [];
  let computations = 0;
  const scheduler = new DiagnosticsScheduler(
    host(versions, log, async (uri, slicer) => {
      computations++;
      log.push(`compute ${uri}@${versions.get(uri)}`);
      if (computations === 1) {
        versions.set(uri, 2);
        scheduler.schedule(uri);
      }
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 3));
        await slicer.checkpoint();
      }
      return [DIAGNOSTIC];
    }),
  );
  scheduler.schedule('file:///a.yaml');
  setImmediate(() => log.push('completion answered'));
  while (!log.some((l) => l.startsWith('publish'))) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(log, ['completion answered', 'compute file:///a.yaml@1', 'compute file:///a.yaml@2', 'publish file:///a.yaml@2 (1)']);
  assert.equal(computations, 2);

  log.length = 0;
  scheduler.dependenciesChanged('file:///a.yaml');
  while (!log.some((l) => l.startsWith('publish'))) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(log, ['compute file:///b.yaml@1', 'publish file:///b.yaml@1 (1)'], 'only the other open files');
});

test('pull: the client is asked to refresh, and a pull for an outdated version is refused as stale', async () => {
  const versions = new Map([['file:///a.yaml', 1]]);
  const log: string[] = [];
  const scheduler = new DiagnosticsScheduler(
    host(
      versions,
      log,
      async (_uri, slicer) => {
        versions.set('file:///a.yaml', 2);
        await new Promise((resolve) => setTimeout(resolve, 3));
        await slicer.checkpoint();
        return [DIAGNOSTIC];
      },
      true,
    ),
  );
  scheduler.schedule('file:///a.yaml');
  scheduler.refresh();
  assert.deepEqual(log, ['refresh']);
  await assert.rejects(scheduler.pullDiagnostics('file:///a.yaml', () => false), StaleWork);
  assert.equal((await scheduler.pullDiagnostics('file:///a.yaml', () => false)).length, 1, 'the same version again is answered');
  await assert.rejects(scheduler.pullDiagnostics('file:///a.yaml', () => true), StaleWork);
});

test('push: a request that came with the edit means no timer is waited for; an edit alone waits for one timer (for a request written just after it)', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  const versions = new Map([['file:///a.yaml', 1]]);
  const log: string[] = [];
  const scheduler = new DiagnosticsScheduler(
    host(versions, log, async (uri) => {
      log.push(`compute ${uri}@${versions.get(uri)}`);
      return [DIAGNOSTIC];
    }),
  );
  // The editor's burst: the edit, then a request the connection handles on the next turn.
  scheduler.schedule('file:///a.yaml');
  setImmediate(() => {
    scheduler.noteRequest();
    log.push('hover answered');
  });
  await turns(20);
  assert.deepEqual(log, ['hover answered', 'compute file:///a.yaml@1', 'publish file:///a.yaml@1 (1)'], 'no timer ran (setTimeout is mocked and never ticked)');

  // The edit alone: diagnostics wait for one timer, and a request that arrives before it goes first.
  log.length = 0;
  versions.set('file:///a.yaml', 2);
  scheduler.schedule('file:///a.yaml');
  await turns(20);
  assert.equal(log.length, 0, 'waiting for the timer');
  scheduler.noteRequest();
  log.push('completion answered');
  t.mock.timers.tick(1);
  await turns(20);
  assert.deepEqual(log, ['completion answered', 'compute file:///a.yaml@2', 'publish file:///a.yaml@2 (1)']);
});
