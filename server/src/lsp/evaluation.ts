// The cluster evaluation the editor shows: the workspace's policies in place of the cluster's. Built in
// full once per inventory (cluster policies plus workspace versions); after that an edit that changes a
// policy's name or selectors costs `withPolicies` over the VMIs that policy can reach, and an edit that
// changes neither costs nothing. After many such edits the evaluation is rebuilt in full once.
import type { Evaluation, Inventory } from '../cluster/inventory';
import type { PolicyInfo } from '../cluster/types';

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
    const clusterPolicy = (name: string) => inventory.policies.find((p) => p.name === name);
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
