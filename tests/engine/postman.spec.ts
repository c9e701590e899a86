// `okta-token --format postman`: a Postman environment (what Postman's import and `newman run -e` read),
// from the same cache as every other format. Run as a child process, as `npx okta-token` runs.
import { test, expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { type CliResult, engineEnv, runCli, secretsIn, useEngineBed } from './support.js';

const bed = useEngineBed({ dirPrefix: 'okta-postman-' });

interface Environment {
  id: string;
  name: string;
  values: Array<{ key: string; value: string; type: string; enabled: boolean }>;
  _postman_variable_scope: string;
}

async function cli(args: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  const run = await runCli(args, engineEnv(bed.emulator, bed.dir, extra), bed.dir);
  // The environment holds tokens by design; never a password or client secret.
  expect(secretsIn(run.stdout + run.stderr)).toEqual([]);
  return run;
}

function valueOf(env: Environment, key: string): string {
  const found = env.values.find((v) => v.key === key);
  if (!found) throw new Error(`no ${key} in the environment`);
  return found.value;
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('a Postman environment: the six variables, tokens as secrets, the cached token', async () => {
  const run = await cli(['--format', 'postman']);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  const env = JSON.parse(run.stdout) as Environment;
  expect(Object.keys(env)).toEqual(['id', 'name', 'values', '_postman_variable_scope']);
  expect(env._postman_variable_scope).toBe('environment');
  expect(env.id).toMatch(UUID);
  expect(env.name).toBe(`okta default (alice@example.com) @ ${new URL(bed.emulator.issuer).host}`);
  expect(env.values.map(({ key, type, enabled }) => ({ key, type, enabled }))).toEqual([
    { key: 'accessToken', type: 'secret', enabled: true },
    { key: 'idToken', type: 'secret', enabled: true },
    { key: 'tokenType', type: 'default', enabled: true },
    { key: 'expiresAt', type: 'default', enabled: true },
    { key: 'issuer', type: 'default', enabled: true },
    { key: 'clientId', type: 'default', enabled: true },
  ]);
  const accessToken = valueOf(env, 'accessToken');
  expect(accessToken).toMatch(JWT);
  expect(decodeJwt(accessToken)).toMatchObject({ sub: 'alice@example.com', iss: bed.emulator.issuer, cid: 'demo-spa' });
  expect(decodeJwt(valueOf(env, 'idToken'))).toMatchObject({ aud: 'demo-spa', iss: bed.emulator.issuer });
  expect(valueOf(env, 'tokenType')).toBe('Bearer');
  const expiresAt = Date.parse(valueOf(env, 'expiresAt'));
  expect(new Date(expiresAt).toISOString()).toBe(valueOf(env, 'expiresAt'));
  expect(expiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);
  expect(valueOf(env, 'issuer')).toBe(bed.emulator.issuer);
  expect(valueOf(env, 'clientId')).toBe('demo-spa');

  // What Postman's "Bearer Token: {{accessToken}}" sends works against the issuer's own API.
  const userinfo = await fetch(`${bed.emulator.issuer}/v1/userinfo`, { headers: { authorization: `${valueOf(env, 'tokenType')} ${accessToken}` } });
  expect(userinfo.status).toBe(200);

  // Same cache as the other formats: the same token, and the same environment id from run to run.
  const token = await cli([]);
  expect(token.stdout.trim()).toBe(accessToken);
  const again = JSON.parse((await cli(['--format=postman'])).stdout) as Environment;
  expect(again.id).toBe(env.id);
});

test('--role picks the identity; a service identity has no ID token; roles get distinct ids', async () => {
  const extra = {
    OKTA_USERNAME: '',
    OKTA_PASSWORD: '',
    OKTA_ROLES: 'user,reports',
    OKTA_USER_USERNAME: 'bob@example.com',
    OKTA_USER_PASSWORD: 'Passw0rd!',
    OKTA_REPORTS_GRANT: 'client_credentials',
    OKTA_REPORTS_CLIENT_ID: 'demo-service',
    OKTA_REPORTS_CLIENT_SECRET: 'demo-service-secret',
    OKTA_REPORTS_SCOPES: 'demo.read',
  };
  const user = JSON.parse((await cli(['--format', 'postman', '--role', 'user'], extra)).stdout) as Environment;
  expect(decodeJwt(valueOf(user, 'accessToken')).sub).toBe('bob@example.com');
  const service = await cli(['--format', 'postman', '--role', 'reports'], extra);
  expect(service.code).toBe(0);
  const env = JSON.parse(service.stdout) as Environment;
  expect(env.name).toBe(`okta reports (demo-service) @ ${new URL(bed.emulator.issuer).host}`);
  expect(decodeJwt(valueOf(env, 'accessToken'))).toMatchObject({ sub: 'demo-service', scp: ['demo.read'] });
  expect(valueOf(env, 'idToken')).toBe('');
  expect(valueOf(env, 'clientId')).toBe('demo-service');
  expect(env.id).not.toBe(user.id);
});

test('a failure prints no environment: exit 1, the coded first stderr line', async () => {
  const run = await cli(['--format', 'postman'], { OKTA_PASSWORD: 'wrong-password' });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')[0]).toMatch(/^okta-token: ERR_AUTHN_FAILED: /);
  expect(run.stderr).not.toContain('wrong-password');
});
