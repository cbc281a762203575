/**
 * The rate limit service's loader rules (`service-config-loader.ts`), checked against the service's
 * own loader tests: every YAML configuration of `envoyproxy-ratelimit/config-tests/` is loaded the
 * way `config_test.go` loads it (the same files together, the same domain-merge flag) and must get
 * the same verdict — and, for a refused one, the same error text as `expectConfigPanic` states.
 * The cases are read from `config_test.go` itself, so a case added there is checked here too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRateLimitServiceFiles, parseRateLimitServiceFile, rateLimitServiceConfigProblems } from '../../../src/features/rate-limit/service-config-loader.js';
import { conformanceDir, hasConformance } from '../../support/conformance-dir.js';

const testsDir = path.join(conformanceDir(), '..', 'envoyproxy-ratelimit', 'config-tests');

interface LoaderCase {
  test: string;
  files: string[];
  mergeDomains: boolean;
  /** The error `expectConfigPanic` expects; undefined for a configuration that loads. */
  error?: string;
}

/** The end of the parenthesised call starting at `open` (the index of its `(`). */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) return i;
  }
  return src.length;
}

const loadFiles = (text: string): string[] => [...text.matchAll(/loadFile\("([^"]+)"\)/g)].map((m) => m[1]!);
const mergeFlag = (text: string): boolean => /,\s*(true|false)\s*\)\s*$/.exec(text.slice(0, text.lastIndexOf(')') + 1))?.[1] === 'true';

/** The file-based cases of `config_test.go`: each `expectConfigPanic`, and each test that loads files and expects success. */
function loaderCases(): LoaderCase[] {
  const src = readFileSync(path.join(testsDir, 'config_test.go'), 'utf8');
  const out: LoaderCase[] = [];
  for (const fn of src.split(/\nfunc /).slice(1)) {
    const test = /^(\w+)/.exec(fn)?.[1] ?? '';
    if (!test.startsWith('Test')) continue;
    let rest = fn;
    for (let at = rest.indexOf('expectConfigPanic('); at >= 0; at = rest.indexOf('expectConfigPanic(')) {
      const end = closing(rest, at + 'expectConfigPanic'.length);
      const call = rest.slice(at, end + 1);
      const impl = call.slice(call.indexOf('NewRateLimitConfigImpl('));
      const error = [...call.matchAll(/"((?:[^"\\]|\\.)*)"/g)].pop()![1]!.replace(/\\(.)/g, '$1');
      out.push({ test, files: loadFiles(call), mergeDomains: mergeFlag(impl.slice(0, closing(impl, impl.indexOf('(')) + 1)), error });
      rest = rest.slice(0, at) + rest.slice(end + 1);
    }
    const impl = rest.indexOf('NewRateLimitConfigImpl(');
    const files = loadFiles(rest);
    if (impl >= 0 && files.length > 0) {
      const call = rest.slice(impl, closing(rest, impl + 'NewRateLimitConfigImpl'.length) + 1);
      out.push({ test, files, mergeDomains: mergeFlag(call) });
    }
  }
  return out;
}

const read = (file: string) => ({ name: file, content: readFileSync(path.join(testsDir, file), 'utf8') });

describe.runIf(hasConformance())("the rate limit service's own loader tests (config_test.go)", () => {
  const cases = hasConformance() ? loaderCases() : [];

  it('finds the good and the bad configurations of config_test.go', () => {
    expect(cases.filter((c) => c.error === undefined).length).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.error !== undefined).length).toBeGreaterThanOrEqual(14);
  });

  for (const c of cases) {
    const title = `${c.test}: ${c.files.join(' + ')}${c.mergeDomains ? ' (domains merged)' : ''}`;
    if (c.error === undefined) {
      it(`${title} loads`, () => {
        expect(loadRateLimitServiceFiles(c.files.map(read), { mergeDomains: c.mergeDomains })).toMatchObject({ ok: true });
      });
    } else if (c.error.includes('error loading config file: yaml: line')) {
      const prefix = c.error.slice(0, c.error.indexOf(' line'));
      // A YAML syntax error: the verdict and the service's prefix are the same; the rest is the
      // YAML parser's own wording (Go's yaml.v2 there, the `yaml` package here).
      it(`${title} is refused as bad YAML`, () => {
        const load = loadRateLimitServiceFiles(c.files.map(read), { mergeDomains: c.mergeDomains });
        expect(load.ok).toBe(false);
        expect(!load.ok && load.error.startsWith(`${prefix} `)).toBe(true);
      });
    } else {
      it(`${title} is refused: ${c.error}`, () => {
        expect(loadRateLimitServiceFiles(c.files.map(read), { mergeDomains: c.mergeDomains })).toEqual({ ok: false, error: c.error });
      });
    }
  }
});

describe('the loader rules on a configuration', () => {
  const config = (descriptors: unknown[], domain = 'd') => ({ domain, descriptors }) as Parameters<typeof rateLimitServiceConfigProblems>[0];

  it('accepts every unit the service knows, in any case, and an unlimited descriptor without one', () => {
    const units = ['second', 'Minute', 'HOUR', 'day', 'week', 'month', 'year'];
    expect(rateLimitServiceConfigProblems(config(units.map((unit, i) => ({ key: `k${i}`, rate_limit: { unit, requests_per_unit: 1 } }))))).toEqual([]);
    expect(rateLimitServiceConfigProblems(config([{ key: 'k', rate_limit: { unlimited: true } }]))).toEqual([]);
  });

  it('reports each broken rule with the path of the descriptor', () => {
    const problems = rateLimitServiceConfigProblems(
      config([
        { key: 'a', value: 'x', descriptors: [{ key: 'b', rate_limit: { unit: 'fortnight', requests_per_unit: 1 } }] },
        { key: 'a', value: 'x' },
        { key: '' },
        { key: 'c', rate_limit: { unit: 'UNKNOWN' } },
        { key: 'e', rate_limit: { unit: 'second', requests_per_unit: 4294967296 } },
        { key: 'f', rate_limit: { unit: 'second', requests_per_unit: 1, name: 'n', replaces: [{ name: 'n' }, {}] } },
      ]),
    );
    expect(problems.map((p) => [p.path, p.descriptor, p.message])).toEqual([
      ['descriptors[0].descriptors[0].rate_limit.unit', [0, 0], "invalid rate limit unit 'fortnight'"],
      ['descriptors[1]', [1], "duplicate descriptor composite key 'd.a_x'"],
      ['descriptors[2].key', [2], 'descriptor has empty key'],
      ['descriptors[3].rate_limit.unit', [3], "invalid rate limit unit 'UNKNOWN'"],
      ['descriptors[4].rate_limit.requests_per_unit', [4], 'error loading config file: yaml: unmarshal errors:\n  cannot unmarshal !!int `4294967296` into uint32'],
      ['descriptors[5].rate_limit.replaces[0].name', [5], 'replaces should not contain name of same descriptor'],
      ['descriptors[5].rate_limit.replaces[1].name', [5], 'should not have an empty replaces entry'],
    ]);
  });

  it('allows the same key and value at different levels, and a key with and without a value', () => {
    expect(
      rateLimitServiceConfigProblems(config([{ key: 'a', descriptors: [{ key: 'a' }] }, { key: 'a', value: 'v' }, { key: 'a_v' }])),
    ).toEqual([{ path: 'descriptors[2]', descriptor: [2], message: "duplicate descriptor composite key 'd.a_v'" }]);
  });

  it('refuses an empty domain before anything else', () => {
    expect(rateLimitServiceConfigProblems(config([{ key: '' }], ''))).toEqual([{ path: 'domain', descriptor: [], message: 'config file cannot have empty domain' }]);
  });

  it('refuses a domain twice unless domains are merged, and then a key loaded twice', () => {
    const a = { name: 'a.yaml', content: 'domain: d\ndescriptors: [{key: k, value: v}]\n' };
    const b = { name: 'b.yaml', content: 'domain: d\ndescriptors: [{key: k}]\n' };
    expect(loadRateLimitServiceFiles([a, b])).toEqual({ ok: false, error: "b.yaml: duplicate domain 'd' in config file" });
    expect(loadRateLimitServiceFiles([a, b], { mergeDomains: true })).toEqual({ ok: true, domains: ['d'] });
    expect(loadRateLimitServiceFiles([a, a], { mergeDomains: true })).toEqual({ ok: false, error: "a.yaml: duplicate descriptor composite key 'd.k_v'" });
  });
});

describe('reading a configuration file', () => {
  it('reads YAML 1.1 booleans and keeps any scalar in a string field as written', () => {
    expect(parseRateLimitServiceFile('domain: d\ndescriptors:\n  - key: 5\n    value: yes\n    shadow_mode: on\n')).toEqual({
      success: true,
      data: { domain: 'd', descriptors: [{ key: '5', value: 'yes', shadow_mode: true }] },
    });
  });

  it('leaves metadata free and checks every other key', () => {
    expect(parseRateLimitServiceFile('domain: d\ndescriptors:\n  - key: k\n    metadata: {anything: {goes: 1}}\n').success).toBe(true);
    expect(parseRateLimitServiceFile('domain: d\ndescriptors:\n  - key: k\n    rate_limit: {unit: second, per: 1}\n')).toEqual({
      success: false,
      error: "config error, unknown key 'per'",
    });
  });

  it('refuses a float leaf, a non-map root and values of the wrong type, in the decoder’s words', () => {
    expect(parseRateLimitServiceFile('domain: d\ndescriptors:\n  - key: k\n    value: 0.5\n')).toEqual({ success: false, error: 'error checking config' });
    expect(parseRateLimitServiceFile('- a\n')).toEqual({
      success: false,
      error: 'error loading config file: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[interface {}]interface {}',
    });
    expect(parseRateLimitServiceFile('domain: d\ndescriptors:\n  - key: k\n    shadow_mode: 1\n    rate_limit: {unit: second, requests_per_unit: -1}\n')).toEqual({
      success: false,
      error:
        'error loading config file: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!int `1` into bool\n  line 5: cannot unmarshal !!int `-1` into uint32',
    });
  });

  it('reads an empty file as a configuration without a domain', () => {
    expect(parseRateLimitServiceFile('')).toEqual({ success: true, data: {} });
    expect(loadRateLimitServiceFiles([{ name: 'e.yaml', content: '# nothing\n' }])).toEqual({ ok: false, error: 'e.yaml: config file cannot have empty domain' });
  });
});
