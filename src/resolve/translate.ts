/**
 * Translation of a policy spec through every feature of the registry: the effective settings
 * Envoy Gateway puts on a route, plus the translator's errors, in its order.
 */
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import { describeThrown } from '../model/limits.js';
import type { TrafficContext } from '../features/feature.js';
import { FEATURES, type ResolvedTraffic } from '../features/registry.js';

export interface TrafficResult {
  traffic: ResolvedTraffic;
  /** Feature-prefixed errors (`CircuitBreaker: invalid MaxConnections value …`). */
  errors: string[];
}

export function buildTraffic(spec: BackendTrafficPolicySpecInput, ctx: TrafficContext): TrafficResult {
  const traffic: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const feature of FEATURES) {
    let outcome;
    try {
      outcome = feature.translation.build(spec, ctx);
    } catch (err) {
      outcome = { errors: [`internal error: ${describeThrown(err)}`] };
    }
    if (outcome.value !== undefined) traffic[feature.key] = outcome.value;
    for (const e of outcome.errors ?? []) errors.push(`${feature.errorPrefix}: ${e}`);
  }
  return { traffic: traffic as ResolvedTraffic, errors };
}

/**
 * Envoy Gateway's `Error2ConditionMsg`: the joined errors with the first letter upper-cased and a
 * final period.
 */
export function conditionMessage(errors: readonly string[]): string {
  let msg = errors.join('\n');
  if (msg.length > 0 && /[a-z]/.test(msg[0]!)) msg = msg[0]!.toUpperCase() + msg.slice(1);
  if (!msg.endsWith('.')) msg += '.';
  return msg;
}
