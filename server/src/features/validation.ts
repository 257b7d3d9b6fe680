// The rules KubeVirt and the API server apply to a MigrationPolicy, walked over the document model
// and driven by the field catalogue. Findings carry document-relative spans and stable codes.
import { deref, keyText, stringValue } from '../document/model';
import type { DocumentModel, MapNode, Node, Pair, ScalarNode, SeqNode, Severity, Span } from '../document/model';
import { findPolicies } from '../document/policies';
import { isTemplated, readByKustomize } from '../document/template';
import { API_GROUP, API_VERSION, CLUSTER_ONLY_FIELDS, compareKubevirtVersions, GATED_FIELDS, KIND, POLICY, suggestName } from '../policy/catalog';
import type { FieldSpec } from '../policy/catalog';
import { describeLabelRule, validateLabelKey, validateLabelValue } from '../policy/labels';
import { suggestDnsSubdomainName, validateDnsSubdomainName } from '../policy/names';
import { CHECKED_KUBERNETES, goDecodeError, goFormatFloat, isFloat64AJSONInteger } from '../policy/numbers';
import { GO_PARSE_SLOW_DIGITS, GO_PARSE_TIMEOUT_DIGITS, goRoundingDigits, effectiveBandwidthBytes, explainQuantityMistake, matchesCrdPattern, parseQuantity, quantityIsNegative, quantityIsZero, quantityToNumber } from '../policy/quantity';
import type { DiagnosticCode } from './codes';
import { formatCount } from '../text';

/** What a quick fix needs to repair a finding, carried in the LSP diagnostic's `data`. */
export type FixData =
  | { kind: 'replace'; replacements: string[]; notes?: string[]; removable?: Span }
  | { kind: 'rename'; replacements: string[] }
  | { kind: 'removePair'; pair: Span }
  | { kind: 'flattenSelector'; pair: Span }
  | { kind: 'setValue'; pair: Span; value: string }
  | { kind: 'insertSelectors'; spec?: Span };

/** The fix with every span in it moved by `delta` (document-relative ↔ file offsets). */
export function shiftFix(fix: FixData, delta: number): FixData {
  const shift = (s: Span) => ({ start: s.start + delta, end: s.end + delta });
  if (fix.kind === 'removePair' || fix.kind === 'flattenSelector' || fix.kind === 'setValue') return { ...fix, pair: shift(fix.pair) };
  if (fix.kind === 'replace' && fix.removable) return { ...fix, removable: shift(fix.removable) };
  if (fix.kind === 'insertSelectors' && fix.spec) return { ...fix, spec: shift(fix.spec) };
  return fix;
}

export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  fix?: FixData;
}

export interface ValidationOptions {
  /** The KubeVirt version the policy is written for (`v1.8.0`, `main`); undefined: the newest. */
  kubevirtVersion?: string;
  /** Feature gates the cluster enables; undefined when unknown (then gated fields get a warning). */
  featureGates?: readonly string[];
}

const MAX_FINDINGS = 500;
/** Findings collected before the rest are dropped: room for duplicates above MAX_FINDINGS, and bounded work. */
const FINDING_BUDGET = 2 * MAX_FINDINGS;

/**
 * Findings about the shape of the document. After a syntax error the parser's idea of the shape is
 * a guess, so these stay quiet then: one report per real mistake, no follow-up errors.
 */
const STRUCTURAL = new Set<DiagnosticCode>(['unknown-field', 'cluster-config-field', 'required-null', 'null-value', 'spec-missing', 'selectors-missing', 'name-missing', 'api-version', 'kind', 'catch-all', 'label-value-dropped', 'type-mismatch', 'field-too-new']);

/** Validates every MigrationPolicy of one document. Pure; never throws on any model. */
export function validateDocument(doc: DocumentModel, options: ValidationOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const root = deref(doc.root);
  if (doc.mode === 'patch' && root?.kind === 'seq') new PolicyValidator(findings, doc, options).validateJsonPatch(root);
  for (const policy of findPolicies(doc.root)) new PolicyValidator(findings, doc, options).validate(policy);
  const reliable = doc.hasSyntaxErrors ? findings.filter((f) => !STRUCTURAL.has(f.code)) : findings;
  return dedupe(reliable).slice(0, MAX_FINDINGS);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}|${f.span.start}|${f.span.end}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const code = (s: string) => `\`${s}\``;

/** The catalogue field at a path of keys (`spec.selectors.namespaceSelector`), or undefined. */
export function fieldAt(path: readonly string[]): FieldSpec | undefined {
  let field: FieldSpec | undefined = POLICY;
  for (const name of path) field = field?.children?.find((c) => c.name === name);
  return field;
}

/**
 * Findings for one value given to a field from elsewhere (a chart's values.yaml): the field's own
 * rules, located on `value`. Pure; the caller says what the value renders to.
 */
export function validateFieldValue(doc: DocumentModel, path: readonly string[], value: Node, options: ValidationOptions = {}): Finding[] {
  const field = fieldAt(path);
  if (!field) return [];
  const findings: Finding[] = [];
  new PolicyValidator(findings, { ...doc, mode: 'complete', template: undefined, hasSyntaxErrors: false }, options).validateValue(field, value, [...path]);
  return dedupe(findings);
}

function describeType(node: Node | null): string {
  const n = deref(node);
  if (!n) return 'nothing';
  if (n.kind === 'map') return 'a mapping';
  if (n.kind === 'seq') return 'a list';
  if (n.kind === 'alias') return 'an unresolved alias';
  switch (n.type) {
    case 'string':
      return `the string ${JSON.stringify(n.value)}`;
    case 'boolean':
      return `the boolean ${n.value}`;
    case 'null':
      return 'null';
    default:
      return `the number ${n.value}`;
  }
}

/** JSON type name as the API server's schema errors print it. */
function jsonType(node: Node | null): string {
  const n = deref(node);
  if (!n || (n.kind === 'scalar' && n.type === 'null')) return 'null';
  if (n.kind === 'map') return 'object';
  if (n.kind === 'seq') return 'array';
  if (n.kind === 'alias') return 'null';
  return n.type;
}

class PolicyValidator {
  private readonly visited = new Set<Node>();

  constructor(
    private readonly findings: Finding[],
    private readonly doc: DocumentModel,
    private readonly options: ValidationOptions,
  ) {}

  private add(code: DiagnosticCode, severity: Severity, span: Span, message: string, fix?: FixData): void {
    if (this.findings.length >= FINDING_BUDGET || (this.doc.hasSyntaxErrors && STRUCTURAL.has(code))) return;
    this.findings.push(fix ? { code, severity, span, message, fix } : { code, severity, span, message });
  }

  /**
   * Whether fields missing from this mapping are errors: not in a Kustomize patch (partial by design),
   * nor where a Helm template inserts content the YAML cannot show (`{{ include … | nindent 2 }}`).
   */
  private demandsFieldsOf(map: Node | null): boolean {
    const mode = this.doc.mode ?? 'complete';
    if (mode === 'patch') return false;
    if (mode !== 'helm-template' || !map) return true;
    return !this.holeWithin(map.span);
  }

  /** A line of output-producing template actions inside the span, or right after it (before other content). */
  private holeWithin(span: Span): boolean {
    const holes = this.doc.template?.holes;
    if (!holes?.length) return false;
    let end = span.end;
    while (end < this.doc.text.length && /\s/.test(this.doc.text[end])) end++;
    return holes.some((h) => h.start >= span.start && h.start < end);
  }

  /** A key or value the template writes: not judged, since only rendering knows it. */
  private templated(node: Node | null | undefined): boolean {
    return Boolean(node && node.kind === 'scalar' && this.doc.template && isTemplated(this.doc.template, node.span));
  }

  /** A pair whose value is a template action, or lines of actions right under its key. */
  private templatedValue(pair: Pair): boolean {
    if (!this.doc.template) return false;
    if (this.templated(pair.value)) return true;
    const value = deref(pair.value);
    if (value && !(value.kind === 'scalar' && value.type === 'null')) return false;
    const key = pair.key ?? pair.value;
    if (!key) return false;
    const after = this.doc.text[key.span.end] === ':' ? key.span.end + 1 : key.span.end;
    return this.holeWithin({ start: key.span.end, end: after });
  }

  /** Two entries with a template branch between them (`{{ if }} a: 1 {{ else }} a: 2 {{ end }}`) are alternatives. */
  private alternatives(a: Pair, b: Pair): boolean {
    const controls = this.doc.template?.controls;
    return Boolean(controls?.some((c) => c.start >= a.span.end && c.end <= b.span.start));
  }

  validateValue(field: FieldSpec, value: Node, path: string[]): void {
    this.walkValue(field, { key: null, value, span: value.span }, path);
  }

  /** A JSON 6902 patch (RFC 6902) of a MigrationPolicy: each operation's path and value against the catalogue. */
  validateJsonPatch(ops: SeqNode): void {
    for (const item of ops.items) {
      const op = deref(item);
      if (!op || op.kind !== 'map') continue;
      const fields = new Map<string, Pair>();
      for (const p of op.pairs) {
        const k = keyText(p);
        if (k !== undefined) fields.set(k, p);
      }
      const kind = stringValue(fields.get('op')?.value);
      const pathNode = deref(fields.get('path')?.value);
      if (!pathNode || pathNode.kind !== 'scalar' || typeof pathNode.value !== 'string') continue;
      const field = this.checkPointer(pathNode, pathNode.value);
      if (!field) continue;
      if (kind === 'remove' && field.spec.required) {
        this.add('required-null', 'error', pathNode.span, `Removing ${code(field.path.join('.'))} leaves the policy without a required field: the API server rejects it ("${field.path.join('.')}: Required value").`);
      }
      const valuePair = fields.get('value');
      if ((kind === 'add' || kind === 'replace' || kind === 'test') && valuePair && field.spec !== POLICY) {
        if (field.label) {
          const v = deref(valuePair.value);
          const key = field.path[field.path.length - 1];
          // The API server drops a null entry, as in checkSelectorMap: a selector then requires nothing of this label
          // (a `test` operation only compares, so it sets nothing).
          if (v?.kind === 'scalar' && v.type === 'null') {
            if (field.spec.type === 'labelMap' && kind !== 'test') this.add('label-value-dropped', 'warning', valuePair.key?.span ?? valuePair.span, `${code(key)} gets no value: the API server drops null entries, so this patch adds no requirement on ${code(key)} to the selector. Give it a value, or write ${code('value: ""')} to require an empty label value.`, { kind: 'setValue', pair: valuePair.span, value: '""' });
          } else if (v?.kind === 'scalar' && v.type !== 'string') this.add('label-value-type', 'error', v.span, `Label values must be strings: kubectl reads ${code(v.text)} as ${describeType(v)}. Quote it: ${JSON.stringify(v.text)}.`, { kind: 'replace', replacements: [JSON.stringify(v.text)] });
        } else {
          this.walkValue(field.spec, valuePair, field.path);
        }
      }
    }
  }

  /** Resolves a JSON pointer (`/spec/bandwidthPerMigration`) against the catalogue; reports a wrong segment. */
  private checkPointer(node: ScalarNode, pointer: string): { spec: FieldSpec; path: string[]; label: boolean } | undefined {
    if (pointer === '') return { spec: POLICY, path: [], label: false };
    if (!pointer.startsWith('/')) {
      this.add('unknown-field', 'error', node.span, `A JSON patch path starts with "/": write ${code(`/${pointer}`)}.`);
      return undefined;
    }
    const segments = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let field = POLICY;
    const path: string[] = [];
    for (const [i, segment] of segments.entries()) {
      if (field.type === 'labelMap' || field.type === 'stringMap') {
        if (i === segments.length - 1) return { spec: field, path: [...path, segment], label: true };
        return undefined;
      }
      if (field.type === 'any') return undefined;
      const child = field.children?.find((c) => c.name === segment);
      if (!child) {
        if (path.length === 0 && segment === 'status') return undefined;
        const candidates = (field.children ?? []).map((c) => c.name).filter((c) => c !== 'status');
        const suggestion = suggestName(segment, candidates);
        const full = [...path, segment].join('.');
        const hint = suggestion ? ` Did you mean ${code(suggestion)}?` : candidates.length ? ` Known fields of ${path.length ? path.join('.') : 'the top level'}: ${candidates.map(code).join(', ')}.` : ` ${code(path.join('.'))} is a single value, with no fields under it.`;
        this.add('unknown-field', 'error', node.span, `This patch sets ${code(full)}, which a MigrationPolicy does not have: kubectl rejects the result ("strict decoding error: unknown field \\"${full}\\"").${hint}`, suggestion ? { kind: 'replace', replacements: [JSON.stringify(`/${[...path, suggestion].join('/')}`)] } : undefined);
        return undefined;
      }
      this.checkVersion(child, { key: node, value: null, span: node.span }, [...path, segment]);
      field = child;
      path.push(segment);
    }
    return { spec: field, path, label: false };
  }

  validate(policy: MapNode): void {
    const pairs = this.walkMap(policy, POLICY, []);
    this.checkIdentity(policy, pairs);
    this.checkMetadata(policy, pairs);
    this.checkSpec(policy, pairs);
  }

  /** Validates a mapping against an object field: duplicates, unknown keys, and each known child. */
  private walkMap(map: MapNode, field: FieldSpec, path: string[]): Map<string, Pair> {
    const effective = new Map<string, Pair>();
    if (this.visited.has(map)) return effective;
    this.visited.add(map);
    for (const pair of map.pairs) {
      const name = keyText(pair);
      if (name === undefined) {
        const at = pair.key?.span ?? pair.span;
        this.add('key-invalid', 'error', at, 'This key is empty or not a plain name: kubectl cannot convert a null or complex key to JSON. Write a field name.');
        continue;
      }
      const previous = effective.get(name);
      if (previous && !this.alternatives(previous, pair)) this.add('duplicate-key', 'warning', previous.key?.span ?? previous.span, `${code(name)} is set again further down: kubectl keeps only the last value, so this one is ignored. Remove one of them.`);
      effective.set(name, pair);
    }
    for (const [name, pair] of effective) {
      if (this.templated(pair.key)) continue;
      if (name.startsWith('$') && this.doc.mode === 'patch') continue;
      this.checkKeyStyle(pair);
      const child = field.children?.find((c) => c.name === name);
      if (!child) {
        this.reportUnknown(name, pair, field, path);
        continue;
      }
      this.checkVersion(child, pair, [...path, name]);
      this.walkValue(child, pair, [...path, name]);
    }
    return effective;
  }

  private checkKeyStyle(pair: Pair): void {
    const key = deref(pair.key);
    if (key?.kind === 'scalar' && key.style === 'plain' && key.yaml12 && key.type !== 'string') {
      this.add('yaml11-key', 'warning', key.span, `kubectl reads the key ${code(key.text)} as ${JSON.stringify(String(key.value))} (YAML 1.1), while YAML 1.2 tools read ${JSON.stringify(key.text)}. Quote it: "${key.text}".`, { kind: 'replace', replacements: [JSON.stringify(key.text)] });
    }
  }

  private reportUnknown(name: string, pair: Pair, parent: FieldSpec, path: string[]): void {
    const at = pair.key?.span ?? pair.span;
    const where = path.length ? path.join('.') : 'the top level';
    const full = [...path, name].join('.');
    if (path.length === 1 && path[0] === 'spec' && Object.hasOwn(CLUSTER_ONLY_FIELDS, name)) {
      const { what, instead } = CLUSTER_ONLY_FIELDS[name];
      this.add('cluster-config-field', 'error', at, `${code(name)} is not a MigrationPolicy field: it is ${what}, set in the KubeVirt CR (spec.configuration.migrations.${name}). kubectl rejects it here ("unknown field \\"${full}\\""). ${instead ?? 'Set it in the KubeVirt CR instead.'}`, { kind: 'removePair', pair: pair.span });
      return;
    }
    if (path.join('.') === 'spec.selectors' && (name === 'matchLabels' || name === 'matchExpressions')) {
      this.add('legacy-selector', 'error', at, `${code(name)} belongs directly under namespaceSelector or virtualMachineInstanceSelector in KubeVirt before v0.55, and is not a field of selectors at all now. Write the labels as a plain map under one of those two selectors.`);
      return;
    }
    // Dropped by add() anyway: skip the name suggestion, which costs an edit distance per known field.
    if (this.doc.hasSyntaxErrors || this.findings.length >= FINDING_BUDGET) return;
    const candidates = (parent.children ?? []).map((c) => c.name);
    const suggestion = suggestName(name, candidates);
    const hint = suggestion ? ` Did you mean ${code(suggestion)}?` : ` Known fields ${path.length ? `of ${where}` : 'there'}: ${candidates.filter((c) => c !== 'status').map(code).join(', ')}.`;
    this.add('unknown-field', 'error', at, `Unknown field ${code(name)} ${path.length ? 'in ' : 'at '}${where}: kubectl rejects it ("strict decoding error: unknown field \\"${full}\\"").${hint}`, suggestion ? { kind: 'rename', replacements: [suggestion] } : undefined);
  }

  private checkVersion(field: FieldSpec, pair: Pair, path: string[]): void {
    const target = this.options.kubevirtVersion;
    if (!target || compareKubevirtVersions(field.since, target) <= 0) return;
    const since = field.since === 'main' ? 'KubeVirt main (after v1.9.0)' : `KubeVirt ${field.since}`;
    this.add('field-too-new', 'warning', pair.key?.span ?? pair.span, `${code(path.join('.'))} needs ${since}; the target version is ${target}, whose API server prunes or rejects it.`);
  }

  private walkValue(field: FieldSpec, pair: Pair, path: string[]): void {
    if (this.templatedValue(pair)) return;
    const raw = pair.value;
    const value = deref(raw);
    const keySpan = pair.key?.span ?? pair.span;
    if (raw?.kind === 'alias' && !value) return; // the parser reports it: kubectl cannot read the file at all
    if (!value || (value.kind === 'scalar' && value.type === 'null')) {
      this.checkNull(field, pair, path, keySpan);
      return;
    }
    if (value.kind === 'scalar' && value.unencodable) {
      this.add('type-mismatch', 'error', value.span, `kubectl cannot convert ${code(value.text)} to JSON ("json: unsupported value"). Write a finite number.`);
      return;
    }
    switch (field.type) {
      case 'object':
        if (value.kind !== 'map') return this.typeError(field, value, path, 'a mapping');
        this.walkMap(value, field, path);
        return;
      case 'boolean':
        return this.checkBoolean(field, value, path);
      case 'integer':
        return this.checkInteger(field, value, path, pair.span);
      case 'quantity':
        return this.checkBandwidth(field, value, path);
      case 'factor':
        return this.checkFactor(field, value, path);
      case 'enum':
      case 'string':
        return this.checkString(field, value, path);
      case 'labelMap':
        return this.checkSelectorMap(value, path);
      case 'stringMap':
        return this.checkStringMap(value, path);
      case 'any':
        return;
    }
  }

  private checkNull(field: FieldSpec, pair: Pair, path: string[], keySpan: Span): void {
    const name = path.join('.');
    if (field.required) {
      const fix: FixData | undefined = name === 'spec.selectors' ? { kind: 'insertSelectors' } : undefined;
      this.add('required-null', 'error', keySpan, `${code(name)} has no value: the API server drops null fields and then rejects the policy ("${name}: Required value").${name === 'spec.selectors' ? ' Write `selectors: {}` to match every VMI, or add a namespaceSelector or virtualMachineInstanceSelector.' : ''}`, fix);
    } else if (field.type === 'labelMap' || field.type === 'stringMap' || field.type === 'any') {
      return;
    } else {
      this.add('null-value', 'warning', keySpan, `${code(name)} has no value: the API server drops it, so the cluster-wide value applies. Give it a value or remove the line.`, { kind: 'removePair', pair: pair.span });
    }
  }

  private typeError(field: FieldSpec, value: Node, path: string[], expected: string): void {
    const name = path.join('.');
    if (value.kind === 'scalar' && value.type === 'string' && value.style === 'plain' && field.type === 'object') {
      const m = /^([^\s:]+):(\S.*)$/.exec(value.text);
      if (m) {
        this.add('yaml-syntax', 'error', value.span, `Missing space after ':' in "${value.text}": write "${m[1]}: ${m[2]}", with a space after the colon.`, { kind: 'replace', replacements: [`${m[1]}: ${m[2]}`] });
        return;
      }
    }
    // x-kubernetes-int-or-string (the quantity) is the type list [integer, string] to the API server.
    const schemaType = field.type === 'object' || field.type === 'labelMap' || field.type === 'stringMap' ? 'object' : field.type === 'boolean' ? 'boolean' : field.type === 'integer' ? 'integer' : field.type === 'quantity' ? 'integer,string' : 'string';
    this.add('type-mismatch', 'error', value.span, `${code(name)} must be ${expected}, not ${describeType(value)}. The API server rejects it: "${name} in body must be of type ${schemaType}: \\"${jsonType(value)}\\"".`);
  }

  private checkBoolean(field: FieldSpec, value: Node, path: string[]): void {
    const name = path.join('.');
    if (value.kind !== 'scalar') return this.typeError(field, value, path, 'true or false');
    if (value.type === 'boolean') {
      if (value.style === 'plain' && value.yaml12) {
        const replacement = String(value.value);
        this.add('yaml11-boolean', 'warning', value.span, `kubectl reads ${code(value.text)} as ${replacement} (YAML 1.1), but YAML 1.2 tools read the string "${value.text}". Write ${code(replacement)}.`, { kind: 'replace', replacements: [replacement] });
      }
      return;
    }
    if (value.type === 'string' && value.style === 'plain' && readByKustomize(this.doc.mode) && /^(yes|no|on|off|y|n)$/i.test(value.text)) {
      const replacement = /^(yes|on|y)$/i.test(value.text) ? 'true' : 'false';
      this.add('boolean-string', 'error', value.span, `kustomize reads ${code(value.text)} as the string "${value.text}" (only true and false are booleans to it) and writes it quoted, so the API server rejects ${code(name)} ("must be of type boolean"). Write ${code(replacement)}.`, { kind: 'replace', replacements: [replacement] });
      return;
    }
    if (value.type === 'string' && /^(true|false|yes|no|on|off|y|n)$/i.test(value.text)) {
      const replacement = /^(true|yes|on|y)$/i.test(value.text) ? 'true' : 'false';
      const why = value.style === 'plain' && value.tag ? `carries the tag ${value.tag.replace(/^tag:yaml\.org,2002:/, '!!')}, so kubectl sends it as a string` : 'is quoted, so it is a string';
      this.add('boolean-string', 'error', value.span, `${code(name)} must be a boolean, but ${JSON.stringify(value.text)} ${why} and the API server rejects it ("must be of type boolean"). Write ${code(replacement)} without ${value.style === 'plain' ? 'the tag' : 'quotes'}.`, { kind: 'replace', replacements: [replacement] });
      return;
    }
    this.add('type-mismatch', 'error', value.span, `${code(name)} must be true or false, not ${describeType(value)} ("${name} in body must be of type boolean: \\"${jsonType(value)}\\"").`, { kind: 'replace', replacements: ['true', 'false'] });
  }

  private checkInteger(field: FieldSpec, value: Node, path: string[], pairSpan?: Span): void {
    const name = path.join('.');
    if (value.kind !== 'scalar') return this.typeError(field, value, path, 'an integer');
    let n: number;
    if (value.type === 'integer') {
      n = value.value as number;
      if (value.style === 'plain' && value.yaml12 && typeof value.yaml12.value === 'number' && value.yaml12.value !== n) {
        this.add('yaml11-number', 'warning', value.span, `kubectl reads ${code(value.text)} as ${n} (YAML 1.1 octal), while YAML 1.2 tools read ${value.yaml12.value}. Write ${code(String(n))} if you mean ${n}.`, { kind: 'replace', replacements: [String(n), String(value.yaml12.value)] });
      } else if (/[.eE]/.test(value.text) && value.style !== 'json') {
        this.add('integer-format', 'information', value.span, `${code(value.text)} is sent as the integer ${n}, which the API server accepts; write ${code(String(n))} to make that plain.`, { kind: 'replace', replacements: [String(n)] });
      }
    } else if (value.type === 'number') {
      return this.checkFloatForInteger(field, value, path);
    } else if (value.type === 'string' && /^[-+]?\d+$/.test(value.text.trim())) {
      const plain = String(Number.parseInt(value.text.trim(), 10));
      this.add('integer-string', 'error', value.span, `${code(name)} must be an integer, but ${JSON.stringify(value.text)} is quoted, so it is a string and the API server rejects it ("must be of type integer: \\"string\\""). Write ${code(plain)} without quotes.`, { kind: 'replace', replacements: [plain] });
      return;
    } else {
      return this.typeError(field, value, path, 'an integer');
    }
    const json = value.json ?? String(n);
    const decodeError = goDecodeError(json, field.goType ?? 'int64', name);
    if (decodeError && !this.outOfSchemaRange(field, json)) {
      const type = field.goType ?? 'int64';
      this.add('out-of-range', 'error', value.span, `${code(name)} is a Go ${type} in KubeVirt: the API server stores ${json}, but the admission webhook cannot decode it and denies the policy ("${decodeError.replace(/ \(.*\)$/, '')}"). Write at most ${type === 'int32' ? '2147483647' : '9223372036854775807'}.`);
      return;
    }
    this.checkRange(field, n, value.span, path, pairSpan);
  }

  /** True when the schema's own minimum or maximum already rejects the value (that error comes first). */
  private outOfSchemaRange(field: FieldSpec, json: string): boolean {
    const n = BigInt(json);
    return (field.min !== undefined && n < BigInt(field.min)) || (field.max !== undefined && n > BigInt(field.max));
  }

  // k8s.io/apiextensions-apiserver schema validation (kube-openapi type validator + go-openapi/swag
  // IsFloat64AJSONInteger), then the webhook's encoding/json decode into the field's Go integer type.
  private checkFloatForInteger(field: FieldSpec, value: ScalarNode, path: string[]): void {
    const name = path.join('.');
    const f = value.value as number;
    const json = value.json ?? String(f);
    if (Math.abs(f) >= 2 ** 63) {
      // A float written within int64 (9223372036854775807.0) reaches kubectl as a float64, rounded past it.
      const written = /^[-+]?[0-9]+(\.0*)?$/.test(value.text.trim()) ? BigInt(value.text.trim().replace(/\..*$/, '')) : undefined;
      const why = written !== undefined && written >= -(1n << 63n) && written < 1n << 63n
        ? `${value.text} is a float to kubectl, which rounds it to ${json}, beyond that range, and the API server rejects it`
        : `${value.text} is beyond its range, so kubectl sends the number ${json} and the API server rejects it`;
      this.add('out-of-range', 'error', value.span, `${code(name)} must be a 64-bit integer: ${why} ("${name} in body must be of type integer: \"number\""). The ${f > 0 ? 'largest' : 'smallest'} value it takes is ${code(f > 0 ? '9223372036854775807' : '-9223372036854775808')}.`);
      return;
    }
    const down = Math.floor(f);
    const fix: FixData = { kind: 'replace', replacements: [String(down), String(down + 1)] };
    if (isFloat64AJSONInteger(f)) {
      // Taken as an integer, it still meets the schema's minimum and maximum first.
      if ((field.min !== undefined && f < field.min && field.min !== 0) || (field.max !== undefined && f > field.max)) return this.checkRange(field, f, value.span, path);
      this.add('integer-format', 'error', value.span, `${code(name)} must be a whole number: kubectl sends ${json}. The API server of Kubernetes ${CHECKED_KUBERNETES} lets it through (it counts a number within a relative 1e-9 of an integer as one), but KubeVirt's admission webhook cannot decode it into an integer and denies the policy. Write ${code(String(Math.round(f)))}.`, { kind: 'replace', replacements: [String(Math.round(f))] });
      return;
    }
    this.add('integer-format', 'error', value.span, `${code(name)} must be a whole number: ${value.text} is a fraction and the API server rejects it ("must be of type integer: \"number\""). Write ${code(String(down))} or ${code(String(down + 1))}.`, fix);
  }

  private checkRange(field: FieldSpec, n: number, span: Span, path: string[], pairSpan?: Span): void {
    const name = path.join('.');
    const unit = field.unit ? ` ${field.unit}` : '';
    if (field.min === 0 && n < 0) {
      const who = name === 'spec.completionTimeoutPerGiB' ? 'the admission webhook denies it ("must not be negative")' : `the API server rejects it ("should be greater than or equal to 0")`;
      // Flipping the sign is a guess (-5 s/GiB gives an 8 GiB guest 40 s): offer the default, and removing the
      // field so the KubeVirt CR's value applies.
      const fallback = field.defaultText?.split(' (')[0];
      const fix: FixData = fallback && /^\d+$/.test(fallback) ? { kind: 'replace', replacements: [fallback], notes: ['the default'], ...(pairSpan ? { removable: pairSpan } : {}) } : { kind: 'replace', replacements: [String(-n)] };
      this.add('negative', 'error', span, `${code(name)} must not be negative: ${who}.${fallback ? ` The default is ${fallback}${unit}.` : ''}`, fix);
    } else if (field.min !== undefined && n < field.min) {
      const bounds = field.max !== undefined ? `between ${field.min} and ${field.max}${unit}` : `at least ${field.min}${unit}`;
      this.add('out-of-range', 'error', span, `${code(name)} must be ${bounds}: the API server rejects ${n} ("should be greater than or equal to ${goFormatFloat(field.min)}").`, { kind: 'replace', replacements: [String(field.min)] });
    } else if (field.max !== undefined && n > field.max) {
      this.add('out-of-range', 'error', span, `${code(name)} must be ${field.min !== undefined ? `between ${field.min} and ${field.max}` : `at most ${field.max}`}${unit}: the API server rejects ${n} ("should be less than or equal to ${goFormatFloat(field.max)}").`, { kind: 'replace', replacements: [String(field.max)] });
    }
  }

  private checkBandwidth(field: FieldSpec, value: Node, path: string[]): void {
    const name = path.join('.');
    if (value.kind !== 'scalar') return this.typeError(field, value, path, 'a quantity such as 64Mi');
    if (value.type === 'number') {
      const n = value.value as number;
      const json = value.json ?? String(n);
      // x-kubernetes-int-or-string is the type list [integer, string]: a float passes when swag counts it as an integer.
      if (isFloat64AJSONInteger(n)) {
        if (!/^[0-9]+$/.test(json)) this.add('integer-format', 'information', value.span, `kubectl sends the number ${json}; the API server of Kubernetes ${CHECKED_KUBERNETES} accepts it as an integer (within a relative 1e-9) and KubeVirt parses ${json} as a quantity. Quote a quantity string to say exactly what you mean.`);
        return this.checkBandwidthAmount(value, json, path);
      }
      const big = Math.abs(n) >= 2 ** 53;
      if (big) {
        // Quoted, the same text is a quantity string the API server takes; say whether virt-launcher could use it.
        const quoted = effectiveBandwidthBytes(value.text);
        const fix = quoted.fails
          ? ` Quoting it would not help: virt-launcher cannot convert ${code(value.text)} to bytes ("${quoted.fails}"), so every migration would fail. Write ${code('0')} for no limit, or a real limit such as ${code('10Gi')}.`
          : ` Quote it as a quantity string: "${value.text}".`;
        this.add('quantity-invalid', 'error', value.span, `${code(name)}: kubectl sends ${value.text} as the number ${json}, which is not a 64-bit integer, and the API server rejects it ("${name} in body must be of type integer,string: \"number\"").${fix}`,
          { kind: 'replace', replacements: quoted.fails ? ['0', '10Gi'] : [JSON.stringify(value.text)] });
        return;
      }
      this.add('quantity-invalid', 'error', value.span, `${code(name)} must be an integer or a quantity string: ${value.text} is a fraction, which the API server rejects (int-or-string). For ${n} mebibytes per second write ${code(`${n}Mi`)}.`,
        { kind: 'replace', replacements: [`${n}Mi`, `${n}Gi`] });
      return;
    }
    if (value.type === 'integer') {
      if (value.style === 'plain' && value.yaml12 && typeof value.yaml12.value === 'number' && value.yaml12.value !== value.value) {
        this.add('yaml11-number', 'warning', value.span, `kubectl reads ${code(value.text)} as ${value.value} (YAML 1.1 octal), while YAML 1.2 tools read ${value.yaml12.value}.`, { kind: 'replace', replacements: [String(value.value)] });
      }
      return this.checkBandwidthAmount(value, value.json ?? String(value.value), path);
    }
    if (value.type !== 'string') return this.typeError(field, value, path, 'a quantity such as 64Mi');
    const text = String(value.value); // the decoded string (a !!binary value, say), not the source text
    const mistake = explainQuantityMistake(text);
    if (!matchesCrdPattern(text)) {
      this.add('quantity-invalid', 'error', value.span, `${code(name)}: ${mistake?.message ?? `${JSON.stringify(text)} is not a Kubernetes quantity. Write a number with an optional suffix: 64Mi, 1Gi, 500M.`}`, mistake?.suggestions.length ? { kind: 'replace', replacements: mistake.suggestions } : undefined);
      return;
    }
    if (this.checkParseCost(text, value, name)) return;
    const parsed = parseQuantity(text);
    if (!parsed.ok) {
      this.add('quantity-invalid', 'error', value.span, `${code(name)}: ${mistake?.message ?? `${JSON.stringify(text)} passes the CRD pattern, but KubeVirt's admission webhook cannot parse it ("${parsed.error}").`}`, mistake?.suggestions.length ? { kind: 'replace', replacements: mistake.suggestions } : undefined);
      return;
    }
    this.checkBandwidthAmount(value, text, path);
  }

  /** A quantity whose exponent makes Go's ParseQuantity run for seconds or minutes; true when that is fatal. */
  // mirrors kubernetes/apimachinery pkg/api/resource/quantity.go ParseQuantity (inf.Dec Round), via goRoundingDigits
  private checkParseCost(text: string, value: ScalarNode, name: string): boolean {
    const digits = goRoundingDigits(text);
    if (digits >= GO_PARSE_TIMEOUT_DIGITS) {
      this.add('quantity-invalid', 'error', value.span, `${code(name)}: ${code(text)} passes the CRD pattern, but its exponent makes Go's ParseQuantity work through ${formatCount(digits)} digits, which takes far longer than the 10 s KubeVirt's admission webhook is given; the webhook fails closed, so the API server denies the policy. Write the value with a small exponent.`, { kind: 'replace', replacements: ['0'] });
      return true;
    }
    if (digits >= GO_PARSE_SLOW_DIGITS) {
      // Without an exponent the digits come from the fraction (`0.1…`, also with a binary suffix: `0.1…Ki`).
      const cause = /[eE]/.test(text) ? ['has an exponent that makes', 'a small exponent'] : ['has so many fraction digits that they make', 'fewer fraction digits'];
      this.add('quantity-invalid', 'warning', value.span, `${code(name)}: ${code(text)} ${cause[0]} Go's ParseQuantity work through ${formatCount(digits)} digits: seconds of CPU in KubeVirt's admission webhook, which is given 10 s. Write the value with ${cause[1]}.`);
    }
    return false;
  }

  private checkBandwidthAmount(value: ScalarNode, text: string, path: string[]): void {
    const name = path.join('.');
    const parsed = parseQuantity(text);
    if (!parsed.ok) return;
    const q = parsed.quantity;
    const amount = quantityToNumber(q);
    const bare = /^[+]?\d+$/.test(text);
    if (quantityIsNegative(q)) {
      this.add('negative', 'error', value.span, `${code(name)} must not be negative: the admission webhook denies it ("must not be negative"). Use 0 for unlimited bandwidth.`, { kind: 'replace', replacements: [text.replace(/^-/, ''), '0'] });
    } else if (quantityIsZero(q)) {
      this.add('bandwidth-unlimited', 'information', value.span, `${code(name)}: 0 means unlimited bandwidth, which is also the cluster default.`);
    } else if (effectiveBandwidthBytes(text).fails) {
      this.add('bandwidth-fails', 'warning', value.span, `${code(text)} is accepted by the API server and the webhook, but virt-launcher cannot convert it to bytes ("${effectiveBandwidthBytes(text).fails}"), so every migration under this policy fails to start. Write a limit below 8Ei, or 0 for none.`, { kind: 'replace', replacements: ['0'] });
    } else if (effectiveBandwidthBytes(text).bytesPerSecond === 0) {
      const m = /^[+]?([0-9.]+)m$/.exec(text);
      const suggestions = m ? [`${m[1]}Mi`, `${m[1]}M`] : [];
      this.add('bandwidth-milli', 'warning', value.span, `${code(text)} is ${amount} bytes per second (${m ? 'a milli-quantity: lowercase m means 1/1000' : 'less than one byte'}). KubeVirt converts it to 0 bytes, which means no limit at all.${m ? ` Did you mean ${code(`${m[1]}Mi`)} (mebibytes)?` : ''}`, suggestions.length ? { kind: 'replace', replacements: suggestions } : undefined);
    } else if (amount < 1024 * 1024) {
      const suggestions = bare ? [`${text}Mi`, `${text}Gi`] : ['1Mi'];
      const what = bare ? `${code(text)} is ${text} ${text === '1' ? 'byte' : 'bytes'} per second, not megabytes` : `${code(text)} is below 1Mi`;
      this.add('bandwidth-small', 'warning', value.span, `${what}: KubeVirt raises any limit below 1Mi to 1Mi (1 MiB/s), which makes migrations crawl.${bare ? ` Did you mean ${code(`${text}Mi`)}?` : ''}`, { kind: 'replace', replacements: suggestions });
    }
  }

  private checkFactor(field: FieldSpec, value: Node, path: string[]): void {
    const name = path.join('.');
    if (value.kind !== 'scalar' || !(value.type === 'string' || value.type === 'integer' || value.type === 'number')) return this.typeError(field, value, path, `a decimal number in quotes, such as "${field.defaultText}"`);
    // x-kubernetes-int-or-string (KubeVirt main): a float passes when swag counts it as an integer, and the
    // webhook then parses kubectl's number text as a quantity.
    const tolerated = value.type === 'number' && isFloat64AJSONInteger(value.value as number);
    if (value.type === 'number' && !tolerated) {
      this.add('type-mismatch', 'error', value.span, `${code(name)} must be a string or an integer: ${value.text} is a float, which the API server rejects. Quote it: "${value.text}".`, { kind: 'replace', replacements: [JSON.stringify(value.text)] });
      return;
    }
    const text = value.type === 'string' ? String(value.value) : value.json ?? String(value.value);
    if (tolerated) this.add('integer-format', 'information', value.span, `kubectl sends the number ${text}; the API server of Kubernetes ${CHECKED_KUBERNETES} accepts it as an integer (within a relative 1e-9) and KubeVirt's webhook parses ${text} as a quantity. Quote it to say exactly what you mean: "${value.text}".`, { kind: 'replace', replacements: [JSON.stringify(value.text)] });
    if (value.type !== 'string' && this.options.kubevirtVersion && compareKubevirtVersions(this.options.kubevirtVersion, 'main') < 0) {
      this.add('type-mismatch', 'warning', value.span, `KubeVirt ${this.options.kubevirtVersion} accepts only strings for ${code(name)}: quote it as "${text}".`, { kind: 'replace', replacements: [JSON.stringify(text)] });
    }
    if (matchesCrdPattern(text) && this.checkParseCost(text, value, name)) return;
    const parsed = parseQuantity(text);
    if (!parsed.ok || !matchesCrdPattern(text)) {
      const who = matchesCrdPattern(text) ? ` The CRD pattern accepts it, but KubeVirt's webhook cannot parse it ("${parsed.ok ? '' : parsed.error}").` : '';
      this.add('quantity-invalid', 'error', value.span, `${code(name)} must be a decimal number such as "${field.defaultText}": ${JSON.stringify(text)} is not a valid quantity.${who}`, { kind: 'replace', replacements: [JSON.stringify(field.defaultText ?? '1')] });
      return;
    }
    const n = quantityToNumber(parsed.quantity);
    // pkg/virt-api/webhooks/validating-webhook/admitters/migrationpolicy-admitter.go: stall detector factor checks.
    if (n < 0) return this.add('negative', 'error', value.span, `${code(name)}: the admission webhook denies it ("invalid scalar \\"${text}\\": must not be negative").`);
    if (Math.round(n * 1000) !== n * 1000 && Math.abs(Math.round(n * 1000) - n * 1000) > 1e-6) {
      this.add('factor-precision', 'error', value.span, `${code(name)} may have at most 3 decimal places: the admission webhook denies ${text} ("must have at most 3 decimal places"). Write ${JSON.stringify(String(Math.round(n * 1000) / 1000))}.`, { kind: 'replace', replacements: [JSON.stringify(String(Math.round(n * 1000) / 1000))] });
      return;
    }
    if (field.min !== undefined && (field.minExclusive ? n <= field.min : n < field.min)) {
      this.add('out-of-range', 'error', value.span, `${code(name)} must be ${field.minExclusive ? `greater than ${field.min}` : `at least ${field.min}`}${field.max !== undefined ? ` and at most ${field.max}` : ''}: the admission webhook denies ${text} ("must be greater than ${field.minExclusive ? '' : 'or equal to '}${field.min}"). The default is ${field.defaultText}.`, { kind: 'replace', replacements: [JSON.stringify(field.defaultText)] });
    } else if (field.max !== undefined && n > field.max) {
      this.add('out-of-range', 'error', value.span, `${code(name)} must be at most ${field.max}: the admission webhook denies ${text} ("must be less than or equal to ${field.max}"). The default is ${field.defaultText}.`, { kind: 'replace', replacements: [JSON.stringify(field.defaultText)] });
    }
  }

  private checkString(field: FieldSpec, value: Node, path: string[]): void {
    const name = path.join('.');
    if (value.kind !== 'scalar' || value.type !== 'string') {
      if (value.kind === 'scalar' && (value.type === 'boolean' || value.type === 'integer' || value.type === 'number') && field.enumValues === undefined) {
        this.add('type-mismatch', 'error', value.span, `${code(name)} must be a string: kubectl reads ${code(value.text)} as ${describeType(value)}. Quote it: "${value.text}".`, { kind: 'replace', replacements: [JSON.stringify(value.text)] });
        return;
      }
      return this.typeError(field, value, path, 'a string');
    }
    if (field.enumValues && !field.enumValues.includes(value.value as string)) {
      this.checkEnum(field, value, path);
    }
  }

  private checkEnum(field: FieldSpec, value: ScalarNode, path: string[]): void {
    const name = path.join('.');
    const text = value.value as string;
    const allowed = field.enumValues ?? [];
    if (name === 'apiVersion') {
      const [group, version] = text.split('/');
      const why = group === API_GROUP && version ? `${version} does not exist: MigrationPolicy has only ever been served as v1alpha1${version === 'v1beta1' ? ' (some OpenShift docs show v1beta1 by mistake)' : ''}` : `MigrationPolicy belongs to the ${API_GROUP} group`;
      this.add('api-version', 'error', value.span, `${code(text)}: ${why}. Write ${code(API_VERSION)}.`, { kind: 'replace', replacements: [API_VERSION] });
      return;
    }
    if (name === 'kind') {
      this.add('kind', 'error', value.span, `The kind is ${code(KIND)} (singular, this exact case), not ${code(text)}.`, { kind: 'replace', replacements: [KIND] });
      return;
    }
    const suggestion = allowed.find((a) => a.toLowerCase() === text.toLowerCase()) ?? suggestName(text, allowed);
    this.add('enum-value', 'error', value.span, `${code(name)} must be one of ${allowed.map(code).join(', ')}, not ${JSON.stringify(text)}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''}`, { kind: 'replace', replacements: suggestion ? [suggestion] : allowed });
  }

  /** A selector: a plain map of label key → string value (KubeVirt ≥ v0.55). */
  private checkSelectorMap(value: Node, path: string[]): void {
    const name = path.join('.');
    if (value.kind !== 'map') return this.typeError(POLICY, value, path, 'a map of label keys to values');
    const effective = new Map<string, Pair>();
    for (const pair of value.pairs) {
      const key = keyText(pair);
      if (key === undefined) {
        this.add('key-invalid', 'error', pair.key?.span ?? pair.span, 'This label key is empty or not a plain string: kubectl cannot convert it to JSON.');
        continue;
      }
      const previous = effective.get(key);
      if (previous && !this.alternatives(previous, pair)) this.add('duplicate-key', 'warning', previous.key?.span ?? previous.span, `Label ${code(key)} is set again further down: kubectl keeps only the last value, so this one is ignored.`);
      effective.set(key, pair);
    }
    for (const [key, pair] of effective) {
      if (this.templated(pair.key) || this.templatedValue(pair)) continue;
      const keySpan = pair.key?.span ?? pair.span;
      const v = deref(pair.value);
      // A plain string value makes `matchLabels` an ordinary label key; only a mapping or list is the pre-v0.55 shape.
      if ((key === 'matchLabels' || key === 'matchExpressions') && (v?.kind === 'map' || v?.kind === 'seq')) {
        if (key === 'matchLabels') {
          this.add('legacy-selector', 'error', keySpan, `Selectors are plain label maps since KubeVirt v0.55: ${code('matchLabels')} is taken as a label key whose value is an object, and the API server rejects it ("${name}.matchLabels in body must be of type string: \\"${jsonType(v)}\\""). Move its entries up one level.`, v?.kind === 'map' ? { kind: 'flattenSelector', pair: pair.span } : undefined);
        } else {
          this.add('legacy-selector', 'error', keySpan, `Selectors are plain label maps since KubeVirt v0.55: ${code('matchExpressions')} is not supported and the API server rejects it ("${name}.matchExpressions in body must be of type string: \\"${jsonType(v)}\\""). Write each required label as ${code('key: "value"')}; there are no operators or wildcards.`);
        }
        continue;
      }
      this.checkKeyStyle(pair);
      const keyErrors = validateLabelKey(key);
      if (keyErrors.length) this.add('label-key-syntax', 'warning', keySpan, `${code(key)} is not a valid label key, so this selector can never match any object: ${keyErrors.join('; ')}. Rule: ${describeLabelRule('key')}`);
      if (!v || (v.kind === 'scalar' && v.type === 'null')) {
        const only = effective.size === 1;
        this.add('label-value-dropped', 'warning', keySpan, `${code(key)} has no value: the API server drops null entries, so this selector no longer requires ${code(key)}${only ? ` and, as its only entry, matches every ${path[path.length - 1] === 'namespaceSelector' ? 'namespace' : 'VMI'}` : ' and matches more than intended'}. Give it a value, or write ${code(`${key}: ""`)} to require an empty label value.`, { kind: 'setValue', pair: pair.span, value: '""' });
        continue;
      }
      if (v.kind !== 'scalar') {
        this.add('label-value-type', 'error', v.span, `The value of label ${code(key)} must be a string, not ${describeType(v)}: the API server rejects it ("${name}.${key} in body must be of type string: \\"${jsonType(v)}\\"").`);
        continue;
      }
      if (v.type !== 'string') {
        const quoted = JSON.stringify(v.style === 'plain' ? v.text : String(v.value));
        const kubectlSees = v.type === 'boolean' ? `the boolean ${v.value}` : `the number ${v.value}`;
        // .inf/.nan: encoding/json refuses a non-finite float, so kubectl stops before any request (kubevirt-facts.md §8)
        const outcome = v.unencodable
          ? `, which JSON cannot hold: kubectl stops ("json: unsupported value") before the API server sees the policy`
          : ` and the API server rejects it ("must be of type string: \\"${jsonType(v)}\\"")`;
        this.add('label-value-type', 'error', v.span, `Label values must be strings: kubectl reads ${code(v.text)} as ${kubectlSees} (YAML 1.1)${outcome}. Quote it: ${quoted}.`, { kind: 'replace', replacements: [quoted] });
        continue;
      }
      const valueErrors = validateLabelValue(v.value as string);
      if (valueErrors.length) this.add('label-value-syntax', 'warning', v.span, `${JSON.stringify(v.value)} is not a valid label value, so this selector can never match any object: ${valueErrors.join('; ')}. Rule: ${describeLabelRule('value')}`);
    }
  }

  /** metadata.labels / metadata.annotations: string values; labels are validated by the API server. */
  private checkStringMap(value: Node, path: string[]): void {
    const name = path.join('.');
    if (value.kind !== 'map') return this.typeError(POLICY, value, path, 'a map of strings');
    const isLabels = name === 'metadata.labels';
    for (const pair of value.pairs) {
      const key = keyText(pair);
      const v = deref(pair.value);
      if (key === undefined || this.templated(pair.key)) continue;
      if (this.templatedValue(pair)) continue;
      if (isLabels) {
        const errors = validateLabelKey(key);
        if (errors.length) this.add('metadata-label', 'error', pair.key?.span ?? pair.span, `The API server rejects the label key ${JSON.stringify(key)}: ${errors.join('; ')}.`);
      }
      if (v && v.kind !== 'scalar') {
        // ObjectMeta holds labels and annotations as map[string]string: an object or array cannot be decoded into it.
        this.add('label-value-type', 'error', v.span, `Values of ${code(name)} must be strings, not ${describeType(v)}: ObjectMeta holds ${isLabels ? 'labels' : 'annotations'} as a map of strings, so the API server rejects the policy. Write the value as one quoted string${isLabels ? '' : ' (structured data such as JSON goes in quotes too)'}.`);
      } else if (v && v.type !== 'string' && v.type !== 'null') {
        const quoted = JSON.stringify(v.style === 'plain' ? v.text : String(v.value));
        this.add('label-value-type', 'error', v.span, `Values of ${code(name)} must be strings: kubectl reads ${code(v.text)} as ${describeType(v)}. Quote it: ${quoted}.`, { kind: 'replace', replacements: [quoted] });
      } else if (isLabels && v && v.type === 'string') {
        const errors = validateLabelValue(v.value as string);
        if (errors.length) this.add('metadata-label', 'error', v.span, `The API server rejects the label value ${JSON.stringify(v.value)}: ${errors.join('; ')}.`);
      }
    }
  }

  private checkIdentity(policy: MapNode, pairs: Map<string, Pair>): void {
    if (this.doc.hasSyntaxErrors || !this.demandsFieldsOf(policy)) return;
    const anchor = policy.pairs[0]?.key?.span ?? policy.span;
    if (!pairs.has('apiVersion')) this.add('api-version', 'error', anchor, `${code('apiVersion')} is missing: write ${code(`apiVersion: ${API_VERSION}`)}.`);
    if (!pairs.has('kind')) this.add('kind', 'error', anchor, `${code('kind')} is missing: write ${code(`kind: ${KIND}`)}.`);
  }

  private checkMetadata(policy: MapNode, pairs: Map<string, Pair>): void {
    const metadataPair = pairs.get('metadata');
    const metadata = deref(metadataPair?.value);
    const anchor = pairs.get('kind')?.key?.span ?? policy.pairs[0]?.key?.span ?? policy.span;
    if (!metadata || metadata.kind !== 'map') {
      // No metadata key at all: the squiggle goes on the object's first key, where its lens is; one without a value has its required-null.
      if (!this.doc.hasSyntaxErrors && !metadataPair && this.demandsFieldsOf(policy)) this.add('name-missing', 'error', policy.pairs[0]?.key?.span ?? anchor, `The policy has no name: add ${code('metadata')} with a ${code('name')} (the API server says "metadata.name: Required value").`);
      return;
    }
    const fields = new Map<string, Pair>();
    for (const p of metadata.pairs) {
      const k = keyText(p);
      if (k !== undefined) fields.set(k, p);
    }
    const namePair = fields.get('name');
    const name = deref(namePair?.value);
    // A `name:` with no value already has its required-null finding on the same key: one error, not two.
    const nullReported = (span: Span | undefined) => span !== undefined && this.findings.some((f) => f.code === 'required-null' && f.span.start === span.start && f.span.end === span.end);
    if (!namePair || !name || (name.kind === 'scalar' && name.type === 'null')) {
      if (!nullReported(namePair?.key?.span) && !fields.has('generateName') && !this.doc.hasSyntaxErrors && this.demandsFieldsOf(metadata) && !(namePair && this.templatedValue(namePair))) this.add('name-missing', 'error', namePair?.key?.span ?? metadataPair?.key?.span ?? anchor, `${code('metadata.name')} is missing: the API server requires "name or generateName". Name the policy (lowercase letters, digits, '-' and '.').`);
    } else if (name.kind === 'scalar' && name.type === 'string' && !this.templated(name)) {
      const errors = validateDnsSubdomainName(name.value as string);
      if (errors.length) {
        const suggestion = suggestDnsSubdomainName(name.value as string);
        this.add('name-invalid', 'error', name.span, `The API server rejects the name ${JSON.stringify(name.value)}: ${errors.join('; ')}.${suggestion ? ` Try ${code(suggestion)}.` : ''}`, suggestion ? { kind: 'replace', replacements: [suggestion] } : undefined);
      }
    }
    const namespacePair = fields.get('namespace');
    if (namespacePair && !this.templated(namespacePair.key)) {
      this.add('namespace-ignored', 'warning', namespacePair.key?.span ?? namespacePair.span, `MigrationPolicy is cluster-scoped: the API server drops ${code('metadata.namespace')}, and the policy applies to VMIs of every namespace its selectors match. Remove it; use ${code('spec.selectors.namespaceSelector')} to limit namespaces.`, { kind: 'removePair', pair: namespacePair.span });
    }
  }

  private checkSpec(policy: MapNode, pairs: Map<string, Pair>): void {
    const specPair = pairs.get('spec');
    const spec = deref(specPair?.value);
    if (!specPair) {
      if (!this.doc.hasSyntaxErrors && this.demandsFieldsOf(policy)) {
        const anchor = pairs.get('kind')?.key?.span ?? policy.pairs[0]?.key?.span ?? policy.span;
        this.add('spec-missing', 'error', anchor, `The policy has no ${code('spec')}: the API server requires it ("spec: Required value"). Add ${code('spec')} with ${code('selectors: {}')} and the settings to override.`, { kind: 'insertSelectors' });
      }
      return;
    }
    if (!spec || spec.kind !== 'map') return;
    const specFields = new Map<string, Pair>();
    for (const p of spec.pairs) {
      const k = keyText(p);
      if (k !== undefined) specFields.set(k, p);
    }
    const selectorsPair = specFields.get('selectors');
    if (!selectorsPair) {
      if (!this.doc.hasSyntaxErrors && this.demandsFieldsOf(spec)) this.add('selectors-missing', 'error', specPair.key?.span ?? specPair.span, `${code('spec.selectors')} is missing: the API server requires it ("spec.selectors: Required value"). Add ${code('selectors: {}')} to match every VMI, or a namespaceSelector or virtualMachineInstanceSelector.`, { kind: 'insertSelectors', spec: spec.span });
    } else if (this.doc.mode !== 'patch' && !this.templatedValue(selectorsPair) && !this.holeWithin(selectorsPair.span)) {
      this.checkCatchAll(selectorsPair);
    }
    this.checkGates(specFields);
  }

  private checkCatchAll(selectorsPair: Pair): void {
    const selectors = deref(selectorsPair.value);
    if (!selectors || selectors.kind !== 'map') return;
    let entries = 0;
    for (const p of selectors.pairs) {
      const k = keyText(p);
      if (k !== 'namespaceSelector' && k !== 'virtualMachineInstanceSelector') {
        entries++;
        continue;
      }
      const map = deref(p.value);
      if (map && map.kind === 'map') entries += map.pairs.filter((e) => { const v = deref(e.value); return v && !(v.kind === 'scalar' && v.type === 'null'); }).length;
    }
    if (entries === 0) {
      this.add('catch-all', 'information', selectorsPair.key?.span ?? selectorsPair.span, 'These selectors are empty, so the policy matches every VMI, with the lowest precedence: any policy with a matching label wins over it.');
    }
  }

  private checkGates(specFields: Map<string, Pair>): void {
    const enabled = this.options.featureGates;
    const gate = (pair: Pair, what: string, gates: readonly string[], admitterMessage: string) => {
      if (enabled && gates.some((g) => enabled.includes(g))) return;
      const names = gates.map(code).join(' or ');
      const severity: Severity = enabled ? 'error' : 'warning';
      const state = enabled ? `: the cluster does not enable the ${names} feature gate` : ` unless the KubeVirt CR enables the ${names} feature gate`;
      this.add('feature-gate', severity, pair.key?.span ?? pair.span, `The admission webhook denies ${what}${state} ("${admitterMessage}"). Enable it in the KubeVirt CR's spec.configuration.developerConfiguration.featureGates.`);
    };
    // The catalogue names the gated fields and their gates; a field (one level down, under `experimental`, too)
    // counts when the last pair with its name has a value: the API server prunes a null before the webhook
    // sees the object (apiextensions-apiserver pkg/apiserver/schema/defaulting/prunenulls.go).
    const present = new Map<string, Pair>();
    for (const { path, gates } of GATED_FIELDS) {
      const pair = path.length === 1 ? specFields.get(path[0]) : nestedPair(specFields.get(path[0]), path[1]);
      if (!pair || !hasValue(pair)) continue;
      const dotted = path.join('.');
      present.set(dotted, pair);
      gate(pair, code(dotted), gates, `${dotted} cannot be modified without enabling the ${gates.join(' or ')} feature gate`);
    }
    const experimentalPair = specFields.get('experimental');
    const stall = present.get('experimental.stallDetector');
    const tuning = present.get('experimental.downtimeTuning');
    if (!experimentalPair) return;
    if (stall && tuning) {
      this.add('mutually-exclusive', 'error', experimentalPair.key?.span ?? experimentalPair.span, `${code('stallDetector')} and ${code('downtimeTuning')} cannot be used together: the admission webhook denies it ("experimental.stallDetector and experimental.downtimeTuning are mutually exclusive; the stall detection path manages its own downtime schedule"). Keep one of them.`);
    }
  }
}

/** The last pair named `key` in the map under `parent`, as kubectl keeps it (the admitter reads the decoded object). */
function nestedPair(parent: Pair | undefined, key: string): Pair | undefined {
  const map = deref(parent?.value);
  if (!map || map.kind !== 'map') return undefined;
  let found: Pair | undefined;
  for (const p of map.pairs) if (keyText(p) === key) found = p;
  return found;
}

/** Whether a pair's value survives the API server: not missing, and not a null it prunes. */
function hasValue(pair: Pair): boolean {
  const v = deref(pair.value);
  return !!v && !(v.kind === 'scalar' && v.type === 'null');
}
