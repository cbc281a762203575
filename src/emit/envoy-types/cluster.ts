/**
 * `envoy.config.cluster.v3.Cluster` and the messages inside it, with the fields `emitEnvoy` sets.
 */
import type { Any, Duration, Int64, Int64Range, Metadata, Percent, TypedExtensionConfig } from './core.js';
import type { HttpFilter } from './http-filters.js';

/** The type URL key of the upstream HTTP protocol options in `Cluster.typed_extension_protocol_options`. */
export const HTTP_PROTOCOL_OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

/** `Cluster.DnsLookupFamily` (the same names in `envoy.extensions.clusters.dns.v3.DnsCluster` and the DNS cache). */
export type DnsLookupFamily = 'AUTO' | 'V4_ONLY' | 'V6_ONLY' | 'V4_PREFERRED' | 'ALL';

/** `Cluster`: one per route rule (or per backend of a split rule). */
export type Cluster = {
  name: string;
  connectTimeout: Duration;
  perConnectionBufferLimitBytes: number;
  circuitBreakers: CircuitBreakers;
  commonLbConfig: { healthyPanicThreshold?: Percent };
  dnsLookupFamily: DnsLookupFamily;
  ignoreHealthOnHostRemoval: boolean;
  loadBalancingPolicy: LoadBalancingPolicy;
  metadata: Metadata;
  /** IP backends: endpoints from EDS. */
  type?: 'EDS';
  edsClusterConfig?: { serviceName: string; edsConfig: { ads: Record<string, never>; resourceApiVersion: 'V3' } };
  /** FQDN backends (a DNS cluster) and DynamicResolver backends (the dynamic forward proxy). */
  clusterType?: CustomClusterType;
  transportSocket?: TransportSocket;
  healthChecks?: HealthCheck[];
  outlierDetection?: OutlierDetection;
  upstreamConnectionOptions?: { tcpKeepalive: TcpKeepalive };
  preconnectPolicy?: { perUpstreamPreconnectRatio?: number; predictivePreconnectRatio?: number };
  typedExtensionProtocolOptions?: { [HTTP_PROTOCOL_OPTIONS]?: Any<HttpProtocolOptions> };
};

/** `Cluster.CustomClusterType`, by extension name. */
export type CustomClusterType =
  | { name: 'envoy.cluster.dns'; typedConfig: Any<DnsCluster> }
  | { name: 'envoy.clusters.dynamic_forward_proxy'; typedConfig: Any<DynamicForwardProxyClusterConfig> };

/** `envoy.extensions.clusters.dns.v3.DnsCluster`. */
export type DnsCluster = { dnsLookupFamily?: DnsLookupFamily; dnsRefreshRate?: Duration; respectDnsTtl?: boolean };

/** `envoy.extensions.clusters.dynamic_forward_proxy.v3.ClusterConfig`. */
export type DynamicForwardProxyClusterConfig = {
  dnsCacheConfig?: { name: string; dnsLookupFamily: DnsLookupFamily; dnsRefreshRate: Duration };
};

/** `envoy.config.core.v3.TransportSocket`. */
export type TransportSocket = { name: string; typedConfig: Any };

/** `CircuitBreakers`. */
export type CircuitBreakers = { thresholds: Thresholds[]; perHostThresholds?: Thresholds[] };

/** `CircuitBreakers.Thresholds`. */
export type Thresholds = {
  maxConnections?: number;
  maxPendingRequests?: number;
  maxRequests?: number;
  maxRetries?: number;
  retryBudget?: { budgetPercent?: Percent; minRetryConcurrency?: number };
};

/** `LoadBalancingPolicy`: the first policy Envoy supports is used. */
export type LoadBalancingPolicy = { policies: Array<{ typedExtensionConfig: TypedExtensionConfig }> };

/** `envoy.extensions.load_balancing_policies.common.v3.LocalityLbConfig`. */
export type LocalityLbConfig =
  | { localityWeightedLbConfig: Record<string, never> }
  | { zoneAwareLbConfig: { minClusterSize: Int64; routingEnabled?: Percent; forceLocalZone?: { minSize: number } } };

/** `envoy.extensions.load_balancing_policies.common.v3.SlowStartConfig`. */
export type SlowStartConfig = { slowStartWindow: Duration };

/** `…least_request.v3.LeastRequest`, `…round_robin.v3.RoundRobin`, `…random.v3.Random`. */
export type LocalityBalancer = { localityLbConfig?: LocalityLbConfig; slowStartConfig?: SlowStartConfig };

/** `…maglev.v3.Maglev`. */
export type Maglev = { tableSize?: Int64; localityWeightedLbConfig?: Record<string, never> };

/** `…client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin`. */
export type ClientSideWeightedRoundRobin = {
  blackoutPeriod?: Duration;
  weightExpirationPeriod?: Duration;
  weightUpdatePeriod?: Duration;
  slowStartConfig?: SlowStartConfig;
  /** A `FloatValue`. */
  errorUtilizationPenalty?: number;
  metricNamesForComputingUtilization?: string[];
  enableOobLoadReport?: boolean;
  oobReportingPeriod?: Duration;
  oobReportingConfig?: { portValue?: number; authority?: string };
};

/** `…wrr_locality.v3.WrrLocality`. */
export type WrrLocality = { endpointPickingPolicy: LoadBalancingPolicy };

/** `…override_host.v3.OverrideHost`. */
export type OverrideHost = { overrideHostSources: Array<{ header?: string }>; fallbackPolicy: LoadBalancingPolicy };

/** `envoy.config.core.v3.HealthCheck`. */
export type HealthCheck = {
  timeout: Duration;
  interval: Duration;
  initialJitter?: Duration;
  unhealthyThreshold: number;
  healthyThreshold: number;
  httpHealthCheck?: {
    host?: string;
    path?: string;
    method?: string;
    expectedStatuses?: Int64Range[];
    retriableStatuses?: Int64Range[];
    send?: HealthCheckPayload;
    receive?: HealthCheckPayload[];
  };
  tcpHealthCheck?: { send?: HealthCheckPayload; receive?: HealthCheckPayload[] };
  grpcHealthCheck?: { serviceName?: string };
  alwaysLogHealthCheckFailures?: boolean;
  alwaysLogHealthCheckSuccess?: boolean;
  eventLogger?: Array<TypedExtensionConfig<{ eventLogPath: string }>>;
};

/** `HealthCheck.Payload`: hex text or base64 bytes (`{}` when neither is given). */
export type HealthCheckPayload = { text?: string; binary?: string };

/** `OutlierDetection`. */
export type OutlierDetection = {
  interval?: Duration;
  baseEjectionTime?: Duration;
  splitExternalLocalOriginErrors?: boolean;
  maxEjectionPercent?: number;
  consecutiveLocalOriginFailure?: number;
  consecutive5xx?: number;
  consecutiveGatewayFailure?: number;
  enforcingConsecutiveGatewayFailure?: number;
  failurePercentageThreshold?: number;
  enforcingFailurePercentage?: number;
  alwaysEjectOneHost?: boolean;
};

/** `envoy.config.core.v3.TcpKeepalive`: seconds. */
export type TcpKeepalive = { keepaliveProbes?: number; keepaliveTime?: number; keepaliveInterval?: number };

/** `envoy.extensions.upstreams.http.v3.HttpProtocolOptions`. */
export type HttpProtocolOptions = {
  commonHttpProtocolOptions?: { idleTimeout?: Duration; maxConnectionDuration?: Duration; maxRequestsPerConnection?: number };
  useDownstreamProtocolConfig?: { httpProtocolOptions: Http1ProtocolOptions; http2ProtocolOptions: Http2ProtocolOptions };
  explicitHttpConfig?: { httpProtocolOptions: Http1ProtocolOptions } | { http2ProtocolOptions: Http2ProtocolOptions };
  autoConfig?: { httpProtocolOptions: Http1ProtocolOptions; http2ProtocolOptions: Http2ProtocolOptions };
  upstreamHttpProtocolOptions?: { autoSni?: boolean; autoSanValidation?: boolean };
  /** Upstream HTTP filters, the upstream codec last. */
  httpFilters?: HttpFilter[];
};

/**
 * `envoy.config.core.v3.Http1ProtocolOptions`: copied from the listener's settings
 * (`ListenerSettings.http1ProtocolOptions`), so free JSON here.
 */
export type Http1ProtocolOptions = { [field: string]: unknown };

/** `envoy.config.core.v3.Http2ProtocolOptions`. */
export type Http2ProtocolOptions = {
  initialStreamWindowSize: number;
  initialConnectionWindowSize: number;
  maxConcurrentStreams?: number;
  /** A `BoolValue`: printed even when false. */
  overrideStreamErrorOnInvalidHttpMessage?: boolean;
  connectionKeepalive?: { interval?: Duration; timeout?: Duration; intervalJitter?: Percent; connectionIdleInterval?: Duration };
};

/** `envoy.extensions.filters.http.admission_control.v3.AdmissionControl`. */
export type AdmissionControl = {
  enabled: { defaultValue: boolean };
  samplingWindow?: Duration;
  srThreshold?: { defaultValue: Percent };
  aggression?: { defaultValue: number };
  rpsThreshold?: { defaultValue: number };
  maxRejectionProbability?: { defaultValue: Percent };
  successCriteria: {
    /** Ranges printed as JSON numbers (protojson reads numbers for int64 too). */
    httpCriteria?: { httpSuccessStatus: Array<{ start: number; end: number }> };
    grpcCriteria?: { grpcSuccessStatus: number[] };
  };
};
