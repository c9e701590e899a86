// A run killed mid-way (no teardown) leaves its test users in the org; `okta-token users sweep` finds them
// by prefix and creation time and removes them, printing their logins and nothing secret. A run still
// going (younger than --older-than) is left alone.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { childRunEnv as childEnv, GLOBAL_SETUP as SETUP, GLOBAL_TEARDOWN as TEARDOWN, playwrightCli as PLAYWRIGHT_CLI, writeProject } from '../support/child-run.js';
import { runCli, secretsIn, tempDir } from '../engine/support.js';
import { CREDENTIAL_SECRETS, credentialEnv, provisionEnv, usersWithPrefix } from './support.js';

let emulator: EmulatorHandle;
test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
test.afterAll(async () => {
  await emulator?.close();
});

test('the users of a killed run are removed by `okta-token users sweep`, and only once they are old enough', async () => {
  test.setTimeout(180_000);
  const env = await provisionEnv(emulator, 'ssws', { OKTA_TESTER_COUNT: '2' });
  const prefix = env.OKTA_PROVISION_PREFIX!;
  // Signed in, the test says so and then waits for a file nobody writes: the run is killed while it waits.
  const dir = await writeProject({
    'playwright.config.ts': `export default { testDir: '.', reporter: 'list', workers: 1, timeout: 170_000, globalSetup: ${SETUP}, globalTeardown: ${TEARDOWN} };\n`,
    'hang.spec.ts': `
      import { existsSync, writeFileSync } from 'node:fs';
      import path from 'node:path';
      import { test, expect } from 'FIXTURES';
      test.use({ oktaRole: 'tester' });
      test('is killed while it runs', async ({ oktaTokens }, testInfo) => {
        writeFileSync(path.join(testInfo.config.rootDir, 'signed-in'), oktaTokens.username);
        await expect.poll(() => existsSync(path.join(testInfo.config.rootDir, 'never')), { timeout: 160_000 }).toBe(true);
      });
    `,
  });
  const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test'], { cwd: dir, env: childEnv(env), stdio: 'ignore', detached: true });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    await expect.poll(() => existsSync(path.join(dir, 'signed-in')), { timeout: 120_000 }).toBe(true);
  } finally {
    process.kill(-child.pid!, 'SIGKILL');
  }
  await exited;
  const left = await usersWithPrefix(emulator, prefix);
  expect(left.map((user) => user.profile.login).sort()).toHaveLength(2);

  // A sweep outside any project (no .env), with only the issuer, the prefix and a credential.
  const cwd = await tempDir('okta-sweep-');
  const sweepEnv = childEnv({ OKTA_ISSUER: emulator.issuer, OKTA_CLIENT_ID: 'demo-spa', OKTA_REDIRECT_URI: 'http://localhost:3000/login/callback', OKTA_ROLES: 'tester', OKTA_TESTER_PROVISION: 'true', OKTA_PROVISION_PREFIX: prefix, ...credentialEnv('private_key_jwt') });

  const young = await runCli(['users', 'sweep', '--older-than', '2h'], sweepEnv, cwd);
  expect(young.stderr).toBe('');
  expect(young.code).toBe(0);
  expect(young.stdout).toBe(`okta-token: removed 0 test users ('${prefix}-…', created more than 2h ago); 2 younger kept; 2 Management API calls\n`);
  expect(await usersWithPrefix(emulator, prefix)).toHaveLength(2);

  const sweep = await runCli(['users', 'sweep', '--older-than', '0m'], sweepEnv, cwd);
  expect(sweep.stderr).toBe('');
  expect(sweep.code).toBe(0);
  const logins = left.map((user) => user.profile.login).sort((a, b) => a.localeCompare(b));
  expect(sweep.stdout.split('\n').filter((line) => line.startsWith('removed ')).sort()).toEqual(logins.map((login) => `removed ${login}`));
  // 1 token, 1 search, 2 DELETEs per user.
  expect(sweep.stdout).toContain(`okta-token: removed 2 test users ('${prefix}-…', created more than 0m ago); 0 younger kept; 6 Management API calls\n`);
  expect(await usersWithPrefix(emulator, prefix)).toEqual([]);
  expect(secretsIn(young.stdout + sweep.stdout, CREDENTIAL_SECRETS)).toEqual([]);
});

test('the sweep fails with the usual first stderr line on a wrong credential, and with usage on a bad age', async () => {
  const cwd = await tempDir('okta-sweep-');
  const base = { OKTA_ISSUER: emulator.issuer, OKTA_CLIENT_ID: 'demo-spa', OKTA_REDIRECT_URI: 'http://localhost:3000/login/callback', OKTA_ROLES: 'tester', OKTA_TESTER_PROVISION: 'true' };
  const wrong = await runCli(['users', 'sweep', '--older-than', '2h'], childEnv({ ...base, OKTA_API_TOKEN: '00not-the-token' }), cwd);
  expect(wrong.code).toBe(1);
  expect(wrong.stderr.split('\n')[0]).toMatch(/^okta-token: ERR_MANAGEMENT_AUTH: Okta refused OKTA_API_TOKEN/);
  expect(wrong.stderr).not.toContain('00not-the-token');
  const usage = await runCli(['users', 'sweep', '--older-than', 'soon'], childEnv({ ...base, OKTA_API_TOKEN: '00demo-ssws-token' }), cwd);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--older-than needs an age such as 90m, 2h or 1d');
  const help = await runCli(['users', '--help'], childEnv(base), cwd);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('usage: okta-token users sweep --older-than AGE');
  const general = await runCli(['--help'], childEnv(base), cwd);
  expect(general.stdout).toContain('okta-token users sweep --older-than AGE');
});
