/** The spec fields this feature owns: its registry row's `spec`, and its part of the policy's spec schema. */
import { TCPKeepaliveSchema } from './schema.js';

export const tcpKeepaliveSpecFields = {
  tcpKeepalive: TCPKeepaliveSchema.optional(),
};
