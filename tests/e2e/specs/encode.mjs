// Writing tokens, end to end: editing a decoded token in place and the
// encoder. Every token the app signs is checked with node:crypto
// (tests/e2e/jws.mjs), a second implementation, not with the app itself.

import {
  assert,
  assertEqual,
  b64url,
  getTokenValue,
  openApp,
  poll,
  pretty,
  setEncoding,
  setKey,
  setTextarea,
  setToken,
  textOf,
  waitContains,
  waitPresent,
  waitStatus,
} from '../lib.mjs';
import { ALG_NAMES, generateKey, pkcs8Pem, sec1Pem, signToken, spkiPem, verifyBytes } from '../jws.mjs';

const SAMPLE_SECRET = 'this-is-the-sample-secret-for-hs256';
const SAMPLE_HEADER = { alg: 'HS256', typ: 'JWT' };
const finding = (code) => `[data-testid=finding][data-code=${code}]`;
const OUTPUT = '[data-testid=encoder-output]';
const ENC_ERROR = '[data-testid=encoder-error]';

/** Asserts node:crypto verifies `token` under `alg` with `key`. */
function nodeVerifies(token, alg, key) {
  const [h, p, s] = token.split('.');
  const ok = verifyBytes(alg, key, Buffer.from(`${h}.${p}`, 'ascii'), Buffer.from(s, 'base64url'));
  assert(ok, `node:crypto does not verify the app's ${alg} token ${token}`);
}

/** Waits until the token box holds a token other than `before`; returns it. */
async function tokenChangedFrom(page, before) {
  const seen = await poll(async () => {
    const actual = (await getTokenValue(page)).trim();
    return { ok: actual !== before.trim(), actual };
  }, 'token-input to change');
  return seen;
}

/** Waits until `token-input` holds exactly `expected`. */
async function tokenIs(page, expected) {
  await poll(async () => {
    const actual = (await getTokenValue(page)).trim();
    return { ok: actual === expected, actual };
  }, `token-input to be ${expected}`);
}

async function openEditors(page) {
  await page.click('[data-testid=edit-token]');
  await waitPresent(page, '[data-testid=payload-editor]');
  await waitPresent(page, '[data-testid=header-editor]');
}

/** Waits for the encoder's output to be a token other than `before`. */
async function outputChangedFrom(page, before) {
  const seen = await poll(async () => {
    const actual = await textOf(page, OUTPUT);
    return { ok: actual !== null && actual !== before, actual };
  }, `${OUTPUT} to show a new token`);
  return seen;
}

async function selectAlg(page, alg) {
  await page.selectOption('[data-testid=encoder-alg]', alg);
}

async function openEncoder(page, baseUrl) {
  await openApp(page, baseUrl);
  await page.click('[data-testid=mode-encode]');
  await waitPresent(page, OUTPUT);
}

const tests = [];

tests.push({
  name: 'edit in place: the sample re-signed with its secret is valid, signed exactly as written, and broken JSON keeps the token',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await waitStatus(page, 'valid');
    const before = (await getTokenValue(page)).trim();
    await openEditors(page);
    const header = await page.$eval('[data-testid=header-editor]', (el) => el.value);
    assertEqual(header, pretty(SAMPLE_HEADER), 'header editor holds the decoded header');
    // Keys in the written order, numbers as written (1.50 stays 1.50).
    const written = '{\n  "sub": "admin",\n  "amount": 1.50,\n  "exp": 4102444800\n}';
    await setTextarea(page, '[data-testid=payload-editor]', written);
    const token = await tokenChangedFrom(page, before);
    const [h, p] = token.split('.');
    assertEqual(h, before.split('.')[0], 'header part unchanged');
    assertEqual(p, b64url('{"sub":"admin","amount":1.50,"exp":4102444800}'), 'payload signed as written, compacted');
    nodeVerifies(token, 'HS256', { secret: Buffer.from(SAMPLE_SECRET) });
    await waitStatus(page, 'valid');
    await waitContains(page, '[data-testid=payload-json]', '"amount": 1.50');

    await setTextarea(page, '[data-testid=payload-editor]', '{\n  "sub": "admin",\n  "amount": \n}');
    await waitContains(page, '[data-testid=edit-error]', ['The payload is not valid JSON at line 4, column 1']);
    assertEqual((await getTokenValue(page)).trim(), token, 'the last good token stays');
    await waitStatus(page, 'valid');
  },
});

tests.push({
  name: 'edit in place without a key keeps the old signature (invalid), and the secret entered afterwards re-signs it',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    const before = (await getTokenValue(page)).trim();
    await setKey(page, '');
    await waitStatus(page, 'no-key');
    await openEditors(page);
    await setTextarea(page, '[data-testid=payload-editor]', '{"sub": "eve"}');
    const kept = `${before.split('.')[0]}.${b64url('{"sub":"eve"}')}.${before.split('.')[2]}`;
    await tokenIs(page, kept);
    await waitContains(page, '[data-testid=edit-note]', ['Not re-signed', 'old signature']);
    await setKey(page, SAMPLE_SECRET);
    await waitStatus(page, 'valid');
    const token = (await getTokenValue(page)).trim();
    nodeVerifies(token, 'HS256', { secret: Buffer.from(SAMPLE_SECRET) });
  },
});

for (const [alg, form] of [
  ['RS256', 'pkcs8'],
  ['PS384', 'pkcs1'],
  ['ES256', 'sec1'],
  ['ES512', 'pkcs8'],
  ['EdDSA', 'pkcs8'],
]) {
  tests.push({
    name: `edit in place: a ${alg} token with its ${form} private key in the key box is re-signed in the worker and valid`,
    run: async ({ page, baseUrl }) => {
      const key = generateKey(alg);
      const pem =
        form === 'sec1' ? sec1Pem(key) : form === 'pkcs1' ? key.privateKey.export({ type: 'pkcs1', format: 'pem' }) : pkcs8Pem(key);
      await openApp(page, baseUrl);
      const original = signToken(alg, key);
      await setToken(page, original);
      await setKey(page, pem);
      await waitStatus(page, 'valid');
      await openEditors(page);
      await setTextarea(page, '[data-testid=payload-editor]', '{"sub": "edited", "n": 2}');
      const token = await tokenChangedFrom(page, original);
      await poll(async () => {
        const actual = (await getTokenValue(page)).trim();
        return { ok: actual.split('.')[2] !== original.split('.')[2], actual };
      }, 'a new signature');
      const signed = (await getTokenValue(page)).trim();
      assertEqual(signed.split('.')[1], b64url('{"sub":"edited","n":2}'), `payload of ${token}`);
      nodeVerifies(signed, alg, key);
      await waitStatus(page, 'valid');
    },
  });
}

tests.push({
  name: 'edit in place with only a public key: old signature kept, invalid, and the page says a private key is needed',
  run: async ({ page, baseUrl }) => {
    const key = generateKey('RS256');
    const original = signToken('RS256', key);
    await openApp(page, baseUrl);
    await setToken(page, original);
    await setKey(page, spkiPem(key));
    await waitStatus(page, 'valid');
    await openEditors(page);
    await setTextarea(page, '[data-testid=payload-editor]', '{"sub": "mallory"}');
    const [h, , s] = original.split('.');
    await tokenIs(page, `${h}.${b64url('{"sub":"mallory"}')}.${s}`);
    await waitContains(page, '[data-testid=edit-note]', ['public key', 'private key']);
    await waitStatus(page, 'invalid');
  },
});

tests.push({
  name: 'encoder: the first token is there at once, signed with the sample secret; open in decoder shows it valid',
  run: async ({ page, baseUrl }) => {
    await openEncoder(page, baseUrl);
    const token = await textOf(page, OUTPUT);
    nodeVerifies(token, 'HS256', { secret: Buffer.from(SAMPLE_SECRET) });
    assertEqual(
      Buffer.from(token.split('.')[0], 'base64url').toString(),
      JSON.stringify(SAMPLE_HEADER),
      'header of the first token',
    );
    await page.click('[data-testid=open-in-decoder]');
    await waitPresent(page, '[data-testid=token-input]');
    await tokenIs(page, token);
    await waitStatus(page, 'valid');
  },
});

for (const alg of ALG_NAMES) {
  tests.push({
    name: `encoder: ${alg} signs with a node-made key, node verifies it, the same input gives ${
      /^(HS|RS|Ed)/.test(alg) ? 'the same token' : 'a token'
    }, and it opens valid in the decoder`,
    run: async ({ page, baseUrl }) => {
      const key = generateKey(alg);
      await openEncoder(page, baseUrl);
      const first = await textOf(page, OUTPUT);
      await selectAlg(page, alg);
      if (key.secret) {
        await page.selectOption('[data-testid=encoder-secret-encoding]', 'hex');
        await setTextarea(page, '[data-testid=encoder-key]', key.secret.toString('hex'));
      } else {
        await setTextarea(page, '[data-testid=encoder-key]', pkcs8Pem(key));
      }
      const token = await outputChangedFrom(page, first);
      const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
      assertEqual(header.alg, alg, 'alg in the header');
      nodeVerifies(token, alg, key);
      assertEqual(await textOf(page, ENC_ERROR), null, 'no encoder error');
      if (/^(HS|RS|Ed)/.test(alg)) {
        // Deterministic: the same key again gives the same token.
        await setTextarea(page, '[data-testid=encoder-key]', '');
        await waitPresent(page, ENC_ERROR);
        await setTextarea(page, '[data-testid=encoder-key]', key.secret ? key.secret.toString('hex') : pkcs8Pem(key));
        await poll(async () => {
          const actual = await textOf(page, OUTPUT);
          return { ok: actual === token, actual };
        }, 'the same token again');
      }
      await page.click('[data-testid=open-in-decoder]');
      await tokenIs(page, token);
      await waitStatus(page, 'valid');
    },
  });
}

tests.push({
  name: 'encoder: every reason no token can come out is an encoder-error; a short secret still signs with weak-secret',
  run: async ({ page, baseUrl }) => {
    await openEncoder(page, baseUrl);
    const es = generateKey('ES384');
    const rs = generateKey('RS256');
    await selectAlg(page, 'RS256');
    await setTextarea(page, '[data-testid=encoder-key]', spkiPem(rs));
    await waitContains(page, ENC_ERROR, ['public key', 'private key']);
    assertEqual(await textOf(page, OUTPUT), null, 'no output with a public key');
    await selectAlg(page, 'ES256');
    await setTextarea(page, '[data-testid=encoder-key]', pkcs8Pem(es));
    await waitContains(page, ENC_ERROR, ['P-384', 'ES384']);
    await setTextarea(page, '[data-testid=encoder-key]', pkcs8Pem(rs));
    await waitContains(page, ENC_ERROR, ['ES256', 'EC P-256 private key']);
    await setTextarea(page, '[data-testid=encoder-key]', '');
    await waitContains(page, ENC_ERROR, 'Enter an EC P-256 private key');
    await selectAlg(page, 'HS256');
    await setTextarea(page, '[data-testid=encoder-key]', 'abc');
    await waitPresent(page, OUTPUT);
    await waitPresent(page, finding('weak-secret'));
    nodeVerifies(await textOf(page, OUTPUT), 'HS256', { secret: Buffer.from('abc') });
    await setTextarea(page, '[data-testid=encoder-payload]', '{\n  "a": 1,\n  "b": }');
    await waitContains(page, ENC_ERROR, ['payload', 'line 3, column 8']);
    assertEqual(await textOf(page, OUTPUT), null, 'no output with broken JSON');
  },
});

tests.push({
  name: 'encoder: the alg selector rewrites the header, a hand-edited alg is flagged, claim buttons set times and a jti',
  run: async ({ page, baseUrl }) => {
    await openEncoder(page, baseUrl);
    await selectAlg(page, 'HS512');
    const header = await page.$eval('[data-testid=encoder-header]', (el) => el.value);
    assertEqual(header, pretty({ alg: 'HS512', typ: 'JWT' }), 'header after choosing HS512');
    await setTextarea(page, '[data-testid=encoder-header]', '{"alg": "HS384", "typ": "JWT"}');
    await waitPresent(page, finding('alg-mismatch'));
    const token = await textOf(page, OUTPUT);
    nodeVerifies(token, 'HS384', { secret: Buffer.from(SAMPLE_SECRET) });

    await setTextarea(page, '[data-testid=encoder-payload]', '{"sub": "x"}');
    const before = Math.floor(Date.now() / 1000);
    await page.click('button:has-text("exp +1 h")');
    await page.click('button:has-text("random jti")');
    await waitPresent(page, '[data-testid=claim][data-claim=jti]');
    const payload = JSON.parse(await page.$eval('[data-testid=encoder-payload]', (el) => el.value));
    assertEqual(Object.keys(payload).join(), 'sub,exp,jti', 'claims in order');
    assert(payload.exp >= before + 3600 && payload.exp <= before + 3605, `exp ${payload.exp} is an hour from ${before}`);
    assert(/^[A-Za-z0-9_-]{22}$/.test(payload.jti), `jti ${payload.jti} is 16 random bytes`);
    await waitPresent(page, '[data-testid=claim][data-claim=exp] time');
  },
});

export default tests;
