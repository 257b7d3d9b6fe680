// `npm run bench`, part 3: the big and error-dense inputs of issue 10, each opened in the built server
// over stdio and then edited; every request is sent right after the edit, as typing does. Prints the
// figures and writes them to BENCHMARKS.md (section `hardening`); asserts nothing about time.
// `node out/test/bench/hardening.js keys symbols` runs only the named cases; BENCH_NODE_OPTIONS (for
// example `--cpu-prof --cpu-prof-dir=/tmp/prof`) is passed to the server's node.
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { repoRoot } from '../support/fixture';
import { Driver } from './driver';
import { writeSection } from './report';
import { jsonKeysFile, manyPoliciesFile, oversizedFile, syntaxErrorFile } from './inputs';
import type { EditableFile } from './inputs';

interface Case {
  key: string;
  title: string;
  uri: string;
  languageId: string;
  make: () => EditableFile;
}

/** BENCH_SCALE=0.25 runs every case at a quarter of its size (to see that time grows linearly). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

const CASES: Case[] = [
  { key: 'keys', title: '200,000 JSON keys (one selector map)', uri: 'file:///bench/keys.json', languageId: 'json', make: () => jsonKeysFile(Math.round(200_000 * SCALE)) },
  { key: 'symbols', title: '5,000 valid policies in one file', uri: 'file:///bench/policies.yaml', languageId: 'yaml', make: () => manyPoliciesFile(Math.round(5_000 * SCALE)) },
  { key: 'errors', title: '20,000 syntax errors (one document)', uri: 'file:///bench/errors.yaml', languageId: 'yaml', make: () => ({ text: syntaxErrorFile(Math.round(20_000 * SCALE)).text, edit: { line: 6, character: 28 }, at: { line: 6, character: 4 } }) },
  { key: 'open50', title: '50 MB didOpen (past the analysis cap)', uri: 'file:///bench/huge.yaml', languageId: 'yaml', make: () => oversizedFile(50 * 1024 * 1024 * SCALE) },
];

const ms = (v: number) => (v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString('en-US')} ms`);

async function measure(c: Case): Promise<string[]> {
  const driver = await Driver.start({ name: 'this server', command: [process.execPath, ...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean), path.join(repoRoot, 'dist', 'server.js'), '--stdio'], settings: { migrationpolicy: { cluster: { source: 'none' } } } }, { rootUri: null });
  try {
    const { text, edit, at } = c.make();
    const rows: string[] = [];
    let started = performance.now();
    const opened = driver.diagnostics(c.uri, 1);
    await driver.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: c.uri, languageId: c.languageId, version: 1, text } });
    const first = await opened;
    rows.push(`| open until first diagnostics | ${first ? ms(performance.now() - started) : 'none within 120 s'} | ${first?.diagnostics.length ?? 'n/a'} |`);
    for (let version = 2; version <= 3; version++) {
      const edited = driver.diagnostics(c.uri, version);
      started = performance.now();
      await driver.connection.sendNotification('textDocument/didChange', { textDocument: { uri: c.uri, version }, contentChanges: [{ range: { start: edit, end: edit }, text: String(version) }] });
      const sentAt = performance.now();
      const symbols = (await driver.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: c.uri } })) as unknown[] | null;
      const symbolMs = performance.now() - sentAt;
      let t = performance.now();
      const hover = await driver.connection.sendRequest('textDocument/hover', { textDocument: { uri: c.uri }, position: at });
      const hoverMs = performance.now() - t;
      t = performance.now();
      await driver.connection.sendRequest('textDocument/completion', { textDocument: { uri: c.uri }, position: at });
      const completionMs = performance.now() - t;
      const published = await edited;
      const editMs = performance.now() - started;
      rows.push(`| edit ${version - 1}: documentSymbol right after it | ${ms(symbolMs)} | ${symbols?.length ?? 0} symbols |`);
      rows.push(`| edit ${version - 1}: then hover, completion | ${ms(hoverMs)}, ${ms(completionMs)} | ${hover ? 'hover shown' : 'no hover'} |`);
      rows.push(`| edit ${version - 1}: until its diagnostics | ${published ? ms(editMs) : 'none within 120 s'} | ${published?.diagnostics.length ?? 'n/a'} |`);
    }
    const rss = driver.peakRssMb();
    rows.push(`| peak RSS | ${rss ? `${Math.round(rss)} MB` : 'n/a'} | ${(text.length / 1024 / 1024).toFixed(1)} MB file |`);
    return rows;
  } finally {
    await driver.stop();
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const out: string[] = [`node ${process.version}, load average ${(await import('node:os')).loadavg()[0].toFixed(1)} at the start. Each case: its own server over stdio, no cluster; two one-character edits, each followed at once by documentSymbol, hover and completion.`];
  for (const c of CASES.filter((c) => !only.length || only.includes(c.key))) {
    console.error(`${c.title}…`);
    const rows = await measure(c);
    out.push('', `### ${c.title}`, '', '| measure | time | result |', '|---|---:|---|', ...rows);
    console.log(out.slice(-rows.length - 4).join('\n'));
  }
  if (!only.length) writeSection('hardening', out.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
