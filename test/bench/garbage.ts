// The garbage a keystroke makes: the 2,000-document file open with a cluster loaded, one-character
// value edits (each followed at once by a completion or a hover) and selector edits, over stdio as an
// editor talks, with gcProbe.js preloaded into the server (collections and their pauses; bytes
// allocated per phase from V8's sampling heap profiler, collected objects included, and the functions
// that allocated most). Prints, per build and cluster, the medians over repetitions of: MB allocated
// per value edit and per selector edit, collections and pause during the value edits, request p50/p95,
// RSS after the open and peak RSS. BENCH_SERVER (or BENCH_BASE) names another build's
// dist/server.js, run alternately in the same invocation. GCPROBE_TOP=1 prints the top allocators.
// Usage: node out/test/bench/garbage.js [reps] [demo|snapshot]. Asserts nothing; writes nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/fixture';
import { Driver } from './driver';
import { fleetFile, generateCluster, snapshotJson } from './inputs';
import type { FleetFile } from './inputs';
import { editTargets, quantile } from './editTargets';

const VALUE_EDITS = 40;
const SELECTOR_EDITS = 20;

type Phase = 'start' | 'open' | 'value' | 'selector';
interface Gc {
  phase: Phase;
  kind: string;
  pause: number;
}
interface Run {
  gcs: Gc[];
  allocated: Partial<Record<Phase, number>>;
  top: Partial<Record<Phase, string[]>>;
  valueRequests: number[];
  selectorEditMs: number[];
  valueEditMs: number[];
  rssAfterOpen: number;
  peakRss: number;
}

const median = (s: number[]) => quantile(s, 0.5);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runOnce(server: string, cluster: Record<string, unknown>, file: FleetFile, dir: string): Promise<Run> {
  const uri = pathToFileURL(path.join(dir, 'fleet.yaml')).toString();
  let phase: Phase = 'start';
  const gcs: Gc[] = [];
  const allocated: Partial<Record<Phase, number>> = {};
  const top: Partial<Record<Phase, string[]>> = {};
  let reported: (() => void) | undefined;
  const driver = await Driver.start(
    { name: 'migrationpolicy', command: [process.execPath, '--require', path.join(__dirname, 'gcProbe.js'), ...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean), server, '--stdio'], settings: { migrationpolicy: { cluster } } },
    { rootUri: pathToFileURL(dir).toString(), ready: (d) => d.waitFor<{ state: { kind: string } }>('migrationpolicy/clusterStatus', (s) => s.state.kind !== 'loading').then(() => undefined) },
  );
  let pending = '';
  driver.process.stderr!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const words = pending.slice(0, nl).split(' ');
      pending = pending.slice(nl + 1);
      if (words[0] !== 'gcprobe') continue;
      if (words[1] === 'gc') gcs.push({ phase, kind: words[2], pause: Number(words[3]) });
      else if (words[1] === 'top') (top[phase] ??= []).push(`${(Number(words[2]) / 1024).toFixed(0).padStart(7)} KB ${words.slice(3).join(' ')}`);
      else if (words[1] === 'alloc') {
        allocated[phase] = Number(words[2]);
        setTimeout(() => reported?.(), 50);
      }
    }
  });
  /** Starts (or stops and reports) the allocation sampling of a phase. */
  const sample = async (stop: boolean) => {
    const done = stop ? new Promise<void>((resolve) => (reported = resolve)) : Promise.resolve();
    driver.process.kill('SIGUSR2');
    await done;
  };
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${driver.process.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  let version = 1;
  phase = 'open';
  const opened = driver.diagnostics(uri);
  await driver.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: file.text } });
  await opened;
  await sleep(300);
  const rssAfterOpen = rss();
  const edit = async (target: { line: number; end: number }, remove: boolean, char: string, request?: 'completion' | 'hover') => {
    version++;
    const change = remove ? { range: { start: { line: target.line, character: target.end }, end: { line: target.line, character: target.end + 1 } }, text: '' } : { range: { start: { line: target.line, character: target.end }, end: { line: target.line, character: target.end } }, text: char };
    const published = driver.diagnostics(uri, version);
    const started = performance.now();
    void driver.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const textDocument = { uri };
    const answered = request === 'completion' ? driver.connection.sendRequest('textDocument/completion', { textDocument, position: { line: target.line + 1, character: 4 } }) : request === 'hover' ? driver.connection.sendRequest('textDocument/hover', { textDocument, position: { line: target.line, character: 6 } }) : Promise.resolve();
    await answered;
    const requestMs = performance.now() - started;
    await published;
    return { requestMs, editMs: performance.now() - started };
  };
  const valueTargets = editTargets(file, 'timeoutLine');
  const selectorTargets = editTargets(file, 'selectorLine');
  phase = 'value';
  await sample(false);
  const valueRequests: number[] = [];
  const valueEditMs: number[] = [];
  for (let i = 0; i < VALUE_EDITS; i++) {
    const r = await edit(valueTargets[Math.floor(i / 2) % valueTargets.length], i % 2 === 1, '5', i % 4 < 2 ? 'completion' : 'hover');
    valueRequests.push(r.requestMs);
    valueEditMs.push(r.editMs);
  }
  await sample(true);
  await sleep(300);
  phase = 'selector';
  await sample(false);
  const selectorEditMs: number[] = [];
  for (let i = 0; i < SELECTOR_EDITS; i++) selectorEditMs.push((await edit(selectorTargets[Math.floor(i / 2) % selectorTargets.length], i % 2 === 1, 'x')).editMs);
  await sample(true);
  await sleep(300);
  const peakRss = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${driver.process.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  await driver.stop();
  return { gcs, allocated, top, valueRequests, valueEditMs, selectorEditMs, rssAfterOpen, peakRss };
}

interface Figures {
  valueMbPerEdit: number;
  selectorMbPerEdit: number;
  valueGcs: number;
  valueMajorGcs: number;
  valuePauseMs: number;
  valueMaxPauseMs: number;
  requestP50: number;
  requestP95: number;
  valueEditP50: number;
  selectorEditP50: number;
  rssAfterOpen: number;
  peakRss: number;
}

function figures(run: Run): Figures {
  const of = (phase: Phase) => run.gcs.filter((g) => g.phase === phase);
  const value = of('value');
  return {
    valueMbPerEdit: (run.allocated.value ?? NaN) / 1024 / 1024 / VALUE_EDITS,
    selectorMbPerEdit: (run.allocated.selector ?? NaN) / 1024 / 1024 / SELECTOR_EDITS,
    valueGcs: value.length,
    valueMajorGcs: value.filter((g) => g.kind !== 'minor').length,
    valuePauseMs: value.reduce((sum, g) => sum + g.pause, 0),
    valueMaxPauseMs: Math.max(0, ...value.map((g) => g.pause)),
    requestP50: quantile(run.valueRequests, 0.5),
    requestP95: quantile(run.valueRequests, 0.95),
    valueEditP50: quantile(run.valueEditMs, 0.5),
    selectorEditP50: quantile(run.selectorEditMs, 0.5),
    rssAfterOpen: run.rssAfterOpen,
    peakRss: run.peakRss,
  };
}

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 3);
  const only = process.argv[3];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-garbage-'));
  try {
    const snapshotPath = path.join(dir, 'fleet-snapshot.json');
    fs.writeFileSync(snapshotPath, snapshotJson(generateCluster()));
    const clusters: [string, Record<string, unknown>][] = [
      ['demo', { source: 'snapshot', snapshot: path.join(repoRoot, 'examples', 'cluster.yaml') }],
      ['snapshot', { source: 'snapshot', snapshot: snapshotPath }],
    ];
    const file = fleetFile(2000);
    fs.writeFileSync(path.join(dir, 'fleet.yaml'), file.text);
    const other = process.env.BENCH_BASE || process.env.BENCH_SERVER;
    const builds: [string, string][] = [...(other ? [['base', other] as [string, string]] : []), ['this', path.join(repoRoot, 'dist', 'server.js')]];
    console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}; ${reps} repetitions, builds alternated; ${VALUE_EDITS} value edits, ${SELECTOR_EDITS} selector edits per run`);
    for (const [clusterName, cluster] of clusters) {
      if (only && only !== clusterName) continue;
      const results = new Map<string, Figures[]>(builds.map(([b]) => [b, []]));
      for (let rep = 0; rep < reps; rep++) {
        for (const [build, server] of builds) {
          const run = await runOnce(server, cluster, file, dir);
          results.get(build)!.push(figures(run));
          if (process.env.GCPROBE_TOP && rep === 0) for (const phase of ['value', 'selector'] as const) console.log(`\n${build}, ${clusterName}: top allocators over the ${phase} edits\n${(run.top[phase] ?? []).join('\n')}`);
        }
      }
      console.log(`\n2,000-document file, ${clusterName} cluster (medians of ${reps})`);
      const keys = Object.keys(results.get(builds[0][0])![0]) as (keyof Figures)[];
      console.log(`| measure | ${builds.map(([b]) => b).join(' | ')} |`);
      console.log(`|---|${builds.map(() => '---:').join('|')}|`);
      for (const key of keys) console.log(`| ${key} | ${builds.map(([b]) => `${median(results.get(b)!.map((f) => f[key])).toFixed(1)} (${results.get(b)!.map((f) => f[key].toFixed(1)).join(', ')})`).join(' | ')} |`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
