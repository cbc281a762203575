/**
 * `traffic.circuitBreaker` → `Cluster.circuit_breakers` (envoy-mapping §1.3).
 *
 * The cluster baseline already carries `thresholds[0] = {max_retries: 1024}` (Envoy Gateway's
 * default); the policy's values fill the same threshold, and `maxParallelRetries` replaces 1024.
 * `maxRequestsPerConnection` is an HTTP protocol option, so it lives in the `HttpProtocolOptions` block.
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { ClusterEmission } from '../feature.js';
import { finiteNumber } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { commonHttpProtocolOptions } from '../http2/envoy.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';

/** Envoy Gateway's default `max_retries` (Envoy's own default is 3). */
export const DEFAULT_MAX_RETRIES = 1024;
/** Envoy's default `min_retry_concurrency`: Envoy Gateway omits the field when it equals this. */
const DEFAULT_MIN_RETRY_CONCURRENCY = 3;

/** `thresholds[0]` of the cluster, created with the baseline default when absent. */
function defaultThreshold(cluster: JsonObject): JsonObject {
  const cb = isRecord(cluster.circuitBreakers) ? cluster.circuitBreakers : (cluster.circuitBreakers = {} as JsonObject);
  const list = Array.isArray(cb.thresholds) ? cb.thresholds : (cb.thresholds = [] as unknown[]);
  if (!isRecord(list[0])) list[0] = { maxRetries: DEFAULT_MAX_RETRIES };
  return list[0] as JsonObject;
}

export const circuitBreakerCluster: ClusterEmission = {
  apply(cluster, value, ctx) {
    if (!isRecord(value)) return;
    const t = defaultThreshold(cluster);
    const copy: Array<[string, string]> = [
      ['maxConnections', 'maxConnections'],
      ['maxPendingRequests', 'maxPendingRequests'],
      ['maxParallelRequests', 'maxRequests'],
      ['maxParallelRetries', 'maxRetries'],
    ];
    for (const [from, to] of copy) {
      const n = finiteNumber(value[from]);
      if (n !== undefined) t[to] = n;
    }
    if (isRecord(value.retryBudget)) {
      const budget: JsonObject = {};
      const percent = finiteNumber(value.retryBudget.percent);
      if (percent !== undefined) budget.budgetPercent = { value: percent };
      const min = finiteNumber(value.retryBudget.minRetryConcurrency);
      if (min !== undefined && min !== DEFAULT_MIN_RETRY_CONCURRENCY) budget.minRetryConcurrency = min;
      t.retryBudget = budget;
    }
    const perHost = isRecord(value.perEndpoint) ? finiteNumber(value.perEndpoint.maxConnections) : undefined;
    if (perHost !== undefined) (cluster.circuitBreakers as JsonObject).perHostThresholds = [{ maxConnections: perHost }];
    const perConnection = finiteNumber(value.maxRequestsPerConnection);
    // Only HTTP clusters have HTTP protocol options.
    if (perConnection !== undefined && isHttpCluster(ctx)) {
      commonHttpProtocolOptions(cluster).maxRequestsPerConnection = perConnection;
    }
  },
};
