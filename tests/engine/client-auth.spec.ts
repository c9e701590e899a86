// Each client authentication method at the token endpoint: none (public + PKCE), client_secret_basic,
// client_secret_post, and private_key_jwt with the key given as PEM or JWK, as a value or a file.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { acquireTokens, isOktaError, loadConfig } from '../../src/engine/index.js';
import { engineEnv, errorText, removeDir, secretsIn, tempDir } from './support.js';

const WEB_REDIRECT = 'http://localhost:3000/authorization-code/callback';
let emulator: EmulatorHandle;
let dir: string;
let privateKey: KeyObject;
let pem: string;
let jwk: string;

test.beforeAll(async () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = pair.privateKey;
  pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  jwk = JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'engine-test-key', alg: 'RS256' });
  const publicJwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'engine-test-key', alg: 'RS256', use: 'sig' };
  emulator = await startEmulator({
    port: 0,
    seed: {
      clients: [
        { clientId: 'post-client', clientSecret: 'post-client-secret', tokenEndpointAuthMethod: 'client_secret_post', redirectUris: [WEB_REDIRECT] },
        { clientId: 'jwt-client', jwks: { keys: [publicJwk] }, redirectUris: [WEB_REDIRECT] },
        { clientId: 'jwt-service', jwks: { keys: [publicJwk] }, redirectUris: [], grantTypes: ['client_credentials'], scopes: ['demo.read'] },
      ],
    },
  });
});
test.afterAll(async () => {
  await emulator.close();
});
test.beforeEach(async () => {
  dir = await tempDir();
});
test.afterEach(async () => {
  await removeDir(dir);
});

async function login(extra: Record<string, string>) {
  const config = loadConfig(engineEnv(emulator, dir, { OKTA_REDIRECT_URI: WEB_REDIRECT, ...extra }));
  const { tokens, source } = await acquireTokens(config, 'default');
  expect(source).toBe('login');
  expect(tokens.accessTokenClaims).toMatchObject({ sub: 'alice@example.com', cid: extra.OKTA_CLIENT_ID });
  return tokens;
}

test('none: a public client with PKCE', async () => {
  await login({ OKTA_CLIENT_ID: 'demo-spa', OKTA_REDIRECT_URI: 'http://localhost:3000/login/callback' });
});

test('client_secret_basic: the default with a secret', async () => {
  await login({ OKTA_CLIENT_ID: 'demo-web', OKTA_CLIENT_SECRET: 'demo-web-secret' });
});

test('client_secret_post, chosen by OKTA_CLIENT_AUTH_METHOD', async () => {
  await login({ OKTA_CLIENT_ID: 'post-client', OKTA_CLIENT_SECRET: 'post-client-secret', OKTA_CLIENT_AUTH_METHOD: 'client_secret_post' });
});

test('private_key_jwt with a JWK value', async () => {
  await login({ OKTA_CLIENT_ID: 'jwt-client', OKTA_PRIVATE_KEY: jwk });
});

test('private_key_jwt with a PEM file', async () => {
  const file = path.join(dir, 'key.pem');
  await writeFile(file, pem, { mode: 0o600 });
  await login({ OKTA_CLIENT_ID: 'jwt-client', OKTA_PRIVATE_KEY: file, OKTA_CLIENT_AUTH_METHOD: 'private_key_jwt' });
});

test('private_key_jwt with a key the client does not know is ERR_INVALID_CLIENT, without the key in the message', async () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const config = loadConfig(engineEnv(emulator, dir, { OKTA_REDIRECT_URI: WEB_REDIRECT, OKTA_CLIENT_ID: 'jwt-client', OKTA_PRIVATE_KEY: other }));
  const error = await acquireTokens(config, 'default').catch((e: unknown) => e);
  expect(isOktaError(error, 'ERR_INVALID_CLIENT'), errorText(error)).toBe(true);
  const keyBody = other.split('\n')[1]!;
  expect(secretsIn(errorText(error), [keyBody])).toEqual([]);
});

test('a service identity authenticates with a private key too', async () => {
  const config = loadConfig(engineEnv(emulator, dir, {
    OKTA_PRIVATE_KEY: jwk,
    OKTA_USERNAME: '',
    OKTA_ROLES: 'svc',
    OKTA_SVC_GRANT: 'client_credentials',
    OKTA_SVC_CLIENT_ID: 'jwt-service',
    OKTA_SVC_SCOPES: 'demo.read',
  }));
  const { tokens, source } = await acquireTokens(config, 'svc');
  expect(source).toBe('login');
  expect(tokens).toMatchObject({ clientId: 'jwt-service', subject: 'jwt-service', scopes: ['demo.read'] });
});
