/**
 * Command-line options, parsed with node's `util.parseArgs`. Every command takes `-o`, `-h` and
 * `--color`; the commands that read manifests also take the input options (`-f`, `-R`, `-n`,
 * `--ignore-filename-pattern`, the size limits) and `--strict`; the commands that resolve also take
 * the `resolvePolicies` options. Mistakes become one-line `InputError`s (exit code 2), with a
 * "did you mean" when the mistake looks like a typo.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseQuantity, type ResolveOptions, type UnknownFieldsMode } from '../index.js';
import { isControllerName } from '../resolve/resolve-options.js';
import { didYouMean } from './did-you-mean.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_INPUT_BYTES, formatBytes, type InputOptions } from './input-files.js';
import { InputError, type CliIo } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every output format; each command takes some of them (`formats` of {@link parseCommandArgs}). */
export type OutputFormat = 'table' | 'json' | 'yaml' | 'name' | 'junit' | 'sarif' | 'config-dump';

const COMMON: Options = {
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  color: { type: 'string' },
};

const INPUTS: Options = {
  filename: { type: 'string', short: 'f', multiple: true },
  recursive: { type: 'boolean', short: 'R' },
  'ignore-filename-pattern': { type: 'string', multiple: true },
  namespace: { type: 'string', short: 'n' },
  'max-file-size': { type: 'string' },
  'max-input-size': { type: 'string' },
  strict: { type: 'boolean' },
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

/** Option help shared by the command usages: `-o` with the command's formats. */
export function outputHelp(formats: readonly OutputFormat[]): string {
  const list = formats.join('|');
  return `  -o, --output ${list}${' '.repeat(Math.max(1, 18 - list.length))}output format (default: ${formats[0]})
  -h, --help                     show this help
  --color auto|always|never      colour tables: auto (default) on a terminal, unless NO_COLOR is
                                 set; FORCE_COLOR=1 or 0 overrides auto`;
}

/** The usual formats: a table, or the data as JSON or YAML. */
export const TABLE_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml'];
/** The formats of the commands that judge policies (`status`, `validate`): also names and CI reports. */
export const REPORT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml', 'name', 'junit', 'sarif'];

/** Option help shared by the command usages. */
export const OUTPUT_HELP = outputHelp(TABLE_FORMATS);

/** Help for the input options of every command that reads manifests. */
export const INPUT_HELP = `  -f, --filename PATH            a file, a directory (its files; with -R its subdirectories too)
                                 or - for stdin; repeatable. Paths after the command are read
                                 too, directories recursively. Without either, piped stdin is read
  -R, --recursive                read -f directories recursively
  --ignore-filename-pattern RE   skip files whose path matches this regular expression; repeatable
  -n, --namespace NS             the namespace of objects that name none (default: default)
  --max-file-size SIZE           read at most this much of one file (default: ${formatBytes(DEFAULT_MAX_FILE_BYTES).replace(' ', '')});
                                 bytes or a quantity such as 64Mi
  --max-input-size SIZE          read at most this much in all (default: ${formatBytes(DEFAULT_MAX_INPUT_BYTES).replace(' ', '')})
  --strict                       exit 1 on warnings too (unknown fields, skipped files, warning
                                 diagnostics)`;

/** Help for the options of the resolving commands (resolve, explain, status, envoy): the inputs, then resolution. */
export const RESOLVE_HELP = `${INPUT_HELP}
  --profile cluster|harness      cluster (default): what a cluster holds after kubectl apply —
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
  /** `--color`. */
  colour: 'auto' | 'always' | 'never';
  /** Where inputs come from and the limits on reading them. */
  inputs: InputOptions;
  /** `--strict`: warnings fail the command too. */
  strict: boolean;
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
  const list = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  throw new InputError(`--${option} must be ${list} (got ${JSON.stringify(value)})${didYouMean(value, allowed)}`);
}

/** A size option: whole bytes or a Kubernetes quantity (`64Mi`, `1G`). */
function byteSize(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = parseQuantity(value);
  if (!parsed.success || !Number.isSafeInteger(parsed.data) || parsed.data <= 0) {
    throw new InputError(`--${option} must be a positive number of bytes, such as 67108864 or 64Mi (got ${JSON.stringify(value)})`);
  }
  return parsed.data;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The option parseArgs complained about, from its message (`Unknown option '--bogus'`). */
const UNKNOWN_OPTION = /^Unknown option '([^']+)'/;

/**
 * Parse a command's arguments. `kind` says which options it takes: `'resolve'` (inputs and the
 * resolution options), `'validate'` (inputs and `--unknown-fields`) or `'plain'` (only `-o`, `-h`
 * and `--color`); `own` adds options of the command alone, returned as they are in `own`.
 * `formats` are the `-o` values it takes, the first being the default.
 */
export function parseCommandArgs(
  command: string,
  args: readonly string[],
  kind: 'resolve' | 'validate' | 'plain',
  own: Options = {},
  formats: readonly OutputFormat[] = TABLE_FORMATS,
): ParsedArgs {
  const options: Options = { ...COMMON, ...(kind === 'plain' ? {} : INPUTS), ...(kind === 'resolve' ? RESOLVE : kind === 'validate' ? UNKNOWN_FIELDS : {}), ...own };
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as {
      values: Record<string, string | boolean | string[] | undefined>;
      positionals: string[];
    });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    const unknown = UNKNOWN_OPTION.exec(message)?.[1];
    const names = Object.entries(options).flatMap(([long, o]) => [`--${long}`, ...(o.short ? [`-${o.short}`] : [])]);
    const hint = unknown === undefined ? '' : didYouMean(unknown.split('=')[0]!, names);
    throw new InputError(`${command}: ${message.charAt(0).toLowerCase()}${message.slice(1)}${hint} (see btp ${command} --help)`);
  }
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const list = (name: string): string[] => (Array.isArray(values[name]) ? (values[name] as string[]) : []);

  const resolve: ResolveOptions = {};
  const controllerName = str('controller-name');
  if (controllerName !== undefined) {
    if (!isControllerName(controllerName)) throw new InputError(`--controller-name ${JSON.stringify(controllerName)} is not a controller name: a domain, a slash and a path (such as example.com/gateway-controller), as a policy status's controllerName must be`);
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

  const ignore = list('ignore-filename-pattern').map((pattern) => {
    try {
      return new RegExp(pattern);
    } catch (err) {
      throw new InputError(`--ignore-filename-pattern ${JSON.stringify(pattern)}: ${(err as Error).message}`);
    }
  });
  const namespace = str('namespace');
  if (namespace !== undefined && (namespace.length > 63 || !DNS1123_LABEL.test(namespace))) {
    throw new InputError(`--namespace must be a namespace name: lower-case letters, digits and '-', at most 63 (got ${JSON.stringify(namespace)})`);
  }
  const maxFileBytes = byteSize('max-file-size', str('max-file-size'), DEFAULT_MAX_FILE_BYTES);
  const inputs: InputOptions = {
    filenames: list('filename'),
    recursive: values.recursive === true,
    ignore,
    maxFileBytes,
    // Raising the per-file limit alone raises the total with it, so that one large file still reads.
    maxInputBytes: byteSize('max-input-size', str('max-input-size'), Math.max(DEFAULT_MAX_INPUT_BYTES, maxFileBytes)),
    ...(namespace !== undefined ? { namespace } : {}),
  };

  return {
    positionals,
    output: oneOf('output', str('output'), formats, formats[0]!),
    help: values.help === true,
    colour: oneOf('color', str('color'), ['auto', 'always', 'never'] as const, 'auto'),
    inputs,
    strict: values.strict === true,
    resolve,
    applyDefaults: values['apply-defaults'] === true,
    unknownFields: oneOf('unknown-fields', str('unknown-fields'), ['warn', 'error', 'strip'] as const, 'warn'),
    own: Object.fromEntries(Object.keys(own).map((name) => [name, values[name] as string | boolean | undefined])),
  };
}

/** Whether to colour: `--color always|never`, or what the terminal and environment say (`io.colour`). */
export function colourOf(parsed: Pick<ParsedArgs, 'colour'>, io: Pick<CliIo, 'colour'>): boolean {
  return parsed.colour === 'always' || (parsed.colour === 'auto' && io.colour);
}
