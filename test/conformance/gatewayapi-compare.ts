/**
 * Compares our resolution of one Envoy Gateway golden case (`gatewayapi/<case>.in.yaml`) with its
 * golden answer (`<case>.out.yaml`) in three areas:
 *
 * - status: every BTP the golden lists (by namespace/name), with `status.ancestors` equal
 *   (ancestorRef, controllerName, conditions type/status/reason/message; `lastTransitionTime` ignored);
 * - attribution: per (IR listener, route, rule), the BTPs in the IR route's `metadata.policies`;
 * - traffic: per (IR listener, route, rule), the IR `traffic` (HTTP) or the BTP fields of a TCP/UDP
 *   IR route, mapped to our units by `irTrafficToOurs`, plus the route's `removeResponseHeaders`
 *   (set by a route-level BackendUtilization policy).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Resolution } from '../../src/resolve/types.js';
import { irTrafficToOurs } from '../support/ir-traffic.js';
import { jsonEqual } from '../../src/lang/json.js';

export interface AreaResult {
  ok: boolean;
  mismatches: string[];
}

export interface CaseResult {
  name: string;
  status: AreaResult;
  attribution: AreaResult;
  traffic: AreaResult;
}

type Json = Record<string, any>;

export function loadCase(dir: string, name: string): { input: unknown; output: Json } {
  const input = parse(readFileSync(path.join(dir, `${name}.in.yaml`), 'utf8'));
  const output = (parse(readFileSync(path.join(dir, `${name}.out.yaml`), 'utf8')) ?? {}) as Json;
  return { input, output };
}

/**
 * Envoy Gateway's translator test declares two Namespaces (`envoy-gateway`, `default`) besides any
 * the case lists, and its translator lets only known namespaces attach routes. We reproduce that
 * harness with `namespaces: 'declared'` and these two Namespace objects.
 */
export const HARNESS_NAMESPACES = ['envoy-gateway', 'default'];

export function withHarnessNamespaces(input: unknown): unknown {
  const bundle = { ...(input as Json) };
  const key = Object.keys(bundle).find((k) => k.toLowerCase() === 'namespaces') ?? 'namespaces';
  const declared: Json[] = Array.isArray(bundle[key]) ? [...bundle[key]] : [];
  for (const name of HARNESS_NAMESPACES) {
    if (!declared.some((n) => n?.metadata?.name === name)) declared.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  bundle[key] = declared;
  return bundle;
}

function normaliseAncestors(ancestors: unknown): unknown {
  if (!Array.isArray(ancestors) || ancestors.length === 0) return null;
  return ancestors.map((a: Json) => ({
    ancestorRef: Object.fromEntries(Object.entries(a.ancestorRef ?? {}).filter(([, v]) => v !== undefined && v !== null)),
    controllerName: a.controllerName,
    conditions: (a.conditions ?? []).map((c: Json) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
  }));
}

function compareStatus(resolution: Resolution, output: Json): AreaResult {
  const mismatches: string[] = [];
  const expected: Json[] = (Object.entries(output).find(([k]) => k.toLowerCase() === 'backendtrafficpolicies')?.[1] as Json[]) ?? [];
  const ours = new Map(resolution.policies.map((p) => [`${p.ref.namespace}/${p.ref.name}`, p]));
  const expectedKeys = new Set<string>();
  for (const e of expected) {
    const key = `${e.metadata?.namespace ?? 'default'}/${e.metadata?.name}`;
    expectedKeys.add(key);
    const mine = ours.get(key);
    if (!mine) {
      mismatches.push(`policy ${key}: missing from our output`);
      continue;
    }
    const want = normaliseAncestors(e.status?.ancestors);
    const got = normaliseAncestors(mine.status.ancestors);
    if (!jsonEqual(want, got)) mismatches.push(`policy ${key}: status differs\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
  }
  for (const key of ours.keys()) if (!expectedKeys.has(key)) mismatches.push(`policy ${key}: listed by us, not by Envoy Gateway`);
  return { ok: mismatches.length === 0, mismatches };
}

interface IrRoute {
  key: string;
  policies: string[];
  traffic: unknown;
}

const TCP_FIELDS = ['loadBalancer', 'proxyProtocol', 'healthCheck', 'circuitBreaker', 'tcpKeepalive', 'timeout', 'backendConnection', 'dns'];

/** Golden IR routes grouped per (listener, route, rule); all matches/hostnames of a rule agree. */
function goldenRoutes(output: Json): Map<string, IrRoute> {
  const out = new Map<string, IrRoute>();
  for (const ir of Object.values((output.xdsIR ?? {}) as Json)) {
    for (const proto of ['http', 'tcp', 'udp'] as const) {
      for (const listener of (ir as Json)?.[proto] ?? []) {
        const routes: Json[] = proto === 'udp' && listener.route ? [listener.route] : (listener.routes ?? []);
        for (const r of routes) {
          const meta = r.metadata ?? r.destination?.metadata ?? {};
          const rule = proto === 'http' ? Number(/\/rule\/(\d+)\//.exec(r.name ?? '')?.[1] ?? 0) : 0;
          const key = `${listener.name} ${meta.kind}/${meta.namespace}/${meta.name} rule ${rule}`;
          const policies = ((r.metadata?.policies ?? []) as Json[]).filter((p) => p.kind === 'BackendTrafficPolicy').map((p) => `${p.namespace}/${p.name}`);
          let traffic: unknown;
          if (proto === 'http') traffic = r.traffic === undefined ? undefined : irTrafficToOurs(r.traffic);
          else {
            const fields = Object.fromEntries(TCP_FIELDS.filter((f) => r[f] !== undefined).map((f) => [f, r[f]]));
            traffic = Object.keys(fields).length > 0 ? irTrafficToOurs(fields) : undefined;
          }
          if (r.removeResponseHeaders !== undefined) traffic = { ...(traffic as Json | undefined), removeResponseHeaders: r.removeResponseHeaders };
          if (!out.has(key)) out.set(key, { key, policies, traffic });
        }
      }
    }
  }
  return out;
}

function ourRoutes(resolution: Resolution): Map<string, IrRoute> {
  const out = new Map<string, IrRoute>();
  for (const r of resolution.routes) {
    const ls = r.listenerSet ? `${r.listenerSet.namespace}/${r.listenerSet.name}/` : '';
    const listener = `${r.gateway.namespace}/${r.gateway.name}/${ls}${r.listener}`;
    const key = `${listener} ${r.route.kind}/${r.route.namespace}/${r.route.name} rule ${r.ruleIndex}`;
    let traffic: unknown = r.traffic !== undefined && (r.route.kind === 'HTTPRoute' || r.route.kind === 'GRPCRoute' || Object.keys(r.traffic).length > 0) ? r.traffic : undefined;
    if (r.removeResponseHeaders !== undefined) traffic = { ...(traffic as Json | undefined), removeResponseHeaders: r.removeResponseHeaders };
    out.set(key, { key, policies: r.policies.map((p) => `${p.namespace}/${p.name}`), traffic });
  }
  return out;
}

function compareRoutes(resolution: Resolution, output: Json): { attribution: AreaResult; traffic: AreaResult } {
  const golden = goldenRoutes(output);
  const ours = ourRoutes(resolution);
  const attribution: string[] = [];
  const traffic: string[] = [];
  for (const [key, g] of golden) {
    const mine = ours.get(key);
    const got = mine?.policies ?? [];
    if (!jsonEqual(g.policies, got)) attribution.push(`${key}: policies want ${JSON.stringify(g.policies)} got ${JSON.stringify(got)}`);
    if (!jsonEqual(g.traffic, mine?.traffic)) traffic.push(`${key}: traffic\n  want ${JSON.stringify(g.traffic)}\n  got  ${JSON.stringify(mine?.traffic)}`);
  }
  for (const [key, mine] of ours) {
    if (!golden.has(key)) attribution.push(`${key}: we have a route entry (policies ${JSON.stringify(mine.policies)}), Envoy Gateway has no such route`);
  }
  return { attribution: { ok: attribution.length === 0, mismatches: attribution }, traffic: { ok: traffic.length === 0, mismatches: traffic } };
}

export function compareCase(name: string, resolution: Resolution, output: Json): CaseResult {
  return { name, status: compareStatus(resolution, output), ...compareRoutes(resolution, output) };
}
