// Completion: what every part shares: the options, the context of one request, the site being
// completed, and how an item's edit and documentation are written.
import { MarkupKind } from 'vscode-languageserver-types';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { LineIndex } from '../document/file';
import type { KnownLabels } from './selectorLabels';

export interface CompletionOptions {
  /** The client accepts snippets (`${1:placeholder}`); otherwise plain text is inserted. */
  snippetSupport: boolean;
  /** The client renders Markdown documentation. */
  markdown: boolean;
  /** Labels known from the workspace or a cluster, for selector keys and values. */
  labels?: KnownLabels;
}

export interface Context {
  lines: LineIndex;
  options: CompletionOptions;
  /** File offset of the document. */
  base: number;
  /** Set when a long label list was cut; the client then asks again as the user types. */
  incomplete: boolean;
}

/** Where the completion goes: a key of a mapping or the value of a key, with the text it replaces. */
export interface Site {
  position: 'key' | 'value';
  syntax: 'yaml' | 'json';
  /** Key path from the policy object: the mapping's path for keys, the key's own path for values. */
  path: string[];
  /** Keys already written in the mapping. */
  present: ReadonlySet<string>;
  /** Document-relative offsets of the replaced text, and the part of it before the cursor. */
  start: number;
  end: number;
  typed: string;
  /** A colon already follows the key being typed: insert the name only. */
  hasColon: boolean;
  /** YAML: column of the mapping's keys and one indentation step. */
  column: number;
  step: number;
  /** Text before an inserted value (a space right after `key:`). */
  lead: string;
  /** JSON: another property follows without a comma. */
  comma: boolean;
}

export type Which = 'namespace' | 'vmi';

export const selectorWhich = (path: string[]): Which => (path[path.length - 1] === 'namespaceSelector' ? 'namespace' : 'vmi');

export function esc(text: string, snippet: boolean): string {
  return snippet ? text.replace(/[\\$}]/g, '\\$&') : text;
}

export function markup(value: string, markdown: boolean): MarkupContent {
  return markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: plain(value) };
}

export const plain = (md: string) => md.replace(/\*\*([^*]*)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');

export function edit(ctx: Context, site: Pick<Site, 'start' | 'end'>, newText: string) {
  return { range: ctx.lines.range(ctx.base, site), newText };
}
