/**
 * Which listeners Envoy Gateway programs. A listener that is not ready takes no routes, so no
 * policy reaches a route through it and it gets no Envoy configuration. Envoy Gateway checks a
 * listener's TLS settings (`validateTLSConfiguration` in `internal/gatewayapi/validate.go`): an
 * HTTPS listener, or a TLS one that terminates, needs certificate refs, and each ref must name a
 * Secret it may read (its own namespace, or one a ReferenceGrant opens) of type
 * `kubernetes.io/tls` whose `tls.crt` holds a PEM certificate and whose `tls.key` a PEM private key
 * (PKCS#1, SEC 1 or PKCS#8). Each failure is a listener condition with Envoy Gateway's reason
 * and message.
 *
 * The certificate and key are checked for their structure (PEM, then DER), not cryptographically:
 * this runs in browsers too.
 */
import type { Listener, ReferenceGrant, Secret } from '../model/gateway-api.js';
import { GATEWAY_API_GROUP } from '../model/kinds.js';
import { decodeBase64 } from '../lang/base64.js';
import { certificateError, ecPrivateKeyError, pkcs1PrivateKeyError, pkcs8PrivateKeyError } from '../lang/der.js';
import { decodePem } from '../lang/pem.js';
import type { Diagnostic } from '../resolve/types.js';
import { referenceGranted } from './reference-grant.js';
import type { ListenerContext, ResourceIndex, UnreadyListener } from './resource-index.js';

/** A condition that keeps a listener from being programmed. */
export interface ListenerCondition {
  type: 'Programmed' | 'ResolvedRefs';
  status: 'False';
  reason: string;
  message: string;
  /** The listener field at fault, relative to the listener (`tls.certificateRefs[0]`). */
  field?: string;
}

interface CertificateRef {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

interface ListenerTls {
  mode?: string;
  certificateRefs?: CertificateRef[];
}

const TLS_CERT = 'tls.crt';
const TLS_KEY = 'tls.key';
const SECRET_TYPE_TLS = 'kubernetes.io/tls';

const programmed = (reason: string, message: string, field?: string): ListenerCondition => ({ type: 'Programmed', status: 'False', reason, message, ...(field ? { field } : {}) });
const refs = (reason: string, message: string, field: string): ListenerCondition => ({ type: 'ResolvedRefs', status: 'False', reason, message, field });

/** What the readiness check reads besides the listener: Secrets by `namespace/name`, ReferenceGrants by namespace. */
export interface ReadinessLookups {
  secret: (namespace: string, name: string) => Secret | undefined;
  grants: (namespace: string) => readonly ReferenceGrant[] | undefined;
  /** What is known of each Secret's key pair, kept by a caller that checks many listeners (see `keyPairOf`). */
  keyPairs?: WeakMap<Secret, KeyPairFindings>;
}

/** A TLS Secret's certificate and key: both present (non-empty, base64), and if so what is wrong with them. */
export interface KeyPairFindings {
  complete: boolean;
  problem: string | undefined;
}

/**
 * The condition that keeps a listener from being programmed, or undefined when it is ready.
 * `owner` is the Gateway or ListenerSet the listener belongs to (whose namespace certificate refs
 * default to, and which a ReferenceGrant must name).
 */
export function listenerNotReady(listener: Listener, owner: { kind: string; group: string; namespace: string }, lookups: ReadinessLookups): ListenerCondition | undefined {
  const tls = (listener as { tls?: ListenerTls }).tls;
  const protocol = listener.protocol;
  if (protocol === 'HTTP' || protocol === 'TCP' || protocol === 'UDP') {
    return tls !== undefined ? programmed('Invalid', `Listener must not have TLS set when protocol is ${protocol}.`, 'tls') : undefined;
  }
  if (protocol !== 'HTTPS' && protocol !== 'TLS') return undefined;
  if (tls === undefined) return programmed('Invalid', `Listener must have TLS set when protocol is ${protocol}.`);
  const certificateRefs = Array.isArray(tls.certificateRefs) ? tls.certificateRefs : [];
  // The Gateway API CRD defaults the mode to Terminate.
  const mode = tls.mode ?? 'Terminate';
  if (protocol === 'HTTPS') {
    if (mode !== 'Terminate') return programmed('UnsupportedTLSMode', `TLS ${mode} mode is not supported, TLS mode must be Terminate.`, 'tls.mode');
    if (certificateRefs.length === 0) return programmed('Invalid', 'Listener must have at least 1 TLS certificate ref', 'tls.certificateRefs');
  } else if (mode === 'Passthrough') {
    return certificateRefs.length > 0 ? programmed('Invalid', 'Listener must not have TLS certificate refs set for TLS mode Passthrough.', 'tls.certificateRefs') : undefined;
  } else if (certificateRefs.length === 0) {
    return programmed('Invalid', 'Listener must have TLS certificate refs set for TLS mode Terminate.', 'tls.certificateRefs');
  }
  const secrets: Array<{ problem: string | undefined; namespace: string; name: string; field: string }> = [];
  for (let i = 0; i < certificateRefs.length; i++) {
    const ref = certificateRefs[i] ?? {};
    const field = `tls.certificateRefs[${i}]`;
    if (ref.group !== undefined && ref.group !== '') return refs('InvalidCertificateRef', "Listener's TLS certificate ref group must be unspecified/empty.", field);
    if (ref.kind !== undefined && ref.kind !== 'Secret') return refs('InvalidCertificateRef', "Listener's TLS certificate ref kind must be Secret.", field);
    const name = ref.name ?? '';
    let namespace = owner.namespace;
    if (ref.namespace !== undefined && ref.namespace !== '' && ref.namespace !== owner.namespace) {
      const granted = referenceGranted(lookups.grants(ref.namespace), { group: owner.group, kind: owner.kind, namespace: owner.namespace }, { group: '', kind: 'Secret', name });
      if (!granted) return refs('RefNotPermitted', `Certificate ref to secret ${ref.namespace}/${name} not permitted by any ReferenceGrant.`, field);
      namespace = ref.namespace;
    }
    const secret = lookups.secret(namespace, name);
    if (!secret) return refs('InvalidCertificateRef', `Secret ${namespace}/${name} does not exist.`, field);
    if (secret.type !== SECRET_TYPE_TLS) return refs('InvalidCertificateRef', `Secret ${namespace}/${name} must be of type ${SECRET_TYPE_TLS}.`, field);
    const keyPair = keyPairOf(secret, lookups.keyPairs);
    if (!keyPair.complete) return refs('InvalidCertificateRef', `Secret ${namespace}/${name} must contain ${TLS_CERT} and ${TLS_KEY}.`, field);
    secrets.push({ problem: keyPair.problem, namespace, name, field });
  }
  // Every ref is checked for presence before any key pair is: the first failure of that order is the one reported.
  for (const { problem, namespace, name, field } of secrets) {
    if (problem) return refs('InvalidCertificateRef', `Secret ${namespace}/${name} must contain valid ${TLS_CERT} and ${TLS_KEY}, ${problem}.`, field);
  }
  return undefined;
}

/**
 * A Secret's key pair, decoded and parsed once per Secret object when `memo` is given: many
 * listeners share one certificate, and a Gateway changed again reads the same Secret (a changed
 * Secret is a new object, so the memo never answers for old data).
 */
function keyPairOf(secret: Secret, memo: WeakMap<Secret, KeyPairFindings> | undefined): KeyPairFindings {
  let found = memo?.get(secret);
  if (!found) {
    const complete = hasBytes(secret, TLS_CERT) && hasBytes(secret, TLS_KEY);
    found = { complete, problem: complete ? keyPairError(secret) : undefined };
    memo?.set(secret, found);
  }
  return found;
}

/** The bytes of a Secret's data entry (base64 in `data`), if it decodes. */
function dataBytes(secret: Secret, key: string): Uint8Array | undefined {
  const value = secret.data && Object.hasOwn(secret.data, key) ? secret.data[key] : undefined;
  if (typeof value !== 'string') return undefined;
  const decoded = decodeBase64(value);
  return decoded.ok ? decoded.bytes : undefined;
}

function hasBytes(secret: Secret, key: string): boolean {
  return (dataBytes(secret, key)?.length ?? 0) > 0;
}

/** What is wrong with the certificate and key of a TLS Secret, in Envoy Gateway's words, or undefined. */
function keyPairError(secret: Secret): string | undefined {
  const cert = decodePem(dataBytes(secret, TLS_CERT)!);
  if (!cert) return `unable to decode pem data in ${TLS_CERT}`;
  const certProblem = certificateError(cert.bytes);
  if (certProblem) return `unable to parse certificate in ${TLS_CERT}: ${certProblem}`;
  const key = decodePem(dataBytes(secret, TLS_KEY)!);
  if (!key) return `unable to decode pem data in ${TLS_KEY}`;
  switch (key.type) {
    case 'PRIVATE KEY':
      return pkcs8PrivateKeyError(key.bytes) && `unable to parse PKCS8 formatted private key in ${TLS_KEY}`;
    case 'RSA PRIVATE KEY':
      return pkcs1PrivateKeyError(key.bytes) && `unable to parse PKCS1 formatted private key in ${TLS_KEY}`;
    case 'EC PRIVATE KEY':
      return ecPrivateKeyError(key.bytes) && `unable to parse EC formatted private key in ${TLS_KEY}`;
    default:
      return `${key.type} key format found in ${TLS_KEY}, supported formats are PKCS1, PKCS8 or EC`;
  }
}

/**
 * The lookups of an index's Secrets and ReferenceGrants; `read` hears of every Secret key
 * (`namespace/name`) and every ReferenceGrant namespace looked at.
 */
export function readinessLookups(
  index: Pick<ResourceIndex, 'secrets' | 'referenceGrants'>,
  read?: { secret(key: string): void; grants(namespace: string): void },
  keyPairs?: WeakMap<Secret, KeyPairFindings>,
): ReadinessLookups {
  return {
    keyPairs,
    secret: (namespace, name) => {
      const key = `${namespace}/${name}`;
      read?.secret(key);
      return index.secrets.get(key);
    },
    grants: (namespace) => {
      read?.grants(namespace);
      return index.referenceGrants.get(namespace);
    },
  };
}

/** The Gateway or ListenerSet a listener belongs to, as a ReferenceGrant's `from` names it. */
export function listenerOwner(ctx: Pick<ListenerContext, 'gateway' | 'listenerSet' | 'ownerNamespace'>): { kind: string; group: string; namespace: string } {
  if (!ctx.listenerSet) return { kind: 'Gateway', group: GATEWAY_API_GROUP, namespace: ctx.ownerNamespace };
  const kind = ctx.listenerSet.kind === 'XListenerSet' ? 'XListenerSet' : 'ListenerSet';
  const group = typeof ctx.listenerSet.apiVersion === 'string' && ctx.listenerSet.apiVersion.includes('/') ? ctx.listenerSet.apiVersion.split('/')[0]! : GATEWAY_API_GROUP;
  return { kind, group, namespace: ctx.ownerNamespace };
}

/** The warning on a listener that is not programmed, naming its condition; `base` is its owner's path in the input. */
export function listenerDiagnostic({ context, condition, position }: UnreadyListener, base: string): Diagnostic {
  const owner = context.listenerSet ?? context.gateway;
  const kind = context.listenerSet ? listenerOwner(context).kind : 'Gateway';
  const field = `spec.listeners[${position}]${condition.field ? `.${condition.field}` : ''}`;
  return {
    severity: 'warning',
    path: base === '' ? field : `${base}.${field}`,
    message: `listener ${context.listener.name} is not programmed, so no route attaches to it (${condition.type}=False, reason ${condition.reason}): ${condition.message}`,
    object: { kind, namespace: owner.metadata.namespace!, name: owner.metadata.name ?? '' },
  };
}
