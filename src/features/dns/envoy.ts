/**
 * `traffic.dns` → the cluster's DNS settings (envoy-mapping §1.11): `Cluster.dns_lookup_family`
 * (present on every cluster, EDS ones included), and for clusters that resolve names themselves
 * the `DnsCluster` (`dns_refresh_rate`, `respect_dns_ttl`, `dns_lookup_family`) or the dynamic
 * forward proxy's DNS cache.
 */
import type { EmitContext, JsonObject } from '../../emit/emit-context.js';
import type { ClusterEmission } from '../feature.js';
import { durationFromMs, finiteNumber } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';

const DEFAULT_REFRESH_MS = 30_000;

/** BTP `lookupFamily` → Envoy `DnsLookupFamily` (enum names match in both Envoy enums). */
const FAMILIES: Record<string, string> = {
  IPv4: 'V4_ONLY',
  IPv6: 'V6_ONLY',
  IPv6Preferred: 'AUTO',
  IPv4AndIPv6: 'ALL',
  IPv4Preferred: 'V4_PREFERRED',
};

/**
 * The lookup family: the backend's single IP family wins over the policy; a dual-stack backend
 * asks for both only when the policy says nothing; the default is `V4_PREFERRED`.
 */
export function dnsLookupFamily(dns: unknown, ctx: EmitContext): string {
  const families = new Set((ctx.destination ?? []).map((s) => s.ipFamily).filter((f) => f !== undefined));
  const policy = isRecord(dns) && typeof dns.lookupFamily === 'string' && Object.hasOwn(FAMILIES, dns.lookupFamily) ? FAMILIES[dns.lookupFamily] : undefined;
  if (families.size === 1) {
    const [only] = families;
    if (only === 'IPv4') return 'V4_ONLY';
    if (only === 'IPv6') return 'V6_ONLY';
    if (only === 'DualStack' && policy === undefined) return 'ALL';
  }
  return policy ?? 'V4_PREFERRED';
}

/** Write the DNS settings into the cluster's top level and its discovery config. */
export function applyDns(cluster: JsonObject, dns: unknown, ctx: EmitContext): void {
  const family = dnsLookupFamily(dns, ctx);
  const d = isRecord(dns) ? dns : {};
  const refreshMs = finiteNumber(d.dnsRefreshRate);
  cluster.dnsLookupFamily = family;
  const clusterType = isRecord(cluster.clusterType) ? cluster.clusterType : undefined;
  const config = clusterType && isRecord(clusterType.typedConfig) ? clusterType.typedConfig : undefined;
  if (!config) return;
  if (clusterType!.name === 'envoy.cluster.dns') {
    config.dnsLookupFamily = family;
    config.dnsRefreshRate = durationFromMs(refreshMs ?? DEFAULT_REFRESH_MS);
    // A plain bool: protojson omits false.
    if (d.respectDnsTtl === false) delete config.respectDnsTtl;
    else config.respectDnsTtl = true;
  } else if (clusterType!.name === 'envoy.clusters.dynamic_forward_proxy') {
    const refresh = refreshMs ?? DEFAULT_REFRESH_MS;
    const name = typeof d.name === 'string' && d.name !== '' ? d.name : 'default';
    config.dnsCacheConfig = {
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
export const dnsCluster: ClusterEmission = {
  finish(cluster, value, ctx) {
    applyDns(cluster, isRecord(value) ? value : undefined, ctx);
  },
};
