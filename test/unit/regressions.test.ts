// Behaviours that once got through with every tier green, each pinned with exact values: a zero-match
// policy is not "shadowed", duplicate selector keys are reported on their own line, Lists nested in
// Lists keep their items, a VMI's guest memory wins over its memory request, deep nesting is reported.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import { vmiFromObject } from '../../server/src/cluster/objects';
import { regexError, suggestDnsSubdomainName, utf8ByteLength, validateDnsSubdomainName } from '../../server/src/policy/names';
import { loadSnapshot } from '../../server/src/cluster/snapshot';
import type { ClusterData, ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { filePolicies } from '../../server/src/features/clusterView';
import { getCodeLenses } from '../../server/src/features/codeLens';
import { getCrossPolicyDiagnostics } from '../../server/src/features/crossPolicy';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { model } from '../support/fixture';

const READY: ClusterStatus = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'ready' }, counts: { namespaces: 1, vmis: 2, policies: 0 } };
const policy = (name: string, selectors: string) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n`;

test('a policy that matches no VMI gets no shadowed-policy diagnostic, and its lens says it matches none', () => {
  const data: ClusterData = { namespaces: [{ name: 'ns', labels: {} }], vmis: [{ namespace: 'ns', name: 'a', labels: { app: 'db' } }, { namespace: 'ns', name: 'b', labels: { app: 'db' } }], policies: [] };
  const text = `${policy('nothing', '{virtualMachineInstanceSelector: {app: none}}')}---\n${policy('db', '{virtualMachineInstanceSelector: {app: db}}')}---\n${policy('also-db', '{virtualMachineInstanceSelector: {app: db}, namespaceSelector: {}}')}`;
  const file = model(text);
  const lines = new LineIndex(text);
  const policies = filePolicies(file, 'file:///w/p.yaml');
  const inventory = new Inventory(data);
  const view = { status: READY, inventory, evaluation: inventory.evaluate().withPolicies(policies.map((p) => p.info)) };
  const diagnostics = getCrossPolicyDiagnostics({ lines }, policies, [], view);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`), ['10:8 identical-selectors', '17:8 identical-selectors', '10:8 shadowed-policy']);
  for (const d of diagnostics) assert.doesNotMatch(String(d.message), /matches 0 VMIs|wins none: \./);
  assert.equal(diagnostics[2].message, 'This policy matches 2 VMIs but wins none: also-db takes 2. It never applies there; give it more specific selectors or remove it.');
  const titles = getCodeLenses({ lines }, policies, view).map((l) => `${l.range.start.line}: ${l.command?.title}`);
  assert.equal(titles[0], '0: matches no VMI');
});

test('a duplicate selector key is reported on the line of the first key, in block, flow, CRLF, multi-document and JSON files', () => {
  const block = `${policy('dup', '')}    virtualMachineInstanceSelector:\n      app: web\n      tier: gold\n      app: db\n    namespaceSelector:\n      env: prod\n      env: dev\n`.replace('  selectors: \n', '  selectors:\n');
  const at = (text: string, name = 'f.yaml') => getFileDiagnostics({ file: parseFile(text, name.endsWith('.json') ? 'json' : 'yaml') }).filter((d) => d.code === 'duplicate-key').map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`);
  assert.deepEqual(at(block), ['7:6-9', '11:6-9']);
  assert.deepEqual(at(block.replace(/\n/g, '\r\n')), ['7:6-9', '11:6-9']);
  assert.deepEqual(at(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n${block}`), ['11:6-9', '15:6-9']);
  assert.deepEqual(at(policy('dup', '{virtualMachineInstanceSelector: {app: web, tier: gold, app: db}}')), ['5:47-50']);
  const json = '{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "metadata": {"name": "j"},\n "spec": {"selectors": {"virtualMachineInstanceSelector": {\n "app": "web",\n "app": "db"}}}}\n';
  assert.deepEqual(at(json, 'f.json'), ['2:1-6']);
  const message = getFileDiagnostics({ file: model(block) }).find((d) => d.code === 'duplicate-key')?.message;
  assert.equal(message, 'Label app is set again further down: kubectl keeps only the last value, so this one is ignored.');
});

test('Lists nested in Lists (and typed lists such as VirtualMachineInstanceList) keep every item', () => {
  const text = [
    'apiVersion: v1', 'kind: List', 'items:',
    '- apiVersion: v1', '  kind: List', '  items:',
    '  - {apiVersion: v1, kind: Namespace, metadata: {name: prod, labels: {env: prod}}}',
    '  - apiVersion: v1', '    kind: List', '    items:',
    '    - apiVersion: kubevirt.io/v1', '      kind: VirtualMachineInstanceList', '      items:',
    '      - {metadata: {name: a, namespace: prod, labels: {app: db}}}',
    '      - {metadata: {name: b, namespace: prod}}',
    '- kind: MigrationPolicyList', '  items:',
    '  - {apiVersion: migrations.kubevirt.io/v1alpha1, metadata: {name: p}, spec: {selectors: {virtualMachineInstanceSelector: {app: db}}}}',
    '- {apiVersion: v1, kind: Namespace, metadata: {name: dev}}',
  ].join('\n');
  const data = loadSnapshot(text, 'nested.yaml');
  assert.deepEqual(data.namespaces.map((n) => n.name), ['prod', 'dev']);
  assert.deepEqual(data.vmis.map((v) => `${v.namespace}/${v.name}`), ['prod/a', 'prod/b']);
  assert.deepEqual(data.policies.map((p) => [p.name, p.vmiSelector]), [['p', { app: 'db' }]]);
});

test('VMI memory: spec.domain.memory.guest wins over resources.requests.memory', () => {
  // kubevirt pkg/virt-launcher/virtwrap/live-migration-source.go getVMIMigrationDataSize: the memory
  // request first, overridden by domain.memory.guest when that is set.
  const vmi = (domain: unknown) => vmiFromObject({ metadata: { name: 'v', namespace: 'ns' }, spec: { domain } })?.memory;
  assert.equal(vmi({ memory: { guest: '4Gi' }, resources: { requests: { memory: '2Gi' } } }), '4Gi');
  assert.equal(vmi({ resources: { requests: { memory: '2Gi' } } }), '2Gi');
  assert.equal(vmi({ memory: { guest: '1Gi' } }), '1Gi');
  assert.equal(vmi({ memory: {}, resources: { limits: { memory: '8Gi' } } }), undefined);
  const data = loadSnapshot('apiVersion: v1\nkind: List\nitems:\n- apiVersion: kubevirt.io/v1\n  kind: VirtualMachineInstance\n  metadata: {name: v, namespace: ns}\n  spec: {domain: {resources: {requests: {memory: 2Gi}}, memory: {guest: 3Gi}}}\n', 's.yaml');
  assert.equal(data.vmis[0].memory, '3Gi');
});

test('deep nesting is one located error per document, in YAML and JSON, and the server-side model still answers', () => {
  const yaml = `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
  const y = getFileDiagnostics({ file: parseFile(yaml, 'yaml') });
  assert.equal(y.length, 1, JSON.stringify(y));
  assert.deepEqual([y[0].code, y[0].severity, y[0].range.start.line], ['yaml-syntax', 1, 2]);
  const json = `{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "spec": ${'['.repeat(20000)}${']'.repeat(20000)}}`;
  const j = getFileDiagnostics({ file: parseFile(json, 'json') });
  assert.equal(j.length, 1, JSON.stringify(j));
  assert.deepEqual([j[0].code, j[0].severity], ['json-syntax', 1]);
});

test('names: UTF-8 byte lengths as Go counts them (1 to 4 bytes), and the suggested name for each kind of mistake', () => {
  // Go len(string) counts UTF-8 bytes (apimachinery content.MaxLenError limits are bytes).
  assert.deepEqual(['a', 'é', '€', '😀', 'a😀é€'].map(utf8ByteLength), [1, 2, 3, 4, 10]);
  // The boundaries of UTF-8's 1-, 2-, 3- and 4-byte forms (RFC 3629, as Go's unicode/utf8 encodes runes).
  assert.deepEqual(['\u007f', '\u0080', '\u07ff', '\u0800', '\uffff', '\u{10000}', '\u{10ffff}'].map(utf8ByteLength), [1, 2, 2, 3, 3, 4, 4]);
  // apimachinery content/errors.go RegexError without examples: msg + " (regex used for validation is '" + fmt + "')"
  assert.equal(regexError('must be lowercase', '[a-z]+'), "must be lowercase (regex used for validation is '[a-z]+')");
  assert.equal(regexError('m', 'f', 'x', 'y'), "m (e.g. 'x',  or 'y', regex used for validation is 'f')");
  assert.deepEqual(validateDnsSubdomainName(`${'a'.repeat(250)}😀`), ['must be no more than 253 bytes', validateDnsSubdomainName('A')[0]]);
  const cases: [string, string | undefined][] = [['policy-1', 'policy-1'], ['My_Policy', 'my-policy'], ['--a--', 'a'], ['---a---', 'a'], ['x.---y---', 'x.y'], ['-x-.y-', 'x.y'], ['a..b', 'a.b'], ['…', undefined], ['', undefined], ['---', undefined]];
  for (const [input, expected] of cases) assert.equal(suggestDnsSubdomainName(input), expected, input);
});
