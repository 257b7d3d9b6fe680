// Mutation survivors of cluster/snapshot.ts's fast paths (lines 1-245: the path sniff, readJsonSnapshot,
// splitJsonList, readPlainSnapshot). A fast path that declines falls back to the positional reader, which
// reads the same data, so most of these survivors change only which reader ran: the cases spy on
// parseFile (what the positional reader parses with) and on JSON.parse, and say which path must answer.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { loadSnapshot, SnapshotError, splitJsonList } from '../../server/src/cluster/snapshot';
import type { ClusterData } from '../../server/src/cluster/types';
import * as fileModule from '../../server/src/document/file';

/** Loads a snapshot and says whether the positional reader ran and whether JSON.parse saw the whole text. */
function load(t: TestContext, text: string, path: string): { data: ClusterData; positional: number; wholeText: boolean } {
  const parseFile = t.mock.method(fileModule, 'parseFile');
  const parse = t.mock.method(JSON, 'parse');
  try {
    const data = loadSnapshot(text, path);
    return { data, positional: parseFile.mock.callCount(), wholeText: parse.mock.calls.some((c) => c.arguments[0] === text) };
  } finally {
    parseFile.mock.restore();
    parse.mock.restore();
  }
}

/** splitJsonList's object with its items parsed (what JSON.parse of the whole text gives). */
const materialise = (list: Record<string, unknown> | undefined) => list && { ...list, items: [...(list.items as Iterable<unknown>)] };

const ns = (name: string, labels?: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: labels ? { name, labels } : { name } });

test('the error class names itself SnapshotError', () => {
  assert.throws(() => loadSnapshot('kind: Namespace\nmetadata: {}\n', 's.yaml'), (e: unknown) => e instanceof SnapshotError && e.name === 'SnapshotError');
});

test('a JSON List is read by the JSON path, one item at a time: no positional reading, JSON.parse never sees the whole text', (t) => {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [ns('a', { team: 'x' }), ns('b')] }, null, 2);
  const { data, positional, wholeText } = load(t, text, 'snap.json');
  assert.deepEqual(data, { namespaces: [{ name: 'a', labels: { team: 'x' } }, { name: 'b', labels: {} }], vmis: [], policies: [] });
  assert.equal(positional, 0);
  assert.equal(wholeText, false);
});

test('JSON in a file not named .json is sniffed by its leading brace, with or without leading white space', (t) => {
  const list = { kind: 'List', items: [ns('a')] };
  for (const text of [JSON.stringify(list), `\n  ${JSON.stringify(list, null, 2)}`, `\t${JSON.stringify(list)}`]) {
    const { data, positional } = load(t, text, 'snap.yaml');
    assert.deepEqual(data.namespaces, [{ name: 'a', labels: {} }], JSON.stringify(text.slice(0, 10)));
    assert.equal(positional, 0, JSON.stringify(text.slice(0, 10)));
  }
});

test('a .json file takes the JSON path even when its brace comes after 256 characters of white space', (t) => {
  const { data, positional } = load(t, `${' '.repeat(300)}${JSON.stringify({ kind: 'List', items: [ns('a')] })}`, 'snap.json');
  assert.deepEqual(data.namespaces, [{ name: 'a', labels: {} }]);
  assert.equal(positional, 0);
});

test('the sniff looks at the first 256 characters only: later JSON in a .yaml file is read by the positional reader', (t) => {
  const { data, positional } = load(t, `${'\n'.repeat(300)}${JSON.stringify({ kind: 'List', items: [ns('a')] })}`, 'snap.yaml');
  assert.deepEqual(data.namespaces, [{ name: 'a', labels: {} }]);
  assert.equal(positional, 1);
});

test('kubectl YAML with a flow `{}` near the top takes the YAML fast path, not the JSON one', (t) => {
  const text = 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: a\n  status: {}\nkind: List\n';
  const { data, positional } = load(t, text, 'snap.yaml');
  assert.deepEqual(data, { namespaces: [{ name: 'a', labels: {} }], vmis: [], policies: [] });
  assert.equal(positional, 0);
});

test('a single JSON object (not a List) is read by JSON.parse of the whole text, without the positional reader', (t) => {
  const text = JSON.stringify(ns('solo', { a: 'b' }));
  const { data, positional, wholeText } = load(t, text, 'ns.json');
  assert.deepEqual(data, { namespaces: [{ name: 'solo', labels: { a: 'b' } }], vmis: [], policies: [] });
  assert.equal(positional, 0);
  assert.equal(wholeText, true);
});

test('the JSON path reads every kind: namespaces (labels: null too), VMIs, metadata-only items, policies with their origin, the first KubeVirt; other kinds are skipped', (t) => {
  const text = JSON.stringify(
    {
      kind: 'List',
      items: [
        ns('a', { team: 'x', marker: null }),
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'c', labels: null } },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a' } },
        { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vm-1', namespace: 'a', labels: { app: 'db' } }, spec: { domain: { memory: { guest: '2Gi' } } } },
        { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: { name: 'vm-2', namespace: 'a' } },
        { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: { name: 'b', labels: { env: 'prod' } } },
        { apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name: 'p1' }, spec: { selectors: { namespaceSelector: { team: 'x' } } } },
        { kind: 'MigrationPolicyList', items: [{ metadata: { name: 'p2' }, spec: { selectors: { virtualMachineInstanceSelector: { app: 'db' } } } }] },
        { apiVersion: 'kubevirt.io/v1', kind: 'KubeVirt', metadata: { name: 'first', namespace: 'kubevirt' }, status: { observedKubeVirtVersion: 'v1.5.0' } },
        { apiVersion: 'kubevirt.io/v1', kind: 'KubeVirt', metadata: { name: 'second', namespace: 'kubevirt' }, status: { observedKubeVirtVersion: 'v1.6.0' } },
      ],
    },
    null,
    2,
  );
  const { data, positional } = load(t, text, 'snap.json');
  assert.equal(positional, 0);
  assert.deepEqual(data.namespaces, [
    { name: 'a', labels: { team: 'x', marker: '' } },
    { name: 'c', labels: {} },
    { name: 'b', labels: { env: 'prod' } },
  ]);
  assert.deepEqual(data.vmis, [
    { namespace: 'a', name: 'vm-1', labels: { app: 'db' }, memory: '2Gi' },
    { namespace: 'a', name: 'vm-2', labels: {} },
  ]);
  assert.deepEqual(
    data.policies.map((p) => [p.name, p.hasSelectors, p.namespaceSelector, p.vmiSelector, p.origin]),
    [
      ['p1', true, { team: 'x' }, {}, { kind: 'cluster' }],
      ['p2', true, {}, { app: 'db' }, { kind: 'cluster' }],
    ],
  );
  assert.deepEqual(data.kubevirt, { name: 'first', version: 'v1.5.0', featureGates: [], migrations: {} });
});

test('typed Lists name their items\' kind; Lists without items, or with items: null, are empty; an empty YAML document is skipped', (t) => {
  const json = JSON.stringify({
    kind: 'List',
    items: [
      { kind: 'NamespaceList', metadata: { resourceVersion: '1' }, items: [{ metadata: { name: 'a' } }] },
      { kind: 'VirtualMachineInstanceList', items: [{ metadata: { name: 'vm', namespace: 'a' } }] },
      { kind: 'List', items: null },
      { kind: 'List' },
    ],
  });
  const fromJson = load(t, json, 'typed.json');
  assert.equal(fromJson.positional, 0);
  assert.deepEqual(fromJson.data, { namespaces: [{ name: 'a', labels: {} }], vmis: [{ namespace: 'a', name: 'vm', labels: {} }], policies: [] });
  const yaml = '---\n# nothing\n---\napiVersion: v1\nitems:\n- metadata:\n    name: a\nkind: NamespaceList\n';
  const fromYaml = load(t, yaml, 'typed.yaml');
  assert.equal(fromYaml.positional, 0);
  assert.deepEqual(fromYaml.data, { namespaces: [{ name: 'a', labels: {} }], vmis: [], policies: [] });
});

/** A one-line JSON snapshot whose error the positional reader places at `marker` (1-based column). */
function jsonError(text: string, marker: string, reason: string): void {
  const column = text.indexOf(marker) + 1;
  assert.ok(column > 0, marker);
  assert.throws(() => loadSnapshot(text, 's.json'), (e: unknown) => {
    assert.ok(e instanceof SnapshotError, String(e));
    assert.equal(e.message, `s.json:1:${column}: ${reason}`);
    return true;
  });
}

test('JSON objects the API server never sends get the positional reader\'s located errors, never a crash or a silent skip', () => {
  const list = (item: string) => `{"kind": "List", "items": [${item}]}`;
  jsonError(list('{"kind": "Namespace", "metadata": {"name": "a", "labels": "x"}}'), '"x"', '`metadata.labels` must be a mapping of strings to strings');
  jsonError(list('{"kind": "Namespace", "metadata": {"name": "a", "labels": ["x"]}}'), '["x"]', '`metadata.labels` must be a mapping of strings to strings');
  jsonError(list('{"kind": "Namespace", "metadata": {"name": "a", "labels": 7}}'), '7}', '`metadata.labels` must be a mapping of strings to strings');
  jsonError(list('{"kind": "Namespace", "metadata": {"name": "a", "labels": {"k": 1}}}'), '1}', 'the value of label `k` must be a string, but kubectl reads `1` as integer: write "1"');
  jsonError(list('{"kind": "Namespace", "metadata": null}'), '{"kind": "Namespace"', 'this Namespace has no `metadata`');
  jsonError(list('{"kind": "Namespace"}'), '{"kind": "Namespace"', 'this Namespace has no `metadata`');
  jsonError(list('{"kind": "Namespace", "metadata": {"name": ""}}'), '""', 'this Namespace has no `metadata.name`');
  jsonError(list('{"kind": "Namespace", "metadata": {"name": 3}}'), '3}', 'this Namespace has no `metadata.name`');
  jsonError(list('{"kind": "Namespace", "metadata": {"labels": {}}}'), '{"labels"', 'this Namespace has no `metadata.name`');
  jsonError(list('{"kind": "VirtualMachineInstance", "metadata": {"name": "vm", "namespace": 3}}'), '{"name"', 'VirtualMachineInstance `vm` has no `metadata.namespace`');
  jsonError(list('{"kind": "VirtualMachineInstance", "metadata": {"name": "vm"}}'), '{"name"', 'VirtualMachineInstance `vm` has no `metadata.namespace`');
  jsonError('{"kind": "List", "items": {}}', '{}', '`items` of this List must be a list');
  jsonError(list('null'), 'null', 'item 1 of this List is not an object');
  jsonError(list('3'), '3]', 'item 1 of this List is not an object');
  jsonError(list('{"metadata": {"name": "a"}}'), '{"metadata"', 'item 1 of this List has no `kind`');
  jsonError('[1]', '[1]', 'expected a Kubernetes object or List (a mapping with `kind`), as `kubectl get -o yaml` prints it');
  jsonError('{"apiVersion": "v1"}', '{', 'this document has no `kind`: expected a List or a Namespace, VirtualMachineInstance, MigrationPolicy or KubeVirt');
});

test('a JSON List whose items value is not JSON is refused, not read as an empty List', () => {
  const text = '{"kind": "List", "items": x]}';
  assert.throws(() => splitJsonList(text), SyntaxError);
  assert.throws(() => loadSnapshot(text, 's.json'), (e: unknown) => e instanceof SnapshotError && e.message.startsWith('s.json:1:'));
});

test('splitJsonList reads members that are strings with separators, arrays and objects, and items of every JSON type', () => {
  for (const text of [
    '{"kind": "a b,c}", "x": [1, {"y": "]"}], "o": {"z": [2]}, "items": [{"a": "q\\"}"}, "s", 3, null, [4]]}',
    '{"items": [{"label": "a\\"}, {\\"b\\": 1}"}, {"c": "\\\\"}]}',
  ]) {
    assert.deepEqual(materialise(splitJsonList(text)), JSON.parse(text), text);
  }
});

test('splitJsonList: an item that opens its line ends at the first line with its indentation and a closing brace, and only then', () => {
  for (const text of [
    // The item does not open its line: the search for "\n }" would stop inside it.
    '{"items": [ {"a": {\n }, "b": 1}]}',
    // The item opens no line at all ("[{"), though a "\n}" follows.
    '{"items": [{\n"a": {\n}}]}',
    // A string item opens its line: only objects are ended by the search.
    '{\n  "items": [\n    "x",\n    {"a": 1\n    }\n  ]\n}',
    // An item that opens its line with no closing line of the same indentation.
    '{"items": [\n  {"a": 1}\n]}',
  ]) {
    assert.deepEqual(materialise(splitJsonList(text)), JSON.parse(text), JSON.stringify(text));
  }
});

test('splitJsonList declines keys that are not strings and unfinished text (and ends)', () => {
  assert.equal(splitJsonList('{items: []}'), undefined);
  assert.equal(splitJsonList('{"items": [], "a": 1'), undefined, 'a scalar that reaches the end of the text');
  assert.equal(splitJsonList('{"items": [{"a": "x}]}'), undefined, 'a string that is never closed inside an item');
});

test('splitJsonList: the same-indentation search applies to items indented by spaces or tabs, up to 64 characters deep', () => {
  // A nested object that closes at its item's indentation ends the search too early: splitJsonList then
  // declines (JSON.parse reads the whole text), which shows the search ran. Deeper than 64 characters,
  // the item is scanned character by character and read.
  const nestedClose = (indent: string) => `{"items": [\n${indent}{"a": {\n${indent}}}\n]}`;
  assert.equal(splitJsonList(nestedClose('  ')), undefined, 'two spaces');
  assert.equal(splitJsonList(nestedClose('\t')), undefined, 'a tab');
  assert.equal(splitJsonList(nestedClose(' '.repeat(64))), undefined, '64 spaces');
  const deep = nestedClose(' '.repeat(65));
  assert.deepEqual(materialise(splitJsonList(deep)), JSON.parse(deep), '65 spaces');
  assert.equal(splitJsonList(nestedClose('')), undefined, 'an item at the start of its line');
});

test('the JSON path reads four Lists inside the outer one; a fifth is an object (skipped, having a name), without the positional reader', (t) => {
  const wrap = (item: unknown, levels: number): unknown => (levels === 0 ? item : { kind: 'List', metadata: { name: `l${levels}` }, items: [wrap(item, levels - 1)] });
  const deep = load(t, JSON.stringify(wrap(ns('deep'), 5)), 'deep.json');
  assert.deepEqual([deep.data.namespaces.map((n) => n.name), deep.positional], [['deep'], 0]);
  const deeper = load(t, JSON.stringify(wrap(ns('deep'), 6)), 'deeper.json');
  assert.deepEqual([deeper.data.namespaces.map((n) => n.name), deeper.positional], [[], 0]);
});
