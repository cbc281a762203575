/**
 * `traffic.circuitBreaker` → `Cluster.circuit_breakers`.
 *
 * The cluster baseline already carries `thresholds[0] = {max_retries: 1024}` (Envoy Gateway's
 * default); the policy's values fill the same threshold, and `maxParallelRetries` replaces 1024.
 * `maxRequestsPerConnection` is an HTTP protocol option, so it lives in the `HttpProtocolOptions` block.
 */
import type { Cluster, Thresholds } from '../../emit/envoy-types/index.js';
import type { ClusterEmission } from '../feature.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import { commonHttpProtocolOptions } from '../http2/envoy.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';
import type { CircuitBreakerTraffic } from './traffic.js';

/** Envoy Gateway's default `max_retries` (Envoy's own default is 3). */
export const DEFAULT_MAX_RETRIES = 1024;
/** Envoy's default `min_retry_concurrency`: Envoy Gateway omits the field when it equals this. */
const DEFAULT_MIN_RETRY_CONCURRENCY = 3;

/** The policy's thresholds → Envoy's names. */
const THRESHOLDS = [
  ['maxConnections', 'maxConnections', 'max_connections'],
  ['maxPendingRequests', 'maxPendingRequests', 'max_pending_requests'],
  ['maxParallelRequests', 'maxRequests', 'max_requests'],
  ['maxParallelRetries', 'maxRetries', 'max_retries'],
] as const;

/** `thresholds[0]` of the cluster, created with the baseline default when absent. */
function defaultThreshold(cluster: Cluster): Thresholds {
  const list = cluster.circuitBreakers.thresholds;
  return (list[0] ??= { maxRetries: DEFAULT_MAX_RETRIES });
}

export const circuitBreakerCluster: ClusterEmission<CircuitBreakerTraffic> = {
  apply(cluster, value, ctx) {
    const t = defaultThreshold(cluster);
    for (const [from, to] of THRESHOLDS) {
      const n = value[from];
      if (n !== undefined) t[to] = n;
    }
    if (value.retryBudget) {
      const budget: NonNullable<Thresholds['retryBudget']> = {};
      const { percent, minRetryConcurrency } = value.retryBudget;
      if (percent !== undefined) budget.budgetPercent = { value: percent };
      if (minRetryConcurrency !== DEFAULT_MIN_RETRY_CONCURRENCY) budget.minRetryConcurrency = minRetryConcurrency;
      t.retryBudget = budget;
    }
    const perHost = value.perEndpoint?.maxConnections;
    if (perHost !== undefined) cluster.circuitBreakers.perHostThresholds = [{ maxConnections: perHost }];
    // Only HTTP clusters have HTTP protocol options.
    if (value.maxRequestsPerConnection !== undefined && isHttpCluster(ctx)) {
      commonHttpProtocolOptions(cluster).maxRequestsPerConnection = value.maxRequestsPerConnection;
    }
  },
  /**
   * Every threshold (and `max_requests_per_connection`, `min_retry_concurrency`) is a `uint32`;
   * the retry budget's `budget_percent` is a percentage (0–100).
   */
  rejections(value) {
    const rules = new EnvoyRules();
    for (const [from, , envoy] of THRESHOLDS) rules.integer(from, value[from], 0, UINT32_MAX, `CircuitBreakers.Thresholds.${envoy}`);
    rules.integer('perEndpoint.maxConnections', value.perEndpoint?.maxConnections, 0, UINT32_MAX, 'CircuitBreakers.per_host_thresholds.max_connections');
    rules.integer('maxRequestsPerConnection', value.maxRequestsPerConnection, 0, UINT32_MAX, 'HttpProtocolOptions.max_requests_per_connection');
    rules.number('retryBudget.percent', value.retryBudget?.percent, 0, 100, 'RetryBudget.budget_percent');
    if (value.retryBudget?.minRetryConcurrency !== DEFAULT_MIN_RETRY_CONCURRENCY) {
      rules.integer('retryBudget.minRetryConcurrency', value.retryBudget?.minRetryConcurrency, 0, UINT32_MAX, 'RetryBudget.min_retry_concurrency');
    }
    return rules.found;
  },
};
