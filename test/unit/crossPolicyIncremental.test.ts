// The incremental cross-policy verdicts (features/crossPolicy.ts FileCrossPolicy, fed by the workspace
// index's change log): after a name or selector edit only the policies of the touched names and
// selector groups are judged again, and over random edit sequences the answer (and the code lenses kept
// across evaluations) equals a computation from scratch.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCodeLenses } from '../../server/src/features/codeLens';
import type { LensMemo } from '../../server/src/features/codeLens';
import { FileCrossPolicy } from '../../server/src/features/crossPolicy';
import { CrossWorkspace as Fixture, DB, PROD, WEB, policy } from '../support/crossWorkspace';
import { prng } from '../support/random';


test('a selector edit re-judges only the policies of the touched selector groups; the others keep their diagnostic objects', () => {
  const f = new Fixture();
  const uri = 'file:///w/p.yaml';
  const docs = [policy('a', DB), policy('b', DB), policy('c', WEB), policy('d', WEB), policy('e', PROD), policy('f', '{}')];
  f.set(uri, docs.join('---\n'));
  const judge = new FileCrossPolicy();
  const first = f.judged(judge, uri);
  assert.deepEqual(judge.rejudged, ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual(
    first.map((d) => `${d.range.start.line} ${d.code}`),
    ['3 identical-selectors', '11 identical-selectors', '19 identical-selectors', '27 identical-selectors', '11 shadowed-policy', '27 shadowed-policy', '35 shadowed-policy', '43 shadowed-policy'],
  );

  // A value edit: nothing is judged again, every diagnostic is the same object; the policies before
  // and after the edited one are taken whole from the previous call (e is looked at alone).
  assert.equal(judge.counts.reused, 0);
  docs[4] = policy('e', PROD, 1500);
  const value = f.judged(judge, uri, docs);
  assert.deepEqual(judge.rejudged, []);
  assert.equal(judge.counts.reused, 5);
  value.forEach((d, i) => assert.equal(d, first[i], `diagnostic ${i} is the same object`));
  // A line added in b: a is taken whole, c to f are looked at (their lines moved) and placed anew.
  docs[1] = policy('b', DB).replace('spec:\n', 'spec:\n  # typed\n');
  f.judged(judge, uri, docs);
  assert.equal(judge.counts.reused, 5 + 5, 'a, and c to f whose findings stand (their diagnostics are placed anew)');
  docs[1] = policy('b', DB);
  f.set(uri, docs.join('---\n'));
  assert.deepEqual(f.judge(judge, uri).incremental, value);

  // c's selectors change (same length): c leaves d's group; a, b, e and f are not judged again.
  docs[2] = policy('c', '{virtualMachineInstanceSelector: {app: wob}}');
  const selector = f.judged(judge, uri, docs);
  assert.deepEqual(judge.rejudged, ['c', 'd']);
  assert.deepEqual(
    selector.map((d) => `${d.range.start.line} ${d.code}`),
    ['3 identical-selectors', '11 identical-selectors', '11 shadowed-policy', '35 shadowed-policy', '43 shadowed-policy'],
  );
  assert.equal(selector[0], first[0], 'a keeps its identical-selectors diagnostic');
  assert.equal(selector[1], first[1], 'b keeps its identical-selectors diagnostic');
});

test('a rename re-judges the old and new name groups, and the selector groups of a cluster policy of either name', () => {
  const f = new Fixture();
  const uri = 'file:///w/p.yaml';
  const docs = [policy('a', DB), policy('b', DB), policy('c', WEB), policy('e', PROD)];
  f.set(uri, docs.join('---\n'));
  const judge = new FileCrossPolicy();
  f.judge(judge, uri);

  // e -> a: the two a's are judged again (duplicate name), nothing else.
  docs[3] = policy('a', PROD);
  f.set(uri, docs.join('---\n'));
  let now = f.judge(judge, uri);
  assert.deepEqual(now.incremental, now.scratch);
  assert.deepEqual(judge.rejudged, ['a', 'a']);
  assert.deepEqual(
    now.incremental.filter((d) => d.code === 'duplicate-name').map((d) => d.range.start.line),
    [3, 27],
  );

  // c -> cluster-db: the workspace redefines cluster-db, which leaves the {app: db} group: a and b are judged again too.
  docs[2] = policy('cluster-db', WEB);
  f.set(uri, docs.join('---\n'));
  now = f.judge(judge, uri);
  assert.deepEqual(now.incremental, now.scratch);
  assert.deepEqual(judge.rejudged, ['a', 'b', 'cluster-db']);
});

test('another file\'s selector edit re-judges only this file\'s policies of the touched groups', () => {
  const f = new Fixture();
  const here = 'file:///w/p.yaml';
  const there = 'file:///w/q.yaml';
  f.set(here, [policy('a', DB), policy('c', WEB), policy('e', PROD)].join('---\n'));
  f.set(there, [policy('x', PROD), policy('y', '{}')].join('---\n'));
  const judge = new FileCrossPolicy();
  f.judge(judge, here);
  f.set(there, [policy('x', WEB), policy('y', '{}')].join('---\n'));
  f.judged(judge, here);
  assert.deepEqual(judge.rejudged, ['c', 'e']);
});

test('over random edit sequences in two files the incremental verdicts equal a computation from scratch', () => {
  const random = prng(1515);
  const names = ['a', 'b', 'c', 'cluster-db', 'cluster-web', 'd'];
  const selectors = [DB, WEB, PROD, '{}', '{virtualMachineInstanceSelector: {app: db}, namespaceSelector: {env: prod}}', '{virtualMachineInstanceSelector: {app: nothing}}'];
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const uris = ['file:///w/p.yaml', 'file:///w/q.yaml'];
  let rejudgedSome = 0;
  let rejudgedNone = 0;
  for (let round = 0; round < 12; round++) {
    const f = new Fixture();
    const docs = uris.map(() => Array.from({ length: 3 + Math.floor(random() * 6) }, () => ({ name: pick(names), selectors: pick(selectors), timeout: 1 })));
    const text = (i: number) => docs[i].map((d) => policy(d.name, d.selectors, d.timeout)).join('---\n');
    uris.forEach((uri, i) => f.set(uri, text(i)));
    const judges = uris.map(() => new FileCrossPolicy());
    const lensMemos: LensMemo[] = uris.map(() => new WeakMap());
    for (let step = 0; step < 40; step++) {
      const i = Math.floor(random() * uris.length);
      const list = docs[i];
      const r = random();
      const at = Math.floor(random() * list.length);
      if (r < 0.3) list[at].timeout++;
      else if (r < 0.55) list[at].selectors = pick(selectors);
      else if (r < 0.75) list[at].name = pick(names);
      else if (r < 0.87 || list.length < 2) list.splice(at, 0, { name: pick(names), selectors: pick(selectors), timeout: 1 });
      else list.splice(at, 1);
      f.set(uris[i], text(i));
      // Each file is judged now and then (as a client pulls, or the scheduler reaches it).
      for (let j = 0; j < uris.length; j++) {
        if (random() < 0.3) continue;
        const { incremental, scratch } = f.judge(judges[j], uris[j]);
        assert.deepEqual(incremental, scratch, `round ${round} step ${step} file ${j}`);
        // The lenses kept across evaluations (features/codeLens.ts LensMemo) equal lenses built afresh.
        const file = { uri: uris[j], lines: f.files.get(uris[j])!.lines };
        assert.deepEqual(getCodeLenses(file, f.index.policies(uris[j]), f.view, [], lensMemos[j]), getCodeLenses(file, f.index.policies(uris[j]), f.view), `lenses: round ${round} step ${step} file ${j}`);
        if (judges[j].rejudged.length && judges[j].rejudged.length < f.index.policies(uris[j]).length) rejudgedSome++;
        if (!judges[j].rejudged.length) rejudgedNone++;
      }
    }
  }
  assert.ok(rejudgedSome > 50, `partial re-judging happened (${rejudgedSome})`);
  assert.ok(rejudgedNone > 50, `no re-judging happened (${rejudgedNone})`);
});
