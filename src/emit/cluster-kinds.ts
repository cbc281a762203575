/** Which route kinds produce HTTP clusters (HTTPRoute, GRPCRoute) rather than TCP/UDP ones. */
import type { EmitContext } from './emit-context.js';

const NON_HTTP_KINDS = new Set(['TCPRoute', 'TLSRoute', 'UDPRoute']);

/** HTTP protocol options, upstream HTTP filters and health-check hosts only exist on HTTP clusters. */
export function isHttpCluster(ctx: EmitContext): boolean {
  return !NON_HTTP_KINDS.has(ctx.route.route.kind);
}
