/**
 * Gateway API ReferenceGrant: whether an object may refer to one in another namespace. The grants
 * live in the target's namespace; one grants the reference when a `from` entry names the
 * referrer's group, kind and namespace and a `to` entry names the target's group and kind (and
 * its name, when it gives one).
 */
import type { ReferenceGrant } from '../model/gateway-api.js';

export interface GrantFrom {
  group: string;
  kind: string;
  namespace: string;
}

export interface GrantTo {
  group: string;
  kind: string;
  name: string;
}

/** Whether any of `grants` (those of the target's namespace) allows the reference. */
export function referenceGranted(grants: readonly ReferenceGrant[] | undefined, from: GrantFrom, to: GrantTo): boolean {
  for (const grant of grants ?? []) {
    if (!grant.spec.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace)) continue;
    if (grant.spec.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === '' || t.name === to.name))) return true;
  }
  return false;
}

/**
 * The names of objects of `group` and `kind` that any of `grants` (those of their namespace) allows
 * `from` to refer to, or `all` when one allows every name. A selector that picks many objects of a
 * namespace asks once: asking `referenceGranted` per object read every grant for each, and 1,000
 * policies over 1,000 routes granted one by one read a billion grants.
 */
export function grantedNames(grants: readonly ReferenceGrant[] | undefined, from: GrantFrom, group: string, kind: string): { all: boolean; names: ReadonlySet<string> } {
  const names = new Set<string>();
  for (const grant of grants ?? []) {
    if (!grant.spec.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace)) continue;
    for (const t of grant.spec.to) {
      if (t.group !== group || t.kind !== kind) continue;
      if (t.name === undefined || t.name === '') return { all: true, names };
      names.add(t.name);
    }
  }
  return { all: false, names };
}
