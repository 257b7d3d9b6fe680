// The cluster evaluation the editor shows: the workspace's policies in place of the cluster's. Built in
// full once per inventory (cluster policies plus workspace versions); after that an edit that changes a
// policy's name or selectors costs `withPolicies` over the VMIs that policy can reach, and an edit that
// changes neither costs nothing. After many such edits the evaluation is rebuilt in full once.
import type { Evaluation } from '../cluster/evaluation';
import type { Inventory } from '../cluster/inventory';
import type { PolicyInfo } from '../cluster/types';
import { LineIndex } from '../document/file';
import type { DocumentModel } from '../document/model';
import { selectorKey } from '../features/crossPolicy';
import type { IndexChange, ReplacedDocuments } from './workspaceIndex';

/** Derived edits kept before the evaluation is rebuilt in full (each derivation re-applies them all). */
const MAX_OVERRIDES = 64;

/** Where the workspace's policies come from (the workspace index). */
export interface WorkspacePolicies {
  /** The workspace version of a name, or undefined. */
  policy(name: string): PolicyInfo | undefined;
  allPolicies(): PolicyInfo[];
  /** Names whose policy came, went, or changed name or selectors since the last call. */
  takeTouchedNames(): string[];
  /** How many times the workspace's files were indexed so far (the workspace index counts them). */
  readonly updates?: number;
  /** What the latest update replaced. */
  readonly lastReplaced?: ReplacedDocuments;
}

/** Keeps the evaluation of the workspace's policies over one inventory up to date, incrementally. */
export class WorkspaceEvaluation {
  private inventory: Inventory | undefined;
  private base: Evaluation | undefined;
  private current: Evaluation | undefined;
  /** The policy each touched name has in `current` (null: none). */
  private readonly applied = new Map<string, PolicyInfo | null>();

  constructor(private readonly workspace: WorkspacePolicies) {}

  /** The evaluation for the workspace's policies now. */
  evaluate(inventory: Inventory): Evaluation {
    const touched = this.workspace.takeTouchedNames();
    if (inventory !== this.inventory || !this.current || !this.base) return this.rebuild(inventory);
    if (!touched.length) return this.current;
    const clusterPolicy = (name: string) => inventory.policy(name);
    const changed: PolicyInfo[] = [];
    const removed: string[] = [];
    for (const name of touched) {
      const now = this.workspace.policy(name) ?? clusterPolicy(name) ?? null;
      if (this.applied.get(name) === now) continue;
      this.applied.set(name, now);
      if (now) changed.push(now);
      else removed.push(name);
    }
    if (this.applied.size > MAX_OVERRIDES) return this.rebuild(inventory);
    if (changed.length || removed.length) this.current = this.current.withPolicies(changed, removed);
    return this.current;
  }

  private rebuild(inventory: Inventory): Evaluation {
    this.workspace.takeTouchedNames();
    this.applied.clear();
    this.inventory = inventory;
    const workspace = this.workspace.allPolicies();
    this.base = workspace.length ? inventory.evaluate([...inventory.policies, ...workspace]) : inventory.evaluate();
    this.current = this.base;
    return this.current;
  }
}

/**
 * The workspace's policies as the what-if rule (selectWhatIfPolicies) picks them: rejected policies
 * and earlier duplicates take no part. `update` re-applies the rule (each document's findings are
 * cached) and records the names whose chosen policy came, went, or changed name or selectors.
 */
export class WhatIfWorkspacePolicies implements WorkspacePolicies {
  private chosen = new Map<string, { info: PolicyInfo; key: string }>();
  private leftOutKey = '';
  private readonly touched = new Set<string>();
  leftOut: ReadonlyMap<PolicyInfo, string> = new Map();

  /**
   * `select` applies the rule to the whole workspace; `context` names what it depends on besides the
   * files (undefined: the rule cannot be applied now); `errorsOf` counts a document's errors as the
   * rule does (a rejected policy has some).
   */
  constructor(
    private readonly index: WorkspacePolicies,
    private readonly select: () => { policies: PolicyInfo[]; leftOut: ReadonlyMap<PolicyInfo, string> },
    private readonly contextOf: () => string | undefined = () => undefined,
    private readonly errorsOf: (model: DocumentModel) => number = () => 0,
  ) {}

  /**
   * Applies the rule to the workspace now; true when the evaluation or the left-out reasons changed.
   * After an edit (`change`, the index's latest update) that changed no name, selectors, error count or line of a
   * policy, the rule's outcome is the same but for the edited policies' new PolicyInfo objects: they
   * take the old ones' places, at the cost of the edited documents.
   */
  update(change?: IndexChange): boolean {
    const context = this.contextOf();
    const seen = this.seen;
    this.seen = this.index.updates;
    const replaced = this.index.lastReplaced;
    const onlyThisEdit = change !== undefined && replaced !== undefined && seen !== undefined && replaced.sequence === seen + 1 && this.index.updates === seen + 1;
    if (onlyThisEdit && context !== undefined && context === this.lastContext) {
      const swapped = this.replaceEdited(replaced);
      if (swapped !== undefined) return swapped;
    }
    this.lastContext = context;
    return this.updateAll();
  }

  /** The index's update count when the rule was last applied. */
  private seen: number | undefined;
  /** What the rule was last applied under (validation options, cluster data); an edit's shortcut needs the same. */
  private lastContext: string | undefined;

  /**
   * Swaps the edited policies' PolicyInfo in place when the edit changed no name, error count or line
   * of a policy (the rule's outcome is then the same; selectors may differ): true when a chosen
   * policy's selectors changed (its name is touched), false when nothing the evaluation sees changed,
   * undefined when the edit may change the outcome.
   */
  private replaceEdited(replaced: ReplacedDocuments): boolean | undefined {
    const { before, after } = replaced;
    if (before.length !== after.length) return undefined;
    const swaps = new Map<PolicyInfo, PolicyInfo>();
    for (let d = 0; d < before.length; d++) {
      const old = before[d];
      const now = after[d];
      if (old.policies.length !== now.policies.length || this.errorsOf(old.model) !== this.errorsOf(now.model)) return undefined;
      if (!old.policies.length) continue;
      // The duplicates' reasons quote lines: the document's line count and each policy's line must stay.
      const oldLines = new LineIndex(old.model.text);
      const nowLines = new LineIndex(now.model.text);
      if (oldLines.positionAt(old.model.text.length).line !== nowLines.positionAt(now.model.text.length).line) return undefined;
      for (let i = 0; i < old.policies.length; i++) {
        const a = old.policies[i].policy;
        const b = now.policies[i].policy;
        if (a.info.name !== b.info.name || oldLines.positionAt(a.anchor.start).line !== nowLines.positionAt(b.anchor.start).line) return undefined;
        if (a.info !== b.info) swaps.set(a.info, b.info);
      }
    }
    if (!swaps.size) return false;
    let changed = false;
    for (const [oldInfo, newInfo] of swaps) {
      const chosen = this.chosen.get(newInfo.name);
      if (chosen?.info !== oldInfo) continue;
      const key = keyOf(newInfo);
      this.chosen.set(newInfo.name, { info: newInfo, key });
      if (key !== chosen.key) {
        this.touched.add(newInfo.name);
        changed = true;
      }
    }
    if ([...swaps.keys()].some((info) => this.leftOut.has(info))) {
      const leftOut = new Map<PolicyInfo, string>();
      for (const [info, reason] of this.leftOut) leftOut.set(swaps.get(info) ?? info, reason);
      this.leftOut = leftOut;
    }
    return changed;
  }

  private updateAll(): boolean {
    const { policies, leftOut } = this.select();
    const next = new Map(policies.map((info) => [info.name, { info, key: keyOf(info) }]));
    let changed = false;
    for (const [name, p] of next) {
      const before = this.chosen.get(name);
      if (!before || before.key !== p.key) {
        this.touched.add(name);
        changed = true;
      }
    }
    for (const name of this.chosen.keys()) {
      if (!next.has(name)) {
        this.touched.add(name);
        changed = true;
      }
    }
    this.chosen = next;
    const leftOutKey = [...leftOut].map(([info, reason]) => `${info.name}\u0002${reason}`).join('\u0001');
    if (leftOutKey !== this.leftOutKey) changed = true;
    this.leftOutKey = leftOutKey;
    // The same policies left out for the same reasons: the same map, so what depends on it can tell nothing changed.
    if (!sameEntries(this.leftOut, leftOut)) this.leftOut = leftOut;
    return changed;
  }

  policy(name: string): PolicyInfo | undefined {
    return this.chosen.get(name)?.info;
  }

  allPolicies(): PolicyInfo[] {
    return [...this.chosen.values()].map((p) => p.info);
  }

  takeTouchedNames(): string[] {
    this.index.takeTouchedNames();
    const names = [...this.touched];
    this.touched.clear();
    return names;
  }
}

/** A policy's selectorKey, once per PolicyInfo (unchanged documents keep theirs across edits). */
const keys = new WeakMap<PolicyInfo, string>();
function keyOf(info: PolicyInfo): string {
  let key = keys.get(info);
  if (key === undefined) keys.set(info, (key = selectorKey(info) ?? ''));
  return key;
}

function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of b) if (!a.has(k) || a.get(k) !== v) return false;
  return true;
}
