// A line-by-line transcription of KubeVirt's policy matching, kept apart from the engine so a random
// differential test can compare the two. Source: kubevirt/kubevirt commit
// d923fdb815cd2016ddaebdaaa51db04133576d72, pkg/virt-controller/watch/migration/migrationpolicy.go
// (migrationPolicyMatchScore, matchPolicy, countMatchingLabels). Go's nil maps are `null` here.

export type GoMap = Record<string, string> | null;

export interface GoPolicy {
  name: string;
  /** spec.selectors; null when the policy has none. */
  selectors: { namespaceSelector: GoMap; virtualMachineInstanceSelector: GoMap } | null;
}

interface Score {
  matchingVMILabels: number;
  matchingNSLabels: number;
}

const equals = (s: Score, o: Score) => s.matchingVMILabels === o.matchingVMILabels && s.matchingNSLabels === o.matchingNSLabels;

function greaterThan(score: Score, otherScore: Score): boolean {
  const thisTotalScore = score.matchingNSLabels + score.matchingVMILabels;
  const otherTotalScore = otherScore.matchingNSLabels + otherScore.matchingVMILabels;
  if (thisTotalScore === otherTotalScore) return score.matchingVMILabels > otherScore.matchingVMILabels;
  return thisTotalScore > otherTotalScore;
}

const lessThan = (s: Score, o: Score) => !equals(s, o) && !greaterThan(s, o);

/** Go's string `<`: byte-wise over the UTF-8 encoding. */
const goLess = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;

export function countMatchingLabels(policy: GoPolicy, vmiLabels: GoMap, namespaceLabels: GoMap): { doesMatch: boolean; score: Score } {
  let matchingVMILabels = 0;
  let matchingNSLabels = 0;
  let doesMatch = true;
  const score: Score = { matchingVMILabels: 0, matchingNSLabels: 0 };
  if (policy.selectors === null) return { doesMatch: false, score };
  const countLabelsHelper = (policyLabels: GoMap, labelsToMatch: GoMap): number => {
    let matchingLabels = 0;
    for (const [policyKey, policyValue] of Object.entries(policyLabels ?? {})) {
      const exists = labelsToMatch !== null && Object.prototype.hasOwnProperty.call(labelsToMatch, policyKey);
      const value = exists ? (labelsToMatch as Record<string, string>)[policyKey] : '';
      if (exists && value === policyValue) {
        matchingLabels++;
      } else {
        doesMatch = false;
        return matchingLabels;
      }
    }
    return matchingLabels;
  };
  const areSelectorsAndLabelsNotNil = (selector: GoMap, labels: GoMap) => selector !== null && labels !== null;
  if (areSelectorsAndLabelsNotNil(policy.selectors.virtualMachineInstanceSelector, vmiLabels)) {
    matchingVMILabels = countLabelsHelper(policy.selectors.virtualMachineInstanceSelector, vmiLabels);
  }
  // upstream guards the namespace selector with the VMI's labels, not the namespace's
  if (doesMatch && areSelectorsAndLabelsNotNil(policy.selectors.namespaceSelector, vmiLabels)) {
    matchingNSLabels = countLabelsHelper(policy.selectors.namespaceSelector, namespaceLabels);
  }
  return doesMatch ? { doesMatch, score: { matchingVMILabels, matchingNSLabels } } : { doesMatch, score };
}

export function matchPolicy(policyList: GoPolicy[], vmiLabels: GoMap, namespaceLabels: GoMap): GoPolicy | null {
  let mathingPolicies: GoPolicy[] = [];
  let bestScore: Score = { matchingVMILabels: 0, matchingNSLabels: 0 };
  for (const policy of policyList) {
    const { doesMatch, score: curScore } = countMatchingLabels(policy, vmiLabels, namespaceLabels);
    if (!doesMatch || lessThan(curScore, bestScore)) {
      continue;
    } else if (greaterThan(curScore, bestScore)) {
      bestScore = curScore;
      mathingPolicies = [policy];
    } else {
      mathingPolicies.push(policy);
    }
  }
  if (mathingPolicies.length === 0) return null;
  if (mathingPolicies.length === 1) return mathingPolicies[0];
  let firstPolicyNameLexicographicOrder = mathingPolicies[0].name;
  let firstPolicyNameLexicographicOrderIdx = 0;
  mathingPolicies.forEach((matchingPolicy, idx) => {
    if (goLess(matchingPolicy.name, firstPolicyNameLexicographicOrder)) {
      firstPolicyNameLexicographicOrder = matchingPolicy.name;
      firstPolicyNameLexicographicOrderIdx = idx;
    }
  });
  return mathingPolicies[firstPolicyNameLexicographicOrderIdx];
}
