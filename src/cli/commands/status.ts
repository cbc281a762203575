/**
 * `btp status <inputs…>`: each policy's `status` as the Envoy Gateway controller would write it,
 * and the objects the API server would refuse (which are not in the cluster, so have none).
 * `-o json|yaml` prints a `kind: List` of BackendTrafficPolicies carrying only `metadata` and
 * `status` — what `kubectl get backendtrafficpolicies -o yaml` would show of them — with the
 * diagnostics and refused objects beside the items; `-o name` their names; `-o junit` and
 * `-o sarif` reports for CI.
 */
import { colourOf, parseCommandArgs, outputHelp, REPORT_FORMATS, RESOLVE_HELP } from '../args.js';
import { resolveInputs, runFindings, writeMachineOutput } from '../command-run.js';
import { checksOf, findingsExitCode, policyObjects, splitPath, subjectOf, type Check } from '../findings.js';
import { machineOutput, painter, table, terminalLines } from '../format-table.js';
import type { CliIo } from '../io.js';
import { formatIssue } from '../../index.js';
import { junitReport } from '../junit.js';
import { diagnosticsAndRejected, listDocument, nameLines, resourceName } from '../machine-output.js';
import { ancestorName } from '../policy-verdicts.js';
import { summaryLines } from '../report.js';
import { sarifReport } from '../sarif.js';
import { formatPosition } from '../source-positions.js';
import { append } from '../../lang/append.js';

/** `btp status --help`. */
export const STATUS_USAGE = `Usage: btp status [options] <files, directories or -…>

Each BackendTrafficPolicy's status (status.ancestors) as the Envoy Gateway controller would write
it, and the objects the API server would refuse, with its errors. Exits 1 when a policy is invalid
or not accepted, an object would be refused, or a diagnostic is an error.

-o name prints each policy as kubectl does; -o junit a JUnit XML report (a test case per policy
and per refused object); -o sarif a SARIF 2.1.0 log (a result per problem, at its file:line:col).

Options:
${outputHelp(REPORT_FORMATS)}
${RESOLVE_HELP}`;

/** `btp status`: returns the exit code (0, or 1 when something is invalid, refused or not accepted). */
export function statusCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('status', args, 'resolve', {}, REPORT_FORMATS);
  if (parsed.help) {
    io.stdout(`${STATUS_USAGE}\n`);
    return 0;
  }
  const run = resolveInputs(parsed, parsed.positionals, io);
  const { resolved, verdicts, locator } = run;
  const rejected = resolved.resolution.rejected ?? [];
  const findings = runFindings(run);
  const policies = policyObjects(resolved.objects);

  switch (parsed.output) {
    case 'json':
    case 'yaml': {
      const items = resolved.resolution.policies.map((p) => ({
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'BackendTrafficPolicy',
        metadata: { name: p.ref.name, namespace: p.ref.namespace },
        status: p.status,
      }));
      const document = listDocument(items, diagnosticsAndRejected(resolved, run.inputs.warnings, locator));
      return writeMachineOutput(io, parsed, machineOutput(document, parsed.output), run, findings);
    }
    case 'name':
      return writeMachineOutput(io, parsed, nameLines(verdicts.map((v) => resourceName('BackendTrafficPolicy', v.name))), run, findings);
    case 'junit': {
      // A test case per policy, per refused object, and per skipped file.
      const judged: Check[] = verdicts.map((v) => {
        const object = policies.get(`${v.namespace}/${v.name}`);
        return { subject: { kind: 'BackendTrafficPolicy', namespace: v.namespace, name: v.name }, ...(object ? { position: locator.objectPosition(object.at) } : {}), findings: [] };
      });
      for (const r of rejected) {
        const object = resolved.objects[splitPath(r.path).index ?? -1];
        if (object && r.kind !== 'BackendTrafficPolicy') judged.push({ subject: subjectOf(object), position: locator.objectPosition(object.at), findings: [] });
      }
      for (const w of run.inputs.warnings) judged.push({ subject: { kind: 'File', name: w.file }, findings: [] });
      return writeMachineOutput(io, parsed, junitReport('status', checksOf(judged, findings, parsed.strict), parsed.strict), run, findings);
    }
    case 'sarif':
      return writeMachineOutput(io, parsed, machineOutput(sarifReport('status', findings), 'json'), run, findings);
  }

  const paint = painter(colourOf(parsed, io));
  const lines: string[] = [];
  const refusedPolicies = new Map<string, (typeof rejected)[number]>();
  for (const r of rejected) {
    const key = `${r.namespace ?? 'default'}/${r.name ?? ''}`;
    if (r.kind === 'BackendTrafficPolicy' && !refusedPolicies.has(key)) refusedPolicies.set(key, r);
  }
  for (const v of verdicts) {
    lines.push(`${paint.bold(`${v.namespace}/${v.name}`)}  ${paint.dim(v.source)}`);
    const refused = refusedPolicies.get(`${v.namespace}/${v.name}`);
    if (refused) {
      const object = resolved.objects[splitPath(refused.path).index ?? -1];
      lines.push(`  ${paint.red('rejected')}: the API server refuses it, so it is not in the cluster and has no status:`);
      for (const issue of refused.issues) lines.push(`    ${object ? `${formatPosition(locator.fieldPosition(object.at, issue.path))}: ` : ''}${formatIssue(issue)}`);
    } else if (v.ancestors === undefined) {
      const why = v.crdErrors.length > 0 ? 'resolution could not use it (see the diagnostics)' : 'its targetSelectors select nothing';
      lines.push(`  ${paint.yellow('no status')}: Envoy Gateway does not list this policy (${why})`);
    } else if (v.ancestors === null || v.ancestors.length === 0) {
      lines.push(`  ${paint.yellow('ancestors: null')}: none of its targets is in the input, or attached to a Gateway there`);
    } else {
      for (const a of v.ancestors) {
        lines.push(`  ${ancestorName(a.ancestorRef)}`);
        const rows = a.conditions.map((c) => {
          const good = (c.type === 'Accepted') === (c.status === 'True');
          const status = good ? paint.green(c.status) : c.type === 'Accepted' ? paint.red(c.status) : paint.yellow(c.status);
          return [c.type, status, c.reason, c.message];
        });
        append(lines, table(rows, '    '));
      }
    }
    lines.push('');
  }
  append(lines, summaryLines(resolved, verdicts, paint, locator));
  io.stdout(terminalLines(lines, paint));
  return findingsExitCode(findings, parsed.strict);
}
