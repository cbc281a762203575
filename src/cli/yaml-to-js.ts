/**
 * A parsed YAML document → plain JavaScript data, as go-yaml v2 (kubectl's reader) builds it, in
 * time linear in the document: the `yaml` package's own `toJS` looks every alias up among all the
 * anchors (quadratic: 700 KB of anchors and aliases took 15 s) and its duplicate-key check compares
 * each key with every earlier one (quadratic: 80,000 keys took a minute). Here:
 *
 * - duplicate keys are found with one hash set per mapping, and refused with the `yaml` package's
 *   words (`Map keys must be unique`), at the second key;
 * - aliases are resolved through a table of the anchors seen so far, in document order; an alias
 *   inside the node it names (`- &a [*a]`) is refused as go-yaml refuses it (`anchor 'a' value
 *   contains itself`) instead of building a cycle;
 * - alias expansion is bounded by go-yaml's own rule (`document contains excessive aliasing`): it
 *   counts every node decoding would visit, aliases expanded, and fails once aliases make up too
 *   much of it (99% of the first 400,000 nodes, falling to 10% at 4,000,000);
 * - merge keys (`<<: *defaults`, or a list of them) copy the keys the mapping does not set itself,
 *   earlier sources first, as the `yaml` package and YAML's merge-key specification have it (keys
 *   keep the `yaml` package's order);
 * - keys become strings as sigs.k8s.io/yaml writes them into JSON (`yes: 1` → `"true"`); a null
 *   or collection key is refused, as kubectl refuses it;
 * - `__proto__` and friends stay ordinary own keys;
 * - nesting deeper than {@link MAX_YAML_DEPTH} is refused before it can exhaust the stack.
 *
 * Problems are thrown as {@link YamlReadError}s carrying the offset of the offending node.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type ParsedNode } from 'yaml';
import { setOwn, type JsonObject } from '../lang/json.js';

/**
 * Nesting levels of one document that are read. Kubernetes objects nest about a dozen levels, the
 * library skips an object nested past 64 (with a diagnostic), and the `yaml` package's parser itself
 * runs out of stack a few hundred levels further on.
 */
export const MAX_YAML_DEPTH = 256;

/** A document that cannot be read as kubectl would read it; `offset` is where in the source. */
export class YamlReadError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Anchor {
  value: unknown;
  /** Nodes go-yaml decodes for the anchored node, its aliases expanded; undefined while it is being read. */
  size: number | undefined;
}

/** go-yaml v2's `allowedAliasRatio` (decode.go): the share of decoded nodes aliases may account for. */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}

const offsetOf = (node: Node | null | undefined): number => node?.range?.[0] ?? 0;

/** The key as sigs.k8s.io/yaml writes it into JSON. */
function keyString(key: unknown, node: Node | null): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') return String(key);
  throw new YamlReadError('a mapping key must be a string, a number or a boolean', offsetOf(node));
}

/** The JavaScript value of a parsed document (`null` for an empty one). */
export function documentToJs(doc: Document.Parsed): unknown {
  const anchors = new Map<string, Anchor>();
  let decoded = 0;
  let aliased = 0;
  const count = (nodes: number, viaAlias: number, at: Node): void => {
    decoded += nodes;
    aliased += viaAlias;
    if (aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded)) {
      throw new YamlReadError('document contains excessive aliasing', offsetOf(at));
    }
  };

  /** The node's value and how many nodes go-yaml would decode for it. */
  const read = (node: ParsedNode | null, depth: number): { value: unknown; size: number } => {
    if (node === null) return { value: null, size: 0 };
    if (depth > MAX_YAML_DEPTH) throw new YamlReadError(`nested more than ${MAX_YAML_DEPTH} levels deep`, offsetOf(node));
    if (isAlias(node)) {
      const anchor = anchors.get(node.source);
      // The composer reports an alias to no anchor as a document error, before this runs.
      if (anchor === undefined) throw new YamlReadError(`unknown anchor '${node.source}' referenced`, offsetOf(node));
      if (anchor.size === undefined) throw new YamlReadError(`anchor '${node.source}' value contains itself`, offsetOf(node));
      count(1 + anchor.size, anchor.size, node);
      return { value: anchor.value, size: 1 + anchor.size };
    }
    count(1, 0, node);
    const anchor: Anchor | undefined = node.anchor ? { value: undefined, size: undefined } : undefined;
    if (node.anchor && anchor) anchors.set(node.anchor, anchor);
    let result: { value: unknown; size: number };
    if (isScalar(node)) {
      result = { value: node.value, size: 1 };
    } else if (isSeq(node)) {
      const items: unknown[] = [];
      if (anchor) anchor.value = items;
      let size = 1;
      for (const item of node.items) {
        const r = read(item as ParsedNode | null, depth + 1);
        items.push(r.value);
        size += r.size;
      }
      result = { value: items, size };
    } else if (isMap(node)) {
      const object: JsonObject = {};
      if (anchor) anchor.value = object;
      const seen = new Map<unknown, true>();
      let size = 1;
      for (const pair of node.items) {
        const keyNode = pair.key as ParsedNode | null;
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
          // A merge key (`<<`): copy the keys this mapping does not have (yet: a key written later
          // in the mapping replaces a merged one), earlier sources first.
          const valueNode = pair.value as ParsedNode | null;
          const merged = read(valueNode, depth + 1);
          size += merged.size;
          for (const source of isSeq(valueNode) ? (merged.value as unknown[]) : [merged.value]) {
            if (source === null || typeof source !== 'object' || Array.isArray(source)) {
              throw new YamlReadError('map merge requires map or sequence of maps as the value', offsetOf(valueNode ?? keyNode));
            }
            for (const key of Object.keys(source)) if (!Object.hasOwn(object, key)) setOwn(object, key, (source as JsonObject)[key]);
          }
          continue;
        }
        if (isScalar(keyNode) && !Number.isNaN(keyNode.value)) {
          if (seen.has(keyNode.value)) throw new YamlReadError('Map keys must be unique', offsetOf(keyNode));
          seen.set(keyNode.value, true);
        }
        const key = read(keyNode, depth + 1);
        const value = read(pair.value as ParsedNode | null, depth + 1);
        size += key.size + value.size;
        setOwn(object, keyString(key.value, keyNode), value.value);
      }
      result = { value: object, size };
    } else {
      result = { value: null, size: 1 };
    }
    if (anchor) {
      anchor.value = result.value;
      anchor.size = result.size;
    }
    return result;
  };
  return read(doc.contents, 0).value;
}
