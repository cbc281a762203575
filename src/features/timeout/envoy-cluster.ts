/**
 * `traffic.timeout`, cluster part (envoy-mapping §1.5): `tcp.connectTimeout` → `connect_timeout`
 * (replacing the 10s default); `http.connectionIdleTimeout` / `http.maxConnectionDuration` →
 * `HttpProtocolOptions.common_http_protocol_options.{idle_timeout, max_connection_duration}`.
 * The route part (request, stream idle, max stream duration) belongs to the route features:
 * a route's own cluster never carries `max_stream_duration`.
 */
import type { ClusterEmission } from '../feature.js';
import { duration } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { commonHttpProtocolOptions } from '../http2/envoy.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';

export const timeoutCluster: ClusterEmission = {
  apply(cluster, value, ctx) {
    if (!isRecord(value)) return;
    const connect = isRecord(value.tcp) ? duration(value.tcp.connectTimeout) : undefined;
    if (connect !== undefined) cluster.connectTimeout = connect;
    if (!isRecord(value.http) || !isHttpCluster(ctx)) return;
    const idle = duration(value.http.connectionIdleTimeout);
    const maxConnection = duration(value.http.maxConnectionDuration);
    if (idle !== undefined) commonHttpProtocolOptions(cluster).idleTimeout = idle;
    if (maxConnection !== undefined) commonHttpProtocolOptions(cluster).maxConnectionDuration = maxConnection;
  },
};
