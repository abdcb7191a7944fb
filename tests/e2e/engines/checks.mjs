// The cross-engine smoke checks, written once against the page driver of
// driver.mjs. Tokens and keys are made with node:crypto (jws.mjs,
// jwe_tools.mjs); the app is touched only through the UI contract's hooks.
import { SAMPLE_SECRET, SAMPLE_HEADER, SAMPLE_PAYLOAD } from '../lib.mjs';
import crypto from 'node:crypto';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { baseUrlOf, repoRoot, startServer, stopServer } from '../harness.mjs';
import { generateKey, publicJwk, signBytes, signToken, spkiPem } from '../jws.mjs';
import { aesKw, b64u, makeJwe } from '../jwe_tools.mjs';
import { poll, setTextarea, textOf, waitAttr, waitText } from './driver.mjs';

const TOKEN_INPUT = '[data-testid=token-input]';
const KEY_INPUT = '[data-testid=key-input]';
const HEADER = '[data-testid=header-json]';
const PAYLOAD = '[data-testid=payload-json]';
const VERIFY_STATUS = '[data-testid=verify-status]';


const pretty = (value) => JSON.stringify(value, null, 2);
const claims = (sub) => ({ sub, iat: 1767225600, exp: 4102444800 });

/** Opens `url` and waits until the app has started: its token box is there
 *  and the prerendered snapshot of the first screen has been replaced. */
async function openApp(page, url) {
  await page.goto(url);
  await appStarted(page);
}

const START_MS = 20000;

async function appStarted(page) {
  try {
    return await poll(async () => {
      const actual = await page.evaluate((sel) => ({
        tokenBoxes: document.querySelectorAll(sel).length,
        snapshots: document.querySelectorAll('[data-prerendered]').length,
      }), TOKEN_INPUT);
      return { ok: actual.tokenBoxes === 1 && actual.snapshots === 0, actual };
    }, 'the app to start (one token box, no prerendered snapshot left)', START_MS);
  } catch (err) {
    // Tell a browser that compiles no wasm at all from an app that fails.
    const empty = await page.evaluate(() => Promise.race([
      WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiles', (e) => `fails: ${e}`),
      new Promise((resolve) => setTimeout(() => resolve('pending after 3 s'), 3000)),
    ])).catch((e) => `unknown (${e.message})`);
    if (empty === 'pending after 3 s') {
      throw new EngineStall(
        `the app did not start within ${START_MS / 1000} s (the prerendered first screen stays, no error is logged) ` +
          'and WebAssembly.compile of an empty 8-byte module has not settled after 3 s either: ' +
          'this browser process compiles no wasm at all',
      );
    }
    err.message += `\n(WebAssembly.compile of an empty module in this page: ${empty})`;
    throw err;
  }
}

/** The browser itself, not the app, is stuck: the runner retries the check
 *  once in a fresh page and reports it. */
export class EngineStall extends Error {}

async function sampleDecodedAndValid(page) {
  await waitText(page, HEADER, pretty(SAMPLE_HEADER));
  await waitText(page, PAYLOAD, pretty(SAMPLE_PAYLOAD));
  const key = await page.evaluate((sel) => document.querySelector(sel)?.value ?? null, KEY_INPUT);
  if (key !== SAMPLE_SECRET) throw new Error(`key box: expected the sample secret, got ${JSON.stringify(key)}`);
  await waitAttr(page, VERIFY_STATUS, 'data-status', 'valid');
}

/** Pastes an HS256 token signed here and its secret: decoded, then valid. */
async function pastedHs256Verifies(page, sub) {
  const secret = crypto.randomBytes(32).toString('hex');
  const token = signToken('HS256', { secret: Buffer.from(secret) }, { payload: claims(sub) });
  await setTextarea(page, TOKEN_INPUT, token);
  await waitText(page, HEADER, pretty({ alg: 'HS256', typ: 'JWT' }));
  await waitText(page, PAYLOAD, pretty(claims(sub)));
  // The sample secret is still in the key box: the signature must not verify.
  await waitAttr(page, VERIFY_STATUS, 'data-status', 'invalid');
  await setTextarea(page, KEY_INPUT, secret);
  await waitAttr(page, VERIFY_STATUS, 'data-status', 'valid');
}

/** An asymmetric token and its SPKI PEM: `valid` can only come from the
 *  crypto Web Worker, which verifies everything but HMAC. */
async function verifiesInWorker(page, alg, sub) {
  const key = generateKey(alg);
  await setTextarea(page, TOKEN_INPUT, signToken(alg, key, { payload: claims(sub) }));
  await waitText(page, PAYLOAD, pretty(claims(sub)));
  await setTextarea(page, KEY_INPUT, spkiPem(key));
  const seen = await waitAttr(page, VERIFY_STATUS, 'data-status', 'valid', 20000);
  if (!seen.text.includes(alg)) throw new Error(`verify-status text does not name ${alg}: ${JSON.stringify(seen.text)}`);
  // A wrong key through the same path is invalid.
  await setTextarea(page, KEY_INPUT, spkiPem(generateKey(alg)));
  await waitAttr(page, VERIFY_STATUS, 'data-status', 'invalid', 20000);
}

/** Waits until a service worker controls the page, saying how far it got. */
function serviceWorkerControls(page) {
  return poll(async () => {
    const state = await page.evaluate(async () => {
      if (!('serviceWorker' in navigator)) return `no navigator.serviceWorker (secure context: ${window.isSecureContext})`;
      const reg = await navigator.serviceWorker.getRegistration();
      const w = (x) => (x ? x.state : '-');
      return reg
        ? `installing ${w(reg.installing)}, waiting ${w(reg.waiting)}, active ${w(reg.active)}, controller ${!!navigator.serviceWorker.controller}`
        : 'no registration';
    });
    return { ok: state.endsWith('controller true'), actual: state };
  }, 'the service worker to control the page', 30000);
}

export const checks = [
  {
    name: 'load',
    what: 'the sample token is decoded and valid with its secret',
    run: async ({ page, baseUrl }) => {
      await openApp(page, `${baseUrl}/`);
      await sampleDecodedAndValid(page);
    },
  },
  {
    name: 'decode+HS256',
    what: 'a pasted HS256 token is decoded; its secret verifies it',
    run: async ({ page, baseUrl }) => {
      await openApp(page, `${baseUrl}/`);
      await pastedHs256Verifies(page, 'smoke-hs256');
    },
  },
  {
    name: 'worker RS256+ES256',
    what: 'RS256 and ES256 tokens verify with their SPKI PEMs in the crypto worker',
    run: async ({ page, baseUrl }) => {
      await openApp(page, `${baseUrl}/`);
      await verifiesInWorker(page, 'RS256', 'smoke-rs256');
      await verifiesInWorker(page, 'ES256', 'smoke-es256');
    },
  },
  {
    name: 'JWE A128KW',
    what: 'an A128KW + A128GCM JWE decrypts to its plaintext',
    run: async ({ page, baseUrl }) => {
      const kek = crypto.randomBytes(16);
      const plaintext = { sub: 'smoke-jwe', exp: 4102444800 };
      const token = makeJwe({ alg: 'A128KW', enc: 'A128GCM' }, JSON.stringify(plaintext), { wrap: (cek) => aesKw(kek, cek) });
      await openApp(page, `${baseUrl}/`);
      await setTextarea(page, TOKEN_INPUT, token);
      await setTextarea(page, KEY_INPUT, JSON.stringify({ kty: 'oct', k: b64u(kek) }));
      await waitAttr(page, '[data-testid=jwe-status]', 'data-status', 'decrypted', 20000);
      const shown = await textOf(page, '[data-testid=jwe-plaintext]');
      if (shown !== pretty(plaintext)) throw new Error(`jwe-plaintext: expected ${JSON.stringify(pretty(plaintext))}, got ${JSON.stringify(shown)}`);
    },
  },
  {
    name: 'ACME flattened JWS',
    what: 'an ACME newAccount request (flattened JSON, jwk in its protected header) verifies with its own key; a changed nonce does not',
    run: async ({ page, baseUrl }) => {
      const key = generateKey('ES256');
      const jws = (nonce) => {
        const protectedB64 = b64u(JSON.stringify({ alg: 'ES256', jwk: publicJwk(key), nonce, url: 'https://acme.example/acme/new-acct' }));
        const payload = b64u(JSON.stringify({ termsOfServiceAgreed: true, contact: ['mailto:admin@example.org'] }));
        const signature = b64u(signBytes('ES256', key, Buffer.from(`${protectedB64}.${payload}`)));
        return { protected: protectedB64, payload, signature };
      };
      const good = jws('6S8IqOGY7eL2lsGoTZYifg');
      await openApp(page, `${baseUrl}/`);
      await setTextarea(page, KEY_INPUT, '');
      await setTextarea(page, TOKEN_INPUT, JSON.stringify(good, null, 2));
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'valid', 20000);
      await waitAttr(page, '[data-testid=signature-entry]', 'data-status', 'valid');
      const forged = { ...good, protected: jws('another-nonce').protected };
      await setTextarea(page, TOKEN_INPUT, JSON.stringify(forged));
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'invalid', 20000);
    },
  },
  {
    name: 'detached b64:false',
    what: 'an Open Banking x-jws-signature (header..signature, b64 false) verifies over the request body pasted beside it',
    run: async ({ page, baseUrl }) => {
      const key = generateKey('PS256');
      const body = '{"Data":{"Initiation":{"InstructedAmount":{"Amount":"10.00","Currency":"GBP"}}}}';
      const header = b64u(JSON.stringify({ alg: 'PS256', kid: 'ob-signing-1', b64: false, crit: ['b64'] }));
      const signature = b64u(signBytes('PS256', key, Buffer.concat([Buffer.from(`${header}.`), Buffer.from(body)])));
      await openApp(page, `${baseUrl}/`);
      await setTextarea(page, TOKEN_INPUT, `${header}..${signature}`);
      await setTextarea(page, KEY_INPUT, spkiPem(key));
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'no-key', 20000);
      await setTextarea(page, '[data-testid=detached-payload]', body);
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'valid', 20000);
      await setTextarea(page, '[data-testid=detached-payload]', body.replace('10.00', '99.00'));
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'invalid', 20000);
    },
  },
  {
    name: 'ML-DSA-65',
    what: 'the draft\'s ML-DSA-65 token verifies with its AKP JWK and with its SPKI PEM in the crypto worker',
    run: async ({ page, baseUrl }) => {
      const doc = JSON.parse(readFileSync(path.join(repoRoot, 'tests/vectors/mldsa_jose_examples.json'), 'utf8'));
      const v = doc.vectors.find((x) => x.alg === 'ML-DSA-65');
      await openApp(page, `${baseUrl}/`);
      await setTextarea(page, TOKEN_INPUT, v.token);
      await setTextarea(page, KEY_INPUT, JSON.stringify(v.key));
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'valid', 30000);
      await setTextarea(page, KEY_INPUT, v.derived_spki_pem);
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'valid', 30000);
      const [h, , sig] = v.token.split('.');
      await setTextarea(page, TOKEN_INPUT, `${h}.${b64u('changed')}.${sig}`);
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'invalid', 30000);
    },
  },
  {
    name: 'offline reload',
    what: 'once the service worker is active, a reload with the server stopped loads, decodes and verifies',
    run: async ({ page, distDir }) => {
      // Its own server (its own origin), stopped half way.
      const server = await startServer(distDir);
      let stopped = false;
      try {
        await openApp(page, `${baseUrlOf(server)}/`);
        await sampleDecodedAndValid(page);
        await serviceWorkerControls(page);
        await stopServer(server);
        stopped = true;
        await page.reload();
        await appStarted(page);
        await sampleDecodedAndValid(page);
        await pastedHs256Verifies(page, 'smoke-offline');
        await verifiesInWorker(page, 'ES256', 'smoke-offline-es256');
      } finally {
        if (!stopped) await stopServer(server);
      }
    },
  },
  {
    name: 'URL fragment',
    what: 'opening #token=<JWT> loads that token',
    run: async ({ page, baseUrl }) => {
      const token = signToken('HS256', { secret: Buffer.from(SAMPLE_SECRET) }, { payload: claims('smoke-fragment') });
      await openApp(page, `${baseUrl}/#token=${encodeURIComponent(token)}`);
      await waitText(page, PAYLOAD, pretty(claims('smoke-fragment')));
      const value = await page.evaluate((sel) => document.querySelector(sel).value.trim(), TOKEN_INPUT);
      if (value !== token) throw new Error(`token-input: expected the fragment's token, got ${JSON.stringify(value.slice(0, 80))}`);
      // Signed with the sample secret, which the key box holds by default.
      await waitAttr(page, VERIFY_STATUS, 'data-status', 'valid');
    },
  },
  {
    name: 'file://',
    what: 'the single-file build opened from disk decodes and verifies HS256, and ES256 in its Blob URL worker',
    run: async ({ page, distDir }) => {
      await openApp(page, pathToFileURL(path.join(distDir, 'jwt-debugger.html')).href);
      await sampleDecodedAndValid(page);
      await pastedHs256Verifies(page, 'smoke-file');
      await verifiesInWorker(page, 'ES256', 'smoke-file-es256');
    },
  },
];
