/** Which route kinds produce HTTP clusters (HTTPRoute, GRPCRoute) rather than TCP/UDP ones. */
import type { EmitContext } from './emit-context.js';
import { routeProtocol } from '../model/kinds.js';

/** HTTP protocol options, upstream HTTP filters and health-check hosts only exist on HTTP clusters. */
export function isHttpCluster(ctx: EmitContext): boolean {
  return routeProtocol(ctx.route.route.kind) === 'http';
}
