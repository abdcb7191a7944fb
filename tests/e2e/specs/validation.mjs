// Validation end to end: the Validate view, through the UI contract's hooks
// (expect-*, validation-status, validation-check), with tokens signed here by
// node:crypto. The validation worker answers; its verdict must name the rule
// and the values compared.

import crypto from 'node:crypto';
import path from 'node:path';

import {
  assert,
  assertEqual,
  attrsOf,
  openApp,
  poll,
  setKey,
  setTextarea,
  setToken,
  textOf,
  waitAttrs,
  waitContains,
  waitPresent,
  waitStatus,
} from '../lib.mjs';
import { distDir } from '../harness.mjs';
import { generateKey, signToken, spkiPem } from '../jws.mjs';

const STATUS = '[data-testid=validation-status]';
const SECRET = 'this-is-the-sample-secret-for-hs256';
// The worker starts on first use, so the first answer may take a moment.
const FIRST_ANSWER_MS = 15000;

const now = () => Math.floor(Date.now() / 1000);
const hs256 = (payload, header = {}) => signToken('HS256', { secret: Buffer.from(SECRET) }, { header, payload });
const check = (rule) => `[data-testid=validation-check][data-rule="${rule}"]`;

async function openValidate(page, baseUrl) {
  await openApp(page, baseUrl);
  await page.click('[data-testid=mode-validate]');
  await waitPresent(page, '[data-testid=expect-iss]');
}

/** Types into an expect-* input (or the schema textarea). */
async function expect(page, name, value) {
  await setTextarea(page, `[data-testid=expect-${name}]`, value);
}

async function waitVerdict(page, status, timeoutMs = 5000) {
  await waitAttrs(page, STATUS, 'data-status', [status], timeoutMs);
}

async function waitResult(page, rule, result) {
  await waitAttrs(page, check(rule), 'data-result', [result]);
}

/** RFC 7515-style left half of SHA-256, as OpenID Connect's at_hash. */
function leftHalfHash(text) {
  const digest = crypto.createHash('sha256').update(text, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function isoAt(secs) {
  return new Date(secs * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const tests = [];

tests.push({
  name: 'validate: the sample is accepted with no settings; a wrong issuer rejects it, naming both values, and the snippets carry the settings',
  run: async ({ page, baseUrl }) => {
    await openValidate(page, baseUrl);
    await waitVerdict(page, 'accepted', FIRST_ANSWER_MS);
    await waitContains(page, STATUS, 'A server with these settings accepts this token.');
    await waitResult(page, 'signature', 'pass');
    await waitResult(page, 'exp', 'pass');
    // The decoder's panels stay: this is the decoder with validation beside it.
    await waitPresent(page, '[data-testid=payload-json]');
    await expect(page, 'iss', 'https://other.example');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'iss', 'fail');
    await waitContains(page, check('iss'), ['https://auth.example.com', 'https://other.example', 'RFC 7519']);
    await expect(page, 'iss', 'https://auth.example.com');
    await expect(page, 'aud', 'api.example.com');
    await waitVerdict(page, 'accepted');
    await waitResult(page, 'aud', 'pass');
    const rust = await textOf(page, '[data-testid=validation-snippet][data-library="Rust jsonwebtoken"]');
    assert(rust.includes('validation.set_issuer(&["https://auth.example.com"]);'), `Rust snippet: ${rust}`);
    assert(rust.includes('validation.set_audience(&["api.example.com"]);'), `Rust snippet: ${rust}`);
    const python = await textOf(page, '[data-testid=validation-snippet][data-library="Python PyJWT"]');
    assert(python.includes('issuer="https://auth.example.com"'), `PyJWT snippet: ${python}`);
    // A wrong key: the signature line fails and says so.
    await setKey(page, 'not-the-secret');
    await waitStatus(page, 'invalid');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'signature', 'fail');
  },
});

tests.push({
  name: 'validate: an expired token against the leeway, and evaluated at an earlier instant',
  run: async ({ page, baseUrl }) => {
    const t = now();
    await openValidate(page, baseUrl);
    await setToken(page, hs256({ sub: 'a', iat: t - 3600, exp: t - 30 }));
    await waitVerdict(page, 'rejected', FIRST_ANSWER_MS);
    await waitResult(page, 'exp', 'fail');
    await waitContains(page, STATUS, ['rejects this token', 'expired']);
    await expect(page, 'leeway', '120');
    await waitVerdict(page, 'accepted');
    await waitResult(page, 'exp', 'pass');
    await expect(page, 'leeway', '5');
    await waitVerdict(page, 'rejected');
    await waitContains(page, STATUS, 'the 5 s leeway');
    await expect(page, 'now', isoAt(t - 600));
    await waitVerdict(page, 'accepted');
    await expect(page, 'now', 'yesterday');
    await waitContains(page, '[data-testid=validation-error]', ['"yesterday" is not an instant', '2026-05-01T12:00:00Z']);
    assertEqual((await attrsOf(page, STATUS, 'data-status')).length, 0, 'no verdict while a setting is unreadable');
  },
});

tests.push({
  name: 'validate: an OpenID Connect ID token with several audiences, azp, nonce and at_hash',
  run: async ({ page, baseUrl }) => {
    const t = now();
    const accessToken = 'ya29.a0-access-token-issued-with-it';
    const token = hs256({
      iss: 'https://id.example', sub: 'u-1', aud: ['client-a', 'api-b'], azp: 'client-a',
      exp: t + 600, iat: t - 10, nonce: 'n-0S6', at_hash: leftHalfHash(accessToken),
    });
    await openValidate(page, baseUrl);
    await setToken(page, token);
    await page.selectOption('[data-testid=expect-profile]', 'oidc-id-token');
    await expect(page, 'iss', 'https://id.example');
    await expect(page, 'aud', 'client-a');
    await expect(page, 'nonce', 'n-0S6');
    await expect(page, 'access-token', accessToken);
    await waitVerdict(page, 'accepted', FIRST_ANSWER_MS);
    for (const rule of ['aud', 'azp', 'nonce', 'at_hash', 'iat', 'exp']) await waitResult(page, rule, 'pass');
    await expect(page, 'access-token', `${accessToken}x`);
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'at_hash', 'fail');
    await expect(page, 'access-token', accessToken);
    await expect(page, 'nonce', 'another');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'nonce', 'fail');
    await waitContains(page, check('nonce'), ['"n-0S6"', '"another"']);
    // The client is not among the audiences: rejected, whatever azp says.
    await expect(page, 'nonce', 'n-0S6');
    await expect(page, 'aud', 'client-z');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'aud', 'fail');
  },
});

tests.push({
  name: 'validate: an RFC 9068 access token needs typ at+jwt and its required claims',
  run: async ({ page, baseUrl }) => {
    const t = now();
    const payload = { iss: 'https://as.example', sub: 'u', aud: 'https://rs.example', client_id: 'c', iat: t, exp: t + 300 };
    await openValidate(page, baseUrl);
    await setToken(page, hs256(payload));
    await page.selectOption('[data-testid=expect-profile]', 'rfc9068-access-token');
    await waitVerdict(page, 'rejected', FIRST_ANSWER_MS);
    await waitResult(page, 'typ', 'fail');
    await waitResult(page, 'required', 'fail');
    await waitContains(page, check('required'), 'jti');
    await setToken(page, hs256({ ...payload, jti: 'j-1' }, { typ: 'at+JWT' }));
    // typ compares case-insensitively (RFC 8725 §3.11 media types).
    await waitVerdict(page, 'accepted');
    await waitResult(page, 'typ', 'pass');
  },
});

tests.push({
  name: 'validate: a JSON Schema failure names the claim pointer and the keyword',
  run: async ({ page, baseUrl }) => {
    await openValidate(page, baseUrl);
    await waitVerdict(page, 'accepted', FIRST_ANSWER_MS);
    await expect(page, 'schema', JSON.stringify({
      type: 'object', required: ['email'],
      properties: { sub: { type: 'string', pattern: '^admin-' }, email: { type: 'string', format: 'email' } },
    }));
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'schema', 'fail');
    await waitContains(page, check('schema'), ['required "email" is missing', '/sub: pattern']);
    await expect(page, 'schema', '{"required": ["sub"], "properties": {"sub": {"pattern": "^user-"}}}');
    await waitVerdict(page, 'accepted');
    await waitResult(page, 'schema', 'pass');
    await expect(page, 'schema', '{"required": [');
    await waitVerdict(page, 'rejected');
    await waitContains(page, check('schema'), 'The schema is not valid JSON (EOF while parsing a list at line 1, column 14)');
  },
});

tests.push({
  name: 'validate: an RS256 token waits for the crypto worker, then passes with its key and fails with another',
  run: async ({ page, baseUrl }) => {
    const key = generateKey('RS256');
    const t = now();
    const token = signToken('RS256', key, { payload: { sub: 'a', iat: t, exp: t + 600 } });
    await openValidate(page, baseUrl);
    await setToken(page, token);
    await setKey(page, spkiPem(key));
    await waitStatus(page, 'valid', [], 15000);
    await waitVerdict(page, 'accepted', FIRST_ANSWER_MS);
    await waitResult(page, 'signature', 'pass');
    await expect(page, 'alg', 'ES256, EdDSA');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'alg', 'fail');
    await waitContains(page, check('alg'), 'RS256');
    await setKey(page, spkiPem(generateKey('RS256')));
    await waitStatus(page, 'invalid', [], 15000);
    await waitResult(page, 'signature', 'fail');
  },
});

tests.push({
  name: 'validate: the settings last for the tab, across a reload',
  run: async ({ page, baseUrl }) => {
    await openValidate(page, baseUrl);
    await page.selectOption('[data-testid=expect-profile]', 'oidc-id-token');
    await expect(page, 'iss', 'https://kept.example');
    await expect(page, 'leeway', '30');
    await waitVerdict(page, 'rejected', FIRST_ANSWER_MS);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('[data-testid=mode-validate]');
    await page.click('[data-testid=mode-validate]');
    await waitPresent(page, '[data-testid=expect-iss]');
    assertEqual(await page.$eval('[data-testid=expect-iss]', (el) => el.value), 'https://kept.example', 'expect-iss after reload');
    assertEqual(await page.$eval('[data-testid=expect-leeway]', (el) => el.value), '30', 'expect-leeway after reload');
    assertEqual(await page.$eval('[data-testid=expect-profile]', (el) => el.value), 'oidc-id-token', 'expect-profile after reload');
    await waitVerdict(page, 'rejected', FIRST_ANSWER_MS);
    await waitResult(page, 'iss', 'fail');
  },
});

tests.push({
  name: 'validate: the single-file build validates from file:// (its validation worker is a Blob URL)',
  run: async ({ page }) => {
    await page.goto(`file://${path.join(distDir, 'jwt-debugger.html')}`);
    await page.waitForSelector('[data-testid=mode-validate]');
    await poll(async () => {
      const ready = await page.evaluate(() => !document.querySelector('[data-prerendered]'));
      return { ok: ready, actual: ready };
    }, 'the app to take over the prerendered screen', 20000);
    await page.click('[data-testid=mode-validate]');
    await waitVerdict(page, 'accepted', FIRST_ANSWER_MS);
    await expect(page, 'sub', 'someone-else');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'sub', 'fail');
  },
});

tests.push({
  name: 'validate: expected typ, required claims and max age, each failing then passing',
  run: async ({ page, baseUrl }) => {
    const t = now();
    await openValidate(page, baseUrl);
    await setToken(page, hs256({ sub: 'a', iat: t - 600, exp: t + 600 }, { typ: 'JWT' }));
    await waitVerdict(page, 'accepted', FIRST_ANSWER_MS);
    await expect(page, 'typ', 'at+jwt');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'typ', 'fail');
    await expect(page, 'typ', 'jwt');
    await waitResult(page, 'typ', 'pass');
    await expect(page, 'required', 'sub, jti');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'required', 'fail');
    await waitContains(page, check('required'), 'jti');
    await expect(page, 'required', 'sub');
    await waitResult(page, 'required', 'pass');
    await expect(page, 'max-age', '60');
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'max-age', 'fail');
    await expect(page, 'max-age', '3600');
    await waitVerdict(page, 'accepted');
    await waitResult(page, 'max-age', 'pass');
  },
});

tests.push({
  name: 'validate: a client assertion needs iss = sub and a jti; a request object needs its typ, client_id and no request inside',
  run: async ({ page, baseUrl }) => {
    await openValidate(page, baseUrl);
    await page.selectOption('[data-testid=expect-profile]', 'client-assertion');
    await expect(page, 'aud', 'https://server.example.com/token');
    const assertion = { iss: 'client-1', sub: 'client-1', aud: 'https://server.example.com/token', exp: now() + 60, jti: 'a-1' };
    await setToken(page, hs256(assertion));
    await waitVerdict(page, 'accepted', FIRST_ANSWER_MS);
    await waitResult(page, 'iss-sub', 'pass');
    await setToken(page, hs256({ ...assertion, sub: 'client-2', jti: undefined }));
    await waitVerdict(page, 'rejected');
    await waitContains(page, check('iss-sub'), ['Its iss "client-1" and sub "client-2" differ', 'RFC 7523 §3']);
    await waitResult(page, 'jti', 'fail');

    await page.selectOption('[data-testid=expect-profile]', 'jar-request');
    const request = { iss: 'client-1', client_id: 'client-1', aud: 'https://server.example.com/token', response_type: 'code' };
    await setToken(page, hs256(request, { typ: 'oauth-authz-req+jwt' }));
    await waitVerdict(page, 'accepted');
    for (const rule of ['typ', 'client_id', 'no-request']) await waitResult(page, rule, 'pass');
    await setToken(page, hs256({ ...request, request_uri: 'urn:example:x' }, { typ: 'JWT' }));
    await waitVerdict(page, 'rejected');
    await waitResult(page, 'typ', 'fail');
    await waitContains(page, check('no-request'), ['It holds request_uri inside the request object']);
  },
});

export default tests;
