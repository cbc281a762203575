/**
 * A test-only reference for the API server's checks of a custom resource's envelope on create,
 * transliterated statement by statement from the Go sources (not from our implementation):
 *
 * - `customResourceValidator.ValidateTypeMeta` (apiextensions-apiserver): kind and apiVersion;
 * - `ValidateObjectMetaAccessor` (k8s.io/apimachinery/pkg/api/validation/objectmeta.go) with
 *   `NameIsDNSSubdomain`: name, generateName, namespace, labels (`ValidateLabels`), annotations
 *   (`ValidateAnnotations`, 256 KiB total), finalizers, owner references;
 * - `k8s.io/apimachinery/pkg/util/validation`: `IsDNS1123Subdomain`, `IsDNS1123Label`,
 *   `IsQualifiedName`, `IsValidLabelValue`, `RegexError`, `MaxLenError`.
 *
 * Each error is rendered as `field.Error.Error()` renders it.
 */

export interface RefFieldError {
  field: string;
  /** `Required value`, `Invalid value`, `Too long`, … */
  type: string;
  /** Go's rendering of the bad value, or undefined when omitted. */
  value?: string;
  detail: string;
  /** Whether apiextensions' `hasBlockingErr` counts it (Required, TooLong, NotSupported, TooMany, TypeInvalid). */
  blocking: boolean;
}

export const renderFieldError = (e: RefFieldError): string => `${e.field}: ${e.type}${e.value !== undefined ? `: ${e.value}` : ''}${e.detail ? `: ${e.detail}` : ''}`;

// --- k8s.io/apimachinery/pkg/util/validation/validation.go -----------------------------------

const qnameCharFmt = '[A-Za-z0-9]';
const qnameExtCharFmt = '[-A-Za-z0-9_.]';
const qualifiedNameFmt = '(' + qnameCharFmt + qnameExtCharFmt + '*)?' + qnameCharFmt;
const qualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameMaxLength = 63;
const qualifiedNameRegexp = new RegExp('^' + qualifiedNameFmt + '$');

const labelValueFmt = '(' + qualifiedNameFmt + ')?';
const labelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LabelValueMaxLength = 63;
const labelValueRegexp = new RegExp('^' + labelValueFmt + '$');

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123LabelMaxLength = 63;
const dns1123LabelRegexp = new RegExp('^' + dns1123LabelFmt + '$');

const dns1123SubdomainFmt = dns1123LabelFmt + '(\\.' + dns1123LabelFmt + ')*';
const dns1123SubdomainErrorMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123SubdomainMaxLength = 253;
const dns1123SubdomainRegexp = new RegExp('^' + dns1123SubdomainFmt + '$');

const goLen = (s: string): number => new TextEncoder().encode(s).length;

function MaxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

function RegexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return msg + " (regex used for validation is '" + fmt + "')";
  msg += ' (e.g. ';
  for (let i = 0; i < examples.length; i++) {
    if (i > 0) msg += ' or ';
    msg += "'" + examples[i] + "', ";
  }
  msg += "regex used for validation is '" + fmt + "')";
  return msg;
}

const EmptyError = (): string => 'must be non-empty';
const prefixEach = (msgs: string[], prefix: string): string[] => msgs.map((m) => prefix + m);

function IsDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1123SubdomainMaxLength) errs.push(MaxLenError(DNS1123SubdomainMaxLength));
  if (!dns1123SubdomainRegexp.test(value)) errs.push(RegexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

function IsDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > DNS1123LabelMaxLength) errs.push(MaxLenError(DNS1123LabelMaxLength));
  if (!dns1123LabelRegexp.test(value)) {
    if (dns1123SubdomainRegexp.test(value)) errs.push('must not contain dots');
    else errs.push(RegexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

function IsQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name = '';
  switch (parts.length) {
    case 1:
      name = parts[0]!;
      break;
    case 2: {
      const prefix = parts[0]!;
      name = parts[1]!;
      if (prefix.length === 0) errs.push('prefix part ' + EmptyError());
      else {
        const msgs = IsDNS1123Subdomain(prefix);
        if (msgs.length !== 0) errs.push(...prefixEach(msgs, 'prefix part '));
      }
      break;
    }
    default:
      return [
        ...errs,
        'a qualified name ' + RegexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc') + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ];
  }
  if (name.length === 0) errs.push('name part ' + EmptyError());
  else if (goLen(name) > qualifiedNameMaxLength) errs.push('name part ' + MaxLenError(qualifiedNameMaxLength));
  if (!qualifiedNameRegexp.test(name)) errs.push('name part ' + RegexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc'));
  return errs;
}

function IsValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (goLen(value) > LabelValueMaxLength) errs.push(MaxLenError(LabelValueMaxLength));
  if (!labelValueRegexp.test(value)) errs.push(RegexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

// --- field.Error constructors (k8s.io/apimachinery/pkg/util/validation/field/errors.go) ------

/** `%q` for the ASCII strings the corpus uses. */
const q = (s: string): string => JSON.stringify(s);

const Invalid = (field: string, value: string, detail: string): RefFieldError => ({ field, type: 'Invalid value', value: q(value), detail, blocking: false });
const Required = (field: string, detail: string): RefFieldError => ({ field, type: 'Required value', detail, blocking: true });
const TooLong = (field: string, max: number): RefFieldError => ({ field, type: 'Too long', detail: `may not be more than ${max} bytes`, blocking: true });

// --- objectmeta.go -----------------------------------------------------------------------------

const TotalAnnotationSizeLimitB = 256 * (1 << 10);

function ValidateAnnotations(annotations: Record<string, string>, fldPath: string): RefFieldError[] {
  const allErrs: RefFieldError[] = [];
  let totalSize = 0;
  for (const k of Object.keys(annotations)) {
    for (const msg of IsQualifiedName(k.toLowerCase())) allErrs.push(Invalid(fldPath, k, msg));
    totalSize += goLen(k) + goLen(annotations[k]!);
  }
  if (totalSize > TotalAnnotationSizeLimitB) allErrs.push(TooLong(fldPath, TotalAnnotationSizeLimitB));
  return allErrs;
}

function ValidateLabels(labels: Record<string, string>, fldPath: string): RefFieldError[] {
  const allErrs: RefFieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of IsQualifiedName(k)) allErrs.push(Invalid(fldPath, k, msg));
    for (const msg of IsValidLabelValue(v)) allErrs.push(Invalid(fldPath, v, msg));
  }
  return allErrs;
}

function ValidateFinalizers(finalizers: string[], fldPath: string): RefFieldError[] {
  const allErrs: RefFieldError[] = [];
  for (const f of finalizers) for (const msg of IsQualifiedName(f)) allErrs.push(Invalid(fldPath, f, msg));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    allErrs.push({ field: fldPath, type: 'Invalid value', value: `[]string{${finalizers.map(q).join(', ')}}`, detail: 'finalizer orphan and foregroundDeletion cannot be both set', blocking: false });
  }
  return allErrs;
}

export interface EnvelopeObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
  };
}

/**
 * The envelope errors of a custom resource of `kind` in `group/version` (namespaced, names as DNS
 * subdomains). `typeMeta` errors stop validation there, as `Validate` returns them alone.
 */
export function referenceEnvelope(object: EnvelopeObject, crd: { group: string; version: string; kind: string }): { typeMeta: RefFieldError[]; meta: RefFieldError[] } {
  const typeMeta: RefFieldError[] = [];
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  if (kind !== crd.kind) typeMeta.push(Invalid('kind', kind, `must be ${crd.kind}`));
  if (apiVersion !== `${crd.group}/${crd.version}`) typeMeta.push(Invalid('apiVersion', apiVersion, `must be ${crd.group}/${crd.version}`));
  if (typeMeta.length > 0) return { typeMeta, meta: [] };

  const meta = object.metadata ?? {};
  const allErrs: RefFieldError[] = [];
  const nameFn = (name: string, prefix: boolean): string[] => {
    if (prefix && name.length > 1 && name.endsWith('-')) name = name.slice(0, -2) + 'a';
    return IsDNS1123Subdomain(name);
  };
  if ((meta.generateName ?? '').length !== 0) for (const msg of nameFn(meta.generateName!, true)) allErrs.push(Invalid('metadata.generateName', meta.generateName!, msg));
  if ((meta.name ?? '').length === 0) {
    if ((meta.generateName ?? '').length === 0) allErrs.push(Required('metadata.name', 'name or generateName is required'));
  } else {
    for (const msg of nameFn(meta.name!, false)) allErrs.push(Invalid('metadata.name', meta.name!, msg));
  }
  // kubectl sends the default namespace when the manifest has none.
  const namespace = meta.namespace || 'default';
  for (const msg of IsDNS1123Label(namespace)) allErrs.push(Invalid('metadata.namespace', namespace, msg));
  allErrs.push(...ValidateLabels(meta.labels ?? {}, 'metadata.labels'));
  allErrs.push(...ValidateAnnotations(meta.annotations ?? {}, 'metadata.annotations'));
  allErrs.push(...ValidateFinalizers(meta.finalizers ?? [], 'metadata.finalizers'));
  return { typeMeta, meta: allErrs };
}
