/**
 * An entry of `spec.compression` (deprecated) or `spec.compressor`: one response compression
 * algorithm, becoming one Envoy `compressor` HTTP filter enabled on the route.
 */
import * as z from 'zod';
import { k8sEnum } from '../../model/crd.js';
import { QuantitySchema } from '../../model/quantity.js';

/**
 * Algorithm-specific settings. They have no fields yet; under `compressor` the presence of the
 * object matching `type` is what enables the entry.
 */
export const CompressorOptionsSchema = z.object({});
export type CompressorOptions = z.infer<typeof CompressorOptionsSchema>;

/** One compression algorithm, optionally only for responses of at least `minContentLength` bytes. */
export const CompressionSchema = z.object({
  type: k8sEnum(['Gzip', 'Brotli', 'Zstd']),
  brotli: CompressorOptionsSchema.optional(),
  gzip: CompressorOptionsSchema.optional(),
  zstd: CompressorOptionsSchema.optional(),
  minContentLength: QuantitySchema.optional(),
});
export type Compression = z.infer<typeof CompressionSchema>;
