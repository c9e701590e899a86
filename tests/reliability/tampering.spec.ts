// Every tamper kind the emulator offers, against a warm cache: a login that gets tampered tokens (or a
// tampered redirect) is refused with ERR_STATE_MISMATCH / ERR_TOKEN_INVALID, and nothing is cached — the
// cache file keeps the last good tokens byte for byte, no failure is remembered (tampering is not the
// user's fault, the next login may succeed), no temporary file is left. tests/engine/errors.spec.ts checks
// the codes on a cold cache; this checks that nothing good is overwritten, on logins and on refreshes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { type Tamper } from '../../src/emulator/index.js';
import { acquireTokens, isOktaError, loadConfig, type OktaConfig, type OktaError } from '../../src/engine/index.js';
import { engineEnv, errorText, secretsIn, tempFiles, tokenFiles, useEngineBed } from './support.js';

let config: OktaConfig;

const bed = useEngineBed({ emulator: { scenario: { lifetimes: { accessTokenSeconds: 30 } } }, dirPrefix: 'okta-tamper-' });
test.beforeEach(async () => {
  config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_SCOPES: 'openid profile email offline_access' }));
});

const KINDS: Array<[Tamper, 'ERR_STATE_MISMATCH' | 'ERR_TOKEN_INVALID']> = [
  ['state', 'ERR_STATE_MISMATCH'],
  ['issuer', 'ERR_TOKEN_INVALID'],
  ['audience', 'ERR_TOKEN_INVALID'],
  ['signature', 'ERR_TOKEN_INVALID'],
  ['alg-none', 'ERR_TOKEN_INVALID'],
  ['expired', 'ERR_TOKEN_INVALID'],
  ['nonce', 'ERR_TOKEN_INVALID'],
  ['subject', 'ERR_TOKEN_INVALID'],
  ['unknown-kid', 'ERR_TOKEN_INVALID'],
];

async function cacheSnapshot(): Promise<Record<string, string>> {
  const files = await tokenFiles(bed.dir);
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(bed.dir, f), 'utf8')] as const)));
}

async function expectRefused(code: string, run: () => Promise<unknown>): Promise<OktaError> {
  const before = await cacheSnapshot();
  expect(Object.keys(before)).toHaveLength(1);
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(isOktaError(error), errorText(error)).toBe(true);
  expect((error as OktaError).code, (error as OktaError).message).toBe(code);
  expect((error as OktaError).message).toMatch(/was discarded|nothing was cached/);
  expect(secretsIn(errorText(error))).toEqual([]);
  expect(await cacheSnapshot()).toEqual(before);
  const others = (await import('node:fs/promises').then((fs) => fs.readdir(bed.dir))).filter((f) => f.endsWith('.failed'));
  expect(others).toEqual([]);
  expect(await tempFiles(bed.dir)).toEqual([]);
  return error as OktaError;
}

for (const [tamper, code] of KINDS) {
  test(`tamper ${tamper}: a new login is refused with ${code}, the cached tokens stay as they were`, async () => {
    const good = await acquireTokens(config, 'default');
    bed.emulator.setScenario({ tamper });
    await expectRefused(code, () => acquireTokens(config, 'default', { fresh: true, warn: () => {} }));
    // The cache still serves the last good tokens; once the tampering stops, logins work again.
    expect((await acquireTokens(config, 'default', { minTtlSeconds: 1 })).tokens.accessToken).toBe(good.tokens.accessToken);
    bed.emulator.setScenario({ tamper: null });
    expect((await acquireTokens(config, 'default', { fresh: true })).source).toBe('login');
  });
}

// A refresh answers with tokens too; they are checked like a login's. (state and nonce belong to the
// authorization request, which a refresh does not make.)
for (const [tamper] of KINDS.filter(([kind]) => kind !== 'state' && kind !== 'nonce')) {
  test(`tamper ${tamper}: tokens from a refresh are refused with ERR_TOKEN_INVALID and not cached`, async () => {
    await acquireTokens(config, 'default');
    bed.emulator.setScenario({ tamper });
    // 30-second tokens asked for 60 s of life: a refresh is due.
    await expectRefused('ERR_TOKEN_INVALID', () => acquireTokens(config, 'default', { minTtlSeconds: 60, warn: () => {} }));
    expect(bed.emulator.stats()['POST /api/v1/authn']).toBe(1);
  });
}
