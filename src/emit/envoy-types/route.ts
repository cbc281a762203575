/**
 * `envoy.config.route.v3`: the route configuration of a listener and what its routes carry, with
 * the fields `emitEnvoy` sets.
 */
import type { Any, Duration, FractionalPercent, Int64, Metadata, RegexMatcher, StringMatcher, TypedExtensionConfig } from './core.js';

/** `RouteConfiguration`: one per gateway listener with HTTP routes. */
export type RouteConfiguration = {
  name: string;
  ignorePortInHostMatching: boolean;
  virtualHosts: VirtualHost[];
};

/** `VirtualHost`: one per hostname of the listener. */
export type VirtualHost = {
  name: string;
  domains: string[];
  metadata: Metadata;
  routes: Route[];
};

/** `Route`: one per (route rule match × hostname). */
export type Route = {
  name: string;
  match: RouteMatch;
  /** Forwarding routes. */
  route?: RouteAction;
  /** Routes whose policy failed translation, or rules without backends. */
  directResponse?: { status: number };
  metadata?: Metadata;
  /** Per-filter configuration, by HCM filter name. */
  typedPerFilterConfig?: { [filterName: string]: Any };
  requestHeadersToRemove?: string[];
  responseHeadersToRemove?: string[];
  tracing?: Tracing;
  statPrefix?: string;
};

/** `RouteMatch`: one path specifier, then header and query-parameter matchers. */
export type RouteMatch = {
  prefix?: string;
  path?: string;
  safeRegex?: RegexMatcher;
  pathSeparatedPrefix?: string;
  connectMatcher?: Record<string, never>;
  headers?: HeaderMatcher[];
  queryParameters?: QueryParameterMatcher[];
};

/** `HeaderMatcher`. */
export type HeaderMatcher = { name: string; stringMatch: StringMatcher };

/** `QueryParameterMatcher`. */
export type QueryParameterMatcher = { name: string; stringMatch: StringMatcher };

/** `RouteAction`. */
export type RouteAction = {
  cluster?: string;
  weightedClusters?: WeightedCluster;
  clusterNotFoundResponseCode?: 'SERVICE_UNAVAILABLE' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR';
  upgradeConfigs?: UpgradeConfig[];
  retryPolicy?: RetryPolicy;
  timeout?: Duration;
  idleTimeout?: Duration;
  maxStreamDuration?: { maxStreamDuration: Duration };
  hashPolicy?: HashPolicy[];
};

/** `WeightedCluster`: the per-backend clusters of a split rule. */
export type WeightedCluster = {
  clusters: Array<{ name: string; weight: number }>;
  useHashPolicy?: boolean;
};

/** `RouteAction.UpgradeConfig`. */
export type UpgradeConfig = { upgradeType: string; connectConfig?: Record<string, never> };

/** `RetryPolicy`. */
export type RetryPolicy = {
  retryOn: string;
  retriableStatusCodes?: number[];
  numRetries: number;
  perTryTimeout?: Duration;
  retryBackOff?: { baseInterval: Duration; maxInterval?: Duration };
  retryHostPredicate: TypedExtensionConfig[];
  hostSelectionRetryMaxAttempts: Int64;
  retryPriority?: TypedExtensionConfig<{ updateFrequency: number }>;
};

/** `RouteAction.HashPolicy`: what consistent hashing hashes. */
export type HashPolicy =
  | { connectionProperties: { sourceIp: boolean } }
  | { header: { headerName: string } }
  | { cookie: { name: string; ttl?: Duration; attributes?: Array<{ name: string; value: string }> } }
  | { queryParameter: { name: string } };

/** `Tracing` of a route. */
export type Tracing = {
  clientSampling: FractionalPercent;
  randomSampling?: FractionalPercent;
  overallSampling?: FractionalPercent;
  customTags?: CustomTag[];
  operation?: string;
  upstreamOperation?: string;
};

/**
 * `envoy.type.tracing.v3.CustomTag`: one value source. `value` (a formatter string) is a newer
 * member of the `type` oneof.
 */
export type CustomTag = { tag: string } & (
  | { literal: { value: string } }
  | { environment: { name: string; defaultValue?: string } }
  | { requestHeader: { name: string; defaultValue?: string } }
  | { value: string }
);
