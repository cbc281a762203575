/**
 * Target slots and who holds them. A slot is one thing a policy can target: a Gateway, a Gateway
 * listener, a ListenerSet, a ListenerSet listener, a route, or a route rule. The first policy to
 * reach a slot (passes run most specific first, policies in order) holds it; any later policy
 * targeting the same slot is `Conflicted`. A Gateway and one of its listeners are different slots,
 * as are a route and one of its rules: those do not conflict, the more specific one overrides.
 */
export type Slot = string;

export const gatewaySlot = (kind: 'Gateway' | 'ListenerSet', key: string, section: string | undefined): Slot => `${kind}|${key}|${section ?? ''}`;
export const routeSlot = (routeKey: string, rule: string | undefined): Slot => (rule === undefined ? `Route|${routeKey}` : `RouteRule|${routeKey}|${rule}`);

export class Claims<Holder> {
  private readonly held = new Map<Slot, Holder>();

  /** Takes the slot for `holder`; when another holder has it already, returns that one instead. */
  claim(slot: Slot, holder: Holder): { ok: true } | { ok: false; heldBy: Holder } {
    const heldBy = this.held.get(slot);
    if (heldBy !== undefined) return { ok: false, heldBy };
    this.held.set(slot, holder);
    return { ok: true };
  }
}
