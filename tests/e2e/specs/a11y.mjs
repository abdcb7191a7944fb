// Accessibility: axe-core (from npm, evaluated in the page over the DevTools
// protocol, which the page's CSP does not govern) over every view, light and
// dark, desktop and 390 px wide. Any violation, of any impact, fails.

import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { openApp, setKey, setTextarea, setToken, waitAttrs, waitPresent } from '../lib.mjs';
import { b64u, makeJwe } from '../jwe_tools.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const VIEWS = [
  ['decode, the sample', async () => {}],
  ['decode, a broken token', async (page) => {
    await setToken(page, 'abc.def');
    await waitPresent(page, '[data-testid=token-error]');
  }],
  ['encode, sign then encrypt', async (page) => {
    await page.click('[data-testid=mode-encode]');
    await page.check('[data-testid=encoder-encrypt]');
    await waitPresent(page, '[data-testid=encoder-jwe-key]');
  }],
  ['keys, a key converted', async (page) => {
    await page.click('[data-testid=mode-keys]');
    const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await setTextarea(page, '[data-testid=key-tool-input]', publicKey.export({ type: 'spki', format: 'pem' }));
    await waitPresent(page, '[data-testid=key-thumbprint]');
  }],
  ['validate, rejected', async (page) => {
    await page.click('[data-testid=mode-validate]');
    await setTextarea(page, '[data-testid=expect-iss]', 'https://other.example');
    await waitAttrs(page, '[data-testid=validation-status]', 'data-status', ['rejected'], 15000);
  }],
  ['a JWE with its key', async (page) => {
    const cek = crypto.randomBytes(32);
    await setToken(page, makeJwe({ alg: 'dir', enc: 'A256GCM' }, '{"sub":"a11y"}', { cek }));
    await setKey(page, JSON.stringify({ kty: 'oct', k: b64u(cek) }));
    await waitAttrs(page, '[data-testid=jwe-status]', 'data-status', ['decrypted'], 15000);
  }],
];

const LOOKS = [
  { name: 'light, 1280 px', width: 1280, colorScheme: 'light' },
  { name: 'dark, 1280 px', width: 1280, colorScheme: 'dark' },
  { name: 'light, 390 px', width: 390, colorScheme: 'light' },
  { name: 'dark, 390 px', width: 390, colorScheme: 'dark' },
];

async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const tests = [];
for (const look of LOOKS) {
  tests.push({
    name: `a11y: axe-core finds no violation in any view (${look.name})`,
    timeoutMs: 60000,
    run: async ({ page, baseUrl }) => {
      await page.setViewportSize({ width: look.width, height: 900 });
      await page.emulateMedia({ colorScheme: look.colorScheme });
      const found = [];
      for (const [view, go] of VIEWS) {
        await openApp(page, baseUrl);
        await page.waitForFunction(() => !document.querySelector('[data-prerendered]'));
        await go(page);
        for (const v of await violations(page)) found.push(`${view}: ${v}`);
      }
      if (found.length) throw new Error(`axe-core violations:\n       ${found.join('\n       ')}`);
    },
  });
}

tests.push({
  name: 'a11y: the skip link is the first thing Tab reaches and moves focus to the decoded token',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.waitForFunction(() => !document.querySelector('[data-prerendered]'));
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    if (first !== 'Skip to the decoded token') throw new Error(`first Tab stop: ${first}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'decoded');
  },
});

tests.push({
  name: 'small screens: at 390 px the decoded payload comes right after the token input, before findings and signature',
  run: async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, baseUrl);
    await page.waitForFunction(() => !document.querySelector('[data-prerendered]'));
    const top = (sel) => page.$eval(sel, (el) => el.getBoundingClientRect().top + window.scrollY);
    const [input, payload, findings, signature] = [
      await top('[data-testid=token-input]'),
      await top('[data-testid=payload-json]'),
      await top('[data-testid=finding]'),
      await top('[data-testid=verify-status]'),
    ];
    if (!(input < payload && payload < findings && payload < signature)) {
      throw new Error(`order by top: input ${input}, payload ${payload}, findings ${findings}, signature ${signature}`);
    }
    // The payload starts within the first two screens of a phone.
    if (payload > 2 * 844) throw new Error(`payload-json starts ${payload} px down`);
  },
});

tests.push({
  name: 'small screens: "Wrap long lines" switches the JSON views between wrapping and scrolling, text unchanged',
  run: async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, baseUrl);
    await page.waitForFunction(() => !document.querySelector('[data-prerendered]'));
    const look = () => page.$eval('[data-testid=payload-json]', (el) => ({ ws: getComputedStyle(el).whiteSpace, text: el.textContent }));
    const before = await look();
    if (before.ws !== 'pre-wrap') throw new Error(`wraps by default: ${before.ws}`);
    await page.click('[data-testid=wrap-toggle]');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid=payload-json]')).whiteSpace === 'pre');
    const after = await look();
    if (after.text !== before.text) throw new Error('the JSON text changed');
  },
});

export default tests;
