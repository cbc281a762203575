/** The public shapes of resolution: options in, `Resolution` out (see docs/resolution.md). */
import type { ValidationIssue } from '../model/issues.js';
import type { PolicyAncestorStatus } from '../model/policy-status.js';
import type { ResolvedTraffic as FeatureTraffic } from '../features/registry.js';
import type { PolicyAttachments, PolicyOutcome } from './policy-outcomes.js';
import type { resolvePolicies } from './resolve-policies.js';

/**
 * Whose reading of the manifests resolution reproduces (see docs/compatibility.md):
 *
 * - `'cluster'` (default): what a cluster holds after `kubectl apply` of them. Every object first
 *   passes the API server: nulls dropped, `status` ignored, `apiVersion`, `kind` and `metadata`
 *   checked; a BackendTrafficPolicy is pruned, defaulted and validated against its CRD. Rejected
 *   objects are left out (`Resolution.rejected`); an object given twice is the last one.
 * - `'harness'`: Envoy Gateway's golden test harness, which loads the files straight into the
 *   translator: no defaults, field names matched case-insensitively, the first of two objects of
 *   one name wins, only declared namespaces exist, ties broken by input order.
 *
 * `order`, `fieldNameMatching` and `namespaces` override what the profile says.
 */
export type Profile = 'cluster' | 'harness';

/**
 * One Kubernetes object as {@link resolvePolicies} reads it: `kind` says what it is (kinds the
 * library does not use are ignored), the other fields are read as that kind's schema says. Listed
 * are the fields the kinds it reads have; `kind: List` (and `<Kind>List`) objects hold `items`.
 */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Readonly<Record<string, string>>;
    annotations?: Readonly<Record<string, string>>;
    creationTimestamp?: string | Date;
    generation?: number;
  } | null;
  spec?: unknown;
  status?: unknown;
  /** `List` objects. */
  items?: readonly unknown[];
  /** ConfigMaps and Secrets. */
  data?: unknown;
  binaryData?: unknown;
  /** Secrets. */
  type?: string;
}

/**
 * An Envoy Gateway resource bundle, the shape of its `*.in.yaml` test inputs: one list per kind,
 * keys matched case-insensitively (`httpRoutes`, `HTTPRoutes`); objects in a list may leave out
 * their `kind`. Other keys are ignored.
 */
export interface ResourceBundle {
  gateways?: readonly KubernetesObject[];
  gatewayClasses?: readonly KubernetesObject[];
  listenerSets?: readonly KubernetesObject[];
  xListenerSets?: readonly KubernetesObject[];
  httpRoutes?: readonly KubernetesObject[];
  grpcRoutes?: readonly KubernetesObject[];
  tlsRoutes?: readonly KubernetesObject[];
  tcpRoutes?: readonly KubernetesObject[];
  udpRoutes?: readonly KubernetesObject[];
  backendTrafficPolicies?: readonly KubernetesObject[];
  referenceGrants?: readonly KubernetesObject[];
  namespaces?: readonly KubernetesObject[];
  services?: readonly KubernetesObject[];
  configMaps?: readonly KubernetesObject[];
  secrets?: readonly KubernetesObject[];
  [key: string]: unknown;
}

/**
 * What {@link resolvePolicies} takes: an array of Kubernetes objects of any kinds (`List`s
 * flattened; an array straight from a YAML loader, typed `unknown[]`, is fine), a single object (a
 * `List`, say), or an Envoy Gateway resource bundle. Anything else is accepted at runtime too and
 * reported in `diagnostics`: it never throws.
 */
export type ResolveInput = readonly KubernetesObject[] | readonly unknown[] | KubernetesObject | ResourceBundle;

/** Options of {@link resolvePolicies}. Every field is optional. */
export interface ResolveOptions {
  /** Whose reading of the manifests to reproduce: a cluster's (default) or Envoy Gateway's test harness. */
  profile?: Profile;
  /**
   * The controller's name, as Envoy Gateway uses it twice: written into every ancestor status, and
   * the GatewayClass `controllerName` whose Gateways it programs (a Gateway whose class is in the
   * input under another name is left out, with a warning; one whose class is not in the input is
   * taken to be ours). Default `gateway.envoyproxy.io/gatewayclass-controller`.
   */
  controllerName?: string;
  /**
   * How policies (and gateways, routes, …) are ordered for every tie: `'creationTimestamp'` (then
   * namespace, then name — the Envoy Gateway controller's order; the cluster profile's) or
   * `'input'` (the given order, as Envoy Gateway's golden tests use; the harness profile's).
   */
  order?: 'creationTimestamp' | 'input';
  /**
   * When set, every condition gets `lastTransitionTime` = this instant: a valid `Date` (written as
   * `toISOString()`) or an RFC 3339 string (written as given). Anything else gets a warning in
   * `diagnostics` and no `lastTransitionTime`.
   */
  now?: string | Date;
  /**
   * How BackendTrafficPolicy field names are matched. `'exact'` (the cluster profile's) is the API
   * server's behaviour: a misspelled or miscased field is unknown, dropped and reported in
   * `diagnostics`. `'caseInsensitive'` (the harness profile's) is Envoy Gateway's file loader (Go
   * `encoding/json`): `targetrefs` fills `targetRefs`. Resource-bundle keys (`httpRoutes`,
   * `HTTPRoutes`, …) always match case-insensitively.
   */
  fieldNameMatching?: 'exact' | 'caseInsensitive';
  /**
   * Which namespaces exist. `'inferred'` (the cluster profile's): every namespace an object lives
   * in, as in a cluster or Envoy Gateway's file loader. `'declared'` (the harness profile's): only
   * those given as Namespace objects — a route in any other namespace attaches to no listener
   * (Envoy Gateway's translator looks the Namespace up; its golden tests declare only
   * `envoy-gateway` and `default`).
   */
  namespaces?: 'inferred' | 'declared';
}

/** A namespaced object's identity. */
export interface ObjectRef {
  namespace: string;
  name: string;
}

/** A finding about the input that did not stop resolution: an ignored object, a CRD rule the API server would enforce, an unknown field. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Where in the input, e.g. `[3].spec.retry.numRetries` or `backendTrafficPolicies[0].spec.timeout`. */
  path: string;
  message: string;
  object?: { kind: string; namespace?: string; name?: string };
  /** For an object the API server refuses: its error, which `formatIssue` prints as kubectl shows it. */
  issue?: ValidationIssue;
}

/**
 * An object the API server would refuse (cluster profile): it is not resolved. `issues` are the
 * server's errors (`formatIssue` prints each as kubectl does), `message` the whole refusal.
 */
export interface RejectedObject {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  /** Where in the input, e.g. `[3]` or `backendTrafficPolicies[0]`. */
  path: string;
  issues: ValidationIssue[];
  /** The API server's message: `BackendTrafficPolicy.gateway.envoyproxy.io "x" is invalid: …`. */
  message: string;
}

/** One BackendTrafficPolicy as Envoy Gateway would list it, with the status it would write. */
export interface PolicyResult {
  ref: { group: 'gateway.envoyproxy.io'; kind: 'BackendTrafficPolicy'; namespace: string; name: string };
  /** Exactly as Envoy Gateway would write it; `ancestors: null` when no ancestor was produced. */
  status: { ancestors: PolicyAncestorStatus[] | null };
}

/**
 * Effective settings of one route rule, in Envoy Gateway's IR vocabulary (durations in ms, sizes in
 * bytes): one optional key per feature (`retry`, `timeout`, …), typed by the feature's resolved form.
 */
export type ResolvedTraffic = FeatureTraffic;

/** One route rule on one gateway listener: the policies that shaped it and its effective settings. */
export interface RouteResult {
  gateway: ObjectRef;
  /** The listener's name (a ListenerSet listener's own name). */
  listener: string;
  listenerSet?: ObjectRef;
  route: { kind: string; namespace: string; name: string };
  /** 0 for TCP/UDP/TLS routes, which Envoy Gateway treats as one unit. */
  ruleIndex: number;
  ruleName?: string;
  /** Hostnames the route serves on this listener (`['*']` when neither names one). */
  hostnames: string[];
  /** The HTTPRoute rule's own `timeouts.request`, in milliseconds (Gateway API; it wins over a BTP's). */
  timeout?: number;
  /** The HTTPRoute rule's own Gateway API `retry`, in the shape of `traffic.retry` (it wins over a BTP's). */
  retry?: { numRetries?: number; retryOn?: { httpStatusCodes?: number[] }; perRetry?: { backOff?: { baseInterval?: number } } };
  /** The rule's Gateway API `matches` and `backendRefs`, as written (for emitting Envoy routes). */
  matches?: unknown[];
  backendRefs?: unknown[];
  /** BTPs that shaped this rule (Envoy Gateway's IR route `metadata.policies`). */
  policies: ObjectRef[];
  traffic?: ResolvedTraffic;
  /** For TCP/TLS/UDP routes: Envoy Gateway copies BTP settings onto the route itself. */
  useClientProtocol?: boolean;
  /** Set when the applying policy failed translation: Envoy answers every request with this status. */
  directResponse?: { statusCode: number };
  /** The route's stat prefix from `telemetry.metrics.routeStatName`, operators substituted. */
  statName?: string;
  /** Response headers Envoy strips on this route (a route-level BackendUtilization balancer's ORCA load reports). */
  removeResponseHeaders?: string[];
  /** Leaf path in `traffic` (e.g. `circuitBreaker.maxConnections`) → the policy that supplied it. */
  provenance: Record<string, ObjectRef>;
  /**
   * Every policy that reaches this entry and what it did here (applied, merged, overridden,
   * conflicted, invalid), in the order resolution reached it: most specific scope first. Shared
   * and frozen (see {@link PolicyOutcome}). Of the policies that lost one target (a rule, route,
   * listener, ListenerSet or Gateway), only the oldest 16 are listed; a warning
   * names each target past that limit (docs/security.md).
   */
  outcomes: readonly PolicyOutcome[];
}

/**
 * A route entry as the emitters read it: a {@link RouteResult}, whose `outcomes` (they only explain
 * the entry) a hand-built entry may leave out.
 */
export type RouteEntryInput = Omit<RouteResult, 'outcomes'> & Partial<Pick<RouteResult, 'outcomes'>>;

/** What the emitters read of a {@link Resolution}: its route entries. A `Resolution` is one. */
export interface RoutesInput {
  routes: readonly RouteEntryInput[];
}

/**
 * The answer of {@link resolvePolicies}: policies with their status, route rules with their settings, diagnostics.
 * It is read-only data, and route entries share parts: the `traffic`, `provenance`, `policies` and
 * `outcomes` of the policies that shaped them and their `gateway`/`route` refs, all frozen; and their route's own
 * lists, as the route gave them (`hostnames` within a listener, a rule's `matches` and `backendRefs`
 * across listeners), not frozen, so an edit of one of those would show up in other entries. Copy
 * (e.g. `structuredClone`) before changing anything. (A resolver's results are frozen whole.)
 */
export interface Resolution {
  policies: PolicyResult[];
  routes: RouteResult[];
  diagnostics: Diagnostic[];
  /** Objects the API server would refuse, never resolved (always set by `resolvePolicies`; empty in the harness profile). */
  rejected?: RejectedObject[];
  /**
   * Every BackendTrafficPolicy resolution read (the first object of each name, in input order),
   * with what became of each of its targets — including those Envoy Gateway does not list in
   * `policies` (a policy whose selectors select nothing).
   */
  attachments: PolicyAttachments[];
}
