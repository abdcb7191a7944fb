// Cross-engine smoke suite: the same few checks (engines/checks.mjs) in
// Chromium (playwright-core), Firefox ESR (puppeteer-core over WebDriver
// BiDi) and WebKitGTK (WebKitWebDriver + MiniBrowser), each through the
// engine-neutral page driver of engines/driver.mjs. Prints PASS/FAIL per
// engine x check and the time per engine; exits 1 on any failure, 2 when
// dist/ is missing. A check fails on a page error or console.error too.
//
//   node tests/e2e/engines.mjs [engine ...]   # default: chromium firefox webkit
//
// Env: E2E_DIST, CHROMIUM (harness.mjs), FIREFOX (engines/firefox.mjs),
// WEBKIT_WEBDRIVER, MINIBROWSER (engines/webkit.mjs), E2E_SMOKE_TIMEOUT_MS
// (per check, default 90000).
import path from 'node:path';

import { distDir, isFile, repoRoot, startServer, stopServer, baseUrlOf } from './harness.mjs';
import { checks, EngineStall } from './engines/checks.mjs';

const ENGINES = ['chromium', 'firefox', 'webkit'];
const timeoutMs = Number(process.env.E2E_SMOKE_TIMEOUT_MS ?? 90000);

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const indent = (text) => String(text).replace(/^/gm, '     ');
let stalls = 0;

async function runEngine(name, baseUrl, results) {
  const started = Date.now();
  const { launch } = await import(`./engines/${name}.mjs`);
  let engine;
  try {
    engine = await withTimeout(launch(), 60000, `launching ${name}`);
  } catch (err) {
    for (const check of checks) {
      results.push({ engine: name, check: check.name, ok: false });
      console.log(`FAIL ${name} ${check.name}: the browser did not start`);
    }
    console.log(indent(err.message ?? err));
    return { name, version: '(did not start)', ms: Date.now() - started };
  }
  console.log(`engines: ${name}: ${engine.version} via ${engine.protocol} (started in ${Date.now() - started} ms)`);
  try {
    for (const check of checks) {
      const t0 = Date.now();
      const notes = [];
      let error = null;
      let page = null;
      for (let attempt = 1; ; attempt += 1) {
        error = null;
        try {
          page = await withTimeout(engine.newPage(), 30000, 'opening a page');
          await withTimeout(check.run({ page, baseUrl, distDir }), timeoutMs, 'the check');
        } catch (err) {
          error = err;
        }
        // A browser process that compiles no wasm at all (see EngineStall), or
        // one that went away under the check (the engine's sessionLost), gets
        // one more try in a fresh page; it is reported either way. An app
        // that breaks the browser does it again and fails.
        const retryable = error instanceof EngineStall || Boolean(error && engine.sessionLost?.(error));
        if (!retryable || attempt > 1) break;
        notes.push(`note: attempt 1 retried in a fresh page: ${error.message}`);
        if (page) await withTimeout(page.close(), 10000, 'closing the page').catch(() => {});
        page = null;
        stalls += 1;
      }
      let logged = page ? await withTimeout(page.errors(), 10000, 'reading the page errors').catch((err) => [String(err.message)]) : [];
      // Known, named engine differences are reported on every run, not failed.
      for (const known of (check.known ?? []).filter((k) => k.engine === name)) {
        const hits = logged.filter((line) => known.match.test(line));
        if (hits.length) notes.push(`note: ${known.why}\n${hits.map((h) => `  tolerated: ${h}`).join('\n')}`);
        logged = logged.filter((line) => !known.match.test(line));
      }
      if (logged.length) {
        error ??= new Error('the page logged errors');
        error.message += `\n${logged.join('\n')}`;
      }
      if (page) await withTimeout(page.close(), 10000, 'closing the page').catch(() => {});
      const ms = Date.now() - t0;
      results.push({ engine: name, check: check.name, ok: !error });
      console.log(`${error ? 'FAIL' : 'PASS'} ${name} ${check.name}: ${check.what} (${ms} ms)`);
      if (error) console.log(indent(error.message ?? error));
      for (const note of notes) console.log(indent(note));
    }
  } finally {
    await withTimeout(engine.close(), 20000, `closing ${name}`).catch((err) => console.log(indent(err.message)));
  }
  return { name, version: engine.version, ms: Date.now() - started };
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((e) => !ENGINES.includes(e));
  if (unknown.length) {
    console.error(`engines: unknown engine(s) ${unknown.join(', ')}; known: ${ENGINES.join(', ')}`);
    return 2;
  }
  if (!(await isFile(path.join(distDir, 'index.html'))) || !(await isFile(path.join(distDir, 'jwt-debugger.html')))) {
    const shown = distDir.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, distDir) : distDir;
    console.error(`engines: ${shown}/index.html or jwt-debugger.html not found; build it first (make dist)`);
    return 2;
  }
  const server = await startServer(distDir);
  const baseUrl = baseUrlOf(server);
  console.log(`engines: serving ${distDir} at ${baseUrl}`);
  const results = [];
  const times = [];
  try {
    for (const name of wanted.length ? wanted : ENGINES) times.push(await runEngine(name, baseUrl, results));
  } finally {
    await stopServer(server);
  }
  const names = times.map((t) => t.name);
  const width = Math.max(...checks.map((c) => c.name.length));
  console.log(`\n${''.padEnd(width)}  ${names.map((n) => n.padEnd(8)).join(' ')}`);
  for (const check of checks) {
    const row = names.map((n) => (results.find((r) => r.engine === n && r.check === check.name)?.ok ? 'PASS' : 'FAIL').padEnd(8));
    console.log(`${check.name.padEnd(width)}  ${row.join(' ')}`);
  }
  for (const t of times) console.log(`engines: ${t.name} (${t.version}): ${(t.ms / 1000).toFixed(1)} s`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`engines: ${results.length - failed} passed, ${failed} failed` +
    (stalls ? `; ${stalls} check(s) retried after the browser stopped compiling wasm or its session ended (notes above)` : ''));
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
