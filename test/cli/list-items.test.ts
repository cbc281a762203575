/**
 * A large `kind: List` file is parsed one item at a time (so that only one item's parse tree is in
 * memory), and that must change nothing: the same objects, lines, columns and field positions as
 * parsing it whole, and the whole is parsed whenever the split is not clean.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { listLayout } from '../../src/cli/list-items.js';
import { readObjects } from '../../src/cli/read-inputs.js';
import { SourceLocator } from '../../src/cli/source-positions.js';
import { repoRoot } from './run-cli.js';

const platform = ['gateway', 'policies', 'rollout', 'routes'].flatMap((f) =>
  parseAllDocuments(readFileSync(path.join(repoRoot, `examples/platform/${f}.yaml`), 'utf8'))
    .map((d) => d.toJS())
    .filter((o) => o !== null),
);

/** What a reading gives: each object with its place, and the place of some fields. */
function reading(text: string, splitAbove: number) {
  const locator = new SourceLocator();
  return readObjects('list.yaml', text, { documents: 0, skipped: 0 }, splitAbove).map((o) => ({
    kind: o.kind,
    value: o.value,
    source: o.source,
    at: `${o.at.line}:${o.at.column}`,
    name: locator.fieldPosition(o.at, 'metadata.name'),
    deep: locator.fieldPosition(o.at, 'spec.targetRefs[0].kind'),
  }));
}

const kubectlYaml = (indent: string) =>
  `apiVersion: v1\nitems:\n${platform
    .map((o) =>
      stringify(o)
        .trimEnd()
        .split('\n')
        .map((l, i) => `${indent}${i === 0 ? '- ' : '  '}${l}`)
        .join('\n'),
    )
    .join('\n')}\nkind: List\nmetadata:\n  resourceVersion: ""\n`;

describe('a List read item by item reads as the whole', () => {
  it.each([
    ['kubectl get -o yaml', kubectlYaml('')],
    ['items indented', kubectlYaml('  ')],
    ['kubectl get -o json', JSON.stringify({ apiVersion: 'v1', items: platform, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)],
    ['compact JSON', JSON.stringify({ kind: 'List', items: platform })],
    ['a typed List whose items omit kind', stringify({ apiVersion: 'v1', kind: 'NamespaceList', items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] })],
  ])('%s', (_name, text) => {
    expect(listLayout(text)).toBeDefined();
    const whole = reading(text, Number.POSITIVE_INFINITY);
    expect(whole.length).toBeGreaterThan(1);
    expect(reading(text, 0)).toEqual(whole);
  });

  it('finds each item\'s text', () => {
    const text = 'apiVersion: v1\nitems:\n- kind: A\n  x: |\n    - not an item\n# a comment\n- kind: B\nkind: List\n';
    const layout = listLayout(text)!;
    expect(layout.items.map(([s, e]) => text.slice(s, e))).toEqual(['- kind: A\n  x: |\n    - not an item\n# a comment\n', '- kind: B\n']);
    const json = '{"kind": "List", "items": [ {"a": "]"}, [1, {"b": "\\""}], 3 ], "x": []}';
    expect(listLayout(json)!.items.map(([s, e]) => json.slice(s, e))).toEqual(['{"a": "]"}', '[1, {"b": "\\""}]', '3']);
  });

  it('is not tried on other files', () => {
    expect(listLayout('kind: A\n---\nkind: B\n')).toBeUndefined();
    expect(listLayout('kind: List\nitems: []\n')).toBeUndefined();
    expect(listLayout('{"kind": "Gateway"}')).toBeUndefined();
    expect(listLayout('')).toBeUndefined();
  });

  it('parses the whole when an item refers to another one\'s anchor, or is broken, or the List is not a List', () => {
    const aliased = 'apiVersion: v1\nitems:\n- kind: ConfigMap\n  metadata: &m {name: a}\n- kind: ConfigMap\n  metadata: *m\nkind: List\n';
    expect(reading(aliased, 0)).toEqual(reading(aliased, Number.POSITIVE_INFINITY));
    expect(reading(aliased, 0)[1]!.value).toEqual({ kind: 'ConfigMap', metadata: { name: 'a' } });
    const broken = 'apiVersion: v1\nitems:\n- kind: ConfigMap\n  metadata: {name: a\nkind: List\n';
    const wholeError = (() => {
      try {
        readObjects('b.yaml', broken);
        return 'no error';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(wholeError).toMatch(/^b\.yaml:\d+:\d+: /);
    expect(() => readObjects('b.yaml', broken, undefined, 0)).toThrow(wholeError);
    const notList = 'apiVersion: v1\nitems:\n- kind: ConfigMap\n  metadata: {name: a}\nkind: Other\n';
    expect(reading(notList, 0)).toEqual(reading(notList, Number.POSITIVE_INFINITY));
    expect(reading(notList, 0).map((o) => o.kind)).toEqual(['Other']);
  });
});
