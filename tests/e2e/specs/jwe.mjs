// Encrypted tokens end to end: JWEs made here with node:crypto (an
// implementation independent of the app's) are decrypted through the UI
// contract's hooks, and the encoder's JWEs are decrypted here.

import crypto from 'node:crypto';
import zlib from 'node:zlib';

import {
  assert,
  assertEqual,
  getTokenValue,
  openApp,
  poll,
  pretty,
  setKey,
  setTextarea,
  setToken,
  textOf,
  waitAttrs,
  waitContains,
  waitPresent,
  waitStatus,
} from '../lib.mjs';
import { signToken } from '../jws.mjs';

const STATUS = '[data-testid=jwe-status]';
const PLAINTEXT = '[data-testid=jwe-plaintext]';
const SECRET = 'this-is-the-sample-secret-for-hs256';
const b64u = (buf) => Buffer.from(buf).toString('base64url');

async function waitJwe(page, status, parts = [], timeoutMs = 15000) {
  await waitAttrs(page, STATUS, 'data-status', [status], timeoutMs);
  if (parts.length) await waitContains(page, STATUS, parts);
}

/** Content encryption (RFC 7518 §5.2 and §5.3) of `plaintext` under `cek`. */
function encryptContent(enc, cek, protectedB64, plaintext) {
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

function cbcTag(enc, macKey, aad, iv, ciphertext) {
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  const hash = { 'A128CBC-HS256': 'sha256', 'A192CBC-HS384': 'sha384', 'A256CBC-HS512': 'sha512' }[enc];
  return crypto.createHmac(hash, macKey).update(Buffer.concat([aad, iv, ciphertext, al])).digest().subarray(0, macKey.length);
}

function decryptContent(enc, cek, protectedB64, iv, ciphertext, tag) {
  const aad = Buffer.from(protectedB64, 'ascii');
  if (enc.endsWith('GCM')) {
    const decipher = crypto.createDecipheriv(`aes-${cek.length * 8}-gcm`, cek, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
  const half = cek.length / 2;
  const expected = cbcTag(enc, cek.subarray(0, half), aad, iv, ciphertext);
  assert(crypto.timingSafeEqual(expected, tag), 'CBC-HMAC tag');
  const decipher = crypto.createDecipheriv(`aes-${half * 8}-cbc`, cek.subarray(half), iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

const CEK_BYTES = { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 };
const KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
const aesKw = (kek, cek) => { const c = crypto.createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV); return Buffer.concat([c.update(cek), c.final()]); };
const aesUnwrap = (kek, wrapped) => { const d = crypto.createDecipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV); return Buffer.concat([d.update(wrapped), d.final()]); };

/** A compact JWE: `header` names alg and enc; `wrap(cek, header)` gives the encrypted key. */
function makeJwe(header, plaintext, { cek = crypto.randomBytes(CEK_BYTES[header.enc]), wrap = () => Buffer.alloc(0) } = {}) {
  const encryptedKey = wrap(cek, header);
  const protectedB64 = b64u(JSON.stringify(header));
  const { iv, ciphertext, tag } = encryptContent(header.enc, cek, protectedB64, Buffer.from(plaintext));
  return [protectedB64, b64u(encryptedKey), b64u(iv), b64u(ciphertext), b64u(tag)].join('.');
}

/** The CEK of a PBES2 JWE made by the app, unwrapped here. */
function pbes2Cek(header, password, encryptedKey) {
  const bits = Number(header.alg.slice(8, 11));
  const salt = Buffer.concat([Buffer.from(header.alg, 'utf8'), Buffer.from([0]), Buffer.from(header.p2s, 'base64url')]);
  const kek = crypto.pbkdf2Sync(Buffer.from(password, 'utf8'), salt, header.p2c, (bits / 2) / 8, `sha${bits}`);
  return aesUnwrap(kek, encryptedKey);
}

function splitJwe(token) {
  const [h, k, iv, ct, tag] = token.split('.');
  return { protectedB64: h, header: JSON.parse(Buffer.from(h, 'base64url')), key: Buffer.from(k, 'base64url'), iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ct, 'base64url'), tag: Buffer.from(tag, 'base64url') };
}

const tests = [];

tests.push({
  name: 'jwe: dir + A256GCM with an oct JWK: no key, the right key decrypts to the pretty JSON with its claims, a wrong key or a tampered tag fails',
  run: async ({ page, baseUrl }) => {
    const cek = crypto.randomBytes(32);
    const claims = { iss: 'https://issuer.example', sub: 'enc-user', exp: Math.floor(Date.now() / 1000) + 600 };
    const token = makeJwe({ alg: 'dir', enc: 'A256GCM', kid: 'k1' }, JSON.stringify(claims), { cek });
    await openApp(page, baseUrl);
    await setToken(page, token);
    await setKey(page, '');
    await waitJwe(page, 'no-key', ['shared key']);
    await setKey(page, JSON.stringify({ kty: 'oct', kid: 'k1', k: b64u(cek) }));
    await waitJwe(page, 'decrypted');
    assertEqual(await textOf(page, PLAINTEXT), pretty(claims), 'jwe-plaintext');
    await waitContains(page, '.card-payload', ['enc-user', 'expires in']);
    await setKey(page, JSON.stringify({ kty: 'oct', kid: 'k1', k: b64u(crypto.randomBytes(32)) }));
    await waitJwe(page, 'failed');
    assertEqual(await page.$(PLAINTEXT), null, 'nothing shown before the tag verifies');
    const parts = token.split('.');
    const tag = Buffer.from(parts[4], 'base64url');
    tag[0] ^= 1;
    await setToken(page, [...parts.slice(0, 4), b64u(tag)].join('.'));
    await setKey(page, JSON.stringify({ kty: 'oct', k: b64u(cek) }));
    await waitJwe(page, 'failed');
    // A key that cannot be used for dir + A256GCM: the wrong length.
    await setToken(page, token);
    await setKey(page, JSON.stringify({ kty: 'oct', k: b64u(crypto.randomBytes(16)) }));
    await waitJwe(page, 'key-error');
  },
});

tests.push({
  name: 'jwe: RSA-OAEP-256 + A128CBC-HS256 around a signed JWT: decrypted with the private PEM, the nested token opens, verifies, and leads back',
  run: async ({ page, baseUrl }) => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const inner = signToken('HS256', { secret: Buffer.from(SECRET) }, { payload: { sub: 'nested-user' } });
    const token = makeJwe({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256', cty: 'JWT' }, inner, {
      wrap: (cek) => crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek),
    });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    await openApp(page, baseUrl);
    await setToken(page, token);
    await setKey(page, pem);
    await waitJwe(page, 'decrypted');
    assertEqual(await textOf(page, '[data-testid=nested-token]'), inner, 'nested-token');
    assertEqual(await textOf(page, PLAINTEXT), inner, 'jwe-plaintext');
    await waitPresent(page, '[data-testid=finding][data-code="nested-jwt"]');
    await page.click('[data-testid=open-nested]');
    await poll(async () => ({ ok: (await getTokenValue(page)) === inner, actual: await getTokenValue(page) }), 'the nested token in token-input');
    await setKey(page, SECRET);
    await waitStatus(page, 'valid');
    await page.click('[data-testid=back-to-jwe]');
    await poll(async () => ({ ok: (await getTokenValue(page)) === token, actual: await getTokenValue(page) }), 'the JWE back in token-input');
    await waitJwe(page, 'decrypted');
  },
});

tests.push({
  name: 'jwe: a PBES2 p2c above 1,000,000 is refused before any work, with the reason',
  run: async ({ page, baseUrl }) => {
    const header = { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2s: b64u(crypto.randomBytes(16)), p2c: 2000000 };
    const token = [b64u(JSON.stringify(header)), b64u(crypto.randomBytes(24)), b64u(crypto.randomBytes(12)), b64u(crypto.randomBytes(20)), b64u(crypto.randomBytes(16))].join('.');
    await openApp(page, baseUrl);
    await setToken(page, token);
    await setKey(page, 'any password');
    await waitJwe(page, 'unsupported', ['2000000', 'at most 1000000']);
  },
});

tests.push({
  name: 'encoder: sign then encrypt with a password (PBES2) and to an RSA public key; node decrypts both to the signed token',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.click('[data-testid=mode-encode]');
    await waitPresent(page, '[data-testid=encoder-output]');
    const signed = await textOf(page, '[data-testid=encoder-output]');
    await page.check('[data-testid=encoder-encrypt]');
    await waitContains(page, '[data-testid=encoder-error]', "recipient's key");
    await page.selectOption('[data-testid=encoder-jwe-alg]', 'PBES2-HS256+A128KW');
    await page.selectOption('[data-testid=encoder-jwe-enc]', 'A256GCM');
    await setTextarea(page, '[data-testid=encoder-jwe-key]', 'correct horse battery staple');
    const jwe = await poll(async () => {
      const t = await page.$eval('[data-testid=encoder-output]', (el) => el.textContent).catch(() => '');
      return { ok: t.split('.').length === 5, actual: t };
    }, 'a 5-part JWE in encoder-output', 20000);
    const parts = splitJwe(jwe);
    assertEqual(parts.header.alg, 'PBES2-HS256+A128KW', 'alg');
    assertEqual(parts.header.cty, 'JWT', 'cty');
    const cek = pbes2Cek(parts.header, 'correct horse battery staple', parts.key);
    assertEqual(decryptContent('A256GCM', cek, parts.protectedB64, parts.iv, parts.ciphertext, parts.tag).toString(), signed, 'node decrypts the signed token');
    // Open in decoder: the password opens it there.
    await page.click('[data-testid=open-in-decoder]');
    await waitJwe(page, 'decrypted');
    assertEqual(await textOf(page, '[data-testid=nested-token]'), signed, 'nested-token');

    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    await page.click('[data-testid=mode-encode]');
    await page.selectOption('[data-testid=encoder-jwe-alg]', 'RSA-OAEP-256');
    await page.selectOption('[data-testid=encoder-jwe-enc]', 'A128CBC-HS256');
    await setTextarea(page, '[data-testid=encoder-jwe-key]', publicKey.export({ type: 'spki', format: 'pem' }));
    const rsa = await poll(async () => {
      const t = await page.$eval('[data-testid=encoder-output]', (el) => el.textContent).catch(() => '');
      return { ok: t.split('.').length === 5 && splitJwe(t).header.alg === 'RSA-OAEP-256', actual: t };
    }, 'an RSA-OAEP-256 JWE in encoder-output', 20000);
    const p = splitJwe(rsa);
    const rsaCek = crypto.privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, p.key);
    assertEqual(decryptContent('A128CBC-HS256', rsaCek, p.protectedB64, p.iv, p.ciphertext, p.tag).toString(), signed, 'node decrypts the RSA JWE');
  },
});

/** RFC 7518 §4.6.2 Concat KDF with empty PartyUInfo and PartyVInfo. */
function concatKdf(z, algorithmId, bits) {
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
function familyCases() {
  const claims = JSON.stringify({ sub: 'family-user' });
  const cases = [];
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
  const pbHeader = { alg: 'PBES2-HS512+A256KW', enc: 'A128GCM', p2s: b64u(p2s), p2c: 4096 };
  const pbKek = crypto.pbkdf2Sync(password, Buffer.concat([Buffer.from(pbHeader.alg), Buffer.from([0]), p2s]), 4096, 32, 'sha512');
  cases.push({ family: 'PBES2', key: password, token: makeJwe(pbHeader, claims, { wrap: (cek) => aesKw(pbKek, cek) }) });
  return cases;
}

tests.push({
  name: 'jwe: one JWE per key-management family, made by node:crypto, decrypts (AES-KW, AES-GCMKW, ECDH-ES P-256, ECDH-ES+KW X25519, RSA1_5 with its finding, RSA-OAEP, PBES2)',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    for (const c of familyCases()) {
      await setToken(page, c.token);
      await setKey(page, c.key);
      try {
        await waitJwe(page, 'decrypted');
      } catch (e) {
        throw new Error(`${c.family}: ${e.message}`);
      }
      assertEqual(await textOf(page, PLAINTEXT), pretty({ sub: 'family-user' }), `${c.family} plaintext`);
      if (c.finding) await waitPresent(page, `[data-testid=finding][data-code=${c.finding}]`);
      await setKey(page, '');
      await waitJwe(page, 'no-key');
    }
  },
});

tests.push({
  name: 'jwe: hostile JWEs leave the page working: a zip bomb, an off-curve epk, a truncated tag',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    const cek = crypto.randomBytes(16);
    const bomb = makeJwe({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' }, zlib.deflateRawSync(Buffer.alloc(20 * 1024 * 1024)), { cek });
    await setToken(page, bomb);
    await setKey(page, JSON.stringify({ kty: 'oct', k: b64u(cek) }));
    await waitJwe(page, 'failed', ['10 MB']);
    const recipient = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const { x, y } = recipient.publicKey.export({ format: 'jwk' });
    const bent = Buffer.from(y, 'base64url');
    bent[31] ^= 1;
    const offCurve = makeJwe({ alg: 'ECDH-ES', enc: 'A128GCM', epk: { kty: 'EC', crv: 'P-256', x, y: b64u(bent) } }, 'x');
    await setToken(page, offCurve);
    await setKey(page, recipient.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await waitJwe(page, 'failed', ['curve']);
    const good = makeJwe({ alg: 'dir', enc: 'A128GCM' }, '{"a":1}', { cek });
    const parts = good.split('.');
    await setToken(page, [...parts.slice(0, 4), parts[4].slice(0, 11)].join('.'));
    await setKey(page, JSON.stringify({ kty: 'oct', k: b64u(cek) }));
    await waitJwe(page, 'failed');
    await setToken(page, good);
    await waitJwe(page, 'decrypted');
    assertEqual(await textOf(page, PLAINTEXT), pretty({ a: 1 }), 'the page still decrypts');
  },
});

export default tests;
