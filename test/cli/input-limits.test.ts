/**
 * What btp reads, and how much: regular files only (and `-`), each file and all of them together
 * up to a byte limit, read in chunks that stop at the limit; every refusal one line, exit code 2.
 * Also the failures of the file system and of the YAML reader as clear messages, never
 * `internal error: EACCES` or `Maximum call stack size exceeded`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_INPUT_BYTES } from '../../src/cli/input-files.js';
import { describeFailure, readFdCapped } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { largestDocument, MAX_YAML_NODES } from '../../src/cli/read-inputs.js';
import { GATEWAY, scratchFolder } from './manifests.js';
import { btp } from './run-cli.js';

// As root (CI, this sandbox) permissions do not stop a read, so an unreadable folder is simulated
// where the CLI reads folders.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((p: string, options: unknown) => {
    if (String(p).endsWith('locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(p)}'`), { code: 'EACCES', syscall: 'scandir', path: p });
    return (fs.readdirSync as (p: string, o: unknown) => unknown)(p, options);
  }) as typeof fs.readdirSync;
  return { ...fs, readdirSync, default: { ...fs, readdirSync } };
});

const { dir, write } = scratchFolder('btp-limits-');

/** Exactly one line on stderr, no stack frames, exit code 2. */
function expectRefusal(run: { code: number; stderr: string; stdout: string }, message: string | RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  if (typeof message === 'string') expect(run.stderr).toBe(`btp: ${message}\n`);
  else expect(run.stderr).toMatch(message);
}

describe('only regular files, and standard input as -', () => {
  it('a character device named directly is refused at once', () => {
    expectRefusal(btp(['resolve', '/dev/zero']), '/dev/zero: not a regular file (a character device); btp reads regular files, and standard input as -');
  });

  it('a FIFO named directly is refused without waiting for a writer', () => {
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expectRefusal(btp(['status', fifo]), `${fifo}: not a regular file (a FIFO); btp reads regular files, and standard input as -`);
    expectRefusal(btp(['status', '-f', fifo]), /not a regular file \(a FIFO\)/);
  });

  it('a FIFO lying as *.yaml in a scanned folder is refused too', () => {
    const folder = path.join(dir, 'with-fifo');
    write('with-fifo/gateway.yaml', GATEWAY);
    execFileSync('mkfifo', [path.join(folder, 'zz-policies.yaml')]);
    expectRefusal(btp(['validate', folder]), `${path.join(folder, 'zz-policies.yaml')}: not a regular file (a FIFO); btp reads regular files, and standard input as -`);
  });

  it('an unreadable folder is a clear message, not an internal error', () => {
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    expectRefusal(btp(['resolve', locked]), `${locked}: cannot read directory: permission denied`);
  });
});

describe('byte limits', () => {
  it('have documented defaults: 32 MiB per file, 128 MiB in all', () => {
    expect(DEFAULT_MAX_FILE_BYTES).toBe(32 * 1024 * 1024);
    expect(DEFAULT_MAX_INPUT_BYTES).toBe(128 * 1024 * 1024);
  });

  it('a file larger than --max-file-size is refused, and the flag raises the limit', () => {
    const big = write('big.yaml', `${GATEWAY}# ${'x'.repeat(2000)}\n`);
    expectRefusal(btp(['validate', '--max-file-size', '1Ki', big]), `${big}: larger than the limit of 1 KiB per file (raise it with --max-file-size)`);
    expect(btp(['validate', '--max-file-size', '4Ki', big]).code).toBe(0);
    expect(btp(['validate', '--max-file-size', '4096', big]).code).toBe(0);
  });

  it('inputs larger than --max-input-size together are refused at the file that crosses it', () => {
    const a = write('total/a.yaml', `${GATEWAY}# ${'x'.repeat(600)}\n`);
    const b = write('total/b.yaml', `${GATEWAY.replace('name: eg', 'name: eg2')}# ${'x'.repeat(600)}\n`);
    expectRefusal(btp(['validate', '--max-input-size', '1Ki', path.dirname(a)]), `${b}: the inputs together are larger than the limit of 1 KiB (raise it with --max-input-size)`);
    expect(btp(['validate', '--max-input-size', '2Ki', path.dirname(a)]).code).toBe(0);
  });

  it('standard input has the same limits, and is asked for no more than them', async () => {
    const endless = `${GATEWAY}${'# y\n'.repeat(1000)}`;
    expectRefusal(btp(['status', '--max-file-size', '1Ki', '-'], { stdin: endless }), '<stdin>: larger than the limit of 1 KiB per file (raise it with --max-file-size)');
    const asked: number[] = [];
    let stderr = '';
    const code = await runCli(['status', '--max-file-size', '1Ki', '-'], {
      stdout: () => {},
      stderr: (t) => void (stderr += t),
      readStdin: (max) => (asked.push(max), undefined),
      stdinPiped: true,
      colour: false,
      cwd: dir,
    });
    expect({ code, asked, stderr }).toEqual({ code: 2, asked: [1024], stderr: 'btp: <stdin>: larger than the limit of 1 KiB per file (raise it with --max-file-size)\n' });
  });

  it('a bad size is unusable input', () => {
    expectRefusal(btp(['resolve', '--max-file-size', 'lots', 'examples/platform']), /^btp: --max-file-size must be a positive number of bytes/);
    expectRefusal(btp(['resolve', '--max-input-size=-1', 'examples/platform']), /^btp: --max-input-size must be a positive number of bytes/);
  });

  it('an endless stream is read only up to the limit, then left (yes | btp resolve -)', () => {
    const fifo = path.join(dir, 'endless');
    execFileSync('mkfifo', [fifo]);
    // `yes` writes into the FIFO forever; reading it must stop at the cap and return. The reader
    // opens without blocking (so a writer that never comes cannot hang the test) and waits for
    // the first bytes before handing the descriptor over.
    const writer = spawn('sh', ['-c', `exec yes > '${fifo}'`], { stdio: 'ignore' });
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const first = Buffer.alloc(1);
      let connected = false;
      for (let tries = 0; tries < 500 && !connected; tries++) {
        try {
          connected = readSync(fd, first, 0, 1, null) === 1;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        }
        if (!connected) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      }
      expect(connected).toBe(true);
      expect(readFdCapped(fd, 1024 * 1024)).toBeUndefined();
    } finally {
      closeSync(fd);
      writer.kill();
    }
    const small = path.join(dir, 'small');
    writeFileSync(small, 'kind: X\n');
    const fd2 = openSync(small, 'r');
    expect(readFdCapped(fd2, 1024)?.toString()).toBe('kind: X\n');
    closeSync(fd2);
  });
});

describe('YAML values', () => {
  it('a document of more values than btp can parse is refused before it is parsed, in one line', () => {
    // 1,000,001 empty lists in 3 MB: within the byte limits, but reading them would take about 1.4 GB.
    const file = write('tiny-values.json', `[${'[],'.repeat(MAX_YAML_NODES)}[]]`);
    expectRefusal(
      btp(['validate', file]),
      `${file}: a YAML document holds more than 1,000,000 values (scalars and collections); btp parses a document whole, so it reads at most that many in one`,
    );
  }, 60_000);

  it('counts the values of each document: quoted, plain and block scalars and flow collections', () => {
    // apiVersion, v1, kind, ConfigMap, metadata, {, name, a, data, k, "v": 11; then x and the block scalar: 2.
    const two = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: "v"\n---\nx: |\n  block\n';
    expect(largestDocument(two, 100)).toBe(11);
    expect(largestDocument(`${'- [1, 2]\n'.repeat(3)}...\n[[], 'q']\n`, 100)).toBe(9);
    expect(largestDocument('[1, 2, 3, 4, 5, 6]', 3)).toBe(4);
  });

  it('never counts more values than the text has characters, so a List item no longer than the limit goes uncounted', () => {
    const piece = fc.constantFrom('[', ']', '{', '}', ',', ':', ' ', '\n', '- ', 'a', '"', "'", '|', '>', '#', '&a ', '*a', '---\n', '...\n', '? ', '!t ', '\\', '\t');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(largestDocument(text, Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });
});

describe('the YAML reader on hostile documents', () => {
  it('an anchor inside itself (- &a [*a]) is refused as go-yaml refuses it', () => {
    const cycle = write('cycle.yaml', '- &a [*a]\n');
    expectRefusal(btp(['resolve', cycle]), `${cycle}:1:7: anchor 'a' value contains itself`);
    const nested = write('cycle2.yaml', 'kind: ConfigMap\nmetadata: &m {name: x, self: *m}\n');
    expectRefusal(btp(['validate', nested]), `${nested}:2:30: anchor 'm' value contains itself`);
  });

  it('nesting beyond 256 levels is refused, however deep', () => {
    for (const depth of [300, 5000]) {
      const deep = write(`deep-${depth}.yaml`, `kind: ConfigMap\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      expectRefusal(btp(['validate', deep]), new RegExp(`^btp: ${deep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: nested more than 256 levels deep\\n$`));
    }
  });

  it('alias expansion is bounded as go-yaml bounds it (a billion laughs)', () => {
    let yaml = 'kind: ConfigMap\nmetadata: {name: x}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) yaml += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const laughs = write('laughs.yaml', yaml);
    expectRefusal(btp(['validate', laughs]), /laughs\.yaml:\d+:\d+: document contains excessive aliasing\n$/);
  });

  it('a few aliases of a small anchor, as manifests use them, are fine', () => {
    const ok = write('aliases.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: &l {app: web}, annotations: *l}\ndata: *l\n');
    expect(btp(['validate', ok]).code).toBe(0);
  });
});

describe('other failures, in words', () => {
  it('running out of stack, an output too large for a string, a failed system call', () => {
    expect(describeFailure(new RangeError('Maximum call stack size exceeded'))).toBe(
      'the input is nested too deeply to process (the call stack ran out); Kubernetes objects nest about a dozen levels',
    );
    expect(describeFailure(new RangeError('Invalid string length'))).toBe('the output is too large to write (longer than a JavaScript string can be); give btp fewer inputs at a time');
    expect(describeFailure(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }))).toBe('cannot write output: no space left on device');
    expect(describeFailure(new Error('something else'))).toBe('internal error: something else');
  });
});

describe('inputs with more findings than a call takes arguments', () => {
  it('resolve, status and explain print 130,000 warnings of one policy instead of running out of stack', () => {
    // Each finding is a line of output; a list that long cannot be spread into one push call.
    const zones = Array.from({ length: 130_000 }, (_, i) => ({ zone: i.toString(36), weight: 1, extra: 1 }));
    const policy = {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: { name: 'zones', namespace: 'default' },
      spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }], loadBalancer: { type: 'RoundRobin', zoneAware: { weightedZones: zones } } },
    };
    const file = write('many-findings/policy.json', JSON.stringify(policy));
    for (const argv of [['resolve', file], ['status', file], ['explain', 'httproute/shop/storefront', 'examples/platform', file]]) {
      const run = btp(argv);
      expect(run.stderr).not.toMatch(/call stack|internal error/);
      expect(run.stdout).toContain('unknown field "spec.loadBalancer.zoneAware.weightedZones[129999].extra"');
    }
  }, 120_000);
});

