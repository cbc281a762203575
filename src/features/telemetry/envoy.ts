/**
 * `traffic.telemetry` → `Route.tracing`, and the route's stat prefix.
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
import type { EmitContext } from '../../emit/emit-context.js';
import type { CustomTag, Route, Tracing } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { fractionalPercent } from '../../emit/protojson.js';
import { routeSettings } from '../../emit/route-parts.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import { compareGoStrings } from '../../lang/go-strings.js';
import type { CustomTagTraffic, TelemetryTraffic, TracingTraffic } from './traffic.js';

/**
 * An Envoy `CustomTag` from an Envoy Gateway custom tag (`{type, literal | environment |
 * requestHeader}`; without `type`, the sub-object present decides); undefined when the sub-object
 * the type names is missing.
 */
function customTag(tag: string, value: CustomTagTraffic): CustomTag | undefined {
  const withDefault = (source: { name?: string; defaultValue?: string } | undefined) =>
    source?.name === undefined ? undefined : { name: source.name, ...(source.defaultValue ? { defaultValue: source.defaultValue } : {}) };
  const type = value.type ?? (value.environment ? 'Environment' : value.requestHeader ? 'RequestHeader' : 'Literal');
  switch (type) {
    case 'Literal':
      return value.literal?.value === undefined ? undefined : { tag, literal: { value: value.literal.value } };
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

/** The route's custom tags: `customTags`, then `tags` (formatter strings), which win for the same name; sorted by name. */
function customTags(tracing: TracingTraffic): CustomTag[] {
  const tags = new Map<string, CustomTag>();
  for (const entry of tracing.customTags ?? []) {
    const tag = customTag(entry.key, entry.value);
    if (tag) tags.set(entry.key, tag);
  }
  for (const entry of tracing.tags ?? []) tags.set(entry.key, { tag: entry.key, value: entry.value });
  return [...tags.keys()].sort(compareGoStrings).map((k) => tags.get(k)!);
}

/** `Route.tracing` for a `telemetry.tracing` value. */
export function routeTracing(tracing: TracingTraffic): Tracing {
  const out: Tracing = { clientSampling: fractionalPercent(tracing.clientSamplingFraction) };
  if (tracing.samplingFraction) out.randomSampling = fractionalPercent(tracing.samplingFraction);
  if (tracing.overallSamplingFraction) out.overallSampling = fractionalPercent(tracing.overallSamplingFraction);
  const tags = customTags(tracing);
  if (tags.length > 0) out.customTags = tags;
  if (tracing.spanName?.client) out.operation = tracing.spanName.client;
  if (tracing.spanName?.server) out.upstreamOperation = tracing.spanName.server;
  return out;
}

/**
 * What Envoy rejects in `Route.tracing`: a sampling numerator that is not a `uint32`; a custom tag
 * with an empty name, an empty literal value, an empty environment variable name, or a request
 * header name that is not one.
 */
function telemetryRejections(value: TelemetryTraffic) {
  const rules = new EnvoyRules();
  const tracing = value.tracing;
  if (!tracing) return rules.found;
  for (const key of ['clientSamplingFraction', 'samplingFraction', 'overallSamplingFraction'] as const) {
    if (tracing[key] === undefined && key !== 'clientSamplingFraction') continue;
    rules.integer(`tracing.${key}`, fractionalPercent(tracing[key]).numerator ?? 0, 0, UINT32_MAX, 'Tracing sampling FractionalPercent.numerator');
  }
  for (const tag of customTags(tracing)) {
    const at = `tracing.customTags.${tag.tag}`;
    rules.minLength(at, tag.tag, 1, 'CustomTag.tag');
    if ('literal' in tag) rules.minLength(at, tag.literal.value, 1, 'CustomTag.Literal.value');
    if ('environment' in tag) rules.minLength(at, tag.environment.name, 1, 'CustomTag.Environment.name');
    if ('requestHeader' in tag) rules.headerName(at, tag.requestHeader.name, 'CustomTag.Header.name');
  }
  return rules.found;
}

/** Writes `Route.stat_prefix` from the route's stat name, when it has one. */
function routeStatPrefix(route: Route, ctx: EmitContext): void {
  const statName = routeSettings(ctx).statName;
  if (statName) route.statPrefix = statName;
}

export const telemetryRoute: RouteEmission<TelemetryTraffic> = {
  apply(route, value, ctx) {
    if (value?.tracing) route.tracing = routeTracing(value.tracing);
    routeStatPrefix(route, ctx);
  },
  rejections: telemetryRejections,
};
