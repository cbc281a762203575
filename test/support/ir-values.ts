/**
 * Helpers for the cluster-feature IR mapping rules (load balancer, health check, timeout, …):
 * Envoy Gateway's IR writes durations as Go duration strings (`2m40s`); ours are milliseconds.
 */
import { parseGoDuration } from '../../src/values/duration.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Go duration string → milliseconds; anything else (or an unparsable string) is returned as is. */
export function goDurationToMs(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const r = parseGoDuration(v);
  return r.success ? r.data / 1e6 : v;
}

/** Shallow copy of `obj` with the listed keys converted from Go durations to milliseconds. */
export function durationsToMs(obj: unknown, keys: readonly string[]): unknown {
  if (!isObj(obj)) return obj;
  const out: Obj = { ...obj };
  for (const k of keys) if (k in out) out[k] = goDurationToMs(out[k]);
  return out;
}

/** Apply `fn` to `obj[key]` when present (shallow copy). */
export function mapKey(obj: unknown, key: string, fn: (v: unknown) => unknown): unknown {
  if (!isObj(obj) || !(key in obj)) return obj;
  return { ...obj, [key]: fn(obj[key]) };
}

/** Shallow copy without `null`-valued keys. */
export function dropNulls(obj: unknown): unknown {
  if (!isObj(obj)) return obj;
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null));
}
