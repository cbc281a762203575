/**
 * Envoy's own checks of the values features write: the `validate.rules` of its protos, and the
 * ranges protojson allows for integer fields (a `uint32` is a whole number in [0, 4294967295]).
 * Envoy refuses a whole resource for one value that fails them, so a feature's `rejections`
 * collects, with these, every value it would write that fails; the emitter then leaves the feature
 * out of the route instead.
 */
import type { EnvoyRejection } from '../features/feature.js';
import { UINT32_MAX } from '../features/raw-values.js';

export { UINT32_MAX };
export const INT32_MAX = 2147483647;

/** What `HTTP_HEADER_NAME` / `HTTP_HEADER_VALUE` (non-strict) forbid: NUL, LF, CR. */
const HEADER_LOOSE_FORBIDDEN = /[\u0000\n\r]/;
/** What strict `HTTP_HEADER_VALUE` forbids: control characters other than HTAB, and DEL. */
const HEADER_VALUE_STRICT_FORBIDDEN = /[\u0000-\u0008\u000A-\u001F\u007F]/;

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v) : String(v));

/** Collects the rejections of one value; each check does nothing for an unset (undefined) value. */
export class EnvoyRules {
  readonly found: EnvoyRejection[] = [];

  private reject(field: string, message: string): void {
    this.found.push({ field, message });
  }

  /** A whole number in [min, max], e.g. `uint32 {gte: 200, lt: 600}` is [200, 599]. */
  integer(field: string, value: number | undefined, min: number, max: number, rule: string): void {
    if (value === undefined || (Number.isInteger(value) && value >= min && value <= max)) return;
    this.reject(field, `${rule} must be a whole number from ${min} to ${max}, got ${show(value)}`);
  }

  /** A number in [min, max] (`double`, `float`, `Percent.value`). */
  number(field: string, value: number | undefined, min: number, max: number, rule: string): void {
    if (value === undefined || (value >= min && value <= max)) return;
    this.reject(field, `${rule} must be from ${min} to ${max}, got ${show(value)}`);
  }

  /** A duration (given in ms) above `minMs` (`duration {gt: …}`), or at least `minMs` when `inclusive`. */
  duration(field: string, ms: number | undefined, rule: string, minMs = 0, inclusive = false): void {
    if (ms === undefined || (inclusive ? ms >= minMs : ms > minMs)) return;
    this.reject(field, `${rule} must be ${inclusive ? 'at least' : 'longer than'} ${minMs}ms, got ${show(ms)}ms`);
  }

  /** A set value (`message {required: true}`, `duration {required: true}`). */
  required(field: string, value: unknown, rule: string): void {
    if (value === undefined) this.reject(field, `${rule} is required`);
  }

  /** A string of at least `min` characters (`string {min_len: …}`). */
  minLength(field: string, value: string | undefined, min: number, rule: string): void {
    if (value === undefined || [...value].length >= min) return;
    this.reject(field, `${rule} must have at least ${min} character${min === 1 ? '' : 's'}, got ${show(value)}`);
  }

  /** An HTTP header name (`well_known_regex: HTTP_HEADER_NAME, strict: false`): not empty, no NUL, CR or LF. */
  headerName(field: string, value: string | undefined, rule: string): void {
    if (value === undefined || (value !== '' && !HEADER_LOOSE_FORBIDDEN.test(value))) return;
    this.reject(field, `${rule} must be an HTTP header name (not empty, no NUL, CR or LF), got ${show(value)}`);
  }

  /**
   * An HTTP header value (`well_known_regex: HTTP_HEADER_VALUE`): no NUL, CR or LF, and when
   * `strict` (the rule's default) no other control character either.
   */
  headerValue(field: string, value: string | undefined, rule: string, strict = false): void {
    if (value === undefined || !(strict ? HEADER_VALUE_STRICT_FORBIDDEN : HEADER_LOOSE_FORBIDDEN).test(value)) return;
    this.reject(field, `${rule} must be an HTTP header value (no ${strict ? 'control characters' : 'NUL, CR or LF'}), got ${show(value)}`);
  }

  /** At most `max` UTF-8 bytes (`string {max_bytes: …}`). */
  maxBytes(field: string, value: string | undefined, max: number, rule: string): void {
    if (value === undefined || new TextEncoder().encode(value).length <= max) return;
    this.reject(field, `${rule} must have at most ${max} bytes, got ${new TextEncoder().encode(value).length}`);
  }

  /** A free-form rule, when `ok` is false. */
  check(field: string, ok: boolean, message: string): void {
    if (!ok) this.reject(field, message);
  }
}
