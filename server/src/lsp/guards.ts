// Checks on what a client sends before any handler sees it: the shape of each request's and
// notification's parameters (a wrong type is answered with InvalidParams, never a fallback and a stack
// trace), and uris that may not be valid file URLs.
import { fileURLToPath } from 'node:url';

/** A file path for a `file:` uri, or undefined for other schemes and malformed uris (bad `%` escapes). */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

type Check = (value: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_UINT = 2 ** 31 - 1;

const string: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} must be a string`);
const integer: Check = (v, at) => (Number.isInteger(v) && Math.abs(v as number) <= MAX_UINT ? undefined : `${at} must be an integer`);
const uinteger: Check = (v, at) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_UINT ? undefined : `${at} must be a non-negative integer`);
const optional = (check: Check): Check => (v, at) => (v === undefined || v === null ? undefined : check(v, at));
const object =
  (fields: Record<string, Check>): Check =>
  (v, at) => {
    if (!isObject(v)) return `${at} must be an object`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(v[name], `${at}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  };
const array =
  (item: Check): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return `${at} must be an array`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

const position = object({ line: uinteger, character: uinteger });
const range = object({ start: position, end: position });
const textDocument = object({ uri: string });
const onDocument = object({ textDocument });
const atPosition = object({ textDocument, position });

/** The parameter shape of each method the server handles (others pass unchecked). */
const PARAMS: Record<string, Check> = {
  'textDocument/didOpen': object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) }),
  'textDocument/didChange': object({
    textDocument: object({ uri: string, version: integer }),
    contentChanges: array(object({ text: string, range: optional(range) })),
  }),
  'textDocument/didClose': onDocument,
  'textDocument/didSave': onDocument,
  'textDocument/completion': atPosition,
  'textDocument/hover': atPosition,
  'textDocument/codeAction': object({ textDocument, range, context: object({ diagnostics: array(object({ range })), only: optional(array(string)) }) }),
  'textDocument/documentSymbol': onDocument,
  'textDocument/foldingRange': onDocument,
  'textDocument/selectionRange': object({ textDocument, positions: array(position) }),
  'textDocument/inlayHint': object({ textDocument, range }),
  'textDocument/codeLens': onDocument,
  'textDocument/diagnostic': onDocument,
  'workspace/executeCommand': object({ command: string, arguments: optional(array((_v, _at) => undefined)) }),
  'workspace/didChangeWatchedFiles': object({ changes: array(object({ uri: string, type: uinteger })) }),
  // What onInitialize reads: a folder or root it cannot read is InvalidParams, not an internal error.
  initialize: object({ capabilities: optional(object({})), rootUri: optional(string), workspaceFolders: optional(array(object({ uri: string }))) }),
};

/** What is wrong with a method's parameters, in words (`params.position.line must be ...`), or undefined. */
export function checkParams(method: string, params: unknown): string | undefined {
  const check = PARAMS[method];
  return check ? check(params, 'params') : undefined;
}

/**
 * `initializationOptions.clusterAccess`, read strictly: absent means on (an editor without workspace
 * trust), the boolean `true` on, the boolean `false` off, and anything else (`"false"`, `0`, `null`)
 * off, with a log line, since a client that sends it means to restrict access.
 */
export function parseClusterAccess(value: unknown, log: (message: string) => void): boolean {
  if (value === undefined || value === true) return true;
  if (value !== false) log(`initializationOptions.clusterAccess must be true or false, got ${JSON.stringify(value) ?? String(value)}: cluster access is off (no kubeconfig is read)`);
  return false;
}
