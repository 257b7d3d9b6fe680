// Object names: the lowercase RFC 1123 subdomain rule that the API server applies to
// `metadata.name` of a MigrationPolicy, the apimachinery message helpers it is built from,
// and a helper that turns an invalid name into a valid one for quick fixes.

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

/** The length of `s` in UTF-8 bytes, which is what Go's `len(string)` counts. */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The "too long" message for a limit in bytes. */
// mirrors kubernetes/apimachinery pkg/api/validate/content/errors.go MaxLenError
export function maxLenError(length: number): string {
  return `must be no more than ${length} bytes`;
}

/** The "empty" message. */
// mirrors kubernetes/apimachinery pkg/api/validate/content/errors.go EmptyError
export function emptyError(): string {
  return 'must be non-empty';
}

/** The regex-mismatch message, examples included (with upstream's double space before `or`). */
// mirrors kubernetes/apimachinery pkg/api/validate/content/errors.go RegexError
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/**
 * Checks a lowercase RFC 1123 subdomain (at most 253 bytes; no per-label limit) and returns
 * the API server's messages, empty when valid. Used for `metadata.name`; a missing name is
 * reported by the caller ("name or generateName is required"), not here.
 */
// mirrors kubernetes/apimachinery pkg/api/validate/content/dns.go IsDNS1123Subdomain
export function validateDnsSubdomainName(name: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(name) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(name)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/**
 * Proposes a valid name close to `name`: lowercased, accents dropped, `_` and whitespace turned
 * into `-`, other invalid characters removed, each dot-separated part trimmed to start and end
 * with a letter or digit, empty parts (`..`) dropped, and cut to 253 bytes. A name that is
 * already valid is returned unchanged; undefined when nothing usable is left.
 */
export function suggestDnsSubdomainName(name: string): string | undefined {
  if (validateDnsSubdomainName(name).length === 0) return name;
  const cleaned = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[_\s]+/g, '-')
    .replace(/[^a-z0-9.-]/g, '');
  const trimPart = (p: string) => p.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const joined = cleaned.split('.').map(trimPart).filter((p) => p !== '').join('.');
  const result = trimPart(joined.slice(0, DNS1123_SUBDOMAIN_MAX_LENGTH));
  return result !== '' && validateDnsSubdomainName(result).length === 0 ? result : undefined;
}
