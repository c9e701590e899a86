// A holder that loses its lock must not go on. The per-identity lock goes stale when its holder stops
// refreshing it (a killed process, but also a frozen one); the next process then takes it. Were the
// first to wake and go on, two processes would log in, refresh (with rotation, spend one refresh token
// twice) and write the same identity. Real processes, a real lock: a holder is frozen with SIGSTOP in
// the middle of its login (its authn answer is held back by the emulator so that there is a middle), then
// its lock is made stale by hand, or removed; the holder, woken, ends with ERR_LOCK_COMPROMISED and
// writes nothing.
import { readdir, readFile, rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { engineEnv, ROUTES, useEngineBed } from './support.js';
import { runAcquire, startAcquire, type AcquireChild } from './processes.js';

const bed = useEngineBed({ dirPrefix: 'okta-lock-lost-' });
// Long enough for the test to see the holder inside the lock and act; the holder waits it out anyway.
const HOLD_MS = 6_000;

/**
 * Starts a login in a child and resolves once it holds the lock (its owner file names it) and its authn
 * request is in flight: past its look into the cache, so that it cannot simply take what another holder
 * writes meanwhile (which would be right, but not the case under test).
 */
async function holderInsideLock(): Promise<{ holder: AcquireChild; tokenFile: string }> {
  bed.emulator.addFault({ route: ROUTES.authn, delayMs: HOLD_MS, times: 1 });
  const holder = startAcquire(engineEnv(bed.emulator, bed.dir));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const owner = (await readdir(bed.dir)).find((name) => name.endsWith('.json.owner'));
    const pid = owner ? (JSON.parse(await readFile(path.join(bed.dir, owner), 'utf8').catch(() => '{}')) as { pid?: number }).pid : undefined;
    const authnSent = (bed.emulator.stats()[ROUTES.authn] ?? 0) > 0;
    if (owner && pid === holder.child.pid && authnSent) return { holder, tokenFile: path.join(bed.dir, owner.slice(0, -'.owner'.length)) };
    if (Date.now() > deadline) throw new Error('the holder never took the lock and sent its authn');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function freeze(child: AcquireChild, signal: 'SIGSTOP' | 'SIGCONT'): void {
  expect(child.child.kill(signal)).toBe(true);
}

test('a holder frozen past the stale bound, whose lock another process took, stops with ERR_LOCK_COMPROMISED and writes nothing', async () => {
  const { holder, tokenFile } = await holderInsideLock();
  freeze(holder, 'SIGSTOP');
  try {
    // Stale by hand: an mtime older than the 8 s bound, as a holder frozen that long leaves it.
    const past = new Date(Date.now() - 60_000);
    await utimes(`${tokenFile}.lock`, past, past);
    const second = await runAcquire(engineEnv(bed.emulator, bed.dir));
    expect(second.result, second.stderr).toMatchObject({ source: 'login' });
    const written = await readFile(tokenFile, 'utf8');
    freeze(holder, 'SIGCONT');

    const first = await holder.done;
    expect(first.result.code, first.result.message).toBe('ERR_LOCK_COMPROMISED');
    expect(first.result.message).toMatch(/lost the login lock .*Stopped before/);
    expect(first.exit).toBe(1);
    // What the second holder wrote stands, byte for byte; its owner file was not the first's to remove.
    expect(await readFile(tokenFile, 'utf8')).toBe(written);
    expect(JSON.parse(written).accessToken).toBeTruthy();
  } finally {
    holder.child.kill('SIGCONT');
    holder.child.kill('SIGKILL');
  }
});

test('a holder whose lock directory was removed mid-hold stops with ERR_LOCK_COMPROMISED before writing', async () => {
  const { holder, tokenFile } = await holderInsideLock();
  await rm(`${tokenFile}.lock`, { recursive: true, force: true });
  const first = await holder.done;
  expect(first.result.code, first.result.message).toBe('ERR_LOCK_COMPROMISED');
  expect(first.result.message).toMatch(/lock directory was removed|ENOENT|Unable to update lock/);
  expect((await readdir(bed.dir)).filter((name) => name.startsWith('okta-') && name.endsWith('.json'))).toEqual([]);
  // The next process logs in as usual.
  const next = await runAcquire(engineEnv(bed.emulator, bed.dir));
  expect(next.result, next.stderr).toMatchObject({ source: 'login' });
});
