/**
 * `spec.bandwidthLimit`: caps the throughput of request and/or response bodies on a route, using
 * Envoy's `bandwidth_limit` HTTP filter (configured per route).
 */
import * as z from 'zod';
import { has, k8sEnum, k8sString, withRules } from '../../model/crd.js';
import { QuantitySchema } from '../../model/quantity.js';

/**
 * An amount of data per time unit (`value: 1Mi, unit: Second`). Envoy works in KiB/s, so the
 * translator rounds down and rejects anything below 1 KiB/s.
 */
export const BandwidthLimitValueSchema = z.object({
  value: QuantitySchema,
  unit: k8sEnum(['Second', 'Minute', 'Hour']),
});
export type BandwidthLimitValue = z.infer<typeof BandwidthLimitValueSchema>;

/** The limit applied to request bodies (client → backend). */
export const BandwidthLimitRequestSchema = z.object({
  limit: BandwidthLimitValueSchema,
});
export type BandwidthLimitRequest = z.infer<typeof BandwidthLimitRequestSchema>;

/** Prefix of the trailers Envoy appends to report how long the response was throttled. */
export const BandwidthLimitResponseTrailersSchema = z.object({
  // Trailer names end up on the wire: no CR, LF or NUL that could split a header line.
  prefix: k8sString({ pattern: /^[^\r\n\x00]*$/ }).optional(),
});
export type BandwidthLimitResponseTrailers = z.infer<typeof BandwidthLimitResponseTrailersSchema>;

/** The limit applied to response bodies (backend → client), optionally reported in trailers. */
export const BandwidthLimitResponseSchema = z.object({
  limit: BandwidthLimitValueSchema,
  responseTrailers: BandwidthLimitResponseTrailersSchema.optional(),
});
export type BandwidthLimitResponse = z.infer<typeof BandwidthLimitResponseSchema>;

/** `spec.bandwidthLimit`: at least one direction must be limited. */
export const BandwidthLimitSpecSchema = withRules(
  z.object({
    request: BandwidthLimitRequestSchema.optional(),
    response: BandwidthLimitResponseSchema.optional(),
  }),
  [{ message: 'at least one of request or response must be specified', test: (b) => has(b.request) || has(b.response) }],
);
export type BandwidthLimitSpec = z.infer<typeof BandwidthLimitSpecSchema>;
