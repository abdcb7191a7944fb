// End-to-end test runner: serves dist/ on loopback, drives Debian's Chromium
// through playwright-core, runs every test in specs/*.mjs in a fresh browser
// context, and fails a test on any uncaught page error or console error.
//
//   node tests/e2e/run.mjs [substring]   # only tests whose name contains it
//
// Env: E2E_DIST (default <repo>/dist), CHROMIUM (default /usr/bin/chromium),
// E2E_TEST_TIMEOUT_MS (default 30000; a test may set its own timeoutMs).

import { readdir, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot, distDir, isFile, startServer, launchBrowser } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const specsDir = path.join(here, 'specs');
const artifactsDir = path.join(here, 'artifacts');
const testTimeoutMs = Number(process.env.E2E_TEST_TIMEOUT_MS ?? 30000);
const filter = process.argv[2] ?? '';

async function loadTests() {
  const files = (await readdir(specsDir)).filter((f) => f.endsWith('.mjs')).sort();
  const tests = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(specsDir, file)).href);
    const list = mod.default ?? mod.tests;
    if (!Array.isArray(list)) throw new Error(`specs/${file} must export an array of { name, run }`);
    for (const t of list) {
      if (typeof t?.name !== 'string' || typeof t?.run !== 'function') {
        throw new Error(`specs/${file}: every test needs a string name and a run function`);
      }
      tests.push({ ...t, name: `${path.basename(file, '.mjs')}: ${t.name}` });
    }
  }
  return tests.filter((t) => t.name.includes(filter));
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runOne(browser, baseUrl, test) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  const consoleLog = [];
  page.on('pageerror', (err) => pageErrors.push(`page error: ${err.stack || err.message}`));
  page.on('console', (msg) => {
    const line = `console.${msg.type()}: ${msg.text()}`;
    consoleLog.push(line);
    if (msg.type() === 'error') pageErrors.push(line);
  });
  page.on('crash', () => pageErrors.push('page crashed'));

  let error = null;
  try {
    // A test may ask for longer (one that loads the app several times).
    await withTimeout(test.run({ page, baseUrl }), test.timeoutMs ?? testTimeoutMs, 'test');
  } catch (err) {
    error = err;
  }
  // Errors logged by the page fail the test even when its assertions passed.
  if (!error && pageErrors.length > 0) {
    error = new Error(pageErrors.join('\n'));
  } else if (error && pageErrors.length > 0) {
    error.message += `\n${pageErrors.join('\n')}`;
  }
  if (error) {
    try {
      await mkdir(artifactsDir, { recursive: true });
      const base = path.join(artifactsDir, test.name.replace(/[^A-Za-z0-9._-]+/g, '_'));
      await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5000 });
      await writeFile(`${base}.console.txt`, `${consoleLog.join('\n')}\n`);
    } catch {
      // Diagnostics only; the failure itself is already recorded.
    }
  }
  await context.close().catch(() => {});
  return error;
}

async function main() {
  if (!(await isFile(path.join(distDir, 'index.html')))) {
    const shown = distDir.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, distDir) : distDir;
    console.error(`e2e: ${shown}/index.html not found; build it first (make dist)`);
    return 2;
  }
  const tests = await loadTests();
  if (tests.length === 0) {
    console.error(`e2e: no tests found${filter ? ` matching "${filter}"` : ''}`);
    return 2;
  }

  const server = await startServer(distDir);
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBrowser();
  console.log(`e2e: serving ${distDir} at ${baseUrl}; Chromium ${browser.version()}`);

  let passed = 0;
  let failed = 0;
  try {
    for (const test of tests) {
      const started = Date.now();
      const error = await runOne(browser, baseUrl, test);
      const ms = Date.now() - started;
      if (error) {
        failed += 1;
        console.log(`FAIL ${test.name} (${ms} ms)`);
        console.log(String(error.message ?? error).replace(/^/gm, '     '));
      } else {
        passed += 1;
        console.log(`PASS ${test.name} (${ms} ms)`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  if (failed > 0) console.log(`e2e: screenshots and console logs of failures in ${path.relative(repoRoot, artifactsDir)}/`);
  // Plain summary line that CI reads.
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
