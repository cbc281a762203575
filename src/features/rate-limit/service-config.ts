/**
 * `emitRateLimitConfigs`: a `Resolution` → the rate limit service's configuration for every
 * global rate limit rule it holds: one `RateLimitConfig` per domain, as Envoy Gateway serves them
 * to envoyproxy/ratelimit (`internal/xds/translator/ratelimit.go`, `BuildRateLimitServiceConfig`).
 *
 * - Domains: each listener's domain (its name) and one per shared rule's policy
 *   (`global-descriptors.ts`); a configuration is named like its domain; configurations come
 *   sorted by domain.
 * - Within a domain, the descriptor tree holds, per route (listeners in order, a listener's
 *   routes in Envoy Gateway's route order) and per global rule, the chain of entries the route
 *   sends: the owner's generic key (the route, or the shared rule), then the rule's selectors.
 *   Chains that start alike share their nodes, so a shared rule used by several routes appears
 *   once. The limit sits on the last node: `requests_per_unit` per the rule's unit, upper-cased
 *   (`Hour` → `HOUR`); a distinct selector's node has an empty value (one counter per value); a
 *   rule in shadow mode marks every node of its chain below the owner.
 * - Two rules whose chains end on the same node with different limits cannot both hold: the
 *   first keeps it and the second is reported as a warning.
 * - A configuration the service would refuse (`service-config-loader.ts`: an unknown unit, an
 *   empty key or domain, …) is not returned; each broken rule becomes an error diagnostic on the
 *   policy rule it comes from.
 *
 * Two forms: protojson (`configs`, what an xDS config server sends) and, with
 * {@link rateLimitConfigFiles}, the YAML files the service loads from its runtime directory.
 *
 * Never throws; malformed routes and rules are left out.
 */
import { stringify } from 'yaml';
import type { Diagnostic, RouteEntryInput, RoutesInput } from '../../resolve/types.js';
import { describeThrown, readPlainData } from '../../model/limits.js';
import { routeProtocol } from '../../model/kinds.js';
import { isRecord } from '../../lang/json.js';
import { unknownOptionKeys } from '../../lang/option-keys.js';
import { clusterNameOf, listenerNameOf, routesOf } from '../../emit/emit-envoy.js';
import { RouteReader, type RouteInput } from '../../emit/emit-input.js';
import { compareRouteEntries, ruleRoutes, type RouteEntry } from '../../emit/route-configuration.js';
import { budgetOf, envoyRouteFactors, OutputBudget, overBudgetMessage, type EmitBudget } from '../../emit/emit-budget.js';
import { routeRuleName } from '../../emit/emit-diagnostics.js';
import { configValue, globalRuleDescriptors, type GlobalRuleDescriptors } from './global-descriptors.js';
import type { DescriptorEntry } from './envoy-actions.js';
import type { RateLimitRuleTraffic } from './traffic.js';
import { rateLimitServiceConfigProblems } from './service-config-loader.js';
import type { RateLimitConfig, RateLimitDescriptor, RateLimitServiceDescriptor, RateLimitServiceFile } from './service-config-schema.js';

/** What {@link emitRateLimitConfigs} returns. */
export interface RateLimitConfigs {
  /** One per domain, sorted by domain: protojson of `ratelimit.config.ratelimit.v3.RateLimitConfig`. */
  configs: RateLimitConfig[];
  /** Limits that could not be kept, and configurations held back because the service would refuse them. */
  diagnostics: Diagnostic[];
}

/** Where a descriptor node came from: the first route and rule that needed it. */
interface DescriptorOrigin {
  /** The Envoy route (Envoy Gateway's IR route name). */
  envoyRoute: string;
  /** Index of the route entry in `Resolution.routes`. */
  routeIndex: number;
  ruleName: string;
  /** The rule's index in the route's `traffic.rateLimit.global.rules`. */
  position: number;
}

/** The limit a rule puts on its descriptor, as the service reads it. */
interface Limit {
  unit: string;
  requests: number;
}

interface TreeNode {
  key: string;
  value: string;
  limit?: Limit;
  shadowMode: boolean;
  children: TreeNode[];
  /** The children by key and value. */
  index: Map<string, TreeNode>;
  origin: DescriptorOrigin;
}

const entryId = (key: string, value: string): string => `${key}\u0000${value}`;

/** The limit of an IR rule: its requests per its unit, upper-cased as the service's enum names are. */
function ruleLimit(rule: RateLimitRuleTraffic): Limit {
  return { unit: rule.limit.unit.toUpperCase(), requests: rule.limit.requests };
}

const sameLimit = (a: Limit, b: Limit): boolean => a.unit === b.unit && a.requests === b.requests;

/** The policy and spec path of an IR rule named `<namespace>/<policy>/rule/<i>`. */
function policyRule(origin: DescriptorOrigin): Pick<Diagnostic, 'path' | 'object'> {
  const m = /^([^/]+)\/([^/]+)\/rule\/(\d+)$/.exec(origin.ruleName);
  if (!m) return { path: `routes[${origin.routeIndex}].traffic.rateLimit.global.rules[${origin.position}]` };
  return { path: `spec.rateLimit.global.rules[${m[3]}]`, object: { kind: 'BackendTrafficPolicy', namespace: m[1]!, name: m[2]! } };
}

const showEntries = (nodes: readonly TreeNode[]): string => nodes.map((n) => (n.value === '' ? n.key : `${n.key}=${n.value}`)).join(' → ');
const showLimit = (l: Limit, shadow: boolean): string => `${l.requests} per ${l.unit}${shadow ? ' (shadow mode)' : ''}`;

/** The descriptor trees of every domain, built route by route. */
class DomainTrees {
  /** Per domain, a root whose children are the domain's descriptors. */
  readonly domains = new Map<string, TreeNode>();
  readonly diagnostics: Diagnostic[] = [];

  add(rule: GlobalRuleDescriptors, entries: readonly DescriptorEntry[], origin: DescriptorOrigin): void {
    if (entries.length === 0) return;
    const limit = ruleLimit(rule.rule);
    const shadow = rule.rule.shadowMode === true;
    let parent = this.domains.get(rule.domain);
    if (!parent) {
      parent = { key: '', value: '', shadowMode: false, children: [], index: new Map(), origin };
      this.domains.set(rule.domain, parent);
    }
    const path: TreeNode[] = [];
    entries.forEach((entry, depth) => {
      const value = configValue(entry);
      let node = parent!.index.get(entryId(entry.key, value));
      if (!node) {
        // The owner's node (the route or the shared rule) is never in shadow mode; the rule's nodes are.
        node = { key: entry.key, value, shadowMode: depth > 0 && shadow, children: [], index: new Map(), origin };
        parent!.children.push(node);
        parent!.index.set(entryId(entry.key, value), node);
      }
      path.push(node);
      parent = node;
    });
    const leaf = path[path.length - 1]!;
    if (!leaf.limit) {
      leaf.limit = limit;
      leaf.shadowMode = shadow;
    } else if (!sameLimit(leaf.limit, limit) || leaf.shadowMode !== shadow) {
      this.diagnostics.push({
        severity: 'warning',
        ...policyRule(origin),
        message:
          `rate limit rule ${origin.ruleName} on route ${origin.envoyRoute}: the descriptor ${showEntries(path)} in domain ${JSON.stringify(rule.domain)} ` +
          `already has the limit ${showLimit(leaf.limit, leaf.shadowMode)} (rule ${leaf.origin.ruleName} on route ${leaf.origin.envoyRoute}); ` +
          `the rate limit service keeps one limit per descriptor, so ${showLimit(limit, shadow)} is not used`,
      });
    }
  }
}

/** A route entry of the Resolution, as the emitter sees it. */
interface ListenerRoute {
  entry: RouteEntry;
  input: RouteInput;
  routeIndex: number;
}

/** Route rules left out for the budget: one diagnostic each, counting the listeners. */
class LeftOut {
  private readonly byRule = new Map<string, { diagnostic: Diagnostic; listeners: number }>();

  constructor(private readonly diagnostics: Diagnostic[]) {}

  add(route: RouteEntryInput, routeIndex: number, why: string): void {
    const rule = routeRuleName(route);
    const seen = this.byRule.get(rule);
    if (seen) {
      seen.listeners++;
      return;
    }
    const diagnostic: Diagnostic = { severity: 'error', path: `routes[${routeIndex}]`, message: `${overBudgetMessage(route, why)}: ${rule} is not in the rate limit service configuration` };
    const policy = route.policies[0];
    if (policy) diagnostic.object = { kind: 'BackendTrafficPolicy', namespace: policy.namespace, name: policy.name };
    this.diagnostics.push(diagnostic);
    this.byRule.set(rule, { diagnostic, listeners: 1 });
  }

  finish(): void {
    for (const { diagnostic, listeners } of this.byRule.values()) if (listeners > 1) diagnostic.message += ` (left out on ${listeners} listeners)`;
  }
}

/**
 * The HTTP routes of each listener, in Envoy Gateway's order: listeners by first appearance, a
 * listener's Envoy routes sorted by its route precedence (ties keep their order).
 *
 * Entries are read through the emitter's boundary, so a route's global rules are the ones
 * `emitEnvoy` gives Envoy: a `rateLimit` it leaves out of a route (not the shape of
 * `traffic.rateLimit`, or a value Envoy rejects) sends nothing here either. Reporting that, and
 * routes that cannot be read, is `emitEnvoy`'s part. Route entries past the budget's Envoy routes
 * are left out.
 */
function routesByListener(routes: readonly unknown[], budget: OutputBudget, leftOut: LeftOut): Map<string, ListenerRoute[]> {
  const reader = new RouteReader([]);
  const listeners = new Map<string, ListenerRoute[]>();
  let length = 0;
  try {
    length = routes.length;
  } catch {
    // A proxy list emitEnvoy reports as unreadable: nothing to read here either.
  }
  for (let routeIndex = 0; routeIndex < length; routeIndex++) {
    try {
      // Read in the guard: an item's getter may throw.
      const input = reader.read(routes[routeIndex], routeIndex);
      if (!input) continue;
      const { route } = input;
      // A rule answered by a direct response sends nothing to the rate limit service.
      if (routeProtocol(route.route.kind) !== 'http' || route.directResponse) continue;
      const { matches, hostnames } = envoyRouteFactors(route);
      const over = budget.spend(matches * hostnames, 0);
      if (over) {
        leftOut.add(route, routeIndex, over);
        continue;
      }
      const listener = listenerNameOf(route);
      const list = listeners.get(listener) ?? [];
      // Only the Envoy routes' names and order matter here: no traffic is needed to build them.
      for (const entry of ruleRoutes(route, { cluster: clusterNameOf(route) }, {})) list.push({ entry, input, routeIndex });
      listeners.set(listener, list);
    } catch {
      // A route that cannot be read, or whose Envoy routes cannot be built, is left out.
    }
  }
  for (const [listener, list] of listeners) {
    const sorted = list.map((x, i) => ({ x, i })).sort((a, b) => compareRouteEntries(a.x.entry.sortKey, b.x.entry.sortKey) || a.i - b.i);
    listeners.set(listener, sorted.map(({ x }) => x));
  }
  return listeners;
}

/** The global rules of one Envoy route of a route entry, with their descriptors. */
export function envoyRouteRuleDescriptors(input: RouteInput, envoyRoute: string): GlobalRuleDescriptors[] {
  return globalRuleDescriptors(input.traffic.traffic.rateLimit?.global, envoyRoute, listenerNameOf(input.route));
}

/**
 * The service's YAML file form of a configuration (what it loads from its runtime directory;
 * the xDS form is read into the same shape).
 */
export function rateLimitServiceFile(config: RateLimitConfig): RateLimitServiceFile {
  const descriptor = (d: RateLimitDescriptor): RateLimitServiceDescriptor => {
    const out: RateLimitServiceDescriptor = { key: d.key };
    if (d.value) out.value = d.value;
    if (d.rateLimit) {
      const limit: NonNullable<RateLimitServiceDescriptor['rate_limit']> = {};
      if (d.rateLimit.unit) limit.unit = d.rateLimit.unit;
      if (!d.rateLimit.unlimited || d.rateLimit.requestsPerUnit) limit.requests_per_unit = d.rateLimit.requestsPerUnit ?? 0;
      if (d.rateLimit.unlimited) limit.unlimited = true;
      if (d.rateLimit.name) limit.name = d.rateLimit.name;
      if (d.rateLimit.replaces?.length) limit.replaces = d.rateLimit.replaces.map((r) => ({ ...r }));
      out.rate_limit = limit;
    }
    if (d.descriptors?.length) out.descriptors = d.descriptors.map(descriptor);
    if (d.shadowMode) out.shadow_mode = true;
    if (d.detailedMetric) out.detailed_metric = true;
    if (d.quotaMode) out.quota_mode = true;
    return out;
  };
  const out: RateLimitServiceFile = { domain: config.domain };
  if (config.descriptors?.length) out.descriptors = config.descriptors.map(descriptor);
  return out;
}

/** protojson of a tree node (zero values left out, as protojson does); its unit is checked before it is handed out. */
function protoDescriptor(node: TreeNode): RateLimitDescriptor {
  const out: RateLimitDescriptor = { key: node.key };
  if (node.value !== '') out.value = node.value;
  if (node.limit) {
    out.rateLimit = { unit: node.limit.unit as NonNullable<RateLimitDescriptor['rateLimit']>['unit'] };
    if (node.limit.requests !== 0) out.rateLimit.requestsPerUnit = node.limit.requests;
  }
  if (node.children.length > 0) out.descriptors = node.children.map(protoDescriptor);
  if (node.shadowMode) out.shadowMode = true;
  return out;
}

/** The node at a descriptor index path. */
function nodeAt(nodes: readonly TreeNode[], indices: readonly number[]): TreeNode | undefined {
  let node: TreeNode | undefined;
  let level = nodes;
  for (const i of indices) {
    node = level[i];
    if (!node) return undefined;
    level = node.children;
  }
  return node;
}

/** Options of {@link emitRateLimitConfigs}. */
export interface RateLimitConfigOptions {
  /**
   * The output budget, as `emitEnvoy`'s (default: 100,000 Envoy routes, 128 MiB): its `bytes` bound
   * the descriptor entries the routes ask for (their keys and values, 32 bytes more each).
   */
  budget?: EmitBudget;
}

/** Bytes counted for a descriptor entry besides its key and value (the node's protojson field names). */
const DESCRIPTOR_OVERHEAD = 32;

/** The configuration of every domain the resolved global rate limit rules use. */
export function emitRateLimitConfigs(resolution: RoutesInput, options?: RateLimitConfigOptions): RateLimitConfigs {
  try {
    return emit(resolution, options);
  } catch (err) {
    // Not reachable by data: the Resolution and each route are read in their own guards.
    return { configs: [], diagnostics: [{ severity: 'error', path: '', message: `internal error (${describeThrown(err)}); no rate limit configuration was emitted` }] };
  }
}

/** The options, read as `emitEnvoy` reads its own: what cannot be read, and keys that are no option, are warnings. */
function readOptions(options: unknown, diagnostics: Diagnostic[]): unknown {
  if (options === undefined) return undefined;
  const read = readPlainData(options);
  if (!read.ok || !isRecord(read.value)) {
    const why = read.ok ? 'they are not an object' : read.violation.message;
    diagnostics.push({ severity: 'warning', path: 'options', message: `the rate limit options could not be read (${why}); the defaults are used` });
    return undefined;
  }
  for (const { path, message } of unknownOptionKeys(read.value, ['budget'], 'an option of emitRateLimitConfigs')) diagnostics.push({ severity: 'warning', path, message });
  return read.value;
}

function emit(resolution: RoutesInput, options: RateLimitConfigOptions | undefined): RateLimitConfigs {
  const trees = new DomainTrees();
  const budgetDiagnostics: Diagnostic[] = [];
  const opts = readOptions(options, budgetDiagnostics);
  const routesList = routesOf(resolution, budgetDiagnostics);
  const budget = new OutputBudget(budgetOf(opts, (message) => budgetDiagnostics.push({ severity: 'warning', path: 'options.budget', message })));
  const leftOut = new LeftOut(budgetDiagnostics);
  for (const routes of routesByListener(routesList, budget, leftOut).values()) {
    for (const { entry, input, routeIndex } of routes) {
      const envoyRoute = entry.route.name;
      const rules = envoyRouteRuleDescriptors(input, envoyRoute);
      let bytes = 0;
      for (const rule of rules) for (const variant of rule.variants) for (const e of variant.entries) bytes += e.key.length + configValue(e).length + DESCRIPTOR_OVERHEAD;
      const over = budget.spend(0, bytes);
      if (over) {
        leftOut.add(input.route, routeIndex, over);
        continue;
      }
      for (const rule of rules) {
        const origin: DescriptorOrigin = { envoyRoute, routeIndex, ruleName: rule.ruleName, position: rule.position };
        for (const variant of rule.variants) trees.add(rule, variant.entries, origin);
      }
    }
  }
  leftOut.finish();

  const configs: RateLimitConfig[] = [];
  const diagnostics = [...budgetDiagnostics, ...trees.diagnostics];
  const domains = [...trees.domains.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const domain of domains) {
    const nodes = trees.domains.get(domain)!.children;
    const config: RateLimitConfig = { name: domain, domain };
    if (nodes.length > 0) config.descriptors = nodes.map(protoDescriptor);
    const problems = rateLimitServiceConfigProblems(rateLimitServiceFile(config));
    if (problems.length > 0) {
      for (const p of problems) {
        const origin = nodeAt(nodes, p.descriptor)?.origin ?? nodes[0]?.origin;
        diagnostics.push({
          severity: 'error',
          ...(origin ? policyRule(origin) : { path: p.path }),
          message: `the rate limit service would refuse the configuration of domain ${JSON.stringify(domain)}, so it is not emitted: ${p.path}: ${p.message}`,
        });
      }
      continue;
    }
    configs.push(config);
  }
  return { configs, diagnostics };
}

/** One YAML file for the service's runtime directory. */
export interface RateLimitConfigFile {
  /** A file name made from the domain (`/` and other characters unsafe in file names become `_`), ending in `.yaml`. */
  fileName: string;
  domain: string;
  content: string;
}

/**
 * The YAML files for the rate limit service's runtime directory
 * (`$RUNTIME_ROOT/$RUNTIME_SUBDIRECTORY/config/`), one per configuration.
 */
export function rateLimitConfigFiles(configs: readonly RateLimitConfig[]): RateLimitConfigFile[] {
  const used = new Set<string>();
  return configs.map((config) => {
    const base = config.domain.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
    let fileName = `${base}.yaml`;
    for (let n = 2; used.has(fileName); n++) fileName = `${base}-${n}.yaml`;
    used.add(fileName);
    return { fileName, domain: config.domain, content: stringify(rateLimitServiceFile(config), { lineWidth: 0, version: '1.1' }) };
  });
}
