/**
 * `traffic.retry` → `RouteAction.retry_policy`.
 *
 * Envoy Gateway always writes a full policy, even for `retry: {}`: its defaults are the
 * `retry_on` list below, `retriable_status_codes [503]` and 2 retries, plus the previous-hosts
 * predicate with 5 host-selection attempts. Given triggers replace `retry_on`; a given `retryOn`
 * (even without codes) replaces the default status codes. A count that is not a whole
 * non-negative number is left to the default (the retry count) or left out (status codes).
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
import type { RetryPolicy } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { duration, int64, typedExtension } from '../../emit/protojson.js';
import { routeAction, routeSettings, uint } from '../../emit/route-parts.js';
import { EnvoyRules, INT32_MAX, UINT32_MAX } from '../../emit/envoy-rules.js';
import { RETRY_TRIGGERS } from './schema.js';
import type { RetryTraffic } from './traffic.js';

const DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';
const DEFAULT_RETRIABLE_STATUS_CODES: readonly number[] = [503];
const DEFAULT_NUM_RETRIES = 2;
const HOST_SELECTION_RETRY_MAX_ATTEMPTS = 5;

/** Triggers Envoy Gateway accepts (the CRD's enum; the IR spelling is Envoy's `retry_on` spelling). */
const KNOWN_TRIGGERS: ReadonlySet<string> = new Set(RETRY_TRIGGERS);

/** Whether Envoy Gateway drops the route for this retry value (an unknown trigger). */
export function retryDropsRoute(value: RetryTraffic | undefined): boolean {
  return value?.retryOn?.triggers?.some((t) => !KNOWN_TRIGGERS.has(t)) === true;
}

/**
 * The status codes written: the given whole non-negative ones, or the default when `retryOn` is
 * unset (a fresh list each time: emitted resources share nothing).
 */
const statusCodes = (value: RetryTraffic): number[] =>
  value.retryOn ? (value.retryOn.httpStatusCodes ?? []).filter((c) => uint(c) !== undefined) : [...DEFAULT_RETRIABLE_STATUS_CODES];

/** `RetryPolicy` for a retry value (the policy's, or the HTTPRoute's own in the same shape). */
export function retryPolicy(value: RetryTraffic): RetryPolicy {
  const triggers = value.retryOn?.triggers ?? [];
  // A given `retryOn` drops the default codes even when it lists none (`third-route-only-triggers`).
  const codes = statusCodes(value);
  const perTryTimeout = duration(value.perRetry?.timeout);
  const base = duration(value.perRetry?.backOff?.baseInterval);
  const max = duration(value.perRetry?.backOff?.maxInterval);
  const policy: RetryPolicy = {
    retryOn: triggers.length > 0 ? triggers.join(',') : DEFAULT_RETRY_ON,
    ...(codes.length > 0 ? { retriableStatusCodes: codes } : {}),
    numRetries: uint(value.numRetries) ?? DEFAULT_NUM_RETRIES,
    ...(perTryTimeout !== undefined ? { perTryTimeout } : {}),
    // Envoy requires a base interval: with only a maximum, Envoy Gateway's `retry_back_off{max_interval}`
    // would be rejected, so the back-off is left to Envoy's defaults (25 ms base, 10× max) instead.
    ...(base !== undefined ? { retryBackOff: max === undefined ? { baseInterval: base } : { baseInterval: base, maxInterval: max } } : {}),
    retryHostPredicate: [typedExtension('envoy.retry_host_predicates.previous_hosts', 'envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate')],
    hostSelectionRetryMaxAttempts: int64(HOST_SELECTION_RETRY_MAX_ATTEMPTS),
  };

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

/**
 * What Envoy rejects in the policy {@link retryPolicy} writes: `num_retries` and the status codes
 * are `uint32`s; `retry_back_off.base_interval` and `max_interval` must be longer than 0 (the
 * maximum only matters with a base); `PreviousPrioritiesConfig.update_frequency` is an `int32`.
 */
function retryRejections(value: RetryTraffic) {
  const rules = new EnvoyRules();
  if (uint(value.numRetries) !== undefined) rules.integer('numRetries', value.numRetries, 0, UINT32_MAX, 'RetryPolicy.num_retries');
  statusCodes(value).forEach((c, i) => rules.integer(`retryOn.httpStatusCodes[${i}]`, c, 0, UINT32_MAX, 'RetryPolicy.retriable_status_codes'));
  const backOff = value.perRetry?.backOff;
  rules.duration('perRetry.backOff.baseInterval', backOff?.baseInterval, 'RetryPolicy.retry_back_off.base_interval');
  if (backOff?.baseInterval !== undefined) rules.duration('perRetry.backOff.maxInterval', backOff.maxInterval, 'RetryPolicy.retry_back_off.max_interval');
  if (uint(value.numAttemptsPerPriority) !== undefined) {
    rules.integer('numAttemptsPerPriority', value.numAttemptsPerPriority, 0, INT32_MAX, 'PreviousPrioritiesConfig.update_frequency');
  }
  return rules.found;
}

export const retryRoute: RouteEmission<RetryTraffic> = {
  apply(route, value, ctx) {
    const action = routeAction(route);
    const retry = routeSettings(ctx).gatewayApiRetry ?? value;
    if (action && retry) action.retryPolicy = retryPolicy(retry);
  },
  dropsRoute: retryDropsRoute,
  rejections: retryRejections,
};
