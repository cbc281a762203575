/**
 * Throwaway TLS material for tests (made once with openssl, self-signed, never used anywhere
 * else): certificates and private keys in each PEM form a listener's Secret may hold, and a
 * helper to put them in a `kubernetes.io/tls` Secret.
 */

/** A P-256 certificate for www.example.com. */
export const EC_CERT = `-----BEGIN CERTIFICATE-----
MIIBpjCCAU2gAwIBAgIUH/2/8Wv4K2/+iGlThwBk0KudflIwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPd3d3LmV4YW1wbGUuY29tMCAXDTI2MTIwNjA2MTYzMVoYDzIx
MjYxMTEyMDYxNjMxWjAaMRgwFgYDVQQDDA93d3cuZXhhbXBsZS5jb20wWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAATJyqFZS8mL1Ei27n34KS+HOVDdSUQwgGwxY0x0
gg8Zc9vFHM0RWTHJIegrkXC7xi/cWPCjyF/XUrZO66p5QuB0o28wbTAdBgNVHQ4E
FgQUo7FM6C1jeeYfnKRHZ6QnDqinlqUwHwYDVR0jBBgwFoAUo7FM6C1jeeYfnKRH
Z6QnDqinlqUwDwYDVR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgg93d3cuZXhhbXBs
ZS5jb20wCgYIKoZIzj0EAwIDRwAwRAIgVyh9O2GBxx4WLgnYAL0lAqqkXNRihWtM
bLLK2O/3Oe4CIB6Fnt2bU7wpbuoXq+/botKnoDtuOg2dDO+QKx9RxECZ
-----END CERTIFICATE-----
`;

/** Its key, PKCS#8 (`PRIVATE KEY`). */
export const EC_PKCS8_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgRlRgci2MiSwzYGpD
GTI9VVPfS1WL/i8rYWl6Kg/vYKuhRANCAATJyqFZS8mL1Ei27n34KS+HOVDdSUQw
gGwxY0x0gg8Zc9vFHM0RWTHJIegrkXC7xi/cWPCjyF/XUrZO66p5QuB0
-----END PRIVATE KEY-----
`;

/** The same key, SEC 1 (`EC PRIVATE KEY`). */
export const EC_SEC1_KEY = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIEZUYHItjIksM2BqQxkyPVVT30tVi/4vK2FpeioP72CroAoGCCqGSM49
AwEHoUQDQgAEycqhWUvJi9RItu59+CkvhzlQ3UlEMIBsMWNMdIIPGXPbxRzNEVkx
ySHoK5Fwu8Yv3Fjwo8hf11K2TuuqeULgdA==
-----END EC PRIVATE KEY-----
`;

/** An RSA certificate for rsa.example.com. */
export const RSA_CERT = `-----BEGIN CERTIFICATE-----
MIICEjCCAXugAwIBAgIUReKr4CoKIeyd0R15jHrwKCWQPLUwDQYJKoZIhvcNAQEL
BQAwGjEYMBYGA1UEAwwPcnNhLmV4YW1wbGUuY29tMCAXDTI2MTIwNjA2MTYzMVoY
DzIxMjYxMTEyMDYxNjMxWjAaMRgwFgYDVQQDDA9yc2EuZXhhbXBsZS5jb20wgZ8w
DQYJKoZIhvcNAQEBBQADgY0AMIGJAoGBAKeuT7oDIeQC/+yTQtEuQcFbpVxElTpZ
v0Xvv7Hlg3ZLrwkeJXKVjeEllggacc/6QCtw1I30NRWbgg09nFisZ6rAkQ5608Vi
3zF2RtOrXLHFJ5yTaENADh0FFnOWQeBsrmOURIrJ20p/0KPaygwtn0JiJZICpQXq
G/9XSrXPdUSXAgMBAAGjUzBRMB0GA1UdDgQWBBQGKTR8WTQRft8diZdpWudVHmFq
kjAfBgNVHSMEGDAWgBQGKTR8WTQRft8diZdpWudVHmFqkjAPBgNVHRMBAf8EBTAD
AQH/MA0GCSqGSIb3DQEBCwUAA4GBAFKJ5ayzcHYUtwgRAuw54TeHXpNRg1/OBXQ1
PcUx6m6texO6BSL1mPl3DYFuE0xK1jUtpBMhCybGpw4Y0jI5uwdgs3KxXuytmjud
uHdzqd/r7D6G6panw6FMYx+b+x+TccBJR8epZBEckuUj529neq4U5qYyB5HvmOZN
YcqqTJEU
-----END CERTIFICATE-----
`;

/** Its key, PKCS#1 (`RSA PRIVATE KEY`). */
export const RSA_PKCS1_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQCnrk+6AyHkAv/sk0LRLkHBW6VcRJU6Wb9F77+x5YN2S68JHiVy
lY3hJZYIGnHP+kArcNSN9DUVm4INPZxYrGeqwJEOetPFYt8xdkbTq1yxxSeck2hD
QA4dBRZzlkHgbK5jlESKydtKf9Cj2soMLZ9CYiWSAqUF6hv/V0q1z3VElwIDAQAB
AoGAVzi6y/1ZIavVyA+J0BmJprSvPWGHZkTM0+o0AqtqSJxxvgJqZEIa/SR5+FkZ
HqADxRT526VN/6FWcuC7dPypJzdawJSWSt2BcizS9cpYO4b1GSrRFKIKW+9pyigp
dctYHrYXpWftXzRvdDENSYYyi4ffP9CoFK9zn9E5eKUbzKECQQDQpFNgIO1BWHyU
hUrfaHcQRI+odQb4M/uuMAP/1jw1dHtxb71ALe8sU1P2xwFZ07MG/EhKJ0vgl0EZ
MIMLuBg5AkEAzb3XgqOWyNYVsVdMxUznIa4q2fYyx7ti6hbM7nM59v2DwxT/hkMS
xT0tCupJWwa8teaPg9XF/vFZ++N8HQYjTwJAL8AcENkYU6dDw94Jt7252jBGzKAT
+0Qyarg0gh3u47EH+3s+Tez1WyirA8Sh64QG6iddCBOcSwdy76fppgn5CQJBAIJU
/Ky5TM+1LtDE6NEjwldHqcWhfNGiFysLfo6fV9zrBAkUyDoZS06/TkVX3VhYkDr6
73coeODjq4kxtnH8bWkCQQC78QhqtS3iNwsqpK9H2ylSPbEKo5ZjrZ90Z6yXXWUq
h8mU7Dk0KuZ5mGHuX8Z0GUtUgB5xr5vqCMpkmldjlAS3
-----END RSA PRIVATE KEY-----
`;

/** An Ed25519 key, PKCS#8. */
export const ED25519_PKCS8_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJJdOS/VZAiNW6L77ntcRJIp7beLx0zS/eTxhkzbNmCV
-----END PRIVATE KEY-----
`;

/** Base64 of UTF-8 text, as a Secret's `data` holds it. */
export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A `kubernetes.io/tls` Secret with this certificate and key (PEM text), as `kubectl create secret tls` makes it. */
export function tlsSecret(namespace: string, name: string, cert = EC_CERT, key = EC_PKCS8_KEY): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { namespace, name }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64(cert), 'tls.key': b64(key) } };
}
