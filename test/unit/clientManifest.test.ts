// The VS Code manifest (package.json) against the code: every command the client registers is
// contributed and the other way round, every setting the server reads is declared, severity overrides
// list exactly the diagnostic codes, and untrusted workspaces restrict the settings that reach clusters.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ClientCommands } from '../../client/src/commandIds';
import { codeSentence, DIAGNOSTIC_CODES } from '../../server/src/features/codes';
import type { DiagnosticCode } from '../../server/src/features/codes';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { Commands } from '../../server/src/protocol';
import { repoRoot } from '../support/fixture';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const properties: Record<string, { default?: unknown; description?: string; markdownDescription?: string; properties?: Record<string, unknown> }> = manifest.contributes.configuration.properties;

test('contributed commands are exactly the client\'s, in category MigrationPolicy, none a server command id', () => {
  const contributed = manifest.contributes.commands.map((c: { command: string; category: string }) => (assert.equal(c.category, 'MigrationPolicy'), c.command));
  assert.deepEqual([...contributed].sort(), Object.values(ClientCommands).sort());
  for (const id of Object.values(Commands)) assert.ok(!contributed.includes(id), `${id} is registered by the language client, not contributed`);
});

test('every setting the server reads is declared with a description', () => {
  const flat = (prefix: string, value: object): string[] =>
    Object.entries(value).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) && k !== 'severity' ? flat(`${prefix}${k}.`, v) : [`${prefix}${k}`]));
  const read = [...flat('migrationpolicy.', DEFAULT_SETTINGS), 'migrationpolicy.cluster.source', 'migrationpolicy.cluster.kubeconfig', 'migrationpolicy.cluster.context', 'migrationpolicy.cluster.snapshot', 'migrationpolicy.codeLens.enabled', 'migrationpolicy.trace.server'];
  assert.deepEqual(Object.keys(properties).sort(), read.sort());
  for (const [key, p] of Object.entries(properties)) assert.ok((p.markdownDescription ?? p.description ?? '').length > 40, `${key} needs a clear description`);
  assert.equal(properties['migrationpolicy.cluster.source'].default, 'auto');
});

test('severity overrides list exactly the diagnostic codes', () => {
  assert.deepEqual(Object.keys(properties['migrationpolicy.severity'].properties ?? {}).sort(), Object.keys(DIAGNOSTIC_CODES).sort());
});

test('package.json\'s severity properties are generated from codes.ts (npm run sync-manifest)', () => {
  const check = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'sync-manifest.mjs'), '--check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  const severity = properties['migrationpolicy.severity'].properties as Record<string, { description: string }>;
  for (const code of Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]) assert.equal(severity[code].description, codeSentence(code));
});

test('untrusted workspaces: limited support, cluster settings restricted, activation only on YAML, JSON and commands', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual(untrusted.restrictedConfigurations.sort(), Object.keys(properties).filter((k) => k.startsWith('migrationpolicy.cluster.')).sort());
  assert.match(untrusted.description, /validation, completion, hover/);
  assert.deepEqual(manifest.activationEvents, ['onLanguage:yaml', 'onLanguage:json']);
});

test('the .vsix ships LICENSE and the third-party notices of every package bundled into dist/', () => {
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const listed = spawnSync(vsce, ['ls', '--no-dependencies', '--readme-path', 'README.vscode.md'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const files = listed.stdout.trim().split('\n');
  for (const f of ['LICENSE', 'dist/ThirdPartyNotices.txt', 'dist/server.js', 'dist/client.js']) assert.ok(files.includes(f), `${f} is packaged`);
  assert.ok(!files.some((f) => f.startsWith('node_modules/') || f.startsWith('server/') || f.startsWith('test/')), 'no sources or dependencies are packaged');
  const notices = fs.readFileSync(path.join(repoRoot, 'dist', 'ThirdPartyNotices.txt'), 'utf8');
  const named = [...notices.matchAll(/^- (.+)@(\d[^ ]*) \((.+)\)$/gm)].map((m) => m[1]);
  for (const dep of Object.keys(manifest.dependencies)) {
    if (dep === 'vscode-languageserver-types' && !named.includes(dep)) continue;
    assert.ok(named.includes(dep), `${dep} is named in the notices`);
  }
  for (const name of named) {
    const section = notices.split(/^={78}\n/m).findIndex((part) => part.startsWith(`${name}@`));
    assert.ok(section > 0, `${name} has a section`);
    assert.ok(notices.split(/^={78}\n/m)[section + 1].trim().length > 200, `${name}'s section holds its license text`);
  }
});
