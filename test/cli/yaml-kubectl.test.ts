/**
 * YAML read as kubectl reads it (sigs.k8s.io/yaml, go-yaml v2: YAML 1.1 scalars), so fields and
 * labels get exactly the values a cluster would store; duplicate keys refused with the parser's
 * words and position, found in one pass; merge keys applied.
 */
import { describe, expect, it } from 'vitest';
import { readObjects } from '../../src/cli/read-inputs.js';
import { resolveNumberLike } from '../../src/cli/yaml-1-1.js';
import { GATEWAY_AND_ROUTE } from './manifests.js';
import { btp } from './run-cli.js';

const value = (yaml: string): unknown => readObjects('t.yaml', `kind: ConfigMap\nv: ${yaml}\n`)[0]!.value.v;

describe('plain scalars, as go-yaml v2 resolves them', () => {
  it.each([
    ['010', 8],
    ['-010', -8],
    ['0o17', 15],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_024', 1024],
    ['+12', 12],
    ['08', 8],
    ['1e3', 1000],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['0', 0],
    ['9223372036854775807', 9223372036854775807],
    ['18446744073709551615', 18446744073709551615],
  ])('%s is the number %d', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it.each([
    ['yes', true],
    ['Yes', true],
    ['on', true],
    ['ON', true],
    ['y', true],
    ['true', true],
    ['no', false],
    ['off', false],
    ['N', false],
    ['False', false],
  ])('%s is the boolean %s', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it.each(['~', 'null', 'Null', 'NULL', ''])('%j is null', (source) => {
    expect(value(source)).toBeNull();
  });

  it.each(['1:30', '2024-01-01', '2024-01-01T10:00:00Z', '1.2.3', '0x', '1e400', '0b2', 'yes please', '"010"', "'on'", '.inf.', '-1-', '09.5.1'])(
    '%s stays a string',
    (source) => {
      expect(typeof value(source)).toBe('string');
    },
  );

  it('quoted scalars are always strings', () => {
    expect(value('"010"')).toBe('010');
    expect(value("'yes'")).toBe('yes');
  });

  it('.inf, -.inf and .nan are the floats go-yaml makes of them', () => {
    expect(value('.inf')).toBe(Number.POSITIVE_INFINITY);
    expect(value('-.Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(value('.NaN')).toBeNaN();
  });

  it('keys are written as sigs.k8s.io/yaml writes them into JSON', () => {
    const [object] = readObjects('t.yaml', 'kind: ConfigMap\ndata: {yes: a, 010: b, 1_0: c}\n');
    expect(object!.value.data).toEqual({ true: 'a', 8: 'b', 10: 'c' });
  });

  it('explicit tags resolve the same way', () => {
    expect(value('!!int 010')).toBe(8);
    expect(value('!!str 010')).toBe('010');
    expect(value('!!bool yes')).toBe(true);
  });

  it('does not parse a megabyte of digits as a number', () => {
    expect(resolveNumberLike('1'.repeat(1_000_000))).toBe('1'.repeat(1_000_000));
    expect(resolveNumberLike(`0x${'f'.repeat(100_000)}`)).toBe(`0x${'f'.repeat(100_000)}`);
    expect(resolveNumberLike(`${'0'.repeat(100_000)}7`)).toBe(7);
  });
});

const POLICY = (spec: string) => `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: p, namespace: default}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]
${spec}`;

describe('what the cluster would store', () => {
  it('numRetries: 010 is 8 retries', () => {
    const stdin = `${GATEWAY_AND_ROUTE}---\n${POLICY('  retry: {numRetries: 010}\n').replace('kind: Gateway, name: eg', 'kind: HTTPRoute, name: web')}`;
    const run = btp(['resolve', '-o', 'json', '-'], { stdin });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).routes[0].traffic.retry.numRetries).toBe(8);
  });

  it('maxConnections: 1_024 and useClientProtocol: on are accepted, as kubectl accepts them', () => {
    const run = btp(['validate', '-'], { stdin: POLICY('  circuitBreaker: {maxConnections: 1_024}\n  useClientProtocol: on\n') });
    expect(run.stdout).toContain('default/p: valid');
    expect(run.code).toBe(0);
  });

  it('labels: {enabled: yes} is refused, as the API server refuses a boolean label', () => {
    const run = btp(['validate', '-'], {
      stdin: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: eg, namespace: default, labels: {enabled: yes}}\nspec: {gatewayClassName: eg, listeners: [{name: http, port: 80, protocol: HTTP}]}\n',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<stdin>:3:42: metadata.labels: Invalid value: true:');
  });

  it('merge keys are applied: the mapping\'s own keys win, earlier sources before later ones', () => {
    const [object] = readObjects(
      't.yaml',
      'kind: ConfigMap\nbase: &base {a: 1, b: 1}\nmore: &more {b: 2, c: 2}\nv:\n  <<: [*base, *more]\n  c: 3\n  d: 4\nw: {a: 0, <<: *base}\n',
    );
    expect(object!.value.v).toEqual({ a: 1, b: 1, c: 3, d: 4 });
    expect(object!.value.w).toEqual({ a: 0, b: 1 });
  });

  it('a merge of something that is not a mapping is refused, with go-yaml\'s words', () => {
    const run = btp(['validate', '-'], { stdin: 'kind: ConfigMap\nlist: &l [1]\nv: {<<: *l}\n' });
    expect(run).toMatchObject({ code: 2, stderr: 'btp: <stdin>:3:9: map merge requires map or sequence of maps as the value\n' });
  });

  it('__proto__ stays an ordinary key', () => {
    const [object] = readObjects('t.yaml', 'kind: ConfigMap\ndata: {__proto__: {polluted: yes}}\n');
    expect(Object.keys(object!.value.data as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('duplicate keys', () => {
  it('are refused with the parser\'s words at the second key, in block and flow mappings, YAML and JSON', () => {
    expect(btp(['validate', '-'], { stdin: 'kind: Gateway\nmetadata: {name: a}\nmetadata: {name: b}\n' })).toMatchObject({ code: 2, stderr: 'btp: <stdin>:3:1: Map keys must be unique\n' });
    expect(btp(['validate', '-'], { stdin: 'kind: Gateway\nmetadata: {name: a, name: b}\n' })).toMatchObject({ code: 2, stderr: 'btp: <stdin>:2:21: Map keys must be unique\n' });
    expect(btp(['validate', '-'], { stdin: '{\n  "kind": "Gateway",\n  "kind": "Gateway"\n}\n' })).toMatchObject({ code: 2, stderr: 'btp: <stdin>:3:3: Map keys must be unique\n' });
  });

  it('keys that read as the same value are the same key (yes and true), keys of different types are not', () => {
    expect(btp(['validate', '-'], { stdin: 'kind: ConfigMap\ndata: {yes: a, true: b}\n' }).stderr).toBe('btp: <stdin>:2:16: Map keys must be unique\n');
    expect(btp(['validate', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {1: a, "2": b}\n' }).code).toBe(0);
  });

  it('are found in a mapping of many keys, which still reads', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: v`).join('\n');
    const run = btp(['validate', '-'], { stdin: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${keys}\n  k7: again\n` });
    expect(run.stderr).toBe('btp: <stdin>:20005:3: Map keys must be unique\n');
    expect(btp(['validate', '-'], { stdin: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${keys}\n` }).code).toBe(0);
  });
});
