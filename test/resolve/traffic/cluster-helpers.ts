/** Shared bits for the cluster-feature tests: a context, a builder and a never-throws property. */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { BackendTrafficPolicySpecInput } from '../../../src/model/backend-traffic-policy.js';
import type { FeatureOutcome, TrafficContext, Translation } from '../../../src/features/feature.js';

export const ctx: TrafficContext = {
  policy: { namespace: 'ns', name: 'policy' },
  configMap: () => undefined,
  responseOverrideNamespace: 'ns',
};

/** Build one feature from a raw spec (typed loosely: tests feed values the CRD would reject). */
export function run<T>(feature: Translation<T>, spec: Record<string, unknown>): FeatureOutcome<T> {
  return feature.build(spec as BackendTrafficPolicySpecInput, ctx);
}

/** Key names that occur anywhere under the cluster features (so random objects hit real paths). */
const KEYS = [
  'type', 'consistentHash', 'backendUtilization', 'slowStart', 'window', 'zoneAware', 'preferLocal', 'weightedZones', 'endpointOverride',
  'extractFrom', 'header', 'headers', 'cookie', 'ttl', 'attributes', 'queryParams', 'tableSize', 'name', 'blackoutPeriod', 'outOfBand',
  'reportingPeriod', 'active', 'passive', 'panicThreshold', 'http', 'tcp', 'grpc', 'timeout', 'interval', 'path', 'method', 'hostname',
  'expectedStatuses', 'requestBody', 'text', 'binary', 'send', 'receive', 'healthCheckLog', 'sinks', 'matches', 'file', 'maxConnections',
  'perEndpoint', 'retryBudget', 'percent', 'numerator', 'connectTimeout', 'requestTimeout', 'bufferLimit', 'preconnect', 'idleTime', 'probes',
  'version', 'dnsRefreshRate', 'lookupFamily', 'initialStreamWindowSize', 'connectionKeepalive', 'onInvalidMessage', 'retryOn', 'triggers',
  'httpStatusCodes', 'perRetry', 'backOff', 'baseInterval', 'maxInterval', 'numRetries', 'samplingWindow', 'successCriteria', 'statusCodes',
];

/** Arbitrary JSON-ish values, biased towards the shapes a raw spec holds. */
const leaf = fc.oneof(
  fc.string(),
  fc.constantFrom('1s', '5.4s', '-1s', '0s', 'abc', '10Mi', '1000G', '100m', 'TerminateStream', 'HTTP', 'TCP', 'GRPC', 'Text', 'Binary', 'ConsistentHash', 'RoundRobin', 'LeastRequest', 'Random', 'BackendUtilization', 'SourceIP', 'Header', 'Headers', 'Cookie', 'QueryParams', 'Failure', 'Success'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 })),
})).node;


/** The feature never throws, whatever it is given under its spec key. */
export function expectNeverThrows(feature: Translation, specKey: string): void {
  fc.assert(
    fc.property(value, (v) => {
      expect(() => run(feature, { [specKey]: v })).not.toThrow();
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 300) },
  );
}
