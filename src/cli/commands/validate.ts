/**
 * `btp validate <inputs…>`: every object of a kind the library reads, checked as the Kubernetes
 * API server checks it on create (`admitObject`): `apiVersion`, `kind` and `metadata` for all,
 * and for BackendTrafficPolicies the CRD (defaults, OpenAPI checks, CEL rules). Errors print as
 * `kubectl apply` shows them. Exits 1 when an object is invalid.
 */
import { admitObject } from '../../admit/admit-object.js';
import { formatIssue, type ValidationIssue } from '../../model/index.js';
import { parseCommandArgs, OUTPUT_HELP } from '../args.js';
import { count, machineOutput, painter } from '../format-table.js';
import type { CliIo } from '../io.js';
import { objectName, readInputs } from '../read-inputs.js';

/** `btp validate --help`. */
export const VALIDATE_USAGE = `Usage: btp validate [options] <files, directories or -…>

Check every object the way the Kubernetes API server would on create (kubectl apply):
apiVersion, kind, name, namespace, labels and annotations of every Gateway, route, ListenerSet,
ReferenceGrant, Namespace, Service, Secret and ConfigMap; for BackendTrafficPolicies also the CRD
(defaults, OpenAPI checks and CEL rules). Errors read as the API server prints them.
Exits 1 when an object is invalid.

Options:
${OUTPUT_HELP}
  --unknown-fields warn|error|strip
                                 fields the CRD does not declare: a warning each (default, like
                                 kubectl's Warn), an error (Strict), or nothing (Ignore)`;

interface Checked {
  kind: string;
  namespace: string;
  name: string;
  source: string;
  valid: boolean;
  issues: ValidationIssue[];
  warnings: ValidationIssue[];
  /** The API server's refusal, when invalid. */
  message?: string;
}

const POLICY = 'BackendTrafficPolicy';

/** `btp validate`: returns the exit code (0, or 1 when an object is invalid). */
export function validateCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('validate', args, 'validate');
  if (parsed.help) {
    io.stdout(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  const objects = readInputs(parsed.positionals, io);
  const checked: Checked[] = [];
  const others = new Map<string, number>();
  for (const object of objects) {
    const admission = admitObject(object.value, { unknownFields: parsed.unknownFields });
    if (admission.outcome === 'ignored') {
      others.set(object.kind, (others.get(object.kind) ?? 0) + 1);
      continue;
    }
    const name = objectName(object.value);
    const c: Checked = {
      kind: object.kind,
      namespace: admission.kind === 'Namespace' ? '' : name.namespace,
      name: name.name,
      source: object.source,
      valid: admission.outcome === 'admitted',
      issues: admission.outcome === 'rejected' ? admission.issues : [],
      warnings: admission.warnings,
    };
    if (admission.outcome === 'rejected') c.message = admission.message;
    checked.push(c);
  }
  const policies = checked.filter((c) => c.kind === POLICY);
  const rest = checked.filter((c) => c.kind !== POLICY);
  const invalid = (list: readonly Checked[]) => list.filter((c) => !c.valid).length;
  const exitCode = invalid(checked) > 0 ? 1 : 0;
  if (parsed.output !== 'table') {
    io.stdout(machineOutput(checked, parsed.output));
    return exitCode;
  }

  const paint = painter(io.colour);
  const lines: string[] = [];
  const name = (c: Checked) => `${c.kind === POLICY ? '' : `${c.kind} `}${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
  // Every policy, and the other objects that have something to say.
  for (const c of checked) {
    if (c.kind !== POLICY && c.valid && c.warnings.length === 0) continue;
    lines.push(c.valid ? `${name(c)}: ${paint.green('valid')}` : `${name(c)}: ${paint.red('invalid')} ${paint.dim(`(${c.source})`)}`);
    for (const issue of c.issues) lines.push(`  ${formatIssue(issue)}`);
    for (const w of c.warnings) lines.push(`  ${paint.yellow('warning')}: ${formatIssue(w)}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(policies.length === 0 ? 'no BackendTrafficPolicy found' : `${count(policies.length, POLICY)}: ${policies.length - invalid(policies)} valid, ${invalid(policies)} invalid`);
  if (rest.length > 0) lines.push(`${count(rest.length, 'other object')}: ${rest.length - invalid(rest)} valid, ${invalid(rest)} invalid`);
  if (others.size > 0) {
    const counted = [...others].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([kind, n]) => count(n, kind));
    lines.push(`also read, not checked: ${counted.join(', ')}`);
  }
  io.stdout(`${lines.join('\n')}\n`);
  return exitCode;
}
