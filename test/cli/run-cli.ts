/**
 * Running `btp` in-process for tests: `runCli` with an io that records stdout and stderr, reads
 * stdin from a string (piped when given), never colours (unless asked) and resolves paths from the
 * repository root.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/io.js';
import { loadCommands, runLoadedCli } from '../../src/cli/run.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Every command, imported once for all the runs of a test file (`runCli` imports the one it runs).
const commands = await loadCommands();

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function btp(argv: readonly string[], options: { stdin?: string; colour?: boolean; cwd?: string } = {}): CliRun {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: (maxBytes) => {
      if (options.stdin === undefined) throw Object.assign(new Error('no stdin in this test'), { code: 'EAGAIN' });
      return Buffer.byteLength(options.stdin) > maxBytes ? undefined : options.stdin;
    },
    stdinPiped: options.stdin !== undefined,
    colour: options.colour ?? false,
    cwd: options.cwd ?? repoRoot,
  };
  const code = runLoadedCli(argv, io, commands);
  return { code, stdout, stderr };
}
