// The crypto worker, end to end: asymmetric tokens verify through it, a job
// past its deadline restarts it and the page says so, and a key typed after
// another never shows the older key's verdict. Driven through the UI
// contract's hooks; the only other things read are the worker's readiness
// mark on <html> (data-crypto-worker-ms) and the deadline override in
// session storage (jwt-debugger.worker-deadline-ms).

import { assert, assertEqual, openApp, poll, setKey, setToken, waitStatus } from '../lib.mjs';
import { decoyJwk, generateKey, publicJwk, signToken, spkiPem } from '../jws.mjs';

const DEADLINE_KEY = 'jwt-debugger.worker-deadline-ms';
const PANIC = '[data-testid=panic-notice]';

async function waitWorkerReady(page) {
  return poll(
    async () => {
      const ms = await page.evaluate(() => document.documentElement.getAttribute('data-crypto-worker-ms'));
      return { ok: ms !== null, actual: ms };
    },
    'the crypto worker to report ready (data-crypto-worker-ms on <html>)',
    15000,
  );
}

/** Records every data-status verify-status takes from now on, in order. */
async function recordStatuses(page) {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid=verify-status]');
    window.__statuses = [el.getAttribute('data-status')];
    new MutationObserver(() => {
      const now = document.querySelector('[data-testid=verify-status]')?.getAttribute('data-status');
      if (now !== window.__statuses[window.__statuses.length - 1]) window.__statuses.push(now);
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'], childList: true });
  });
}

const statuses = (page) => page.evaluate(() => window.__statuses);

/** A JWK Set of `n` distinct keys without kids in which the right key comes
 *  last, so every key is checked. */
function bigSetLastRight(rightKey, n) {
  const keys = Array.from({ length: n - 1 }, decoyJwk);
  keys.push(publicJwk(rightKey));
  return JSON.stringify({ keys });
}

export const tests = [
  {
    name: 'RS256, PS256, ES256, ES384, ES512 and EdDSA verify through the crypto worker',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const readyMs = await waitWorkerReady(page);
      console.log(`     [worker] ready ${readyMs} ms after it was started`);
      for (const alg of ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA']) {
        const key = generateKey(alg);
        const token = signToken(alg, key);
        await setToken(page, token);
        await setKey(page, spkiPem(key));
        await waitStatus(page, 'valid', [alg]);
        // A wrong key through the same path is invalid, not valid.
        await setKey(page, spkiPem(generateKey(alg)));
        await waitStatus(page, 'invalid');
      }
      assertEqual(await page.locator(PANIC).count(), 0, 'panic notices');
    },
  },
  {
    name: 'a job past its deadline restarts the worker, the page says so, and the next check works',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      await waitWorkerReady(page);
      const key = generateKey('RS256');
      const token = signToken('RS256', key); // no kid: every key of a set is tried
      await setToken(page, token);
      await page.evaluate((k) => sessionStorage.setItem(k, '30'), DEADLINE_KEY);
      await setKey(page, bigSetLastRight(key, 1000));
      const text = await waitStatus(page, 'key-error', ['longer than 30 ms', 'restarted'], 15000);
      console.log(`     [worker] deadline message: ${JSON.stringify(text)}`);
      await page.evaluate((k) => sessionStorage.removeItem(k), DEADLINE_KEY);
      await setKey(page, spkiPem(key));
      await waitStatus(page, 'valid', [], 15000);
      // The restarted worker keeps answering.
      await setKey(page, JSON.stringify(publicJwk(key)));
      await waitStatus(page, 'valid', [], 15000);
    },
  },
  {
    name: "a key typed right after another never shows the older key's verdict",
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      await waitWorkerReady(page);
      const key = generateKey('RS256');
      const token = signToken('RS256', key);
      await setToken(page, token);
      await setKey(page, '');
      await waitStatus(page, 'no-key');
      await recordStatuses(page);
      // The slow key (a set where the right key is last) is valid; the one
      // typed right after it is the wrong key and must be the verdict shown.
      const slowValid = bigSetLastRight(key, 300);
      const quickWrong = spkiPem(generateKey('RS256'));
      await page.evaluate(
        ({ slow, quick }) => {
          const area = document.querySelector('[data-testid=key-input]');
          area.value = slow;
          area.dispatchEvent(new Event('input', { bubbles: true }));
          area.value = quick;
          area.dispatchEvent(new Event('input', { bubbles: true }));
        },
        { slow: slowValid, quick: quickWrong },
      );
      await waitStatus(page, 'invalid', [], 15000);
      // Long enough for the slow job's answer to have come back and been dropped.
      await page.waitForTimeout(1500);
      const seen = await statuses(page);
      console.log(`     [worker] statuses seen: ${seen.join(' -> ')}`);
      assert(!seen.includes('valid'), `the older key's verdict was shown: ${seen.join(' -> ')}`);
      assertEqual(seen[seen.length - 1], 'invalid', 'final status');
      assert(seen.includes('checking'), `no checking state was shown: ${seen.join(' -> ')}`);
    },
  },
];
