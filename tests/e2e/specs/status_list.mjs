// Token Status Lists (draft-ietf-oauth-status-list): a token whose status
// claim points into a list gets a panel where the list token is pasted (the
// page never fetches the uri); the entry is read and named.

import zlib from 'node:zlib';
import { makeToken, openApp, setTextarea, setToken, waitAttrs, waitContains, waitPresent } from '../lib.mjs';

const URI = 'https://issuer.example/statuslists/7';

function listToken(bits, bytes, sub = URI) {
  const lst = zlib.deflateSync(Buffer.from(bytes)).toString('base64url');
  return makeToken(
    JSON.stringify({ alg: 'ES256', typ: 'statuslist+jwt' }),
    JSON.stringify({ sub, iat: 1767225600, status_list: { bits, lst } }),
  );
}

export default [
  {
    name: 'a status claim: the pasted list token says whether the entry is valid, revoked or suspended',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const token = makeToken(
        JSON.stringify({ alg: 'HS256', typ: 'JWT' }),
        JSON.stringify({ sub: 'user-1', status: { status_list: { idx: 5, uri: URI } } }),
      );
      await setToken(page, token);
      await waitPresent(page, '[data-testid=status-list-input]');
      // 2-bit entries, 4 per byte from the low bits: entry 5 is bits 2-3 of byte 1.
      await setTextarea(page, '[data-testid=status-list-input]', listToken(2, [0x00, 0b1000]));
      await waitAttrs(page, '[data-testid=status-list-result]', 'data-status', ['suspended']);
      await waitContains(page, '[data-testid=status-list-result]', ['Entry 5 of 8 (2-bit entries)', 'SUSPENDED']);
      await setTextarea(page, '[data-testid=status-list-input]', listToken(1, [0x00, 0x00]));
      await waitAttrs(page, '[data-testid=status-list-result]', 'data-status', ['valid']);
      await setTextarea(page, '[data-testid=status-list-input]', listToken(1, [0b100000], 'https://other.example/lists/1'));
      await waitAttrs(page, '[data-testid=status-list-result]', 'data-status', ['invalid']);
      await waitContains(page, '[data-testid=status-list-result]', ['not the token\'s uri']);
      await setTextarea(page, '[data-testid=status-list-input]', listToken(1, []));
      await waitAttrs(page, '[data-testid=status-list-result]', 'data-status', ['error']);
      await waitContains(page, '[data-testid=status-list-result]', ['past the end of the list']);
    },
  },
];
