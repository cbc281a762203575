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
   * Objects the `targetSelectors` of all policies match by labels, together (policies in policy
   * order): each one a target picked, with a status, a slot contender and outcomes, or one a
   * namespace selector or missing ReferenceGrant kept out, a miss to report. n policies whose
   * selectors each pick the same n routes made n² targets: 2,000 of each (4,000 objects) took 8.6 s
   * and 760 MB; as many missing n namespaces, 3.4 s and 1.2 GB.
   */
  maxSelectorMatches: 1_000_000,
  /**
   * Conflicted outcomes a route entry lists for one slot (a rule, route, listener, ListenerSet or
   * Gateway): the oldest policies that lost it, after the one that holds it. Every entry a slot
   * reaches lists its losers, so n policies conflicting on a Gateway of n routes that each have a
   * policy of their own made n² outcomes: 4,000 of each (12,000 objects) ran out of a 4 GB heap.
   * The policies' statuses and `attachments` still name every conflict.
   */
  maxConflictedOutcomes: 16,
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

/**
 * The limits a resolution applies to what it makes (a state holds them, so that the tests can
 * follow a resolver past them on small inputs; everything else uses `LIMITS`).
 */
export interface ResolutionLimits {
  maxSelectorMatches: number;
  maxConflictedOutcomes: number;
}

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

/**
 * The copy, or the first violation. `nullFree` says that no object property of the copy is `null`
 * (array items may be): admission, which drops such properties as the API server does, then needs
 * no second copy of the object.
 */
export type PlainDataResult = { ok: true; value: unknown; nullFree: boolean } | { ok: false; violation: LimitViolation };

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

/** A limit or a cycle met while reading: unwinds the read to `readPlainData`, which returns it. */
class Stop {
  constructor(
    readonly code: LimitViolation['code'],
    readonly message: string,
    readonly budgetExhausted: boolean,
  ) {}
}

/**
 * How `readPlainData` reads. `kubernetesObject`: the input is one Kubernetes object, as a cluster
 * lists it, and what only a server writes into it is not read: its `status` (not part of a create;
 * nothing resolution reads is in it) is left out of the copy, and `metadata.managedFields`, when it
 * is a list, is copied as an empty one (its entries record which manager set which field; the API
 * server checks only that it is a list, as admission does). Neither is read or counted against a
 * limit. An object from `kubectl get -o json` or an informer's cache carries both, along with its
 * spec: a generated 20,000-route cluster with them (20 → 67 MB of JSON) resolved 3–8% faster
 * without reading them, and a resolver of it held 192 MB instead of 228.
 */
export interface ReadOptions {
  kubernetesObject?: boolean;
}

/** `readPlainData`'s marker for "no key of a container is being read". */
const BETWEEN_KEYS: unique symbol = Symbol('between keys');

/**
 * Check `input` against the limits and copy it into plain data. Never throws: an exceeded limit,
 * a cycle, or a property that cannot be read is returned as a violation with the path where it
 * happened. `budget` is charged for every value read.
 *
 * The copy recurses, at most `LIMITS.maxDepth` levels deep (checked before each level), so the
 * stack stays small whatever the input. Each container's own keys are read, in order, before any
 * of its child containers, so a getter runs once and the first violation is the one found reading
 * level by level. `path` (the keys from the root to the container being read), `reading` (the key
 * of it being read, if any: only one container's keys are read at a time) and `ancestors` (the
 * containers on the path, searched for cycles: at most 64) are the only bookkeeping, so an
 * ordinary object costs its copy and nothing else.
 */
export function readPlainData(input: unknown, budget: ValueBudget = newValueBudget(), options: ReadOptions = {}): PlainDataResult {
  const reader = new PlainDataReader(budget, options.kubernetesObject === true);
  try {
    if (input === null || typeof input !== 'object') {
      if (typeof input === 'string') reader.chargeString(input, '');
      return { ok: true, value: input, nullFree: true };
    }
    reader.charge(1);
    const value = reader.read(input, 1);
    return { ok: true, value, nullFree: reader.nullFree };
  } catch (err) {
    const { path, reading } = reader;
    const at = reading === BETWEEN_KEYS ? [...path] : [...path, reading];
    const violation: LimitViolation = err instanceof Stop ? { path: at, message: err.message, code: err.code } : { path: at, message: `could not be read: ${describeThrown(err)}`, code: 'unreadable' };
    if (err instanceof Stop && err.budgetExhausted) violation.budgetExhausted = true;
    return { ok: false, violation };
  }
}

/**
 * One `readPlainData` call's reading state. A class, not closures over the call's locals: every
 * Kubernetes object of an input is read by one call, and the call's five closures and their
 * context were about a ninth of what reading allocates (81.6 → 72.9 MB for a 20,000-route input).
 */
class PlainDataReader {
  count = 0;
  chars = 0;
  nullFree = true;
  /** The keys from the root to the container being read. */
  readonly path: Array<string | number> = [];
  /**
   * The key being read is noted, not pushed on `path` and popped again: most values are scalars
   * read once, and only a violation needs their path.
   */
  reading: string | number | typeof BETWEEN_KEYS = BETWEEN_KEYS;
  readonly ancestors: object[] = [];

  constructor(
    private readonly budget: ValueBudget,
    /** `ReadOptions.kubernetesObject`. */
    private readonly kubernetesObject: boolean,
  ) {}

  /** Charge `n` values to the object and the shared budget. */
  charge(n: number): void {
    this.count += n;
    this.budget.remaining -= n;
    if (this.count > LIMITS.maxValuesPerObject) throw new Stop('limit', `more than ${LIMITS.maxValuesPerObject} values in one object`, false);
    if (this.budget.remaining < 0) throw new Stop('limit', `the input holds more than ${LIMITS.maxValuesPerInput} values`, true);
  }

  /** Check and charge a string (a value, or a key when `what` is `key: `) at `reading`. */
  chargeString(text: string, what: string): void {
    if (text.length > LIMITS.maxStringLength) throw new Stop('limit', what + tooLong(text.length), false);
    this.chars += text.length;
    this.budget.chars -= text.length;
    if (this.chars > LIMITS.maxCharsPerObject) throw new Stop('limit', `more than ${LIMITS.maxCharsPerObject} characters of strings in one object`, false);
    if (this.budget.chars < 0) throw new Stop('limit', `the input holds more than ${LIMITS.maxCharsPerInput} characters of strings`, true);
  }

  /** The copy of the container at `path`, `level` deep (the root is 1). */
  read(value: object, level: number): unknown {
    if (this.ancestors.includes(value)) throw new Stop('cycle', 'the object contains itself (a cycle in the object graph)', false);
    if (level > LIMITS.maxDepth) throw new Stop('limit', `nested deeper than ${LIMITS.maxDepth} levels`, false);
    if (value instanceof Date) return new Date(value.getTime());
    return Array.isArray(value) ? this.readArray(value, level) : this.readObject(value as Record<string, unknown>, level);
  }

  // Arrays and objects are read by two methods, each with one kind of key, so each stays fast.
  private readArray(value: unknown[], level: number): unknown[] {
    const length = value.length;
    if (!Number.isSafeInteger(length) || length < 0) throw new Stop('unreadable', `could not be read: an array length of ${String(length)}`, false);
    this.charge(length);
    const out = new Array<unknown>(length);
    // First every item of this level (a container is held as read, copied below).
    let containers = false;
    for (let i = 0; i < length; i++) {
      this.reading = i;
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') containers = true;
      else if (typeof v === 'string') this.chargeString(v, '');
      out[i] = v;
    }
    this.reading = BETWEEN_KEYS;
    if (!containers) return out;
    this.ancestors.push(value);
    for (let i = 0; i < length; i++) {
      const v = out[i];
      if (v === null || typeof v !== 'object') continue;
      this.path.push(i);
      out[i] = this.read(v, level + 1);
      this.path.pop();
    }
    this.ancestors.pop();
    return out;
  }

  private readObject(value: Record<string, unknown>, level: number): Record<string, unknown> {
    const keys = Object.keys(value);
    const length = keys.length;
    this.charge(length);
    const out: Record<string, unknown> = {};
    // What only a server writes (`ReadOptions.kubernetesObject`): the root's `status`, and the
    // entries of its metadata's `managedFields` (anything but a list is copied, for admission to
    // refuse as the server does).
    const root = this.kubernetesObject && level === 1;
    const metadata = this.kubernetesObject && level === 2 && this.path.length === 1 && this.path[0] === 'metadata';
    // First every key and value of this level (a container is held as read, copied below).
    let containers = false;
    for (let i = 0; i < length; i++) {
      const key = keys[i]!;
      this.reading = key;
      this.chargeString(key, 'key: ');
      if (root && key === 'status') continue;
      const v: unknown = value[key];
      if (metadata && key === 'managedFields' && Array.isArray(v)) {
        out[key] = [];
        continue;
      }
      if (v !== null && typeof v === 'object') containers = true;
      else if (typeof v === 'string') this.chargeString(v, '');
      else if (v === null) this.nullFree = false;
      setOwn(out, key, v);
    }
    this.reading = BETWEEN_KEYS;
    if (!containers) return out;
    this.ancestors.push(value);
    for (let i = 0; i < length; i++) {
      const key = keys[i]!;
      const v = out[key];
      if (v === null || typeof v !== 'object') continue;
      this.path.push(key);
      setOwn(out, key, this.read(v, level + 1));
      this.path.pop();
    }
    this.ancestors.pop();
    return out;
  }
}
