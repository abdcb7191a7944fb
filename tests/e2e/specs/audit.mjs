// The auditor and the teacher, end to end: every claim explained with its
// spec, every finding with its reference and in severity order, the new
// findings raised exactly when they apply (and never on ordinary provider
// tokens), and the one-click well-known-secret check.

import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../harness.mjs';

import {
  assert,
  assertEqual,
  b64url,
  openApp,
  poll,
  setKey,
  setToken,
  textOf,
  waitContains,
  waitPresent,
  waitStatus,
} from '../lib.mjs';
import { generateKey, publicJwk, signToken } from '../jws.mjs';

const finding = (code) => `[data-testid=finding][data-code=${code}]`;
const now = () => Math.floor(Date.now() / 1000);

/** An HS256 token with the given header members and claims. */
function hs256(payload, header = {}, secret = crypto.randomBytes(32)) {
  return signToken('HS256', { secret }, { header, payload });
}

/** Loads `token` and waits until its header is decoded. */
async function load(page, token) {
  await setToken(page, token);
  const header = Buffer.from(token.split('.')[0], 'base64url').toString();
  await poll(async () => {
    const actual = await textOf(page, '[data-testid=header-json]');
    return { ok: actual !== null && JSON.stringify(JSON.parse(actual)) === JSON.stringify(JSON.parse(header)), actual };
  }, 'the new header');
}

async function findingCodes(page) {
  return page.$$eval('[data-testid=finding]', (els) => els.map((e) => e.getAttribute('data-code')));
}

const tests = [];

tests.push({
  name: 'claims: every known claim of the sample has a visible one-sentence description and its spec; scopes are listed',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await waitPresent(page, '[data-testid=claim][data-claim=exp] [data-testid=claim-description]');
    const rows = await page.$$eval('[data-testid=claim]', (els) =>
      els.map((e) => ({
        name: e.getAttribute('data-claim'),
        description: e.querySelector('[data-testid=claim-description]')?.textContent ?? null,
        visible: (e.querySelector('[data-testid=claim-description]')?.getBoundingClientRect().height ?? 0) > 0,
        details: Array.from(e.querySelectorAll('.claim-details li'), (li) => li.textContent),
      })),
    );
    assertEqual(rows.map((r) => r.name).join(), 'iss,sub,aud,iat,nbf,exp,scope', 'claims in order');
    for (const r of rows) {
      assert(r.description && r.visible, `${r.name} has a visible description`);
      assert(/\.\s\S/.test(r.description), `${r.name}: a sentence then its reference: ${r.description}`);
    }
    const exp = rows.find((r) => r.name === 'exp');
    assert(exp.description.endsWith('RFC 7519 §4.1.4'), exp.description);
    assertEqual(rows.find((r) => r.name === 'scope').details.join('|'), '2 scopes:|read:messages|write:messages', 'scopes');
  },
});

tests.push({
  name: 'findings: each cites a reference, danger first, then warning, then info',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    // Cleaned input (info), expired (warning), a password claim (danger).
    const token = hs256({ iss: 'i', aud: 'a', iat: now() - 7200, exp: now() - 3600, password: 'hunter2' });
    await setToken(page, `Bearer ${token}`);
    await waitPresent(page, finding('sensitive-data'));
    const list = await page.$$eval('[data-testid=finding]', (els) =>
      els.map((e) => ({
        code: e.getAttribute('data-code'),
        severity: e.getAttribute('data-severity'),
        ref: e.querySelector('[data-testid=finding-ref]')?.textContent ?? null,
      })),
    );
    const rank = { danger: 0, warning: 1, info: 2 };
    for (let i = 1; i < list.length; i++) {
      assert(rank[list[i - 1].severity] <= rank[list[i].severity], `order: ${JSON.stringify(list)}`);
    }
    for (const f of list) assert(f.ref && f.ref.length > 3, `${f.code} cites a reference`);
    assertEqual(list.find((f) => f.code === 'sensitive-data').ref, 'RFC 8725 §3.6, OWASP JWT Cheat Sheet', 'sensitive-data reference');
    assert(list.some((f) => f.code === 'expired') && list.some((f) => f.code === 'input-cleaned'), JSON.stringify(list));
  },
});

tests.push({
  name: 'findings: nested-jwt, explicit-typing, missing-iss and missing-aud appear exactly when they apply',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    const inner = hs256({ iss: 'i', aud: 'a', exp: now() + 600 });
    const outer = signToken('HS256', { secret: crypto.randomBytes(32) }, { header: { cty: 'JWT' }, payloadText: inner });
    await load(page, outer);
    await waitPresent(page, finding('nested-jwt'));
    await load(page, hs256({ exp: now() + 600 }));
    await waitPresent(page, finding('missing-iss'));
    await waitPresent(page, finding('missing-aud'));
    assert(!(await findingCodes(page)).includes('nested-jwt'), 'no nested-jwt on a plain token');
    await load(page, hs256({ iss: 'i', client_id: 'c', scope: 'read', exp: now() + 600 }));
    await waitPresent(page, finding('explicit-typing'));
    let codes = await findingCodes(page);
    assert(!codes.includes('missing-aud') && !codes.includes('missing-iss'), codes.join());
    await load(page, hs256({ iss: 'i', aud: 'a', scope: 'read', exp: now() + 600 }, { typ: 'at+jwt' }));
    await poll(async () => {
      const actual = await findingCodes(page);
      return { ok: actual.length === 0 || !actual.includes('explicit-typing'), actual };
    }, 'no explicit-typing on an at+jwt token');
  },
});

tests.push({
  name: 'findings: a kid the pasted JWK Set does not hold is kid-not-found',
  run: async ({ page, baseUrl }) => {
    const key = generateKey('ES256');
    const token = signToken('ES256', key, { header: { kid: 'rotated' }, payload: { iss: 'i', aud: 'a', exp: now() + 600 } });
    await openApp(page, baseUrl);
    await load(page, token);
    await setKey(page, JSON.stringify({ keys: [publicJwk(key, { kid: 'current' })] }));
    await waitStatus(page, 'invalid', ['rotated']);
    await waitContains(page, finding('kid-not-found'), ['rotated', 'current']);
  },
});

// Realistic ID and access tokens of the big providers, one hour long: only
// the facts that are true of them, no alarms.
function providerTokens() {
  const iat = now() - 60;
  const exp = iat + 3600;
  return [
    {
      name: 'Google ID token',
      header: { kid: 'a1b2', typ: 'JWT' },
      payload: {
        iss: 'https://accounts.google.com', azp: '1234.apps.googleusercontent.com', aud: '1234.apps.googleusercontent.com',
        sub: '110169484474386276334', hd: 'example.com', email: 'ada@example.com', email_verified: true,
        at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q', nonce: 'n-0S6_WzA2Mj', name: 'Ada Lovelace', picture: 'https://lh3.googleusercontent.com/a/x',
        given_name: 'Ada', family_name: 'Lovelace', iat, exp,
      },
      expected: [],
    },
    {
      name: 'Microsoft Entra access token',
      header: { typ: 'JWT', nonce: 'abc', x5t: 'x', kid: 'x' },
      payload: {
        aud: 'api://my-api', iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/', iat, nbf: iat, exp,
        acr: '1', aio: 'AWQAm', amr: ['pwd', 'mfa'], appid: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', appidacr: '0',
        family_name: 'Lovelace', given_name: 'Ada', idp: 'https://sts.windows.net/x/', ipaddr: '203.0.113.7', name: 'Ada Lovelace',
        oid: '00000000-0000-0000-66f3-3332eca7ea81', rh: '0.AAAA', roles: ['Reader'], scp: 'User.Read Files.Read',
        sub: 'OKqnsKDVtMK5', tid: '72f988bf-86f1-41af-91ab-2d7cd011db47', unique_name: 'ada@contoso.com',
        upn: 'ada@contoso.com', uti: 'fqiBqXLPj0eQa82S-IYFAA', ver: '1.0', wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
      },
      expected: ['explicit-typing'],
    },
    {
      name: 'Auth0 access token',
      header: { typ: 'at+jwt', kid: 'k' },
      payload: {
        iss: 'https://example.us.auth0.com/', sub: 'auth0|64f1', aud: ['https://api.example.com', 'https://example.us.auth0.com/userinfo'],
        iat, exp, scope: 'openid profile read:messages', azp: 'Xy12', permissions: ['read:messages'], org_id: 'org_123', gty: 'password',
      },
      expected: [],
    },
    {
      name: 'Amazon Cognito access token',
      header: { kid: 'k' },
      payload: {
        sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', 'cognito:groups': ['admin'], iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example',
        version: 2, client_id: '7abc', origin_jti: 'f00', event_id: 'e0', token_use: 'access', scope: 'aws.cognito.signin.user.admin',
        auth_time: iat, exp, iat, jti: 'j1', username: 'ada',
      },
      expected: ['explicit-typing'],
    },
    {
      name: 'Keycloak access token',
      header: { typ: 'JWT', kid: 'k' },
      payload: {
        exp, iat, jti: 'onrtac:1', iss: 'https://sso.example.com/realms/demo', aud: 'account', sub: 'f:1', typ: 'Bearer', azp: 'web',
        sid: 's1', acr: '1', 'allowed-origins': ['https://app.example.com'], realm_access: { roles: ['user'] },
        resource_access: { account: { roles: ['view-profile'] } }, scope: 'openid email profile', email_verified: true,
        preferred_username: 'ada', session_state: 'aaaa-bbbb',
      },
      expected: ['explicit-typing'],
    },
  ];
}

tests.push({
  name: 'no false alarms: Google, Entra, Auth0, Cognito and Keycloak-shaped tokens raise only what is true of them',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    for (const t of providerTokens()) {
      const key = generateKey('RS256');
      await load(page, signToken('RS256', key, { header: t.header, payload: t.payload }));
      await poll(async () => {
        const actual = await findingCodes(page);
        return { ok: actual.join() === t.expected.join(), actual };
      }, `${t.name}: findings ${JSON.stringify(t.expected)}`);
    }
  },
});

tests.push({
  name: 'well-known secret: found, named and used in one click; an unlisted one is not found and the count is said',
  run: async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await load(page, hs256({ iss: 'i', aud: 'a', exp: now() + 600 }, {}, Buffer.from('your-256-bit-secret')));
    await setKey(page, '');
    await waitStatus(page, 'no-key');
    await page.click('[data-testid=crack-secret]');
    await waitContains(page, '[data-testid=crack-result][data-status=found]', ['your-256-bit-secret', 'Anyone can forge'], 20000);
    await page.click('[data-testid=crack-use]');
    await waitStatus(page, 'valid');
    assertEqual(await page.$eval('[data-testid=key-input]', (el) => el.value), 'your-256-bit-secret', 'key box');

    await load(page, hs256({ iss: 'i', aud: 'a', exp: now() + 600 }));
    await page.click('[data-testid=crack-secret]');
    const text = await waitContains(page, '[data-testid=crack-result][data-status=not-found]', 'secrets tried', 20000);
    const tried = Number(/(\d+) well-known secrets tried/.exec(text)?.[1]);
    assert(tried >= 10000, `tried ${tried} (${text})`);
  },
});

tests.push({
  name: 'well-known secret: the list is not requested on a first visit, only when the check is used',
  run: async ({ page, baseUrl }) => {
    const requested = [];
    page.context().on('request', (r) => requested.push(r.url()));
    await openApp(page, baseUrl);
    await waitStatus(page, 'valid');
    await page.waitForTimeout(1500);
    assert(!requested.some((u) => u.endsWith('/weak-secrets.txt')), `first visit requested: ${requested.join(' ')}`);
    await page.click('[data-testid=crack-secret]');
    await waitPresent(page, '[data-testid=crack-result][data-status=found]', 20000);
    assert(requested.some((u) => u.endsWith('/weak-secrets.txt')), 'fetched on use');
  },
});

tests.push({
  name: 'signature steps: the signing input, the hash an RSA key signs, and an HMAC mismatch marked character by character',
  run: async ({ page, baseUrl }) => {
    const key = generateKey('RS256');
    const token = signToken('RS256', key, { payload: { iss: 'i', aud: 'a', exp: now() + 600 } });
    await openApp(page, baseUrl);
    await load(page, token);
    await page.click('[data-testid=signature-steps] summary');
    const input = token.split('.').slice(0, 2).join('.');
    const sha = crypto.createHash('sha256').update(input).digest('hex');
    await waitContains(page, '[data-testid=signature-steps]', [input, `SHA-256 of the signing input:${sha}`, 'does not hide anything']);

    await load(page, hs256({ iss: 'i', aud: 'a', exp: now() + 600 }, {}, Buffer.from('the right secret, 32 bytes long!')));
    await setKey(page, 'a wrong secret that is long enough');
    await waitStatus(page, 'invalid');
    await page.click('[data-testid=signature-steps] summary');
    const marked = await page.$eval('[data-testid=signature-diff]', (el) => ({
      text: el.textContent,
      marks: el.querySelectorAll('mark').length,
    }));
    const tokenSig = (await page.$eval('[data-testid=token-input]', (el) => el.value)).trim().split('.')[2];
    assertEqual(marked.text, tokenSig, 'the marked text is the token\'s signature');
    assert(marked.marks > 0, 'differences are marked');
  },
});

tests.push({
  name: 'key sources: a fetch command for the issuer\'s keys (never fetched), and the embedded jwk used only on request, with a warning',
  run: async ({ page, baseUrl }) => {
    const key = generateKey('ES256');
    const token = signToken('ES256', key, {
      header: { jwk: publicJwk(key) },
      payload: { iss: 'https://issuer.example/', aud: 'a', exp: now() + 600 },
    });
    const requested = [];
    page.context().on('request', (r) => requested.push(r.url()));
    await openApp(page, baseUrl);
    await load(page, token);
    await waitContains(
      page,
      '[data-testid=fetch-keys-command]',
      "curl -s 'https://issuer.example/.well-known/openid-configuration' | jq -r .jwks_uri | xargs curl -s",
    );
    await setKey(page, '');
    await waitStatus(page, 'no-key');
    await page.click('[data-testid=verify-embedded]');
    await waitStatus(page, 'valid');
    await waitContains(page, '[data-testid=embedded-key-note]', 'says nothing about who issued it');
    assert(!requested.some((u) => u.includes('issuer.example')), 'nothing fetched from the issuer');
  },
});

tests.push({
  name: 'x5c: the chain is read out in the worker (subject, issuer, dates) and an expired certificate is a warning',
  run: async ({ page, baseUrl }) => {
    // A self-signed certificate valid for one day in November 2026.
    const der = readFileSync(path.join(repoRoot, 'fuzz/seeds/keys/c.der'));
    const key = generateKey('RS256');
    const token = signToken('RS256', key, {
      header: { x5c: [der.toString('base64')] },
      payload: { iss: 'i', aud: 'a', exp: now() + 600 },
    });
    await openApp(page, baseUrl);
    await load(page, token);
    await waitContains(page, finding('x5c-chain'), [
      'Certificate 1: subject "CN=seed", issued by "CN=seed", valid from 2026-11-24 04:44:47 UTC to 2026-11-25 04:44:47 UTC',
      'expired',
    ]);
    assertEqual(await page.$eval(finding('x5c-chain'), (el) => el.getAttribute('data-severity')), 'warning', 'severity');
  },
});

export default tests;
