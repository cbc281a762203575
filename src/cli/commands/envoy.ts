/**
 * `btp envoy <inputs…>`: the Envoy xDS resources `emitEnvoy` produces for the resolved input, as
 * YAML (the default: xDS reads best as it is) or JSON. The facts Envoy Gateway learns from other
 * resources (Services, ClientTrafficPolicies, the EnvoyProxy) take `emitEnvoy`'s defaults.
 */
import { emitEnvoy } from '../../index.js';
import { parseCommandArgs, OUTPUT_HELP, RESOLVE_HELP } from '../args.js';
import { machineOutput } from '../format-table.js';
import type { CliIo } from '../io.js';
import { gateExitCode, policyVerdicts, resolveObjects } from '../policy-verdicts.js';
import { readInputs } from '../read-inputs.js';
import { problemNote } from '../report.js';

/** `btp envoy --help`. */
export const ENVOY_USAGE = `Usage: btp envoy [options] <files, directories or -…>

The Envoy xDS resources (clusters, route configurations, HTTP filters) Envoy Gateway would produce
for the settings BackendTrafficPolicies control, in protojson form.
Exits 1 when a policy is invalid or not accepted.

Options:
${OUTPUT_HELP.replace('table|json|yaml   output format (default: table)', 'yaml|json         output format (default: yaml)')}
${RESOLVE_HELP}`;

/** `btp envoy`: returns the exit code (0, or 1 when a policy is invalid or not accepted). */
export function envoyCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('envoy', args, 'resolve');
  if (parsed.help) {
    io.stdout(`${ENVOY_USAGE}\n`);
    return 0;
  }
  const resolved = resolveObjects(readInputs(parsed.positionals, io), parsed.resolve, parsed.applyDefaults);
  io.stdout(machineOutput(emitEnvoy(resolved.resolution), parsed.output === 'json' ? 'json' : 'yaml'));
  const verdicts = policyVerdicts(resolved);
  const note = problemNote(verdicts);
  if (note) io.stderr(note);
  return gateExitCode(verdicts);
}
