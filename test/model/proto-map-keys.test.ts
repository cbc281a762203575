/**
 * `__proto__` is an ordinary key of a map field (`additionalProperties`): the API server stores it,
 * `resolvePolicies` keeps it, and so does `parseBackendTrafficPolicy` (zod's records skip it).
 */
import { describe, expect, it } from 'vitest';
import { parseBackendTrafficPolicy, resolvePolicies } from '../../src/index.js';
import { backendTrafficPolicy } from '../support/manifests.js';

const spec = JSON.parse(`{
  "targetRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "eg"}],
  "loadBalancer": {"type": "ConsistentHash", "consistentHash": {"type": "Cookie", "cookie": {"name": "c", "attributes": {"__proto__": "x", "a": "b"}}}},
  "telemetry": {"tracing": {"customTags": {"__proto__": {"type": "Literal", "literal": {"value": "v"}}}, "tags": {"__proto__": "t"}}}
}`);
const policy = (s: Record<string, unknown>) => backendTrafficPolicy('p', s, { asWritten: true });
const own = (o: unknown, key: string) => Object.getOwnPropertyDescriptor(o, key)?.value;

describe('__proto__ keys of map fields', () => {
  it('survive parseBackendTrafficPolicy as own properties, with plain prototypes', () => {
    const r = parseBackendTrafficPolicy(policy(spec));
    expect(r.success).toBe(true);
    if (!r.success) return;
    const attributes = r.data.spec.loadBalancer?.consistentHash?.cookie?.attributes;
    expect(own(attributes, '__proto__')).toBe('x');
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(own(r.data.spec.telemetry?.tracing?.customTags, '__proto__')).toEqual({ type: 'Literal', literal: { value: 'v' } });
    expect(own(r.data.spec.telemetry?.tracing?.tags, '__proto__')).toBe('t');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keep what resolvePolicies keeps', () => {
    const res = resolvePolicies([
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'eg', namespace: 'default' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'default' }, spec: { parentRefs: [{ name: 'eg' }], rules: [{}] } },
      policy(spec),
    ]);
    const tags = (res.routes[0]!.traffic as { telemetry: { tracing: { customTags: Array<{ key: string }>; tags: Array<{ key: string; value: string }> } } }).telemetry.tracing;
    expect(tags.customTags.map((t) => t.key)).toEqual(['__proto__']);
    expect(tags.tags).toEqual([{ key: '__proto__', value: 't' }]);
  });

  it('are validated with the map value schema', () => {
    const bad = JSON.parse(JSON.stringify(spec).replace('"__proto__":"x"', '"__proto__":5'));
    const r = parseBackendTrafficPolicy(policy(bad));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([
      ['spec.loadBalancer.consistentHash.cookie.attributes.__proto__', 'type'],
      ['', 'celSkipped'],
    ]);
  });

  it('in an open map (dynamicModule.config) too', () => {
    const dyn = JSON.parse('{"loadBalancer": {"type": "DynamicModule", "dynamicModule": {"name": "m", "lbPolicyName": "p", "config": {"__proto__": {"k": 1}}}}}');
    const r = parseBackendTrafficPolicy(policy({ ...spec, ...dyn }));
    expect(r.success).toBe(true);
    if (r.success) expect(own(r.data.spec.loadBalancer?.dynamicModule?.config, '__proto__')).toEqual({ k: 1 });
  });
});
