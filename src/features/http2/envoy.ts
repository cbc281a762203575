/**
 * Upstream HTTP/2 settings (`traffic.http2`), `useClientProtocol`, and the cluster's
 * `HttpProtocolOptions` block that carries them (envoy-mapping §1.12–1.13).
 *
 * The block (`typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]`)
 * is shared: timeouts, circuit breaking and admission control write into it too, through
 * `protocolOptionsBlock`. Once every feature has run, `finishProtocolOptions` decides whether the
 * cluster needs the block at all and fills its protocol selector, in Envoy Gateway's priority
 * order. `traffic.http2` on its own never creates the block: HTTP/2 settings only matter to a
 * cluster that speaks HTTP/2 (a gRPC/HTTP2 backend, all-TLS auto config, or the client's protocol).
 */
import type { EmitContext, JsonObject } from '../../emit/emit-context.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';
import type { ClusterEmission } from '../feature.js';
import { anyOf, duration, finiteNumber } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';

export const HTTP_PROTOCOL_OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

/** Envoy's HTTP/2 window defaults, which Envoy Gateway always writes out. */
const DEFAULT_STREAM_WINDOW = 65536;
const DEFAULT_CONNECTION_WINDOW = 1048576;

/** The cluster's `HttpProtocolOptions`, created (empty but typed) when absent. */
export function protocolOptionsBlock(cluster: JsonObject): JsonObject {
  let all = cluster.typedExtensionProtocolOptions;
  if (!isRecord(all)) {
    all = {};
    cluster.typedExtensionProtocolOptions = all;
  }
  const map = all as JsonObject;
  let block = map[HTTP_PROTOCOL_OPTIONS];
  if (!isRecord(block)) {
    block = anyOf(HTTP_PROTOCOL_OPTIONS);
    map[HTTP_PROTOCOL_OPTIONS] = block;
  }
  return block as JsonObject;
}

/** The block's `common_http_protocol_options`, created when absent. */
export function commonHttpProtocolOptions(cluster: JsonObject): JsonObject {
  const block = protocolOptionsBlock(cluster);
  if (!isRecord(block.commonHttpProtocolOptions)) block.commonHttpProtocolOptions = {};
  return block.commonHttpProtocolOptions as JsonObject;
}

function existingBlock(cluster: JsonObject): JsonObject | undefined {
  const all = cluster.typedExtensionProtocolOptions;
  if (!isRecord(all)) return undefined;
  const block = all[HTTP_PROTOCOL_OPTIONS];
  return isRecord(block) ? block : undefined;
}

/**
 * `Http2ProtocolOptions` from `traffic.http2` (ours: honest window names, keepalive in ms). The
 * two window sizes are always present; everything else only when set.
 */
export function http2ProtocolOptions(http2: unknown): JsonObject {
  const h = isRecord(http2) ? http2 : {};
  const out: JsonObject = {
    initialStreamWindowSize: finiteNumber(h.initialStreamWindowSize) ?? DEFAULT_STREAM_WINDOW,
    initialConnectionWindowSize: finiteNumber(h.initialConnectionWindowSize) ?? DEFAULT_CONNECTION_WINDOW,
  };
  const maxStreams = finiteNumber(h.maxConcurrentStreams);
  if (maxStreams !== undefined) out.maxConcurrentStreams = maxStreams;
  // A BoolValue: printed even when false.
  if (typeof h.resetStreamOnError === 'boolean') out.overrideStreamErrorOnInvalidHttpMessage = h.resetStreamOnError;
  if (isRecord(h.connectionKeepalive)) {
    const k = h.connectionKeepalive;
    const ka: JsonObject = {};
    const interval = duration(k.interval);
    if (interval !== undefined) ka.interval = interval;
    const timeout = duration(k.timeout);
    if (timeout !== undefined) ka.timeout = timeout;
    const jitter = finiteNumber(k.intervalJitter);
    if (jitter !== undefined) ka.intervalJitter = { value: jitter };
    const idle = duration(k.idleInterval);
    if (idle !== undefined) ka.connectionIdleInterval = idle;
    out.connectionKeepalive = ka;
  }
  return out;
}

const HTTP2_PROTOCOLS = new Set(['HTTP2', 'GRPC']);

/**
 * Decide the block and its protocol selector, after all cluster features ran. The block exists
 * when a feature created it or when any of these holds: the client's protocol is kept, the
 * backend speaks HTTP/2 (gRPC), all backends use TLS (auto config), auto SNI, listener HTTP/1
 * options. Selector priority: client protocol → HTTP/2 backend → listener HTTP/1 options →
 * all-TLS auto config → plain HTTP/1.1.
 */
export function finishProtocolOptions(cluster: JsonObject, ctx: EmitContext): void {
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
  const needed = existingBlock(cluster) !== undefined || useClientProtocol || http2Backend || allTls || autoSni || h1Given;
  if (!needed) return;

  const block = protocolOptionsBlock(cluster);
  // A copy: the emitted resources never share objects with the caller's options.
  const h1: JsonObject = h1Given ? structuredClone(ctx.listenerSettings!.http1ProtocolOptions as JsonObject) : {};
  const h2 = http2ProtocolOptions(ctx.traffic.http2);
  if (useClientProtocol) block.useDownstreamProtocolConfig = { httpProtocolOptions: h1, http2ProtocolOptions: h2 };
  else if (http2Backend) block.explicitHttpConfig = { http2ProtocolOptions: h2 };
  else if (h1Given) block.explicitHttpConfig = { httpProtocolOptions: h1 };
  else if (allTls) block.autoConfig = { httpProtocolOptions: h1, http2ProtocolOptions: h2 };
  else block.explicitHttpConfig = { httpProtocolOptions: {} };
  if (autoSni) {
    const upstream = isRecord(block.upstreamHttpProtocolOptions) ? block.upstreamHttpProtocolOptions : {};
    upstream.autoSni = true;
    if (autoSanValidation) upstream.autoSanValidation = true;
    block.upstreamHttpProtocolOptions = upstream;
  }
}

/** The protocol options block is decided last, once every other feature wrote its part of it. */
export const http2Cluster: ClusterEmission = {
  finish(cluster, _value, ctx) {
    finishProtocolOptions(cluster, ctx);
  },
};
