// How the Kubernetes API server and KubeVirt's webhook read the JSON numbers kubectl sends: int64 or
// float64, the schema's float-to-integer tolerance, and the Go integer types the webhook decodes into.

/** The Kubernetes release whose API server behaviour these rules were checked against (Debian's source). */
export const CHECKED_KUBERNETES = '1.20';

const MAX_JSON_FLOAT = 2 ** 53 - 1;

/**
 * Whether the API server's schema validation counts a float64 as an integer. Kubernetes 1.20 vendors
 * go-openapi/swag v0.19, which also accepts a float within a relative 1e-9 of `float64(uint64(f))`
 * (so `85583.31528759E7` passes as an integer; a negative fraction never does, as uint64(f) wraps).
 */
// mirrors github.com/go-openapi/swag convert.go IsFloat64AJSONInteger (v0.19.5, vendored by Kubernetes 1.20)
export function isFloat64AJSONInteger(f: number): boolean {
  if (Number.isNaN(f) || !Number.isFinite(f) || f < -MAX_JSON_FLOAT || f > MAX_JSON_FLOAT) return false;
  const fa = Math.abs(f);
  const g = goUint64OfFloat(f);
  const ga = Math.abs(g);
  const diff = Math.abs(f - g);
  if (f === g) return true;
  if (f === Math.trunc(f)) return true;
  if (f === 0 || g === 0 || diff < Number.MIN_VALUE) return diff < 1e-9 * Number.MIN_VALUE;
  return diff / Math.min(fa + ga, Number.MAX_VALUE) < 1e-9;
}

// float64(uint64(f)) on amd64: truncation toward zero; a negative value wraps modulo 2^64.
function goUint64OfFloat(f: number): number {
  const t = Math.trunc(f);
  return t >= 0 ? t : Number(BigInt.asUintN(64, BigInt(t)));
}

export type GoIntegerType = 'int32' | 'int64' | 'uint64';

const RANGES: Record<GoIntegerType, [bigint, bigint]> = {
  int32: [-(1n << 31n), (1n << 31n) - 1n],
  int64: [-(1n << 63n), (1n << 63n) - 1n],
  uint64: [0n, (1n << 64n) - 1n],
};

/** The Go error text encoding/json gives when a JSON number does not fit the field's Go type, or undefined. */
export function goDecodeError(json: string, type: GoIntegerType, field: string): string | undefined {
  if (/^-?[0-9]+$/.test(json)) {
    const n = BigInt(json);
    const [lo, hi] = RANGES[type];
    if (n >= lo && n <= hi) return undefined;
  }
  return `json: cannot unmarshal number ${json} into Go struct field of type ${type} (${field})`;
}

/**
 * A float64 as Go's fmt prints it with %v (strconv 'g', shortest digits, exponent from 1e6 or below 1e-4,
 * two exponent digits at least): the form of the bounds and values in the API server's schema messages,
 * such as "should be less than or equal to 2e+06".
 */
export function goFormatFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, e] = x.toExponential().split('e');
  const exponent = Number(e);
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(x);
}
