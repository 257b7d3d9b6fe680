// A chart's values.yaml checked through its templates: where a policy field's whole value is
// `{{ .Values.x }}` (optionally `| quote`), the entry `x` of values.yaml is checked with that field's
// rules, as Helm renders it, and the finding is placed on the entry in values.yaml.
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../document/file';
import type { ParsedFile } from '../document/file';
import type { DocumentModel, FileModel, MapNode, Node, ScalarNode, Span } from '../document/model';
import { deref, getPair, keyText } from '../document/model';
import { findPolicies } from '../document/policies';
import { resolveKubectl } from '../document/scalar';
import { valuesReference } from '../document/template';
import type { FieldSpec } from '../policy/catalog';
import { POLICY } from '../policy/catalog';
import { toDiagnostic } from './diagnostics';
import { validateFieldValue } from './validation';
import type { Finding, ValidationOptions } from './validation';

/** A policy field whose whole value in a template is one `.Values` entry. */
export interface ValuesReference {
  /** The path in values.yaml (`bandwidth`, `migration.timeout`). */
  values: string[];
  /** The policy field (`spec.bandwidthPerMigration`). */
  field: string[];
  /** `| quote`, or the action inside quotes: the rendered value is a string. */
  quoted: boolean;
  /** The action as written. */
  action: string;
  /** Where the action is, in file offsets of the template. */
  offset: number;
}

const SCALAR_TYPES = new Set<FieldSpec['type']>(['boolean', 'integer', 'quantity', 'factor', 'enum', 'string']);

/** The values references of a parsed chart template (a file parsed in `helm-template` mode). */
export function findValuesReferences(file: FileModel): ValuesReference[] {
  const refs: ValuesReference[] = [];
  for (const { offset, model } of file.documents) {
    if (!model.template) continue;
    for (const policy of findPolicies(model.root)) walk(model, offset, policy, POLICY, [], refs);
  }
  return refs;
}

function walk(model: DocumentModel, offset: number, map: MapNode, field: FieldSpec, path: string[], refs: ValuesReference[]): void {
  for (const pair of map.pairs) {
    const name = keyText(pair);
    const child = field.children?.find((c) => c.name === name);
    const value = deref(pair.value);
    if (!child || !name || !value) continue;
    if (child.type === 'object' && value.kind === 'map') walk(model, offset, value, child, [...path, name], refs);
    else if (SCALAR_TYPES.has(child.type) && value.kind === 'scalar') {
      const ref = wholeValueReference(model, value);
      if (ref) refs.push({ values: ref.path, field: [...path, name], quoted: ref.quoted || value.style === 'double' || value.style === 'single', action: ref.action, offset: offset + ref.start });
    }
  }
}

function wholeValueReference(model: DocumentModel, value: ScalarNode): { path: string[]; quoted: boolean; action: string; start: number } | undefined {
  const actions = model.template?.inline.filter((a) => a.start < value.span.end && a.end > value.span.start) ?? [];
  if (actions.length !== 1) return undefined;
  const [a] = actions;
  const quotedAround = value.style === 'double' || value.style === 'single';
  const whole = quotedAround ? a.start === value.span.start + 1 && a.end === value.span.end - 1 : a.start === value.span.start && a.end === value.span.end;
  if (!whole) return undefined;
  const ref = valuesReference(a.action);
  return ref ? { ...ref, action: a.action, start: a.start } : undefined;
}

/** One reference with the template it comes from, named for messages (`templates/policy.yaml:12`). */
export interface NamedReference {
  ref: ValuesReference;
  where: string;
}

/**
 * Findings in values.yaml (document-relative to its first document, which the caller converts) for
 * each referenced entry that breaks the field's rules once rendered.
 */
export function getValuesFindings(values: FileModel, refs: readonly NamedReference[], options: ValidationOptions = {}): { offset: number; findings: Finding[] } {
  const doc = values.documents[0];
  const root = deref(doc?.model.root);
  if (!doc || !root || root.kind !== 'map' || doc.model.hasSyntaxErrors) return { offset: 0, findings: [] };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { ref, where } of refs) {
    const node = lookup(root, ref.values);
    if (!node || node.kind !== 'scalar' || node.type === 'null') continue;
    const rendered = render(node, ref.quoted);
    const key = `${ref.values.join('.')}|${ref.field.join('.')}|${ref.quoted}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const renderNote = !ref.quoted && rendered.text !== node.text && node.style === 'plain' ? ` Helm renders ${node.text} as ${rendered.text}.` : '';
    for (const f of validateFieldValue(doc.model, ref.field, rendered, options)) {
      findings.push({ code: f.code, severity: f.severity, span: f.span, message: `Used as \`${ref.field.join('.')}\` by ${where} (\`${ref.action}\`):${renderNote} ${f.message}` });
    }
  }
  return { offset: doc.offset, findings };
}

function lookup(root: MapNode, path: string[]): Node | null {
  let node: Node | null = root;
  for (const key of path) {
    const map = deref(node);
    if (!map || map.kind !== 'map') return null;
    node = getPair(map, key)?.value ?? null;
  }
  return deref(node);
}

/** The scalar a template writes for a values entry: Go's `%v` of the value sigs.k8s.io/yaml decoded. */
function render(node: ScalarNode, quoted: boolean): ScalarNode {
  const span: Span = node.span;
  const text = node.type === 'string' ? String(node.value) : typeof node.value === 'number' ? formatGoFloat(node.value) : String(node.value);
  if (quoted) return { kind: 'scalar', span, text, style: 'double', value: text, type: 'string' };
  const resolved = resolveKubectl(text);
  return { kind: 'scalar', span, text, style: 'plain', value: resolved.value, type: resolved.type };
}

/** Go's `%v` of a float64 (Helm decodes every number of values.yaml as one): `1e+06`, `123456`, `0.5`. */
export function formatGoFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return '0';
  const [mantissa, exponent] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const digits = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return String(n);
}

/** A template of the chart, parsed in `helm-template` mode, and its name relative to the chart. */
export interface ChartTemplate {
  name: string;
  file: FileModel;
}

/** Diagnostics of a chart's values.yaml from the references its templates make. The CLI and the server call this. */
export function getValuesDiagnostics(document: Pick<ParsedFile, 'file'> & Partial<Pick<ParsedFile, 'lines'>>, templates: readonly ChartTemplate[], options: ValidationOptions = {}): Diagnostic[] {
  const { file: values, lines = new LineIndex(values.text) } = document;
  const refs: NamedReference[] = [];
  for (const t of templates) {
    const templateLines = new LineIndex(t.file.text);
    for (const ref of findValuesReferences(t.file)) refs.push({ ref, where: `${t.name}:${templateLines.positionAt(ref.offset).line + 1}` });
  }
  if (refs.length === 0) return [];
  const { offset, findings } = getValuesFindings(values, refs, options);
  return findings.sort((a, b) => a.span.start - b.span.start).map((f) => toDiagnostic(lines, offset, f));
}
