// YAML completion where the line scan and the parsed model disagree about a Kubernetes List, and where the
// scan meets bare `-` items and directives (features/completionYaml.ts: isPolicyInModel, scanAncestors'
// item test, readLine's directive test), for the survivors of session 24's mutation run (issue 16). The
// model has the last word on whether a List item is a policy: when the parser sees no such item (the root
// is a sequence, an unterminated quote swallows `items:`, the last `items` key is empty), completion offers
// nothing and does not fail. A `%` directive line and the `---` after it belong to no document content
// (YAML 1.2 section 9.2), so the document after them is still empty and gets the new-policy item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, SPEC } from '../support/completionAt';

test('control: a List item with kind MigrationPolicy gets the spec keys, an item without kind gets nothing', () => {
  assert.deepEqual(at('kind: List\nitems:\n- kind: MigrationPolicy\n  spec:\n    ‸\n'), { labels: SPEC, range: '4:4-4' });
  assert.deepEqual(at('kind: List\nitems:\n- spec:\n    ‸\n'), { labels: [] });
  assert.deepEqual(at('kind: List\nitems:\n- kind: ‸\n'), { labels: ['MigrationPolicy'], range: '2:8-8' });
});

test('a List whose parsed root is a sequence (a stray item above `kind: List`) gets no completion, and no error', () => {
  assert.deepEqual(at('- x\nkind: List\nitems:\n- spec:\n    ‸\n'), { labels: [] });
});

test('a List whose `items:` an unterminated quote swallows (the parser sees no items) gets no completion, and no error', () => {
  assert.deepEqual(at('kind: List\na: "\nitems:\n- spec:\n    ‸\n'), { labels: [] });
});

test('a List whose last `items` key is empty (the parser reads the last of duplicate keys) gets no completion, and no error', () => {
  assert.deepEqual(at('kind: List\nitems:\n- spec:\n    ‸\nitems:\n'), { labels: [] });
});

test('a document that is an alias to nothing gets no completion, and no error', () => {
  assert.deepEqual(at('*a\n‸'), { labels: [] });
});

test('a key at the column of a bare `-` item above it (or left of it) is no key of that item: no completion', () => {
  assert.deepEqual(at('kind: List\nitems:\n  -\n  kind: ‸\n'), { labels: [] });
  assert.deepEqual(at('kind: List\nitems:\n    -\n  kind: ‸\n'), { labels: [] });
  assert.deepEqual(at('kind: List\nitems:\n  -\n  kind: MigrationPolicy\n  ‸\n'), { labels: [] });
  // control: the key on the item's own line
  assert.deepEqual(at('kind: List\nitems:\n  - kind: ‸\n'), { labels: ['MigrationPolicy'], range: '2:10-10' });
});

test('a `%` directive and the `---` after it leave the document empty: the new-policy item', () => {
  assert.deepEqual(at('%YAML 1.2\n---\n‸'), { labels: ['MigrationPolicy'], range: '2:0-0' });
  assert.deepEqual(at('%YAML 1.2\n---\n\n‸'), { labels: ['MigrationPolicy'], range: '3:0-0' });
});

test('a bare `-` with a comment opens an item whose keys are on the lines below, however far the comment stands', () => {
  assert.deepEqual(at('kind: List\nitems:\n-   # c\n  kind: ‸\n'), { labels: ['MigrationPolicy'], range: '3:8-8' });
  assert.deepEqual(at('kind: List\nitems:\n- # c\n  kind: ‸\n'), { labels: ['MigrationPolicy'], range: '3:8-8' });
});

test('a dash glued to text (`-kind:`) or a word before a space (`x kind:`) opens no List item', () => {
  assert.deepEqual(at('kind: List\nitems:\n-kind: MigrationPolicy\n spec:\n   ‸\n'), { labels: [] });
  assert.deepEqual(at('kind: List\nitems:\nx kind: MigrationPolicy\n  spec:\n    ‸\n'), { labels: [] });
  // control: a real item
  assert.deepEqual(at('kind: List\nitems:\n- kind: MigrationPolicy\n  spec:\n    ‸\n'), { labels: SPEC, range: '4:4-4' });
});
