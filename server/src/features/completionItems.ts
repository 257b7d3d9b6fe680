// Completion items for a site: keys and values from the field catalogue.
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver-types';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { findField, MAIN_BRANCH } from '../policy/catalog';
import type { FieldSpec } from '../policy/catalog';
import { effectiveBandwidthBytes, formatBandwidth, parseQuantity } from '../policy/quantity';
import { edit, esc, markup, plain, selectorWhich } from './completionShared';
import type { Context, Site } from './completionShared';
import { labelKeyItems, labelValueItems } from './completionLabels';

export function itemsFor(ctx: Context, site: Site): CompletionItem[] {
  if (site.position === 'key') {
    const field = findField(site.path);
    if (field?.type === 'labelMap') return labelKeyItems(ctx, site, selectorWhich(site.path));
    return field?.type === 'object' && field.children ? keyItems(ctx, site, field) : [];
  }
  const parent = findField(site.path.slice(0, -1));
  if (parent?.type === 'labelMap') return labelValueItems(ctx, site, selectorWhich(site.path.slice(0, -1)), site.path[site.path.length - 1]);
  const field = findField(site.path);
  return field ? valueItems(ctx, site, field) : [];
}

const isMapType = (f: FieldSpec) => f.type === 'object' || f.type === 'labelMap' || f.type === 'stringMap';

// MigrationPolicy is cluster-scoped: a namespace is dropped by the API server
// (kubevirt pkg/virt-operator/resource/generate/components/crds.go NewMigrationPolicyCrd, Scope: ClusterScoped).
const NOT_OFFERED = new Set(['metadata.namespace']);

function keyItems(ctx: Context, site: Site, field: FieldSpec): CompletionItem[] {
  const snippet = ctx.options.snippetSupport;
  const children = field.children ?? [];
  return children
    .filter((c) => c.type !== 'any' && !NOT_OFFERED.has([...site.path, c.name].join('.')) && !site.present.has(c.name))
    .map((c) => ({
      label: c.name,
      kind: CompletionItemKind.Property,
      detail: fieldDetail(c),
      documentation: fieldDocumentation(c, ctx.options.markdown),
      sortText: `${c.required ? 0 : c.experimental || c.featureGates ? 2 : 1}${String(children.indexOf(c)).padStart(3, '0')}`,
      filterText: site.syntax === 'json' && site.typed.startsWith('"') ? JSON.stringify(c.name) : c.name,
      textEdit: edit(ctx, site, keyInsert(site, c, snippet)),
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
    }));
}

function keyInsert(site: Site, field: FieldSpec, snippet: boolean): string {
  const comma = site.comma ? ',' : '';
  const fixed = field.enumValues?.length === 1 ? field.enumValues[0] : undefined;
  if (site.syntax === 'json') {
    const name = JSON.stringify(field.name);
    if (site.hasColon) return name;
    if (isMapType(field)) return `${name}: ${snippet ? '{$1}' : '{}'}${comma}`;
    if (fixed !== undefined) return `${name}: ${esc(JSON.stringify(fixed), snippet)}${comma}`;
    if (!snippet) return `${name}: ${comma}`;
    if (field.type === 'boolean') return `${name}: \${1|true,false|}${comma}`;
    if (field.enumValues) return `${name}: "\${1|${choices(field)}|}"${comma}`;
    const value = field.snippetDefault?.replace(/^"(.*)"$/, '$1');
    if (value === undefined) return `${name}: $1${comma}`;
    const placeholder = `\${1:${esc(value, true)}}`;
    return `${name}: ${field.type === 'integer' ? placeholder : `"${placeholder}"`}${comma}`;
  }
  if (site.hasColon) return field.name;
  if (isMapType(field)) return `${field.name}:\n${' '.repeat(site.column + site.step)}${snippet ? '${1}' : ''}`;
  if (fixed !== undefined) return `${field.name}: ${esc(fixed, snippet)}`;
  if (!snippet) return `${field.name}: `;
  if (field.type === 'boolean') return `${field.name}: \${1|true,false|}`;
  if (field.enumValues) return `${field.name}: \${1|${choices(field)}|}`;
  return `${field.name}: ${field.snippetDefault ? `\${1:${esc(field.snippetDefault, true)}}` : ''}`;
}

/** Enum values for a snippet choice, the snippet default first. */
function choices(field: FieldSpec): string {
  const values = [...(field.enumValues ?? [])].sort((a, b) => Number(b === field.snippetDefault) - Number(a === field.snippetDefault));
  return values.map((v) => v.replace(/[\\$}|,]/g, '\\$&')).join(',');
}

function fieldDetail(field: FieldSpec): string {
  return field.experimental ? `Experimental: ${field.summary.replace(/\s*\(alpha(?:, ([^)]*))?\)$/, (_m, rest?: string) => (rest ? ` (${rest})` : ''))}` : field.summary;
}

function fieldDocumentation(field: FieldSpec, markdown: boolean): MarkupContent {
  const parts = [field.doc];
  if (field.defaultText) parts.push(`**Default:** ${field.defaultText}`);
  let meta = `Since KubeVirt ${field.since === MAIN_BRANCH ? 'main (not in a release yet)' : field.since}`;
  if (field.featureGates) meta += `; needs the ${field.featureGates.map((g) => `\`${g}\``).join(' or ')} feature gate`;
  if (field.experimental) meta += '. Experimental (alpha)';
  parts.push(`${meta}.`);
  return markup(parts.join('\n\n'), markdown);
}



interface ValueChoice {
  value: string;
  detail: string;
}

function valueItems(ctx: Context, site: Site, field: FieldSpec): CompletionItem[] {
  const defaultValue = field.defaultText?.split(/[\s,(]/)[0];
  const noteDefault = (value: string, detail: string) => (value === defaultValue && !/default/i.test(detail) ? `${detail} (default)` : detail);
  let values: ValueChoice[] = [];
  if (field.type === 'boolean') {
    values = ['true', 'false'].map((v) => ({ value: v, detail: v === defaultValue && field.defaultText ? `Default: ${plain(field.defaultText)}` : field.summary }));
  } else if (field.type === 'enum') {
    values = (field.values ?? (field.enumValues ?? []).map((v) => ({ value: v, doc: field.summary }))).map((v) => ({ value: v.value, detail: noteDefault(v.value, plain(v.doc)) }));
  } else if (field.type === 'quantity') {
    values = (field.values ?? []).map((v) => ({ value: v.value, detail: noteDefault(v.value, plain(v.doc)) }));
    const number = site.typed.replace(/^["']/, '');
    if (/^[0-9]+(\.[0-9]+)?$/.test(number) && number !== '0') {
      for (const suffix of ['Mi', 'Gi']) {
        const parsed = parseQuantity(number + suffix);
        if (parsed.ok && !values.some((v) => v.value === number + suffix)) values.push({ value: number + suffix, detail: formatBandwidth(effectiveBandwidthBytes(number + suffix).bytesPerSecond) });
      }
    }
  } else if (field.type === 'integer' || field.type === 'factor') {
    values = field.values
      ? field.values.map((v) => ({ value: v.value, detail: plain(v.doc) }))
      : field.snippetDefault
        ? [{ value: field.snippetDefault, detail: field.defaultText ? `Default: ${plain(field.defaultText)}` : field.summary }]
        : [];
  }
  const documentation = fieldDocumentation(field, ctx.options.markdown);
  return values.map((v, i) => {
    const text = site.syntax === 'json' ? jsonValue(field, v.value) : v.value;
    return {
      label: v.value,
      kind: field.type === 'enum' || field.type === 'boolean' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      detail: v.detail,
      documentation,
      sortText: String(i).padStart(3, '0'),
      filterText: /^["']/.test(site.typed) ? text : v.value.replace(/^"(.*)"$/, '$1'),
      textEdit: edit(ctx, site, `${site.lead}${text}${site.comma ? ',' : ''}`),
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

function jsonValue(field: FieldSpec, value: string): string {
  if (field.type === 'boolean' || field.type === 'integer' || /^".*"$/.test(value)) return value;
  if (field.type === 'quantity' && /^[0-9]+$/.test(value)) return value;
  return JSON.stringify(value);
}
