/**
 * Reading what the user points `btp` at (see input-files.ts for which files, and the limits): YAML
 * with several documents, JSON, `kind: List` (what `kubectl get -o yaml|json` prints) and Envoy
 * Gateway resource bundles (`gateways: […]`, `httpRoutes: […]`, …, the shape of its `*.in.yaml`
 * test files). YAML is read as kubectl reads it (YAML 1.1 scalars and merge keys: yaml-1-1.ts,
 * yaml-to-js.ts). Every object comes out with its kind and where it was read from.
 *
 * Documents that are not Kubernetes objects (no `kind`: a Helm chart's `values.yaml` and
 * `Chart.yaml`, a `package.json`) are skipped, with one warning per file. Files are parsed one
 * document at a time, so only one document's parse tree is alive at once. Anything unusable throws
 * an `InputError`.
 */
import { isMap, isSeq, Composer, Lexer, LineCounter, Parser, type Document, type Node } from 'yaml';
import { listLayout, type ListLayout } from './list-items.js';
import { plainJson } from './plain-json.js';
import { escapeControl } from './format-table.js';
import { InputError, type CliIo } from './io.js';
import { collectFiles, DEFAULT_INPUT_OPTIONS, readInputText, STDIN, type InputOptions } from './input-files.js';
import type { DocumentSource, ObjectSource } from './source-positions.js';
import { KUBECTL_YAML_OPTIONS } from './yaml-1-1.js';
import { documentToJs, MAX_YAML_DEPTH, YamlReadError } from './yaml-to-js.js';
import { KIND_RULES } from '../index.js';
import { BUNDLE_KINDS } from '../read/input.js';
import { isRecord } from '../lang/json.js';

/** One Kubernetes object of the input. */
export interface InputObject {
  kind: string;
  /** The object as read; bundle items that omit `kind` get it from their bundle key. */
  value: Record<string, unknown>;
  /** `file:line` (or `<stdin>:line`) of the object. */
  source: string;
  /** Where the object is, for the positions of its fields (source-positions.ts). */
  at: ObjectSource;
}

/** Something about a whole input file that did not stop the command. */
export interface InputWarning {
  file: string;
  message: string;
}

/** What was read: the objects, and a warning for each file that had documents that are not Kubernetes objects. */
export interface Inputs {
  objects: InputObject[];
  warnings: InputWarning[];
}

/** How many documents a file had, and how many of them were not Kubernetes objects. */
export interface DocumentCount {
  documents: number;
  skipped: number;
}

const MAX_LIST_DEPTH = 8;
/** The `yaml` package's words when its parser runs out of stack. */
const STACK_OVERFLOW = /Maximum call stack size exceeded/;

/** Is `value` an Envoy Gateway resource bundle: a mapping with a list under a key such as `gateways` or `httpRoutes`? */
function isBundle(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((key) => Object.hasOwn(BUNDLE_KINDS, key.toLowerCase()) && Array.isArray(value[key]));
}

/**
 * The most YAML values (scalars and collections) in one document. btp parses each document whole
 * (twice when it has findings, for their positions), and reading one peaks at about 1.2–1.4 kB a
 * value, syntax tree and parse tree together: 1.37 GB for a million `[]`, 547 MB for an Envoy
 * Gateway bundle of 5,000 routes (466,000 values). A million fits the heap Node gives a machine
 * of 8 GB; 3.9 million `[]` (11.7 MB) ran this machine's 4 GB heap out after 55 s. Manifests
 * take 10–20 bytes a value and a `kind: List` is parsed item by item (each item a document), so
 * only a document of tiny values or a very large bundle reaches it.
 */
export const MAX_YAML_NODES = 1_000_000;

/**
 * The values of the largest document in `text`, counted by the lexer (which keeps nothing) and
 * given up past `stopAbove`: a scalar (plain, block or quoted) or the start of a flow collection is
 * one. Block collections are not counted, but each holds a counted scalar or collection.
 */
export function largestDocument(text: string, stopAbove: number): number {
  let nodes = 0;
  let largest = 0;
  for (const token of new Lexer().lex(text)) {
    // 0x02: the lexer's mark where a document starts (or `---`, which starts the next one).
    if (token === '\x02' || token === '---') {
      nodes = 0;
      continue;
    }
    const c = token.charCodeAt(0);
    // 0x1f: the lexer's mark before a plain or block scalar; 0x22, 0x27: a quoted scalar; 0x5b, 0x7b: `[`, `{`.
    if (c === 0x1f || c === 0x22 || c === 0x27 || ((c === 0x5b || c === 0x7b) && token.length === 1)) {
      if (++nodes > largest) largest = nodes;
      if (largest > stopAbove) break;
    }
  }
  return largest;
}

/** From this size on, a file that is one `kind: List` is parsed one item at a time (list-items.ts). */
export const SPLIT_LIST_BYTES = 1024 * 1024;

/**
 * The parsed documents of `text` (offsets relative to it), one at a time; `name` is the file's, for
 * a refusal. `listItem`: the text is one item of a List read item by item.
 */
function* documents(text: string, name: string, listItem = false): Generator<Document.Parsed> {
  // Counted before parsing: the parse of a document over the limit is what would run out of memory.
  // Each value counted starts at a character of its own, so a List item no longer than the limit
  // (which they all are but a giant one) is within it uncounted: the count lexed every item again,
  // a tenth of reading a List. A whole file is counted whatever its size, so that reading one costs
  // the same per byte at every size.
  if ((!listItem || text.length > MAX_YAML_NODES) && largestDocument(text, MAX_YAML_NODES) > MAX_YAML_NODES) {
    throw new InputError(
      `${name}: a YAML document holds more than ${MAX_YAML_NODES.toLocaleString('en-US')} values (scalars and collections); btp parses a document whole, so it reads at most that many in one`,
    );
  }
  // `uniqueKeys: false`: the parser's own duplicate-key check is quadratic; documentToJs does it in linear time.
  yield* new Composer({ ...KUBECTL_YAML_OPTIONS, uniqueKeys: false }).compose(new Parser().parse(text));
}

/** The value of a document, or why it cannot be read (with the offset, relative to the text parsed). */
function documentValue(doc: Document.Parsed): { value: unknown } | { error: string; offset: number } {
  const error = doc.errors[0];
  if (error) return { error: STACK_OVERFLOW.test(error.message) ? `nested more than ${MAX_YAML_DEPTH} levels deep` : error.message.split('\n')[0]!, offset: error.pos[0] };
  try {
    return { value: documentToJs(doc) };
  } catch (err) {
    if (err instanceof YamlReadError) return { error: err.message, offset: err.offset };
    throw err;
  }
}

/** Line starts of `text`. */
function lineStarts(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/**
 * Every object of one file. JSON is read by the YAML parser (JSON is YAML), so both report syntax
 * errors with a line and column. `count` adds up the documents read and skipped. A file of
 * `splitAbove` bytes or more that is a single List is parsed item by item.
 */
export function readObjects(name: string, text: string, count: DocumentCount = { documents: 0, skipped: 0 }, splitAbove = SPLIT_LIST_BYTES): InputObject[] {
  const lines = lineStarts(text);
  const out: InputObject[] = [];
  const at = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `${name}:${line}:${col}`;
  };
  const layout = text.length >= splitAbove ? listLayout(text) : undefined;
  if (layout && readListItems(layout)) {
    count.documents++;
    return out;
  }
  for (const doc of documents(text, name)) {
    const read = documentValue(doc);
    if ('error' in read) throw new InputError(`${at(read.offset)}: ${read.error}`);
    const { value } = read;
    if (value === null || value === undefined) continue; // an empty document (a trailing `---`, only comments)
    const document: DocumentSource = { file: name, text, start: doc.range[0], end: doc.range[2], lines };
    if (isKubernetes(value)) {
      count.documents++;
      collect(value, doc.contents, document, 0, [], 0);
    } else {
      count.skipped++;
    }
  }
  return out;

  /**
   * A List read item by item: its own fields from the text without the items, then each item on its
   * own. False (nothing collected) when anything is not as expected, and the whole is parsed instead.
   */
  function readListItems(layout: ListLayout): boolean {
    const [cutStart, cutEnd] = layout.cut;
    const headerDocs = [...documents(text.slice(0, cutStart) + text.slice(cutEnd), name)];
    const header = headerDocs.length === 1 ? documentValue(headerDocs[0]!) : undefined;
    if (!header || 'error' in header || !isRecord(header.value)) return false;
    const kind = header.value.kind;
    const empty = header.value.items === null || (Array.isArray(header.value.items) && header.value.items.length === 0);
    if (typeof kind !== 'string' || !/List$/.test(kind) || !empty) return false;
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    // Each item is collected as soon as it is read, so that its parse tree can go; a failure takes them all back.
    const before = out.length;
    for (const [start, end] of layout.items) {
      // An item that is one object read alike by JSON.parse (plain-json.ts): its place is its start.
      const json = layout.style === 'json' ? plainJson(text.slice(start, end)) : undefined;
      if (json && isRecord(json.value) && typeof json.value.kind === 'string' && json.value.kind !== '' && !/List$/.test(json.value.kind)) {
        collect(json.value, undefined, { file: name, text, start, end, lines }, start, [], 1, itemKind);
        continue;
      }
      const docs = [...documents(text.slice(start, end), name, true)];
      const read = docs.length === 1 ? documentValue(docs[0]!) : undefined;
      const contents = docs[0]?.contents;
      const item =
        !read || 'error' in read
          ? undefined
          : layout.style === 'json'
            ? { value: read.value, node: contents }
            : Array.isArray(read.value) && read.value.length === 1 && isSeq(contents)
              ? { value: read.value[0], node: contents.items[0] }
              : undefined;
      if (!item) {
        out.length = before;
        return false;
      }
      collect(item.value, item.node, { file: name, text, start, end, lines }, start, layout.style === 'yaml' ? [0] : [], 1, itemKind);
    }
    return true;
  }

  /**
   * Collects the objects in `value`. Node offsets are relative to `base` in the file's text; `path`
   * leads from the document's root to `value`.
   */
  function collect(value: unknown, node: unknown, document: DocumentSource, base: number, path: Array<string | number>, depth: number, kindHint?: string): void {
    const offset = base + ((node as Node | undefined)?.range?.[0] ?? document.start - base);
    const { line, col } = lines.linePos(offset);
    const source = `${name}:${line}`;
    if (Array.isArray(value)) {
      // A JSON array of objects: each is an object of the input.
      if (depth >= MAX_LIST_DEPTH) throw new InputError(`${source}: arrays nested more than ${MAX_LIST_DEPTH} deep`);
      value.forEach((item, i) => collect(item, itemNode(node, i), document, base, [...path, i], depth + 1));
      return;
    }
    if (!isRecord(value)) throw new InputError(`${source}: not a Kubernetes object (expected a mapping with apiVersion and kind)`);
    const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : kindHint;
    if (kind !== undefined && /List$/.test(kind) && Array.isArray(value.items)) {
      if (depth >= MAX_LIST_DEPTH) throw new InputError(`${source}: Lists nested more than ${MAX_LIST_DEPTH} deep`);
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      const items = isMap(node) ? node.get('items', true) : undefined;
      value.items.forEach((item, i) => collect(item, itemNode(items, i), document, base, [...path, 'items', i], depth + 1, itemKind));
      return;
    }
    if (kind !== undefined) {
      const at: ObjectSource = { document, path, line, column: col };
      out.push({ kind, value: value.kind === kind ? value : { ...value, kind }, source, at });
      return;
    }
    if (isBundle(value)) {
      // An Envoy Gateway resource bundle: each key holds a list of objects of one kind.
      for (const [key, list] of Object.entries(value)) {
        if (!Array.isArray(list)) continue; // e.g. envoyProxyForGatewayClass: one object, not used here
        const seq = isMap(node) ? node.get(key, true) : undefined;
        const hint = Object.hasOwn(BUNDLE_KINDS, key.toLowerCase()) ? BUNDLE_KINDS[key.toLowerCase()] : undefined;
        list.forEach((item, i) => {
          if (isRecord(item) && typeof item.kind !== 'string' && hint === undefined) return; // a kind we cannot know and do not use
          collect(item, itemNode(seq, i), document, base, [...path, key, i], depth + 1, hint);
        });
      }
      return;
    }
    throw new InputError(`${source}: object has no kind (expected a Kubernetes object, a List or an Envoy Gateway resource bundle)`);
  }

  function itemNode(seq: unknown, i: number): unknown {
    return isSeq(seq) ? seq.items[i] : undefined;
  }
}

/**
 * Whether a document holds Kubernetes objects: an object with a `kind` (a List too), a resource
 * bundle, or an array with at least one object with a `kind` (or none at all). Anything else — a
 * Helm chart's values, a `package.json`, a bare string — is not a manifest and is skipped.
 */
function isKubernetes(value: unknown): boolean {
  const hasKind = (v: unknown) => isRecord(v) && typeof v.kind === 'string' && v.kind !== '';
  if (Array.isArray(value)) return value.length === 0 || value.some(hasKind);
  return isRecord(value) && (hasKind(value) || isBundle(value));
}

/** The warning for a file with documents that are not Kubernetes objects. */
function skippedWarning(file: string, count: DocumentCount): InputWarning {
  const message =
    count.documents === 0
      ? 'not a Kubernetes manifest (no kind), skipped'
      : `${count.skipped} of its ${count.documents + count.skipped} documents ${count.skipped === 1 ? 'is not a Kubernetes object' : 'are not Kubernetes objects'} (no kind), skipped`;
  return { file, message };
}

/** `-n`: the namespace of namespaced objects that name none; others are left as they are. */
function withNamespace(object: InputObject, namespace: string): InputObject {
  const rule = Object.hasOwn(KIND_RULES, object.kind) ? KIND_RULES[object.kind] : undefined;
  if (!rule?.namespaced) return object;
  const meta = object.value.metadata;
  if (meta !== undefined && !isRecord(meta)) return object;
  if (typeof meta?.namespace === 'string' && meta.namespace !== '') return object;
  return { ...object, value: { ...object.value, metadata: { ...meta, namespace } } };
}

/**
 * Read every input (paths after the command, `-f`, `-`, or piped stdin) into objects. Writes one
 * warning line per skipped file to stderr once all are read; throws `InputError` on anything
 * unusable (and then writes nothing else).
 */
export function readInputs(paths: readonly string[], io: Pick<CliIo, 'readStdin' | 'cwd' | 'stdinPiped' | 'stderr'>, options: InputOptions = DEFAULT_INPUT_OPTIONS): Inputs {
  const files = collectFiles(paths, options, io);
  if (files.length === 0) throw new InputError(`no .yaml, .yml or .json files in ${[...paths, ...options.filenames].join(', ')}`);
  const budget = { left: options.maxInputBytes };
  const objects: InputObject[] = [];
  const warnings: InputWarning[] = [];
  let documents = 0;
  for (const file of files) {
    const name = file === STDIN ? '<stdin>' : file;
    const count: DocumentCount = { documents: 0, skipped: 0 };
    for (const object of readObjects(name, readInputText(file, options, budget, io), count)) {
      objects.push(options.namespace === undefined ? object : withNamespace(object, options.namespace));
    }
    documents += count.documents;
    if (count.skipped > 0) warnings.push(skippedWarning(name, count));
  }
  // An empty List (`kubectl get` that found nothing) is an answer; files with no objects are not.
  if (documents === 0) throw new InputError(`no Kubernetes objects in ${files.map((f) => (f === STDIN ? '<stdin>' : f)).join(', ')}`);
  // Only once everything could be read: unusable input is one line on stderr, nothing else.
  for (const w of warnings) io.stderr(`btp: warning: ${escapeControl(`${w.file}: ${w.message}`)}\n`);
  return { objects, warnings };
}

/** `namespace/name` of an object; a namespaced object without a namespace is in `default`, as kubectl has it. */
export function objectName(value: Record<string, unknown>): { namespace: string; name: string } {
  const meta = isRecord(value.metadata) ? value.metadata : {};
  return {
    namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
}
