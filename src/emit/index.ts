/** Envoy emission: a `Resolution` → Envoy v3 xDS resources (clusters, route configurations, HCM filters). */
export { emitEnvoy, listenerNameOf, clusterNameOf } from './emit-envoy.js';
export type { Cluster, EnvoyConfig, HttpFilter, RouteConfiguration } from './emit-envoy.js';
export type { EmitDiagnostic } from './emit-diagnostics.js';
export type { DestinationSetting, EmitOptions, ListenerSettings } from './emit-options.js';
export type { EmitContext, JsonObject } from './emit-context.js';
/** Every Envoy message type of the emitted resources (`Envoy.Route`, `Envoy.RetryPolicy`, …), with the fields we set. */
export type * as Envoy from './envoy-types/index.js';
