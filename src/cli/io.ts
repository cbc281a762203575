/**
 * The CLI's window on the world, passed to every command so that tests can run commands
 * in-process: where output goes, how stdin is read, whether to colour, which directory relative
 * paths start from. `nodeIo()` is the real one; only it and main.ts touch `process`.
 */
import { readFileSync } from 'node:fs';

/** Where a command reads and writes; see `nodeIo` for the process's own. */
export interface CliIo {
  /** Write to standard output (the caller adds newlines). */
  stdout(text: string): void;
  /** Write to standard error. */
  stderr(text: string): void;
  /** The whole of standard input, read when a command is given `-`. */
  readStdin(): string;
  /** Paint output with ANSI colours (only on a terminal, never with NO_COLOR). */
  colour: boolean;
  /** Directory relative paths are resolved against (printed paths stay as given). */
  cwd: string;
}

/** Unusable input or arguments: reported as one line on stderr, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Exit codes, as documented in docs/cli.md. */
export const EXIT_OK = 0;
/** A policy is invalid (CRD) or not accepted (status): for CI gates. */
export const EXIT_POLICY_PROBLEM = 1;
/** Unusable input: missing file, syntax error, bad arguments, unknown route. */
export const EXIT_UNUSABLE_INPUT = 2;

/** The process's io: colour only when stdout is a terminal and NO_COLOR is unset or empty (https://no-color.org). */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: () => readFileSync(0, 'utf8'),
    colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    cwd: process.cwd(),
  };
}
