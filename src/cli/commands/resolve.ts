/**
 * `btp resolve <inputs…>`: for every gateway listener, route and rule, the policies that apply and
 * the effective settings. `-o json|yaml` prints the library's `Resolution` as is.
 */
import type { RouteResult } from '../../index.js';
import { colourOf, parseCommandArgs, OUTPUT_HELP, RESOLVE_HELP } from '../args.js';
import { resolveInputs, runFindings, writeMachineOutput } from '../command-run.js';
import { findingsExitCode } from '../findings.js';
import { machineOutput, painter, settingRows, showsDuration, table, terminalLines, type Paint } from '../format-table.js';
import type { CliIo } from '../io.js';
import { diagnosticsAndRejected } from '../machine-output.js';
import { summaryLines } from '../report.js';
import { formatSetting, DURATIONS_NOTE } from '../units.js';
import { append } from '../../lang/append.js';

/** `btp resolve --help`. */
export const RESOLVE_USAGE = `Usage: btp resolve [options] <files, directories or -…>

For every gateway listener, route and rule: the BackendTrafficPolicies that apply and the
effective settings. -o json|yaml prints the library's Resolution (Envoy Gateway's IR units:
durations in milliseconds, sizes in bytes), each diagnostic and refused object with its source.
Exits 1 when a policy is invalid or not accepted, an object would be refused, or a diagnostic is
an error.

Options:
${OUTPUT_HELP}
${RESOLVE_HELP}`;

const ref = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

/** `Gateway infra/eg, listener http` (or the ListenerSet's listener). */
export function listenerTitle(r: RouteResult): string {
  const set = r.listenerSet ? `, ListenerSet ${ref(r.listenerSet)}` : '';
  return `Gateway ${ref(r.gateway)}${set}, listener ${r.listener}`;
}

/** `HTTPRoute shop/storefront rule 1 (checkout)`; TCP, TLS and UDP routes have no rules. */
export function ruleTitle(r: RouteResult): string {
  const http = r.route.kind === 'HTTPRoute' || r.route.kind === 'GRPCRoute';
  const rule = http ? ` rule ${r.ruleIndex}${r.ruleName ? ` (${r.ruleName})` : ''}` : '';
  return `${r.route.kind} ${ref(r.route)}${rule}`;
}

/**
 * The lines of one (listener × route × rule) entry: policies, special outcomes, settings.
 * `shown.duration` is set when a setting is printed as a duration (for the legend).
 */
function ruleLines(r: RouteResult, paint: Paint, indent: string, shown: { duration: boolean } = { duration: false }): string[] {
  const lines: string[] = [];
  const policies = r.policies.map(ref);
  lines.push(`${indent}policies: ${policies.length > 0 ? paint.cyan(policies.join(', ')) : paint.dim('none (Envoy Gateway defaults)')}`);
  if (r.directResponse) {
    lines.push(`${indent}${paint.red(`every request is answered with HTTP ${r.directResponse.statusCode}`)}: a policy for this rule failed translation (btp explain says which)`);
  }
  if (r.useClientProtocol !== undefined) lines.push(`${indent}useClientProtocol: ${r.useClientProtocol}`);
  if (r.statName !== undefined) lines.push(`${indent}statName: ${r.statName}`);
  const rows = settingRows(r.traffic ?? {}, r.provenance, formatSetting);
  if (showsDuration(rows, formatSetting)) shown.duration = true;
  // The policy column only when it tells more than the `policies:` line does.
  const sources = new Set(rows.map((row) => row.from));
  const showFrom = sources.size > 1 || [...sources].some((s) => s !== undefined && !policies.includes(s));
  append(lines, table(rows.map((row) => (showFrom ? [row.path, row.value, paint.dim(row.from ?? '')] : [row.path, row.value])), indent));
  return lines;
}

/** `btp resolve`: returns the exit code (0, or 1 when something is invalid, refused or not accepted). */
export function resolveCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('resolve', args, 'resolve');
  if (parsed.help) {
    io.stdout(`${RESOLVE_USAGE}\n`);
    return 0;
  }
  const run = resolveInputs(parsed, parsed.positionals, io);
  const { resolved, verdicts } = run;
  const findings = runFindings(run);
  if (parsed.output === 'json' || parsed.output === 'yaml') {
    const document = { ...resolved.resolution, ...diagnosticsAndRejected(resolved, run.inputs.warnings, run.locator) };
    return writeMachineOutput(io, parsed, machineOutput(document, parsed.output), run, findings);
  }

  const paint = painter(colourOf(parsed, io));
  const lines: string[] = [];
  const groups = new Map<string, RouteResult[]>();
  for (const r of resolved.resolution.routes) {
    const title = listenerTitle(r);
    const group = groups.get(title);
    if (group) group.push(r);
    else groups.set(title, [r]);
  }
  if (groups.size === 0) lines.push('no route attaches to a Gateway in the input');
  const shown = { duration: false };
  for (const [title, routes] of groups) {
    lines.push(paint.bold(title));
    for (const r of routes) {
      const hosts = r.hostnames.length > 0 && !(r.hostnames.length === 1 && r.hostnames[0] === '*') ? paint.dim(`  ${r.hostnames.join(', ')}`) : '';
      lines.push(`  ${ruleTitle(r)}${hosts}`, ...ruleLines(r, paint, '    ', shown));
    }
    lines.push('');
  }
  if (shown.duration) lines.push(paint.dim(DURATIONS_NOTE), '');
  append(lines, summaryLines(resolved, verdicts, paint, run.locator));
  io.stdout(terminalLines(lines, paint));
  return findingsExitCode(findings, parsed.strict);
}
