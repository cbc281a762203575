/**
 * Kubernetes `resource.Quantity`: `100M`, `1Gi`, `1.5k`, `1e3`, `500m`, plain integers.
 *
 * In the CRD the nine quantity fields are int-or-string: an integer passes as is, a string must
 * match both the generic quantity pattern and Envoy Gateway's stricter one (a positive integer with
 * an optional `k M G T P E` or `Ki … Ei` suffix). The translator then reads them with
 * `Quantity.AsInt64()`, which `quantityAsInt64` mirrors.
 *
 * Plain functions without zod, so that `backend-traffic-policy/values` stays small; the CRD's
 * `QuantitySchema` is in `model/quantity.ts`.
 */
import { type Result, fail, ok } from '../model/result.js';

/** The generic pattern controller-gen emits for every Quantity. */
export const QUANTITY_PATTERN =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
/** Envoy Gateway's stricter pattern on the BTP quantity fields. */
export const POSITIVE_QUANTITY_PATTERN = /^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$/;

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** An exact rational value: numerator / 10^scaleDown. */
interface Exact {
  num: bigint;
  den: bigint;
}

function parseExact(input: unknown): Result<Exact> {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(`invalid quantity ${String(input)}: not a finite number`);
    if (Number.isInteger(input)) return ok({ num: BigInt(input), den: 1n });
    input = String(input);
  }
  if (typeof input !== 'string') return fail(`invalid quantity: expected a string or an integer, got ${input === null ? 'null' : typeof input}`);
  const s = input;
  const m = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(.*)$/.exec(s);
  if (!m || !QUANTITY_PATTERN.test(s)) {
    return fail(`invalid quantity ${JSON.stringify(s)}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  }
  const [, sign, digits, suffix] = m as unknown as [string, string, string, string];
  const [intPart, fracPart = ''] = digits.split('.');
  let num = BigInt((intPart || '0') + fracPart);
  let den = 10n ** BigInt(fracPart.length);
  if (sign === '-') num = -num;
  if (suffix in BINARY) num *= BINARY[suffix]!;
  else {
    let exp: number;
    if (suffix in DECIMAL_EXP) exp = DECIMAL_EXP[suffix]!;
    else exp = Number(suffix.slice(1)); // e/E exponent, already validated by the pattern
    if (!Number.isInteger(exp) || Math.abs(exp) > 1000) return fail(`invalid quantity ${JSON.stringify(s)}: exponent out of range`);
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return ok({ num, den });
}

/** Kubernetes quantity → its numeric value (`'1Gi'` → 1073741824, `'1.5k'` → 1500, `'500m'` → 0.5). */
export function parseQuantity(input: unknown): Result<number> {
  const r = parseExact(input);
  if (!r.success) return r;
  const value = Number(r.data.num) / Number(r.data.den);
  if (!Number.isFinite(value)) return fail(`invalid quantity ${JSON.stringify(input)}: value out of range`);
  return ok(value);
}

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * `Quantity.AsInt64()`: the value when it is a whole number within int64, otherwise an error.
 * Values beyond 2^53 are returned rounded (no BTP field accepts them anyway).
 */
export function quantityAsInt64(input: unknown): Result<number> {
  const r = parseExact(input);
  if (!r.success) return r;
  const { num, den } = r.data;
  if (num % den !== 0n) return fail(`quantity ${JSON.stringify(input)} is not a whole number`);
  const v = num / den;
  if (v > INT64_MAX || v < INT64_MIN) return fail(`quantity ${JSON.stringify(input)} does not fit in an int64`);
  return ok(Number(v));
}
