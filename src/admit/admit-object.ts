/**
 * One object through the API server, as `kubectl apply` sends it: the namespace kubectl fills in,
 * nulls dropped (pruned for custom resources, unset for built-in kinds), `status` ignored, the
 * served `apiVersion`, `kind` and `metadata` checked, a BackendTrafficPolicy pruned, defaulted and
 * validated against its CRD (schema and CEL rules), an HTTPRoute's rules defaulted, a Secret's
 * `stringData` written into `data`, and the built-in kinds' own rules. The result is the object as the cluster stores it, or the
 * server's refusal.
 */
import type * as z from 'zod';
import { BackendTrafficPolicySchema } from '../model/backend-traffic-policy.js';
import { kindRule, type KindRule } from '../model/envelope.js';
import { ConfigMapSchema, GatewayClassSchema, GatewaySchema, ListenerSetSchema, NamespaceSchema, ReferenceGrantSchema, RouteSchema, SecretSchema, ServiceSchema } from '../model/gateway-api.js';
import { formatInvalid, type ValidationIssue } from '../model/issues.js';
import { describeThrown, readPlainData } from '../model/limits.js';
import { checkObject, type UnknownFieldsMode } from '../model/parse.js';
import { withoutFields } from '../model/unknown-fields.js';
import { isRecord, type JsonObject } from '../lang/json.js';
import { validateConfigMap, validateSecret, withStringData } from './core-objects.js';
import { withHttpRouteDefaults } from './gateway-api-defaults.js';
import { append } from '../lang/append.js';

/** The namespace kubectl gives a namespaced object that names none. */
export const DEFAULT_NAMESPACE = 'default';

/** The model each kind is read into (lenient: only what resolution reads is typed). */
const SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  BackendTrafficPolicy: BackendTrafficPolicySchema,
  Gateway: GatewaySchema,
  GatewayClass: GatewayClassSchema,
  ListenerSet: ListenerSetSchema,
  XListenerSet: ListenerSetSchema,
  HTTPRoute: RouteSchema,
  GRPCRoute: RouteSchema,
  TLSRoute: RouteSchema,
  TCPRoute: RouteSchema,
  UDPRoute: RouteSchema,
  ReferenceGrant: ReferenceGrantSchema,
  Namespace: NamespaceSchema,
  Service: ServiceSchema,
  Secret: SecretSchema,
  ConfigMap: ConfigMapSchema,
};

/** What the API server does with one object. */
export type ObjectAdmission =
  | {
      outcome: 'admitted';
      kind: string;
      /** The object as the cluster stores it (for a BackendTrafficPolicy: pruned and defaulted). */
      object: JsonObject;
      /** Unknown fields the server pruned, each `unknown field "spec.x"`. */
      warnings: ValidationIssue[];
    }
  | {
      outcome: 'rejected';
      kind: string;
      /** The server's errors; `formatIssue` prints each as kubectl shows it. */
      issues: ValidationIssue[];
      warnings: ValidationIssue[];
      /** The server's refusal: `Kind.group "name" is invalid: …`. */
      message: string;
    }
  | {
      /** A kind resolution does not read (or no kind at all): not checked. */
      outcome: 'ignored';
      kind?: string;
    };

/** Options of {@link admitObject}. */
export interface AdmitOptions {
  /** Fields a CRD does not declare: pruned with a warning (default), refused (`error`), or pruned silently (`strip`). */
  unknownFields?: UnknownFieldsMode;
}

/**
 * What the Kubernetes API server does with one object on `kubectl apply` (a create): the object
 * as the cluster stores it, or the errors it refuses it with. Kinds the library does not read are
 * `ignored`. Never throws and never changes `input`.
 */
export function admitObject(input: unknown, options: AdmitOptions = {}): ObjectAdmission {
  const kind = isRecord(input) && typeof input.kind === 'string' ? input.kind : undefined;
  try {
    const read = readPlainData(input);
    if (!read.ok) {
      const issues: ValidationIssue[] = [{ path: read.violation.path.join('.'), message: read.violation.message, code: 'limit' }];
      return { outcome: 'rejected', kind: kind ?? '', issues, warnings: [], message: read.violation.message };
    }
    return admitPlain(kind ?? '', read.value, options.unknownFields ?? 'warn', read.nullFree).admission;
  } catch (err) {
    const message = `input could not be read: ${describeThrown(err)}`;
    return { outcome: 'rejected', kind: kind ?? '', issues: [{ path: '', message, code: 'invalid' }], warnings: [], message };
  }
}

/**
 * `admitObject` on plain data the caller owns, also returning the object read into its model.
 * `nullFree`: the boundary saw no `null` property in `input`, so there is nothing to drop and no
 * copy to make (admission never changes `input`; each step below copies what it changes).
 */
export function admitPlain(kind: string, input: unknown, mode: UnknownFieldsMode, nullFree = false): { admission: ObjectAdmission; model?: unknown; rule?: KindRule } {
  const rule = kindRule(kind);
  const schema = rule && Object.hasOwn(SCHEMAS, kind) ? SCHEMAS[kind]! : undefined;
  if (!rule || !schema) return { admission: { outcome: 'ignored', kind } };
  // Nulls are dropped first: the API server prunes them (unset, for built-in kinds) before anything reads the object.
  let object = nullFree ? input : withoutFields(input, [], schema);
  if (isRecord(object)) object = kubectlNamespace(object, rule);
  if (kind === 'Secret' && isRecord(object)) object = withStringData(object);
  // Defaulting comes before validation, as in the API server.
  if (kind === 'HTTPRoute' && isRecord(object)) object = withHttpRouteDefaults(object);
  const { result } = checkObject(schema, rule, object, mode, 'mapping', true);
  const issues = result.success ? [] : [...result.issues];
  const record = isRecord(object) ? object : {};
  const meta = isRecord(record.metadata) ? record.metadata : {};
  if (issues.length === 0) {
    if (kind === 'Secret') append(issues, validateSecret(record));
    if (kind === 'ConfigMap') append(issues, validateConfigMap(record));
    if (typeof meta.name !== 'string' || meta.name === '') {
      // The server would make a name up from generateName; kubectl apply refuses that.
      issues.push({ path: 'metadata.generateName', message: 'cannot use generate name with apply', code: 'invalid' });
    }
  }
  if (issues.length > 0) {
    const name = typeof meta.name === 'string' ? meta.name : '';
    return { admission: { outcome: 'rejected', kind, issues, warnings: result.warnings, message: formatInvalid({ group: rule.group, kind, name }, issues) }, rule };
  }
  const model = result.success ? result.data : undefined;
  return { admission: { outcome: 'admitted', kind, object: model as JsonObject, warnings: result.warnings }, model, rule };
}

/** kubectl fills in the default namespace; a cluster-scoped object has none. */
function kubectlNamespace(object: JsonObject, rule: KindRule): JsonObject {
  if (!isRecord(object.metadata) && object.metadata !== undefined) return object;
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const namespace = metadata.namespace;
  if (rule.namespaced) {
    if (typeof namespace === 'string' && namespace !== '') return object;
    return { ...object, metadata: { ...metadata, namespace: DEFAULT_NAMESPACE } };
  }
  if (namespace === undefined) return object;
  const { namespace: _dropped, ...rest } = metadata;
  return { ...object, metadata: rest };
}
