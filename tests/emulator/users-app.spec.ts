// `npx okta-emulator --client … --user …`: a user's own app and test users registered in one line each,
// no seed file. Proved with the real bin in a child process and the real engine (`okta-token`) signing in
// through the registered clients.
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/free-port.js';
import { engineEnv, removeDir, ROOT, runCli, tempDir } from '../engine/support.js';

const BIN = path.join(ROOT, 'dist', 'emulator', 'bin', 'okta-emulator.js');
const SPA_REDIRECT = 'http://localhost:5173/login/callback';
const WEB_REDIRECT = 'http://localhost:8080/authorization-code/callback';
const WEB_SECRET = 'my-web-s3cret';
const USER = { login: 'jane.doe@example.com', password: 'Jane-Pa55word' };

interface Emulator {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(args: string[]): Emulator {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function startedIssuer(emulator: Emulator): Promise<string> {
  await expect.poll(() => emulator.output(), { timeout: 20_000 }).toMatch(/okta emulator: issuer \S+/);
  return /okta emulator: issuer (\S+)/.exec(emulator.output())![1]!;
}

let dir: string;
let running: Emulator | undefined;
test.beforeEach(async () => {
  dir = await tempDir('okta-users-app-');
});
test.afterEach(async () => {
  running?.child.kill('SIGTERM');
  if (running) await running.exited;
  running = undefined;
  await removeDir(dir);
});

test('--client registers a public and a confidential client, --user a test user; the engine signs in through both', async () => {
  const port = await freePort();
  running = start([
    '--port', String(port),
    '--client', `my-spa:${SPA_REDIRECT}`,
    '--client', 'my-spa:http://127.0.0.1:5173/login/callback',
    '--client', `my-web:${WEB_SECRET}@${WEB_REDIRECT}`,
    '--user', `${USER.login}:${USER.password}`,
  ]);
  const issuer = await startedIssuer(running);
  expect(issuer).toBe(`http://127.0.0.1:${port}/oauth2/default`);
  await expect.poll(() => running!.output()).toContain(`user ${USER.login}`);
  const out = running.output();
  expect(out).toContain(`client my-spa (public, PKCE) redirects to ${SPA_REDIRECT}, http://127.0.0.1:5173/login/callback`);
  expect(out).toContain(`client my-web (confidential, client_secret_basic or _post) redirects to ${WEB_REDIRECT}`);
  expect(out).not.toContain(WEB_SECRET);
  expect(out).not.toContain(USER.password);

  const user = { OKTA_USERNAME: USER.login, OKTA_PASSWORD: USER.password };
  const spa = await runCli(['--format', 'json'], engineEnv({ issuer }, path.join(dir, 'spa'), { ...user, OKTA_CLIENT_ID: 'my-spa', OKTA_REDIRECT_URI: SPA_REDIRECT }), dir);
  expect(spa.code, spa.stderr).toBe(0);
  const spaTokens = JSON.parse(spa.stdout) as { accessToken: string; clientId: string; claims: Record<string, unknown> };
  expect(spaTokens.claims).toMatchObject({ cid: 'my-spa', sub: USER.login });
  const userinfo = await fetch(`${issuer}/v1/userinfo`, { headers: { authorization: `Bearer ${spaTokens.accessToken}` } });
  expect(await userinfo.json()).toMatchObject({ name: 'Jane User', email: USER.login, preferred_username: USER.login });

  // The second redirect URI of the same client is registered too.
  const second = await runCli([], engineEnv({ issuer }, path.join(dir, 'spa2'), { ...user, OKTA_CLIENT_ID: 'my-spa', OKTA_REDIRECT_URI: 'http://127.0.0.1:5173/login/callback' }), dir);
  expect(second.code, second.stderr).toBe(0);

  const web = await runCli([], engineEnv({ issuer }, path.join(dir, 'web'), { ...user, OKTA_CLIENT_ID: 'my-web', OKTA_CLIENT_SECRET: WEB_SECRET, OKTA_REDIRECT_URI: WEB_REDIRECT }), dir);
  expect(web.code, web.stderr).toBe(0);
  expect(web.stdout.trim().split('.')).toHaveLength(3);

  // The confidential client needs its secret, and an unregistered redirect URI is refused.
  const wrongSecret = await runCli([], engineEnv({ issuer }, path.join(dir, 'web-bad'), { ...user, OKTA_CLIENT_ID: 'my-web', OKTA_CLIENT_SECRET: 'not-it', OKTA_REDIRECT_URI: WEB_REDIRECT }), dir);
  expect(wrongSecret.code).not.toBe(0);
  expect(wrongSecret.stderr).toMatch(/^okta-token: ERR_INVALID_CLIENT/);
  const wrongUri = await runCli([], engineEnv({ issuer }, path.join(dir, 'spa-bad'), { ...user, OKTA_CLIENT_ID: 'my-spa', OKTA_REDIRECT_URI: 'http://localhost:9999/cb' }), dir);
  expect(wrongUri.stderr).toMatch(/^okta-token: ERR_REDIRECT_URI/);

  // Post-logout redirect: the origin of the redirect URI.
  const logout = await fetch(`${issuer}/v1/logout?client_id=my-spa&post_logout_redirect_uri=${encodeURIComponent('http://localhost:5173/')}`, { redirect: 'manual' });
  expect(logout.status).toBe(302);
  expect(logout.headers.get('location')).toBe('http://localhost:5173/');
});

test('--seed keeps working, and the flags add to the seed file (a flag replaces the file\'s client of the same id)', async () => {
  const seedFile = path.join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({
    users: [{ login: 'seeded@example.com', password: 'Seeded-1', firstName: 'Sid', lastName: 'Seed' }],
    clients: [{ clientId: 'my-spa', redirectUris: ['http://localhost:1111/old'] }],
  }));
  running = start(['--port', '0', '--seed', seedFile, '--client', `my-spa:${SPA_REDIRECT}`, '--user', `${USER.login}:${USER.password}`]);
  const issuer = await startedIssuer(running);
  for (const [login, password] of [['seeded@example.com', 'Seeded-1'], [USER.login, USER.password], ['bob@example.com', 'Passw0rd!']]) {
    const run = await runCli([], engineEnv({ issuer }, path.join(dir, login!), { OKTA_USERNAME: login!, OKTA_PASSWORD: password!, OKTA_CLIENT_ID: 'my-spa', OKTA_REDIRECT_URI: SPA_REDIRECT }), dir);
    expect(run.code, `${login}: ${run.stderr}`).toBe(0);
  }
  const old = await runCli([], engineEnv({ issuer }, path.join(dir, 'old'), { OKTA_USERNAME: USER.login, OKTA_PASSWORD: USER.password, OKTA_CLIENT_ID: 'my-spa', OKTA_REDIRECT_URI: 'http://localhost:1111/old' }), dir);
  expect(old.stderr).toMatch(/^okta-token: ERR_REDIRECT_URI/);
});

test('bad --client / --user / --https flags: a clear message, the usage, exit 2, and no secret echoed', async () => {
  const cases: Array<{ args: string[]; message: RegExp }> = [
    { args: ['--client', 'my-spa'], message: /--client needs ID:REDIRECT_URI or ID:SECRET@REDIRECT_URI/ },
    { args: ['--client', 'my-web:topsecret'], message: /--client my-web: after "my-web:" comes a redirect URI/ },
    { args: ['--client', 'my-web:topsecret@not a url'], message: /--client my-web: .*not an absolute redirect URI|after "my-web:" comes/ },
    { args: ['--client', 'my-spa:http://localhost:5173/cb#frag'], message: /cannot have a #fragment/ },
    { args: ['--client', 'my-web:topsecret@http://a/cb', '--client', 'my-web:http://a/cb2'], message: /given twice with different secrets/ },
    { args: ['--client'], message: /--client needs a value/ },
    { args: ['--user', 'jane@example.com'], message: /--user needs LOGIN:PASSWORD/ },
    { args: ['--user', 'jane@example.com:'], message: /--user jane@example.com: the password is empty/ },
    { args: ['--ca-dir', dir], message: /--ca-dir is for --https/ },
    { args: ['--https=yes'], message: /--https takes no value/ },
  ];
  for (const { args, message } of cases) {
    const emulator = start(['--port', '0', ...args]);
    const code = await emulator.exited;
    const output = emulator.output();
    expect(code, args.join(' ')).toBe(2);
    expect(output, args.join(' ')).toMatch(message);
    expect(output, args.join(' ')).toContain('usage: okta-emulator [--port N]');
    expect(output, args.join(' ')).not.toContain('topsecret');
    expect(output).not.toContain('okta emulator: issuer');
  }
});
