// Provisioning against the emulator's Management API, in this process (the path global setup takes, with
// an explicit environment): both credential kinds, the 0600 file the workers read, idempotent removal,
// TOTP enrolment, a 429 waited out, and every failure with its code, a fix, and no secret in it.
import { stat } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { exportJWK, generateKeyPair } from 'jose';
import * as OTPAuth from 'otpauth';
import { isOktaError, loadConfig, OktaError, PROVISIONED_FILE_VARIABLE } from '../../src/engine/index.js';
import { startEmulator, DEMO, type EmulatorHandle } from '../../src/emulator/index.js';
import { DEMO_MANAGEMENT_PUBLIC_JWK } from '../../src/emulator/state/demo-management-key.js';
import { rateLimitWait } from '../../src/provision/index.js';
import { generatePassword } from '../../src/provision/password.js';
import { removeRunUsers } from '../../src/provision/run-users.js';
import { createUser, removeUser } from '../../src/provision/users-api.js';
import { CREDENTIAL_SECRETS, managementClient, PRIVATE_JWK, provisionEnv, provisionInProcess, SSWS_TOKEN, usersWithPrefix, type CredentialKind } from './support.js';

const LIMITED_CLIENT = 'limited-management';

let emulator: EmulatorHandle;
test.beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    // A service app with the demo key but only a read scope: it may not create users.
    seed: { clients: [{ clientId: LIMITED_CLIENT, jwks: { keys: [DEMO_MANAGEMENT_PUBLIC_JWK] }, redirectUris: [], grantTypes: ['client_credentials'], scopes: ['okta.users.read'] }] },
  });
});
test.afterAll(async () => {
  await emulator?.close();
});

/** The error the promise rejects with, which must be an OktaError of `code` with no secret in its message. */
async function failure(promise: Promise<unknown>, code: string, secrets: string[] = []): Promise<OktaError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isOktaError(error), String(error)).toBe(true);
  const okta = error as OktaError;
  expect(okta.code, okta.message).toBe(code);
  for (const secret of [...CREDENTIAL_SECRETS, ...secrets]) expect(`${okta.message} ${okta.stack}`).not.toContain(secret);
  return okta;
}

for (const kind of ['private_key_jwt', 'ssws'] as CredentialKind[]) {
  test(`${kind}: a pool of 3 is created active in the group, written to a 0600 file the config reads, and removed idempotently`, async () => {
    const env = await provisionEnv(emulator, kind, { OKTA_TESTER_COUNT: '3' });
    const { file, content, client } = await provisionInProcess(env);

    const created = await usersWithPrefix(emulator, env.OKTA_PROVISION_PREFIX!);
    expect(created.map((user) => user.profile.login).sort()).toEqual(content.users.map((user) => user.username).sort());
    expect(created).toHaveLength(3);
    expect(created.every((user) => user.status === 'ACTIVE')).toBe(true);
    expect(content.users.map((user) => user.username)).toEqual([1, 2, 3].map((n) => `${env.OKTA_PROVISION_PREFIX}-${content.run}-1-tester-${n}@example.com`));
    const members = await (await fetch(`${emulator.orgUrl}/api/v1/groups/${await testUsersGroupId()}/users`, { headers: { authorization: `SSWS ${SSWS_TOKEN}` } })).json() as Array<{ id: string }>;
    expect(content.users.every((user) => members.some((member) => member.id === user.id))).toBe(true);

    // Private, and what every worker's configuration reads.
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(path.dirname(file)).toBe(env.OKTA_CACHE_DIR);
    const config = loadConfig({ ...env, [PROVISIONED_FILE_VARIABLE]: file });
    expect(config.identities.tester!.accounts.map((account) => account.username)).toEqual(content.users.map((user) => user.username));
    expect(new Set(content.users.map((user) => user.password)).size).toBe(3);
    for (const { password } of content.users) expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{24}$/);
    // 3 creates and 1 group lookup, plus the org token for a service app.
    expect(content.calls).toBe(kind === 'ssws' ? 4 : 5);

    const removal = managementClient(emulator, kind);
    const removed = await removeRunUsers(file, removal);
    expect(removed).toMatchObject({ users: 3, removed: 3, failures: [] });
    expect(await usersWithPrefix(emulator, env.OKTA_PROVISION_PREFIX!)).toEqual([]);
    await expect(stat(file)).rejects.toThrow();
    // Again: users already gone count as removed, nothing fails.
    expect(await removeUser(client, content.users[0]!.id, content.users[0]!.username)).toBe(false);
  });
}

test("a shard's users and file carry its number, so shards of one run never share a user", async () => {
  const env = await provisionEnv(emulator, 'ssws', { OKTA_PROVISION_RUN_ID: 'gh42' });
  const { createRunUsers } = await import('../../src/provision/run-users.js');
  const { provisionSettings } = await import('../../src/provision/settings.js');
  const config = loadConfig(env, { beforeProvisioning: true });
  const client = managementClient(emulator);
  const shards = [await createRunUsers(config, provisionSettings(config, env)!, client, 1), await createRunUsers(config, provisionSettings(config, env)!, client, 2)];
  expect(shards.map(({ content }) => content.users[0]!.username)).toEqual([1, 2].map((shard) => `${env.OKTA_PROVISION_PREFIX}-gh42-${shard}-tester-1@example.com`));
  expect(shards.map(({ file }) => path.basename(file))).toEqual(['provisioned-gh42-1.json', 'provisioned-gh42-2.json']);
  for (const { file } of shards) await removeRunUsers(file, client);
});

test('a removal interrupted after the deactivation is finished by the next one', async () => {
  const env = await provisionEnv(emulator, 'ssws');
  const { file, content, client } = await provisionInProcess(env);
  const user = content.users[0]!;
  const deactivate = await fetch(`${emulator.orgUrl}/api/v1/users/${user.id}/lifecycle/deactivate`, { method: 'POST', headers: { authorization: `SSWS ${SSWS_TOKEN}` } });
  expect(deactivate.status).toBe(200);
  expect((await usersWithPrefix(emulator, env.OKTA_PROVISION_PREFIX!))[0]?.status).toBe('DEPROVISIONED');
  expect(await removeRunUsers(file, client)).toMatchObject({ users: 1, removed: 1, failures: [] });
  expect(await usersWithPrefix(emulator, env.OKTA_PROVISION_PREFIX!)).toEqual([]);
});

test('OKTA_<ROLE>_MFA=totp enrols and activates a TOTP factor whose secret only the file holds', async () => {
  // Provisioning returns only in a TOTP step after the activation's (up to 30 s by design), so the test's
  // worst case is that wait plus the work: a loaded CI run went past the default 30 s.
  test.setTimeout(90_000);
  const env = await provisionEnv(emulator, 'private_key_jwt', { OKTA_TESTER_MFA: 'totp' });
  const stepBefore = Math.floor(Date.now() / 30_000);
  const { file, content, client } = await provisionInProcess(env);
  const user = content.users[0]!;
  expect(user.totpSecret).toMatch(/^[A-Z2-7]+=*$/);
  const factors = await (await fetch(`${emulator.orgUrl}/api/v1/users/${user.id}/factors`, { headers: { authorization: `SSWS ${SSWS_TOKEN}` } })).json() as Array<{ factorType: string; status: string }>;
  expect(factors).toEqual([expect.objectContaining({ factorType: 'token:software:totp', status: 'ACTIVE' })]);
  // The activation spent a code of a step no earlier than stepBefore; provisioning returns only in a later
  // step, so the first login's code is a new one (Okta refuses a replayed code).
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(user.totpSecret!), period: 30 });
  expect(totp.counter()).toBeGreaterThan(stepBefore);
  await removeRunUsers(file, client);
});

test("a 429 is waited out until Okta's X-Rate-Limit-Reset, by Okta's clock, and the run completes", async () => {
  // Three users calls a 2-second window: the fourth create waits for the next window.
  emulator.setScenario({ managementRateLimit: { limit: 3, windowSeconds: 2 } });
  try {
    const warnings: string[] = [];
    const env = await provisionEnv(emulator, 'ssws', { OKTA_TESTER_COUNT: '4' });
    const { file, content, client } = await provisionInProcess(env, (message) => warnings.push(message));
    expect(content.users).toHaveLength(4);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/^okta: Okta's management rate limit was reached; waiting \d+ s for the window to reset\.$/);
    // One call per user and the group lookup, plus each refused attempt.
    expect(content.calls).toBe(5 + warnings.length);
    emulator.setScenario({ managementRateLimit: null });
    await removeRunUsers(file, client);
  } finally {
    emulator.setScenario({ managementRateLimit: null });
  }
});

test('at most 4 calls are in flight at once, and the bound is reached', async () => {
  // Each create is held 1 s by the emulator, so a batch in flight stays visible in its request counts.
  const route = 'POST /api/v1/users';
  emulator.addFault({ route, delayMs: 1000, times: 8 });
  const client = managementClient(emulator);
  const arrivedBefore = emulator.stats()[route] ?? 0;
  const prefix = (await provisionEnv(emulator, 'ssws')).OKTA_PROVISION_PREFIX!;
  let resolved = 0;
  let done = false;
  let most = 0;
  const creates = Promise.all(Array.from({ length: 8 }, (_, n) => createUser(client, `${prefix}-bound-${n}@example.com`, generatePassword(`${prefix}-bound-${n}@example.com`), [], { firstName: 'B', lastName: `${n}` })
    .then((user) => {
      resolved++;
      return user;
    }))).finally(() => (done = true));
  // Sampled while the calls run: requests Okta has received minus answers the client has taken never exceeds 4.
  while (!done) {
    const inFlight = (emulator.stats()[route] ?? 0) - arrivedBefore - resolved;
    most = Math.max(most, inFlight);
    expect(inFlight).toBeLessThanOrEqual(4);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const users = await creates;
  expect(most).toBe(4);
  expect(client.calls).toBe(8);
  for (const user of users) await removeUser(client, user.id, user.profile.login);
});

test('the rate-limit wait is measured on the Date header, not the local clock, plus a second', () => {
  const date = new Date('2030-01-01T00:00:00Z');
  const headers = new Headers({ 'x-rate-limit-reset': String(date.getTime() / 1000 + 5), date: date.toUTCString() });
  // A local clock an hour off changes nothing.
  expect(rateLimitWait(headers, Date.now())).toBe(6000);
  expect(rateLimitWait(new Headers({ 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 3) }))).toBeGreaterThan(2000);
});

test.describe('failures', () => {
  test('no management credential: ERR_MANAGEMENT_AUTH naming both ways to give one', async () => {
    const env = await provisionEnv(emulator, 'ssws');
    delete env.OKTA_API_TOKEN;
    const error = await failure(provisionInProcess(env), 'ERR_MANAGEMENT_AUTH');
    expect(error.message).toContain('OKTA_MANAGEMENT_CLIENT_ID and OKTA_MANAGEMENT_PRIVATE_KEY');
    expect(error.message).toContain('OKTA_API_TOKEN');
  });

  test('a wrong SSWS token: ERR_MANAGEMENT_AUTH with Okta\'s error, not the token, and no user created', async () => {
    const env = await provisionEnv(emulator, 'ssws', { OKTA_API_TOKEN: '00wrong-token-value' });
    const error = await failure(provisionInProcess(env), 'ERR_MANAGEMENT_AUTH', ['00wrong-token-value']);
    expect(error.message).toContain('OKTA_API_TOKEN');
    expect(error.message).toContain('E0000011');
    expect(error.status).toBe(401);
    expect(await usersWithPrefix(emulator, env.OKTA_PROVISION_PREFIX!)).toEqual([]);
  });

  test('a key the service app does not have: ERR_MANAGEMENT_AUTH from the token endpoint, no key material', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const env = await provisionEnv(emulator, 'private_key_jwt', { OKTA_MANAGEMENT_PRIVATE_KEY: JSON.stringify({ ...jwk, kid: 'demo-management-key' }) });
    const error = await failure(provisionInProcess(env), 'ERR_MANAGEMENT_AUTH', [jwk.d!, jwk.p!]);
    expect(error.oauthError).toBe('invalid_client');
    expect(error.message).toContain('OKTA_MANAGEMENT_PRIVATE_KEY');
  });

  test('a key that is not a key, inline or as a path: ERR_MANAGEMENT_AUTH without quoting it', async () => {
    for (const value of ['{"kty":"RSA","d":"not-really"}', '/no/such/key.pem']) {
      const env = await provisionEnv(emulator, 'private_key_jwt', { OKTA_MANAGEMENT_PRIVATE_KEY: value });
      const error = await failure(provisionInProcess(env), 'ERR_MANAGEMENT_AUTH', ['not-really']);
      expect(error.message).toContain('OKTA_MANAGEMENT_PRIVATE_KEY');
    }
  });

  test('a service app without okta.users.manage: ERR_MANAGEMENT_SCOPE naming the scopes to grant', async () => {
    const env = await provisionEnv(emulator, 'private_key_jwt', { OKTA_MANAGEMENT_CLIENT_ID: LIMITED_CLIENT });
    const error = await failure(provisionInProcess(env), 'ERR_MANAGEMENT_SCOPE');
    expect(error.message).toContain('okta.users.manage');
    expect(error.message).toContain(LIMITED_CLIENT);
    expect(await usersWithPrefix(emulator, env.OKTA_PROVISION_PREFIX!)).toEqual([]);
  });

  test('a token without the scope a call needs: ERR_MANAGEMENT_SCOPE naming it (403 E0000006)', async () => {
    const token = await orgToken(LIMITED_CLIENT, 'okta.users.read');
    const response = await fetch(`${emulator.orgUrl}/api/v1/users?activate=true`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(403);
    // Okta's real answer (E0000006 with an insufficient_scope challenge), as the client classifies it.
    const { managementError } = await import('../../src/provision/management-errors.js');
    const error = managementError({
      method: 'POST', path: '/api/v1/users', what: 'create the user x@example.com', scope: 'okta.users.manage', status: 403,
      body: (await response.json()) as never, authenticate: response.headers.get('www-authenticate'), credential: 'private_key_jwt', secrets: [],
    });
    expect(error.code).toBe('ERR_MANAGEMENT_SCOPE');
    expect(error.message).toContain('E0000006');
    expect(error.message).toContain('insufficient_scope');
    expect(error.message).toContain('grant the service app the scope okta.users.manage');
  });

  test("a password the policy refuses: ERR_PROVISION_PASSWORD naming Okta's rule, never the password", async () => {
    const client = managementClient(emulator, 'private_key_jwt');
    const error = await failure(createUser(client, 'weak-1@example.com', 'weakpass', [], { firstName: 'T', lastName: 'W' }), 'ERR_PROVISION_PASSWORD', ['weakpass']);
    expect(error.message).toContain('Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.');
    expect(error.message).toContain('weak-1@example.com');
    expect(error.oktaErrorCode).toBe('E0000001');
  });

  test('a login that exists: ERR_PROVISION_DUPLICATE, and the users this attempt had created are removed again', async () => {
    const first = await provisionEnv(emulator, 'ssws', { OKTA_PROVISION_RUN_ID: 'rerun' });
    const earlier = await provisionInProcess(first);
    const again = { ...first, OKTA_TESTER_COUNT: '3' };
    const error = await failure(provisionInProcess(again), 'ERR_PROVISION_DUPLICATE');
    expect(error.message).toContain(`${first.OKTA_PROVISION_PREFIX}-rerun-1-tester-1@example.com`);
    expect(error.message).toContain('okta-token users sweep');
    // tester-2 and tester-3 were created, then removed; tester-1 is the earlier run's, untouched.
    expect((await usersWithPrefix(emulator, first.OKTA_PROVISION_PREFIX!)).map((user) => user.profile.login)).toEqual([earlier.content.users[0]!.username]);
    await removeRunUsers(earlier.file, earlier.client);
  });

  test('a group that does not exist, by name or by id: ERR_PROVISION_GROUP before any user is created', async () => {
    for (const group of ['No Such Group', '00gdoesnotexist00000']) {
      const env = await provisionEnv(emulator, 'private_key_jwt', { OKTA_TESTER_GROUPS: `${DEMO.testUsersGroup},${group}`, OKTA_TESTER_COUNT: '2' });
      const error = await failure(provisionInProcess(env), 'ERR_PROVISION_GROUP');
      expect(error.message).toContain(`OKTA_TESTER_GROUPS names the group "${group}"`);
      expect(await usersWithPrefix(emulator, env.OKTA_PROVISION_PREFIX!)).toEqual([]);
    }
  });
});

test.describe('configuration', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['OKTA_TESTER_COUNT', { OKTA_TESTER_COUNT: '0' }, 'OKTA_TESTER_COUNT must be a whole number from 1 to 50'],
    ['OKTA_TESTER_MFA', { OKTA_TESTER_MFA: 'sms' }, "OKTA_TESTER_MFA must be 'totp'"],
    ['OKTA_TESTER_PROVISION', { OKTA_TESTER_PROVISION: 'yes' }, "OKTA_TESTER_PROVISION must be 'true' or 'false'"],
    ['OKTA_TESTER_USERNAME', { OKTA_TESTER_USERNAME: 'bob@example.com', OKTA_TESTER_PASSWORD: 'x' }, 'OKTA_TESTER_USERNAME must not be set with OKTA_TESTER_PROVISION=true'],
    ['OKTA_PROVISION_PREFIX', { OKTA_PROVISION_PREFIX: 'bad"prefix' }, 'OKTA_PROVISION_PREFIX must be'],
    ['OKTA_PROVISION_DOMAIN', { OKTA_PROVISION_DOMAIN: 'localhost' }, 'OKTA_PROVISION_DOMAIN must be a domain name'],
  ];
  for (const [variable, extra, message] of cases) {
    test(`a bad ${variable} fails as ERR_CONFIG naming it, before any call`, async () => {
      const env = await provisionEnv(emulator, 'ssws', extra);
      const before = emulator.stats()['POST /api/v1/users'] ?? 0;
      const error = await failure(provisionInProcess(env), 'ERR_CONFIG');
      expect(error.message).toContain(message);
      expect(emulator.stats()['POST /api/v1/users'] ?? 0).toBe(before);
    });
  }

  test("the run id is the CI's (a re-run attempt is another run), else random, else OKTA_PROVISION_RUN_ID", async () => {
    const { provisionSettings } = await import('../../src/provision/settings.js');
    const run = async (extra: Record<string, string>) => {
      const env = await provisionEnv(emulator, 'ssws', extra);
      return provisionSettings(loadConfig(env, { beforeProvisioning: true }), env)!.run;
    };
    expect(await run({ GITHUB_RUN_ID: '9876', GITHUB_RUN_ATTEMPT: '1' })).toBe('9876');
    expect(await run({ GITHUB_RUN_ID: '9876', GITHUB_RUN_ATTEMPT: '2' })).toBe('9876r2');
    expect(await run({ CI_PIPELINE_ID: '555' })).toBe('555');
    expect(await run({ GITHUB_RUN_ID: '9876', OKTA_PROVISION_RUN_ID: 'Nightly-1' })).toBe('nightly-1');
    const [a, b] = [await run({}), await run({})];
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  test('a worker without the provisioned-users file, or with one others may read, is told so (ERR_CONFIG)', async () => {
    const env = await provisionEnv(emulator, 'ssws');
    expect(() => loadConfig(env)).toThrow(/OKTA_PROVISIONED_FILE is not set, but a role has OKTA_<ROLE>_PROVISION=true: its users are created by the global setup/);
    const exposed = path.join(env.OKTA_CACHE_DIR!, 'provisioned-exposed.json');
    writeFileSync(exposed, JSON.stringify({ version: 1, users: [] }), { mode: 0o644 });
    expect(() => loadConfig({ ...env, OKTA_PROVISIONED_FILE: exposed })).toThrow(/OKTA_PROVISIONED_FILE names a file the engine will not use \(.*readable by others \(0644, expected 0600\)\)/);
    // A torn or edited file: refused without quoting it (Node's JSON errors quote the text, here passwords).
    const torn = path.join(env.OKTA_CACHE_DIR!, 'provisioned-torn.json');
    writeFileSync(torn, '{"version":1,"users":[{"password": Torn-Secret-1', { mode: 0o600 });
    const error = (() => { try { loadConfig({ ...env, OKTA_PROVISIONED_FILE: torn }); } catch (e) { return e as Error; } return undefined; })();
    expect(error?.message).toContain('is not JSON');
    expect(error?.message).not.toContain('Torn-Secre');
  });
});

async function testUsersGroupId(): Promise<string> {
  const groups = await (await fetch(`${emulator.orgUrl}/api/v1/groups?q=${encodeURIComponent(DEMO.testUsersGroup)}`, { headers: { authorization: `SSWS ${SSWS_TOKEN}` } })).json() as Array<{ id: string; profile: { name: string } }>;
  return groups.find((group) => group.profile.name === DEMO.testUsersGroup)!.id;
}

// An org token for `clientId` signed with the demo key, asked for `scope` (what OrgToken does, by hand).
async function orgToken(clientId: string, scope: string): Promise<string> {
  const { SignJWT, importJWK } = await import('jose');
  const key = await importJWK(JSON.parse(PRIVATE_JWK), 'RS256');
  const endpoint = `${emulator.orgUrl}/oauth2/v1/token`;
  const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'demo-management-key' }).setIssuer(clientId).setSubject(clientId)
    .setAudience(endpoint).setIssuedAt().setExpirationTime('5m').setJti(crypto.randomUUID()).sign(key);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }),
  });
  const json = (await response.json()) as { access_token?: string };
  if (!json.access_token) throw new Error(`no org token: ${response.status}`);
  return json.access_token;
}
