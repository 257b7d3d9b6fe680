// Edges of cluster/snapshot.ts's JSON reading (readJsonSnapshot, splitJsonList) for mutation testing (issue 16,
// session 27): what the survivors of the re-run after the chunked List reading needed.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSnapshot } from '../../server/src/cluster/snapshot';

test('a List member that is not JSON, before or after the items, or a key that is not a JSON string: a located error, not a crash', () => {
  for (const [text, message] of [
    ['{"kind": Lis, "items": []}', 's.json:1:10: Value expected.'],
    ['{"kind": "List", "items": [{"kind": "Namespace", "metadata": {"name": "a"}}], "x": tru}', 's.json:1:84: Value expected.'],
    ['{"ki\\q": 1, "items": []}', 's.json:1:2: Invalid escape character in string.'],
  ]) {
    assert.throws(() => loadSnapshot(text, 's.json'), { name: 'SnapshotError', message }, text);
  }
});
