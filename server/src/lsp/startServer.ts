// The language server over a connection: one capability table gated on what the client supports,
// handlers of a few lines each inside a guarded, cancellable wrapper, diagnostics pulled or pushed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import type { CancellationToken, ClientCapabilities, Connection, Diagnostic, InitializeParams, InitializeResult, ServerCapabilities } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getCodeActions } from '../features/codeActions';
import { getCompletions } from '../features/completion';
import { getFileDiagnostics } from '../features/diagnostics';
import { getFoldingRanges } from '../features/folding';
import { getHover } from '../features/hover';
import { getInlayHints } from '../features/inlayHints';
import { getSelectionRanges } from '../features/selectionRanges';
import { collectSelectorLabels, mergeKnownLabels } from '../features/selectorLabels';
import type { KnownLabels } from '../features/selectorLabels';
import { getDocumentSymbols } from '../features/symbols';
import type { ValidationOptions } from '../features/validation';
import { ModelCache } from './documents';
import type { ParsedDocument } from './documents';
import { SettingsCache } from './settings';
import type { Settings } from './settings';

export const SERVER_NAME = 'migrationpolicy-language-server';
export const SERVER_VERSION = '0.1.0';

/** Workspace files larger than this are not read for selector labels. */
const MAX_WORKSPACE_FILE = 1024 * 1024;
const MAX_WORKSPACE_FILES = 2000;

interface ClientSupport {
  pullDiagnostics: boolean;
  markdownHover: boolean;
  markdownCompletion: boolean;
  snippets: boolean;
  configuration: boolean;
  watchedFiles: boolean;
  inlayHintRefresh: boolean;
}

/** What the client can do, read once from its capabilities. */
export function readClientSupport(c: ClientCapabilities): ClientSupport {
  return {
    pullDiagnostics: Boolean(c.textDocument?.diagnostic),
    markdownHover: c.textDocument?.hover?.contentFormat?.includes('markdown') ?? false,
    markdownCompletion: c.textDocument?.completion?.completionItem?.documentationFormat?.includes('markdown') ?? false,
    snippets: c.textDocument?.completion?.completionItem?.snippetSupport ?? false,
    configuration: c.workspace?.configuration ?? false,
    watchedFiles: c.workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false,
    inlayHintRefresh: c.workspace?.inlayHint?.refreshSupport ?? false,
  };
}

/** The one capability table: every feature the server offers, shaped by what the client supports. */
export function buildCapabilities(support: ClientSupport): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: [':', ' ', '"', "'"], resolveProvider: false },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.migrationpolicy`] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    inlayHintProvider: true,
  };
  if (support.pullDiagnostics) capabilities.diagnosticProvider = { identifier: 'migrationpolicy', interFileDependencies: false, workspaceDiagnostics: false };
  return capabilities;
}

/** Starts the server on a connection and returns when handlers are registered. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const models = new ModelCache();
  const settings = new SettingsCache(connection);
  const workspaceRoots: string[] = [];
  let support: ClientSupport = readClientSupport({});
  let workspaceLabels: KnownLabels = { namespace: [], vmi: [] };

  const log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);

  /** Runs a handler; a failure is logged and answered with the fallback, never a dead server. */
  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      if (token?.isCancellationRequested) return fallback;
      try {
        const result = await handler(params, token);
        return token?.isCancellationRequested ? fallback : result;
      } catch (e) {
        const err = e as Error;
        connection.console.error(`${name} failed: ${err.stack ?? err.message}`);
        return fallback;
      }
    };
  }

  function modelOf(uri: string): ParsedDocument | undefined {
    const document = documents.get(uri);
    return document ? models.get(document) : undefined;
  }

  function validationOptions(s: Settings): ValidationOptions {
    const options: ValidationOptions = {};
    if (s.kubevirtVersion) options.kubevirtVersion = s.kubevirtVersion;
    if (s.featureGates) options.featureGates = s.featureGates;
    return options;
  }

  async function diagnose(uri: string): Promise<Diagnostic[]> {
    const parsed = modelOf(uri);
    if (!parsed) return [];
    const s = await settings.get(uri);
    const options = validationOptions(s);
    const diagnostics = getFileDiagnostics(parsed.file, options, (doc) => models.findingsOf(doc, options), parsed.lines);
    return applySeverityOverrides(diagnostics, s);
  }

  const pending = new Set<string>();
  function schedulePush(uri: string): void {
    if (support.pullDiagnostics || pending.has(uri)) return;
    pending.add(uri);
    setImmediate(() => {
      pending.delete(uri);
      const version = documents.get(uri)?.version;
      diagnose(uri)
        .then((diagnostics) => {
          if (documents.get(uri)?.version === version) void connection.sendDiagnostics({ uri, version, diagnostics });
        })
        .catch((e) => connection.console.error(`diagnostics failed: ${(e as Error).message}`));
    });
  }

  function refreshWorkspaceLabels(): void {
    const lists: KnownLabels[] = [];
    for (const parsed of models.entries()) lists.push(collectSelectorLabels(parsed.file, 'workspace'));
    workspaceLabels = mergeKnownLabels(...lists);
  }

  function scanWorkspace(): void {
    let read = 0;
    const visit = (dir: string, depth: number) => {
      if (read >= MAX_WORKSPACE_FILES || depth > 8) return;
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
        else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name) && read < MAX_WORKSPACE_FILES) {
          try {
            if (fs.statSync(full).size > MAX_WORKSPACE_FILE) continue;
            const text = fs.readFileSync(full, 'utf8');
            if (!text.includes('MigrationPolic')) continue;
            const uri = pathToFileURL(full).toString();
            if (!documents.get(uri)) models.put(uri, text);
            read++;
          } catch {
            continue;
          }
        }
      }
    };
    for (const root of workspaceRoots) visit(root, 0);
    refreshWorkspaceLabels();
    log(`read ${read} workspace file(s) holding MigrationPolicy documents`);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    support = readClientSupport(params.capabilities);
    settings.enable(support.configuration);
    for (const folder of params.workspaceFolders ?? []) {
      if (folder.uri.startsWith('file:')) workspaceRoots.push(fileURLToPath(folder.uri));
    }
    if (!params.workspaceFolders?.length && params.rootUri?.startsWith('file:')) workspaceRoots.push(fileURLToPath(params.rootUri));
    return { capabilities: buildCapabilities(support), serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
  });

  connection.onInitialized(() => {
    if (support.watchedFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] }).catch(() => undefined);
    }
    setImmediate(() => {
      try {
        scanWorkspace();
      } catch (e) {
        connection.console.error(`workspace scan failed: ${(e as Error).message}`);
      }
    });
  });

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    if (support.pullDiagnostics) connection.languages.diagnostics.refresh().catch(() => undefined);
    else for (const d of documents.all()) schedulePush(d.uri);
    if (support.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        models.delete(change.uri);
        continue;
      }
      try {
        const file = fileURLToPath(change.uri);
        if (fs.statSync(file).size <= MAX_WORKSPACE_FILE) models.put(change.uri, fs.readFileSync(file, 'utf8'));
      } catch {
        models.delete(change.uri);
      }
    }
    refreshWorkspaceLabels();
  });

  documents.onDidChangeContent((event) => {
    models.get(event.document);
    schedulePush(event.document.uri);
  });
  documents.onDidOpen(() => refreshWorkspaceLabels());
  documents.onDidClose((event) => {
    settings.forget(event.document.uri);
    const uri = event.document.uri;
    models.delete(uri);
    if (!support.pullDiagnostics) connection.sendDiagnostics({ uri, diagnostics: [] });
    try {
      if (uri.startsWith('file:')) models.put(uri, fs.readFileSync(fileURLToPath(uri), 'utf8'));
    } catch {
      // The file is gone or unreadable; it simply stops contributing labels.
    }
    refreshWorkspaceLabels();
  });

  connection.languages.diagnostics.on(
    guard('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async (params) => ({
      kind: DocumentDiagnosticReportKind.Full,
      items: await diagnose(params.textDocument.uri),
    })),
  );

  connection.onCompletion(
    guard('completion', null, (params) => {
      const parsed = modelOf(params.textDocument.uri);
      if (!parsed) return null;
      const offset = parsed.lines.offsetAt(params.position);
      return getCompletions(parsed.file, parsed.lines, offset, { snippetSupport: support.snippets, markdown: support.markdownCompletion, labels: workspaceLabels });
    }),
  );

  connection.onHover(
    guard('hover', null, (params) => {
      const parsed = modelOf(params.textDocument.uri);
      return parsed ? getHover(parsed.file, parsed.lines, parsed.lines.offsetAt(params.position), { markdown: support.markdownHover }) : null;
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [], (params) => {
      const parsed = modelOf(params.textDocument.uri);
      if (!parsed) return [];
      const actions = getCodeActions(params.textDocument.uri, parsed.file, parsed.lines, params.context.diagnostics);
      const only = params.context.only;
      return only?.length ? actions.filter((a) => only.some((kind) => a.kind === kind || a.kind?.startsWith(`${kind}.`))) : actions;
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [], (params) => {
      const parsed = modelOf(params.textDocument.uri);
      return parsed ? getDocumentSymbols(parsed.file, parsed.lines) : [];
    }),
  );

  connection.onFoldingRanges(
    guard('foldingRange', [], (params) => {
      const parsed = modelOf(params.textDocument.uri);
      return parsed ? getFoldingRanges(parsed.file, parsed.lines) : [];
    }),
  );

  connection.onSelectionRanges(
    guard('selectionRange', [], (params) => {
      const parsed = modelOf(params.textDocument.uri);
      return parsed ? getSelectionRanges(parsed.file, parsed.lines, params.positions.map((p) => parsed.lines.offsetAt(p))) : [];
    }),
  );

  connection.languages.inlayHint.on(
    guard('inlayHint', [], async (params) => {
      const parsed = modelOf(params.textDocument.uri);
      if (!parsed) return [];
      const s = await settings.get(params.textDocument.uri);
      if (!s.inlayHints.bandwidth && !s.inlayHints.timeout) return [];
      const range = { start: parsed.lines.offsetAt(params.range.start), end: parsed.lines.offsetAt(params.range.end) };
      return getInlayHints(parsed.file, parsed.lines, range, s.inlayHints);
    }),
  );

  documents.listen(connection);
  connection.listen();
}

const OVERRIDE_SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

/** Applies the user's per-code severity overrides (`off` removes the diagnostic). */
export function applySeverityOverrides(diagnostics: Diagnostic[], s: Settings): Diagnostic[] {
  if (Object.keys(s.severity).length === 0) return diagnostics;
  const result: Diagnostic[] = [];
  for (const d of diagnostics) {
    const override = s.severity[d.code as keyof Settings['severity']];
    if (override === 'off') continue;
    result.push(override ? { ...d, severity: OVERRIDE_SEVERITY[override] } : d);
  }
  return result;
}
