/**
 * `bandwidthLimit` → Envoy Gateway's IR `traffic.bandwidthLimit`: `{request?: {limitKibps},
 * response?: {limitKibps, responseTrailers?: {prefix?}}}`.
 *
 * `limitKibps` is the limit in KiB per second, rounded down: `bytes / (secondsPerUnit × 1024)`
 * with `Second` 1, `Minute` 60, `Hour` 3600 (`100Mi` per Minute → 1706).
 *
 * Errors (prefix `BandwidthLimit`), `<dir>` being `request` or `response` (request is checked
 * first, the first failure wins):
 * - `<dir> limit value must be convertible to an int64`
 * - `<dir> limit value must be positive` (negative)
 * - `<dir>: bandwidth limit of <bytes> bytes per <unit> is below the minimum of 1 KiB/s`
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { type Result, fail, ok } from '../../model/result.js';
import { isRecord, quantityInt64 } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.bandwidthLimit`: per direction, the limit in KiB per second. */
export const BandwidthLimitTrafficSchema = z.object({
  request: z.object({ limitKibps: z.number() }).optional(),
  response: z.object({ limitKibps: z.number(), responseTrailers: z.object({ prefix: z.string().optional() }).optional() }).optional(),
});
export type BandwidthLimitTraffic = z.infer<typeof BandwidthLimitTrafficSchema>;

/** Seconds per bandwidth unit. An unknown unit (the CRD allows none) counts as a second. */
function unitSeconds(unit: unknown): number {
  return unit === 'Minute' ? 60 : unit === 'Hour' ? 3600 : 1;
}

function limitKibps(direction: 'request' | 'response', limit: unknown): Result<number> {
  const l = isRecord(limit) ? limit : {};
  // An absent value is Go's zero Quantity.
  const bytes = l.value === undefined || l.value === null ? ok(0) : quantityInt64(l.value);
  if (!bytes.success) return fail(`${direction} limit value must be convertible to an int64`);
  if (bytes.data < 0) return fail(`${direction} limit value must be positive`);
  const kibps = Math.floor(bytes.data / (unitSeconds(l.unit) * 1024));
  if (kibps < 1) {
    const unit = typeof l.unit === 'string' ? l.unit : '';
    return fail(`${direction}: bandwidth limit of ${bytes.data} bytes per ${unit} is below the minimum of 1 KiB/s`);
  }
  return ok(kibps);
}

/** Build `traffic.bandwidthLimit` from `spec.bandwidthLimit`. */
function buildBandwidthLimit(spec: unknown): Result<BandwidthLimitTraffic> {
  const b = isRecord(spec) ? spec : {};
  const out: BandwidthLimitTraffic = {};
  if (isRecord(b.request)) {
    const k = limitKibps('request', b.request.limit);
    if (!k.success) return k;
    out.request = { limitKibps: k.data };
  }
  if (isRecord(b.response)) {
    const k = limitKibps('response', b.response.limit);
    if (!k.success) return k;
    out.response = { limitKibps: k.data };
    const trailers = b.response.responseTrailers;
    if (isRecord(trailers)) {
      out.response.responseTrailers = typeof trailers.prefix === 'string' ? { prefix: trailers.prefix } : {};
    }
  }
  return ok(out);
}

export const bandwidthLimitTranslation: Translation<BandwidthLimitTraffic> = {
  build(spec: BackendTrafficPolicySpecInput): FeatureOutcome<BandwidthLimitTraffic> {
    if (!isRecord(spec.bandwidthLimit)) return {};
    const r = buildBandwidthLimit(spec.bandwidthLimit);
    return r.success ? { value: r.data } : { errors: [r.error] };
  },
};
