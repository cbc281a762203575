/**
 * The HTTPRoute defaults the API server applies (`rules`, `matches`, `path`), copied only where a
 * default is added: the result equals a full copy with the defaults, the input is never changed,
 * and what gains nothing is the input's own object.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withHttpRouteDefaults } from '../../src/admit/gateway-api-defaults.js';
import { deepFreeze, isRecord, jsonEqual, type JsonObject } from '../../src/lang/json.js';

const EVERY_PATH = { path: { type: 'PathPrefix', value: '/' } };

/** The defaults as a full copy: every route, spec, rule and match copied. */
function reference(route: JsonObject): JsonObject {
  const spec = isRecord(route.spec) ? route.spec : {};
  const rules = Array.isArray(spec.rules) ? spec.rules : [{ matches: [structuredClone(EVERY_PATH)] }];
  const defaulted = rules.map((rule: unknown) => {
    if (!isRecord(rule)) return rule;
    const matches = Array.isArray(rule.matches) ? rule.matches : [structuredClone(EVERY_PATH)];
    return { ...rule, matches: matches.map((m: unknown) => (isRecord(m) && m.path === undefined ? { ...m, ...structuredClone(EVERY_PATH) } : m)) };
  });
  return { ...route, spec: { ...spec, rules: defaulted } };
}

const matchArb = fc.oneof(
  fc.record({ path: fc.constantFrom(undefined, { type: 'Exact', value: '/a' }), headers: fc.constant([{ name: 'x', value: 'y' }]) }, { requiredKeys: [] }),
  fc.constantFrom(null, 'x', 1),
);
const ruleArb = fc.oneof(fc.record({ name: fc.constant('r'), matches: fc.oneof(fc.array(matchArb, { maxLength: 3 }), fc.constantFrom(undefined, 'x')), backendRefs: fc.constant([{ name: 'b' }]) }, { requiredKeys: [] }), fc.constantFrom(null, 7));
const routeArb = fc.record(
  {
    metadata: fc.constant({ name: 'r', namespace: 'apps' }),
    spec: fc.oneof(fc.record({ parentRefs: fc.constant([{ name: 'eg' }]), rules: fc.oneof(fc.array(ruleArb, { maxLength: 3 }), fc.constantFrom(undefined, 'x')) }, { requiredKeys: [] }), fc.constantFrom(undefined, 'x', [])),
  },
  { requiredKeys: ['metadata'] },
);

describe('withHttpRouteDefaults', () => {
  it('equals a full copy with the defaults, and never changes its input', () => {
    fc.assert(
      fc.property(routeArb, (route) => {
        deepFreeze(route);
        expect(jsonEqual(withHttpRouteDefaults(route), reference(route))).toBe(true);
      }),
      { numRuns: 500, seed: 20261209 },
    );
  });

  it('returns a route that has every default as it is', () => {
    const route = { metadata: { name: 'r' }, spec: { rules: [{ matches: [{ path: { type: 'Exact', value: '/a' } }] }, { matches: [] }] } };
    expect(withHttpRouteDefaults(route)).toBe(route);
  });

  it('copies only the rule and match that gain a default', () => {
    const kept = { matches: [{ path: { type: 'Exact', value: '/a' } }] };
    const bare = { path: undefined, headers: [{ name: 'x', value: 'y' }] };
    const route = { metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'eg' }], rules: [kept, { matches: [bare, kept.matches[0]] }] } };
    const out = withHttpRouteDefaults(route) as { metadata: unknown; spec: { parentRefs: unknown; rules: Array<{ matches: unknown[] }> } };
    expect(out.metadata).toBe(route.metadata);
    expect(out.spec.parentRefs).toBe(route.spec.parentRefs);
    expect(out.spec.rules[0]).toBe(kept);
    expect(out.spec.rules[1]!.matches[0]).toEqual({ ...bare, ...EVERY_PATH });
    expect(out.spec.rules[1]!.matches[1]).toBe(kept.matches[0]);
    expect(route.spec.rules[1]!.matches[0]).toBe(bare);
  });
});
