// Signature verification, end to end. Keys are generated and tokens signed
// independently with node:crypto (tests/e2e/jws.mjs); the app is driven only
// through the UI contract's hooks: token-input, key-input, secret-encoding,
// verify-status (data-status + text) and finding.

import {
  assertEqual,
  b64url,
  openApp,
  poll,
  pretty,
  setEncoding,
  setKey,
  setToken,
  waitPresent,
  waitStatus,
  SECRET_ENCODING,
} from '../lib.mjs';
import {
  generateKey,
  pkcs1Pem,
  pkcs8Pem,
  publicJwk,
  sec1Pem,
  signToken,
  spkiPem,
} from '../jws.mjs';

const SAMPLE_SECRET = 'this-is-the-sample-secret-for-hs256';
const HEADER = '[data-testid=header-json]';
const finding = (code) => `[data-testid=finding][data-code=${code}]`;

/**
 * Puts `token` in the token box and waits until the header panel shows its
 * header, so what follows is verified against this token and no other.
 */
async function loadToken(page, token) {
  await setToken(page, token);
  const headerText = Buffer.from(token.split('.')[0], 'base64url').toString('utf8');
  const expected = pretty(JSON.parse(headerText));
  await poll(
    async () => {
      const actual = await page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, HEADER);
      return { ok: actual === expected, actual };
    },
    `${HEADER} to show the new token's header ${JSON.stringify(expected)}`,
  );
}

/**
 * Clears the key box (waits for `no-key`, so a stale verdict cannot pass for
 * the new one), enters `keyText`, and waits for `status` with text `parts`.
 */
async function tryKey(page, keyText, status, parts = []) {
  await setKey(page, '');
  await waitStatus(page, 'no-key');
  await setKey(page, keyText);
  return waitStatus(page, status, parts);
}

const json = (value) => JSON.stringify(value, null, 2);

// Two spare RSA keys for JWK Sets, generated once.
let decoys;
function rsaDecoys() {
  decoys ??= [generateKey('RS256'), generateKey('RS256')];
  return decoys;
}

const SAMPLE_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
  'eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTEyMzQiLCJhdWQiOiJhcGkuZXhhbXBsZS5jb20iLCJpYXQiOjE3NjcyMjU2MDAsIm5iZiI6MTc2NzIyNTYwMCwiZXhwIjo0MTAyNDQ0ODAwLCJzY29wZSI6InJlYWQ6bWVzc2FnZXMgd3JpdGU6bWVzc2FnZXMifQ.' +
  '5-ccvCXDIL_nG6yX2SWyAsf2MPfWNJs5WuEdVXl3CdE';

const tests = [];

// 1. The sample as loaded.
tests.push({
  name: 'sample token is valid on load; clearing the key box gives no-key',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    assertEqual(await page.$eval('[data-testid=token-input]', (el) => el.value.trim()), SAMPLE_TOKEN, 'prefilled token');
    assertEqual(await page.$eval('[data-testid=key-input]', (el) => el.value), SAMPLE_SECRET, 'prefilled key');
    await waitStatus(page, 'valid');
    await setKey(page, '');
    await waitStatus(page, 'no-key');
    await setKey(page, SAMPLE_SECRET);
    await waitStatus(page, 'valid');
  },
});

// 2. HMAC with a 64-byte random secret in every encoding.
for (const alg of ['HS256', 'HS384', 'HS512']) {
  tests.push({
    name: `${alg}: 64-byte secret as hex, base64 and base64url verifies; base64 read as utf8 is invalid with a hint`,
    run: async ({ page, baseUrl }) => {
      // A secret whose base64 and base64url spellings differ, so each encoding is really exercised.
      let key;
      do key = generateKey(alg);
      while (!/[+/]/.test(key.secret.toString('base64')));
      const hex = key.secret.toString('hex');
      const base64 = key.secret.toString('base64');
      const base64url = key.secret.toString('base64url');
      const token = signToken(alg, key);

      await openApp(page, baseUrl);
      await loadToken(page, token);
      assertEqual(await page.$eval(SECRET_ENCODING, (el) => el.value), 'utf8', 'default secret encoding');

      // Left at utf8, the base64 text is the wrong secret, and the app says how to read it.
      await tryKey(page, base64, 'invalid', ['read as base64']);

      await tryKey(page, hex, 'invalid');
      await setEncoding(page, 'hex');
      await waitStatus(page, 'valid');

      await setKey(page, '');
      await waitStatus(page, 'no-key');
      await setEncoding(page, 'base64');
      await setKey(page, base64);
      await waitStatus(page, 'valid');

      await setKey(page, '');
      await waitStatus(page, 'no-key');
      await setEncoding(page, 'base64url');
      await setKey(page, base64url);
      await waitStatus(page, 'valid');
    },
  });
}

// 3. RSA PKCS#1 v1.5 and PSS with every public key form Node can write.
for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']) {
  tests.push({
    name: `${alg}: SPKI, PKCS#1, PKCS#8 private key, JWK and JWK Set by kid verify; JWK Set without the kid is invalid`,
    run: async ({ page, baseUrl }) => {
      const key = generateKey(alg);
      const [other1, other2] = rsaDecoys();
      const token = signToken(alg, key);

      await openApp(page, baseUrl);
      await loadToken(page, token);
      await tryKey(page, spkiPem(key), 'valid');
      await tryKey(page, pkcs1Pem(key), 'valid');
      await tryKey(page, pkcs8Pem(key), 'valid');
      await tryKey(page, json(publicJwk(key)), 'valid');

      const kidToken = signToken(alg, key, { header: { kid: 'key-2' } });
      await loadToken(page, kidToken);
      const set = {
        keys: [
          publicJwk(other1, { kid: 'key-1' }),
          publicJwk(key, { kid: 'key-2' }),
          publicJwk(other2, { kid: 'key-3' }),
        ],
      };
      await tryKey(page, json(set), 'valid');
      // The right key is in the set, but not under the token's kid.
      const noMatch = {
        keys: [
          publicJwk(other1, { kid: 'key-1' }),
          publicJwk(key, { kid: 'key-4' }),
          publicJwk(other2, { kid: 'key-3' }),
        ],
      };
      await tryKey(page, json(noMatch), 'invalid');
    },
  });
}

// 4. ECDSA on each curve.
for (const alg of ['ES256', 'ES384', 'ES512']) {
  tests.push({
    name: `${alg}: SPKI, SEC1 EC private key and JWK verify`,
    run: async ({ page, baseUrl }) => {
      const key = generateKey(alg);
      const token = signToken(alg, key);
      const sec1 = sec1Pem(key);
      if (!sec1.includes('-----BEGIN EC PRIVATE KEY-----')) throw new Error(`unexpected SEC1 PEM: ${sec1}`);

      await openApp(page, baseUrl);
      await loadToken(page, token);
      await tryKey(page, spkiPem(key), 'valid');
      await tryKey(page, sec1, 'valid');
      await tryKey(page, json(publicJwk(key)), 'valid');
    },
  });
}

// 5. EdDSA.
tests.push({
  name: 'EdDSA (Ed25519): SPKI and OKP JWK verify',
  run: async ({ page, baseUrl }) => {
    const key = generateKey('EdDSA');
    const token = signToken('EdDSA', key);
    const jwk = publicJwk(key);
    assertEqual(jwk.kty, 'OKP', 'Ed25519 JWK kty');
    assertEqual(jwk.crv, 'Ed25519', 'Ed25519 JWK crv');

    await openApp(page, baseUrl);
    await loadToken(page, token);
    await tryKey(page, spkiPem(key), 'valid');
    await tryKey(page, json(jwk), 'valid');
  },
});

// 6. Tampering.
/**
 * One character near the middle of the payload segment swapped for its
 * neighbour in the base64url alphabet (A<->B, C<->D, …): still canonical
 * base64url and still JSON, but a different payload.
 */
function tamperPayload(token) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const [h, p, s] = token.split('.');
  const mid = Math.floor(p.length / 2);
  for (let d = 0; d < p.length / 2; d += 1) {
    for (const i of [mid + d, mid - d]) {
      if (i <= 0 || i >= p.length - 1) continue;
      const swapped = alphabet[alphabet.indexOf(p[i]) ^ 1];
      const q = p.slice(0, i) + swapped + p.slice(i + 1);
      const bytes = Buffer.from(q, 'base64url');
      if (bytes.toString('base64url') !== q) continue;
      try {
        JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        continue;
      }
      return `${h}.${q}.${s}`;
    }
  }
  throw new Error('no tamperable position found');
}

tests.push({
  name: 'tampered RS256 payload (one base64url character changed) is invalid',
  run: async ({ page, baseUrl }) => {
    const key = generateKey('RS256');
    const token = signToken('RS256', key, { payload: { sub: 'alice', admin: false, exp: 4102444800 } });
    const tampered = tamperPayload(token);

    await openApp(page, baseUrl);
    await loadToken(page, token);
    await tryKey(page, spkiPem(key), 'valid');
    await setToken(page, tampered);
    await waitStatus(page, 'invalid');
    // Back to the original: valid again.
    await setToken(page, token);
    await waitStatus(page, 'valid');
  },
});

// 7. The wrong kind of key.
tests.push({
  name: 'RS256 token with a P-256 SPKI PEM is a key-error',
  run: async ({ page, baseUrl }) => {
    const token = signToken('RS256', generateKey('RS256'));
    await openApp(page, baseUrl);
    await loadToken(page, token);
    await tryKey(page, spkiPem(generateKey('ES256')), 'key-error');
  },
});

tests.push({
  name: 'ES384 token with a P-256 JWK is a key-error naming P-384',
  run: async ({ page, baseUrl }) => {
    const token = signToken('ES384', generateKey('ES384'));
    await openApp(page, baseUrl);
    await loadToken(page, token);
    await tryKey(page, json(publicJwk(generateKey('ES256'))), 'key-error', ['P-384']);
  },
});

tests.push({
  name: 'HS256 token with an RSA public key PEM is a key-error with a key-confusion finding',
  run: async ({ page, baseUrl }) => {
    const token = signToken('HS256', { secret: Buffer.from(SAMPLE_SECRET) });
    await openApp(page, baseUrl);
    await loadToken(page, token);
    await tryKey(page, spkiPem(generateKey('RS256')), 'key-error');
    await waitPresent(page, finding('key-confusion'));
  },
});

tests.push({
  name: 'RS256 token with a text secret is a key-error',
  run: async ({ page, baseUrl }) => {
    const token = signToken('RS256', generateKey('RS256'));
    await openApp(page, baseUrl);
    await loadToken(page, token);
    await tryKey(page, 'my-shared-secret', 'key-error');
  },
});

// 8. none, None, crit.
tests.push({
  name: 'alg none (header.payload.) is unsecured',
  run: async ({ page, baseUrl }) => {
    const token = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: 'x' }))}.`;
    await openApp(page, baseUrl);
    await loadToken(page, token);
    await waitStatus(page, 'unsecured');
  },
});

tests.push({
  name: 'alg "None" (mis-cased) is unsupported',
  run: async ({ page, baseUrl }) => {
    const token = `${b64url(JSON.stringify({ alg: 'None', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: 'x' }))}.`;
    await openApp(page, baseUrl);
    await loadToken(page, token);
    await waitStatus(page, 'unsupported');
  },
});

tests.push({
  name: 'crit ["exp"] with a valid HS256 signature is invalid',
  run: async ({ page, baseUrl }) => {
    const secret = { secret: Buffer.from(SAMPLE_SECRET) };
    const token = signToken('HS256', secret, { header: { crit: ['exp'] } });
    const control = signToken('HS256', secret);
    await openApp(page, baseUrl);
    // The key is right: the same token without crit verifies.
    await loadToken(page, control);
    await tryKey(page, SAMPLE_SECRET, 'valid');
    // crit voids the token before any key is looked at (RFC 7515 §4.1.11).
    await loadToken(page, token);
    await waitStatus(page, 'invalid');
  },
});

// 9. Garbage key, then recovery.
tests.push({
  name: 'garbage PEM with an RS256 token is a key-error; a correct key then verifies',
  run: async ({ page, baseUrl }) => {
    const key = generateKey('RS256');
    const token = signToken('RS256', key);
    await openApp(page, baseUrl);
    await loadToken(page, token);
    await tryKey(page, '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', 'key-error');
    await tryKey(page, spkiPem(key), 'valid');
  },
});

// 10. Broken token.
tests.push({
  name: 'broken token abc.def is malformed',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await waitStatus(page, 'valid');
    await setToken(page, 'abc.def');
    await waitStatus(page, 'malformed');
  },
});

// 11. Weak secret.
tests.push({
  name: 'HS256 signed with "secret" verifies with key "secret" and shows a weak-secret finding',
  run: async ({ page, baseUrl }) => {
    const token = signToken('HS256', { secret: Buffer.from('secret') });
    await openApp(page, baseUrl);
    await loadToken(page, token);
    await tryKey(page, 'secret', 'valid');
    await waitPresent(page, finding('weak-secret'));
  },
});

export default tests;
