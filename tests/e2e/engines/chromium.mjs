// Chromium (Debian's /usr/bin/chromium) through playwright-core, launched as
// the main e2e suite launches it (harness.mjs); one browser context per page.
import { launchBrowser } from '../harness.mjs';
import { eventPage } from './driver.mjs';

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
      return eventPage(page, async () => { contexts.delete(context); await context.close().catch(() => {}); });
    },
    async close() {
      await browser.close().catch(() => {});
    },
  };
}
