/**
 * The contract of a BackendTrafficPolicy feature: one folder under `src/features/` per CRD field
 * (`retry/`, `timeout/`, …) owning everything about that field, and one row in `registry.ts`.
 *
 * A feature has up to four parts, each in its own file of the folder:
 * - `schema.ts`: the zod schema of the spec field(s) with the CRD's defaults, bounds and CEL rules;
 * - `traffic.ts`: the zod schema of the resolved form (Envoy Gateway's IR `traffic.<key>`) and the
 *   translation of a policy spec into it, with the translator's own checks and error messages;
 * - `envoy*.ts`: what the resolved value writes into Envoy's Route, Cluster and HTTP filters, and
 *   which values Envoy's own validation would refuse there;
 * - `index.ts`: the registry row tying them together (see {@link defineFeature}).
 *
 * Specs given to a translation are raw, as Envoy Gateway's translator sees them: structurally
 * typed (objects are objects, numbers are numbers) but NOT defaulted by the API server and NOT
 * checked against the CRD's patterns, bounds or CEL rules (the translator accepts, for example, a
 * `fixedDelay` of `5.4s`). Translations therefore tolerate any string where a Duration or
 * Quantity is expected, and apply Envoy Gateway's own defaults.
 */
import type * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import type { ConfigMap } from '../model/gateway-api.js';
import type { Result } from '../model/result.js';
import type { EmitContext } from '../emit/emit-context.js';
import type { Cluster, HttpFilter, Route } from '../emit/envoy-types/index.js';

export interface TrafficContext {
  /** Identity of the policy being translated (for a merged policy: the route policy), used in IR names. */
  policy: { namespace: string; name: string };
  /** Look up a ConfigMap (responseOverride `valueRef`). */
  configMap: (namespace: string, name: string) => ConfigMap | undefined;
  /**
   * Namespace in which responseOverride `valueRef`s resolve: the policy's own, and for a merged
   * policy the namespace of whichever policy supplied `responseOverride`.
   */
  responseOverrideNamespace: string;
  /**
   * Whether Envoy Gateway has global rate limiting configured (`EnvoyGateway.rateLimit`). When it
   * is not, a policy with `rateLimit.global` fails with `enable Ratelimit in the EnvoyGateway config
   * to configure global rateLimit`. Default `true`: Envoy Gateway's golden translator runs with it
   * enabled (`backendtrafficpolicy-with-ratelimit`, `-with-shared-ratelimit`,
   * `-strategic-merge-global-ratelimit` all show global rules in the IR).
   */
  globalRateLimitEnabled?: boolean;
}

export interface FeatureOutcome<T = unknown> {
  /** The effective value, absent when the feature is unset or dropped. */
  value?: T;
  /** Translator errors, without the feature prefix (e.g. `invalid MaxConnections value 5000000000`). */
  errors?: string[];
}

/** The translation part of a feature (its `traffic.ts`). */
export interface Translation<T = unknown> {
  build(spec: BackendTrafficPolicySpecInput, ctx: TrafficContext): FeatureOutcome<T>;
  /**
   * How a route policy with `mergeType` combines with its parent for this feature, when merging
   * the specs and translating the result is not what Envoy Gateway does. Envoy Gateway translates
   * global rate limits per policy (each rule's descriptor names carry the owning policy's name)
   * and merges the translated rules; a feature with this hook gets the parent's and the route's
   * own translations and returns the merged value, or the error that makes the policy invalid.
   */
  mergeTranslated?(parent: T, route: T, mergeType: string): Result<T>;
}

/**
 * Route-result fields outside `traffic` that Envoy Gateway's IR keeps on the route itself. A
 * feature sets them from the spec that shapes the route; each field has its own rule of
 * application, which the resolver applies (see `resolve/route-fields.ts`).
 */
export interface RouteFieldValues {
  /** `telemetry.metrics.routeStatName`: a template, its operators substituted per route entry. */
  statName: string;
  /** Response headers Envoy strips (ORCA load reports); set only by route- and rule-level policies. */
  removeResponseHeaders: readonly string[];
  /** `useClientProtocol`: HTTP routes only. */
  useClientProtocol: boolean;
}

/** The part of a feature that sets route-result fields outside `traffic`. */
export type RouteFields = (spec: BackendTrafficPolicySpecInput) => Partial<RouteFieldValues> | undefined;

/**
 * Which layer-4 routes take the feature. Envoy Gateway copies only cluster settings onto TCP/TLS
 * routes (and `backendConnection` only from route-level policies), and only load balancing and
 * DNS onto UDP routes; HTTP and GRPC routes take every feature.
 */
export interface Layer4 {
  /** TCP/TLS routes: from policies at any level, or only from route-level ones. */
  tcp?: 'any' | 'route';
  udp?: boolean;
}

/**
 * A value of a feature that Envoy's own validation (the `validate.rules` of its protos) rejects
 * once written into the message: one invalid field makes Envoy refuse the whole resource.
 */
export interface EnvoyRejection {
  /** The field, relative to the feature's value: `abort.httpStatus`, `rules[0].response.statusCode`. */
  field: string;
  /** The rule broken, in Envoy's terms: `HTTPFault.abort.http_status must be in [200, 600), got 14`. */
  message: string;
}

/**
 * A feature's Envoy route part: writes into `envoy.config.route.v3.Route` and asks for HCM filters.
 * Values reach it checked against the feature's `traffic` schema.
 */
export interface RouteEmission<T = unknown> {
  /**
   * Writes the route fields the value controls. The emitter calls it for every HTTP route, with
   * `value` undefined when the route's traffic lacks the key, because some route fields have
   * inputs besides a BackendTrafficPolicy (the HTTPRoute rule's own retry and timeout, the
   * default websocket upgrade, the route's stat name).
   */
  apply(route: Route, value: T | undefined, ctx: EmitContext): void;
  /** HCM filters (`HttpFilter`) this route needs in its listener. */
  httpFilters?(value: T | undefined, ctx: EmitContext): readonly HttpFilter[];
  /**
   * Whether Envoy Gateway fails the whole route for this value: no Envoy route and no cluster
   * (the virtual host it opened for the hostname stays).
   */
  dropsRoute?(value: T | undefined): boolean;
  /**
   * The parts of a value Envoy would reject in what `apply` and `httpFilters` write (values a
   * CRD-invalid policy can carry past the translator). The emitter then leaves the feature out of
   * the route and reports each rejection.
   */
  rejections?(value: T): readonly EnvoyRejection[];
}

/**
 * A feature's Envoy cluster part: writes into `envoy.config.cluster.v3.Cluster`. Values reach it
 * checked against the feature's `traffic` schema.
 */
export interface ClusterEmission<T = unknown> {
  /** Writes the cluster fields the value controls; called only when the route's traffic has the key. */
  apply?(cluster: Cluster, value: T, ctx: EmitContext): void;
  /**
   * Called for every cluster after every feature's `apply`, with or without a value: for settings
   * decided from what the others wrote and from facts outside the policy (the upstream HTTP
   * protocol options block, whose protocol selector depends on the backends and the listener).
   */
  finish?(cluster: Cluster, value: T | undefined, ctx: EmitContext): void;
  /** Whether the value makes Envoy Gateway give each backend its own cluster (zone-aware balancing). */
  perBackend?(value: T): boolean;
  /** As {@link RouteEmission.rejections}, for what `apply` and `finish` write into the cluster. */
  rejections?(value: T): readonly EnvoyRejection[];
}

/**
 * HTTP filters a feature adds, by name prefix (`envoy.filters.http.ratelimit` also covers
 * `envoy.filters.http.ratelimit/<domain>`), with their rank in Envoy Gateway's fixed filter order:
 * lower runs first, ties by name; the router is always last.
 */
export interface FilterRank {
  prefix: string;
  rank: number;
}

/** A registry row: everything the pipeline needs to know about one feature. */
export interface FeatureDefinition<Key extends string = string, Shape extends z.ZodRawShape = z.ZodRawShape, T = unknown> {
  /** The `traffic` key (Envoy Gateway's IR name), e.g. `circuitBreaker`, `backendConnection`. */
  key: Key;
  /** Error prefix Envoy Gateway uses in status messages, e.g. `CircuitBreaker`, `BackendConnection`. */
  errorPrefix: string;
  /** The spec fields the feature owns, as zod object-shape entries (`{ retry: RetrySchema.optional() }`). */
  spec: Shape;
  /**
   * The resolved form (`traffic.<key>`) as a zod schema: exactly what `translation` produces, for
   * every spec the translator accepts (CRD-invalid ones included). Its type is the feature's part of
   * `ResolvedTraffic`; `emitEnvoy` checks each route's value against it before any Envoy part runs.
   */
  traffic: z.ZodType<T>;
  translation: Translation<T>;
  routeFields?: RouteFields;
  layer4?: Layer4;
  route?: RouteEmission<T>;
  cluster?: ClusterEmission<T>;
  filters?: readonly FilterRank[];
}

/**
 * Declares a registry row, keeping its literal key, its spec shape and its `traffic` schema for the
 * derived types; the value type of every other part is the schema's output.
 */
export function defineFeature<const Key extends string, Shape extends z.ZodRawShape, S extends z.ZodType>(
  definition: FeatureDefinition<Key, Shape, NoInfer<z.output<S>>> & { traffic: S },
): FeatureDefinition<Key, Shape, z.output<S>> & { traffic: S } {
  return definition;
}
