// Survivors of the mutation run of document/template.ts that change answers. Go text/template
// (go/src/text/template/parse/lex.go): a comment runs from `/*` to the next `*/`, so `/*/` does not close it;
// a variable declaration is `$name :=` with any spacing, `$x:=1` included. isTemplated on an empty span asks
// whether some inline action holds that point, never whether every one does.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTemplated, maskTemplate } from '../../server/src/document/template';
import type { TemplateInfo } from '../../server/src/document/template';

test('a comment opened by `/*/` runs on to the next `*/`, past a `}}` inside it', () => {
  const line = '{{/*/ }} */}}';
  const { template } = maskTemplate(`a: 1\n${line}\nb: 2\n`);
  assert.deepEqual(template, { inline: [], holes: [], controls: [{ start: 5, end: 5 + line.length }] });
});

test('variable declarations are control lines with any spacing around :=', () => {
  for (const line of ['{{ $x:=1 }}', '{{- $name:= .Values.a -}}', '{{ $a   :=  2 }}', '{{ $b = 3 }}']) {
    const { template } = maskTemplate(`${line}\nkey: v\n`);
    assert.deepEqual(template, { inline: [], holes: [], controls: [{ start: 0, end: line.length }] }, line);
  }
  const { template } = maskTemplate('{{ .Values.block }}\n');
  assert.deepEqual(template.holes, [{ start: 0, end: 19 }]);
});

test('isTemplated on an empty span: true only when some inline action holds the point', () => {
  const none: TemplateInfo = { inline: [], holes: [], controls: [] };
  assert.equal(isTemplated(none, { start: 3, end: 3 }), false);
  const { template } = maskTemplate('a: {{ .Values.a }}\nb: {{ .Values.b }}\n');
  assert.equal(template.inline.length, 2);
  assert.equal(isTemplated(template, { start: 5, end: 5 }), true);
  assert.equal(isTemplated(template, { start: 23, end: 23 }), true);
  assert.equal(isTemplated(template, { start: 1, end: 1 }), false);
});
