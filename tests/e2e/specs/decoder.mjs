// Decoder behaviour, driven only through the UI contract hooks
// (shared ui-contract.md): token-input, header-json, payload-json, claim,
// token-error, finding.

import { SAMPLE_TOKEN, SAMPLE_HEADER, SAMPLE_PAYLOAD } from '../lib.mjs';
import {
  b64url,
  expectCount,
  getTokenValue,
  makeToken,
  openApp,
  poll,
  pretty,
  setToken,
  textOf,
  countOf,
  assertEqual,
  waitAttrs,
  waitContains,
  waitPresent,
  waitText,
  waitVisible,
} from '../lib.mjs';



const HEADER = '[data-testid=header-json]';
const PAYLOAD = '[data-testid=payload-json]';
const ERROR = '[data-testid=token-error]';
const CLAIM = '[data-testid=claim]';

// Words in error messages are matched without regard to case.
const IGNORE_CASE = { ignoreCase: true };

async function expectSampleDecoded(page) {
  await waitText(page, HEADER, pretty(SAMPLE_HEADER));
  await waitText(page, PAYLOAD, pretty(SAMPLE_PAYLOAD));
  await expectCount(page, ERROR, 0);
}

/** After a broken token the page must keep working: the sample decodes again. */
async function expectRecovers(page) {
  await setToken(page, SAMPLE_TOKEN);
  await expectSampleDecoded(page);
}

const [sampleHeaderSeg, samplePayloadSeg, sampleSigSeg] = SAMPLE_TOKEN.split('.');

export default [
  {
    name: 'the sample token is decoded on load',
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await expectSampleDecoded(page);
      await waitAttrs(page, CLAIM, 'data-claim', ['iss', 'sub', 'aud', 'iat', 'nbf', 'exp', 'scope']);
      await waitPresent(page, `${CLAIM}[data-claim=exp] time[datetime="2100-01-01T00:00:00Z"]`);
      assertEqual(await getTokenValue(page), SAMPLE_TOKEN, 'token-input value');
    },
  },
  {
    name: 'a typed token shows keys in order and numbers exactly as written',
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      const headerText = '{"alg":"HS256","typ":"JWT","kid":"k1"}';
      const payloadText = '{"big":12345678901234567890123,"f":1e3,"neg":-0,"s":"x"}';
      await setToken(page, makeToken(headerText, payloadText, b64url('not a real signature')));
      await waitText(page, HEADER, '{\n  "alg": "HS256",\n  "typ": "JWT",\n  "kid": "k1"\n}');
      await waitText(page, PAYLOAD, '{\n  "big": 12345678901234567890123,\n  "f": 1e3,\n  "neg": -0,\n  "s": "x"\n}');
      await expectCount(page, ERROR, 0);
    },
  },
  {
    name: 'pasted noise (Bearer, whitespace, newline) is cleaned',
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await expectSampleDecoded(page);
      // Change to another token first so the assertions below cannot pass on stale output.
      await setToken(page, makeToken('{"alg":"HS256"}', '{"x":1}'));
      await waitText(page, PAYLOAD, '{\n  "x": 1\n}');
      const noisy = `  \n\tBearer ${sampleHeaderSeg}.${samplePayloadSeg.slice(0, 40)}\n${samplePayloadSeg.slice(40)}.${sampleSigSeg}  \n`;
      await setToken(page, noisy);
      await expectSampleDecoded(page);
      await waitPresent(page, '[data-testid=finding][data-code=input-cleaned]');
    },
  },
  {
    name: 'broken tokens say what is wrong and where; the page keeps working',
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await expectSampleDecoded(page);

      // Wrong number of parts.
      await setToken(page, 'abc.def');
      await waitVisible(page, ERROR);
      await waitContains(page, ERROR, '3 parts', undefined, IGNORE_CASE);
      await expectRecovers(page);

      // Five parts: a JWE, which decodes (no token-error); with the sample
      // secret as its key it cannot be decrypted (an 8-byte IV for A256GCM).
      const jwe = [b64url('{"alg":"dir","enc":"A256GCM"}'), '', b64url('iv-iv-iv-iv'), b64url('ciphertext'), b64url('tag')].join('.');
      await setToken(page, jwe);
      await waitAttrs(page, '[data-testid=jwe-status]', 'data-status', ['failed'], 15000);
      await expectCount(page, ERROR, 0);
      await expectRecovers(page);

      // A character outside base64url in the payload; the header still shows.
      const bang = `${sampleHeaderSeg}.${samplePayloadSeg.slice(0, 10)}!${samplePayloadSeg.slice(10)}.${sampleSigSeg}`;
      await setToken(page, bang);
      await waitVisible(page, ERROR);
      await waitContains(page, ERROR, ['payload', 'offset'], undefined, IGNORE_CASE);
      await waitText(page, HEADER, pretty(SAMPLE_HEADER));
      await expectRecovers(page);

      // Payload that is base64url but not valid JSON (trailing comma).
      await setToken(page, makeToken('{"alg":"HS256","typ":"JWT"}', '{"a":1,}'));
      await waitVisible(page, ERROR);
      await waitContains(page, ERROR, ['line 1', 'column'], undefined, IGNORE_CASE);
      await expectRecovers(page);
    },
  },
  {
    name: 'empty input is handled without an error',
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await expectSampleDecoded(page);
      await setToken(page, '');
      // Give the app a moment to re-render, then require a calm state:
      // no token-error, or one that says the input is empty.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await poll(
        async () => {
          const n = await countOf(page, ERROR);
          const text = n > 0 ? await textOf(page, ERROR) : null;
          return { ok: n === 0 || /empty/i.test(text ?? ''), actual: n === 0 ? 'no token-error' : text };
        },
        'token-error to be absent or to say the input is empty',
      );
      await expectRecovers(page);
    },
  },
];
