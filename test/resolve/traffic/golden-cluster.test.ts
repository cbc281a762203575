/**
 * Golden conformance for the cluster-side traffic features (loadBalancer, healthCheck,
 * circuitBreaker, timeout, backendConnection, tcpKeepalive, proxyProtocol, dns, http2, retry,
 * admissionControl) against Envoy Gateway's gatewayapi goldens.
 *
 * For every IR route whose `metadata.policies` names exactly one BackendTrafficPolicy without
 * `mergeType`, the policy's raw spec from the `.in.yaml` is built with only these features and
 * compared with the route's golden `traffic` (HTTP) or route fields (TCP), mapped to our
 * convention by `irTrafficToOurs`. For policies whose golden status is `Accepted=False` /
 * `Invalid`, the message lines of these features are compared with our errors.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BackendTrafficPolicySpecInput } from '../../../src/model/backend-traffic-policy.js';
import { admissionControlFeature } from '../../../src/resolve/traffic/admission-control.js';
import { circuitBreakerFeature } from '../../../src/resolve/traffic/circuit-breaker.js';
import { backendConnectionFeature } from '../../../src/resolve/traffic/connection.js';
import { dnsFeature } from '../../../src/resolve/traffic/dns.js';
import type { TrafficContext, TrafficFeature } from '../../../src/resolve/traffic/feature.js';
import { healthCheckFeature } from '../../../src/resolve/traffic/health-check.js';
import { http2Feature } from '../../../src/resolve/traffic/http2.js';
import { loadBalancerFeature } from '../../../src/resolve/traffic/load-balancer.js';
import { proxyProtocolFeature } from '../../../src/resolve/traffic/proxy-protocol.js';
import { retryFeature } from '../../../src/resolve/traffic/retry.js';
import { tcpKeepaliveFeature } from '../../../src/resolve/traffic/tcp-keepalive.js';
import { timeoutFeature } from '../../../src/resolve/traffic/timeout.js';
import { conformanceDir } from '../../support/conformance-dir.js';
import { irTrafficToOurs } from '../../support/ir-traffic.js';

/** Ours, in Envoy Gateway's `buildTrafficFeatures` order (as far as the notes tell). */
const FEATURES: TrafficFeature[] = [
  loadBalancerFeature,
  proxyProtocolFeature,
  healthCheckFeature,
  circuitBreakerFeature,
  tcpKeepaliveFeature,
  retryFeature,
  timeoutFeature,
  backendConnectionFeature,
  http2Feature,
  dnsFeature,
  admissionControlFeature,
];
const OUR_PREFIXES = new Set(FEATURES.map((f) => f.errorPrefix));
/** Every prefix Envoy Gateway uses in BTP status messages (to split a message into blocks). */
const ALL_PREFIXES = new Set([
  ...OUR_PREFIXES,
  'RateLimit',
  'BandwidthLimit',
  'FaultInjection',
  'ResponseOverride',
  'RequestBuffer',
  'Telemetry',
  'Compression',
  'HTTPUpgrade',
]);
/** Route fields of a TCP IR route that come from a BTP. */
const TCP_KEYS = new Set(['loadBalancer', 'proxyProtocol', 'healthCheck', 'circuitBreaker', 'tcpKeepalive', 'timeout', 'backendConnection', 'dns']);

type Obj = Record<string, any>;

interface Comparison {
  id: string;
  feature: string;
  kind: 'value' | 'error';
  expected: unknown;
  actual: unknown;
}

const gatewayapiDir = path.join(conformanceDir(), 'gatewayapi');
const available = existsSync(gatewayapiDir);

const ctxFor = (ns: string, name: string): TrafficContext => ({
  policy: { namespace: ns, name },
  configMap: () => undefined,
  responseOverrideNamespace: ns,
});

function build(feature: TrafficFeature, spec: Obj, ns: string, name: string) {
  return feature.build(spec as BackendTrafficPolicySpecInput, ctxFor(ns, name));
}

/** A golden condition message → `{prefix: text}` blocks (continuation lines stay in their block). */
function splitMessage(message: string): Map<string, string> {
  const blocks = new Map<string, string>();
  let current: string | undefined;
  const body = message.endsWith('.') ? message.slice(0, -1) : message;
  for (const line of body.split('\n')) {
    const m = /^([A-Za-z0-9]+): (.*)$/s.exec(line);
    if (m && ALL_PREFIXES.has(m[1]!)) {
      current = m[1]!;
      blocks.set(current, m[2]!);
    } else if (current !== undefined) blocks.set(current, `${blocks.get(current)}\n${line}`);
    else blocks.set(`?${line}`, line);
  }
  return blocks;
}

function collect(): Comparison[] {
  if (!available) return [];
  const out: Comparison[] = [];
  const seen = new Set<string>();
  const push = (c: Comparison) => {
    const key = `${c.id}|${c.feature}|${c.kind}|${JSON.stringify(c.expected)}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const file of readdirSync(gatewayapiDir).filter((f) => f.endsWith('.in.yaml')).sort()) {
    const input = parse(readFileSync(path.join(gatewayapiDir, file), 'utf8')) as Obj | null;
    const output = parse(readFileSync(path.join(gatewayapiDir, file.replace(/\.in\.yaml$/, '.out.yaml')), 'utf8')) as Obj | null;
    if (!input || !output) continue;
    const policies: Obj[] = input.backendTrafficPolicies ?? [];
    const byName = new Map<string, Obj[]>();
    for (const p of policies) {
      const key = `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name}`;
      byName.set(key, [...(byName.get(key) ?? []), p]);
    }
    const unique = (key: string): Obj | undefined => {
      const list = byName.get(key);
      return list && list.length === 1 ? list[0] : undefined;
    };
    const caseName = file.replace(/\.in\.yaml$/, '');

    // Values: routes claimed by exactly one policy.
    for (const ir of Object.values<Obj>(output.xdsIR ?? {})) {
      const routes: Array<{ route: Obj; tcp: boolean }> = [
        ...(ir.http ?? []).flatMap((l: Obj) => (l.routes ?? []).map((route: Obj) => ({ route, tcp: false }))),
        ...(ir.tcp ?? []).flatMap((l: Obj) => (l.routes ?? []).map((route: Obj) => ({ route, tcp: true }))),
      ];
      for (const { route, tcp } of routes) {
        const refs = ((route.metadata?.policies ?? []) as Obj[]).filter((p) => p.kind === 'BackendTrafficPolicy');
        if (refs.length !== 1) continue;
        const key = `${refs[0]!.namespace}/${refs[0]!.name}`;
        const policy = unique(key);
        if (!policy || policy.spec?.mergeType) continue;
        const spec = policy.spec as Obj;
        let golden: Obj;
        if (tcp) {
          golden = {};
          for (const k of TCP_KEYS) if (route[k] !== undefined) golden[k] = route[k];
        } else golden = route.traffic ?? {};
        const mapped = irTrafficToOurs(golden) as Obj;
        for (const feature of FEATURES) {
          if (tcp && !TCP_KEYS.has(feature.key)) continue;
          const outcome = build(feature, spec, policy.metadata.namespace, policy.metadata.name);
          const expected = mapped[feature.key];
          const actual = outcome.errors?.length ? { errors: outcome.errors } : outcome.value;
          if (expected === undefined && actual === undefined) continue;
          push({ id: `${caseName} ${tcp ? 'tcp' : 'http'} ${key}`, feature: feature.key, kind: 'value', expected, actual });
        }
      }
    }

    // Errors: policies reported Invalid.
    for (const p of (output.backendTrafficPolicies ?? []) as Obj[]) {
      const key = `${p.metadata?.namespace}/${p.metadata?.name}`;
      const policy = unique(key);
      if (!policy || policy.spec?.mergeType) continue;
      const messages = new Set<string>();
      for (const a of p.status?.ancestors ?? []) {
        for (const c of a.conditions ?? []) {
          if (c.type === 'Accepted' && c.status === 'False' && c.reason === 'Invalid') messages.add(c.message);
        }
      }
      for (const message of messages) {
        const blocks = splitMessage(message);
        for (const feature of FEATURES) {
          const outcome = build(feature, policy.spec, policy.metadata.namespace, policy.metadata.name);
          const expected = blocks.get(feature.errorPrefix);
          const actual = outcome.errors?.length ? outcome.errors.join('\n') : undefined;
          if (expected === undefined && actual === undefined) continue;
          push({ id: `${caseName} ${key}`, feature: feature.key, kind: 'error', expected, actual });
        }
      }
    }
  }
  return out;
}

const comparisons = collect();
const tally = new Map<string, { pass: number; total: number }>();

describe.skipIf(!available)('golden: cluster traffic features', () => {
  it.each(comparisons.map((c) => [`${c.feature} ${c.kind}: ${c.id}`, c] as const))('%s', (_name, c) => {
    const t = tally.get(c.feature) ?? { pass: 0, total: 0 };
    t.total++;
    tally.set(c.feature, t);
    expect(c.actual).toEqual(c.expected);
    t.pass++;
  });

  afterAll(() => {
    const lines = [...tally.entries()].map(([f, t]) => `  ${f}: ${t.pass}/${t.total}`);
    const pass = [...tally.values()].reduce((n, t) => n + t.pass, 0);
    const total = [...tally.values()].reduce((n, t) => n + t.total, 0);
    console.log(`golden cluster features: ${pass}/${total} comparisons passed\n${lines.join('\n')}`);
  });
});
