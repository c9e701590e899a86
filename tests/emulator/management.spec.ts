// The emulator's Management API (users, groups, factors, credentials, rate limits) over plain HTTP, held
// against the examples of Okta's management spec (vendored in okta-wire/management/) for keys, JSON types,
// error codes and summaries. Each test starts its own emulator, so tests share no directory.
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { authn, PASSWORD, postForm, postJson, SERVICE, basic, loginForCode, SPA, authorizeUrl, get, pkce, sessionToken } from './behaviour.helpers.js';
import { shapeDiff } from './wire-fixtures.js';
import {
  bearerFor,
  call,
  createdUser,
  createUser,
  groupId,
  links,
  requestOrgToken,
  specExample,
  SSWS,
  TEST_USERS,
  totpCode,
} from './management.helpers.js';
import { scratchDir } from '../support/scratch.js';

let emu: EmulatorHandle;
test.beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
});
test.afterEach(async () => {
  await emu.close();
});

/** The spec's error examples by code; other codes' summaries come from okta-wire/api-error-codes.catalog.json. */
const ERROR_EXAMPLES: Record<string, string> = {
  E0000001: 'ErrorApiValidationFailed',
  E0000006: 'ErrorAccessDenied',
  E0000007: 'ErrorResourceNotFound',
  E0000011: 'ErrorInvalidTokenProvided',
  E0000047: 'ErrorTooManyRequests',
};

/** Okta's error body (the spec's ModelError keys and types) with this status, code, summary and causes; where
 * the spec has an example for the code, the summary is the example's, its `{0}` filled in. */
async function expectError(res: Response, status: number, code: string, summary: string, causes: string[] = []): Promise<any> {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(shapeDiff(specExample('ErrorApiValidationFailed'), body)).toEqual([]);
  expect(body.errorCode).toBe(code);
  expect(body.errorLink).toBe(code);
  expect(body.errorId).toMatch(/^oae\w+$/);
  expect(body.errorSummary).toBe(summary);
  if (ERROR_EXAMPLES[code]) {
    const [prefix, suffix] = (specExample(ERROR_EXAMPLES[code]!).errorSummary as string).split('{0}');
    expect(summary.startsWith(prefix!) && summary.endsWith(suffix ?? '')).toBe(true);
  }
  expect(body.errorCauses).toEqual(causes.map((errorSummary) => ({ errorSummary })));
  return body;
}

const USER_SHAPE = {
  // The create example predates `type` and `secondEmail`, which the list example (a newer capture) shows.
  extra: { '$.type': 'ListUsersResponse shows type', '$.profile.secondEmail': 'ListUsersResponse shows secondEmail', '$._links.deactivate': 'an ACTIVE user links its next lifecycle step' },
  optional: { '$._links.activate': 'only STAGED or DEPROVISIONED users link activate' },
};

test.describe('users', () => {
  test('create with a password: the spec example request gives the spec example response shape, ACTIVE', async () => {
    const request = specExample('create-user-with-password-request');
    const res = await call(emu, 'POST', '/api/v1/users?activate=true', { body: request });
    expect(res.status).toBe(200);
    const user = await res.json();
    expect(shapeDiff(specExample('create-user-with-password-response'), user, USER_SHAPE)).toEqual([]);
    expect(user.id).toMatch(/^00u[A-Za-z0-9]{17}$/);
    expect(user.status).toBe('ACTIVE');
    expect(user.profile).toMatchObject(request.profile);
    expect(user.credentials).toEqual({ password: {}, provider: { type: 'OKTA', name: 'OKTA' } });
    expect(user._links.self.href).toBe(`${emu.orgUrl}/api/v1/users/${user.id}`);
    expect(JSON.stringify(user)).not.toContain(request.credentials.password.value);

    // A created user signs in like a seeded one (and so has a lastLogin, as in the list example).
    expect((await authn(emu, 'isaac.brock@example.com', 'tlpWENT2m')).body.status).toBe('SUCCESS');
    // The list example's shape too, and the same user by id and by login.
    const listed = (await (await call(emu, 'GET', `/api/v1/users?search=${encodeURIComponent('profile.login eq "isaac.brock@example.com"')}`)).json()) as any[];
    expect(listed.map((u) => u.id)).toEqual([user.id]);
    const listShape = { extra: { '$[]._links.deactivate': 'an ACTIVE user links its next lifecycle step' } };
    expect(shapeDiff(specExample('ListUsersResponse'), listed, listShape)).toEqual([]);
    for (const key of [user.id, 'isaac.brock@example.com']) {
      const one = await call(emu, 'GET', `/api/v1/users/${encodeURIComponent(key)}`);
      expect(one.status).toBe(200);
      expect((await one.json()).id).toBe(user.id);
    }
  });

  test('activate=false makes a STAGED user who cannot sign in until activated; activating twice is E0000016', async () => {
    const user = await createdUser(emu, 'staged@example.com', { activate: false });
    expect(user.status).toBe('STAGED');
    expect(user._links.activate.href).toBe(`${emu.orgUrl}/api/v1/users/${user.id}/lifecycle/activate`);
    const refused = await authn(emu, 'staged@example.com');
    expect([refused.status, refused.body.errorCode]).toEqual([401, 'E0000004']);

    const activated = await call(emu, 'POST', `/api/v1/users/${user.id}/lifecycle/activate?sendEmail=false`);
    expect(activated.status).toBe(200);
    expect(await activated.json()).toEqual({}); // a user with a password gets no activation token
    expect((await (await call(emu, 'GET', `/api/v1/users/${user.id}`)).json()).status).toBe('ACTIVE');
    expect((await authn(emu, 'staged@example.com')).body.status).toBe('SUCCESS');

    await expectError(await call(emu, 'POST', `/api/v1/users/${user.id}/lifecycle/activate`), 403, 'E0000016', 'Activation failed because the user is already active');
  });

  test('nextLogin=changePassword makes a PASSWORD_EXPIRED user; a user without a password is PROVISIONED', async () => {
    const res = await call(emu, 'POST', '/api/v1/users?activate=true&nextLogin=changePassword', {
      body: { profile: { firstName: 'E', lastName: 'X', email: 'expire@example.com', login: 'expire@example.com' }, credentials: { password: { value: PASSWORD } } },
    });
    expect((await res.json()).status).toBe('PASSWORD_EXPIRED');
    expect((await authn(emu, 'expire@example.com')).body.status).toBe('PASSWORD_EXPIRED');
    const bare = await createdUser(emu, 'bare@example.com', { password: null });
    expect(bare.status).toBe('PROVISIONED');
    expect(bare.credentials).toEqual({ provider: { type: 'OKTA', name: 'OKTA' } });
    expect((await authn(emu, 'bare@example.com', '')).status).toBe(401);
  });

  test('deactivate signs the user out and out of lists; DELETE deletes; a DELETE on an active user deactivates first', async () => {
    const first = await createdUser(emu, 'leaving@example.com', { groupIds: [await groupId(emu, TEST_USERS)] });
    const login = await loginForCode(emu, { username: 'leaving@example.com' });
    expect(login.sid).toBeTruthy();

    const deactivated = await call(emu, 'POST', `/api/v1/users/${first.id}/lifecycle/deactivate`, { headers: { prefer: 'respond-async' } });
    expect(deactivated.status).toBe(200);
    expect((await (await call(emu, 'GET', `/api/v1/users/${first.id}`)).json()).status).toBe('DEPROVISIONED');
    expect((await authn(emu, 'leaving@example.com')).status).toBe(401);
    // Its Okta session is gone: /api/v1/sessions/me with the sid cookie no longer finds it.
    expect((await get(`${emu.orgUrl}/api/v1/sessions/me`, { cookie: `sid=${login.sid}` })).status).toBe(404);
    // Okta leaves deactivated users out of a plain list, and shows them to search and filter.
    const plain = (await (await call(emu, 'GET', '/api/v1/users')).json()) as any[];
    expect(plain.map((u) => u.id)).not.toContain(first.id);
    const byStatus = (await (await call(emu, 'GET', `/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`)).json()) as any[];
    expect(byStatus.map((u) => u.id)).toEqual([first.id]);
    await expectError(await call(emu, 'POST', `/api/v1/users/${first.id}/lifecycle/deactivate`), 403, 'E0000038', "This operation is not allowed in the user's current status.");

    expect((await call(emu, 'DELETE', `/api/v1/users/${first.id}`)).status).toBe(204);
    await expectError(await call(emu, 'GET', `/api/v1/users/${first.id}`), 404, 'E0000007', `Not found: Resource not found: ${first.id} (User)`);

    // Two DELETEs on an active user: the first deactivates, the second deletes; both 204; a third is 404.
    const second = await createdUser(emu, 'twice@example.com');
    expect((await call(emu, 'DELETE', `/api/v1/users/${second.id}`)).status).toBe(204);
    expect((await (await call(emu, 'GET', `/api/v1/users/${second.id}`)).json()).status).toBe('DEPROVISIONED');
    expect((await call(emu, 'DELETE', `/api/v1/users/${second.id}`)).status).toBe(204);
    expect((await call(emu, 'DELETE', `/api/v1/users/${second.id}`)).status).toBe(404);
    // The login is free again.
    expect((await createUser(emu, 'twice@example.com')).status).toBe(200);
  });

  test('a duplicate login is E0000001 naming the login field, as Okta words it', async () => {
    await createdUser(emu, 'dup@example.com');
    for (const login of ['dup@example.com', 'DUP@example.com', 'alice@example.com']) {
      await expectError(await createUser(emu, login), 400, 'E0000001', 'Api validation failed: login', [
        'login: An object with this field already exists in the current organization',
      ]);
    }
  });

  test('the password policy: each broken rule is E0000001 on password with the requirements; the password is never echoed', async () => {
    const requirements =
      'password: Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.';
    const weak = {
      'too short': 'Ab1defg',
      'no lowercase': 'ABCDEFG1',
      'no uppercase': 'abcdefg1',
      'no number': 'Abcdefgh',
      'part of the login': 'Zebra-Runner-9', // the login is runner.zebra@example.com
    };
    for (const [rule, password] of Object.entries(weak)) {
      const res = await createUser(emu, 'runner.zebra@example.com', { password });
      const body = await expectError(res, 400, 'E0000001', 'Api validation failed: password', [requirements]);
      expect(JSON.stringify(body), rule).not.toContain(password);
    }
    // The parent domain and parts under four characters are not considered (Okta's docs): these pass.
    expect((await createUser(emu, 'runner.zebra@example.com', { password: 'Com-Ex4mple-Zeb' })).status).toBe(200);
  });

  test('missing profile fields and a malformed body are refused like Okta', async () => {
    const res = await call(emu, 'POST', '/api/v1/users', { body: { profile: { firstName: 'A', lastName: 'B', email: 'a@example.com' } } });
    await expectError(res, 400, 'E0000001', 'Api validation failed: login', ['login: The field cannot be left blank']);
    const notEmail = await call(emu, 'POST', '/api/v1/users', { body: { profile: { firstName: 'A', lastName: 'B', email: 'a@example.com', login: 'plain' } } });
    await expectError(notEmail, 400, 'E0000001', 'Api validation failed: login', ['login: Username must be in the form of an email address']);
    const malformed = await fetch(`${emu.orgUrl}/api/v1/users`, { method: 'POST', headers: { ...SSWS, 'content-type': 'application/json' }, body: '{"profile":' });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).errorCode).toBe('E0000003');
  });

  test('an unknown user is E0000007 naming it, on every user route', async () => {
    for (const [method, route] of [
      ['GET', '/api/v1/users/00unope'],
      ['DELETE', '/api/v1/users/00unope'],
      ['POST', '/api/v1/users/00unope/lifecycle/deactivate'],
      ['GET', '/api/v1/users/00unope/factors'],
    ] as const) {
      await expectError(await call(emu, method, route), 404, 'E0000007', 'Not found: Resource not found: 00unope (User)');
    }
  });
});

test.describe('list, search, filter, paging', () => {
  test('limit + after pages through every match once, by Link rel="next", keeping the search', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await createdUser(emu, `page-${i}@example.com`)).id);
    const search = 'profile.login sw "page-"';
    let url: string | undefined = `${emu.orgUrl}/api/v1/users?search=${encodeURIComponent(search)}&limit=2`;
    const seen: string[] = [];
    const sizes: number[] = [];
    while (url) {
      const res = await fetch(url, { headers: SSWS });
      expect(res.status).toBe(200);
      const page = (await res.json()) as any[];
      sizes.push(page.length);
      seen.push(...page.map((u) => u.id));
      const rel = links(res);
      expect(rel.self).toContain('/api/v1/users?');
      if (rel.next) expect(new URL(rel.next).searchParams.get('search')).toBe(search);
      url = rel.next;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  test('search by prefix, creation time, status, with and/or; filter; q; a bad expression is E0000031', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const a = await createdUser(emu, 'run7-a@example.com');
    const b = await createdUser(emu, 'run7-b@example.com', { activate: false });
    const search = async (expression: string, param = 'search') => {
      const res = await call(emu, 'GET', `/api/v1/users?${param}=${encodeURIComponent(expression)}`);
      expect(res.status, expression).toBe(200);
      return ((await res.json()) as any[]).map((u) => u.profile.login).sort();
    };
    expect(await search('profile.login sw "run7-"')).toEqual(['run7-a@example.com', 'run7-b@example.com']);
    expect(await search('profile.login sw "run7-" and status eq "ACTIVE"')).toEqual(['run7-a@example.com']);
    expect(await search('profile.login sw "run7-" and status eq "STAGED"')).toEqual(['run7-b@example.com']);
    expect(await search(`created gt "${before}" and (status eq "ACTIVE" or status eq "STAGED")`)).toEqual(['run7-a@example.com', 'run7-b@example.com']);
    // Seeded users were made before the emulator started.
    expect(await search(`created lt "${before}" and profile.login eq "alice@example.com"`)).toEqual(['alice@example.com']);
    expect(await search(`lastUpdated gt "${before}"`, 'filter')).toEqual(['run7-a@example.com', 'run7-b@example.com']);
    expect(await search(`id eq "${a.id}" or id eq "${b.id}"`, 'filter')).toEqual(['run7-a@example.com', 'run7-b@example.com']);
    const q = (await (await call(emu, 'GET', '/api/v1/users?q=bob')).json()) as any[];
    expect(q.map((u) => u.profile.login)).toEqual(['bob@example.com']);
    for (const [param, bad] of [['search', 'profile.login sw'], ['search', 'status eq ACTIVE'], ['filter', 'profile.login sw "x"'], ['search', '(status eq "ACTIVE"']]) {
      await expectError(await call(emu, 'GET', `/api/v1/users?${param}=${encodeURIComponent(bad!)}`), 400, 'E0000031', 'Invalid search criteria.');
    }
  });
});

test.describe('groups and app assignment', () => {
  test('the seed group Test Users has the spec example shape, is assigned to the demo apps, and lists its members', async () => {
    const id = await groupId(emu, TEST_USERS);
    const res = await call(emu, 'GET', `/api/v1/groups/${id}`);
    expect(res.status).toBe(200);
    const group = await res.json();
    expect(shapeDiff(specExample('group-example'), group)).toEqual([]);
    expect(group).toMatchObject({ id, type: 'OKTA_GROUP', profile: { name: TEST_USERS } });
    const assigned = (await (await call(emu, 'GET', '/api/v1/apps/demo-spa/groups')).json()) as any[];
    expect(assigned.map((g) => g.id)).toEqual([id]);
    expect(assigned[0]._links.group.href).toBe(`${emu.orgUrl}/api/v1/groups/${id}`);
    const searched = (await (await call(emu, 'GET', `/api/v1/groups?search=${encodeURIComponent('profile.name sw "test"')}`)).json()) as any[];
    expect(searched.map((g) => g.profile.name)).toEqual([TEST_USERS]);

    const user = await createdUser(emu, 'member@example.com', { groupIds: [id] });
    const members = (await (await call(emu, 'GET', `/api/v1/groups/${id}/users`)).json()) as any[];
    expect(members.map((u) => u.id)).toEqual([user.id]);
    const groupsOfUser = (await (await call(emu, 'GET', `/api/v1/users/${user.id}/groups`)).json()) as any[];
    expect(groupsOfUser.map((g) => g.id)).toEqual([id]);
  });

  /** /authorize for the SPA with a fresh sessionToken of `username`: the redirect's query (a code or an error). */
  const authorizeAs = async (username: string): Promise<URLSearchParams> => {
    const { challenge } = pkce();
    const res = await get(
      authorizeUrl(emu.issuer, {
        client_id: SPA.clientId,
        redirect_uri: SPA.redirectUri,
        response_type: 'code',
        scope: 'openid',
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        sessionToken: await sessionToken(emu, username),
      }),
    );
    return new URL(res.headers.get('location')!).searchParams;
  };

  test('a user created in the assigned group signs in to the demo app; one outside it gets access_denied until added', async () => {
    const id = await groupId(emu, TEST_USERS);
    await createdUser(emu, 'in-group@example.com', { groupIds: [id] });
    const login = await loginForCode(emu, { username: 'in-group@example.com' });
    expect(login.code).toBeTruthy();

    const outsider = await createdUser(emu, 'outsider@example.com');
    const authorize = () => authorizeAs('outsider@example.com');
    expect((await authorize()).get('error')).toBe('access_denied');
    expect((await call(emu, 'PUT', `/api/v1/groups/${id}/users/${outsider.id}`)).status).toBe(204);
    expect((await authorize()).get('code')).toBeTruthy();
    expect((await call(emu, 'DELETE', `/api/v1/groups/${id}/users/${outsider.id}`)).status).toBe(204);
    expect((await authorize()).get('error')).toBe('access_denied');
  });

  test('a user assigned to the app directly signs in to it, and not after being unassigned', async () => {
    const user = await createdUser(emu, 'direct@example.com');
    const code = async () => {
      const query = await authorizeAs('direct@example.com');
      return query.get('code') ? 'code' : query.get('error');
    };
    expect(await code()).toBe('access_denied');
    const assigned = await call(emu, 'POST', '/api/v1/apps/demo-spa/users', { body: { id: user.id, scope: 'USER', credentials: { userName: user.profile.login } } });
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({ id: user.id, scope: 'USER', status: 'ACTIVE', credentials: { userName: 'direct@example.com' } });
    expect(await code()).toBe('code');
    expect((await call(emu, 'DELETE', `/api/v1/apps/demo-spa/users/${user.id}`)).status).toBe(204);
    expect(await code()).toBe('access_denied');
    await expectError(await call(emu, 'POST', '/api/v1/apps/no-such-app/users', { body: { id: user.id } }), 404, 'E0000007', 'Not found: Resource not found: no-such-app (AppInstance)');
  });

  test('a seed may declare groups with app assignments; a seeded member signs in only to those apps', async () => {
    const seeded = await startEmulator({
      port: 0,
      seed: {
        groups: [{ name: 'Web Only', assignedClients: ['demo-web'] }],
        users: [{ login: 'web-only@example.com', password: PASSWORD, firstName: 'Web', lastName: 'Only', groups: ['Web Only'], assignedClients: [] }],
      },
    });
    try {
      const groups = (await (await call(seeded, 'GET', '/api/v1/apps/demo-web/groups')).json()) as any[];
      expect(groups.map((g) => g.id)).toContain(await groupId(seeded, 'Web Only'));
      const web = { clientId: 'demo-web', redirectUri: 'http://localhost:3000/authorization-code/callback' };
      expect((await loginForCode(seeded, { username: 'web-only@example.com', ...web })).code).toBeTruthy();
      await expect(loginForCode(seeded, { username: 'web-only@example.com' })).rejects.toThrow(/without a code/);
    } finally {
      await seeded.close();
    }
  });

  test('create a group, join at creation by groupIds; an unknown group id is refused', async () => {
    const created = await call(emu, 'POST', '/api/v1/groups', { body: { profile: { name: 'Shard 3', description: 'run users' } } });
    expect(created.status).toBe(200);
    const group = await created.json();
    expect(group.id).toMatch(/^00g/);
    expect(shapeDiff(specExample('group-example'), group)).toEqual([]);
    const duplicate = await call(emu, 'POST', '/api/v1/groups', { body: { profile: { name: 'Shard 3' } } });
    expect(duplicate.status).toBe(400);
    const user = await createdUser(emu, 'shard3@example.com', { groupIds: [group.id] });
    expect(((await (await call(emu, 'GET', `/api/v1/users/${user.id}/groups`)).json()) as any[]).map((g) => g.profile.name)).toEqual(['Shard 3']);

    const example = specExample('create-user-in-group-request');
    const unknown = await call(emu, 'POST', '/api/v1/users', { body: { ...example, credentials: { password: { value: PASSWORD } } } });
    await expectError(unknown, 400, 'E0000001', 'Api validation failed: groupIds', [`groupIds: Invalid group id: ${example.groupIds[0]}`]);
    await expectError(await call(emu, 'GET', '/api/v1/groups/00gnope'), 404, 'E0000007', 'Not found: Resource not found: 00gnope (UserGroup)');
  });
});

test.describe('factors', () => {
  test('enrol TOTP: PENDING_ACTIVATION with the shared secret; activate with a code; then authn asks for MFA and refuses the replayed code', async () => {
    const user = await createdUser(emu, 'totp@example.com');
    const enrolled = await call(emu, 'POST', `/api/v1/users/${user.id}/factors`, { body: specExample('EnrollFactorGoogleRequest') });
    expect(enrolled.status).toBe(200);
    const factor = await enrolled.json();
    expect(shapeDiff(specExample('EnrollFactorGoogleResponse'), factor)).toEqual([]);
    expect(factor.status).toBe('PENDING_ACTIVATION');
    const secret: string = factor._embedded.activation.sharedSecret;
    expect(secret).toMatch(/^[A-Z2-7]{16}$/);
    // Until activated the factor is not asked for.
    expect((await authn(emu, 'totp@example.com')).body.status).toBe('SUCCESS');

    const code = totpCode(secret);
    const activated = await call(emu, 'POST', factor._links.activate.href.replace(emu.orgUrl, ''), { body: { passCode: code } });
    expect(activated.status).toBe(200);
    const active = await activated.json();
    expect(shapeDiff(specExample('ActivateFactorTotpResponse'), active)).toEqual([]);
    expect(active.status).toBe('ACTIVE');
    expect(JSON.stringify(active)).not.toContain(secret); // the secret is shown once, while pending
    const listed = (await (await call(emu, 'GET', `/api/v1/users/${user.id}/factors`)).json()) as any[];
    expect(listed.map((f) => [f.id, f.factorType, f.status])).toEqual([[factor.id, 'token:software:totp', 'ACTIVE']]);

    const first = await authn(emu, 'totp@example.com');
    expect(first.body.status).toBe('MFA_REQUIRED');
    const totp = first.body._embedded.factors.find((f: any) => f.factorType === 'token:software:totp');
    expect(totp.id).toBe(factor.id);
    // The code that activated the factor is spent (Okta: PASSCODE_REPLAYED within the same time window).
    const replayed = await postJson(totp._links.verify.href, { stateToken: first.body.stateToken, passCode: code });
    expect(replayed.status).toBe(403);
    expect((await replayed.json()).errorCauses).toEqual([{ errorSummary: 'Each code can only be used once. Please wait for a new code and try again.' }]);
    // The next time step's code signs in (the emulator accepts one step of drift, so no wait is needed).
    const next = await postJson(totp._links.verify.href, { stateToken: first.body.stateToken, passCode: totpCode(secret, 1) });
    expect((await next.json()).status).toBe('SUCCESS');
  });

  test('five wrong activation codes, then the sixth attempt is refused even with the right code', async () => {
    const user = await createdUser(emu, 'fumble@example.com');
    const factor = await (await call(emu, 'POST', `/api/v1/users/${user.id}/factors`, { body: specExample('EnrollFactorGoogleRequest') })).json();
    const secret = factor._embedded.activation.sharedSecret;
    const route = `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await call(emu, 'POST', route, { body: { passCode: totpCode(secret, 10) } });
      await expectError(wrong, 403, 'E0000068', 'Invalid Passcode/Answer', ["Your passcode doesn't match our records. Please try again."]);
    }
    const sixth = await call(emu, 'POST', route, { body: { passCode: totpCode(secret) } });
    await expectError(sixth, 429, 'E0000047', 'API call exceeded rate limit due to too many requests.');
    expect(Number(sixth.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await (await call(emu, 'GET', `/api/v1/users/${user.id}/factors/${factor.id}`)).json()).status).toBe('PENDING_ACTIVATION');
  });
});

test.describe('credentials and scopes', () => {
  test('no token, a wrong SSWS token or a custom-server token: 401 E0000011; the token is never echoed', async () => {
    const service = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'client_credentials', scope: 'demo.read' }, basic(SERVICE.clientId, SERVICE.secret));
    const customToken = ((await service.json()) as { access_token: string }).access_token;
    for (const authorization of ['', 'SSWS wrong-token-123', `Bearer ${customToken}`, 'Bearer not-a-jwt']) {
      const res = await call(emu, 'GET', '/api/v1/users', { headers: { authorization } });
      const body = await expectError(res, 401, 'E0000011', 'Invalid token provided');
      if (authorization) expect(JSON.stringify(body) + (res.headers.get('www-authenticate') ?? '')).not.toContain(authorization.split(' ')[1]);
    }
  });

  test('the demo service app gets Okta-scoped org tokens by private_key_jwt; each route checks its scope (manage implies read)', async () => {
    const res = await requestOrgToken(emu, 'okta.users.read okta.groups.read');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'okta.users.read okta.groups.read' });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ iss: emu.orgUrl, aud: emu.orgUrl, cid: 'demo-management', sub: 'demo-management', scp: ['okta.users.read', 'okta.groups.read'] });

    const reader = { authorization: `Bearer ${body.access_token}` };
    expect((await call(emu, 'GET', '/api/v1/users', { headers: reader })).status).toBe(200);
    expect((await call(emu, 'GET', '/api/v1/groups', { headers: reader })).status).toBe(200);
    const denied = await createUser(emu, 'scoped@example.com', { headers: reader });
    await expectError(denied, 403, 'E0000006', 'You do not have permission to perform the requested action');
    expect(denied.headers.get('www-authenticate')).toBe(
      `Bearer authorization_uri="${emu.orgUrl}/oauth2/v1/authorize", realm="${emu.orgUrl}", scope="okta.users.manage", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/users"`,
    );
    const apps = await call(emu, 'GET', '/api/v1/apps/demo-spa/groups', { headers: reader });
    expect(apps.status).toBe(403);
    expect(apps.headers.get('www-authenticate')).toContain('scope="okta.apps.read"');

    // A `DPoP` authorization is taken as a bearer token (the emulator never asks for DPoP).
    expect((await call(emu, 'GET', '/api/v1/users', { headers: { authorization: `DPoP ${body.access_token}` } })).status).toBe(200);

    const manager = await bearerFor(emu, 'okta.users.manage');
    const created = await createUser(emu, 'scoped@example.com', { headers: manager });
    expect(created.status).toBe(200);
    expect((await call(emu, 'GET', `/api/v1/users/${(await created.json()).id}`, { headers: manager })).status).toBe(200);
    const groupWrite = await call(emu, 'POST', '/api/v1/groups', { headers: manager, body: { profile: { name: 'x' } } });
    expect(groupWrite.status).toBe(403);
    expect(groupWrite.headers.get('www-authenticate')).toContain('scope="okta.groups.manage"');
  });

  test('Okta scopes at the org server: refused to a client_secret app, to ungranted scopes, and at a custom server', async () => {
    const secretApp = await postForm(`${emu.orgUrl}/oauth2/v1/token`, { grant_type: 'client_credentials', scope: 'okta.users.read' }, basic(SERVICE.clientId, SERVICE.secret));
    expect(secretApp.status).toBe(401);
    expect(await secretApp.json()).toEqual({
      error: 'invalid_client',
      error_description: 'Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.',
    });
    const ungranted = await requestOrgToken(emu, 'okta.users.manage okta.apps.manage');
    expect(ungranted.status).toBe(400);
    expect(await ungranted.json()).toEqual({ error: 'invalid_scope', error_description: 'The following scopes are not allowed for this request: [okta.apps.manage].' });
    const unknown = await requestOrgToken(emu, 'okta.users.manage demo.read');
    expect((await unknown.json()).error).toBe('invalid_scope');
    const custom = await postForm(`${emu.issuer}/v1/token`, { grant_type: 'client_credentials', scope: 'okta.users.read' }, basic(SERVICE.clientId, SERVICE.secret));
    expect((await custom.json()).error).toBe('invalid_scope');
  });
});

test.describe('rate limits and state', () => {
  test('managementRateLimit: over the limit 429 E0000047 with X-Rate-Limit-*, per family; off again when cleared', async () => {
    emu.setScenario({ managementRateLimit: { limit: 3, windowSeconds: 60 } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await call(emu, 'GET', '/api/v1/users');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-rate-limit-limit')).toBe('3');
      remaining.push(ok.headers.get('x-rate-limit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await createUser(emu, 'limited@example.com');
    await expectError(limited, 429, 'E0000047', 'API call exceeded rate limit due to too many requests.');
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    expect((await call(emu, 'GET', '/api/v1/groups')).status).toBe(200); // another family, another budget
    emu.setScenario({ managementRateLimit: null });
    expect((await createUser(emu, 'limited@example.com')).status).toBe(200);
  });

  test('API-made users, groups and factors persist with the state file; reset() returns to the seed', async () => {
    const stateFile = path.join(await scratchDir('mgmt-state-'), 'state.json');
    const first = await startEmulator({ port: 0, stateFile });
    let userId: string;
    let secret: string;
    try {
      const group = await (await call(first, 'POST', '/api/v1/groups', { body: { profile: { name: 'Kept' } } })).json();
      const user = await createdUser(first, 'kept@example.com', { groupIds: [group.id] });
      userId = user.id;
      const factor = await (await call(first, 'POST', `/api/v1/users/${user.id}/factors`, { body: specExample('EnrollFactorGoogleRequest') })).json();
      secret = factor._embedded.activation.sharedSecret;
      expect((await call(first, 'POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { body: { passCode: totpCode(secret) } })).status).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startEmulator({ port: 0, stateFile });
    try {
      const user = await (await call(second, 'GET', '/api/v1/users/kept@example.com')).json();
      expect(user.id).toBe(userId!);
      expect(((await (await call(second, 'GET', `/api/v1/users/${userId!}/groups`)).json()) as any[]).map((g) => g.profile.name)).toEqual(['Kept']);
      expect((await authn(second, 'kept@example.com')).body.status).toBe('MFA_REQUIRED');
      second.reset();
      expect((await call(second, 'GET', '/api/v1/users/kept@example.com')).status).toBe(404);
      expect((await call(second, 'GET', '/api/v1/users/alice@example.com')).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
