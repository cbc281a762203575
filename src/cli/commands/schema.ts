/**
 * `btp schema`: the JSON Schema (draft 2020-12) of a BackendTrafficPolicy, for editors and
 * other validators. JSON by default; `-o yaml` for YAML.
 */
import { backendTrafficPolicyJsonSchema } from '../../model/index.js';
import { outputHelp, parseCommandArgs } from '../args.js';
import { machineOutput } from '../format-table.js';
import { InputError, type CliIo } from '../io.js';

/** `btp schema --help`. */
export const SCHEMA_USAGE = `Usage: btp schema [-o json|yaml] > backendtrafficpolicy.schema.json

Print the JSON Schema (draft 2020-12) of a BackendTrafficPolicy. Point your editor at it, e.g.
with yaml-language-server: # yaml-language-server: $schema=./backendtrafficpolicy.schema.json

Options:
${outputHelp(['json', 'yaml'])}`;

/** `btp schema`: always exits 0. */
export function schemaCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('schema', args, 'plain', {}, ['json', 'yaml']);
  if (parsed.help) {
    io.stdout(`${SCHEMA_USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length > 0) throw new InputError('schema takes no files (see btp schema --help)');
  io.stdout(machineOutput(backendTrafficPolicyJsonSchema(), parsed.output === 'yaml' ? 'yaml' : 'json'));
  return 0;
}
