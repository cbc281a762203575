/**
 * The habits of a well-behaved command line: `btp help <command>`, "did you mean" for a misspelt
 * command, option or value, `--color` and `FORCE_COLOR`, and table output that a name or value
 * from the input cannot use to move the cursor, recolour or forge lines (control characters are
 * escaped; only btp's own colours get through).
 */
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/cli/did-you-mean.js';
import { painter, terminalLines } from '../../src/cli/format-table.js';
import { autoColour } from '../../src/cli/io.js';
import { STATUS_USAGE } from '../../src/cli/commands/status.js';
import { GATEWAY, route } from './manifests.js';
import { btp } from './run-cli.js';

describe('btp help <command>', () => {
  it.each(['resolve', 'explain', 'status', 'envoy', 'validate', 'schema'])('btp help %s prints that command\'s help', (command) => {
    const run = btp(['help', command]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(btp([command, '--help']).stdout);
    expect(run.stdout).toMatch(new RegExp(`^Usage: btp ${command}`));
  });

  it('btp help alone, or of an unknown command', () => {
    expect(btp(['help']).stdout).toMatch(/^Usage: btp <command>/);
    expect(btp(['help', 'stauts'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^btp: unknown command "stauts"; did you mean status\?/) });
    expect(STATUS_USAGE).toContain('-o, --output table|json|yaml|name|junit|sarif');
  });
});

describe('did you mean', () => {
  it('a misspelt command', () => {
    expect(btp(['reslove', 'examples/platform', 'examples/problems'])).toEqual({ code: 2, stdout: '', stderr: 'btp: unknown command "reslove"; did you mean resolve? (commands: resolve, explain, status, envoy, validate, schema; see btp --help)\n' });
    expect(btp(['frobnicate']).stderr).not.toContain('did you mean');
  });

  it('a misspelt option, long or short', () => {
    expect(btp(['status', '--outptu', 'json', 'examples/platform', 'examples/problems']).stderr).toBe("btp: status: unknown option '--outptu'; did you mean --output? (see btp status --help)\n");
    expect(btp(['resolve', '--namspace', 'x', 'examples/platform', 'examples/problems']).stderr).toBe("btp: resolve: unknown option '--namspace'; did you mean --namespace? (see btp resolve --help)\n");
    expect(btp(['validate', '--stirct', 'examples/platform', 'examples/problems']).stderr).toContain('did you mean --strict?');
    expect(btp(['resolve', '--bogus', 'examples/platform', 'examples/problems']).stderr).toBe("btp: resolve: unknown option '--bogus' (see btp resolve --help)\n");
  });

  it('a misspelt value', () => {
    expect(btp(['status', '-o', 'jsno', 'examples/platform', 'examples/problems']).stderr).toBe('btp: --output must be table, json, yaml, name, junit or sarif (got "jsno"); did you mean json?\n');
    expect(btp(['envoy', '-o', 'config_dump', 'examples/platform', 'examples/problems']).stderr).toContain('did you mean config-dump?');
    expect(btp(['status', '--profile', 'clutser', 'examples/platform', 'examples/problems']).stderr).toContain('did you mean cluster?');
  });

  it('by an edit distance that counts a swap of neighbours as one edit', () => {
    expect(editDistance('stauts', 'status')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('xml', ['table', 'json', 'yaml'])).toBeUndefined();
    expect(closest('x'.repeat(100_000), ['resolve'])).toBeUndefined();
  });
});

describe('colour', () => {
  // eslint-disable-next-line no-control-regex
  const ansi = /\u001b\[/;

  it('--color always and never override the terminal and the environment', () => {
    expect(btp(['status', '--color', 'always', 'examples/platform', 'examples/problems'], { colour: false }).stdout).toMatch(ansi);
    expect(btp(['status', '--color=never', 'examples/platform', 'examples/problems'], { colour: true }).stdout).not.toMatch(ansi);
    expect(btp(['status', '--color', 'auto', 'examples/platform', 'examples/problems'], { colour: true }).stdout).toMatch(ansi);
    expect(btp(['status', '-o', 'json', '--color', 'always', 'examples/platform', 'examples/problems']).stdout).not.toMatch(ansi);
    expect(btp(['status', '--color', 'sometimes', 'examples/platform', 'examples/problems']).stderr).toBe('btp: --color must be auto, always or never (got "sometimes")\n');
  });

  it('auto: FORCE_COLOR wins (0 or false turns it off), then NO_COLOR, then whether stdout is a terminal', () => {
    expect(autoColour(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(autoColour(false, { FORCE_COLOR: '' })).toBe(true);
    expect(autoColour(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(autoColour(true, { FORCE_COLOR: 'false' })).toBe(false);
    expect(autoColour(false, { FORCE_COLOR: '3', NO_COLOR: '1' })).toBe(true);
    expect(autoColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(autoColour(true, { NO_COLOR: '' })).toBe(true);
    expect(autoColour(true, {})).toBe(true);
    expect(autoColour(false, {})).toBe(false);
  });
});

describe('control characters in table output', () => {
  const hostile = `${GATEWAY}---
${route('name: "r\\u001b[2J\\u001b]0;pwned\\u0007", backendRefs: [{name: web, port: 80}]')}---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: "p\\n6 BackendTrafficPolicies: all accepted", namespace: default}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: tags, namespace: default}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: web}]
  telemetry: {tracing: {customTags: {evil: {type: Literal, literal: {value: "\\u001b[31mred\\u009b2J"}}}}}
`;

  it('are escaped, so input cannot clear the screen, set the title, recolour or forge a line', () => {
    for (const command of [['resolve'], ['status'], ['validate'], ['explain', 'httproute/default/web']]) {
      const run = btp([...command, '-'], { stdin: hostile });
      // eslint-disable-next-line no-control-regex
      expect(run.stdout, command[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(run.stdout, command[0]).not.toMatch(/^6 BackendTrafficPolicies: all accepted$/m);
    }
    const resolve = btp(['resolve', '-'], { stdin: hostile }).stdout;
    expect(resolve).toContain('rule 0 (r\\u001b[2J\\u001b]0;pwned\\u0007)');
    expect(resolve).toMatch(/customTags.*\\u001b\[31mred\\u009b2J/);
  });

  it('in stderr lines too', () => {
    const run = btp(['status', '-o', 'json', '-'], { stdin: hostile.replace('name: eg}]', 'name: nowhere}]') });
    expect(run.stderr).toContain('default/p\\n6 BackendTrafficPolicies: all accepted');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('while btp\'s own colours get through, and input cannot forge them', () => {
    const paint = painter(true);
    const forged = `\uE000${'0'.repeat(16)}31\uE001`;
    const text = terminalLines([`${paint.red('bad')} ${forged}x \u001b[31m`], paint);
    expect(text).toBe(`\u001b[31mbad\u001b[39m ${forged}x \\u001b[31m\n`);
    expect(terminalLines(['a\tb'], painter(false))).toBe('a\\tb\n');
  });
});
