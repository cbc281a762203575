/**
 * Command-line options, parsed with node's `util.parseArgs`. Every command takes `-o` and `-h`;
 * the commands that resolve also take the `resolvePolicies` options. Mistakes become one-line
 * `InputError`s (exit code 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ResolveOptions, UnknownFieldsMode } from '../index.js';
import type { OutputFormat } from './format-table.js';
import { InputError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const OUTPUT: Options = {
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
};

const RESOLVE: Options = {
  profile: { type: 'string' },
  'controller-name': { type: 'string' },
  order: { type: 'string' },
  now: { type: 'string' },
  'field-name-matching': { type: 'string' },
  namespaces: { type: 'string' },
  'apply-defaults': { type: 'boolean' },
};

const UNKNOWN_FIELDS: Options = { 'unknown-fields': { type: 'string' } };

/** Option help shared by the command usages. */
export const OUTPUT_HELP = `  -o, --output table|json|yaml   output format (default: table)
  -h, --help                     show this help`;

/** Help for the options of the resolving commands (resolve, explain, status, envoy). */
export const RESOLVE_HELP = `  --profile cluster|harness      cluster (default): what a cluster holds after kubectl apply —
                                 the API server refuses invalid objects, fills in CRD defaults,
                                 keeps the last of two objects with one name; harness: Envoy
                                 Gateway's golden test harness (files straight into the
                                 translator, input order, declared namespaces only)
  --order creationTimestamp|input
                                 how ties are broken: by creationTimestamp, then namespace and
                                 name, as the controller does (cluster); or by input order, as
                                 Envoy Gateway's golden tests do (harness)
  --controller-name NAME         controllerName written into every ancestor status
                                 (default: gateway.envoyproxy.io/gatewayclass-controller)
  --now RFC3339                  give every condition this lastTransitionTime
  --field-name-matching exact|caseInsensitive
                                 exact (the API server; cluster) or Go encoding/json matching
                                 of policy field names (Envoy Gateway's file loader; harness)
  --namespaces inferred|declared every namespace an object lives in exists (cluster), or only
                                 those given as Namespace objects, as Envoy Gateway's translator
                                 (and its golden tests) have it (harness)
  --apply-defaults               with --profile harness: fill in the CRD's defaults first (the
                                 cluster profile always does, as the API server does)`;

/** A command's arguments, checked: positionals, output format, and the options for the library. */
export interface ParsedArgs {
  positionals: string[];
  output: OutputFormat;
  help: boolean;
  resolve: ResolveOptions;
  applyDefaults: boolean;
  unknownFields: UnknownFieldsMode;
  /** The values of the command's own options (`extra` of {@link parseCommandArgs}), by long name. */
  own: Record<string, string | boolean | undefined>;
}

/** `value` when it is one of `allowed`, `fallback` when absent; anything else is an InputError naming `--option`. */
export function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`--${option} must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]} (got ${JSON.stringify(value)})`);
}

/**
 * Parse a command's arguments. `kind` says which options it takes: `'resolve'` (the resolution
 * options), `'validate'` (`--unknown-fields`) or `'plain'` (only `-o` and `-h`); `own` adds options
 * of the command alone, returned as they are in `own`.
 */
export function parseCommandArgs(command: string, args: readonly string[], kind: 'resolve' | 'validate' | 'plain', own: Options = {}): ParsedArgs {
  const options: Options = { ...OUTPUT, ...(kind === 'resolve' ? RESOLVE : kind === 'validate' ? UNKNOWN_FIELDS : {}), ...own };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new InputError(`${command}: ${message.charAt(0).toLowerCase()}${message.slice(1)} (see btp ${command} --help)`);
  }
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

  const resolve: ResolveOptions = {};
  const controllerName = str('controller-name');
  if (controllerName !== undefined) {
    if (controllerName === '') throw new InputError('--controller-name must not be empty');
    resolve.controllerName = controllerName;
  }
  const profile = str('profile');
  if (profile !== undefined) resolve.profile = oneOf('profile', profile, ['cluster', 'harness'] as const, 'cluster');
  const order = str('order');
  if (order !== undefined) resolve.order = oneOf('order', order, ['creationTimestamp', 'input'] as const, 'creationTimestamp');
  const now = str('now');
  if (now !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(now) || Number.isNaN(Date.parse(now))) {
      throw new InputError(`--now must be an RFC 3339 time such as 2025-01-31T12:00:00Z (got ${JSON.stringify(now)})`);
    }
    resolve.now = now;
  }
  const matching = str('field-name-matching');
  if (matching !== undefined) resolve.fieldNameMatching = oneOf('field-name-matching', matching, ['exact', 'caseInsensitive'] as const, 'exact');
  const namespaces = str('namespaces');
  if (namespaces !== undefined) resolve.namespaces = oneOf('namespaces', namespaces, ['inferred', 'declared'] as const, 'inferred');

  return {
    positionals,
    output: oneOf('output', str('output'), ['table', 'json', 'yaml'] as const, 'table'),
    help: values.help === true,
    resolve,
    applyDefaults: values['apply-defaults'] === true,
    unknownFields: oneOf('unknown-fields', str('unknown-fields'), ['warn', 'error', 'strip'] as const, 'warn'),
    own: Object.fromEntries(Object.keys(own).map((name) => [name, values[name]])),
  };
}
