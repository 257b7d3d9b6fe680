// The V8 heap flag dist/server.js sets at start (server/src/heapFlags.ts), and when the user's own wins.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { heapFlags } from '../../server/src/heapFlags';

test('the old generation grows by half at most, unless the node flags or NODE_OPTIONS say otherwise', () => {
  assert.deepEqual(heapFlags([], undefined), ['--heap-growing-percent=50']);
  assert.deepEqual(heapFlags(['--max-semi-space-size=4'], '--enable-source-maps'), ['--heap-growing-percent=50']);
  assert.deepEqual(heapFlags(['--heap-growing-percent=80'], undefined), []);
  assert.deepEqual(heapFlags([], '--max-old-space-size=4096  --heap_growing_percent=10'), []);
  assert.deepEqual(heapFlags(['--heap-growing-percent-x'], ''), ['--heap-growing-percent=50']);
});
