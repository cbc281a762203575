/**
 * What the API server checks in the core objects resolution reads, beyond their metadata
 * (`ValidateSecret` and `ValidateConfigMap` in Kubernetes' `pkg/apis/core/validation`), and the
 * one thing it does to a Secret on the way in: `stringData` is written into `data`.
 */
import { decodeBase64, encodeBase64 } from '../lang/base64.js';
import { isRecord, setOwn, type JsonObject } from '../lang/json.js';
import { goQuote } from '../lang/go-format.js';
import { formatFieldErrorBody, type FieldError, type ValidationIssue } from '../model/issues.js';
import { isConfigMapKey, utf8Length } from '../model/name-validation.js';

/** `core.MaxSecretSize`, which also bounds a ConfigMap. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const issue = (path: string, server: FieldError, code: string): ValidationIssue => ({ path, message: formatFieldErrorBody(server), code, server });

/** Go's `field.Path.Key`: `data[tls.crt]`. */
const keyPath = (bag: string, key: string): string => `${bag}[${key}]`;

/**
 * A Secret as the API server stores it: `stringData` entries (UTF-8 text) replace the `data`
 * entries of the same key, base64-encoded, and `stringData` itself is not stored.
 */
export function withStringData(secret: JsonObject): JsonObject {
  if (!isRecord(secret.stringData)) return secret;
  const data: JsonObject = isRecord(secret.data) ? { ...secret.data } : {};
  const encoder = new TextEncoder();
  for (const [key, value] of Object.entries(secret.stringData)) if (typeof value === 'string') setOwn(data, key, encodeBase64(encoder.encode(value)));
  const { stringData: _merged, ...rest } = secret;
  return { ...rest, data };
}

/** The decoded bytes of each `data` entry, or the issue of one that is not base64. */
function decodedData(secret: JsonObject): { values: Map<string, Uint8Array>; issues: ValidationIssue[] } {
  const values = new Map<string, Uint8Array>();
  const issues: ValidationIssue[] = [];
  if (!isRecord(secret.data)) return { values, issues };
  for (const [key, value] of Object.entries(secret.data)) {
    if (typeof value !== 'string') continue;
    const decoded = decodeBase64(value);
    if (decoded.ok) values.set(key, decoded.bytes);
    // A decoding error: the request is refused before validation, with Go's error.
    else issues.push({ path: keyPath('data', key), message: `illegal base64 data at input byte ${decoded.offset}`, code: 'type' });
  }
  return { values, issues };
}

/** Keys each Secret type requires in `data`: all of them, or (basic-auth) at least one. */
const REQUIRED_KEYS: Readonly<Record<string, { keys: readonly string[]; anyOf?: boolean; nonEmpty?: boolean }>> = {
  'kubernetes.io/tls': { keys: ['tls.crt', 'tls.key'] },
  'kubernetes.io/basic-auth': { keys: ['username', 'password'], anyOf: true },
  'kubernetes.io/ssh-auth': { keys: ['ssh-privatekey'], nonEmpty: true },
  'kubernetes.io/dockercfg': { keys: ['.dockercfg'], nonEmpty: true },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'], nonEmpty: true },
};

/** `ValidateSecret` beyond metadata: data keys, the 1 MiB total, the keys the type requires. */
export function validateSecret(secret: JsonObject): ValidationIssue[] {
  const { values, issues } = decodedData(secret);
  if (issues.length > 0) return issues;
  let total = 0;
  for (const [key, bytes] of values) {
    for (const msg of isConfigMapKey(key)) issues.push(issue(keyPath('data', key), { field: keyPath('data', key), type: 'Invalid value', value: goQuote(key), detail: msg }, 'invalid'));
    total += bytes.length;
  }
  if (total > MAX_SECRET_SIZE) issues.push(issue('data', { field: 'data', type: 'Too long', detail: `may not be more than ${MAX_SECRET_SIZE} bytes` }, 'maxLength'));
  const type = typeof secret.type === 'string' ? secret.type : '';
  const required = Object.hasOwn(REQUIRED_KEYS, type) ? REQUIRED_KEYS[type]! : undefined;
  if (required) {
    const present = (k: string) => (required.nonEmpty ? (values.get(k)?.length ?? 0) > 0 : values.has(k));
    const missing = required.keys.filter((k) => !present(k));
    if (required.anyOf ? missing.length === required.keys.length : missing.length > 0) {
      for (const k of missing) issues.push(issue(keyPath('data', k), { field: keyPath('data', k), type: 'Required value' }, 'required'));
    }
  }
  if (type === 'kubernetes.io/service-account-token') {
    const annotations = isRecord(secret.metadata) && isRecord(secret.metadata.annotations) ? secret.metadata.annotations : {};
    const key = 'kubernetes.io/service-account.name';
    if (typeof annotations[key] !== 'string' || annotations[key] === '') {
      const field = `metadata.annotations[${key}]`;
      issues.push(issue(field, { field, type: 'Required value' }, 'required'));
    }
  }
  return issues;
}

/** `ValidateConfigMap` beyond metadata: keys, no key in both `data` and `binaryData`, the 1 MiB total. */
export function validateConfigMap(configMap: JsonObject): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const data = isRecord(configMap.data) ? configMap.data : {};
  const binary = isRecord(configMap.binaryData) ? configMap.binaryData : {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    const field = keyPath('data', key);
    for (const msg of isConfigMapKey(key)) issues.push(issue(field, { field, type: 'Invalid value', value: goQuote(key), detail: msg }, 'invalid'));
    if (Object.hasOwn(binary, key)) issues.push(issue(field, { field, type: 'Invalid value', value: goQuote(key), detail: 'duplicate of key present in binaryData' }, 'invalid'));
    total += typeof value === 'string' ? utf8Length(value) : 0;
  }
  for (const [key, value] of Object.entries(binary)) {
    const field = keyPath('binaryData', key);
    for (const msg of isConfigMapKey(key)) issues.push(issue(field, { field, type: 'Invalid value', value: goQuote(key), detail: msg }, 'invalid'));
    if (typeof value !== 'string') continue;
    const decoded = decodeBase64(value);
    if (!decoded.ok) issues.push({ path: field, message: `illegal base64 data at input byte ${decoded.offset}`, code: 'type' });
    else total += decoded.bytes.length;
  }
  if (total > MAX_SECRET_SIZE) issues.push(issue('', { field: '', type: 'Too long', detail: `may not be more than ${MAX_SECRET_SIZE} bytes` }, 'maxLength'));
  return issues;
}
