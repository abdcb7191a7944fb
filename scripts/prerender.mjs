// Writes the first screen into dist/index.html as static HTML: the built app
// is run once in headless Chromium, and what it shows for the sample token
// (decoded and verified) goes into <body>. The page then shows the sample
// before its wasm has even downloaded; on start the app removes the snapshot
// and renders in its place, keeping anything typed into it meanwhile
// (browser::take_prerendered).
// Usage: node scripts/prerender.mjs [dist-dir]   (after trunk, before postbuild)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baseUrlOf, launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const dist = path.resolve(process.argv[2] ?? 'dist');
const indexPath = path.join(dist, 'index.html');
const html = readFileSync(indexPath, 'utf8');
if (html.includes('data-prerendered')) throw new Error(`${indexPath} is already prerendered`);

const server = await startServer(dist);
const browser = await launchBrowser();
let snapshot;
try {
  // UTC and light: the app re-renders local times and the theme on start.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', colorScheme: 'light', serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrlOf(server)}/`);
  await page.waitForSelector('[data-testid=verify-status][data-status=valid]', { timeout: 30000 });
  snapshot = await page.evaluate(() => {
    const root = document.querySelector('body > .app');
    // Form state lives in properties; the snapshot needs it as markup.
    for (const t of root.querySelectorAll('textarea')) t.textContent = t.value;
    for (const o of root.querySelectorAll('option')) o.toggleAttribute('selected', o.selected);
    for (const i of root.querySelectorAll('input[type=checkbox]')) i.toggleAttribute('checked', i.checked);
    root.setAttribute('data-prerendered', '');
    return root.outerHTML;
  });
  if (errors.length) throw new Error(`the app failed while prerendering: ${errors.join('; ')}`);
} finally {
  await browser.close();
  server.close();
}
// The page's CSP allows no inline script or style; neither may the snapshot.
if (/<script|\sstyle=|\son[a-z]+=/i.test(snapshot)) throw new Error('the snapshot holds a script, an inline style or an event handler');
if (!html.includes('<body>\n')) throw new Error('no <body> in index.html');
writeFileSync(indexPath, html.replace('<body>\n', `<body>\n${snapshot}\n`));
console.log(`prerender: first screen written into index.html (${snapshot.length} bytes of HTML)`);
