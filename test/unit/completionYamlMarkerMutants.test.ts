// Session 26 (issue 16): survivors of the completionYaml.ts re-run. A document marker line (`---`, `...`) followed by a
// comment is still a marker, so a document holding only such a line and the typed word gets the new-policy template
// (`---` starts the document below it, `...` ends the one above it).
// A policy is migrations.kubevirt.io/v1alpha1 MigrationPolicy (kubevirt staging/src/kubevirt.io/api/migrations/v1alpha1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at } from '../support/completionAt';

test('completion: a `---` or `...` line with a comment after it is a marker, so the new-policy template is still offered', () => {
  assert.deepEqual(at('--- # first\nne‸w\n'), { labels: ['MigrationPolicy'], range: '1:0-3' });
  assert.deepEqual(at('ne‸w\n... # end\n'), { labels: ['MigrationPolicy'], range: '0:0-3' });
});
