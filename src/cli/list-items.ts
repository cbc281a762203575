/**
 * Where the items of a `kind: List` file are, found in its text before any parsing, so that a large
 * List — what `kubectl get -o yaml|json` prints, one document however many objects — can be parsed
 * one item at a time. The `yaml` package builds a parse tree of a whole document, at roughly
 * fifteen to a hundred times its text; split, only one item's tree is alive at a time.
 *
 * Two layouts are recognised, those kubectl writes:
 * - YAML: a top-level `items:` line, then items as block sequence entries (`- ` at one
 *   indentation), up to the next top-level key or the end;
 * - JSON: a top-level object with an `"items": [ … ]` array, its elements found by bracket depth
 *   (strings and escapes skipped).
 *
 * The caller parses each item, and the rest of the text (the List's own fields) with the items cut
 * out. Anything unusual — a parse error, an alias to another item's anchor — is the caller's cue to
 * parse the whole document instead, so splitting never changes an answer.
 */

/** The items' places in the text, and the span they are cut from for the List's own fields. */
export interface ListLayout {
  /** `[start, end)` of each item: a line-start slice holding one `- ` entry (YAML), or one JSON value. */
  items: Array<[number, number]>;
  /** `[start, end)` of the text cut out for the header: all items (and what separates them). */
  cut: [number, number];
  /** YAML items are sequences of one entry; JSON items are the values themselves. */
  style: 'yaml' | 'json';
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** The layout of a YAML List written as kubectl writes it, if the text is one. */
function yamlLayout(text: string): ListLayout | undefined {
  const lines: Array<[number, string]> = [];
  let itemsLine = -1;
  let documents = 0;
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl + 1;
    const line = text.slice(at, nl === -1 ? text.length : nl).replace(/\r$/, '');
    if (/^(---|\.\.\.)(\s|$)/.test(line) && ++documents > 1) return undefined; // several documents: parsed one by one anyway
    if (/^items:\s*$/.test(line)) {
      if (itemsLine !== -1) return undefined;
      itemsLine = lines.length;
    }
    lines.push([at, line]);
    at = end;
  }
  if (itemsLine === -1) return undefined;
  const items: Array<[number, number]> = [];
  let indent = -1;
  let i = itemsLine + 1;
  for (; i < lines.length; i++) {
    const [start, line] = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const n = indentOf(line);
    if (indent === -1) {
      if (!/^-(\s|$)/.test(trimmed)) return undefined;
      indent = n;
    }
    if (n === indent && /^-(\s|$)/.test(trimmed)) {
      if (items.length > 0) items[items.length - 1]![1] = start;
      items.push([start, text.length]);
    } else if (n <= indent) {
      break; // the next top-level key (kind: List, metadata: …)
    }
  }
  if (items.length === 0) return undefined;
  const end = i < lines.length ? lines[i]![0] : text.length;
  items[items.length - 1]![1] = end;
  return { items, cut: [items[0]![0], end], style: 'yaml' };
}

/** The index after the JSON string that starts at `i` (a `"`). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

/** The layout of a JSON List (`{"items": [ … ], …}`), if the text is one. */
function jsonLayout(text: string): ListLayout | undefined {
  let depth = 0;
  /** The last string seen at depth 1: a key, when the value after it starts. */
  let key: string | undefined;
  let inItems = false;
  let cutStart = -1;
  let itemStart = -1;
  let itemEnd = -1;
  const items: Array<[number, number]> = [];
  const closeItem = (): void => {
    if (itemStart !== -1) items.push([itemStart, itemEnd]);
    itemStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (inItems && depth === 1 && c === ']') {
      closeItem();
      return items.length > 0 ? { items, cut: [cutStart, i], style: 'json' } : undefined;
    }
    if (inItems && depth === 1 && c === ',') {
      closeItem();
      continue;
    }
    if (inItems && depth === 1 && itemStart === -1) itemStart = i;
    if (c === '"') {
      const end = skipString(text, i);
      if (depth === 1 && !inItems) key = text.slice(i + 1, end - 1);
      i = end - 1;
      itemEnd = end;
      continue;
    }
    itemEnd = i + 1;
    if (c === '{' || c === '[') {
      if (depth === 1 && !inItems && c === '[' && key === 'items') {
        inItems = true;
        cutStart = i + 1;
        continue; // the array itself: its elements are at depth 1 of the count from here on
      }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
    }
  }
  return undefined;
}

/** The layout of a List file, or `undefined` when the text is not one (or not laid out as kubectl lays it out). */
export function listLayout(text: string): ListLayout | undefined {
  const first = /\S/.exec(text);
  if (!first) return undefined;
  return text[first.index] === '{' ? jsonLayout(text) : yamlLayout(text);
}
