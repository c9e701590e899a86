// OKTA_LOGIN_FLOW: `auto` asks the org which engine it runs (once: the answer is cached on disk like
// discovery, and checked like a token file before it is believed), then signs in through IDX on Identity
// Engine and authn on Classic; an explicit flow is obeyed; a bad value is ERR_CONFIG. On an Identity
// Engine org whose app policy wants more than a password, authn's refused sessionToken says how to enable
// IDX.
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startEmulator } from '../../src/emulator/index.js';
import { acquireTokens, isOktaError, loadConfig } from '../../src/engine/index.js';
import { expectCode, identityEngine, idxRequests } from './idx-support.js';
import { delta, engineEnv, errorText, runCli, secretsIn, useEngineBed } from './support.js';

const bed = useEngineBed();
const ORG = 'GET /.well-known/okta-organization';
const AUTHN = 'POST /api/v1/authn';
const INTERACT = 'POST /oauth2/default/v1/interact';

async function orgFile(): Promise<string> {
  const name = (await readdir(bed.dir)).find((f) => /^organization-[0-9a-f]+\.json$/.test(f));
  expect(name, 'the org answer is cached in the cache directory').toBeTruthy();
  return path.join(bed.dir, name!);
}

test('a bad OKTA_LOGIN_FLOW is ERR_CONFIG naming the variable and the values it takes', () => {
  let caught: unknown;
  try {
    loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_LOGIN_FLOW: 'saml' }));
  } catch (error) {
    caught = error;
  }
  expect(isOktaError(caught, 'ERR_CONFIG'), errorText(caught)).toBe(true);
  expect((caught as Error).message).toBe("OKTA_LOGIN_FLOW must be 'auto', 'authn', 'idx' or 'direct'. Set it in the environment or .env (see .env.example).");
  expect(secretsIn(errorText(caught))).toEqual([]);
  expect(loadConfig(engineEnv(bed.emulator, bed.dir)).loginFlow).toBe('auto');
});

test('auto on a Classic org signs in through authn, asking the org once: a new process reads the answer from disk', async () => {
  const env = engineEnv(bed.emulator, bed.dir);
  const before = bed.emulator.stats();
  const { source, tokens } = await acquireTokens(loadConfig(env), 'default');
  expect(source).toBe('login');
  expect(tokens.accessTokenClaims.sub).toBe('alice@example.com');
  const cost = delta(bed.emulator.stats(), before);
  expect(cost[ORG]).toBe(1);
  expect(cost[AUTHN]).toBe(1);
  expect(cost[INTERACT]).toBeUndefined();

  const file = await orgFile();
  expect(JSON.parse(await readFile(file, 'utf8')).value).toEqual({ pipeline: 'classic', detail: 'v1' });
  const again = bed.emulator.stats();
  const run = await runCli(['--fresh'], env, bed.dir);
  expect(run.code, run.stderr).toBe(0);
  const second = delta(bed.emulator.stats(), again);
  expect(second[ORG]).toBeUndefined();
  expect(second[AUTHN]).toBe(1);
});

test('auto on an Identity Engine org signs in through IDX: no authn at all', async () => {
  identityEngine(bed.emulator, 'password');
  const before = bed.emulator.stats();
  const { source, tokens } = await acquireTokens(loadConfig(engineEnv(bed.emulator, bed.dir)), 'default');
  expect(source).toBe('login');
  expect(tokens.accessTokenClaims.sub).toBe('alice@example.com');
  const cost = delta(bed.emulator.stats(), before);
  expect(cost[ORG]).toBe(1);
  expect(cost[AUTHN]).toBeUndefined();
  expect(cost[INTERACT]).toBe(1);
  expect(idxRequests(bed.emulator).at(-1)).toMatch(/^POST \/oauth2\/default\/v1\/token/);
  expect(JSON.parse(await readFile(await orgFile(), 'utf8')).value).toEqual({ pipeline: 'identity-engine', detail: 'idx' });
});

test('an explicit flow is obeyed without asking the org: authn on an Identity Engine org', async () => {
  identityEngine(bed.emulator, 'password');
  const before = bed.emulator.stats();
  await acquireTokens(loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_LOGIN_FLOW: 'authn' })), 'default');
  const cost = delta(bed.emulator.stats(), before);
  expect(cost[ORG]).toBeUndefined();
  expect(cost[AUTHN]).toBe(1);
  expect(cost[INTERACT]).toBeUndefined();
});

test('a cached org answer that is not ours (or not an answer) is refused with one warning and asked again', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir));
  await acquireTokens(config, 'default');
  const file = await orgFile();
  // Another process of this run reads the files afresh: a wrong pipeline there would pick the wrong flow.
  for (const [content, mode] of [['{"fetchedAt": 1, "value": {"pipeline": "nonsense"}}', 0o600], [await readFile(file, 'utf8'), 0o644]] as const) {
    await writeFile(file, content);
    await chmod(file, mode);
    const before = bed.emulator.stats();
    const run = await runCli(['--fresh'], engineEnv(bed.emulator, bed.dir), bed.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/not trusting the cached organization document .*organization-[0-9a-f]+\.json/);
    expect(delta(bed.emulator.stats(), before)[ORG]).toBe(1);
  }
});

test("authn's sessionToken refused on an Identity Engine org (app policy password + TOTP): the error says how to enable IDX", async () => {
  identityEngine(bed.emulator, 'password+totp');
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_LOGIN_FLOW: 'authn' }));
  const caught = await acquireTokens(config, 'default', { warn: () => {} }).catch((e: unknown) => e);
  const error = expectCode(bed.emulator, caught, 'ERR_SESSION_TOKEN_REJECTED');
  expect(error.message).toMatch(/^\/authorize answered with the sign-in page \(HTTP 200\) instead of a code: Okta did not accept the sessionToken\./);
  expect(error.message).toContain("On this org, which runs Identity Engine, the usual cause is that the app's authentication policy for demo-spa needs more than the sessionToken proved");
  expect(error.message).toContain('Interaction Code grant on the app');
  expect(error.message).toContain("authorization server's access policy rule");
  expect(error.message).toContain('OKTA_LOGIN_FLOW=idx');

  // The same org and policy with auto: IDX, where a user with Google Authenticator answers the policy.
  const auto = await acquireTokens(loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_USERNAME: 'mfa@example.com', OKTA_TOTP_SECRET: 'JBSWY3DPEHPK3PXP' })), 'default');
  expect(auto.source).toBe('login');
});

test('on Classic, a refused sessionToken keeps its Classic message (no IDX advice)', async () => {
  // A spent sessionToken on Classic: the emulator redirects to the sign-in page.
  bed.emulator.addFault({ route: 'POST /api/v1/authn', status: 200, body: JSON.stringify({ status: 'SUCCESS', sessionToken: 'not-a-real-session-token', _embedded: { user: { id: '00u1', profile: { login: 'alice@example.com' } } } }), headers: { 'content-type': 'application/json' } });
  const caught = await acquireTokens(loadConfig(engineEnv(bed.emulator, bed.dir)), 'default', { warn: () => {} }).catch((e: unknown) => e);
  const error = expectCode(bed.emulator, caught, 'ERR_SESSION_TOKEN_REJECTED', ['not-a-real-session-token']);
  expect(error.message).not.toContain('Identity Engine');
});

test('auto on Identity Engine, an app without the Interaction Code grant: one warning, then authn; later logins go straight to authn', async () => {
  // The default seed's demo-spa re-registered with its grants left to the default (no interaction_code),
  // like an app of an org upgraded from Classic.
  const emulator = await startEmulator({ port: 0, seed: { clients: [{ clientId: 'demo-spa', tokenEndpointAuthMethod: 'none', redirectUris: ['http://localhost:3000/login/callback'] }] }, scenario: { engine: 'identity-engine' } });
  try {
    const config = loadConfig(engineEnv(emulator, bed.dir));
    const warnings: string[] = [];
    const first = await acquireTokens(config, 'default', { warn: (m) => warnings.push(m) });
    expect(first.source).toBe('login');
    expect(warnings).toEqual([expect.stringMatching(/^okta: the org runs Identity Engine but demo-spa has no Interaction Code grant \(IDX\); signing in through authn instead/)]);
    expect(emulator.audit().authn).toHaveLength(1);

    const before = emulator.stats();
    await acquireTokens(config, 'default', { fresh: true, warn: (m) => warnings.push(m) });
    const cost = delta(emulator.stats(), before);
    expect(cost[INTERACT]).toBeUndefined();
    expect(cost[AUTHN]).toBe(1);
    expect(warnings).toHaveLength(1);
  } finally {
    await emulator.close();
  }
});
