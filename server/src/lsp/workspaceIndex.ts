// The workspace index: every indexed file's MigrationPolicies, their names, selectors and selector
// labels, kept as per-`---`-document entries. An edit replaces the entries of the documents it touched
// (unchanged documents keep their DocumentModel, so a pointer comparison finds them); nothing is
// rebuilt from the whole workspace. Answers the cross-policy lookups, completion's labels and the
// names whose policies the cluster evaluation must see again.
import type { PolicyInfo } from '../cluster/types';
import type { DocumentModel, Span } from '../document/model';
import { documentPolicies } from '../features/clusterView';
import type { FilePolicy } from '../features/clusterView';
import { selectorKey } from '../features/crossPolicy';
import type { OtherPolicy, PolicyLookup, WorkspaceState } from '../features/crossPolicy';
import { collectSelectorLabels, LabelTally } from '../features/selectorLabels';
import type { KnownLabels } from '../features/selectorLabels';
import type { ParsedDocument } from './documents';

/** One policy of one indexed document. Its location is worked out only when a message needs it. */
class IndexedPolicy implements OtherPolicy {
  constructor(
    readonly policy: FilePolicy,
    readonly key: string | undefined,
    private readonly file: IndexedFile,
    private readonly doc: DocumentEntry,
  ) {}

  get info(): PolicyInfo {
    return this.policy.info;
  }

  get uri(): string {
    return this.file.uri;
  }

  get location(): string {
    return this.file.locate(this.doc, this.policy.anchor);
  }
}

interface DocumentEntry {
  model: DocumentModel;
  policies: IndexedPolicy[];
  labels: KnownLabels;
  /** The document's offset in the file's latest indexed version. */
  offset: number;
  /** Its policies as FilePolicy objects whose offset follows `offset`, made once. */
  placed?: FilePolicy[];
}

/** A policy of an indexed document, placed in the file: its offset is the document's current one. */
class PlacedPolicy implements FilePolicy {
  constructor(
    private readonly policy: FilePolicy,
    private readonly doc: DocumentEntry,
  ) {}

  get info() {
    return this.policy.info;
  }

  get map() {
    return this.policy.map;
  }

  get anchor() {
    return this.policy.anchor;
  }

  get selectorKey() {
    return this.policy.selectorKey;
  }

  get offset(): number {
    return this.doc.offset;
  }
}

class IndexedFile {
  docs: DocumentEntry[] = [];
  private withOffsets: FilePolicy[] | undefined;

  constructor(
    readonly uri: string,
    public parsed: ParsedDocument,
    private readonly displayName: string,
  ) {}

  setParsed(parsed: ParsedDocument): void {
    this.parsed = parsed;
    this.withOffsets = undefined;
    const documents = parsed.file.documents;
    for (let i = 0; i < this.docs.length; i++) this.docs[i].offset = documents[i].offset;
  }

  /** `policies/db.yaml:4`: where a policy is written, for messages about it. */
  locate(doc: DocumentEntry, anchor: Span): string {
    const line = this.parsed.lines.positionAt(doc.offset + anchor.start).line;
    return `${this.displayName}:${line + 1}`;
  }

  /**
   * The file's policies with their documents' offsets, listed once per version. Each policy's object
   * is made once per document and reads its document's current offset.
   */
  policies(): FilePolicy[] {
    if (!this.withOffsets) {
      const result: FilePolicy[] = [];
      for (const d of this.docs) {
        if (!d.policies.length) continue;
        d.placed ??= d.policies.map((p) => new PlacedPolicy(p.policy, d));
        for (const p of d.placed) result.push(p);
      }
      this.withOffsets = result;
    }
    return this.withOffsets;
  }
}

/** One `---` document as the index holds it: its model and its named policies (spans relative to it). */
export interface IndexedDocument {
  readonly model: DocumentModel;
  readonly policies: readonly { readonly policy: FilePolicy }[];
}

/** What an update changed for the rest of the workspace. */
export interface IndexChange {
  /** Some policy's name or selectors changed (or a policy came or went): cross-file results may differ. */
  policies: boolean;
  /** Selector labels changed (completion's suggestions). */
  labels: boolean;
}

/** What the latest update of a file replaced: its documents that changed and their replacements, in file order. */
export interface ReplacedDocuments {
  /** The `updates` count of that update. */
  sequence: number;
  uri: string;
  before: readonly IndexedDocument[];
  after: readonly IndexedDocument[];
}

/** Generations whose touched names and keys `changedSince` can still tell. */
const CHANGE_LOG = 32;

const NO_CHANGE: IndexChange = { policies: false, labels: false };

/** Policies, names, selectors and labels of the workspace's files, per `---` document. */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly byName = new Map<string, Set<IndexedPolicy>>();
  private readonly bySelectors = new Map<string, Set<IndexedPolicy>>();
  private readonly tally = new LabelTally();
  private readonly touched = new Set<string>();
  private changes = 0;
  /** The names and selector keys each of the latest generations touched, oldest first. */
  private readonly log: { names: Set<string>; keys: Set<string> }[] = [];
  /** Each file's count of updates and deletes. */
  private readonly fileUpdates = new Map<string, number>();
  /** Counts every update and delete: who saw count n and is handed update n + 1 has missed nothing. */
  updates = 0;
  /** What the latest update replaced (undefined after a delete or an update that replaced nothing). */
  lastReplaced: ReplacedDocuments | undefined;

  /** `displayName` turns a uri into what messages show (a workspace-relative path). */
  constructor(private readonly displayName: (uri: string) => string = (uri) => uri) {}

  /**
   * Indexes a file's new version. Documents are matched to the previous version's by identity from
   * both ends; only the ones in between are replaced. Cost: the documents' count in pointer
   * comparisons, plus the replaced documents' policies and labels.
   */
  update(parsed: ParsedDocument): IndexChange {
    this.updates++;
    this.fileUpdates.set(parsed.uri, (this.fileUpdates.get(parsed.uri) ?? 0) + 1);
    this.lastReplaced = undefined;
    let file = this.files.get(parsed.uri);
    if (!file) {
      file = new IndexedFile(parsed.uri, parsed, this.displayName(parsed.uri));
      this.files.set(parsed.uri, file);
    }
    const before = file.docs;
    const after = parsed.file.documents;
    if (file.parsed === parsed && before.length === after.length) return NO_CHANGE;
    let head = 0;
    while (head < before.length && head < after.length && before[head].model === after[head].model) head++;
    let tail = 0;
    while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail].model === after[after.length - 1 - tail].model) tail++;
    const removed = before.slice(head, before.length - tail);
    const added = after.slice(head, after.length - tail).map(({ model }) => this.entry(file, model));
    file.docs = [...before.slice(0, head), ...added, ...before.slice(before.length - tail)];
    file.setParsed(parsed);
    this.lastReplaced = { sequence: this.updates, uri: parsed.uri, before: removed, after: added };
    return this.replace(removed, added);
  }

  /** Drops a file (closed and gone, or no longer a workspace file). */
  delete(uri: string): IndexChange {
    this.updates++;
    this.fileUpdates.set(uri, (this.fileUpdates.get(uri) ?? 0) + 1);
    this.lastReplaced = undefined;
    const file = this.files.get(uri);
    if (!file) return NO_CHANGE;
    this.files.delete(uri);
    return this.replace(file.docs, []);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  /** The named policies of an indexed file (offsets in the file), or none. */
  policies(uri: string): FilePolicy[] {
    return this.files.get(uri)?.policies() ?? [];
  }

  /** Cross-policy lookups for one file: other files' policies by name and by selectors. */
  lookup(uri: string, clusterSelectors: (key: string) => readonly PolicyInfo[] = () => []): PolicyLookup {
    const except = function* (entries: Set<IndexedPolicy> | undefined): Iterable<OtherPolicy> {
      if (entries) for (const e of entries) if (e.uri !== uri) yield e;
    };
    return { namedElsewhere: (name) => except(this.byName.get(name)), selectorsElsewhere: (key) => except(this.bySelectors.get(key)), clusterSelectors };
  }

  /** Selector labels of every indexed policy (source `workspace`); the same object until one changes. */
  labels(): KnownLabels {
    return this.tally.labels();
  }

  /** The workspace's version of a policy name (the last indexed of duplicates), or undefined. */
  policy(name: string): PolicyInfo | undefined {
    let last: IndexedPolicy | undefined;
    for (const e of this.byName.get(name) ?? []) last = e;
    return last?.info;
  }

  /** Every policy name's workspace version. */
  allPolicies(): PolicyInfo[] {
    const result: PolicyInfo[] = [];
    for (const name of this.byName.keys()) result.push(this.policy(name) as PolicyInfo);
    return result;
  }

  /** Counts the updates that changed a policy's name or selectors: cross-policy results stay valid while it stays. */
  get generation(): number {
    return this.changes;
  }

  /**
   * The names and selector keys of the policies that came, went or changed name or selectors since
   * `generation` (what a cross-policy verdict depends on), or undefined when that is no longer known
   * (only the latest CHANGE_LOG generations are kept).
   */
  changedSince(generation: number): { names: Set<string>; keys: Set<string> } | undefined {
    if (generation > this.changes) return undefined;
    const from = this.changes - generation;
    if (from > this.log.length) return undefined;
    const names = new Set<string>();
    const keys = new Set<string>();
    for (let i = this.log.length - from; i < this.log.length; i++) {
      for (const name of this.log[i].names) names.add(name);
      for (const key of this.log[i].keys) keys.add(key);
    }
    return { names, keys };
  }

  /** What a file's cross-policy verdicts depend on in the rest of the workspace (see WorkspaceState). */
  stateFor(uri: string): WorkspaceState {
    return { generation: this.changes, elsewhere: this.updates - (this.fileUpdates.get(uri) ?? 0), changedSince: (generation) => this.changedSince(generation) };
  }

  /** Names whose policy's existence, name or selectors changed since the last call. */
  takeTouchedNames(): string[] {
    const names = [...this.touched];
    this.touched.clear();
    return names;
  }

  private entry(file: IndexedFile, model: DocumentModel): DocumentEntry {
    const doc: DocumentEntry = { model, policies: [], offset: 0, labels: collectSelectorLabels({ text: model.text, language: 'yaml', documents: [{ offset: 0, model }] }, 'workspace') };
    doc.policies = documentPolicies(model, file.uri).map((p) => {
      const key = selectorKey(p.info);
      return new IndexedPolicy({ ...p, selectorKey: key }, key, file, doc);
    });
    return doc;
  }

  private replace(removed: DocumentEntry[], added: DocumentEntry[]): IndexChange {
    const signature = (docs: DocumentEntry[]) =>
      docs
        .flatMap((d) => d.policies.map((p) => `${p.info.name}\u0002${p.key ?? '\u0003'}`))
        .sort()
        .join('\u0004');
    const policies = signature(removed) !== signature(added);
    if (policies) {
      this.changes++;
      const names = new Set<string>();
      const keys = new Set<string>();
      for (const doc of [...removed, ...added]) {
        for (const p of doc.policies) {
          names.add(p.info.name);
          if (p.key !== undefined) keys.add(p.key);
        }
      }
      this.log.push({ names, keys });
      if (this.log.length > CHANGE_LOG) this.log.shift();
    }
    const labels = this.tally.replace(
      removed.map((d) => d.labels),
      added.map((d) => d.labels),
    );
    for (const doc of removed) {
      for (const p of doc.policies) {
        remove(this.byName, p.info.name, p);
        if (p.key !== undefined) remove(this.bySelectors, p.key, p);
        if (policies) this.touched.add(p.info.name);
      }
    }
    for (const doc of added) {
      for (const p of doc.policies) {
        insert(this.byName, p.info.name, p);
        if (p.key !== undefined) insert(this.bySelectors, p.key, p);
        if (policies) this.touched.add(p.info.name);
      }
    }
    return { policies, labels };
  }
}

function insert<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function remove<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
