/**
 * `traffic.telemetry` → `Route.tracing` (envoy-mapping §1.23), and the route's stat prefix.
 *
 * Tracing: the three sampling fractions become `FractionalPercent`s (`client_sampling` always
 * present, `{}` when unset; `random_sampling` from `samplingFraction`, `overall_sampling` only
 * when set), custom tags are the policy's `customTags` plus `tags` (a tag overrides a custom tag
 * of the same name) sorted by name, and span names become `operation` (client) and
 * `upstream_operation` (server).
 *
 * Stat prefix: `telemetry.metrics.routeStatName` is not in `traffic`; Envoy Gateway computes it
 * per route (operators substituted) into the IR route's `statName`, which the emitter passes as
 * the route result's `statName` (see `routeSettings`); {@link routeStatPrefix} writes it.
 */
import type { EmitContext, JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { fractionalPercent } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { list, routeSettings, str } from '../../emit/route-parts.js';

/** An Envoy `CustomTag` from an Envoy Gateway custom tag (`{type, literal | environment | requestHeader}`). */
function customTag(tag: string, value: unknown): JsonObject | undefined {
  if (!isRecord(value)) return undefined;
  const withDefault = (source: unknown): JsonObject | undefined => {
    if (!isRecord(source) || typeof source.name !== 'string') return undefined;
    const out: JsonObject = { name: source.name };
    const def = str(source.defaultValue);
    if (def) out.defaultValue = def;
    return out;
  };
  const type = value.type ?? (isRecord(value.environment) ? 'Environment' : isRecord(value.requestHeader) ? 'RequestHeader' : 'Literal');
  switch (type) {
    case 'Literal':
      return isRecord(value.literal) && typeof value.literal.value === 'string' ? { tag, literal: { value: value.literal.value } } : undefined;
    case 'Environment': {
      const environment = withDefault(value.environment);
      return environment ? { tag, environment } : undefined;
    }
    case 'RequestHeader': {
      const requestHeader = withDefault(value.requestHeader);
      return requestHeader ? { tag, requestHeader } : undefined;
    }
    default:
      return undefined;
  }
}

/** Go's string order (bytewise UTF-8). */
function compareBytes(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) if (ea[i] !== eb[i]) return ea[i]! - eb[i]!;
  return ea.length - eb.length;
}

/** `Route.tracing` for an IR `telemetry.tracing` value. */
export function routeTracing(tracing: unknown): JsonObject | undefined {
  if (!isRecord(tracing)) return undefined;
  const out: JsonObject = { clientSampling: fractionalPercent(tracing.clientSamplingFraction) };
  if (isRecord(tracing.samplingFraction)) out.randomSampling = fractionalPercent(tracing.samplingFraction);
  if (isRecord(tracing.overallSamplingFraction)) out.overallSampling = fractionalPercent(tracing.overallSamplingFraction);

  const tags = new Map<string, JsonObject>();
  for (const entry of list(tracing.customTags)) {
    if (!isRecord(entry) || typeof entry.key !== 'string') continue;
    const tag = customTag(entry.key, entry.value);
    if (tag) tags.set(entry.key, tag);
  }
  // `tags` (formatter strings) win over deprecated `customTags` of the same name.
  for (const entry of list(tracing.tags)) {
    if (!isRecord(entry) || typeof entry.key !== 'string' || typeof entry.value !== 'string') continue;
    tags.set(entry.key, { tag: entry.key, value: entry.value });
  }
  if (tags.size > 0) out.customTags = [...tags.keys()].sort(compareBytes).map((k) => tags.get(k)!);

  if (isRecord(tracing.spanName)) {
    const client = str(tracing.spanName.client);
    const server = str(tracing.spanName.server);
    if (client) out.operation = client;
    if (server) out.upstreamOperation = server;
  }
  return out;
}

/** Writes `Route.stat_prefix` from the route's stat name, when it has one. */
export function routeStatPrefix(route: JsonObject, ctx: EmitContext): void {
  const statName = str(routeSettings(ctx).statName);
  if (statName) route.statPrefix = statName;
}

export const telemetryRoute: RouteEmission = {
  apply(route, value, ctx) {
    const tracing = isRecord(value) ? routeTracing(value.tracing) : undefined;
    if (tracing) route.tracing = tracing;
    routeStatPrefix(route, ctx);
  },
};
