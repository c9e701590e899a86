// `npm run demo-app` as Playwright's webServer runs it: a child process configured by the environment,
// one line on stdout, a clean exit on SIGTERM, and no secret in its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorHandle } from '../../src/emulator/types.js';
import { freePort } from '../support/free-port.js';
import { demoSeed } from './stack.js';

let emulator: EmulatorHandle;
let port: number;
let child: ChildProcess | undefined;

test.beforeAll(async () => {
  port = await freePort();
  emulator = await startEmulator({ port: 0, seed: demoSeed(`http://localhost:${port}`) });
});
test.afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await emulator?.close();
});

test('the CLI prints its URL once, serves, and exits 0 on SIGTERM without printing a secret', async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'demo-app/cli.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      APP_PORT: String(port),
      OKTA_ISSUER: emulator.issuer,
      DEMO_WEB_CLIENT_SECRET: 'demo-web-secret',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  await expect.poll(() => stdout, { timeout: 20_000 }).toContain('\n');
  expect(stdout).toBe(`demo app: http://localhost:${port}\n`);

  const response = await fetch(`http://127.0.0.1:${port}/api/me`);
  expect(response.status).toBe(401);

  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(stdout + stderr).not.toContain('demo-web-secret');
  expect(stderr).toBe('');
});
