// What the VS Code tier expects, computed by the project's other front ends for the same inputs, never
// written into the tests: `migrationpolicy match --format json` (the CLI) and the built language server
// spoken to over stdio with the settings VS Code sends. The e2e tests then compare what code-server
// shows with these answers exactly ("one answer everywhere").
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { formatStatus } from '../../client/src/format';
import type { ClusterStatus, MatchReport } from '../../server/src/protocol';
import { matchTitle as lensMatchTitle } from '../../server/src/features/codeLens';
import { repoRoot } from '../support/fixture';
import { DEFAULT_CAPABILITIES, startClient } from '../support/lspClient';

export interface CliMatch {
  vmis: { namespace: string; name: string; policy: string | null }[];
  policies: { name: string; matched: number; won: number; lostTo: Record<string, number> }[];
}

/** `migrationpolicy match --cluster SNAPSHOT --format json PATHS...` with the built CLI. */
export function cliMatch(snapshot: string, paths: string[]): CliMatch {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'match', '--cluster', snapshot, '--format', 'json', ...paths], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`migrationpolicy match failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as CliMatch;
}

/** The title of a policy's match lens for the CLI's numbers, worded by the server's own lens code. */
export function lensTitleFromCli(match: CliMatch, policy: string): string {
  const stats = match.policies.find((p) => p.name === policy);
  if (!stats) throw new Error(`the CLI knows no policy ${policy}: ${match.policies.map((p) => p.name).join(', ')}`);
  return lensMatchTitle({ matched: stats.matched, won: stats.won, lostTo: new Map(Object.entries(stats.lostTo)) });
}

/** The status bar text VS Code shows for a cluster status (codicons such as `$(file)` render as icons, not text). */
export function statusBarText(status: ClusterStatus, trusted = true): string {
  return formatStatus(status, trusted).text.replace(/\$\([^)]*\)\s*/g, '').trim();
}

export interface ServerView {
  status: ClusterStatus;
  /** Per file (a path relative to the workspace): per line with lenses, in document order, their titles. */
  lenses: Record<string, string[][]>;
  diagnostics: Record<string, Diagnostic[]>;
  /** Per policy name: what `migrationpolicy.showMatches` answers (what a lens click shows). */
  reports: Record<string, MatchReport>;
}

const FINAL = new Set(['ready', 'unreachable', 'unauthorized', 'forbidden', 'error', 'disabled', 'stale']);

/**
 * Opens `files` of `workspace` in the built language server (over stdio, pull diagnostics, the
 * workspace as root) with `settings` as VS Code would send them, waits until the cluster data is in
 * and the lenses stop changing, and returns what it answers.
 */
export async function serverView(workspace: string, settings: Record<string, unknown>, files: string[], options: { clusterAccess?: boolean; env?: NodeJS.ProcessEnv; policies?: string[] } = {}): Promise<ServerView> {
  const capabilities = { ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, diagnostic: {}, codeLens: {} }, workspace: { ...DEFAULT_CAPABILITIES.workspace, codeLens: { refreshSupport: true } } };
  const client = await startClient(capabilities, pathToFileURL(workspace).toString(), { migrationpolicy: settings }, { clusterAccess: options.clusterAccess ?? true }, options.env ?? process.env);
  try {
    await client.waitForStatus((s) => FINAL.has(s.state.kind));
    const uris = files.map((f) => pathToFileURL(path.join(workspace, f)).toString());
    for (const [i, uri] of uris.entries()) {
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: files[i].endsWith('.json') ? 'json' : 'yaml', version: 1, text: fs.readFileSync(path.join(workspace, files[i]), 'utf8') } });
    }
    const titles = async () => {
      const all: string[][][] = [];
      for (const uri of uris) {
        const lenses = ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) ?? []) as CodeLens[];
        const lines = new Map<number, string[]>();
        for (const lens of lenses) lines.set(lens.range.start.line, [...(lines.get(lens.range.start.line) ?? []), lens.command?.title ?? '']);
        all.push([...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, titles]) => titles));
      }
      return JSON.stringify(all);
    };
    let last = await titles();
    for (let stable = 0, tries = 0; stable < 3 && tries < 40; tries++) {
      await new Promise((r) => setTimeout(r, 250));
      const now = await titles();
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
    const lensTitles = JSON.parse(last) as string[][][];
    const view: ServerView = { status: client.statuses.at(-1) as ClusterStatus, lenses: {}, diagnostics: {}, reports: {} };
    for (const [i, uri] of uris.entries()) {
      view.lenses[files[i]] = lensTitles[i];
      const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
      view.diagnostics[files[i]] = report.items;
    }
    for (const policy of options.policies ?? []) {
      // The argument a lens sends: the policy's name.
      view.reports[policy] = (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.showMatches', arguments: [policy] })) as MatchReport;
    }
    return view;
  } finally {
    await client.stop();
  }
}
