// Label keys and values: the apimachinery rules with their exact messages, the label keys that
// are useful in MigrationPolicy selectors, and plain-English statements of the rules.

import { emptyError, maxLenError, regexError, utf8ByteLength, validateDnsSubdomainName } from './names';

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_MAX_LENGTH = 63;
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_ERR_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MAX_LENGTH = 63;
const LABEL_NAME_RE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

const nameRegexError = () => regexError(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc');

/**
 * Checks a label key (`[prefix/]name`) and returns apimachinery's messages, in its order and
 * possibly several at once (`tier/` gives two); empty when valid. Lengths are UTF-8 bytes.
 */
// mirrors kubernetes/apimachinery pkg/api/validate/content/kube.go IsLabelKey
export function validateLabelKey(key: string): string[] {
  const errs: string[] = [];
  let name = key;
  const slash = key.indexOf('/');
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    name = key.slice(slash + 1);
    if (name.includes('/')) {
      return [`a valid label key ${nameRegexError()} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
    }
    if (prefix === '') errs.push(`prefix part ${emptyError()}`);
    else errs.push(...validateDnsSubdomainName(prefix).map((m) => `prefix part ${m}`));
  }
  if (name === '') errs.push(`name part ${emptyError()}`);
  else if (utf8ByteLength(name) > LABEL_KEY_MAX_LENGTH) errs.push(`name part ${maxLenError(LABEL_KEY_MAX_LENGTH)}`);
  if (!LABEL_NAME_RE.test(name)) errs.push(`name part ${nameRegexError()}`);
  return errs;
}

/** Checks a label value and returns apimachinery's messages; empty when valid (the empty string is valid). */
// mirrors kubernetes/apimachinery pkg/api/validate/content/kube.go IsLabelValue
export function validateLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (value !== '' && !LABEL_NAME_RE.test(value)) {
    errs.push(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/**
 * Label keys worth offering in `namespaceSelector` (namespace) and `virtualMachineInstanceSelector`
 * (vmi). Only keys that Kubernetes or KubeVirt set, or that common VM templates put on VMIs, are listed;
 * instance type and preference names are annotations on a VMI, not labels, so they are absent.
 */
export const WELL_KNOWN_LABEL_KEYS: { key: string; doc: string; appliesTo: 'namespace' | 'vmi' | 'both' }[] = [
  {
    key: 'kubernetes.io/metadata.name',
    appliesTo: 'namespace',
    doc: "The namespace's own name. Kubernetes 1.21 and later put it on every namespace, so it selects namespaces by name without labelling them.",
  },
  {
    key: 'kubevirt.io/vm',
    appliesTo: 'vmi',
    doc: "Conventionally the VM's name, as in KubeVirt's examples. KubeVirt does not add it to VMIs: it is there only if the VM's template labels set it.",
  },
  {
    key: 'kubevirt.io/domain',
    appliesTo: 'vmi',
    doc: "Conventionally the VM's name; the common-templates VM templates set it. Present on a VMI only if the VM's template labels set it.",
  },
  {
    key: 'kubevirt.io/size',
    appliesTo: 'vmi',
    doc: 'A size class such as `small` or `large`; the common-templates VM templates set it. Present on a VMI only if the template sets it.',
  },
  {
    key: 'vm.kubevirt.io/name',
    appliesTo: 'vmi',
    doc: "The VM's name. KubeVirt sets it on the virt-launcher pod; a VMI carries it only when the VM's template labels set it (some tools, such as the OpenShift console, add it there).",
  },
  {
    key: 'kubevirt.io/nodeName',
    appliesTo: 'vmi',
    doc: 'The node the VMI runs on, set by KubeVirt once the VMI is scheduled. At migration time it is the source node.',
  },
  {
    key: 'kubevirt.io/migrationTargetNodeName',
    appliesTo: 'vmi',
    doc: 'The node a migration is moving the VMI to. The controller adds it just before choosing the policy, so it matches only while a migration is being set up, never a VMI at rest.',
  },
];

/** A one-sentence, plain-English statement of the label key or value rule, for messages. */
export function describeLabelRule(kind: 'key' | 'value'): string {
  return kind === 'key'
    ? 'a label key is an optional lowercase DNS subdomain prefix of at most 253 bytes followed by /, then a name of 1 to 63 bytes that starts and ends with a letter or digit with only -, _ and . between'
    : 'a label value must be 63 bytes or less, empty, or start and end with a letter or digit with only -, _ and . between';
}
