// Completion in MigrationPolicy documents: keys, values, selector labels and a whole new policy,
// all derived from the field catalogue. The entry point: the site comes from completionYaml.ts or
// completionJson.ts, the items from completionItems.ts (keys and values), completionLabels.ts
// (selector labels) and completionTemplate.ts (a new policy); completionShared.ts holds what they share.
import type { CompletionList } from 'vscode-languageserver-types';
import type { ParsedFile } from '../document/file';
import { documentAt } from '../document/path';
import { isInTemplateAction } from '../document/template';
import type { CompletionOptions, Context } from './completionShared';
import { completeYaml } from './completionYaml';
import { completeJson } from './completionJson';

export type { CompletionOptions } from './completionShared';

/**
 * Completion items at a file offset. YAML: keys missing from the mapping at the cursor, values of the
 * key on the cursor line, selector labels, and a new-policy snippet in an empty document. JSON: keys
 * and values inside the objects of a policy. Other documents (a Deployment) get nothing. Never throws.
 */
export function getCompletions(document: Pick<ParsedFile, 'file' | 'lines'>, offset: number, options: CompletionOptions): CompletionList {
  const { file, lines } = document;
  const at = Math.max(0, Math.min(offset, file.text.length));
  const doc = documentAt(file, at);
  const ctx: Context = { lines, options, base: doc?.offset ?? 0, incomplete: false };
  if (!doc || doc.model.tooLarge || isInTemplateAction(doc.model.template, doc.relative)) return { isIncomplete: false, items: [] };
  const items = file.language === 'json' ? completeJson(ctx, doc.model, doc.relative) : completeYaml(ctx, doc.model, doc.relative);
  return { isIncomplete: ctx.incomplete, items };
}
