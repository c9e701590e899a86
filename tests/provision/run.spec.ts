// Test users on demand, end to end: a real child `playwright test` with our global setup and teardown
// provisions a pool through the emulator's Management API, each worker logs its own user in once, and
// nothing is left in the org afterwards (checked through the Users API with SSWS), even though a test
// failed. The generated passwords, TOTP secrets and the credential never reach the run's output.
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { ProvisionedFile } from '../../src/engine/index.js';
import { GLOBAL_SETUP as SETUP, GLOBAL_TEARDOWN as TEARDOWN, runPlaywright, writeProject } from '../support/child-run.js';
import { secretsIn } from '../engine/support.js';
import { CREDENTIAL_SECRETS, loginsByUser, provisionEnv, usersWithPrefix } from './support.js';

let emulator: EmulatorHandle;
test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
test.afterAll(async () => {
  await emulator?.close();
});

function config(workers: number): string {
  return `export default { testDir: '.', reporter: 'list', workers: ${workers}, fullyParallel: true, globalSetup: ${SETUP}, globalTeardown: ${TEARDOWN} };\n`;
}

// Each test of the pool writes a marker and waits for the others' (a rendezvous), so that the three run at
// once on three workers. The first also keeps a copy of the provisioned-users file and its mode, for the
// checks below (the secrets it holds are what the output must not show).
const POOL_SPEC = `
  import { copyFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
  import path from 'node:path';
  import { test, expect } from 'FIXTURES';
  test.use({ oktaRole: 'tester' });
  for (const n of [0, 1, 2]) {
    test(\`pool \${n}\`, async ({ oktaTokens }, testInfo) => {
      const root = testInfo.config.rootDir;
      if (n === 0) {
        const file = process.env.OKTA_PROVISIONED_FILE;
        copyFileSync(file, path.join(root, 'seen.json'));
        writeFileSync(path.join(root, 'seen-mode'), (statSync(file).mode & 0o777).toString(8));
        writeFileSync(path.join(root, 'seen-cache'), readdirSync(path.dirname(file)).join('\\n'));
      }
      writeFileSync(path.join(root, \`started-\${n}\`), '');
      await expect.poll(() => [0, 1, 2].every((m) => existsSync(path.join(root, \`started-\${m}\`))), { timeout: 60_000 }).toBe(true);
      console.log(\`worker \${testInfo.parallelIndex} is \${oktaTokens.username}\`);
    });
  }
  test('fails on purpose', async ({ oktaTokens }) => {
    expect(oktaTokens.username, 'this test fails so that teardown runs after a failure').toBe('nobody');
  });
`;

test('a pool of 3 (private_key_jwt): 3 users created, each logged in once, none left after a run with a failing test', async () => {
  test.setTimeout(180_000);
  const env = await provisionEnv(emulator, 'private_key_jwt', { OKTA_TESTER_COUNT: '3' });
  const prefix = env.OKTA_PROVISION_PREFIX!;
  const dir = await writeProject({ 'playwright.config.ts': config(3), 'pool.spec.ts': POOL_SPEC });

  const run = await runPlaywright([], { cwd: dir, env, json: true });
  expect(run.stats, run.output).toEqual({ expected: 3, unexpected: 1, skipped: 0, flaky: 0 });
  expect(run.code).toBe(1);

  const seen = JSON.parse(await readFile(path.join(dir, 'seen.json'), 'utf8')) as ProvisionedFile;
  const logins = seen.users.map((user) => user.username);
  expect(logins).toEqual([1, 2, 3].map((n) => `${prefix}-${seen.run}-1-tester-${n}@example.com`));
  // Each worker had its own user, and each user was logged in exactly once for the whole run.
  const pairs = [...new Set(run.output.match(/worker \d is \S+/g))].sort();
  expect(pairs).toEqual(logins.map((login, n) => `worker ${n} is ${login}`));
  expect(loginsByUser(emulator, prefix)).toEqual(Object.fromEntries(logins.map((login) => [login, 1])));

  // The file was private while it lived, and is gone with the users.
  expect(await readFile(path.join(dir, 'seen-mode'), 'utf8')).toBe('600');
  expect(existsSync(path.join(env.OKTA_CACHE_DIR!, `provisioned-${seen.run}-1.json`))).toBe(false);
  expect(await usersWithPrefix(emulator, prefix)).toEqual([]);
  // The removed users' token files went with them (each run's users are new: they would only pile up).
  expect((await readFile(path.join(dir, 'seen-cache'), 'utf8')).split('\n').filter((name) => name.startsWith('okta-tester-')).length).toBeGreaterThan(0);
  expect((await readdir(env.OKTA_CACHE_DIR!)).filter((name) => name.startsWith('okta-tester-'))).toEqual([]);

  // The cost, in one line each: 1 token + 1 group lookup + 3 creates; 1 token + 2 DELETEs per user.
  expect(run.output).toContain(`okta: created 3 test users (tester ×3) for run ${seen.run}, shard 1 in `);
  expect(run.output).toContain('okta: test users: 3 created, 3 removed; 12 Management API calls (5 to create, 7 to remove)');
  expect(secretsIn(run.output, [...CREDENTIAL_SECRETS, ...seen.users.map((user) => user.password)])).toEqual([]);
});

test('SSWS with TOTP: the user is enrolled, logs in through MFA once, and is removed', async () => {
  test.setTimeout(180_000);
  const env = await provisionEnv(emulator, 'ssws', { OKTA_TESTER_MFA: 'totp' });
  const prefix = env.OKTA_PROVISION_PREFIX!;
  const dir = await writeProject({
    'playwright.config.ts': config(1),
    'mfa.spec.ts': `
      import { copyFileSync } from 'node:fs';
      import path from 'node:path';
      import { test, expect } from 'FIXTURES';
      test.use({ oktaRole: 'tester' });
      test('signed in through TOTP', async ({ request, bearerHeaders, oktaTokens }, testInfo) => {
        copyFileSync(process.env.OKTA_PROVISIONED_FILE, path.join(testInfo.config.rootDir, 'seen.json'));
        const userinfo = await request.get(process.env.OKTA_ISSUER + '/v1/userinfo', { headers: bearerHeaders });
        expect(userinfo.status()).toBe(200);
        expect((await userinfo.json()).preferred_username).toBe(oktaTokens.username);
      });
    `,
  });
  const verifiesBefore = totpVerifies();
  const run = await runPlaywright([], { cwd: dir, env, json: true });
  expect(run.stats, run.output).toEqual({ expected: 1, unexpected: 0, skipped: 0, flaky: 0 });

  const seen = JSON.parse(await readFile(path.join(dir, 'seen.json'), 'utf8')) as ProvisionedFile;
  const user = seen.users[0]!;
  expect(user.totpSecret).toBeTruthy();
  expect(loginsByUser(emulator, prefix)).toEqual({ [user.username]: 1 });
  expect(totpVerifies()).toBe(verifiesBefore + 1);
  expect(await usersWithPrefix(emulator, prefix)).toEqual([]);
  // 1 group lookup, 1 create, enrol + activate; 2 DELETEs.
  expect(run.output).toContain('okta: created 1 test users (tester ×1 with TOTP) for run');
  expect(run.output).toContain('okta: test users: 1 created, 1 removed; 6 Management API calls (4 to create, 2 to remove)');
  expect(secretsIn(run.output, [...CREDENTIAL_SECRETS, user.password, user.totpSecret!])).toEqual([]);
});

/** MFA verify requests the emulator answered (its stats count each concrete path). */
function totpVerifies(): number {
  return Object.entries(emulator.stats()).filter(([route]) => /^POST \/api\/v1\/authn\/factors\/[^/]+\/verify$/.test(route)).reduce((sum, [, n]) => sum + n, 0);
}

test('a refused credential fails the run in global setup with ERR_MANAGEMENT_AUTH, no token in the output, no user made', async () => {
  const env = await provisionEnv(emulator, 'ssws', { OKTA_API_TOKEN: '00revoked-token-of-this-test' });
  const dir = await writeProject({
    'playwright.config.ts': config(1),
    'never.spec.ts': `
      import { test } from 'FIXTURES';
      test.use({ oktaRole: 'tester' });
      test('never runs', async ({ oktaTokens }) => {});
    `,
  });
  const run = await runPlaywright([], { cwd: dir, env, json: true });
  expect(run.code).toBe(1);
  expect(run.output).toContain('OktaError [ERR_MANAGEMENT_AUTH]: Okta refused OKTA_API_TOKEN');
  expect(run.stats?.expected ?? 0, run.output).toBe(0);
  expect(secretsIn(run.output, [...CREDENTIAL_SECRETS, '00revoked-token-of-this-test'])).toEqual([]);
  expect(await usersWithPrefix(emulator, env.OKTA_PROVISION_PREFIX!)).toEqual([]);
});
