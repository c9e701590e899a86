// The emulator's command line: `tsx emulator/cli.ts --port N [--seed FILE]` (what `npm run emulator` runs)
// prints one issuer line, serves on 127.0.0.1, stops cleanly on SIGINT/SIGTERM, refuses bad flags with 2.
// tsx is started directly, in its own process group: a signal to `npx` would not reach the emulator, and
// the group lets `finally` stop every process a failed test left behind.
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../support/free-port.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'dist', 'emulator', 'bin', 'okta-emulator.js');

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runCli(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Signals the whole process group; quiet when it is already gone. */
function signal(running: Running, name: NodeJS.Signals): void {
  try {
    process.kill(-running.child.pid!, name);
  } catch {
    // already exited
  }
}

async function issuerLine(running: Running): Promise<string> {
  await expect.poll(() => running.stdout(), { timeout: 20_000 }).toContain('\n');
  return running.stdout().trim();
}

/** npm's own warnings (e.g. about the local npmrc) are not the CLI's output. */
function cliErrors(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('npm warn'))
    .join('\n');
}

test('prints its issuer, serves on 127.0.0.1 and exits 0 on SIGTERM', async () => {
  const port = await freePort();
  const running = runCli(['--port', String(port)]);
  try {
    const line = await issuerLine(running);
    expect(line).toBe(`okta emulator: issuer http://127.0.0.1:${port}/oauth2/default (org http://127.0.0.1:${port})`);
    const res = await fetch(`http://127.0.0.1:${port}/oauth2/default/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect((await res.json()).issuer).toBe(`http://127.0.0.1:${port}/oauth2/default`);
    const authn = await fetch(`http://127.0.0.1:${port}/api/v1/authn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice@example.com', password: 'Passw0rd!' }),
    });
    expect((await authn.json()).status).toBe('SUCCESS');
  } finally {
    signal(running, 'SIGTERM');
  }
  expect(await running.exited).toEqual({ code: 0, signal: null });
  // Nothing per request, no secret: the one line is all it printed.
  expect(running.stdout().trim().split('\n')).toHaveLength(1);
  expect(running.stdout()).not.toContain('Passw0rd!');
  expect(cliErrors(running.stderr())).toBe('');
  await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
});

test('stops on SIGINT too', async () => {
  const port = await freePort();
  const running = runCli([`--port=${port}`]);
  try {
    await issuerLine(running);
  } finally {
    signal(running, 'SIGINT');
  }
  expect(await running.exited).toEqual({ code: 0, signal: null });
  await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
});

test('--seed FILE adds users to the default seed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-seed-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({ users: [{ login: 'dana@example.com', password: 'Dana-1234', firstName: 'Dana', lastName: 'Seeded' }] }));
  const port = await freePort();
  const running = runCli(['--port', String(port), '--seed', seedFile]);
  try {
    await issuerLine(running);
    const login = (username: string, password: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect((await (await login('dana@example.com', 'Dana-1234')).json()).status).toBe('SUCCESS');
    expect((await (await login('bob@example.com', 'Passw0rd!')).json()).status).toBe('SUCCESS');
  } finally {
    signal(running, 'SIGTERM');
    await running.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad flags: a clear error and exit code 2', async () => {
  for (const args of [['--port', 'abc'], ['--port'], ['--bogus'], ['--port', '70000']]) {
    const running = runCli(args);
    const { code } = await running.exited;
    expect(code, args.join(' ')).toBe(2);
    expect(cliErrors(running.stderr())).toMatch(/^okta emulator: .+\nusage: okta-emulator \[--port N\] \[--seed FILE\] \[--state FILE\] /);
    expect(running.stdout()).toBe('');
  }
});

test('a missing seed file or a busy port: a clear error and exit code 1', async () => {
  const missing = runCli(['--port', '0', '--seed', '/nonexistent/seed.json']);
  expect((await missing.exited).code).toBe(1);
  expect(cliErrors(missing.stderr())).toContain('Cannot read the emulator seed file /nonexistent/seed.json');

  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const busy = runCli(['--port', String(port)]);
    expect((await busy.exited).code).toBe(1);
    expect(cliErrors(busy.stderr())).toBe(`okta emulator: cannot start: port ${port} is already in use (choose another with --port)`);
  } finally {
    blocker.close();
  }
});
