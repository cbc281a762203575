/**
 * Kubernetes timestamps (`metav1.Time`): RFC 3339 as Go's `time.RFC3339` layout parses it,
 * `2006-01-02T15:04:05Z07:00` with optional fractional seconds, read without `Date.parse` (which
 * reads a string without a zone in the local time zone, so an answer would depend on `TZ`).
 */

/** Go's RFC 3339 layout: upper-case `T` and `Z`, two-digit fields, an optional fraction, a zone. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * What a lenient reading accepts besides: a space or lower-case `t` between date and time,
 * missing seconds or time, a lower-case `z`, `UTC`/`GMT`, an offset without its colon. With no
 * zone, the time is UTC.
 */
const LENIENT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)? ?(Z|z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Milliseconds since the epoch of the fields (UTC), or NaN when a field is out of its range as Go checks it. */
function utcMillis(fields: Array<string | undefined>): number {
  const [y, mo, d, h = '0', mi = '0', s = '0', fraction, zone] = fields;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (monthDays === undefined || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offset = 0;
  if (zone !== undefined && /^[+-]/.test(zone)) {
    const digits = zone.slice(1).replace(':', '');
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    if (oh > 23 || om > 59) return Number.NaN;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, fraction === undefined ? 0 : Math.trunc(Number(`0${fraction}`) * 1000));
  return date.getTime() - offset;
}

/** Days from 1970-01-01 to the (proleptic Gregorian) date; exact for every year (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The digits of `value` from `start` to `end` as a number, or -1 if any is not a digit. */
function digits(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The milliseconds of `YYYY-MM-DDTHH:MM:SSZ`, the form the API server writes and nearly every
 * `creationTimestamp` has; `undefined` for any other string, or fields out of range (the regex
 * reading then decides). Every ordered object of an input is read, so this one form is read
 * without a regex, a match array or a `Date`.
 */
function readPlainUtc(value: string): number | undefined {
  if (value.length !== 20 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || value.charCodeAt(19) !== 90) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  const hour = digits(value, 11, 13);
  const minute = digits(value, 14, 16);
  const second = digits(value, 17, 19);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** How a timestamp was read: `rfc3339` as the API server reads it, `lenient` (UTC unless it says), or `unreadable`. */
export type TimestampReading = { kind: 'rfc3339' | 'lenient'; millis: number } | { kind: 'unreadable' };

/** Reads an RFC 3339 string or a `Date` (an invalid `Date` is unreadable). Never consults the local time zone. */
export function readTimestamp(value: string | Date): TimestampReading {
  if (value instanceof Date) {
    const millis = value.getTime();
    return Number.isNaN(millis) ? { kind: 'unreadable' } : { kind: 'rfc3339', millis };
  }
  const plain = readPlainUtc(value);
  if (plain !== undefined) return { kind: 'rfc3339', millis: plain };
  const strict = RFC3339.exec(value);
  if (strict) {
    const millis = utcMillis(strict.slice(1));
    if (!Number.isNaN(millis)) return { kind: 'rfc3339', millis };
  }
  const lenient = LENIENT.exec(value);
  if (lenient) {
    const millis = utcMillis(lenient.slice(1));
    if (!Number.isNaN(millis)) return { kind: 'lenient', millis };
  }
  return { kind: 'unreadable' };
}

/** Whether `value` is an RFC 3339 time Go's `time.Parse(time.RFC3339, …)` accepts. */
export function isRfc3339(value: string): boolean {
  return readTimestamp(value).kind === 'rfc3339';
}

/**
 * A `creationTimestamp` as resolution orders objects by it: its milliseconds (a lenient string in
 * UTC), or −∞ when it is missing or unreadable, so such objects come first, as Go's zero time does.
 */
export function timestampMillis(value: unknown): number {
  if (typeof value !== 'string' && !(value instanceof Date)) return Number.NEGATIVE_INFINITY;
  const reading = readTimestamp(value);
  return reading.kind === 'unreadable' ? Number.NEGATIVE_INFINITY : reading.millis;
}
