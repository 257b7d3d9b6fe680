// YAML completion's line scan (features/completionYaml.ts lines 129-235: readLine, splitKey, unquote,
// inComment) on quoted keys and comments, which session 24's first mutation run of these lines found untested
// (issue 16). Quoted keys follow YAML 1.2 section 7.3: a double-quoted key takes backslash escapes ("\u0050"
// is "P", "\"" a quote), a single-quoted key writes a quote as two ('it''s'); a key is followed by ":" and a
// space or the line end. A policy is migrations.kubevirt.io/v1alpha1 MigrationPolicy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, SPEC, without } from '../support/completionAt';


const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';

test('a quoted parent key opens its mapping like the plain key', () => {
  assert.deepEqual(at(`${H}"spec":\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
  assert.deepEqual(at(`${H}'spec':\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
  // spaces between the closing quote and the colon
  assert.deepEqual(at(`${H}'spec'  :\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
  assert.deepEqual(at(`${H}spec:\n  "selectors":\n    ‸\n`), { labels: ['namespaceSelector', 'virtualMachineInstanceSelector'], range: '4:4-4' });
  // an escape in a double-quoted key: "sp\u0065c" is spec
  assert.deepEqual(at(`${H}"sp\\u0065c":\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
});

test('a quoted text that is no key (no colon after it, a colon glued to text, no closing quote) opens no mapping', () => {
  assert.deepEqual(at(`${H}"spec"x:\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}"spec":x\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}"spec\n  ‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}'spec\n  ‸\n`), { labels: [] });
});

test('quoted keys above and below the cursor count as present, with escapes and doubled quotes read', () => {
  assert.deepEqual(at(`${H}spec:\n  "allowPostCopy": true\n  ‸\n`).labels, without('allowPostCopy'));
  assert.deepEqual(at(`${H}spec:\n  'allowPostCopy': true\n  ‸\n`).labels, without('allowPostCopy'));
  assert.deepEqual(at(`${H}spec:\n  ‸\n  "maxDowntimeMs" : 300\n`).labels, without('maxDowntimeMs'));
  assert.deepEqual(at(`${H}spec:\n  "allow\\u0050ostCopy": true\n  ‸\n`).labels, without('allowPostCopy'));
  // a backslash escapes the quote that follows: the key is allowPostCopy" (not present as allowPostCopy)
  assert.deepEqual(at(`${H}spec:\n  "allowPostCopy\\"": true\n  ‸\n`).labels, SPEC);
  // two single quotes are one quote inside the key: allowPostCopy' is another key
  assert.deepEqual(at(`${H}spec:\n  'allowPostCopy''': true\n  ‸\n`).labels, SPEC);
  assert.deepEqual(at(`${H}spec:\n  'allow''PostCopy': true\n  ‸\n`).labels, SPEC);
  // an unescaped backslash in a single-quoted key is a plain character
  assert.deepEqual(at(`${H}spec:\n  'maxDowntimeMs\\': 1\n  'allowPostCopy': true\n  ‸\n`).labels, without('allowPostCopy'));
});

test('a quoted key on the cursor line takes value completion at the right column', () => {
  assert.deepEqual(at(`${H}spec:\n  "allowPostCopy": ‸\n`), { labels: ['true', 'false'], range: '3:19-19' });
  assert.deepEqual(at(`${H}spec:\n  'allowPostCopy': ‸\n`), { labels: ['true', 'false'], range: '3:19-19' });
  assert.deepEqual(at(`${H}spec:\n  "allowPostCopy" : ‸\n`), { labels: ['true', 'false'], range: '3:20-20' });
  assert.deepEqual(at(`${H}spec:\n  "allowPostCopy":‸\n`), { labels: ['true', 'false'], range: '3:18-18' });
  assert.deepEqual(at(`${H}spec:\n  "allowPostCopy":x ‸\n`), { labels: [] });
});

test('comments: a value after " #" is a comment, a # inside a quoted key or glued to text is not', () => {
  assert.deepEqual(at(`${H}spec: # the policy's body\n  ‸\n`), { labels: SPEC, range: '3:2-2' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: # ‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: 1 #‸\n`), { labels: [] });
  assert.deepEqual(at(`${H}spec:\n  "a #b": 1\n  ‸\n`), { labels: SPEC, range: '4:2-2' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: a#‸\n`), { labels: ['true', 'false'], range: '3:17-19' });
});

test('comments: " #" inside an open quoted value is text; after the closing quote or in a plain value it starts a comment', () => {
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: "a #‸\n`), { labels: ['true', 'false'], range: '3:17-21' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: 'a #‸\n`), { labels: ['true', 'false'], range: '3:17-21' });
  // \" does not close a double-quoted value
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: "a\\" #‸\n`), { labels: ['true', 'false'], range: '3:17-23' });
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: "a" #‸\n`), { labels: [] });
  // a quote inside a plain value opens no quoted text
  assert.deepEqual(at(`${H}spec:\n  allowPostCopy: x"a #‸\n`), { labels: [] });
});
