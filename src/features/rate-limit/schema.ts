/**
 * `spec.rateLimit`: request rate limits on a route. `global` rules become descriptors checked
 * against Envoy Gateway's external rate limit service (shared across every Envoy replica); `local`
 * rules become Envoy's in-process `local_ratelimit` filter (a token bucket per replica). Both use
 * the same rule type; what the local variant cannot do is rejected by CEL on `local.rules`.
 */
import * as z from 'zod';
import { has, int64, k8sArray, k8sEnum, k8sString, withRules } from '../../model/crd.js';
import { annotate } from '../../model/registry.js';

// Header and query-parameter conditions have the same shape (Go's HeaderMatch / QueryParamMatch);
// a factory keeps them separate schema instances so each can carry its own documentation.
const nameValueMatch = () =>
  z.object({
    type: k8sEnum(['Exact', 'RegularExpression', 'Distinct']).default('Exact'),
    name: k8sString({ minLength: 1, maxLength: 256 }),
    value: k8sString({ maxLength: 1024 }).optional(),
    invert: z.boolean().default(false),
  });

/**
 * A request-header condition of a client selector. `Distinct` gives every distinct header value its
 * own bucket instead of matching one value.
 */
export const HeaderMatchSchema = nameValueMatch();
export type HeaderMatch = z.infer<typeof HeaderMatchSchema>;

/** A query-parameter condition of a client selector; same semantics as {@link HeaderMatchSchema}. */
export const QueryParamMatchSchema = nameValueMatch();
export type QueryParamMatch = z.infer<typeof QueryParamMatchSchema>;

/** An HTTP-method condition of a client selector. */
export const MethodMatchSchema = z.object({
  value: k8sEnum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']),
  invert: z.boolean().default(false),
});
export type MethodMatch = z.infer<typeof MethodMatchSchema>;

/**
 * A request-path condition of a client selector. `value` is both required and defaulted in the
 * CRD: the API server fills in `/` before it checks `required`, so omitting it is valid.
 */
export const PathMatchSchema = z.object({
  type: k8sEnum(['Exact', 'PathPrefix', 'RegularExpression']).default('PathPrefix'),
  value: k8sString({ maxLength: 1024 }).default('/'),
  invert: z.boolean().default(false),
});
export type PathMatch = z.infer<typeof PathMatchSchema>;

/** A client-address condition (a CIDR). `Distinct` gives each client IP in the range its own bucket. */
export const SourceMatchSchema = z.object({
  type: k8sEnum(['Exact', 'Distinct']).default('Exact'),
  value: k8sString({ minLength: 1, maxLength: 256 }),
  invert: z.boolean().default(false),
});
export type SourceMatch = z.infer<typeof SourceMatchSchema>;

/** One client selector: all of its conditions must match for the rule's limit to apply. */
export const RateLimitSelectConditionSchema = withRules(
  z.object({
    headers: k8sArray(HeaderMatchSchema, { maxItems: 128 }).optional(),
    methods: z.array(MethodMatchSchema).optional(),
    path: PathMatchSchema.optional(),
    sourceCIDR: SourceMatchSchema.optional(),
    queryParams: k8sArray(QueryParamMatchSchema, { maxItems: 16 }).optional(),
  }),
  [
    {
      message: 'at least one of headers, methods, path, sourceCIDR or queryParams must be specified',
      test: (s) => has(s.headers) || has(s.methods) || has(s.path) || has(s.sourceCIDR) || has(s.queryParams),
    },
  ],
);
export type RateLimitSelectCondition = z.infer<typeof RateLimitSelectConditionSchema>;

/** Where a value is read from in Envoy's dynamic metadata (`namespace` is the filter name). */
export const RateLimitMetadataSchema = z.object({
  namespace: z.string(),
  key: z.string(),
});
export type RateLimitMetadata = z.infer<typeof RateLimitMetadataSchema>;

/**
 * How much one request (or response) takes from the bucket: a fixed number, or a number read from
 * dynamic metadata (e.g. tokens counted by an AI gateway filter).
 */
export const RateLimitCostSpecifierSchema = withRules(
  z.object({
    from: k8sEnum(['Number', 'Metadata']),
    number: int64().optional(),
    metadata: RateLimitMetadataSchema.optional(),
  }),
  [{ message: 'only one of number or metadata can be specified', test: (c) => !(has(c.number) && has(c.metadata)) }],
);
export type RateLimitCostSpecifier = z.infer<typeof RateLimitCostSpecifierSchema>;

/** Request cost is charged on the way in; response cost on the way out (global limits only). */
export const RateLimitCostSchema = z.object({
  request: RateLimitCostSpecifierSchema.optional(),
  response: RateLimitCostSpecifierSchema.optional(),
});
export type RateLimitCost = z.infer<typeof RateLimitCostSchema>;

/** The budget: `requests` per `unit`, optionally overridden per request from dynamic metadata. */
export const RateLimitValueSchema = z.object({
  requests: int64({ minimum: 0, maximum: 4294967295 }),
  unit: k8sEnum(['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month', 'Year']),
  fromMetadata: z
    .object({
      namespace: k8sString({ minLength: 1 }),
      key: k8sString({ minLength: 1 }),
    })
    .optional(),
});
export type RateLimitValue = z.infer<typeof RateLimitValueSchema>;

/**
 * One rate limit rule, shared by `global` and `local`. Without selectors the limit applies to all
 * traffic of the route; `shared` makes one bucket span every route the policy targets.
 */
export const RateLimitRuleSchema = z.object({
  clientSelectors: k8sArray(RateLimitSelectConditionSchema, { maxItems: 8 }).optional(),
  limit: RateLimitValueSchema,
  cost: RateLimitCostSchema.optional(),
  shared: z.boolean().optional(),
  shadowMode: z.boolean().optional(),
  xRateLimitHeaders: k8sEnum(['Off', 'DraftVersion03']).optional(),
});
export type RateLimitRule = z.infer<typeof RateLimitRuleSchema>;

/** Limits enforced by the external rate limit service, consistent across Envoy replicas. */
export const GlobalRateLimitSchema = z.object({
  rules: k8sArray(RateLimitRuleSchema, { maxItems: 256 }),
});
export type GlobalRateLimit = z.infer<typeof GlobalRateLimitSchema>;

/**
 * Limits enforced inside each Envoy replica. Envoy's local limiter has no response phase and no
 * per-request limit override, hence the two rules.
 */
export const LocalRateLimitSchema = z.object({
  rules: withRules(k8sArray(RateLimitRuleSchema, { maxItems: 16 }), [
    {
      message: 'response cost is not supported for Local Rate Limits',
      test: (rules) => rules.every((r) => !has(r?.cost) || !has(r.cost?.response)),
    },
    {
      message: 'limit fromMetadata is not supported for Local Rate Limits',
      // `r.limit.fromMetadata` errors in CEL when the required `limit` is missing: a failed rule.
      test: (rules) => rules.every((r) => has(r?.limit) && !has(r.limit.fromMetadata)),
    },
  ]).optional(),
});
export type LocalRateLimit = z.infer<typeof LocalRateLimitSchema>;

/** `spec.rateLimit`: global and/or local limits (both may be set at once). */
export const RateLimitSpecSchema = z.object({
  type: annotate(k8sEnum(['Global', 'Local']).optional(), {
    deprecated: true,
    description: 'Deprecated: the presence of global and/or local decides the kind of limit.',
  }),
  global: GlobalRateLimitSchema.optional(),
  local: LocalRateLimitSchema.optional(),
});
export type RateLimitSpec = z.infer<typeof RateLimitSpecSchema>;

/** Seconds per rate-limit unit; 0 for an unknown unit (as Envoy Gateway's `ratelimitUnitToDuration`). */
export function rateLimitUnitSeconds(unit: unknown): number {
  switch (unit) {
    case 'Second':
      return 1;
    case 'Minute':
      return 60;
    case 'Hour':
      return 3600;
    case 'Day':
      return 86400;
    case 'Week':
      return 604800;
    case 'Month':
      return 2592000;
    case 'Year':
      return 31536000;
    default:
      return 0;
  }
}
