/**
 * What each profile means, option by option: the cluster's reading of the manifests (the API
 * server first) or Envoy Gateway's golden test harness (files straight into the translator). The
 * options a caller sets win over the profile's.
 */
import type { Profile, ResolveOptions } from '../resolve/types.js';

/** Every admission and resolution choice, decided. */
export interface EffectiveOptions {
  profile: Profile;
  order: 'creationTimestamp' | 'input';
  fieldNameMatching: 'exact' | 'caseInsensitive';
  namespaces: 'inferred' | 'declared';
  /** Objects pass the API server first: envelope checks, CRD pruning, defaults and validation, `status` ignored. */
  apiServer: boolean;
  /** Which of two objects with one kind, namespace and name the cluster holds. */
  duplicates: 'last' | 'first';
}

const PROFILES: Readonly<Record<Profile, Omit<EffectiveOptions, 'profile'>>> = {
  cluster: { order: 'creationTimestamp', fieldNameMatching: 'exact', namespaces: 'inferred', apiServer: true, duplicates: 'last' },
  harness: { order: 'input', fieldNameMatching: 'caseInsensitive', namespaces: 'declared', apiServer: false, duplicates: 'first' },
};

/** The profile's choices with the caller's overrides (unknown values fall back to the profile). */
export function effectiveOptions(options: ResolveOptions): EffectiveOptions {
  const profile: Profile = options.profile === 'harness' ? 'harness' : 'cluster';
  const base = PROFILES[profile];
  const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
  return {
    ...base,
    profile,
    order: pick(options.order, ['creationTimestamp', 'input'], base.order),
    fieldNameMatching: pick(options.fieldNameMatching, ['exact', 'caseInsensitive'], base.fieldNameMatching),
    namespaces: pick(options.namespaces, ['inferred', 'declared'], base.namespaces),
  };
}
