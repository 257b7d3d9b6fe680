// Which MigrationPolicy applies to a VMI: KubeVirt's matching and precedence rules, as pure functions
// over plain label maps. Mirrors pkg/virt-controller/watch/migration/migrationpolicy.go (KubeVirt
// v0.55 through main; kubevirt-facts.md §4). The indexed, cluster-scale evaluation lives in
// cluster/inventory.ts and is defined by these functions.

/** A label map as Kubernetes stores it (string keys and values). */
export type Labels = Readonly<Record<string, string>>;

/** The part of a policy that matching reads. `PolicyInfo` (cluster/types.ts) has this shape. */
export interface SelectorPolicy {
  name: string;
  /** False when `spec.selectors` is absent or null: such a policy never matches. */
  hasSelectors: boolean;
  namespaceSelector: Labels;
  vmiSelector: Labels;
}

/** How many selector entries matched: VMI labels first, namespace labels second. */
export interface MatchScore {
  vmiLabels: number;
  namespaceLabels: number;
}

/** A policy that matched, with its score. */
export interface PolicyMatch<P extends SelectorPolicy = SelectorPolicy> {
  policy: P;
  score: MatchScore;
}

/** Something that can win or lose: a policy name and its score (null when it does not match). */
export interface Contender {
  name: string;
  score: MatchScore | null;
}

/**
 * The label the controller sets on the VMI just before matching, with the target pod's node as value
 * (migration.go `handleTargetPodHandoff`, right before `matchMigrationPolicy`).
 */
export const MIGRATION_TARGET_NODE_LABEL = 'kubevirt.io/migrationTargetNodeName';

/**
 * The value `labelsAtMigration` gives that label. The real value (the target node) is unknown ahead of
 * a migration, so this placeholder is chosen to equal no selector value: `<` and spaces are not allowed
 * in label values, so a written selector can never match it. Selectors on the key are reported through
 * `migrationTimeSelector` instead of silently never matching.
 */
export const MIGRATION_TARGET_PLACEHOLDER = '<target node, known at migration time>';

/**
 * The VMI's labels as the controller matches them: its own labels plus
 * `kubevirt.io/migrationTargetNodeName` set to the placeholder. A value left on the VMI by an earlier
 * migration is overwritten, as the controller overwrites it with the new target node.
 */
// pkg/virt-controller/watch/migration/migration.go handleTargetPodHandoff: vmiCopy.ObjectMeta.Labels[MigrationTargetNodeNameLabel] = pod.Spec.NodeName
export function labelsAtMigration(vmiLabels: Labels): Labels {
  return Object.fromEntries([...Object.entries(vmiLabels).filter(([k]) => k !== MIGRATION_TARGET_NODE_LABEL), [MIGRATION_TARGET_NODE_LABEL, MIGRATION_TARGET_PLACEHOLDER]]);
}

/**
 * The target node a policy's VMI selector requires (`kubevirt.io/migrationTargetNodeName: node-3`), or
 * undefined. Such a policy can only match while a VMI migrates to that node: tooling reports it as
 * "matches only at migration time" rather than as a policy that matches nothing.
 */
export function migrationTimeSelector(policy: SelectorPolicy): string | undefined {
  return Object.hasOwn(policy.vmiSelector, MIGRATION_TARGET_NODE_LABEL) ? policy.vmiSelector[MIGRATION_TARGET_NODE_LABEL] : undefined;
}

/**
 * Whether the policy matches a VMI and with which score; null when it does not. Every selector entry
 * must be present with exactly the same value (case-sensitive, `""` only matches `""`); empty or absent
 * selectors match everything with score (0, 0); a policy without `selectors` never matches. Pass the
 * VMI's labels through `labelsAtMigration` to match as the controller does.
 */
// pkg/virt-controller/watch/migration/migrationpolicy.go countMatchingLabels
export function countMatchingLabels(policy: SelectorPolicy, vmiLabels: Labels, namespaceLabels: Labels): MatchScore | null {
  if (!policy.hasSelectors) return null;
  const vmi = countEntries(policy.vmiSelector, vmiLabels);
  if (vmi === null) return null;
  const ns = countEntries(policy.namespaceSelector, namespaceLabels);
  if (ns === null) return null;
  return { vmiLabels: vmi, namespaceLabels: ns };
}

// migrationpolicy.go countLabelsHelper: all or nothing, no partial credit.
function countEntries(selector: Labels, labels: Labels): number | null {
  let count = 0;
  for (const key in selector) {
    if (!Object.hasOwn(selector, key)) continue;
    if (!Object.hasOwn(labels, key) || labels[key] !== selector[key]) return null;
    count++;
  }
  return count;
}

/** The score a policy has on every VMI it matches: the sizes of its two selectors. */
export function selectorScore(policy: SelectorPolicy): MatchScore {
  return { vmiLabels: Object.keys(policy.vmiSelector).length, namespaceLabels: Object.keys(policy.namespaceSelector).length };
}

/**
 * Orders two matches by precedence: negative when `a` wins. Higher total of matched labels first, then
 * more VMI labels, then the smaller name (byte-wise, as Go compares strings).
 */
// migrationpolicy.go migrationPolicyMatchScore.greaterThan, then matchPolicy's name tie-break
export function compareMatches(a: { name: string; score: MatchScore }, b: { name: string; score: MatchScore }): number {
  const totalA = a.score.vmiLabels + a.score.namespaceLabels;
  const totalB = b.score.vmiLabels + b.score.namespaceLabels;
  if (totalA !== totalB) return totalB - totalA;
  if (a.score.vmiLabels !== b.score.vmiLabels) return b.score.vmiLabels - a.score.vmiLabels;
  return compareNames(a.name, b.name);
}

/** Go's string `<`: UTF-8 byte order (for the ASCII of Kubernetes names, plain code-unit order). */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * The policy that applies to a VMI, with its score, or null (cluster defaults apply). The order of
 * `policies` does not matter.
 */
// pkg/virt-controller/watch/migration/migrationpolicy.go matchPolicy
export function matchPolicy<P extends SelectorPolicy>(policies: readonly P[], vmiLabels: Labels, namespaceLabels: Labels): PolicyMatch<P> | null {
  let best: PolicyMatch<P> | null = null;
  for (const policy of policies) {
    const score = countMatchingLabels(policy, vmiLabels, namespaceLabels);
    if (!score) continue;
    if (!best || compareMatches({ name: policy.name, score }, { name: best.policy.name, score: best.score }) < 0) best = { policy, score };
  }
  return best;
}

/**
 * Why `winner` takes precedence over `loser`, in words:
 * "more matched labels (3 vs 2)", "same total (2), more VMI labels (2 vs 1)",
 * "tie on labels (2 VMI, 1 namespace): `a-db` sorts before `b-db`", or "`b` does not match".
 */
export function explainWin(winner: Contender, loser: Contender): string {
  if (!winner.score) return `\`${winner.name}\` does not match`;
  if (!loser.score) return `\`${loser.name}\` does not match`;
  const total = (s: MatchScore) => s.vmiLabels + s.namespaceLabels;
  const tw = total(winner.score);
  const tl = total(loser.score);
  if (tw !== tl) return `${tw > tl ? 'more' : 'fewer'} matched labels (${tw} vs ${tl})`;
  if (winner.score.vmiLabels !== loser.score.vmiLabels) return `same total (${tw}), ${winner.score.vmiLabels > loser.score.vmiLabels ? 'more' : 'fewer'} VMI labels (${winner.score.vmiLabels} vs ${loser.score.vmiLabels})`;
  if (winner.name === loser.name) return `\`${winner.name}\` is the same policy`;
  return `tie on labels (${winner.score.vmiLabels} VMI, ${winner.score.namespaceLabels} namespace): \`${winner.name}\` sorts ${compareNames(winner.name, loser.name) < 0 ? 'before' : 'after'} \`${loser.name}\``;
}

/** One policy's standing for one VMI: its score, or why it does not match. */
export interface PolicyScore {
  name: string;
  /** Null when the policy does not match. */
  score: MatchScore | null;
  /** 1 for the winner, 2 for the next, …; null when it does not match. */
  rank: number | null;
  /** Why it does not match (the first selector entry that fails), for non-matching policies. */
  reason?: string;
}

/**
 * Every policy's standing for one VMI: the matching ones in precedence order (the first one wins, as
 * `matchPolicy` picks it), then the others by name with the first selector entry that fails. Pass the
 * VMI's labels through `labelsAtMigration` to match as the controller does.
 */
export function scorePolicies(policies: readonly SelectorPolicy[], vmiLabels: Labels, namespaceLabels: Labels): PolicyScore[] {
  const others: PolicyScore[] = [];
  for (const policy of policies) {
    if (!countMatchingLabels(policy, vmiLabels, namespaceLabels)) others.push({ name: policy.name, score: null, rank: null, reason: whyNoMatch(policy, vmiLabels, namespaceLabels) });
  }
  others.sort((a, b) => compareNames(a.name, b.name));
  return [...rankMatches(policies, vmiLabels, namespaceLabels), ...others];
}

/** Only the matching policies of `scorePolicies`, ranked: cheap enough for a lens on every VM of a file. */
export function rankMatches(policies: readonly SelectorPolicy[], vmiLabels: Labels, namespaceLabels: Labels): PolicyScore[] {
  const matching: { name: string; score: MatchScore }[] = [];
  for (const policy of policies) {
    const score = countMatchingLabels(policy, vmiLabels, namespaceLabels);
    if (score) matching.push({ name: policy.name, score });
  }
  matching.sort(compareMatches);
  return matching.map((m, i) => ({ name: m.name, score: m.score, rank: i + 1 }));
}

/** The first selector entry a VMI fails, in words ("VMI label app is web, not db"). */
export function whyNoMatch(policy: SelectorPolicy, vmiLabels: Labels, namespaceLabels: Labels): string {
  if (!policy.hasSelectors) return 'no spec.selectors: never matches';
  const first = (selector: Labels, labels: Labels, what: string): string | undefined => {
    for (const key of Object.keys(selector).sort(compareNames)) {
      if (!Object.hasOwn(labels, key)) return `${what} label ${key} is missing (wants ${JSON.stringify(selector[key])})`;
      if (labels[key] !== selector[key]) {
        if (key === MIGRATION_TARGET_NODE_LABEL) return `matches only while migrating to node ${selector[key]}`;
        return `${what} label ${key} is ${JSON.stringify(labels[key])}, not ${JSON.stringify(selector[key])}`;
      }
    }
    return undefined;
  };
  return first(policy.vmiSelector, vmiLabels, 'VMI') ?? first(policy.namespaceSelector, namespaceLabels, 'namespace') ?? 'matches';
}

/**
 * The policies that can match a VMI with given labels, found through an index: a policy can only
 * match a VMI that carries the first entry of its VMI selector, so each policy is filed under that
 * entry (empty selectors under "always"). `rankMatches` over the candidates equals `rankMatches` over
 * all policies; with thousands of policies and many VMs it is what keeps a file's lenses cheap.
 */
export class PolicyIndex<P extends SelectorPolicy = SelectorPolicy> {
  private readonly always: P[] = [];
  private readonly byPair = new Map<string, Map<string, P[]>>();

  constructor(readonly policies: readonly P[]) {
    for (const policy of policies) {
      if (!policy.hasSelectors) continue;
      const key = Object.keys(policy.vmiSelector)[0];
      if (key === undefined) {
        this.always.push(policy);
        continue;
      }
      let values = this.byPair.get(key);
      if (!values) this.byPair.set(key, (values = new Map()));
      const list = values.get(policy.vmiSelector[key]);
      if (list) list.push(policy);
      else values.set(policy.vmiSelector[key], [policy]);
    }
  }

  /** Every policy that may match a VMI with these labels (a superset of the matching ones). */
  candidates(vmiLabels: Labels): P[] {
    const result = [...this.always];
    for (const key in vmiLabels) {
      if (!Object.hasOwn(vmiLabels, key)) continue;
      const list = this.byPair.get(key)?.get(vmiLabels[key]);
      if (list) result.push(...list);
    }
    return result;
  }
}
