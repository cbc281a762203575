/**
 * The contract every traffic feature module follows: read one part of a (possibly merged) policy
 * spec and produce Envoy Gateway's effective setting for it, or the translator's error.
 *
 * Specs here are raw, as Envoy Gateway's translator sees them: structurally typed (objects are
 * objects, numbers are numbers) but NOT defaulted by the API server and NOT checked against the
 * CRD's patterns, bounds or CEL rules — the translator accepts, for example, a `fixedDelay` of
 * `5.4s`. Feature code must therefore tolerate any string where a Duration or Quantity is
 * expected, and apply Envoy Gateway's own defaults.
 */
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import type { ConfigMap } from '../model/gateway-api.js';

export interface TrafficContext {
  /** Identity of the policy being translated (for a merged policy: the route policy), used in IR names. */
  policy: { namespace: string; name: string };
  /** Look up a ConfigMap (responseOverride `valueRef`). */
  configMap: (namespace: string, name: string) => ConfigMap | undefined;
  /** Namespace in which responseOverride `valueRef`s resolve (the owning policy's, see merge notes). */
  responseOverrideNamespace: string;
  /**
   * Whether Envoy Gateway has global rate limiting configured (`EnvoyGateway.rateLimit`). When it
   * is not, a policy with `rateLimit.global` fails with `enable Ratelimit in the EnvoyGateway config
   * to configure global rateLimit`. Default `true`: Envoy Gateway's golden translator runs with it
   * enabled (`backendtrafficpolicy-with-ratelimit`, `-with-shared-ratelimit`,
   * `-strategic-merge-global-ratelimit` all show global rules in the IR).
   */
  globalRateLimitEnabled?: boolean;
}

export interface FeatureOutcome<T = unknown> {
  /** The effective value, absent when the feature is unset or dropped. */
  value?: T;
  /** Translator errors, without the feature prefix (e.g. `invalid MaxConnections value 5000000000`). */
  errors?: string[];
}

export interface TrafficFeature<T = unknown> {
  /** Key in `traffic` (Envoy Gateway's IR name), e.g. `circuitBreaker`, `backendConnection`. */
  key: string;
  /** Error prefix Envoy Gateway uses, e.g. `CircuitBreaker`, `BackendConnection`. */
  errorPrefix: string;
  build(spec: BackendTrafficPolicySpecInput, ctx: TrafficContext): FeatureOutcome<T>;
}
