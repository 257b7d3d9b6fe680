// Edges of the VM-side hover and resolution (features/workloads.ts) found from its mutation survivors:
// which VM or VMI of a List the cursor is in (the smallest holding it, an aliased item inside another),
// the very end of a file without a newline, labels whose key or value is not a plain scalar, memory and
// spec that are not maps, manifests whose metadata or spec is missing or null, and where the snapshot
// note goes. Standings follow KubeVirt's precedence (kubevirt-facts.md §5: a policy matches when each
// selector entry is carried exactly); a label's value must be a string (k8s.io/apimachinery
// pkg/apis/meta/v1 ObjectMeta.Labels is map[string]string), so a number is no label.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { PolicyInfo } from '../../server/src/cluster/types';
import { LineIndex } from '../../server/src/document/file';
import { fileWorkloads, getWorkloadHover } from '../../server/src/features/workloads';
import type { WorkloadContext } from '../../server/src/features/workloads';
import { model, withCursor } from '../support/fixture';

const policy = (name: string, vmiSelector: Record<string, string>): PolicyInfo => ({ name, hasSelectors: true, namespaceSelector: {}, vmiSelector, spec: {}, origin: { kind: 'cluster' } });

function context(extra: Partial<WorkloadContext> = {}): WorkloadContext {
  return { policies: [policy('db', { app: 'db' })], namespaces: new Map(), defaultNamespace: 'default', ...extra };
}

/** The hover at the ‸ of `marked`: its paragraphs and the text its range covers. */
function hover(marked: string, ctx = context()): { sections: string[]; range: string } | null {
  const { text, offset } = withCursor(marked);
  const lines = new LineIndex(text);
  const h = getWorkloadHover({ file: model(text), lines }, offset, ctx, true);
  if (!h) return null;
  const { start, end } = h.range!;
  return { sections: (h.contents as MarkupContent).value.split('\n\n'), range: text.slice(lines.offsetAt(start), lines.offsetAt(end)) };
}

const at = (text: string, needle: string, within = 1) => `${text.slice(0, text.indexOf(needle) + within)}‸${text.slice(text.indexOf(needle) + within)}`;

// A small VMI (one line) and a larger one, as List items.
const SMALL = '- {apiVersion: kubevirt.io/v1, kind: VirtualMachineInstance, metadata: {name: small}}\n';
const LARGE = '- apiVersion: kubevirt.io/v1\n  kind: VirtualMachineInstance\n  metadata:\n    name: large\n    labels:\n      app: db\n';
const list = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;

test('a List: the hover on an item\'s name answers for that item, whether it is first or last, larger or smaller', () => {
  assert.equal(hover(at(list(SMALL, LARGE), 'large'))?.sections[0], '**VMI default/large**: migrates under `db` (the only matching policy).');
  assert.equal(hover(at(list(SMALL, LARGE), 'small'))?.sections[0], '**VMI default/small**: no policy: cluster defaults (no policy matches: cluster defaults apply).');
  assert.equal(hover(at(list(LARGE, SMALL), 'large'))?.sections[0], '**VMI default/large**: migrates under `db` (the only matching policy).');
  assert.equal(hover(at(list(LARGE, SMALL), 'small'))?.range, 'small');
});

test('a List: the hover on the List\'s own kind or on items is no VM hover', () => {
  assert.equal(hover(at(list(SMALL, LARGE), 'List')), null);
  assert.equal(hover(at(list(SMALL, LARGE), 'items')), null);
});

test('an aliased List item inside another item: the innermost workload answers', () => {
  // The VMI anchored inside the VM's spec is also the List's second item (objects() follows the alias).
  const text = list('- apiVersion: kubevirt.io/v1\n  kind: VirtualMachine\n  metadata:\n    name: outer\n  spec:\n    extra: &inner\n      kind: VirtualMachineInstance\n      metadata:\n        name: inner\n        labels:\n          app: db\n', '- *inner\n');
  assert.deepEqual(fileWorkloads(model(text), context()).map((w) => w.workload.name), ['outer', 'inner']);
  assert.equal(hover(at(text, 'name: inner', 7))?.sections[0], '**VMI default/inner**: migrates under `db` (the only matching policy).');
  assert.equal(hover(at(text, 'name: inner', 7))?.range, 'inner');
  assert.equal(hover(at(text, 'app: db'))?.sections[0], '**Label** `app=db` of the VMI');
  assert.equal(hover(at(text, 'outer'))?.sections[0], '**VM default/outer**: no policy: cluster defaults (no policy matches: cluster defaults apply).');
});

test('aliased List items listed inner first: the innermost workload still answers', () => {
  // Both objects are written under another key of the List and listed as aliases, the inner one first.
  const text = 'apiVersion: v1\nkind: List\nheld: &outer\n  kind: VirtualMachine\n  metadata:\n    name: outer\n  spec:\n    extra: &inner\n      kind: VirtualMachineInstance\n      metadata:\n        name: inner\nitems:\n- *inner\n- *outer\n';
  assert.deepEqual(fileWorkloads(model(text), context()).map((w) => w.workload.name), ['inner', 'outer']);
  assert.equal(hover(at(text, 'name: inner', 7))?.sections[0], '**VMI default/inner**: no policy: cluster defaults (no policy matches: cluster defaults apply).');
  assert.equal(hover(at(text, 'name: outer', 7))?.sections[0], '**VM default/outer**: no policy: cluster defaults (no policy matches: cluster defaults apply).');
});

test('the hover at the very end of a file without a final newline, on the last label value', () => {
  const text = 'kind: VirtualMachineInstance\nmetadata:\n  name: a\n  labels:\n    app: db';
  const h = hover(`${text}‸`);
  assert.equal(h?.range, 'db');
  assert.equal(h?.sections[0], '**Label** `app=db` of the VMI');
});

test('a VMI without labels: the hover on its name', () => {
  const h = hover(at('kind: VirtualMachineInstance\nmetadata:\n  name: bare\n', 'bare'));
  assert.equal(h?.range, 'bare');
  assert.equal(h?.sections[0], '**VMI default/bare**: no policy: cluster defaults (no policy matches: cluster defaults apply).');
});

test('labels whose value is empty, a list, a number, or whose key is null', () => {
  const vmi = (labels: string) => `kind: VirtualMachineInstance\nmetadata:\n  name: v\n  labels:\n${labels}`;
  // An empty value is the label with value "" (the API server's null): the name still answers.
  const empty = vmi('    empty:\n    app: db\n');
  assert.equal(hover(at(empty, 'v\n'))?.sections[0], '**VMI default/v**: migrates under `db` (the only matching policy).');
  assert.equal(hover(at(empty, 'empty'))?.sections[0], '**Label** `empty=` of the VMI');
  // A list is no label value: nothing answers inside it.
  const listValue = vmi('    app: [a, b]\n');
  assert.equal(hover(at(listValue, 'a, b')), null);
  assert.equal(hover(at(listValue, 'app'))?.sections[0], '**Label** `app` of the VMI');
  // A number is no label (labels are strings): its key reads without a value, and db wants another value.
  const numeric = vmi('    app: 5\n');
  assert.deepEqual(hover(at(numeric, 'app'))?.sections.slice(0, 3), ['**Label** `app` of the VMI', 'No policy selects this label.', 'Select `app` with another value:\n- `db` wants `app=db`']);
  // A null key has no label text: its value gives no hover.
  assert.equal(hover(at(vmi('    ~: x\n'), 'x\n', 0)), null);
});

test('memory and spec that are not maps or not there: no hover inside them, no crash on the name', () => {
  const vmi = (spec: string) => `kind: VirtualMachineInstance\nmetadata:\n  name: v\n${spec}`;
  const guestList = vmi('spec:\n  domain:\n    memory:\n      guest: [8Gi]\n');
  assert.equal(hover(at(guestList, '8Gi')), null);
  assert.equal(hover(at(guestList, 'v\n'))?.range, 'v');
  for (const spec of ['spec: 3\n', 'spec:\n  domain:\n    memory: {}\n', 'spec:\n  domain:\n    resources:\n      requests: {cpu: "1"}\n', 'spec: {}\n', '']) {
    const h = hover(at(vmi(spec), 'v\n'));
    assert.equal(h?.range, 'v', spec);
    assert.equal(h?.sections.at(-1), 'Memory: not set (`spec.domain.memory.guest` or `spec.domain.resources.requests.memory`), so no completion timeout can be worked out.', spec);
  }
});

test('metadata or spec null or missing: manifests without a name are skipped, a named VM without spec resolves', () => {
  const names = (text: string) => fileWorkloads(model(text), context()).map((w) => `${w.workload.kind} ${w.workload.namespace}/${w.workload.name} ${w.workload.winner?.name ?? '-'}`);
  assert.deepEqual(names('kind: VirtualMachine\nmetadata:\n'), []);
  assert.deepEqual(names('kind: VirtualMachineInstance\nmetadata: null\n'), []);
  assert.deepEqual(names('kind: VirtualMachine\nmetadata: {name: vm}\n'), ['VirtualMachine default/vm -']);
  assert.deepEqual(names('kind: VirtualMachine\nmetadata: {name: vm}\nspec: {template: null}\n'), ['VirtualMachine default/vm -']);
  assert.deepEqual(names('kind: VirtualMachine\nmetadata: {name: vm}\nspec: {template: {metadata: null, spec: null}}\n'), ['VirtualMachine default/vm -']);
  assert.deepEqual(names('kind: VirtualMachine\nmetadata: {name: vm}\nspec: {template: {metadata: {labels: {app: db}}}}\n'), ['VirtualMachine default/vm db']);
});

test('the snapshot note follows the namespace labels only when they come from the cluster', () => {
  const text = 'kind: VirtualMachineInstance\nmetadata:\n  name: v\n  namespace: prod\n';
  const note = 'from the demo snapshot';
  const workspace = context({ sourceNote: note, namespaces: new Map([['prod', { labels: { env: 'prod' }, source: 'workspace' as const }]]) });
  assert.equal(hover(at(text, 'v\n'), workspace)?.sections[1], 'Namespace `prod`, labels from a Namespace manifest in the workspace.');
  assert.equal(hover(at(text, 'v\n'), context({ sourceNote: note }))?.sections[1], 'Namespace `prod`, labels from nowhere: only kubernetes.io/metadata.name is assumed.');
  const cluster = context({ sourceNote: note, namespaces: new Map([['prod', { labels: { env: 'prod' }, source: 'cluster' as const }]]) });
  assert.equal(hover(at(text, 'v\n'), cluster)?.sections[1], `Namespace \`prod\`, labels from the cluster (${note}).`);
});
