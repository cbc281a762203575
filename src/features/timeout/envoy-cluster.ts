/**
 * `traffic.timeout`, cluster part: `tcp.connectTimeout` → `connect_timeout` (replacing the 10s
 * default); `http.connectionIdleTimeout` / `http.maxConnectionDuration` →
 * `HttpProtocolOptions.common_http_protocol_options.{idle_timeout, max_connection_duration}`.
 * The route part (request, stream idle, max stream duration) belongs to the route features:
 * a route's own cluster never carries `max_stream_duration`.
 */
import type { ClusterEmission } from '../feature.js';
import { duration, durationFromMs } from '../../emit/protojson.js';
import { EnvoyRules } from '../../emit/envoy-rules.js';
import { commonHttpProtocolOptions } from '../http2/envoy.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';
import type { TimeoutTraffic } from './traffic.js';

export const timeoutCluster: ClusterEmission<TimeoutTraffic> = {
  apply(cluster, value, ctx) {
    if (value.tcp?.connectTimeout !== undefined) cluster.connectTimeout = durationFromMs(value.tcp.connectTimeout);
    if (!value.http || !isHttpCluster(ctx)) return;
    const idle = duration(value.http.connectionIdleTimeout);
    const maxConnection = duration(value.http.maxConnectionDuration);
    if (idle !== undefined) commonHttpProtocolOptions(cluster).idleTimeout = idle;
    if (maxConnection !== undefined) commonHttpProtocolOptions(cluster).maxConnectionDuration = maxConnection;
  },
  /** `Cluster.connect_timeout` must be longer than 0. */
  rejections(value) {
    const rules = new EnvoyRules();
    rules.duration('tcp.connectTimeout', value.tcp?.connectTimeout, 'Cluster.connect_timeout');
    return rules.found;
  },
};
