// Edges of features/clusterView.ts for mutation testing (issue 16): the what-if rule over hundreds of files
// given in no order (a sort long enough to merge runs), a winning definition on a file's last line without a
// line feed (counted without a line index), and a chart template whose selectors are followed by a templated
// key on the next line (the key is not part of the selectors).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import { documentPolicies, selectWhatIfPolicies } from '../../server/src/features/clusterView';
import type { WhatIfFile } from '../../server/src/features/clusterView';

const P = (name: string, rest = 'spec:\n  selectors: {}\n') => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\n${rest}`;
const wf = (uri: string, text: string): WhatIfFile => ({ uri, file: parseFile(text, 'yaml'), name: uri.replace('file:///w/', '') });

test('selectWhatIfPolicies: 300 files given in a scrambled order are taken in URI order', () => {
  const n = 300;
  // A fixed permutation (multiplying by 7 modulo 300, which is coprime with it).
  const ids = Array.from({ length: n }, (_, i) => (i * 7) % n);
  const pad = (i: number) => String(i).padStart(3, '0');
  const files = ids.map((i) => wf(`file:///w/f${pad(i)}.yaml`, P(`p${pad(i)}`)));
  const { policies, leftOut } = selectWhatIfPolicies(files, {});
  assert.deepEqual(policies.map((p) => p.name), Array.from({ length: n }, (_, i) => `p${pad(i)}`));
  assert.equal(leftOut.size, 0);
  // Every file defining one name: the last by URI wins, each earlier one names the next.
  const same = ids.map((i) => wf(`file:///w/f${pad(i)}.yaml`, P('same')));
  const result = selectWhatIfPolicies(same, {});
  assert.deepEqual(result.policies.map((p) => [p.name, p.origin]), [['same', { kind: 'workspace', uri: 'file:///w/f299.yaml' }]]);
  assert.equal(result.leftOut.size, n - 1);
  assert.deepEqual([...result.leftOut.values()].slice(0, 2), ['same at f001.yaml:4 counts instead (the last definition wins)', 'same at f002.yaml:4 counts instead (the last definition wins)']);
});

test('selectWhatIfPolicies: the winning name on the file\'s last line, without a line feed, is counted on that line', () => {
  // In a child process with a time limit: counting lines past the last line feed must end.
  const module = JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'features', 'clusterView.js'));
  const fileModule = JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'document', 'file.js'));
  const script = `
    const { selectWhatIfPolicies } = require(${module});
    const { parseFile } = require(${fileModule});
    const wf = (uri, text) => ({ uri, file: parseFile(text, 'yaml'), name: uri.replace('file:///w/', '') });
    const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\\nkind: MigrationPolicy\\nspec:\\n  selectors: {}\\nmetadata:\\n  name: dup';
    const { leftOut } = selectWhatIfPolicies([wf('file:///w/a.yaml', head + '\\n'), wf('file:///w/b.yaml', '# one\\n# two\\n' + head)], {});
    console.log(JSON.stringify([...leftOut.values()]));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
  assert.equal(run.error, undefined, 'the line count did not end');
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), ['dup at b.yaml:8 counts instead (the last definition wins)']);
});

test('documentPolicies in a chart template: a templated key on the line after the selectors leaves the policy in', () => {
  const text = `${P('a', 'spec:\n  selectors:\n    virtualMachineInstanceSelector: {app: db}\n  {{ .Values.key }}: 5\n')}`;
  const file = parseFile(text, 'yaml', undefined, 'helm-template');
  assert.deepEqual(documentPolicies(file.documents[0].model, 'file:///w/t.yaml').map((p) => [p.info.name, p.info.vmiSelector]), [['a', { app: 'db' }]]);
  // The same action inside the selectors' map leaves it out (it may write selectors).
  const inside = parseFile(`${P('a', 'spec:\n  selectors:\n    virtualMachineInstanceSelector: {app: db}\n    {{ .Values.key }}: 5\n')}`, 'yaml', undefined, 'helm-template');
  assert.deepEqual(documentPolicies(inside.documents[0].model, 'file:///w/t.yaml'), []);
});
