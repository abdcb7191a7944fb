// Independent JWS signing for the verification tests and the benchmark: keys
// are generated and tokens signed with Node's built-in node:crypto only, so
// the app is checked against a second implementation, not against itself.
// Not a spec (lives outside specs/).

import crypto from 'node:crypto';

import { b64url } from './lib.mjs';

/** Every JWS algorithm the app verifies, with how Node signs it. */
export const ALGS = {
  HS256: { kind: 'hmac', hash: 'sha256' },
  HS384: { kind: 'hmac', hash: 'sha384' },
  HS512: { kind: 'hmac', hash: 'sha512' },
  RS256: { kind: 'rsa', hash: 'sha256' },
  RS384: { kind: 'rsa', hash: 'sha384' },
  RS512: { kind: 'rsa', hash: 'sha512' },
  PS256: { kind: 'pss', hash: 'sha256', saltLength: 32 },
  PS384: { kind: 'pss', hash: 'sha384', saltLength: 48 },
  PS512: { kind: 'pss', hash: 'sha512', saltLength: 64 },
  ES256: { kind: 'ec', hash: 'sha256', curve: 'prime256v1', crv: 'P-256' },
  ES384: { kind: 'ec', hash: 'sha384', curve: 'secp384r1', crv: 'P-384' },
  ES512: { kind: 'ec', hash: 'sha512', curve: 'secp521r1', crv: 'P-521' },
  EdDSA: { kind: 'ed' },
};

export const ALG_NAMES = Object.keys(ALGS);

/** A claims set far from any time finding's edge. */
export function defaultPayload(extra = {}) {
  return { sub: 'e2e-verify', iat: 1767225600, exp: 4102444800, ...extra };
}

/**
 * A fresh key for `alg`: `{ secret }` (64 random bytes) for HMAC, otherwise
 * `{ privateKey, publicKey }` KeyObjects (RSA 2048, the alg's curve, Ed25519).
 */
export function generateKey(alg) {
  const info = ALGS[alg];
  if (!info) throw new Error(`unknown alg ${alg}`);
  switch (info.kind) {
    case 'hmac':
      return { secret: crypto.randomBytes(64) };
    case 'rsa':
    case 'pss':
      return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    case 'ec':
      return crypto.generateKeyPairSync('ec', { namedCurve: info.curve });
    case 'ed':
      return crypto.generateKeyPairSync('ed25519');
    default:
      throw new Error(`unhandled kind ${info.kind}`);
  }
}

/** The raw signature of `data` (a Buffer) under `alg`. */
export function signBytes(alg, key, data) {
  const info = ALGS[alg];
  switch (info.kind) {
    case 'hmac':
      return crypto.createHmac(info.hash, key.secret ?? key).update(data).digest();
    case 'rsa':
      return crypto.sign(info.hash, data, key.privateKey);
    case 'pss':
      return crypto.sign(info.hash, data, {
        key: key.privateKey,
        padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
        saltLength: info.saltLength,
      });
    case 'ec':
      return crypto.sign(info.hash, data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    case 'ed':
      return crypto.sign(null, data, key.privateKey);
    default:
      throw new Error(`unhandled kind ${info.kind}`);
  }
}

/** Node's own check of a signature, so a failing test points at the app. */
export function verifyBytes(alg, key, data, signature) {
  const info = ALGS[alg];
  switch (info.kind) {
    case 'hmac':
      return crypto.timingSafeEqual(signBytes(alg, key, data), signature);
    case 'rsa':
      return crypto.verify(info.hash, data, key.publicKey, signature);
    case 'pss':
      return crypto.verify(
        info.hash,
        data,
        { key: key.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: info.saltLength },
        signature,
      );
    case 'ec':
      return crypto.verify(info.hash, data, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    case 'ed':
      return crypto.verify(null, data, key.publicKey, signature);
    default:
      throw new Error(`unhandled kind ${info.kind}`);
  }
}

/**
 * A compact JWS signed with `key`. `header` is merged over `{ alg, typ }`
 * (pass `headerText` to control the exact header bytes instead).
 */
export function signToken(alg, key, { header = {}, headerText, payload = defaultPayload(), payloadText } = {}) {
  const h = headerText ?? JSON.stringify({ alg, typ: 'JWT', ...header });
  const p = payloadText ?? JSON.stringify(payload);
  const input = `${b64url(h)}.${b64url(p)}`;
  const signature = signBytes(alg, key, Buffer.from(input, 'ascii'));
  if (!verifyBytes(alg, key, Buffer.from(input, 'ascii'), signature)) {
    throw new Error(`node:crypto does not verify its own ${alg} signature`);
  }
  return `${input}.${b64url(signature)}`;
}

/** The forms a public key can be pasted in (those Node can produce). */
export function spkiPem(key) {
  return key.publicKey.export({ type: 'spki', format: 'pem' });
}
export function pkcs1Pem(key) {
  return key.publicKey.export({ type: 'pkcs1', format: 'pem' });
}
export function pkcs8Pem(key) {
  return key.privateKey.export({ type: 'pkcs8', format: 'pem' });
}
export function sec1Pem(key) {
  return key.privateKey.export({ type: 'sec1', format: 'pem' });
}
export function publicJwk(key, extra = {}) {
  return { ...key.publicKey.export({ format: 'jwk' }), ...extra };
}

/** A 2048-bit RSA public JWK with a random modulus: a distinct key that
 *  parses and fails every signature, made without generating a key pair. */
export function decoyJwk() {
  const n = crypto.randomBytes(256);
  n[0] |= 0x80;
  n[255] |= 1;
  return { kty: 'RSA', n: n.toString('base64url'), e: 'AQAB' };
}
