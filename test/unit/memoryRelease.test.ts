// What the server lets go of once it is done with it: the text of a snapshot file, which V8 would keep
// alive as the subject of the last regular-expression match (the legacy `RegExp.input`); and the
// garbage of bulk work (a cluster reading indexed, a large file opened), collected at its end.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as vm from 'node:vm';
import { SnapshotSource } from '../../server/src/cluster/snapshot';
import { fullCollection, GarbageCheckpoint } from '../../server/src/lsp/memory';

const lastMatchSubject = () => (RegExp as unknown as { input: string }).input;

test('SnapshotSource: after a reading, good or broken, the last match is on an empty string, not on the file text', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-release-'));
  try {
    const file = path.join(dir, 'cluster.json');
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns-a' } }, { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vm-1', namespace: 'ns-a', labels: { app: 'db' } } }] }, null, 1);
    fs.writeFileSync(file, text);
    // The reading matches regular expressions on the whole text (splitJsonList's JSON_SPACE).
    /[ \t\n\r]*/y.exec(text);
    assert.equal(lastMatchSubject(), text);
    const source = new SnapshotSource(file, { watch: false });
    await source.refresh();
    assert.deepEqual([source.status().state, source.status().counts], [{ kind: 'ready' }, { namespaces: 1, vmis: 1, policies: 0 }]);
    assert.equal(lastMatchSubject(), '');

    fs.writeFileSync(file, `${text.slice(0, -1)},`);
    /x/.exec(text);
    await source.refresh();
    assert.equal(source.status().state.kind, 'error');
    assert.equal(lastMatchSubject(), '');
    source.stop();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('GarbageCheckpoint collects after bulk work only when the heap grew by the threshold since its last collection', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let used = 100;
  const ran: number[] = [];
  const checkpoint = new GarbageCheckpoint(
    50,
    () => () => {
      ran.push(used);
      used = 120;
    },
    () => used,
    300,
  );
  used = 149;
  assert.equal(checkpoint.collectIfGrown(), false);
  used = 150;
  assert.equal(checkpoint.collectIfGrown(), true);
  assert.deepEqual([ran, checkpoint.collections, used], [[150], 1, 120]);
  // The baseline is the heap after the collection (120), not before it.
  used = 169;
  assert.equal(checkpoint.collectIfGrown(), false);
  used = 170;
  // Several ends of bulk work: one collection, once 300 ms passed without a message.
  checkpoint.afterBulkWork();
  checkpoint.afterBulkWork();
  t.mock.timers.tick(299);
  assert.equal(checkpoint.collections, 1);
  t.mock.timers.tick(1);
  assert.deepEqual([ran, checkpoint.collections], [[150, 170], 2]);
  t.mock.timers.tick(1000);
  assert.equal(checkpoint.collections, 2);
});

test('GarbageCheckpoint: a collection after bulk work waits while messages come in (keystrokes after an open)', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let used = 0;
  const checkpoint = new GarbageCheckpoint(10, () => () => (used = 0), () => used, 300);
  used = 10;
  checkpoint.afterBulkWork();
  // An edit every 100 ms for a second: no collection among them.
  for (let i = 0; i < 10; i++) {
    t.mock.timers.tick(100);
    checkpoint.noteActivity();
  }
  assert.equal(checkpoint.collections, 0);
  // The first quiet period that follows: the wait armed before the last message runs out and finds it,
  // so the collection comes one period later.
  t.mock.timers.tick(200);
  assert.equal(checkpoint.collections, 0);
  t.mock.timers.tick(300);
  assert.equal(checkpoint.collections, 1);
});

test('GarbageCheckpoint: no collection where none can be had', () => {
  let used = 0;
  const checkpoint = new GarbageCheckpoint(1, () => null, () => used);
  used = 10;
  assert.deepEqual([checkpoint.collectIfGrown(), checkpoint.collections], [false, 0]);
});

test('fullCollection gives V8 full collection without --expose-gc on the command line, the same function every time', async () => {
  assert.equal(process.execArgv.includes('--expose-gc'), false);
  const gc = fullCollection();
  assert.equal(typeof gc, 'function');
  assert.equal(fullCollection(), gc);
  const dropped = new WeakRef({ big: new Array<number>(100_000).fill(1) });
  // A WeakRef's target lives until the end of the job that made it.
  await new Promise((resolve) => setImmediate(resolve));
  gc!();
  assert.equal(dropped.deref(), undefined);
});

test('fullCollection leaves V8 flags as they were: a code cache made after it is accepted by a new process', () => {
  const gc = fullCollection();
  assert.equal(typeof gc, 'function');
  gc!();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-flags-'));
  try {
    const source = 'function twice(x) { return x * 2; } twice(21);';
    const made = new vm.Script(source, { filename: 'cached.js' });
    made.runInThisContext();
    fs.writeFileSync(path.join(dir, 'cache.bin'), made.createCachedData());
    // A new Node process with this one's flags, as the next start of the server is.
    const check = `const vm = require('node:vm'); const s = new vm.Script(${JSON.stringify(source)}, { filename: 'cached.js', cachedData: require('node:fs').readFileSync(${JSON.stringify(path.join(dir, 'cache.bin'))}) }); process.stdout.write(String(s.cachedDataRejected));`;
    const run = (...flags: string[]) => spawnSync(process.execPath, [...process.execArgv.filter((a) => !a.startsWith('--test')), ...flags, '-e', check], { encoding: 'utf8' }).stdout;
    assert.equal(run(), 'false');
    // The check can fail: a process whose flags differ rejects the same cache.
    assert.equal(run('--expose-gc'), 'true');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
