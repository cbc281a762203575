/**
 * The options of `resolvePolicies` and `createResolver`, read once into a plain copy of their own.
 * Options come from code, not manifests, yet the same rule holds: a wrong value is a finding with
 * its path, never a throw and never silently something else. Each option is read once (a getter or
 * proxy that throws is a finding); a value that is not one the option takes is reported, and the
 * option keeps its default (the profile's choice); a key that is no option is reported and ignored
 * (a misspelt `profle: 'harness'` would otherwise resolve as a cluster without a word).
 */
import { describeThrown } from '../model/limits.js';
import { unknownOptionKeys } from '../lang/option-keys.js';
import { isRfc3339 } from '../values/timestamp.js';
import { DEFAULT_CONTROLLER_NAME } from './state-records.js';
import type { Diagnostic, ResolveOptions } from './types.js';

const CHOICES = {
  profile: ['cluster', 'harness'],
  order: ['creationTimestamp', 'input'],
  fieldNameMatching: ['exact', 'caseInsensitive'],
  namespaces: ['inferred', 'declared'],
} as const;

const OPTIONS = ['profile', 'controllerName', 'order', 'now', 'fieldNameMatching', 'namespaces'] as const;

/**
 * A controller name as a policy status may carry it: the BackendTrafficPolicy CRD's status schema
 * (Gateway API's GatewayController) allows 1 to 253 characters of a domain, a slash and a path. The
 * API server refuses a status write with any other, so a controller would never see its statuses land.
 */
const CONTROLLER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** Whether `v` is a controller name a policy status may carry (see `CONTROLLER_NAME`). */
export const isControllerName = (v: unknown): v is string => typeof v === 'string' && v.length <= 253 && CONTROLLER_NAME.test(v);

/** A value as a message shows it: short, and never by calling the caller's code. */
function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 64 ? `${v.slice(0, 64)}…` : v);
  if (v === null) return 'null';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date' : 'a Date';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol') return 'a symbol';
  return `${typeof v} ${String(v)}`;
}

const or = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(' or ');

/** The options, read into a plain copy of the values that hold; what does not hold goes to `findings`. */
export function readResolveOptions(options: unknown, findings: Diagnostic[]): ResolveOptions {
  const out: ResolveOptions = {};
  if (options === undefined || options === null) return out;
  const warn = (path: string, message: string) => findings.push({ severity: 'warning', path, message });
  const given = options as Record<string, unknown>;
  let unknown: Array<{ path: string; message: string }>;
  try {
    // (Even Array.isArray throws, on a revoked proxy.)
    if (typeof options !== 'object' || Array.isArray(options)) {
      warn('options', `options is ${shown(options)}, not an object; every option keeps its default`);
      return out;
    }
    unknown = unknownOptionKeys(given, OPTIONS, 'an option');
  } catch (err) {
    warn('options', `options could not be read (${describeThrown(err)}); every option keeps its default`);
    return out;
  }
  for (const { path, message } of unknown) warn(path, message);
  for (const key of OPTIONS) {
    // Reading a value, or looking at it (`instanceof` asks a proxy for its prototype), may throw.
    try {
      readOption(key, given[key], out, findings);
    } catch (err) {
      warn(`options.${key}`, `options.${key} could not be read (${describeThrown(err)}); it keeps its default`);
    }
  }
  return out;
}

function readOption(key: (typeof OPTIONS)[number], v: unknown, out: ResolveOptions, findings: Diagnostic[]): void {
  if (v === undefined) return;
  const warn = (message: string) => findings.push({ severity: 'warning', path: `options.${key}`, message });
  if (key === 'now') {
    const now = conditionTime(v, findings);
    if (now !== undefined) out.now = now;
  } else if (key === 'controllerName') {
    if (isControllerName(v)) out.controllerName = v;
    else warn(`options.controllerName is ${shown(v)}, not a controller name (a domain, a slash and a path, such as example.com/gateway-controller, as a policy status's controllerName must be); ${DEFAULT_CONTROLLER_NAME} is used`);
  } else {
    const choices: readonly string[] = CHOICES[key];
    if (typeof v === 'string' && choices.includes(v)) out[key] = v as never;
    else warn(`options.${key} is ${shown(v)}, not ${or(choices)}; ${key === 'profile' ? 'the cluster profile is used' : "the profile's choice is used"}`);
  }
}

/**
 * The `lastTransitionTime` of every condition, from `options.now`: a valid `Date` (as
 * `toISOString()`), or an RFC 3339 string (as given). Anything else — an invalid `Date`, another
 * string, a number, another object, `null` — gets a warning and no time; only `undefined` is
 * silently none. Only strings come out, so nothing of the caller's is returned by reference.
 */
export function conditionTime(now: unknown, diagnostics: Diagnostic[]): string | undefined {
  if (now === undefined) return undefined;
  if (now instanceof Date && !Number.isNaN(now.getTime())) return now.toISOString();
  if (typeof now === 'string' && isRfc3339(now)) return now;
  const what = now instanceof Date ? 'an invalid Date' : typeof now === 'object' && now !== null ? 'an object that is not a Date' : shown(now);
  diagnostics.push({ severity: 'warning', path: 'options.now', message: `options.now is ${what}, not a valid Date or an RFC 3339 string such as 2025-01-31T12:00:00Z; conditions get no lastTransitionTime` });
  return undefined;
}
