/**
 * `proxyProtocol` → Envoy Gateway's IR `traffic.proxyProtocol`: `{version: 'V1' | 'V2'}`, copied
 * as written. No errors.
 */
import { isRecord } from '../raw-values.js';
import type { FeatureOutcome, Translation } from '../feature.js';

export interface ProxyProtocolTraffic {
  version?: string;
}

export const proxyProtocolTranslation: Translation<ProxyProtocolTraffic> = {
  build(spec): FeatureOutcome<ProxyProtocolTraffic> {
    if (!isRecord(spec.proxyProtocol)) return {};
    const version = spec.proxyProtocol.version as unknown;
    return { value: typeof version === 'string' && version !== '' ? { version } : {} };
  },
};
