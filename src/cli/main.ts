/**
 * `btp`: the command-line shell over the library. The only module with I/O (files, stdin,
 * stdout/stderr, exit codes); everything it reports comes from the library's pure functions.
 *
 * Exit codes: 0 all policies valid, 1 a policy is invalid, 2 unusable input (missing file,
 * YAML/JSON syntax error, unknown command), with one clear line on stderr and never a stack trace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { backendTrafficPolicyJsonSchema, parseBackendTrafficPolicy, type UnknownFieldsMode } from '../index.js';

const USAGE = `Usage: btp <command> [options] <files or directories…>

Commands:
  validate <paths…>   validate every BackendTrafficPolicy in YAML/JSON files or directories
                      (recursively: *.yaml, *.yml, *.json; "-" reads stdin) the way the
                      Kubernetes API server would on create; \`kind: List\` and Envoy
                      Gateway resource bundles (gateways: […], …) are read too
  schema              print the JSON Schema of a BackendTrafficPolicy (for editors)

Options:
  --unknown-fields=warn|error|strip   how fields the CRD does not declare are treated (default: warn)
  -h, --help                          show this help
  -v, --version                       show the version

Exit codes: 0 all valid, 1 a policy is invalid, 2 unusable input.
More commands (resolve, explain, status, envoy) are coming.`;

/** Unusable input: reported as one line on stderr, exit code 2. */
class InputError extends Error {}

interface Doc {
  source: string;
  value: unknown;
  /** Set for items of a resource bundle, whose kind may come from the bundle key. */
  kind?: string;
}

// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (useColour ? `\u001b[${code}m${s}\u001b[0m` : s);
const green = paint('32');
const red = paint('31');
const yellow = paint('33');
const dim = paint('2');

function version(): string {
  try {
    // dist/cli/main.js and src/cli/main.ts both sit two levels below the package root.
    const pkg = createRequire(import.meta.url)('../../package.json') as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Files named on the command line, with directories expanded recursively (sorted, stable). */
function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      } else if (['.yaml', '.yml', '.json'].includes(extname(entry.name).toLowerCase())) {
        files.push(path);
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      files.push(p);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new InputError(`${p}: no such file or directory`);
    }
    if (isDir) walk(p);
    else files.push(p);
  }
  return files;
}

function readText(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${file === '-' ? '<stdin>' : file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Every document of a YAML (multi-document) or JSON file; JSON is read as the YAML subset it is. */
function readDocuments(file: string): Doc[] {
  const name = file === '-' ? '<stdin>' : file;
  const docs: Doc[] = [];
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(readText(file), { prettyErrors: true, lineCounter })) {
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new InputError(`${name}${at ? `:${at.line}:${at.col}` : ''}: ${message}`);
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (err) {
      throw new InputError(`${name}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (value === null || value === undefined) continue; // an empty document (`---` at the end)
    const start = doc.contents?.range[0];
    docs.push({ source: start === undefined ? name : `${name}:${lineCounter.linePos(start).line}`, value });
  }
  return docs;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `kind: List` (what `kubectl get -o yaml` prints) is flattened into its items, and so is a
 * resource bundle keyed as Envoy Gateway's resource files are (`gateways: […]`,
 * `backendTrafficPolicies: […]`, …: a mapping without `kind` whose values are lists).
 */
function flatten(doc: Doc, out: Doc[] = []): Doc[] {
  const v = doc.value;
  if (isObject(v) && v.kind === 'List' && Array.isArray(v.items)) {
    for (const item of v.items) flatten({ source: doc.source, value: item }, out);
  } else if (isObject(v) && v.kind === undefined && Object.values(v).some(Array.isArray)) {
    for (const [key, value] of Object.entries(v)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        const kind = isObject(item) && typeof item.kind === 'string' ? item.kind : BUNDLE_KINDS[key] ?? key;
        out.push({ source: doc.source, value: item, kind });
      }
    }
  } else {
    out.push(doc);
  }
  return out;
}

/** Bundle keys whose items may omit `kind`. */
const BUNDLE_KINDS: Record<string, string> = { backendTrafficPolicies: 'BackendTrafficPolicy' };

function kindOf(doc: Doc): string {
  if (doc.kind !== undefined) return doc.kind;
  const v = doc.value;
  if (!isObject(v)) throw new InputError(`${doc.source}: not a Kubernetes object (expected a mapping with apiVersion and kind)`);
  if (typeof v.kind !== 'string' || v.kind === '') throw new InputError(`${doc.source}: object has no kind`);
  return v.kind;
}

function plural(kind: string, n: number): string {
  if (n === 1) return kind;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(kind)) return `${kind}es`;
  return `${kind}s`;
}

function policyName(value: unknown): string {
  const meta = (value as { metadata?: { name?: unknown; namespace?: unknown } }).metadata;
  const name = typeof meta?.name === 'string' ? meta.name : '<unnamed>';
  const namespace = typeof meta?.namespace === 'string' ? meta.namespace : 'default';
  return `${namespace}/${name}`;
}

function parseFlags(args: string[]): { positional: string[]; unknownFields: UnknownFieldsMode } {
  const positional: string[] = [];
  let unknownFields: UnknownFieldsMode = 'warn';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    const m = /^--unknown-fields(?:=(.*))?$/.exec(arg);
    if (m) {
      const value = m[1] ?? args[++i];
      if (value !== 'warn' && value !== 'error' && value !== 'strip') {
        throw new InputError(`--unknown-fields must be warn, error or strip (got ${JSON.stringify(value ?? '')})`);
      }
      unknownFields = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new InputError(`unknown option ${arg} (see btp --help)`);
    } else {
      positional.push(arg);
    }
  }
  return { positional, unknownFields };
}

function validate(args: string[]): number {
  const { positional, unknownFields } = parseFlags(args);
  if (positional.length === 0) throw new InputError('validate: no files or directories given (see btp --help)');
  const docs = collectFiles(positional).flatMap((f) => readDocuments(f).flatMap((d) => flatten(d)));

  const others = new Map<string, number>();
  let valid = 0;
  let invalid = 0;
  const lines: string[] = [];
  for (const doc of docs) {
    const kind = kindOf(doc);
    if (kind !== 'BackendTrafficPolicy') {
      others.set(kind, (others.get(kind) ?? 0) + 1);
      continue;
    }
    const result = parseBackendTrafficPolicy(doc.value, { unknownFields });
    const name = policyName(doc.value);
    if (result.success) {
      valid++;
      lines.push(`${name}: ${green('valid')}`);
    } else {
      invalid++;
      lines.push(`${name}: ${red('invalid')} ${dim(`(${doc.source})`)}`);
      for (const issue of result.issues) lines.push(`  ${issue.path === '' ? '<object>' : issue.path}: ${issue.message}`);
    }
    for (const w of result.warnings) lines.push(`  ${yellow('warning')}: ${w.path === '' ? '<object>' : w.path}: ${w.message}`);
  }

  const total = valid + invalid;
  const summary = [
    total === 0
      ? 'no BackendTrafficPolicy found'
      : `${total} ${plural('BackendTrafficPolicy', total)}: ${valid} valid, ${invalid} invalid`,
  ];
  if (others.size > 0) {
    const counted = [...others].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${n} ${plural(kind, n)}`);
    summary.push(`also read ${counted.join(', ')}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(...summary);
  process.stdout.write(`${lines.join('\n')}\n`);
  return invalid > 0 ? 1 : 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      process.stderr.write(`${USAGE}\n`);
      return 2;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case '-v':
    case '--version':
      process.stdout.write(`${version()}\n`);
      return 0;
    case 'validate':
      return validate(rest);
    case 'schema':
      if (rest.length > 0) throw new InputError('schema takes no arguments');
      process.stdout.write(`${JSON.stringify(backendTrafficPolicyJsonSchema(), null, 2)}\n`);
      return 0;
    default:
      throw new InputError(`unknown command ${JSON.stringify(command)} (see btp --help)`);
  }
}

// `btp schema | head`: a closed pipe is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`btp: cannot write output: ${err.message}\n`);
  process.exit(2);
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  const message = err instanceof InputError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
  process.stderr.write(`btp: ${message}\n`);
  process.exitCode = 2;
}
