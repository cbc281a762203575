/**
 * `btp validate <inputs…>`: every BackendTrafficPolicy checked as the Kubernetes API server checks
 * it on create (defaults, OpenAPI checks, the CRD's CEL rules), with field paths and the CRD's own
 * messages. Other kinds are counted, not checked. Exits 1 when a policy is invalid.
 */
import { parseBackendTrafficPolicy, type ValidationIssue } from '../../model/index.js';
import { parseCommandArgs, OUTPUT_HELP } from '../args.js';
import { count, machineOutput, painter } from '../format-table.js';
import type { CliIo } from '../io.js';
import { objectName, readInputs } from '../read-inputs.js';

/** `btp validate --help`. */
export const VALIDATE_USAGE = `Usage: btp validate [options] <files, directories or -…>

Validate every BackendTrafficPolicy the way the Kubernetes API server would on create: defaults,
OpenAPI checks and the CRD's CEL rules, with field paths and the CRD's messages.
Exits 1 when a policy is invalid.

Options:
${OUTPUT_HELP}
  --unknown-fields warn|error|strip
                                 fields the CRD does not declare: a warning each (default, like
                                 kubectl's Warn), an error (Strict), or nothing (Ignore)`;

interface Checked {
  namespace: string;
  name: string;
  source: string;
  valid: boolean;
  issues: ValidationIssue[];
  warnings: ValidationIssue[];
}

/** `btp validate`: returns the exit code (0, or 1 when a policy is invalid). */
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
    if (object.kind !== 'BackendTrafficPolicy') {
      others.set(object.kind, (others.get(object.kind) ?? 0) + 1);
      continue;
    }
    const result = parseBackendTrafficPolicy(object.value, { unknownFields: parsed.unknownFields });
    checked.push({
      ...objectName(object.value),
      source: object.source,
      valid: result.success,
      issues: result.success ? [] : result.issues,
      warnings: result.warnings,
    });
  }
  const invalid = checked.filter((c) => !c.valid).length;
  const exitCode = invalid > 0 ? 1 : 0;
  if (parsed.output !== 'table') {
    io.stdout(machineOutput(checked, parsed.output));
    return exitCode;
  }

  const paint = painter(io.colour);
  const lines: string[] = [];
  const at = (path: string) => (path === '' ? '<object>' : path);
  for (const c of checked) {
    const name = `${c.namespace}/${c.name}`;
    lines.push(c.valid ? `${name}: ${paint.green('valid')}` : `${name}: ${paint.red('invalid')} ${paint.dim(`(${c.source})`)}`);
    for (const issue of c.issues) lines.push(`  ${at(issue.path)}: ${issue.message}`);
    for (const w of c.warnings) lines.push(`  ${paint.yellow('warning')}: ${at(w.path)}: ${w.message}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(checked.length === 0 ? 'no BackendTrafficPolicy found' : `${count(checked.length, 'BackendTrafficPolicy')}: ${checked.length - invalid} valid, ${invalid} invalid`);
  if (others.size > 0) {
    const counted = [...others].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([kind, n]) => count(n, kind));
    lines.push(`also read ${counted.join(', ')}`);
  }
  io.stdout(`${lines.join('\n')}\n`);
  return exitCode;
}
