// Preloaded into the server under test by `test/bench/requestTrace.ts` (`node --require requestProbe.js`):
// records, on the server's clock (performance.now()), when each message's bytes arrive on stdin (method
// and id of every frame of the chunk), when each answer or notification is written to stdout (its id or
// method), every garbage collection (start and pause, PerformanceObserver 'gc'), and every macrotask that
// the server runs through setImmediate or setTimeout (start, end, and where it was scheduled from: the
// first frames of the scheduling stack, formatted only for tasks of 0.1 ms or more) with the process's CPU
// time over the task (user and system, all threads: V8's helper threads count too). The JSON-RPC
// connection handles one message per setImmediate task, and the diagnostics scheduler and its slices
// yield with setImmediate, so the tasks name what ran between a request's arrival and its answer.
// Writes the trace as JSON to REQPROBE_FILE when the process exits. The protocol keeps stdout to itself
// (the probe only watches what is written).
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import * as v8 from 'node:v8';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { EntryType, PerformanceEntry } from 'node:perf_hooks';

export interface Frame {
  method?: string;
  id?: number | string;
  bytes: number;
}
export type TraceEvent =
  | { kind: 'in'; t: number; end: number; frames: Frame[] }
  | { kind: 'out'; t: number; id?: number | string; method?: string; bytes: number }
  | { kind: 'gc'; t: number; pause: number; type: string }
  | { kind: 'task'; t: number; end: number; cpu: number; via: 'immediate' | 'timeout'; from?: string; mainCpu?: number; faults?: number }
  /** REQPROBE_MEMORY=N: process.memoryUsage() and V8's heap spaces every N ms (MB). */
  | { kind: 'mem'; t: number; rss: number; heapUsed: number; heapTotal: number; external: number; spaces: Record<string, number> };

const events: TraceEvent[] = [];
const out = process.env.REQPROBE_FILE;
const LONG_TASK_MS = 0.1;

const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) events.push({ kind: 'gc', t: entry.startTime, pause: entry.duration, type: GC_KINDS[entry.detail?.kind ?? 0] ?? String(entry.detail?.kind) });
}).observe({ entryTypes: ['gc' as EntryType] });

/** Frames of LSP messages split out of the stdin byte stream (Content-Length framing). */
let pending: Buffer = Buffer.alloc(0);
function framesOf(chunk: Buffer): Frame[] {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  const frames: Frame[] = [];
  for (;;) {
    const headerEnd = pending.indexOf('\r\n\r\n');
    if (headerEnd < 0) break;
    const length = Number(/Content-Length:\s*(\d+)/i.exec(pending.subarray(0, headerEnd).toString('ascii'))?.[1] ?? NaN);
    if (!Number.isFinite(length) || pending.length < headerEnd + 4 + length) break;
    const body = pending.subarray(headerEnd + 4, headerEnd + 4 + length);
    const head = body.subarray(0, 200).toString('utf8');
    frames.push({ method: /"method"\s*:\s*"([^"]+)"/.exec(head)?.[1], id: idOf(head), bytes: length });
    pending = pending.subarray(headerEnd + 4 + length);
  }
  if (!pending.length) pending = Buffer.alloc(0);
  return frames;
}
function idOf(head: string): number | string | undefined {
  const m = /"id"\s*:\s*(?:(\d+)|"([^"]*)")/.exec(head);
  return m ? (m[1] !== undefined ? Number(m[1]) : m[2]) : undefined;
}

const emit = process.stdin.emit.bind(process.stdin);
process.stdin.emit = ((name: string, ...args: unknown[]) => {
  if (name !== 'data') return emit(name, ...args);
  const t = performance.now();
  closeLast(t, idleNow());
  const chunk = args[0] as Buffer;
  const frames = framesOf(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const result = emit(name, ...args);
  events.push({ kind: 'in', t, end: performance.now(), frames });
  return result;
}) as typeof process.stdin.emit;

const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
  const t = performance.now();
  const bytes = typeof chunk === 'string' ? chunk.length : (chunk as Uint8Array).byteLength;
  const head = typeof chunk === 'string' ? chunk.slice(0, 300) : Buffer.from((chunk as Uint8Array).buffer, (chunk as Uint8Array).byteOffset, Math.min(300, (chunk as Uint8Array).byteLength)).toString('utf8');
  // A header alone (Content-Length) carries nothing to name: the body follows in the next write.
  if (!/^Content-Length/i.test(head) || head.includes('{')) {
    const body = head.slice(head.indexOf('{'));
    const method = /"method"\s*:\s*"([^"]+)"/.exec(body)?.[1];
    events.push({ kind: 'out', t, id: method ? undefined : idOf(body), method, bytes });
  }
  return write(chunk, ...rest);
}) as typeof process.stdout.write;

/** Frames of the scheduling stack outside Node's internals and this probe, innermost first. */
function where(stack: { stack?: string }): string {
  return (stack.stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().replace(/^at /, ''))
    .filter((l) => !l.includes('node:') && !l.includes('requestProbe'))
    .slice(0, 4)
    .map((l) => l.replace(/\(.*\/([^/]+):(\d+):\d+\)$/, '($1:$2)'))
    .join(' < ');
}

/**
 * A task's work goes on after its callback returns: the promise continuations it resolved run as
 * microtasks before the next task (a diagnostics slice is such a continuation). So a task is taken to
 * last until the next recorded event, less the time the event loop spent idle in between
 * (eventLoopUtilization's cumulative idle time); the stack of where it was scheduled is formatted then,
 * only for tasks that took LONG_TASK_MS or more.
 */
let last: { event: Extract<TraceEvent, { kind: 'task' }>; idle: number; cpu: NodeJS.CpuUsage; mainCpu: number; faults: number; scheduled: { stack?: string } } | undefined;
/**
 * REQPROBE_MAINCPU=1: the main thread's own CPU time (Linux's /proc/thread-self/schedstat, ns), apart
 * from V8's helper threads (concurrent compiling, marking, sweeping) that process.cpuUsage() adds in.
 * A read costs tens of µs, so it is opt-in.
 */
const mainCpuOn = !!process.env.REQPROBE_MAINCPU && fs.existsSync('/proc/thread-self/schedstat');
const mainCpuNow = () => (mainCpuOn ? Number(fs.readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6 : 0);
function closeLast(t: number, idle: number): void {
  if (!last) return;
  const cpu = process.cpuUsage(last.cpu);
  last.event.cpu = (cpu.user + cpu.system) / 1000;
  if (mainCpuOn) last.event.mainCpu = mainCpuNow() - last.mainCpu;
  // Minor page faults: first touches of memory the process just mapped (V8 maps each large object, a
  // flat text of the whole file among them, afresh).
  last.event.faults = process.resourceUsage().minorPageFault - last.faults;
  const busy = t - last.event.t - (idle - last.idle);
  last.event.end = last.event.t + Math.max(0, busy);
  if (busy >= LONG_TASK_MS || last.event.cpu >= LONG_TASK_MS) last.event.from = where(last.scheduled);
  last = undefined;
}
const idleNow = () => performance.eventLoopUtilization().idle;

function wrap<T extends (...args: never[]) => unknown>(via: 'immediate' | 'timeout', original: T): T {
  return ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
    if (typeof callback !== 'function') return (original as unknown as (...a: unknown[]) => unknown)(callback, ...args);
    const scheduled: { stack?: string } = {};
    Error.captureStackTrace(scheduled);
    return (original as unknown as (...a: unknown[]) => unknown)((...cbArgs: unknown[]) => {
      const t = performance.now();
      const idle = idleNow();
      closeLast(t, idle);
      const event: Extract<TraceEvent, { kind: 'task' }> = { kind: 'task', t, end: t, cpu: 0, via };
      events.push(event);
      last = { event, idle, cpu: process.cpuUsage(), mainCpu: mainCpuNow(), faults: process.resourceUsage().minorPageFault, scheduled };
      callback(...cbArgs);
    }, ...args);
  }) as unknown as T;
}
const limit = Error.stackTraceLimit;
Error.stackTraceLimit = Math.max(limit, 12);
globalThis.setImmediate = Object.assign(wrap('immediate', setImmediate), { __promisify__: setImmediate.__promisify__ });
globalThis.setTimeout = Object.assign(wrap('timeout', setTimeout), { __promisify__: setTimeout.__promisify__ });

const memoryEvery = Number(process.env.REQPROBE_MEMORY ?? 0);
if (memoryEvery > 0) {
  const MB = 1024 * 1024;
  setInterval(() => {
    const m = process.memoryUsage();
    const spaces: Record<string, number> = {};
    for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name.replace(/_space$/, '')] = +(s.space_used_size / MB).toFixed(1);
    events.push({ kind: 'mem', t: performance.now(), rss: m.rss / MB, heapUsed: m.heapUsed / MB, heapTotal: m.heapTotal / MB, external: m.external / MB, spaces });
  }, memoryEvery).unref();
}

/**
 * REQPROBE_PROFILE=1: V8's CPU profiler samples the whole run (every 100 µs); the profile is written
 * beside the trace (REQPROBE_FILE + '.cpuprofile') with `hrtimeAtNow` so that its timestamps (µs of the
 * monotonic clock) can be put on the trace's clock.
 */
let profiler: Session | undefined;
if (process.env.REQPROBE_PROFILE) {
  profiler = new Session();
  profiler.connect();
  profiler.post('Profiler.enable');
  profiler.post('Profiler.setSamplingInterval', { interval: 100 });
  profiler.post('Profiler.start');
}
process.on('exit', () => {
  if (!out) return;
  fs.writeFileSync(out, JSON.stringify(events));
  profiler?.post('Profiler.stop', (error, result) => {
    if (!error) fs.writeFileSync(`${out}.cpuprofile`, JSON.stringify({ ...result.profile, nowAt: performance.now(), hrtimeAtNow: Number(process.hrtime.bigint() / 1000n) }));
  });
});
