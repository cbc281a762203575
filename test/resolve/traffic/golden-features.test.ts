/**
 * Golden conformance of each traffic feature on its own, against Envoy Gateway's gatewayapi
 * goldens (the whole-route comparison is test/conformance; this one says which feature differs).
 *
 * For every IR route whose `metadata.policies` names exactly one BackendTrafficPolicy without
 * `mergeType`, the policy's raw spec from the `.in.yaml` is built feature by feature (the file's
 * ConfigMaps available for `valueRef`s) and compared with the route's golden `traffic` (HTTP) or
 * BTP route fields (TCP), mapped to our convention by `irTrafficToOurs`. For policies whose golden
 * status is `Accepted=False` / `Invalid`, each feature's block of the message is compared with our
 * errors.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BackendTrafficPolicySpecInput } from '../../../src/model/backend-traffic-policy.js';
import type { ConfigMap } from '../../../src/model/gateway-api.js';
import { FEATURES, TCP_ROUTE_KEYS } from '../../../src/features/registry.js';
import type { TrafficContext } from '../../../src/features/feature.js';
import { conformanceDir, hasConformance } from '../../support/conformance-dir.js';
import { irTrafficToOurs } from '../../support/ir-traffic.js';

type Obj = Record<string, any>;

/** Every prefix Envoy Gateway uses in BTP status messages (to split a message into blocks). */
const PREFIXES = new Set(FEATURES.map((f) => f.errorPrefix));
/** Route fields of a TCP IR route that come from a BTP. */
const TCP_KEYS: ReadonlySet<string> = TCP_ROUTE_KEYS;
/** Features with golden data (no golden BTP sets `retry`). */
const FEATURES_WITH_GOLDENS = FEATURES.map((f) => f.key).filter((k) => k !== 'retry');

interface Comparison {
  id: string;
  feature: string;
  kind: 'value' | 'error';
  expected: unknown;
  actual: unknown;
}

const gatewayapiDir = path.join(conformanceDir(), 'gatewayapi');
const available = hasConformance();

function ctxFor(policy: Obj, configMaps: Obj[]): TrafficContext {
  const ns: string = policy.metadata?.namespace ?? 'default';
  return {
    policy: { namespace: ns, name: policy.metadata?.name },
    configMap: (namespace, name) =>
      configMaps.find((c) => (c.metadata?.namespace ?? 'default') === namespace && c.metadata?.name === name) as ConfigMap | undefined,
    responseOverrideNamespace: ns,
  };
}

/** A golden condition message → `{prefix: text}` blocks (continuation lines stay in their block). */
function splitMessage(message: string): Map<string, string> {
  const blocks = new Map<string, string>();
  let current: string | undefined;
  const body = message.endsWith('.') ? message.slice(0, -1) : message;
  for (const line of body.split('\n')) {
    const m = /^([A-Za-z0-9]+): (.*)$/s.exec(line);
    if (m && PREFIXES.has(m[1]!)) {
      current = m[1]!;
      blocks.set(current, m[2]!);
    } else if (current !== undefined) blocks.set(current, `${blocks.get(current)}\n${line}`);
    else blocks.set(`?${line}`, line);
  }
  return blocks;
}

/** Our errors as they read inside a status message (the final `.` is added to the whole message only). */
const ourErrorText = (errors: string[]) => errors.join('\n').replace(/\.$/, '');

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
    const configMaps: Obj[] = input.configMaps ?? [];
    const byName = new Map<string, Obj[]>();
    for (const p of (input.backendTrafficPolicies ?? []) as Obj[]) {
      const key = `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name}`;
      byName.set(key, [...(byName.get(key) ?? []), p]);
    }
    // A name given twice is resolved by Envoy Gateway's first-handled rule, not per feature.
    const unique = (key: string): Obj | undefined => {
      const list = byName.get(key);
      return list && list.length === 1 ? list[0] : undefined;
    };
    const caseName = file.replace(/\.in\.yaml$/, '');
    const build = (policy: Obj) =>
      FEATURES.map((feature) => ({ feature, outcome: feature.translation.build(policy.spec as BackendTrafficPolicySpecInput, ctxFor(policy, configMaps)) }));

    // Values: routes claimed by exactly one policy without mergeType.
    for (const ir of Object.values((output.xdsIR ?? {}) as Obj)) {
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
        let golden: Obj;
        if (tcp) {
          golden = {};
          for (const k of TCP_KEYS) if (route[k] !== undefined) golden[k] = route[k];
        } else golden = route.traffic ?? {};
        const mapped = irTrafficToOurs(golden) as Obj;
        for (const { feature, outcome } of build(policy)) {
          if (tcp && !TCP_KEYS.has(feature.key)) continue;
          const expected = mapped[feature.key];
          const actual = outcome.errors?.length ? { errors: outcome.errors } : outcome.value;
          if (expected === undefined && actual === undefined) continue;
          push({ id: `${caseName} ${route.name} ${key}`, feature: feature.key, kind: 'value', expected, actual });
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
        for (const { feature, outcome } of build(policy)) {
          const expected = blocks.get(feature.errorPrefix);
          const actual = outcome.errors?.length ? ourErrorText(outcome.errors) : undefined;
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

describe.skipIf(!available)('golden: each traffic feature on its own', () => {
  it('finds comparisons for every feature with golden data', () => {
    const features = new Set(comparisons.map((c) => c.feature));
    for (const f of FEATURES_WITH_GOLDENS) expect(features.has(f), f).toBe(true);
  });

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
    console.log(`golden traffic features: ${pass}/${total} comparisons passed\n${lines.join('\n')}`);
  });
});
