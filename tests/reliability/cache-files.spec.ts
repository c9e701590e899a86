// The token cache under damage and tampering: truncated, garbage, the wrong shape, another user's file or
// tokens, a symlink, permissions too open. Each is discarded with one warning naming the problem, replaced
// atomically by a new private file (0600, no temporary files left), never a crash and never another
// user's token. tests/engine/concurrency.spec.ts covers the first corrupt-file cases; this adds identity,
// permissions and parallel readers.
import { chmod, copyFile, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { acquireTokens, loadConfig, type OktaConfig, type TokenRecord } from '../../src/engine/index.js';
import { engineEnv, modeOf, ROUTES, tempFiles, tokenFiles, useEngineBed } from './support.js';

let config: OktaConfig;

const bed = useEngineBed({ dirPrefix: 'okta-cache-files-' });
test.beforeEach(async () => {
  // Two identities in one cache directory: admin is alice, user is bob.
  config = loadConfig(engineEnv(bed.emulator, bed.dir, {
    OKTA_USERNAME: '',
    OKTA_PASSWORD: '',
    OKTA_ROLES: 'admin,user',
    OKTA_ADMIN_USERNAME: 'alice@example.com',
    OKTA_ADMIN_PASSWORD: 'Passw0rd!',
    OKTA_USER_USERNAME: 'bob@example.com',
    OKTA_USER_PASSWORD: 'Passw0rd!',
  }));
});

async function fileOf(role: 'admin' | 'user'): Promise<string> {
  const name = (await tokenFiles(bed.dir)).find((f) => f.startsWith(`okta-${role}-user-`));
  expect(name, `${role}'s cache file`).toBeTruthy();
  return path.join(bed.dir, name!);
}

const readRecord = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as TokenRecord;

/** Acquires alice's tokens over a damaged file: a fresh login, one warning, alice's token, a clean new file. */
async function expectRecovered(problem: RegExp): Promise<TokenRecord> {
  const warnings: string[] = [];
  const before = bed.emulator.stats()[ROUTES.authn] ?? 0;
  const { tokens, source } = await acquireTokens(config, 'admin', { warn: (m) => warnings.push(m) });
  expect(source).toBe('login');
  expect((bed.emulator.stats()[ROUTES.authn] ?? 0) - before).toBe(1);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/^okta: discarding the token cache file .*okta-admin-user-[0-9a-f]{24}\.json \(/);
  expect(warnings[0]).toMatch(problem);
  // Never another user's token: the JWT itself says alice.
  expect(decodeJwt(tokens.accessToken).sub).toBe('alice@example.com');
  expect(tokens.username).toBe('alice@example.com');
  const file = await fileOf('admin');
  expect((await stat(file)).isFile()).toBe(true);
  expect(await modeOf(file)).toBe('0600');
  expect((await readRecord(file)).accessToken).toBe(tokens.accessToken);
  expect(await tempFiles(bed.dir)).toEqual([]);
  // And the replacement is served from the cache from now on.
  expect((await acquireTokens(config, 'admin')).source).toBe('cache');
  return tokens;
}

test('truncated, garbage and wrong-shape files are discarded with a warning and replaced', async () => {
  await acquireTokens(config, 'admin');
  const file = await fileOf('admin');
  const good = await readFile(file, 'utf8');
  const damaged: Array<[string, string, RegExp]> = [
    ['truncated', good.slice(0, Math.floor(good.length / 2)), /unreadable: SyntaxError/],
    ['empty', '', /unreadable: SyntaxError/],
    ['binary garbage', '\u0000\u00ff\u0001PK\u0003\u0004', /unreadable: SyntaxError/],
    ['an array', '[1,2,3]', /malformed/],
    ['another version', JSON.stringify({ ...JSON.parse(good), version: 2 }), /malformed/],
    ['an access token that is a number', JSON.stringify({ ...JSON.parse(good), accessToken: 42 }), /malformed/],
    ['an access token that is not a JWT', JSON.stringify({ ...JSON.parse(good), accessToken: 'opaque' }), /not a JWT/],
  ];
  for (const [what, content] of damaged) {
    await test.step(what, async () => {
      await writeFile(await fileOf('admin'), content);
      await expectRecovered(damaged.find(([w]) => w === what)![2]);
    });
  }
});

test("another user's file copied over, or another user's tokens written into it, are never served", async () => {
  await acquireTokens(config, 'admin');
  await acquireTokens(config, 'user');
  const alice = await fileOf('admin');
  const bob = await fileOf('user');
  const bobs = await readRecord(bob);

  await test.step("bob's file copied over alice's", async () => {
    await copyFile(bob, alice);
    await expectRecovered(/malformed/);
  });
  await test.step("bob's tokens in a record that claims to be alice's", async () => {
    const aliceKey = (await readRecord(alice)).key;
    const forged = { ...bobs, key: aliceKey, role: 'admin', username: 'alice@example.com', accessTokenClaims: { ...bobs.accessTokenClaims, sub: 'alice@example.com' } };
    await writeFile(alice, JSON.stringify(forged));
    await expectRecovered(/its access token is for another subject/);
  });
  await test.step('a record for another user of the same role', async () => {
    const record = await readRecord(alice);
    await writeFile(alice, JSON.stringify({ ...record, username: 'bob@example.com' }));
    await expectRecovered(/written for another user/);
  });
  await test.step('a record from another issuer', async () => {
    const record = await readRecord(alice);
    await writeFile(alice, JSON.stringify({ ...record, issuer: 'https://evil.example.com/oauth2/default' }));
    await expectRecovered(/written for another identity/);
  });
  // Bob's own cache was never touched.
  expect((await readRecord(bob)).accessToken).toBe(bobs.accessToken);
});

test('a symlink in place of the cache file is refused and replaced by a regular file', async () => {
  await acquireTokens(config, 'admin');
  await acquireTokens(config, 'user');
  const alice = await fileOf('admin');
  await rm(alice);
  await symlink(await fileOf('user'), alice);
  await expectRecovered(/not a regular file/);
});

test('a cache file others can read is discarded (its tokens may have leaked); a directory others can read is made private', async () => {
  await acquireTokens(config, 'admin');
  const alice = await fileOf('admin');
  const leaked = (await readRecord(alice)).accessToken;
  await chmod(alice, 0o644);
  const tokens = await expectRecovered(/permissions too open \(0644, expected 0600\)/);
  expect(tokens.accessToken).not.toBe(leaked);

  await chmod(bed.dir, 0o755);
  await chmod(alice, 0o640);
  const warnings: string[] = [];
  await acquireTokens(config, 'admin', { warn: (m) => warnings.push(m) });
  expect(warnings).toEqual([
    expect.stringMatching(/^okta: the token cache directory .* was open to other users \(0755\); made it private \(0700\)\. Check OKTA_CACHE_DIR\.$/),
    expect.stringMatching(/permissions too open \(0640, expected 0600\)/),
  ]);
  expect(await modeOf(bed.dir)).toBe('0700');
  expect(await modeOf(alice)).toBe('0600');
});

test('eight acquirers at once over a garbage file: one login, one warning, the same token for all', async () => {
  await acquireTokens(config, 'admin');
  await writeFile(await fileOf('admin'), '{"version":1,"accessTo');
  const before = bed.emulator.stats()[ROUTES.authn] ?? 0;
  const warnings: string[] = [];
  const results = await Promise.all(Array.from({ length: 8 }, () => acquireTokens(config, 'admin', { warn: (m) => warnings.push(m) })));
  expect((bed.emulator.stats()[ROUTES.authn] ?? 0) - before).toBe(1);
  expect(new Set(results.map((r) => r.tokens.accessToken)).size).toBe(1);
  expect(results.filter((r) => r.source === 'login')).toHaveLength(1);
  expect(warnings).toHaveLength(1);
  expect(await tempFiles(bed.dir)).toEqual([]);
});
