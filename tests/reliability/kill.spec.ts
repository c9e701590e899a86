// A process killed with SIGKILL in the middle of a login, holding the identity's lock while its /authorize
// request is in flight: another process takes over within seconds (the lock goes stale in 8 s) and logs in
// once; the dead one leaves no half-written file. tests/engine/concurrency.spec.ts kills a process that only
// holds the lock; this one dies mid-flow, with Okta's sessionToken spent.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { acquireTokens, loadConfig } from '../../src/engine/index.js';
import { engineEnv, modeOf, ROOT, ROUTES, runCli, tempFiles, tokenFiles, useEngineBed } from './support.js';

const bed = useEngineBed({ dirPrefix: 'okta-kill-' });

test('SIGKILL mid-login while holding the lock: the next process takes over within seconds and logs in once', async () => {
  test.setTimeout(60_000);
  const env = engineEnv(bed.emulator, bed.dir);
  // Discovery and JWKS on disk, then a cache to be replaced: the killed process is doing a --fresh login.
  await acquireTokens(loadConfig(env), 'default');
  bed.emulator.reset();
  bed.emulator.addFault({ route: ROUTES.authorize, delayMs: 60_000 });
  const victim = spawn(process.execPath, [path.join(ROOT, 'dist/cli/bin/okta-token.js'), '--fresh'], { env, cwd: bed.dir, stdio: 'ignore' });
  const exited = new Promise((resolve) => victim.once('exit', resolve));
  // Wait until it is mid-flow: authn done, /authorize in flight (held by the delay), lock held.
  for (let waited = 0; (bed.emulator.stats()[ROUTES.authorize] ?? 0) === 0; waited += 50) {
    expect(waited, 'the victim never reached /authorize').toBeLessThan(20_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  victim.kill('SIGKILL');
  await exited;

  const started = Date.now();
  const heir = await runCli(['--fresh'], env, bed.dir);
  const took = Date.now() - started;
  expect(heir.code, heir.stderr).toBe(0);
  expect(heir.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  // It waited for the dead holder's lock to go stale (8 s), not for the 60 s delay, nor the 120 s lock
  // timeout (the margin is for a loaded machine, where starting the CLI alone can take seconds).
  expect(took).toBeGreaterThan(3_000);
  expect(took).toBeLessThan(40_000);
  // The victim's authn, then the heir's own single login.
  expect(bed.emulator.stats()[ROUTES.authn]).toBe(2);
  expect(bed.emulator.stats()[ROUTES.authorize]).toBe(2);
  expect(bed.emulator.stats()[ROUTES.token]).toBe(1);
  const [file] = await tokenFiles(bed.dir);
  expect(await modeOf(path.join(bed.dir, file!))).toBe('0600');
  expect(await tempFiles(bed.dir)).toEqual([]);
  console.log(`kill: the heir logged in ${took} ms after the holder was killed`);
});
