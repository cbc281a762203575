/**
 * Listener readiness: Envoy Gateway programs an HTTPS listener only when its certificate refs
 * resolve to a `kubernetes.io/tls` Secret it may read whose PEM holds a certificate and a private
 * key. A route gets no entries (and so no policy and no Envoy configuration) on other listeners.
 */
import { describe, expect, it } from 'vitest';
import { emitEnvoy, resolvePolicies } from '../../src/index.js';
import { certificateError, ecPrivateKeyError, pkcs1PrivateKeyError, pkcs8PrivateKeyError } from '../../src/lang/der.js';
import { decodePem } from '../../src/lang/pem.js';
import { admissionFixture } from './fixture.js';
import { EC_CERT, EC_PKCS8_KEY, EC_SEC1_KEY, ED25519_PKCS8_KEY, RSA_CERT, RSA_PKCS1_KEY, tlsSecret } from '../support/tls-material.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const der = (pem: string) => decodePem(bytes(pem))!.bytes;

describe('an HTTPS listener per certificate case (cluster profile)', () => {
  const res = resolvePolicies(admissionFixture('listener-certificates'));
  const listeners = res.routes.map((r) => r.listener);
  const conditionOf = (listener: string) => res.diagnostics.find((d) => d.message.startsWith(`listener ${listener} is not programmed`))?.message;

  it('the route gets entries, with its policy, on the listeners whose certificates resolve, and no others', () => {
    expect(listeners).toEqual(['good-pkcs8', 'good-sec1', 'good-pkcs1', 'granted']);
    expect(res.routes.every((r) => r.policies.length === 1)).toBe(true);
  });

  it.each([
    ['missing', 'ResolvedRefs=False, reason InvalidCertificateRef): Secret apps/no-such-secret does not exist.'],
    ['opaque', 'ResolvedRefs=False, reason InvalidCertificateRef): Secret apps/opaque must be of type kubernetes.io/tls.'],
    // The API server refused the Secret (a TLS Secret needs tls.key), so it does not exist.
    ['no-key', 'ResolvedRefs=False, reason InvalidCertificateRef): Secret apps/no-key does not exist.'],
    ['not-pem', 'ResolvedRefs=False, reason InvalidCertificateRef): Secret apps/not-pem must contain valid tls.crt and tls.key, unable to decode pem data in tls.crt.'],
    [
      'truncated',
      'ResolvedRefs=False, reason InvalidCertificateRef): Secret apps/truncated must contain valid tls.crt and tls.key, unable to parse certificate in tls.crt: x509: malformed certificate.',
    ],
    ['other-namespace', 'ResolvedRefs=False, reason RefNotPermitted): Certificate ref to secret certs/shared not permitted by any ReferenceGrant.'],
  ])('%s: not programmed, with Envoy Gateway’s condition', (listener, condition) => {
    expect(listeners).not.toContain(listener);
    expect(conditionOf(listener)).toBe(`listener ${listener} is not programmed, so no route attaches to it (${condition}`);
  });

  it('the TLS Secret without tls.key is refused by the API server with the server’s error', () => {
    expect(res.rejected!.map((r) => r.message)).toEqual(['Secret "no-key" is invalid: data[tls.key]: Required value']);
  });

  it('no Envoy route configuration is emitted for the listeners that are not programmed', () => {
    const names = emitEnvoy(res).routeConfigurations.map((rc) => (rc as { name: string }).name);
    expect(names.some((n) => n.includes('missing') || n.includes('opaque') || n.includes('not-pem'))).toBe(false);
    expect(names.some((n) => n.includes('good-pkcs8'))).toBe(true);
  });

  it('the harness profile checks listeners the same way (Envoy Gateway’s translator does it)', () => {
    const objects = admissionFixture('listener-certificates').map((o) => {
      if (o.kind !== 'Secret') return o;
      // The harness reads Secrets as written: `data` must already hold base64.
      const { stringData, ...rest } = o as { stringData: Record<string, string> };
      return { ...rest, data: Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) };
    });
    const harness = resolvePolicies(objects, { profile: 'harness', namespaces: 'inferred' });
    // Without the API server, the Secret lacking tls.key exists, and fails Envoy Gateway's own check.
    expect(harness.diagnostics.map((d) => d.message)).toContain(
      'listener no-key is not programmed, so no route attaches to it (ResolvedRefs=False, reason InvalidCertificateRef): Secret apps/no-key must contain tls.crt and tls.key.',
    );
    expect(harness.routes.map((r) => r.listener)).toEqual(['good-pkcs8', 'good-sec1', 'good-pkcs1', 'granted']);
  });
});

describe('listener TLS settings', () => {
  const gateway = (listener: Record<string, unknown>) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'eg', namespace: 'apps' },
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'l', port: 443, ...listener }] },
  });
  const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'apps' }, spec: { parentRefs: [{ name: 'eg' }] } };
  const message = (listener: Record<string, unknown>, ...more: unknown[]) =>
    resolvePolicies([gateway(listener), route, ...more]).diagnostics.map((d) => d.message.replace(/^listener l is not programmed, so no route attaches to it /, ''));

  it.each<[string, Record<string, unknown>, string]>([
    ['HTTPS without tls', { protocol: 'HTTPS' }, '(Programmed=False, reason Invalid): Listener must have TLS set when protocol is HTTPS.'],
    ['HTTPS without certificate refs', { protocol: 'HTTPS', tls: {} }, '(Programmed=False, reason Invalid): Listener must have at least 1 TLS certificate ref'],
    ['HTTPS passthrough', { protocol: 'HTTPS', tls: { mode: 'Passthrough' } }, '(Programmed=False, reason UnsupportedTLSMode): TLS Passthrough mode is not supported, TLS mode must be Terminate.'],
    ['HTTP with tls', { protocol: 'HTTP', tls: { certificateRefs: [{ name: 'x' }] } }, '(Programmed=False, reason Invalid): Listener must not have TLS set when protocol is HTTP.'],
    ['a ref to another kind', { protocol: 'HTTPS', tls: { certificateRefs: [{ kind: 'ConfigMap', name: 'x' }] } }, "(ResolvedRefs=False, reason InvalidCertificateRef): Listener's TLS certificate ref kind must be Secret."],
    ['a ref with a group', { protocol: 'HTTPS', tls: { certificateRefs: [{ group: 'example.com', kind: 'Secret', name: 'x' }] } }, "(ResolvedRefs=False, reason InvalidCertificateRef): Listener's TLS certificate ref group must be unspecified/empty."],
    ['TLS terminate without refs', { protocol: 'TLS', tls: { mode: 'Terminate' } }, '(Programmed=False, reason Invalid): Listener must have TLS certificate refs set for TLS mode Terminate.'],
  ])('%s', (_name, listener, expected) => {
    expect(message(listener)).toEqual([expected]);
  });

  it('a TLS passthrough listener needs no certificate', () => {
    expect(message({ protocol: 'TLS', tls: { mode: 'Passthrough' } })).toEqual([]);
  });

  it('an Ed25519 key in PKCS#8 is a valid key, an unknown PEM type is not', () => {
    expect(message({ protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'c' }] } }, tlsSecret('apps', 'c', EC_CERT, ED25519_PKCS8_KEY))).toEqual([]);
    const dsa = '-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n';
    expect(message({ protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'c' }] } }, tlsSecret('apps', 'c', EC_CERT, dsa))).toEqual([
      '(ResolvedRefs=False, reason InvalidCertificateRef): Secret apps/c must contain valid tls.crt and tls.key, DSA PRIVATE KEY key format found in tls.key, supported formats are PKCS1, PKCS8 or EC.',
    ]);
  });

  it('a key whose PEM type and structure disagree is not a key', () => {
    const mislabelled = EC_PKCS8_KEY.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY');
    expect(message({ protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'c' }] } }, tlsSecret('apps', 'c', EC_CERT, mislabelled))).toEqual([
      '(ResolvedRefs=False, reason InvalidCertificateRef): Secret apps/c must contain valid tls.crt and tls.key, unable to parse PKCS1 formatted private key in tls.key.',
    ]);
  });
});

describe('the DER structure checks (no cryptography, browser-safe)', () => {
  it('accept real certificates and keys of each form', () => {
    expect(certificateError(der(EC_CERT))).toBeUndefined();
    expect(certificateError(der(RSA_CERT))).toBeUndefined();
    expect(pkcs8PrivateKeyError(der(EC_PKCS8_KEY))).toBeUndefined();
    expect(pkcs8PrivateKeyError(der(ED25519_PKCS8_KEY))).toBeUndefined();
    expect(ecPrivateKeyError(der(EC_SEC1_KEY))).toBeUndefined();
    expect(pkcs1PrivateKeyError(der(RSA_PKCS1_KEY))).toBeUndefined();
  });

  it('refuse every truncation and trailing data', () => {
    const cert = der(EC_CERT);
    for (let n = 0; n < cert.length; n += 7) expect(certificateError(cert.subarray(0, n)), `${n} bytes`).toBeDefined();
    expect(certificateError(Uint8Array.from([...cert, 0]))).toBe('x509: trailing data');
    const key = der(RSA_PKCS1_KEY);
    for (let n = 0; n < key.length; n += 13) expect(pkcs1PrivateKeyError(key.subarray(0, n)), `${n} bytes`).toBeDefined();
  });

  it('refuse one structure for another', () => {
    expect(certificateError(der(EC_PKCS8_KEY))).toBeDefined();
    expect(pkcs1PrivateKeyError(der(EC_SEC1_KEY))).toBeDefined();
    expect(ecPrivateKeyError(der(RSA_PKCS1_KEY))).toBeDefined();
    expect(pkcs8PrivateKeyError(der(EC_CERT))).toBeDefined();
  });

  it('refuse non-minimal lengths (BER is not DER)', () => {
    const cert = der(EC_CERT);
    // Re-encode the outer length with one more length byte than needed.
    const body = cert.subarray(2 + (cert[1]! & 0x7f));
    const padded = Uint8Array.from([0x30, 0x83, 0x00, body.length >> 8, body.length & 0xff, ...body]);
    expect(certificateError(padded)).toBe('x509: malformed certificate');
  });

  it('PEM: the first well-formed block, headers skipped, a broken candidate passed over', () => {
    const withHeaders = EC_CERT.replace('-----BEGIN CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\n');
    expect(decodePem(bytes(withHeaders))!.bytes).toEqual(der(EC_CERT));
    const broken = '-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n';
    expect(decodePem(bytes(`${broken}${EC_CERT}`))!.bytes).toEqual(der(EC_CERT));
    expect(decodePem(bytes('no pem here'))).toBeUndefined();
  });
});
