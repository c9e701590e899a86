// `--https` / startEmulator({ https: true }): TLS with a certificate for 127.0.0.1 and localhost signed by a
// local CA that is made once and kept (0600 key, 0700 directory). Trusting it takes NODE_EXTRA_CA_CERTS and
// nothing else: the engine (okta-token), @okta/jwt-verifier and @okta/oidc-middleware are proved in child
// processes with that variable and no `disableHttpsCheck`; without it they fail.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { decodeProtectedHeader } from 'jose';
import { authorizeUrl, pkce, SPA } from './behaviour.helpers.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { freePort } from '../support/free-port.js';
import { engineEnv, PASSWORD, removeDir, ROOT, runCli, tempDir, WEB_SECRET } from '../engine/support.js';

// The browser test below: Playwright's documented switch for a certificate the browser does not trust.
test.use({ ignoreHTTPSErrors: true });

let dir: string;
let emulators: EmulatorHandle[] = [];
test.beforeEach(async () => {
  dir = await tempDir('okta-https-');
});
test.afterEach(async () => {
  await Promise.all(emulators.map((emulator) => emulator.close()));
  emulators = [];
  await removeDir(dir);
});

async function started(options: Parameters<typeof startEmulator>[0]): Promise<EmulatorHandle> {
  const emulator = await startEmulator(options);
  emulators.push(emulator);
  return emulator;
}

/** The TLS handshake as a client that trusts `ca` (or only Node's roots) sees it. */
function handshake(port: number, ca?: string): Promise<{ authorized: boolean; error?: string; cert: PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...(ca ? { ca: [ca] } : {}), rejectUnauthorized: false }, () => {
      const result = { authorized: socket.authorized, cert: socket.getPeerCertificate() };
      socket.end();
      resolve(socket.authorizationError ? { ...result, error: String(socket.authorizationError) } : result);
    });
    socket.once('error', reject);
  });
}

test('the local CA is made once and kept; every start serves a certificate for 127.0.0.1 and localhost that chains to it', async () => {
  const caDir = path.join(dir, 'ca');
  const first = await started({ port: 0, https: true, caDir });
  expect(first.issuer).toBe(`https://127.0.0.1:${first.port}/oauth2/default`);
  expect(first.caFile).toBe(path.join(caDir, 'ca.pem'));
  expect(statSync(caDir).mode & 0o777).toBe(0o700);
  expect(statSync(path.join(caDir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
  const ca = readFileSync(first.caFile!, 'utf8');

  const trusted = await handshake(first.port, ca);
  expect(trusted.authorized, trusted.error).toBe(true);
  expect(trusted.cert.subjectaltname).toBe('DNS:localhost, IP Address:127.0.0.1');
  const untrusted = await handshake(first.port);
  expect(untrusted.authorized).toBe(false);

  // A second emulator (a restart, or another run) keeps the CA: NODE_EXTRA_CA_CERTS set once stays right.
  const second = await started({ port: 0, https: true, caDir });
  expect(readFileSync(second.caFile!, 'utf8')).toBe(ca);
  const again = await handshake(second.port, ca);
  expect(again.authorized, again.error).toBe(true);
  expect(again.cert.fingerprint256).not.toBe(trusted.cert.fingerprint256);

  // Discovery names https endpoints on the same origin.
  const discovery = await new Promise<Record<string, string>>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: second.port, ca: [ca] }, () => {
      socket.write(`GET /oauth2/default/.well-known/openid-configuration HTTP/1.1\r\nHost: 127.0.0.1:${second.port}\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('end', () => resolve(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Record<string, string>));
    socket.once('error', reject);
  });
  expect(discovery.issuer).toBe(second.issuer);
  expect(discovery.jwks_uri).toBe(`${second.issuer}/v1/keys`);
});

test('emulators starting at once on a new CA directory end up with one CA that all of them chain to', async () => {
  const caDir = path.join(dir, 'ca');
  const all = await Promise.all([0, 1, 2].map(() => started({ port: 0, https: true, caDir })));
  const ca = readFileSync(path.join(caDir, 'ca.pem'), 'utf8');
  for (const emulator of all) {
    const shake = await handshake(emulator.port, ca);
    expect(shake.authorized, shake.error).toBe(true);
  }
});

test('a CA key that other users could read is refused, not used', async () => {
  const caDir = path.join(dir, 'ca');
  await (await startEmulator({ port: 0, https: true, caDir })).close();
  const { chmodSync } = await import('node:fs');
  chmodSync(path.join(caDir, 'ca-key.pem'), 0o644);
  await expect(startEmulator({ port: 0, https: true, caDir })).rejects.toThrow(/CA key .*ca-key\.pem is readable by other users/);
});

test('the engine, @okta/jwt-verifier and @okta/oidc-middleware accept the HTTPS emulator with NODE_EXTRA_CA_CERTS alone', async () => {
  test.setTimeout(90_000);
  const appPort = await freePort();
  const appBaseUrl = `http://127.0.0.1:${appPort}`;
  const emulator = await started({
    port: 0,
    https: true,
    caDir: path.join(dir, 'ca'),
    seed: { clients: [{ clientId: 'demo-web', clientSecret: WEB_SECRET, redirectUris: [`${appBaseUrl}/authorization-code/callback`], postLogoutRedirectUris: [`${appBaseUrl}/`] }] },
  });
  const trust = { NODE_EXTRA_CA_CERTS: emulator.caFile! };

  // The engine: without the CA it cannot reach the issuer; with it, it signs in.
  const refused = await runCli([], engineEnv(emulator, path.join(dir, 'cache-a')), dir);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toMatch(/^okta-token: ERR_IDP_UNREACHABLE/);
  const signedIn = await runCli([], engineEnv(emulator, path.join(dir, 'cache-b'), trust), dir);
  expect(signedIn.code, signedIn.stderr).toBe(0);
  const accessToken = signedIn.stdout.trim();
  expect(decodeProtectedHeader(accessToken).alg).toBe('RS256');

  const child = (extra: Record<string, string>) => runChild({
    ISSUER: emulator.issuer,
    ACCESS_TOKEN: accessToken,
    APP_PORT: String(appPort),
    USERNAME: 'alice@example.com',
    PASSWORD,
    CLIENT_SECRET: WEB_SECRET,
    ...extra,
  });
  const ok = await child(trust);
  expect(ok.code, ok.stderr).toBe(0);
  expect(JSON.parse(ok.stdout)).toEqual({ httpRefused: true, verifiedSub: 'alice@example.com', me: { sub: expect.stringMatching(/^00u/), name: 'Alice Admin' } });
  expect(emulator.stats()['POST /oauth2/default/v1/token']).toBe(2); // the engine's exchange, then the middleware's
  expect(emulator.stats()['GET /oauth2/default/v1/userinfo']).toBe(1);

  // The same SDKs without the CA: refused at the TLS handshake.
  const untrusted = await child({});
  expect(untrusted.code).toBe(1);
  expect(untrusted.stderr).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|self-signed certificate in certificate chain|unable to verify/i);
});

test('a browser with ignoreHTTPSErrors signs in on the HTTPS sign-in page with the widget hooks', async ({ page }) => {
  const emulator = await started({ port: 0, https: true, caDir: path.join(dir, 'ca') });
  await page.route('http://localhost:3000/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>app</h1>' }));
  await page.goto(authorizeUrl(emulator.issuer, {
    client_id: SPA.clientId, redirect_uri: SPA.redirectUri, response_type: 'code', scope: 'openid', state: 'tls', code_challenge: pkce().challenge, code_challenge_method: 'S256',
  }));
  expect(new URL(page.url()).origin).toBe(emulator.orgUrl);
  await page.locator('[data-se="o-form-input-username"] input').fill('bob@example.com');
  await page.locator('[data-se="o-form-input-password"] input').fill(PASSWORD);
  const callback = page.waitForRequest((request) => request.url().startsWith(SPA.redirectUri));
  await page.locator('#okta-signin-submit').click();
  expect(new URL((await callback).url()).searchParams.get('code')).toBeTruthy();
  // The session cookie is set on the HTTPS origin.
  expect((await page.context().cookies(emulator.orgUrl)).map((cookie) => cookie.name)).toContain('sid');
});

test('useOktaEmulator({ https: true }): an https issuer, NODE_EXTRA_CA_CERTS for what Playwright starts, and a webServer command that serves TLS', async () => {
  test.setTimeout(60_000);
  const port = await freePort();
  const caDir = path.join(dir, 'ca');
  // In a child, as a playwright.config.ts would call it (it sets process.env there).
  const script = `import { useOktaEmulator } from 'playwright-okta/emulator';
const choice = useOktaEmulator({ port: ${port}, https: true, caDir: ${JSON.stringify(caDir)}, clients: ['my-spa:http://localhost:5173/login/callback'], clientId: 'my-spa', redirectUri: 'http://localhost:5173/login/callback' });
console.log(JSON.stringify({ choice, extra: process.env.NODE_EXTRA_CA_CERTS, issuer: process.env.OKTA_ISSUER }));`;
  const configured = await run(process.execPath, ['--input-type=module', '-e', script], withoutOkta({}));
  expect(configured.code, configured.stderr).toBe(0);
  const { choice, extra, issuer } = JSON.parse(configured.stdout) as { choice: { issuer: string; caFile: string; env: Record<string, string>; webServer: { command: string; url: string; ignoreHTTPSErrors?: boolean } }; extra: string; issuer: string };
  const caFile = path.join(caDir, 'ca.pem');
  expect(choice.issuer).toBe(`https://127.0.0.1:${port}/oauth2/default`);
  expect(issuer).toBe(choice.issuer);
  expect(extra).toBe(caFile);
  expect(choice.caFile).toBe(caFile);
  expect(choice.env.NODE_EXTRA_CA_CERTS).toBe(caFile);
  expect(choice.webServer).toMatchObject({ url: `${choice.issuer}/.well-known/openid-configuration`, ignoreHTTPSErrors: true });

  // The webServer command, run as Playwright runs it (a shell), serves TLS with that CA.
  const server = spawn(choice.webServer.command, { shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => output, { timeout: 20_000 }).toContain(`NODE_EXTRA_CA_CERTS=${caFile}`);
    expect(output).toContain(`okta emulator: issuer ${choice.issuer}`);
    expect(output).toContain('ignoreHTTPSErrors: true');
    expect(output).toContain('client my-spa (public, PKCE) redirects to http://localhost:5173/login/callback');
    // The engine as the config pointed it (choice.env: the issuer, the app's own client), trusting the CA.
    const env = { ...engineEnv({ issuer: choice.issuer }, path.join(dir, 'cache')), ...choice.env };
    expect(env).toMatchObject({ OKTA_CLIENT_ID: 'my-spa', OKTA_REDIRECT_URI: 'http://localhost:5173/login/callback', NODE_EXTRA_CA_CERTS: caFile });
    const signedIn = await runCli(['--format', 'json'], env, dir);
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(JSON.parse(signedIn.stdout)).toMatchObject({ clientId: 'my-spa', issuer: choice.issuer });
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
});

test('the engine trusts a NODE_EXTRA_CA_CERTS set after its process started (a config setting it for global setup)', async () => {
  const emulator = await started({ port: 0, https: true, caDir: path.join(dir, 'ca') });
  const env = engineEnv(emulator, path.join(dir, 'cache'));
  const script = (setLate: boolean) => `${setLate ? `process.env.NODE_EXTRA_CA_CERTS = ${JSON.stringify(emulator.caFile)};` : ''}
const { acquireTokens, loadConfig } = await import('playwright-okta/engine');
try {
  const { source } = await acquireTokens(loadConfig(process.env), 'default', { warn: () => {} });
  console.log(source);
} catch (error) {
  console.log(error.code);
}`;
  const late = await run(process.execPath, ['--input-type=module', '-e', script(true)], withoutOkta(env as Record<string, string>));
  expect(late.stdout.trim(), late.stderr).toBe('login');
  const never = await run(process.execPath, ['--input-type=module', '-e', script(false)], withoutOkta({ ...(env as Record<string, string>), OKTA_CACHE_DIR: path.join(dir, 'cache-2') }));
  expect(never.stdout.trim(), never.stderr).toBe('ERR_IDP_UNREACHABLE');
});

function withoutOkta(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^(OKTA_|NODE_EXTRA_CA_CERTS$)/.test(name)) base[name] = value;
  return { ...base, ...env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function runChild(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run(process.execPath, [path.join(ROOT, 'tests/emulator/https-sdks.child.mjs')], withoutOkta(env));
}
