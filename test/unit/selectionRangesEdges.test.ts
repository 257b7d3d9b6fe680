// Expand selection (features/selectionRanges.ts) at the edges its session-22 survivors left: the items of a
// block sequence (the item holding the cursor, first or last, scalar or mapping), an empty item (an empty
// range at the cursor), and the 200-level bound on the descent. Each expected chain is written here as the
// texts the ranges cover, innermost first; LSP wants each range to hold the position and its parent to hold it.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { POLICY_HEAD as H, selectionChain as chain } from '../support/selectionChain';

const LIST = 'list:\n  - a\n  - b: 1\n    c: 2';
const SPEC = `spec:\n  ${LIST}`;

test('a block sequence: the first item, a scalar; the last item, a mapping, on its key and its value', () => {
  assert.deepEqual(chain(`${H}spec:\n  list:\n  - a‸\n  - b: 1\n    c: 2\n`), ['a', '- a\n  - b: 1\n    c: 2', LIST, SPEC, `${H}${SPEC}`]);
  const last = ['c: 2', 'b: 1\n    c: 2', '- a\n  - b: 1\n    c: 2', LIST, SPEC, `${H}${SPEC}`];
  assert.deepEqual(chain(`${H}spec:\n  list:\n  - a\n  - b: 1\n    c: 2‸\n`), ['2', ...last]);
  assert.deepEqual(chain(`${H}spec:\n  list:\n  - a\n  - b: 1\n    c‸: 2\n`), ['c', ...last]);
});

test('on the dash of an item, in no item: the sequence is the innermost range', () => {
  assert.deepEqual(chain(`${H}spec:\n  list:\n  - a\n  ‸- b: 1\n    c: 2\n`), ['- a\n  - b: 1\n    c: 2', LIST, SPEC, `${H}${SPEC}`]);
});

test('an empty sequence item: an empty range at the cursor, inside the sequence', () => {
  const text = `${H}spec:\n  g:\n  - ‸\n  - x\n`;
  assert.deepEqual(chain(text), ['', '- \n  - x', 'g:\n  - \n  - x', 'spec:\n  g:\n  - \n  - x', `${H}spec:\n  g:\n  - \n  - x`]);
});

test('the descent stops after 200 levels: 197 nested flow sequences reach the value, 198 stop at the innermost sequence', () => {
  const nested = (n: number) => `${H}spec:\n  x: ${'['.repeat(n)}1‸${']'.repeat(n)}\n`;
  // the document, spec's pair and map, x's pair, then one range per sequence and the value: 4 + 197 = 201
  const at197 = chain(nested(197));
  assert.equal(at197.length, 201);
  assert.equal(at197[0], '1');
  assert.equal(at197[1], '[1]');
  // 198 sequences: the root and 199 nodes below it are visited, the value is not
  const at198 = chain(nested(198));
  assert.equal(at198.length, 201);
  assert.equal(at198[0], '[1]');
});
