/**
 * Helpers that print values the way Go's `protojson.Marshal` prints them, so that emitted
 * resources compare structurally with Envoy Gateway's output: durations as `"<seconds>s"` with 0, 3, 6 or 9 fraction digits, 64-bit integers as strings,
 * `Any` with its `@type` inline, float32 (`FloatValue`) in its shortest float32 form.
 *
 * Inputs are our resolved units (milliseconds, bytes, counts). None of these throws.
 */
import type { Any, Duration, FractionalPercent, Int64, TypedExtensionConfig } from './envoy-types/index.js';
import type { FractionTraffic } from '../features/telemetry/traffic.js';

const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** A finite number, or undefined (for values that come from outside the checked traffic). */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * `google.protobuf.Duration` from milliseconds: `10s`, `0.500s`, `5.400s`, `0.000001s`.
 * Go prints 0, 3, 6 or 9 fraction digits, whichever is the shortest exact form. Sub-nanosecond
 * parts (impossible from a Go duration) are rounded to the nearest nanosecond.
 */
export function durationFromMs(ms: number): Duration {
  let nanos = BigInt(Math.round(ms * 1e6));
  const sign = nanos < 0n ? '-' : '';
  if (nanos < 0n) nanos = -nanos;
  const seconds = nanos / 1_000_000_000n;
  const frac = nanos % 1_000_000_000n;
  if (frac === 0n) return `${sign}${seconds}s`;
  let digits = frac.toString().padStart(9, '0');
  if (frac % 1_000_000n === 0n) digits = digits.slice(0, 3);
  else if (frac % 1_000n === 0n) digits = digits.slice(0, 6);
  return `${sign}${seconds}.${digits}s`;
}

/** `durationFromMs` of an optional number of milliseconds. */
export function duration(ms: number | undefined): Duration | undefined {
  return ms === undefined ? undefined : durationFromMs(ms);
}

/** A 64-bit integer (`uint64`, `int64`, `UInt64Value`) as protojson prints it: a decimal string. */
export function int64(value: number | bigint): Int64 {
  return typeof value === 'bigint' ? value.toString() : BigInt(Math.trunc(value)).toString();
}

/** A float32 field (`float`, `FloatValue`) printed as Go does. */
export { float32 } from '../lang/float32.js';

/** An `Any`: the message's fields inline, preceded by its `@type`. */
export function anyOf<T extends object = Record<string, never>>(typeName: string, fields: T = {} as T): Any<T> {
  return { '@type': `${TYPE_URL_PREFIX}${typeName}`, ...fields };
}

/** A `TypedExtensionConfig` (`{name, typed_config: Any}`). */
export function typedExtension<T extends object = Record<string, never>>(name: string, typeName: string, fields: T = {} as T): TypedExtensionConfig<T> {
  return { name, typedConfig: anyOf(typeName, fields) };
}

/**
 * Text as Envoy's `HealthCheck.Payload.text` wants it: the hex encoding of its UTF-8 bytes
 * (`ping` → `70696e67`), which is what Envoy Gateway writes for text payloads.
 */
export function hexOfText(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// Fractional percents (appended by the route features)
// ---------------------------------------------------------------------------------------------

/**
 * A percentage (0–100) as `FractionalPercent{numerator, denominator: MILLION}`, computed as Go
 * computes Envoy Gateway's fault percentages: in float32, `trunc(float32(p) * float32(10000))`
 * (`0.01` → 100, where double arithmetic gives 99). A zero numerator is omitted, as protojson does.
 */
export function percentPerMillion(percent: number): FractionalPercent {
  const numerator = Math.trunc(Math.fround(Math.fround(percent) * Math.fround(10000)));
  const out: FractionalPercent = { denominator: 'MILLION' };
  if (numerator > 0) out.numerator = numerator;
  return out;
}

/**
 * A Gateway API `Fraction` (`{numerator, denominator = 100}`) as a `FractionalPercent`, the way
 * Envoy Gateway converts it: denominators Envoy has (100, 10000, 1000000) are kept, 1000 and
 * 100000 are scaled ×10 to the next one, any other is rescaled to a millionth rounding down.
 * `HUNDRED` (the enum's zero) and a zero numerator are omitted, so an unset fraction prints `{}`.
 */
export function fractionalPercent(fraction: FractionTraffic | undefined): FractionalPercent {
  const f = fraction ?? {};
  // Counts: a value that is not a whole non-negative number counts as unset.
  const whole = (v: number | undefined, fallback: number) => (v !== undefined && Number.isInteger(v) && v >= 0 ? v : fallback);
  const n = whole(f.numerator, 0);
  const d = whole(f.denominator, 100);
  let numerator = n;
  let denominator: FractionalPercent['denominator'];
  if (d === 1000) [numerator, denominator] = [n * 10, 'TEN_THOUSAND'];
  else if (d === 10000) denominator = 'TEN_THOUSAND';
  else if (d === 100000) [numerator, denominator] = [n * 10, 'MILLION'];
  else if (d === 1000000) denominator = 'MILLION';
  else if (d !== 100) [numerator, denominator] = [d === 0 ? 0 : Math.floor((n * 1_000_000) / d), 'MILLION'];
  const out: FractionalPercent = {};
  if (numerator > 0) out.numerator = numerator;
  if (denominator) out.denominator = denominator;
  return out;
}
