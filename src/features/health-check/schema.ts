/**
 * `healthCheck`: how Envoy decides which endpoints of the backend may receive traffic. Active
 * checks probe each endpoint (HTTP, TCP or gRPC; the cluster's `health_checks`); passive checks eject
 * endpoints that keep failing real traffic (`outlier_detection`); `panicThreshold` is the healthy
 * share below which Envoy ignores health and balances over all endpoints.
 */
import * as z from 'zod';
import { byteString, has, int32, integer, k8sArray, k8sEnum, k8sString, uniqueBy, withRules } from '../../model/crd.js';
import { DurationSchema } from '../../model/duration.js';

/** An HTTP status code as Gateway API bounds it. */
const httpStatus = () => integer({ minimum: 100, maximum: 599 });

/** CEL `upperAscii()`: only a–z change (JS `toUpperCase` would also map e.g. `ſ` to `S`). */
const upperAscii = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());

export const HEALTH_CHECK_PAYLOAD_TYPES = ['Text', 'Binary'] as const;

/**
 * Bytes a health checker sends or expects: UTF-8 `text` or base64 `binary`, as `type` says. Used
 * for the HTTP request body and expected response, and the TCP send / receive payloads.
 */
export const ActiveHealthCheckPayloadSchema = withRules(
  z.object({
    type: k8sEnum(HEALTH_CHECK_PAYLOAD_TYPES, { allOf: true }),
    text: z.string().optional(),
    binary: byteString().optional(),
  }),
  [
    { message: 'If payload type is Text, text field needs to be set.', test: (self) => has(self.type) && (self.type === 'Text') === has(self.text) },
    { message: 'If payload type is Binary, binary field needs to be set.', test: (self) => has(self.type) && (self.type === 'Binary') === has(self.binary) },
  ],
);
export type ActiveHealthCheckPayload = z.infer<typeof ActiveHealthCheckPayloadSchema>;

/**
 * HTTP health checking: request `path` (on `hostname`, with `method` and optional body) and treat
 * `expectedStatuses` (and optionally the response body) as healthy. A body needs POST or PUT.
 */
export const HTTPActiveHealthCheckerSchema = withRules(
  z.object({
    hostname: k8sString({ minLength: 1, maxLength: 253, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/ }).optional(),
    path: k8sString({ minLength: 1, maxLength: 1024 }),
    method: k8sString({ maxLength: 16 }).optional(),
    expectedStatuses: z.array(httpStatus()).optional(),
    retriableStatuses: z.array(httpStatus()).optional(),
    expectedResponse: ActiveHealthCheckPayloadSchema.optional(),
    requestBody: ActiveHealthCheckPayloadSchema.optional(),
  }),
  [
    {
      message: 'The requestBody field can only be set when method is POST or PUT.',
      test: (self) => !has(self.requestBody) || (has(self.method) && ['POST', 'PUT'].includes(upperAscii(self.method!))),
    },
  ],
);
export type HTTPActiveHealthChecker = z.infer<typeof HTTPActiveHealthCheckerSchema>;

/** TCP health checking: connect, optionally `send` bytes and expect `receive` bytes back. */
export const TCPActiveHealthCheckerSchema = z.object({
  send: ActiveHealthCheckPayloadSchema.optional(),
  receive: ActiveHealthCheckPayloadSchema.optional(),
});
export type TCPActiveHealthChecker = z.infer<typeof TCPActiveHealthCheckerSchema>;

/** gRPC health checking (`grpc.health.v1.Health/Check`), optionally for one named service. */
export const GRPCActiveHealthCheckerSchema = z.object({
  service: z.string().optional(),
});
export type GRPCActiveHealthChecker = z.infer<typeof GRPCActiveHealthCheckerSchema>;

/** Probe a different port than the one traffic goes to. */
export const HealthCheckOverridesSchema = z.object({
  port: int32({ minimum: 1, maximum: 65535 }).optional(),
});
export type HealthCheckOverrides = z.infer<typeof HealthCheckOverridesSchema>;

/** Where health-check events are written. */
export const HealthCheckLogFileSinkSchema = z.object({
  path: k8sString({ minLength: 1 }),
});
export type HealthCheckLogFileSink = z.infer<typeof HealthCheckLogFileSinkSchema>;

export const HEALTH_CHECK_LOG_SINK_TYPES = ['File'] as const;

/** A health-check event log sink; only files exist today. */
export const HealthCheckLogSinkSchema = withRules(
  z.object({
    type: k8sEnum(HEALTH_CHECK_LOG_SINK_TYPES),
    file: HealthCheckLogFileSinkSchema.optional(),
  }),
  [{ message: 'If ProxyHealthCheckLogSink type is File, file field needs to be set.', test: (self) => has(self.type) && (self.type === 'File') === has(self.file) }],
);
export type HealthCheckLogSink = z.infer<typeof HealthCheckLogSinkSchema>;

export const HEALTH_CHECK_LOG_MATCHES = ['Failure', 'FailureSeriesStart', 'Success', 'HealthyTransition'] as const;
const FAILURE_EVENTS: readonly string[] = ['Failure', 'FailureSeriesStart'];
const SUCCESS_EVENTS: readonly string[] = ['Success', 'HealthyTransition'];

/**
 * Health-check event logging (Envoy's health-check event sinks). `matches` picks the events; a
 * failure kind and a success kind must come together, so the log shows both transitions.
 */
export const HealthCheckLogSchema = z.object({
  sinks: k8sArray(HealthCheckLogSinkSchema, { maxItems: 1 }).optional(),
  // x-kubernetes-list-type: set.
  matches: withRules(
    uniqueBy(k8sArray(k8sEnum(HEALTH_CHECK_LOG_MATCHES), { maxItems: 4 }), (m) => m),
    [
      {
        message: 'a failure type and a success type must both be specified together',
        test: (self) => self.some((e) => FAILURE_EVENTS.includes(e)) === self.some((e) => SUCCESS_EVENTS.includes(e)),
      },
    ],
  ).optional(),
});
export type HealthCheckLog = z.infer<typeof HealthCheckLogSchema>;

export const ACTIVE_HEALTH_CHECKER_TYPES = ['HTTP', 'TCP', 'GRPC'] as const;

/**
 * Active health checking. `type` selects the checker; the HTTP and TCP blocks are required with
 * their type and forbidden otherwise, while `grpc` is optional even for GRPC.
 */
export const ActiveHealthCheckSchema = withRules(
  z.object({
    timeout: DurationSchema.default('1s'),
    interval: DurationSchema.default('3s'),
    initialJitter: DurationSchema.optional(),
    unhealthyThreshold: int32({ minimum: 1 }).default(3),
    healthyThreshold: int32({ minimum: 1 }).default(1),
    type: k8sEnum(ACTIVE_HEALTH_CHECKER_TYPES),
    http: HTTPActiveHealthCheckerSchema.optional(),
    tcp: TCPActiveHealthCheckerSchema.optional(),
    grpc: GRPCActiveHealthCheckerSchema.optional(),
    overrides: HealthCheckOverridesSchema.optional(),
    healthCheckLog: HealthCheckLogSchema.optional(),
  }),
  [
    { message: 'If Health Checker type is HTTP, http field needs to be set.', test: (self) => has(self.type) && (self.type === 'HTTP') === has(self.http) },
    { message: 'If Health Checker type is TCP, tcp field needs to be set.', test: (self) => has(self.type) && (self.type === 'TCP') === has(self.tcp) },
    { message: 'The grpc field can only be set if the Health Checker type is GRPC.', test: (self) => (has(self.grpc) ? self.type === 'GRPC' : true) },
  ],
);
export type ActiveHealthCheck = z.infer<typeof ActiveHealthCheckSchema>;

/**
 * Passive health checking (Envoy outlier detection): eject an endpoint after consecutive errors or
 * a high failure percentage, for `baseEjectionTime` times the number of ejections so far.
 */
export const PassiveHealthCheckSchema = z.object({
  splitExternalLocalOriginErrors: z.boolean().default(false),
  interval: DurationSchema.default('3s'),
  consecutiveLocalOriginFailures: int32().default(5),
  consecutiveGatewayErrors: int32().optional(),
  consecutive5XxErrors: int32().default(5),
  baseEjectionTime: DurationSchema.default('30s'),
  maxEjectionPercent: int32({ minimum: 0, maximum: 100 }).default(10),
  failurePercentageThreshold: int32({ minimum: 0, maximum: 100 }).optional(),
  alwaysEjectOneEndpoint: z.boolean().default(false),
});
export type PassiveHealthCheck = z.infer<typeof PassiveHealthCheckSchema>;

/** Health checking of the backend's endpoints. */
export const HealthCheckSchema = z.object({
  active: ActiveHealthCheckSchema.optional(),
  passive: PassiveHealthCheckSchema.optional(),
  panicThreshold: int32({ minimum: 0, maximum: 100 }).optional(),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;
