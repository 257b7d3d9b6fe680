// Edges of document/workloads.ts for mutation testing: which objects of a document are VMs, VMIs and
// Namespaces (kubevirt.io/* for VMs and VMIs, v1 for Namespaces, a missing apiVersion accepted), Lists
// and nested Lists, where the labels of the VMI sit (a VM's spec.template.metadata.labels), and the
// anchor a lens points at. Expected values follow the module's doc comments and KubeVirt's types
// (kubevirt.io/api/core/v1/types.go: VirtualMachineSpec.Template is a VirtualMachineInstanceTemplateSpec
// with its own ObjectMeta).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import { getPair, keyText, stringValue } from '../../server/src/document/model';
import type { MapNode, Node } from '../../server/src/document/model';
import { findNamespaces, findWorkloads, mentionsWorkload } from '../../server/src/document/workloads';

const root = (text: string): Node | null => parseFile(text, 'yaml').documents[0].model.root;
const name = (map: MapNode | undefined) => (map ? stringValue(getPair(map, 'name')?.value) : undefined);
const keys = (map: MapNode | undefined) => map?.pairs.map(keyText);

test('mentionsWorkload: a kind line naming a VM, a VMI or a Namespace, quoted or not', () => {
  for (const text of ['kind: VirtualMachine', 'kind: VirtualMachineInstance\n', '{"kind": "Namespace"}', "kind : 'VirtualMachine'", 'kind:VirtualMachine', '"kind":"VirtualMachineInstance"', 'kind:\tNamespace']) {
    assert.equal(mentionsWorkload(text), true, text);
  }
  for (const text of ['kind: VirtualMachineInstanceMigration', 'kind: NamespaceX', 'kind: Pod', 'VirtualMachine', 'kind: virtualmachine', 'kinds VirtualMachine', '']) {
    assert.equal(mentionsWorkload(text), false, text);
  }
});

test('findWorkloads: a VMI with its labels, metadata and the name as anchor', () => {
  const text = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: vmi-a\n  labels:\n    app: db\n';
  const [w, ...rest] = findWorkloads(root(text));
  assert.equal(rest.length, 0);
  assert.equal(w.kind, 'VirtualMachineInstance');
  assert.deepEqual(keys(w.labels), ['app']);
  assert.equal(name(w.vmiMetadata), 'vmi-a');
  assert.deepEqual(w.anchor, { start: text.indexOf('vmi-a'), end: text.indexOf('vmi-a') + 5 });
  assert.deepEqual(keys(w.map), ['apiVersion', 'kind', 'metadata']);
});

test("findWorkloads: a VM's VMI labels and metadata are those of spec.template; its anchor is the VM's name", () => {
  const text = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm-a\n  labels: {outer: x}\nspec:\n  template:\n    metadata:\n      name: inner\n      labels: {inner: y}\n';
  const [w] = findWorkloads(root(text));
  assert.equal(w.kind, 'VirtualMachine');
  assert.deepEqual(keys(w.labels), ['inner']);
  assert.equal(name(w.vmiMetadata), 'inner');
  assert.deepEqual(w.anchor, { start: text.indexOf('vm-a'), end: text.indexOf('vm-a') + 4 });
  // Without a template (or with a template that is not a map) the VM has no VMI metadata nor labels.
  for (const spec of ['spec: {}\n', 'spec:\n  template: []\n', 'spec:\n  template:\n    metadata: x\n', 'spec: 3\n']) {
    const [v] = findWorkloads(root(`kind: VirtualMachine\nmetadata: {name: v, labels: {a: b}}\n${spec}`));
    assert.equal(v.vmiMetadata, undefined, spec);
    assert.equal(v.labels, undefined, spec);
  }
});

test('findWorkloads: the anchor falls back to the first key, then the map, when the name is not a string', () => {
  const noName = 'kind: VirtualMachineInstance\nmetadata:\n  labels: {a: b}\n';
  assert.deepEqual(findWorkloads(root(noName))[0].anchor, { start: 0, end: 4 });
  const mapName = 'kind: VirtualMachineInstance\nmetadata:\n  name: {x: 1}\n';
  assert.deepEqual(findWorkloads(root(mapName))[0].anchor, { start: 0, end: 4 });
  const flow = '{kind: VirtualMachineInstance}';
  assert.deepEqual(findWorkloads(root(flow))[0].anchor, { start: 1, end: 5 });
  // A name written as a number (an int for kubectl, not a string): the first key, apiVersion.
  const numeric = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: 12}\n';
  assert.deepEqual(findWorkloads(root(numeric))[0].anchor, { start: 0, end: 10 });
});

test('findWorkloads: only kubevirt.io/* (or no apiVersion), only the two kinds', () => {
  const kinds = (apiVersion: string, kind: string) => findWorkloads(root(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: n}\n`)).map((w) => w.kind);
  assert.deepEqual(kinds('kubevirt.io/v1', 'VirtualMachine'), ['VirtualMachine']);
  assert.deepEqual(kinds('kubevirt.io/v1alpha3', 'VirtualMachineInstance'), ['VirtualMachineInstance']);
  assert.deepEqual(kinds('kubevirt.io', 'VirtualMachineInstance'), ['VirtualMachineInstance']);
  assert.deepEqual(kinds('pool.kubevirt.io/v1alpha1', 'VirtualMachine'), []);
  assert.deepEqual(kinds('v1', 'VirtualMachineInstance'), []);
  assert.deepEqual(kinds('kubevirt.io/v1', 'VirtualMachineInstanceMigration'), []);
  assert.deepEqual(kinds('kubevirt.io/v1', 'Namespace'), []);
  assert.deepEqual(findWorkloads(root('kind: VirtualMachine\n')).map((w) => w.kind), ['VirtualMachine']);
  assert.deepEqual(findWorkloads(root('apiVersion: kubevirt.io/v1\nmetadata: {name: n}\n')), []);
  assert.deepEqual(findWorkloads(root('- kind: VirtualMachine\n')), []);
  assert.deepEqual(findWorkloads(root('kind: VirtualMachine')).length, 1);
  assert.deepEqual(findWorkloads(null), []);
  assert.deepEqual(findWorkloads(root('just text\n')), []);
});

test('findWorkloads: the items of a List and of Lists in it, up to four levels below the root', () => {
  const list = (items: string, kind = 'List') => `apiVersion: v1\nkind: ${kind}\nitems:\n${items}`;
  const vmi = (n: string, indent: string) => `${indent}- {apiVersion: kubevirt.io/v1, kind: VirtualMachineInstance, metadata: {name: ${n}}}\n`;
  const names = (text: string) => findWorkloads(root(text)).map((w) => name(w.vmiMetadata));
  assert.deepEqual(names(list(vmi('a', '') + vmi('b', '') + '- {apiVersion: v1, kind: Pod}\n')), ['a', 'b']);
  assert.deepEqual(names(list(vmi('a', ''), 'VirtualMachineInstanceList')), ['a']);
  assert.deepEqual(names(list(vmi('a', ''), 'Listing')), [], 'a kind that does not end in List is an object, not a list');
  assert.deepEqual(names('kind: List\nitems: {a: 1}\n'), []);
  assert.deepEqual(names('kind: VirtualMachineInstanceList\nitems: []\n'), []);
  // Lists nested in items: the root is depth 0, its items depth 1; a map past depth 4 is not read.
  const nested = (depth: number) => {
    let node = '{apiVersion: kubevirt.io/v1, kind: VirtualMachineInstance, metadata: {name: deep}}';
    for (let i = 0; i < depth; i++) node = `{kind: List, items: [${node}]}`;
    return node;
  };
  assert.deepEqual(names(nested(4)), ['deep']);
  assert.deepEqual(names(nested(5)), []);
});

test('findNamespaces: Namespace objects of apiVersion v1 (or none), in Lists too', () => {
  const count = (text: string) => findNamespaces(root(text)).length;
  assert.equal(count('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n'), 1);
  assert.equal(count('kind: Namespace\nmetadata: {name: a}\n'), 1);
  assert.equal(count('apiVersion: v2\nkind: Namespace\n'), 0);
  assert.equal(count('apiVersion: kubevirt.io/v1\nkind: Namespace\n'), 0);
  assert.equal(count('apiVersion: v1\nkind: ConfigMap\n'), 0);
  assert.equal(count('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Namespace}\n- {kind: Namespace}\n- {apiVersion: v1, kind: Pod}\n'), 2);
  assert.equal(count('apiVersion: v1\n'), 0);
  assert.equal(findNamespaces(null).length, 0);
});

test('findWorkloads: a first pair without a key anchors at its empty key', () => {
  const text = ': x\nkind: VirtualMachineInstance\n';
  assert.deepEqual(findWorkloads(root(text))[0].anchor, { start: 0, end: 0 });
});
