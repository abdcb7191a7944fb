// The static site's promises, in a real browser: sharing through the URL
// fragment, reload persistence and Forget, offline reload through the
// service worker, sub-path hosting, the single-file build from file://, a
// strict CSP, and no request to any other origin nor any after load.
import { cp, mkdtemp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distDir, startServer, stopServer, baseUrlOf } from '../harness.mjs';
import {
  openApp, setToken, setKey, getTokenValue, waitText, waitStatus, makeToken, pretty,
  assert, assertEqual, poll, TOKEN_INPUT, KEY_INPUT,
} from '../lib.mjs';
import { generateKey, signToken, spkiPem } from '../jws.mjs';

const HEADER = '{"alg":"HS256","typ":"JWT"}';
const tokenWith = (sub) => makeToken(HEADER, JSON.stringify({ sub, exp: 4102444800 }));

/** An RS256 token and its SPKI PEM: verified by the crypto worker, not the page. */
function rsaCase(sub) {
  const key = generateKey('RS256');
  return { token: signToken('RS256', key, { payload: { sub, exp: 4102444800 } }), pem: spkiPem(key) };
}

/** Loads an RS256 token and its public key and waits for `valid`, which only
 *  the crypto worker can say. */
async function verifiesInWorker(page, sub) {
  const { token, pem } = rsaCase(sub);
  await setToken(page, token);
  await payloadShows(page, sub);
  await setKey(page, pem);
  await waitStatus(page, 'valid', ['RS256'], 15000);
}

const workerReady = (page) =>
  until(() => page.evaluate(() => document.documentElement.getAttribute('data-crypto-worker-ms')), 'the crypto worker to be ready', 15000);

/** Polls until `probe` returns a truthy value, which it resolves to. */
async function until(probe, what, timeoutMs) {
  let value;
  await poll(async () => {
    value = await probe();
    return { ok: !!value, actual: value };
  }, what, timeoutMs);
  return value;
}

async function headerShows(page, headerText) {
  await waitText(page, '[data-testid=header-json]', pretty(JSON.parse(headerText)));
}

async function payloadShows(page, sub) {
  await waitText(page, '[data-testid=payload-json]', pretty({ sub, exp: 4102444800 }));
}

/** Waits until the service worker controls the page, polling (never hanging)
 *  and reporting the registration's state if it does not happen. */
async function swReady(page) {
  let state = '';
  await poll(async () => {
    state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const w = (x) => (x ? x.state : '-');
      return reg
        ? `installing ${w(reg.installing)}, waiting ${w(reg.waiting)}, active ${w(reg.active)}, controller ${!!navigator.serviceWorker.controller}`
        : 'no registration';
    });
    return { ok: state.endsWith('controller true'), actual: state };
  }, 'the service worker to control the page', 20000);
}

export default [
  {
    name: 'the page carries a strict Content-Security-Policy',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assertEqual(
        csp,
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'self'; form-action 'none'",
        'CSP',
      );
      const inlineScripts = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
      assertEqual(inlineScripts, 0, 'inline scripts');
    },
  },
  {
    name: 'Share copies a #token= link without the key, and the link loads that token',
    run: async ({ page, baseUrl }) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
      await openApp(page, baseUrl);
      const token = tokenWith('shared-user');
      await setToken(page, token);
      await setKey(page, 'a-key-that-must-never-be-shared');
      await payloadShows(page, 'shared-user');
      await page.click('[data-testid=share]');
      const link = await until(async () => {
        const text = await page.evaluate(() => navigator.clipboard.readText());
        return text.includes('#token=') ? text : null;
      }, 'a share link in the clipboard');
      assertEqual(link, `${baseUrl}/#token=${encodeURIComponent(token)}`, 'share link');
      assert(!link.includes('must-never'), 'the key is not in the link');

      const other = await page.context().newPage();
      await other.goto(link);
      await payloadShows(other, 'shared-user');
      assertEqual(await getTokenValue(other), token, 'token loaded from the fragment');
      // Read once, then removed from the address bar.
      await until(async () => (await other.evaluate(() => location.hash)) === '', 'the fragment to be cleared');
      assertEqual(await other.inputValue(KEY_INPUT), 'this-is-the-sample-secret-for-hs256', 'key box holds only the default');
    },
  },
  {
    name: 'the query string is never read',
    run: async ({ page, baseUrl }) => {
      await page.goto(`${baseUrl}/?token=${encodeURIComponent(tokenWith('from-query'))}`);
      await headerShows(page, HEADER);
      const value = await getTokenValue(page);
      assert(!value.includes(tokenWith('from-query').split('.')[1]), 'the query token was not loaded');
    },
  },
  {
    name: 'the token survives a reload, the key does not, and Forget clears it',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const sample = await getTokenValue(page);
      const token = tokenWith('reload-user');
      await setToken(page, token);
      await setKey(page, 'typed-secret');
      await payloadShows(page, 'reload-user');
      await page.reload();
      await payloadShows(page, 'reload-user');
      assertEqual(await getTokenValue(page), token, 'token after reload');
      assertEqual(await page.inputValue(KEY_INPUT), 'this-is-the-sample-secret-for-hs256', 'key after reload');
      assertEqual(await page.evaluate(() => Object.keys(localStorage).length), 0, 'local storage entries without remember');

      await page.click('[data-testid=forget]');
      await until(async () => (await getTokenValue(page)) === '', 'Forget to empty the input');
      assertEqual(await page.evaluate(() => sessionStorage.length), 0, 'session storage after Forget');
      await page.reload();
      await headerShows(page, HEADER);
      assertEqual(await getTokenValue(page), sample, 'the sample is back after Forget and reload');
    },
  },
  {
    name: 'Remember keeps the token for a new tab; without it a new tab starts fresh',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const sample = await getTokenValue(page);
      await setToken(page, tokenWith('tab-user'));
      await payloadShows(page, 'tab-user');
      const fresh = await page.context().newPage();
      await openApp(fresh, baseUrl);
      assertEqual(await getTokenValue(fresh), sample, 'a new tab without remember');

      await page.check('[data-testid=remember]');
      await until(() => page.evaluate(() => localStorage.getItem('jwt-debugger.remember') === '1'), 'remember to be stored');
      const remembered = await page.context().newPage();
      await openApp(remembered, baseUrl);
      await payloadShows(remembered, 'tab-user');

      await page.click('[data-testid=forget]');
      assertEqual(await page.evaluate(() => Object.keys(localStorage).length), 0, 'local storage after Forget');
    },
  },
  {
    name: 'after one visit the app loads and works with the network off',
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      await swReady(page);
      await page.context().setOffline(true);
      try {
        await page.reload();
        await headerShows(page, HEADER);
        await waitStatus(page, 'valid');
        await setToken(page, tokenWith('offline-user'));
        await payloadShows(page, 'offline-user');
        await waitStatus(page, 'invalid');
        await verifiesInWorker(page, 'offline-rsa-user');
      } finally {
        await page.context().setOffline(false);
      }
    },
  },
  {
    name: 'no request goes to another origin, and none at all after load',
    run: async ({ page, baseUrl }) => {
      const requests = [];
      page.context().on('request', (r) => requests.push(r.url()));
      await openApp(page, baseUrl);
      await waitStatus(page, 'valid');
      await swReady(page);
      await workerReady(page);
      const loaded = requests.length;
      assert(requests.every((u) => u.startsWith(`${baseUrl}/`)), `requests to other origins: ${requests.filter((u) => !u.startsWith(baseUrl))}`);
      // Use the app: decode, verify with a secret, a PEM and a JWK, share.
      await setToken(page, tokenWith('quiet-user'));
      await payloadShows(page, 'quiet-user');
      await setKey(page, 'another secret');
      await waitStatus(page, 'invalid');
      await setKey(page, '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}');
      await waitStatus(page, 'invalid');
      await verifiesInWorker(page, 'quiet-rsa-user');
      await page.click('[data-testid=theme-toggle]');
      await page.waitForTimeout(500);
      assertEqual(JSON.stringify(requests.slice(loaded)), '[]', 'requests after load');
    },
  },
  {
    name: 'the same files work under a sub-path',
    // It loads the app, verifies in the worker and waits for the service
    // worker to install: past 30 s on a loaded machine, so its own waits
    // (which say what they waited for) get the time to report.
    timeoutMs: 60000,
    run: async ({ page }) => {
      const root = await mkdtemp(path.join(tmpdir(), 'jwt-subpath-'));
      await mkdir(path.join(root, 'tools'));
      await symlink(distDir, path.join(root, 'tools', 'jwt'));
      const server = await startServer(root);
      try {
        const base = `${baseUrlOf(server)}/tools/jwt`;
        const failed = [];
        page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
        await openApp(page, base);
        await headerShows(page, HEADER);
        await waitStatus(page, 'valid');
        await verifiesInWorker(page, 'subpath-rsa-user');
        await swReady(page);
        assertEqual(JSON.stringify(failed), '[]', 'failed requests under the sub-path');
        const scope = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
        assertEqual(scope, `${base}/sw.js`, 'service worker under the sub-path');
      } finally {
        await stopServer(server);
      }
    },
  },
  {
    name: 'a new deployment is picked up on the next load',
    run: async ({ page }) => {
      const root = await mkdtemp(path.join(tmpdir(), 'jwt-deploy-'));
      await cp(distDir, root, { recursive: true });
      const server = await startServer(root);
      try {
        const base = baseUrlOf(server);
        await openApp(page, base);
        await swReady(page);
        assertEqual(await page.title(), 'JWT Debugger', 'title of the first deployment');
        const index = path.join(root, 'index.html');
        await writeFile(index, (await readFile(index, 'utf8')).replace('<title>JWT Debugger</title>', '<title>JWT Debugger (new)</title>'));
        await page.reload();
        await headerShows(page, HEADER);
        assertEqual(await page.title(), 'JWT Debugger (new)', 'title after the next load');
      } finally {
        await stopServer(server);
      }
    },
  },
  {
    name: 'the single-file build works from file:// with no request at all',
    run: async ({ page }) => {
      const requests = [];
      page.context().on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      await page.goto(`file://${path.join(distDir, 'jwt-debugger.html')}`);
      await headerShows(page, HEADER);
      await waitStatus(page, 'valid');
      await setToken(page, tokenWith('file-user'));
      await payloadShows(page, 'file-user');
      await waitStatus(page, 'invalid');
      // The crypto worker runs from a Blob URL made in the page: not a request.
      await verifiesInWorker(page, 'file-rsa-user');
      const network = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
      assertEqual(JSON.stringify(network), '[]', 'network requests from the single file');
      assert(requests.some((u) => u.startsWith('blob:')), 'the crypto worker was not started from a Blob URL');
    },
  },
];
