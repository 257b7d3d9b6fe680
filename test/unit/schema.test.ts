// The exported JSON Schema: derived from the catalogue, and usable by JSON tooling as it is.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { POLICY } from '../../server/src/policy/catalog';
import type { FieldSpec } from '../../server/src/policy/catalog';
import { getJsonSchema } from '../../server/src/policy/schema';
import { Commands } from '../../server/src/protocol';
import { repoRoot } from '../support/fixture';
import { startClient } from '../support/lspClient';

test('every catalogue field appears in the schema with its description', () => {
  const schema = getJsonSchema() as Record<string, unknown>;
  const visit = (field: FieldSpec, node: Record<string, unknown>, trail: string) => {
    for (const child of field.children ?? []) {
      const properties = node.properties as Record<string, Record<string, unknown>>;
      assert.ok(properties?.[child.name], `${trail}.${child.name} missing`);
      assert.match(String(properties[child.name].description), new RegExp(`Since KubeVirt ${child.since}`));
      visit(child, properties[child.name], `${trail}.${child.name}`);
    }
  };
  visit(POLICY, schema, '');
});

test('vscode-json-languageservice validates with the schema: clean example passes, mistakes fail', async () => {
  const service = getLanguageService({});
  const schema = getJsonSchema();
  const validate = async (text: string) => {
    const doc = TextDocument.create('file:///p.json', 'json', 1, text);
    return service.doValidation(doc, service.parseJSONDocument(doc), { schemaValidation: 'error' }, schema as never);
  };
  const clean = fs.readFileSync(path.join(repoRoot, 'examples', 'policies', 'default.json'), 'utf8');
  assert.deepEqual(await validate(clean), []);
  const bad = JSON.stringify({ apiVersion: 'migrations.kubevirt.io/v1beta1', kind: 'MigrationPolicy', metadata: { name: 'x' }, spec: { selectors: { namespaceSelector: { a: true } }, bandwidthPerMigration: '1K', completionTimeoutPerGB: 1 } });
  const messages = (await validate(bad)).map((d) => d.message);
  assert.equal(messages.length, 4, messages.join('\n'));
});

test('every editor gets the schema from the server (migrationpolicy.jsonSchema), the same as the CLI prints', async () => {
  const client = await startClient();
  try {
    assert.ok(client.initialize.capabilities.executeCommandProvider?.commands.includes(Commands.jsonSchema));
    const served = await client.connection.sendRequest('workspace/executeCommand', { command: Commands.jsonSchema, arguments: [] });
    const printed = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'schema'], { encoding: 'utf8' });
    assert.equal(printed.status, 0, printed.stderr);
    assert.deepEqual(served, JSON.parse(printed.stdout));
    assert.deepEqual(served, getJsonSchema());
  } finally {
    await client.stop();
  }
});
