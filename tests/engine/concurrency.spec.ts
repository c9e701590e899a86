// Many processes, one login: eight CLI processes started together on a cold cache make exactly one authn
// request and all print the same token; a warm run makes none; a lock left by a killed process is
// recovered within seconds; a corrupt cache file is discarded with a warning.
import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { acquireTokens, loadConfig } from '../../src/engine/index.js';
import { delta, engineEnv, ROOT, runCli, secretsIn, useEngineBed } from './support.js';

const bed = useEngineBed();

async function tokenFile(): Promise<string> {
  const name = (await readdir(bed.dir)).find((f) => /^okta-default-user-[0-9a-f]+\.json$/.test(f));
  expect(name).toBeTruthy();
  return path.join(bed.dir, name!);
}

test('eight processes on a cold cache: one authn, one token for all; a warm run asks Okta only for its keys', async () => {
  test.setTimeout(120_000);
  const env = engineEnv(bed.emulator, bed.dir);
  const before = bed.emulator.stats();
  const cold = await Promise.all(Array.from({ length: 8 }, () => runCli([], env, bed.dir)));
  for (const run of cold) expect(run.code, run.stderr).toBe(0);
  const tokens = new Set(cold.map((run) => run.stdout.trim()));
  expect(tokens.size).toBe(1);
  const cost = delta(bed.emulator.stats(), before);
  expect(cost['POST /api/v1/authn']).toBe(1);
  expect(cost['GET /oauth2/default/v1/authorize']).toBe(1);
  expect(cost['POST /oauth2/default/v1/token']).toBe(1);
  for (const run of cold) expect(run.stderr).toBe('');

  const warmBefore = bed.emulator.stats();
  const warm = await Promise.all(Array.from({ length: 8 }, () => runCli([], env, bed.dir)));
  for (const run of warm) expect(run.stdout.trim()).toBe([...tokens][0]);
  // Nothing but the issuer's keys, once per process: is the cached token's key still published?
  expect(delta(bed.emulator.stats(), warmBefore)).toEqual({ 'GET /oauth2/default/v1/keys': 8 });
});

test('a lock left by a killed process is recovered within seconds', async () => {
  test.setTimeout(60_000);
  const config = loadConfig(engineEnv(bed.emulator, bed.dir));
  await acquireTokens(config, 'default');
  const file = await tokenFile();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/engine/hold-lock.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', () => reject(new Error('the lock holder exited early')));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const started = Date.now();
  const { source } = await acquireTokens(config, 'default', { fresh: true });
  expect(source).toBe('login');
  // The lock was alive when its holder died, so the wait is real but bounded by the staleness window (8 s;
  // the margin is for a loaded machine), far from the 120 s lock timeout.
  expect(Date.now() - started).toBeGreaterThan(1_000);
  expect(Date.now() - started).toBeLessThan(40_000);
});

test('a corrupt cache file is discarded with a warning and replaced', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir));
  const first = await acquireTokens(config, 'default');
  const file = await tokenFile();
  for (const junk of ['{"version":1,"accessTo', 'null', '{"version":2}', '\u0000\u0001garbage']) {
    await writeFile(file, junk);
    const warnings: string[] = [];
    const again = await acquireTokens(config, 'default', { warn: (m) => warnings.push(m) });
    expect(again.source).toBe('login');
    expect(again.tokens.accessToken).not.toBe(first.tokens.accessToken);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/discarding the token cache file .* logging in again/);
    expect((await acquireTokens(config, 'default')).source).toBe('cache');
  }
});

test('the CLI reports a corrupt cache on stderr, still prints only the token on stdout', async () => {
  const env = engineEnv(bed.emulator, bed.dir);
  const first = await runCli([], env, bed.dir);
  await writeFile(await tokenFile(), 'not json');
  const run = await runCli([], env, bed.dir);
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(run.stdout.trim()).not.toBe(first.stdout.trim());
  expect(run.stderr).toMatch(/discarding the token cache file/);
  expect(secretsIn(run.stdout + run.stderr)).toEqual([]);
});
