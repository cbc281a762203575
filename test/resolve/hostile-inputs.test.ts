/**
 * Resolution on the hostile inputs of issue 15, at small sizes: what each budget does when it is
 * reached (their growth is measured by `npm run bench`, section "hostile inputs").
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicies } from '../../src/index.js';
import { LIMITS } from '../../src/model/limits.js';
import { gateway, httpRoute, policy, regexSizeInput, scalarListInput, statNameInput } from '../../bench/hostile-inputs.js';

const NAMESPACE = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } };
const statName = (routeStatName: string) => ({ telemetry: { metrics: { routeStatName } } });

describe('route stat names', () => {
  it('are substituted once per route rule and shared by its entries on every listener', () => {
    const res = resolvePolicies([gateway('eg', 4), httpRoute('r', { rules: 2 }), policy('p', statName('%ROUTE_NAMESPACE%.%ROUTE_NAME%.%ROUTE_RULE_NAME%'))]);
    expect(res.diagnostics).toEqual([]);
    expect(res.routes.map((r) => r.statName)).toEqual(['default.r.rule-0', 'default.r.rule-1', 'default.r.rule-0', 'default.r.rule-1', 'default.r.rule-0', 'default.r.rule-1', 'default.r.rule-0', 'default.r.rule-1']);
  });

  it('keep `$` patterns of names literal', () => {
    const res = resolvePolicies([gateway('eg', 1), httpRoute("a$&b$'c"), NAMESPACE, policy('p', statName('x.%ROUTE_NAME%.y'))], { profile: 'harness' });
    expect(res.routes.map((r) => r.statName)).toEqual(["x.a$&b$'c.y"]);
  });

  it('past the length budget, give no stat name and one diagnostic naming the policy and the route', () => {
    // 1,024 route entries (64 listeners × 16 rules), each asking for a 22 MB name.
    const res = resolvePolicies(statNameInput(87_381));
    expect(res.routes).toHaveLength(1024);
    expect(res.routes.every((r) => r.statName === undefined && r.policies.length === 1)).toBe(true);
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics[0]).toMatchObject({ severity: 'error', object: { kind: 'BackendTrafficPolicy', namespace: 'default', name: 'stat' } });
    expect(res.diagnostics[0]!.message).toBe(
      `BackendTrafficPolicy default/stat: the stat name of HTTPRoute default/${'r'.repeat(253)} (telemetry.metrics.routeStatName, its operators substituted) ` +
        `would be longer than ${LIMITS.maxStatNameLength} characters; the route gets no stat name`,
    );
  });

  it('at the budget exactly, are built', () => {
    const template = `${'%ROUTE_NAME%'.repeat(16)}${'x'.repeat(LIMITS.maxStatNameLength - 16 * 253)}`;
    const res = resolvePolicies(statNameInput(1).map((o) => (o.kind === 'BackendTrafficPolicy' ? policy('stat', statName(template)) : o)));
    expect(res.diagnostics).toEqual([]);
    expect(res.routes[0]!.statName).toHaveLength(LIMITS.maxStatNameLength);
  });

  it('a 1 MiB route name on the lenient path costs its stat name only, not every result', () => {
    const res = resolvePolicies([gateway('eg', 4), httpRoute('n'.repeat(1 << 20), { rules: 2 }), NAMESPACE, policy('p', statName('%ROUTE_NAME%.%ROUTE_NAME%'))], { profile: 'harness' });
    expect(res.routes).toHaveLength(8);
    expect(res.routes.every((r) => r.policies.length === 1 && r.statName === undefined)).toBe(true);
    expect(res.diagnostics.map((d) => d.message.slice(0, 60))).toEqual(['BackendTrafficPolicy default/p: the stat name of HTTPRoute d']);
  });
});

describe('creationTimestamp', () => {
  /** Two Gateway policies: the older one wins the Gateway, the other is Conflicted. */
  const conflict = (a: string, b: string) => [gateway('eg', 1), httpRoute('r'), { ...policy('a', {}), metadata: { name: 'a', namespace: 'default', creationTimestamp: a } }, { ...policy('b', {}), metadata: { name: 'b', namespace: 'default', creationTimestamp: b } }];
  const winner = (res: ReturnType<typeof resolvePolicies>) => res.routes[0]!.policies.map((p) => p.name);

  it('reads a non-RFC 3339 time in UTC, with a warning, whatever TZ says', () => {
    const saved = process.env.TZ;
    const winners: string[][] = [];
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        const res = resolvePolicies(conflict('2024-01-01 10:00', '2024-01-01T12:00:00+01:00'));
        winners.push(winner(res));
        expect(res.diagnostics).toEqual([
          {
            severity: 'warning',
            path: '[2].metadata.creationTimestamp',
            message: 'BackendTrafficPolicy creationTimestamp "2024-01-01 10:00" is not an RFC 3339 time such as 2025-01-31T12:00:00Z; read as 2024-01-01T10:00:00.000Z (UTC)',
            object: { kind: 'BackendTrafficPolicy', namespace: 'default', name: 'a' },
          },
        ]);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    // 10:00 UTC is older than 11:00 UTC: a wins everywhere.
    expect(winners).toEqual([['a'], ['a'], ['a']]);
  });

  it('orders an unreadable time first, with a warning, in both profiles', () => {
    for (const profile of ['cluster', 'harness'] as const) {
      const input = [...conflict('2020-01-01T00:00:00Z', 'yesterday'), NAMESPACE];
      const res = resolvePolicies(input, { profile, order: 'creationTimestamp' });
      expect(winner(res)).toEqual(['b']);
      expect(res.diagnostics.map((d) => d.message)).toEqual(['BackendTrafficPolicy creationTimestamp "yesterday" is not an RFC 3339 time such as 2025-01-31T12:00:00Z; it cannot be read, so the object is ordered before those with a time']);
    }
  });
});

describe('options.now', () => {
  const input = [gateway('eg', 1), httpRoute('r'), policy('p', {})];
  const times = (res: ReturnType<typeof resolvePolicies>) => res.policies.flatMap((p) => p.status.ancestors ?? []).flatMap((a) => a.conditions.map((c) => c.lastTransitionTime));

  it('takes a valid Date (copied, as a string) or an RFC 3339 string', () => {
    const now = new Date(Date.UTC(2025, 0, 31, 12));
    const res = resolvePolicies(input, { now });
    expect(times(res)).toEqual(['2025-01-31T12:00:00.000Z']);
    expect(times(resolvePolicies(input, { now: '2025-01-31T12:00:00+01:00' }))).toEqual(['2025-01-31T12:00:00+01:00']);
    expect(res.diagnostics).toEqual([]);
  });

  it.each([
    [new Date(Number.NaN), 'an invalid Date'],
    ['garbage', '"garbage"'],
    ['2025-01-31 12:00', '"2025-01-31 12:00"'],
    [12345, 'number 12345'],
    [{ toISOString: (): string => 'x' }, 'an object that is not a Date'],
    [null, 'null'],
  ])('gives no lastTransitionTime and a warning for %s', (now, shown) => {
    const res = resolvePolicies(input, { now: now as unknown as string });
    expect(res.routes[0]!.policies).toEqual([{ namespace: 'default', name: 'p' }]);
    expect(times(res)).toEqual([undefined]);
    expect(res.diagnostics).toEqual([
      { severity: 'warning', path: 'options.now', message: `options.now is ${shown}, not a valid Date or an RFC 3339 string such as 2025-01-31T12:00:00Z; conditions get no lastTransitionTime` },
    ]);
  });
});

describe('options', () => {
  const input = [gateway('eg', 1), httpRoute('r'), policy('p', {})];
  const findings = (options: unknown) => resolvePolicies(input, options as never).diagnostics.map((d) => [d.path, d.message]);

  it('reports a value an option does not take, and keeps its default', () => {
    expect(findings({ profile: 'Harness', order: 5, fieldNameMatching: null, namespaces: ['declared'] })).toEqual([
      ['options.profile', `options.profile is "Harness", not 'cluster' or 'harness'; the cluster profile is used`],
      ['options.order', `options.order is number 5, not 'creationTimestamp' or 'input'; the profile's choice is used`],
      ['options.fieldNameMatching', `options.fieldNameMatching is null, not 'exact' or 'caseInsensitive'; the profile's choice is used`],
      ['options.namespaces', `options.namespaces is an array, not 'inferred' or 'declared'; the profile's choice is used`],
    ]);
    // As if none were given.
    const { diagnostics: _, ...defaults } = resolvePolicies(input);
    const { diagnostics: __, ...given } = resolvePolicies(input, { profile: 'Harness', order: 5 } as never);
    expect(given).toEqual(defaults);
  });

  it('reports a key that is no option (a misspelt one would otherwise resolve as the default without a word)', () => {
    expect(findings({ profle: 'harness', 'a\nb': 1 })).toEqual([
      ['options.profle', 'options.profle is not an option (profile, controllerName, order, now, fieldNameMatching, namespaces); ignored'],
      ['options.a\\nb', 'options.a\\nb is not an option (profile, controllerName, order, now, fieldNameMatching, namespaces); ignored'],
    ]);
  });

  it('reports a controllerName that no policy status may carry, and uses the default', () => {
    const controllers = (options: unknown) => resolvePolicies(input, options as never).policies.flatMap((p) => p.status.ancestors ?? []).map((a) => a.controllerName);
    expect(controllers({ controllerName: 'example.com/btp' })).toEqual(['example.com/btp']);
    for (const bad of ['', 'no-slash', 'Example.com/x', `${'a'.repeat(250)}.io/x`, {}, 7]) {
      expect(controllers({ controllerName: bad })).toEqual(['gateway.envoyproxy.io/gatewayclass-controller']);
      expect(findings({ controllerName: bad })).toEqual([['options.controllerName', expect.stringMatching(/^options\.controllerName is .*, not a controller name .*; gateway\.envoyproxy\.io\/gatewayclass-controller is used$/)]]);
    }
  });

  it('reports options that are not an object, or cannot be read, and never throws', () => {
    expect(findings('harness')).toEqual([['options', 'options is "harness", not an object; every option keeps its default']]);
    expect(findings(null)).toEqual([]);
    const getter = Object.defineProperty({ order: 'input' }, 'profile', {
      enumerable: true,
      get() {
        throw new Error('no profile here');
      },
    });
    expect(findings(getter)).toEqual([['options.profile', 'options.profile could not be read (no profile here); it keeps its default']]);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(findings(revoked.proxy)).toEqual([['options', expect.stringMatching(/^options could not be read \(.*revoked.*\); every option keeps its default$/)]]);
    expect(findings({ now: revoked.proxy })).toEqual([['options.now', expect.stringMatching(/^options\.now could not be read/)]]);
  });
});

describe('List items that are not objects', () => {
  it('make one diagnostic per list, however many there are', () => {
    const res = resolvePolicies([{ apiVersion: 'v1', kind: 'List', items: [1, 'two', gateway('eg', 1), null, 3] }, 4] as never);
    expect(res.diagnostics.map((d) => [d.path, d.message])).toEqual([
      ['[0].items[0]', 'expected a Kubernetes object; 3 more items of this list are not objects either (all ignored)'],
      ['[1]', 'expected a Kubernetes object'],
    ]);
  });

  it('count against the value budget of the input', () => {
    const res = resolvePolicies([scalarListInput(LIMITS.maxValuesPerInput + 1), gateway('eg', 1)] as never);
    expect(res.diagnostics.map((d) => [d.path, d.message])).toEqual([
      [`[0].items[${LIMITS.maxValuesPerInput}]`, `the input holds more than ${LIMITS.maxValuesPerInput} values; the rest of it was skipped`],
      ['[0].items[0]', `expected a Kubernetes object; ${LIMITS.maxValuesPerInput} more items of this list are not objects either (all ignored)`],
    ]);
  });
});

describe('a regex past Go’s size limit', () => {
  it('makes its policy Invalid with Envoy Gateway’s text, as other regex errors do', () => {
    // 36 characters (within the CRD's 1024), 4 million instructions.
    const re = '(a{1000}b{1000}c{1000}d{1000}){1000}';
    const input = regexSizeInput(1).map((o) => (o.kind === 'BackendTrafficPolicy' ? policy('regex', { rateLimit: { type: 'Global', global: { rules: [{ clientSelectors: [{ headers: [{ name: 'x', type: 'RegularExpression', value: re }] }], limit: { requests: 1, unit: 'Second' } }] } } }) : o));
    const res = resolvePolicies(input);
    expect(res.rejected).toEqual([]);
    const accepted = res.policies[0]!.status.ancestors![0]!.conditions.find((c) => c.type === 'Accepted');
    expect(accepted).toMatchObject({ status: 'False', reason: 'Invalid' });
    expect(accepted!.message).toBe(`RateLimit: regex "${re}" is invalid: error parsing regexp: expression too large: \`${re}\`.`);
  });
});

describe('namespace-selecting policies over many Namespaces', () => {
  it('each picks its route in every Namespace its selector takes, and a resolver follows a Namespace relabelled', async () => {
    const { createResolver } = await import('../../src/index.js');
    const { namespaceSelectorsInput } = await import('../../bench/hostile-inputs.js');
    const input = namespaceSelectorsInput(30);
    const res = resolvePolicies(input);
    expect(res.routes).toHaveLength(30);
    // Route r<i> in team-<i> is picked by p<i> alone: its label is a<i>, and p<i>'s Namespace selector takes team t<i % 10>.
    expect(res.routes.map((r) => `${r.route.namespace}/${r.route.name}: ${r.policies.map((p) => p.name).join(',')}`).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `team-${i}/r${i}: p${i}`).sort(),
    );
    const resolver = createResolver();
    resolver.upsert(input);
    expect(resolver.resolution()).toEqual(res);
    // team-3 moves to team t4: p3 (which selects t3 Namespaces) loses its route.
    const ns = input.find((o) => o.kind === 'Namespace' && (o.metadata as { name: string }).name === 'team-3')!;
    resolver.upsert([{ ...ns, metadata: { ...(ns.metadata as object), labels: { team: 't4' } } }]);
    const moved = resolver.resolution().routes.find((r) => r.route.name === 'r3')!;
    expect(moved.policies).toEqual([]);
  });
});
