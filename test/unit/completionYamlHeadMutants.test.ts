// YAML completion's entry (features/completionYaml.ts completeYaml, lines 57-124, and isSpace) on the shapes
// session 27's whole-file mutation run left untested (issue 16): an empty document holding only spaces still gets
// the new-policy item, a List's items are objects only under `items` of a kind that ends in List and only when
// `items` is a sequence, a key typed on a list item's `- ` line nests a map's snippet one step deeper than the item,
// and a tab after a key's colon separates the value (YAML 1.2 section 6.1: s-white is a space or a tab).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { complete, pick } from '../support/check';
import { at, SPEC } from '../support/completionAt';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
const P = '- kind: MigrationPolicy\n  apiVersion: migrations.kubevirt.io/v1alpha1\n  spec:\n    ‸\n';
const newText = (marked: string, label: string) => (pick(complete(marked).list.items, label).textEdit as TextEdit).newText;

test('a document of spaces only (spaces after the cursor too) gets the new-policy item over the text up to the cursor', () => {
  assert.deepEqual(at('‸ '), { labels: ['MigrationPolicy'], range: '0:0-0' });
  assert.deepEqual(at(' ‸ \n'), { labels: ['MigrationPolicy'], range: '0:0-1' });
});

test('items of a List are objects only under `items`, in a sequence, of a kind that ends in List', () => {
  // control: a List's item that is a policy gets the spec's keys
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nitems:\n${P}`), { labels: SPEC, range: '6:4-4' });
  // `ListX` is no List (it only contains "List"): the root is some other object, no completion
  assert.deepEqual(at(`apiVersion: v1\nkind: ListX\nitems:\n${P}`), { labels: [] });
  // a sequence under another key of a List holds no List items
  assert.deepEqual(at(`apiVersion: v1\nkind: List\nfoo:\n${P}`), { labels: [] });
  // `items` written as a mapping: its keys are no List item, even when they look like a policy
  assert.deepEqual(at('apiVersion: v1\nkind: List\nitems:\n  spec:\n    ‸\n  kind: MigrationPolicy\n  apiVersion: migrations.kubevirt.io/v1alpha1\n'), { labels: [] });
});

test("a map key typed on a List item's `- ` line nests its snippet one step (2 columns) below the key", () => {
  const doc = 'apiVersion: v1\nkind: List\nitems:\n- ‸\n  kind: MigrationPolicy\n  apiVersion: migrations.kubevirt.io/v1alpha1\n';
  assert.deepEqual(at(doc), { labels: ['metadata', 'spec'], range: '3:2-2' });
  assert.equal(newText(doc, 'metadata'), 'metadata:\n    ${1}');
  assert.equal(newText(doc, 'spec'), 'spec:\n    ${1}');
});

test('a tab after the colon separates a key from its value as a space does', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy:\ttr‸\n`), { labels: ['true', 'false'], range: '3:17-19' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: tr‸\n`), { labels: ['true', 'false'], range: '3:17-19' });
});
