/**
 * `loadBalancer`: how Envoy picks an endpoint of the backend cluster (its `lb_policy` and the
 * policy-specific config), plus slow start, locality (zone-aware) routing and endpoint override.
 *
 * The CRD makes this a union on `type` by CEL only: each policy with a settings block
 * (ConsistentHash, BackendUtilization, DynamicModule) requires that block and forbids it for every
 * other type; the same pattern ties `consistentHash.type` to its source field.
 */
import * as z from 'zod';
import { has, int32, int64, k8sArray, k8sEnum, k8sString, stringMap, uniqueBy, withRules } from '../../model/crd.js';
import { DurationSchema } from '../../model/duration.js';
import { parseGoDuration } from '../../values/duration.js';
import { annotate } from '../../model/registry.js';

/** A hash key taken from one request header. */
export const ConsistentHashHeaderSchema = z.object({
  name: z.string(),
});
export type ConsistentHashHeader = z.infer<typeof ConsistentHashHeaderSchema>;

/**
 * A hash key taken from a cookie. When the request lacks it, Envoy generates the cookie with
 * `ttl` and `attributes` so the client sticks to the chosen endpoint from then on.
 */
export const ConsistentHashCookieSchema = z.object({
  name: z.string(),
  ttl: DurationSchema.optional(),
  attributes: stringMap().optional(),
});
export type ConsistentHashCookie = z.infer<typeof ConsistentHashCookieSchema>;

/** A hash key taken from one query parameter. */
export const ConsistentHashQueryParamSchema = z.object({
  name: z.string(),
});
export type ConsistentHashQueryParam = z.infer<typeof ConsistentHashQueryParamSchema>;

export const CONSISTENT_HASH_TYPES = ['SourceIP', 'Header', 'Headers', 'Cookie', 'QueryParams'] as const;

/**
 * Ring-free consistent hashing (Envoy's Maglev) over the chosen request attribute. `tableSize` is
 * the Maglev lookup table size; Envoy wants a prime, which the CRD does not check.
 */
export const ConsistentHashSchema = withRules(
  z.object({
    type: k8sEnum(CONSISTENT_HASH_TYPES),
    header: annotate(ConsistentHashHeaderSchema.optional(), { deprecated: true, description: 'Deprecated: use headers.' }),
    headers: z.array(ConsistentHashHeaderSchema).optional(),
    cookie: ConsistentHashCookieSchema.optional(),
    queryParams: z.array(ConsistentHashQueryParamSchema).optional(),
    tableSize: int64({ minimum: 2, maximum: 5000011 }).default(65537),
  }),
  [
    { message: 'If consistent hash type is header, the header field must be set.', test: (self) => has(self.type) && (self.type === 'Header') === has(self.header) },
    { message: 'If consistent hash type is headers, the headers field must be set.', test: (self) => has(self.type) && (self.type === 'Headers') === has(self.headers) },
    { message: 'If consistent hash type is cookie, the cookie field must be set.', test: (self) => has(self.type) && (self.type === 'Cookie') === has(self.cookie) },
    {
      message: 'If consistent hash type is queryParams, the queryParams field must be set.',
      test: (self) => has(self.type) && (self.type === 'QueryParams') === has(self.queryParams),
    },
  ],
);
export type ConsistentHash = z.infer<typeof ConsistentHashSchema>;

/** CEL `duration(self) > duration('0s')`; a string CEL cannot parse is an evaluation error (fails). */
function isPositiveDuration(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const r = parseGoDuration(value);
  return r.success && r.data > 0;
}

/**
 * Out-of-band ORCA load reports: instead of reading utilization from response headers, Envoy opens
 * a stream to each endpoint (on `port` / `authority` when set) that reports every `reportingPeriod`.
 */
export const BackendUtilizationOutOfBandSchema = z.object({
  reportingPeriod: withRules(DurationSchema, [{ message: 'reportingPeriod must be greater than 0', test: isPositiveDuration }]).optional(),
  port: int32({ minimum: 1, maximum: 65535 }).optional(),
  authority: k8sString({ minLength: 1, maxLength: 259, pattern: /^[^\x00\n\r]*$/ }).optional(),
});
export type BackendUtilizationOutOfBand = z.infer<typeof BackendUtilizationOutOfBandSchema>;

/**
 * Client-side weighted round robin driven by the endpoints' own utilization reports (ORCA), Envoy's
 * `client_side_weighted_round_robin` policy.
 */
export const BackendUtilizationSchema = z.object({
  blackoutPeriod: DurationSchema.optional(),
  weightExpirationPeriod: DurationSchema.optional(),
  weightUpdatePeriod: DurationSchema.optional(),
  errorUtilizationPenaltyPercent: int32({ minimum: 0 }).optional(),
  metricNamesForComputingUtilization: z.array(z.string()).optional(),
  keepResponseHeaders: z.boolean().default(false),
  outOfBand: BackendUtilizationOutOfBandSchema.optional(),
});
export type BackendUtilization = z.infer<typeof BackendUtilizationSchema>;

/** A load-balancing policy implemented by an Envoy dynamic module (not yet documented upstream). */
export const DynamicModuleLoadBalancerSchema = z.object({
  name: k8sString({ minLength: 1, maxLength: 253, pattern: /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/ }),
  lbPolicyName: k8sString({ minLength: 1, maxLength: 253 }),
  /** Free-form in the CRD (`x-kubernetes-preserve-unknown-fields`, no type): any JSON value, kept as written. */
  config: z.unknown().optional(),
});
export type DynamicModuleLoadBalancer = z.infer<typeof DynamicModuleLoadBalancerSchema>;

/** Where to read the endpoint a request asks for (a header carrying `IP:Port[,IP:Port…]`). */
export const EndpointOverrideExtractFromSchema = z.object({
  header: z.string().optional(),
});
export type EndpointOverrideExtractFrom = z.infer<typeof EndpointOverrideExtractFromSchema>;

/**
 * Let requests pick their endpoint (Envoy's `override_host` policy); the configured load balancer
 * is the fallback when no valid endpoint is named.
 */
export const EndpointOverrideSchema = z.object({
  extractFrom: k8sArray(EndpointOverrideExtractFromSchema, { minItems: 1, maxItems: 10 }),
});
export type EndpointOverride = z.infer<typeof EndpointOverrideSchema>;

/** Ramp traffic up over `window` for endpoints that just joined, instead of sending a full share at once. */
export const SlowStartSchema = z.object({
  window: DurationSchema,
});
export type SlowStart = z.infer<typeof SlowStartSchema>;

/** Keep traffic in the local zone even when it holds fewer endpoints than others. */
export const ForceLocalZoneSchema = z.object({
  minEndpointsInZoneThreshold: int32().optional(),
});
export type ForceLocalZone = z.infer<typeof ForceLocalZoneSchema>;

/** Envoy's locality-aware routing: prefer endpoints in the proxy's own zone. */
export const PreferLocalZoneSchema = z.object({
  force: ForceLocalZoneSchema.optional(),
  minEndpointsThreshold: int64().optional(),
  percentageEnabled: int32({ minimum: 0, maximum: 100 }).optional(),
});
export type PreferLocalZone = z.infer<typeof PreferLocalZoneSchema>;

/** The share of traffic one zone receives, relative to the other listed zones. */
export const WeightedZoneSchema = z.object({
  zone: z.string(),
  weight: int32(),
});
export type WeightedZone = z.infer<typeof WeightedZoneSchema>;

/** Zone-aware routing: either prefer the local zone or split by explicit zone weights. */
export const ZoneAwareSchema = z.object({
  preferLocal: PreferLocalZoneSchema.optional(),
  // x-kubernetes-list-type: map, keyed by zone.
  weightedZones: uniqueBy(z.array(WeightedZoneSchema), (w) => w.zone, { mapKey: 'zone' }).optional(),
});
export type ZoneAware = z.infer<typeof ZoneAwareSchema>;

export const LOAD_BALANCER_TYPES = ['ConsistentHash', 'LeastRequest', 'Random', 'RoundRobin', 'BackendUtilization', 'DynamicModule'] as const;

const NO_SLOW_START: readonly string[] = ['Random', 'ConsistentHash', 'DynamicModule'];

/**
 * The load-balancing policy of the backend cluster.
 */
export const LoadBalancerSchema = withRules(
  z.object({
    type: k8sEnum(LOAD_BALANCER_TYPES),
    consistentHash: ConsistentHashSchema.optional(),
    backendUtilization: BackendUtilizationSchema.optional(),
    dynamicModule: annotate(DynamicModuleLoadBalancerSchema.optional(), { description: 'Not implemented by Envoy Gateway yet (hidden in its docs).' }),
    endpointOverride: EndpointOverrideSchema.optional(),
    slowStart: SlowStartSchema.optional(),
    zoneAware: ZoneAwareSchema.optional(),
  }),
  [
    {
      message: 'If LoadBalancer type is consistentHash, consistentHash field needs to be set.',
      test: (self) => has(self.type) && (self.type === 'ConsistentHash') === has(self.consistentHash),
    },
    {
      message: 'If LoadBalancer type is BackendUtilization, backendUtilization field needs to be set.',
      test: (self) => has(self.type) && (self.type === 'BackendUtilization') === has(self.backendUtilization),
    },
    {
      message: 'If LoadBalancer type is DynamicModule, dynamicModule field needs to be set.',
      test: (self) => has(self.type) && (self.type === 'DynamicModule') === has(self.dynamicModule),
    },
    {
      message: 'Currently SlowStart is only supported for RoundRobin, LeastRequest, and BackendUtilization load balancers.',
      test: (self) => has(self.type) && (NO_SLOW_START.includes(self.type) ? !has(self.slowStart) : true),
    },
    {
      // CEL `&&` absorbs the error of an absent type when zoneAware is absent too.
      message: 'PreferLocal zone-aware routing is not supported for ConsistentHash load balancers. Use weightedZones instead.',
      test: (self) => !has(self.zoneAware) || (has(self.type) && (self.type !== 'ConsistentHash' || !has(self.zoneAware?.preferLocal))),
    },
    {
      message:
        'PreferLocal zone-aware routing is not currently supported for BackendUtilization load balancers. Only WeightedZones can be used with BackendUtilization.',
      test: (self) => !has(self.zoneAware) || (has(self.type) && (self.type !== 'BackendUtilization' || !has(self.zoneAware?.preferLocal))),
    },
    {
      message: 'ZoneAware routing is not supported for DynamicModule load balancers.',
      test: (self) => has(self.type) && (self.type === 'DynamicModule' ? !has(self.zoneAware) : true),
    },
    {
      message: 'ZoneAware PreferLocal and WeightedZones cannot be specified together.',
      test: (self) => (has(self.zoneAware) ? !(has(self.zoneAware?.preferLocal) && has(self.zoneAware?.weightedZones)) : true),
    },
    {
      message: 'EndpointOverride is not supported for DynamicModule load balancers.',
      test: (self) => has(self.type) && (self.type === 'DynamicModule' ? !has(self.endpointOverride) : true),
    },
  ],
);
export type LoadBalancer = z.infer<typeof LoadBalancerSchema>;
