/**
 * Every example in the docs runs: each ```ts block of README.md and docs/*.md that imports from
 * 'backend-traffic-policy' is written, with that import pointed at the source, to a temporary
 * module beside this file and imported. A block opts out with the info string `ts no-run` (for
 * examples that write files or need a cluster).
 *
 * The `btp` sessions run too: in a ```console block, each `$ npx btp …` (or `$ btp …`) line is run
 * in-process from the repository root and its output (stdout, then stderr) must be the lines that
 * follow it, up to the next `$` line; a line `…` stands for any number of lines, and `$ echo $?`
 * checks the exit code of the command before. `console no-run` opts a block out.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { btp } from '../cli/run-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const PACKAGE_IMPORT = /(from\s+|import\s*\(\s*)(['"])backend-traffic-policy(\/model|\/values)?\2/g;
/** The source entry of each package entry point (`package.json` `exports`). */
const ENTRY_SOURCES: Record<string, string> = { '': 'index.js', '/model': 'model/index.js', '/values': 'values/index.js' };

interface Example {
  doc: string;
  line: number;
  code: string;
  lang: string;
}

/** The runnable examples of one markdown file: fenced blocks with info string `ts` that use the package. */
function examplesIn(doc: string, markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open as unknown as [string, string, string, string, string];
    const closes = (line: string): boolean => {
      const t = line.trim();
      return t.length >= fence.length && t === fence[0]!.repeat(t.length);
    };
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !closes(lines[j]!)) {
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!);
      j++;
    }
    const code = body.join('\n');
    if (lang === 'ts' && !/\bno-run\b/.test(rest) && new RegExp(PACKAGE_IMPORT.source).test(code)) {
      examples.push({ doc, line: i + 1, code, lang });
    }
    if (lang === 'console' && !/\bno-run\b/.test(rest) && /^\$ (npx )?btp\b/m.test(code)) {
      examples.push({ doc, line: i + 1, code, lang });
    }
    i = j;
  }
  return examples;
}

const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const all = docs.flatMap((doc) => examplesIn(doc, readFileSync(join(root, doc), 'utf8')));
const examples = all.filter((e) => e.lang === 'ts');
const sessions = all.filter((e) => e.lang === 'console');
const written: string[] = [];

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('documentation examples', () => {
  it('the README has at least one runnable example', () => {
    expect(examples.filter((e) => e.doc === 'README.md').length).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [`${e.doc}:${e.line}`, e] as const))('%s runs without throwing', async (_name, example) => {
    const file = join(here, `.tmp-${process.pid}-${example.doc.replace(/[^a-z0-9]+/gi, '-')}-${example.line}.ts`);
    const source = (subpath = '') => relative(here, join(root, 'src', ENTRY_SOURCES[subpath]!)).split('\\').join('/');
    const code = example.code.replace(PACKAGE_IMPORT, (_m, lead: string, quote: string, subpath?: string) => `${lead}${quote}${source(subpath)}${quote}`);
    writeFileSync(file, `// generated from ${example.doc}:${example.line}\n${code}\n`);
    written.push(file);
    // Examples print what they show; keep the test output quiet but make sure they ran.
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(import(file)).resolves.toBeDefined();
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});

/** Shell-like words: spaces separate, single and double quotes group. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Whether `actual` lines match `expected` lines, where an expected `…` line matches any run of lines. */
function matches(expected: string[], actual: string[]): boolean {
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (memo.has(key)) return memo.get(key)!;
    let r: boolean;
    if (i === expected.length) r = j === actual.length;
    else if (expected[i] === '…') r = go(i + 1, j) || (j < actual.length && go(i, j + 1));
    else r = j < actual.length && expected[i] === actual[j] && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

const trimLines = (text: string): string[] => {
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
};

describe('documented btp sessions', () => {
  it('the docs show btp at work', () => {
    expect(sessions.length).toBeGreaterThan(0);
  });

  it.each(sessions.map((e) => [`${e.doc}:${e.line}`, e] as const))('%s prints what the docs show', (_name, session) => {
    const lines = session.code.split('\n');
    let last: number | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.startsWith('$ ')) continue;
      const expected: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j]!.startsWith('$ ')) expected.push(lines[j++]!.trimEnd());
      while (expected.length > 0 && expected[expected.length - 1] === '') expected.pop();
      const where = `${session.doc}:${session.line + 1 + i}: ${line}`;
      const command = line.slice(2).trim();
      if (command === 'echo $?') {
        expect(last, `${where}: no btp command before`).toBeDefined();
        expect(`${last}`, where).toBe(expected.join('\n'));
        continue;
      }
      const argv = words(command);
      if (argv[0] === 'npx') argv.shift();
      expect(argv[0] === 'btp' && !/[|<>;&]/.test(command), `${where}: only "$ npx btp …" and "$ echo $?" can run; mark the block "console no-run"`).toBe(true);
      const run = btp(argv.slice(1));
      last = run.code;
      const actual = trimLines(run.stdout + run.stderr);
      if (!matches(expected, actual)) expect(actual.join('\n'), where).toBe(expected.join('\n'));
    }
  });
});
