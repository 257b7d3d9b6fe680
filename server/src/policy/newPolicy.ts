// The new-policy template: the one skeleton of a MigrationPolicy, rendered as YAML or JSON, with
// snippet tab stops or as plain text. Completion in an empty document (features/completion.ts) and
// the client's Insert policy command (client/src/format.ts) both render it; they differ only in the
// options they pass.
import { API_VERSION, findField, KIND } from './catalog';

/** A value of the template: a tab stop with this default, or a choice among values (first = default). */
export type TemplateValue = string | { choices: readonly string[] };

export interface NewPolicyOptions {
  syntax: 'yaml' | 'json';
  /** Values become snippet tab stops (`${1:my-policy}`), numbered in document order; else plain text. */
  snippet: boolean;
  /** The policy name (default: the catalogue's snippet default of `metadata.name`). */
  name?: string;
  /** A `namespaceSelector` entry (key as it is to be written, value). */
  namespaceLabel?: readonly [string, string];
  /** The `virtualMachineInstanceSelector` entry (key as it is to be written, value). */
  vmiLabel: readonly [string, string];
  /** Spec settings after the selectors, by catalogue name. */
  settings: readonly (readonly [string, TemplateValue])[];
  /** YAML: write the label values in double quotes. */
  quoteLabelValues?: boolean;
  /** JSON: write an object of one plain entry on one line (`{ "name": "my-policy" }`). */
  inlineSmallObjects?: boolean;
}

type Entry = { key: string; value: Entry[] } | { key: string; value: string; quoted: boolean };

/** The policy the options describe, as YAML or JSON text (no trailing newline). */
export function newPolicyText(options: NewPolicyOptions): string {
  let stop = 0;
  const value = (v: TemplateValue): string => {
    stop++;
    if (typeof v !== 'string') return options.snippet ? `\${${stop}|${v.choices.join(',')}|}` : (v.choices[0] ?? '');
    return options.snippet ? `\${${stop}:${v.replace(/[\\$}]/g, '\\$&')}}` : v;
  };
  const json = options.syntax === 'json';
  const label = ([k, v]: readonly [string, string]): Entry[] => {
    const key = value(k);
    return [{ key, value: value(v), quoted: json || options.quoteLabelValues === true }];
  };
  const name = value(options.name ?? findField(['metadata', 'name'])?.snippetDefault ?? 'my-policy');
  const selectors: Entry[] = [];
  if (options.namespaceLabel) selectors.push({ key: 'namespaceSelector', value: label(options.namespaceLabel) });
  selectors.push({ key: 'virtualMachineInstanceSelector', value: label(options.vmiLabel) });
  const settings: Entry[] = options.settings.map(([key, v]) => {
    const type = findField(['spec', key])?.type;
    return { key, value: value(v), quoted: json && type !== 'integer' && type !== 'boolean' };
  });
  const root: Entry[] = [
    { key: 'apiVersion', value: API_VERSION, quoted: json },
    { key: 'kind', value: KIND, quoted: json },
    { key: 'metadata', value: [{ key: 'name', value: name, quoted: json }] },
    { key: 'spec', value: [{ key: 'selectors', value: selectors }, ...settings] },
  ];
  return json ? ['{', ...jsonLines(root, 1, options.inlineSmallObjects === true), '}'].join('\n') : yamlLines(root, 0).join('\n');
}

function yamlLines(entries: readonly Entry[], depth: number): string[] {
  const pad = '  '.repeat(depth);
  return entries.flatMap((e) => (typeof e.value === 'string' ? [`${pad}${e.key}: ${scalar(e)}`] : [`${pad}${e.key}:`, ...yamlLines(e.value, depth + 1)]));
}

function jsonLines(entries: readonly Entry[], depth: number, inline: boolean): string[] {
  const pad = '  '.repeat(depth);
  return entries.flatMap((e, i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (typeof e.value === 'string') return [`${pad}"${e.key}": ${scalar(e)}${comma}`];
    const only = e.value.length === 1 ? e.value[0] : undefined;
    if (inline && only && typeof only.value === 'string') return [`${pad}"${e.key}": { "${only.key}": ${scalar(only)} }${comma}`];
    return [`${pad}"${e.key}": {`, ...jsonLines(e.value, depth + 1, inline), `${pad}}${comma}`];
  });
}

function scalar(e: Entry): string {
  return 'quoted' in e && e.quoted ? `"${e.value}"` : String(e.value);
}
