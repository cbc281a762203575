/**
 * `btp explain <kind>/<namespace>/<name>[/rule/<index or name>] <inputs…>`: for one route (or one
 * rule of it), on every listener it attaches to, each effective setting with the policy that set
 * it, and every policy that lost — overridden, conflicted, merged, invalid, not attached — with
 * the reason.
 */
import type { RouteResult } from '../../index.js';
import { colourOf, parseCommandArgs, OUTPUT_HELP, RESOLVE_HELP } from '../args.js';
import { resolveInputs, runFindings, writeMachineOutput } from '../command-run.js';
import { findingsExitCode } from '../findings.js';
import { displayValue, machineOutput, painter, settingRows, showsDuration, table, terminalLines, type Paint } from '../format-table.js';
import { InputError, type CliIo } from '../io.js';
import { Explainer, type PolicyExplanation } from '../explain-policies.js';
import { diagnosticsAndRejected, listDocument } from '../machine-output.js';
import { ancestorName } from '../policy-verdicts.js';
import { objectName } from '../read-inputs.js';
import { summaryLines } from '../report.js';
import { listenerTitle, ruleTitle } from './resolve.js';
import { formatSetting, DURATIONS_NOTE } from '../units.js';
import { ROUTE_KINDS } from '../../model/kinds.js';
import { globalRateLimitField, globalRateLimitLines } from '../global-rate-limits.js';
import { append } from '../../lang/append.js';

/** `btp explain --help`. */
export const EXPLAIN_USAGE = `Usage: btp explain [options] <kind>/<namespace>/<name>[/rule/<index or name>] <files, directories or -…>

For one route (or one rule of it), on every listener it attaches to: each effective setting with
the policy that set it, and each policy that lost (overridden, conflicted, merged, invalid, not
attached) with the reason. <kind> is HTTPRoute, GRPCRoute, TCPRoute, TLSRoute or UDPRoute, in any
case (httproute/shop/storefront/rule/1). Exits 1 when a policy is invalid or not accepted.

Options:
${OUTPUT_HELP}
${RESOLVE_HELP}`;

interface RouteSpec {
  kind: string;
  namespace: string;
  name: string;
  rule?: string;
}

/**
 * `httproute/shop/storefront/rule/1` → its parts; kinds in any case, plural or with their group.
 * Without a namespace (`httproute/storefront[/rule/1]`) the route is in `namespace` (`-n`).
 */
function parseRouteSpec(spec: string, namespace = 'default'): RouteSpec {
  const given = spec.split('/');
  // kind/name and kind/name/rule/x name no namespace: take -n's.
  const parts = given.length === 2 || (given.length === 4 && given[2] === 'rule') ? [given[0]!, namespace, ...given.slice(1)] : given;
  const usage = `expected <kind>/<namespace>/<name>[/rule/<index or name>], e.g. httproute/shop/storefront/rule/0 (got ${JSON.stringify(spec)})`;
  if (!(parts.length === 3 || (parts.length === 5 && parts[3] === 'rule')) || parts.some((p) => p === '')) throw new InputError(`explain: ${usage}`);
  const word = parts[0]!.toLowerCase().replace(/\.gateway\.networking\.k8s\.io$/, '');
  const kind = ROUTE_KINDS.find((k) => k.toLowerCase() === word || `${k.toLowerCase()}s` === word);
  if (!kind) throw new InputError(`explain: unknown route kind ${JSON.stringify(parts[0])} (one of ${ROUTE_KINDS.join(', ')})`);
  const out: RouteSpec = { kind, namespace: parts[1]!, name: parts[2]! };
  if (parts.length === 5) out.rule = parts[4]!;
  return out;
}

const ref = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

function statusSummary(x: PolicyExplanation): string {
  return x.status
    .map((a) => `${ancestorName(a.ancestorRef)}: ${a.conditions.map((c) => (c.status === 'True' ? c.type : `${c.type}=${c.status} (${c.reason})`)).join(', ')}`)
    .join('; ');
}

const OUTCOME_COLOUR: Record<PolicyExplanation['outcome'], keyof Paint> = {
  applied: 'green',
  merged: 'cyan',
  overridden: 'yellow',
  conflicted: 'red',
  invalid: 'red',
  'not attached': 'yellow',
};

function entryLines(e: RouteResult, explanations: PolicyExplanation[], paint: Paint): string[] {
  const lines: string[] = [];
  const hosts = e.hostnames.length > 0 && !(e.hostnames.length === 1 && e.hostnames[0] === '*') ? `, hostnames ${e.hostnames.join(', ')}` : '';
  lines.push(paint.bold(ruleTitle(e)), `on ${listenerTitle(e)}${hosts}`, '');
  if (e.directResponse) lines.push(`  ${paint.red(`Envoy answers every request with HTTP ${e.directResponse.statusCode}`)}: a policy for this rule failed translation`, '');
  const rows = settingRows(e.traffic ?? {}, e.provenance, formatSetting);
  if (rows.length === 0) {
    lines.push(`  ${e.policies.length === 0 ? 'No BackendTrafficPolicy applies: Envoy Gateway\'s defaults.' : 'No settings.'}`);
  } else {
    append(lines, table([[paint.dim('SETTING'), paint.dim('VALUE'), paint.dim('FROM')], ...rows.map((r) => [r.path, r.value, r.from ?? ''])], '  '));
    if (showsDuration(rows, formatSetting)) lines.push('', paint.dim(`  ${DURATIONS_NOTE}`));
  }
  if (e.useClientProtocol !== undefined) lines.push(`  useClientProtocol: ${e.useClientProtocol}`);
  if (e.statName !== undefined) lines.push(`  statName: ${e.statName}`);
  lines.push('', paint.bold('Policies'));
  if (explanations.length === 0) lines.push('  none targets this route, its Gateway or its ListenerSet');
  const outcomeWidth = explanations.reduce((width, x) => Math.max(width, x.outcome.length), 0);
  for (const x of explanations) {
    const pad = ' '.repeat(outcomeWidth + 4);
    const outcome = paint[OUTCOME_COLOUR[x.outcome]](x.outcome) + ' '.repeat(outcomeWidth - x.outcome.length);
    lines.push(`  ${outcome}  ${paint.bold(`${x.namespace}/${x.name}`)}  ${paint.dim(x.source)}`);
    if (x.target) lines.push(`${pad}targets ${x.target}`);
    lines.push(`${pad}${x.reason}`);
    if (x.outcome === 'merged' || (x.outcome === 'applied' && x.supplied.length > 0 && x.supplied.length < Object.keys(e.provenance).length)) {
      lines.push(`${pad}supplies ${x.supplied.length} of the settings above`);
    }
    if (x.lost.length > 0) {
      lines.push(`${pad}${x.outcome === 'merged' || x.outcome === 'applied' ? 'its settings replaced here' : 'its settings that do not apply here'}:`);
      append(lines, table(x.lost.map((l) => [l.path, displayValue(l.path, l.value, formatSetting)]), `${pad}  `));
    }
    const status = statusSummary(x);
    if (status) lines.push(`${pad}${paint.dim(`status on ${status}`)}`);
  }
  return lines;
}

/** `btp explain`: returns the exit code (0, or 1 when a policy is invalid or not accepted). */
export function explainCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('explain', args, 'resolve');
  if (parsed.help) {
    io.stdout(`${EXPLAIN_USAGE}\n`);
    return 0;
  }
  const [routeArg, ...paths] = parsed.positionals;
  if (routeArg === undefined) throw new InputError('explain: name a route, e.g. btp explain httproute/shop/storefront examples/ (see btp explain --help)');
  const spec = parseRouteSpec(routeArg, parsed.inputs.namespace);
  const run = resolveInputs(parsed, paths, io);
  const { resolved, verdicts } = run;
  const { resolution, objects } = resolved;

  const routeName = `${spec.kind} ${spec.namespace}/${spec.name}`;
  const ofRoute = resolution.routes.filter((r) => r.route.kind === spec.kind && r.route.namespace === spec.namespace && r.route.name === spec.name);
  if (ofRoute.length === 0) {
    const exists = objects.some((o) => o.kind === spec.kind && objectName(o.value).namespace === spec.namespace && objectName(o.value).name === spec.name);
    if (exists) throw new InputError(`explain: ${routeName} does not attach to any Gateway listener in the input`);
    const routes = [...new Set(resolution.routes.map((r) => `${r.route.kind.toLowerCase()}/${ref(r.route)}`))];
    const hint = routes.length > 0 ? ` (routes: ${routes.slice(0, 6).join(', ')}${routes.length > 6 ? ', …' : ''})` : '';
    throw new InputError(`explain: no ${routeName} in the input${hint}`);
  }
  const entries = spec.rule === undefined ? ofRoute : ofRoute.filter((r) => String(r.ruleIndex) === spec.rule || r.ruleName === spec.rule);
  if (entries.length === 0) {
    const rules = [...new Map(ofRoute.map((r) => [r.ruleIndex, `${r.ruleIndex}${r.ruleName ? ` (${r.ruleName})` : ''}`])).values()];
    throw new InputError(`explain: ${routeName} has no rule ${spec.rule} (rules: ${rules.join(', ')})`);
  }

  const explainer = new Explainer(objects, resolution);
  const explained = entries.map((entry) => ({ entry, explanation: explainer.explain(entry), ...globalRateLimitField(resolution, entry) }));
  const findings = runFindings(run);
  if (parsed.output === 'json' || parsed.output === 'yaml') {
    const document = listDocument(explained, diagnosticsAndRejected(resolved, run.inputs.warnings, run.locator));
    return writeMachineOutput(io, parsed, machineOutput(document, parsed.output), run, findings);
  }
  const paint = painter(colourOf(parsed, io));
  const lines: string[] = [];
  for (const { entry, explanation } of explained) {
    append(lines, entryLines(entry, explanation, paint));
    append(lines, globalRateLimitLines(resolution, entry, paint));
    lines.push('');
  }
  append(lines, summaryLines(resolved, verdicts, paint, run.locator));
  io.stdout(terminalLines(lines, paint));
  return findingsExitCode(findings, parsed.strict);
}
