// The workspace index (lsp/workspaceIndex.ts) and the evaluation kept from it (lsp/evaluation.ts):
// an edit replaces the entries of the documents it touched, and the results equal a rebuild from scratch.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inventory } from '../../server/src/cluster/inventory';
import type { ClusterData, PolicyInfo } from '../../server/src/cluster/types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { selectorKey } from '../../server/src/features/crossPolicy';
import { collectSelectorLabels, mergeKnownLabels } from '../../server/src/features/selectorLabels';
import type { ParsedDocument } from '../../server/src/lsp/documents';
import { WorkspaceEvaluation } from '../../server/src/lsp/evaluation';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { prng } from '../support/random';

const policy = (name: string, selectors: string, extra = '') =>
  `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: ${selectors}\n${extra}`;

let version = 0;
function parsed(uri: string, text: string, previous?: ParsedDocument): ParsedDocument {
  return { uri, version: ++version, file: parseFile(text, 'yaml', previous?.file), lines: new LineIndex(text) };
}

const summary = (index: WorkspaceIndex, uri: string) => index.policies(uri).map((p) => `${p.info.name}@${p.offset + p.anchor.start}`);

test('an edit inside a value replaces one document and changes no name or selector', () => {
  const index = new WorkspaceIndex();
  const docs = [policy('a', '{virtualMachineInstanceSelector: {app: db}}', '  completionTimeoutPerGiB: 150\n'), policy('b', '{namespaceSelector: {env: prod}}'), policy('c', '{}')];
  const first = parsed('file:///w/p.yaml', docs.join('---\n'));
  assert.deepEqual(index.update(first), { policies: true, labels: true });
  assert.deepEqual(index.takeTouchedNames().sort(), ['a', 'b', 'c']);

  const edited = parsed('file:///w/p.yaml', docs.join('---\n').replace('150', '1500'), first);
  assert.equal(edited.file.documents[1].model, first.file.documents[1].model, 'untouched documents keep their model');
  assert.deepEqual(index.update(edited), { policies: false, labels: false });
  assert.deepEqual(index.takeTouchedNames(), []);
  const text = edited.file.text;
  assert.deepEqual(summary(index, 'file:///w/p.yaml'), [`a@${text.indexOf('name: a') + 6}`, `b@${text.indexOf('name: b') + 6}`, `c@${text.indexOf('name: c') + 6}`]);

  const renamed = parsed('file:///w/p.yaml', edited.file.text.replace('env: prod', 'env: dev'), edited);
  assert.deepEqual(index.update(renamed), { policies: true, labels: true });
  assert.deepEqual(index.takeTouchedNames(), ['b']);
  assert.deepEqual(index.policy('b')?.namespaceSelector, { env: 'dev' });
});

test('names and selectors are looked up across files; identical documents count twice; deleting a file drops its entries', () => {
  const index = new WorkspaceIndex((uri) => uri.replace('file:///w/', ''));
  const twin = policy('dup', '{virtualMachineInstanceSelector: {app: web}}');
  index.update(parsed('file:///w/one.yaml', `${twin}---\n${twin}`));
  index.update(parsed('file:///w/two.yaml', `# header\n${policy('dup', '{}')}---\n${policy('web', '{virtualMachineInstanceSelector: {app: web}}')}`));
  assert.deepEqual(summary(index, 'file:///w/one.yaml').length, 2);
  const lookup = index.lookup('file:///w/two.yaml');
  assert.deepEqual([...lookup.namedElsewhere('dup')].map((o) => o.location), ['one.yaml:4', 'one.yaml:11']);
  assert.deepEqual([...index.lookup('file:///w/one.yaml').namedElsewhere('dup')].map((o) => o.location), ['two.yaml:5']);
  const key = selectorKey(index.policy('web')!) as string;
  assert.deepEqual([...lookup.selectorsElsewhere(key)].map((o) => `${o.info.name} ${o.location}`), ['dup one.yaml:4', 'dup one.yaml:11']);
  assert.deepEqual([...index.lookup('file:///w/one.yaml').selectorsElsewhere(key)].map((o) => `${o.info.name} ${o.location}`), ['web two.yaml:12']);
  assert.deepEqual(
    index.labels().vmi.map((l) => `${l.key}=${l.value} ${l.count}`),
    ['app=web 3'],
  );
  index.delete('file:///w/one.yaml');
  assert.deepEqual([...index.lookup('file:///w/two.yaml').namedElsewhere('dup')], []);
  assert.deepEqual(
    index.labels().vmi.map((l) => `${l.key}=${l.value} ${l.count}`),
    ['app=web 1'],
  );
});

test('after random edits the index equals one built from scratch (names, selectors, labels)', () => {
  const random = prng(5);
  const apps = ['db', 'web', 'batch'];
  const makeDoc = (i: number) => policy(`p${Math.floor(random() * 6)}`, `{virtualMachineInstanceSelector: {app: ${apps[Math.floor(random() * 3)]}}}`, `  completionTimeoutPerGiB: ${i}\n`);
  const docs = Array.from({ length: 12 }, (_, i) => makeDoc(i));
  const index = new WorkspaceIndex();
  let current = parsed('file:///w/f.yaml', docs.join('---\n'));
  index.update(current);
  for (let step = 0; step < 60; step++) {
    const at = Math.floor(random() * docs.length);
    const action = random();
    if (action < 0.2 && docs.length > 1) docs.splice(at, 1);
    else if (action < 0.4) docs.splice(at, 0, makeDoc(step));
    else docs[at] = makeDoc(step);
    current = parsed('file:///w/f.yaml', docs.join('---\n'), current);
    index.update(current);
    const fresh = new WorkspaceIndex();
    fresh.update(parsed('file:///w/f.yaml', docs.join('---\n')));
    assert.deepEqual(summary(index, 'file:///w/f.yaml'), summary(fresh, 'file:///w/f.yaml'), `step ${step}`);
    assert.deepEqual(index.labels(), fresh.labels(), `labels at step ${step}`);
    assert.deepEqual(index.labels(), mergeKnownLabels(collectSelectorLabels(current.file, 'workspace')), `labels against a full collection at step ${step}`);
    for (let n = 0; n < 6; n++) assert.deepEqual(index.policy(`p${n}`) === undefined, fresh.policy(`p${n}`) === undefined, `p${n} at step ${step}`);
  }
});

const DATA: ClusterData = {
  namespaces: [
    { name: 'prod', labels: { 'kubernetes.io/metadata.name': 'prod', env: 'prod' } },
    { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev', env: 'dev' } },
  ],
  vmis: Array.from({ length: 40 }, (_, i) => ({ namespace: i % 2 ? 'prod' : 'dev', name: `vm${i}`, labels: { app: ['db', 'web', 'batch'][i % 3], tier: ['gold', 'silver'][i % 2] } })),
  policies: [
    { name: 'cluster-db', hasSelectors: true, namespaceSelector: {}, vmiSelector: { app: 'db' }, spec: {}, origin: { kind: 'cluster' } },
    { name: 'shared', hasSelectors: true, namespaceSelector: { env: 'prod' }, vmiSelector: {}, spec: {}, origin: { kind: 'cluster' } },
  ],
};

test('the evaluation follows edits incrementally and equals a full evaluation; value edits cost nothing', () => {
  const inventory = new Inventory(DATA);
  const index = new WorkspaceIndex();
  const evaluation = new WorkspaceEvaluation(index);
  const random = prng(11);
  const selectors = ['{virtualMachineInstanceSelector: {app: web}}', '{virtualMachineInstanceSelector: {app: db, tier: gold}}', '{namespaceSelector: {env: dev}}', '{}', '{namespaceSelector: {env: prod}, virtualMachineInstanceSelector: {tier: silver}}'];
  const names = ['shared', 'a', 'b', 'c'];
  const docs = names.map((name) => policy(name, selectors[0], '  completionTimeoutPerGiB: 100\n'));
  let current = parsed('file:///w/e.yaml', docs.join('---\n'));
  index.update(current);
  let previous = evaluation.evaluate(inventory);
  const winners = (e: ReturnType<WorkspaceEvaluation['evaluate']>) => inventory.vmis.map((_, id) => e.winnerOf(id)?.name ?? '-');
  for (let step = 0; step < 40; step++) {
    const at = Math.floor(random() * docs.length);
    const valueOnly = random() < 0.3;
    if (valueOnly) docs[at] = docs[at].replace(/completionTimeoutPerGiB: \d+/, `completionTimeoutPerGiB: ${100 + step}`);
    else if (random() < 0.15) docs[at] = '# removed\n';
    else docs[at] = policy(names[at], selectors[Math.floor(random() * selectors.length)], '  completionTimeoutPerGiB: 100\n');
    current = parsed('file:///w/e.yaml', docs.join('---\n'), current);
    index.update(current);
    const now = evaluation.evaluate(inventory);
    if (valueOnly) assert.equal(now, previous, `a value edit keeps the evaluation (step ${step})`);
    const workspace: PolicyInfo[] = index.allPolicies();
    const full = inventory.evaluate([...inventory.policies, ...workspace]);
    assert.deepEqual(winners(now), winners(full), `winners at step ${step}`);
    for (const p of full.policies) assert.deepEqual([now.policyStats(p.name)?.matched, now.policyStats(p.name)?.won], [full.policyStats(p.name)?.matched, full.policyStats(p.name)?.won], `${p.name} at step ${step}`);
    previous = now;
  }
});
