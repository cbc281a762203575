/**
 * Small value helpers shared by the cluster-level traffic features (load balancer, health check,
 * circuit breaker, timeout, connection, keepalive, HTTP/2, retry, …).
 *
 * They mirror the Go behaviour Envoy Gateway relies on when it reads a raw policy spec:
 * `time.ParseDuration`, Kubernetes `Quantity.AsInt64()` / `Quantity.String()`, and the `uint32`
 * range checks. None of them throws.
 */
import { parseGoDuration } from '../values/duration.js';
import { quantityAsInt64 } from '../values/quantity.js';
import { type Result, fail, ok } from '../model/result.js';

export const UINT32_MAX = 4294967295;

export { isRecord } from '../lang/json.js';

/** `String(value)` that cannot throw (objects without a prototype, symbols, …). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return JSON.stringify(value) ?? Object.prototype.toString.call(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
}

/** How Go prints a raw string-typed value with `%s` (the string itself; anything else stringified). */
export function rawText(value: unknown): string {
  return typeof value === 'string' ? value : safeString(value);
}

/**
 * Go `time.ParseDuration` of a raw Duration field, in milliseconds. Errors are Go's own texts
 * (`time: invalid duration "x"`), since Envoy Gateway sometimes copies them into messages.
 */
export function durationMs(value: unknown): Result<number> {
  if (typeof value !== 'string') return fail(`time: invalid duration ${JSON.stringify(rawText(value))}`);
  const r = parseGoDuration(value);
  return r.success ? ok(r.data / 1e6) : r;
}

/** `durationMs`, or undefined when it does not parse (for the fields EG silently drops). */
export function durationMsOrUndefined(value: unknown): number | undefined {
  const r = durationMs(value);
  return r.success ? r.data : undefined;
}

/** Whole seconds of a duration, as Go's `uint32(d.Seconds())` truncates them. */
export function durationWholeSeconds(value: unknown): Result<number> {
  if (typeof value !== 'string') return fail(`time: invalid duration ${JSON.stringify(rawText(value))}`);
  const r = parseGoDuration(value);
  return r.success ? ok(Math.trunc(r.data / 1e9)) : r;
}

/** Go's `int64ToUint32` check: an integer in [0, 4294967295]. */
export function isUint32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= UINT32_MAX;
}

/** Go's `%d` of an integer-typed value. */
export function intText(value: unknown): string {
  return safeString(value);
}

/** `Quantity.AsInt64()`: the value when whole and within int64, else an error. */
export function quantityInt64(value: unknown): Result<number> {
  return quantityAsInt64(value);
}

// ---------------------------------------------------------------------------------------------
// Quantity.String(): the canonical form Kubernetes prints (`1000G` → `1T`, `1536Mi` stays,
// `100000000` → `100M`, `0.5` → `500m`). Envoy Gateway uses it in BufferLimit / HTTP2 messages.
// ---------------------------------------------------------------------------------------------

const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const BINARY_EXP: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };

type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The canonical string Kubernetes prints for a quantity; the raw text when it does not parse. */
export function quantityString(value: unknown): string {
  const text = typeof value === 'string' ? value : safeString(value);
  const m = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$/.exec(text);
  if (!m) return text;
  const sign = m[1] === '-' ? -1n : 1n;
  const digits = m[2]!;
  const suffix = m[3] ?? '';
  const [intPart = '', fracPart = ''] = digits.split('.');
  // value = num / den, exactly
  let num = BigInt((intPart || '0') + fracPart);
  let den = 10n ** BigInt(fracPart.length);
  let format: QuantityFormat;
  if (suffix in BINARY_EXP) {
    format = 'BinarySI';
    num *= 1024n ** BigInt(BINARY_EXP[suffix]!);
  } else if (suffix in DECIMAL_EXP) {
    format = 'DecimalSI';
    const e = DECIMAL_EXP[suffix]!;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  } else {
    format = 'DecimalExponent';
    const e = Number(suffix.slice(1));
    if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) return text;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  // Quantities keep at most nanounit precision; finer values are rounded up (away from zero).
  const NANO = 1_000_000_000n;
  let nanos = (num * NANO) / den;
  if ((num * NANO) % den !== 0n) nanos += 1n;
  if (nanos === 0n) return '0';
  const signText = sign < 0n ? '-' : '';

  if (format === 'BinarySI') {
    const abs = nanos / NANO; // whole units
    const whole = nanos % NANO === 0n;
    if (!whole || abs < 1024n) format = 'DecimalSI';
    else {
      let mant = abs;
      let exp = 0;
      while (exp < 6 && mant % 1024n === 0n) {
        mant /= 1024n;
        exp++;
      }
      return `${signText}${mant}${BINARY_SUFFIXES[exp]}`;
    }
  }
  // Decimal: mantissa × 10^exp with no trailing zeros, exp lowered to a multiple of 3.
  let mant = nanos;
  let exp = -9;
  while (mant % 10n === 0n) {
    mant /= 10n;
    exp++;
  }
  const rem = ((exp % 3) + 3) % 3;
  mant *= 10n ** BigInt(rem);
  exp -= rem;
  let suffixText: string;
  if (format === 'DecimalSI' && exp in DECIMAL_SUFFIX) suffixText = DECIMAL_SUFFIX[exp]!;
  else suffixText = exp === 0 ? '' : `e${exp}`;
  return `${signText}${mant}${suffixText}`;
}

