/**
 * `traffic.backendConnection` → `Cluster.per_connection_buffer_limit_bytes` (replacing the 32768
 * default) and `Cluster.preconnect_policy`.
 *
 * Preconnect ratios are `0.01 * percent` computed in float64, as Envoy Gateway does: it differs
 * from `percent / 100` for some values (`0.01 * 57 = 0.5700000000000001`).
 */
import type { Cluster } from '../../emit/envoy-types/index.js';
import type { ClusterEmission } from '../feature.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import type { BackendConnectionTraffic } from './traffic.js';

const ratio = (percent: number | undefined): number | undefined => (percent === undefined ? undefined : 0.01 * percent);

export const backendConnectionCluster: ClusterEmission<BackendConnectionTraffic> = {
  apply(cluster, value) {
    if (value.bufferLimit !== undefined) cluster.perConnectionBufferLimitBytes = value.bufferLimit;
    if (!value.preconnect) return;
    const policy: NonNullable<Cluster['preconnectPolicy']> = {};
    const perEndpoint = ratio(value.preconnect.perEndpointPercent);
    if (perEndpoint !== undefined) policy.perUpstreamPreconnectRatio = perEndpoint;
    const predictive = ratio(value.preconnect.predictivePercent);
    if (predictive !== undefined) policy.predictivePreconnectRatio = predictive;
    if (Object.keys(policy).length > 0) cluster.preconnectPolicy = policy;
  },
  /**
   * `per_connection_buffer_limit_bytes` is a `uint32`; both preconnect ratios must be in [1, 3]
   * (a percentage from 100 to 300).
   */
  rejections(value) {
    const rules = new EnvoyRules();
    rules.integer('bufferLimit', value.bufferLimit, 0, UINT32_MAX, 'Cluster.per_connection_buffer_limit_bytes');
    rules.number('preconnect.perEndpointPercent', ratio(value.preconnect?.perEndpointPercent), 1, 3, 'PreconnectPolicy.per_upstream_preconnect_ratio');
    rules.number('preconnect.predictivePercent', ratio(value.preconnect?.predictivePercent), 1, 3, 'PreconnectPolicy.predictive_preconnect_ratio');
    return rules.found;
  },
};
