/**
 * The boundary of `emitEnvoy`: each route entry of the `Resolution` is read once, into plain data
 * within the input limits, and its `traffic` is checked once, feature by feature, against the
 * feature's `traffic` schema and against what Envoy itself accepts (the features' `rejections`).
 * Everything after it works on typed values. A feature whose value fails is left out of that route
 * and reported; a route that cannot be read is left out and reported.
 *
 * Route entries shaped by the same policy share one (frozen) `traffic` object, so the outcome of a
 * check is kept per object for the duration of one `emitEnvoy` call: one check per policy, not one
 * per route entry.
 */
import { describeThrown, readPlainData, type LimitViolation, type PlainDataResult } from '../model/limits.js';
import type { ObjectRef, ResolvedTraffic, RouteEntryInput } from '../resolve/types.js';
import type { EnvoyRejection, FeatureDefinition } from '../features/feature.js';
import { FEATURES, TCP_ROUTE_KEYS, UDP_KEYS, type FeatureKey } from '../features/registry.js';
import { isRecord, setOwn } from '../lang/json.js';
import { routeProtocol, type RouteProtocol } from '../model/kinds.js';
import { routeRuleName, type EmitDiagnostic } from './emit-diagnostics.js';

/** A problem with one feature's value: where in it (`abort.httpStatus`, `''` for the whole value) and what. */
interface FeatureProblem {
  field: string;
  message: string;
  /** `type`: not the shape the feature's schema describes; `envoy`: a value Envoy rejects. */
  kind: 'type' | 'envoy';
}

/** The outcome of checking one `traffic` object. */
interface CheckedTraffic {
  /** The features whose value has the schema's shape, parsed (a fresh copy, unknown keys dropped). */
  values: ResolvedTraffic;
  /** Per feature: what its route part and its cluster part reject, and shape problems. */
  problems: Map<FeatureKey, { shape: FeatureProblem[]; route: FeatureProblem[]; cluster: FeatureProblem[] }>;
  /** Keys no feature owns, and the whole value when it is not an object. */
  ignored: Array<{ field: string; message: string }>;
}

/** The traffic one route entry gets: what its features may use, and what was left out. */
export interface RouteTraffic {
  traffic: ResolvedTraffic;
  dropped: Array<{ feature: FeatureKey; problems: FeatureProblem[] }>;
  ignored: CheckedTraffic['ignored'];
}

/** One readable route entry of the Resolution. */
export interface RouteInput {
  route: RouteEntryInput;
  traffic: RouteTraffic;
  /** `routes[<i>]`. */
  path: string;
  /** The policy that set a `traffic` field (for diagnostics), from the entry's provenance. */
  policyOf(field: string): ObjectRef | undefined;
}

const BY_KEY: ReadonlyMap<string, FeatureDefinition> = new Map(FEATURES.map((f) => [f.key, f]));

/** Which features a route of this protocol takes (TCP/TLS and UDP routes only some cluster features). */
function eligible(protocol: RouteProtocol, key: FeatureKey): boolean {
  if (protocol === 'tcp') return TCP_ROUTE_KEYS.has(key);
  if (protocol === 'udp') return UDP_KEYS.has(key);
  return true;
}

/** `a.b[0].c` from a zod issue path. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** `prefix.field`, `prefix[0]`, or `prefix` for the whole value. */
function join(prefix: string, field: string): string {
  return field === '' ? prefix : field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

/**
 * The feature's Envoy parts' rejections of a schema-valid value. A part that throws rejects the
 * value as a whole (its own bug must not take the route down).
 */
function rejectionsOf(part: { rejections?(value: unknown): readonly EnvoyRejection[] } | undefined, value: unknown): FeatureProblem[] {
  if (!part?.rejections) return [];
  try {
    return part.rejections(value).map((r) => ({ ...r, kind: 'envoy' as const }));
  } catch (err) {
    return [{ field: '', message: `its Envoy rules could not be checked (${describeThrown(err)})`, kind: 'envoy' }];
  }
}

function checkTraffic(raw: unknown): CheckedTraffic {
  const checked: CheckedTraffic = { values: {}, problems: new Map(), ignored: [] };
  if (raw === undefined) return checked;
  const read = readPlainData(raw);
  if (!read.ok) {
    checked.ignored.push({ field: '', message: `traffic could not be read (${read.violation.message}); the route gets no BackendTrafficPolicy settings` });
    return checked;
  }
  if (!isRecord(read.value)) {
    checked.ignored.push({ field: '', message: 'traffic is not an object; the route gets no BackendTrafficPolicy settings' });
    return checked;
  }
  const values = checked.values as Record<string, unknown>;
  for (const [key, value] of Object.entries(read.value)) {
    if (value === undefined) continue;
    const feature = BY_KEY.get(key);
    if (!feature) {
      checked.ignored.push({ field: key, message: `no feature has the traffic key "${key}"; ignored` });
      continue;
    }
    const parsed = feature.traffic.safeParse(value);
    if (!parsed.success) {
      const shape = parsed.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message, kind: 'type' as const }));
      checked.problems.set(feature.key as FeatureKey, { shape, route: [], cluster: [] });
      continue;
    }
    const route = rejectionsOf(feature.route, parsed.data);
    const cluster = rejectionsOf(feature.cluster, parsed.data);
    if (route.length > 0 || cluster.length > 0) checked.problems.set(feature.key as FeatureKey, { shape: [], route, cluster });
    values[key] = parsed.data;
  }
  return checked;
}

/** The traffic a route of `protocol` may use: without the features whose value fails for it. */
function trafficFor(checked: CheckedTraffic, protocol: RouteProtocol): RouteTraffic {
  if (checked.problems.size === 0) return { traffic: checked.values, dropped: [], ignored: checked.ignored };
  const traffic: Record<string, unknown> = {};
  const dropped: RouteTraffic['dropped'] = [];
  const values = checked.values as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    const problems = checked.problems.get(key as FeatureKey);
    // Route parts only run on HTTP routes.
    const failing = problems ? [...problems.shape, ...(protocol === 'http' ? problems.route : []), ...problems.cluster] : [];
    if (failing.length > 0 && eligible(protocol, key as FeatureKey)) dropped.push({ feature: key as FeatureKey, problems: failing });
    else traffic[key] = values[key];
  }
  for (const [key, problems] of checked.problems) {
    if (problems.shape.length > 0 && eligible(protocol, key)) dropped.push({ feature: key, problems: problems.shape });
  }
  return { traffic: traffic as ResolvedTraffic, dropped, ignored: checked.ignored };
}

/** Reads route entries for one `emitEnvoy` call, checking each distinct `traffic` object once. */
export class RouteReader {
  private readonly checked = new Map<object, CheckedTraffic>();
  private readonly perProtocol = new Map<CheckedTraffic, Map<RouteProtocol, RouteTraffic>>();
  private readonly provenances = new Map<object, Record<string, ObjectRef>>();
  private readonly copies = new Map<object, PlainDataResult>();

  constructor(private readonly diagnostics: EmitDiagnostic[]) {}

  /**
   * The entry at `routes[index]`, or undefined (reported) when it cannot be emitted. A string
   * `index` is the path itself (the incremental emitter places its entries' diagnostics later).
   */
  read(candidate: unknown, index: number | string): RouteInput | undefined {
    const path = typeof index === 'number' ? `routes[${index}]` : index;
    let rest: Record<string, unknown>;
    let rawTraffic: unknown;
    let rawProvenance: unknown;
    try {
      if (!isRecord(candidate)) {
        this.diagnostics.push({ severity: 'error', path, message: 'not a route result (an object); skipped' });
        return undefined;
      }
      ({ traffic: rawTraffic, provenance: rawProvenance, ...rest } = candidate);
    } catch (err) {
      this.diagnostics.push({ severity: 'error', path, message: `route result could not be read (${describeThrown(err)}); skipped` });
      return undefined;
    }
    const route = this.plainCopy(rest, path);
    if (route === undefined) return undefined;
    if (!isRouteResult(route)) {
      this.diagnostics.push({ severity: 'error', path, message: 'route result lacks its gateway, listener, route or ruleIndex; skipped' });
      return undefined;
    }
    this.sanitize(route, path);
    const traffic = this.trafficOf(rawTraffic, routeProtocol(route.route.kind));
    const policyOf = (field: string) => fieldPolicy(this.provenanceOf(rawProvenance), field, route.policies);
    return { route, traffic, path, policyOf };
  }

  /**
   * A plain-data copy of the entry (without `traffic` and `provenance`). Its object-valued fields
   * are copied once per object: entries share their `gateway` and `route` references, and one
   * rule's entries on several listeners its `matches` and `backendRefs`.
   */
  private plainCopy(rest: Record<string, unknown>, path: string): Record<string, unknown> | undefined {
    const fail = (violation: LimitViolation, at: Array<string | number>) => {
      const where = [...at, ...violation.path].map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
      this.diagnostics.push({ severity: 'error', path: `${path}${where}`, message: `route result could not be read (${violation.message}); skipped` });
      return undefined;
    };
    const scalars: Record<string, unknown> = {};
    const objects: Array<[string, object]> = [];
    for (const [key, value] of Object.entries(rest)) {
      if (typeof value === 'object' && value !== null) objects.push([key, value]);
      else scalars[key] = value;
    }
    const read = readPlainData(scalars);
    if (!read.ok) return fail(read.violation, []);
    const copy = read.value as Record<string, unknown>;
    for (const [key, value] of objects) {
      let field = this.copies.get(value);
      if (!field) this.copies.set(value, (field = readPlainData(value)));
      if (!field.ok) return fail(field.violation, [key]);
      setOwn(copy, key, field.value);
    }
    return copy;
  }

  private trafficOf(raw: unknown, protocol: RouteProtocol): RouteTraffic {
    let checked: CheckedTraffic;
    if (typeof raw === 'object' && raw !== null) {
      checked = this.checked.get(raw) ?? checkTraffic(raw);
      this.checked.set(raw, checked);
    } else {
      checked = checkTraffic(raw);
    }
    let byProtocol = this.perProtocol.get(checked);
    if (!byProtocol) this.perProtocol.set(checked, (byProtocol = new Map()));
    let traffic = byProtocol.get(protocol);
    if (!traffic) byProtocol.set(protocol, (traffic = trafficFor(checked, protocol)));
    return traffic;
  }

  private provenanceOf(raw: unknown): Record<string, ObjectRef> {
    if (typeof raw !== 'object' || raw === null) return {};
    let provenance = this.provenances.get(raw);
    if (!provenance) {
      const read = readPlainData(raw);
      provenance = {};
      if (read.ok && isRecord(read.value)) {
        for (const [field, ref] of Object.entries(read.value)) if (isObjectRef(ref)) provenance[field] = ref;
      }
      this.provenances.set(raw, provenance);
    }
    return provenance;
  }

  /**
   * Optional fields the emitter reads, made what their type says: a malformed one is dropped (or
   * filtered) with a warning rather than failing the route later.
   */
  private sanitize(route: RouteEntryInput, path: string): void {
    const r = route as unknown as Record<string, unknown>;
    const warn = (field: string, message: string) =>
      this.diagnostics.push({ severity: 'warning', path: `${path}.${field}`, message, route: routeRuleName(route) });
    const drop = (field: string, ok: (v: unknown) => boolean, what: string) => {
      if (r[field] !== undefined && !ok(r[field])) {
        warn(field, `${what}; ignored`);
        delete r[field];
      }
    };
    const strings = (field: string) => {
      const v = r[field];
      if (v === undefined) return;
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        warn(field, 'not a list of strings; what is not a string in it is ignored');
        r[field] = Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
      }
    };
    drop('listenerSet', isObjectRef, 'not a {namespace, name} reference');
    drop('ruleName', (v) => typeof v === 'string', 'not a string');
    strings('hostnames');
    if (r.hostnames === undefined) r.hostnames = [];
    drop('timeout', (v) => typeof v === 'number' && Number.isFinite(v), 'not a number of milliseconds');
    if (r.retry !== undefined) {
      const retry = acceptableRetry(r.retry);
      if (retry === undefined) warn('retry', 'not a retry policy Envoy accepts (in the shape of traffic.retry); ignored');
      r.retry = retry;
      if (retry === undefined) delete r.retry;
    }
    drop('useClientProtocol', (v) => typeof v === 'boolean', 'not a boolean');
    drop('directResponse', (v) => isRecord(v) && typeof v.statusCode === 'number' && Number.isFinite(v.statusCode), 'not {statusCode: number}');
    drop('statName', (v) => typeof v === 'string', 'not a string');
    strings('removeResponseHeaders');
    if (r.policies !== undefined && (!Array.isArray(r.policies) || !r.policies.every(isObjectRef))) {
      warn('policies', 'not a list of {namespace, name} references; what is not one in it is ignored');
      r.policies = Array.isArray(r.policies) ? r.policies.filter(isObjectRef) : [];
    }
    if (r.policies === undefined) r.policies = [];
  }
}

/** The HTTPRoute rule's own retry, parsed: the shape of `traffic.retry`, with values Envoy accepts. */
function acceptableRetry(value: unknown): RouteEntryInput['retry'] {
  const retry = BY_KEY.get('retry');
  const parsed = retry?.traffic.safeParse(value);
  return parsed?.success && rejectionsOf(retry!.route, parsed.data).length === 0 ? (parsed.data as RouteEntryInput['retry']) : undefined;
}

const isObjectRef = (v: unknown): v is ObjectRef => isRecord(v) && typeof v.namespace === 'string' && typeof v.name === 'string';

/**
 * The policy that set `field` (`faultInjection.abort.httpStatus`): the provenance of the field, of
 * the nearest enclosing one, or of any field under it; else the route's only policy.
 */
function fieldPolicy(provenance: Record<string, ObjectRef>, field: string, policies: readonly ObjectRef[]): ObjectRef | undefined {
  for (let at = field; at !== ''; at = at.replace(/(\.[^.[]*|\[\d+\])$/, '')) {
    const exact = provenance[at];
    if (exact) return exact;
    const under = Object.keys(provenance).find((k) => k.startsWith(`${at}.`) || k.startsWith(`${at}[`));
    if (under) return provenance[under];
    if (!/[.[]/.test(at)) break;
  }
  return policies.length === 1 ? policies[0] : undefined;
}

/** Enough of a `RouteEntryInput` to emit it. */
function isRouteResult(value: unknown): value is RouteEntryInput {
  if (!isRecord(value)) return false;
  const { gateway, route } = value as { gateway?: unknown; route?: unknown };
  return (
    isRecord(gateway) &&
    typeof gateway.namespace === 'string' &&
    typeof gateway.name === 'string' &&
    typeof value.listener === 'string' &&
    isRecord(route) &&
    typeof route.kind === 'string' &&
    typeof route.namespace === 'string' &&
    typeof route.name === 'string' &&
    typeof value.ruleIndex === 'number'
  );
}

/** The diagnostics of one route entry's traffic, as emitted on one listener / cluster. */
export function trafficDiagnostics(input: RouteInput, where: { listener?: string; cluster?: string }): EmitDiagnostic[] {
  const route = routeRuleName(input.route);
  const out: EmitDiagnostic[] = [];
  for (const { field, message } of input.traffic.ignored) {
    out.push({ severity: 'warning', path: join(`${input.path}.traffic`, field), message, route, ...where });
  }
  for (const { feature, problems } of input.traffic.dropped) {
    for (const problem of problems) {
      const field = join(feature, problem.field);
      const policy = input.policyOf(field);
      const by = policy ? `, set by BackendTrafficPolicy ${policy.namespace}/${policy.name}` : '';
      const why = problem.kind === 'envoy' ? `Envoy would reject it: ${problem.message}` : problem.message;
      out.push({
        severity: 'error',
        path: `${input.path}.traffic.${field}`,
        message: `${field}${by}: ${why}; ${feature} is left out of this route`,
        route,
        ...where,
        feature,
        ...(policy ? { policy } : {}),
      });
    }
  }
  return out;
}
