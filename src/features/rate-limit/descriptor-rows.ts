/**
 * `globalRateLimitRows`: for one route rule of a Resolution, the descriptor each of its global
 * rate limit rules makes Envoy send to the rate limit service, and the limit the service's
 * configuration holds for it. What `btp explain` prints; usable on its own to answer "which
 * limit applies to this request?".
 *
 * The limit is looked up the way the service does: entry by entry, a descriptor node with the
 * entry's key and value, else one with its key and an empty value (any value); the limit is the
 * one on the node of the last entry.
 */
import type { RouteEntryInput, RoutesInput } from '../../resolve/types.js';
import type { RateLimitAction, StringMatcher } from '../../emit/envoy-types/index.js';
import { clusterNameOf } from '../../emit/emit-envoy.js';
import { RouteReader } from '../../emit/emit-input.js';
import { ruleRoutes } from '../../emit/route-configuration.js';
import { configValue } from './global-descriptors.js';
import { emitRateLimitConfigs, envoyRouteRuleDescriptors } from './service-config.js';
import type { RateLimitConfig, RateLimitDescriptor } from './service-config-schema.js';

/** One entry of a descriptor, with what produces its value. */
export interface DescriptorRowEntry {
  key: string;
  /** The fixed value; absent when the request supplies it (`from` says which part of it). */
  value?: string;
  /** What the entry stands for: the route, a header or query match, the client address, … */
  from: string;
}

/** One descriptor a route sends for one global rule (one per method match of the rule). */
export interface GlobalRateLimitRow {
  /** The Envoy route (one per hostname × match of the rule), as Envoy Gateway names it. */
  envoyRoute: string;
  /** The rate limit service domain the descriptor goes to. */
  domain: string;
  /** The IR rule (`<namespace>/<policy>/rule/<index>`). */
  ruleName: string;
  shared: boolean;
  descriptor: DescriptorRowEntry[];
  /**
   * The limit the service's configuration holds for this descriptor; absent when the domain's
   * configuration is not emitted (its diagnostics say why).
   */
  limit?: { requestsPerUnit: number; unit: string; shadowMode: boolean };
}

function describeMatcher(m: StringMatcher | undefined): string {
  if (!m) return '?';
  if ('exact' in m) return `exact ${JSON.stringify(m.exact)}`;
  if ('prefix' in m) return `prefix ${JSON.stringify(m.prefix)}`;
  if ('suffix' in m) return `suffix ${JSON.stringify(m.suffix)}`;
  return `regex ${JSON.stringify(m.safeRegex.regex)}`;
}

/** A value match: the name matched, then the match (or its inversion). */
const describeMatch = (what: string, expectMatch: boolean, m: StringMatcher | undefined): string => `${what} ${expectMatch ? '' : 'not '}${describeMatcher(m)}`;

/** What an action stands for (each kind of action the global rules produce). */
function describeAction(action: RateLimitAction | undefined, first: boolean, shared: boolean): string {
  if (!action) return '?';
  if ('genericKey' in action) return first ? (shared ? 'the shared rule' : 'the route') : 'every request';
  if ('requestHeaders' in action) return `header ${action.requestHeaders.headerName} (each value)`;
  if ('queryParameters' in action) return `query parameter ${action.queryParameters.queryParameterName} (each value)`;
  if ('headerValueMatch' in action) {
    const { headers, expectMatch } = action.headerValueMatch;
    return describeMatch(String(headers[0]?.name), expectMatch, headers[0]?.stringMatch);
  }
  if ('queryParameterValueMatch' in action) {
    const { queryParameters, expectMatch } = action.queryParameterValueMatch;
    return describeMatch(`query parameter ${String(queryParameters[0]?.name)}`, expectMatch, queryParameters[0]?.stringMatch);
  }
  const { addressMatcher, descriptorValue } = action.remoteAddressMatch;
  const range = addressMatcher.ranges[0];
  const cidr = `${String(range?.addressPrefix)}/${String(range?.prefixLen ?? 0)}`;
  if (descriptorValue.includes('%')) return `client address in ${cidr} (each value)`;
  return `client address ${addressMatcher.invertMatch === true ? 'not ' : ''}in ${cidr}`;
}

/** The service's lookup of a descriptor in a domain's configuration: the node of the last entry. */
function lookup(config: RateLimitConfig | undefined, entries: readonly DescriptorRowEntry[]): RateLimitDescriptor | undefined {
  let level = config?.descriptors ?? [];
  let node: RateLimitDescriptor | undefined;
  for (const entry of entries) {
    const value = configValue(entry);
    node = level.find((d) => d.key === entry.key && (d.value ?? '') === value && value !== '') ?? level.find((d) => d.key === entry.key && (d.value ?? '') === '');
    if (!node) return undefined;
    level = node.descriptors ?? [];
  }
  return node;
}

/** The global rate limit descriptors of one route rule, and their limits. */
export function globalRateLimitRows(resolution: RoutesInput, route: RouteEntryInput): GlobalRateLimitRow[] {
  try {
    // The route as `emitEnvoy` reads it (see `emitRateLimitConfigs`).
    const input = new RouteReader([]).read(route, 0);
    if (!input?.traffic.traffic.rateLimit?.global || input.route.directResponse) return [];
    const configs = new Map(emitRateLimitConfigs(resolution).configs.map((c) => [c.domain, c]));
    const rows: GlobalRateLimitRow[] = [];
    // Only the Envoy routes' names matter here, not their actions: no traffic is needed to build them.
    for (const entry of ruleRoutes(input.route, { cluster: clusterNameOf(input.route) }, {})) {
      const envoyRoute = entry.route.name;
      for (const rule of envoyRouteRuleDescriptors(input, envoyRoute)) {
        for (const variant of rule.variants) {
          const descriptor = variant.entries.map((e, i): DescriptorRowEntry => {
            const out: DescriptorRowEntry = { key: e.key, from: describeAction(variant.actions[i], i === 0, rule.shared) };
            if (e.value !== undefined) out.value = e.value;
            return out;
          });
          const row: GlobalRateLimitRow = { envoyRoute, domain: rule.domain, ruleName: rule.ruleName, shared: rule.shared, descriptor };
          const node = lookup(configs.get(rule.domain), descriptor);
          if (node?.rateLimit) {
            row.limit = { requestsPerUnit: node.rateLimit.requestsPerUnit ?? 0, unit: node.rateLimit.unit ?? 'UNKNOWN', shadowMode: node.shadowMode === true };
          }
          rows.push(row);
        }
      }
    }
    return rows;
  } catch {
    return [];
  }
}
