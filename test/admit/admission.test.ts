/**
 * The admission stage in the cluster profile: what the API server does to each object before
 * Envoy Gateway sees it (blank fields, refusals, status, repeated names), and the harness profile,
 * which skips it.
 */
import { describe, expect, it } from 'vitest';
import { admitObject, formatIssue, parseBackendTrafficPolicy, resolvePolicies, type Resolution } from '../../src/index.js';
import { admissionFixture } from './fixture.js';
import { loadFixture } from '../resolve/load-fixture.js';
import { backendTrafficPolicy } from '../support/manifests.js';

const route = (res: Resolution, name: string) => res.routes.filter((r) => r.route.name === name);
const errors = (res: Resolution) => res.diagnostics.filter((d) => d.severity === 'error');

describe('blank fields (YAML nulls) are unset, as the API server reads them', () => {
  const objects = admissionFixture('blank-fields-are-unset');

  it('no object is refused and nothing is an error', () => {
    const res = resolvePolicies(objects);
    expect(res.rejected).toEqual([]);
    expect(errors(res)).toEqual([]);
  });

  it('the policy on the route applies, through the listener with a blank hostname and allowedRoutes', () => {
    const [entry] = route(resolvePolicies(objects), 'web');
    expect(entry).toMatchObject({ listener: 'http', hostnames: ['*'], policies: [{ namespace: 'apps', name: 'web-breaker' }] });
    expect(entry!.traffic).toMatchObject({ circuitBreaker: { maxConnections: 64 } });
  });

  it('the harness profile reads blank fields as unset too (Go decodes null as the zero value)', () => {
    const res = resolvePolicies(objects, { profile: 'harness', namespaces: 'inferred' });
    expect(errors(res)).toEqual([]);
    expect(route(res, 'web')[0]!.policies).toEqual([{ namespace: 'apps', name: 'web-breaker' }]);
  });
});

describe('objects the API server refuses', () => {
  const objects = admissionFixture('api-server-refuses');
  const res = resolvePolicies(objects);
  const refused = (name: string | undefined) => res.rejected!.find((r) => r.name === name);

  it('are listed as rejected, each with the server’s errors and its refusal message', () => {
    expect(res.rejected!.map((r) => `${r.kind} ${r.name ?? ''}`)).toEqual([
      'Gateway Bad_Name',
      'HTTPRoute badly-labelled',
      'BackendTrafficPolicy ',
      'BackendTrafficPolicy future',
      'BackendTrafficPolicy versionless',
      'BackendTrafficPolicy misplaced',
      'BackendTrafficPolicy hash-without-settings',
    ]);
    expect(refused('Bad_Name')!.message).toBe(
      'Gateway.gateway.networking.k8s.io "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    );
    expect(refused(undefined)!.issues.map(formatIssue)).toEqual([
      'metadata.name: Required value: name or generateName is required',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
    expect(refused('future')!.issues.map(formatIssue)).toEqual(['apiVersion: no matches for kind "BackendTrafficPolicy" in version "gateway.envoyproxy.io/v1alpha2"']);
    expect(refused('versionless')!.issues.map(formatIssue)).toEqual(['apiVersion: Invalid value: "": must be gateway.envoyproxy.io/v1alpha1']);
    expect(refused('misplaced')!.issues.map(formatIssue)[0]).toMatch(/^metadata\.namespace: Invalid value: "Apps\.Team": a lowercase RFC 1123 label must consist of/);
    expect(refused('hash-without-settings')!.issues.map(formatIssue)).toEqual([
      'spec.loadBalancer: Invalid value: "object": If LoadBalancer type is consistentHash, consistentHash field needs to be set.',
    ]);
  });

  it('reports label keys and values with apimachinery’s messages, at metadata.labels', () => {
    expect(refused('badly-labelled')!.issues.map(formatIssue)).toEqual([
      `metadata.labels: Invalid value: "a/b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      `metadata.labels: Invalid value: "example.com/x/y": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]);
  });

  it('are never resolved: no refused policy shapes the route, no refused Gateway exists', () => {
    const [entry] = route(res, 'web');
    expect(entry!.policies).toEqual([{ namespace: 'apps', name: 'with-stale-status' }]);
    expect(res.policies.map((p) => p.ref.name)).toEqual(['with-stale-status']);
    expect(res.routes.every((r) => r.gateway.name === 'eg')).toBe(true);
  });

  it('each error is also a diagnostic at the field, carrying the server’s error', () => {
    expect(res.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        path: '[1].metadata.name',
        object: { kind: 'Gateway', namespace: 'apps', name: 'Bad_Name' },
        issue: expect.objectContaining({ server: expect.objectContaining({ field: 'metadata.name', type: 'Invalid value', value: '"Bad_Name"' }) }),
      }),
    );
  });

  it('ignores status: a malformed one neither refuses the object nor reaches resolution', () => {
    expect(refused('with-stale-status')).toBeUndefined();
    expect(route(res, 'web')[0]!.traffic).toMatchObject({ timeout: { http: { requestTimeout: 10000 } } });
  });

  it('in the harness profile nothing is refused: Envoy Gateway’s loader reads them all', () => {
    const harness = resolvePolicies(objects, { profile: 'harness', namespaces: 'inferred' });
    expect(harness.rejected).toEqual([]);
    expect(harness.policies.map((p) => p.ref.name)).toContain('hash-without-settings');
  });

  it('annotations over 256 KiB in total are too long', () => {
    const big = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'big', namespace: 'apps', annotations: { a: 'x'.repeat(200 * 1024), b: 'y'.repeat(56 * 1024) } } };
    const admission = admitObject(big);
    expect(admission.outcome).toBe('rejected');
    expect(admission.outcome === 'rejected' && admission.issues.map(formatIssue)).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
    const justUnder = { ...big, metadata: { ...big.metadata, annotations: { a: 'x'.repeat(200 * 1024), b: 'y'.repeat(56 * 1024 - 2) } } };
    expect(admitObject(justUnder).outcome).toBe('admitted');
  });

  it('annotations count UTF-8 bytes: three per € (a surrogate pair, four per two units)', () => {
    const withText = (text: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'big', namespace: 'apps', annotations: { a: text } } });
    // 87,381 × 3 + 1 (the key) = 262,144 bytes: the limit itself.
    expect(admitObject(withText('€'.repeat(87_381))).outcome).toBe('admitted');
    expect(admitObject(withText('€'.repeat(87_381) + 'x')).outcome).toBe('rejected');
    // 65,535 emoji × 4 + 1 = 262,141 bytes; one more emoji passes the limit.
    expect(admitObject(withText('😀'.repeat(65_535))).outcome).toBe('admitted');
    expect(admitObject(withText('😀'.repeat(65_536))).outcome).toBe('rejected');
  });

  it('a Service name is a DNS-1035 label (it must start with a letter)', () => {
    const admission = admitObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1backend' } });
    expect(admission.outcome === 'rejected' && admission.issues.map(formatIssue)).toEqual([
      `metadata.name: Invalid value: "1backend": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it('parseBackendTrafficPolicy refuses another kind, as the server’s own type check does', () => {
    const r = parseBackendTrafficPolicy({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', namespace: 'apps' }, spec: {} });
    expect(r.success).toBe(false);
    expect(!r.success && r.issues.map(formatIssue)).toEqual([
      'kind: Invalid value: "Service": must be BackendTrafficPolicy',
      'apiVersion: Invalid value: "v1": must be gateway.envoyproxy.io/v1alpha1',
    ]);
  });
});

describe('the same object twice', () => {
  const objects = admissionFixture('same-policy-twice');

  it('is one object in a cluster: the last one applied, with no conflict against itself', () => {
    const res = resolvePolicies(objects);
    expect(res.policies).toHaveLength(1);
    const conditions = res.policies[0]!.status.ancestors!.flatMap((a) => a.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`));
    expect(conditions).toEqual(['Accepted=True/Accepted']);
    expect(route(res, 'web')[0]!.traffic).toMatchObject({ retry: { numRetries: 5 } });
    expect(res.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', path: '[2]', message: expect.stringContaining('the cluster holds the last one applied ([3])') }),
    ]);
  });

  it('a third copy is reported at the first one too; a refused copy is not the first', () => {
    const retry = (n: number) => backendTrafficPolicy('retries', { retry: { numRetries: n } });
    // Refused: a label value may not hold spaces.
    const refused = { ...retry(0), metadata: { namespace: 'default', name: 'retries', labels: { team: 'not a value' } } };
    const res = resolvePolicies([refused, retry(1), retry(2), retry(3)]);
    // The refusal is reported; the cluster then holds the copies applied after it.
    expect(errors(res).map((d) => d.path)).toEqual(['[0].metadata.labels']);
    const repeated = res.diagnostics.filter((d) => d.message.includes('appears more than once'));
    expect(repeated.map((d) => [d.path, d.message.match(/applied \((.*)\)/)![1]])).toEqual([
      ['[1]', '[2]'],
      ['[1]', '[3]'],
    ]);
    expect(res.policies).toHaveLength(1);
  });

  it('in the harness profile the first one wins, as in Envoy Gateway’s translator', () => {
    const res = resolvePolicies(objects, { profile: 'harness', namespaces: 'inferred' });
    expect(route(res, 'web')[0]!.traffic).toMatchObject({ retry: { numRetries: 2 } });
  });
});

describe('YAML merge keys', () => {
  it('are applied when reading files, as kubectl does: no unknown field, every merged setting', () => {
    const res = resolvePolicies(admissionFixture('merge-keys'));
    expect(res.diagnostics).toEqual([]);
    expect(route(res, 'web')[0]!.traffic).toMatchObject({ circuitBreaker: { maxConnections: 100, maxPendingRequests: 10, maxParallelRetries: 3 } });
  });
});

describe('profiles and overrides', () => {
  it('an option given explicitly wins over the profile', () => {
    const objects = admissionFixture('same-policy-twice');
    const reversedInput = resolvePolicies([...objects].reverse(), { profile: 'harness', namespaces: 'inferred', order: 'input' });
    expect(route(reversedInput, 'web')[0]!.traffic).toMatchObject({ retry: { numRetries: 5 } });
  });
});

describe('admitObject never throws and never changes its input', () => {
  it.each<[string, () => unknown]>([
    ['a number', () => 42],
    ['null', () => null],
    ['a kind it does not read', () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } })],
    ['metadata of the wrong type', () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: 'ns' })],
    ['a getter that throws', () => ({ apiVersion: 'v1', kind: 'Namespace', get metadata(): never { throw new Error('boom'); } })],
    ['a cycle', () => {
      const o: Record<string, unknown> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
      o.data = o;
      return o;
    }],
    ['a Proxy', () => new Proxy({ kind: 'Secret' }, { ownKeys: () => { throw new Error('no keys'); } })],
  ])('given %s', (_name, make) => {
    const input = make();
    const before = (() => { try { return JSON.stringify(input); } catch { return undefined; } })();
    expect(() => admitObject(input)).not.toThrow();
    expect(['admitted', 'rejected', 'ignored']).toContain(admitObject(input).outcome);
    if (before !== undefined) expect(JSON.stringify(input)).toBe(before);
  });

  it('stores a Secret’s stringData in data, base64-encoded, and drops stringData', () => {
    const admission = admitObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'apps' }, data: { a: 'b2xk' }, stringData: { a: 'new', b: 'é' } });
    expect(admission.outcome === 'admitted' && admission.object).toMatchObject({ data: { a: 'bmV3', b: 'w6k=' } });
    expect(admission.outcome === 'admitted' && 'stringData' in admission.object).toBe(false);
  });
});

describe("a creationTimestamp read with 'caseInsensitive' field names", () => {
  const [gateway, httpRoute] = loadFixture('one-gateway-one-route') as [Record<string, unknown>, Record<string, unknown>];
  const stamped = (name: string, key: string, at: string, maxConnections: number) => {
    const p = backendTrafficPolicy(name, { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web' }], circuitBreaker: { maxConnections } }, { namespace: 'app' });
    return { ...p, metadata: { ...p.metadata, [key]: at } };
  };

  it('orders a policy by its miscased creationtimestamp, in both profiles: the older of two conflicting policies wins', () => {
    // `a` sorts first by name; its miscased timestamp makes it the newer one.
    const a = stamped('a', 'creationtimestamp', '2025-01-02T00:00:00Z', 1);
    const b = stamped('b', 'creationTimestamp', '2025-01-01T00:00:00Z', 2);
    for (const profile of ['cluster', 'harness'] as const) {
      const res = resolvePolicies([gateway, httpRoute, a, b], { profile, fieldNameMatching: 'caseInsensitive', order: 'creationTimestamp', namespaces: 'inferred' });
      expect(route(res, 'web')[0]!.traffic).toMatchObject({ circuitBreaker: { maxConnections: 2 } });
    }
  });
});
