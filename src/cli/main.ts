#!/usr/bin/env node
/**
 * `btp`: the command-line shell over the library, and the only code with I/O (files, stdin,
 * stdout/stderr, exit codes). This file is the executable; `runCli` (run.ts) does the work and
 * the commands live in commands/.
 *
 * Exit codes: 0 success; 1 a policy is invalid or not accepted, an object would be refused or a
 * diagnostic is an error (with --strict, also a warning: for CI gates); 2 unusable input (missing
 * file, YAML/JSON syntax error, bad arguments), with one line on stderr and never a stack trace.
 */
import { nodeIo } from './io.js';
import { runCli } from './run.js';

// `btp schema | head`: a closed pipe is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`btp: cannot write output: ${err.message}\n`);
  process.exit(2);
});

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
