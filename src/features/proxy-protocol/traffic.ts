/**
 * `proxyProtocol` → Envoy Gateway's IR `traffic.proxyProtocol`: `{version: 'V1' | 'V2'}`, copied
 * as written. No errors.
 */
import { isRecord } from '../raw-values.js';
import type { FeatureOutcome, TrafficFeature } from '../feature.js';

export interface ProxyProtocolTraffic {
  version?: string;
}

export const proxyProtocolFeature: TrafficFeature<ProxyProtocolTraffic> = {
  key: 'proxyProtocol',
  errorPrefix: 'ProxyProtocol',
  build(spec): FeatureOutcome<ProxyProtocolTraffic> {
    if (!isRecord(spec.proxyProtocol)) return {};
    const version = spec.proxyProtocol.version as unknown;
    return { value: typeof version === 'string' && version !== '' ? { version } : {} };
  },
};
