/** The public shapes of resolution: options in, `Resolution` out (see docs/resolution.md). */
import type { PolicyAncestorStatus } from '../model/policy-status.js';
import type { PolicyAttachments, PolicyOutcome } from './policy-outcomes.js';
import type { resolvePolicies } from './resolve-policies.js';

/** Options of {@link resolvePolicies}. Every field is optional. */
export interface ResolveOptions {
  /** Written into every ancestor status. Default `gateway.envoyproxy.io/gatewayclass-controller`. */
  controllerName?: string;
  /**
   * How policies (and gateways, routes, …) are ordered for every tie: `'creationTimestamp'` (then
   * namespace, then name — the Envoy Gateway controller's order; default) or `'input'` (the given
   * order, as Envoy Gateway's golden tests use).
   */
  order?: 'creationTimestamp' | 'input';
  /** When set, every condition gets `lastTransitionTime` = this instant (RFC 3339). */
  now?: string | Date;
  /**
   * How BackendTrafficPolicy field names are matched. `'exact'` (default) is the API server's
   * behaviour: a misspelled or miscased field is unknown, dropped and reported in `diagnostics`.
   * `'caseInsensitive'` is Envoy Gateway's file loader (Go `encoding/json`): `targetrefs` fills
   * `targetRefs`. Resource-bundle keys (`httpRoutes`, `HTTPRoutes`, …) always match case-insensitively.
   */
  fieldNameMatching?: 'exact' | 'caseInsensitive';
  /**
   * Which namespaces exist. `'inferred'` (default): every namespace an object lives in, as in a
   * cluster or Envoy Gateway's file loader. `'declared'`: only those given as Namespace objects — a
   * route in any other namespace attaches to no listener (Envoy Gateway's translator looks the
   * Namespace up; its golden tests declare only `envoy-gateway` and `default`).
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
}

/** One BackendTrafficPolicy as Envoy Gateway would list it, with the status it would write. */
export interface PolicyResult {
  ref: { group: 'gateway.envoyproxy.io'; kind: 'BackendTrafficPolicy'; namespace: string; name: string };
  /** Exactly as Envoy Gateway would write it; `ancestors: null` when no ancestor was produced. */
  status: { ancestors: PolicyAncestorStatus[] | null };
}

/** Effective settings of one route rule, in Envoy Gateway's IR vocabulary (durations in ms, sizes in bytes). */
export type ResolvedTraffic = Record<string, unknown>;

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
   * and frozen (see {@link PolicyOutcome}).
   */
  outcomes: readonly PolicyOutcome[];
}

/**
 * The answer of {@link resolvePolicies}: policies with their status, route rules with their settings, diagnostics.
 * It is read-only data: route entries shaped by the same policy share its `traffic` and `provenance`
 * objects, and entries share their `gateway`/`route` refs; those shared parts are frozen, so an edit
 * of one entry can never show up in another. Copy (e.g. `structuredClone`) before changing anything.
 */
export interface Resolution {
  policies: PolicyResult[];
  routes: RouteResult[];
  diagnostics: Diagnostic[];
  /**
   * Every BackendTrafficPolicy resolution read (the first object of each name, in input order),
   * with what became of each of its targets — including those Envoy Gateway does not list in
   * `policies` (a policy whose selectors select nothing).
   */
  attachments: PolicyAttachments[];
}
