/**
 * `traffic.retry` → `RouteAction.retry_policy` (envoy-mapping §1.4).
 *
 * Envoy Gateway always writes a full policy, even for `retry: {}`: its defaults are the
 * `retry_on` list below, `retriable_status_codes [503]` and 2 retries, plus the previous-hosts
 * predicate with 5 host-selection attempts. Given triggers replace `retry_on`; a given `retryOn`
 * (even without codes) replaces the default status codes.
 *
 * A Gateway API HTTPRoute `retry` on the same rule wins over the policy's (`retry` golden); the
 * emitter reads it from the route result's `retry` when present (see `routeSettings`).
 *
 * One deliberate difference: a back-off with only `maxInterval` is left out (Envoy Gateway writes
 * `retry_back_off{max_interval}`, which Envoy rejects because `base_interval` is required).
 *
 * Envoy Gateway fails the whole route when a trigger is not one it knows (`retry-partial-invalid`:
 * the route is missing from the output); `dropsRoute` tells the emitter so.
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { duration, int64, typedExtension } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { list, routeAction, routeSettings, uint } from '../../emit/route-parts.js';
import { RETRY_TRIGGERS } from './schema.js';

const DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';
const DEFAULT_RETRIABLE_STATUS_CODES = [503];
const DEFAULT_NUM_RETRIES = 2;
const HOST_SELECTION_RETRY_MAX_ATTEMPTS = 5;

/** Triggers Envoy Gateway accepts (the CRD's enum; the IR spelling is Envoy's `retry_on` spelling). */
const KNOWN_TRIGGERS: ReadonlySet<string> = new Set(RETRY_TRIGGERS);

/** Whether Envoy Gateway drops the route for this retry value (an unknown trigger). */
export function retryDropsRoute(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.retryOn)) return false;
  return list(value.retryOn.triggers).some((t) => typeof t !== 'string' || !KNOWN_TRIGGERS.has(t));
}

/** `RetryPolicy` for an IR retry value (BTP or Gateway API); undefined for a non-object. */
export function retryPolicy(value: unknown): JsonObject | undefined {
  if (!isRecord(value)) return undefined;
  const policy: JsonObject = {};

  const retryOn = isRecord(value.retryOn) ? value.retryOn : undefined;
  const triggers = list(retryOn?.triggers).filter((t): t is string => typeof t === 'string');
  policy.retryOn = triggers.length > 0 ? triggers.join(',') : DEFAULT_RETRY_ON;
  // A given `retryOn` drops the default codes even when it lists none (`third-route-only-triggers`).
  const codes = retryOn ? list(retryOn.httpStatusCodes).filter((c) => uint(c) !== undefined) : DEFAULT_RETRIABLE_STATUS_CODES;
  if (codes.length > 0) policy.retriableStatusCodes = codes;

  policy.numRetries = uint(value.numRetries) ?? DEFAULT_NUM_RETRIES;

  const perRetry = isRecord(value.perRetry) ? value.perRetry : undefined;
  const perTryTimeout = duration(perRetry?.timeout);
  if (perTryTimeout !== undefined) policy.perTryTimeout = perTryTimeout;
  const backOff = isRecord(perRetry?.backOff) ? perRetry.backOff : undefined;
  const base = duration(backOff?.baseInterval);
  const max = duration(backOff?.maxInterval);
  // Envoy requires a base interval: with only a maximum, Envoy Gateway's `retry_back_off{max_interval}`
  // would be rejected, so the back-off is left to Envoy's defaults (25 ms base, 10× max) instead.
  if (base !== undefined) {
    const retryBackOff: JsonObject = { baseInterval: base };
    if (max !== undefined) retryBackOff.maxInterval = max;
    policy.retryBackOff = retryBackOff;
  }

  policy.retryHostPredicate = [
    typedExtension('envoy.retry_host_predicates.previous_hosts', 'envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate'),
  ];
  policy.hostSelectionRetryMaxAttempts = int64(HOST_SELECTION_RETRY_MAX_ATTEMPTS);

  const perPriority = uint(value.numAttemptsPerPriority);
  if (perPriority !== undefined && perPriority > 0) {
    policy.retryPriority = typedExtension(
      'envoy.retry_priorities.previous_priorities',
      'envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig',
      { updateFrequency: perPriority },
    );
  }
  return policy;
}

export const retryRoute: RouteEmission = {
  apply(route, value, ctx) {
    const action = routeAction(route);
    if (!action) return;
    const gatewayApiRetry = routeSettings(ctx).gatewayApiRetry;
    const policy = retryPolicy(isRecord(gatewayApiRetry) ? gatewayApiRetry : value);
    if (policy) action.retryPolicy = policy;
  },
  dropsRoute: retryDropsRoute,
};
