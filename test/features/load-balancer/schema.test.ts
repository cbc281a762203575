import { describe, it, expect } from 'vitest';
import { LoadBalancerSchema } from '../../../src/features/load-balancer/schema.js';
import { parseSpec, validateSpec } from '../../model/helpers.js';
import { admitObject } from '../../../src/admit/admit-object.js';

const GATEWAY_REF = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' };
const policyOf = (spec: Record<string, unknown>) => ({
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'BackendTrafficPolicy',
  metadata: { name: 'lb', namespace: 'default' },
  spec: { targetRefs: [GATEWAY_REF], ...spec },
});

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const lb = (loadBalancer: Record<string, unknown>) => errors({ loadBalancer });

const LB = 'spec.loadBalancer';
const CEL_SKIPPED_MESSAGE = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';
const CH = 'spec.loadBalancer.consistentHash';
const MSG = {
  consistentHash: 'If LoadBalancer type is consistentHash, consistentHash field needs to be set.',
  backendUtilization: 'If LoadBalancer type is BackendUtilization, backendUtilization field needs to be set.',
  dynamicModule: 'If LoadBalancer type is DynamicModule, dynamicModule field needs to be set.',
  slowStart: 'Currently SlowStart is only supported for RoundRobin, LeastRequest, and BackendUtilization load balancers.',
  preferLocalCH: 'PreferLocal zone-aware routing is not supported for ConsistentHash load balancers. Use weightedZones instead.',
  preferLocalBU:
    'PreferLocal zone-aware routing is not currently supported for BackendUtilization load balancers. Only WeightedZones can be used with BackendUtilization.',
  zoneAwareDM: 'ZoneAware routing is not supported for DynamicModule load balancers.',
  zoneAwareBoth: 'ZoneAware PreferLocal and WeightedZones cannot be specified together.',
  endpointOverrideDM: 'EndpointOverride is not supported for DynamicModule load balancers.',
  header: 'If consistent hash type is header, the header field must be set.',
  headers: 'If consistent hash type is headers, the headers field must be set.',
  cookie: 'If consistent hash type is cookie, the cookie field must be set.',
  queryParams: 'If consistent hash type is queryParams, the queryParams field must be set.',
};
const dynamicModule = { name: 'my-lb', lbPolicyName: 'weighted' };

describe('loadBalancer.type', () => {
  it('accepts the policies that need no settings block', () => {
    for (const type of ['LeastRequest', 'Random', 'RoundRobin']) expect(lb({ type })).toEqual([]);
  });

  it('is required, and its absence blocks every CEL rule (a Required value is a blocking error)', () => {
    expect(validateSpec({ loadBalancer: {} })).toEqual([
      { path: `${LB}.type`, message: 'Required value', code: 'required' },
      { path: '', message: CEL_SKIPPED_MESSAGE, code: 'celSkipped' },
    ]);
    // Even with fields that the type rules would reject, no rule runs while type is missing.
    expect(lb({ zoneAware: {} })).toEqual([`${LB}.type: required`, ': celSkipped']);
    expect(lb({ consistentHash: { type: 'SourceIP' }, slowStart: { window: '1s' } })).toEqual([`${LB}.type: required`, ': celSkipped']);
    // With the type present, the same rules run (each is hit both ways in the tests below).
    expect(lb({ type: 'Random', consistentHash: { type: 'SourceIP' }, slowStart: { window: '1s' } })).toEqual([
      `${LB}: ${MSG.consistentHash}`,
      `${LB}: ${MSG.slowStart}`,
    ]);
    expect(lb({ type: 'RoundRobin', zoneAware: {} })).toEqual([]);
  });

  it('rejects an unknown type and skips the CEL rules', () => {
    expect(lb({ type: 'Maglev' })).toEqual([`${LB}.type: enum`, ': celSkipped']);
  });
});

describe('loadBalancer.consistentHash', () => {
  it('is required by type ConsistentHash and defaults tableSize to 65537', () => {
    expect(lb({ type: 'ConsistentHash' })).toEqual([`${LB}: ${MSG.consistentHash}`]);
    expect(parseSpec({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' } } }).loadBalancer).toEqual({
      type: 'ConsistentHash',
      consistentHash: { type: 'SourceIP', tableSize: 65537 },
    });
  });

  it('is rejected for any other load balancer type, with the same message', () => {
    expect(lb({ type: 'RoundRobin', consistentHash: { type: 'SourceIP' } })).toEqual([`${LB}: ${MSG.consistentHash}`]);
  });

  it('bounds tableSize to [2..5000011]', () => {
    const ch = (tableSize: unknown) => lb({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP', tableSize } });
    expect(ch(2)).toEqual([]);
    expect(ch(5000011)).toEqual([]);
    expect(ch(1)).toEqual([`${CH}.tableSize: minimum`]);
    expect(ch(5000012)).toEqual([`${CH}.tableSize: maximum`]);
    expect(ch(65537.5)).toEqual([`${CH}.tableSize: type`, ': celSkipped']);
  });

  it('requires its type and rejects unknown ones', () => {
    // The missing type blocks CEL; with a type, the four source rules are hit both ways below.
    expect(lb({ type: 'ConsistentHash', consistentHash: {} })).toEqual([`${CH}.type: required`, ': celSkipped']);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Path' } })).toEqual([`${CH}.type: enum`, ': celSkipped']);
  });

  it('ties type Header to the (deprecated) header field both ways', () => {
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Header', header: { name: 'x-user' } } })).toEqual([]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Header' } })).toEqual([`${CH}: ${MSG.header}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP', header: { name: 'x-user' } } })).toEqual([`${CH}: ${MSG.header}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Header', header: {} } })).toEqual([`${CH}.header.name: required`, ': celSkipped']);
  });

  it('ties type Headers to the headers list both ways', () => {
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Headers', headers: [{ name: 'a' }, { name: 'b' }] } })).toEqual([]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Headers' } })).toEqual([`${CH}: ${MSG.headers}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'c' }, headers: [{ name: 'a' }] } })).toEqual([
      `${CH}: ${MSG.headers}`,
    ]);
    // has() is true for an empty list.
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Headers', headers: [] } })).toEqual([]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Headers', headers: [{}] } })).toEqual([`${CH}.headers[0].name: required`, ': celSkipped']);
  });

  it('ties type Cookie to the cookie field and validates the cookie ttl', () => {
    const cookie = { name: 'session', ttl: '1h', attributes: { SameSite: 'Strict' } };
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie } })).toEqual([]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Cookie' } })).toEqual([`${CH}: ${MSG.cookie}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP', cookie } })).toEqual([`${CH}: ${MSG.cookie}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { ttl: '1h' } } })).toEqual([`${CH}.cookie.name: required`, ': celSkipped']);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 's', ttl: '1d' } } })).toEqual([`${CH}.cookie.ttl: pattern`]);
  });

  it('ties type QueryParams to the queryParams list both ways', () => {
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'QueryParams', queryParams: [{ name: 'user' }] } })).toEqual([]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'QueryParams' } })).toEqual([`${CH}: ${MSG.queryParams}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP', queryParams: [{ name: 'user' }] } })).toEqual([`${CH}: ${MSG.queryParams}`]);
  });

  it('reports every mismatched source field at once', () => {
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP', header: { name: 'a' }, cookie: { name: 'c' } } })).toEqual([
      `${CH}: ${MSG.header}`,
      `${CH}: ${MSG.cookie}`,
    ]);
  });
});

describe('loadBalancer.backendUtilization', () => {
  const BU = 'spec.loadBalancer.backendUtilization';
  const bu = (backendUtilization: Record<string, unknown>) => lb({ type: 'BackendUtilization', backendUtilization });

  it('is required by type BackendUtilization and defaults keepResponseHeaders to false', () => {
    expect(lb({ type: 'BackendUtilization' })).toEqual([`${LB}: ${MSG.backendUtilization}`]);
    expect(parseSpec({ loadBalancer: { type: 'BackendUtilization', backendUtilization: {} } }).loadBalancer.backendUtilization).toEqual({
      keepResponseHeaders: false,
    });
  });

  it('is rejected for other load balancer types', () => {
    expect(lb({ type: 'LeastRequest', backendUtilization: {} })).toEqual([`${LB}: ${MSG.backendUtilization}`]);
  });

  it('accepts the full set of weight settings', () => {
    expect(
      bu({
        blackoutPeriod: '10s',
        weightExpirationPeriod: '3m',
        weightUpdatePeriod: '1s',
        errorUtilizationPenaltyPercent: 150,
        metricNamesForComputingUtilization: ['named_metrics.foo'],
        keepResponseHeaders: true,
      }),
    ).toEqual([]);
  });

  it('validates the durations and the penalty percent', () => {
    expect(bu({ blackoutPeriod: '10' })).toEqual([`${BU}.blackoutPeriod: pattern`]);
    expect(bu({ weightExpirationPeriod: '3min' })).toEqual([`${BU}.weightExpirationPeriod: pattern`]);
    expect(bu({ weightUpdatePeriod: '0.5s' })).toEqual([`${BU}.weightUpdatePeriod: pattern`]);
    expect(bu({ errorUtilizationPenaltyPercent: -1 })).toEqual([`${BU}.errorUtilizationPenaltyPercent: minimum`]);
    expect(bu({ errorUtilizationPenaltyPercent: 0 })).toEqual([]);
  });

  it('accepts an out-of-band reporting stream', () => {
    expect(bu({ outOfBand: { reportingPeriod: '10s', port: 9000, authority: 'orca.backend.svc:9000' } })).toEqual([]);
    expect(bu({ outOfBand: {} })).toEqual([]);
  });

  it('bounds outOfBand.port to [1..65535]', () => {
    expect(bu({ outOfBand: { port: 1 } })).toEqual([]);
    expect(bu({ outOfBand: { port: 65535 } })).toEqual([]);
    expect(bu({ outOfBand: { port: 0 } })).toEqual([`${BU}.outOfBand.port: minimum`]);
    expect(bu({ outOfBand: { port: 65536 } })).toEqual([`${BU}.outOfBand.port: maximum`]);
  });

  it('rejects a zero reportingPeriod, which passes the Duration pattern', () => {
    for (const reportingPeriod of ['0s', '0ms', '0h0m']) {
      expect(bu({ outOfBand: { reportingPeriod } })).toEqual([`${BU}.outOfBand.reportingPeriod: reportingPeriod must be greater than 0`]);
    }
    expect(bu({ outOfBand: { reportingPeriod: '1ms' } })).toEqual([]);
    expect(bu({ outOfBand: { reportingPeriod: '5x' } })).toEqual([
      `${BU}.outOfBand.reportingPeriod: pattern`,
      `${BU}.outOfBand.reportingPeriod: reportingPeriod must be greater than 0`,
    ]);
  });

  it('checks the outOfBand authority length and forbids NUL, CR and LF', () => {
    expect(bu({ outOfBand: { authority: '' } })).toEqual([`${BU}.outOfBand.authority: minLength`]);
    expect(bu({ outOfBand: { authority: 'a'.repeat(259) } })).toEqual([]);
    expect(bu({ outOfBand: { authority: 'a'.repeat(260) } })).toEqual([`${BU}.outOfBand.authority: maxLength`, ': celSkipped']);
    for (const bad of ['a\nb', 'a\rb', 'a\u0000b']) expect(bu({ outOfBand: { authority: bad } })).toEqual([`${BU}.outOfBand.authority: pattern`]);
  });
});

describe('loadBalancer.dynamicModule', () => {
  const DM = 'spec.loadBalancer.dynamicModule';

  it('is required by type DynamicModule and keeps its free-form config', () => {
    const config = { weights: { a: 1 }, list: [1, 'two'], nested: { deep: { x: true } } };
    expect(errors({ loadBalancer: { type: 'DynamicModule', dynamicModule: { ...dynamicModule, config } } })).toEqual([]);
    expect(validateSpec({ loadBalancer: { type: 'DynamicModule', dynamicModule: { ...dynamicModule, config } } }, { unknownFields: 'error' })).toEqual([]);
    expect(parseSpec({ loadBalancer: { type: 'DynamicModule', dynamicModule: { ...dynamicModule, config } } }).loadBalancer.dynamicModule.config).toEqual(config);
    expect(lb({ type: 'DynamicModule' })).toEqual([`${LB}: ${MSG.dynamicModule}`]);
  });

  it('takes any JSON value as config, as the CRD leaves it untyped, and keeps the nulls inside it', () => {
    // `x-kubernetes-preserve-unknown-fields` with no `type`: the API server accepts a string, a
    // number, a list or a boolean as well as an object, and drops nulls only where the schema
    // declares properties, so a null inside config stays and `config: null` itself is dropped.
    for (const config of ['text', 7, true, [1, null, 'two'], { keep: null, nested: { also: null } }]) {
      const spec = { loadBalancer: { type: 'DynamicModule', dynamicModule: { ...dynamicModule, config } } };
      expect(errors(spec)).toEqual([]);
      expect(parseSpec(spec).loadBalancer.dynamicModule.config).toEqual(config);
      const admitted = admitObject(policyOf(spec));
      expect(admitted.outcome).toBe('admitted');
      expect(admitted.outcome === 'admitted' && (admitted.object.spec as { loadBalancer: { dynamicModule: { config?: unknown } } }).loadBalancer.dynamicModule.config).toEqual(config);
    }
    const dropped = admitObject(policyOf({ timeout: null, loadBalancer: { type: 'DynamicModule', dynamicModule: { ...dynamicModule, config: null } } }));
    expect(dropped.outcome === 'admitted' && dropped.object.spec).toEqual({ targetRefs: [GATEWAY_REF], loadBalancer: { type: 'DynamicModule', dynamicModule } });
  });

  it('set on another type reports the "needs to be set" message', () => {
    expect(lb({ type: 'RoundRobin', dynamicModule })).toEqual([`${LB}: ${MSG.dynamicModule}`]);
  });

  it('requires name and lbPolicyName and checks their form', () => {
    expect(lb({ type: 'DynamicModule', dynamicModule: {} })).toEqual([`${DM}.name: required`, `${DM}.lbPolicyName: required`, ': celSkipped']);
    expect(lb({ type: 'DynamicModule', dynamicModule: { ...dynamicModule, name: 'My_Module' } })).toEqual([`${DM}.name: pattern`]);
    expect(lb({ type: 'DynamicModule', dynamicModule: { ...dynamicModule, name: 'mod.v1-a' } })).toEqual([]);
    expect(lb({ type: 'DynamicModule', dynamicModule: { ...dynamicModule, name: 'mod-' } })).toEqual([`${DM}.name: pattern`]);
    expect(lb({ type: 'DynamicModule', dynamicModule: { ...dynamicModule, name: '' } })).toEqual([`${DM}.name: minLength`, `${DM}.name: pattern`]);
    expect(lb({ type: 'DynamicModule', dynamicModule: { ...dynamicModule, lbPolicyName: '' } })).toEqual([`${DM}.lbPolicyName: minLength`]);
    expect(lb({ type: 'DynamicModule', dynamicModule: { ...dynamicModule, lbPolicyName: 'p'.repeat(254) } })).toEqual([
      `${DM}.lbPolicyName: maxLength`,
      ': celSkipped',
    ]);
  });

  it('rejects slowStart, zoneAware and endpointOverride', () => {
    expect(lb({ type: 'DynamicModule', dynamicModule, slowStart: { window: '10s' } })).toEqual([`${LB}: ${MSG.slowStart}`]);
    expect(lb({ type: 'DynamicModule', dynamicModule, zoneAware: { weightedZones: [{ zone: 'a', weight: 1 }] } })).toEqual([`${LB}: ${MSG.zoneAwareDM}`]);
    expect(lb({ type: 'DynamicModule', dynamicModule, endpointOverride: { extractFrom: [{ header: 'x-dest' }] } })).toEqual([
      `${LB}: ${MSG.endpointOverrideDM}`,
    ]);
  });
});

describe('loadBalancer.slowStart', () => {
  it('is allowed for RoundRobin, LeastRequest and BackendUtilization', () => {
    expect(lb({ type: 'RoundRobin', slowStart: { window: '30s' } })).toEqual([]);
    expect(lb({ type: 'LeastRequest', slowStart: { window: '30s' } })).toEqual([]);
    expect(lb({ type: 'BackendUtilization', backendUtilization: {}, slowStart: { window: '30s' } })).toEqual([]);
  });

  it('is rejected for Random and ConsistentHash', () => {
    expect(lb({ type: 'Random', slowStart: { window: '30s' } })).toEqual([`${LB}: ${MSG.slowStart}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP' }, slowStart: { window: '30s' } })).toEqual([`${LB}: ${MSG.slowStart}`]);
  });

  it('requires a window in Duration form', () => {
    expect(lb({ type: 'RoundRobin', slowStart: {} })).toEqual([`${LB}.slowStart.window: required`, ': celSkipped']);
    expect(lb({ type: 'RoundRobin', slowStart: { window: '30' } })).toEqual([`${LB}.slowStart.window: pattern`]);
  });
});

describe('loadBalancer.zoneAware', () => {
  const ZA = 'spec.loadBalancer.zoneAware';

  it('accepts preferLocal with every option on RoundRobin and LeastRequest', () => {
    const preferLocal = { force: { minEndpointsInZoneThreshold: 3 }, minEndpointsThreshold: 6, percentageEnabled: 50 };
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal } })).toEqual([]);
    expect(lb({ type: 'LeastRequest', zoneAware: { preferLocal: {} } })).toEqual([]);
  });

  it('bounds preferLocal.percentageEnabled to [0..100]', () => {
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: { percentageEnabled: 0 } } })).toEqual([]);
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: { percentageEnabled: 100 } } })).toEqual([]);
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: { percentageEnabled: 101 } } })).toEqual([`${ZA}.preferLocal.percentageEnabled: maximum`]);
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: { percentageEnabled: -1 } } })).toEqual([`${ZA}.preferLocal.percentageEnabled: minimum`]);
  });

  it('checks integer formats of the thresholds', () => {
    // `format: int32` is not range-checked by the API server (no explicit maximum here).
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: { force: { minEndpointsInZoneThreshold: 2147483648 } } } })).toEqual([]);
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: { force: { minEndpointsInZoneThreshold: 1.5 } } } })).toEqual([
      `${ZA}.preferLocal.force.minEndpointsInZoneThreshold: type`,
      ': celSkipped',
    ]);
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: { minEndpointsThreshold: 2147483648 } } })).toEqual([]);
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: { minEndpointsThreshold: '3' } } })).toEqual([
      `${ZA}.preferLocal.minEndpointsThreshold: type`,
      ': celSkipped',
    ]);
  });

  it('rejects preferLocal with ConsistentHash but allows weightedZones', () => {
    const consistentHash = { type: 'SourceIP' };
    expect(lb({ type: 'ConsistentHash', consistentHash, zoneAware: { preferLocal: {} } })).toEqual([`${LB}: ${MSG.preferLocalCH}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash, zoneAware: { weightedZones: [{ zone: 'us-east-1a', weight: 80 }] } })).toEqual([]);
    expect(lb({ type: 'ConsistentHash', consistentHash, zoneAware: {} })).toEqual([]);
  });

  it('rejects preferLocal with BackendUtilization but allows weightedZones', () => {
    const backendUtilization = {};
    expect(lb({ type: 'BackendUtilization', backendUtilization, zoneAware: { preferLocal: {} } })).toEqual([`${LB}: ${MSG.preferLocalBU}`]);
    expect(lb({ type: 'BackendUtilization', backendUtilization, zoneAware: { weightedZones: [{ zone: 'a', weight: 1 }] } })).toEqual([]);
  });

  it('rejects preferLocal and weightedZones together', () => {
    expect(lb({ type: 'RoundRobin', zoneAware: { preferLocal: {}, weightedZones: [{ zone: 'a', weight: 1 }] } })).toEqual([`${LB}: ${MSG.zoneAwareBoth}`]);
    expect(lb({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP' }, zoneAware: { preferLocal: {}, weightedZones: [] } })).toEqual([
      `${LB}: ${MSG.preferLocalCH}`,
      `${LB}: ${MSG.zoneAwareBoth}`,
    ]);
  });

  it('rejects duplicate zones in weightedZones (list-map keyed by zone)', () => {
    const issues = validateSpec({
      loadBalancer: {
        type: 'RoundRobin',
        zoneAware: {
          weightedZones: [
            { zone: 'us-east-1a', weight: 80 },
            { zone: 'us-east-1a', weight: 20 },
          ],
        },
      },
    });
    expect(issues).toEqual([{ path: `${ZA}.weightedZones[1]`, message: 'Duplicate value: "us-east-1a"', code: 'duplicate' }]);
  });

  it('requires zone and weight on each weighted zone', () => {
    expect(lb({ type: 'RoundRobin', zoneAware: { weightedZones: [{ zone: 'a' }] } })).toEqual([`${ZA}.weightedZones[0].weight: required`, ': celSkipped']);
    expect(lb({ type: 'RoundRobin', zoneAware: { weightedZones: [{ weight: 1 }] } })).toEqual([`${ZA}.weightedZones[0].zone: required`, ': celSkipped']);
  });
});

describe('loadBalancer.endpointOverride', () => {
  const EO = 'spec.loadBalancer.endpointOverride';

  it('accepts one to ten header sources with any fallback load balancer', () => {
    expect(lb({ type: 'LeastRequest', endpointOverride: { extractFrom: [{ header: 'x-gateway-destination-endpoint' }] } })).toEqual([]);
    const ten = Array.from({ length: 10 }, (_, i) => ({ header: `x-dest-${i}` }));
    expect(lb({ type: 'RoundRobin', endpointOverride: { extractFrom: ten } })).toEqual([]);
  });

  it('requires extractFrom with one to ten items', () => {
    expect(lb({ type: 'RoundRobin', endpointOverride: {} })).toEqual([`${EO}.extractFrom: required`, ': celSkipped']);
    expect(lb({ type: 'RoundRobin', endpointOverride: { extractFrom: [] } })).toEqual([`${EO}.extractFrom: minItems`]);
    const eleven = Array.from({ length: 11 }, () => ({ header: 'x' }));
    expect(lb({ type: 'RoundRobin', endpointOverride: { extractFrom: eleven } })).toEqual([`${EO}.extractFrom: maxItems`, ': celSkipped']);
  });
});

describe('LoadBalancerSchema on its own', () => {
  it('reports CEL rules with the CRD message at the loadBalancer path', () => {
    const r = LoadBalancerSchema.safeParse({ type: 'Random', slowStart: { window: '1s' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path, i.message])).toEqual([[[], MSG.slowStart]]);
  });
});
