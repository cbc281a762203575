/** Shared bits for the route-feature tests: a context with ConfigMaps, a builder and a never-throws property. */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { BackendTrafficPolicySpecInput } from '../../../src/model/backend-traffic-policy.js';
import type { ConfigMap } from '../../../src/model/gateway-api.js';
import type { FeatureOutcome, TrafficContext, Translation } from '../../../src/features/feature.js';

export function makeCtx(overrides: Partial<TrafficContext> & { configMaps?: ConfigMap[] } = {}): TrafficContext {
  const { configMaps = [], ...rest } = overrides;
  return {
    policy: { namespace: 'ns', name: 'policy' },
    configMap: (namespace, name) => configMaps.find((c) => (c.metadata?.namespace ?? 'default') === namespace && c.metadata?.name === name),
    responseOverrideNamespace: 'ns',
    ...rest,
  };
}

/** Build one feature from a raw spec (typed loosely: tests feed values the CRD would reject). */
export function run<T>(feature: Translation<T>, spec: Record<string, unknown>, ctx: TrafficContext = makeCtx()): FeatureOutcome<T> {
  return feature.build(spec as BackendTrafficPolicySpecInput, ctx);
}

/** Key names that occur anywhere under the route features (so random objects hit real paths). */
const KEYS = [
  'type', 'global', 'local', 'rules', 'clientSelectors', 'headers', 'methods', 'path', 'sourceCIDR', 'queryParams', 'name', 'value',
  'invert', 'limit', 'requests', 'unit', 'fromMetadata', 'namespace', 'key', 'cost', 'request', 'response', 'from', 'number', 'metadata',
  'shared', 'shadowMode', 'xRateLimitHeaders', 'responseTrailers', 'prefix', 'delay', 'fixedDelay', 'percentage', 'abort', 'httpStatus',
  'grpcStatus', 'gzip', 'brotli', 'zstd', 'minContentLength', 'match', 'statusCodes', 'range', 'start', 'end', 'responseHeaders',
  'contentType', 'body', 'inline', 'valueRef', 'statusCode', 'header', 'add', 'set', 'redirect', 'scheme', 'hostname', 'port',
  'replaceFullPath', 'source', 'connect', 'terminate', 'tracing', 'metrics', 'routeStatName', 'samplingFraction', 'numerator',
  'denominator', 'customTags', 'tags', 'spanName', 'client', 'server', 'literal', 'environment', 'requestHeader',
];

const leaf = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'Global', 'Local', 'Exact', 'Distinct', 'RegularExpression', 'PathPrefix', 'Second', 'Minute', 'Hour', 'Year', '10.0.0.0/8',
    '::1/128', 'x/33', '*a', '(a', '5.4s', 'abc', '10Mi', '1.5', '-1', 'Gzip', 'Brotli', 'Zstd', 'Range', 'Value', 'ValueRef',
    'Inline', 'ReplaceFullPath', '%ROUTE_NAME%', '%BAD%', 'a%b', 'cm',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 })),
})).node;

const fuzzCtx = makeCtx({
  configMaps: [{ metadata: { namespace: 'ns', name: 'cm' }, data: { 'response.body': 'x' } } as ConfigMap],
});

/** The feature never throws, whatever it is given under its spec keys. */
export function expectNeverThrows(feature: Translation, ...specKeys: string[]): void {
  fc.assert(
    fc.property(fc.tuple(...specKeys.map(() => value)), (values) => {
      const spec = Object.fromEntries(specKeys.map((k, i) => [k, values[i]]));
      expect(() => run(feature, spec, fuzzCtx)).not.toThrow();
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 300) },
  );
}
