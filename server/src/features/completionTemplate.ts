// Completion of a whole new policy in an empty document (the template is policy/newPolicy.ts).
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver-types';
import type { CompletionItem } from 'vscode-languageserver-types';
import { newPolicyText } from '../policy/newPolicy';
import { findField, KIND } from '../policy/catalog';
import { validateLabelKey, validateLabelValue } from '../policy/labels';
import { LEGACY_SELECTOR_KEYS } from './selectorLabels';
import { edit, markup } from './completionShared';
import type { Context } from './completionShared';
import { yamlKey } from './completionLabels';

export function newPolicyItem(ctx: Context, start: number, end: number, syntax: 'yaml' | 'json'): CompletionItem {
  const snippet = ctx.options.snippetSupport;
  const top = ctx.options.labels?.vmi.find((l) => !LEGACY_SELECTOR_KEYS.has(l.key) && validateLabelKey(l.key).length === 0 && validateLabelValue(l.value).length === 0);
  const text = newPolicyText({
    syntax,
    snippet,
    vmiLabel: [top ? (syntax === 'json' ? top.key : yamlKey(top.key)) : 'key', top?.value ?? 'value'],
    settings: [['bandwidthPerMigration', findField(['spec', 'bandwidthPerMigration'])?.snippetDefault ?? '64Mi']],
    quoteLabelValues: true,
  });
  const preview = snippet ? text.replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, (_m, v: string) => v.replace(/\\(.)/g, '$1')) : text;
  return {
    label: KIND,
    kind: CompletionItemKind.Snippet,
    detail: 'New KubeVirt MigrationPolicy',
    documentation: markup(ctx.options.markdown ? `\`\`\`${syntax}\n${preview}\n\`\`\`` : preview, ctx.options.markdown),
    textEdit: edit(ctx, { start, end }, text),
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
  };
}
