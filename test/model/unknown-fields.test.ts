import { describe, expect, it } from 'vitest';
import { BackendTrafficPolicySchema } from '../../src/model/backend-traffic-policy.js';
import { parseBackendTrafficPolicy } from '../../src/model/parse.js';
import { findUnknownFields, withoutFields } from '../../src/model/unknown-fields.js';
import { policyWith } from './helpers.js';

const unknown = (path: string) => ({ path, message: `unknown field "${path}"`, code: 'unknownField' });

const TYPO = { circuitBreaker: { maxConections: 5, maxConnections: 7 } };

describe("unknownFields: 'warn' (the default, like kubectl's field validation Warn)", () => {
  it('drops the field and warns with its full path', () => {
    const r = parseBackendTrafficPolicy(policyWith(TYPO), { unknownFields: 'warn' });
    expect(r.success).toBe(true);
    expect(r.warnings).toEqual([unknown('spec.circuitBreaker.maxConections')]);
    if (!r.success) return;
    expect(r.data.spec.circuitBreaker).not.toHaveProperty('maxConections');
    expect(r.data.spec.circuitBreaker?.maxConnections).toBe(7);
  });

  it('is the default mode', () => {
    const r = parseBackendTrafficPolicy(policyWith(TYPO));
    expect(r.success).toBe(true);
    expect(r.warnings).toEqual([unknown('spec.circuitBreaker.maxConections')]);
  });

  it('reports unknown fields at the root, in spec and deep inside', () => {
    const input = {
      ...policyWith({ bogus: true, timeout: { http: { requestTimeout: '1s', requestTimout: '2s' } } }),
      extraRoot: 1,
    };
    const r = parseBackendTrafficPolicy(input);
    expect(r.success).toBe(true);
    expect(r.warnings.map((w) => w.path).sort()).toEqual(['extraRoot', 'spec.bogus', 'spec.timeout.http.requestTimout']);
  });

  it('still reports schema errors; unknown fields stay warnings', () => {
    const r = parseBackendTrafficPolicy(policyWith({ circuitBreaker: { maxConections: 5, maxConnections: -1 } }));
    expect(r.success).toBe(false);
    expect(r.warnings).toEqual([unknown('spec.circuitBreaker.maxConections')]);
    expect(!r.success && r.issues.map((i) => i.path)).toEqual(['spec.circuitBreaker.maxConnections']);
  });
});

describe("unknownFields: 'error' (like Strict)", () => {
  it('turns each unknown field into an issue', () => {
    const r = parseBackendTrafficPolicy(policyWith(TYPO), { unknownFields: 'error' });
    expect(r.success).toBe(false);
    expect(!r.success && r.issues).toEqual([unknown('spec.circuitBreaker.maxConections')]);
    expect(r.warnings).toEqual([]);
  });

  it('reports unknown fields together with the schema errors', () => {
    const r = parseBackendTrafficPolicy(policyWith({ circuitBreaker: { maxConections: 5, maxConnections: -1 } }), { unknownFields: 'error' });
    expect(r.success).toBe(false);
    expect(!r.success && r.issues.map((i) => [i.path, i.code])).toEqual([
      ['spec.circuitBreaker.maxConections', 'unknownField'],
      ['spec.circuitBreaker.maxConnections', 'minimum'],
    ]);
  });

  it('passes a policy without unknown fields', () => {
    expect(parseBackendTrafficPolicy(policyWith({ circuitBreaker: { maxConnections: 5 } }), { unknownFields: 'error' }).success).toBe(true);
  });
});

describe("unknownFields: 'strip' (like Ignore)", () => {
  it('drops the field silently', () => {
    const r = parseBackendTrafficPolicy(policyWith(TYPO), { unknownFields: 'strip' });
    expect(r.success).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(r.success && r.data.spec.circuitBreaker).not.toHaveProperty('maxConections');
  });
});

describe('where unknown fields are looked for', () => {
  it('inside array items, with the index in the path', () => {
    const r = parseBackendTrafficPolicy(
      policyWith({
        targetRefs: [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'b', sectionNme: 'http' },
        ],
        rateLimit: {
          global: {
            rules: [
              {
                clientSelectors: [{ path: { value: '/' } }, { headers: [{ name: 'x', value: 'y', typ: 'Exact' }] }],
                limit: { requests: 1, unit: 'Second', burst: 3 },
              },
            ],
          },
        },
        responseOverride: [{ match: { statusCodes: [{ value: 404, vlaue: 1 }] }, response: { body: { inline: 'x' } } }],
      }),
    );
    expect(r.success).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual([
      'spec.targetRefs[1].sectionNme',
      'spec.rateLimit.global.rules[0].clientSelectors[1].headers[0].typ',
      'spec.rateLimit.global.rules[0].limit.burst',
      'spec.responseOverride[0].match.statusCodes[0].vlaue',
    ]);
    if (!r.success) return;
    expect(r.data.spec.targetRefs?.[1]).not.toHaveProperty('sectionNme');
    expect(r.data.spec.rateLimit?.global?.rules[0]?.limit).not.toHaveProperty('burst');
  });

  it('inside the object values of a map (tracing.customTags), but never in map keys', () => {
    const r = parseBackendTrafficPolicy(
      policyWith({
        telemetry: {
          tracing: {
            tags: { anyKey: 'v', 'another.key': 'w' },
            customTags: { env: { type: 'Environment', environment: { name: 'E' }, bogus: 1 } },
          },
        },
      }),
    );
    expect(r.success).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['spec.telemetry.tracing.customTags.env.bogus']);
    expect(r.success && r.data.spec.telemetry?.tracing?.tags).toEqual({ anyKey: 'v', 'another.key': 'w' });
  });

  it('not inside x-kubernetes-preserve-unknown-fields (dynamicModule.config)', () => {
    const config = { anything: { nested: [1, { deep: true }] }, more: 'x' };
    const r = parseBackendTrafficPolicy(
      policyWith({ loadBalancer: { type: 'DynamicModule', dynamicModule: { name: 'm', lbPolicyName: 'p', config } } }),
    );
    expect(r.success).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(r.success && r.data.spec.loadBalancer?.dynamicModule?.config).toEqual(config);
  });

  it('not in metadata: ObjectMeta fields we do not model are kept, not reported', () => {
    const input = {
      ...policyWith({}),
      metadata: {
        name: 'btp',
        namespace: 'default',
        finalizers: ['x'],
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: 'u' }],
        managedFields: [{ manager: 'kubectl' }],
        generateName: 'btp-',
      },
    };
    const r = parseBackendTrafficPolicy(input, { unknownFields: 'error' });
    expect(r.success).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(r.success && r.data.metadata).toMatchObject({ finalizers: ['x'], generateName: 'btp-' });
  });

  it('not in status: conditions fields we do not model are kept', () => {
    const input = { ...policyWith({}), status: { ancestors: [], somethingNew: 1 } };
    const r = parseBackendTrafficPolicy(input, { unknownFields: 'error' });
    expect(r.success).toBe(true);
  });

  it('not below a value of the wrong type (the type error is the finding)', () => {
    const r = parseBackendTrafficPolicy(policyWith({ circuitBreaker: [{ bogus: 1 }] }), { unknownFields: 'error' });
    expect(r.success).toBe(false);
    expect(!r.success && r.issues.map((i) => i.code)).not.toContain('unknownField');
  });

  it('findUnknownFields lists paths as arrays and never throws on odd input', () => {
    expect(findUnknownFields(BackendTrafficPolicySchema, policyWith(TYPO))).toEqual([
      { path: ['spec', 'circuitBreaker', 'maxConections'], key: 'maxConections' },
    ]);
    for (const odd of [null, undefined, 5, 'x', [], [1, 2], { spec: null }, { spec: 'x' }, { spec: { targetRefs: 'x' } }]) {
      expect(() => findUnknownFields(BackendTrafficPolicySchema, odd)).not.toThrow();
    }
  });

  it('withoutFields copies without touching the input', () => {
    const input = policyWith(TYPO);
    const before = JSON.stringify(input);
    const fields = findUnknownFields(BackendTrafficPolicySchema, input);
    const copy = withoutFields(input, fields) as { spec: { circuitBreaker: object } };
    expect(copy.spec.circuitBreaker).toEqual({ maxConnections: 7 });
    expect(JSON.stringify(input)).toBe(before);
    const r = parseBackendTrafficPolicy(input);
    expect(r.success).toBe(true);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('prototype keys from JSON.parse (`__proto__`, `constructor`)', () => {
  const hostile = () =>
    JSON.parse(`{
      "apiVersion": "gateway.envoyproxy.io/v1alpha1",
      "kind": "BackendTrafficPolicy",
      "metadata": {"name": "btp", "namespace": "default"},
      "__proto__": {"pollutedRoot": true},
      "spec": {
        "targetRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "eg", "__proto__": {"pollutedRef": true}}],
        "__proto__": {"pollutedSpec": true, "circuitBreaker": {"maxConnections": 1}},
        "constructor": {"prototype": {"pollutedCtor": true}},
        "circuitBreaker": {"constructor": {"prototype": {"pollutedCb": true}}, "maxConnections": 3},
        "telemetry": {"tracing": {"tags": {"__proto__": "x", "ok": "y"}}}
      }
    }`);

  it('they are own keys of the parsed JSON (the attack is real)', () => {
    const input = hostile();
    expect(Object.prototype.hasOwnProperty.call(input, '__proto__')).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(input.spec, '__proto__')).toBe(true);
  });

  it('are reported as unknown fields by path', () => {
    const r = parseBackendTrafficPolicy(hostile());
    expect(r.success).toBe(true);
    expect(r.warnings.map((w) => w.path).sort()).toEqual(
      ['__proto__', 'spec.__proto__', 'spec.circuitBreaker.constructor', 'spec.constructor', 'spec.targetRefs[0].__proto__'].sort(),
    );
  });

  it("are errors in 'error' mode", () => {
    const r = parseBackendTrafficPolicy(hostile(), { unknownFields: 'error' });
    expect(r.success).toBe(false);
    expect(!r.success && r.issues.filter((i) => i.code === 'unknownField')).toHaveLength(5);
  });

  it('never reach the output as fields, and never change a prototype', () => {
    const r = parseBackendTrafficPolicy(hostile());
    expect(r.success).toBe(true);
    if (!r.success) return;
    const tags = r.data.spec.telemetry?.tracing?.tags;
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== 'object') return;
      if (!Array.isArray(value)) {
        expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
        // A map's `__proto__` is a key like any other (the API server stores it): an own property.
        if (value !== tags) expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(false);
        expect(Object.prototype.hasOwnProperty.call(value, 'constructor')).toBe(false);
      }
      for (const v of Object.values(value)) walk(v);
    };
    walk(r.data);
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('x');
    const spec = r.data.spec as Record<string, unknown>;
    // The `__proto__` payload did not become spec fields through the prototype chain either.
    expect((spec as { pollutedSpec?: unknown }).pollutedSpec).toBeUndefined();
    expect(r.data.spec.circuitBreaker?.maxConnections).toBe(3);
    expect(r.data.spec.telemetry?.tracing?.tags?.ok).toBe('y');
    const probe = {} as Record<string, unknown>;
    for (const key of ['pollutedRoot', 'pollutedRef', 'pollutedSpec', 'pollutedCtor', 'pollutedCb']) {
      expect(probe[key]).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>)[key]).toBeUndefined();
    }
  });

  it("in 'strip' mode too", () => {
    const r = parseBackendTrafficPolicy(hostile(), { unknownFields: 'strip' });
    expect(r.success).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(({} as Record<string, unknown>).pollutedSpec).toBeUndefined();
  });
});
