// okta-token, run as a child process exactly as `npx okta-token` runs it (bin/okta-token.js): formats,
// exit codes, the first stderr line on failure, nothing but the answer on stdout, and no secret anywhere
// (every run's output is scanned).
import { test, expect } from '@playwright/test';
import { decodeJwt } from 'jose';
import { type CliResult, engineEnv, runCli, secretsIn, useEngineBed } from './support.js';

const bed = useEngineBed();

/** Runs the CLI outside the repo (no .env of a developer's) and checks its output for secrets every time. */
async function cli(args: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  const result = await runCli(args, engineEnv(bed.emulator, bed.dir, extra), bed.dir);
  expect(secretsIn(result.stdout + result.stderr, ['not-the-password'])).toEqual([]);
  return result;
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

test('default format: the access token alone on stdout, nothing on stderr', async () => {
  const run = await cli([]);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  expect(decodeJwt(run.stdout.trim()).sub).toBe('alice@example.com');
});

test('--format header and curl', async () => {
  const header = await cli(['--format', 'header']);
  expect(header.code).toBe(0);
  expect(header.stdout).toMatch(/^Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+\n$/);
  const curl = await cli(['--format=curl']);
  expect(curl.stdout).toMatch(/^-H "Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+"\n$/);
  // Same cache: the same token.
  expect(curl.stdout).toContain(header.stdout.trim().slice('Authorization: Bearer '.length));
});

test('--format json: token, expiry, scopes, subject, role, issuer and claims; no ID or refresh token', async () => {
  const run = await cli(['--format', 'json'], { OKTA_SCOPES: 'openid profile email offline_access' });
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(out).toMatchObject({
    tokenType: 'Bearer',
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    role: 'default',
    issuer: bed.emulator.issuer,
    username: 'alice@example.com',
    claims: { sub: 'alice@example.com' },
  });
  expect(out.accessToken).toMatch(JWT);
  expect(out.subject).toMatch(/^00u/);
  expect(new Date(out.expiresAt as string).getTime()).toBeGreaterThan(Date.now());
  expect(run.stdout).not.toMatch(/refresh|idToken|id_token|password/i);
});

test('--role picks a configured identity; --fresh logs in again', async () => {
  const extra = { OKTA_USERNAME: '', OKTA_PASSWORD: '', OKTA_ROLES: 'admin,user', OKTA_ADMIN_USERNAME: 'alice@example.com', OKTA_ADMIN_PASSWORD: 'Passw0rd!', OKTA_USER_USERNAME: 'bob@example.com', OKTA_USER_PASSWORD: 'Passw0rd!' };
  const admin = await cli([], extra);
  expect(decodeJwt(admin.stdout.trim()).sub).toBe('alice@example.com');
  const user = await cli(['--role', 'user'], extra);
  expect(decodeJwt(user.stdout.trim()).sub).toBe('bob@example.com');
  const before = bed.emulator.stats()['POST /api/v1/authn'] ?? 0;
  const fresh = await cli(['--role', 'user', '--fresh'], extra);
  expect(fresh.code).toBe(0);
  expect(fresh.stdout).not.toBe(user.stdout);
  expect(bed.emulator.stats()['POST /api/v1/authn']).toBe(before + 1);
});

test('an unknown flag or format exits 2 with the usage', async () => {
  for (const args of [['--bogus'], ['--format', 'xml'], ['positional']]) {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(/^okta-token: /);
    expect(run.stderr).toContain('usage: okta-token [--role NAME] [--format token|header|json|curl] [--fresh]');
  }
  const help = await cli(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('usage: okta-token');
});

test('failures exit 1 with `okta-token: ERR_…: <what to do>` as the first stderr line, stdout empty', async () => {
  const cases: Array<[Record<string, string>, string[], RegExp]> = [
    [{ OKTA_PASSWORD: 'not-the-password' }, [], /^okta-token: ERR_AUTHN_FAILED: .*OKTA_PASSWORD/],
    [{ OKTA_USERNAME: 'mfa@example.com' }, [], /^okta-token: ERR_MFA_REQUIRED: .*OKTA_TOTP_SECRET/],
    [{ OKTA_ISSUER: 'http://example.com/oauth2/default' }, [], /^okta-token: ERR_CONFIG: OKTA_ISSUER must use https/],
    [{}, ['--role', 'nobody'], /^okta-token: ERR_CONFIG: No identity for role 'nobody'/],
    [{ OKTA_REDIRECT_URI: 'http://localhost:3000/elsewhere' }, [], /^okta-token: ERR_REDIRECT_URI: .*http:\/\/localhost:3000\/elsewhere/],
  ];
  for (const [extra, args, firstLine] of cases) {
    const run = await cli(args, extra);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(firstLine);
    expect(run.stderr).not.toContain('not-the-password');
  }
});
