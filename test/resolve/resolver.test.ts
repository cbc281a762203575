/**
 * createResolver beyond its law (`resolver-law.test.ts`): watch events it does not apply, keys it
 * cannot read, what it hands out (frozen, so a caller's edit cannot reach its state), and a change
 * handed to createEnvoyEmitter as a controller does.
 */
import { describe, expect, it } from 'vitest';
import { createEnvoyEmitter, createResolver, emitEnvoy, resolvePolicies, type WatchEvent } from '../../src/index.js';
import { backendTrafficPolicy, gateway, gatewayRef, httpRoute } from '../support/manifests.js';
import { objectsOf, realisticInputs } from '../hardening/support.js';
import { fixtureNames, loadFixture } from './load-fixture.js';

const objects = () => [gateway(), httpRoute(), backendTrafficPolicy('p', { timeout: { http: { requestTimeout: '5s' } } })];

describe('createResolver', () => {
  it('ignores watch events other than ADDED, MODIFIED and DELETED, with a warning at the event', () => {
    const resolver = createResolver();
    const change = resolver.apply([{ type: 'BOOKMARK', object: {} } as unknown as WatchEvent, { type: 'ADDED', object: gateway() }]);
    expect(change.diagnostics).toEqual([{ severity: 'warning', path: '[0].type', message: 'watch event of BOOKMARK ignored: only ADDED, MODIFIED and DELETED change objects' }]);
    expect(resolver.objects()).toHaveLength(1);
  });

  it('reports a key it cannot read, deletes by the object of a DELETED event, and ignores keys it does not hold', () => {
    const resolver = createResolver();
    resolver.upsert(objects());
    const bad = resolver.delete([{ kind: 'HTTPRoute' } as never, { kind: 'HTTPRoute', namespace: 'default', name: 'nope' }]);
    expect(bad.diagnostics.map((d) => d.path)).toEqual(['[0]']);
    expect(bad.routes).toEqual({ added: [], changed: [], removed: [] });
    const gone = resolver.apply([{ type: 'DELETED', object: httpRoute() }]);
    expect(gone.routes.removed).toHaveLength(1);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it('reads what a change method is given as resolvePolicies reads input: an error for what is not an array, one object or a List', () => {
    const resolver = createResolver();
    const none = { routes: { added: [], changed: [], removed: [] }, policies: { changed: [], removed: [] } };
    for (const [call, message] of [
      [() => resolver.upsert(5 as never), 'input must be an array of Kubernetes objects or a resource bundle object'],
      [() => resolver.delete('HTTPRoute/default/r' as never), 'expected an array of object keys ({ kind, name, namespace }); nothing changed'],
      [() => resolver.apply({ type: 'ADDED', object: gateway() } as never), 'expected an array of watch events ({ type, object }); nothing changed'],
    ] as const) {
      expect(call()).toEqual({ ...none, diagnostics: [{ severity: 'error', path: '', message }] });
    }
    // One object, or a List, is what resolvePolicies takes too, and what upsert's type says.
    expect(resolver.upsert(gateway()).diagnostics).toEqual([]);
    expect(resolver.upsert({ apiVersion: 'v1', kind: 'List', items: [httpRoute()] }).routes.added).toHaveLength(1);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it('reports a key or an event it cannot read (a throwing getter, a revoked proxy) at its index, and applies the others', () => {
    const resolver = createResolver();
    resolver.upsert(objects());
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const throwing = Object.defineProperty({}, 'kind', {
      enumerable: true,
      get() {
        throw new Error('no kind');
      },
    });
    const deleted = resolver.delete([throwing as never, revoked.proxy as never, { kind: 'BackendTrafficPolicy', namespace: 'default', name: 'p' }]);
    expect(deleted.diagnostics.map((d) => [d.path, d.message.replace(/\(.*\)/, '(…)')])).toEqual([
      ['[0]', 'could not be read (…); ignored'],
      ['[1]', 'could not be read (…); ignored'],
    ]);
    expect(deleted.policies.removed.map((r) => r.name)).toEqual(['p']);
    const applied = resolver.apply([revoked.proxy as never, { type: 'DELETED', object: httpRoute() }]);
    expect(applied.diagnostics.map((d) => d.path)).toEqual(['[0]']);
    expect(applied.routes.removed).toHaveLength(1);
    // Nothing fell back on making the resolution again.
    expect([...deleted.diagnostics, ...applied.diagnostics].some((d) => d.message.startsWith('internal error'))).toBe(false);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it('reads its options once, into a copy, and reports what is wrong with them in every resolution', () => {
    const options = { controllerName: 'example.com/btp', profle: 'harness' };
    const resolver = createResolver(options as never);
    options.controllerName = 'changed.example.com/later';
    resolver.upsert(objects());
    const finding = { severity: 'warning', path: 'options.profle', message: 'options.profle is not an option (profile, controllerName, order, now, fieldNameMatching, namespaces); ignored' };
    expect(resolver.resolution().diagnostics).toEqual([finding]);
    expect(resolver.resolution().policies[0]!.status.ancestors![0]!.controllerName).toBe('example.com/btp');
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects(), { controllerName: 'example.com/btp', profle: 'harness' } as never));
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(createResolver(revoked.proxy as never).resolution().diagnostics.map((d) => d.path)).toEqual(['options']);
  });

  it('gives findings of the objects a change brought with paths into the change', () => {
    const resolver = createResolver();
    resolver.upsert([gateway()]);
    const change = resolver.apply([{ type: 'ADDED', object: { ...httpRoute(), metadata: { name: 'r', namespace: 'default', creationTimestamp: 'yesterday' } } }]);
    expect(change.diagnostics.map((d) => d.path)).toEqual(['[0].object.metadata.creationTimestamp']);
    // In the Resolution the same finding is at the object's place among those held.
    expect(resolver.resolution().diagnostics.map((d) => d.path)).toEqual(['[1].metadata.creationTimestamp']);
  });

  it('hands out frozen results: an edit throws and the state is untouched', () => {
    const resolver = createResolver();
    const input = objects();
    const snapshot = structuredClone(input);
    const change = resolver.upsert(input);
    expect(input).toEqual(snapshot);
    const entry = change.routes.added[0]!;
    expect(() => {
      (entry as { listener: string }).listener = 'other';
    }).toThrow(TypeError);
    const resolution = resolver.resolution();
    resolution.routes.length = 0;
    expect(resolver.resolution().routes).toHaveLength(1);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it("feeds createEnvoyEmitter: the emitter's config follows the resolver's changes", () => {
    const resolver = createResolver();
    const emitter = createEnvoyEmitter();
    const [gw, route, policy] = objects();
    for (const events of [
      [{ type: 'ADDED', object: gw }, { type: 'ADDED', object: route }],
      [{ type: 'ADDED', object: policy }],
      [{ type: 'MODIFIED', object: backendTrafficPolicy('p', { timeout: { http: { requestTimeout: '9s' } } }) }],
      [{ type: 'DELETED', object: route }],
    ] as WatchEvent[][]) {
      emitter.update(resolver.apply(events), resolver.resolution().routes);
      expect(emitter.config()).toEqual(emitEnvoy(resolver.resolution()));
    }
  });

  it('compares results holding `valueOf`, `toString` or `constructor` keys as data (a route match may carry any key)', () => {
    const route = (value: string) => httpRoute({ rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' }, valueOf: value, toString: value, constructor: { value } }] }] });
    const resolver = createResolver();
    resolver.upsert([gateway(), route('a')]);
    const same = resolver.upsert([route('a')]);
    expect(same.diagnostics).toEqual([]);
    expect(same.routes.changed).toEqual([]);
    const edited = resolver.upsert([route('b')]);
    expect(edited.diagnostics).toEqual([]);
    expect(edited.routes.changed).toHaveLength(1);
    expect(resolver.resolution()).toEqual(resolvePolicies([gateway(), route('b')]));
  });

  it('takes an object back from its status write (a new resourceVersion, a status), or a policy relabelled, as no change, and holds the write', () => {
    const resolver = createResolver({ controllerName: 'example.com/btp' });
    const policy = backendTrafficPolicy('p', { timeout: { http: { requestTimeout: '5s' } } });
    resolver.upsert([gateway(), httpRoute(), policy]);
    const status = resolver.resolution().policies[0]!;
    const written = { ...policy, metadata: { ...policy.metadata, resourceVersion: '42' }, status: { ancestors: [] } };
    const change = resolver.apply([{ type: 'MODIFIED', object: written }]);
    expect(change).toEqual({ routes: { added: [], changed: [], removed: [] }, policies: { changed: [], removed: [] }, diagnostics: [] });
    // Not worked out again: the status handed out before is the very object held.
    expect(resolver.resolution().policies[0]).toBe(status);
    expect(resolver.objects()[2]).toMatchObject({ metadata: { resourceVersion: '42' } });
    // Nothing reads a policy's labels or annotations either.
    const labelled = { ...written, metadata: { ...written.metadata, labels: { team: 'a' }, annotations: { note: 'b' } } };
    expect(resolver.upsert([labelled]).policies.changed).toEqual([]);
    expect(resolver.resolution().policies[0]).toBe(status);
    // Its generation is read: the conditions observe it.
    const generation = resolver.upsert([{ ...labelled, metadata: { ...labelled.metadata, generation: 7 } }]);
    expect(generation.policies.changed[0]!.status.ancestors![0]!.conditions[0]!.observedGeneration).toBe(7);
    // A write that changes the spec as well is an edit.
    const edited = resolver.upsert([{ ...written, metadata: { ...written.metadata, resourceVersion: '43' }, spec: { ...policy.spec, timeout: { http: { requestTimeout: '6s' } } } }]);
    expect(edited.routes.changed).toHaveLength(1);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects(), { controllerName: 'example.com/btp' }));
  });

  it('takes the objects held, given again (a resync), as no change, with the same findings', () => {
    const resolver = createResolver();
    const input = [gateway(), httpRoute(), backendTrafficPolicy('p', { timeout: { http: { requestTimeout: '5s' } }, colour: 'blue' })];
    const first = resolver.upsert(input);
    const status = resolver.resolution().policies[0];
    const again = resolver.apply(input.map((object) => ({ type: 'MODIFIED', object })));
    expect(again.routes).toEqual({ added: [], changed: [], removed: [] });
    expect(again.policies).toEqual({ changed: [], removed: [] });
    expect(first.diagnostics.map((d) => d.message)).toContain('unknown field "spec.colour"');
    expect(again.diagnostics.map((d) => [d.path, d.message])).toEqual(first.diagnostics.map((d) => [d.path.replace(/^\[(\d+)\]/, '[$1].object'), d.message]));
    expect(resolver.resolution().policies[0]).toBe(status);
  });

  it('follows a selected route through an edit that keeps its labels, a label change and a delete', () => {
    const labelled = (labels: Record<string, string>, port: number) => {
      const r = httpRoute({ rules: [{ backendRefs: [{ name: 's', port }] }] });
      return { ...r, metadata: { ...r.metadata, labels } };
    };
    const selecting = backendTrafficPolicy('p', { targetSelectors: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', matchLabels: { app: 'a' } }], timeout: { http: { requestTimeout: '5s' } } });
    const resolver = createResolver();
    resolver.upsert([gateway(), labelled({ app: 'a' }, 80), selecting]);
    const policiesOf = () => resolver.resolution().routes.map((r) => r.policies.map((p) => p.name));
    expect(policiesOf()).toEqual([['p']]);
    // Its rules edited, its labels the same: still selected, and the edit is reported.
    const edited = resolver.upsert([labelled({ app: 'a' }, 81)]);
    expect(edited.routes.changed).toHaveLength(1);
    expect(policiesOf()).toEqual([['p']]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    // Its label changed: no longer selected.
    resolver.upsert([labelled({ app: 'b' }, 81)]);
    expect(policiesOf()).toEqual([[]]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    // Back, then deleted.
    resolver.upsert([labelled({ app: 'a' }, 82)]);
    expect(policiesOf()).toEqual([['p']]);
    resolver.delete([{ kind: 'HTTPRoute', namespace: 'default', name: 'r' }]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    expect(resolver.resolution().attachments[0]!.targets).toEqual([]);
  });

  it('follows a Namespace that comes and goes in the policies whose namespace selectors pick in it, and leaves the others', () => {
    const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: 'x' } } });
    const labelled = (ns: string, app: string) => {
      const r = httpRoute({ namespace: ns, name: `r-${ns}`, parentRefs: [{ name: 'eg', namespace: 'infra' }] });
      return { ...r, metadata: { ...r.metadata, labels: { app } } };
    };
    const grant = (ns: string) => ({ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { namespace: ns, name: 'from-platform' }, spec: { from: [{ group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy', namespace: 'platform' }], to: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] } });
    const selecting = (name: string, app: string) =>
      backendTrafficPolicy(name, { targetSelectors: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', matchLabels: { app }, namespaces: { from: 'Selector', selector: { matchLabels: { team: 'x' } } } }], timeout: { http: { requestTimeout: '5s' } } }, { namespace: 'platform' });
    const gw = gateway({ namespace: 'infra', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }] });
    const resolver = createResolver();
    resolver.upsert([gw, namespace('apps'), namespace('other'), namespace('platform'), grant('apps'), grant('other'), labelled('apps', 'a'), labelled('other', 'b'), selecting('pa', 'a'), selecting('pb', 'b')]);
    const picks = () => resolver.resolution().attachments.map((a) => [a.policy.name, a.targets.map((t) => t.target.name)]);
    expect(picks()).toEqual([['pa', ['r-apps']], ['pb', ['r-other']]]);
    // Namespace apps goes: pa, which picked in it, loses its route and with it its status; pb is as it was.
    const gone = resolver.delete([{ kind: 'Namespace', name: 'apps' }]);
    expect(gone.policies).toEqual({ changed: [], removed: [expect.objectContaining({ name: 'pa' })] });
    expect(gone.routes.changed.map((r) => [r.route.name, r.policies])).toEqual([['r-apps', []]]);
    expect(picks()).toEqual([['pa', []], ['pb', ['r-other']]]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    // It comes back: pa picks again.
    const back = resolver.upsert([namespace('apps')]);
    expect(back.policies.changed.map((p) => p.ref.name)).toEqual(['pa']);
    expect(picks()).toEqual([['pa', ['r-apps']], ['pb', ['r-other']]]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it('attaches a Namespace\'s routes again only when a listener\'s namespace selector flips on its new labels', () => {
    const namespace = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels } });
    const selective = gateway({ namespace: 'infra', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { access: 'public' } } } } }] });
    const route = httpRoute({ namespace: 'apps', parentRefs: [{ name: 'eg', namespace: 'infra' }] });
    const resolver = createResolver();
    resolver.upsert([selective, route, namespace({ access: 'public', env: 'a' })]);
    expect(resolver.resolution().routes).toHaveLength(1);
    // A label the listener does not read: the route stays as it is.
    const unread = resolver.upsert([namespace({ access: 'public', env: 'b' })]);
    expect(unread.routes).toEqual({ added: [], changed: [], removed: [] });
    // The label it reads: the route is no longer taken, then taken again.
    expect(resolver.upsert([namespace({ access: 'internal', env: 'b' })]).routes.removed).toHaveLength(1);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    expect(resolver.upsert([namespace({ access: 'public' })]).routes.added).toHaveLength(1);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it('reports only the entries of the listener a Namespace label flips, and keeps the others as they were', () => {
    const namespace = (access: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { access } } });
    const gw = gateway({
      namespace: 'infra',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'public', protocol: 'HTTP', port: 8080, allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { access: 'public' } } } } },
      ],
    });
    // Two parentRefs reach `http` (one by section), one reaches `public`: a merging route policy
    // merges once per parentRef that reaches a listener.
    const route = httpRoute({
      namespace: 'apps',
      parentRefs: [{ name: 'eg', namespace: 'infra' }, { name: 'eg', namespace: 'infra', sectionName: 'http' }],
      rules: [{ name: 'a', backendRefs: [{ name: 's', port: 80 }] }, { name: 'b', backendRefs: [{ name: 's', port: 81 }] }],
    });
    const gatewayPolicy = backendTrafficPolicy('gw', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }], timeout: { http: { requestTimeout: '5s' } } }, { namespace: 'infra' });
    const merging = backendTrafficPolicy('merging', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }], mergeType: 'StrategicMerge', retry: { numRetries: 2 } }, { namespace: 'apps' });
    const resolver = createResolver();
    resolver.upsert([gw, route, gatewayPolicy, merging, namespace('internal')]);
    const onHttp = resolver.resolution().routes;
    expect(onHttp.map((r) => r.listener)).toEqual(['http', 'http']);
    const taken = resolver.upsert([namespace('public')]);
    expect(taken.routes.changed).toEqual([]);
    expect(taken.routes.removed).toEqual([]);
    expect(taken.routes.added.map((r) => [r.listener, r.ruleName])).toEqual([['public', 'a'], ['public', 'b']]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    // The entries on `http` are the results they were.
    const now = resolver.resolution().routes.filter((r) => r.listener === 'http');
    now.forEach((r, i) => expect(r).toBe(onHttp[i]));
    const dropped = resolver.upsert([namespace('internal')]);
    expect(dropped.routes.removed.map((r) => [r.listener, r.ruleName])).toEqual([['public', 'a'], ['public', 'b']]);
    expect(dropped.routes.changed).toEqual([]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it('merges a route policy into each new Gateway policy, from the first policy that merges until the last one is gone', () => {
    const route = httpRoute({ rules: [{ name: 'a', backendRefs: [{ name: 's', port: 80 }] }] });
    const onGateway = (timeout: string) => backendTrafficPolicy('gw', { targetRefs: [gatewayRef('eg')], timeout: { http: { requestTimeout: timeout } } });
    const merging = backendTrafficPolicy('merging', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }], mergeType: 'StrategicMerge', retry: { numRetries: 2 } });
    const resolver = createResolver();
    const settings = () => resolver.resolution().routes.map((r) => [r.traffic?.timeout?.http?.requestTimeout, r.traffic?.retry?.numRetries]);
    const lawHolds = () => expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));

    // No policy merges yet: a Gateway policy edit reaches the entry as it is.
    resolver.upsert([gateway(), route, onGateway('5s')]);
    expect(resolver.upsert([onGateway('7s')]).routes.changed).toHaveLength(1);
    expect(settings()).toEqual([[7000, undefined]]);
    lawHolds();

    // The first merging policy: the route's entry gets the Gateway policy merged with its own.
    resolver.upsert([merging]);
    expect(settings()).toEqual([[7000, 2]]);
    const edited = resolver.upsert([onGateway('9s')]);
    expect(edited.routes.changed).toHaveLength(1);
    expect(settings()).toEqual([[9000, 2]]);
    lawHolds();
    // A Gateway policy first in order (no creationTimestamps: by name) takes the Gateway: the route
    // policy merges into it now, and its status says so.
    const taken = resolver.upsert([backendTrafficPolicy('a-first', { targetRefs: [gatewayRef('eg')], timeout: { http: { requestTimeout: '3s' } } })]);
    expect(settings()).toEqual([[3000, 2]]);
    expect(taken.policies.changed.map((p) => p.ref.name)).toContain('merging');
    lawHolds();
    resolver.delete([{ kind: 'BackendTrafficPolicy', namespace: 'default', name: 'a-first' }]);
    expect(settings()).toEqual([[9000, 2]]);
    lawHolds();

    // The last merging policy gone: the Gateway policy alone again, and its edits still reach the entry.
    resolver.delete([{ kind: 'BackendTrafficPolicy', namespace: 'default', name: 'merging' }]);
    expect(settings()).toEqual([[9000, undefined]]);
    resolver.upsert([onGateway('11s')]);
    expect(settings()).toEqual([[11000, undefined]]);
    lawHolds();
  });

  it('keeps the entries on the listeners a Gateway edit leaves as they were, and makes those of the edited one again', () => {
    const listeners = [
      { name: 'http', protocol: 'HTTP', port: 80 },
      { name: 'admin', protocol: 'HTTP', port: 8080, hostname: '*.example.com' },
    ];
    const route = httpRoute({ hostnames: ['shop.example.com'], rules: [{ name: 'a', backendRefs: [{ name: 's', port: 80 }] }, { name: 'b', backendRefs: [{ name: 's', port: 81 }] }] });
    const onAdmin = backendTrafficPolicy('admin', { targetRefs: [gatewayRef('eg', 'admin')], timeout: { http: { requestTimeout: '5s' } } });
    const resolver = createResolver();
    resolver.upsert([gateway({ listeners }), route, onAdmin]);
    const before = resolver.resolution().routes;
    expect(before.map((r) => r.listener)).toEqual(['http', 'http', 'admin', 'admin']);

    // A third listener comes, and `admin` narrows its hostname to the route's.
    const edited = [listeners[0]!, { ...listeners[1]!, hostname: 'shop.example.com' }, { name: 'extra', protocol: 'HTTP', port: 9090 }];
    const change = resolver.upsert([gateway({ listeners: edited })]);
    expect(change.routes.added.map((r) => [r.listener, r.ruleName])).toEqual([['extra', 'a'], ['extra', 'b']]);
    expect(change.routes.removed).toEqual([]);
    // `admin`'s entries were made again and read as they did (its policy still applies), so none changed.
    expect(change.routes.changed).toEqual([]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    const after = resolver.resolution().routes;
    // The entries on `http`, a listener the edit left alone, are the results they were.
    after.filter((r) => r.listener === 'http').forEach((r, i) => expect(r).toBe(before[i]));
    expect(after.filter((r) => r.listener === 'admin').map((r) => r.traffic?.timeout)).toEqual(before.slice(2).map((r) => r.traffic?.timeout));

    // Renaming `admin` moves its policy's target away: its entries go, the new name's come without it.
    const renamed = resolver.upsert([gateway({ listeners: [edited[0]!, { ...edited[1]!, name: 'ops' }, edited[2]!] })]);
    expect(renamed.routes.removed.map((r) => r.listener)).toEqual(['admin', 'admin']);
    expect(renamed.routes.added.map((r) => [r.listener, r.traffic?.timeout])).toEqual([['ops', undefined], ['ops', undefined]]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it('keeps every entry of a route when a listener comes that accepts it but matches none of its hostnames', () => {
    const http = { name: 'http', protocol: 'HTTP', port: 80 };
    const other = { name: 'other', protocol: 'HTTP', port: 8080, hostname: '*.other.com' };
    const route = httpRoute({ hostnames: ['shop.example.com'], rules: [{ name: 'a', backendRefs: [{ name: 's', port: 80 }] }, { name: 'b', backendRefs: [{ name: 's', port: 81 }] }] });
    // A policy on the new listener, and one on the route that merges into its listeners' policies.
    const onOther = backendTrafficPolicy('other', { targetRefs: [gatewayRef('eg', 'other')], timeout: { http: { requestTimeout: '5s' } } });
    const merging = backendTrafficPolicy('merging', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }], mergeType: 'StrategicMerge', retry: { numRetries: 2 } });
    const resolver = createResolver();
    resolver.upsert([gateway({ listeners: [http] }), route, onOther, merging]);
    const before = resolver.resolution().routes;
    expect(before.map((r) => [r.listener, r.ruleName])).toEqual([['http', 'a'], ['http', 'b']]);

    const change = resolver.upsert([gateway({ listeners: [http, other] })]);
    expect([change.routes.added, change.routes.changed, change.routes.removed]).toEqual([[], [], []]);
    resolver.resolution().routes.forEach((r, i) => expect(r).toBe(before[i]));
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));

    // The listener goes again, and then comes with the route's hostname: now it makes entries.
    resolver.upsert([gateway({ listeners: [http] })]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
    const taken = resolver.upsert([gateway({ listeners: [http, { ...other, hostname: '*.example.com' }] })]);
    expect(taken.routes.added.map((r) => [r.listener, r.ruleName])).toEqual([['other', 'a'], ['other', 'b']]);
    expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));
  });

  it("keeps a route's entries on a listener whose port or allowedRoutes changed, while the route still reaches it", () => {
    const listener = (edit: Record<string, unknown> = {}) => ({ name: 'http', protocol: 'HTTP', port: 80, hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } }, ...edit });
    const route = httpRoute({ hostnames: ['shop.example.com', 'api.example.com'], rules: [{ name: 'a', backendRefs: [{ name: 's', port: 80 }] }, { name: 'b', backendRefs: [{ name: 's', port: 81 }] }] });
    const onListener = backendTrafficPolicy('listener', { targetRefs: [gatewayRef('eg', 'http')], timeout: { http: { requestTimeout: '5s' } } });
    const resolver = createResolver();
    resolver.upsert([gateway({ listeners: [listener()] }), route, onListener]);
    const before = resolver.resolution().routes;
    const lawHolds = () => expect(resolver.resolution()).toEqual(resolvePolicies(resolver.objects()));

    for (const edit of [{ port: 8080 }, { port: 8080, allowedRoutes: { namespaces: { from: 'Same' } } }]) {
      const change = resolver.upsert([gateway({ listeners: [listener(edit)] })]);
      expect([change.routes.added, change.routes.changed, change.routes.removed]).toEqual([[], [], []]);
      resolver.resolution().routes.forEach((r, i) => expect(r).toBe(before[i]));
      lawHolds();
    }
    // Routes that no longer reach it lose their entries; a hostname edit makes them anew.
    expect(resolver.upsert([gateway({ listeners: [listener({ allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { x: 'y' } } } } })] })]).routes.removed).toHaveLength(2);
    lawHolds();
    expect(resolver.upsert([gateway({ listeners: [listener()] })]).routes.added).toHaveLength(2);
    lawHolds();
    const narrowed = resolver.upsert([gateway({ listeners: [listener({ hostname: 'shop.example.com' })] })]);
    expect(narrowed.routes.changed.map((r) => r.hostnames)).toEqual([['shop.example.com'], ['shop.example.com']]);
    lawHolds();
    // The policy on the listener still applies to the entries kept through all of it.
    expect(resolver.resolution().routes.map((r) => r.traffic?.timeout?.http?.requestTimeout)).toEqual([5000, 5000]);
  });

  it('reads Namespace labels named after Object.prototype members as labels', () => {
    const namespace = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels } });
    const resolver = createResolver();
    resolver.upsert([gateway(), httpRoute(), namespace({ valueOf: 'a', constructor: 'b' })]);
    expect(resolver.upsert([namespace({ valueOf: 'a', constructor: 'b' })]).diagnostics).toEqual([]);
    expect(resolver.upsert([namespace({ valueOf: 'c', constructor: 'b' })]).diagnostics).toEqual([]);
    expect(resolver.resolution()).toEqual(resolvePolicies([gateway(), httpRoute(), namespace({ valueOf: 'c', constructor: 'b' })]));
  });

  // Results are frozen as they are made, each part where it is made (shared refs, outcomes,
  // translations) or with its result; this walks everything handed out, so that a part left
  // unfrozen anywhere (a rule's lists, a TCP entry's own traffic, a rule's retry) is found.
  const inputs = [...fixtureNames().map((name) => ({ name, objects: loadFixture(name) })), ...realisticInputs().map(({ name, input }) => ({ name, objects: objectsOf(input) }))];
  it.each(inputs.map((i) => [i.name, i.objects] as const))('%s: everything a resolver hands out is frozen all through', (_, input) => {
    const resolver = createResolver();
    // A change, its two groups and their lists are made for the caller (3 levels); a resolution's lists too (1).
    expect(unfrozenPath(resolver.upsert(input), 3)).toBeUndefined();
    const resolution = resolver.resolution();
    expect(unfrozenPath(resolution.routes, 1)).toBeUndefined();
    expect(unfrozenPath(resolution.policies, 1)).toBeUndefined();
    expect(unfrozenPath(resolution.attachments, 1)).toBeUndefined();
    expect(unfrozenPath(resolution.diagnostics, 1)).toBeUndefined();
  });
});

/** The path of the first object or array under `value`, below its first `fresh` levels, that is not frozen. */
function unfrozenPath(value: unknown, fresh: number, path = '', seen = new Set<object>()): string | undefined {
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  if (fresh <= 0 && !Object.isFrozen(value)) return path || '(top)';
  for (const [k, v] of Object.entries(value)) {
    const found = unfrozenPath(v, fresh - 1, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}
