/**
 * `proxyProtocol` → Envoy Gateway's IR `traffic.proxyProtocol`: `{version: 'V1' | 'V2'}`, copied
 * as written. No errors.
 */
import * as z from 'zod';
import { isRecord } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

/** `traffic.proxyProtocol`: the version as written (`V1`, `V2`). */
export const ProxyProtocolTrafficSchema = z.object({
  version: z.string().optional(),
});
export type ProxyProtocolTraffic = z.infer<typeof ProxyProtocolTrafficSchema>;

export const proxyProtocolTranslation: Translation<ProxyProtocolTraffic> = {
  build(spec): FeatureOutcome<ProxyProtocolTraffic> {
    if (!isRecord(spec.proxyProtocol)) return {};
    const version = spec.proxyProtocol.version as unknown;
    return { value: typeof version === 'string' && version !== '' ? { version } : {} };
  },
};
