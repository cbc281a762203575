/**
 * The resolver section of `npm run bench` (`--only resolver`): `createResolver` on a generated cluster, the time of
 * one change of each kind a controller sees (p50 and p99 over many changes, each of another
 * object), next to a full `resolvePolicies` of the same cluster. The goal: a change's p99 within 1%
 * of the full resolve. Each timed change is undone (untimed) before the next, so the cluster stays
 * the one generated.
 */
import type { K8sObject } from './generator.js';

type Library = typeof import('../src/index.js');

export interface ResolverChangeRow {
  change: string;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** p99 over the full resolve. */
  ratio: number;
}

export interface ResolverChangesResult {
  routes: number;
  policies: number;
  fullMs: number;
  loadMs: number;
  /** `resolver.resolution()` (frozen results, fresh arrays) against `structuredClone` of it, the copying alternative. */
  resolutionMs: number;
  cloneResolutionMs: number;
  /**
   * Every object held given again as one batch, as an informer's resync or a relist hands them
   * over (the median of three): nothing changes, and each object costs its boundary copy and a
   * comparison with the one held.
   */
  resyncMs: number;
  rows: ResolverChangeRow[];
}

interface Case {
  change: string;
  /** The timed change of sample `i`, and how to undo it. */
  step: (i: number) => { run: () => unknown; undo: () => unknown } | undefined;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/**
 * Waits a moment after a forced GC, so that its concurrent sweeping of the heap is done before the
 * next timed change: on two busy cores it was not, and the change after a forced GC took ~80 ms
 * sweeping for it (a GC the bench makes, outside what it means to time).
 */
const settle = (): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
};

const keyOf = (o: K8sObject) => ({ kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) });

export function measureResolverChanges(lib: Library, objects: K8sObject[], counts: { routes: number; policies: number }, samples: number, gc: () => void): ResolverChangesResult {
  const time = (fn: () => unknown): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  lib.resolvePolicies(objects);
  const fullRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    fullRuns.push(time(() => lib.resolvePolicies(objects)));
  }
  const fullMs = quantile(fullRuns, 0.5);

  gc();
  const resolver = lib.createResolver();
  const loadMs = time(() => resolver.upsert(objects));
  const resolutionMs = time(() => resolver.resolution());
  const resolution = resolver.resolution();
  const cloneResolutionMs = time(() => structuredClone(resolution));
  const resyncRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    resyncRuns.push(time(() => resolver.upsert(objects)));
  }
  const resyncMs = quantile(resyncRuns, 0.5);

  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const policies = of('BackendTrafficPolicy');
  const httpRoutes = of('HTTPRoute');
  const gateways = of('Gateway');
  const namespaces = of('Namespace').filter((n) => n.metadata.labels?.team !== undefined);
  const upsert = (o: unknown) => () => resolver.upsert([o]);

  const cases: Case[] = [
    {
      change: 'policy spec edit',
      step: (i) => {
        const p = policies[(i * 7919) % policies.length]!;
        const edited = { ...p, spec: { ...p.spec, timeout: { http: { requestTimeout: `${1 + (i % 50)}s` } } } };
        return { run: upsert(edited), undo: upsert(p) };
      },
    },
    {
      change: 'new policy on a route',
      step: (i) => {
        const r = httpRoutes[(i * 7919) % httpRoutes.length]!;
        const p = {
          apiVersion: 'gateway.envoyproxy.io/v1alpha1',
          kind: 'BackendTrafficPolicy',
          metadata: { namespace: r.metadata.namespace, name: `bench-new-${i}`, creationTimestamp: '2030-01-01T00:00:00Z' },
          spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: r.metadata.name }], timeout: { http: { requestTimeout: '3s' } } },
        };
        return { run: upsert(p), undo: () => resolver.delete([keyOf(p as K8sObject)]) };
      },
    },
    {
      change: 'route edit',
      step: (i) => {
        const r = httpRoutes[(i * 104729) % httpRoutes.length]!;
        const spec = r.spec as { rules?: Array<Record<string, unknown>> };
        const rules = (spec.rules ?? []).map((rule, n) => (n === 0 ? { ...rule, timeouts: { request: `${10 + (i % 20)}s` } } : rule));
        return { run: upsert({ ...r, spec: { ...r.spec, rules } }), undo: upsert(r) };
      },
    },
    {
      change: 'Gateway label flips a selector',
      step: (i) => {
        const g = gateways[i % gateways.length]!;
        const { 'app.kubernetes.io/part-of': _, ...labels } = g.metadata.labels ?? {};
        return { run: upsert({ ...g, metadata: { ...g.metadata, labels } }), undo: upsert(g) };
      },
    },
    {
      change: 'namespace label change',
      step: (i) => {
        const n = namespaces[(i * 7919) % namespaces.length]!;
        const labels = { ...n.metadata.labels, 'gateway-access': n.metadata.labels?.['gateway-access'] === 'public' ? 'internal' : 'public', env: 'changed' };
        return { run: upsert({ ...n, metadata: { ...n.metadata, labels } }), undo: upsert(n) };
      },
    },
    {
      change: 'route delete',
      step: (i) => {
        const r = httpRoutes[(i * 15485863) % httpRoutes.length]!;
        return { run: () => resolver.delete([keyOf(r)]), undo: upsert(r) };
      },
    },
    {
      // What a controller that writes statuses gets back from the API server for each write: the
      // policy with a new resourceVersion and the status, which resolution does not read.
      change: 'policy status write echoed',
      step: (i) => {
        const p = policies[(i * 7919) % policies.length]!;
        const echoed = { ...p, metadata: { ...p.metadata, resourceVersion: String(1000 + i) }, status: { ancestors: [] } };
        return { run: upsert(echoed), undo: upsert(p) };
      },
    },
  ];

  const rows: ResolverChangeRow[] = [];
  for (const c of cases) {
    // A few changes to warm up, then the samples; a GC now and then, outside the timings.
    for (let i = 0; i < 5; i++) {
      const s = c.step(samples + i)!;
      s.run();
      s.undo();
    }
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      if (i % 50 === 0) {
        // The forced GC's aftermath is kept out of the timings too: its concurrent sweeping, and
        // code it flushed or deoptimized, slowed the first changes after it by up to 3× on a
        // 2-core machine. A few untimed changes absorb it, as the warm-up above does.
        gc();
        settle();
        for (let k = 0; k < 5; k++) {
          const w = c.step(samples + 5 + k);
          w?.run();
          w?.undo();
        }
      }
      const s = c.step(i);
      if (!s) continue;
      times.push(time(s.run));
      s.undo();
    }
    const p99 = quantile(times, 0.99);
    rows.push({ change: c.change, samples: times.length, p50Ms: quantile(times, 0.5), p99Ms: p99, ratio: p99 / fullMs });
  }
  return { routes: counts.routes, policies: counts.policies, fullMs, loadMs, resolutionMs, cloneResolutionMs, resyncMs, rows };
}
