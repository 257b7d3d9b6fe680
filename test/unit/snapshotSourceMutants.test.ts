// Mutation survivors of cluster/snapshot.ts lines 246-466: the positional reader (every complaint located
// at path:line:column, exactly), checkLabels, and SnapshotSource (states, counts, watching, dropping a
// reading that finishes after stop(), listeners). fs.watchFile is spied on, so no case waits for polling.
import * as assert from 'node:assert/strict';
import fsModule from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadSnapshot, readPositionalSnapshot, SnapshotError, SnapshotSource } from '../../server/src/cluster/snapshot';
import { yaml } from '../support/check';

/** The positional reader's complaint about `text`, as path:line:column: reason (or the data it read). */
function complaint(text: string, file = 's.yaml'): string {
  try {
    readPositionalSnapshot(text, file);
  } catch (e) {
    assert.ok(e instanceof SnapshotError, String(e));
    assert.equal(`${e.path}:${e.line}:${e.column}: ${e.reason}`, e.message);
    return e.message;
  }
  return 'read';
}

test('positional reader: a warning (an unknown tag kubectl ignores) is no error; errors are located in later documents too', () => {
  assert.deepEqual(readPositionalSnapshot('kind: Namespace\nmetadata:\n  name: !custom a\n', 's.yaml').namespaces, [{ name: 'a', labels: {} }]);
  assert.equal(complaint('kind: Namespace\nmetadata: {name: a}\n---\nkind: Namespace\nmetadata:\n  name: "b\n'), 's.yaml:6:9: This double-quoted string is never closed: add the closing ".');
});

test('positional reader: empty and null documents are skipped; a scalar document is refused where it starts', () => {
  assert.deepEqual(readPositionalSnapshot('---\n~\n---\nnull\n---\n', 's.yaml'), { namespaces: [], vmis: [], policies: [] });
  assert.equal(complaint('kind: Namespace\nmetadata: {name: a}\n---\n  just text\n'), 's.yaml:4:3: expected a Kubernetes object or List (a mapping with `kind`), as `kubectl get -o yaml` prints it');
  assert.equal(complaint('---\n\napiVersion: v1\n'), 's.yaml:3:1: this document has no `kind`: expected a List or a Namespace, VirtualMachineInstance, MigrationPolicy or KubeVirt');
  assert.equal(complaint('kind: 3\n'), 's.yaml:1:1: this document has no `kind`: expected a List or a Namespace, VirtualMachineInstance, MigrationPolicy or KubeVirt');
});

test('positional reader: an object without metadata, or without a name, is refused at the object, the metadata or the name', () => {
  assert.equal(complaint('kind: List\nitems:\n- kind: KubeVirt\n  spec: {}\n'), 's.yaml:3:3: this KubeVirt has no `metadata`');
  assert.equal(complaint('kind: MigrationPolicy\nmetadata: 3\n'), 's.yaml:1:1: this MigrationPolicy has no `metadata`');
  assert.equal(complaint('kind: Namespace\nmetadata:\n  labels: {}\n'), 's.yaml:3:3: this Namespace has no `metadata.name`');
  assert.equal(complaint('kind: Namespace\nmetadata:\n  name: ""\n'), 's.yaml:3:9: this Namespace has no `metadata.name`');
  assert.equal(complaint('kind: Namespace\nmetadata:\n  name: 12\n'), 's.yaml:3:9: this Namespace has no `metadata.name`');
  assert.equal(complaint('kind: VirtualMachineInstance\nmetadata:\n  name: vm\n  namespace: 3\n'), 's.yaml:3:3: VirtualMachineInstance `vm` has no `metadata.namespace`');
});

test('positional reader: every kind is read, metadata-only items by their namespace, the first KubeVirt, policies from the cluster', () => {
  const data = readPositionalSnapshot(yaml`
    kind: List
    items:
    - kind: Namespace
      metadata: {name: a, labels: {team: x, marker: null}}
    - kind: Deployment
      metadata: {name: web, namespace: a}
    - kind: VirtualMachineInstance
      metadata: {name: vm-1, namespace: a, labels: {app: db}}
      spec: {domain: {memory: {guest: 2Gi}}}
    - kind: PartialObjectMetadata
      metadata: {name: vm-2, namespace: a}
    - kind: PartialObjectMetadata
      metadata: {name: b}
    - kind: MigrationPolicyList
      items:
      - metadata: {name: p}
        spec: {selectors: {namespaceSelector: {team: x}}}
    - kind: KubeVirt
      metadata: {name: first, namespace: kubevirt}
      status: {observedKubeVirtVersion: v1.5.0}
    - kind: KubeVirt
      metadata: {name: second, namespace: kubevirt}
      status: {observedKubeVirtVersion: v1.6.0}
  `, 's.yaml');
  assert.deepEqual(data.namespaces, [{ name: 'a', labels: { team: 'x', marker: '' } }, { name: 'b', labels: {} }]);
  assert.deepEqual(data.vmis, [{ namespace: 'a', name: 'vm-1', labels: { app: 'db' }, memory: '2Gi' }, { namespace: 'a', name: 'vm-2', labels: {} }]);
  assert.deepEqual(data.policies.map((p) => [p.name, p.hasSelectors, p.namespaceSelector, p.origin]), [['p', true, { team: 'x' }, { kind: 'cluster' }]]);
  assert.deepEqual(data.kubevirt, { name: 'first', version: 'v1.5.0', featureGates: [], migrations: {} });
  assert.equal(Object.hasOwn(readPositionalSnapshot('kind: Namespace\nmetadata: {name: a}\n', 's.yaml'), 'kubevirt'), false);
});

test('positional reader: Lists: no items and null items are empty; other items are refused by number, where they are', () => {
  assert.deepEqual(readPositionalSnapshot('kind: List\n---\nkind: NamespaceList\nitems: ~\n', 's.yaml'), { namespaces: [], vmis: [], policies: [] });
  assert.equal(complaint('kind: NamespaceList\nitems: x\n'), 's.yaml:2:8: `items` of this NamespaceList must be a list');
  assert.equal(complaint('kind: List\nitems:\n- kind: Namespace\n  metadata: {name: a}\n- [x]\n'), 's.yaml:5:3: item 2 of this List is not an object');
  assert.equal(complaint('kind: List\nitems:\n- kind: Namespace\n  metadata: {name: a}\n-\n'), 's.yaml:5:2: item 2 of this List is not an object');
  assert.equal(complaint('kind: List\nitems:\n- kind: Namespace\n  metadata: {name: a}\n- metadata: {name: b}\n'), 's.yaml:5:3: item 2 of this List has no `kind`');
  // Items of a typed List take its kind; an alias to an item is read as the item.
  const typed = readPositionalSnapshot('kind: List\nitems:\n- kind: NamespaceList\n  items:\n  - &ns\n    metadata: {name: a}\n  - metadata: {name: b}\n', 's.yaml');
  assert.deepEqual(typed.namespaces.map((n) => n.name), ['a', 'b']);
  assert.equal(complaint('kind: VirtualMachineInstanceList\nitems:\n- metadata: {name: vm}\n'), 's.yaml:3:13: VirtualMachineInstance `vm` has no `metadata.namespace`');
});

test('positional reader: four Lists deep are read through, the fifth is read as an object', () => {
  const wrap = (levels: number, indent: string): string =>
    levels === 0 ? `${indent}- kind: Namespace\n${indent}  metadata: {name: deep}\n` : `${indent}- kind: List\n${indent}  metadata: {name: l${levels}}\n${indent}  items:\n${wrap(levels - 1, `${indent}  `)}`;
  assert.deepEqual(readPositionalSnapshot(`kind: List\nitems:\n${wrap(4, '')}`, 's.yaml').namespaces.map((n) => n.name), ['deep']);
  assert.deepEqual(readPositionalSnapshot(`kind: List\nitems:\n${wrap(5, '')}`, 's.yaml').namespaces.map((n) => n.name), []);
});

test('positional reader: labels must be a map of strings; each complaint is at the value, with what kubectl would read', () => {
  assert.equal(complaint('kind: Namespace\nmetadata:\n  name: a\n  labels: x\n'), 's.yaml:4:11: `metadata.labels` must be a mapping of strings to strings');
  assert.equal(complaint('kind: Namespace\nmetadata:\n  name: a\n  labels:\n    ~: x\n'), 's.yaml:5:5: a label needs a key');
  assert.equal(complaint('kind: Namespace\nmetadata:\n  name: a\n  labels: {~: x}\n'), 's.yaml:4:12: a label needs a key');
  assert.equal(complaint('kind: Namespace\nmetadata:\n  name: a\n  labels:\n    ok: "1"\n    k: {a: b}\n'), 's.yaml:6:8: the value of label `k` must be a string');
  assert.equal(complaint('kind: Namespace\nmetadata:\n  name: a\n  labels:\n    k: 1.5\n'), 's.yaml:5:8: the value of label `k` must be a string, but kubectl reads `1.5` as number: write "1.5"');
  assert.deepEqual(readPositionalSnapshot('kind: Namespace\nmetadata:\n  name: a\n  labels: ~\n', 's.yaml').namespaces, [{ name: 'a', labels: {} }]);
  assert.deepEqual(readPositionalSnapshot('kind: Namespace\nmetadata:\n  name: a\n  labels: {k: ~, j: v}\n', 's.yaml').namespaces, [{ name: 'a', labels: { k: '', j: 'v' } }]);
});

test('positional reader: a label key without a value is the empty string, as `k:` is (kubectl sends null, stored as "")', () => {
  for (const text of ['kind: Namespace\nmetadata:\n  name: a\n  labels: {k, j: v}\n', 'kind: Namespace\nmetadata:\n  name: a\n  labels:\n    ? k\n    j: v\n']) {
    assert.deepEqual(readPositionalSnapshot(text, 's.yaml').namespaces, [{ name: 'a', labels: { k: '', j: 'v' } }], text);
    assert.deepEqual(loadSnapshot(text, 's.yaml').namespaces, [{ name: 'a', labels: { k: '', j: 'v' } }], text);
  }
});

/** A temporary directory with one file, removed after the test. */
function tempFile(t: { after(fn: () => void): void }, name: string, text: string): string {
  const dir = fsModule.mkdtempSync(path.join(os.tmpdir(), 'mp-snapsrc-'));
  t.after(() => fsModule.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  fsModule.writeFileSync(file, text);
  return file;
}

const stats = (mtimeMs: number, size: number) => ({ mtimeMs, size }) as fsModule.Stats;

test('SnapshotSource: its description, and its status before, after a reading without a KubeVirt version', async (t) => {
  const file = tempFile(t, 'c.yaml', 'kind: List\nitems:\n- kind: Namespace\n  metadata: {name: a}\n- kind: KubeVirt\n  metadata: {name: kv}\n');
  const source = new SnapshotSource(file, { watch: false });
  assert.deepEqual(source.description, { kind: 'snapshot', path: file, demo: false });
  assert.deepEqual(source.status(), { source: { kind: 'snapshot', path: file, demo: false }, state: { kind: 'disabled' }, counts: { namespaces: 0, vmis: 0, policies: 0 } });
  await source.refresh();
  const status = source.status();
  assert.deepEqual(Object.keys(status).sort(), ['counts', 'loadedAt', 'source', 'state']);
  assert.deepEqual([status.state, status.counts], [{ kind: 'ready' }, { namespaces: 1, vmis: 0, policies: 0 }]);
  source.stop();
});

test('SnapshotSource: start() watches once (polling each second, not keeping the process alive), stop() unwatches; watch: false never watches', async (t) => {
  const file = tempFile(t, 'c.yaml', 'kind: Namespace\nmetadata: {name: a}\n');
  const watch = t.mock.method(fsModule, 'watchFile', () => undefined);
  const unwatch = t.mock.method(fsModule, 'unwatchFile', () => undefined);
  const source = new SnapshotSource(file);
  source.start();
  source.start();
  await source.refresh();
  assert.equal(watch.mock.callCount(), 1);
  const [watched, options, listener] = watch.mock.calls[0].arguments as unknown as [string, object, unknown];
  assert.deepEqual([watched, options, typeof listener], [file, { interval: 1000, persistent: false }, 'function']);
  source.stop();
  assert.deepEqual(unwatch.mock.calls.map((c) => c.arguments as unknown[]), [[file, listener]]);
  source.stop();
  assert.equal(unwatch.mock.callCount(), 1, 'a second stop() has nothing to unwatch');
  const quiet = new SnapshotSource(file, { watch: false });
  quiet.start();
  await quiet.refresh();
  assert.equal(watch.mock.callCount(), 1);
  quiet.stop();
  assert.equal(unwatch.mock.callCount(), 1);
});

test('SnapshotSource: a change of size or time reloads, keeping the last good reading when the file breaks; the same size and time do not', async (t) => {
  const file = tempFile(t, 'c.yaml', 'kind: Namespace\nmetadata: {name: a}\n');
  const watch = t.mock.method(fsModule, 'watchFile', () => undefined);
  t.mock.method(fsModule, 'unwatchFile', () => undefined);
  const source = new SnapshotSource(file);
  source.start();
  await source.refresh();
  const changed = (watch.mock.calls[0].arguments as unknown[])[2] as (now: fsModule.Stats, before: fsModule.Stats) => void;
  const states: string[] = [];
  source.onChange(() => states.push(source.status().state.kind));
  // Only the no-reload case waits a while (a wait that is too short cannot fail it); a reload is awaited to its end
  // (the state it reaches, then a turn of the event loop, so the finished reading is no longer shared).
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
  const reached = (kind: string) =>
    new Promise<void>((resolve) => {
      const sub = source.onChange(() => {
        if (source.status().state.kind !== kind) return;
        sub.dispose();
        setImmediate(resolve);
      });
    });
  fsModule.writeFileSync(file, 'kind: Namespace\nmetadata: {name: b}\n');
  changed(stats(1, 10), stats(1, 10));
  await settle();
  assert.deepEqual(states, []);
  const ready = reached('ready');
  changed(stats(2, 10), stats(1, 10));
  await ready;
  assert.deepEqual([states, source.current()?.namespaces.map((n) => n.name)], [['loading', 'ready'], ['b']]);
  fsModule.writeFileSync(file, 'kind: Namespace\nmetadata: {labels: {}}\n');
  const stale = reached('stale');
  changed(stats(2, 11), stats(2, 10));
  await stale;
  assert.deepEqual(source.status().state, { kind: 'stale', reason: `${file}:2:11: this Namespace has no \`metadata.name\`` });
  assert.deepEqual(source.current()?.namespaces.map((n) => n.name), ['b']);
  source.stop();
});

test('SnapshotSource: a reading that finishes after stop() is dropped, good or failed', async (t) => {
  const file = tempFile(t, 'c.yaml', 'kind: Namespace\nmetadata: {name: a}\n');
  const source = new SnapshotSource(file, { watch: false });
  const pending = source.refresh();
  source.stop();
  await pending;
  assert.deepEqual([source.status().state, source.current()], [{ kind: 'disabled' }, undefined]);
  const missing = new SnapshotSource(path.join(path.dirname(file), 'missing.yaml'), { watch: false });
  const failing = missing.refresh();
  missing.stop();
  await failing;
  assert.deepEqual(missing.status().state, { kind: 'disabled' });
});

test('SnapshotSource: refreshes while one reading runs share it; a later refresh reads again', async (t) => {
  const file = tempFile(t, 'c.yaml', 'kind: Namespace\nmetadata: {name: a}\n');
  const source = new SnapshotSource(file, { watch: false });
  const first = source.refresh();
  assert.equal(source.refresh(), first);
  await first;
  fsModule.writeFileSync(file, 'kind: Namespace\nmetadata: {name: b}\n');
  await source.refresh();
  assert.deepEqual(source.current()?.namespaces.map((n) => n.name), ['b']);
  source.stop();
});

test('SnapshotSource: listeners are told of every state; a throwing one does not stop the others; a disposed one is not called', async (t) => {
  const file = tempFile(t, 'c.yaml', 'kind: Namespace\nmetadata: {name: a}\n');
  const source = new SnapshotSource(file, { watch: false });
  const seen: string[] = [];
  const gone: string[] = [];
  source.onChange(() => {
    throw new Error('listener fault');
  });
  source.onChange(() => seen.push(source.status().state.kind));
  source.onChange(() => gone.push('called')).dispose();
  await source.refresh();
  source.stop();
  assert.deepEqual(seen, ['loading', 'ready', 'disabled']);
  assert.deepEqual(gone, []);
});

test('SnapshotSource: a path that is not a regular file is an error that says what it is', async (t) => {
  const file = tempFile(t, 'c.yaml', '');
  const dir = path.dirname(file);
  const source = new SnapshotSource(dir, { watch: false });
  await source.refresh();
  assert.deepEqual(source.status().state, { kind: 'error', message: `cannot read ${dir}: a directory, not a regular file: not read` });
  assert.equal(source.status().loadedAt, undefined);
});
