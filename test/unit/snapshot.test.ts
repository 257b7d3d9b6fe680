// Snapshot files (cluster/snapshot.ts): the bundled example with exact counts, the other shapes kubectl
// and the API print (JSON, typed lists, streams, metadata-only items), located errors, SnapshotSource.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readKubectlYaml } from '../../server/src/cluster/plainYaml';
import { loadSnapshot, readPositionalSnapshot, SnapshotError, SnapshotSource } from '../../server/src/cluster/snapshot';
import { stringify } from 'yaml';
import { generateCluster, snapshotYaml } from '../bench/inputs';
import { prng } from '../support/random';
import { toJson } from '../../server/src/document/json';
import { parseFile } from '../../server/src/document/file';
import { repoRoot } from '../support/fixture';
import { yaml } from '../support/check';

const examplePath = path.join(repoRoot, 'examples', 'cluster.yaml');
const exampleText = fs.readFileSync(examplePath, 'utf8');

test('the example cluster loads with exact counts', () => {
  const data = loadSnapshot(exampleText, 'examples/cluster.yaml');
  assert.deepEqual(data.namespaces.map((n) => n.name), ['analytics', 'dev', 'hpc', 'kubevirt', 'prod-db', 'prod-web', 'staging']);
  assert.equal(data.vmis.length, 48);
  assert.deepEqual(data.policies.map((p) => p.name), ['batch-jobs', 'databases', 'legacy-web', 'nightly', 'web-servers', 'zz-default']);
  assert.deepEqual(data.namespaces[2], { name: 'hpc', labels: { env: 'prod', 'hpc-workloads': 'true', 'kubernetes.io/metadata.name': 'hpc', team: 'research' } });
  for (const ns of data.namespaces) assert.equal(ns.labels['kubernetes.io/metadata.name'], ns.name);
  assert.deepEqual(data.vmis[0], {
    namespace: 'prod-db',
    name: 'postgres-0',
    labels: { app: 'postgres', 'kubevirt.io/domain': 'postgres-0', 'kubevirt.io/migrationTargetNodeName': 'node-03', 'kubevirt.io/nodeName': 'node-01', tier: 'gold', 'workload-type': 'db' },
    memory: '16Gi',
    lastMigrationPolicy: 'databases',
  });
  assert.equal(data.vmis.filter((v) => v.memory !== undefined).length, 31);
  const databases = data.policies[1];
  assert.deepEqual(
    { ...databases, spec: undefined },
    { name: 'databases', hasSelectors: true, namespaceSelector: { env: 'prod' }, vmiSelector: { 'workload-type': 'db' }, spec: undefined, origin: { kind: 'cluster' } },
  );
  assert.equal(databases.spec.bandwidthPerMigration, '128Mi');
  assert.deepEqual(data.policies[5].namespaceSelector, {});
  assert.deepEqual(data.kubevirt, {
    name: 'kubevirt',
    version: 'v1.9.0',
    featureGates: [],
    migrations: { allowAutoConverge: false, allowPostCopy: false, bandwidthPerMigration: '64Mi', completionTimeoutPerGiB: 800, parallelMigrationsPerCluster: 5, parallelOutboundMigrationsPerNode: 2, progressTimeout: 150 },
  });
});

test('the same list as JSON reads the same', () => {
  const yaml = loadSnapshot(exampleText, 'cluster.yaml');
  const list = toJson(parseFile(exampleText, 'yaml').documents[0].model.root);
  assert.deepEqual(loadSnapshot(JSON.stringify(list, null, 2), 'cluster.json'), yaml);
});

test('streams of documents, typed lists whose items have no kind, and skipped kinds', () => {
  const data = loadSnapshot(
    [
      'apiVersion: v1',
      'kind: NamespaceList',
      'items:',
      '- metadata: {name: a, labels: {team: x}}',
      '---',
      'apiVersion: kubevirt.io/v1',
      'kind: VirtualMachineInstanceList',
      'items:',
      '- metadata: {name: vm-1, namespace: a}',
      '  spec: {domain: {resources: {requests: {memory: 2Gi}}}}',
      '---',
      'apiVersion: migrations.kubevirt.io/v1alpha1',
      'kind: MigrationPolicyList',
      'items:',
      '- metadata: {name: p}',
      '  spec: {selectors: {namespaceSelector: {team: x}}}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: a}',
      '---',
      '# nothing here',
      '---',
      'kind: List',
      'items: null',
    ].join('\n'),
    'stream.yaml',
  );
  assert.deepEqual(data.namespaces, [{ name: 'a', labels: { team: 'x' } }]);
  assert.deepEqual(data.vmis, [{ namespace: 'a', name: 'vm-1', labels: {}, memory: '2Gi' }]);
  assert.deepEqual(data.policies.map((p) => [p.name, p.namespaceSelector]), [['p', { team: 'x' }]]);
  assert.equal(data.kubevirt, undefined);
});

test('PartialObjectMetadata items: namespaced ones are VMIs, the others namespaces', () => {
  const data = loadSnapshot(
    [
      'apiVersion: meta.k8s.io/v1',
      'kind: PartialObjectMetadataList',
      'items:',
      '- apiVersion: meta.k8s.io/v1',
      '  kind: PartialObjectMetadata',
      '  metadata: {name: vm-1, namespace: a, labels: {app: db}}',
      '- metadata: {name: a, labels: {kubernetes.io/metadata.name: a}}',
    ].join('\n'),
    'partial.yaml',
  );
  assert.deepEqual(data.vmis, [{ namespace: 'a', name: 'vm-1', labels: { app: 'db' } }]);
  assert.deepEqual(data.namespaces, [{ name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } }]);
});

test('a label written as an empty value is the empty string', () => {
  const data = loadSnapshot('kind: Namespace\nmetadata:\n  name: a\n  labels:\n    marker:\n', 'ns.yaml');
  assert.deepEqual(data.namespaces[0].labels, { marker: '' });
});

const malformed: [string, string, string][] = [
  ['label value read as a number', yaml`
    kind: List
    items:
    - kind: Namespace
      metadata:
        name: a
        labels:
          tier: 1
  `, 'snap.yaml:7:13: the value of label `tier` must be a string, but kubectl reads `1` as integer: write "1"'],
  ['label value read as a YAML 1.1 boolean', yaml`
    kind: Namespace
    metadata:
      name: a
      labels: {gpu: yes}
  `, 'snap.yaml:4:17: the value of label `gpu` must be a string, but kubectl reads `yes` as boolean: write "yes"'],
  ['labels not a map', yaml`
    kind: Namespace
    metadata:
      name: a
      labels: [a]
  `, 'snap.yaml:4:11: `metadata.labels` must be a mapping of strings to strings'],
  ['unclosed quote', yaml`
    kind: List
    items:
    - kind: Namespace
      metadata:
        name: "a
  `, 'snap.yaml:5:11: This double-quoted string is never closed: add the closing ".'],
  ['a sequence at the top', '- a\n- b\n', 'snap.yaml:1:1: expected a Kubernetes object or List (a mapping with `kind`), as `kubectl get -o yaml` prints it'],
  ['no kind', 'apiVersion: v1\nitems: []\n', 'snap.yaml:1:1: this document has no `kind`: expected a List or a Namespace, VirtualMachineInstance, MigrationPolicy or KubeVirt'],
  ['VMI without namespace', yaml`
    kind: List
    items:
    - kind: VirtualMachineInstance
      metadata:
        name: vm
  `, 'snap.yaml:5:5: VirtualMachineInstance `vm` has no `metadata.namespace`'],
  ['object without name', yaml`
    kind: List
    items:
    - kind: Namespace
      metadata:
        labels: {}
  `, 'snap.yaml:5:5: this Namespace has no `metadata.name`'],
  ['items not a list', 'kind: List\nitems: {}\n', 'snap.yaml:2:8: `items` of this List must be a list'],
  ['an item that is not an object', 'kind: List\nitems:\n- 3\n', 'snap.yaml:3:3: item 1 of this List is not an object'],
  ['an item without kind in a generic List, in a later document', yaml`
    ---
    kind: Namespace
    metadata: {name: a}
    ---
    kind: List
    items:
    - metadata:
        name: b
  `, 'snap.yaml:7:3: item 1 of this List has no `kind`'],
];

for (const [what, text, message] of malformed) {
  test(`malformed snapshot: ${what}`, () => {
    assert.throws(() => loadSnapshot(text, 'snap.yaml'), (e: unknown) => {
      assert.ok(e instanceof SnapshotError);
      assert.equal(e.message, message);
      assert.equal(`${e.path}:${e.line}:${e.column}: ${e.reason}`, message);
      return true;
    });
  });
}

test('malformed JSON snapshots are located too', () => {
  assert.throws(() => loadSnapshot('{"kind": "List",\n "items": [ {"kind": "Namespace", "metadata": {"name": 3}} ]}', 'snap.json'), {
    message: 'snap.json:2:56: this Namespace has no `metadata.name`',
  });
  assert.throws(() => loadSnapshot('{"kind": "List", "items": [', 'snap.json'), /^Error|snap\.json:1:\d+: /);
});

test('empty and comment-only files are an empty cluster', () => {
  assert.deepEqual(loadSnapshot('', 'empty.yaml'), { namespaces: [], vmis: [], policies: [] });
  assert.deepEqual(loadSnapshot('# nothing\n', 'empty.yaml'), { namespaces: [], vmis: [], policies: [] });
});

test('toJson keeps the last duplicate key, follows aliases and keeps __proto__ as a plain key', () => {
  const root = parseFile('a: &x {k: 1}\nb: *x\nc: 1\nc: 2\n__proto__: p\n', 'yaml').documents[0].model.root;
  const json = toJson(root) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['a', 'b', 'c', '__proto__']);
  assert.deepEqual([json.b, json.c, json.__proto__ === 'p'], [{ k: 1 }, 2, true]);
  assert.equal(Object.getPrototypeOf(json), Object.prototype);
});

test('SnapshotSource loads in the background, reports states and faults', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-snapshot-'));
  const file = path.join(dir, 'cluster.yaml');
  fs.writeFileSync(file, exampleText);
  const source = new SnapshotSource(file, { demo: true, watch: false });
  const states: string[] = [];
  source.onChange(() => states.push(source.status().state.kind));
  assert.equal(source.current(), undefined);
  source.start();
  await source.refresh();
  const status = source.status();
  assert.deepEqual([status.state, status.counts, status.kubevirtVersion, status.source], [
    { kind: 'ready' },
    { namespaces: 7, vmis: 48, policies: 6 },
    'v1.9.0',
    { kind: 'snapshot', path: file, demo: true },
  ]);
  assert.ok(status.loadedAt && !Number.isNaN(Date.parse(status.loadedAt)));
  assert.deepEqual(states, ['loading', 'ready']);

  fs.writeFileSync(file, 'kind: List\nitems:\n- kind: Namespace\n  metadata: {}\n');
  await source.refresh();
  assert.deepEqual(source.status().state, { kind: 'error', message: `${file}:4:13: this Namespace has no \`metadata.name\`` });
  assert.equal(source.current(), undefined, 'refresh drops the data');

  const missing = new SnapshotSource(path.join(dir, 'missing.yaml'), { watch: false });
  await missing.refresh();
  assert.deepEqual(missing.status().state, { kind: 'error', message: `cannot read ${path.join(dir, 'missing.yaml')}: no such file or directory` });
  source.stop();
  assert.equal(source.status().state.kind, 'disabled');
  fs.rmSync(dir, { recursive: true });
});

test('SnapshotSource watches the file: reloads on change, keeps the last good reading when it breaks', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-snapshot-'));
  const file = path.join(dir, 'cluster.yaml');
  fs.writeFileSync(file, 'kind: Namespace\nmetadata: {name: a}\n');
  const source = new SnapshotSource(file);
  source.start();
  await source.refresh();
  assert.equal(source.current()?.namespaces.length, 1);
  // The watcher does not keep the process alive (persistent: false); the timer does, and bounds the wait.
  const until = (done: () => boolean) => {
    let timer: NodeJS.Timeout | undefined;
    return new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('no reload within 10 s')), 10_000);
      const sub = source.onChange(() => {
        if (!done()) return;
        sub.dispose();
        resolve();
      });
    }).finally(() => clearTimeout(timer));
  };
  const reloaded = until(() => source.current()?.namespaces.length === 2);
  fs.writeFileSync(file, 'kind: List\nitems:\n- kind: Namespace\n  metadata: {name: a}\n- kind: Namespace\n  metadata: {name: b}\n');
  await reloaded;
  const broken = until(() => source.status().state.kind === 'stale');
  fs.writeFileSync(file, 'kind: List\nitems:\n- kind: Namespace\n  metadata: {labels: {}}\n');
  await broken;
  assert.deepEqual(source.status().state, { kind: 'stale', reason: `${file}:4:13: this Namespace has no \`metadata.name\`` });
  assert.equal(source.current()?.namespaces.length, 2, 'the last good reading stays');
  source.stop();
  fs.rmSync(dir, { recursive: true });
});

test('JSON snapshots take the JSON.parse path and read exactly what the positional reader reads; its errors stay located', () => {
  const demo = fs.readFileSync(path.join(repoRoot, 'examples', 'cluster.yaml'), 'utf8');
  const fromYaml = loadSnapshot(demo, 'cluster.yaml');
  const json = JSON.stringify(toJson(parseFile(demo, 'yaml').documents[0].model.root));
  assert.deepEqual(loadSnapshot(json, 'cluster.json'), fromYaml);
  assert.ok(fromYaml.vmis.length > 40 && fromYaml.policies.length > 5 && fromYaml.kubevirt);
  const broken = '{"kind": "List", "items": [\n  {"kind": "VirtualMachineInstance", "metadata": {"name": "a", "namespace": "n", "labels": {"tier": 1}}}\n]}';
  assert.throws(() => loadSnapshot(broken, 'snap.json'), { message: 'snap.json:2:101: the value of label `tier` must be a string, but kubectl reads `1` as integer: write "1"' });
});

/** Each document of a YAML text as the positional reader turns it into values (what the fast path must equal). */
const positionalValues = (text: string) => parseFile(text, 'yaml').documents.map((d) => toJson(d.model.root));

test('YAML snapshots as kubectl prints them take the fast path and read exactly what the positional reader reads', () => {
  const demo = fs.readFileSync(path.join(repoRoot, 'examples', 'cluster.yaml'), 'utf8');
  assert.ok(readKubectlYaml(demo), 'the demo snapshot is read by the fast path');
  assert.deepEqual(loadSnapshot(demo, 'cluster.yaml'), readPositionalSnapshot(demo, 'cluster.yaml'));
  const cluster = generateCluster(3);
  const generated = snapshotYaml({ ...cluster, namespaces: cluster.namespaces.slice(0, 300), vmis: cluster.vmis.slice(0, 3000) });
  assert.ok(readKubectlYaml(generated));
  assert.deepEqual(loadSnapshot(generated, 'fleet.yaml'), readPositionalSnapshot(generated, 'fleet.yaml'));
  const kubectl = [
    'apiVersion: v1',
    'items:',
    '- apiVersion: v1',
    '  kind: Namespace',
    '  metadata:',
    '    annotations:',
    '      kubectl.kubernetes.io/last-applied-configuration: |',
    '        {"apiVersion":"v1","kind":"Namespace"}',
    '      note: |-',
    '        two',
    '',
    '          lines, one indented',
    '    creationTimestamp: "2024-01-01T00:00:00Z"',
    '    labels:',
    '      kubernetes.io/metadata.name: prod',
    "      quoted: 'it''s'",
    '      octal: "010"',
    '      empty: ""',
    '    name: prod',
    '  spec:',
    '    finalizers:',
    '    - kubernetes',
    '  status: {}',
    '- apiVersion: kubevirt.io/v1',
    '  kind: VirtualMachineInstance',
    '  metadata:',
    '    labels:',
    '      app: db',
    '      url: http://x/y?a=b,c',
    '    name: vm-0',
    '    namespace: prod',
    '  spec:',
    '    domain:',
    '      memory:',
    '        guest: 4Gi',
    '    volumes:',
    '    - name: root',
    '      containerDisk:',
    '        image: quay.io/x:1.0',
    '    -   name: indented',
    '    - - nested',
    '      - 12',
    '    - null',
    '    - ~',
    '    - yes',
    '    - 0x1F',
    '    - 1e3',
    '    - -5',
    '    - []',
    '  status:',
    '    migrationState:',
    '      completed: true',
    '      startTimestamp: 2024-01-01T00:00:00Z',
    'kind: List',
    'metadata:',
    '  resourceVersion: ""',
    '---',
    '# a comment line',
    '---',
    'apiVersion: migrations.kubevirt.io/v1alpha1',
    'kind: MigrationPolicy',
    'metadata:',
    '  name: p',
    'spec:',
    '  completionTimeoutPerGiB: 800',
    '  allowAutoConverge: on',
    '  selectors:',
    '    virtualMachineInstanceSelector:',
    '      app: db',
    '',
  ].join('\n');
  const roots = readKubectlYaml(kubectl);
  assert.ok(roots, 'the fast path reads kubectl\'s output');
  assert.deepEqual(roots, positionalValues(kubectl));
  assert.equal((roots[0] as { items: { metadata: { annotations: { note: string } } }[] }).items[0].metadata.annotations.note, 'two\n\n  lines, one indented');
  assert.deepEqual(loadSnapshot(kubectl, 'snap.yaml'), readPositionalSnapshot(kubectl, 'snap.yaml'));
  // What it leaves to the positional reader, which reads it (or says where it breaks).
  for (const text of [
    'kind: List\nitems: &a []\n',
    'kind: List\nitems: !!seq []\n',
    'kind: List\nitems: [a, b]\n',
    'kind: List # the list\n',
    'kind: List\nmetadata:\n  name: a\n    long\n',
    'kind: List\nnote: >\n  folded\n',
    'kind: List\nnote: |+\n  kept\n\n',
    'kind: List\n\titems: []\n',
    'kind: List\r\nitems: []\r\n',
    '%YAML 1.1\n---\nkind: List\n',
    'kind: List\n"items": []\n',
    'kind: List\nitems:\n  - a\n  b: c\n',
    'kind: List\n1: x\n',
    'kind: List\nnote: |\n  no final line break',
    '\ufeffkind: List\n',
  ]) {
    assert.equal(readKubectlYaml(text), undefined, JSON.stringify(text));
  }
  assert.throws(() => loadSnapshot('kind: List\nitems:\n- kind: Namespace\n  metadata: {labels: {}}\n', 'snap.yaml'), { message: 'snap.yaml:4:13: this Namespace has no `metadata.name`' });
  assert.throws(() => loadSnapshot('kind: List\nitems:\n- kind: Namespace\n  metadata:\n    name: a\n    labels:\n      tier: 1\n', 'snap.yaml'), { message: 'snap.yaml:7:13: the value of label `tier` must be a string, but kubectl reads `1` as integer: write "1"' });
});

test('the YAML fast path equals the positional reader on random documents written by a YAML library', () => {
  const random = prng(15);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const strings = ['a', 'yes', 'No', 'on', '010', '0o10', '0x1F', '1e3', '1_000', '-5', '+3', '.5', '.inf', 'null', '~', '', ' x', 'x ', 'a: b', 'a #b', 'a#b', '#x', '- a', '-', '"q"', "'s'", 'é ü', 'line\nbreak', 'two\n\nlines\n', 'http://x:80/y', '{}', '[]', '12:30', '2024-01-01', 'true', 'y', '@x', '%x', '`x', '!x', '&x', '*x', '|', '>', '?', ':', 'a,b', 'a]', 'tab\there', '\\', 'zero\u0000', 'emoji 😀'];
  const value = (depth: number): unknown => {
    const r = random();
    if (depth > 3 || r < 0.45) return pick<unknown>([...strings, 0, 1, -1, 3.5, 1e21, true, false, null]);
    if (r < 0.75) return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(['a', 'b', 'kind', 'app.kubernetes.io/name', 'x y', 'yes', '1', 'null', 'k:v']), value(depth + 1)]));
    return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
  };
  let fast = 0;
  for (let n = 0; n < 400; n++) {
    const docs = Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({ kind: 'List', items: [value(0), value(0)], extra: value(0) }));
    const text = docs.map((d) => stringify(d, { lineWidth: 0, indentSeq: random() < 0.5 })).join('---\n');
    const roots = readKubectlYaml(text);
    if (!roots) continue;
    fast++;
    assert.deepEqual(roots, positionalValues(text), text);
  }
  assert.ok(fast > 100, `the fast path read ${fast} of 400 files`);
});

test('Lists nested in Lists keep every item on the JSON.parse path too, as deep as the positional reader goes', () => {
  const inner = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceList', items: [{ metadata: { name: 'a', namespace: 'prod', labels: { app: 'db' } } }, { metadata: { name: 'b', namespace: 'prod' } }] };
  const nested = {
    apiVersion: 'v1', kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } }, { apiVersion: 'v1', kind: 'List', items: [inner] }] },
      { kind: 'MigrationPolicyList', items: [{ apiVersion: 'migrations.kubevirt.io/v1alpha1', metadata: { name: 'p' }, spec: { selectors: { virtualMachineInstanceSelector: { app: 'db' } } } }] },
    ],
  };
  for (const [text, file] of [[JSON.stringify(nested), 'nested.json'], [JSON.stringify(nested, null, 2), 'nested.yaml']] as const) {
    const data = loadSnapshot(text, file);
    assert.deepEqual(data.namespaces.map((n) => n.name), ['prod'], file);
    assert.deepEqual(data.vmis.map((v) => `${v.namespace}/${v.name}`), ['prod/a', 'prod/b'], file);
    assert.deepEqual(data.policies.map((p) => [p.name, p.vmiSelector]), [['p', { app: 'db' }]], file);
  }
  // Four Lists inside the outer one are read through; one more and both readers give the same answer.
  // The Lists carry a metadata.name, so that a List read as an object is skipped, not refused (a refusal
  // sends the JSON path back to the positional reader, which would hide a JSON-path bug).
  const wrap = (item: unknown, levels: number): unknown => (levels === 0 ? item : { kind: 'List', metadata: { name: `l${levels}` }, items: [wrap(item, levels - 1)] });
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'deep' } };
  const outcome = (text: string, file: string) => {
    try {
      return loadSnapshot(text, file).namespaces.map((n) => n.name);
    } catch (e) {
      return (e as Error).message.replace(/^[^:]+:/, '');
    }
  };
  const deep = JSON.stringify(wrap(ns, 5));
  // A leading comment keeps a .yaml file off the JSON.parse path.
  assert.deepEqual([outcome(deep, 'deep.json'), outcome(`# positional\n${deep}`, 'deep.yaml')], [['deep'], ['deep']]);
  const deeper = JSON.stringify(wrap(ns, 6));
  assert.deepEqual([outcome(deeper, 'deeper.json'), outcome(`# positional\n${deeper}`, 'deeper.yaml')], [[], []]);
});
