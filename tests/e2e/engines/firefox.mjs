// Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi,
// with no browser download; one BiDi user context per page.
//
// Env: FIREFOX (default /usr/bin/firefox-esr).
import puppeteer from 'puppeteer-core';

export const executablePath = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

export async function launch() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocolTimeout: 60000,
    extraPrefsFirefox: {
      // The smoke checks reach 127.0.0.1 only; keep Firefox from calling home.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  return {
    name: 'firefox',
    version: (await browser.version()).replace(/^firefox\//i, 'Firefox '),
    protocol: 'puppeteer-core (WebDriver BiDi)',
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      return {
        goto: async (url) => { await page.goto(url, { waitUntil: 'load' }); },
        reload: async () => { await page.reload({ waitUntil: 'load' }); },
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        errors: () => errors,
        close: async () => { await context.close().catch(() => {}); },
      };
    },
    async close() {
      await browser.close().catch(() => {});
    },
  };
}
