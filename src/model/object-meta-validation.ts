/**
 * `metadata` as the API server validates it on create (`ValidateObjectMetaAccessor` in
 * `k8s.io/apimachinery/pkg/api/validation/objectmeta.go`): the name (each kind has its own rule),
 * the namespace, label keys and values, annotation keys and their total size, finalizers and owner
 * references; fields of the wrong JSON type fail decoding, as in Go. Unknown metadata fields are
 * pruned, with a warning each.
 */
import { goQuote, goSharpV } from '../lang/go-format.js';
import { isRecord } from '../lang/json.js';
import { type FieldError, type ValidationIssue, goValue } from './issues.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, utf8Length } from './name-validation.js';

/** How a kind's names are checked: `NameIsDNSSubdomain` (most kinds), `NameIsDNSLabel` (Namespace), `NameIsDNS1035Label` (Service). */
export type NameRule = 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label';

export interface ObjectMetaRules {
  /** Whether the kind lives in a namespace (a cluster-scoped object's namespace is cleared). */
  namespaced: boolean;
  name: NameRule;
  /** Core kinds also require finalizers without a `/` to be standard ones (`validateKubeFinalizerName`). */
  coreFinalizers?: boolean;
}

/** `TotalAnnotationSizeLimitB`: keys and values of all annotations together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** The fields of `ObjectMeta`, with the Go type a JSON decoder reads each into. */
const OBJECT_META_FIELDS: ReadonlyMap<string, string> = new Map(Object.entries({
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  selfLink: 'string',
  uid: 'types.UID',
  resourceVersion: 'string',
  generation: 'int64',
  creationTimestamp: 'v1.Time',
  deletionTimestamp: 'v1.Time',
  deletionGracePeriodSeconds: 'int64',
  labels: 'map[string]string',
  annotations: 'map[string]string',
  ownerReferences: '[]v1.OwnerReference',
  finalizers: '[]string',
  managedFields: '[]v1.ManagedFieldsEntry',
}));

const NAME_FUNCS: Record<NameRule, (value: string) => string[]> = {
  dns1123Subdomain: isDNS1123Subdomain,
  dns1123Label: isDNS1123Label,
  dns1035Label: isDNS1035Label,
};

const invalid = (field: string, value: unknown, detail: string): ValidationIssue => ({
  path: field,
  message: `Invalid value: ${goValue(value)}: ${detail}`,
  code: 'invalid',
  server: { field, type: 'Invalid value', value: goValue(value), detail },
});

const required = (field: string, detail?: string): ValidationIssue => {
  const server: FieldError = { field, type: 'Required value' };
  if (detail) server.detail = detail;
  return { path: field, message: detail ? `Required value: ${detail}` : 'Required value', code: 'required', server };
};

/** The JSON type name Go's decoder reports (`cannot unmarshal number into …`). */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** A value Go's `encoding/json` cannot decode into the field: the decoder's message. */
function undecodable(field: string, value: unknown, goType: string): ValidationIssue {
  const detail = `json: cannot unmarshal ${jsonKind(value)} into Go struct field ObjectMeta.${field} of type ${goType}`;
  return { path: field, message: detail, code: 'type', server: { field, type: 'Invalid value', value: goValue(value), detail } };
}

/** Whether a JSON value decodes into the Go type of an ObjectMeta field (null is always unset). */
function decodes(value: unknown, goType: string): boolean {
  if (value === null || value === undefined) return true;
  switch (goType) {
    case 'string':
    case 'types.UID':
      return typeof value === 'string';
    case 'int64':
      return typeof value === 'number' && Number.isInteger(value);
    case 'v1.Time':
      return typeof value === 'string' || value instanceof Date;
    case 'map[string]string':
      return isRecord(value);
    default:
      return Array.isArray(value);
  }
}

export interface ObjectMetaCheck {
  issues: ValidationIssue[];
  /** `unknown field "metadata.x"`, one per field the server prunes. */
  warnings: ValidationIssue[];
}

/**
 * Validate an object's `metadata` as the API server does on create. `namespace` is the one the
 * object will live in (kubectl fills in `default`), empty for cluster-scoped kinds.
 */
export function validateObjectMeta(metadata: unknown, rules: ObjectMetaRules): ObjectMetaCheck {
  const issues: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  if (metadata !== undefined && metadata !== null && !isRecord(metadata)) {
    const detail = `json: cannot unmarshal ${jsonKind(metadata)} into Go struct field ${'ObjectMeta'} of type v1.ObjectMeta`;
    return { issues: [{ path: 'metadata', message: detail, code: 'type', server: { field: 'metadata', type: 'Invalid value', value: goValue(metadata), detail } }], warnings };
  }
  const meta = (metadata ?? {}) as Record<string, unknown>;
  // Keys are walked, not listed (own ones: `for…in` also meets inherited enumerable keys): every
  // object of an input passes here.
  for (const key in meta) {
    if (!Object.hasOwn(meta, key)) continue;
    const goType = OBJECT_META_FIELDS.get(key);
    if (goType === undefined) {
      warnings.push({ path: `metadata.${key}`, message: `unknown field "metadata.${key}"`, code: 'unknownField' });
      continue;
    }
    const value = meta[key];
    if (!decodes(value, goType)) return { issues: [undecodable(`metadata.${key}`, value, goType)], warnings };
    if (goType === 'map[string]string' && isRecord(value)) {
      for (const k in value) {
        const v = Object.hasOwn(value, k) ? value[k] : null;
        if (v !== null && typeof v !== 'string') return { issues: [undecodable(`metadata.${key}`, v, 'string')], warnings };
      }
    }
    if (goType === '[]string' && Array.isArray(value)) {
      for (const v of value) if (v !== null && typeof v !== 'string') return { issues: [undecodable(`metadata.${key}`, v, 'string')], warnings };
    }
  }
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const nameOk = NAME_FUNCS[rules.name];
  const generateName = str(meta.generateName);
  if (generateName !== '') {
    // A generated name gets random characters appended (`maskTrailingDash`): a trailing dash is fine.
    const masked = generateName.length > 1 && generateName.endsWith('-') ? `${generateName.slice(0, -2)}a` : generateName;
    for (const msg of nameOk(masked)) issues.push(invalid('metadata.generateName', generateName, msg));
  }
  const name = str(meta.name);
  // With only a generateName the server makes up the name (and validates that).
  if (name === '' && generateName === '') issues.push(required('metadata.name', 'name or generateName is required'));
  else if (name !== '') for (const msg of nameOk(name)) issues.push(invalid('metadata.name', name, msg));
  const namespace = str(meta.namespace);
  if (rules.namespaced && namespace !== '') for (const msg of isDNS1123Label(namespace)) issues.push(invalid('metadata.namespace', namespace, msg));
  if (typeof meta.generation === 'number' && meta.generation < 0) issues.push(invalid('metadata.generation', meta.generation, 'must be greater than or equal to 0'));
  // Each check appends to `issues`: most objects have labels, few have anything wrong with them.
  validateLabels(meta.labels, issues);
  validateAnnotations(meta.annotations, issues);
  validateOwnerReferences(meta.ownerReferences, issues);
  validateFinalizers(meta.finalizers, rules.coreFinalizers === true, issues);
  return { issues, warnings };
}

/** `ValidateLabels`: every key a qualified name, every value a valid label value. */
function validateLabels(labels: unknown, issues: ValidationIssue[], field = 'metadata.labels'): void {
  if (!isRecord(labels)) return;
  for (const key in labels) {
    if (!Object.hasOwn(labels, key)) continue;
    const value = labels[key];
    for (const msg of isQualifiedName(key)) issues.push(invalid(field, key, msg));
    if (typeof value === 'string') for (const msg of isValidLabelValue(value)) issues.push(invalid(field, value, msg));
  }
}

/** `ValidateAnnotations`: keys are qualified names (any case); keys and values together ≤ 256 KiB. */
function validateAnnotations(annotations: unknown, issues: ValidationIssue[], field = 'metadata.annotations'): void {
  if (!isRecord(annotations)) return;
  for (const key in annotations) {
    if (!Object.hasOwn(annotations, key)) continue;
    for (const msg of isQualifiedName(key.toLowerCase())) issues.push(invalid(field, key, msg));
  }
  // The limit is on UTF-8 bytes, at most three per UTF-16 unit: the bytes are counted only when
  // three times the units could pass it. (Every object from a cluster carries kubectl's
  // last-applied-configuration, its whole spec as JSON: counting it byte by byte was 4% of a resolve.)
  if (annotationsLength(annotations, unitLength) * 3 > TOTAL_ANNOTATION_SIZE_LIMIT && annotationsLength(annotations, utf8Length) > TOTAL_ANNOTATION_SIZE_LIMIT) {
    const detail = `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`;
    issues.push({ path: field, message: `Too long: ${detail}`, code: 'maxLength', server: { field, type: 'Too long', detail } });
  }
}

const unitLength = (s: string): number => s.length;

/** The annotations' keys and string values together, each measured by `length`. */
function annotationsLength(annotations: Record<string, unknown>, length: (s: string) => number): number {
  let total = 0;
  for (const key in annotations) {
    if (!Object.hasOwn(annotations, key)) continue;
    const value = annotations[key];
    total += length(key) + (typeof value === 'string' ? length(value) : 0);
  }
  return total;
}

/** `ValidateFinalizers`: qualified names; `orphan` and `foregroundDeletion` not both. */
function validateFinalizers(finalizers: unknown, core: boolean, issues: ValidationIssue[]): void {
  if (!Array.isArray(finalizers)) return;
  const field = 'metadata.finalizers';
  for (const f of finalizers) {
    if (typeof f !== 'string') continue;
    for (const msg of isQualifiedName(f)) issues.push(invalid(field, f, msg));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    issues.push({ ...invalid(field, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'), server: { field, type: 'Invalid value', value: `[]string{${finalizers.map((f) => goQuote(String(f))).join(', ')}}`, detail: 'finalizer orphan and foregroundDeletion cannot be both set' } });
  }
  if (core) {
    finalizers.forEach((f, i) => {
      if (typeof f === 'string' && !f.includes('/') && !STANDARD_FINALIZERS.has(f) && isQualifiedName(f).length === 0) {
        issues.push(invalid(`${field}[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'));
      }
    });
  }
}

/** `ValidateOwnerReferences`: apiVersion with a version, kind, name and uid; one controller at most. */
function validateOwnerReferences(refs: unknown, issues: ValidationIssue[]): void {
  if (!Array.isArray(refs)) return;
  const field = 'metadata.ownerReferences';
  let controller = '';
  for (const ref of refs) {
    const r = isRecord(ref) ? ref : {};
    const apiVersion = typeof r.apiVersion === 'string' ? r.apiVersion : '';
    const kind = typeof r.kind === 'string' ? r.kind : '';
    const name = typeof r.name === 'string' ? r.name : '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version === '' || apiVersion.split('/').length > 2) issues.push(invalid(`${field}.apiVersion`, apiVersion, 'version must not be empty'));
    if (kind === '') issues.push(invalid(`${field}.kind`, kind, 'must not be empty'));
    if (name === '') issues.push(invalid(`${field}.name`, name, 'must not be empty'));
    if (typeof r.uid !== 'string' || r.uid === '') issues.push(invalid(`${field}.uid`, typeof r.uid === 'string' ? r.uid : '', 'must not be empty'));
    if (apiVersion === 'v1' && kind === 'Event') issues.push(invalid(field, ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (r.controller === true) {
      const current = `${kind}/${name}`;
      if (controller !== '') {
        const detail = `Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${current}`;
        issues.push({ path: field, message: detail, code: 'invalid', server: { field, type: 'Invalid value', value: goSharpV(refs), detail } });
      } else controller = current;
    }
  }
}
