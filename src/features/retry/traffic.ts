/**
 * `retry` → Envoy Gateway's IR `traffic.retry`:
 * `{numRetries, numAttemptsPerPriority, retryOn: {triggers, httpStatusCodes}, perRetry: {timeout,
 * backOff: {baseInterval, maxInterval}}}`, durations in milliseconds.
 *
 * - `retryOn` triggers and status codes are de-duplicated and sorted (strings lexicographically,
 *   codes ascending); `retryOn` is kept only if one of its lists is present (an empty list gives
 *   `retryOn: {}`).
 * - `perRetry` is kept only if it has a timeout or a back-off interval; an interval that does not
 *   parse is silently dropped.
 * - No defaults (`numRetries: 2` is the CRD's, applied by the API server; Envoy Gateway's xDS
 *   layer also uses 2 when unset).
 *
 * Errors (prefix `Retry`), first one only: the raw Go parse error of `perRetry.timeout`,
 * `baseInterval cannot be set to 0s`, `maxInterval cannot be set to 0s`,
 * `maxInterval cannot be less than baseInterval`.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { type Result, fail, ok } from '../../model/result.js';
import { durationMs, durationMsOrUndefined, isRecord } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.retry`: counts as given, triggers as written (Envoy's `retry_on` spelling), durations in ms. */
export const RetryTrafficSchema = z.object({
  numRetries: z.number().optional(),
  numAttemptsPerPriority: z.number().optional(),
  retryOn: z
    .object({
      triggers: z.array(z.string()).optional(),
      httpStatusCodes: z.array(z.number()).optional(),
    })
    .optional(),
  perRetry: z
    .object({
      timeout: z.number().optional(),
      backOff: z.object({ baseInterval: z.number().optional(), maxInterval: z.number().optional() }).optional(),
    })
    .optional(),
});
export type RetryTraffic = z.infer<typeof RetryTrafficSchema>;

type RetrySpec = NonNullable<BackendTrafficPolicySpecInput['retry']>;

const isSet = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

/** Build `traffic.retry` from `spec.retry`. */
function buildRetry(r: RetrySpec): Result<RetryTraffic> {
  const out: RetryTraffic = {};
  if (typeof r.numAttemptsPerPriority === 'number') out.numAttemptsPerPriority = r.numAttemptsPerPriority;
  // Go: uint32(*NumRetries)
  if (typeof r.numRetries === 'number') out.numRetries = Number.isInteger(r.numRetries) ? r.numRetries >>> 0 : r.numRetries;

  if (isRecord(r.retryOn)) {
    const ro: NonNullable<RetryTraffic['retryOn']> = {};
    let present = false;
    if (Array.isArray(r.retryOn.httpStatusCodes)) {
      present = true;
      const codes = [...new Set(r.retryOn.httpStatusCodes.filter((c): c is number => typeof c === 'number'))].sort((a, b) => a - b);
      if (codes.length > 0) ro.httpStatusCodes = codes;
    }
    if (Array.isArray(r.retryOn.triggers)) {
      present = true;
      const triggers = [...new Set(r.retryOn.triggers.filter((t): t is NonNullable<typeof t> => typeof t === 'string'))].sort();
      if (triggers.length > 0) ro.triggers = triggers;
    }
    if (present) out.retryOn = ro;
  }

  if (isRecord(r.perRetry)) {
    const pr: NonNullable<RetryTraffic['perRetry']> = {};
    let present = false;
    if (isSet(r.perRetry.timeout)) {
      const d = durationMs(r.perRetry.timeout);
      if (!d.success) return fail(d.error);
      pr.timeout = d.data;
      present = true;
    }
    const bo = r.perRetry.backOff;
    if (isRecord(bo) && (isSet(bo.baseInterval) || isSet(bo.maxInterval))) {
      const backOff: NonNullable<NonNullable<RetryTraffic['perRetry']>['backOff']> = {};
      const max = isSet(bo.maxInterval) ? durationMsOrUndefined(bo.maxInterval) : undefined;
      const base = isSet(bo.baseInterval) ? durationMsOrUndefined(bo.baseInterval) : undefined;
      if (max !== undefined) backOff.maxInterval = max;
      if (base !== undefined) backOff.baseInterval = base;
      if (base === 0) return fail('baseInterval cannot be set to 0s');
      if (max === 0) return fail('maxInterval cannot be set to 0s');
      if (base !== undefined && max !== undefined && max < base) return fail('maxInterval cannot be less than baseInterval');
      pr.backOff = backOff;
      present = true;
    }
    if (present) out.perRetry = pr;
  }
  return ok(out);
}

export const retryTranslation: Translation<RetryTraffic> = {
  build(spec): FeatureOutcome<RetryTraffic> {
    if (!isRecord(spec.retry)) return {};
    const r = buildRetry(spec.retry);
    return r.success ? { value: r.data } : { errors: [r.error] };
  },
};
