// The cluster evaluation the editor shows: the workspace's policies in place of the cluster's. Built in
// full once per inventory (cluster policies plus workspace versions); after that an edit that changes a
// policy's name or selectors costs `withPolicies` over the VMIs that policy can reach, and an edit that
// changes neither costs nothing. After many such edits the evaluation is rebuilt in full once.
import type { Evaluation, Inventory } from '../cluster/inventory';
import type { PolicyInfo } from '../cluster/types';
import { selectorKey } from '../features/crossPolicy';

/** Derived edits kept before the evaluation is rebuilt in full (each derivation re-applies them all). */
const MAX_OVERRIDES = 64;

/** Where the workspace's policies come from (the workspace index). */
export interface WorkspacePolicies {
  /** The workspace version of a name, or undefined. */
  policy(name: string): PolicyInfo | undefined;
  allPolicies(): PolicyInfo[];
  /** Names whose policy came, went, or changed name or selectors since the last call. */
  takeTouchedNames(): string[];
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

  constructor(
    private readonly index: WorkspacePolicies,
    private readonly select: () => { policies: PolicyInfo[]; leftOut: ReadonlyMap<PolicyInfo, string> },
  ) {}

  /** Applies the rule to the workspace now; true when the evaluation or the left-out reasons changed. */
  update(): boolean {
    const { policies, leftOut } = this.select();
    const next = new Map(policies.map((info) => [info.name, { info, key: selectorKey(info) ?? '' }]));
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
    this.leftOut = leftOut;
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
