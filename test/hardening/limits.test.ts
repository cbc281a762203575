/**
 * The input limits (`src/model/limits.ts`): each one turns what used to be a stack overflow, a hang
 * or an out-of-memory crash into a diagnostic that names the path, and only the offending object is
 * skipped — the rest of the input still resolves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createResolver, parseBackendTrafficPolicy, resolvePolicies, type Resolution } from '../../src/index.js';
import { LIMITS, newValueBudget, readPlainData } from '../../src/model/limits.js';
import { selectorTerms, withinLimits } from '../../src/read/limits.js';
import { PROXIES } from './support.js';
import { backendTrafficPolicy, GATEWAY_API_GROUP, gateway as makeGateway, httpRoute } from '../support/manifests.js';

const gateway = () => makeGateway();
const route = () => httpRoute();
const policy = (name: string, spec: Record<string, unknown> = {}) => backendTrafficPolicy(name, spec);

function nested(depth: number, array = false): unknown {
  let v: unknown = array ? [1] : { leaf: 1 };
  for (let i = 1; i < depth; i++) v = array ? [v] : { a: v };
  return v;
}

/** The good policy still resolves onto the route: only the bad object was skipped. */
function expectOnlyBadSkipped(res: Resolution): void {
  expect(res.diagnostics.some((d) => d.message.startsWith('internal error'))).toBe(false);
  expect(res.routes).toHaveLength(1);
  expect(res.routes[0]!.policies).toEqual([{ namespace: 'default', name: 'good' }]);
  expect(res.routes[0]!.traffic).toMatchObject({ circuitBreaker: { maxConnections: 7 } });
}

const good = () => policy('good', { circuitBreaker: { maxConnections: 7 } });

describe('nesting depth', () => {
  it(`a 10k-deep value is reported at the depth limit (${LIMITS.maxDepth}) and only its object is skipped`, () => {
    for (const array of [false, true]) {
      const res = resolvePolicies([gateway(), route(), policy('bad', { circuitBreaker: nested(10_000, array) }), good()], { order: 'input' });
      expectOnlyBadSkipped(res);
      const d = res.diagnostics.find((x) => x.message.includes('nested deeper'))!;
      expect(d.message).toBe(`BackendTrafficPolicy ignored: nested deeper than ${LIMITS.maxDepth} levels`);
      expect(d.path.startsWith('[2].spec.circuitBreaker')).toBe(true);
    }
  });

  it('accepts nesting right at the limit and rejects one level more', () => {
    // The object itself is level 1, spec level 2, …: a value of depth limit-2 under spec fits exactly.
    expect(readPlainData({ spec: nested(LIMITS.maxDepth - 1) }).ok).toBe(true);
    expect(readPlainData({ spec: nested(LIMITS.maxDepth) }).ok).toBe(false);
  });

  it('parseBackendTrafficPolicy reports it as an issue instead of overflowing the stack', () => {
    const r = parseBackendTrafficPolicy(policy('deep', { timeout: nested(100_000, true) }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]).toMatchObject({ code: 'limit', message: `nested deeper than ${LIMITS.maxDepth} levels` });
  });
});

describe('value count', () => {
  it('shared references count every time they appear (a billion-laughs object is stopped)', () => {
    let laugh: unknown = ['ha'];
    for (let i = 0; i < 40; i++) laugh = [laugh, laugh];
    const res = resolvePolicies([gateway(), route(), policy('bad', { retry: laugh }), good()], { order: 'input' });
    expectOnlyBadSkipped(res);
    expect(res.diagnostics.some((d) => d.message === `BackendTrafficPolicy ignored: more than ${LIMITS.maxValuesPerObject} values in one object`)).toBe(true);
  });

  it('a sparse array with a huge length is rejected before it is iterated', () => {
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    const r = readPlainData({ spec: { items: sparse } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.violation.path).toEqual(['spec', 'items']);
  });

  it('100k-item arrays within the limit are read', () => {
    const refs = [{ group: GATEWAY_API_GROUP, kind: 'Gateway', name: 'eg' }, ...Array.from({ length: 100_000 }, (_, i) => ({ kind: 'Gateway', name: `x${i}` }))];
    // Refs without a group are CRD-invalid: read as written, as Envoy Gateway's harness does, to reach resolution.
    const res = resolvePolicies([gateway(), route(), { ...good(), spec: { targetRefs: refs, circuitBreaker: { maxConnections: 7 } } }], { profile: 'harness', namespaces: 'inferred', fieldNameMatching: 'exact' });
    expect(res.routes[0]!.policies).toEqual([{ namespace: 'default', name: 'good' }]);
  });

  it('once the input-wide budget is spent, the rest is skipped with one diagnostic', () => {
    const diagnostics: Resolution['diagnostics'] = [];
    const entries = Array.from({ length: 5 }, (_, i) => ({ kind: 'ConfigMap', object: { metadata: { name: `c${i}` }, data: { a: 'x', b: 'y' } }, path: `[${i}]` }));
    const kept = withinLimits(entries, diagnostics, newValueBudget(12));
    expect(kept.map((e) => e.path)).toEqual(['[0]', '[1]']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.path).toBe('[2]'); // 6 values per ConfigMap: the third one is out at its root
    expect(diagnostics[0]!.message).toBe(`ConfigMap ignored: the input holds more than ${LIMITS.maxValuesPerInput} values; the 2 object(s) after it were skipped too`);
  });
});

describe('string length', () => {
  it(`strings and keys longer than ${LIMITS.maxStringLength} characters skip their object`, () => {
    const long = 'x'.repeat(LIMITS.maxStringLength + 1);
    const res = resolvePolicies([gateway(), route(), policy('bad', { timeout: { http: { requestTimeout: long } } }), good()], { order: 'input' });
    expectOnlyBadSkipped(res);
    expect(res.diagnostics.find((d) => d.message.includes('longer than'))).toMatchObject({
      path: '[2].spec.timeout.http.requestTimeout',
      message: `BackendTrafficPolicy ignored: string of ${LIMITS.maxStringLength + 1} characters is longer than the limit of ${LIMITS.maxStringLength}`,
    });
    const key = readPlainData({ metadata: { labels: { [long]: 'v' } } });
    expect(key.ok).toBe(false);
    if (!key.ok) expect(key.violation.message).toMatch(/^key: string of/);
    expect(readPlainData({ a: 'x'.repeat(LIMITS.maxStringLength) }).ok).toBe(true);
  });
});

describe('characters', () => {
  it('a string shared many times counts every time (as every message quoting it would)', () => {
    const s = 'a-'.repeat(50_000); // 100k characters, far below the per-string limit
    const items = Array.from({ length: 100 }, () => s); // 10 Mi characters once expanded
    const res = resolvePolicies([gateway(), route(), policy('bad', { compression: items }), good()], { order: 'input' });
    expectOnlyBadSkipped(res);
    expect(res.diagnostics.find((d) => d.message.includes('characters'))!.message).toBe(
      `BackendTrafficPolicy ignored: more than ${LIMITS.maxCharsPerObject} characters of strings in one object`,
    );
    const parsed = parseBackendTrafficPolicy(policy('bad', { compression: items }));
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.issues).toHaveLength(1);
  });
});

describe('label selectors', () => {
  const selectorPolicy = (terms: number) =>
    policy('bad', {
      targetRefs: undefined,
      targetSelectors: [{ kind: 'HTTPRoute', group: GATEWAY_API_GROUP, matchExpressions: Array.from({ length: terms }, (_, i) => ({ key: `k${i}`, operator: 'DoesNotExist' })) }],
    });

  it(`a selector of ${LIMITS.maxSelectorTerms} terms is used; one more term skips the policy`, () => {
    const ok = resolvePolicies([gateway(), route(), selectorPolicy(LIMITS.maxSelectorTerms)], { order: 'input' });
    expect(ok.routes[0]!.policies).toEqual([{ namespace: 'default', name: 'bad' }]);
    const res = resolvePolicies([gateway(), route(), selectorPolicy(LIMITS.maxSelectorTerms + 1), good()], { order: 'input' });
    expectOnlyBadSkipped(res);
    expect(res.diagnostics.find((d) => d.message.includes('label selector'))).toMatchObject({
      path: '[2].spec.targetSelectors[0]',
      message: `BackendTrafficPolicy ignored: label selector has ${LIMITS.maxSelectorTerms + 1} terms, more than the limit of ${LIMITS.maxSelectorTerms}`,
    });
  });

  it('counts matchLabels, matchExpressions and their values, whatever the key case', () => {
    expect(selectorTerms({ matchLabels: { a: '1', b: '2' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['x', 'y', 'z'] }] })).toBe(6);
    expect(selectorTerms({ matchlabels: { a: '1' }, MatchExpressions: [{ key: 'c', operator: 'Exists' }] })).toBe(2);
  });

  it("a Gateway listener's namespace selector is bounded too", () => {
    const gw = gateway();
    const labels = Object.fromEntries(Array.from({ length: LIMITS.maxSelectorTerms + 1 }, (_, i) => [`k${i}`, 'v']));
    (gw.spec.listeners[0] as Record<string, unknown>).allowedRoutes = { namespaces: { from: 'Selector', selector: { matchLabels: labels } } };
    const res = resolvePolicies([gw, route(), good()], { order: 'input' });
    expect(res.routes).toHaveLength(0);
    expect(res.diagnostics[0]).toMatchObject({ path: '[0].spec.listeners[0].allowedRoutes.namespaces.selector', severity: 'error' });
  });
});

describe('findings', () => {
  it('an object with more issues than a call takes arguments is rejected with every one, and the rest still resolves', () => {
    // 150,000 invalid keys: each is an issue, more than a spread into one push call can take.
    const data: Record<string, string> = {};
    for (let i = 0; i < 150_000; i++) data[`bad key ${i}`] = 'v';
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'many', namespace: 'default' }, data };
    const r = resolvePolicies([configMap, gateway(), route(), good()]);
    expect(r.diagnostics.filter((d) => d.message.startsWith('internal error'))).toEqual([]);
    expect((r.rejected ?? []).map((x) => [x.kind, x.issues.length])).toEqual([['ConfigMap', 150_000]]);
    expect(r.routes.length).toBeGreaterThan(0);
  }, 60_000);

  it('no source spreads a list into the arguments of a call (append, or a loop, instead)', () => {
    // A spread passes each item as an argument, and past about 100,000 the stack runs out.
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const spreads: string[] = [];
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!/^\s*(\*|\/\/)/.test(line) && /\.(push|unshift)\(\.\.\.|Math\.(max|min)\(\.\.\.|String\.from(CharCode|CodePoint)\(\.\.\./.test(line)) spreads.push(`src/${file}:${i + 1}`);
        });
    }
    expect(spreads).toEqual([]);
  });
});

describe('object graphs that are not trees of data', () => {
  it('a cycle is reported where it closes', () => {
    const bad = policy('bad', { circuitBreaker: { maxConnections: 1 } }) as unknown as { spec: { circuitBreaker: Record<string, unknown> } };
    bad.spec.circuitBreaker.self = bad;
    const res = resolvePolicies([gateway(), route(), bad, good()], { order: 'input' });
    expectOnlyBadSkipped(res);
    expect(res.diagnostics.find((d) => d.message.includes('cycle'))!.path).toBe('[2].spec.circuitBreaker.self');
  });

  it('shared (acyclic) references are fine and copied apart', () => {
    const shared = { maxConnections: 7 };
    const r = readPlainData({ a: shared, b: shared });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const v = r.value as { a: object; b: object };
      expect(v.a).toEqual(shared);
      expect(v.a).not.toBe(v.b);
      expect(v.a).not.toBe(shared);
    }
  });

  it('a getter that throws or a hostile proxy skips its object only, and each property is read once', () => {
    let reads = 0;
    const bad = policy('bad');
    Object.defineProperty(bad.spec, 'timeout', {
      enumerable: true,
      get() {
        reads++;
        throw new Error('no timeout for you');
      },
    });
    const proxy = new Proxy(policy('worse'), { ownKeys: () => { throw new Error('no keys'); } });
    PROXIES.add(proxy);
    const res = resolvePolicies([gateway(), route(), bad, proxy, good()], { order: 'input' });
    expectOnlyBadSkipped(res);
    expect(reads).toBe(1);
    expect(res.diagnostics.map((d) => [d.path, d.message])).toEqual(
      expect.arrayContaining([
        ['[2].spec.timeout', 'BackendTrafficPolicy ignored: could not be read: no timeout for you'],
        ['[3]', 'BackendTrafficPolicy ignored: could not be read: no keys'],
      ]),
    );
  });

  it('keeps __proto__, constructor and prototype as own data, never as a prototype', () => {
    const r = readPlainData(JSON.parse('{"__proto__":{"kind":"Gateway"},"constructor":{"prototype":{"x":1}},"a":[{"__proto__":null}]}'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor', 'a']);
    expect((v as { kind?: unknown }).kind).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')!.value).toEqual(JSON.parse('{"kind":"Gateway"}'));
  });

  it('a bundle with keys named like Object.prototype members is read as data', () => {
    const res = resolvePolicies(JSON.parse('{"constructor":[{"kind":"x"}],"__proto__":[{}],"toString":[{}],"hasOwnProperty":[1],"gateways":[]}'));
    expect(res.diagnostics).toEqual([]);
  });

  it('an input that cannot even be listed becomes a diagnostic', () => {
    const revocable = Proxy.revocable([gateway()], {});
    revocable.revoke();
    const res = resolvePolicies(revocable.proxy);
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics[0]!.message).toMatch(/^input could not be read/);
  });
});

describe('what only a server writes', () => {
  /** `o` as a cluster lists it: with a status and managed fields, here each one a limit too large. */
  const listed = <T extends { metadata: object }>(o: T, status: unknown, managedFields: unknown) => ({ ...o, metadata: { ...o.metadata, managedFields }, status });
  const huge = () => Array.from({ length: LIMITS.maxValuesPerObject + 1 }, () => 0);

  it('reads neither status nor managedFields entries: no limit, getter or proxy there is met, and the resolution is the same', () => {
    let reads = 0;
    const status = {};
    Object.defineProperty(status, 'ancestors', { enumerable: true, get: () => (reads++, []) });
    const fields = new Proxy([], { get: (t, k) => (k === 'length' ? (reads++, 0) : Reflect.get(t, k)) });
    const input = [gateway(), listed(route(), huge(), huge()), listed(good(), status, fields)];
    const res = resolvePolicies(input, { order: 'input' });
    expect(res.diagnostics).toEqual([]);
    expect(reads).toBe(0);
    expect(res).toEqual(resolvePolicies([gateway(), route(), good()], { order: 'input' }));
  });

  it('holds the objects without status and with empty managedFields; a managedFields that is not a list is refused as the server refuses it', () => {
    const resolver = createResolver();
    resolver.upsert([listed(gateway(), { addresses: [] }, [{ manager: 'kubectl', operation: 'Update' }])]);
    expect(resolver.objects()[0]).toEqual({ ...gateway(), metadata: { ...gateway().metadata, managedFields: [] } });
    const res = resolvePolicies([gateway(), route(), listed(good(), undefined, 'kubectl')], { order: 'input' });
    expect(res.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('cannot unmarshal string into Go struct field ObjectMeta.metadata.managedFields of type []v1.ManagedFieldsEntry')]);
    // Read once, as every other value: a getter there runs one time.
    let reads = 0;
    const meta = { ...good().metadata };
    Object.defineProperty(meta, 'managedFields', { enumerable: true, get: () => (reads++, 'kubectl') });
    expect(resolvePolicies([gateway(), route(), { ...good(), metadata: meta }], { order: 'input' }).rejected).toHaveLength(1);
    expect(reads).toBe(1);
  });

  it('reads status and managedFields as data anywhere else: in a spec, and in what parseBackendTrafficPolicy is given', () => {
    const input = listed(good(), { ancestors: [{ bogus: huge() }] }, [{ manager: 'kubectl' }]);
    expect(parseBackendTrafficPolicy(input).success).toBe(false);
    const r = readPlainData({ spec: { status: 1, metadata: { managedFields: [1] } } }, newValueBudget(), { kubernetesObject: true });
    expect(r.ok && r.value).toEqual({ spec: { status: 1, metadata: { managedFields: [1] } } });
  });
});

describe('amplification', () => {
  it('lists longer than Gateway API allows skip their object (listeners, parentRefs, rules, hostnames)', () => {
    const gw = gateway();
    gw.spec.listeners = Array.from({ length: 65 }, (_, i) => ({ name: `l${i}`, protocol: 'HTTP', port: 1000 + i }));
    const r = route();
    r.spec.rules = Array.from({ length: 17 }, () => ({ backendRefs: [{ name: 's', port: 80 }] }));
    const res = resolvePolicies([gw, r, gateway(), route()], { order: 'input' });
    expect(res.diagnostics.slice(0, 2)).toEqual([
      { severity: 'error', path: '[0].spec.listeners', message: 'Gateway ignored: Too many: 65: must have at most 64 items' },
      { severity: 'error', path: '[1].spec.rules', message: 'HTTPRoute ignored: Too many: 17: must have at most 16 items' },
    ]);
    expect(res.routes).toHaveLength(1);
  });

  it(`routes that would take the resolution past ${LIMITS.maxRouteResults} route results are left out`, () => {
    const gw = gateway();
    gw.spec.listeners = Array.from({ length: 64 }, (_, i) => ({ name: `l${i}`, protocol: 'HTTP', port: 1000 + i }));
    const rules = Array.from({ length: 16 }, () => ({ backendRefs: [{ name: 's', port: 80 }] }));
    const perRoute = 64 * 16;
    const count = Math.floor(LIMITS.maxRouteResults / perRoute) + 2;
    const routes = Array.from({ length: count }, (_, i) => ({ ...route(), metadata: { namespace: 'default', name: `r${String(i).padStart(4, '0')}` }, spec: { parentRefs: [{ name: 'eg' }], rules } }));
    const res = resolvePolicies([gw, ...routes], { order: 'input' });
    expect(res.routes.length).toBeLessThanOrEqual(LIMITS.maxRouteResults);
    expect(res.routes.length).toBe((count - 2) * perRoute);
    const skipped = res.diagnostics.filter((d) => d.message.includes('route results'));
    expect(skipped.map((d) => d.object?.name)).toEqual([`r${String(count - 2).padStart(4, '0')}`, `r${String(count - 1).padStart(4, '0')}`]);
    expect(skipped[0]!.message).toBe(`HTTPRoute default/${skipped[0]!.object!.name} ignored: its ${perRoute} route results (listeners × rules) would take the resolution past ${LIMITS.maxRouteResults}`);
  });

  describe(`the objects selectors match come to at most ${LIMITS.maxSelectorMatches}, older policies first`, () => {
    // n policies whose selectors each pick the same n routes made n² targets: 2,000 of each took
    // 8.6 s and 760 MB. Here the 500 routes fill the budget at the 2,000th policy; one more is refused.
    const routes = 500;
    const fits = LIMITS.maxSelectorMatches / routes;
    const name = (i: number) => `p${String(i).padStart(4, '0')}`;
    /** The `i`th minute of 2026: policy `i` is older than policy `i + 1`. */
    const minute = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().replace('.000Z', 'Z');
    const selecting = (i: number) => ({
      ...backendTrafficPolicy(name(i), { targetSelectors: [{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute', matchLabels: { app: 'web' } }], timeout: { http: { requestTimeout: '1s' } } }),
      metadata: { namespace: 'default', name: name(i), creationTimestamp: minute(i) },
    });
    const objects: Array<{ metadata: Record<string, unknown> }> = [gateway()];
    for (let i = 0; i < routes; i++) objects.push({ ...route(), metadata: { namespace: 'default', name: `r${i}`, labels: { app: 'web' } } });
    // The youngest policy is listed first: the budget goes in policy order, not input order.
    for (let i = fits; i >= 0; i--) objects.push(selecting(i));
    const refused = (res: Resolution) => res.diagnostics.filter((d) => d.message.includes('targetSelectors would take'));
    const res = resolvePolicies(objects);

    it('the policy that would cross it picks nothing, with an error naming it', () => {
      expect(refused(res)).toEqual([
        {
          severity: 'error',
          path: '',
          object: { kind: 'BackendTrafficPolicy', namespace: 'default', name: name(fits) },
          message: `BackendTrafficPolicy default/${name(fits)}: its targetSelectors would take the objects that all policies' selectors match past ${LIMITS.maxSelectorMatches} (older policies first); they pick nothing, and only its targetRefs apply`,
        },
      ]);
      const targets = res.attachments.reduce((n, a) => n + a.targets.length, 0);
      expect(targets).toBe(LIMITS.maxSelectorMatches);
      expect(res.attachments.find((a) => a.policy.name === name(fits))!.targets).toEqual([]);
      expect(res.routes.every((r) => r.policies[0]!.name === name(0))).toBe(true);
    });

    it('a resolver says the same, and lets the refused policy in once an older one goes', () => {
      const resolver = createResolver();
      resolver.upsert(objects);
      expect(refused(resolver.resolution())).toEqual(refused(res));
      const change = resolver.delete([{ kind: 'BackendTrafficPolicy', namespace: 'default', name: name(1) }]);
      expect(change.policies.changed.map((p) => p.ref.name)).toContain(name(fits));
      const after = resolver.resolution();
      expect(refused(after)).toEqual([]);
      // The law, part by part: a deep comparison of a million targets whole took seconds.
      const expected = resolvePolicies(objects.filter((o) => o.metadata.name !== name(1)));
      expect(after.routes).toEqual(expected.routes);
      expect(after.policies).toEqual(expected.policies);
      expect(after.diagnostics).toEqual(expected.diagnostics);
      const targetsOf = (r: Resolution) => r.attachments.map((a) => `${a.policy.name} ${a.targets.length} ${a.targets[0]?.target.name}`);
      expect(targetsOf(after)).toEqual(targetsOf(expected));
    });

    it('counts the objects a selector matches but may not take: each is a miss to report', () => {
      // n policies whose labels match a route in each of n namespaces their namespace selector
      // leaves out: n² misses (2,000 of each took 3.4 s and 1.2 GB).
      const namespaces = 1000;
      const missing = (i: number) => ({
        ...backendTrafficPolicy(name(i), {
          targetSelectors: [{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute', matchLabels: { app: 'web' }, namespaces: { from: 'Selector', selector: { matchLabels: { team: 'none' } } } }],
        }),
        metadata: { namespace: 'default', name: name(i), creationTimestamp: minute(i) },
      });
      const input: unknown[] = [gateway()];
      for (let i = 0; i < namespaces; i++) {
        input.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${i}`, labels: { team: `t${i}` } } });
        input.push({ ...route(), metadata: { namespace: `team-${i}`, name: 'r', labels: { app: 'web' } }, spec: { parentRefs: [{ name: 'eg', namespace: 'default' }], rules: [{ backendRefs: [{ name: 's', port: 80 }] }] } });
      }
      const count = LIMITS.maxSelectorMatches / namespaces;
      for (let i = count; i >= 0; i--) input.push(missing(i));
      const out = resolvePolicies(input);
      expect(refused(out).map((d) => d.object?.name)).toEqual([name(count)]);
      const skipped = out.attachments.map((a) => a.selectors[0]!.skipped.length);
      expect(skipped.reduce((n, k) => n + k, 0)).toBe(LIMITS.maxSelectorMatches);
      expect(out.attachments.find((a) => a.policy.name === name(count))!.selectors[0]!.skipped).toEqual([]);
    });
  });

  describe(`a route entry lists at most ${LIMITS.maxConflictedOutcomes} conflicted policies per slot`, () => {
    // n policies on one Gateway, and n routes on it that each have a policy of their own: every
    // entry listed the n − 1 Gateway losers after its own policy, n² outcomes in all.
    const n = LIMITS.maxConflictedOutcomes + 4;
    const stamp = (i: number) => `2026-01-01T00:${String(i).padStart(2, '0')}:00Z`;
    const objects: Array<{ metadata: Record<string, unknown> }> = [gateway()];
    for (let i = 0; i < n; i++) {
      objects.push({ ...route(), metadata: { namespace: 'default', name: `r${i}` } });
      const own = backendTrafficPolicy(`route-${i}`, { targetRefs: [{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute', name: `r${i}` }], timeout: { http: { requestTimeout: '1s' } } });
      const shared = policy(`gateway-${i}`, { circuitBreaker: { maxConnections: i + 1 } });
      for (const p of [own, shared]) objects.push({ ...p, metadata: { ...p.metadata, creationTimestamp: stamp(i) } });
    }
    const res = resolvePolicies(objects);

    it('each entry lists its own policy, the Gateway holder, and the oldest losers up to the limit', () => {
      expect(res.routes).toHaveLength(n);
      for (const r of res.routes) {
        expect(r.outcomes.map((o) => o.outcome)).toEqual(['applied', 'overridden', ...Array<string>(LIMITS.maxConflictedOutcomes).fill('conflicted')]);
        expect(r.outcomes.slice(2).map((o) => o.policy.name)).toEqual(Array.from({ length: LIMITS.maxConflictedOutcomes }, (_, i) => `gateway-${i + 1}`));
      }
    });

    it('changes no setting and no status: every loser is still Conflicted', () => {
      for (const r of res.routes) expect(r.traffic).toMatchObject({ timeout: { http: { requestTimeout: 1000 } } });
      for (let i = 1; i < n; i++) {
        const p = res.policies.find((x) => x.ref.name === `gateway-${i}`)!;
        expect(p.status.ancestors![0]!.conditions[0]).toMatchObject({ type: 'Accepted', status: 'False', reason: 'Conflicted' });
      }
    });

    it('says so once, on the Gateway', () => {
      const capped = res.diagnostics.filter((d) => d.message.includes('conflicted (the limit)'));
      expect(capped).toEqual([
        {
          severity: 'warning',
          path: '',
          object: { kind: 'Gateway', namespace: 'default', name: 'eg' },
          message: `${n - 1} policy targets conflict on Gateway default/eg after the one that holds it: each route entry it reaches lists the oldest ${LIMITS.maxConflictedOutcomes} of them as conflicted (the limit), and the policies' statuses name every one`,
        },
      ]);
    });

    it('a resolver says the same, lists the next loser when a listed one goes, and drops the warning when the losers fit', () => {
      const resolver = createResolver();
      resolver.upsert(objects);
      expect(resolver.resolution()).toEqual(res);
      const gone = (i: number) => ({ kind: 'BackendTrafficPolicy', namespace: 'default', name: `gateway-${i}` });
      const without = (names: string[]) => objects.filter((o) => !names.includes(o.metadata.name as string));
      // A listed loser goes: the oldest one not listed takes its place on every entry.
      resolver.delete([gone(1)]);
      expect(resolver.resolution()).toEqual(resolvePolicies(without(['gateway-1'])));
      expect(resolver.resolution().routes[0]!.outcomes.at(-1)!.policy.name).toBe(`gateway-${LIMITS.maxConflictedOutcomes + 1}`);
      resolver.delete([gone(n - 1), gone(n - 2), gone(n - 3)]);
      const after = resolver.resolution();
      expect(after).toEqual(resolvePolicies(without(['gateway-1', `gateway-${n - 1}`, `gateway-${n - 2}`, `gateway-${n - 3}`])));
      expect(after.diagnostics.filter((d) => d.message.includes('conflicted (the limit)'))).toEqual([]);
      for (const r of after.routes) expect(r.outcomes).toHaveLength(2 + LIMITS.maxConflictedOutcomes - 1);
    });
  });
});
