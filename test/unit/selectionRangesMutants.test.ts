// Expand selection (features/selectionRanges.ts) in a pair written without a key (`{: v}`), with the cursor
// on its colon: the parser gives such a pair an empty key at the colon (never a null key), so the innermost
// range is that empty key, then the pair. Pins the ground the session-25 equivalents of selectionRanges.ts
// line 44-45 stand on. Each chain is the texts the ranges cover, innermost first.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { POLICY_HEAD as H, selectionChain as chain } from '../support/selectionChain';

test('on the colon of a pair with an empty key (`{: v}`, `: v`): the empty key, the pair, then its map', () => {
  const flow = 'spec:\n  x: {a: 1, : v}';
  assert.deepEqual(chain(`${H}spec:\n  x: {a: 1, ‸: v}\n`), ['', ': v', '{a: 1, : v}', 'x: {a: 1, : v}', flow, `${H}${flow}`]);
  const block = 'spec:\n  x:\n    : v';
  assert.deepEqual(chain(`${H}spec:\n  x:\n    ‸: v\n`), ['', ': v', 'x:\n    : v', block, `${H}${block}`]);
});
