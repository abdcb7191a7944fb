// Signing and key-generation benchmark of the release build in dist/, as a
// user feels it, in the encoder:
//
//   1. Signing: a payload edit until the new token is painted in
//      `encoder-output`, per algorithm (HMAC on the page, the rest in the
//      crypto worker), against a static page that paints its input the same
//      way (the floor: what the browser alone spends on an edit).
//   2. Key generation: a click on `generate-key` until the public key is
//      painted, per key type (median of several runs), with the longest
//      main-thread task during each run (RSA-4096 above all: it must not
//      freeze the page).
//   3. The well-known-secret check: a click on `crack-secret` until "not
//      found" is painted, for a token whose secret is not on the list (the
//      whole list is tried); the first run includes fetching the list.
//   4. Decryption: a key pasted until `jwe-status` shows `decrypted`, per
//      key-management family (JWEs made by node:crypto), in the crypto
//      worker, with the longest main-thread task.
//   5. Validation: a setting typed until `validation-status` is painted
//      again, in the validation worker (the first run loads it).
//   6. The newer algorithms (Ed448, ML-DSA-44/65/87), with a key generated
//      in the page: payload edits until the new token is painted, then the
//      public JWK pasted in the decoder until `verify-status` is `valid`,
//      each with the longest main-thread task.
//
//   node tests/bench/signing.mjs      # prints tables, writes bench-out/signing.json
//
// It reports; it does not judge. Exit 2 when the app does not load.
// Env: E2E_DIST, CHROMIUM (tests/e2e/harness.mjs), BENCH_SIGN_RUNS (edits
// per algorithm, default 15), BENCH_RSA4096_RUNS (default 3), BENCH_OUT.

import crypto from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { baseUrlOf, distDir, isFile, launchBrowser, repoRoot, startServer } from '../e2e/harness.mjs';
import { ALG_NAMES, generateKey, pkcs8Pem } from '../e2e/jws.mjs';
import { familyCases } from '../e2e/jwe_tools.mjs';
import { ms, stats, table } from './report.mjs';

const SIGN_RUNS = Math.max(5, Number(process.env.BENCH_SIGN_RUNS ?? 15));
const RSA4096_RUNS = Math.max(1, Number(process.env.BENCH_RSA4096_RUNS ?? 3));
const outDir = path.resolve(process.env.BENCH_OUT ?? path.join(repoRoot, 'bench-out'));

const GENERATIONS = [
  { label: 'RSA 2048', alg: 'RS256', bits: '2048', runs: 5 },
  { label: 'RSA 3072', alg: 'RS256', bits: '3072', runs: 3 },
  { label: 'RSA 4096', alg: 'RS256', bits: '4096', runs: RSA4096_RUNS },
  { label: 'EC P-256', alg: 'ES256', runs: 7 },
  { label: 'EC P-384', alg: 'ES384', runs: 7 },
  { label: 'EC P-521', alg: 'ES512', runs: 7 },
  { label: 'Ed25519', alg: 'EdDSA', runs: 7 },
  { label: 'HMAC 256-bit secret', alg: 'HS256', runs: 7 },
  { label: 'Ed448', alg: 'Ed448', runs: 5 },
  { label: 'ML-DSA-44', alg: 'ML-DSA-44', runs: 5 },
  { label: 'ML-DSA-65', alg: 'ML-DSA-65', runs: 5 },
  { label: 'ML-DSA-87', alg: 'ML-DSA-87', runs: 5 },
];

// Signed and verified with a key the page generates (Node 20 has no ML-DSA).
const NEWER = ['Ed448', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];


// Installed before any page script: long tasks are collected from the start.
const LONGTASKS = () => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    window.__longtasks = null;
  }
};

/**
 * In the page: sets `inputSel`'s value, fires `input`, waits until
 * `outputSel`'s text differs from before, then for the frame that paints it.
 * Returns the milliseconds from the input event to after that paint.
 */
function timedEdit({ inputSel, outputSel, value, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const input = document.querySelector(inputSel);
    const before = document.querySelector(outputSel)?.textContent ?? null;
    const start = performance.now();
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
    const changed = () => {
      const now = document.querySelector(outputSel)?.textContent ?? null;
      return now !== null && now !== before;
    };
    const observer = new MutationObserver(() => {
      if (changed()) {
        observer.disconnect();
        done();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${outputSel} did not change within ${timeoutMs} ms`));
    }, timeoutMs);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/**
 * In the page: sets `inputSel` to `value` (an input event, as typing does)
 * and times it until `statusSel`'s data-status is one of `want` and painted,
 * with the longest main-thread task meanwhile.
 */
function timedStatus({ inputSel, value, statusSel, want, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const timer = setInterval(() => {
      const status = document.querySelector(statusSel)?.getAttribute('data-status');
      if (!want.includes(status)) return;
      clearInterval(timer);
      requestAnimationFrame(() =>
        setTimeout(() => {
          const end = performance.now();
          const tasks = (window.__longtasks ?? []).filter((t) => t.start + t.duration >= start && t.start <= end);
          resolve({ ms: end - start, longest: Math.max(0, ...tasks.map((t) => t.duration)) });
        }, 0),
      );
    }, 1);
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`${statusSel} did not become ${want} within ${timeoutMs} ms`));
    }, timeoutMs);
    const input = document.querySelector(inputSel);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/**
 * Waits until the encoder's output is an `alg` token, then times
 * SIGN_RUNS payload edits (after two that warm the code paths up).
 */
async function timedSigning(page, alg) {
  await page.waitForFunction(
    (a) => {
      const t = document.querySelector('[data-testid=encoder-output]')?.textContent;
      return t && JSON.parse(atob(t.split('.')[0].replace(/-/g, '+').replace(/_/g, '/'))).alg === a;
    },
    alg,
    { timeout: 20000 },
  );
  const times = [];
  for (let i = 0; i < SIGN_RUNS + 2; i++) {
    const t = await page.evaluate(timedEdit, {
      inputSel: '[data-testid=encoder-payload]',
      outputSel: '[data-testid=encoder-output]',
      value: `{"sub": "bench", "n": ${i}, "r": "${crypto.randomBytes(4).toString('hex')}"}`,
      timeoutMs: 20000,
    });
    if (i >= 2) times.push(t);
  }
  return times;
}

/** In the page: clicks generate-key and times it until the key is painted. */
function timedGenerate({ timeoutMs, isSecret }) {
  return new Promise((resolve, reject) => {
    const key = document.querySelector('[data-testid=encoder-key]');
    const before = key.value;
    const start = performance.now();
    const ready = () =>
      key.value !== before && (isSecret || document.querySelector('[data-testid=generated-public-key] pre'));
    const timer = setInterval(() => {
      if (!ready()) return;
      clearInterval(timer);
      requestAnimationFrame(() =>
        setTimeout(() => {
          const end = performance.now();
          const tasks = (window.__longtasks ?? []).filter((t) => t.start + t.duration >= start && t.start <= end);
          resolve({ ms: end - start, longest: Math.max(0, ...tasks.map((t) => t.duration)), longtasks: window.__longtasks !== null });
        }, 0),
      );
    }, 5);
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no key within ${timeoutMs} ms`));
    }, timeoutMs);
    document.querySelector('[data-testid=generate-key]').click();
  });
}

const STATIC_PAGE = `<!doctype html><meta charset="utf-8"><title>floor</title>
<textarea data-testid="encoder-payload"></textarea><pre data-testid="encoder-output"></pre>
<script>
const area = document.querySelector('textarea'), out = document.querySelector('pre');
area.addEventListener('input', () => { out.textContent = btoa(area.value); });
</script>`;

async function main() {
  if (!(await isFile(path.join(distDir, 'index.html')))) {
    console.error(`signing bench: ${distDir}/index.html is missing; run \`make dist\` first`);
    process.exit(2);
  }
  const staticDir = await mkdtemp(path.join(os.tmpdir(), 'jwt-sign-floor-'));
  await writeFile(path.join(staticDir, 'index.html'), STATIC_PAGE);
  const app = await startServer(distDir);
  const floorServer = await startServer(staticDir);
  const browser = await launchBrowser();
  const results = { signing: [], generation: [], sweep: [], decryption: [], validation: [], newer: [] };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(LONGTASKS);
    const page = await context.newPage();

    // The floor: a static page painting a change of the same size.
    await page.goto(`${baseUrlOf(floorServer)}/`);
    const floor = [];
    for (let i = 0; i < SIGN_RUNS; i++) {
      floor.push(
        await page.evaluate(timedEdit, {
          inputSel: '[data-testid=encoder-payload]',
          outputSel: '[data-testid=encoder-output]',
          value: `{"sub": "bench", "n": ${i}}`,
          timeoutMs: 5000,
        }),
      );
    }
    results.floor = stats(floor);

    await page.goto(`${baseUrlOf(app)}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-crypto-worker-ms'), null, { timeout: 20000 });
    await page.click('[data-testid=mode-encode]');
    await page.waitForSelector('[data-testid=encoder-output]');

    // 1. Signing per algorithm.
    for (const alg of ALG_NAMES) {
      const key = generateKey(alg);
      await page.selectOption('[data-testid=encoder-alg]', alg);
      if (key.secret) {
        await page.selectOption('[data-testid=encoder-secret-encoding]', 'hex');
        await page.fill('[data-testid=encoder-key]', key.secret.toString('hex'));
      } else {
        await page.fill('[data-testid=encoder-key]', pkcs8Pem(key));
      }
      const times = await timedSigning(page, alg);
      results.signing.push({ alg, where: key.secret ? 'page' : 'worker', ...stats(times) });
    }

    // 2. Key generation.
    for (const g of GENERATIONS) {
      await page.selectOption('[data-testid=encoder-alg]', g.alg);
      if (g.bits) await page.selectOption('[data-testid=generate-key-size]', g.bits);
      const runs = [];
      for (let i = 0; i < g.runs; i++) {
        runs.push(await page.evaluate(timedGenerate, { timeoutMs: 300000, isSecret: g.alg.startsWith('HS') }));
      }
      const s = stats(runs.map((r) => r.ms));
      results.generation.push({
        label: g.label,
        ...s,
        longestTaskMs: runs[0]?.longtasks ? Math.max(...runs.map((r) => r.longest)) : NaN,
      });
    }

    // 6. The newer algorithms: sign with a generated key, then verify it.
    const newerKeys = [];
    for (const alg of NEWER) {
      await page.selectOption('[data-testid=encoder-alg]', alg);
      await page.evaluate(timedGenerate, { timeoutMs: 300000, isSecret: false });
      const from = await page.evaluate(() => performance.now());
      const times = await timedSigning(page, alg);
      const longest = await page.evaluate((start) => {
        const tasks = (window.__longtasks ?? []).filter((t) => t.start + t.duration >= start);
        return Math.max(0, ...tasks.map((t) => t.duration));
      }, from);
      const token = await page.textContent('[data-testid=encoder-output]');
      const jwk = await page.$$eval('[data-testid=generated-public-key] pre', (els) => els.map((e) => e.textContent)[1]);
      newerKeys.push({ alg, token, jwk });
      results.newer.push({ alg, sign: { ...stats(times), longest } });
    }
    await page.click('[data-testid=mode-decode]');
    for (const { alg, token, jwk } of newerKeys) {
      await page.fill('[data-testid=key-input]', '');
      await page.fill('[data-testid=token-input]', token);
      const runs = [];
      for (let i = 0; i < 9; i++) {
        await page.fill('[data-testid=key-input]', '');
        await page.waitForSelector('[data-testid=verify-status][data-status=no-key]');
        runs.push(await page.evaluate(timedStatus, { inputSel: '[data-testid=key-input]', value: jwk, statusSel: '[data-testid=verify-status]', want: ['valid'], timeoutMs: 30000 }));
      }
      const entry = results.newer.find((r) => r.alg === alg);
      entry.verify = { ...stats(runs.slice(1).map((r) => r.ms)), longest: Math.max(...runs.map((r) => r.longest)) };
    }
    await page.fill('[data-testid=key-input]', '');

    // 3. The well-known-secret check over the whole list.
    await page.click('[data-testid=mode-decode]');
    const secret = crypto.randomBytes(32);
    const input = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"bench"}').toString('base64url')}`;
    const token = `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
    await page.fill('[data-testid=token-input]', token);
    await page.waitForSelector('[data-testid=crack-secret]');
    for (let i = 0; i < 6; i++) {
      const run = await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const start = performance.now();
            const timer = setInterval(() => {
              const el = document.querySelector('[data-testid=crack-result]');
              const status = el?.getAttribute('data-status');
              if (status === 'running' || !status) return;
              clearInterval(timer);
              requestAnimationFrame(() =>
                setTimeout(() => {
                  const end = performance.now();
                  const tasks = (window.__longtasks ?? []).filter((t) => t.start + t.duration >= start && t.start <= end);
                  resolve({ status, text: el.textContent, ms: end - start, longest: Math.max(0, ...tasks.map((t) => t.duration)) });
                }, 0),
              );
            }, 2);
            setTimeout(() => reject(new Error('the check did not finish in 60 s')), 60000);
            document.querySelector('[data-testid=crack-secret]').click();
          }),
      );
      if (run.status !== 'not-found') throw new Error(`the check said ${run.status}: ${run.text}`);
      results.sweep.push({ ...run, tried: Number(/(\d+) well-known/.exec(run.text)?.[1]) });
    }

    // 4. Decryption per key-management family.
    const DECRYPT_RUNS = 7;
    for (const c of [...familyCases(), ...familyCases({ p2c: 600000 }).filter((x) => x.family.startsWith('PBES2'))]) {
      await page.fill('[data-testid=token-input]', c.token);
      const runs = [];
      for (let i = 0; i < DECRYPT_RUNS; i++) {
        await page.fill('[data-testid=key-input]', '');
        await page.waitForSelector('[data-testid=jwe-status][data-status=no-key]');
        runs.push(await page.evaluate(timedStatus, { inputSel: '[data-testid=key-input]', value: c.key, statusSel: '[data-testid=jwe-status]', want: ['decrypted'], timeoutMs: 30000 }));
      }
      results.decryption.push({ family: c.family, ...stats(runs.map((r) => r.ms)), longest: Math.max(...runs.map((r) => r.longest)) });
    }

    // 5. Validation: a typed issuer until the verdict is painted again.
    const vSecret = 'validation-bench-secret-0123456789';
    const vInput = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"bench","iss":"https://issuer.example"}').toString('base64url')}`;
    await page.fill('[data-testid=token-input]', `${vInput}.${crypto.createHmac('sha256', vSecret).update(vInput).digest('base64url')}`);
    await page.fill('[data-testid=key-input]', vSecret);
    await page.selectOption('[data-testid=secret-encoding]', 'utf8');
    await page.click('[data-testid=mode-validate]');
    await page.waitForSelector('[data-testid=expect-iss]');
    for (let i = 0; i < 12; i++) {
      const want = i % 2 === 0 ? ['rejected'] : ['accepted'];
      const value = i % 2 === 0 ? `https://issuer-${i}.example` : 'https://issuer.example';
      const run = await page.evaluate(timedStatus, { inputSel: '[data-testid=expect-iss]', value, statusSel: '[data-testid=validation-status]', want, timeoutMs: 30000 });
      results.validation.push(run);
    }
  } finally {
    await browser.close();
    app.close();
    floorServer.close();
    await rm(staticDir, { recursive: true, force: true });
  }

  table(
    `Signing: payload edit until the new token is painted (${SIGN_RUNS} runs each; floor = static page, median ${ms(results.floor.median)} ms)`,
    ['alg', 'where', 'median ms', 'p95 ms', 'max ms', 'median over floor'],
    results.signing.map((r) => [r.alg, r.where, ms(r.median), ms(r.p95), ms(r.max), ms(r.median - results.floor.median)]),
  );
  table(
    'Key generation: click until the key is painted (in its own worker)',
    ['key', 'runs', 'median ms', 'max ms', 'longest main-thread task ms'],
    results.generation.map((r) => [r.label, r.n, ms(r.median), ms(r.max), ms(r.longestTaskMs)]),
  );
  const later = stats(results.sweep.slice(1).map((r) => r.ms));
  table(
    'Well-known-secret check: click until "not found" is painted (whole list, crypto worker)',
    ['run', 'secrets tried', 'ms', 'longest main-thread task ms'],
    [
      ['first (fetches the list)', results.sweep[0]?.tried, ms(results.sweep[0]?.ms), ms(results.sweep[0]?.longest)],
      [`next ${later.n} (median / max)`, results.sweep[1]?.tried, `${ms(later.median)} / ${ms(later.max)}`, ms(Math.max(...results.sweep.slice(1).map((r) => r.longest)))],
    ],
  );
  table(
    'Decryption: a key pasted until jwe-status says decrypted (crypto worker; JWEs made by node:crypto)',
    ['key management', 'runs', 'median ms', 'max ms', 'longest main-thread task ms'],
    results.decryption.map((r) => [r.family, r.n, ms(r.median), ms(r.max), ms(r.longest)]),
  );
  table(
    'Newer algorithms: a payload edit until the new token is painted, and the public JWK pasted until verify-status is valid (crypto worker; key generated in the page)',
    ['alg', 'sign median ms', 'sign max ms', 'longest task while signing ms', 'verify median ms', 'verify max ms', 'longest task while verifying ms'],
    results.newer.map((r) => [r.alg, ms(r.sign.median), ms(r.sign.max), ms(r.sign.longest), ms(r.verify?.median), ms(r.verify?.max), ms(r.verify?.longest)]),
  );
  const validated = stats(results.validation.slice(1).map((r) => r.ms));
  table(
    'Validation: an issuer typed until validation-status is painted again (validation worker)',
    ['run', 'ms', 'longest main-thread task ms'],
    [
      ['first (loads the worker)', ms(results.validation[0]?.ms), ms(results.validation[0]?.longest)],
      [`next ${validated.n} (median / max)`, `${ms(validated.median)} / ${ms(validated.max)}`, ms(Math.max(...results.validation.slice(1).map((r) => r.longest)))],
    ],
  );
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'signing.json'), JSON.stringify(results, null, 2));
  console.log(`\nsigning bench: wrote ${path.relative(repoRoot, path.join(outDir, 'signing.json'))}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
