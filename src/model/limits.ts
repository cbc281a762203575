/**
 * Input limits: the bounds every public entry point enforces on the data it is given, so that a
 * hostile or broken manifest becomes a diagnostic instead of a stack overflow, a hang or an
 * out-of-memory crash of the embedding controller. All limit constants live here
 * (docs/security.md explains each one).
 *
 * `readPlainData` is the boundary: one iterative pass over an object that checks the limits and
 * returns a plain-data copy of it — own enumerable string keys only (`__proto__`, `constructor`,
 * `prototype` kept as ordinary own properties), no getters, no proxies, no shared or cyclic
 * references. Everything after the boundary works on that copy, so nothing the caller passed is
 * read twice, mutated, or able to throw later.
 */

/** The input limits (frozen: they are constants, not settings). */
export const LIMITS = Object.freeze({
  /** Nested objects/arrays inside one Kubernetes object (its root is level 1). */
  maxDepth: 64,
  /** Values (objects, arrays, scalars) inside one Kubernetes object, counted as a tree: shared references count every time. */
  maxValuesPerObject: 1_000_000,
  /** Values in one call of `resolvePolicies` (all objects together). */
  maxValuesPerInput: 10_000_000,
  /** Length of any string value or key, in UTF-16 code units (1 MiB). */
  maxStringLength: 1 << 20,
  /**
   * Characters of all strings and keys of one Kubernetes object (4 Mi; the API server takes at most
   * 3 MiB per request), counted as a tree like values: a string shared 100k times (YAML aliases do
   * that) counts 100k times, as it would in every message that quotes it.
   */
  maxCharsPerObject: 4 << 20,
  /** Characters in one call of `resolvePolicies` (all objects together). */
  maxCharsPerInput: 256 << 20,
  /** Terms of one label selector: `matchLabels` entries + `matchExpressions` + their `values`. */
  maxSelectorTerms: 1000,
  /**
   * Gateway API's own `maxItems` on the lists resolution multiplies together (listeners ×
   * parentRefs × rules, listener × route hostnames). The API server enforces them, so real objects
   * never exceed them; the library's lenient models do not, so they are checked at the boundary.
   */
  gatewayApiMaxItems: { listeners: 64, parentRefs: 32, rules: 16, hostnames: 16 },
  /** Route results (one per listener × route rule) of one resolution. */
  maxRouteResults: 1_000_000,
  /**
   * Characters of one route's stat name: `telemetry.metrics.routeStatName` with its operators
   * substituted. The CRD sets no `maxLength`, and each `%ROUTE_NAME%` (12 characters) can become
   * a 253-character name, so a 1 MiB template would make a 22 MB name per route.
   */
  maxStatNameLength: 4096,
  /**
   * The default output budget of `emitEnvoy` and `emitRateLimitConfigs` (`EmitOptions.budget`
   * overrides it): Envoy routes, and bytes of protojson (routes and clusters). One route entry
   * becomes matches × hostnames Envoy routes (up to 64 × 16), on each of its listeners.
   */
  emitBudget: { routes: 100_000, bytes: 128 << 20 },
} as const);

/** A shared budget of values and characters for several `readPlainData` calls (one resolution's input). */
export interface ValueBudget {
  remaining: number;
  chars: number;
}

export const newValueBudget = (values: number = LIMITS.maxValuesPerInput, chars: number = LIMITS.maxCharsPerInput): ValueBudget => ({ remaining: values, chars });

export interface LimitViolation {
  /** Where, relative to the object read (`['spec', 'targetRefs', 3]`). */
  path: Array<string | number>;
  message: string;
  /** `limit` (a bound was exceeded), `cycle`, or `unreadable` (a getter or proxy threw). */
  code: 'limit' | 'cycle' | 'unreadable';
  /** Set when the shared budget (not this object) ran out: later objects will fail too. */
  budgetExhausted?: boolean;
}

export type PlainDataResult = { ok: true; value: unknown } | { ok: false; violation: LimitViolation };

interface Frame {
  /** The container to copy (read once, by its parent). */
  value: object;
  parent: Frame | undefined;
  key: string | number;
  /** Nesting level of the value if it is a container (root container = 1). */
  level: number;
  /** Where the copy goes. */
  target: Record<string, unknown> | unknown[] | undefined;
  /** Set on the frame that closes a container, visited after its children: leave the path. */
  exit: object | undefined;
}

function pathOf(frame: Frame | undefined): Array<string | number> {
  const path: Array<string | number> = [];
  for (let f = frame; f?.parent !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

/** The message of something thrown, read defensively and kept short. */
export function describeThrown(err: unknown): string {
  let text: string;
  try {
    text = err instanceof Error ? String(err.message) : String(err);
  } catch {
    text = 'unknown error';
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const tooLong = (length: number) => `string of ${length} characters is longer than the limit of ${LIMITS.maxStringLength}`;

/** An own data property, also for `__proto__` (a plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else (target as Record<string | number, unknown>)[key] = value;
}

/**
 * Check `input` against the limits and copy it into plain data, without recursion. Never throws:
 * an exceeded limit, a cycle, or a property that cannot be read is returned as a violation with
 * the path where it happened. `budget` is charged for every value read.
 */
export function readPlainData(input: unknown, budget: ValueBudget = newValueBudget()): PlainDataResult {
  let count = 0;
  let chars = 0;
  const onPath = new Set<object>();
  const root: unknown[] = [undefined];
  let frame: Frame | undefined;
  /** The key being read, while the children of `frame` are read. */
  let reading: string | number | undefined;
  const fail = (at: Frame | undefined, code: LimitViolation['code'], message: string, budgetExhausted = false): PlainDataResult => {
    const violation: LimitViolation = { path: pathOf(at), message, code };
    if (budgetExhausted) violation.budgetExhausted = true;
    return { ok: false, violation };
  };
  /** Charge `n` values; the failure, if the object or the shared budget is out of them. */
  const charge = (at: Frame, n: number): PlainDataResult | undefined => {
    count += n;
    budget.remaining -= n;
    if (count > LIMITS.maxValuesPerObject) return fail(at, 'limit', `more than ${LIMITS.maxValuesPerObject} values in one object`);
    if (budget.remaining < 0) return fail(at, 'limit', `the input holds more than ${LIMITS.maxValuesPerInput} values`, true);
    return undefined;
  };
  /** Charge `n` characters (a string or a key); the failure at `parent`'s `key` (built only then) if out of them. */
  const chargeChars = (n: number, parent: Frame | undefined, key: string | number): PlainDataResult | undefined => {
    chars += n;
    budget.chars -= n;
    if (chars <= LIMITS.maxCharsPerObject && budget.chars >= 0) return undefined;
    const at = parent === undefined ? undefined : child(parent, key);
    if (chars > LIMITS.maxCharsPerObject) return fail(at, 'limit', `more than ${LIMITS.maxCharsPerObject} characters of strings in one object`);
    return fail(at, 'limit', `the input holds more than ${LIMITS.maxCharsPerInput} characters of strings`, true);
  };
  const child = (parent: Frame, k: string | number, value: object = {}): Frame => ({ value, parent, key: k, level: parent.level + 1, target: undefined, exit: undefined });
  const stack: Frame[] = [];
  try {
    if (input === null || typeof input !== 'object') {
      if (typeof input === 'string') {
        if (input.length > LIMITS.maxStringLength) return fail(undefined, 'limit', tooLong(input.length));
        const over = chargeChars(input.length, undefined, 0);
        if (over) return over;
      }
      return { ok: true, value: input };
    }
    stack.push({ value: input, parent: undefined, key: 0, level: 1, target: root, exit: undefined });
    const first = charge(stack[0]!, 1);
    if (first) return first;
    while ((frame = stack.pop()) !== undefined) {
      if (frame.exit !== undefined) {
        onPath.delete(frame.exit);
        continue;
      }
      const { value } = frame;
      if (onPath.has(value)) return fail(frame, 'cycle', 'the object contains itself (a cycle in the object graph)');
      if (frame.level > LIMITS.maxDepth) return fail(frame, 'limit', `nested deeper than ${LIMITS.maxDepth} levels`);
      let copy: unknown;
      if (value instanceof Date) {
        copy = new Date(value.getTime());
      } else {
        const isArray = Array.isArray(value);
        const keys: Array<string | number> = isArray ? [] : Object.keys(value as object);
        const length = isArray ? (value as unknown[]).length : keys.length;
        if (!Number.isSafeInteger(length) || length < 0) return fail(frame, 'unreadable', `could not be read: an array length of ${String(length)}`);
        const over = charge(frame, length);
        if (over) return over;
        const out: Record<string, unknown> | unknown[] = isArray ? new Array<unknown>(length) : {};
        copy = out;
        onPath.add(value as object);
        stack.push({ value, parent: undefined, key: 0, level: 0, target: undefined, exit: value });
        // Children are read in order (scalars copied here, containers pushed in reverse so they pop in order).
        const containers: Frame[] = [];
        for (let i = 0; i < length; i++) {
          const key = isArray ? i : keys[i]!;
          if (typeof key === 'string') {
            if (key.length > LIMITS.maxStringLength) return fail(child(frame, key), 'limit', `key: ${tooLong(key.length)}`);
            const over = chargeChars(key.length, frame, key);
            if (over) return over;
          }
          reading = key;
          const v: unknown = (value as Record<string | number, unknown>)[key];
          if (v !== null && typeof v === 'object') {
            const c = child(frame, key, v);
            c.target = out;
            containers.push(c);
            setOwn(out, key, undefined); // keeps the input's key order
          } else {
            if (typeof v === 'string') {
              if (v.length > LIMITS.maxStringLength) return fail(child(frame, key), 'limit', tooLong(v.length));
              const over = chargeChars(v.length, frame, key);
              if (over) return over;
            }
            setOwn(out, key, v);
          }
        }
        reading = undefined;
        for (let i = containers.length - 1; i >= 0; i--) stack.push(containers[i]!);
      }
      setOwn(frame.target!, frame.key, copy);
    }
  } catch (err) {
    return fail(frame && reading !== undefined ? child(frame, reading) : frame, 'unreadable', `could not be read: ${describeThrown(err)}`);
  }
  return { ok: true, value: root[0] };
}
