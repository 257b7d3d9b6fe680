// Diagnostics scheduling: when a file's diagnostics are computed (after the requests already waiting,
// in slices that yield to the event loop, abandoned when a newer edit arrives), how they reach the
// client (pushed, or pulled with interFileDependencies), and re-diagnosis when something other files
// depend on changed. Per-document diagnostics are cached and shifted, not recomputed, when only their
// position in the file moved.
import type { Diagnostic } from 'vscode-languageserver';
import { moveLines } from '../document/file';
import type { LineCharacter, LineIndex } from '../document/file';
import type { DocumentModel, FileModel } from '../document/model';
import { toDiagnostic } from '../features/diagnostics';
import { shiftFix } from '../features/validation';
import type { Finding } from '../features/validation';

/** Thrown out of a computation that a newer edit (or a cancelled request) made pointless. */
export class StaleWork extends Error {
  constructor() {
    super('stale diagnostics work');
  }
}

/** Milliseconds of work between two yields to the event loop. */
const SLICE_MS = 2;

/** Lets pending messages in: resolves on the next turn of the event loop. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Cuts a long computation into slices. `checkpoint()` is cheap while the slice lasts; past its budget
 * it yields, then throws StaleWork when the work became pointless meanwhile.
 */
export class Slicer {
  private started = performance.now();

  constructor(
    private readonly isStale: () => boolean,
    private readonly budget = SLICE_MS,
  ) {}

  /** Whether the slice's budget is spent (the next checkpoint yields). */
  due(): boolean {
    return performance.now() - this.started >= this.budget;
  }

  async checkpoint(): Promise<void> {
    if (performance.now() - this.started < this.budget) return;
    await nextTurn();
    this.started = performance.now();
    if (this.isStale()) throw new StaleWork();
  }
}

interface CachedDocument {
  key: string;
  offset: number;
  start: LineCharacter;
  findings: Finding[];
  /** Whether a finding carries a fix that holds file offsets (which move with the document). */
  fixes: boolean;
  diagnostics: Diagnostic[];
}

/** A file's diagnostics as last computed (see `fileDiagnostics`), per document. */
interface LastFile {
  key: string;
  documents: readonly { offset: number; model: DocumentModel }[];
  /** Each document's start line and character in the file. */
  lines: Int32Array;
  characters: Int32Array;
  /** Where each document's diagnostics start in `diagnostics` (one more entry: the end). */
  bounds: Int32Array;
  /** Whether a document's diagnostics carry fixes with file offsets (which move with the document). */
  fixes: Uint8Array;
  diagnostics: Diagnostic[];
}

/**
 * The diagnostics of each `---` document, in file positions, cached by DocumentModel. A document that
 * only moved (an edit above it) gets its cached diagnostics shifted; one that did not move gets the
 * same array back. Given the file's uri, the file's previous answer is kept too: an edit that replaced
 * some documents and moved the later ones by no line visits only the new documents (and later ones
 * whose fixes hold file offsets); the others' diagnostics are copied from the previous answer.
 */
export class DocumentDiagnosticsCache {
  private readonly cache = new WeakMap<DocumentModel, CachedDocument>();
  private readonly last = new Map<string, LastFile>();
  /** Documents visited one by one (looked up in the per-document cache), for tests. */
  readonly counts = { visited: 0 };

  /** Every document's diagnostics, in file order; `findingsOf` gives a document's findings (cached by the caller). */
  async fileDiagnostics(file: FileModel, lines: LineIndex, key: string, findingsOf: (doc: DocumentModel) => Finding[], slicer?: Slicer, uri?: string): Promise<Diagnostic[]> {
    const documents = file.documents;
    const n = documents.length;
    const last = uri === undefined ? undefined : this.last.get(uri);
    const next: LastFile = { key, documents, lines: new Int32Array(n), characters: new Int32Array(n), bounds: new Int32Array(n + 1), fixes: new Uint8Array(n), diagnostics: [] };
    const result = next.diagnostics;
    let from = 0;
    let to = n;
    /** The shift of the documents after the edit, when their diagnostics can be copied. */
    let lineShift = 0;
    let copyFrom = -1;
    if (last && last.key === key) {
      const m = last.documents.length;
      const old = last.documents;
      while (from < n && from < m && documents[from].model === old[from].model && documents[from].offset === old[from].offset) from++;
      if (from > 0) {
        const start = lines.positionAt(documents[from - 1].offset);
        if (start.line !== last.lines[from - 1] || start.character !== last.characters[from - 1]) from = 0;
      }
      let suffix = 0;
      const delta = n && m ? documents[n - 1].offset - old[m - 1].offset : 0;
      while (suffix < n - from && suffix < m - from && documents[n - 1 - suffix].model === old[m - 1 - suffix].model && documents[n - 1 - suffix].offset - old[m - 1 - suffix].offset === delta) suffix++;
      if (suffix > 0) {
        const first = lines.positionAt(documents[n - suffix].offset);
        lineShift = first.line - last.lines[m - suffix];
        if (lineShift === 0 && first.character === last.characters[m - suffix]) {
          to = n - suffix;
          copyFrom = m - suffix;
        }
      }
      for (let i = 0; i < from; i++) {
        next.lines[i] = last.lines[i];
        next.characters[i] = last.characters[i];
        next.fixes[i] = last.fixes[i];
        next.bounds[i] = result.length;
        for (let j = last.bounds[i]; j < last.bounds[i + 1]; j++) result.push(last.diagnostics[j]);
      }
    }
    for (let i = from; i < to; i++) {
      next.bounds[i] = result.length;
      this.visit(documents[i].model, documents[i].offset, lines, key, findingsOf, next, i);
      if (slicer?.due()) await slicer.checkpoint();
    }
    for (let i = to, j = copyFrom; i < n; i++, j++) {
      next.bounds[i] = result.length;
      // Same lines and no fix (whose offsets would move): the same diagnostics, where they were.
      if (last!.fixes[j] && documents[i].offset !== last!.documents[j].offset) {
        this.visit(documents[i].model, documents[i].offset, lines, key, findingsOf, next, i);
        continue;
      }
      next.lines[i] = last!.lines[j];
      next.characters[i] = last!.characters[j];
      next.fixes[i] = last!.fixes[j];
      for (let k = last!.bounds[j]; k < last!.bounds[j + 1]; k++) result.push(last!.diagnostics[k]);
    }
    next.bounds[n] = result.length;
    if (uri !== undefined) this.last.set(uri, next);
    return result.slice();
  }

  /** Forgets a file's previous answer (it was closed). */
  forget(uri: string): void {
    this.last.delete(uri);
  }

  private visit(model: DocumentModel, offset: number, lines: LineIndex, key: string, findingsOf: (doc: DocumentModel) => Finding[], next: LastFile, i: number): void {
    this.counts.visited++;
    const diagnostics = this.documentDiagnostics(model, offset, lines, key, findingsOf);
    const cached = this.cache.get(model)!;
    next.lines[i] = cached.start.line;
    next.characters[i] = cached.start.character;
    next.fixes[i] = cached.fixes ? 1 : 0;
    for (let k = 0; k < diagnostics.length; k++) next.diagnostics.push(diagnostics[k]);
  }

  private documentDiagnostics(model: DocumentModel, offset: number, lines: LineIndex, key: string, findingsOf: (doc: DocumentModel) => Finding[]): Diagnostic[] {
    const start = lines.positionAt(offset);
    const cached = this.cache.get(model);
    if (cached && cached.key === key) {
      if (cached.offset === offset && cached.start.line === start.line && cached.start.character === start.character) return cached.diagnostics;
      if (cached.start.character === start.character) {
        const lineShift = start.line - cached.start.line;
        // Same lines and no fix (whose offsets would move): the same diagnostics, where they were.
        if (lineShift === 0 && !cached.fixes) {
          cached.offset = offset;
          return cached.diagnostics;
        }
        const diagnostics = cached.diagnostics.map((d, i) => {
          const fix = cached.findings[i].fix;
          const data = fix && shiftFix(fix, offset);
          // Same lines: only a fix's offsets move; a fix without offsets is the same object (the same diagnostic).
          if (lineShift === 0 && data === d.data) return d;
          const moved: Diagnostic = lineShift === 0 ? { ...d } : { ...d, range: moveLines(d.range, lineShift) };
          if (fix) moved.data = data;
          return moved;
        });
        this.cache.set(model, { key, offset, start, findings: cached.findings, fixes: cached.fixes, diagnostics });
        return diagnostics;
      }
    }
    const findings = [...findingsOf(model)].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    const diagnostics = findings.map((f) => toDiagnostic(lines, offset, f));
    this.cache.set(model, { key, offset, start, findings, fixes: findings.some((f) => f.fix !== undefined && shiftFix(f.fix, 1) !== f.fix), diagnostics });
    return diagnostics;
  }
}

/** What the scheduler needs from the server. */
export interface DiagnosticsHost {
  /** Whether the client pulls diagnostics (textDocument/diagnostic) instead of receiving them. */
  readonly pull: boolean;
  /** Whether a pull client accepts workspace/diagnostic/refresh. */
  readonly refreshSupport: boolean;
  /** The version of an open document; undefined once it is closed. */
  version(uri: string): number | undefined;
  openUris(): Iterable<string>;
  /** Computes a file's diagnostics, awaiting `slicer.checkpoint()` between pieces of work. */
  compute(uri: string, slicer: Slicer): Promise<Diagnostic[]>;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  requestRefresh(): void;
  error(message: string): void;
}

/**
 * Push mode: a changed file is queued, and diagnosed once the messages that arrived with the edit
 * (a completion, a hover) are answered; a newer version abandons the running computation and queues
 * the file again. Pull mode: the client asks; the same sliced computation answers, cancelled with the
 * request or by a newer version.
 */
export class DiagnosticsScheduler {
  private readonly queue = new Set<string>();
  private running = false;
  private requests = 0;

  constructor(private readonly host: DiagnosticsHost) {}

  /** A file changed: diagnose it again (push), when the client will not ask by itself. */
  schedule(uri: string): void {
    if (this.host.pull) return;
    this.queue.add(uri);
    if (!this.running) void this.drain();
  }

  /** Something every file's diagnostics may depend on changed (settings, cluster data). */
  refresh(): void {
    if (this.host.pull) {
      if (this.host.refreshSupport) this.host.requestRefresh();
      return;
    }
    for (const uri of this.host.openUris()) this.schedule(uri);
  }

  /**
   * A file's policy names or selectors changed: other files' cross-file diagnostics may differ. Pull
   * clients know it from `interFileDependencies`; push clients get them again.
   */
  dependenciesChanged(changedUri: string): void {
    if (this.host.pull) return;
    for (const uri of this.host.openUris()) if (uri !== changedUri) this.schedule(uri);
  }

  /** Answers a pull request: the file's diagnostics, or StaleWork when cancelled or outdated. */
  async pullDiagnostics(uri: string, isCancelled: () => boolean): Promise<Diagnostic[]> {
    const version = this.host.version(uri);
    await nextTurn();
    const isStale = () => isCancelled() || this.host.version(uri) !== version;
    if (isStale()) throw new StaleWork();
    return this.host.compute(uri, new Slicer(isStale));
  }

  /** A request started: diagnostics work waits until requests stop arriving. */
  noteRequest(): void {
    this.requests++;
  }

  /**
   * Resolves once two turns of the event loop pass without a request starting: the messages read
   * together with the edit (the connection handles one per turn) are answered before diagnostics
   * work. Each turn passes a poll phase, so input already in the pipe has been read by then. With
   * `settle`, when no request came with the edit, the first round also waits for a timer, which runs
   * after the next poll phase: a request the editor wrote just after the edit is in by then, even on
   * a busy machine. When requests came with the edit, they are the editor's burst: no timer is waited
   * for (a timer costs a millisecond or more per round, most of the wait), and diagnostics start once
   * two turns pass without another request. Without `settle` (between files of one drain), no timer
   * is waited for.
   */
  private async quiet(settle = false): Promise<void> {
    for (let seen = -1, round = 0; seen !== this.requests; round++) {
      seen = this.requests;
      await nextTurn();
      await nextTurn();
      if (settle && round === 0 && seen === this.requests) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      await this.quiet(true);
      while (this.queue.size) {
        const uri = this.queue.values().next().value as string;
        this.queue.delete(uri);
        await this.quiet();
        const version = this.host.version(uri);
        if (version === undefined) continue;
        const isStale = () => this.host.version(uri) !== version;
        try {
          const diagnostics = await this.host.compute(uri, new Slicer(isStale));
          if (!isStale()) this.host.publish(uri, version, diagnostics);
        } catch (e) {
          if (!(e instanceof StaleWork)) this.host.error(`diagnostics failed: ${(e as Error).stack ?? (e as Error).message}`);
        }
        await nextTurn();
      }
    } finally {
      this.running = false;
    }
  }
}
