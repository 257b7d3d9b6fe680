// The selection ranges that getSelectionRanges gives at a cursor, as the texts they cover.
import { LineIndex, parseFile } from '../../server/src/document/file';
import { getSelectionRanges } from '../../server/src/features/selectionRanges';
import { withCursor } from './fixture';

/** The head of a MigrationPolicy document up to its name. */
export const POLICY_HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';

/** The texts of the selection ranges at the ‸ of `marked`, innermost first. */
export function selectionChain(marked: string): string[] {
  const { text, offset } = withCursor(marked);
  const lines = new LineIndex(text);
  const out: string[] = [];
  for (let r: ReturnType<typeof getSelectionRanges>[number] | undefined = getSelectionRanges({ file: parseFile(text, 'yaml'), lines }, [offset])[0]; r; r = r.parent) out.push(text.slice(lines.offsetAt(r.range.start), lines.offsetAt(r.range.end)));
  return out;
}
