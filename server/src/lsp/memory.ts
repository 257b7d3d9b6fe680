// Full garbage collections at the end of bulk work. Reading and indexing a cluster of 100,000 VMIs
// makes hundreds of MB of short-lived objects and the file's text; V8 collects its old generation
// only when it reaches a limit set at start-up, so that garbage (and what each edit promotes after
// it) stays resident until then: the server peaked at 300 MB in 60 edits after such a reading, and at
// 210 MB when the reading's garbage was collected once it was indexed. Node offers a collection only
// to a process started with --expose-gc; the flag is set here, at run time, and `gc` taken from a new
// context. Node warns that a flag set after start-up may not take effect: then `gc` is not found and
// nothing is collected (fullCollection answers null), which changes memory, never answers. The flag is
// turned off again at once (the function taken stays usable): V8's code cache records a hash of the
// flags, so a cache that dist/server.js writes (codeCache.ts, 5 s after the start) while the flag was
// on is rejected by every later start, which then compiles the whole bundle again (a start slower by
// half) and writes the same kind of cache again if it collects before its own write.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Heap growth since the last collection below which a checkpoint does nothing. */
export const MIN_GROWTH_BYTES = 32 * 1024 * 1024;
/** How long no message may have come in before a checkpoint's collection runs. */
export const QUIET_MS = 300;

let collector: (() => void) | null | undefined;

/** V8's full collection, or null where it cannot be had. */
export function fullCollection(): (() => void) | null {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      let gc: unknown;
      try {
        gc = vm.runInNewContext('gc');
      } finally {
        v8.setFlagsFromString('--no-expose-gc');
      }
      collector = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collector = null;
    }
  }
  return collector;
}


/**
 * Collects once bulk work ended, when the connection has been quiet for `quietMs` (no message came in:
 * a full collection of the server's heap takes tens of ms, and the first keystrokes after an open may
 * come right after its diagnostics), if the heap grew by at least `minGrowth` bytes since the last
 * checkpoint's collection (or since the checkpoint was made).
 */
export class GarbageCheckpoint {
  /** Collections run (for tests and logs). */
  collections = 0;
  private baseline: number;
  private pending: NodeJS.Timeout | undefined;
  /** Messages noted since the pending wait was armed. */
  private activity = 0;

  constructor(
    private readonly minGrowth = MIN_GROWTH_BYTES,
    private readonly collect: () => (() => void) | null = fullCollection,
    private readonly heapUsed: () => number = () => v8.getHeapStatistics().used_heap_size,
    private readonly quietMs = QUIET_MS,
  ) {
    this.baseline = heapUsed();
  }

  /** Bulk work just ended (a cluster reading indexed, a large file's first diagnostics): `collectIfGrown` once the connection is quiet. */
  afterBulkWork(): void {
    if (this.pending) return;
    this.activity = 0;
    const wait = () => {
      this.pending = setTimeout(() => {
        if (this.activity) {
          this.activity = 0;
          return wait();
        }
        this.pending = undefined;
        this.collectIfGrown();
      }, this.quietMs);
      this.pending.unref?.();
    };
    wait();
  }

  /** A message came in: a pending collection waits for the next quiet period. */
  noteActivity(): void {
    this.activity++;
  }

  /** Collects if the heap grew enough; returns whether a collection ran. */
  collectIfGrown(): boolean {
    if (this.heapUsed() - this.baseline < this.minGrowth) return false;
    const gc = this.collect();
    if (!gc) return false;
    gc();
    this.collections++;
    this.baseline = this.heapUsed();
    return true;
  }
}
