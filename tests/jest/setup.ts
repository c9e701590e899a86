// What Jest's globalSetup and globalTeardown run (through global-setup.mjs / global-teardown.mjs): an
// emulator and the demo app on free ports (as tests/demo-app/stack.ts starts them), the environment
// pointing the engine at them (test workers inherit it), and every identity logged in once.
// A user's own globalSetup needs only warmTokens (Jest's config gives it the rootDir).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { warmTokens } from 'playwright-okta/jest';
import { stackOktaEnv, startDemoStack, type DemoStack } from '../demo-app/stack.js';

export interface JestStack {
  stack: DemoStack;
  cacheDir: string;
}

declare global {
  // Shared with tearDown(), which Jest runs in the same process (each tsImport loads this module afresh).
  var __oktaJestStack: JestStack | undefined;
}

// Blanked so that a developer's .env (read under process.env, which wins) cannot add or change identities.
const BLANK = ['OKTA_USERNAME', 'OKTA_PASSWORD', 'OKTA_TOTP_SECRET', 'OKTA_CLIENT_SECRET', 'OKTA_PRIVATE_KEY', 'OKTA_CLIENT_AUTH_METHOD', 'OKTA_SCOPES', 'OKTA_AUDIENCE', 'OKTA_RESPONSE_MODE'];

export async function setUp(rootDir: string): Promise<void> {
  const stack = await startDemoStack();
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'okta-jest-'));
  globalThis.__oktaJestStack = { stack, cacheDir };
  for (const name of BLANK) process.env[name] = '';
  Object.assign(process.env, stackOktaEnv(stack, cacheDir));
  console.log('');
  await warmTokens({ rootDir });
}

export async function tearDown(): Promise<void> {
  const started = globalThis.__oktaJestStack;
  if (!started) return;
  globalThis.__oktaJestStack = undefined;
  await started.stack.close();
  await rm(started.cacheDir, { recursive: true, force: true });
}
