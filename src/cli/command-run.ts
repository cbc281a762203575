/**
 * The steps every resolving command (`resolve`, `explain`, `status`, `envoy`) shares: read the
 * inputs with the command's input options, resolve them, judge the policies, and at the end turn
 * what was found into the exit code — and, for machine output, the data on stdout with the reasons
 * for a failing exit code on stderr.
 */
import type { Diagnostic } from '../index.js';
import type { ParsedArgs } from './args.js';
import { findingsExitCode, findingsNotes, resolutionFindings, type Finding } from './findings.js';
import type { CliIo } from './io.js';
import { policyVerdicts, resolveObjects, type PolicyVerdict, type Resolved } from './policy-verdicts.js';
import { readInputs, type Inputs } from './read-inputs.js';
import { problemNote } from './report.js';
import { SourceLocator } from './source-positions.js';

/** A command's inputs, resolved and judged. */
export interface ResolvedRun {
  inputs: Inputs;
  resolved: Resolved;
  verdicts: PolicyVerdict[];
  locator: SourceLocator;
}

/** Read `paths` (and `-f`, or piped stdin), resolve with the command's options, and judge each policy. */
export function resolveInputs(parsed: ParsedArgs, paths: readonly string[], io: CliIo): ResolvedRun {
  const inputs = readInputs(paths, io, parsed.inputs);
  const resolved = resolveObjects(inputs.objects, parsed.resolve, parsed.applyDefaults);
  return { inputs, resolved, verdicts: policyVerdicts(resolved), locator: new SourceLocator() };
}

/** What the run found; `extra` diagnostics come from later stages (the emitter, the rate limit service's configuration). */
export function runFindings(run: ResolvedRun, extra: readonly Diagnostic[] = []): Finding[] {
  return resolutionFindings(run.resolved, run.verdicts, run.inputs.warnings, run.locator, extra);
}

/**
 * Write machine output: `text` on stdout as it is, then on stderr one line for each reason the exit
 * code is 1. Returns that exit code.
 */
export function writeMachineOutput(io: CliIo, parsed: Pick<ParsedArgs, 'strict'>, text: string, run: ResolvedRun, findings: readonly Finding[]): number {
  io.stdout(text);
  const notes = findingsNotes(findings, parsed.strict, problemNote(run.verdicts));
  if (notes) io.stderr(notes);
  return findingsExitCode(findings, parsed.strict);
}
