// Hostile input, end to end: malformed and oversized tokens, odd base64,
// invalid UTF-8, deep JSON, numbers and hidden characters, broken and
// oversized keys, huge JWK Sets, and script injection through claims, the
// header, the key box and the findings. For every case the page must say
// precisely what is wrong (token-error text, verify-status data-status + text),
// must never panic (no [data-testid=panic-notice]) and must keep working:
// a good token decodes (and a good key verifies) right after.
//
// Driven only through the UI contract hooks (shared ui-contract.md). RSA keys
// and signatures come from node:crypto (../jws.mjs), the certificate from the
// openssl CLI, never from the app itself.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  assert,
  assertEqual,
  b64url,
  countOf,
  expectCount,
  getTokenValue,
  makeToken,
  openApp,
  poll,
  pretty,
  setKey,
  setToken,
  textOf,
  verifyStatusOf,
  waitContains,
  waitPresent,
  waitStatus,
  waitAttrs,
  waitText,
  waitVisible,
} from '../lib.mjs';
import { decoyJwk, generateKey, publicJwk, signToken, spkiPem } from '../jws.mjs';

const HEADER = '[data-testid=header-json]';
const PAYLOAD = '[data-testid=payload-json]';
const ERROR = '[data-testid=token-error]';
const CLAIM = '[data-testid=claim]';
const PANIC = '[data-testid=panic-notice]';
const finding = (code) => `[data-testid=finding][data-code=${code}]`;

// Used only if the page ever starts without a 3-part sample in the box.
const FALLBACK_GOOD = makeToken(
  '{"alg":"HS256","typ":"JWT","kid":"hostile-recovery"}',
  '{"sub":"hostile-recovery","iat":1767225600,"exp":4102444800}',
);

// --- helpers ----------------------------------------------------------------

/** Rejects with `what` if `promise` (e.g. an evaluate on a frozen tab) takes longer than `ms`. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from the page within ${ms} ms (frozen tab?)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const headerOf = (token) => Buffer.from(token.split('.')[0], 'base64url').toString('utf8');
const payloadOf = (token) => Buffer.from(token.split('.')[1], 'base64url').toString('utf8');

async function expectNoPanic(page) {
  const n = await countOf(page, PANIC);
  if (n > 0) {
    throw new Error(`panic notice shown: ${JSON.stringify(await textOf(page, PANIC))}`);
  }
}

/**
 * Opens the app and returns a good token to recover with: the sample the
 * page shows on load (read before any test changes it), decoded as expected.
 */
async function start(page, baseUrl) {
  await openApp(page, baseUrl);
  const sample = (await getTokenValue(page)).trim();
  const good = sample.split('.').length === 3 ? sample : FALLBACK_GOOD;
  if (good === sample) await waitText(page, HEADER, pretty(JSON.parse(headerOf(good))));
  await expectNoPanic(page);
  return good;
}

/**
 * After hostile input the page must keep working: `good` decodes again
 * (header and payload shown, token-error gone) and nothing panicked.
 */
async function expectRecovers(page, good, timeoutMs = 5000) {
  await expectNoPanic(page);
  await within(setToken(page, good), timeoutMs, 'setting the good token');
  await waitText(page, HEADER, pretty(JSON.parse(headerOf(good))), timeoutMs);
  await waitText(page, PAYLOAD, pretty(JSON.parse(payloadOf(good))), timeoutMs);
  await expectCount(page, ERROR, 0);
  await expectNoPanic(page);
}

/** Sets `token` and waits for a visible token-error whose text contains every one of `parts`. */
async function expectTokenError(page, token, parts, timeoutMs = 5000) {
  await setToken(page, token);
  await waitVisible(page, ERROR, timeoutMs);
  const text = await waitContains(page, ERROR, parts, timeoutMs);
  await expectNoPanic(page);
  if (process.env.HOSTILE_VERBOSE) console.log(`     [hostile] token-error: ${JSON.stringify(text)}`);
  return text;
}

/** Sets `token` and waits until header-json and payload-json show exactly these texts and no error. */
async function expectDecodes(page, token, headerText, payloadText) {
  await setToken(page, token);
  await waitText(page, HEADER, headerText);
  await waitText(page, PAYLOAD, payloadText);
  await expectCount(page, ERROR, 0);
  await expectNoPanic(page);
}

/** Claim rows as { name: data-claim, text: textContent }. */
async function claimsOf(page) {
  return page.evaluate(
    (sel) => Array.from(document.querySelectorAll(sel), (el) => ({ name: el.getAttribute('data-claim'), text: el.textContent })),
    CLAIM,
  );
}

/** Waits for the claim row named exactly `name` and returns its textContent. */
async function claimText(page, name) {
  return poll(
    async () => {
      const rows = await claimsOf(page);
      const row = rows.find((r) => r.name === name);
      return { ok: !!row, actual: row ? row.text : rows };
    },
    `a ${CLAIM} with data-claim=${JSON.stringify(name)}`,
  );
}

/** Clears the key box (waits for no-key so a stale verdict cannot pass), sets `keyText`, waits for `status`. Returns { text, ms }. */
async function tryKey(page, keyText, status, parts = [], timeoutMs = 5000) {
  await setKey(page, '');
  await waitStatus(page, 'no-key');
  const t0 = Date.now();
  await within(setKey(page, keyText), timeoutMs, 'setting the key');
  const text = await waitStatus(page, status, parts, timeoutMs);
  const ms = Date.now() - t0;
  await expectNoPanic(page);
  if (process.env.HOSTILE_VERBOSE) console.log(`     [hostile] ${status} in ${ms} ms: ${JSON.stringify(text)}`);
  return { text, ms };
}

/** Puts `token` in the box and waits until its header is shown. */
async function loadToken(page, token) {
  await setToken(page, token);
  await waitText(page, HEADER, pretty(JSON.parse(headerOf(token))));
  await expectCount(page, ERROR, 0);
}

// --- RSA material (node:crypto), generated once -----------------------------

const KID = 'hostile-right-key';
let rsa;
function rsaMaterial() {
  if (!rsa) {
    const key = generateKey('RS256');
    const other = generateKey('RS256');
    rsa = {
      key,
      other,
      token: signToken('RS256', key, { header: { kid: KID } }),
      tokenNoKid: signToken('RS256', key),
      pem: spkiPem(key),
    };
  }
  return rsa;
}

/** An RS256 token in the box, a key that fails, then the right key: must be valid again. */
async function expectKeyRecovers(page, good) {
  const { pem } = rsaMaterial();
  await tryKey(page, pem, 'valid');
  await expectRecovers(page, good);
}

/** PEM armour with 64-character lines. */
function pemOf(label, der) {
  const body = Buffer.from(der).toString('base64').match(/.{1,64}/g).join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

// --- script injection material -----------------------------------------------

const XSS = [
  '<img src=x onerror="window.__pwned=1">',
  '</pre><script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
];

/** Counts of elements an injection would create, plus any inline on* handler attribute. */
async function domSnapshot(page) {
  return page.evaluate(() => {
    const count = (sel) => document.querySelectorAll(sel).length;
    const inlineHandlers = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (a.name.toLowerCase().startsWith('on')) inlineHandlers.push(`${el.tagName.toLowerCase()}[${a.name}]`);
      }
    }
    return {
      img: count('body img'),
      script: count('body script'),
      svg: count('body svg'),
      iframe: count('body iframe'),
      objectEmbed: count('body object, body embed'),
      inlineHandlers,
      pwned: typeof window.__pwned,
    };
  });
}

function expectNoInjection(before, after, what) {
  for (const tag of ['img', 'script', 'svg', 'iframe', 'objectEmbed']) {
    assertEqual(after[tag], before[tag], `${what}: number of <${tag}> elements in body (before → after)`);
  }
  assertEqual(JSON.stringify(after.inlineHandlers), JSON.stringify(before.inlineHandlers), `${what}: inline on* handler attributes`);
  assertEqual(after.pwned, 'undefined', `${what}: typeof window.__pwned`);
}

// --- tests -------------------------------------------------------------------

const tests = [];

// ---- token shape ------------------------------------------------------------

tests.push({
  name: 'empty input: no token-error, no panic; a good token decodes after',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    await setToken(page, '');
    // The sample's header must be gone (the empty input was processed) ...
    const goodHeader = pretty(JSON.parse(headerOf(good)));
    await poll(
      async () => {
        const actual = await textOf(page, HEADER);
        return { ok: actual !== goodHeader, actual };
      },
      `${HEADER} to stop showing the previous token`,
    );
    // ... and empty input is not an error.
    await new Promise((r) => setTimeout(r, 300));
    await expectCount(page, ERROR, 0);
    await expectNoPanic(page);
    await expectRecovers(page, good);
  },
});

tests.push({
  name: 'only dots (".", "..", "....") give a token-error naming the problem',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    await expectTokenError(page, '.', 'this input has 2 parts');
    await expectRecovers(page, good);
    // 3 empty parts: the header (part 1) is empty.
    await expectTokenError(page, '..', ['header', 'empty']);
    await expectRecovers(page, good);
    // 5 empty parts: the JWE shape, but nothing in it: its header is empty.
    await expectTokenError(page, '....', ['header', 'empty']);
    await expectRecovers(page, good);
  },
});

for (const n of [2, 4, 6, 50]) {
  tests.push({
    name: `${n} parts: token-error says "this input has ${n} parts"`,
    run: async ({ page, baseUrl }) => {
      const good = await start(page, baseUrl);
      const segs = good.split('.');
      const parts = Array.from({ length: n }, (_, i) => segs[i % 3]);
      await expectTokenError(page, parts.join('.'), `this input has ${n} parts`);
      await expectRecovers(page, good);
    },
  });
}

tests.push({
  name: '5 parts of random bytes: a JWE whose header shows, with the jwe finding, no token-error, and a failed decryption',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const header = '{"alg":"RSA-OAEP","enc":"A256GCM","kid":"hostile-jwe"}';
    const jwe = [b64url(header), b64url(crypto.randomBytes(256)), b64url(crypto.randomBytes(12)), b64url(crypto.randomBytes(64)), b64url(crypto.randomBytes(16))].join('.');
    await setToken(page, jwe);
    await waitText(page, HEADER, pretty(JSON.parse(header)));
    await waitPresent(page, finding('jwe'));
    await expectCount(page, ERROR, 0);
    await waitAttrs(page, '[data-testid=jwe-status]', 'data-status', ['key-error'], 15000);
    await expectNoPanic(page);
    await expectRecovers(page, good);
  },
});

tests.push({
  name: '10 MB paste decodes without freezing the tab; a good token decodes after',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    // The runner allows 30 s per test: keep inside it so a freeze is reported here, precisely.
    const started = Date.now();
    const budgetLeft = () => 28000 - (Date.now() - started);

    const header = '{"alg":"HS256","typ":"JWT","kid":"ten-megabytes"}';
    const paste = await within(
      page.evaluate(
        ({ selector, headerSeg }) => {
          // Main-thread watch: the longest gap between timer ticks and the long tasks seen.
          const watch = { last: performance.now(), maxGap: 0, longTasks: [] };
          window.__hostileWatch = watch;
          setInterval(() => {
            const now = performance.now();
            watch.maxGap = Math.max(watch.maxGap, now - watch.last);
            watch.last = now;
          }, 20);
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) watch.longTasks.push(Math.round(e.duration));
          }).observe({ type: 'longtask', buffered: false });
          // {"data":"xxxx…"} whose base64url is ~10 MB; built in the page, set via the textarea.
          const fill = 'x'.repeat(7_500_000);
          const payload = btoa(`{"data":"${fill}"}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
          const token = `${headerSeg}.${payload}.c2ln`;
          const el = document.querySelector(selector);
          const t0 = performance.now();
          el.value = token;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          return { length: token.length, dispatchMs: performance.now() - t0 };
        },
        { selector: '[data-testid=token-input]', headerSeg: b64url(header) },
      ),
      budgetLeft(),
      '10 MB paste',
    );
    assert(paste.length >= 10_000_000, `the paste is only ${paste.length} characters`);

    // The decode must finish: header shown, payload shown, no error.
    const tDecode = Date.now();
    await within(waitText(page, HEADER, pretty(JSON.parse(header)), budgetLeft()), budgetLeft(), '10 MB decode');
    await within(
      waitContains(page, PAYLOAD, '{\n  "data": "xxxxxxxxxx', budgetLeft()),
      budgetLeft(),
      '10 MB payload display',
    );
    const decodeMs = Date.now() - tDecode;
    await expectCount(page, ERROR, 0);
    await expectNoPanic(page);
    console.log(
      `     [hostile] 10 MB paste (${paste.length} chars): input handler ${paste.dispatchMs.toFixed(0)} ms, ` +
        `header+payload shown ${decodeMs} ms after the handler returned (${paste.dispatchMs + decodeMs | 0} ms total)`,
    );

    // Still responsive: a good token decodes again within the remaining (generous) budget.
    const tRecover = Date.now();
    await within(expectRecovers(page, good, Math.max(1000, budgetLeft())), Math.max(1000, budgetLeft()), 'recovery after 10 MB');
    const recoverMs = Date.now() - tRecover;
    const watch = await page.evaluate(() => ({
      maxGap: Math.round(window.__hostileWatch.maxGap),
      longTasks: window.__hostileWatch.longTasks,
    }));
    const top = [...watch.longTasks].sort((a, b) => b - a).slice(0, 5);
    console.log(
      `     [hostile] good token decoded ${recoverMs} ms after the 10 MB paste; main thread: longest timer gap ` +
        `${watch.maxGap} ms, ${watch.longTasks.length} long task(s), longest ${top.join(', ') || '-'} ms`,
    );
  },
});

// ---- base64 variants --------------------------------------------------------

tests.push({
  name: "standard base64 ('=' padding, '+' and '/') decodes with a non-base64url warning",
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    // A header whose standard base64 needs '=' padding, a payload whose has '+', '/' and '='.
    let header;
    for (let i = 0; ; i += 1) {
      header = `{"alg":"HS256","typ":"JWT","kid":"pad${'x'.repeat(i)}"}`;
      if (Buffer.from(header).toString('base64').endsWith('=')) break;
    }
    const payload = '{"sub":"std-b64?>~","n":"ÿ??>>>~~~"}';
    const h64 = Buffer.from(header).toString('base64');
    const p64 = Buffer.from(payload).toString('base64');
    assert(h64.endsWith('=') && p64.includes('+') && p64.includes('/') && p64.endsWith('='), `test data lost its shape: ${h64} ${p64}`);

    await expectDecodes(page, `${h64}.${p64}.c2ln`, pretty(JSON.parse(header)), pretty(JSON.parse(payload)));
    await waitPresent(page, finding('non-base64url'));
    await waitContains(page, finding('non-base64url'), 'base64url');
    await expectRecovers(page, good);

    // '+' and '/' alone (no padding anywhere).
    const p2 = '{"sub":"std-b64?>~","m":"ÿ??>>>~~"}';
    let p2b64 = Buffer.from(p2).toString('base64');
    assert(/[+/]/.test(p2b64), `no + or / in ${p2b64}`);
    p2b64 = p2b64.replace(/=+$/, '');
    const h2 = '{"alg":"HS256","typ":"JWT","kid":"plus-slash"}';
    await expectDecodes(page, `${b64url(h2)}.${p2b64}.c2ln`, pretty(JSON.parse(h2)), pretty(JSON.parse(p2)));
    await waitPresent(page, finding('non-base64url'));
    await expectRecovers(page, good);
  },
});

tests.push({
  name: 'spaces and newlines inside a token: decodes, input-cleaned',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const header = '{"alg":"HS256","typ":"JWT","kid":"spaced"}';
    const payload = '{"sub":"spaced-out","iat":1767225600,"exp":4102444800}';
    const [h, p, s] = makeToken(header, payload).split('.');
    const spaced = `${h.slice(0, 7)} ${h.slice(7, 20)}\n${h.slice(20)}. ${p.slice(0, 11)}  ${p.slice(11)}\n.${s}`;
    await expectDecodes(page, spaced, pretty(JSON.parse(header)), pretty(JSON.parse(payload)));
    await waitPresent(page, finding('input-cleaned'));
    await expectRecovers(page, good);
  },
});

tests.push({
  name: "non-ASCII 'é' inside a segment: token-error says not base64url, part and offset",
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const [h, p, s] = makeToken('{"alg":"HS256","typ":"JWT"}', '{"sub":"accent"}').split('.');
    const at = 5;
    const bad = `${h}.${p.slice(0, at)}é${p.slice(at)}.${s}`;
    await expectTokenError(page, bad, ['payload', 'not base64url', `offset ${at}`]);
    await expectRecovers(page, good);
  },
});

// ---- decoded content --------------------------------------------------------

tests.push({
  name: 'invalid UTF-8 in the header: token-error says UTF-8 and where',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    // {"alg":"\xff\xfe"} — bytes 8 and 9 are not UTF-8.
    const headerBytes = Buffer.concat([Buffer.from('{"alg":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const token = `${b64url(headerBytes)}.${b64url('{"sub":"x"}')}.c2ln`;
    await expectTokenError(page, token, ['header', 'UTF-8', 'byte 8']);
    await expectRecovers(page, good);
  },
});

tests.push({
  name: 'JSON nested 10 000 deep in the payload: token-error says nested too deeply',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const depth = 10000;
    const payload = `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const token = makeToken('{"alg":"HS256","typ":"JWT"}', payload);
    await expectTokenError(page, token, ['payload', 'nested too deeply']);
    // Objects too, not just arrays.
    const objs = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    await expectRecovers(page, good);
    await expectTokenError(page, makeToken('{"alg":"HS256","typ":"JWT"}', objs), ['payload', 'nested too deeply']);
    await expectRecovers(page, good);
  },
});

tests.push({
  name: 'payload numbers 1e400, -0 and a 30-digit integer are shown exactly as written',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const header = '{"alg":"HS256","typ":"JWT","kid":"numbers"}';
    const payload = '{"huge":1e400,"negzero":-0,"long":123456789012345678901234567890,"neg":-98765432109876543210987654321}';
    const expected =
      '{\n  "huge": 1e400,\n  "negzero": -0,\n  "long": 123456789012345678901234567890,\n  "neg": -98765432109876543210987654321\n}';
    await expectDecodes(page, makeToken(header, payload), pretty(JSON.parse(header)), expected);
    // The claims view shows the same literals.
    assert((await claimText(page, 'huge')).includes('1e400'), 'claim "huge" does not show 1e400');
    assert((await claimText(page, 'negzero')).includes('-0'), 'claim "negzero" does not show -0');
    assert(
      (await claimText(page, 'long')).includes('123456789012345678901234567890'),
      'claim "long" does not show all 30 digits',
    );
    await expectRecovers(page, good);
  },
});

// NUL must be escaped in JSON; U+202E and U+200B are written raw (UTF-8), and once escaped.
const HIDDEN_HEADER = '{"alg":"HS256","typ":"JWT","kid":"hidden-chars"}';
const HIDDEN_PAYLOAD =
  '{"nul":"a\\u0000b","rlo":"invoice\u202Efdp.exe","zw":"p\u200Bq","esc":"x\\u202ey\\u200bz","a\u200Bdmin":true}';
const HIDDEN_EXPECTED =
  '{\n' +
  '  "nul": "a\\u0000b",\n' +
  '  "rlo": "invoice\\u202efdp.exe",\n' +
  '  "zw": "p\\u200bq",\n' +
  '  "esc": "x\\u202ey\\u200bz",\n' +
  '  "a\\u200bdmin": true\n' +
  '}';

tests.push({
  name: 'NUL, U+202E and U+200B in strings and keys: payload-json shows \\u escapes, no raw characters',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    await expectDecodes(page, makeToken(HIDDEN_HEADER, HIDDEN_PAYLOAD), pretty(JSON.parse(HIDDEN_HEADER)), HIDDEN_EXPECTED);
    const shown = await textOf(page, PAYLOAD);
    for (const [ch, name] of [['\u0000', 'NUL'], ['\u202E', 'U+202E'], ['\u200B', 'U+200B']]) {
      assert(!shown.includes(ch), `payload-json textContent contains a raw ${name}`);
    }
    for (const esc of ['\\u0000', '\\u202e', '\\u200b']) {
      assert(shown.includes(esc), `payload-json textContent lacks the literal ${esc}`);
    }
    await expectRecovers(page, good);
  },
});

tests.push({
  name: 'NUL, U+202E and U+200B in claim values and the key "a\\u200bdmin": claims view shows \\u escapes',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    await expectDecodes(page, makeToken(HIDDEN_HEADER, HIDDEN_PAYLOAD), pretty(JSON.parse(HIDDEN_HEADER)), HIDDEN_EXPECTED);
    const problems = [];
    for (const [name, esc, raw] of [
      ['nul', '\\u0000', '\u0000'],
      ['rlo', '\\u202e', '\u202E'],
      ['zw', '\\u200b', '\u200B'],
    ]) {
      const text = await claimText(page, name);
      if (!text.includes(esc) || text.includes(raw)) {
        problems.push(`claim ${name}: expected the literal ${esc} and no raw character; got ${JSON.stringify(text)}`);
      }
    }
    // The impostor key: must not read as "admin".
    const rows = await claimsOf(page);
    const row = rows.find((r) => r.name === 'a\u200Bdmin' || r.name === 'a\\u200bdmin');
    if (!row) {
      problems.push(`no ${CLAIM} row for the key a\\u200bdmin; rows: ${JSON.stringify(rows.map((r) => r.name))}`);
    } else if (!row.text.includes('a\\u200bdmin') || row.text.includes('\u200B')) {
      problems.push(
        `claim key a\\u200bdmin: expected the text to show the literal escape a\\u200bdmin and no raw U+200B; ` +
          `got ${JSON.stringify(row.text)} (raw U+200B present: ${row.text.includes('\u200B')})`,
      );
    }
    if (problems.length) throw new Error(problems.join('\n'));
    await expectRecovers(page, good);
  },
});

for (const [label, algJson, word] of [
  ['a number', '256', 'number'],
  ['an array', '["HS256","RS256"]', 'array'],
  ['null', 'null', 'null'],
]) {
  tests.push({
    name: `header alg as ${label}: token-error mentions "alg", verify-status malformed`,
    run: async ({ page, baseUrl }) => {
      const good = await start(page, baseUrl);
      const token = makeToken(`{"alg":${algJson},"typ":"JWT"}`, '{"sub":"alg-type"}');
      await expectTokenError(page, token, ['"alg"', word]);
      await waitStatus(page, 'malformed');
      await expectRecovers(page, good);
    },
  });
}

// ---- keys -------------------------------------------------------------------

tests.push({
  name: 'truncated PEM and PEM with a garbage body: key-error',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const { token, pem } = rsaMaterial();
    await loadToken(page, token);

    // Cut in the middle of the base64, END line dropped.
    const lines = pem.trim().split('\n');
    const body = lines.slice(1, -1).join('\n');
    const truncated = `${lines[0]}\n${body.slice(0, Math.floor(body.length / 2))}`;
    await tryKey(page, truncated, 'key-error', ['PEM', 'END']);
    // Same, but with the END line kept (DER cut short).
    await tryKey(page, `${truncated}\n${lines[lines.length - 1]}\n`, 'key-error', ['PUBLIC KEY']);

    // Garbage body: not base64 at all ...
    await tryKey(page, '-----BEGIN PUBLIC KEY-----\n!!!!not*base64@@@@\n$$$$%%%%^^^^\n-----END PUBLIC KEY-----\n', 'key-error', ['PEM', 'base64']);
    // ... and base64 of random bytes (not DER).
    await tryKey(page, pemOf('PUBLIC KEY', crypto.randomBytes(294)), 'key-error', ['SubjectPublicKeyInfo']);
    await tryKey(page, pemOf('RSA PUBLIC KEY', crypto.randomBytes(270)), 'key-error', ['PKCS#1']);
    await tryKey(page, pemOf('CERTIFICATE', crypto.randomBytes(800)), 'key-error', ['certificate']);

    await expectKeyRecovers(page, good);
  },
});

tests.push({
  name: 'certificate PEM with trailing data appended inside the base64: key-error',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-cert-'));
    let certPem;
    let keyPem;
    try {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/CN=test'],
        { cwd: dir, stdio: 'pipe' },
      );
      certPem = readFileSync(path.join(dir, 'c.pem'), 'utf8');
      keyPem = readFileSync(path.join(dir, 'k.pem'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const certKey = { privateKey: crypto.createPrivateKey(keyPem) };
    certKey.publicKey = crypto.createPublicKey(certKey.privateKey);
    const token = signToken('RS256', certKey, { header: { kid: 'cert-key' } });
    await loadToken(page, token);

    // Control: the untouched certificate verifies.
    await tryKey(page, certPem, 'valid');

    const der = Buffer.from(certPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    for (const extra of [Buffer.from([0x00]), Buffer.from('trailing garbage'), Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00])]) {
      await tryKey(page, pemOf('CERTIFICATE', Buffer.concat([der, extra])), 'key-error', ['certificate', 'trailing']);
    }
    await tryKey(page, certPem, 'valid');
    await expectRecovers(page, good);
  },
});

tests.push({
  name: 'RSA JWK with a 16 384-bit modulus: key-error "16384 bits" within 3 s',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const { token } = rsaMaterial();
    await loadToken(page, token);
    const n = crypto.randomBytes(2048);
    n[0] |= 0x80;
    n[n.length - 1] |= 0x01;
    const jwk = { kty: 'RSA', kid: KID, n: b64url(n), e: 'AQAB' };
    const { text, ms } = await tryKey(page, JSON.stringify(jwk), 'key-error', ['16384 bits'], 3000);
    console.log(`     [hostile] 16384-bit modulus refused in ${ms} ms: ${JSON.stringify(text)}`);
    await expectKeyRecovers(page, good);
  },
});

tests.push({
  name: 'RSA JWK missing "n": key-error naming "n"; extra unknown members: valid',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const { token, key } = rsaMaterial();
    await loadToken(page, token);
    const jwk = publicJwk(key, { kid: KID });
    const { n: _n, ...noN } = jwk;
    await tryKey(page, JSON.stringify(noN), 'key-error', ['"n"']);
    const extra = {
      ...jwk,
      use: 'sig',
      alg: 'RS256',
      x_unknown: 'ignored',
      nested: { deep: [1, 2, { three: null }] },
      '<b>': '</b>',
    };
    await tryKey(page, JSON.stringify(extra), 'valid');
    await expectRecovers(page, good);
  },
});

tests.push({
  name: 'JWK Set of 1 000 keys: valid within 5 s by kid, and valid with no kid (every key tried)',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const { token, tokenNoKid, key } = rsaMaterial();
    // Distinct keys: a set that repeats one key is checked once per key.
    const keys = Array.from({ length: 999 }, (_, i) => ({ ...decoyJwk(), kid: `decoy-${i}` }));
    keys.push(publicJwk(key, { kid: KID })); // the right key last: worst case when every key is tried
    const jwks = JSON.stringify({ keys });

    await loadToken(page, token);
    const byKid = await tryKey(page, jwks, 'valid', [], 5000);
    console.log(`     [hostile] JWKS of 1000 keys, token with kid: valid in ${byKid.ms} ms`);

    await loadToken(page, tokenNoKid);
    const noKid = await tryKey(page, jwks, 'valid', [], 25000);
    console.log(`     [hostile] JWKS of 1000 keys, token without kid: valid in ${noKid.ms} ms`);
    await expectRecovers(page, good);
  },
});

// ---- script injection -------------------------------------------------------

tests.push({
  name: 'script injection through claim names, values and header kid: inert, shown literally',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const before = await domSnapshot(page);

    const header = { alg: 'HS256', typ: 'JWT', kid: XSS.join('') };
    const payload = { sub: 'xss' };
    for (const s of XSS) payload[s] = s;
    const headerText = JSON.stringify(header);
    const payloadText = JSON.stringify(payload);
    await expectDecodes(page, makeToken(headerText, payloadText), pretty(header), pretty(payload));
    await waitPresent(page, finding('kid-suspicious'));
    await new Promise((r) => setTimeout(r, 200)); // let any onerror/onload fire
    expectNoInjection(before, await domSnapshot(page), 'after the hostile token');

    const shown = await textOf(page, PAYLOAD);
    for (const s of XSS) {
      const asJson = JSON.stringify(s); // "…" with \" for the quotes
      assert(shown.includes(`${asJson}: ${asJson}`), `payload-json does not show ${asJson} literally`);
    }
    assert((await textOf(page, HEADER)).includes(JSON.stringify(header.kid)), 'header-json does not show the kid literally');
    for (const s of XSS) {
      const text = await claimText(page, s);
      assert(text.includes(s), `claim ${JSON.stringify(s)}: name not shown literally; got ${JSON.stringify(text)}`);
      assert(text.includes(JSON.stringify(s)), `claim ${JSON.stringify(s)}: value not shown literally; got ${JSON.stringify(text)}`);
    }

    await expectRecovers(page, good);
    expectNoInjection(before, await domSnapshot(page), 'after recovering');
  },
});

tests.push({
  name: 'script injection through the key box: inert, status explains',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const { tokenNoKid, key } = rsaMaterial();
    await loadToken(page, tokenNoKid);
    const before = await domSnapshot(page);

    // Plain text that is neither PEM nor JWK, for an RS256 token.
    await tryKey(page, XSS.join('\n'), 'key-error', ['RSA']);
    // PEM armour around it.
    await tryKey(page, `-----BEGIN PUBLIC KEY-----\n${XSS.join('\n')}\n-----END PUBLIC KEY-----\n`, 'key-error', ['PEM']);
    // JSON that is a JWK in shape, with hostile members.
    await tryKey(page, JSON.stringify({ kty: XSS[0], n: XSS[1], e: XSS[2] }), 'key-error', ['"kty"', XSS[0]]);
    // A real key whose kid and extra members are hostile: still valid.
    const hostileJwk = publicJwk(key, { kid: XSS.join(''), [XSS[0]]: XSS[1] });
    await tryKey(page, JSON.stringify(hostileJwk), 'valid', [XSS.join('')]);
    await tryKey(page, JSON.stringify({ keys: [hostileJwk] }), 'valid', [XSS.join('')]);
    await new Promise((r) => setTimeout(r, 200));
    expectNoInjection(before, await domSnapshot(page), 'after hostile key texts');
    await expectRecovers(page, good);
  },
});

tests.push({
  name: 'kid with ../ and <script>: kid-suspicious finding shows the characters literally',
  run: async ({ page, baseUrl }) => {
    const good = await start(page, baseUrl);
    const before = await domSnapshot(page);
    const kid = '../../keys/<script>window.__pwned=1</script>';
    const header = { alg: 'HS256', typ: 'JWT', kid };
    await expectDecodes(page, makeToken(JSON.stringify(header), '{"sub":"kid"}'), pretty(header), pretty({ sub: 'kid' }));
    await waitPresent(page, finding('kid-suspicious'));
    const sel = finding('kid-suspicious');
    const severity = await page.$eval(sel, (el) => el.getAttribute('data-severity'));
    assertEqual(severity, 'danger', 'kid-suspicious severity');
    const text = await textOf(page, sel);
    assert(
      text.includes('../') && text.includes('<script>'),
      `kid-suspicious finding text should contain the literal "../" and "<script>" of the kid; got ${JSON.stringify(text)}`,
    );
    await new Promise((r) => setTimeout(r, 200));
    expectNoInjection(before, await domSnapshot(page), 'after the kid finding');
    await expectRecovers(page, good);
  },
});

export default tests;
