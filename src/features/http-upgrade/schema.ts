/**
 * An entry of `spec.httpUpgrade`: a protocol the route lets clients upgrade to (Envoy
 * `RouteAction.upgrade_configs`), e.g. `websocket`, `spdy/3.1`, or `CONNECT` tunnelling.
 */
import * as z from 'zod';
import { has, withRules } from '../../model/crd.js';

/** CONNECT handling: with `terminate`, Envoy unwraps the tunnel and sends the raw payload upstream. */
export const ConnectConfigSchema = z.object({
  terminate: z.boolean().optional(),
});
export type ConnectConfig = z.infer<typeof ConnectConfigSchema>;

/**
 * One upgrade type. `type` is free text, matched case-insensitively by Envoy, but the CRD only
 * accepts `connect` next to the exact spelling `CONNECT`.
 */
export const ProtocolUpgradeConfigSchema = withRules(
  z.object({
    type: z.string(),
    connect: ConnectConfigSchema.optional(),
  }),
  [
    {
      message: 'The connect configuration is only allowed when the type is CONNECT.',
      test: (u) => !has(u.connect) || u.type === 'CONNECT',
    },
  ],
);
export type ProtocolUpgradeConfig = z.infer<typeof ProtocolUpgradeConfigSchema>;
