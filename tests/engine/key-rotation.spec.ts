// An emulator restarted without its state has new signing keys: tokens cached against the old ones must
// not reach the app (its jwt-verifier would fail with "Error while resolving signing key for kid …").
// Each run is a new `okta-token` process, as each test run is; the emulator restarts on the same port, so
// the issuer (and the cache key) stay the same.
import { test, expect } from '@playwright/test';
import { decodeProtectedHeader } from 'jose';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { delta, engineEnv, removeDir, runCli, tempDir } from './support.js';

let dir: string;
let emulator: EmulatorHandle | undefined;

test.beforeEach(async () => {
  dir = await tempDir('okta-key-rotation-');
});
test.afterEach(async () => {
  await emulator?.close();
  await removeDir(dir);
});

async function publishedKids(issuer: string): Promise<string[]> {
  const jwks = (await (await fetch(`${issuer}/v1/keys`)).json()) as { keys: Array<{ kid: string }> };
  return jwks.keys.map((key) => key.kid);
}

function kidsOf(token: string): string {
  return decodeProtectedHeader(token).kid as string;
}

test('tokens signed with keys the restarted issuer no longer publishes are replaced by a new login', async () => {
  emulator = await startEmulator({ port: 0 });
  const port = emulator.port;
  const env = engineEnv(emulator, dir);

  const first = await runCli([], env, dir);
  expect(first.code, first.stderr).toBe(0);
  const oldToken = first.stdout.trim();
  const oldKids = await publishedKids(emulator.issuer);
  expect(oldKids).toContain(kidsOf(oldToken));

  // The same issuer URL, new keys, no memory of the old sessions.
  await emulator.close();
  emulator = await startEmulator({ port });
  const newKids = await publishedKids(emulator.issuer);
  expect(newKids).not.toContain(kidsOf(oldToken));

  const start = emulator.stats();
  const second = await runCli([], env, dir);
  expect(second.code, second.stderr).toBe(0);
  const newToken = second.stdout.trim();
  expect(newToken).not.toBe(oldToken);
  expect(newKids).toContain(kidsOf(newToken));
  expect(second.stderr).toContain(`signed with a key (kid ${kidsOf(oldToken)}) that ${emulator.issuer} no longer publishes`);
  // A new login, and the JWKS fetched once in that process (the login's validation reused it).
  expect(delta(emulator.stats(), start)).toMatchObject({ 'POST /api/v1/authn': 1, 'POST /oauth2/default/v1/token': 1, 'GET /oauth2/default/v1/keys': 1 });

  // The replacement is cached like any other: the next run serves it, with one JWKS look-up and no login.
  const before = emulator.stats();
  const third = await runCli([], env, dir);
  expect(third.code, third.stderr).toBe(0);
  expect(third.stdout.trim()).toBe(newToken);
  expect(third.stderr).toBe('');
  const cost = delta(emulator.stats(), before);
  expect(cost['POST /api/v1/authn']).toBeUndefined();
  expect(cost['GET /oauth2/default/v1/keys'] ?? 0).toBeLessThanOrEqual(1);
});

test('an issuer that cannot be reached for its keys does not cost valid cached tokens', async () => {
  emulator = await startEmulator({ port: 0 });
  const env = engineEnv(emulator, dir);
  const first = await runCli([], env, dir);
  expect(first.code, first.stderr).toBe(0);
  // The JWKS answers 503 for a while: the cached tokens (signed with a published key) are served as before.
  emulator.addFault({ route: 'GET /oauth2/default/v1/keys', status: 503, times: 10 });
  const second = await runCli([], env, dir);
  expect(second.code, second.stderr).toBe(0);
  expect(second.stdout.trim()).toBe(first.stdout.trim());
  expect(emulator.stats()['POST /api/v1/authn']).toBe(1);
});
