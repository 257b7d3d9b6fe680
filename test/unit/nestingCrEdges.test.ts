// An edge of document/nesting.ts for mutation testing (issue 16): a colon is a mapping indicator only when a
// space, a CR or the line's end follows it (YAML 1.2 §7.4, ns-plain-safe: `:` followed by a non-space is
// part of a plain scalar), whatever comes before it, also a stray CR inside the line.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { findYamlNestingExcess } from '../../server/src/document/nesting';

test('a colon right before a bracket is no mapping indicator, also after a CR in the middle of a line', () => {
  const deep = '['.repeat(5);
  assert.equal(findYamlNestingExcess(`a:${deep}\n`, 3), undefined);
  assert.equal(findYamlNestingExcess(`a\r:${deep}\n`, 3), undefined);
  // After a space it is one: the value's brackets count (the key's mapping is level 1).
  assert.deepEqual(findYamlNestingExcess(`a: ${deep}\n`, 3), { offset: 5, depth: 6 });
});
