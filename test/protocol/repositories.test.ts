// The server reads files where they sit: a chart template with its actions masked, a chart's values.yaml
// through its templates, a Kustomize patch as partial, a JSON 6902 patch of a MigrationPolicy. The same
// files give the CLI's answer (one code path); asserted here over the real protocol.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { CompletionList, Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { startClient } from '../support/lspClient';
import { repoRoot } from '../support/fixture';

const repos = path.join(repoRoot, 'test', 'fixtures', 'repos');
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

test('templates, values, patches and JSON patches answer over the protocol as the CLI answers', async () => {
  const client = await startClient(undefined, pathToFileURL(repos).toString());
  try {
    const open = async (relative: string) => {
      const file = path.join(repos, relative);
      const uri = pathToFileURL(file).toString();
      const next = client.nextDiagnostics(uri);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } });
      return { uri, diagnostics: (await next).diagnostics };
    };
    const template = await open('chart/templates/migrationpolicy.yaml');
    assert.deepEqual(brief(template.diagnostics), ['13:28 boolean-string']);
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: template.uri } })) as DocumentSymbol[];
    assert.equal(symbols[0].name, '{{ include "chart.fullname" . }}-db');
    const completion = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: template.uri }, position: { line: 9, character: 40 } })) as CompletionList | null;
    assert.deepEqual(completion?.items ?? [], [], 'nothing inside {{ .Values.bandwidth | quote }}');
    const values = await open('chart/values.yaml');
    assert.deepEqual(brief(values.diagnostics), ['2:12 quantity-invalid', '3:20 integer-format']);
    assert.match(String(values.diagnostics[0].message), /^Used as spec\.bandwidthPerMigration by templates\/migrationpolicy\.yaml:10/);
    assert.deepEqual(brief((await open('kustomize/overlays/prod/bandwidth-patch.yaml')).diagnostics), ['7:18 boolean-string']);
    assert.deepEqual(brief((await open('kustomize/overlays/prod/timeout-patch.yaml')).diagnostics), ['3:10 negative']);
    assert.deepEqual(brief((await open('kustomize/overlays/staging/staging-patch.yaml')).diagnostics), ['7:22 boolean-string']);
    assert.deepEqual(brief((await open('kustomize/overlays/staging/extra-policy.yaml')).diagnostics), ['5:1 selectors-missing']);
  } finally {
    await client.stop();
  }
});
