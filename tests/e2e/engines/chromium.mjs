// Chromium (Debian's /usr/bin/chromium) through playwright-core, launched as
// the main e2e suite launches it (harness.mjs); one browser context per page.
import { launchBrowser } from '../harness.mjs';

export async function launch() {
  const browser = await launchBrowser();
  const contexts = new Set();
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    protocol: 'playwright-core (CDP)',
    async newPage() {
      const context = await browser.newContext();
      contexts.add(context);
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
        close: async () => { contexts.delete(context); await context.close().catch(() => {}); },
      };
    },
    async close() {
      await browser.close().catch(() => {});
    },
  };
}
