import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const A = 'spec.admissionControl';
const SKIPPED = ': celSkipped';
const GW = 'gateway.networking.k8s.io';
const MSG_TARGETS = 'admissionControl can only be used with HTTPRoute, GRPCRoute, Gateway, or ListenerSet targets';

describe('admissionControl', () => {
  it('accepts an empty block and adds no schema defaults (the documented ones are applied by Envoy Gateway)', () => {
    expect(parseSpec({ admissionControl: {} }).admissionControl).toEqual({});
  });

  it('accepts every field', () => {
    const admissionControl = {
      samplingWindow: '30s',
      minSuccessRate: 95,
      rejectionAggression: 1,
      minRequestRate: 0,
      maxRejectionPercent: 80,
      successCriteria: { http: { statusCodes: [200, 201, 404] }, grpc: { statusCodes: ['Ok', 'NotFound', 'Unauthenticated'] } },
    };
    expect(parseSpec({ admissionControl }).admissionControl).toEqual(admissionControl);
  });

  it('rejects minSuccessRate 0 with the bound and the CEL rule (CRD CEL test table)', () => {
    expect(validateSpec({ admissionControl: { minSuccessRate: 0 } })).toEqual([
      { path: `${A}.minSuccessRate`, message: 'Invalid value: 0: should be greater than or equal to 1', code: 'minimum' },
      { path: A, message: 'minSuccessRate must be between 1 and 100', code: 'cel' },
    ]);
    expect(errors({ admissionControl: { minSuccessRate: 101 } })).toEqual([`${A}.minSuccessRate: maximum`, `${A}: minSuccessRate must be between 1 and 100`]);
    expect(errors({ admissionControl: { minSuccessRate: 1 } })).toEqual([]);
    expect(errors({ admissionControl: { minSuccessRate: 100 } })).toEqual([]);
  });

  it('rejects maxRejectionPercent 101 with the bound and the CEL rule (CRD CEL test table)', () => {
    expect(errors({ admissionControl: { maxRejectionPercent: 101 } })).toEqual([
      `${A}.maxRejectionPercent: maximum`,
      `${A}: maxRejectionPercent must be between 0 and 100`,
    ]);
    expect(errors({ admissionControl: { maxRejectionPercent: -1 } })).toEqual([
      `${A}.maxRejectionPercent: minimum`,
      `${A}: maxRejectionPercent must be between 0 and 100`,
    ]);
    expect(errors({ admissionControl: { maxRejectionPercent: 0 } })).toEqual([]);
    expect(errors({ admissionControl: { maxRejectionPercent: 100 } })).toEqual([]);
  });

  it('requires rejectionAggression of at least 1 and minRequestRate of at least 0, with no implicit int32 maximum', () => {
    expect(errors({ admissionControl: { rejectionAggression: 0 } })).toEqual([`${A}.rejectionAggression: minimum`]);
    expect(errors({ admissionControl: { minRequestRate: -1 } })).toEqual([`${A}.minRequestRate: minimum`]);
    // The API server does not range-check `format: int32`; these fields have no explicit maximum.
    expect(errors({ admissionControl: { rejectionAggression: 2147483648 } })).toEqual([]);
    expect(errors({ admissionControl: { minRequestRate: 2147483648 } })).toEqual([]);
    expect(errors({ admissionControl: { rejectionAggression: '2' } })).toEqual([`${A}.rejectionAggression: type`, SKIPPED]);
  });

  describe('samplingWindow', () => {
    it('accepts windows of 1s and more, compared as durations', () => {
      for (const samplingWindow of ['1s', '1000ms', '1m', '2h', '0s1s']) expect(errors({ admissionControl: { samplingWindow } })).toEqual([]);
    });

    it('rejects windows below 1s', () => {
      expect(validateSpec({ admissionControl: { samplingWindow: '999ms' } })).toEqual([
        { path: A, message: 'samplingWindow must be at least 1s', code: 'cel' },
      ]);
      expect(errors({ admissionControl: { samplingWindow: '0s' } })).toEqual([`${A}: samplingWindow must be at least 1s`]);
    });

    it('reports the pattern, and the CEL rule only when CEL’s own duration parsing finds the value too short', () => {
      expect(errors({ admissionControl: { samplingWindow: '1.5s' } })).toEqual([`${A}.samplingWindow: pattern`]);
      expect(errors({ admissionControl: { samplingWindow: '0.5s' } })).toEqual([`${A}.samplingWindow: pattern`, `${A}: samplingWindow must be at least 1s`]);
    });
  });

  describe('successCriteria', () => {
    it('bounds HTTP status codes to 100..599', () => {
      expect(errors({ admissionControl: { successCriteria: { http: { statusCodes: [100, 599] } } } })).toEqual([]);
      expect(errors({ admissionControl: { successCriteria: { http: { statusCodes: [99, 600] } } } })).toEqual([
        `${A}.successCriteria.http.statusCodes[0]: minimum`,
        `${A}.successCriteria.http.statusCodes[1]: maximum`,
      ]);
    });

    it('accepts only the gRPC status names', () => {
      expect(errors({ admissionControl: { successCriteria: { grpc: { statusCodes: ['Unavailable', 'DataLoss'] } } } })).toEqual([]);
      expect(errors({ admissionControl: { successCriteria: { grpc: { statusCodes: ['OK'] } } } })).toEqual([
        `${A}.successCriteria.grpc.statusCodes[0]: enum`,
        SKIPPED,
      ]);
    });
  });

  describe('targets (spec-level rule, CRD CEL test table)', () => {
    const withTargets = (targets: Record<string, unknown>) => errors({ ...targets, admissionControl: { minSuccessRate: 90 } });

    it('is accepted on Gateway, ListenerSet and GRPCRoute targets', () => {
      expect(withTargets({})).toEqual([]);
      expect(withTargets({ targetRefs: [{ group: GW, kind: 'ListenerSet', name: 'ls' }] })).toEqual([]);
      expect(withTargets({ targetRefs: [{ group: GW, kind: 'GRPCRoute', name: 'r' }] })).toEqual([]);
    });

    it('is rejected on TCPRoute, UDPRoute and TLSRoute targets', () => {
      expect(withTargets({ targetRefs: [{ group: GW, kind: 'TCPRoute', name: 'r' }] })).toEqual([`spec: ${MSG_TARGETS}`]);
      expect(withTargets({ targetRefs: [{ group: GW, kind: 'UDPRoute', name: 'r' }] })).toEqual([`spec: ${MSG_TARGETS}`]);
      expect(withTargets({ targetRefs: undefined, targetSelectors: [{ kind: 'TLSRoute', matchLabels: { app: 'x' } }] })).toEqual([`spec: ${MSG_TARGETS}`]);
    });
  });
});
