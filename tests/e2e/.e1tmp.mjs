import { baseUrlOf, launchBrowser, startServer } from '/work/main/tests/e2e/harness.mjs';
const server = await startServer('/tmp/benchdist');
const url = baseUrlOf(server) + '/';
const browser = await launchBrowser();
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
const cdpReqs = [];
cdp.on('Network.requestWillBeSent', (e) => cdpReqs.push(['cdp', e.request.url.replace(url, ''), e.type]));
const pw = [];
context.on('request', (r) => pw.push(['ctx', r.url().replace(url, ''), !!r.serviceWorker()]));
page.on('request', (r) => pw.push(['page', r.url().replace(url, '')]));
page.on('worker', (w) => pw.push(['worker', w.url()]));
page.on('console', (m) => console.log('console', m.type(), m.text()));
await page.addInitScript(() => {
  window.__ev = [];
  const has = () => {
    const p = document.querySelector('[data-testid=payload-json]');
    const s = document.querySelector('[data-testid=verify-status]');
    return { p: !!(p && p.textContent.trim()), s: s?.getAttribute('data-status'), pre: !!document.querySelector('[data-prerendered]'), tok: !!document.querySelector('[data-testid=token-input]'), w: document.documentElement.getAttribute('data-crypto-worker-ms') };
  };
  let last = '';
  const mo = new MutationObserver(() => { const h = JSON.stringify(has()); if (h !== last) { last = h; window.__ev.push([performance.now(), h]); } });
  mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  requestAnimationFrame(() => window.__ev.push([performance.now(), 'first raf']));
});
await page.goto(url, { waitUntil: 'commit' });
await page.waitForFunction(() => document.documentElement.hasAttribute('data-crypto-worker-ms'), null, { timeout: 20000 });
await page.waitForTimeout(1500);
const r = await page.evaluate(() => ({
  ev: window.__ev,
  nav: performance.getEntriesByType('navigation').map((e) => [e.name, e.responseEnd, e.domContentLoadedEventEnd]),
  res: performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), e.initiatorType, Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize]),
  paint: performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]),
  attr: document.documentElement.getAttribute('data-crypto-worker-ms'),
}));
console.log(JSON.stringify(r, null, 1));
console.log(cdpReqs, pw);
await browser.close(); server.close();
