// YAML completion's line scan (features/completionYaml.ts lines 1-235: completeYaml, readLine, splitKey,
// unquote, stripComment, inComment, readCursorLine) at the edges session 23's mutation run left open
// (issue 16): CRLF files (YAML 1.2 section 5.4: CR LF is one line break), the new-policy template only in an
// otherwise empty file on a line that holds nothing but the word being typed, and offsets past a line's text.
// A policy is migrations.kubevirt.io/v1alpha1 MigrationPolicy (kubevirt staging/src/kubevirt.io/api/migrations/v1alpha1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, without } from '../support/completionAt';


const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';

test('CRLF files complete as their LF form: the CR is part of the line break, not of the key, value or indentation', () => {
  for (const marked of [
    `${H}metadata:\n  name: p\nspec:\n  ‸\n  allowPostCopy: true\n`,
    `${H}spec:\n  allowPostCopy: ‸\n`,
    `${H}spec:\n  allowPostCopy: tr‸\n`,
    `${H}spec:\n  selectors:\n    ‸\n`,
    `apiVersion: v1\nkind: List\nitems:\n- kind: MigrationPolicy\n  apiVersion: migrations.kubevirt.io/v1alpha1\n  spec:\n    ‸\n`,
  ]) {
    assert.deepEqual(at(crlf(marked)), at(marked), JSON.stringify(marked));
  }
  // and what that is, written out: spec keys without allowPostCopy at 5:2; the two booleans after `allowPostCopy: `
  assert.deepEqual(at(crlf(`${H}metadata:\n  name: p\nspec:\n  ‸\n  allowPostCopy: true\n`)), { labels: without('allowPostCopy'), range: '5:2-2' });
  assert.deepEqual(at(crlf(`${H}spec:\n  allowPostCopy: tr‸\n`)), { labels: ['true', 'false'], range: '3:17-19' });
  // the parent key `spec:\r` is the key `spec`, with an empty value: its mapping is below
  assert.deepEqual(at(crlf(`${H}spec:\n  maxDowntimeMs: 300\n  ‸\n`)).labels, without('maxDowntimeMs'));
});

test('an offset between a CR and its LF is past the line\'s text: nothing is offered there', () => {
  assert.deepEqual(at(`${H}spec:\r\n  allowPostCopy: true\r‸\n`), { labels: [] });
});

test('the new-policy template: only on a line that holds nothing but the word typed, without a dash, in an empty file', () => {
  assert.deepEqual(at('‸'), { labels: ['MigrationPolicy'], range: '0:0-0' });
  assert.deepEqual(at('ne‸w\n'), { labels: ['MigrationPolicy'], range: '0:0-3' });
  // more text after the word on the line: no template (it would replace only the word)
  assert.deepEqual(at('ne‸w foo\n'), { labels: [] });
  assert.deepEqual(at('ne‸w # a comment\n'), { labels: [] });
  // a list item is no place for a document's root mapping
  assert.deepEqual(at('- ‸\n'), { labels: [] });
  assert.deepEqual(at('- ne‸w'), { labels: [] });
  // another line with text: no template either
  assert.deepEqual(at('ne‸w\nkind: Pod\n'), { labels: [] });
});
