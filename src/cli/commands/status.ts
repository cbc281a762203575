/**
 * `btp status <inputs…>`: each policy's `status` as the Envoy Gateway controller would write it,
 * and the objects the API server would refuse (which are not in the cluster, so have none).
 * `-o json|yaml` prints a `kind: List` of BackendTrafficPolicies carrying only `metadata` and
 * `status` — what `kubectl get backendtrafficpolicies -o yaml` would show of them.
 */
import { parseCommandArgs, OUTPUT_HELP, RESOLVE_HELP } from '../args.js';
import { count, machineOutput, painter, table } from '../format-table.js';
import type { CliIo } from '../io.js';
import { formatIssue } from '../../index.js';
import { ancestorName, gateExitCode, policyVerdicts, resolveObjects } from '../policy-verdicts.js';
import { readInputs } from '../read-inputs.js';
import { problemNote, summaryLines } from '../report.js';

/** `btp status --help`. */
export const STATUS_USAGE = `Usage: btp status [options] <files, directories or -…>

Each BackendTrafficPolicy's status (status.ancestors) as the Envoy Gateway controller would write
it, and the objects the API server would refuse, with its errors. Exits 1 when a policy is invalid
or not accepted, or an object is refused.

Options:
${OUTPUT_HELP}
${RESOLVE_HELP}`;

/** `btp status`: returns the exit code (0, or 1 when a policy is invalid or not accepted). */
export function statusCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('status', args, 'resolve');
  if (parsed.help) {
    io.stdout(`${STATUS_USAGE}\n`);
    return 0;
  }
  const resolved = resolveObjects(readInputs(parsed.positionals, io), parsed.resolve, parsed.applyDefaults);
  const verdicts = policyVerdicts(resolved);
  const rejected = resolved.resolution.rejected ?? [];
  // A refused object of any kind fails the gate: kubectl apply of these files would fail.
  const exitCode = rejected.length > 0 ? 1 : gateExitCode(verdicts);
  if (parsed.output !== 'table') {
    const items = resolved.resolution.policies.map((p) => ({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: { name: p.ref.name, namespace: p.ref.namespace },
      status: p.status,
    }));
    io.stdout(machineOutput({ apiVersion: 'v1', kind: 'List', items }, parsed.output));
    const note = problemNote(verdicts);
    if (note) io.stderr(note);
    // Refused policies are in the note already.
    const others = rejected.filter((r) => r.kind !== 'BackendTrafficPolicy');
    if (others.length > 0) io.stderr(`btp: ${count(others.length, 'other object')} the API server would refuse; see btp status\n`);
    return exitCode;
  }

  const paint = painter(io.colour);
  const lines: string[] = [];
  for (const v of verdicts) {
    lines.push(`${paint.bold(`${v.namespace}/${v.name}`)}  ${paint.dim(v.source)}`);
    const refused = rejected.find((r) => r.kind === 'BackendTrafficPolicy' && (r.namespace ?? 'default') === v.namespace && (r.name ?? '') === v.name);
    if (refused) {
      lines.push(`  ${paint.red('rejected')}: the API server refuses it, so it is not in the cluster and has no status:`);
      for (const issue of refused.issues) lines.push(`    ${formatIssue(issue)}`);
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
        lines.push(...table(rows, '    '));
      }
    }
    lines.push('');
  }
  lines.push(...summaryLines(resolved, verdicts, paint));
  io.stdout(`${lines.join('\n')}\n`);
  return exitCode;
}
