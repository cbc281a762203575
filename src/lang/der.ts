/**
 * Enough ASN.1 DER to tell whether bytes are an X.509 certificate or a private key in the
 * structures Go's `crypto/x509` parses (`ParseCertificate`, `ParsePKCS1PrivateKey`,
 * `ParseECPrivateKey`, `ParsePKCS8PrivateKey`), without any cryptography: the library runs in
 * browsers, where `node:crypto` is not there. Each check walks the structure with DER's rules
 * (definite, minimal lengths; nothing left over) and answers with Go's error text, or undefined
 * when the structure is sound.
 */

/** One DER element: its tag byte and its contents. */
interface Element {
  tag: number;
  content: Uint8Array;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const OID = 0x06;
const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;
/** Context-specific, constructed: `[n]` EXPLICIT. */
const explicit = (n: number): number => 0xa0 | n;

/** A reader over a run of DER elements. */
class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  peekTag(): number | undefined {
    return this.done ? undefined : this.bytes[this.offset];
  }

  /** The next element, or undefined when the bytes are not DER. */
  read(): Element | undefined {
    const b = this.bytes;
    let i = this.offset;
    if (i + 2 > b.length) return undefined;
    const tag = b[i++]!;
    if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers appear in none of these structures
    let length = b[i++]!;
    if (length & 0x80) {
      const n = length & 0x7f;
      // Indefinite (BER) lengths and lengths beyond 4 bytes are not DER here.
      if (n === 0 || n > 4 || i + n > b.length) return undefined;
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + b[i++]!;
      // Minimal encoding: long form only from 128 on, and no leading zero byte.
      if (length < 0x80 || b[i - n] === 0) return undefined;
    }
    if (i + length > b.length) return undefined;
    this.offset = i + length;
    return { tag, content: b.subarray(i, i + length) };
  }

  /** The next element if it has `tag`. */
  expect(tag: number): Element | undefined {
    const e = this.peekTag() === tag ? this.read() : undefined;
    return e;
  }
}

/** A DER INTEGER's content is minimal (no redundant leading byte) and not empty. */
function isInteger(e: Element | undefined): e is Element {
  if (!e || e.tag !== INTEGER || e.content.length === 0) return false;
  const c = e.content;
  if (c.length > 1 && ((c[0] === 0x00 && (c[1]! & 0x80) === 0) || (c[0] === 0xff && (c[1]! & 0x80) !== 0))) return false;
  return true;
}

/** A small non-negative INTEGER's value (versions), or undefined. */
function smallInteger(e: Element | undefined): number | undefined {
  if (!isInteger(e) || e.content.length > 4 || (e.content[0]! & 0x80) !== 0) return undefined;
  return e.content.reduce((n, byte) => n * 256 + byte, 0);
}

/** Sign of a DER INTEGER: -1, 0 or 1. */
function sign(e: Element): number {
  if ((e.content[0]! & 0x80) !== 0) return -1;
  return e.content.some((byte) => byte !== 0) ? 1 : 0;
}

/** The INTEGER is greater than 1. */
function greaterThanOne(e: Element): boolean {
  if (sign(e) <= 0) return false;
  const c = e.content;
  return c.slice(0, -1).some((byte) => byte !== 0) || c[c.length - 1]! > 1;
}

function isBitString(e: Element | undefined): e is Element {
  return e !== undefined && e.tag === BIT_STRING && e.content.length > 0 && e.content[0]! < 8;
}

const sameBytes = (a: Uint8Array, b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The OIDs the private key parsers know. */
const OIDS = {
  rsaEncryption: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
  ecPublicKey: [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
  ed25519: [0x2b, 0x65, 0x70],
  x25519: [0x2b, 0x65, 0x6e],
};
/** P-224, P-256, P-384, P-521: the curves `crypto/x509` knows. */
const NAMED_CURVES: ReadonlyArray<readonly number[]> = [
  [0x2b, 0x81, 0x04, 0x00, 0x21],
  [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
  [0x2b, 0x81, 0x04, 0x00, 0x22],
  [0x2b, 0x81, 0x04, 0x00, 0x23],
];

/** One SEQUENCE filling all of `der`, read as a run of elements. */
function wholeSequence(der: Uint8Array): Reader | undefined {
  const outer = new Reader(der);
  const seq = outer.expect(SEQUENCE);
  if (!seq || !outer.done) return undefined;
  return new Reader(seq.content);
}

/**
 * `x509.ParseCertificate`'s structure: `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
 * signatureValue BIT STRING }`, the TBSCertificate's fields in order, nothing after. Undefined when
 * sound, else Go's error.
 */
export function certificateError(der: Uint8Array): string | undefined {
  const malformed = 'x509: malformed certificate';
  const outer = new Reader(der);
  const certificate = outer.expect(SEQUENCE);
  if (!certificate) return malformed;
  if (!outer.done) return 'x509: trailing data';
  const cert = new Reader(certificate.content);
  const tbsElement = cert.expect(SEQUENCE);
  if (!tbsElement) return 'x509: malformed tbs certificate';
  if (!cert.expect(SEQUENCE)) return 'x509: malformed algorithm identifier';
  if (!isBitString(cert.read())) return 'x509: malformed signature';
  if (!cert.done) return malformed;
  const tbs = new Reader(tbsElement.content);
  if (tbs.peekTag() === explicit(0)) {
    const version = tbs.read()!;
    const v = smallInteger(new Reader(version.content).read());
    if (v === undefined) return 'x509: malformed version';
    if (v > 2) return `x509: invalid X.509 version ${v + 1}`;
  }
  if (!isInteger(tbs.read())) return 'x509: malformed serial number';
  if (!tbs.expect(SEQUENCE)) return 'x509: malformed signature algorithm identifier';
  if (!tbs.expect(SEQUENCE)) return 'x509: malformed issuer';
  const validity = tbs.expect(SEQUENCE);
  if (!validity) return 'x509: malformed validity';
  const times = new Reader(validity.content);
  for (let k = 0; k < 2; k++) {
    const t = times.read();
    if (!t || (t.tag !== UTC_TIME && t.tag !== GENERALIZED_TIME)) return 'x509: malformed validity';
  }
  if (!times.done) return 'x509: malformed validity';
  if (!tbs.expect(SEQUENCE)) return 'x509: malformed subject';
  const spkiElement = tbs.expect(SEQUENCE);
  if (!spkiElement) return 'x509: malformed spki';
  const spki = new Reader(spkiElement.content);
  if (!spki.expect(SEQUENCE) || !isBitString(spki.read()) || !spki.done) return 'x509: malformed spki';
  // Optional issuerUniqueID [1], subjectUniqueID [2], extensions [3].
  while (!tbs.done) {
    const e = tbs.read();
    if (!e || ![0x81, 0xa1, 0x82, 0xa2, explicit(3)].includes(e.tag)) return malformed;
  }
  return undefined;
}

/** `x509.ParsePKCS1PrivateKey`'s structure: `RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv, … }`. */
export function pkcs1PrivateKeyError(der: Uint8Array): string | undefined {
  const key = wholeSequence(der);
  if (!key) return 'x509: failed to parse private key';
  const version = smallInteger(key.read());
  if (version === undefined) return 'x509: failed to parse private key';
  if (version > 1) return 'x509: unsupported private key version';
  const fields: Element[] = [];
  for (let k = 0; k < 8; k++) {
    const e = key.read();
    if (!isInteger(e)) return 'x509: failed to parse private key';
    fields.push(e);
  }
  const [n, , d, p, q] = fields as [Element, Element, Element, Element, Element];
  if (sign(n) <= 0 || sign(d) <= 0 || !greaterThanOne(p) || !greaterThanOne(q)) return 'x509: private key contains zero or negative value';
  return undefined;
}

/** `x509.ParseECPrivateKey`'s structure (SEC 1): `SEQUENCE { version 1, privateKey OCTET STRING, [0] curve OID, [1] publicKey }`. */
export function ecPrivateKeyError(der: Uint8Array, curveFromPkcs8?: Uint8Array): string | undefined {
  const key = wholeSequence(der);
  if (!key) return 'x509: failed to parse EC private key';
  const version = smallInteger(key.read());
  if (version !== 1) return version === undefined ? 'x509: failed to parse EC private key' : `x509: unknown EC private key version ${version}`;
  const privateKey = key.expect(OCTET_STRING);
  if (!privateKey || privateKey.content.length === 0) return 'x509: failed to parse EC private key';
  let curve = curveFromPkcs8;
  if (key.peekTag() === explicit(0)) {
    const oid = new Reader(key.read()!.content).expect(OID);
    if (!oid) return 'x509: failed to parse EC private key';
    curve ??= oid.content;
  }
  if (key.peekTag() === explicit(1) && !isBitString(new Reader(key.read()!.content).read())) return 'x509: failed to parse EC private key';
  if (!key.done) return 'x509: failed to parse EC private key';
  if (!curve || !NAMED_CURVES.some((c) => sameBytes(curve!, c))) return 'x509: unknown elliptic curve';
  return undefined;
}

/** `x509.ParsePKCS8PrivateKey`'s structure: `SEQUENCE { version, AlgorithmIdentifier, privateKey OCTET STRING, … }` and the key inside. */
export function pkcs8PrivateKeyError(der: Uint8Array): string | undefined {
  const key = wholeSequence(der);
  if (!key) return 'x509: failed to parse private key';
  if (smallInteger(key.read()) === undefined) return 'x509: failed to parse private key';
  const algorithmElement = key.expect(SEQUENCE);
  const privateKey = key.expect(OCTET_STRING);
  if (!algorithmElement || !privateKey) return 'x509: failed to parse private key';
  const algorithm = new Reader(algorithmElement.content);
  const oid = algorithm.expect(OID);
  if (!oid) return 'x509: failed to parse private key';
  if (sameBytes(oid.content, OIDS.rsaEncryption)) {
    const inner = pkcs1PrivateKeyError(privateKey.content);
    return inner && `x509: failed to parse RSA private key embedded in PKCS#8: ${inner}`;
  }
  if (sameBytes(oid.content, OIDS.ecPublicKey)) {
    const curve = algorithm.expect(OID);
    const inner = ecPrivateKeyError(privateKey.content, curve?.content);
    return inner && `x509: failed to parse EC private key embedded in PKCS#8: ${inner}`;
  }
  if (sameBytes(oid.content, OIDS.ed25519) || sameBytes(oid.content, OIDS.x25519)) {
    const inner = new Reader(privateKey.content);
    const seed = inner.expect(OCTET_STRING);
    if (!seed || !inner.done) return 'x509: invalid Ed25519 private key';
    if (seed.content.length !== 32) return `x509: invalid Ed25519 private key length: ${seed.content.length}`;
    return undefined;
  }
  return 'x509: PKCS#8 wrapping contained private key with unknown algorithm';
}
