// The prerendered first screen: the sample shows decoded and verified before
// any wasm arrives, and what is typed into it before the app starts is kept.
// The page's wasm is held back by intercepting its request.

import { assertEqual, makeToken, pretty, waitStatus, waitText } from '../lib.mjs';

const PAYLOAD = '[data-testid=payload-json]';

/** Holds the page's wasm request until the returned release() is called. */
async function holdPageWasm(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(/jwt-debugger-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

export const tests = [
  {
    name: 'the sample shows decoded and verified before the wasm has loaded',
    run: async ({ page, baseUrl }) => {
      const release = await holdPageWasm(page);
      await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
      assertEqual(await page.locator('[data-prerendered]').count(), 1, 'prerendered snapshots');
      const payload = await page.textContent(PAYLOAD);
      assertEqual(JSON.parse(payload).sub, 'user-1234', 'sample subject in the snapshot');
      assertEqual(await page.getAttribute('[data-testid=verify-status]', 'data-status'), 'valid', 'snapshot verdict');
      release();
      // The app replaces the snapshot: one token box, no snapshot left.
      await page.waitForSelector('[data-prerendered]', { state: 'detached', timeout: 20000 });
      assertEqual(await page.locator('[data-testid=token-input]').count(), 1, 'token boxes after start');
      await waitStatus(page, 'valid');
    },
  },
  {
    name: 'a token and key typed before the app starts are kept and decoded',
    run: async ({ page, baseUrl }) => {
      const release = await holdPageWasm(page);
      await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
      const payload = { sub: 'typed-early', exp: 4102444800 };
      const token = makeToken('{"alg":"HS256","typ":"JWT"}', JSON.stringify(payload));
      await page.fill('[data-prerendered] [data-testid=token-input]', token);
      await page.fill('[data-prerendered] [data-testid=key-input]', 'typed-early-secret');
      // Until the app starts, the typed text shows instead of the sample's colours.
      await page.waitForSelector('[data-prerendered].prerender-typed');
      release();
      await waitText(page, PAYLOAD, pretty(payload), 20000);
      assertEqual(await page.inputValue('[data-testid=token-input]'), token, 'token box after start');
      assertEqual(await page.inputValue('[data-testid=key-input]'), 'typed-early-secret', 'key box after start');
      await waitStatus(page, 'invalid');
    },
  },
];
