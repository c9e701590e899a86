// Helpers for the engine's tests: a private cache directory, the environment that points the engine at
// a test's emulator, child processes running the real CLI, and a scanner for secrets in anything printed.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorHandle, StartEmulatorOptions } from '../../src/emulator/types.js';
import { scratchDir } from '../support/scratch.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PASSWORD = 'Passw0rd!';
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const WEB_SECRET = 'demo-web-secret';
export const SERVICE_SECRET = 'demo-service-secret';
/** Values that must never be printed, plus whatever a test adds (tokens, private keys). */
export const KNOWN_SECRETS = [PASSWORD, TOTP_SECRET, WEB_SECRET, SERVICE_SECRET];

/** What a spec file's tests share: one emulator per file and a fresh cache directory per test. */
export interface EngineBed {
  emulator: EmulatorHandle;
  dir: string;
}

/**
 * Registers the hooks every engine spec needs: an emulator started once per file (reset before each test
 * unless `resetEach` is false) and a new cache directory per test, removed after it. Hooks the file adds
 * afterwards run after these, so they can use `bed.dir`.
 */
export function useEngineBed(options: { emulator?: StartEmulatorOptions; dirPrefix?: string; resetEach?: boolean } = {}): EngineBed {
  const bed = {} as EngineBed;
  test.beforeAll(async () => {
    bed.emulator = await startEmulator({ port: 0, ...options.emulator });
  });
  test.afterAll(async () => {
    await bed.emulator?.close();
  });
  test.beforeEach(async () => {
    if (options.resetEach ?? true) bed.emulator.reset();
    bed.dir = await tempDir(options.dirPrefix);
  });
  test.afterEach(async () => {
    await removeDir(bed.dir);
  });
  return bed;
}

/** A scratch directory (tests/support/scratch.ts): removed when the worker exits, if a test's own cleanup did not. */
export function tempDir(prefix = 'okta-engine-'): Promise<string> {
  return scratchDir(prefix);
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** A clean environment for the engine: no inherited OKTA_* (a developer's .env must not leak in). */
export function engineEnv(emulator: Pick<EmulatorHandle, 'issuer'>, cacheDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('OKTA_') && name !== 'APP_BASE_URL') base[name] = value;
  }
  return {
    ...base,
    OKTA_ISSUER: emulator.issuer,
    OKTA_CLIENT_ID: 'demo-spa',
    OKTA_REDIRECT_URI: 'http://localhost:3000/login/callback',
    OKTA_USERNAME: 'alice@example.com',
    OKTA_PASSWORD: PASSWORD,
    OKTA_CACHE_DIR: cacheDir,
    ...extra,
  };
}

/** Emulator request counts since `before` (a stats() snapshot). */
export function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [route, count] of Object.entries(after)) {
    const d = count - (before[route] ?? 0);
    if (d) out[route] = d;
  }
  return out;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dist/cli/bin/okta-token.js` (what `npx okta-token` runs) in a child process; `cwd` outside the repo keeps a developer's .env out. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/bin/okta-token.js'), ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Everything an error could show: message, toString, and a deep inspect including its cause chain. */
export function errorText(error: unknown): string {
  return `${(error as Error)?.message}\n${String(error)}\n${inspect(error, { depth: 8 })}`;
}

/** The secrets (by name) found in `text`; sessionTokens and codes are caught by their parameter names. */
export function secretsIn(text: string, extra: string[] = []): string[] {
  const found = [...KNOWN_SECRETS, ...extra].filter((secret) => secret && text.includes(secret));
  if (/sessionToken=[^&\s"']+/.test(text)) found.push('sessionToken=…');
  if (/[?&#]code=[^&\s"']+/.test(text)) found.push('code=…');
  if (/"sessionToken"\s*:/.test(text)) found.push('"sessionToken": …');
  return found;
}
