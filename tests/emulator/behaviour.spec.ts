// The emulator's own behaviour, over HTTP: primary authentication and MFA, sessions and users, Okta's
// headers and CORS, bad input, the /__emulator/ controls, injected faults and the rate limit.
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { emulatorPerFile } from './emulator-bed.js';
import {
  authn,
  expectOktaErrorShape,
  get,
  loginForCode,
  PASSWORD,
  postForm,
  postJson,
  sessionToken,
  sidFrom,
  totpNow,
} from './behaviour.helpers.js';

let emu: EmulatorHandle;
emulatorPerFile((started) => (emu = started));

test.describe('POST /api/v1/authn', () => {
  test('a plain user gets SUCCESS with a 5-minute sessionToken and the user profile', async () => {
    const before = Date.now();
    const { status, body, res } = await authn(emu, 'alice@example.com');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(body.status).toBe('SUCCESS');
    expect(body.sessionToken).toMatch(/^\S{20,}$/);
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThan(before + 290_000);
    expect(expiresAt).toBeLessThan(before + 310_000);
    expect(body._embedded.user).toEqual({
      id: expect.stringMatching(/^00u\w{17}$/),
      passwordChanged: expect.any(String),
      profile: {
        login: 'alice@example.com',
        firstName: 'Alice',
        lastName: 'Admin',
        locale: 'en',
        timeZone: 'America/Los_Angeles',
      },
    });
  });

  test('user ids are stable across emulator restarts', async () => {
    const other = await startEmulator({ port: 0 });
    try {
      const a = await authn(emu, 'bob@example.com');
      const b = await authn(other, 'bob@example.com');
      expect(a.body._embedded.user.id).toBe(b.body._embedded.user.id);
    } finally {
      await other.close();
    }
  });

  test('a wrong password and an unknown user both get 401 E0000004 "Authentication failed"', async () => {
    for (const [username, password] of [
      ['alice@example.com', 'wrong'],
      ['nobody@example.com', PASSWORD],
    ]) {
      const { status, body } = await authn(emu, username!, password);
      expect(status).toBe(401);
      expectOktaErrorShape(body, 'E0000004');
      expect(body.errorSummary).toBe('Authentication failed');
      expect(body.errorCauses).toEqual([]);
    }
  });

  test('a locked user gets the same 401 E0000004 by default, and 200 LOCKED_OUT when the org shows lockouts', async () => {
    const hidden = await authn(emu, 'locked@example.com');
    expect(hidden.status).toBe(401);
    expectOktaErrorShape(hidden.body, 'E0000004');

    emu.setScenario({ showLockedOut: true });
    const shown = await authn(emu, 'locked@example.com');
    expect(shown.status).toBe(200);
    expect(shown.body.status).toBe('LOCKED_OUT');
    expect(shown.body._links.next.name).toBe('unlock');
    expect(shown.body.sessionToken).toBeUndefined();
  });

  test('an expired password answers PASSWORD_EXPIRED with a changePassword link and no sessionToken', async () => {
    const { status, body } = await authn(emu, 'expired@example.com');
    expect(status).toBe(200);
    expect(body.status).toBe('PASSWORD_EXPIRED');
    expect(body.stateToken).toEqual(expect.any(String));
    expect(body.sessionToken).toBeUndefined();
    expect(body._links.next).toEqual({
      name: 'changePassword',
      href: `${emu.orgUrl}/api/v1/authn/credentials/change_password`,
      hints: { allow: ['POST'] },
    });
    expect(body._embedded.user.profile.login).toBe('expired@example.com');
  });

  test('malformed JSON, a JSON array and missing fields get 400 E0000003', async () => {
    const url = `${emu.orgUrl}/api/v1/authn`;
    for (const body of ['{"username": ', '[]', '', JSON.stringify({ username: 'alice@example.com' }), JSON.stringify({ password: PASSWORD })]) {
      const res = await postJson(url, body);
      expect(res.status, `body ${body}`).toBe(400);
      const error = await res.json();
      expectOktaErrorShape(error, 'E0000003');
      expect(error.errorSummary).toBe('The request body was not well-formed.');
    }
    // ...and the next good request is served normally.
    expect((await authn(emu, 'alice@example.com')).body.status).toBe('SUCCESS');
  });

  test('a stateToken alone resumes the transaction; a stale one gets 401 E0000011', async () => {
    const first = await authn(emu, 'mfa@example.com');
    const resumed = await postJson(`${emu.orgUrl}/api/v1/authn`, { stateToken: first.body.stateToken });
    expect(resumed.status).toBe(200);
    expect((await resumed.json()).status).toBe('MFA_REQUIRED');

    const stale = await postJson(`${emu.orgUrl}/api/v1/authn`, { stateToken: '00notAStateToken' });
    expect(stale.status).toBe(401);
    const error = await stale.json();
    expectOktaErrorShape(error, 'E0000011');
    expect(error.errorSummary).toBe('Invalid token provided');
  });
});

test.describe('MFA with TOTP', () => {
  test('MFA_REQUIRED lists factors (push first, so clients choose by type) with verify links', async () => {
    const { status, body } = await authn(emu, 'mfa@example.com');
    expect(status).toBe(200);
    expect(body.status).toBe('MFA_REQUIRED');
    expect(body.stateToken).toEqual(expect.any(String));
    expect(body.sessionToken).toBeUndefined();
    expect(body._embedded.factor).toBeUndefined();
    const factors = body._embedded.factors;
    expect(factors.map((f: any) => f.factorType)).toEqual(['push', 'token:software:totp']);
    const totp = factors[1];
    expect(['GOOGLE', 'OKTA']).toContain(totp.provider);
    expect(totp._links.verify).toEqual({
      href: `${emu.orgUrl}/api/v1/authn/factors/${totp.id}/verify`,
      hints: { allow: ['POST'] },
    });
    expect(body._links.cancel.href).toBe(`${emu.orgUrl}/api/v1/authn/cancel`);
  });

  test('a real TOTP code gives SUCCESS with a sessionToken; the transaction is then closed', async () => {
    const { body } = await authn(emu, 'mfa@example.com');
    const factor = body._embedded.factors.find((f: any) => f.factorType === 'token:software:totp');
    const res = await postJson(factor._links.verify.href, { stateToken: body.stateToken, passCode: totpNow() });
    expect(res.status).toBe(200);
    const success = await res.json();
    expect(success.status).toBe('SUCCESS');
    expect(success.sessionToken).toEqual(expect.any(String));
    expect(success._embedded.user.profile.login).toBe('mfa@example.com');

    const again = await postJson(factor._links.verify.href, { stateToken: body.stateToken, passCode: totpNow() });
    expect(again.status).toBe(401);
    expectOktaErrorShape(await again.json(), 'E0000011');
  });

  test('a wrong code gets 403 E0000068 and the transaction stays open for another try', async () => {
    const { body } = await authn(emu, 'mfa@example.com');
    const factor = body._embedded.factors.find((f: any) => f.factorType === 'token:software:totp');
    const wrongCode = totpNow() === '000000' ? '111111' : '000000';
    const wrong = await postJson(factor._links.verify.href, { stateToken: body.stateToken, passCode: wrongCode });
    expect(wrong.status).toBe(403);
    const error = await wrong.json();
    expectOktaErrorShape(error, 'E0000068');
    expect(error.errorSummary).toBe('Invalid Passcode/Answer');

    const right = await postJson(factor._links.verify.href, { stateToken: body.stateToken, passCode: totpNow() });
    expect((await right.json()).status).toBe('SUCCESS');
  });

  test('a stale stateToken gets 401 E0000011; an unknown factor 404 E0000007', async () => {
    const { body } = await authn(emu, 'mfa@example.com');
    const factor = body._embedded.factors.find((f: any) => f.factorType === 'token:software:totp');
    const stale = await postJson(factor._links.verify.href, { stateToken: 'stale', passCode: totpNow() });
    expect(stale.status).toBe(401);
    expectOktaErrorShape(await stale.json(), 'E0000011');

    const unknown = await postJson(`${emu.orgUrl}/api/v1/authn/factors/ostNope/verify`, { stateToken: body.stateToken, passCode: totpNow() });
    expect(unknown.status).toBe(404);
    expectOktaErrorShape(await unknown.json(), 'E0000007');
  });

  test('the push factor waits and then times out (never approved)', async () => {
    const { body } = await authn(emu, 'mfa@example.com');
    const push = body._embedded.factors.find((f: any) => f.factorType === 'push');
    const first = await (await postJson(push._links.verify.href, { stateToken: body.stateToken })).json();
    expect(first.status).toBe('MFA_CHALLENGE');
    expect(first.factorResult).toBe('WAITING');
    expect(first._links.next.name).toBe('poll');
    const second = await (await postJson(first._links.next.href, { stateToken: body.stateToken })).json();
    expect(second.factorResult).toBe('TIMEOUT');
  });

  test('verifying during PASSWORD_EXPIRED is the wrong state: 403 E0000079', async () => {
    const { body } = await authn(emu, 'expired@example.com');
    const res = await postJson(`${emu.orgUrl}/api/v1/authn/factors/anything/verify`, { stateToken: body.stateToken, passCode: '123456' });
    expect(res.status).toBe(403);
    expectOktaErrorShape(await res.json(), 'E0000079');
  });

  test('a TOTP code is accepted once: the same code again is refused with 403 E0000068', async () => {
    const code = totpNow();
    const verify = async () => {
      const { body } = await authn(emu, 'mfa@example.com');
      const factor = body._embedded.factors.find((f: any) => f.factorType === 'token:software:totp');
      return postJson(factor._links.verify.href, { stateToken: body.stateToken, passCode: code });
    };
    expect((await verify()).status).toBe(200);
    const replay = await verify();
    expect(replay.status).toBe(403);
    const error = await replay.json();
    expectOktaErrorShape(error, 'E0000068');
    expect(error.errorCauses[0].errorSummary).toContain('only be used once');
  });

  test('a user who must enroll a factor gets MFA_ENROLL with the TOTP factor NOT_SETUP', async () => {
    const { status, body } = await authn(emu, 'enroll@example.com');
    expect(status).toBe(200);
    expect(body.status).toBe('MFA_ENROLL');
    expect(body.stateToken).toEqual(expect.any(String));
    expect(body.sessionToken).toBeUndefined();
    expect(body._embedded.factors).toEqual([
      expect.objectContaining({ factorType: 'token:software:totp', status: 'NOT_SETUP', enrollment: 'REQUIRED', _links: { enroll: { href: `${emu.orgUrl}/api/v1/authn/factors`, hints: { allow: ['POST'] } } } }),
    ]);
    const verify = await postJson(`${emu.orgUrl}/api/v1/authn/factors/x/verify`, { stateToken: body.stateToken, passCode: '123456' });
    expect(verify.status).toBe(403);
    expectOktaErrorShape(await verify.json(), 'E0000079');
  });

  test('the push factor profile carries the device key', async () => {
    const { body } = await authn(emu, 'mfa@example.com');
    const push = body._embedded.factors.find((f: any) => f.factorType === 'push');
    expect(push.profile.keys).toEqual([{ kty: 'PKIX', use: 'sig', kid: 'default', x5c: [expect.stringMatching(/^MIIB/)] }]);
  });

  test('cancel closes the transaction', async () => {
    const { body } = await authn(emu, 'mfa@example.com');
    const cancel = await postJson(`${emu.orgUrl}/api/v1/authn/cancel`, { stateToken: body.stateToken });
    expect(cancel.status).toBe(200);
    const resumed = await postJson(`${emu.orgUrl}/api/v1/authn`, { stateToken: body.stateToken });
    expect(resumed.status).toBe(401);
  });
});

test.describe('Okta headers and CORS', () => {
  test('every answer has X-Okta-Request-Id, Date and X-Rate-Limit-*; the controls have no rate limit', async () => {
    const api = await postJson(`${emu.orgUrl}/api/v1/authn`, { username: 'bob@example.com', password: PASSWORD });
    const oauth = await get(`${emu.issuer}/v1/keys`);
    const page = await get(`${emu.orgUrl}/login/login.htm`);
    for (const res of [api, oauth, page]) {
      expect(res.headers.get('x-okta-request-id')).toMatch(/^\S{10,}$/);
      expect(Number.isNaN(Date.parse(res.headers.get('date') ?? ''))).toBe(false);
    }
    const ids = new Set([api, oauth, page].map((res) => res.headers.get('x-okta-request-id')));
    expect(ids.size).toBe(3);
    for (const res of [api, oauth, page]) {
      expect(Number(res.headers.get('x-rate-limit-limit'))).toBeGreaterThan(0);
      expect(Number(res.headers.get('x-rate-limit-remaining'))).toBeLessThan(Number(res.headers.get('x-rate-limit-limit')));
      const reset = Number(res.headers.get('x-rate-limit-reset'));
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      expect(reset).toBeLessThan(Date.now() / 1000 + 3600);
    }
    expect(page.headers.get('content-type')).toBe('text/html;charset=UTF-8');
    const control = await get(`${emu.orgUrl}/__emulator/stats`);
    expect(control.headers.get('x-rate-limit-limit')).toBeNull();
  });

  test('a preflight from a trusted origin is allowed with credentials', async () => {
    for (const path of ['/api/v1/authn', '/api/v1/sessions/me', '/oauth2/default/v1/token', '/oauth2/default/v1/keys', '/oauth2/default/.well-known/openid-configuration', '/oauth2/default/v1/userinfo']) {
      const res = await fetch(`${emu.orgUrl}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:3000',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-okta-user-agent-extended',
        },
      });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-headers')).toContain('x-okta-user-agent-extended');
      expect(res.headers.get('access-control-allow-methods')).toContain('OPTIONS');
    }
  });

  test('actual cross-origin answers echo a trusted origin and ignore others', async () => {
    const trusted = await postJson(`${emu.orgUrl}/api/v1/authn`, { username: 'bob@example.com', password: PASSWORD }, { origin: 'http://localhost:3000' });
    expect(trusted.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(trusted.headers.get('access-control-allow-credentials')).toBe('true');
    const evil = await postJson(`${emu.orgUrl}/api/v1/authn`, { username: 'bob@example.com', password: PASSWORD }, { origin: 'http://evil.example' });
    expect(evil.status).toBe(200);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${emu.orgUrl}/api/v1/authn`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('origins of seeded redirect URIs are trusted too', async () => {
    const seeded = await startEmulator({
      port: 0,
      seed: { clients: [{ clientId: 'other-spa', redirectUris: ['http://app.test:8080/cb'] }] },
    });
    try {
      const res = await fetch(`${seeded.orgUrl}/oauth2/default/v1/keys`, { headers: { origin: 'http://app.test:8080' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://app.test:8080');
    } finally {
      await seeded.close();
    }
  });
});

test.describe('sessions and users', () => {
  test('POST /api/v1/sessions turns a sessionToken into a session once', async () => {
    const token = await sessionToken(emu, 'bob@example.com');
    const res = await postJson(`${emu.orgUrl}/api/v1/sessions`, { sessionToken: token });
    expect(res.status).toBe(200);
    const session = await res.json();
    expect(session).toMatchObject({ login: 'bob@example.com', status: 'ACTIVE', amr: ['pwd'], mfaActive: false });
    expect(session.id).toEqual(expect.any(String));
    expect(session.userId).toMatch(/^00u/);
    expect(session.idp).toEqual({ id: expect.stringMatching(/^00o/), type: 'OKTA' });
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());

    const spent = await postJson(`${emu.orgUrl}/api/v1/sessions`, { sessionToken: token });
    expect(spent.status).toBe(401);
    expectOktaErrorShape(await spent.json(), 'E0000004');
    const malformed = await postJson(`${emu.orgUrl}/api/v1/sessions`, '{');
    expect(malformed.status).toBe(400);
  });

  test('sessionCookieRedirect sets sid; sessions/me and users/me read it; DELETE ends it', async () => {
    const token = await sessionToken(emu, 'alice@example.com');
    const redirectUrl = 'http://localhost:3000/after-login';
    const res = await get(`${emu.orgUrl}/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent(redirectUrl)}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(redirectUrl);
    const sid = sidFrom(res);
    expect(sid).toBeTruthy();
    expect(res.headers.getSetCookie().some((c) => /^sid=[^;]+; Path=\/; HttpOnly/.test(c))).toBe(true);
    const cookie = { cookie: `sid=${sid}` };

    const me = await get(`${emu.orgUrl}/api/v1/sessions/me`, cookie);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: sid, login: 'alice@example.com', status: 'ACTIVE' });

    const user = await get(`${emu.orgUrl}/api/v1/users/me`, cookie);
    expect(user.status).toBe(200);
    const profile = await user.json();
    expect(profile.profile).toMatchObject({ login: 'alice@example.com', firstName: 'Alice', lastName: 'Admin', email: 'alice@example.com' });
    expect(Math.abs(Date.parse(profile.lastLogin) - Date.now())).toBeLessThan(10_000);

    const deleted = await fetch(`${emu.orgUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: cookie });
    expect(deleted.status).toBe(204);
    const gone = await get(`${emu.orgUrl}/api/v1/sessions/me`, cookie);
    expect(gone.status).toBe(404);
    const error = await gone.json();
    expectOktaErrorShape(error, 'E0000007');
    expect(error.errorSummary).toBe('Not found: Resource not found: me (Session)');
    expect((await get(`${emu.orgUrl}/api/v1/users/me`, cookie)).status).toBe(403);
  });

  test('sessionCookieRedirect refuses an untrusted redirectUrl, and a spent token goes to the sign-in page', async () => {
    const token = await sessionToken(emu);
    const evil = await get(`${emu.orgUrl}/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent('http://evil.example/')}`);
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    expect(sidFrom(evil)).toBeUndefined();

    const ok = await get(`${emu.orgUrl}/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent('http://localhost:3000/')}`);
    expect(ok.status).toBe(302);
    const spent = await get(`${emu.orgUrl}/login/sessionCookieRedirect?token=${token}&redirectUrl=${encodeURIComponent('http://localhost:3000/')}`);
    expect(spent.status).toBe(302);
    expect(spent.headers.get('location')).toContain('/login/login.htm');
    expect(sidFrom(spent)).toBeUndefined();
  });

  test('sessions/me without a cookie is 404 E0000007', async () => {
    const res = await get(`${emu.orgUrl}/api/v1/sessions/me`);
    expect(res.status).toBe(404);
    expectOktaErrorShape(await res.json(), 'E0000007');
    const del = await fetch(`${emu.orgUrl}/api/v1/sessions/me`, { method: 'DELETE' });
    expect(del.status).toBe(404);
  });

  test('GET /api/v1/users needs a valid SSWS token: 401 E0000011 otherwise', async () => {
    for (const authorization of [undefined, 'SSWS wrong-token', 'Bearer 00demo-ssws-token']) {
      const res = await get(`${emu.orgUrl}/api/v1/users`, authorization ? { authorization } : {});
      expect(res.status).toBe(401);
      const error = await res.json();
      expectOktaErrorShape(error, 'E0000011');
      expect(error.errorSummary).toBe('Invalid token provided');
    }
    const ok = await get(`${emu.orgUrl}/api/v1/users`, { authorization: 'SSWS 00demo-ssws-token' });
    expect(ok.status).toBe(200);
    const users = await ok.json();
    expect(users.map((u: any) => u.profile.login)).toEqual(
      expect.arrayContaining(['alice@example.com', 'bob@example.com', 'mfa@example.com', 'locked@example.com', 'expired@example.com', 'unassigned@example.com']),
    );
    const filtered = await (await get(`${emu.orgUrl}/api/v1/users?q=bob`, { authorization: 'SSWS 00demo-ssws-token' })).json();
    expect(filtered.map((u: any) => u.profile.login)).toEqual(['bob@example.com']);
    const one = await get(`${emu.orgUrl}/api/v1/users/alice@example.com`, { authorization: 'SSWS 00demo-ssws-token' });
    expect((await one.json()).id).toBe(users.find((u: any) => u.profile.login === 'alice@example.com').id);
  });
});

test.describe('bad input never crashes it', () => {
  test('a wrong method gets 405 E0000022 with Allow', async () => {
    const res = await get(`${emu.orgUrl}/api/v1/authn`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('POST');
    expectOktaErrorShape(await res.json(), 'E0000022');
    const token = await fetch(`${emu.issuer}/v1/token`, { method: 'PUT' });
    expect(token.status).toBe(405);
    expect(token.headers.get('allow')).toContain('POST');
  });

  test('an unknown path gets 404 E0000008 JSON', async () => {
    const res = await get(`${emu.orgUrl}/api/v1/nothing/here?x=1`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expectOktaErrorShape(await res.json(), 'E0000008');
  });

  test('a huge body is refused with 413 and the next request is served', async () => {
    const huge = JSON.stringify({ username: 'alice@example.com', password: 'x'.repeat(2 * 1024 * 1024) });
    const status = await postJson(`${emu.orgUrl}/api/v1/authn`, huge).then(
      (res) => res.status,
      () => 'connection closed',
    );
    expect([413, 'connection closed']).toContain(status);
    expect((await authn(emu, 'alice@example.com')).body.status).toBe('SUCCESS');
  });

  test('garbage in every field type is answered, then a good request works', async () => {
    const org = emu.orgUrl;
    const answers = await Promise.all([
      postJson(`${org}/api/v1/authn`, { username: 42, password: ['x'] }),
      postJson(`${org}/api/v1/authn/factors/%E0%A4%A/verify`, '{}'),
      fetch(`${emu.issuer}/v1/token`, { method: 'POST', body: '%%%', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      fetch(`${emu.issuer}/v1/token`, { method: 'POST', body: '{"grant_type":"password"}', headers: { 'content-type': 'application/json' } }),
      get(`${emu.issuer}/v1/authorize?%zz=1&client_id=`),
      get(`${emu.issuer}/v1/userinfo`, { authorization: 'Bearer not.a.jwt' }),
      postJson(`${org}/__emulator/faults`, { route: 'nonsense' }),
      postJson(`${org}/__emulator/scenario`, { tamper: 'everything' }),
    ]);
    expect(answers.map((res) => res.status)).toEqual([400, 404, 400, 400, 400, 401, 400, 400]);
    expect((await authn(emu, 'alice@example.com')).body.status).toBe('SUCCESS');
  });
});

test.describe('controls under /__emulator/', () => {
  test('stats count requests by method and path without query, never the controls themselves', async () => {
    await authn(emu, 'alice@example.com');
    await authn(emu, 'bob@example.com');
    await get(`${emu.issuer}/v1/keys?cache=bust`);
    await get(`${emu.orgUrl}/__emulator/scenario`);
    const res = await get(`${emu.orgUrl}/__emulator/stats`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ requests: { 'POST /api/v1/authn': 2, 'GET /oauth2/default/v1/keys': 1 } });
    expect(emu.stats()).toEqual({ 'POST /api/v1/authn': 2, 'GET /oauth2/default/v1/keys': 1 });
  });

  test('reset forgets stats, sessions and tokens and restores the start scenario', async () => {
    const token = await sessionToken(emu);
    emu.setScenario({ showLockedOut: true });
    const res = await fetch(`${emu.orgUrl}/__emulator/reset`, { method: 'POST' });
    expect(res.status).toBe(204);
    expect(emu.stats()).toEqual({});
    const scenario = await (await get(`${emu.orgUrl}/__emulator/scenario`)).json();
    expect(scenario.showLockedOut).toBe(false);
    const spent = await postJson(`${emu.orgUrl}/api/v1/sessions`, { sessionToken: token });
    expect(spent.status).toBe(401);
  });

  test('POST scenario merges a partial scenario and answers the whole one', async () => {
    const res = await postJson(`${emu.orgUrl}/__emulator/scenario`, { showLockedOut: true, lifetimes: { accessTokenSeconds: 5 } });
    expect(res.status).toBe(200);
    const scenario = await res.json();
    expect(scenario).toMatchObject({ showLockedOut: true, engine: 'classic', refreshTokenRotation: true, rateLimit: null, tamper: null, lifetimes: { accessTokenSeconds: 5 } });
    expect((await authn(emu, 'locked@example.com')).body.status).toBe('LOCKED_OUT');
    const bad = await postJson(`${emu.orgUrl}/__emulator/scenario`, { engine: 'saml' });
    expect(bad.status).toBe(400);
    expectOktaErrorShape(await bad.json(), 'E0000001');
  });
});

test.describe('faults', () => {
  test('a status fault answers the next N matching requests, then the real thing', async () => {
    const res = await postJson(`${emu.orgUrl}/__emulator/faults`, { route: 'POST /api/v1/authn', status: 503, times: 2 });
    expect(res.status).toBe(200);
    expect((await authn(emu, 'alice@example.com')).status).toBe(503);
    // Other routes are untouched.
    expect((await get(`${emu.issuer}/v1/keys`)).status).toBe(200);
    const second = await authn(emu, 'alice@example.com');
    expect(second.status).toBe(503);
    expect(second.res.headers.get('x-okta-request-id')).toBeTruthy();
    expectOktaErrorShape(second.body, 'E0000009');
    expect((await authn(emu, 'alice@example.com')).status).toBe(200);
    expect(emu.stats()['POST /api/v1/authn']).toBe(3);
  });

  test('a 429 fault looks like Okta rate limiting', async () => {
    emu.addFault({ route: 'POST /oauth2/default/v1/token', status: 429 });
    const res = await fetch(`${emu.issuer}/v1/token`, { method: 'POST' });
    expect(res.status).toBe(429);
    expectOktaErrorShape(await res.json(), 'E0000047');
    expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(res.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  test('a delay fault delays the real answer', async () => {
    // Far apart, so that a loaded machine's slow plain answer cannot pass for the delayed one.
    emu.addFault({ route: 'GET /oauth2/default/v1/keys', delayMs: 2_000 });
    const started = Date.now();
    const res = await get(`${emu.issuer}/v1/keys`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_950);
    const quick = Date.now();
    await get(`${emu.issuer}/v1/keys`);
    expect(Date.now() - quick).toBeLessThan(1_500);
  });

  test('a drop fault destroys the connection; the next request is served', async () => {
    await postJson(`${emu.orgUrl}/__emulator/faults`, { route: 'POST /api/v1/authn', drop: true });
    await expect(authn(emu, 'alice@example.com')).rejects.toThrow();
    expect((await authn(emu, 'alice@example.com')).status).toBe(200);
  });

  test('DELETE faults clears pending faults', async () => {
    emu.addFault({ route: 'POST /api/v1/authn', status: 500, times: 5 });
    const res = await fetch(`${emu.orgUrl}/__emulator/faults`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect((await authn(emu, 'alice@example.com')).status).toBe(200);
  });

  test('bad faults are refused with 400', async () => {
    for (const fault of [{ route: 'POST /api/v1/authn' }, { route: 'POST /api/v1/authn', status: 42 }, { route: 'POST /x', status: 500, times: 0 }]) {
      const res = await postJson(`${emu.orgUrl}/__emulator/faults`, fault);
      expect(res.status, JSON.stringify(fault)).toBe(400);
    }
    expect(() => emu.addFault({ route: 'authn', status: 500 })).toThrow(TypeError);
  });
});

test.describe('rate limit (scenario)', () => {
  test('per username on authn: 429 E0000047 with X-Rate-Limit-* once over the limit', async () => {
    emu.setScenario({ rateLimit: { limit: 2, windowSeconds: 60 } });
    const first = await authn(emu, 'alice@example.com');
    expect(first.status).toBe(200);
    expect(first.res.headers.get('x-rate-limit-limit')).toBe('2');
    expect(first.res.headers.get('x-rate-limit-remaining')).toBe('1');
    expect((await authn(emu, 'alice@example.com')).status).toBe(200);
    const limited = await authn(emu, 'alice@example.com');
    expect(limited.status).toBe(429);
    expectOktaErrorShape(limited.body, 'E0000047');
    expect(limited.body.errorSummary).toBe('API call exceeded rate limit due to too many requests.');
    expect(limited.res.headers.get('x-rate-limit-limit')).toBe('2');
    expect(limited.res.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(limited.res.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000 + 30);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61);
    // Another username has its own budget.
    expect((await authn(emu, 'bob@example.com')).status).toBe(200);
  });

  test('the window ends and requests are allowed again', async () => {
    emu.setScenario({ rateLimit: { limit: 1, windowSeconds: 1 } });
    expect((await authn(emu, 'bob@example.com')).status).toBe(200);
    expect((await authn(emu, 'bob@example.com')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await authn(emu, 'bob@example.com')).status).toBe(200);
  });

  test('off by default', async () => {
    for (let i = 0; i < 8; i++) expect((await authn(emu, 'bob@example.com')).status).toBe(200);
  });
});

test.describe('raw-answer faults (status + body + headers)', () => {
  test('the next N matching requests get exactly that answer, then the real thing', async () => {
    const res = await postJson(`${emu.orgUrl}/__emulator/faults`, {
      route: 'GET /oauth2/default/v1/authorize',
      status: 302,
      headers: { Location: 'http://localhost:3000/login/callback?code=%zz&state=' },
      body: '<p>moved</p>',
      times: 2,
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const raw = await get(`${emu.issuer}/v1/authorize?client_id=demo-spa`);
      expect(raw.status).toBe(302);
      expect(raw.headers.get('location')).toBe('http://localhost:3000/login/callback?code=%zz&state=');
      expect(raw.headers.get('content-length')).toBe('12');
      expect(await raw.text()).toBe('<p>moved</p>');
    }
    expect((await get(`${emu.issuer}/v1/authorize?client_id=demo-spa`)).status).toBe(400);
  });

  test('a malformed authn body is served as given, with the given content type', async () => {
    emu.addFault({ route: 'POST /api/v1/authn', status: 200, body: '{"status":"SUCC', headers: { 'Content-Type': 'application/json' } });
    const res = await postJson(`${emu.orgUrl}/api/v1/authn`, { username: 'alice@example.com', password: PASSWORD });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"status":"SUCC');
    expect((await authn(emu, 'alice@example.com')).body.status).toBe('SUCCESS');
  });

  test('bodies and headers that node could not send are refused when the fault is added', async () => {
    const bad = [
      { route: 'POST /api/v1/authn', body: 'x' },
      { route: 'POST /api/v1/authn', status: 200, body: 42 },
      { route: 'POST /api/v1/authn', status: 200, headers: { 'Bad Name': 'x' } },
      { route: 'POST /api/v1/authn', status: 200, headers: { Location: 'a\r\nSet-Cookie: x=1' } },
      { route: 'POST /api/v1/authn', status: 200, headers: { 'Content-Length': '99' } },
      { route: 'POST /api/v1/authn', status: 200, headers: ['Location'] },
    ];
    for (const fault of bad) {
      const res = await postJson(`${emu.orgUrl}/__emulator/faults`, fault);
      expect(res.status, JSON.stringify(fault)).toBe(400);
    }
    expect((await authn(emu, 'alice@example.com')).status).toBe(200);
  });
});

test.describe('audit (tests only)', () => {
  test('lists every authn attempt with its user and whether it was rate-limited', async () => {
    emu.setScenario({ rateLimit: { limit: 1, windowSeconds: 60 } });
    const before = Date.now();
    await authn(emu, 'Alice@Example.com');
    await authn(emu, 'alice@example.com');
    await authn(emu, 'bob@example.com', 'wrong');
    const res = await get(`${emu.orgUrl}/__emulator/audit`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache, no-store');
    const audit = await res.json();
    expect(audit.authn.map((a: { login: string; rateLimited: boolean }) => [a.login, a.rateLimited])).toEqual([
      ['alice@example.com', false],
      ['alice@example.com', true],
      ['bob@example.com', false],
    ]);
    for (const attempt of audit.authn) expect(attempt.at).toBeGreaterThanOrEqual(before);
    expect(emu.audit()).toEqual(audit);
  });

  test('lists the sessionTokens, codes, verifiers and tokens it issued; reset forgets them', async () => {
    const { body } = await authn(emu, 'alice@example.com');
    const login = await loginForCode(emu, { scope: 'openid offline_access' });
    const tokens = await postForm(`${emu.issuer}/v1/token`, {
      grant_type: 'authorization_code',
      client_id: 'demo-spa',
      redirect_uri: 'http://localhost:3000/login/callback',
      code: login.code,
      code_verifier: login.verifier,
    });
    const issued = await tokens.json();
    const audit = emu.audit();
    expect(audit.issued.sessionTokens).toContain(body.sessionToken);
    expect(audit.issued.sessionTokens).toHaveLength(2);
    expect(audit.issued.codes).toEqual([login.code]);
    expect(audit.issued.codeVerifiers).toEqual([login.verifier]);
    expect(audit.issued.accessTokens).toEqual([issued.access_token]);
    expect(audit.issued.idTokens).toEqual([issued.id_token]);
    expect(audit.issued.refreshTokens).toEqual([issued.refresh_token]);
    emu.reset();
    expect(emu.audit()).toEqual({
      authn: [],
      idx: [],
      direct: [],
      issued: {
        sessionTokens: [], stateTokens: [], codes: [], codeVerifiers: [], accessTokens: [], idTokens: [], refreshTokens: [],
        interactionHandles: [], stateHandles: [], interactionCodes: [], mfaTokens: [],
      },
    });
  });
});
