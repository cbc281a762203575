/**
 * Where things are in the files: `file:line:col` of an object, and of a field in it named by a path
 * such as `spec.timeout.http.requestTimeout` or `spec.targetRefs[0].kind` (the paths of validation
 * issues and diagnostics), from the YAML parser's source ranges.
 *
 * The parse tree of a document costs about fifteen times its text, so it is not kept: each object
 * remembers its document's place in the file's text, and a document is parsed again only when one
 * of its fields is asked for (the last one is kept, since a document's issues are asked for
 * together). A field that is not written in the file (a missing required field, one that came from
 * a merge key) is placed at the nearest enclosing field that is.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import { KUBECTL_YAML_OPTIONS } from './yaml-1-1.js';

/** One document of an input file. */
export interface DocumentSource {
  /** The file as printed (`<stdin>` for standard input). */
  file: string;
  /** The whole file. */
  text: string;
  /** Where the document starts and ends in `text`. */
  start: number;
  end: number;
  /** Line starts of `text`. */
  lines: LineCounter;
}

/** Where an object is: its document, the path from the document's root to it, its first line and column. */
export interface ObjectSource {
  document: DocumentSource;
  path: ReadonlyArray<string | number>;
  line: number;
  column: number;
}

/** A place in a file; columns count from 1, as editors and SARIF do. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** `file:line:col`. */
export const formatPosition = (p: SourcePosition): string => `${p.file}:${p.line}:${p.column}`;

/** `spec.targetRefs[0].kind` → `['spec', 'targetRefs', 0, 'kind']`; map keys in brackets (`labels[app.kubernetes.io/name]`) stay whole. */
function fieldPathSegments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') {
      i++;
      continue;
    }
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      const inner = path.slice(i + 1, close === -1 ? path.length : close);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close === -1 ? path.length : close + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

/** Finds positions of objects and their fields, re-parsing one document at a time. */
export class SourceLocator {
  private last: { source: DocumentSource; doc: Document.Parsed } | undefined;
  /** The keys of each mapping looked into, so that many fields of one large mapping cost one pass. */
  private keys = new WeakMap<YAMLMap, Map<string, Pair>>();
  /** Objects by `kind/namespace/name`, per list of objects, built on the first look-up. */
  private named = new WeakMap<readonly object[], Map<string, object>>();

  /** Where the object starts. */
  objectPosition(at: ObjectSource): SourcePosition {
    return { file: at.document.file, line: at.line, column: at.column };
  }

  /** Where the field `fieldPath` (relative to the object) is written; the object's position when the path is empty or not found at all. */
  fieldPosition(at: ObjectSource, fieldPath: string): SourcePosition {
    const segments = fieldPath === '' || fieldPath === '<nil>' ? [] : fieldPathSegments(fieldPath);
    if (segments.length === 0) return this.objectPosition(at);
    const doc = this.parse(at.document);
    if (!doc) return this.objectPosition(at);
    let node = this.descend(doc, doc.contents, at.path)?.node;
    if (!node) return this.objectPosition(at);
    let position: Node = node;
    for (const segment of segments) {
      const next = this.descend(doc, node, [segment]);
      if (!next) break;
      node = next.node;
      position = next.key ?? next.node;
    }
    const offset = position.range?.[0];
    if (offset === undefined) return this.objectPosition(at);
    const { line, col } = at.document.lines.linePos(at.document.start + offset);
    return { file: at.document.file, line, column: col };
  }

  /** The first of `objects` with this kind, namespace and name (`identify` says each object's), indexed once per list. */
  objectNamed<T extends object>(objects: readonly T[], kind: string, namespace: string, name: string, identify: (o: T) => { kind: string; namespace: string; name: string }): T | undefined {
    let index = this.named.get(objects) as Map<string, T> | undefined;
    if (!index) {
      index = new Map();
      for (const o of objects) {
        const id = identify(o);
        const key = `${id.kind}\u0000${id.namespace}\u0000${id.name}`;
        if (!index.has(key)) index.set(key, o);
      }
      this.named.set(objects, index);
    }
    return index.get(`${kind}\u0000${namespace}\u0000${name}`);
  }

  private parse(source: DocumentSource): Document.Parsed | undefined {
    if (this.last?.source === source) return this.last.doc;
    const doc = parseDocument(source.text.slice(source.start, source.end), { ...KUBECTL_YAML_OPTIONS, uniqueKeys: false });
    if (doc.errors.length > 0) return undefined;
    this.last = { source, doc };
    return doc;
  }

  private keysOf(map: YAMLMap): Map<string, Pair> {
    let keys = this.keys.get(map);
    if (!keys) {
      keys = new Map();
      for (const pair of map.items) if (isScalar(pair.key) && !keys.has(String(pair.key.value))) keys.set(String(pair.key.value), pair);
      this.keys.set(map, keys);
    }
    return keys;
  }

  /** Follows `path` from `node`: map keys by their string form, sequence items by index, through aliases. */
  private descend(doc: Document.Parsed, start: unknown, path: ReadonlyArray<string | number>): { node: Node; key?: Node } | undefined {
    let node = start as Node | null | undefined;
    let key: Node | undefined;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc) as Node | undefined;
      if (isMap(node)) {
        const pair = this.keysOf(node).get(String(segment));
        if (!pair) return undefined;
        key = pair.key as Node;
        node = pair.value as Node | null;
        if (node === null) return { node: key, key };
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment] as Node | undefined;
        key = undefined;
      } else {
        return undefined;
      }
      if (!node) return undefined;
    }
    return node ? { node, ...(key ? { key } : {}) } : undefined;
  }
}
