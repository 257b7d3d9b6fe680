// The memory-saving paths of cluster data: a JSON List snapshot is split into its items and parsed one
// item at a time (splitJsonList), reading exactly what JSON.parse of the whole text reads; the inventory
// keeps one-VMI postings as numbers and still answers exactly.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import { loadSnapshot, splitJsonList } from '../../server/src/cluster/snapshot';
import type { ClusterData, PolicyInfo, VmiInfo } from '../../server/src/cluster/types';
import { toJson } from '../../server/src/document/json';
import { parseFile } from '../../server/src/document/file';
import { generateCluster, snapshotJson } from '../bench/inputs';
import { repoRoot } from '../support/fixture';
import { prng } from '../support/random';

/** splitJsonList's object with its items parsed, as JSON.parse of the whole text gives it. */
const materialise = (list: Record<string, unknown> | undefined) => list && { ...list, items: [...(list.items as Iterable<unknown>)] };

test('splitJsonList reads what JSON.parse reads: minified, pretty-printed, tabs, CRLF, tricky strings, nested lists', () => {
  const items = [
    { kind: 'Namespace', metadata: { name: 'a', labels: { 'x/y': 'has "quotes", \\backslashes\\ and } ] { [ inside' } } },
    { kind: 'VirtualMachineInstance', metadata: { name: 'v', namespace: 'a', labels: { e: '\\' } }, spec: { list: [1, [2, { deep: [] }], 'x\n  }'] } },
    { kind: 'List', items: [{ kind: 'Namespace', metadata: { name: 'inner' } }] },
    { kind: 'MigrationPolicy', metadata: { name: 'p' }, spec: { selectors: {}, n: -1.5e3, t: true, f: false, z: null } },
  ];
  const root = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
  for (const text of [
    JSON.stringify(root),
    JSON.stringify(root, null, 4),
    JSON.stringify(root, null, '\t'),
    JSON.stringify(root, null, 2).replace(/\n/g, '\r\n'),
    `  \n${JSON.stringify(root, null, 1)}\n\n`,
    JSON.stringify({ items, kind: 'List' }),
    JSON.stringify({ kind: 'List', items: [] }),
  ]) {
    assert.deepEqual(materialise(splitJsonList(text)), JSON.parse(text), text.slice(0, 60));
  }
});

test('splitJsonList declines what it does not split (JSON.parse then reads the whole text) and leaves broken items to JSON.parse', () => {
  assert.equal(splitJsonList('{"kind": "List", "items": null}'), undefined, 'no items array');
  assert.equal(splitJsonList('{"kind": "List"}'), undefined);
  assert.equal(splitJsonList('[{"kind": "List", "items": []}]'), undefined, 'not an object');
  assert.equal(splitJsonList('{"items": [], "items": [{"kind": "Namespace"}]}'), undefined, 'a duplicate key: JSON.parse keeps the last');
  assert.equal(splitJsonList('{"__proto__": {}, "items": []}'), undefined, '__proto__ stays a plain key only through JSON.parse');
  assert.equal(splitJsonList('{"items": []} x'), undefined, 'text after the object');
  assert.equal(splitJsonList('{"items": [] "kind": "List"}'), undefined, 'a missing comma');
  // An item that is not JSON throws when it is read, as JSON.parse would.
  const broken = splitJsonList('{"items": [{"kind": "Namespace"}, {"kind": }]}');
  assert.ok(broken);
  assert.throws(() => materialise(broken), SyntaxError);
});

test('JSON snapshots read item by item give the same cluster data; broken ones keep their located errors', () => {
  const demo = fs.readFileSync(path.join(repoRoot, 'examples', 'cluster.yaml'), 'utf8');
  const fromYaml = loadSnapshot(demo, 'cluster.yaml');
  const json = toJson(parseFile(demo, 'yaml').documents[0].model.root);
  for (const text of [JSON.stringify(json), JSON.stringify(json, null, 4)]) assert.deepEqual(loadSnapshot(text, 'cluster.json'), fromYaml);
  const broken = '{"kind": "List", "items": [\n  {"kind": "Namespace", "metadata": {"name": "ok"}},\n  {"kind": "VirtualMachineInstance", "metadata": {"name": "a", "namespace": "n", "labels": {"tier": 1}}}\n]}';
  assert.throws(() => loadSnapshot(broken, 'snap.json'), { message: 'snap.json:3:101: the value of label `tier` must be a string, but kubectl reads `1` as integer: write "1"' });
  assert.throws(() => loadSnapshot('{"kind": "List", "items": [\n  {"kind": "Namespace", "metadata": {"name": "a"}},\n  {"kind": "Namespace", "metadata": {"name": }}\n]}', 'snap.json'), { message: 'snap.json:3:46: Value expected.' });
});

test('a generated fleet snapshot reads the same item by item as through one JSON.parse', () => {
  const cluster = generateCluster(3);
  const text = snapshotJson({ ...cluster, vmis: cluster.vmis.slice(0, 3000) });
  const data = loadSnapshot(text, 'fleet.json');
  assert.equal(data.vmis.length, 3000);
  assert.deepEqual(materialise(splitJsonList(text)), JSON.parse(text));
});

/** A small cluster with labels unique per VMI (as kubevirt.io/domain is), shared ones, and policies over both. */
function cluster(seed: number): { data: ClusterData; policies: PolicyInfo[] } {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const vmis: VmiInfo[] = Array.from({ length: 300 }, (_, i) => ({
    namespace: pick(['a', 'b', 'c']),
    name: `vm-${i}`,
    labels: { 'kubevirt.io/domain': `vm-${i}`, app: pick(['db', 'web', 'batch']), ...(random() < 0.5 ? { tier: pick(['gold', 'silver']) } : {}) },
  }));
  const namespaces = ['a', 'b', 'c'].map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name, env: name === 'a' ? 'prod' : 'dev' } }));
  const policy = (name: string, vmiSelector: Record<string, string>, namespaceSelector: Record<string, string> = {}): PolicyInfo => ({ name, hasSelectors: true, vmiSelector, namespaceSelector, spec: {}, origin: { kind: 'cluster' } });
  const policies = [
    policy('one', { 'kubevirt.io/domain': 'vm-7' }),
    policy('one-in-ns', { 'kubevirt.io/domain': 'vm-8' }, { env: 'prod' }),
    policy('one-and-app', { 'kubevirt.io/domain': 'vm-9', app: vmis[9].labels.app }),
    policy('none', { 'kubevirt.io/domain': 'vm-9', app: 'nope' }),
    policy('app', { app: 'db' }),
    policy('app-tier', { app: 'web', tier: 'gold' }, { env: 'dev' }),
    policy('ns', {}, { env: 'prod' }),
    policy('all', {}),
  ];
  return { data: { namespaces, vmis, policies }, policies };
}

test('one-VMI postings: matches, candidates and label counts are exact', () => {
  const { data, policies } = cluster(5);
  const inventory = new Inventory(data);
  const brute = (p: PolicyInfo) =>
    inventory.vmis
      .map((v, id) => ({ v, id }))
      .filter(({ v, id }) => Object.entries(p.vmiSelector).every(([k, x]) => v.labels[k] === x) && Object.entries(p.namespaceSelector).every(([k, x]) => inventory.namespaceLabels(id)[k] === x))
      .map(({ id }) => id);
  for (const p of policies) assert.deepEqual([...inventory.matches(p)], brute(p), p.name);
  const seven = inventory.vmiId(data.vmis[7].namespace, 'vm-7');
  assert.deepEqual([...inventory.matches(policies[0])], [seven]);
  assert.deepEqual([...inventory.candidates(policies[0])], [seven]);
  const vmiCounts = inventory.labelCounts().vmi;
  assert.deepEqual(vmiCounts.filter((c) => c.key === 'kubevirt.io/domain').length, 300);
  assert.ok(vmiCounts.filter((c) => c.key === 'kubevirt.io/domain').every((c) => c.count === 1));
  const dbCount = data.vmis.filter((v) => v.labels.app === 'db').length;
  assert.deepEqual(vmiCounts.find((c) => c.key === 'app' && c.value === 'db'), { key: 'app', value: 'db', count: dbCount, source: 'cluster' });
  assert.equal(inventory.evaluate().policyStats('one')?.matched, 1);
});
