// okta-token warm, --account and --min-ttl, run as `npx okta-token` runs (what playwright-okta/jest spawns):
// one line per identity and never a token on stdout, the usual first stderr line on failure, pools by
// account, and no secret in anything printed.
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { type CliResult, PASSWORD, delta, engineEnv, runCli, secretsIn, useEngineBed } from './support.js';

const bed = useEngineBed({ dirPrefix: 'okta-cli-warm-' });

const ROLES = { OKTA_USERNAME: '', OKTA_PASSWORD: '', OKTA_ROLES: 'admin,pool', OKTA_ADMIN_USERNAME: 'alice@example.com', OKTA_ADMIN_PASSWORD: PASSWORD, OKTA_POOL_USERNAME: 'bob@example.com,alice@example.com', OKTA_POOL_PASSWORD: PASSWORD };

async function cli(args: string[], extra: Record<string, string> = ROLES): Promise<CliResult> {
  const result = await runCli(args, engineEnv(bed.emulator, bed.dir, extra), bed.dir);
  expect(secretsIn(result.stdout + result.stderr, ['not-the-password'])).toEqual([]);
  // A JWT is three base64url parts: none may reach stdout or stderr of `warm`.
  if (args[0] === 'warm') expect(result.stdout + result.stderr).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  return result;
}

test('warm: every identity and every account of a pool, one line each; a second run is served from the cache', async () => {
  const before = bed.emulator.stats();
  const cold = await cli(['warm']);
  expect(cold.code, cold.stderr).toBe(0);
  expect(cold.stderr).toBe('');
  expect(cold.stdout.trimEnd().split('\n').sort()).toEqual([
    expect.stringMatching(/^okta: admin \(alice@example\.com\) logged in in \d+ ms$/),
    expect.stringMatching(/^okta: pool \(alice@example\.com\) logged in in \d+ ms$/),
    expect.stringMatching(/^okta: pool \(bob@example\.com\) logged in in \d+ ms$/),
  ]);
  expect(delta(bed.emulator.stats(), before)['POST /api/v1/authn']).toBeGreaterThanOrEqual(3);

  const mid = bed.emulator.stats();
  const again = await cli(['warm']);
  expect(again.stdout.trimEnd().split('\n')).toHaveLength(3);
  expect(again.stdout).toMatch(/^(okta: \w+ \([\w.@]+\) from cache, expires in \d+ min\n){3}$/);
  expect(delta(bed.emulator.stats(), mid)['POST /api/v1/authn']).toBeUndefined();
});

test('warm --role --account: one account of one pool (modulo its size); --min-ttl beyond the tokens\' life logs in again', async () => {
  const one = await cli(['warm', '--role', 'pool', '--account', '3']);
  expect(one.code, one.stderr).toBe(0);
  expect(one.stdout).toMatch(/^okta: pool \(alice@example\.com\) logged in in \d+ ms\n$/);
  const cached = await cli(['warm', '--role', 'pool', '--account', '1']);
  expect(cached.stdout).toMatch(/^okta: pool \(alice@example\.com\) from cache/);
  const stale = await cli(['warm', '--role', 'pool', '--account', '1', '--min-ttl', '999999']);
  expect(stale.stdout).toMatch(/^okta: pool \(alice@example\.com\) logged in in \d+ ms\n$/);
});

test('the token command takes --account and --min-ttl too', async () => {
  const bob = await cli(['--role', 'pool', '--format', 'json']);
  const mfa = await cli(['--role', 'pool', '--account', '1', '--format', 'json']);
  expect([JSON.parse(bob.stdout).username, JSON.parse(mfa.stdout).username]).toEqual(['bob@example.com', 'alice@example.com']);
  const before = bed.emulator.stats();
  const again = await cli(['--role', 'pool', '--account', '1', '--min-ttl', '999999', '--format', 'json']);
  expect(JSON.parse(again.stdout).accessToken).not.toBe(JSON.parse(mfa.stdout).accessToken);
  expect(delta(bed.emulator.stats(), before)['POST /api/v1/authn']).toBe(1);
});

test('warm failures: the others still warm; exit 1; the first stderr line is the coded failure', async () => {
  const one = await cli(['warm'], { ...ROLES, OKTA_ADMIN_PASSWORD: 'not-the-password' });
  expect(one.code, one.stdout + one.stderr).toBe(1);
  expect(one.stdout).toMatch(/^okta: admin \(alice@example\.com\) failed: ERR_AUTHN_FAILED: /m);
  expect(one.stdout).toMatch(/^okta: pool \(bob@example\.com\) logged in/m);
  expect(one.stderr.split('\n')[0]).toMatch(/^okta-token: ERR_AUTHN_FAILED: /);

  // Another cache directory: the first run cached the pool's tokens, and a cache hit asks for no password.
  const two = await cli(['warm'], { ...ROLES, OKTA_POOL_PASSWORD: 'not-the-password', OKTA_CACHE_DIR: path.join(bed.dir, 'two') });
  expect(two.code).toBe(1);
  expect(two.stderr.split('\n')[0]).toMatch(/^okta-token: ERR_AUTHN_FAILED: 2 of 3 identities could not log in: pool \(bob@example\.com\): ERR_AUTHN_FAILED, pool \(alice@example\.com\): ERR_AUTHN_FAILED\./);

  const unknown = await cli(['warm', '--role', 'nobody']);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr.split('\n')[0]).toMatch(/^okta-token: ERR_CONFIG: No identity for role 'nobody'/);
});

test('usage errors exit 2', async () => {
  for (const args of [['warm', '--account', '-1'], ['warm', '--min-ttl', 'soon'], ['--account', '1.5'], ['warm', '--bogus']]) {
    const run = await cli(args);
    expect(run.code, args.join(' ')).toBe(2);
    expect(run.stdout).toBe('');
  }
});
