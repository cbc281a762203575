/**
 * The closing lines every resolving command prints in table mode: how many policies are fine,
 * each problem on one line, then the diagnostics (what could not be read, what the API server
 * would reject). Every problem starts with the `file:line:col` of what it is about: the field an
 * error names, or the object.
 */
import { diagnosticPosition, formatPositionedDiagnostic, policyObjects, splitPath } from './findings.js';
import { count, type Paint } from './format-table.js';
import type { PolicyVerdict, Resolved } from './policy-verdicts.js';
import { formatPosition, SourceLocator } from './source-positions.js';

/**
 * The classes of the input's Gateways that are not in the input. Resolution takes such a Gateway
 * to be ours (a class in the input that names another controller hides its Gateways); the summary
 * says so once, since the answer would differ in a cluster where the class is someone else's.
 */
function assumedGatewayClasses(objects: Resolved['objects']): string[] {
  const present = new Set<string>();
  const named = new Set<string>();
  for (const o of objects) {
    const name = (o.value.metadata as { name?: unknown } | undefined)?.name;
    if (o.kind === 'GatewayClass' && typeof name === 'string') present.add(name);
    const className = (o.value.spec as { gatewayClassName?: unknown } | undefined)?.gatewayClassName;
    if (o.kind === 'Gateway' && typeof className === 'string') named.add(className);
  }
  return [...named].filter((n) => !present.has(n)).sort();
}

/** The summary after a table: the policy tally, one line per problem, then the diagnostics. */
export function summaryLines(resolved: Resolved, verdicts: readonly PolicyVerdict[], paint: Paint, locator: SourceLocator = new SourceLocator()): string[] {
  const { objects } = resolved;
  const lines: string[] = [];
  const problems = verdicts.filter((v) => v.problem !== undefined);
  const fine = verdicts.length - problems.length;
  if (verdicts.length === 0) lines.push('no BackendTrafficPolicy in the input');
  else {
    const tally = problems.length === 0 ? `all ${paint.green('accepted')}` : `${fine} accepted, ${paint.red(`${problems.length} with problems`)}`;
    lines.push(`${count(verdicts.length, 'BackendTrafficPolicy')}: ${tally}`);
  }
  const assumed = verdicts.length > 0 ? assumedGatewayClasses(objects) : [];
  if (assumed.length > 0) {
    const names = assumed.join(', ');
    lines.push(paint.dim(`  GatewayClass ${names} ${assumed.length > 1 ? 'are' : 'is'} not in the input: ${assumed.length > 1 ? 'their' : 'its'} Gateways are taken to be this controller's (${resolved.controllerName})`));
  }
  const policies = policyObjects(objects);
  for (const v of problems) {
    // The field of the first API server error, or the policy itself.
    const firstError = v.crdErrors[0];
    const object = policies.get(`${v.namespace}/${v.name}`);
    const position = (firstError && diagnosticPosition(firstError, objects, locator)) ?? (object ? locator.objectPosition(object.at) : undefined);
    lines.push(`  ${paint.bold(`${v.namespace}/${v.name}`)} ${paint.dim(`(${position ? formatPosition(position) : v.source})`)}: ${v.problem}`);
  }
  // Accepted, as Envoy Gateway would write, yet shaping nothing: worth a line, not a failure.
  for (const v of verdicts) {
    if (v.problem !== undefined || v.unreached.length === 0) continue;
    const object = policies.get(`${v.namespace}/${v.name}`);
    const where = object ? formatPosition(locator.objectPosition(object.at)) : v.source;
    for (const message of v.unreached) lines.push(`  ${paint.bold(`${v.namespace}/${v.name}`)} ${paint.dim(`(${where})`)}: ${paint.yellow('accepted, but shapes no route')}: ${message}`);
  }
  const refused = (resolved.resolution.rejected ?? []).filter((r) => r.kind !== 'BackendTrafficPolicy');
  if (refused.length > 0) {
    lines.push('', `${count(refused.length, 'other object')} the API server would refuse (not resolved):`);
    for (const r of refused) {
      const { index } = splitPath(r.path);
      const object = index === undefined ? undefined : objects[index];
      const where = object ? formatPosition(locator.objectPosition(object.at)) : r.path;
      lines.push(`  ${paint.bold(`${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name ?? ''}`)} ${paint.dim(`(${where})`)}: ${r.message}`);
    }
  }
  const diagnostics = resolved.resolution.diagnostics;
  if (diagnostics.length > 0) {
    lines.push('', `${count(diagnostics.length, 'diagnostic')}:`);
    for (const d of diagnostics) lines.push(`  ${d.severity === 'error' ? paint.red('error') : paint.yellow('warning')}  ${formatPositionedDiagnostic(d, objects, locator)}`);
  }
  return lines;
}

/**
 * For machine output (`-o json|yaml`, `btp envoy`), which keeps stdout clean: one line for stderr
 * when a policy fails the gate, so a failing CI step says why.
 */
export function problemNote(verdicts: readonly PolicyVerdict[]): string | undefined {
  const problems = verdicts.filter((v) => v.problem !== undefined);
  if (problems.length === 0) return undefined;
  const names = problems.map((v) => `${v.namespace}/${v.name}`);
  return `btp: ${count(problems.length, 'BackendTrafficPolicy')} invalid or not accepted (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); see btp status\n`;
}
