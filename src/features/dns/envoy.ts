/**
 * `traffic.dns` → the cluster's DNS settings: `Cluster.dns_lookup_family`
 * (present on every cluster, EDS ones included), and for clusters that resolve names themselves
 * the `DnsCluster` (`dns_refresh_rate`, `respect_dns_ttl`, `dns_lookup_family`) or the dynamic
 * forward proxy's DNS cache.
 */
import type { EmitContext } from '../../emit/emit-context.js';
import type { Cluster, DnsLookupFamily } from '../../emit/envoy-types/index.js';
import type { ClusterEmission } from '../feature.js';
import { durationFromMs } from '../../emit/protojson.js';
import { EnvoyRules } from '../../emit/envoy-rules.js';
import type { DNSTraffic } from './traffic.js';

const DEFAULT_REFRESH_MS = 30_000;

/** BTP `lookupFamily` → Envoy `DnsLookupFamily` (enum names match in both Envoy enums). */
const FAMILIES: ReadonlyMap<string, DnsLookupFamily> = new Map([
  ['IPv4', 'V4_ONLY'],
  ['IPv6', 'V6_ONLY'],
  ['IPv6Preferred', 'AUTO'],
  ['IPv4AndIPv6', 'ALL'],
  ['IPv4Preferred', 'V4_PREFERRED'],
]);

/**
 * The lookup family: the backend's single IP family wins over the policy; a dual-stack backend
 * asks for both only when the policy says nothing; the default is `V4_PREFERRED`. A family the
 * policy spells in no known way counts as unset.
 */
export function dnsLookupFamily(dns: DNSTraffic | undefined, ctx: EmitContext): DnsLookupFamily {
  const families = new Set((ctx.destination ?? []).map((s) => s.ipFamily).filter((f) => f !== undefined));
  const policy = dns?.lookupFamily === undefined ? undefined : FAMILIES.get(dns.lookupFamily);
  if (families.size === 1) {
    const [only] = families;
    if (only === 'IPv4') return 'V4_ONLY';
    if (only === 'IPv6') return 'V6_ONLY';
    if (only === 'DualStack' && policy === undefined) return 'ALL';
  }
  return policy ?? 'V4_PREFERRED';
}

/** Write the DNS settings into the cluster's top level and its discovery config. */
function applyDns(cluster: Cluster, dns: DNSTraffic | undefined, ctx: EmitContext): void {
  const family = dnsLookupFamily(dns, ctx);
  const refresh = dns?.dnsRefreshRate ?? DEFAULT_REFRESH_MS;
  cluster.dnsLookupFamily = family;
  const clusterType = cluster.clusterType;
  if (clusterType?.name === 'envoy.cluster.dns') {
    const config = clusterType.typedConfig;
    config.dnsLookupFamily = family;
    config.dnsRefreshRate = durationFromMs(refresh);
    // A plain bool: protojson omits false.
    if (dns?.respectDnsTtl === false) delete config.respectDnsTtl;
    else config.respectDnsTtl = true;
  } else if (clusterType?.name === 'envoy.clusters.dynamic_forward_proxy') {
    const name = dns?.name ? dns.name : 'default';
    clusterType.typedConfig.dnsCacheConfig = {
      name: `envoy-gateway-dfp-cache-${family.toLowerCase()}-${refresh}ms-${name}`,
      dnsLookupFamily: family,
      dnsRefreshRate: durationFromMs(refresh),
    };
  }
}

/**
 * Every cluster gets its lookup family, policy or not (the backends' IP families decide it too), so
 * this runs as a finishing step rather than only when `traffic.dns` is set.
 */
export const dnsCluster: ClusterEmission<DNSTraffic> = {
  finish(cluster, value, ctx) {
    applyDns(cluster, value, ctx);
  },
  /**
   * A refresh rate must be longer than 1ms (`DnsCluster.dns_refresh_rate`) and at least 1ms in the
   * dynamic forward proxy's DNS cache: rejected for every cluster, whichever kind it is.
   */
  rejections(value) {
    const rules = new EnvoyRules();
    rules.duration('dnsRefreshRate', value.dnsRefreshRate, 'DnsCluster.dns_refresh_rate', 1);
    return rules.found;
  },
};
