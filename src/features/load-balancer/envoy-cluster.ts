/**
 * `traffic.loadBalancer`, cluster side → `Cluster.load_balancing_policy.policies[0]`
 * (envoy-mapping §1.6). The route side (hash policies for consistent hashing, response headers
 * removed for backend utilization) is a route feature.
 *
 * One typed extension per type, with Envoy Gateway's locality setting: weighted localities by
 * default, zone-aware routing for `preferLocal`. Consistent hashing is Maglev (its table size only
 * when set); backend utilization is client-side weighted round robin, wrapped in `wrr_locality`
 * when zones carry weights; `endpointOverride` wraps the configured policy in `override_host`,
 * falling back to the bare type.
 */
import type { EmitContext, JsonObject } from '../../emit/emit-context.js';
import type { ClusterEmission } from '../feature.js';
import { duration, finiteNumber, float32, int64, typedExtension } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';

const POLICY = {
  leastRequest: ['envoy.load_balancing_policies.least_request', 'envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest'],
  roundRobin: ['envoy.load_balancing_policies.round_robin', 'envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin'],
  random: ['envoy.load_balancing_policies.random', 'envoy.extensions.load_balancing_policies.random.v3.Random'],
  maglev: ['envoy.load_balancing_policies.maglev', 'envoy.extensions.load_balancing_policies.maglev.v3.Maglev'],
  cswrr: [
    'envoy.load_balancing_policies.client_side_weighted_round_robin',
    'envoy.extensions.load_balancing_policies.client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin',
  ],
  wrrLocality: ['envoy.load_balancing_policies.wrr_locality', 'envoy.extensions.load_balancing_policies.wrr_locality.v3.WrrLocality'],
  overrideHost: ['envoy.load_balancing_policies.override_host', 'envoy.extensions.load_balancing_policies.override_host.v3.OverrideHost'],
  clusterProvided: ['envoy.load_balancing_policies.cluster_provided', 'envoy.extensions.load_balancing_policies.cluster_provided.v3.ClusterProvided'],
} as const;

type PolicyKind = keyof typeof POLICY;

/** `{typed_extension_config: …}`, one element of `LoadBalancingPolicy.policies`. */
export function lbPolicy(kind: PolicyKind, fields: JsonObject = {}): JsonObject {
  const [name, type] = POLICY[kind];
  return { typedExtensionConfig: typedExtension(name, type, fields) };
}

/** Envoy Gateway's default policy (least request over weighted localities). */
export function defaultLoadBalancingPolicy(): JsonObject {
  return { policies: [lbPolicy('leastRequest', { localityLbConfig: { localityWeightedLbConfig: {} } })] };
}

/** The policy of dynamic-forward-proxy clusters: the cluster picks hosts itself. */
export function clusterProvidedLoadBalancingPolicy(): JsonObject {
  return { policies: [lbPolicy('clusterProvided')] };
}

/** Envoy's `min_cluster_size` default, which Envoy Gateway writes out when the policy omits it. */
const DEFAULT_MIN_CLUSTER_SIZE = 6;
/** Envoy Gateway's `force_local_zone.min_size` default. */
const DEFAULT_FORCE_MIN_SIZE = 1;

/** `LocalityLbConfig`: zone-aware for `preferLocal` (the policy's, else the backend's), else weighted. */
export function localityLbConfig(preferLocal: unknown): JsonObject {
  if (!isRecord(preferLocal)) return { localityWeightedLbConfig: {} };
  const zoneAware: JsonObject = {
    minClusterSize: int64(finiteNumber(preferLocal.minEndpointsThreshold) ?? DEFAULT_MIN_CLUSTER_SIZE),
  };
  const percentage = finiteNumber(preferLocal.percentageEnabled);
  if (percentage !== undefined) zoneAware.routingEnabled = { value: percentage };
  if (isRecord(preferLocal.force)) {
    zoneAware.forceLocalZone = { minSize: finiteNumber(preferLocal.force.minEndpointsInZoneThreshold) ?? DEFAULT_FORCE_MIN_SIZE };
  }
  return { zoneAwareLbConfig: zoneAware };
}

function slowStart(member: unknown): JsonObject | undefined {
  if (!isRecord(member) || !isRecord(member.slowStart)) return undefined;
  const window = duration(member.slowStart.window);
  return window === undefined ? undefined : { slowStartWindow: window };
}

/** Client-side weighted round robin from `backendUtilization`. */
function cswrr(bu: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of ['blackoutPeriod', 'weightExpirationPeriod', 'weightUpdatePeriod'] as const) {
    const ms = finiteNumber(bu[key]);
    if (ms !== undefined && ms > 0) out[key] = duration(ms);
  }
  const ss = slowStart(bu);
  if (ss) out.slowStartConfig = ss;
  const penalty = finiteNumber(bu.errorUtilizationPenaltyPercent);
  // A FloatValue: float32 arithmetic, printed in float32's shortest form.
  if (penalty !== undefined) out.errorUtilizationPenalty = float32(Math.fround(Math.fround(penalty) / 100));
  if (Array.isArray(bu.metricNamesForComputingUtilization) && bu.metricNamesForComputingUtilization.length > 0) {
    out.metricNamesForComputingUtilization = bu.metricNamesForComputingUtilization.filter((m) => typeof m === 'string');
  }
  if (isRecord(bu.outOfBand)) {
    out.enableOobLoadReport = true;
    const period = duration(bu.outOfBand.reportingPeriod);
    if (period !== undefined) out.oobReportingPeriod = period;
    const reporting: JsonObject = {};
    const port = finiteNumber(bu.outOfBand.port);
    if (port !== undefined) reporting.portValue = port;
    if (typeof bu.outOfBand.authority === 'string' && bu.outOfBand.authority !== '') reporting.authority = bu.outOfBand.authority;
    if (Object.keys(reporting).length > 0) out.oobReportingConfig = reporting;
  }
  return out;
}

/** The configured policy (not yet wrapped for endpoint override), and its bare fallback form. */
function configuredPolicy(lb: JsonObject, ctx: EmitContext): { policy: JsonObject; bare: JsonObject } {
  const preferLocal = lb.preferLocal ?? (ctx.destination ?? []).find((s) => isRecord(s.preferLocal))?.preferLocal;
  const weightedZones = Array.isArray(lb.weightedZones) && lb.weightedZones.length > 0;
  const locality = localityLbConfig(preferLocal);
  if (isRecord(lb.roundRobin)) {
    const fields: JsonObject = { localityLbConfig: locality };
    const ss = slowStart(lb.roundRobin);
    if (ss) fields.slowStartConfig = ss;
    return { policy: lbPolicy('roundRobin', fields), bare: lbPolicy('roundRobin') };
  }
  if (isRecord(lb.random)) return { policy: lbPolicy('random', { localityLbConfig: locality }), bare: lbPolicy('random') };
  if (isRecord(lb.consistentHash)) {
    const fields: JsonObject = {};
    const size = finiteNumber(lb.consistentHash.tableSize);
    if (size !== undefined) fields.tableSize = int64(size);
    if (weightedZones) fields.localityWeightedLbConfig = {};
    return { policy: lbPolicy('maglev', fields), bare: lbPolicy('maglev') };
  }
  if (isRecord(lb.backendUtilization)) {
    let policy = lbPolicy('cswrr', cswrr(lb.backendUtilization));
    if (weightedZones) policy = lbPolicy('wrrLocality', { endpointPickingPolicy: { policies: [policy] } });
    // The fallback of an endpoint override keeps the whole utilization-based policy.
    return { policy, bare: policy };
  }
  const fields: JsonObject = { localityLbConfig: locality };
  const ss = slowStart(lb.leastRequest);
  if (ss) fields.slowStartConfig = ss;
  return { policy: lbPolicy('leastRequest', fields), bare: lbPolicy('leastRequest') };
}

/** `LoadBalancingPolicy` for a cluster with this `traffic.loadBalancer`. */
export function loadBalancingPolicy(lb: JsonObject, ctx: EmitContext): JsonObject {
  const { policy, bare } = configuredPolicy(lb, ctx);
  if (!isRecord(lb.endpointOverride)) return { policies: [policy] };
  const sources = (Array.isArray(lb.endpointOverride.extractFrom) ? lb.endpointOverride.extractFrom : [])
    .filter(isRecord)
    .map((s) => (typeof s.header === 'string' ? { header: s.header } : {}));
  return {
    policies: [lbPolicy('overrideHost', { overrideHostSources: sources, fallbackPolicy: { policies: [bare] } })],
  };
}

export const loadBalancerCluster: ClusterEmission = {
  apply(cluster, value, ctx) {
    if (!isRecord(value)) return;
    // Dynamic-forward-proxy clusters always let the cluster pick hosts.
    if ((ctx.destination ?? []).some((s) => s.dynamicResolver === true)) return;
    cluster.loadBalancingPolicy = loadBalancingPolicy(value, ctx);
  },
  // Zone-aware balancing is set per backend cluster: Envoy Gateway splits the rule's cluster.
  perBackend: (value) => isRecord(value) && (value.preferLocal !== undefined || (Array.isArray(value.weightedZones) && value.weightedZones.length > 0)),
};
