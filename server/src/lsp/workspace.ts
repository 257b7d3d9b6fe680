// The workspace's files: open documents (parsed incrementally at their current version), the files on
// disk that hold MigrationPolicies (scanned in small batches, kept current by file events), and the
// index of their policies, names, selectors and labels. The snapshot file in use is cluster data, not
// a workspace file, so it stays out of the index.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mentionsMigrationPolicy } from '../document/policies';
import type { DocumentMode } from '../document/template';
import { mentionsWorkload } from '../document/workloads';
import { readRegularFileSync } from '../files';
import { filePathOf } from './guards';
import { ModelCache } from './documents';
import type { EditLog } from './documents';
import type { ParsedDocument } from './documents';
import { WorkspaceIndex } from './workspaceIndex';
import type { IndexChange } from './workspaceIndex';

/** Workspace files larger than this are not read for selector labels. */
const MAX_WORKSPACE_FILE = 1024 * 1024;
const MAX_WORKSPACE_FILES = 2000;

const NONE: IndexChange = { policies: false, labels: false };
const either = (a: IndexChange, b: IndexChange): IndexChange => ({ policies: a.policies || b.policies, labels: a.labels || b.labels });

/** Open documents and workspace files, parsed and indexed. */
export class Workspace {
  readonly models: ModelCache;
  readonly index = new WorkspaceIndex((uri) => this.displayName(uri));
  readonly roots: string[] = [];
  private excluded: string | undefined;

  /** `modeOf` says how a file is read (a Helm template, a Kustomize patch): see server/src/context.ts. */
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    modeOf?: (uri: string) => DocumentMode,
    edits?: EditLog,
  ) {
    this.models = new ModelCache(modeOf, edits);
  }

  /** The parsed model of an open document at its current version. */
  parsed(uri: string): ParsedDocument | undefined {
    const document = this.documents.get(uri);
    return document ? this.models.get(document) : undefined;
  }

  /** An open document changed (or opened): re-parses what it touched and replaces its index entries. */
  changed(document: TextDocument): IndexChange {
    const parsed = this.models.get(document);
    return parsed.uri === this.excluded ? NONE : this.index.update(parsed);
  }

  /** An open document closed: it goes back to its disk version, or away. */
  closed(uri: string): IndexChange {
    return uri.startsWith('file:') ? this.loadFromDisk(uri) : this.forget(uri);
  }

  /** A watched file changed on disk; open documents are ours until they close. */
  fileChanged(uri: string, deleted: boolean): IndexChange {
    if (this.documents.get(uri)) return NONE;
    return deleted || !uri.startsWith('file:') ? this.forget(uri) : this.loadFromDisk(uri);
  }

  /** The snapshot file in use (cluster data) leaves the index; the previous one comes back. */
  exclude(uri: string | undefined): IndexChange {
    if (uri === this.excluded) return NONE;
    const previous = this.excluded;
    this.excluded = uri;
    let change = uri ? this.index.delete(uri) : NONE;
    const back = previous && (this.documents.get(previous) ? this.models.get(this.documents.get(previous)!) : this.models.peek(previous));
    if (back) change = either(change, this.index.update(back));
    return change;
  }

  /** Where a file is, for messages: relative to its workspace folder when inside one. */
  displayName(uri: string): string {
    const file = filePathOf(uri);
    if (!file) return uri;
    for (const root of this.roots) if (file.startsWith(root + path.sep)) return path.relative(root, file);
    return file;
  }

  /**
   * Reads the workspace's YAML and JSON files that mention MigrationPolicy, for selector labels,
   * duplicate names and what-if evaluation. Runs in small batches so requests are answered meanwhile.
   * Returns how many files were read.
   */
  async scan(): Promise<number> {
    const candidates: string[] = [];
    const visit = (dir: string, depth: number) => {
      if (candidates.length >= MAX_WORKSPACE_FILES || depth > 8) return;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(full, depth + 1);
        else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name) && candidates.length < MAX_WORKSPACE_FILES) candidates.push(full);
      }
    };
    for (const root of this.roots) visit(root, 0);
    let read = 0;
    for (let i = 0; i < candidates.length; i++) {
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
      const uri = pathToFileURL(candidates[i]).toString();
      if (this.documents.get(uri)) continue;
      this.loadFromDisk(uri);
      if (this.models.peek(uri)) read++;
    }
    return read;
  }

  /**
   * Reads a workspace file that is not open, when it is small enough and mentions MigrationPolicy;
   * otherwise (or when it is gone) drops it.
   */
  private loadFromDisk(uri: string): IndexChange {
    try {
      const file = filePathOf(uri);
      const text = file === undefined ? '' : readRegularFileSync(file, MAX_WORKSPACE_FILE);
      if (mentionsMigrationPolicy(text) || mentionsWorkload(text)) {
        const parsed = this.models.put(uri, text);
        return uri === this.excluded ? NONE : this.index.update(parsed);
      }
    } catch {
      // Gone or unreadable: it simply stops contributing.
    }
    return this.forget(uri);
  }

  private forget(uri: string): IndexChange {
    this.models.delete(uri);
    return this.index.delete(uri);
  }
}
