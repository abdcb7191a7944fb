// DPoP proofs (RFC 9449), end to end: a proof made here with node:crypto is
// verified with the jwk in its own header when the key box is empty; a
// changed proof is invalid; a proof whose jwk is a private key is a key
// error with the dpop-private-key finding; the jwk-header finding is info.

import {
  openApp, poll, setKey, setTextarea, setToken, waitAttrs, waitContains, waitPresent, waitStatus, waitText, pretty,
} from '../lib.mjs';
import { generateKey, signToken } from '../jws.mjs';

function proof(key, jwk, iat = 1767225600) {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk };
  const payload = { jti: 'e1j3V_bKic8-LAEB', htm: 'POST', htu: 'https://server.example.com/token', iat };
  return { token: signToken('ES256', key, { headerText: JSON.stringify(header), payload }), payload };
}

export default [
  {
    name: 'a DPoP proof verifies with its header jwk when the key box is empty; a changed proof does not',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const key = generateKey('ES256');
      const { token, payload } = proof(key, key.publicKey.export({ format: 'jwk' }));
      await setToken(page, token);
      await setKey(page, '');
      await waitText(page, '[data-testid=payload-json]', pretty(payload));
      await waitStatus(page, 'valid', ['ES256'], 15000);
      await waitPresent(page, '[data-testid=finding][data-code=jwk-header][data-severity=info]');

      const [h, , s] = token.split('.');
      const changed = Buffer.from(JSON.stringify({ ...payload, htm: 'GET' })).toString('base64url');
      await setToken(page, `${h}.${changed}.${s}`);
      await waitStatus(page, 'invalid', [], 15000);
    },
  },
  {
    name: 'a DPoP proof carrying a private jwk is a key error with the dpop-private-key finding',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const key = generateKey('ES256');
      const { token } = proof(key, key.privateKey.export({ format: 'jwk' }));
      await setToken(page, token);
      await setKey(page, '');
      await waitStatus(page, 'key-error', ['private key members (d)']);
      await waitPresent(page, '[data-testid=finding][data-code=dpop-private-key][data-severity=danger]');
    },
  },
  {
    name: 'validate with the dpop-proof profile: method, URI and age of a real proof, each failing then passing',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const key = generateKey('ES256');
      const { token } = proof(key, key.publicKey.export({ format: 'jwk' }), Math.floor(Date.now() / 1000) - 5);
      await setToken(page, token);
      await setKey(page, '');
      await waitStatus(page, 'valid', ['ES256'], 15000);
      await page.click('[data-testid=mode-validate]');
      // The header's typ proposes the profile.
      await waitContains(page, '[data-testid=profile-proposal]', ["This token's typ is dpop+jwt", 'Check it as DPoP proof (RFC 9449)']);
      await page.click('[data-testid=profile-proposal] button');
      await poll(async () => {
        const value = await page.$eval('[data-testid=expect-profile]', (el) => el.value);
        return { ok: value === 'dpop-proof', actual: value };
      }, 'the profile to become dpop-proof');
      await setTextarea(page, '[data-testid=expect-htm]', 'POST');
      await setTextarea(page, '[data-testid=expect-htu]', 'https://Server.Example.com:443/token?ignored=1');
      await waitAttrs(page, '[data-testid=validation-status]', 'data-status', ['accepted'], 15000);
      for (const rule of ['typ', 'alg', 'jwk', 'signature', 'htm', 'htu', 'iat', 'jti']) {
        await waitAttrs(page, `[data-testid=validation-check][data-rule="${rule}"]`, 'data-result', ['pass']);
      }
      await setTextarea(page, '[data-testid=expect-htu]', 'https://server.example.com/authorize');
      await waitAttrs(page, '[data-testid=validation-status]', 'data-status', ['rejected']);
      await waitContains(page, '[data-testid=validation-check][data-rule="htu"]', ['is not the request\'s URI', 'RFC 9449 §4.3']);
      await setTextarea(page, '[data-testid=expect-htu]', 'https://server.example.com/token');
      await setTextarea(page, '[data-testid=expect-max-age]', '1');
      await waitAttrs(page, '[data-testid=validation-check][data-rule="iat"]', 'data-result', ['fail']);
    },
  },
];
