/**
 * The admission stage: what reaches Envoy Gateway's translator from the input of
 * `resolvePolicies` (an array of Kubernetes objects, `List`s flattened, or an Envoy Gateway
 * resource bundle), per profile (`profile.ts`):
 *
 * - cluster: each object passes the API server (`admit-object.ts`); refused objects become
 *   `rejected` (with error diagnostics) and are never resolved; of several objects with one key
 *   (`objectKey`) the cluster holds the last one applied.
 * - harness: Envoy Gateway's golden test loader: objects are read as written (no defaults, CRD
 *   findings reported as diagnostics beside the policy), only what cannot be decoded is dropped,
 *   and repeated names are left to resolution (the first one wins there).
 *
 * Either way each object is read, one at a time, into its model, namespaced. Ordering them, and
 * which of two with one key counts, is resolution's (`resolve/object-store.ts`).
 */
import type * as z from 'zod';
import { fastParse } from '../model/fast-parse.js';
import { checkPlainData } from '../model/parse.js';
import {
  ConfigMapSchema,
  GatewaySchema,
  ListenerSetSchema,
  NamespaceSchema,
  GatewayClassSchema,
  ReferenceGrantSchema,
  RouteSchema,
  SecretSchema,
  ServiceSchema,
  type ConfigMap,
  type Gateway,
  type ListenerSet,
  type Namespace,
  type GatewayClass,
  type ReferenceGrant,
  type Route,
  type Secret,
} from '../model/gateway-api.js';
import { formatIssueBody, formatPath } from '../model/issues.js';
import { canonicalizeFieldNames, withoutFields } from '../model/unknown-fields.js';
import { BackendTrafficPolicySchema, type BackendTrafficPolicy, type BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import { describeThrown } from '../model/limits.js';
import { isRouteKind } from '../model/kinds.js';
import { isRecord } from '../lang/json.js';
import { joinPath, type InputEntry } from '../read/limits.js';
import type { TypeHint } from '../read/input.js';
import { readTimestamp, timestampMillis } from '../values/timestamp.js';
import { apiVersionOf, kindRule } from '../model/envelope.js';
import { admitPlain, DEFAULT_NAMESPACE } from './admit-object.js';
import type { EffectiveOptions } from './profile.js';
import type { PolicyInput, RouteInput } from './resources.js';
import type { Diagnostic, RejectedObject } from '../resolve/types.js';
import { flatKey } from '../lang/flat-key.js';

/** A model resolution reads, by what it is. */
export type AdmittedModel =
  | { type: 'Gateway'; gateway: Gateway }
  | { type: 'ListenerSet'; listenerSet: ListenerSet }
  | { type: 'Route'; route: RouteInput }
  | { type: 'Policy'; policy: PolicyInput }
  | { type: 'ReferenceGrant'; grant: ReferenceGrant }
  | { type: 'Namespace'; namespace: Namespace }
  | { type: 'GatewayClass'; gatewayClass: GatewayClass }
  | { type: 'ConfigMap'; configMap: ConfigMap }
  | { type: 'Secret'; secret: Secret };

/** One object of the input after admission. */
export interface AdmittedObject {
  kind: string;
  /**
   * Its identity in a cluster: API group, kind, namespace (kubectl's `default` when a namespaced
   * object names none) and name. Two objects with one key are one object applied twice.
   */
  key: string;
  /** What resolution reads of it; absent when it was refused, or read only for its findings. */
  model?: AdmittedModel;
  /** The API server's refusal (cluster profile). */
  rejected?: RejectedObject;
  /** What admission found, with paths under the object's own path. */
  diagnostics: Diagnostic[];
  /** The object as diagnostics name it. */
  ref?: Diagnostic['object'];
}

export function timestampOf(meta: { creationTimestamp?: unknown } | undefined): number {
  return timestampMillis(meta?.creationTimestamp);
}

/** The kinds resolution orders by `creationTimestamp`. */
const ORDERED_KINDS = new Set(['Gateway', 'ListenerSet', 'XListenerSet', 'BackendTrafficPolicy', 'ReferenceGrant', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

/** An object's `creationTimestamp` as read once: the value, and its milliseconds as `timestampOf` gives them. */
interface TimestampRead {
  value: unknown;
  millis: number;
}

/**
 * A warning for a `creationTimestamp` the API server would not read (anything but RFC 3339): it is
 * read in UTC where it can be (never in the local time zone, so the order does not depend on `TZ`),
 * and ordered first otherwise. Returns what it read, so that the model, which holds the same value,
 * is ordered without reading it again (`orderingTimestamp`).
 */
function checkTimestamp(kind: string, object: unknown, path: string, diagnostics: Diagnostic[]): TimestampRead | undefined {
  if (!ORDERED_KINDS.has(kind) || !isRecord(object) || !isRecord(object.metadata)) return undefined;
  const ts = object.metadata.creationTimestamp;
  if (typeof ts !== 'string' && !(ts instanceof Date)) return { value: ts, millis: Number.NEGATIVE_INFINITY };
  const reading = readTimestamp(ts);
  const read: TimestampRead = { value: ts, millis: reading.kind === 'unreadable' ? Number.NEGATIVE_INFINITY : reading.millis };
  if (reading.kind === 'rfc3339') return read;
  const shown = ts instanceof Date ? 'an invalid Date' : JSON.stringify(ts);
  const how = reading.kind === 'lenient' ? `read as ${new Date(reading.millis).toISOString()} (UTC)` : 'it cannot be read, so the object is ordered before those with a time';
  diagnostics.push({
    severity: 'warning',
    path: joinPath(path, ['metadata', 'creationTimestamp']),
    message: `${kind} creationTimestamp ${shown} is not an RFC 3339 time such as 2025-01-31T12:00:00Z; ${how}`,
    object: objectRef(kind, object.metadata as { name?: unknown; namespace?: unknown }),
  });
  return read;
}

/**
 * `timestampOf(meta)`, taken from `read` when `meta` holds the value read there: admission keeps
 * the value (a string, or the same `Date`), but a model may hold another one (a field name matched
 * case-insensitively), which is read then.
 */
function orderingTimestamp(meta: { creationTimestamp?: unknown } | undefined, read: TimestampRead | undefined): number {
  return read !== undefined && meta?.creationTimestamp === read.value ? read.millis : timestampOf(meta);
}

function parseLenient<S extends z.ZodType>(schema: S, object: unknown, path: string, kind: string, diagnostics: Diagnostic[]): z.output<S> | undefined {
  const fast = fastParse(schema, object);
  if (fast) return fast.data;
  const r = schema.safeParse(object);
  if (r.success) return r.data;
  const meta = (object as { metadata?: { name?: unknown; namespace?: unknown } }).metadata;
  for (const issue of r.error.issues.slice(0, 5)) {
    diagnostics.push({
      severity: 'error',
      path: `${path}${path ? '.' : ''}${formatPath(issue.path)}`,
      message: `${kind} ignored: ${issue.message}`,
      object: objectRef(kind, meta),
    });
  }
  return undefined;
}

function objectRef(kind: string, meta: { name?: unknown; namespace?: unknown } | undefined): Diagnostic['object'] {
  const ref: NonNullable<Diagnostic['object']> = { kind };
  if (typeof meta?.namespace === 'string') ref.namespace = meta.namespace;
  if (typeof meta?.name === 'string') ref.name = meta.name;
  return ref;
}

/** Give namespaced objects without a namespace the `default` one, as kubectl does. */
function withNamespace<T extends { metadata: { namespace?: string } }>(o: T): T {
  return o.metadata.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: DEFAULT_NAMESPACE } };
}

/**
 * The identity of an object of `kind` as a cluster keys it: group, kind, namespace (`default` for
 * a namespaced kind that names none, none for a cluster-scoped one) and name.
 */
export function objectKey(kind: string, namespace: unknown, name: unknown): string {
  const rule = kindRule(kind);
  const ns = rule && !rule.namespaced ? '' : typeof namespace === 'string' && namespace !== '' ? namespace : DEFAULT_NAMESPACE;
  return flatKey(rule?.group ?? '', '|', kind, '|', ns, '|', typeof name === 'string' ? name : '');
}

/** The store key of an object of `kind` as read (its namespace defaulted as kubectl does). */
export function keyOf(kind: string, object: unknown): string {
  const meta = isRecord(object) && isRecord(object.metadata) ? object.metadata : undefined;
  return objectKey(kind, meta?.namespace, meta?.name);
}

/**
 * One object of the input as the profile admits it (`entry.object` is the boundary's copy, which
 * admission may reuse but never changes); undefined for a kind resolution does not read.
 * `index` is its position, for ties in input order.
 */
export function admitEntry(entry: InputEntry, index: number, options: EffectiveOptions): AdmittedObject | undefined {
  return options.apiServer ? admitThroughApiServer(entry, index, options) : readAsWritten(entry, index, options);
}

/** The cluster profile: the object through the API server. */
function admitThroughApiServer({ kind, object, path, hint, nullFree }: InputEntry, index: number, options: EffectiveOptions): AdmittedObject | undefined {
  const diagnostics: Diagnostic[] = [];
  const timestamp = checkTimestamp(kind, object, path, diagnostics);
  const typed = withImpliedType(object, hint);
  const raw = kind === 'BackendTrafficPolicy' && options.fieldNameMatching === 'caseInsensitive' ? canonicalizeFieldNames(BackendTrafficPolicySchema, typed) : typed;
  const { admission, model, rule } = admitPlain(kind, raw, 'warn', nullFree);
  if (admission.outcome === 'ignored' || !rule) return undefined;
  const meta = (admission.outcome === 'admitted' ? admission.object.metadata : (raw as { metadata?: unknown })?.metadata) as { name?: unknown; namespace?: unknown } | undefined;
  const ref = objectRef(kind, meta);
  const key = keyOf(kind, raw);
  for (const w of admission.warnings) diagnostics.push({ severity: 'warning', path: joinPath(path, pathSegments(w.path)), message: w.message, object: ref });
  if (admission.outcome === 'rejected') {
    const r: RejectedObject = { kind, path, issues: admission.issues, message: admission.message };
    const apiVersion = (raw as { apiVersion?: unknown })?.apiVersion;
    if (typeof apiVersion === 'string') r.apiVersion = apiVersion;
    if (ref?.namespace !== undefined) r.namespace = ref.namespace;
    if (ref?.name !== undefined) r.name = ref.name;
    for (const issue of admission.issues) {
      diagnostics.push({ severity: 'error', path: joinPath(path, pathSegments(issue.path)), message: formatIssueBody(issue), object: ref, issue });
    }
    return { kind, key, rejected: r, diagnostics, ref };
  }
  // `model` in the literal, set below: every admitted object then has one shape with it in-object.
  const out: AdmittedObject = { kind, key, diagnostics, ref, model: undefined };
  switch (kind) {
    case 'Gateway':
      out.model = { type: 'Gateway', gateway: model as Gateway };
      break;
    case 'ListenerSet':
    case 'XListenerSet':
      out.model = { type: 'ListenerSet', listenerSet: model as ListenerSet };
      break;
    case 'BackendTrafficPolicy': {
      const p = model as BackendTrafficPolicy;
      const policy: PolicyInput = {
        namespace: p.metadata?.namespace || DEFAULT_NAMESPACE,
        name: p.metadata?.name ?? '',
        creationTimestamp: orderingTimestamp(p.metadata, timestamp),
        // As stored: pruned and defaulted, which is what the translator reads in a cluster.
        spec: p.spec as BackendTrafficPolicySpecInput,
        index,
      };
      if (typeof p.metadata?.generation === 'number') policy.generation = p.metadata.generation;
      out.model = { type: 'Policy', policy };
      break;
    }
    case 'ReferenceGrant':
      out.model = { type: 'ReferenceGrant', grant: model as ReferenceGrant };
      break;
    case 'Namespace':
      out.model = { type: 'Namespace', namespace: model as Namespace };
      break;
    case 'GatewayClass':
      out.model = { type: 'GatewayClass', gatewayClass: model as GatewayClass };
      break;
    case 'ConfigMap':
      out.model = { type: 'ConfigMap', configMap: model as ConfigMap };
      break;
    case 'Secret':
      out.model = { type: 'Secret', secret: model as Secret };
      break;
    default:
      if (isRouteKind(kind)) {
        const route = model as Route;
        out.model = { type: 'Route', route: { kind, object: route, namespace: route.metadata.namespace!, name: route.metadata.name ?? '', creationTimestamp: orderingTimestamp(route.metadata, timestamp) } };
      }
  }
  return out;
}

/** The warning on an object applied again (`later`, at `path`) after the one at `firstPath`: the cluster holds the last one. */
export function appliedTwice(later: AdmittedObject, firstPath: string, path: string): Diagnostic {
  const ref = later.ref;
  return {
    severity: 'warning',
    path: firstPath,
    message: `${later.kind} ${ref?.namespace ? `${ref.namespace}/` : ''}${ref?.name ?? ''} appears more than once; the cluster holds the last one applied (${path || 'the input'}), which is used`,
    object: ref,
  };
}

/**
 * An item that omits its kind and version gets them from its container: a typed List's kind and
 * `apiVersion`, or a bundle key's kind (a Go field of one type, so its version is the kind's
 * preferred one). A standalone object gets nothing: without them kubectl cannot send it.
 */
export function withImpliedType(object: unknown, hint: TypeHint | undefined): unknown {
  if (!hint || !isRecord(object)) return object;
  const rule = kindRule(hint.kind);
  const apiVersion = hint.from === 'list' ? hint.apiVersion : rule && apiVersionOf(rule, rule.versions[0]!);
  const typed: Record<string, unknown> = { ...object, kind: hint.kind };
  if (typed.apiVersion === undefined && apiVersion !== undefined) typed.apiVersion = apiVersion;
  return typed;
}

/** `spec.x[0].y` → `['spec', 'x', 0, 'y']`, for `joinPath`. */
function pathSegments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The harness profile: the object read as written, as Envoy Gateway's test loader reads its files. */
function readAsWritten({ kind, object: read, path, nullFree }: InputEntry, index: number, options: EffectiveOptions): AdmittedObject | undefined {
  const diagnostics: Diagnostic[] = [];
  const timestamp = checkTimestamp(kind, read, path, diagnostics);
  // Go decodes a null as an unset field.
  const object = kind === 'BackendTrafficPolicy' || nullFree ? read : withoutFields(read, []);
  const out: AdmittedObject = { kind, key: keyOf(kind, object), diagnostics, model: undefined };
  switch (kind) {
    case 'Gateway': {
      const g = parseLenient(GatewaySchema, object, path, kind, diagnostics);
      if (g) out.model = { type: 'Gateway', gateway: withNamespace(g) };
      break;
    }
    case 'ListenerSet':
    case 'XListenerSet': {
      const l = parseLenient(ListenerSetSchema, object, path, kind, diagnostics);
      if (l) out.model = { type: 'ListenerSet', listenerSet: withNamespace(l) };
      break;
    }
    case 'HTTPRoute':
    case 'GRPCRoute':
    case 'TLSRoute':
    case 'TCPRoute':
    case 'UDPRoute': {
      const r = parseLenient(RouteSchema, object, path, kind, diagnostics);
      if (r) {
        const route = withNamespace(r);
        out.model = { type: 'Route', route: { kind, object: route, namespace: route.metadata.namespace!, name: route.metadata.name ?? '', creationTimestamp: orderingTimestamp(route.metadata, timestamp) } };
      }
      break;
    }
    case 'BackendTrafficPolicy': {
      const p = readPolicy(object, path, index, options, diagnostics, timestamp);
      if (p) out.model = { type: 'Policy', policy: p };
      break;
    }
    case 'ReferenceGrant': {
      const g = parseLenient(ReferenceGrantSchema, object, path, kind, diagnostics);
      if (g) out.model = { type: 'ReferenceGrant', grant: withNamespace(g) };
      break;
    }
    case 'Namespace': {
      const n = parseLenient(NamespaceSchema, object, path, kind, diagnostics);
      if (n) out.model = { type: 'Namespace', namespace: n };
      break;
    }
    case 'GatewayClass': {
      const c = parseLenient(GatewayClassSchema, object, path, kind, diagnostics);
      if (c) out.model = { type: 'GatewayClass', gatewayClass: c };
      break;
    }
    case 'ConfigMap': {
      const c = parseLenient(ConfigMapSchema, object, path, kind, diagnostics);
      if (c) out.model = { type: 'ConfigMap', configMap: withNamespace(c) };
      break;
    }
    case 'Secret': {
      const c = parseLenient(SecretSchema, object, path, kind, diagnostics);
      if (c) out.model = { type: 'Secret', secret: withNamespace(c) };
      break;
    }
    case 'Service':
      parseLenient(ServiceSchema, object, path, kind, diagnostics);
      break;
    default:
      return undefined; // kinds resolution does not use are ignored
  }
  return out;
}

/**
 * Validate a policy as the API server would (findings become diagnostics) and keep what the
 * translator reads. Only a structurally broken policy (wrong types: Envoy Gateway could not even
 * decode it) is dropped.
 */
function readPolicy(raw: unknown, path: string, index: number, options: EffectiveOptions, diagnostics: Diagnostic[], timestamp: TimestampRead | undefined): PolicyInput | undefined {
  const object = options.fieldNameMatching === 'caseInsensitive' ? canonicalizeFieldNames(BackendTrafficPolicySchema, raw) : raw;
  const meta = (object as { metadata?: Record<string, unknown> }).metadata;
  const ref = objectRef('BackendTrafficPolicy', meta);
  // `object` is plain data already (read at the boundary): one walk and one zod parse per policy.
  let check: ReturnType<typeof checkPlainData<typeof BackendTrafficPolicySchema>>;
  try {
    check = checkPlainData(BackendTrafficPolicySchema, object, 'warn');
  } catch (err) {
    diagnostics.push({ severity: 'error', path, message: `policy ignored: it could not be validated (${describeThrown(err)})`, object: ref });
    return undefined;
  }
  const { result: checked, cleaned: withoutUnknown } = check;
  const prefix = path ? `${path}.` : '';
  for (const w of checked.warnings) diagnostics.push({ severity: 'warning', path: prefix + w.path, message: w.message, object: ref });
  if (!checked.success) {
    for (const issue of checked.issues) {
      if (issue.code === 'celSkipped') continue;
      diagnostics.push({ severity: 'error', path: prefix + issue.path, message: issue.message, object: ref });
    }
    if (checked.issues.some((i) => i.code === 'type' && i.path.startsWith('spec')) || checked.issues.some((i) => i.path === 'spec' && i.code === 'required')) {
      diagnostics.push({ severity: 'error', path, message: 'policy ignored: its spec has values of the wrong type', object: ref });
      return undefined;
    }
    if (checked.issues.some((i) => i.path.startsWith('metadata'))) return undefined;
  }
  const cleaned = withoutUnknown as {
    metadata?: { name?: string; namespace?: string; generation?: number; creationTimestamp?: unknown };
    spec?: BackendTrafficPolicySpecInput;
  };
  const policy: PolicyInput = {
    namespace: cleaned.metadata?.namespace || DEFAULT_NAMESPACE,
    name: cleaned.metadata?.name ?? '',
    creationTimestamp: orderingTimestamp(cleaned.metadata, timestamp),
    spec: cleaned.spec ?? ({} as BackendTrafficPolicySpecInput),
    index,
  };
  if (typeof cleaned.metadata?.generation === 'number') policy.generation = cleaned.metadata.generation;
  return policy;
}
