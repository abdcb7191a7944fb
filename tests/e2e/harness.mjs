// Shared plumbing for everything that drives the built app in a browser
// (run.mjs, the benchmarks): a loopback static file server and the Chromium
// launch with the flags CI uses.
//
// Env: E2E_DIST (default <repo>/dist), CHROMIUM (default /usr/bin/chromium).

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const distDir = path.resolve(process.env.E2E_DIST ?? path.join(repoRoot, 'dist'));
export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves `root` on 127.0.0.1 at a free port, `no-store`, uncompressed or,
 * with `gzip`, every response gzip-encoded (level 9, as a static host would
 * send it). Resolves to the http.Server.
 */
export function startServer(root, { gzip = false } = {}) {
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, `.${rel}`);
      // Never serve anything outside the root.
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      if (!(await isFile(file))) {
        // Chromium asks for a favicon on its own; a 404 there is not the app's fault.
        if (rel === '/favicon.ico') {
          res.writeHead(204).end();
          return;
        }
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let body = gzip ? gzipped.get(file) : undefined;
      if (!body) {
        body = await readFile(file);
        if (gzip) {
          body = zlib.gzipSync(body, { level: 9 });
          gzipped.set(file, body);
        }
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
        ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Stops a server from startServer. The page under test keeps its HTTP
 *  connections alive, so they are cut first; otherwise `close` waits on them. */
export function stopServer(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
}

/** Base URL (no trailing slash) of a server from startServer. */
export function baseUrlOf(server) {
  return `http://127.0.0.1:${server.address().port}`;
}

/** Launches Chromium (headless) with the CI flags; `extraArgs` are appended. */
export function launchBrowser({ extraArgs = [] } = {}) {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
