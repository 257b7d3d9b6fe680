// The one settings reader: per-resource settings read through `workspace/configuration` (section
// `migrationpolicy`), cached per uri, and the window-wide ones (cluster source, code lenses); all
// dropped when the client says the configuration changed. No global mutable settings.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_CLUSTER_SETTINGS, normaliseClusterSettings } from './cluster';
import type { ClusterSettings } from './cluster';
import type { Severity } from '../document/model';
import { DIAGNOSTIC_CODES } from '../features/codes';
import type { DiagnosticCode } from '../features/codes';

export type SeverityOverride = Severity | 'off';

export interface Settings {
  /** KubeVirt version the policies target (`v1.8.0`, `main`); empty: the newest. */
  kubevirtVersion: string;
  /** Feature gates the cluster enables; undefined when unknown. */
  featureGates: string[] | undefined;
  /** Per-code severity overrides, e.g. `{ "catch-all": "off", "bandwidth-small": "error" }`. */
  severity: Partial<Record<DiagnosticCode, SeverityOverride>>;
  inlayHints: { bandwidth: boolean; timeout: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  kubevirtVersion: '',
  featureGates: undefined,
  severity: {},
  inlayHints: { bandwidth: true, timeout: true },
};

/** Settings of the whole window: where cluster data comes from, and whether lenses show it. */
export interface WindowSettings {
  cluster: ClusterSettings;
  codeLensEnabled: boolean;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Checks and normalises what the client sent; unknown or ill-typed entries fall back to defaults. */
export function normaliseSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const severity: Settings['severity'] = {};
  if (r.severity && typeof r.severity === 'object') {
    for (const [code, value] of Object.entries(r.severity as Record<string, unknown>)) {
      if (code in DIAGNOSTIC_CODES && typeof value === 'string' && SEVERITIES.has(value)) severity[code as DiagnosticCode] = value as SeverityOverride;
    }
  }
  const hints = (r.inlayHints && typeof r.inlayHints === 'object' ? r.inlayHints : {}) as Record<string, unknown>;
  return {
    kubevirtVersion: typeof r.kubevirtVersion === 'string' ? r.kubevirtVersion.trim() : '',
    featureGates: Array.isArray(r.featureGates) ? r.featureGates.filter((g): g is string => typeof g === 'string') : undefined,
    severity,
    inlayHints: {
      bandwidth: typeof hints.bandwidth === 'boolean' ? hints.bandwidth : true,
      timeout: typeof hints.timeout === 'boolean' ? hints.timeout : true,
    },
  };
}

/** Reads settings per resource, caching each uri's promise until the configuration changes. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  private supported = false;

  constructor(private readonly connection: Connection) {}

  /** Whether the client answers `workspace/configuration`; otherwise defaults are used. */
  enable(supported: boolean): void {
    this.supported = supported;
  }

  /**
   * The window-wide settings. Without `workspace/configuration`, the cluster settings come from the
   * initialization options (`initial`), for editors that send them there.
   */
  async window(initial: unknown): Promise<WindowSettings> {
    if (!this.supported) return { cluster: initial ? normaliseClusterSettings(initial) : DEFAULT_CLUSTER_SETTINGS, codeLensEnabled: true };
    const raw = (await this.connection.workspace.getConfiguration('migrationpolicy').catch(() => undefined)) as Record<string, unknown> | undefined;
    const lens = raw?.codeLens as { enabled?: unknown } | undefined;
    return { cluster: normaliseClusterSettings(raw?.cluster), codeLensEnabled: typeof lens?.enabled === 'boolean' ? lens.enabled : true };
  }

  get(uri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'migrationpolicy' })
        .then(normaliseSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}
