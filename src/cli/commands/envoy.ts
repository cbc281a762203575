/**
 * `btp envoy <inputs…>`: the Envoy xDS resources `emitEnvoy` produces for the resolved input, and
 * the rate limit service's configuration `emitRateLimitConfigs` produces for its global rate
 * limits, as YAML (the default: xDS reads best as it is) or JSON. The facts Envoy Gateway learns
 * from other resources (Services, ClientTrafficPolicies, the EnvoyProxy) take `emitEnvoy`'s
 * defaults. `--only` prints one part; `--ratelimit-dir` also writes the rate limit service's YAML
 * files, ready for its runtime directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { emitEnvoy, emitRateLimitConfigs, rateLimitConfigFiles } from '../../index.js';
import { oneOf, parseCommandArgs, OUTPUT_HELP, RESOLVE_HELP } from '../args.js';
import { machineOutput } from '../format-table.js';
import { InputError, type CliIo } from '../io.js';
import { formatDiagnostic, gateExitCode, policyVerdicts, resolveObjects } from '../policy-verdicts.js';
import { readInputs } from '../read-inputs.js';
import { problemNote } from '../report.js';

/** `btp envoy --help`. */
export const ENVOY_USAGE = `Usage: btp envoy [options] <files, directories or -…>

The Envoy xDS resources (clusters, route configurations, HTTP filters) Envoy Gateway would produce
for the settings BackendTrafficPolicies control, in protojson form, and the configuration of the
rate limit service (envoyproxy/ratelimit) for their global rate limits: one RateLimitConfig per
domain, in protojson form (rateLimitConfigs).
Exits 1 when a policy is invalid or not accepted, or when the rate limit service would refuse a
configuration (it is then left out, and stderr says why).

Options:
${OUTPUT_HELP.replace('table|json|yaml   output format (default: table)', 'yaml|json         output format (default: yaml)')}
  --only xds|ratelimit           print only the xDS resources, or only the rate limit service's
                                 configuration
  --ratelimit-dir DIR            also write the rate limit service's configuration as YAML files
                                 into DIR, one per domain, for its runtime directory
                                 ($RUNTIME_ROOT/$RUNTIME_SUBDIRECTORY/config)
${RESOLVE_HELP}`;

const ENVOY_OPTIONS = { only: { type: 'string' }, 'ratelimit-dir': { type: 'string' } } as const;

/** `btp envoy`: returns the exit code (0, or 1 when a policy is invalid or not accepted or a rate limit configuration is refused). */
export function envoyCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('envoy', args, 'resolve', ENVOY_OPTIONS);
  if (parsed.help) {
    io.stdout(`${ENVOY_USAGE}\n`);
    return 0;
  }
  const only = typeof parsed.own.only === 'string' ? oneOf('only', parsed.own.only, ['xds', 'ratelimit'] as const, 'xds') : undefined;
  const dir = parsed.own['ratelimit-dir'];
  if (dir === '') throw new InputError('--ratelimit-dir must name a directory');
  const resolved = resolveObjects(readInputs(parsed.positionals, io), parsed.resolve, parsed.applyDefaults);
  const rateLimit = emitRateLimitConfigs(resolved.resolution);
  const output = {
    ...(only === 'ratelimit' ? {} : emitEnvoy(resolved.resolution)),
    ...(only === 'xds' ? {} : { rateLimitConfigs: rateLimit.configs }),
  };

  const notes: string[] = [];
  if (typeof dir === 'string') {
    const files = rateLimitConfigFiles(rateLimit.configs);
    const target = path.resolve(io.cwd, dir);
    try {
      mkdirSync(target, { recursive: true });
      for (const f of files) writeFileSync(path.join(target, f.fileName), f.content);
    } catch (err) {
      throw new InputError(`--ratelimit-dir ${dir}: ${(err as Error).message}`);
    }
    notes.push(`btp: wrote ${files.length} rate limit service file${files.length === 1 ? '' : 's'} to ${dir}${files.length > 0 ? `: ${files.map((f) => f.fileName).join(', ')}` : ''}\n`);
  }
  io.stdout(machineOutput(output, parsed.output === 'json' ? 'json' : 'yaml'));
  for (const d of rateLimit.diagnostics) notes.push(`btp: rate limit service ${d.severity}: ${formatDiagnostic(d, resolved.objects)}\n`);
  const verdicts = policyVerdicts(resolved);
  const note = problemNote(verdicts);
  if (note) notes.push(note);
  if (notes.length > 0) io.stderr(notes.join(''));
  const refused = rateLimit.diagnostics.some((d) => d.severity === 'error');
  return Math.max(gateExitCode(verdicts), refused ? 1 : 0);
}
