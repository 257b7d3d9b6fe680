// How messages become bytes on a stream transport (stdio): JSON, as vscode-jsonrpc writes it, except
// that the long lists the server sends again and again (a publish's diagnostics, the code lenses of a
// file) are written from the JSON of each element, kept by the element's identity. After a one-character
// edit of a 2,000-document file, all but one document's diagnostics and all but one policy's lenses are
// the very objects sent last time (DocumentDiagnosticsCache, LensMemo), so re-encoding them (about 0.35
// and 0.7 MB of JSON per edit) is mostly copying bytes already made. The JSON is JSON.stringify's, except
// that in such a message every character beyond ASCII (the `·` of a lens title, the `−` of a tooltip) is
// written as a `\uXXXX` escape: the same value, and a message of ASCII alone, which the client decodes
// faster (Node's UTF-8 decoding takes its ASCII path and makes a one-byte string; one `−` in 0.6 MB
// makes the whole string two-byte). Invariant this relies on: a Diagnostic or CodeLens (and its range,
// command, data) is never changed after it was sent; code that needs another one makes a new object.
import type { Message } from 'vscode-languageserver/node';

/** Lists shorter than this are encoded by JSON.stringify alone. */
const MIN_CACHED_LIST = 32;

interface Encoded {
  json: string;
  bytes: number;
}

/** A placeholder that no message holds: the list's place in the JSON of the rest of the message. */
const PLACEHOLDER = `\u0000list-${Math.random().toString(36).slice(2)}`;
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/** Whether a value has the shape of a CodeLens (a range and a command, no title: not a CodeAction). */
const isCodeLens = (v: unknown) => typeof v === 'object' && v !== null && 'range' in v && 'command' in v && !('title' in v);

/**
 * The list of a message whose elements are cached: publishDiagnostics' diagnostics, or the result of
 * a code lens request (a response names no method: known by its elements' shape). Other answers are
 * built anew per request and gain nothing.
 */
function repeatedList(msg: Message): unknown[] | undefined {
  const m = msg as { method?: string; params?: { diagnostics?: unknown }; id?: unknown; result?: unknown };
  if (m.method === 'textDocument/publishDiagnostics') {
    const list = m.params?.diagnostics;
    return Array.isArray(list) && list.length >= MIN_CACHED_LIST ? list : undefined;
  }
  const list = m.method === undefined && m.id !== undefined ? m.result : undefined;
  return Array.isArray(list) && list.length >= MIN_CACHED_LIST && isCodeLens(list[0]) ? list : undefined;
}

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;
const escapeChar = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** JSON with each non-ASCII UTF-16 unit as a `\uXXXX` escape (the same value; a pair stays a pair of escapes). */
function asciiJson(json: string): string {
  return NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, escapeChar) : json;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function' && Object.getPrototypeOf(v) === Object.prototype;

/** Encodes messages to UTF-8 JSON (long repeated lists: ASCII JSON), reusing the JSON of list elements (and of their object fields) sent before. */
export class MessageEncoder {
  private readonly cache = new WeakMap<object, Encoded>();
  /** Elements encoded, and of those, taken from the cache (for tests). */
  readonly counts = { elements: 0, cached: 0 };

  encode(msg: Message): Uint8Array {
    const list = repeatedList(msg);
    if (!list) return Buffer.from(JSON.stringify(msg), 'utf8');
    const shell = JSON.stringify(msg, (_key, value: unknown) => (value === list ? PLACEHOLDER : value));
    const at = shell.indexOf(PLACEHOLDER_JSON);
    // The same array twice in one message (not sent today): no shortcut.
    if (at !== shell.lastIndexOf(PLACEHOLDER_JSON)) return Buffer.from(JSON.stringify(msg), 'utf8');
    const head = asciiJson(shell.slice(0, at));
    const tail = asciiJson(shell.slice(at + PLACEHOLDER_JSON.length));
    const items: Encoded[] = new Array<Encoded>(list.length);
    let total = Buffer.byteLength(head) + Buffer.byteLength(tail) + 2 + Math.max(0, list.length - 1);
    for (let i = 0; i < list.length; i++) {
      const item = this.element(list[i], true);
      items[i] = item;
      total += item.bytes;
    }
    const out = Buffer.allocUnsafe(total);
    let offset = out.write(head, 0);
    out[offset++] = 0x5b;
    for (let i = 0; i < items.length; i++) {
      if (i) out[offset++] = 0x2c;
      offset += out.write(items[i].json, offset);
    }
    out[offset++] = 0x5d;
    offset += out.write(tail, offset);
    return offset === total ? out : out.subarray(0, offset);
  }

  /** An element's JSON: cached by identity; a new plain object reuses the JSON of its object fields (a moved lens keeps its command). */
  private element(value: unknown, top: boolean): Encoded {
    if (typeof value !== 'object' || value === null) {
      const json = asciiJson(JSON.stringify(value) ?? 'null');
      return { json, bytes: json.length };
    }
    if (top) this.counts.elements++;
    const known = this.cache.get(value);
    if (known) {
      if (top) this.counts.cached++;
      return known;
    }
    let json: string;
    if (top && isPlainObject(value)) {
      const parts: string[] = [];
      for (const key of Object.keys(value)) {
        const field = value[key];
        if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
        parts.push(`${JSON.stringify(key)}:${typeof field === 'object' && field !== null ? this.element(field, false).json : JSON.stringify(field)}`);
      }
      json = asciiJson(`{${parts.join(',')}}`);
    } else {
      json = asciiJson(JSON.stringify(value) ?? 'null');
    }
    const encoded = { json, bytes: json.length };
    this.cache.set(value, encoded);
    return encoded;
  }
}
