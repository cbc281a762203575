/**
 * `spec.telemetry`: per-route observability overrides. Tracing settings land on Envoy's
 * `Route.tracing` (sampling, span tags, span names); metrics on the route's `stat_prefix`.
 */
import * as z from 'zod';
import { k8sEnum, stringMap } from '../../model/crd.js';
import { FractionSchema } from '../../model/fraction.js';
import { annotate } from '../../model/registry.js';

/** A tag value taken from an environment variable of the Envoy process. */
export const EnvironmentCustomTagSchema = z.object({
  name: z.string(),
  defaultValue: z.string().optional(),
});
export type EnvironmentCustomTag = z.infer<typeof EnvironmentCustomTagSchema>;

/** A tag value taken from a request header. */
export const RequestHeaderCustomTagSchema = z.object({
  name: z.string(),
  defaultValue: z.string().optional(),
});
export type RequestHeaderCustomTag = z.infer<typeof RequestHeaderCustomTagSchema>;

/** A fixed tag value. */
export const LiteralCustomTagSchema = z.object({
  value: z.string(),
});
export type LiteralCustomTag = z.infer<typeof LiteralCustomTagSchema>;

/**
 * A span tag (deprecated form). The CRD has no rule tying `type` to the matching sub-object, so a
 * mismatch is accepted here and left to the translator.
 */
export const CustomTagSchema = z.object({
  type: k8sEnum(['Literal', 'Environment', 'RequestHeader']).default('Literal'),
  literal: LiteralCustomTagSchema.optional(),
  environment: EnvironmentCustomTagSchema.optional(),
  requestHeader: RequestHeaderCustomTagSchema.optional(),
});
export type CustomTag = z.infer<typeof CustomTagSchema>;

/** Operation names of the spans Envoy emits for the route (client = upstream side, server = downstream). */
export const TracingSpanNameSchema = z.object({
  client: z.string(),
  server: z.string(),
});
export type TracingSpanName = z.infer<typeof TracingSpanNameSchema>;

/**
 * Route-level tracing. The three fractions map to Envoy's random, client and overall sampling;
 * `tags` wins over `customTags` for the same key.
 */
export const RouteTracingSchema = z.object({
  samplingFraction: FractionSchema.optional(),
  clientSamplingFraction: FractionSchema.optional(),
  overallSamplingFraction: FractionSchema.optional(),
  customTags: annotate(z.record(z.string(), CustomTagSchema).optional(), {
    deprecated: true,
    description: 'Deprecated: use tags.',
  }),
  tags: stringMap().optional(),
  spanName: TracingSpanNameSchema.optional(),
});
export type RouteTracing = z.infer<typeof RouteTracingSchema>;

/** Route-level metrics: `routeStatName` may use `%ROUTE_NAME%`, `%ROUTE_NAMESPACE%`, `%ROUTE_KIND%`. */
export const RouteMetricsSchema = z.object({
  routeStatName: z.string().optional(),
});
export type RouteMetrics = z.infer<typeof RouteMetricsSchema>;

/** `spec.telemetry`. */
export const BackendTelemetrySchema = z.object({
  tracing: RouteTracingSchema.optional(),
  metrics: RouteMetricsSchema.optional(),
});
export type BackendTelemetry = z.infer<typeof BackendTelemetrySchema>;
