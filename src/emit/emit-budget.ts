/**
 * The output budget of the emitters: how many Envoy routes, and how many bytes of protojson, one
 * call may produce. A route entry of a `Resolution` becomes one Envoy route per match × hostname,
 * so 55 KB of valid manifests (64 listeners, 16 rules × 64 matches, 16 hostnames) ask for a million
 * routes and gigabytes of output that `JSON.stringify` cannot even hold. Past the budget a route
 * entry is left out with a diagnostic that names its route, policy and factors; what was emitted
 * stays, and stays serialisable (the default bytes are far below the longest string V8 can make).
 */
import { LIMITS } from '../model/limits.js';
import { isRecord } from '../lang/json.js';
import type { RouteEntryInput } from '../resolve/types.js';

/** `EmitOptions.budget`: either bound may be raised (or lowered); unset ones keep the default. */
export interface EmitBudget {
  /** Envoy routes, over all route configurations. Default 100,000. */
  routes?: number;
  /** Bytes of the routes' and clusters' protojson (`JSON.stringify` length). Default 128 MiB. */
  bytes?: number;
}

/** Reads `budget` from (already plain) options: a bound that is not a number ≥ 0 keeps its default, with a warning. */
export function budgetOf(options: unknown, warn: (message: string) => void): Required<EmitBudget> {
  const out: Required<EmitBudget> = { ...LIMITS.emitBudget };
  const budget = isRecord(options) ? options.budget : undefined;
  if (budget === undefined) return out;
  if (!isRecord(budget)) {
    warn('options.budget is not an object; the default budget is used');
    return out;
  }
  for (const key of ['routes', 'bytes'] as const) {
    const v = budget[key];
    if (v === undefined) continue;
    if (typeof v === 'number' && v >= 0 && !Number.isNaN(v)) out[key] = v;
    else warn(`options.budget.${key} is not a number ≥ 0; the default ${LIMITS.emitBudget[key]} is used`);
  }
  return out;
}

/** How many Envoy routes a route entry becomes: one per match (at least one) and hostname (at least one). */
export function envoyRouteFactors(route: RouteEntryInput): { matches: number; hostnames: number } {
  return { matches: Math.max(1, Array.isArray(route.matches) ? route.matches.length : 0), hostnames: Math.max(1, route.hostnames.length) };
}

/** What one call has spent of its budget. */
export class OutputBudget {
  private routes = 0;
  private bytes = 0;

  constructor(readonly limits: Required<EmitBudget>) {}

  /** Why `routes` more Envoy routes do not fit (undefined when they do; nothing is spent). */
  routesOver(routes: number): string | undefined {
    if (this.routes + routes <= this.limits.routes) return undefined;
    return `would take the output past its budget of ${this.limits.routes} Envoy routes (${this.routes} emitted so far)`;
  }

  /** Spends `routes` routes and `bytes` bytes, or returns why they do not fit (then nothing is spent). */
  spend(routes: number, bytes: number): string | undefined {
    const over = this.routesOver(routes);
    if (over) return over;
    if (this.bytes + bytes > this.limits.bytes) return `would take the output past its budget of ${this.limits.bytes} bytes (${this.bytes} emitted so far)`;
    this.routes += routes;
    this.bytes += bytes;
    return undefined;
  }
}

/** The diagnostic text for a route entry left out: the factors that multiplied it, and which bound it crossed. */
export function overBudgetMessage(route: RouteEntryInput, why: string): string {
  const { matches, hostnames } = envoyRouteFactors(route);
  const by = route.policies.length > 0 ? `; shaped by BackendTrafficPolicy ${route.policies.map((p) => `${p.namespace}/${p.name}`).join(', ')}` : '';
  return `route left out: its ${matches} matches × ${hostnames} hostnames = ${matches * hostnames} Envoy routes ${why}${by} (options.budget raises it)`;
}
