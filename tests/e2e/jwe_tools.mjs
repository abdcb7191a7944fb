// Compact JWEs made and opened with node:crypto: an implementation of RFC
// 7516/7518 independent of the app's, for the e2e suite and the benchmark.

import crypto from 'node:crypto';

export const b64u = (buf) => Buffer.from(buf).toString('base64url');


/** Content encryption (RFC 7518 §5.2 and §5.3) of `plaintext` under `cek`. */
export function encryptContent(enc, cek, protectedB64, plaintext) {
  const iv = crypto.randomBytes(enc.endsWith('GCM') ? 12 : 16);
  const aad = Buffer.from(protectedB64, 'ascii');
  if (enc.endsWith('GCM')) {
    const cipher = crypto.createCipheriv(`aes-${cek.length * 8}-gcm`, cek, iv);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, ciphertext, tag: cipher.getAuthTag() };
  }
  const half = cek.length / 2;
  const [macKey, encKey] = [cek.subarray(0, half), cek.subarray(half)];
  const cipher = crypto.createCipheriv(`aes-${half * 8}-cbc`, encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cbcTag(enc, macKey, aad, iv, ciphertext) };
}

export function cbcTag(enc, macKey, aad, iv, ciphertext) {
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  const hash = { 'A128CBC-HS256': 'sha256', 'A192CBC-HS384': 'sha384', 'A256CBC-HS512': 'sha512' }[enc];
  return crypto.createHmac(hash, macKey).update(Buffer.concat([aad, iv, ciphertext, al])).digest().subarray(0, macKey.length);
}

export function decryptContent(enc, cek, protectedB64, iv, ciphertext, tag) {
  const aad = Buffer.from(protectedB64, 'ascii');
  if (enc.endsWith('GCM')) {
    const decipher = crypto.createDecipheriv(`aes-${cek.length * 8}-gcm`, cek, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
  const half = cek.length / 2;
  const expected = cbcTag(enc, cek.subarray(0, half), aad, iv, ciphertext);
  if (!crypto.timingSafeEqual(expected, tag)) throw new Error('CBC-HMAC tag does not verify');
  const decipher = crypto.createDecipheriv(`aes-${half * 8}-cbc`, cek.subarray(half), iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

const CEK_BYTES = { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 };
const KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
export const aesKw = (kek, cek) => { const c = crypto.createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV); return Buffer.concat([c.update(cek), c.final()]); };
export const aesUnwrap = (kek, wrapped) => { const d = crypto.createDecipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV); return Buffer.concat([d.update(wrapped), d.final()]); };

/** A compact JWE: `header` names alg and enc; `wrap(cek, header)` gives the encrypted key. */
export function makeJwe(header, plaintext, { cek = crypto.randomBytes(CEK_BYTES[header.enc]), wrap = () => Buffer.alloc(0) } = {}) {
  const encryptedKey = wrap(cek, header);
  const protectedB64 = b64u(JSON.stringify(header));
  const { iv, ciphertext, tag } = encryptContent(header.enc, cek, protectedB64, Buffer.from(plaintext));
  return [protectedB64, b64u(encryptedKey), b64u(iv), b64u(ciphertext), b64u(tag)].join('.');
}

/** The CEK of a PBES2 JWE made by the app, unwrapped here. */
export function pbes2Cek(header, password, encryptedKey) {
  const bits = Number(header.alg.slice(8, 11));
  const salt = Buffer.concat([Buffer.from(header.alg, 'utf8'), Buffer.from([0]), Buffer.from(header.p2s, 'base64url')]);
  const kek = crypto.pbkdf2Sync(Buffer.from(password, 'utf8'), salt, header.p2c, (bits / 2) / 8, `sha${bits}`);
  return aesUnwrap(kek, encryptedKey);
}

export function splitJwe(token) {
  const [h, k, iv, ct, tag] = token.split('.');
  return { protectedB64: h, header: JSON.parse(Buffer.from(h, 'base64url')), key: Buffer.from(k, 'base64url'), iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ct, 'base64url'), tag: Buffer.from(tag, 'base64url') };
}

/** RFC 7518 §4.6.2 Concat KDF with empty PartyUInfo and PartyVInfo. */
export function concatKdf(z, algorithmId, bits) {
  const len32 = (b) => { const x = Buffer.alloc(4); x.writeUInt32BE(b.length); return Buffer.concat([x, b]); };
  const supp = Buffer.alloc(4);
  supp.writeUInt32BE(bits);
  const otherInfo = Buffer.concat([len32(Buffer.from(algorithmId)), len32(Buffer.alloc(0)), len32(Buffer.alloc(0)), supp]);
  const out = [];
  for (let counter = 1; Buffer.concat(out).length * 8 < bits; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    out.push(crypto.createHash('sha256').update(Buffer.concat([c, z, otherInfo])).digest());
  }
  return Buffer.concat(out).subarray(0, bits / 8);
}

/** One JWE per key-management family, made by node:crypto, with the key the app needs. */
export function familyCases({ p2c = 4096 } = {}) {
  const claims = JSON.stringify({ sub: 'family-user' });
  const cases = [];
  const dirKey = crypto.randomBytes(32);
  cases.push({ family: 'dir', key: JSON.stringify({ kty: 'oct', k: b64u(dirKey) }),
    token: makeJwe({ alg: 'dir', enc: 'A256GCM' }, claims, { cek: dirKey }) });
  const kek = crypto.randomBytes(16);
  cases.push({ family: 'A128KW', key: JSON.stringify({ kty: 'oct', k: b64u(kek) }),
    token: makeJwe({ alg: 'A128KW', enc: 'A128GCM' }, claims, { wrap: (cek) => aesKw(kek, cek) }) });
  const gcmKek = crypto.randomBytes(32);
  const gcmHeader = { alg: 'A256GCMKW', enc: 'A192CBC-HS384' };
  const gcmCek = crypto.randomBytes(48);
  const gcmIv = crypto.randomBytes(12);
  const wrapper = crypto.createCipheriv('aes-256-gcm', gcmKek, gcmIv);
  const wrapped = Buffer.concat([wrapper.update(gcmCek), wrapper.final()]);
  Object.assign(gcmHeader, { iv: b64u(gcmIv), tag: b64u(wrapper.getAuthTag()) });
  cases.push({ family: 'A256GCMKW', key: JSON.stringify({ kty: 'oct', k: b64u(gcmKek) }),
    token: makeJwe(gcmHeader, claims, { cek: gcmCek, wrap: () => wrapped }) });
  const recipient = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const eph = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const z = crypto.diffieHellman({ privateKey: eph.privateKey, publicKey: recipient.publicKey });
  const { kty, crv, x, y } = eph.publicKey.export({ format: 'jwk' });
  cases.push({ family: 'ECDH-ES', key: recipient.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    token: makeJwe({ alg: 'ECDH-ES', enc: 'A128GCM', epk: { kty, crv, x, y } }, claims, { cek: concatKdf(z, 'A128GCM', 128) }) });
  const x25519 = crypto.generateKeyPairSync('x25519');
  const eph2 = crypto.generateKeyPairSync('x25519');
  const z2 = crypto.diffieHellman({ privateKey: eph2.privateKey, publicKey: x25519.publicKey });
  const kwKey = concatKdf(z2, 'ECDH-ES+A256KW', 256);
  const epk2 = eph2.publicKey.export({ format: 'jwk' });
  cases.push({ family: 'ECDH-ES+A256KW (X25519)', key: JSON.stringify(x25519.privateKey.export({ format: 'jwk' })),
    token: makeJwe({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', epk: { kty: epk2.kty, crv: epk2.crv, x: epk2.x } }, claims, { wrap: (cek) => aesKw(kwKey, cek) }) });
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  cases.push({ family: 'RSA1_5', key: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }), finding: 'jwe-rsa1_5',
    token: makeJwe({ alg: 'RSA1_5', enc: 'A128CBC-HS256' }, claims, { wrap: (cek) => crypto.publicEncrypt({ key: rsa.publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, cek) }) });
  cases.push({ family: 'RSA-OAEP', key: JSON.stringify(rsa.privateKey.export({ format: 'jwk' })),
    token: makeJwe({ alg: 'RSA-OAEP', enc: 'A256CBC-HS512' }, claims, { wrap: (cek) => crypto.publicEncrypt({ key: rsa.publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, cek) }) });
  const password = 'Thus from my lips, by yours, my sin is purged.';
  const p2s = crypto.randomBytes(16);
  const pbHeader = { alg: 'PBES2-HS512+A256KW', enc: 'A128GCM', p2s: b64u(p2s), p2c };
  const pbKek = crypto.pbkdf2Sync(password, Buffer.concat([Buffer.from(pbHeader.alg), Buffer.from([0]), p2s]), p2c, 32, 'sha512');
  cases.push({ family: `PBES2 (p2c ${p2c.toLocaleString('en')})`, key: password, token: makeJwe(pbHeader, claims, { wrap: (cek) => aesKw(pbKek, cek) }) });
  return cases;
}

