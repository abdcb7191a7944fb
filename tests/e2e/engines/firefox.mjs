// Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi,
// with no browser download; one BiDi user context per page.
//
// Env: FIREFOX (default /usr/bin/firefox-esr).
import puppeteer from 'puppeteer-core';
import { eventPage } from './driver.mjs';

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
      return eventPage(page, async () => { await context.close().catch(() => {}); });
    },
    async close() {
      await browser.close().catch(() => {});
    },
  };
}
