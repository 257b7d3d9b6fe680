// What a completion or hover sent right after an edit waits on. Types into the 2,000-document file with
// the 100,000-VMI snapshot loaded, as `lsp.ts` does (one-character value edits, each followed at once by
// the request; completion runs, then hover runs), with requestProbe.js preloaded into the server: per
// request, on the server's clock, the didChange's and the request's arrival, the task that answered
// (handler start and answer), what ran in between (the didChange's task, diagnostics slices, other
// tasks) and the collections from the didChange's arrival to the answer; and on the driver's clock the
// collections of the driver itself. Prints counts that load does not move (requests that a slice or a
// collection delayed) beside the timings, per build; BENCH_BASE names another build's dist/server.js,
// alternated with this one. REQTRACE_SLOW=N prints the N slowest requests' timelines. REQTRACE_KINDS=codeLens
// (or a comma-separated list of completion, hover, codeLens) sends those requests instead; with
// REQPROBE_PROFILE=1, REQTRACE_WHOLE=N prints the functions of the CPU profile from each didChange's
// arrival to its answer's write, for requests N on.
// Usage: node out/test/bench/requestTrace.js [reps] [runs per kind]. Asserts nothing; writes nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { EntryType } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/fixture';
import { Driver } from './driver';
import { fleetFile, generateCluster, snapshotJson } from './inputs';
import type { FleetFile } from './inputs';
import { editTargets, quantile } from './editTargets';
import type { TraceEvent } from './requestProbe';

const WARMUP = Number(process.env.REQTRACE_WARMUP ?? 3);
type Kind = 'completion' | 'hover' | 'codeLens';
const METHOD: Record<Kind, string> = { completion: 'textDocument/completion', hover: 'textDocument/hover', codeLens: 'textDocument/codeLens' };
/** REQTRACE_KINDS: which requests follow the edits (comma-separated; completion,hover unless told). */
const KINDS = (process.env.REQTRACE_KINDS ?? 'completion,hover').split(',').filter((k): k is Kind => k in METHOD);

/** One request as the server saw it (ms on the server's clock, relative to the didChange's arrival). */
export interface Traced {
  kind: Kind;
  client: number;
  /** The didChange's arrival until the answer was written. */
  server: number;
  /** The request arrived in a later chunk than its didChange (by this many ms), else 0. */
  apart: number;
  /** The request's arrival until its handler's task started. */
  queued: number;
  /** The handler's task until the answer was written. */
  handler: number;
  /** Busy time of the didChange's own task (applying the edit: update, parse, index). */
  change: number;
  /** CPU time (the process's, all threads) of the tasks from the didChange's arrival to the answer. */
  cpu: number;
  changeCpu: number;
  /** The didChange task's main-thread CPU (REQPROBE_MAINCPU=1), else NaN. */
  changeMainCpu: number;
  /** Minor page faults in the didChange's task and in the handler's. */
  changeFaults: number;
  handlerFaults: number;
  handlerCpu: number;
  diagnosticsCpu: number;
  /** Busy time of diagnostics tasks (the scheduler's turns and slices) before the answer. */
  diagnostics: number;
  slicesBefore: number;
  gcs: number;
  gcPause: number;
  majorGcs: number;
  clientGcPause: number;
  timeline: string[];
  changeWindow?: [number, number];
  /** From the didChange's arrival to the answer's write (server clock). */
  window?: [number, number];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a task was scheduled by the diagnostics scheduler (its waits and its slices). */
const isDiagnostics = (from: string | undefined) => !!from && /nextTurn|Slicer|quiet|drain|checkpoint|fileDiagnostics|DiagnosticsScheduler/.test(from);

async function runOnce(server: string, cluster: Record<string, unknown>, file: FleetFile, dir: string, runs: number): Promise<Traced[]> {
  const uri = pathToFileURL(path.join(dir, 'fleet.yaml')).toString();
  const traceFile = process.env.REQPROBE_FILE!;
  const clientGcs: { t: number; pause: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) clientGcs.push({ t: e.startTime, pause: e.duration });
  });
  observer.observe({ entryTypes: ['gc' as EntryType] });
  const driver = await Driver.start(
    { name: 'migrationpolicy', command: [process.execPath, '--require', path.join(__dirname, 'requestProbe.js'), ...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean), server, '--stdio'], settings: { migrationpolicy: { cluster } } },
    { rootUri: pathToFileURL(dir).toString(), ready: (d) => d.waitFor<{ state: { kind: string } }>('migrationpolicy/clusterStatus', (s) => s.state.kind !== 'loading').then(() => undefined) },
  );
  let version = 1;
  const opened = driver.diagnostics(uri);
  await driver.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: file.text } });
  await opened;
  // REQTRACE_PAUSE: ms between the first diagnostics and the first edit (lsp.ts waits none).
  await sleep(Number(process.env.REQTRACE_PAUSE ?? 200));
  const targets = editTargets(file, 'timeoutLine');
  let step = 0;
  const client: { kind: Kind; ms: number; start: number; end: number; warm: boolean }[] = [];
  const edit = async (target: { line: number; end: number }, appended: boolean, kind: Kind | undefined, warm: boolean) => {
    version++;
    const change = appended ? { range: { start: { line: target.line, character: target.end }, end: { line: target.line, character: target.end + 1 } }, text: '' } : { range: { start: { line: target.line, character: target.end }, end: { line: target.line, character: target.end } }, text: '5' };
    const published = driver.diagnostics(uri, version);
    const started = performance.now();
    void driver.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if (kind) {
      const textDocument = { uri };
      await (kind === 'completion' ? driver.connection.sendRequest(METHOD.completion, { textDocument, position: { line: target.line + 1, character: 4 } }) : kind === 'codeLens' ? driver.connection.sendRequest(METHOD.codeLens, { textDocument }) : driver.connection.sendRequest(METHOD.hover, { textDocument, position: { line: target.line, character: 6 } }));
      const end = performance.now();
      client.push({ kind, ms: end - started, start: started, end, warm });
    }
    await published;
  };
  for (const kind of KINDS) {
    for (let run = 0; run < WARMUP + runs * 2; run++) {
      const target = targets[Math.floor(step / 2) % targets.length];
      const appended = step % 2 === 1;
      step++;
      await edit(target, appended, kind, run < WARMUP);
    }
    if (step % 2 === 1) {
      await edit(targets[Math.floor(step / 2) % targets.length], true, undefined, true);
      step++;
    }
  }
  await driver.stop();
  observer.disconnect();
  const events = JSON.parse(fs.readFileSync(traceFile, 'utf8')) as TraceEvent[];
  // REQTRACE_KEEP=DIR keeps each run's trace (and CPU profile) there for a closer look.
  if (process.env.REQTRACE_KEEP) fs.copyFileSync(traceFile, path.join(process.env.REQTRACE_KEEP, path.basename(traceFile)));
  fs.rmSync(traceFile, { force: true });
  return analyse(events, client, clientGcs);
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  nowAt: number;
  hrtimeAtNow: number;
}

/** Functions (inclusive, and self) of the profile's samples in windows of the trace's clock, most first. */
function profileWindow(profile: Profile, ...windows: [number, number][]): string[] {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const counts = new Map<string, number>();
  const self = new Map<string, number>();
  const inWindow = (at: number) => windows.some(([from, to]) => at >= from && at <= to);
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const at = (t - profile.hrtimeAtNow) / 1000 + profile.nowAt;
    if (!inWindow(at)) continue;
    total++;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      if (!seen.size) self.set(key, (self.get(key) ?? 0) + 1);
      if (seen.has(key)) continue;
      seen.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, c]) => `${String(c).padStart(5)} ${k}`);
  return [`${total} samples; inclusive:`, ...top(counts, Number(process.env.REQTRACE_TOP ?? 30)), 'self:', ...top(self, 25)];
}

/** Matches the client's requests with the trace, in order, and takes each request's timeline apart. */
export function analyse(events: TraceEvent[], client: { kind: Kind; ms: number; start: number; end: number; warm: boolean }[], clientGcs: { t: number; pause: number }[]): Traced[] {
  const sorted = [...events].sort((a, b) => a.t - b.t);
  const requests: { kind: Kind; id: number | string | undefined; t: number; change: number }[] = [];
  let lastChange = NaN;
  for (const e of sorted) {
    if (e.kind !== 'in') continue;
    for (const f of e.frames) {
      if (f.method === 'textDocument/didChange') lastChange = e.t;
      else {
        const kind = KINDS.find((k) => METHOD[k] === f.method);
        if (kind) requests.push({ kind, id: f.id, t: e.t, change: lastChange });
      }
    }
  }
  const result: Traced[] = [];
  for (let i = 0; i < client.length && i < requests.length; i++) {
    const c = client[i];
    const r = requests[i];
    if (c.warm || c.kind !== r.kind) continue;
    const answer = sorted.find((e) => e.kind === 'out' && e.id === r.id && e.t >= r.t);
    if (!answer) continue;
    const window = sorted.filter((e) => e.t >= r.change && e.t <= answer.t);
    const tasks = window.filter((e): e is Extract<TraceEvent, { kind: 'task' }> => e.kind === 'task');
    // The answer is written by the connection's write queue in a task of its own (Semaphore.runNext);
    // the handler ran in the message-queue task before it.
    const writeAt = tasks.map((e) => e.t <= answer.t).lastIndexOf(true);
    let handlerAt = writeAt - 1;
    while (handlerAt > 0 && !(tasks[handlerAt].from ?? '').includes('triggerMessageQueue')) handlerAt--;
    const handlerTask = tasks[Math.max(0, handlerAt)];
    const handlerStart = handlerTask?.t ?? answer.t;
    // The didChange's handler: the first message-queue task after its arrival (the reader's decoding tasks come first).
    const firstTask = tasks.find((e) => e.t < handlerStart && (e.from ?? '').includes('triggerMessageQueue'));
    const before = tasks.filter((e) => e.t < handlerStart);
    const diagnostics = before.filter((e) => isDiagnostics(e.from));
    const gcs = window.filter((e): e is Extract<TraceEvent, { kind: 'gc' }> => e.kind === 'gc');
    const clientGc = clientGcs.filter((g) => g.t + g.pause >= c.start && g.t <= c.end);
    const timeline = window.map((e) => {
      const at = (e.t - r.change).toFixed(2).padStart(7);
      switch (e.kind) {
        case 'in':
          return `${at} in   ${e.frames.map((f) => `${f.method ?? 'answer'}${f.id !== undefined ? `#${f.id}` : ''}`).join(', ')} (${(e.end - e.t).toFixed(2)} ms)`;
        case 'out':
          return `${at} out  ${e.method ?? `answer #${e.id}`} ${e.bytes} B`;
        case 'gc':
          return `${at} gc   ${e.type} ${e.pause.toFixed(2)} ms`;
        case 'task':
          return `${at} task ${(e.end - e.t).toFixed(2)} ms (CPU ${e.cpu.toFixed(2)}${e.mainCpu !== undefined ? `, main thread ${e.mainCpu.toFixed(2)}` : ''}) ${e.via}${e.from ? ` from ${e.from}` : ''}`;
        case 'mem':
          return `${at} mem  RSS ${e.rss.toFixed(0)} MB, heap ${e.heapUsed.toFixed(0)} MB`;
      }
    });
    result.push({
      kind: c.kind,
      client: c.ms,
      server: answer.t - r.change,
      apart: r.t - r.change,
      queued: handlerStart - r.t,
      handler: answer.t - handlerStart,
      change: firstTask && firstTask.t < handlerStart ? firstTask.end - firstTask.t : 0,
      diagnostics: diagnostics.reduce((sum, e) => sum + (e.end - e.t), 0),
      cpu: tasks.filter((e) => e.t <= answer.t).reduce((sum, e) => sum + e.cpu, 0),
      changeCpu: firstTask && firstTask.t < handlerStart ? firstTask.cpu : 0,
      changeMainCpu: firstTask && firstTask.t < handlerStart ? (firstTask.mainCpu ?? NaN) : 0,
      handlerCpu: handlerTask ? handlerTask.cpu : 0,
      changeFaults: firstTask && firstTask.t < handlerStart ? (firstTask.faults ?? NaN) : 0,
      handlerFaults: handlerTask ? (handlerTask.faults ?? NaN) : 0,
      diagnosticsCpu: diagnostics.reduce((sum, e) => sum + e.cpu, 0),
      slicesBefore: diagnostics.filter((e) => (e.from ?? '').includes('checkpoint')).length,
      gcs: gcs.length,
      gcPause: gcs.reduce((sum, g) => sum + g.pause, 0),
      majorGcs: gcs.filter((g) => g.type !== 'minor').length,
      clientGcPause: clientGc.reduce((sum, g) => sum + g.pause, 0),
      timeline,
      changeWindow: firstTask ? [firstTask.t, firstTask.end] : undefined,
      window: [r.change, answer.t],
    });
  }
  const gcs = sorted.filter((e): e is Extract<TraceEvent, { kind: 'gc' }> => e.kind === 'gc' && e.t >= (requests[0]?.change ?? Infinity));
  (result as Traced[] & { gcs?: typeof gcs }).gcs = gcs;
  return result;
}

function summary(traced: Traced[] & { gcs?: { t: number; pause: number; type: string }[] }): Record<string, number> {
  const of = (kind: Kind) => traced.filter((t) => t.kind === kind);
  const out: Record<string, number> = {};
  for (const kind of KINDS) {
    const list = of(kind);
    out[`${kind} client p50`] = quantile(list.map((t) => t.client), 0.5);
    out[`${kind} client p95`] = quantile(list.map((t) => t.client), 0.95);
    out[`${kind} server p95`] = quantile(list.map((t) => t.server), 0.95);
    out[`${kind} server CPU to answer, p50`] = quantile(list.map((t) => t.cpu), 0.5);
    out[`${kind} server CPU to answer, p95`] = quantile(list.map((t) => t.cpu), 0.95);
  }
  out['requests'] = traced.length;
  out['server CPU to answer, p50'] = quantile(traced.map((t) => t.cpu), 0.5);
  out['server CPU to answer, p95'] = quantile(traced.map((t) => t.cpu), 0.95);
  out['didChange task CPU, p50'] = quantile(traced.map((t) => t.changeCpu), 0.5);
  out['didChange task CPU, p95'] = quantile(traced.map((t) => t.changeCpu), 0.95);
  if (traced.some((t) => !Number.isNaN(t.changeMainCpu))) {
    const mean = (list: Traced[]) => list.reduce((s, t) => s + t.changeMainCpu, 0) / Math.max(1, list.length);
    out['didChange task main-thread CPU, p50'] = quantile(traced.map((t) => t.changeMainCpu), 0.5);
    out['didChange task main-thread CPU, p95'] = quantile(traced.map((t) => t.changeMainCpu), 0.95);
    out['didChange task main-thread CPU, requests 0-9, mean'] = mean(traced.slice(0, 10));
    out['didChange task main-thread CPU, requests 10-, mean'] = mean(traced.slice(10));
  }
  out['handler task CPU, p50'] = quantile(traced.map((t) => t.handlerCpu), 0.5);
  out['handler task CPU, p95'] = quantile(traced.map((t) => t.handlerCpu), 0.95);
  out['didChange task minor page faults, p50'] = quantile(traced.map((t) => t.changeFaults), 0.5);
  out['handler task minor page faults, p50'] = quantile(traced.map((t) => t.handlerFaults), 0.5);
  out['diagnostics CPU before the handler, total'] = traced.reduce((s, t) => s + t.diagnosticsCpu, 0);
  out['handler p95'] = quantile(traced.map((t) => t.handler), 0.95);
  out['queued p95'] = quantile(traced.map((t) => t.queued), 0.95);
  out['requests apart from their edit'] = traced.filter((t) => t.apart > 0.05).length;
  out['requests delayed by a diagnostics slice'] = traced.filter((t) => t.slicesBefore > 0).length;
  out['requests with a server GC'] = traced.filter((t) => t.gcs > 0).length;
  out['requests with a major/incremental GC'] = traced.filter((t) => t.majorGcs > 0).length;
  out['server GC pause per request, mean'] = traced.reduce((s, t) => s + t.gcPause, 0) / Math.max(1, traced.length);
  const all = traced.gcs ?? [];
  out['server GCs while typing'] = all.length;
  out['server major GCs while typing'] = all.filter((g) => g.type !== 'minor').length;
  out['server GC pause while typing, total'] = all.reduce((s, g) => s + g.pause, 0);
  out['requests with a driver GC'] = traced.filter((t) => t.clientGcPause > 0).length;
  out['client minus server, p50'] = quantile(traced.map((t) => t.client - t.server), 0.5);
  return out;
}

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 2);
  const runs = Number(process.argv[3] ?? 15);
  const slow = Number(process.env.REQTRACE_SLOW ?? 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-reqtrace-'));
  try {
    const snapshotPath = path.join(dir, 'fleet-snapshot.json');
    fs.writeFileSync(snapshotPath, snapshotJson(generateCluster()));
    const cluster = { source: 'snapshot', snapshot: process.env.REQTRACE_DEMO ? path.join(repoRoot, 'examples', 'cluster.yaml') : snapshotPath };
    const file = fleetFile(2000);
    fs.writeFileSync(path.join(dir, 'fleet.yaml'), file.text);
    const other = process.env.BENCH_BASE || process.env.BENCH_SERVER;
    const builds: [string, string][] = [...(other ? [['base', other] as [string, string]] : []), ['this', path.join(repoRoot, 'dist', 'server.js')]];
    console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}; ${reps} repetitions, builds alternated; ${KINDS.map((k) => `${runs * 2} ${k}`).join(', ')} per run after ${WARMUP} warm-up edits each`);
    const results = new Map<string, Record<string, number>[]>(builds.map(([b]) => [b, []]));
    for (let rep = 0; rep < reps; rep++) {
      for (const [build, server] of builds) {
        // The server inherits this environment: the probe writes its trace there.
        process.env.REQPROBE_FILE = path.join(dir, `trace-${build}-${rep}.json`);
        const traced = await runOnce(server, cluster, file, dir, runs);
        const profilePath = `${process.env.REQPROBE_FILE}.cpuprofile`;
        const profile = fs.existsSync(profilePath) ? (JSON.parse(fs.readFileSync(profilePath, 'utf8')) as Profile) : undefined;
        if (process.env.REQTRACE_KEEP && fs.existsSync(profilePath)) fs.copyFileSync(profilePath, path.join(process.env.REQTRACE_KEEP, path.basename(profilePath)));
        results.get(build)!.push(summary(traced));
        if (profile && process.env.REQTRACE_STEADY) {
          const steady = traced.slice(Number(process.env.REQTRACE_STEADY)).filter((t) => t.changeWindow);
          console.log(`${build} rep ${rep}: the didChange tasks of requests ${process.env.REQTRACE_STEADY}.., functions:\n  ${profileWindow(profile, ...steady.map((t) => t.changeWindow!)).join('\n  ')}`);
          const early = traced.slice(0, 10).filter((t) => t.changeWindow);
          console.log(`${build} rep ${rep}: the didChange tasks of requests 0..9, functions:\n  ${profileWindow(profile, ...early.map((t) => t.changeWindow!)).join('\n  ')}`);
        }
        if (profile && process.env.REQTRACE_WHOLE) {
          const steady = traced.slice(Number(process.env.REQTRACE_WHOLE)).filter((t) => t.window);
          console.log(`${build} rep ${rep}: from each didChange to its answer, requests ${process.env.REQTRACE_WHOLE}.., functions:\n  ${profileWindow(profile, ...steady.map((t) => t.window!)).join('\n  ')}`);
        }
        if (process.env.REQTRACE_LIST) console.log(`${build} rep ${rep} didChange CPU per request: ${traced.map((t) => `${t.changeCpu.toFixed(1)}${Number.isNaN(t.changeMainCpu) ? '' : `/${t.changeMainCpu.toFixed(1)}`}${t.gcs ? `g${t.majorGcs ? 'M' : ''}${t.gcPause.toFixed(0)}` : ''}`).join(' ')}`);
        if (slow) {
          for (const t of [...traced].sort((a, b) => b.cpu - a.cpu).slice(0, slow)) {
            console.log(`\n${build} rep ${rep}: ${t.kind} client ${t.client.toFixed(2)} ms, server ${t.server.toFixed(2)} ms (apart ${t.apart.toFixed(2)}, queued ${t.queued.toFixed(2)}, handler ${t.handler.toFixed(2)}, change ${t.change.toFixed(2)}, CPU ${t.cpu.toFixed(2)} (change ${t.changeCpu.toFixed(2)}, handler ${t.handlerCpu.toFixed(2)}), diagnostics ${t.diagnostics.toFixed(2)}, GC ${t.gcPause.toFixed(2)} in ${t.gcs}, driver GC ${t.clientGcPause.toFixed(2)})`);
            for (const line of t.timeline) console.log(`  ${line}`);
            if (profile && t.changeWindow) console.log(`  didChange task, functions (inclusive):\n    ${profileWindow(profile, t.changeWindow).join('\n    ')}`);
          }
        }
      }
    }
    const keys = Object.keys(results.get(builds[0][0])![0]);
    console.log(`\n| measure (median of ${reps}; each run) | ${builds.map(([b]) => b).join(' | ')} |`);
    console.log(`|---|${builds.map(() => '---:').join('|')}|`);
    for (const key of keys) console.log(`| ${key} | ${builds.map(([b]) => `${quantile(results.get(b)!.map((f) => f[key]), 0.5).toFixed(1)} (${results.get(b)!.map((f) => f[key].toFixed(1)).join(', ')})`).join(' | ')} |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
