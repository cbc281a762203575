/**
 * `proxyProtocol`: send a HAProxy PROXY protocol header on each upstream connection, so the backend
 * learns the original client address (Envoy's upstream `proxy_protocol` transport socket).
 */
import * as z from 'zod';
import { k8sEnum } from '../../model/crd.js';

export const PROXY_PROTOCOL_VERSIONS = ['V1', 'V2'] as const;

/** The PROXY protocol version to speak: V1 (text) or V2 (binary). */
export const ProxyProtocolSchema = z.object({
  version: k8sEnum(PROXY_PROTOCOL_VERSIONS),
});
export type ProxyProtocol = z.infer<typeof ProxyProtocolSchema>;
