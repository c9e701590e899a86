// Okta's own SDKs (and openid-client, which @okta/oidc-middleware builds on) against the emulator, in Node, over
// real HTTP. If these accept the emulator, so will apps built on them.
import { test, expect } from '@playwright/test';
import { OktaAuth, type AuthApiError, type IDToken, type AccessToken } from '@okta/okta-auth-js';
import OktaJwtVerifier from '@okta/jwt-verifier';
import * as oidc from 'openid-client';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorHandle } from '../../src/emulator/types.js';
import {
  DEMO_SERVICE,
  DEMO_SPA,
  DEMO_WEB,
  PASSWORD,
  authorizeUrl,
  clientCredentials,
  jsonObject,
  send,
  sessionTokenFor,
  tokensFor,
  totpCode,
  wrongTotpCode,
} from './wire-http.js';

let emu: EmulatorHandle;

test.beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});

test.afterAll(async () => {
  await emu?.close();
});

/**
 * How a promise settled: 'resolved', or the rejection's message. Asserting on this string keeps a resolved value
 * (a verified token) out of the failure output.
 */
async function rejection(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
}

/** The authorize redirect for a sessionToken, read from Location (redirects not followed). */
async function authorizeRedirect(url: URL): Promise<URL> {
  const res = await send(url, { headers: { accept: 'text/html' } });
  expect(res.status, 'authorize with a sessionToken redirects').toBe(302);
  const location = new URL(res.location!);
  expect(location.searchParams.get('error'), 'the redirect carries no error').toBeNull();
  expect(location.searchParams.has('code'), 'the redirect carries a code').toBe(true);
  return location;
}

test.describe('@okta/okta-auth-js 8 in Node', () => {
  function authClient(): OktaAuth {
    return new OktaAuth({ issuer: emu.issuer, clientId: DEMO_SPA.clientId, redirectUri: DEMO_SPA.redirectUri });
  }

  test('signInWithCredentials for a plain user → SUCCESS with a sessionToken', async () => {
    const tx = await authClient().signInWithCredentials({ username: 'bob@example.com', password: PASSWORD });
    expect(tx.status).toBe('SUCCESS');
    expect(typeof tx.sessionToken, 'sessionToken').toBe('string');
    expect(tx.sessionToken!.length, 'sessionToken is not empty').toBeGreaterThan(0);
    expect(tx.user?.profile?.login).toBe('bob@example.com');
  });

  test('the MFA transaction: TOTP factor found by type, verify with a passCode → SUCCESS', async () => {
    const tx = await authClient().signInWithCredentials({ username: 'mfa@example.com', password: PASSWORD });
    expect(tx.status).toBe('MFA_REQUIRED');
    const factor = tx.factors?.find((f) => f.factorType === 'token:software:totp');
    expect(factor, 'a token:software:totp factor').toBeTruthy();
    expect(typeof factor!.verify, 'the SDK made the factor verifiable from its _links').toBe('function');
    const done = (await factor!.verify({ passCode: totpCode() })) as { status: string; sessionToken?: string };
    expect(done.status).toBe('SUCCESS');
    expect(typeof done.sessionToken, 'sessionToken').toBe('string');
  });

  test('the MFA transaction: a wrong passCode rejects with AuthApiError E0000068', async () => {
    const tx = await authClient().signInWithCredentials({ username: 'mfa@example.com', password: PASSWORD });
    const factor = tx.factors!.find((f) => f.factorType === 'token:software:totp')!;
    const err = (await factor.verify({ passCode: wrongTotpCode() }).then(
      () => undefined,
      (e: unknown) => e,
    )) as AuthApiError | undefined;
    expect(err, 'verify rejected').toBeTruthy();
    expect(err!.name).toBe('AuthApiError');
    expect(err!.errorCode).toBe('E0000068');
    expect(err!.errorSummary).toBe('Invalid Passcode/Answer');
  });

  test('a wrong password rejects with AuthApiError E0000004', async () => {
    const err = (await authClient()
      .signInWithCredentials({ username: 'bob@example.com', password: 'not-the-password' })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as AuthApiError | undefined;
    expect(err, 'signInWithCredentials rejected').toBeTruthy();
    expect(err!.name).toBe('AuthApiError');
    expect(err!.errorCode).toBe('E0000004');
    expect(err!.errorSummary).toBe('Authentication failed');
  });

  test('PKCE: prepareTokenParams, authorize with the sessionToken, exchangeCodeForTokens, verify, getUserInfo', async () => {
    const sdk = authClient();
    // Without WebCrypto the SDK would skip signature checks silently; Node 20 has it, and the test relies on it.
    expect(sdk.features.isTokenVerifySupported(), 'okta-auth-js can verify signatures in this Node').toBe(true);
    const scopes = ['openid', 'profile', 'email'];
    // Reads discovery and insists on S256 in code_challenge_methods_supported.
    const params = await sdk.token.prepareTokenParams({ scopes });
    expect(params.codeChallengeMethod).toBe('S256');
    const tx = await sdk.signInWithCredentials({ username: 'bob@example.com', password: PASSWORD });
    const location = await authorizeRedirect(
      authorizeUrl({
        issuer: emu.issuer,
        ...DEMO_SPA,
        scope: scopes.join(' '),
        state: params.state,
        nonce: params.nonce,
        codeChallenge: params.codeChallenge,
        sessionToken: tx.sessionToken,
      }),
    );
    expect(location.searchParams.get('state')).toBe(params.state);
    // Posts code + verifier to the token endpoint and verifies the ID token (signature via JWKS, iss, aud, at_hash).
    const { tokens } = await sdk.token.exchangeCodeForTokens({
      authorizationCode: location.searchParams.get('code')!,
      codeVerifier: params.codeVerifier,
      scopes,
    });
    const idToken = tokens.idToken as IDToken;
    const accessToken = tokens.accessToken as AccessToken;
    expect(idToken, 'an ID token').toBeTruthy();
    expect(accessToken, 'an access token').toBeTruthy();
    expect(idToken.claims.nonce).toBe(params.nonce);
    expect(idToken.claims.preferred_username).toBe('bob@example.com');
    expect(accessToken.tokenType).toBe('Bearer');
    expect(Math.abs(accessToken.expiresAt - (Math.floor(Date.now() / 1000) + 3600)), 'expiresAt = now + expires_in').toBeLessThan(30);
    expect(sdk.token.decode(accessToken.accessToken).payload.cid).toBe(DEMO_SPA.clientId);
    // token.verify: signature, issuer, audience, expiry, nonce.
    await sdk.token.verify(idToken, { nonce: params.nonce });
    expect(await rejection(sdk.token.verify(idToken, { nonce: 'another-nonce' })), 'a wrong nonce is caught').toMatch(/nonce/i);
    // getUserInfo: the SDK requires userinfo's sub to equal the ID token's.
    const userinfo = await sdk.token.getUserInfo(accessToken, idToken);
    expect(userinfo.sub).toBe(idToken.claims.sub);
    expect(userinfo.email).toBe('bob@example.com');
  });
  // token.getWithoutPrompt needs a browser (a hidden iframe and postMessage): okta-sdks-browser.spec.ts.
});

test.describe('@okta/jwt-verifier 4', () => {
  const verifier = (cid: string): OktaJwtVerifier =>
    new OktaJwtVerifier({ issuer: emu.issuer, assertClaims: { cid }, testing: { disableHttpsCheck: true } });
  // assertClaims apply to ID tokens too, and ID tokens carry no cid: ID tokens get a verifier without it.
  const idVerifier = (): OktaJwtVerifier => new OktaJwtVerifier({ issuer: emu.issuer, testing: { disableHttpsCheck: true } });

  test('verifies the access token (aud api://default, assertClaims cid demo-spa) and the ID token (client id, nonce) from a code flow', async () => {
    const tokens = await tokensFor({ orgUrl: emu.orgUrl, issuer: emu.issuer, client: DEMO_SPA, scope: 'openid profile email' });
    const v = verifier(DEMO_SPA.clientId);
    const at = await v.verifyAccessToken(tokens.access_token, 'api://default');
    expect(at.claims.iss).toBe(emu.issuer);
    expect(at.claims.cid).toBe(DEMO_SPA.clientId);
    expect(at.claims.sub).toBe('bob@example.com');
    expect(at.claims.scp).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
    expect(at.header.alg).toBe('RS256');
    const iv = idVerifier();
    const id = await iv.verifyIdToken(tokens.id_token!, DEMO_SPA.clientId, tokens.nonce);
    expect(id.claims.sub).toBe(tokens.userId);
    expect(id.claims.nonce).toBe(tokens.nonce);
    // Negative controls: the same verifier rejects what does not fit.
    expect(await rejection(v.verifyAccessToken(tokens.access_token, 'api://other')), 'another audience').toMatch(/aud/i);
    expect(await rejection(iv.verifyIdToken(tokens.id_token!, DEMO_SPA.clientId, 'another-nonce')), 'another nonce').toMatch(/nonce/i);
    expect(await rejection(iv.verifyIdToken(tokens.id_token!, DEMO_WEB.clientId, tokens.nonce)), 'another client id').toMatch(/aud/i);
  });

  test("a token issued to another client fails the cid assertion (and passes with that client's cid)", async () => {
    const web = await tokensFor({ orgUrl: emu.orgUrl, issuer: emu.issuer, client: DEMO_WEB });
    expect(await rejection(verifier(DEMO_SPA.clientId).verifyAccessToken(web.access_token, 'api://default')), 'cid assertion').toMatch(/cid/);
    const ok = await verifier(DEMO_WEB.clientId).verifyAccessToken(web.access_token, 'api://default');
    expect(ok.claims.cid).toBe(DEMO_WEB.clientId);

    const res = await clientCredentials(emu.issuer, 'demo.read');
    expect(res.status).toBe(200);
    const service = jsonObject(res).access_token as string;
    expect(await rejection(verifier(DEMO_SPA.clientId).verifyAccessToken(service, 'api://default')), 'cid assertion').toMatch(/cid/);
    const svc = await verifier(DEMO_SERVICE.clientId).verifyAccessToken(service, 'api://default');
    expect(svc.claims.scp).toEqual(['demo.read']);
  });
});

test.describe('openid-client 6', () => {
  const insecure = { execute: [oidc.allowInsecureRequests] };

  /** PKCE code flow: openid-client builds the URL, the sessionToken rides along, openid-client checks the answer. */
  async function codeGrant(scope: string) {
    const config = await oidc.discovery(new URL(emu.issuer), DEMO_SPA.clientId, undefined, oidc.None(), insecure);
    const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
    const codeChallenge = await oidc.calculatePKCECodeChallenge(pkceCodeVerifier);
    const expectedState = oidc.randomState();
    const expectedNonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: DEMO_SPA.redirectUri,
      scope,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
      state: expectedState,
      nonce: expectedNonce,
    });
    const { sessionToken, userId } = await sessionTokenFor(emu.orgUrl, 'bob@example.com');
    url.searchParams.set('sessionToken', sessionToken);
    const location = await authorizeRedirect(url);
    const tokens = await oidc.authorizationCodeGrant(config, location, { pkceCodeVerifier, expectedState, expectedNonce });
    return { config, tokens, expectedNonce, userId };
  }

  test('discovery, PKCE authorization code grant with a sessionToken, ID token claims, userinfo', async () => {
    const { config, tokens, expectedNonce, userId } = await codeGrant('openid profile email');
    expect(config.serverMetadata().issuer).toBe(emu.issuer);
    expect(config.serverMetadata().code_challenge_methods_supported).toContain('S256');
    // claims() are the ID token's claims after openid-client's checks (iss, aud, exp, iat, nonce).
    const claims = tokens.claims();
    expect(claims, 'an ID token').toBeTruthy();
    expect(claims!.iss).toBe(emu.issuer);
    expect(claims!.aud).toBe(DEMO_SPA.clientId);
    expect(claims!.sub).toBe(userId);
    expect(claims!.nonce).toBe(expectedNonce);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims!.sub);
    expect(userinfo.email).toBe('bob@example.com');
  });

  test('refresh_token grant after a code grant with offline_access', async () => {
    const { config, tokens } = await codeGrant('openid email offline_access');
    expect(typeof tokens.refresh_token, 'a refresh token').toBe('string');
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(typeof refreshed.access_token).toBe('string');
    expect(refreshed.access_token === tokens.access_token, 'a new access token').toBe(false);
    expect(refreshed.expires_in).toBe(3600);
    // Rotation is on by default (Okta's "rotate token after every use"): a new refresh token comes back.
    expect(typeof refreshed.refresh_token, 'a rotated refresh token').toBe('string');
    expect(refreshed.refresh_token === tokens.refresh_token, 'the refresh token rotated').toBe(false);
    const claims = refreshed.claims();
    if (claims) expect(claims.sub).toBe(tokens.claims()!.sub);
  });

  for (const [name, auth] of [
    ['client_secret_post', () => oidc.ClientSecretPost(DEMO_SERVICE.clientSecret)],
    ['client_secret_basic', () => oidc.ClientSecretBasic(DEMO_SERVICE.clientSecret)],
  ] as const) {
    test(`client_credentials for demo-service with ${name}`, async () => {
      const config = await oidc.discovery(new URL(emu.issuer), DEMO_SERVICE.clientId, undefined, auth(), insecure);
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'demo.read demo.write' });
      expect(tokens.token_type.toLowerCase()).toBe('bearer');
      expect(tokens.id_token === undefined, 'no ID token without a user').toBe(true);
      expect(tokens.scope?.split(' ').sort()).toEqual(['demo.read', 'demo.write']);
      const at = await new OktaJwtVerifier({
        issuer: emu.issuer,
        assertClaims: { cid: DEMO_SERVICE.clientId },
        testing: { disableHttpsCheck: true },
      }).verifyAccessToken(tokens.access_token, 'api://default');
      expect(at.claims.scp).toEqual(expect.arrayContaining(['demo.read', 'demo.write']));
    });
  }

  test('client_credentials with a wrong secret is rejected with invalid_client', async () => {
    const config = await oidc.discovery(new URL(emu.issuer), DEMO_SERVICE.clientId, undefined, oidc.ClientSecretBasic('not-the-secret'), insecure);
    const err = await oidc.clientCredentialsGrant(config, { scope: 'demo.read' }).then(
      () => undefined,
      (e: unknown) => e as { error?: string; status?: number },
    );
    expect(err, 'the grant was rejected').toBeTruthy();
    expect(err!.error).toBe('invalid_client');
    expect(err!.status).toBe(401);
  });
});
