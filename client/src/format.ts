// What the extension shows, as pure functions of the server's data: the status bar text and tooltip,
// the quick pick items of a MatchReport, the read-only VMI view, the new-policy snippet. No `vscode`
// import, so test/unit/client.test.ts runs them under Node.
import { newPolicyText } from '../../server/src/policy/newPolicy';
import type { ClusterStatus, MatchedVmi, MatchReport } from '../../server/src/protocol';
import { formatCount, groupedPlural as plural } from '../../server/src/text';

/** How the status bar item should look: `warning`/`error` choose its background colour. */
export type StatusLevel = 'ok' | 'busy' | 'off' | 'warning' | 'error';

export interface StatusView {
  text: string;
  /** Markdown, without commands: the caller adds its own links. */
  tooltip: string;
  level: StatusLevel;
}

export interface MatchItem {
  label: string;
  description: string;
  detail: string;
  vmi: MatchedVmi;
}

/** The scheme of the read-only VMI documents opened from a match list. */
export const VMI_SCHEME = 'migrationpolicy-vmi';

export { formatCount } from '../../server/src/text';

/** The short name of where cluster data comes from: the context, the snapshot's file name. */
export function sourceLabel(status: ClusterStatus): string {
  const source = status.source;
  switch (source.kind) {
    case 'kube':
      return source.context || 'kubeconfig';
    case 'snapshot':
      return source.demo ? 'demo snapshot' : baseName(source.path);
    case 'none':
      return 'no cluster';
  }
}

/** Cuts a message to `max` characters at a word boundary, with an ellipsis. */
export function shorten(message: string, max: number): string {
  const line = message.split('\n')[0].trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

function countsText(counts: ClusterStatus['counts']): string {
  return `${formatCount(counts.namespaces)} ns · ${plural(counts.vmis, 'VMI')} · ${plural(counts.policies, 'policy', 'policies')}`;
}

/** The status bar item for a cluster status; `trusted: false` adds what Restricted Mode changes. */
export function formatStatus(status: ClusterStatus, trusted = true): StatusView {
  const label = sourceLabel(status);
  const icon = status.source.kind === 'snapshot' ? '$(file)' : '$(server)';
  const state = status.state;
  let text: string;
  let level: StatusLevel;
  if (status.source.kind === 'none') {
    text = '$(circle-slash) no cluster';
    level = 'off';
  } else {
    switch (state.kind) {
      case 'loading':
        text = state.loaded && state.loaded.vmis > 0 ? `$(sync~spin) loading ${plural(state.loaded.vmis, 'VMI')}…` : `$(sync~spin) loading ${label}…`;
        level = 'busy';
        break;
      case 'ready':
        text = `${icon} ${label} · ${countsText(status.counts)}`;
        level = 'ok';
        break;
      case 'stale':
        text = `$(history) ${label} · ${plural(status.counts.vmis, 'VMI')} (stale)`;
        level = 'warning';
        break;
      case 'unreachable':
        text = '$(warning) cluster unreachable';
        level = 'warning';
        break;
      case 'unauthorized':
        text = '$(lock) unauthorized';
        level = 'error';
        break;
      case 'forbidden':
        text = `$(lock) forbidden: ${state.verb} ${state.resource}`;
        level = 'error';
        break;
      case 'error':
        text = `$(error) ${shorten(state.message, 48)}`;
        level = 'error';
        break;
      case 'disabled':
        text = '$(circle-slash) no cluster';
        level = 'off';
        break;
    }
  }
  return { text, tooltip: statusTooltip(status, trusted), level };
}

function statusTooltip(status: ClusterStatus, trusted: boolean): string {
  const lines = ['**KubeVirt MigrationPolicy: cluster data**', ''];
  const source = status.source;
  if (source.kind === 'kube') lines.push(`Source: kubeconfig context \`${source.context}\`${source.server ? ` (${source.server})` : ''}`);
  else if (source.kind === 'snapshot') lines.push(`Source: ${source.demo ? 'the demo snapshot bundled with the extension' : 'snapshot'} \`${source.path}\``);
  else lines.push(`Source: none${source.reason ? `: ${source.reason}` : ''}. Code lenses offer to connect, use a snapshot or try the demo.`);
  const state = status.state;
  const message = 'message' in state ? state.message : 'reason' in state ? state.reason : undefined;
  lines.push(`State: ${state.kind}${message ? `: ${message}` : ''}`);
  if (state.kind === 'loading' && state.loaded) lines.push(`Loaded so far: ${countsText(state.loaded)}`);
  if (state.kind !== 'loading' && source.kind !== 'none') {
    lines.push(`Loaded: ${plural(status.counts.namespaces, 'namespace')}, ${plural(status.counts.vmis, 'VMI')}, ${plural(status.counts.policies, 'policy', 'policies')}${status.loadedAt ? ` at ${status.loadedAt}` : ''}`);
  }
  if (status.kubevirtVersion) lines.push(`KubeVirt: ${status.kubevirtVersion}`);
  if (status.nextRetryAt) lines.push(`Next try: ${new Date(status.nextRetryAt).toLocaleTimeString()} (retried by itself; Refresh tries now)`);
  if (!trusted) lines.push('', 'Restricted Mode: no kubeconfig is read (its exec plugins run programs), so no live cluster; a snapshot file set in your user settings, or the demo you choose, still feeds the code lenses.');
  return lines.join('  \n');
}

/** The quick pick items of a match report: each VMI, the policy that wins it, and why. */
export function matchItems(report: MatchReport): MatchItem[] {
  return report.vmis.map((vmi) => ({
    label: `${vmi.namespace}/${vmi.name}`,
    description: vmi.winner === null ? '→ no policy' : vmi.winner === report.policy ? `→ ${vmi.winner} (this policy)` : `→ ${vmi.winner}`,
    detail: vmi.reason,
    vmi,
  }));
}

/** The quick pick's title: "databases matches 3 VMIs, wins 2 · kind-dev". */
export function matchTitle(report: MatchReport): string {
  return `${report.policy} matches ${plural(report.matched, 'VMI')}, wins ${formatCount(report.won)} · ${sourceLabel(report.status)}`;
}

/** The path of a VMI's virtual document: `/<policy>/<namespace>/<name>.yaml`. */
export function vmiPath(policy: string, vmi: MatchedVmi): string {
  return `/${encodeURIComponent(policy)}/${encodeURIComponent(vmi.namespace)}/${encodeURIComponent(vmi.name)}.yaml`;
}

/** The read-only view of one VMI from a match report, as YAML with a header comment. */
export function vmiDocument(report: MatchReport, vmi: MatchedVmi): string {
  const header = [
    `# VirtualMachineInstance ${vmi.namespace}/${vmi.name}, as matched against MigrationPolicy "${report.policy}"`,
    `# Cluster data: ${sourceLabel(report.status)}${report.status.loadedAt ? `, read at ${report.status.loadedAt}` : ''}. Read-only.`,
  ];
  return `${header.join('\n')}\n${toYaml(vmi as unknown as Record<string, unknown>, 0)}`;
}

const PLAIN = /^[A-Za-z0-9_./(][A-Za-z0-9_./ ()',;=+-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9.].*)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  return PLAIN.test(s) && !YAML_WORDS.test(s) && !s.endsWith(' ') ? s : JSON.stringify(s);
}

function key(k: string): string {
  return PLAIN.test(k) && !YAML_WORDS.test(k) && !k.includes(' ') ? k : JSON.stringify(k);
}

/** A small YAML writer for the plain JSON values of a report (maps, lists, scalars). */
function toYaml(value: Record<string, unknown>, depth: number): string {
  const pad = '  '.repeat(depth);
  let out = '';
  for (const [k, v] of Object.entries(value)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.keys(v);
      out += entries.length ? `${pad}${key(k)}:\n${toYaml(v as Record<string, unknown>, depth + 1)}` : `${pad}${key(k)}: {}\n`;
    } else if (Array.isArray(v)) {
      out += v.length ? `${pad}${key(k)}:\n${v.map((item) => `${pad}- ${item && typeof item === 'object' ? JSON.stringify(item) : scalar(item)}\n`).join('')}` : `${pad}${key(k)}: []\n`;
    } else {
      out += `${pad}${key(k)}: ${scalar(v)}\n`;
    }
  }
  return out;
}

export { mentionsMigrationPolicy } from '../../server/src/document/policies';
export { mentionsWorkload } from '../../server/src/document/workloads';

/** The new-policy snippet (VS Code snippet syntax) for a YAML or JSON file. */
export function policySnippet(language: 'yaml' | 'json'): string {
  const settings = [
    ['bandwidthPerMigration', '64Mi'],
    ['completionTimeoutPerGiB', '150'],
  ] as const;
  if (language === 'json') return `${newPolicyText({ syntax: 'json', snippet: true, vmiLabel: ['workload-type', 'db'], settings, inlineSmallObjects: true })}\n`;
  const choice = { choices: ['false', 'true'] };
  const text = newPolicyText({ syntax: 'yaml', snippet: true, namespaceLabel: ['kubernetes.io/metadata.name', 'default'], vmiLabel: ['workload-type', 'db'], settings: [...settings, ['allowAutoConverge', choice], ['allowPostCopy', choice]] });
  return `${text}\n$0`;
}

/**
 * Where and how to insert a new policy into a file: at the end, after `---` when the file already
 * holds something. A JSON file holds one object, so only an empty one takes a policy.
 */
export function policyInsertion(text: string, language: 'yaml' | 'json'): { snippet: string; atEnd: boolean } | { error: string } {
  const empty = text.trim() === '';
  if (language === 'json') return empty ? { snippet: policySnippet('json'), atEnd: true } : { error: 'A JSON file holds one object: insert the policy into an empty file or a YAML file.' };
  if (empty) return { snippet: policySnippet('yaml'), atEnd: true };
  const separator = /(^|\n)---\s*$/.test(text.trimEnd()) ? '' : '---\n';
  const newline = text.endsWith('\n') ? '' : '\n';
  return { snippet: `${newline}${separator}${policySnippet('yaml')}`, atEnd: true };
}
