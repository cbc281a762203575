/** Envoy emission: a `Resolution` → Envoy v3 xDS resources (clusters, route configurations, HCM filters). */
export { emitEnvoy, listenerNameOf, clusterNameOf } from './emit-envoy.js';
export type { Cluster, EnvoyConfig, HttpFilter, RouteConfiguration } from './emit-envoy.js';
/** Incremental emission: only the Envoy resources a resolver's change affects, for xDS deltas. */
export { createEnvoyEmitter } from './envoy-emitter.js';
export type { EnvoyDelta, EnvoyEmitter, RouteEntryChange } from './envoy-emitter.js';
export type { EmitDiagnostic } from './emit-diagnostics.js';
export type { DestinationSetting, EmitOptions, ListenerSettings } from './emit-options.js';
export type { EmitBudget } from './emit-budget.js';
export type { EmitContext, JsonObject } from './emit-context.js';

/** The rate limit service's configuration (envoyproxy/ratelimit) for the global rate limit rules of a `Resolution`. */
export { emitRateLimitConfigs, rateLimitConfigFiles, rateLimitServiceFile } from '../features/rate-limit/service-config.js';
export type { RateLimitConfigFile, RateLimitConfigOptions, RateLimitConfigs } from '../features/rate-limit/service-config.js';
export { globalRateLimitRows } from '../features/rate-limit/descriptor-rows.js';
export type { DescriptorRowEntry, GlobalRateLimitRow } from '../features/rate-limit/descriptor-rows.js';
export { loadRateLimitServiceFiles, parseRateLimitServiceFile, rateLimitServiceConfigProblems } from '../features/rate-limit/service-config-loader.js';
export type { LoaderProblem, RateLimitServiceLoad, RateLimitServiceSource } from '../features/rate-limit/service-config-loader.js';
export {
  RATE_LIMIT_SERVICE_UNITS,
  RateLimitConfigSchema,
  RateLimitDescriptorSchema,
  RateLimitPolicySchema,
  RateLimitServiceDescriptorSchema,
  RateLimitServiceFileSchema,
  RateLimitServiceLimitSchema,
} from '../features/rate-limit/service-config-schema.js';
export type {
  RateLimitConfig,
  RateLimitDescriptor,
  RateLimitPolicy,
  RateLimitServiceDescriptor,
  RateLimitServiceFile,
  RateLimitServiceLimit,
} from '../features/rate-limit/service-config-schema.js';
/** Every Envoy message type of the emitted resources (`Envoy.Route`, `Envoy.RetryPolicy`, …), with the fields we set. */
export type * as Envoy from './envoy-types/index.js';
