// Giant tokens, pasted for real (Ctrl+V from the clipboard): the token box
// shows a window of the token with a note and a way to copy all of it; a
// payload over 1 MB shows a window of its pretty JSON with a note; a payload
// under that is shown whole; the claims list explains the first 100 claims;
// and the whole token is still what is decoded, verified and copied.
//
// Timing is not judged here (`make bench` measures it); this checks what the
// user sees and gets.

import crypto from 'node:crypto';

import {
  assert, assertEqual, b64url, countOf, openApp, poll, pretty, setKey, textOf, waitContains, waitPresent,
  waitStatus, waitText, expectCount, getTokenValue, TOKEN_INPUT,
} from '../lib.mjs';

const SECRET = 'a-secret-for-a-giant-token';
const HEADER = { alg: 'HS256', typ: 'JWT', kid: 'giant' };
const WINDOW_CHARS = 16 * 1024;
const WINDOW_BYTES = 64 * 1024;

/** An HS256 token signed with SECRET whose payload JSON is about `jsonBytes`
 *  long, in claims of 120 characters, led by `sub`. */
function giantToken(jsonBytes) {
  const claims = { sub: 'giant-user', iat: 1767225600 };
  const fill = crypto.randomBytes(jsonBytes).toString('base64url');
  let length = JSON.stringify(claims).length;
  for (let i = 0; length < jsonBytes; i += 1) {
    const value = fill.slice((i * 120) % (fill.length - 120), ((i * 120) % (fill.length - 120)) + 120);
    claims[`claim_${i}`] = value;
    length += `,"claim_${i}":"${value}"`.length;
  }
  const payloadJson = JSON.stringify(claims);
  const input = `${b64url(JSON.stringify(HEADER))}.${b64url(payloadJson)}`;
  const sig = crypto.createHmac('sha256', SECRET).update(input).digest('base64url');
  return { token: `${input}.${sig}`, claims, payloadJson };
}

const grouped = (n) => n.toLocaleString('en-US');

async function pasteToken(page, baseUrl, token) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await page.evaluate((t) => navigator.clipboard.writeText(t), token);
  await page.focus(TOKEN_INPUT);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

async function clipboardAfterClicking(page, selector) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click(selector);
  let text = '';
  await poll(async () => {
    text = await page.evaluate(() => navigator.clipboard.readText());
    return { ok: text.length > 0, actual: `${text.length} characters` };
  }, `the clipboard after clicking ${selector}`);
  return text;
}

export default [
  {
    name: 'a 1.5 MB token pasted with Ctrl+V decodes and verifies whole, shown in windows with notes',
    timeoutMs: 60000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const { token, claims, payloadJson } = giantToken(1_200_000);
      await pasteToken(page, baseUrl, token);
      await waitText(page, '[data-testid=header-json]', pretty(HEADER), 20000);
      await setKey(page, SECRET);
      await waitStatus(page, 'valid', ['HS256'], 20000);

      // The box holds the token's opening; the note says how long it is.
      assertEqual(await getTokenValue(page), token.slice(0, WINDOW_CHARS), 'the token box');
      await waitContains(page, '[data-testid=token-window-note]', [
        `This token is ${grouped(token.length)} characters long: the box shows the first ${grouped(WINDOW_CHARS)}`,
      ]);

      // The payload's pretty JSON is shown from its start, at least 64 KB of it.
      const whole = pretty(claims);
      const shown = await textOf(page, '[data-testid=payload-json]');
      assert(whole.startsWith(shown), 'payload-json is not the start of the pretty payload');
      assert(shown.length >= WINDOW_BYTES && shown.length < whole.length,
        `payload-json holds ${shown.length} of ${whole.length} characters`);
      await waitContains(page, '[data-testid=json-window-note]', [
        `The payload is ${grouped(Math.floor(payloadJson.length / 1024))} KB of JSON: only its first ${grouped(Math.ceil(shown.length / 1024))} KB are shown here`,
      ]);

      // The first 100 claims are explained; the note counts the rest.
      const count = Object.keys(claims).length;
      await expectCount(page, '[data-testid=claim]', 100);
      await waitText(page, '[data-testid=claims-more]',
        `…and ${grouped(count - 100)} more claims, listed in the payload's JSON above. The first 100 are explained here.`);

      // Copy gives all of it: the token, and the payload as the token carries it.
      assertEqual(await clipboardAfterClicking(page, '[data-testid=token-window-note] button'), token, 'copied token');
      assertEqual(await clipboardAfterClicking(page, 'button[aria-label="Copy payload"]'), payloadJson, 'copied payload');
    },
  },
  {
    name: 'a 400 KB token shows its payload whole (no window), and the box its opening',
    timeoutMs: 40000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const { token, claims } = giantToken(300_000);
      await pasteToken(page, baseUrl, token);
      await waitText(page, '[data-testid=payload-json]', pretty(claims), 20000);
      await expectCount(page, '[data-testid=json-window-note]', 0);
      assertEqual(await getTokenValue(page), token.slice(0, WINDOW_CHARS), 'the token box');
      await waitPresent(page, '[data-testid=token-window-note]');
    },
  },
  {
    name: 'over a giant token, a paste replaces it whole and typing replaces it with what the box holds',
    timeoutMs: 60000,
    run: async ({ page, baseUrl }) => {
      await openApp(page, baseUrl);
      const { token } = giantToken(600_000);
      await pasteToken(page, baseUrl, token);
      await waitPresent(page, '[data-testid=token-window-note]', 20000);

      const small = `${b64url('{"alg":"HS256"}')}.${b64url('{"sub":"small"}')}.c2ln`;
      await pasteToken(page, baseUrl, small);
      await waitText(page, '[data-testid=payload-json]', pretty({ sub: 'small' }), 20000);
      assertEqual(await getTokenValue(page), small, 'the token box after pasting a small token');
      await expectCount(page, '[data-testid=token-window-note]', 0);

      await pasteToken(page, baseUrl, token);
      await waitPresent(page, '[data-testid=token-window-note]', 20000);
      await page.focus(TOKEN_INPUT);
      await page.keyboard.press('Control+End');
      await page.keyboard.type('!');
      await poll(async () => {
        const value = await getTokenValue(page);
        return { ok: value === `${token.slice(0, WINDOW_CHARS)}!`, actual: `${value.length} characters ending ${JSON.stringify(value.slice(-12))}` };
      }, 'the token to become the window plus the typed character', 20000);
      await expectCount(page, '[data-testid=token-window-note]', 0);
      assert((await countOf(page, '[data-testid=token-error]')) > 0, 'a cut token shows a token error');
    },
  },
];
