/**
 * `traffic.tcpKeepalive` → `Cluster.upstream_connection_options.tcp_keepalive`. Envoy takes whole
 * seconds (ours are milliseconds of whole seconds); `tcpKeepalive: {}` still emits an empty
 * `tcp_keepalive`, which turns keepalive on with the OS defaults.
 */
import type { TcpKeepalive } from '../../emit/envoy-types/index.js';
import type { ClusterEmission } from '../feature.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import type { TCPKeepaliveTraffic } from './traffic.js';

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : Math.trunc(ms / 1000));

/** The `TcpKeepalive` of a value. */
function tcpKeepalive(value: TCPKeepaliveTraffic): TcpKeepalive {
  const keepalive: TcpKeepalive = {};
  if (value.probes !== undefined) keepalive.keepaliveProbes = value.probes;
  const time = seconds(value.idleTime);
  if (time !== undefined) keepalive.keepaliveTime = time;
  const interval = seconds(value.interval);
  if (interval !== undefined) keepalive.keepaliveInterval = interval;
  return keepalive;
}

export const tcpKeepaliveCluster: ClusterEmission<TCPKeepaliveTraffic> = {
  apply(cluster, value) {
    cluster.upstreamConnectionOptions = { tcpKeepalive: tcpKeepalive(value) };
  },
  /** `keepalive_probes`, `keepalive_time` and `keepalive_interval` are `uint32`s (a count, seconds, seconds). */
  rejections(value) {
    const rules = new EnvoyRules();
    const keepalive = tcpKeepalive(value);
    rules.integer('probes', keepalive.keepaliveProbes, 0, UINT32_MAX, 'TcpKeepalive.keepalive_probes');
    rules.integer('idleTime', keepalive.keepaliveTime, 0, UINT32_MAX, 'TcpKeepalive.keepalive_time (seconds)');
    rules.integer('interval', keepalive.keepaliveInterval, 0, UINT32_MAX, 'TcpKeepalive.keepalive_interval (seconds)');
    return rules.found;
  },
};
