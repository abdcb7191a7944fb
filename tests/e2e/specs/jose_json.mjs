// JWS and JWE in JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2, RFC
// 7797), made here with node:crypto: each signature's own verdict by kid,
// a flattened JWS with an unprotected kid, a detached payload pasted
// beside it, b64 false, a member in both headers refused by name, and a
// JWE with two recipients and an aad member.

import crypto from 'node:crypto';
import {
  openApp, poll, pretty, setKey, setTextarea, setToken, textOf, waitAttrs, waitContains, waitPresent, waitStatus, waitText,
} from '../lib.mjs';
import { generateKey, publicJwk, signBytes, verifyBytes } from '../jws.mjs';
import { aesKw, aesUnwrap, b64u, decryptContent, encryptContent } from '../jwe_tools.mjs';

const PAYLOAD = { iss: 'https://acme.example', nonce: 'n-0S6_WzA2Mj' };
const payloadB64 = b64u(JSON.stringify(PAYLOAD));

function entry(alg, key, protectedHeader, unprotected, payloadPart = payloadB64) {
  const p = b64u(JSON.stringify(protectedHeader));
  const signature = b64u(signBytes(alg, key, Buffer.from(`${p}.${payloadPart}`, 'ascii')));
  return { protected: p, ...(unprotected ? { header: unprotected } : {}), signature };
}

const ENTRIES = '[data-testid=signature-entry]';

export default [
  {
    name: 'a general JWS: each signature verifies by its kid; a kid the set lacks has no key',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const ec = generateKey('ES256');
      const rsa = generateKey('RS256');
      const jws = {
        payload: payloadB64,
        signatures: [
          entry('ES256', ec, { alg: 'ES256' }, { kid: 'ec-1' }),
          entry('RS256', rsa, { alg: 'RS256', kid: 'rsa-1' }),
        ],
      };
      await setToken(page, JSON.stringify(jws, null, 2));
      await waitText(page, '[data-testid=payload-json]', pretty(PAYLOAD));
      await waitText(page, '[data-testid=header-json]', pretty({ alg: 'ES256', kid: 'ec-1' }));
      await setKey(page, JSON.stringify({ keys: [publicJwk(ec, { kid: 'ec-1' }), publicJwk(rsa, { kid: 'rsa-1' })] }));
      await waitStatus(page, 'valid', ['signature 1 of 2 (ES256, kid "ec-1") verifies'], 15000);
      await waitAttrs(page, ENTRIES, 'data-status', ['valid', 'valid'], 15000);
      await waitAttrs(page, ENTRIES, 'data-alg', ['ES256', 'RS256']);
      await waitAttrs(page, ENTRIES, 'data-kid', ['ec-1', 'rsa-1']);
      await waitText(page, `${ENTRIES}[data-index="1"] [data-testid=entry-header-json]`, pretty({ alg: 'RS256', kid: 'rsa-1' }));
      await setKey(page, JSON.stringify({ keys: [publicJwk(rsa, { kid: 'rsa-1' })] }));
      await waitAttrs(page, ENTRIES, 'data-status', ['no-key', 'valid'], 15000);
      await waitStatus(page, 'valid', ['signature 2 of 2 (RS256, kid "rsa-1") verifies']);
    },
  },
  {
    name: 'a flattened JWS without its payload takes the detached content; b64 false signs it as is',
    timeoutMs: 30000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const ec = generateKey('ES256');
      const body = '{"amount":"10.00","currency":"GBP"}';
      const signed = entry('ES256', ec, { alg: 'ES256', b64: false, crit: ['b64'] }, { kid: 'ob-1' }, body);
      await setToken(page, JSON.stringify(signed));
      await setKey(page, JSON.stringify(publicJwk(ec)));
      await waitStatus(page, 'no-key', ['detached'], 15000);
      await setTextarea(page, '[data-testid=detached-payload]', body);
      await waitStatus(page, 'valid', ['ES256'], 15000);
      await waitAttrs(page, ENTRIES, 'data-status', ['valid']);
      await setTextarea(page, '[data-testid=detached-payload]', body.replace('10.00', '99.00'));
      await waitStatus(page, 'invalid', [], 15000);
      // The same with the payload inline: no detached field is needed.
      await setToken(page, JSON.stringify({ payload: body, ...signed }));
      await waitStatus(page, 'valid', ['ES256'], 15000);
      await waitText(page, '[data-testid=payload-json]', pretty(JSON.parse(body)));
    },
  },
  {
    name: 'a member in both the protected and the unprotected header is refused by name',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const ec = generateKey('ES256');
      const jws = { payload: payloadB64, ...entry('ES256', ec, { alg: 'ES256', kid: 'a' }, { kid: 'b' }) };
      await setToken(page, JSON.stringify(jws));
      await waitContains(page, '[data-testid=token-error]', ['"kid" appears in both the protected and the unprotected header', 'RFC 7515 §7.2.1']);
      await waitStatus(page, 'malformed');
    },
  },
  {
    name: 'a JWE with two recipients: the second key opens it, the first is skipped over; aad is authenticated',
    timeoutMs: 30000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const [k1, k2] = [crypto.randomBytes(16), crypto.randomBytes(16)];
      const cek = crypto.randomBytes(32);
      const protectedB64 = b64u(JSON.stringify({ enc: 'A128CBC-HS256' }));
      const aad = b64u('order 42');
      const { iv, ciphertext, tag } = encryptContent('A128CBC-HS256', cek, `${protectedB64}.${aad}`, Buffer.from('Live long and prosper.'));
      const jwe = {
        protected: protectedB64,
        unprotected: { cty: 'text/plain' },
        recipients: [
          { header: { alg: 'A128KW', kid: 'one' }, encrypted_key: b64u(aesKw(k1, cek)) },
          { header: { alg: 'A128KW', kid: 'two' }, encrypted_key: b64u(aesKw(k2, cek)) },
        ],
        aad, iv: b64u(iv), ciphertext: b64u(ciphertext), tag: b64u(tag),
      };
      await setToken(page, JSON.stringify(jwe, null, 2));
      await setKey(page, JSON.stringify({ keys: [{ kty: 'oct', kid: 'two', k: b64u(k2) }] }));
      await waitAttrs(page, '[data-testid=jwe-status]', 'data-status', ['decrypted'], 15000);
      await waitText(page, '[data-testid=jwe-plaintext]', 'Live long and prosper.');
      await waitAttrs(page, '[data-testid=jwe-recipient]', 'data-status', ['no-key', 'decrypted']);
      await waitAttrs(page, '[data-testid=jwe-recipient]', 'data-kid', ['one', 'two']);
      await setKey(page, JSON.stringify({ kty: 'oct', k: b64u(k1) }));
      await waitAttrs(page, '[data-testid=jwe-recipient]', 'data-status', ['decrypted', 'skipped'], 15000);
      await setToken(page, JSON.stringify({ ...jwe, aad: b64u('order 43') }));
      await waitAttrs(page, '[data-testid=jwe-status]', 'data-status', ['failed'], 15000);
    },
  },
  {
    name: 'the encoder writes the same token compact, flattened or general; the JSON verifies in node and in the decoder',
    timeoutMs: 30000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      await page.click('[data-testid=mode-encode]');
      await waitPresent(page, '[data-testid=encoder-output]');
      const compact = await textOf(page, '[data-testid=encoder-output]');
      const [h, p, sig] = compact.split('.');
      for (const form of ['flattened', 'general']) {
        await page.selectOption('[data-testid=encoder-serialization]', form);
        const json = await poll(async () => {
          const text = await textOf(page, '[data-testid=encoder-output]');
          try { return { ok: true, actual: JSON.parse(text) }; } catch { return { ok: false, actual: text }; }
        }, `${form} JSON in the output`);
        const entry = form === 'general' ? json.signatures[0] : json;
        if (json.payload !== p || entry.protected !== h || entry.signature !== sig) {
          throw new Error(`${form}: ${JSON.stringify(json)} is not ${compact}`);
        }
        const secret = Buffer.from('this-is-the-sample-secret-for-hs256');
        if (!verifyBytes('HS256', { secret }, Buffer.from(`${entry.protected}.${json.payload}`), Buffer.from(entry.signature, 'base64url'))) {
          throw new Error(`node does not verify the ${form} JSON`);
        }
      }
      await page.click('[data-testid=open-in-decoder]');
      await waitStatus(page, 'valid', ['HS256'], 15000);
      await waitAttrs(page, ENTRIES, 'data-status', ['valid']);
    },
  },
  {
    name: 'the encoder signs the general form with every private key of a JWK Set; each signature verifies in node and in the decoder',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      await page.click('[data-testid=mode-encode]');
      await waitPresent(page, '[data-testid=encoder-output]');
      const ec = generateKey('ES256');
      const rsa = generateKey('RS256');
      const set = { keys: [
        { ...ec.privateKey.export({ format: 'jwk' }), kid: 'ec-1' },
        { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS256' },
      ] };
      await page.selectOption('[data-testid=encoder-alg]', 'ES256');
      await page.selectOption('[data-testid=encoder-serialization]', 'general');
      await setTextarea(page, '[data-testid=encoder-key]', JSON.stringify(set));
      const json = await poll(async () => {
        const text = await textOf(page, '[data-testid=encoder-output]');
        try { const v = JSON.parse(text); return { ok: v.signatures?.length === 2, actual: v }; } catch { return { ok: false, actual: text }; }
      }, 'two signatures in the general JSON', 15000);
      const keys = [ec, rsa];
      const algs = [];
      json.signatures.forEach((entry, i) => {
        const header = JSON.parse(Buffer.from(entry.protected, 'base64url').toString());
        algs.push(`${header.alg}/${header.kid}`);
        if (!verifyBytes(header.alg, keys[i], Buffer.from(`${entry.protected}.${json.payload}`), Buffer.from(entry.signature, 'base64url'))) {
          throw new Error(`node does not verify signature ${i}`);
        }
      });
      if (algs.join(' ') !== 'ES256/ec-1 RS256/rsa-1') throw new Error(`entries ${algs}`);
      await page.click('[data-testid=open-in-decoder]');
      await waitAttrs(page, ENTRIES, 'data-status', ['valid', 'valid'], 15000);
      await waitStatus(page, 'valid', ['signature 1 of 2 (ES256, kid "ec-1") verifies']);
    },
  },
  {
    name: 'the encoder encrypts the signed token to every key of a set as general JWE JSON; node unwraps each recipient, the decoder opens it',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      await page.click('[data-testid=mode-encode]');
      await waitPresent(page, '[data-testid=encoder-output]');
      const signed = await textOf(page, '[data-testid=encoder-output]');
      const keks = [crypto.randomBytes(32), crypto.randomBytes(32)];
      const set = { keys: keks.map((k, i) => ({ kty: 'oct', kid: `r${i}`, k: b64u(k) })) };
      await page.selectOption('[data-testid=encoder-serialization]', 'general');
      await page.check('[data-testid=encoder-encrypt]');
      await page.selectOption('[data-testid=encoder-jwe-alg]', 'A256KW');
      await page.selectOption('[data-testid=encoder-jwe-enc]', 'A256GCM');
      await setTextarea(page, '[data-testid=encoder-jwe-key]', JSON.stringify(set));
      const jwe = await poll(async () => {
        const text = await textOf(page, '[data-testid=encoder-output]');
        try { const v = JSON.parse(text); return { ok: v.recipients?.length === 2, actual: v }; } catch { return { ok: false, actual: text }; }
      }, 'general JWE JSON with two recipients', 20000);
      jwe.recipients.forEach((r, i) => {
        if (r.header.alg !== 'A256KW' || r.header.kid !== `r${i}`) throw new Error(`recipient ${i}: ${JSON.stringify(r.header)}`);
        const cek = aesUnwrap(keks[i], Buffer.from(r.encrypted_key, 'base64url'));
        const plain = decryptContent('A256GCM', cek, jwe.protected, Buffer.from(jwe.iv, 'base64url'), Buffer.from(jwe.ciphertext, 'base64url'), Buffer.from(jwe.tag, 'base64url'));
        if (plain.toString() !== signed) throw new Error(`node opens recipient ${i} to ${plain}`);
      });
      await page.click('[data-testid=open-in-decoder]');
      await waitAttrs(page, '[data-testid=jwe-status]', 'data-status', ['decrypted'], 15000);
      await waitAttrs(page, '[data-testid=jwe-recipient]', 'data-status', ['decrypted', 'skipped']);
    },
  },
];
