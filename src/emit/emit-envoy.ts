/**
 * `emitEnvoy`: a `Resolution` → the Envoy v3 xDS resources Envoy Gateway would produce for the
 * settings BTPs control, in protojson form (lowerCamelCase fields, `@type` on every `Any`, 64-bit
 * integers as strings, durations as `"1.500s"`), named and ordered as Envoy Gateway does.
 *
 * - `clusters`: one per route rule (`httproute/<ns>/<name>/rule/<i>`; TCP/TLS/UDP routes:
 *   `<kind>/<ns>/<name>/rule/-1`), or one per backend (`…/backend/<k>`) when Envoy Gateway has to
 *   split it (zone-aware load balancing, per-backend filters, mixed backends). A cluster shared by
 *   several listeners is built once, from the first route that needs it, as Envoy Gateway does.
 * - `routeConfigurations`: one per gateway listener with HTTP routes (see `route-configuration.ts`).
 * - `httpFilters`: per such listener, the HCM filters its routes need, in Envoy Gateway's order.
 *
 * Never throws. Each route entry is read and its `traffic` checked once, at the boundary
 * (`emit-input.ts`); a value that fails leaves its feature out of that route, a route that cannot be
 * read is left out, and each such omission is reported in `diagnostics`. The output stays within
 * `options.budget` (`emit-budget.ts`): a route entry that would take it past is left out, reported.
 */
import { describeThrown, LIMITS, readPlainData } from '../model/limits.js';
import { unknownOptionKeys } from '../lang/option-keys.js';
import type { RoutesInput } from '../resolve/types.js';
import type { EmitOptions } from './emit-options.js';
import type { Cluster, HttpFilter, ResourceMetadata, RouteConfiguration } from './envoy-types/index.js';
import { HttpFilterCollector } from './http-filters.js';
import { isRecord } from '../lang/json.js';
import { type RouteEntry, routeConfiguration } from './route-configuration.js';
import { RouteReader } from './emit-input.js';
import { routeRuleName, type EmitDiagnostic } from './emit-diagnostics.js';
import { budgetOf, OutputBudget, overBudgetMessage, type EmitBudget } from './emit-budget.js';
import { entryParts, failureDiagnostics, unemittedDiagnostic, type ClusterPart, type EntryParts } from './emit-entry.js';
import { append } from '../lang/append.js';

export type { DestinationSetting, EmitOptions, ListenerSettings } from './emit-options.js';
export type { Cluster, HttpFilter, RouteConfiguration } from './envoy-types/index.js';
export type { EmitDiagnostic } from './emit-diagnostics.js';
export { clusterNameOf, listenerNameOf } from './emit-entry.js';

/** What {@link emitEnvoy} returns: the xDS resources the BTP settings control, named and ordered as Envoy Gateway does. */
export interface EnvoyConfig {
  clusters: Cluster[];
  routeConfigurations: RouteConfiguration[];
  httpFilters: Array<{ listener: string; filters: HttpFilter[] }>;
  /**
   * Every route, listener, cluster part or feature left out of the resources above, and why: a
   * route entry that cannot be read, a `traffic` value that is not its feature's shape, a value
   * Envoy would reject (a CRD-invalid policy's, which the translator lets through), a malformed
   * field ignored. Empty for a `Resolution` of valid policies.
   */
  diagnostics: EmitDiagnostic[];
}

/** The Envoy resources for a Resolution. */
export function emitEnvoy(resolution: RoutesInput, options: EmitOptions = {}): EnvoyConfig {
  const diagnostics: EmitDiagnostic[] = [];
  try {
    return emit(resolution, options, diagnostics);
  } catch (err) {
    // Not reachable by data: every input is read at the boundary, each route in its own guard.
    diagnostics.push({ severity: 'error', path: '', message: `internal error (${describeThrown(err)}); nothing was emitted` });
    return { clusters: [], routeConfigurations: [], httpFilters: [], diagnostics };
  }
}

/** The route entries of the Resolution, unread (an unreadable `routes` is reported and gives none). */
export function routesOf(resolution: unknown, diagnostics: EmitDiagnostic[]): readonly unknown[] {
  try {
    const routes = isRecord(resolution) ? resolution.routes : undefined;
    // A sparse array is cheap to make with any length, and every index of it would be visited.
    if (Array.isArray(routes) && routes.length > LIMITS.maxRouteResults) {
      diagnostics.push({ severity: 'error', path: 'routes', message: `the resolution holds ${routes.length} routes, more than the ${LIMITS.maxRouteResults} a Resolution may hold; nothing to emit` });
      return [];
    }
    if (Array.isArray(routes)) return routes;
    diagnostics.push({ severity: 'error', path: 'routes', message: 'the resolution has no list of routes; nothing to emit' });
  } catch (err) {
    diagnostics.push({ severity: 'error', path: 'routes', message: `the resolution's routes could not be read (${describeThrown(err)}); nothing to emit` });
  }
  return [];
}

/** The emit options as read at the boundary, and what reading them found. */
export interface ReadOptions {
  opts: EmitOptions;
  limits: Required<EmitBudget>;
  /** Why the options as a whole could not be read (then the defaults are used). */
  unreadable?: EmitDiagnostic;
  /** Keys that are no option (ignored), and budget bounds that are not numbers ≥ 0 (their defaults are used). */
  warnings: EmitDiagnostic[];
}

const EMIT_OPTIONS: readonly string[] = ['destinations', 'listeners', 'healthCheckLog', 'rateLimit', 'budget'] satisfies ReadonlyArray<keyof EmitOptions>;

/**
 * Reads the options into plain data (no getter, proxy or cycle reaches the features; nothing of the
 * caller's objects is shared with the output), and their budget.
 */
export function readEmitOptions(options: EmitOptions | undefined): ReadOptions {
  const readOptions = readPlainData(options);
  let opts: EmitOptions = {};
  let unreadable: EmitDiagnostic | undefined;
  if (readOptions.ok && isRecord(readOptions.value)) opts = readOptions.value as EmitOptions;
  else if (options !== undefined) {
    const why = readOptions.ok ? 'they are not an object' : readOptions.violation.message;
    unreadable = { severity: 'warning', path: 'options', message: `the emit options could not be read (${why}); the defaults are used` };
  }
  const warnings: EmitDiagnostic[] = [];
  // A misspelt option (`destination`) would otherwise change nothing without a word.
  for (const { path, message } of unknownOptionKeys(opts, EMIT_OPTIONS, 'an emit option')) warnings.push({ severity: 'warning', path, message });
  const limits = budgetOf(opts, (message) => warnings.push({ severity: 'warning', path: 'options.budget', message }));
  return { opts, limits, ...(unreadable ? { unreadable } : {}), warnings };
}

/** One route entry of the input, read: what reading it found, and its parts when it can be emitted. */
export interface EmitUnit {
  readDiagnostics: readonly EmitDiagnostic[];
  parts?: EntryParts;
}

/** Where an assembly's diagnostics go; `position` is the index of the unit (or listener's first unit) concerned. */
export interface AssemblySink {
  /** The diagnostic as it should read at `position` (e.g. its path made `routes[<position>]…`). */
  place(diagnostic: EmitDiagnostic, position: number): EmitDiagnostic;
  push(diagnostic: EmitDiagnostic, position: number): void;
}

/** A listener's routes as they are gathered. */
interface ListenerRoutes {
  name: string;
  gatewayResource: ResourceMetadata;
  entries: RouteEntry[];
  filters: HttpFilterCollector;
  settings: EntryParts['listenerSettings'];
  /** Its first unit, for diagnostics. */
  first: EntryParts;
  position: number;
}

/** A listener's route configuration and HTTP filters, or why it could not be emitted. */
export type ListenerOutput =
  | { ok: true; routeConfiguration: RouteConfiguration; filters: HttpFilter[] }
  | { ok: false; diagnostic: EmitDiagnostic };

/**
 * The route configuration and filter list of one listener, from its entries in order: the first
 * entry names its `Gateway` metadata, the first request of a filter name wins.
 */
export function listenerOutput(
  name: string,
  first: EntryParts,
  entries: readonly RouteEntry[],
  filters: HttpFilterCollector,
): ListenerOutput {
  try {
    return { ok: true, routeConfiguration: routeConfiguration(name, entries, first.gatewayResource), filters: filters.filters(first.listenerSettings) };
  } catch (err) {
    return {
      ok: false,
      diagnostic: {
        severity: 'error',
        path: first.input.path,
        message: `listener could not be emitted (${describeThrown(err)}); its route configuration and HTTP filters are left out`,
        listener: name,
      },
    };
  }
}

/**
 * The resources of a sequence of route entries, in order, as Envoy Gateway would emit them: each
 * listener's routes and filters, each cluster from the first entry that needs it, and the output
 * budget spent entry by entry (an entry that would take the output past it is left out, reported).
 */
export function assemble(units: readonly EmitUnit[], limits: Required<EmitBudget>, sink: AssemblySink): Omit<EnvoyConfig, 'diagnostics'> {
  const budget = new OutputBudget(limits);
  /** Route rules left out for the budget: their diagnostic, and on how many listeners. */
  const overBudget = new Map<string, { diagnostic: EmitDiagnostic; listeners: number }>();
  const leaveOut = (parts: EntryParts, position: number, why: string): void => {
    const { route } = parts.input;
    const rule = routeRuleName(route);
    const seen = overBudget.get(rule);
    if (seen) {
      seen.listeners++;
      return;
    }
    const raw: EmitDiagnostic = { severity: 'error', path: parts.input.path, message: overBudgetMessage(route, why), route: rule, listener: parts.listenerName };
    if (route.policies.length > 0) raw.policy = route.policies[0]!;
    const diagnostic = sink.place(raw, position);
    sink.push(diagnostic, position);
    overBudget.set(rule, { diagnostic, listeners: 1 });
  };
  const clusters = new Map<string, Cluster>();
  const listeners = new Map<string, ListenerRoutes>();

  const emitUnit = (parts: EntryParts, position: number): void => {
    // The listener's route configuration exists even when none of its routes fit.
    let listener: ListenerRoutes | undefined;
    if (parts.protocol === 'http') {
      listener = listeners.get(parts.listenerName);
      if (!listener) {
        listener = {
          name: parts.listenerName,
          gatewayResource: parts.gatewayResource,
          entries: [],
          filters: new HttpFilterCollector(),
          settings: parts.listenerSettings,
          first: parts,
          position,
        };
        listeners.set(parts.listenerName, listener);
      }
    }
    const countOver = budget.routesOver(parts.routeCount);
    if (countOver) return leaveOut(parts, position, countOver);
    const body = parts.body();
    /** Clusters this entry adds: taken back if its routes do not fit. */
    const added: ClusterPart[] = body.clusters.filter((c) => !clusters.has(c.name));
    let bytes = body.routeBytes;
    for (const c of added) {
      clusters.set(c.name, c.built().cluster);
      bytes += c.built().bytes;
    }
    for (const d of failureDiagnostics(parts, body, added)) sink.push(sink.place(d, position), position);
    const over = budget.spend(parts.routeCount, bytes);
    if (over) {
      for (const c of added) clusters.delete(c.name);
      return leaveOut(parts, position, over);
    }
    if (!listener) return;
    append(listener.entries, body.routes);
    listener.filters.addAll(body.filters);
  };

  units.forEach((unit, position) => {
    for (const d of unit.readDiagnostics) sink.push(sink.place(d, position), position);
    const { parts } = unit;
    if (!parts) return;
    for (const d of parts.trafficDiagnostics) sink.push(sink.place(d, position), position);
    try {
      emitUnit(parts, position);
    } catch (err) {
      sink.push(sink.place(unemittedDiagnostic(parts, err), position), position);
    }
  });

  for (const { diagnostic, listeners } of overBudget.values()) if (listeners > 1) diagnostic.message += `; left out on ${listeners} listeners`;

  const routeConfigurations: RouteConfiguration[] = [];
  const httpFilters: EnvoyConfig['httpFilters'] = [];
  for (const listener of listeners.values()) {
    const out = listenerOutput(listener.name, listener.first, listener.entries, listener.filters);
    if (out.ok) {
      routeConfigurations.push(out.routeConfiguration);
      httpFilters.push({ listener: listener.name, filters: out.filters });
    } else sink.push(sink.place(out.diagnostic, listener.position), listener.position);
  }
  return { clusters: [...clusters.values()], routeConfigurations, httpFilters };
}

/** Reads one route entry into an {@link EmitUnit}; `path` is where its diagnostics point. */
export function readUnit(reader: RouteReader, readSink: EmitDiagnostic[], candidate: unknown, path: string | number, opts: EmitOptions): EmitUnit {
  const before = readSink.length;
  const input = reader.read(candidate, path);
  const readDiagnostics = readSink.splice(before);
  return input ? { readDiagnostics, parts: entryParts(input, opts) } : { readDiagnostics };
}

function emit(resolution: RoutesInput, options: EmitOptions, diagnostics: EmitDiagnostic[]): EnvoyConfig {
  const { opts, limits, unreadable, warnings } = readEmitOptions(options);
  // The options' own warning first, then the routes', then the options' keys' and budget's, as they are read.
  if (unreadable) diagnostics.push(unreadable);
  const routes = routesOf(resolution, diagnostics);
  append(diagnostics, warnings);
  const readSink: EmitDiagnostic[] = [];
  const reader = new RouteReader(readSink);
  const units = routes.map((candidate, index) => readUnit(reader, readSink, candidate, index, opts));
  const resources = assemble(units, limits, { place: (d) => d, push: (d) => diagnostics.push(d) });
  return { ...resources, diagnostics };
}
