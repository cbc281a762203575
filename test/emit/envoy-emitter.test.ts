/**
 * The law of incremental emission: fed the changes between successive Resolutions, the emitter's
 * `config()` deep-equals `emitEnvoy` of the current Resolution, and each delta holds exactly the
 * resources whose content differs between the two full emissions, plus the names gone.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEnvoyEmitter, emitEnvoy, resolvePolicies, type EmitOptions, type EnvoyConfig, type EnvoyDelta, type Resolution } from '../../src/index.js';
import { generateCluster, type K8sObject } from '../../bench/generator.js';
import { diffResolutions } from './support/diff-resolutions.js';
import { jsonEqual } from '../../src/lang/json.js';

const RUNS = Number(process.env.BTP_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20260913);
const NOW = new Date('2025-06-01T00:00:00Z');

/** One edit of the cluster's objects. */
type Step =
  | { op: 'toggle'; index: number }
  | { op: 'tweak'; index: number; n: number }
  | { op: 'retime'; index: number; n: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('toggle' as const), index: fc.nat() }),
  fc.record({ op: fc.constant('tweak' as const), index: fc.nat(), n: fc.nat(7) }),
  fc.record({ op: fc.constant('retime' as const), index: fc.nat(), n: fc.nat(5) }),
);

type Obj = K8sObject & { spec?: Record<string, any> };

/** A small edit of one object, by kind: policy values, route rules, hostnames and parents, listeners. */
function tweak(o: Obj, n: number): Obj {
  const c = structuredClone(o) as Obj;
  const spec = (c.spec ??= {});
  if (c.kind === 'BackendTrafficPolicy') {
    if (n % 4 === 0) spec.timeout = { http: { requestTimeout: `${n + 1}s` } };
    else if (n % 4 === 1) spec.retry = { numRetries: n };
    else if (n % 4 === 2) delete spec.retry;
    else spec.loadBalancer = { type: n % 2 ? 'Random' : 'LeastRequest' };
  } else if (c.kind === 'HTTPRoute' || c.kind === 'GRPCRoute') {
    const rules: any[] = (spec.rules ??= []);
    if (n % 4 === 0 && rules.length > 0) rules.push({ ...structuredClone(rules[0]), matches: [{ path: { type: 'PathPrefix', value: `/x${n}` } }] });
    else if (n % 4 === 1 && rules.length > 1) rules.splice(n % rules.length, 1);
    else if (n % 4 === 2) spec.hostnames = n % 3 ? [`h${n}.example.com`] : undefined;
    else if (Array.isArray(spec.parentRefs)) spec.parentRefs = [...spec.parentRefs].reverse();
  } else if (c.kind === 'Gateway') {
    const listeners: any[] = spec.listeners ?? [];
    if (n % 2 === 0 && listeners.length > 1) spec.listeners = [...listeners.slice(1), listeners[0]];
    else if (listeners[0]) listeners[0].hostname = n % 3 ? `*.l${n}.example.com` : undefined;
  } else if (c.metadata) {
    c.metadata.labels = { ...c.metadata.labels, [`k${n % 2}`]: `v${n}` };
  }
  return c;
}

function applyStep(pool: Obj[], present: boolean[], step: Step): void {
  const i = step.index % pool.length;
  if (step.op === 'toggle') present[i] = !present[i];
  else if (step.op === 'tweak') pool[i] = tweak(pool[i]!, step.n);
  else pool[i] = { ...pool[i]!, metadata: { ...pool[i]!.metadata, creationTimestamp: `2025-01-0${step.n + 1}T00:00:00Z` } };
}

type Named = { name: string };
/** The delta between two full emissions, compared as sets of names. */
function expectedDelta(before: EnvoyConfig, after: EnvoyConfig) {
  const byName = <T,>(list: T[], name: (t: T) => string) => new Map(list.map((t) => [name(t), t]));
  const part = <T,>(a: T[], b: T[], name: (t: T) => string) => {
    const old = byName(a, name);
    const now = byName(b, name);
    return {
      upserted: [...now].filter(([k, v]) => !old.has(k) || !jsonEqual(old.get(k), v)).map(([k]) => k).sort(),
      removed: [...old.keys()].filter((k) => !now.has(k)).sort(),
    };
  };
  return {
    clusters: part(before.clusters, after.clusters, (c: Named) => c.name),
    routeConfigurations: part(before.routeConfigurations, after.routeConfigurations, (c: Named) => c.name),
    httpFilters: part(before.httpFilters, after.httpFilters, (f) => f.listener),
  };
}

function namesOf(delta: EnvoyDelta) {
  return {
    clusters: { upserted: delta.clusters.upserted.map((c) => c.name).sort(), removed: [...delta.clusters.removed].sort() },
    routeConfigurations: { upserted: delta.routeConfigurations.upserted.map((c) => c.name).sort(), removed: [...delta.routeConfigurations.removed].sort() },
    httpFilters: { upserted: delta.httpFilters.upserted.map((f) => f.listener).sort(), removed: [...delta.httpFilters.removed].sort() },
  };
}

/** Runs the steps, checking the law after each. */
function checkLaw(seed: number, steps: Step[], options: EmitOptions, withOrder: boolean): void {
  const pool = generateCluster({ routes: 6, seed }).objects as Obj[];
  const present = pool.map(() => true);
  const emitter = createEnvoyEmitter(options);
  let resolution: Resolution = { policies: [], routes: [], diagnostics: [], attachments: [] };
  let full = emitEnvoy(resolution, options);
  for (const step of [{ op: 'toggle', index: -1 } as Step, ...steps]) {
    if (step.index >= 0) applyStep(pool, present, step);
    const next = resolvePolicies(pool.filter((_, i) => present[i]), { now: NOW });
    const delta = emitter.update(diffResolutions(resolution, next), withOrder ? next.routes : undefined);
    const nextFull = emitEnvoy(next, options);
    expect(emitter.config()).toEqual(nextFull);
    expect(namesOf(delta)).toEqual(expectedDelta(full, nextFull));
    for (const c of delta.clusters.upserted) expect(c).toEqual(nextFull.clusters.find((x) => x.name === c.name));
    for (const rc of delta.routeConfigurations.upserted) expect(rc).toEqual(nextFull.routeConfigurations.find((x) => x.name === rc.name));
    resolution = next;
    full = nextFull;
  }
}

describe('createEnvoyEmitter', () => {
  it('config() equals emitEnvoy after every change, and deltas are exactly what changed (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(stepArb, { minLength: 1, maxLength: 8 }), (seed, steps) => checkLaw(seed, steps, {}, true)),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('holds over budget too: the same cut and diagnostics as emitEnvoy (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(stepArb, { minLength: 1, maxLength: 6 }),
        fc.oneof(fc.record({ routes: fc.integer({ min: 0, max: 40 }) }), fc.record({ bytes: fc.integer({ min: 0, max: 30000 }) })),
        (seed, steps, budget) => checkLaw(seed, steps, { budget }, true),
      ),
      { numRuns: Math.max(1, Math.round(RUNS / 2)), seed: SEED + 1 },
    );
  });

  it('without the order, keeps entries in place and puts a new route after the others of its kind', () => {
    // Policy edits and a route created last: changes in place and appends, which need no order.
    const pool = generateCluster({ routes: 6, seed: 7 }).objects as Obj[];
    const lastRoute = pool.map((o) => o.kind).lastIndexOf('HTTPRoute');
    pool[lastRoute] = { ...pool[lastRoute]!, metadata: { ...pool[lastRoute]!.metadata, creationTimestamp: '2030-01-01T00:00:00Z' } };
    const present = pool.map((_, i) => i !== lastRoute);
    const emitter = createEnvoyEmitter();
    let resolution: Resolution = { policies: [], routes: [], diagnostics: [], attachments: [] };
    const steps: Step[] = [{ op: 'toggle', index: -1 }, { op: 'toggle', index: lastRoute }];
    pool.forEach((o, i) => o.kind === 'BackendTrafficPolicy' && steps.push({ op: 'tweak', index: i, n: i }));
    for (const step of steps) {
      if (step.index >= 0) applyStep(pool, present, step);
      const next = resolvePolicies(pool.filter((_, i) => present[i]), { now: NOW });
      emitter.update(diffResolutions(resolution, next));
      expect(emitter.config()).toEqual(emitEnvoy(next));
      resolution = next;
    }
  });

  it('reports the diagnostics of the entries a change touched, at their index', () => {
    const resolution = resolvePolicies(generateCluster({ routes: 6, seed: 11 }).objects, { now: NOW });
    const broken = structuredClone(resolution.routes[3]!);
    (broken as { traffic: unknown }).traffic = { retry: { numRetries: 'many' } };
    const next = { ...resolution, routes: resolution.routes.map((r, i) => (i === 3 ? broken : r)) };
    const emitter = createEnvoyEmitter();
    emitter.update(diffResolutions({ routes: [], policies: [] }, resolution), resolution.routes);
    const delta = emitter.update(diffResolutions(resolution, next), next.routes);
    expect(delta.diagnostics.length).toBeGreaterThan(0);
    expect(delta.diagnostics).toEqual(emitEnvoy(next).diagnostics.filter((d) => d.path.startsWith('routes[3]')));
  });

  it('reports what is not a change, or cannot be read, at its path, and emits the rest', () => {
    const resolution = resolvePolicies(generateCluster({ routes: 6, seed: 5 }).objects, { now: NOW });
    const empty = { clusters: { upserted: [], removed: [] }, routeConfigurations: { upserted: [], removed: [] }, httpFilters: { upserted: [], removed: [] } };
    const emitter = createEnvoyEmitter();
    const wrong = (change: unknown) => emitter.update(change as never).diagnostics.map((d) => [d.path, d.message.replace(/\(.*\)/, '(…)')]);
    expect(emitter.update(resolution as never)).toEqual({ ...empty, diagnostics: [{ severity: 'error', path: 'routes', message: 'expected a change as a resolver returns it ({ routes: { added, changed, removed } }); nothing emitted' }] });
    expect(wrong({ routes: { added: 5 } })).toEqual([['routes.added', 'expected an array of route results; ignored']]);
    expect(wrong({ routes: { added: new Array(2 ** 32 - 1) } })).toEqual([['routes.added', 'holds more than 1000000 route results, more than a Resolution has; ignored']]);
    // A proxy list: the item it cannot read is an error at its index, and the others are emitted.
    const routes = resolution.routes;
    const added = new Proxy([...routes], { get: (t, k, r) => (k === '1' ? (() => { throw new Error('no item 1'); })() : Reflect.get(t, k, r)) });
    expect(wrong({ routes: { added, changed: [], removed: [] } })).toEqual([['routes.added[1]', 'could not be read (…); ignored']]);
    expect(emitter.config()).toEqual(emitEnvoy({ ...resolution, routes: routes.filter((_, i) => i !== 1) }));
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(wrong(revoked.proxy)).toEqual([['routes', 'could not be read (…); nothing emitted']]);
    expect(wrong({ routes: { removed: revoked.proxy } })).toEqual([['routes.removed', 'could not be read (…); ignored']]);
  });

  it('never shares its state with what it returns', () => {
    const resolution = resolvePolicies(generateCluster({ routes: 6, seed: 5 }).objects, { now: NOW });
    const emitter = createEnvoyEmitter();
    const delta = emitter.update(diffResolutions({ routes: [], policies: [] }, resolution), resolution.routes);
    delta.clusters.upserted[0]!.name = 'mutated';
    const config = emitter.config();
    config.routeConfigurations[0]!.name = 'mutated';
    expect(emitter.config()).toEqual(emitEnvoy(resolution));
  });
});
