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
import { getCodeLenses } from '../features/codeLens';
import { documentPolicies, filePolicies } from '../features/clusterView';
import type { FilePolicy } from '../features/clusterView';
import { getCrossPolicyDiagnostics } from '../features/crossPolicy';
import type { OtherPolicy } from '../features/crossPolicy';
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
import { listContexts } from '../cluster/live';
import type { DocumentModel } from '../document/model';
import { mentionsMigrationPolicy } from '../document/policies';
import { mentionsWorkload } from '../document/workloads';
import { Commands } from '../protocol';
import type { ContextList, MatchReport } from '../protocol';
import { ClusterManager, DEFAULT_CLUSTER_SETTINGS, normaliseClusterSettings } from './cluster';
import type { ClusterSettings } from './cluster';
import { chartTemplateFiles, RepositoryContext } from '../context';
import { parseFile } from '../document/file';
import type { FileModel } from '../document/model';
import { getValuesDiagnostics } from '../features/helmValues';
import { ModelCache } from './documents';
import type { ParsedDocument } from './documents';
import { SettingsCache } from './settings';
import { driftAnswer, WorkloadSupport } from './workloads';
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
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: [':', ' ', '"', "'"], resolveProvider: false },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.migrationpolicy`] },
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

/** Starts the server on a connection and returns when handlers are registered. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const repository = new RepositoryContext();
  const models = new ModelCache((uri) => (uri.startsWith('file:') ? repository.modeOf(fileURLToPath(uri)) : 'complete'));
  const settings = new SettingsCache(connection);
  const workspaceRoots: string[] = [];
  let support: ClientSupport = readClientSupport({});
  let workspaceLabels: KnownLabels = { namespace: [], vmi: [] };
  let labelsDirty = true;
  let policiesDirty = true;
  let clusterAccess = true;
  let codeLensEnabled = true;
  const policyCache = new WeakMap<DocumentModel, { uri: string; policies: FilePolicy[] }>();
  const labelCache = new WeakMap<DocumentModel, KnownLabels>();

  /** The selector labels of one `---` document, cached until that document changes. */
  function labelsOf(model: DocumentModel): KnownLabels {
    let labels = labelCache.get(model);
    if (!labels) {
      labels = collectSelectorLabels({ text: model.text, language: 'yaml', documents: [{ offset: 0, model }] }, 'workspace');
      labelCache.set(model, labels);
    }
    return labels;
  }

  const log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);
  let cluster: ClusterManager | undefined;
  const workloads = new WorkloadSupport({
    models: () => allModels(),
    view: () => clusterView(),
    workspacePolicies: () => allModels().flatMap((parsed) => policiesOf(parsed).map((p) => p.info)),
  });

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

  /** Settings win; otherwise the KubeVirt CR of the cluster data says which version and gates apply. */
  function validationOptions(s: Settings): ValidationOptions {
    const options: ValidationOptions = {};
    const kubevirt = clusterView()?.inventory?.kubevirt;
    const version = s.kubevirtVersion || kubevirt?.version;
    if (version) options.kubevirtVersion = version;
    if (s.featureGates) options.featureGates = s.featureGates;
    else if (kubevirt) options.featureGates = [...kubevirt.featureGates];
    return options;
  }

  function policiesOf(parsed: ParsedDocument): FilePolicy[] {
    return filePolicies(parsed.file, parsed.uri, (model) => {
      const cached = policyCache.get(model);
      if (cached && cached.uri === parsed.uri) return cached.policies;
      const policies = documentPolicies(model, parsed.uri);
      policyCache.set(model, { uri: parsed.uri, policies });
      return policies;
    });
  }

  /** The cluster view with the workspace's current policies in place of the cluster's. */
  function clusterView() {
    if (!cluster) return undefined;
    if (policiesDirty) {
      policiesDirty = false;
      const infos = new Map<string, FilePolicy['info']>();
      for (const parsed of allModels()) for (const p of policiesOf(parsed)) infos.set(p.info.name, p.info);
      cluster.setWorkspacePolicies([...infos.values()]);
    }
    return cluster.current();
  }

  /** The uri of the snapshot file in use: cluster data, not a workspace file. */
  function snapshotUri(): string | undefined {
    const snapshot = cluster?.snapshotFile();
    return snapshot ? pathToFileURL(snapshot).toString() : undefined;
  }

  /** Every workspace file's model (open ones at their current version), minus the snapshot in use. */
  function allModels(): ParsedDocument[] {
    const snapshot = snapshotUri();
    return [...models.entries()]
      .filter((m) => m.uri !== snapshot)
      .map((m) => {
        const open = documents.get(m.uri);
        return open ? models.get(open) : m;
      });
  }

  function otherPolicies(uri: string): OtherPolicy[] {
    const result: OtherPolicy[] = [];
    for (const parsed of allModels()) {
      if (parsed.uri === uri) continue;
      const name = parsed.uri.startsWith('file:') ? relativeToWorkspace(fileURLToPath(parsed.uri)) : parsed.uri;
      for (const p of policiesOf(parsed)) result.push({ info: p.info, location: `${name}:${parsed.lines.positionAt(p.offset + p.anchor.start).line + 1}` });
    }
    return result;
  }

  function relativeToWorkspace(file: string): string {
    for (const root of workspaceRoots) if (file.startsWith(root + path.sep)) return path.relative(root, file);
    return file;
  }

  async function diagnose(uri: string): Promise<Diagnostic[]> {
    const parsed = modelOf(uri);
    if (!parsed) return [];
    const s = await settings.get(uri);
    const options = validationOptions(s);
    const diagnostics = getFileDiagnostics(parsed.file, options, (doc) => models.findingsOf(doc, options), parsed.lines);
    if (uri.startsWith('file:')) diagnostics.push(...chartValuesDiagnostics(parsed, options));
    const policies = policiesOf(parsed);
    if (policies.length && uri !== snapshotUri()) diagnostics.push(...getCrossPolicyDiagnostics(policies, parsed.lines, otherPolicies(uri), clusterView()));
    return applySeverityOverrides(diagnostics, s);
  }

  /** A chart's values.yaml, checked through the policy fields its templates (open or on disk) fill from it. */
  function chartValuesDiagnostics(parsed: ParsedDocument, options: ValidationOptions): Diagnostic[] {
    const chart = repository.chartOfValues(fileURLToPath(parsed.uri));
    if (!chart) return [];
    const templates = chartTemplateFiles(chart).flatMap((file) => {
      const open = documents.get(pathToFileURL(file).toString());
      const model = open ? models.get(open) : readTemplate(file);
      return model ? [{ name: path.relative(chart, file).split(path.sep).join('/'), file: model.file }] : [];
    });
    return getValuesDiagnostics(parsed.file, templates, options, parsed.lines);
  }

  function readTemplate(file: string): { file: FileModel } | undefined {
    try {
      if (!fs.statSync(file).isFile() || fs.statSync(file).size > MAX_WORKSPACE_FILE) return undefined;
      return { file: parseFile(fs.readFileSync(file, 'utf8'), 'yaml', undefined, 'helm-template') };
    } catch {
      return undefined;
    }
  }

  /** Asks the client to pull diagnostics, lenses (and hints) again, or pushes diagnostics anew. */
  function refreshEverything(hints = false): void {
    if (support.pullDiagnostics) {
      if (support.diagnosticRefresh) connection.languages.diagnostics.refresh().catch(() => undefined);
    } else for (const d of documents.all()) schedulePush(d.uri);
    if (support.codeLensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (hints && support.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  let clusterSettings: ClusterSettings = DEFAULT_CLUSTER_SETTINGS;
  async function configureCluster(): Promise<void> {
    clusterSettings = DEFAULT_CLUSTER_SETTINGS;
    if (support.configuration) {
      const raw = (await connection.workspace.getConfiguration('migrationpolicy').catch(() => undefined)) as Record<string, unknown> | undefined;
      clusterSettings = normaliseClusterSettings(raw?.cluster);
      const lens = raw?.codeLens as { enabled?: unknown } | undefined;
      codeLensEnabled = typeof lens?.enabled === 'boolean' ? lens.enabled : true;
    } else if (initialClusterSettings) {
      clusterSettings = normaliseClusterSettings(initialClusterSettings);
    }
    if (!cluster) {
      cluster = new ClusterManager(connection, log, { clusterAccess, progress: support.progress });
      cluster.onChange(() => refreshEverything());
    }
    cluster.configure(clusterSettings);
    workspaceChanged();
  }
  let initialClusterSettings: unknown;

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

  /** Labels for completion: the workspace's selectors, plus the cluster's namespace and VMI labels. */
  function knownLabels(): KnownLabels {
    if (labelsDirty) {
      labelsDirty = false;
      workspaceLabels = mergeKnownLabels(...allModels().flatMap((parsed) => parsed.file.documents.map(({ model }) => labelsOf(model))));
    }
    const inventory = clusterView()?.inventory;
    if (!inventory) return workspaceLabels;
    if (mergedLabels?.workspace !== workspaceLabels || mergedLabels.inventory !== inventory) {
      mergedLabels = { workspace: workspaceLabels, inventory, labels: mergeKnownLabels(workspaceLabels, inventory.labelCounts()) };
    }
    return mergedLabels.labels;
  }
  let mergedLabels: { workspace: KnownLabels; inventory: object; labels: KnownLabels } | undefined;

  function workspaceChanged(): void {
    labelsDirty = true;
    policiesDirty = true;
    workloads.invalidate();
  }

  /**
   * Reads a workspace file that is not open into the model cache, when it is small enough and mentions
   * MigrationPolicy; otherwise (or when it is gone) drops it. Returns whether it was kept.
   */
  function loadFromDisk(uri: string): boolean {
    try {
      const file = fileURLToPath(uri);
      if (fs.statSync(file).size <= MAX_WORKSPACE_FILE) {
        const text = fs.readFileSync(file, 'utf8');
        if (mentionsMigrationPolicy(text) || mentionsWorkload(text)) {
          models.put(uri, text);
          return true;
        }
      }
    } catch {
      // Gone or unreadable: it simply stops contributing.
    }
    models.delete(uri);
    return false;
  }

  /**
   * Reads the workspace's YAML and JSON files that mention MigrationPolicy, for selector labels,
   * duplicate names and what-if evaluation. Runs in small batches so requests are answered meanwhile.
   */
  async function scanWorkspace(): Promise<void> {
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
    for (const root of workspaceRoots) visit(root, 0);
    let read = 0;
    for (let i = 0; i < candidates.length; i++) {
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
      const uri = pathToFileURL(candidates[i]).toString();
      if (!documents.get(uri) && loadFromDisk(uri)) read++;
    }
    workspaceChanged();
    log(`read ${read} workspace file(s) holding MigrationPolicy documents`);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    support = readClientSupport(params.capabilities);
    settings.enable(support.configuration);
    for (const folder of params.workspaceFolders ?? []) {
      if (folder.uri.startsWith('file:')) workspaceRoots.push(fileURLToPath(folder.uri));
    }
    if (!params.workspaceFolders?.length && params.rootUri?.startsWith('file:')) workspaceRoots.push(fileURLToPath(params.rootUri));
    const init = (params.initializationOptions ?? {}) as { clusterAccess?: unknown; cluster?: unknown };
    // Only the boolean true (or no value, from a client without workspace trust) allows reading a kubeconfig.
    clusterAccess = init.clusterAccess === true || init.clusterAccess === undefined;
    initialClusterSettings = init.cluster;
    return { capabilities: buildCapabilities(support), serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
  });

  connection.onInitialized(() => {
    if (support.watchedFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] }).catch(() => undefined);
    }
    scanWorkspace()
      .catch((e) => connection.console.error(`workspace scan failed: ${(e as Error).message}`))
      .then(() => configureCluster())
      .catch((e) => connection.console.error(`cluster setup failed: ${(e as Error).message}`));
  });

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    configureCluster().catch((e) => connection.console.error(`cluster setup failed: ${(e as Error).message}`));
    refreshEverything(true);
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => /(^|\/)(Chart\.yaml|kustomization\.ya?ml|Kustomization)$/.test(c.uri))) {
      repository.forget();
      refreshEverything();
    }
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted || !change.uri.startsWith('file:')) models.delete(change.uri);
      else loadFromDisk(change.uri);
    }
    workspaceChanged();
  });

  // Cross-file diagnostics (duplicate names, identical selectors, shadowing) of other open files change
  // only when a file's policy names or selectors change: then those files are diagnosed again too.
  const policySignatures = new Map<string, string>();
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    const parsed = models.get(event.document);
    workspaceChanged();
    schedulePush(uri);
    const signature = JSON.stringify(policiesOf(parsed).map((p) => [p.info.name, p.info.hasSelectors, p.info.vmiSelector, p.info.namespaceSelector]));
    const previous = policySignatures.get(uri);
    policySignatures.set(uri, signature);
    if (previous !== undefined && previous !== signature) {
      for (const d of documents.all()) if (d.uri !== uri) schedulePush(d.uri);
      // VM lenses of other files name the winning policy: ask for them again.
      if (support.codeLensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }
    if (uri.startsWith('file:') && repository.chartOf(fileURLToPath(uri))) for (const d of documents.all()) if (d.uri.startsWith('file:') && repository.chartOfValues(fileURLToPath(d.uri))) schedulePush(d.uri);
  });
  documents.onDidOpen(() => workspaceChanged());
  documents.onDidClose((event) => {
    settings.forget(event.document.uri);
    const uri = event.document.uri;
    policySignatures.delete(uri);
    if (!support.pullDiagnostics) connection.sendDiagnostics({ uri, diagnostics: [] });
    if (uri.startsWith('file:')) loadFromDisk(uri);
    else models.delete(uri);
    workspaceChanged();
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
      return getCompletions(parsed.file, parsed.lines, offset, { snippetSupport: support.snippets, markdown: support.markdownCompletion, labels: knownLabels() });
    }),
  );

  connection.onHover(
    guard('hover', null, (params) => {
      const parsed = modelOf(params.textDocument.uri);
      if (!parsed) return null;
      const offset = parsed.lines.offsetAt(params.position);
      return getHover(parsed.file, parsed.lines, offset, { markdown: support.markdownHover, cluster: clusterView(), largestWins: (name) => workloads.largestWins(name) }) ?? workloads.hover(parsed, offset, support.markdownHover);
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

  connection.onCodeLens(
    guard('codeLens', [], (params) => {
      const parsed = modelOf(params.textDocument.uri);
      if (!parsed || !codeLensEnabled) return [];
      const policies = policiesOf(parsed);
      return [...(policies.length ? getCodeLenses(parsed.uri, policies, parsed.lines, clusterView()) : []), ...workloads.lenses(parsed)];
    }),
  );

  connection.onExecuteCommand(
    guard('executeCommand', null as unknown, async (params) => {
      const status = cluster?.status();
      switch (params.command) {
        case Commands.showMatches: {
          const arg = (params.arguments?.[0] ?? {}) as { policy?: unknown };
          const view = clusterView();
          const name = typeof arg.policy === 'string' ? arg.policy : '';
          const report = view?.evaluation?.report(name, 5000);
          const result: MatchReport = { policy: name, matched: report?.matched ?? 0, won: report?.won ?? 0, vmis: report?.vmis ?? [], status: view?.status ?? cluster!.status() };
          return result;
        }
        case Commands.explainVmi: {
          const arg = (params.arguments?.[0] ?? {}) as { uri?: unknown; namespace?: unknown; name?: unknown };
          return workloads.explain(arg, typeof arg.uri === 'string' ? modelOf(arg.uri) : undefined);
        }
        case Commands.drift: {
          const arg = (params.arguments?.[0] ?? {}) as { pageSize?: unknown };
          const pageSize = typeof arg.pageSize === 'number' && arg.pageSize >= 1 ? Math.floor(arg.pageSize) : 100;
          return driftAnswer(cluster, clusterView(), pageSize);
        }
        case Commands.refreshCluster:
          await cluster?.refresh();
          return cluster?.status() ?? null;
        case Commands.clusterStatus:
          return status ?? null;
        case Commands.listContexts: {
          const empty = (error: string): ContextList => ({ current: null, contexts: [], error });
          if (!clusterAccess) return empty('cluster access is off in an untrusted workspace');
          try {
            const found = await listContexts(clusterSettings.kubeconfig || undefined);
            const list: ContextList = { current: found.current ?? null, contexts: found.contexts.map((c) => ({ name: c.name, cluster: c.cluster, ...(c.server ? { server: c.server } : {}) })) };
            return list;
          } catch (e) {
            return empty((e as Error).message);
          }
        }
        default:
          return null;
      }
    }),
  );

  connection.onShutdown(() => cluster?.stop());

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
