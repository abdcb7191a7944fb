// Helpers for the e2e specs. They touch the page only through the UI
// contract's data-testid hooks and report what they saw when a wait times out.

export const DEFAULT_TIMEOUT_MS = 5000;

/** The app's sample token (loaded on start), its secret and decoded parts. */
export const SAMPLE_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
  'eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTEyMzQiLCJhdWQiOiJhcGkuZXhhbXBsZS5jb20iLCJpYXQiOjE3NjcyMjU2MDAsIm5iZiI6MTc2NzIyNTYwMCwiZXhwIjo0MTAyNDQ0ODAwLCJzY29wZSI6InJlYWQ6bWVzc2FnZXMgd3JpdGU6bWVzc2FnZXMifQ.' +
  '5-ccvCXDIL_nG6yX2SWyAsf2MPfWNJs5WuEdVXl3CdE';
export const SAMPLE_SECRET = 'this-is-the-sample-secret-for-hs256';
export const SAMPLE_HEADER = { alg: 'HS256', typ: 'JWT' };
export const SAMPLE_PAYLOAD = {
  iss: 'https://auth.example.com',
  sub: 'user-1234',
  aud: 'api.example.com',
  iat: 1767225600,
  nbf: 1767225600,
  exp: 4102444800,
  scope: 'read:messages write:messages',
};

const POLL_MS = 50;

export const TOKEN_INPUT = '[data-testid=token-input]';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** base64url without padding, from a string (UTF-8) or a Buffer. */
export function b64url(data) {
  return Buffer.from(data).toString('base64url');
}

/** A compact JWS from header/payload given as JSON text (kept byte for byte). */
export function makeToken(headerText, payloadText, signature = 'c2ln') {
  return `${b64url(headerText)}.${b64url(payloadText)}.${signature}`;
}

/** Same text the app must show: 2-space pretty print. */
export function pretty(value) {
  return JSON.stringify(value, null, 2);
}

/**
 * Loads the app (optionally with a #fragment) and waits until the token
 * textarea exists, i.e. the wasm module has started and rendered.
 */
export async function openApp(page, baseUrl, { hash = '', timeoutMs = 20000 } = {}) {
  await page.goto(`${baseUrl}/${hash ? `#${hash}` : ''}`, { waitUntil: 'load' });
  await page.waitForSelector(TOKEN_INPUT, { state: 'attached', timeout: timeoutMs });
}

/** Sets a textarea's value and fires a bubbling `input` event, as typing does. */
export async function setTextarea(page, selector, text) {
  await page.evaluate(
    ({ selector, value }) => {
      const el = document.querySelector(selector);
      if (!el) throw new Error(`${selector} not found`);
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    { selector, value: text },
  );
}

/** Sets the token textarea, as typing or pasting does. */
export async function setToken(page, text) {
  await setTextarea(page, TOKEN_INPUT, text);
}

/** Current value of the token textarea. */
export async function getTokenValue(page) {
  return page.$eval(TOKEN_INPUT, (el) => el.value);
}

/**
 * Polls `probe` (async, returns { ok, actual }) until ok or timeout; on
 * timeout throws `what` plus the last actual value.
 */
export async function poll(probe, what, timeoutMs = DEFAULT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last.ok) return last.actual;
    if (Date.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; actual: ${describe(last.actual)}`);
}

function describe(actual) {
  if (actual === null) return '(element not found)';
  if (actual === undefined) return '(undefined)';
  return JSON.stringify(actual);
}

/** textContent of the first match, or null when there is none. */
export async function textOf(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el ? el.textContent : null;
  }, selector);
}

export async function countOf(page, selector) {
  return page.evaluate((sel) => document.querySelectorAll(sel).length, selector);
}

/** Waits until the first match's textContent === expected. */
export async function waitText(page, selector, expected, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return poll(
    async () => {
      const actual = await textOf(page, selector);
      return { ok: actual === expected, actual };
    },
    `${selector} text to be ${JSON.stringify(expected)}`,
    timeoutMs,
  );
}

/**
 * Waits until the first match's textContent contains every one of `parts`
 * (a string or an array). `ignoreCase` compares case-insensitively.
 */
export async function waitContains(page, selector, parts, timeoutMs = DEFAULT_TIMEOUT_MS, { ignoreCase = false } = {}) {
  const wanted = Array.isArray(parts) ? parts : [parts];
  const norm = (s) => (ignoreCase ? s.toLowerCase() : s);
  return poll(
    async () => {
      const actual = await textOf(page, selector);
      const ok = actual !== null && wanted.every((p) => norm(actual).includes(norm(p)));
      return { ok, actual };
    },
    `${selector} text to contain ${wanted.map((p) => JSON.stringify(p)).join(' and ')}`,
    timeoutMs,
  );
}

/** Waits until exactly `expected` elements match. */
export async function expectCount(page, selector, expected, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return poll(
    async () => {
      const actual = await countOf(page, selector);
      return { ok: actual === expected, actual };
    },
    `${expected} element(s) matching ${selector}`,
    timeoutMs,
  );
}

/** Waits until at least one element matches. */
export async function waitPresent(page, selector, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return poll(
    async () => {
      const actual = await countOf(page, selector);
      return { ok: actual > 0, actual };
    },
    `an element matching ${selector}`,
    timeoutMs,
  );
}

/** Waits until the first match is visible (rendered, non-empty box, not hidden). */
export async function waitVisible(page, selector, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return poll(
    async () => {
      const visible = await page.locator(selector).first().isVisible();
      return { ok: visible, actual: visible ? 'visible' : 'not visible or absent' };
    },
    `${selector} to be visible`,
    timeoutMs,
  );
}

/** Attribute `attr` of every match, in document order. */
export async function attrsOf(page, selector, attr) {
  return page.evaluate(
    ({ sel, name }) => Array.from(document.querySelectorAll(sel), (el) => el.getAttribute(name)),
    { sel: selector, name: attr },
  );
}

/** Waits until the list of `attr` values over all matches equals `expected`. */
export async function waitAttrs(page, selector, attr, expected, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return poll(
    async () => {
      const actual = await attrsOf(page, selector, attr);
      return { ok: JSON.stringify(actual) === JSON.stringify(expected), actual };
    },
    `${attr} of ${selector} to be ${JSON.stringify(expected)}`,
    timeoutMs,
  );
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

// --- Verification hooks ---------------------------------------------------

export const KEY_INPUT = '[data-testid=key-input]';
export const SECRET_ENCODING = '[data-testid=secret-encoding]';
export const VERIFY_STATUS = '[data-testid=verify-status]';

/** Sets the key textarea, as typing or pasting does. */
export async function setKey(page, text) {
  await setTextarea(page, KEY_INPUT, text);
}

/** Selects a secret encoding (`utf8`, `base64`, `base64url`, `hex`) and fires `change`. */
export async function setEncoding(page, value) {
  await page.evaluate(
    ({ selector, value }) => {
      const el = document.querySelector(selector);
      if (!el) throw new Error(`${selector} not found`);
      if (!Array.from(el.options, (o) => o.value).includes(value)) {
        throw new Error(`${selector} has no option ${JSON.stringify(value)}`);
      }
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { selector: SECRET_ENCODING, value },
  );
}

/** { status, text } of the verify-status element, or null when absent. */
export async function verifyStatusOf(page) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el ? { status: el.getAttribute('data-status'), text: el.textContent } : null;
  }, VERIFY_STATUS);
}

/**
 * Waits until verify-status's `data-status` is exactly `expected` and its
 * text contains every one of `parts` (case-insensitive). Returns the text.
 */
export async function waitStatus(page, expected, parts = [], timeoutMs = DEFAULT_TIMEOUT_MS) {
  const wanted = Array.isArray(parts) ? parts : [parts];
  const seen = await poll(
    async () => {
      const actual = await verifyStatusOf(page);
      const ok =
        actual !== null &&
        actual.status === expected &&
        wanted.every((p) => actual.text.toLowerCase().includes(p.toLowerCase()));
      return { ok, actual };
    },
    `verify-status data-status=${JSON.stringify(expected)}` +
      (wanted.length ? ` with text containing ${wanted.map((p) => JSON.stringify(p)).join(' and ')}` : ''),
    timeoutMs,
  );
  return seen.text;
}
