// Diagnostics that need more than one policy: identical selectors (and who wins), policies that
// match VMIs but win none, and names used twice across the workspace. Pure; the LSP layer passes
// the workspace's policies and the cluster view.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PolicyInfo } from '../cluster/types';
import type { ParsedFile } from '../document/file';
import { compareNames } from '../policy/matching';
import { clusterName, isDemo } from './clusterView';
import type { ClusterView, FilePolicy } from './clusterView';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { plural } from '../text';

/** A policy of another workspace file, for duplicate-name and identical-selector checks. */
export interface OtherPolicy {
  info: PolicyInfo;
  /** Where it is written, for the message (`policies/db.yaml:4`). */
  location: string;
}

/**
 * What the cross-policy checks ask of the rest of the workspace and of the cluster, answered from
 * indexes (lsp/workspaceIndex.ts keeps them per `---` document) so that a file costs O(its policies).
 */
export interface PolicyLookup {
  /** Policies of other workspace files with this name. */
  namedElsewhere(name: string): Iterable<OtherPolicy>;
  /** Policies of other workspace files with these selectors (a `selectorKey`). */
  selectorsElsewhere(key: string): Iterable<OtherPolicy>;
  /** The cluster's policies with these selectors. */
  clusterSelectors(key: string): readonly PolicyInfo[];
}

/** One string per distinct pair of selectors: equal keys, equal selectors. Undefined without selectors. */
export function selectorKey(p: PolicyInfo): string | undefined {
  if (!p.hasSelectors) return undefined;
  return `${labelsKey(p.vmiSelector)}\u0001${labelsKey(p.namespaceSelector)}`;
}

function labelsKey(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  let key = '';
  for (const k of keys) key += `${k}\u0000${labels[k]}\u0000`;
  return key;
}

/** The cluster's policies by `selectorKey`, for `PolicyLookup.clusterSelectors`. */
export function indexBySelectors(policies: readonly PolicyInfo[]): Map<string, PolicyInfo[]> {
  const index = new Map<string, PolicyInfo[]>();
  for (const p of policies) {
    const key = selectorKey(p);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(p);
    else index.set(key, [p]);
  }
  return index;
}

/** A lookup over plain lists (the CLI and tests); the server keeps incremental indexes instead. */
export function listLookup(others: readonly OtherPolicy[], clusterPolicies: readonly PolicyInfo[] = []): PolicyLookup {
  const byName = new Map<string, OtherPolicy[]>();
  const bySelectors = new Map<string, OtherPolicy[]>();
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const o of others) {
    add(byName, o.info.name, o);
    const key = selectorKey(o.info);
    if (key !== undefined) add(bySelectors, key, o);
  }
  const cluster = indexBySelectors(clusterPolicies);
  return { namedElsewhere: (name) => byName.get(name) ?? [], selectorsElsewhere: (key) => bySelectors.get(key) ?? [], clusterSelectors: (key) => cluster.get(key) ?? [] };
}

/** A policy's memo key: its name and its selectors (all its findings depend on). */
const memoKeyCache = new WeakMap<PolicyInfo, string>();
function memoKey(info: PolicyInfo, key: string | undefined): string {
  let memo = memoKeyCache.get(info);
  if (memo === undefined) memoKeyCache.set(info, (memo = `${info.name}\u0000${key ?? ''}`));
  return memo;
}

/** "a, b (this file), c (q.yaml:4)": names, each place said once for a run of names written there. */
function listByPlace(members: readonly { name: string; where: string }[]): string {
  let text = '';
  members.forEach((m, i) => {
    text += m.name;
    const next = members[i + 1];
    if (!next || next.where !== m.where) text += ` (${m.where})`;
    if (next) text += ', ';
  });
  return text;
}

/** Cross-policy diagnostics for the policies of one file, against plain lists of the others. */
export function getCrossPolicyDiagnostics(document: Pick<ParsedFile, 'lines'>, policies: FilePolicy[], others: readonly OtherPolicy[], view: ClusterView | undefined): Diagnostic[] {
  return findCrossPolicyDiagnostics(document, policies, listLookup(others, view?.inventory?.policies), view);
}

interface SelectorGroup {
  members: { info: PolicyInfo; where: string }[];
  /** How many members carry each name. */
  names: Map<string, number>;
  /** The name that sorts first: it wins every VMI all members match (KubeVirt's tie-break). */
  first: string;
}

/** A cross-policy diagnostic without its range: what a policy of some name and selectors is told. */
export type CrossPolicyFinding = Omit<Diagnostic, 'range'>;

/**
 * Cross-policy diagnostics for the policies of one file, judged from scratch. Linear in the file's
 * policies plus the sizes of the name and selector groups they belong to (each group is gathered once).
 * The server keeps them across edits with `FileCrossPolicy`, which answers the same.
 */
export function findCrossPolicyDiagnostics(document: Pick<ParsedFile, 'lines'>, policies: FilePolicy[], lookup: PolicyLookup, view: ClusterView | undefined): Diagnostic[] {
  const { lines } = document;
  const keyOf = (p: FilePolicy) => ('selectorKey' in p ? p.selectorKey : selectorKey(p.info));
  return judge(policies, policies.map(keyOf), lookup, view, (p, severity, code, message) => ({ range: lines.range(p.offset, p.anchor), severity, code, source: DIAGNOSTIC_SOURCE, message }));
}

/** Names and selector keys of the policies that came, went or changed name or selectors (the workspace index tells them). */
export interface PolicyChanges {
  names: ReadonlySet<string>;
  keys: ReadonlySet<string>;
}

/** Where the workspace stands, for one file's verdicts (the workspace index answers). */
export interface WorkspaceState {
  /** Counts the updates that changed a policy's name or selectors. */
  readonly generation: number;
  /** Counts the updates of the other files (their policies' locations, quoted in messages, may have moved). */
  readonly elsewhere: number;
  /** What changed since a generation; undefined when that is no longer known. */
  changedSince(generation: number): PolicyChanges | undefined;
}

const NO_FINDINGS: CrossPolicyFinding[] = [];
/** Names and selectors whose latest shadowed-policy findings are kept for edited documents (cleared past it). */
const MAX_SHADOWS_BY_KEY = 20_000;

interface GroupVerdict {
  name: string;
  key: string | undefined;
  /** Whether a policy of another file shares its name or selectors (its messages quote where those are). */
  remote: boolean;
  /** The duplicate-name and identical-selector findings of a policy of this name and selectors. */
  findings: CrossPolicyFinding[];
}

interface ShadowVerdict {
  matched: number;
  losses: object | undefined;
  demo: boolean;
  findings: CrossPolicyFinding[];
}

interface PolicyVerdict {
  epoch: number;
  name: string;
  group: CrossPolicyFinding[];
  shadow: CrossPolicyFinding[];
  findings: CrossPolicyFinding[];
}

/** The cluster's policies' selector keys by name (once per inventory). */
const clusterKeysByName = new WeakMap<object, Map<string, string[]>>();
function clusterKeysOf(view: ClusterView | undefined, name: string): readonly string[] {
  const inventory = view?.inventory;
  if (!inventory) return NO_KEYS;
  let byName = clusterKeysByName.get(inventory);
  if (!byName) {
    byName = new Map();
    for (const p of inventory.policies) {
      const key = selectorKey(p);
      if (key === undefined) continue;
      const list = byName.get(p.name);
      if (list) list.push(key);
      else byName.set(p.name, [key]);
    }
    clusterKeysByName.set(inventory, byName);
  }
  return byName.get(name) ?? NO_KEYS;
}
const NO_KEYS: readonly string[] = [];

/**
 * The cross-policy diagnostics of one file, kept across edits and re-judged only where a verdict can
 * change. A policy's duplicate-name and identical-selector verdicts depend on its name group and its
 * selector group: after an update that touched some names and selector keys (`PolicyChanges`), only
 * the policies of those names or keys are judged again, and with them those whose selector group has
 * a cluster policy of a touched name (the workspace's redefinition takes it out of the group). A
 * shadowed-policy verdict depends on how the policy fares in the evaluation: after the evaluation
 * changed, a policy whose matches, wins and losses are the same objects keeps its verdict. A verdict
 * that comes out the same keeps its finding objects (so the same diagnostics where the range stayed).
 * The answer equals `getCrossPolicyDiagnostics` over the same workspace.
 */
export class FileCrossPolicy {
  private generation: number | undefined;
  private elsewhere: number | undefined;
  private inventory: object | undefined;
  private where: string | undefined;
  private view: ClusterView | undefined;
  private readonly groups = new Map<string, GroupVerdict>();
  private readonly shadows = new WeakMap<PolicyInfo, ShadowVerdict>();
  /** The latest shadowed-policy findings by name and selectors. */
  private readonly shadowsByKey = new Map<string, CrossPolicyFinding[]>();
  private readonly verdicts = new WeakMap<FilePolicy, PolicyVerdict>();
  private epoch = 0;
  /** Names whose verdicts must be derived again though the epoch stayed. */
  private readonly dirty = new Set<string>();
  /** The names of the policies whose name and selector groups the latest call judged (again). */
  rejudged: string[] = [];
  /** The previous call's policies, findings and placed diagnostics (see `reusable`). */
  private last: LastCall | undefined;
  /** Policies whose findings and diagnostics were taken from the previous call, for tests. */
  readonly counts = { reused: 0 };

  /** The file's cross-policy diagnostics now. */
  diagnostics(document: Pick<ParsedFile, 'lines'>, policies: FilePolicy[], lookup: PolicyLookup, view: ClusterView | undefined, workspace: WorkspaceState): Diagnostic[] {
    const previous = this.invalidate(view, workspace);
    const { lines } = document;
    this.rejudged = [];
    const epoch = this.epoch;
    const dirty = this.dirty;
    const judged: CrossPolicyFinding[][] = new Array(policies.length);
    const missing: number[] = [];
    // Nothing re-judged: the policies the previous call saw (the same objects, unmoved or moved by no
    // line) keep their findings and placed diagnostics; only the others are looked at.
    const last = this.last;
    const reuse = last && previous === undefined && dirty.size === 0 && last.epoch === epoch ? reusable(last, policies, lines) : undefined;
    const placedOf: (Diagnostic[] | undefined)[] = new Array(policies.length);
    const n = policies.length;
    for (let i = 0; i < n; i++) {
      const j = reuse === undefined ? -1 : i < reuse.prefix ? i : i >= n - reuse.suffix ? i - n + last!.policies.length : -1;
      if (j >= 0) {
        judged[i] = last!.judged[j];
        if (i < reuse!.prefix || reuse!.suffixPlaced) placedOf[i] = last!.placed[j];
        continue;
      }
      const p = policies[i];
      const verdict = this.verdicts.get(p);
      if (verdict && verdict.epoch === epoch && (dirty.size === 0 || !dirty.has(verdict.name))) judged[i] = verdict.findings;
      else if (!this.groups.has(memoKeyCache.get(p.info) ?? memoKey(p.info, keyOf(p)))) missing.push(i);
    }
    if (missing.length) {
      const found = new Map<FilePolicy, CrossPolicyFinding[]>();
      judgeGroups(policies, policies.map(keyOf), missing, lookup, view, (p, severity, code, message) => {
        const finding = { severity, code, source: DIAGNOSTIC_SOURCE, message };
        const list = found.get(p);
        if (list) list.push(finding);
        else found.set(p, [finding]);
      });
      for (const i of missing) {
        const p = policies[i];
        const key = keyOf(p);
        const mk = memoKey(p.info, key);
        const now = found.get(p) ?? NO_FINDINGS;
        const before = previous?.get(mk);
        const remote = !isEmpty(lookup.namedElsewhere(p.info.name)) || (key !== undefined && !isEmpty(lookup.selectorsElsewhere(key)));
        this.groups.set(mk, { name: p.info.name, key, remote, findings: before && sameFindings(before, now) ? before : now });
        this.rejudged.push(p.info.name);
      }
    }
    for (let i = 0; i < policies.length; i++) {
      if (judged[i] !== undefined) continue;
      const p = policies[i];
      const group = (this.groups.get(memoKeyCache.get(p.info) ?? memoKey(p.info, keyOf(p))) as GroupVerdict).findings;
      const shadow = this.shadowOf(p, view);
      const verdict = this.verdicts.get(p);
      if (verdict && verdict.group === group && verdict.shadow === shadow) {
        verdict.epoch = epoch;
        judged[i] = verdict.findings;
        continue;
      }
      const findings = shadow.length ? (group.length ? [...group, ...shadow] : shadow) : group;
      this.verdicts.set(p, { epoch, name: p.info.name, group, shadow, findings });
      judged[i] = findings;
    }
    dirty.clear();
    const byCode: Diagnostic[][] = [[], [], []];
    const offsets = new Int32Array(n);
    const anchorLines = new Int32Array(n);
    const anchorCharacters = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const p = policies[i];
      offsets[i] = p.offset;
      let list = placedOf[i];
      if (list === undefined) {
        const findings = judged[i];
        if (findings.length) {
          const range = lines.range(p.offset, p.anchor);
          list = findings.map((f) => placed(f, range));
          anchorLines[i] = range.start.line;
          anchorCharacters[i] = range.start.character;
        } else {
          list = NO_DIAGNOSTICS;
          anchorLines[i] = -1;
        }
        placedOf[i] = list;
      } else {
        const j = i < reuse!.prefix ? i : i - n + last!.policies.length;
        anchorLines[i] = last!.anchorLines[j];
        anchorCharacters[i] = last!.anchorCharacters[j];
      }
      for (const d of list!) byCode[CODE_ORDER.indexOf(d.code as string)]?.push(d);
    }
    this.last = { epoch, policies: policies.slice(), offsets, anchorLines, anchorCharacters, judged, placed: placedOf as Diagnostic[][] };
    this.counts.reused += reuse ? reuse.prefix + reuse.suffix : 0;
    return [...byCode[0], ...byCode[1], ...byCode[2]];
  }

  /** Drops the verdicts an update or a new view made outdated; returns the dropped group findings by memo key. */
  private invalidate(view: ClusterView | undefined, workspace: WorkspaceState): Map<string, CrossPolicyFinding[]> | undefined {
    let previous: Map<string, CrossPolicyFinding[]> | undefined;
    let full = false;
    const drop = (mk: string, verdict: GroupVerdict) => {
      (previous ??= new Map()).set(mk, verdict.findings);
      this.groups.delete(mk);
      this.dirty.add(verdict.name);
    };
    const where = clusterName(view);
    const changes = workspace.generation === this.generation || this.generation === undefined ? undefined : workspace.changedSince(this.generation);
    if (view?.inventory !== this.inventory || where !== this.where || this.generation === undefined || (workspace.generation !== this.generation && !changes)) {
      full = true;
      for (const [mk, verdict] of this.groups) drop(mk, verdict);
    } else {
      const keys = new Set(changes?.keys);
      if (changes) for (const name of changes.names) for (const key of clusterKeysOf(view, name)) keys.add(key);
      const moved = workspace.elsewhere !== this.elsewhere;
      if (changes || moved) {
        for (const [mk, verdict] of this.groups) {
          if ((moved && verdict.remote) || changes?.names.has(verdict.name) || (verdict.key !== undefined && keys.has(verdict.key))) drop(mk, verdict);
        }
      }
    }
    if (view !== this.view && !full) {
      // The same inventory and left-out policies: only the policies whose standing may have changed are told anew.
      const before = this.view;
      const changed = before?.evaluation && view?.evaluation && before.leftOut === view.leftOut ? view.evaluation.standingsChangedFrom(before.evaluation) : undefined;
      if (changed) for (const name of changed) this.dirty.add(name);
      else full = true;
    }
    if (full) {
      this.epoch++;
      this.dirty.clear();
    }
    this.inventory = view?.inventory;
    this.where = where;
    this.generation = workspace.generation;
    this.elsewhere = workspace.elsewhere;
    this.view = view;
    return previous;
  }

  /** A policy's shadowed-policy findings under the view; the same array while how it fares stays the same. */
  private shadowOf(p: FilePolicy, view: ClusterView | undefined): CrossPolicyFinding[] {
    const standing = view?.evaluation?.standing(p.info.name);
    if (!standing || standing.matched === 0 || standing.won > 0 || view?.leftOut?.has(p.info) || !isSamePolicy(standing.policy, p.info)) return NO_FINDINGS;
    const demo = isDemo(view);
    const cached = this.shadows.get(p.info);
    if (cached && cached.matched === standing.matched && cached.losses === standing.losses && cached.demo === demo) return cached.findings;
    const message = shadowMessage(p, view);
    const now: CrossPolicyFinding[] = message === undefined ? NO_FINDINGS : [{ severity: 2, code: 'shadowed-policy', source: DIAGNOSTIC_SOURCE, message }];
    // An edited document's policy is a new PolicyInfo: it keeps the findings its name and selectors had when told the same.
    const mk = memoKeyCache.get(p.info) ?? memoKey(p.info, keyOf(p));
    const prior = cached?.findings ?? this.shadowsByKey.get(mk);
    const findings = prior && sameFindings(prior, now) ? prior : now;
    this.shadows.set(p.info, { matched: standing.matched, losses: standing.losses, demo, findings });
    if (this.shadowsByKey.size > MAX_SHADOWS_BY_KEY) this.shadowsByKey.clear();
    this.shadowsByKey.set(mk, findings);
    return findings;
  }
}

interface LastCall {
  epoch: number;
  policies: FilePolicy[];
  /** Each policy's document offset, its anchor's line and character (line -1: no diagnostics) at that call. */
  offsets: Int32Array;
  anchorLines: Int32Array;
  anchorCharacters: Int32Array;
  judged: CrossPolicyFinding[][];
  placed: Diagnostic[][];
}

const NO_DIAGNOSTICS: Diagnostic[] = [];

/**
 * Which policies of the previous call stand as they were: the leading ones that are the same objects
 * at the same offsets, and the trailing ones that are the same objects moved by one offset delta (an
 * edit between them replaced the others). Their diagnostics are the same where no line moved: each of
 * them with diagnostics must have its anchor where it was. Edits between two calls may be several (the
 * diagnostics wait for typing to pause), and a same-length edit in a document without policies leaves the
 * policies on both sides where they were, so no one policy tells for the others.
 */
function reusable(last: LastCall, policies: readonly FilePolicy[], lines: ParsedFile['lines']): { prefix: number; suffix: number; suffixPlaced: boolean } {
  const n = policies.length;
  const m = last.policies.length;
  let prefix = 0;
  while (prefix < n && prefix < m && policies[prefix] === last.policies[prefix] && policies[prefix].offset === last.offsets[prefix]) prefix++;
  // A same-length edit that moved line breaks moves those below it: if one of them is not where it was,
  // they are taken as trailing ones (moved by 0), whose placement is checked below.
  for (let i = prefix - 1; i >= 0; i--) {
    if (last.anchorLines[i] < 0) continue;
    const at = lines.positionAt(policies[i].offset + policies[i].anchor.start);
    if (at.line !== last.anchorLines[i] || at.character !== last.anchorCharacters[i]) {
      prefix = 0;
      break;
    }
  }
  let suffix = 0;
  const delta = n && m ? policies[n - 1].offset - last.offsets[m - 1] : 0;
  while (suffix < n - prefix && suffix < m - prefix && policies[n - 1 - suffix] === last.policies[m - 1 - suffix] && policies[n - 1 - suffix].offset - last.offsets[m - 1 - suffix] === delta) suffix++;
  let suffixPlaced = true;
  for (let i = n - suffix; i < n && suffixPlaced; i++) {
    const j = i - n + m;
    if (last.anchorLines[j] < 0) continue;
    const at = lines.positionAt(policies[i].offset + policies[i].anchor.start);
    suffixPlaced = at.line === last.anchorLines[j] && at.character === last.anchorCharacters[j];
  }
  return { prefix, suffix, suffixPlaced };
}

const keyOf = (p: FilePolicy) => ('selectorKey' in p ? p.selectorKey : selectorKey(p.info));

function sameFindings(a: readonly CrossPolicyFinding[], b: readonly CrossPolicyFinding[]): boolean {
  return a.length === b.length && a.every((f, i) => f.severity === b[i].severity && f.code === b[i].code && f.source === b[i].source && f.message === b[i].message);
}

/** The order of a file's cross-policy diagnostics: by code, then by policy. */
const CODE_ORDER = ['duplicate-name', 'identical-selectors', 'shadowed-policy'];

/** The diagnostic last made of a memoised finding: the same object while its range stays (a policy that did not move). */
const lastPlaced = new WeakMap<CrossPolicyFinding, Diagnostic>();
function placed(finding: CrossPolicyFinding, range: Diagnostic['range']): Diagnostic {
  const last = lastPlaced.get(finding);
  if (last && sameRange(last.range, range)) return last;
  const diagnostic = { range, ...finding };
  lastPlaced.set(finding, diagnostic);
  return diagnostic;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Judges every policy; `make` turns each verdict into a diagnostic (or records it and returns nothing). */
function judge(
  policies: FilePolicy[],
  keys: (string | undefined)[],
  lookup: PolicyLookup,
  view: ClusterView | undefined,
  make: (p: FilePolicy, severity: 1 | 2 | 3, code: string, message: string) => Diagnostic | undefined,
): Diagnostic[] {
  const result: Diagnostic[] = [];
  const add = (p: FilePolicy, severity: 1 | 2 | 3, code: string, message: string) => {
    const d = make(p, severity, code, message);
    if (d) result.push(d);
  };
  judgeGroups(policies, keys, undefined, lookup, view, add);
  for (const p of policies) {
    const message = shadowMessage(p, view);
    if (message !== undefined) add(p, 2, 'shadowed-policy', message);
  }
  return result;
}

/**
 * The duplicate-name and identical-selector verdicts of the policies at `only` (all when undefined),
 * in that order: all duplicate names, then all identical selectors. The file's other policies count as
 * group members all the same.
 */
function judgeGroups(
  policies: FilePolicy[],
  keys: (string | undefined)[],
  only: readonly number[] | undefined,
  lookup: PolicyLookup,
  view: ClusterView | undefined,
  add: (p: FilePolicy, severity: 1 | 2 | 3, code: string, message: string) => void,
): void {
  const indexes = only ?? policies.map((_, i) => i);
  const inFile = new Map<string, number>();
  for (const p of policies) inFile.set(p.info.name, (inFile.get(p.info.name) ?? 0) + 1);
  for (const i of indexes) {
    const p = policies[i];
    const elsewhere = [...lookup.namedElsewhere(p.info.name)].map((o) => o.location);
    const twiceHere = (inFile.get(p.info.name) ?? 0) > 1;
    if (elsewhere.length || twiceHere) {
      const where = [...(twiceHere ? ['this file'] : []), ...elsewhere].join(', ');
      add(p, 1, 'duplicate-name', `Another MigrationPolicy is named ${p.info.name} (${where}). Policies are cluster-scoped, so applying both leaves only the one applied last. Rename one of them.`);
    }
  }

  const hereByKey = new Map<string, PolicyInfo[]>();
  policies.forEach((p, i) => {
    const key = keys[i];
    if (key === undefined) return;
    const list = hereByKey.get(key);
    if (list) list.push(p.info);
    else hereByKey.set(key, [p.info]);
  });
  const inWorkspace = (name: string) => inFile.has(name) || !isEmpty(lookup.namedElsewhere(name));
  const groups = new Map<string, SelectorGroup>();
  const groupOf = (key: string): SelectorGroup => {
    let group = groups.get(key);
    if (group) return group;
    const members: SelectorGroup['members'] = [];
    for (const o of lookup.selectorsElsewhere(key)) members.push({ info: o.info, where: o.location });
    for (const c of lookup.clusterSelectors(key)) if (!inWorkspace(c.name)) members.push({ info: c, where: clusterName(view) });
    for (const info of hereByKey.get(key) ?? []) members.push({ info, where: 'this file' });
    const names = new Map<string, number>();
    let first = members[0].info.name;
    for (const m of members) {
      names.set(m.info.name, (names.get(m.info.name) ?? 0) + 1);
      if (compareNames(m.info.name, first) < 0) first = m.info.name;
    }
    group = { members, names, first };
    groups.set(key, group);
    return group;
  };
  for (const i of indexes) {
    const p = policies[i];
    const key = keys[i];
    if (key === undefined) continue;
    const group = groupOf(key);
    const twins = group.members.length - (group.names.get(p.info.name) ?? 0);
    if (twins <= 0) continue;
    const shown: { name: string; where: string }[] = [];
    for (const m of group.members) {
      if (shown.length === 3) break;
      if (m.info.name !== p.info.name) shown.push({ name: m.info.name, where: m.where });
    }
    const first = group.first;
    // Equal selectors match the same VMIs with the same score: only the name order separates them
    // (pkg/virt-controller/watch/migration/migrationpolicy.go matchPolicy). Other policies may still beat both.
    const verdict =
      first === p.info.name
        ? `between them, this policy takes precedence only because its name sorts first, so ${twins === 1 ? 'the other one never applies' : 'the others never apply'}`
        : `${first} takes precedence only because its name sorts first, so this policy never applies`;
    add(p, 2, 'identical-selectors', `Same selectors as ${listByPlace(shown) + (twins > 3 ? ` and ${twins - 3} more` : '')}: ${verdict}. The docs forbid identical selectors, but nothing rejects them: make the selectors differ, or merge the policies.`);
  }
}

/** The shadowed-policy message of a policy that matches VMIs in the evaluation but wins none, else undefined. */
function shadowMessage(p: FilePolicy, view: ClusterView | undefined): string | undefined {
  const evaluation = view?.evaluation;
  if (!evaluation) return undefined;
  const stats = evaluation.policyStats(p.info.name);
  if (!stats || view?.leftOut?.has(p.info) || !isSamePolicy(stats.policy, p.info) || stats.matched === 0 || stats.won > 0) return undefined;
  const takers = [...stats.lostTo.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, n]) => `${name} takes ${n}`);
  const where = isDemo(view) ? 'In the demo cluster, this' : 'This';
  return `${where} policy matches ${plural(stats.matched, 'VMI')} but wins none: ${takers.join(', ')}. It never applies there; give it more specific selectors or remove it.`;
}

/**
 * Whether an evaluated policy is this one: the same object, or (the incremental core keeps a policy's
 * object while its name and selectors stay) the same file's policy of that name and selectors.
 */
export function isSamePolicy(evaluated: PolicyInfo, p: PolicyInfo): boolean {
  if (evaluated === p) return true;
  return evaluated.origin.kind === 'workspace' && p.origin.kind === 'workspace' && evaluated.origin.uri === p.origin.uri && evaluated.name === p.name && selectorKey(evaluated) === selectorKey(p);
}

function isEmpty(items: Iterable<unknown>): boolean {
  return items[Symbol.iterator]().next().done === true;
}
