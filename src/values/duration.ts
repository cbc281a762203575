/**
 * Durations, in the two dialects that meet in a BackendTrafficPolicy:
 *
 * - the Gateway API `Duration` (GEP-2257) that the CRD validates: 1–4 groups of up to 5 digits,
 *   each followed by `h`, `m`, `s` or `ms` (`1h30m`, `500ms`, `0s`);
 * - Go's `time.ParseDuration`, which Envoy Gateway's translator applies to the same strings and
 *   which accepts more (`1.5s`, `10us`, `-1s`). Resolution follows the translator; validation
 *   follows the CRD.
 *
 * Plain functions without zod, so that `backend-traffic-policy/values` stays small; the CRD's
 * `DurationSchema` is in `model/duration.ts`.
 */
import { type Result, fail, ok } from '../model/result.js';

export const DURATION_PATTERN = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** Gateway API duration → milliseconds (`'1h30m'` → 5400000). */
export function parseDuration(input: unknown): Result<number> {
  if (typeof input !== 'string') return fail(`invalid duration: expected a string like "1h30m" or "500ms", got ${typeof input}`);
  if (!DURATION_PATTERN.test(input)) {
    return fail(
      `invalid duration ${JSON.stringify(input)}: expected 1 to 4 groups of up to 5 digits, each followed by h, m, s or ms (e.g. "1h30m", "500ms")`,
    );
  }
  let total = 0;
  for (const m of input.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ok(total);
}

const GO_UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const GO_MAX_NS = 9223372036854775807n;
const SIMPLE_GO_DURATION = /^([0-9]{1,15})(ns|us|µs|μs|ms|s|m|h)$/;

/**
 * Go `time.ParseDuration`, returning nanoseconds. Error texts are Go's own (`time: invalid duration
 * "x"`), because Envoy Gateway copies them into policy status messages.
 */
export function parseGoDuration(input: string): Result<number> {
  // Most durations are one whole number and a unit (`5s`, `250ms`): their nanoseconds are exact in
  // a double whenever the product is a safe integer. Every policy translation reads a few, so
  // they skip the BigInt sum below (and the quoting its errors need).
  const simple = SIMPLE_GO_DURATION.exec(input);
  if (simple) {
    const ns = Number(simple[1]) * GO_UNIT_NS[simple[2]!]!;
    if (Number.isSafeInteger(ns)) return ok(ns);
  }
  const quoted = JSON.stringify(input);
  let s = input;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return ok(0);
  if (s === '') return fail(`time: invalid duration ${quoted}`);
  // Sum in BigInt nanoseconds to detect overflow exactly as Go does.
  let total = 0n;
  while (s !== '') {
    const num = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    const intPart = num[1] ?? '';
    const fracPart = num[3] ?? '';
    if (intPart === '' && fracPart === '' ) return fail(`time: invalid duration ${quoted}`);
    s = s.slice(num[0].length);
    const unit = /^[^0-9.]+/.exec(s)?.[0] ?? '';
    if (unit === '') return fail(`time: missing unit in duration ${quoted}`);
    const scale = Object.hasOwn(GO_UNIT_NS, unit) ? GO_UNIT_NS[unit] : undefined;
    if (scale === undefined) return fail(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    s = s.slice(unit.length);
    const unitNs = BigInt(scale);
    let v = BigInt(intPart || '0') * unitNs;
    if (fracPart !== '') {
      // Go truncates the fractional part towards zero at nanosecond precision.
      v += (BigInt(fracPart) * unitNs) / 10n ** BigInt(fracPart.length);
    }
    total += v;
    if (total > GO_MAX_NS + 1n) return fail(`time: invalid duration ${quoted}`);
  }
  // int64 holds one more negative value than positive ones.
  if (!negative && total > GO_MAX_NS) return fail(`time: invalid duration ${quoted}`);
  return ok(Number(negative ? -total : total));
}

/** Go `time.Duration.String()` of a nanosecond count: `16s`, `1m0s`, `1h30m0s`, `500ms`, `1.5s`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = BigInt(Math.abs(Math.round(ns)));
  const sign = neg ? '-' : '';
  if (u < 1_000_000_000n) {
    // Sub-second: the largest unit that keeps an integer part.
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    return sign + fixed(u, div) + unit;
  }
  const h = u / 3_600_000_000_000n;
  u -= h * 3_600_000_000_000n;
  const m = u / 60_000_000_000n;
  u -= m * 60_000_000_000n;
  let out = sign;
  if (h > 0n) out += `${h}h`;
  if (h > 0n || m > 0n) out += `${m}m`;
  return out + fixed(u, 1_000_000_000n) + 's';
}

function fixed(value: bigint, div: bigint): string {
  const whole = value / div;
  const frac = value % div;
  if (frac === 0n) return String(whole);
  const digits = String(div).length - 1;
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}
