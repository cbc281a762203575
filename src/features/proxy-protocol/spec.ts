/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { ProxyProtocolSchema } from './schema.js';

export const proxyProtocolSpecFields = {
  proxyProtocol: ProxyProtocolSchema.optional(),
};
