// The emulator's OAuth/OIDC behaviour over HTTP: authorize, token grants and client authentication,
// token claims, keys, discovery, userinfo, revoke, introspect, logout, and the scenario switches.
import { test, expect } from '@playwright/test';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import {
  authorizeUrl,
  basic,
  claims,
  expectOktaErrorShape,
  get,
  header,
  loginForCode,
  loginForTokens,
  pkce,
  postForm,
  redirectParams,
  sessionToken,
  sidFrom,
  SERVICE,
  SPA,
  WEB,
} from './behaviour.helpers.js';

let emu: EmulatorHandle;
let jwtClientKey: CryptoKey;

test.beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  jwtClientKey = privateKey;
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'client-key-1', alg: 'RS256', use: 'sig' };
  emu = await startEmulator({
    port: 0,
    seed: {
      clients: [
        {
          clientId: 'jwt-client',
          jwks: { keys: [publicJwk] },
          redirectUris: ['http://localhost:3000/jwt/callback'],
          grantTypes: ['authorization_code', 'client_credentials'],
          scopes: ['demo.read'],
        },
      ],
    },
  });
});
test.afterAll(async () => {
  await emu.close();
});
test.afterEach(() => {
  emu.reset();
});

function spaAuthorize(params: Record<string, string | undefined>, base = emu.issuer): string {
  return authorizeUrl(base, {
    client_id: SPA.clientId,
    redirect_uri: SPA.redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state: 'st',
    ...params,
  });
}

async function assertion(claimsOverride: Record<string, unknown> = {}, audience = `${emu.issuer}/v1/token`): Promise<string> {
  return new SignJWT({ jti: crypto.randomUUID(), ...claimsOverride })
    .setProtectedHeader({ alg: 'RS256', kid: 'client-key-1' })
    .setIssuer('jwt-client')
    .setSubject('jwt-client')
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(jwtClientKey);
}

test.describe('authorize', () => {
  test('code + PKCE with a sessionToken: 302 with code and state, sets sid', async () => {
    const { challenge } = pkce();
    const res = await get(spaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256', sessionToken: await sessionToken(emu) }));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(SPA.redirectUri);
    expect(location.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    expect(location.searchParams.get('state')).toBe('st');
    expect(res.headers.getSetCookie().some((cookie) => /^sid=\w+; Path=\/; HttpOnly$/.test(cookie))).toBe(true);
  });

  test('the sessionToken is single-use: a second authorize goes to the sign-in page', async () => {
    const token = await sessionToken(emu);
    const { challenge } = pkce();
    const params = { code_challenge: challenge, code_challenge_method: 'S256', sessionToken: token };
    expect((await get(spaAuthorize(params))).status).toBe(302);
    const again = await get(spaAuthorize(params));
    expect(again.status).toBe(302);
    const location = new URL(again.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${emu.orgUrl}/login/login.htm`);
    const fromURI = location.searchParams.get('fromURI')!;
    expect(fromURI.startsWith('/oauth2/default/v1/authorize?')).toBe(true);
    expect(fromURI).toContain('client_id=demo-spa');
    expect(fromURI).not.toContain('sessionToken');
  });

  test('no credential: Classic redirects to /login/login.htm, Identity Engine answers 200 with the sign-in page', async () => {
    const { challenge } = pkce();
    const url = spaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256' });
    const classic = await get(url);
    expect(classic.status).toBe(302);
    expect(classic.headers.get('location')).toContain('/login/login.htm?fromURI=');

    emu.setScenario({ engine: 'identity-engine' });
    const ie = await get(url);
    expect(ie.status).toBe(200);
    expect(ie.headers.get('content-type')).toBe('text/html;charset=UTF-8');
    expect(await ie.text()).toContain('id="okta-signin-username"');
  });

  test('Classic: an existing sid session wins and the sessionToken is ignored (tokens are for the sid user)', async () => {
    const alice = await loginForCode(emu, { username: 'alice@example.com' });
    const bobToken = await sessionToken(emu, 'bob@example.com');
    const { verifier, challenge } = pkce();
    const res = await get(spaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256', sessionToken: bobToken }), { cookie: `sid=${alice.sid}` });
    expect(res.status).toBe(302);
    expect(sidFrom(res)).toBeUndefined();
    const code = redirectParams(res).get('code')!;
    const tokens = await (await postForm(`${emu.issuer}/v1/token`, { grant_type: 'authorization_code', code, redirect_uri: SPA.redirectUri, code_verifier: verifier, client_id: SPA.clientId })).json();
    expect(claims(tokens.access_token).sub).toBe('alice@example.com');
    // Bob's sessionToken was not spent.
    const bobSession = await fetch(`${emu.orgUrl}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionToken: bobToken }) });
    expect(bobSession.status).toBe(200);
  });

  test('prompt=none: login_required without a session, a code with one', async () => {
    const { challenge } = pkce();
    const params = { code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none' };
    const without = await get(spaAuthorize(params));
    expect(without.status).toBe(302);
    const error = redirectParams(without);
    expect(error.get('error')).toBe('login_required');
    expect(error.get('error_description')).toBe('The client specified not to prompt, but the user is not logged in.');
    expect(error.get('state')).toBe('st');

    const { sid } = await loginForCode(emu);
    const withSession = await get(spaAuthorize(params), { cookie: `sid=${sid}` });
    expect(redirectParams(withSession).get('code')).toBeTruthy();
  });

  test('prompt=login ignores the sid session and sends the browser to sign in once', async () => {
    const { sid } = await loginForCode(emu);
    const { challenge } = pkce();
    const res = await get(spaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256', prompt: 'login' }), { cookie: `sid=${sid}` });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toBe('/login/login.htm');
    const fromURI = location.searchParams.get('fromURI')!;
    expect(fromURI).not.toContain('prompt=login');
    const back = await get(`${emu.orgUrl}${fromURI}`, { cookie: `sid=${sid}` });
    expect(redirectParams(back).get('code')).toBeTruthy();
  });

  test('an unassigned user gets access_denied redirected with state', async () => {
    const { challenge } = pkce();
    const res = await get(spaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256', sessionToken: await sessionToken(emu, 'unassigned@example.com') }));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('error_description=User+is+not+assigned+to+the+client+application.');
    const params = redirectParams(res);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('st');
    expect(params.get('code')).toBeNull();
  });

  test('redirected errors: invalid_scope, unsupported_response_type, missing state, PKCE rules', async () => {
    const { challenge } = pkce();
    const pk = { code_challenge: challenge, code_challenge_method: 'S256' };
    const cases: [Record<string, string | undefined>, string, RegExp][] = [
      [{ ...pk, scope: 'openid nonsense' }, 'invalid_scope', /not configured/],
      [{ ...pk, response_type: 'magic' }, 'unsupported_response_type', /response type is not supported/],
      [{ ...pk, state: undefined }, 'invalid_request', /'state'/],
      [{}, 'invalid_request', /PKCE code challenge is required/],
      [{ code_challenge: challenge, code_challenge_method: 'plain' }, 'invalid_request', /method is not supported/],
      [{ code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request', /illegal characters/],
      [{ ...pk, response_type: 'id_token', response_mode: 'fragment', nonce: undefined }, 'invalid_request', /'nonce' parameter is required/],
    ];
    for (const [params, error, description] of cases) {
      const res = await get(spaAuthorize(params));
      expect(res.status, JSON.stringify(params)).toBe(302);
      const part = params.response_mode === 'fragment' ? 'fragment' : 'query';
      const answer = redirectParams(res, part);
      expect(answer.get('error'), JSON.stringify(params)).toBe(error);
      expect(answer.get('error_description')).toMatch(description);
    }
    // The org server knows no custom scopes.
    const org = await get(spaAuthorize({ ...pk, scope: 'openid demo.read', sessionToken: await sessionToken(emu) }, `${emu.orgUrl}/oauth2`));
    expect(redirectParams(org).get('error')).toBe('invalid_scope');
  });

  test('unknown client or unregistered redirect_uri: 400 HTML page, no redirect', async () => {
    const unknown = await get(authorizeUrl(emu.issuer, { client_id: 'nope', redirect_uri: SPA.redirectUri, response_type: 'code', scope: 'openid', state: 's' }));
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    expect(unknown.headers.get('content-type')).toBe('text/html;charset=UTF-8');
    const unknownPage = await unknown.text();
    expect(unknownPage).toContain("Invalid value for 'client_id' parameter.");
    expect(unknownPage).toContain('invalid_client');

    const badRedirect = await get(authorizeUrl(emu.issuer, { client_id: SPA.clientId, redirect_uri: 'http://evil.example/cb', response_type: 'code', scope: 'openid', state: 's' }));
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.get('location')).toBeNull();
    expect(await badRedirect.text()).toContain("The 'redirect_uri' parameter must be a Login redirect URI in the client app settings");
  });

  test('an unknown authorization server: 404 E0000007', async () => {
    const res = await get(`${emu.orgUrl}/oauth2/nope/v1/authorize?client_id=demo-spa`);
    expect(res.status).toBe(404);
    const body = await res.json();
    expectOktaErrorShape(body, 'E0000007');
    expect(body.errorSummary).toBe('Not found: Resource not found: nope (AuthorizationServer)');
  });

  test('form_post answers 200 HTML with one auto-submitting form of hidden inputs', async () => {
    const { challenge } = pkce();
    const res = await get(spaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'form_post', sessionToken: await sessionToken(emu) }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html;charset=UTF-8');
    const html = await res.text();
    expect(html.match(/<form/g)).toHaveLength(1);
    expect(html).toContain(`action="${SPA.redirectUri}"`);
    expect(html).toMatch(/method="post"/);
    expect(html).toMatch(/<input type="hidden" name="code" value="[\w-]{20,}"\/>/);
    expect(html).toContain('<input type="hidden" name="state" value="st"/>');
    expect(html).toContain('submit()');
  });

  test('implicit: token id_token in the fragment, with nonce and at_hash', async () => {
    const res = await get(spaAuthorize({ response_type: 'token id_token', nonce: 'n-123', sessionToken: await sessionToken(emu) }));
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).search).toBe('');
    const params = redirectParams(res, 'fragment');
    expect(params.get('token_type')).toBe('Bearer');
    expect(Number(params.get('expires_in'))).toBe(3600);
    expect(params.get('scope')).toBe('openid profile email');
    expect(params.get('state')).toBe('st');
    const id = claims(params.get('id_token')!);
    expect(id.nonce).toBe('n-123');
    expect(id.at_hash).toEqual(expect.any(String));
    expect(claims(params.get('access_token')!).cid).toBe(SPA.clientId);
  });

  test('id_token alone in the fragment carries no at_hash', async () => {
    const res = await get(spaAuthorize({ response_type: 'id_token', nonce: 'n-9', sessionToken: await sessionToken(emu) }));
    const params = redirectParams(res, 'fragment');
    expect(params.get('access_token')).toBeNull();
    const id = claims(params.get('id_token')!);
    expect(id.at_hash).toBeUndefined();
    expect(id.nonce).toBe('n-9');
    // Without an access token the ID token carries the whole profile.
    expect(id).toMatchObject({ name: 'Alice Admin', given_name: 'Alice', family_name: 'Admin', locale: expect.any(String), zoneinfo: expect.any(String), email: 'alice@example.com', email_verified: true });
  });
});

test.describe('token endpoint', () => {
  test('authorization_code + PKCE: Bearer tokens, no-store, and the code is single-use', async () => {
    const login = await loginForCode(emu, { scope: 'openid profile email offline_access' });
    const exchange = () =>
      postForm(`${emu.issuer}/v1/token`, { grant_type: 'authorization_code', code: login.code, redirect_uri: SPA.redirectUri, code_verifier: login.verifier, client_id: SPA.clientId });
    const res = await exchange();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache, no-store');
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = await res.json();
    expect(body).toEqual({
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: expect.any(String),
      scope: 'openid profile email offline_access',
      refresh_token: expect.any(String),
      id_token: expect.any(String),
    });
    const reused = await exchange();
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: 'invalid_grant', error_description: 'The authorization code is invalid or has expired.' });
  });

  test('no refresh token without offline_access', async () => {
    const { status, body } = await loginForTokens(emu, { scope: 'openid profile' });
    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect(body.id_token).toEqual(expect.any(String));
  });

  test('PKCE and redirect_uri are checked', async () => {
    const login = await loginForCode(emu);
    const base = { grant_type: 'authorization_code', code: login.code, client_id: SPA.clientId };
    const wrongVerifier = await postForm(`${emu.issuer}/v1/token`, { ...base, redirect_uri: SPA.redirectUri, code_verifier: pkce().verifier });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toEqual({ error: 'invalid_grant', error_description: 'PKCE verification failed.' });
    const noVerifier = await postForm(`${emu.issuer}/v1/token`, { ...base, redirect_uri: SPA.redirectUri });
    expect((await noVerifier.json()).error).toBe('invalid_request');
    const wrongRedirect = await postForm(`${emu.issuer}/v1/token`, { ...base, redirect_uri: 'http://localhost:3000/other', code_verifier: login.verifier });
    expect(await wrongRedirect.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining("'redirect_uri' does not match") });
    // Failed attempts did not spend the code.
    const ok = await postForm(`${emu.issuer}/v1/token`, { ...base, redirect_uri: SPA.redirectUri, code_verifier: login.verifier });
    expect(ok.status).toBe(200);
  });

  test('a code from one server is no good at another', async () => {
    const login = await loginForCode(emu);
    const res = await postForm(`${emu.orgUrl}/oauth2/v1/token`, { grant_type: 'authorization_code', code: login.code, redirect_uri: SPA.redirectUri, code_verifier: login.verifier, client_id: SPA.clientId });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_grant');
  });

  test('a code expires with the scenario lifetime', async () => {
    emu.setScenario({ lifetimes: { codeSeconds: 1 } });
    const login = await loginForCode(emu);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const res = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'authorization_code', code: login.code, redirect_uri: SPA.redirectUri, code_verifier: login.verifier, client_id: SPA.clientId });
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'The authorization code is invalid or has expired.' });
  });

  test('confidential client: client_secret_basic and client_secret_post work, a wrong or missing secret is 401 invalid_client', async () => {
    for (const how of ['basic', 'post', 'wrong', 'missing'] as const) {
      const login = await loginForCode(emu, { clientId: WEB.clientId, redirectUri: WEB.redirectUri });
      const params: Record<string, string> = { grant_type: 'authorization_code', code: login.code, redirect_uri: WEB.redirectUri, code_verifier: login.verifier };
      let headers: Record<string, string> = {};
      if (how === 'basic') headers = basic(WEB.clientId, WEB.secret);
      if (how === 'post') Object.assign(params, { client_id: WEB.clientId, client_secret: WEB.secret });
      if (how === 'wrong') headers = basic(WEB.clientId, 'not-the-secret');
      if (how === 'missing') params.client_id = WEB.clientId;
      const res = await postForm(`${emu.issuer}/v1/token`, params, headers);
      if (how === 'basic' || how === 'post') {
        expect(res.status, how).toBe(200);
        expect(claims((await res.json()).access_token).cid).toBe(WEB.clientId);
      } else {
        expect(res.status, how).toBe(401);
        const body = await res.json();
        expect(body.error).toBe('invalid_client');
        expect(body.error_description).toEqual(expect.any(String));
      }
    }
  });

  test('two kinds of client credentials at once are refused', async () => {
    const res = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'client_credentials', scope: 'demo.read', client_id: SERVICE.clientId, client_secret: SERVICE.secret }, basic(SERVICE.clientId, SERVICE.secret));
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_request');
  });

  test('refresh_token rotates by default: the old one is then invalid', async () => {
    const { body } = await loginForTokens(emu, { scope: 'openid offline_access' });
    const refresh = (token: string) => postForm(`${emu.issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: token, client_id: SPA.clientId });
    const first = await refresh(body.refresh_token);
    expect(first.status).toBe(200);
    const rotated = await first.json();
    expect(rotated.refresh_token).toEqual(expect.any(String));
    expect(rotated.refresh_token).not.toBe(body.refresh_token);
    expect(rotated.id_token).toEqual(expect.any(String));
    expect(rotated.access_token).not.toBe(body.access_token);
    const old = await refresh(body.refresh_token);
    expect(old.status).toBe(400);
    expect(await old.json()).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' });
    expect((await refresh(rotated.refresh_token)).status).toBe(200);
  });

  test('refresh_token without rotation keeps the same token usable', async () => {
    emu.setScenario({ refreshTokenRotation: false });
    const { body } = await loginForTokens(emu, { scope: 'openid offline_access' });
    for (let i = 0; i < 2; i++) {
      const res = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: SPA.clientId });
      expect(res.status).toBe(200);
      expect((await res.json()).refresh_token).toBe(body.refresh_token);
    }
  });

  test('a refresh token belongs to its client', async () => {
    const { body } = await loginForTokens(emu, { scope: 'openid offline_access' });
    const res = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: body.refresh_token }, basic(WEB.clientId, WEB.secret));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_grant');
  });

  test('client_credentials: custom scopes only; sub is the client and there is no uid', async () => {
    const ok = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'client_credentials', scope: 'demo.read demo.write' }, basic(SERVICE.clientId, SERVICE.secret));
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toEqual({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String), scope: 'demo.read demo.write' });
    const at = claims(body.access_token);
    expect(at).toMatchObject({ sub: SERVICE.clientId, cid: SERVICE.clientId, aud: 'api://default', scp: ['demo.read', 'demo.write'] });
    expect(at.uid).toBeUndefined();

    for (const scope of ['openid', 'demo.read openid', 'demo.unknown', '']) {
      const res = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'client_credentials', scope }, basic(SERVICE.clientId, SERVICE.secret));
      expect(res.status, scope).toBe(400);
      expect((await res.json()).error, scope).toBe('invalid_scope');
    }
    const spa = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'client_credentials', scope: 'demo.read', client_id: SPA.clientId });
    expect(spa.status).toBe(400);
    expect((await spa.json()).error).toBe('unauthorized_client');
  });

  test('unsupported or missing grant_type, wrong content type, duplicated parameters', async () => {
    const unsupported = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'password', client_id: SPA.clientId });
    expect(unsupported.status).toBe(400);
    expect((await unsupported.json()).error).toBe('unsupported_grant_type');
    const missing = await postForm(`${emu.issuer}/v1/token`, { client_id: SPA.clientId });
    expect(await missing.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining("'grant_type'") });
    const json = await fetch(`${emu.issuer}/v1/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect((await json.json()).error).toBe('invalid_request');
    const dup = await fetch(`${emu.issuer}/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&scope=a&scope=b' });
    expect((await dup.json()).error).toBe('invalid_request');
    const unknownClient = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'authorization_code', code: 'x', redirect_uri: SPA.redirectUri, client_id: 'nope' });
    expect(unknownClient.status).toBe(401);
    expect((await unknownClient.json()).error).toBe('invalid_client');
  });

  test('private_key_jwt: a valid assertion authenticates once; replay, wrong audience and wrong key are refused', async () => {
    const tokenUrl = `${emu.issuer}/v1/token`;
    const type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
    const good = await assertion();
    const ok = await postForm(tokenUrl, { grant_type: 'client_credentials', scope: 'demo.read', client_assertion_type: type, client_assertion: good });
    expect(ok.status).toBe(200);
    expect(claims((await ok.json()).access_token).cid).toBe('jwt-client');

    const replay = await postForm(tokenUrl, { grant_type: 'client_credentials', scope: 'demo.read', client_assertion_type: type, client_assertion: good });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: 'invalid_client', error_description: 'The client_assertion token has already been used.' });

    const wrongAud = await postForm(tokenUrl, { grant_type: 'client_credentials', scope: 'demo.read', client_assertion_type: type, client_assertion: await assertion({}, emu.issuer) });
    expect(wrongAud.status).toBe(401);
    expect((await wrongAud.json()).error_description).toContain('audience');

    const { privateKey: stranger } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ jti: 'x1' }).setProtectedHeader({ alg: 'RS256', kid: 'client-key-1' }).setIssuer('jwt-client').setSubject('jwt-client').setAudience(tokenUrl).setExpirationTime('1m').sign(stranger);
    const bad = await postForm(tokenUrl, { grant_type: 'client_credentials', scope: 'demo.read', client_assertion_type: type, client_assertion: forged });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error).toBe('invalid_client');

    const expired = await new SignJWT({ jti: 'x2' }).setProtectedHeader({ alg: 'RS256', kid: 'client-key-1' }).setIssuer('jwt-client').setSubject('jwt-client').setAudience(tokenUrl).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(jwtClientKey);
    const late = await postForm(tokenUrl, { grant_type: 'client_credentials', scope: 'demo.read', client_assertion_type: type, client_assertion: expired });
    expect(await late.json()).toEqual({ error: 'invalid_client', error_description: 'The client_assertion token is expired.' });
  });

  test('private_key_jwt with the authorization code grant', async () => {
    const login = await loginForCode(emu, { clientId: 'jwt-client', redirectUri: 'http://localhost:3000/jwt/callback' });
    const res = await postForm(`${emu.issuer}/v1/token`, {
      grant_type: 'authorization_code',
      code: login.code,
      redirect_uri: 'http://localhost:3000/jwt/callback',
      code_verifier: login.verifier,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await assertion(),
    });
    expect(res.status).toBe(200);
    expect(claims((await res.json()).id_token).aud).toBe('jwt-client');
  });

  test('rate limit per username on /token (and per client for client credentials)', async () => {
    const first = await loginForCode(emu, { username: 'bob@example.com' });
    const second = await loginForCode(emu, { username: 'bob@example.com' });
    const alice = await loginForCode(emu, { username: 'alice@example.com' });
    emu.setScenario({ rateLimit: { limit: 1, windowSeconds: 60 } });
    const exchange = (login: { code: string; verifier: string }) =>
      postForm(`${emu.issuer}/v1/token`, { grant_type: 'authorization_code', code: login.code, redirect_uri: SPA.redirectUri, code_verifier: login.verifier, client_id: SPA.clientId });
    expect((await exchange(first)).status).toBe(200);
    const limited = await exchange(second);
    expect(limited.status).toBe(429);
    expectOktaErrorShape(await limited.json(), 'E0000047');
    expect(limited.headers.get('x-rate-limit-limit')).toBe('1');
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    // Another user has their own budget.
    expect((await exchange(alice)).status).toBe(200);

    const cc = () => postForm(`${emu.issuer}/v1/token`, { grant_type: 'client_credentials', scope: 'demo.read' }, basic(SERVICE.clientId, SERVICE.secret));
    expect((await cc()).status).toBe(200);
    expect((await cc()).status).toBe(429);
  });
});

test.describe('tokens', () => {
  test('access token: Okta claims on the default server, signed RS256 with a published kid', async () => {
    const { body } = await loginForTokens(emu, { username: 'alice@example.com' });
    const jwks = createRemoteJWKSet(new URL(`${emu.issuer}/v1/keys`));
    const { payload, protectedHeader } = await jwtVerify(body.access_token, jwks, { issuer: emu.issuer, audience: 'api://default' });
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: expect.any(String) });
    const userId = claims(body.id_token).sub;
    expect(payload).toEqual({
      ver: 1,
      jti: expect.stringMatching(/^AT\./),
      iss: emu.issuer,
      aud: 'api://default',
      iat: expect.any(Number),
      exp: (payload.iat as number) + 3600,
      cid: SPA.clientId,
      uid: userId,
      scp: ['openid', 'profile', 'email'],
      auth_time: expect.any(Number),
      sub: 'alice@example.com',
      groups: ['Admins'],
    });
  });

  test('ID token beside an access token: sub is the user id, aud the client, nonce only when sent, at_hash, amr, idp, thin profile claims', async () => {
    const withNonce = await loginForTokens(emu, { nonce: 'nonce-1' });
    const jwks = createRemoteJWKSet(new URL(`${emu.issuer}/v1/keys`));
    const { payload } = await jwtVerify(withNonce.body.id_token, jwks, { issuer: emu.issuer, audience: SPA.clientId });
    expect(payload).toMatchObject({
      ver: 1,
      jti: expect.stringMatching(/^ID\./),
      sub: expect.stringMatching(/^00u/),
      aud: SPA.clientId,
      nonce: 'nonce-1',
      amr: ['pwd'],
      idp: expect.stringMatching(/^00o/),
      at_hash: expect.any(String),
      auth_time: expect.any(Number),
      name: 'Alice Admin',
      email: 'alice@example.com',
      preferred_username: 'alice@example.com',
    });
    // Like Okta's recorded tokens: the rest of the profile is left to userinfo.
    for (const name of ['given_name', 'family_name', 'locale', 'zoneinfo', 'email_verified']) expect(payload[name]).toBeUndefined();
    const withoutNonce = await loginForTokens(emu, { scope: 'openid' });
    const bare = claims(withoutNonce.body.id_token);
    expect('nonce' in bare).toBe(false);
    expect(bare.email).toBeUndefined();
    expect(bare.name).toBeUndefined();
  });

  test('MFA logins carry amr pwd, mfa, otp', async () => {
    const { body } = await loginForTokens(emu, { username: 'mfa@example.com' });
    expect(claims(body.id_token).amr).toEqual(['pwd', 'mfa', 'otp']);
  });

  test('org server: issuer is the org URL, aud too, no groups; its own keys', async () => {
    const { status, body } = await loginForTokens(emu, { base: `${emu.orgUrl}/oauth2` });
    expect(status).toBe(200);
    const at = claims(body.access_token);
    expect(at.iss).toBe(emu.orgUrl);
    expect(at.aud).toBe(emu.orgUrl);
    expect(at.groups).toBeUndefined();
    const jwks = createRemoteJWKSet(new URL(`${emu.orgUrl}/oauth2/v1/keys`));
    await jwtVerify(body.id_token, jwks, { issuer: emu.orgUrl, audience: SPA.clientId });
    const customKid = (await (await get(`${emu.issuer}/v1/keys`)).json()).keys[0].kid;
    expect(header(body.access_token).kid).not.toBe(customKid);
  });

  test('lifetimes from the scenario and clock skew shift iat/exp', async () => {
    emu.setScenario({ lifetimes: { accessTokenSeconds: 5, idTokenSeconds: 7 }, clockSkewSeconds: -600 });
    const { body } = await loginForTokens(emu);
    expect(body.expires_in).toBe(5);
    const at = claims(body.access_token);
    expect(at.exp! - at.iat!).toBe(5);
    expect(Math.abs(at.iat! - (Date.now() / 1000 - 600))).toBeLessThan(5);
    const id = claims(body.id_token);
    expect(id.exp! - id.iat!).toBe(7);
    expect(Math.abs(id.auth_time - (Date.now() / 1000 - 600))).toBeLessThan(5);
  });

  test('seed lifetimes apply; a seed adds users and replaces by login', async () => {
    const seeded = await startEmulator({
      port: 0,
      seed: {
        users: [
          { login: 'carol@example.com', password: 'Secret1!', firstName: 'Carol', lastName: 'New', groups: ['Editors'] },
          { login: 'bob@example.com', password: 'Changed1!', firstName: 'Robert', lastName: 'User' },
        ],
        lifetimes: { accessTokenSeconds: 120 },
      },
    });
    try {
      const bobOld = await fetch(`${seeded.orgUrl}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bob@example.com', password: 'Passw0rd!' }) });
      expect(bobOld.status).toBe(401);
      const carol = await fetch(`${seeded.orgUrl}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'carol@example.com', password: 'Secret1!' }) });
      expect((await carol.json()).status).toBe('SUCCESS');
      const cc = await postForm(`${seeded.issuer}/v1/token`, { grant_type: 'client_credentials', scope: 'demo.read' }, basic(SERVICE.clientId, SERVICE.secret));
      expect((await cc.json()).expires_in).toBe(120);
    } finally {
      await seeded.close();
    }
  });
});

test.describe('tamper switches', () => {
  const verifyAgainst = async (token: string, audience: string) =>
    jwtVerify(token, createRemoteJWKSet(new URL(`${emu.issuer}/v1/keys`)), { issuer: emu.issuer, audience });

  test('each tamper makes the next tokens wrong in exactly that way, until cleared', async () => {
    const expectations: Record<string, (body: any) => Promise<void>> = {
      issuer: async (body) => {
        expect(claims(body.access_token).iss).not.toBe(emu.issuer);
        await expect(verifyAgainst(body.access_token, 'api://default')).rejects.toThrow();
      },
      audience: async (body) => {
        expect(claims(body.access_token).aud).not.toBe('api://default');
        expect(claims(body.id_token).aud).not.toBe(SPA.clientId);
      },
      signature: async (body) => {
        await expect(verifyAgainst(body.access_token, 'api://default')).rejects.toThrow(/signature/);
      },
      'alg-none': async (body) => {
        expect(header(body.id_token).alg).toBe('none');
        expect(body.id_token.endsWith('.')).toBe(true);
      },
      expired: async (body) => {
        expect(claims(body.access_token).exp!).toBeLessThan(Date.now() / 1000 - 60);
        await expect(verifyAgainst(body.access_token, 'api://default')).rejects.toThrow(/exp/);
      },
      nonce: async (body) => {
        expect(claims(body.id_token).nonce).toEqual(expect.any(String));
        expect(claims(body.id_token).nonce).not.toBe('the-nonce');
      },
      subject: async (body) => {
        expect(claims(body.access_token).sub).not.toBe('alice@example.com');
        expect(claims(body.id_token).preferred_username).not.toBe('alice@example.com');
      },
      'unknown-kid': async (body) => {
        const keys = (await (await get(`${emu.issuer}/v1/keys`)).json()).keys.map((k: any) => k.kid);
        expect(keys).not.toContain(header(body.access_token).kid);
      },
    };
    for (const [tamper, check] of Object.entries(expectations)) {
      emu.setScenario({ tamper: tamper as never });
      const { status, body } = await loginForTokens(emu, { nonce: 'the-nonce' });
      expect(status, tamper).toBe(200);
      await check(body);
    }
    emu.setScenario({ tamper: null });
    const { body } = await loginForTokens(emu, { nonce: 'the-nonce' });
    await verifyAgainst(body.access_token, 'api://default');
    expect(claims(body.id_token).nonce).toBe('the-nonce');
  });

  test('state tamper changes the state the authorize redirect carries', async () => {
    emu.setScenario({ tamper: 'state' });
    const { challenge } = pkce();
    const res = await get(spaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256', sessionToken: await sessionToken(emu) }));
    const state = redirectParams(res).get('state');
    expect(state).not.toBe('st');
    expect(state).toEqual(expect.any(String));
  });
});

test.describe('keys, discovery, userinfo, revoke, introspect, logout', () => {
  test('JWKS: RS256 keys with kid and use sig', async () => {
    for (const url of [`${emu.issuer}/v1/keys`, `${emu.orgUrl}/oauth2/v1/keys`]) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      const { keys } = await res.json();
      expect(keys).toHaveLength(1);
      expect(keys[0]).toEqual({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), e: 'AQAB', n: expect.any(String) });
      createLocalJWKSet({ keys });
    }
  });

  test('discovery documents for both servers list every endpoint and S256', async () => {
    const docs: [string, string, string][] = [
      [`${emu.issuer}/.well-known/openid-configuration`, emu.issuer, `${emu.issuer}/v1`],
      [`${emu.issuer}/.well-known/oauth-authorization-server`, emu.issuer, `${emu.issuer}/v1`],
      [`${emu.orgUrl}/.well-known/openid-configuration`, emu.orgUrl, `${emu.orgUrl}/oauth2/v1`],
      [`${emu.orgUrl}/.well-known/oauth-authorization-server`, emu.orgUrl, `${emu.orgUrl}/oauth2/v1`],
    ];
    for (const [url, issuer, base] of docs) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      const doc = await res.json();
      expect(doc).toMatchObject({
        issuer,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        jwks_uri: `${base}/keys`,
        revocation_endpoint: `${base}/revoke`,
        introspection_endpoint: `${base}/introspect`,
        end_session_endpoint: `${base}/logout`,
        code_challenge_methods_supported: ['S256'],
        response_modes_supported: expect.arrayContaining(['query', 'fragment', 'form_post']),
        response_types_supported: expect.arrayContaining(['code', 'token', 'id_token', 'code id_token']),
        token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none']),
      });
      if (url.endsWith('openid-configuration')) {
        expect(doc.userinfo_endpoint).toBe(`${base}/userinfo`);
        expect(doc.id_token_signing_alg_values_supported).toEqual(['RS256']);
      }
    }
    const custom = await (await get(`${emu.issuer}/.well-known/openid-configuration`)).json();
    expect(custom.scopes_supported).toEqual(expect.arrayContaining(['openid', 'offline_access', 'demo.read', 'demo.write']));
    const missing = await get(`${emu.orgUrl}/oauth2/nope/.well-known/openid-configuration`);
    expect(missing.status).toBe(404);
    expectOktaErrorShape(await missing.json(), 'E0000007');
  });

  test('/.well-known/okta-organization', async () => {
    const res = await get(`${emu.orgUrl}/.well-known/okta-organization`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: expect.stringMatching(/^00o/), pipeline: 'v1', _links: { organization: { href: emu.orgUrl } } });
    emu.setScenario({ engine: 'identity-engine' });
    try {
      expect((await (await get(`${emu.orgUrl}/.well-known/okta-organization`)).json()).pipeline).toBe('idx');
    } finally {
      emu.setScenario({ engine: 'classic' });
    }
  });

  test('userinfo: sub equals the ID token sub; a bad token gets 401 invalid_token with WWW-Authenticate', async () => {
    const { body } = await loginForTokens(emu);
    const res = await get(`${emu.issuer}/v1/userinfo`, { authorization: `Bearer ${body.access_token}` });
    expect(res.status).toBe(200);
    const info = await res.json();
    expect(info.sub).toBe(claims(body.id_token).sub);
    expect(info).toMatchObject({ email: 'alice@example.com', preferred_username: 'alice@example.com', name: 'Alice Admin' });

    for (const authorization of [undefined, 'Bearer garbage', `Bearer ${body.id_token}`]) {
      const bad = await get(`${emu.issuer}/v1/userinfo`, authorization ? { authorization } : {});
      expect(bad.status).toBe(401);
      expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
      expect(bad.headers.get('www-authenticate')).toContain(`realm="${emu.orgUrl}"`);
      expect(await bad.text()).toBe('');
    }
    // A token from the org server is no good at the custom server's userinfo.
    const org = await loginForTokens(emu, { base: `${emu.orgUrl}/oauth2` });
    expect((await get(`${emu.issuer}/v1/userinfo`, { authorization: `Bearer ${org.body.access_token}` })).status).toBe(401);
    expect((await get(`${emu.orgUrl}/oauth2/v1/userinfo`, { authorization: `Bearer ${org.body.access_token}` })).status).toBe(200);
  });

  test('introspect and revoke: an access token is active until revoked; a refresh token too', async () => {
    const { body } = await loginForTokens(emu, { scope: 'openid offline_access' });
    const introspect = async (token: string) =>
      (await postForm(`${emu.issuer}/v1/introspect`, { token, client_id: SPA.clientId })).json();
    expect(await introspect(body.access_token)).toMatchObject({ active: true, client_id: SPA.clientId, username: 'alice@example.com', token_type: 'Bearer', scope: 'openid offline_access' });
    expect(await introspect(body.refresh_token)).toMatchObject({ active: true, token_type: 'refresh_token' });
    expect(await introspect('nonsense')).toEqual({ active: false });

    const revoke = await postForm(`${emu.issuer}/v1/revoke`, { token: body.access_token, client_id: SPA.clientId });
    expect(revoke.status).toBe(200);
    expect(await revoke.text()).toBe('');
    expect(await introspect(body.access_token)).toEqual({ active: false });
    expect((await get(`${emu.issuer}/v1/userinfo`, { authorization: `Bearer ${body.access_token}` })).status).toBe(401);

    await postForm(`${emu.issuer}/v1/revoke`, { token: body.refresh_token, client_id: SPA.clientId });
    const refresh = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: SPA.clientId });
    expect(refresh.status).toBe(400);

    const noToken = await postForm(`${emu.issuer}/v1/revoke`, { client_id: SPA.clientId });
    expect(await noToken.json()).toEqual({ error: 'invalid_request', error_description: "The 'token' parameter is required." });
    const noClient = await postForm(`${emu.issuer}/v1/introspect`, { token: body.access_token });
    expect(noClient.status).toBe(401);
    expect((await noClient.json()).error).toBe('invalid_client');
  });

  test("revoke accepts okta-auth-js's `Basic base64(clientId)` from a public client only", async () => {
    const { body } = await loginForTokens(emu, { scope: 'openid offline_access' });
    const clientIdOnly = (clientId: string) => ({ authorization: `Basic ${Buffer.from(clientId).toString('base64')}` });
    const res = await postForm(`${emu.issuer}/v1/revoke`, { token: body.refresh_token }, clientIdOnly(SPA.clientId));
    expect(res.status).toBe(200);
    const refresh = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: SPA.clientId });
    expect(refresh.status).toBe(400);
    const confidential = await postForm(`${emu.issuer}/v1/revoke`, { token: body.access_token }, clientIdOnly(WEB.clientId));
    expect(confidential.status).toBe(401);
    expect((await confidential.json()).error).toBe('invalid_client');
  });

  test('logout ends the sid session and redirects to a registered post-logout URI with state', async () => {
    const login = await loginForCode(emu);
    const tokens = await (await postForm(`${emu.issuer}/v1/token`, { grant_type: 'authorization_code', code: login.code, redirect_uri: SPA.redirectUri, code_verifier: login.verifier, client_id: SPA.clientId })).json();
    const cookie = { cookie: `sid=${login.sid}` };
    expect((await get(`${emu.orgUrl}/api/v1/sessions/me`, cookie)).status).toBe(200);

    const bad = await get(`${emu.issuer}/v1/logout?id_token_hint=${tokens.id_token}&post_logout_redirect_uri=${encodeURIComponent('http://evil.example/')}`, cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('post_logout_redirect_uri');
    expect((await get(`${emu.orgUrl}/api/v1/sessions/me`, cookie)).status).toBe(200);

    const res = await get(`${emu.issuer}/v1/logout?id_token_hint=${tokens.id_token}&post_logout_redirect_uri=${encodeURIComponent('http://localhost:3000/')}&state=bye`, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://localhost:3000/?state=bye');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sid=""'))).toBe(true);
    expect((await get(`${emu.orgUrl}/api/v1/sessions/me`, cookie)).status).toBe(404);
    const noSession = await get(spaAuthorize({ ...(() => { const p = pkce(); return { code_challenge: p.challenge, code_challenge_method: 'S256' }; })(), prompt: 'none' }), cookie);
    expect(redirectParams(noSession).get('error')).toBe('login_required');
  });
});
