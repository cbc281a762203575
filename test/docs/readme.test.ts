/**
 * Every example in the docs runs: each ```ts block of README.md and docs/*.md that imports from
 * 'backend-traffic-policy' is written, with that import pointed at the source, to a temporary
 * module beside this file and imported. A block opts out with the info string `ts no-run` (for
 * examples that write files or need a cluster).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const PACKAGE_IMPORT = /(from\s+|import\s*\(\s*)(['"])backend-traffic-policy\2/g;

interface Example {
  doc: string;
  line: number;
  code: string;
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
      examples.push({ doc, line: i + 1, code });
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
const examples = docs.flatMap((doc) => examplesIn(doc, readFileSync(join(root, doc), 'utf8')));
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
    const source = relative(here, join(root, 'src', 'index.js')).split('\\').join('/');
    writeFileSync(file, `// generated from ${example.doc}:${example.line}\n${example.code.replace(PACKAGE_IMPORT, `$1$2${source}$2`)}\n`);
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
