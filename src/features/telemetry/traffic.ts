/**
 * `telemetry` → Envoy Gateway's IR `traffic.telemetry`: `{tracing}` with
 * `samplingFraction?`, `clientSamplingFraction?`, `overallSamplingFraction?` (fractions as given),
 * `customTags?: [{key, value: <CustomTag>}]` and `tags?: [{key, value}]` (both maps turned into
 * lists sorted by key, as EG's IR holds them), and `spanName?`. Without `tracing` the key is
 * omitted.
 *
 * `metrics.routeStatName` is not part of `traffic`: it becomes the IR route's `statName`, computed
 * per route with {@link routeStatName}. It is validated here, with errors (prefix `Telemetry`):
 * - `unable to configure Route Stat Name: unable to configure stat name with invalid operator`
 *   (a `%` that does not close a `%…%` operator);
 * - `unable to configure Route Stat Name: unsupported operators: [%X% …]` (operators other than
 *   `%ROUTE_NAME%`, `%ROUTE_NAMESPACE%`, `%ROUTE_KIND%`, `%ROUTE_RULE_NAME%`).
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { isRecord } from '../raw-values.js';
import { compareGoStrings } from '../../lang/go-strings.js';
import type { FeatureOutcome, RouteFields, Translation } from '../feature.js';

/** A Gateway API `Fraction` as given (`denominator` unset means 100). */
export const FractionTrafficSchema = z.object({
  numerator: z.number().optional(),
  denominator: z.number().optional(),
});
export type FractionTraffic = z.infer<typeof FractionTrafficSchema>;

/** A span tag source as written in the policy (the deprecated `customTags` form); any part may be missing. */
export const CustomTagTrafficSchema = z.object({
  type: z.string().optional(),
  literal: z.object({ value: z.string().optional() }).optional(),
  environment: z.object({ name: z.string().optional(), defaultValue: z.string().optional() }).optional(),
  requestHeader: z.object({ name: z.string().optional(), defaultValue: z.string().optional() }).optional(),
});
export type CustomTagTraffic = z.infer<typeof CustomTagTrafficSchema>;

/** Route tracing: sampling fractions, span tags sorted by key, span names. */
export const TracingTrafficSchema = z.object({
  samplingFraction: FractionTrafficSchema.optional(),
  clientSamplingFraction: FractionTrafficSchema.optional(),
  overallSamplingFraction: FractionTrafficSchema.optional(),
  customTags: z.array(z.object({ key: z.string(), value: CustomTagTrafficSchema })).optional(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  spanName: z.object({ client: z.string().optional(), server: z.string().optional() }).optional(),
});
export type TracingTraffic = z.infer<typeof TracingTrafficSchema>;

/** `traffic.telemetry`. */
export const TelemetryTrafficSchema = z.object({
  tracing: TracingTrafficSchema.optional(),
});
export type TelemetryTraffic = z.infer<typeof TelemetryTrafficSchema>;

/** The operators `routeStatName` may use. */
export const ROUTE_STAT_NAME_OPERATORS = ['%ROUTE_NAME%', '%ROUTE_NAMESPACE%', '%ROUTE_KIND%', '%ROUTE_RULE_NAME%'] as const;

const OPERATOR = /%[^%]*%/g;

/** Why a `routeStatName` is rejected (without the `unable to configure Route Stat Name: ` part), or undefined. */
function routeStatNameError(template: string): string | undefined {
  if (template.replace(OPERATOR, '').includes('%')) return 'unable to configure stat name with invalid operator';
  const unsupported = (template.match(OPERATOR) ?? []).filter((op) => !(ROUTE_STAT_NAME_OPERATORS as readonly string[]).includes(op));
  return unsupported.length > 0 ? `unsupported operators: [${unsupported.join(' ')}]` : undefined;
}

/**
 * The route's stat name from a `routeStatName` template: `%ROUTE_NAME%`, `%ROUTE_NAMESPACE%`,
 * `%ROUTE_KIND%` and `%ROUTE_RULE_NAME%` (the rule's name, `-` when it has none) replaced from
 * the route, one operator after the other as Envoy Gateway's `strings.ReplaceAll` calls do
 * (internal/gatewayapi/backendtrafficpolicy.go). Replacements are literal: a `$&` or `$'` in a name
 * stays as written. Returns `undefined`, without building it, when the name would be longer than
 * `maxLength` characters.
 */
export function routeStatName(
  template: string,
  route: { name: string; namespace: string; kind: string; ruleName?: string },
  maxLength: number = Number.MAX_SAFE_INTEGER,
): string | undefined {
  const ruleName = route.ruleName === undefined || route.ruleName === '' ? '-' : route.ruleName;
  const steps: ReadonlyArray<readonly [string, string]> = [
    ['%ROUTE_NAME%', route.name],
    ['%ROUTE_NAMESPACE%', route.namespace],
    ['%ROUTE_KIND%', route.kind],
    ['%ROUTE_RULE_NAME%', ruleName],
  ];
  if (template.length > maxLength) return undefined;
  let name = template;
  for (const [operator, value] of steps) {
    // The length after this step, from the number of occurrences: checked before anything is built.
    let count = 0;
    for (let i = name.indexOf(operator); i >= 0; i = name.indexOf(operator, i + operator.length)) count++;
    if (count === 0) continue;
    if (name.length + count * (value.length - operator.length) > maxLength) return undefined;
    name = name.split(operator).join(value);
  }
  return name;
}

function fraction(v: unknown): FractionTraffic | undefined {
  if (!isRecord(v)) return undefined;
  const f: FractionTraffic = {};
  if (typeof v.numerator === 'number') f.numerator = v.numerator;
  if (typeof v.denominator === 'number') f.denominator = v.denominator;
  return f;
}

/** Build `traffic.telemetry.tracing` from `spec.telemetry.tracing`. */
function buildTracing(t: Record<string, unknown>): TracingTraffic {
  const out: TracingTraffic = {};
  for (const key of ['samplingFraction', 'clientSamplingFraction', 'overallSamplingFraction'] as const) {
    const f = fraction(t[key]);
    if (f) out[key] = f;
  }
  if (isRecord(t.customTags)) {
    const entries = Object.entries(t.customTags).sort(([a], [b]) => compareGoStrings(a, b));
    if (entries.length > 0) out.customTags = entries.map(([key, value]) => ({ key, value: isRecord(value) ? structuredClone(value) : {} }));
  }
  if (isRecord(t.tags)) {
    const entries = Object.entries(t.tags).sort(([a], [b]) => compareGoStrings(a, b));
    if (entries.length > 0) out.tags = entries.map(([key, value]) => ({ key, value: typeof value === 'string' ? value : '' }));
  }
  if (isRecord(t.spanName)) {
    const s: NonNullable<TracingTraffic['spanName']> = {};
    if (typeof t.spanName.client === 'string') s.client = t.spanName.client;
    if (typeof t.spanName.server === 'string') s.server = t.spanName.server;
    out.spanName = s;
  }
  return out;
}

export const telemetryTranslation: Translation<TelemetryTraffic> = {
  build(spec: BackendTrafficPolicySpecInput): FeatureOutcome<TelemetryTraffic> {
    if (!isRecord(spec.telemetry)) return {};
    const metrics = spec.telemetry.metrics;
    if (isRecord(metrics) && typeof metrics.routeStatName === 'string') {
      const err = routeStatNameError(metrics.routeStatName);
      if (err) return { errors: [`unable to configure Route Stat Name: ${err}`] };
    }
    const tracing = spec.telemetry.tracing;
    return isRecord(tracing) ? { value: { tracing: buildTracing(tracing) } } : {};
  },
};

/** `telemetry.metrics.routeStatName`: a template the resolver substitutes for each route entry ({@link routeStatName}). */
export const telemetryRouteFields: RouteFields = (spec) => {
  const name = (spec.telemetry as { metrics?: { routeStatName?: unknown } } | undefined)?.metrics?.routeStatName;
  return typeof name === 'string' && name !== '' ? { statName: name } : undefined;
};
