// Edges of the policy hover (features/hover.ts getHover) found from its session-23 survivors: a Helm template's
// actions get no hover, a value written as an alias gets the field's hover over the alias, and the largest-VMs
// section (under the policy's name only) with no spec, no cluster, or a cluster that has not loaded yet.
// Figures: KubeVirt counts 8Gi as 9 decimal GB (pkg/virt-launcher/virtwrap/live-migration-source.go) and
// defaults completionTimeoutPerGiB to 150 (pkg/virt-config), so 8Gi times out after 150 s x 9 = 1,350 s.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { ClusterStatus } from '../../server/src/cluster/types';
import { LineIndex, parseFile } from '../../server/src/document/file';
import type { DocumentMode } from '../../server/src/document/template';
import { getHover } from '../../server/src/features/hover';
import type { HoverOptions } from '../../server/src/features/hover';
import type { SizedVm } from '../../server/src/features/outlookText';
import { withCursor } from '../support/fixture';

const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\n';
const VM: SizedVm = { label: 'prod/db-1', memory: { memory: '8Gi', source: 'spec.domain.memory.guest' } };
// 8Gi counts as 9 GB: 150 s x 9 = 1,350 s = 22 min 30 s; no bandwidthPerMigration, so no cap
const LARGEST = '**For the largest VMs it wins** (1 with known memory):\n- `prod/db-1`: `8Gi` → timeout 22 min 30 s (150 s × 9 GB) · no bandwidth cap';

/** The hover's paragraphs at the ‸ and the text its range covers; null without a hover. */
function hover(marked: string, options: HoverOptions = { markdown: true }, mode: DocumentMode = 'complete'): { sections: string[]; range: string } | null {
  const { text, offset } = withCursor(marked);
  const lines = new LineIndex(text);
  const h = getHover({ file: parseFile(text, 'yaml', undefined, mode), lines }, offset, options);
  if (!h) return null;
  return { sections: (h.contents as MarkupContent).value.split('\n\n'), range: text.slice(lines.offsetAt(h.range!.start), lines.offsetAt(h.range!.end)) };
}

test('a Helm template action gets no hover; the key beside it does', () => {
  const text = `${H}spec:\n  allowPostCopy: {{ .Values.c‸opy }}\n`;
  assert.equal(hover(text, { markdown: true }, 'helm-template'), null);
  assert.equal(hover(text.replace('‸', '').replace('allowPostCopy', 'allowPost‸Copy'), { markdown: true }, 'helm-template')?.range, 'allowPostCopy');
});

test('a value written as an alias gets the field\'s hover, over the alias', () => {
  const text = `${H}spec:\n  allowPostCopy: &on true\n  allowAutoConverge: *o‸n\n`;
  const h = hover(text);
  assert.equal(h?.range, '*on');
  assert.match(h?.sections[0] ?? '', /allowAutoConverge/);
});

test('the largest VMs it wins: under the name, also without a spec or a cluster, and not under other names', () => {
  const wins = { markdown: true, largestWins: () => [VM] };
  for (const spec of ['spec:\n  allowPostCopy: true\n', '']) {
    const sections = hover(`${H.replace('name: p', 'name: p‸')}${spec}`, wins)?.sections ?? [];
    assert.equal(sections.find((s) => s.startsWith('**For the largest')), LARGEST, spec);
  }
  // a cluster whose inventory has not loaded yet
  const status = { source: { kind: 'kube', context: 'dev', server: 'https://127.0.0.1:6443' }, state: { kind: 'loading' } } as unknown as ClusterStatus;
  const loading = hover(`${H.replace('name: p', 'name: p‸')}spec: {}\n`, { ...wins, cluster: { status } })?.sections ?? [];
  assert.equal(loading.find((s) => s.startsWith('**For the largest')), LARGEST);
  // metadata.namespace, a name under another key, and a name that is no string: no largest-VMs section
  const other = `${H}  namespace: ns‸\nother:\n  name: x\nspec: {}\n`;
  assert.equal(hover(other, wins)?.sections.some((s) => s.startsWith('**For the largest')) ?? false, false);
  assert.equal(hover(other.replace('ns‸', 'ns').replace('name: x', 'name: x‸'), wins), null);
  assert.equal(hover(`${H.replace('name: p', 'name: 5‸')}spec: {}\n`, wins)?.sections.some((s) => s.startsWith('**For the largest')) ?? false, false);
});
