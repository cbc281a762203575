/**
 * `dns` → Envoy Gateway's IR `traffic.dns`: `{name, dnsRefreshRate, respectDnsTtl, lookupFamily}`.
 *
 * `name` is `<policy namespace>/<policy name>` (for a merged policy, the route policy's), used by
 * Envoy Gateway in the dynamic-forward-proxy DNS cache name. A `dnsRefreshRate` that does not
 * parse is silently dropped; `lookupFamily` is copied as written. No errors.
 */
import * as z from 'zod';
import { durationMsOrUndefined, isRecord } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.dns`: `name` is `<policy namespace>/<policy name>`, `dnsRefreshRate` in milliseconds, `lookupFamily` as written. */
export const DNSTrafficSchema = z.object({
  name: z.string(),
  dnsRefreshRate: z.number().optional(),
  respectDnsTtl: z.boolean().optional(),
  lookupFamily: z.string().optional(),
});
export type DNSTraffic = z.infer<typeof DNSTrafficSchema>;

export const dnsTranslation: Translation<DNSTraffic> = {
  build(spec, ctx): FeatureOutcome<DNSTraffic> {
    const dns = spec.dns;
    if (!isRecord(dns)) return {};
    const out: DNSTraffic = { name: `${ctx.policy.namespace}/${ctx.policy.name}` };
    if (dns.dnsRefreshRate !== undefined && dns.dnsRefreshRate !== null) {
      const ms = durationMsOrUndefined(dns.dnsRefreshRate);
      if (ms !== undefined) out.dnsRefreshRate = ms;
    }
    if (typeof dns.respectDnsTtl === 'boolean') out.respectDnsTtl = dns.respectDnsTtl;
    const family = dns.lookupFamily as unknown;
    if (typeof family === 'string' && family !== '') out.lookupFamily = family;
    return { value: out };
  },
};
