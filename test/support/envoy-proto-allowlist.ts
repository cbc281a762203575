/**
 * What Envoy Gateway's golden xDS uses but the Envoy API snapshot shipped in `@grpc/grpc-js-xds@1.14.1`
 * (the protos `test/support/envoy-proto.ts` checks against) does not define, or defines differently.
 *
 * The snapshot is older than the Envoy API that EG compiles against (go-control-plane `envoy v1.37.x`,
 * cncf/xds 2026-02; /work/shared/spec/envoy-mapping.md §5.3 lists the gaps). This list is the ONLY thing
 * the checker skips, and every entry is as narrow as it can be:
 *
 * - `field`: a field the snapshot's message lacks. Its key is accepted on that message only. When the
 *   field's type exists in the snapshot, `as` names it and the value is checked as that type; otherwise
 *   the value is not checked (there is no definition to check it against). `oneof` names the oneof the
 *   field belongs to in the newer API, so it counts as a member (for "at most one" and
 *   `(validate.required)`).
 * - `retyped`: a field the snapshot has with an older type; its value is checked as `as` (the type the
 *   newer API gives it, present in the snapshot) instead.
 * - `type`: an `Any` payload type the snapshot lacks entirely (no .proto, or a .proto whose imports the
 *   package does not ship). The `@type` is accepted as "known to be missing"; its payload is not checked.
 * - `oneof-not-required`: a `(validate.required)` on a oneof that the newer API dropped.
 * - `rule-relaxed`: one `(validate.rules)` constraint (`<kind>.<rule>`, e.g. `string.min_len`) that the
 *   newer API dropped from that field. The field's other rules are still checked.
 *
 * test/emit/envoy-proto.test.ts proves that every entry is still missing from (or different in) the
 * snapshot, so a stale entry fails, and that every entry is needed by at least one golden resource, so an
 * unused entry fails: the list cannot hide anything the snapshot could check.
 *
 * The "why" texts name the Envoy/xds change as far as it can be told without the newer .proto files at
 * hand: each entry is backed by EG's golden output (which its Envoy accepts) and by §5.3 of the mapping
 * spec; entries marked "inferred" rest on the golden alone.
 */

export interface TypeRef {
  /** Full message/enum name (no leading dot) or a proto scalar (`bool`, `string`, `uint32`, …). */
  type: string;
  repeated?: boolean;
}

export type AllowlistEntry =
  | { kind: 'field'; message: string; field: string; as?: TypeRef; oneof?: string; why: string }
  | { kind: 'retyped'; message: string; field: string; as: TypeRef; why: string }
  | { kind: 'type'; type: string; why: string }
  | { kind: 'oneof-not-required'; message: string; oneof: string; why: string }
  | { kind: 'rule-relaxed'; message: string; field: string; rule: string; why: string };

const ROUTE_RL = 'envoy.config.route.v3.RateLimit';
const CSWRR = 'envoy.extensions.load_balancing_policies.client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin';
const HCM_TRACING = 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.Tracing';
const LOCAL_RL = 'envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit';

export const ENVOY_PROTO_ALLOWLIST: readonly AllowlistEntry[] = [
  // --- Any payload types the snapshot does not have -------------------------------------------------
  {
    kind: 'type',
    type: 'envoy.extensions.clusters.dns.v3.DnsCluster',
    why: 'the `envoy.cluster.dns` extension (clusters/dns/v3/dns_cluster.proto, with clusters/common/dns/v3) was added in Envoy 1.3x after the snapshot; EG uses it for every FQDN cluster and BTP `dns`',
  },
  {
    kind: 'type',
    type: 'envoy.extensions.load_balancing_policies.override_host.v3.OverrideHost',
    why: 'the override_host load-balancing policy (BTP loadBalancer.endpointOverride) was added in Envoy 1.3x; no override_host/v3 proto in the snapshot',
  },
  {
    kind: 'type',
    type: 'envoy.type.matcher.v3.HttpResponseLocalReplyMatchInput',
    why: 'matcher input for "the response is a local reply" (BTP responseOverride[].source) was added in Envoy 1.3x; not in the snapshot\'s status_code_input.proto',
  },
  {
    kind: 'type',
    type: 'envoy.extensions.access_loggers.open_telemetry.v3.OpenTelemetryAccessLogConfig',
    why: 'present in the snapshot, but its file imports opentelemetry/proto/common/v1/common.proto, which the package does not ship, so it cannot be loaded (EG telemetry access log, not a BTP feature)',
  },

  // --- Fields the snapshot's messages lack -----------------------------------------------------------
  {
    kind: 'field',
    message: 'envoy.extensions.load_balancing_policies.common.v3.LocalityLbConfig.ZoneAwareLbConfig',
    field: 'force_local_zone',
    why: 'ZoneAwareLbConfig.force_local_zone (message ForceLocalZone {min_size}) was added in Envoy 1.3x; EG sets it for preferLocal.force',
  },
  {
    kind: 'field',
    message: 'envoy.config.route.v3.WeightedCluster',
    field: 'use_hash_policy',
    as: { type: 'google.protobuf.BoolValue' },
    why: 'WeightedCluster.use_hash_policy (consistent hashing across weighted clusters) was added in Envoy 1.3x',
  },
  {
    kind: 'field',
    message: CSWRR,
    field: 'metric_names_for_computing_utilization',
    as: { type: 'string', repeated: true },
    why: 'CSWRR metric_names_for_computing_utilization was added in Envoy 1.3x (BTP backendUtilization metrics)',
  },
  {
    kind: 'field',
    message: CSWRR,
    field: 'slow_start_config',
    as: { type: 'envoy.extensions.load_balancing_policies.common.v3.SlowStartConfig' },
    why: 'CSWRR slow_start_config (the common SlowStartConfig, which the snapshot has) was added in Envoy 1.3x',
  },
  {
    kind: 'field',
    message: CSWRR,
    field: 'oob_reporting_config',
    why: 'CSWRR oob_reporting_config (message OrcaOobReportingConfig, also missing) was added in Envoy 1.3x (BTP backendUtilization out-of-band)',
  },
  {
    kind: 'field',
    message: LOCAL_RL,
    field: 'rate_limits',
    as: { type: ROUTE_RL, repeated: true },
    why: 'LocalRateLimit.rate_limits (descriptor generation inside the filter, `repeated config.route.v3.RateLimit`) was added after the snapshot (Envoy 1.3x)',
  },
  {
    kind: 'field',
    message: LOCAL_RL,
    field: 'max_dynamic_descriptors',
    as: { type: 'google.protobuf.UInt32Value' },
    why: 'LocalRateLimit.max_dynamic_descriptors (bound on wildcard descriptors) was added after the snapshot (Envoy 1.3x)',
  },
  {
    kind: 'field',
    message: 'envoy.extensions.common.ratelimit.v3.LocalRateLimitDescriptor',
    field: 'shadow_mode',
    as: { type: 'bool' },
    why: 'LocalRateLimitDescriptor.shadow_mode was added in Envoy 1.3x (BTP local shadowMode)',
  },
  {
    kind: 'field',
    message: ROUTE_RL,
    field: 'hits_addend',
    why: 'RateLimit.hits_addend (message HitsAddend {number, format}, also missing) was added in Envoy 1.3x (BTP rate-limit cost)',
  },
  {
    kind: 'field',
    message: ROUTE_RL,
    field: 'apply_on_stream_done',
    as: { type: 'bool' },
    why: 'RateLimit.apply_on_stream_done was added in Envoy 1.3x (BTP rate-limit cost.response)',
  },
  {
    kind: 'field',
    message: ROUTE_RL,
    field: 'x_ratelimit_option',
    why: 'RateLimit.x_ratelimit_option (enum XRateLimitOption, also missing) was added in Envoy 1.3x (per-rule x-ratelimit headers)',
  },
  {
    kind: 'field',
    message: `${ROUTE_RL}.Action`,
    field: 'remote_address_match',
    oneof: 'action_specifier',
    why: 'RateLimit.Action.remote_address_match (message RemoteAddressMatch with type.matcher.v3.AddressMatcher, both missing) was added in Envoy 1.3x (clientSelectors.sourceCIDR)',
  },
  {
    kind: 'field',
    message: HCM_TRACING,
    field: 'operation',
    as: { type: 'string' },
    why: 'HCM Tracing.operation (span name format) was added in Envoy 1.3x (telemetry.tracing.spanName)',
  },
  {
    kind: 'field',
    message: HCM_TRACING,
    field: 'upstream_operation',
    as: { type: 'string' },
    why: 'HCM Tracing.upstream_operation was added in Envoy 1.3x (telemetry.tracing.spanName)',
  },
  {
    kind: 'field',
    message: 'envoy.config.route.v3.Tracing',
    field: 'operation',
    as: { type: 'string' },
    why: 'route Tracing.operation was added in Envoy 1.3x (telemetry.tracing.spanName)',
  },
  {
    kind: 'field',
    message: 'envoy.config.route.v3.Tracing',
    field: 'upstream_operation',
    as: { type: 'string' },
    why: 'route Tracing.upstream_operation was added in Envoy 1.3x (telemetry.tracing.spanName)',
  },
  {
    kind: 'field',
    message: 'xds.type.v3.CelExpression',
    field: 'cel_expr_parsed',
    why: 'cncf/xds CelExpression.cel_expr_parsed (type cel.expr.ParsedExpr; the package ships no cel/expr protos) replaced the deprecated parsed_expr in a later cncf/xds (responseOverride status ranges)',
  },

  // --- Fields whose type changed ---------------------------------------------------------------------
  {
    kind: 'retyped',
    message: 'envoy.extensions.filters.http.ratelimit.v3.RateLimitPerRoute',
    field: 'rate_limits',
    as: { type: ROUTE_RL, repeated: true },
    why: 'in the snapshot rate_limits is `repeated RateLimitConfig` (a not-implemented-hide copy); the newer API (Envoy 1.3x) made it `repeated config.route.v3.RateLimit`, which EG fills (descriptor_key on header matches, hits_addend, …)',
  },

  // --- Validation the newer API dropped --------------------------------------------------------------
  {
    kind: 'oneof-not-required',
    message: 'xds.type.v3.CelExpression',
    oneof: 'expr_specifier',
    why: 'cncf/xds dropped (validate.required) from expr_specifier when it added cel_expr_parsed/cel_expr_checked outside the oneof (the deprecated parsed_expr/checked_expr are the only members)',
  },
  {
    kind: 'rule-relaxed',
    message: 'envoy.extensions.common.ratelimit.v3.RateLimitDescriptor.Entry',
    field: 'value',
    rule: 'string.min_len',
    why: 'the newer API (Envoy 1.3x, with max_dynamic_descriptors) made a blank descriptor value a wildcard (dynamic token buckets) and dropped min_len; EG emits value-less entries for `distinct` client selectors',
  },
  {
    kind: 'rule-relaxed',
    message: 'envoy.config.core.v3.RuntimeFeatureFlag',
    field: 'runtime_key',
    rule: 'string.min_len',
    why: 'inferred: EG emits admission-control flags without a runtime key, which its Envoy accepts, so the newer API no longer requires runtime_key (the snapshot has min_len 1)',
  },
  {
    kind: 'rule-relaxed',
    message: 'envoy.config.core.v3.RuntimeDouble',
    field: 'runtime_key',
    rule: 'string.min_len',
    why: 'inferred: EG emits admission-control `aggression` without a runtime key (see RuntimeFeatureFlag)',
  },
  {
    kind: 'rule-relaxed',
    message: 'envoy.config.core.v3.RuntimePercent',
    field: 'runtime_key',
    rule: 'string.min_len',
    why: 'inferred: EG emits admission-control `srThreshold`/`maxRejectionProbability` without a runtime key (see RuntimeFeatureFlag)',
  },
  {
    kind: 'rule-relaxed',
    message: 'envoy.config.core.v3.RuntimeUInt32',
    field: 'runtime_key',
    rule: 'string.min_len',
    why: 'inferred: EG emits admission-control `rpsThreshold` without a runtime key (see RuntimeFeatureFlag)',
  },
];

/**
 * Golden resources that Envoy's rules reject: EG's translator tests do not run Envoy's validation, and
 * these goldens come from IR inputs that a real BackendTrafficPolicy cannot produce. They are not
 * skipped: the suite asserts that the checker reports exactly these problems for them (and nothing else).
 * Our emitter does not reproduce them: it leaves the feature out of the route and reports it, so each
 * such case is also a counted gap of the xds conformance suite (`xds-known-gaps.yaml`).
 */
export interface ExpectedRejection {
  testCase: string;
  kind: 'clusters' | 'routes' | 'listeners' | 'endpoints';
  /** Resource name. */
  name: string;
  /** The reported problem, exactly. */
  problem: string;
  why: string;
}

export const EXPECTED_GOLDEN_REJECTIONS: readonly ExpectedRejection[] = [
  {
    testCase: 'local-ratelimit-distinct',
    kind: 'routes',
    name: 'first-listener',
    problem:
      '$.virtualHosts[0].routes[0].typedPerFilterConfig["envoy.filters.http.local_ratelimit"].descriptors[0].tokenBucket.fillInterval: duration 0s must be > 0s (validate duration)',
    why: 'the IR gives the unit as lower-case `second`; EG\'s local limiter only knows `Second`… and writes fill_interval 0s, which TokenBucket.fill_interval (gt 0) rejects. The CRD only admits the capitalised units',
  },
];
