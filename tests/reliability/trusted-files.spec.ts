// Files the engine trusts from the cache directory beyond the token files: the discovery document (where
// codes and secrets are sent) and the JWKS (which signatures are believed). Each is checked like a token
// file (ours, 0600, a regular file); one that fails is one warning naming it and why, a fresh fetch from
// the issuer, and replaced by the fetched copy. Every acquisition runs in a process of its own: the
// engine keeps both in memory once fetched, so only a new process reads them back from disk.
import { chmod, readdir, readFile, symlink, unlink, writeFile, lstat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { resolveIdentity } from '../../src/engine/cache-entry.js';
import { acquireTokens, loadConfig } from '../../src/engine/index.js';
import { ensureStorageStateFile } from '../../src/playwright/storage-files.js';
import { delta, engineEnv, modeOf, ROUTES, secretsIn, SERVICE_SECRET, TOTP_SECRET, useEngineBed } from './support.js';
import { runAcquire } from './processes.js';

const bed = useEngineBed({ dirPrefix: 'okta-trusted-' });

// The service identity: a login is one token request, no password, no browser-like steps.
const env = () => engineEnv(bed.emulator, bed.dir, {
  OKTA_ROLES: 'svc',
  OKTA_SVC_GRANT: 'client_credentials',
  OKTA_SVC_CLIENT_ID: 'demo-service',
  OKTA_SVC_CLIENT_SECRET: SERVICE_SECRET,
  OKTA_SVC_SCOPES: 'demo.read',
});

async function cacheFile(prefix: 'discovery' | 'jwks'): Promise<string> {
  const names = (await readdir(bed.dir)).filter((name) => name.startsWith(`${prefix}-`) && name.endsWith('.json'));
  expect(names, `one ${prefix} file in the cache directory`).toHaveLength(1);
  return path.join(bed.dir, names[0]!);
}

/** A first process logs in: the discovery document and the JWKS are now on disk, as any run leaves them. */
async function warm(): Promise<void> {
  const first = await runAcquire(env(), 'svc');
  expect(first.result, first.stderr).toMatchObject({ source: 'login' });
  expect(first.warnings).toEqual([]);
}

test('a world-writable JWKS file is refused with one warning, fetched afresh and replaced by a private copy', async () => {
  await warm();
  const jwks = await cacheFile('jwks');
  await chmod(jwks, 0o666);
  const before = bed.emulator.stats();

  const second = await runAcquire(env(), 'svc', ['--fresh']);
  expect(second.result, second.stderr).toMatchObject({ source: 'login' });
  expect(second.warnings).toHaveLength(1);
  expect(second.warnings[0]).toContain(jwks);
  expect(second.warnings[0]).toMatch(/JWKS .*permissions too open \(0666, expected 0600\).*fetching it from the issuer again/);
  expect(delta(bed.emulator.stats(), before)[ROUTES.keys]).toBe(1);
  expect(await modeOf(jwks)).toBe('0600');
});

test('parallel logins in one process warn once about a refused JWKS file', async () => {
  await warm();
  await chmod(await cacheFile('jwks'), 0o666);
  // This process has never read this cache directory's files: like a fresh global setup, two identities at once.
  const config = loadConfig({ ...env(), OKTA_ROLES: 'svc,svc2', OKTA_SVC2_GRANT: 'client_credentials', OKTA_SVC2_CLIENT_ID: 'demo-service', OKTA_SVC2_CLIENT_SECRET: SERVICE_SECRET, OKTA_SVC2_SCOPES: 'demo.read' });
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const results = await Promise.all(['svc', 'svc2'].map((role) => acquireTokens(config, role, { fresh: true, warn })));
  expect(results.map((r) => r.source)).toEqual(['login', 'login']);
  expect(warnings).toEqual([expect.stringMatching(/not trusting the cached JWKS .*permissions too open/)]);
});

test('a symlinked discovery file is refused with one warning and fetched afresh: nothing goes where it points', async () => {
  // Where a planted document would send the token request (with the client secret): a listener that
  // records whatever reaches it.
  const received: string[] = [];
  const elsewhere = await listen((request) => received.push(`${request.method} ${request.url}`));
  try {
    await warm();
    const discovery = await cacheFile('discovery');
    const planted = JSON.parse(await readFile(discovery, 'utf8')) as { fetchedAt: number; value: Record<string, unknown> };
    planted.value.token_endpoint = `${elsewhere.url}/token`;
    const target = path.join(bed.dir, 'planted.json');
    await writeFile(target, JSON.stringify(planted), { mode: 0o600 });
    await unlink(discovery);
    await symlink(target, discovery);
    const before = bed.emulator.stats();

    const second = await runAcquire(env(), 'svc', ['--fresh']);
    expect(second.result, second.stderr).toMatchObject({ source: 'login' });
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]).toContain(discovery);
    expect(second.warnings[0]).toMatch(/discovery document .*not a regular file.*fetching it from the issuer again/);
    expect(received).toEqual([]);
    const after = delta(bed.emulator.stats(), before);
    expect(after[ROUTES.discovery]).toBe(1);
    expect(after[ROUTES.token]).toBe(1);
    // The fetched copy replaced the link (not the file it pointed to).
    expect((await lstat(discovery)).isFile()).toBe(true);
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual(planted);
  } finally {
    await elsewhere.close();
  }
});

test('a token signed by a key that only a tampered JWKS file holds is refused with ERR_TOKEN_INVALID', async () => {
  await warm();
  // Another local user adds their key to a JWKS file they can write, and gets a token of their making
  // answered at the token endpoint (the emulator's raw-answer fault plays the forged answer).
  const attacker = await generateKeyPair('RS256', { extractable: true });
  const jwks = await cacheFile('jwks');
  const kept = JSON.parse(await readFile(jwks, 'utf8')) as { fetchedAt: number; value: { keys: unknown[] } };
  kept.value.keys.push({ ...(await exportJWK(attacker.publicKey)), kid: 'planted-kid', alg: 'RS256', use: 'sig' });
  await writeFile(jwks, JSON.stringify(kept));
  await chmod(jwks, 0o666);
  const forged = await new SignJWT({ cid: 'demo-service', scp: ['demo.read'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'planted-kid' })
    .setIssuer(bed.emulator.issuer)
    .setAudience('api://default')
    .setSubject('demo-service')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(attacker.privateKey);
  bed.emulator.addFault({
    route: ROUTES.token,
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token_type: 'Bearer', access_token: forged, expires_in: 3600, scope: 'demo.read' }),
  });
  const tokenFile = (await readdir(bed.dir)).find((name) => name.startsWith('okta-svc-'))!;
  const cachedBefore = await readFile(path.join(bed.dir, tokenFile), 'utf8');

  const second = await runAcquire(env(), 'svc', ['--fresh']);
  expect(second.exit).toBe(1);
  expect(second.result.code, second.result.message).toBe('ERR_TOKEN_INVALID');
  expect(second.warnings).toHaveLength(1);
  expect(second.warnings[0]).toContain(jwks);
  expect(secretsIn(`${second.stderr}${second.result.message}`, [forged])).toEqual([]);
  // The forged token was not cached: the file holds the first login's tokens still.
  expect(await readFile(path.join(bed.dir, tokenFile), 'utf8')).toBe(cachedBefore);
});

test('a storageState file others can write is not reused: one warning, and it is built again', async () => {
  // In this process: storage-files.ts reads its files back from disk every time, nothing is kept in memory.
  const { tokens } = await acquireTokens(loadConfig(engineEnv(bed.emulator, bed.dir)), 'default');
  const options = { appBaseUrl: 'http://127.0.0.1:9', loginPath: '/login' };
  const relogin = () => Promise.reject(new Error('no second login expected'));
  const file = await ensureStorageStateFile(tokens, 'okta-session', options, bed.dir, relogin);
  const built = await readFile(file, 'utf8');
  // Someone else's session put in its place, in a file anyone can write.
  await writeFile(file, JSON.stringify({ cookies: [{ ...JSON.parse(built).cookies[0], value: 'someone-elses-session' }], origins: [] }));
  await chmod(file, 0o666);

  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    expect(await ensureStorageStateFile(tokens, 'okta-session', options, bed.dir, relogin)).toBe(file);
  } finally {
    console.warn = warn;
  }
  expect(warnings).toEqual([expect.stringContaining(`not trusting the storageState file ${file} (permissions too open (0666, expected 0600)); building it again`)]);
  expect(await readFile(file, 'utf8')).toBe(built);
  expect(await modeOf(file)).toBe('0600');
});

test('a TOTP step file others can write is ignored with one warning and replaced by the step this login used', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_USERNAME: 'mfa@example.com', OKTA_TOTP_SECRET: TOTP_SECRET }));
  const stepFile = `${resolveIdentity(config, 'default').entry.file}.totp`;
  // A step long past: believing it would cost nothing, so what is checked is the warning and the file.
  await writeFile(stepFile, JSON.stringify({ step: 1 }), { mode: 0o666 });
  await chmod(stepFile, 0o666);
  const warnings: string[] = [];
  const { source } = await acquireTokens(config, 'default', { warn: (message) => warnings.push(message) });
  expect(source).toBe('login');
  expect(warnings).toEqual([expect.stringContaining(`ignoring the TOTP step file ${stepFile} (permissions too open (0666, expected 0600))`)]);
  expect(await modeOf(stepFile)).toBe('0600');
  expect(JSON.parse(await readFile(stepFile, 'utf8')).step).toBeGreaterThan(1);
});

async function listen(onRequest: (request: import('node:http').IncomingMessage) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    onRequest(request);
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
