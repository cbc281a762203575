/**
 * `traffic.backendConnection` → `Cluster.per_connection_buffer_limit_bytes` (replacing the 32768
 * default) and `Cluster.preconnect_policy` (envoy-mapping §1.8).
 *
 * Preconnect ratios are `0.01 * percent` computed in float64, as Envoy Gateway does: it differs
 * from `percent / 100` for some values (`0.01 * 57 = 0.5700000000000001`).
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { ClusterEmission } from '../feature.js';
import { finiteNumber } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';

export const backendConnectionCluster: ClusterEmission = {
  apply(cluster, value) {
    if (!isRecord(value)) return;
    const limit = finiteNumber(value.bufferLimit);
    if (limit !== undefined) cluster.perConnectionBufferLimitBytes = limit;
    if (!isRecord(value.preconnect)) return;
    const policy: JsonObject = {};
    const perEndpoint = finiteNumber(value.preconnect.perEndpointPercent);
    if (perEndpoint !== undefined) policy.perUpstreamPreconnectRatio = 0.01 * perEndpoint;
    const predictive = finiteNumber(value.preconnect.predictivePercent);
    if (predictive !== undefined) policy.predictivePreconnectRatio = 0.01 * predictive;
    if (Object.keys(policy).length > 0) cluster.preconnectPolicy = policy;
  },
};
