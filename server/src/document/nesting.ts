// How deeply a YAML or JSON text nests, measured in one linear pass before any parser sees it. The
// parsers recurse once per level, and V8 dies (uncatchably) near the end of its stack, so a text nested
// past the bound is never handed to them; it gets one located diagnostic instead.
import { formatCount } from '../text';

/**
 * go-yaml refuses deeper nesting: "exceeded max depth of 10000" (go.yaml.in/yaml/v2 scannerc.go:
 * max_flow_level and max_indents), so kubectl never applies such a document.
 */
export const GO_YAML_MAX_DEPTH = 10_000;

/**
 * The deepest nesting this tool analyses. Below go-yaml's limit because the parsers here recurse on
 * the JavaScript stack (the yaml package overflows Node's default stack near 900 levels, and V8 aborts
 * the process when that happens inside its regexp compiler), so they must stay far from its end
 * whatever the caller's own depth. No MigrationPolicy field nests deeper than 6 levels.
 */
export const MAX_ANALYSED_DEPTH = 200;

/** Where a text first nests deeper than the limit: the offset of the bracket or line that does it. */
export interface NestingExcess {
  offset: number;
  /** The deepest level seen (counting stops early past go-yaml's limit). */
  depth: number;
}

/**
 * Finds the first place where a YAML text nests deeper than `limit` (flow collections plus block
 * indentation levels, the way go-yaml's scanner counts them), in time linear in the text.
 */
export function findYamlNestingExcess(text: string, limit = MAX_ANALYSED_DEPTH): NestingExcess | undefined {
  const indents: number[] = [];
  let flow = 0;
  let excess: NestingExcess | undefined;
  let quote = 0;
  let blockScalarIndent = -1;
  const note = (offset: number) => {
    const depth = indents.length + flow;
    if (depth > limit) {
      if (!excess) excess = { offset, depth };
      else excess.depth = Math.max(excess.depth, depth);
    }
  };
  let lineStart = 0;
  const n = text.length;
  while (lineStart < n && (!excess || excess.depth <= GO_YAML_MAX_DEPTH)) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const column = i - lineStart;
    const blank = i >= lineEnd || text.charCodeAt(i) === 13 || (text.charCodeAt(i) === 35 && quote === 0 && flow === 0);
    if (blockScalarIndent >= 0) {
      if (blank || column > blockScalarIndent) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockScalarIndent = -1;
    }
    if (blank) {
      lineStart = lineEnd + 1;
      continue;
    }
    let valueStart = -1;
    if (quote === 0 && flow === 0) {
      while (indents.length && indents[indents.length - 1] > column) indents.pop();
      if (!indents.length || indents[indents.length - 1] < column) {
        indents.push(column);
        note(i);
      }
      // Compact sequences (`- - - x`) and explicit keys (`? x`) open one level per indicator.
      while ((text.charCodeAt(i) === 45 || text.charCodeAt(i) === 63) && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 13)) {
        i++;
        while (i < lineEnd && text.charCodeAt(i) === 32) i++;
        if ((text.charCodeAt(i) === 45 || text.charCodeAt(i) === 63) && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 13)) {
          indents.push(i - lineStart);
          note(i);
        }
      }
      valueStart = i;
    }
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote === 34) {
        if (c === 92) i++;
        else if (c === 34) quote = 0;
        continue;
      }
      if (quote === 39) {
        if (c === 39) {
          if (text.charCodeAt(i + 1) === 39) i++;
          else quote = 0;
        }
        continue;
      }
      const atValue = flow > 0 || i === valueStart;
      if (c === 35 && (i === lineStart || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) break;
      if (!atValue) {
        // Block context: only a mapping value (`key: `) starts a new value on this line.
        if (c === 58 && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 13)) {
          let j = i + 1;
          while (j < lineEnd && text.charCodeAt(j) === 32) j++;
          valueStart = j;
        }
        continue;
      }
      if (c === 91 || c === 123) {
        flow++;
        note(i);
      } else if (c === 93 || c === 125) {
        if (flow > 0) flow--;
      } else if (c === 34 || c === 39) {
        quote = c;
      } else if (flow === 0) {
        if (c === 38 || c === 33) {
          // An anchor or a tag before the value: the value starts after it.
          let j = i;
          while (j < lineEnd && text.charCodeAt(j) !== 32) j++;
          while (j < lineEnd && text.charCodeAt(j) === 32) j++;
          valueStart = j;
          i = j - 1;
        } else if ((c === 124 || c === 62) && /^[|>][-+0-9]*\s*(#.*)?$/.test(text.slice(i, lineEnd).trimEnd())) {
          blockScalarIndent = indents.length ? indents[indents.length - 1] : 0;
          break;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return excess;
}

/** Finds the first place where a JSON text nests deeper than `limit`, in time linear in the text. */
export function findJsonNestingExcess(text: string, limit = MAX_ANALYSED_DEPTH): NestingExcess | undefined {
  let depth = 0;
  let excess: NestingExcess | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (c === 91 || c === 123) {
      depth++;
      if (depth > limit) {
        if (!excess) excess = { offset: i, depth };
        else excess.depth = Math.max(excess.depth, depth);
      }
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return excess;
}

/** The diagnostic text for a text nested past the bound. */
export function nestingMessage(excess: NestingExcess, limit = MAX_ANALYSED_DEPTH): string {
  if (excess.depth > GO_YAML_MAX_DEPTH) {
    return `This document nests more than ${formatCount(GO_YAML_MAX_DEPTH)} levels deep from here; kubectl refuses it ("exceeded max depth of ${formatCount(GO_YAML_MAX_DEPTH)}"). The document is not analysed.`;
  }
  return `This document nests ${formatCount(excess.depth)} levels deep from here, more than the ${formatCount(limit)} this tool analyses (kubectl accepts up to ${formatCount(GO_YAML_MAX_DEPTH)}; no MigrationPolicy field nests deeper than 6). The document is not analysed.`;
}
