/**
 * Reading what the user points `btp` at: files, directories (recursively: `*.yaml`, `*.yml`,
 * `*.json`) and `-` for stdin; YAML with several documents, JSON, `kind: List` (what
 * `kubectl get -o yaml|json` prints) and Envoy Gateway resource bundles (`gateways: […]`,
 * `httpRoutes: […]`, …, the shape of its `*.in.yaml` test files); YAML merge keys (`<<: *anchor`)
 * are applied, as kubectl does. Every object comes out with
 * its kind and the `file:line` it was read from. Anything unusable throws an `InputError`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { InputError, type CliIo } from './io.js';
import { BUNDLE_KINDS } from '../read/input.js';
import { isRecord } from '../lang/json.js';

/** One Kubernetes object of the input. */
export interface InputObject {
  kind: string;
  /** The object as read; bundle items that omit `kind` get it from their bundle key. */
  value: Record<string, unknown>;
  /** `file:line` (or `<stdin>:line`) of the object. */
  source: string;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const MAX_LIST_DEPTH = 8;


/** Files named on the command line, directories expanded recursively (sorted, so output is stable). */
export function collectFiles(paths: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      } else if (EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        files.push(path);
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      files.push(p);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(resolve(cwd, p)).isDirectory();
    } catch {
      throw new InputError(`${p}: no such file or directory`);
    }
    if (isDirectory) walk(p);
    else files.push(p);
  }
  return files;
}

function readText(file: string, io: Pick<CliIo, 'readStdin' | 'cwd'>): string {
  try {
    return file === '-' ? io.readStdin() : readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new InputError(`${file === '-' ? '<stdin>' : file}: cannot read: ${reason}`);
  }
}

/**
 * Every object of one file. JSON is read by the YAML parser (JSON is YAML 1.2), so both report
 * syntax errors with a line and column.
 */
export function readObjects(name: string, text: string, counter: { documents: number } = { documents: 0 }): InputObject[] {
  const lineCounter = new LineCounter();
  const out: InputObject[] = [];
  // `merge`: YAML merge keys (`<<: *defaults`), which kubectl's YAML reader applies.
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: true, merge: true })) {
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new InputError(`${name}${at ? `:${at.line}:${at.col}` : ''}: ${message}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      throw new InputError(`${name}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (value === null || value === undefined) continue; // an empty document (a trailing `---`, only comments)
    counter.documents++;
    const lineOf = (node: unknown, fallback: number): number => {
      const range = (node as Node | undefined)?.range;
      return range ? lineCounter.linePos(range[0]).line : fallback;
    };
    collect(value, doc.contents, lineOf(doc.contents, 1), 0);
  }
  return out;

  function collect(value: unknown, node: unknown, line: number, depth: number, kindHint?: string): void {
    const source = `${name}:${line}`;
    if (Array.isArray(value)) {
      // A JSON array of objects: each is an object of the input.
      value.forEach((item, i) => collect(item, itemNode(node, i), lineOfItem(node, i, line), depth + 1));
      return;
    }
    if (!isRecord(value)) throw new InputError(`${source}: not a Kubernetes object (expected a mapping with apiVersion and kind)`);
    const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : kindHint;
    if (kind !== undefined && /List$/.test(kind) && Array.isArray(value.items)) {
      if (depth >= MAX_LIST_DEPTH) throw new InputError(`${source}: Lists nested more than ${MAX_LIST_DEPTH} deep`);
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      const items = isMap(node) ? node.get('items', true) : undefined;
      value.items.forEach((item, i) => collect(item, itemNode(items, i), lineOfItem(items, i, line), depth + 1, itemKind));
      return;
    }
    if (kind !== undefined) {
      out.push({ kind, value: value.kind === kind ? value : { ...value, kind }, source });
      return;
    }
    if (Object.values(value).some(Array.isArray)) {
      // An Envoy Gateway resource bundle: each key holds a list of objects of one kind.
      for (const [key, list] of Object.entries(value)) {
        if (!Array.isArray(list)) continue; // e.g. envoyProxyForGatewayClass: one object, not used here
        const seq = isMap(node) ? node.get(key, true) : undefined;
        const hint = Object.hasOwn(BUNDLE_KINDS, key.toLowerCase()) ? BUNDLE_KINDS[key.toLowerCase()] : undefined;
        list.forEach((item, i) => {
          const itemLine = lineOfItem(seq, i, line);
          if (isRecord(item) && typeof item.kind !== 'string' && hint === undefined) return; // a kind we cannot know and do not use
          collect(item, itemNode(seq, i), itemLine, depth + 1, hint);
        });
      }
      return;
    }
    throw new InputError(`${source}: object has no kind (expected a Kubernetes object, a List or an Envoy Gateway resource bundle)`);
  }

  function itemNode(seq: unknown, i: number): unknown {
    return isSeq(seq) ? seq.items[i] : undefined;
  }

  function lineOfItem(seq: unknown, i: number, fallback: number): number {
    const range = (itemNode(seq, i) as Node | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : fallback;
  }
}

/** Read every path (files, directories, `-`) into objects. Throws `InputError` on anything unusable. */
export function readInputs(paths: readonly string[], io: Pick<CliIo, 'readStdin' | 'cwd'>): InputObject[] {
  if (paths.length === 0) throw new InputError('no input: name files, directories or - for stdin');
  const files = collectFiles(paths, io.cwd);
  if (files.length === 0) throw new InputError(`no .yaml, .yml or .json files in ${paths.join(', ')}`);
  const counter = { documents: 0 };
  const objects = files.flatMap((file) => readObjects(file === '-' ? '<stdin>' : file, readText(file, io), counter));
  // An empty List (`kubectl get` that found nothing) is an answer; files with no documents are not.
  if (counter.documents === 0) throw new InputError(`no Kubernetes objects in ${files.map((f) => (f === '-' ? '<stdin>' : f)).join(', ')}`);
  return objects;
}

/** `namespace/name` of an object; a namespaced object without a namespace is in `default`, as kubectl has it. */
export function objectName(value: Record<string, unknown>): { namespace: string; name: string } {
  const meta = isRecord(value.metadata) ? value.metadata : {};
  return {
    namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
}
