// The emulator's answers held against Okta's: real recordings (TAPE_*), documentation examples and Okta SDK
// mocks in tests/emulator/okta-wire (vendored from Okta's recordings; sources in its INDEX.md). Each test makes the request the fixture shows and compares status, the headers
// that matter, the body's shape (keys and JSON types), and Okta's error codes and texts. Ids, JWTs and dates
// differ by design and are compared by shape; every allowance is listed with the reason for it.
import { test, expect } from '@playwright/test';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorHandle } from '../../src/emulator/types.js';
import {
  catalogPattern,
  decodeJwt,
  fixtureBody,
  fixtureJwtPayload,
  htmlText,
  loadFixture,
  oauthCatalogText,
  without,
  type ShapeRules,
} from './wire-fixtures.js';
import {
  DEMO_SERVICE,
  DEMO_SPA,
  DEMO_WEB,
  authn,
  authorizeUrl,
  clientCredentials,
  codeFlow,
  endpoint,
  exchangeCode,
  jsonObject,
  pkcePair,
  randomValue,
  type WireResponse,
  send,
  sessionTokenFor,
  sidCookie,
  tokensFor,
  totpCode,
  totpFactor,
  wrongTotpCode,
} from './wire-http.js';
import { expectHeaders, expectOAuthError, expectOktaError, expectShape, expectShapeOf, expectSidCookie } from './wire-expect.js';

let emu: EmulatorHandle;

test.beforeAll(async () => {
  loadFixture('authn_POST_200_SUCCESS.docs.json'); // fails every test with a clear message when the fixtures are absent
  emu = await startEmulator({ port: 0 });
});

test.afterAll(async () => {
  await emu?.close();
});

/** Okta answers authn and the token endpoint with these headers (TAPE_api_v1_authn_POST_200_*, TAPE_*_token_*). */
const AUTHN_HEADERS = { contentType: 'application/json', rateLimit: true } as const;

/** The user object in authn answers: the docs and the recordings show passwordChanged; the auth-js mocks omit it. */
const USER_PASSWORD_CHANGED = {
  '$._embedded.user.passwordChanged': 'Okta sends passwordChanged in _embedded.user (TAPE_api_v1_authn_POST_200_*, authn docs examples)',
};

function expectFuture(iso: unknown, withinSeconds: number, label: string): void {
  expect(typeof iso, `${label} is a string`).toBe('string');
  const at = Date.parse(iso as string);
  expect(Number.isNaN(at), `${label} is an ISO date`).toBe(false);
  const delta = (at - Date.now()) / 1000;
  expect(delta, `${label} is in the future`).toBeGreaterThan(0);
  expect(delta, `${label} is at most ${withinSeconds} s ahead`).toBeLessThanOrEqual(withinSeconds + 5);
}

/** `Bearer k="v", k2="v2"` → scheme and parameters. */
function parseBearerChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const scheme = header.split(' ')[0] ?? '';
  const params: Record<string, string> = {};
  for (const m of header.slice(scheme.length).matchAll(/([a-z_]+)="([^"]*)"/gi)) params[m[1]!] = m[2]!;
  return { scheme, params };
}

function hal(href: unknown, orgUrl: string, path: string, label: string): void {
  expect(href, `${label} href`).toBe(`${orgUrl}${path}`);
}

test.describe('POST /api/v1/authn', () => {
  test('SUCCESS matches TAPE_api_v1_authn_POST_200_5ec867f8 and the authn docs example', async () => {
    const res = await authn(emu.orgUrl, 'bob@example.com');
    expect(res.status).toBe(200);
    expectHeaders(res, AUTHN_HEADERS, 'authn SUCCESS');
    const body = jsonObject(res);
    expectShapeOf(body, {
      'TAPE_api_v1_authn_POST_200_5ec867f8.json': {},
      'TAPE_api_v1_authn_POST_200_ebf37242.json': {},
      'authn_POST_200_SUCCESS.docs.json': {},
      'authn_POST_200_SUCCESS.okta-auth-js.json': { extra: USER_PASSWORD_CHANGED },
    });
    expect(body.status).toBe('SUCCESS');
    // The sessionToken lives 5 minutes: expiresAt = now + 5 min (TAPE: 01:26:45 → 01:31:45).
    expectFuture(body.expiresAt, 300, 'expiresAt');
    const user = (body._embedded as { user: { id: string; profile: Record<string, unknown> } }).user;
    expect(user.profile.login).toBe('bob@example.com');
    expect(user.id, 'user id is an Okta user id').toMatch(/^00u/);
  });

  test('MFA_REQUIRED matches authn_POST_200_MFA_REQUIRED (okta-auth-js mock and Sign-In Widget mock)', async () => {
    const res = await authn(emu.orgUrl, 'mfa@example.com');
    expect(res.status).toBe(200);
    expectHeaders(res, AUTHN_HEADERS, 'authn MFA_REQUIRED');
    const body = jsonObject(res);
    const policyOptional = {
      '$._embedded.policy': 'Okta sends _embedded.policy (remember-device settings) only in orgs whose sign-on policy has them',
    };
    const relayState = { '$.relayState': 'Okta echoes relayState only when the request sent one (okta-auth-js mock)' };
    expectShapeOf(body, {
      // The widget mock is the realistic one (vendorName, policy); the docs example has a known bug (singular `factor`).
      'authn_POST_200_MFA_REQUIRED_push_totp.widget.json': {
        optional: policyOptional,
        extra: { ...USER_PASSWORD_CHANGED, ...relayState },
        maps: { '$._embedded.policy.factorsPolicyInfo': 'keyed by factor id' },
      },
      'authn_POST_200_MFA_REQUIRED.okta-auth-js.json': {
        optional: relayState,
        extra: {
          ...USER_PASSWORD_CHANGED,
          ...policyOptional,
          '$._embedded.factors[].vendorName': 'real Okta factors carry vendorName (widget mock, gimme-aws-creds fixtures)',
        },
      },
    });
    expect(body.status).toBe('MFA_REQUIRED');
    expect(typeof body.stateToken, 'stateToken').toBe('string');
    expectFuture(body.expiresAt, 300, 'expiresAt');
    const factor = totpFactor(body);
    expect(['OKTA', 'GOOGLE'], 'a TOTP provider Okta uses (OKTA-WIRE.md)').toContain(factor.provider);
    hal(factor.verifyHref, emu.orgUrl, `/api/v1/authn/factors/${factor.id}/verify`, '_links.verify');
    const links = body._links as { cancel: { href: string; hints: { allow: string[] } } };
    hal(links.cancel.href, emu.orgUrl, '/api/v1/authn/cancel', '_links.cancel');
    expect(links.cancel.hints.allow).toEqual(['POST']);
    const factors = (body._embedded as { factors: { _links: { verify: { hints: { allow: string[] } } } }[] }).factors;
    for (const f of factors) expect(f._links.verify.hints.allow).toEqual(['POST']);
  });

  test('factor verify with a valid TOTP code matches authn_factors_verify_POST_200_SUCCESS_totp.docs', async () => {
    const first = jsonObject(await authn(emu.orgUrl, 'mfa@example.com'));
    const factor = totpFactor(first);
    const res = await send(factor.verifyHref, { json: { stateToken: first.stateToken, passCode: totpCode() } });
    expect(res.status).toBe(200);
    expectHeaders(res, AUTHN_HEADERS, 'factor verify SUCCESS');
    const body = jsonObject(res);
    expectShapeOf(body, {
      'authn_factors_verify_POST_200_SUCCESS_totp.docs.json': {},
      'TAPE_api_v1_authn_POST_200_5ec867f8.json': {},
    });
    expect(body.status).toBe('SUCCESS');
    expectFuture(body.expiresAt, 300, 'expiresAt');
  });

  test('factor verify with a wrong TOTP code answers 403 E0000068 (docs and okta-auth-js mock)', async () => {
    const first = jsonObject(await authn(emu.orgUrl, 'mfa@example.com'));
    const factor = totpFactor(first);
    const res = await send(factor.verifyHref, { json: { stateToken: first.stateToken, passCode: wrongTotpCode() } });
    expectOktaError(res, 'authn_factors_verify_POST_403_E0000068.docs.json', 'wrong passCode');
    expectOktaError(res, 'authn_factors_verify_POST_403_E0000068.okta-auth-js.json', 'wrong passCode');
  });

  test('PASSWORD_EXPIRED matches authn_POST_200_PASSWORD_EXPIRED (docs and okta-auth-js mock)', async () => {
    const res = await authn(emu.orgUrl, 'expired@example.com');
    expect(res.status).toBe(200);
    expectHeaders(res, AUTHN_HEADERS, 'authn PASSWORD_EXPIRED');
    const body = jsonObject(res);
    const policy = {
      '$._embedded.policy': 'Okta sends the password complexity policy only where the org exposes it (docs show it, the okta-auth-js mock does not)',
    };
    const relayState = { '$.relayState': 'Okta echoes relayState only when the request sent one (okta-auth-js mock)' };
    expectShapeOf(body, {
      'authn_POST_200_PASSWORD_EXPIRED.docs.json': { optional: policy, extra: relayState },
      'authn_POST_200_PASSWORD_EXPIRED.okta-auth-js.json': { optional: relayState, extra: { ...USER_PASSWORD_CHANGED, ...policy } },
    });
    expect(body.status).toBe('PASSWORD_EXPIRED');
    expect(typeof body.stateToken, 'stateToken').toBe('string');
    const links = body._links as { next: { name: string; href: string }; cancel: { href: string } };
    expect(links.next.name).toBe('changePassword');
    hal(links.next.href, emu.orgUrl, '/api/v1/authn/credentials/change_password', '_links.next');
    hal(links.cancel.href, emu.orgUrl, '/api/v1/authn/cancel', '_links.cancel');
  });

  test('a locked user gets the same 401 E0000004 as a bad password by default (OKTA-WIRE.md; authn_POST_401_E0000004.docs)', async () => {
    const res = await authn(emu.orgUrl, 'locked@example.com');
    expectOktaError(res, 'authn_POST_401_E0000004.docs.json', 'locked user, lockouts hidden');
  });

  test('LOCKED_OUT with scenario showLockedOut matches authn_POST_200_LOCKED_OUT (docs and okta-auth-js mock)', async () => {
    emu.setScenario({ showLockedOut: true });
    try {
      const res = await authn(emu.orgUrl, 'locked@example.com');
      expect(res.status).toBe(200);
      expectHeaders(res, AUTHN_HEADERS, 'authn LOCKED_OUT');
      const body = jsonObject(res);
      expectShapeOf(body, {
        'authn_POST_200_LOCKED_OUT.okta-auth-js.json': {
          optional: {
            '$._embedded': 'the docs example has no _embedded',
            '$._links.cancel': 'the docs example has no cancel link',
          },
        },
        'authn_POST_200_LOCKED_OUT.docs.json': {
          extra: {
            '$._embedded': 'the okta-auth-js mock has an empty _embedded',
            '$._links.cancel': 'the okta-auth-js mock has a cancel link',
          },
        },
      });
      expect(body.status).toBe('LOCKED_OUT');
      const next = (body._links as { next: { name: string; href: string } }).next;
      expect(next.name).toBe('unlock');
      hal(next.href, emu.orgUrl, '/api/v1/authn/recovery/unlock', '_links.next');
    } finally {
      emu.reset();
    }
  });

  test('a wrong password and an unknown user answer 401 E0000004 (docs, okta-auth-js and widget mocks)', async () => {
    const wrong = await authn(emu.orgUrl, 'bob@example.com', 'not-the-password');
    for (const f of ['authn_POST_401_E0000004.docs.json', 'authn_POST_401_E0000004.okta-auth-js.json', 'authn_POST_401_E0000004.widget.json']) {
      expectOktaError(wrong, f, 'wrong password');
    }
    expectHeaders(wrong, { rateLimit: true }, 'wrong password');
    const unknown = await authn(emu.orgUrl, 'nobody@example.com', 'whatever-it-is');
    expectOktaError(unknown, 'authn_POST_401_E0000004.docs.json', 'unknown user');
  });

  test('a stale or unknown stateToken answers 401 E0000011 (authn_ANY_401_E0000011_expired_stateToken.docs)', async () => {
    const first = jsonObject(await authn(emu.orgUrl, 'mfa@example.com'));
    const factor = totpFactor(first);
    // The emulator forgets its transactions on reset(), as Okta forgets an expired one.
    emu.reset();
    const stale = await send(factor.verifyHref, { json: { stateToken: first.stateToken, passCode: totpCode() } });
    expectOktaError(stale, 'authn_ANY_401_E0000011_expired_stateToken.docs.json', 'stale stateToken');
    expectOktaError(stale, 'authn_POST_401_E0000011_invalid_stateToken.okta-auth-js.json', 'stale stateToken');
    const unknown = await send(factor.verifyHref, { json: { stateToken: '00' + randomValue(), passCode: totpCode() } });
    expectOktaError(unknown, 'authn_ANY_401_E0000011_expired_stateToken.docs.json', 'unknown stateToken');
  });

  test('scenario rateLimit answers 429 E0000047 with X-Rate-Limit-* headers (authn_POST_429_E0000047.docs)', async () => {
    emu.reset(); // counters from earlier tests must not count against the limit
    emu.setScenario({ rateLimit: { limit: 1, windowSeconds: 60 } });
    try {
      const ok = await authn(emu.orgUrl, 'bob@example.com');
      expect(ok.status, 'the first request inside the limit').toBe(200);
      const res = await authn(emu.orgUrl, 'bob@example.com');
      expectOktaError(res, 'authn_POST_429_E0000047.docs.json', 'rate limited');
      expectOktaError(res, 'authn_POST_429_E0000047.okta-auth-js.json', 'rate limited');
      expectHeaders(res, { rateLimit: true }, 'rate limited');
      // The docs example: limit 1, remaining 0, reset in epoch seconds.
      const docs = loadFixture('authn_POST_429_E0000047.docs.json').headers as Record<string, string>;
      expect(res.headers.get('x-rate-limit-limit')).toBe(docs['X-Rate-Limit-Limit']);
      expect(res.headers.get('x-rate-limit-remaining')).toBe(docs['X-Rate-Limit-Remaining']);
      const reset = Number(res.headers.get('x-rate-limit-reset'));
      const now = Date.now() / 1000;
      expect(reset, 'X-Rate-Limit-Reset is after now').toBeGreaterThanOrEqual(Math.floor(now));
      expect(reset, 'X-Rate-Limit-Reset is within the 60 s window').toBeLessThanOrEqual(Math.ceil(now) + 61);
      expect(res.headers.get('date'), 'Date header').toBeTruthy();
    } finally {
      emu.reset();
    }
  });
});

test.describe('GET /authorize', () => {
  for (const server of ['default', 'org'] as const) {
    const tape = server === 'default' ? 'TAPE_oauth2_default_v1_authorize_GET_302_97b0d170' : 'TAPE_oauth2_v1_authorize_GET_302_2b6bb63b';
    test(`${server} server: a sessionToken gives 302 to redirect_uri?code&state and a sid cookie (${tape})`, async () => {
      const issuer = server === 'default' ? emu.issuer : emu.orgUrl;
      const fixture = loadFixture(`${tape}.json`);
      const flow = await codeFlow({ orgUrl: emu.orgUrl, issuer, client: DEMO_SPA });
      const res = flow.authorize;
      expect(res.status).toBe(fixture.status);
      expectHeaders(res, { rateLimit: true }, 'authorize 302');
      expectSidCookie(res, 'authorize 302');
      const location = new URL(res.location!);
      const recorded = new URL((fixture.headers as Record<string, string>).location!);
      expect(`${location.origin}${location.pathname}`, 'Location is the redirect_uri').toBe(DEMO_SPA.redirectUri);
      expect([...location.searchParams.keys()].sort(), 'Location query members, as recorded').toEqual([...recorded.searchParams.keys()].sort());
      expect(location.searchParams.get('state'), 'state echoed').toBe(flow.state);
      expect(location.hash, 'response_mode=query puts nothing in the fragment').toBe('');
    });
  }

  test('a user not assigned to the client is redirected with access_denied (OKTA-WIRE.md, issue transcripts)', async () => {
    const { sessionToken } = await sessionTokenFor(emu.orgUrl, 'unassigned@example.com');
    const { challenge } = pkcePair();
    const state = randomValue();
    const res = await send(
      authorizeUrl({ issuer: emu.issuer, ...DEMO_SPA, state, nonce: randomValue(), codeChallenge: challenge, sessionToken }),
      { headers: { accept: 'text/html' } },
    );
    expect(res.status).toBe(302);
    expectHeaders(res, {}, 'authorize access_denied');
    const location = new URL(res.location!);
    expect(`${location.origin}${location.pathname}`).toBe(DEMO_SPA.redirectUri);
    expect([...location.searchParams.keys()].sort()).toEqual(['error', 'error_description', 'state']);
    expect(location.searchParams.get('error')).toBe('access_denied');
    const catalog = oauthCatalogText('user_not_assigned');
    expect(catalog.description).toBe('User is not assigned to the client application.');
    expect(location.searchParams.get('error_description')).toBe(catalog.description);
    expect(location.searchParams.get('state')).toBe(state);
  });

  test('an unregistered redirect_uri gets the 400 HTML error page, not a redirect (oauth2_authorize_GET_400_html_error_page)', async () => {
    const { sessionToken } = await sessionTokenFor(emu.orgUrl, 'bob@example.com');
    const { challenge } = pkcePair();
    const res = await send(
      authorizeUrl({
        issuer: emu.issuer,
        clientId: DEMO_SPA.clientId,
        redirectUri: 'http://localhost:3000/not-registered',
        state: randomValue(),
        codeChallenge: challenge,
        sessionToken,
      }),
      { headers: { accept: 'text/html' } },
    );
    expect(res.status).toBe(400);
    expect(res.location, 'no Location: the page is not redirected').toBeNull();
    expectHeaders(res, { contentType: 'text/html' }, 'authorize bad redirect_uri');
    const text = htmlText(res.text);
    expect(text).toContain("The 'redirect_uri' parameter must be a Login redirect URI in the client app settings");
    expect(text).toContain('invalid_request');
  });

  test('an unknown client_id gets the 400 HTML error page (oauth2_authorize_GET_400_html_error_page)', async () => {
    const { sessionToken } = await sessionTokenFor(emu.orgUrl, 'bob@example.com');
    const res = await send(
      authorizeUrl({ issuer: emu.issuer, clientId: 'no-such-client', redirectUri: DEMO_SPA.redirectUri, state: randomValue(), sessionToken }),
      { headers: { accept: 'text/html' } },
    );
    expect(res.status).toBe(400);
    expect(res.location, 'no Location: the page is not redirected').toBeNull();
    expectHeaders(res, { contentType: 'text/html' }, 'authorize unknown client');
    const text = htmlText(res.text);
    expect(text).toContain("Invalid value for 'client_id' parameter.");
    expect(text).toContain('invalid_client');
  });

  for (const variant of ['an unknown', 'a used'] as const) {
    test(`${variant} sessionToken redirects to /login/login.htm?fromURI=… (TAPE_oauth2_default_v1_authorize_GET_302_fe3eec6a)`, async () => {
      const fixture = loadFixture('TAPE_oauth2_default_v1_authorize_GET_302_fe3eec6a.json');
      let sessionToken = '20111' + randomValue();
      if (variant === 'a used') {
        const flow = await sessionTokenFor(emu.orgUrl, 'bob@example.com');
        sessionToken = flow.sessionToken;
        const { challenge } = pkcePair();
        const first = await send(authorizeUrl({ issuer: emu.issuer, ...DEMO_SPA, state: randomValue(), codeChallenge: challenge, sessionToken }));
        expect(first.status).toBe(302);
        expect(new URL(first.location!).searchParams.has('code'), 'the first use gives a code').toBe(true);
      }
      const { challenge } = pkcePair();
      const res = await send(authorizeUrl({ issuer: emu.issuer, ...DEMO_SPA, state: randomValue(), codeChallenge: challenge, sessionToken }), {
        headers: { accept: 'text/html' },
      });
      expect(res.status).toBe(fixture.status);
      expectHeaders(res, { rateLimit: true }, 'authorize without a valid session');
      const location = new URL(res.location!, emu.orgUrl);
      const recorded = new URL((fixture.headers as Record<string, string>).location!);
      expect(res.location!.startsWith(emu.orgUrl + '/'), 'Location is absolute, on the org, as recorded').toBe(true);
      expect(location.pathname.split(';')[0], 'the Classic sign-in page').toBe(recorded.pathname.split(';')[0]);
      expect([...location.searchParams.keys()], 'query members, as recorded').toEqual([...recorded.searchParams.keys()]);
      const fromURI = location.searchParams.get('fromURI') ?? '';
      expect(fromURI.startsWith('/oauth2/'), 'fromURI is an org-relative path back into /oauth2/…').toBe(true);
      expect(sidCookie(res.setCookies) === undefined, 'no session cookie is set').toBe(true);
    });
  }
});

test.describe('POST /token', () => {
  const tapeCode = 'TAPE_oauth2_default_v1_token_POST_200_47c3867c.json';

  test('authorization_code (PKCE) matches TAPE_oauth2_default_v1_token_POST_200_47c3867c', async () => {
    const flow = await codeFlow({ orgUrl: emu.orgUrl, issuer: emu.issuer, client: DEMO_SPA });
    const res = await exchangeCode(emu.issuer, DEMO_SPA, flow.code, flow.verifier);
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json', rateLimit: true, noStore: true }, 'token (code)');
    const body = jsonObject(res);
    expectShapeOf(body, { [tapeCode]: {}, 'TAPE_oauth2_v1_token_POST_200_edcfad54.json': {} });
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect(String(body.scope).split(' ').sort()).toEqual(['email', 'openid', 'profile']);
  });

  test('a confidential client (client_secret_basic) on the org server matches TAPE_oauth2_v1_token_POST_200_99a429b3', async () => {
    const flow = await codeFlow({ orgUrl: emu.orgUrl, issuer: emu.orgUrl, client: DEMO_WEB });
    const res = await exchangeCode(emu.orgUrl, DEMO_WEB, flow.code, flow.verifier);
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json', rateLimit: true, noStore: true }, 'org token (code)');
    expectShapeOf(jsonObject(res), { 'TAPE_oauth2_v1_token_POST_200_99a429b3.json': {} });
  });

  test('access and ID token claims match the recorded tokens (TAPE_oauth2_default_v1_token_POST_200_47c3867c)', async () => {
    const tokens = await tokensFor({ orgUrl: emu.orgUrl, issuer: emu.issuer, client: DEMO_SPA });
    const at = decodeJwt(tokens.access_token);
    const id = decodeJwt(tokens.id_token!);
    for (const [name, jwt] of [['access token', at], ['ID token', id]] as const) {
      expect(jwt.header.alg, `${name} alg`).toBe('RS256');
      expect(typeof jwt.header.kid, `${name} kid`).toBe('string');
    }
    const groups = { '$.groups': 'the default server adds a groups claim (OKTA-WIRE.md: custom claims such as groups)' };
    expectShape(
      at.payload,
      fixtureJwtPayload(tapeCode, 'access_token'),
      { extra: { ...groups, '$.auth_time': 'the docs access token example carries auth_time' } },
      'access token claims (TAPE)',
    );
    expectShape(
      at.payload,
      fixtureBody('oauth2_access_token_payload.docs.json'),
      {
        optional: {
          '$.custom_claim': 'a custom claim of the docs example server',
          '$.auth_time': 'the recorded access token (TAPE) carries no auth_time',
        },
        extra: groups,
      },
      'access token claims (docs)',
    );
    expect(at.payload.iss).toBe(emu.issuer);
    expect(at.payload.aud).toBe('api://default');
    expect(at.payload.cid).toBe(DEMO_SPA.clientId);
    expect(at.payload.uid).toBe(tokens.userId);
    expect(at.payload.sub).toBe('bob@example.com');
    expect(String(at.payload.jti).startsWith('AT.'), 'access token jti starts with AT.').toBe(true);
    expect(Number(at.payload.exp) - Number(at.payload.iat)).toBe(3600);
    expect([...(at.payload.scp as string[])].sort()).toEqual(['email', 'openid', 'profile']);

    expectShape(id.payload, fixtureJwtPayload(tapeCode, 'id_token'), {}, 'ID token claims (TAPE)');
    expect(id.payload.iss).toBe(emu.issuer);
    expect(id.payload.aud).toBe(DEMO_SPA.clientId);
    expect(id.payload.sub).toBe(tokens.userId);
    expect(id.payload.nonce).toBe(tokens.nonce);
    expect(id.payload.preferred_username).toBe('bob@example.com');
    expect(id.payload.amr).toEqual(['pwd']);
    expect(String(id.payload.jti).startsWith('ID.'), 'ID token jti starts with ID.').toBe(true);
  });

  test('offline_access adds a refresh_token (oauth2_token_POST_200.docs) and refresh_token answers the same shape', async () => {
    const scope = 'openid email offline_access';
    const flow = await codeFlow({ orgUrl: emu.orgUrl, issuer: emu.issuer, client: DEMO_SPA, scope });
    const first = await exchangeCode(emu.issuer, DEMO_SPA, flow.code, flow.verifier);
    expect(first.status).toBe(200);
    const tokens = jsonObject(first);
    expectShapeOf(tokens, { 'oauth2_token_POST_200.docs.json': {} });
    const res = await send(endpoint(emu.issuer, 'token'), {
      form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string, client_id: DEMO_SPA.clientId, scope },
    });
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json', rateLimit: true, noStore: true }, 'token (refresh)');
    const body = jsonObject(res);
    expectShapeOf(body, { 'oauth2_token_POST_200.docs.json': {} });
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect(String(body.scope).split(' ').sort()).toEqual(['email', 'offline_access', 'openid']);
  });

  test('client_credentials answers the token shape without id_token or refresh_token', async () => {
    const res = await clientCredentials(emu.issuer, 'demo.read');
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json', rateLimit: true, noStore: true }, 'token (client_credentials)');
    const body = jsonObject(res);
    // No user, no openid: the recorded code answer without its id_token (OKTA-WIRE.md /token).
    expectShape(body, without(fixtureBody(tapeCode), 'id_token'), {}, 'client_credentials');
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect(body.scope).toBe('demo.read');
    const claims = decodeJwt(body.access_token as string).payload;
    expect(claims.cid).toBe(DEMO_SERVICE.clientId);
    expect(claims.sub).toBe(DEMO_SERVICE.clientId);
    expect(claims.scp).toEqual(['demo.read']);
    expect('uid' in claims, 'no uid without a user').toBe(false);
  });

  test('a wrong or reused code answers 400 invalid_grant (oauth2_token_POST_400_invalid_grant_invalid_code.oas)', async () => {
    const fixture = fixtureBody('oauth2_token_POST_400_invalid_grant_invalid_code.oas.json');
    const want = {
      status: 400,
      error: 'invalid_grant',
      descriptions: [fixture.error_description as string, oauthCatalogText('invalid_authorization_code').description],
    };
    const flow = await codeFlow({ orgUrl: emu.orgUrl, issuer: emu.issuer, client: DEMO_SPA });
    expectOAuthError(await exchangeCode(emu.issuer, DEMO_SPA, 'not-a-code-' + randomValue(), flow.verifier), want, 'unknown code');
    expect((await exchangeCode(emu.issuer, DEMO_SPA, flow.code, flow.verifier)).status, 'first use of the code').toBe(200);
    expectOAuthError(await exchangeCode(emu.issuer, DEMO_SPA, flow.code, flow.verifier), want, 'reused code');
  });

  test('a wrong code_verifier answers 400 invalid_grant "PKCE verification failed." (oauth2_token_POST_400_invalid_grant_PKCE.widget)', async () => {
    const fixture = fixtureBody('oauth2_token_POST_400_invalid_grant_PKCE.widget.json');
    const flow = await codeFlow({ orgUrl: emu.orgUrl, issuer: emu.issuer, client: DEMO_SPA });
    const res = await exchangeCode(emu.issuer, DEMO_SPA, flow.code, pkcePair().verifier);
    expectOAuthError(res, { status: 400, error: fixture.error as string, descriptions: [fixture.error_description as string] }, 'wrong verifier');
  });

  test('an unknown refresh token answers 400 invalid_grant (oauth2-error-codes catalog: invalid_refresh_token)', async () => {
    const catalog = oauthCatalogText('invalid_refresh_token');
    const res = await send(endpoint(emu.issuer, 'token'), {
      form: { grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token', client_id: DEMO_SPA.clientId },
    });
    expectOAuthError(res, { status: catalog.status, error: catalog.error, descriptions: [catalog.description] }, 'unknown refresh token');
  });

  test('no client credentials answer 401 invalid_client (oauth2_token_POST_401_invalid_client.docs)', async () => {
    const docs = loadFixture('oauth2_token_POST_401_invalid_client.docs.json');
    const body = docs.body as Record<string, string>;
    const res = await send(endpoint(emu.issuer, 'token'), { form: { grant_type: 'client_credentials', scope: 'demo.read' } });
    expectOAuthError(
      res,
      { status: docs.status!, error: body.error!, descriptions: [body.error_description!, oauthCatalogText('missing_client_credentials').description] },
      'no client credentials',
    );
  });

  test('a wrong client secret answers 401 invalid_client (oauth2-error-codes catalog)', async () => {
    const res = await send(endpoint(emu.issuer, 'token'), {
      form: { grant_type: 'client_credentials', scope: 'demo.read' },
      basic: { id: DEMO_SERVICE.clientId, secret: 'not-the-secret' },
    });
    expectOAuthError(
      res,
      {
        status: 401,
        error: 'invalid_client',
        // Either catalog entry fits a wrong secret: the specific one or the generic one.
        descriptions: [oauthCatalogText('invalid_client_secret').description, oauthCatalogText('invalid_client').description],
      },
      'wrong client secret',
    );
  });

  test('an unknown grant_type answers 400 unsupported_grant_type (oauth2_token_POST_400_unsupported_grant_type.oas)', async () => {
    const fixture = fixtureBody('oauth2_token_POST_400_unsupported_grant_type.oas.json');
    const res = await send(endpoint(emu.issuer, 'token'), {
      form: { grant_type: 'urn:example:not-a-grant', scope: 'demo.read' },
      basic: { id: DEMO_SERVICE.clientId, secret: DEMO_SERVICE.clientSecret },
    });
    expectOAuthError(
      res,
      {
        status: 400,
        error: fixture.error as string,
        // The OpenAPI example's wording, or the live catalog's (its placeholder lists the configured grant types).
        descriptions: [fixture.error_description as string, catalogPattern(oauthCatalogText('unsupported_grant_type').description)],
      },
      'unknown grant_type',
    );
  });
});

test.describe('keys and discovery', () => {
  for (const server of ['default', 'org'] as const) {
    test(`${server} server: GET /v1/keys matches oauth2_keys_GET_200 (docs and okta-auth-js mock)`, async () => {
      const issuer = server === 'default' ? emu.issuer : emu.orgUrl;
      const res = await send(endpoint(issuer, 'keys'));
      expect(res.status).toBe(200);
      expectHeaders(res, { contentType: 'application/json' }, 'keys');
      const body = jsonObject(res);
      expectShapeOf(body, { 'oauth2_keys_GET_200.docs.json': {}, 'oauth2_keys_GET_200.okta-auth-js.json': {} });
      const keys = body.keys as Record<string, unknown>[];
      expect(keys.length, 'at least one key').toBeGreaterThan(0);
      for (const k of keys) {
        expect([k.kty, k.alg, k.use, k.e]).toEqual(['RSA', 'RS256', 'sig', 'AQAB']);
        expect(typeof k.kid).toBe('string');
      }
      expect(new Set(keys.map((k) => k.kid)).size, 'kids are unique').toBe(keys.length);
    });
  }

  /** Keys Okta sends only with features the emulator does not offer (CIBA, DPoP, request objects, DCR). */
  const UNOFFERED_FEATURES: Record<string, string> = {
    '$.registration_endpoint': 'dynamic client registration is not emulated; advertising it would point at a 404',
    '$.request_parameter_supported': 'request objects are not emulated',
    '$.request_object_signing_alg_values_supported': 'request objects are not emulated',
    '$.backchannel_token_delivery_modes_supported': 'CIBA is not emulated (Okta lists it only where CIBA is enabled)',
    '$.backchannel_authentication_request_signing_alg_values_supported': 'CIBA is not emulated',
    '$.dpop_signing_alg_values_supported': 'DPoP is not emulated (newer orgs only)',
  };

  function expectEndpoints(body: Record<string, unknown>, issuer: string): void {
    expect(body.issuer, 'issuer, byte for byte').toBe(issuer);
    for (const name of ['authorize', 'token', 'keys', 'introspect', 'revoke', 'logout']) {
      const key = { authorize: 'authorization_endpoint', token: 'token_endpoint', keys: 'jwks_uri', introspect: 'introspection_endpoint', revoke: 'revocation_endpoint', logout: 'end_session_endpoint' }[name]!;
      expect(body[key], key).toBe(endpoint(issuer, name));
    }
    expect(body.code_challenge_methods_supported, 'S256 (okta-auth-js requires it)').toContain('S256');
    for (const mode of ['query', 'fragment', 'form_post']) expect(body.response_modes_supported).toContain(mode);
    expect(body.response_types_supported).toContain('code');
  }

  test('default server: openid-configuration matches customAS_well-known_openid-configuration_GET_200.widget', async () => {
    const res = await send(`${emu.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json' }, 'openid-configuration');
    const body = jsonObject(res);
    expectShapeOf(body, { 'customAS_well-known_openid-configuration_GET_200.widget.json': { optional: UNOFFERED_FEATURES } });
    expectEndpoints(body, emu.issuer);
    expect(body.userinfo_endpoint).toBe(endpoint(emu.issuer, 'userinfo'));
    expect(body.id_token_signing_alg_values_supported).toEqual(['RS256']);
    expect(body.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
  });

  test('default server: oauth-authorization-server matches customAS_well-known_oauth-authorization-server_GET_200.docs', async () => {
    const res = await send(`${emu.issuer}/.well-known/oauth-authorization-server`);
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json' }, 'oauth-authorization-server');
    const body = jsonObject(res);
    expectShapeOf(body, {
      'customAS_well-known_oauth-authorization-server_GET_200.docs.json': {
        optional: UNOFFERED_FEATURES,
        extra: { '$.userinfo_endpoint': 'the same server\'s openid-configuration lists it (widget mock)' },
      },
    });
    expectEndpoints(body, emu.issuer);
    expect(body.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
  });

  test('org server: openid-configuration matches orgAS_well-known_openid-configuration_GET_200 (docs and okta-auth-js mock)', async () => {
    const res = await send(`${emu.orgUrl}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json' }, 'org openid-configuration');
    const body = jsonObject(res);
    expectShapeOf(body, {
      'orgAS_well-known_openid-configuration_GET_200.docs.json': {
        optional: UNOFFERED_FEATURES,
        extra: { '$.code_challenge_methods_supported': 'the okta-auth-js mock of the org server lists it, and okta-auth-js requires it' },
      },
    });
    expectEndpoints(body, emu.orgUrl);
    expect(body.userinfo_endpoint).toBe(endpoint(emu.orgUrl, 'userinfo'));
  });

  for (const doc of ['openid-configuration', 'oauth-authorization-server']) {
    test(`an unknown server's ${doc} answers 404 E0000007 (customAS_well-known_GET_404_E0000007.docs)`, async () => {
      const res = await send(`${emu.orgUrl}/oauth2/nosuchserver/.well-known/${doc}`);
      expectOktaError(res, 'customAS_well-known_GET_404_E0000007.docs.json', `unknown server ${doc}`, 'Not found: Resource not found: nosuchserver (AuthorizationServer)');
    });
  }
});

test.describe('userinfo, sessions, users/me', () => {
  test('userinfo with openid profile email matches TAPE_oauth2_v1_userinfo_GET_200_8e9c078e', async () => {
    const tokens = await tokensFor({ orgUrl: emu.orgUrl, issuer: emu.issuer, client: DEMO_SPA, scope: 'openid profile email' });
    const res = await send(endpoint(emu.issuer, 'userinfo'), { bearer: tokens.access_token });
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json', rateLimit: true }, 'userinfo');
    const body = jsonObject(res);
    expectShapeOf(body, { 'TAPE_oauth2_v1_userinfo_GET_200_8e9c078e.json': {} });
    expect(body.sub, 'userinfo sub = ID token sub').toBe(decodeJwt(tokens.id_token!).payload.sub);
    expect(body.preferred_username).toBe('bob@example.com');
    expect(body.email).toBe('bob@example.com');
  });

  test('userinfo with a bad token answers 401 with WWW-Authenticate invalid_token (oauth2_userinfo_GET_401_invalid_token.okta-auth-js)', async () => {
    const fixture = loadFixture('oauth2_userinfo_GET_401_invalid_token.okta-auth-js.json');
    const res = await send(endpoint(emu.issuer, 'userinfo'), { bearer: 'not.a.token' });
    expect(res.status).toBe(fixture.status);
    expectHeaders(res, {}, 'userinfo 401');
    const want = parseBearerChallenge((fixture.headers as Record<string, string>)['WWW-Authenticate']!);
    const got = parseBearerChallenge(res.headers.get('www-authenticate') ?? '');
    expect(got.scheme).toBe('Bearer');
    expect(got.params.error).toBe(want.params.error);
    expect(got.params.error_description).toBe(want.params.error_description);
    // The mock abbreviates; live Okta adds authorization_uri, realm, scope and resource (Okta support article
    // "insufficient_scope error when making a request to an OAuth or management endpoint"). Nothing else.
    const allowed = ['error', 'error_description', 'authorization_uri', 'realm', 'scope', 'resource'];
    expect(Object.keys(got.params).filter((k) => !allowed.includes(k)), 'challenge parameters Okta does not send').toEqual([]);
    if (got.params.authorization_uri !== undefined) expect(got.params.authorization_uri).toBe(endpoint(emu.issuer, 'authorize'));
    if (got.params.resource !== undefined) expect(got.params.resource).toBe(new URL(endpoint(emu.issuer, 'userinfo')).pathname);
    // The mock's body is {}; Okta answers this error in the header, so an empty body is the same answer.
    expect(res.text === '' || JSON.stringify(res.json) === '{}', 'body empty or {}').toBe(true);
  });

  /** A sid session for bob via /login/sessionCookieRedirect: the raw answer and the cookie. */
  async function sessionCookieRedirect(redirectUrl = 'http://localhost:3000/after-login?x=1'): Promise<{ res: WireResponse; cookie: string }> {
    const { sessionToken } = await sessionTokenFor(emu.orgUrl, 'bob@example.com');
    const url = new URL(`${emu.orgUrl}/login/sessionCookieRedirect`);
    url.searchParams.set('token', sessionToken);
    url.searchParams.set('redirectUrl', redirectUrl);
    const res = await send(url, { headers: { accept: 'text/html' } });
    expect(res.status, 'sessionCookieRedirect redirects').toBe(302);
    const cookie = sidCookie(res.setCookies);
    expect(cookie !== undefined, 'sessionCookieRedirect sets sid').toBe(true);
    return { res, cookie: cookie! };
  }

  async function sessionCookie(): Promise<string> {
    return (await sessionCookieRedirect()).cookie;
  }

  test('GET /login/sessionCookieRedirect matches TAPE_login_sessionCookieRedirect_GET_302_30a510ed', async () => {
    const fixture = loadFixture('TAPE_login_sessionCookieRedirect_GET_302_30a510ed.json');
    const redirectUrl = 'http://localhost:3000/after-login?x=1';
    const { res } = await sessionCookieRedirect(redirectUrl);
    expect(res.status).toBe(fixture.status);
    expectHeaders(res, { rateLimit: true }, 'sessionCookieRedirect');
    expect(res.location, 'Location is the redirectUrl').toBe(redirectUrl);
    expectSidCookie(res, 'sessionCookieRedirect');
  });

  test('sessionCookieRedirect, then GET /api/v1/sessions/me matches sessions_me_GET_200 (docs and okta-auth-js mock)', async () => {
    const cookie = await sessionCookie();
    const res = await send(`${emu.orgUrl}/api/v1/sessions/me`, { cookie });
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json' }, 'sessions/me');
    const body = jsonObject(res);
    expectShapeOf(body, {
      'sessions_me_GET_200.docs.json': {},
      'sessions_me_GET_200.okta-auth-js.json': { extra: { '$.createdAt': 'the docs example has createdAt' } },
    });
    expect(body.login).toBe('bob@example.com');
    expect(body.status).toBe('ACTIVE');
    expect(body.amr).toEqual(['pwd']);
    expect((body.idp as { type: string }).type).toBe('OKTA');
    expectFuture(body.expiresAt, 2 * 3600, 'expiresAt (2 h session)');
    const links = body._links as { self: { href: string; hints: { allow: string[] } }; user: { href: string } };
    expect(links.self.hints.allow.sort()).toEqual(['DELETE', 'GET']);
    expect(links.user.href).toBe(`${emu.orgUrl}/api/v1/users/me`);
  });

  test('GET /api/v1/sessions/me without a session answers 404 E0000007 (sessions_me_GET_404_E0000007.okta-auth-js)', async () => {
    expectOktaError(await send(`${emu.orgUrl}/api/v1/sessions/me`), 'sessions_me_GET_404_E0000007.okta-auth-js.json', 'no session');
    expectOktaError(
      await send(`${emu.orgUrl}/api/v1/sessions/me`, { cookie: 'sid=not-a-session' }),
      'sessions_me_GET_404_E0000007.okta-auth-js.json',
      'unknown sid',
    );
  });

  test('DELETE /api/v1/sessions/me answers 204 (TAPE_api_v1_sessions_me_DELETE_204_1fb3dcf2), then the session is gone', async () => {
    const fixture = loadFixture('TAPE_api_v1_sessions_me_DELETE_204_1fb3dcf2.json');
    const cookie = await sessionCookie();
    const res = await send(`${emu.orgUrl}/api/v1/sessions/me`, { method: 'DELETE', cookie });
    expect(res.status).toBe(fixture.status);
    expectHeaders(res, { rateLimit: true }, 'DELETE sessions/me');
    expect(res.text).toBe('');
    expectOktaError(await send(`${emu.orgUrl}/api/v1/sessions/me`, { cookie }), 'sessions_me_GET_404_E0000007.okta-auth-js.json', 'after DELETE');
  });

  test('GET /api/v1/users/me with the session cookie matches users_me_GET_200.okta-auth-js', async () => {
    const cookie = await sessionCookie();
    const res = await send(`${emu.orgUrl}/api/v1/users/me`, { cookie });
    expect(res.status).toBe(200);
    expectHeaders(res, { contentType: 'application/json' }, 'users/me');
    const body = jsonObject(res);
    expectShapeOf(body, {
      'users_me_GET_200.okta-auth-js.json': {
        optional: {
          '$.credentials.recovery_question': 'the seed users have no recovery question',
          '$._links.*': 'lifecycle and credential links depend on the user\'s status and the org\'s self-service settings',
        },
        extra: {
          '$.type': 'user types (`type: {id}`) are in every User object since 2019 (Okta Users API); the 2016 mock predates them',
          '$._links.self': 'User objects link to themselves (Okta Users API); the mock omits it',
        },
      },
    });
    expect(body.status).toBe('ACTIVE');
    expect(body.lastLogin, 'lastLogin is set: the user signed in').not.toBeNull();
    expect((body.profile as { login: string }).login).toBe('bob@example.com');
    expect((body.credentials as { provider: { type: string } }).provider.type).toBe('OKTA');
  });
});

test('the shape comparison itself catches a changed type and an unexpected key', () => {
  const shapeOnly = { a: [{ b: 1 }] };
  expect(() => expectShape({ a: [{ b: 'x' }] }, shapeOnly, {}, 'self-check')).toThrow();
  expect(() => expectShape({ a: [{ b: 2 }], c: true }, shapeOnly, {}, 'self-check')).toThrow();
  expect(() => expectShape({ a: [{ b: 2 }] }, shapeOnly, {}, 'self-check')).not.toThrow();
});
