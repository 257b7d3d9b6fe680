// The language server over a connection: one capability table gated on what the client supports,
// handlers of a few lines each inside a guarded, cancellable wrapper, diagnostics pulled or pushed.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
} from 'vscode-languageserver';
import type { CancellationToken, Connection, Diagnostic, InitializeParams, InitializeResult } from 'vscode-languageserver';
import type { Inventory } from '../cluster/inventory';
import { listContexts } from '../cluster/kubeconfig';
import type { PolicyInfo } from '../cluster/types';
import type { ClusterView } from '../features/clusterView';
import { LSP_SEVERITY } from '../features/diagnostics';
import { getJsonSchema } from '../policy/schema';
import { getCodeActions } from '../features/codeActions';
import { getCodeLenses } from '../features/codeLens';
import type { LensMemo } from '../features/codeLens';
import { clusterValidationOptions, isDemo, selectWhatIfPolicies, unnamedPolicies } from '../features/clusterView';
import { getCompletions } from '../features/completion';
import { FileCrossPolicy, indexBySelectors } from '../features/crossPolicy';
import { getFoldingRanges } from '../features/folding';
import { getHover } from '../features/hover';
import { getInlayHints } from '../features/inlayHints';
import { getSelectionRanges } from '../features/selectionRanges';
import { mergeKnownLabels } from '../features/selectorLabels';
import type { KnownLabels } from '../features/selectorLabels';
import { getDocumentSymbols } from '../features/symbols';
import { documentNamespaces } from '../features/workloads';
import type { ValidationOptions } from '../features/validation';
import { Commands, LensCommands } from '../protocol';
import type { ContextList, DriftArgs, ExplainVmiArgs, MatchReport, ShowMatchesArgs, Untrusted } from '../protocol';
import { ClusterManager, DEFAULT_CLUSTER_SETTINGS } from './cluster';
import { DiagnosticsScheduler, DocumentDiagnosticsCache, StaleWork } from './diagnostics';
import type { Slicer } from './diagnostics';
import { EditLog } from './documents';
import type { ParsedDocument } from './documents';
import { WhatIfWorkspacePolicies, WorkspaceEvaluation } from './evaluation';
import { initializeResult, readClientSupport, SERVER_NAME, SERVER_VERSION } from './capabilities';
import type { ClientSupport } from './capabilities';
import { SettingsCache } from './settings';
import type { Settings, WindowSettings } from './settings';
import { chartTemplateFiles, RepositoryContext } from '../context';
import { parseFile } from '../document/file';
import { plural } from '../text';
import type { DocumentModel, FileModel } from '../document/model';
import { getValuesDiagnostics } from '../features/helmValues';
import { readRegularFileSync } from '../files';
import { filePathOf, parseClusterAccess } from './guards';
import { Workspace } from './workspace';
import { driftAnswer, WorkloadSupport } from './workloads';
import type { IndexChange } from './workspaceIndex';
import { GarbageCheckpoint } from './memory';

export { SERVER_NAME, SERVER_VERSION };
/** A chart template read from disk for its values.yaml (open and scanned ones come from the workspace). */
const MAX_TEMPLATE_FILE = 1024 * 1024;
/** How long a code lens request of a client without workspace/codeLens/refresh waits for the first cluster reading. */
const FIRST_READING_WAIT_MS = 5000;
/** An open of a file this long is bulk work: its first diagnostics are followed by a garbage checkpoint (lsp/memory.ts). */
const LARGE_OPEN_CHARS = 256 * 1024;

/** Starts the server on a connection and returns when handlers are registered. */
export function startServer(connection: Connection): void {
  const edits = new EditLog();
  const documents = new TextDocuments(edits.configuration());
  const garbage = new GarbageCheckpoint();
  /** Large files opened whose first diagnostics are not computed yet. */
  const largeOpens = new Set<string>();
  const repository = new RepositoryContext();
  const workspace = new Workspace(
    documents,
    (uri) => {
      const file = filePathOf(uri);
      return file ? repository.modeOf(file) : 'complete';
    },
    edits,
  );
  const settings = new SettingsCache(connection);
  /** The workspace's policies that take part in what-if evaluation (selectWhatIfPolicies' rule, as in `migrationpolicy match`). */
  const whatIf = new WhatIfWorkspacePolicies(workspace.index, () => {
    if (!cluster?.hasData()) return { policies: [], leftOut: new Map() };
    const options = clusterValidationOptions(cluster.kubevirt());
    const key = JSON.stringify(options);
    const files = [...workspace.models.entries()]
      .filter((m) => workspace.index.has(m.uri))
      .map((m) => {
        const parsed = workspace.parsed(m.uri) ?? m;
        return { uri: parsed.uri, file: parsed.file, name: workspace.displayName(parsed.uri), lines: parsed.lines };
      });
    return selectWhatIfPolicies(files, options, (f) => workspace.index.policies(f.uri), (doc) => workspace.models.findingsOf(doc, options, key));
  }, whatIfContext, (model) => {
    const options = clusterValidationOptions(cluster?.kubevirt());
    let errors = 0;
    for (const f of workspace.models.findingsOf(model, options, JSON.stringify(options))) if (f.severity === 'error') errors++;
    return errors || (model.hasSyntaxErrors ? 1 : 0);
  });
  /** What the what-if rule depends on besides the files: cluster data and the validation options it implies. */
  function whatIfContext(): string | undefined {
    return cluster?.hasData() ? JSON.stringify(clusterValidationOptions(cluster.kubevirt())) : undefined;
  }
  const evaluation = new WorkspaceEvaluation(whatIf);
  /** The VS Code extension shows match reports itself; other clients get a message. */
  let presentsMatches = false;
  const log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);
  let support: ClientSupport = readClientSupport({});
  let clusterAccess = true;
  let initialClusterSettings: unknown;
  let windowSettings: WindowSettings = { cluster: DEFAULT_CLUSTER_SETTINGS, codeLensEnabled: true };
  let cluster: ClusterManager | undefined;
  let clusterLabels: { workspace: KnownLabels; inventory: Inventory; labels: KnownLabels } | undefined;

  const scheduler = new DiagnosticsScheduler({
    get pull() {
      return support.pullDiagnostics;
    },
    get refreshSupport() {
      return support.diagnosticRefresh;
    },
    version: (uri) => documents.get(uri)?.version,
    openUris: () => documents.keys(),
    compute: async (uri, slicer) => {
      const diagnostics = await diagnose(uri, slicer);
      if (largeOpens.delete(uri)) garbage.afterBulkWork();
      return diagnostics;
    },
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    requestRefresh: () => void connection.languages.diagnostics.refresh().catch(() => undefined),
    error: (message) => connection.console.error(message),
  });
  const documentDiagnostics = new DocumentDiagnosticsCache();
  const workloads = new WorkloadSupport({
    models: () => [...workspace.models.entries()],
    view: () => cluster?.current(),
    workspacePolicies: () => workspace.index.allPolicies(),
  });

  /** Runs a handler; a failure is logged and answered with the fallback, never a dead server. */
  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      scheduler.noteRequest();
      garbage.noteActivity();
      if (token?.isCancellationRequested) return fallback;
      try {
        const result = await handler(params, token);
        return token?.isCancellationRequested ? fallback : result;
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        const err = e as Error;
        connection.console.error(`${name} failed: ${err.stack ?? err.message}`);
        return fallback;
      }
    };
  }

  /** A handler of an open document's parsed model: none (the fallback) when the document is not open. */
  function withModel<P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, handler: (parsed: ParsedDocument, params: P, token: CancellationToken) => R | Promise<R>) {
    return guard<P, R>(name, fallback, (params, token) => {
      const parsed = workspace.parsed(params.textDocument.uri);
      return parsed ? handler(parsed, params, token) : fallback;
    });
  }

  /** Settings win; otherwise the KubeVirt CR of the cluster data says which version and gates apply. */
  function validationOptions(s: Settings): ValidationOptions {
    const options: ValidationOptions = {};
    const kubevirt = cluster?.current().inventory?.kubevirt;
    const version = s.kubevirtVersion || kubevirt?.version;
    if (version) options.kubevirtVersion = version;
    if (s.featureGates) options.featureGates = s.featureGates;
    else if (kubevirt) options.featureGates = [...kubevirt.featureGates];
    return options;
  }

  /** The cluster's policies by selectors, for identical-selector checks (once per inventory). */
  const clusterSelectorIndex = new WeakMap<Inventory, Map<string, PolicyInfo[]>>();
  /** Each `---` document's policies without a name, for the lenses (unchanged documents keep their model). */
  const unnamedCache = new WeakMap<DocumentModel, ReturnType<typeof unnamedPolicies>>();
  const unnamedOf = (model: DocumentModel) => {
    let found = unnamedCache.get(model);
    if (!found) unnamedCache.set(model, (found = unnamedPolicies({ text: model.text, language: 'yaml', documents: [{ offset: 0, model }] })));
    return found;
  };
  function clusterSelectors(view: ClusterView | undefined): (key: string) => readonly PolicyInfo[] {
    const inventory = view?.inventory;
    if (!inventory) return () => [];
    let index = clusterSelectorIndex.get(inventory);
    if (!index) clusterSelectorIndex.set(inventory, (index = indexBySelectors(inventory.policies)));
    return (key) => index.get(key) ?? [];
  }

  /** Policies' lenses, reused while their policy and the cluster view stay (unchanged documents keep their PolicyInfo). */
  const lensMemo: LensMemo = new WeakMap();

  /** Cross-policy verdicts per file, re-judged where a name, selectors or the cluster view changed. */
  const crossPolicy = new Map<string, FileCrossPolicy>();

  /** A file's diagnostics: cached per `---` document, cross-policy ones from the indexes; sliced. */
  async function diagnose(uri: string, slicer?: Slicer): Promise<Diagnostic[]> {
    const parsed = workspace.parsed(uri);
    if (!parsed) return [];
    const s = await settings.get(uri);
    const options = validationOptions(s);
    const key = JSON.stringify(options);
    const diagnostics = await documentDiagnostics.fileDiagnostics(parsed.file, parsed.lines, key, (doc) => workspace.models.findingsOf(doc, options, key), slicer, uri);
    diagnostics.push(...chartValuesDiagnostics(parsed, options));
    if (slicer?.due()) await slicer.checkpoint();
    if (workspace.index.has(uri)) {
      const policies = workspace.index.policies(uri);
      const view = cluster?.current();
      let judge = crossPolicy.get(uri);
      if (!judge) crossPolicy.set(uri, (judge = new FileCrossPolicy()));
      if (policies.length) diagnostics.push(...judge.diagnostics(parsed, policies, workspace.index.lookup(uri, clusterSelectors(view)), view, workspace.index.stateFor(uri)));
    }
    return applySeverityOverrides(diagnostics, s);
  }

  /** A chart's values.yaml, checked through the policy fields its templates (open or on disk) fill from it. */
  function chartValuesDiagnostics(parsed: ParsedDocument, options: ValidationOptions): Diagnostic[] {
    const file = filePathOf(parsed.uri);
    const chart = file && repository.chartOfValues(file);
    if (!chart) return [];
    const templates = chartTemplateFiles(chart).flatMap((template) => {
      const model = workspace.parsed(pathToFileURL(template).toString()) ?? readTemplate(template);
      return model ? [{ name: path.relative(chart, template).split(path.sep).join('/'), file: model.file }] : [];
    });
    return getValuesDiagnostics(parsed, templates, options);
  }

  function readTemplate(file: string): { file: FileModel } | undefined {
    try {
      return { file: parseFile(readRegularFileSync(file, MAX_TEMPLATE_FILE), 'yaml', undefined, 'helm-template') };
    } catch {
      return undefined;
    }
  }

  /** Labels for completion: the workspace's selectors, plus the cluster's namespace and VMI labels (merged on first use). */
  function knownLabels(): KnownLabels {
    const own = workspace.index.labels();
    const view = cluster?.current();
    const inventory = view?.inventory;
    if (!inventory) return own;
    if (clusterLabels?.workspace !== own || clusterLabels.inventory !== inventory) {
      let merged: KnownLabels | undefined;
      const named = () => {
        const counts = inventory.labelCounts();
        // Demo data is named as the demo wherever it shows.
        return isDemo(view) ? { namespace: counts.namespace.map((l) => ({ ...l, source: 'the demo cluster' })), vmi: counts.vmi.map((l) => ({ ...l, source: 'the demo cluster' })) } : counts;
      };
      const labels = () => (merged ??= mergeKnownLabels(own, named()));
      clusterLabels = {
        workspace: own,
        inventory,
        labels: {
          get namespace() {
            return labels().namespace;
          },
          get vmi() {
            return labels().vmi;
          },
        },
      };
    }
    return clusterLabels.labels;
  }

  /** After an edit, a close or a file event: what other files and the cluster evaluation must redo. */
  function indexChanged(change: IndexChange, uri?: string): void {
    // An edit can make a policy rejected (or valid again) without touching its name or selectors.
    const whatIfChanged = applyWhatIf(change);
    if (change.policies || whatIfChanged || !keepsWorkloadContext(uri)) workloads.invalidate();
    if (!change.policies && !whatIfChanged) return;
    cluster?.invalidate();
    if (uri) scheduler.dependenciesChanged(uri);
    else scheduler.refresh();
    // VM lenses of other files name the winning policy: ask for them again.
    if (support.codeLensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  /**
   * Whether the latest index update (an edit of `uri` that changed no policy's name or selectors and
   * not the what-if choice) leaves the VM features' context as it was: its policies come from the
   * cluster evaluation, which keeps its policies' objects through such an edit, and no Namespace
   * manifest came, went or changed.
   */
  function keepsWorkloadContext(uri: string | undefined): boolean {
    const replaced = workspace.index.lastReplaced;
    if (!uri || !cluster?.hasData() || !replaced || replaced.uri !== uri || replaced.sequence !== workspace.index.updates) return false;
    for (const d of [...replaced.before, ...replaced.after]) if (documentNamespaces(d.model).length) return false;
    return true;
  }

  /** Applies the what-if rule to the workspace now; true when the evaluation or the left-out reasons changed. */
  function applyWhatIf(change?: IndexChange): boolean {
    if (!cluster) return false;
    const changed = whatIf.update(change);
    // Always: an edit inside a rejected policy replaces its PolicyInfo (the lens looks reasons up by it)
    // even when the names and reasons stay the same; then the view stays, with the new map.
    cluster.setLeftOut(whatIf.leftOut, !changed);
    return changed;
  }

  /** Asks the client to pull diagnostics, lenses (and hints) again, or pushes diagnostics anew. */
  function refreshEverything(hints = false): void {
    scheduler.refresh();
    if (support.codeLensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (hints && support.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  async function configureCluster(): Promise<void> {
    windowSettings = await settings.window(initialClusterSettings);
    if (!cluster) {
      cluster = new ClusterManager(connection, log, { clusterAccess, progress: support.progress, garbage });
      cluster.setEvaluator((inventory) => evaluation.evaluate(inventory));
      cluster.onChange(() => {
        workloads.invalidate();
        applyWhatIf();
        const snapshot = cluster?.snapshotFile();
        workspace.exclude(snapshot ? pathToFileURL(snapshot).toString() : undefined);
        refreshEverything();
      });
    }
    cluster.configure(windowSettings.cluster);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    support = readClientSupport(params.capabilities);
    settings.enable(support.configuration);
    for (const folder of params.workspaceFolders ?? []) {
      const root = filePathOf(folder.uri);
      if (root) workspace.roots.push(root);
    }
    const rootPath = params.workspaceFolders?.length ? undefined : filePathOf(params.rootUri ?? '');
    if (rootPath) workspace.roots.push(rootPath);
    const init = (params.initializationOptions ?? {}) as { clusterAccess?: unknown; cluster?: unknown; presentsMatches?: unknown };
    presentsMatches = init.presentsMatches === true;
    // Only the boolean true (or no value, from a client without workspace trust) allows reading a kubeconfig.
    clusterAccess = parseClusterAccess(init.clusterAccess, log);
    initialClusterSettings = init.cluster;
    return initializeResult(support);
  });

  connection.onInitialized(() => {
    if (support.watchedFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] }).catch(() => undefined);
    }
    workspace
      .scan()
      .then((read) => log(`read ${read} workspace file(s) holding MigrationPolicy documents`))
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
    for (const change of params.changes) indexChanged(workspace.fileChanged(change.uri, change.type === FileChangeType.Deleted));
  });

  // Cross-file diagnostics (duplicate names, identical selectors, shadowing) of other open files change
  // only when a file's policy names or selectors change: then those files are diagnosed again too.
  documents.onDidChangeContent((event) => {
    garbage.noteActivity();
    const change = workspace.changed(event.document);
    scheduler.schedule(event.document.uri);
    // A chart template changed: the chart's values.yaml is checked through it.
    const file = filePathOf(event.document.uri);
    if (file && repository.chartOf(file)) {
      for (const d of documents.all()) {
        const other = filePathOf(d.uri);
        if (other && repository.chartOfValues(other)) scheduler.schedule(d.uri);
      }
    }
    indexChanged(change, event.document.uri);
  });
  documents.onDidOpen((event) => {
    if (event.document.getText().length >= LARGE_OPEN_CHARS) largeOpens.add(event.document.uri);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    largeOpens.delete(uri);
    settings.forget(uri);
    crossPolicy.delete(uri);
    documentDiagnostics.forget(uri);
    if (!support.pullDiagnostics) connection.sendDiagnostics({ uri, diagnostics: [] });
    indexChanged(workspace.closed(uri), uri);
  });

  connection.languages.diagnostics.on(async (params, token) => {
    try {
      return { kind: DocumentDiagnosticReportKind.Full, items: await scheduler.pullDiagnostics(params.textDocument.uri, () => token.isCancellationRequested) };
    } catch (e) {
      if (e instanceof StaleWork) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.', { retriggerRequest: true });
      connection.console.error(`diagnostics failed: ${(e as Error).stack ?? (e as Error).message}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  connection.onCompletion(
    withModel('completion', null, (parsed, params) =>
      getCompletions(parsed, parsed.lines.offsetAt(params.position), { snippetSupport: support.snippets, markdown: support.markdownCompletion, labels: knownLabels() }),
    ),
  );

  connection.onHover(
    withModel('hover', null, (parsed, params) => {
      const offset = parsed.lines.offsetAt(params.position);
      return getHover(parsed, offset, { markdown: support.markdownHover, cluster: cluster?.current(), largestWins: (name) => workloads.largestWins(name) }) ?? workloads.hover(parsed, offset, support.markdownHover);
    }),
  );

  connection.onCodeAction(
    withModel('codeAction', [], (parsed, params) => {
      const actions = getCodeActions(parsed, params.context.diagnostics);
      const only = params.context.only;
      return only?.length ? actions.filter((a) => only.some((kind) => a.kind === kind || a.kind?.startsWith(`${kind}.`))) : actions;
    }),
  );

  connection.onDocumentSymbol(withModel('documentSymbol', [], (parsed) => getDocumentSymbols(parsed)));

  connection.onFoldingRanges(withModel('foldingRange', [], (parsed) => getFoldingRanges(parsed)));

  connection.onSelectionRanges(
    withModel('selectionRange', [], (parsed, params) =>
      getSelectionRanges(
        parsed,
        params.positions.map((p) => parsed.lines.offsetAt(p)),
      ),
    ),
  );

  connection.languages.inlayHint.on(
    withModel('inlayHint', [], async (parsed, params) => {
      const s = await settings.get(parsed.uri);
      if (!s.inlayHints.bandwidth && !s.inlayHints.timeout) return [];
      return getInlayHints(parsed, { start: parsed.lines.offsetAt(params.range.start), end: parsed.lines.offsetAt(params.range.end) }, s.inlayHints);
    }),
  );

  connection.onCodeLens(
    withModel('codeLens', [], async (parsed) => {
      // A client that cannot be asked to refresh lenses (Neovim 0.7) would keep a "loading" lens: it gets
      // its answer once the first reading is in, waiting at most FIRST_READING_WAIT_MS.
      if (!support.codeLensRefresh) await firstReading();
      if (!windowSettings.codeLensEnabled) return [];
      const current = workspace.parsed(parsed.uri) ?? parsed;
      const policies = workspace.index.has(current.uri) ? workspace.index.policies(current.uri) : [];
      const unnamed = current.file.documents.flatMap(({ offset, model }) => unnamedOf(model).map((u) => ({ offset, map: u.map })));
      const vmLenses = workloads.lenses(current);
      return [...(policies.length || unnamed.length ? getCodeLenses(current, policies, cluster?.current(), unnamed, lensMemo) : []), ...vmLenses];
    }),
  );

  /** Resolves when the cluster has a first reading or a final state, or after FIRST_READING_WAIT_MS. */
  function firstReading(): Promise<void> {
    const settled = () => {
      if (!cluster) return false;
      const state = cluster.status().state.kind;
      return cluster.hasData() || state !== 'loading';
    };
    if (settled()) return Promise.resolve();
    return new Promise((resolve) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (settled() || Date.now() - started > FIRST_READING_WAIT_MS) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
  }

  connection.onExecuteCommand(
    guard('executeCommand', null as unknown, async (params) => {
      const status = cluster?.status();
      switch (params.command) {
        case Commands.showMatches: {
          const arg: unknown = params.arguments?.[0];
          const view = cluster?.current();
          const policy = typeof arg === 'object' && arg !== null ? (arg as Untrusted<Exclude<ShowMatchesArgs, string>>).policy : arg;
          const name = typeof policy === 'string' ? policy : '';
          const report = view?.evaluation?.report(name, 5000);
          const result: MatchReport = { policy: name, matched: report?.matched ?? 0, won: report?.won ?? 0, vmis: report?.vmis ?? [], status: view?.status ?? cluster!.status() };
          // Editors without the VS Code extension's match list get the report as a message too.
          if (!presentsMatches) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: describeMatchReport(result, isDemo(view)) });
          return result;
        }
        case Commands.explainVmi: {
          const arg = (params.arguments?.[0] ?? {}) as Untrusted<ExplainVmiArgs>;
          return workloads.explain(arg, typeof arg.uri === 'string' ? workspace.parsed(arg.uri) : undefined);
        }
        case Commands.drift: {
          const arg = (params.arguments?.[0] ?? {}) as Untrusted<DriftArgs>;
          const pageSize = typeof arg.pageSize === 'number' && arg.pageSize >= 1 ? Math.floor(arg.pageSize) : 100;
          return driftAnswer(cluster, cluster?.current(), pageSize);
        }
        case Commands.refreshCluster:
          await cluster?.refresh();
          return cluster?.status() ?? null;
        case Commands.jsonSchema:
          return getJsonSchema();
        case Commands.clusterStatus:
          return status ?? null;
        case Commands.listContexts: {
          const empty = (error: string): ContextList => ({ current: null, contexts: [], error });
          if (!clusterAccess) return empty('cluster access is off in an untrusted workspace');
          try {
            const found = await listContexts(windowSettings.cluster.kubeconfig || undefined);
            const list: ContextList = { current: found.current ?? null, contexts: found.contexts.map((c) => ({ name: c.name, cluster: c.cluster, ...(c.server ? { server: c.server } : {}) })) };
            return list;
          } catch (e) {
            return empty((e as Error).message);
          }
        }
        case LensCommands.clusterActions:
        case LensCommands.connect:
        case LensCommands.useSnapshot:
        case LensCommands.useDemo: {
          // The VS Code extension runs these itself; other editors get told which setting to change.
          const how: Record<string, string> = {
            [LensCommands.clusterActions]: `No cluster data${status?.source.kind === 'none' && status.source.reason ? ` (${status.source.reason})` : ''}. Set migrationpolicy.cluster.source to kube, snapshot or demo in the server settings.`,
            [LensCommands.connect]: 'To read a live cluster, set migrationpolicy.cluster.source to "kube" (and cluster.context, cluster.kubeconfig if needed) in the server settings.',
            [LensCommands.useSnapshot]: 'To use a snapshot, set migrationpolicy.cluster.source to "snapshot" and cluster.snapshot to the file kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml wrote.',
            [LensCommands.useDemo]: 'To try the demo cluster (made-up data, labelled as the demo), set migrationpolicy.cluster.source to "demo" in the server settings.',
          };
          void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: how[params.command] });
          return { message: how[params.command] };
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

/** Applies the user's per-code severity overrides (`off` removes the diagnostic). */
export function applySeverityOverrides(diagnostics: Diagnostic[], s: Settings): Diagnostic[] {
  if (Object.keys(s.severity).length === 0) return diagnostics;
  const result: Diagnostic[] = [];
  for (const d of diagnostics) {
    const override = s.severity[d.code as keyof Settings['severity']];
    if (override === 'off') continue;
    result.push(override ? { ...d, severity: LSP_SEVERITY[override] } : d);
  }
  return result;
}

/** A match report in a few lines, for editors that show a command's result only as a message. */
export function describeMatchReport(report: MatchReport, demo: boolean): string {
  const where = demo ? ' (demo cluster)' : '';
  if (!report.matched) return `${report.policy}${where}: matches no VMI.`;
  const lines = [`${report.policy}${where}: matches ${plural(report.matched, 'VMI')}, wins ${report.won}.`];
  for (const v of report.vmis.slice(0, 20)) lines.push(`${v.namespace}/${v.name} → ${v.winner ?? 'no policy'}${v.winner === report.policy ? '' : ` (${v.reason})`}`);
  if (report.vmis.length > 20) lines.push(`… and ${report.vmis.length - 20} more`);
  return lines.join('\n');
}
