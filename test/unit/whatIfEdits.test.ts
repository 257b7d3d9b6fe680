// The what-if rule after an edit (lsp/evaluation.ts WhatIfWorkspacePolicies): an edit that changes no
// name, error count or line of a policy only swaps the edited policies' PolicyInfo objects (touching the
// names whose selectors changed);
// after random edits of every kind the chosen policies and the left-out reasons equal the rule applied
// to the whole workspace from scratch.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyInfo } from '../../server/src/cluster/types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import type { DocumentModel } from '../../server/src/document/model';
import { selectWhatIfPolicies } from '../../server/src/features/clusterView';
import { selectorKey } from '../../server/src/features/crossPolicy';
import { getDocumentFindings } from '../../server/src/features/diagnostics';
import type { ParsedDocument } from '../../server/src/lsp/documents';
import { WhatIfWorkspacePolicies } from '../../server/src/lsp/evaluation';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { prng } from '../support/random';

const policy = (name: string, timeout: string, extra = '') =>
  `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: ${name}\nspec:\n  selectors: {virtualMachineInstanceSelector: {app: ${name}}}\n  completionTimeoutPerGiB: ${timeout}\n${extra}`;

let version = 0;
const parsed = (uri: string, text: string, previous?: ParsedDocument): ParsedDocument => ({ uri, version: ++version, file: parseFile(text, 'yaml', previous?.file), lines: new LineIndex(text) });

const errorsOf = (model: DocumentModel) => getDocumentFindings(model, {}).filter((f) => f.severity === 'error').length || (model.hasSyntaxErrors ? 1 : 0);

test('after random edits the what-if choice equals the rule applied from scratch, and value edits take the shortcut', () => {
  const uri = 'file:///w/fleet.yaml';
  const random = prng(21);
  const index = new WorkspaceIndex();
  let current: ParsedDocument | undefined;
  const select = () => selectWhatIfPolicies([{ uri, file: current!.file, name: 'fleet.yaml', lines: current!.lines }], {}, (f) => index.policies(f.uri));
  let selections = 0;
  const whatIf = new WhatIfWorkspacePolicies(
    index,
    () => {
      selections++;
      return select();
    },
    () => 'context',
    errorsOf,
  );
  const names = ['a', 'b', 'c', 'a', 'd'];
  const docs = names.map((name, i) => policy(name, String(100 + i)));
  current = parsed(uri, docs.join('---\n'));
  whatIf.update(index.update(current));
  let shortcuts = 0;
  let selectorShortcuts = 0;
  for (let step = 0; step < 150; step++) {
    const at = Math.floor(random() * docs.length);
    const kind = random();
    if (kind < 0.4) docs[at] = docs[at].replace(/completionTimeoutPerGiB: .*/, `completionTimeoutPerGiB: ${Math.floor(random() * 1000)}`);
    else if (kind < 0.5) docs[at] = docs[at].replace(/app: \w+/, `app: ${names[Math.floor(random() * names.length)]}`);
    else if (kind < 0.6) docs[at] = docs[at].replace(/completionTimeoutPerGiB: .*/, 'completionTimeoutPerGiB: "12"');
    else if (kind < 0.7) docs[at] = docs[at].replace(/completionTimeoutPerGiB: .*/, 'completionTimeoutPerGiB: 12\n  bandwidthPerMigration: 5x');
    else if (kind < 0.8) docs[at] = `# moved\n${docs[at]}`;
    else if (kind < 0.9) docs[at] = docs[at].replace(/name: \w+/, `name: ${names[Math.floor(random() * names.length)]}`);
    else docs[at] = policy(names[at], '7', random() < 0.5 ? '  allowAutoConverge: yes\n' : '');
    const before = selections;
    const keysBefore = new Map(whatIf.allPolicies().map((p) => [p.name, selectorKey(p)]));
    whatIf.takeTouchedNames();
    current = parsed(uri, docs.join('---\n'), current);
    const changed = whatIf.update(index.update(current));
    if (selections === before) shortcuts++;
    const full = select();
    const context = `step ${step}`;
    assert.deepEqual(
      whatIf.allPolicies().sort((x, y) => (x.name < y.name ? -1 : 1)),
      [...full.policies].sort((x, y) => (x.name < y.name ? -1 : 1)),
      context,
    );
    for (const p of full.policies) assert.equal(whatIf.policy(p.name), p, `${context}: ${p.name} is the current PolicyInfo`);
    assert.deepEqual([...whatIf.leftOut], [...full.leftOut], context);
    for (const [info] of whatIf.leftOut) assert.ok(index.policies(uri).some((p) => p.info === (info as PolicyInfo)), `${context}: left-out policies are the current PolicyInfo objects`);
    if (selections === before) {
      // The shortcut: only selectors may have changed; the names whose chosen selectors changed are touched.
      const moved = full.policies.filter((p) => keysBefore.get(p.name) !== selectorKey(p)).map((p) => p.name);
      assert.equal(changed, moved.length > 0, context);
      assert.deepEqual(whatIf.takeTouchedNames().sort(), moved.sort(), context);
      if (moved.length) selectorShortcuts++;
    }
  }
  assert.ok(selectorShortcuts >= 3, `selector edits take the shortcut (${selectorShortcuts})`);
  assert.ok(shortcuts > 30, `value edits take the shortcut (${shortcuts} of 150)`);
  assert.ok(shortcuts < 150, 'other edits apply the rule in full');
});

test('an index update the rule did not see (another file, a delete) sends the next edit through the full rule', () => {
  const index = new WorkspaceIndex();
  let selections = 0;
  const files = new Map<string, ParsedDocument>();
  const whatIf = new WhatIfWorkspacePolicies(
    index,
    () => {
      selections++;
      return selectWhatIfPolicies(
        [...files.values()].map((p) => ({ uri: p.uri, file: p.file, name: p.uri, lines: p.lines })),
        {},
        (f) => index.policies(f.uri),
      );
    },
    () => 'context',
    errorsOf,
  );
  const edit = (uri: string, text: string) => {
    const next = parsed(uri, text, files.get(uri));
    files.set(uri, next);
    return index.update(next);
  };
  whatIf.update(edit('file:///w/a.yaml', policy('a', '1')));
  whatIf.update(edit('file:///w/a.yaml', policy('a', '2')));
  assert.equal(selections, 1, 'a value edit right after the rule was applied takes the shortcut');
  edit('file:///w/b.yaml', policy('a', '3'));
  const change = edit('file:///w/a.yaml', policy('a', '4'));
  whatIf.update(change);
  assert.equal(selections, 2, 'an update in between (b.yaml) means the rule runs in full');
  assert.equal(whatIf.leftOut.size, 1);
  assert.match([...whatIf.leftOut.values()][0], /a at file:\/\/\/w\/b\.yaml:4 counts instead/);
});
