// In-browser verification time per algorithm (not part of `make test`).
//
//   node tests/e2e/bench-verify.mjs [runs]     # default 30 timed runs per alg
//
// For each of the 13 JWS algorithms it makes two keys A and B (node:crypto)
// and tokens tA, tB signed by them. Run i loads the token of key X (i even:
// A, odd: B) while the other key is still in the key box (verdict `invalid`),
// then, inside the page, times with performance.now() from dispatching the
// key box's `input` event with key X to `[data-testid=verify-status]`
// reaching `data-status="valid"` (seen by a MutationObserver). Every timed run
// therefore really re-parses the key and re-verifies. Prints median and p95.
//
// Key forms: HMAC 64-byte secret as hex (encoding `hex`), the others an SPKI
// PEM public key. Same server and Chromium setup as run.mjs (harness.mjs).
// Env: E2E_DIST, CHROMIUM as for run.mjs.

import { distDir, isFile, startServer, baseUrlOf, launchBrowser } from './harness.mjs';
import { openApp, setEncoding, setToken, waitStatus, KEY_INPUT, VERIFY_STATUS } from './lib.mjs';
import { ALG_NAMES, ALGS, generateKey, signToken, spkiPem } from './jws.mjs';

const RUNS = Number(process.argv[2] ?? 30);
const WARMUP = 2;

/** The key box text for `key`. */
function keyText(alg, key) {
  return ALGS[alg].kind === 'hmac' ? key.secret.toString('hex') : spkiPem(key);
}

/** In the page: ms from dispatching `input` with `value` to data-status `valid`. */
function timeKeyInput(page, value) {
  return page.evaluate(
    ({ keySel, statusSel, value }) =>
      new Promise((resolve, reject) => {
        const box = document.querySelector(keySel);
        const status = () => document.querySelector(statusSel)?.getAttribute('data-status');
        if (status() === 'valid') {
          reject(new Error('already valid before the key was entered'));
          return;
        }
        let t0 = 0;
        let tDispatched = 0;
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no valid verdict within 10 s (status ${status()})`));
        }, 10000);
        const done = () => {
          const t1 = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          resolve({ total: t1 - t0, dispatch: tDispatched - t0 });
        };
        const observer = new MutationObserver(() => {
          if (status() === 'valid') done();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
        t0 = performance.now();
        box.value = value;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        tDispatched = performance.now();
      }),
    { keySel: KEY_INPUT, statusSel: VERIFY_STATUS, value },
  );
}

function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function benchAlg(browser, baseUrl, alg) {
  const keys = [generateKey(alg), generateKey(alg)];
  const tokens = keys.map((k, i) => signToken(alg, k, { payload: { sub: `bench-${i}`, exp: 4102444800 } }));
  const texts = keys.map((k) => keyText(alg, k));

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  try {
    await openApp(page, baseUrl);
    if (ALGS[alg].kind === 'hmac') await setEncoding(page, 'hex');
    // Start with key B in the box so the first run (token A, key A) goes invalid -> valid.
    await page.evaluate(
      ({ sel, v }) => {
        const el = document.querySelector(sel);
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      { sel: KEY_INPUT, v: texts[1] },
    );
    const totals = [];
    const dispatches = [];
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      const x = i % 2;
      await setToken(page, tokens[x]);
      await waitStatus(page, 'invalid');
      const { total, dispatch } = await timeKeyInput(page, texts[x]);
      if (i >= WARMUP) {
        totals.push(total);
        dispatches.push(dispatch);
      }
    }
    if (errors.length) throw new Error(errors.join('\n'));
    totals.sort((a, b) => a - b);
    dispatches.sort((a, b) => a - b);
    return {
      alg,
      median: percentile(totals, 50),
      p95: percentile(totals, 95),
      min: totals[0],
      max: totals[totals.length - 1],
      dispatchMedian: percentile(dispatches, 50),
    };
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  if (!(await isFile(`${distDir}/index.html`))) {
    console.error(`bench: ${distDir}/index.html not found; build it first (make dist)`);
    return 2;
  }
  const server = await startServer(distDir);
  const baseUrl = baseUrlOf(server);
  const browser = await launchBrowser();
  console.log(`bench: ${distDir} in Chromium ${browser.version()}; ${RUNS} timed runs per alg (+${WARMUP} warm-up), alternating two keys/tokens`);
  console.log('time = performance.now() from dispatching the key `input` event to data-status="valid" (MutationObserver)');
  console.log('dispatch = part of it spent inside dispatchEvent (synchronous work)\n');
  const fmt = (n) => n.toFixed(2).padStart(9);
  console.log(`${'alg'.padEnd(6)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'min ms'.padStart(9)} ${'max ms'.padStart(9)} ${'dispatch'.padStart(9)}`);
  let failed = 0;
  try {
    for (const alg of ALG_NAMES) {
      try {
        const r = await benchAlg(browser, baseUrl, alg);
        console.log(`${alg.padEnd(6)} ${fmt(r.median)} ${fmt(r.p95)} ${fmt(r.min)} ${fmt(r.max)} ${fmt(r.dispatchMedian)}`);
      } catch (err) {
        failed += 1;
        console.log(`${alg.padEnd(6)} FAILED: ${err.message}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
