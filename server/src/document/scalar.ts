// Scalar resolution as kubectl does it: sigs.k8s.io/yaml converts YAML to JSON with go-yaml v2
// (gopkg.in/yaml.v2 / go.yaml.in/yaml/v2), which resolves plain scalars with YAML 1.1 rules and tags
// its own way, then encoding/json writes the numbers. Also says how a YAML 1.2 tool would read them.
import type { ScalarType, ScalarValue } from './model';

export interface ResolvedScalar {
  value: ScalarValue;
  type: ScalarType;
  unencodable?: boolean;
  /** For numbers: the exact JSON number text kubectl sends (`9223372036854775808`, `1e+21`). */
  json?: string;
  /** For numbers: the Go type go-yaml v2 gives the value (it decides how a map key is written). */
  goType?: 'int' | 'uint64' | 'float64';
  /** Set when kubectl cannot convert the scalar: go-yaml's error text (without the `yaml: ` prefix). */
  error?: string;
  /** Set for a tag go-yaml v2 does not resolve (`!vault`), so the value is the plain string. */
  ignoredTag?: string;
}

const TAG = 'tag:yaml.org,2002:';
const STR_TAG = `${TAG}str`;
const BINARY_TAG = `${TAG}binary`;
const INT_TAG = `${TAG}int`;
const FLOAT_TAG = `${TAG}float`;
const BOOL_TAG = `${TAG}bool`;
const NULL_TAG = `${TAG}null`;
const TIMESTAMP_TAG = `${TAG}timestamp`;
const RESOLVABLE = new Set([STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG]);

// gopkg.in/yaml.v2 resolve.go: the resolveMap table.
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as [string, number]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as [string, number]),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as [string, number]),
]);
// gopkg.in/yaml.v2 resolve.go: yamlStyleFloat.
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** Go strconv.ParseInt/ParseUint with base 0 (sign, 0x, 0o, 0b, leading-0 octal); undefined on syntax error. */
function parseGoInteger(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const body = m[2];
  let magnitude: bigint;
  if (/^0[oO]/.test(body)) magnitude = BigInt('0o' + body.slice(2));
  else if (/^0[xXbB]/.test(body)) magnitude = BigInt(body.toLowerCase());
  else if (body.length > 1 && body[0] === '0') magnitude = BigInt('0o' + body.slice(1));
  else magnitude = BigInt(body);
  return m[1] === '-' ? -magnitude : magnitude;
}

/** An integer as go-yaml v2 types it: int when it fits int64, uint64 above; undefined beyond. */
function goInteger(n: bigint | undefined): ResolvedScalar | undefined {
  if (n === undefined || n < INT64_MIN || n > UINT64_MAX) return undefined;
  return numberResult(Number(n), n.toString(), n > INT64_MAX ? 'uint64' : 'int');
}

/** encoding/json's float64 text (floatEncoder): shortest round-trip digits, `e` below 1e-6 and from 1e21. */
export function goJsonFloat(f: number): string {
  return Object.is(f, -0) ? '-0' : String(f);
}

// k8s.io/apimachinery/pkg/util/json convertNumber: a JSON number that parses as int64 stays an integer,
// anything else becomes float64 (the API server's schema then calls it "number").
function numberResult(value: number, json: string, goType: 'int' | 'uint64' | 'float64'): ResolvedScalar {
  const int = /^-?[0-9]+$/.test(json) && BigInt(json) >= INT64_MIN && BigInt(json) <= INT64_MAX;
  return { value, type: int ? 'integer' : 'number', json, goType };
}

function floatResult(f: number): ResolvedScalar {
  return numberResult(f, goJsonFloat(f), 'float64');
}

/** Go strconv.ParseFloat(s, 64): undefined on a syntax error or overflow (ErrRange gives ±Inf). */
function parseGoFloat(text: string): number | undefined {
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return undefined;
  const f = Number(text);
  return Number.isFinite(f) ? f : undefined;
}

/** gopkg.in/yaml.v2 resolve.go resolve() for an implicit (untagged plain) scalar. */
function resolveImplicit(text: string, tag: string): ResolvedScalar {
  if (NULLS.has(text)) return { value: null, type: 'null' };
  if (TRUES.has(text)) return { value: true, type: 'boolean' };
  if (FALSES.has(text)) return { value: false, type: 'boolean' };
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) return { value: special, type: 'number', unencodable: true, goType: 'float64' };
  const hint = text[0];
  if (hint === '.') {
    const f = parseGoFloat(text);
    if (f !== undefined) return floatResult(f);
  } else if (hint === '+' || hint === '-' || (hint >= '0' && hint <= '9')) {
    if ((tag === '' || tag === TIMESTAMP_TAG) && isGoYamlTimestamp(text)) return { value: text, type: 'string' };
    const plain = text.replace(/_/g, '');
    const parsed = parseGoInteger(plain);
    // ParseUint takes no sign, so `+9223372036854775808` is not a uint64 (it becomes a float below).
    const int = goInteger(parsed !== undefined && parsed > INT64_MAX && plain[0] === '+' ? undefined : parsed);
    if (int) return int;
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f !== undefined) return floatResult(f);
    }
    const bin = /^(-?)0b([01]+)$/.exec(plain);
    if (bin) {
      const n = BigInt('0b' + bin[2]) * (bin[1] ? -1n : 1n);
      const int = bin[1] ? (n >= INT64_MIN ? goInteger(n) : undefined) : goInteger(n);
      if (int) return int;
    }
  }
  return { value: text, type: 'string' };
}

// gopkg.in/yaml.v2 resolve.go parseTimestamp: the quick check plus the date formats it tries.
function isGoYamlTimestamp(text: string): boolean {
  if (!/^[0-9]{4}-/.test(text)) return false;
  const date = '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}';
  const time = '[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?';
  const formats = [new RegExp(`^${date}$`), new RegExp(`^${date} ${time}$`), new RegExp(`^${date}[Tt]${time}(Z|[+-][0-9]{2}:[0-9]{2})$`)];
  if (!formats.some((f) => f.test(text))) return false;
  const [y, mo, d] = text.slice(0, 10).split(/[-Tt ]/).map(Number);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days) return false;
  const t = /[Tt ]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})/.exec(text);
  return !t || (Number(t[1]) < 24 && Number(t[2]) < 60 && Number(t[3]) < 60);
}

const SHORT = (tag: string) => (tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag);
const RESOLVED_TAG = (r: ResolvedScalar): string =>
  r.type === 'null' ? NULL_TAG : r.type === 'boolean' ? BOOL_TAG : r.type === 'string' ? STR_TAG : r.goType === 'float64' || r.unencodable ? FLOAT_TAG : INT_TAG;

/**
 * Resolves one scalar the way kubectl does: gopkg.in/yaml.v2 decode.go `scalar()` and resolve.go
 * `resolve()`, then sigs.k8s.io/yaml and encoding/json. `tag` is the node's full tag ('' for none,
 * '!' for the non-specific tag); `plain` says whether the scalar was written without quotes.
 */
// mirrors gopkg.in/yaml.v2 decode.go (*decoder).scalar and resolve.go resolve
export function resolveScalar(text: string, tag: string, plain: boolean): ResolvedScalar {
  const implicit = (tag === '' && plain) || tag === '!';
  if (tag === '' && !implicit) return { value: text, type: 'string' };
  if (tag !== '' && tag !== BINARY_TAG && !RESOLVABLE.has(tag)) {
    return tag === '!' ? { value: text, type: 'string' } : { value: text, type: 'string', ignoredTag: tag };
  }
  if (tag === BINARY_TAG) {
    const compact = text.replace(/[\r\n]/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
      return { value: text, type: 'string', error: '!!binary value contains invalid base64 data' };
    }
    const bytes = Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
    return { value: new TextDecoder().decode(bytes), type: 'string' };
  }
  if (tag === STR_TAG) return { value: text, type: 'string' };
  const resolved = resolveImplicit(text, tag);
  if (tag === '') return resolved;
  const rtag = tag === TIMESTAMP_TAG && resolved.type === 'string' && isGoYamlTimestamp(text) ? TIMESTAMP_TAG : RESOLVED_TAG(resolved);
  if (rtag === tag) return resolved;
  if (tag === FLOAT_TAG && rtag === INT_TAG && resolved.goType === 'int') return floatResult(resolved.value as number);
  return { value: text, type: 'string', error: `cannot decode ${SHORT(rtag)} \`${text}\` as a ${SHORT(tag)}` };
}

/** Resolves a plain, untagged scalar (go-yaml v2 with YAML 1.1 rules), then as JSON. */
export function resolveKubectl(text: string): ResolvedScalar {
  return resolveScalar(text, '', true);
}

/** The map key sigs.k8s.io/yaml writes for a resolved key (convertToJSONableObject); undefined when it fails. */
// mirrors sigs.k8s.io/yaml yaml.go convertToJSONableObject (the key switch)
export function jsonKey(r: ResolvedScalar): string | undefined {
  if (r.error) return undefined;
  switch (r.type) {
    case 'string':
      return r.value as string;
    case 'boolean':
      return r.value ? 'true' : 'false';
    case 'null':
      return undefined;
  }
  if (r.goType === 'int') return r.json;
  if (r.goType === 'uint64') return undefined;
  return formatFloat32g(r.value as number);
}

/** Go strconv.FormatFloat(f, 'g', -1, 32): the shortest digits that round-trip as float32, %g layout. */
export function formatFloat32g(f: number): string {
  const f32 = Math.fround(f);
  if (Number.isNaN(f32)) return '.nan';
  if (f32 === Infinity) return '.inf';
  if (f32 === -Infinity) return '-.inf';
  if (f32 === 0) return Object.is(f32, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  const x = Math.abs(f32);
  for (let p = 1; p <= 9; p++) {
    const s = x.toExponential(p - 1);
    if (Math.fround(Number(s)) !== x) continue;
    const [mantissa, e] = s.split('e');
    digits = mantissa.replace('.', '');
    exp = Number(e);
    // toExponential breaks an exact tie upwards; Go's shortest formatting keeps the lower, even digit.
    const lower = BigInt(digits) - 1n;
    if (digits[digits.length - 1] !== '0' && lower % 2n === 0n && isExactTie(x, BigInt(digits), exp - (digits.length - 1))) digits = lower.toString();
    break;
  }
  digits = digits.replace(/0+$/, '') || '0';
  const sign = f32 < 0 ? '-' : '';
  // strconv ftoa.go: %g with the shortest precision switches to %e when exp < -4 || exp >= 6.
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

// True when x lies exactly halfway between (d-1)×10^q and d×10^q (x is a float32, so exact in binary).
function isExactTie(x: number, d: bigint, q: number): boolean {
  let k = 0;
  let m = x;
  while (!Number.isInteger(m) && k < 200) {
    m *= 2;
    k++;
  }
  // x = m / 2^k; the midpoint is (2d-1)×10^q / 2.
  const lhs = 2n * BigInt(m) * (q < 0 ? 10n ** BigInt(-q) : 1n);
  const rhs = (2n * d - 1n) * (q > 0 ? 10n ** BigInt(q) : 1n) * (1n << BigInt(k));
  return lhs === rhs;
}

// YAML 1.2 core schema (the yaml package's default, and most editors').
export function resolveYaml12(text: string): ResolvedScalar {
  if (/^(|~|null|Null|NULL)$/.test(text)) return { value: null, type: 'null' };
  if (/^(true|True|TRUE)$/.test(text)) return { value: true, type: 'boolean' };
  if (/^(false|False|FALSE)$/.test(text)) return { value: false, type: 'boolean' };
  if (/^[-+]?[0-9]+$/.test(text)) return { value: Number(text), type: 'integer' };
  if (/^0o[0-7]+$/.test(text)) return { value: Number(text), type: 'integer' };
  if (/^0x[0-9a-fA-F]+$/.test(text)) return { value: Number(text), type: 'integer' };
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) {
    const n = Number(text);
    return { value: n, type: Number.isInteger(n) ? 'integer' : 'number' };
  }
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return { value: text[0] === '-' ? -Infinity : Infinity, type: 'number' };
  if (/^\.(nan|NaN|NAN)$/.test(text)) return { value: NaN, type: 'number' };
  return { value: text, type: 'string' };
}

/** True when the two readings differ in a way a user would notice (type or value). */
export function readsDifferently(a: ResolvedScalar, b: ResolvedScalar): boolean {
  if (a.type !== b.type) {
    const numeric = (t: ScalarType) => t === 'integer' || t === 'number';
    if (numeric(a.type) && numeric(b.type)) return a.value !== b.value;
    return true;
  }
  return !Object.is(a.value, b.value) && !(Number.isNaN(a.value) && Number.isNaN(b.value));
}
