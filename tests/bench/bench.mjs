// Performance benchmark of the release build in dist/: download size, time to
// first decoded payload (against a static-HTML floor), input-to-render latency
// for 1 KB / 100 KB / 1 MB tokens, and key-parse + verify time for RS256 with
// SPKI PEM, X.509 certificate and a 10-key JWKS.
//
//   node tests/bench/bench.mjs          # prints tables, writes bench-out/bench.json
//
// It reports; it does not judge: a missed target still exits 0. Exit 2 when
// dist/ is missing or the app does not load, 1 when a section could not be
// measured (e.g. the verdict never became `valid`).
//
// Env: E2E_DIST, CHROMIUM (see tests/e2e/harness.mjs), BENCH_LOADS (fresh
// loads per page in section 2, default 15), BENCH_OUT (default <repo>/bench-out).
//
// Drives the page only through the UI contract hooks (shared ui-contract.md).
// Timing is taken inside the page with performance.now(); node only starts
// runs and collects the numbers, so CDP round trips are not measured.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { cp, mkdtemp, mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { baseUrlOf, distDir as liveDistDir, isFile, launchBrowser, repoRoot, startServer } from '../e2e/harness.mjs';

// Everything is measured on a snapshot of dist/ taken at start, so a rebuild
// during the run cannot mix two builds.
let distDir = liveDistDir;

const IDLE_MS = 3000;
const LOADS = Math.max(10, Number(process.env.BENCH_LOADS ?? 15));
const outDir = path.resolve(process.env.BENCH_OUT ?? path.join(repoRoot, 'bench-out'));

const SEL = {
  token: '[data-testid=token-input]',
  payload: '[data-testid=payload-json]',
  header: '[data-testid=header-json]',
  key: '[data-testid=key-input]',
  status: '[data-testid=verify-status]',
};

const TARGETS = {
  totalGzipBytes: 300 * 1000, // "300 KB": 1 KB = 1000 bytes (the stricter reading)
  firstPayloadOverFloorMs: 100,
  input1kP95Ms: 16,
  input1mMs: 300,
};

// ---------------------------------------------------------------- utilities

function quantile(sorted, p) {
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
  return { n: s.length, min: s[0], median, p90: quantile(s, 0.9), p95: quantile(s, 0.95), max: s[s.length - 1] };
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const kb = (bytes) => (bytes / 1000).toFixed(1);
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

function table(title, columns, rows) {
  const cells = [columns, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  // First column left-aligned (names), the rest right-aligned (numbers).
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

async function listFiles(dir, prefix = '') {
  const out = [];
  for (const ent of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${ent.name}` : ent.name;
    if (ent.isDirectory()) out.push(...(await listFiles(path.join(dir, ent.name), rel)));
    else if (ent.isFile()) out.push(rel);
  }
  return out.sort();
}

function htmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A path as shown to people: relative to the repo when inside it. */
const shown = (p) => (p.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, p) : p);

const b64url = (data) => Buffer.from(data).toString('base64url');

// ------------------------------------------------------------ in-page code

// Installed before any page script: records performance.now() (relative to
// navigation start) when payload-json first has non-empty text. A
// MutationObserver catches the DOM change itself; rAF polling is the fallback.
// Then waits two frames to approximate when that content was painted.
function firstPayloadProbe(selector) {
  const bench = { firstPayload: null, painted: null, via: null };
  window.__bench = bench;
  const hasText = () => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.trim() !== '') return true;
    return false;
  };
  const found = (via) => {
    bench.firstPayload = performance.now();
    bench.via = via;
    requestAnimationFrame(() => requestAnimationFrame(() => (bench.painted = performance.now())));
  };
  const mo = new MutationObserver(() => {
    if (bench.firstPayload === null && hasText()) {
      found('mutation');
      mo.disconnect();
    }
  });
  mo.observe(document, { childList: true, subtree: true, characterData: true });
  const tick = () => {
    if (bench.firstPayload !== null) return;
    if (hasText()) {
      found('raf');
      mo.disconnect();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

// Runs in the page: installs helpers used by the input and key sections.
function installPageHelpers() {
  window.__benchData = {};
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    window.__longtaskSupported = true;
  } catch {
    window.__longtaskSupported = false;
  }

  // Text at the start of `el`, at most `limit` characters, without building
  // the whole textContent of a 1 MB document.
  const prefixText = (el, limit) => {
    let acc = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && acc.length < limit; n = walker.nextNode()) acc += n.data;
    return acc;
  };

  const predicates = {
    payloadHas: (marker) => () => {
      const el = document.querySelector('[data-testid=payload-json]');
      return !!el && prefixText(el, 4096).includes(marker);
    },
    headerHas: (text) => () => {
      const el = document.querySelector('[data-testid=header-json]');
      return !!el && el.textContent.includes(text);
    },
    statusIs: (status) => () =>
      document.querySelector('[data-testid=verify-status]')?.getAttribute('data-status') === status,
    statusIsNot: (status) => () => {
      const s = document.querySelector('[data-testid=verify-status]')?.getAttribute('data-status');
      return s != null && s !== status;
    },
  };

  // Sets a textarea's value from __benchData[dataKey], fires `input`, and
  // resolves with { render, frame, frameDone, paint } in ms after the set:
  //   render:    the DOM satisfies the predicate (MutationObserver, or synchronously)
  //   frame:     the first animation frame that sees it (rAF callback)
  //   frameDone: that frame's main-thread rendering (style, layout, paint) is
  //              done: a message posted from the rAF callback is delivered
  //   paint:     the next frame's rAF (double rAF): an upper bound, about one
  //              frame interval later than frameDone
  window.__benchSet = ({ selector, dataKey, predicate, arg, timeoutMs }) =>
    new Promise((resolve, reject) => {
      const area = document.querySelector(selector);
      if (!area) {
        reject(new Error(`${selector} not found`));
        return;
      }
      const ok = predicates[predicate](arg);
      const value = window.__benchData[dataKey] ?? '';
      let tRender = null;
      const mo = new MutationObserver(() => {
        if (tRender === null && ok()) {
          tRender = performance.now();
          mo.disconnect();
        }
      });
      mo.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      const t0 = performance.now();
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      if (ok()) {
        tRender = performance.now();
        mo.disconnect();
      }
      const tick = () => {
        const now = performance.now();
        if (tRender === null && ok()) {
          tRender = now;
          mo.disconnect();
        }
        if (tRender !== null) {
          const tFrame = now;
          // A message posted from inside the frame is delivered once that
          // frame's style, layout and paint work on the main thread is done.
          let tFrameDone = null;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            tFrameDone = performance.now();
            channel.port1.close();
          };
          channel.port2.postMessage(0);
          requestAnimationFrame(() => {
            const tPaint = performance.now();
            const finish = () =>
              resolve({ render: tRender - t0, frame: tFrame - t0, frameDone: tFrameDone - t0, paint: tPaint - t0, start: t0 });
            if (tFrameDone !== null) finish();
            else setTimeout(function wait() { if (tFrameDone !== null) finish(); else setTimeout(wait, 1); }, 1);
          });
          return;
        }
        if (now - t0 > timeoutMs) {
          mo.disconnect();
          const status = document.querySelector('[data-testid=verify-status]');
          reject(
            new Error(
              `${predicate}(${arg}) not reached within ${timeoutMs} ms; verify-status=` +
                `${status?.getAttribute('data-status')} "${(status?.textContent ?? '').slice(0, 200)}"`,
            ),
          );
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });

  window.__maxLongtask = (from, to) => {
    let max = 0;
    let count = 0;
    for (const t of window.__longtasks) {
      if (t.start >= from && t.start <= to) {
        count += 1;
        max = Math.max(max, t.duration);
      }
    }
    return { max, count };
  };
}

// ------------------------------------------------------------------ browser

const pageProblems = [];

function watchPage(page, label) {
  page.on('pageerror', (err) => pageProblems.push(`${label}: page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageProblems.push(`${label}: console.error: ${msg.text()}`);
  });
  page.on('crash', () => pageProblems.push(`${label}: page crashed`));
}

async function freshContext(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page };
}

/** One fresh load; returns { firstPayload, painted, fcp, via } in ms since navigation start. */
async function timeFirstPayload(browser, url, label, { requests, settleMs = 0 } = {}) {
  const { context, page } = await freshContext(browser);
  watchPage(page, label);
  if (requests) context.on('request', (r) => requests.push({ url: r.url(), byServiceWorker: !!r.serviceWorker() }));
  try {
    await page.addInitScript(firstPayloadProbe, SEL.payload);
    await page.goto(url, { waitUntil: 'commit', timeout: 30000 });
    await page.waitForFunction(() => window.__bench && window.__bench.painted !== null, null, {
      polling: 'raf',
      timeout: 30000,
    });
    // Paint timing entries are reported after the frame is presented; give them a moment.
    await page
      .waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 3000 })
      .catch(() => {});
    // Late fetches (favicon, manifest, a service worker's precache) of a first visit.
    if (settleMs) await page.waitForTimeout(settleMs);
    return await page.evaluate(() => ({
      ...window.__bench,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      // When the last byte of the wasm arrived (app only): splits download from compile + start + render.
      wasmResponseEnd: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd ?? null,
      payloadText: document.querySelector('[data-testid=payload-json]').textContent,
    }));
  } finally {
    await context.close().catch(() => {});
  }
}

// ----------------------------------------------------------------- section 1

async function measureBytes(firstVisit) {
  const files = await listFiles(distDir);
  const rows = [];
  for (const rel of files) {
    const body = await readFile(path.join(distDir, rel));
    const gzip = zlib.gzipSync(body, { level: 9 }).length;
    const brotli = zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }).length;
    const how = firstVisit.get(rel) ?? 'no';
    rows.push({ file: rel, raw: body.length, gzip, brotli, firstVisit: how, counted: ['page', 'sw precache', 'linked (manifest/sw)'].includes(how) });
  }
  const sum = (list) => ({
    raw: list.reduce((a, r) => a + r.raw, 0),
    gzip: list.reduce((a, r) => a + r.gzip, 0),
    brotli: list.reduce((a, r) => a + r.brotli, 0),
  });
  const total = sum(rows.filter((r) => r.counted));
  const pageOnly = sum(rows.filter((r) => r.firstVisit === 'page'));
  return { files: rows, firstVisitTotal: total, pageTotal: pageOnly, target: { gzipBytes: TARGETS.totalGzipBytes, pass: total.gzip <= TARGETS.totalGzipBytes } };
}

/**
 * dist-relative path -> how a first visit involves it: 'page' (the page
 * fetched it), 'sw precache' (only the service worker fetched it, when it
 * installed), 'linked (manifest/sw)' (index.html links a web app manifest or
 * service worker that was not seen fetched; browsers fetch these when they
 * decide to; counted), or 'linked only' (referenced, not fetched, e.g.
 * apple-touch-icon; not counted). Each file counts once, as with a server
 * that lets the HTTP cache answer the service worker's second request.
 */
async function firstVisitSet(requests, baseUrl) {
  const fetched = new Map([['index.html', 'page']]);
  const linked = new Set();
  for (const { url, byServiceWorker } of requests) {
    if (!url.startsWith(`${baseUrl}/`)) continue;
    let rel = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '');
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    if (!(await isFile(path.join(distDir, rel)))) continue;
    if (!byServiceWorker) fetched.set(rel, 'page');
    else if (!fetched.has(rel)) fetched.set(rel, 'sw precache');
  }
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  for (const m of html.matchAll(/\b(?:href|src|module_or_path:\s*)=?\s*['"]([^'"#?]+)['"]/g)) {
    const ref = m[1];
    if (/^[a-z]+:/i.test(ref) || ref.startsWith('//')) continue;
    const rel = ref.replace(/^\.?\/+/, '');
    if (rel && (await isFile(path.join(distDir, rel)))) linked.add(rel);
  }
  // A service worker registered from the JS is not in index.html's links.
  for (const rel of await listFiles(distDir)) {
    if (/(^|\/)(sw|service-worker)[^/]*\.js$/.test(rel)) linked.add(rel);
  }
  const out = new Map(fetched);
  for (const rel of linked) {
    if (out.has(rel)) continue;
    const manifestOrSw = /\.webmanifest$|(^|\/)manifest\.json$|(^|\/)(sw|service-worker)[^/]*\.js$/.test(rel);
    out.set(rel, manifestOrSw ? 'linked (manifest/sw)' : 'linked only');
  }
  return out;
}

// ----------------------------------------------------------------- section 3

function hs256ShapedToken(targetLen, marker) {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const signature = crypto.randomBytes(32).toString('base64url');
  const claims = { bench_marker: marker, iss: 'https://bench.example.com', sub: 'bench-user', iat: 1767225600, exp: 4102444800 };
  // Fill with claims of long string values (and a few numbers/arrays) until
  // the token reaches the target length. base64url grows the JSON by 4/3.
  const rnd = crypto.randomBytes(Math.ceil(targetLen)).toString('base64url');
  let i = 0;
  let offset = 0;
  const lengthNow = () => header.length + 1 + Math.ceil((JSON.stringify(claims).length * 4) / 3) + 1 + signature.length;
  while (lengthNow() < targetLen) {
    const remaining = targetLen - lengthNow();
    const chunk = Math.max(1, Math.min(200, Math.floor((remaining * 3) / 4) - 16));
    if (i % 10 === 9) claims[`n_${i}`] = [i, i * 1.5, true, null];
    else claims[`c_${i}`] = rnd.slice(offset % (rnd.length - 200), (offset % (rnd.length - 200)) + chunk);
    offset += chunk;
    i += 1;
  }
  return `${header}.${b64url(JSON.stringify(claims))}.${signature}`;
}

// ----------------------------------------------------------------- section 4

function rs256Token(privateKey, kid) {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = b64url(JSON.stringify({ iss: 'https://bench.example.com', sub: 'bench', iat: 1767225600, exp: 4102444800 }));
  const sig = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
  return `${header}.${payload}.${sig}`;
}

async function makeKeys(tmp) {
  const notes = [];
  let privatePem;
  let certPem = null;
  let opensslVersion = null;
  try {
    opensslVersion = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    notes.push('openssl not found: no X.509 certificate case');
  }
  if (opensslVersion) {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '365', '-subj', '/CN=bench'],
      { cwd: tmp, stdio: 'pipe' },
    );
    privatePem = await readFile(path.join(tmp, 'k.pem'), 'utf8');
    certPem = await readFile(path.join(tmp, 'c.pem'), 'utf8');
  } else {
    privatePem = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  }
  const privateKey = crypto.createPrivateKey(privatePem);
  const publicKey = crypto.createPublicKey(privateKey);
  const spkiPem = publicKey.export({ type: 'spki', format: 'pem' });
  const kid = 'bench-key-right';
  const keys = [];
  for (let i = 0; i < 9; i += 1) {
    const decoy = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    keys.push({ kty: 'RSA', kid: `bench-decoy-${i}`, use: 'sig', alg: 'RS256', n: decoy.n, e: decoy.e });
  }
  const right = publicKey.export({ format: 'jwk' });
  // The right key sits between decoys, so taking the first or last key would not do.
  keys.splice(6, 0, { kty: 'RSA', kid, use: 'sig', alg: 'RS256', n: right.n, e: right.e });
  const jwks = JSON.stringify({ keys }, null, 2);
  return { token: rs256Token(privateKey, kid), spkiPem, certPem, jwks, opensslVersion, notes };
}

// --------------------------------------------------------------------- main

async function main() {
  if (!(await isFile(path.join(liveDistDir, 'index.html')))) {
    console.error(`bench: ${shown(liveDistDir)}/index.html not found; build it first (make dist)`);
    return 2;
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'jwt-bench-'));
  distDir = path.join(tmp, 'dist');
  await cp(liveDistDir, distDir, { recursive: true });
  const floorDir = path.join(tmp, 'floor');
  await mkdir(floorDir);
  const appServer = await startServer(distDir);
  const floorServer = await startServer(floorDir);
  const appUrl = `${baseUrlOf(appServer)}/`;
  const floorUrl = `${baseUrlOf(floorServer)}/`;
  const browser = await launchBrowser();
  const result = {
    date: new Date().toISOString(),
    environment: {
      chromium: browser.version(),
      node: process.version,
      cpu: `${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}`,
      loadavgAtStart: os.loadavg().map((v) => +v.toFixed(2)),
      dist: shown(liveDistDir),
      note: 'loopback server, no compression, no network throttling; times from performance.now() in the page',
    },
    targets: TARGETS,
    errors: [],
  };
  console.log(`bench: ${result.environment.dist} (snapshot) at ${appUrl}; Chromium ${result.environment.chromium}; ${result.environment.cpu}; load ${result.environment.loadavgAtStart.join(' ')}`);

  let exitCode = 0;
  try {
    // ---- warm-up load of the app: proves it loads, records what a first visit fetches.
    const requests = [];
    let warm;
    try {
      warm = await timeFirstPayload(browser, appUrl, 'app warm-up', { requests, settleMs: 2000 });
    } catch (err) {
      console.error(`bench: the app did not load: no text in ${SEL.payload}: ${err.message}`);
      for (const p of pageProblems) console.error(`  ${p}`);
      return 2;
    }
    const samplePayload = warm.payloadText;

    // ---- 1. bytes
    const bytes = await measureBytes(await firstVisitSet(requests, baseUrlOf(appServer)));
    result.bytes = bytes;
    table(
      '1. Bytes (dist/; gzip -9, brotli q11; KB = 1000 bytes)',
      ['file', 'first visit', 'raw', 'gzip', 'brotli', 'raw KB', 'gzip KB', 'br KB'],
      [
        ...bytes.files.map((f) => [f.file, f.firstVisit, f.raw, f.gzip, f.brotli, kb(f.raw), kb(f.gzip), kb(f.brotli)]),
        ['total: page', 'page', bytes.pageTotal.raw, bytes.pageTotal.gzip, bytes.pageTotal.brotli,
          kb(bytes.pageTotal.raw), kb(bytes.pageTotal.gzip), kb(bytes.pageTotal.brotli)],
        ['TOTAL first visit', 'page+sw+manifest', bytes.firstVisitTotal.raw, bytes.firstVisitTotal.gzip, bytes.firstVisitTotal.brotli,
          kb(bytes.firstVisitTotal.raw), kb(bytes.firstVisitTotal.gzip), kb(bytes.firstVisitTotal.brotli)],
      ],
    );
    console.log(`target: first-visit total <= ${kb(TARGETS.totalGzipBytes)} KB gzip: ${verdict(bytes.target.pass)} (${kb(bytes.firstVisitTotal.gzip)} KB gzip, ${kb(bytes.firstVisitTotal.brotli)} KB brotli)`);

    // ---- 2. time to first payload vs. a static floor page
    const css = bytes.files.filter((f) => f.counted && f.file.endsWith('.css')).map((f) => f.file);
    for (const c of css) {
      await mkdir(path.dirname(path.join(floorDir, c)), { recursive: true });
      await copyFile(path.join(distDir, c), path.join(floorDir, c));
    }
    await writeFile(
      path.join(floorDir, 'index.html'),
      `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>JWT Debugger (static floor)</title>
${css.map((c) => `  <link rel="stylesheet" href="/${c}" />`).join('\n')}
</head>
<body>
  <pre class="json" data-testid="payload-json">${htmlEscape(samplePayload)}</pre>
</body>
</html>
`,
    );
    try {
      await timeFirstPayload(browser, floorUrl, 'floor warm-up');
      const app = [];
      const floor = [];
      for (let i = 0; i < LOADS; i += 1) {
        // Interleaved, alternating which goes first, so drift hits both alike.
        const order = i % 2 === 0 ? ['app', 'floor'] : ['floor', 'app'];
        for (const which of order) {
          const r = await timeFirstPayload(browser, which === 'app' ? appUrl : floorUrl, `${which} load ${i + 1}`);
          const { payloadText, ...rest } = r;
          (which === 'app' ? app : floor).push(rest);
        }
      }
      const sApp = stats(app.map((r) => r.firstPayload));
      const sFloor = stats(floor.map((r) => r.firstPayload));
      const pApp = stats(app.map((r) => r.painted));
      const pFloor = stats(floor.map((r) => r.painted));
      const fApp = stats(app.map((r) => r.fcp).filter((v) => v != null));
      const fFloor = stats(floor.map((r) => r.fcp).filter((v) => v != null));
      const delta = sApp.median - sFloor.median;
      // Loads i of app and floor ran back to back: their difference cancels slow drift in machine load.
      const paired = stats(app.map((r, i) => r.firstPayload - floor[i].firstPayload));
      const wasmEnd = stats(app.map((r) => r.wasmResponseEnd).filter((v) => v != null));
      const afterWasm = stats(app.filter((r) => r.wasmResponseEnd != null).map((r) => r.firstPayload - r.wasmResponseEnd));
      result.firstPayload = {
        loads: LOADS,
        app: { runs: app, payloadInDom: sApp, painted: pApp, fcp: fApp },
        floor: { runs: floor, payloadInDom: sFloor, painted: pFloor, fcp: fFloor },
        appMinusFloorMedianMs: delta,
        pairedDifference: paired,
        appWasmResponseEnd: wasmEnd,
        appWasmEndToPayload: afterWasm,
        target: { maxMs: TARGETS.firstPayloadOverFloorMs, pass: delta <= TARGETS.firstPayloadOverFloorMs },
      };
      const row = (name, s) => [name, s.n, ms(s.median), ms(s.min), ms(s.p90), ms(s.max)];
      table(
        `2. Time to first payload (ms since navigation start; ${LOADS} fresh loads each, interleaved, cache disabled)`,
        ['page / moment', 'n', 'median', 'min', 'p90', 'max'],
        [
          row('app: wasm downloaded (responseEnd)', wasmEnd),
          row('app: wasm downloaded -> payload in DOM', afterWasm),
          row('app: payload in DOM', sApp),
          row('floor: payload in DOM', sFloor),
          row('app: payload painted (2 rAF)', pApp),
          row('floor: payload painted (2 rAF)', pFloor),
          row('app: first-contentful-paint', fApp),
          row('floor: first-contentful-paint', fFloor),
        ],
      );
      console.log(`app median - floor median = ${ms(delta)} ms (painted: ${ms(pApp.median - pFloor.median)} ms; median of paired differences ${ms(paired.median)} ms, p90 ${ms(paired.p90)})`);
      console.log(`target: app - floor <= ${TARGETS.firstPayloadOverFloorMs} ms: ${verdict(result.firstPayload.target.pass)}`);
    } catch (err) {
      result.errors.push(`first payload: ${err.message}`);
      console.log(`\n2. Time to first payload: ERROR ${err.message}`);
      exitCode = 1;
    }

    // ---- 3 and 4 share one page, as a person would use it.
    const { context, page } = await freshContext(browser);
    watchPage(page, 'interaction page');
    try {
      await page.goto(appUrl, { waitUntil: 'load' });
      await page.waitForSelector(SEL.token, { state: 'attached', timeout: 30000 });
      await page.evaluate(installPageHelpers);
      const longtaskSupported = await page.evaluate(() => window.__longtaskSupported);

      // ---- 3. input-to-render latency
      const sizes = [
        { name: '1 KB', target: 1024, runs: 20, timeoutMs: 10000 },
        { name: '100 KB', target: 100 * 1024, runs: 20, timeoutMs: 20000 },
        { name: '1 MB', target: 1024 * 1024, runs: 8, timeoutMs: 60000 },
      ];
      result.input = { longtaskSupported, sizes: [] };
      const inputRows = [];
      for (const size of sizes) {
        try {
          const nonce = crypto.randomBytes(4).toString('hex');
          const tokens = ['A', 'B'].map((v) => {
            const marker = `bench-${size.name.replace(/\s/g, '')}-${v}-${nonce}`;
            return { key: `tok-${size.name}-${v}`, marker, token: hs256ShapedToken(size.target, marker) };
          });
          // Hand the tokens over once, so the timed runs don't carry them over CDP.
          for (const t of tokens) await page.evaluate(([k, v]) => (window.__benchData[k] = v), [t.key, t.token]);
          const run = (t) =>
            page.evaluate((a) => window.__benchSet(a), {
              selector: SEL.token, dataKey: t.key, predicate: 'payloadHas', arg: t.marker, timeoutMs: size.timeoutMs,
            });
          // One untimed warm-up run (first switch to this size), then alternate A/B.
          await run(tokens[1]);
          await page.waitForTimeout(100);
          const from = await page.evaluate(() => performance.now());
          const samples = [];
          for (let i = 0; i < size.runs; i += 1) {
            samples.push(await run(tokens[i % 2]));
            await page.waitForTimeout(size.target > 200000 ? 150 : 30);
          }
          await page.waitForTimeout(300); // longtask entries arrive asynchronously
          const to = await page.evaluate(() => performance.now());
          const lt = await page.evaluate(([a, b]) => window.__maxLongtask(a, b), [from, to]);
          // Then nothing happens for a while: does the page stay idle with this token loaded?
          await page.waitForTimeout(IDLE_MS);
          const idleTo = await page.evaluate(() => performance.now());
          const idle = await page.evaluate(([a, b]) => window.__maxLongtask(a, b), [to, idleTo]);
          const entry = {
            size: size.name,
            tokenLength: tokens[0].token.length,
            runs: size.runs,
            render: stats(samples.map((s) => s.render)),
            frame: stats(samples.map((s) => s.frame)),
            frameDone: stats(samples.map((s) => s.frameDone)),
            frameWork: stats(samples.map((s) => s.frameDone - s.frame)),
            paint: stats(samples.map((s) => s.paint)),
            longtask: lt,
            idleLongtask: { ...idle, windowMs: idleTo - to },
            samples,
          };
          result.input.sizes.push(entry);
          inputRows.push([
            size.name, entry.tokenLength, size.runs,
            ms(entry.render.median), ms(entry.render.p95),
            ms(entry.frameDone.median), ms(entry.frameDone.p95), ms(entry.frameWork.median),
            ms(entry.paint.median), ms(entry.paint.p95),
            longtaskSupported ? (lt.count ? `${ms(lt.max)} (${lt.count})` : 'none >50') : 'n/a',
            longtaskSupported ? (idle.count ? `${ms(idle.max)} (${idle.count})` : 'none >50') : 'n/a',
          ]);
        } catch (err) {
          result.errors.push(`input ${size.name}: ${err.message}`);
          result.input.sizes.push({ size: size.name, error: err.message });
          inputRows.push([size.name, '', size.runs, 'ERROR', err.message.slice(0, 80), '', '', '', '', '', '', '']);
          exitCode = 1;
        }
      }
      table(
        '3. Input-to-render latency (ms from setting token-input + `input` event; nearest-rank p95)',
        ['token', 'chars', 'runs', 'render med', 'render p95', 'frame med', 'frame p95', 'in-frame med', '2rAF med', '2rAF p95', 'longest task (n)', `idle ${IDLE_MS / 1000}s: longest (n)`],
        inputRows,
      );
      console.log('render = payload-json shows the new token (MutationObserver); frame = the frame that shows it has finished');
      console.log('its main-thread rendering (rAF + posted message); in-frame = style/layout/paint time inside that frame;');
      console.log('2rAF = the following frame starts (double rAF; up to one frame more than frame)');
      console.log(`longest task = longest 'longtask' entry (>50 ms) during the runs, n = how many; idle = the same over ${IDLE_MS / 1000} s with no input afterwards`);
      const bySize = Object.fromEntries(result.input.sizes.map((s) => [s.size, s]));
      const v1k = bySize['1 KB']?.render ? bySize['1 KB'].render.p95 <= TARGETS.input1kP95Ms : null;
      const v1m = bySize['1 MB']?.render ? bySize['1 MB'].render.p95 <= TARGETS.input1mMs : null;
      result.input.target = {
        '1 KB render p95 <= 16 ms': v1k,
        '1 MB render p95 <= 300 ms': v1m,
        '1 KB frame p95 <= 16 ms (for reference)': bySize['1 KB']?.frameDone ? bySize['1 KB'].frameDone.p95 <= TARGETS.input1kP95Ms : null,
        '1 MB frame p95 <= 300 ms (for reference)': bySize['1 MB']?.frameDone ? bySize['1 MB'].frameDone.p95 <= TARGETS.input1mMs : null,
      };
      for (const [k, v] of Object.entries(result.input.target)) console.log(`target: ${k}: ${v === null ? 'ERROR' : verdict(v)}`);

      // ---- 4. key parse + verify
      const keys = await makeKeys(tmp);
      result.keys = { opensslVersion: keys.opensslVersion, notes: keys.notes, cases: [] };
      await page.evaluate((t) => (window.__benchData.rsToken = t), keys.token);
      await page.evaluate(
        (a) => window.__benchSet(a),
        { selector: SEL.token, dataKey: 'rsToken', predicate: 'headerHas', arg: '"RS256"', timeoutMs: 10000 },
      );
      const cases = [
        { name: 'SPKI PEM', text: keys.spkiPem },
        { name: 'X.509 certificate PEM', text: keys.certPem },
        { name: 'JWKS, 10 keys, by kid', text: keys.jwks },
      ].filter((c) => c.text);
      const keyRows = [];
      const KEY_RUNS = 15;
      for (const c of cases) {
        try {
          await page.evaluate(([k, v]) => (window.__benchData[k] = v), [`key-${c.name}`, c.text]);
          const setKey = () =>
            page.evaluate((a) => window.__benchSet(a), {
              selector: SEL.key, dataKey: `key-${c.name}`, predicate: 'statusIs', arg: 'valid', timeoutMs: 10000,
            });
          const clearKey = () =>
            page.evaluate((a) => window.__benchSet(a), {
              selector: SEL.key, dataKey: 'none', predicate: 'statusIsNot', arg: 'valid', timeoutMs: 10000,
            });
          await clearKey();
          await setKey(); // untimed warm-up
          const samples = [];
          for (let i = 0; i < KEY_RUNS; i += 1) {
            await clearKey();
            await page.waitForTimeout(20);
            samples.push(await setKey());
            await page.waitForTimeout(20);
          }
          const emptyStatus = await page.evaluate(async (a) => {
            await window.__benchSet(a);
            return document.querySelector('[data-testid=verify-status]').getAttribute('data-status');
          }, { selector: SEL.key, dataKey: 'none', predicate: 'statusIsNot', arg: 'valid', timeoutMs: 10000 });
          const entry = {
            key: c.name,
            keyChars: c.text.length,
            runs: KEY_RUNS,
            statusWithEmptyKey: emptyStatus,
            valid: stats(samples.map((s) => s.render)),
            frameDone: stats(samples.map((s) => s.frameDone)),
            paint: stats(samples.map((s) => s.paint)),
            samples,
          };
          result.keys.cases.push(entry);
          keyRows.push([c.name, c.text.length, KEY_RUNS, ms(entry.valid.median), ms(entry.valid.p95), ms(entry.valid.max), ms(entry.frameDone.median), ms(entry.frameDone.p95), ms(entry.paint.median), ms(entry.paint.p95)]);
        } catch (err) {
          result.errors.push(`key ${c.name}: ${err.message}`);
          result.keys.cases.push({ key: c.name, error: err.message });
          keyRows.push([c.name, c.text.length, KEY_RUNS, 'ERROR', err.message.slice(0, 100), '', '', '', '', '']);
          exitCode = 1;
        }
      }
      table(
        '4. Key parse + verify, RS256 (ms from setting key-input + `input` until verify-status is "valid"; empty key between runs)',
        ['key', 'chars', 'runs', 'valid med', 'valid p95', 'valid max', 'frame med', 'frame p95', '2rAF med', '2rAF p95'],
        keyRows,
      );
      for (const n of keys.notes) console.log(`note: ${n}`);
    } catch (err) {
      result.errors.push(`interaction page: ${err.message}`);
      console.log(`\nERROR on the interaction page: ${err.message}`);
      exitCode = 1;
    } finally {
      await context.close().catch(() => {});
    }
  } finally {
    await browser.close().catch(() => {});
    appServer.close();
    floorServer.close();
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }

  result.environment.loadavgAtEnd = os.loadavg().map((v) => +v.toFixed(2));
  result.pageProblems = pageProblems;
  if (pageProblems.length) {
    console.log(`\npage errors (${pageProblems.length}):`);
    for (const p of pageProblems.slice(0, 20)) console.log(`  ${p}`);
  }
  if (result.errors.length) {
    console.log(`\nsections that could not be measured:`);
    for (const e of result.errors) console.log(`  ${e}`);
  }
  await mkdir(outDir, { recursive: true });
  const outFile = path.join(outDir, 'bench.json');
  await writeFile(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nbench: wrote ${shown(outFile)}; load ${result.environment.loadavgAtStart.join(' ')} -> ${result.environment.loadavgAtEnd.join(' ')}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
