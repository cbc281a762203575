/**
 * The hostile inputs of issue 15, as functions of their size: small manifests whose work used to
 * grow faster than they do. `npm run bench` times each at two sizes (`hostile.ts`); the unit tests
 * use the same builders at small sizes to check the behaviour (diagnostics, budgets).
 */

const GW = 'gateway.networking.k8s.io';
const EG = 'gateway.envoyproxy.io';
const TIME = '2025-01-01T00:00:00Z';

export type Manifest = Record<string, unknown> & { kind: string };

/** A Gateway with `listeners` HTTP listeners on distinct ports, each for its own hostname pattern. */
export function gateway(name: string, listeners: number, namespace = 'default'): Manifest {
  return {
    apiVersion: `${GW}/v1`,
    kind: 'Gateway',
    metadata: { name, namespace, creationTimestamp: TIME },
    spec: {
      gatewayClassName: 'eg',
      listeners: Array.from({ length: listeners }, (_, i) => ({ name: `l${i}`, port: 8000 + i, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } })),
    },
  };
}

export interface RouteShape {
  rules?: number;
  matchesPerRule?: number;
  hostnames?: number;
  namespace?: string;
  labels?: Record<string, string>;
  gateway?: string;
}

/** An HTTPRoute attached to a Gateway, `rules` named rules of `matchesPerRule` path matches each. */
export function httpRoute(name: string, shape: RouteShape = {}): Manifest {
  const { rules = 1, matchesPerRule = 1, hostnames = 0, namespace = 'default', labels, gateway: gw = 'eg' } = shape;
  return {
    apiVersion: `${GW}/v1`,
    kind: 'HTTPRoute',
    metadata: { name, namespace, creationTimestamp: TIME, ...(labels ? { labels } : {}) },
    spec: {
      parentRefs: [{ name: gw, namespace: 'default' }],
      ...(hostnames > 0 ? { hostnames: Array.from({ length: hostnames }, (_, i) => `h${i}.example.com`) } : {}),
      rules: Array.from({ length: rules }, (_, r) => ({
        name: `rule-${r}`,
        matches: Array.from({ length: matchesPerRule }, (_, m) => ({ path: { type: 'PathPrefix', value: `/r${r}/m${m}` } })),
        backendRefs: [{ name: 'backend', port: 80 }],
      })),
    },
  };
}

/** A BackendTrafficPolicy with the given targets (a Gateway `eg` by default) and spec. */
export function policy(name: string, spec: Record<string, unknown>, targetRefs: unknown[] = [{ group: GW, kind: 'Gateway', name: 'eg' }], namespace = 'default'): Manifest {
  return {
    apiVersion: `${EG}/v1alpha1`,
    kind: 'BackendTrafficPolicy',
    metadata: { name, namespace, creationTimestamp: TIME },
    spec: { ...(targetRefs.length > 0 ? { targetRefs } : {}), ...spec },
  };
}

const routeRef = (name: string) => ({ group: GW, kind: 'HTTPRoute', name });

// ---------------------------------------------------------------- the scenarios' inputs

/**
 * Item 1: a `routeStatName` of `%ROUTE_NAME%` repeated `n` times, on a Gateway of 64 listeners
 * and a 16-rule route with a 253-character name.
 */
export function statNameInput(n: number): Manifest[] {
  const name = 'r'.repeat(253);
  return [gateway('eg', 64), httpRoute(name, { rules: 16 }), policy('stat', { telemetry: { metrics: { routeStatName: '%ROUTE_NAME%'.repeat(n) } } })];
}

/** Item 2: a Gateway policy and a route policy (`mergeType`) with `n` distinct `httpUpgrade` entries each. */
export function httpUpgradeMergeInput(n: number, mergeType: 'StrategicMerge' | 'JSONMerge' = 'StrategicMerge'): Manifest[] {
  const upgrades = (prefix: string) => Array.from({ length: n }, (_, i) => ({ type: `${prefix}-${i}` }));
  return [
    gateway('eg', 1),
    httpRoute('r'),
    policy('parent', { httpUpgrade: upgrades('gw') }),
    policy('child', { mergeType, httpUpgrade: upgrades('route') }, [routeRef('r')]),
  ];
}

/** Item 2: JSONMerge of a route policy whose `retry.retryOn.triggers` has `n` entries. */
export function retryTriggersMergeInput(n: number): Manifest[] {
  const triggers = Array.from({ length: n }, (_, i) => ['5xx', 'reset', 'connect-failure', 'retriable-4xx', 'refused-stream'][i % 5]);
  return [
    gateway('eg', 1),
    httpRoute('r'),
    policy('parent', { retry: { numRetries: 2, retryOn: { triggers: ['gateway-error'] } } }),
    policy('child', { mergeType: 'JSONMerge', retry: { retryOn: { triggers } } }, [routeRef('r')]),
  ];
}

/**
 * Item 3: a Gateway of `listeners` listeners and one route of 16 rules × 64 matches and 16
 * hostnames: `listeners` × 16,384 Envoy routes asked for.
 */
export function emitterAmplificationInput(listeners: number): Manifest[] {
  return [gateway('eg', listeners), httpRoute('wide', { rules: 16, matchesPerRule: 64, hostnames: 16 }), policy('timeout', { timeout: { http: { requestTimeout: '5s' } } })];
}

/** Item 3, rate limit service side: the same route with a global rate limit rule per Envoy route. */
export function rateLimitAmplificationInput(listeners: number): Manifest[] {
  return [
    gateway('eg', listeners),
    httpRoute('wide', { rules: 16, matchesPerRule: 64, hostnames: 16 }),
    policy('limit', { rateLimit: { type: 'Global', global: { rules: [{ clientSelectors: [{ headers: [{ name: 'x-user', type: 'Distinct' }] }], limit: { requests: 10, unit: 'Second' } }] } } }),
  ];
}

/** Item 7: a policy with `n` case variants of `targetRefs` (only `fieldNameMatching: 'caseInsensitive'` reads them). */
export function caseVariantsInput(n: number): Manifest[] {
  const spec: Record<string, unknown> = {};
  const base = 'targetrefs';
  for (let i = 0; i < n; i++) {
    let key = '';
    for (let b = 0; b < base.length; b++) key += (i >> b) & 1 ? base[b]!.toUpperCase() : base[b];
    // More variants than case patterns: the rest are unknown keys of the same length.
    spec[i < 1 << base.length ? key : `${key}${i}`] = [];
  }
  return [gateway('eg', 1), policy('variants', spec, [])];
}

/** Item 10: a rate limit header match whose regex is `a{1000}` repeated `n` times. */
export function regexSizeInput(n: number): Manifest[] {
  return [
    gateway('eg', 1),
    httpRoute('r'),
    policy('regex', {
      rateLimit: { type: 'Global', global: { rules: [{ clientSelectors: [{ headers: [{ name: 'x', type: 'RegularExpression', value: 'a{1000}'.repeat(n) }] }], limit: { requests: 1, unit: 'Second' } }] } },
    }),
  ];
}

/** Item 13: a patch nested `depth` objects deep, for the exported mergers. */
export function deepPatch(depth: number): Record<string, unknown> {
  let patch: Record<string, unknown> = { leaf: null };
  for (let i = 0; i < depth; i++) patch = { a: patch };
  return patch;
}

/**
 * Item 13: one HTTPRoute name `n` times (the fuzzer's "wide" mutation made 100,000 copies of a
 * route): the harness keeps each copy under its own key, and a refused copy is kept aside.
 */
export function repeatedNameInput(n: number): unknown {
  const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { namespace: 'default', name: 'r' }, spec: { parentRefs: [{ name: 'eg' }], rules: [{}] } };
  return { apiVersion: 'v1', kind: 'List', items: new Array<unknown>(n).fill(route) };
}

/** Item 13: a `List` of `n` non-object items (each one a value the input budget counts). */
export function scalarListInput(n: number): unknown {
  return { apiVersion: 'v1', kind: 'List', items: new Array<number>(n).fill(7) };
}

/**
 * Item 13: `selectors` policies whose `targetSelectors` say `NotIn` `values` values, over `routes`
 * labelled routes: the label index answers by complement.
 */
export function notInSelectorsInput(routes: number, selectors: number, values: number): Manifest[] {
  const out: Manifest[] = [gateway('eg', 1)];
  for (let i = 0; i < routes; i++) out.push(httpRoute(`r${i}`, { labels: { app: `a${i % 1000}` } }));
  for (let p = 0; p < selectors; p++) {
    const excluded = Array.from({ length: values }, (_, v) => `a${(p + v) % 1000}`);
    out.push(policy(`p${p}`, { timeout: { http: { requestTimeout: '1s' } }, targetSelectors: [{ group: GW, kind: 'HTTPRoute', matchExpressions: [{ key: 'app', operator: 'NotIn', values: excluded }] }] }, []));
  }
  return out;
}

/**
 * Found profiling the bench's selector-heavy cluster: `n` Namespaces, each with a route and a
 * ReferenceGrant, and `n` policies whose `targetSelectors` pick routes by Namespace labels
 * (`namespaces.from: Selector`). A whole input brings every Namespace and grant at once, and each
 * used to mark every namespace-selecting (or cross-namespace) policy again: n² marks.
 */
export function namespaceSelectorsInput(n: number): Manifest[] {
  const out: Manifest[] = [gateway('eg', 1)];
  for (let i = 0; i < n; i++) {
    const namespace = `team-${i}`;
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { team: `t${i % 10}` }, creationTimestamp: TIME } });
    out.push(httpRoute(`r${i}`, { namespace, labels: { app: `a${i}` } }));
    out.push({
      apiVersion: `${GW}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-policies', namespace, creationTimestamp: TIME },
      spec: { from: [{ group: EG, kind: 'BackendTrafficPolicy', namespace: 'default' }], to: [{ group: GW, kind: 'HTTPRoute' }] },
    });
    const selector = { group: GW, kind: 'HTTPRoute', matchLabels: { app: `a${i}` }, namespaces: { from: 'Selector', selector: { matchLabels: { team: `t${i % 10}` } } } };
    out.push(policy(`p${i}`, { timeout: { http: { requestTimeout: '1s' } }, targetSelectors: [selector] }, []));
  }
  return out;
}

/**
 * Found probing selector shapes: `n` policies whose `targetSelectors` each match the same `n`
 * routes, past the limit on selector matches. `'pick'`: routes of their own namespace. `'miss'`:
 * a route in each of `n` namespaces that their namespace selector leaves out (a miss to report
 * each). `'grant'`: routes of another namespace, each allowed by a ReferenceGrant of its own (each
 * route was checked against every grant of its namespace).
 */
export function selectorProductInput(n: number, shape: 'pick' | 'miss' | 'grant'): Manifest[] {
  const out: Manifest[] = [gateway('eg', 1)];
  const namespaces = shape === 'miss' ? { from: 'Selector', selector: { matchLabels: { team: 'none' } } } : shape === 'grant' ? { from: 'All' } : undefined;
  const selector = { group: GW, kind: 'HTTPRoute', matchLabels: { app: 'web' }, ...(namespaces ? { namespaces } : {}) };
  for (let i = 0; i < n; i++) {
    if (shape === 'miss') {
      out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${i}`, labels: { team: `t${i}` } } });
      out.push(httpRoute('r', { namespace: `team-${i}`, labels: { app: 'web' } }));
    } else if (shape === 'grant') {
      out.push(httpRoute(`r${i}`, { namespace: 'apps', labels: { app: 'web' } }));
      out.push({
        apiVersion: `${GW}/v1beta1`,
        kind: 'ReferenceGrant',
        metadata: { namespace: 'apps', name: `g${i}` },
        spec: { from: [{ group: EG, kind: 'BackendTrafficPolicy', namespace: 'default' }], to: [{ group: GW, kind: 'HTTPRoute', name: `r${i}` }] },
      });
    } else {
      out.push(httpRoute(`r${i}`, { labels: { app: 'web' } }));
    }
    out.push(policy(`p${i}`, { timeout: { http: { requestTimeout: '1s' } }, targetSelectors: [selector] }, []));
  }
  return out;
}
