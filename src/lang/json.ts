/**
 * Plain-JSON helpers shared by every stage: the one object test, and prototype-safe building and
 * copying (keys such as `__proto__` stay own data properties).
 */

export type JsonObject = { [key: string]: unknown };

/** A plain JSON object: not null, not an array, not a Date. */
export function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Set an own, enumerable property — also for keys such as `__proto__`, which a plain assignment
 * would turn into a prototype change (the classic deep-merge pollution bug).
 */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  // A key found nowhere on the prototype chain cannot reach a setter or a read-only property, so a
  // plain assignment (the fast path) makes it an own data property too.
  if (key in target) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A deep copy of plain JSON data (own enumerable keys only; cycles cut). */
export function cloneJson<T>(value: T, seen: Set<object> = new Set()): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value)) return undefined as T;
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((v) => cloneJson(v, seen));
  else {
    const o: JsonObject = {};
    for (const key of Object.keys(value)) setOwn(o, key, cloneJson((value as JsonObject)[key], seen));
    out = o;
  }
  seen.delete(value);
  return out as T;
}

/**
 * A string that is the same for two plain JSON values exactly when they are deeply equal (object
 * key order ignored, as `fast-deep-equal` does): a hash key for finding equal values in linear time.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? JSON.stringify(value) : `${(typeof value)[0]}${String(value)}`;
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as JsonObject)[k])}`).join(',')}}`;
}
