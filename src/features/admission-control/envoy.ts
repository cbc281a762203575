/**
 * `traffic.admissionControl` → an upstream HTTP filter on the cluster:
 * `HttpProtocolOptions.http_filters = [admission_control, upstream_codec]`. No HCM filter and no
 * per-route config; the upstream codec is the mandatory terminal upstream filter.
 *
 * Unset fields are left to Envoy's defaults; `enabled` and `success_criteria` are always written.
 * HTTP success codes become one `[c, c+1)` range each (not merged); gRPC codes are named in the
 * policy and numbered here.
 */
import type { AdmissionControl } from '../../emit/envoy-types/index.js';
import type { ClusterEmission } from '../feature.js';
import { anyOf, duration } from '../../emit/protojson.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import { protocolOptionsBlock } from '../http2/envoy.js';
import { isHttpCluster } from '../../emit/cluster-kinds.js';
import type { AdmissionControlTraffic } from './traffic.js';

/** gRPC status names (as the BTP API spells them) → codes. Unknown names are dropped. */
const GRPC_CODES: ReadonlyMap<string, number> = new Map(Object.entries({
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
}));

/** `envoy.extensions.filters.http.admission_control.v3.AdmissionControl` from `traffic.admissionControl`. */
function admissionControlConfig(ac: AdmissionControlTraffic): AdmissionControl {
  const criteria: AdmissionControl['successCriteria'] = {};
  const httpCodes = ac.successCriteria?.http?.statusCodes ?? [];
  if (httpCodes.length > 0) criteria.httpCriteria = { httpSuccessStatus: httpCodes.map((c) => ({ start: c, end: c + 1 })) };
  const grpcCodes = (ac.successCriteria?.grpc?.statusCodes ?? []).flatMap((c) => (GRPC_CODES.has(c) ? [GRPC_CODES.get(c)!] : []));
  if (grpcCodes.length > 0) criteria.grpcCriteria = { grpcSuccessStatus: grpcCodes };
  const window = duration(ac.samplingWindow);
  return {
    enabled: { defaultValue: true },
    ...(window !== undefined ? { samplingWindow: window } : {}),
    ...(ac.minSuccessRate !== undefined ? { srThreshold: { defaultValue: { value: ac.minSuccessRate } } } : {}),
    ...(ac.rejectionAggression !== undefined ? { aggression: { defaultValue: ac.rejectionAggression } } : {}),
    ...(ac.minRequestRate !== undefined ? { rpsThreshold: { defaultValue: ac.minRequestRate } } : {}),
    ...(ac.maxRejectionPercent !== undefined ? { maxRejectionProbability: { defaultValue: { value: ac.maxRejectionPercent } } } : {}),
    successCriteria: criteria,
  };
}

export const admissionControlCluster: ClusterEmission<AdmissionControlTraffic> = {
  apply(cluster, value, ctx) {
    if (!isHttpCluster(ctx)) return;
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
  /**
   * What Envoy rejects in the filter: the success-rate threshold and the maximum rejection
   * probability are percentages (0–100), `rps_threshold` is a `uint32`, and so are the HTTP
   * success codes' range bounds (an `int64` range here, but a status).
   */
  rejections(value) {
    const rules = new EnvoyRules();
    rules.number('minSuccessRate', value.minSuccessRate, 0, 100, 'AdmissionControl.sr_threshold');
    rules.number('maxRejectionPercent', value.maxRejectionPercent, 0, 100, 'AdmissionControl.max_rejection_probability');
    rules.integer('minRequestRate', value.minRequestRate, 0, UINT32_MAX, 'AdmissionControl.rps_threshold');
    (value.successCriteria?.http?.statusCodes ?? []).forEach((c, i) =>
      rules.integer(`successCriteria.http.statusCodes[${i}]`, c, 0, Number.MAX_SAFE_INTEGER - 1, 'HttpCriteria.http_success_status (an Int64Range)'),
    );
    return rules.found;
  },
};
