/**
 * Which files a command reads, and reading them within limits.
 *
 * Inputs are named as kubectl and kubeconform name them: paths after the command (directories
 * read recursively, as `btp` always has), `-f/--filename` (repeatable; a directory's own files, and
 * its subdirectories too with `-R`, as kubectl does), and `-` for standard input, which is also read
 * when nothing is named and it is a pipe or a file. `--ignore-filename-pattern` (a regular
 * expression, repeatable) leaves out every file whose path matches it.
 *
 * Only regular files are read (and `-`): a FIFO, a device or a socket is refused whether it is named
 * or lies in a folder as `*.yaml`, since reading one can block forever or never end. Files are
 * opened non-blocking and checked on the open descriptor, so nothing can swap a FIFO in between.
 * Each file, and all of them together, are read in chunks up to a byte limit and reading stops
 * there. Every failure is an `InputError` of one line (exit code 2).
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, statSync, type Stats } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fsErrorText, InputError, readFdCapped, type CliIo } from './io.js';

/** Where `btp` reads from, and how much it reads. */
export interface InputOptions {
  /** `-f/--filename`: files, directories (their own files; subdirectories too with `recursive`) and `-`. */
  filenames: readonly string[];
  /** `-R/--recursive`: `-f` directories are read with their subdirectories. */
  recursive: boolean;
  /** `--ignore-filename-pattern`: files whose path matches one of these are not read. */
  ignore: readonly RegExp[];
  /** `--max-file-size`: the most bytes read from one file (or from standard input). */
  maxFileBytes: number;
  /** `--max-input-size`: the most bytes read from all inputs together. */
  maxInputBytes: number;
  /** `-n/--namespace`: the namespace of namespaced objects that name none (kubectl's default is `default`). */
  namespace?: string;
}

/** The limits when no option raises them; see docs/security.md for why these numbers. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_INPUT_BYTES = 128 * 1024 * 1024;

export const DEFAULT_INPUT_OPTIONS: InputOptions = {
  filenames: [],
  recursive: false,
  ignore: [],
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
};

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** `-` for standard input. */
export const STDIN = '-';

/** `32 MiB`, `1.5 KiB`, `100 bytes`. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  }
  return `${n} byte${n === 1 ? '' : 's'}`;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The files to read, in order: the paths after the command (directories recursively), then the
 * `-f` ones (directories one level deep unless `recursive`); standard input when nothing is named
 * and it is piped. Directory entries come in name order, so output is stable.
 */
export function collectFiles(paths: readonly string[], options: InputOptions, io: Pick<CliIo, 'cwd' | 'stdinPiped'>): string[] {
  const files: string[] = [];
  const ignored = (path: string) => options.ignore.some((re) => re.test(path));
  const walk = (dir: string, recursive: boolean): void => {
    let entries;
    try {
      entries = readdirSync(resolve(io.cwd, dir), { withFileTypes: true }).sort(byName);
    } catch (err) {
      throw new InputError(`${dir}: cannot read directory: ${fsErrorText(err)}`);
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (recursive && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path, recursive);
      } else if (EXTENSIONS.has(extname(entry.name).toLowerCase()) && !ignored(path)) {
        files.push(path);
      }
    }
  };
  const add = (p: string, recursive: boolean): void => {
    if (p === STDIN) {
      files.push(p);
      return;
    }
    let stats: Stats;
    try {
      stats = statSync(resolve(io.cwd, p));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' || code === 'ENOTDIR' ? `${p}: no such file or directory` : `${p}: cannot read: ${fsErrorText(err)}`);
    }
    if (stats.isDirectory()) walk(p, recursive);
    else if (!ignored(p)) files.push(p);
  };
  for (const p of paths) add(p, true);
  for (const p of options.filenames) add(p, options.recursive);
  if (paths.length === 0 && options.filenames.length === 0) {
    if (io.stdinPiped) return [STDIN];
    throw new InputError('no input: name files or directories (or -f), - for stdin, or pipe manifests in');
  }
  return files;
}

/** What kind of file a non-regular file is, for the refusal. */
function fileType(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a directory';
  return 'not a file';
}

/** How many bytes all inputs may still take; shared by the files of one command. */
export interface ByteBudget {
  /** Bytes left of `--max-input-size`. */
  left: number;
}

/**
 * The text of one input (`-` for standard input), within the per-file limit and what is left of the
 * total. Refuses anything but a regular file or standard input.
 */
export function readInputText(file: string, options: InputOptions, budget: ByteBudget, io: Pick<CliIo, 'cwd' | 'readStdin'>): string {
  const name = file === STDIN ? '<stdin>' : file;
  const cap = Math.min(options.maxFileBytes, budget.left);
  const tooLarge = (): InputError =>
    cap < options.maxFileBytes
      ? new InputError(`${name}: the inputs together are larger than the limit of ${formatBytes(options.maxInputBytes)} (raise it with --max-input-size)`)
      : new InputError(`${name}: larger than the limit of ${formatBytes(options.maxFileBytes)} per file (raise it with --max-file-size)`);
  let bytes: Buffer | undefined;
  if (file === STDIN) {
    let text: string | undefined;
    try {
      text = io.readStdin(cap);
    } catch (err) {
      throw new InputError(`<stdin>: cannot read: ${fsErrorText(err)}`);
    }
    if (text === undefined) throw tooLarge();
    budget.left -= Buffer.byteLength(text);
    return text;
  }
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
    fd = openSync(resolve(io.cwd, file), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new InputError(`${name}: cannot read: ${fsErrorText(err)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError(`${name}: not a regular file (${fileType(stats)}); btp reads regular files, and standard input as -`);
    if (stats.size > cap) throw tooLarge();
    bytes = readFdCapped(fd, cap);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${name}: cannot read: ${fsErrorText(err)}`);
  } finally {
    closeSync(fd);
  }
  if (bytes === undefined) throw tooLarge();
  budget.left -= bytes.length;
  return bytes.toString('utf8');
}
