// loadConfig: the contract of DESIGN.md's variables, and ERR_CONFIG naming the variable at fault.
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { isOktaError, loadConfig, type OktaConfig } from '../../src/engine/index.js';
import { DEMO, useOktaEmulator } from '../../src/emulator/index.js';
import { PASSWORD, errorText, removeDir, secretsIn, tempDir } from './support.js';

const ISSUER = 'https://dev-1.okta.com/oauth2/default';
const BASE = { OKTA_ISSUER: ISSUER, OKTA_CLIENT_ID: '0oa1', OKTA_REDIRECT_URI: 'http://localhost:3000/cb' };

function configError(env: NodeJS.ProcessEnv): Error {
  try {
    loadConfig(env);
  } catch (error) {
    expect(isOktaError(error) && error.code).toBe('ERR_CONFIG');
    expect(secretsIn(errorText(error), ['s3cret-value'])).toEqual([]);
    return error as Error;
  }
  throw new Error('expected ERR_CONFIG');
}

test('without OKTA_ISSUER the configuration fails, naming it and the emulator as the way to run locally', () => {
  const error = configError({ OKTA_USERNAME: 'bob@example.com', OKTA_PASSWORD: 's3cret-value' });
  expect(error.message).toMatch(/^OKTA_ISSUER is required \(your Okta authorization server/);
  expect(error.message).toContain('useOktaEmulator() from playwright-okta/emulator');
  expect(error.message).toContain('npx okta-emulator');
});

test('the emulator chosen on purpose: useOktaEmulator() sets the variables that point the engine at it', () => {
  const saved = { ...process.env };
  try {
    for (const name of ['OKTA_USERNAME', 'OKTA_ROLES', 'CI']) delete process.env[name];
    const choice = useOktaEmulator({ port: 9555 });
    const config = loadConfig({ ...choice.env });
    expect(config).toMatchObject({
      issuer: 'http://127.0.0.1:9555/oauth2/default',
      orgUrl: 'http://127.0.0.1:9555',
      clientId: DEMO.spaClientId,
      redirectUri: `${DEMO.appOrigin}${DEMO.spaRedirectPath}`,
      scopes: ['openid', 'profile', 'email'],
      roles: ['admin', 'user'],
      defaultRole: 'admin',
      responseMode: 'query',
    });
    expect(config.identities.admin!.accounts).toEqual([{ username: 'alice@example.com', password: PASSWORD }]);
    expect(config.identities.user!.accounts[0]!.username).toBe('bob@example.com');
    expect(process.env.OKTA_ISSUER).toBe('http://127.0.0.1:9555/oauth2/default');
    expect(choice.webServer).toMatchObject({ url: 'http://127.0.0.1:9555/oauth2/default/.well-known/openid-configuration', reuseExistingServer: true });
    expect(choice.webServer.command).toMatch(/okta-emulator\.js" "--port" "9555"$/);
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
});

test('.env and a relative OKTA_CACHE_DIR resolve from baseDir (the Playwright config file\'s directory), not the cwd', async () => {
  const dir = await tempDir();
  try {
    await writeFile(path.join(dir, '.env'), `OKTA_ISSUER=${ISSUER}\nOKTA_CLIENT_ID=0oa-from-file\nOKTA_REDIRECT_URI=http://localhost:3000/cb\nOKTA_USERNAME=file@example.com\nOKTA_PASSWORD=pw\nOKTA_CACHE_DIR=.auth-here\n`);
    const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
    for (const name of ENV_NAMES) delete process.env[name];
    try {
      const config = loadConfig(undefined, { baseDir: dir });
      expect(config.clientId).toBe('0oa-from-file');
      expect(config.identities.default!.accounts[0]!.username).toBe('file@example.com');
      expect(config.cacheDir).toBe(path.join(dir, '.auth-here'));
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    }
  } finally {
    await removeDir(dir);
  }
});

const ENV_NAMES = ['OKTA_ISSUER', 'OKTA_CLIENT_ID', 'OKTA_REDIRECT_URI', 'OKTA_USERNAME', 'OKTA_PASSWORD', 'OKTA_ROLES', 'OKTA_CACHE_DIR'];

test('roles, account pools, TOTP secrets and service identities', () => {
  const config: OktaConfig = loadConfig({
    ...BASE,
    OKTA_SCOPES: 'openid profile email offline_access',
    OKTA_AUDIENCE: 'api://default',
    OKTA_ROLES: 'admin, user,svc',
    OKTA_ADMIN_USERNAME: 'alice@example.com',
    OKTA_ADMIN_PASSWORD: 'pw',
    OKTA_ADMIN_TOTP_SECRET: 'JBSW Y3DP EHPK 3PXP',
    OKTA_USER_USERNAME: 'u1@example.com,u2@example.com, u3@example.com',
    OKTA_USER_PASSWORD: 'pw2',
    OKTA_SVC_GRANT: 'client_credentials',
    OKTA_SVC_CLIENT_ID: 'svc-client',
    OKTA_SVC_CLIENT_SECRET: 'svc-secret',
    OKTA_SVC_SCOPES: 'demo.read demo.write',
    OKTA_CACHE_DIR: 'some/dir',
    APP_BASE_URL: 'http://localhost:3000',
  });
  expect(config.orgUrl).toBe('https://dev-1.okta.com');
  expect(config.roles).toEqual(['admin', 'user', 'svc']);
  expect(config.defaultRole).toBe('admin');
  expect(config.audience).toBe('api://default');
  expect(config.appBaseUrl).toBe('http://localhost:3000');
  expect(config.cacheDir).toBe(path.resolve('some/dir'));
  expect(config.identities.admin).toMatchObject({ kind: 'user', clientId: '0oa1', accounts: [{ username: 'alice@example.com', password: 'pw', totpSecret: 'JBSWY3DPEHPK3PXP' }] });
  expect(config.identities.user!.accounts.map((a) => a.username)).toEqual(['u1@example.com', 'u2@example.com', 'u3@example.com']);
  expect(config.identities.user!.accounts.every((a) => a.password === 'pw2')).toBe(true);
  expect(config.identities.svc).toEqual({ role: 'svc', kind: 'service', accounts: [], clientId: 'svc-client', clientSecret: 'svc-secret', scopes: ['demo.read', 'demo.write'] });
});

test('the default identity comes first and is the default role', () => {
  const config = loadConfig({ ...BASE, OKTA_USERNAME: 'a@b.c', OKTA_PASSWORD: 'p', OKTA_ROLES: 'admin', OKTA_ADMIN_USERNAME: 'x@y.z', OKTA_ADMIN_PASSWORD: 'q' });
  expect(config.roles).toEqual(['default', 'admin']);
  expect(config.defaultRole).toBe('default');
});

test('a missing or malformed value is ERR_CONFIG naming the variable, never echoing a value', () => {
  expect(configError({ OKTA_ISSUER: ISSUER }).message).toContain('OKTA_CLIENT_ID');
  expect(configError({ OKTA_ISSUER: ISSUER, OKTA_CLIENT_ID: 'x' }).message).toContain('OKTA_REDIRECT_URI');
  expect(configError(BASE).message).toContain('OKTA_USERNAME');
  expect(configError({ ...BASE, OKTA_USERNAME: 'a@b.c' }).message).toContain('OKTA_PASSWORD');
  expect(configError({ ...BASE, OKTA_ROLES: 'admin', OKTA_ADMIN_USERNAME: 'a@b.c' }).message).toContain('OKTA_ADMIN_PASSWORD');
  expect(configError({ ...BASE, OKTA_ROLES: 'admin', OKTA_ADMIN_PASSWORD: 's3cret-value' }).message).toContain('OKTA_ADMIN_USERNAME');
  expect(configError({ ...BASE, OKTA_ROLES: 'svc', OKTA_SVC_GRANT: 'client_credentials' }).message).toContain('OKTA_SVC_CLIENT_SECRET');
  expect(configError({ ...BASE, OKTA_ROLES: 'svc', OKTA_SVC_GRANT: 'password' }).message).toContain('OKTA_SVC_GRANT');
  expect(configError({ ...BASE, OKTA_ROLES: 'bad!role' }).message).toContain('OKTA_ROLES');
  expect(configError({ ...BASE, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b', OKTA_SCOPES: 'profile' }).message).toContain('OKTA_SCOPES');
  expect(configError({ ...BASE, OKTA_REDIRECT_URI: 'not a url' }).message).toContain('OKTA_REDIRECT_URI');
  expect(configError({ OKTA_ISSUER: 'dev-1.okta.com' }).message).toContain('OKTA_ISSUER');
  expect(configError({ ...BASE, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b', OKTA_TOTP_SECRET: 's3cret-value!' }).message).toContain('OKTA_TOTP_SECRET');
  expect(configError({ ...BASE, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b', OKTA_PRIVATE_KEY: 's3cret-value' }).message).toContain('OKTA_PRIVATE_KEY');
  expect(configError({ ...BASE, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b', OKTA_RESPONSE_MODE: 'okta_post_message' }).message).toContain('OKTA_RESPONSE_MODE');
  expect(configError({ ...BASE, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b', OKTA_CLIENT_AUTH_METHOD: 'client_secret_post' }).message).toContain('OKTA_CLIENT_SECRET');
  expect(configError({ ...BASE, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b', OKTA_HTTP_TIMEOUT_MS: 'soon' }).message).toContain('OKTA_HTTP_TIMEOUT_MS');
});

test('a non-https issuer is refused unless it is loopback', () => {
  expect(configError({ ...BASE, OKTA_ISSUER: 'http://dev-1.okta.com/oauth2/default' }).message).toMatch(/OKTA_ISSUER must use https/);
  for (const issuer of ['http://127.0.0.1:9400/oauth2/default', 'http://localhost:9400/oauth2/default', 'http://[::1]:9400/oauth2/default']) {
    expect(loadConfig({ ...BASE, OKTA_ISSUER: issuer, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b' }).issuer).toBe(issuer);
  }
  expect(loadConfig({ ...BASE, OKTA_ISSUER: `${ISSUER}/`, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b' }).issuer).toBe(ISSUER);
});

test('OKTA_PRIVATE_KEY: PEM or JWK, as a value (with \\n escapes) or a file', async () => {
  const dir = await tempDir();
  try {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const jwk = JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'k1' });
    const file = path.join(dir, 'key.pem');
    await writeFile(file, pem);
    const env = { ...BASE, OKTA_USERNAME: 'a', OKTA_PASSWORD: 'b' };
    // Values are trimmed like every variable.
    expect(loadConfig({ ...env, OKTA_PRIVATE_KEY: pem }).privateKey).toBe(pem.trim());
    expect(loadConfig({ ...env, OKTA_PRIVATE_KEY: pem.replace(/\n/g, '\\n') }).privateKey).toBe(pem.trim());
    expect(loadConfig({ ...env, OKTA_PRIVATE_KEY: file }).privateKey).toBe(pem.trim());
    expect(loadConfig({ ...env, OKTA_PRIVATE_KEY: jwk }).privateKey).toBe(jwk);
    const message = configError({ ...env, OKTA_PRIVATE_KEY: path.join(dir, 'missing.pem') }).message;
    expect(message).toContain('OKTA_PRIVATE_KEY');
  } finally {
    await removeDir(dir);
  }
});

test('without an env argument, .env is read without overriding set variables and without printing', async () => {
  const dir = await tempDir();
  const cwd = process.cwd();
  const saved = { ...process.env };
  const writes: string[] = [];
  const originalWrite = process.stdout.write.bind(process.stdout);
  try {
    await writeFile(path.join(dir, '.env'), `OKTA_ISSUER=${ISSUER}\nOKTA_CLIENT_ID=from-file\nOKTA_REDIRECT_URI=http://localhost:3000/cb\nOKTA_USERNAME=file@example.com\nOKTA_PASSWORD=pw\n`);
    process.chdir(dir);
    for (const name of Object.keys(process.env)) if (name.startsWith('OKTA_')) delete process.env[name];
    process.env.OKTA_CLIENT_ID = 'from-env';
    process.stdout.write = ((chunk: string | Uint8Array) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
    const config = loadConfig();
    process.stdout.write = originalWrite;
    expect(config.issuer).toBe(ISSUER);
    expect(config.clientId).toBe('from-env');
    expect(config.identities.default!.accounts[0]!.username).toBe('file@example.com');
    expect(writes).toEqual([]);
    expect(process.env.OKTA_ISSUER).toBeUndefined();
  } finally {
    process.stdout.write = originalWrite;
    process.chdir(cwd);
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    await removeDir(dir);
  }
});
