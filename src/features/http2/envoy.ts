/**
 * Upstream HTTP/2 settings (`traffic.http2`), `useClientProtocol`, and the cluster's
 * `HttpProtocolOptions` block that carries them.
 *
 * The block (`typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]`)
 * is shared: timeouts, circuit breaking and admission control write into it too, through
 * `protocolOptionsBlock`. Once every feature has run, `finishProtocolOptions` decides whether the
 * cluster needs the block at all and fills its protocol selector, in Envoy Gateway's priority
 * order. `traffic.http2` on its own never creates the block: HTTP/2 settings only matter to a
 * cluster that speaks HTTP/2 (a gRPC/HTTP2 backend, all-TLS auto config, or the client's protocol).
 */
import type { EmitContext } from '../../emit/emit-context.js';
import { HTTP_PROTOCOL_OPTIONS, type Any, type Cluster, type Http1ProtocolOptions, type Http2ProtocolOptions, type HttpProtocolOptions } from '../../emit/envoy-types/index.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';
import type { ClusterEmission } from '../feature.js';
import { anyOf, duration } from '../../emit/protojson.js';
import { EnvoyRules, INT32_MAX } from '../../emit/envoy-rules.js';
import { isRecord } from '../../lang/json.js';
import type { HTTP2Traffic } from './traffic.js';

export { HTTP_PROTOCOL_OPTIONS };

/** Envoy's HTTP/2 window defaults, which Envoy Gateway always writes out. */
const DEFAULT_STREAM_WINDOW = 65536;
const DEFAULT_CONNECTION_WINDOW = 1048576;

/** The cluster's `HttpProtocolOptions`, created (empty but typed) when absent. */
export function protocolOptionsBlock(cluster: Cluster): Any<HttpProtocolOptions> {
  const all = (cluster.typedExtensionProtocolOptions ??= {});
  return (all[HTTP_PROTOCOL_OPTIONS] ??= anyOf<HttpProtocolOptions>(HTTP_PROTOCOL_OPTIONS));
}

/** The block's `common_http_protocol_options`, created when absent. */
export function commonHttpProtocolOptions(cluster: Cluster): NonNullable<HttpProtocolOptions['commonHttpProtocolOptions']> {
  return (protocolOptionsBlock(cluster).commonHttpProtocolOptions ??= {});
}

/**
 * `Http2ProtocolOptions` from `traffic.http2` (ours: honest window names, keepalive in ms). The
 * two window sizes are always present; everything else only when set.
 */
export function http2ProtocolOptions(http2: HTTP2Traffic | undefined): Http2ProtocolOptions {
  const h = http2 ?? {};
  const out: Http2ProtocolOptions = {
    initialStreamWindowSize: h.initialStreamWindowSize ?? DEFAULT_STREAM_WINDOW,
    initialConnectionWindowSize: h.initialConnectionWindowSize ?? DEFAULT_CONNECTION_WINDOW,
  };
  if (h.maxConcurrentStreams !== undefined) out.maxConcurrentStreams = h.maxConcurrentStreams;
  // A BoolValue: printed even when false.
  if (h.resetStreamOnError !== undefined) out.overrideStreamErrorOnInvalidHttpMessage = h.resetStreamOnError;
  const k = h.connectionKeepalive;
  if (k) {
    const ka: NonNullable<Http2ProtocolOptions['connectionKeepalive']> = {};
    const interval = duration(k.interval);
    if (interval !== undefined) ka.interval = interval;
    const timeout = duration(k.timeout);
    if (timeout !== undefined) ka.timeout = timeout;
    if (k.intervalJitter !== undefined) ka.intervalJitter = { value: k.intervalJitter };
    const idle = duration(k.idleInterval);
    if (idle !== undefined) ka.connectionIdleInterval = idle;
    out.connectionKeepalive = ka;
  }
  return out;
}

/**
 * What Envoy rejects in {@link http2ProtocolOptions}: window sizes in [65535, 2147483647],
 * `max_concurrent_streams` in [1, 2147483647]; in `connection_keepalive`, `timeout` is required and,
 * like `interval` and `connection_idle_interval`, at least 1ms, and `interval_jitter` is a
 * percentage (0–100).
 */
function http2Rejections(value: HTTP2Traffic) {
  const rules = new EnvoyRules();
  rules.integer('initialStreamWindowSize', value.initialStreamWindowSize, 65535, INT32_MAX, 'Http2ProtocolOptions.initial_stream_window_size');
  rules.integer('initialConnectionWindowSize', value.initialConnectionWindowSize, 65535, INT32_MAX, 'Http2ProtocolOptions.initial_connection_window_size');
  rules.integer('maxConcurrentStreams', value.maxConcurrentStreams, 1, INT32_MAX, 'Http2ProtocolOptions.max_concurrent_streams');
  const k = value.connectionKeepalive;
  if (k) {
    rules.required('connectionKeepalive.timeout', k.timeout, 'KeepaliveSettings.timeout');
    rules.duration('connectionKeepalive.timeout', k.timeout, 'KeepaliveSettings.timeout', 1, true);
    rules.duration('connectionKeepalive.interval', k.interval, 'KeepaliveSettings.interval', 1, true);
    rules.duration('connectionKeepalive.idleInterval', k.idleInterval, 'KeepaliveSettings.connection_idle_interval', 1, true);
    rules.number('connectionKeepalive.intervalJitter', k.intervalJitter, 0, 100, 'KeepaliveSettings.interval_jitter');
  }
  return rules.found;
}

const HTTP2_PROTOCOLS = new Set(['HTTP2', 'GRPC']);

/**
 * Decide the block and its protocol selector, after all cluster features ran. The block exists
 * when a feature created it or when any of these holds: the client's protocol is kept, the
 * backend speaks HTTP/2 (gRPC), all backends use TLS (auto config), auto SNI, listener HTTP/1
 * options. Selector priority: client protocol → HTTP/2 backend → listener HTTP/1 options →
 * all-TLS auto config → plain HTTP/1.1.
 */
function finishProtocolOptions(cluster: Cluster, http2: HTTP2Traffic | undefined, ctx: EmitContext): void {
  if (!isHttpCluster(ctx)) return;
  const settings = ctx.destination ?? [];
  const useClientProtocol = ctx.route.useClientProtocol === true;
  // Envoy Gateway gives every GRPCRoute backend the GRPC protocol; other backends say so themselves.
  const http2Backend =
    settings.length === 0
      ? ctx.route.route.kind === 'GRPCRoute'
      : settings.some((s) => typeof s.protocol === 'string' && HTTP2_PROTOCOLS.has(s.protocol.toUpperCase()));
  const allTls = settings.length > 0 && settings.every((s) => s.tls === true);
  // Dynamic-resolver backends reach arbitrary hosts: SNI and SAN checks follow the request's host.
  const autoSni = settings.some((s) => s.tls === true && (s.autoSni === true || s.dynamicResolver === true));
  const autoSanValidation = settings.some((s) => s.tls === true && s.dynamicResolver === true);
  const h1Given = isRecord(ctx.listenerSettings?.http1ProtocolOptions);
  const needed = cluster.typedExtensionProtocolOptions?.[HTTP_PROTOCOL_OPTIONS] !== undefined || useClientProtocol || http2Backend || allTls || autoSni || h1Given;
  if (!needed) return;

  const block = protocolOptionsBlock(cluster);
  // A copy: the emitted resources never share objects with the caller's options.
  const h1: Http1ProtocolOptions = h1Given ? structuredClone(ctx.listenerSettings!.http1ProtocolOptions!) : {};
  const h2 = http2ProtocolOptions(http2);
  if (useClientProtocol) block.useDownstreamProtocolConfig = { httpProtocolOptions: h1, http2ProtocolOptions: h2 };
  else if (http2Backend) block.explicitHttpConfig = { http2ProtocolOptions: h2 };
  else if (h1Given) block.explicitHttpConfig = { httpProtocolOptions: h1 };
  else if (allTls) block.autoConfig = { httpProtocolOptions: h1, http2ProtocolOptions: h2 };
  else block.explicitHttpConfig = { httpProtocolOptions: {} };
  if (autoSni) {
    const upstream = block.upstreamHttpProtocolOptions ?? {};
    upstream.autoSni = true;
    if (autoSanValidation) upstream.autoSanValidation = true;
    block.upstreamHttpProtocolOptions = upstream;
  }
}

/** The protocol options block is decided last, once every other feature wrote its part of it. */
export const http2Cluster: ClusterEmission<HTTP2Traffic> = {
  finish(cluster, value, ctx) {
    finishProtocolOptions(cluster, value, ctx);
  },
  rejections: http2Rejections,
};
