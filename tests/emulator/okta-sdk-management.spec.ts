// Okta's own Management SDK (@okta/okta-sdk-nodejs) judges the emulator's Management API: in private-key
// mode (the demo service app, private_key_jwt, Okta scopes from the org server) and in SSWS mode it creates
// a user in the group assigned to the demo apps, finds it by search, enrols and activates a TOTP factor,
// then deactivates and deletes it; the user signs in with the factor in between.
import { test, expect } from '@playwright/test';
import okta from '@okta/okta-sdk-nodejs';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { DEMO_MANAGEMENT_PRIVATE_JWK } from '../../src/emulator/state/demo-management-key.js';
import { authn, PASSWORD, postJson } from './behaviour.helpers.js';
import { totpCode, TEST_USERS } from './management.helpers.js';

let emu: EmulatorHandle;
test.beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
});
test.afterEach(async () => {
  await emu.close();
});

const modes = {
  'private key': (orgUrl: string) =>
    new okta.Client({
      orgUrl,
      authorizationMode: 'PrivateKey',
      clientId: 'demo-management',
      scopes: ['okta.users.manage', 'okta.groups.read'],
      privateKey: JSON.stringify(DEMO_MANAGEMENT_PRIVATE_JWK),
      keyId: DEMO_MANAGEMENT_PRIVATE_JWK.kid,
    }),
  SSWS: (orgUrl: string) => new okta.Client({ orgUrl, token: '00demo-ssws-token' }),
};

/** The SDK's error for a failed call: its HTTP status (ApiException `code`, OktaApiError `status`). */
async function failure(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
  } catch (error) {
    const { code, status } = error as { code?: number; status?: number };
    return status ?? code;
  }
  return undefined;
}

for (const [mode, makeClient] of Object.entries(modes)) {
  test(`${mode}: create in a group, search, enrol and activate TOTP, sign in, deactivate and delete`, async () => {
    const client = makeClient(emu.orgUrl);
    let group: { id?: string } | undefined;
    for await (const candidate of await client.groupApi.listGroups({ q: TEST_USERS })) {
      if (candidate?.profile?.name === TEST_USERS) group = candidate;
    }
    expect(group?.id).toMatch(/^00g/);

    const prefix = `sdk-${mode.replace(' ', '-')}`;
    const created = [];
    for (const n of [1, 2, 3]) {
      const login = `${prefix}-${n}@example.com`;
      created.push(
        await client.userApi.createUser({
          body: { profile: { firstName: 'Sdk', lastName: `User${n}`, email: login, login }, credentials: { password: { value: PASSWORD } }, groupIds: [group!.id!] },
          activate: true,
        }),
      );
    }
    expect(created.map((user) => user.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);

    // The SDK pages with Link rel="next": a page size of 1 makes it follow two links.
    const found: string[] = [];
    for await (const user of await client.userApi.listUsers({ search: `profile.login sw "${prefix}-"`, limit: 1 })) found.push(user!.profile!.login!);
    expect(found.sort()).toEqual([1, 2, 3].map((n) => `${prefix}-${n}@example.com`));

    const user = created[0]!;
    const factor = await client.userFactorApi.enrollFactor({ userId: user.id!, body: { factorType: 'token:software:totp', provider: 'GOOGLE' } });
    expect(factor.status).toBe('PENDING_ACTIVATION');
    const secret = (factor as unknown as { _embedded: { activation: { sharedSecret: string } } })._embedded.activation.sharedSecret;
    const activated = await client.userFactorApi.activateFactor({ userId: user.id!, factorId: factor.id!, body: { passCode: totpCode(secret) } });
    // The SDK types the activation answer as a union without `status`; the answer is the factor, now ACTIVE.
    expect((activated as { status?: string }).status).toBe('ACTIVE');

    // The user now signs in with the factor (the next time step's code: the activating one is spent).
    const first = await authn(emu, user.profile!.login!);
    expect(first.body.status).toBe('MFA_REQUIRED');
    const verify = first.body._embedded.factors.find((f: { factorType: string }) => f.factorType === 'token:software:totp')._links.verify.href;
    const signedIn = await postJson(verify, { stateToken: first.body.stateToken, passCode: totpCode(secret, 1) });
    expect((await signedIn.json()).status).toBe('SUCCESS');

    for (const each of created) {
      await client.userApi.deactivateUser({ userId: each.id! });
      await client.userApi.deleteUser({ userId: each.id! });
      expect(await failure(client.userApi.getUser({ userId: each.id! }))).toBe(404);
    }
    const left: string[] = [];
    for await (const rest of await client.userApi.listUsers({ search: `profile.login sw "${prefix}-"` })) left.push(rest!.id!);
    expect(left).toEqual([]);
  });
}

test('private key: a scope the token lacks is a 403 the SDK reports; SSWS retries a 429 after X-Rate-Limit-Reset', async () => {
  const reader = new okta.Client({
    orgUrl: emu.orgUrl,
    authorizationMode: 'PrivateKey',
    clientId: 'demo-management',
    scopes: ['okta.users.read'],
    privateKey: JSON.stringify(DEMO_MANAGEMENT_PRIVATE_JWK),
    keyId: DEMO_MANAGEMENT_PRIVATE_JWK.kid,
  });
  const login = 'sdk-reader@example.com';
  const body = { profile: { firstName: 'R', lastName: 'O', email: login, login }, credentials: { password: { value: PASSWORD } } };
  expect(await failure(reader.userApi.createUser({ body }))).toBe(403);

  // One call per three-second window, spent just before: the SDK's call is answered 429, it waits for the
  // X-Rate-Limit-Reset the answer names, and its retry succeeds.
  emu.setScenario({ managementRateLimit: { limit: 1, windowSeconds: 3 } });
  expect((await fetch(`${emu.orgUrl}/api/v1/users/alice@example.com`, { headers: { authorization: 'SSWS 00demo-ssws-token' } })).status).toBe(200);
  const ssws = new okta.Client({ orgUrl: emu.orgUrl, token: '00demo-ssws-token' });
  const user = await ssws.userApi.getUser({ userId: 'bob@example.com' });
  expect(user.profile?.login).toBe('bob@example.com');
  const bobCalls = Object.entries(emu.stats()).filter(([route]) => route.includes('bob')).reduce((sum, [, count]) => sum + count, 0);
  expect(bobCalls).toBe(2);
});
