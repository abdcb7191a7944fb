// Keys, end to end: the key tool's conversions and the encoder's key
// generation. Every key the app writes is read back by node:crypto and
// compared with the original, and every token signed with a generated key is
// verified by node:crypto with the public key the page shows.

import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../harness.mjs';
import {
  assert,
  assertEqual,
  getTokenValue,
  openApp,
  poll,
  setTextarea,
  textOf,
  waitContains,
  waitPresent,
  waitStatus,
} from '../lib.mjs';
import { ALGS, generateKey, pkcs8Pem, sec1Pem, spkiPem, verifyBytes } from '../jws.mjs';

const OUTPUT = '[data-testid=encoder-output]';
const GENERATED = '[data-testid=generated-public-key]';

/** RFC 7638: SHA-256 of the required members in lexicographic order. */
function thumbprint(jwk) {
  const required = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'], oct: ['k', 'kty'] }[jwk.kty];
  const members = Object.fromEntries(required.map((k) => [k, jwk[k]]));
  return crypto.createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/** The members of a JWK that carry the key, for comparing two JWKs. */
function keyMembers(jwk) {
  const names = ['kty', 'crv', 'n', 'e', 'x', 'y', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
  return JSON.stringify(Object.fromEntries(names.filter((k) => k in jwk).map((k) => [k, jwk[k]])));
}

async function openKeyTool(page, baseUrl) {
  await openApp(page, baseUrl);
  await page.click('[data-testid=mode-keys]');
  await waitPresent(page, '[data-testid=key-tool-input]');
}

/** Pastes `text` into the key tool and waits for the forms of a key. */
async function convert(page, text) {
  await setTextarea(page, '[data-testid=key-tool-input]', '');
  await setTextarea(page, '[data-testid=key-tool-input]', text);
  await waitPresent(page, '[data-testid=key-thumbprint]');
  const read = (id) => textOf(page, `[data-testid=${id}]`);
  return {
    jwk: JSON.parse(await read('key-as-jwk')),
    pem: await read('key-as-pem'),
    thumbprint: await read('key-thumbprint'),
    privateJwk: await read('key-as-private-jwk'),
    privatePem: await read('key-as-private-pem'),
    traditional: await read('key-as-traditional-pem'),
  };
}

/** Checks every form against node:crypto's reading of the original key. */
function checkForms(forms, key, { isPrivate }) {
  const publicJwk = key.publicKey.export({ format: 'jwk' });
  assertEqual(keyMembers(forms.jwk), keyMembers(publicJwk), 'public JWK');
  assertEqual(forms.pem.trim(), spkiPem(key).trim(), 'SPKI PEM, byte for byte');
  assertEqual(forms.thumbprint, thumbprint(publicJwk), 'RFC 7638 thumbprint');
  if (!isPrivate) {
    assertEqual(forms.privatePem, null, 'no private forms for a public key');
    return;
  }
  const privateJwk = key.privateKey.export({ format: 'jwk' });
  const fromPem = crypto.createPrivateKey(forms.privatePem).export({ format: 'jwk' });
  assertEqual(keyMembers(fromPem), keyMembers(privateJwk), 'PKCS#8 PEM read back by node');
  assert(forms.privatePem.startsWith('-----BEGIN PRIVATE KEY-----'), 'PKCS#8 label');
  const fromJwk = crypto.createPrivateKey({ key: JSON.parse(forms.privateJwk), format: 'jwk' }).export({ format: 'jwk' });
  assertEqual(keyMembers(fromJwk), keyMembers(privateJwk), 'private JWK read back by node');
  if (['ed25519', 'ed448'].includes(key.privateKey.asymmetricKeyType)) {
    assertEqual(forms.traditional, null, 'Ed25519 and Ed448 have no traditional form');
  } else {
    const fromTraditional = crypto.createPrivateKey(forms.traditional).export({ format: 'jwk' });
    assertEqual(keyMembers(fromTraditional), keyMembers(privateJwk), 'PKCS#1/SEC1 PEM read back by node');
  }
}

const tests = [];

for (const alg of ['RS256', 'ES256', 'ES384', 'ES512', 'EdDSA']) {
  tests.push({
    name: `key tool: a ${alg} key pasted as every form node writes gives the same public JWK, SPKI PEM and thumbprint, and private forms node reads back`,
    run: async ({ page, baseUrl }) => {
      const key = generateKey(alg);
      await openKeyTool(page, baseUrl);
      checkForms(await convert(page, pkcs8Pem(key)), key, { isPrivate: true });
      checkForms(await convert(page, spkiPem(key)), key, { isPrivate: false });
      checkForms(await convert(page, JSON.stringify(key.publicKey.export({ format: 'jwk' }))), key, { isPrivate: false });
      checkForms(await convert(page, JSON.stringify(key.privateKey.export({ format: 'jwk' }))), key, { isPrivate: true });
      if (ALGS[alg].kind === 'ec') checkForms(await convert(page, sec1Pem(key)), key, { isPrivate: true });
      if (ALGS[alg].kind === 'rsa') {
        checkForms(await convert(page, key.privateKey.export({ type: 'pkcs1', format: 'pem' })), key, { isPrivate: true });
        checkForms(await convert(page, key.publicKey.export({ type: 'pkcs1', format: 'pem' })), key, { isPrivate: false });
      }
    },
  });
}

tests.push({
  name: 'key tool: an Ed448 key pasted as every form node writes gives the same public JWK, SPKI PEM and thumbprint, and private forms node reads back',
  run: async ({ page, baseUrl }) => {
    const key = crypto.generateKeyPairSync('ed448');
    await openKeyTool(page, baseUrl);
    checkForms(await convert(page, pkcs8Pem(key)), key, { isPrivate: true });
    checkForms(await convert(page, spkiPem(key)), key, { isPrivate: false });
    checkForms(await convert(page, JSON.stringify(key.publicKey.export({ format: 'jwk' }))), key, { isPrivate: false });
    checkForms(await convert(page, JSON.stringify(key.privateKey.export({ format: 'jwk' }))), key, { isPrivate: true });
  },
});

// The draft's ML-DSA examples (tests/vectors/mldsa_jose_examples.json): the
// AKP JWK's kid is its thumbprint, and derived_spki_pem is the RFC 9881 SPKI
// of its pub (made with python cryptography, not by the app).
const MLDSA = JSON.parse(readFileSync(path.join(repoRoot, 'tests/vectors/mldsa_jose_examples.json'), 'utf8')).vectors;
for (const v of MLDSA) {
  tests.push({
    name: `key tool: the ${v.alg} example key as AKP JWK, SPKI PEM and private JWK gives the same pub, SPKI and thumbprint; its PKCS#8 reads back`,
    run: async ({ page, baseUrl }) => {
      await openKeyTool(page, baseUrl);
      const publicMembers = (jwk) => JSON.stringify({ kty: jwk.kty, alg: jwk.alg, pub: jwk.pub });
      const check = (forms, what, isPrivate) => {
        assertEqual(publicMembers(forms.jwk), publicMembers(v.key), `${what}: public AKP JWK`);
        assertEqual(forms.pem.trim(), v.derived_spki_pem.trim(), `${what}: SPKI PEM, byte for byte`);
        assertEqual(forms.thumbprint, v.key.kid, `${what}: thumbprint over alg, kty and pub`);
        if (!isPrivate) assertEqual(forms.privatePem, null, `${what}: no private forms`);
      };
      check(await convert(page, JSON.stringify(v.key)), 'public JWK', false);
      check(await convert(page, v.derived_spki_pem), 'SPKI PEM', false);
      const fromPrivate = await convert(page, JSON.stringify(v.private_key));
      check(fromPrivate, 'private JWK', true);
      assertEqual(JSON.parse(fromPrivate.privateJwk).priv, v.private_key.priv, 'the seed kept in the private JWK');
      assert(fromPrivate.privatePem.startsWith('-----BEGIN PRIVATE KEY-----'), 'PKCS#8 label');
      // The PKCS#8 the tool wrote (seed form) reads back to the same key.
      const again = await convert(page, fromPrivate.privatePem);
      check(again, 'its PKCS#8 PEM', true);
      assertEqual(JSON.parse(again.privateJwk).priv, v.private_key.priv, 'the seed read back from PKCS#8');
    },
  });
}

tests.push({
  name: 'key tool: a JWK Set shows each key; text that is not a key says what to paste',
  run: async ({ page, baseUrl }) => {
    const a = generateKey('ES256');
    const b = generateKey('EdDSA');
    await openKeyTool(page, baseUrl);
    const set = { keys: [a, b].map((k, i) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: `k${i}` })) };
    await setTextarea(page, '[data-testid=key-tool-input]', JSON.stringify(set));
    await poll(async () => {
      const actual = await page.$$eval('[data-testid=key-thumbprint]', (els) => els.map((e) => e.textContent));
      return { ok: actual.length === 2, actual };
    }, 'two keys');
    const prints = await page.$$eval('[data-testid=key-thumbprint]', (els) => els.map((e) => e.textContent));
    assertEqual(prints.join(), set.keys.map(thumbprint).join(), 'both thumbprints, in order');
    const jwks = await page.$$eval('[data-testid=key-as-jwk]', (els) => els.map((e) => JSON.parse(e.textContent).kid));
    assertEqual(jwks.join(), 'k0,k1', 'kids kept');
    await setTextarea(page, '[data-testid=key-tool-input]', 'hello');
    await waitContains(page, '[data-testid=key-tool-error]', ['PEM', 'JWK']);
    assertEqual(await textOf(page, '[data-testid=key-thumbprint]'), null, 'no forms for text');
  },
});

async function generate(page, alg) {
  await page.selectOption('[data-testid=encoder-alg]', alg);
  const before = await page.$eval('[data-testid=encoder-key]', (el) => el.value);
  await page.click('[data-testid=generate-key]');
  await poll(async () => {
    const actual = await page.$eval('[data-testid=encoder-key]', (el) => el.value);
    return { ok: actual !== before && actual !== '', actual };
  }, 'a generated key in encoder-key', 60000);
}

// Ed448 (RFC 9864) and ML-DSA (draft-ietf-cose-dilithium): generated and
// signed in the worker, shown as SPKI PEM and JWK, valid in the decoder;
// node verifies Ed448 (its ML-DSA needs a newer Node than the suite's).
for (const alg of ['Ed448', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']) {
  tests.push({
    name: `generate: ${alg} key in the worker; the token carries it and opens valid in the decoder`,
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      await page.click('[data-testid=mode-encode]');
      await waitPresent(page, OUTPUT);
      await generate(page, alg);
      await poll(async () => {
        const actual = await textOf(page, OUTPUT);
        return { ok: actual !== null && JSON.parse(Buffer.from(actual.split('.')[0], 'base64url')).alg === alg, actual };
      }, `an ${alg} token`, 20000);
      const token = await textOf(page, OUTPUT);
      await waitContains(page, GENERATED, ['-----BEGIN PUBLIC KEY-----', `"alg": "${alg}"`]);
      const [pem, jwkText] = await page.$$eval(`${GENERATED} pre`, (els) => els.map((e) => e.textContent));
      const jwk = JSON.parse(jwkText);
      assertEqual(jwk.kty, alg === 'Ed448' ? 'OKP' : 'AKP', 'kty');
      if (alg === 'Ed448') {
        const [h, p, sig] = token.split('.');
        assert(crypto.verify(null, Buffer.from(`${h}.${p}`), crypto.createPublicKey(pem), Buffer.from(sig, 'base64url')), 'node verifies Ed448');
      }
      await page.click('[data-testid=open-in-decoder]');
      await waitStatus(page, 'valid', [alg], 20000);
      await setTextarea(page, '[data-testid=key-input]', jwkText);
      await waitStatus(page, 'valid', [alg], 20000);
    },
  });
}

for (const alg of ['HS256', 'HS512', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA']) {
  tests.push({
    name: `generate: ${alg} key in the worker; node verifies the token with the SPKI PEM and the JWK shown; open in decoder is valid`,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      await page.click('[data-testid=mode-encode]');
      await waitPresent(page, OUTPUT);
      await generate(page, alg);
      const keyText = await page.$eval('[data-testid=encoder-key]', (el) => el.value);
      await poll(async () => {
        const actual = await textOf(page, OUTPUT);
        return { ok: actual !== null && JSON.parse(Buffer.from(actual.split('.')[0], 'base64url')).alg === alg, actual };
      }, `an ${alg} token`, 20000);
      const token = await textOf(page, OUTPUT);
      const [h, p, s] = token.split('.');
      const data = Buffer.from(`${h}.${p}`, 'ascii');
      const signature = Buffer.from(s, 'base64url');
      if (ALGS[alg].kind === 'hmac') {
        const secret = Buffer.from(keyText, 'base64url');
        assertEqual(secret.length, { HS256: 32, HS384: 48, HS512: 64 }[alg], 'secret as long as the hash');
        assertEqual(await page.$eval('[data-testid=encoder-secret-encoding]', (el) => el.value), 'base64url', 'encoding follows');
        assertEqual((await textOf(page, GENERATED)) ?? '', '', 'no public key for HMAC');
        assert(verifyBytes(alg, { secret }, data, signature), 'node verifies the HMAC');
      } else {
        assert(keyText.startsWith('-----BEGIN PRIVATE KEY-----'), 'PKCS#8 in the key box');
        await waitContains(page, GENERATED, ['-----BEGIN PUBLIC KEY-----', '"kid"']);
        const shown = await page.$$eval(`${GENERATED} pre`, (els) => els.map((e) => e.textContent));
        const [pem, jwkText] = shown;
        const jwk = JSON.parse(jwkText);
        assertEqual(jwk.kid, thumbprint(jwk), 'kid is the RFC 7638 thumbprint');
        assertEqual(jwk.alg, alg, 'alg in the JWK');
        for (const publicKey of [crypto.createPublicKey(pem), crypto.createPublicKey({ key: jwk, format: 'jwk' })]) {
          assert(verifyBytes(alg, { publicKey }, data, signature), `node verifies ${alg} with the shown public key`);
        }
        const privateKey = crypto.createPrivateKey(keyText);
        assertEqual(
          keyMembers(crypto.createPublicKey(privateKey).export({ format: 'jwk' })),
          keyMembers(crypto.createPublicKey(pem).export({ format: 'jwk' })),
          'the public key is the private key\'s',
        );
      }
      await page.click('[data-testid=open-in-decoder]');
      await poll(async () => {
        const actual = (await getTokenValue(page)).trim();
        return { ok: actual === token, actual };
      }, 'the token in the decoder');
      const key = await page.$eval('[data-testid=key-input]', (el) => el.value);
      if (ALGS[alg].kind !== 'hmac') assert(key.startsWith('-----BEGIN PUBLIC KEY-----'), `public key in key-input: ${key}`);
      await waitStatus(page, 'valid');
    },
  });
}

tests.push({
  name: 'generate: RSA-4096 runs in its own worker, the decoder keeps verifying meanwhile, and cancel stops it',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.click('[data-testid=mode-encode]');
    await waitPresent(page, OUTPUT);
    await page.selectOption('[data-testid=encoder-alg]', 'RS256');
    await page.selectOption('[data-testid=generate-key-size]', '4096');
    await page.click('[data-testid=generate-key]');
    await waitPresent(page, '[data-testid=cancel-generate]');
    // While it generates, the decoder still verifies (main thread and the
    // checking worker are free).
    await page.click('[data-testid=mode-decode]');
    await setTextarea(page, '[data-testid=key-input]', 'wrong');
    await waitStatus(page, 'invalid');
    await setTextarea(page, '[data-testid=key-input]', 'this-is-the-sample-secret-for-hs256');
    await waitStatus(page, 'valid');
    await page.click('[data-testid=mode-encode]');
    const keyBefore = await page.$eval('[data-testid=encoder-key]', (el) => el.value);
    await page.click('[data-testid=cancel-generate]');
    await waitContains(page, '.key-generator', 'Generation cancelled.');
    assertEqual(await page.$eval('[data-testid=generate-key]', (el) => el.disabled), false, 'generate enabled again');
    assertEqual(await page.$eval('[data-testid=encoder-key]', (el) => el.value), keyBefore, 'key box untouched');
  },
});

export default tests;
