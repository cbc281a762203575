/**
 * `compressor` / `compression` (deprecated) → Envoy Gateway's IR `traffic.compression`:
 * `[{type, chooseFirst?: true, minContentLength?}]`.
 *
 * - A non-empty `compressor` list is used; otherwise `compression`.
 * - In `compressor`, an entry is kept only when its algorithm's block (`gzip` / `brotli` / `zstd`)
 *   is present (not null); `compression` entries need only `type`.
 * - `chooseFirst: true` marks the entry at **original** index 0; when that entry was dropped, no
 *   entry has it.
 * - `minContentLength` (bytes) is set when the quantity is a whole int64, converted like Go's
 *   `uint32(…)`; otherwise it is ignored.
 * - Nothing left (e.g. every compressor disabled) omits the key. No errors.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { isRecord, quantityInt64 } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** One entry of `traffic.compression` (a list in the policy's order): the `type` as written, `minContentLength` in bytes. */
export const CompressionEntryTrafficSchema = z.object({
  type: z.string(),
  chooseFirst: z.boolean().optional(),
  minContentLength: z.number().optional(),
});
export type CompressionEntryTraffic = z.infer<typeof CompressionEntryTrafficSchema>;

const BLOCK_OF: Record<string, string> = { Gzip: 'gzip', Brotli: 'brotli', Zstd: 'zstd' };

/** Build `traffic.compression`; undefined when no entry remains. */
function buildCompression(compressor: unknown, compression: unknown): CompressionEntryTraffic[] | undefined {
  const useCompressor = Array.isArray(compressor) && compressor.length > 0;
  const list: unknown[] = useCompressor ? compressor : Array.isArray(compression) ? compression : [];
  const out: CompressionEntryTraffic[] = [];
  list.forEach((raw, index) => {
    const c = isRecord(raw) ? raw : {};
    const type = typeof c.type === 'string' ? c.type : '';
    if (useCompressor) {
      const block = BLOCK_OF[type];
      if (block === undefined || c[block] === undefined || c[block] === null) return;
    }
    const entry: CompressionEntryTraffic = { type };
    if (index === 0) entry.chooseFirst = true;
    if (c.minContentLength !== undefined && c.minContentLength !== null) {
      const n = quantityInt64(c.minContentLength);
      if (n.success) entry.minContentLength = toUint32(n.data);
    }
    out.push(entry);
  });
  return out.length > 0 ? out : undefined;
}

/** Go's `uint32(int64)` conversion (wraps modulo 2^32). */
function toUint32(n: number): number {
  return Number(BigInt.asUintN(32, BigInt(n)));
}

export const compressionTranslation: Translation<CompressionEntryTraffic[]> = {
  build(spec: BackendTrafficPolicySpecInput): FeatureOutcome<CompressionEntryTraffic[]> {
    const value = buildCompression(spec.compressor, spec.compression);
    return value === undefined ? {} : { value };
  },
};
