/**
 * The rules the rate limit service (envoyproxy/ratelimit, `src/config/config_impl.go`) applies
 * when it loads its configuration, with its own error texts. A configuration that breaks one is
 * refused whole (the service keeps its previous one), so the emitter checks every configuration
 * against them and never hands out one the service would refuse.
 *
 * Per descriptor tree ({@link rateLimitServiceConfigProblems}):
 * - the domain is not empty (`config file cannot have empty domain`);
 * - every descriptor has a key (`descriptor has empty key`);
 * - no two descriptors of one level have the same key and value (`duplicate descriptor composite
 *   key '<domain>.<key>_<value>…'`, the path of `key` or `key_value` parts joined by `.`);
 * - a limit names a unit the service knows, in any case (`invalid rate limit unit '<unit>'`),
 *   except an `unlimited` one, which must not name any (`should not specify rate limit unit when
 *   unlimited`);
 * - `replaces` entries name a limit (`should not have an empty replaces entry`) other than their
 *   own (`replaces should not contain name of same descriptor`);
 * - `requests_per_unit` is a uint32 (the YAML decoder refuses anything else).
 *
 * Across the files of one load ({@link loadRateLimitServiceFiles}): a domain appears once
 * (`duplicate domain '<domain>' in config file`), unless domains are merged
 * (`MERGE_DOMAIN_CONFIG`), in which case the duplicate-key rule spans the merged files.
 *
 * Reading a YAML file ({@link parseRateLimitServiceFile}): keys are strings
 * (`config error, key is not of type string: <key>`) among the configuration's field names
 * (`config error, unknown key '<key>'`; anything under `metadata` is free), lists hold maps
 * (`config error, yaml file contains list of type other than map: <item>`), leaves are strings,
 * integers, booleans or null (`error checking config`), and values have their field's type
 * (`error loading config file: yaml: unmarshal errors: …`). The service prints each error as
 * `<file name>: <message>`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { isRecord } from '../../lang/json.js';
import { type Result, fail, ok } from '../../model/result.js';
import { RATE_LIMIT_SERVICE_UNITS, type RateLimitServiceDescriptor, type RateLimitServiceFile } from './service-config-schema.js';
import { append } from '../../lang/append.js';

/** One broken rule, in the service's words. */
export interface LoaderProblem {
  /** Where in the configuration, e.g. `descriptors[0].descriptors[1].rate_limit.unit` (`domain` for the domain). */
  path: string;
  /** Indices of the descriptor the problem is on, outermost first (empty for the domain). */
  descriptor: number[];
  message: string;
}

const UINT32_MAX = 4294967295;
const KNOWN_UNITS: ReadonlySet<string> = new Set(RATE_LIMIT_SERVICE_UNITS);

/** The composite keys already loaded, per level of one domain. */
interface Level {
  children: Map<string, Level>;
}
const newLevel = (): Level => ({ children: new Map() });

/** The checks of one descriptor's `rate_limit`. */
function limitProblems(limit: RateLimitServiceDescriptor['rate_limit'], at: string, descriptor: number[]): LoaderProblem[] {
  if (!isRecord(limit)) return [];
  const out: LoaderProblem[] = [];
  const problem = (field: string, message: string) => out.push({ path: `${at}.rate_limit${field}`, descriptor, message });
  const unit = typeof limit.unit === 'string' ? limit.unit : '';
  const validUnit = KNOWN_UNITS.has(unit.toUpperCase());
  if (limit.unlimited === true) {
    if (validUnit) problem('.unit', 'should not specify rate limit unit when unlimited');
  } else if (!validUnit) {
    problem('.unit', `invalid rate limit unit '${unit}'`);
  }
  const requests = limit.requests_per_unit;
  if (requests !== undefined && !(Number.isInteger(requests) && requests >= 0 && requests <= UINT32_MAX)) {
    problem('.requests_per_unit', `error loading config file: yaml: unmarshal errors:\n  cannot unmarshal !!int \`${requests}\` into uint32`);
  }
  (limit.replaces ?? []).forEach((r, i) => {
    const name = isRecord(r) && typeof r.name === 'string' ? r.name : '';
    if (name === '') problem(`.replaces[${i}].name`, 'should not have an empty replaces entry');
    else if (name === limit.name) problem(`.replaces[${i}].name`, 'replaces should not contain name of same descriptor');
  });
  return out;
}

function descriptorProblems(level: Level, parentKey: string, descriptors: readonly RateLimitServiceDescriptor[], at: string, indices: number[]): LoaderProblem[] {
  const out: LoaderProblem[] = [];
  descriptors.forEach((d, i) => {
    const path = `${at}descriptors[${i}]`;
    const descriptor = [...indices, i];
    const key = typeof d.key === 'string' ? d.key : '';
    if (key === '') {
      out.push({ path: `${path}.key`, descriptor, message: 'descriptor has empty key' });
      return;
    }
    const value = typeof d.value === 'string' ? d.value : '';
    const finalKey = value === '' ? key : `${key}_${value}`;
    const composite = `${parentKey}${finalKey}`;
    if (level.children.has(finalKey)) {
      out.push({ path, descriptor, message: `duplicate descriptor composite key '${composite}'` });
      return;
    }
    append(out, limitProblems(d.rate_limit, path, descriptor));
    const child = newLevel();
    append(out, descriptorProblems(child, `${composite}.`, d.descriptors ?? [], `${path}.`, descriptor));
    level.children.set(finalKey, child);
  });
  return out;
}

/** Every rule one configuration breaks, in the order the service meets them (it stops at the first). */
export function rateLimitServiceConfigProblems(config: RateLimitServiceFile): LoaderProblem[] {
  const domain = typeof config.domain === 'string' ? config.domain : '';
  if (domain === '') return [{ path: 'domain', descriptor: [], message: 'config file cannot have empty domain' }];
  return descriptorProblems(newLevel(), `${domain}.`, config.descriptors ?? [], '', []);
}

/** A configuration file of the service's runtime directory. */
export interface RateLimitServiceSource {
  name: string;
  content: string;
}

/** What the service makes of a set of files: the domains it serves, or the error it refuses them with. */
export type RateLimitServiceLoad = { ok: true; domains: string[] } | { ok: false; error: string };

/**
 * Load `files` together as the service does on start or on a change of its runtime directory:
 * the first broken rule refuses the whole set, as `<file name>: <message>`.
 */
export function loadRateLimitServiceFiles(files: readonly RateLimitServiceSource[], options: { mergeDomains?: boolean } = {}): RateLimitServiceLoad {
  const domains = new Map<string, Level>();
  for (const file of files) {
    const parsed = parseRateLimitServiceFile(file.content);
    if (!parsed.success) return { ok: false, error: `${file.name}: ${parsed.error}` };
    const config = parsed.data;
    const domain = config.domain ?? '';
    if (domain === '') return { ok: false, error: `${file.name}: config file cannot have empty domain` };
    let level = domains.get(domain);
    if (level && options.mergeDomains !== true) return { ok: false, error: `${file.name}: duplicate domain '${domain}' in config file` };
    if (!level) {
      level = newLevel();
      domains.set(domain, level);
    }
    const first = descriptorProblems(level, `${domain}.`, config.descriptors ?? [], '', [])[0];
    if (first) return { ok: false, error: `${file.name}: ${first.message}` };
  }
  return { ok: true, domains: [...domains.keys()] };
}

// ---------------------------------------------------------------------------------------------
// Reading a YAML file

/**
 * The configuration's field names, at any level: the YAML file's keys are checked against this
 * one list (the loader does not check which level a key is on).
 */
const VALID_KEYS: ReadonlySet<string> = new Set([
  'domain',
  'key',
  'value',
  'descriptors',
  'rate_limit',
  'unit',
  'requests_per_unit',
  'unlimited',
  'name',
  'replaces',
  'shadow_mode',
  'detailed_metric',
  'quota_mode',
  'value_to_metric',
  'share_threshold',
  'metadata',
]);

/** The service's YAML decoder reads YAML 1.1 (`yes`, `on`, … are booleans) and lets a repeated key win. */
const YAML_OPTIONS = { version: '1.1', uniqueKeys: false, prettyErrors: false } as const;

/** A scalar as Go's `fmt` `%v` prints the decoded value. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isRecord(v)) return `map[${Object.entries(v).map(([k, x]) => `${k}:${goValue(x)}`).join(' ')}]`;
  return String(v);
}

const isLeaf = (v: unknown): boolean =>
  v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date || (typeof v === 'number' && Number.isSafeInteger(v));

/** The loader's key check over the decoded YAML (`validateYamlKeys`): the first problem, if any. */
function keyProblem(node: YamlNode): string | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key === null ? null : (pair.key as YamlNode).toJSON();
    if (typeof key !== 'string') return `config error, key is not of type string: ${goValue(key)}`;
    if (!VALID_KEYS.has(key)) return `config error, unknown key '${key}'`;
    if (key === 'metadata') continue;
    const value = pair.value as YamlNode | null;
    if (isSeq(value)) {
      for (const item of value.items as YamlNode[]) {
        if (!isMap(item)) return `config error, yaml file contains list of type other than map: ${goValue(isScalar(item) ? item.value : (item as YamlNode | null)?.toJSON())}`;
        const p = keyProblem(item);
        if (p) return p;
      }
    } else if (isMap(value)) {
      const p = keyProblem(value);
      if (p) return p;
    } else if (isScalar(value) && !isLeaf(value.value)) {
      return 'error checking config';
    }
  }
  return undefined;
}

/** Go's YAML short tag of a node, for decoder errors. */
function tagOf(node: YamlNode): string {
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  const v = isScalar(node) ? node.value : undefined;
  if (v === null || v === undefined) return '!!null';
  if (typeof v === 'boolean') return '!!bool';
  if (typeof v === 'number') return Number.isInteger(v) ? '!!int' : '!!float';
  return '!!str';
}

/** Decodes the YAML tree into the file's shape, collecting the decoder's type errors. */
class Decoder {
  readonly errors: string[] = [];
  constructor(private readonly lines: LineCounter) {}

  private error(node: YamlNode, type: string): void {
    const line = this.lines.linePos(node.range?.[0] ?? 0).line;
    const value = isScalar(node) && node.value !== null ? ` \`${node.source ?? String(node.value)}\`` : '';
    this.errors.push(`line ${line}: cannot unmarshal ${tagOf(node)}${value} into ${type}`);
  }

  /** The map's fields by name (a repeated key: the last one), or undefined for null / a wrong type. */
  private fields(node: YamlNode | null, type: string): Map<string, YamlNode | null> | undefined {
    if (node === null || (isScalar(node) && node.value === null)) return undefined;
    if (!isMap(node)) {
      this.error(node, type);
      return undefined;
    }
    const out = new Map<string, YamlNode | null>();
    for (const pair of node.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') out.set(pair.key.value, pair.value as YamlNode | null);
    }
    return out;
  }

  private items(node: YamlNode | null | undefined, type: string): Array<YamlNode | null> {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.error(node, type);
      return [];
    }
    return node.items as Array<YamlNode | null>;
  }

  /** Go's decoder puts any scalar into a string field as written. */
  string(node: YamlNode | null | undefined): string | undefined {
    if (node === null || node === undefined) return undefined;
    if (!isScalar(node)) {
      this.error(node, 'string');
      return undefined;
    }
    if (node.value === null) return undefined;
    return node.source ?? String(node.value);
  }

  bool(node: YamlNode | null | undefined): boolean | undefined {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.error(node, 'bool');
    return undefined;
  }

  uint32(node: YamlNode | null | undefined): number | undefined {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0 && node.value <= UINT32_MAX) return node.value;
    this.error(node, 'uint32');
    return undefined;
  }

  limit(node: YamlNode | null | undefined): RateLimitServiceDescriptor['rate_limit'] {
    const f = this.fields(node ?? null, 'config.YamlRateLimit');
    if (!f) return undefined;
    const out: NonNullable<RateLimitServiceDescriptor['rate_limit']> = {};
    // Fields are decoded in the file's order, so errors come out in it.
    for (const [key, value] of f) {
      if (key === 'unit' || key === 'name') {
        const text = this.string(value);
        if (text !== undefined) out[key] = text;
      } else if (key === 'requests_per_unit') {
        const requests = this.uint32(value);
        if (requests !== undefined) out.requests_per_unit = requests;
      } else if (key === 'unlimited') {
        const unlimited = this.bool(value);
        if (unlimited !== undefined) out.unlimited = unlimited;
      } else if (key === 'replaces') {
        out.replaces = this.items(value, '[]config.yamlReplaces').map((item) => {
          const r = this.fields(item, 'config.yamlReplaces');
          const replaceName = r ? this.string(r.get('name')) : undefined;
          return replaceName === undefined ? {} : { name: replaceName };
        });
      }
    }
    return out;
  }

  descriptor(node: YamlNode | null): RateLimitServiceDescriptor {
    const f = this.fields(node, 'config.YamlDescriptor');
    const out: RateLimitServiceDescriptor = {};
    if (!f) return out;
    for (const [key, value] of f) {
      switch (key) {
        case 'key':
        case 'value': {
          const text = this.string(value);
          if (text !== undefined) out[key] = text;
          break;
        }
        case 'rate_limit': {
          const limit = this.limit(value);
          if (limit) out.rate_limit = limit;
          break;
        }
        case 'descriptors':
          out.descriptors = this.descriptors(value);
          break;
        case 'shadow_mode':
        case 'detailed_metric':
        case 'quota_mode':
        case 'value_to_metric':
        case 'share_threshold': {
          const flag = this.bool(value);
          if (flag !== undefined) out[key] = flag;
          break;
        }
        case 'metadata':
          if (isMap(value)) out.metadata = value.toJSON() as Record<string, unknown>;
          else if (value && !(isScalar(value) && value.value === null)) this.error(value, 'map[string]interface {}');
          break;
      }
    }
    return out;
  }

  descriptors(node: YamlNode | null | undefined): RateLimitServiceDescriptor[] {
    return this.items(node, '[]config.YamlDescriptor').map((item) => this.descriptor(item));
  }

  file(node: YamlNode | null): RateLimitServiceFile {
    const f = this.fields(node, 'config.YamlRoot');
    const out: RateLimitServiceFile = {};
    if (!f) return out;
    const domain = this.string(f.get('domain'));
    if (domain !== undefined) out.domain = domain;
    if (f.has('descriptors')) out.descriptors = this.descriptors(f.get('descriptors'));
    return out;
  }
}

/**
 * Read one configuration file as the service does before applying the rules above: YAML, then
 * the key check, then decoding into the file's fields. The error is the service's message
 * (without the file name it prefixes). YAML syntax errors carry this parser's wording after
 * `error loading config file: yaml: `, not Go's.
 */
export function parseRateLimitServiceFile(content: string): Result<RateLimitServiceFile> {
  const lines = new LineCounter();
  const [doc] = parseAllDocuments(content, { ...YAML_OPTIONS, lineCounter: lines });
  if (!doc || !('contents' in doc)) return ok({});
  if (doc.errors.length > 0) return fail(`error loading config file: yaml: ${doc.errors[0]!.message}`);
  const root = doc.contents as YamlNode | null;
  if (root === null || (isScalar(root) && root.value === null)) return ok({});
  if (!isMap(root)) {
    const line = lines.linePos(root.range?.[0] ?? 0).line;
    return fail(`error loading config file: yaml: unmarshal errors:\n  line ${line}: cannot unmarshal ${tagOf(root)} into map[interface {}]interface {}`);
  }
  const keys = keyProblem(root);
  if (keys) return fail(keys);
  const decoder = new Decoder(lines);
  const file = decoder.file(root);
  if (decoder.errors.length > 0) return fail(`error loading config file: yaml: unmarshal errors:\n  ${decoder.errors.join('\n  ')}`);
  return ok(file);
}
