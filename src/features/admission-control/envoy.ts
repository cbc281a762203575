/**
 * `traffic.admissionControl` → an upstream HTTP filter on the cluster (envoy-mapping §1.21):
 * `HttpProtocolOptions.http_filters = [admission_control, upstream_codec]`. No HCM filter and no
 * per-route config; the upstream codec is the mandatory terminal upstream filter.
 *
 * Unset fields are left to Envoy's defaults; `enabled` and `success_criteria` are always written.
 * HTTP success codes become one `[c, c+1)` range each (not merged); gRPC codes are named in the
 * policy and numbered here.
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { ClusterEmission } from '../feature.js';
import { anyOf, duration, finiteNumber } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { protocolOptionsBlock } from '../http2/envoy.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';

/** gRPC status names (as the BTP API spells them) → codes. Unknown names are dropped. */
const GRPC_CODES: Record<string, number> = {
  Ok: 0,
  Cancelled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
};

/** `envoy.extensions.filters.http.admission_control.v3.AdmissionControl` from `traffic.admissionControl`. */
export function admissionControlConfig(ac: JsonObject): JsonObject {
  const out: JsonObject = { enabled: { defaultValue: true } };
  const window = duration(ac.samplingWindow);
  if (window !== undefined) out.samplingWindow = window;
  const successRate = finiteNumber(ac.minSuccessRate);
  if (successRate !== undefined) out.srThreshold = { defaultValue: { value: successRate } };
  const aggression = finiteNumber(ac.rejectionAggression);
  if (aggression !== undefined) out.aggression = { defaultValue: aggression };
  const rps = finiteNumber(ac.minRequestRate);
  if (rps !== undefined) out.rpsThreshold = { defaultValue: rps };
  const maxRejection = finiteNumber(ac.maxRejectionPercent);
  if (maxRejection !== undefined) out.maxRejectionProbability = { defaultValue: { value: maxRejection } };
  const criteria: JsonObject = {};
  const sc = isRecord(ac.successCriteria) ? ac.successCriteria : {};
  const httpCodes = isRecord(sc.http) && Array.isArray(sc.http.statusCodes) ? sc.http.statusCodes.filter((c): c is number => typeof c === 'number') : [];
  if (httpCodes.length > 0) criteria.httpCriteria = { httpSuccessStatus: httpCodes.map((c) => ({ start: c, end: c + 1 })) };
  const grpcCodes = isRecord(sc.grpc) && Array.isArray(sc.grpc.statusCodes)
    ? sc.grpc.statusCodes.map((c) => (typeof c === 'string' && Object.hasOwn(GRPC_CODES, c) ? GRPC_CODES[c] : undefined)).filter((c): c is number => c !== undefined)
    : [];
  if (grpcCodes.length > 0) criteria.grpcCriteria = { grpcSuccessStatus: grpcCodes };
  out.successCriteria = criteria;
  return out;
}

export const admissionControlCluster: ClusterEmission = {
  apply(cluster, value, ctx) {
    if (!isRecord(value) || !isHttpCluster(ctx)) return;
    protocolOptionsBlock(cluster).httpFilters = [
      {
        name: 'envoy.filters.http.admission_control',
        typedConfig: anyOf('envoy.extensions.filters.http.admission_control.v3.AdmissionControl', admissionControlConfig(value)),
      },
      {
        name: 'envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec',
        typedConfig: anyOf('envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec'),
      },
    ];
  },
};
