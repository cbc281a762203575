/**
 * `btp envoy <inputs…>`: the Envoy xDS resources `emitEnvoy` produces for the resolved input, and
 * the rate limit service's configuration `emitRateLimitConfigs` produces for its global rate
 * limits, as YAML (the default: xDS reads best as it is) or JSON. The facts Envoy Gateway learns
 * from other resources (Services, ClientTrafficPolicies, the EnvoyProxy) take `emitEnvoy`'s
 * defaults. `--only` prints one part; `--ratelimit-dir` also writes the rate limit service's YAML
 * files, ready for its runtime directory. `-o config-dump` prints the xDS resources in the shape of
 * Envoy's admin `/config_dump`, to compare with a running proxy.
 */

const ENVOY_FORMATS: readonly OutputFormat[] = ['yaml', 'json', 'config-dump'];
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { emitEnvoy, emitRateLimitConfigs, rateLimitConfigFiles, type Diagnostic, type EnvoyConfig } from '../../index.js';
import { oneOf, outputHelp, parseCommandArgs, RESOLVE_HELP, type OutputFormat } from '../args.js';
import { resolveInputs, runFindings, writeMachineOutput } from '../command-run.js';
import { configDump } from '../config-dump.js';
import { formatPositionedDiagnostic } from '../findings.js';
import { escapeControl, machineOutput } from '../format-table.js';
import { InputError, type CliIo } from '../io.js';
import { diagnosticsAndRejected } from '../machine-output.js';

/** `btp envoy --help`. */
export const ENVOY_USAGE = `Usage: btp envoy [options] <files, directories or -…>

The Envoy xDS resources (clusters, route configurations, HTTP filters) Envoy Gateway would produce
for the settings BackendTrafficPolicies control, in protojson form, and the configuration of the
rate limit service (envoyproxy/ratelimit) for their global rate limits: one RateLimitConfig per
domain, in protojson form (rateLimitConfigs), then the diagnostics and refused objects.
-o config-dump prints the clusters and route configurations as Envoy's admin /config_dump
(ClustersConfigDump and RoutesConfigDump sections), to diff with a running proxy's.
Exits 1 when a policy is invalid or not accepted, an object would be refused, a diagnostic is an
error, or the rate limit service would refuse a configuration (it is then left out, and stderr
says why).

Options:
${outputHelp(ENVOY_FORMATS)}
  --only xds|ratelimit           print only the xDS resources, or only the rate limit service's
                                 configuration
  --ratelimit-dir DIR            also write the rate limit service's configuration as YAML files
                                 into DIR, one per domain, for its runtime directory
                                 ($RUNTIME_ROOT/$RUNTIME_SUBDIRECTORY/config)
${RESOLVE_HELP}`;

const ENVOY_OPTIONS = { only: { type: 'string' }, 'ratelimit-dir': { type: 'string' } } as const;

/** `btp envoy`: returns the exit code (0, or 1 when something is invalid, refused or not accepted, or a rate limit configuration is refused). */
export function envoyCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('envoy', args, 'resolve', ENVOY_OPTIONS, ENVOY_FORMATS);
  if (parsed.help) {
    io.stdout(`${ENVOY_USAGE}\n`);
    return 0;
  }
  const only = typeof parsed.own.only === 'string' ? oneOf('only', parsed.own.only, ['xds', 'ratelimit'] as const, 'xds') : undefined;
  if (parsed.output === 'config-dump' && only === 'ratelimit') throw new InputError('-o config-dump holds Envoy resources only: it cannot go with --only ratelimit');
  const dir = parsed.own['ratelimit-dir'];
  if (dir === '') throw new InputError('--ratelimit-dir must name a directory');
  const run = resolveInputs(parsed, parsed.positionals, io);
  const { resolved } = run;
  const rateLimit = emitRateLimitConfigs(resolved.resolution);
  // The emitter's own diagnostics, once it reports some, join the resolution's.
  const { diagnostics: emitted = [], ...xds } = emitEnvoy(resolved.resolution) as EnvoyConfig & { diagnostics?: Diagnostic[] };
  const extra = [...rateLimit.diagnostics, ...emitted];

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
    notes.push(`btp: wrote ${files.length} rate limit service file${files.length === 1 ? '' : 's'} to ${dir}${files.length > 0 ? `: ${files.map((f) => f.fileName).join(', ')}` : ''}`);
  }
  for (const d of rateLimit.diagnostics) notes.push(`btp: rate limit service ${d.severity}: ${formatPositionedDiagnostic(d, resolved.objects, run.locator)}`);
  if (notes.length > 0) io.stderr(notes.map((n) => `${escapeControl(n)}\n`).join(''));

  let text: string;
  if (parsed.output === 'config-dump') text = machineOutput(configDump(xds), 'json');
  else {
    const document = {
      ...(only === 'ratelimit' ? {} : xds),
      ...(only === 'xds' ? {} : { rateLimitConfigs: rateLimit.configs }),
      ...diagnosticsAndRejected(resolved, run.inputs.warnings, run.locator, extra),
    };
    text = machineOutput(document, parsed.output === 'json' ? 'json' : 'yaml');
  }
  return writeMachineOutput(io, parsed, text, run, runFindings(run, extra));
}
