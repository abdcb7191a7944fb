// DPoP proofs (RFC 9449), end to end: a proof made here with node:crypto is
// verified with the jwk in its own header when the key box is empty; a
// changed proof is invalid; a proof whose jwk is a private key is a key
// error with the dpop-private-key finding; the jwk-header finding is info.

import {
  openApp, setKey, setToken, waitPresent, waitStatus, waitText, pretty,
} from '../lib.mjs';
import { generateKey, signToken } from '../jws.mjs';

function proof(key, jwk) {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk };
  const payload = { jti: 'e1j3V_bKic8-LAEB', htm: 'POST', htu: 'https://server.example.com/token', iat: 1767225600 };
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
];
