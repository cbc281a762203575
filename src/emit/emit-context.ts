/**
 * The contract of an emitter feature: take one key of a route's resolved `traffic` and write the
 * Envoy fields it controls into the resources being built for that route.
 *
 * Resources are built fresh for every call of `emitEnvoy` (plain protojson-shaped objects:
 * lowerCamelCase names, `@type` on every Any, 64-bit integers as strings, durations as "1.500s"),
 * so features write into them directly; they never touch the `Resolution` they read.
 */
import type { RouteResult } from '../resolve/types.js';
import type { DestinationSetting, EmitOptions, ListenerSettings } from './emit-options.js';

export type JsonObject = { [key: string]: unknown };

export interface EmitContext {
  /** The resolved route rule being emitted. */
  route: RouteResult;
  /** Its whole effective traffic (features that depend on each other read it here). */
  traffic: Record<string, unknown>;
  /** `<gwns>/<gw>/<listener>` (or with `/<lsns>/<ls>`). */
  listenerName: string;
  /** `httproute/<ns>/<name>/rule/<i>` (TCP: `tcproute/<ns>/<name>/rule/-1`). */
  clusterName: string;
  /**
   * Optional facts from outside the Resolution (see `EmitOptions`): the rule's backends as Envoy
   * Gateway sees them, and the listener's ClientTrafficPolicy settings. Absent when unknown.
   */
  destination?: readonly DestinationSetting[];
  listenerSettings?: ListenerSettings;
  options?: EmitOptions;
}

/** A feature that shapes the route's cluster (`envoy.config.cluster.v3.Cluster`). */
export interface ClusterFeature {
  /** The `traffic` key it reads (e.g. `circuitBreaker`). */
  key: string;
  apply(cluster: JsonObject, value: unknown, ctx: EmitContext): void;
}

/**
 * A feature that shapes the Envoy route (`envoy.config.route.v3.Route`: its `route` action,
 * `typedPerFilterConfig`, …) and may need HTTP filters in the listener's HCM.
 */
export interface RouteFeature {
  key: string;
  apply(route: JsonObject, value: unknown, ctx: EmitContext): void;
  /** HCM filters (`envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter`) this route needs. */
  httpFilters?(value: unknown, ctx: EmitContext): JsonObject[];
}
