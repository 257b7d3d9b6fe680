// Helm (Go text/template) actions in a YAML text, masked so that the YAML around them parses. The
// masked text has the same length and line breaks as the original, so every offset stays valid:
// a line of actions only becomes blank, an action inside a line becomes a run of `_` (a plain scalar
// or part of one), and the spans say what was masked so that templated values are not judged.
import type { Span } from './model';

/**
 * How a document is read: a whole object applied as written (`complete`), a whole object that
 * kustomize reads and writes first (`kustomize`: a resource of a kustomization), a Kustomize patch
 * (partial, also read by kustomize), or a Helm chart template.
 */
export type DocumentMode = 'complete' | 'kustomize' | 'patch' | 'helm-template';

/** Whether kustomize (kyaml, go-yaml v3) reads the document before kubectl does. */
export function readByKustomize(mode: DocumentMode | undefined): boolean {
  return mode === 'kustomize' || mode === 'patch';
}

export interface TemplateAction extends Span {
  /** The action as written, `{{ .Values.x | quote }}`. */
  action: string;
}

/** What masking found, in offsets of the text it was given (or of one document, once sliced). */
export interface TemplateInfo {
  /** Actions inside a line of YAML, with their text: each is a templated key or value (or part of one). */
  inline: TemplateAction[];
  /** Lines that are only actions producing output (`include`, `toYaml`, `.Values.x`): templated content. */
  holes: Span[];
  /** Lines that are only control actions (`if`, `else`, `end`, `range`, `with`, comments): no output. */
  controls: Span[];
}

/** The text with template actions masked, and where they were. Pure; never throws. */
export function maskTemplate(text: string): { text: string; template: TemplateInfo } {
  const actions = findActions(text);
  const template: TemplateInfo = { inline: [], holes: [], controls: [] };
  if (actions.length === 0) return { text, template };
  const out = text.split('');
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = (at: number) => {
    const nl = text.indexOf('\n', at);
    return nl === -1 ? text.length : nl;
  };
  let i = 0;
  while (i < actions.length) {
    // A run of actions joined on their lines: the first line's start to the last line's end.
    const first = actions[i];
    let last = i;
    let end = lineEnd(first.end);
    while (last + 1 < actions.length && actions[last + 1].start < end) {
      last++;
      end = Math.max(end, lineEnd(actions[last].end));
    }
    const start = lineStart(first.start);
    const group = actions.slice(i, last + 1);
    let rest = '';
    let cursor = start;
    for (const a of group) {
      rest += text.slice(cursor, a.start);
      cursor = a.end;
    }
    rest += text.slice(cursor, end);
    if (rest.trim() === '') {
      for (let k = start; k < end; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
      const outputs = group.some((a) => producesOutput(text.slice(a.start, a.end)));
      (outputs ? template.holes : template.controls).push({ start, end });
    } else {
      for (const a of group) {
        for (let k = a.start; k < a.end; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = '_';
        template.inline.push({ start: a.start, end: a.end, action: text.slice(a.start, a.end) });
      }
    }
    i = last + 1;
  }
  return { text: out.join(''), template };
}

/** The template info of one slice [start, end) of the text, in slice-relative offsets. */
export function sliceTemplate(template: TemplateInfo, start: number, end: number): TemplateInfo {
  const cut = <T extends Span>(spans: T[]): T[] => spans.filter((s) => s.start < end && s.end > start).map((s) => ({ ...s, start: Math.max(0, s.start - start), end: Math.min(end, s.end) - start }));
  return { inline: cut(template.inline), holes: cut(template.holes), controls: cut(template.controls) };
}

/** Whether the span touches a masked action. */
export function isTemplated(template: TemplateInfo | undefined, span: Span): boolean {
  if (!template) return false;
  return template.inline.some((s) => s.start < span.end && s.end > span.start) || (span.start === span.end && template.inline.some((s) => s.start <= span.start && s.end >= span.start));
}

/** Whether an offset is inside a template action (or a line of them): no YAML feature applies there. */
export function isInTemplateAction(template: TemplateInfo | undefined, offset: number): boolean {
  if (!template) return false;
  const inside = (s: Span) => s.start < offset && offset < s.end;
  return template.inline.some(inside) || template.holes.some(inside) || template.controls.some(inside);
}

const CONTROL = /^\s*(?:(?:if|else|end|range|with|define|break|continue)\b|\/\*|\$[\w]*\s*:?=)/;

function producesOutput(action: string): boolean {
  const inner = action.replace(/^\{\{-?/, '').replace(/-?\}\}$/, '');
  return !CONTROL.test(inner);
}

/** Every `{{ … }}` action: strings, raw strings and comments inside are skipped. */
function findActions(text: string): Span[] {
  const actions: Span[] = [];
  let i = text.indexOf('{{');
  while (i !== -1) {
    let k = i + 2;
    let closed = -1;
    while (k < text.length) {
      const c = text[k];
      if (c === '"' || c === "'") {
        k++;
        while (k < text.length && text[k] !== c && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
        k++;
      } else if (c === '`') {
        const close = text.indexOf('`', k + 1);
        k = close === -1 ? text.length : close + 1;
      } else if (c === '/' && text[k + 1] === '*') {
        const close = text.indexOf('*/', k + 2);
        k = close === -1 ? text.length : close + 2;
      } else if (c === '}' && text[k + 1] === '}') {
        closed = k + 2;
        break;
      } else {
        k++;
      }
    }
    const end = closed === -1 ? text.length : closed;
    actions.push({ start: i, end });
    i = text.indexOf('{{', end);
  }
  return actions;
}

/** The text of a masked span as written: the masked characters put back from the actions. */
export function unmask(template: TemplateInfo, masked: string, span: Span): string {
  let out = '';
  let at = span.start;
  for (const a of template.inline) {
    if (a.end <= span.start || a.start >= span.end) continue;
    out += masked.slice(at, Math.max(at, a.start));
    out += a.action.slice(Math.max(0, span.start - a.start), a.action.length - Math.max(0, a.end - span.end));
    at = Math.min(a.end, span.end);
  }
  return out + masked.slice(at, span.end);
}

/**
 * The `.Values` path of an action that is a whole value: `{{ .Values.a.b }}`, `{{ .Values.a.b | quote }}`,
 * `{{ quote .Values.a.b }}`. Undefined for anything else (defaults, expressions, includes).
 */
export function valuesReference(action: string): { path: string[]; quoted: boolean } | undefined {
  const inner = action.replace(/^\{\{-?\s*/, '').replace(/\s*-?\}\}$/, '');
  let m = /^\.Values((?:\.[A-Za-z_][\w]*)+)(\s*\|\s*(quote|squote))?$/.exec(inner);
  if (m) return { path: m[1].slice(1).split('.'), quoted: Boolean(m[3]) };
  m = /^(quote|squote)\s+\.Values((?:\.[A-Za-z_][\w]*)+)$/.exec(inner);
  if (m) return { path: m[2].slice(1).split('.'), quoted: true };
  return undefined;
}
