// WebKit (Debian's WebKitGTK) through WebKitWebDriver, classic W3C WebDriver
// over HTTP, with a small fetch-based client: WebKitWebDriver starts
// WebKitGTK's MiniBrowser in automation mode for each session. MiniBrowser
// needs an X display; without one an Xvfb is started here and stopped at the
// end. Classic WebDriver has no console events, and MiniBrowser in
// automation mode ignores --enable-write-console-messages-to-stdout (it
// works without --automation), so errors are recorded in the page (console.error, `error`,
// `unhandledrejection`) from the end of each navigation on: an error thrown
// while the page loads is seen only through the checks' own assertions. One
// session (one MiniBrowser) per page, so pages share no storage.
//
// Env: WEBKIT_WEBDRIVER (default /usr/bin/WebKitWebDriver), MINIBROWSER
// (default Debian's /usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

export const driverPath = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
export const miniBrowserPath = process.env.MINIBROWSER ?? findMiniBrowser();

function findMiniBrowser() {
  let triplet = 'x86_64-linux-gnu';
  try {
    triplet = execFileSync('dpkg-architecture', ['-qDEB_HOST_MULTIARCH'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    if (process.arch === 'arm64') triplet = 'aarch64-linux-gnu';
  }
  return `/usr/lib/${triplet}/webkit2gtk-4.1/MiniBrowser`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a free display; resolves to { display, proc }. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, proc });
    });
    proc.once('error', (e) => reject(new Error(`cannot start Xvfb (apt-get install xvfb): ${e.message}`)));
    proc.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${err.trim()}`)));
  });
}

/** A WebDriver command; throws the driver's error with its message. */
async function command(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json; charset=utf-8' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({ value: { error: `HTTP ${res.status}`, message: '' } }));
  if (!res.ok || json.value?.error) {
    throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
  }
  return json.value;
}

export async function launch() {
  for (const [what, p] of [['WebKitWebDriver (apt-get install webkit2gtk-driver)', driverPath], ['MiniBrowser', miniBrowserPath]]) {
    if (!existsSync(p)) throw new Error(`${what} not found at ${p}`);
  }
  let xvfb = null;
  const env = { ...process.env };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    xvfb = await startXvfb();
    env.DISPLAY = xvfb.display;
  }
  // Quiet GTK's accessibility bus and keep WebKit from probing the GPU.
  Object.assign(env, { NO_AT_BRIDGE: '1', WEBKIT_DISABLE_COMPOSITING_MODE: '1', LIBGL_ALWAYS_SOFTWARE: '1' });
  const port = await freePort();
  const driver = spawn(driverPath, [`--port=${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // The driver's output, shown when it does not start.
  const driverLog = [];
  const onOutput = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (line.trim() && driverLog.length < 200) driverLog.push(line);
    }
  };
  driver.stdout.on('data', onOutput);
  driver.stderr.on('data', onOutput);
  const base = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (driver.exitCode === null) {
      driver.kill('SIGTERM');
      await Promise.race([new Promise((r) => driver.once('exit', r)), sleep(3000)]);
      if (driver.exitCode === null) driver.kill('SIGKILL');
    }
    if (xvfb && xvfb.proc.exitCode === null) xvfb.proc.kill('SIGTERM');
  };

  try {
    const deadline = Date.now() + 10000;
    for (;;) {
      try {
        const status = await command(base, 'GET', '/status');
        if (status.ready) break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not start: ${err.message}\n${driverLog.join('\n')}`);
      }
      await sleep(100);
    }
  } catch (err) {
    await stop();
    throw err;
  }

  const capabilities = {
    capabilities: {
      alwaysMatch: {
        'webkitgtk:browserOptions': {
          binary: miniBrowserPath,
          args: ['--automation'],
        },
        pageLoadStrategy: 'normal',
        timeouts: { script: 30000, pageLoad: 60000 },
      },
    },
  };

  let version = 'WebKitGTK';
  try {
    version = `WebKitGTK ${execFileSync(miniBrowserPath, ['--version'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().replace(/^WebKitGTK\s*/i, '')}`;
  } catch {
    // Shown only in the report.
  }

  const sessions = new Set();
  return {
    name: 'webkit',
    version,
    protocol: 'WebKitWebDriver (classic WebDriver, own client) + MiniBrowser',
    // The driver drops a session whose MiniBrowser has exited; every later
    // command of that page then fails with this error code.
    sessionLost: (err) => /: invalid session id:/.test(String(err?.message ?? err)),
    async newPage() {
      const created = await command(base, 'POST', '/session', capabilities);
      const id = created.sessionId;
      sessions.add(id);
      const errors = [];
      const s = (method, path, body) => command(base, method, `/session/${id}${path}`, body);
      async function evaluate(fn, arg) {
        // execute/async: the page's promise settles into the callback.
        const script = `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${fn.toString()})(arguments[0])).then(
            (value) => done({ ok: true, value: value === undefined ? null : value }),
            (err) => done({ ok: false, error: String(err && err.stack || err) }));`;
        const out = await s('POST', '/execute/async', { script, args: [arg === undefined ? null : arg] });
        if (!out || !out.ok) throw new Error(`evaluate: ${out?.error ?? 'no result'}`);
        return out.value;
      }
      // Errors the page reports after load, recorded in the page itself.
      const collect = async () => {
        const seen = await evaluate(() => {
          const list = window.__smokeErrors ?? [];
          window.__smokeErrors = [];
          return list;
        }).catch(() => []);
        errors.push(...seen);
      };
      const record = () => evaluate(() => {
        if (window.__smokeErrors) return;
        window.__smokeErrors = [];
        const push = (line) => window.__smokeErrors.push(line);
        const original = console.error.bind(console);
        console.error = (...args) => { push(`console.error: ${args.map(String).join(' ')}`); original(...args); };
        window.addEventListener('error', (e) => push(`page error: ${e.message} (${e.filename}:${e.lineno})`));
        window.addEventListener('unhandledrejection', (e) => push(`page error: unhandled rejection: ${e.reason}`));
      }).catch(() => {});
      return {
        goto: async (url) => { await collect(); await s('POST', '/url', { url }); await record(); },
        reload: async () => { await collect(); await s('POST', '/refresh', {}); await record(); },
        evaluate,
        errors: async () => { await collect(); return errors; },
        close: async () => {
          sessions.delete(id);
          await s('DELETE', '', undefined).catch(() => {});
        },
      };
    },
    async close() {
      for (const id of sessions) await command(base, 'DELETE', `/session/${id}`).catch(() => {});
      await stop();
    },
  };
}
