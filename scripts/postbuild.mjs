// Turns trunk's release output into a private, offline, strictly-CSP'd static
// site, and writes the single-file build:
//   - the inline loader script becomes an external file, so the CSP needs no
//     'unsafe-inline' for scripts;
//   - a Content-Security-Policy meta tag allows only the app's own files and
//     'wasm-unsafe-eval';
//   - sw.js precaches the build (versioned by content) for offline use;
//   - jwt-debugger.html inlines wasm, JS and CSS for use from file://, the
//     workers included (each started from a Blob URL).
// Usage: node scripts/postbuild.mjs [dist-dir]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const read = (name) => readFileSync(join(dist, name));
const sha = (data, alg = 'sha256', enc = 'base64') => createHash(alg).update(data).digest(enc);

let html = read('index.html').toString();
const files = readdirSync(dist);
const one = (re) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`expected one file matching ${re} in ${dist}, found ${found}`);
  return found[0];
};
const glueName = one(/^jwt-debugger-[0-9a-f]+\.js$/);
const wasmName = one(/^jwt-debugger-[0-9a-f]+_bg\.wasm$/);
const cssName = one(/^main-[0-9a-f]+\.css$/);
// The workers (trunk's data-type="worker": no-modules glue, its wasm and a
// loader that the page starts as a Worker): the crypto worker, and the
// validation worker loaded when the Validate view opens. Trunk leaves their
// names unhashed; hashed names keep a cached worker of an older deployment
// from answering a newer page. The page reads each loader's name from a meta
// tag, or in the single file from a window global holding a Blob URL.
const WORKERS = [
  { bin: 'crypto-worker', meta: 'jwt-crypto-worker', global: 'jwtCryptoWorkerUrl' },
  { bin: 'validator', meta: 'jwt-validator', global: 'jwtValidatorUrl' },
];
for (const w of WORKERS) {
  const hash = sha(Buffer.concat([read(`${w.bin}.js`), read(`${w.bin}_bg.wasm`)]), 'sha256', 'hex').slice(0, 16);
  w.glueName = `${w.bin}-${hash}.js`;
  w.wasmName = `${w.bin}-${hash}_bg.wasm`;
  const loaderName = `${w.bin}-${hash}_loader.js`;
  renameSync(join(dist, `${w.bin}.js`), join(dist, w.glueName));
  renameSync(join(dist, `${w.bin}_bg.wasm`), join(dist, w.wasmName));
  renameSync(join(dist, `${w.bin}_loader.js`), join(dist, loaderName));
  writeFileSync(join(dist, loaderName), `importScripts("./${w.glueName}");\nwasm_bindgen({ module_or_path: "./${w.wasmName}" });\n`);
  html = html.replace('<base ', `<meta name="${w.meta}" content="./${loaderName}" />\n  <base `);
}

// 1. The inline loader, moved to a file. The service worker is registered
//    only in a secure context (https or localhost); never from file://.
const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!inline) throw new Error('trunk loader script not found in index.html');
// Until the app takes over, text typed into the prerendered first screen
// must show as typed: the coloured copy behind the textarea is the sample's.
const showTyped = "document.querySelector('[data-prerendered]')?.addEventListener('input', (e) => e.currentTarget.classList.add('prerender-typed'));";
const boot = `${showTyped}
${inline[1].replace(/window\.wasmBindings = bindings;\s*/, '').trim()}
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('offline cache unavailable:', e));
}
`;
const bootName = `boot-${sha(boot, 'sha256', 'hex').slice(0, 16)}.js`;
writeFileSync(join(dist, bootName), boot);
html = html.replace(inline[0], `<script type="module" src="./${bootName}" integrity="sha384-${sha(boot, 'sha384')}"></script>`);

// 2. The policy: nothing but this site's own files, and wasm compilation.
const policy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n  <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
writeFileSync(join(dist, 'index.html'), html);

// 3. The service worker: its cache name is a hash of every file it serves,
//    so a new deployment installs a new cache and drops the old one.
// PNG icons are for installing; the browser fetches them itself when needed,
// except the apple-touch-icon, which Firefox loads with every page: it is
// cached, or an offline load logs a failed fetch.
// The well-known-secret list is fetched only when its check is first used,
// so it is not part of a first visit; the worker keeps it once fetched.
const ON_USE = 'weak-secrets.txt';
const TOUCH_ICON = 'icon-192.png';
const precache = readdirSync(dist).filter(
  (f) => f !== 'sw.js' && f !== 'jwt-debugger.html' && f !== ON_USE && (f === TOUCH_ICON || !f.endsWith('.png')),
);
const version = sha(precache.map((f) => `${f}:${sha(read(f))}`).join('\n'), 'sha256', 'hex').slice(0, 16);
const sw = `// Generated by scripts/postbuild.mjs. Offline copy of this build.
const CACHE = 'jwt-debugger-${version}';
const FILES = ${JSON.stringify(['./', ...precache.map((f) => `./${f}`)], null, 2)};

self.addEventListener('install', (event) => {
  // The page just loaded these, so the HTTP cache usually answers.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'force-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('jwt-debugger-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, so a new deployment shows on the next load; the cached
    // page when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put('./', copy));
          }
          return response;
        })
        .catch(() => caches.match('./')),
    );
    return;
  }
  const onUse = new URL(request.url).pathname.endsWith('/${ON_USE}');
  event.respondWith(
    caches.match(request).then(
      (hit) =>
        hit ||
        fetch(request).then((response) => {
          // Kept for offline use from its first use on.
          if (onUse && response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
`;
writeFileSync(join(dist, 'sw.js'), sw);

// 4. The single file: CSS and the JS glue inline, the wasm as base64. Its
//    policy allows exactly these inline blocks by hash. Each worker's glue
//    and wasm become the source of a Blob URL worker, which the page finds
//    in a window global (window.jwtCryptoWorkerUrl, window.jwtValidatorUrl).
const css = read(cssName).toString();
const glue = read(glueName).toString().replace(/^export \{[^}]*\};?\s*$/m, '');
if (/^export /m.test(glue)) throw new Error('unexpected export left in the JS glue');
const bytesOf = (name) => `Uint8Array.from(atob(${JSON.stringify(read(name).toString('base64'))}), (c) => c.charCodeAt(0))`;
const workerUrls = WORKERS.map((w) => {
  const source = `${read(w.glueName).toString()}
wasm_bindgen({ module_or_path: ${bytesOf(w.wasmName)} });
`;
  return `window.${w.global} = URL.createObjectURL(new Blob([${JSON.stringify(source)}], { type: 'text/javascript' }));`;
}).join('\n');
const weakSecrets = existsSync(join(dist, ON_USE)) ? read(ON_USE).toString() : '';
const script = `${showTyped}
${glue}
window.jwtWeakSecrets = ${JSON.stringify(weakSecrets)};
${workerUrls}
await __wbg_init({ module_or_path: ${bytesOf(wasmName)} });
`;
const singlePolicy = [
  "default-src 'none'",
  `script-src 'sha256-${sha(script)}' 'wasm-unsafe-eval'`,
  "worker-src blob:",
  `style-src 'sha256-${sha(css)}'`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const iconData = `data:image/svg+xml;base64,${read('icon.svg').toString('base64')}`;
// The same body as index.html: the prerendered first screen, if any.
const body = html.match(/<body>([\s\S]*)<\/body>/)?.[1];
if (body === undefined) throw new Error('no <body> in index.html');
const single = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta http-equiv="Content-Security-Policy" content="${singlePolicy}" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <meta name="color-scheme" content="light dark" />
  <title>JWT Debugger</title>
  <link rel="icon" href="${iconData}" />
  <style>${css}</style>
  <script type="module">${script}</script>
</head>
<body>${body}</body>
</html>
`;
writeFileSync(join(dist, 'jwt-debugger.html'), single);
console.log(`postbuild: ${bootName}, sw.js (cache ${version}, ${precache.length + 1} files), jwt-debugger.html (${single.length} bytes)`);

