// A survivor of the mutation run of features/completionItems.ts that changes answers: a snippet's choice list
// puts the field's snippet default first. experimental.compression lists `none` and `zstd` in the catalogue's
// (the API's) order, and its snippet default is `zstd`, so the choice reads zstd,none in YAML and in JSON.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../server/src/document/file';
import { LineIndex } from '../../server/src/document/lines';
import { getCompletions } from '../../server/src/features/completion';

const complete = (text: string, language: 'yaml' | 'json') =>
  getCompletions({ file: parseFile(text, language), lines: new LineIndex(text) }, text.length, { snippetSupport: true, markdown: true }).items;

test('the compression choice starts with the snippet default, zstd, in YAML and JSON', () => {
  const yaml = complete('apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  experimental:\n    comp', 'yaml');
  assert.equal(yaml.find((i) => i.label === 'compression')?.textEdit?.newText, 'compression: ${1|zstd,none|}');
  const json = complete('{"apiVersion": "migrations.kubevirt.io/v1alpha1", "kind": "MigrationPolicy", "spec": {"experimental": {"comp', 'json');
  assert.equal(json.find((i) => i.label === 'compression')?.textEdit?.newText, '"compression": "${1|zstd,none|}"');
});
