// What the server answers to `initialize`: its name and version, what it reads of the client's
// capabilities, and the one capability table. This module imports only types of the LSP libraries
// (and the command names): dist/server.js answers `initialize` with it before vscode-languageserver
// is loaded (earlyInitialize.ts), and the full server answers with it too, so the two cannot differ.
import type { ClientCapabilities, InitializeResult, ServerCapabilities } from 'vscode-languageserver';
import { Commands } from '../commands';

export const SERVER_NAME = 'migrationpolicy-language-server';
export const SERVER_VERSION = '0.1.0';

/** TextDocumentSyncKind.Incremental and the CodeActionKinds, as vscode-languageserver spells them. */
const INCREMENTAL_SYNC = 2;
const QUICK_FIX = 'quickfix';
const SOURCE_FIX_ALL = 'source.fixAll';

export interface ClientSupport {
  pullDiagnostics: boolean;
  markdownHover: boolean;
  markdownCompletion: boolean;
  snippets: boolean;
  configuration: boolean;
  watchedFiles: boolean;
  inlayHintRefresh: boolean;
  codeLensRefresh: boolean;
  diagnosticRefresh: boolean;
  progress: boolean;
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
    codeLensRefresh: c.workspace?.codeLens?.refreshSupport ?? false,
    diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport ?? false,
    progress: c.window?.workDoneProgress ?? false,
  };
}

/** The one capability table: every feature the server offers, shaped by what the client supports. */
export function buildCapabilities(support: ClientSupport): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: INCREMENTAL_SYNC },
    completionProvider: { triggerCharacters: [':', ' ', '"', "'"], resolveProvider: false },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [QUICK_FIX, `${SOURCE_FIX_ALL}.migrationpolicy`] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    inlayHintProvider: true,
    codeLensProvider: { resolveProvider: false },
    executeCommandProvider: { commands: Object.values(Commands) },
  };
  if (support.pullDiagnostics) capabilities.diagnosticProvider = { identifier: 'migrationpolicy', interFileDependencies: true, workspaceDiagnostics: false };
  return capabilities;
}

/** The answer to `initialize` for a client that supports `support`. */
export function initializeResult(support: ClientSupport): InitializeResult {
  return { capabilities: buildCapabilities(support), serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
}
