/**
 * `runCli(argv, io)`: the whole `btp` command as a function, so tests run it in-process. Picks the
 * command, runs it, and turns every failure into one line on stderr with exit code 2: an
 * `InputError` says what is wrong with the input; anything else is described in words
 * (`describeFailure`), never as a stack trace.
 */
import { createRequire } from 'node:module';
import { envoyCommand } from './commands/envoy.js';
import { explainCommand } from './commands/explain.js';
import { resolveCommand } from './commands/resolve.js';
import { schemaCommand } from './commands/schema.js';
import { statusCommand } from './commands/status.js';
import { validateCommand } from './commands/validate.js';
import { didYouMean } from './did-you-mean.js';
import { escapeControl } from './format-table.js';
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

type Command = (args: readonly string[], io: CliIo) => number;

const COMMANDS: Record<string, Command> = {
  resolve: resolveCommand,
  explain: explainCommand,
  status: statusCommand,
  envoy: envoyCommand,
  validate: validateCommand,
  schema: schemaCommand,
};

function version(): string {
  try {
    // dist/cli/main.js and src/cli/run.ts both sit two levels below the package root.
    return (createRequire(import.meta.url)('../../package.json') as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Run `btp` with these arguments (without `node` and the script); returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.stderr(`${USAGE}\n`);
        return EXIT_UNUSABLE_INPUT;
      case 'help':
        // `btp help status` is `btp status --help`.
        if (rest[0] !== undefined) return runCli([rest[0], '--help'], io);
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
    const run = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new InputError(`unknown command ${JSON.stringify(command)}${didYouMean(command, Object.keys(COMMANDS))} (commands: ${Object.keys(COMMANDS).join(', ')}; see btp --help)`);
    return run(rest, io);
  } catch (err) {
    const message = err instanceof InputError ? err.message : describeFailure(err);
    io.stderr(`btp: ${escapeControl(message.split('\n')[0]!)}\n`);
    return EXIT_UNUSABLE_INPUT;
  }
}
