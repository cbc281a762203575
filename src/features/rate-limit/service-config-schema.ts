/**
 * The rate limit service's configuration (envoyproxy/ratelimit), in its two forms:
 *
 * - {@link RateLimitConfigSchema}: protojson of `ratelimit.config.ratelimit.v3.RateLimitConfig`,
 *   what an xDS config server (Envoy Gateway) sends the service. lowerCamelCase fields, zero
 *   values left out, units by enum name.
 * - {@link RateLimitServiceFileSchema}: the YAML file the service loads from its runtime
 *   directory (`$RUNTIME_ROOT/$RUNTIME_SUBDIRECTORY/config/*.yaml`), one per domain. snake_case
 *   fields; the loader upper-cases units itself, so any spelling of a unit name is read.
 *
 * Both hold one domain and its descriptor tree: each descriptor is a `key` with an optional
 * `value` (empty: any value, one counter per value), an optional limit, and child descriptors
 * for the entries that follow it in a request's descriptor.
 */
import * as z from 'zod';

/** The units of `RateLimitUnit` the service accepts (its `UNKNOWN` is refused). */
export const RATE_LIMIT_SERVICE_UNITS = ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

const UINT32_MAX = 4294967295;

/** `RateLimitPolicy` in protojson: `requestsPerUnit` per `unit`, or `unlimited`. */
export const RateLimitPolicySchema = z.object({
  unit: z.enum(RATE_LIMIT_SERVICE_UNITS).optional(),
  requestsPerUnit: z.number().int().min(0).max(UINT32_MAX).optional(),
  unlimited: z.boolean().optional(),
  name: z.string().optional(),
  replaces: z.array(z.object({ name: z.string().optional() })).optional(),
});
export type RateLimitPolicy = z.infer<typeof RateLimitPolicySchema>;

/** `RateLimitDescriptor` in protojson. */
export const RateLimitDescriptorSchema = z.object({
  key: z.string(),
  value: z.string().optional(),
  rateLimit: RateLimitPolicySchema.optional(),
  get descriptors() {
    return z.array(RateLimitDescriptorSchema).optional();
  },
  shadowMode: z.boolean().optional(),
  detailedMetric: z.boolean().optional(),
  quotaMode: z.boolean().optional(),
});
export type RateLimitDescriptor = z.infer<typeof RateLimitDescriptorSchema>;

/** `RateLimitConfig` in protojson: one domain (`name` is the domain too, as Envoy Gateway names them). */
export const RateLimitConfigSchema = z.object({
  name: z.string(),
  domain: z.string(),
  descriptors: z.array(RateLimitDescriptorSchema).optional(),
});
export type RateLimitConfig = z.infer<typeof RateLimitConfigSchema>;

/** `rate_limit` of a descriptor in the service's YAML file. */
export const RateLimitServiceLimitSchema = z.object({
  unit: z.string().optional(),
  requests_per_unit: z.number().optional(),
  unlimited: z.boolean().optional(),
  name: z.string().optional(),
  replaces: z.array(z.object({ name: z.string().optional() })).optional(),
});
export type RateLimitServiceLimit = z.infer<typeof RateLimitServiceLimitSchema>;

/** A descriptor in the service's YAML file. */
export const RateLimitServiceDescriptorSchema = z.object({
  key: z.string().optional(),
  value: z.string().optional(),
  rate_limit: RateLimitServiceLimitSchema.optional(),
  get descriptors() {
    return z.array(RateLimitServiceDescriptorSchema).optional();
  },
  shadow_mode: z.boolean().optional(),
  detailed_metric: z.boolean().optional(),
  quota_mode: z.boolean().optional(),
  value_to_metric: z.boolean().optional(),
  share_threshold: z.boolean().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type RateLimitServiceDescriptor = z.infer<typeof RateLimitServiceDescriptorSchema>;

/** One YAML file of the service's runtime directory: a domain and its descriptors. */
export const RateLimitServiceFileSchema = z.object({
  domain: z.string().optional(),
  descriptors: z.array(RateLimitServiceDescriptorSchema).optional(),
});
export type RateLimitServiceFile = z.infer<typeof RateLimitServiceFileSchema>;
