/**
 * `traffic.tcpKeepalive` → `Cluster.upstream_connection_options.tcp_keepalive` (envoy-mapping §1.9).
 * Envoy takes whole seconds (ours are milliseconds of whole seconds); `tcpKeepalive: {}` still
 * emits an empty `tcp_keepalive`, which turns keepalive on with the OS defaults.
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { ClusterEmission } from '../feature.js';
import { finiteNumber } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';

const seconds = (ms: unknown): number | undefined => {
  const n = finiteNumber(ms);
  return n === undefined ? undefined : Math.trunc(n / 1000);
};

export const tcpKeepaliveCluster: ClusterEmission = {
  apply(cluster, value) {
    if (!isRecord(value)) return;
    const keepalive: JsonObject = {};
    const probes = finiteNumber(value.probes);
    if (probes !== undefined) keepalive.keepaliveProbes = probes;
    const time = seconds(value.idleTime);
    if (time !== undefined) keepalive.keepaliveTime = time;
    const interval = seconds(value.interval);
    if (interval !== undefined) keepalive.keepaliveInterval = interval;
    cluster.upstreamConnectionOptions = { tcpKeepalive: keepalive };
  },
};
