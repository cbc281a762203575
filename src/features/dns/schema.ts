/**
 * `dns`: how Envoy resolves backends addressed by hostname (STRICT_DNS clusters): refresh rate,
 * whether to follow record TTLs, and which address families to ask for.
 */
import * as z from 'zod';
import { k8sEnum } from '../../model/crd.js';
import { DurationSchema } from '../../model/duration.js';

export const DNS_LOOKUP_FAMILIES = ['IPv4', 'IPv6', 'IPv4Preferred', 'IPv6Preferred', 'IPv4AndIPv6'] as const;

/** DNS resolution settings of the backend cluster. */
export const DNSSchema = z.object({
  dnsRefreshRate: DurationSchema.optional(),
  respectDnsTtl: z.boolean().optional(),
  lookupFamily: k8sEnum(DNS_LOOKUP_FAMILIES).optional(),
});
export type DNS = z.infer<typeof DNSSchema>;
