/**
 * What a feature's Envoy part sees of the route it writes for (`EmitContext`).
 *
 * Resources are built fresh for every call of `emitEnvoy` (typed protojson messages, see
 * `envoy-types/`: lowerCamelCase names, `@type` on every Any, 64-bit integers as strings, durations
 * as "1.500s"), so features write into them directly; they never touch the `Resolution` they read.
 */
import type { ResolvedTraffic, RouteEntryInput } from '../resolve/types.js';
import type { DestinationSetting, EmitOptions, ListenerSettings } from './emit-options.js';

export type { JsonObject } from '../lang/json.js';

export interface EmitContext {
  /** The resolved route rule being emitted. */
  route: RouteEntryInput;
  /**
   * Its whole effective traffic (features that depend on each other read it here), checked: only
   * the features whose value has their schema's shape and that Envoy accepts.
   */
  traffic: ResolvedTraffic;
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
