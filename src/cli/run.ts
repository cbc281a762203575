/**
 * `runCli(argv, io)`: the whole `btp` command as a function, so tests run it in-process. Loads the
 * command (each lives in its own module, imported on demand), runs it, and turns every failure
 * into one line on stderr with exit code 2: an `InputError` says what is wrong with the input;
 * anything else is described in words (`describeFailure`), never as a stack trace.
 */
import { createRequire } from 'node:module';
import { didYouMean } from './did-you-mean.js';
import { escapeControl } from './escape-control.js';
import { describeFailure, EXIT_UNUSABLE_INPUT, InputError, type CliIo } from './io.js';

/** `btp --help`. */
export const USAGE = `Usage: btp <command> [options] <files, directories or -…>

Envoy Gateway's BackendTrafficPolicy handling, on your manifests, without a cluster.

Commands:
  resolve <inputs…>             the policies and effective settings of every listener, route and rule
  explain <route> <inputs…>     for one route (kind/namespace/name[/rule/<i>]): which policy set
                                each setting, and why the others lost
  status <inputs…>              each policy's status, as the Envoy Gateway controller would write it
  envoy <inputs…>               the Envoy xDS configuration
  validate <inputs…>            CRD validation of every BackendTrafficPolicy, as the API server does it
  schema                        the JSON Schema of a BackendTrafficPolicy (for editors)

Inputs: YAML (several documents) or JSON files, directories (recursively: *.yaml, *.yml, *.json),
- for stdin; kubectl get -o yaml|json lists and Envoy Gateway resource bundles are read too.

Inputs can also be named with -f (repeatable, -R for subdirectories), and manifests piped in are
read when nothing is named. Files that are not Kubernetes manifests (values.yaml, Chart.yaml) are
skipped with a warning.

Options: -o table|json|yaml (default table; status and validate also name, junit and sarif; envoy
config-dump), --strict, --color auto|always|never, -h for a command's own options, -v for the
version.

Exit codes: 0 success; 1 a policy is invalid or not accepted, an object would be refused, or a
diagnostic is an error (with --strict, also a warning); 2 unusable input.
More: btp help <command>`;

/** A command: its arguments (after the command name) → exit code. */
export type Command = (args: readonly string[], io: CliIo) => number;

/**
 * Each command's module, imported only when that command runs: `btp --version` loads none of
 * them, and `btp validate` neither the resolver nor the emitter.
 */
const COMMANDS = {
  resolve: async () => (await import('./commands/resolve.js')).resolveCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  status: async () => (await import('./commands/status.js')).statusCommand,
  envoy: async () => (await import('./commands/envoy.js')).envoyCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  schema: async () => (await import('./commands/schema.js')).schemaCommand,
} satisfies Record<string, () => Promise<Command>>;

/** Commands by name, as far as they are loaded. */
export type LoadedCommands = Readonly<Partial<Record<string, Command>>>;

/** Import the commands of these names (unknown names are skipped); by default all of them. */
export async function loadCommands(names: readonly string[] = Object.keys(COMMANDS)): Promise<LoadedCommands> {
  const known = names.filter((name): name is keyof typeof COMMANDS => Object.hasOwn(COMMANDS, name));
  return Object.fromEntries(await Promise.all(known.map(async (name) => [name, await COMMANDS[name]()] as const)));
}

function version(): string {
  try {
    // dist/cli/main.js and src/cli/run.ts both sit two levels below the package root.
    return (createRequire(import.meta.url)('../../package.json') as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Run `btp` with these arguments (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let commands: LoadedCommands;
  try {
    // `btp help status` runs `status --help`, so it loads `status`.
    commands = await loadCommands(argv[0] === 'help' ? argv.slice(1, 2) : argv.slice(0, 1));
  } catch (err) {
    return failure(err, io);
  }
  return runLoadedCli(argv, io, commands);
}

/** `runCli` once the command `argv` names is loaded (tests load every command once, then run many). */
export function runLoadedCli(argv: readonly string[], io: CliIo, commands: LoadedCommands): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.stderr(`${USAGE}\n`);
        return EXIT_UNUSABLE_INPUT;
      case 'help':
        // `btp help status` is `btp status --help`.
        if (rest[0] !== undefined) return runLoadedCli([rest[0], '--help'], io, commands);
        io.stdout(`${USAGE}\n`);
        return 0;
      case '-h':
      case '--help':
        io.stdout(`${USAGE}\n`);
        return 0;
      case '-v':
      case '--version':
        io.stdout(`${version()}\n`);
        return 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? commands[command] : undefined;
    if (!run) throw new InputError(`unknown command ${JSON.stringify(command)}${didYouMean(command, Object.keys(COMMANDS))} (commands: ${Object.keys(COMMANDS).join(', ')}; see btp --help)`);
    return run(rest, io);
  } catch (err) {
    return failure(err, io);
  }
}

/** A failure as one line on stderr and exit code 2: an `InputError`'s message, else the failure in words. */
function failure(err: unknown, io: CliIo): number {
  const message = err instanceof InputError ? err.message : describeFailure(err);
  io.stderr(`btp: ${escapeControl(message.split('\n')[0]!)}\n`);
  return EXIT_UNUSABLE_INPUT;
}
