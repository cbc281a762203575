/**
 * Issues as the API server prints them (`formatIssue`), checked against the strings Envoy
 * Gateway's own CEL validation tests expect from a real API server (test/cel-validation), and the
 * apimachinery name rules with their messages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInvalid, parseBackendTrafficPolicy } from '../../src/index.js';
import { formatIssue } from '../../src/model/issues.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, utf8Length } from '../../src/model/name-validation.js';
import { validateObjectMeta } from '../../src/model/object-meta-validation.js';
import { policyWith, serverErrors } from './helpers.js';

const SKIPPED = '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('formatIssue prints what kubectl apply prints', () => {
  it('a failed CEL rule: the node’s type as the value, then the rule’s message', () => {
    expect(serverErrors({ loadBalancer: { type: 'ConsistentHash' } })).toEqual([
      'spec.loadBalancer: Invalid value: "object": If LoadBalancer type is consistentHash, consistentHash field needs to be set.',
    ]);
    expect(serverErrors({ mergeType: 'Replace', targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' }] })).toEqual([
      'spec.mergeType: Invalid value: "string": Replace is not a valid MergeType for BackendTrafficPolicySpec',
    ]);
  });

  it('a missing required field, and the CEL rules it keeps from running', () => {
    expect(serverErrors({ faultInjection: { delay: {} } })).toEqual(['spec.faultInjection.delay.fixedDelay: Required value', SKIPPED]);
  });

  it('an unsupported enum value with the supported values', () => {
    expect(serverErrors({ loadBalancer: { type: 'Fastest' } })).toEqual([
      'spec.loadBalancer.type: Unsupported value: "Fastest": supported values: "ConsistentHash", "LeastRequest", "Random", "RoundRobin", "BackendUtilization", "DynamicModule"',
      SKIPPED,
    ]);
  });

  it('a quantity that fails one of its two patterns, and the allOf composite (Envoy Gateway’s bufferLimit test)', () => {
    expect(serverErrors({ connection: { bufferLimit: '15m' } })).toEqual([
      "spec.connection.bufferLimit: Invalid value: \"15m\": spec.connection.bufferLimit in body should match '^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$'",
      '<nil>: Invalid value: "": "spec.connection.bufferLimit" must validate all the schemas (allOf)',
    ]);
  });

  it('bounds, with the field named again in the detail as kube-openapi does', () => {
    expect(serverErrors({ circuitBreaker: { maxConnections: -1 } })).toEqual([
      'spec.circuitBreaker.maxConnections: Invalid value: -1: spec.circuitBreaker.maxConnections in body should be greater than or equal to 0',
    ]);
    expect(serverErrors({ retry: { numRetries: 'three' } })).toEqual([
      'spec.retry.numRetries: Invalid value: "string": spec.retry.numRetries in body must be of type integer: "string"',
      SKIPPED,
    ]);
  });

  it('a duplicate in a list-map shows the map of its keys', () => {
    const zones = { loadBalancer: { type: 'RoundRobin', zoneAware: { weightedZones: [{ zone: 'a', weight: 1 }, { zone: 'a', weight: 2 }] } } };
    expect(serverErrors(zones)).toEqual(['spec.loadBalancer.zoneAware.weightedZones[1]: Duplicate value: map[string]interface {}{"zone":"a"}']);
  });

  it('a duplicate key is reported beside a wrong type in the same list, as the server checks list types after the schema', () => {
    // A non-integer weight stops zod's later checks of the list; the server's list-type pass still runs.
    const zones = { loadBalancer: { type: 'RoundRobin', zoneAware: { weightedZones: [{ zone: 'a', weight: 1.5 }, { zone: 'a', weight: 2 }] } } };
    expect(serverErrors(zones)).toEqual([
      'spec.loadBalancer.zoneAware.weightedZones[0].weight: Invalid value: "number": spec.loadBalancer.zoneAware.weightedZones[0].weight in body must be of type integer: "number"',
      'spec.loadBalancer.zoneAware.weightedZones[1]: Duplicate value: map[string]interface {}{"zone":"a"}',
      SKIPPED,
    ]);
  });

  it('the whole refusal, as client-go reports it: kind.group "name" is invalid: [errors]', () => {
    const r = parseBackendTrafficPolicy(policyWith({ faultInjection: { delay: {} } }));
    expect(!r.success && formatInvalid({ group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy', name: 'btp' }, r.issues)).toBe(
      `BackendTrafficPolicy.gateway.envoyproxy.io "btp" is invalid: [spec.faultInjection.delay.fixedDelay: Required value, ${SKIPPED}]`,
    );
  });
});

describe('apimachinery’s name rules', () => {
  it('DNS-1123 subdomains: lower case, dots, at most 253 characters', () => {
    expect(isDNS1123Subdomain('my.name-1')).toEqual([]);
    expect(isDNS1123Subdomain('a'.repeat(253))).toEqual([]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
    for (const bad of ['Bad', '-a', 'a-', 'a..b', 'a_b', '', '.a']) expect(isDNS1123Subdomain(bad), bad).toHaveLength(1);
  });

  it('DNS-1123 labels: no dots (said so when it is a valid subdomain), at most 63', () => {
    expect(isDNS1123Label('apps')).toEqual([]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('qualified names: an optional DNS subdomain prefix and a name of at most 63', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('My_Name.1')).toEqual([]);
    expect(isQualifiedName('/name')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('example.com/')[0]).toBe('name part must be non-empty');
    expect(isQualifiedName(`x/${'a'.repeat(64)}`)).toEqual(['name part must be no more than 63 characters']);
    expect(isQualifiedName('Example.com/a')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });

  it("lengths are Go's: UTF-8 bytes, a lone surrogate counted as the 3 bytes of U+FFFD", () => {
    const encoder = new TextEncoder();
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀b', '\ud800', '\udc00x', '\ud800\ud800\udc00', '\udc00\ud800']) expect(utf8Length(s), JSON.stringify(s)).toBe(encoder.encode(s).length);
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udfff'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 12 }), (s) => utf8Length(s) === encoder.encode(s).length));
  });

  it('label values: empty, or a name of at most 63', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('v1.2_3-x')).toEqual([]);
    expect(isValidLabelValue('-x')).toHaveLength(1);
  });

  it('metadata: issues in the order the server finds them: labels, annotations, owner references, finalizers', () => {
    const rules = { namespaced: true, name: 'dns1123Subdomain' } as const;
    const meta = { name: 'x', finalizers: ['a/b/c'], ownerReferences: [{ apiVersion: 'v1', kind: 'C', name: 'c' }], annotations: { '-a': 'v' }, labels: { k: '-v' } };
    expect(validateObjectMeta(meta, rules).issues.map((i) => i.path)).toEqual(['metadata.labels', 'metadata.annotations', 'metadata.ownerReferences.uid', 'metadata.finalizers']);
  });

  it('metadata: the namespace, generateName, finalizers and owner references', () => {
    const rules = { namespaced: true, name: 'dns1123Subdomain' } as const;
    const texts = (meta: unknown) => validateObjectMeta(meta, rules).issues.map(formatIssue);
    expect(texts({ generateName: 'web-' })).toEqual([]);
    expect(texts({ name: 'x', finalizers: ['orphan', 'foregroundDeletion'] })).toEqual([
      'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
    expect(texts({ name: 'x', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }] })).toEqual(['metadata.ownerReferences.uid: Invalid value: "": must not be empty']);
    expect(texts({ name: 'x', labels: { version: 1 } })).toEqual([
      'metadata.labels: Invalid value: 1: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ]);
    expect(validateObjectMeta({ name: 'x', nickname: 'y' }, rules).warnings.map((w) => w.message)).toEqual(['unknown field "metadata.nickname"']);
  });
});
