// SD-JWT (RFC 9901), end to end: an issuer-signed JWT with disclosures and a
// key-binding JWT, all made here with node:crypto (ES256 issuer and holder
// keys), never by the app. Checks the disclosures' statuses and digests, the
// revealed payload, the undisclosed count, the key binding, the presentation
// built from the checkboxes, and the findings.

import crypto from 'node:crypto';

import {
  assertEqual, attrsOf, b64url, openApp, pretty, setKey, setTextarea, setToken, textOf, waitAttrs, waitContains,
  waitText, waitStatus, waitPresent, poll,
} from '../lib.mjs';
import { generateKey, pkcs8Pem, signToken, spkiPem, verifyBytes } from '../jws.mjs';

const sha256 = (text) => crypto.createHash('sha256').update(text, 'ascii').digest('base64url');
const disclosure = (...items) => b64url(JSON.stringify(items));

/** An SD-JWT VC: given_name and an address (with a nested street) are
 *  selectively disclosable, one nationality is an array element, plus one
 *  decoy digest. The holder's key is in cnf.jwk. */
function issue() {
  const issuer = generateKey('ES256');
  const holder = generateKey('ES256');
  const given = disclosure('2GLC42sKQveCfGfryNRN9w', 'given_name', 'Erika');
  const street = disclosure('eluV5Og3gSNII8EYnsxA_A', 'street_address', 'Heidestraße 17');
  const address = disclosure('6Ij7tM-a5iVPGboS5tmvVA', 'address', { _sd: [sha256(street)], locality: 'Köln' });
  const de = disclosure('nPuoQnkRFq3BIeAm7AnXFA', 'DE');
  const payload = {
    iss: 'https://issuer.example',
    vct: 'https://credentials.example/identity',
    _sd: [sha256(given), sha256(address), sha256('a decoy digest')],
    nationalities: [{ '...': sha256(de) }],
    _sd_alg: 'sha-256',
    cnf: { jwk: holder.publicKey.export({ format: 'jwk' }) },
  };
  const jwt = signToken('ES256', issuer, { header: { typ: 'dc+sd-jwt' }, payload });
  return { issuer, holder, jwt, payload, given, street, address, de };
}

/** A KB-JWT over `presented` (everything up to and including its last ~). */
function keyBinding(holder, presented, extra = {}) {
  return signToken('ES256', holder, {
    header: { typ: 'kb+jwt' },
    payload: { aud: 'https://verifier.example', nonce: 'n-0S6_WzA2Mj', iat: 1767225600, sd_hash: sha256(presented), ...extra },
  });
}

const revealed = {
  iss: 'https://issuer.example',
  vct: 'https://credentials.example/identity',
  nationalities: ['DE'],
  cnf: null, // replaced below with the holder's JWK, in place
  given_name: 'Erika',
  address: { locality: 'Köln', street_address: 'Heidestraße 17' },
};

export default [
  {
    name: 'an SD-JWT with a key-binding JWT: disclosures matched, payload revealed, key binding valid, issuer signature valid',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const sd = issue();
      const presented = `${sd.jwt}~${sd.given}~${sd.address}~${sd.street}~${sd.de}~`;
      await setToken(page, presented + keyBinding(sd.holder, presented));
      await waitText(page, '[data-testid=payload-json]', pretty(sd.payload));
      await waitAttrs(page, '[data-testid=sd-disclosure]', 'data-status', ['matched', 'matched', 'matched', 'matched']);
      assertEqual(JSON.stringify(await attrsOf(page, '[data-testid=sd-disclosure]', 'data-claim')),
        JSON.stringify(['given_name', 'address', 'street_address', '']), 'disclosure claims');
      assertEqual(JSON.stringify(await attrsOf(page, '[data-testid=sd-disclosure]', 'data-digest')),
        JSON.stringify([sd.given, sd.address, sd.street, sd.de].map(sha256)), 'disclosure digests');
      await waitText(page, '[data-testid=sd-revealed-json]', pretty({ ...revealed, cnf: sd.payload.cnf }));
      await waitText(page, '[data-testid=sd-undisclosed-count]', '1');
      await waitAttrs(page, '[data-testid=kb-status]', 'data-status', ['valid'], 15000);
      await setKey(page, spkiPem(sd.issuer));
      await waitStatus(page, 'valid', ['ES256'], 15000);
    },
  },
  {
    name: 'a KB-JWT made for other disclosures, or signed by another key, is invalid and says why',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const sd = issue();
      const signedFor = `${sd.jwt}~${sd.given}~${sd.address}~`;
      // The holder signed for two disclosures; a third was added afterwards.
      await setToken(page, `${sd.jwt}~${sd.given}~${sd.address}~${sd.de}~${keyBinding(sd.holder, signedFor)}`);
      await waitAttrs(page, '[data-testid=kb-status]', 'data-status', ['invalid'], 15000);
      const text = await textOf(page, '[data-testid=kb-status]');
      const expected = `sd_hash is ${sha256(signedFor)}, but the sha-256 of the presentation before it (last ~ included) is ${sha256(`${sd.jwt}~${sd.given}~${sd.address}~${sd.de}~`)}`;
      if (!text.includes(expected)) throw new Error(`kb-status does not explain the sd_hash: ${text}`);

      const other = generateKey('ES256');
      await setToken(page, signedFor + keyBinding(other, signedFor));
      await waitAttrs(page, '[data-testid=kb-status]', 'data-status', ['invalid'], 15000);
      const sigText = await textOf(page, '[data-testid=kb-status]');
      if (!sigText.includes('The signature does not verify with the cnf.jwk of the issuer-signed payload')) {
        throw new Error(`kb-status does not name the signature: ${sigText}`);
      }

      await setToken(page, signedFor);
      await waitAttrs(page, '[data-testid=kb-status]', 'data-status', ['absent']);
    },
  },
  {
    name: 'unchecking disclosures builds the presentation; stray, repeated and malformed disclosures are findings',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const sd = issue();
      await setToken(page, `${sd.jwt}~${sd.given}~${sd.address}~${sd.street}~${sd.de}~`);
      await waitAttrs(page, '[data-testid=sd-disclosure]', 'data-status', ['matched', 'matched', 'matched', 'matched']);
      await waitText(page, '[data-testid=sd-presentation]', `${sd.jwt}~${sd.given}~${sd.address}~${sd.street}~${sd.de}~`);
      const boxes = page.locator('[data-testid=sd-include]');
      await boxes.nth(1).uncheck();
      await boxes.nth(3).uncheck();
      await waitText(page, '[data-testid=sd-presentation]', `${sd.jwt}~${sd.given}~${sd.street}~`);
      await boxes.nth(1).check();
      await waitText(page, '[data-testid=sd-presentation]', `${sd.jwt}~${sd.given}~${sd.address}~${sd.street}~`);

      const stray = disclosure('salt', 'age', 40);
      await setToken(page, `${sd.jwt}~${sd.given}~${stray}~${sd.given}~WyJ4Il0~`);
      await waitAttrs(page, '[data-testid=sd-disclosure]', 'data-status', ['matched', 'unreferenced', 'duplicate', 'malformed']);
      await waitPresent(page, '[data-testid=finding][data-code=sd-unreferenced][data-severity=warning]');
      await waitPresent(page, '[data-testid=finding][data-code=sd-duplicate][data-severity=danger]');
      await waitPresent(page, '[data-testid=finding][data-code=sd-malformed][data-severity=danger]');
      await waitText(page, '[data-testid=sd-undisclosed-count]', '3'); // address, the decoy and the nationality
      await waitAttrs(page, '[data-testid=kb-status]', 'data-status', ['absent']);
    },
  },
  {
    name: 'validate with the sd-jwt-vc profile: the key binding is checked for the expected audience and nonce',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const sd = issue();
      const presented = `${sd.jwt}~${sd.given}~${sd.address}~`;
      const fresh = Math.floor(Date.now() / 1000) - 5;
      await setToken(page, presented + keyBinding(sd.holder, presented, { iat: fresh }));
      await setKey(page, spkiPem(sd.issuer));
      await waitStatus(page, 'valid', ['ES256'], 15000);
      await page.click('[data-testid=mode-validate]');
      await page.selectOption('[data-testid=expect-profile]', 'sd-jwt-vc');
      await setTextarea(page, '[data-testid=expect-aud]', 'https://verifier.example');
      await setTextarea(page, '[data-testid=expect-nonce]', 'n-0S6_WzA2Mj');
      await waitAttrs(page, '[data-testid=validation-status]', 'data-status', ['accepted'], 15000);
      for (const rule of ['typ', 'vct', 'kb', 'kb-aud', 'kb-nonce', 'kb-iat']) {
        await waitAttrs(page, `[data-testid=validation-check][data-rule="${rule}"]`, 'data-result', ['pass']);
      }
      await setTextarea(page, '[data-testid=expect-nonce]', 'another-nonce');
      await waitAttrs(page, '[data-testid=validation-status]', 'data-status', ['rejected']);
      await waitContains(page, '[data-testid=validation-check][data-rule="kb-nonce"]', ['Its KB-JWT\'s nonce is "n-0S6_WzA2Mj", not "another-nonce"']);
    },
  },
  {
    name: 'the holder signs a key-binding JWT in the page; node verifies it and the page finds it valid',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const sd = issue();
      await setToken(page, `${sd.jwt}~${sd.given}~${sd.address}~${sd.street}~${sd.de}~`);
      await waitAttrs(page, '[data-testid=sd-disclosure]', 'data-status', ['matched', 'matched', 'matched', 'matched']);
      await page.locator('[data-testid=sd-include]').nth(3).uncheck();
      const presented = `${sd.jwt}~${sd.given}~${sd.address}~${sd.street}~`;
      await waitText(page, '[data-testid=sd-presentation]', presented);
      await page.click('.sd-holder summary');
      await setTextarea(page, '[data-testid=sd-kb-aud]', 'https://verifier.example');
      await setTextarea(page, '[data-testid=sd-kb-nonce]', 'n-holder-1');
      await setTextarea(page, '[data-testid=sd-holder-key]', pkcs8Pem(sd.holder));
      await page.click('[data-testid=sd-kb-sign]');
      await waitPresent(page, '[data-testid=sd-presentation-kb]', 15000);
      const whole = await textOf(page, '[data-testid=sd-presentation-kb]');
      assertEqual(whole.slice(0, presented.length), presented, 'the presentation before the KB-JWT');
      const kb = whole.slice(presented.length);
      const [h, p, sig] = kb.split('.');
      const ok = verifyBytes('ES256', sd.holder, Buffer.from(`${h}.${p}`, 'ascii'), Buffer.from(sig, 'base64url'));
      assertEqual(ok, true, 'node verifies the KB-JWT with the holder key');
      const header = JSON.parse(Buffer.from(h, 'base64url'));
      const claims = JSON.parse(Buffer.from(p, 'base64url'));
      assertEqual(JSON.stringify(header), JSON.stringify({ typ: 'kb+jwt', alg: 'ES256' }), 'KB-JWT header');
      assertEqual(claims.sd_hash, sha256(presented), 'sd_hash');
      assertEqual(`${claims.aud} ${claims.nonce}`, 'https://verifier.example n-holder-1', 'aud and nonce');

      await setToken(page, whole);
      await waitAttrs(page, '[data-testid=kb-status]', 'data-status', ['valid'], 15000);
    },
  },
  {
    name: 'an SD-JWT with 500 disclosures: the first rows at once, then all 500 matched, the JSON views whole and coloured',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const issuer = generateKey('ES256');
      const all = Array.from({ length: 500 }, (_, i) => disclosure(`salt-${i}`, `claim_${i}`, `value ${i}`));
      const payload = { iss: 'https://issuer.example', _sd: all.map(sha256), _sd_alg: 'sha-256' };
      const jwt = signToken('ES256', issuer, { header: { typ: 'dc+sd-jwt' }, payload });
      await setToken(page, `${jwt}~${all.join('~')}~`);
      await waitText(page, '[data-testid=sd-tally]', '500 disclosures: 500 matched, 0 unreferenced, 0 duplicate, 0 malformed.');
      // Rows come a chunk per frame; in the end every disclosure has its row.
      await waitAttrs(page, '[data-testid=sd-disclosure]', 'data-status', all.map(() => 'matched'), 15000);
      assertEqual(JSON.stringify(await attrsOf(page, '[data-testid=sd-disclosure]', 'data-digest')),
        JSON.stringify(all.map(sha256)), 'every digest, in input order');
      const revealed = { iss: 'https://issuer.example' };
      all.forEach((_, i) => { revealed[`claim_${i}`] = `value ${i}`; });
      await waitText(page, '[data-testid=sd-revealed-json]', pretty(revealed));
      // The payload's 500 digests span several blocks of the JSON view: its
      // text is the whole pretty JSON from the start, and every block ends
      // up coloured (one string span per digest, plus iss and _sd_alg).
      await waitText(page, '[data-testid=payload-json]', pretty(payload));
      await poll(async () => {
        const actual = await page.evaluate(() => [
          document.querySelectorAll('[data-testid=payload-json] .json-chunk').length,
          document.querySelectorAll('[data-testid=payload-json] .j-str').length,
        ]);
        return { ok: actual[0] === 6 && actual[1] === 502, actual };
      }, 'the payload view in 6 blocks with 502 coloured strings');
      await page.locator('[data-testid=sd-include]').nth(499).uncheck();
      await waitText(page, '[data-testid=sd-presentation]', `${jwt}~${all.slice(0, 499).join('~')}~`);
      await setKey(page, spkiPem(issuer));
      await waitStatus(page, 'valid', ['ES256'], 15000);
    },
  },
  {
    name: 'a second SD-JWT of 500 disclosures updates the rows in place: never a row of the first in view, then 3 rows for a short one',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const issuer = generateKey('ES256');
      const sdToken = (tag, count) => {
        const all = Array.from({ length: count }, (_, i) => disclosure(`salt-${tag}-${i}`, `${tag}_${i}`, `${tag} value ${i}`));
        const payload = { iss: 'https://issuer.example', _sd: all.map(sha256), _sd_alg: 'sha-256' };
        const jwt = signToken('ES256', issuer, { header: { typ: 'dc+sd-jwt' }, payload });
        return { tag, token: `${jwt}~${all.join('~')}~`, digests: all.map(sha256), payload };
      };
      const first = sdToken('first', 500);
      await setToken(page, first.token);
      await waitAttrs(page, '[data-testid=sd-disclosure]', 'data-digest', first.digests, 15000);
      for (const next of [sdToken('second', 500), sdToken('third', 3)]) {
        // Polled every frame from before the new token is set: once the
        // revealed payload shows the new token, every row shown is one of its.
        const watch = page.evaluate(([marker, digests]) => new Promise((resolve) => {
          const wanted = new Set(digests);
          const started = performance.now();
          const tick = () => {
            const revealed = document.querySelector('[data-testid=sd-revealed-json]')?.textContent ?? '';
            if (revealed.includes(marker)) {
              const rows = [...document.querySelectorAll('[data-testid=sd-disclosure]')].map((r) => r.dataset.digest);
              resolve({ rows: rows.length, stale: rows.filter((d) => !wanted.has(d)).length });
            } else if (performance.now() - started > 20000) {
              resolve({ rows: -1, stale: -1 });
            } else {
              requestAnimationFrame(tick);
            }
          };
          tick();
        }), [`"${next.tag}_0"`, next.digests]);
        await setToken(page, next.token);
        const seen = await watch;
        assertEqual(seen.stale, 0, `rows of the earlier token once the ${next.tag} is revealed (${seen.rows} rows)`);
        await waitAttrs(page, '[data-testid=sd-disclosure]', 'data-digest', next.digests, 15000);
        await waitAttrs(page, '[data-testid=sd-disclosure]', 'data-status', next.digests.map(() => 'matched'), 15000);
        await waitText(page, '[data-testid=payload-json]', pretty(next.payload));
      }
    },
  },
];
