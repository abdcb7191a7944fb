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
import { aesKw, b64u, decryptContent, familyCases, makeJwe, pbes2Cek, splitJwe } from '../jwe_tools.mjs';

const STATUS = '[data-testid=jwe-status]';
const PLAINTEXT = '[data-testid=jwe-plaintext]';
const SECRET = 'this-is-the-sample-secret-for-hs256';
async function waitJwe(page, status, parts = [], timeoutMs = 15000) {
  await waitAttrs(page, STATUS, 'data-status', [status], timeoutMs);
  if (parts.length) await waitContains(page, STATUS, parts);
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
