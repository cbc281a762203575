/**
 * The CLI's window on the world, passed to every command so that tests can run commands
 * in-process: where output goes, how stdin is read, whether to colour, which directory relative
 * paths start from. `nodeIo()` is the real one; only it and main.ts touch `process`.
 */
import { fstatSync, readSync } from 'node:fs';

/** Where a command reads and writes; see `nodeIo` for the process's own. */
export interface CliIo {
  /** Write to standard output (the caller adds newlines). */
  stdout(text: string): void;
  /** Write to standard error. */
  stderr(text: string): void;
  /**
   * Standard input, read to its end: its text, or `undefined` as soon as more than `maxBytes`
   * bytes have come (the rest is never read, so an endless stream costs no more than the cap).
   */
  readStdin(maxBytes: number): string | undefined;
  /** Standard input is a pipe or a file (not a terminal, not absent): read it when no input is named. */
  stdinPiped: boolean;
  /** Paint output with ANSI colours when `--color` leaves it to the environment (see {@link autoColour}). */
  colour: boolean;
  /** Directory relative paths are resolved against (printed paths stay as given). */
  cwd: string;
}

/** Unusable input or arguments: reported as one line on stderr, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The words for the errors a file system call can give, as `ls` and `cat` print them. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  EAGAIN: 'resource temporarily unavailable',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EPIPE: 'broken pipe',
};

/** What went wrong in a file system call, in words (`permission denied`), never a stack or an errno dump. */
export function fsErrorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && Object.hasOwn(ERRNO_TEXT, code)) return ERRNO_TEXT[code]!;
  return code ?? (err instanceof Error ? err.message : String(err));
}

/**
 * A failure that is not an `InputError`, in one line that says what happened: running out of stack
 * (input nested too deeply for some step), an output too large for a JavaScript string, a system
 * call that failed (writing to a full disk). Anything else is an internal error, with its message.
 */
export function describeFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError && /call stack/i.test(message)) {
    return 'the input is nested too deeply to process (the call stack ran out); Kubernetes objects nest about a dozen levels';
  }
  if (err instanceof RangeError && /Invalid (string|array) length/.test(message)) {
    return 'the output is too large to write (longer than a JavaScript string can be); give btp fewer inputs at a time';
  }
  const errno = err as NodeJS.ErrnoException | undefined;
  if (typeof errno?.code === 'string' && typeof errno.syscall === 'string') {
    return `${errno.syscall === 'write' ? 'cannot write output' : `${errno.syscall} failed`}: ${fsErrorText(err)}${errno.path ? ` (${errno.path})` : ''}`;
  }
  return `internal error: ${message}`;
}

/** Exit codes, as documented in docs/cli.md. */
export const EXIT_OK = 0;
/** A policy is invalid (CRD) or not accepted (status): for CI gates. */
export const EXIT_POLICY_PROBLEM = 1;
/** Unusable input: missing file, syntax error, bad arguments, unknown route. */
export const EXIT_UNUSABLE_INPUT = 2;

/**
 * `--color=auto`: whether to colour, from the terminal and the environment. `FORCE_COLOR` wins
 * (as in Node.js and most CLIs: `0` or `false` turns colour off, anything else on), then
 * `NO_COLOR` set and non-empty turns it off (https://no-color.org), then colour only on a terminal.
 */
export function autoColour(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY;
}

const CHUNK = 64 * 1024;

/**
 * Read file descriptor `fd` to its end, or stop once more than `maxBytes` have come (`undefined`).
 * Never reads more than `maxBytes + CHUNK` bytes, so `yes | btp resolve -` stops at the cap.
 */
export function readFdCapped(fd: number, maxBytes: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = readSync(fd, buffer, 0, CHUNK, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EOF') break; // Windows: the end of a pipe
      if (code === 'EAGAIN') {
        // A non-blocking pipe with nothing in it yet: wait a little, as readFileSync(0) cannot.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw err;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) return undefined;
    chunks.push(n === CHUNK ? buffer : buffer.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

function stdinIsPiped(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isFile() || stat.isSocket();
  } catch {
    return false; // no standard input at all
  }
}

/** The process's io; colour as {@link autoColour} decides for stdout. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: (maxBytes) => readFdCapped(0, maxBytes)?.toString('utf8'),
    stdinPiped: stdinIsPiped(),
    colour: autoColour(Boolean(process.stdout.isTTY), process.env),
    cwd: process.cwd(),
  };
}
