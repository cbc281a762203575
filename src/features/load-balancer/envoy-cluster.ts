/**
 * `traffic.loadBalancer`, cluster side → `Cluster.load_balancing_policy.policies[0]`. The route side (hash policies for consistent hashing, response headers
 * removed for backend utilization) is a route feature.
 *
 * One typed extension per type, with Envoy Gateway's locality setting: weighted localities by
 * default, zone-aware routing for `preferLocal`. Consistent hashing is Maglev (its table size only
 * when set); backend utilization is client-side weighted round robin, wrapped in `wrr_locality`
 * when zones carry weights; `endpointOverride` wraps the configured policy in `override_host`,
 * falling back to the bare type.
 */
import type { EmitContext } from '../../emit/emit-context.js';
import type { DestinationSetting } from '../../emit/emit-options.js';
import type {
  ClientSideWeightedRoundRobin,
  LoadBalancingPolicy,
  LocalityBalancer,
  LocalityLbConfig,
  Maglev,
  SlowStartConfig,
  TypedExtensionConfig,
} from '../../emit/envoy-types/index.js';
import type { ClusterEmission } from '../feature.js';
import { duration, float32, int64, typedExtension } from '../../emit/protojson.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import { MAX_CONSISTENT_HASH_TABLE_SIZE, PreferLocalTrafficSchema, type LoadBalancerTraffic, type PreferLocalTraffic, type SlowStartTraffic } from './traffic.js';

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
export function lbPolicy<T extends object = Record<string, never>>(kind: PolicyKind, fields: T = {} as T): { typedExtensionConfig: TypedExtensionConfig<T> } {
  const [name, type] = POLICY[kind];
  return { typedExtensionConfig: typedExtension(name, type, fields) };
}

/** The policy of dynamic-forward-proxy clusters: the cluster picks hosts itself. */
export function clusterProvidedLoadBalancingPolicy(): LoadBalancingPolicy {
  return { policies: [lbPolicy('clusterProvided')] };
}

/** Envoy's `min_cluster_size` default, which Envoy Gateway writes out when the policy omits it. */
const DEFAULT_MIN_CLUSTER_SIZE = 6;
/** Envoy Gateway's `force_local_zone.min_size` default. */
const DEFAULT_FORCE_MIN_SIZE = 1;

/**
 * Zone-aware routing configured on a backend itself (`EmitOptions.destinations[].preferLocal`, in
 * the shape of `traffic.loadBalancer.preferLocal`); one that has another shape is ignored.
 */
export function backendPreferLocal(settings: readonly DestinationSetting[]): PreferLocalTraffic | undefined {
  for (const s of settings) {
    if (s.preferLocal === undefined) continue;
    const parsed = PreferLocalTrafficSchema.safeParse(s.preferLocal);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** `LocalityLbConfig`: zone-aware for `preferLocal` (the policy's, else the backend's), else weighted. */
export function localityLbConfig(preferLocal: PreferLocalTraffic | undefined): LocalityLbConfig {
  if (!preferLocal) return { localityWeightedLbConfig: {} };
  const zoneAware: Extract<LocalityLbConfig, { zoneAwareLbConfig: unknown }>['zoneAwareLbConfig'] = {
    minClusterSize: int64(preferLocal.minEndpointsThreshold ?? DEFAULT_MIN_CLUSTER_SIZE),
  };
  if (preferLocal.percentageEnabled !== undefined) zoneAware.routingEnabled = { value: preferLocal.percentageEnabled };
  if (preferLocal.force) zoneAware.forceLocalZone = { minSize: preferLocal.force.minEndpointsInZoneThreshold ?? DEFAULT_FORCE_MIN_SIZE };
  return { zoneAwareLbConfig: zoneAware };
}

function slowStart(member: { slowStart?: SlowStartTraffic } | undefined): SlowStartConfig | undefined {
  const window = duration(member?.slowStart?.window);
  return window === undefined ? undefined : { slowStartWindow: window };
}

/** The three periods of client-side weighted round robin; a period of 0 or less is left out. */
const CSWRR_PERIODS = ['blackoutPeriod', 'weightExpirationPeriod', 'weightUpdatePeriod'] as const;

/** Client-side weighted round robin from `backendUtilization`. */
function cswrr(bu: NonNullable<LoadBalancerTraffic['backendUtilization']>): ClientSideWeightedRoundRobin {
  const out: ClientSideWeightedRoundRobin = {};
  for (const key of CSWRR_PERIODS) {
    const ms = bu[key];
    if (ms !== undefined && ms > 0) out[key] = duration(ms);
  }
  const ss = slowStart(bu);
  if (ss) out.slowStartConfig = ss;
  const penalty = bu.errorUtilizationPenaltyPercent;
  // A FloatValue: float32 arithmetic, printed in float32's shortest form.
  if (penalty !== undefined) out.errorUtilizationPenalty = float32(Math.fround(Math.fround(penalty) / 100));
  if (bu.metricNamesForComputingUtilization && bu.metricNamesForComputingUtilization.length > 0) {
    out.metricNamesForComputingUtilization = [...bu.metricNamesForComputingUtilization];
  }
  if (bu.outOfBand) {
    out.enableOobLoadReport = true;
    const period = duration(bu.outOfBand.reportingPeriod);
    if (period !== undefined) out.oobReportingPeriod = period;
    const reporting: NonNullable<ClientSideWeightedRoundRobin['oobReportingConfig']> = {};
    if (bu.outOfBand.port !== undefined) reporting.portValue = bu.outOfBand.port;
    if (bu.outOfBand.authority) reporting.authority = bu.outOfBand.authority;
    if (Object.keys(reporting).length > 0) out.oobReportingConfig = reporting;
  }
  return out;
}

type Policy = LoadBalancingPolicy['policies'][number];

/** The configured policy (not yet wrapped for endpoint override), and its bare fallback form. */
function configuredPolicy(lb: LoadBalancerTraffic, ctx: EmitContext): { policy: Policy; bare: Policy } {
  const preferLocal = lb.preferLocal ?? backendPreferLocal(ctx.destination ?? []);
  const weightedZones = lb.weightedZones !== undefined && lb.weightedZones.length > 0;
  const locality = localityLbConfig(preferLocal);
  if (lb.roundRobin) {
    const fields: LocalityBalancer = { localityLbConfig: locality };
    const ss = slowStart(lb.roundRobin);
    if (ss) fields.slowStartConfig = ss;
    return { policy: lbPolicy('roundRobin', fields), bare: lbPolicy('roundRobin') };
  }
  if (lb.random) return { policy: lbPolicy('random', { localityLbConfig: locality }), bare: lbPolicy('random') };
  if (lb.consistentHash) {
    const fields: Maglev = {};
    if (lb.consistentHash.tableSize !== undefined) fields.tableSize = int64(lb.consistentHash.tableSize);
    if (weightedZones) fields.localityWeightedLbConfig = {};
    return { policy: lbPolicy('maglev', fields), bare: lbPolicy('maglev') };
  }
  if (lb.backendUtilization) {
    let policy: Policy = lbPolicy('cswrr', cswrr(lb.backendUtilization));
    if (weightedZones) policy = lbPolicy('wrrLocality', { endpointPickingPolicy: { policies: [policy] } });
    // The fallback of an endpoint override keeps the whole utilization-based policy.
    return { policy, bare: policy };
  }
  const fields: LocalityBalancer = { localityLbConfig: locality };
  const ss = slowStart(lb.leastRequest);
  if (ss) fields.slowStartConfig = ss;
  return { policy: lbPolicy('leastRequest', fields), bare: lbPolicy('leastRequest') };
}

/** `LoadBalancingPolicy` for a cluster with this `traffic.loadBalancer`. */
export function loadBalancingPolicy(lb: LoadBalancerTraffic, ctx: EmitContext): LoadBalancingPolicy {
  const { policy, bare } = configuredPolicy(lb, ctx);
  if (!lb.endpointOverride) return { policies: [policy] };
  const sources = lb.endpointOverride.extractFrom.map((s) => (s.header !== undefined ? { header: s.header } : {}));
  return {
    policies: [lbPolicy('overrideHost', { overrideHostSources: sources, fallbackPolicy: { policies: [bare] } })],
  };
}

/**
 * What Envoy rejects in the policy: `zone_aware_lb_config.min_cluster_size` is a `uint64`,
 * `routing_enabled` a percentage (0–100), `force_local_zone.min_size` a `uint32`; Maglev's
 * `table_size` at most 5000011; the weighted round robin's `error_utilization_penalty` not
 * negative and its out-of-band port a `uint32`.
 */
function loadBalancerClusterRejections(lb: LoadBalancerTraffic) {
  const rules = new EnvoyRules();
  const pl = lb.preferLocal;
  rules.integer('preferLocal.minEndpointsThreshold', pl?.minEndpointsThreshold === undefined ? undefined : Math.trunc(pl.minEndpointsThreshold), 0, Number.MAX_SAFE_INTEGER, 'ZoneAwareLbConfig.min_cluster_size');
  rules.number('preferLocal.percentageEnabled', pl?.percentageEnabled, 0, 100, 'ZoneAwareLbConfig.routing_enabled');
  rules.integer('preferLocal.force.minEndpointsInZoneThreshold', pl?.force?.minEndpointsInZoneThreshold, 0, UINT32_MAX, 'ForceLocalZone.min_size');
  if (lb.consistentHash?.tableSize !== undefined) {
    rules.integer('consistentHash.tableSize', Math.trunc(lb.consistentHash.tableSize), 0, MAX_CONSISTENT_HASH_TABLE_SIZE, 'Maglev.table_size');
  }
  const bu = lb.backendUtilization;
  if (bu?.errorUtilizationPenaltyPercent !== undefined) {
    rules.number('backendUtilization.errorUtilizationPenaltyPercent', bu.errorUtilizationPenaltyPercent, 0, Infinity, 'ClientSideWeightedRoundRobin.error_utilization_penalty');
  }
  rules.integer('backendUtilization.outOfBand.port', bu?.outOfBand?.port, 0, UINT32_MAX, 'OobReportingConfig.port_value');
  return rules.found;
}

export const loadBalancerCluster: ClusterEmission<LoadBalancerTraffic> = {
  apply(cluster, value, ctx) {
    // Dynamic-forward-proxy clusters always let the cluster pick hosts.
    if ((ctx.destination ?? []).some((s) => s.dynamicResolver === true)) return;
    cluster.loadBalancingPolicy = loadBalancingPolicy(value, ctx);
  },
  // Zone-aware balancing is set per backend cluster: Envoy Gateway splits the rule's cluster.
  perBackend: (value) => value.preferLocal !== undefined || (value.weightedZones !== undefined && value.weightedZones.length > 0),
  rejections: loadBalancerClusterRejections,
};
