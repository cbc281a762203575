import { describe, it, expect } from 'vitest';
import { ActiveHealthCheckPayloadSchema } from '../../../src/features/health-check/schema.js';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const hc = (healthCheck: Record<string, unknown>) => errors({ healthCheck });
const active = (fields: Record<string, unknown>) => hc({ active: fields });
const httpCheck = (http: Record<string, unknown>) => active({ type: 'HTTP', http: { path: '/healthz', ...http } });

const A = 'spec.healthCheck.active';
const CEL_SKIPPED_MESSAGE = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';
const MSG = {
  http: 'If Health Checker type is HTTP, http field needs to be set.',
  tcp: 'If Health Checker type is TCP, tcp field needs to be set.',
  grpc: 'The grpc field can only be set if the Health Checker type is GRPC.',
  requestBody: 'The requestBody field can only be set when method is POST or PUT.',
  text: 'If payload type is Text, text field needs to be set.',
  binary: 'If payload type is Binary, binary field needs to be set.',
  sink: 'If ProxyHealthCheckLogSink type is File, file field needs to be set.',
  matches: 'a failure type and a success type must both be specified together',
};

describe('healthCheck.active', () => {
  it('applies the CRD defaults to an HTTP checker', () => {
    expect(parseSpec({ healthCheck: { active: { type: 'HTTP', http: { path: '/healthz' } } } }).healthCheck).toEqual({
      active: { type: 'HTTP', http: { path: '/healthz' }, timeout: '1s', interval: '3s', unhealthyThreshold: 3, healthyThreshold: 1 },
    });
  });

  it('accepts a fully specified HTTP checker', () => {
    expect(
      active({
        type: 'HTTP',
        timeout: '500ms',
        interval: '5s',
        initialJitter: '1s',
        unhealthyThreshold: 5,
        healthyThreshold: 2,
        http: {
          hostname: 'health.example.com',
          path: '/healthz',
          method: 'POST',
          expectedStatuses: [200, 201],
          retriableStatuses: [503],
          expectedResponse: { type: 'Text', text: 'ok' },
          requestBody: { type: 'Binary', binary: 'cGluZw==' },
        },
        overrides: { port: 8081 },
        healthCheckLog: { sinks: [{ type: 'File', file: { path: '/dev/stdout' } }], matches: ['Failure', 'HealthyTransition'] },
      }),
    ).toEqual([]);
  });

  it('requires type and rejects unknown checker types', () => {
    // A missing required field blocks CEL (the API server's hasBlockingErr), so the type rules do not run;
    // with a type present they are hit both ways in the next tests.
    expect(validateSpec({ healthCheck: { active: {} } })).toEqual([
      { path: `${A}.type`, message: 'Required value', code: 'required' },
      { path: '', message: CEL_SKIPPED_MESSAGE, code: 'celSkipped' },
    ]);
    expect(active({ type: 'UDP' })).toEqual([`${A}.type: enum`, ': celSkipped']);
  });

  it('requires http for type HTTP and forbids it otherwise', () => {
    expect(active({ type: 'HTTP' })).toEqual([`${A}: ${MSG.http}`]);
    expect(active({ type: 'TCP', tcp: {}, http: { path: '/' } })).toEqual([`${A}: ${MSG.http}`]);
  });

  it('requires tcp for type TCP and forbids it otherwise', () => {
    expect(active({ type: 'TCP', tcp: {} })).toEqual([]);
    expect(active({ type: 'TCP' })).toEqual([`${A}: ${MSG.tcp}`]);
    expect(active({ type: 'HTTP', http: { path: '/' }, tcp: {} })).toEqual([`${A}: ${MSG.tcp}`]);
  });

  it('allows grpc only with type GRPC, where it is optional', () => {
    expect(active({ type: 'GRPC' })).toEqual([]);
    expect(active({ type: 'GRPC', grpc: { service: 'my.Service' } })).toEqual([]);
    expect(active({ type: 'TCP', tcp: {}, grpc: {} })).toEqual([`${A}: ${MSG.grpc}`]);
  });

  it('reports both rules for a grpc block on an HTTP checker without http', () => {
    expect(active({ type: 'HTTP', grpc: {} })).toEqual([`${A}: ${MSG.http}`, `${A}: ${MSG.grpc}`]);
  });

  it('requires thresholds of at least 1', () => {
    expect(active({ type: 'TCP', tcp: {}, unhealthyThreshold: 0, healthyThreshold: 0 })).toEqual([
      `${A}.unhealthyThreshold: minimum`,
      `${A}.healthyThreshold: minimum`,
    ]);
    // `format: int32` is not range-checked by the API server, and the thresholds have no explicit maximum.
    expect(active({ type: 'TCP', tcp: {}, unhealthyThreshold: 2147483648 })).toEqual([]);
    expect(active({ type: 'TCP', tcp: {}, unhealthyThreshold: 1.5 })).toEqual([`${A}.unhealthyThreshold: type`, ': celSkipped']);
  });

  it('checks the Duration fields', () => {
    expect(active({ type: 'TCP', tcp: {}, timeout: '1', interval: '3 s', initialJitter: '-1s' })).toEqual([
      `${A}.timeout: pattern`,
      `${A}.interval: pattern`,
      `${A}.initialJitter: pattern`,
    ]);
  });

  it('bounds overrides.port to [1..65535]', () => {
    expect(active({ type: 'TCP', tcp: {}, overrides: { port: 65535 } })).toEqual([]);
    expect(active({ type: 'TCP', tcp: {}, overrides: { port: 0 } })).toEqual([`${A}.overrides.port: minimum`]);
    expect(active({ type: 'TCP', tcp: {}, overrides: { port: 65536 } })).toEqual([`${A}.overrides.port: maximum`]);
  });
});

describe('healthCheck.active.http', () => {
  const H = `${A}.http`;

  it('requires a path of 1..1024 characters', () => {
    expect(active({ type: 'HTTP', http: {} })).toEqual([`${H}.path: required`, ': celSkipped']);
    expect(httpCheck({ path: '' })).toEqual([`${H}.path: minLength`]);
    expect(httpCheck({ path: `/${'p'.repeat(1023)}` })).toEqual([]);
    expect(httpCheck({ path: `/${'p'.repeat(1024)}` })).toEqual([`${H}.path: maxLength`, ': celSkipped']);
  });

  it('checks hostname and method', () => {
    expect(httpCheck({ hostname: 'Health.Example' })).toEqual([`${H}.hostname: pattern`]);
    expect(httpCheck({ hostname: '' })).toEqual([`${H}.hostname: minLength`, `${H}.hostname: pattern`]);
    expect(httpCheck({ method: 'M'.repeat(16) })).toEqual([]);
    expect(httpCheck({ method: 'M'.repeat(17) })).toEqual([`${H}.method: maxLength`, ': celSkipped']);
  });

  it('bounds expected and retriable statuses to [100..599]', () => {
    expect(httpCheck({ expectedStatuses: [100, 599], retriableStatuses: [100, 599] })).toEqual([]);
    expect(httpCheck({ expectedStatuses: [200, 99] })).toEqual([`${H}.expectedStatuses[1]: minimum`]);
    expect(httpCheck({ expectedStatuses: [601] })).toEqual([`${H}.expectedStatuses[0]: maximum`]);
    expect(httpCheck({ retriableStatuses: [600] })).toEqual([`${H}.retriableStatuses[0]: maximum`]);
  });

  it('allows a requestBody only with method POST or PUT, in any ASCII case', () => {
    const requestBody = { type: 'Text', text: 'ping' };
    expect(httpCheck({ method: 'POST', requestBody })).toEqual([]);
    expect(httpCheck({ method: 'post', requestBody })).toEqual([]);
    expect(httpCheck({ method: 'Put', requestBody })).toEqual([]);
    expect(httpCheck({ requestBody })).toEqual([`${H}: ${MSG.requestBody}`]);
    expect(httpCheck({ method: 'get', requestBody })).toEqual([`${H}: ${MSG.requestBody}`]);
    expect(httpCheck({ method: '', requestBody })).toEqual([`${H}: ${MSG.requestBody}`]);
    expect(httpCheck({ method: 'GET' })).toEqual([]);
  });

  it('upper-cases only ASCII letters, like CEL upperAscii()', () => {
    // JavaScript's toUpperCase() turns the long s (ſ) into S; CEL's upperAscii() leaves it alone.
    expect(httpCheck({ method: 'po\u017Ft', requestBody: { type: 'Text', text: 'x' } })).toEqual([`${H}: ${MSG.requestBody}`]);
  });
});

describe('health-check payloads', () => {
  const H = `${A}.http`;
  const T = `${A}.tcp`;

  it('ties type Text to text and type Binary to binary', () => {
    expect(httpCheck({ expectedResponse: { type: 'Text', text: 'ok' } })).toEqual([]);
    expect(httpCheck({ expectedResponse: { type: 'Binary', binary: 'b2s=' } })).toEqual([]);
    expect(httpCheck({ expectedResponse: { type: 'Text' } })).toEqual([`${H}.expectedResponse: ${MSG.text}`]);
    expect(httpCheck({ expectedResponse: { type: 'Binary' } })).toEqual([`${H}.expectedResponse: ${MSG.binary}`]);
  });

  it('rejects the field of the other type', () => {
    expect(httpCheck({ expectedResponse: { type: 'Text', text: 'ok', binary: 'b2s=' } })).toEqual([`${H}.expectedResponse: ${MSG.binary}`]);
    expect(httpCheck({ expectedResponse: { type: 'Binary', binary: 'b2s=', text: 'ok' } })).toEqual([`${H}.expectedResponse: ${MSG.text}`]);
    expect(httpCheck({ expectedResponse: { type: 'Text', binary: 'b2s=' } })).toEqual([
      `${H}.expectedResponse: ${MSG.text}`,
      `${H}.expectedResponse: ${MSG.binary}`,
    ]);
  });

  it('applies the same rules to the TCP send and receive payloads', () => {
    expect(active({ type: 'TCP', tcp: { send: { type: 'Text', text: 'ping' }, receive: { type: 'Binary', binary: 'cG9uZw==' } } })).toEqual([]);
    expect(active({ type: 'TCP', tcp: { send: { type: 'Binary', text: 'ping' } } })).toEqual([
      `${T}.send: ${MSG.text}`,
      `${T}.send: ${MSG.binary}`,
    ]);
    expect(active({ type: 'TCP', tcp: { receive: { type: 'Text' } } })).toEqual([`${T}.receive: ${MSG.text}`]);
  });

  it('requires a payload type from Text and Binary', () => {
    // The missing type blocks CEL: the payload rules (hit both ways above, with a type) do not run.
    expect(httpCheck({ expectedResponse: { text: 'ok' } })).toEqual([`${H}.expectedResponse.type: required`, ': celSkipped']);
    expect(httpCheck({ expectedResponse: { type: 'Hex', text: 'ok' } })).toEqual([`${H}.expectedResponse.type: enum`, `${H}.expectedResponse.type: allOf`, ': celSkipped']);
  });

  it('accepts only padded standard base64 in binary (format: byte)', () => {
    for (const ok of ['', 'b2s=', 'aGVsbG8=', 'aGk=', 'YWJj', '+/+/', 'aGVs\nbG8=', 'aGVsbG8=\r\n']) {
      expect(ActiveHealthCheckPayloadSchema.safeParse({ type: 'Binary', binary: ok }).success, JSON.stringify(ok)).toBe(true);
    }
    for (const bad of ['aGVsbG8', 'not base64!', 'a===', 'ab=c', 'aGk=aGk=', '-_-_', 'YWJj=', 'a']) {
      expect(ActiveHealthCheckPayloadSchema.safeParse({ type: 'Binary', binary: bad }).success, JSON.stringify(bad)).toBe(false);
    }
    // kube-openapi reports a `format` mismatch as InvalidType ("must be of type byte"): a blocking error,
    // so CEL is skipped, even when a payload rule would fail too (type Text with a binary field).
    expect(validateSpec({ healthCheck: { active: { type: 'HTTP', http: { path: '/healthz', expectedResponse: { type: 'Binary', binary: 'aGVsbG8' } } } } })).toEqual([
      { path: `${H}.expectedResponse.binary`, message: 'Invalid value: "aGVsbG8": must be of type byte', code: 'type' },
      { path: '', message: CEL_SKIPPED_MESSAGE, code: 'celSkipped' },
    ]);
    expect(active({ type: 'TCP', tcp: { send: { type: 'Text', text: 'ping', binary: 'aGVsbG8' } } })).toEqual([`${T}.send.binary: type`, ': celSkipped']);
    // With valid base64, the same payload rule runs.
    expect(active({ type: 'TCP', tcp: { send: { type: 'Text', text: 'ping', binary: 'aGVsbG8=' } } })).toEqual([`${T}.send: ${MSG.binary}`]);
  });
});

describe('healthCheck.active.healthCheckLog', () => {
  const L = `${A}.healthCheckLog`;
  const log = (healthCheckLog: Record<string, unknown>) => active({ type: 'TCP', tcp: {}, healthCheckLog });

  it('accepts a file sink and matching failure/success events', () => {
    expect(log({ sinks: [{ type: 'File', file: { path: '/var/log/hc.log' } }], matches: ['FailureSeriesStart', 'Success'] })).toEqual([]);
    expect(log({ matches: [] })).toEqual([]);
    expect(log({})).toEqual([]);
  });

  it('requires the file of a File sink', () => {
    expect(log({ sinks: [{ type: 'File' }] })).toEqual([`${L}.sinks[0]: ${MSG.sink}`]);
    expect(log({ sinks: [{ type: 'File', file: {} }] })).toEqual([`${L}.sinks[0].file.path: required`, ': celSkipped']);
    expect(log({ sinks: [{ type: 'File', file: { path: '' } }] })).toEqual([`${L}.sinks[0].file.path: minLength`]);
  });

  it('requires a sink type from the enum and allows at most one sink', () => {
    // The missing type blocks CEL, so the sink rule (hit both ways above, with a type) does not run.
    expect(log({ sinks: [{ file: { path: '/x' } }] })).toEqual([`${L}.sinks[0].type: required`, ': celSkipped']);
    expect(log({ sinks: [{ type: 'Stdout' }] })).toEqual([`${L}.sinks[0].type: enum`, ': celSkipped']);
    const sink = { type: 'File', file: { path: '/x' } };
    expect(log({ sinks: [sink, sink] })).toEqual([`${L}.sinks: maxItems`, ': celSkipped']);
  });

  it('requires a failure event and a success event together', () => {
    expect(log({ matches: ['Failure'] })).toEqual([`${L}.matches: ${MSG.matches}`]);
    expect(log({ matches: ['FailureSeriesStart'] })).toEqual([`${L}.matches: ${MSG.matches}`]);
    expect(log({ matches: ['HealthyTransition'] })).toEqual([`${L}.matches: ${MSG.matches}`]);
    expect(log({ matches: ['Success', 'HealthyTransition'] })).toEqual([`${L}.matches: ${MSG.matches}`]);
    expect(log({ matches: ['Failure', 'FailureSeriesStart', 'Success', 'HealthyTransition'] })).toEqual([]);
  });

  it('treats matches as a set of at most four known events', () => {
    expect(validateSpec({ healthCheck: { active: { type: 'TCP', tcp: {}, healthCheckLog: { matches: ['Failure', 'Success', 'Failure'] } } } })).toEqual([
      { path: `${L}.matches[2]`, message: 'Duplicate value: "Failure"', code: 'duplicate' },
    ]);
    expect(log({ matches: ['Failure', 'Success', 'Timeout'] })).toEqual([`${L}.matches[2]: enum`, ': celSkipped']);
    expect(log({ matches: ['Failure', 'FailureSeriesStart', 'Success', 'HealthyTransition', 'Failure'] })).toEqual([`${L}.matches: maxItems`, ': celSkipped']);
  });
});

describe('healthCheck.passive', () => {
  const P = 'spec.healthCheck.passive';

  it('applies the outlier-detection defaults', () => {
    expect(parseSpec({ healthCheck: { passive: {} } }).healthCheck.passive).toEqual({
      splitExternalLocalOriginErrors: false,
      interval: '3s',
      consecutiveLocalOriginFailures: 5,
      consecutive5XxErrors: 5,
      baseEjectionTime: '30s',
      maxEjectionPercent: 10,
      alwaysEjectOneEndpoint: false,
    });
  });

  it('keeps explicit values, including the consecutive5XxErrors spelling', () => {
    const passive = {
      splitExternalLocalOriginErrors: true,
      interval: '10s',
      consecutiveLocalOriginFailures: 2,
      consecutiveGatewayErrors: 3,
      consecutive5XxErrors: 4,
      baseEjectionTime: '1m',
      maxEjectionPercent: 100,
      failurePercentageThreshold: 85,
      alwaysEjectOneEndpoint: true,
    };
    expect(parseSpec({ healthCheck: { passive } }).healthCheck.passive).toEqual(passive);
    expect(validateSpec({ healthCheck: { passive: { consecutive5xxErrors: 4 } } }, { unknownFields: 'error' }).map((i) => i.code)).toEqual(['unknownField']);
  });

  it('bounds the percentages to [0..100]', () => {
    expect(hc({ passive: { maxEjectionPercent: 101, failurePercentageThreshold: -1 } })).toEqual([
      `${P}.maxEjectionPercent: maximum`,
      `${P}.failurePercentageThreshold: minimum`,
    ]);
    expect(hc({ passive: { maxEjectionPercent: 0, failurePercentageThreshold: 100 } })).toEqual([]);
  });

  it('checks durations and booleans', () => {
    expect(hc({ passive: { interval: '3', baseEjectionTime: '30sec' } })).toEqual([`${P}.interval: pattern`, `${P}.baseEjectionTime: pattern`]);
    expect(hc({ passive: { alwaysEjectOneEndpoint: 'yes' } })).toEqual([`${P}.alwaysEjectOneEndpoint: type`, ': celSkipped']);
  });
});

describe('healthCheck.panicThreshold', () => {
  it('accepts 0..100', () => {
    expect(hc({ panicThreshold: 0 })).toEqual([]);
    expect(hc({ panicThreshold: 100 })).toEqual([]);
  });

  it('rejects values outside 0..100', () => {
    expect(hc({ panicThreshold: 200 })).toEqual(['spec.healthCheck.panicThreshold: maximum']);
    expect(hc({ panicThreshold: -1 })).toEqual(['spec.healthCheck.panicThreshold: minimum']);
  });
});
